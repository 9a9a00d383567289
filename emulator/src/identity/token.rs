//! `/token`: code redemption with PKCE and the SPA cross-origin rules, refresh-token rotation
//! with the 24-hour SPA limit, and the identity platform's error bodies. Checks run in Entra's
//! order: the cross-origin rules first (they decide whether the browser may read the answer).

use std::collections::HashMap;

use axum::extract::{Form, Path, RawQuery, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::Response;
use chrono::Duration;

use super::error::{known_tenant, AadError, Ids};
use super::grants::{CodeGrant, RefreshGrant, CODE_LIFETIME_SECS, SPA_REFRESH_LIFETIME_HOURS};
use super::issue::{token_scopes, token_success, Issue};
use super::request::redirect_matches;
use super::scopes::{self, Scopes};
use super::tenants::{find_app, unknown_app};
use crate::config::AppRegistration;
use crate::state::Shared;
use crate::store::User;

/// One token request: the form, its origin (a cross-origin request names one), and the ids its
/// errors carry.
struct TokenRequest<'a> {
    st: &'a Shared,
    ids: Ids,
    form: &'a HashMap<String, String>,
    origin: Option<String>,
}

impl TokenRequest<'_> {
    /// A `400` with text `AADSTS{code}: {text}`.
    fn bad(&self, error: &str, code: u32, text: &str) -> AadError {
        AadError::bad(self.st, &self.ids, error, code, text)
    }

    /// The form parameter `name`, or AADSTS900144.
    fn param(&self, name: &str) -> Result<&str, AadError> {
        self.form.get(name).map(String::as_str).ok_or_else(|| {
            let text = format!("The request body must contain the following parameter: '{name}'.");
            self.bad("invalid_request", 900144, &text)
        })
    }

    /// The account a grant names, or AADSTS50034 when it is gone.
    fn user(&self, id: &str) -> Result<User, AadError> {
        let found = self.st.store.read().user(id).cloned();
        found.ok_or_else(|| {
            let text = "The user account does not exist in the directory.";
            self.bad("invalid_grant", 50034, text)
        })
    }

    /// AADSTS9002313 for a code or refresh token that is not one.
    fn malformed(&self) -> AadError {
        let text = "Invalid request. Request is malformed or invalid.";
        self.bad("invalid_grant", 9002313, text)
    }

    /// AADSTS9002327: a single-page app's grant redeemed without an origin.
    fn spa_only(&self) -> AadError {
        let text = "Tokens issued for the 'Single-Page Application' client-type may only be redeemed via cross-origin requests.";
        self.bad("invalid_request", 9002327, text)
    }
}

/// `POST /{tenant}/oauth2/v2.0/token`
pub async fn token(
    State(st): State<Shared>,
    Path(tenant): Path<String>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
    Form(form): Form<HashMap<String, String>>,
) -> Result<Response, AadError> {
    let req = TokenRequest {
        st: &st,
        ids: Ids::from_request(&headers, query.as_deref()),
        form: &form,
        origin: headers
            .get(header::ORIGIN)
            .and_then(|o| o.to_str().ok())
            .map(String::from),
    };
    known_tenant(&st, &tenant, &req.ids)?;
    let grant_type = req.param("grant_type")?;
    let client_id = req.param("client_id")?;
    let app = find_app(&st, client_id)
        .ok_or_else(|| req.bad("unauthorized_client", 700016, &unknown_app(client_id)))?;
    let secret = form.contains_key("client_secret") || form.contains_key("client_assertion");
    if req.origin.is_some() && secret {
        let text = "AADSTS700025: Client is public so neither 'client_assertion' nor 'client_secret' should be presented.";
        let status = StatusCode::UNAUTHORIZED;
        return Err(AadError::new(
            &st,
            &req.ids,
            status,
            "invalid_client",
            700025,
            text,
        ));
    }
    match grant_type {
        "authorization_code" => redeem_code(&req, &app),
        "refresh_token" => redeem_refresh(&req, &app),
        other => Err(req.bad(
            "unsupported_grant_type",
            70003,
            &format!("The app requested an unsupported grant type '{other}'."),
        )),
    }
}

/// `grant_type=authorization_code`
fn redeem_code(req: &TokenRequest<'_>, app: &AppRegistration) -> Result<Response, AadError> {
    let code = req.param("code")?;
    let redirect_uri = req.param("redirect_uri")?;
    let grant = take_code(req, app, code, redirect_uri)?;
    let user = req.user(&grant.user_id)?;
    let issue = Issue {
        app,
        user: &user,
        scopes: &grant.scopes,
        nonce: grant.nonce.as_deref(),
        spa: grant.spa,
        first_issued: None,
        cp1: grant.cp1,
    };
    Ok(token_success(req.st, issue, req.form))
}

/// Checks the code and marks it redeemed, under one lock: two concurrent redemptions cannot
/// both pass.
fn take_code(
    req: &TokenRequest<'_>,
    app: &AppRegistration,
    code: &str,
    redirect_uri: &str,
) -> Result<CodeGrant, AadError> {
    let now = req.st.clock.now();
    let mut auth = req.st.auth.lock();
    let grant = auth.codes.get_mut(code).ok_or_else(|| req.malformed())?;
    if grant.client_id != app.client_id {
        return Err(req.bad("invalid_grant", 70000, "The provided value for the 'code' parameter is not valid. The code was issued to a different client."));
    }
    if grant.spa && req.origin.is_none() {
        return Err(req.spa_only());
    }
    if let (false, Some(origin)) = (grant.spa, &req.origin) {
        return Err(req.bad("invalid_request", 9002326, &format!("Cross-origin token redemption is permitted only for the 'Single-Page Application' client-type. Request origin: '{origin}'.")));
    }
    if grant.redeemed {
        return Err(req.bad("invalid_grant", 54005, "OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token."));
    }
    if now - grant.issued > Duration::seconds(CODE_LIFETIME_SECS) {
        return Err(req.bad("invalid_grant", 70008, "The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource."));
    }
    if !redirect_matches(&grant.redirect_uri, redirect_uri) || redirect_uri != grant.redirect_uri {
        return Err(req.bad("invalid_grant", 50011, &format!("The redirect URI '{redirect_uri}' specified in the request does not match the redirect URI used to request the authorization code.")));
    }
    check_verifier(req, grant)?;
    grant.redeemed = true;
    Ok(grant.clone())
}

/// PKCE: a cross-origin redemption needs a challenge; a verifier must be well formed and match.
fn check_verifier(req: &TokenRequest<'_>, grant: &CodeGrant) -> Result<(), AadError> {
    let mismatch = || {
        req.bad("invalid_grant", 501481, "The Code_Verifier does not match the code_challenge supplied in the authorization request.")
    };
    match (&grant.challenge, req.form.get("code_verifier")) {
        (None, _) if req.origin.is_some() => Err(req.bad("invalid_request", 9002325, "Proof Key for Code Exchange is required for cross-origin authorization code redemption.")),
        (None, _) => Ok(()),
        (Some(_), None) => Err(mismatch()),
        (Some(challenge), Some(verifier)) => {
            let well_formed = (43..=128).contains(&verifier.len())
                && verifier
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-._~".contains(&b));
            if !well_formed {
                let text = "Invalid size of Code_Verifier parameter.";
                return Err(req.bad("invalid_request", 501491, text));
            }
            let matches = crate::crypto::s256(verifier) == *challenge
                || (!grant.spa && verifier == challenge);
            matches.then_some(()).ok_or_else(mismatch)
        }
    }
}

/// `grant_type=refresh_token`
fn redeem_refresh(req: &TokenRequest<'_>, app: &AppRegistration) -> Result<Response, AadError> {
    let rt = req.param("refresh_token")?;
    let grant = live_refresh_grant(req, app, rt)?;
    let mut scopes = refresh_scopes(req, app, &grant)?;
    // Every consented permission, those granted since this refresh token included.
    scopes.graph = token_scopes(req.st, &grant.user_id, &app.client_id, &scopes.graph);
    let user = req.user(&grant.user_id)?;
    let issue = Issue {
        app,
        user: &user,
        scopes: &scopes,
        nonce: None,
        spa: grant.spa,
        first_issued: Some(grant.first_issued),
        cp1: grant.cp1,
    };
    Ok(token_success(req.st, issue, req.form))
}

/// The grant of refresh token `rt`, if it is this app's and still redeemable.
fn live_refresh_grant(
    req: &TokenRequest<'_>,
    app: &AppRegistration,
    rt: &str,
) -> Result<RefreshGrant, AadError> {
    let (grant, not_before) = {
        let auth = req.st.auth.lock();
        (auth.refresh.get(rt).cloned(), auth.refresh_not_before)
    };
    let grant = grant.ok_or_else(|| req.malformed())?;
    if grant.client_id != app.client_id {
        let text = "The refresh token was issued to a different client.";
        return Err(req.bad("invalid_grant", 70000, text));
    }
    if grant.spa && req.origin.is_none() {
        return Err(req.spa_only());
    }
    let now = req.st.clock.now();
    let expired_spa =
        grant.spa && now - grant.first_issued > Duration::hours(SPA_REFRESH_LIFETIME_HOURS);
    let revoked = not_before.is_some_and(|nb| grant.issued < nb);
    if expired_spa || revoked {
        let issued = grant.first_issued.format("%Y-%m-%dT%H:%M:%S%.6f");
        let text = format!("AADSTS700084: The refresh token was issued to a single page app (SPA), and therefore has a fixed, limited lifetime of 1.00:00:00, which cannot be extended. It is now expired and a new sign in request must be sent by the SPA to the sign in page. The token was issued on {issued}0Z.");
        let status = StatusCode::BAD_REQUEST;
        let e = AadError::new(req.st, &req.ids, status, "invalid_grant", 700084, &text);
        return Err(e.suberror("bad_token"));
    }
    Ok(grant)
}

/// The scopes a refresh asks for (`scope`), each consented to, else the grant's own; the
/// `offline_access` of the grant is kept.
fn refresh_scopes(
    req: &TokenRequest<'_>,
    app: &AppRegistration,
    grant: &RefreshGrant,
) -> Result<Scopes, AadError> {
    let mut scopes = grant.scopes.clone();
    let Some(requested) = req.form.get("scope") else {
        return Ok(scopes);
    };
    let asked = scopes::parse(requested, app).map_err(|(code, error, text)| {
        AadError::new(
            req.st,
            &req.ids,
            StatusCode::BAD_REQUEST,
            error,
            code,
            &text,
        )
    })?;
    let consented = req
        .st
        .auth
        .lock()
        .consents
        .get(&(grant.user_id.clone(), app.client_id.clone()))
        .cloned()
        .unwrap_or_default();
    if asked
        .graph
        .iter()
        .any(|s| !consented.iter().any(|c| scopes::implies(c, s)))
    {
        let text = format!("AADSTS65001: The user or administrator has not consented to use the application with ID '{}' named '{}'. Send an interactive authorization request for this user and resource.", app.client_id, app.display_name);
        let status = StatusCode::BAD_REQUEST;
        let e = AadError::new(req.st, &req.ids, status, "invalid_grant", 65001, &text);
        return Err(e.suberror("consent_required"));
    }
    if !asked.graph.is_empty() {
        scopes.graph = asked.graph.clone();
    }
    let offline = grant.scopes.oidc.iter().any(|s| s == "offline_access");
    scopes.oidc = asked.oidc;
    if offline && !scopes.oidc.iter().any(|s| s == "offline_access") {
        scopes.oidc.push("offline_access".into());
    }
    Ok(scopes)
}
