// The demo page for the browsing tests: an emulator, the demo site and a browser for the test
// file that calls `useDemo()`, and pages on it signed in or with a picker mounted.
import { before, after } from "node:test";
import { startEmulator, serveStatic, launchBrowser, completeSignIn, clickSignIn, stopAll } from "./support.mjs";

export { ADELE, PAT } from "./support.mjs";
export const FILES = "openid offline_access User.Read Files.Read.All Sites.Read.All";

/** Starts the emulator, the demo site and a browser before the file's tests, and ends them after;
 * returns them (once started), with `signedIn` and `mounted` bound to them. */
export function useDemo() {
  const demo = {};
  before(async () => {
    [demo.emulator, demo.site] = await Promise.all([startEmulator(), serveStatic()]);
    demo.browser = await launchBrowser();
  });
  after(() => stopAll(demo.browser, demo.emulator, demo.site));
  demo.signedIn = (...args) => signedIn(demo, ...args);
  demo.mounted = (...args) => mounted(demo, ...args);
  return demo;
}

/** The demo page, signed in as `upn`. */
export async function signedIn(demo, upn, viewport = { width: 1100, height: 800 }) {
  const { browser, site, emulator } = demo;
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(`${site.origin}/leptos/?emulator=${encodeURIComponent(emulator.base)}`);
  await completeSignIn(await clickSignIn(page), upn);
  await page.waitForSelector('role=listbox >> role=option');
  return { context, page, errors };
}

/** The demo page with a picker mounted by `mountPicker(options)` in `#p`, using `token`. */
export async function mounted(demo, token, options, ready = '#p >> role=listbox >> role=option') {
  const { browser, site, emulator } = demo;
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${site.origin}/leptos/?emulator=${encodeURIComponent(emulator.base)}`);
  await page.waitForFunction(() => window.wasmBindings?.mountPicker);
  await page.evaluate(
    ({ token, graph, options }) => {
      const host = document.createElement("div");
      host.id = "p";
      document.body.prepend(host);
      window.picks = [];
      window.cancels = 0;
      window.wasmBindings.mountPicker(host, {
        graphBase: graph,
        openFiles: false,
        tokenProvider: async () => token,
        onPick: (items) => window.picks.push(items),
        onCancel: () => window.cancels++,
        ...options,
      });
    },
    { token, graph: `${emulator.base}/v1.0`, options },
  );
  await page.waitForSelector(ready);
  return { context, page };
}

/** `selector` inside `scope` (a CSS selector, or nothing: the whole page). */
const within = (scope, selector) => (scope ? `${scope} >> ${selector}` : selector);
/** A role selector's quoted name. */
const quoted = (name) => `"${name.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"s`;

export const names = (page, scope = "") => page.$$eval(within(scope, "role=listbox >> role=option"), (els) => els.map((e) => e.title));
export const crumbs = (page) => page.$$eval('role=navigation[name="Folder path"s] >> role=listitem >> role=button', (els) => els.map((e) => e.textContent));
/** The listing's entry named `name`, as assistive technology finds it. */
export const item = (name, scope = "") => within(scope, `role=option[name=${quoted(name)}]`);
const SOURCES = { "my-files": "My files", recent: "Recent", shared: "Shared with me", sites: "SharePoint", teams: "Teams" };
/** The navigation pane's button for source `key`. */
export const source = (key, scope = "") => within(scope, `role=navigation[name="Sources"s] >> role=button[name=${quoted(SOURCES[key])}]`);
