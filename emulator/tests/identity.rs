//! The identity platform v2.0 over HTTP: discovery, authorize (pages, redirects, errors), token
//! (PKCE, SPA CORS rules, single-use codes, refresh rotation and the 24-hour SPA limit), logout.

mod common;

use common::*;
use emulator::config::{DEMO_CLIENT_ID, WEB_CLIENT_ID};
use reqwest::header::{ACCESS_CONTROL_ALLOW_ORIGIN, ORIGIN};
use rsa::pkcs1v15::{Signature, VerifyingKey};
use rsa::signature::Verifier;
use rsa::{BigUint, RsaPublicKey};
use serde_json::{json, Value};

fn set(params: &mut Vec<(String, String)>, k: &str, v: &str) {
    params.retain(|(key, _)| key != k);
    params.push((k.into(), v.into()));
}

fn remove(params: &mut Vec<(String, String)>, k: &str) {
    params.retain(|(key, _)| key != k);
}

#[tokio::test]
async fn discovery_documents_for_every_tenant_form() {
    let env = start().await;
    for (tenant, issuer) in [
        ("common", "{tenantid}".to_string()),
        ("organizations", "{tenantid}".to_string()),
        (
            "consumers",
            "9188040d-6c67-4c5b-b112-36a304b66dad".to_string(),
        ),
        (
            "contoso.onmicrosoft.com",
            emulator::seed::CONTOSO_TENANT.to_string(),
        ),
        (
            emulator::seed::CONTOSO_TENANT,
            emulator::seed::CONTOSO_TENANT.to_string(),
        ),
    ] {
        let r = env
            .http
            .get(format!(
                "{}/{tenant}/v2.0/.well-known/openid-configuration",
                env.base
            ))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        assert_eq!(r.headers()[ACCESS_CONTROL_ALLOW_ORIGIN], "*");
        let doc = json_checked(r, "identity:openidConfiguration").await;
        assert_eq!(doc["issuer"], format!("{}/{issuer}/v2.0", env.base));
        // A domain name is resolved to the tenant id in every endpoint; the other forms stay.
        let named = if tenant.contains('.') {
            emulator::seed::CONTOSO_TENANT
        } else {
            tenant
        };
        for (field, path) in [
            ("authorization_endpoint", "oauth2/v2.0/authorize"),
            ("token_endpoint", "oauth2/v2.0/token"),
            ("end_session_endpoint", "oauth2/v2.0/logout"),
            ("jwks_uri", "discovery/v2.0/keys"),
        ] {
            assert_eq!(
                doc[field],
                format!("{}/{named}/{path}", env.base),
                "{field}"
            );
        }
        let keys = env
            .http
            .get(doc["jwks_uri"].as_str().unwrap())
            .send()
            .await
            .unwrap();
        json_checked(keys, "identity:jwks").await;
    }
    let r = env
        .http
        .get(format!(
            "{}/nosuchtenant.example/v2.0/.well-known/openid-configuration",
            env.base
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    let body: Value = r.json().await.unwrap();
    assert!(body["error_description"]
        .as_str()
        .unwrap()
        .starts_with("AADSTS90002"));
}

#[tokio::test]
async fn full_pkce_login_by_http_then_graph() {
    let env = start().await;
    let p = pkce();
    let mut jar = Jar::default();
    let params = authorize_params(ALL_SCOPES, &p);
    // 1. The authorize endpoint shows the account picker.
    let Step::Page(status, html) = env.authorize("common", &params, &mut jar).await else {
        panic!("expected a page")
    };
    assert_eq!(status, 200);
    assert!(html.contains("Pick an account") && html.contains("OneDrive Picker (demo)"));
    for upn in [ADELE, MEGAN, PAT] {
        assert!(
            account_button(&html, upn).is_some(),
            "{upn} offered on /common"
        );
    }
    // 2. Pick Adele: first use of the app, so the consent page follows.
    let ctx = hidden(&html, "ctx");
    let adele = account_button(&html, ADELE).unwrap();
    let Step::Page(_, consent) = env
        .post_form(
            "common",
            &[("ctx", &ctx), ("action", "signin"), ("account", &adele)],
            &mut jar,
        )
        .await
    else {
        panic!("expected consent")
    };
    assert!(consent.contains("Permissions requested"));
    for scope in [
        "User.Read",
        "Files.ReadWrite.All",
        "Sites.Read.All",
        "offline_access",
    ] {
        assert!(
            consent.contains(&format!("data-scope=\"{scope}\"")),
            "{scope} listed"
        );
    }
    assert!(jar.header().contains("estsauth_emu="), "session cookie set");
    // 3. Accept: back to the redirect URI with the code in the fragment.
    let Step::Redirect(loc) = env
        .post_form(
            "common",
            &[
                ("ctx", &hidden(&consent, "ctx")),
                ("action", "accept"),
                ("account", &hidden(&consent, "account")),
            ],
            &mut jar,
        )
        .await
    else {
        panic!("expected redirect")
    };
    assert!(loc.starts_with(&format!("{REDIRECT}#")), "{loc}");
    let back = redirect_params(&loc);
    check("identity:authorizeSuccessParams", &json!(back));
    assert_eq!(back["state"], "st-123");
    // 4. Redeem the code cross-origin with the verifier.
    let r = env
        .redeem("common", &back["code"], &p.verifier, Some(APP_ORIGIN))
        .await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()[ACCESS_CONTROL_ALLOW_ORIGIN], "*");
    assert_eq!(r.headers()["cache-control"], "no-store, no-cache");
    let tokens = json_checked(r, "identity:tokenResponse").await;
    assert_eq!(tokens["token_type"], "Bearer");
    let expires = tokens["expires_in"].as_i64().unwrap();
    assert!((3600..=5400).contains(&expires), "{expires}");
    assert!(tokens["refresh_token"].is_string() && tokens["client_info"].is_string());
    let scope = tokens["scope"].as_str().unwrap();
    assert!(
        scope.contains("Files.ReadWrite.All")
            && scope.contains("openid")
            && !scope.contains("offline_access"),
        "{scope}"
    );
    // 5. The id_token: signed with the published key, with the account claims and our nonce.
    let id_token = tokens["id_token"].as_str().unwrap();
    let claims = jwt_claims(id_token);
    // The emulator's host stands in for login.microsoftonline.com (its issuer matches its own
    // discovery document); apart from the host the claims must match the real schema.
    let mut real_host = claims.clone();
    real_host["iss"] = json!(claims["iss"]
        .as_str()
        .unwrap()
        .replace(&env.base, "https://login.microsoftonline.com"));
    check("identity:idTokenClaims", &real_host);
    assert_eq!(claims["nonce"], "n-456");
    assert_eq!(claims["aud"], DEMO_CLIENT_ID);
    assert_eq!(claims["preferred_username"], ADELE);
    assert_eq!(claims["name"], "Adele Vance");
    assert_eq!(claims["tid"], emulator::seed::CONTOSO_TENANT);
    assert_eq!(
        claims["iss"],
        format!("{}/{}/v2.0", env.base, emulator::seed::CONTOSO_TENANT)
    );
    let jwks: Value = env
        .http
        .get(format!("{}/common/discovery/v2.0/keys", env.base))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let key = &jwks["keys"][0];
    let n =
        BigUint::from_bytes_be(&emulator::util::b64url_decode(key["n"].as_str().unwrap()).unwrap());
    let e =
        BigUint::from_bytes_be(&emulator::util::b64url_decode(key["e"].as_str().unwrap()).unwrap());
    let verifying = VerifyingKey::<sha2::Sha256>::new(RsaPublicKey::new(n, e).unwrap());
    let (signed, sig) = id_token.rsplit_once('.').unwrap();
    let sig = Signature::try_from(emulator::util::b64url_decode(sig).unwrap().as_slice()).unwrap();
    verifying
        .verify(signed.as_bytes(), &sig)
        .expect("id_token verifies against the JWKS");
    // 6. Graph with the access token.
    let at = tokens["access_token"].as_str().unwrap();
    let me = env.get_ok(at, "/me", "microsoft.graph.user").await;
    assert_eq!(me["userPrincipalName"], ADELE);
    let kids = env
        .get_ok(
            at,
            "/me/drive/root/children",
            "microsoft.graph.driveItemCollectionResponse",
        )
        .await;
    assert!(kids["value"]
        .as_array()
        .unwrap()
        .iter()
        .any(|i| i["name"] == "Documents"));
    // 7. A second sign-in is silent: session and consent exist, so the code comes at once.
    let mut again = authorize_params(ALL_SCOPES, &pkce());
    set(&mut again, "prompt", "none");
    let Step::Redirect(loc) = env.authorize("common", &again, &mut jar).await else {
        panic!("silent sign-in")
    };
    assert!(redirect_params(&loc).contains_key("code"));
}

#[tokio::test]
async fn tenants_admit_the_right_accounts() {
    let env = start().await;
    let p = pkce();
    let page = |s: Step| match s {
        Step::Page(_, html) => html,
        Step::Redirect(l) => panic!("unexpected redirect {l}"),
    };
    let mut jar = Jar::default();
    let orgs = page(
        env.authorize("organizations", &authorize_params(ALL_SCOPES, &p), &mut jar)
            .await,
    );
    assert!(account_button(&orgs, ADELE).is_some() && account_button(&orgs, PAT).is_none());
    let consumers = page(
        env.authorize("consumers", &authorize_params(ALL_SCOPES, &p), &mut jar)
            .await,
    );
    assert!(
        account_button(&consumers, PAT).is_some() && account_button(&consumers, ADELE).is_none()
    );
    let tenant = page(
        env.authorize(
            emulator::seed::CONTOSO_TENANT,
            &authorize_params(ALL_SCOPES, &p),
            &mut jar,
        )
        .await,
    );
    assert!(account_button(&tenant, MEGAN).is_some() && account_button(&tenant, PAT).is_none());
    let mut hinted = authorize_params(ALL_SCOPES, &p);
    set(&mut hinted, "domain_hint", "consumers");
    let hinted = page(env.authorize("common", &hinted, &mut jar).await);
    assert!(account_button(&hinted, PAT).is_some() && account_button(&hinted, ADELE).is_none());
    let mut login_hint = authorize_params(ALL_SCOPES, &p);
    set(&mut login_hint, "login_hint", MEGAN);
    let hinted = page(env.authorize("common", &login_hint, &mut jar).await);
    assert!(hinted.contains(&format!(
        "account hint\" type=\"submit\" name=\"account\" value=\"{}\"",
        emulator::seed::MEGAN
    )));
}

#[tokio::test]
async fn untrusted_client_or_redirect_errors_stay_on_the_page() {
    let env = start().await;
    let p = pkce();
    let mut jar = Jar::default();
    let mut unknown = authorize_params(ALL_SCOPES, &p);
    set(
        &mut unknown,
        "client_id",
        "11111111-2222-3333-4444-555555555555",
    );
    let Step::Page(status, html) = env.authorize("common", &unknown, &mut jar).await else {
        panic!("no redirect to an unknown app")
    };
    assert_eq!(status, 400);
    assert!(html.contains("AADSTS700016"));
    let mut bad_redirect = authorize_params(ALL_SCOPES, &p);
    set(
        &mut bad_redirect,
        "redirect_uri",
        "https://evil.example/steal",
    );
    let Step::Page(_, html) = env.authorize("common", &bad_redirect, &mut jar).await else {
        panic!("never redirect to an unregistered URI")
    };
    assert!(html.contains("AADSTS50011"));
    let Step::Page(_, html) = env
        .authorize(
            "nosuchtenant.example",
            &authorize_params(ALL_SCOPES, &p),
            &mut jar,
        )
        .await
    else {
        panic!()
    };
    assert!(html.contains("AADSTS90002"));
}

async fn redirected_error(
    env: &Env,
    params: &[(String, String)],
) -> std::collections::HashMap<String, String> {
    let mut jar = Jar::default();
    match env.authorize("common", params, &mut jar).await {
        Step::Redirect(loc) => {
            assert!(loc.starts_with(REDIRECT), "{loc}");
            let p = redirect_params(&loc);
            check("identity:authorizeErrorParams", &json!(p));
            p
        }
        Step::Page(_, html) => panic!("expected an error redirect, got {html}"),
    }
}

#[tokio::test]
async fn request_errors_go_back_to_the_redirect_uri() {
    let env = start().await;
    let p = pkce();
    let mut no_pkce = authorize_params(ALL_SCOPES, &p);
    remove(&mut no_pkce, "code_challenge");
    let e = redirected_error(&env, &no_pkce).await;
    assert_eq!(e["error"], "invalid_request");
    assert!(e["error_description"].starts_with("AADSTS9002325"));
    assert_eq!(e["state"], "st-123");

    let mut plain = authorize_params(ALL_SCOPES, &p);
    set(&mut plain, "code_challenge_method", "plain");
    set(&mut plain, "code_challenge", &p.verifier);
    assert_eq!(
        redirected_error(&env, &plain).await["error"],
        "invalid_request"
    );

    let mut short = authorize_params(ALL_SCOPES, &p);
    set(&mut short, "code_challenge", "tooshort");
    assert!(redirected_error(&env, &short).await["error_description"].starts_with("AADSTS501491"));

    let mut bad_scope = authorize_params("openid Files.Frobnicate", &p);
    set(&mut bad_scope, "response_mode", "query");
    let e = redirected_error(&env, &bad_scope).await;
    assert_eq!(e["error"], "invalid_scope");

    let mut token_type = authorize_params(ALL_SCOPES, &p);
    set(&mut token_type, "response_type", "token");
    assert_eq!(
        redirected_error(&env, &token_type).await["error"],
        "unsupported_response_type"
    );

    let mut silent = authorize_params(ALL_SCOPES, &p);
    set(&mut silent, "prompt", "none");
    let e = redirected_error(&env, &silent).await;
    assert_eq!(e["error"], "login_required");
    assert!(e["error_description"].starts_with("AADSTS50058"));
}

#[tokio::test]
async fn response_modes_query_and_form_post() {
    let env = start().await;
    let p = pkce();
    let mut jar = Jar::default();
    let mut q = authorize_params(ALL_SCOPES, &p);
    set(&mut q, "response_mode", "query");
    let loc = env.sign_in("common", &q, ADELE, &mut jar).await;
    assert!(loc.starts_with(&format!("{REDIRECT}?code=")), "{loc}");
    let mut fp = authorize_params(ALL_SCOPES, &p);
    set(&mut fp, "response_mode", "form_post");
    let Step::Page(_, html) = env.authorize("common", &fp, &mut jar).await else {
        panic!("form_post answers a page")
    };
    assert!(html.contains(&format!("action=\"{REDIRECT}\"")) && html.contains("name=\"code\""));
}

#[tokio::test]
async fn declining_consent_redirects_with_access_denied() {
    let env = start().await;
    let p = pkce();
    let mut jar = Jar::default();
    let Step::Page(_, html) = env
        .authorize("common", &authorize_params(ALL_SCOPES, &p), &mut jar)
        .await
    else {
        panic!()
    };
    let acct = account_button(&html, MEGAN).unwrap();
    let Step::Page(_, consent) = env
        .post_form(
            "common",
            &[
                ("ctx", &hidden(&html, "ctx")),
                ("action", "signin"),
                ("account", &acct),
            ],
            &mut jar,
        )
        .await
    else {
        panic!()
    };
    let Step::Redirect(loc) = env
        .post_form(
            "common",
            &[
                ("ctx", &hidden(&consent, "ctx")),
                ("action", "decline"),
                ("account", &hidden(&consent, "account")),
            ],
            &mut jar,
        )
        .await
    else {
        panic!()
    };
    let e = redirect_params(&loc);
    assert_eq!(e["error"], "access_denied");
    assert_eq!(e["error_subcode"], "cancel");
    assert!(e["error_description"].starts_with("AADSTS65004"));
    assert_eq!(e["state"], "st-123");
    // A tampered context is refused on the page.
    let forged = env
        .post_form(
            "common",
            &[
                ("ctx", "forged.value"),
                ("action", "signin"),
                ("account", emulator::seed::ADELE),
            ],
            &mut jar,
        )
        .await;
    let Step::Page(status, _) = forged else {
        panic!()
    };
    assert_eq!(status, 400);
}

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
}
