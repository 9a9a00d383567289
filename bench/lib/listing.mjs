// A large folder on each side: page memory after listing the 10,000-item folder, and the DOM
// rows and frame times while going through the 100,000-item folder towards its end — by
// scrolling (the picker loads pages as the end comes into view) or by "Show more" (the peer) —
// within a time budget; each side reports how far it got.
import { openSide, SIDES, signIn } from "./timing.mjs";

/** Counts animation frames in the page from now on (their intervals, in ms). */
const WATCH_FRAMES = () => {
  window.__frames = [];
  let last = performance.now();
  const tick = (t) => {
    window.__frames.push(t - last);
    last = t;
    if (window.__frames) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
};

/** One step towards the end; the items loaded and the rows in the DOM after it. */
const STEP = {
  ours: async () => {
    const el = document.querySelector("onedrive-picker").shadowRoot.querySelector(".odp-items");
    const before = +el.dataset.total;
    el.scrollTop = el.scrollHeight;
    const started = performance.now();
    while (+el.dataset.total === before && performance.now() - started < 10_000) await new Promise((r) => setTimeout(r, 5));
    return { items: +el.dataset.total, rows: el.querySelectorAll(".odp-item").length, done: +el.dataset.total === before };
  },
  peer: async () => {
    // Version 4 opens a folder in place: its list is nested in the top list's shadow root, and
    // appears (with its first page) a moment after the click.
    const nested = () => {
      const lists = [];
      const walk = (root) => {
        for (const el of root.querySelectorAll("*")) {
          if (el.tagName === "MGT-FILE-LIST") lists.push(el);
          if (el.shadowRoot) walk(el.shadowRoot);
        }
      };
      walk(document);
      const last = lists.length > 1 ? lists[lists.length - 1].shadowRoot : null;
      return last?.querySelector("mgt-file") ? last : null;
    };
    // The first page of a large folder may take the (debug) emulator a while: up to 30 s.
    const waiting = performance.now();
    while (!nested() && performance.now() - waiting < 30_000) await new Promise((r) => setTimeout(r, 5));
    if (!nested()) return { items: 0, rows: 0, done: true };
    const list = nested();
    const files = () => list.querySelectorAll("mgt-file").length;
    const before = files();
    const more = list.querySelector(".show-more");
    if (!more) return { items: before, rows: before, done: true };
    more.click();
    const started = performance.now();
    while (files() === before && performance.now() - started < 10_000) await new Promise((r) => setTimeout(r, 5));
    const n = files();
    return { items: n, rows: n, done: n === before };
  },
};

async function heap(cdp, page) {
  const h = await cdp.send("Runtime.getHeapUsage");
  const dom = await cdp.send("Memory.getDOMCounters");
  // The JS heap, and the picker's wasm memory (our page keeps a handle on it; the peer has none).
  const wasm = await page.evaluate(() => window.__wasmMemory?.buffer.byteLength ?? 0);
  return { jsHeap: h.usedSize, wasm, nodes: dom.nodes };
}

/** Signs in, opens `folder` and goes towards its end for at most `budgetMs`; throws when the
 * folder never showed a page. */
export async function largeFolder(browser, origin, client, sideName, folder, budgetMs) {
  const side = SIDES[sideName];
  const { context, page } = await openSide(browser, origin, client, side);
  const cdp = await context.newCDPSession(page);
  await signIn(page, side);
  await page.waitForFunction(side.firstRow, null, { timeout: 60_000 });
  await page.waitForLoadState("networkidle");
  await cdp.send("HeapProfiler.collectGarbage");
  const signedIn = await heap(cdp, page);
  await side.open(page, folder);
  await page.waitForLoadState("networkidle");
  await page.evaluate(WATCH_FRAMES);
  const started = Date.now();
  let last = { items: 0, rows: 0 };
  let maxRows = 0;
  while (Date.now() - started < budgetMs) {
    last = await page.evaluate(STEP[sideName]);
    maxRows = Math.max(maxRows, last.rows);
    if (last.done) break;
  }
  const ms = Date.now() - started;
  if (last.items === 0) {
    await context.close();
    throw new Error(`${sideName}: ${folder} never showed its first page`);
  }
  const frames = await page.evaluate(() => {
    const f = window.__frames;
    window.__frames = null;
    return f.sort((a, b) => a - b);
  });
  const at = (q) => (frames.length ? frames[Math.min(frames.length - 1, Math.floor(q * frames.length))] : 0);
  await cdp.send("HeapProfiler.collectGarbage");
  const memory = await heap(cdp, page);
  await context.close();
  return { items: last.items, ms, maxDomRows: maxRows, frames: { count: frames.length, p50: at(0.5), p95: at(0.95), max: at(1) }, memory, signedIn };
}
