//! Two host identities, as in the real cloud: Graph on one public URL and the identity platform
//! on another (`--public-url https://graph.microsoft.com --identity-url
//! https://login.microsoftonline.com`), for clients that keep their default hosts behind a local
//! TLS front. Requests name those hosts; anything else but loopback is refused.

use emulator::config::Settings;
use reqwest::header::HOST;

#[tokio::test]
async fn the_identity_platform_and_graph_answer_at_their_own_public_hosts() {
    let running = emulator::start(
        Settings {
            public_url: Some("https://graph.example".into()),
            identity_url: Some("https://login.example".into()),
            ..Default::default()
        },
        0,
    )
    .await
    .unwrap();
    let http = reqwest::Client::new();
    let at = |host: &str, path: &str| {
        http.get(format!("http://{}{path}", running.addr))
            .header(HOST, host)
            .send()
    };
    let doc: serde_json::Value = at(
        "login.example",
        "/common/v2.0/.well-known/openid-configuration",
    )
    .await
    .unwrap()
    .json()
    .await
    .unwrap();
    assert_eq!(doc["issuer"], "https://login.example/{tenantid}/v2.0");
    assert_eq!(
        doc["authorization_endpoint"],
        "https://login.example/common/oauth2/v2.0/authorize"
    );
    assert_eq!(
        doc["token_endpoint"],
        "https://login.example/common/oauth2/v2.0/token"
    );
    // Graph answers at its host; its 401 points at the identity platform's.
    let r = at("graph.example:443", "/v1.0/me").await.unwrap();
    assert_eq!(r.status(), 401);
    let challenge = r.headers()["www-authenticate"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        challenge.contains("authorization_uri=\"https://login.example/common/oauth2/authorize\""),
        "{challenge}"
    );
    // Another name is refused (DNS rebinding), the loopback ones are not.
    assert_eq!(at("evil.example", "/v1.0/me").await.unwrap().status(), 421);
    assert_eq!(at("127.0.0.1", "/v1.0/me").await.unwrap().status(), 401);
}

mod common;

use common::*;

#[tokio::test]
async fn instance_discovery_names_the_tenant_document_and_this_cloud_s_host() {
    let env = start().await;
    let q = "api-version=1.1&authorization_endpoint=https://login.example/organizations/oauth2/v2.0/authorize";
    let r = env
        .http
        .get(format!("{}/common/discovery/instance?{q}", env.base))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["access-control-allow-origin"], "*");
    let v: serde_json::Value = r.json().await.unwrap();
    assert_eq!(
        v["tenant_discovery_endpoint"],
        format!(
            "{}/organizations/v2.0/.well-known/openid-configuration",
            env.base
        )
    );
    assert_eq!(v["metadata"][0]["aliases"][0], "127.0.0.1");
    let unknown = format!(
        "{}/nosuch.example/discovery/instance?api-version=1.1",
        env.base
    );
    assert_eq!(env.http.get(unknown).send().await.unwrap().status(), 400);
}

#[tokio::test]
async fn sign_in_pages_isolate_the_popup_unless_the_app_opted_out_or_msal_checked_the_opener() {
    let mut opted_out = emulator::config::default_apps();
    opted_out[0].coop_enforcement = Some(false);
    for (env, pocd, isolated) in [
        (start().await, false, true),
        (start().await, true, false),
        (
            start_with(Settings {
                apps: opted_out.clone(),
                ..Default::default()
            })
            .await,
            false,
            false,
        ),
    ] {
        let mut params = authorize_params("openid User.Read", &pkce());
        if pocd {
            params.push(("pocd".into(), "1".into()));
        }
        let url = url_with(
            &format!("{}/common/oauth2/v2.0/authorize", env.base),
            &params,
        );
        let r = env.http.get(url).send().await.unwrap();
        assert_eq!(r.status(), 200);
        let coop = r
            .headers()
            .get("cross-origin-opener-policy")
            .map(|v| v.to_str().unwrap().to_string());
        assert_eq!(coop.is_some(), isolated, "pocd {pocd}: {coop:?}");
    }
}
