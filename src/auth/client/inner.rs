//! The shared state behind an [`AuthClient`]: the configuration, the session, the refresh in
//! flight, the sign-in attempt, and what the other tabs' watch needs.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::StorageEvent;

use crate::auth::config::AuthConfig;
use crate::auth::session::{Outside, Session};
use crate::browser::Fetch;

/// Told when another tab changed the session (see [`AuthClient::watch`]).
pub type Watcher = Rc<dyn Fn(Outside)>;

/// The listener of `storage` events.
pub(super) type StorageListener = Closure<dyn FnMut(StorageEvent)>;

impl Drop for Inner {
    fn drop(&mut self) {
        if let (Some(w), Some(f)) = (web_sys::window(), self.on_storage.get_mut().take()) {
            let _ = w.remove_event_listener_with_callback("storage", f.as_ref().unchecked_ref());
        }
    }
}

/// The shared state of an [`AuthClient`].
pub(super) struct Inner {
    pub(super) config: AuthConfig,
    pub(super) session: RefCell<Session>,
    /// Tokens read from storage and not parsed yet ([`AuthClient::new_deferred`]).
    pub(super) stored: RefCell<Option<String>>,
    /// The refresh in flight, aborted by a sign-out.
    pub(super) refreshing: RefCell<Option<Rc<Fetch>>>,
    /// This client's sign-in window name: two pickers on a page never share a window.
    pub(super) window_name: String,
    /// The attempt in progress (0: none); attempts are numbered so a late one cannot clobber a newer.
    pub(super) attempt: Cell<u64>,
    pub(super) attempts: Cell<u64>,
    /// The next sign-in's attempt, prepared while the sign-in button shows
    /// ([`AuthClient::prepare_sign_in`]).
    pub(super) prepared: RefCell<Option<crate::auth::flow::Attempt>>,
    /// The window of the attempt in progress looked closed (see [`crate::auth::popup::wait`]).
    pub(super) looked_closed: Cell<bool>,
    /// The scopes of the last interactive sign-in (with any consented since), which refreshes
    /// ask for again.
    pub(super) scope: RefCell<String>,
    /// What this client last read from or wrote to storage: a different value is another tab's.
    pub(super) seen: RefCell<Option<String>>,
    /// Told of other tabs' changes.
    pub(super) watchers: RefCell<Vec<(u64, Watcher)>>,
    pub(super) watcher_ids: Cell<u64>,
    /// The `storage` listener (shared storage only), removed when the client goes.
    pub(super) on_storage: RefCell<Option<StorageListener>>,
    /// The host that brokers the tokens, if there is (or may be) one.
    pub(super) host: RefCell<crate::auth::nested::Host>,
    /// A redirect sign-in may have come back for this picker, not finished yet.
    pub(super) returning: Cell<bool>,
    /// The picker's place now, for a redirect sign-in to come back to.
    pub(super) place: RefCell<Option<String>>,
    /// The place a redirect sign-in came back to, for the picker to show.
    pub(super) return_place: RefCell<Option<String>>,
    /// Told when a sign-in's code is being redeemed ([`AuthClient::while_redeeming`]).
    pub(super) redeeming: RefCell<Option<Rc<dyn Fn()>>>,
}

/// Signs the user in and keeps their tokens. Cheap to clone (shared state).
#[derive(Clone)]
pub struct AuthClient(pub(super) Rc<Inner>);

impl std::fmt::Debug for AuthClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AuthClient")
            .field("client_id", &self.0.config.client_id)
            .field("account", &self.account())
            .finish()
    }
}
