//! The token broker of a nested app authentication (NAA) host: what Teams or Outlook does with a
//! `NestedAppAuthRequest` from the app it frames. The host is signed in (the identity platform's
//! session cookie); it gets tokens for the app's client id when the app's registration has the
//! `brk-multihub://<app origin>` single-page-app redirect URI, as Entra requires; it asks the user
//! for consent only on `GetTokenPopup`, and answers `GetToken` with `USER_INTERACTION_REQUIRED`
//! while consent is missing. The envelope is JSON from a page: everything in it is checked.

use serde_json::{json, Map, Value};

use super::error::aad_description;
use super::issue::{access_grant, id_token, mint_access_token, token_scopes};
use super::request::redirect_matches;
use super::scopes::{self, Scopes};
use super::tenants::{audience_admits, find_app, unknown_app};
use crate::config::AppRegistration;
use crate::state::Shared;
use crate::store::User;
use crate::util::host_and_port;

/// The host's SDK name and version (`GetInitContext`).
const SDK: (&str, &str) = ("onedrive-picker-emulator-host", "1.0");

/// The failure statuses a bridge reply may carry (`error.status`).
pub const STATUSES: &[&str] = &[
    "USER_INTERACTION_REQUIRED",
    "USER_CANCEL",
    "NO_NETWORK",
    "TRANSIENT_ERROR",
    "PERSISTENT_ERROR",
    "DISABLED",
    "ACCOUNT_UNAVAILABLE",
    "NESTED_APP_AUTH_UNAVAILABLE",
];

/// One request the host page passes on: the app's envelope as it came, the framed app's origin
/// (the host knows it from the message event), whether the user has just consented in the host's
/// prompt, and the failure the host was told to simulate.
pub struct Call<'a> {
    /// The app's message: a JSON string.
    pub envelope: &'a str,
    /// The framed app's origin (`http://localhost:5173`).
    pub app_origin: &'a str,
    /// The host's consent prompt was accepted for this request.
    pub consented: bool,
    /// The host's consent prompt was cancelled.
    pub declined: bool,
    /// A status from [`STATUSES`] to answer token requests with.
    pub fault: Option<&'a str>,
}

/// What the host does with a request.
#[derive(Debug, PartialEq)]
pub enum Outcome {
    /// Post this reply envelope back to the app.
    Reply(Value),
    /// Ask the user first (then call again with `consented`): the app's name and the scopes.
    Ask { app: String, scopes: Vec<String> },
    /// Not an envelope this host can answer (no request id to answer): nothing is sent.
    Ignore,
}

/// What the host does with `call`, for the host's signed-in user `user_id`.
pub fn broker(st: &Shared, user_id: Option<&str>, call: &Call<'_>) -> Outcome {
    let Some(env) = serde_json::from_str::<Value>(call.envelope)
        .ok()
        .filter(|v| v["messageType"] == "NestedAppAuthRequest")
    else {
        return Outcome::Ignore;
    };
    let Some(request_id) = env["requestId"].as_str().filter(|r| valid_id(r)) else {
        return Outcome::Ignore;
    };
    let store = st.store.read();
    let user = user_id.and_then(|id| store.user(id));
    let answer = match (env["method"].as_str(), user) {
        (_, None) => Err(failure(
            "ACCOUNT_UNAVAILABLE",
            None,
            "The host is not signed in.",
        )),
        (Some("GetInitContext"), Some(user)) => Ok(init_context(st, user)),
        (Some(m @ ("GetToken" | "GetTokenPopup")), Some(user)) => {
            token(st, user, &env["tokenParams"], m == "GetTokenPopup", call)
        }
        _ => Err(failure(
            "PERSISTENT_ERROR",
            Some("unsupported_method"),
            "The host does not support this method.",
        )),
    };
    match answer {
        Ok(Step::Done(mut fields)) => {
            fields.insert("success".into(), json!(true));
            Outcome::Reply(envelope(request_id, fields))
        }
        Ok(Step::Ask { app, scopes }) => Outcome::Ask { app, scopes },
        Err(error) => {
            let mut fields = Map::new();
            fields.insert("success".into(), json!(false));
            fields.insert("error".into(), error);
            Outcome::Reply(envelope(request_id, fields))
        }
    }
}

enum Step {
    Done(Map<String, Value>),
    Ask { app: String, scopes: Vec<String> },
}

fn valid_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= 64 && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

fn envelope(request_id: &str, fields: Map<String, Value>) -> Value {
    let mut v = json!({ "messageType": "NestedAppAuthResponse", "requestId": request_id });
    v.as_object_mut().unwrap().extend(fields);
    v
}

fn failure(status: &str, code: Option<&str>, description: &str) -> Value {
    let mut e = json!({ "status": status, "description": description });
    if let Some(c) = code {
        e["code"] = json!(c);
    }
    e
}

/// The environment (authority host) accounts are reported in: the identity platform's host.
fn environment(st: &Shared) -> String {
    host_and_port(&st.identity_base).unwrap_or_default()
}

fn home_account_id(user: &User) -> String {
    format!("{}.{}", user.id, user.tenant_id)
}

fn init_context(st: &Shared, user: &User) -> Step {
    let mut m = Map::new();
    m.insert(
        "initContext".into(),
        json!({
            "sdkName": SDK.0,
            "sdkVersion": SDK.1,
            "capabilities": { "queryAccount": false },
            "accountContext": {
                "homeAccountId": home_account_id(user),
                "environment": environment(st),
                "tenantId": user.tenant_id,
            },
        }),
    );
    Step::Done(m)
}

fn token(
    st: &Shared,
    user: &User,
    params: &Value,
    interactive: bool,
    call: &Call<'_>,
) -> Result<Step, Value> {
    if let Some(status) = call.fault.filter(|f| STATUSES.contains(f)) {
        return Err(failure(
            status,
            None,
            "The host was told to refuse (emulator fault).",
        ));
    }
    if call.declined {
        return Err(failure(
            "USER_CANCEL",
            Some("user_cancelled"),
            "The user cancelled the host's consent prompt.",
        ));
    }
    let app = admitted_app(st, user, params, call.app_origin)?;
    let mut scopes = scopes::parse(params["scope"].as_str().unwrap_or_default(), &app).map_err(
        |(code, error, text)| failure("PERSISTENT_ERROR", Some(error), &described(st, code, &text)),
    )?;
    let missing = missing_consent(st, user, &app, &scopes);
    if !missing.is_empty() && !call.consented {
        if !interactive {
            return Err(failure(
                "USER_INTERACTION_REQUIRED",
                Some("consent_required"),
                &described(st, 65001, &format!("The user or administrator has not consented to use the application with ID '{}' named '{}'.", app.client_id, app.display_name)),
            ));
        }
        return Ok(Step::Ask {
            app: app.display_name.clone(),
            scopes: missing,
        });
    }
    if call.consented {
        let mut auth = st.auth.lock();
        let key = (user.id.clone(), app.client_id.clone());
        auth.consents
            .entry(key)
            .or_default()
            .extend(scopes.graph.iter().cloned());
    }
    scopes.graph = token_scopes(st, &user.id, &app.client_id, &scopes.graph);
    Ok(Step::Done(issued(st, user, &app, scopes)))
}

fn described(st: &Shared, code: u32, text: &str) -> String {
    let text = text
        .strip_prefix(&format!("AADSTS{code}: "))
        .unwrap_or(text);
    aad_description(code, text, st.clock.now())
}

/// The app the request names, when it may have tokens for `user` through this host.
fn admitted_app(
    st: &Shared,
    user: &User,
    params: &Value,
    app_origin: &str,
) -> Result<AppRegistration, Value> {
    let client_id = params["clientId"].as_str().unwrap_or_default();
    let app = find_app(st, client_id).ok_or_else(|| {
        failure(
            "PERSISTENT_ERROR",
            Some("invalid_client"),
            &described(st, 700016, &unknown_app(client_id)),
        )
    })?;
    check_redirect(st, &app, app_origin)?;
    check_account(user, params)?;
    if !audience_admits(&app, user) {
        return Err(failure(
            "ACCOUNT_UNAVAILABLE",
            Some("unauthorized_client"),
            &described(
                st,
                50020,
                "The signed-in account cannot use this application.",
            ),
        ));
    }
    Ok(app)
}

/// The app's registration must carry `brk-multihub://<the framed app's origin>`.
fn check_redirect(st: &Shared, app: &AppRegistration, app_origin: &str) -> Result<(), Value> {
    let broker_uri = url::Url::parse(app_origin)
        .ok()
        .filter(|u| matches!(u.scheme(), "http" | "https"))
        .and_then(|u| host_and_port(u.as_str()))
        .map(|authority| format!("brk-multihub://{authority}"));
    let registered = broker_uri
        .as_deref()
        .is_some_and(|b| app.spa_redirect_uris.iter().any(|r| redirect_matches(r, b)));
    if registered {
        return Ok(());
    }
    Err(failure(
        "PERSISTENT_ERROR",
        Some("invalid_request"),
        &described(st, 50011, &format!(
            "The redirect URI '{}' specified in the request does not match the redirect URIs configured for the application '{}'. Nested app authentication needs a single-page application redirect URI 'brk-multihub://' followed by the app's origin.",
            broker_uri.unwrap_or_default(),
            app.client_id
        )),
    ))
}

/// An app that names an account (`platformBrokerId`, or a `login_hint` among its extra
/// parameters) gets tokens only for the host's own account.
fn check_account(user: &User, params: &Value) -> Result<(), Value> {
    let other_id = params["platformBrokerId"]
        .as_str()
        .is_some_and(|id| !id.is_empty() && !id.eq_ignore_ascii_case(&home_account_id(user)));
    let hint = &params["extraParameters"];
    let other_hint = ["login_hint", "loginHint"]
        .iter()
        .filter_map(|k| hint[*k].as_str())
        .any(|h| !h.is_empty() && !h.eq_ignore_ascii_case(&user.upn));
    if other_id || other_hint {
        return Err(failure(
            "ACCOUNT_UNAVAILABLE",
            Some("account_unavailable"),
            "The account the app asked for is not the host's signed-in account.",
        ));
    }
    Ok(())
}

fn missing_consent(
    st: &Shared,
    user: &User,
    app: &AppRegistration,
    scopes: &Scopes,
) -> Vec<String> {
    let auth = st.auth.lock();
    let granted = auth.consents.get(&(user.id.clone(), app.client_id.clone()));
    scopes
        .graph
        .iter()
        .filter(|s| !granted.is_some_and(|g| g.iter().any(|x| scopes::implies(x, s))))
        .cloned()
        .collect()
}

/// The token and the account, as the host answers them.
fn issued(
    st: &Shared,
    user: &User,
    app: &AppRegistration,
    mut scopes: Scopes,
) -> Map<String, Value> {
    let now = st.clock.now();
    let (grant, lifetime) = access_grant(st, user, &app.client_id, &scopes.graph, false);
    // The host always returns an id token with the profile claims.
    scopes.oidc = ["openid", "profile", "email"].map(String::from).to_vec();
    let id = id_token(st, app, user, &scopes, None, now);
    let scope: Vec<String> = scopes
        .graph
        .iter()
        .chain(scopes.oidc.iter())
        .cloned()
        .collect();
    let mut m = Map::new();
    m.insert(
        "token".into(),
        json!({
            "access_token": mint_access_token(st, user, &grant),
            "expires_in": lifetime,
            "id_token": id,
            "scope": scope.join(" "),
            "authority": format!("{}/{}", st.identity_base, user.tenant_id),
        }),
    );
    m.insert(
        "account".into(),
        json!({
            "environment": environment(st),
            "username": user.upn,
            "homeAccountId": home_account_id(user),
            "tenantId": user.tenant_id,
            "localAccountId": user.id,
            "name": user.display_name,
            "loginHint": user.upn,
        }),
    );
    m
}
