//! How long a failed Graph request waits before it is sent again: bounded, honouring
//! `Retry-After`, and spread, so that the clients one throttle or outage failed together do not
//! come back together (see `docs/scale.md`).

use super::error::GraphError;

/// How many times a throttled or failed request is tried in all.
pub const MAX_ATTEMPTS: u32 = 4;
/// The longest wait between attempts, in seconds.
pub const MAX_WAIT_SECS: u32 = 30;

/// How long to wait after failed attempt `attempt` (1-based), in milliseconds: the service's
/// `Retry-After` when it gave one (1 to [`MAX_WAIT_SECS`] s, and up to a fifth more); otherwise
/// exponential back-off from 1 s for throttling and outages, and from 0.5 s for a dropped
/// connection, which is usually gone at once (a listing must not sit on "Loading…" for long).
/// `spread` (0 to 1, [`crate::http::Transport::spread`]) places the wait in its window: the back-off's second
/// half, or the fifth after `Retry-After`, so that the clients a throttle or an outage failed
/// together come back spread over it rather than at once.
pub fn backoff_ms(attempt: u32, error: &GraphError, spread: f64) -> u32 {
    let spread = spread.clamp(0.0, 1.0);
    let doubling = 1 << (attempt.clamp(1, 5) - 1);
    let half_to_whole = |ms: u32| ms / 2 + (f64::from(ms / 2) * spread) as u32;
    match error {
        GraphError::Service {
            retry_after: Some(s),
            ..
        } => {
            let at_least = (*s).clamp(1, MAX_WAIT_SECS) * 1000;
            at_least + (f64::from(at_least / 5) * (1.0 - spread)) as u32
        }
        GraphError::Network(_) => half_to_whole(500 * doubling),
        _ => half_to_whole((1000 * doubling).min(MAX_WAIT_SECS * 1000)),
    }
}

#[cfg(test)]
mod tests {
    use super::backoff_ms;
    use crate::graph::GraphError;

    #[test]
    fn retries_are_spread_over_their_window() {
        let service = |status, retry_after| GraphError::Service {
            status,
            code: "TooManyRequests".into(),
            inner: None,
            message: String::new(),
            request_id: None,
            retry_after,
        };
        let (throttled, outage) = (service(429, Some(10)), service(503, None));
        let dropped = GraphError::Network("dropped".into());
        // Retry-After is a floor: the spread adds up to a fifth.
        assert_eq!(backoff_ms(1, &throttled, 1.0), 10_000);
        assert_eq!(backoff_ms(1, &throttled, 0.5), 11_000);
        assert_eq!(backoff_ms(1, &throttled, 0.0), 12_000);
        // Back-off: the second half of its window.
        assert_eq!(backoff_ms(3, &outage, 1.0), 4_000);
        assert_eq!(backoff_ms(3, &outage, 0.5), 3_000);
        assert_eq!(backoff_ms(3, &outage, 0.0), 2_000);
        assert_eq!(backoff_ms(1, &dropped, 0.0), 250);
        // Out of range spreads are the window's ends.
        assert_eq!(backoff_ms(3, &outage, 7.0), 4_000);
        assert_eq!(backoff_ms(3, &outage, -1.0), 2_000);
        // A thousand clients failed at once come back over the window, not at one instant.
        let waits: std::collections::BTreeSet<u32> = (0..1000)
            .map(|i| backoff_ms(2, &outage, f64::from(i) / 999.0))
            .collect();
        assert_eq!((waits.first(), waits.last()), (Some(&1000), Some(&2000)));
        assert!(waits.len() > 900, "{} distinct waits", waits.len());
    }
}
