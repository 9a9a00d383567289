//! The nested app authentication host (`/naa/…`): the broker behind the bridge, as Teams or
//! Outlook answers a framed app, over HTTP as the host page calls it.

use super::*;
use reqwest::header::{CONTENT_TYPE, COOKIE, SET_COOKIE};

const APP: &str = "http://localhost:5173";

/// The host page signed in as `upn`: its cookie.
async fn host_as(env: &Env, upn: &str) -> String {
    let r = env
        .get_plain(&format!(
            "/naa/host?app={}&as={upn}",
            encode(&format!("{APP}/portal"))
        ))
        .await;
    assert_eq!(r.status(), 200);
    let mut jar = Jar(vec![]);
    jar.take(r.headers());
    assert!(!jar.0.is_empty(), "the host page signs the host in");
    jar.header()
}

fn encode(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

fn request(method: &str, params: Value) -> String {
    json!({
        "messageType": "NestedAppAuthRequest", "method": method, "requestId": "4f1c2a9e-0b1d-4c3e-8f2a-1b2c3d4e5f60",
        "sendTime": 1, "clientLibrary": "test", "clientLibraryVersion": "1", "tokenParams": params,
    })
    .to_string()
}

fn params(scope: &str) -> Value {
    json!({ "clientId": DEMO_CLIENT_ID, "scope": scope, "correlationId": "c" })
}

/// The host page's call to the broker, from its own origin.
async fn call(env: &Env, cookie: &str, body: Value) -> Value {
    let r = env
        .http
        .post(format!("{}/naa/token", env.base))
        .header(ORIGIN, &env.base)
        .header(CONTENT_TYPE, "application/json")
        .header(COOKIE, cookie)
        .body(body.to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    r.json().await.unwrap()
}

async fn ask(env: &Env, cookie: &str, envelope: String) -> Value {
    call(
        env,
        cookie,
        json!({ "envelope": envelope, "appOrigin": APP }),
    )
    .await
}

#[tokio::test]
async fn the_host_brokers_tokens_after_its_consent_prompt() {
    let env = start().await;
    let cookie = host_as(&env, ADELE).await;
    let init = ask(&env, &cookie, request("GetInitContext", Value::Null)).await["reply"].clone();
    assert_eq!(init["success"], true);
    assert_eq!(init["requestId"], "4f1c2a9e-0b1d-4c3e-8f2a-1b2c3d4e5f60");
    let context = &init["initContext"]["accountContext"];
    assert!(context["homeAccountId"]
        .as_str()
        .unwrap()
        .ends_with(context["tenantId"].as_str().unwrap()));

    let scope = "User.Read Files.Read.All";
    let silent = ask(&env, &cookie, request("GetToken", params(scope))).await["reply"].clone();
    assert_eq!(silent["success"], false);
    assert_eq!(silent["error"]["status"], "USER_INTERACTION_REQUIRED");
    assert!(silent["error"]["description"]
        .as_str()
        .unwrap()
        .starts_with("AADSTS65001"));

    let popup = request("GetTokenPopup", params(scope));
    let asked = ask(&env, &cookie, popup.clone()).await;
    assert_eq!(
        asked["ask"]["scopes"],
        json!(["User.Read", "Files.Read.All"])
    );
    let granted = call(
        &env,
        &cookie,
        json!({ "envelope": popup, "appOrigin": APP, "consented": true }),
    )
    .await["reply"]
        .clone();
    assert_eq!(granted["success"], true, "{granted}");
    assert_eq!(granted["account"]["username"], ADELE);
    assert_eq!(
        granted["account"]["homeAccountId"],
        context["homeAccountId"]
    );
    let expires = granted["token"]["expires_in"].as_i64().unwrap();
    assert!((3600..=5400).contains(&expires));
    let token = granted["token"]["access_token"].as_str().unwrap();
    let me: Value = env.get(token, "/me").await.json().await.unwrap();
    assert_eq!(me["userPrincipalName"], ADELE);
    let id = granted["token"]["id_token"].as_str().unwrap();
    assert_eq!(id.split('.').count(), 3, "a decodable JWT");

    // Consent is remembered: the silent call now succeeds.
    let again = ask(&env, &cookie, request("GetToken", params(scope))).await["reply"].clone();
    assert_eq!(again["success"], true);
}

#[tokio::test]
async fn the_host_refuses_what_entra_would() {
    let env = start().await;
    let cookie = host_as(&env, ADELE).await;
    let status = |v: &Value| {
        v["reply"]["error"]["status"]
            .as_str()
            .unwrap_or("")
            .to_string()
    };

    // No brk-multihub redirect URI for this origin.
    let v = call(&env, &cookie, json!({ "envelope": request("GetToken", params("User.Read")), "appOrigin": "https://portal.example" })).await;
    assert_eq!(status(&v), "PERSISTENT_ERROR");
    assert!(v["reply"]["error"]["description"]
        .as_str()
        .unwrap()
        .contains("brk-multihub://portal.example"));
    // An unknown client.
    let mut p = params("User.Read");
    p["clientId"] = json!("00000000-0000-0000-0000-000000000000");
    let v = ask(&env, &cookie, request("GetToken", p)).await;
    assert_eq!(v["reply"]["error"]["code"], "invalid_client");
    // A bad scope.
    let v = ask(&env, &cookie, request("GetToken", params("Nope.Nothing"))).await;
    assert_eq!(v["reply"]["error"]["code"], "invalid_scope");
    // Another account than the host's, by hint or by id.
    let mut p = params("User.Read");
    p["extraParameters"] = json!({ "login_hint": MEGAN });
    assert_eq!(
        status(&ask(&env, &cookie, request("GetToken", p)).await),
        "ACCOUNT_UNAVAILABLE"
    );
    let mut p = params("User.Read");
    p["platformBrokerId"] = json!("someone.else");
    assert_eq!(
        status(&ask(&env, &cookie, request("GetToken", p)).await),
        "ACCOUNT_UNAVAILABLE"
    );
    // The host's own account as the hint is fine (consent still missing).
    let mut p = params("User.Read");
    p["extraParameters"] = json!({ "login_hint": ADELE.to_lowercase() });
    assert_eq!(
        status(&ask(&env, &cookie, request("GetToken", p)).await),
        "USER_INTERACTION_REQUIRED"
    );
    // The user cancels the host's prompt.
    let v = call(&env, &cookie, json!({ "envelope": request("GetTokenPopup", params("User.Read")), "appOrigin": APP, "declined": true })).await;
    assert_eq!(status(&v), "USER_CANCEL");
    // Every simulated failure.
    for fault in emulator::identity::broker::STATUSES {
        let v = call(&env, &cookie, json!({ "envelope": request("GetToken", params("User.Read")), "appOrigin": APP, "fault": fault })).await;
        assert_eq!(status(&v), *fault);
    }
    // A host nobody signed in to.
    let v = ask(&env, "", request("GetInitContext", Value::Null)).await;
    assert_eq!(status(&v), "ACCOUNT_UNAVAILABLE");
}

#[tokio::test]
async fn hostile_input_is_ignored_or_refused() {
    let env = start().await;
    let cookie = host_as(&env, ADELE).await;
    for envelope in [
        "not json".to_string(),
        "[]".into(),
        json!({ "messageType": "Other", "requestId": "a", "method": "GetToken" }).to_string(),
        json!({ "messageType": "NestedAppAuthRequest", "requestId": "<script>", "method": "GetToken" }).to_string(),
        json!({ "messageType": "NestedAppAuthRequest", "method": "GetToken" }).to_string(),
    ] {
        assert_eq!(ask(&env, &cookie, envelope).await, json!({}));
    }
    let odd = json!({ "messageType": "NestedAppAuthRequest", "requestId": "r1", "method": "GetAccounts", "tokenParams": 7 });
    let v = ask(&env, &cookie, odd.to_string()).await;
    assert_eq!(v["reply"]["error"]["code"], "unsupported_method");
    let v = ask(
        &env,
        &cookie,
        request("GetToken", json!({ "clientId": 5, "scope": [1] })),
    )
    .await;
    assert_eq!(v["reply"]["error"]["status"], "PERSISTENT_ERROR");
}

#[tokio::test]
async fn only_the_hosts_own_page_may_call_its_broker() {
    let env = start().await;
    let cookie = host_as(&env, ADELE).await;
    let send = |origin: Option<&str>, kind: &str| {
        let mut b = env
            .http
            .post(format!("{}/naa/token", env.base))
            .header(CONTENT_TYPE, kind)
            .header(COOKIE, &cookie);
        if let Some(o) = origin {
            b = b.header(ORIGIN, o);
        }
        b.body(
            json!({ "envelope": request("GetInitContext", Value::Null), "appOrigin": APP })
                .to_string(),
        )
        .send()
    };
    assert_eq!(send(None, "application/json").await.unwrap().status(), 403);
    assert_eq!(
        send(Some(APP), "application/json").await.unwrap().status(),
        403
    );
    assert_eq!(
        send(Some(&env.base), "text/plain").await.unwrap().status(),
        403
    );
}

#[tokio::test]
async fn the_host_page_needs_an_app_to_frame_and_names_it_safely() {
    let env = start().await;
    assert_eq!(env.get_plain("/naa/host").await.status(), 400);
    assert_eq!(
        env.get_plain("/naa/host?app=javascript:alert(1)")
            .await
            .status(),
        400
    );
    assert_eq!(
        env.get_plain(&format!("/naa/host?app={}&as=nobody", encode(APP)))
            .await
            .status(),
        400
    );
    let page = env
        .get_plain(&format!(
            "/naa/host?app={}",
            encode("http://localhost:5173/?a=\"><script>")
        ))
        .await;
    assert!(
        page.headers().get(SET_COOKIE).is_none(),
        "no sign-in without `as`"
    );
    let html = page.text().await.unwrap();
    assert!(html.contains("Not signed in"));
    assert!(
        !html.contains("\"><script>"),
        "the app's address is escaped"
    );
}

#[tokio::test]
async fn the_bridge_script_talks_to_this_host_only() {
    let env = start().await;
    let r = env.get_plain("/naa/bridge.js").await;
    assert!(r.headers()[CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/javascript"));
    let js = r.text().await.unwrap();
    assert!(js.contains(&format!("const HOST = \"{}\"", env.base)));
    assert!(js.contains("__initializeNestedAppAuth") && js.contains("nestedAppAuthBridge"));
}

#[tokio::test]
async fn the_host_page_carries_its_account_sealed_for_engines_without_its_cookie() {
    let env = start().await;
    let page = env
        .get_plain(&format!("/naa/host?app={}&as={MEGAN}", encode(APP)))
        .await
        .text()
        .await
        .unwrap();
    let marker = "const HOST_SESSION = \"";
    let start = page.find(marker).expect("the sealed account") + marker.len();
    let sealed = &page[start..start + page[start..].find('"').unwrap()];
    let hello = |session: &str| json!({ "envelope": request("GetInitContext", Value::Null), "appOrigin": APP, "session": session });
    // No cookie: the sealed account alone signs the host in.
    let v = call(&env, "", hello(sealed)).await;
    assert_eq!(v["reply"]["success"], true, "{v}");
    // A forged or tampered one is nobody.
    let v = call(&env, "", hello(&format!("{sealed}x"))).await;
    assert_eq!(v["reply"]["error"]["status"], "ACCOUNT_UNAVAILABLE");
    let v = call(&env, "", hello("MeganB@contoso.onmicrosoft.com")).await;
    assert_eq!(v["reply"]["error"]["status"], "ACCOUNT_UNAVAILABLE");
}
