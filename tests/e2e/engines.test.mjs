// End-to-end on the two other engines: the packed element and the dialog of
// `OneDrivePicker.open()` on a portal page, and the Leptos component on the demo page, each sign
// in through their window and pick, in Firefox ESR (headless) and in WebKitGTK (MiniBrowser),
// against the emulator. Chromium runs every other test file.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { startEmulator, serveStatic, installPackage, tokenFor, PORTAL_CLIENT as CLIENT, stopAll } from "./support.mjs";
import { firefox, webkit } from "./engines.mjs";

const ADELE = "AdeleV@contoso.onmicrosoft.com";
const SCOPES = "openid profile offline_access User.Read Files.Read.All Sites.Read.All";
let emulator, site, demoEmulator, demo;

before(async () => {
  const { dir, emulatorArgs } = installPackage();
  emulator = await startEmulator(emulatorArgs);
  writeFileSync(
    join(dir, "index.html"),
    `<!doctype html><html lang="en"><meta charset="utf-8"><title>Portal</title>
<h1>Connector for Microsoft 365</h1>
<script type="module" src="/node_modules/onedrive-picker/onedrive-picker.js"></script>
<script type="module" src="portal.js"></script>
<onedrive-picker client-id="${CLIENT}" authority="${emulator.base}/common" graph-url="${emulator.base}/v1.0"
  scopes="User.Read Files.Read.All Sites.Read.All"></onedrive-picker>
<button id="attach">Attach from Microsoft 365</button>
<p role="status"></p>
</html>`,
  );
  writeFileSync(
    join(dir, "portal.js"),
    `import { OneDrivePicker } from "/node_modules/onedrive-picker/onedrive-picker.js";
const show = (items) => (document.querySelector("[role=status]").textContent = "Picked: " + items.map((i) => i.name).join(", "));
document.querySelector("onedrive-picker").addEventListener("picker-pick", (e) => show(e.detail));
document.getElementById("attach").addEventListener("click", () =>
  OneDrivePicker.open(${JSON.stringify({ clientId: CLIENT, authority: `${emulator.base}/common`, graphBase: `${emulator.base}/v1.0`, scopes: "User.Read Files.Read.All Sites.Read.All" })}).then(show, () => {}),
);
`,
  );
  site = await serveStatic({ dir });
  // Consent given beforehand: the sign-in window shows the account choice, then closes.
  await tokenFor(emulator.base, ADELE, SCOPES, { clientId: CLIENT, redirect: `${site.origin}/node_modules/onedrive-picker/auth.html` });
  // The demo page (the Leptos component) and an emulator with its registration.
  [demoEmulator, demo] = await Promise.all([startEmulator(), serveStatic()]);
  await tokenFor(demoEmulator.base, ADELE, "openid profile offline_access User.Read Files.ReadWrite.All Sites.Read.All", { redirect: `${demo.origin}/auth.html` });
});

after(() => stopAll(emulator, site, demoEmulator, demo));

/** Signs in through the picker's window (opened by clicking `role` `name`) and picks Welcome.docx. */
async function signInAndPick(page, ...opener) {
  const step = (what) => process.env.ENGINES_DEBUG && console.error(`${page.name}: ${what}`);
  if (opener.length) await page.click(...opener);
  step("opened");
  const popup = await page.popup(() => page.click("button", "Sign in with Microsoft"));
  // The account, unless the authority's session answers by itself (a second sign-in).
  step("signing in");
  await popup.clickCssUnlessClosed(`button[data-upn="${ADELE}"]`);
  step("signed in");
  await page.click("option", "Welcome.docx").catch(async (e) => assert.fail(`${e.message}; the page shows: ${await page.shows()}`));
  await page.click("button", "Select");
  await page.waitForText("Picked: Welcome.docx");
  assert.equal(await popup.isClosed(), true, `${page.name}: the sign-in window closed`);
}

for (const [name, launch] of [["Firefox ESR", firefox], ["WebKitGTK", webkit]]) {
  test(`${name}: the element, the dialog and the Leptos component sign in through their window and pick`, async () => {
    const engine = await launch();
    try {
      await signInAndPick(await engine.open(`${site.origin}/`));
      await signInAndPick(await engine.open(`${site.origin}/`), "button", "Attach from Microsoft 365");
      await signInAndPick(await engine.open(`${demo.origin}/?emulator=${encodeURIComponent(demoEmulator.base)}`));
    } finally {
      await engine.close();
    }
  });
}
