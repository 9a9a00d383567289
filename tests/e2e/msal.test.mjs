// End-to-end: Microsoft's own browser library, @azure/msal-browser 5 from npm, unmodified, against
// the emulator behind a local TLS front (MSAL accepts https authorities only; `knownAuthorities`
// names it). If the emulator differs from Entra ID where MSAL depends on it, these fail.
import { test, before, after, afterEach } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { startEmulator, serveStatic, launchProfile, stopAll } from "./support.mjs";
import { tlsProxy } from "./tls.mjs";

const ROOT = resolve(import.meta.dirname, "../..");
const ADELE = "AdeleV@contoso.onmicrosoft.com";
const MEGAN = "MeganB@contoso.onmicrosoft.com";
const CLIENT = "3f9d2a41-6b7c-4d8e-9f01-2a3b4c5d6e7f";
let emulator, proxy, site, page0;
/** Browser profiles opened by the running test, closed after it (passed or not). */
const profiles = [];

before(async () => {
  const dir = mkdtempSync(join(tmpdir(), "msal-"));
  symlinkSync(join(ROOT, "tools/node_modules"), join(dir, "node_modules"));
  mkdirSync(join(dir, "msal"));
  const lib = "/node_modules/@azure/msal-browser/lib";
  writeFileSync(join(dir, "msal/index.html"), `<!doctype html><html lang="en"><meta charset="utf-8"><title>MSAL</title>
<script src="${lib}/msal-browser.min.js"></script><h1>MSAL.js against the emulator</h1></html>`);
  // MSAL 5's redirect bridge: the redirect page hands the response back and closes.
  writeFileSync(join(dir, "msal/redirect.html"), `<!doctype html><html lang="en"><meta charset="utf-8"><title>bridge</title>
<script src="${lib}/redirect-bridge/msal-redirect-bridge.min.js"></script>
<script>msalRedirectBridge.broadcastResponseToMainFrame().catch((e) => console.error("bridge", e.errorCode, e.message));</script></html>`);
  // A nested app: MSAL and the host's bridge script (as a Teams app loads TeamsJS), framed by the
  // emulator's host page.
  writeFileSync(join(dir, "msal/nested.html"), `<!doctype html><html lang="en"><meta charset="utf-8"><title>Nested</title>
<script src="${lib}/msal-browser.min.js"></script><script src="BRIDGE"></script><h1>MSAL inside a host</h1></html>`);
  const apps = join(dir, "apps.json");
  writeFileSync(apps, JSON.stringify([{
    clientId: CLIENT, displayName: "MSAL sample", webRedirectUris: [],
    spaRedirectUris: ["http://localhost:8080/msal/redirect.html", "http://localhost:8080/msal/index.html", "brk-multihub://localhost:8080"],
    signInAudience: "AzureADandPersonalMicrosoftAccount", apiPermissions: ["User.Read", "Files.Read.All", "Sites.Read.All"],
  }]));
  proxy = await tlsProxy();
  emulator = await startEmulator(["--apps", apps, "--public-url", proxy.origin]);
  proxy.target(emulator.base);
  const nested = join(dir, "msal/nested.html");
  writeFileSync(nested, (await import("node:fs")).readFileSync(nested, "utf8").replace("BRIDGE", `${proxy.origin}/naa/bridge.js`));
  site = await serveStatic({ dir });
  page0 = `${site.origin.replace("127.0.0.1", "localhost")}/msal/index.html`;
});

afterEach(async () => {
  for (const p of profiles.splice(0)) await p.close().catch(() => {});
});

after(() => stopAll(emulator, proxy, site));

/**
 * A page on the MSAL page with `window.pca` for `authority` (a tenant form), in `context` or a
 * fresh browser profile (a normal one: third-party cookies allowed, as in Chrome's default).
 */
async function msalPage(authority = "common", context = null, capabilities = []) {
  if (!context) {
    context = await launchProfile(["--ignore-certificate-errors"]);
    profiles.push(context);
  }
  const page = await context.newPage();
  await page.goto(page0);
  await configure(page, authority, capabilities);
  return { context, page };
}

/** Makes `window.pca` on the MSAL page (again, after a navigation). */
async function configure(page, authority = "common", capabilities = []) {
  await page.evaluate(
    async ({ client, proxy, authority, capabilities }) => {
      const origin = location.origin;
      window.pca = new msal.PublicClientApplication({
        auth: {
          clientId: client,
          authority: `${proxy}/${authority}`,
          knownAuthorities: [new URL(proxy).host],
          redirectUri: `${origin}/msal/redirect.html`,
          postLogoutRedirectUri: `${origin}/msal/redirect.html`,
          clientCapabilities: capabilities,
        },
        cache: { cacheLocation: "sessionStorage" },
      });
      await window.pca.initialize();
    },
    { client: CLIENT, proxy: proxy.origin, authority, capabilities },
  );
}

/** Runs `call` (an MSAL call, as a function of `pca`) in the page; returns its result's summary. */
function run(page, call, arg = null) {
  return page.evaluate(
    async ({ call, arg }) => {
      try {
        const r = await new Function("pca", "arg", `return (${call})(pca, arg)`)(window.pca, arg);
        return {
          username: r.account?.username, fromCache: r.fromCache, scopes: r.scopes,
          accessToken: r.accessToken, sid: r.idTokenClaims?.sid, tid: r.tenantId,
        };
      } catch (e) {
        return { error: e.errorCode ?? String(e), subError: e.subError };
      }
    },
    { call: call.toString(), arg },
  );
}

/** Starts an interactive MSAL call and completes the emulator's pages in its window as `upn`. */
async function interactive(page, call, upn, arg = null) {
  const popup = page.waitForEvent("popup");
  const result = run(page, call, arg);
  const window = await popup;
  await window.waitForLoadState();
  await answer(window, upn);
  return result;
}

/**
 * Answers the emulator's pages in a sign-in window until it closes: the account picker (picks
 * `upn`) and the consent page (accepts), whichever come; a remembered session may skip both.
 */
async function answer(window, upn) {
  const account = `button[data-upn="${upn}"]`;
  for (;;) {
    const next = await Promise.race([
      window.waitForSelector(`${account}, #accept`, { timeout: 15_000 }).then((e) => e.getAttribute("id")),
      window.waitForEvent("close", { timeout: 15_000 }).then(() => "closed"),
    ]).catch(() => "closed");
    if (next === "closed" || window.isClosed()) return;
    await window.click(next === "accept" ? "#accept" : account).catch(() => {});
  }
}

/** Graph /me with an access token, through the TLS front. */
async function me(page, token) {
  return page.evaluate(
    async ({ proxy, token }) => (await (await fetch(`${proxy}/v1.0/me`, { headers: { authorization: `Bearer ${token}` } })).json()).displayName,
    { proxy: proxy.origin, token },
  );
}

test("popup sign-in, acquireTokenSilent from the cache, a forced refresh, and Graph with the token", async () => {
  const { context, page } = await msalPage();
  const signedIn = await interactive(page, (pca) => pca.loginPopup({ scopes: ["User.Read", "Files.Read.All"] }), ADELE);
  assert.equal(signedIn.error, undefined, JSON.stringify(signedIn));
  assert.equal(signedIn.username, ADELE);
  assert.equal(await me(page, signedIn.accessToken), "Adele Vance");
  const cached = await run(page, (pca) => pca.acquireTokenSilent({ scopes: ["User.Read"], account: pca.getAllAccounts()[0] }));
  assert.equal(cached.fromCache, true);
  const refreshed = await run(page, (pca) => pca.acquireTokenSilent({ scopes: ["User.Read"], account: pca.getAllAccounts()[0], forceRefresh: true }));
  assert.equal(refreshed.fromCache, false, JSON.stringify(refreshed));
  assert.notEqual(refreshed.accessToken, signedIn.accessToken);
  assert.equal(await me(page, refreshed.accessToken), "Adele Vance");
});

test("ssoSilent in a hidden iframe with a live session; incremental consent keeps the earlier scopes", async () => {
  const first = await msalPage();
  const context = first.context;
  const signedIn = await interactive(first.page, (pca) => pca.loginPopup({ scopes: ["User.Read", "Files.Read.All"] }), ADELE);
  assert.equal(signedIn.username, ADELE, JSON.stringify(signedIn));
  // Another tab of the same browser, nothing cached: the session cookie reaches the hidden iframe.
  const second = await msalPage("common", context);
  const silent = await run(second.page, (pca, upn) => pca.ssoSilent({ scopes: ["User.Read"], loginHint: upn }), ADELE);
  assert.equal(silent.error, undefined, JSON.stringify(silent));
  assert.equal(silent.username, ADELE);
  // One more permission: a popup for consent; the token still carries the earlier ones.
  const more = await interactive(second.page, (pca) => pca.acquireTokenPopup({ scopes: ["Sites.Read.All"], account: pca.getAllAccounts()[0] }), ADELE);
  assert.equal(more.error, undefined, JSON.stringify(more));
  for (const s of ["Sites.Read.All", "User.Read", "Files.Read.All"]) {
    assert.ok(more.scopes.some((x) => x.toLowerCase().endsWith(s.toLowerCase())), `${s} in ${more.scopes}`);
  }
});

test("two accounts signed in: each renewed silently by its sid", async () => {
  const { context, page } = await msalPage();
  const adele = await interactive(page, (pca) => pca.loginPopup({ scopes: ["User.Read"] }), ADELE);
  const megan = await interactive(page, (pca) => pca.loginPopup({ scopes: ["User.Read"], prompt: "select_account" }), MEGAN);
  assert.equal(megan.username, MEGAN, JSON.stringify(megan));
  assert.notEqual(adele.sid, megan.sid);
  for (const [who, sid] of [[MEGAN, megan.sid], [ADELE, adele.sid]]) {
    const r = await run(page, (pca, sid) => pca.ssoSilent({ scopes: ["User.Read"], sid }), sid);
    assert.equal(r.username, who, JSON.stringify(r));
  }
});

test("a tenant-domain authority, and logoutPopup", async () => {
  const { context, page } = await msalPage("contoso.onmicrosoft.com");
  const r = await interactive(page, (pca) => pca.loginPopup({ scopes: ["User.Read"] }), ADELE);
  assert.equal(r.error, undefined, JSON.stringify(r));
  assert.equal(r.username, ADELE);
  const [popup, out] = await Promise.all([
    page.waitForEvent("popup"),
    page.evaluate(async () => {
      await window.pca.logoutPopup({ account: window.pca.getAllAccounts()[0] });
      return window.pca.getAllAccounts().length;
    }),
  ]);
  assert.equal(out, 0, "the account is gone");
  if (!popup.isClosed()) await popup.waitForEvent("close");
});

test("redirect sign-in: the page goes to the sign-in pages and back, handleRedirectPromise has the account", async () => {
  const { page } = await msalPage();
  await page.evaluate(() => {
    window.pca.loginRedirect({ scopes: ["User.Read"] });
  });
  // The account picker, then consent unless an earlier test gave it, then back to the page.
  await page.waitForSelector(`button[data-upn="${ADELE}"]`);
  await page.click(`button[data-upn="${ADELE}"]`);
  const back = /\/msal\/index\.html/;
  const consent = await Promise.race([
    page.waitForSelector("#accept").then(() => true),
    page.waitForURL(back).then(() => false),
  ]);
  if (consent) await page.click("#accept");
  await page.waitForURL(back);
  await page.waitForLoadState();
  await configure(page);
  const r = await run(page, (pca) => pca.handleRedirectPromise());
  assert.equal(r.error, undefined, JSON.stringify(r));
  assert.equal(r.username, ADELE);
});

test("after the 24-hour refresh limit, MSAL renews through the hidden iframe with the session", async () => {
  const { page } = await msalPage();
  const signedIn = await interactive(page, (pca) => pca.loginPopup({ scopes: ["User.Read"] }), ADELE);
  assert.equal(signedIn.username, ADELE, JSON.stringify(signedIn));
  const silentAuthorize = [];
  page.on("request", (r) => r.url().includes("prompt=none") && silentAuthorize.push(r.url()));
  const r = await fetch(`${emulator.base}/_emulator/clock`, {
    method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ seconds: 25 * 3600 }),
  });
  assert.ok(r.ok, `the clock moved (${r.status})`);
  const renewed = await run(page, (pca) => pca.acquireTokenSilent({ scopes: ["User.Read"], account: pca.getAllAccounts()[0], forceRefresh: true }));
  assert.equal(renewed.error, undefined, JSON.stringify(renewed));
  assert.equal(renewed.fromCache, false);
  assert.equal(silentAuthorize.length, 1, "the refresh token was refused; the hidden iframe renewed");
  assert.equal(await me(page, renewed.accessToken), "Adele Vance");
});

test("a claims challenge from Graph (CP1): MSAL asks again with the claims and Graph accepts the new token", async () => {
  const { page } = await msalPage("common", null, ["CP1"]);
  const signedIn = await interactive(page, (pca) => pca.loginPopup({ scopes: ["User.Read"] }), ADELE);
  assert.equal(signedIn.username, ADELE, JSON.stringify(signedIn));
  const challenge = await page.evaluate(
    async ({ proxy, token }) => {
      const r = await fetch(`${proxy}/v1.0/me`, { headers: { authorization: `Bearer ${token}`, "x-emulator-fault": "claims-challenge" } });
      return { status: r.status, header: r.headers.get("www-authenticate") };
    },
    { proxy: proxy.origin, token: signedIn.accessToken },
  );
  assert.equal(challenge.status, 401);
  const claims = Buffer.from(/claims="([^"]+)"/.exec(challenge.header)[1], "base64").toString();
  assert.match(claims, /"nbf"/);
  const again = await run(
    page,
    (pca, claims) => pca.acquireTokenSilent({ scopes: ["User.Read"], account: pca.getAllAccounts()[0], claims }),
    claims,
  );
  assert.equal(again.error, undefined, JSON.stringify(again));
  assert.notEqual(again.accessToken, signedIn.accessToken);
  assert.equal(await me(page, again.accessToken), "Adele Vance");
});

test("nested app authentication: MSAL's nestable client gets tokens from the emulator's host, with its consent prompt", async () => {
  const context = await launchProfile(["--ignore-certificate-errors"]);
  profiles.push(context);
  const page = await context.newPage();
  const app = `${site.origin.replace("127.0.0.1", "localhost")}/msal/nested.html`;
  await page.goto(`${proxy.origin}/naa/host?${new URLSearchParams({ app, as: ADELE })}`);
  const frame = page.frame({ url: (u) => u.pathname === "/msal/nested.html" });
  await frame.waitForFunction(() => typeof msal !== "undefined");
  const call = (what) =>
    frame.evaluate(
      async ({ client, proxy, what }) => {
        window.pca ??= await msal.createNestablePublicClientApplication({
          auth: { clientId: client, authority: `${proxy}/common`, knownAuthorities: [new URL(proxy).host] },
        });
        try {
          const r = await (what === "popup"
            // A permission no other test here consented to: the host asks.
            ? window.pca.acquireTokenPopup({ scopes: ["User.Read", "Team.ReadBasic.All"] })
            : window.pca.acquireTokenSilent({ scopes: ["User.Read"], account: window.pca.getAllAccounts()[0] }));
          return { username: r.account?.username, fromCache: r.fromCache, accessToken: r.accessToken, scopes: r.scopes };
        } catch (e) {
          return { error: e.errorCode ?? String(e) };
        }
      },
      { client: CLIENT, proxy: proxy.origin, what },
    );
  const popup = call("popup");
  await page.getByRole("dialog", { name: "Permissions requested" }).getByRole("button", { name: "Accept" }).click();
  const got = await popup;
  assert.equal(got.error, undefined, JSON.stringify(got));
  assert.equal(got.username, ADELE);
  assert.equal(await me(frame, got.accessToken), "Adele Vance");
  // From MSAL's own cache: no message to the host.
  const before = await page.getByRole("list", { name: "Bridge requests" }).locator("li").count();
  const cached = await call("silent");
  assert.equal(cached.fromCache, true, JSON.stringify(cached));
  assert.equal(await page.getByRole("list", { name: "Bridge requests" }).locator("li").count(), before);
  assert.match(await page.getByRole("list", { name: "Bridge requests" }).innerText(), /GetInitContext → token\nGetTokenPopup · [^\n]* → token/);
});
