//! Microsoft identity platform v2.0: `/{tenant}/oauth2/v2.0/authorize`, `/token`, `/logout`, the
//! OpenID configuration and the signing keys. Behaviour follows the real service: validation order,
//! which errors go back to the redirect URI and which are shown on the page, AADSTS codes, the SPA
//! CORS rules, PKCE, single-use codes, rotating refresh tokens with the 24-hour SPA lifetime.
//!
//! The rooms: [`router`] here; the handlers in `discovery`, `authorize` (with `request`, the
//! authorize request's validation, and [`pages`]), `token` and `session` (the sign-in cookie and
//! `/logout`); below them `issue` (minting and verifying tokens), [`grants`] (what is
//! remembered), [`scopes`], `tenants` and [`error`] ([`error::AadError`]); [`broker`] answers a nested app
//! authentication host's requests (the host itself is `crate::host`).

mod authorize;
pub mod broker;
mod discovery;
pub mod error;
pub mod grants;
mod issue;
pub mod pages;
mod request;
pub mod scopes;
mod session;
mod tenants;
mod token;

use axum::http::HeaderValue;
use axum::middleware::{from_fn_with_state, map_response};
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;

use crate::cors::{cors, AllowHeaders, Cors};
use crate::state::Shared;
pub use grants::{AccessGrant, TokenProblem};
pub use issue::{verify_access, GRAPH_AUDIENCE};
pub(crate) use session::{session_accounts as host_session, session_cookie};

/// The identity platform's routes. Its JSON endpoints answer any origin (a single-page app
/// redeems its code cross-origin); its pages cannot be framed.
pub fn router() -> Router<Shared> {
    let policy = Cors {
        methods: "POST, OPTIONS",
        allow_headers: AllowHeaders::Asked,
        expose: None,
        max_age: 86400,
        always: true,
    };
    let json = Router::new()
        .route(
            "/{tenant}/v2.0/.well-known/openid-configuration",
            get(discovery::openid_configuration),
        )
        .route("/{tenant}/discovery/v2.0/keys", get(discovery::jwks))
        .route(
            "/{tenant}/discovery/instance",
            get(discovery::instance_discovery),
        )
        .route("/{tenant}/oauth2/v2.0/token", post(token::token))
        .layer(from_fn_with_state(policy, cors));
    Router::new()
        .route(
            "/{tenant}/oauth2/v2.0/authorize",
            get(authorize::authorize_get)
                .post(authorize::authorize_post)
                .layer(map_response(deny_framing)),
        )
        .route(
            "/{tenant}/oauth2/v2.0/logout",
            get(session::logout)
                .layer(map_response(isolate))
                .layer(map_response(deny_framing)),
        )
        .merge(json)
}

/// The sign-out page isolates its window as the sign-in pages do
/// ([`authorize::isolate_opener`]; those decide per request).
async fn isolate(r: Response) -> Response {
    authorize::isolate_opener(r)
}

/// The sign-in, consent and sign-out pages cannot be framed (Entra sends `X-Frame-Options:
/// DENY`): a page that framed them could dress them up and take the user's clicks. Redirects
/// (the answers of a silent sign-in in a hidden frame) carry no page and are left alone.
async fn deny_framing(mut r: Response) -> Response {
    let html = r
        .headers()
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if html {
        let h = r.headers_mut();
        h.insert("x-frame-options", HeaderValue::from_static("DENY"));
        h.insert(
            "content-security-policy",
            HeaderValue::from_static("frame-ancestors 'none'"),
        );
    }
    r
}

#[cfg(test)]
mod tests;
