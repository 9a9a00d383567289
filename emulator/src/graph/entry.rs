//! The `/v1.0/{*path}` handler — faults, the token, the body, then `$batch` or the route — and
//! the envelope layer that gives every Graph answer its headers and renders a [`GraphError`]
//! with the request's ids.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, Method, Uri};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::error::{GraphError, RequestIds};
use super::exec::{self, run};
use super::{batch, bodies, faulted};
use crate::state::Shared;

/// Headers Graph lets browsers read (as Dev Proxy mirrors them).
pub const EXPOSE: &str = "ETag, Location, Preference-Applied, Content-Range, request-id, client-request-id, ReadWriteConsistencyToken, SdkVersion, WWW-Authenticate, x-ms-client-gcc-tenant";
/// Request headers a Graph preflight grants.
pub const ALLOW_HEADERS: &str = "Authorization, Content-Type, client-request-id, SdkVersion, Retry-Attempt, Prefer, If-Match, If-None-Match, ConsistencyLevel, Range, x-emulator-fault";

/// `/v1.0/{*path}`, every method.
pub async fn graph(
    State(st): State<Shared>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let path = uri.path().strip_prefix("/v1.0/").unwrap_or("").to_string();
    let plan = faulted::plan(&st, &method, uri.path(), &headers).await;
    st.graph_requests
        .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let result = async {
        // The token first: no body is read for a request that has none.
        let grant = exec::verify(&st, &headers)?;
        let body = bodies::read_body(&st, &method, &path, &headers, body).await?;
        if path == "$batch" && method == Method::POST {
            return batch::batch(&st, &headers, &body).await;
        }
        let req = exec::Request {
            grant,
            method,
            uri: &uri,
            headers: &headers,
            body,
        };
        run(&st, req, &plan).await
    };
    match result.await {
        Ok(r) => faulted::garble(r, &plan).await,
        Err(e) => e.into_response(),
    }
}

/// The layer around Graph's routes: renders an error with the request's ids and adds the
/// headers every Graph answer carries.
pub async fn envelope(State(st): State<Shared>, req: Request, next: Next) -> Response {
    let ids = RequestIds::new(req.headers());
    let mut r = next.run(req).await;
    if let Some(e) = r.extensions_mut().remove::<GraphError>() {
        r = e.render(st.clock.now(), &ids);
    }
    graph_headers(r.headers_mut(), &ids);
    r
}

fn graph_headers(h: &mut HeaderMap, ids: &RequestIds) {
    let mut set = |k: &str, v: &str| {
        if let (Ok(k), Ok(v)) = (HeaderName::try_from(k), HeaderValue::from_str(v)) {
            h.insert(k, v);
        }
    };
    set("request-id", &ids.request);
    set("client-request-id", &ids.client);
    set(
        "x-ms-ags-diagnostic",
        r#"{"ServerInfo":{"DataCenter":"Offline","Slice":"E","Ring":"0","ScaleUnit":"000","RoleInstance":"EMULATOR"}}"#,
    );
    set("strict-transport-security", "max-age=31536000");
    set("odata-version", "4.0");
    set(
        "date",
        &chrono::Utc::now()
            .format("%a, %d %b %Y %H:%M:%S GMT")
            .to_string(),
    );
    if !h.contains_key(header::CACHE_CONTROL) {
        h.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store, no-cache"),
        );
    }
}
