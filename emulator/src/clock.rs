//! The emulator's clock: real time plus an offset that tests may advance (`/_emulator/clock`).

use std::sync::atomic::{AtomicI64, Ordering};

use chrono::{DateTime, Duration, Utc};

/// How far the clock may be moved from real time, either way: 100 years.
pub const MAX_OFFSET_SECS: i64 = 100 * 366 * 86_400;

/// Real time shifted by a settable offset.
#[derive(Debug, Default)]
pub struct Clock {
    offset_secs: AtomicI64,
}

impl Clock {
    /// The emulator's "now".
    pub fn now(&self) -> DateTime<Utc> {
        let now = Utc::now();
        now.checked_add_signed(Duration::seconds(self.offset_secs.load(Ordering::Relaxed)))
            .unwrap_or(now)
    }

    /// Moves time by `secs` (forward when positive). Refused, leaving the clock as it was, when
    /// the offset from real time would pass [`MAX_OFFSET_SECS`].
    pub fn advance(&self, secs: i64) -> Result<(), i64> {
        self.offset_secs
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |cur| {
                cur.checked_add(secs).filter(|o| o.abs() <= MAX_OFFSET_SECS)
            })
            .map(|_| ())
            .map_err(|_| MAX_OFFSET_SECS)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn advancing_past_the_bound_is_refused_and_changes_nothing() {
        let c = Clock::default();
        assert!(c.advance(90_000).is_ok());
        let before = c.now();
        assert!(c.advance(100_000_000_000_000).is_err());
        assert!(c.advance(i64::MAX).is_err());
        assert!(c.advance(i64::MIN).is_err());
        let after = c.now();
        assert!((after - before).num_seconds().abs() < 5);
        assert!(c.advance(-90_000).is_ok());
    }
}
