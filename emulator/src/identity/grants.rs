//! What the identity platform remembers between requests: authorization codes, refresh
//! tokens, opaque access tokens and consents ([`AuthState`], which the emulator's state holds),
//! and what a verified access token grants ([`AccessGrant`]).

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, Duration, Utc};

use super::scopes::Scopes;

/// How long an authorization code can be redeemed.
pub(crate) const CODE_LIFETIME_SECS: i64 = 600;
/// The fixed lifetime of a single-page app's chain of refresh tokens.
pub(crate) const SPA_REFRESH_LIFETIME_HOURS: i64 = 24;
/// Non-SPA refresh tokens expire after 90 days unused (Entra's default).
const REFRESH_INACTIVE_DAYS: i64 = 90;
/// Refresh grants kept at most; past it the oldest go first.
pub const MAX_REFRESH_GRANTS: usize = 10_000;

/// An issued authorization code.
#[derive(Clone, Debug)]
pub(crate) struct CodeGrant {
    pub(crate) client_id: String,
    pub(crate) redirect_uri: String,
    pub(crate) spa: bool,
    pub(crate) user_id: String,
    pub(crate) scopes: Scopes,
    pub(crate) challenge: Option<String>,
    pub(crate) nonce: Option<String>,
    pub(crate) issued: DateTime<Utc>,
    pub(crate) redeemed: bool,
    pub(crate) cp1: bool,
}

/// A refresh token's grant.
#[derive(Clone, Debug)]
pub(crate) struct RefreshGrant {
    pub(crate) client_id: String,
    pub(crate) user_id: String,
    pub(crate) scopes: Scopes,
    pub(crate) spa: bool,
    /// When the chain of SPA refresh tokens was first issued (expiry is carried over).
    pub(crate) first_issued: DateTime<Utc>,
    pub(crate) issued: DateTime<Utc>,
    pub(crate) cp1: bool,
}

/// What a verified access token grants.
#[derive(Clone, Debug)]
pub struct AccessGrant {
    /// The signed-in user.
    pub user_id: String,
    /// The app.
    pub client_id: String,
    /// Granted Graph permissions.
    pub scopes: Vec<String>,
    /// Issued at.
    pub iat: DateTime<Utc>,
    /// Expiry.
    pub exp: DateTime<Utc>,
    /// Issued to a CAE-capable client (`xms_cc: cp1`).
    pub cp1: bool,
}

/// Why an access token is refused (messages as Graph writes them).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenProblem {
    /// No bearer token.
    Empty,
    /// Not a token we issued.
    Malformed,
    /// Expired or not yet valid.
    Expired,
    /// Issued for another resource.
    WrongAudience,
}

impl TokenProblem {
    /// Graph's message for the problem.
    pub fn message(self) -> &'static str {
        match self {
            TokenProblem::Empty => "Access token is empty.",
            TokenProblem::Malformed => "CompactToken parsing failed with error code: 80049217",
            TokenProblem::Expired => "Access token has expired or is not yet valid.",
            TokenProblem::WrongAudience => "Access token validation failure. Invalid audience.",
        }
    }
}

/// Codes, refresh tokens, opaque access tokens and consents.
#[derive(Debug, Default)]
pub struct AuthState {
    pub(crate) codes: HashMap<String, CodeGrant>,
    pub(crate) refresh: HashMap<String, RefreshGrant>,
    pub(crate) opaque: HashMap<String, AccessGrant>,
    pub(crate) consents: HashMap<(String, String), BTreeSet<String>>,
    /// Access tokens issued before this instant are treated as expired.
    pub access_not_before: Option<DateTime<Utc>>,
    /// Refresh tokens issued before this instant are treated as expired.
    pub refresh_not_before: Option<DateTime<Utc>>,
    /// Exact issue and expiry times of JWT access tokens by `uti` (their `iat` has whole seconds
    /// only), so that expiring "every token issued so far" is exact.
    pub(crate) issued: HashMap<String, (DateTime<Utc>, DateTime<Utc>)>,
}

impl AuthState {
    /// Drops refresh grants that can no longer be redeemed (the SPA's 24 hours, 90 days unused
    /// otherwise), then the oldest ones past [`MAX_REFRESH_GRANTS`] - 1, making room for one.
    pub(crate) fn prune_refresh(&mut self, now: DateTime<Utc>) {
        self.refresh.retain(|_, g| {
            if g.spa {
                now - g.first_issued <= Duration::hours(SPA_REFRESH_LIFETIME_HOURS)
            } else {
                now - g.issued <= Duration::days(REFRESH_INACTIVE_DAYS)
            }
        });
        if self.refresh.len() >= MAX_REFRESH_GRANTS {
            let mut by_age: Vec<(DateTime<Utc>, String)> = self
                .refresh
                .iter()
                .map(|(k, g)| (g.issued, k.clone()))
                .collect();
            by_age.sort();
            let excess = self.refresh.len() + 1 - MAX_REFRESH_GRANTS;
            for (_, k) in by_age.into_iter().take(excess) {
                self.refresh.remove(&k);
            }
        }
    }

    /// How many refresh grants are kept (for tests of the bound).
    pub fn refresh_grants(&self) -> usize {
        self.refresh.len()
    }
}
