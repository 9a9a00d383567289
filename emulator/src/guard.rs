//! What every request passes first. The emulator listens on loopback next to the developer's
//! browser, so any web page the browser opens can send it requests:
//! - a `Host` that is not loopback (or the `--public-url` host) is refused: that is how DNS
//!   rebinding reaches loopback services;
//! - the control API (`/_emulator/*`) refuses requests from a page on a non-loopback origin and,
//!   for anything but reads, requests without `Content-Type: application/json` (which a page
//!   cannot send cross-origin without a preflight the emulator never grants);
//! - a handler that panics answers 500 instead of dropping the connection; locks do not poison
//!   (`parking_lot`), so the other requests go on.

use std::net::IpAddr;

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use futures_util::FutureExt;

use crate::state::Shared;

/// Whether `host` (a host name or IP literal, no port) is a loopback name.
pub fn loopback_host(host: &str) -> bool {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    let lower = host.to_ascii_lowercase();
    lower == "localhost"
        || lower.ends_with(".localhost")
        || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// The host part of a `Host` header value (`[::1]:8787` → `[::1]`, `localhost:80` → `localhost`).
fn host_of(value: &str) -> &str {
    if value.starts_with('[') {
        return value.split_inclusive(']').next().unwrap_or(value);
    }
    value.rsplit_once(':').map(|(h, _)| h).unwrap_or(value)
}

/// Whether a request with these headers addresses this emulator by a name it answers to.
pub fn host_allowed(public_hosts: &[String], headers: &HeaderMap) -> bool {
    let Some(value) = headers.get(header::HOST) else {
        // No Host (HTTP/1.0): nothing a browser sends.
        return true;
    };
    let Ok(value) = value.to_str() else {
        return false;
    };
    let host = host_of(value.trim());
    loopback_host(host) || public_hosts.iter().any(|p| p.eq_ignore_ascii_case(host))
}

/// Whether the request's body is said to be JSON (`Content-Type: application/json`, any
/// parameters): a cross-site form can send no such request without a preflight.
pub fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.split(';')
                .next()
                .unwrap_or("")
                .trim()
                .eq_ignore_ascii_case("application/json")
        })
}

/// Why a control request is refused, if it is.
pub fn control_refusal(method: &Method, headers: &HeaderMap) -> Option<(StatusCode, &'static str)> {
    if let Some(origin) = headers.get(header::ORIGIN) {
        let loopback = origin
            .to_str()
            .ok()
            .and_then(|o| url::Url::parse(o).ok())
            .and_then(|u| u.host_str().map(loopback_host))
            .unwrap_or(false);
        if !loopback {
            return Some((
                StatusCode::FORBIDDEN,
                "The control API answers pages on loopback origins only.",
            ));
        }
    }
    if method != Method::GET && method != Method::HEAD {
        let json = is_json(headers);
        if !json {
            return Some((
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "Control requests must be sent with Content-Type: application/json.",
            ));
        }
    }
    None
}

/// The middleware: Host check, control-API check, and a panic turned into a 500.
pub async fn guard(State(st): State<Shared>, req: Request, next: Next) -> Response {
    if !host_allowed(&st.public_hosts, req.headers()) {
        return (
            StatusCode::MISDIRECTED_REQUEST,
            "This emulator answers to loopback host names only.",
        )
            .into_response();
    }
    if req.uri().path().starts_with("/_emulator/") {
        if let Some(refusal) = control_refusal(req.method(), req.headers()) {
            return refusal.into_response();
        }
    }
    match std::panic::AssertUnwindSafe(next.run(req))
        .catch_unwind()
        .await
    {
        Ok(r) => r,
        Err(_) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            "The emulator failed on this request.",
        )
            .into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn with(name: header::HeaderName, value: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(name, HeaderValue::from_str(value).unwrap());
        h
    }

    #[test]
    fn hosts() {
        for ok in [
            "127.0.0.1:8787",
            "localhost:8787",
            "LOCALHOST",
            "[::1]:8787",
            "127.9.9.9",
            "app.localhost:1",
        ] {
            assert!(host_allowed(&[], &with(header::HOST, ok)), "{ok}");
        }
        for bad in [
            "evil.example:8787",
            "127.0.0.1.evil.example",
            "localhost.evil.example",
            "[::2]:8787",
            "10.0.0.1",
        ] {
            assert!(!host_allowed(&[], &with(header::HOST, bad)), "{bad}");
        }
        assert!(host_allowed(
            &["m365.test".to_string()],
            &with(header::HOST, "m365.test:443")
        ));
    }

    #[test]
    fn control_requests() {
        let json = with(header::CONTENT_TYPE, "application/json; charset=utf-8");
        assert!(control_refusal(&Method::POST, &json).is_none());
        assert!(control_refusal(&Method::GET, &HeaderMap::new()).is_none());
        // A cross-origin "simple" request: no JSON content type.
        let plain = with(header::CONTENT_TYPE, "text/plain");
        assert!(control_refusal(&Method::POST, &plain).is_some());
        assert!(control_refusal(&Method::POST, &HeaderMap::new()).is_some());
        let mut foreign = json.clone();
        foreign.insert(
            header::ORIGIN,
            HeaderValue::from_static("https://evil.example"),
        );
        assert!(control_refusal(&Method::POST, &foreign).is_some());
        assert!(control_refusal(&Method::GET, &foreign).is_some());
        let mut local = json;
        local.insert(
            header::ORIGIN,
            HeaderValue::from_static("http://127.0.0.1:8080"),
        );
        assert!(control_refusal(&Method::POST, &local).is_none());
    }
}
