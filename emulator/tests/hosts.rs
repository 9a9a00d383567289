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
