//! Request bodies as Graph and its upload URLs answer for them: read only after the request is
//! authenticated (see [`crate::bodies`]), and refused with Graph's errors — 413 over the route's
//! limit, 503 with `Retry-After` while too many large bodies are being read.

use axum::body::{Body, Bytes};
use axum::http::{header, HeaderMap, Method};

use super::content::{FRAGMENT_LIMIT, SIMPLE_UPLOAD_LIMIT};
use super::error::GraphError;
use crate::bodies::{read, Refused, SMALL_LIMIT};
use crate::state::Shared;

/// 503 while the large reads are all taken.
fn busy() -> GraphError {
    GraphError::new(
        503,
        "serviceNotAvailable",
        "The service is temporarily unavailable. Please retry after the time in the Retry-After header.",
    )
    .header(header::RETRY_AFTER, "1".to_string())
}

/// The body of an authenticated request: up to a simple upload's limit for `PUT …/content`,
/// [`crate::bodies::SMALL_LIMIT`] for anything else.
pub(super) async fn read_body(
    st: &Shared,
    method: &Method,
    path: &str,
    headers: &HeaderMap,
    body: Body,
) -> Result<Bytes, GraphError> {
    let upload = *method == Method::PUT && path.ends_with("/content");
    let limit = match upload {
        true => SIMPLE_UPLOAD_LIMIT,
        false => SMALL_LIMIT,
    };
    read(&st.bodies, headers, body, limit)
        .await
        .map_err(|refused| match refused {
            Refused::TooLarge if upload => GraphError::new(
                413,
                "invalidRequest",
                "The request body is too large for a simple upload; use an upload session.",
            )
            .inner("maxFileSizeExceeded"),
            Refused::TooLarge => {
                GraphError::new(413, "invalidRequest", "The request body is too large.")
            }
            Refused::Busy => busy(),
            Refused::Broken => GraphError::bad_request("The request body could not be read."),
        })
}

/// The body of a fragment sent to an open upload session: under 60 MiB.
pub(super) async fn read_fragment(
    st: &Shared,
    headers: &HeaderMap,
    body: Body,
) -> Result<Bytes, GraphError> {
    read(&st.bodies, headers, body, FRAGMENT_LIMIT)
        .await
        .map_err(|refused| match refused {
            Refused::TooLarge => {
                GraphError::new(413, "invalidRequest", "The fragment is larger than 60 MiB.")
                    .inner("maxFragmentLengthExceeded")
            }
            Refused::Busy => busy(),
            Refused::Broken => GraphError::bad_request("The fragment could not be read."),
        })
}
