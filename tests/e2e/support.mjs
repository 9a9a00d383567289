// Shared end-to-end fixtures: the emulator binary, a static server for dist/, and Chromium.
import { spawn } from "node:child_process";
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";
import { createRequire } from "node:module";

const ROOT = resolve(import.meta.dirname, "../..");
const require = createRequire(join(ROOT, "tools/package.json"));
const { chromium } = require("playwright-core");

/** Starts `target/debug/emulator --port 0` and resolves with its base URL once it listens. */
export function startEmulator(args = []) {
  const bin = process.env.EMULATOR_BIN ?? join(ROOT, "target/debug/emulator");
  const child = spawn(bin, ["--port", "0", ...args], { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((ok, fail) => {
    let out = "";
    const timer = setTimeout(() => fail(new Error("emulator did not start: " + out)), 30_000);
    child.stdout.on("data", (d) => {
      out += d;
      const m = out.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      if (m) {
        clearTimeout(timer);
        ok({ base: m[1], stop: () => child.kill() });
      }
    });
    child.on("exit", (code) => fail(new Error(`emulator exited with ${code}: ${out}`)));
  });
}

const TYPES = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm", ".css": "text/css", ".svg": "image/svg+xml" };

/**
 * Serves `dir` on 127.0.0.1 (a free port); unknown paths, and those in `standIn`, get a plain
 * page (a redirect target whose URL a test reads itself).
 */
export function serveStatic({ dir = join(ROOT, "dist"), standIn = [] } = {}) {
  const server = createServer(async (req, res) => {
    const path = new URL(req.url, "http://x").pathname;
    if (standIn.includes(path)) {
      return res.writeHead(200, { "content-type": "text/html" }).end("<!doctype html><title>redirect target</title>");
    }
    const file = normalize(join(dir, path === "/" ? "index.html" : path));
    if (!file.startsWith(dir)) return res.writeHead(403).end();
    try {
      const body = await readFile(file);
      res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" }).end(body);
    } catch {
      res.writeHead(200, { "content-type": "text/html" }).end("<!doctype html><title>redirect target</title>");
    }
  });
  return new Promise((ok) =>
    server.listen(0, "127.0.0.1", () => ok({ origin: `http://127.0.0.1:${server.address().port}`, stop: () => server.close() })),
  );
}

/** Launches Debian's Chromium headless, with the flags this closed network needs. */
export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}
