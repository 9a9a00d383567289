//! The sign-in session: the accounts signed in at the authority (a sealed cookie, as Entra's
//! `ESTSAUTH`), their `sid`, and `/logout`, which ends it.

use std::collections::HashMap;

use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{Html, IntoResponse, Response};

use super::pages;
use super::request::redirect_matches;
use crate::crypto::Sealed;
use crate::state::Shared;
use crate::util::stable_guid;

/// The sign-in session cookie's name.
const SESSION_COOKIE: &str = "estsauth_emu";

/// The accounts of the session cookie `headers` carry (none when it is absent or not ours).
pub(crate) fn session_accounts(st: &Shared, headers: &HeaderMap) -> Vec<String> {
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

/// The sign-in session cookie, as Entra's: `Secure; HttpOnly; SameSite=None`, so that it reaches
/// a hidden iframe on another site (`prompt=none` renewals, MSAL's `ssoSilent`). Browsers accept
/// `Secure` cookies from `http://localhost` and `http://127.0.0.1` (potentially trustworthy origins).
pub(crate) fn session_cookie(st: &Shared, accounts: &[String]) -> HeaderValue {
    let value = st.keys.seal(Sealed::Session, &accounts.join(","));
    HeaderValue::from_str(&format!(
        "{SESSION_COOKIE}={value}; Path=/; Secure; HttpOnly; SameSite=None"
    ))
    .unwrap()
}

/// The `sid` claim of `user`'s id_tokens (one sign-in session per account).
pub(super) fn session_id(user_id: &str) -> String {
    stable_guid(&format!("sid/{user_id}"))
}

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
            pages::found(&u)
        }
        None => Html(pages::signed_out()).into_response(),
    };
    response
        .headers_mut()
        .append(header::SET_COOKIE, session_cookie(&st, &session));
    response
}
