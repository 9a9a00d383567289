//! Sessions: logout, incremental consent, opener isolation, the session cookie, and error traces.

use super::*;

#[tokio::test]
async fn logout_ends_the_session() {
    let env = start().await;
    let p = pkce();
    let mut jar = Jar::default();
    env.sign_in("common", &authorize_params(ALL_SCOPES, &p), ADELE, &mut jar)
        .await;
    let r = env
        .http
        .get(format!(
            "{}/common/oauth2/v2.0/logout?post_logout_redirect_uri={}",
            env.base,
            emulator::util::encode_query("http://localhost:8080/")
        ))
        .header("cookie", jar.header())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 302);
    assert_eq!(r.headers()["location"], "http://localhost:8080/");
    jar.take(r.headers());
    let mut silent = authorize_params(ALL_SCOPES, &p);
    set(&mut silent, "prompt", "none");
    let Step::Redirect(loc) = env.authorize("common", &silent, &mut jar).await else {
        panic!()
    };
    assert_eq!(redirect_params(&loc)["error"], "login_required");
}

#[tokio::test]
async fn incremental_consent_asks_only_for_new_scopes() {
    let env = start().await;
    let mut jar = Jar::default();
    env.sign_in(
        "common",
        &authorize_params(
            "openid profile offline_access User.Read Files.Read",
            &pkce(),
        ),
        ADELE,
        &mut jar,
    )
    .await;
    let Step::Page(_, html) = env
        .authorize(
            "common",
            &authorize_params("openid User.Read Files.Read Sites.Read.All", &pkce()),
            &mut jar,
        )
        .await
    else {
        panic!("consent for the new scope")
    };
    assert!(
        html.contains("data-scope=\"Sites.Read.All\"")
            && !html.contains("data-scope=\"User.Read\""),
        "{html}"
    );
}

#[tokio::test]
async fn sign_in_pages_isolate_their_opener() {
    // As Entra's: a popup that reaches the sign-in page loses its opener (COOP), so clients must
    // bring the answer home through a same-origin channel, not `window.opener`.
    let env = start().await;
    let p = pkce();
    let url = url_with(
        &format!("{}/common/oauth2/v2.0/authorize", env.base),
        &authorize_params(ALL_SCOPES, &p),
    );
    let r = env.http.get(url).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["cross-origin-opener-policy"], "same-origin");
    let r = env
        .http
        .get(format!("{}/common/oauth2/v2.0/logout", env.base))
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["cross-origin-opener-policy"], "same-origin");
    // Discovery and Graph are not pages: no opener policy there.
    let r = env
        .http
        .get(format!(
            "{}/common/v2.0/.well-known/openid-configuration",
            env.base
        ))
        .send()
        .await
        .unwrap();
    assert!(r.headers().get("cross-origin-opener-policy").is_none());
}

/// Redeems the code in `location` (from `sign_in`/`authorize`) and returns the id_token's claims.
async fn id_claims(env: &Env, location: &str, verifier: &str) -> Value {
    let params = redirect_params(location);
    let code = params
        .get("code")
        .unwrap_or_else(|| panic!("no code: {params:?}"));
    let r = env.redeem("common", code, verifier, Some(APP_ORIGIN)).await;
    assert_eq!(r.status(), 200);
    let body: Value = r.json().await.unwrap();
    jwt_claims(body["id_token"].as_str().unwrap())
}

#[tokio::test]
async fn the_session_cookie_crosses_sites_and_sid_or_login_hint_names_the_account() {
    let env = start().await;
    let mut jar = Jar::default();
    // The session cookie is Entra's: it reaches a hidden iframe on another site.
    let Step::Page(_, html) = env
        .authorize("common", &authorize_params(ALL_SCOPES, &pkce()), &mut jar)
        .await
    else {
        panic!("expected the sign-in page")
    };
    let r = env
        .http
        .post(format!("{}/common/oauth2/v2.0/authorize", env.base))
        .form(&[
            ("ctx", hidden(&html, "ctx").as_str()),
            ("action", "signin"),
            ("account", account_button(&html, ADELE).unwrap().as_str()),
        ])
        .send()
        .await
        .unwrap();
    let cookie = r.headers()[reqwest::header::SET_COOKIE].to_str().unwrap();
    assert!(
        cookie.ends_with("; Path=/; Secure; HttpOnly; SameSite=None"),
        "{cookie}"
    );
    // Two accounts signed in: Adele, then Megan.
    let adele_pkce = pkce();
    let loc = env
        .sign_in(
            "common",
            &authorize_params(ALL_SCOPES, &adele_pkce),
            ADELE,
            &mut jar,
        )
        .await;
    let adele = id_claims(&env, &loc, &adele_pkce.verifier).await;
    let megan_pkce = pkce();
    let mut again = authorize_params(ALL_SCOPES, &megan_pkce);
    set(&mut again, "prompt", "select_account");
    let loc = env.sign_in("common", &again, MEGAN, &mut jar).await;
    let megan = id_claims(&env, &loc, &megan_pkce.verifier).await;
    assert_ne!(adele["sid"], megan["sid"]);
    // A silent renewal without a name for the session cannot choose.
    let silent = |extra: &[(&str, &str)]| {
        let p = pkce();
        let mut params = authorize_params(ALL_SCOPES, &p);
        set(&mut params, "prompt", "none");
        for (k, v) in extra {
            set(&mut params, k, v);
        }
        (params, p.verifier)
    };
    let (params, _) = silent(&[]);
    let Step::Redirect(loc) = env.authorize("common", &params, &mut jar).await else {
        panic!("expected a redirect")
    };
    let error = redirect_params(&loc);
    assert_eq!(error["error"], "interaction_required");
    assert!(error["error_description"].starts_with("AADSTS16000"));
    // `sid` names it (as MSAL renews a known account), and so does `login_hint`.
    for (key, value, who) in [
        ("sid", megan["sid"].as_str().unwrap(), &megan),
        ("sid", adele["sid"].as_str().unwrap(), &adele),
        ("login_hint", MEGAN, &megan),
    ] {
        let (params, verifier) = silent(&[(key, value)]);
        let Step::Redirect(loc) = env.authorize("common", &params, &mut jar).await else {
            panic!("expected a redirect")
        };
        let claims = id_claims(&env, &loc, &verifier).await;
        assert_eq!(claims["oid"], who["oid"], "{key}={value}");
    }
    // A session that is not signed in here: the user must sign in.
    let (params, _) = silent(&[("sid", "00000000-0000-0000-0000-000000000000")]);
    let Step::Redirect(loc) = env.authorize("common", &params, &mut jar).await else {
        panic!("expected a redirect")
    };
    assert_eq!(redirect_params(&loc)["error"], "login_required");
}

#[tokio::test]
async fn after_incremental_consent_a_token_keeps_the_earlier_permissions() {
    let env = start().await;
    let mut jar = Jar::default();
    let first = pkce();
    let loc = env
        .sign_in(
            "common",
            &authorize_params(
                "openid profile offline_access User.Read Files.Read.All",
                &first,
            ),
            ADELE,
            &mut jar,
        )
        .await;
    let code = &redirect_params(&loc)["code"];
    let tokens: Value = env
        .redeem("common", code, &first.verifier, Some(APP_ORIGIN))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(tokens["scope"], "User.Read Files.Read.All openid profile");
    // Consent to one more permission: the new token carries all three.
    let more = pkce();
    let loc = env
        .sign_in(
            "common",
            &authorize_params("openid offline_access Sites.Read.All", &more),
            ADELE,
            &mut jar,
        )
        .await;
    let code = &redirect_params(&loc)["code"];
    let r = env
        .redeem("common", code, &more.verifier, Some(APP_ORIGIN))
        .await;
    let tokens = json_checked(r, "identity:tokenResponse").await;
    assert_eq!(
        tokens["scope"],
        "Sites.Read.All Files.Read.All User.Read openid"
    );
    let claims = jwt_claims(tokens["access_token"].as_str().unwrap());
    assert_eq!(claims["scp"], "Sites.Read.All Files.Read.All User.Read");
    // And so does a refresh that names only one of them.
    let r = env
        .refresh(tokens["refresh_token"].as_str().unwrap(), Some("User.Read"))
        .await;
    let refreshed = json_checked(r, "identity:tokenResponse").await;
    assert_eq!(
        refreshed["scope"],
        "User.Read Files.Read.All Sites.Read.All"
    );
}

#[tokio::test]
async fn token_errors_name_one_trace_and_the_callers_correlation_id() {
    let env = start().await;
    let send = |correlation: Option<&'static str>| {
        let mut req = env
            .http
            .post(format!("{}/common/oauth2/v2.0/token", env.base))
            .header(ORIGIN, APP_ORIGIN)
            .form(&[
                ("client_id", DEMO_CLIENT_ID),
                ("grant_type", "refresh_token"),
                ("refresh_token", "not-a-refresh-token"),
            ]);
        if let Some(c) = correlation {
            req = req.header("client-request-id", c);
        }
        req.send()
    };
    let mine = "6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f";
    let body = token_error(
        send(Some(mine)).await.unwrap(),
        400,
        "invalid_grant",
        9002313,
    )
    .await;
    assert_eq!(
        body["correlation_id"], mine,
        "the caller's client-request-id"
    );
    for body in [
        body,
        token_error(send(None).await.unwrap(), 400, "invalid_grant", 9002313).await,
    ] {
        let text = body["error_description"].as_str().unwrap();
        let named = format!(
            "Trace ID: {} Correlation ID: {} Timestamp: {}",
            body["trace_id"].as_str().unwrap(),
            body["correlation_id"].as_str().unwrap(),
            body["timestamp"].as_str().unwrap()
        );
        assert!(text.ends_with(&named), "{text} / {named}");
        assert_ne!(body["trace_id"], body["correlation_id"]);
    }
    // MSAL.js sends it in the query of /token (with `client_info` and its SKU), not as a header.
    let theirs = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
    let r = env
        .http
        .post(format!(
            "{}/common/oauth2/v2.0/token?x-client-SKU=msal.js.browser&client-request-id={theirs}&x-client-VER=5.30.0",
            env.base
        ))
        .header(ORIGIN, APP_ORIGIN)
        .form(&[
            ("client_id", DEMO_CLIENT_ID),
            ("grant_type", "refresh_token"),
            ("refresh_token", "not-a-refresh-token"),
        ])
        .send()
        .await
        .unwrap();
    let body = token_error(r, 400, "invalid_grant", 9002313).await;
    assert_eq!(body["correlation_id"], theirs, "from the query");
    let text = body["error_description"].as_str().unwrap();
    assert!(
        text.contains(&format!("Correlation ID: {theirs} ")),
        "{text}"
    );
}
