//! The screens around browsing: sign-in, waiting for the pop-up, and errors that say what to do.

use leptos::prelude::*;

use super::messages::use_messages;
use crate::auth::{AuthError, ErrorAction};

/// The sign-in screen.
#[component]
pub fn SignInPanel(on_sign_in: Callback<()>) -> impl IntoView {
    let m = use_messages();
    view! {
        <div class="odp-signin">
            <p>{m.sign_in_prompt}</p>
            <button class="odp-primary odp-signin-button" on:click=move |_| on_sign_in.run(())>{m.sign_in}</button>
        </div>
    }
}

/// While the sign-in window is open.
#[component]
pub fn WaitingPanel() -> impl IntoView {
    let m = use_messages();
    view! {
        <div class="odp-signin" role="status">
            <p class="odp-waiting">{m.signing_in}</p>
        </div>
    }
}

/// An error, and the action that can fix it (none when nothing can).
#[component]
pub fn ErrorPanel(error: AuthError, retry: Option<Callback<()>>) -> impl IntoView {
    let m = use_messages();
    let label = match error.action() {
        ErrorAction::SignInAgain => Some(m.sign_in_again),
        ErrorAction::Consent => Some(m.review_permissions),
        ErrorAction::Retry => Some(m.try_again),
        ErrorAction::GiveUp => None,
    };
    view! {
        <div class="odp-error" role="alert" data-error=error.kind()>
            <p class="odp-error-message">{(m.auth_error)(&error)}</p>
            {retry.zip(label).map(|(cb, label)| view! {
                <button class="odp-primary odp-retry" on:click=move |_| cb.run(())>{label}</button>
            })}
        </div>
    }
}
