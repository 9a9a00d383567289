//! The screens around browsing: sign-in, waiting for the pop-up, and errors that say what to do.

use leptos::prelude::*;

use crate::picker::messages::use_messages;
use crate::auth::{AuthError, ErrorAction};

/// The sign-in screen. `on_near` hears the pointer or the focus reaching the button (the code
/// the sign-in needs can start to arrive).
#[component]
pub fn SignInPanel(on_sign_in: Callback<()>, on_near: Callback<()>) -> impl IntoView {
    let m = use_messages();
    view! {
        <div class="odp-signin">
            <p>{m.sign_in_prompt}</p>
            <button class="odp-primary odp-signin-button"
                on:pointerenter=move |_| on_near.run(())
                on:pointerdown=move |_| on_near.run(())
                on:focus=move |_| on_near.run(())
                on:click=move |_| on_sign_in.run(())>{m.sign_in}</button>
        </div>
    }
}

/// A wait, and what it is for (the sign-in window is open; the browsing screen's code arrives).
#[component]
pub fn WaitingPanel(message: &'static str) -> impl IntoView {
    view! {
        <div class="odp-signin" role="status">
            <p class="odp-waiting">{message}</p>
        </div>
    }
}

/// The browsing screen's code could not be fetched: say so, and offer to try again.
#[component]
pub fn LoadFailedPanel(retry: Callback<()>) -> impl IntoView {
    let m = use_messages();
    view! {
        <div class="odp-error" role="alert" data-error="load_failed">
            <p class="odp-error-message">{m.load_failed}</p>
            <button class="odp-primary odp-retry" on:click=move |_| retry.run(())>{m.try_again}</button>
        </div>
    }
}

/// An error, and the action that can fix it (none when nothing can); `instead`, for a blocked
/// sign-in window: signing in on this page (by redirect) instead.
#[component]
pub fn ErrorPanel(
    error: AuthError,
    retry: Option<Callback<()>>,
    #[prop(optional_no_strip)] instead: Option<Callback<()>>,
) -> impl IntoView {
    let m = use_messages();
    let label = match error.action() {
        ErrorAction::SignInAgain => Some(m.sign_in_again),
        ErrorAction::Consent => Some(m.review_permissions),
        ErrorAction::Retry => Some(m.try_again),
        ErrorAction::GiveUp => None,
    };
    view! {
        <div class="odp-error" role="alert" data-error=error.kind()>
            <p class="odp-error-message">{m.auth_error(&error)}</p>
            {retry.zip(label).map(|(cb, label)| view! {
                <button class="odp-primary odp-retry" on:click=move |_| cb.run(())>{label}</button>
            })}
            {instead.map(|cb| view! {
                <button class="odp-secondary odp-instead" on:click=move |_| cb.run(())>{m.sign_in_here}</button>
            })}
        </div>
    }
}
