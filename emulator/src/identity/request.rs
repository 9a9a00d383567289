//! The authorize request: parsed and validated in the real service's order (errors about the
//! client or redirect URI stay on the page; the rest go back to the redirect URI), and the
//! accounts that may answer it.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::error::{aad_description, aad_description_raw, Ids};
use super::scopes::{self, Scopes};
use super::tenants::{admits, audience_admits, find_app, tenant_known, unknown_app};
use crate::config::{AppRegistration, Audience};
use crate::state::Shared;
use crate::store::{AccountKind, User, MSA_TENANT};

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

/// Builds the refusals of one authorize request (their descriptions carry its time).
struct Refuse {
    now: DateTime<Utc>,
}

impl Refuse {
    /// An error the sign-in page shows.
    fn page(&self, code: u32, text: &str) -> Refusal {
        Refusal::Page(aad_description(code, text, self.now))
    }

    /// An error sent back to the redirect URI.
    fn redirect(&self, error: &'static str, code: u32, text: &str) -> Refusal {
        Refusal::Redirect {
            error,
            description: aad_description(code, text, self.now),
            subcode: None,
        }
    }

    /// AADSTS900144 for a missing parameter, on the page.
    fn missing(&self, name: &str) -> Refusal {
        let text = format!("The request body must contain the following parameter: '{name}'.");
        self.page(900144, &text)
    }
}

/// Validates an authorize request in Entra's order: what is about the client and its redirect
/// URI is shown on the page; the rest goes back to the redirect URI.
pub(super) fn validate(
    st: &Shared,
    tenant: &str,
    q: &HashMap<String, String>,
    raw: &str,
) -> Result<Authorize, Refusal> {
    let refuse = Refuse {
        now: st.clock.now(),
    };
    let (app, redirect_uri, spa) = client(st, tenant, q, &refuse)?;
    check_audience(&app, tenant, &refuse)?;
    let mode = match q.get("response_mode").map(String::as_str) {
        None | Some("query") => Mode::Query,
        Some("fragment") => Mode::Fragment,
        Some("form_post") => Mode::FormPost,
        Some(_) => {
            let text = "The provided value for the input parameter 'response_mode' is not valid.";
            return Err(refuse.page(900144, text));
        }
    };
    let scopes = requested_scopes(q, &app, &refuse)?;
    let challenge = q.get("code_challenge").filter(|c| !c.is_empty()).cloned();
    check_challenge(challenge.as_deref(), q, spa, &refuse)?;
    let prompt = q.get("prompt").cloned();
    if let Some(p) = &prompt {
        if !matches!(p.as_str(), "login" | "none" | "consent" | "select_account") {
            return Err(refuse.redirect("invalid_request", 90023, &format!("Invalid prompt value '{p}'. Supported values: login, none, consent, select_account.")));
        }
    }
    let cp1 = q
        .get("claims")
        .and_then(|c| serde_json::from_str::<Value>(c).ok())
        .is_some_and(|c| {
            let values = c["access_token"]["xms_cc"]["values"].to_string();
            values.to_lowercase().contains("cp1")
        });
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

/// The tenant, the app and its redirect URI (and whether it is a single-page app's).
fn client(
    st: &Shared,
    tenant: &str,
    q: &HashMap<String, String>,
    refuse: &Refuse,
) -> Result<(AppRegistration, String, bool), Refusal> {
    if !tenant_known(tenant, &st.store.read()) {
        return Err(refuse.page(90002, &format!("Tenant '{tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.")));
    }
    let client_id = q
        .get("client_id")
        .filter(|c| !c.is_empty())
        .ok_or_else(|| refuse.missing("client_id"))?;
    let app =
        find_app(st, client_id).ok_or_else(|| refuse.page(700016, &unknown_app(client_id)))?;
    let redirect_uri = q
        .get("redirect_uri")
        .filter(|r| !r.is_empty())
        .cloned()
        .ok_or_else(|| refuse.missing("redirect_uri"))?;
    let registered = |uris: &[String]| uris.iter().any(|r| redirect_matches(r, &redirect_uri));
    let spa = registered(&app.spa_redirect_uris);
    if !spa && !registered(&app.web_redirect_uris) {
        return Err(refuse.page(50011, &format!("The redirect URI '{redirect_uri}' specified in the request does not match the redirect URIs configured for the application '{}'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal. Navigate to https://aka.ms/redirectUriMismatchError to learn more about how to fix this.", app.client_id)));
    }
    Ok((app, redirect_uri, spa))
}

/// The app's sign-in audience against the authority's tenant segment.
fn check_audience(app: &AppRegistration, tenant: &str, refuse: &Refuse) -> Result<(), Refusal> {
    match (app.sign_in_audience, tenant.to_ascii_lowercase().as_str()) {
        (Audience::AzureADMyOrg, "common" | "organizations" | "consumers") => {
            Err(refuse.page(50194, &format!("Application '{}'({}) is not configured as a multi-tenant application. Usage of the /common endpoint is not supported for such applications created after '10/15/2018'. Use a tenant-specific endpoint or configure the application to be multi-tenant.", app.client_id, app.display_name)))
        }
        (Audience::PersonalMicrosoftAccount, t)
            if t != "consumers" && t != MSA_TENANT && t != "common" =>
        {
            Err(refuse.page(9002331, "Application is configured for use by Microsoft Account users only. Please use the /consumers endpoint to serve this request."))
        }
        (Audience::AzureADMultipleOrgs, "consumers") => {
            Err(refuse.page(500200, "User account is a personal Microsoft account. Personal Microsoft accounts are not supported for this application unless explicitly invited to an organization."))
        }
        _ => Ok(()),
    }
}

/// `response_type=code` and the scopes, which must name a resource or `openid`.
fn requested_scopes(
    q: &HashMap<String, String>,
    app: &AppRegistration,
    refuse: &Refuse,
) -> Result<Scopes, Refusal> {
    let missing = |name: &str| {
        let text = format!("The request body must contain the following parameter: '{name}'.");
        refuse.redirect("invalid_request", 900144, &text)
    };
    match q.get("response_type").map(String::as_str) {
        Some("code") => {}
        None => return Err(missing("response_type")),
        Some(other) => {
            let text = format!("response_type '{other}' is not enabled for the application.");
            return Err(refuse.redirect("unsupported_response_type", 700054, &text));
        }
    }
    let scope = q
        .get("scope")
        .filter(|s| !s.trim().is_empty())
        .ok_or_else(|| missing("scope"))?;
    let scopes = scopes::parse(scope, app).map_err(|(_, error, text)| Refusal::Redirect {
        error,
        description: aad_description_raw(&text, &Ids::new(None), refuse.now),
        subcode: None,
    })?;
    if scopes.graph.is_empty() && !scopes.oidc.iter().any(|s| s == "openid") {
        return Err(refuse.redirect("invalid_request", 70011, "The provided value for the input parameter 'scope' is not valid. The scope must include a resource scope or 'openid'."));
    }
    Ok(scopes)
}

/// PKCE: a single-page app must send an S256 challenge; a challenge must be well formed.
fn check_challenge(
    challenge: Option<&str>,
    q: &HashMap<String, String>,
    spa: bool,
    refuse: &Refuse,
) -> Result<(), Refusal> {
    let Some(c) = challenge else {
        return match spa {
            true => Err(refuse.redirect("invalid_request", 9002325, "Proof Key for Code Exchange is required for cross-origin authorization code redemption.")),
            false => Ok(()),
        };
    };
    match q.get("code_challenge_method").map(String::as_str) {
        Some("S256") => {
            let url_safe = |b: u8| b.is_ascii_alphanumeric() || b == b'-' || b == b'_';
            if c.len() != 43 || !c.bytes().all(url_safe) {
                let text = "Invalid size of Code_Challenge parameter.";
                return Err(refuse.redirect("invalid_request", 501491, text));
            }
            Ok(())
        }
        Some("plain") | None if spa => Err(refuse.redirect("invalid_request", 50149, "The code_challenge_method 'plain' is not supported for single-page applications: use 'S256'.")),
        Some("plain") | None => Ok(()),
        Some(other) => Err(refuse.redirect("invalid_request", 50149, &format!("The code_challenge_method '{other}' is not supported. Supported values: 'S256', 'plain'."))),
    }
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
                // A tenant's domain: that tenant's accounts (a personal one belongs to none).
                Some(domain) => store.org(&u.tenant_id).is_some_and(|o| {
                    o.domain.eq_ignore_ascii_case(domain) || domain == "contoso.com"
                }),
                None => true,
            }
        })
        .cloned()
        .collect()
}
