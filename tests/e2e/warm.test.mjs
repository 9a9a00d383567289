// End-to-end: the sign-in's round trips, on the wire. Graph and the authority are at a name of
// their own (a TLS front, each request held back as a network would): the first listing's CORS
// preflight is asked while the token request is on its way, so the listing goes as soon as the
// token is here, and the request that asked it never reaches Graph.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { startEmulator, serveStatic, launchBrowser, clickSignIn, completeSignIn, installPackage, PORTAL_CLIENT as CLIENT, stopAll, ADELE } from "./support.mjs";
import { tlsProxy } from "./tls.mjs";

const LATENCY_MS = 100;
const HOST = "m365.test";
let emulator, front, site, browser;
const seen = [];

before(async () => {
  const { dir, emulatorArgs } = installPackage();
  front = await tlsProxy({
    names: [HOST],
    delay: (req) => {
      seen.push({ method: req.method, url: req.url, auth: req.headers.authorization, at: performance.now() });
      return LATENCY_MS;
    },
  });
  const cloud = `https://${HOST}:${front.port}`;
  emulator = await startEmulator([...emulatorArgs, "--public-url", cloud]);
  front.target(emulator.base);
  writeFileSync(join(dir, "index.html"), `<!doctype html><html lang="en"><meta charset="utf-8"><title>Portal</title>
<script type="module" src="/node_modules/onedrive-picker/onedrive-picker.js"></script>
<onedrive-picker client-id="${CLIENT}" authority="${cloud}/common" graph-url="${cloud}/v1.0"
  scopes="User.Read Files.Read.All" open-files="false"></onedrive-picker></html>`);
  site = await serveStatic({ dir });
  browser = await launchBrowser([`--host-resolver-rules=MAP ${HOST} 127.0.0.1:${front.port}`, "--ignore-certificate-errors"]);
});

after(() => stopAll(browser, emulator, front, site));

test("the first listing's preflight is asked during the token's round trip, and nothing without a token reaches Graph", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${site.origin}/`);
  const popup = await clickSignIn(page);
  await completeSignIn(popup, ADELE);
  await page.waitForSelector('role=option[name="Documents"s]', { timeout: 20_000 });

  const token = seen.find((r) => r.method === "POST" && r.url.includes("/oauth2/v2.0/token"));
  const listing = seen.find((r) => r.method === "GET" && r.url.startsWith("/v1.0/"));
  assert.ok(token && listing, "a token request, then a listing");
  const preflights = seen.filter((r) => r.method === "OPTIONS" && r.url === listing.url);
  assert.equal(preflights.length, 1, "one preflight for the listing: the warm-up's, not one of its own");
  assert.ok(preflights[0].at < token.at + LATENCY_MS, "asked before the token's answer");
  assert.ok(listing.at - token.at < 2 * LATENCY_MS, "the listing goes when the token is here, without a preflight's round trip");
  const graph = seen.filter((r) => r.url.startsWith("/v1.0/") && r.method !== "OPTIONS");
  assert.deepEqual(graph.filter((r) => !/^Bearer [\w.-]{20,}$/.test(r.auth ?? "")), [], "every Graph request carries a token");
  await context.close();
});
