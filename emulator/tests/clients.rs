//! What Microsoft's own browser clients (MSAL.js, the Graph Toolkit) need of the cloud, so that
//! they run against the emulator unmodified: two host identities (Graph at one public URL, the
//! identity platform at another: `--public-url https://graph.microsoft.com --identity-url
//! https://login.microsoftonline.com`, behind a local TLS front), instance discovery, the
//! sign-in pages' opener policy as Entra decides it, and JSON batching.

mod common;

use common::*;
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

#[tokio::test]
async fn json_batching_answers_each_request_as_alone_and_orders_dependencies() {
    let env = start().await;
    let t = env.token(ADELE).await;
    let batch = |body: serde_json::Value| {
        env.http
            .post(format!("{}/v1.0/$batch", env.base))
            .bearer_auth(&t)
            .json(&body)
            .send()
    };
    let r = batch(serde_json::json!({"requests": [
        {"id": "1", "method": "GET", "url": "/me/drive/root/children?$select=name&$top=2"},
        {"id": "2", "method": "GET", "url": "/me/drive/items/nosuchitem"},
        {"id": "3", "method": "GET", "url": "/me?$select=displayName", "dependsOn": ["2"]},
        {"id": "5", "method": "GET", "url": "/v1.0/me?$select=displayName"},
        {"id": "4", "method": "POST", "url": "/me/drive/root/children", "headers": {"Content-Type": "application/json"},
         "body": {"name": "From a batch", "folder": {}}, "dependsOn": ["1"]},
    ]}))
    .await
    .unwrap();
    assert_eq!(r.status(), 200);
    let v: serde_json::Value = r.json().await.unwrap();
    let by_id = |id: &str| {
        v["responses"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == id)
            .unwrap()
            .clone()
    };
    assert_eq!(by_id("1")["status"], 200);
    assert_eq!(by_id("1")["body"]["value"].as_array().unwrap().len(), 2);
    assert_eq!(by_id("2")["status"], 404);
    assert_eq!(by_id("2")["body"]["error"]["code"], "itemNotFound");
    assert_eq!(by_id("3")["status"], 424, "its dependency failed");
    // With the version in the URL, as the Graph JavaScript client sends it.
    assert_eq!(by_id("5")["status"], 200);
    assert_eq!(by_id("5")["body"]["displayName"], "Adele Vance");
    assert_eq!(by_id("4")["status"], 201);
    assert_eq!(by_id("4")["body"]["name"], "From a batch");
    // Header names as Graph's documented batch responses spell them (the Graph JavaScript
    // client parses a body only when `headers["Content-Type"]` says JSON).
    for id in ["1", "2", "4"] {
        let headers = by_id(id)["headers"].as_object().unwrap().clone();
        assert!(
            headers["Content-Type"]
                .as_str()
                .unwrap()
                .starts_with("application/json"),
            "{id}: {headers:?}"
        );
        assert!(!headers.contains_key("content-type"), "{id}: {headers:?}");
    }
    // Malformed batches are refused whole; the token is checked first.
    let too_many: Vec<_> = (0..21)
        .map(|i| serde_json::json!({"id": i.to_string(), "method": "GET", "url": "/me"}))
        .collect();
    assert_eq!(
        batch(serde_json::json!({ "requests": too_many }))
            .await
            .unwrap()
            .status(),
        400
    );
    let twice = serde_json::json!({"requests": [{"id": "a", "method": "GET", "url": "/me"}, {"id": "a", "method": "GET", "url": "/me"}]});
    assert_eq!(batch(twice).await.unwrap().status(), 400);
    let nested = serde_json::json!({"requests": [{"id": "a", "method": "POST", "url": "/$batch", "body": {"requests": []}}]});
    let v: serde_json::Value = batch(nested).await.unwrap().json().await.unwrap();
    assert_eq!(v["responses"][0]["status"], 400);
    let anonymous = env
        .http
        .post(format!("{}/v1.0/$batch", env.base))
        .json(&serde_json::json!({"requests": []}))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), 401);
}

#[tokio::test]
async fn every_url_the_file_host_hands_out_is_on_its_public_address() {
    let env = start_with(Settings {
        files_public_url: Some("https://files.example".into()),
        ..Default::default()
    })
    .await;
    let t = env.token(ADELE).await;
    let on_files = |url: &str| url.starts_with("https://files.example/");
    // An upload session's URL (the Graph JavaScript client takes only https:// as absolute).
    let session: serde_json::Value = env
        .post_json(
            &t,
            "/me/drive/root:/Big.bin:/createUploadSession",
            serde_json::json!({"item": {"@microsoft.graph.conflictBehavior": "rename"}}),
        )
        .await
        .json()
        .await
        .unwrap();
    let upload = session["uploadUrl"].as_str().unwrap();
    assert!(on_files(upload), "{upload}");
    // Downloads and thumbnails.
    let item: serde_json::Value = env
        .get(&t, "/me/drive/root:/Welcome.docx?$expand=thumbnails")
        .await
        .json()
        .await
        .unwrap();
    let download = item["@microsoft.graph.downloadUrl"].as_str().unwrap();
    assert!(on_files(download), "{download}");
    let thumb = item["thumbnails"][0]["medium"]["url"].as_str().unwrap();
    assert!(on_files(thumb), "{thumb}");
    // The file host answers to that name: a fragment sent to it (through a front that keeps the
    // Host) is taken.
    let path = upload.strip_prefix("https://files.example").unwrap();
    let r = env
        .http
        .put(format!("http://{}{path}", env.running.files_addr))
        .header(HOST, "files.example")
        .header("content-range", "bytes 0-4/5")
        .body("hello")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201, "{}", r.text().await.unwrap());
}
