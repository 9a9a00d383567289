// A page of the packed package on a site of its own, for the test files that drive the element,
// the dialog and mountPicker directly: `usePackagePage()` starts the emulator (with the portal's
// registration), the site and a browser before the file's tests, gets a token for Adele, and
// ends them after. Its pages have the package's stylesheet, `window.OneDrivePicker`,
// `window.mount(options)` (mountPicker in `#p` with the token; errors in `window.errors`) and
// `window.element(attributes, { token, ...properties })` (an <onedrive-picker> in `main`, with the
// token unless `token: false`).
import { before, after } from "node:test";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { startEmulator, serveStatic, launchBrowser, installPackage, tokenFor, PORTAL_CLIENT, ADELE, stopAll } from "./support.mjs";

const SCOPES = "openid offline_access User.Read Files.Read.All Files.ReadWrite Sites.Read.All";

/** The emulator, site, browser and token of the file's tests (set once they start), and `open`. */
export function usePackagePage() {
  const ctx = {};
  before(async () => {
    const { dir, emulatorArgs } = installPackage();
    ctx.emulator = await startEmulator(emulatorArgs);
    const base = ctx.emulator.base;
    writeFileSync(
      join(dir, "index.html"),
      `<!doctype html><html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Portal</title>
<link rel="stylesheet" href="/node_modules/onedrive-picker/picker.css">
<script type="module">
import * as odp from "/node_modules/onedrive-picker/onedrive-picker.js";
window.OneDrivePicker = odp.OneDrivePicker;
await odp.load();
const graphBase = "${base}/v1.0";
window.errors = [];
window.mount = (options) => {
  const host = document.createElement("div");
  host.id = "p";
  document.body.append(host);
  return odp.mountPicker(host, { graphBase, tokenProvider: async () => window.token, onError: (e) => window.errors.push(e), ...options });
};
window.element = (attributes, { token = true, ...properties } = {}) => {
  const e = document.createElement("onedrive-picker");
  e.id = "s";
  const given = { "client-id": "${PORTAL_CLIENT}", authority: "${base}/common", "graph-url": graphBase, ...attributes };
  for (const [name, value] of Object.entries(given)) e.setAttribute(name, value);
  if (token) e.tokenProvider = async () => window.token;
  Object.assign(e, properties);
  document.querySelector("main").append(e);
};
window.ready = true;
</script><main><h1>Portal</h1></main></html>`,
    );
    ctx.site = await serveStatic({ dir });
    ctx.browser = await launchBrowser();
    const app = { clientId: PORTAL_CLIENT, redirect: `${ctx.site.origin}/node_modules/onedrive-picker/auth.html` };
    ctx.token = (await tokenFor(base, ADELE, SCOPES, app)).access_token;
  });
  after(() => stopAll(ctx.browser, ctx.emulator, ctx.site));

  /** A page of the site (the token set), with the language modules it fetches in `modules`. */
  ctx.open = async (viewport = { width: 1100, height: 800 }) => {
    const context = await ctx.browser.newContext({ viewport });
    const page = await context.newPage();
    const modules = [];
    page.on("request", (r) => {
      const m = r.url().match(/\/split_(locale_?[a-z]*)\.wasm$/);
      if (m) modules.push(m[1]);
    });
    await page.goto(`${ctx.site.origin}/`);
    await page.waitForFunction(() => window.ready);
    await page.evaluate((t) => (window.token = t), ctx.token);
    return { context, page, modules };
  };
  return ctx;
}
