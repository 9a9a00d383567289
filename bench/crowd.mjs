// Many pickers throttled at once (docs/scale.md): N pickers, each with its own Graph client and
// retry policy, open a folder in the same instant while the emulator answers their first N
// listing requests with 429 and `Retry-After: 1` (then, a second scenario, with 500 and no
// `Retry-After`: the back-off's own waits). The times the listing requests leave the browser
// show whether the retries come back together (a storm) or spread over their window. Each
// scenario runs twice: as built (waits placed by `Math.random`) and with `Math.random` pinned
// to one value, as a client without jitter would wait.
//
//   node bench/crowd.mjs [--pickers 100]
//
// Needs the demo build (`trunk build --release`) and the emulator (`cargo build -p emulator`).
import { launchBrowser, serveStatic, startEmulator, stopAll, tokenFor, ADELE } from "../tests/e2e/support.mjs";

const arg = (name) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : null);
const PICKERS = Number(arg("--pickers") ?? 100);
const SCENARIOS = [
  { name: "429, Retry-After: 1", rule: { fault: "throttle", status: 429, retry_after: 1 } },
  { name: "500, no Retry-After", rule: { fault: "server-error" } },
];

const [emulator, site] = await Promise.all([startEmulator(), serveStatic()]);
const browser = await launchBrowser();
const token = (await tokenFor(emulator.base, ADELE, "Files.Read.All")).access_token;

/** A page with `PICKERS` pickers, each listing My files; `pinned`: Math.random is constant. */
async function crowd(pinned) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  if (pinned) await page.addInitScript(() => (Math.random = () => 0.5));
  await page.goto(`${site.origin}/?emulator=${encodeURIComponent(emulator.base)}`);
  await page.waitForFunction(() => window.wasmBindings?.mountPicker);
  await page.evaluate(({ n, token, graph }) => {
    for (let i = 0; i < n; i++) {
      const host = document.createElement("div");
      host.style.height = "300px";
      document.body.append(host);
      window.wasmBindings.mountPicker(host, { graphBase: graph, tokenProvider: async () => token });
    }
  }, { n: PICKERS, token, graph: `${emulator.base}/v1.0` });
  const count = (name) => page.evaluate((name) => document.querySelectorAll(`.odp-item[title="${name}"]`).length, name);
  await waitFor(async () => (await count("Documents")) === PICKERS, 60_000);
  return { context, page, count };
}

async function waitFor(check, ms) {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function scenario({ rule }, pinned) {
  const { context, page, count } = await crowd(pinned);
  const sent = [];
  page.on("request", (r) => /\/items\/[^/]+\/children/.test(r.url()) && sent.push(Date.now()));
  const scripted = await fetch(`${emulator.base}/_emulator/faults`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ ...rule, path_contains: "/children", times: PICKERS }),
  });
  if (scripted.status !== 204) throw new Error(`the fault was refused: ${scripted.status}`);
  // Every picker opens Documents in the same task.
  await page.evaluate(() => document.querySelectorAll('.odp-item[title="Documents"]').forEach((e) => e.click()));
  await waitFor(async () => (await count("Reports")) === PICKERS, 60_000);
  await context.close();
  await fetch(`${emulator.base}/_emulator/faults`, { method: "DELETE" }).catch(() => {});
  const t0 = Math.min(...sent);
  const times = sent.map((t) => t - t0).sort((a, b) => a - b);
  const retries = times.slice(PICKERS);
  const peak = Math.max(...retries.map((t) => retries.filter((u) => u >= t && u < t + 100).length));
  return { requests: sent.length, first: retries[0], last: retries.at(-1), peak };
}

console.log(`${PICKERS} pickers open a folder at once; the emulator fails the first ${PICKERS} listing requests.\n`);
console.log("| failure | waits | listing requests | per picker | retries sent, ms after the first request | most retries in 100 ms |");
console.log("|---|---|---:|---:|---|---:|");
for (const s of SCENARIOS) {
  for (const pinned of [false, true]) {
    const r = await scenario(s, pinned);
    const waits = pinned ? "without jitter (Math.random pinned)" : "as built";
    console.log(`| ${s.name} | ${waits} | ${r.requests} | ${(r.requests / PICKERS).toFixed(2)} | ${r.first} → ${r.last} | ${r.peak} |`);
  }
}
await stopAll(browser, emulator, site);
