//! Microsoft identity platform v2.0: `/{tenant}/oauth2/v2.0/authorize`, `/token`, `/logout`, the
//! OpenID configuration and the signing keys. Behaviour follows the real service: validation order,
//! which errors go back to the redirect URI and which are shown on the page, AADSTS codes, the SPA
//! CORS rules, PKCE, single-use codes, rotating refresh tokens with the 24-hour SPA lifetime.

pub mod pages;
pub mod scopes;

use std::collections::{BTreeSet, HashMap};

use axum::extract::{Form, Path, Query, State};
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
        return tenant_not_found(&st, &tenant);
    }
    let b = &st.base;
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

/// `GET /{tenant}/discovery/v2.0/keys`
pub async fn jwks(State(st): State<Shared>, Path(tenant): Path<String>) -> Response {
    let store = st.store.read();
    if !tenant_known(&tenant, &store) {
        return tenant_not_found(&st, &tenant);
    }
    let issuer = format!("{}/{{tenantid}}/v2.0", st.base);
    cors_json(StatusCode::OK, json!({ "keys": [st.keys.jwk(&issuer)] }))
}

fn tenant_not_found(st: &Shared, tenant: &str) -> Response {
    token_error(
        st,
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

// ---------------------------------------------------------------------------------------------
// Authorize

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    Query,
    Fragment,
    FormPost,
}

/// A validated authorize request.
struct Authorize {
    tenant: String,
    raw_query: String,
    app: AppRegistration,
    redirect_uri: String,
    spa: bool,
    mode: Mode,
    state: Option<String>,
    nonce: Option<String>,
    prompt: Option<String>,
    login_hint: Option<String>,
    domain_hint: Option<String>,
    scopes: Scopes,
    challenge: Option<String>,
    cp1: bool,
    client_info: bool,
}

/// Errors the page shows, or sends back to the redirect URI.
enum Refusal {
    Page(String),
    Redirect {
        error: &'static str,
        description: String,
        subcode: Option<&'static str>,
    },
}

fn redirect_matches(registered: &str, requested: &str) -> bool {
    if registered == requested {
        return true;
    }
    // Loopback redirect URIs match on any port.
    let (Ok(a), Ok(b)) = (url::Url::parse(registered), url::Url::parse(requested)) else {
        return false;
    };
    let loopback = |u: &url::Url| matches!(u.host_str(), Some("localhost" | "127.0.0.1" | "[::1]"));
    loopback(&a)
        && loopback(&b)
        && a.scheme() == b.scheme()
        && a.host_str() == b.host_str()
        && a.path() == b.path()
        && a.query() == b.query()
}

fn validate(
    st: &Shared,
    tenant: &str,
    q: &HashMap<String, String>,
    raw: &str,
) -> Result<Authorize, Refusal> {
    let store = st.store.read();
    let now = st.clock.now();
    let trace = |code: u32, text: &str| aad_description(code, text, now);
    if !tenant_known(tenant, &store) {
        return Err(Refusal::Page(trace(90002, &format!("Tenant '{tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud."))));
    }
    let Some(client_id) = q.get("client_id").filter(|c| !c.is_empty()) else {
        return Err(Refusal::Page(trace(
            900144,
            "The request body must contain the following parameter: 'client_id'.",
        )));
    };
    let Some(app) = find_app(st, client_id) else {
        return Err(Refusal::Page(trace(700016, &unknown_app(client_id))));
    };
    let Some(redirect_uri) = q.get("redirect_uri").filter(|r| !r.is_empty()).cloned() else {
        return Err(Refusal::Page(trace(
            900144,
            "The request body must contain the following parameter: 'redirect_uri'.",
        )));
    };
    let spa = app
        .spa_redirect_uris
        .iter()
        .any(|r| redirect_matches(r, &redirect_uri));
    let web = app
        .web_redirect_uris
        .iter()
        .any(|r| redirect_matches(r, &redirect_uri));
    if !spa && !web {
        return Err(Refusal::Page(trace(50011, &format!("The redirect URI '{redirect_uri}' specified in the request does not match the redirect URIs configured for the application '{}'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal. Navigate to https://aka.ms/redirectUriMismatchError to learn more about how to fix this.", app.client_id))));
    }
    match (app.sign_in_audience, tenant.to_ascii_lowercase().as_str()) {
        (Audience::AzureADMyOrg, "common" | "organizations" | "consumers") => {
            return Err(Refusal::Page(trace(50194, &format!("Application '{}'({}) is not configured as a multi-tenant application. Usage of the /common endpoint is not supported for such applications created after '10/15/2018'. Use a tenant-specific endpoint or configure the application to be multi-tenant.", app.client_id, app.display_name))));
        }
        (Audience::PersonalMicrosoftAccount, t)
            if t != "consumers" && t != MSA_TENANT && t != "common" =>
        {
            return Err(Refusal::Page(trace(9002331, "Application is configured for use by Microsoft Account users only. Please use the /consumers endpoint to serve this request.")));
        }
        (Audience::AzureADMultipleOrgs, "consumers") => {
            return Err(Refusal::Page(trace(500200, "User account is a personal Microsoft account. Personal Microsoft accounts are not supported for this application unless explicitly invited to an organization.")));
        }
        _ => {}
    }
    let mode = match q.get("response_mode").map(String::as_str) {
        None | Some("query") => Mode::Query,
        Some("fragment") => Mode::Fragment,
        Some("form_post") => Mode::FormPost,
        Some(_) => {
            return Err(Refusal::Page(trace(
                900144,
                "The provided value for the input parameter 'response_mode' is not valid.",
            )));
        }
    };
    let redirect = |error: &'static str, code: u32, text: &str| Refusal::Redirect {
        error,
        description: trace(code, text),
        subcode: None,
    };
    match q.get("response_type").map(String::as_str) {
        Some("code") => {}
        None => {
            return Err(redirect(
                "invalid_request",
                900144,
                "The request body must contain the following parameter: 'response_type'.",
            ))
        }
        Some(other) => {
            return Err(redirect(
                "unsupported_response_type",
                700054,
                &format!("response_type '{other}' is not enabled for the application."),
            ))
        }
    }
    let Some(scope) = q.get("scope").filter(|s| !s.trim().is_empty()) else {
        return Err(redirect(
            "invalid_request",
            900144,
            "The request body must contain the following parameter: 'scope'.",
        ));
    };
    let scopes = scopes::parse(scope, &app).map_err(|(code, error, text)| Refusal::Redirect {
        error,
        description: aad_description_raw(code, &text, now),
        subcode: None,
    })?;
    if scopes.graph.is_empty() && !scopes.oidc.iter().any(|s| s == "openid") {
        return Err(redirect("invalid_request", 70011, "The provided value for the input parameter 'scope' is not valid. The scope must include a resource scope or 'openid'."));
    }
    let challenge = q.get("code_challenge").filter(|c| !c.is_empty()).cloned();
    let method = q.get("code_challenge_method").map(String::as_str);
    if let Some(c) = &challenge {
        match method {
            Some("S256") => {
                if c.len() != 43
                    || !c
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
                {
                    return Err(redirect(
                        "invalid_request",
                        501491,
                        "Invalid size of Code_Challenge parameter.",
                    ));
                }
            }
            Some("plain") | None if spa => {
                return Err(redirect("invalid_request", 50149, "The code_challenge_method 'plain' is not supported for single-page applications: use 'S256'."));
            }
            Some("plain") | None => {}
            Some(other) => {
                return Err(redirect("invalid_request", 50149, &format!("The code_challenge_method '{other}' is not supported. Supported values: 'S256', 'plain'.")));
            }
        }
    } else if spa {
        return Err(redirect("invalid_request", 9002325, "Proof Key for Code Exchange is required for cross-origin authorization code redemption."));
    }
    let prompt = q.get("prompt").cloned();
    if let Some(p) = &prompt {
        if !matches!(p.as_str(), "login" | "none" | "consent" | "select_account") {
            return Err(redirect("invalid_request", 90023, &format!("Invalid prompt value '{p}'. Supported values: login, none, consent, select_account.")));
        }
    }
    let cp1 = q
        .get("claims")
        .and_then(|c| serde_json::from_str::<Value>(c).ok())
        .map(|c| {
            c["access_token"]["xms_cc"]["values"]
                .to_string()
                .to_lowercase()
                .contains("cp1")
        })
        .unwrap_or(false);
    Ok(Authorize {
        tenant: tenant.to_string(),
        raw_query: raw.to_string(),
        app,
        redirect_uri,
        spa,
        mode,
        state: q.get("state").cloned(),
        nonce: q.get("nonce").cloned(),
        prompt,
        login_hint: q.get("login_hint").cloned(),
        domain_hint: q.get("domain_hint").cloned(),
        scopes,
        challenge,
        cp1,
        client_info: q.get("client_info").map(|v| v == "1").unwrap_or(false),
    })
}

/// The registration of `client_id` (ids compare case-insensitively).
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

fn admissible(st: &Shared, req: &Authorize) -> Vec<User> {
    let store = st.store.read();
    store
        .users
        .iter()
        .filter(|u| admits(&req.tenant, &store, u).unwrap_or(false) && audience_admits(&req.app, u))
        .filter(|u| {
            match req
                .domain_hint
                .as_deref()
                .map(str::to_ascii_lowercase)
                .as_deref()
            {
                Some("consumers") => u.kind == AccountKind::Personal,
                Some("organizations") => u.kind == AccountKind::Work,
                Some(domain) => store
                    .org(&u.tenant_id)
                    .map(|o| o.domain.eq_ignore_ascii_case(domain) || domain == "contoso.com")
                    .unwrap_or(true),
                None => true,
            }
        })
        .cloned()
        .collect()
}

fn session_accounts(st: &Shared, headers: &HeaderMap) -> Vec<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|c| c.trim().strip_prefix(&format!("{SESSION_COOKIE}=")))
        .filter_map(|v| st.keys.open(Sealed::Session, v))
        .flat_map(|v| v.split(',').map(String::from).collect::<Vec<_>>())
        .filter(|s| !s.is_empty())
        .collect()
}

fn session_cookie(st: &Shared, accounts: &[String]) -> HeaderValue {
    let value = st.keys.seal(Sealed::Session, &accounts.join(","));
    HeaderValue::from_str(&format!(
        "{SESSION_COOKIE}={value}; Path=/; HttpOnly; SameSite=Lax"
    ))
    .unwrap()
}

/// `GET /{tenant}/oauth2/v2.0/authorize`
pub async fn authorize_get(
    State(st): State<Shared>,
    Path(tenant): Path<String>,
    Query(q): Query<HashMap<String, String>>,
    headers: HeaderMap,
    uri: axum::http::Uri,
) -> Response {
    let raw = uri.query().unwrap_or("").to_string();
    let req = match validate(&st, &tenant, &q, &raw) {
        Ok(r) => r,
        Err(refusal) => return refuse(&q, refusal),
    };
    let candidates = admissible(&st, &req);
    let session = session_accounts(&st, &headers);
    let signed_in: Vec<&User> = candidates
        .iter()
        .filter(|u| session.contains(&u.id))
        .collect();
    let hinted = req.login_hint.as_deref().map(|h| {
        candidates
            .iter()
            .find(|u| u.upn.eq_ignore_ascii_case(h))
            .cloned()
    });
    let prompt = req.prompt.as_deref();
    let chosen: Option<User> = match (prompt, &hinted) {
        (Some("login" | "select_account"), _) => None,
        (_, Some(Some(u))) if session.contains(&u.id) => Some(u.clone()),
        (_, Some(_)) => None,
        _ if signed_in.len() == 1 => Some(signed_in[0].clone()),
        _ => None,
    };
    match chosen {
        Some(user) => proceed(&st, &req, &user, None, None),
        None if prompt == Some("none") => {
            let (error, code, text) = if signed_in.len() > 1 {
                ("interaction_required", 16000, "Either multiple user identities are available for the current request or selected account is not supported for the scenario.")
            } else {
                (
                    "login_required",
                    50058,
                    "A silent sign-in request was sent but no user is signed in.",
                )
            };
            redirect_error(
                &req,
                error,
                &aad_description(code, text, st.clock.now()),
                None,
            )
        }
        None => {
            let hint = req.login_hint.clone();
            Html(pages::sign_in(
                &st,
                &req.app,
                &req.raw_query,
                &tenant,
                &candidates,
                &session,
                hint.as_deref(),
            ))
            .into_response()
        }
    }
}

/// `POST /{tenant}/oauth2/v2.0/authorize`: the sign-in and consent pages' forms.
pub async fn authorize_post(
    State(st): State<Shared>,
    Path(tenant): Path<String>,
    headers: HeaderMap,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    let Some(raw) = form
        .get("ctx")
        .and_then(|c| st.keys.open(Sealed::SignInContext, c))
    else {
        return pages::error_page("The sign-in session is invalid or has been tampered with. Start again from the application.");
    };
    let q: HashMap<String, String> = form_urlencoded::parse(raw.as_bytes())
        .into_owned()
        .collect();
    let req = match validate(&st, &tenant, &q, &raw) {
        Ok(r) => r,
        Err(refusal) => return refuse(&q, refusal),
    };
    let candidates = admissible(&st, &req);
    let account = match form.get("account").and_then(|a| {
        // The consent form carries the account sealed; the sign-in form names it.
        st.keys.open(Sealed::Account, a).or_else(|| Some(a.clone()))
    }) {
        Some(a) => a,
        None => return pages::error_page("No account was chosen."),
    };
    let Some(user) = candidates.iter().find(|u| u.id == account).cloned() else {
        return pages::error_page("That account cannot sign in to this application.");
    };
    let mut session = session_accounts(&st, &headers);
    let mut cookie = None;
    if form.get("action").map(String::as_str) == Some("signin") {
        session.retain(|s| *s != user.id);
        session.insert(0, user.id.clone());
        cookie = Some(session_cookie(&st, &session));
    }
    let decision = match form.get("action").map(String::as_str) {
        Some("accept") => Some(true),
        Some("decline") => Some(false),
        _ => None,
    };
    proceed(&st, &req, &user, decision, cookie)
}

/// After the account is known: consent, then the code.
fn proceed(
    st: &Shared,
    req: &Authorize,
    user: &User,
    decision: Option<bool>,
    cookie: Option<HeaderValue>,
) -> Response {
    let key = (user.id.clone(), req.app.client_id.clone());
    let missing: Vec<String> = {
        let auth = st.auth.lock();
        let granted = auth.consents.get(&key);
        req.scopes
            .graph
            .iter()
            .filter(|s| {
                !granted
                    .map(|g| g.iter().any(|x| scopes::implies(x, s)))
                    .unwrap_or(false)
            })
            .cloned()
            .collect()
    };
    let must_ask = req.prompt.as_deref() == Some("consent") || !missing.is_empty();
    let mut response = match decision {
        Some(false) => redirect_error(
                req,
            "access_denied",
            &aad_description(65004, "User declined to consent to access the app.", st.clock.now()),
            Some("cancel"),
        ),
        None if must_ask && req.prompt.as_deref() == Some("none") => redirect_error(
                req,
            "consent_required",
            &aad_description(65001, &format!("The user or administrator has not consented to use the application with ID '{}' named '{}'. Send an interactive authorization request for this user and resource.", req.app.client_id, req.app.display_name), st.clock.now()),
            None,
        ),
        None if must_ask => {
            let asked: Vec<String> = if missing.is_empty() { req.scopes.graph.clone() } else { missing };
            Html(pages::consent(st, &req.app, &req.raw_query, &req.tenant, user, &asked, &req.scopes.oidc)).into_response()
        }
        _ => {
            {
                let mut auth = st.auth.lock();
                auth.consents.entry(key).or_default().extend(req.scopes.graph.iter().cloned());
            }
            issue_code(st, req, user)
        }
    };
    if let Some(c) = cookie {
        response.headers_mut().append(header::SET_COOKIE, c);
    }
    response
}

fn issue_code(st: &Shared, req: &Authorize, user: &User) -> Response {
    let now = st.clock.now();
    let code = format!("1.A{}", random_token(96));
    {
        let mut auth = st.auth.lock();
        auth.codes
            .retain(|_, c| now - c.issued < Duration::seconds(CODE_LIFETIME_SECS * 2));
        auth.codes.insert(
            code.clone(),
            CodeGrant {
                client_id: req.app.client_id.clone(),
                redirect_uri: req.redirect_uri.clone(),
                spa: req.spa,
                user_id: user.id.clone(),
                scopes: req.scopes.clone(),
                challenge: req.challenge.clone(),
                nonce: req.nonce.clone(),
                issued: now,
                redeemed: false,
                cp1: req.cp1,
            },
        );
    }
    let mut params = vec![("code".to_string(), code)];
    if req.client_info {
        params.push(("client_info".into(), client_info(user)));
    }
    if let Some(s) = &req.state {
        params.push(("state".into(), s.clone()));
    }
    params.push((
        "session_state".into(),
        stable_guid(&format!("session/{}", user.id)),
    ));
    respond_to_client(&req.redirect_uri, req.mode, &params)
}

fn redirect_error(
    req: &Authorize,
    error: &str,
    description: &str,
    subcode: Option<&str>,
) -> Response {
    let mut params = vec![("error".to_string(), error.to_string())];
    if let Some(s) = subcode {
        params.push(("error_subcode".into(), s.into()));
    }
    params.push(("error_description".into(), description.to_string()));
    if let Some(s) = &req.state {
        params.push(("state".into(), s.clone()));
    }
    respond_to_client(&req.redirect_uri, req.mode, &params)
}

fn refuse(q: &HashMap<String, String>, refusal: Refusal) -> Response {
    match refusal {
        Refusal::Page(text) => pages::error_page(&text),
        Refusal::Redirect {
            error,
            description,
            subcode,
        } => {
            let redirect_uri = q.get("redirect_uri").cloned().unwrap_or_default();
            let mode = match q.get("response_mode").map(String::as_str) {
                Some("fragment") => Mode::Fragment,
                Some("form_post") => Mode::FormPost,
                _ => Mode::Query,
            };
            let mut params = vec![("error".to_string(), error.to_string())];
            if let Some(s) = subcode {
                params.push(("error_subcode".into(), s.into()));
            }
            params.push(("error_description".into(), description));
            if let Some(s) = q.get("state") {
                params.push(("state".into(), s.clone()));
            }
            respond_to_client(&redirect_uri, mode, &params)
        }
    }
}

fn respond_to_client(redirect_uri: &str, mode: Mode, params: &[(String, String)]) -> Response {
    let encoded: String = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(params.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .finish();
    match mode {
        Mode::Query => {
            let sep = if redirect_uri.contains('?') { '&' } else { '?' };
            found(&format!("{redirect_uri}{sep}{encoded}"))
        }
        Mode::Fragment => found(&format!("{redirect_uri}#{encoded}")),
        Mode::FormPost => Html(pages::form_post(redirect_uri, params)).into_response(),
    }
}

fn found(location: &str) -> Response {
    let mut r = StatusCode::FOUND.into_response();
    r.headers_mut().insert(
        header::LOCATION,
        HeaderValue::from_str(location).unwrap_or(HeaderValue::from_static("/")),
    );
    r.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("no-store, no-cache"),
    );
    r
}

fn client_info(user: &User) -> String {
    b64url(json!({"uid": user.id, "utid": user.tenant_id}).to_string())
}

// ---------------------------------------------------------------------------------------------
// Token

fn aad_description_raw(code: u32, text_with_code: &str, now: DateTime<Utc>) -> String {
    let _ = code;
    format!(
        "{text_with_code} Trace ID: {} Correlation ID: {} Timestamp: {}",
        uuid::Uuid::new_v4(),
        uuid::Uuid::new_v4(),
        aad_timestamp(now)
    )
}

fn aad_description(code: u32, text: &str, now: DateTime<Utc>) -> String {
    aad_description_raw(code, &format!("AADSTS{code}: {text}"), now)
}

fn token_error(
    st: &Shared,
    status: StatusCode,
    error: &str,
    code: u32,
    text_with_code: &str,
    suberror: Option<&str>,
) -> Response {
    let now = st.clock.now();
    let mut body = json!({
        "error": error,
        "error_description": aad_description_raw(code, text_with_code, now),
        "error_codes": [code],
        "timestamp": aad_timestamp(now),
        "trace_id": uuid::Uuid::new_v4().to_string(),
        "correlation_id": uuid::Uuid::new_v4().to_string(),
        "error_uri": format!("{}/error?code={code}", st.base),
    });
    if let Some(s) = suberror {
        body["suberror"] = json!(s);
    }
    cors_json(status, body)
}

/// `OPTIONS /{tenant}/oauth2/v2.0/token`
pub async fn token_preflight(headers: HeaderMap) -> Response {
    let mut r = StatusCode::OK.into_response();
    let h = r.headers_mut();
    h.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    h.insert(
        header::ACCESS_CONTROL_ALLOW_METHODS,
        HeaderValue::from_static("POST, OPTIONS"),
    );
    let asked = headers
        .get(header::ACCESS_CONTROL_REQUEST_HEADERS)
        .cloned()
        .unwrap_or(HeaderValue::from_static("content-type"));
    h.insert(header::ACCESS_CONTROL_ALLOW_HEADERS, asked);
    h.insert(
        header::ACCESS_CONTROL_MAX_AGE,
        HeaderValue::from_static("86400"),
    );
    r
}

/// `POST /{tenant}/oauth2/v2.0/token`
pub async fn token(
    State(st): State<Shared>,
    Path(tenant): Path<String>,
    headers: HeaderMap,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    let bad = |error: &str, code: u32, text: &str| {
        token_error(
            &st,
            StatusCode::BAD_REQUEST,
            error,
            code,
            &format!("AADSTS{code}: {text}"),
            None,
        )
    };
    let missing = |param: &str| {
        bad(
            "invalid_request",
            900144,
            &format!("The request body must contain the following parameter: '{param}'."),
        )
    };
    if !tenant_known(&tenant, &st.store.read()) {
        return tenant_not_found(&st, &tenant);
    }
    let origin = headers
        .get(header::ORIGIN)
        .and_then(|o| o.to_str().ok())
        .map(String::from);
    let Some(grant_type) = form.get("grant_type") else {
        return missing("grant_type");
    };
    let Some(client_id) = form.get("client_id") else {
        return missing("client_id");
    };
    let Some(app) = find_app(&st, client_id) else {
        return bad("unauthorized_client", 700016, &unknown_app(client_id));
    };
    if origin.is_some()
        && (form.contains_key("client_secret") || form.contains_key("client_assertion"))
    {
        return token_error(&st, StatusCode::UNAUTHORIZED, "invalid_client", 700025, "AADSTS700025: Client is public so neither 'client_assertion' nor 'client_secret' should be presented.", None);
    }
    let now = st.clock.now();
    match grant_type.as_str() {
        "authorization_code" => {
            let Some(code) = form.get("code") else {
                return missing("code");
            };
            let Some(redirect_uri) = form.get("redirect_uri") else {
                return missing("redirect_uri");
            };
            // The code is checked and marked redeemed under one lock: two concurrent
            // redemptions cannot both pass.
            let mut auth = st.auth.lock();
            let Some(grant) = auth.codes.get_mut(code) else {
                return bad(
                    "invalid_grant",
                    9002313,
                    "Invalid request. Request is malformed or invalid.",
                );
            };
            if grant.client_id != app.client_id {
                return bad("invalid_grant", 70000, "The provided value for the 'code' parameter is not valid. The code was issued to a different client.");
            }
            // Cross-origin rules first: they decide whether the browser may even read the answer.
            if grant.spa && origin.is_none() {
                return bad("invalid_request", 9002327, "Tokens issued for the 'Single-Page Application' client-type may only be redeemed via cross-origin requests.");
            }
            if !grant.spa && origin.is_some() {
                return bad("invalid_request", 9002326, &format!("Cross-origin token redemption is permitted only for the 'Single-Page Application' client-type. Request origin: '{}'.", origin.unwrap_or_default()));
            }
            if grant.redeemed {
                return bad("invalid_grant", 54005, "OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.");
            }
            if now - grant.issued > Duration::seconds(CODE_LIFETIME_SECS) {
                return bad("invalid_grant", 70008, "The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.");
            }
            if !redirect_matches(&grant.redirect_uri, redirect_uri)
                || *redirect_uri != grant.redirect_uri
            {
                return bad("invalid_grant", 50011, &format!("The redirect URI '{redirect_uri}' specified in the request does not match the redirect URI used to request the authorization code."));
            }
            match (&grant.challenge, form.get("code_verifier")) {
                (None, _) if origin.is_some() => {
                    return bad("invalid_request", 9002325, "Proof Key for Code Exchange is required for cross-origin authorization code redemption.");
                }
                (Some(_), None) => {
                    return bad("invalid_grant", 501481, "The Code_Verifier does not match the code_challenge supplied in the authorization request.");
                }
                (Some(challenge), Some(verifier)) => {
                    let well_formed = (43..=128).contains(&verifier.len())
                        && verifier
                            .bytes()
                            .all(|b| b.is_ascii_alphanumeric() || b"-._~".contains(&b));
                    if !well_formed {
                        return bad(
                            "invalid_request",
                            501491,
                            "Invalid size of Code_Verifier parameter.",
                        );
                    }
                    let matches = crate::crypto::s256(verifier) == *challenge
                        || (!grant.spa && verifier == challenge);
                    if !matches {
                        return bad("invalid_grant", 501481, "The Code_Verifier does not match the code_challenge supplied in the authorization request.");
                    }
                }
                (None, _) => {}
            }
            grant.redeemed = true;
            let grant = grant.clone();
            drop(auth);
            let store = st.store.read();
            let Some(user) = store.user(&grant.user_id).cloned() else {
                return bad(
                    "invalid_grant",
                    50034,
                    "The user account does not exist in the directory.",
                );
            };
            drop(store);
            token_success(
                &st,
                &app,
                &user,
                &grant.scopes,
                grant.nonce.as_deref(),
                grant.spa,
                None,
                grant.cp1,
                &form,
            )
        }
        "refresh_token" => {
            let Some(rt) = form.get("refresh_token") else {
                return missing("refresh_token");
            };
            let (grant, not_before) = {
                let auth = st.auth.lock();
                (auth.refresh.get(rt).cloned(), auth.refresh_not_before)
            };
            let Some(grant) = grant else {
                return bad(
                    "invalid_grant",
                    9002313,
                    "Invalid request. Request is malformed or invalid.",
                );
            };
            if grant.client_id != app.client_id {
                return bad(
                    "invalid_grant",
                    70000,
                    "The refresh token was issued to a different client.",
                );
            }
            if grant.spa && origin.is_none() {
                return bad("invalid_request", 9002327, "Tokens issued for the 'Single-Page Application' client-type may only be redeemed via cross-origin requests.");
            }
            let expired_spa =
                grant.spa && now - grant.first_issued > Duration::hours(SPA_REFRESH_LIFETIME_HOURS);
            let revoked = not_before.map(|nb| grant.issued < nb).unwrap_or(false);
            if expired_spa || revoked {
                let text = format!("AADSTS700084: The refresh token was issued to a single page app (SPA), and therefore has a fixed, limited lifetime of 1.00:00:00, which cannot be extended. It is now expired and a new sign in request must be sent by the SPA to the sign in page. The token was issued on {}0Z.", grant.first_issued.format("%Y-%m-%dT%H:%M:%S%.6f"));
                return token_error(
                    &st,
                    StatusCode::BAD_REQUEST,
                    "invalid_grant",
                    700084,
                    &text,
                    Some("bad_token"),
                );
            }
            let mut scopes = grant.scopes.clone();
            if let Some(requested) = form.get("scope") {
                match scopes::parse(requested, &app) {
                    Ok(req) => {
                        let consented = st
                            .auth
                            .lock()
                            .consents
                            .get(&(grant.user_id.clone(), app.client_id.clone()))
                            .cloned()
                            .unwrap_or_default();
                        let missing: Vec<&String> = req
                            .graph
                            .iter()
                            .filter(|s| !consented.iter().any(|c| scopes::implies(c, s)))
                            .collect();
                        if !missing.is_empty() {
                            return token_error(&st, StatusCode::BAD_REQUEST, "invalid_grant", 65001, &format!("AADSTS65001: The user or administrator has not consented to use the application with ID '{}' named '{}'. Send an interactive authorization request for this user and resource.", app.client_id, app.display_name), Some("consent_required"));
                        }
                        if !req.graph.is_empty() {
                            scopes.graph = consented
                                .iter()
                                .filter(|c| req.graph.iter().any(|r| scopes::implies(c, r)))
                                .cloned()
                                .collect();
                        }
                        scopes.oidc = req.oidc.clone();
                        if grant.scopes.oidc.iter().any(|s| s == "offline_access")
                            && !scopes.oidc.iter().any(|s| s == "offline_access")
                        {
                            scopes.oidc.push("offline_access".into());
                        }
                    }
                    Err((code, error, text)) => {
                        return token_error(&st, StatusCode::BAD_REQUEST, error, code, &text, None);
                    }
                }
            }
            let Some(user) = st.store.read().user(&grant.user_id).cloned() else {
                return bad(
                    "invalid_grant",
                    50034,
                    "The user account does not exist in the directory.",
                );
            };
            token_success(
                &st,
                &app,
                &user,
                &scopes,
                None,
                grant.spa,
                Some(grant.first_issued),
                grant.cp1,
                &form,
            )
        }
        other => bad(
            "unsupported_grant_type",
            70003,
            &format!("The app requested an unsupported grant type '{other}'."),
        ),
    }
}

#[allow(clippy::too_many_arguments)]
fn token_success(
    st: &Shared,
    app: &AppRegistration,
    user: &User,
    scopes: &Scopes,
    nonce: Option<&str>,
    spa: bool,
    first_issued: Option<DateTime<Utc>>,
    cp1: bool,
    form: &HashMap<String, String>,
) -> Response {
    let now = st.clock.now();
    let lifetime = st
        .settings
        .access_token_lifetime
        .unwrap_or_else(|| rand::thread_rng().gen_range(3600..=5400));
    let exp = now + Duration::seconds(lifetime);
    let grant = AccessGrant {
        user_id: user.id.clone(),
        client_id: app.client_id.clone(),
        scopes: scopes.graph.clone(),
        iat: now,
        exp,
        cp1,
    };
    let access_token = mint_access_token(st, user, &grant);
    let mut body = json!({
        "token_type": "Bearer",
        "scope": scopes.graph.iter().cloned().chain(scopes.oidc.iter().filter(|s| *s != "offline_access").cloned()).collect::<Vec<_>>().join(" "),
        "expires_in": lifetime,
        "ext_expires_in": lifetime,
        "access_token": access_token,
    });
    if scopes.oidc.iter().any(|s| s == "offline_access") {
        let rt = format!("1.A{}", random_token(160));
        let mut auth = st.auth.lock();
        auth.prune_refresh(now);
        auth.refresh.insert(
            rt.clone(),
            RefreshGrant {
                client_id: app.client_id.clone(),
                user_id: user.id.clone(),
                scopes: scopes.clone(),
                spa,
                first_issued: first_issued.unwrap_or(now),
                issued: now,
                cp1,
            },
        );
        body["refresh_token"] = json!(rt);
    }
    if scopes.oidc.iter().any(|s| s == "openid") {
        body["id_token"] = json!(id_token(st, app, user, scopes, nonce, now));
    }
    if form.get("client_info").map(|v| v == "1").unwrap_or(true) {
        body["client_info"] = json!(client_info(user));
    }
    let mut r = cors_json(StatusCode::OK, body);
    r.headers_mut()
        .insert(header::PRAGMA, HeaderValue::from_static("no-cache"));
    r
}

fn mint_access_token(st: &Shared, user: &User, grant: &AccessGrant) -> String {
    if user.kind == AccountKind::Personal {
        // Personal accounts get compact, opaque tokens: clients must never parse access tokens.
        let token = format!("EwB{}", random_token(180));
        let mut auth = st.auth.lock();
        let now = st.clock.now();
        auth.opaque.retain(|_, g| g.exp > now);
        auth.opaque.insert(token.clone(), grant.clone());
        return token;
    }
    let uti = random_token(16);
    let mut claims = json!({
        "aud": GRAPH_AUDIENCE,
        "iss": format!("https://sts.windows.net/{}/", user.tenant_id),
        "iat": grant.iat.timestamp(),
        "nbf": grant.iat.timestamp(),
        "exp": grant.exp.timestamp(),
        "acct": 0,
        "app_displayname": st.apps.iter().find(|a| a.client_id == grant.client_id).map(|a| a.display_name.clone()),
        "appid": grant.client_id,
        "appidacr": "0",
        "idtyp": "user",
        "name": user.display_name,
        "oid": user.id,
        "scp": grant.scopes.join(" "),
        "sub": stable_guid(&format!("sub/{}/{}", user.id, grant.client_id)),
        "tid": user.tenant_id,
        "unique_name": user.upn,
        "upn": user.upn,
        "uti": uti,
        "ver": "1.0",
    });
    {
        let mut auth = st.auth.lock();
        let now = st.clock.now();
        auth.issued.retain(|_, (_, exp)| *exp > now);
        auth.issued.insert(uti.clone(), (grant.iat, grant.exp));
    }
    if grant.cp1 {
        claims["xms_cc"] = json!(["CP1"]);
    }
    st.keys.sign_jwt(&claims)
}

fn id_token(
    st: &Shared,
    app: &AppRegistration,
    user: &User,
    scopes: &Scopes,
    nonce: Option<&str>,
    now: DateTime<Utc>,
) -> String {
    let mut claims = json!({
        "aud": app.client_id,
        "iss": format!("{}/{}/v2.0", st.base, user.tenant_id),
        "iat": now.timestamp(),
        "nbf": now.timestamp(),
        "exp": (now + Duration::hours(1)).timestamp(),
        "aio": random_token(24),
        "oid": user.id,
        "rh": format!("0.{}", random_token(24)),
        "sid": stable_guid(&format!("sid/{}", user.id)),
        "sub": b64url(stable_guid(&format!("sub/{}/{}", user.id, app.client_id))),
        "tid": user.tenant_id,
        "uti": random_token(16),
        "ver": "2.0",
    });
    if scopes.oidc.iter().any(|s| s == "profile") {
        claims["name"] = json!(user.display_name);
        claims["preferred_username"] = json!(user.upn);
    }
    if scopes.oidc.iter().any(|s| s == "email") {
        claims["email"] = json!(user.upn);
    }
    if let Some(n) = nonce {
        claims["nonce"] = json!(n);
    }
    st.keys.sign_jwt(&claims)
}

/// Verifies a Graph bearer token.
pub fn verify_access(
    st: &Shared,
    authorization: Option<&str>,
) -> Result<AccessGrant, TokenProblem> {
    let token = authorization
        .and_then(|h| {
            h.strip_prefix("Bearer ")
                .or_else(|| h.strip_prefix("bearer "))
        })
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .ok_or(TokenProblem::Empty)?;
    let now = st.clock.now();
    let auth = st.auth.lock();
    let not_before = auth.access_not_before;
    let grant = if let Some(g) = auth.opaque.get(token) {
        g.clone()
    } else {
        drop(auth);
        let claims = st.keys.verify_jwt(token).ok_or(TokenProblem::Malformed)?;
        if claims["aud"] != GRAPH_AUDIENCE && claims["aud"] != "https://graph.microsoft.com" {
            return Err(TokenProblem::WrongAudience);
        }
        let ts = |k: &str| {
            claims[k]
                .as_i64()
                .and_then(|t| DateTime::from_timestamp(t, 0))
        };
        // Only tokens this run issued: a JWT it never minted is refused, whoever signed it.
        let exact_iat = claims["uti"]
            .as_str()
            .and_then(|u| st.auth.lock().issued.get(u).map(|(iat, _)| *iat))
            .ok_or(TokenProblem::Malformed)?;
        AccessGrant {
            user_id: claims["oid"].as_str().unwrap_or_default().to_string(),
            client_id: claims["appid"].as_str().unwrap_or_default().to_string(),
            scopes: claims["scp"]
                .as_str()
                .unwrap_or_default()
                .split(' ')
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect(),
            iat: exact_iat,
            exp: ts("exp").ok_or(TokenProblem::Malformed)?,
            cp1: claims.get("xms_cc").is_some(),
        }
    };
    if grant.exp <= now
        || grant.iat > now + Duration::minutes(5)
        || not_before.map(|nb| grant.iat < nb).unwrap_or(false)
    {
        return Err(TokenProblem::Expired);
    }
    Ok(grant)
}

// ---------------------------------------------------------------------------------------------
// Logout

/// `GET /{tenant}/oauth2/v2.0/logout`
pub async fn logout(
    State(st): State<Shared>,
    Query(q): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    let mut session = session_accounts(&st, &headers);
    match q.get("logout_hint") {
        Some(hint) => {
            let store = st.store.read();
            session.retain(|id| {
                store
                    .user(id)
                    .map(|u| !u.upn.eq_ignore_ascii_case(hint))
                    .unwrap_or(false)
            });
        }
        None => session.clear(),
    }
    let target = q.get("post_logout_redirect_uri").filter(|uri| {
        st.apps.iter().any(|a| {
            a.spa_redirect_uris
                .iter()
                .chain(a.web_redirect_uris.iter())
                .any(|r| {
                    redirect_matches(r, uri)
                        || url::Url::parse(r)
                            .ok()
                            .zip(url::Url::parse(uri).ok())
                            .map(|(r, u)| r.origin() == u.origin())
                            .unwrap_or(false)
                })
        })
    });
    let mut response = match target {
        Some(uri) => {
            let mut u = uri.clone();
            if let Some(s) = q.get("state") {
                u.push(if u.contains('?') { '&' } else { '?' });
                u.push_str(&format!("state={}", crate::util::encode_query(s)));
            }
            found(&u)
        }
        None => Html(pages::signed_out()).into_response(),
    };
    response
        .headers_mut()
        .append(header::SET_COOKIE, session_cookie(&st, &session));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grant(spa: bool, first_issued: DateTime<Utc>, issued: DateTime<Utc>) -> RefreshGrant {
        RefreshGrant {
            client_id: "c".into(),
            user_id: "u".into(),
            scopes: Scopes::default(),
            spa,
            first_issued,
            issued,
            cp1: false,
        }
    }

    #[test]
    fn refresh_grants_are_pruned_and_bounded() {
        let now = Utc::now();
        let mut auth = AuthState::default();
        let old_spa = now - Duration::hours(25);
        auth.refresh
            .insert("spa-dead".into(), grant(true, old_spa, old_spa));
        auth.refresh
            .insert("spa-live".into(), grant(true, now, now));
        let unused = now - Duration::days(91);
        auth.refresh
            .insert("web-dead".into(), grant(false, unused, unused));
        let recent = now - Duration::days(30);
        auth.refresh
            .insert("web-live".into(), grant(false, unused, recent));
        auth.prune_refresh(now);
        let mut kept: Vec<&String> = auth.refresh.keys().collect();
        kept.sort();
        assert_eq!(kept, ["spa-live", "web-live"]);
        let over = MAX_REFRESH_GRANTS + 50;
        for i in 0..over {
            let at = now - Duration::seconds(i as i64);
            auth.refresh.insert(format!("rt{i}"), grant(false, at, at));
        }
        auth.prune_refresh(now);
        // Room for the one about to be issued; the oldest went first.
        assert_eq!(auth.refresh_grants(), MAX_REFRESH_GRANTS - 1);
        assert!(auth.refresh.contains_key("rt0"));
        assert!(!auth.refresh.contains_key(&format!("rt{}", over - 1)));
    }

    #[test]
    fn loopback_redirects_match_on_any_port() {
        assert!(redirect_matches(
            "http://localhost:8080/auth.html",
            "http://localhost:51234/auth.html"
        ));
        assert!(redirect_matches(
            "http://127.0.0.1:8080/auth.html",
            "http://127.0.0.1/auth.html"
        ));
        assert!(!redirect_matches(
            "http://localhost:8080/auth.html",
            "http://localhost:8080/other.html"
        ));
        assert!(!redirect_matches(
            "https://app.example/auth",
            "https://app.example:444/auth"
        ));
        assert!(!redirect_matches(
            "http://localhost:8080/auth.html",
            "http://127.0.0.1:8080/auth.html"
        ));
    }
}
