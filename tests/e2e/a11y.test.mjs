// End-to-end: axe-core finds no violation on any screen of the packed element — sign-in, browse,
// tray, grid, search, details, a pasted link's error, error, the sign-in error and the
// OneDrivePicker.open() dialog — in the light and the dark theme, on a desktop and on a 360 px
// touch phone.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { startEmulator, serveStatic, launchBrowser, clickSignIn, completeSignIn, installPackage, PORTAL_CLIENT, axeViolations, stopAll, activeOption } from "./support.mjs";

const ADELE = "AdeleV@contoso.onmicrosoft.com";
const ROOT = resolve(import.meta.dirname, "../..");
let emulator, site, browser, dir;

before(async () => {
  let emulatorArgs;
  ({ dir, emulatorArgs } = installPackage());
  emulator = await startEmulator(emulatorArgs);
  for (const theme of ["light", "dark", "rtl"]) {
    writeFileSync(
      join(dir, `${theme}.html`),
      `<!doctype html><html lang="en" dir="${theme === "rtl" ? "rtl" : "ltr"}"><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Files</title><script type="module" src="/node_modules/onedrive-picker/onedrive-picker.js"></script>
<main><h1>Files</h1>
<onedrive-picker client-id="${PORTAL_CLIENT}" authority="${emulator.base}/common" graph-url="${emulator.base}/v1.0"
  scopes="User.Read Files.Read.All Files.ReadWrite" multiple open-files="false" history="false" theme="${theme === "dark" ? "dark" : "light"}"></onedrive-picker>
<button id="opener" type="button">Choose files</button></main></html>`,
    );
  }
  site = await serveStatic({ dir });
  browser = await launchBrowser();
});

after(() => stopAll(browser, emulator, site));

async function faults(method, rule) {
  const r = await fetch(`${emulator.base}/_emulator/faults`, {
    method, headers: { "content-type": "application/json" }, body: rule ? JSON.stringify(rule) : undefined,
  });
  assert.equal(r.status, 204);
}

for (const theme of ["light", "dark"]) {
  for (const [device, viewport] of [["desktop", { width: 1280, height: 800 }], ["phone", { width: 360, height: 740 }]]) {
    test(`axe-core finds no violation on any screen (${theme}, ${device})`, async () => {
      // The phone is a touch screen: items are tapped there.
      const phone = device === "phone";
      const context = await browser.newContext({ viewport, colorScheme: theme, hasTouch: phone, isMobile: phone });
      const page = await context.newPage();
      const found = [];
      const check = async (screen) => found.push(...(await axeViolations(page)).map((v) => `${screen}: ${v}`));
      await page.goto(`${site.origin}/${theme}.html`);
      const picker = page.locator("main > onedrive-picker");
      await picker.locator('role=button[name="Sign in with Microsoft"s]').waitFor();
      await check("sign-in");

      await completeSignIn(await clickSignIn(page, 'main > onedrive-picker >> role=button[name="Sign in with Microsoft"s]'), ADELE);
      await picker.locator('role=option[name="Welcome.docx"s]').waitFor();
      await check("browse");

      const press = (locator) => (phone ? locator.tap() : locator.click());
      await press(picker.locator('role=option[name="Welcome.docx"s]'));
      await press(picker.locator('role=option[name="Budget.xlsx"s]'));
      await picker.locator('role=region[name="Selected"s] >> role=listitem').nth(1).waitFor();
      await check("tray");

      await picker.locator('role=button[name="Grid"s]').click();
      await picker.locator(".odp-grid").waitFor();
      await check("grid");
      await picker.locator('role=button[name="List"s]').click();

      if (device === "desktop") {
        await picker.locator('role=button[name="Details"s]').click();
        await picker.locator(".odp-details").waitFor();
        await check("details");
        await picker.locator('role=button[name="Details"s]').click();
      }

      await picker.locator('role=searchbox').fill("Budget");
      await picker.locator('role=option[name="Welcome.docx"s]').waitFor({ state: "detached" });
      await picker.locator('role=option[name="Budget.xlsx"s]').waitFor();
      await check("search");
      await picker.locator('role=searchbox').fill(`${emulator.base}/_share/nothing-here`);
      await press(picker.locator('role=button[name="Open link"s]'));
      await picker.locator('role=alert').filter({ hasText: "This link doesn't lead" }).waitFor();
      await check("link");
      await picker.locator('role=searchbox').fill("");
      await picker.locator('role=option[name="Documents"s]').waitFor();

      await faults("POST", { fault: "server-error", path_contains: "/children", times: 50 });
      await press(picker.locator('role=option[name="Documents"s]'));
      await picker.locator('role=alert').waitFor({ timeout: 30_000 });
      await check("error");
      await faults("DELETE");

      // The dialog, and its sign-in failing (a blocked window).
      await page.evaluate(async ({ client, base }) => {
        window.open = () => null;
        const { OneDrivePicker } = await import("/node_modules/onedrive-picker/onedrive-picker.js");
        document.getElementById("opener").focus();
        window.result = OneDrivePicker.open({ clientId: client, authority: `${base}/common`, graphBase: `${base}/v1.0` }).catch((e) => e.code);
      }, { client: PORTAL_CLIENT, base: emulator.base });
      await page.locator('dialog[open] onedrive-picker >> role=button[name="Sign in with Microsoft"s]').waitFor();
      await check("dialog");
      await page.click('dialog[open] onedrive-picker >> role=button[name="Sign in with Microsoft"s]');
      await page.locator("dialog[open] .odp-error").waitFor();
      await check("sign-in error");
      await page.keyboard.press("Escape");
      assert.equal(await page.evaluate(() => window.result), "cancelled");

      assert.deepEqual(found, []);
      await context.close();
    });
  }
}

test("keyboard: type-ahead finds items by name; in a right-to-left page the layout and the arrows mirror", async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(`${site.origin}/rtl.html`);
  const picker = page.locator("main > onedrive-picker");
  await completeSignIn(await clickSignIn(page, 'main > onedrive-picker >> role=button[name="Sign in with Microsoft"s]'), ADELE);
  await picker.locator('role=option[name="Welcome.docx"s]').waitFor();
  const focused = async () => (await activeOption(picker)).getAttribute("title");
  await picker.locator('role=listbox').focus();
  await page.keyboard.type("bu");
  assert.equal(await focused(), "Budget.xlsx");
  await page.waitForTimeout(900);
  await page.keyboard.type("n");
  assert.equal(await focused(), "Notes.txt");
  await page.waitForTimeout(900);
  await page.keyboard.type("Ww");
  assert.equal(await focused(), "Welcome.docx", "one letter again cycles (one item starts with W)");
  // The navigation pane sits at the start edge, the right; grid tiles run right to left.
  const nav = await picker.locator(".odp-nav").boundingBox();
  const list = await picker.locator('role=listbox').boundingBox();
  assert.ok(nav.x > list.x, "the navigation pane is on the right");
  await picker.locator('role=button[name="Grid"s]').click();
  await picker.locator(".odp-grid").waitFor();
  const [a, b] = [await picker.locator('.odp-item[data-index="0"]').boundingBox(), await picker.locator('.odp-item[data-index="1"]').boundingBox()];
  assert.ok(a.x > b.x, "the second tile is left of the first");
  await picker.locator('role=listbox').focus();
  await page.keyboard.press("Home");
  await page.keyboard.press("ArrowLeft");
  assert.equal(await (await activeOption(picker)).getAttribute("data-index"), "1", "Left moves on in RTL");
  await page.keyboard.press("ArrowRight");
  assert.equal(await (await activeOption(picker)).getAttribute("data-index"), "0");
  assert.deepEqual(await axeViolations(page), []);
  mkdirSync(join(ROOT, "target/screenshots"), { recursive: true });
  await page.screenshot({ path: join(ROOT, "target/screenshots/rtl.png") });
  await context.close();
});
