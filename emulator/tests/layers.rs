//! What the routers' layers do for every route at once: CORS per room (Graph, the identity
//! platform, the file host, the control API), and Graph's error envelope, written with the
//! request's own ids.

mod common;

use common::*;
use serde_json::json;

/// A preflight of `method` with `headers` from the app's origin.
async fn preflight(env: &Env, url: &str, method: &str, headers: &str) -> reqwest::Response {
    env.http
        .request(reqwest::Method::OPTIONS, url)
        .header("origin", APP_ORIGIN)
        .header("access-control-request-method", method)
        .header("access-control-request-headers", headers)
        .send()
        .await
        .unwrap()
}

fn header<'a>(r: &'a reqwest::Response, name: &str) -> &'a str {
    r.headers()
        .get(name)
        .map(|v| v.to_str().unwrap())
        .unwrap_or("")
}

#[tokio::test]
async fn each_room_answers_preflights_by_its_own_policy() {
    let env = start().await;
    // Graph grants what it lists and nothing else.
    let r = preflight(&env, &env.graph("/me"), "GET", "authorization, x-evil").await;
    assert_eq!(r.status(), 200);
    assert_eq!(header(&r, "access-control-allow-headers"), "authorization");
    assert_eq!(header(&r, "access-control-allow-origin"), "*");
    // The token endpoint grants what is asked, for POST.
    let token = format!("{}/common/oauth2/v2.0/token", env.base);
    let r = preflight(&env, &token, "POST", "content-type, x-client-sku").await;
    assert_eq!(
        header(&r, "access-control-allow-headers"),
        "content-type, x-client-sku"
    );
    assert_eq!(header(&r, "access-control-allow-methods"), "POST, OPTIONS");
    // The control API grants no method but GET and no header: no page can post JSON to it.
    let control = format!("{}/_emulator/faults", env.base);
    let r = preflight(&env, &control, "POST", "content-type").await;
    // (The guard refuses the preflight before CORS sees it; either way nothing is granted.)
    assert!(!header(&r, "access-control-allow-methods").contains("POST"));
    assert_eq!(header(&r, "access-control-allow-headers"), "");
    // The sign-in page takes no cross-origin requests at all.
    let authorize = format!("{}/common/oauth2/v2.0/authorize", env.base);
    let r = preflight(&env, &authorize, "POST", "content-type").await;
    assert!(r.headers().get("access-control-allow-origin").is_none());
}

#[tokio::test]
async fn the_file_host_lets_pages_upload_and_read_ranges() {
    let env = start().await;
    let t = env.token(ADELE).await;
    let r = env
        .post_json(
            &t,
            "/me/drive/root:/layers.txt:/createUploadSession",
            json!({}),
        )
        .await;
    let url = r.json::<serde_json::Value>().await.unwrap()["uploadUrl"]
        .as_str()
        .unwrap()
        .to_string();
    let r = preflight(&env, &url, "PUT", "content-range, authorization").await;
    assert_eq!(r.status(), 200);
    assert_eq!(header(&r, "access-control-allow-headers"), "content-range");
    let put = env
        .http
        .put(&url)
        .header("content-range", "bytes 0-4/5")
        .body("hello")
        .send()
        .await
        .unwrap();
    assert_eq!(put.status(), 201);
    assert_eq!(header(&put, "access-control-allow-origin"), "*");
    let item: serde_json::Value = put.json().await.unwrap();
    let download = item["@microsoft.graph.downloadUrl"].as_str().unwrap();
    let r = env
        .http
        .get(download)
        .header("range", "bytes=1-3")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 206);
    assert_eq!(header(&r, "access-control-allow-origin"), "*");
    assert!(header(&r, "access-control-expose-headers").contains("Content-Range"));
    assert_eq!(r.text().await.unwrap(), "ell");
}

#[tokio::test]
async fn a_graph_error_names_the_ids_its_headers_carry() {
    let env = start().await;
    let t = env.token(ADELE).await;
    let r = env
        .http
        .get(env.graph("/me/drive/items/nope"))
        .bearer_auth(&t)
        .header("client-request-id", "5d2c6a0e-1111-4222-8333-944445555666")
        .header("origin", APP_ORIGIN)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    let request_id = header(&r, "request-id").to_string();
    assert!(!request_id.is_empty());
    assert_eq!(header(&r, "access-control-allow-origin"), "*");
    assert!(header(&r, "access-control-expose-headers").contains("request-id"));
    let body = graph_error(r, 404, "itemNotFound").await;
    let inner = &body["error"]["innerError"];
    assert_eq!(inner["request-id"], request_id.as_str());
    assert_eq!(
        inner["client-request-id"],
        "5d2c6a0e-1111-4222-8333-944445555666"
    );
    // Without an Origin, Graph sends no CORS headers.
    let r = env.get(&t, "/me/drive/items/nope").await;
    assert!(r.headers().get("access-control-allow-origin").is_none());
}
