//! Issuing tokens (signed JWTs for work accounts, opaque ones for personal accounts, id_tokens)
//! and verifying the access tokens Graph receives.

use std::collections::HashMap;

use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::{DateTime, Duration, Utc};
use rand::Rng;
use serde_json::json;

use super::grants::{AccessGrant, RefreshGrant, TokenProblem};
use super::scopes::Scopes;
use super::session::session_id;
use super::tenants::client_info;
use crate::config::AppRegistration;
use crate::state::Shared;
use crate::store::{AccountKind, User};
use crate::util::{b64url, random_token, stable_guid};

/// The audience of Graph access tokens.
pub const GRAPH_AUDIENCE: &str = "00000003-0000-0000-c000-000000000000";

/// What a successful token request is issued: for `app` and `user`, these scopes, and how the
/// refresh token's chain continues.
pub(super) struct Issue<'a> {
    pub(super) app: &'a AppRegistration,
    pub(super) user: &'a User,
    pub(super) scopes: &'a Scopes,
    /// The authorize request's nonce (for the id_token).
    pub(super) nonce: Option<&'a str>,
    /// Whether the code was issued to a single-page app's redirect URI.
    pub(super) spa: bool,
    /// When the refresh token chain began (`None`: it begins now).
    pub(super) first_issued: Option<DateTime<Utc>>,
    /// Whether the client is CAE-capable (`xms_cc: cp1`).
    pub(super) cp1: bool,
}

/// The token response: an access token, a refresh token for `offline_access`, an id_token for
/// `openid`, and `client_info` unless the form said `client_info=0`.
pub(super) fn token_success(st: &Shared, t: Issue<'_>, form: &HashMap<String, String>) -> Response {
    let now = st.clock.now();
    let (grant, lifetime) = access_grant(st, t.user, &t.app.client_id, &t.scopes.graph, t.cp1);
    let scope = t
        .scopes
        .graph
        .iter()
        .chain(t.scopes.oidc.iter().filter(|s| *s != "offline_access"));
    let mut body = json!({
        "token_type": "Bearer",
        "scope": scope.cloned().collect::<Vec<_>>().join(" "),
        "expires_in": lifetime,
        "ext_expires_in": lifetime,
        "access_token": mint_access_token(st, t.user, &grant),
    });
    if t.scopes.oidc.iter().any(|s| s == "offline_access") {
        body["refresh_token"] = json!(refresh_token(st, &t, now));
    }
    if t.scopes.oidc.iter().any(|s| s == "openid") {
        body["id_token"] = json!(id_token(st, t.app, t.user, t.scopes, t.nonce, now));
    }
    if form.get("client_info").map(|v| v == "1").unwrap_or(true) {
        body["client_info"] = json!(client_info(t.user));
    }
    let mut r = Json(body).into_response();
    let h = r.headers_mut();
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("no-store, no-cache"),
    );
    h.insert(header::PRAGMA, HeaderValue::from_static("no-cache"));
    r
}

/// What an access token for `user` and `client_id` grants, issued now for the emulator's
/// lifetime (fixed by a setting, else a random 60–90 minutes, as Entra), and that lifetime in
/// seconds.
pub(super) fn access_grant(
    st: &Shared,
    user: &User,
    client_id: &str,
    scopes: &[String],
    cp1: bool,
) -> (AccessGrant, i64) {
    let now = st.clock.now();
    let lifetime = st
        .settings
        .access_token_lifetime
        .unwrap_or_else(|| rand::thread_rng().gen_range(3600..=5400));
    let grant = AccessGrant {
        user_id: user.id.clone(),
        client_id: client_id.to_string(),
        scopes: scopes.to_vec(),
        iat: now,
        exp: now + Duration::seconds(lifetime),
        cp1,
    };
    (grant, lifetime)
}

/// A new refresh token for `t`, remembered (old, unusable ones pruned first).
fn refresh_token(st: &Shared, t: &Issue<'_>, now: DateTime<Utc>) -> String {
    let rt = format!("1.A{}", random_token(160));
    let mut auth = st.auth.lock();
    auth.prune_refresh(now);
    auth.refresh.insert(
        rt.clone(),
        RefreshGrant {
            client_id: t.app.client_id.clone(),
            user_id: t.user.id.clone(),
            scopes: t.scopes.clone(),
            spa: t.spa,
            first_issued: t.first_issued.unwrap_or(now),
            issued: now,
            cp1: t.cp1,
        },
    );
    rt
}

pub(super) fn mint_access_token(st: &Shared, user: &User, grant: &AccessGrant) -> String {
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

pub(super) fn id_token(
    st: &Shared,
    app: &AppRegistration,
    user: &User,
    scopes: &Scopes,
    nonce: Option<&str>,
    now: DateTime<Utc>,
) -> String {
    let mut claims = json!({
        "aud": app.client_id,
        "iss": format!("{}/{}/v2.0", st.identity_base, user.tenant_id),
        "iat": now.timestamp(),
        "nbf": now.timestamp(),
        "exp": (now + Duration::hours(1)).timestamp(),
        "aio": random_token(24),
        "oid": user.id,
        "rh": format!("0.{}", random_token(24)),
        "sid": session_id(&user.id),
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

/// The Graph scopes a token carries: every delegated permission `user` has consented to for the
/// app, as Entra puts them all in the token (the requested ones first, in their order).
pub(super) fn token_scopes(
    st: &Shared,
    user_id: &str,
    client_id: &str,
    requested: &[String],
) -> Vec<String> {
    let auth = st.auth.lock();
    let Some(consented) = auth
        .consents
        .get(&(user_id.to_string(), client_id.to_string()))
    else {
        return requested.to_vec();
    };
    let mut all: Vec<String> = requested
        .iter()
        .filter(|r| consented.contains(*r))
        .cloned()
        .collect();
    all.extend(
        consented
            .iter()
            .filter(|c| !all.contains(c))
            .cloned()
            .collect::<Vec<_>>(),
    );
    all
}
