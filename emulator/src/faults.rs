//! Fault injection for Graph requests: from start-up options, from scripted rules posted to
//! `/_emulator/faults`, and per request from the `x-emulator-fault` header, e.g.
//! `x-emulator-fault: throttle; status=503; retry-after=7` or `latency; ms=800`.

use rand::Rng;
use serde::{Deserialize, Serialize};

use crate::config::FaultSettings;

/// One kind of fault.
#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum FaultKind {
    /// 429 (or `status`) with `Retry-After`.
    Throttle,
    /// 503 serviceNotAvailable with `Retry-After`.
    Unavailable,
    /// 500 generalException.
    ServerError,
    /// Headers sent, then the connection is cut mid-body.
    Drop,
    /// Delay the answer by `latency_ms`.
    Latency,
    /// Answer 401 as if the access token had expired.
    ExpiredToken,
    /// A CAE claims challenge (401 `insufficient_claims`) for CP1-capable tokens.
    ClaimsChallenge,
    /// An empty page with a nextLink before the real page of a listing.
    EmptyPage,
    /// The real answer with its body cut in half (a complete response that is not valid JSON).
    Truncated,
    /// A 200 whose body is not JSON at all (as a misbehaving proxy answers).
    Malformed,
}

/// A scripted fault: applies to Graph requests whose path contains `path_contains`.
#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct FaultRule {
    /// The fault.
    pub fault: FaultKind,
    /// Substring of the request path (after the host) that selects requests; empty = all.
    #[serde(default)]
    pub path_contains: String,
    /// Only for this HTTP method (any when absent).
    #[serde(default)]
    pub method: Option<String>,
    /// How many requests it applies to (then it is removed); absent = until cleared.
    #[serde(default)]
    pub times: Option<u32>,
    /// How many matching requests pass untouched before it applies (the third fragment of an
    /// upload, say).
    #[serde(default)]
    pub skip: Option<u32>,
    /// Status for throttle (429 or 503).
    #[serde(default)]
    pub status: Option<u16>,
    /// Retry-After seconds.
    #[serde(default)]
    pub retry_after: Option<u64>,
    /// Latency in milliseconds.
    #[serde(default)]
    pub latency_ms: Option<u64>,
}

/// The longest delay a fault adds to one request (a larger request is clamped to it).
pub const MAX_LATENCY_MS: u64 = 120_000;
/// The largest `Retry-After` a fault announces, in seconds.
pub const MAX_RETRY_AFTER_SECS: u64 = 3_600;

/// What to do with one request.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Plan {
    /// Delay first.
    pub latency_ms: u64,
    /// Then answer with this fault instead (latency and empty-page aside).
    pub fault: Option<(FaultKind, u16, u64)>,
    /// Put an empty page before the real one.
    pub empty_page: bool,
}

/// Parses an `x-emulator-fault` header value into a rule.
pub fn parse_header(value: &str) -> Option<FaultRule> {
    let mut parts = value.split(';').map(str::trim);
    let kind: FaultKind = serde_json::from_value(serde_json::Value::String(
        parts.next()?.to_ascii_lowercase(),
    ))
    .ok()?;
    let mut rule = FaultRule {
        fault: kind,
        path_contains: String::new(),
        method: None,
        times: Some(1),
        skip: None,
        status: None,
        retry_after: None,
        latency_ms: None,
    };
    for p in parts {
        let (k, v) = p.split_once('=')?;
        match k.trim() {
            "status" => rule.status = v.trim().parse().ok(),
            "retry-after" => rule.retry_after = v.trim().parse().ok(),
            "ms" => rule.latency_ms = v.trim().parse().ok(),
            _ => {}
        }
    }
    Some(rule)
}

/// The scripted rules this request matches (in order), counting down their `skip` and `times`;
/// spent rules are removed.
fn matching(rules: &mut Vec<FaultRule>, method: &str, path: &str) -> Vec<FaultRule> {
    let mut chosen: Vec<FaultRule> = Vec::new();
    rules.retain_mut(|r| {
        let hit = path.contains(&r.path_contains)
            && r.method
                .as_deref()
                .map(|m| m.eq_ignore_ascii_case(method))
                .unwrap_or(true);
        if !hit {
            return true;
        }
        if let Some(n) = r.skip.as_mut().filter(|n| **n > 0) {
            *n -= 1;
            return true;
        }
        chosen.push(r.clone());
        match &mut r.times {
            Some(n) if *n <= 1 => false,
            Some(n) => {
                *n -= 1;
                true
            }
            None => true,
        }
    });
    chosen
}

/// Decides the faults for a request: scripted rules (consumed), the header, then random ones.
pub fn plan(
    settings: &FaultSettings,
    rules: &mut Vec<FaultRule>,
    header: Option<&str>,
    method: &str,
    path: &str,
) -> Plan {
    let jitter = match settings.latency_jitter_ms.min(MAX_LATENCY_MS) {
        0 => 0,
        j => rand::thread_rng().gen_range(0..=j),
    };
    let mut plan = Plan {
        latency_ms: settings
            .latency_ms
            .saturating_add(jitter)
            .min(MAX_LATENCY_MS),
        fault: None,
        empty_page: settings.empty_pages,
    };
    let mut chosen = matching(rules, method, path);
    chosen.extend(header.and_then(parse_header));
    for r in chosen {
        apply(&mut plan, &r, settings);
    }
    if plan.fault.is_none() {
        let mut rng = rand::thread_rng();
        if settings.throttle_rate > 0.0 && rng.gen_bool(settings.throttle_rate.min(1.0)) {
            let status = if settings.throttle_status == 0 {
                429
            } else {
                settings.throttle_status
            };
            let retry = settings.retry_after.clamp(1, MAX_RETRY_AFTER_SECS);
            plan.fault = Some((FaultKind::Throttle, status, retry));
        } else if settings.drop_rate > 0.0 && rng.gen_bool(settings.drop_rate.min(1.0)) {
            plan.fault = Some((FaultKind::Drop, 0, 0));
        }
    }
    plan
}

fn apply(plan: &mut Plan, r: &FaultRule, settings: &FaultSettings) {
    let retry = r
        .retry_after
        .unwrap_or(settings.retry_after.max(1))
        .min(MAX_RETRY_AFTER_SECS);
    match r.fault {
        FaultKind::Latency => {
            plan.latency_ms = plan
                .latency_ms
                .saturating_add(r.latency_ms.unwrap_or(1000))
                .min(MAX_LATENCY_MS)
        }
        FaultKind::EmptyPage => plan.empty_page = true,
        FaultKind::Throttle => plan.fault = Some((r.fault, r.status.unwrap_or(429), retry)),
        FaultKind::Unavailable => plan.fault = Some((r.fault, 503, retry)),
        other => plan.fault = Some((other, 0, retry)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_syntax() {
        let r = parse_header("throttle; status=503; retry-after=7").unwrap();
        assert_eq!(r.fault, FaultKind::Throttle);
        assert_eq!((r.status, r.retry_after), (Some(503), Some(7)));
        assert_eq!(
            parse_header("latency; ms=250").unwrap().latency_ms,
            Some(250)
        );
        assert!(parse_header("nonsense").is_none());
    }

    #[test]
    fn huge_values_saturate_and_are_clamped() {
        let s = FaultSettings {
            latency_ms: u64::MAX,
            ..FaultSettings::default()
        };
        let mut rules = vec![FaultRule {
            fault: FaultKind::Latency,
            path_contains: String::new(),
            method: None,
            times: None,
            skip: None,
            status: None,
            retry_after: None,
            latency_ms: Some(u64::MAX),
        }];
        let header = "latency; ms=18446744073709551615";
        let p = plan(&s, &mut rules, Some(header), "GET", "/v1.0/me");
        assert_eq!(p.latency_ms, MAX_LATENCY_MS);
        let p = plan(
            &s,
            &mut vec![],
            Some("throttle; retry-after=18446744073709551615"),
            "GET",
            "/",
        );
        assert_eq!(
            p.fault,
            Some((FaultKind::Throttle, 429, MAX_RETRY_AFTER_SECS))
        );
    }

    #[test]
    fn scripted_rules_are_consumed() {
        let s = FaultSettings::default();
        let mut rules = vec![FaultRule {
            fault: FaultKind::Throttle,
            path_contains: "/children".into(),
            method: None,
            times: Some(2),
            skip: None,
            status: None,
            retry_after: Some(3),
            latency_ms: None,
        }];
        assert!(plan(&s, &mut rules, None, "GET", "/v1.0/me")
            .fault
            .is_none());
        for _ in 0..2 {
            let p = plan(&s, &mut rules, None, "GET", "/v1.0/me/drive/root/children");
            assert_eq!(p.fault, Some((FaultKind::Throttle, 429, 3)));
        }
        assert!(rules.is_empty());
        let mut third = vec![FaultRule {
            fault: FaultKind::Drop,
            path_contains: "/_upload/".into(),
            method: Some("PUT".into()),
            times: Some(1),
            skip: Some(2),
            status: None,
            retry_after: None,
            latency_ms: None,
        }];
        let faults: Vec<bool> = (0..4)
            .map(|_| {
                plan(&s, &mut third, None, "PUT", "/_upload/x")
                    .fault
                    .is_some()
            })
            .collect();
        assert_eq!(
            faults,
            [false, false, true, false],
            "skips two, then applies once"
        );
        assert!(
            plan(&s, &mut rules, None, "GET", "/v1.0/me/drive/root/children")
                .fault
                .is_none()
        );
    }
}
