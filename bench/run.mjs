// The benchmark: the picker side by side with Microsoft's own browser stack (the Graph Toolkit's
// mgt-login and mgt-file-list over its MSAL2 provider, unmodified from npm), in one run of the
// same Chromium. This part measures the first screen — every byte the page transfers until its
// sign-in control shows — raw and gzip, by kind, and checks the picker's size budget:
// at most 150 KB gzip in all, and at most half of the peer's. Prints a table, writes JSON, and
// exits 1 when the budget is exceeded.
//
//   node bench/run.mjs [--out target/bench/results.json]
import { createServer } from "node:http";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { extname, join, normalize, resolve, dirname } from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { launchBrowser } from "../tests/e2e/support.mjs";

const ROOT = resolve(import.meta.dirname, "..");
const BUDGET_GZIP = 150_000;
const out = process.argv.includes("--out") ? process.argv[process.argv.indexOf("--out") + 1] : join(ROOT, "target/bench/results.json");

const PACKAGE = join(ROOT, "target/package/onedrive-picker");
if (!existsSync(join(PACKAGE, "onedrive_picker_bg.wasm"))) {
  console.error("bench: build the package first (bash tools/package.sh), or run bash tools/bench.sh");
  process.exit(2);
}
await build({
  entryPoints: [join(import.meta.dirname, "peer/main.js")],
  bundle: true, minify: true, format: "esm", logLevel: "error",
  outfile: join(import.meta.dirname, "peer/dist/main.js"),
});

const TYPES = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm", ".css": "text/css" };
const gzipped = new Map();
/** Serves the two pages as a production server would: gzip (level 9) to browsers that take it. */
function serve() {
  const roots = { "/pkg/": PACKAGE, "/peer/": join(import.meta.dirname, "peer"), "/ours/": join(import.meta.dirname, "ours") };
  const server = createServer((req, res) => {
    const path = new URL(req.url, "http://x").pathname;
    const prefix = Object.keys(roots).find((p) => path.startsWith(p));
    if (!prefix) return res.writeHead(404).end();
    const file = normalize(join(roots[prefix], path.slice(prefix.length) || "index.html"));
    if (!file.startsWith(roots[prefix]) || !existsSync(file)) return res.writeHead(404).end();
    const body = readFileSync(file);
    const headers = { "content-type": TYPES[extname(file)] ?? "application/octet-stream", "cache-control": "no-store" };
    if ((req.headers["accept-encoding"] ?? "").includes("gzip")) {
      if (!gzipped.has(file)) gzipped.set(file, gzipSync(body, { level: 9 }));
      headers["content-encoding"] = "gzip";
      return res.writeHead(200, headers).end(gzipped.get(file));
    }
    res.writeHead(200, headers).end(body);
  });
  return new Promise((ok) => server.listen(0, "127.0.0.1", () => ok({ origin: `http://127.0.0.1:${server.address().port}`, stop: () => server.close() })));
}

/** What loading `url` transfers until `ready` holds and the network is idle, by kind. */
async function firstScreen(browser, url, ready) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  const requests = new Map();
  cdp.on("Network.responseReceived", (e) => requests.set(e.requestId, { url: e.response.url, mime: e.response.mimeType, raw: 0, wire: 0 }));
  cdp.on("Network.dataReceived", (e) => { const r = requests.get(e.requestId); if (r) r.raw += e.dataLength; });
  cdp.on("Network.loadingFinished", (e) => { const r = requests.get(e.requestId); if (r) r.wire = e.encodedDataLength; });
  const started = Date.now();
  await page.goto(url);
  await page.waitForFunction(ready, null, { timeout: 60_000 });
  await page.waitForLoadState("networkidle");
  const ms = Date.now() - started;
  await context.close();
  const kinds = { wasm: [0, 0], js: [0, 0], css: [0, 0], html: [0, 0], other: [0, 0] };
  for (const r of requests.values()) {
    const kind = /wasm/.test(r.mime) ? "wasm" : /javascript/.test(r.mime) ? "js" : /css/.test(r.mime) ? "css" : /html/.test(r.mime) ? "html" : "other";
    kinds[kind][0] += r.raw;
    kinds[kind][1] += r.wire;
  }
  const total = Object.entries(kinds).filter(([k]) => k !== "html").reduce((t, [, [raw, wire]]) => [t[0] + raw, t[1] + wire], [0, 0]);
  return { kinds, total, requests: requests.size, ms };
}

const site = await serve();
const browser = await launchBrowser();
const ours = await firstScreen(browser, `${site.origin}/ours/`, () => {
  const el = document.querySelector("onedrive-picker");
  return !!el?.shadowRoot?.querySelector(".odp-signin-button");
});
const peer = await firstScreen(browser, `${site.origin}/peer/`, () => {
  const login = document.querySelector("mgt-login");
  return !!login?.shadowRoot?.querySelector("#login-button");
});
await browser.close();
site.stop();

const kb = (n) => (n / 1000).toFixed(1);
const rows = [["", "wasm", "JS", "CSS", "first screen (wasm+JS+CSS)"]];
for (const [name, s] of [["onedrive-picker", ours], ["peer (mgt + MSAL2)", peer]]) {
  const cell = (k) => `${kb(s.kinds[k][0])} / ${kb(s.kinds[k][1])}`;
  rows.push([name, cell("wasm"), cell("js"), cell("css"), `${kb(s.total[0])} / ${kb(s.total[1])}`]);
}
const ratio = ours.total[1] / peer.total[1];
rows.push(["ours ÷ peer (gzip)", "", "", "", ratio.toFixed(2)]);
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
console.log("\nFirst screen, KB raw / gzip (transferred), one run of Chromium:\n");
for (const r of rows) console.log("  " + r.map((c, i) => c.padEnd(widths[i])).join("  │  "));

const result = {
  date: new Date().toISOString(),
  chromium: (await import("../tests/e2e/support.mjs")).CHROMIUM_VERSION ?? null,
  budget: { gzipBytes: BUDGET_GZIP, peerRatio: 0.5 },
  firstScreen: { ours, peer, ratio },
};
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify(result, null, 2));
console.log(`\nwrote ${out}`);

const over = [];
if (ours.total[1] > BUDGET_GZIP) over.push(`the first screen is ${kb(ours.total[1])} KB gzip, over the budget of ${kb(BUDGET_GZIP)} KB`);
if (ratio > 0.5) over.push(`the first screen is ${(ratio * 100).toFixed(0)} % of the peer's, over the budget of 50 %`);
if (over.length) {
  console.error(`\nBUDGET EXCEEDED: ${over.join("; ")}.`);
  process.exit(1);
}
console.log("\nWithin budget.");
