//! What the user does with the rows: select (a click, Space, a check box), open (Enter, a
//! double click) and pick (Select), or cancel; with the page's rules and limits.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::controller::Picker;
use crate::graph::model::DriveItem;
use crate::picker::model::listing::Row;
use super::pick::{complete, link_consent};
use crate::picker::model::result::PickedItem;
use std::collections::HashSet;

use crate::picker::model::selection::{AllState, SelectError, SelectedAll, Selection};

impl Picker {
    /// Whether the item at `index` can be picked.
    pub fn selectable(self, row: &Row) -> bool {
        match row {
            Row::Item(i) => self.rules.with_value(|r| r.accepts(i)),
            Row::Place { .. } => false,
        }
    }

    /// A click: opens places and folders that cannot be picked; selects items (in single
    /// mode the item replaces the choice; in multiple mode it toggles).
    pub fn click(self, index: usize) {
        let Some(row) = self.row(index) else { return };
        self.browser.update(|b| b.focus = Some(index));
        match &*row {
            Row::Item(item) if self.selectable(&row) => {
                let single = self.rules.with_value(|r| r.limit() == 1);
                let key = PickedItem::from(item).key();
                if single && self.selection.with_untracked(|s| s.contains(&key)) {
                    return;
                }
                self.toggle(index);
            }
            _ => self.navigate(|b| b.open(index)),
        }
    }

    /// Selects or deselects the item at `index` (Space, or a click in multiple mode).
    pub fn toggle(self, index: usize) {
        let Some(row) = self.row(index) else { return };
        let Row::Item(item) = &*row else { return };
        let allowed = self.selectable(&row);
        let result = self.rules.with_value(|rules| {
            self.selection
                .try_update(|s| s.toggle(PickedItem::from(item), allowed, rules))
        });
        self.notice.set(match result {
            Some(Err(SelectError::Full(n))) => Some(self.messages.limit_reached(n)),
            _ => None,
        });
    }

    /// The selectable items of the folder shown (the rows listed so far), as picked items.
    fn selectable_items(self) -> Vec<PickedItem> {
        let rows = self.browser.with_untracked(|b| b.listing.rows.clone());
        rows.iter()
            .filter(|r| self.selectable(r))
            .filter_map(|r| match &**r {
                Row::Item(i) => Some(PickedItem::from(i)),
                Row::Place { .. } => None,
            })
            .collect()
    }

    /// How many of the folder's selectable items are selected, and whether it has any (tracked:
    /// the listing and the selection). One pass over the rows, copying nothing: a 100,000-item
    /// folder grows a page at a time.
    pub fn all_state(self) -> (AllState, bool) {
        use crate::picker::model::result::key_parts;
        self.selection.with(|s| {
            let chosen: HashSet<(&str, &str)> = s
                .items()
                .iter()
                .map(|i| (i.drive_id.as_deref().unwrap_or("me"), i.id.as_str()))
                .collect();
            let (mut all, mut picked) = (0usize, 0usize);
            self.browser.with(|b| {
                self.rules.with_value(|rules| {
                    for row in &b.listing.rows {
                        let Row::Item(item) = &**row else { continue };
                        if rules.accepts(item) {
                            all += 1;
                            let (drive, id) = key_parts(item);
                            picked += usize::from(chosen.contains(&(drive.unwrap_or("me"), id)));
                        }
                    }
                })
            });
            let state = match picked {
                0 => AllState::None,
                n if n == all => AllState::All,
                _ => AllState::Some,
            };
            (state, all > 0)
        })
    }

    /// Ctrl+A (⌘A) and the check box: selects every item of the folder shown, up to the limit,
    /// or, when all are selected, none; says what it did (the tray's status is live).
    pub fn select_all(self) {
        if self.rules.with_value(|r| r.limit()) <= 1 {
            return;
        }
        let items = self.selectable_items();
        if items.is_empty() {
            return;
        }
        let done = self.rules.with_value(|rules| {
            self.selection
                .try_update(|s| s.select_all(items, rules))
        });
        let m = self.messages;
        self.notice.set(done.map(|d| match d {
            SelectedAll::All(n) => m.count(&m.all_selected, n as u64, &[]),
            SelectedAll::Bounded(_, limit) => m.limit_reached(limit),
            SelectedAll::Cleared(n) => m.count(&m.all_cleared, n as u64, &[]),
        }));
    }

    /// Shows the items the page chose before (`selected`) chosen, in its order, wherever they
    /// live; those gone or refused by the rules are left out, and the tray says how many.
    pub fn preselect(self, keys: Vec<(String, String)>) {
        if keys.is_empty() {
            return;
        }
        let graph = self.graph();
        spawn_local(async move {
            let mut found = Vec::new();
            for (drive, id) in &keys {
                let url = crate::graph::request::item_url(graph.base(), drive, id);
                if let Ok(item) = graph.get_json::<DriveItem>(&url).await {
                    found.push(item);
                }
            }
            let chosen = self.rules.with_value(|rules| {
                self.selection.try_update(|s| {
                    for item in &found {
                        let picked = PickedItem::from(item);
                        if !s.contains(&picked.key()) {
                            let _ = s.toggle(picked, rules.accepts(item), rules);
                        }
                    }
                    let kept = |i: &&DriveItem| s.contains(&PickedItem::from(*i).key());
                    found.iter().filter(kept).count()
                })
            });
            let left_out = keys.len() - chosen.unwrap_or(keys.len());
            if left_out > 0 {
                let m = self.messages;
                self.notice.try_set(Some(m.count(&m.left_out, left_out as u64, &[])));
            }
        });
    }

    /// Enter or a double-click: opens a folder or place; picks a file at once.
    pub fn activate(self, index: usize) {
        let Some(row) = self.row(index) else { return };
        if row.target().is_some() {
            self.navigate(|b| b.open(index));
            return;
        }
        if let Row::Item(item) = &*row {
            let key = PickedItem::from(item).key();
            if !self.selection.with_untracked(|s| s.contains(&key)) {
                self.toggle(index);
            }
            if self.selection.with_untracked(|s| s.contains(&key)) {
                self.confirm();
            }
        }
    }

    fn row(self, index: usize) -> Option<std::sync::Arc<Row>> {
        self.browser
            .with_untracked(|b| b.listing.rows.get(index).cloned())
    }

    /// Hands the selection to the page (once, however often it is asked), opens a single
    /// picked file when the page wants that, and empties the selection.
    pub fn confirm(self) {
        if self.picking.get_untracked() {
            return;
        }
        let items = self.selection.with_untracked(|s| s.items().to_vec());
        if items.is_empty() {
            return;
        }
        let link = self.handlers.with_value(|h| h.share_link);
        if let Some(scopes) = link_consent(self.graph().tokens(), link) {
            return self.consent.run(scopes); // The selection stays for the pick after it.
        }
        self.picking.set(true);
        let (open, downloads, thumbnails) = self
            .handlers
            .with_value(|h| (h.open_files, h.download_urls, h.thumbnail_urls));
        let items = super::pick::keep_thumbnails(items, thumbnails);
        // Opened inside the click (a window opened after an await is blocked as a pop-up).
        if let [one] = items.as_slice() {
            if let (true, false, Some(url)) = (open, one.is_folder, one.web_url.as_deref()) {
                if let Some(w) = web_sys::window() {
                    let _ = w.open_with_url_and_target_and_features(
                        url,
                        "_blank",
                        "noopener,noreferrer",
                    );
                }
            }
        }
        let graph = self.graph();
        spawn_local(async move {
            let mut items = items;
            if let Err(e) = complete(&mut items, &graph, downloads, link).await {
                // The pick is not handed over without the links the page asked for; the
                // selection stays for another try.
                let m = self.messages;
                let why = match e.status() {
                    Some(403) => m.link_policy.to_string(),
                    _ => m.graph_error(&e),
                };
                let text = format!("{} {why}", m.link_refused);
                self.notice.try_set(Some(text));
                self.picking.try_set(false);
                return;
            }
            if let Some(cb) = self
                .handlers
                .try_with_value(|h| h.on_pick.clone())
                .flatten()
            {
                cb(items);
            }
            self.selection.try_update(Selection::clear);
            self.picking.try_set(false);
        });
    }

    /// Ends the pick with nothing.
    pub fn cancel(self) {
        self.selection.update(Selection::clear);
        self.notice.set(None);
        if let Some(cb) = self.handlers.with_value(|h| h.on_cancel.clone()) {
            cb();
        }
    }
}
