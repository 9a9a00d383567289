//! Authorities, redirect URIs, storage keys and scopes.

use super::*;

#[test]
fn the_default_authority_is_the_public_cloud_parsed() {
    assert_eq!(Authority::default(), Authority::parse(DEFAULT_AUTHORITY).unwrap());
    assert_eq!(Authority::default().origin(), "https://login.microsoftonline.com");
    assert_eq!(AuthConfig::new("c", "https://a.example/auth.html").authority, Authority::default());
}

#[test]
fn authorities_of_every_cloud_and_the_emulator() {
    let a = Authority::parse("https://login.microsoftonline.com/organizations/").unwrap();
    assert_eq!(a.tenant(), "organizations");
    assert_eq!(
        a.token_endpoint(),
        "https://login.microsoftonline.com/organizations/oauth2/v2.0/token"
    );
    let cn =
        Authority::parse("https://login.chinacloudapi.cn/contoso.onmicrosoft.com").unwrap();
    assert_eq!(
        cn.authorize_endpoint(),
        "https://login.chinacloudapi.cn/contoso.onmicrosoft.com/oauth2/v2.0/authorize"
    );
    let emu = Authority::parse("http://127.0.0.1:8787/common").unwrap();
    assert_eq!(
        emu.logout_endpoint(),
        "http://127.0.0.1:8787/common/oauth2/v2.0/logout"
    );
    let v6 = Authority::parse("http://[::1]:8787/common").unwrap();
    assert_eq!(
        v6.token_endpoint(),
        "http://[::1]:8787/common/oauth2/v2.0/token"
    );
    for bad in [
        "http://evil.example/common",
        "login.microsoftonline.com/common",
        "https://",
        "https://login.microsoftonline.com",
        "https://login.microsoftonline.com/",
        "ftp://x/y",
        "http://localhost:1@evil.example/common",
        "https://login.microsoftonline.com@evil.example/common",
        "https://login.microsoftonline.com/common?x=1",
    ] {
        assert!(Authority::parse(bad).is_err(), "{bad}");
    }
}

#[test]
fn a_redirect_uri_is_https_or_loopback_http_and_nothing_else() {
    for good in [
        "https://portal.contoso.com/auth.html",
        "http://127.0.0.1:8080/node_modules/onedrive-picker/auth.html",
        "http://localhost:5173/auth.html?x=1",
    ] {
        assert!(check_redirect(good).is_ok(), "{good}");
    }
    for bad in [
        "javascript:alert(document.domain)//",
        "JavaScript:alert(1)",
        " javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "http://portal.contoso.com/auth.html",
        "https://user:pass@portal.contoso.com/auth.html",
        "https://portal.contoso.com/auth.html#x",
        "/auth.html",
        "blob:https://portal.contoso.com/1",
    ] {
        assert!(
            matches!(check_redirect(bad), Err(AuthError::Config(_))),
            "{bad}"
        );
    }
}

#[test]
fn a_stored_session_is_keyed_by_both_origins() {
    let mut a = AuthConfig::new("c", "https://p/auth.html");
    let mut b = a.clone();
    b.authority = Authority::parse("https://login.evil.example/common").unwrap();
    assert_ne!(a.storage_key(), b.storage_key());
    let key = a.storage_key();
    a.graph_origin = "https://graph.evil.example".into();
    assert_ne!(a.storage_key(), key);
    assert_eq!(
        key,
        "onedrive-picker.tokens|c|common|https://login.microsoftonline.com|https://graph.microsoft.com"
    );
}

#[test]
fn scopes_get_oidc_added_once() {
    let s = Scopes::parse("User.Read  Files.Read openid User.Read");
    assert_eq!(
        s.with_oidc(),
        "User.Read Files.Read openid profile offline_access"
    );
    let d = Scopes::parse("https://graph.microsoft.com/.default");
    assert_eq!(
        d.with_oidc(),
        "https://graph.microsoft.com/.default openid profile offline_access"
    );
}

#[test]
fn granted_scopes_ignore_case_and_resource_prefix() {
    let granted = vec!["User.Read".to_string(), "Files.Read.All".to_string()];
    assert!(
        Scopes::parse("https://graph.microsoft.com/files.read.all user.read")
            .granted_by(&granted)
    );
    assert!(!Scopes::parse("Files.ReadWrite").granted_by(&granted));
    assert!(Scopes::parse("https://graph.microsoft.com/.default").granted_by(&granted));
}
