//! Where the widget's Graph tokens come from: its own sign-in, or the page's provider.

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use super::client::{AuthClient, TokenSource};
use super::config::Scopes;
use super::error::AuthError;
use super::secret::{is_bearer_safe, AccessToken};

/// The future a token provider returns.
pub type TokenFuture = Pin<Box<dyn Future<Output = Result<String, String>>>>;

/// A page-supplied token provider: given the scopes (and whether the last token was refused),
/// returns an access token. Serves portals whose server holds the user's (or a service account's)
/// tokens; the widget then needs no sign-in.
#[derive(Clone)]
pub struct ProvidedTokens(Rc<dyn Fn(Vec<String>, bool) -> TokenFuture>);

impl ProvidedTokens {
    /// Wraps a provider closure.
    pub fn new(f: impl Fn(Vec<String>, bool) -> TokenFuture + 'static) -> Self {
        ProvidedTokens(Rc::new(f))
    }
}

/// Where the widget's Graph tokens come from.
#[derive(Clone)]
pub enum Tokens {
    /// The widget's own popup sign-in.
    SignIn(AuthClient),
    /// The page's provider; `scopes` are passed to it.
    Provided {
        /// The provider.
        provider: ProvidedTokens,
        /// Scopes to ask for.
        scopes: Vec<String>,
    },
}

impl TokenSource for Tokens {
    async fn token(&self, refresh: bool) -> Result<AccessToken, AuthError> {
        match self {
            Tokens::SignIn(c) => c.token(refresh).await,
            Tokens::Provided { provider, scopes } => {
                let failed = |description: String| AuthError::Server {
                    error: "token_provider".into(),
                    code: None,
                    description,
                };
                let token = (provider.0)(scopes.clone(), refresh)
                    .await
                    .map(AccessToken::new)
                    .map_err(failed)?;
                if !is_bearer_safe(&token) {
                    return Err(failed(
                        "the token provider returned a malformed token".into(),
                    ));
                }
                Ok(token)
            }
        }
    }

    fn bound_origin(&self) -> Option<&str> {
        match self {
            Tokens::SignIn(c) => c.bound_origin(),
            // The page's provider decides which Graph its tokens are for.
            Tokens::Provided { .. } => None,
        }
    }
}

impl Tokens {
    /// Whether the token was granted at least one of `any` (always, for a page's provider: the
    /// page decides its scopes, and Graph's 403 tells when they fall short).
    pub fn granted_any(&self, any: &[&str]) -> bool {
        match self {
            Tokens::SignIn(c) => any
                .iter()
                .any(|s| c.missing_scopes(&Scopes::parse(s)).is_empty()),
            Tokens::Provided { .. } => true,
        }
    }
}
