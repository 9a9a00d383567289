//! Upload sessions under faults (scripted on the upload URL), and the tenant's sharing-link
//! policy.

mod common;

use common::*;
use serde_json::json;

async fn session(env: &Env, t: &str, name: &str) -> String {
    let r = env
        .post_json(
            t,
            &format!("/me/drive/root:/{name}:/createUploadSession"),
            json!({}),
        )
        .await;
    assert_eq!(r.status(), 200);
    json_checked(r, "microsoft.graph.uploadSession").await["uploadUrl"]
        .as_str()
        .unwrap()
        .to_string()
}

/// The first of the session's `nextExpectedRanges`.
async fn next_expected(env: &Env, url: &str) -> String {
    let r = env.http.get(url).send().await.unwrap();
    let status = json_checked(r, "uploadSessionProgress").await;
    status["nextExpectedRanges"][0]
        .as_str()
        .unwrap()
        .to_string()
}

#[tokio::test]
async fn faults_on_the_upload_url_refuse_or_lose_the_answer_but_never_the_bytes() {
    let env = start().await;
    let t = env.token(ADELE).await;
    let url = session(&env, &t, "faulted.bin").await;
    let total = 2 * 327_680 + 10;
    let data: Vec<u8> = (0..total).map(|i| (i * 7 % 256) as u8).collect();
    let put = |from: usize, to: usize| {
        env.http
            .put(&url)
            .header("content-range", format!("bytes {from}-{}/{total}", to - 1))
            .body(data[from..to].to_vec())
            .send()
    };
    // The second PUT is refused with 503 and Retry-After: nothing is taken.
    let rule = json!({"fault": "unavailable", "path_contains": "/_upload/", "method": "PUT",
        "times": 1, "skip": 1, "retry_after": 3});
    assert_eq!(
        env.control(reqwest::Method::POST, "faults", Some(rule))
            .await
            .status(),
        204
    );
    assert_eq!(put(0, 327_680).await.unwrap().status(), 202);
    let r = put(327_680, 655_360).await.unwrap();
    assert_eq!(r.headers()["retry-after"], "3");
    graph_error(r, 503, "serviceNotAvailable").await;
    assert_eq!(
        next_expected(&env, &url).await,
        format!("327680-{}", total - 1)
    );
    // A drop takes the fragment and loses the answer: the status tells where to go on.
    let rule = json!({"fault": "drop", "path_contains": "/_upload/", "method": "PUT", "times": 1});
    env.control(reqwest::Method::POST, "faults", Some(rule))
        .await;
    let lost = async { put(327_680, 655_360).await?.bytes().await };
    assert!(lost.await.is_err(), "the answer is cut off");
    assert_eq!(
        next_expected(&env, &url).await,
        format!("655360-{}", total - 1)
    );
    let r = put(655_360, total).await.unwrap();
    assert_eq!(r.status(), 201);
    let item = json_checked(r, "microsoft.graph.driveItem").await;
    assert_eq!(item["size"], total);
    let stored = env
        .get(
            &t,
            &format!("/me/drive/items/{}/content", item["id"].as_str().unwrap()),
        )
        .await;
    let location = stored.headers()["location"].to_str().unwrap().to_string();
    let bytes = env
        .http
        .get(location)
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    assert_eq!(bytes.to_vec(), data, "exactly the bytes sent, each once");
}

#[tokio::test]
async fn a_tenant_without_anonymous_links_refuses_them_with_403() {
    let env = start_with(emulator::config::Settings {
        link_scopes: Some(vec!["organization".into(), "users".into()]),
        ..Default::default()
    })
    .await;
    let t = env.token(ADELE).await;
    let path = "/me/drive/root:/Documents:/createLink";
    let r = env
        .post_json(&t, path, json!({"type": "view", "scope": "anonymous"}))
        .await;
    graph_error(r, 403, "accessDenied").await;
    let r = env
        .post_json(&t, path, json!({"type": "edit", "scope": "organization"}))
        .await;
    assert_eq!(r.status(), 201);
    let link = json_checked(r, "microsoft.graph.permission").await;
    assert_eq!(link["link"]["scope"], "organization");
    assert_eq!(link["roles"][0], "write");
    let open = start().await;
    let t = open.token(ADELE).await;
    let r = open
        .post_json(&t, path, json!({"type": "view", "scope": "anonymous"}))
        .await;
    assert_eq!(r.status(), 201, "allowed by default");
}
