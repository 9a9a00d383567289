//! The Microsoft 365 session: the sign-in machine ([`super::machine`]) at the DOM edge, with its
//! client, for every way in. The picker's shell makes one; a Rust app makes one with the hook
//! (to show who is signed in and call Graph with the same tokens) and may hand it to
//! [`OneDrivePicker`](crate::OneDrivePicker) (its `session` prop), so the user signs in once and
//! both follow one machine.
//!
//! ```ignore
//! let m365 = use_microsoft365("your-client-id");
//! let me = LocalResource::new(move || async move {
//!     m365.account().get()?;
//!     m365.get_json::<serde_json::Value>("/me?$select=displayName").await.ok()
//! });
//! view! {
//!     <button on:click=move |_| m365.sign_in()>"Sign in"</button>
//!     <OneDrivePicker client_id="your-client-id" session=m365 on_pick=|items| { /* … */ }/>
//! }
//! ```

use std::rc::Rc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::de::DeserializeOwned;

use super::lazy::{self, Clicked};
use crate::auth::client::PendingSignIn;
use super::machine::{Event, Phase, SignIn, Why};
use crate::auth::flow::Interactive;
use crate::auth::{Account, AuthClient, AuthConfig, AuthError, AuthMode, TokenStorage};
use crate::browser::Fetch;
use crate::graph::client::Graph;
use crate::graph::{GraphBase, GraphError};

/// What [`use_microsoft365_with_options`] signs in with; `None` means the default.
#[derive(Clone, Debug, Default)]
pub struct Microsoft365Options {
    /// Application (client) id of the single-page-app registration.
    pub client_id: String,
    /// `https://login.microsoftonline.com/{common|organizations|consumers|tenant}` (default
    /// `common`).
    pub authority: Option<String>,
    /// The redirect page (default `{page origin}/auth.html`).
    pub redirect_uri: Option<String>,
    /// Space-separated scopes (default `User.Read Files.Read.All Sites.Read.All`).
    pub scopes: Option<String>,
    /// Graph's base URL (default `https://graph.microsoft.com/v1.0`).
    pub graph_base: Option<String>,
    /// Where tokens are kept (memory by default).
    pub token_storage: TokenStorage,
    /// How the user signs in (from a Teams or Outlook host when there is one, by default).
    pub auth_mode: AuthMode,
}

/// A Microsoft 365 session: the account (a signal), sign-in and sign-out, and Graph calls with
/// its tokens. `Copy`; it lives as long as the component that made it.
#[derive(Clone, Copy)]
pub struct Microsoft365 {
    client: StoredValue<Option<AuthClient>, LocalStorage>,
    base: StoredValue<GraphBase>,
    state: RwSignal<SignIn>,
}

/// The session for the app registration `client_id`, with every other option at its default.
pub fn use_microsoft365(client_id: impl Into<String>) -> Microsoft365 {
    use_microsoft365_with_options(Microsoft365Options {
        client_id: client_id.into(),
        ..Default::default()
    })
}

/// The session for `options`. A bad option leaves the session signed out with the error in
/// [`Microsoft365::error`].
pub fn use_microsoft365_with_options(options: Microsoft365Options) -> Microsoft365 {
    match configure(&options) {
        Ok((config, base)) => Microsoft365::new(Some(AuthClient::new(config)), base, false),
        Err(e) => {
            let session = Microsoft365::new(None, GraphBase::default(), false);
            session.dispatch(Event::CouldNotBegin(e));
            session
        }
    }
}

fn configure(o: &Microsoft365Options) -> Result<(AuthConfig, GraphBase), AuthError> {
    let base = GraphBase::parse_or_default(o.graph_base.as_deref())?;
    let mut config = AuthConfig::from_options(
        o.client_id.clone(),
        o.redirect_uri.clone(),
        o.authority.as_deref(),
        o.scopes.as_deref(),
        o.token_storage,
        base.origin(),
    )?;
    config.mode = o.auth_mode;
    Ok((config, base))
}

impl Microsoft365 {
    /// The signed-in account, if any.
    pub fn account(&self) -> Signal<Option<Account>> {
        let state = self.state;
        Signal::derive(move || state.with(|s| s.account().cloned()))
    }

    /// The last sign-in error (cleared by the next attempt).
    pub fn error(&self) -> Signal<Option<AuthError>> {
        let state = self.state;
        Signal::derive(move || state.with(|s| s.error().cloned()))
    }

    /// Opens the sign-in window. Call it from a click (pop-up blockers allow windows only then).
    pub fn sign_in(&self) {
        self.begin(Why::SignIn, Interactive::default());
    }

    /// Forgets the tokens (in memory and storage).
    pub fn sign_out(&self) {
        self.sign_out_ending(false);
    }

    /// GETs `path_and_query` from Graph (`/me/drive/root/children?$top=50`) with this session's
    /// tokens (refreshed as needed), retrying throttling and outages as the picker does.
    pub async fn get_json<T: DeserializeOwned>(
        &self,
        path_and_query: &str,
    ) -> Result<T, GraphError> {
        let client = self.client.try_get_value().flatten().ok_or_else(|| {
            GraphError::Auth(AuthError::Config("the session is not configured".into()))
        })?;
        let graph = Graph::new(self.base.get_value(), client, Fetch::new());
        graph.get_json(&graph.base().at(path_and_query)).await
    }

    /// A session over `client` (none: misconfigured) and Graph at `base`; `provided`: the page
    /// provides the tokens. Restores a stored session that `client` has yet to read.
    pub(crate) fn new(client: Option<AuthClient>, base: GraphBase, provided: bool) -> Self {
        let account = client.as_ref().and_then(AuthClient::account);
        let without_tokens = !provided && account.is_none();
        let stored = without_tokens && client.as_ref().is_some_and(AuthClient::needs_restore);
        // Signed out: the next sign-in's attempt is prepared while its button shows.
        if let Some(c) = client.as_ref().filter(|_| without_tokens && !stored) {
            c.prepare_sign_in();
        }
        let session = Microsoft365 {
            client: StoredValue::new_local(client),
            base: StoredValue::new(base),
            state: RwSignal::new(SignIn::new(provided, account, stored)),
        };
        session.restore_when_asked();
        session
    }

    /// The machine's state, to follow.
    pub(crate) fn state(&self) -> ReadSignal<SignIn> {
        self.state.read_only()
    }

    /// Takes `event` (followers hear of it only when the state changed); a phase that asks for
    /// it starts restoring the stored session.
    pub(crate) fn dispatch(&self, event: Event) {
        let before = self.state.get_untracked();
        let mut after = before.clone();
        after.step(event);
        if after == before {
            return;
        }
        let restoring = matches!(after.phase(), Phase::Restoring { .. });
        let entered = restoring && after.phase() != before.phase();
        self.state.set(after);
        if entered {
            self.restore_when_asked();
        }
    }

    fn restore_when_asked(&self) {
        let this = *self;
        let asked = self.state.with_untracked(|s| matches!(s.phase(), Phase::Restoring { .. }));
        let Some(client) = self.client.get_value().filter(|_| asked) else {
            return;
        };
        spawn_local(async move {
            let event = match lazy::restore(client).await {
                Ok(Err(e)) => Event::RestoreFailed(e),
                found => Event::Restored(found.ok().and_then(Result::ok).flatten()),
            };
            if this.state.try_with_untracked(|_| ()).is_some() {
                this.dispatch(event);
            }
        });
    }

    /// Opens the sign-in window for `why` (synchronously: call it inside the click) and signs
    /// in through it.
    pub(crate) fn begin(&self, why: Why, opts: Interactive) {
        let Some(client) = self.client.get_value() else {
            return;
        };
        if client.redirects() {
            return self.redirect(&client, why, &opts);
        }
        match client.begin_sign_in(&opts) {
            Ok(pending) => self.follow(why, pending),
            Err(e) => self.dispatch(Event::CouldNotBegin(e)),
        }
    }

    /// Takes over what the first screen's sign-in button began.
    pub(crate) fn take_over(&self, clicked: Clicked) {
        match clicked {
            Clicked::No => {}
            Clicked::Window(pending) => self.follow(Why::SignIn, pending),
            Clicked::Refused(e) => self.dispatch(Event::CouldNotBegin(e)),
            Clicked::Begin => self.begin(Why::SignIn, Interactive::default()),
        }
    }

    /// Signs in through the window `pending` opened.
    fn follow(&self, why: Why, pending: PendingSignIn) {
        let this = *self;
        let attempt = pending.number();
        self.dispatch(Event::Begin { attempt, why });
        spawn_local(async move {
            // The window may only look closed (COOP): say so, and keep waiting.
            let on_closed = move || {
                if this.state.try_with_untracked(|_| ()).is_some() {
                    this.dispatch(Event::PopupClosed { attempt });
                }
            };
            let result = lazy::sign_in(pending, Rc::new(on_closed)).await;
            if this.state.try_with_untracked(|_| ()).is_some() {
                this.dispatch(Event::Finished { attempt, result });
            }
        });
    }

    /// The page goes to the authority; it comes back to this picker, where it was (not for
    /// another account: that one starts afresh).
    fn redirect(&self, client: &AuthClient, why: Why, opts: &Interactive) {
        if why == Why::Switch {
            client.set_place(None);
        }
        let this = *self;
        let (client, opts) = (client.clone(), opts.clone());
        spawn_local(async move {
            let event = match lazy::redirect(client, opts).await {
                Ok(attempt) => Event::Begin { attempt, why },
                Err(e) => Event::CouldNotBegin(e),
            };
            if this.state.try_with_untracked(|_| ()).is_some() {
                this.dispatch(event);
            }
        });
    }

    /// Whether a sign-in could leave the page (its own sign-in, not a host's).
    pub(crate) fn can_redirect(&self) -> bool {
        self.client().is_some_and(|c| !c.nested())
    }

    /// Signs in by redirect whatever the mode (the window was blocked and the user chose to).
    pub(crate) fn redirect_instead(&self, why: Why) {
        if let Some(c) = self.client().filter(|c| !c.nested()) {
            self.redirect(&c, why, &Interactive::default());
        }
    }

    /// Signs out: forgets the tokens, and with `end_session` ends the session at the authority.
    pub(crate) fn sign_out_ending(&self, end_session: bool) {
        if let Some(c) = self.client.get_value() {
            c.sign_out(end_session);
        }
        self.dispatch(Event::SignOut);
    }

    /// Follows the other tabs' sign-ins and sign-outs while the current owner lives.
    pub(crate) fn follow_other_tabs(&self) {
        let this = *self;
        if let Some(c) = self.client.get_value() {
            let watch = c.watch(Rc::new(move |outside| {
                if this.state.try_with_untracked(|_| ()).is_some() {
                    this.dispatch(Event::Outside(outside));
                }
            }));
            // Dropped with the owner: the client stops telling it.
            StoredValue::new_local(watch);
        }
    }

    /// The sign-in client the picker shares.
    pub(crate) fn client(&self) -> Option<AuthClient> {
        self.client.try_get_value().flatten()
    }

    /// The Graph base the picker shares.
    pub(crate) fn graph_base(&self) -> GraphBase {
        self.base.get_value()
    }
}
