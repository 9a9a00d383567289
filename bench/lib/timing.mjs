// Timings of one side in one browser: from the click on sign-in to the first row shown (the
// sign-in window answered by the same automated clicks for both sides), and the opening of a
// folder, with the Graph requests each needs (counted at the TLS front).
import { completeSignIn } from "../../tests/e2e/support.mjs";
import { authorityTab, watchClick } from "./bare.mjs";

const ADELE = "AdeleV@contoso.onmicrosoft.com";

/** How each side shows what the benchmark waits for. */
export const SIDES = {
  ours: {
    page: (origin, client) => `${origin}/ours/?client=${client}`,
    ready: () => !!document.querySelector("onedrive-picker")?.shadowRoot?.querySelector(".odp-signin-button"),
    signIn: "onedrive-picker .odp-signin-button",
    button: () => document.querySelector("onedrive-picker")?.shadowRoot?.querySelector(".odp-signin-button"),
    firstRow: () => !!document.querySelector("onedrive-picker")?.shadowRoot?.querySelector(".odp-item"),
    open: async (page, name) => page.click(`onedrive-picker .odp-item[title="${name}"]`),
    hover: async (page, name) => page.hover(`onedrive-picker .odp-item[title="${name}"]`),
    shows: (name) => !!document.querySelector("onedrive-picker")?.shadowRoot?.querySelector(`.odp-item[title="${name}"]`),
  },
  peer: {
    page: (origin, client) => `${origin}/peer/?client=${client}`,
    ready: () => !!document.querySelector("mgt-login")?.shadowRoot?.querySelector("#login-button"),
    signIn: "mgt-login #login-button",
    button: () => document.querySelector("mgt-login")?.shadowRoot?.querySelector("#login-button"),
    firstRow: () => !!document.querySelector("mgt-file-list")?.shadowRoot?.querySelector("li.file-item"),
    open: async (page, name) => {
      const rows = page.locator("mgt-file-list li.file-item");
      await rows.filter({ hasText: name }).first().click();
    },
    hover: async (page, name) => {
      const rows = page.locator("mgt-file-list li.file-item");
      await rows.filter({ hasText: name }).first().hover();
    },
    // Version 4 opens a folder in place, its children below it (in nested shadow roots).
    shows: (name) => {
      const walk = (root) =>
        [...root.querySelectorAll("*")].some(
          (el) => (el.shadowRoot && walk(el.shadowRoot)) || (el.childElementCount === 0 && el.textContent.trim() === name),
        );
      const list = document.querySelector("mgt-file-list")?.shadowRoot;
      return !!list && walk(list);
    },
  },
};

/** Sign-in → first row on `sideName`'s page through `bare` (lib/bare.mjs: the sign-in window
 * untouched by the automation), in ms, and the Graph requests it took (counted at `front`). */
export async function bareSignIn(bare, front, origin, client, sideName, { restMs = 0, returning = false } = {}) {
  const side = SIDES[sideName];
  const before = front.state.graphRequests;
  const ms = await bare.signIn({
    url: side.page(origin, client), button: `(${side.button})()`, row: side.firstRow.toString(),
    origin, client, restMs, returning,
  });
  return { signInToFirstRow: ms, signInRequests: front.state.graphRequests - before };
}

/** `side`'s page in a fresh context (`watch` sees it before it loads), once its sign-in control
 * shows; with `returning`, the context is signed in at the authority first (see `atAuthority`). */
export async function openSide(browser, origin, client, side, watch = () => {}, returning = false) {
  const context = await browser.newContext();
  if (returning) await atAuthority(context, origin, client);
  const page = await context.newPage();
  watch(page);
  await page.goto(side.page(origin, client));
  await page.waitForFunction(side.ready, null, { timeout: 60_000 });
  return { context, page };
}

/** A returning user: `context` signs in to Microsoft 365 as Adele (the sign-in pages answered in
 * a tab of their own, for the same app registration, which then closes), as a user who already
 * works in Microsoft 365 in this browser is; the app's pages keep nothing of it. The sign-in
 * window then answers at once, without a page: the authority's session names the account. */
export async function atAuthority(context, origin, client) {
  const tab = await context.newPage();
  await tab.goto(authorityTab(origin, client));
  await completeSignIn(tab, ADELE);
  await tab.waitForURL((url) => url.pathname.endsWith("/peer/blank.html"));
  await tab.close();
}

/** Clicks sign-in on `side`'s page and answers the sign-in window as Adele (a returning user's
 * answers itself); with `restMs`, the pointer rests on the button that long first (as a hand does
 * before it clicks). */
export async function signIn(page, side, restMs = 0, returning = false) {
  if (restMs) {
    await page.hover(side.signIn);
    await page.waitForTimeout(restMs);
  }
  const [popup] = await Promise.all([page.waitForEvent("popup"), page.click(side.signIn)]);
  if (!returning) await completeSignIn(popup, ADELE);
}

/** Every request of `context` (the page's and the sign-in window's), as [start, end] in ms
 * after `zero()` (read at the end), its method and its address without the query. */
function timeline(context, zero) {
  const seen = new Map();
  context.on("request", (r) => seen.set(r, { start: Date.now(), end: null, what: `${r.method()} ${r.url().split("?")[0]}` }));
  context.on("requestfinished", (r) => seen.has(r) && (seen.get(r).end = Date.now()));
  context.on("requestfailed", (r) => seen.has(r) && (seen.get(r).end = Date.now()));
  return () => [...seen.values()]
    .map((r) => ({ ...r, start: r.start - zero(), end: r.end === null ? null : r.end - zero() }))
    .filter((r) => r.start >= 0);
}

/** Watches, in `page`, for the next click and then for `shown(arg)` to hold (`watchClick`);
 * resolves, once watching, with a function that resolves with the click's time and the ms from
 * it to the first frame after. */
async function clickToFrame(page, shown, arg = null) {
  await page.evaluate(watchClick, { shown: shown.toString(), arg });
  return () => page.evaluate(() => window.__benchClick);
}

/** Signs in on `side`'s page and opens Documents; the times in ms and the Graph requests (with
 * `trace`, also every request from the click to the first row; with `restMs`, the pointer rests
 * on the sign-in button that long before the click, and only the sign-in is timed; with
 * `returning`, a returning user signs in, and only the sign-in is timed). */
export async function timings(browser, front, origin, client, sideName, { trace = false, restMs = 0, returning = false } = {}) {
  const side = SIDES[sideName];
  const errors = [];
  let started = Infinity;
  let requestsSince = () => [];
  const { context, page } = await openSide(browser, origin, client, side, (page) => {
    page.on("pageerror", (e) => errors.push(String(e)));
    page.on("response", (r) => r.status() >= 400 && errors.push(`${r.status()} ${r.request().method()} ${r.url()}`));
    page.on("requestfailed", (r) => errors.push(`failed ${r.url().slice(0, 80)}`));
    if (trace) requestsSince = timeline(page.context(), () => started);
  }, returning);
  try {
    let requests = front.state.graphRequests;
    const measured = await clickToFrame(page, side.firstRow);
    await signIn(page, side, restMs, returning);
    const { at, ms: signInToFirstRow } = await withTimeout(measured(), 60_000).catch(async (e) => {
      await page.screenshot({ path: `target/bench/${sideName}-sign-in.png` });
      throw new Error(`${sideName}: no first row (${errors.join("; ")}): ${e.message}`);
    });
    started = Math.round(at);
    const trail = requestsSince().filter((r) => r.start <= signInToFirstRow);
    const signInRequests = front.state.graphRequests - requests;
    if (restMs || returning) return { signInToFirstRow, signInRequests, errors, trail };
    await page.waitForLoadState("networkidle");
    requests = front.state.graphRequests;
    const opening = await clickToFrame(page, side.shows, "Reports");
    await side.open(page, "Documents");
    const { ms: openFolder } = await withTimeout(opening(), 60_000).catch(async (e) => {
      await page.screenshot({ path: `target/bench/${sideName}-folder.png` });
      throw new Error(`${sideName}: the folder did not open (${errors.join("; ")}): ${e.message}`);
    });
    await page.waitForLoadState("networkidle");
    const folderRequests = front.state.graphRequests - requests;
    const hoverThenOpen = await hoveredOpen(page, side, "Contracts", "NDA template.docx");
    return { signInToFirstRow, signInRequests, openFolder, folderRequests, hoverThenOpen, errors, trail };
  } finally {
    await context.close();
  }
}

/** `promise`, or an error after `ms`. */
function withTimeout(promise, ms) {
  let timer;
  const late = new Promise((_, fail) => (timer = setTimeout(() => fail(new Error(`nothing after ${ms} ms`)), ms)));
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** How long the pointer rests on a control before the click, as a hand's does (sign-in's second
 * figure, and hover-then-open). */
export const REST_MS = 300;

/** The pointer rests on folder `name` for `REST_MS` (as a hand does before it clicks), then clicks
 * it: the ms from the click to the frame that shows `child`, measured in the page. */
async function hoveredOpen(page, side, name, child) {
  await side.hover(page, name);
  await page.waitForTimeout(REST_MS);
  const measured = await clickToFrame(page, side.shows, child);
  await side.open(page, name);
  return (await measured()).ms;
}
