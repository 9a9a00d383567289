//! Scopes, authentication failures, CORS, downloads and Office for the web.

use super::*;

#[tokio::test]
async fn scopes_are_enforced() {
    let env = start().await;
    let read_only = env
        .login(ADELE, "openid offline_access User.Read Files.Read")
        .await;
    let t = read_only["access_token"].as_str().unwrap();
    env.get_ok(t, "/me/drive/root/children", ITEMS).await;
    let put = env
        .http
        .put(env.graph("/me/drive/root:/nope.txt:/content"))
        .bearer_auth(t)
        .body("x")
        .send()
        .await
        .unwrap();
    graph_error(put, 403, "accessDenied").await;
    env.get_err(t, "/me/followedSites", 403, "accessDenied")
        .await;
    env.get_err(t, "/me/joinedTeams", 403, "Forbidden").await;
    let sites = env
        .get_ok(
            &env.token(ADELE).await,
            "/sites?search=finance",
            "microsoft.graph.siteCollectionResponse",
        )
        .await;
    env.get_err(
        t,
        &format!(
            "/sites/{}/drive/root/children",
            sites["value"][0]["id"].as_str().unwrap()
        ),
        403,
        "accessDenied",
    )
    .await;
    let profile_only = env.login(MEGAN, "openid User.Read").await;
    env.get_err(
        profile_only["access_token"].as_str().unwrap(),
        "/me/drive",
        403,
        "accessDenied",
    )
    .await;
}

#[tokio::test]
async fn authentication_failures() {
    let env = start().await;
    let r = env.http.get(env.graph("/me")).send().await.unwrap();
    let www = r.headers()["www-authenticate"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        www.starts_with("Bearer realm=\"\", authorization_uri="),
        "{www}"
    );
    let e = graph_error(r, 401, "InvalidAuthenticationToken").await;
    assert_eq!(e["error"]["message"], "Access token is empty.");
    let e = env
        .get_err("not-a-token", "/me", 401, "InvalidAuthenticationToken")
        .await;
    assert!(e["error"]["message"]
        .as_str()
        .unwrap()
        .starts_with("CompactToken parsing failed"));
    let short = start_with(emulator::config::Settings {
        access_token_lifetime: Some(60),
        ..Default::default()
    })
    .await;
    let t = short.token(ADELE).await;
    short.running.state.clock.advance(61).unwrap();
    let e = short
        .get_err(&t, "/me", 401, "InvalidAuthenticationToken")
        .await;
    assert_eq!(
        e["error"]["message"],
        "Access token has expired or is not yet valid."
    );
}

#[tokio::test]
async fn cors_and_common_headers() {
    let env = start().await;
    let t = env.token(ADELE).await;
    let r = env
        .http
        .get(env.graph("/me"))
        .bearer_auth(&t)
        .header(ORIGIN, APP_ORIGIN)
        .header("client-request-id", "abc-123")
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()[ACCESS_CONTROL_ALLOW_ORIGIN], "*");
    let expose = r.headers()["access-control-expose-headers"]
        .to_str()
        .unwrap();
    for h in [
        "request-id",
        "client-request-id",
        "WWW-Authenticate",
        "Retry-After",
        "ETag",
        "Location",
    ] {
        assert!(expose.contains(h), "{h} exposed");
    }
    assert_eq!(r.headers()["client-request-id"], "abc-123");
    assert!(r.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("application/json;odata.metadata=minimal"));
    let pre = env
        .http
        .request(
            reqwest::Method::OPTIONS,
            env.graph("/me/drive/root/children"),
        )
        .header(ORIGIN, APP_ORIGIN)
        .header("access-control-request-method", "GET")
        .header(
            "access-control-request-headers",
            "authorization,client-request-id,x-not-allowed",
        )
        .send()
        .await
        .unwrap();
    assert_eq!(pre.status(), 200);
    let allowed = pre.headers()["access-control-allow-headers"]
        .to_str()
        .unwrap()
        .to_lowercase();
    assert!(
        allowed.contains("authorization")
            && allowed.contains("client-request-id")
            && !allowed.contains("x-not-allowed")
    );
    let hidden = start_with(emulator::config::Settings {
        faults: emulator::config::FaultSettings {
            hide_retry_after: true,
            ..Default::default()
        },
        ..Default::default()
    })
    .await;
    let r = hidden
        .http
        .get(hidden.graph("/me"))
        .header(ORIGIN, APP_ORIGIN)
        .send()
        .await
        .unwrap();
    assert!(!r.headers()["access-control-expose-headers"]
        .to_str()
        .unwrap()
        .contains("Retry-After"));
}

#[tokio::test]
async fn download_redirects_to_a_preauthenticated_url_with_ranges() {
    let env = start().await;
    let t = env.token(ADELE).await;
    let item = env.get_ok(&t, "/me/drive/root:/Notes.txt", ITEM).await;
    let r = env.get(&t, "/me/drive/root:/Notes.txt:/content").await;
    assert_eq!(r.status(), 302);
    let loc = r.headers()[LOCATION].to_str().unwrap().to_string();
    assert!(loc.contains("/_layouts/15/download.aspx?UniqueId="));
    let body = env
        .http
        .get(&loc)
        .header(ORIGIN, APP_ORIGIN)
        .send()
        .await
        .unwrap();
    assert_eq!(body.headers()[ACCESS_CONTROL_ALLOW_ORIGIN], "*");
    let bytes = body.bytes().await.unwrap();
    assert_eq!(bytes.len() as u64, item["size"].as_u64().unwrap());
    let part = env
        .http
        .get(&loc)
        .header("range", "bytes=0-9")
        .send()
        .await
        .unwrap();
    assert_eq!(part.status(), 206);
    assert_eq!(
        part.headers()["content-range"],
        format!("bytes 0-9/{}", bytes.len())
    );
    assert_eq!(part.bytes().await.unwrap(), bytes.slice(0..10));
    let etag = item["eTag"].as_str().unwrap();
    let r = env
        .http
        .get(env.graph("/me/drive/root:/Notes.txt"))
        .bearer_auth(&t)
        .header("if-none-match", etag)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 304);
    // The content too: a download whose tag still matches is 304, not the redirect.
    let ctag = item["cTag"].as_str().unwrap();
    for tag in [etag, ctag] {
        let r = env
            .http
            .get(env.graph("/me/drive/root:/Notes.txt:/content"))
            .bearer_auth(&t)
            .header("if-none-match", tag)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 304, "{tag}");
    }
    let tampered = loc.replace("tempauth=", "tempauth=x");
    assert_eq!(env.http.get(tampered).send().await.unwrap().status(), 401);
}

#[tokio::test]
async fn office_files_open_in_the_office_page() {
    let env = start().await;
    let t = env.token(ADELE).await;
    let doc = env.get_ok(&t, "/me/drive/root:/Welcome.docx", ITEM).await;
    let url = doc["webUrl"].as_str().unwrap();
    let html = env.text(url).await;
    assert!(
        html.contains("id=\"doc-name\">Welcome.docx<")
            && html.contains("data-mode=\"edit\"")
            && html.contains("data-app=\"Word\"")
    );
    let view = env.text(url.replace("action=default", "action=view")).await;
    assert!(view.contains("data-mode=\"view\""));
    let xss = env.get_ok(&t, "/me/drive/root:/Unicode%20&%20%3Codd%3E%20names/%3Cscript%3Ealert('pwned')%3Cscript%3E.docx", ITEM).await;
    let page = env.text(xss["webUrl"].as_str().unwrap()).await;
    assert!(page.contains("&lt;script&gt;") && !page.contains("<script>alert"));
    let p = env.token(PAT).await;
    let recipe = env
        .get_ok(&p, "/me/drive/root:/Documents/Recipes.docx", ITEM)
        .await;
    let html = env.text(recipe["webUrl"].as_str().unwrap()).await;
    assert!(html.contains("Recipes.docx") && html.contains("data-mode=\"edit\""));
}
