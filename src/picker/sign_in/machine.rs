//! The sign-in as one state machine, DOM-free: its phases (restoring a stored session, signed
//! out, signing in — first, for consent, to switch accounts, or again after an error —, signed
//! in, failed), the account, and the counters the rest of the picker follows. Every way in uses
//! it: the shell of the element, the dialog and the component, and the `use_microsoft365` hook
//! (which the component may share, so the app and the picker follow one machine). The DOM edge
//! ([`super::session`]) turns clicks, popups, storage events and Graph's answers into
//! [`Event`]s and starts what a new phase asks for (a restore).

use crate::auth::session::Outside;
use crate::auth::{Account, AuthError};

/// Why a sign-in window is open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Why {
    /// The user signed in (from the sign-in screen or the app's button).
    SignIn,
    /// More scopes are needed (Teams, writing, sharing links): the user consents.
    Consent,
    /// The user switches accounts.
    Switch,
    /// Again, after an error (with the consent prompt when the error asked for it).
    Retry,
}

/// Where the sign-in stands.
#[derive(Clone, Debug, PartialEq)]
pub enum Phase {
    /// Reading (and refreshing) the session kept in storage; `replaced`: another tab signed in
    /// with another account, whose session is read now.
    Restoring {
        /// Another tab's sign-in replaced the session.
        replaced: bool,
    },
    /// Nobody is signed in.
    SignedOut,
    /// A sign-in window is open.
    SigningIn(Why),
    /// Signed in (or the page provides the tokens): browsing.
    SignedIn,
    /// A sign-in failed, or Graph needs the user: the error, with what to do.
    Failed(AuthError),
}

impl Phase {
    /// The phase's name on the picker's root (`data-phase`).
    pub fn name(&self) -> &'static str {
        match self {
            Phase::Restoring { .. } => "restoring",
            Phase::SignedOut => "signed-out",
            Phase::SigningIn(_) => "signing-in",
            Phase::SignedIn => "browsing",
            Phase::Failed(_) => "failed",
        }
    }
}

/// What happened.
#[derive(Clone, Debug)]
pub enum Event {
    /// The stored session was read (or the host asked): its account, if it holds one.
    Restored(Option<Account>),
    /// The host that brokers the tokens refused, or did not answer, at start.
    RestoreFailed(AuthError),
    /// Sign-in attempt `attempt` opened its window.
    Begin {
        /// The attempt's number (a newer attempt owns the screen).
        attempt: u64,
        /// Why.
        why: Why,
    },
    /// The window could not be opened (a bad configuration, a blocked popup).
    CouldNotBegin(AuthError),
    /// Attempt `attempt`'s window looks closed (it may only look so: its answer is still taken).
    PopupClosed {
        /// The attempt.
        attempt: u64,
    },
    /// Attempt `attempt` ended.
    Finished {
        /// The attempt.
        attempt: u64,
        /// The account signed in, or why not.
        result: Result<Account, AuthError>,
    },
    /// The user signed out here.
    SignOut,
    /// Another tab changed the stored session.
    Outside(Outside),
    /// Graph refused the tokens in a way only the user can mend (sign in again, consent).
    NeedsUser(AuthError),
}

/// The sign-in's state: phase, account, and counters.
#[derive(Clone, Debug, PartialEq)]
pub struct SignIn {
    phase: Phase,
    account: Option<Account>,
    /// Sign-ins completed (a consent granted more scopes: waiting work goes on).
    sign_ins: u64,
    /// Sign-outs, here or in another tab (the page is told of each).
    sign_outs: u64,
    /// Times the account was forgotten (the next one starts afresh, even the same one).
    forgets: u64,
    /// The attempt that owns the screen (`None` after a sign-out: an answer still on its way
    /// is dropped).
    latest: Option<u64>,
    /// The page provides the tokens: there is no sign-in to lose.
    provided: bool,
}

impl SignIn {
    /// The state at start: browsing when the page provides tokens or an account is known,
    /// restoring when a session is stored, signed out otherwise.
    pub fn new(provided: bool, account: Option<Account>, stored: bool) -> SignIn {
        let phase = if provided || account.is_some() {
            Phase::SignedIn
        } else if stored {
            Phase::Restoring { replaced: false }
        } else {
            Phase::SignedOut
        };
        SignIn {
            phase,
            account,
            sign_ins: 0,
            sign_outs: 0,
            forgets: 0,
            latest: None,
            provided,
        }
    }

    /// The phase.
    pub fn phase(&self) -> &Phase {
        &self.phase
    }

    /// The signed-in account.
    pub fn account(&self) -> Option<&Account> {
        self.account.as_ref()
    }

    /// The error shown, if the sign-in failed.
    pub fn error(&self) -> Option<&AuthError> {
        match &self.phase {
            Phase::Failed(e) => Some(e),
            _ => None,
        }
    }

    /// Sign-ins completed.
    pub fn sign_ins(&self) -> u64 {
        self.sign_ins
    }

    /// Sign-outs, here or elsewhere.
    pub fn sign_outs(&self) -> u64 {
        self.sign_outs
    }

    /// Times the account was forgotten.
    pub fn forgets(&self) -> u64 {
        self.forgets
    }

    /// Whether the page provides the tokens.
    #[cfg(test)]
    pub fn provided(&self) -> bool {
        self.provided
    }

    /// Takes `event`.
    pub fn step(&mut self, event: Event) {
        match event {
            Event::Restored(found) => self.restored(found),
            Event::RestoreFailed(e) => {
                if matches!(self.phase, Phase::Restoring { .. }) {
                    self.phase = Phase::Failed(e);
                }
            }
            Event::Begin { attempt, why } => {
                self.latest = Some(attempt);
                self.phase = Phase::SigningIn(why);
            }
            Event::CouldNotBegin(e) => self.phase = Phase::Failed(e),
            Event::PopupClosed { attempt } if self.latest == Some(attempt) => {
                self.phase = Phase::Failed(AuthError::PopupClosed);
            }
            Event::PopupClosed { .. } => {}
            Event::Finished { attempt, result } if self.latest == Some(attempt) => match result {
                Ok(a) => {
                    self.account = Some(a);
                    self.sign_ins += 1;
                    self.phase = Phase::SignedIn;
                }
                Err(e) => self.phase = Phase::Failed(e),
            },
            Event::Finished { .. } => {}
            Event::SignOut => self.signed_out(),
            Event::Outside(Outside::Replaced) => {
                self.forget();
                self.phase = Phase::Restoring { replaced: true };
            }
            Event::Outside(Outside::SignedOut | Outside::Forgotten) => self.signed_out(),
            Event::Outside(Outside::Unchanged | Outside::Refreshed) => {}
            Event::NeedsUser(e) => {
                if !self.provided && self.phase == Phase::SignedIn {
                    self.account = None;
                    self.phase = Phase::Failed(e);
                }
            }
        }
    }

    /// Restoring ends: the stored account, or signed out (unless something else happened
    /// meanwhile).
    fn restored(&mut self, found: Option<Account>) {
        let Phase::Restoring { replaced } = self.phase else {
            return;
        };
        self.phase = match found {
            Some(a) => {
                self.account = Some(a);
                if replaced {
                    self.sign_ins += 1;
                }
                Phase::SignedIn
            }
            None => Phase::SignedOut,
        };
    }

    fn forget(&mut self) {
        self.account = None;
        self.forgets += 1;
        self.latest = None;
    }

    fn signed_out(&mut self) {
        self.forget();
        self.sign_outs += 1;
        self.phase = Phase::SignedOut;
    }
}

#[cfg(test)]
#[path = "machine_tests.rs"]
mod tests;
