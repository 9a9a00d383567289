// End-to-end: the demo's example portal page (www/example.html, served under /package/ of the
// demo) — the element configured by attributes and themed by the page, its events, and
// OneDrivePicker.open() — against the emulator's demo registration.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startEmulator, serveStatic, launchBrowser, clickSignIn, completeSignIn, axeViolations, stopAll } from "./support.mjs";

const ADELE = "AdeleV@contoso.onmicrosoft.com";
let emulator, site, browser;

before(async () => {
  emulator = await startEmulator();
  site = await serveStatic();
  browser = await launchBrowser();
});

after(() => stopAll(browser, emulator, site));

test("the example page: the element signs in, picks and logs its events; the dialog resolves", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  // The demo page links to it.
  await page.goto(`${site.origin}/?emulator=${encodeURIComponent(emulator.base)}`);
  await Promise.all([page.waitForURL(/package\/example\.html/), page.click(".odp-example-link")]);
  const picker = page.locator("#picker");
  await picker.locator('role=button[name="Sign in with Microsoft"s]').waitFor();
  // The page's accent reaches into the shadow root.
  assert.equal(await picker.locator('role=button[name="Sign in with Microsoft"s]').evaluate((b) => getComputedStyle(b).backgroundColor), "rgb(91, 46, 145)");
  await completeSignIn(await clickSignIn(page, '#picker >> role=button[name="Sign in with Microsoft"s]'), ADELE);
  await picker.locator('role=option[name="Welcome.docx"s]').click();
  await picker.locator('role=button[name="Select"s][disabled=false]').click();
  const log = page.locator("#log li");
  await log.nth(1).waitFor();
  assert.deepEqual(await log.allTextContents(), [`picker-signin: Adele Vance <${ADELE}>`, "picker-pick: Welcome.docx"]);
  // The dialog: its own picker, signed in separately (tokens in memory), filtered.
  await page.click("#choose");
  const dialog = page.locator("dialog[open] onedrive-picker");
  // The tenant remembers the session: the window may finish by itself.
  const again = await clickSignIn(page, 'dialog >> role=button[name="Sign in with Microsoft"s]');
  const asks = await Promise.race([
    again.waitForSelector(`button[data-upn="${ADELE}"]`).then(() => true),
    again.waitForEvent("close").then(() => false),
  ]).catch(() => false);
  if (asks) await completeSignIn(again, ADELE);
  await dialog.locator('role=option[name="Notes.txt"s][disabled]').waitFor();
  await dialog.locator('role=option[name="Budget.xlsx"s]').click();
  await assert.doesNotReject(axeViolations(page).then((v) => assert.deepEqual(v, [])));
  await dialog.locator('role=button[name="Select"s][disabled=false]').click();
  await page.locator("#log li", { hasText: "dialog:" }).waitFor();
  assert.equal(await log.last().textContent(), "dialog: Budget.xlsx");
  assert.deepEqual(errors, []);
  await context.close();
});

test("with Graph's recent and sharedWithMe retired (--retired-feeds), the picker says where the files are", async () => {
  const retired = await startEmulator(["--retired-feeds"]);
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${site.origin}/?emulator=${encodeURIComponent(retired.base)}`);
    await completeSignIn(await clickSignIn(page), ADELE);
    await page.waitForSelector('role=option[name="Documents"s]');
    for (const source of ["Recent", "Shared with me"]) {
      await page.click(`role=navigation[name="Sources"s] >> role=button[name="${source}"s]`);
      assert.match(await page.textContent(".odp-empty"), /retiring this list: find your files in My files/);
    }
    // My files still lists.
    await page.click('role=navigation[name="Sources"s] >> role=button[name="My files"s]');
    await page.waitForSelector('role=option[name="Documents"s]');
    await context.close();
  } finally {
    retired.stop();
  }
});

test("?emulator= takes a loopback address only: a link cannot send the sign-in elsewhere", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const warnings = [];
  page.on("console", (m) => m.type() === "warning" && warnings.push(m.text()));
  for (const stranger of ["https://login.evil.example", "http://127.0.0.1:1@evil.example", "http://evil.example", "javascript:alert(1)"]) {
    await page.goto(`${site.origin}/package/example.html?emulator=${encodeURIComponent(stranger)}`);
    const picker = page.locator("#picker");
    await picker.getByRole("button", { name: "Sign in with Microsoft" }).waitFor();
    assert.equal(await picker.getAttribute("authority"), "http://127.0.0.1:8787/common", stranger);
    assert.equal(await picker.getAttribute("graph-url"), "http://127.0.0.1:8787/v1.0", stranger);
  }
  assert.equal(warnings.length, 4, "each refusal is said on the console");
  // A loopback emulator is taken.
  await page.goto(`${site.origin}/package/example.html?emulator=${encodeURIComponent(emulator.base)}`);
  await page.locator("#picker").getByRole("button", { name: "Sign in with Microsoft" }).waitFor();
  assert.equal(await page.locator("#picker").getAttribute("authority"), `${emulator.base}/common`);
  // The demo page and the Leptos component's page hold to the same rule: their sign-in goes to
  // the default emulator.
  for (const path of ["/", "/leptos/"]) {
    await page.goto(`${site.origin}${path}?emulator=${encodeURIComponent("https://login.evil.example")}`);
    const authorize = context.waitForEvent("request", { predicate: (r) => r.url().includes("/oauth2/v2.0/authorize"), timeout: 15_000 });
    await page.getByRole("button", { name: "Sign in with Microsoft" }).click();
    assert.match((await authorize).url(), /^http:\/\/127\.0\.0\.1:8787\/common\//, path);
    assert.equal(await page.locator(".odp-authority").textContent(), "http://127.0.0.1:8787/common", path);
  }
  await context.close();
});
