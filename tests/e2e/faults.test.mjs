// End-to-end: the picker under faults — random throttling, latency and dropped connections, and
// each scripted fault (truncated or malformed JSON, expired tokens, claims challenges, outages):
// every navigation ends in the right listing or a clear, retryable error, within a bounded time,
// with a bounded number of requests (counted by the emulator).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startEmulator, serveStatic, launchBrowser, clickSignIn, completeSignIn, stopAll } from "./support.mjs";

let noisy, quiet, site, browser;
const ADELE = "AdeleV@contoso.onmicrosoft.com";
/** Attempts per request (graph::client::MAX_ATTEMPTS). */
const MAX_ATTEMPTS = 4;
/** What the longest settling may take: three back-offs of at most 2 s, plus latency and slack. */
const SETTLE_BOUND_MS = 12_000;

before(async () => {
  [noisy, quiet, site] = await Promise.all([
    startEmulator(["--throttle-rate", "0.2", "--retry-after", "1", "--drop-rate", "0.05", "--latency-ms", "10", "--latency-jitter-ms", "150"]),
    startEmulator(),
    serveStatic(),
  ]);
  browser = await launchBrowser();
});

after(() => stopAll(browser, noisy, quiet, site));

async function signedIn(emulator) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${site.origin}/leptos/?emulator=${encodeURIComponent(emulator.base)}`);
  await completeSignIn(await clickSignIn(page), ADELE);
  return { context, page };
}

const graphRequests = async (emulator) => (await (await fetch(`${emulator.base}/_emulator/stats`)).json()).graphRequests;

const CLEAR_MESSAGES = /busy right now|Could not reach Microsoft 365|could not read|answered an error/;

const TRY_AGAIN = 'role=alert >> role=button[name="Try again"s]';

/** Waits until `selector` shows in a listing that has its answer (a place seen before shows its
 * rows at once, and goes on loading until its request answers): "listing", or "error". */
async function answered(page, selector) {
  await page.waitForSelector(selector, { timeout: 30_000 });
  await page.waitForSelector(".odp-picker [aria-busy=true]", { state: "detached", timeout: 30_000 });
  return (await page.locator(TRY_AGAIN).count()) > 0 ? "error" : "listing";
}

/**
 * Waits until `selector` shows in an answered listing, or a retryable error does (then clicks
 * "Try again", a few times at most). Returns how long the first outcome took and how many
 * retries were clicked.
 */
async function settle(page, selector) {
  const started = Date.now();
  let firstOutcomeMs = null;
  for (let retries = 0; retries < 5; retries++) {
    const outcome = await Promise.race([
      answered(page, selector),
      page.waitForSelector(TRY_AGAIN, { timeout: 30_000 }).then(() => "error"),
    ]);
    firstOutcomeMs ??= Date.now() - started;
    if (outcome === "listing") return { firstOutcomeMs, retries };
    // The alert that offers "Try again" says what happened (a role selector after `>>` looks
    // below the alert, never at it, so the alert is found by what it holds).
    const alert = page.getByRole("alert").filter({ has: page.getByRole("button", { name: "Try again", exact: true }) });
    assert.match(await alert.textContent(), CLEAR_MESSAGES);
    await alert.getByRole("button", { name: "Try again", exact: true }).click();
  }
  assert.fail(`${selector} never arrived`);
}

test("under 20 % throttling, random latency and dropped connections every navigation settles", async () => {
  const { context, page } = await signedIn(noisy);
  await settle(page, 'role=option[name="Documents"s]');
  const before = await graphRequests(noisy);
  const steps = [
    ['role=option[name="Documents"s]', 'role=option[name="Reports"s]'],
    ['role=option[name="Reports"s]', 'role=option[name="Q3 Forecast.xlsx"s]'],
    ['role=navigation[name="Folder path"s] >> role=listitem >> role=button >> text="Documents"', 'role=option[name="Reports"s]'],
    ['role=navigation[name="Folder path"s] >> role=listitem >> role=button >> text="My files"', 'role=option[name="Documents"s]'],
  ];
  let navigations = 0;
  let retries = 0;
  for (let round = 0; round < 3; round++) {
    for (const [click, expect] of steps) {
      await page.click(click);
      const r = await settle(page, expect);
      assert.ok(r.firstOutcomeMs < SETTLE_BOUND_MS, `settled in ${r.firstOutcomeMs} ms`);
      navigations += 1;
      retries += r.retries;
    }
  }
  const sent = (await graphRequests(noisy)) - before;
  assert.ok(sent >= navigations, `${sent} requests for ${navigations} navigations`);
  assert.ok(sent <= (navigations + retries) * MAX_ATTEMPTS, `${sent} requests is more than the retry bound`);
  await context.close();
});

async function script(emulator, rule) {
  const r = await fetch(`${emulator.base}/_emulator/faults`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(rule),
  });
  assert.equal(r.status, 204);
}

test("a dropped connection retries quickly and ends in a retryable error, not a long 'Loading…'", async () => {
  const { context, page } = await signedIn(quiet);
  await page.waitForSelector('role=option[name="Documents"s]');
  // Once: retried at once, the listing arrives.
  await script(quiet, { fault: "drop", path_contains: "/children", times: 1 });
  let started = Date.now();
  await page.click('role=option[name="Documents"s]');
  await page.waitForSelector('role=option[name="Reports"s]');
  assert.ok(Date.now() - started < 3_000, `listing after ${Date.now() - started} ms`);
  // Every attempt: a clear error with "Try again" after the bounded retries, then recovery.
  // (Chromium may itself retry a GET whose reused connection was reset, so the rule has room.)
  await script(quiet, { fault: "drop", path_contains: "/children" });
  const before = await graphRequests(quiet);
  started = Date.now();
  await page.click('role=option[name="Reports"s]');
  await page.waitForSelector('role=alert >> role=button[name="Try again"s]');
  assert.ok(Date.now() - started < 6_000, `error after ${Date.now() - started} ms`);
  const sent = (await graphRequests(quiet)) - before;
  assert.ok(sent >= MAX_ATTEMPTS && sent <= 2 * MAX_ATTEMPTS, `${sent} requests`);
  assert.match(await page.textContent('role=alert'), /Could not reach Microsoft 365/);
  // "Try again" shows the place loading again (the old error goes at once), then the error.
  await page.click('role=alert >> role=button[name="Try again"s]');
  await page.waitForSelector(".odp-loading", { timeout: 2_000 });
  assert.equal(await page.locator('role=alert').count(), 0, "the old error is gone");
  await page.waitForSelector('role=alert >> role=button[name="Try again"s]');
  assert.equal((await fetch(`${quiet.base}/_emulator/faults`, { method: "DELETE", headers: { "content-type": "application/json" } })).status, 204);
  await page.click('role=alert >> role=button[name="Try again"s]');
  await page.waitForSelector('role=option[name="Q3 Forecast.xlsx"s]');
  await context.close();
});

test("truncated and malformed JSON end in a retryable error; tokens and outages recover by themselves", async () => {
  const { context, page } = await signedIn(quiet);
  await page.waitForSelector('role=option[name="Documents"s]');
  for (const [fault, click, expect] of [
    ["truncated", "Documents", "Reports"],
    ["malformed", "Reports", "Q3 Forecast.xlsx"],
  ]) {
    await script(quiet, { fault, path_contains: "/children", times: 1 });
    await page.click(`role=option[name="${click}"s]`);
    await page.waitForSelector('role=alert >> role=button[name="Try again"s]');
    assert.match(await page.textContent('role=alert'), /could not read/);
    await page.click('role=alert >> role=button[name="Try again"s]');
    await page.waitForSelector(`role=option[name="${expect}"s]`);
  }
  await context.close();
  // Expired token and claims challenge: one silent refresh; an outage: Retry-After, then the answer.
  for (const rule of [
    { fault: "expired-token", path_contains: "/children", times: 1 },
    { fault: "claims-challenge", path_contains: "/children", times: 1 },
    { fault: "unavailable", path_contains: "/children", times: 1, retry_after: 1 },
  ]) {
    const fresh = await signedIn(quiet);
    await fresh.page.waitForSelector('role=option[name="Documents"s]');
    const tokenRequests = [];
    fresh.page.on("request", (r) => r.url().includes("/oauth2/v2.0/token") && r.method() === "POST" && tokenRequests.push(r.url()));
    await script(quiet, rule);
    await fresh.page.click('role=option[name="Documents"s]');
    await fresh.page.waitForSelector('role=option[name="Reports"s]');
    assert.equal(await fresh.page.locator('role=alert').count(), 0, rule.fault);
    assert.equal(tokenRequests.length, rule.fault === "unavailable" ? 0 : 1, `${rule.fault}: token requests`);
    await fresh.context.close();
  }
});
