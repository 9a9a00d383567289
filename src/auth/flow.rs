//! The authorization-code flow with PKCE (S256): the authorize URL with the identity platform's
//! extra parameters, the redirect's answer, and the code and refresh-token requests (on the
//! oauth2 crate), sent through the one HTTP boundary ([`crate::http::Transport`]).
//!
//! What oauth2 does not do stays here and in [`super::token`]: the attempt (a `state` that
//! names the answer channel, the `nonce`, the PKCE pair), the authorize URL (the first screen
//! builds it, and oauth2's URL type would bring the `url` crate there), the nonce check, the
//! logout URL.

use oauth2::basic::{BasicRevocationErrorResponse, BasicTokenIntrospectionResponse};
use oauth2::{
    ClientId, EndpointNotSet, EndpointSet, RedirectUrl, Scope, StandardRevocableToken,
    TokenUrl,
};

use super::config::{add_scope, AuthConfig, Prompt};
use super::error::AuthError;
use super::secret::{AuthorizationCode, CsrfToken, PkceCodeVerifier, RefreshToken};
use super::token::{request_error, MsErrorResponse, MsTokenResponse};
use crate::http::{send_oauth, Transport};
use crate::util::{b64url, encode_query};

/// The oauth2 client for the identity platform's token endpoint: public
/// (no secret: `client_id` goes in the form body, so token requests need no CORS preflight).
type OAuthClient = oauth2::Client<
    MsErrorResponse,
    MsTokenResponse,
    BasicTokenIntrospectionResponse,
    StandardRevocableToken,
    BasicRevocationErrorResponse,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointSet,
>;

fn oauth_client(cfg: &AuthConfig) -> Result<OAuthClient, AuthError> {
    let bad = |what: &str| AuthError::Config(format!("{what} is not a valid URL"));
    let token = TokenUrl::new(cfg.authority.token_endpoint()).map_err(|_| bad("authority"))?;
    let redirect = RedirectUrl::new(cfg.redirect_uri.clone()).map_err(|_| bad("redirectUri"))?;
    Ok(oauth2::Client::new(ClientId::new(cfg.client_id.clone()))
        .set_token_uri(token)
        .set_redirect_uri(redirect))
}

/// Per-call overrides of the configured prompt and hints (account switching, incremental
/// consent, claims challenges).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Interactive {
    /// Overrides the configured prompt.
    pub prompt: Option<Prompt>,
    /// Overrides the configured login hint.
    pub login_hint: Option<String>,
    /// Extra resource scopes to consent to now.
    pub extra_scopes: Vec<String>,
    /// A claims challenge to satisfy (the decoded JSON of a `WWW-Authenticate` `claims`).
    pub claims: Option<String>,
}

/// One sign-in: the `state` (`{id}.{random}`, the id naming the channel the redirect page
/// answers on), the `nonce` echoed in the id_token, and the PKCE verifier with its challenge.
/// `Debug` shows no secret.
#[derive(Debug)]
pub struct Attempt {
    /// Names the channel the redirect page answers on.
    pub id: String,
    /// `state`.
    pub state: CsrfToken,
    /// `nonce`.
    pub nonce: CsrfToken,
    /// Sent to the token endpoint only.
    pub verifier: PkceCodeVerifier,
    /// The verifier's S256 challenge (base64url of its SHA-256), sent in the authorize URL.
    pub challenge: String,
}

impl Attempt {
    /// A fresh attempt from a CSPRNG that fills buffers (the browser's
    /// `crypto.getRandomValues`): 72 bits of id, 128 of state and nonce, and a 43-character
    /// verifier, base64url-encoded as oauth2's own random values are. (oauth2's `new_random`
    /// would draw the same bytes through `rand`'s ChaCha generator: 7 KB of wasm for nothing.)
    pub fn new(fill: impl FnMut(&mut [u8])) -> Attempt {
        use sha2::Digest;
        let mut attempt = Attempt::drawn(fill);
        attempt.challenge = b64url(sha2::Sha256::digest(attempt.verifier.secret().as_bytes()));
        attempt
    }

    /// The same attempt, its challenge computed by `sha256` (in the page, the browser's
    /// SubtleCrypto, which answers asynchronously: the first screen carries no SHA-256 of its
    /// own); `None` when `sha256` cannot.
    pub async fn digested(
        fill: impl FnMut(&mut [u8]),
        sha256: impl AsyncFnOnce(&[u8]) -> Option<Vec<u8>>,
    ) -> Option<Attempt> {
        let mut attempt = Attempt::drawn(fill);
        let digest = sha256(attempt.verifier.secret().as_bytes()).await?;
        attempt.challenge = b64url(digest);
        Some(attempt)
    }

    /// The random values, without the challenge yet.
    fn drawn(mut fill: impl FnMut(&mut [u8])) -> Attempt {
        let mut random = |n: usize| {
            let mut bytes = vec![0; n];
            fill(&mut bytes);
            b64url(bytes)
        };
        let id = random(9);
        Attempt {
            state: CsrfToken::new(format!("{id}.{}", random(16))),
            nonce: CsrfToken::new(random(16)),
            verifier: PkceCodeVerifier::new(random(32)),
            challenge: String::new(),
            id,
        }
    }
}

/// The URL the sign-in window opens: the authorization request (RFC 6749 4.1.1 with PKCE, RFC
/// 7636) and the identity platform's parameters, percent-encoded. Written out rather than through
/// oauth2 (whose URL type brings the `url` crate): the first screen builds it, in the click.
/// `unreachable`: no window of another origin can reach the sign-in window (see
/// [`crate::browser::unreachable_by_others`]); the request says so (`pocd=1`, as MSAL.js does),
/// and the authority may then leave its opener policy out: the window keeps its opener, so its
/// answer comes back in the page's own process and its closing is seen.
pub fn authorize_url(
    cfg: &AuthConfig,
    attempt: &Attempt,
    opts: &Interactive,
    unreachable: bool,
) -> String {
    let prompt = opts.prompt.or(cfg.prompt);
    // Asked to choose an account, the user is not steered to one (as MSAL.js does).
    let hint = opts.login_hint.as_ref().or(cfg.login_hint.as_ref());
    let hint = hint.filter(|_| prompt != Some(Prompt::SelectAccount));
    let scope = scopes(cfg, opts);
    let pairs = [
        ("response_type", Some("code")),
        ("client_id", Some(&cfg.client_id)),
        ("state", Some(attempt.state.secret())),
        ("code_challenge", Some(&attempt.challenge)),
        ("code_challenge_method", Some("S256")),
        ("redirect_uri", Some(&cfg.redirect_uri)),
        ("scope", Some(&scope)),
        ("response_mode", Some("fragment")),
        ("nonce", Some(attempt.nonce.secret())),
        ("client_info", Some("1")),
        ("prompt", prompt.map(Prompt::as_str)),
        ("login_hint", hint.map(String::as_str)),
        ("domain_hint", cfg.domain_hint.as_deref()),
        ("claims", opts.claims.as_deref()),
        ("pocd", unreachable.then_some("1")),
    ];
    // The authority has no query (see `Authority::parse`): the pairs make it.
    let mut url = cfg.authority.authorize_endpoint();
    let mut join = '?';
    for (name, value) in pairs {
        if let Some(value) = value {
            url.push(join);
            url.push_str(name);
            url.push('=');
            url.push_str(&encode_query(value));
            join = '&';
        }
    }
    url
}

/// The scopes a sign-in asks for, space-separated: the configured ones, the OIDC ones, and the
/// extra ones (once, whatever their case).
pub fn scopes(cfg: &AuthConfig, opts: &Interactive) -> String {
    let mut scope = cfg.scopes.with_oidc();
    for s in &opts.extra_scopes {
        add_scope(&mut scope, s);
    }
    scope
}

/// Checks the parameters the redirect page received against the attempt (the `state` in
/// constant time) and returns the code.
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
    let state_ok = get("state").is_some_and(|s| CsrfToken::new(s.into()) == attempt.state);
    if !state_ok {
        return Err(AuthError::StateMismatch);
    }
    if let Some(error) = get("error") {
        return Err(AuthError::from_oauth(
            error,
            &[],
            get("error_subcode"),
            get("error_description").unwrap_or(""),
        ));
    }
    match get("code") {
        Some(code) if !code.is_empty() => Ok(AuthorizationCode::new(code.into())),
        _ => Err(AuthError::InvalidResponse(
            "the redirect carried neither a code nor an error".into(),
        )),
    }
}

/// Redeems a code with the attempt's verifier.
pub async fn redeem(
    transport: &impl Transport,
    cfg: &AuthConfig,
    code: AuthorizationCode,
    attempt: &Attempt,
    scope: &str,
) -> Result<MsTokenResponse, AuthError> {
    let http = |r| send_oauth(transport, r);
    oauth_client(cfg)?
        .exchange_code(code)
        .set_pkce_verifier(PkceCodeVerifier::new(attempt.verifier.secret().clone()))
        .add_extra_param("scope", scope)
        .add_extra_param("client_info", "1")
        .request_async(&http)
        .await
        .map_err(request_error)
}

/// Uses a refresh token.
pub async fn refresh(
    transport: &impl Transport,
    cfg: &AuthConfig,
    refresh: &RefreshToken,
    scope: &str,
) -> Result<MsTokenResponse, AuthError> {
    let http = |r| send_oauth(transport, r);
    oauth_client(cfg)?
        .exchange_refresh_token(refresh)
        .add_scopes(scope.split(' ').map(|s| Scope::new(s.into())))
        .add_extra_param("client_info", "1")
        .request_async(&http)
        .await
        .map_err(request_error)
}

/// The URL that ends the session at the authority (OpenID Connect RP-initiated logout, which
/// oauth2 does not cover).
pub fn logout_url(
    cfg: &AuthConfig,
    post_logout_redirect: &str,
    hint: Option<&str>,
) -> Option<String> {
    // The endpoint has no query (the authority has none): the pairs make it.
    let mut query = form_urlencoded::Serializer::new(String::new());
    query.append_pair("post_logout_redirect_uri", post_logout_redirect);
    query.extend_pairs(hint.map(|h| ("logout_hint", h)));
    Some(format!(
        "{}?{}",
        cfg.authority.logout_endpoint(),
        query.finish()
    ))
}

/// The address of the sign-in *relay*: the redirect page, asked to open `authorize_url` in a
/// window of its own and pass the answer back by `postMessage`. A picker inside a cross-origin
/// iframe needs it: there the browser partitions `BroadcastChannel` by the top-level site, and the
/// sign-in page's opener policy severs `window.opener`, so the answer could not reach the frame.
/// The relay page is top-level on the frame's origin and keeps its opener (it never leaves that
/// origin). The verifier stays in the frame; only the authorize URL travels, in the fragment.
/// The relay must be a page of `page_origin` (the frame's own), over http(s): any other address
/// is refused, since the window is navigated there from the frame.
pub fn relay_url(
    redirect_uri: &str,
    page_origin: &str,
    authorize_url: &str,
) -> Result<String, AuthError> {
    let page = crate::safe_url::parse_secure(redirect_uri)
        .ok()
        .filter(|u| u.origin() == page_origin && !u.has_fragment())
        .ok_or_else(|| {
            AuthError::Config(format!(
                "redirect URI '{redirect_uri}': in a frame of another origin it must be a page of the frame's own origin ({page_origin})"
            ))
        })?;
    Ok(format!(
        "{}#relay={}",
        page.as_str(),
        encode_query(authorize_url)
    ))
}

#[cfg(test)]
mod tests;
