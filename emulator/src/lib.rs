//! An offline Microsoft 365 tenant: the identity platform v2.0 and Microsoft Graph v1.0 endpoints
//! a OneDrive / SharePoint / Teams file picker uses, faithful to the real services' status codes,
//! headers, bodies and errors, with a deterministic seeded tenant and fault injection.
//!
//! Start it with [`start`]; the binary (`cargo run -p emulator -- --port 8787`) wraps it.

pub mod bodies;
pub mod changes;
pub mod clock;
pub mod config;
pub mod crypto;
pub mod faults;
pub mod graph;
pub mod guard;
pub mod identity;
pub mod images;
pub mod seed;
pub mod store;
pub mod util;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;

use parking_lot::{Mutex, RwLock};

use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{any, get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::json;

use config::{AppRegistration, Settings};
use faults::FaultRule;

/// Shared state of a running emulator.
pub struct AppState {
    /// Public base URL (no trailing slash), e.g. `http://127.0.0.1:8787`.
    pub base: String,
    /// Base URL of the file host (another loopback port): pre-authenticated download and
    /// thumbnail URLs point there, as the real ones point at SharePoint and OneDrive content
    /// hosts, not at Graph.
    pub files_base: String,
    /// Signing keys.
    pub keys: crypto::Keys,
    /// The tenant's data.
    pub store: RwLock<store::Store>,
    /// App registrations.
    pub apps: Vec<AppRegistration>,
    /// Codes, tokens, consents.
    pub auth: Mutex<identity::AuthState>,
    /// Start-up settings.
    pub settings: Settings,
    /// Scripted faults.
    pub fault_rules: Mutex<Vec<FaultRule>>,
    /// The clock.
    pub clock: clock::Clock,
    /// Upload sessions in progress.
    pub uploads: Mutex<HashMap<String, graph::upload::UploadSession>>,
    /// The identity platform's base URL (`--identity-url`, else [`AppState::base`]).
    pub identity_base: String,
    /// The hosts of `--public-url` and `--identity-url`, which requests may name besides
    /// loopback ones.
    pub public_hosts: Vec<String>,
    /// Graph requests answered so far (preflights aside), for tests that bound retries.
    pub graph_requests: std::sync::atomic::AtomicU64,
    /// The large request bodies being read ([`bodies`]).
    pub bodies: bodies::Budget,
}

/// The state handle handlers share.
pub type Shared = Arc<AppState>;

impl AppState {
    /// Builds the state for `settings`, serving at `base`.
    pub fn new(mut settings: Settings, base: String, files_base: String) -> Shared {
        let apps = if settings.apps.is_empty() {
            config::default_apps()
        } else {
            std::mem::take(&mut settings.apps)
        };
        let st = Arc::new(AppState {
            base: base.trim_end_matches('/').to_string(),
            files_base: files_base.trim_end_matches('/').to_string(),
            keys: crypto::Keys::new(settings.persist_dir.as_deref(), util::random_bytes(32)),
            store: RwLock::new(seed::seed()),
            apps,
            auth: Mutex::new(identity::AuthState::default()),
            identity_base: settings
                .identity_url
                .as_deref()
                .unwrap_or(&base)
                .trim_end_matches('/')
                .to_string(),
            public_hosts: [
                &settings.public_url,
                &settings.identity_url,
                &settings.files_public_url,
            ]
            .into_iter()
            .flatten()
            .filter_map(|u| url::Url::parse(u).ok())
            .filter_map(|u| u.host_str().map(str::to_string))
            .collect(),
            settings,
            fault_rules: Mutex::new(Vec::new()),
            clock: clock::Clock::default(),
            uploads: Mutex::new(HashMap::new()),
            graph_requests: std::sync::atomic::AtomicU64::new(0),
            bodies: bodies::Budget::default(),
        });
        graph::persist::load_persisted(&st);
        st
    }
}

/// All routes of the emulator.
pub fn router(state: Shared) -> Router {
    Router::new()
        .route("/", get(home))
        .route(
            "/{tenant}/v2.0/.well-known/openid-configuration",
            get(identity::openid_configuration),
        )
        .route("/{tenant}/discovery/v2.0/keys", get(identity::jwks))
        .route(
            "/{tenant}/discovery/instance",
            get(identity::instance_discovery),
        )
        .route(
            "/{tenant}/oauth2/v2.0/authorize",
            get(identity::authorize_get)
                .post(identity::authorize_post)
                .layer(axum::middleware::map_response(deny_framing)),
        )
        .route(
            "/{tenant}/oauth2/v2.0/token",
            post(identity::token).options(identity::token_preflight),
        )
        .route(
            "/{tenant}/oauth2/v2.0/logout",
            get(identity::logout)
                .layer(axum::middleware::map_response(isolate_opener))
                .layer(axum::middleware::map_response(deny_framing)),
        )
        .route("/v1.0/{*path}", any(graph::dispatch))
        .route("/_share/{token}", get(graph::files::share))
        .route("/_preview/{token}", get(graph::files::preview))
        .route("/_onedrive", get(graph::files::onedrive))
        .route("/_onedrive/", get(graph::files::onedrive))
        .route("/_onedrive/{*rest}", get(graph::files::onedrive))
        .route("/personal/{*rest}", get(graph::files::sharepoint))
        .route("/sites/{*rest}", get(graph::files::sharepoint))
        .route(
            "/_emulator/faults",
            get(list_faults).post(add_fault).delete(clear_faults),
        )
        .route("/_emulator/clock", post(advance_clock))
        .route("/_emulator/tokens/expire", post(expire_tokens))
        .route("/_emulator/reset", post(reset))
        .route("/_emulator/stats", get(stats))
        // Graph and upload URLs read their bodies themselves, after authentication (`bodies`).
        .layer(DefaultBodyLimit::max(bodies::SMALL_LIMIT))
        .layer(axum::middleware::from_fn(bodies::small_only))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            guard::guard,
        ))
        .with_state(state)
}

/// The file host's routes: pre-authenticated downloads (personal `/_files/…`, and SharePoint's
/// `…/_layouts/15/download.aspx`), thumbnails and upload-session URLs. They take no bearer token:
/// one sent along is refused (401), as Microsoft documents for upload URLs and as a Graph token is
/// on SharePoint, so a client that leaks its token is caught.
pub fn files_router(state: Shared) -> Router {
    Router::new()
        .route("/_files/{token}", get(graph::files::personal_download))
        .route("/_thumbnails/{token}", get(graph::files::thumbnail))
        .route("/_upload/{id}", any(graph::upload::fragment))
        .route("/personal/{*rest}", get(graph::files::sharepoint_download))
        .route("/sites/{*rest}", get(graph::files::sharepoint_download))
        .layer(DefaultBodyLimit::max(bodies::SMALL_LIMIT))
        .layer(axum::middleware::from_fn(bodies::small_only))
        .layer(axum::middleware::from_fn(no_bearer))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            guard::guard,
        ))
        .with_state(state)
}

async fn no_bearer(req: axum::extract::Request, next: axum::middleware::Next) -> Response {
    if req
        .headers()
        .contains_key(axum::http::header::AUTHORIZATION)
    {
        let mut r = (
            axum::http::StatusCode::UNAUTHORIZED,
            "This pre-authenticated URL takes no Authorization header.",
        )
            .into_response();
        r.headers_mut()
            .insert("access-control-allow-origin", HeaderValue::from_static("*"));
        return r;
    }
    next.run(req).await
}

/// A running emulator.
pub struct Running {
    /// The bound address (127.0.0.1 only).
    pub addr: SocketAddr,
    /// The file host's address (127.0.0.1, another port).
    pub files_addr: SocketAddr,
    /// Its state.
    pub state: Shared,
    /// The server task.
    pub task: tokio::task::JoinHandle<std::io::Result<()>>,
    /// The file host's server task.
    pub files_task: tokio::task::JoinHandle<std::io::Result<()>>,
}

impl Running {
    /// The public base URL.
    pub fn base(&self) -> &str {
        &self.state.base
    }
}

/// Binds 127.0.0.1:`port` (0 picks a free port) for Graph and the identity platform, and another
/// free loopback port for the file host, and serves both in background tasks.
pub async fn start(settings: Settings, port: u16) -> std::io::Result<Running> {
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
    let files = tokio::net::TcpListener::bind(("127.0.0.1", 0)).await?;
    let addr = listener.local_addr()?;
    let files_addr = files.local_addr()?;
    let base = settings
        .public_url
        .clone()
        .unwrap_or_else(|| format!("http://127.0.0.1:{}", addr.port()));
    let files_base = settings
        .files_public_url
        .clone()
        .unwrap_or_else(|| format!("http://127.0.0.1:{}", files_addr.port()));
    let state = AppState::new(settings, base, files_base);
    let app = router(state.clone());
    let files_app = files_router(state.clone());
    let task = tokio::spawn(async move { axum::serve(listener, app).await });
    let files_task = tokio::spawn(async move { axum::serve(files, files_app).await });
    Ok(Running {
        addr,
        files_addr,
        state,
        task,
        files_task,
    })
}

/// The sign-out page isolates its window as the sign-in pages do
/// ([`identity::isolate_opener`]; those decide per request).
async fn isolate_opener(r: Response) -> Response {
    identity::isolate_opener(r)
}

/// The sign-in, consent and sign-out pages cannot be framed (Entra sends `X-Frame-Options:
/// DENY`): a page that framed them could dress them up and take the user's clicks. Redirects
/// (the answers of a silent sign-in in a hidden frame) carry no page and are left alone.
async fn deny_framing(mut r: Response) -> Response {
    let html = r
        .headers()
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if html {
        let h = r.headers_mut();
        h.insert("x-frame-options", HeaderValue::from_static("DENY"));
        h.insert(
            "content-security-policy",
            HeaderValue::from_static("frame-ancestors 'none'"),
        );
    }
    r
}

fn control_cors(mut r: Response) -> Response {
    r.headers_mut()
        .insert("access-control-allow-origin", HeaderValue::from_static("*"));
    r
}

async fn list_faults(State(st): State<Shared>) -> Response {
    let rules = st.fault_rules.lock().clone();
    control_cors(Json(json!({ "rules": rules })).into_response())
}

async fn add_fault(State(st): State<Shared>, Json(rule): Json<FaultRule>) -> Response {
    st.fault_rules.lock().push(rule);
    control_cors(StatusCode::NO_CONTENT.into_response())
}

async fn clear_faults(State(st): State<Shared>) -> Response {
    st.fault_rules.lock().clear();
    control_cors(StatusCode::NO_CONTENT.into_response())
}

#[derive(Deserialize)]
struct Advance {
    seconds: i64,
}

async fn advance_clock(State(st): State<Shared>, Json(a): Json<Advance>) -> Response {
    control_cors(match st.clock.advance(a.seconds) {
        Ok(()) => Json(json!({ "now": util::iso(st.clock.now()) })).into_response(),
        Err(max) => (
            StatusCode::BAD_REQUEST,
            Json(json!({ "error": format!("The clock moves at most {max} seconds from real time either way.") })),
        )
            .into_response(),
    })
}

#[derive(Deserialize)]
struct Expire {
    #[serde(default = "yes")]
    access: bool,
    #[serde(default)]
    refresh: bool,
}

fn yes() -> bool {
    true
}

async fn expire_tokens(State(st): State<Shared>, Json(x): Json<Expire>) -> Response {
    // Every token issued until now (issue times are kept exactly) counts as expired.
    let cut = st.clock.now();
    let mut auth = st.auth.lock();
    if x.access {
        auth.access_not_before = Some(cut);
    }
    if x.refresh {
        auth.refresh_not_before = Some(cut);
    }
    control_cors(StatusCode::NO_CONTENT.into_response())
}

async fn stats(State(st): State<Shared>) -> Response {
    let n = st.graph_requests.load(std::sync::atomic::Ordering::Relaxed);
    control_cors(Json(json!({ "graphRequests": n })).into_response())
}

async fn reset(State(st): State<Shared>) -> Response {
    *st.store.write() = seed::seed();
    *st.auth.lock() = identity::AuthState::default();
    st.fault_rules.lock().clear();
    st.uploads.lock().clear();
    graph::persist::load_persisted(&st);
    control_cors(StatusCode::NO_CONTENT.into_response())
}

async fn home(State(st): State<Shared>, _headers: HeaderMap) -> Html<String> {
    let store = st.store.read();
    let accounts: String = store
        .users
        .iter()
        .map(|u| {
            format!(
                "<li>{} &lt;{}&gt;</li>",
                util::html_escape(&u.display_name),
                util::html_escape(&u.upn)
            )
        })
        .collect();
    let apps: String = st
        .apps
        .iter()
        .map(|a| {
            format!(
                "<li>{} — client id <code>{}</code></li>",
                util::html_escape(&a.display_name),
                util::html_escape(&a.client_id)
            )
        })
        .collect();
    let b = &st.base;
    Html(format!(
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>Microsoft 365 emulator</title></head><body>\
         <h1>Offline Microsoft 365 tenant</h1><ul><li>Authority: <code>{b}/common</code> (also organizations, consumers, {t})</li>\
         <li>Graph: <code>{b}/v1.0</code></li></ul><h2>Accounts</h2><ul>{accounts}</ul><h2>Apps</h2><ul>{apps}</ul></body></html>",
        t = seed::CONTOSO_TENANT
    ))
}
