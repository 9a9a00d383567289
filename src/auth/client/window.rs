//! The sign-in window. It opens in the click (pop-up blockers let a window through only there)
//! and goes to the authority in that same click when the attempt was prepared beforehand (its
//! PKCE challenge comes from the browser's SubtleCrypto, which answers asynchronously): the
//! first screen need not wait for the rest of the flow's code, which arrives while the user signs
//! in. Unprepared (too early a click, no SubtleCrypto), it opens blank and the flow's code sends
//! it, as MSAL.js does. Then the wait for its answer, and the code's redemption.

use web_sys::Window;

use super::inner::AuthClient;
use crate::auth::error::AuthError;
use crate::auth::flow::{self, Attempt, Interactive};
use crate::auth::popup::{self, Answer};
use crate::auth::session::Ticket;
use crate::auth::token::Account;
use crate::browser::{fill_random, sha256};

/// A sign-in whose window is open; [`PendingSignIn::finish`] waits for the authority's answer
/// (sending the window there first if the click could not).
pub struct PendingSignIn {
    client: AuthClient,
    /// None inside a host: it asks the user itself.
    popup: Option<Window>,
    opts: Interactive,
    number: u64,
    ticket: Ticket,
    /// The attempt the click sent the window to the authority for, and the listening for its
    /// answer (begun before the window went).
    sent: Option<(Attempt, Answer)>,
}

impl Drop for PendingSignIn {
    fn drop(&mut self) {
        if self.client.0.attempt.get() == self.number {
            self.client.0.attempt.set(0);
        }
    }
}

impl AuthClient {
    /// Prepares the next sign-in's attempt (its random values and PKCE challenge), so that the
    /// click sends the window straight to the authority. Call it when a sign-in button shows;
    /// a sign-in without it still works (the window opens blank, and goes to the authority once
    /// the flow's code is here).
    pub fn prepare_sign_in(&self) {
        // Not in a frame of another origin: there the window goes to the relay page first (the
        // flow's code, fetched after the click).
        let framed = crate::browser::framed_cross_origin();
        if self.nested() || self.redirects() || framed || self.0.prepared.borrow().is_some() {
            return;
        }
        let client = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            if let Some(attempt) = Attempt::digested(fill_random, sha256).await {
                client.0.prepared.borrow_mut().get_or_insert(attempt);
            }
        });
    }

    /// Opens the sign-in window: at the authority when an attempt is prepared, else blank. Call
    /// it synchronously from the click handler; [`PendingSignIn::finish`] does the rest.
    pub fn begin_sign_in(&self, opts: &Interactive) -> Result<PendingSignIn, AuthError> {
        // One sign-in at a time, unless the window of the one in progress looked closed: then the
        // new attempt supersedes it.
        if self.0.attempt.get() != 0 && !self.0.looked_closed.get() {
            return Err(AuthError::InteractionInProgress);
        }
        let (opts, ticket) = {
            let session = self.0.session.borrow();
            let mut opts = opts.clone();
            opts.prompt = session.prompt(opts.prompt);
            (opts, session.ticket())
        };
        let (popup, sent) = if self.nested() {
            (None, None)
        } else {
            let (window, sent) = self.open_window(&opts)?;
            (Some(window), sent)
        };
        let number = self.0.attempts.get() + 1;
        self.0.attempts.set(number);
        self.0.attempt.set(number);
        self.0.looked_closed.set(false);
        Ok(PendingSignIn {
            client: self.clone(),
            popup,
            opts,
            number,
            ticket,
            sent,
        })
    }

    /// Opens the window, sent to the authority if an attempt was prepared (and prepares the
    /// next, for a retry).
    fn open_window(&self, opts: &Interactive) -> Result<(Window, Option<(Attempt, Answer)>), AuthError> {
        let Some(attempt) = self.0.prepared.take() else {
            return Ok((popup::open("about:blank", &self.0.window_name)?, None));
        };
        self.prepare_sign_in();
        let unreachable = crate::browser::unreachable_by_others();
        let url = flow::authorize_url(&self.0.config, &attempt, opts, unreachable);
        let answer = popup::listen(&attempt.id);
        let window = popup::open(&url, &self.0.window_name)?;
        Ok((window, Some((attempt, answer))))
    }

    /// Where the window goes for `attempt`: the authority, or in a frame of another origin the
    /// relay page that opens it (see [`flow::relay_url`]).
    fn window_url(&self, attempt: &Attempt, opts: &Interactive) -> Result<String, AuthError> {
        let config = &self.0.config;
        // In a frame of another origin the relay page opens the window: never unreachable.
        let unreachable = crate::browser::unreachable_by_others();
        let url = flow::authorize_url(config, attempt, opts, unreachable);
        if crate::browser::framed_cross_origin() {
            flow::relay_url(&config.redirect_uri, &crate::browser::origin(), &url)
        } else {
            Ok(url)
        }
    }
}

impl PendingSignIn {
    /// This attempt's number (increasing): a result for an older attempt can be told apart.
    pub fn number(&self) -> u64 {
        self.number
    }

    /// The sign-in window (none inside a host).
    pub fn window(&self) -> Option<&Window> {
        self.popup.as_ref()
    }

    /// Whether the click sent the window to the authority (else it opened blank, and
    /// [`PendingSignIn::finish`] sends it).
    pub fn at_authority(&self) -> bool {
        self.sent.is_some()
    }

    /// Whether the authority's answer has arrived (the click sent the window there, and the
    /// redirect page has answered): [`PendingSignIn::finish`] takes it at once.
    pub fn answered(&self) -> bool {
        self.sent.as_ref().is_some_and(|(_, answer)| answer.arrived())
    }

    /// Sends the window to the authority unless the click did (a new PKCE pair, state and
    /// nonce), waits for its answer, redeems the code and returns the account. `on_closed` is
    /// called if the window looks closed meanwhile (the wait goes on: see [`popup::wait`]).
    pub async fn finish(mut self, on_closed: impl Fn()) -> Result<Account, AuthError> {
        let Some(popup) = self.popup.clone() else {
            return self.client.sign_in_hosted(&self.opts, self.ticket).await;
        };
        let (attempt, answer) = match self.sent.take() {
            Some(sent) => sent,
            None => {
                let attempt = Attempt::new(fill_random);
                let answer = popup::listen(&attempt.id);
                let sent = self.client.window_url(&attempt, &self.opts).and_then(|url| {
                    popup.location().set_href(&url).map_err(|_| AuthError::PopupClosed)
                });
                if let Err(e) = sent {
                    let _ = popup.close();
                    return Err(e);
                }
                (attempt, answer)
            }
        };
        let inner = &self.client.0;
        let scope = flow::scopes(&inner.config, &self.opts);
        let closed = || {
            inner.looked_closed.set(true);
            on_closed();
        };
        let superseded = || inner.attempt.get() != self.number;
        let timeout = inner.config.popup_timeout_ms;
        let id = &attempt.id;
        let params = popup::wait(&popup, id, answer, timeout, &closed, &superseded).await?;
        self.client
            .finish_code(&attempt, &params, scope, self.ticket)
            .await
    }
}
