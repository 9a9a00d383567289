// End-to-end: a session belongs to where it was made. A stored session is bound to the authority
// and Graph origins it was signed in for; a picker moved to other origins starts signed out; a
// sign-out in one tab holds in every tab; a redirect URI is a page, never script. A stranger host
// on another loopback port records everything it receives: no token or refresh token may reach it.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { startEmulator, serveStatic, launchBrowser, clickSignIn, completeSignIn, stopAll } from "./support.mjs";

let emulator, site, browser, stranger;
const ADELE = "AdeleV@contoso.onmicrosoft.com";
const CLIENT_ID = "c5b4b6f0-1d2e-4f3a-9b8c-7d6e5f4a3b2c";

/** A host that plays authority and Graph for anyone, and records every request with its body. */
function startStranger() {
  const seen = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      seen.push({ method: req.method, url: req.url, authorization: req.headers.authorization ?? null, body });
      res.writeHead(req.method === "OPTIONS" ? 204 : req.url.includes("/token") ? 400 : 200, {
        "access-control-allow-origin": "*",
        "access-control-allow-headers": "authorization, accept, content-type",
        "content-type": "application/json",
      });
      const answer = req.url.includes("/token") ? { error: "invalid_grant", error_description: "AADSTS70000: stranger" } : { value: [] };
      res.end(req.method === "OPTIONS" ? "" : JSON.stringify(answer));
    });
  });
  return new Promise((ok) =>
    server.listen(0, "127.0.0.1", () => ok({ origin: `http://127.0.0.1:${server.address().port}`, seen, stop: () => server.close() })),
  );
}

/** What reached the stranger carrying a token or a refresh token. */
const leaks = () => stranger.seen.filter((r) => r.authorization || /refresh_token|access_token/.test(r.body));

before(async () => {
  [emulator, site, stranger] = await Promise.all([startEmulator(), serveStatic(), startStranger()]);
  browser = await launchBrowser();
});

after(() => stopAll(browser, emulator, site, stranger));

/** A page of the demo site (the mountPicker bindings loaded). */
async function open(context) {
  const page = await context.newPage();
  await page.goto(`${site.origin}/leptos/?emulator=${encodeURIComponent(emulator.base)}`);
  await page.waitForFunction(() => window.wasmBindings?.mountPicker);
  return page;
}

/** Mounts a picker in a new element `#id` and keeps its handle in `window.handles[id]`. */
async function mount(page, id, options) {
  await page.evaluate(
    ({ id, options }) => {
      const host = document.createElement("div");
      host.id = id;
      document.body.prepend(host);
      window.handles ??= {};
      window.errors ??= [];
      window.signouts ??= 0;
      window.handles[id] = window.wasmBindings.mountPicker(host, {
        ...options,
        onError: (e) => window.errors.push(e),
        onSignOut: () => window.signouts++,
      });
    },
    { id, options },
  );
}

const at = (base, extra = {}) => ({
  clientId: CLIENT_ID,
  authority: `${base}/common`,
  graphBase: `${base}/v1.0`,
  openFiles: false,
  ...extra,
});

/** The picker `#id`, signed in as Adele, showing My files (the authority may remember her and
 * finish the sign-in window by itself). */
async function signIn(page, id) {
  const popup = await clickSignIn(page, `#${id} >> role=button[name="Sign in with Microsoft"s]`);
  const asks = await Promise.race([
    popup.waitForSelector(`button[data-upn="${ADELE}"]`).then(() => true),
    popup.waitForEvent("close").then(() => false),
  ]).catch(() => false);
  if (asks) await completeSignIn(popup, ADELE);
  await page.locator(`#${id}`).getByRole("option", { name: /Documents/ }).first().waitFor();
}

test("a stored session is not restored, or refreshed, for another authority or Graph", async () => {
  stranger.seen.length = 0;
  const context = await browser.newContext();
  const page = await open(context);
  await mount(page, "real", at(emulator.base, { tokenStorage: "local" }));
  await signIn(page, "real");
  // Same client id, same tenant, same storage: only the authority and Graph differ.
  await mount(page, "elsewhere", at(stranger.origin, { tokenStorage: "local" }));
  await page.locator("#elsewhere").getByRole("button", { name: "Sign in with Microsoft" }).waitFor();
  await page.waitForTimeout(500);
  assert.deepEqual(leaks(), [], "no token or refresh token reached the stranger");
  // The real session is still there, bound to its origins.
  const stored = await page.evaluate(() => Object.entries(localStorage).filter(([k]) => k.startsWith("onedrive-picker.tokens")));
  assert.equal(stored.length, 1);
  assert.ok(stored[0][0].includes(emulator.base), `the key names the origins: ${stored[0][0]}`);
  const record = JSON.parse(stored[0][1]);
  assert.equal(record.authority, emulator.base);
  assert.equal(record.graph, emulator.base);
  // A reload restores the real picker's session (and still nothing for the stranger's).
  await page.reload();
  await page.waitForFunction(() => window.wasmBindings?.mountPicker);
  await mount(page, "real", at(emulator.base, { tokenStorage: "local" }));
  await page.locator("#real").getByRole("option", { name: /Documents/ }).first().waitFor();
  assert.deepEqual(leaks(), []);
  await context.close();
});

test("moving a signed-in picker to another Graph or authority ends its session there", async () => {
  stranger.seen.length = 0;
  const context = await browser.newContext();
  const page = await open(context);
  for (const storage of ["memory", "session"]) {
    const id = `moved-${storage}`;
    await mount(page, id, at(emulator.base, { tokenStorage: storage }));
    await signIn(page, id);
    // Only the Graph address changes (through update(), as an attribute change does).
    await page.evaluate(({ id, options }) => window.handles[id].update(options), {
      id,
      options: { ...at(emulator.base, { tokenStorage: storage }), graphBase: `${stranger.origin}/v1.0` },
    });
    await page.locator(`#${id}`).getByRole("button", { name: "Sign in with Microsoft" }).waitFor();
    // And back: a stored session made for the emulator is the emulator's again (one in memory
    // ended with the move).
    await page.evaluate(({ id, options }) => window.handles[id].update(options), { id, options: at(emulator.base, { tokenStorage: storage }) });
    if (storage === "memory") await signIn(page, id);
    else await page.locator(`#${id}`).getByRole("option", { name: /Documents/ }).first().waitFor();
    // Only the authority changes.
    await page.evaluate(({ id, options }) => window.handles[id].update(options), {
      id,
      options: { ...at(emulator.base, { tokenStorage: storage }), authority: `${stranger.origin}/common` },
    });
    await page.locator(`#${id}`).getByRole("button", { name: "Sign in with Microsoft" }).waitFor();
    await page.evaluate((id) => window.handles[id].unmount(), id);
  }
  await page.waitForTimeout(300);
  assert.deepEqual(leaks(), [], "no token or refresh token reached the stranger");
  await context.close();
});

test("a sign-out holds in every tab, even against a refresh in flight", async () => {
  const context = await browser.newContext();
  const [first, second] = [await open(context), await open(context)];
  const options = at(emulator.base, { tokenStorage: "local" });
  await mount(first, "p", options);
  await signIn(first, "p");
  await mount(second, "p", options);
  await second.locator("#p").getByRole("option", { name: /Documents/ }).first().waitFor();
  // The second tab's next listing is refused (401), and the refresh it starts is held.
  let release;
  const held = new Promise((ok) => (release = ok));
  let refreshes = 0;
  await second.route("**/v1.0/**/children?**", (route) =>
    route.fulfill({ status: 401, contentType: "application/json", body: JSON.stringify({ error: { code: "InvalidAuthenticationToken", message: "expired" } }) }),
  );
  await second.route("**/oauth2/v2.0/token", async (route) => {
    refreshes++;
    await held;
    await route.continue().catch(() => {});
  });
  await second.locator("#p").getByRole("option", { name: /Documents/ }).first().click();
  for (let i = 0; i < 50 && refreshes === 0; i++) await second.waitForTimeout(100);
  assert.equal(refreshes, 1, "the second tab is refreshing");
  // The first tab signs out; the second follows, and its refresh, answered late, writes nothing.
  await first.locator("#p").getByRole("button", { name: "Sign out" }).click();
  await second.locator("#p").getByRole("button", { name: "Sign in with Microsoft" }).waitFor();
  assert.equal(await second.evaluate(() => window.signouts), 1, "the page heard the sign-out");
  release();
  await second.waitForTimeout(1000);
  await second.unrouteAll({ behavior: "ignoreErrors" });
  const stored = await first.evaluate(() => Object.entries(localStorage).filter(([k]) => k.startsWith("onedrive-picker.tokens")).map(([, v]) => v));
  assert.deepEqual(stored, ["signed-out"], "no token was written after the sign-out");
  // Reloading either tab stays signed out.
  for (const page of [first, second]) {
    await page.reload();
    await page.waitForFunction(() => window.wasmBindings?.mountPicker);
    await mount(page, "p", options);
    await page.locator("#p").getByRole("button", { name: "Sign in with Microsoft" }).waitFor();
  }
  // Signing in again in one tab signs the other in with it.
  await signIn(first, "p");
  await second.locator("#p").getByRole("option", { name: /Documents/ }).first().waitFor();
  await context.close();
});

test("a redirect URI that is not an http(s) page is a configuration error, and no script runs", async () => {
  const context = await browser.newContext();
  const page = await open(context);
  const popups = [];
  context.on("page", (p) => popups.push(p));
  for (const [i, redirectUri] of ["javascript:window.parent.pwned=1//", "data:text/html,<script>opener.pwned=1</script>", "http://portal.example/auth.html"].entries()) {
    await mount(page, `r${i}`, at(emulator.base, { redirectUri }));
    await page.locator(`#r${i}`).getByText(/redirect URI/).waitFor();
  }
  assert.deepEqual(await page.evaluate(() => window.errors.map((e) => e.code)), ["config_error", "config_error", "config_error"]);
  assert.equal(popups.length, 0, "no window was opened");
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  await context.close();
});
