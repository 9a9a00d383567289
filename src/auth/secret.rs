//! Secret values: tokens, codes and verifiers never reach `Debug`, logs or error messages.
//!
//! The OAuth secrets are the oauth2 crate's types (their `Debug` is redacted; with the
//! `timing-resistant-secret-traits` feature their equality compares SHA-256 digests, so a
//! `state` or `nonce` check takes the same time whatever the input). The id_token, which
//! oauth2 does not know, gets the same treatment here.

use std::fmt;

pub use oauth2::{AccessToken, AuthorizationCode, CsrfToken, PkceCodeVerifier, RefreshToken};

/// An OpenID Connect id_token (a JWT the widget reads the account from).
#[derive(Clone, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct IdToken(String);

impl IdToken {
    /// Wraps an id_token.
    #[cfg(test)]
    pub fn new(value: String) -> Self {
        IdToken(value)
    }

    /// The token itself.
    pub fn secret(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for IdToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("IdToken([redacted])")
    }
}

/// Whether a token can be sent as `Authorization: Bearer …`: RFC 6750's `b64token` (letters,
/// digits, `-._~+/`, then `=` padding), as JWTs and opaque tokens are. Says nothing else about
/// the token, which stays opaque.
pub fn is_bearer_safe(token: &AccessToken) -> bool {
    let body = token.secret().trim_end_matches('=');
    !body.is_empty()
        && body
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-._~+/".contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bearer_tokens_are_b64tokens() {
        for ok in ["eyJ0.eyJ1.c2ln", "EwB+abc/def==", "a-b_c~d"] {
            assert!(is_bearer_safe(&AccessToken::new(ok.into())), "{ok}");
        }
        for bad in [
            "",
            "===",
            "a b",
            "abc\r\nX-Injected: 1",
            "tök",
            "a,b",
            "\"quoted\"",
        ] {
            assert!(!is_bearer_safe(&AccessToken::new(bad.into())), "{bad:?}");
        }
    }

    #[test]
    fn debug_never_shows_the_secret() {
        let t = AccessToken::new("eyJ.secret.sig".into());
        assert_eq!(format!("{t:?}"), "AccessToken([redacted])");
        assert_eq!(t.secret(), "eyJ.secret.sig");
        for shown in [
            format!("{:?}", PkceCodeVerifier::new("secret".into())),
            format!("{:?}", RefreshToken::new("secret".into())),
            format!("{:?}", AuthorizationCode::new("secret".into())),
            format!("{:?}", CsrfToken::new("secret".into())),
            format!("{:?}", IdToken::new("secret".into())),
        ] {
            assert!(shown.ends_with("([redacted])"), "{shown}");
        }
    }

    #[test]
    fn secrets_compare_by_value() {
        // Constant-time (digest) equality, from oauth2's timing-resistant-secret-traits.
        assert_eq!(CsrfToken::new("abc".into()), CsrfToken::new("abc".into()));
        assert_ne!(CsrfToken::new("abc".into()), CsrfToken::new("abd".into()));
        assert_ne!(CsrfToken::new("abc".into()), CsrfToken::new("abcd".into()));
    }
}
