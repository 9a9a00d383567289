//! The picker: sign-in, error screens that say what to do, and the browser over every source
//! (navigation pane, toolbar, breadcrumbs, a virtualised list or grid, the selection tray).
//!
//! DOM-free: [`state`] (browsing), [`selection`], [`options`] (mode and filters), [`sort`],
//! [`source`] (the places and their Graph requests), [`listing`], [`window`] (virtualisation
//! arithmetic), [`result`], [`format`]. At the DOM edge: [`controller`] and one file per
//! component.

pub mod breadcrumbs;
pub mod browse;
pub mod controller;
pub mod format;
pub mod history;
pub mod item_list;
pub mod item_view;
pub mod listing;
pub mod loader;
pub mod messages;
pub mod messages_de;
pub mod nav;
pub mod open;
pub mod options;
pub mod panels;
pub mod preview;
pub mod result;
pub mod selection;
pub mod setup;
pub mod sort;
pub mod source;
pub mod start;
pub mod state;
pub mod toolbar;
pub mod tray;
pub mod window;

use std::rc::Rc;

use leptos::leptos_dom::helpers::request_animation_frame;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::auth::client::Tokens;
use crate::auth::flow::Interactive;
use crate::auth::{
    Account, AuthClient, AuthError, ErrorAction, Prompt, ProvidedTokens, TokenStorage,
};
use browse::Browse;
use controller::{PickHandlers, Picker};
use messages::MessagesContext;
pub use options::{KindFilter, Mode, PickOptions};
use panels::{ErrorPanel, SignInPanel, WaitingPanel};
pub use result::PickedItem;
pub(crate) use setup::PickerOptions;
use setup::{for_locale, setup};
use state::Browser;

#[derive(Clone, Debug, PartialEq)]
enum Phase {
    SignedOut,
    SigningIn,
    Browsing,
    Failed(AuthError),
}

/// An embeddable Microsoft 365 file picker.
///
/// Signs the user in with PKCE in a popup (or uses `token_provider`), then browses My files,
/// Recent, Shared, SharePoint and Teams. A click selects, a double-click or Enter opens a
/// folder (or picks a file), "Select" hands the selection to `on_pick`.
#[component]
pub fn OneDrivePicker(
    /// Application (client) id of the single-page-app registration.
    #[prop(into)]
    client_id: String,
    /// Authority, `https://login.microsoftonline.com/{common|organizations|consumers|tenant}` by default.
    #[prop(into, optional)]
    authority: Option<String>,
    /// Redirect URI registered for the app; defaults to `{page origin}/auth.html`.
    #[prop(into, optional)]
    redirect_uri: Option<String>,
    /// Space-separated scopes; `User.Read Files.Read.All Sites.Read.All` by default.
    #[prop(into, optional)]
    scopes: Option<String>,
    /// Graph base URL, `https://graph.microsoft.com/v1.0` by default.
    #[prop(into, optional)]
    graph_base: Option<String>,
    /// `prompt` for sign-in.
    #[prop(optional)]
    prompt: Option<Prompt>,
    /// `login_hint` for sign-in.
    #[prop(into, optional)]
    login_hint: Option<String>,
    /// `domain_hint` for sign-in.
    #[prop(into, optional)]
    domain_hint: Option<String>,
    /// Where tokens are kept (memory by default).
    #[prop(optional)]
    token_storage: TokenStorage,
    /// A page-supplied token provider; the widget then shows no sign-in.
    #[prop(optional)]
    token_provider: Option<ProvidedTokens>,
    /// What can be picked: files (default), folders or both.
    #[prop(optional)]
    mode: Mode,
    /// Allow more than one item.
    #[prop(optional)]
    multiple: bool,
    /// With `multiple`, at most this many items.
    #[prop(optional)]
    max_count: Option<usize>,
    /// Extensions and kinds that can be picked: `.docx, .xlsx`, `images video`, `documents`…
    /// (others are shown disabled).
    #[prop(into, optional)]
    filters: Option<String>,
    /// The sources offered, in order: `my-files recent shared sites teams` (all by default).
    #[prop(into, optional)]
    sources: Option<String>,
    /// Where to start: a source key, or `drive:{id}`, `site:{id}`, `group:{id}`,
    /// `item:{drive id}/{item id}`, `path:/Folder/Sub`.
    #[prop(into, optional)]
    start: Option<String>,
    /// Called with the picked items when the user confirms.
    #[prop(into, optional)]
    on_pick: Option<Callback<Vec<PickedItem>>>,
    /// Called when the user cancels.
    #[prop(into, optional)]
    on_cancel: Option<Callback<()>>,
    /// Open a single picked file in a new tab (default true).
    #[prop(default = true)]
    open_files: bool,
    /// Add a short-lived `download_url` to each picked file (one Graph request per file).
    #[prop(optional)]
    download_urls: bool,
    /// "Sign out" also ends the session at the authority (in a small window), so that the next
    /// sign-in on this browser asks for credentials again. Default false: the widget forgets its
    /// tokens and the next sign-in asks for an account.
    #[prop(optional)]
    end_session_on_sign_out: bool,
    /// Browser Back and Forward move between the folders opened (default true; false for pages
    /// whose router owns the history).
    #[prop(default = true)]
    browser_history: bool,
    /// The language: `en`, `de` (a BCP 47 tag; default: the browser's).
    #[prop(into, optional)]
    locale: Option<String>,
    /// `light`, `dark` or `auto` (the default: the system's `prefers-color-scheme`); forced
    /// colours (high contrast) apply in every theme.
    #[prop(into, optional)]
    theme: Option<String>,
) -> impl IntoView {
    let on_pick =
        on_pick.map(|cb| Rc::new(move |items| cb.run(items)) as Rc<dyn Fn(Vec<PickedItem>)>);
    let on_cancel = on_cancel.map(|cb| Rc::new(move || cb.run(())) as Rc<dyn Fn()>);
    picker(PickerOptions {
        client_id,
        authority,
        redirect_uri,
        scopes,
        graph_base,
        prompt,
        login_hint,
        domain_hint,
        token_storage,
        token_provider,
        mode,
        multiple,
        max_count,
        filters,
        sources,
        start,
        handlers: PickHandlers {
            on_pick,
            on_cancel,
            open_files,
            download_urls,
        },
        end_session_on_sign_out,
        browser_history,
        locale,
        theme,
    })
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
            return view! { <section class="odp-picker" lang=m.lang data-theme="auto"><ErrorPanel error=e retry=None/></section> }
                .into_any()
        }
    };
    let PickerOptions {
        token_provider,
        handlers,
        end_session_on_sign_out,
        browser_history,
        ..
    } = options;
    let client = AuthClient::new(s.config.clone());
    let provided = token_provider.is_some();
    let tokens = match token_provider {
        Some(provider) => Tokens::Provided {
            provider,
            scopes: s.config.scopes.iter().map(String::from).collect(),
        },
        None => Tokens::SignIn(client.clone()),
    };
    let client = StoredValue::new_local(client);
    let account = RwSignal::new(client.with_value(AuthClient::account));
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
    let picker = Picker::new(
        fresh(personal),
        s.sources,
        s.rules,
        s.base,
        tokens,
        handlers,
        m,
        auth_failed,
        consent,
    );
    provide_context(picker);
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
