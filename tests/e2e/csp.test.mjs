// End-to-end: the demo page (the element), the Leptos component's page and a picker embedded with
// mountPicker work under a strict Content-Security-Policy — no inline script or style, wasm allowed by 'wasm-unsafe-eval' only —
// and the browser reports no violation.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startEmulator, serveStatic, launchBrowser, tokenFor, clickSignIn, completeSignIn, stopAll } from "./support.mjs";

let emulator, site, browser;
const ADELE = "AdeleV@contoso.onmicrosoft.com";

/**
 * The README's policy, with the emulator standing for login.microsoftonline.com and Graph, and its
 * file host for the hosts thumbnails come from.
 */
const policy = (tenant, files) =>
  [
    "default-src 'none'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self'",
    `img-src 'self' ${files}`,
    `connect-src 'self' ${tenant}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join("; ");

before(async () => {
  emulator = await startEmulator();
  site = await serveStatic({ headers: { "content-security-policy": policy(emulator.base, emulator.files) } });
  browser = await launchBrowser();
});

after(() => stopAll(browser, emulator, site));

/** Opens the demo's page at `path` and collects every CSP violation the page reports. */
async function open(path = "/leptos/") {
  const context = await browser.newContext();
  const page = await context.newPage();
  const violations = [];
  page.on("console", (m) => /Content Security Policy|Refused to/.test(m.text()) && violations.push(m.text()));
  page.on("pageerror", (e) => violations.push(String(e)));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => console.error(`Refused to: ${e.violatedDirective} ${e.blockedURI}`));
  });
  const response = await page.goto(`${site.origin}${path}?emulator=${encodeURIComponent(emulator.base)}`);
  assert.match(response.headers()["content-security-policy"], /script-src 'self' 'wasm-unsafe-eval'/);
  return { context, page, violations };
}

test("the demo page, the element, signs in and browses under a strict CSP", async () => {
  const { context, page, violations } = await open("/");
  await completeSignIn(await clickSignIn(page), ADELE);
  await page.click('role=option[name="Documents"s]');
  await page.waitForSelector('role=option[name="Reports"s]');
  // The element's stylesheet applies in its shadow root (style-src 'self').
  assert.notEqual(await page.$eval(".odp-picker", (e) => getComputedStyle(e).display), "");
  assert.deepEqual(violations, []);
  await context.close();
});

test("the Leptos component's page signs in and browses under a strict CSP", async () => {
  const { context, page, violations } = await open();
  await page.waitForSelector('role=button[name="Sign in with Microsoft"s]');
  await completeSignIn(await clickSignIn(page), ADELE);
  await page.waitForSelector('role=option[name="Documents"s]');
  // Thumbnails load (img-src) and the stylesheet applies (style-src 'self').
  await page.waitForFunction(() => [...document.images].some((i) => i.complete && i.naturalWidth > 0));
  await page.click('role=option[name="Documents"s]');
  await page.waitForSelector('role=option[name="Reports"s]');
  assert.notEqual(await page.$eval(".odp-picker", (e) => getComputedStyle(e).display), "");
  assert.deepEqual(violations, []);
  await context.close();
});

test("a picker embedded with mountPicker works under the same policy", async () => {
  const { access_token: token } = await tokenFor(emulator.base, ADELE, "openid offline_access User.Read Files.Read.All");
  const { context, page, violations } = await open();
  await page.waitForFunction(() => window.wasmBindings?.mountPicker);
  await page.evaluate(
    ({ token, graph }) => {
      const host = document.createElement("div");
      host.id = "embedded";
      document.body.append(host);
      window.handle = window.wasmBindings.mountPicker(host, {
        graphBase: graph,
        openFiles: false,
        tokenProvider: async () => token,
        onPick: ([item]) => (window.picked = item),
      });
    },
    { token, graph: `${emulator.base}/v1.0` },
  );
  await page.click('#embedded >> role=option[name="Documents"s]');
  await page.click('#embedded >> role=option[name="Reports"s]');
  await page.click('#embedded >> role=option[name="Q3 Forecast.xlsx"s]');
  await page.click('#embedded >> role=button[name="Select"s]');
  await page.waitForFunction(() => window.picked);
  assert.equal(await page.evaluate(() => window.picked.name), "Q3 Forecast.xlsx");
  assert.deepEqual(violations, []);
  await context.close();
});
