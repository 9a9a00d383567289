// A local TLS front for the emulator, for clients that insist on https authorities (MSAL.js):
// a self-signed certificate for localhost (made with openssl), and a proxy that passes every
// request on to the emulator unchanged. Chromium must run with --ignore-certificate-errors.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { request } from "node:http";
import { createServer } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Starts the proxy on a free port; `target(base)` points it at an emulator. */
export async function tlsProxy() {
  const dir = mkdtempSync(join(tmpdir(), "tls-"));
  const [key, cert] = [join(dir, "key.pem"), join(dir, "cert.pem")];
  execFileSync("openssl", [
    "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "1",
    "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
  ], { stdio: "ignore" });
  let upstream = null;
  const server = createServer({ key: readFileSync(key), cert: readFileSync(cert) }, (req, res) => {
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
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  return {
    origin: `https://localhost:${server.address().port}`,
    target: (base) => (upstream = new URL(base)),
    stop: () => server.close(),
  };
}
