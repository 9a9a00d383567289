//! The Leptos component: [`OneDrivePicker`], its documented props, signals in and callbacks out.

use std::rc::Rc;

use leptos::prelude::*;

use crate::picker::browsing::controller::PickHandlers;
use super::events::{PageEvents, PickerErrorInfo};
use crate::picker::messages::locale::MessageOverrides;
use crate::picker::model::rules::Mode;
use crate::picker::model::result::PickedItem;
use crate::picker::saving::saver::{SaveRequest, SaveResult};
use crate::picker::sign_in::session::Microsoft365;
use crate::picker::options::setup::PickerOptions;
use crate::picker::sign_in::placeholder::deferred;
use crate::picker::sign_in::shell::picker;
use crate::picker::uploads::uploader::{UploadEvents, UploadProgress};
use crate::auth::{Account, AuthMode, Prompt, ProvidedTokens, TokenStorage};

/// An embeddable Microsoft 365 file picker.
///
/// Signs the user in with PKCE in a popup (or uses `token_provider`), then browses My files,
/// Recent, Shared, SharePoint and Teams. A click selects, a double-click or Enter opens a
/// folder (or picks a file), "Select" hands the selection to `on_pick`.
///
/// Server-rendered (the crate's `ssr` and `hydrate` features), it renders a placeholder of its
/// frame — a "Loading…" status in the `locale` and `theme` given — that the browser hydrates and
/// the picker replaces once mounted; nothing of the browser is touched on the server.
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
    /// How the user signs in: from a Teams or Outlook host that offers nested app
    /// authentication, else in a popup (`Auto`, the default), or only one of them.
    #[prop(optional)]
    auth_mode: AuthMode,
    /// Where tokens are kept (memory by default).
    #[prop(optional)]
    token_storage: TokenStorage,
    /// A page-supplied token provider; the widget then shows no sign-in.
    #[prop(optional)]
    token_provider: Option<ProvidedTokens>,
    /// What can be picked: files (default), folders or both; or, with `Mode::Save`, nothing: a
    /// folder and a file name to save as (`save_name`, `save_content`, `on_save`).
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
    /// Open a single picked file in a new tab as well (default false: the page gets it and
    /// stays where it is).
    #[prop(optional)]
    open_files: bool,
    /// Add a short-lived `download_url` to each picked file (one Graph request per file).
    #[prop(optional)]
    download_urls: bool,
    /// Keep each picked file's `thumbnail_url`. Off by default: a thumbnail URL is
    /// pre-authenticated (on SharePoint it carries an access token for the file), so treat it
    /// as a secret.
    #[prop(optional)]
    thumbnail_urls: bool,
    /// "Sign out" also ends the session at the authority (in a small window), so that the next
    /// sign-in on this browser asks for credentials again. Default false: the widget forgets its
    /// tokens and the next sign-in asks for an account.
    #[prop(optional)]
    end_session_on_sign_out: bool,
    /// Browser Back and Forward move between the folders opened, an entry in the page's history
    /// for each (default false: leave it off where the page's router owns the history).
    #[prop(optional)]
    browser_history: bool,
    /// The language, a BCP 47 tag: `en`, `de`, `fr`, `es`, `it`, `nl`, `pt-BR`, `pl`, `ja`,
    /// `zh-Hans` or `ar` (`de-AT` is German; default: the first of the browser's languages the
    /// picker speaks, else English).
    #[prop(into, optional)]
    locale: Option<String>,
    /// Keeps the user in `start` and below: no sources pane, no breadcrumb above it, search
    /// within it (default false).
    #[prop(optional)]
    lock_to_start: bool,
    /// Items shown chosen when the picker opens: `{drive id}/{item id}` (a picked item's
    /// `drive_id` and `id`), space separated.
    #[prop(into, optional)]
    selected: Option<String>,
    /// Your own words for any message, per language ([`MessageOverrides`]).
    #[prop(optional)]
    messages: MessageOverrides,
    /// `light`, `dark` or `auto` (the default: the system's `prefers-color-scheme`); forced
    /// colours (high contrast) apply in every theme.
    #[prop(into, optional)]
    theme: Option<String>,
    /// Called with the account when one is signed in (after sign-in, a switch of account, or a
    /// session restored from storage).
    #[prop(into, optional)]
    on_sign_in: Option<Callback<Account>>,
    /// Called when the user signs out.
    #[prop(into, optional)]
    on_sign_out: Option<Callback<()>>,
    /// Called with every error the user is shown (code, message on screen, action, request id).
    #[prop(into, optional)]
    on_error: Option<Callback<PickerErrorInfo>>,
    /// The app's own session ([`use_microsoft365`](super::use_microsoft365)): the picker signs
    /// in and out through it and calls its Graph (its own sign-in props and `graph_base` then
    /// go unused), so the user signs in once.
    #[prop(optional)]
    session: Option<Microsoft365>,
    /// Offer uploads into the folder shown (buttons, and drag and drop of files and folders).
    /// Without a write scope granted, the user is asked for one when uploading.
    #[prop(optional)]
    upload: bool,
    /// The largest file uploaded, in bytes (larger ones are refused before sending).
    #[prop(optional)]
    upload_max_size: Option<u64>,
    /// The most files uploaded at once.
    #[prop(optional)]
    upload_max_count: Option<usize>,
    /// The extensions uploads take: `.docx .pdf` (any by default).
    #[prop(into, optional)]
    upload_accept: Option<String>,
    /// Offer a new folder in the folder shown.
    #[prop(optional)]
    create_folder: bool,
    /// A sharing link with each picked item: `view` or `edit`, optionally followed by
    /// `anonymous`, `organization` or `users` (the tenant's default otherwise).
    #[prop(into, optional)]
    share_link: Option<String>,
    /// Called with upload progress after every fragment.
    #[prop(into, optional)]
    on_upload_progress: Option<Callback<UploadProgress>>,
    /// Called with the files uploaded when the uploads are through.
    #[prop(into, optional)]
    on_upload: Option<Callback<Vec<PickedItem>>>,
    /// With `mode=Mode::Save`: the file name offered (the user may change it).
    #[prop(into, optional)]
    save_name: Option<String>,
    /// With `mode=Mode::Save`: the bytes the picker uploads to the folder and name chosen;
    /// without them the app gets the folder and name and saves the file itself.
    #[prop(optional)]
    save_content: Option<web_sys::Blob>,
    /// With `mode=Mode::Save`: the folder and name chosen (and the file uploaded, with
    /// `save_content`).
    #[prop(into, optional)]
    on_save: Option<Callback<SaveResult>>,
) -> impl IntoView {
    let options = PickerOptions {
        client_id,
        authority,
        redirect_uri,
        scopes,
        graph_base,
        prompt,
        login_hint,
        domain_hint,
        auth_mode,
        token_storage,
        token_provider,
        mode,
        multiple,
        max_count,
        filters,
        sources,
        start,
        handlers: PickHandlers {
            on_pick: listener(on_pick),
            on_cancel: on_cancel.map(|cb| Rc::new(move || cb.run(())) as _),
            open_files,
            download_urls,
            thumbnail_urls,
            share_link: None,
        },
        end_session_on_sign_out,
        browser_history,
        locale,
        selected,
        lock_to_start,
        messages,
        theme,
        events: PageEvents {
            on_sign_in: on_sign_in.map(|cb| Rc::new(move |a: &Account| cb.run(a.clone())) as _),
            on_sign_out: on_sign_out.map(|cb| Rc::new(move || cb.run(())) as _),
            on_error: listener(on_error),
        },
        session: None,
        shared: session,
        instance: "component".into(),
        upload,
        upload_max_size,
        upload_max_count,
        upload_accept,
        create_folder,
        share_link,
        upload_events: UploadEvents {
            on_progress: listener(on_upload_progress),
            on_upload: listener(on_upload),
        },
        save: SaveRequest {
            name: save_name,
            content: save_content,
            on_save: listener(on_save),
        },
    };
    shown(options)
}

/// A Leptos callback as the listener the picker's options hold.
fn listener<T: 'static>(cb: Option<Callback<T>>) -> Option<Rc<dyn Fn(T)>> {
    cb.map(|cb| Rc::new(move |value| cb.run(value)) as _)
}

/// The picker, or under server rendering a placeholder, which the browser hydrates before the
/// picker replaces it.
fn shown(options: PickerOptions) -> AnyView {
    if cfg!(any(feature = "ssr", feature = "hydrate")) {
        deferred(options)
    } else {
        picker(options)
    }
}
