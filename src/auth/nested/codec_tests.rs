//! The bridge's messages: requests as hosts read them, replies as hosts send them, and every
//! failure status mapped.

use super::*;
use crate::auth::error::ErrorAction;
use crate::auth::token::tests::id_token;

fn params() -> TokenParams {
    TokenParams {
        client_id: "c1".into(),
        authority: "https://login.microsoftonline.com/common".into(),
        scope: "User.Read Files.Read.All openid profile".into(),
        correlation_id: "corr".into(),
        login_hint: Some("adele@contoso.com".into()),
        account_id: Some("oid.tid".into()),
        force_refresh: true,
    }
}

#[test]
fn requests_carry_what_msal_sends() {
    let r: Value = serde_json::from_str(&request(Method::GetToken, "id-1", 1_700_000_000_123.0, Some(&params()))).unwrap();
    assert_eq!(r["messageType"], "NestedAppAuthRequest");
    assert_eq!(r["method"], "GetToken");
    assert_eq!(r["requestId"], "id-1");
    assert_eq!(r["sendTime"], 1_700_000_000_123u64);
    let t = &r["tokenParams"];
    assert_eq!(t["clientId"], "c1");
    assert_eq!(t["scope"], "User.Read Files.Read.All openid profile");
    assert_eq!(t["authenticationScheme"], "Bearer");
    assert_eq!(t["extraParameters"]["login_hint"], "adele@contoso.com");
    assert_eq!(t["platformBrokerId"], "oid.tid");
    assert_eq!(t["forceRefresh"], true);

    let plain = TokenParams { login_hint: None, account_id: None, force_refresh: false, ..params() };
    let r: Value = serde_json::from_str(&request(Method::GetTokenPopup, "id-2", 0.0, Some(&plain))).unwrap();
    assert_eq!(r["method"], "GetTokenPopup");
    assert_eq!(r["tokenParams"]["extraParameters"], json!({}));
    assert!(r["tokenParams"].get("platformBrokerId").is_none() && r["tokenParams"].get("forceRefresh").is_none());
    let hello: Value = serde_json::from_str(&request(Method::GetInitContext, "id-3", 0.0, None)).unwrap();
    assert_eq!(hello["method"], "GetInitContext");
    assert!(hello.get("tokenParams").is_none());
}

#[test]
fn replies_are_told_apart_by_their_request_id() {
    let reply = json!({ "messageType": "NestedAppAuthResponse", "requestId": "r1", "success": true }).to_string();
    assert_eq!(reply_id(&reply).as_deref(), Some("r1"));
    for other in ["", "null", "{}", r#"{"messageType":"NestedAppAuthRequest","requestId":"r1"}"#, r#"{"messageType":"NestedAppAuthResponse"}"#] {
        assert_eq!(reply_id(other), None, "{other}");
    }
}

#[test]
fn the_init_context_names_the_host_account() {
    let ok = json!({ "success": true, "initContext": { "sdkName": "h", "sdkVersion": "1", "accountContext": { "homeAccountId": "oid.tid", "environment": "e", "tenantId": "tid" } } });
    assert_eq!(init_reply(&ok.to_string()).unwrap().as_deref(), Some("oid.tid"));
    let anonymous = json!({ "success": true, "initContext": { "sdkName": "h", "sdkVersion": "1" } });
    assert_eq!(init_reply(&anonymous.to_string()).unwrap(), None);
    let none = json!({ "success": true });
    assert!(matches!(init_reply(&none.to_string()), Err(AuthError::Host { status: HostStatus::Unavailable, .. })));
    assert!(matches!(init_reply("<html>"), Err(AuthError::InvalidResponse(_))));
}

fn token(extra: Value) -> String {
    let mut v = json!({
        "success": true,
        "token": { "access_token": "eyJ.a.b", "expires_in": 3600, "id_token": id_token(json!({ "name": "Adele Vance", "preferred_username": "AdeleV@contoso.com", "tid": "t", "oid": "o" })), "scope": "User.Read Files.Read.All openid profile" },
        "account": { "environment": "login.microsoftonline.com", "username": "AdeleV@contoso.com" },
    });
    for (k, x) in extra.as_object().unwrap() {
        v["token"][k] = x.clone();
    }
    v.to_string()
}

#[test]
fn a_token_reply_is_a_token_set() {
    let set = token_reply(&token(json!({})), 1000.0, "User.Read").unwrap();
    assert_eq!(set.access_token.secret(), "eyJ.a.b");
    assert_eq!(set.expires_at_ms, 1000.0 + 3_600_000.0);
    assert_eq!(set.scopes, ["User.Read", "Files.Read.All", "openid", "profile"]);
    assert_eq!(set.account.as_ref().unwrap().username, "AdeleV@contoso.com");
    assert!(set.refresh_token.is_none());

    // No scope listed: the ones asked for. No id token: the reply's account.
    let bare = json!({ "success": true, "token": { "access_token": "x", "expires_in": 60 }, "account": { "environment": "e", "username": "pat@outlook.com", "tenantId": "9188", "localAccountId": "p", "name": "Pat" } });
    let set = token_reply(&bare.to_string(), 0.0, "User.Read openid").unwrap();
    assert_eq!(set.scopes, ["User.Read", "openid"]);
    let a = set.account.unwrap();
    assert_eq!((a.username.as_str(), a.name.as_str(), a.object_id.as_str()), ("pat@outlook.com", "Pat", "p"));
}

#[test]
fn malformed_token_replies_are_invalid_responses() {
    for bad in [
        token(json!({ "access_token": 5 })),
        token(json!({ "expires_in": 0 })),
        token(json!({ "id_token": "not-a-jwt" })),
        json!({ "success": true }).to_string(),
        json!({ "success": true, "token": { "access_token": "x", "expires_in": 60 }, "account": {} }).to_string(),
        json!({ "success": "yes" }).to_string(),
        "[]".into(),
    ] {
        assert!(matches!(token_reply(&bad, 0.0, "User.Read"), Err(AuthError::InvalidResponse(_))), "{bad}");
    }
}

#[test]
fn every_host_status_is_an_error_the_user_can_act_on() {
    let reply = |status: &str, code: Option<&str>| {
        let mut e = json!({ "status": status, "description": "AADSTS65001: no consent" });
        if let Some(c) = code {
            e["code"] = json!(c);
        }
        token_reply(&json!({ "success": false, "error": e }).to_string(), 0.0, "").unwrap_err()
    };
    assert_eq!(
        reply("USER_INTERACTION_REQUIRED", Some("consent_required")),
        AuthError::InteractionRequired { code: Some(65001), consent: true, description: "AADSTS65001: no consent".into() }
    );
    assert_eq!(reply("USER_INTERACTION_REQUIRED", None).action(), ErrorAction::SignInAgain);
    let cases = [
        ("USER_CANCEL", HostStatus::Cancelled, ErrorAction::Retry),
        ("NO_NETWORK", HostStatus::NoNetwork, ErrorAction::Retry),
        ("TRANSIENT_ERROR", HostStatus::Transient, ErrorAction::Retry),
        ("PERSISTENT_ERROR", HostStatus::Persistent, ErrorAction::Retry),
        ("DISABLED", HostStatus::Disabled, ErrorAction::Retry),
        ("ACCOUNT_UNAVAILABLE", HostStatus::AccountUnavailable, ErrorAction::SignInAgain),
        ("NESTED_APP_AUTH_UNAVAILABLE", HostStatus::Unavailable, ErrorAction::Retry),
        ("SOMETHING_NEW", HostStatus::Persistent, ErrorAction::Retry),
    ];
    for (wire, status, action) in cases {
        let e = reply(wire, Some("c"));
        assert!(matches!(&e, AuthError::Host { status: s, code: Some(c), .. } if *s == status && c == "c"), "{wire}");
        assert_eq!(e.action(), action, "{wire}");
        assert!(e.kind().starts_with("host_"));
    }
    assert_eq!(AuthError::HostTimeout.action(), ErrorAction::Retry);
    // A long description is cut, never passed on whole.
    let long = failure(&json!({ "status": "PERSISTENT_ERROR", "description": "x".repeat(5000) }));
    assert!(matches!(long, AuthError::Host { description, .. } if description.len() == 500));
}

#[test]
fn ids_are_version_4_guids() {
    let g = crate::auth::nested::guid([0xff; 16]);
    assert_eq!(g, "ffffffff-ffff-4fff-bfff-ffffffffffff");
    assert_eq!(crate::auth::nested::guid([0; 16]), "00000000-0000-4000-8000-000000000000");
}
