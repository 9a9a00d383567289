//! Issuing tokens (signed JWTs for work accounts, opaque ones for personal accounts, id_tokens)
//! and verifying the access tokens Graph receives.

use super::*;

#[allow(clippy::too_many_arguments)]
pub(super) fn token_success(
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
