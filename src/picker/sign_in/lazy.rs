//! What the first screen does not need arrives when it is needed. In the package (built with
//! the `split` feature, see `tools/package.sh`) the sign-in flow after the click (the authorize
//! URL, the wait, the token request), the parsing of a session kept in storage, and the browsing
//! screen (Graph, the listing, uploads) are a
//! WebAssembly module of their own: fetched when the pointer or the focus reaches the sign-in
//! button, at the latest on the click, or at once when storage holds a session. Without the feature
//! they are linked in, and loading them is immediate. The picker itself (Leptos, and every
//! screen after the first) is in that module too ([`super::handover`]).

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use leptos::prelude::*;

use crate::picker::browsing::screen::{show, Browsing};
use crate::auth::client::PendingSignIn;
use crate::auth::flow::Interactive;
use crate::auth::{Account, AuthClient, AuthError};
use crate::picker::split::{call, LoadFailed};

/// The sign-in's code could not be fetched: a network error, tried again from the error screen.
fn not_loaded() -> AuthError {
    AuthError::Network("the sign-in could not be loaded".into())
}

/// The rest of a sign-in, as a future.
type SignInFuture = Pin<Box<dyn Future<Output = Result<Account, AuthError>>>>;

/// A restore, as a future: the account, none (signed out), or why the host would not.
type RestoreFuture = Pin<Box<dyn Future<Output = Result<Option<Account>, AuthError>>>>;

/// The browsing screen, once its code is here.
#[cfg_attr(
    all(feature = "split", target_arch = "wasm32"),
    leptos::wasm_split::wasm_split(
        picker,
        wasm_split_path = ::leptos::wasm_split,
        preload(preload_picker),
        fallible
    )
)]
fn browse_screen(b: Rc<Browsing>) -> Result<AnyView, LoadFailed> {
    Ok(show(b))
}

/// What the first screen's sign-in button began before the picker took over.
pub(crate) enum Clicked {
    /// Nothing: the picker starts where its session is.
    No,
    /// The sign-in window is open (in the click, as pop-up blockers require).
    Window(PendingSignIn),
    /// The window could not be opened, and why.
    Refused(AuthError),
    /// A sign-in that needs no window of its own (a redirect): the picker begins it.
    Begin,
}

impl Clicked {
    /// Whether the authority has answered the sign-in the click sent its window to.
    pub(crate) fn answered(&self) -> bool {
        matches!(self, Clicked::Window(p) if p.answered())
    }

    /// The sign-in window the click opened, if any.
    pub(crate) fn window(&self) -> Option<web_sys::Window> {
        match self {
            Clicked::Window(p) => p.window().cloned(),
            _ => None,
        }
    }

    /// The sign-in window the click opened blank (the flow's code was to send it to the
    /// authority), if any: of no use without that code.
    pub(crate) fn blank_window(&self) -> Option<web_sys::Window> {
        match self {
            Clicked::Window(p) if p.at_authority() => None,
            _ => self.window(),
        }
    }
}

/// The sign-in after the click, once its code is here.
#[cfg_attr(
    all(feature = "split", target_arch = "wasm32"),
    leptos::wasm_split::wasm_split(picker, wasm_split_path = ::leptos::wasm_split, fallible)
)]
fn sign_in_rest(p: PendingSignIn, on_closed: Rc<dyn Fn()>) -> Result<SignInFuture, LoadFailed> {
    Ok(Box::pin(async move { p.finish(move || on_closed()).await }))
}

/// The tokens in storage, parsed, or the host's, once their code is here.
#[cfg_attr(
    all(feature = "split", target_arch = "wasm32"),
    leptos::wasm_split::wasm_split(picker, wasm_split_path = ::leptos::wasm_split, fallible)
)]
fn restore_session(client: AuthClient) -> Result<RestoreFuture, LoadFailed> {
    Ok(Box::pin(async move {
        if client.returning() {
            if let Some(done) = client.complete_redirect().await {
                return done;
            }
        }
        if client.nested() {
            client.restore_hosted().await
        } else {
            Ok(client.restore())
        }
    }))
}

/// Takes the page to the authority for a redirect sign-in, once its code is here.
#[cfg_attr(
    all(feature = "split", target_arch = "wasm32"),
    leptos::wasm_split::wasm_split(picker, wasm_split_path = ::leptos::wasm_split, fallible)
)]
fn redirect_now(client: AuthClient, opts: Interactive) -> Result<Result<u64, AuthError>, LoadFailed> {
    Ok(client.begin_redirect(&opts))
}

/// Begins a redirect sign-in (the authorize URL and the record are the flow's code, fetched
/// first if need be): the attempt's number, or why the page could not go.
pub(crate) async fn redirect(client: AuthClient, opts: Interactive) -> Result<u64, AuthError> {
    call!(redirect_now(client, opts))
        .unwrap_or_else(|LoadFailed| Err(not_loaded()))
}

/// Restores the session `client` read from storage (see [`AuthClient::new_deferred`]) or
/// gets the host's tokens, fetching the code first if need be: the account, none (signed out),
/// or why the host would not.
pub(crate) async fn restore(client: AuthClient) -> Result<Result<Option<Account>, AuthError>, LoadFailed> {
    let rest = call!(restore_session(client))?;
    Ok(rest.await)
}

/// Fetches the picker's code if need be (a failed fetch is tried again by the next call).
pub(crate) async fn loaded() -> Result<(), LoadFailed> {
    #[cfg(all(feature = "split", target_arch = "wasm32"))]
    preload_picker().await?;
    Ok(())
}

/// The browsing screen, fetching its code first if need be.
pub(crate) async fn browse(b: Rc<Browsing>) -> Result<AnyView, LoadFailed> {
    call!(browse_screen(b))
}

/// Finishes the sign-in whose window `p` opened, fetching the flow's code first if need be (a
/// failed fetch closes the window and is a network error, tried again from the error screen).
pub(crate) async fn sign_in(
    p: PendingSignIn,
    on_closed: Rc<dyn Fn()>,
) -> Result<Account, AuthError> {
    let window = p.window().cloned();
    match call!(sign_in_rest(p, on_closed)) {
        Ok(f) => f.await,
        Err(LoadFailed) => {
            if let Some(w) = window {
                let _ = w.close();
            }
            Err(not_loaded())
        }
    }
}

/// Starts fetching the module (idempotent; a failed fetch is tried again by the next call).
pub fn preload() {
    #[cfg(all(feature = "split", target_arch = "wasm32"))]
    // Not Leptos's executor: the first screen has no Leptos.
    wasm_bindgen_futures::spawn_local(async {
        let _ = preload_picker().await;
    });
}
