//! The host's pages: the host (a frame for the app, a consent prompt, a switch for the host's
//! behaviour, a log of the bridge's requests) and the bridge script the app loads.

use crate::identity::broker::STATUSES;
use crate::util::html_escape as e;

/// The behaviours the host can be switched to, besides answering.
pub(super) fn behaviours() -> impl Iterator<Item = &'static str> {
    ["answer", "slow", "never"]
        .into_iter()
        .chain(STATUSES.iter().copied())
}

const STYLE: &str = "body{font-family:'Segoe UI',Arial,sans-serif;margin:0;display:grid;\
grid-template-rows:auto 1fr auto;height:100vh}header{display:flex;flex-wrap:wrap;gap:12px;align-items:center;\
padding:8px 16px;background:#464775;color:#fff}header h1{font-size:16px;margin:0}iframe{border:0;width:100%;height:100%}\
footer{max-height:20vh;overflow:auto;font:12px monospace;padding:4px 16px;background:#f3f2f1}\
dialog button{margin:4px}";

/// A page that says what is wrong with the host's address.
pub(super) fn problem(text: &str) -> String {
    format!(
        "<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>Host</title><p>{}</p></html>",
        e(text)
    )
}

/// The host page framing `app`, signed in as `user` (`session`: the account, sealed), behaving as `fault` (`slow` waits `delay`
/// milliseconds before answering).
pub(super) fn host(
    app: &str,
    user: Option<&str>,
    session: Option<&str>,
    fault: &str,
    delay: u32,
) -> String {
    let session = serde_json::to_string(&session).unwrap_or_else(|_| "null".into());
    let options: String = behaviours()
        .map(|b| {
            let selected = if b == fault { " selected" } else { "" };
            format!("<option{selected}>{b}</option>")
        })
        .collect();
    let who = user.map_or("Not signed in".to_string(), |u| {
        format!("Signed in as {}", e(u))
    });
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Teams (emulated host)</title>\
<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><style>{STYLE}</style></head><body>\
<header><h1>Teams (emulated host)</h1><span id=\"who\">{who}</span>\
<label>Host behaviour <select id=\"behaviour\">{options}</select></label></header>\
<iframe id=\"app\" title=\"App\" src=\"{app}\"></iframe>\
<footer><ol id=\"log\" aria-label=\"Bridge requests\"></ol></footer>\
<dialog id=\"consent\" aria-labelledby=\"consent-title\"><h2 id=\"consent-title\">Permissions requested</h2>\
<p id=\"consent-text\"></p><ul id=\"consent-scopes\"></ul>\
<button id=\"accept\" type=\"button\">Accept</button><button id=\"cancel\" type=\"button\">Cancel</button></dialog>\
<script>const DELAY = {delay};\nconst HOST_SESSION = {session};\n{HOST_JS}</script></body></html>",
        app = e(app),
    )
}

/// The host page's script: answers the frame's hello, passes each bridge request to the broker,
/// shows the consent prompt the broker asks for, and posts the reply back to the frame.
const HOST_JS: &str = r#"
const frame = document.getElementById("app");
const APP = new URL(frame.src).origin;
const behaviour = document.getElementById("behaviour");
const log = document.getElementById("log");
const post = (message) => frame.contentWindow.postMessage(message, APP);
const note = (text) => { const li = document.createElement("li"); li.textContent = text; log.append(li); return li; };
let prompt = Promise.resolve();

addEventListener("message", (e) => {
  if (e.source !== frame.contentWindow || e.origin !== APP) return;
  const d = e.data;
  if (d && d.type === "naa-hello") return post({ type: "naa-ready" });
  if (d && d.type === "naa-request" && typeof d.payload === "string") handle(d.payload);
});

function describe(payload) {
  try {
    const r = JSON.parse(payload);
    const p = r.tokenParams || {};
    const hint = (p.extraParameters && (p.extraParameters.login_hint || p.extraParameters.loginHint)) || "";
    return [r.method, p.scope, hint && "hint " + hint].filter(Boolean).join(" · ");
  } catch { return "unreadable request"; }
}

async function handle(payload) {
  const mode = behaviour.value;
  const line = note(describe(payload));
  if (mode === "never") return void (line.textContent += " → no answer");
  if (mode === "slow") await new Promise((ok) => setTimeout(ok, DELAY));
  const fault = mode === "answer" || mode === "slow" ? null : mode;
  let out = await call({ envelope: payload, appOrigin: APP, fault, session: HOST_SESSION });
  if (out.ask) {
    const accepted = await ask(out.ask);
    out = await call({ envelope: payload, appOrigin: APP, consented: accepted, declined: !accepted, session: HOST_SESSION });
  }
  if (!out.reply) return void (line.textContent += " → ignored");
  line.textContent += " → " + (out.reply.success ? "token" : out.reply.error.status);
  post({ type: "naa-response", payload: JSON.stringify(out.reply) });
}

async function call(body) {
  const r = await fetch("/naa/token", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return r.ok ? r.json() : {};
}

function ask({ app, scopes }) {
  const next = prompt.then(() => new Promise((ok) => {
    const dialog = document.getElementById("consent");
    document.getElementById("consent-text").textContent = app + " asks to:";
    const list = document.getElementById("consent-scopes");
    list.replaceChildren(...scopes.map((s) => Object.assign(document.createElement("li"), { textContent: s })));
    const done = (answer) => () => { dialog.close(); ok(answer); };
    document.getElementById("accept").onclick = done(true);
    document.getElementById("cancel").onclick = done(false);
    dialog.oncancel = done(false);
    dialog.showModal();
  }));
  prompt = next;
  return next;
}
"#;

/// The bridge's half inside the frame, for a host page on `host_origin`: defines
/// `window.__initializeNestedAppAuth`, which greets the parent and, when it answers within a
/// second, installs `window.nestedAppAuthBridge` (a page not framed by the host gets no bridge).
pub(super) fn bridge_js(host_origin: &str) -> String {
    let origin = serde_json::to_string(host_origin).unwrap_or_else(|_| "\"\"".into());
    format!("(() => {{\nconst HOST = {origin};\n{BRIDGE_JS}}})();\n")
}

const BRIDGE_JS: &str = r#"
if (window.parent === window) return;
const fromHost = (e, type) => e.source === window.parent && e.origin === HOST && e.data && e.data.type === type;
let ready;
window.__initializeNestedAppAuth = () => (ready ??= new Promise((resolve) => {
  const timer = setTimeout(() => { removeEventListener("message", hello); resolve(); }, 1000);
  const hello = (e) => {
    if (!fromHost(e, "naa-ready")) return;
    clearTimeout(timer);
    removeEventListener("message", hello);
    install();
    resolve();
  };
  addEventListener("message", hello);
  window.parent.postMessage({ type: "naa-hello" }, HOST);
}));
function install() {
  const listeners = new Set();
  addEventListener("message", (e) => {
    if (!fromHost(e, "naa-response") || typeof e.data.payload !== "string") return;
    for (const l of [...listeners]) l(e.data.payload);
  });
  window.nestedAppAuthBridge = {
    postMessage: (message) => window.parent.postMessage({ type: "naa-request", payload: String(message) }, HOST),
    addEventListener: (type, listener) => { if (type === "message") listeners.add(listener); },
    removeEventListener: (type, listener) => { listeners.delete(listener); },
  };
}
"#;
