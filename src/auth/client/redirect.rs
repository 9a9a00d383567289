//! Redirect sign-in at the DOM edge: the page goes to the authority and comes back through the
//! redirect page (see [`crate::auth::redirect`]); the picker then finishes the code exchange,
//! and shows the place it was in.

use super::inner::AuthClient;
use crate::auth::config::AuthMode;
use crate::auth::error::AuthError;
use crate::auth::flow::{self, Attempt, Interactive};
use crate::auth::redirect::{instance_key, Record, RECORD_PREFIX};
use crate::auth::token::Account;
use crate::browser::{fill_random, now_ms};
use crate::util::parse_params;

fn no_storage() -> AuthError {
    AuthError::Config("redirect sign-in needs the page's session storage".into())
}

/// The page's session storage.
fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// The keys of the redirect records in `storage`.
fn record_keys(storage: &web_sys::Storage) -> Vec<String> {
    (0..storage.length().unwrap_or(0))
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|k| k.starts_with(RECORD_PREFIX))
        .collect()
}

/// Whether session storage holds any redirect record (read without parsing: the first screen
/// carries no JSON parser; the records are read with the rest of the sign-in).
fn any_record() -> bool {
    session_storage().is_some_and(|s| !record_keys(&s).is_empty())
}

/// The record come back for `instance`, if one has (stale records of any picker are dropped).
fn returned(instance: &str) -> Option<Record> {
    let storage = session_storage()?;
    let now = now_ms();
    let mut found = None;
    for key in record_keys(&storage) {
        let record = storage.get_item(&key).ok().flatten().and_then(|t| Record::parse(&t));
        match record {
            Some(r) if found.is_none() && r.returned_for(instance, now) => found = Some(r),
            Some(r) if !r.stale(now) => {}
            _ => {
                let _ = storage.remove_item(&key);
            }
        }
    }
    found
}

impl AuthClient {
    /// Whether a sign-in leaves the page for the authority (`auth-mode="redirect"`, outside a host).
    pub fn redirects(&self) -> bool {
        self.0.config.mode == AuthMode::Redirect && !self.nested()
    }

    /// Whether a redirect sign-in may have come back for this picker (a record waits in the
    /// page's session storage): [`AuthClient::complete_redirect`] tells.
    pub fn returning(&self) -> bool {
        self.0.returning.get()
    }

    /// Leaves the page for the authority (the redirect page brings the user back here, to the
    /// place last given to [`AuthClient::set_place`]). Returns the attempt's number.
    pub fn begin_redirect(&self, opts: &Interactive) -> Result<u64, AuthError> {
        let config = &self.0.config;
        let mut opts = opts.clone();
        opts.prompt = self.0.session.borrow().prompt(opts.prompt);
        let attempt = Attempt::new(fill_random);
        let unreachable = crate::browser::unreachable_by_others();
        let url = flow::authorize_url(config, &attempt, &opts, unreachable);
        let scope = flow::scopes(config, &opts);
        let window = web_sys::window().ok_or_else(no_storage)?;
        let here = window.location().href().map_err(|_| no_storage())?;
        let place = self.0.place.borrow().clone();
        let record = Record::new(config, &attempt, &scope, &here, place, now_ms());
        session_storage()
            .ok_or_else(no_storage)?
            .set_item(&record.key(), &record.to_json())
            .map_err(|_| no_storage())?;
        window
            .location()
            .assign(&url)
            .map_err(|_| AuthError::Config("the page could not go to the authority".into()))?;
        let number = self.0.attempts.get() + 1;
        self.0.attempts.set(number);
        Ok(number)
    }

    /// Finishes the redirect sign-in that came back for this picker, if one did (`None`: none
    /// did): checks the answer, redeems the code, and keeps the tokens. Its record is removed
    /// whatever the outcome (an answer is used once).
    pub async fn complete_redirect(&self) -> Option<Result<Option<Account>, AuthError>> {
        self.0.returning.set(false);
        let record = returned(&instance_key(&self.0.config))?;
        Some(self.redeem_returned(record).await)
    }

    async fn redeem_returned(&self, record: Record) -> Result<Option<Account>, AuthError> {
        if let Some(s) = session_storage() {
            let _ = s.remove_item(&record.key());
        }
        self.0.return_place.replace(record.place.clone());
        let attempt = record.attempt();
        let params = parse_params(record.params.as_deref().unwrap_or_default());
        let ticket = self.0.session.borrow().ticket();
        self.finish_code(&attempt, &params, record.scope, ticket)
            .await
            .map(Some)
    }

    /// The picker's place now (its encoded trail), for a redirect to come back to.
    pub fn set_place(&self, place: Option<String>) {
        self.0.place.replace(place);
    }

    /// The place a redirect sign-in came back to, once.
    pub fn take_return_place(&self) -> Option<String> {
        self.0.return_place.take()
    }

    /// Looks for a redirect come back (at start, without reading the records yet).
    pub(super) fn look_for_return(&self) {
        self.0.returning.set(any_record());
    }
}
