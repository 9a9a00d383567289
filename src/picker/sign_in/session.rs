//! The Microsoft 365 session as a hook, for Rust apps that want the account or Graph themselves:
//! show who is signed in, call Graph with the same tokens, and hand the same session to
//! [`OneDrivePicker`](super::OneDrivePicker) (its `session` prop) so the user signs in once.
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

use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::de::DeserializeOwned;

use crate::auth::flow::Interactive;
use crate::auth::{Account, AuthClient, AuthConfig, AuthError, TokenStorage};
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
}

/// A Microsoft 365 session: the account (a signal), sign-in and sign-out, and Graph calls with
/// its tokens. `Copy`; it lives as long as the component that made it.
#[derive(Clone, Copy)]
pub struct Microsoft365 {
    client: StoredValue<Option<AuthClient>, LocalStorage>,
    base: StoredValue<GraphBase>,
    account: RwSignal<Option<Account>>,
    error: RwSignal<Option<AuthError>>,
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
    let built = configure(&options);
    let (client, base, error) = match built {
        Ok((config, base)) => (Some(AuthClient::new(config)), base, None),
        Err(e) => (None, GraphBase::default(), Some(e)),
    };
    let account = RwSignal::new(client.as_ref().and_then(AuthClient::account));
    Microsoft365 {
        client: StoredValue::new_local(client),
        base: StoredValue::new(base),
        account,
        error: RwSignal::new(error),
    }
}

fn configure(o: &Microsoft365Options) -> Result<(AuthConfig, GraphBase), AuthError> {
    let base = GraphBase::parse_or_default(o.graph_base.as_deref())?;
    let config = AuthConfig::from_options(
        o.client_id.clone(),
        o.redirect_uri.clone(),
        o.authority.as_deref(),
        o.scopes.as_deref(),
        o.token_storage,
        base.origin(),
    )?;
    Ok((config, base))
}

impl Microsoft365 {
    /// The signed-in account, if any.
    pub fn account(&self) -> Signal<Option<Account>> {
        self.account.into()
    }

    /// The last sign-in error (cleared by the next attempt).
    pub fn error(&self) -> Signal<Option<AuthError>> {
        self.error.into()
    }

    /// Opens the sign-in window. Call it from a click (pop-up blockers allow windows only then).
    pub fn sign_in(&self) {
        let this = *self;
        let Some(client) = self.client.get_value() else {
            return;
        };
        this.error.set(None);
        let pending = match client.begin_sign_in(&Interactive::default()) {
            Ok(p) => p,
            Err(e) => return this.error.set(Some(e)),
        };
        spawn_local(async move {
            match pending.finish(|| {}).await {
                Ok(a) => {
                    this.account.try_set(Some(a));
                }
                Err(e) => {
                    this.error.try_set(Some(e));
                }
            }
        });
    }

    /// Forgets the tokens (in memory and storage).
    pub fn sign_out(&self) {
        if let Some(c) = self.client.get_value() {
            c.sign_out(false);
        }
        self.account.set(None);
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

    /// The sign-in client the picker shares.
    pub(crate) fn client(&self) -> Option<AuthClient> {
        self.client.try_get_value().flatten()
    }

    /// The Graph base the picker shares.
    pub(crate) fn graph_base(&self) -> GraphBase {
        self.base.get_value()
    }

    /// The account signal the picker shares.
    pub(crate) fn account_signal(&self) -> RwSignal<Option<Account>> {
        self.account
    }
}
