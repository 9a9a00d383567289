//! Secret values: tokens, codes and verifiers never reach `Debug`, logs or error messages.

use std::fmt;

macro_rules! secret_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, PartialEq, Eq)]
        pub struct $name(String);

        impl $name {
            /// Wraps a secret value.
            pub fn new(value: impl Into<String>) -> Self {
                Self(value.into())
            }

            /// The secret itself: use only where it is sent to its one destination.
            pub fn secret(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, concat!(stringify!($name), "([redacted])"))
            }
        }
    };
}

secret_type!(
    /// An OAuth access token. Opaque: never parsed (personal accounts get non-JWT tokens).
    AccessToken
);
secret_type!(
    /// An OAuth refresh token.
    RefreshToken
);
secret_type!(
    /// An authorization code from the redirect.
    AuthorizationCode
);
secret_type!(
    /// A PKCE code verifier (RFC 7636).
    PkceVerifier
);

impl AccessToken {
    /// Whether the token can be sent as `Authorization: Bearer …`: RFC 6750's `b64token`
    /// (letters, digits, `-._~+/`, then `=` padding), as JWTs and opaque tokens are. Says
    /// nothing else about the token, which stays opaque.
    pub fn is_bearer_safe(&self) -> bool {
        let t = self.secret();
        let body = t.trim_end_matches('=');
        !body.is_empty()
            && body
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-._~+/".contains(&b))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bearer_tokens_are_b64tokens() {
        for ok in ["eyJ0.eyJ1.c2ln", "EwB+abc/def==", "a-b_c~d"] {
            assert!(AccessToken::new(ok).is_bearer_safe(), "{ok}");
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
            assert!(!AccessToken::new(bad).is_bearer_safe(), "{bad:?}");
        }
    }

    #[test]
    fn debug_never_shows_the_secret() {
        let t = AccessToken::new("eyJ.secret.sig");
        assert_eq!(format!("{t:?}"), "AccessToken([redacted])");
        assert_eq!(t.secret(), "eyJ.secret.sig");
        assert_eq!(
            format!("{:?}", PkceVerifier::new("abc")),
            "PkceVerifier([redacted])"
        );
    }
}
