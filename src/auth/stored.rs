//! A token set in the storage the page opted into (session or local storage; memory by
//! default keeps nothing here). A record is bound to where it was made: it names the
//! authority's origin and the Graph origin, and a record for other origins is refused (as is
//! anything that does not parse). It also carries the id of the sign-in that made it, first,
//! so that another tab's change can be told from one's own without parsing the record.

use serde::{Deserialize, Serialize};

use super::config::AuthConfig;
use super::secret::{AccessToken, RefreshToken};
use super::token::{Account, TokenSet};

/// The serialized form of a token set. `sid` comes first: see [`sid_of`].
#[derive(Serialize, Deserialize)]
struct Stored {
    sid: String,
    authority: String,
    graph: String,
    access_token: String,
    expires_at_ms: f64,
    scopes: Vec<String>,
    refresh_token: Option<String>,
    account: Option<(String, String, String, String)>,
}

/// The sign-in id of a stored record, read without a JSON parser (the record is written by
/// [`TokenSet::to_storage`], `sid` first); `None` for anything else.
pub fn sid_of(stored: &str) -> Option<&str> {
    let rest = stored.strip_prefix("{\"sid\":\"")?;
    let (sid, _) = rest.split_once('"')?;
    (!sid.is_empty() && !sid.contains('\\')).then_some(sid)
}

impl TokenSet {
    /// JSON for session or local storage (only when the page opted in), for the sign-in `sid`
    /// and bound to `config`'s authority and Graph origins.
    pub fn to_storage(&self, sid: &str, config: &AuthConfig) -> String {
        let s = Stored {
            sid: sid.to_string(),
            authority: config.authority.origin().to_string(),
            graph: config.graph_origin.clone(),
            access_token: self.access_token.secret().to_string(),
            expires_at_ms: self.expires_at_ms,
            scopes: self.scopes.clone(),
            refresh_token: self.refresh_token.as_ref().map(|r| r.secret().to_string()),
            account: self.account.as_ref().map(|a| {
                (
                    a.name.clone(),
                    a.username.clone(),
                    a.tenant_id.clone(),
                    a.object_id.clone(),
                )
            }),
        };
        serde_json::to_string(&s).unwrap_or_default()
    }

    /// Reads [`TokenSet::to_storage`] output with its sign-in id, when it was made for
    /// `config`'s authority and Graph origins; `None` for anything else.
    pub fn from_storage(json: &str, config: &AuthConfig) -> Option<(TokenSet, String)> {
        let s: Stored = serde_json::from_str(json).ok()?;
        if s.authority != config.authority.origin() || s.graph != config.graph_origin {
            return None;
        }
        let set = TokenSet {
            access_token: AccessToken::new(s.access_token),
            expires_at_ms: s.expires_at_ms,
            scopes: s.scopes,
            refresh_token: s.refresh_token.map(RefreshToken::new),
            account: s
                .account
                .map(|(name, username, tenant_id, object_id)| Account {
                    name,
                    username,
                    tenant_id,
                    object_id,
                }),
        };
        Some((set, s.sid))
    }
}

#[cfg(test)]
mod storage_tests {
    use super::*;
    use crate::auth::config::Authority;

    fn set() -> TokenSet {
        TokenSet {
            access_token: AccessToken::new("at".into()),
            expires_at_ms: 42.0,
            scopes: vec!["User.Read".into()],
            refresh_token: Some(RefreshToken::new("rt".into())),
            account: Some(Account {
                name: "N".into(),
                username: "u".into(),
                tenant_id: "t".into(),
                object_id: "o".into(),
            }),
        }
    }

    #[test]
    fn storage_round_trip() {
        let config = AuthConfig::new("c", "https://p/auth.html");
        let t = set();
        let json = t.to_storage("s1", &config);
        assert_eq!(sid_of(&json), Some("s1"));
        let (back, sid) = TokenSet::from_storage(&json, &config).unwrap();
        assert_eq!(sid, "s1");
        assert_eq!(back.access_token, t.access_token);
        assert_eq!(back.refresh_token, t.refresh_token);
        assert_eq!(back.account, t.account);
        assert!(TokenSet::from_storage("{\"garbage\":1}", &config).is_none());
        assert_eq!(sid_of("{\"garbage\":1}"), None);
        assert_eq!(sid_of("signed-out"), None);
    }

    #[test]
    fn a_record_is_refused_by_another_authority_or_graph() {
        let config = AuthConfig::new("c", "https://p/auth.html");
        let json = set().to_storage("s1", &config);
        let mut other_graph = config.clone();
        other_graph.graph_origin = "http://127.0.0.1:9".into();
        assert!(TokenSet::from_storage(&json, &other_graph).is_none());
        let mut other_authority = config.clone();
        other_authority.authority = Authority::parse("http://127.0.0.1:9/common").unwrap();
        assert!(TokenSet::from_storage(&json, &other_authority).is_none());
        // A record of the old format (no origins) is not taken either.
        let old = r#"{"access_token":"at","expires_at_ms":1,"scopes":[],"refresh_token":"rt","account":null}"#;
        assert!(TokenSet::from_storage(old, &config).is_none());
    }
}
