// End-to-end: redirect sign-in (`auth-mode="redirect"`). The page itself goes to the authority and
// comes back through the package's redirect page, which keeps the answer in the page's session
// storage and returns to the address the user was at: the page's own routes never see `code` or
// `state`, no window opens, and the picker comes back where it was (the folder, after a session
// expired). The element, the dialog (`OneDrivePicker.resume()`) and the Leptos component.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startEmulator, serveStatic, launchBrowser, installPackage, writePortal, stopAll, ADELE } from "./support.mjs";

let emulator, site, portal, demoEmulator, demo, browser;

before(async () => {
  const { dir, emulatorArgs } = installPackage();
  emulator = await startEmulator(emulatorArgs);
  const page = writePortal(dir, emulator);
  site = await serveStatic({ dir });
  portal = (query) => page(site, { "auth-mode": "redirect", ...query });
  [demoEmulator, demo] = await Promise.all([startEmulator(), serveStatic()]);
  browser = await launchBrowser();
});

after(() => stopAll(browser, emulator, site, demoEmulator, demo));

/**
 * A tab that records every address its page is at (on `origin`) and every window opened.
 */
async function tab(origin) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const seen = [];
  const windows = [];
  page.on("framenavigated", (f) => f === page.mainFrame() && seen.push(f.url()));
  context.on("page", (p) => p !== page && windows.push(p));
  const routes = () => seen.filter((u) => new URL(u).origin === origin && !new URL(u).pathname.endsWith("/auth.html"));
  return { context, page, windows, routes, seen: () => seen };
}

/** On the emulator's pages (the whole tab is there): picks `upn`, accepts consent if asked. */
async function answerInPlace(page, upn) {
  await page.waitForURL((u) => u.pathname.includes("/oauth2/v2.0/authorize"));
  await page.click(`button[data-upn="${upn}"]`);
  const consent = await page.waitForSelector("#accept", { timeout: 5_000 }).catch(() => null);
  if (consent) await page.click("#accept");
}

/** The page's session storage keys that hold redirect records. */
const records = (page) => page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith("onedrive-picker.redirect|")));

test("the element: the page goes to the sign-in and back; its routes never see the answer, no window opens", async () => {
  const t = await tab(site.origin);
  try {
    const start = portal({ "login-hint": ADELE, "domain-hint": "contoso.onmicrosoft.com", prompt: "login" });
    await t.page.goto(start);
    const picker = t.page.locator("onedrive-picker");
    await picker.getByRole("button", { name: "Sign in with Microsoft" }).click();
    await answerInPlace(t.page, ADELE);
    // The hints went with the page to the authority.
    const asked = new URL(t.seen().find((u) => u.includes("/oauth2/v2.0/authorize"))).searchParams;
    assert.equal(asked.get("login_hint"), ADELE);
    assert.equal(asked.get("domain_hint"), "contoso.onmicrosoft.com");
    assert.equal(asked.get("prompt"), "login");
    assert.equal(asked.get("response_mode"), "fragment", "the answer never reaches a server's logs");
    await picker.getByRole("group", { name: "Adele Vance" }).waitFor();
    assert.equal(t.page.url(), start, "back at the very address the user was at");
    for (const u of t.routes()) assert.doesNotMatch(u, /[?#&](code|state|error)=/, `the page's route saw the answer: ${u}`);
    assert.deepEqual(await records(t.page), [], "the record is gone once used");
    assert.deepEqual(await t.page.evaluate(() => Object.keys(localStorage)), [], "nothing in local storage");
    await picker.getByRole("option", { name: /^Welcome\.docx/ }).click();
    await picker.getByRole("button", { name: "Select", exact: true }).click();
    await t.page.getByRole("status").filter({ hasText: "Picked: Welcome.docx" }).waitFor();
    assert.equal(t.windows.length, 0, "no window opened");
  } finally {
    await t.context.close();
  }
});

test("the dialog comes back open and signed in (OneDrivePicker.resume); the element beside it is not signed in by its answer", async () => {
  const t = await tab(site.origin);
  try {
    await t.page.goto(portal());
    await t.page.getByRole("button", { name: "Attach from Microsoft 365" }).click();
    const dialog = t.page.getByRole("dialog", { name: "Microsoft 365 file picker" });
    await dialog.getByRole("button", { name: "Sign in with Microsoft" }).click();
    await answerInPlace(t.page, ADELE);
    await dialog.getByRole("group", { name: "Adele Vance" }).waitFor();
    // The answer was the dialog's: the element on the same page still asks.
    await t.page.locator("onedrive-picker#onedrive-picker-dialog").waitFor();
    await t.page.locator("h1 + onedrive-picker").getByRole("button", { name: "Sign in with Microsoft" }).waitFor();
    await dialog.getByRole("option", { name: /^Welcome\.docx/ }).click();
    await dialog.getByRole("button", { name: "Select", exact: true }).click();
    await t.page.getByRole("status").filter({ hasText: "Picked: Welcome.docx" }).waitFor();
    for (const u of t.routes()) assert.doesNotMatch(u, /[?#&](code|state|error)=/, u);
    assert.equal(t.windows.length, 0);
  } finally {
    await t.context.close();
  }
});

test("the Leptos component: after the session expired, signing in again by redirect returns to the folder", async () => {
  const t = await tab(demo.origin);
  try {
    await t.page.goto(`${demo.origin}/leptos/?emulator=${encodeURIComponent(demoEmulator.base)}&auth-mode=redirect`);
    await t.page.getByRole("button", { name: "Sign in with Microsoft" }).click();
    await answerInPlace(t.page, ADELE);
    await t.page.getByRole("option", { name: "Documents" }).click();
    await t.page.getByRole("option", { name: "Reports" }).waitFor();
    const r = await fetch(`${demoEmulator.base}/_emulator/tokens/expire`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ access: true, refresh: true }),
    });
    assert.equal(r.status, 204);
    await t.page.getByRole("option", { name: "Reports" }).click();
    const alert = t.page.getByRole("alert");
    await alert.filter({ hasText: "session has expired" }).waitFor();
    await alert.getByRole("button", { name: "Sign in again" }).click();
    // The authority's session answers by itself: the page comes straight back.
    await t.page.getByRole("option", { name: /^Q3 Forecast\.xlsx/ }).waitFor();
    const path = t.page.getByRole("navigation", { name: "Folder path" }).getByRole("listitem");
    assert.deepEqual(await path.allInnerTexts(), ["My files", "Documents", "Reports"]);
    for (const u of t.routes()) assert.doesNotMatch(u, /[?#&](code|state|error)=/, u);
    assert.equal(t.windows.length, 0);
  } finally {
    await t.context.close();
  }
});

test("a record that names another origin is refused by the redirect page, and dropped", async () => {
  const t = await tab(site.origin);
  try {
    const auth = `${site.origin}/node_modules/onedrive-picker/auth.html`;
    // On a plain page of the origin (no picker here to tidy the storage away).
    await t.page.goto(`${site.origin}/plain`);
    await t.page.evaluate(() =>
      sessionStorage.setItem("onedrive-picker.redirect|evil", JSON.stringify({ v: 1, instance: "x", return: "https://evil.example/" })),
    );
    await t.page.goto(`${auth}#code=abc&state=evil.1`);
    await t.page.getByText("This page was not opened by the file picker.").waitFor();
    assert.equal(new URL(t.page.url()).origin, site.origin, "not sent to another origin");
    assert.deepEqual(await records(t.page), [], "the bad record is dropped");
  } finally {
    await t.context.close();
  }
});

test("a blocked sign-in window offers to sign in on this page instead, and that works", async () => {
  const t = await tab(demo.origin);
  try {
    await t.page.addInitScript(() => {
      window.open = () => null;
    });
    await t.page.goto(`${demo.origin}/leptos/?emulator=${encodeURIComponent(demoEmulator.base)}`);
    await t.page.getByRole("button", { name: "Sign in with Microsoft" }).click();
    const alert = t.page.getByRole("alert").filter({ hasText: "blocked" });
    await alert.getByRole("button", { name: "Try again" }).waitFor();
    await alert.getByRole("button", { name: "Sign in on this page instead" }).click();
    await answerInPlace(t.page, ADELE);
    await t.page.getByRole("group", { name: "Adele Vance" }).waitFor();
    await t.page.getByRole("option", { name: "Documents" }).waitFor();
  } finally {
    await t.context.close();
  }
});
