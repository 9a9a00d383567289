// End-to-end: how the sign-in window is opened and what it asks the authority for. The window is
// opened inside the user's click, before any asynchronous step (Safari and Firefox let a window
// through only there), by every way in; `login-hint`, `domain-hint` and `prompt` reach the
// authorize request, and the authority's pages honour them.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startEmulator, serveStatic, launchBrowser, clickSignIn, completeSignIn, installPackage, writePortal, stopAll, ADELE, MEGAN, PAT } from "./support.mjs";

const SIGN_IN = 'role=button[name="Sign in with Microsoft"s]';
let emulator, portal, demo, browser;

before(async () => {
  const { dir, emulatorArgs } = installPackage();
  emulator = await startEmulator(emulatorArgs);
  // The portal: a picker whose hints come from the query, and a button that opens the dialog.
  const page = writePortal(dir, emulator);
  portal = await serveStatic({ dir });
  demo = await serveStatic();
  browser = await launchBrowser();
  portal.picker = (query) => page(portal, query);
});

after(() => stopAll(browser, emulator, portal, demo));

/** Counts the page's calls of `window.open` (the real one still runs). */
const countOpens = () => {
  const open = window.open;
  window.opened = 0;
  window.open = function (...args) {
    window.opened += 1;
    return open.apply(this, args);
  };
};

/**
 * Clicks `button` from script and reports how many windows were opened by the time the click
 * returned: a script's click dispatches at once, and nothing queued by an `await` runs before the
 * script ends, so a window opened after an asynchronous step is not counted.
 */
const opensInsideTheClick = (button) => button.evaluate((b) => ((window.opened = 0), b.click(), window.opened));

test("the sign-in window opens inside the click, before any asynchronous step, in every way in", async () => {
  const context = await browser.newContext();
  await context.addInitScript(countOpens);
  const page = await context.newPage();
  await page.goto(portal.picker());
  // The measure itself: a handler that opens after an await is not counted.
  await page.evaluate(() => {
    const late = document.createElement("button");
    late.textContent = "Opens late";
    late.addEventListener("click", async () => (await null, window.open("about:blank", "late")));
    document.body.append(late);
  });
  assert.equal(await opensInsideTheClick(page.getByRole("button", { name: "Opens late" })), 0, "the measure");
  // The element.
  assert.equal(await opensInsideTheClick(page.locator(`onedrive-picker >> ${SIGN_IN}`)), 1, "the element");
  // The dialog of OneDrivePicker.open().
  await page.reload();
  await page.getByRole("button", { name: "Attach from Microsoft 365" }).click();
  const dialog = page.getByRole("dialog", { name: "Microsoft 365 file picker" });
  assert.equal(await opensInsideTheClick(dialog.locator(SIGN_IN)), 1, "the dialog");
  // The Leptos component (the demo page).
  await page.goto(`${demo.origin}/leptos/?emulator=${encodeURIComponent(emulator.base)}`);
  assert.equal(await opensInsideTheClick(page.locator(SIGN_IN)), 1, "the Leptos component");
  await context.close();
});

test("login-hint and domain-hint reach the authorize request: the hinted tenant's accounts, the hinted one signs in", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(portal.picker({ "login-hint": MEGAN, "domain-hint": "contoso.onmicrosoft.com", prompt: "login" }));
  const popup = await clickSignIn(page, `onedrive-picker >> ${SIGN_IN}`);
  const asked = new URL(popup.url()).searchParams;
  assert.equal(asked.get("login_hint"), MEGAN);
  assert.equal(asked.get("domain_hint"), "contoso.onmicrosoft.com");
  assert.equal(asked.get("prompt"), "login");
  // The authority offers the hinted domain's accounts only: not the personal one.
  await popup.waitForSelector(`button[data-upn="${MEGAN}"]`);
  assert.equal(await popup.locator(`button[data-upn="${PAT}"]`).count(), 0, "a personal account offered despite the domain hint");
  await completeSignIn(popup, MEGAN);
  await page.waitForSelector('onedrive-picker >> role=group[name="Megan Bowen"s]'); // who is signed in
  await context.close();
});

test("prompt=select_account shows the account choice (no hint) though a session is alive; without it the window closes by itself", async () => {
  const context = await browser.newContext();
  const first = await context.newPage();
  await first.goto(portal.picker());
  await completeSignIn(await clickSignIn(first, `onedrive-picker >> ${SIGN_IN}`), ADELE);
  await first.waitForSelector('onedrive-picker >> role=group[name="Adele Vance"s]');
  // The authority now has a session for Adele. Asked to, it still shows the choice.
  const choosing = await context.newPage();
  await choosing.goto(portal.picker({ prompt: "select_account", "login-hint": MEGAN }));
  const popup = await clickSignIn(choosing, `onedrive-picker >> ${SIGN_IN}`);
  const asked = new URL(popup.url()).searchParams;
  assert.equal(asked.get("prompt"), "select_account");
  assert.equal(asked.get("login_hint"), null, "asked to choose, the user is not steered to an account");
  await popup.waitForSelector(`button[data-upn="${ADELE}"]`);
  assert.equal(popup.isClosed(), false);
  await completeSignIn(popup, ADELE);
  await choosing.waitForSelector('onedrive-picker >> role=group[name="Adele Vance"s]');
  // Not asked, the session answers: the window closes by itself and Adele is signed in.
  const silent = await context.newPage();
  await silent.goto(portal.picker());
  const quiet = await clickSignIn(silent, `onedrive-picker >> ${SIGN_IN}`);
  for (let waited = 0; !quiet.isClosed() && waited < 10_000; waited += 100) await silent.waitForTimeout(100);
  assert.ok(quiet.isClosed(), "the window stayed open");
  await silent.waitForSelector('onedrive-picker >> role=group[name="Adele Vance"s]');
  await context.close();
});
