// End-to-end: nested app authentication. The emulator's host page plays Teams: it frames the portal
// cross-site (storage partitioned, as Chrome ships) and brokers its tokens through the bridge. The
// picker signs in and picks there with no window opened, every failure the host can simulate ends
// on a screen that says what happened and recovers, and the host hears the page's login hint.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startEmulator, serveStatic, launchBrowser, installPackage, writePortal, stopAll, PARTITIONED, ADELE, MEGAN } from "./support.mjs";

let portal, site, browser, args;

before(async () => {
  const installed = installPackage();
  args = installed.emulatorArgs;
  site = await serveStatic({ dir: installed.dir });
  portal = { dir: installed.dir };
  browser = await launchBrowser([PARTITIONED]);
});

after(() => stopAll(browser, site));

/**
 * A fresh emulator (its consents start empty) and a page of its host signed in as `as`, framing
 * the portal on another site with `query` (the element's attributes), behaving as `fault`.
 * Resolves with the page, the frame, the windows opened and a `stop`.
 */
async function host({ as = ADELE, query = {}, fault = "answer", delay } = {}) {
  const emulator = await startEmulator(args);
  const portalPage = writePortal(portal.dir, emulator);
  const app = portalPage(site, query).replace("127.0.0.1", "localhost");
  const context = await browser.newContext();
  const windows = [];
  const page = await context.newPage();
  context.on("page", (p) => p !== page && windows.push(p));
  const q = new URLSearchParams({ app, as, fault, ...(delay ? { delay } : {}) });
  await page.goto(`${emulator.base}/naa/host?${q}`);
  const frame = page.frameLocator('iframe[title="App"]');
  const stop = async () => (await context.close(), emulator.stop());
  return { page, frame, windows, stop, emulator };
}

const picker = (frame) => frame.locator("onedrive-picker");

/** Accepts the host's consent prompt. */
async function accept(page) {
  const prompt = page.getByRole("dialog", { name: "Permissions requested" });
  await prompt.getByRole("button", { name: "Accept" }).click();
}

/** Picks Welcome.docx in the framed picker. */
async function pick(frame) {
  await picker(frame).getByRole("option", { name: /^Welcome\.docx/ }).click();
  await picker(frame).getByRole("button", { name: "Select", exact: true }).click();
  await frame.getByRole("status").filter({ hasText: "Picked: Welcome.docx" }).waitFor();
}

test("inside the host the picker signs in through the host's prompt and picks, with no window; next time silently", async () => {
  const h = await host({ query: { "login-hint": ADELE, "token-storage": "session" } });
  try {
    // The frame is another site's: its cookies are blocked, its storage partitioned (as Chrome ships).
    const inner = h.page.frames().find((f) => f !== h.page.mainFrame());
    const kept = await inner.evaluate(() => ((document.cookie = "probe=1; SameSite=None; Secure; Path=/"), document.cookie.includes("probe=1")));
    assert.equal(kept, false, "third-party cookies are blocked");
    // Consent is missing: the silent request is refused, and the sign-in screen shows.
    await picker(h.frame).getByRole("button", { name: "Sign in with Microsoft" }).click();
    await accept(h.page);
    await picker(h.frame).getByRole("group", { name: "Adele Vance" }).waitFor();
    await pick(h.frame);
    assert.equal(h.windows.length, 0, "no window was opened");
    // The host's tokens are not kept in storage, though the page opted in: the host is asked again.
    assert.deepEqual(await inner.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith("onedrive-picker.tokens"))), []);
    const log = await h.page.getByRole("list", { name: "Bridge requests" }).innerText();
    assert.match(log, /GetInitContext → token/);
    assert.match(log, /GetToken · [^\n]*Files\.Read\.All[^\n]* · hint AdeleV@contoso\.onmicrosoft\.com → USER_INTERACTION_REQUIRED/);
    assert.match(log, /GetTokenPopup · [^\n]* → token/);
    // Consent is remembered: the next visit signs in by itself.
    await h.page.reload();
    await picker(h.frame).getByRole("group", { name: "Adele Vance" }).waitFor();
    await pick(h.frame);
    // Signing out forgets the account here; the host's prompt signs in again.
    await picker(h.frame).getByRole("button", { name: "Sign out" }).click();
    await picker(h.frame).getByRole("button", { name: "Sign in with Microsoft" }).click();
    await picker(h.frame).getByRole("group", { name: "Adele Vance" }).waitFor();
    assert.equal(h.windows.length, 0, "no window was opened");
  } finally {
    await h.stop();
  }
});

test("a host that never answers: a clear error within the timeout, and Try again recovers", async () => {
  const h = await host({ fault: "never" });
  try {
    const alert = picker(h.frame).getByRole("alert");
    await alert.filter({ hasText: "did not answer the sign-in in time" }).waitFor({ timeout: 20_000 });
    await h.page.getByLabel("Host behaviour").selectOption("answer");
    await alert.getByRole("button", { name: "Try again" }).click();
    await accept(h.page);
    await pick(h.frame);
    assert.equal(h.windows.length, 0);
  } finally {
    await h.stop();
  }
});

test("every refusal of the host says what happened and offers what can mend it", async () => {
  const cases = [
    ["USER_CANCEL", "was cancelled", "Try again"],
    ["DISABLED", "does not let this picker sign you in", "Try again"],
    ["NESTED_APP_AUTH_UNAVAILABLE", "cannot sign you in to this picker", "Try again"],
    ["TRANSIENT_ERROR", "could not sign you in just now", "Try again"],
    ["NO_NETWORK", "is offline", "Try again"],
    ["PERSISTENT_ERROR", "If it keeps happening", "Try again"],
    ["ACCOUNT_UNAVAILABLE", "is not the one signed in to the app you are in", "Sign in again"],
  ];
  for (const [fault, text, action] of cases) {
    const h = await host({ fault });
    try {
      const alert = picker(h.frame).getByRole("alert");
      await alert.filter({ hasText: text }).waitFor();
      await h.page.getByLabel("Host behaviour").selectOption("answer");
      await alert.getByRole("button", { name: action }).click();
      await accept(h.page);
      await picker(h.frame).getByRole("group", { name: "Adele Vance" }).waitFor();
    } finally {
      await h.stop();
    }
  }
});

test("the user cancels the host's prompt, then accepts it; a slow host is waited for; a hint for another account is refused", async () => {
  const h = await host({ fault: "slow", delay: "1500" });
  try {
    await picker(h.frame).getByRole("button", { name: "Sign in with Microsoft" }).click();
    await h.page.getByRole("dialog", { name: "Permissions requested" }).getByRole("button", { name: "Cancel" }).click();
    const alert = picker(h.frame).getByRole("alert");
    await alert.filter({ hasText: "was cancelled" }).waitFor();
    await alert.getByRole("button", { name: "Try again" }).click();
    await accept(h.page);
    await pick(h.frame);
  } finally {
    await h.stop();
  }
  const other = await host({ query: { "login-hint": MEGAN } });
  try {
    await picker(other.frame).getByRole("alert").filter({ hasText: "is not the one signed in" }).waitFor();
    const log = await other.page.getByRole("list", { name: "Bridge requests" }).innerText();
    assert.match(log, /hint MeganB@contoso\.onmicrosoft\.com → ACCOUNT_UNAVAILABLE/);
  } finally {
    await other.stop();
  }
});

test("a host library whose hook never installs a bridge (outside its host): auto goes on with the popup", async () => {
  const emulator = await startEmulator(args);
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.addInitScript(() => {
      window.__initializeNestedAppAuth = () => new Promise(() => {});
    });
    await page.goto(writePortal(portal.dir, emulator)(site));
    const signIn = page.locator("onedrive-picker").getByRole("button", { name: "Sign in with Microsoft" });
    await signIn.waitFor({ timeout: 20_000 });
    const [popup] = await Promise.all([page.waitForEvent("popup"), signIn.click()]);
    assert.ok(popup, "the sign-in window opened");
  } finally {
    await context.close();
    emulator.stop();
  }
});

test("auth-mode=popup ignores the host; auth-mode=nested outside a host says so", async () => {
  const h = await host({ query: { "auth-mode": "popup" } });
  try {
    const [popup] = await Promise.all([
      h.page.waitForEvent("popup"),
      picker(h.frame).getByRole("button", { name: "Sign in with Microsoft" }).click(),
    ]);
    assert.ok(popup, "the sign-in window opened");
    const log = await h.page.getByRole("list", { name: "Bridge requests" }).innerText();
    assert.equal(log.trim(), "", "the host was not asked");
  } finally {
    await h.stop();
  }
  const emulator = await startEmulator(args);
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(writePortal(portal.dir, emulator)(site, { "auth-mode": "nested" }));
    await page.locator("onedrive-picker").getByRole("alert").filter({ hasText: "cannot sign you in to this picker" }).waitFor();
  } finally {
    await context.close();
    emulator.stop();
  }
});
