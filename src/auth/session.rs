//! The session's state, versioned (DOM-free). Every sign-in and sign-out starts a new
//! generation; a token response requested in an older generation is dropped, so a refresh that
//! was in flight when the user signed out can never sign them back in. After a sign-out, the
//! next interactive sign-in asks for an account (`prompt=select_account`) instead of silently
//! taking the authority's still-open session.

use super::config::Prompt;
use super::token::TokenSet;

/// What the storage holds after a sign-out (so a reload still knows).
pub const SIGNED_OUT: &str = "signed-out";

/// Tokens, their generation, and whether the user signed out.
#[derive(Debug, Default)]
pub struct Session {
    tokens: Option<TokenSet>,
    generation: u64,
    signed_out: bool,
}

/// What a request in flight remembers of the session it started in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ticket(u64);

impl Session {
    /// A session restored from storage (`None`: nothing stored).
    pub fn restore(stored: Option<&str>) -> Session {
        Session {
            tokens: stored.and_then(TokenSet::from_storage),
            ..Session::marked(stored)
        }
    }

    /// What storage says without parsing tokens: only whether the user signed out.
    pub fn marked(stored: Option<&str>) -> Session {
        Session {
            tokens: None,
            generation: 0,
            signed_out: stored == Some(SIGNED_OUT),
        }
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
        true
    }

    /// An interactive sign-in completed: a new generation with these tokens, unless the session
    /// changed since the sign-in began (`ticket`).
    pub fn signed_in(&mut self, ticket: Ticket, tokens: TokenSet) -> bool {
        if !self.current(ticket) {
            return false;
        }
        self.generation += 1;
        self.tokens = Some(tokens);
        self.signed_out = false;
        true
    }

    /// Signs out: forgets the tokens and invalidates every request in flight.
    pub fn sign_out(&mut self) {
        self.generation += 1;
        self.tokens = None;
        self.signed_out = true;
    }

    /// Whether the user signed out (and has not signed in since).
    pub fn is_signed_out(&self) -> bool {
        self.signed_out
    }

    /// The prompt for the next interactive sign-in: the one asked for, or the account picker
    /// right after a sign-out.
    pub fn prompt(&self, asked: Option<Prompt>) -> Option<Prompt> {
        asked.or(self.signed_out.then_some(Prompt::SelectAccount))
    }

    /// What the storage should hold.
    pub fn to_storage(&self) -> Option<String> {
        match (&self.tokens, self.signed_out) {
            (Some(t), _) => Some(t.to_storage()),
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

    #[test]
    fn a_refresh_in_flight_at_sign_out_is_dropped() {
        let mut s = Session::default();
        assert!(s.signed_in(s.ticket(), tokens("first")));
        let refreshing = s.ticket();
        s.sign_out();
        assert!(!s.refreshed(refreshing, tokens("late")));
        assert!(s.tokens().is_none());
        assert_eq!(s.to_storage().as_deref(), Some(SIGNED_OUT));
        // Nor can a late "refresh token is dead" touch a newer session.
        let signing_in = s.ticket();
        assert!(s.signed_in(signing_in, tokens("second")));
        assert!(!s.expired(refreshing));
        assert!(s.tokens().is_some());
    }

    #[test]
    fn a_sign_in_begun_before_a_sign_out_does_not_complete() {
        let mut s = Session::default();
        let begun = s.ticket();
        s.sign_out();
        assert!(!s.signed_in(begun, tokens("late")));
        assert!(s.tokens().is_none());
    }

    #[test]
    fn after_sign_out_the_next_sign_in_asks_for_an_account() {
        let mut s = Session::restore(None);
        assert_eq!(s.prompt(None), None);
        s.sign_out();
        assert_eq!(s.prompt(None), Some(Prompt::SelectAccount));
        assert_eq!(s.prompt(Some(Prompt::Login)), Some(Prompt::Login));
        // A reload remembers it through the storage.
        let restored = Session::restore(s.to_storage().as_deref());
        assert!(restored.is_signed_out());
        assert_eq!(restored.prompt(None), Some(Prompt::SelectAccount));
        let mut s = restored;
        assert!(s.signed_in(s.ticket(), tokens("t")));
        assert_eq!(s.prompt(None), None);
    }
}
