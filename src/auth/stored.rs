//! A token set in the storage the page opted into (session or local storage; memory by
//! default keeps nothing here).

use serde::{Deserialize, Serialize};

use super::secret::{AccessToken, RefreshToken};
use super::token::{Account, TokenSet};

/// The serialized form of a token set, for the storage the page opted into.
#[derive(Serialize, Deserialize)]
struct Stored {
    access_token: String,
    expires_at_ms: f64,
    scopes: Vec<String>,
    refresh_token: Option<String>,
    account: Option<(String, String, String, String)>,
}

impl TokenSet {
    /// JSON for session or local storage (only when the page opted in).
    pub fn to_storage(&self) -> String {
        let s = Stored {
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

    /// Reads [`TokenSet::to_storage`] output; `None` for anything else.
    pub fn from_storage(json: &str) -> Option<TokenSet> {
        let s: Stored = serde_json::from_str(json).ok()?;
        Some(TokenSet {
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
        })
    }
}

#[cfg(test)]
mod storage_tests {
    use super::*;

    #[test]
    fn storage_round_trip() {
        let t = TokenSet {
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
        };
        let back = TokenSet::from_storage(&t.to_storage()).unwrap();
        assert_eq!(back.access_token, t.access_token);
        assert_eq!(back.refresh_token, t.refresh_token);
        assert_eq!(back.account, t.account);
        assert!(TokenSet::from_storage("{\"garbage\":1}").is_none());
    }
}
