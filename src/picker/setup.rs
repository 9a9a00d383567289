//! The picker's options, checked: the sign-in configuration, the Graph base, the pick rules,
//! the sources and the start. A bad option is a configuration error shown in place.

use super::controller::PickHandlers;
use super::events::PageEvents;
use super::messages::{Messages, EN};
use super::messages_de::DE;
use super::options::Mode;
use super::options::PickOptions;
use super::source::Source;
use super::start::parse_start;
use super::state::Crumb;
use crate::auth::{AuthClient, AuthConfig, AuthError, Prompt, ProvidedTokens, TokenStorage};
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
    pub theme: Option<String>,
    pub events: PageEvents,
    /// Where a re-mounted picker finds the sign-in of the one before it (`mountPicker`'s
    /// `update`): reused while the sign-in configuration is unchanged.
    pub session: Option<SessionSlot>,
    /// The app's own session (the component's `session` prop), used instead of a sign-in of
    /// the picker's own.
    pub shared: Option<super::session::Microsoft365>,
}

/// The sign-in a picker leaves for the next one mounted in its place.
pub(crate) type SessionSlot = std::rc::Rc<std::cell::RefCell<Option<AuthClient>>>;

/// The sign-in client for `config`: the one in `slot` if it was made for the same configuration
/// (then `true`: the page already knows its account), else a new one (left in the slot for the
/// next mount).
pub(crate) fn client_for(slot: Option<&SessionSlot>, config: &AuthConfig) -> (AuthClient, bool) {
    let Some(slot) = slot else {
        return (AuthClient::new(config.clone()), false);
    };
    let mut slot = slot.borrow_mut();
    match &*slot {
        Some(c) if c.config() == config => (c.clone(), true),
        _ => {
            let c = AuthClient::new(config.clone());
            *slot = Some(c.clone());
            (c, false)
        }
    }
}

/// What the options say, checked.
pub(crate) struct Setup {
    pub config: AuthConfig,
    pub base: GraphBase,
    pub rules: PickOptions,
    pub sources: Vec<Source>,
    pub start: (Source, Option<Crumb>),
    pub theme: &'static str,
}

pub(crate) fn setup(o: &PickerOptions) -> Result<Setup, AuthError> {
    let bad = |why: String| AuthError::Config(why);
    let mut config = AuthConfig::from_options(
        o.client_id.clone(),
        o.redirect_uri.clone(),
        o.authority.as_deref(),
        o.scopes.as_deref(),
        o.token_storage,
    )?;
    config.prompt = o.prompt;
    config.login_hint = o.login_hint.clone();
    config.domain_hint = o.domain_hint.clone();
    let base = GraphBase::parse_or_default(o.graph_base.as_deref())?;
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
    let sources = match &o.sources {
        None => Source::ALL.to_vec(),
        Some(list) => list
            .split([',', ' '])
            .filter(|s| !s.is_empty())
            .map(|s| Source::parse(s).ok_or_else(|| bad(format!("sources: unknown source '{s}'"))))
            .collect::<Result<Vec<_>, _>>()?,
    };
    let first = *sources
        .first()
        .ok_or_else(|| bad("sources: none given".into()))?;
    let start = match o.start.as_deref() {
        None => (first, None),
        Some(s) => match Source::parse(s) {
            Some(source) => (source, None),
            None => parse_start(s)
                .map(|(source, c)| (source, Some(c)))
                .map_err(bad)?,
        },
    };
    let theme = match o.theme.as_deref().map(str::trim) {
        None | Some("" | "auto") => "auto",
        Some("light") => "light",
        Some("dark") => "dark",
        Some(other) => return Err(bad(format!("theme: '{other}' is not light, dark or auto"))),
    };
    Ok(Setup {
        theme,
        config,
        base,
        rules,
        sources,
        start,
    })
}

/// The table for a BCP 47 tag (`de`, `de-AT` → German; anything else → English).
pub fn for_locale(tag: &str) -> &'static Messages {
    let primary = tag
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    match primary.as_str() {
        "de" => &DE,
        _ => &EN,
    }
}
