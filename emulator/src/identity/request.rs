//! The authorize request: parsed and validated in the real service's order (errors about the
//! client or redirect URI stay on the page; the rest go back to the redirect URI), and the
//! accounts that may answer it.

use super::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Mode {
    Query,
    Fragment,
    FormPost,
}

/// A validated authorize request.
pub(super) struct Authorize {
    pub(super) tenant: String,
    pub(super) raw_query: String,
    pub(super) app: AppRegistration,
    pub(super) redirect_uri: String,
    pub(super) spa: bool,
    pub(super) mode: Mode,
    pub(super) state: Option<String>,
    pub(super) nonce: Option<String>,
    pub(super) prompt: Option<String>,
    pub(super) login_hint: Option<String>,
    pub(super) domain_hint: Option<String>,
    pub(super) scopes: Scopes,
    pub(super) challenge: Option<String>,
    pub(super) cp1: bool,
    pub(super) client_info: bool,
}

/// Errors the page shows, or sends back to the redirect URI.
pub(super) enum Refusal {
    Page(String),
    Redirect {
        error: &'static str,
        description: String,
        subcode: Option<&'static str>,
    },
}

pub(super) fn redirect_matches(registered: &str, requested: &str) -> bool {
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

pub(super) fn validate(
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
    let scopes = scopes::parse(scope, &app).map_err(|(_, error, text)| Refusal::Redirect {
        error,
        description: aad_description_raw(&text, &Ids::new(None), now),
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
pub(super) fn admissible(st: &Shared, req: &Authorize) -> Vec<User> {
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
