//! The token lifecycle in the browser: interactive sign-in in a popup, the token cache (memory
//! by default, session or local storage when the page opts in), silent refresh before expiry or
//! after a 401 (at most once per failure), sign-out, and bring-your-own token providers.
//!
//! A stored session is bound to the authority and Graph origins it was made for (its storage key
//! and its record name both), and tabs sharing local storage stay one session: a sign-out in one
//! signs every tab out, and no refresh that started before it writes anything afterwards.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::rc::Rc;

use super::config::{AuthConfig, Scopes};
use super::error::{sign_in_required, AuthError};
use super::flow::{self, Attempt};
use super::popup;
use super::secret::AccessToken;
use super::session::{Session, Ticket, SIGNED_OUT};
use super::token::{token_set, Account, TokenSet};
use crate::browser::{now_ms, Fetch};

mod hosted;
mod inner;
mod redirect;
mod tabs;
mod window;
use super::nested::Host;
use inner::Inner;
pub use inner::AuthClient;
pub use tabs::Watch;
pub use window::PendingSignIn;

/// Supplies access tokens (for Graph).
pub trait TokenSource {
    /// A token; `refresh` asks for a new one (after a 401), never reusing the cached one.
    fn token(&self, refresh: bool) -> impl Future<Output = Result<AccessToken, AuthError>>;

    /// The origin the tokens are bound to (`https://graph.microsoft.com`), when they are; a
    /// request for any other origin gets no token.
    fn bound_origin(&self) -> Option<&str> {
        None
    }
}

impl<T: TokenSource + ?Sized> TokenSource for &T {
    fn token(&self, refresh: bool) -> impl Future<Output = Result<AccessToken, AuthError>> {
        (**self).token(refresh)
    }

    fn bound_origin(&self) -> Option<&str> {
        (**self).bound_origin()
    }
}

impl AuthClient {
    /// A client for `config`, restoring tokens from the storage the page opted into.
    pub fn new(config: AuthConfig) -> AuthClient {
        let client = AuthClient::new_deferred(config);
        client.restore();
        client
    }

    /// A client for `config` that has read the storage but not parsed the tokens in it yet:
    /// [`AuthClient::restore`] does (the first screen carries no JSON parser). Until then it
    /// has no account.
    pub fn new_deferred(config: AuthConfig) -> AuthClient {
        let config_scope = config.scopes.with_oidc();
        let config_mode = config.mode;
        let client = AuthClient(Rc::new(Inner {
            config,
            session: RefCell::new(Session::default()),
            stored: RefCell::new(None),
            refreshing: RefCell::new(None),
            window_name: format!(
                "onedrive-picker-signin-{}",
                crate::util::b64url(crate::browser::random_bytes::<9>())
            ),
            attempt: Cell::new(0),
            attempts: Cell::new(0),
            looked_closed: Cell::new(false),
            prepared: RefCell::new(None),
            scope: RefCell::new(config_scope),
            seen: RefCell::new(None),
            watchers: RefCell::new(Vec::new()),
            watcher_ids: Cell::new(0),
            on_storage: RefCell::new(None),
            host: RefCell::new(Host::at_start(config_mode)),
            returning: Cell::new(false),
            place: RefCell::new(None),
            return_place: RefCell::new(None),
            redeeming: RefCell::new(None),
        }));
        client.look_for_return();
        let stored = client.read_storage();
        *client.0.session.borrow_mut() = Session::marked(stored.as_deref());
        client.0.seen.replace(stored.clone());
        if stored.as_deref() != Some(SIGNED_OUT) {
            *client.0.stored.borrow_mut() = stored;
        }
        client.listen_to_other_tabs();
        client
    }

    /// Whether tokens from storage wait for [`AuthClient::restore`], or a host for
    /// [`AuthClient::restore_hosted`].
    pub fn needs_restore(&self) -> bool {
        self.0.stored.borrow().is_some() || self.nested() || self.returning()
    }

    /// Parses the tokens read from storage (once), and returns the account they are for.
    pub fn restore(&self) -> Option<Account> {
        self.adopt_stored();
        self.account()
    }

    /// Takes the record read from storage, or left there by another tab, if one waits.
    fn adopt_stored(&self) {
        if let Some(stored) = self.0.stored.take() {
            self.0.session.borrow_mut().adopt(&stored, &self.0.config);
        }
    }

    /// The configuration.
    pub fn config(&self) -> &AuthConfig {
        &self.0.config
    }

    /// The signed-in account, if any.
    pub fn account(&self) -> Option<Account> {
        self.0
            .session
            .borrow()
            .tokens()
            .and_then(|t| t.account.clone())
    }

    /// The scopes of `wanted` that the current token was not granted (all of them when signed
    /// out). When some are missing, a feature asks for them with
    /// `begin_sign_in(&Interactive { extra_scopes, .. })` (incremental consent).
    pub fn missing_scopes(&self, wanted: &Scopes) -> Vec<String> {
        let session = self.0.session.borrow();
        let granted = session.tokens().map(|t| t.scopes.as_slice()).unwrap_or(&[]);
        wanted
            .iter()
            .filter(|s| !Scopes::parse(s).granted_by(granted))
            .map(String::from)
            .collect()
    }

    /// Forgets the tokens, in memory and storage, and aborts a refresh in flight (its answer
    /// would be dropped anyway). The next sign-in asks for an account. With `end_session`, also
    /// signs out at the authority in a small window (call from a click, like sign-in).
    pub fn sign_out(&self, end_session: bool) {
        let hint = self.account().map(|a| a.username);
        if let Some(f) = self.0.refreshing.borrow_mut().take() {
            f.abort();
        }
        // Not through `update`: what a sign-out stores is the marker, no tokens to serialize.
        self.0.stored.take();
        self.0.session.borrow_mut().sign_out();
        self.store(Some(SIGNED_OUT));
        *self.0.scope.borrow_mut() = self.0.config.scopes.with_oidc();
        let config = &self.0.config;
        // Inside a host, signing out forgets the account here only (the host stays signed in).
        if let Some(url) = (end_session && !self.nested())
            .then(|| flow::logout_url(config, &config.redirect_uri, hint.as_deref()))
            .flatten()
        {
            let _ = popup::open(&url, &self.0.window_name);
        }
        self.prepare_sign_in();
    }

    async fn refresh(&self, force: bool) -> Result<AccessToken, AuthError> {
        if self.nested() {
            return self.refresh_hosted(force).await;
        }
        let (refresh_token, account, ticket) = {
            let session = self.0.session.borrow();
            let t = session
                .tokens()
                .ok_or_else(|| sign_in_required("not signed in"))?;
            (t.refresh_token.clone(), t.account.clone(), session.ticket())
        };
        let Some(refresh_token) = refresh_token else {
            self.update(|s| s.expired(ticket));
            return Err(sign_in_required("no refresh token"));
        };
        let fetch = Rc::new(Fetch::new());
        *self.0.refreshing.borrow_mut() = Some(fetch.clone());
        let scope = self.0.scope.borrow().clone();
        let response = flow::refresh(&*fetch, &self.0.config, &refresh_token, &scope).await;
        self.0
            .refreshing
            .borrow_mut()
            .take_if(|f| Rc::ptr_eq(f, &fetch));
        // Another tab may have signed out (or in) meanwhile, its `storage` event not delivered
        // yet: storage is read again before anything is written.
        self.absorb(self.read_storage());
        // Signed out (or in again) while the request was in flight: its answer is not ours.
        if !self.0.session.borrow().current(ticket) {
            return Err(sign_in_required("not signed in"));
        }
        match response.and_then(|r| token_set(r, now_ms(), None)) {
            Ok(mut set) => {
                set.account = set.account.or(account);
                let token = set.access_token.clone();
                self.update(|s| s.refreshed(ticket, set));
                Ok(token)
            }
            Err(e) => {
                if matches!(e, AuthError::InteractionRequired { .. }) {
                    // The refresh token is dead: the user must sign in again (a popup needs a click).
                    self.update(|s| s.expired(ticket));
                }
                Err(e)
            }
        }
    }
}

impl AuthClient {
    /// The authority's answer to `attempt` (from a window or a redirect): checks it, redeems the
    /// code for `scope`, and keeps the tokens as the sign-in begun with `ticket`.
    async fn finish_code(
        &self,
        attempt: &Attempt,
        params: &[(String, String)],
        scope: String,
        ticket: Ticket,
    ) -> Result<Account, AuthError> {
        let code = flow::accept_redirect(attempt, params)?;
        let redeeming = self.0.redeeming.borrow().clone();
        if let Some(f) = redeeming {
            f();
        }
        let response = flow::redeem(&Fetch::new(), &self.0.config, code, attempt, &scope).await?;
        let set = token_set(response, now_ms(), Some(&attempt.nonce))?;
        let account = set.account.clone().ok_or_else(|| {
            AuthError::InvalidResponse("no id_token in the token response".into())
        })?;
        if !self.keep_sign_in(ticket, set, scope) {
            // Signed out while this sign-in was under way: it does not count.
            return Err(sign_in_required("signed out during sign-in"));
        }
        Ok(account)
    }

    /// Calls `f` whenever a sign-in's code (from a window or back from a redirect) is redeemed,
    /// as the token request goes: what waits for the first token may get ready during that round
    /// trip (the picker has the browser ask its first listing's CORS preflight). Replaces the
    /// `f` given before.
    pub fn while_redeeming(&self, f: impl Fn() + 'static) {
        *self.0.redeeming.borrow_mut() = Some(Rc::new(f));
    }

    /// Keeps `set` (asked for with `scope`) as the session of the sign-in begun with `ticket`;
    /// `false` when a sign-out came first.
    fn keep_sign_in(&self, ticket: Ticket, set: TokenSet, scope: String) -> bool {
        let sid = crate::util::b64url(crate::browser::random_bytes::<12>());
        if !self.update(|s| s.signed_in(ticket, set, sid)) {
            return false;
        }
        *self.0.scope.borrow_mut() = scope;
        true
    }
}


impl TokenSource for AuthClient {
    async fn token(&self, refresh: bool) -> Result<AccessToken, AuthError> {
        // Tokens another tab refreshed (or signed in with) are taken first.
        self.adopt_stored();
        if !refresh {
            if let Some(t) = self
                .0
                .session
                .borrow()
                .tokens()
                .filter(|t| t.is_fresh(now_ms()))
            {
                return Ok(t.access_token.clone());
            }
        }
        self.refresh(refresh).await
    }

    fn bound_origin(&self) -> Option<&str> {
        Some(&self.0.config.graph_origin)
    }
}
