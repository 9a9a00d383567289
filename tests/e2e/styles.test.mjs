// End-to-end: the package's stylesheet styles the picker and nothing else. A portal that mounts
// the picker into its own DOM (mountPicker, with picker.css linked in the page) keeps its own
// look: the computed styles of its root, body, headings, buttons, lists — and of an element that
// happens to share one of the picker's class names — are the same after mounting as before.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { startEmulator, serveStatic, launchBrowser, installPackage, tokenFor, PORTAL_CLIENT as CLIENT, stopAll } from "./support.mjs";

const ADELE = "AdeleV@contoso.onmicrosoft.com";
let emulator, site, browser, dir;

before(async () => {
  let emulatorArgs;
  ({ dir, emulatorArgs } = installPackage());
  emulator = await startEmulator(emulatorArgs);
  writeFileSync(
    join(dir, "portal.html"),
    `<!doctype html><html lang="en"><meta charset="utf-8"><title>Portal</title>
<style>h2 { color: rgb(10, 20, 30); } .card { padding: 3px; }</style>
<h1>Connector for Microsoft 365</h1>
<nav class="card"><ul><li><a href="#">Home</a></li></ul><button type="button">Portal button</button>
<div class="odp-item odp-nav odp-primary" id="lookalike">A portal element with the picker's class names</div></nav>
<h2>Files</h2><div id="host"></div>
<script type="module">import { mountPicker, load } from "/node_modules/onedrive-picker/onedrive-picker.js"; await load(); window.mountPicker = mountPicker;</script>
</html>`,
  );
  site = await serveStatic({ dir });
  browser = await launchBrowser();
});

after(() => stopAll(browser, emulator, site));

/** The computed styles of the portal's own elements that matter to its look. */
function portalStyles() {
  const props = ["margin-top", "margin-left", "padding-top", "background-color", "color", "font-family", "font-size", "font-weight", "line-height", "display", "border-top-width", "border-top-style", "border-radius", "list-style-type", "color-scheme", "box-sizing"];
  const elements = { html: document.documentElement, body: document.body, h1: document.querySelector("h1"), h2: document.querySelector("h2"), nav: document.querySelector("nav"), ul: document.querySelector("nav ul"), a: document.querySelector("nav a"), button: document.querySelector("nav button"), lookalike: document.getElementById("lookalike") };
  return Object.fromEntries(Object.entries(elements).map(([name, el]) => {
    const cs = getComputedStyle(el);
    return [name, Object.fromEntries(props.map((p) => [p, cs.getPropertyValue(p)]))];
  }));
}

test("the stylesheet leaves the host page untouched, and styles the picker", async () => {
  const app = { clientId: CLIENT, redirect: `${site.origin}/node_modules/onedrive-picker/auth.html` };
  const { access_token: token } = await tokenFor(emulator.base, ADELE, "openid User.Read Files.Read.All", app);
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(`${site.origin}/portal.html`);
  await page.waitForFunction(() => window.mountPicker);
  const before = await page.evaluate(portalStyles);
  // As a portal embeds it: the package's stylesheet in the page, the picker in its own DOM.
  await page.evaluate(() => new Promise((resolve, reject) => {
    const link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = "/node_modules/onedrive-picker/picker.css";
    link.onload = resolve;
    link.onerror = reject;
    document.head.append(link);
  }));
  await page.evaluate(({ graph, token }) => {
    window.mountPicker(document.getElementById("host"), { graphBase: graph, tokenProvider: async () => token });
  }, { graph: `${emulator.base}/v1.0`, token });
  const welcome = page.getByRole("option", { name: /Welcome\.docx/ });
  await welcome.waitFor();
  const after = await page.evaluate(portalStyles);
  for (const name of Object.keys(before)) {
    assert.deepEqual(after[name], before[name], `the portal's ${name} keeps its computed style`);
  }
  // The stylesheet did reach the picker: its root and rows are styled.
  const picker = await page.evaluate(() => {
    const cs = getComputedStyle(document.querySelector("#host .odp-picker"));
    return { radius: cs.borderTopLeftRadius, border: cs.borderTopStyle };
  });
  assert.deepEqual(picker, { radius: "6px", border: "solid" });
  assert.equal(await welcome.evaluate((el) => getComputedStyle(el).display), "grid");
  assert.deepEqual(errors, []);
  await context.close();
});

test("one palette, two themes: light, dark, and auto following the system", async () => {
  const app = { clientId: CLIENT, redirect: `${site.origin}/node_modules/onedrive-picker/auth.html` };
  const { access_token: token } = await tokenFor(emulator.base, ADELE, "openid User.Read Files.Read.All", app);
  const backgrounds = {};
  for (const scheme of ["light", "dark"]) {
    const context = await browser.newContext({ colorScheme: scheme });
    const page = await context.newPage();
    await page.goto(`${site.origin}/portal.html`);
    await page.waitForFunction(() => window.mountPicker);
    await page.evaluate(() => new Promise((resolve) => {
      const link = document.createElement("link");
      link.rel = "stylesheet";
      link.href = "/node_modules/onedrive-picker/picker.css";
      link.onload = resolve;
      document.head.append(link);
    }));
    for (const theme of ["light", "dark", "auto"]) {
      const colours = await page.evaluate(({ graph, token, theme }) => {
        const host = document.createElement("div");
        document.body.append(host);
        const handle = window.mountPicker(host, { graphBase: graph, tokenProvider: async () => token, theme });
        const cs = getComputedStyle(host.querySelector(".odp-picker"));
        const result = [cs.backgroundColor, cs.color, cs.colorScheme];
        handle.unmount();
        host.remove();
        return result;
      }, { graph: `${emulator.base}/v1.0`, token, theme });
      backgrounds[`${theme} on a ${scheme} system`] = colours;
    }
    await context.close();
  }
  const light = ["rgb(255, 255, 255)", "rgb(36, 36, 36)", "light"];
  const dark = ["rgb(31, 31, 31)", "rgb(240, 240, 240)", "dark"];
  assert.deepEqual(backgrounds, {
    "light on a light system": light,
    "dark on a light system": dark,
    "auto on a light system": light,
    "light on a dark system": light,
    "dark on a dark system": dark,
    "auto on a dark system": dark,
  });
});
