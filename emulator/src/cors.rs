//! Cross-origin resource sharing, written once: each router names its [`Cors`] policy and wraps
//! itself in [`cors`] (`from_fn_with_state(policy, cors)`). The layer answers preflights (every
//! `OPTIONS`) before any handler runs, and adds `Access-Control-Allow-Origin: *` and the exposed
//! headers to the answers. The emulator never uses credentialed CORS, as Graph and the identity
//! platform do not: tokens travel in `Authorization`, never in cookies, across origins.

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// Which request headers a preflight grants.
#[derive(Clone, Debug)]
pub enum AllowHeaders {
    /// Those asked for that are on this comma-separated list; the rest are left out, so the
    /// browser refuses the request.
    Listed(&'static str),
    /// Whatever was asked for (the identity platform's token endpoint does this).
    Asked,
}

/// One router's CORS policy.
#[derive(Clone, Debug)]
pub struct Cors {
    /// `Access-Control-Allow-Methods` of a preflight.
    pub methods: &'static str,
    /// `Access-Control-Allow-Headers` of a preflight.
    pub allow_headers: AllowHeaders,
    /// `Access-Control-Expose-Headers` of an answer, if any (made once, with the router).
    pub expose: Option<HeaderValue>,
    /// `Access-Control-Max-Age` of a preflight, in seconds.
    pub max_age: u32,
    /// Whether answers to requests without `Origin` carry the headers too (discovery documents
    /// and download hosts send them to everyone; Graph only to cross-origin requests).
    pub always: bool,
}

/// The middleware: preflights answered here, other answers given the policy's headers.
pub async fn cors(State(policy): State<Cors>, req: Request, next: Next) -> Response {
    if req.method() == Method::OPTIONS {
        return preflight(&policy, req.headers());
    }
    let cross_origin = req.headers().contains_key(header::ORIGIN);
    let mut r = next.run(req).await;
    if cross_origin || policy.always {
        decorate(&policy, r.headers_mut());
    }
    r
}

fn decorate(policy: &Cors, h: &mut HeaderMap) {
    h.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    if let Some(v) = &policy.expose {
        h.insert(header::ACCESS_CONTROL_EXPOSE_HEADERS, v.clone());
    }
}

fn preflight(policy: &Cors, headers: &HeaderMap) -> Response {
    let mut r = StatusCode::OK.into_response();
    let h = r.headers_mut();
    h.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    h.insert(
        header::ACCESS_CONTROL_ALLOW_METHODS,
        HeaderValue::from_static(policy.methods),
    );
    let asked = headers
        .get(header::ACCESS_CONTROL_REQUEST_HEADERS)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if let Ok(v) = HeaderValue::from_str(&granted(&policy.allow_headers, asked)) {
        h.insert(header::ACCESS_CONTROL_ALLOW_HEADERS, v);
    }
    h.insert(header::ACCESS_CONTROL_MAX_AGE, policy.max_age.into());
    r
}

/// The headers of `asked` (a preflight's comma-separated list) that `allow` grants.
fn granted(allow: &AllowHeaders, asked: &str) -> String {
    let asked = asked.split(',').map(str::trim).filter(|a| !a.is_empty());
    match allow {
        AllowHeaders::Asked => {
            let all: Vec<&str> = asked.collect();
            if all.is_empty() {
                "content-type".to_string()
            } else {
                all.join(", ")
            }
        }
        AllowHeaders::Listed(list) => {
            let listed = |a: &str| list.split(',').any(|l| l.trim().eq_ignore_ascii_case(a));
            asked.filter(|a| listed(a)).collect::<Vec<_>>().join(", ")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_listed_policy_grants_only_what_is_on_its_list() {
        let allow = AllowHeaders::Listed("Authorization, Content-Type");
        assert_eq!(
            granted(&allow, "authorization, x-evil ,content-type"),
            "authorization, content-type"
        );
        assert_eq!(granted(&allow, ""), "");
    }

    #[test]
    fn an_asking_policy_grants_what_was_asked() {
        assert_eq!(granted(&AllowHeaders::Asked, "a, b"), "a, b");
        assert_eq!(granted(&AllowHeaders::Asked, ""), "content-type");
    }
}
