//! Sign-in: the OAuth 2.0 authorization-code flow with PKCE in a popup against the Microsoft
//! identity platform v2.0, tokens brokered by a Teams or Outlook host ([`nested`] app
//! authentication), and the token lifecycle.
//!
//! Everything here but [`popup`], [`client`] and `nested::bridge` is DOM-free and tested natively.

pub mod client;
pub mod config;
pub mod error;
pub mod flow;
pub mod nested;
pub mod popup;
pub mod redirect;
pub mod secret;
pub mod session;
pub mod stored;
pub mod token;
pub mod tokens;

pub use client::{AuthClient, TokenSource};
pub use config::{AuthConfig, AuthMode, Prompt, TokenStorage};
pub use error::{AuthError, ErrorAction, HostStatus};
pub use token::Account;
pub use tokens::{ProvidedTokens, TokenFuture, Tokens};
