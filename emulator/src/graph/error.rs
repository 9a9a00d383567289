//! Graph's errors: [`GraphError`] in the OData error envelope, and Graph's JSON content type.
//! A handler returns `Err(GraphError)`; as a response it travels to the Graph router's envelope
//! layer (`entry::envelope`), which writes the body with the request's ids and the
//! emulator's clock.

use axum::http::{header, HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};

use chrono::{DateTime, Utc};

use crate::util::inner_error_date;

/// Graph's JSON content type.
pub const JSON_TYPE: &str = "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8";

/// A Graph error, rendered in the OData error envelope.
#[derive(Clone, Debug)]
pub struct GraphError {
    /// HTTP status.
    pub status: StatusCode,
    /// `error.code`.
    pub code: String,
    /// `error.message`.
    pub message: String,
    /// A more specific nested `innerError.code`.
    pub inner: Option<String>,
    /// Extra response headers (Retry-After, WWW-Authenticate…).
    pub headers: Vec<(HeaderName, String)>,
}

impl GraphError {
    /// An error with the given status, code and message.
    pub fn new(status: u16, code: &str, message: impl Into<String>) -> Self {
        GraphError {
            status: StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            code: code.into(),
            message: message.into(),
            inner: None,
            headers: vec![],
        }
    }

    /// Adds a nested inner error code.
    pub fn inner(mut self, code: &str) -> Self {
        self.inner = Some(code.into());
        self
    }

    /// Adds a response header.
    pub fn header(mut self, name: HeaderName, value: impl Into<String>) -> Self {
        self.headers.push((name, value.into()));
        self
    }

    /// 404 itemNotFound.
    pub fn not_found() -> Self {
        GraphError::new(404, "itemNotFound", "The resource could not be found.")
    }

    /// 403 accessDenied.
    pub fn access_denied() -> Self {
        GraphError::new(403, "accessDenied", "Access denied")
    }

    /// 400 invalidRequest.
    pub fn bad_request(message: impl Into<String>) -> Self {
        GraphError::new(400, "invalidRequest", message)
    }

    /// The message with `{scopes}` replaced by the token's scopes.
    pub fn with_scopes(mut self, scopes: &[String]) -> Self {
        self.message = self.message.replace("{scopes}", &scopes.join(" "));
        self
    }

    /// 400 for a path segment Graph does not know.
    pub fn segment(seg: &str) -> Self {
        GraphError::new(
            400,
            "BadRequest",
            format!("Resource not found for the segment '{seg}'."),
        )
    }

    /// 405 for a method the resource does not take.
    pub fn method_not_allowed() -> Self {
        GraphError::new(
            405,
            "BadRequest",
            "The requested resource does not support the HTTP method.",
        )
    }

    /// 401 with the `WWW-Authenticate` challenge Graph sends (and a claims challenge).
    /// `identity_base` is the identity platform's base URL.
    pub fn unauthorized(identity_base: &str, message: &str, claims: Option<String>) -> Self {
        let mut www = format!(
            "Bearer realm=\"\", authorization_uri=\"{}/common/oauth2/authorize\", client_id=\"00000003-0000-0000-c000-000000000000\"",
            identity_base
        );
        if let Some(c) = claims {
            www.push_str(&format!(", error=\"insufficient_claims\", claims=\"{c}\""));
        }
        GraphError::new(401, "InvalidAuthenticationToken", message)
            .header(header::WWW_AUTHENTICATE, www)
    }

    /// The error as Graph answers it: the envelope with `innerError`'s date and the request's
    /// ids (`request-id`, `client-request-id`), at `now`.
    pub fn render(self, now: DateTime<Utc>, ids: &RequestIds) -> Response {
        let mut inner = json!({
            "date": inner_error_date(now),
            "request-id": ids.request,
            "client-request-id": ids.client,
        });
        if let Some(code) = &self.inner {
            inner["code"] = json!(code);
        }
        let body =
            json!({"error": {"code": self.code, "message": self.message, "innerError": inner}});
        let mut r = json_response(self.status, &body);
        for (k, v) in self.headers {
            if let Ok(v) = HeaderValue::from_str(&v) {
                r.headers_mut().insert(k, v);
            }
        }
        r
    }
}

/// A response that still has to be rendered with the request's ids: the status now, the body
/// by the envelope layer, which finds the error among the response's extensions.
impl IntoResponse for GraphError {
    fn into_response(self) -> Response {
        let mut r = self.status.into_response();
        r.extensions_mut().insert(self);
        r
    }
}

/// The ids a Graph answer names: its own `request-id`, and the caller's `client-request-id`
/// (or the request id again).
#[derive(Clone, Debug)]
pub struct RequestIds {
    /// `request-id`.
    pub request: String,
    /// `client-request-id`.
    pub client: String,
}

impl RequestIds {
    /// Fresh ids for a request with these headers.
    pub fn new(headers: &axum::http::HeaderMap) -> Self {
        let request = uuid::Uuid::new_v4().to_string();
        let client = headers
            .get("client-request-id")
            .and_then(|v| v.to_str().ok())
            .map(String::from)
            .unwrap_or_else(|| request.clone());
        RequestIds { request, client }
    }
}

/// The result type of Graph handlers.
pub type GraphResult = Result<Response, GraphError>;

/// A JSON response in Graph's content type.
pub fn json_response(status: StatusCode, body: &Value) -> Response {
    let mut r = (status, body.to_string()).into_response();
    r.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(JSON_TYPE));
    r
}
