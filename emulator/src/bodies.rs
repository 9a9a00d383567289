//! Request bodies, read only when a request has earned it. Any page the developer's browser
//! opens can send the emulator requests, so a body is read after the request is authenticated
//! (Graph: the bearer token; an upload URL: an open session), up to a limit that fits the route
//! (a simple upload's 250 MiB, a fragment's 60 MiB, 4 MiB for anything else), and at most
//! [`LARGE_READS`] bodies over 4 MiB are held at once: more answer 503 with `Retry-After`.
//! Routes that take no large body (sign-in, tokens, control) keep axum's extractors under the
//! small limit (`DefaultBodyLimit`).

use axum::body::{Body, Bytes};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use tokio::sync::{Semaphore, SemaphorePermit};

/// The largest body of any route but uploads (a `$batch` of 20 requests fits easily).
pub const SMALL_LIMIT: usize = 4 * 1024 * 1024;
/// How many bodies over [`SMALL_LIMIT`] may be read at once.
pub const LARGE_READS: usize = 2;

/// The reads of large bodies in progress (one per [`AppState`](crate::AppState)).
pub struct Budget(Semaphore);

impl Default for Budget {
    fn default() -> Self {
        Budget(Semaphore::new(LARGE_READS))
    }
}

/// Why a body was not read.
#[derive(Debug, PartialEq, Eq)]
pub enum Refused {
    /// Over the route's limit (by its `Content-Length`, or as it arrived).
    TooLarge,
    /// Too many large bodies are being read: try again shortly.
    Busy,
    /// The connection failed while the body arrived.
    Broken,
}

/// The declared length, when the request has a readable `Content-Length`.
fn declared(headers: &HeaderMap) -> Option<u64> {
    headers
        .get(header::CONTENT_LENGTH)?
        .to_str()
        .ok()?
        .trim()
        .parse()
        .ok()
}

/// Refuses at once (413) a request whose declared length passes [`SMALL_LIMIT`], except on the
/// routes that read their bodies themselves (Graph's `/v1.0/…` and upload URLs): axum's
/// `DefaultBodyLimit` would only notice once 4 MiB had arrived.
pub async fn small_only(req: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let path = req.uri().path();
    let own = path.starts_with("/v1.0/") || path.starts_with("/_upload/");
    if !own && declared(req.headers()).is_some_and(|n| n > SMALL_LIMIT as u64) {
        return (
            StatusCode::PAYLOAD_TOO_LARGE,
            "The request body is too large.",
        )
            .into_response();
    }
    next.run(req).await
}

/// Reads `body` (at most `limit` bytes), holding one of the large reads while it does when it
/// may pass [`SMALL_LIMIT`].
pub async fn read(
    budget: &Budget,
    headers: &HeaderMap,
    body: Body,
    limit: usize,
) -> Result<Bytes, Refused> {
    let length = declared(headers);
    if length.is_some_and(|n| n > limit as u64) {
        return Err(Refused::TooLarge);
    }
    let large = limit > SMALL_LIMIT && length.is_none_or(|n| n > SMALL_LIMIT as u64);
    let _permit: Option<SemaphorePermit> = match large {
        true => Some(budget.0.try_acquire().map_err(|_| Refused::Busy)?),
        false => None,
    };
    axum::body::to_bytes(body, limit).await.map_err(|e| {
        let too_large = std::error::Error::source(&e)
            .is_some_and(|s| s.is::<http_body_util::LengthLimitError>());
        if too_large {
            Refused::TooLarge
        } else {
            Refused::Broken
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(length: Option<&str>) -> HeaderMap {
        let mut h = HeaderMap::new();
        if let Some(l) = length {
            h.insert(header::CONTENT_LENGTH, l.parse().unwrap());
        }
        h
    }

    #[tokio::test]
    async fn bodies_are_bounded_by_length_and_by_reads_at_once() {
        let budget = Budget::default();
        let small = read(&budget, &headers(Some("5")), Body::from("hello"), 10).await;
        assert_eq!(small.unwrap(), Bytes::from("hello"));
        let declared_over = read(&budget, &headers(Some("11")), Body::from("x"), 10).await;
        assert_eq!(declared_over, Err(Refused::TooLarge));
        let arrived_over = read(&budget, &headers(None), Body::from("x".repeat(11)), 10).await;
        assert_eq!(arrived_over, Err(Refused::TooLarge));
        // Large reads at once are bounded; a small body never waits for them.
        let held: Vec<_> = (0..LARGE_READS)
            .map(|_| budget.0.try_acquire().unwrap())
            .collect();
        let big = SMALL_LIMIT * 2;
        let busy = read(&budget, &headers(None), Body::from("x"), big).await;
        assert_eq!(busy, Err(Refused::Busy));
        let fits = read(&budget, &headers(Some("1")), Body::from("x"), big).await;
        assert_eq!(fits.unwrap(), Bytes::from("x"));
        drop(held);
        let now = read(&budget, &headers(None), Body::from("x"), big).await;
        assert_eq!(now.unwrap(), Bytes::from("x"));
    }
}
