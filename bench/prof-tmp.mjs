import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { launchBrowser, startEmulator, tokenFor } from "../tests/e2e/support.mjs";
import { front } from "./lib/front.mjs";
import { serve } from "./lib/serve.mjs";
import { openSide, SIDES, signIn } from "./lib/timing.mjs";
const CLIENT = "6b1c3e2a-5d4f-4a8b-9c7d-2e1f0a9b8c7d";
const SCOPES = "openid profile offline_access User.Read Files.Read.All Sites.Read.All";
const site = await serve();
const dir = mkdtempSync(join(tmpdir(), "bench-"));
const redirects = [`${site.origin}/peer/blank.html`, `${site.origin}/pkg/auth.html`];
writeFileSync(join(dir, "apps.json"), JSON.stringify([{ clientId: CLIENT, displayName: "Benchmark", spaRedirectUris: redirects, webRedirectUris: [], signInAudience: "AzureADandPersonalMicrosoftAccount", apiPermissions: ["User.Read", "Files.Read.All", "Sites.Read.All"] }]));
const emulator = await startEmulator(["--apps", join(dir, "apps.json"), "--public-url", "https://graph.microsoft.com", "--identity-url", "https://login.microsoftonline.com"]);
const tls = await front(emulator.base);
await tokenFor(emulator.base, "AdeleV@contoso.onmicrosoft.com", SCOPES, { clientId: CLIENT, redirect: redirects[1] });
const browser = await launchBrowser(tls.chromiumArgs);
const side = SIDES.ours;
const { context, page } = await openSide(browser, site.origin, CLIENT, side);
const cdp = await context.newCDPSession(page);
await signIn(page, side);
await page.waitForFunction(side.firstRow, null, { timeout: 60_000 });
await page.waitForLoadState("networkidle");
await side.open(page, "Huge folder (100,000 items)");
await page.waitForLoadState("networkidle");
await cdp.send("Profiler.enable");
await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
await cdp.send("Profiler.start");
const events = []; if (process.env.TRACE) cdp.on("Tracing.dataCollected", (d) => events.push(...d.value));
const tdone = new Promise((r) => cdp.once("Tracing.tracingComplete", r));
if (process.env.TRACE) await cdp.send("Tracing.start", { categories: process.env.CATS ?? "devtools.timeline,disabled-by-default-devtools.timeline", transferMode: "ReportEvents" });
await page.evaluate(() => { window.__frames = []; let last = performance.now(); const tick = (t) => { window.__frames.push(t - last); last = t; if (window.__frames) requestAnimationFrame(tick); }; requestAnimationFrame(tick); });
const started = Date.now();
let steps = 0, items = 0;
if (process.env.IDLE) await new Promise((r) => setTimeout(r, 8000));
while (!process.env.IDLE && Date.now() - started < Number(process.argv[2] ?? 20000)) {
  items = await page.evaluate(async () => {
    const el = document.querySelector("onedrive-picker").shadowRoot.querySelector(".odp-items");
    const before = +el.dataset.total;
    el.scrollTop = el.scrollHeight;
    const s = performance.now();
    while (+el.dataset.total === before && performance.now() - s < 10_000) await new Promise((r) => setTimeout(r, 5));
    return +el.dataset.total;
  });
  steps++;
}
const { profile } = await cdp.send("Profiler.stop");
console.log("thumbs", await page.evaluate(() => [...document.querySelector("onedrive-picker").shadowRoot.querySelectorAll("img.odp-thumb")].map((i) => `${i.complete}:${i.naturalWidth}x${i.naturalHeight}`).join(" ")));
if (process.env.TRACE) { await cdp.send("Tracing.end"); await tdone; }
const mainTids = new Set(events.filter((e) => e.name === "thread_name" && e.args?.name === "CrRendererMain").map((e) => `${e.pid}:${e.tid}`));
const onMain = (e) => mainTids.has(`${e.pid}:${e.tid}`);
const longs = events.filter((e) => onMain(e) && e.ph === "X" && e.name === "RunTask" && e.dur > 40000);
console.log("LONG TASKS", longs.length, longs.reduce((a, e) => a + e.dur / 1000, 0).toFixed(0));
for (const t of longs.slice(0, 6)) { const inner = new Map(); for (const e of events) { if (onMain(e) && e.ph === "X" && e.ts >= t.ts && e.ts + (e.dur ?? 0) <= t.ts + t.dur && e !== t) inner.set(e.name, (inner.get(e.name) ?? 0) + e.dur / 1000); } console.log("LT", (t.dur / 1000).toFixed(0), [...inner].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([k, v]) => `${k}=${v.toFixed(0)}`).join(" ")); }
const bySrc = new Map(); for (const e of events.filter(onMain)) { if (e.ph === "X" && e.name === "RunTask") { const k = `${e.args?.src_file ?? ""}:${e.args?.src_func ?? ""}`; bySrc.set(k, (bySrc.get(k) ?? 0) + e.dur / 1000); } }
for (const [k, v] of [...bySrc].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log("SRC", v.toFixed(0).padStart(8), k);
const agg = new Map(); for (const e of events.filter(onMain)) { if (e.ph === "X" && e.dur) agg.set(e.name, (agg.get(e.name) ?? 0) + e.dur / 1000); }
for (const [k, v] of [...agg].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log("TRACE", v.toFixed(0).padStart(8), k);
const big = events.filter((e) => e.ph === "X" && e.dur > 50000 && e.name !== "ThreadControllerImpl::RunTask" && e.name !== "RunTask").slice(0, 15); for (const e of big) console.log("BIG", (e.dur/1000).toFixed(0), e.name, JSON.stringify(e.args).slice(0, 200));
const frames = await page.evaluate(() => window.__frames.sort((a, b) => a - b));
const at = (q) => frames[Math.min(frames.length - 1, Math.floor(q * frames.length))];
console.log({ steps, items, frames: frames.length, p50: at(0.5), p95: at(0.95), max: at(1) });
writeFileSync("/tmp/prof.cpuprofile", JSON.stringify(profile));
// self time per function
const self = new Map();
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const dt = profile.timeDeltas;
for (let i = 0; i < profile.samples.length; i++) {
  const n = byId.get(profile.samples[i]);
  const k = `${n.callFrame.functionName || "(anon)"} ${n.callFrame.url.split("/").pop()}`;
  self.set(k, (self.get(k) ?? 0) + (dt[i] ?? 0) / 1000);
}
const total = [...self.values()].reduce((a, b) => a + b, 0);
console.log("total ms", total.toFixed(0));
for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(v.toFixed(1).padStart(8), k);
await browser.close(); emulator.stop(); tls.stop(); site.stop();
