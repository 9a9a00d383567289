//! Who may sign in where, and how authorize reports errors: on its page or at the redirect URI.

use super::*;

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
    let mut domain = authorize_params(ALL_SCOPES, &p);
    set(&mut domain, "domain_hint", "contoso.onmicrosoft.com");
    let domain = page(env.authorize("common", &domain, &mut jar).await);
    assert!(account_button(&domain, ADELE).is_some() && account_button(&domain, PAT).is_none());
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
}

#[tokio::test]
async fn a_tampered_context_is_refused_on_the_page() {
    let env = start().await;
    let mut jar = Jar::default();
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
