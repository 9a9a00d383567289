//! Token endpoint answers: the token set, the signed-in account (from the id_token, which is
//! ours to read; access tokens never are), expiry arithmetic, and error bodies.

use serde::Deserialize;

use super::error::AuthError;
use super::pkce::constant_time_eq;
use super::secret::{AccessToken, RefreshToken};
use crate::http::HttpResponse;
use crate::util::b64url_decode;

/// Refresh this long before expiry (as MSAL does).
pub const RENEW_BEFORE_MS: f64 = 300_000.0;

/// The signed-in account, as shown to the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Account {
    /// Display name.
    pub name: String,
    /// Sign-in name (`preferred_username`).
    pub username: String,
    /// Tenant id (`9188040d-6c67-4c5b-b112-36a304b66dad` for personal accounts).
    pub tenant_id: String,
    /// Object id.
    pub object_id: String,
}

/// The personal-accounts tenant.
pub const MSA_TENANT: &str = "9188040d-6c67-4c5b-b112-36a304b66dad";

impl Account {
    /// Whether this is a personal Microsoft account.
    pub fn is_personal(&self) -> bool {
        self.tenant_id == MSA_TENANT
    }
}

/// Tokens from one token response.
#[derive(Clone, Debug)]
pub struct TokenSet {
    /// The access token (opaque).
    pub access_token: AccessToken,
    /// When it expires, in milliseconds since the epoch.
    pub expires_at_ms: f64,
    /// Granted scopes.
    pub scopes: Vec<String>,
    /// The refresh token, when `offline_access` was granted.
    pub refresh_token: Option<RefreshToken>,
    /// The account (from the id_token), when `openid` was granted.
    pub account: Option<Account>,
}

impl TokenSet {
    /// Whether the access token is still good at `now_ms`, with the renewal margin.
    pub fn is_fresh(&self, now_ms: f64) -> bool {
        now_ms + RENEW_BEFORE_MS < self.expires_at_ms
    }
}

#[derive(Deserialize)]
struct Success {
    access_token: String,
    token_type: String,
    expires_in: serde_json::Value,
    #[serde(default)]
    scope: Option<String>,
    #[serde(default)]
    refresh_token: Option<String>,
    #[serde(default)]
    id_token: Option<String>,
}

#[derive(Deserialize)]
struct Failure {
    error: String,
    #[serde(default)]
    error_description: String,
    #[serde(default)]
    error_codes: Vec<u32>,
    #[serde(default)]
    suberror: Option<String>,
}

#[derive(Deserialize)]
struct IdClaims {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    preferred_username: Option<String>,
    #[serde(default)]
    email: Option<String>,
    #[serde(default)]
    tid: Option<String>,
    #[serde(default)]
    oid: Option<String>,
    #[serde(default)]
    sub: Option<String>,
    #[serde(default)]
    nonce: Option<String>,
}

/// Reads the account from an id_token, checking the nonce when one is expected. (The signature
/// is the token endpoint's word over TLS, received directly: the code flow's id_token needs no
/// further validation for display purposes.)
pub fn account_from_id_token(
    id_token: &str,
    expected_nonce: Option<&str>,
) -> Result<Account, AuthError> {
    let payload = id_token
        .split('.')
        .nth(1)
        .and_then(b64url_decode)
        .ok_or_else(|| AuthError::InvalidResponse("the id_token is not a JWT".into()))?;
    let claims: IdClaims = serde_json::from_slice(&payload)
        .map_err(|_| AuthError::InvalidResponse("the id_token's claims are not JSON".into()))?;
    if let Some(expected) = expected_nonce {
        match &claims.nonce {
            Some(n) if constant_time_eq(n, expected) => {}
            _ => return Err(AuthError::NonceMismatch),
        }
    }
    let username = claims
        .preferred_username
        .or(claims.email)
        .unwrap_or_default();
    Ok(Account {
        name: claims.name.unwrap_or_else(|| username.clone()),
        username,
        tenant_id: claims.tid.unwrap_or_default(),
        object_id: claims.oid.or(claims.sub).unwrap_or_default(),
    })
}

/// Parses a token endpoint response received at `now_ms`.
pub fn parse_token_response(
    r: &HttpResponse,
    now_ms: f64,
    expected_nonce: Option<&str>,
) -> Result<TokenSet, AuthError> {
    if r.status != 200 {
        return Err(match serde_json::from_str::<Failure>(&r.body) {
            Ok(f) => AuthError::from_oauth(
                &f.error,
                &f.error_codes,
                f.suberror.as_deref(),
                &f.error_description,
            ),
            Err(_) => {
                AuthError::InvalidResponse(format!("HTTP {} without an OAuth error body", r.status))
            }
        });
    }
    let s: Success = serde_json::from_str(&r.body).map_err(|e| {
        AuthError::InvalidResponse(format!(
            "token response: {}",
            e.to_string().split(" at line").next().unwrap_or("")
        ))
    })?;
    if !s.token_type.eq_ignore_ascii_case("bearer") {
        return Err(AuthError::InvalidResponse(format!(
            "unsupported token type '{}'",
            s.token_type
        )));
    }
    // `expires_in` is a number, though some services send it as a string.
    let expires_in = match &s.expires_in {
        serde_json::Value::Number(n) => n.as_f64(),
        serde_json::Value::String(t) => t.parse().ok(),
        _ => None,
    }
    .filter(|e| *e > 0.0)
    .ok_or_else(|| AuthError::InvalidResponse("expires_in is missing or invalid".into()))?;
    let account = match &s.id_token {
        Some(t) => Some(account_from_id_token(t, expected_nonce)?),
        None => None,
    };
    Ok(TokenSet {
        access_token: AccessToken::new(s.access_token),
        expires_at_ms: now_ms + expires_in * 1000.0,
        scopes: s
            .scope
            .unwrap_or_default()
            .split_whitespace()
            .map(String::from)
            .collect(),
        refresh_token: s.refresh_token.map(RefreshToken::new),
        account,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::util::b64url;

    fn id_token(claims: serde_json::Value) -> String {
        format!(
            "{}.{}.sig",
            b64url(r#"{"alg":"RS256"}"#),
            b64url(claims.to_string())
        )
    }

    fn response(status: u16, body: serde_json::Value) -> HttpResponse {
        HttpResponse {
            status,
            headers: vec![],
            body: body.to_string(),
        }
    }

    #[test]
    fn parses_a_success_with_account_and_expiry() {
        let id = id_token(
            serde_json::json!({"name": "Adele Vance", "preferred_username": "AdeleV@contoso.com", "tid": "t1", "oid": "o1", "nonce": "n1"}),
        );
        let r = response(
            200,
            serde_json::json!({
                "token_type": "Bearer", "scope": "User.Read Files.Read openid", "expires_in": 3599, "ext_expires_in": 3599,
                "access_token": "opaque-token-not-a-jwt", "refresh_token": "rt", "id_token": id, "client_info": "x", "unknown_field": true,
            }),
        );
        let t = parse_token_response(&r, 1_000_000.0, Some("n1")).unwrap();
        assert_eq!(t.access_token.secret(), "opaque-token-not-a-jwt");
        assert_eq!(t.expires_at_ms, 1_000_000.0 + 3_599_000.0);
        assert_eq!(t.scopes, vec!["User.Read", "Files.Read", "openid"]);
        assert_eq!(t.account.as_ref().unwrap().username, "AdeleV@contoso.com");
        assert!(t.is_fresh(1_000_000.0));
        assert!(
            !t.is_fresh(1_000_000.0 + 3_599_000.0 - 299_000.0),
            "renewed five minutes early"
        );
        assert!(!t.account.unwrap().is_personal());
    }

    #[test]
    fn nonce_must_match() {
        let id = id_token(serde_json::json!({"nonce": "other"}));
        let r = response(
            200,
            serde_json::json!({"token_type": "Bearer", "expires_in": "3600", "access_token": "a", "id_token": id}),
        );
        assert_eq!(
            parse_token_response(&r, 0.0, Some("n1")).unwrap_err(),
            AuthError::NonceMismatch
        );
        assert!(
            parse_token_response(&r, 0.0, None).is_ok(),
            "refreshes carry no nonce check"
        );
    }

    #[test]
    fn error_bodies_and_garbage() {
        let r = response(
            400,
            serde_json::json!({"error": "invalid_grant", "error_description": "AADSTS700084: expired. Trace ID: x", "error_codes": [700084], "suberror": "bad_token", "timestamp": "t", "trace_id": "t", "correlation_id": "c"}),
        );
        assert!(matches!(
            parse_token_response(&r, 0.0, None).unwrap_err(),
            AuthError::InteractionRequired {
                code: Some(700084),
                ..
            }
        ));
        let garbage = HttpResponse {
            status: 502,
            headers: vec![],
            body: "<html>bad gateway</html>".into(),
        };
        assert!(matches!(
            parse_token_response(&garbage, 0.0, None).unwrap_err(),
            AuthError::InvalidResponse(_)
        ));
        let missing = response(
            200,
            serde_json::json!({"token_type": "Bearer", "access_token": "a"}),
        );
        assert!(matches!(
            parse_token_response(&missing, 0.0, None).unwrap_err(),
            AuthError::InvalidResponse(_)
        ));
        let pop = response(
            200,
            serde_json::json!({"token_type": "pop", "expires_in": 1, "access_token": "a"}),
        );
        assert!(parse_token_response(&pop, 0.0, None).is_err());
    }
}

/// The serialized form of a token set, for the storage the page opted into.
#[derive(serde::Serialize, Deserialize)]
struct Stored {
    access_token: String,
    expires_at_ms: f64,
    scopes: Vec<String>,
    refresh_token: Option<String>,
    account: Option<(String, String, String, String)>,
}

impl TokenSet {
    /// JSON for session or local storage (only when the page opted in).
    pub fn to_storage(&self) -> String {
        let s = Stored {
            access_token: self.access_token.secret().to_string(),
            expires_at_ms: self.expires_at_ms,
            scopes: self.scopes.clone(),
            refresh_token: self.refresh_token.as_ref().map(|r| r.secret().to_string()),
            account: self.account.as_ref().map(|a| {
                (
                    a.name.clone(),
                    a.username.clone(),
                    a.tenant_id.clone(),
                    a.object_id.clone(),
                )
            }),
        };
        serde_json::to_string(&s).unwrap_or_default()
    }

    /// Reads [`TokenSet::to_storage`] output; `None` for anything else.
    pub fn from_storage(json: &str) -> Option<TokenSet> {
        let s: Stored = serde_json::from_str(json).ok()?;
        Some(TokenSet {
            access_token: AccessToken::new(s.access_token),
            expires_at_ms: s.expires_at_ms,
            scopes: s.scopes,
            refresh_token: s.refresh_token.map(RefreshToken::new),
            account: s
                .account
                .map(|(name, username, tenant_id, object_id)| Account {
                    name,
                    username,
                    tenant_id,
                    object_id,
                }),
        })
    }
}

#[cfg(test)]
mod storage_tests {
    use super::*;

    #[test]
    fn storage_round_trip() {
        let t = TokenSet {
            access_token: AccessToken::new("at"),
            expires_at_ms: 42.0,
            scopes: vec!["User.Read".into()],
            refresh_token: Some(RefreshToken::new("rt")),
            account: Some(Account {
                name: "N".into(),
                username: "u".into(),
                tenant_id: "t".into(),
                object_id: "o".into(),
            }),
        };
        let back = TokenSet::from_storage(&t.to_storage()).unwrap();
        assert_eq!(back.access_token, t.access_token);
        assert_eq!(back.refresh_token, t.refresh_token);
        assert_eq!(back.account, t.account);
        assert!(TokenSet::from_storage("{\"garbage\":1}").is_none());
    }
}
