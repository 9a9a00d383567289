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

#[cfg(test)]
mod tests {
    use super::*;

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
