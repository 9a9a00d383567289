//! The emulator under load: starts the emulator binary as its own process on loopback, signs in
//! `--clients` users in parallel and has each browse as a picker does (profile, listings,
//! paging through a 10,000-item folder, thumbnails, search, token refresh, a small upload and its
//! delete) for `--seconds`. Prints requests, throughput, latency percentiles and the emulator's
//! resident memory over time; exits non-zero when any request failed or memory kept growing.
//!
//! `cargo run -p emulator --example load -- --bin target/release/emulator --clients 50 --seconds 60`

#[path = "../tests/common/mod.rs"]
mod common;

use std::process::Stdio;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use common::{Client, ADELE, ALL_SCOPES, MEGAN};
use serde_json::Value;
use tokio::io::{AsyncBufReadExt, BufReader};

struct Args {
    bin: String,
    clients: usize,
    seconds: u64,
    /// Allowed growth of resident memory from the first sample after warm-up to the last, in MiB.
    max_growth_mib: u64,
}

fn args() -> Args {
    let mut a = Args {
        bin: "target/debug/emulator".into(),
        clients: 50,
        seconds: 60,
        max_growth_mib: 16,
    };
    let mut it = std::env::args().skip(1);
    while let Some(k) = it.next() {
        let v = it.next().unwrap_or_default();
        match k.as_str() {
            "--bin" => a.bin = v,
            "--clients" => a.clients = v.parse().expect("--clients N"),
            "--seconds" => a.seconds = v.parse().expect("--seconds N"),
            "--max-growth-mib" => a.max_growth_mib = v.parse().expect("--max-growth-mib N"),
            other => panic!("unknown option {other}"),
        }
    }
    a
}

/// Resident memory of `pid` in KiB (Linux).
fn rss_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|n| n.parse().ok())
        })
        .unwrap_or(0)
}

#[derive(Default)]
struct Stats {
    ok: AtomicU64,
    failed: AtomicU64,
    latencies_us: std::sync::Mutex<Vec<u64>>,
}

impl Stats {
    fn record(&self, started: Instant, ok: bool, what: &str) {
        if ok {
            self.ok.fetch_add(1, Ordering::Relaxed);
        } else {
            self.failed.fetch_add(1, Ordering::Relaxed);
            eprintln!("load: failed: {what}");
        }
        self.latencies_us
            .lock()
            .unwrap()
            .push(started.elapsed().as_micros() as u64);
    }
}

/// One client: signs in, then browses until `deadline`.
async fn client(base: String, upn: &'static str, n: usize, deadline: Instant, stats: Arc<Stats>) {
    let c = Client::new(&base);
    let tokens = c.login(upn, ALL_SCOPES).await;
    let mut access = tokens["access_token"].as_str().unwrap().to_string();
    let mut refresh = tokens["refresh_token"].as_str().unwrap().to_string();
    let mut round = 0u64;
    while Instant::now() < deadline {
        round += 1;
        let get = |path: String| {
            let c = &c;
            let access = access.clone();
            let stats = stats.clone();
            async move {
                let t = Instant::now();
                let r = c.get(&access, &path).await;
                let ok = r.status().is_success();
                let body: Value = r.json().await.unwrap_or(Value::Null);
                stats.record(t, ok && !body.is_null(), &path);
                body
            }
        };
        get("/me".into()).await;
        let root = get("/me/drive/root/children?$expand=thumbnails&$top=50".into()).await;
        if let Some(folder) = root["value"]
            .as_array()
            .and_then(|v| v.iter().find(|i| i["folder"].is_object()))
        {
            let id = folder["id"].as_str().unwrap_or_default();
            get(format!("/me/drive/items/{id}/children")).await;
        }
        if upn == ADELE {
            // Two pages of the 10,000-item folder, the second through its nextLink.
            let page =
                get("/me/drive/root:/Big folder (10,000 items):/children?$top=200".into()).await;
            if let Some(next) = page["@odata.nextLink"].as_str() {
                get(next.to_string()).await;
            }
        }
        if let Some(thumb) = root["value"][0]["thumbnails"][0]["small"]["url"].as_str() {
            let t = Instant::now();
            let ok = c
                .http
                .get(thumb)
                .send()
                .await
                .is_ok_and(|r| r.status().is_success());
            stats.record(t, ok, "thumbnail");
        }
        get("/me/drive/root/search(q='report')?$top=20".into()).await;
        if round.is_multiple_of(5) {
            // A small upload and its delete: the tenant ends as it began.
            let path = format!("/me/drive/root:/load-{n}-{round}.txt:/content");
            let t = Instant::now();
            let r = c.put(&access, &path, "load test").await;
            let created: Value = r.json().await.unwrap_or(Value::Null);
            stats.record(t, created["id"].is_string(), "upload");
            if let Some(id) = created["id"].as_str() {
                let t = Instant::now();
                let r = c
                    .http
                    .delete(c.graph(&format!("/me/drive/items/{id}")))
                    .bearer_auth(&access)
                    .send()
                    .await;
                stats.record(t, r.is_ok_and(|r| r.status().as_u16() == 204), "delete");
            }
        }
        if round.is_multiple_of(10) {
            let t = Instant::now();
            let r: Value = c
                .refresh(&refresh, None)
                .await
                .json()
                .await
                .unwrap_or(Value::Null);
            let ok = r["access_token"].is_string();
            stats.record(t, ok, "refresh");
            if ok {
                access = r["access_token"].as_str().unwrap().to_string();
                refresh = r["refresh_token"].as_str().unwrap().to_string();
            }
        }
    }
}

#[tokio::main]
async fn main() {
    let a = args();
    let mut child = tokio::process::Command::new(&a.bin)
        .args(["--port", "0"])
        .stdout(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {}: {e}", a.bin));
    let pid = child.id().expect("emulator pid");
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let base = loop {
        let line = lines.next_line().await.unwrap().expect("emulator output");
        if let Some(b) = line.strip_prefix("listening on ") {
            break b.trim().to_string();
        }
    };
    let stats = Arc::new(Stats::default());
    let started = Instant::now();
    let deadline = started + Duration::from_secs(a.seconds);
    let tasks: Vec<_> = (0..a.clients)
        .map(|n| {
            let upn = if n % 2 == 0 { ADELE } else { MEGAN };
            tokio::spawn(client(base.clone(), upn, n, deadline, stats.clone()))
        })
        .collect();
    // Resident memory every 5 s; the first sample after a 10 s warm-up is the baseline.
    let mut samples = Vec::new();
    while Instant::now() < deadline {
        tokio::time::sleep(Duration::from_secs(5)).await;
        samples.push((started.elapsed().as_secs(), rss_kib(pid)));
    }
    let mut panicked = 0;
    for t in tasks {
        if t.await.is_err() {
            panicked += 1;
        }
    }
    let elapsed = started.elapsed().as_secs_f64();
    let ok = stats.ok.load(Ordering::Relaxed);
    let failed = stats.failed.load(Ordering::Relaxed);
    let mut lat = stats.latencies_us.lock().unwrap().clone();
    lat.sort_unstable();
    let pct = |p: f64| {
        lat.get(((lat.len() as f64 * p) as usize).min(lat.len().saturating_sub(1)))
            .copied()
            .unwrap_or(0) as f64
            / 1000.0
    };
    let baseline = samples
        .iter()
        .find(|(t, _)| *t >= 10)
        .or(samples.first())
        .map(|s| s.1)
        .unwrap_or(0);
    let last = samples.last().map(|s| s.1).unwrap_or(0);
    println!(
        "load: {} clients, {:.0} s: {ok} requests ok, {failed} failed, {panicked} clients panicked; {:.0} req/s; latency p50 {:.1} ms, p95 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        a.clients,
        elapsed,
        ok as f64 / elapsed,
        pct(0.50),
        pct(0.95),
        pct(0.99),
        pct(1.0),
    );
    println!(
        "load: emulator resident memory (MiB) every 5 s: {}",
        samples
            .iter()
            .map(|(t, k)| format!("{t}s {:.1}", *k as f64 / 1024.0))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let growth_mib = last.saturating_sub(baseline) as f64 / 1024.0;
    let _ = child.kill().await;
    if failed > 0 || panicked > 0 || ok == 0 {
        eprintln!("load: FAILED: requests failed");
        std::process::exit(1);
    }
    if growth_mib > a.max_growth_mib as f64 {
        eprintln!(
            "load: FAILED: resident memory grew {growth_mib:.1} MiB after warm-up (more than {})",
            a.max_growth_mib
        );
        std::process::exit(1);
    }
    println!(
        "load: memory growth after warm-up {growth_mib:.1} MiB (at most {})",
        a.max_growth_mib
    );
}
