// End-to-end on the two other engines: the packed element on a portal page signs in through its
// window and picks, in Firefox ESR (headless) and in WebKitGTK (MiniBrowser), against the
// emulator. Chromium runs every other test file.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { startEmulator, serveStatic, installPackage, tokenFor, PORTAL_CLIENT as CLIENT, stopAll } from "./support.mjs";
import { firefox, webkit } from "./engines.mjs";

const ADELE = "AdeleV@contoso.onmicrosoft.com";
const SCOPES = "openid profile offline_access User.Read Files.Read.All Sites.Read.All";
let emulator, site;

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
<p role="status"></p>
</html>`,
  );
  writeFileSync(
    join(dir, "portal.js"),
    `document.querySelector("onedrive-picker").addEventListener("picker-pick", (e) => {
  document.querySelector("[role=status]").textContent = "Picked: " + e.detail.map((i) => i.name).join(", ");
});
`,
  );
  site = await serveStatic({ dir });
  // Consent given beforehand: the sign-in window shows the account choice, then closes.
  await tokenFor(emulator.base, ADELE, SCOPES, { clientId: CLIENT, redirect: `${site.origin}/node_modules/onedrive-picker/auth.html` });
});

after(() => stopAll(emulator, site));

/** Signs in through the picker's window and picks Welcome.docx. */
async function signInAndPick(engine) {
  const page = await engine.open(`${site.origin}/`);
  const popup = await page.popup(() => page.click("button", "Sign in with Microsoft"));
  await popup.clickCss(`button[data-upn="${ADELE}"]`);
  await page.click("option", "Welcome.docx");
  await page.click("button", "Select");
  await page.waitForText("Picked: Welcome.docx");
  assert.equal(await popup.isClosed(), true, `${page.name}: the sign-in window closed`);
}

for (const [name, launch] of [["Firefox ESR", firefox], ["WebKitGTK", webkit]]) {
  test(`${name}: the element signs in through its window and picks`, async () => {
    const engine = await launch();
    try {
      await signInAndPick(engine);
    } finally {
      await engine.close();
    }
  });
}
