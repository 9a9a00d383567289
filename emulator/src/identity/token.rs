//! `/token`: code redemption with PKCE and the SPA cross-origin rules, refresh-token rotation
//! with the 24-hour SPA limit, and the identity platform's error bodies.

use super::*;

pub(super) fn token_error(
    st: &Shared,
    ids: &Ids,
    status: StatusCode,
    error: &str,
    code: u32,
    text_with_code: &str,
    suberror: Option<&str>,
) -> Response {
    let now = st.clock.now();
    let mut body = json!({
        "error": error,
        "error_description": aad_description_raw(text_with_code, ids, now),
        "error_codes": [code],
        "timestamp": aad_timestamp(now),
        "trace_id": ids.trace,
        "correlation_id": ids.correlation,
        "error_uri": format!("{}/error?code={code}", st.identity_base),
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
    RawQuery(query): RawQuery,
    headers: HeaderMap,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    let ids = Ids::from_request(&headers, query.as_deref());
    let bad = |error: &str, code: u32, text: &str| {
        token_error(
            &st,
            &ids,
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
        return tenant_not_found(&st, &tenant, &ids);
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
        return token_error(&st, &ids, StatusCode::UNAUTHORIZED, "invalid_client", 700025, "AADSTS700025: Client is public so neither 'client_assertion' nor 'client_secret' should be presented.", None);
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
                    &ids,
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
                            return token_error(&st, &ids, StatusCode::BAD_REQUEST, "invalid_grant", 65001, &format!("AADSTS65001: The user or administrator has not consented to use the application with ID '{}' named '{}'. Send an interactive authorization request for this user and resource.", app.client_id, app.display_name), Some("consent_required"));
                        }
                        if !req.graph.is_empty() {
                            scopes.graph = req.graph.clone();
                        }
                        scopes.oidc = req.oidc.clone();
                        if grant.scopes.oidc.iter().any(|s| s == "offline_access")
                            && !scopes.oidc.iter().any(|s| s == "offline_access")
                        {
                            scopes.oidc.push("offline_access".into());
                        }
                    }
                    Err((code, error, text)) => {
                        return token_error(
                            &st,
                            &ids,
                            StatusCode::BAD_REQUEST,
                            error,
                            code,
                            &text,
                            None,
                        );
                    }
                }
            }
            // Every consented permission, those granted since this refresh token included.
            scopes.graph = token_scopes(&st, &grant.user_id, &app.client_id, &scopes.graph);
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
