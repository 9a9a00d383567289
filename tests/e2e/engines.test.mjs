// End-to-end on the two other engines: the packed element and the dialog of
// `OneDrivePicker.open()` on a portal page, and the Leptos component on the demo page, each sign
// in through their window and pick, in Firefox ESR (headless) and in WebKitGTK (MiniBrowser),
// against the emulator. Chromium runs every other test file.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startEmulator, serveStatic, installPackage, writePortal, tokenFor, PORTAL_CLIENT as CLIENT, stopAll, ADELE } from "./support.mjs";
import { firefox, webkit } from "./engines.mjs";

const SCOPES = "openid profile offline_access User.Read Files.Read.All Sites.Read.All";
let emulator, site, portal, demoEmulator, demo;

before(async () => {
  const { dir, emulatorArgs } = installPackage();
  emulator = await startEmulator(emulatorArgs);
  const page = writePortal(dir, emulator);
  site = await serveStatic({ dir });
  portal = page(site);
  // Consent given beforehand: the sign-in window shows the account choice, then closes.
  await tokenFor(emulator.base, ADELE, SCOPES, { clientId: CLIENT, redirect: `${site.origin}/node_modules/onedrive-picker/auth.html` });
  // The demo page (the Leptos component) and an emulator with its registration.
  [demoEmulator, demo] = await Promise.all([startEmulator(), serveStatic()]);
  await tokenFor(demoEmulator.base, ADELE, "openid profile offline_access User.Read Files.ReadWrite.All Sites.Read.All", { redirect: `${demo.origin}/auth.html` });
});

after(() => stopAll(emulator, site, demoEmulator, demo));

/** Signs in through the picker's window (opened by clicking `role` `name`) and picks Welcome.docx. */
async function signInAndPick(page, ...opener) {
  if (opener.length) await page.click(...opener);
  const popup = await page.popup(() => page.click("button", "Sign in with Microsoft"));
  // The account, unless the authority's session answers by itself (a second sign-in).
  await popup.clickCssUnlessClosed(`button[data-upn="${ADELE}"]`);
  await page.click("option", "Welcome.docx").catch(async (e) => assert.fail(`${e.message}; the page shows: ${await page.shows()}`));
  await page.click("button", "Select");
  await page.waitForText("Picked: Welcome.docx");
  assert.equal(await popup.isClosed(), true, `${page.name}: the sign-in window closed`);
}

for (const [name, launch] of [["Firefox ESR", firefox], ["WebKitGTK", webkit]]) {
  test(`${name}: the element, the dialog and the Leptos component sign in through their window and pick`, async () => {
    const engine = await launch();
    try {
      await signInAndPick(await engine.open(portal));
      await signInAndPick(await engine.open(portal), "button", "Attach from Microsoft 365");
      await signInAndPick(await engine.open(`${demo.origin}/?emulator=${encodeURIComponent(demoEmulator.base)}`));
    } finally {
      await engine.close();
    }
  });
}
