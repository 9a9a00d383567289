//! The one table of the picker's options: for each, the Leptos prop, the element's attribute,
//! the JavaScript option (also the element's property), its kind, its default and what it does.
//! `mountPicker` and `OneDrivePicker.open()` read their options through it; the Leptos
//! component's props, the element's observed attributes (`www/onedrive-picker.js`) and the
//! README's table are checked against it by the tests below, which fail on any drift. Adding an
//! option is one row here and its behaviour.

/// How an option is written and read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Text. As an attribute, its value.
    Text,
    /// A boolean. As an attribute, present (and not `"false"`) is true.
    Flag,
    /// One of these words (read as text; the TypeScript type is their union).
    Choice(&'static [&'static str]),
    /// A whole number of at least 1.
    Number,
    /// A function (JavaScript) or a callback (Leptos), of this TypeScript type; no attribute.
    Function(&'static str),
    /// An object (JavaScript) of this TypeScript type, or its Rust value (Leptos); no attribute.
    Object(&'static str),
    /// A Rust value the Leptos component alone takes.
    Rust,
}

/// One option.
#[derive(Debug)]
pub(crate) struct OptionRow {
    /// The Leptos component's prop.
    pub prop: &'static str,
    /// The element's attribute (none for functions and Rust values). Read by the tests that
    /// check `www/onedrive-picker.js` and the README against the table.
    #[cfg_attr(not(test), allow(dead_code))]
    pub attribute: Option<&'static str>,
    /// The option of `mountPicker` and `open()`, and the element's property (none for Rust
    /// values).
    pub property: Option<&'static str>,
    /// Its kind.
    pub kind: Kind,
    /// The default, as the README says it (kept in the tests' builds only: the first screen
    /// carries no documentation).
    #[cfg_attr(not(test), allow(dead_code))]
    pub default: &'static str,
    /// Whether the default is `true` (a flag on unless the page says otherwise).
    pub on: bool,
    /// What it does (the README's words, checked there by a test; tests' builds only).
    #[cfg_attr(not(test), allow(dead_code))]
    pub doc: &'static str,
}

/// Whether `s` is `true` (in a constant).
const fn is_true(s: &str) -> bool {
    matches!(s.as_bytes(), b"true")
}

const fn row(
    prop: &'static str,
    attribute: &'static str,
    property: &'static str,
    kind: Kind,
    default: &'static str,
    doc: &'static str,
) -> OptionRow {
    let attribute = match kind {
        Kind::Function(_) | Kind::Object(_) | Kind::Rust => None,
        _ => Some(attribute),
    };
    let property = match kind {
        Kind::Rust => None,
        _ => Some(property),
    };
    // The TypeScript types are the declarations' (tests' builds only), as the docs are.
    let kind = match kind {
        Kind::Function(ts) => Kind::Function(if cfg!(test) { ts } else { "" }),
        Kind::Object(ts) => Kind::Object(if cfg!(test) { ts } else { "" }),
        kind => kind,
    };
    OptionRow {
        prop,
        attribute,
        property,
        kind,
        on: is_true(default),
        default: if cfg!(test) { default } else { "" },
        doc: if cfg!(test) { doc } else { "" },
    }
}

use Kind::{Choice, Flag, Function, Number, Object, Rust, Text};

/// Every option, in the README's order.
#[rustfmt::skip]
pub(crate) const OPTIONS: &[OptionRow] = &[
    row("client_id", "client-id", "clientId", Text, "required (unless a token provider)", "the SPA registration's application id"),
    row("authority", "authority", "authority", Text, "`https://login.microsoftonline.com/common`", "any base URL + tenant: national clouds and the emulator work; `https`, or `http` on loopback only"),
    row("redirect_uri", "redirect-uri", "redirectUri", Text, "element and `open()`: the package's `auth.html` beside the module (bundled apps set it: see docs/recipes.md); Leptos: `{page origin}/auth.html`", "the registered redirect page (see below): an `https` page (`http` on loopback), no fragment; anything else (`javascript:`, `data:`) is a configuration error. Serve it from the portal's own origin, not a CDN"),
    row("scopes", "scopes", "scopes", Text, "`User.Read Files.Read.All Sites.Read.All`", "space separated; `https://graph.microsoft.com/.default` allowed. Teams scopes are asked for when the Teams source is opened"),
    row("graph_base", "graph-url", "graphBase", Text, "`https://graph.microsoft.com/v1.0`", "national clouds, the emulator"),
    row("prompt", "prompt", "prompt", Choice(&["login", "none", "consent", "select_account"]), "none", "`login`, `none`, `consent` or `select_account`, passed to the authorize request"),
    row("login_hint", "login-hint", "loginHint", Text, "none", "the account to sign in, passed to the authorize request (not with `prompt` `select_account`, which asks the user to choose)"),
    row("domain_hint", "domain-hint", "domainHint", Text, "none", "the tenant's domain (or `organizations`, `consumers`), passed to the authorize request: the authority offers that tenant's accounts"),
    row("auth_mode", "auth-mode", "authMode", Choice(&["auto", "popup", "redirect", "nested"]), "`auto`", "how the user signs in: `auto` gets tokens from the Teams or Outlook host when the page runs inside one that offers nested app authentication (no window; see Sign-in modes below), else in a popup; `popup` always opens the sign-in window; `redirect` takes the page to the sign-in and back to the place the picker was in; `nested` only from the host, with an error where no host offers it"),
    row("token_storage", "token-storage", "tokenStorage", Choice(&["memory", "session", "local"]), "memory", "`session` or `local` storage only when you opt in. What is stored is in plain text: the access token (an hour) and the **refresh token** (24 hours for a single-page app), readable by any script on your origin, so opt in only on pages whose scripts you trust. A stored session is bound to the authority's and Graph's origins (see Security)"),
    row("token_provider", "", "tokenProvider", Function("(scopes: string[], refresh: boolean) => string | Promise<string>"), "none", "bring your own token: no sign-in screen (see below)"),
    row("mode", "mode", "mode", Choice(&["files", "folders", "all", "save"]), "`files`", "`files`, `folders` or `all`: what can be selected; `save`: a folder and a file name to save as, instead of a pick (see Save as below)"),
    row("multiple", "multiple", "multiple", Flag, "false", "select more than one item"),
    row("max_count", "max-count", "maxCount", Number, "no limit", "with `multiple`, at most this many (\"You can select up to 3 items.\")"),
    row("filters", "filters", "filters", Text, "none", "extensions with their dot and kinds: `.docx .xlsx`, `documents`, `images`, `video`, `audio`, `folders`; an unknown word is a configuration error"),
    row("sources", "sources", "sources", Text, "all", "which sources the navigation pane offers, in order: `my-files recent shared sites teams` (personal accounts never see `sites` and `teams`)"),
    row("start", "start", "start", Text, "the first source", "a source key, or `drive:{id}`, `site:{id}`, `group:{id}`, `item:{drive id}/{item id}`, `path:/Folder/Sub` (in My files)"),
    row("lock_to_start", "lock-to-start", "lockToStart", Flag, "false", "keep the user in `start` (the entry: a source, a drive, a site's library, a folder) and below it: no sources pane, no breadcrumb above it, search within it — \"pick from this project's library\""),
    row("selected", "selected", "selected", Text, "none", "items shown chosen when the picker opens (editing the files a form already has): each as `{drive id}/{item id}` (a picked item's `driveId` and `id`), space separated, from any folder or source; those gone, refused by the mode, the filters or `max-count`, are left out and the tray says how many"),
    row("on_pick", "", "onPick", Function("(items: PickedItem[]) => void"), "none", "receives the picked items (below) when the user confirms"),
    row("on_cancel", "", "onCancel", Function("() => void"), "none", "the user pressed Cancel"),
    row("on_sign_in", "", "onSignIn", Function("(account: Account) => void"), "none", "the element's `picker-signin` event (above)"),
    row("on_sign_out", "", "onSignOut", Function("() => void"), "none", "the element's `picker-signout` event (above)"),
    row("on_error", "", "onError", Function("(error: PickerErrorInfo) => void"), "none", "the element's `picker-error` event (above)"),
    row("session", "", "", Rust, "none", "a `use_microsoft365` session to sign in through (Leptos only)"),
    row("open_files", "open-files", "openFiles", Flag, "false", "a single picked file also opens in a new tab (Office for the web for Office files); off, the page gets it and stays where it is"),
    row("download_urls", "download-urls", "downloadUrls", Flag, "false", "add a short-lived `downloadUrl` to each picked file (one Graph request per file)"),
    row("thumbnail_urls", "thumbnail-urls", "thumbnailUrls", Flag, "false", "keep each picked file's `thumbnailUrl`: a pre-authenticated link (on SharePoint it carries an access token for that file), so handle it as a secret"),
    row("end_session_on_sign_out", "end-session-on-sign-out", "endSessionOnSignOut", Flag, "false", "\"Sign out\" also ends the session at the authority"),
    row("locale", "locale", "locale", Text, "the browser's languages", "`en`, `de`, `fr`, `es`, `it`, `nl`, `pt-BR`, `pl`, `ja`, `zh-Hans` or `ar` (right to left), from any BCP 47 tag (`de-AT` is German, `pt-PT` Portuguese, `zh-CN` Chinese); else the first of the browser's languages the picker speaks; else English. Every string and ARIA label, plurals, numbers, sizes and dates (see Languages below)"),
    row("messages", "", "messages", Object("PickerMessages"), "none", "your own words for any message, per language: `{ en: { select: \"Attach\" }, de: { select: \"Anhängen\" } }` (`*` for every language); the keys are in docs/messages.md, and a key that does not exist is a configuration error"),
    row("theme", "theme", "theme", Choice(&["light", "dark", "auto"]), "`auto`", "`light`, `dark` or `auto` (the system's `prefers-color-scheme`); forced colours (high contrast) apply in every theme. Colours are the CSS custom properties above, set on the element (or on `.odp-picker`)"),
    row("browser_history", "history", "history", Flag, "false", "browser Back and Forward move between the folders opened (an entry in the page's history for each); leave it off when the page's router owns the history"),
    row("upload", "upload", "upload", Flag, "false", "offer uploads into the folder shown: **Upload files**, **Upload folder**, and drag and drop of files and folders (below)"),
    row("upload_max_size", "upload-max-size", "uploadMaxSize", Number, "no limit", "the largest file, in bytes; larger ones are refused before a byte is sent"),
    row("upload_max_count", "upload-max-count", "uploadMaxCount", Number, "no limit", "the most files at once; those beyond are refused"),
    row("upload_accept", "upload-accept", "uploadAccept", Text, "any", "the extensions uploads take: `.docx .pdf` (also the file chooser's `accept`)"),
    row("create_folder", "create-folder", "createFolder", Flag, "false", "offer **New folder** in the folder shown"),
    row("share_link", "share-link", "shareLink", Text, "none", "a sharing link made for each picked item: `view` or `edit`, optionally followed by `anonymous`, `organization` or `users` (the tenant's default scope otherwise)"),
    row("on_upload_progress", "", "onUploadProgress", Function("(p: UploadProgress) => void"), "none", "after every fragment: `{ path, loaded, total, overallLoaded, overallTotal }`"),
    row("on_upload", "", "onUpload", Function("(items: PickedItem[]) => void"), "none", "the files uploaded (as picked items), when the uploads are through"),
    row("save_name", "save-name", "saveName", Text, "none", "with `mode=\"save\"`: the file name offered (the user may change it)"),
    row("save_content", "", "saveContent", Object("Blob"), "none", "with `mode=\"save\"`: the bytes the picker uploads to the folder and name chosen (a `Blob` or a `File`); without it the page gets the folder and name and saves the file itself"),
    row("on_save", "", "onSave", Function("(saved: SaveResult) => void"), "none", "with `mode=\"save\"`: the folder and name chosen, and the file when the picker uploaded `saveContent` (below)"),
];

/// A value as JavaScript gave it.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Given {
    /// `undefined` or `null`.
    Absent,
    /// A string.
    Text(String),
    /// A boolean.
    Bool(bool),
    /// A number.
    Number(f64),
    /// Anything else (an object, a function…).
    Other,
}

/// The plain options (text, flags and numbers) of a JavaScript options object, read through the
/// table and checked: a value of the wrong type is a configuration error, not ignored.
#[derive(Debug, Default)]
pub(crate) struct OptionValues {
    values: Vec<(&'static str, Given)>,
}

impl OptionValues {
    /// Reads every plain option with `get(property)`.
    pub(crate) fn read(get: impl Fn(&str) -> Given) -> Result<Self, String> {
        let mut values = vec![];
        for r in OPTIONS {
            let Some(property) = r.property else { continue };
            let must = match r.kind {
                Kind::Text | Kind::Choice(_) => "text",
                Kind::Flag => "true or false",
                Kind::Number => "a whole number of at least 1",
                Kind::Function(_) | Kind::Object(_) | Kind::Rust => continue,
            };
            let value = get(property);
            let fits = match (&value, r.kind) {
                (Given::Absent, _) => continue,
                (Given::Text(t), Kind::Text | Kind::Choice(_)) if t.is_empty() => continue,
                (Given::Number(n), Kind::Number) => *n >= 1.0 && n.fract() == 0.0,
                (v, kind) => matches!(
                    (v, kind),
                    (Given::Text(_), Kind::Text | Kind::Choice(_)) | (Given::Bool(_), Kind::Flag)
                ),
            };
            if !fits {
                return Err(format!("options.{property} must be {must}"));
            }
            values.push((r.prop, value));
        }
        Ok(OptionValues { values })
    }

    fn given(&self, prop: &str) -> Option<&Given> {
        debug_assert!(OPTIONS.iter().any(|r| r.prop == prop), "no option {prop}");
        self.values.iter().find(|(p, _)| *p == prop).map(|(_, v)| v)
    }

    /// The text option `prop` (a prop name), if given.
    pub(crate) fn text(&self, prop: &str) -> Option<String> {
        match self.given(prop) {
            Some(Given::Text(t)) => Some(t.clone()),
            _ => None,
        }
    }

    /// The flag `prop`, or its default.
    pub(crate) fn flag(&self, prop: &str) -> bool {
        match self.given(prop) {
            Some(Given::Bool(b)) => *b,
            _ => OPTIONS
                .iter()
                .any(|r| r.prop == prop && r.kind == Kind::Flag && r.on),
        }
    }

    /// The number `prop`, if given.
    pub(crate) fn number(&self, prop: &str) -> Option<f64> {
        match self.given(prop) {
            Some(Given::Number(n)) => Some(*n),
            _ => None,
        }
    }
}

/// The element's events (`www/onedrive-picker.js` dispatches them; the tests check it, the
/// TypeScript declarations and the manifest against this list): name, `detail`'s type, when.
/// Each is prefixed, so that none is taken for the platform's own `cancel` or `error`.
#[cfg(test)]
#[rustfmt::skip]
pub(crate) const EVENTS: &[(&str, &str, &str)] = &[
    ("picker-pick", "PickedItem[]", "The user confirmed a pick: the picked items."),
    ("picker-cancel", "null", "The user pressed Cancel."),
    ("picker-signin", "Account", "An account signed in: after sign-in, a switch of account, or a session restored from storage."),
    ("picker-signout", "null", "The account signed out."),
    ("picker-error", "PickerErrorInfo", "Something went wrong (the picker shows it too, with what the user can do)."),
    ("picker-upload", "PickedItem[]", "Uploads are through: the files uploaded, as picked items."),
    ("picker-uploadprogress", "UploadProgress", "After every uploaded fragment."),
    ("picker-save", "SaveResult", "Save as: where the file goes (or went, when the picker uploaded `saveContent`)."),
];

/// The argument names of a TypeScript function type: `(items: PickedItem[]) => void` → `items`.
#[cfg(test)]
pub(crate) fn arguments(ts: &str) -> String {
    let inside = ts.trim_start_matches('(').split(')').next().unwrap_or_default();
    let names: Vec<&str> = inside
        .split(", ")
        .filter_map(|a| a.split(':').next())
        .filter(|a| !a.is_empty())
        .collect();
    names.join(", ")
}

/// The README's table of options.
#[cfg(test)]
pub(crate) fn markdown() -> String {
    let mut out = String::from(
        "| prop (Leptos) | attribute | option and property (JS) | default | what it does |\n\
         |---|---|---|---|---|\n",
    );
    for r in OPTIONS {
        let attribute = r.attribute.map_or("—".to_string(), |a| format!("`{a}`"));
        let property = match (r.property, r.kind) {
            (None, _) => "—".to_string(),
            (Some(p), Kind::Function(ts)) => format!("`{p}({})`", arguments(ts)),
            (Some(p), _) => format!("`{p}`"),
        };
        out.push_str(&format!(
            "| `{}` | {attribute} | {property} | {} | {} |\n",
            r.prop, r.default, r.doc
        ));
    }
    out
}

#[cfg(test)]
#[path = "table_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "declarations.rs"]
mod declarations;
