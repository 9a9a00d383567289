//! `/authorize`: the sign-in and consent pages, their opener policy, and codes back to the
//! redirect URI. The sign-in session they keep is in [`super::session`].

use std::collections::HashMap;

use axum::extract::{Form, Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{Html, IntoResponse, Response};
use chrono::Duration;

use super::error::aad_description;
use super::grants::{CodeGrant, CODE_LIFETIME_SECS};
use super::issue::token_scopes;
use super::pages;
use super::request::{admissible, validate, Authorize, Mode, Refusal};
use super::scopes::{self};
use super::session::{session_accounts, session_cookie, session_id};
use super::tenants::{client_info, find_app};
use crate::crypto::Sealed;
use crate::state::Shared;
use crate::store::User;
use crate::util::{random_token, stable_guid};

/// Entra's sign-in pages send `Cross-Origin-Opener-Policy: same-origin`: a popup that navigates
/// there loses its `opener`, and the page that opened it may read `closed` as true while it is
/// open. Clients must bring the answer back another way (a same-origin `BroadcastChannel`).
pub fn isolate_opener(mut r: Response) -> Response {
    r.headers_mut().insert(
        "cross-origin-opener-policy",
        HeaderValue::from_static("same-origin"),
    );
    r
}

/// Whether the sign-in pages of this authorize request send `Cross-Origin-Opener-Policy`: yes,
/// unless the app opted out (`authenticationBehaviors.coopEnforcement: false`, as apps made
/// before Entra's enforcement date may) or MSAL.js says it checked the opener (`pocd=1`).
fn opener_isolated(st: &Shared, q: &HashMap<String, String>) -> bool {
    let opted_out = q
        .get("client_id")
        .and_then(|c| find_app(st, c))
        .is_some_and(|a| a.coop_enforcement == Some(false));
    !opted_out && q.get("pocd").map(String::as_str) != Some("1")
}

fn with_opener_policy(isolated: bool, r: Response) -> Response {
    match isolated {
        true => isolate_opener(r),
        false => r,
    }
}

/// `GET /{tenant}/oauth2/v2.0/authorize`
pub async fn authorize_get(
    State(st): State<Shared>,
    Path(tenant): Path<String>,
    Query(q): Query<HashMap<String, String>>,
    headers: HeaderMap,
    uri: axum::http::Uri,
) -> Response {
    let isolated = opener_isolated(&st, &q);
    with_opener_policy(isolated, sign_in_page(st, tenant, q, headers, uri))
}

/// The account that answers without a page: the one `sid` names, the hinted one if signed in,
/// or the only one signed in — unless the prompt asks for the page.
fn choose(
    req: &Authorize,
    candidates: &[User],
    session: &[String],
    signed_in: &[&User],
    by_sid: &Option<Option<User>>,
) -> Option<User> {
    let hinted = req.login_hint.as_deref().map(|h| {
        candidates
            .iter()
            .find(|u| u.upn.eq_ignore_ascii_case(h))
            .cloned()
    });
    match (req.prompt.as_deref(), by_sid, &hinted) {
        (Some("login" | "select_account"), _, _) => None,
        (_, Some(found), _) => found.clone(),
        (_, None, Some(Some(u))) if session.contains(&u.id) => Some(u.clone()),
        (_, None, Some(_)) => None,
        _ if signed_in.len() == 1 => Some(signed_in[0].clone()),
        _ => None,
    }
}

/// A silent sign-in (`prompt=none`) no account can answer.
fn silent_failure(st: &Shared, req: &Authorize, several: bool) -> Response {
    let (error, code, text) = if several {
        ("interaction_required", 16000, "Either multiple user identities are available for the current request or selected account is not supported for the scenario.")
    } else {
        (
            "login_required",
            50058,
            "A silent sign-in request was sent but no user is signed in.",
        )
    };
    let description = aad_description(code, text, st.clock.now());
    redirect_error(req, error, &description, None)
}

fn sign_in_page(
    st: Shared,
    tenant: String,
    q: HashMap<String, String>,
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
    // `sid` (an id_token's) names one of the signed-in sessions: how a client renews a known
    // account silently when several are signed in.
    let by_sid = q.get("sid").map(|sid| {
        signed_in
            .iter()
            .find(|u| session_id(&u.id) == *sid)
            .map(|u| (*u).clone())
    });
    let prompt = req.prompt.as_deref();
    let chosen = choose(&req, &candidates, &session, &signed_in, &by_sid);
    match chosen {
        Some(user) => proceed(&st, &req, &user, None, None),
        None if prompt == Some("none") => {
            let several = signed_in.len() > 1 && by_sid.is_none();
            silent_failure(&st, &req, several)
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
        return isolate_opener(pages::error_page("The sign-in session is invalid or has been tampered with. Start again from the application."));
    };
    let q: HashMap<String, String> = form_urlencoded::parse(raw.as_bytes())
        .into_owned()
        .collect();
    let isolated = opener_isolated(&st, &q);
    with_opener_policy(
        isolated,
        form_answer(&st, &tenant, &q, &raw, &headers, &form),
    )
}

fn form_answer(
    st: &Shared,
    tenant: &str,
    q: &HashMap<String, String>,
    raw: &str,
    headers: &HeaderMap,
    form: &HashMap<String, String>,
) -> Response {
    let req = match validate(st, tenant, q, raw) {
        Ok(r) => r,
        Err(refusal) => return refuse(q, refusal),
    };
    let candidates = admissible(st, &req);
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
    let mut session = session_accounts(st, headers);
    let mut cookie = None;
    if form.get("action").map(String::as_str) == Some("signin") {
        session.retain(|s| *s != user.id);
        session.insert(0, user.id.clone());
        cookie = Some(session_cookie(st, &session));
    }
    let decision = match form.get("action").map(String::as_str) {
        Some("accept") => Some(true),
        Some("decline") => Some(false),
        _ => None,
    };
    proceed(st, &req, &user, decision, cookie)
}

/// After the account is known: consent, then the code.
pub(super) fn proceed(
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

pub(super) fn issue_code(st: &Shared, req: &Authorize, user: &User) -> Response {
    let now = st.clock.now();
    let code = format!("1.A{}", random_token(96));
    let mut scopes = req.scopes.clone();
    scopes.graph = token_scopes(st, &user.id, &req.app.client_id, &scopes.graph);
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
                scopes,
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

pub(super) fn redirect_error(
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

pub(super) fn refuse(q: &HashMap<String, String>, refusal: Refusal) -> Response {
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

pub(super) fn respond_to_client(
    redirect_uri: &str,
    mode: Mode,
    params: &[(String, String)],
) -> Response {
    let encoded: String = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(params.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .finish();
    match mode {
        Mode::Query => {
            let sep = if redirect_uri.contains('?') { '&' } else { '?' };
            pages::found(&format!("{redirect_uri}{sep}{encoded}"))
        }
        Mode::Fragment => pages::found(&format!("{redirect_uri}#{encoded}")),
        Mode::FormPost => Html(pages::form_post(redirect_uri, params)).into_response(),
    }
}
