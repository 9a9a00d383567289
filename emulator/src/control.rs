//! The control API (`/_emulator/*`) tests and the demo use to script the emulator — faults, the
//! clock, token expiry, a reset, request counts — and the index page at `/`. The guard
//! ([`crate::guard`]) keeps web pages out of it.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::middleware::from_fn_with_state;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::json;

use crate::cors::{cors, AllowHeaders, Cors};
use crate::faults::FaultRule;
use crate::graph::persist;
use crate::identity::grants::AuthState;
use crate::state::Shared;
use crate::{seed, util};

/// The control API and the index page.
pub fn router() -> Router<Shared> {
    // Readable from any page; nothing but simple requests, so no page can post JSON to it.
    let policy = Cors {
        methods: "GET",
        allow_headers: AllowHeaders::Listed(""),
        expose: None,
        max_age: 3600,
        always: true,
    };
    let control = Router::new()
        .route(
            "/_emulator/faults",
            get(list_faults).post(add_fault).delete(clear_faults),
        )
        .route("/_emulator/clock", post(advance_clock))
        .route("/_emulator/tokens/expire", post(expire_tokens))
        .route("/_emulator/reset", post(reset))
        .route("/_emulator/stats", get(stats))
        .layer(from_fn_with_state(policy, cors));
    Router::new().route("/", get(home)).merge(control)
}

async fn list_faults(State(st): State<Shared>) -> Response {
    let rules = st.fault_rules.lock().clone();
    Json(json!({ "rules": rules })).into_response()
}

async fn add_fault(State(st): State<Shared>, Json(rule): Json<FaultRule>) -> Response {
    st.fault_rules.lock().push(rule);
    StatusCode::NO_CONTENT.into_response()
}

async fn clear_faults(State(st): State<Shared>) -> Response {
    st.fault_rules.lock().clear();
    StatusCode::NO_CONTENT.into_response()
}

#[derive(Deserialize)]
struct Advance {
    seconds: i64,
}

async fn advance_clock(State(st): State<Shared>, Json(a): Json<Advance>) -> Response {
    match st.clock.advance(a.seconds) {
        Ok(()) => Json(json!({ "now": util::iso(st.clock.now()) })).into_response(),
        Err(max) => (
            StatusCode::BAD_REQUEST,
            Json(json!({ "error": format!("The clock moves at most {max} seconds from real time either way.") })),
        )
            .into_response(),
    }
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
    StatusCode::NO_CONTENT.into_response()
}

async fn stats(State(st): State<Shared>) -> Response {
    let n = st.graph_requests.load(std::sync::atomic::Ordering::Relaxed);
    Json(json!({ "graphRequests": n })).into_response()
}

async fn reset(State(st): State<Shared>) -> Response {
    *st.store.write() = seed::seed();
    *st.auth.lock() = AuthState::default();
    st.fault_rules.lock().clear();
    st.uploads.lock().clear();
    persist::load_persisted(&st);
    StatusCode::NO_CONTENT.into_response()
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
