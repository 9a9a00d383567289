//! The stored session and the other tabs: where the session is kept (the storage the page opted
//! into, under a key that names the client, the tenant and both origins), what this client last
//! read or wrote there, and the `storage` events by which tabs sharing local storage stay one
//! session: another tab's sign-out signs this one out, its sign-in replaces this session, and its
//! refresh is taken when tokens are next needed.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::StorageEvent;

use super::inner::{AuthClient, Inner, StorageListener, Watcher};
use crate::auth::config::TokenStorage;
use crate::auth::session::{Outside, Session};

/// A watch on other tabs' changes ([`AuthClient::watch`]); dropping it ends the watch.
pub struct Watch {
    client: std::rc::Weak<Inner>,
    id: u64,
}

impl Drop for Watch {
    fn drop(&mut self) {
        if let Some(inner) = self.client.upgrade() {
            inner.watchers.borrow_mut().retain(|(id, _)| *id != self.id);
        }
    }
}

impl AuthClient {
    pub(super) fn storage(&self) -> Option<(web_sys::Storage, String)> {
        let window = web_sys::window()?;
        let storage = match self.0.config.storage {
            TokenStorage::Memory => return None,
            TokenStorage::Session => window.session_storage().ok()??,
            TokenStorage::Local => window.local_storage().ok()??,
        };
        Some((storage, self.0.config.storage_key()))
    }

    /// Changes the session, then writes it to the storage the page opted into.
    pub(super) fn update<R>(&self, change: impl FnOnce(&mut Session) -> R) -> R {
        let result = change(&mut self.0.session.borrow_mut());
        let stored = self.0.session.borrow().to_storage(&self.0.config);
        self.store(stored.as_deref());
        result
    }

    /// Writes `value` to the storage the page opted into (`None`: removes it). Tokens a host
    /// brokers are never written: the host is asked again after a reload.
    pub(super) fn store(&self, value: Option<&str>) {
        if self.nested() {
            return;
        }
        if let Some((s, key)) = self.storage() {
            let _ = match value {
                Some(v) => s.set_item(&key, v),
                None => s.remove_item(&key),
            };
            self.0.seen.replace(value.map(String::from));
        }
    }

    /// Follows other tabs' changes of the stored session (`storage` events fire in every other
    /// document of the origin that shares the storage).
    pub(super) fn listen_to_other_tabs(&self) {
        let Some(window) = web_sys::window().filter(|_| self.storage().is_some()) else {
            return;
        };
        let weak = Rc::downgrade(&self.0);
        let on_storage = StorageListener::new(move |e: StorageEvent| {
            let Some(client) = weak.upgrade().map(AuthClient) else {
                return;
            };
            let ours = client.storage().is_some_and(|(storage, key)| {
                let same_area = e.storage_area().is_some_and(|a| *a == *storage);
                same_area && e.key().is_none_or(|k| k == key)
            });
            if ours {
                client.absorb(client.read_storage());
            }
        });
        let _ =
            window.add_event_listener_with_callback("storage", on_storage.as_ref().unchecked_ref());
        self.0.on_storage.replace(Some(on_storage));
    }

    /// Calls `f` whenever another tab signs out, signs in or loses the session (not for its
    /// refreshes), until the returned [`Watch`] is dropped.
    pub fn watch(&self, f: Watcher) -> Watch {
        let id = self.0.watcher_ids.get() + 1;
        self.0.watcher_ids.set(id);
        self.0.watchers.borrow_mut().push((id, f));
        Watch {
            client: Rc::downgrade(&self.0),
            id,
        }
    }

    /// What the storage holds now, if the page opted into storage.
    pub(super) fn read_storage(&self) -> Option<String> {
        self.storage()
            .and_then(|(s, key)| s.get_item(&key).ok().flatten())
    }

    /// Takes `now`, the stored value, if another tab changed it since this client last saw it.
    pub(super) fn absorb(&self, now: Option<String>) {
        if *self.0.seen.borrow() == now {
            return;
        }
        let outcome = self.0.session.borrow_mut().outside(now.as_deref());
        self.0.seen.replace(now.clone());
        let ended = !matches!(outcome, Outside::Unchanged | Outside::Refreshed);
        if ended {
            if let Some(f) = self.0.refreshing.borrow_mut().take() {
                f.abort();
            }
        }
        // A record stays to be parsed when tokens are next needed (or by `restore`).
        let record = matches!(outcome, Outside::Refreshed | Outside::Replaced);
        self.0.stored.replace(now.filter(|_| record));
        if ended {
            let watchers: Vec<Watcher> = self
                .0
                .watchers
                .borrow()
                .iter()
                .map(|(_, f)| f.clone())
                .collect();
            for f in watchers {
                f(outcome);
            }
        }
    }
}
