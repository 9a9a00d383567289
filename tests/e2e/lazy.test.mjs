// End-to-end: the package's first screen is only the sign-in. The rest (the sign-in flow after
// the click, a stored session's parsing, the browsing screen) is a module of its own, fetched when
// the pointer reaches the sign-in button; a failed fetch is a clear, retryable error, and nothing
// the user did is lost.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { startEmulator, serveStatic, launchBrowser, clickSignIn, completeSignIn, installPackage, tokenFor, PORTAL_CLIENT as CLIENT, stopAll } from "./support.mjs";

const ADELE = "AdeleV@contoso.onmicrosoft.com";
const MODULE = "**/onedrive-picker/split_picker.wasm";
let emulator, site, browser, dir;

before(async () => {
  let emulatorArgs;
  ({ dir, emulatorArgs } = installPackage());
  emulator = await startEmulator(emulatorArgs);
  const script = `<script type="module" src="/node_modules/onedrive-picker/onedrive-picker.js"></script>`;
  writeFileSync(join(dir, "index.html"), `<!doctype html><html lang="en"><meta charset="utf-8"><title>Portal</title>${script}
<onedrive-picker client-id="${CLIENT}" authority="${emulator.base}/common" graph-url="${emulator.base}/v1.0"
  scopes="User.Read Files.Read.All" token-storage="session" open-files="false"></onedrive-picker></html>`);
  writeFileSync(join(dir, "mount.html"), `<!doctype html><html lang="en"><meta charset="utf-8"><title>Portal</title>
<script type="module">import { mountPicker, load } from "/node_modules/onedrive-picker/onedrive-picker.js"; await load(); window.mountPicker = mountPicker;</script>
<div id="host"></div></html>`);
  site = await serveStatic({ dir });
  browser = await launchBrowser();
});

after(() => stopAll(browser, emulator, site));

/** A page that records every fetch of the module, and every page error. */
async function portal(path = "/") {
  const context = await browser.newContext();
  const page = await context.newPage();
  const fetched = [];
  const errors = [];
  page.on("request", (r) => r.url().endsWith("/split_picker.wasm") && fetched.push(r.url()));
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(`${site.origin}${path}`);
  return { context, page, fetched, errors };
}

test("the first screen is the sign-in alone; the rest arrives on the way to the button, and a failed fetch is a retryable error", async () => {
  const { context, page, fetched, errors } = await portal();
  await page.waitForSelector('onedrive-picker >> role=button[name="Sign in with Microsoft"s]');
  await page.waitForLoadState("networkidle");
  assert.deepEqual(fetched, [], "the first screen does not fetch the module");

  // Offline at the click: the sign-in window opens at the authority (in the click, the attempt
  // prepared while the button showed), where the page has no hold on it; the picker says what
  // happened and offers a retry. The user closes that window: the retry is a new sign-in, in a
  // window of its own.
  // (The fetch fails once the sign-in page shows: by then the window is beyond the page's reach.)
  let open;
  const gate = () => new Promise((done) => (open = done));
  let shown = gate();
  await page.route(MODULE, async (route) => {
    await shown;
    await route.abort("internetdisconnected");
  });
  const first = await clickSignIn(page);
  assert.match(first.url(), /\/oauth2\/v2\.0\/authorize\?/, "the window went to the authority in the click");
  await first.waitForSelector(`button[data-upn="${ADELE}"]`);
  open();
  const retry = 'onedrive-picker .odp-error[data-error="network_error"] >> role=button[name="Try again"s]';
  await page.waitForSelector(retry);
  assert.ok(fetched.length >= 1, "the module was asked for");
  assert.ok(!first.isClosed(), "the sign-in page stays: the user may still sign in there");
  await first.close();
  shown = gate();
  const second = await clickSignIn(page, retry);
  assert.match(second.url(), /\/oauth2\/v2\.0\/authorize\?/);
  await second.waitForSelector(`button[data-upn="${ADELE}"]`);
  open();
  await page.waitForSelector(retry);

  // Back online, the user signs in in the window still open: the retry finishes that sign-in,
  // with no window of its own.
  await page.unroute(MODULE);
  await completeSignIn(second, ADELE);
  let another = false;
  page.on("popup", () => (another = true));
  await page.click(retry);
  await page.waitForSelector('onedrive-picker >> role=option[name="Welcome.docx"s]');
  assert.equal(another, false, "the retry used the answer already given");

  // A reload finds the session in storage: the module comes at once and parses it.
  const before = fetched.length;
  await page.reload();
  await page.waitForSelector('onedrive-picker >> role=option[name="Welcome.docx"s]');
  await page.waitForSelector('onedrive-picker >> role=group[name="Adele Vance"s]'); // who is signed in
  assert.ok(fetched.length > before, "fetched on load for the stored session");
  assert.deepEqual(errors, []);
  await context.close();
});

test("the module is fetched when the pointer or the focus reaches the sign-in button", async () => {
  for (const reach of ["hover", "focus"]) {
    const { context, page, fetched } = await portal();
    await page.waitForSelector('onedrive-picker >> role=button[name="Sign in with Microsoft"s]');
    await page.waitForLoadState("networkidle");
    assert.deepEqual(fetched, [], reach);
    await page.locator('onedrive-picker >> role=button[name="Sign in with Microsoft"s]')[reach]();
    await page.waitForFunction(() => performance.getEntriesByType("resource").some((e) => e.name.endsWith("/split_picker.wasm")));
    assert.equal(fetched.length, 1, reach);
    await context.close();
  }
});

test("a picker on a token provider that cannot fetch the module says so, and its retry shows the files", async () => {
  const app = { clientId: CLIENT, redirect: `${site.origin}/node_modules/onedrive-picker/auth.html` };
  const { access_token: token } = await tokenFor(emulator.base, ADELE, "openid offline_access User.Read Files.Read.All", app);
  const { context, page, errors } = await portal("/mount.html");
  await page.route(MODULE, (route) => route.abort("internetdisconnected"));
  await page.waitForFunction(() => window.mountPicker);
  await page.evaluate(
    ({ token, graph }) => {
      window.handle = window.mountPicker(document.getElementById("host"), {
        graphBase: graph,
        openFiles: false,
        tokenProvider: async () => token,
      });
    },
    { token, graph: `${emulator.base}/v1.0` },
  );
  await page.waitForSelector('#host .odp-error[data-error="load_failed"][role="alert"]');
  await page.unroute(MODULE);
  await page.click('#host >> role=alert >> role=button');
  await page.waitForSelector('#host >> role=option[name="Welcome.docx"s]');
  assert.deepEqual(errors, []);
  await context.close();
});
