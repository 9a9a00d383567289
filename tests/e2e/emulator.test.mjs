// End-to-end: the demo page and the emulator in real headless Chromium, across origins.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { startEmulator, serveStatic, launchBrowser, stopAll } from "./support.mjs";

const CLIENT_ID = "c5b4b6f0-1d2e-4f3a-9b8c-7d6e5f4a3b2c";
let emulator, site, browser;


before(async () => {
  // These tests read the redirect themselves: a plain page stands in for the widget's auth.html.
  [emulator, site] = await Promise.all([startEmulator(), serveStatic({ standIn: ["/auth.html"] })]);
  browser = await launchBrowser();
});

after(() => stopAll(browser, emulator, site));

test("the demo page loads its wasm and renders without errors", async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  await page.goto(site.origin + "/");
  await page.waitForSelector("h1");
  assert.equal(await page.textContent("h1"), "OneDrive picker");
  assert.match(await page.textContent(".odp-authority"), /\/common$/);
  assert.deepEqual(errors, []);
  await page.close();
});

test("a page on another origin reads Graph errors and exposed headers", async () => {
  const page = await browser.newPage();
  await page.goto(site.origin + "/");
  const result = await page.evaluate(async (base) => {
    const config = await (await fetch(`${base}/common/v2.0/.well-known/openid-configuration`)).json();
    const me = await fetch(`${base}/v1.0/me`, { headers: { "client-request-id": "e2e-1" } });
    return {
      issuer: config.issuer,
      status: me.status,
      www: me.headers.get("www-authenticate"),
      clientRequestId: me.headers.get("client-request-id"),
      code: (await me.json()).error.code,
    };
  }, emulator.base);
  assert.equal(result.issuer, `${emulator.base}/{tenantid}/v2.0`);
  assert.equal(result.status, 401);
  assert.match(result.www, /^Bearer realm=""/);
  assert.equal(result.code, "InvalidAuthenticationToken");
  assert.equal(result.clientRequestId, "e2e-1");
  await page.close();
});

test("PKCE sign-in through the emulator's pages, then Graph from the browser", async () => {
  const verifier = randomBytes(48).toString("base64url");
  const challenge = createHash("sha256").update(verifier).digest("base64url");
  const redirect = `${site.origin}/auth.html`;
  const params = new URLSearchParams({
    client_id: CLIENT_ID,
    response_type: "code",
    redirect_uri: redirect,
    scope: "openid profile offline_access User.Read Files.Read",
    state: "e2e-state",
    nonce: "e2e-nonce",
    code_challenge: challenge,
    code_challenge_method: "S256",
    response_mode: "fragment",
  });
  const page = await browser.newPage();
  await page.goto(`${emulator.base}/common/oauth2/v2.0/authorize?${params}`);
  await page.click('button[data-upn="AdeleV@contoso.onmicrosoft.com"]');
  await page.waitForSelector("#accept");
  assert.match(await page.textContent("ul"), /Read your files/);
  await page.click("#accept");
  await page.waitForURL(/auth\.html#/);
  const back = new URLSearchParams(new URL(page.url()).hash.slice(1));
  assert.equal(back.get("state"), "e2e-state");
  const result = await page.evaluate(
    async ({ base, code, verifier, redirect, clientId }) => {
      const body = new URLSearchParams({ client_id: clientId, grant_type: "authorization_code", code, redirect_uri: redirect, code_verifier: verifier });
      const tokens = await (await fetch(`${base}/common/oauth2/v2.0/token`, { method: "POST", body })).json();
      const me = await fetch(`${base}/v1.0/me`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
      const kids = await fetch(`${base}/v1.0/me/drive/root/children?$top=5`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
      const page = await kids.json();
      const throttled = await fetch(`${base}/v1.0/me/drive`, {
        headers: { authorization: `Bearer ${tokens.access_token}`, "x-emulator-fault": "throttle; retry-after=9" },
      });
      return {
        me: (await me.json()).displayName,
        count: page.value.length,
        next: page["@odata.nextLink"] ?? null,
        rt: typeof tokens.refresh_token,
        throttled: throttled.status,
        retryAfter: throttled.headers.get("retry-after"),
      };
    },
    { base: emulator.base, code: back.get("code"), verifier, redirect, clientId: CLIENT_ID },
  );
  assert.equal(result.me, "Adele Vance");
  assert.equal(result.count, 5);
  assert.ok(result.next.startsWith(`${emulator.base}/v1.0/`));
  assert.equal(result.rt, "string");
  assert.equal(result.throttled, 429);
  assert.equal(result.retryAfter, "9", "Retry-After is readable cross-origin");
  await page.close();
});

test("declining consent in the browser returns access_denied to the app", async () => {
  const challenge = createHash("sha256").update(randomBytes(40).toString("base64url")).digest("base64url");
  const params = new URLSearchParams({
    client_id: CLIENT_ID, response_type: "code", redirect_uri: `${site.origin}/auth.html`,
    scope: "openid Files.ReadWrite.All", state: "s2", code_challenge: challenge, code_challenge_method: "S256", response_mode: "query",
  });
  const page = await browser.newPage();
  await page.goto(`${emulator.base}/organizations/oauth2/v2.0/authorize?${params}`);
  assert.equal(await page.locator('button[data-upn="pat.kim@outlook.com"]').count(), 0, "no personal accounts on /organizations");
  await page.click('button[data-upn="MeganB@contoso.onmicrosoft.com"]');
  await page.click("#decline");
  await page.waitForURL(/auth\.html\?/);
  const q = new URL(page.url()).searchParams;
  assert.equal(q.get("error"), "access_denied");
  assert.equal(q.get("state"), "s2");
  await page.close();
});

test("Office files open in the emulator's Office for the web page", async () => {
  const page = await browser.newPage();
  await page.goto(`${emulator.base}/personal/adelev_contoso_onmicrosoft_com/_layouts/15/Doc.aspx?file=Welcome.docx&action=view`);
  assert.equal(await page.textContent("#doc-name"), "Welcome.docx");
  assert.equal(await page.getAttribute("#mode", "data-mode"), "view");
  await page.close();
});
