//! Token endpoint answers, as the oauth2 crate reads them: the identity platform's token and
//! error bodies (oauth2's `TokenResponse` and `ErrorResponse` traits), the token set kept, the
//! signed-in account (from the id_token, which is ours to read; access tokens never are) and
//! expiry arithmetic.

use std::time::Duration;

use oauth2::basic::BasicTokenType;
use oauth2::{RequestTokenError, Scope, TokenResponse};
use serde::{Deserialize, Serialize};

use super::error::AuthError;
use super::secret::{AccessToken, CsrfToken, IdToken, RefreshToken};
use crate::http::SendError;
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

/// The token endpoint's success body: RFC 6749 section 5.1 plus the identity platform's
/// `id_token`. Unknown properties (`ext_expires_in`, `client_info`, …) are ignored.
#[derive(Debug, Deserialize, Serialize)]
pub struct MsTokenResponse {
    access_token: AccessToken,
    #[serde(deserialize_with = "oauth2::helpers::deserialize_untagged_enum_case_insensitive")]
    token_type: BasicTokenType,
    /// A number, though some services send it as a string.
    #[serde(default, deserialize_with = "seconds")]
    expires_in: Option<u64>,
    #[serde(default)]
    refresh_token: Option<RefreshToken>,
    #[serde(
        rename = "scope",
        default,
        deserialize_with = "oauth2::helpers::deserialize_space_delimited_vec"
    )]
    scopes: Option<Vec<Scope>>,
    #[serde(default)]
    id_token: Option<IdToken>,
}

fn seconds<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Seconds {
        Number(u64),
        Text(String),
    }
    Ok(match Option::<Seconds>::deserialize(d)? {
        Some(Seconds::Number(n)) => Some(n),
        Some(Seconds::Text(t)) => Some(
            t.parse()
                .map_err(|_| serde::de::Error::custom("not a number of seconds"))?,
        ),
        None => None,
    })
}

impl TokenResponse for MsTokenResponse {
    type TokenType = BasicTokenType;

    fn access_token(&self) -> &AccessToken {
        &self.access_token
    }
    fn token_type(&self) -> &BasicTokenType {
        &self.token_type
    }
    fn expires_in(&self) -> Option<Duration> {
        self.expires_in.map(Duration::from_secs)
    }
    fn refresh_token(&self) -> Option<&RefreshToken> {
        self.refresh_token.as_ref()
    }
    fn scopes(&self) -> Option<&Vec<Scope>> {
        self.scopes.as_ref()
    }
}

/// The identity platform's error body: RFC 6749 section 5.2 plus the AADSTS codes and the
/// `suberror` that tell what the user can do.
#[derive(Debug, Deserialize, Serialize)]
pub struct MsErrorResponse {
    error: String,
    #[serde(default)]
    error_description: String,
    #[serde(default)]
    error_codes: Vec<u32>,
    #[serde(default)]
    suberror: Option<String>,
}

impl std::fmt::Display for MsErrorResponse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.error, self.error_description)
    }
}

impl oauth2::ErrorResponse for MsErrorResponse {}

/// What a failed token request means for the caller. Bodies are never quoted (they may hold
/// tokens); a malformed answer is described by where it went wrong.
pub fn request_error(e: RequestTokenError<SendError, MsErrorResponse>) -> AuthError {
    match e {
        RequestTokenError::ServerResponse(f) => AuthError::from_oauth(
            &f.error,
            &f.error_codes,
            f.suberror.as_deref(),
            &f.error_description,
        ),
        RequestTokenError::Request(SendError(why)) => AuthError::Network(why),
        RequestTokenError::Parse(e, _) => {
            let inner = e.inner().to_string();
            AuthError::InvalidResponse(match e.path().to_string().as_str() {
                "." if inner.starts_with("missing field") => format!("token response: {inner}"),
                "." => "the answer is not an OAuth JSON body".into(),
                at => format!("token response: '{at}' is invalid"),
            })
        }
        RequestTokenError::Other(why) => AuthError::InvalidResponse(why),
    }
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

/// Reads the account from an id_token, checking the nonce (in constant time) when one is
/// expected. (The signature is the token endpoint's word over TLS, received directly: the code
/// flow's id_token needs no further validation for display purposes.)
pub fn account_from_id_token(
    id_token: &IdToken,
    expected_nonce: Option<&CsrfToken>,
) -> Result<Account, AuthError> {
    let payload = id_token
        .secret()
        .split('.')
        .nth(1)
        .and_then(b64url_decode)
        .ok_or_else(|| AuthError::InvalidResponse("the id_token is not a JWT".into()))?;
    let claims: IdClaims = serde_json::from_slice(&payload)
        .map_err(|_| AuthError::InvalidResponse("the id_token's claims are not JSON".into()))?;
    if let Some(expected) = expected_nonce {
        if claims.nonce.map(CsrfToken::new).as_ref() != Some(expected) {
            return Err(AuthError::NonceMismatch);
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

/// The token set from a token response received at `now_ms`: a bearer token with a lifetime,
/// and the account when an id_token came (its nonce checked when one is expected).
pub fn token_set(
    r: MsTokenResponse,
    now_ms: f64,
    expected_nonce: Option<&CsrfToken>,
) -> Result<TokenSet, AuthError> {
    if r.token_type != BasicTokenType::Bearer {
        return Err(AuthError::InvalidResponse(format!(
            "unsupported token type '{}'",
            r.token_type.as_ref()
        )));
    }
    let expires_in = r
        .expires_in
        .filter(|e| *e > 0)
        .ok_or_else(|| AuthError::InvalidResponse("expires_in is missing or invalid".into()))?;
    let account = match &r.id_token {
        Some(t) => Some(account_from_id_token(t, expected_nonce)?),
        None => None,
    };
    Ok(TokenSet {
        access_token: r.access_token,
        expires_at_ms: now_ms + expires_in as f64 * 1000.0,
        scopes: r
            .scopes
            .unwrap_or_default()
            .into_iter()
            .map(|s| s.to_string())
            .filter(|s| !s.is_empty())
            .collect(),
        refresh_token: r.refresh_token,
        account,
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::util::b64url;

    pub(crate) fn id_token(claims: serde_json::Value) -> String {
        format!(
            "{}.{}.sig",
            b64url(r#"{"alg":"RS256"}"#),
            b64url(claims.to_string())
        )
    }

    fn parse(body: serde_json::Value) -> MsTokenResponse {
        serde_json::from_value(body).unwrap()
    }

    fn nonce(n: &str) -> CsrfToken {
        CsrfToken::new(n.into())
    }

    #[test]
    fn parses_a_success_with_account_and_expiry() {
        let id = id_token(
            serde_json::json!({"name": "Adele Vance", "preferred_username": "AdeleV@contoso.com", "tid": "t1", "oid": "o1", "nonce": "n1"}),
        );
        let r = parse(serde_json::json!({
            "token_type": "Bearer", "scope": "User.Read Files.Read openid", "expires_in": 3599, "ext_expires_in": 3599,
            "access_token": "opaque-token-not-a-jwt", "refresh_token": "rt", "id_token": id, "client_info": "x", "unknown_field": true,
        }));
        let t = token_set(r, 1_000_000.0, Some(&nonce("n1"))).unwrap();
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
        let body = serde_json::json!({"token_type": "Bearer", "expires_in": "3600", "access_token": "a", "id_token": id});
        assert_eq!(
            token_set(parse(body.clone()), 0.0, Some(&nonce("n1"))).unwrap_err(),
            AuthError::NonceMismatch
        );
        assert!(
            token_set(parse(body), 0.0, None).is_ok(),
            "refreshes carry no nonce check"
        );
        let none = id_token(serde_json::json!({"name": "x"}));
        let body = serde_json::json!({"token_type": "bearer", "expires_in": 1, "access_token": "a", "id_token": none});
        assert_eq!(
            token_set(parse(body), 0.0, Some(&nonce("n1"))).unwrap_err(),
            AuthError::NonceMismatch
        );
    }

    #[test]
    fn missing_expiry_and_other_token_types_are_refused() {
        let missing = parse(serde_json::json!({"token_type": "Bearer", "access_token": "a"}));
        assert!(matches!(
            token_set(missing, 0.0, None).unwrap_err(),
            AuthError::InvalidResponse(_)
        ));
        let pop =
            parse(serde_json::json!({"token_type": "pop", "expires_in": 1, "access_token": "a"}));
        assert!(token_set(pop, 0.0, None).is_err());
        let not_a_jwt = parse(
            serde_json::json!({"token_type": "Bearer", "expires_in": 1, "access_token": "a", "id_token": "garbage"}),
        );
        assert!(matches!(
            token_set(not_a_jwt, 0.0, None).unwrap_err(),
            AuthError::InvalidResponse(_)
        ));
    }

    #[test]
    fn debug_of_a_response_shows_no_token() {
        let r = parse(
            serde_json::json!({"token_type": "Bearer", "expires_in": 1, "access_token": "secret-at", "refresh_token": "secret-rt", "id_token": "secret-id"}),
        );
        let shown = format!("{r:?}");
        assert!(!shown.contains("secret"), "{shown}");
    }
}
