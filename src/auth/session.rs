//! The session's state, versioned (DOM-free). Every sign-in and sign-out starts a new
//! generation; a token response requested in an older generation is dropped, so a refresh that
//! was in flight when the user signed out can never sign them back in. After a sign-out, the
//! next interactive sign-in asks for an account (`prompt=select_account`) instead of silently
//! taking the authority's still-open session.
//!
//! Storage shared by tabs (local storage) is changed by other tabs too: [`Session::outside`]
//! takes what another tab wrote. A sign-out there signs this tab out; another sign-in there ends
//! this tab's session (its tokens are parsed later); a refresh there keeps the session.

use super::config::{AuthConfig, Prompt};
use super::stored::sid_of;
use super::token::TokenSet;

/// What the storage holds after a sign-out (so a reload still knows).
pub const SIGNED_OUT: &str = "signed-out";

/// Tokens, their generation, and whether the user signed out.
#[derive(Debug, Default)]
pub struct Session {
    tokens: Option<TokenSet>,
    /// The id of the interactive sign-in the tokens come from (kept across refreshes).
    sid: Option<String>,
    generation: u64,
    signed_out: bool,
}

/// What another tab's change of the stored session meant here.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outside {
    /// Nothing that concerns this session.
    Unchanged,
    /// The same sign-in's tokens were refreshed there: the record may be adopted.
    Refreshed,
    /// The user signed out there: so here.
    SignedOut,
    /// The stored session is gone (its refresh token died there): so here.
    Forgotten,
    /// Another sign-in replaced it: this session ended; the record is another account's.
    Replaced,
}

/// What a request in flight remembers of the session it started in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ticket(u64);

impl Session {
    /// A session restored from storage (`None`: nothing stored).
    #[cfg(test)]
    pub fn restore(stored: Option<&str>, config: &AuthConfig) -> Session {
        let mut session = Session::marked(stored);
        if let Some(s) = stored {
            session.adopt(s, config);
        }
        session
    }

    /// What storage says without parsing tokens: only whether the user signed out.
    pub fn marked(stored: Option<&str>) -> Session {
        Session {
            tokens: None,
            sid: None,
            generation: 0,
            signed_out: stored == Some(SIGNED_OUT),
        }
    }

    /// Takes a stored record made for `config`: when signed out of nothing (no tokens, no
    /// sign-out), or when it is the same sign-in's (refreshed in another tab). Returns whether
    /// it was taken.
    pub fn adopt(&mut self, stored: &str, config: &AuthConfig) -> bool {
        let Some((tokens, sid)) = TokenSet::from_storage(stored, config) else {
            return false;
        };
        let ours = self.sid.as_deref() == Some(sid.as_str());
        if !ours && (self.tokens.is_some() || self.signed_out) {
            return false;
        }
        self.tokens = Some(tokens);
        self.sid = Some(sid);
        true
    }

    /// Another tab left `stored` in the shared storage (`None`: removed). A sign-out or a removal
    /// ends this session and every request in flight; another sign-in's record ends it too (the
    /// caller parses the record later, with [`Session::adopt`]); the same sign-in's record
    /// changes nothing here.
    pub fn outside(&mut self, stored: Option<&str>) -> Outside {
        match stored {
            Some(SIGNED_OUT) if self.signed_out && self.tokens.is_none() => Outside::Unchanged,
            Some(SIGNED_OUT) => {
                self.sign_out();
                Outside::SignedOut
            }
            None => {
                self.end();
                self.signed_out = false;
                Outside::Forgotten
            }
            Some(record) if self.sid.is_some() && sid_of(record) == self.sid.as_deref() => {
                Outside::Refreshed
            }
            Some(_) => {
                self.end();
                self.signed_out = false;
                Outside::Replaced
            }
        }
    }

    /// Forgets the tokens and invalidates every request in flight.
    fn end(&mut self) {
        self.generation += 1;
        self.tokens = None;
        self.sid = None;
    }

    /// The id of the sign-in the tokens come from.
    #[cfg(test)]
    pub fn sid(&self) -> Option<&str> {
        self.sid.as_deref()
    }

    /// The tokens, if signed in.
    pub fn tokens(&self) -> Option<&TokenSet> {
        self.tokens.as_ref()
    }

    /// Taken when a token request starts.
    pub fn ticket(&self) -> Ticket {
        Ticket(self.generation)
    }

    /// Whether a request started with `ticket` still belongs to this session.
    pub fn current(&self, ticket: Ticket) -> bool {
        ticket.0 == self.generation
    }

    /// Stores refreshed tokens, unless the session changed since `ticket` was taken.
    pub fn refreshed(&mut self, ticket: Ticket, tokens: TokenSet) -> bool {
        if !self.current(ticket) {
            return false;
        }
        self.tokens = Some(tokens);
        true
    }

    /// The refresh token is dead: forget the tokens, unless the session changed meanwhile.
    pub fn expired(&mut self, ticket: Ticket) -> bool {
        if !self.current(ticket) {
            return false;
        }
        self.tokens = None;
        self.sid = None;
        true
    }

    /// An interactive sign-in (`sid`, a new random id) completed: a new generation with these
    /// tokens, unless the session changed since the sign-in began (`ticket`).
    pub fn signed_in(&mut self, ticket: Ticket, tokens: TokenSet, sid: String) -> bool {
        if !self.current(ticket) {
            return false;
        }
        self.generation += 1;
        self.tokens = Some(tokens);
        self.sid = Some(sid);
        self.signed_out = false;
        true
    }

    /// Signs out: forgets the tokens and invalidates every request in flight.
    pub fn sign_out(&mut self) {
        self.end();
        self.signed_out = true;
    }

    /// Whether the user signed out (and has not signed in since).
    #[cfg(test)]
    pub fn is_signed_out(&self) -> bool {
        self.signed_out
    }

    /// The prompt for the next interactive sign-in: the one asked for, or the account picker
    /// right after a sign-out.
    pub fn prompt(&self, asked: Option<Prompt>) -> Option<Prompt> {
        asked.or(self.signed_out.then_some(Prompt::SelectAccount))
    }

    /// What the storage should hold, bound to `config`'s origins.
    pub fn to_storage(&self, config: &AuthConfig) -> Option<String> {
        match (&self.tokens, self.signed_out) {
            (Some(t), _) => Some(t.to_storage(self.sid.as_deref().unwrap_or("-"), config)),
            (None, true) => Some(SIGNED_OUT.to_string()),
            (None, false) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::secret::AccessToken;

    fn tokens(access: &str) -> TokenSet {
        TokenSet {
            access_token: AccessToken::new(access.to_string()),
            expires_at_ms: 0.0,
            scopes: vec![],
            refresh_token: None,
            account: None,
        }
    }

    fn config() -> AuthConfig {
        AuthConfig::new("c", "https://p/auth.html")
    }

    fn signed_in(sid: &str) -> Session {
        let mut s = Session::default();
        assert!(s.signed_in(s.ticket(), tokens("first"), sid.into()));
        s
    }

    #[test]
    fn a_refresh_in_flight_at_sign_out_is_dropped() {
        let mut s = signed_in("a");
        let refreshing = s.ticket();
        s.sign_out();
        assert!(!s.refreshed(refreshing, tokens("late")));
        assert!(s.tokens().is_none());
        assert_eq!(s.to_storage(&config()).as_deref(), Some(SIGNED_OUT));
        // Nor can a late "refresh token is dead" touch a newer session.
        let signing_in = s.ticket();
        assert!(s.signed_in(signing_in, tokens("second"), "b".into()));
        assert!(!s.expired(refreshing));
        assert!(s.tokens().is_some());
    }

    #[test]
    fn a_sign_in_begun_before_a_sign_out_does_not_complete() {
        let mut s = Session::default();
        let begun = s.ticket();
        s.sign_out();
        assert!(!s.signed_in(begun, tokens("late"), "a".into()));
        assert!(s.tokens().is_none());
    }

    #[test]
    fn after_sign_out_the_next_sign_in_asks_for_an_account() {
        let mut s = Session::restore(None, &config());
        assert_eq!(s.prompt(None), None);
        s.sign_out();
        assert_eq!(s.prompt(None), Some(Prompt::SelectAccount));
        assert_eq!(s.prompt(Some(Prompt::Login)), Some(Prompt::Login));
        // A reload remembers it through the storage.
        let restored = Session::restore(s.to_storage(&config()).as_deref(), &config());
        assert!(restored.is_signed_out());
        assert_eq!(restored.prompt(None), Some(Prompt::SelectAccount));
        let mut s = restored;
        assert!(s.signed_in(s.ticket(), tokens("t"), "a".into()));
        assert_eq!(s.prompt(None), None);
    }

    #[test]
    fn a_sign_out_in_another_tab_signs_this_one_out_and_drops_its_refresh() {
        let mut s = signed_in("a");
        let refreshing = s.ticket();
        assert_eq!(s.outside(Some(SIGNED_OUT)), Outside::SignedOut);
        assert!(s.tokens().is_none() && s.is_signed_out());
        assert!(!s.refreshed(refreshing, tokens("late")));
        assert_eq!(s.to_storage(&config()).as_deref(), Some(SIGNED_OUT));
        // The same marker again (this tab's own write echoed) changes nothing.
        let now = s.ticket();
        assert_eq!(s.outside(Some(SIGNED_OUT)), Outside::Unchanged);
        assert!(s.current(now));
    }

    #[test]
    fn another_tab_s_refresh_keeps_the_session_and_its_sign_in_replaces_it() {
        let config = config();
        let mut s = signed_in("a");
        let ticket = s.ticket();
        let theirs = tokens("refreshed there").to_storage("a", &config);
        assert_eq!(s.outside(Some(&theirs)), Outside::Refreshed);
        assert!(s.current(ticket));
        assert!(s.adopt(&theirs, &config));
        assert_eq!(s.tokens().unwrap().access_token.secret(), "refreshed there");

        let other = tokens("another account").to_storage("b", &config);
        assert_eq!(s.outside(Some(&other)), Outside::Replaced);
        assert!(!s.current(ticket) && s.tokens().is_none());
        assert!(s.adopt(&other, &config));
        assert_eq!(s.sid(), Some("b"));
        // A record of another sign-in is not taken over live tokens.
        assert!(!s.adopt(&theirs, &config));
        assert_eq!(s.sid(), Some("b"));

        assert_eq!(s.outside(None), Outside::Forgotten);
        assert!(s.tokens().is_none() && !s.is_signed_out());
        // Garbage counts as another sign-in's: the session ends, nothing is adopted.
        let mut s = signed_in("a");
        assert_eq!(s.outside(Some("{not json")), Outside::Replaced);
        assert!(!s.adopt("{not json", &config));
    }

    #[test]
    fn a_record_for_other_origins_is_not_restored() {
        let config = config();
        let stored = signed_in("a").to_storage(&config).unwrap();
        assert!(Session::restore(Some(&stored), &config).tokens().is_some());
        let mut elsewhere = config.clone();
        elsewhere.graph_origin = "https://graph.evil.example".into();
        assert!(Session::restore(Some(&stored), &elsewhere)
            .tokens()
            .is_none());
    }
}
