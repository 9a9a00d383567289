// End-to-end: the picker in Chromium against the emulator — sign-in in a popup, browsing,
// opening an Office file, and every sign-in failure ending in its own message.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startEmulator, serveStatic, launchBrowser, tokenFor, clickSignIn, completeSignIn, stopAll } from "./support.mjs";

let emulator, site, browser;
const ADELE = "AdeleV@contoso.onmicrosoft.com";
const MEGAN = "MeganB@contoso.onmicrosoft.com";

before(async () => {
  [emulator, site] = await Promise.all([startEmulator(), serveStatic()]);
  browser = await launchBrowser();
});

after(() => stopAll(browser, emulator, site));

/** A fresh browser profile (cookies, storage) on the demo page. */
async function openDemo(init) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  if (init) await page.addInitScript(init);
  await page.goto(`${site.origin}/leptos/?emulator=${encodeURIComponent(emulator.base)}`);
  await page.waitForSelector(".odp-picker");
  return { context, page, errors };
}

async function errorKind(page) {
  await page.waitForSelector(".odp-error[data-error]", { timeout: 15_000 });
  return page.getAttribute(".odp-error[data-error]", "data-error");
}

const names = (page) => page.$$eval('role=listbox >> .odp-name', (els) => els.map((e) => e.textContent));

test("sign in, browse, go back by breadcrumb, page a large folder, open a .docx in Office", async () => {
  const { context, page, errors } = await openDemo();
  const popup = await clickSignIn(page);
  assert.equal(await page.getAttribute(".odp-picker", "data-phase"), "signing-in");
  await completeSignIn(popup, ADELE);
  await page.waitForSelector('role=button[name="Sign out"s]');
  await page.waitForSelector('role=group[name="Adele Vance"s]'); // who is signed in
  assert.equal(await page.getAttribute('role=group[name="Adele Vance"s]', "title"), ADELE);
  await page.waitForSelector('role=option[name="Documents"s]');
  const root = await names(page);
  for (const n of ["Documents", "Pictures", "Welcome.docx", "Big folder (10,000 items)"]) assert.ok(root.includes(n), n);
  assert.ok(popup.isClosed(), "the popup closed itself");
  // Images carry real thumbnails.
  await page.click('role=option[name="Pictures"s]');
  await page.waitForSelector('role=option[name="site-visit.png"s] >> img.odp-thumb');
  // The thumbnail is a real image that loads (waits until it has, or fails after 10 s).
  await page.waitForFunction(
    () => {
      const img = document.querySelector('.odp-item[title="site-visit.png"] img.odp-thumb');
      return img && img.complete && img.naturalWidth > 0;
    },
    null,
    { timeout: 10_000 },
  );
  await page.click('role=navigation[name="Folder path"s] >> role=button[name="My files"s]');
  // Into Documents, then Reports, then back by breadcrumb.
  await page.click('role=option[name="Documents"s]');
  await page.waitForSelector('role=option[name="Reports"s]');
  await page.click('role=option[name="Reports"s]');
  await page.waitForSelector('role=option[name="Q3 Forecast.xlsx"s]');
  const crumbs = await page.$$eval('role=navigation[name="Folder path"s] >> role=listitem >> role=button', (els) => els.map((e) => e.textContent));
  assert.deepEqual(crumbs, ["My files", "Documents", "Reports"]);
  await page.click('role=navigation[name="Folder path"s] >> role=button[name="My files"s]');
  await page.waitForSelector('role=option[name="Welcome.docx"s]');
  assert.deepEqual(await page.$$eval('role=navigation[name="Folder path"s] >> role=listitem >> role=button', (els) => els.map((e) => e.textContent)), ["My files"]);
  // One request per page: the 10,000-item folder loads 200 (and renders only the rows in
  // view), then 200 more on demand.
  const childRequests = [];
  page.on("request", (r) => r.url().includes("/children") && r.method() === "GET" && childRequests.push(r.url()));
  await page.click('role=option[name="Big folder (10,000 items)"s]');
  await page.waitForSelector('role=button[name="Show more"s]');
  assert.equal(await page.getAttribute('role=listbox', "data-total"), "200");
  assert.ok((await names(page)).length <= 40, "only the rows in view are in the DOM");
  await page.click('role=button[name="Show more"s]');
  await page.waitForFunction(() => document.querySelector(".odp-items").dataset.total === "400");
  assert.equal(childRequests.length, 2);
  assert.ok(childRequests[1].includes("skiptoken"), "the next page follows the nextLink");
  // Hostile names render as text.
  await page.click('role=navigation[name="Folder path"s] >> role=button[name="My files"s]');
  await page.click('role=option[name="Unicode & <odd> names"s]');
  await page.waitForSelector(".odp-item[data-kind]");
  assert.ok((await names(page)).includes("<img src=x onerror=alert(1)>.txt"));
  assert.equal(await page.$$eval('role=listbox >> img:not(.odp-thumb)', (e) => e.length), 0, "no injected elements");
  // Pick a Word document: it opens in Office for the web in a new tab.
  await page.click('role=navigation[name="Folder path"s] >> role=button[name="My files"s]');
  await page.waitForSelector('role=option[name="Welcome.docx"s]');
  await page.click('role=option[name="Welcome.docx"s]');
  const [office] = await Promise.all([context.waitForEvent("page"), page.click('role=button[name="Select"s]')]);
  await office.waitForSelector("#doc-name");
  assert.equal(await office.textContent("#doc-name"), "Welcome.docx");
  assert.equal(await office.getAttribute("#mode", "data-mode"), "edit");
  assert.match(office.url(), /\/_layouts\/15\/Doc\.aspx\?sourcedoc=/);
  assert.equal(await page.textContent(".odp-picked"), "Picked: Welcome.docx");
  // The code never stayed in the redirect page's URL.
  assert.deepEqual(errors, []);
  await context.close();
});

test("a blocked popup ends in its message with a retry", async () => {
  const { context, page } = await openDemo(() => {
    window.open = () => null;
  });
  await page.click('role=button[name="Sign in with Microsoft"s]');
  assert.equal(await errorKind(page), "popup_blocked");
  assert.match(await page.textContent('role=alert'), /blocked/);
  assert.equal(await page.textContent('role=alert >> role=button'), "Try again");
  await context.close();
});

test("closing the popup ends in its message, not a hang", async () => {
  const { context, page } = await openDemo();
  const popup = await clickSignIn(page);
  await popup.close();
  assert.equal(await errorKind(page), "popup_closed");
  // And the user can start again.
  const again = await clickSignIn(page, 'role=alert >> role=button');
  await completeSignIn(again, ADELE);
  await page.waitForSelector('role=option[name="Documents"s]');
  await context.close();
});

test("declining consent ends in its message", async () => {
  const { context, page } = await openDemo();
  const popup = await clickSignIn(page);
  await popup.click(`button[data-upn="${MEGAN}"]`);
  await popup.click("#decline");
  assert.equal(await errorKind(page), "consent_declined");
  assert.equal(await page.textContent('role=alert >> role=button'), "Review permissions");
  await context.close();
});

test("a tampered state is refused", async () => {
  const { context, page } = await openDemo();
  await context.route(
    (url) => url.pathname.endsWith("/oauth2/v2.0/authorize") && url.searchParams.has("state"),
    (route) => {
      const url = new URL(route.request().url());
      url.searchParams.set("state", url.searchParams.get("state") + "tampered");
      route.continue({ url: url.toString() });
    },
  );
  const popup = await clickSignIn(page);
  await completeSignIn(popup, ADELE);
  assert.equal(await errorKind(page), "state_mismatch");
  await context.close();
});

test("an expired refresh token asks to sign in again and keeps the place", async () => {
  const { context, page } = await openDemo();
  const popup = await clickSignIn(page);
  await completeSignIn(popup, ADELE);
  await page.waitForSelector('role=option[name="Documents"s]');
  await page.click('role=option[name="Documents"s]');
  await page.waitForSelector('role=option[name="Reports"s]');
  const r = await fetch(`${emulator.base}/_emulator/tokens/expire`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ access: true, refresh: true }),
  });
  assert.equal(r.status, 204);
  await page.click('role=option[name="Reports"s]');
  assert.equal(await errorKind(page), "interaction_required");
  assert.match(await page.textContent('role=alert'), /session has expired/);
  assert.equal(await page.textContent('role=alert >> role=button'), "Sign in again");
  // Signing in again (the emulator session still exists) returns to the same folder.
  const again = await clickSignIn(page, 'role=alert >> role=button');
  assert.ok(again);
  await page.waitForSelector('role=option[name="Q3 Forecast.xlsx"s]');
  assert.deepEqual(await page.$$eval('role=navigation[name="Folder path"s] >> role=listitem >> role=button', (els) => els.map((e) => e.textContent)), ["My files", "Documents", "Reports"]);
  await context.close();
});

test("throttling is retried after Retry-After and the listing still arrives", async () => {
  const { context, page } = await openDemo();
  const popup = await clickSignIn(page);
  await completeSignIn(popup, ADELE);
  await page.waitForSelector('role=option[name="Documents"s]');
  await fetch(`${emulator.base}/_emulator/faults`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ fault: "throttle", path_contains: "/children", times: 1, retry_after: 1 }),
  });
  const statuses = [];
  page.on("response", (r) => r.url().includes("/children") && statuses.push(r.status()));
  await page.click('role=option[name="Documents"s]');
  await page.waitForSelector('role=option[name="Reports"s]');
  assert.deepEqual(statuses, [429, 200]);
  await context.close();
});

test("the redirect page hands the response over and leaves no code in its URL", async () => {
  const context = await browser.newContext();
  const opener = await context.newPage();
  await opener.goto(`${site.origin}/`);
  await opener.evaluate(() => {
    const channel = new BroadcastChannel("onedrive-picker-auth:attempt1");
    channel.onmessage = (e) => (window.received = e.data);
  });
  const redirect = await context.newPage();
  // The page closes itself at once, so the navigation may never "finish".
  redirect.goto(`${site.origin}/auth.html#code=secret-code&state=attempt1.random`).catch(() => {});
  await opener.waitForFunction(() => window.received, null, { timeout: 10_000 });
  const message = await opener.evaluate(() => window.received);
  await redirect.waitForEvent("close", { timeout: 1_000 }).catch(() => {});
  assert.equal(message.type, "onedrive-picker-auth");
  assert.equal(new URLSearchParams(message.params).get("code"), "secret-code");
  if (!redirect.isClosed()) {
    assert.equal(await redirect.evaluate(() => location.href), `${site.origin}/auth.html`);
  }
  await context.close();
});

test("plain JavaScript embeds the picker with its own token provider, and unmounts it", async () => {
  const { access_token: token } = await tokenFor(emulator.base, MEGAN, "openid offline_access User.Read Files.Read.All");
  const { context, page } = await openDemo();
  await page.waitForFunction(() => window.wasmBindings?.mountPicker);
  await page.evaluate(
    ({ token, graph }) => {
      const host = document.createElement("div");
      host.id = "byo";
      document.body.append(host);
      window.calls = [];
      window.handle = window.wasmBindings.mountPicker(host, {
        graphBase: graph,
        scopes: "Files.Read.All",
        openFiles: false,
        tokenProvider: async (scopes, refresh) => {
          window.calls.push({ scopes, refresh });
          return token;
        },
        onPick: (items) => (window.picked = items),
      });
    },
    { token, graph: `${emulator.base}/v1.0` },
  );
  await page.waitForSelector('#byo >> role=option[name="Budget 2026.xlsx"s]');
  assert.equal(await page.locator('#byo >> role=button[name="Sign in with Microsoft"s]').count(), 0, "no sign-in with a token provider");
  await page.click('#byo >> role=option[name="Budget 2026.xlsx"s]');
  await page.click('#byo >> role=button[name="Select"s]');
  await page.waitForFunction(() => window.picked);
  const [picked, ...more] = await page.evaluate(() => window.picked);
  assert.equal(more.length, 0);
  assert.equal(picked.name, "Budget 2026.xlsx");
  assert.match(picked.webUrl, /Doc\.aspx/);
  assert.ok(picked.driveId && picked.id);
  assert.deepEqual(await page.evaluate(() => window.calls[0]), { scopes: ["Files.Read.All"], refresh: false });
  await page.evaluate(() => window.handle.unmount());
  assert.equal(await page.locator("#byo .odp-picker").count(), 0, "unmounted");
  // Bad options are refused with a clear message.
  const refused = await page.evaluate(() => {
    try {
      window.wasmBindings.mountPicker(document.body, {});
      return null;
    } catch (e) {
      return String(e);
    }
  });
  assert.match(refused, /clientId is required/);
  await context.close();
});

test("switching account shows the other account's files", async () => {
  const { context, page } = await openDemo();
  await completeSignIn(await clickSignIn(page), ADELE);
  await page.waitForSelector('role=option[name="Documents"s]');
  const popup = await clickSignIn(page, 'role=button[name="Switch account"s]');
  await completeSignIn(popup, MEGAN);
  await page.waitForSelector('role=option[name="Budget 2026.xlsx"s]');
  await page.waitForSelector('role=group[name="Megan Bowen"s]'); // who is signed in
  await page.click('role=button[name="Sign out"s]');
  await page.waitForSelector('role=button[name="Sign in with Microsoft"s]');
  assert.equal(await page.locator('role=button[name="Sign out"s]').count(), 0);
  await context.close();
});

test("a window that only looks closed (Cross-Origin-Opener-Policy) still completes the sign-in", async () => {
  // Behind COOP the opener's handle reads `closed === true` while the window is open.
  const { context, page } = await openDemo(() => {
    const open = window.open.bind(window);
    window.open = (...args) => {
      const w = open(...args);
      if (!w) return w;
      return new Proxy(w, {
        get: (target, key) => (key === "closed" ? true : typeof target[key] === "function" ? target[key].bind(target) : target[key]),
      });
    };
  });
  const popup = await clickSignIn(page);
  assert.equal(await errorKind(page), "popup_closed", "the user is told, and may retry");
  await completeSignIn(popup, ADELE);
  await page.waitForSelector('role=option[name="Documents"s]');
  await page.waitForSelector('role=group[name="Adele Vance"s]'); // who is signed in
  await context.close();
});

test("a page no other site can reach says so, and its sign-in window keeps its opener; opened by another site, it does not", async () => {
  // Reachable by nobody else: the authorize request says so (pocd=1, as MSAL.js does), the
  // authority leaves its opener policy out, and the window stays the page's own.
  const { context, page } = await openDemo();
  const popup = await clickSignIn(page);
  assert.equal(new URL(popup.url()).searchParams.get("pocd"), "1");
  assert.equal(await popup.evaluate(() => window.opener !== null), true, "the window keeps its opener");
  await popup.close();
  assert.equal(await errorKind(page), "popup_closed", "its closing is seen");
  await context.close();

  // Opened by a page of another site, which could reach the window: no claim, and the authority's
  // opener policy severs the window from everyone; the sign-in still completes.
  const other = await browser.newContext();
  const stranger = await other.newPage();
  const elsewhere = site.origin.replace("127.0.0.1", "localhost");
  await stranger.goto(`${elsewhere}/elsewhere.html`);
  const [opened] = await Promise.all([
    other.waitForEvent("page"),
    stranger.evaluate((url) => window.open(url), `${site.origin}/leptos/?emulator=${encodeURIComponent(emulator.base)}`),
  ]);
  await opened.waitForSelector(".odp-picker");
  const severed = await clickSignIn(opened);
  assert.equal(new URL(severed.url()).searchParams.get("pocd"), null);
  assert.equal(await severed.evaluate(() => window.opener), null, "the authority's opener policy severs it");
  await completeSignIn(severed, ADELE);
  await opened.waitForSelector('role=option[name="Documents"s]');
  await other.close();
});
