//! Emulator settings: app registrations (from a JSON file or the built-in default) and fault knobs.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

/// Which accounts an app registration admits (`signInAudience`).
#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq)]
pub enum Audience {
    /// Work/school accounts of the app's home tenant only.
    AzureADMyOrg,
    /// Work/school accounts of any tenant.
    AzureADMultipleOrgs,
    /// Work/school and personal accounts.
    AzureADandPersonalMicrosoftAccount,
    /// Personal accounts only.
    PersonalMicrosoftAccount,
}

/// An app registration, as in Entra ID's "App registrations".
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AppRegistration {
    /// Application (client) id.
    pub client_id: String,
    /// Display name shown on the sign-in and consent pages.
    pub display_name: String,
    /// Redirect URIs of platform type "Single-page application".
    #[serde(default)]
    pub spa_redirect_uris: Vec<String>,
    /// Redirect URIs of platform type "Web".
    #[serde(default)]
    pub web_redirect_uris: Vec<String>,
    /// Who may sign in.
    #[serde(default = "default_audience")]
    pub sign_in_audience: Audience,
    /// Home tenant (for `AzureADMyOrg`).
    #[serde(default)]
    pub home_tenant: Option<String>,
    /// Statically configured Graph permissions, granted by `https://graph.microsoft.com/.default`.
    #[serde(default = "default_permissions")]
    pub api_permissions: Vec<String>,
    /// `authenticationBehaviors.coopEnforcement`: `false` opts the app out of the
    /// `Cross-Origin-Opener-Policy` on its sign-in pages (apps made before Entra enforces it);
    /// absent or `true`: the pages isolate their window.
    #[serde(default)]
    pub coop_enforcement: Option<bool>,
}

fn default_audience() -> Audience {
    Audience::AzureADandPersonalMicrosoftAccount
}

fn default_permissions() -> Vec<String> {
    ["User.Read", "Files.ReadWrite.All", "Sites.Read.All"]
        .map(String::from)
        .to_vec()
}

/// The client id of the built-in demo registration (the picker's default).
pub const DEMO_CLIENT_ID: &str = "c5b4b6f0-1d2e-4f3a-9b8c-7d6e5f4a3b2c";
/// The client id of a built-in "Web" (confidential-style) registration, for CORS error tests.
pub const WEB_CLIENT_ID: &str = "8e0f6d3c-2b1a-4c5d-9e8f-0a1b2c3d4e5f";

/// The built-in registrations: the picker demo (SPA) and a web app.
pub fn default_apps() -> Vec<AppRegistration> {
    vec![
        AppRegistration {
            client_id: DEMO_CLIENT_ID.into(),
            display_name: "OneDrive Picker (demo)".into(),
            spa_redirect_uris: vec![
                "http://localhost:8080/auth.html".into(),
                "http://127.0.0.1:8080/auth.html".into(),
                // The package's own redirect page, as the demo's example page uses it.
                "http://localhost:8080/package/auth.html".into(),
                "http://127.0.0.1:8080/package/auth.html".into(),
                // Nested app authentication (a Teams or Outlook host brokers the tokens).
                "brk-multihub://localhost:8080".into(),
                "brk-multihub://127.0.0.1:8080".into(),
            ],
            web_redirect_uris: vec![],
            sign_in_audience: Audience::AzureADandPersonalMicrosoftAccount,
            home_tenant: None,
            api_permissions: [
                "User.Read",
                "Files.ReadWrite.All",
                "Sites.Read.All",
                "Team.ReadBasic.All",
                "Channel.ReadBasic.All",
            ]
            .map(String::from)
            .to_vec(),
            coop_enforcement: None,
        },
        AppRegistration {
            client_id: WEB_CLIENT_ID.into(),
            display_name: "Contoso Intranet (web app)".into(),
            spa_redirect_uris: vec![],
            web_redirect_uris: vec!["http://127.0.0.1:8080/signin-oidc".into()],
            sign_in_audience: Audience::AzureADMultipleOrgs,
            home_tenant: None,
            api_permissions: default_permissions(),
            coop_enforcement: None,
        },
    ]
}

/// Faults applied to Graph requests from start-up (the runtime API and request headers add more).
#[derive(Clone, Debug, Default)]
pub struct FaultSettings {
    /// Added latency per request, in milliseconds.
    pub latency_ms: u64,
    /// A random extra latency per request, from 0 to this many milliseconds.
    pub latency_jitter_ms: u64,
    /// Fraction (0–1) of Graph requests answered 429/503.
    pub throttle_rate: f64,
    /// Status used by `throttle_rate` (429 or 503).
    pub throttle_status: u16,
    /// `Retry-After` seconds.
    pub retry_after: u64,
    /// Leave `Retry-After` out of `Access-Control-Expose-Headers` (as graph.microsoft.com did in 2022).
    pub hide_retry_after: bool,
    /// Fraction (0–1) of Graph requests whose connection is dropped mid-response.
    pub drop_rate: f64,
    /// Put an empty page (with a nextLink) before every page of a listing.
    pub empty_pages: bool,
}

/// Everything the emulator needs to start.
#[derive(Clone, Debug, Default)]
pub struct Settings {
    /// App registrations; empty means [`default_apps`].
    pub apps: Vec<AppRegistration>,
    /// Fault knobs.
    pub faults: FaultSettings,
    /// Persist uploads and new folders under this directory.
    pub persist_dir: Option<PathBuf>,
    /// Public base URL used in links (default `http://127.0.0.1:PORT`).
    pub public_url: Option<String>,
    /// Fixed access-token lifetime in seconds (default: random 60–90 minutes, as Entra).
    pub access_token_lifetime: Option<i64>,
    /// `recent` and `sharedWithMe` answer as Graph does after their deprecation (November
    /// 2026): a success with no items.
    pub retired_feeds: bool,
    /// The sharing-link scopes the tenant allows (`anonymous`, `organization`, `users`); a link
    /// of another scope answers 403, as SharePoint does where external sharing is off. `None`:
    /// all of them.
    pub link_scopes: Option<Vec<String>>,
    /// The identity platform's public base URL, when it has a host of its own (as
    /// `https://login.microsoftonline.com` beside `https://graph.microsoft.com`, for clients
    /// that keep their default hosts behind a local TLS front): its issuer, discovery and pages.
    /// `None`: the same as Graph's.
    pub identity_url: Option<String>,
    /// The file host's public base URL (`--files-public-url`): every URL it hands out (upload
    /// sessions, downloads, thumbnails) is absolute on it, as Graph's are on SharePoint's and
    /// OneDrive's content hosts. `None`: `http://127.0.0.1:{its port}`. Behind a TLS front give it
    /// an `https` address of its own: clients such as the Graph JavaScript client treat only
    /// `https://` URLs as absolute.
    pub files_public_url: Option<String>,
}
