// End-to-end: the demo page (index.html and www/demo.js): the <onedrive-picker> element of the
// npm package, loaded as a portal loads it. Its first screen fetches the package's first module
// and nothing of the picker's code or of the Leptos component's page; it signs in, browses and
// shows what was picked; it takes its options from its address (a language, save as); and it
// links to the Leptos component's page, which signs in on its own.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startEmulator, serveStatic, launchBrowser, clickSignIn, completeSignIn, tokenFor, stopAll, ADELE } from "./support.mjs";

let emulator, site, browser;

before(async () => {
  [emulator, site] = await Promise.all([startEmulator(), serveStatic()]);
  browser = await launchBrowser();
});

after(() => stopAll(browser, emulator, site));

/** The demo page on this test's emulator, with more of the address's options (`&save=…`). */
const demoPage = (more = "") => `${site.origin}/?emulator=${encodeURIComponent(emulator.base)}${more}`;

/** A page of a new context, and the errors it throws. */
async function open(url) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(url);
  return { context, page, errors };
}

test("the demo page's first screen is the package's: the sign-in, without the picker's code", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const fetched = [];
  page.on("request", (r) => fetched.push(new URL(r.url()).pathname));
  await page.goto(demoPage());
  await page.getByRole("button", { name: "Sign in with Microsoft", exact: true }).waitFor();
  await page.waitForLoadState("networkidle");
  assert.ok(fetched.includes("/package/onedrive_picker_bg.wasm"), fetched.join(" "));
  const later = fetched.filter((p) => p.startsWith("/leptos/") || /split_picker|chunk_/.test(p));
  assert.deepEqual(later, [], "the picker's code waits for the user");
  assert.equal(await page.locator(".odp-authority").textContent(), `${emulator.base}/common`);
  await context.close();
});

test("the demo page signs in, and shows what was picked", async () => {
  const { context, page, errors } = await open(demoPage());
  await completeSignIn(await clickSignIn(page), ADELE);
  await page.getByRole("option", { name: "Welcome.docx", exact: true }).click();
  await page.locator('role=button[name="Select"s][disabled=false]').click();
  await page.locator(".odp-picked", { hasText: "Picked: Welcome.docx" }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test("the demo page takes its language and save as from its address", async () => {
  const german = await open(demoPage("&locale=de"));
  await german.page.getByRole("button", { name: "Mit Microsoft anmelden", exact: true }).waitFor();
  await german.context.close();
  const { context, page, errors } = await open(demoPage("&save=Demo%20page%20notes.txt"));
  await completeSignIn(await clickSignIn(page), ADELE);
  await page.getByRole("option", { name: "Documents", exact: true }).click();
  await page.getByRole("option", { name: "Reports", exact: true }).waitFor();
  const form = page.getByRole("form", { name: "Save as", exact: true });
  assert.equal(await form.getByRole("textbox", { name: "File name", exact: true }).inputValue(), "Demo page notes.txt");
  await form.getByRole("button", { name: "Save", exact: true }).click();
  await page.getByText("Saved Demo page notes.txt in Documents").waitFor();
  const { access_token } = await tokenFor(emulator.base, ADELE, "openid User.Read Files.Read");
  const saved = await fetch(`${emulator.base}/v1.0/me/drive/root:/Documents/Demo%20page%20notes.txt:/content`, {
    headers: { authorization: `Bearer ${access_token}` },
  });
  assert.equal(await saved.text(), "Saved by the onedrive-picker demo.\n");
  assert.deepEqual(errors, []);
  await context.close();
});

test("the demo page links to the Leptos component's page, which signs in and browses", async () => {
  const { context, page, errors } = await open(demoPage());
  await Promise.all([page.waitForURL(/\/leptos\/\?emulator=/), page.getByRole("link", { name: "the Leptos component" }).click()]);
  await completeSignIn(await clickSignIn(page), ADELE);
  await page.getByRole("option", { name: "Documents", exact: true }).waitFor();
  assert.equal(await page.evaluate(() => typeof window.wasmBindings?.mountPicker), "function");
  assert.deepEqual(errors, []);
  await context.close();
});
