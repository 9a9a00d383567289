//! Test harness: a real emulator on 127.0.0.1:0, an HTTP client that does not follow redirects,
//! schema validation of every JSON body, and the PKCE sign-in done over HTTP like a browser would.
#![allow(dead_code)]

use emulator::config::Settings;

pub const REDIRECT: &str = "http://localhost:8080/auth.html";
pub const APP_ORIGIN: &str = "http://localhost:8080";
pub const ADELE: &str = "AdeleV@contoso.onmicrosoft.com";
pub const MEGAN: &str = "MeganB@contoso.onmicrosoft.com";
pub const PAT: &str = "pat.kim@outlook.com";
pub const ALL_SCOPES: &str = "openid profile email offline_access User.Read Files.ReadWrite.All Sites.Read.All Team.ReadBasic.All Channel.ReadBasic.All";

/// A browser-like client of an emulator at `base` (in this process or another).
pub struct Client {
    pub base: String,
    pub http: reqwest::Client,
}

impl Client {
    pub fn new(base: &str) -> Client {
        Client {
            base: base.to_string(),
            http: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
        }
    }
}

/// An emulator started in this process, and a client of it.
pub struct Env {
    pub client: Client,
    pub running: emulator::Running,
}

impl std::ops::Deref for Env {
    type Target = Client;
    fn deref(&self) -> &Client {
        &self.client
    }
}

pub async fn start() -> Env {
    start_with(Settings::default()).await
}

pub async fn start_with(settings: Settings) -> Env {
    let running = emulator::start(settings, 0).await.expect("emulator starts");
    Env {
        client: Client::new(running.base()),
        running,
    }
}

mod graph;
mod schema;
mod sign_in;

// Each test binary uses a part of the harness.
#[allow(unused_imports)]
pub use {graph::*, schema::*, sign_in::*};
