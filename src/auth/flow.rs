//! The authorization-code flow's messages: the authorize URL, the redirect's answer, and the
//! token requests, as plain values.

use super::config::{AuthConfig, Prompt};
use super::error::AuthError;
use super::pkce::{constant_time_eq, Attempt, PkcePair};
use super::secret::{AuthorizationCode, PkceVerifier, RefreshToken};
use crate::http::HttpRequest;
use crate::util::encode_query;

/// Per-call overrides of the configured prompt and hints (account switching, incremental consent).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Interactive {
    /// Overrides the configured prompt.
    pub prompt: Option<Prompt>,
    /// Overrides the configured login hint.
    pub login_hint: Option<String>,
    /// Extra resource scopes to consent to now.
    pub extra_scopes: Vec<String>,
}

/// The URL the sign-in window opens.
pub fn authorize_url(
    cfg: &AuthConfig,
    attempt: &Attempt,
    pkce: &PkcePair,
    opts: &Interactive,
) -> String {
    let mut scope = cfg.scopes.with_oidc();
    for s in &opts.extra_scopes {
        if !scope.split(' ').any(|x| x.eq_ignore_ascii_case(s)) {
            scope.push(' ');
            scope.push_str(s);
        }
    }
    let mut params: Vec<(&str, String)> = vec![
        ("client_id", cfg.client_id.clone()),
        ("response_type", "code".into()),
        ("redirect_uri", cfg.redirect_uri.clone()),
        ("response_mode", "fragment".into()),
        ("scope", scope),
        ("state", attempt.state.clone()),
        ("nonce", attempt.nonce.clone()),
        ("code_challenge", pkce.challenge.clone()),
        ("code_challenge_method", "S256".into()),
        ("client_info", "1".into()),
    ];
    if let Some(p) = opts.prompt.or(cfg.prompt) {
        params.push(("prompt", p.as_str().into()));
    }
    if let Some(h) = opts.login_hint.as_ref().or(cfg.login_hint.as_ref()) {
        params.push(("login_hint", h.clone()));
    }
    if let Some(h) = &cfg.domain_hint {
        params.push(("domain_hint", h.clone()));
    }
    let query: Vec<String> = params
        .into_iter()
        .map(|(k, v)| format!("{k}={}", encode_query(&v)))
        .collect();
    format!("{}?{}", cfg.authority.authorize_endpoint(), query.join("&"))
}

/// Checks the parameters the redirect page received against the attempt and returns the code.
pub fn accept_redirect(
    attempt: &Attempt,
    params: &[(String, String)],
) -> Result<AuthorizationCode, AuthError> {
    let get = |k: &str| {
        params
            .iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.as_str())
    };
    let state_ok = get("state")
        .map(|s| constant_time_eq(s, &attempt.state))
        .unwrap_or(false);
    if let Some(error) = get("error") {
        if !state_ok {
            return Err(AuthError::StateMismatch);
        }
        return Err(AuthError::from_oauth(
            error,
            &[],
            get("error_subcode"),
            get("error_description").unwrap_or(""),
        ));
    }
    if !state_ok {
        return Err(AuthError::StateMismatch);
    }
    match get("code") {
        Some(code) if !code.is_empty() => Ok(AuthorizationCode::new(code)),
        _ => Err(AuthError::InvalidResponse(
            "the redirect carried neither a code nor an error".into(),
        )),
    }
}

fn form(pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{k}={}", encode_query(v)))
        .collect::<Vec<_>>()
        .join("&")
}

fn token_post(cfg: &AuthConfig, body: String) -> HttpRequest {
    // A CORS "simple request": form body, no custom headers, so no preflight.
    HttpRequest {
        method: "POST",
        url: cfg.authority.token_endpoint(),
        headers: vec![(
            "content-type".into(),
            "application/x-www-form-urlencoded".into(),
        )],
        body: Some(body),
    }
}

/// Redeems a code with its verifier.
pub fn code_request(
    cfg: &AuthConfig,
    code: &AuthorizationCode,
    verifier: &PkceVerifier,
    scope: &str,
) -> HttpRequest {
    token_post(
        cfg,
        form(&[
            ("client_id", &cfg.client_id),
            ("grant_type", "authorization_code"),
            ("code", code.secret()),
            ("redirect_uri", &cfg.redirect_uri),
            ("code_verifier", verifier.secret()),
            ("scope", scope),
            ("client_info", "1"),
        ]),
    )
}

/// Uses a refresh token.
pub fn refresh_request(cfg: &AuthConfig, refresh: &RefreshToken, scope: &str) -> HttpRequest {
    token_post(
        cfg,
        form(&[
            ("client_id", &cfg.client_id),
            ("grant_type", "refresh_token"),
            ("refresh_token", refresh.secret()),
            ("scope", scope),
            ("client_info", "1"),
        ]),
    )
}

/// The URL that ends the session at the authority.
pub fn logout_url(cfg: &AuthConfig, post_logout_redirect: &str, hint: Option<&str>) -> String {
    let mut url = format!(
        "{}?post_logout_redirect_uri={}",
        cfg.authority.logout_endpoint(),
        encode_query(post_logout_redirect)
    );
    if let Some(h) = hint {
        url.push_str(&format!("&logout_hint={}", encode_query(h)));
    }
    url
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::config::{Authority, Scopes};
    use crate::util::parse_params;

    fn cfg() -> AuthConfig {
        let mut c = AuthConfig::new("client-1", "http://localhost:8080/auth.html");
        c.authority = Authority::parse("http://127.0.0.1:8787/organizations").unwrap();
        c.scopes = Scopes::parse("User.Read Files.Read");
        c.domain_hint = Some("contoso.com".into());
        c
    }

    #[test]
    fn authorize_url_carries_pkce_state_nonce_and_hints() {
        let attempt = Attempt::from_entropy(&[7; 48]);
        let pkce = PkcePair::from_entropy(&[9; 32]);
        let opts = Interactive {
            prompt: Some(Prompt::SelectAccount),
            login_hint: Some("a@b.c".into()),
            extra_scopes: vec!["Sites.Read.All".into()],
        };
        let url = authorize_url(&cfg(), &attempt, &pkce, &opts);
        let (base, query) = url.split_once('?').unwrap();
        assert_eq!(
            base,
            "http://127.0.0.1:8787/organizations/oauth2/v2.0/authorize"
        );
        let p = parse_params(query);
        let get = |k: &str| {
            p.iter()
                .find(|(key, _)| key == k)
                .map(|(_, v)| v.clone())
                .unwrap()
        };
        assert_eq!(get("code_challenge"), pkce.challenge);
        assert_eq!(get("code_challenge_method"), "S256");
        assert_eq!(get("state"), attempt.state);
        assert_eq!(get("nonce"), attempt.nonce);
        assert_eq!(
            get("scope"),
            "User.Read Files.Read openid profile offline_access Sites.Read.All"
        );
        assert_eq!(get("prompt"), "select_account");
        assert_eq!(get("login_hint"), "a@b.c");
        assert_eq!(get("domain_hint"), "contoso.com");
        assert_eq!(get("response_mode"), "fragment");
        assert!(
            !url.contains(pkce.verifier.secret()),
            "the verifier never leaves"
        );
    }

    #[test]
    fn redirect_is_accepted_only_with_this_attempts_state() {
        let attempt = Attempt::from_entropy(&[3; 48]);
        let ok = parse_params(&format!("#code=abc&state={}", encode_query(&attempt.state)));
        assert_eq!(accept_redirect(&attempt, &ok).unwrap().secret(), "abc");
        let forged = parse_params(&format!("code=abc&state={}x", attempt.state));
        assert_eq!(
            accept_redirect(&attempt, &forged).unwrap_err(),
            AuthError::StateMismatch
        );
        let declined = parse_params(&format!(
            "error=access_denied&error_subcode=cancel&error_description=AADSTS65004%3A+declined&state={}",
            encode_query(&attempt.state)
        ));
        assert_eq!(
            accept_redirect(&attempt, &declined).unwrap_err(),
            AuthError::ConsentDeclined
        );
        let empty = parse_params(&format!("state={}", encode_query(&attempt.state)));
        assert!(matches!(
            accept_redirect(&attempt, &empty),
            Err(AuthError::InvalidResponse(_))
        ));
    }

    #[test]
    fn token_requests_are_simple_form_posts() {
        let r = code_request(
            &cfg(),
            &AuthorizationCode::new("c0de"),
            &PkceVerifier::new("v3rifier"),
            "User.Read openid",
        );
        assert_eq!(r.method, "POST");
        assert_eq!(
            r.url,
            "http://127.0.0.1:8787/organizations/oauth2/v2.0/token"
        );
        assert_eq!(
            r.headers,
            vec![(
                "content-type".to_string(),
                "application/x-www-form-urlencoded".to_string()
            )]
        );
        assert_eq!(
            r.body.as_deref().unwrap(),
            "client_id=client-1&grant_type=authorization_code&code=c0de&redirect_uri=http%3A%2F%2Flocalhost%3A8080%2Fauth.html&code_verifier=v3rifier&scope=User.Read%20openid&client_info=1"
        );
        let r = refresh_request(&cfg(), &RefreshToken::new("rt"), "User.Read");
        assert!(r
            .body
            .unwrap()
            .contains("grant_type=refresh_token&refresh_token=rt&"));
        assert_eq!(
            logout_url(&cfg(), "http://localhost:8080/", Some("a@b.c")),
            "http://127.0.0.1:8787/organizations/oauth2/v2.0/logout?post_logout_redirect_uri=http%3A%2F%2Flocalhost%3A8080%2F&logout_hint=a%40b.c"
        );
    }
}
