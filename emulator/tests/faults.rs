//! Fault injection: per-request header, scripted rules, start-up settings.

mod common;

use std::time::Instant;

use common::*;
use emulator::config::{FaultSettings, Settings};
use reqwest::header::ORIGIN;
use serde_json::{json, Value};

const ITEMS: &str = "microsoft.graph.driveItemCollectionResponse";

#[tokio::test]
async fn header_faults() {
    let env = start().await;
    let t = env.token(ADELE).await;
    let get = |fault: &'static str| {
        env.http
            .get(env.graph("/me/drive/root/children"))
            .bearer_auth(&t)
            .header(ORIGIN, APP_ORIGIN)
            .header("x-emulator-fault", fault)
            .send()
    };

    let r = get("throttle; retry-after=7").await.unwrap();
    assert_eq!(r.headers()["retry-after"], "7");
    let e = graph_error(r, 429, "activityLimitReached").await;
    assert_eq!(e["error"]["innerError"]["code"], "throttledRequest");
    let r = get("throttle; status=503; retry-after=3").await.unwrap();
    assert_eq!(r.headers()["retry-after"], "3");
    graph_error(r, 503, "serviceNotAvailable").await;
    graph_error(get("server-error").await.unwrap(), 500, "generalException").await;
    let e = graph_error(
        get("expired-token").await.unwrap(),
        401,
        "InvalidAuthenticationToken",
    )
    .await;
    assert_eq!(
        e["error"]["message"],
        "Access token has expired or is not yet valid."
    );

    let started = Instant::now();
    assert_eq!(get("latency; ms=300").await.unwrap().status(), 200);
    assert!(started.elapsed().as_millis() >= 300, "the answer waited");

    // The connection is cut: the client sees a network error before or while reading the body.
    match get("drop").await {
        Err(e) => assert!(e.is_request() || e.is_body(), "{e}"),
        Ok(r) => assert!(r.bytes().await.is_err(), "the body breaks off"),
    }

    // A complete answer that is not valid JSON: cut in half, or not JSON at all.
    let whole = env
        .get(&t, "/me/drive/root/children")
        .await
        .text()
        .await
        .unwrap();
    let r = get("truncated").await.unwrap();
    assert_eq!(r.status(), 200);
    let cut = r.text().await.unwrap();
    assert_eq!(cut.len(), whole.len() / 2);
    assert!(serde_json::from_str::<Value>(&cut).is_err());
    let r = get("malformed").await.unwrap();
    assert_eq!(r.status(), 200);
    assert!(serde_json::from_str::<Value>(&r.text().await.unwrap()).is_err());

    // The header applies to one request only.
    assert_eq!(env.get(&t, "/me/drive/root/children").await.status(), 200);

    // Every Graph request is counted (for tests that bound retries).
    let before = graph_requests(&env).await;
    env.get(&t, "/me").await;
    env.get(&t, "/me").await;
    assert_eq!(graph_requests(&env).await, before + 2);
}

#[tokio::test]
async fn claims_challenge_only_for_cae_capable_tokens() {
    let env = start().await;
    let plain = env.token(ADELE).await;
    let r = env
        .http
        .get(env.graph("/me"))
        .bearer_auth(&plain)
        .header("x-emulator-fault", "claims-challenge")
        .send()
        .await
        .unwrap();
    assert!(!r.headers()["www-authenticate"]
        .to_str()
        .unwrap()
        .contains("insufficient_claims"));
    graph_error(r, 401, "InvalidAuthenticationToken").await;

    let p = pkce();
    let mut params = authorize_params(ALL_SCOPES, &p);
    params.push((
        "claims".into(),
        json!({"access_token": {"xms_cc": {"values": ["cp1"]}}}).to_string(),
    ));
    let mut jar = Jar::default();
    let loc = env.sign_in("common", &params, ADELE, &mut jar).await;
    let tokens = json_checked(
        env.redeem(
            "common",
            &redirect_params(&loc)["code"],
            &p.verifier,
            Some(APP_ORIGIN),
        )
        .await,
        "identity:tokenResponse",
    )
    .await;
    let cae = tokens["access_token"].as_str().unwrap();
    let r = env
        .http
        .get(env.graph("/me"))
        .bearer_auth(cae)
        .header("x-emulator-fault", "claims-challenge")
        .send()
        .await
        .unwrap();
    let www = r.headers()["www-authenticate"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        www.contains("error=\"insufficient_claims\"") && www.contains("claims=\""),
        "{www}"
    );
    let claims_b64 = www.split("claims=\"").nth(1).unwrap().trim_end_matches('"');
    let claims: Value = serde_json::from_slice(&base64_decode(claims_b64)).unwrap();
    assert!(claims["access_token"]["nbf"]["essential"]
        .as_bool()
        .unwrap());
    graph_error(r, 401, "InvalidAuthenticationToken").await;
}

fn base64_decode(s: &str) -> Vec<u8> {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.decode(s).unwrap()
}

#[tokio::test]
async fn scripted_rules_through_the_control_api() {
    let env = start().await;
    let t = env.token(ADELE).await;
    let r = env.control(reqwest::Method::POST, "faults", Some(json!({"fault": "throttle", "path_contains": "/children", "times": 2, "retry_after": 1}))).await;
    assert_eq!(r.status(), 204);
    let listed: Value = env
        .control(reqwest::Method::GET, "faults", None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(listed["rules"][0]["times"], 2);
    assert_eq!(
        env.get(&t, "/me").await.status(),
        200,
        "other paths are untouched"
    );
    for _ in 0..2 {
        env.get_err(&t, "/me/drive/root/children", 429, "activityLimitReached")
            .await;
    }
    assert_eq!(env.get(&t, "/me/drive/root/children").await.status(), 200);
    env.control(
        reqwest::Method::POST,
        "faults",
        Some(json!({"fault": "unavailable"})),
    )
    .await;
    env.get_err(&t, "/me", 503, "serviceNotAvailable").await;
    env.control(reqwest::Method::DELETE, "faults", None).await;
    assert_eq!(env.get(&t, "/me").await.status(), 200);
}

#[tokio::test]
async fn empty_pages_before_every_page() {
    let env = start_with(Settings {
        faults: FaultSettings {
            empty_pages: true,
            ..Default::default()
        },
        ..Default::default()
    })
    .await;
    let t = env.token(ADELE).await;
    let mut url = "/me/drive/root:/Big%20folder%20(10,000%20items):/children?$top=1000".to_string();
    let (mut empty, mut items) = (0, 0);
    loop {
        let page = env.get_ok(&t, &url, ITEMS).await;
        let n = page["value"].as_array().unwrap().len();
        if n == 0 {
            empty += 1;
        }
        items += n;
        match page["@odata.nextLink"].as_str() {
            Some(next) => url = next.to_string(),
            None => break,
        }
    }
    assert_eq!((items, empty), (10_000, 10));
}

#[tokio::test]
async fn random_throttling_from_settings() {
    let env = start_with(Settings {
        faults: FaultSettings {
            throttle_rate: 1.0,
            throttle_status: 503,
            retry_after: 4,
            ..Default::default()
        },
        ..Default::default()
    })
    .await;
    let t = env.token(ADELE).await;
    let r = env.get(&t, "/me").await;
    assert_eq!(r.headers()["retry-after"], "4");
    graph_error(r, 503, "serviceNotAvailable").await;
}

#[tokio::test]
async fn reset_restores_the_seed() {
    let env = start().await;
    let t = env.token(ADELE).await;
    let r = env.put(&t, "/me/drive/root:/temp.txt:/content", "x").await;
    assert_eq!(r.status(), 201);
    assert_eq!(
        env.control(reqwest::Method::POST, "reset", None)
            .await
            .status(),
        204
    );
    let t = env.token(ADELE).await;
    env.get_err(&t, "/me/drive/root:/temp.txt", 404, "itemNotFound")
        .await;
}

async fn graph_requests(env: &Env) -> u64 {
    let r = env.control(reqwest::Method::GET, "stats", None).await;
    r.json::<Value>().await.unwrap()["graphRequests"]
        .as_u64()
        .unwrap()
}
