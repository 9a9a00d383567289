//! The one URL policy of the widget, on a WHATWG URL parser (the browser's own `URL` in
//! WebAssembly, which keeps the `url` crate off the first screen; the `url` crate natively, where
//! the tests run — both implement the same standard):
//! - service URLs (authority, Graph base) are `https`, or `http` on a loopback host
//!   (`localhost`, `127.0.0.0/8`, `[::1]`), and never carry user information;
//! - links from responses that the widget opens or hands to the page are held to the same rule,
//!   so `javascript:`, `data:` and plain-http links are dropped;
//! - a bearer token goes only to the configured Graph origin ([`same_origin`]).


/// A URL that passed [`parse_secure`]: its serialization and its origin.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SafeUrl {
    href: String,
    origin: String,
}

impl SafeUrl {
    /// The URL as the parser serialized it.
    pub fn as_str(&self) -> &str {
        &self.href
    }

    /// The origin (`https://host:port`), as the parser serialized it.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// Whether the host is a loopback one (`localhost`, `127.0.0.0/8`, `[::1]`): this machine.
    pub fn on_loopback(&self) -> bool {
        // Read from the origin (`scheme://host[:port]`, an IPv6 host bracketed: `[::1]:8787`):
        // calling `parse` again here costs the first screen 123 bytes gzip (measured), as its
        // second caller.
        let rest = self.origin.split_once("://").map_or("", |(_, rest)| rest);
        let host = match rest.rfind(':') {
            Some(i) if !rest[i..].contains(']') => &rest[..i],
            _ => rest,
        };
        is_loopback(host)
    }

    /// Everything before the fragment.
    fn before_fragment(&self) -> &str {
        self.href.split('#').next().unwrap_or_default()
    }

    /// Has a query (even an empty one: `https://host/path?`).
    pub fn has_query(&self) -> bool {
        self.before_fragment().contains('?')
    }

    /// Has a fragment (even an empty one).
    pub fn has_fragment(&self) -> bool {
        self.href.contains('#')
    }

    /// The path (`/` at least). Without user information, an http(s) URL is its origin, its
    /// path, then its query and fragment.
    pub fn path(&self) -> &str {
        let rest = self
            .before_fragment()
            .get(self.origin.len()..)
            .unwrap_or_default();
        rest.split('?').next().unwrap_or_default()
    }
}

impl From<SafeUrl> for String {
    fn from(u: SafeUrl) -> String {
        u.href
    }
}

/// Whether `host` (as a URL serializes it) is a loopback name or address. The URL parser
/// writes addresses in their canonical form (`127.1` and `0x7f.0.0.1` become `127.0.0.1`, an
/// IPv6 loopback `[::1]`), so comparing text suffices, without the standard library's address
/// parsers in the first screen's code.
fn is_loopback(host: &str) -> bool {
    if host.eq_ignore_ascii_case("localhost") || host == "[::1]" {
        return true;
    }
    let mut parts = host.split('.');
    let octet = |p: &str| !p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit());
    parts.next() == Some("127") && parts.clone().count() == 3 && parts.all(octet)
}

/// Why a URL is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UrlProblem {
    /// Not an absolute URL.
    NotAbsolute,
    /// Neither `https` nor `http` on a loopback host.
    Insecure,
    /// Carries a user name or password (`https://a@b/` is host `b`).
    UserInfo,
}

impl std::fmt::Display for UrlProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            UrlProblem::NotAbsolute => "not an absolute URL",
            UrlProblem::Insecure => "must use https (http only for localhost)",
            UrlProblem::UserInfo => "must not contain a user name or password",
        })
    }
}

/// What the policy needs of a parsed URL.
struct Parts {
    href: String,
    origin: String,
    /// Without the colon.
    scheme: String,
    /// Empty when the URL has none.
    host: String,
    user_info: bool,
}

#[cfg(target_arch = "wasm32")]
fn parse(s: &str) -> Option<Parts> {
    let u = web_sys::Url::new(s).ok()?;
    Some(Parts {
        href: u.href(),
        origin: u.origin(),
        scheme: u.protocol().trim_end_matches(':').to_string(),
        host: u.hostname(),
        user_info: !u.username().is_empty() || !u.password().is_empty(),
    })
}

#[cfg(not(target_arch = "wasm32"))]
fn parse(s: &str) -> Option<Parts> {
    let u = url::Url::parse(s).ok()?;
    Some(Parts {
        origin: u.origin().ascii_serialization(),
        scheme: u.scheme().to_string(),
        host: u.host_str().unwrap_or_default().to_string(),
        user_info: !u.username().is_empty() || u.password().is_some(),
        href: u.into(),
    })
}

/// Parses a URL the widget may talk to or open: `https`, or `http` on loopback; no user info.
pub fn parse_secure(s: &str) -> Result<SafeUrl, UrlProblem> {
    let u = parse(s.trim()).ok_or(UrlProblem::NotAbsolute)?;
    if u.host.is_empty() {
        return Err(UrlProblem::NotAbsolute);
    }
    if u.user_info {
        return Err(UrlProblem::UserInfo);
    }
    match u.scheme.as_str() {
        "https" => {}
        "http" if is_loopback(&u.host) => {}
        _ => return Err(UrlProblem::Insecure),
    }
    Ok(SafeUrl {
        href: u.href,
        origin: u.origin,
    })
}

/// A link from a response, if the widget may open it or hand it to the page.
pub fn openable(s: &str) -> Option<String> {
    parse_secure(s).ok().map(String::from)
}

/// Whether `a` and `b` have the same origin (scheme, host and port).
pub fn same_origin(a: &SafeUrl, b: &SafeUrl) -> bool {
    a.origin == b.origin
}

#[doc(hidden)]
#[cfg(any(test, feature = "internals"))]
pub mod cases;

#[cfg(test)]
mod tests {
    /// On the `url` crate (the browser tests run the same cases on the browser's parser).
    #[test]
    fn the_policy_holds() {
        super::cases::check();
    }
}
