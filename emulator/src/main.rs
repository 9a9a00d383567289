//! `emulator`: runs the offline Microsoft 365 tenant on 127.0.0.1.

use std::path::PathBuf;

use clap::Parser;
use emulator::config::{AppRegistration, FaultSettings, Settings};

/// An offline Microsoft 365 tenant (identity platform v2.0 + Microsoft Graph v1.0).
#[derive(Parser, Debug)]
#[command(version, about)]
struct Cli {
    /// Port on 127.0.0.1 (0 picks a free one).
    #[arg(long, default_value_t = 8787)]
    port: u16,
    /// JSON file with app registrations (an array; see README). Default: the built-in demo apps.
    #[arg(long)]
    apps: Option<PathBuf>,
    /// Keep uploads and new folders in this directory (and load them at start).
    #[arg(long)]
    persist: Option<PathBuf>,
    /// Public base URL used in links (default http://127.0.0.1:PORT).
    #[arg(long)]
    public_url: Option<String>,
    /// Public base URL of the file host, for every URL it hands out: upload sessions, downloads,
    /// thumbnails (default http://127.0.0.1:FILE_PORT). Behind a TLS front, an https address of
    /// its own.
    #[arg(long)]
    files_public_url: Option<String>,
    /// Latency added to every Graph request, in milliseconds.
    #[arg(long, default_value_t = 0)]
    latency_ms: u64,
    /// A random extra latency per Graph request, from 0 to this many milliseconds.
    #[arg(long, default_value_t = 0)]
    latency_jitter_ms: u64,
    /// Fraction (0–1) of Graph requests throttled.
    #[arg(long, default_value_t = 0.0)]
    throttle_rate: f64,
    /// Status of throttled answers: 429 or 503.
    #[arg(long, default_value_t = 429)]
    throttle_status: u16,
    /// Retry-After seconds on throttled answers.
    #[arg(long, default_value_t = 2)]
    retry_after: u64,
    /// Do not expose Retry-After to browsers (as graph.microsoft.com did in 2022).
    #[arg(long)]
    hide_retry_after: bool,
    /// Fraction (0–1) of Graph requests whose connection drops mid-response.
    #[arg(long, default_value_t = 0.0)]
    drop_rate: f64,
    /// Serve an empty page (with a nextLink) before every page of a listing.
    #[arg(long)]
    empty_pages: bool,
    /// Access-token lifetime in seconds (default: random 60–90 minutes, like Entra ID).
    #[arg(long)]
    access_token_lifetime: Option<i64>,
    /// Answer /me/drive/recent and /me/drive/sharedWithMe as Graph does after their deprecation:
    /// 200 with no items.
    #[arg(long)]
    retired_feeds: bool,
    /// The sharing-link scopes the tenant allows, comma-separated (`organization,users` turns
    /// anonymous links off); others answer 403 accessDenied. All by default.
    #[arg(long, value_delimiter = ',')]
    link_scopes: Option<Vec<String>>,
    /// The identity platform's public base URL when it has a host of its own
    /// (`https://login.microsoftonline.com`, with `--public-url https://graph.microsoft.com`).
    #[arg(long)]
    identity_url: Option<String>,
}

#[tokio::main]
async fn main() {
    let cli = Cli::parse();
    let apps: Vec<AppRegistration> = match &cli.apps {
        Some(path) => {
            let text = std::fs::read_to_string(path).unwrap_or_else(|e| {
                eprintln!("emulator: cannot read {}: {e}", path.display());
                std::process::exit(2)
            });
            serde_json::from_str(&text).unwrap_or_else(|e| {
                eprintln!(
                    "emulator: {} is not a valid app registration list: {e}",
                    path.display()
                );
                std::process::exit(2)
            })
        }
        None => vec![],
    };
    let settings = Settings {
        apps,
        faults: FaultSettings {
            latency_ms: cli.latency_ms,
            latency_jitter_ms: cli.latency_jitter_ms,
            throttle_rate: cli.throttle_rate,
            throttle_status: cli.throttle_status,
            retry_after: cli.retry_after,
            hide_retry_after: cli.hide_retry_after,
            drop_rate: cli.drop_rate,
            empty_pages: cli.empty_pages,
        },
        persist_dir: cli.persist,
        public_url: cli.public_url,
        access_token_lifetime: cli.access_token_lifetime,
        retired_feeds: cli.retired_feeds,
        link_scopes: cli.link_scopes,
        identity_url: cli.identity_url,
        files_public_url: cli.files_public_url,
    };
    let running = match emulator::start(settings, cli.port).await {
        Ok(r) => r,
        Err(e) => {
            eprintln!("emulator: cannot listen on 127.0.0.1:{}: {e}", cli.port);
            std::process::exit(1)
        }
    };
    println!("listening on http://{}", running.addr);
    println!("file host on http://{}", running.files_addr);
    tokio::select! {
        r = running.task => {
            if let Ok(Err(e)) = r { eprintln!("emulator: server error: {e}"); std::process::exit(1) }
        }
        _ = tokio::signal::ctrl_c() => {}
    }
}
