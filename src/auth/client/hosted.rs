//! The client inside a host that brokers its tokens (nested app authentication): finding and
//! greeting the host, a silent token at start (the user is signed in to the host already), the
//! host's prompt on the sign-in click, and renewals through the host. Without a host, `auto`
//! falls back to the popup; `nested` says that no host offers it.

use super::inner::AuthClient;
use crate::auth::config::AuthMode;
use crate::auth::error::{sign_in_required, AuthError, HostStatus};
use crate::auth::flow::{self, Interactive};
use crate::auth::nested::bridge;
use crate::auth::nested::codec::{self, Method, TokenParams};
use crate::auth::nested::{guid, Host};
use crate::auth::secret::AccessToken;
use crate::auth::session::Ticket;
use crate::auth::token::{Account, TokenSet};
use crate::browser::{now_ms, random_bytes};

/// How long a host may take to install its bridge, greet, or answer a silent request. An
/// interactive request waits as long as a sign-in window would (the user reads the host's prompt).
pub const HOST_TIMEOUT_MS: u32 = 10_000;

fn unavailable() -> AuthError {
    AuthError::Host {
        status: HostStatus::Unavailable,
        code: None,
        description: "no host offers nested app authentication here".into(),
    }
}

impl AuthClient {
    /// Whether tokens come from a host (or may: it has not been greeted yet).
    pub fn nested(&self) -> bool {
        !matches!(*self.0.host.borrow(), Host::Absent)
    }

    /// Finds and greets the host: `false` when there is none and the popup takes over.
    async fn connect(&self) -> Result<bool, AuthError> {
        match &*self.0.host.borrow() {
            Host::Absent => return Ok(false),
            Host::Connected { .. } => return Ok(true),
            Host::Offered => {}
        }
        let found = match bridge::find(HOST_TIMEOUT_MS).await {
            // A hook that never installs a bridge (a host library on a page outside its host):
            // `auto` goes on without one.
            Err(AuthError::HostTimeout) if self.0.config.mode == AuthMode::Auto => None,
            other => other?,
        };
        let Some(bridge) = found else {
            return self.no_host();
        };
        let id = guid(random_bytes());
        let hello = codec::request(Method::GetInitContext, &id, now_ms(), None);
        let reply = bridge.call(&hello, &id, HOST_TIMEOUT_MS).await?;
        match codec::init_reply(&reply) {
            Ok(account_id) => {
                // Tokens from an earlier popup sign-in are not this host's.
                self.0.stored.take();
                *self.0.host.borrow_mut() = Host::Connected { bridge, account_id };
                Ok(true)
            }
            Err(AuthError::Host {
                status: HostStatus::Unavailable | HostStatus::Disabled,
                ..
            }) if self.0.config.mode == AuthMode::Auto => self.no_host(),
            Err(e) => Err(e),
        }
    }

    fn no_host(&self) -> Result<bool, AuthError> {
        if self.0.config.mode == AuthMode::Nested {
            return Err(unavailable());
        }
        // The session read from storage at start (still unparsed) is the popup's again.
        *self.0.host.borrow_mut() = Host::Absent;
        Ok(false)
    }

    /// A token for `scope` from the host, silently or with its prompt.
    async fn host_token(&self, method: Method, scope: &str, force: bool) -> Result<TokenSet, AuthError> {
        let (bridge, account_id) = match &*self.0.host.borrow() {
            Host::Connected { bridge, account_id } => (bridge.clone(), account_id.clone()),
            _ => return Err(unavailable()),
        };
        let config = &self.0.config;
        let params = TokenParams {
            client_id: config.client_id.clone(),
            authority: config.authority.url(),
            scope: scope.to_string(),
            correlation_id: guid(random_bytes()),
            login_hint: config.login_hint.clone(),
            account_id,
            force_refresh: force,
        };
        let timeout = match method {
            Method::GetTokenPopup => config.popup_timeout_ms,
            _ => HOST_TIMEOUT_MS,
        };
        let id = guid(random_bytes());
        let sent = now_ms();
        let message = codec::request(method, &id, sent, Some(&params));
        let reply = bridge.call(&message, &id, timeout).await?;
        codec::token_reply(&reply, sent, scope)
    }

    /// Restores the session at start: through the host, silently (`None`: the user must act, the
    /// sign-in screen shows), or, with no host after all, from storage.
    pub async fn restore_hosted(&self) -> Result<Option<Account>, AuthError> {
        if !self.connect().await? {
            return Ok(self.restore());
        }
        let ticket = self.0.session.borrow().ticket();
        let scope = self.0.scope.borrow().clone();
        match self.host_token(Method::GetToken, &scope, false).await {
            Ok(set) => Ok(self.adopt_host_tokens(ticket, set, &scope)),
            Err(AuthError::InteractionRequired { .. }) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// The sign-in click, inside a host: its prompt (consent, account) instead of a window.
    pub(super) async fn sign_in_hosted(&self, opts: &Interactive, ticket: Ticket) -> Result<Account, AuthError> {
        if !self.connect().await? {
            // The host went away since the click was offered: the next click opens a window.
            return Err(unavailable());
        }
        let scope = flow::scopes(&self.0.config, opts);
        let set = self.host_token(Method::GetTokenPopup, &scope, false).await?;
        self.adopt_host_tokens(ticket, set, &scope)
            .ok_or_else(|| sign_in_required("signed out during sign-in"))
    }

    /// A new token from the host (`force`: not the one it may have cached).
    pub(super) async fn refresh_hosted(&self, force: bool) -> Result<AccessToken, AuthError> {
        let ticket = self.0.session.borrow().ticket();
        let scope = self.0.scope.borrow().clone();
        match self.host_token(Method::GetToken, &scope, force).await {
            Ok(set) => {
                let token = set.access_token.clone();
                if !self.update(|s| s.refreshed(ticket, set)) {
                    return Err(sign_in_required("not signed in"));
                }
                Ok(token)
            }
            Err(e) => {
                if matches!(e, AuthError::InteractionRequired { .. }) {
                    self.update(|s| s.expired(ticket));
                }
                Err(e)
            }
        }
    }

    /// Keeps the host's tokens as the session (unless a sign-out came first): its account.
    fn adopt_host_tokens(&self, ticket: Ticket, set: TokenSet, scope: &str) -> Option<Account> {
        let account = set.account.clone();
        self.keep_sign_in(ticket, set, scope.to_string())
            .then_some(account)
            .flatten()
    }
}
