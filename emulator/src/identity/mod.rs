//! Microsoft identity platform v2.0: `/{tenant}/oauth2/v2.0/authorize`, `/token`, `/logout`, the
//! OpenID configuration and the signing keys. Behaviour follows the real service: validation order,
//! which errors go back to the redirect URI and which are shown on the page, AADSTS codes, the SPA
//! CORS rules, PKCE, single-use codes, rotating refresh tokens with the 24-hour SPA lifetime.

mod authorize;
mod issue;
pub mod pages;
mod request;
pub mod scopes;
mod session;
mod token;

pub use authorize::{authorize_get, authorize_post, isolate_opener};
pub use issue::verify_access;
pub use session::logout;
pub use token::{token, token_preflight};
// Private items of the submodules, for one another (they `use super::*`).
use issue::*;
use request::*;
use session::*;
use token::*;

use std::collections::{BTreeSet, HashMap};

use axum::extract::{Form, Path, Query, RawQuery, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::Json;
use chrono::{DateTime, Duration, Utc};
use rand::Rng;
use serde_json::{json, Value};

use crate::config::{AppRegistration, Audience};
use crate::crypto::Sealed;
use crate::store::{AccountKind, Store, User, MSA_TENANT};
use crate::util::{aad_timestamp, b64url, random_token, stable_guid};
use crate::Shared;
use scopes::Scopes;

/// The audience of Graph access tokens.
pub const GRAPH_AUDIENCE: &str = "00000003-0000-0000-c000-000000000000";
const SESSION_COOKIE: &str = "estsauth_emu";
const CODE_LIFETIME_SECS: i64 = 600;
const SPA_REFRESH_LIFETIME_HOURS: i64 = 24;

/// Non-SPA refresh tokens expire after 90 days unused (Entra's default).
const REFRESH_INACTIVE_DAYS: i64 = 90;
/// Refresh grants kept at most; past it the oldest go first.
pub const MAX_REFRESH_GRANTS: usize = 10_000;

/// An issued authorization code.
#[derive(Clone, Debug)]
struct CodeGrant {
    client_id: String,
    redirect_uri: String,
    spa: bool,
    user_id: String,
    scopes: Scopes,
    challenge: Option<String>,
    nonce: Option<String>,
    issued: DateTime<Utc>,
    redeemed: bool,
    cp1: bool,
}

/// A refresh token's grant.
#[derive(Clone, Debug)]
struct RefreshGrant {
    client_id: String,
    user_id: String,
    scopes: Scopes,
    spa: bool,
    /// When the chain of SPA refresh tokens was first issued (expiry is carried over).
    first_issued: DateTime<Utc>,
    issued: DateTime<Utc>,
    cp1: bool,
}

/// What a verified access token grants.
#[derive(Clone, Debug)]
pub struct AccessGrant {
    /// The signed-in user.
    pub user_id: String,
    /// The app.
    pub client_id: String,
    /// Granted Graph permissions.
    pub scopes: Vec<String>,
    /// Issued at.
    pub iat: DateTime<Utc>,
    /// Expiry.
    pub exp: DateTime<Utc>,
    /// Issued to a CAE-capable client (`xms_cc: cp1`).
    pub cp1: bool,
}

/// Why an access token is refused (messages as Graph writes them).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenProblem {
    /// No bearer token.
    Empty,
    /// Not a token we issued.
    Malformed,
    /// Expired or not yet valid.
    Expired,
    /// Issued for another resource.
    WrongAudience,
}

impl TokenProblem {
    /// Graph's message for the problem.
    pub fn message(self) -> &'static str {
        match self {
            TokenProblem::Empty => "Access token is empty.",
            TokenProblem::Malformed => "CompactToken parsing failed with error code: 80049217",
            TokenProblem::Expired => "Access token has expired or is not yet valid.",
            TokenProblem::WrongAudience => "Access token validation failure. Invalid audience.",
        }
    }
}

/// Codes, refresh tokens, opaque access tokens and consents.
#[derive(Debug, Default)]
pub struct AuthState {
    codes: HashMap<String, CodeGrant>,
    refresh: HashMap<String, RefreshGrant>,
    opaque: HashMap<String, AccessGrant>,
    consents: HashMap<(String, String), BTreeSet<String>>,
    /// Access tokens issued before this instant are treated as expired.
    pub access_not_before: Option<DateTime<Utc>>,
    /// Refresh tokens issued before this instant are treated as expired.
    pub refresh_not_before: Option<DateTime<Utc>>,
    /// Exact issue and expiry times of JWT access tokens by `uti` (their `iat` has whole seconds
    /// only), so that expiring "every token issued so far" is exact.
    issued: HashMap<String, (DateTime<Utc>, DateTime<Utc>)>,
}

impl AuthState {
    /// Drops refresh grants that can no longer be redeemed (the SPA's 24 hours, 90 days unused
    /// otherwise), then the oldest ones past [`MAX_REFRESH_GRANTS`] - 1, making room for one.
    fn prune_refresh(&mut self, now: DateTime<Utc>) {
        self.refresh.retain(|_, g| {
            if g.spa {
                now - g.first_issued <= Duration::hours(SPA_REFRESH_LIFETIME_HOURS)
            } else {
                now - g.issued <= Duration::days(REFRESH_INACTIVE_DAYS)
            }
        });
        if self.refresh.len() >= MAX_REFRESH_GRANTS {
            let mut by_age: Vec<(DateTime<Utc>, String)> = self
                .refresh
                .iter()
                .map(|(k, g)| (g.issued, k.clone()))
                .collect();
            by_age.sort();
            let excess = self.refresh.len() + 1 - MAX_REFRESH_GRANTS;
            for (_, k) in by_age.into_iter().take(excess) {
                self.refresh.remove(&k);
            }
        }
    }

    /// How many refresh grants are kept (for tests of the bound).
    pub fn refresh_grants(&self) -> usize {
        self.refresh.len()
    }
}

// ---------------------------------------------------------------------------------------------
// Tenants and accounts

/// Which accounts an authority's tenant segment admits.
fn admits(segment: &str, store: &Store, user: &User) -> Option<bool> {
    Some(match segment.to_ascii_lowercase().as_str() {
        "common" => true,
        "organizations" => user.kind == AccountKind::Work,
        "consumers" => user.kind == AccountKind::Personal,
        other if other == MSA_TENANT => user.kind == AccountKind::Personal,
        other => store.org(other)?.id == user.tenant_id,
    })
}

fn tenant_known(segment: &str, store: &Store) -> bool {
    matches!(
        segment.to_ascii_lowercase().as_str(),
        "common" | "organizations" | "consumers" | MSA_TENANT
    ) || store.org(segment).is_some()
}

fn audience_admits(app: &AppRegistration, user: &User) -> bool {
    match app.sign_in_audience {
        Audience::AzureADandPersonalMicrosoftAccount => true,
        Audience::AzureADMultipleOrgs => user.kind == AccountKind::Work,
        Audience::PersonalMicrosoftAccount => user.kind == AccountKind::Personal,
        Audience::AzureADMyOrg => app.home_tenant.as_deref() == Some(user.tenant_id.as_str()),
    }
}

fn issuer(base: &str, segment: &str, store: &Store) -> String {
    let tid = match segment.to_ascii_lowercase().as_str() {
        "common" | "organizations" => "{tenantid}".to_string(),
        "consumers" => MSA_TENANT.to_string(),
        other => store
            .org(other)
            .map(|o| o.id.clone())
            .unwrap_or_else(|| other.to_string()),
    };
    format!("{base}/{tid}/v2.0")
}

// ---------------------------------------------------------------------------------------------
// Discovery

/// `GET /{tenant}/v2.0/.well-known/openid-configuration`
pub async fn openid_configuration(
    State(st): State<Shared>,
    Path(tenant): Path<String>,
) -> Response {
    let store = st.store.read();
    if !tenant_known(&tenant, &store) {
        return tenant_not_found(&st, &tenant, &Ids::new(None));
    }
    let b = &st.identity_base;
    // A domain name (`contoso.onmicrosoft.com`) is resolved: Entra names the tenant by its id in
    // the endpoints, as in the issuer.
    let tenant = store.org(&tenant).map(|o| o.id.clone()).unwrap_or(tenant);
    let body = json!({
        "token_endpoint": format!("{b}/{tenant}/oauth2/v2.0/token"),
        "token_endpoint_auth_methods_supported": ["client_secret_post", "private_key_jwt", "client_secret_basic"],
        "jwks_uri": format!("{b}/{tenant}/discovery/v2.0/keys"),
        "response_modes_supported": ["query", "fragment", "form_post"],
        "subject_types_supported": ["pairwise"],
        "id_token_signing_alg_values_supported": ["RS256"],
        "response_types_supported": ["code", "id_token", "code id_token", "id_token token"],
        "scopes_supported": ["openid", "profile", "email", "offline_access"],
        "issuer": issuer(b, &tenant, &store),
        "request_uri_parameter_supported": false,
        "userinfo_endpoint": format!("{b}/oidc/userinfo"),
        "authorization_endpoint": format!("{b}/{tenant}/oauth2/v2.0/authorize"),
        "device_authorization_endpoint": format!("{b}/{tenant}/oauth2/v2.0/devicecode"),
        "http_logout_supported": true,
        "frontchannel_logout_supported": true,
        "end_session_endpoint": format!("{b}/{tenant}/oauth2/v2.0/logout"),
        "claims_supported": ["sub", "iss", "cloud_instance_name", "cloud_instance_host_name", "cloud_graph_host_name", "msgraph_host", "aud", "exp", "iat", "auth_time", "acr", "nonce", "preferred_username", "name", "tid", "ver", "at_hash", "c_hash", "email"],
        "kerberos_endpoint": format!("{b}/{tenant}/kerberos"),
        "tenant_region_scope": null,
        "cloud_instance_name": "microsoftonline.com",
        "cloud_graph_host_name": "graph.windows.net",
        "msgraph_host": "graph.microsoft.com",
        "rbac_url": "https://pas.windows.net",
    });
    cors_json(StatusCode::OK, body)
}

/// `GET /{tenant}/discovery/instance?api-version=1.1&authorization_endpoint=…`: instance
/// discovery, which MSAL.js calls before it trusts an authority it was not told is known. It
/// names the tenant's discovery document (the tenant of `authorization_endpoint`) and the hosts
/// of this cloud: the emulator's identity host.
pub async fn instance_discovery(
    State(st): State<Shared>,
    Path(tenant): Path<String>,
    Query(q): Query<std::collections::HashMap<String, String>>,
) -> Response {
    let b = &st.identity_base;
    let tenant = q
        .get("authorization_endpoint")
        .and_then(|e| url::Url::parse(e).ok())
        .and_then(|u| u.path_segments()?.next().map(str::to_string))
        .filter(|t| !t.is_empty())
        .unwrap_or(tenant);
    if !tenant_known(&tenant, &st.store.read()) {
        return tenant_not_found(&st, &tenant, &Ids::new(None));
    }
    let host = url::Url::parse(b)
        .ok()
        .and_then(|u| u.host_str().map(str::to_string))
        .unwrap_or_default();
    cors_json(
        StatusCode::OK,
        json!({
            "tenant_discovery_endpoint": format!("{b}/{tenant}/v2.0/.well-known/openid-configuration"),
            "api-version": "1.1",
            "metadata": [{"preferred_network": host, "preferred_cache": host, "aliases": [host]}],
        }),
    )
}

/// `GET /{tenant}/discovery/v2.0/keys`
pub async fn jwks(State(st): State<Shared>, Path(tenant): Path<String>) -> Response {
    let store = st.store.read();
    if !tenant_known(&tenant, &store) {
        return tenant_not_found(&st, &tenant, &Ids::new(None));
    }
    let issuer = format!("{}/{{tenantid}}/v2.0", st.identity_base);
    cors_json(StatusCode::OK, json!({ "keys": [st.keys.jwk(&issuer)] }))
}

fn tenant_not_found(st: &Shared, tenant: &str, ids: &Ids) -> Response {
    token_error(
        st,
        ids,
        StatusCode::BAD_REQUEST,
        "invalid_tenant",
        90002,
        &format!("AADSTS90002: Tenant '{tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud."),
        None,
    )
}

fn cors_json(status: StatusCode, body: Value) -> Response {
    let mut r = (status, Json(body)).into_response();
    r.headers_mut().insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    r.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("no-store, no-cache"),
    );
    r
}

fn find_app(st: &Shared, client_id: &str) -> Option<AppRegistration> {
    st.apps
        .iter()
        .find(|a| a.client_id.eq_ignore_ascii_case(client_id))
        .cloned()
}

/// AADSTS700016's text.
fn unknown_app(client_id: &str) -> String {
    format!("Application with identifier '{client_id}' was not found in the directory 'Contoso'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.")
}

fn client_info(user: &User) -> String {
    b64url(json!({"uid": user.id, "utid": user.tenant_id}).to_string())
}

/// The ids an identity error names, in its fields and its text alike: a fresh `trace_id`, and a
/// `correlation_id` that echoes the caller's `client-request-id` (a GUID), as Entra's does.
pub(super) struct Ids {
    trace: String,
    correlation: String,
}

impl Ids {
    /// Ids for a request that sent `client_request_id` (or none).
    pub(super) fn new(client_request_id: Option<&str>) -> Ids {
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
    pub(super) fn from_request(headers: &HeaderMap, query: Option<&str>) -> Ids {
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

fn aad_description_raw(text_with_code: &str, ids: &Ids, now: DateTime<Utc>) -> String {
    format!(
        "{text_with_code} Trace ID: {} Correlation ID: {} Timestamp: {}",
        ids.trace,
        ids.correlation,
        aad_timestamp(now)
    )
}

fn aad_description(code: u32, text: &str, now: DateTime<Utc>) -> String {
    aad_description_raw(&format!("AADSTS{code}: {text}"), &Ids::new(None), now)
}

#[cfg(test)]
mod tests;
