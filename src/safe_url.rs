//! The one URL policy of the widget, on a real URL parser (the `url` crate, WHATWG rules):
//! - service URLs (authority, Graph base) are `https`, or `http` on a loopback host
//!   (`localhost`, `127.0.0.0/8`, `[::1]`), and never carry user information;
//! - links from responses that the widget opens or hands to the page are held to the same rule,
//!   so `javascript:`, `data:` and plain-http links are dropped;
//! - a bearer token goes only to the configured Graph origin ([`same_origin`]).

use std::net::IpAddr;

pub use url::Url;

/// Whether `url`'s host is a loopback name or address.
pub fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        None => false,
    }
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

/// Parses a URL the widget may talk to or open: `https`, or `http` on loopback; no user info.
pub fn parse_secure(s: &str) -> Result<Url, UrlProblem> {
    let url = Url::parse(s.trim()).map_err(|_| UrlProblem::NotAbsolute)?;
    if url.host().is_none() {
        return Err(UrlProblem::NotAbsolute);
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(UrlProblem::UserInfo);
    }
    match url.scheme() {
        "https" => Ok(url),
        "http" if is_loopback(&url) => Ok(url),
        _ => Err(UrlProblem::Insecure),
    }
}

/// A link from a response, if the widget may open it or hand it to the page.
pub fn openable(s: &str) -> Option<String> {
    parse_secure(s).ok().map(String::from)
}

/// Whether `a` and `b` have the same origin (scheme, host and port).
pub fn same_origin(a: &Url, b: &Url) -> bool {
    a.origin() == b.origin()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secure_urls() {
        for ok in [
            "https://login.microsoftonline.com/common",
            "http://localhost:8787/common",
            "http://127.0.0.1:8787/v1.0",
            "http://127.1.2.3/x",
            "http://[::1]:8787/common",
            "https://graph.microsoft.us/v1.0",
        ] {
            assert!(parse_secure(ok).is_ok(), "{ok}");
        }
        for (bad, why) in [
            (
                "http://localhost:1@evil.example/common",
                UrlProblem::UserInfo,
            ),
            (
                "https://user:pw@graph.microsoft.com/v1.0",
                UrlProblem::UserInfo,
            ),
            (
                "https://login.microsoftonline.com@evil.example/",
                UrlProblem::UserInfo,
            ),
            ("http://evil.example/common", UrlProblem::Insecure),
            ("http://localhost.evil.example/", UrlProblem::Insecure),
            ("http://127.0.0.1.nip.io/", UrlProblem::Insecure),
            ("javascript:alert(1)", UrlProblem::NotAbsolute),
            ("data:text/html,x", UrlProblem::NotAbsolute),
            ("login.microsoftonline.com/common", UrlProblem::NotAbsolute),
            ("ftp://x/y", UrlProblem::Insecure),
            ("https://", UrlProblem::NotAbsolute),
        ] {
            assert_eq!(parse_secure(bad).err(), Some(why), "{bad}");
        }
    }

    #[test]
    fn openable_links() {
        assert_eq!(
            openable("https://contoso.sharepoint.com/a b").as_deref(),
            Some("https://contoso.sharepoint.com/a%20b")
        );
        for bad in [
            "javascript:alert(document.domain)",
            "JaVaScRiPt:alert(1)",
            " javascript:alert(1)",
            "data:text/html;base64,PHNjcmlwdD4=",
            "vbscript:x",
            "http://evil.example/",
            "//evil.example/",
            "",
        ] {
            assert_eq!(openable(bad), None, "{bad}");
        }
    }

    #[test]
    fn origins() {
        let graph = Url::parse("https://graph.microsoft.com/v1.0").unwrap();
        for same in [
            "https://graph.microsoft.com/v1.0/me/drive/root/children?$skiptoken=x",
            "https://GRAPH.microsoft.com:443/v1.0/x",
        ] {
            assert!(same_origin(&graph, &Url::parse(same).unwrap()), "{same}");
        }
        for other in [
            "http://graph.microsoft.com/v1.0/x",
            "https://graph.microsoft.com.evil.example/v1.0/x",
            "https://graph.microsoft.com:8443/v1.0/x",
            "https://evil.example/v1.0/x",
        ] {
            assert!(!same_origin(&graph, &Url::parse(other).unwrap()), "{other}");
        }
    }
}
