//! The emulator's shared state: what every handler reaches through `State<Shared>`. It sits
//! below every room — it holds their data (the tenant's store, the identity platform's grants,
//! upload sessions, fault rules) but none of their behaviour.

use std::collections::HashMap;
use std::sync::atomic::AtomicU64;
use std::sync::Arc;

use parking_lot::{Mutex, RwLock};

use crate::config::{self, AppRegistration, Settings};
use crate::faults::FaultRule;
use crate::graph::upload::session::UploadSession;
use crate::identity::grants::AuthState;
use crate::{bodies, clock, crypto, seed, store, util};

/// Shared state of a running emulator.
pub struct AppState {
    /// Public base URL (no trailing slash), e.g. `http://127.0.0.1:8787`.
    pub base: String,
    /// Base URL of the file host (another loopback port): pre-authenticated download and
    /// thumbnail URLs point there, as the real ones point at SharePoint and OneDrive content
    /// hosts, not at Graph.
    pub files_base: String,
    /// Signing keys.
    pub keys: crypto::Keys,
    /// The tenant's data.
    pub store: RwLock<store::Store>,
    /// App registrations.
    pub apps: Vec<AppRegistration>,
    /// Codes, tokens, consents.
    pub auth: Mutex<AuthState>,
    /// Start-up settings.
    pub settings: Settings,
    /// Scripted faults.
    pub fault_rules: Mutex<Vec<FaultRule>>,
    /// The clock.
    pub clock: clock::Clock,
    /// Upload sessions in progress.
    pub uploads: Mutex<HashMap<String, UploadSession>>,
    /// The identity platform's base URL (`--identity-url`, else [`AppState::base`]).
    pub identity_base: String,
    /// The hosts of `--public-url` and `--identity-url`, which requests may name besides
    /// loopback ones.
    pub public_hosts: Vec<String>,
    /// Graph requests answered so far (preflights aside), for tests that bound retries.
    pub graph_requests: AtomicU64,
    /// The large request bodies being read ([`bodies`]).
    pub bodies: bodies::Budget,
}

/// The state handle handlers share.
pub type Shared = Arc<AppState>;

impl AppState {
    /// Builds the state for `settings`, serving at `base`, with the seeded tenant (files kept
    /// with `--persist` are loaded by [`crate::start`]).
    pub fn new(mut settings: Settings, base: String, files_base: String) -> Shared {
        let apps = if settings.apps.is_empty() {
            config::default_apps()
        } else {
            std::mem::take(&mut settings.apps)
        };
        let identity_base = settings
            .identity_url
            .as_deref()
            .unwrap_or(&base)
            .trim_end_matches('/')
            .to_string();
        let public_hosts = [
            &settings.public_url,
            &settings.identity_url,
            &settings.files_public_url,
        ]
        .into_iter()
        .flatten()
        .filter_map(|u| url::Url::parse(u).ok())
        .filter_map(|u| u.host_str().map(str::to_string))
        .collect();
        Arc::new(AppState {
            base: base.trim_end_matches('/').to_string(),
            files_base: files_base.trim_end_matches('/').to_string(),
            keys: crypto::Keys::new(settings.persist_dir.as_deref(), util::random_bytes(32)),
            store: RwLock::new(seed::seed()),
            apps,
            auth: Mutex::new(AuthState::default()),
            identity_base,
            public_hosts,
            settings,
            fault_rules: Mutex::new(Vec::new()),
            clock: clock::Clock::default(),
            uploads: Mutex::new(HashMap::new()),
            graph_requests: AtomicU64::new(0),
            bodies: bodies::Budget::default(),
        })
    }
}
