// The offline tenant a demo page is pointed at, for the example portal page and the demo page.

/**
 * The offline tenant named by `?emulator=`, only when it is plain http on a loopback address
 * (the emulator listens nowhere else): a link must never send the sign-in, or a token, to another
 * host. REMOVE THIS IN PRODUCTION: a portal's authority and Graph address are fixed in its page.
 */
export function loopbackEmulator() {
  const asked = new URLSearchParams(location.search).get("emulator");
  if (!asked) return null;
  try {
    const url = new URL(asked);
    const loopback = url.hostname === "localhost" || url.hostname === "[::1]" || /^127(\.\d{1,3}){3}$/.test(url.hostname);
    if (url.protocol === "http:" && loopback && !url.username && !url.password && url.pathname === "/" && !url.search && !url.hash) {
      return url.origin;
    }
  } catch {
    // Not a URL: ignored like any other address.
  }
  console.warn("?emulator= takes a loopback address only (http://127.0.0.1:PORT); ignored");
  return null;
}
