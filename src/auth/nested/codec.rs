//! The bridge's messages, DOM-free: the requests the widget sends a nested app authentication
//! host (`GetInitContext`, `GetToken`, `GetTokenPopup`) and the replies it reads, with the
//! host's failure statuses mapped onto [`AuthError`]s. Replies are a page's JSON: anything
//! malformed is an [`AuthError::InvalidResponse`].

use serde::Deserialize;
use serde_json::{json, Value};

use crate::auth::error::{AuthError, HostStatus};
use crate::auth::token::{token_set, Account, MsTokenResponse, TokenSet};

/// The library name sent as `clientLibrary`.
const LIBRARY: &str = "onedrive-picker";

/// A bridge method (named as on the wire).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[allow(clippy::enum_variant_names)]
pub enum Method {
    /// The handshake: the host's account.
    GetInitContext,
    /// A token, silently.
    GetToken,
    /// A token, the host may ask the user (consent, account).
    GetTokenPopup,
}

impl Method {
    fn as_str(self) -> &'static str {
        match self {
            Method::GetInitContext => "GetInitContext",
            Method::GetToken => "GetToken",
            Method::GetTokenPopup => "GetTokenPopup",
        }
    }
}

/// What a token request asks for.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TokenParams {
    /// The app's client id.
    pub client_id: String,
    /// The authority (`https://login.microsoftonline.com/common`).
    pub authority: String,
    /// Space-separated scopes.
    pub scope: String,
    /// The correlation id.
    pub correlation_id: String,
    /// The account to get a token for (`login_hint` among the extra parameters).
    pub login_hint: Option<String>,
    /// The host's account id (`platformBrokerId`), once the host has said it.
    pub account_id: Option<String>,
    /// Skip the host's cache.
    pub force_refresh: bool,
}

/// The request `method` with id `request_id`, sent at `now_ms` (a JSON string).
pub fn request(method: Method, request_id: &str, now_ms: f64, params: Option<&TokenParams>) -> String {
    let mut r = json!({
        "messageType": "NestedAppAuthRequest",
        "method": method.as_str(),
        "requestId": request_id,
        "sendTime": now_ms as u64,
        "clientLibrary": LIBRARY,
        "clientLibraryVersion": env!("CARGO_PKG_VERSION"),
    });
    if let Some(p) = params {
        let mut t = json!({
            "clientId": p.client_id,
            "authority": p.authority,
            "scope": p.scope,
            "correlationId": p.correlation_id,
            "authenticationScheme": "Bearer",
            "extraParameters": {},
        });
        if let Some(h) = &p.login_hint {
            t["extraParameters"]["login_hint"] = json!(h);
        }
        if let Some(id) = &p.account_id {
            t["platformBrokerId"] = json!(id);
        }
        if p.force_refresh {
            t["forceRefresh"] = json!(true);
        }
        r["tokenParams"] = t;
    }
    r.to_string()
}

/// The request id of a reply (a string or `{ data: string }`, already unwrapped), when it is a
/// reply at all: the bridge carries every app's replies, so others are passed over.
pub fn reply_id(text: &str) -> Option<String> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Head {
        message_type: String,
        request_id: String,
    }
    serde_json::from_str::<Head>(text)
        .ok()
        .filter(|h| h.message_type == "NestedAppAuthResponse")
        .map(|h| h.request_id)
}

/// The host's account, from a `GetInitContext` reply (its `homeAccountId`, when it says one).
pub fn init_reply(text: &str) -> Result<Option<String>, AuthError> {
    let v = success(text)?;
    let context = v
        .get("initContext")
        .filter(|c| c.is_object())
        .ok_or_else(|| host(HostStatus::Unavailable, None, "the host sent no init context"))?;
    Ok(context["accountContext"]["homeAccountId"]
        .as_str()
        .filter(|s| !s.is_empty())
        .map(String::from))
}

/// The tokens of a `GetToken` or `GetTokenPopup` reply received at `now_ms` for `asked`
/// (the scopes granted when the host does not list them).
pub fn token_reply(text: &str, now_ms: f64, asked: &str) -> Result<TokenSet, AuthError> {
    let v = success(text)?;
    let token = v.get("token").filter(|t| t.is_object()).ok_or_else(|| {
        AuthError::InvalidResponse("the host's reply has no token".into())
    })?;
    let mut body = token.clone();
    body["token_type"] = json!("Bearer");
    if body.get("scope").is_none_or(|s| !s.is_string()) {
        body["scope"] = json!(asked);
    }
    let response: MsTokenResponse = serde_json::from_value(body)
        .map_err(|e| AuthError::InvalidResponse(format!("the host's token: {e}")))?;
    let mut set = token_set(response, now_ms, None)?;
    set.account = set.account.or_else(|| account(&v["account"]));
    if set.account.is_none() {
        return Err(AuthError::InvalidResponse("the host's reply names no account".into()));
    }
    Ok(set)
}

/// The account of a reply, when its id token said nothing.
fn account(a: &Value) -> Option<Account> {
    let text = |k: &str| a[k].as_str().map(String::from);
    Some(Account {
        username: text("username").filter(|u| !u.is_empty())?,
        name: text("name").unwrap_or_default(),
        tenant_id: text("tenantId").unwrap_or_default(),
        object_id: text("localAccountId").unwrap_or_default(),
    })
}

/// The reply, when it says `success`; its error, mapped, when not.
fn success(text: &str) -> Result<Value, AuthError> {
    let v: Value = serde_json::from_str(text)
        .map_err(|_| AuthError::InvalidResponse("the host's reply is not JSON".into()))?;
    match v["success"].as_bool() {
        Some(true) => Ok(v),
        Some(false) => Err(failure(&v["error"])),
        None => Err(AuthError::InvalidResponse("the host's reply says neither success nor failure".into())),
    }
}

fn host(status: HostStatus, code: Option<String>, description: &str) -> AuthError {
    AuthError::Host {
        status,
        code,
        description: description.to_string(),
    }
}

/// A bridge error (`{ status, code?, description? }`) as the widget's error.
pub fn failure(e: &Value) -> AuthError {
    let code = e["code"].as_str().map(String::from);
    let description: String = e["description"].as_str().unwrap_or_default().chars().take(500).collect();
    let status = match e["status"].as_str().unwrap_or_default() {
        "USER_INTERACTION_REQUIRED" => {
            let consent = code.as_deref() == Some("consent_required")
                || e["subError"].as_str() == Some("consent_required");
            return AuthError::InteractionRequired {
                code: crate::auth::error::aadsts_code(&description),
                consent,
                description,
            };
        }
        "USER_CANCEL" => HostStatus::Cancelled,
        "NO_NETWORK" => HostStatus::NoNetwork,
        "TRANSIENT_ERROR" => HostStatus::Transient,
        "DISABLED" => HostStatus::Disabled,
        "ACCOUNT_UNAVAILABLE" => HostStatus::AccountUnavailable,
        "NESTED_APP_AUTH_UNAVAILABLE" => HostStatus::Unavailable,
        _ => HostStatus::Persistent,
    };
    AuthError::Host {
        status,
        code,
        description,
    }
}

#[cfg(test)]
#[path = "codec_tests.rs"]
mod tests;
