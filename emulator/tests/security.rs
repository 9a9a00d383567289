//! The emulator attacked as a hostile web page (or a hostile request) would: each test fails when
//! the protection it names is removed.

mod common;

use std::time::Duration;

use common::*;
use emulator::config::Settings;
use reqwest::header::{CONTENT_TYPE, HOST, ORIGIN};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

fn temp_dir(tag: &str) -> std::path::PathBuf {
    std::env::temp_dir().join(format!("emu-{tag}-{}", emulator::util::random_token(6)))
}

/// Every file below `dir`, relative, sorted.
fn files_below(dir: &std::path::Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p.strip_prefix(dir).unwrap().display().to_string());
            }
        }
    }
    out.sort();
    out
}

async fn create_session(env: &Env, token: &str, path: &str, item: Value) -> reqwest::Response {
    env.post_json(token, path, json!({ "item": item })).await
}

/// PUTs `hello` as the first fragment of a file of `total` bytes to the session `created` made.
async fn put_hello(env: &Env, created: reqwest::Response, total: u64) -> reqwest::Response {
    let url = created.json::<Value>().await.unwrap()["uploadUrl"]
        .as_str()
        .unwrap()
        .to_string();
    env.http
        .put(&url)
        .header("content-range", format!("bytes 0-4/{total}"))
        .body("hello")
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn upload_session_names_cannot_leave_the_persist_directory() {
    let root = temp_dir("persist-root");
    let persist = root.join("data");
    let env = start_with(Settings {
        persist_dir: Some(persist.clone()),
        ..Settings::default()
    })
    .await;
    let t = env.token(ADELE).await;
    let escape = root.join("escaped.txt");
    for name in [
        "../../escaped.txt",
        "../escaped.txt",
        escape.to_str().unwrap(),
        "a/b.txt",
        "..",
        "x\\..\\y.txt",
        "nul\u{0}.txt",
    ] {
        let r = create_session(
            &env,
            &t,
            "/me/drive/root:/upload.txt:/createUploadSession",
            json!({ "name": name }),
        )
        .await;
        graph_error(r, 400, "invalidRequest").await;
    }
    let r = create_session(
        &env,
        &t,
        "/me/drive/root:/upload.txt:/createUploadSession",
        json!({ "name": 42 }),
    )
    .await;
    assert_eq!(r.status(), 400);
    // A valid name goes to the persist directory and nowhere else.
    let r = create_session(
        &env,
        &t,
        "/me/drive/root:/upload.txt:/createUploadSession",
        json!({ "name": "renamed.txt" }),
    )
    .await;
    assert_eq!(r.status(), 200);
    let r = put_hello(&env, r, 5).await;
    assert_eq!(r.status(), 201);
    assert!(!escape.exists());
    let files = files_below(&root);
    assert_eq!(files.len(), 2, "{files:?}");
    assert!(
        files.iter().any(|f| f.ends_with("/renamed.txt")),
        "{files:?}"
    );
    assert!(files.iter().all(|f| f.starts_with("data/")), "{files:?}");
    std::fs::remove_dir_all(&root).unwrap();
}

#[tokio::test]
async fn the_persist_directory_never_follows_a_symbolic_link() {
    let root = temp_dir("persist-link");
    let persist = root.join("data");
    let outside = root.join("outside");
    std::fs::create_dir_all(&outside).unwrap();
    let env = start_with(Settings {
        persist_dir: Some(persist.clone()),
        ..Settings::default()
    })
    .await;
    let t = env.token(ADELE).await;
    let r = env
        .post_json(
            &t,
            "/me/drive/root/children",
            json!({"name": "Linked", "folder": {}}),
        )
        .await;
    assert_eq!(r.status(), 201);
    assert_eq!(
        env.put(&t, "/me/drive/root:/Linked/a.txt:/content", "one")
            .await
            .status(),
        201
    );
    // Someone replaces the folder on disk with a link to elsewhere.
    let drive_dir = std::fs::read_dir(&persist)
        .unwrap()
        .flatten()
        .find(|e| e.path().is_dir())
        .unwrap()
        .path();
    std::fs::remove_dir_all(drive_dir.join("Linked")).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(&outside, drive_dir.join("Linked")).unwrap();
    assert_eq!(
        env.put(&t, "/me/drive/root:/Linked/b.txt:/content", "two")
            .await
            .status(),
        201
    );
    assert!(files_below(&outside).is_empty());
    std::fs::remove_dir_all(&root).unwrap();
}

#[tokio::test]
async fn tokens_not_issued_by_this_run_are_refused() {
    let env = start().await;
    let other = start().await;
    let t = env.token(ADELE).await;
    assert_eq!(env.get(&t, "/me").await.status(), 200);
    // Another run's token (another key), and its published key, are not this run's.
    let foreign = other.token(ADELE).await;
    env.get_err(&foreign, "/me", 401, "InvalidAuthenticationToken")
        .await;
    let keys = |e: &Env| {
        let url = format!("{}/common/discovery/v2.0/keys", e.base);
        let http = e.http.clone();
        async move {
            http.get(url)
                .send()
                .await
                .unwrap()
                .json::<Value>()
                .await
                .unwrap()
        }
    };
    assert_ne!(
        keys(&env).await["keys"][0]["n"],
        keys(&other).await["keys"][0]["n"]
    );
    // A token signed with this run's key that it never issued (forged claims) is refused too.
    let mut claims = jwt_claims(&t);
    claims["scp"] = json!("Files.ReadWrite.All Sites.ReadWrite.All");
    claims["uti"] = json!("never-issued");
    let forged = env.running.state.keys.sign_jwt(&claims);
    env.get_err(&forged, "/me", 401, "InvalidAuthenticationToken")
        .await;
}

#[tokio::test]
async fn a_sign_in_page_context_cannot_be_replayed_as_a_sharing_link() {
    let env = start().await;
    let t = env.token(ADELE).await;
    let drive = env.get_ok(&t, "/me/drive", "microsoft.graph.drive").await;
    let kids = env
        .get_ok(
            &t,
            "/me/drive/root/children",
            "microsoft.graph.driveItemCollectionResponse",
        )
        .await;
    let (drive_id, item_id) = (
        drive["id"].as_str().unwrap(),
        kids["value"][0]["id"].as_str().unwrap(),
    );
    // The page seals the raw query, which the caller writes: make it look like a share token.
    let p = pkce();
    let query = format!(
        "{drive_id}|{item_id}&{}",
        url_with("", &authorize_params("openid User.Read", &p)).trim_start_matches('?')
    );
    let page = env
        .text(format!("{}/common/oauth2/v2.0/authorize?{query}", env.base))
        .await;
    let ctx = hidden(&page, "ctx");
    for path in [format!("/_share/{ctx}"), format!("/_preview/{ctx}")] {
        let r = env.get_plain(&path).await;
        assert!(r.status().is_client_error(), "{path}: {}", r.status());
    }
    // Downloads and thumbnails live on the file host.
    let files = env.running.state.files_base.clone();
    for path in [format!("/_thumbnails/{ctx}"), format!("/_files/y4m{ctx}")] {
        let r = env.http.get(format!("{files}{path}")).send().await.unwrap();
        assert!(r.status().is_client_error(), "{path}: {}", r.status());
    }
}

#[tokio::test]
async fn huge_fault_values_and_clock_moves_do_not_break_the_emulator() {
    let env = start_with(Settings {
        faults: emulator::config::FaultSettings {
            latency_ms: 1,
            ..Default::default()
        },
        ..Settings::default()
    })
    .await;
    let t = env.token(ADELE).await;
    let r = env
        .control(
            Method::POST,
            "faults",
            Some(json!({"fault": "latency", "path_contains": "/me", "times": 1, "latency_ms": u64::MAX})),
        )
        .await;
    assert_eq!(r.status(), 204);
    // Start the overflowing request; it is held (clamped) and the client gives up on it.
    let held = env
        .http
        .get(env.graph("/me"))
        .bearer_auth(&t)
        .header("x-emulator-fault", "latency; ms=18446744073709551615")
        .timeout(Duration::from_millis(300))
        .send()
        .await;
    assert!(held.is_err(), "the request is delayed, not answered");
    assert_eq!(env.get(&t, "/me").await.status(), 200);
    let r = env
        .control(
            Method::POST,
            "clock",
            Some(json!({"seconds": 100_000_000_000_000_i64})),
        )
        .await;
    assert_eq!(r.status(), 400);
    let r = env
        .control(Method::POST, "clock", Some(json!({"seconds": i64::MAX})))
        .await;
    assert_eq!(r.status(), 400);
    assert_eq!(env.get(&t, "/me").await.status(), 200);
    let r = env
        .http
        .get(env.graph("/me"))
        .bearer_auth(&t)
        .header(
            "x-emulator-fault",
            "throttle; retry-after=18446744073709551615",
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 429);
    assert_eq!(r.headers()["retry-after"], "3600");
}

#[tokio::test]
async fn pages_escape_everything_they_echo() {
    let env = start().await;
    let payload = "<script>alert(1)</script>\"'><img src=x onerror=alert(2)>";
    let q = emulator::util::encode_query(payload);
    for path in [
        format!("/_onedrive/edit.aspx?app={q}&action={q}&cid={q}&resid={q}"),
        format!("/_onedrive/?cid={q}&id={q}"),
        format!("/sites/{q}/Shared%20Documents/_layouts/15/Doc.aspx?file={q}&action={q}"),
        format!("/sites/{q}/Shared%20Documents"),
        format!("/personal/{q}"),
    ] {
        let r = env.get_plain(&path).await;
        let body = r.text().await.unwrap();
        assert!(!body.contains("<script>"), "{path}: {body}");
        assert!(!body.contains("<img"), "{path}: {body}");
    }
}

#[tokio::test]
async fn the_control_api_refuses_what_a_foreign_page_can_send() {
    let env = start().await;
    let url = format!("{}/_emulator/reset", env.base);
    // A cross-origin "simple" request (no preflight): text/plain or no content type.
    let r = env
        .http
        .post(&url)
        .header(CONTENT_TYPE, "text/plain")
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let r = env.http.post(&url).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    // A page on another origin, even with the right content type.
    let r = env
        .http
        .post(&url)
        .header(CONTENT_TYPE, "application/json")
        .header(ORIGIN, "https://evil.example")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    // DNS rebinding: the emulator addressed by a foreign name, on any endpoint.
    for path in [
        "/_emulator/faults",
        "/v1.0/me",
        "/common/v2.0/.well-known/openid-configuration",
    ] {
        let r = env
            .http
            .get(format!("{}{path}", env.base))
            .header(HOST, "rebind.evil.example:8787")
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::MISDIRECTED_REQUEST, "{path}");
    }
    // The test harness's own calls still work.
    let r = env
        .http
        .post(&url)
        .header(CONTENT_TYPE, "application/json")
        .header(ORIGIN, "http://127.0.0.1:8080")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
}

#[tokio::test]
async fn upload_sessions_are_bounded() {
    let env = start().await;
    let t = env.token(ADELE).await;
    let path = "/me/drive/root:/big.bin:/createUploadSession";
    // Declared larger than the emulator can hold: refused before any byte.
    let r = create_session(&env, &t, path, json!({ "fileSize": 2_u64 << 30 })).await;
    graph_error(r, 507, "quotaLimitReached").await;
    let r = create_session(&env, &t, path, json!({})).await;
    let r = put_hello(&env, r, 3 << 30).await;
    graph_error(r, 507, "quotaLimitReached").await;
    // At most MAX_SESSIONS open at once.
    let open = env.running.state.uploads.lock().len();
    for _ in open..emulator::graph::upload::MAX_SESSIONS {
        assert_eq!(
            create_session(&env, &t, path, json!({})).await.status(),
            200
        );
    }
    let r = create_session(&env, &t, path, json!({})).await;
    assert!(r.headers().contains_key("retry-after"));
    graph_error(r, 429, "activityLimitReached").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_code_is_redeemed_once_even_by_concurrent_requests() {
    let env = start().await;
    for _ in 0..5 {
        let p = pkce();
        let mut jar = Jar::default();
        let loc = env
            .sign_in("common", &authorize_params(ALL_SCOPES, &p), ADELE, &mut jar)
            .await;
        let code = redirect_params(&loc)["code"].clone();
        let attempts = (0..8).map(|_| env.redeem("common", &code, &p.verifier, Some(APP_ORIGIN)));
        let statuses: Vec<u16> = futures_util::future::join_all(attempts)
            .await
            .iter()
            .map(|r| r.status().as_u16())
            .collect();
        assert_eq!(
            statuses.iter().filter(|s| **s == 200).count(),
            1,
            "{statuses:?}"
        );
    }
}
