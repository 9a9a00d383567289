// The benchmark's static server: the picker's package under /pkg/, the peer under /peer/, our
// page under /ours/, the demo (dist/, `trunk build --release`) at the root, gzip (level 9) to
// browsers that take it, as a production server would.
import { createServer } from "node:http";
import { existsSync, readFileSync } from "node:fs";
import { extname, join, normalize, resolve } from "node:path";
import { gzipSync } from "node:zlib";

const ROOT = resolve(import.meta.dirname, "../..");
export const PACKAGE = join(ROOT, "target/package/onedrive-picker");
export const DEMO = join(ROOT, "dist");
const TYPES = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm", ".css": "text/css" };

/** Serves the pages on 127.0.0.1 (a free port); resolves with its origin and `stop()`. */
export function serve() {
  const bench = resolve(import.meta.dirname, "..");
  const roots = { "/pkg/": PACKAGE, "/peer/": join(bench, "peer"), "/ours/": join(bench, "ours"), "/": DEMO };
  const gzipped = new Map();
  const server = createServer((req, res) => {
    const path = new URL(req.url, "http://x").pathname;
    const prefix = Object.keys(roots).find((p) => path.startsWith(p));
    if (!prefix) return res.writeHead(404).end();
    const rest = path.slice(prefix.length);
    const file = normalize(join(roots[prefix], !rest || rest.endsWith("/") ? `${rest}index.html` : rest));
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
  return new Promise((ok) =>
    server.listen(0, "127.0.0.1", () => ok({ origin: `http://127.0.0.1:${server.address().port}`, stop: () => server.close() })),
  );
}
