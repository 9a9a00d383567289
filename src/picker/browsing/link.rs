//! A link pasted in the search box: the folder it shares opens, the file it shares is chosen,
//! and a link that leads nowhere, or where the user may not go, says so.

use super::controller::Picker;
use crate::auth::ErrorAction;
use crate::graph::shares::{is_link, resolve_link, share_consent};
use crate::graph::GraphError;
use crate::picker::messages::fill;
use crate::picker::model::result::PickedItem;
use crate::picker::model::selection::SelectError;
use leptos::prelude::*;
use leptos::task::spawn_local;

impl Picker {
    /// Whether `text` opens as a link rather than being searched for (a picker locked to its
    /// start only searches: a link leads anywhere).
    pub fn takes_link(self, text: &str) -> bool {
        is_link(text) && !self.browser.with_untracked(|b| b.is_locked())
    }

    /// From the user's gesture: asks for the permission a link needs when it was not granted
    /// (the consent window opens), and keeps `link` to open once it is. Returns whether it asked.
    pub fn ask_for_links(self, link: &str) -> bool {
        let Some(scopes) = share_consent(self.graph().tokens()) else {
            return false;
        };
        self.link_waiting.set_value(Some(link.to_string()));
        self.consent.run(scopes);
        true
    }

    /// A sign-in completed (the consent): the link that waited for it opens. (The browsing
    /// screen is shown anew after a sign-in, so the picker keeps the link, not the search box.)
    pub(super) fn follow_consents(self) {
        Effect::new(move |seen: Option<u64>| {
            let n = self.sign_ins.get();
            let waiting = seen.is_some_and(|s| s != n);
            if let Some(link) = waiting.then(|| self.link_waiting.try_update_value(Option::take)) {
                if let Some(link) = link.flatten() {
                    self.open_waiting(link);
                }
            }
            n
        });
    }

    fn open_waiting(self, link: String) {
        if share_consent(self.graph().tokens()).is_some() {
            self.link_error.set(Some(self.messages.link_denied.to_string()));
            return;
        }
        spawn_local(async move {
            if let Err(why) = self.open_link(link).await {
                self.link_error.try_set(Some(why));
            }
        });
    }

    /// Resolves `link`: opens the folder it shares, or chooses the file (and says so). The
    /// error is what to tell the user.
    pub async fn open_link(self, link: String) -> Result<(), String> {
        let m = self.messages;
        let item = match resolve_link(&self.graph(), &link).await {
            Ok(item) => item,
            Err(e) => return Err(self.link_error(e)),
        };
        if item.is_folder() {
            self.navigate(|b| b.open_linked(&item));
            return Ok(());
        }
        let name = crate::util::visible_name(&item.name);
        let picked = PickedItem::from(&item);
        let chosen = self.rules.with_value(|rules| {
            self.selection.try_update(|s| match s.contains(&picked.key()) {
                true => Ok(true),
                false => s.toggle(picked, rules.accepts(&item), rules),
            })
        });
        match chosen {
            Some(Err(SelectError::Full(n))) => Err(m.limit_reached(n)),
            Some(Err(SelectError::NotAllowed)) => {
                Err(fill(m.link_not_pickable, &[("name", &name)]))
            }
            _ => {
                self.notice.set(Some(fill(m.link_chosen, &[("name", &name)])));
                Ok(())
            }
        }
    }

    /// What a failed resolution tells the user; a session that needs the user goes to the sign-in.
    fn link_error(self, e: GraphError) -> String {
        let m = self.messages;
        if let GraphError::Auth(a) = &e {
            if matches!(a.action(), ErrorAction::SignInAgain | ErrorAction::Consent) {
                self.auth_failed.run(a.clone());
            }
        }
        match e.status() {
            Some(400 | 404) => m.link_not_found.to_string(),
            Some(403) => m.link_denied.to_string(),
            _ => m.graph_error(&e),
        }
    }
}
