// Sign-in timed as a user's browser runs it: a Chromium of its own, driven over a bare DevTools
// connection that attaches to the page alone. Playwright attaches to every window a page opens
// and holds each new one (and each new process it moves to) until its driver has set it up: on
// this 2-core machine that added 150 to 250 ms to every sign-in window, for either side, which no
// user's browser spends. Here the sign-in window runs untouched, unless its account page needs
// the automated click (a first sign-in): then the window is joined once it is open, as a hand
// would reach for it. The click is real input (pointer moved, pressed, released), so the page's
// click opens its window as a user's would.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ADELE = "AdeleV@contoso.onmicrosoft.com";
/** How long the page is left alone once its sign-in control shows, before the pointer moves. */
const SETTLE_MS = Number(process.env.SETTLE_MS ?? 1000);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** In the page: watches for the next click, then for `shown(arg)` (`shown` a function's source)
 * to hold; `window.__benchClick` resolves with the click's time (ms since the epoch) and the ms
 * from it to the first frame after `shown` held, both read from the page's own clock (what the
 * automation adds around the click is not counted, for either side). */
export function watchClick({ shown, arg }) {
  const visible = new Function(`return (${shown})`)();
  let clicked = null;
  document.addEventListener("click", () => (clicked ??= performance.now()), { capture: true });
  const frame = () => new Promise((done) => requestAnimationFrame(done));
  window.__benchClick = (async () => {
    while (clicked === null || !visible(arg)) await frame();
    return { at: performance.timeOrigin + clicked, ms: Math.round(performance.now() - clicked) };
  })();
}

/** Where a returning user signed in to Microsoft 365 (a tab of its own, for the app `client`
 * at `origin`, back to the peer's blank redirect page): its session is the authority's cookie. */
export function authorityTab(origin, client) {
  const q = new URLSearchParams({
    client_id: client, response_type: "code", redirect_uri: `${origin}/peer/blank.html`, scope: "openid profile",
    state: "bench", response_mode: "fragment", code_challenge_method: "S256",
    code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
  });
  return `https://login.microsoftonline.com/common/oauth2/v2.0/authorize?${q}`;
}

/** Starts Chromium (Debian's, as the tests') with `args`; resolves with `signIn` and `close`. */
export async function bareBrowser(args) {
  const profile = mkdtempSync(join(tmpdir(), "bare-"));
  const chrome = spawn(process.env.CHROMIUM ?? "/usr/bin/chromium", [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--remote-debugging-port=0", `--user-data-dir=${profile}`, ...args, "about:blank",
  ], { stdio: "ignore" });
  // Not left behind by a run that stops early.
  process.on("exit", () => chrome.kill());
  const file = join(profile, "DevToolsActivePort");
  for (let i = 0; !existsSync(file) || !readFileSync(file, "utf8").includes("\n"); i++) {
    if (i > 600) throw new Error("bare: Chromium did not start");
    await sleep(50);
  }
  const [port, path] = readFileSync(file, "utf8").trim().split("\n");
  const cdp = await connect(`ws://127.0.0.1:${port}${path}`);
  await cdp.send("Target.setDiscoverTargets", { discover: true });
  return {
    signIn: (options) => signIn(cdp, options),
    /** Stops Chromium and, once it has gone (it writes its profile as it goes), removes the profile. */
    close: async () => {
      cdp.close();
      const gone = chrome.exitCode !== null || chrome.signalCode !== null ? null : new Promise((ok) => chrome.once("exit", ok));
      chrome.kill();
      await gone;
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** A DevTools connection: `send(method, params, session)`, and `on(method, listener)`. */
async function connect(url) {
  const ws = new WebSocket(url);
  await new Promise((ok, fail) => ((ws.onopen = ok), (ws.onerror = fail)));
  let last = 0;
  const waiting = new Map();
  const listeners = new Map();
  ws.onmessage = (m) => {
    const d = JSON.parse(m.data);
    if (d.id && waiting.has(d.id)) {
      waiting.get(d.id)(d);
      waiting.delete(d.id);
    } else if (d.method) {
      for (const l of listeners.get(d.method) ?? []) l(d.params, d.sessionId);
    }
  };
  // A command to a window that closed meanwhile may never be answered: it fails after 10 s.
  const send = (method, params = {}, sessionId) => new Promise((ok, fail) => {
    const id = ++last;
    const late = setTimeout(() => waiting.delete(id) && fail(new Error(`${method}: no answer`)), 10_000);
    waiting.set(id, (d) => {
      clearTimeout(late);
      if (d.error) fail(new Error(`${method}: ${d.error.message}`));
      else ok(d.result);
    });
    ws.send(JSON.stringify({ id, method, params, sessionId }));
  });
  const on = (method, l) => listeners.set(method, [...(listeners.get(method) ?? []), l]);
  const off = (method, l) => listeners.set(method, (listeners.get(method) ?? []).filter((x) => x !== l));
  return { send, on, off, close: () => ws.close() };
}

/** `expr`'s value in `session` (a promise awaited; a navigation under way reads as undefined). */
async function evaluate(cdp, session, expr) {
  const r = await cdp.send("Runtime.evaluate", { expression: expr, awaitPromise: true, returnByValue: true }, session).catch(() => null);
  return r?.result?.value;
}

/** Waits until `expr` is truthy in `session`; its value. */
async function until(cdp, session, expr, ms = 30_000) {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(10)) {
    const v = await evaluate(cdp, session, expr);
    if (v) return v;
  }
  throw new Error(`bare: nothing after ${ms} ms: ${expr.slice(0, 100)}`);
}

/** A page in `context` at `url`, attached; its target and session. */
async function open(cdp, context, url) {
  const { targetId } = await cdp.send("Target.createTarget", { url, browserContextId: context });
  const { sessionId } = await cdp.send("Target.attachToTarget", { targetId, flatten: true });
  return { targetId, sessionId };
}

/** Answers the account page in `session` as Adele (and a consent page, if one comes). */
async function answer(cdp, session) {
  const pick = `(() => { const b = document.querySelector('button[data-upn="${ADELE}"]') ?? document.querySelector("#accept"); if (b) { b.click(); return b.id || "account"; } })()`;
  const clicked = await until(cdp, session, pick);
  if (clicked === "account") {
    // A consent page may follow; otherwise the window leaves the authority, or closes (then
    // nothing answers: undefined).
    const consent = `location.host !== "login.microsoftonline.com" ? "gone" : ((b) => !!b && (b.click(), "accepted"))(document.querySelector("#accept"))`;
    for (const end = Date.now() + 3000; Date.now() < end; await sleep(20)) {
      if ((await evaluate(cdp, session, consent)) !== false) break;
    }
  }
}

/**
 * One sign-in in a fresh context: the page at `url` (its sign-in control `button`, an
 * expression, and its first row `row`, a function's source), the pointer moved onto the control, resting `restMs`, then a click; the ms
 * from the click to the frame that shows the first row, read in the page. With `returning`, the
 * context signs in at the authority first (a tab answers the account page and goes), and the
 * window answers without a page. `origin` and `client`: the app's, for that sign-in.
 */
async function signIn(cdp, { url, button, row, origin, client, restMs = 0, returning = false }) {
  const { browserContextId: context } = await cdp.send("Target.createBrowserContext", { disposeOnDetach: true });
  const windows = [];
  const created = ({ targetInfo }) => targetInfo.browserContextId === context && targetInfo.type === "page" && windows.push(targetInfo.targetId);
  cdp.on("Target.targetCreated", created);
  try {
    if (returning) {
      const tab = await open(cdp, context, authorityTab(origin, client));
      await answer(cdp, tab.sessionId);
      await until(cdp, tab.sessionId, `location.pathname.endsWith("/peer/blank.html")`);
      await cdp.send("Target.closeTarget", { targetId: tab.targetId });
    }
    const page = await open(cdp, context, url);
    const s = page.sessionId;
    const [x, y] = await until(cdp, s, `(() => { const b = (${button}); if (!b) return null; const r = b.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; })()`, 60_000);
    await evaluate(cdp, s, `(${watchClick})(${JSON.stringify({ shown: row, arg: null })}), true`);
    // The page settles first (a user reads it before reaching for the button): what the last
    // context's teardown and the page's own start left to do is not counted either.
    await sleep(SETTLE_MS);
    windows.length = 0;
    await cdp.send("Input.dispatchMouseEvent", { type: "mouseMoved", x, y }, s);
    if (restMs) await sleep(restMs);
    await cdp.send("Input.dispatchMouseEvent", { type: "mousePressed", x, y, button: "left", clickCount: 1 }, s);
    await cdp.send("Input.dispatchMouseEvent", { type: "mouseReleased", x, y, button: "left", clickCount: 1 }, s);
    if (!returning) {
      for (const end = Date.now() + 10_000; !windows.length; await sleep(5)) {
        if (Date.now() > end) throw new Error("bare: no sign-in window");
      }
      const { sessionId } = await cdp.send("Target.attachToTarget", { targetId: windows[0], flatten: true });
      await answer(cdp, sessionId);
    }
    const ms = await Promise.race([
      evaluate(cdp, s, "window.__benchClick.then((r) => r.ms)"),
      sleep(60_000).then(() => { throw new Error("bare: no first row in 60 s"); }),
    ]);
    if (typeof ms !== "number") throw new Error("bare: the page did not report its first row");
    return ms;
  } finally {
    cdp.off("Target.targetCreated", created);
    await cdp.send("Target.disposeBrowserContext", { browserContextId: context }).catch(() => {});
  }
}
