use chrono::{DateTime, Duration, Utc};

use super::grants::{AuthState, RefreshGrant, MAX_REFRESH_GRANTS};
use super::request::redirect_matches;
use super::scopes::Scopes;

fn grant(spa: bool, first_issued: DateTime<Utc>, issued: DateTime<Utc>) -> RefreshGrant {
    RefreshGrant {
        client_id: "c".into(),
        user_id: "u".into(),
        scopes: Scopes::default(),
        spa,
        first_issued,
        issued,
        cp1: false,
    }
}

#[test]
fn refresh_grants_are_pruned_and_bounded() {
    let now = Utc::now();
    let mut auth = AuthState::default();
    let old_spa = now - Duration::hours(25);
    auth.refresh
        .insert("spa-dead".into(), grant(true, old_spa, old_spa));
    auth.refresh
        .insert("spa-live".into(), grant(true, now, now));
    let unused = now - Duration::days(91);
    auth.refresh
        .insert("web-dead".into(), grant(false, unused, unused));
    let recent = now - Duration::days(30);
    auth.refresh
        .insert("web-live".into(), grant(false, unused, recent));
    auth.prune_refresh(now);
    let mut kept: Vec<&String> = auth.refresh.keys().collect();
    kept.sort();
    assert_eq!(kept, ["spa-live", "web-live"]);
    let over = MAX_REFRESH_GRANTS + 50;
    for i in 0..over {
        let at = now - Duration::seconds(i as i64);
        auth.refresh.insert(format!("rt{i}"), grant(false, at, at));
    }
    auth.prune_refresh(now);
    // Room for the one about to be issued; the oldest went first.
    assert_eq!(auth.refresh_grants(), MAX_REFRESH_GRANTS - 1);
    assert!(auth.refresh.contains_key("rt0"));
    assert!(!auth.refresh.contains_key(&format!("rt{}", over - 1)));
}

#[test]
fn loopback_redirects_match_on_any_port() {
    assert!(redirect_matches(
        "http://localhost:8080/auth.html",
        "http://localhost:51234/auth.html"
    ));
    assert!(redirect_matches(
        "http://127.0.0.1:8080/auth.html",
        "http://127.0.0.1/auth.html"
    ));
    assert!(!redirect_matches(
        "http://localhost:8080/auth.html",
        "http://localhost:8080/other.html"
    ));
    assert!(!redirect_matches(
        "https://app.example/auth",
        "https://app.example:444/auth"
    ));
    assert!(!redirect_matches(
        "http://localhost:8080/auth.html",
        "http://127.0.0.1:8080/auth.html"
    ));
}
