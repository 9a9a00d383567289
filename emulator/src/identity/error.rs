//! The identity platform's errors: [`AadError`], the JSON body `/token` and the discovery
//! endpoints answer with (`error`, `error_description` with its AADSTS code, trace and
//! correlation ids, `error_codes`, `timestamp`, `error_uri`), and the [`Ids`] it names.

use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::{DateTime, Utc};
use serde_json::json;

use super::tenants::tenant_known;
use crate::state::Shared;
use crate::util::aad_timestamp;

/// An error of the identity platform's endpoints, as Entra writes it.
#[derive(Debug)]
pub struct AadError {
    status: StatusCode,
    body: serde_json::Value,
}

impl AadError {
    /// An error with `status`, the OAuth `error`, the AADSTS `code` and its text (which starts
    /// with `AADSTS{code}: `), and an optional `suberror`.
    pub fn new(
        st: &Shared,
        ids: &Ids,
        status: StatusCode,
        error: &str,
        code: u32,
        text_with_code: &str,
    ) -> Self {
        let now = st.clock.now();
        let body = json!({
            "error": error,
            "error_description": aad_description_raw(text_with_code, ids, now),
            "error_codes": [code],
            "timestamp": aad_timestamp(now),
            "trace_id": ids.trace,
            "correlation_id": ids.correlation,
            "error_uri": format!("{}/error?code={code}", st.identity_base),
        });
        AadError { status, body }
    }

    /// A `400` whose text is `AADSTS{code}: {text}`.
    pub fn bad(st: &Shared, ids: &Ids, error: &str, code: u32, text: &str) -> Self {
        let text = format!("AADSTS{code}: {text}");
        AadError::new(st, ids, StatusCode::BAD_REQUEST, error, code, &text)
    }

    /// Adds Entra's `suberror` (`consent_required`, `bad_token`…).
    pub fn suberror(mut self, suberror: &str) -> Self {
        self.body["suberror"] = json!(suberror);
        self
    }
}

impl IntoResponse for AadError {
    fn into_response(self) -> Response {
        let mut r = (self.status, Json(self.body)).into_response();
        r.headers_mut().insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store, no-cache"),
        );
        r
    }
}

/// Nothing, when a tenant answers to the authority's tenant segment; else AADSTS90002.
pub fn known_tenant(st: &Shared, tenant: &str, ids: &Ids) -> Result<(), AadError> {
    if tenant_known(tenant, &st.store.read()) {
        return Ok(());
    }
    Err(AadError::bad(st, ids, "invalid_tenant", 90002, &format!("Tenant '{tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.")))
}

/// The ids an identity error names, in its fields and its text alike: a fresh `trace_id`, and a
/// `correlation_id` that echoes the caller's `client-request-id` (a GUID), as Entra's does.
pub struct Ids {
    trace: String,
    correlation: String,
}

impl Ids {
    /// Ids for a request that sent `client_request_id` (or none).
    pub(crate) fn new(client_request_id: Option<&str>) -> Ids {
        let correlation = client_request_id
            .and_then(|v| uuid::Uuid::parse_str(v.trim()).ok())
            .unwrap_or_else(uuid::Uuid::new_v4);
        Ids {
            trace: uuid::Uuid::new_v4().to_string(),
            correlation: correlation.to_string(),
        }
    }

    /// Ids for a request with these headers and this query: MSAL.js sends `client-request-id`
    /// as a query parameter of `/token` (a header would need a preflight), other clients as a
    /// header.
    pub(crate) fn from_request(headers: &HeaderMap, query: Option<&str>) -> Ids {
        let header = headers
            .get("client-request-id")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        let in_query = || {
            form_urlencoded::parse(query.unwrap_or("").as_bytes())
                .find(|(k, _)| k == "client-request-id")
                .map(|(_, v)| v.into_owned())
        };
        Ids::new(header.or_else(in_query).as_deref())
    }
}

pub(crate) fn aad_description_raw(text_with_code: &str, ids: &Ids, now: DateTime<Utc>) -> String {
    format!(
        "{text_with_code} Trace ID: {} Correlation ID: {} Timestamp: {}",
        ids.trace,
        ids.correlation,
        aad_timestamp(now)
    )
}

pub(crate) fn aad_description(code: u32, text: &str, now: DateTime<Utc>) -> String {
    aad_description_raw(&format!("AADSTS{code}: {text}"), &Ids::new(None), now)
}
