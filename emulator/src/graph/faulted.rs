//! Faults that replace or change Graph's answer: throttling and outages, server errors, a
//! dropped connection, expired tokens and claims challenges (before routing), and truncated or
//! malformed bodies (after).

use axum::body::{Body, Bytes};
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::response::Response;
use serde_json::json;

use super::error::{GraphError, GraphResult, JSON_TYPE};
use crate::faults::{FaultKind, Plan};
use crate::identity::{self, AccessGrant};
use crate::state::Shared;
use crate::util::b64;

/// The faults planned for a request of `method` to `path` (scripted rules, the
/// `x-emulator-fault` header, random ones), after the latency they add.
pub(super) async fn plan(st: &Shared, method: &Method, path: &str, headers: &HeaderMap) -> Plan {
    let plan = {
        let mut rules = st.fault_rules.lock();
        let header = headers
            .get("x-emulator-fault")
            .and_then(|v| v.to_str().ok());
        let faults = &st.settings.faults;
        crate::faults::plan(faults, &mut rules, header, method.as_str(), path)
    };
    if plan.latency_ms > 0 {
        tokio::time::sleep(std::time::Duration::from_millis(plan.latency_ms)).await;
    }
    plan
}

/// What a planned fault does to an upload URL's request: an error before the fragment is
/// taken (throttling, outage, server error), or `Ok(true)` to take it and then drop the
/// connection (the answer is lost, the bytes are not).
pub(super) fn upload_fault(plan: &Plan) -> Result<bool, GraphError> {
    match plan.fault {
        Some((FaultKind::Throttle, 503, retry)) | Some((FaultKind::Unavailable, _, retry)) => {
            Err(unavailable(retry))
        }
        Some((FaultKind::Throttle, _, retry)) => Err(GraphError::new(
            429,
            "activityLimitReached",
            "The request has been throttled",
        )
        .inner("throttledRequest")
        .header(header::RETRY_AFTER, retry.to_string())),
        Some((FaultKind::ServerError, ..)) => Err(GraphError::new(
            500,
            "generalException",
            "An unspecified error has occurred.",
        )),
        Some((FaultKind::Drop, ..)) => Ok(true),
        _ => Ok(false),
    }
}

/// The answer a planned fault gives instead of the real one, if it replaces it.
pub(super) fn answer(st: &Shared, grant: &AccessGrant, plan: &Plan) -> Option<GraphResult> {
    let (kind, status, retry) = plan.fault?;
    Some(match kind {
        FaultKind::Throttle if status == 503 => Err(unavailable(retry)),
        FaultKind::Throttle => Err(GraphError::new(
            429,
            "activityLimitReached",
            "The request has been throttled",
        )
        .inner("throttledRequest")
        .header(header::RETRY_AFTER, retry.to_string())),
        FaultKind::Unavailable => Err(unavailable(retry)),
        FaultKind::ServerError => Err(GraphError::new(
            500,
            "generalException",
            "An unspecified error has occurred.",
        )),
        FaultKind::Drop => Ok(dropped()),
        FaultKind::ExpiredToken => Err(GraphError::unauthorized(
            &st.identity_base,
            identity::TokenProblem::Expired.message(),
            None,
        )),
        FaultKind::ClaimsChallenge => {
            let now = st.clock.now().timestamp();
            let claims = grant.cp1.then(|| {
                b64(
                    json!({"access_token": {"nbf": {"essential": true, "value": now.to_string()}}})
                        .to_string(),
                )
            });
            let message = if claims.is_some() {
                "Continuous access evaluation resulted in challenge with result: InteractionRequired and code: TokenCreatedWithOutdatedPolicies"
            } else {
                identity::TokenProblem::Expired.message()
            };
            Err(GraphError::unauthorized(&st.identity_base, message, claims))
        }
        // These change the real answer afterwards (see `garble`).
        FaultKind::Latency | FaultKind::EmptyPage | FaultKind::Truncated | FaultKind::Malformed => {
            return None
        }
    })
}

/// A response whose body breaks off after the headers: the client sees a network error.
pub(super) fn dropped() -> Response {
    let stream = futures_stream_error();
    Response::builder()
        .status(StatusCode::OK)
        .header(header::CONTENT_TYPE, JSON_TYPE)
        .header(header::CONTENT_LENGTH, "4096")
        .body(stream)
        .unwrap()
}

fn futures_stream_error() -> Body {
    let chunks: Vec<Result<Bytes, std::io::Error>> = vec![
        Ok(Bytes::from_static(b"{\"value\":[")),
        Err(std::io::Error::new(
            std::io::ErrorKind::ConnectionReset,
            "fault: connection dropped",
        )),
    ];
    Body::from_stream(tokio_stream_iter(chunks))
}

fn tokio_stream_iter(
    items: Vec<Result<Bytes, std::io::Error>>,
) -> impl futures_core::Stream<Item = Result<Bytes, std::io::Error>> + Send {
    struct Iter(std::vec::IntoIter<Result<Bytes, std::io::Error>>);
    impl futures_core::Stream for Iter {
        type Item = Result<Bytes, std::io::Error>;
        fn poll_next(
            mut self: std::pin::Pin<&mut Self>,
            _: &mut std::task::Context<'_>,
        ) -> std::task::Poll<Option<Self::Item>> {
            std::task::Poll::Ready(self.0.next())
        }
    }
    Iter(items.into_iter())
}

/// Applies a `truncated` or `malformed` fault to a successful answer.
pub(super) async fn garble(r: Response, plan: &Plan) -> Response {
    let kind = match plan.fault {
        Some((k @ (FaultKind::Truncated | FaultKind::Malformed), ..)) => k,
        _ => return r,
    };
    let (mut parts, body) = r.into_parts();
    let bytes = axum::body::to_bytes(body, usize::MAX)
        .await
        .unwrap_or_default();
    let garbled = match kind {
        FaultKind::Truncated => bytes.slice(..bytes.len() / 2),
        _ => Bytes::from_static(b"<html><body>Upstream proxy error</body></html>"),
    };
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(garbled))
}

fn unavailable(retry: u64) -> GraphError {
    GraphError::new(
        503,
        "serviceNotAvailable",
        "The service is temporarily unavailable. Please retry later.",
    )
    .header(header::RETRY_AFTER, retry.to_string())
}
