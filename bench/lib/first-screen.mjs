// The first screen: every byte a page transfers until its sign-in control shows (and the
// network is idle), raw and as sent (gzip), by kind, counted by Chromium's network events.

/** Loads `url` in a fresh context and waits for `ready`; the bytes by kind, and the totals. */
export async function firstScreen(browser, url, ready) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  const requests = new Map();
  cdp.on("Network.responseReceived", (e) => requests.set(e.requestId, { mime: e.response.mimeType, raw: 0, wire: 0 }));
  cdp.on("Network.dataReceived", (e) => {
    const r = requests.get(e.requestId);
    if (r) r.raw += e.dataLength;
  });
  cdp.on("Network.loadingFinished", (e) => {
    const r = requests.get(e.requestId);
    if (r) r.wire = e.encodedDataLength;
  });
  await page.goto(url);
  await page.waitForFunction(ready, null, { timeout: 60_000 });
  await page.waitForLoadState("networkidle");
  await context.close();
  const kinds = { wasm: [0, 0], js: [0, 0], css: [0, 0], html: [0, 0], other: [0, 0] };
  for (const r of requests.values()) {
    const kind = /wasm/.test(r.mime) ? "wasm" : /javascript/.test(r.mime) ? "js" : /css/.test(r.mime) ? "css" : /html/.test(r.mime) ? "html" : "other";
    kinds[kind][0] += r.raw;
    kinds[kind][1] += r.wire;
  }
  // The first screen is the code and styles: wasm, JS and CSS (the host page is the portal's).
  const total = ["wasm", "js", "css"].reduce((t, k) => [t[0] + kinds[k][0], t[1] + kinds[k][1]], [0, 0]);
  return { kinds, total, requests: requests.size };
}
