//! Running one authenticated Graph request: the faults that answer before routing, the
//! signed-in user, the query options, and the route. The `/v1.0` handler and each request of a
//! `$batch` run through here.

use axum::body::Bytes;
use axum::http::{header, HeaderMap, Method, Uri};

use super::ctx::Ctx;
use super::error::{GraphError, GraphResult};
use super::{faulted, odata, routes};
use crate::faults::Plan;
use crate::identity::{self, AccessGrant};
use crate::state::Shared;

/// The access token of a request with these headers, verified.
pub fn verify(st: &Shared, headers: &HeaderMap) -> Result<AccessGrant, GraphError> {
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok());
    identity::verify_access(st, bearer)
        .map_err(|p| GraphError::unauthorized(&st.identity_base, p.message(), None))
}

/// One request, as `grant`'s holder sent it.
pub struct Request<'a> {
    /// The verified token.
    pub grant: AccessGrant,
    /// HTTP method.
    pub method: Method,
    /// The URI, `/v1.0/…`.
    pub uri: &'a Uri,
    /// Request headers.
    pub headers: &'a HeaderMap,
    /// Request body.
    pub body: Bytes,
}

/// Answers `req` under the fault plan `plan`.
pub async fn run(st: &Shared, req: Request<'_>, plan: &Plan) -> GraphResult {
    let path = req
        .uri
        .path()
        .strip_prefix("/v1.0/")
        .unwrap_or("")
        .to_string();
    if let Some(answer) = faulted::answer(st, &req.grant, plan) {
        return answer;
    }
    let user = st
        .store
        .read()
        .user(&req.grant.user_id)
        .cloned()
        .ok_or_else(|| GraphError::new(404, "Request_ResourceNotFound", "Resource does not exist or one of its queried reference-property objects are not present."))?;
    let query = odata::QueryOptions::parse(req.uri.query().unwrap_or(""))?;
    let ctx = Ctx {
        st: st.clone(),
        grant: req.grant,
        user,
        method: req.method,
        headers: req.headers.clone(),
        path,
        query,
        body: req.body,
        empty_page: plan.empty_page,
    };
    routes::route(&ctx)
}
