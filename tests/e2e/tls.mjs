// A local TLS front for the emulator, for clients that insist on https authorities (MSAL.js):
// a self-signed certificate for localhost (made with openssl), and a proxy that passes every
// request on to the emulator unchanged. Chromium must run with --ignore-certificate-errors.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { request } from "node:http";
import { createServer } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * Starts the proxy on a free port; `target(base)` points it at an emulator. `names` are the DNS
 * names its certificate holds (besides 127.0.0.1); `delay(req)` may hold a request back first
 * (milliseconds).
 */
export async function tlsProxy({ names = ["localhost"], delay = () => 0 } = {}) {
  const dir = mkdtempSync(join(tmpdir(), "tls-"));
  const [key, cert] = [join(dir, "key.pem"), join(dir, "cert.pem")];
  const alt = [...names.map((n) => `DNS:${n}`), "IP:127.0.0.1"].join(",");
  execFileSync("openssl", [
    "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "1",
    "-subj", `/CN=${names[0]}`, "-addext", `subjectAltName=${alt}`,
  ], { stdio: "ignore" });
  let upstream = null;
  const forward = (req, res) => {
    if (!upstream) return res.writeHead(503).end();
    const up = request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
      (r) => {
        res.writeHead(r.statusCode, r.headers);
        r.pipe(res);
      },
    );
    up.on("error", () => res.destroy());
    req.pipe(up);
  };
  const server = createServer({ key: readFileSync(key), cert: readFileSync(cert) }, (req, res) => {
    const ms = delay(req);
    if (ms > 0) setTimeout(() => forward(req, res), ms);
    else forward(req, res);
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  return {
    origin: `https://localhost:${server.address().port}`,
    port: server.address().port,
    target: (base) => (upstream = new URL(base)),
    stop: () => server.close(),
  };
}
