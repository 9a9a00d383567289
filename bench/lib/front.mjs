// The cloud's default hosts on this machine: one TLS front (a self-signed certificate for
// login.microsoftonline.com and graph.microsoft.com, made with openssl) that passes every
// request to the emulator unchanged, after the latency asked for. Chromium reaches it through
// --host-resolver-rules and trusts it with --ignore-certificate-errors, so that the peer and the
// picker keep their default hosts and nobody is patched.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { request } from "node:http";
import { createServer } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const HOSTS = ["login.microsoftonline.com", "graph.microsoft.com"];

/** Starts the front on a free port, forwarding to the emulator at `upstream` (an http URL). */
export async function front(upstream) {
  const dir = mkdtempSync(join(tmpdir(), "front-"));
  const [key, cert] = [join(dir, "key.pem"), join(dir, "cert.pem")];
  execFileSync("openssl", [
    "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "1",
    "-subj", `/CN=${HOSTS[0]}`, "-addext", `subjectAltName=${HOSTS.map((h) => `DNS:${h}`).join(",")}`,
  ], { stdio: "ignore" });
  const target = new URL(upstream);
  const state = { latencyMs: 0, graphRequests: 0 };
  const server = createServer({ key: readFileSync(key), cert: readFileSync(cert) }, (req, res) => {
    if (req.method !== "OPTIONS" && (req.headers.host ?? "").startsWith("graph.")) state.graphRequests++;
    setTimeout(() => {
      const up = request(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
        (r) => {
          res.writeHead(r.statusCode, r.headers);
          r.pipe(res);
        },
      );
      up.on("error", () => res.destroy());
      req.pipe(up);
    }, state.latencyMs);
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const port = server.address().port;
  return {
    state,
    /** Chromium flags that send the default hosts here. */
    chromiumArgs: [
      `--host-resolver-rules=${HOSTS.map((h) => `MAP ${h} 127.0.0.1:${port}`).join(", ")}`,
      "--ignore-certificate-errors",
    ],
    stop: () => server.close(),
  };
}
