//! The picker's behaviour at the DOM edge: the state in signals, the Graph requests each
//! transition needs (aborting the one they replace), and the pick. Components receive it as
//! context ([`use_picker`]) and call its methods.

use std::rc::Rc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::listing::Row;
use super::loader::{fetch_rows, Answer};
use super::messages::Messages;
use super::options::PickOptions;
use super::pick::{complete, link_consent};
use super::result::PickedItem;
use super::selection::{SelectError, Selection};
use super::sort::SortKey;
use super::source::{Expect, Place, Source};
use super::state::Browser;
use crate::auth::{AuthError, ErrorAction, Tokens};
use crate::browser::Fetch;
use crate::graph::write::LinkRequest;
use crate::graph::{GraphBase, GraphError, GraphUrl};

/// What the page does with a pick.
pub struct PickHandlers {
    /// Receives the picked items.
    pub on_pick: Option<Rc<dyn Fn(Vec<PickedItem>)>>,
    /// Told when the user cancels.
    pub on_cancel: Option<Rc<dyn Fn()>>,
    /// Open a single picked file in a new tab.
    pub open_files: bool,
    /// Add short-lived download URLs to picked files.
    pub download_urls: bool,
    /// Keep the thumbnail URLs of picked files (pre-authenticated links, so off by default).
    pub thumbnail_urls: bool,
    /// Make a sharing link for each picked item.
    pub share_link: Option<LinkRequest>,
}

/// The picker's state and behaviour; `Copy`, shared through context.
#[derive(Clone, Copy)]
pub struct Picker {
    /// Browsing state.
    pub browser: RwSignal<Browser>,
    /// The chosen items.
    pub selection: RwSignal<Selection>,
    /// A short message for screen readers (and sighted users), such as a reached limit.
    pub notice: RwSignal<Option<String>>,
    /// The listing's scroll position.
    pub scroll_top: RwSignal<f64>,
    /// The sources offered.
    pub sources: StoredValue<Vec<Source>>,
    /// The page's rules.
    pub rules: StoredValue<PickOptions>,
    /// A pick is being handed over.
    pub picking: RwSignal<bool>,
    /// The strings shown.
    pub messages: &'static Messages,
    /// The details pane is shown.
    pub details: RwSignal<bool>,
    /// Counts the user's navigations (browser history follows it).
    pub navigations: RwSignal<u64>,
    /// Counts sign-ins completed (a consent granted more scopes: waiting work goes on).
    pub sign_ins: RwSignal<u64>,
    /// The listing's element (the keyboard's home).
    pub list: NodeRef<leptos::html::Div>,
    base: StoredValue<GraphBase>,
    tokens: StoredValue<Tokens, LocalStorage>,
    in_flight: StoredValue<Option<Rc<Fetch>>, LocalStorage>,
    handlers: StoredValue<PickHandlers, LocalStorage>,
    auth_failed: Callback<AuthError>,
    /// Asks the user to consent to more scopes (from a click: it opens the sign-in window).
    pub consent: Callback<Vec<String>>,
}

/// What the Teams source needs beyond the file scopes (incremental consent).
pub const TEAMS_SCOPES: [&str; 2] = ["Team.ReadBasic.All", "Channel.ReadBasic.All"];

/// The picker in context.
pub fn use_picker() -> Picker {
    expect_context::<Picker>()
}

impl Picker {
    /// A picker over `tokens`; `auth_failed` hears errors that need a sign-in, `sign_ins`
    /// counts the sign-ins completed.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        browser: Browser,
        sources: Vec<Source>,
        rules: PickOptions,
        base: GraphBase,
        tokens: Tokens,
        handlers: PickHandlers,
        messages: &'static Messages,
        auth_failed: Callback<AuthError>,
        consent: Callback<Vec<String>>,
        sign_ins: RwSignal<u64>,
    ) -> Picker {
        let picker = Picker {
            browser: RwSignal::new(browser),
            selection: RwSignal::new(Selection::default()),
            notice: RwSignal::new(None),
            scroll_top: RwSignal::new(0.0),
            sources: StoredValue::new(sources),
            rules: StoredValue::new(rules),
            picking: RwSignal::new(false),
            messages,
            list: NodeRef::new(),
            details: RwSignal::new(false),
            navigations: RwSignal::new(0),
            sign_ins,
            base: StoredValue::new(base),
            tokens: StoredValue::new_local(tokens),
            in_flight: StoredValue::new_local(None),
            handlers: StoredValue::new_local(handlers),
            auth_failed,
            consent,
        };
        on_cleanup(move || picker.abort());
        picker
    }

    /// Aborts the request in flight.
    pub fn abort(self) {
        if let Some(f) = self.in_flight.try_get_value().flatten() {
            f.abort();
        }
    }

    /// Lists the current place from its first page.
    pub fn load(self) {
        let (fetch, generation) = self
            .browser
            .with_untracked(|b| (b.fetch(&self.base.get_value()), b.generation));
        // A retry of the same place shows it loading again (not the old error, whose "Try
        // again" would abort this request).
        self.browser.update(|b| {
            b.listing.loading = true;
            b.listing.error = None;
        });
        self.scroll_top.set(0.0);
        self.run(fetch.url, fetch.expect, generation);
    }

    /// Fetches the next page, if there is one and none is loading.
    pub fn load_more(self) {
        let next = self.browser.with_untracked(|b| {
            let l = &b.listing;
            (!l.loading && l.error.is_none())
                .then(|| l.next.clone())
                .flatten()
                .map(|n| {
                    (
                        n,
                        b.place().fetch(&self.base.get_value(), None).expect,
                        b.generation,
                    )
                })
        });
        let Some((next, expect, generation)) = next else {
            return;
        };
        // The token goes only to the Graph origin: a link elsewhere is refused.
        match self.base.get_value().link(&next) {
            Ok(url) => {
                self.browser.update(|b| b.listing.loading = true);
                self.run(url, expect, generation);
            }
            Err(e) => self.browser.update(|b| b.listing.error = Some(e)),
        }
    }

    fn run(self, url: GraphUrl, expect: Expect, generation: u64) {
        self.abort();
        let fetch = Rc::new(Fetch::new());
        self.in_flight.set_value(Some(fetch.clone()));
        let tokens = self.tokens.get_value();
        let base = self.base.get_value();
        let team = self.browser.with_untracked(|b| match b.place() {
            Place::Channels { team_id } => team_id.clone(),
            _ => String::new(),
        });
        spawn_local(async move {
            let result = fetch_rows(&fetch, &tokens, &base, url, expect, &team).await;
            let current = self.browser.try_with_untracked(|b| b.generation) == Some(generation);
            if !current {
                return;
            }
            match result {
                Err(GraphError::Aborted) => {}
                Ok(Answer::Rows(rows, next)) => {
                    self.browser.update(|b| b.apply(rows, next));
                }
                Ok(Answer::Folder(folder)) => {
                    if self.browser.try_update(|b| b.resolve_folder(&folder)) == Some(true) {
                        self.load();
                    }
                }
                Err(e) => {
                    if let GraphError::Auth(a) = &e {
                        if matches!(a.action(), ErrorAction::SignInAgain | ErrorAction::Consent) {
                            self.auth_failed.run(a.clone());
                        }
                    }
                    self.browser.try_update(|b| {
                        b.listing.loading = false;
                        b.listing.error = Some(e);
                    });
                }
            }
        });
    }

    /// Moves keyboard focus to the listing (after the control that had it went away).
    pub fn focus_list(self) {
        if let Some(el) = self.list.get_untracked() {
            let _ = el.focus();
        }
    }

    /// Runs a state transition and fetches when it asks to.
    pub fn step(self, f: impl FnOnce(&mut Browser) -> bool) {
        if self.browser.try_update(f) == Some(true) {
            self.load();
        }
    }

    /// Runs a transition the user asked for: fetches when it asks to, and counts as a
    /// navigation (a browser history entry).
    pub fn navigate(self, f: impl FnOnce(&mut Browser) -> bool) {
        if self.browser.try_update(f) == Some(true) {
            self.navigations.update(|n| *n += 1);
            self.load();
        }
    }

    /// Shows a source.
    pub fn open_source(self, source: Source) {
        self.navigate(|b| b.open_source(source));
    }

    /// Sorts by `key`.
    pub fn sort(self, key: SortKey) {
        self.step(|b| b.choose_sort(key));
    }

    /// Searches (empty: back to the folder, at its scroll position).
    pub fn search(self, query: String) {
        let scroll = self.scroll_top.get_untracked();
        let fetch = self.browser.try_update(|b| {
            if !b.searching() {
                b.scroll = scroll;
            }
            b.search(&query)
        });
        match fetch {
            Some(true) => self.load(),
            Some(false) => {
                let back = self.browser.with_untracked(|b| b.scroll);
                self.scroll_top.set(back);
            }
            None => {}
        }
    }

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
            Some(Err(SelectError::Full(n))) => Some((self.messages.limit_reached)(n)),
            _ => None,
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
        if let Some(scopes) = link_consent(&self.tokens.get_value(), link) {
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
        let tokens = self.tokens.get_value();
        let base = self.base.get_value();
        spawn_local(async move {
            let mut items = items;
            if let Err(e) = complete(&mut items, &tokens, &base, downloads, link).await {
                // The pick is not handed over without the links the page asked for; the
                // selection stays for another try.
                let m = self.messages;
                let why = match e.status() {
                    Some(403) => m.upload.link_policy.to_string(),
                    _ => (m.graph_error)(&e),
                };
                let text = format!("{} {why}", m.upload.link_refused);
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

    /// The token source and Graph base (for requests made beside the listing's).
    pub fn graph(self) -> (Tokens, GraphBase) {
        (self.tokens.get_value(), self.base.get_value())
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
