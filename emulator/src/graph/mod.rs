//! Microsoft Graph v1.0: the OneDrive, SharePoint and Teams endpoints a picker uses, and the
//! hosts behind the URLs Graph hands out.
//!
//! The rooms, top down:
//! - [`router`] and [`file_host`]: which URL goes where, and the layers around them (CORS, the
//!   error envelope);
//! - `entry` (the `/v1.0` handler: faults, token, body, `$batch`) and `exec` (one
//!   authenticated request, also each of a batch), then `routes` (which handler answers a path
//!   and method);
//! - the handlers: `routes::{items, places, search}` (reads), `write`, `upload`, `links`,
//!   `delta`, `shares` (an item by its link), `files` (downloads, thumbnails, web pages);
//! - what they share, below them: `ctx` (the request context and scopes), `resolve` (the item
//!   resolver), `error` ([`error::GraphError`]), `content`, `odata`, `paging`, `render`, `persist`,
//!   `bodies`, `faulted`.

pub mod batch;
mod bodies;
pub mod content;
pub mod ctx;
pub mod delta;
mod entry;
pub mod error;
mod exec;
mod faulted;
pub mod files;
pub mod links;
pub mod odata;
mod paging;
pub mod persist;
pub mod render;
pub mod resolve;
mod routes;
mod shares;
pub mod upload;
pub mod write;

use axum::http::HeaderValue;
use axum::middleware::from_fn_with_state;
use axum::routing::{any, get};
use axum::Router;

use crate::cors::{cors, AllowHeaders, Cors};
use crate::state::Shared;

/// Graph's routes (`/v1.0/…`) and the web pages its URLs open (sharing links, previews, the
/// OneDrive and SharePoint views), on the emulator's main address.
pub fn router(st: &Shared) -> Router<Shared> {
    let expose = if st.settings.faults.hide_retry_after {
        entry::EXPOSE.to_string()
    } else {
        format!("{}, Retry-After", entry::EXPOSE)
    };
    let policy = Cors {
        methods: "GET, POST, PUT, PATCH, DELETE, OPTIONS",
        allow_headers: AllowHeaders::Listed(entry::ALLOW_HEADERS),
        expose: HeaderValue::from_str(&expose).ok(),
        max_age: 3600,
        always: false,
    };
    let graph = Router::new()
        .route("/v1.0/{*path}", any(entry::graph))
        .layer(from_fn_with_state(st.clone(), entry::envelope))
        .layer(from_fn_with_state(policy, cors));
    Router::new()
        .route("/_share/{token}", get(files::share))
        .route("/_preview/{token}", get(files::preview))
        .route("/_onedrive", get(files::onedrive))
        .route("/_onedrive/", get(files::onedrive))
        .route("/_onedrive/{*rest}", get(files::onedrive))
        .route("/personal/{*rest}", get(files::sharepoint))
        .route("/sites/{*rest}", get(files::sharepoint))
        .merge(graph)
}

/// The file host's routes, on an address of its own: pre-authenticated downloads (personal
/// `/_files/…`, and SharePoint's `…/_layouts/15/download.aspx`), thumbnails and upload-session
/// URLs. They take no bearer token: one sent along is refused (401), as Microsoft documents for
/// upload URLs and as a Graph token is on SharePoint, so a client that leaks its token is caught.
pub fn file_host() -> Router<Shared> {
    let policy = Cors {
        methods: "GET, PUT, POST, DELETE, OPTIONS",
        allow_headers: AllowHeaders::Listed(
            "Content-Range, Content-Type, Content-Length, If-Match, Retry-Attempt, Range",
        ),
        expose: Some(HeaderValue::from_static(
            "Content-Range, Content-Length, Content-Disposition, ETag",
        )),
        max_age: 3600,
        always: true,
    };
    Router::new()
        .route("/_files/{token}", get(files::personal_download))
        .route("/_thumbnails/{token}", get(files::thumbnail))
        .route("/_upload/{id}", any(upload::fragment::fragment))
        .route("/personal/{*rest}", get(files::sharepoint_download))
        .route("/sites/{*rest}", get(files::sharepoint_download))
        .layer(axum::middleware::from_fn(files::no_bearer))
        .layer(from_fn_with_state(policy, cors))
}
