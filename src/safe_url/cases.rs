//! The URL policy's cases, checked natively (on the `url` crate) and in the browser tests (on
//! the browser's own parser), so that both parsers are held to one table.

use super::{openable, parse_secure, same_origin, UrlProblem};

/// Asserts every case (panics on the first that fails).
pub fn check() {
    policy();
    links_and_origins();
    loopback();
}

/// Which hosts are this machine's (a Graph there is an emulator).
fn loopback() {
    for (url, here) in [
        ("http://127.0.0.1:8787/v1.0", true),
        ("http://localhost/v1.0", true),
        ("http://[::1]:8787/v1.0", true),
        ("https://[::1]/v1.0", true),
        ("https://localhost:9443/v1.0", true),
        ("https://graph.microsoft.com/v1.0", false),
        ("https://graph.microsoft.com:443/v1.0", false),
        ("https://127.0.0.1.nip.io/v1.0", false),
        ("https://[::2]:8787/v1.0", false),
    ] {
        assert_eq!(parse_secure(url).unwrap().on_loopback(), here, "{url}");
    }
}

/// What the policy takes and refuses, and why.
fn policy() {
    for ok in [
        "https://login.microsoftonline.com/common",
        "http://localhost:8787/common",
        "http://LOCALHOST:8787/common",
        "http://127.0.0.1:8787/v1.0",
        "http://127.1.2.3/x",
        "http://[::1]:8787/common",
        // Loopback addresses as the parser writes them: 127.0.0.1 and [::1].
        "http://127.1/x",
        "http://0x7f.0.0.1/x",
        "http://[0:0:0:0:0:0:0:1]/x",
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
        ("http://[::2]/", UrlProblem::Insecure),
        ("http://128.0.0.1/", UrlProblem::Insecure),
        ("http://127.evil.example/", UrlProblem::Insecure),
        ("http://[::ffff:127.0.0.1]/", UrlProblem::Insecure),
        ("javascript:alert(1)", UrlProblem::NotAbsolute),
        ("data:text/html,x", UrlProblem::NotAbsolute),
        ("login.microsoftonline.com/common", UrlProblem::NotAbsolute),
        ("ftp://x/y", UrlProblem::Insecure),
        ("https://", UrlProblem::NotAbsolute),
    ] {
        assert_eq!(parse_secure(bad).err(), Some(why), "{bad}");
    }
}

/// What may be opened, the parts kept, and origins.
fn links_and_origins() {
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
    parts();
    origins();
}

fn parts() {
    let u = parse_secure("https://login.microsoftonline.com:443/common/?x=1#y?z").unwrap();
    assert_eq!(
        u.as_str(),
        "https://login.microsoftonline.com/common/?x=1#y?z"
    );
    assert_eq!(u.path(), "/common/");
    assert!(u.has_query() && u.has_fragment());
    for (url, path, query, fragment) in [
        ("http://[::1]:8787/common#a?b", "/common", false, true),
        ("https://graph.microsoft.com/v1.0?", "/v1.0", true, false),
        ("https://graph.microsoft.com", "/", false, false),
    ] {
        let u = parse_secure(url).unwrap();
        assert_eq!(
            (u.path(), u.has_query(), u.has_fragment()),
            (path, query, fragment),
            "{url}"
        );
    }
}

fn origins() {
    let graph = parse_secure("https://graph.microsoft.com/v1.0").unwrap();
    for same in [
        "https://graph.microsoft.com/v1.0/me/drive/root/children?$skiptoken=x",
        "https://GRAPH.microsoft.com:443/v1.0/x",
    ] {
        assert!(same_origin(&graph, &parse_secure(same).unwrap()), "{same}");
    }
    for other in [
        "http://localhost/v1.0/x",
        "https://graph.microsoft.com.evil.example/v1.0/x",
        "https://graph.microsoft.com:8443/v1.0/x",
        "https://evil.example/v1.0/x",
    ] {
        assert!(
            !same_origin(&graph, &parse_secure(other).unwrap()),
            "{other}"
        );
    }
}
