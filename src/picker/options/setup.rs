//! The picker's options, checked: the sign-in configuration, the Graph base, the pick rules,
//! the sources and the start. A bad option is a configuration error shown in place.

use crate::picker::browsing::controller::PickHandlers;
use crate::picker::events::PageEvents;
use crate::picker::messages::locale::MessageOverrides;
use crate::picker::model::rules::Mode;
use crate::picker::model::rules::PickOptions;
use crate::picker::model::source::Source;
use super::start::parse_start;
use crate::picker::model::state::Crumb;
use crate::picker::uploads::uploader::{UploadEvents, WriteOptions};
use crate::picker::uploads::queue::UploadLimits;
use crate::auth::{AuthClient, AuthConfig, AuthError, AuthMode, Prompt, ProvidedTokens, TokenStorage};
use crate::graph::write::{LinkRequest, LinkScope, LinkType};
use crate::graph::GraphBase;

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
    pub auth_mode: AuthMode,
    pub token_storage: TokenStorage,
    pub token_provider: Option<ProvidedTokens>,
    pub mode: Mode,
    pub multiple: bool,
    pub max_count: Option<usize>,
    pub filters: Option<String>,
    pub sources: Option<String>,
    pub start: Option<String>,
    pub handlers: PickHandlers,
    pub end_session_on_sign_out: bool,
    pub browser_history: bool,
    pub locale: Option<String>,
    /// Items chosen when the picker opens: `{drive id}/{item id}`, space separated.
    pub selected: Option<String>,
    /// Keeps the user in `start` and below.
    pub lock_to_start: bool,
    /// The page's own wording, per language.
    pub messages: MessageOverrides,
    pub theme: Option<String>,
    pub events: PageEvents,
    /// Uploads (button and drag and drop) into the folder shown.
    pub upload: bool,
    /// The largest file uploaded, in bytes.
    pub upload_max_size: Option<u64>,
    /// The most files uploaded at once.
    pub upload_max_count: Option<usize>,
    /// The extensions uploads take (`.docx .pdf`).
    pub upload_accept: Option<String>,
    /// New folders in the folder shown.
    pub create_folder: bool,
    /// A sharing link made for each picked item: `view` or `edit`, then optionally
    /// `anonymous`, `organization` or `users`.
    pub share_link: Option<String>,
    /// Upload progress and completion.
    pub upload_events: UploadEvents,
    /// Save as (`mode="save"`): the name offered, the page's bytes, and who hears of it.
    pub save: crate::picker::saving::saver::SaveRequest,
    /// Where a re-mounted picker finds the sign-in of the one before it (`mountPicker`'s
    /// `update`): reused while the sign-in configuration (its authority and Graph origins
    /// included) is unchanged.
    pub session: Option<SessionSlot>,
    /// The app's own session (the component's `session` prop), used instead of a sign-in of
    /// the picker's own.
    pub shared: Option<crate::picker::sign_in::session::Microsoft365>,
    /// The instance's name (a redirect sign-in comes back to it).
    pub instance: String,
}

/// The sign-in a picker leaves for the next one mounted in its place.
pub(crate) type SessionSlot = std::rc::Rc<std::cell::RefCell<Option<AuthClient>>>;

/// The sign-in client for `config`: the one in `slot` if it was made for the same configuration
/// (then `true`: the page already knows its account), else a new one (left in the slot for the
/// next mount).
pub(crate) fn client_for(slot: Option<&SessionSlot>, config: &AuthConfig) -> (AuthClient, bool) {
    let Some(slot) = slot else {
        return (AuthClient::new_deferred(config.clone()), false);
    };
    let mut slot = slot.borrow_mut();
    match &*slot {
        Some(c) if c.config() == config => (c.clone(), true),
        _ => {
            let c = AuthClient::new_deferred(config.clone());
            *slot = Some(c.clone());
            (c, false)
        }
    }
}

/// Where the picker starts: a source, and a folder in it.
pub(crate) type Start = (Source, Option<Crumb>);

/// What the options say, checked.
pub(crate) struct Setup {
    pub config: AuthConfig,
    pub base: GraphBase,
    pub rules: PickOptions,
    pub sources: Vec<Source>,
    pub start: Start,
    pub theme: &'static str,
    pub write: WriteOptions,
    pub link: Option<LinkRequest>,
    /// Items chosen when the picker opens: drive id and item id.
    pub selected: Vec<(String, String)>,
    /// Keeps the user in `start` and below.
    pub lock: bool,
}

/// Reads `selected`: `{drive id}/{item id}` pairs, space separated.
fn parse_selected(s: &str) -> Result<Vec<(String, String)>, String> {
    s.split_whitespace()
        .map(|pair| {
            pair.split_once('/')
                .filter(|(d, i)| !d.is_empty() && !i.is_empty() && !i.contains('/'))
                .map(|(d, i)| (d.to_string(), i.to_string()))
                .ok_or_else(|| format!("selected: '{pair}' is not {{drive id}}/{{item id}}"))
        })
        .collect()
}

/// Reads `view`, `edit`, `view organization`, `edit anonymous`, `view users`…
fn parse_link(s: &str) -> Result<LinkRequest, String> {
    let mut words = s.split_whitespace();
    let kind = words.next().and_then(LinkType::parse);
    let scope = words.next().map(LinkScope::parse);
    match (kind, scope, words.next()) {
        (Some(kind), None, None) => Ok(LinkRequest { kind, scope: None }),
        (Some(kind), Some(Some(scope)), None) => Ok(LinkRequest {
            kind,
            scope: Some(scope),
        }),
        _ => Err(format!(
            "share link: '{s}' is not 'view' or 'edit', optionally followed by anonymous, organization or users"
        )),
    }
}

pub(crate) fn setup(o: &PickerOptions) -> Result<Setup, AuthError> {
    let bad = |why: String| AuthError::Config(why);
    let base = GraphBase::parse_or_default(o.graph_base.as_deref())?;
    let mut config = AuthConfig::from_options(
        o.client_id.clone(),
        o.redirect_uri.clone(),
        o.authority.as_deref(),
        o.scopes.as_deref(),
        o.token_storage,
        base.origin(),
    )?;
    config.prompt = o.prompt;
    config.login_hint = o.login_hint.clone();
    config.domain_hint = o.domain_hint.clone();
    config.mode = o.auth_mode;
    config.instance = o.instance.clone();
    let mut rules = PickOptions {
        mode: o.mode,
        multiple: o.multiple,
        max: o.max_count,
        ..PickOptions::default()
    };
    if let Some(f) = &o.filters {
        rules
            .set_filters(f)
            .map_err(|e| bad(format!("filters: {e}")))?;
    }
    let (sources, start) = sources_and_start(o).map_err(bad)?;
    let theme = theme(o.theme.as_deref()).map_err(bad)?;
    let link = o
        .share_link
        .as_deref()
        .map(parse_link)
        .transpose()
        .map_err(bad)?;
    Ok(Setup {
        write: write_options(o).map_err(bad)?,
        link,
        theme,
        config,
        base,
        rules,
        sources,
        start,
        selected: parse_selected(o.selected.as_deref().unwrap_or_default()).map_err(bad)?,
        lock: o.lock_to_start,
    })
}

/// The theme an option names: `auto` (also when none is given), `light` or `dark`.
pub(crate) fn theme(given: Option<&str>) -> Result<&'static str, String> {
    match given.map(str::trim) {
        None | Some("" | "auto") => Ok("auto"),
        Some("light") => Ok("light"),
        Some("dark") => Ok("dark"),
        Some(other) => Err(format!("theme: '{other}' is not light, dark or auto")),
    }
}

/// The sources offered (all by default, in the order given) and where the picker starts (the
/// first of them by default).
fn sources_and_start(o: &PickerOptions) -> Result<(Vec<Source>, Start), String> {
    let sources = match &o.sources {
        None => Source::ALL.to_vec(),
        Some(list) => list
            .split([',', ' '])
            .filter(|s| !s.is_empty())
            .map(|s| Source::parse(s).ok_or_else(|| format!("sources: unknown source '{s}'")))
            .collect::<Result<Vec<_>, _>>()?,
    };
    let first = *sources.first().ok_or("sources: none given")?;
    // An empty `start` (an attribute set to "") is no start.
    let start = match o.start.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => (first, None),
        Some(s) => match Source::parse(s) {
            Some(source) => (source, None),
            None => parse_start(s).map(|(source, c)| (source, Some(c)))?,
        },
    };
    Ok((sources, start))
}

/// Uploads and new folders, and the limits uploads are checked against.
fn write_options(o: &PickerOptions) -> Result<WriteOptions, String> {
    let mut limits = UploadLimits {
        max_size: o.upload_max_size,
        max_count: o.upload_max_count,
        ..UploadLimits::default()
    };
    if let Some(list) = &o.upload_accept {
        limits
            .set_extensions(list)
            .map_err(|e| format!("upload accept: {e}"))?;
    }
    Ok(WriteOptions {
        upload: o.upload,
        limits,
        create_folder: o.create_folder,
    })
}

#[cfg(test)]
mod tests {
    use super::parse_selected;

    #[test]
    fn selected_items_are_drive_and_item_ids() {
        let pairs = parse_selected(" b!x/01A  d2/9 ").unwrap();
        assert_eq!(pairs, [("b!x".to_string(), "01A".to_string()), ("d2".into(), "9".into())]);
        assert_eq!(parse_selected("").unwrap(), []);
        for wrong in ["nope", "/01A", "d/", "d/a/b"] {
            assert!(parse_selected(wrong).unwrap_err().contains(wrong), "{wrong}");
        }
    }
}
