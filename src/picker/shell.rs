//! The picker's shell: the sign-in phases (signed out, signing in, browsing, failed) around the
//! browser, the account header, and the wiring of the page's events and session. The component
//! ([`super::component`]) and `mountPicker` ([`crate::embed`]) both build it.

use leptos::leptos_dom::helpers::request_animation_frame;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::browse::Browse;
use super::controller::Picker;
use super::events::{self, PickerErrorInfo};
use super::messages::MessagesContext;
use super::panels::{ErrorPanel, SignInPanel, WaitingPanel};
use super::setup::{self, for_locale, setup, PickerOptions};
use super::state::Browser;
use super::uploader::Uploader;
use super::{history, selection};
use crate::auth::client::Tokens;
use crate::auth::flow::Interactive;
use crate::auth::{Account, AuthClient, AuthError, ErrorAction, Prompt};

#[derive(Clone, Debug, PartialEq)]
enum Phase {
    SignedOut,
    SigningIn,
    Browsing,
    Failed(AuthError),
}

/// Who an account is, for telling two accounts apart.
fn account_key(a: &Account) -> String {
    format!("{}/{}", a.tenant_id, a.object_id)
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
    let phase = RwSignal::new(if provided || account.get_untracked().is_some() {
        Phase::Browsing
    } else {
        Phase::SignedOut
    });
    // An error that needs the user (not after a sign-out: the signed-out screen stays).
    let auth_failed = Callback::new(move |e: AuthError| {
        if !provided && phase.get_untracked() == Phase::Browsing {
            account.set(None);
            phase.set(Phase::Failed(e));
        }
    });
    let personal = account.get_untracked().is_some_and(|a| a.is_personal());
    let (start_source, start_crumb) = s.start.clone();
    let start_crumb = StoredValue::new(start_crumb);
    let fresh = move |personal: bool| Browser::new(start_source, personal, start_crumb.get_value());
    // Incremental consent needs the sign-in function, defined below with the picker it updates.
    let consent_to: StoredValue<Option<Callback<Vec<String>>>> = StoredValue::new(None);
    let consent = Callback::new(move |scopes: Vec<String>| {
        if let Some(cb) = consent_to.get_value() {
            cb.run(scopes);
        }
    });
    handlers.share_link = s.link;
    let picker = Picker::new(
        fresh(personal),
        s.sources,
        s.rules,
        shared.map_or(s.base, |m| m.graph_base()),
        tokens,
        handlers,
        m,
        auth_failed,
        consent,
    );
    provide_context(picker);
    provide_context(Uploader::new(picker, s.write, upload_events));
    let auth_error = Signal::derive(move || match phase.get() {
        Phase::Failed(e) => Some(e),
        _ => None,
    });
    events::announce(events, account, auth_error, picker, m, reused);
    if shared.is_some() {
        // The app may sign in or out through the session: the picker follows.
        Effect::new(
            move |_| match (account.with(Option::is_some), phase.get_untracked()) {
                (false, Phase::Browsing) if !provided => phase.set(Phase::SignedOut),
                (true, Phase::SignedOut | Phase::Failed(_)) => {
                    phase.set(Phase::Browsing);
                    picker.load();
                }
                _ => {}
            },
        );
    }
    if browser_history {
        let history = history::History::install(
            picker,
            crate::util::b64url(crate::browser::random_bytes::<6>()),
        );
        Effect::new(move |seen: Option<u64>| {
            let n = picker.navigations.get();
            if seen.is_some_and(|s| s != n) {
                history.push(picker);
            }
            n
        });
    }
    // The place and the selection belong to the account they were made with.
    let owner = StoredValue::new(account.get_untracked().map(|a| account_key(&a)));
    if phase.get_untracked() == Phase::Browsing {
        picker.load();
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
            let result = pending.finish(on_closed).await;
            if !current() {
                return; // A newer attempt owns the screen.
            }
            match result {
                Ok(a) => {
                    let key = Some(account_key(&a));
                    if owner.try_get_value().flatten() != key {
                        owner.try_set_value(key);
                        picker.browser.try_set(fresh(a.is_personal()));
                        picker.selection.try_update(selection::Selection::clear);
                    }
                    account.try_set(Some(a));
                    phase.try_set(Phase::Browsing);
                    picker.sign_ins.try_update(|n| *n += 1);
                    picker.load();
                    request_animation_frame(move || picker.focus_list());
                }
                Err(e) => {
                    phase.try_set(Phase::Failed(e));
                }
            }
        });
    };
    let sign_out = move |_| {
        picker.abort();
        client.with_value(|c| c.sign_out(end_session_on_sign_out));
        owner.set_value(None);
        account.set(None);
        picker.browser.set(fresh(false));
        picker.selection.update(selection::Selection::clear);
        phase.set(Phase::SignedOut);
        // Cloned out first: the page's listener may remove the picker.
        if let Some(f) = on_sign_out.try_get_value().flatten() {
            f();
        }
    };
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
    view! {
        <section class="odp-picker" lang=m.lang data-theme=s.theme aria-label=m.picker data-phase=move || match phase.get() {
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
                    <SignInPanel on_sign_in=Callback::new(move |_| sign_in(Interactive::default()))/>
                }.into_any(),
                Phase::SigningIn => view! { <WaitingPanel/> }.into_any(),
                Phase::Failed(e) => {
                    let retry = Callback::new({ let e = e.clone(); move |_| retry_auth(e.clone()) });
                    view! { <ErrorPanel error=e retry=Some(retry)/> }.into_any()
                }
                Phase::Browsing => view! { <Browse/> }.into_any(),
            }}
        </section>
    }
    .into_any()
}
