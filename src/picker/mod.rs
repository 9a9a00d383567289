//! The picker: sign-in screen, error screens that say what to do, and the folder browser
//! (breadcrumbs, listing with thumbnails, paging on demand, opening files in Office for the web).

pub mod format;
pub mod listing;

use std::rc::Rc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::auth::client::Tokens;
use crate::auth::flow::Interactive;
use crate::auth::{
    AuthClient, AuthConfig, AuthError, Authority, ErrorAction, Prompt, ProvidedTokens, Scopes,
    TokenStorage,
};
use crate::browser::{origin, Fetch};
use crate::graph::client::get_json;
use crate::graph::request::children_url;
use crate::graph::{DriveItem, FolderRef, GraphBase, GraphError, GraphUrl, Page};
use format::{folder_ref, human_size, kind_name, short_date};
use listing::Listing;

/// What the page receives when the user picks a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PickedItem {
    /// Item id (opaque).
    pub id: String,
    /// Drive id, when known.
    pub drive_id: Option<String>,
    /// File name.
    pub name: String,
    /// Where it opens in the browser (Office for the web for Office files); only ever an
    /// `https` URL (`http` on loopback, for the emulator).
    pub web_url: Option<String>,
    /// MIME type, when known.
    pub mime_type: Option<String>,
    /// Size in bytes, when known.
    pub size: Option<u64>,
}

impl From<&DriveItem> for PickedItem {
    fn from(item: &DriveItem) -> Self {
        let remote = item.remote_item.as_deref();
        PickedItem {
            id: remote
                .map(|r| r.id.clone())
                .unwrap_or_else(|| item.id.clone()),
            drive_id: remote
                .and_then(|r| r.parent_reference.as_ref())
                .or(item.parent_reference.as_ref())
                .and_then(|p| p.drive_id.clone()),
            name: item.name.clone(),
            web_url: item.open_url(),
            mime_type: item
                .file
                .as_ref()
                .or(remote.and_then(|r| r.file.as_ref()))
                .and_then(|f| f.mime_type.clone()),
            size: item.size,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
enum Phase {
    SignedOut,
    SigningIn,
    Browsing,
    Failed(AuthError),
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Crumb {
    folder: FolderRef,
    name: String,
}

/// Empty pages (with a next link) followed in a row before the listing gives up on filling a page.
const MAX_EMPTY_PAGES: usize = 10;

/// An embeddable Microsoft 365 file picker.
///
/// Signs the user in with PKCE in a popup (or uses `token_provider`), then lists My files with
/// breadcrumbs; activating a file opens it in Office for the web and calls `on_pick`.
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
    /// Called when the user picks a file.
    #[prop(into, optional)]
    on_pick: Option<Callback<PickedItem>>,
    /// Open picked files in a new tab (default true).
    #[prop(default = true)]
    open_files: bool,
    /// "Sign out" also ends the session at the authority (in a small window), so that the next
    /// sign-in on this browser asks for credentials again. Default false: the widget forgets its
    /// tokens and the next sign-in asks for an account.
    #[prop(optional)]
    end_session_on_sign_out: bool,
) -> impl IntoView {
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
        on_pick: on_pick
            .map(|cb| Rc::new(move |item: PickedItem| cb.run(item)) as Rc<dyn Fn(PickedItem)>),
        open_files,
        end_session_on_sign_out,
    })
}

/// Everything the picker is configured with (the component's props, or `mountPicker`'s options).
pub(crate) struct PickerOptions {
    pub client_id: String,
    pub authority: Option<String>,
    pub redirect_uri: Option<String>,
    pub scopes: Option<String>,
    pub graph_base: Option<String>,
    pub prompt: Option<Prompt>,
    pub login_hint: Option<String>,
    pub domain_hint: Option<String>,
    pub token_storage: TokenStorage,
    pub token_provider: Option<ProvidedTokens>,
    pub on_pick: Option<Rc<dyn Fn(PickedItem)>>,
    pub open_files: bool,
    pub end_session_on_sign_out: bool,
}

/// The picker's view for `options`.
pub(crate) fn picker(options: PickerOptions) -> AnyView {
    let PickerOptions {
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
        on_pick,
        open_files,
        end_session_on_sign_out,
    } = options;
    let on_pick = StoredValue::new_local(on_pick);
    let setup = (|| -> Result<(AuthConfig, GraphBase), AuthError> {
        let mut cfg = AuthConfig::new(
            client_id,
            redirect_uri.unwrap_or_else(|| format!("{}/auth.html", origin())),
        );
        if let Some(a) = authority {
            cfg.authority = Authority::parse(&a)?;
        }
        if let Some(s) = scopes {
            cfg.scopes = Scopes::parse(&s);
        }
        cfg.prompt = prompt;
        cfg.login_hint = login_hint;
        cfg.domain_hint = domain_hint;
        cfg.storage = token_storage;
        let base = match graph_base {
            Some(g) => GraphBase::parse(&g)?,
            None => GraphBase::default(),
        };
        Ok((cfg, base))
    })();
    let (cfg, base) = match setup {
        Ok(v) => v,
        Err(e) => {
            return view! { <section class="odp-picker"><ErrorPanel error=e retry=None/></section> }
                .into_any()
        }
    };
    let client = AuthClient::new(cfg.clone());
    let provided = token_provider.is_some();
    let tokens = StoredValue::new_local(match token_provider {
        Some(provider) => Tokens::Provided {
            provider,
            scopes: cfg.scopes.iter().map(String::from).collect(),
        },
        None => Tokens::SignIn(client.clone()),
    });
    let client = StoredValue::new_local(client);
    let base = StoredValue::new(base);

    let account = RwSignal::new(client.with_value(AuthClient::account));
    // The location belongs to the account it was opened with.
    let crumbs_owner = StoredValue::new(account.get_untracked().map(|a| account_key(&a)));
    let phase = RwSignal::new(if provided || account.get_untracked().is_some() {
        Phase::Browsing
    } else {
        Phase::SignedOut
    });
    let crumbs = RwSignal::new(home());
    let listing = RwSignal::new(Listing::default());
    let in_flight: StoredValue<Option<Rc<Fetch>>, LocalStorage> = StoredValue::new_local(None);
    on_cleanup(move || {
        if let Some(f) = in_flight.try_get_value().flatten() {
            f.abort();
        }
    });

    // Loads `url`; replaces the listing, or appends to it (next pages).
    let load = move |url: GraphUrl, append: bool| {
        let fetch = Rc::new(Fetch::new());
        if let Some(old) = in_flight.try_get_value().flatten() {
            old.abort();
        }
        in_flight.set_value(Some(fetch.clone()));
        listing.update(|l| {
            l.loading = true;
            l.error = None;
            if !append {
                l.items.clear();
                l.next = None;
            }
        });
        let tokens = tokens.get_value();
        spawn_local(async move {
            let mut url = url;
            let mut empty = 0;
            let result = loop {
                match get_json::<Page<DriveItem>, _, _>(&*fetch, &tokens, &url).await {
                    // Pages may be empty yet have a next link: follow a few before showing "more".
                    Ok(Page {
                        value,
                        next_link: Some(next),
                        ..
                    }) if value.is_empty() && empty < MAX_EMPTY_PAGES => {
                        empty += 1;
                        // The token goes only to the Graph origin: a link elsewhere is refused.
                        match base.get_value().link(&next) {
                            Ok(u) => url = u,
                            Err(e) => break Err(e),
                        }
                    }
                    other => break other,
                }
            };
            match result {
                Err(GraphError::Aborted) => {}
                Ok(page) => {
                    listing.try_update(|l| l.append(page));
                }
                Err(e) => {
                    if let GraphError::Auth(a) = &e {
                        // (Not after a sign-out: the signed-out screen stays.)
                        if matches!(a.action(), ErrorAction::SignInAgain | ErrorAction::Consent)
                            && !provided
                            && phase.try_get_untracked() == Some(Phase::Browsing)
                        {
                            account.try_set(None);
                            phase.try_set(Phase::Failed(a.clone()));
                        }
                    }
                    listing.try_update(|l| {
                        l.loading = false;
                        l.error = Some(e);
                    });
                }
            }
        });
    };
    let open_folder =
        move |folder: FolderRef| load(children_url(&base.get_value(), &folder), false);
    let reload = move || {
        let folder = crumbs
            .with_untracked(|c| c.last().map(|c| c.folder.clone()))
            .unwrap_or(FolderRef::MyFiles);
        open_folder(folder);
    };
    if phase.get_untracked() == Phase::Browsing {
        reload();
    }

    // Sign-in: the popup opens synchronously inside the click.
    let latest_attempt = StoredValue::new(0u64);
    let sign_in = move |opts: Interactive| {
        let pending = client.with_value(|c| c.begin_sign_in(&opts));
        match pending {
            Err(e) => phase.set(Phase::Failed(e)),
            Ok(pending) => {
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
                            if crumbs_owner.try_get_value().flatten() != key {
                                crumbs_owner.try_set_value(key);
                                crumbs.try_set(home());
                            }
                            account.try_set(Some(a));
                            phase.try_set(Phase::Browsing);
                            reload();
                        }
                        Err(e) => {
                            phase.try_set(Phase::Failed(e));
                        }
                    }
                });
            }
        }
    };
    let sign_out = move |_| {
        if let Some(f) = in_flight.get_value() {
            f.abort();
        }
        client.with_value(|c| c.sign_out(end_session_on_sign_out));
        crumbs_owner.set_value(None);
        account.set(None);
        listing.set(Listing::default());
        crumbs.set(home());
        phase.set(Phase::SignedOut);
    };
    let switch_account = move |_| {
        sign_in(Interactive {
            prompt: Some(Prompt::SelectAccount),
            ..Default::default()
        });
    };
    let retry_auth = move |e: AuthError| {
        let opts = match e.action() {
            ErrorAction::Consent => Interactive {
                prompt: Some(Prompt::Consent),
                ..Default::default()
            },
            _ => Interactive::default(),
        };
        sign_in(opts);
    };

    let activate = move |item: DriveItem| {
        if item.is_folder() {
            let folder = folder_ref(&item);
            crumbs.update(|c| {
                c.push(Crumb {
                    folder: folder.clone(),
                    name: item.name.clone(),
                })
            });
            open_folder(folder);
            return;
        }
        let picked = PickedItem::from(&item);
        if open_files {
            if let (Some(url), Some(w)) = (picked.web_url.as_deref(), web_sys::window()) {
                let _ =
                    w.open_with_url_and_target_and_features(url, "_blank", "noopener,noreferrer");
            }
        }
        if let Some(cb) = on_pick.get_value() {
            cb(picked);
        }
    };
    let go_to_crumb = move |index: usize| {
        crumbs.update(|c| c.truncate(index + 1));
        reload();
    };

    view! {
        <section class="odp-picker" aria-label="Microsoft 365 file picker" data-phase=move || match phase.get() {
            Phase::SignedOut => "signed-out",
            Phase::SigningIn => "signing-in",
            Phase::Browsing => "browsing",
            Phase::Failed(_) => "failed",
        }>
            <header class="odp-header">
                <span class="odp-title">"Microsoft 365"</span>
                {move || account.get().map(|a| view! {
                    <span class="odp-account" title=a.username.clone()>
                        <span class="odp-account-name">{a.name.clone()}</span>
                        <span class="odp-account-username">{a.username.clone()}</span>
                    </span>
                    <button class="odp-link odp-switch" on:click=switch_account>"Switch account"</button>
                    <button class="odp-link odp-signout" on:click=sign_out>"Sign out"</button>
                })}
            </header>
            {move || match phase.get() {
                Phase::SignedOut => view! {
                    <div class="odp-signin">
                        <p>"Sign in to pick files from OneDrive and SharePoint."</p>
                        <button class="odp-primary odp-signin-button" on:click=move |_| sign_in(Interactive::default())>
                            "Sign in with Microsoft"
                        </button>
                    </div>
                }.into_any(),
                Phase::SigningIn => view! {
                    <div class="odp-signin" role="status">
                        <p class="odp-waiting">"Finish signing in in the pop-up window…"</p>
                    </div>
                }.into_any(),
                Phase::Failed(e) => {
                    let retry: Callback<()> = Callback::new({ let e = e.clone(); move |_| retry_auth(e.clone()) });
                    view! { <ErrorPanel error=e retry=Some(retry)/> }.into_any()
                }
                Phase::Browsing => view! {
                    <Breadcrumbs crumbs=crumbs on_go=Callback::new(go_to_crumb)/>
                    <FolderListing listing=listing on_activate=Callback::new(activate)
                        on_more=Callback::new(move |_| if let Some(next) = listing.with_untracked(|l| l.next.clone()) {
                            match base.get_value().link(&next) {
                                Ok(url) => load(url, true),
                                Err(e) => listing.update(|l| l.error = Some(e)),
                            }
                        })
                        on_retry=Callback::new(move |_| reload())/>
                }.into_any(),
            }}
        </section>
    }
    .into_any()
}

/// The breadcrumbs of the start: My files.
fn home() -> Vec<Crumb> {
    vec![Crumb {
        folder: FolderRef::MyFiles,
        name: "My files".into(),
    }]
}

/// Who an account is, for telling two accounts apart.
fn account_key(a: &crate::auth::Account) -> String {
    format!("{}/{}", a.tenant_id, a.object_id)
}

#[component]
fn ErrorPanel(error: AuthError, retry: Option<Callback<()>>) -> impl IntoView {
    let label = match error.action() {
        ErrorAction::SignInAgain => Some("Sign in again"),
        ErrorAction::Consent => Some("Review permissions"),
        ErrorAction::Retry => Some("Try again"),
        ErrorAction::GiveUp => None,
    };
    view! {
        <div class="odp-error" role="alert" data-error=error.kind()>
            <p class="odp-error-message">{error.to_string()}</p>
            {retry.zip(label).map(|(cb, label)| view! {
                <button class="odp-primary odp-retry" on:click=move |_| cb.run(())>{label}</button>
            })}
        </div>
    }
}

#[component]
fn Breadcrumbs(crumbs: RwSignal<Vec<Crumb>>, on_go: Callback<usize>) -> impl IntoView {
    view! {
        <nav class="odp-breadcrumbs" aria-label="Folder path">
            <ol>
                {move || {
                    let all = crumbs.get();
                    let last = all.len().saturating_sub(1);
                    all.into_iter().enumerate().map(|(i, c)| {
                        let current = i == last;
                        view! {
                            <li>
                                <button class="odp-crumb" aria-current=current.then_some("page") disabled=current
                                    on:click=move |_| on_go.run(i)>{c.name}</button>
                            </li>
                        }
                    }).collect_view()
                }}
            </ol>
        </nav>
    }
}

#[component]
fn FolderListing(
    listing: RwSignal<Listing>,
    on_activate: Callback<DriveItem>,
    on_more: Callback<()>,
    on_retry: Callback<()>,
) -> impl IntoView {
    view! {
        <ul class="odp-items" aria-label="Files and folders" aria-busy=move || listing.with(|l| l.loading).to_string()>
            <For each=move || listing.with(|l| l.items.clone()) key=|i| i.id.clone() let:item>
                <ItemRow item=item on_activate=on_activate/>
            </For>
        </ul>
        {move || listing.with(|l| {
            if l.loading {
                view! { <p class="odp-loading" role="status">"Loading…"</p> }.into_any()
            } else if let Some(e) = &l.error {
                let retryable = matches!(e.action(), ErrorAction::Retry);
                view! {
                    <div class="odp-error odp-list-error" role="alert" data-status=e.status().map(|s| s.to_string())>
                        <p class="odp-error-message">{e.to_string()}</p>
                        {retryable.then(|| view! { <button class="odp-retry" on:click=move |_| on_retry.run(())>"Try again"</button> })}
                    </div>
                }.into_any()
            } else if l.next.is_some() {
                view! { <button class="odp-more" on:click=move |_| on_more.run(())>"Show more"</button> }.into_any()
            } else if l.items.is_empty() {
                view! { <p class="odp-empty">"This folder is empty."</p> }.into_any()
            } else {
                ().into_any()
            }
        })}
    }
}

#[component]
fn ItemRow(item: DriveItem, on_activate: Callback<DriveItem>) -> impl IntoView {
    let kind = kind_name(item.kind());
    let thumb = item.thumbnail_url();
    let size = if item.is_folder() {
        item.folder
            .as_ref()
            .and_then(|f| f.child_count)
            .map(|n| format!("{n} items"))
            .unwrap_or_default()
    } else {
        item.size.map(human_size).unwrap_or_default()
    };
    let date = short_date(item.last_modified_date_time.as_deref());
    let name = item.name.clone();
    let title = name.clone();
    view! {
        <li>
            <button class="odp-item" data-kind=kind title=title on:click=move |_| on_activate.run(item.clone())>
                {match thumb {
                    Some(url) => view! { <img class="odp-thumb" src=url alt="" loading="lazy" width="32" height="32"/> }.into_any(),
                    None => view! { <span class=format!("odp-icon odp-icon-{kind}") aria-hidden="true"></span> }.into_any(),
                }}
                <span class="odp-name">{name}</span>
                <span class="odp-modified">{date}</span>
                <span class="odp-size">{size}</span>
            </button>
        </li>
    }
}
