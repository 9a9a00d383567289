// End-to-end: Microsoft's Graph JavaScript client (@microsoft/microsoft-graph-client 3 from npm,
// its browser bundle, unmodified) against the emulator behind local TLS fronts: Graph and the
// identity platform at one https address, the file host at another (`--files-public-url`), as
// Graph's upload and download URLs are on SharePoint's hosts. If the emulator differs from Graph
// where the client depends on it, these fail.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { startEmulator, serveStatic, launchBrowser, tokenFor, stopAll } from "./support.mjs";
import { tlsProxy } from "./tls.mjs";

const ROOT = resolve(import.meta.dirname, "../..");
const ADELE = "AdeleV@contoso.onmicrosoft.com";
const SCOPES = "openid offline_access User.Read Files.ReadWrite.All Sites.Read.All";
let emulator, graphFront, filesFront, site, browser, page, token;

before(async () => {
  const dir = mkdtempSync(join(tmpdir(), "graphsdk-"));
  symlinkSync(join(ROOT, "tools/node_modules"), join(dir, "node_modules"));
  mkdirSync(join(dir, "sdk"));
  writeFileSync(join(dir, "sdk/index.html"), `<!doctype html><html lang="en"><meta charset="utf-8"><title>Graph SDK</title>
<script src="/node_modules/@microsoft/microsoft-graph-client/lib/graph-js-sdk.js"></script><h1>The Graph JavaScript client against the emulator</h1></html>`);
  [graphFront, filesFront] = await Promise.all([tlsProxy(), tlsProxy()]);
  // The file host under another host name than Graph's (as SharePoint's is): the client sends its
  // token to Graph's host only.
  const files = `https://127.0.0.1:${filesFront.port}`;
  emulator = await startEmulator(["--public-url", graphFront.origin, "--files-public-url", files]);
  graphFront.target(emulator.base);
  filesFront.target(emulator.files);
  site = await serveStatic({ dir });
  browser = await launchBrowser(["--ignore-certificate-errors"]);
  ({ access_token: token } = await tokenFor(emulator.base, ADELE, SCOPES));
  page = await (await browser.newContext()).newPage();
  await page.goto(`${site.origin}/sdk/index.html`);
  await page.evaluate(
    ({ graph, token }) => {
      window.client = MicrosoftGraph.Client.initWithMiddleware({
        authProvider: { getAccessToken: async () => token },
        baseUrl: graph,
        defaultVersion: "v1.0",
        customHosts: new Set([new URL(graph).hostname]),
      });
    },
    { graph: graphFront.origin, token },
  );
});

after(() => stopAll(browser, emulator, graphFront, filesFront, site));

/** Adds a scripted fault rule (see the README's emulator section). */
async function fault(rule) {
  const r = await fetch(`${emulator.base}/_emulator/faults`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(rule) });
  assert.equal(r.status, 204);
}

test("PageIterator goes through the 10,000-item folder", async () => {
  const seen = await page.evaluate(async () => {
    const folder = await client.api("/me/drive/root:/Big folder (10,000 items)").select("id").get();
    const first = await client.api(`/me/drive/items/${folder.id}/children`).top(1000).select("name").get();
    const names = new Set();
    const pages = new MicrosoftGraph.PageIterator(client, first, (item) => (names.add(item.name), true));
    await pages.iterate();
    return { count: names.size, complete: pages.isComplete() };
  });
  assert.deepEqual(seen, { count: 10_000, complete: true });
});

test("LargeFileUploadTask uploads in fragments to the file host, and resumes after a lost answer", async () => {
  // The second fragment is taken, and its answer lost (the connection cut).
  await fault({ fault: "drop", path_contains: "/_upload/", method: "PUT", skip: 1, times: 1 });
  const result = await page.evaluate(async () => {
    const size = 3 * 327_680 + 100;
    const bytes = new Uint8Array(size).map((_, i) => i % 251);
    const session = await MicrosoftGraph.LargeFileUploadTask.createUploadSession(client, "/me/drive/root:/sdk-large.bin:/createUploadSession", {
      item: { "@microsoft.graph.conflictBehavior": "replace" },
    });
    const file = new MicrosoftGraph.FileUpload(new Blob([bytes]), "sdk-large.bin", size);
    const task = new MicrosoftGraph.LargeFileUploadTask(client, file, session, { rangeSize: 327_680 });
    let failed = null;
    let done;
    try {
      done = await task.upload();
    } catch (e) {
      failed = String(e);
      done = await task.resume();
    }
    return { uploadUrl: session.url, failed, size: done.responseBody.size, id: done.responseBody.id };
  });
  assert.ok(result.uploadUrl.startsWith(`https://127.0.0.1:${filesFront.port}/`), result.uploadUrl);
  assert.ok(result.failed, "the lost answer failed the first attempt");
  assert.equal(result.size, 3 * 327_680 + 100);
  // The bytes arrived whole and in order.
  const found = await fetch(`${emulator.base}/v1.0/me/drive/items/${result.id}/content`, { headers: { authorization: `Bearer ${token}` }, redirect: "manual" });
  const download = new URL(found.headers.get("location"));
  assert.equal(download.origin, `https://127.0.0.1:${filesFront.port}`, "downloads are on the file host's public address");
  const content = await fetch(`${emulator.files}${download.pathname}${download.search}`);
  const body = new Uint8Array(await content.arrayBuffer());
  assert.equal(body.length, result.size);
  assert.ok(body.every((b, i) => b === i % 251), "the content is the file's");
});

test("a $batch of three requests is read through BatchResponseContent", async () => {
  const answers = await page.evaluate(async (graph) => {
    const request = (id, url) => ({ id, request: new Request(`${graph}/v1.0${url}`, { method: "GET" }) });
    const batch = new MicrosoftGraph.BatchRequestContent([
      request("1", "/me?$select=displayName"),
      request("2", "/me/drive/root/children?$top=2&$select=name"),
      request("3", "/me/drive/items/nosuchitem"),
    ]);
    const raw = await client.api("/$batch").post(await batch.getContent());
    const responses = new MicrosoftGraph.BatchResponseContent(raw);
    const read = async (id) => {
      const r = responses.getResponseById(id);
      return { status: r.status, body: await r.json() };
    };
    return [await read("1"), await read("2"), await read("3")];
  }, graphFront.origin);
  assert.deepEqual(answers[0], { status: 200, body: { ...answers[0].body, displayName: "Adele Vance" } });
  assert.equal(answers[1].status, 200);
  assert.equal(answers[1].body.value.length, 2);
  assert.equal(answers[2].status, 404);
  assert.equal(answers[2].body.error.code, "itemNotFound");
});

test("GraphError carries Graph's fields for a 404 and a 429; the retry handler honours Retry-After", async () => {
  const missing = await page.evaluate(async () => {
    try {
      await client.api("/me/drive/items/nosuchitem").get();
      return null;
    } catch (e) {
      return { graphError: e instanceof MicrosoftGraph.GraphError, statusCode: e.statusCode, code: e.code, requestId: e.requestId, date: String(e.date) };
    }
  });
  assert.equal(missing.graphError, true);
  assert.equal(missing.statusCode, 404);
  assert.equal(missing.code, "itemNotFound");
  assert.match(missing.requestId, /^[0-9a-f-]{36}$/);
  // One 429: the client waits Retry-After (1 s) and tries again by itself.
  await fault({ fault: "throttle", path_contains: "/me/drive/root/children", times: 1, retry_after: 1 });
  const retried = await page.evaluate(async () => {
    const start = performance.now();
    const r = await client.api("/me/drive/root/children").top(1).get();
    return { items: r.value.length, ms: performance.now() - start };
  });
  assert.equal(retried.items, 1);
  assert.ok(retried.ms >= 900, `waited for Retry-After: ${retried.ms} ms`);
  // With retries off, the 429 itself, its Retry-After readable.
  await fault({ fault: "throttle", path_contains: "/me/drive/root/children", times: 1, retry_after: 1 });
  const throttled = await page.evaluate(async () => {
    try {
      await client.api("/me/drive/root/children").middlewareOptions([new MicrosoftGraph.RetryHandlerOptions(0, 0)]).get();
      return null;
    } catch (e) {
      return { statusCode: e.statusCode, code: e.code, retryAfter: e.headers?.get("Retry-After") ?? null };
    }
  });
  assert.deepEqual(throttled, { statusCode: 429, code: "activityLimitReached", retryAfter: "1" });
});

test("delta to the end, then the deltaLink sees a change", async () => {
  // A folder's delta, two items a page (the whole drive holds the 110,000 generated items).
  const result = await page.evaluate(async () => {
    const first = await client.api("/me/drive/root:/Documents:/delta").top(2).get();
    let count = 0;
    const pages = new MicrosoftGraph.PageIterator(client, first, () => (count++, true));
    await pages.iterate();
    const deltaLink = pages.getDeltaLink();
    await client.api("/me/drive/root:/Documents/After delta.txt:/content").put("new");
    const changes = await client.api(deltaLink).get();
    return { count, deltaLink, changed: changes.value.map((i) => i.name) };
  });
  assert.ok(result.count > 4, `items enumerated over several pages: ${result.count}`);
  assert.ok(result.deltaLink.startsWith(`${graphFront.origin}/v1.0/`), result.deltaLink);
  assert.ok(result.changed.includes("After delta.txt"), result.changed.join(", "));
});
