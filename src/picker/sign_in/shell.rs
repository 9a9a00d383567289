//! The picker's shell: the sign-in phases (signed out, signing in, browsing, failed) around the
//! browser, the account header, and the wiring of the page's events and session. The component
//! ([`crate::picker::component`]) and `mountPicker` ([`crate::embed`]) both build it.

use std::rc::Rc;

use leptos::__reexports::send_wrapper::SendWrapper;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::picker::browsing::controller::PickerParts;
use crate::picker::events::{self, PickerErrorInfo};
use super::lazy;
use crate::picker::messages::MessagesContext;
use super::panels::{ErrorPanel, LoadFailedPanel, SignInPanel, WaitingPanel};
use crate::picker::browsing::screen::{Browsing, BrowsingParts};
use crate::picker::options::setup::{self, for_locale, setup, PickerOptions};
use crate::auth::flow::Interactive;
use crate::auth::session::Outside;
use crate::auth::Tokens;
use crate::auth::{Account, AuthClient, AuthError, ErrorAction, Prompt};
use crate::browser::Fetch;
use crate::graph::client::Graph;

#[derive(Clone, Debug, PartialEq)]
enum Phase {
    /// Reading the session kept in storage.
    Restoring,
    SignedOut,
    SigningIn,
    Browsing,
    Failed(AuthError),
}

/// Parses the session `client` read from storage (fetching the code first if need be) and shows
/// what it holds: the account's files (`restored` is told), or the sign-in. A failed fetch
/// leaves the tokens stored; a sign-in fetches the code again.
fn restore(
    client: AuthClient,
    phase: RwSignal<Phase>,
    account: RwSignal<Option<Account>>,
    restored: impl Fn() + 'static,
) {
    spawn_local(async move {
        let found = lazy::restore(client).await.ok().flatten();
        // Still restoring: nothing else has signed in or out meanwhile.
        if phase.try_get_untracked() == Some(Phase::Restoring) {
            let next = found.map_or(Phase::SignedOut, |a| {
                account.try_set(Some(a));
                restored();
                Phase::Browsing
            });
            phase.try_set(next);
        }
    });
}

/// The picker's view for `options`.
pub(crate) fn picker(options: PickerOptions) -> AnyView {
    let m = for_locale(
        &options
            .locale
            .clone()
            .or_else(crate::browser::language)
            .unwrap_or_default(),
    );
    provide_context(MessagesContext(m));
    let s = match setup(&options) {
        Ok(s) => s,
        Err(e) => {
            if let Some(f) = &options.events.on_error {
                f(PickerErrorInfo::auth(&e, m));
            }
            return view! { <section class="odp-picker" lang=m.lang data-theme="auto"><ErrorPanel error=e retry=None/></section> }
                .into_any();
        }
    };
    let PickerOptions {
        token_provider,
        mut handlers,
        upload_events,
        end_session_on_sign_out,
        browser_history,
        events,
        session,
        shared,
        ..
    } = options;
    let on_sign_out = StoredValue::new_local(events.on_sign_out.clone());
    // An app's own session (`use_microsoft365`) is used as it is: the user signs in once.
    let (client, reused) = match shared.and_then(|m| m.client()) {
        Some(c) => (c, true),
        None => setup::client_for(session.as_ref(), &s.config),
    };
    let provided = token_provider.is_some();
    let tokens = match token_provider {
        Some(provider) => Tokens::Provided {
            provider,
            scopes: s.config.scopes.iter().map(String::from).collect(),
        },
        None => Tokens::SignIn(client.clone()),
    };
    let client = StoredValue::new_local(client);
    let account = match shared {
        Some(m) => m.account_signal(),
        None => RwSignal::new(client.with_value(AuthClient::account)),
    };
    let restoring = !provided
        && account.get_untracked().is_none()
        && client.with_value(AuthClient::needs_restore);
    let phase = RwSignal::new(if provided || account.get_untracked().is_some() {
        Phase::Browsing
    } else if restoring {
        Phase::Restoring
    } else {
        Phase::SignedOut
    });
    if restoring {
        restore(client.get_value(), phase, account, || {});
    }
    // An error that needs the user (not after a sign-out: the signed-out screen stays).
    let auth_failed = Callback::new(move |e: AuthError| {
        if !provided && phase.get_untracked() == Phase::Browsing {
            account.set(None);
            phase.set(Phase::Failed(e));
        }
    });
    // Incremental consent needs the sign-in function, defined below.
    let consent_to: StoredValue<Option<Callback<Vec<String>>>> = StoredValue::new(None);
    let consent = Callback::new(move |scopes: Vec<String>| {
        if let Some(cb) = consent_to.get_value() {
            cb.run(scopes);
        }
    });
    handlers.share_link = s.link;
    let auth_error = Signal::derive(move || match phase.get() {
        Phase::Failed(e) => Some(e),
        _ => None,
    });
    events::announce(&events, account, auth_error, m, reused);
    let browsing = Browsing::new(
        BrowsingParts {
            start: s.start,
            picking: PickerParts {
                sources: s.sources,
                rules: s.rules,
                graph: Graph::new(
                    shared.map_or(s.base, |m| m.graph_base()),
                    tokens,
                    Rc::new(Fetch::new()),
                ),
                handlers,
                messages: m,
            },
            auth_failed,
            consent,
            write: s.write,
            upload_events,
            browser_history,
            on_error: events.on_error,
        },
        account,
    );
    let sign_ins = browsing.sign_ins;
    let browsing = StoredValue::new_local(browsing);
    if shared.is_some() {
        // The app may sign in or out through the session: the picker follows.
        Effect::new(
            move |_| match (account.with(Option::is_some), phase.get_untracked()) {
                (false, Phase::Browsing) if !provided => phase.set(Phase::SignedOut),
                (true, Phase::SignedOut | Phase::Failed(_)) => phase.set(Phase::Browsing),
                _ => {}
            },
        );
    }
    // A session shows the browsing screen at once: fetch its code now.
    if matches!(phase.get_untracked(), Phase::Browsing | Phase::Restoring) {
        lazy::preload();
    }

    // Sign-in: the popup opens synchronously inside the click.
    let latest_attempt = StoredValue::new(0u64);
    let sign_in = move |opts: Interactive| {
        let pending = client.with_value(|c| c.begin_sign_in(&opts));
        let pending = match pending {
            Err(e) => return phase.set(Phase::Failed(e)),
            Ok(p) => p,
        };
        phase.set(Phase::SigningIn);
        let number = pending.number();
        latest_attempt.set_value(number);
        let current = move || latest_attempt.try_get_value() == Some(number);
        spawn_local(async move {
            // The window may only look closed (COOP): say so, and keep waiting.
            let on_closed = move || {
                if current() {
                    phase.try_set(Phase::Failed(AuthError::PopupClosed));
                }
            };
            let result = lazy::sign_in(pending, Rc::new(on_closed)).await;
            if !current() {
                return; // A newer attempt owns the screen.
            }
            match result {
                Ok(a) => {
                    account.try_set(Some(a));
                    sign_ins.try_update(|n| *n += 1);
                    phase.try_set(Phase::Browsing);
                }
                Err(e) => {
                    phase.try_set(Phase::Failed(e));
                }
            }
        });
    };
    let sign_out = move |_| {
        client.with_value(|c| c.sign_out(end_session_on_sign_out));
        browsing.with_value(|b| b.forget());
        account.set(None);
        phase.set(Phase::SignedOut);
        // Cloned out first: the page's listener may remove the picker.
        if let Some(f) = on_sign_out.try_get_value().flatten() {
            f();
        }
    };
    // Another tab signed out, lost the session, or signed in with another account.
    let other_tab = move |outside: Outside| {
        browsing.with_value(|b| b.forget());
        account.set(None);
        if outside != Outside::Replaced {
            phase.set(Phase::SignedOut);
            if let Some(f) = on_sign_out.try_get_value().flatten() {
                f();
            }
            return;
        }
        phase.set(Phase::Restoring);
        restore(client.get_value(), phase, account, move || {
            sign_ins.try_update(|n| *n += 1);
        });
    };
    if !provided {
        // Dropped with the picker: the client stops telling it.
        let watch = client.with_value(|c| c.watch(Rc::new(other_tab)));
        StoredValue::new_local(watch);
    }
    consent_to.set_value(Some(Callback::new(move |extra_scopes: Vec<String>| {
        if !provided {
            sign_in(Interactive {
                extra_scopes,
                ..Default::default()
            });
        }
    })));
    let switch_account = move |_| {
        sign_in(Interactive {
            prompt: Some(Prompt::SelectAccount),
            ..Default::default()
        });
    };
    let retry_auth = move |e: AuthError| {
        let prompt = (e.action() == ErrorAction::Consent).then_some(Prompt::Consent);
        sign_in(Interactive {
            prompt,
            ..Default::default()
        });
    };
    // A failed fetch of the browsing screen's code is tried again from its error screen.
    let attempts = RwSignal::new(0u32);
    view! {
        <section class="odp-picker" lang=m.lang data-theme=s.theme aria-label=m.picker data-phase=move || match phase.get() {
            Phase::Restoring => "restoring",
            Phase::SignedOut => "signed-out",
            Phase::SigningIn => "signing-in",
            Phase::Browsing => "browsing",
            Phase::Failed(_) => "failed",
        }>
            <header class="odp-header">
                <span class="odp-title">{m.title}</span>
                {move || account.get().map(|a| view! {
                    <span class="odp-account" title=a.username.clone()>
                        <span class="odp-account-name">{a.name.clone()}</span>
                        <span class="odp-account-username">{a.username.clone()}</span>
                    </span>
                    <span class="odp-account-actions">
                        <button class="odp-link odp-switch" on:click=switch_account>{m.switch_account}</button>
                        <button class="odp-link odp-signout" on:click=sign_out>{m.sign_out}</button>
                    </span>
                })}
            </header>
            {move || match phase.get() {
                Phase::SignedOut => view! {
                    <SignInPanel on_sign_in=Callback::new(move |_| sign_in(Interactive::default())) on_near=Callback::new(|_| lazy::preload())/>
                }.into_any(),
                Phase::SigningIn => view! { <WaitingPanel message=m.signing_in/> }.into_any(),
                Phase::Restoring => view! { <WaitingPanel message=m.loading/> }.into_any(),
                Phase::Failed(e) => {
                    let retry = Callback::new({ let e = e.clone(); move |_| retry_auth(e.clone()) });
                    view! { <ErrorPanel error=e retry=Some(retry)/> }.into_any()
                }
                Phase::Browsing => view! {
                    <Suspense fallback=move || view! { <WaitingPanel message=m.loading/> }>
                        {move || {
                            attempts.track();
                            let b = browsing.get_value();
                            Suspend::new(SendWrapper::new(async move {
                                match lazy::browse(b).await {
                                    Ok(v) => v,
                                    Err(_) => view! { <LoadFailedPanel retry=Callback::new(move |_| attempts.update(|n| *n += 1))/> }.into_any(),
                                }
                            }))
                        }}
                    </Suspense>
                }.into_any(),
            }}
        </section>
    }
    .into_any()
}
