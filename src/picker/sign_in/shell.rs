//! The picker's shell: the sign-in's phases (one machine, [`super::machine`], driven by the
//! session, [`super::session`]) around the browsing screen, the account header, and the wiring
//! of the page's events. The component ([`crate::picker::component`]) and `mountPicker`
//! ([`crate::embed`]) both build it.

use std::rc::Rc;

use send_wrapper::SendWrapper;
use leptos::prelude::*;

use super::lazy::{self, Clicked};
use super::machine::{Event, Phase, SignIn, Why};
use super::panels::{ErrorPanel, LoadFailedPanel, SignInPanel, WaitingPanel};
use super::session::Microsoft365;
use crate::auth::flow::Interactive;
use crate::auth::Tokens;
use crate::auth::{AuthClient, AuthError, ErrorAction, Prompt};
use crate::browser::Fetch;
use crate::graph::client::Graph;
use crate::picker::browsing::controller::PickerParts;
use crate::picker::browsing::screen::{Browsing, BrowsingParts};
use crate::picker::events::{self, PickerErrorInfo};
use crate::picker::messages::{locale, tables, Messages, MessagesContext, EN};
use crate::picker::options::setup::{self, setup, PickerOptions, Setup};

/// The picker's view for `options`, in the language it speaks: at once when its table is at
/// hand, else once the language's module is here (an empty frame meanwhile). The element and
/// the dialog load the table before they mount ([`crate::embed`]); this is the component's way.
pub(crate) fn picker(options: PickerOptions) -> AnyView {
    let lang = language(&options);
    if let Some(m) = tables::at_hand(lang, &options.messages) {
        return speaking(options, Ok(m), Clicked::No);
    }
    let overrides = options.messages.clone();
    let theme = setup::theme(options.theme.as_deref()).unwrap_or("auto");
    let options = StoredValue::new_local(Some(options));
    let table = RwSignal::new(None);
    leptos::task::spawn_local(async move {
        table.try_set(Some(tables::load(lang, &overrides).await));
    });
    (move || match table.get().zip(options.try_update_value(Option::take).flatten()) {
        Some((table, options)) => untrack(|| speaking(options, table, Clicked::No)),
        None => view! {
            <section class="odp-picker" lang=lang data-theme=theme aria-busy="true" data-phase="language"></section>
        }
        .into_any(),
    })
    .into_any()
}

/// The language `options` ask for (or the browser's preferences).
pub(crate) fn language(options: &PickerOptions) -> &'static str {
    locale::choose(options.locale.as_deref(), &crate::browser::languages())
}

/// The picker's view for `options`, speaking `table` (or the error screen of a wording that
/// did not fit it), taking over what the first screen's button began.
pub(crate) fn speaking(
    options: PickerOptions,
    table: Result<&'static Messages, String>,
    clicked: Clicked,
) -> AnyView {
    let m = match table {
        Ok(m) => m,
        Err(why) => return misconfigured(&options, AuthError::Config(why), &EN),
    };
    provide_context(MessagesContext(m));
    let s = match setup(&options) {
        Ok(s) => s,
        Err(e) => return misconfigured(&options, e, m),
    };
    let provided = options.token_provider.is_some();
    let (session, client, reused) = session_for(&options, &s, provided);
    let theme = s.theme;
    let on_sign_out = options.events.on_sign_out.clone();
    let end_session = options.end_session_on_sign_out;
    let state = session.state();
    events::announce(
        &options.events,
        session.account(),
        session.error(),
        m,
        reused,
    );
    tell_sign_outs(state, on_sign_out);
    let browsing = StoredValue::new_local(Browsing::new(
        browsing_parts(options, s, (session, client), provided, m),
        state,
    ));
    if !provided {
        session.follow_other_tabs();
        session.take_over(clicked);
    }
    let phase = Memo::new(move |_| state.with(|s| s.phase().clone()));
    // A session shows the browsing screen at once: fetch its code now.
    if state.with_untracked(|s| matches!(s.phase(), Phase::SignedIn | Phase::Restoring { .. })) {
        lazy::preload();
    }
    view! {
        <section class="odp-picker" lang=m.lang dir=m.dir() data-theme=theme aria-label=m.picker
            data-phase=move || state.with(|s| s.phase().name())>
            {header(session, m, end_session)}
            {move || body(session, phase.get(), browsing, m)}
        </section>
    }
    .into_any()
}

/// The error screen of a picker whose options are wrong (the page is told too).
fn misconfigured(options: &PickerOptions, e: AuthError, m: &'static Messages) -> AnyView {
    if let Some(f) = &options.events.on_error {
        f(PickerErrorInfo::auth(&e, m));
    }
    view! { <section class="odp-picker" lang=m.lang dir=m.dir() data-theme="auto"><ErrorPanel error=e retry=None/></section> }
        .into_any()
}

/// The session the picker follows and its client: the app's own (`use_microsoft365`, used as
/// it is: the user signs in once; not with tokens the page provides), the one a previous mount
/// left, or a new one; `true` when the page already knows its account.
fn session_for(
    options: &PickerOptions,
    s: &Setup,
    provided: bool,
) -> (Microsoft365, AuthClient, bool) {
    // Tokens the page provides need no sign-in, the app's included.
    let shared = options.shared.filter(|_| !provided);
    if let Some((shared, client)) = shared.and_then(|m| Some((m, m.client()?))) {
        return (shared, client, true);
    }
    let (client, reused) = setup::client_for(options.session.as_ref(), &s.config);
    let session = Microsoft365::new(Some(client.clone()), s.base.clone(), provided);
    (session, client, reused)
}

/// Tells the page of each sign-out (here, through the app's session, or in another tab).
fn tell_sign_outs(state: ReadSignal<SignIn>, on_sign_out: Option<Rc<dyn Fn()>>) {
    let Some(f) = on_sign_out else {
        return;
    };
    let sign_outs = Memo::new(move |_| state.with(SignIn::sign_outs));
    Effect::new(move |seen: Option<u64>| {
        let n = sign_outs.get();
        if seen.is_some_and(|s| s != n) {
            f();
        }
        n
    });
}

/// What the browsing screen is built from: the page's choices, Graph with the session's (or
/// the page's) tokens, and the way back to the sign-in.
fn browsing_parts(
    options: PickerOptions,
    s: Setup,
    (session, client): (Microsoft365, AuthClient),
    provided: bool,
    m: &'static Messages,
) -> BrowsingParts {
    let PickerOptions {
        token_provider,
        mut handlers,
        upload_events,
        browser_history,
        events,
        shared,
        save,
        ..
    } = options;
    let own = token_provider.is_none().then(|| client.clone());
    let tokens = match token_provider {
        Some(provider) => Tokens::Provided {
            provider,
            scopes: s.config.scopes.iter().map(String::from).collect(),
        },
        None => Tokens::SignIn(client),
    };
    handlers.share_link = s.link;
    let base = shared.map_or(s.base, |m| m.graph_base());
    BrowsingParts {
        start: s.start,
        lock: s.lock,
        picking: PickerParts {
            sources: s.sources,
            rules: s.rules,
            graph: Graph::new(base, tokens, Rc::new(Fetch::new())),
            handlers,
            messages: m,
            selected: s.selected,
        },
        // An error that needs the user (not after a sign-out: the signed-out screen stays).
        auth_failed: Callback::new(move |e: AuthError| {
            if !provided {
                session.dispatch(Event::NeedsUser(e));
            }
        }),
        // Incremental consent: a sign-in asking for the extra scopes.
        consent: Callback::new(move |extra_scopes: Vec<String>| {
            if !provided {
                let opts = Interactive {
                    extra_scopes,
                    ..Default::default()
                };
                session.begin(Why::Consent, opts);
            }
        }),
        write: s.write,
        upload_events,
        save,
        browser_history,
        on_error: events.on_error,
        client: own,
    }
}

/// The header: the title, and the account with Switch account and Sign out.
fn header(session: Microsoft365, m: &'static Messages, end_session: bool) -> impl IntoView {
    let account = session.account();
    let switch_account = move |_| {
        let opts = Interactive {
            prompt: Some(Prompt::SelectAccount),
            ..Default::default()
        };
        session.begin(Why::Switch, opts);
    };
    let sign_out = move |_| session.sign_out_ending(end_session);
    view! {
        <header class="odp-header">
            <span class="odp-title">{m.title}</span>
            {move || account.get().map(|a| view! {
                // A group named by the account: who is signed in, for assistive technology too.
                <span class="odp-account" role="group" aria-label=a.name.clone() title=a.username.clone()>
                    <span class="odp-account-name">{a.name.clone()}</span>
                    <span class="odp-account-username">{a.username.clone()}</span>
                </span>
                <span class="odp-account-actions">
                    <button class="odp-link odp-switch" on:click=switch_account>{m.switch_account}</button>
                    <button class="odp-link odp-signout" on:click=sign_out>{m.sign_out}</button>
                </span>
            })}
        </header>
    }
}

/// The screen for `phase`.
fn body(
    session: Microsoft365,
    phase: Phase,
    browsing: StoredValue<Rc<Browsing>, LocalStorage>,
    m: &'static Messages,
) -> AnyView {
    match phase {
        Phase::SignedOut => {
            let sign_in = Callback::new(move |_| session.begin(Why::SignIn, Interactive::default()));
            view! { <SignInPanel on_sign_in=sign_in on_near=Callback::new(|_| lazy::preload())/> }
                .into_any()
        }
        Phase::SigningIn(_) => view! { <WaitingPanel message=m.signing_in/> }.into_any(),
        Phase::Restoring { .. } => view! { <WaitingPanel message=m.loading/> }.into_any(),
        Phase::Failed(e) => {
            let prompt = (e.action() == ErrorAction::Consent).then_some(Prompt::Consent);
            let retry = Callback::new(move |_| {
                let opts = Interactive {
                    prompt,
                    ..Default::default()
                };
                session.begin(Why::Retry, opts);
            });
            // The browser blocked the window: the user may sign in on this page instead.
            let instead = (e == AuthError::PopupBlocked && session.can_redirect()).then(|| {
                Callback::new(move |_| session.redirect_instead(Why::Retry))
            });
            view! { <ErrorPanel error=e retry=Some(retry) instead=instead/> }.into_any()
        }
        Phase::SignedIn => browse(browsing, m),
    }
}

/// The browsing screen, its code fetched first if need be; a failed fetch is tried again from
/// its error screen.
fn browse(browsing: StoredValue<Rc<Browsing>, LocalStorage>, m: &'static Messages) -> AnyView {
    let attempts = RwSignal::new(0u32);
    view! {
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
    }
    .into_any()
}
