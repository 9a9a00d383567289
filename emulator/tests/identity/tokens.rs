//! The token endpoint: PKCE, CORS, single-use codes, refresh rotation and expiry.

use super::*;

#[tokio::test]
async fn token_endpoint_enforces_pkce_cors_and_single_use() {
    let env = start().await;
    let p = pkce();
    let mut jar = Jar::default();
    let code = |loc: String| redirect_params(&loc)["code"].clone();
    let params = authorize_params(ALL_SCOPES, &p);
    let c = code(env.sign_in("common", &params, ADELE, &mut jar).await);
    // SPA codes need an Origin.
    token_error(
        env.redeem("common", &c, &p.verifier, None).await,
        400,
        "invalid_request",
        9002327,
    )
    .await;
    // Wrong verifier.
    token_error(
        env.redeem("common", &c, &pkce().verifier, Some(APP_ORIGIN))
            .await,
        400,
        "invalid_grant",
        501481,
    )
    .await;
    // Right verifier works once, then the code is spent.
    assert_eq!(
        env.redeem("common", &c, &p.verifier, Some(APP_ORIGIN))
            .await
            .status(),
        200
    );
    token_error(
        env.redeem("common", &c, &p.verifier, Some(APP_ORIGIN))
            .await,
        400,
        "invalid_grant",
        54005,
    )
    .await;
    // Codes expire after ten minutes.
    let c2 = code(env.sign_in("common", &params, ADELE, &mut jar).await);
    env.running.state.clock.advance(11 * 60).unwrap();
    token_error(
        env.redeem("common", &c2, &p.verifier, Some(APP_ORIGIN))
            .await,
        400,
        "invalid_grant",
        70008,
    )
    .await;
    // Unknown codes, grant types and secrets from a browser.
    token_error(
        env.redeem("common", "garbage", &p.verifier, Some(APP_ORIGIN))
            .await,
        400,
        "invalid_grant",
        9002313,
    )
    .await;
    let r = env
        .http
        .post(format!("{}/common/oauth2/v2.0/token", env.base))
        .header(ORIGIN, APP_ORIGIN)
        .form(&[("client_id", DEMO_CLIENT_ID), ("grant_type", "password")])
        .send()
        .await
        .unwrap();
    token_error(r, 400, "unsupported_grant_type", 70003).await;
    let r = env
        .http
        .post(format!("{}/common/oauth2/v2.0/token", env.base))
        .header(ORIGIN, APP_ORIGIN)
        .form(&[
            ("client_id", DEMO_CLIENT_ID),
            ("grant_type", "authorization_code"),
            ("code", "x"),
            ("client_secret", "s"),
        ])
        .send()
        .await
        .unwrap();
    token_error(r, 401, "invalid_client", 700025).await;
    // Preflight is answered too.
    let r = env
        .http
        .request(
            reqwest::Method::OPTIONS,
            format!("{}/common/oauth2/v2.0/token", env.base),
        )
        .header(ORIGIN, APP_ORIGIN)
        .header("access-control-request-method", "POST")
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()[ACCESS_CONTROL_ALLOW_ORIGIN], "*");
}

#[tokio::test]
async fn web_app_codes_cannot_be_redeemed_cross_origin() {
    let env = start().await;
    let p = pkce();
    let mut params = authorize_params("openid User.Read", &p);
    set(&mut params, "client_id", WEB_CLIENT_ID);
    set(
        &mut params,
        "redirect_uri",
        "http://127.0.0.1:8080/signin-oidc",
    );
    let mut jar = Jar::default();
    let loc = env.sign_in("organizations", &params, ADELE, &mut jar).await;
    let code = redirect_params(&loc)["code"].clone();
    let r = env
        .http
        .post(format!("{}/organizations/oauth2/v2.0/token", env.base))
        .header(ORIGIN, APP_ORIGIN)
        .form(&[
            ("client_id", WEB_CLIENT_ID),
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("redirect_uri", "http://127.0.0.1:8080/signin-oidc"),
            ("code_verifier", &p.verifier),
        ])
        .send()
        .await
        .unwrap();
    token_error(r, 400, "invalid_request", 9002326).await;
}

#[tokio::test]
async fn refresh_tokens_rotate_and_spa_chains_end_after_24_hours() {
    let env = start().await;
    let tokens = env.login(ADELE, ALL_SCOPES).await;
    let rt1 = tokens["refresh_token"].as_str().unwrap();
    let r = env
        .refresh(
            rt1,
            Some("https://graph.microsoft.com/User.Read offline_access"),
        )
        .await;
    assert_eq!(r.status(), 200);
    let t2 = json_checked(r, "identity:tokenResponse").await;
    let rt2 = t2["refresh_token"].as_str().unwrap();
    assert_ne!(rt1, rt2, "a new refresh token each time");
    // As Entra's: every permission consented to for Graph, the requested one first.
    assert_eq!(
        t2["scope"],
        "User.Read Channel.ReadBasic.All Files.ReadWrite.All Sites.Read.All Team.ReadBasic.All"
    );
    // Old refresh tokens are not revoked on use.
    assert_eq!(env.refresh(rt1, None).await.status(), 200);
    // A scope the user never consented to needs the interactive flow.
    let e = token_error(
        env.refresh(rt2, Some("Sites.ReadWrite.All")).await,
        400,
        "invalid_grant",
        65001,
    )
    .await;
    assert_eq!(e["suberror"], "consent_required");
    // 25 hours later the whole chain is dead.
    env.running.state.clock.advance(25 * 3600).unwrap();
    let e = token_error(env.refresh(rt2, None).await, 400, "invalid_grant", 700084).await;
    assert_eq!(e["suberror"], "bad_token");
    // Missing Origin on a SPA refresh.
    let r = env
        .http
        .post(format!("{}/common/oauth2/v2.0/token", env.base))
        .form(&[
            ("client_id", DEMO_CLIENT_ID),
            ("grant_type", "refresh_token"),
            ("refresh_token", rt2),
        ])
        .send()
        .await
        .unwrap();
    token_error(r, 400, "invalid_request", 9002327).await;
}

#[tokio::test]
async fn expire_control_invalidates_refresh_tokens() {
    let env = start().await;
    let tokens = env.login(ADELE, ALL_SCOPES).await;
    let r = env
        .control(
            reqwest::Method::POST,
            "tokens/expire",
            Some(json!({"access": true, "refresh": true})),
        )
        .await;
    assert_eq!(r.status(), 204);
    token_error(
        env.refresh(tokens["refresh_token"].as_str().unwrap(), None)
            .await,
        400,
        "invalid_grant",
        700084,
    )
    .await;
    let at = tokens["access_token"].as_str().unwrap();
    let e = env
        .get_err(at, "/me", 401, "InvalidAuthenticationToken")
        .await;
    assert_eq!(
        e["error"]["message"],
        "Access token has expired or is not yet valid."
    );
}

#[tokio::test]
async fn personal_accounts_get_opaque_access_tokens() {
    let env = start().await;
    let tokens = env.login(PAT, ALL_SCOPES).await;
    let at = tokens["access_token"].as_str().unwrap();
    assert_ne!(at.split('.').count(), 3, "not a JWT");
    let me = env.get_ok(at, "/me", "microsoft.graph.user").await;
    assert_eq!(me["userPrincipalName"], PAT);
    assert_eq!(
        jwt_claims(tokens["id_token"].as_str().unwrap())["tid"],
        "9188040d-6c67-4c5b-b112-36a304b66dad"
    );
}
