//! Graph errors: status, Graph's code and request id kept, classified by what can be done.

use std::fmt;

use serde::Deserialize;

use crate::auth::{AuthError, ErrorAction};
use crate::http::HttpResponse;

/// A failed Graph call.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GraphError {
    /// Graph answered with an error.
    Service {
        /// HTTP status.
        status: u16,
        /// `error.code` (the most specific known code is in `inner`).
        code: String,
        /// `error.innerError.code`, when given.
        inner: Option<String>,
        /// `error.message` (for developers).
        message: String,
        /// `request-id`, for support.
        request_id: Option<String>,
        /// Seconds to wait (`Retry-After`), when throttled and readable.
        retry_after: Option<u32>,
    },
    /// Getting a token failed.
    Auth(AuthError),
    /// The request did not complete (offline, dropped connection, CORS).
    Network(String),
    /// The answer could not be read.
    InvalidResponse(String),
    /// The request was cancelled (the component went away).
    Aborted,
    /// A file chosen for upload could not be read (moved, changed or removed since).
    Unreadable(String),
    /// A response pointed at a URL off the Graph origin (or not https): it was not followed, and
    /// the token was not sent there.
    UntrustedLink,
}

#[derive(Deserialize)]
struct Envelope {
    error: Body,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Body {
    #[serde(default)]
    code: String,
    #[serde(default)]
    message: String,
    #[serde(default)]
    inner_error: Option<Inner>,
}

#[derive(Deserialize)]
struct Inner {
    #[serde(default)]
    code: Option<String>,
    #[serde(default, rename = "request-id")]
    request_id: Option<String>,
}

impl GraphError {
    /// Reads an error response (any non-2xx).
    pub fn from_response(r: &HttpResponse) -> GraphError {
        let retry_after = r.header("retry-after").and_then(|v| v.trim().parse().ok());
        let header_id = r.header("request-id").map(String::from);
        match serde_json::from_str::<Envelope>(&r.body) {
            Ok(e) => GraphError::Service {
                status: r.status,
                code: e.error.code,
                inner: e.error.inner_error.as_ref().and_then(|i| i.code.clone()),
                message: e.error.message,
                request_id: header_id.or(e.error.inner_error.and_then(|i| i.request_id)),
                retry_after,
            },
            Err(_) => GraphError::Service {
                status: r.status,
                code: format!("http{}", r.status),
                inner: None,
                message: String::new(),
                request_id: header_id,
                retry_after,
            },
        }
    }

    /// A request that got no answer: aborted by us, or a network failure.
    pub fn from_send(reason: String) -> GraphError {
        match reason.as_str() {
            "aborted" => GraphError::Aborted,
            _ => GraphError::Network(reason),
        }
    }

    /// The HTTP status, when Graph answered.
    pub fn status(&self) -> Option<u16> {
        match self {
            GraphError::Service { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// Whether retrying after a pause may help (throttling, outages, dropped connections).
    pub fn is_transient(&self) -> bool {
        matches!(self.status(), Some(429 | 500 | 502 | 503 | 504))
            || matches!(self, GraphError::Network(_))
    }

    /// What can be done.
    pub fn action(&self) -> ErrorAction {
        match self {
            GraphError::Auth(a) => a.action(),
            GraphError::Service { status: 401, .. } => ErrorAction::SignInAgain,
            _ if self.is_transient() => ErrorAction::Retry,
            GraphError::Aborted | GraphError::InvalidResponse(_) => ErrorAction::Retry,
            _ => ErrorAction::GiveUp,
        }
    }
}

/// For developers: status, Graph's code and request id, or the reason. What users see comes
/// from the picker's message table.
impl fmt::Display for GraphError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GraphError::Service {
                status,
                code,
                request_id,
                ..
            } => write!(
                f,
                "graph {status} {code} (request-id {})",
                request_id.as_deref().unwrap_or("none")
            ),
            GraphError::Auth(a) => write!(f, "token: {a}"),
            GraphError::Network(why) => write!(f, "network: {why}"),
            GraphError::InvalidResponse(why) => write!(f, "unreadable answer: {why}"),
            GraphError::Aborted => f.write_str("aborted"),
            GraphError::UntrustedLink => f.write_str("untrusted link"),
            GraphError::Unreadable(why) => write!(f, "unreadable file: {why}"),
        }
    }
}

impl std::error::Error for GraphError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_envelope_and_headers() {
        let r = HttpResponse {
            status: 429,
            headers: vec![("retry-after".into(), "7".into()), ("request-id".into(), "rid-1".into())],
            body: r#"{"error":{"code":"activityLimitReached","message":"throttled","innerError":{"code":"throttledRequest","date":"2024-01-01T00:00:00","request-id":"rid-2"}}}"#.into(),
        };
        let e = GraphError::from_response(&r);
        assert_eq!(
            e,
            GraphError::Service {
                status: 429,
                code: "activityLimitReached".into(),
                inner: Some("throttledRequest".into()),
                message: "throttled".into(),
                request_id: Some("rid-1".into()),
                retry_after: Some(7)
            }
        );
        assert_eq!(e.action(), ErrorAction::Retry);
    }

    #[test]
    fn non_json_errors_still_classify() {
        let r = HttpResponse {
            status: 502,
            headers: vec![],
            body: "<html>Bad gateway</html>".into(),
        };
        assert!(GraphError::from_response(&r).is_transient());
        let denied = HttpResponse {
            status: 403,
            headers: vec![],
            body: r#"{"error":{"code":"accessDenied","message":"Access denied"}}"#.into(),
        };
        assert_eq!(
            GraphError::from_response(&denied).action(),
            ErrorAction::GiveUp
        );
        assert_eq!(
            GraphError::from_response(&HttpResponse {
                status: 401,
                headers: vec![],
                body: String::new()
            })
            .action(),
            ErrorAction::SignInAgain
        );
    }
}
