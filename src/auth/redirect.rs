//! Redirect sign-in, DOM-free: the record a picker leaves in the page's session storage before the
//! page goes to the authority, and reads back when it returns. The record holds the attempt (its
//! state, nonce and PKCE verifier: session storage of the page's origin only, never a URL), the
//! scopes asked for, the address to come back to, and the picker's place (its breadcrumb trail);
//! the redirect page (`www/auth.js`) adds the authority's answer and returns to that address, so
//! the page's own routes never see `code` or `state`. A record names the picker instance it is for.

use serde::{Deserialize, Serialize};

use super::config::AuthConfig;
use super::flow::Attempt;
use super::secret::{CsrfToken, PkceCodeVerifier};

/// Session storage keys of records: this prefix, then the attempt's id (the `state`'s first part,
/// which the redirect page reads).
pub const RECORD_PREFIX: &str = "onedrive-picker.redirect|";

/// How long a record waits for its answer before it is dropped, in milliseconds.
pub const RECORD_LIFETIME_MS: f64 = 15.0 * 60_000.0;

/// One redirect sign-in under way (or come back: `params` set by the redirect page).
#[derive(Clone, Serialize, Deserialize, PartialEq)]
pub struct Record {
    /// The format's version.
    pub v: u32,
    /// The picker instance (configuration and instance name) it is for.
    pub instance: String,
    /// `state`.
    pub state: String,
    /// `nonce`.
    pub nonce: String,
    /// The PKCE verifier.
    pub verifier: String,
    /// The scopes asked for (space separated).
    pub scope: String,
    /// Where the redirect page returns to (an address of the page's origin).
    #[serde(rename = "return")]
    pub return_to: String,
    /// The picker's place, as [`crate::picker`] encodes its trail.
    pub place: Option<String>,
    /// When it was made (ms since the epoch).
    pub at: f64,
    /// The authority's answer (the fragment or query the redirect page received).
    #[serde(default)]
    pub params: Option<String>,
}

impl std::fmt::Debug for Record {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Record")
            .field("instance", &self.instance)
            .field("returned", &self.params.is_some())
            .finish_non_exhaustive()
    }
}

/// The instance key of a picker: its configuration's storage key (client, tenant, both origins)
/// and its instance name (the element's `id`, `dialog`, or the component's).
pub fn instance_key(config: &AuthConfig) -> String {
    format!("{}|{}", config.storage_key(), config.instance)
}

impl Record {
    /// The record for `attempt`, made at `now_ms`.
    pub fn new(config: &AuthConfig, attempt: &Attempt, scope: &str, return_to: &str, place: Option<String>, now_ms: f64) -> Record {
        Record {
            v: 1,
            instance: instance_key(config),
            state: attempt.state.secret().clone(),
            nonce: attempt.nonce.secret().clone(),
            verifier: attempt.verifier.secret().clone(),
            scope: scope.to_string(),
            return_to: return_to.to_string(),
            place,
            at: now_ms,
            params: None,
        }
    }

    /// Its storage key.
    pub fn key(&self) -> String {
        format!("{RECORD_PREFIX}{}", self.id())
    }

    /// The attempt's id (the part of `state` before the dot).
    pub fn id(&self) -> &str {
        self.state.split('.').next().unwrap_or_default()
    }

    /// The attempt again, to check the answer and redeem the code.
    pub fn attempt(&self) -> Attempt {
        Attempt {
            id: self.id().to_string(),
            state: CsrfToken::new(self.state.clone()),
            nonce: CsrfToken::new(self.nonce.clone()),
            verifier: PkceCodeVerifier::new(self.verifier.clone()),
            // Sent with the authorize URL; the answer's check and the redemption need none.
            challenge: String::new(),
        }
    }

    /// Reads a stored record; none when it is not one.
    pub fn parse(text: &str) -> Option<Record> {
        serde_json::from_str::<Record>(text).ok().filter(|r| r.v == 1)
    }

    /// As stored.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Whether it is for `instance` and has come back with an answer, in time at `now_ms`.
    pub fn returned_for(&self, instance: &str, now_ms: f64) -> bool {
        self.instance == instance && self.params.is_some() && !self.stale(now_ms)
    }

    /// Whether it is too old to be answered (then it is removed).
    pub fn stale(&self, now_ms: f64) -> bool {
        !(self.at <= now_ms && now_ms - self.at < RECORD_LIFETIME_MS)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record() -> Record {
        let mut config = AuthConfig::new("c", "https://p/auth.html");
        config.instance = "files".into();
        let attempt = Attempt::new(|b| b.fill(7));
        Record::new(&config, &attempt, "User.Read openid", "https://p/app?x=1#top", Some("[]".into()), 1000.0)
    }

    #[test]
    fn a_record_round_trips_and_gives_back_its_attempt() {
        let r = record();
        let back = Record::parse(&r.to_json()).unwrap();
        assert!(back == r);
        let a = back.attempt();
        assert_eq!(a.id, r.id());
        assert_eq!(back.key(), format!("onedrive-picker.redirect|{}", a.id));
        assert_eq!(a.state.secret(), &r.state);
        assert!(r.state.starts_with(&format!("{}.", a.id)));
        // What auth.js reads: `return` and `params`.
        let v: serde_json::Value = serde_json::from_str(&r.to_json()).unwrap();
        assert_eq!(v["return"], "https://p/app?x=1#top");
        assert!(v["params"].is_null());
    }

    #[test]
    fn a_record_is_for_one_instance_and_only_once_answered_in_time() {
        let mut r = record();
        let me = "onedrive-picker.tokens|c|common|https://login.microsoftonline.com|https://graph.microsoft.com|files";
        assert_eq!(r.instance, me);
        assert!(!r.returned_for(me, 2000.0), "not answered yet");
        r.params = Some("code=x&state=y".into());
        assert!(r.returned_for(me, 2000.0));
        assert!(!r.returned_for(&me.replace("|files", "|other"), 2000.0));
        assert!(!r.returned_for(me, 1000.0 + RECORD_LIFETIME_MS), "too late");
        assert!(r.stale(500.0), "from the future");
        for bad in ["", "{}", "[]", r#"{"v":2}"#] {
            assert!(Record::parse(bad).is_none(), "{bad}");
        }
        assert!(!format!("{r:?}").contains(&r.verifier), "Debug shows no secret");
    }
}
