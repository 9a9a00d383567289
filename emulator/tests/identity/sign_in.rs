//! Discovery documents, and a whole PKCE sign-in over HTTP.

use super::*;

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
