// Timings of one side in one browser: from the click on sign-in to the first row shown (the
// sign-in window answered by the same automated clicks for both sides), and the opening of a
// folder, with the Graph requests each needs (counted at the TLS front).
import { completeSignIn } from "../../tests/e2e/support.mjs";

const ADELE = "AdeleV@contoso.onmicrosoft.com";

/** How each side shows what the benchmark waits for. */
export const SIDES = {
  ours: {
    page: (origin, client) => `${origin}/ours/?client=${client}`,
    ready: () => !!document.querySelector("onedrive-picker")?.shadowRoot?.querySelector(".odp-signin-button"),
    signIn: "onedrive-picker .odp-signin-button",
    firstRow: () => !!document.querySelector("onedrive-picker")?.shadowRoot?.querySelector(".odp-item"),
    open: async (page, name) => page.click(`onedrive-picker .odp-item[title="${name}"]`),
    hover: async (page, name) => page.hover(`onedrive-picker .odp-item[title="${name}"]`),
    shows: (name) => !!document.querySelector("onedrive-picker")?.shadowRoot?.querySelector(`.odp-item[title="${name}"]`),
  },
  peer: {
    page: (origin, client) => `${origin}/peer/?client=${client}`,
    ready: () => !!document.querySelector("mgt-login")?.shadowRoot?.querySelector("#login-button"),
    signIn: "mgt-login #login-button",
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

/** `side`'s page in a fresh context (`watch` sees it before it loads), once its sign-in control
 * shows. */
export async function openSide(browser, origin, client, side, watch = () => {}) {
  const context = await browser.newContext();
  const page = await context.newPage();
  watch(page);
  await page.goto(side.page(origin, client));
  await page.waitForFunction(side.ready, null, { timeout: 60_000 });
  return { context, page };
}

/** Clicks sign-in on `side`'s page and answers the sign-in window as Adele; with `restMs`, the
 * pointer rests on the button that long first (as a hand does before it clicks). `clicking` is
 * called just before the click. */
export async function signIn(page, side, restMs = 0, clicking = () => {}) {
  if (restMs) {
    await page.hover(side.signIn);
    await page.waitForTimeout(restMs);
  }
  clicking();
  const [popup] = await Promise.all([page.waitForEvent("popup"), page.click(side.signIn)]);
  await completeSignIn(popup, ADELE);
}

/** Every request of `context` (the page's and the sign-in window's), as [start, end] in ms
 * after `zero()`, its method and its address without the query. */
function timeline(context, zero) {
  const seen = new Map();
  const at = () => Date.now() - zero();
  context.on("request", (r) => seen.set(r, { start: at(), end: null, what: `${r.method()} ${r.url().split("?")[0]}` }));
  context.on("requestfinished", (r) => seen.has(r) && (seen.get(r).end = at()));
  context.on("requestfailed", (r) => seen.has(r) && (seen.get(r).end = at()));
  return () => [...seen.values()].filter((r) => r.start >= 0);
}

/** Signs in on `side`'s page and opens Documents; the times in ms and the Graph requests (with
 * `trace`, also every request from the click to the first row; with `restMs`, the pointer rests
 * on the sign-in button that long before the click, and only the sign-in is timed). */
export async function timings(browser, front, origin, client, sideName, trace = false, restMs = 0) {
  const side = SIDES[sideName];
  const errors = [];
  let started = Infinity;
  let requestsSince = () => [];
  const { context, page } = await openSide(browser, origin, client, side, (page) => {
    page.on("pageerror", (e) => errors.push(String(e)));
    page.on("response", (r) => r.status() >= 400 && errors.push(`${r.status()} ${r.request().method()} ${r.url()}`));
    page.on("requestfailed", (r) => errors.push(`failed ${r.url().slice(0, 80)}`));
    if (trace) requestsSince = timeline(page.context(), () => started);
  });
  try {
    let requests = front.state.graphRequests;
    await signIn(page, side, restMs, () => (started = Date.now()));
    await page.waitForFunction(side.firstRow, null, { timeout: 60_000, polling: 10 }).catch(async (e) => {
      await page.screenshot({ path: `target/bench/${sideName}-sign-in.png` });
      throw new Error(`${sideName}: no first row (${errors.join("; ")}): ${e.message}`);
    });
    const signInToFirstRow = Date.now() - started;
    const trail = requestsSince().filter((r) => r.start <= signInToFirstRow);
    const signInRequests = front.state.graphRequests - requests;
    if (restMs) return { signInToFirstRow, signInRequests, errors, trail };
    await page.waitForLoadState("networkidle");
    requests = front.state.graphRequests;
    const opening = Date.now();
    await side.open(page, "Documents");
    await page.waitForFunction(side.shows, "Reports", { timeout: 60_000, polling: 10 }).catch(async (e) => {
      await page.screenshot({ path: `target/bench/${sideName}-folder.png` });
      throw new Error(`${sideName}: the folder did not open (${errors.join("; ")}): ${e.message}`);
    });
    const openFolder = Date.now() - opening;
    await page.waitForLoadState("networkidle");
    const folderRequests = front.state.graphRequests - requests;
    const hoverThenOpen = await hoveredOpen(page, side, "Contracts", "NDA template.docx");
    return { signInToFirstRow, signInRequests, openFolder, folderRequests, hoverThenOpen, errors, trail };
  } finally {
    await context.close();
  }
}

/** How long the pointer rests on a control before the click, as a hand's does (sign-in's second
 * figure, and hover-then-open). */
export const REST_MS = 300;

/** The pointer rests on folder `name` for `REST_MS` (as a hand does before it clicks), then clicks
 * it: the ms from the click to the frame that shows `child`, measured in the page. */
async function hoveredOpen(page, side, name, child) {
  await side.hover(page, name);
  await page.waitForTimeout(REST_MS);
  const measured = page.evaluate(async ({ shows, child }) => {
    const visible = new Function(`return (${shows})`)();
    let clicked = null;
    document.addEventListener("click", () => (clicked ??= performance.now()), { capture: true });
    const frame = () => new Promise((done) => requestAnimationFrame(done));
    while (clicked === null || !visible(child)) await frame();
    return performance.now() - clicked;
  }, { shows: side.shows.toString(), child });
  await side.open(page, name);
  return Math.round(await measured);
}
