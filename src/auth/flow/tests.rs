use super::*;
use oauth2::PkceCodeChallenge;
use crate::auth::config::{Authority, Scopes};
use crate::auth::ErrorAction;
use crate::http::testing::{block_on, response, Fake};
use crate::http::HttpRequest;
use crate::util::{encode_query, parse_params};

fn cfg() -> AuthConfig {
    let mut c = AuthConfig::new("client-1", "http://localhost:8080/auth.html");
    c.authority = Authority::parse("http://127.0.0.1:8787/organizations").unwrap();
    c.scopes = Scopes::parse("User.Read Files.Read");
    c.domain_hint = Some("contoso.com".into());
    c
}

/// The RFC 7636 appendix B verifier.
const RFC_VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const RFC_OCTETS: [u8; 32] = [
    116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186, 22, 212, 37, 77,
    105, 214, 191, 240, 91, 88, 5, 88, 83, 132, 141, 121,
];

/// A stand-in for the browser's CSPRNG: distinct bytes on every call.
fn counter() -> impl FnMut(&mut [u8]) {
    let mut next = 0u8;
    move |buf| {
        for b in buf {
            next = next.wrapping_add(1);
            *b = next;
        }
    }
}

fn attempt() -> Attempt {
    Attempt::new(counter())
}

/// An attempt whose verifier is drawn from `octets` (after the id's, state's and nonce's bytes).
fn attempt_from(octets: [u8; 32]) -> Attempt {
    let mut bytes = [0u8; 9 + 16 + 16].into_iter().chain(octets);
    Attempt::new(|buf: &mut [u8]| buf.fill_with(|| bytes.next().unwrap()))
}

fn query(url: &str) -> impl Fn(&str) -> Option<String> {
    let p = parse_params(url.split_once('?').unwrap().1);
    move |k| p.iter().find(|(key, _)| key == k).map(|(_, v)| v.clone())
}

#[test]
fn authorize_url_carries_pkce_state_nonce_and_hints() {
    let attempt = attempt();
    let opts = Interactive {
        prompt: Some(Prompt::Login),
        login_hint: Some("a@b.c".into()),
        extra_scopes: vec!["Sites.Read.All".into(), "files.read".into()],
        claims: Some(r#"{"access_token":{"xms_cc":{"values":["cp1"]}}}"#.into()),
    };
    let url = authorize_url(&cfg(), &attempt, &opts, false);
    assert!(url.starts_with("http://127.0.0.1:8787/organizations/oauth2/v2.0/authorize?"));
    let get = query(&url);
    let challenge = PkceCodeChallenge::from_code_verifier_sha256(&attempt.verifier);
    assert_eq!(get("code_challenge").unwrap(), challenge.as_str());
    assert_eq!(get("code_challenge_method").unwrap(), "S256");
    assert_eq!(get("response_type").unwrap(), "code");
    assert_eq!(get("client_id").unwrap(), "client-1");
    assert_eq!(
        get("redirect_uri").unwrap(),
        "http://localhost:8080/auth.html"
    );
    assert_eq!(&get("state").unwrap(), attempt.state.secret());
    assert_eq!(&get("nonce").unwrap(), attempt.nonce.secret());
    assert_eq!(
        get("scope").unwrap(),
        "User.Read Files.Read openid profile offline_access Sites.Read.All",
        "extra scopes once, whatever their case"
    );
    assert_eq!(get("prompt").unwrap(), "login");
    assert_eq!(get("login_hint").unwrap(), "a@b.c");
    assert_eq!(get("domain_hint").unwrap(), "contoso.com");
    assert_eq!(get("response_mode").unwrap(), "fragment");
    assert_eq!(get("client_info").unwrap(), "1");
    assert_eq!(get("claims"), opts.claims);
    assert!(
        !url.contains(attempt.verifier.secret().as_str()),
        "the verifier never leaves"
    );
    // Asked to choose an account, the user is not steered to one.
    let choose = Interactive {
        prompt: Some(Prompt::SelectAccount),
        ..opts.clone()
    };
    let get = query(&authorize_url(&cfg(), &attempt, &choose, false));
    assert_eq!(get("prompt").unwrap(), "select_account");
    assert_eq!(get("login_hint"), None);
    assert_eq!(get("domain_hint").unwrap(), "contoso.com");
    let plain = authorize_url(&cfg(), &attempt, &Interactive::default(), false);
    let get = query(&plain);
    assert_eq!(get("prompt"), None);
    assert_eq!(get("login_hint"), None);
    assert_eq!(get("claims"), None);
    assert_eq!(get("pocd"), None, "no claim about the window's openers unless checked");
}

#[test]
fn a_window_no_other_origin_can_reach_is_said_so() {
    let url = authorize_url(&cfg(), &attempt(), &Interactive::default(), true);
    assert_eq!(query(&url)("pocd").unwrap(), "1");
}

#[test]
fn rfc7636_appendix_b() {
    let url = authorize_url(&cfg(), &attempt_from(RFC_OCTETS), &Interactive::default(), false);
    assert_eq!(
        query(&url)("code_challenge").unwrap(),
        "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
    );
}

#[test]
fn a_challenge_digested_elsewhere_is_the_same_and_none_without_a_digest() {
    use sha2::Digest;
    let octets = || {
        let mut bytes = [0u8; 9 + 16 + 16].into_iter().chain(RFC_OCTETS);
        move |buf: &mut [u8]| buf.fill_with(|| bytes.next().unwrap())
    };
    let sha256 = async |data: &[u8]| Some(sha2::Sha256::digest(data).to_vec());
    let digested = block_on(Attempt::digested(octets(), sha256)).unwrap();
    assert_eq!(digested.challenge, "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    assert_eq!(digested.challenge, Attempt::new(octets()).challenge);
    assert_eq!(digested.verifier.secret(), RFC_VERIFIER);
    let none = async |_: &[u8]| None;
    assert!(block_on(Attempt::digested(octets(), none)).is_none());
}

#[test]
fn attempts_are_random_and_carry_their_id() {
    let mut random = counter();
    let (a, b) = (Attempt::new(&mut random), Attempt::new(&mut random));
    assert_ne!(a.state, b.state);
    assert_ne!(a.nonce, b.nonce);
    assert_ne!(a.verifier.secret(), b.verifier.secret());
    assert_eq!(a.verifier.secret().len(), 43);
    // RFC 7636 appendix B draws its verifier from these octets; the verifier is drawn last.
    let mut octets = [0u8; 9 + 16 + 16].into_iter().chain(RFC_OCTETS);
    let from_rfc = Attempt::new(|buf: &mut [u8]| buf.fill_with(|| octets.next().unwrap()));
    assert_eq!(from_rfc.verifier.secret(), RFC_VERIFIER);
    assert_eq!(a.state.secret().split_once('.').unwrap().0, a.id);
    assert!(!format!("{a:?}").contains(a.nonce.secret().as_str()));
}

#[test]
fn redirect_is_accepted_only_with_this_attempts_state() {
    let attempt = attempt();
    let state = encode_query(attempt.state.secret());
    let ok = parse_params(&format!("#code=abc&state={state}"));
    assert_eq!(accept_redirect(&attempt, &ok).unwrap().secret(), "abc");
    let forged = parse_params(&format!("code=abc&state={state}x"));
    assert_eq!(
        accept_redirect(&attempt, &forged).unwrap_err(),
        AuthError::StateMismatch
    );
    let declined = parse_params(&format!(
        "error=access_denied&error_subcode=cancel&error_description=AADSTS65004%3A+declined&state={state}"
    ));
    assert_eq!(
        accept_redirect(&attempt, &declined).unwrap_err(),
        AuthError::ConsentDeclined
    );
    let foreign_error = parse_params("error=access_denied&state=other");
    assert_eq!(
        accept_redirect(&attempt, &foreign_error).unwrap_err(),
        AuthError::StateMismatch
    );
    let empty = parse_params(&format!("state={state}"));
    assert!(matches!(
        accept_redirect(&attempt, &empty),
        Err(AuthError::InvalidResponse(_))
    ));
}

const JSON: [(&str, &str); 1] = [("content-type", "application/json; charset=utf-8")];

fn tokens_body() -> String {
    r#"{"token_type":"Bearer","expires_in":3599,"access_token":"at","refresh_token":"rt2","scope":"User.Read openid"}"#.into()
}

fn simple_post(body: &str) -> HttpRequest {
    HttpRequest {
        method: "POST",
        url: "http://127.0.0.1:8787/organizations/oauth2/v2.0/token".into(),
        headers: vec![
            ("accept".into(), "application/json".into()),
            (
                "content-type".into(),
                "application/x-www-form-urlencoded".into(),
            ),
        ],
        body: Some(body.into()),
    }
}

#[test]
fn token_requests_are_simple_form_posts() {
    // Accept and a form Content-Type are CORS-safelisted, and no client secret means no
    // Authorization header: no preflight.
    let fake = Fake::new(vec![Ok(response(200, &JSON, &tokens_body()))]);
    let attempt = attempt_from(RFC_OCTETS);
    let code = AuthorizationCode::new("c0de".into());
    let set = block_on(redeem(&fake, &cfg(), code, &attempt, "User.Read openid")).unwrap();
    assert_eq!(
        oauth2::TokenResponse::refresh_token(&set).unwrap().secret(),
        "rt2"
    );
    assert_eq!(
        fake.sent.borrow()[0],
        simple_post(&format!(
            "grant_type=authorization_code&code=c0de&code_verifier={RFC_VERIFIER}&client_id=client-1&redirect_uri=http%3A%2F%2Flocalhost%3A8080%2Fauth.html&scope=User.Read+openid&client_info=1"
        ))
    );
    let fake = Fake::new(vec![Ok(response(200, &JSON, &tokens_body()))]);
    let rt = RefreshToken::new("rt".into());
    block_on(refresh(&fake, &cfg(), &rt, "User.Read openid")).unwrap();
    assert_eq!(
        fake.sent.borrow()[0],
        simple_post(
            "grant_type=refresh_token&refresh_token=rt&scope=User.Read+openid&client_id=client-1&client_info=1"
        )
    );
    assert_eq!(
        logout_url(&cfg(), "http://localhost:8080/", Some("a@b.c")).unwrap(),
        "http://127.0.0.1:8787/organizations/oauth2/v2.0/logout?post_logout_redirect_uri=http%3A%2F%2Flocalhost%3A8080%2F&logout_hint=a%40b.c"
    );
}

fn refresh_answered(answer: Result<crate::http::HttpResponse, String>) -> AuthError {
    let fake = Fake::new(vec![answer]);
    let rt = RefreshToken::new("rt".into());
    block_on(refresh(&fake, &cfg(), &rt, "User.Read")).unwrap_err()
}

#[test]
fn error_bodies_are_classified_and_garbage_is_typed() {
    let expired = refresh_answered(Ok(response(
        400,
        &JSON,
        r#"{"error":"invalid_grant","error_description":"AADSTS700084: expired. Trace ID: x","error_codes":[700084],"suberror":"bad_token","timestamp":"t","trace_id":"t","correlation_id":"c"}"#,
    )));
    assert!(matches!(
        &expired,
        AuthError::InteractionRequired { code: Some(700084), description, .. } if !description.contains("Trace ID")
    ));
    assert_eq!(expired.action(), ErrorAction::SignInAgain);
    let consent = refresh_answered(Ok(response(
        400,
        &JSON,
        r#"{"error":"invalid_grant","error_codes":[65001],"suberror":"consent_required"}"#,
    )));
    assert_eq!(consent.action(), ErrorAction::Consent);
    for garbage in [
        response(502, &[], "<html>bad gateway secret-at</html>"),
        response(500, &[], ""),
        response(200, &[("content-type", "text/html")], &tokens_body()),
        response(200, &JSON, ""),
        response(200, &JSON, r#"{"token_type":"Bearer","access_token":7}"#),
        response(200, &JSON, r#"{"token_type":"Bearer"}"#),
        response(
            200,
            &JSON,
            r#"{"token_type":"Bearer","access_token":"secret-at","expires_in":"soon"}"#,
        ),
    ] {
        let e = refresh_answered(Ok(garbage));
        assert!(matches!(e, AuthError::InvalidResponse(_)), "{e:?}");
        assert!(!e.to_string().contains("secret"), "{e}");
        assert_eq!(e.action(), ErrorAction::GiveUp);
    }
    assert_eq!(
        refresh_answered(Err("offline".into())),
        AuthError::Network("offline".into())
    );
}

#[test]
fn the_relay_address_carries_the_authorize_url_in_the_fragment_only() {
    let authorize = "https://login.example/common/oauth2/v2.0/authorize?client_id=c&state=a1.b2&scope=User.Read%20openid#x";
    let relay = relay_url(
        "https://portal.example/odp/auth.html",
        "https://portal.example",
        authorize,
    )
    .unwrap();
    let (page, fragment) = relay.split_once('#').unwrap();
    assert_eq!(page, "https://portal.example/odp/auth.html");
    let params = parse_params(fragment);
    assert_eq!(params, vec![("relay".to_string(), authorize.to_string())]);
    assert!(
        !fragment.contains('&') && !fragment.contains('#'),
        "{fragment}"
    );
}

#[test]
fn the_relay_is_a_page_of_the_frame_s_own_origin_and_nothing_else() {
    let authorize = "https://login.example/common/oauth2/v2.0/authorize?state=a";
    for bad in [
        "javascript:alert(document.domain)//",
        "data:text/html,x",
        "https://evil.example/auth.html",
        "https://portal.example.evil.example/auth.html",
        "http://portal.example/auth.html",
        "https://portal.example/auth.html#old",
    ] {
        assert!(
            matches!(
                relay_url(bad, "https://portal.example", authorize),
                Err(AuthError::Config(_))
            ),
            "{bad}"
        );
    }
}
