//! The request context Graph's handlers share ([`Ctx`]), the scopes that grant reading and
//! writing, and the small answers every handler builds (`@odata.context`, a JSON `200`).

use axum::body::Bytes;
use axum::http::{HeaderMap, Method, StatusCode};
use serde_json::Value;

use super::error::{json_response, GraphError, GraphResult};
use super::odata;
use crate::identity::{self, AccessGrant};
use crate::state::Shared;
use crate::store::{AccountKind, User};

/// Scopes that let a user read their own drive.
pub const READ_OWN: &[&str] = &["Files.Read", "Sites.Read.All"];
/// Scopes that let a user read other users' and sites' drives.
pub const READ_ALL: &[&str] = &["Files.Read.All", "Sites.Read.All"];
/// Scopes that let a user write their own drive.
pub const WRITE_OWN: &[&str] = &["Files.ReadWrite", "Sites.ReadWrite.All"];
/// Scopes that let a user write other drives.
pub const WRITE_ALL: &[&str] = &["Files.ReadWrite.All", "Sites.ReadWrite.All"];

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

/// `@odata.context` for `what`.
pub fn context(ctx: &Ctx, what: &str) -> String {
    format!("{}/v1.0/$metadata#{what}", ctx.st.base)
}

/// 400 for an API personal accounts do not have.
pub fn not_for_personal(ctx: &Ctx) -> Result<(), GraphError> {
    if ctx.user.kind == AccountKind::Personal {
        return Err(GraphError::new(
            400,
            "BadRequest",
            "This API is not supported for MSA accounts.",
        ));
    }
    Ok(())
}

/// The `@odata.context` segment of a drive.
pub fn drive_ctx(drive: &str) -> String {
    format!("drives('{}')", drive.replace('!', "%21"))
}

/// A `200` with `body`.
pub fn ok(body: Value) -> GraphResult {
    Ok(json_response(StatusCode::OK, &body))
}
