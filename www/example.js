// The example portal page's script: logs the element's events and opens the picker as a dialog.
// `?emulator=http://127.0.0.1:PORT` points both at another offline tenant on this machine.
import { OneDrivePicker } from "./onedrive-picker.js";

const picker = document.getElementById("picker");
const log = document.getElementById("log");

/**
 * The offline tenant named by `?emulator=`, only when it is plain http on a loopback address
 * (the emulator listens nowhere else): a link must never send the sign-in, or a token, to another
 * host. REMOVE THIS IN PRODUCTION: a portal's authority and Graph address are fixed in its page.
 */
function loopbackEmulator() {
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
  console.warn("example: ?emulator= takes a loopback address only (http://127.0.0.1:PORT); ignored");
  return null;
}

const emulator = loopbackEmulator();
const authority = emulator ? `${emulator}/common` : picker.getAttribute("authority");
const graph = emulator ? `${emulator}/v1.0` : picker.getAttribute("graph-url");
if (emulator) {
  picker.setAttribute("authority", authority);
  picker.setAttribute("graph-url", graph);
}

function say(text) {
  const line = document.createElement("li");
  line.textContent = text;
  log.append(line);
}

picker.addEventListener("picker-signin", (e) => say(`picker-signin: ${e.detail.name} <${e.detail.username}>`));
picker.addEventListener("picker-signout", () => say("picker-signout"));
picker.addEventListener("picker-error", (e) => say(`picker-error: ${e.detail.code} (${e.detail.action}): ${e.detail.message}`));
picker.addEventListener("picker-cancel", () => say("picker-cancel"));
picker.addEventListener("picker-pick", (e) => say(`picker-pick: ${e.detail.map((i) => i.name).join(", ")}`));

document.getElementById("choose").addEventListener("click", async () => {
  try {
    const items = await OneDrivePicker.open({
      clientId: picker.getAttribute("client-id"),
      authority,
      graphBase: graph,
      scopes: "User.Read Files.Read.All",
      filters: ".docx .xlsx .pptx .pdf",
    });
    say(`dialog: ${items.map((i) => i.name).join(", ")}`);
  } catch (e) {
    say(`dialog: ${e.code}`);
  }
});
