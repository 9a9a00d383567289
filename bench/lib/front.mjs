// The cloud's default hosts on this machine: the tests' TLS proxy (tests/e2e/tls.mjs) with a
// certificate for login.microsoftonline.com and graph.microsoft.com, passing every request to
// the emulator unchanged after the latency asked for. Chromium reaches it through
// --host-resolver-rules and trusts it with --ignore-certificate-errors, so that the peer and the
// picker keep their default hosts and nobody is patched.
import { tlsProxy } from "../../tests/e2e/tls.mjs";

export const HOSTS = ["login.microsoftonline.com", "graph.microsoft.com"];

/** Starts the front on a free port, forwarding to the emulator at `upstream` (an http URL). */
export async function front(upstream) {
  const state = { latencyMs: 0, graphRequests: 0 };
  const proxy = await tlsProxy({
    names: HOSTS,
    delay: (req) => {
      if (req.method !== "OPTIONS" && (req.headers.host ?? "").startsWith("graph.")) state.graphRequests++;
      return state.latencyMs;
    },
  });
  proxy.target(upstream);
  return {
    state,
    /** Chromium flags that send the default hosts here. */
    chromiumArgs: [
      `--host-resolver-rules=${HOSTS.map((h) => `MAP ${h} 127.0.0.1:${proxy.port}`).join(", ")}`,
      "--ignore-certificate-errors",
    ],
    stop: proxy.stop,
  };
}
