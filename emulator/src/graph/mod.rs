//! Microsoft Graph v1.0: OneDrive, SharePoint and Teams endpoints a picker uses.
//!
//! One handler takes every `/v1.0/...` request, runs faults and authentication, parses the path
//! (including path-addressed items like `root:/a/b:/children`) and dispatches.

pub mod batch;
mod bodies;
pub mod delta;
mod faulted;
pub mod files;
pub mod links;
pub mod odata;
pub mod persist;
pub mod render;
pub mod routes;
pub mod upload;
pub mod write;

use std::time::Duration as StdDuration;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};

use crate::faults;
use crate::identity::{self, AccessGrant};
use crate::store::User;
use crate::util::inner_error_date;
use crate::Shared;

/// Headers Graph lets browsers read (as Dev Proxy mirrors them).
const EXPOSE: &str = "ETag, Location, Preference-Applied, Content-Range, request-id, client-request-id, ReadWriteConsistencyToken, SdkVersion, WWW-Authenticate, x-ms-client-gcc-tenant";
const ALLOW_HEADERS: &str = "Authorization, Content-Type, client-request-id, SdkVersion, Retry-Attempt, Prefer, If-Match, If-None-Match, ConsistencyLevel, Range, x-emulator-fault";
const JSON_TYPE: &str = "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8";

/// A Graph error, rendered in the OData error envelope.
#[derive(Debug)]
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
}

/// The result type of Graph handlers.
pub type GraphResult = Result<Response, GraphError>;

/// Everything a handler needs about the current request.
pub struct Ctx {
    /// Shared state.
    pub st: Shared,
    /// The verified token.
    pub grant: AccessGrant,
    /// The signed-in user.
    pub user: User,
    /// HTTP method.
    pub method: Method,
    /// Request headers.
    pub headers: HeaderMap,
    /// Path after `/v1.0/`, raw (percent-encoded).
    pub path: String,
    /// Parsed query options.
    pub query: odata::QueryOptions,
    /// Request body.
    pub body: Bytes,
    /// Whether an empty page should come before the real one.
    pub empty_page: bool,
}

impl Ctx {
    /// Whether the token carries any of `scopes` (or a stronger one).
    pub fn has_any(&self, scopes: &[&str]) -> bool {
        self.grant
            .scopes
            .iter()
            .any(|g| scopes.iter().any(|s| identity::scopes::implies(g, s)))
    }

    /// Requires one of `scopes`, else 403 with `error`.
    pub fn require(&self, scopes: &[&str], error: fn() -> GraphError) -> Result<(), GraphError> {
        if self.has_any(scopes) {
            Ok(())
        } else {
            Err(error())
        }
    }
}

fn request_ids(headers: &HeaderMap) -> (String, String) {
    let request_id = uuid::Uuid::new_v4().to_string();
    let client = headers
        .get("client-request-id")
        .and_then(|v| v.to_str().ok())
        .map(String::from)
        .unwrap_or_else(|| request_id.clone());
    (request_id, client)
}

/// Adds the headers every Graph response carries, and CORS when the request has an Origin.
pub fn finish(
    mut r: Response,
    st: &Shared,
    req_headers: &HeaderMap,
    ids: &(String, String),
) -> Response {
    let h = r.headers_mut();
    let set = |h: &mut HeaderMap, k: &str, v: &str| {
        if let (Ok(k), Ok(v)) = (HeaderName::try_from(k), HeaderValue::from_str(v)) {
            h.insert(k, v);
        }
    };
    set(h, "request-id", &ids.0);
    set(h, "client-request-id", &ids.1);
    set(
        h,
        "x-ms-ags-diagnostic",
        r#"{"ServerInfo":{"DataCenter":"Offline","Slice":"E","Ring":"0","ScaleUnit":"000","RoleInstance":"EMULATOR"}}"#,
    );
    set(h, "strict-transport-security", "max-age=31536000");
    set(h, "odata-version", "4.0");
    if !h.contains_key(header::CACHE_CONTROL) {
        set(h, "cache-control", "no-store, no-cache");
    }
    set(
        h,
        "date",
        &chrono::Utc::now()
            .format("%a, %d %b %Y %H:%M:%S GMT")
            .to_string(),
    );
    if req_headers.contains_key(header::ORIGIN) {
        set(h, "access-control-allow-origin", "*");
        let expose = if st.settings.faults.hide_retry_after {
            EXPOSE.to_string()
        } else {
            format!("{EXPOSE}, Retry-After")
        };
        set(h, "access-control-expose-headers", &expose);
    }
    r
}

/// A JSON response in Graph's content type.
pub fn json_response(status: StatusCode, body: &Value) -> Response {
    let mut r = (status, body.to_string()).into_response();
    r.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(JSON_TYPE));
    r
}

fn error_response(e: GraphError, st: &Shared, ids: &(String, String)) -> Response {
    let mut inner = json!({
        "date": inner_error_date(st.clock.now()),
        "request-id": ids.0,
        "client-request-id": ids.1,
    });
    if let Some(code) = &e.inner {
        inner["code"] = json!(code);
    }
    let body = json!({"error": {"code": e.code, "message": e.message, "innerError": inner}});
    let mut r = json_response(e.status, &body);
    for (k, v) in e.headers {
        if let Ok(v) = HeaderValue::from_str(&v) {
            r.headers_mut().insert(k, v);
        }
    }
    r
}

/// `OPTIONS` preflight for Graph and the file hosts.
pub fn preflight(headers: &HeaderMap, allow_headers: &str) -> Response {
    let mut r = StatusCode::OK.into_response();
    let h = r.headers_mut();
    h.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    h.insert(
        header::ACCESS_CONTROL_ALLOW_METHODS,
        HeaderValue::from_static("GET, POST, PUT, PATCH, DELETE, OPTIONS"),
    );
    // Allow what was asked for when it is on the list; leave the rest out so the browser refuses.
    let allowed: Vec<String> = allow_headers
        .split(',')
        .map(|s| s.trim().to_ascii_lowercase())
        .collect();
    let asked = headers
        .get(header::ACCESS_CONTROL_REQUEST_HEADERS)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let granted: Vec<&str> = asked
        .split(',')
        .map(str::trim)
        .filter(|a| !a.is_empty() && allowed.contains(&a.to_ascii_lowercase()))
        .collect();
    if let Ok(v) = HeaderValue::from_str(&granted.join(", ")) {
        h.insert(header::ACCESS_CONTROL_ALLOW_HEADERS, v);
    }
    h.insert(
        header::ACCESS_CONTROL_MAX_AGE,
        HeaderValue::from_static("3600"),
    );
    r
}

fn unauthorized(st: &Shared, message: &str, claims: Option<String>) -> GraphError {
    let mut www = format!(
        "Bearer realm=\"\", authorization_uri=\"{}/common/oauth2/authorize\", client_id=\"00000003-0000-0000-c000-000000000000\"",
        st.identity_base
    );
    if let Some(c) = claims {
        www.push_str(&format!(", error=\"insufficient_claims\", claims=\"{c}\""));
    }
    GraphError::new(401, "InvalidAuthenticationToken", message)
        .header(header::WWW_AUTHENTICATE, www)
}

/// Entry point for `/v1.0/{*path}`.
pub async fn dispatch(
    State(st): State<Shared>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: axum::body::Body,
) -> Response {
    if method == Method::OPTIONS {
        return finish(
            preflight(&headers, ALLOW_HEADERS),
            &st,
            &headers,
            &request_ids(&headers),
        );
    }
    let ids = request_ids(&headers);
    let path = uri.path().strip_prefix("/v1.0/").unwrap_or("").to_string();
    let plan = {
        let mut rules = st.fault_rules.lock();
        let header = headers
            .get("x-emulator-fault")
            .and_then(|v| v.to_str().ok());
        faults::plan(
            &st.settings.faults,
            &mut rules,
            header,
            method.as_str(),
            uri.path(),
        )
    };
    if plan.latency_ms > 0 {
        tokio::time::sleep(StdDuration::from_millis(plan.latency_ms)).await;
    }
    st.graph_requests
        .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    // The token first: no body is read for a request that has none.
    let result = match identity::verify_access(&st, auth(&headers)) {
        Err(p) => Err(unauthorized(&st, p.message(), None)),
        Ok(grant) => match bodies::read_body(&st, &method, &path, &headers, body).await {
            Err(e) => Err(e),
            Ok(body) if path == "$batch" && method == Method::POST => {
                batch::batch(&st, &headers, &body).await
            }
            Ok(body) => run(&st, grant, method, &uri, &headers, body, &plan).await,
        },
    };
    let r = match result {
        Ok(r) => faulted::garble(r, &plan).await,
        Err(e) => error_response(e, &st, &ids),
    };
    finish(r, &st, &headers, &ids)
}

fn auth(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
}

async fn run(
    st: &Shared,
    grant: AccessGrant,
    method: Method,
    uri: &Uri,
    headers: &HeaderMap,
    body: Bytes,
    plan: &faults::Plan,
) -> GraphResult {
    let path = uri.path().strip_prefix("/v1.0/").unwrap_or("").to_string();
    if let Some(answer) = faulted::answer(st, &grant, plan) {
        return answer;
    }
    let user = st
        .store
        .read()
        .user(&grant.user_id)
        .cloned()
        .ok_or_else(|| GraphError::new(404, "Request_ResourceNotFound", "Resource does not exist or one of its queried reference-property objects are not present."))?;
    let query = odata::QueryOptions::parse(uri.query().unwrap_or(""))?;
    let ctx = Ctx {
        st: st.clone(),
        grant,
        user,
        method,
        headers: headers.clone(),
        path,
        query,
        body,
        empty_page: plan.empty_page,
    };
    routes::route(&ctx)
}
