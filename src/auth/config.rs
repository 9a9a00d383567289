//! Sign-in configuration: client, authority (any base URL, so national clouds and the emulator
//! work), redirect URI, scopes and prompt hints.

use super::error::AuthError;
use crate::safe_url::parse_secure;

/// Microsoft's public-cloud authority host.
pub const DEFAULT_AUTHORITY: &str = "https://login.microsoftonline.com/common";

/// The OIDC scopes every sign-in asks for, besides the resource scopes.
pub const OIDC_SCOPES: [&str; 3] = ["openid", "profile", "offline_access"];

/// An authority: `{base}/{tenant}` (`common`, `organizations`, `consumers`, a tenant id or domain).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Authority {
    base: String,
    tenant: String,
    origin: String,
}

/// [`DEFAULT_AUTHORITY`], parsed (written out: parsing it would be a `Result` to unwrap, whose
/// error's `Debug` would weigh on the first screen).
impl Default for Authority {
    fn default() -> Self {
        let (base, tenant) = DEFAULT_AUTHORITY.rsplit_once('/').unwrap_or_default();
        Authority {
            base: base.into(),
            tenant: tenant.into(),
            origin: base.into(),
        }
    }
}

impl Authority {
    /// Parses `https://login.microsoftonline.com/common` (or any base, e.g. a national cloud or
    /// `http://127.0.0.1:8787/common` for the emulator). Plain `http` is accepted for loopback
    /// hosts only (`localhost`, `127.0.0.0/8`, `[::1]`); user names and passwords are refused.
    pub fn parse(url: &str) -> Result<Self, AuthError> {
        let shown = url.trim();
        let bad =
            |why: &dyn std::fmt::Display| AuthError::Config(format!("authority '{shown}': {why}"));
        let parsed = parse_secure(url).map_err(|p| bad(&p))?;
        if parsed.has_query() || parsed.has_fragment() {
            return Err(bad(&"must not have a query or fragment"));
        }
        let text = parsed.as_str().trim_end_matches('/');
        let has_tenant = parsed.path().split('/').any(|seg| !seg.is_empty());
        let (base, tenant) = text
            .rsplit_once('/')
            .filter(|_| has_tenant)
            .ok_or_else(|| bad(&"expected {base}/{tenant}"))?;
        Ok(Authority {
            base: base.to_string(),
            tenant: tenant.to_string(),
            origin: parsed.origin().to_string(),
        })
    }

    /// The origin (`https://login.microsoftonline.com`): a stored session is bound to it.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// The authority itself (`{base}/{tenant}`).
    pub fn url(&self) -> String {
        format!("{}/{}", self.base, self.tenant)
    }

    /// The tenant segment.
    pub fn tenant(&self) -> &str {
        &self.tenant
    }

    fn endpoint(&self, name: &str) -> String {
        format!("{}/{}/oauth2/v2.0/{name}", self.base, self.tenant)
    }

    /// `/authorize`
    pub fn authorize_endpoint(&self) -> String {
        self.endpoint("authorize")
    }

    /// `/token`
    pub fn token_endpoint(&self) -> String {
        self.endpoint("token")
    }

    /// `/logout`
    pub fn logout_endpoint(&self) -> String {
        self.endpoint("logout")
    }
}

/// `prompt` on the authorize request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Prompt {
    /// Force credentials.
    Login,
    /// Never show UI.
    None,
    /// Always ask for consent.
    Consent,
    /// Show the account picker.
    SelectAccount,
}

impl Prompt {
    /// The wire value.
    pub fn as_str(self) -> &'static str {
        match self {
            Prompt::Login => "login",
            Prompt::None => "none",
            Prompt::Consent => "consent",
            Prompt::SelectAccount => "select_account",
        }
    }

    /// Parses a wire value.
    pub fn parse(s: &str) -> Option<Prompt> {
        Some(match s {
            "login" => Prompt::Login,
            "none" => Prompt::None,
            "consent" => Prompt::Consent,
            "select_account" => Prompt::SelectAccount,
            _ => return None,
        })
    }
}

/// How the widget gets its tokens.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum AuthMode {
    /// From the Teams or Outlook host when the page runs inside one that offers nested app
    /// authentication, else in a popup.
    #[default]
    Auto,
    /// Always in a popup.
    Popup,
    /// Only from the host (nested app authentication); without one, an error says so.
    Nested,
    /// The page goes to the authority and comes back (no window); the picker returns to the
    /// place it was in.
    Redirect,
}

impl AuthMode {
    /// Parses an option value (`auto`, `popup`, `nested`, `redirect`).
    pub fn parse(s: &str) -> Option<AuthMode> {
        Some(match s {
            "auto" => AuthMode::Auto,
            "popup" => AuthMode::Popup,
            "nested" => AuthMode::Nested,
            "redirect" => AuthMode::Redirect,
            _ => return None,
        })
    }
}

/// Space-separated resource scopes (`User.Read Files.Read.All …` or `https://graph.microsoft.com/.default`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scopes(Vec<String>);

impl Scopes {
    /// Parses a space-separated list; duplicates are dropped.
    pub fn parse(s: &str) -> Scopes {
        let mut v: Vec<String> = Vec::new();
        for scope in s.split_whitespace() {
            if !v.iter().any(|x| x.eq_ignore_ascii_case(scope)) {
                v.push(scope.to_string());
            }
        }
        Scopes(v)
    }

    /// The resource scopes.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(String::as_str)
    }

    /// The `scope` parameter for an interactive request: resource scopes plus OIDC scopes.
    pub fn with_oidc(&self) -> String {
        let mut scope = String::new();
        for s in self.iter().chain(OIDC_SCOPES) {
            add_scope(&mut scope, s);
        }
        scope
    }

    /// Whether every scope of `self` is in `granted` (case-insensitive, ignoring the resource
    /// prefix: the token endpoint answers `Files.Read` for `https://graph.microsoft.com/Files.Read`).
    pub fn granted_by(&self, granted: &[String]) -> bool {
        let short = |s: &str| s.rsplit('/').next().unwrap_or(s).to_ascii_lowercase();
        self.iter()
            .all(|s| short(s) == ".default" || granted.iter().any(|g| short(g) == short(s)))
    }
}

impl Default for Scopes {
    fn default() -> Self {
        Scopes::parse("User.Read Files.Read.All Sites.Read.All")
    }
}

/// Where tokens are kept. Memory is the default; the others survive reloads (the page opts in).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum TokenStorage {
    /// Lost on reload.
    #[default]
    Memory,
    /// Per tab, survives reloads.
    Session,
    /// Shared by tabs, survives restarts.
    Local,
}

/// Microsoft Graph's public-cloud origin.
pub const DEFAULT_GRAPH_ORIGIN: &str = "https://graph.microsoft.com";

/// Everything the sign-in needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuthConfig {
    /// Application (client) id of the SPA registration.
    pub client_id: String,
    /// The authority.
    pub authority: Authority,
    /// The registered SPA redirect URI (the widget's `auth.html`).
    pub redirect_uri: String,
    /// Resource scopes.
    pub scopes: Scopes,
    /// `prompt` for interactive sign-in.
    pub prompt: Option<Prompt>,
    /// `login_hint`.
    pub login_hint: Option<String>,
    /// `domain_hint`.
    pub domain_hint: Option<String>,
    /// Token storage.
    pub storage: TokenStorage,
    /// How tokens are got.
    pub mode: AuthMode,
    /// The picker instance's name (the element's `id`, `dialog`…): a redirect sign-in comes
    /// back to the instance that began it.
    pub instance: String,
    /// How long the popup may take, in milliseconds.
    pub popup_timeout_ms: u32,
    /// The Graph origin the tokens are for (`https://graph.microsoft.com`). A session is bound
    /// to it and to the authority's origin: it is stored under both, restored only for both,
    /// and its token is never attached to a request for another origin.
    pub graph_origin: String,
}

impl AuthConfig {
    /// A configuration with defaults for everything but the client id and redirect URI.
    pub fn new(client_id: impl Into<String>, redirect_uri: impl Into<String>) -> Self {
        AuthConfig {
            client_id: client_id.into(),
            authority: Authority::default(),
            redirect_uri: redirect_uri.into(),
            scopes: Scopes::default(),
            prompt: None,
            login_hint: None,
            domain_hint: None,
            storage: TokenStorage::Memory,
            mode: AuthMode::Auto,
            instance: String::new(),
            popup_timeout_ms: 120_000,
            graph_origin: DEFAULT_GRAPH_ORIGIN.to_string(),
        }
    }

    /// Where a stored session for this configuration lives: the client, the tenant and both
    /// origins, so that a picker configured for another authority or Graph never reads it.
    pub fn storage_key(&self) -> String {
        format!(
            "onedrive-picker.tokens|{}|{}|{}|{}",
            self.client_id,
            self.authority.tenant(),
            self.authority.origin(),
            self.graph_origin
        )
    }

    /// A configuration from a page's options, `None` keeping each default; the redirect page
    /// defaults to `{page origin}/auth.html`. The session is bound to `graph_origin` (another
    /// Graph is another session).
    pub fn from_options(
        client_id: impl Into<String>,
        redirect_uri: Option<String>,
        authority: Option<&str>,
        scopes: Option<&str>,
        storage: TokenStorage,
        graph_origin: &str,
    ) -> Result<Self, AuthError> {
        let redirect = match redirect_uri {
            Some(uri) => check_redirect(&uri)?,
            None => format!("{}/auth.html", crate::browser::origin()),
        };
        let mut config = AuthConfig::new(client_id, redirect);
        if let Some(a) = authority {
            config.authority = Authority::parse(a)?;
        }
        if let Some(s) = scopes {
            config.scopes = Scopes::parse(s);
        }
        config.storage = storage;
        config.graph_origin = graph_origin.to_string();
        Ok(config)
    }
}

/// Adds scope `s` to the space-separated `scope`, unless it is there already (whatever its case).
pub fn add_scope(scope: &mut String, s: &str) {
    if s.is_empty() || scope.split(' ').any(|x| x.eq_ignore_ascii_case(s)) {
        return;
    }
    if !scope.is_empty() {
        scope.push(' ');
    }
    scope.push_str(s);
}

/// A redirect URI the sign-in may use: `https`, or `http` on a loopback host; no user name or
/// password, no fragment. The sign-in window is sent there (and, for a framed picker, to
/// `{redirect_uri}#relay=…`), so anything else (`javascript:`, `data:`) could run script.
pub fn check_redirect(uri: &str) -> Result<String, AuthError> {
    let bad =
        |why: &dyn std::fmt::Display| AuthError::Config(format!("redirect URI '{uri}': {why}"));
    let parsed = parse_secure(uri).map_err(|p| bad(&p))?;
    if parsed.has_fragment() {
        return Err(bad(&"must not have a fragment"));
    }
    Ok(parsed.into())
}

#[cfg(test)]
#[path = "config_tests.rs"]
mod tests;
