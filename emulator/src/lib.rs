//! An offline Microsoft 365 tenant: the identity platform v2.0 and Microsoft Graph v1.0 endpoints
//! a OneDrive / SharePoint / Teams file picker uses, faithful to the real services' status codes,
//! headers, bodies and errors, with a deterministic seeded tenant and fault injection.
//!
//! Start it with [`start`]; the binary (`cargo run -p emulator -- --port 8787`) wraps it.
//!
//! The rooms: [`identity`] (sign-in, tokens, discovery) and [`graph`] (Graph and the file host)
//! each give a router; [`control`] the control API; [`app`] merges them under the layers every
//! request passes ([`guard`], [`bodies`]). Below the rooms: [`state`], [`store`] (the tenant's
//! data, [`seed`]ed), [`cors`], [`faults`], [`crypto`], [`clock`], [`config`], [`util`].

pub mod bodies;
pub mod changes;
pub mod clock;
pub mod config;
pub mod control;
pub mod cors;
pub mod crypto;
pub mod disk;
pub mod faults;
pub mod graph;
pub mod guard;
pub mod host;
pub mod identity;
pub mod images;
pub mod seed;
pub mod state;
pub mod store;
pub mod util;

use std::net::SocketAddr;

use axum::extract::DefaultBodyLimit;
use axum::middleware::{from_fn, from_fn_with_state};
use axum::Router;

use config::Settings;
pub use state::{AppState, Shared};

/// The emulator's main address: the identity platform, Graph, the web pages behind Graph's
/// URLs, and the control API.
pub fn app(state: Shared) -> Router {
    let rooms = Router::new()
        .merge(identity::router())
        .merge(graph::router(&state))
        .merge(host::router())
        .merge(control::router());
    guarded(rooms, state)
}

/// The file host's address ([`graph::file_host`]).
pub fn file_host_app(state: Shared) -> Router {
    guarded(graph::file_host(), state)
}

/// The layers every request passes: the guard, and small bodies only (Graph and upload URLs
/// read theirs themselves, after authentication: [`bodies`]).
fn guarded(rooms: Router<Shared>, state: Shared) -> Router {
    rooms
        .layer(DefaultBodyLimit::max(bodies::SMALL_LIMIT))
        .layer(from_fn(bodies::small_only))
        .layer(from_fn_with_state(state.clone(), guard::guard))
        .with_state(state)
}

/// A running emulator.
pub struct Running {
    /// The bound address (127.0.0.1 only).
    pub addr: SocketAddr,
    /// The file host's address (127.0.0.1, another port).
    pub files_addr: SocketAddr,
    /// Its state.
    pub state: Shared,
    /// The server task.
    pub task: tokio::task::JoinHandle<std::io::Result<()>>,
    /// The file host's server task.
    pub files_task: tokio::task::JoinHandle<std::io::Result<()>>,
}

impl Running {
    /// The public base URL.
    pub fn base(&self) -> &str {
        &self.state.base
    }
}

/// Binds 127.0.0.1:`port` (0 picks a free port) for Graph and the identity platform, and another
/// free loopback port for the file host, and serves both in background tasks.
pub async fn start(settings: Settings, port: u16) -> std::io::Result<Running> {
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
    let files = tokio::net::TcpListener::bind(("127.0.0.1", 0)).await?;
    let addr = listener.local_addr()?;
    let files_addr = files.local_addr()?;
    let base = settings
        .public_url
        .clone()
        .unwrap_or_else(|| format!("http://127.0.0.1:{}", addr.port()));
    let files_base = settings
        .files_public_url
        .clone()
        .unwrap_or_else(|| format!("http://127.0.0.1:{}", files_addr.port()));
    let state = AppState::new(settings, base, files_base);
    graph::persist::load_persisted(&state);
    let app = app(state.clone());
    let files_app = file_host_app(state.clone());
    let task = tokio::spawn(async move { axum::serve(listener, app).await });
    let files_task = tokio::spawn(async move { axum::serve(files, files_app).await });
    Ok(Running {
        addr,
        files_addr,
        state,
        task,
        files_task,
    })
}
