//! A nested app authentication host, as Teams or Outlook is one: `GET /naa/host?app=<URL>` frames
//! the app (on another site) and brokers tokens for it through the bridge; `GET /naa/bridge.js`
//! is the bridge's half inside the frame (what TeamsJS installs: `window.__initializeNestedAppAuth`
//! and then `window.nestedAppAuthBridge`); `POST /naa/token` is the host's own call to the broker
//! ([`crate::identity::broker`]), same-origin, for the account the host page was signed in as (sealed
//! in the page, or the identity platform's sign-in cookie).
//!
//! The host page's query: `as` signs the host in as that account (else the session it has),
//! `fault` sets its behaviour (`slow`, `never`, or a status such as `USER_CANCEL`; a select on the
//! page changes it later) and `delay` how slow `slow` is (milliseconds, default 2500).

mod page;

use std::collections::HashMap;

use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::json;

use crate::crypto::Sealed;
use crate::identity::broker::{self, Call, Outcome};
use crate::identity::{host_session, session_cookie};
use crate::state::Shared;
use page::behaviours;

/// The host's routes.
pub fn router() -> Router<Shared> {
    Router::new()
        .route("/naa/host", get(host))
        .route("/naa/bridge.js", get(bridge))
        .route("/naa/token", post(token))
}

/// `GET /naa/host`
async fn host(
    State(st): State<Shared>,
    Query(q): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    let Some(app) = q.get("app").and_then(|a| app_url(a)) else {
        return (
            StatusCode::BAD_REQUEST,
            Html(page::problem(
                "The host needs the app to frame: ?app=<an http(s) address>.",
            )),
        )
            .into_response();
    };
    let mut session = host_session(&st, &headers);
    let mut cookie = None;
    if let Some(upn) = q.get("as") {
        let id = st.store.read().user_by_id_or_upn(upn).map(|u| u.id.clone());
        let Some(id) = id else {
            return (
                StatusCode::BAD_REQUEST,
                Html(page::problem("No such account in this tenant.")),
            )
                .into_response();
        };
        session.retain(|s| *s != id);
        session.insert(0, id);
        cookie = Some(session_cookie(&st, &session));
    }
    let user = session
        .first()
        .and_then(|id| st.store.read().user(id).map(|u| u.upn.clone()));
    // The host's account, sealed, for its page to send with each call (WebKit keeps no `Secure`
    // cookie on plain http, not even on loopback).
    let sealed = session.first().map(|id| st.keys.seal(Sealed::Session, id));
    let fault = q
        .get("fault")
        .map(String::as_str)
        .filter(|f| behaviours().any(|b| b == *f))
        .unwrap_or("answer");
    let delay = q
        .get("delay")
        .and_then(|d| d.parse::<u32>().ok())
        .unwrap_or(2500)
        .min(120_000);
    let mut r = Html(page::host(
        &app,
        user.as_deref(),
        sealed.as_deref(),
        fault,
        delay,
    ))
    .into_response();
    if let Some(c) = cookie {
        r.headers_mut().append(header::SET_COOKIE, c);
    }
    r
}

/// The app's address, when it is an http(s) URL.
fn app_url(raw: &str) -> Option<String> {
    let u = url::Url::parse(raw).ok()?;
    (matches!(u.scheme(), "http" | "https") && u.host_str().is_some()).then(|| u.to_string())
}

/// `GET /naa/bridge.js`: the frame's half, talking to this emulator's host page only.
async fn bridge(State(st): State<Shared>) -> Response {
    let origin = url::Url::parse(&st.base)
        .map(|u| u.origin().ascii_serialization())
        .unwrap_or_default();
    let mut r = page::bridge_js(&origin).into_response();
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/javascript; charset=utf-8"),
    );
    h.insert(
        "cross-origin-resource-policy",
        HeaderValue::from_static("cross-origin"),
    );
    r
}

/// The host page's call for one request of the app.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct TokenCall {
    envelope: String,
    app_origin: String,
    #[serde(default)]
    consented: bool,
    #[serde(default)]
    declined: bool,
    #[serde(default)]
    fault: Option<String>,
    /// The host's account, sealed (else its sign-in cookie says).
    #[serde(default)]
    session: Option<String>,
}

/// `POST /naa/token`: same-origin JSON from the host page, with its cookie; no CORS.
async fn token(State(st): State<Shared>, headers: HeaderMap, body: axum::body::Bytes) -> Response {
    if !same_origin_json(&headers) {
        return (
            StatusCode::FORBIDDEN,
            "The broker answers its own host page only.",
        )
            .into_response();
    }
    let Ok(call) = serde_json::from_slice::<TokenCall>(&body) else {
        return (StatusCode::BAD_REQUEST, "Not a host call.").into_response();
    };
    let from_page = call
        .session
        .as_deref()
        .and_then(|s| st.keys.open(Sealed::Session, s));
    let user = from_page.or_else(|| host_session(&st, &headers).into_iter().next());
    let outcome = broker::broker(
        &st,
        user.as_deref(),
        &Call {
            envelope: &call.envelope,
            app_origin: &call.app_origin,
            consented: call.consented,
            declined: call.declined,
            fault: call.fault.as_deref(),
        },
    );
    let body = match outcome {
        Outcome::Reply(reply) => json!({ "reply": reply }),
        Outcome::Ask { app, scopes } => json!({ "ask": { "app": app, "scopes": scopes } }),
        Outcome::Ignore => json!({}),
    };
    let mut r = Json(body).into_response();
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

/// A JSON request whose `Origin` is the host it was sent to (a page of this emulator).
fn same_origin_json(headers: &HeaderMap) -> bool {
    let json = crate::guard::is_json(headers);
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    let origin_host = headers
        .get(header::ORIGIN)
        .and_then(|v| v.to_str().ok())
        .and_then(crate::util::host_and_port);
    json && host.is_some() && origin_host.as_deref() == host
}
