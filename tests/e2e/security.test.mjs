// End-to-end: the widget attacked through what it receives and how it is embedded. Each test
// fails when the protection it names is removed.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { startEmulator, serveStatic, launchBrowser, tokenFor, clickSignIn, completeSignIn, stopAll } from "./support.mjs";

let emulator, site, browser, thief;
const ADELE = "AdeleV@contoso.onmicrosoft.com";
const MEGAN = "MeganB@contoso.onmicrosoft.com";
const CLIENT_ID = "c5b4b6f0-1d2e-4f3a-9b8c-7d6e5f4a3b2c";

/** A server on another loopback port that answers every preflight yes and records every request. */
function startThief() {
  const seen = [];
  const server = createServer((req, res) => {
    seen.push({ method: req.method, url: req.url, authorization: req.headers.authorization ?? null });
    res.writeHead(req.method === "OPTIONS" ? 204 : 200, {
      "access-control-allow-origin": "*",
      "access-control-allow-headers": "authorization, accept, content-type",
      "content-type": "application/json",
    });
    res.end(req.method === "OPTIONS" ? "" : JSON.stringify({ value: [{ id: "stolen", name: "Stolen.txt", file: {} }] }));
  });
  return new Promise((ok) =>
    server.listen(0, "127.0.0.1", () => ok({ origin: `http://127.0.0.1:${server.address().port}`, seen, stop: () => server.close() })),
  );
}

before(async () => {
  [emulator, site, thief] = await Promise.all([startEmulator(), serveStatic(), startThief()]);
  // `--expose-gc` lets a test free what the page no longer references.
  browser = await launchBrowser(["--js-flags=--expose-gc"]);
});

after(() => stopAll(browser, emulator, site, thief));

async function openDemo() {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${site.origin}/leptos/?emulator=${encodeURIComponent(emulator.base)}`);
  await page.waitForSelector(".odp-picker");
  return { context, page };
}

/** Rewrites the JSON of Graph responses whose URL matches `pattern` with `edit(body)`. */
async function rewriteGraph(page, pattern, edit) {
  await page.route(pattern, async (route) => {
    const response = await route.fetch();
    const body = await response.json();
    await route.fulfill({ response, body: JSON.stringify(edit(body)) });
  });
}

/** Mounts the picker with `mountPicker` in a new element `#id` of the demo page. */
async function mount(page, id, options) {
  await page.waitForFunction(() => window.wasmBindings?.mountPicker);
  await page.evaluate(
    ({ id, options, base }) => {
      const host = document.createElement("div");
      host.id = id;
      document.body.append(host);
      window.picked ??= {};
      window.wasmBindings.mountPicker(host, {
        clientId: options.clientId,
        authority: `${base}/common`,
        graphBase: `${base}/v1.0`,
        openFiles: options.openFiles ?? false,
        tokenStorage: options.tokenStorage,
        tokenProvider: options.token ? async () => options.token : undefined,
        onPick: ([item]) => (window.picked[id] = item),
      });
    },
    { id, options, base: emulator.base },
  );
}

test("a nextLink to another origin is not followed, and the token never goes there", async () => {
  thief.seen.length = 0;
  const { context, page } = await openDemo();
  // First an empty page pointing elsewhere (the loop that follows empty pages)…
  await rewriteGraph(page, "**/v1.0/me/drive/root/children?**", (body) => ({
    ...body,
    value: [],
    "@odata.nextLink": `${thief.origin}/v1.0/me/drive/root/children?$skiptoken=x`,
  }));
  await completeSignIn(await clickSignIn(page), ADELE);
  await page.waitForSelector('role=alert');
  assert.match(await page.textContent('role=alert'), /link to another site/);
  await context.close();
  // …then a full page whose next page (fetched as the end of the rows comes into view) points
  // elsewhere.
  const second = await openDemo();
  await rewriteGraph(second.page, "**/children?**", (body) => ({
    ...body,
    "@odata.nextLink": `${thief.origin}/v1.0/drives/x/items/y/children?$skiptoken=2`,
  }));
  await completeSignIn(await clickSignIn(second.page), ADELE);
  await second.page.waitForSelector('role=option[name="Documents"s]');
  await second.page.waitForSelector('role=alert');
  await second.page.waitForTimeout(300);
  assert.deepEqual(thief.seen, [], "no request reached the other origin");
  assert.equal(await second.page.locator('role=option[name="Stolen.txt"s]').count(), 0);
  await second.context.close();
});

test("a javascript: webUrl is neither opened nor handed to the page", async () => {
  const { access_token: token } = await tokenFor(emulator.base, MEGAN, "openid offline_access User.Read Files.Read.All");
  const { context, page } = await openDemo();
  await rewriteGraph(page, "**/children?**", (body) => ({
    ...body,
    value: body.value.map((i) =>
      i.name === "Budget 2026.xlsx"
        ? { ...i, webUrl: "javascript:window.pwned=1", thumbnails: [{ small: { url: "javascript:window.pwned=2" } }] }
        : i,
    ),
  }));
  await mount(page, "hostile", { token, openFiles: true });
  await page.waitForSelector('#hostile >> role=option[name="Budget 2026.xlsx"s]');
  const popups = [];
  context.on("page", (p) => popups.push(p.url()));
  await page.click('#hostile >> role=option[name="Budget 2026.xlsx"s]');
  await page.click('#hostile >> role=button[name="Select"s]');
  await page.waitForFunction(() => window.picked.hostile);
  await page.waitForTimeout(300);
  const picked = await page.evaluate(() => window.picked.hostile);
  assert.equal(picked.name, "Budget 2026.xlsx");
  assert.ok(!picked.webUrl, `webUrl handed over: ${picked.webUrl}`);
  assert.deepEqual(popups, [], "nothing was opened");
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  assert.equal(await page.locator('#hostile >> role=option[name="Budget 2026.xlsx"s] >> img').count(), 0, "no hostile thumbnail");
  await context.close();
});

test("sign-out sticks: the next sign-in asks for an account, and a reload stays signed out", async () => {
  const { context, page } = await openDemo();
  await mount(page, "stored", { clientId: CLIENT_ID, tokenStorage: "session" });
  await completeSignIn(await clickSignIn(page, '#stored >> role=button[name="Sign in with Microsoft"s]'), ADELE);
  await page.waitForSelector('#stored >> role=option[name="Documents"s]');
  const stored = () => page.evaluate(() => Object.entries(sessionStorage).filter(([k]) => k.startsWith("onedrive-picker.tokens")));
  assert.match((await stored())[0][1], /access_token|accessToken/);
  await page.click('#stored >> role=button[name="Sign out"s]');
  await page.waitForSelector('#stored >> role=button[name="Sign in with Microsoft"s]');
  assert.deepEqual((await stored()).map(([, v]) => v), ["signed-out"], "no token is left in storage");
  // The authority still has a session for Adele: the sign-in must not silently reuse it.
  const popup = await clickSignIn(page, '#stored >> role=button[name="Sign in with Microsoft"s]');
  assert.equal(new URL(popup.url()).searchParams.get("prompt"), "select_account");
  await popup.waitForSelector(`button[data-upn="${ADELE}"]`);
  await popup.close();
  // A reload restores the signed-out state, not a session.
  await page.reload();
  await mount(page, "stored", { clientId: CLIENT_ID, tokenStorage: "session" });
  await page.waitForSelector('#stored >> role=button[name="Sign in with Microsoft"s]');
  const again = await clickSignIn(page, '#stored >> role=button[name="Sign in with Microsoft"s]');
  assert.equal(new URL(again.url()).searchParams.get("prompt"), "select_account");
  await context.close();
});

test("two pickers on one page sign in side by side without taking each other's window", async () => {
  const { context, page } = await openDemo();
  await mount(page, "left", { clientId: CLIENT_ID });
  await mount(page, "right", { clientId: CLIENT_ID });
  const left = await clickSignIn(page, '#left >> role=button[name="Sign in with Microsoft"s]');
  const right = await clickSignIn(page, '#right >> role=button[name="Sign in with Microsoft"s]');
  assert.notEqual(left, right, "two windows");
  assert.equal(left.isClosed(), false);
  await completeSignIn(left, ADELE);
  await page.waitForSelector('#left >> role=option[name="Documents"s]');
  // The second window may now find a session: pick the other account explicitly.
  await completeSignIn(right, MEGAN);
  await page.waitForSelector('#right >> role=option[name="Budget 2026.xlsx"s]');
  await page.waitForSelector('#left >> role=group[name="Adele Vance"s]'); // who is signed in
  await page.waitForSelector('#right >> role=group[name="Megan Bowen"s]'); // who is signed in
  await context.close();
});

test("switching account starts at the new account's My files", async () => {
  const { context, page } = await openDemo();
  await completeSignIn(await clickSignIn(page), ADELE);
  await page.click('role=option[name="Documents"s]');
  await page.click('role=option[name="Reports"s]');
  await page.waitForSelector('role=option[name="Q3 Forecast.xlsx"s]');
  await completeSignIn(await clickSignIn(page, 'role=button[name="Switch account"s]'), MEGAN);
  await page.waitForSelector('role=option[name="Budget 2026.xlsx"s]');
  assert.deepEqual(await page.$$eval('role=navigation[name="Folder path"s] >> role=listitem >> role=button', (els) => els.map((e) => e.textContent)), ["My files"]);
  assert.equal(await page.locator('role=alert').count(), 0);
  await context.close();
});

test("a picker whose handle the page dropped stays mounted until unmount()", async () => {
  const { access_token: token } = await tokenFor(emulator.base, MEGAN, "openid offline_access User.Read Files.Read.All");
  const { context, page } = await openDemo();
  await mount(page, "unheld", { token });
  await page.waitForSelector('#unheld >> role=option[name="Budget 2026.xlsx"s]');
  for (let i = 0; i < 5; i++) {
    await page.evaluate(() => window.gc());
    await page.waitForTimeout(100);
  }
  assert.equal(await page.locator('#unheld >> role=option[name="Budget 2026.xlsx"s]').count(), 1, "still there after collection");
  await context.close();
});

test("tokens stay out of storage, the DOM, URLs and the console; after sign-out none is sent", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const consoleText = [];
  page.on("console", (m) => consoleText.push(m.text()));
  const secrets = [];
  page.on("response", async (r) => {
    if (r.url().includes("/oauth2/v2.0/token") && r.request().method() === "POST") {
      const body = await r.json().catch(() => ({}));
      for (const k of ["access_token", "refresh_token", "id_token"]) if (body[k]) secrets.push(body[k]);
    }
  });
  await page.goto(`${site.origin}/leptos/?emulator=${encodeURIComponent(emulator.base)}`);
  const popup = await clickSignIn(page);
  const popupUrls = [];
  popup.on("framenavigated", (f) => popupUrls.push(f.url()));
  await completeSignIn(popup, ADELE);
  await page.waitForSelector('role=option[name="Documents"s]');
  await page.click('role=option[name="Documents"s]');
  await page.waitForSelector('role=option[name="Reports"s]');
  assert.ok(secrets.length >= 2, "the token response was seen");
  const places = await page.evaluate(() => ({
    local: JSON.stringify(Object.entries(localStorage)),
    session: JSON.stringify(Object.entries(sessionStorage)),
    dom: document.documentElement.outerHTML,
    url: location.href,
    cookies: document.cookie,
  }));
  const everywhere = [...Object.values(places), ...consoleText, ...popupUrls, page.url()].join("\n");
  for (const secret of secrets) {
    assert.ok(!everywhere.includes(secret), "a token leaked");
    assert.ok(!everywhere.includes(secret.slice(0, 24)), "part of a token leaked");
  }
  // After sign-out nothing carries the token, whatever the page does next.
  await page.click('role=button[name="Sign out"s]');
  await page.waitForSelector('role=button[name="Sign in with Microsoft"s]');
  const sent = [];
  page.on("request", (r) => r.headers().authorization && sent.push(r.url()));
  await page.waitForTimeout(500);
  assert.deepEqual(sent, []);
  await context.close();
});
