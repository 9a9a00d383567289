//! The picker's behaviour at the DOM edge: the state in signals and the Graph requests each
//! transition needs (aborting the one they replace); selecting and picking are in
//! `selecting.rs`. Components receive it as context ([`use_picker`]) and call its methods.

use std::rc::Rc;

use leptos::prelude::*;

use super::loader::{fetch_rows, Answer};
use crate::picker::messages::Messages;
use crate::picker::model::rules::PickOptions;
use crate::picker::model::result::PickedItem;
use crate::picker::model::pages::{Ahead, FirstPage};
use crate::picker::model::selection::Selection;
use crate::picker::model::sort::SortKey;
use crate::picker::model::source::{Expect, Place, Source};
use crate::picker::model::state::Browser;
use crate::auth::{AuthError, ErrorAction, Tokens};
use crate::browser::{now_ms, Fetch};
use crate::graph::client::Graph;
use crate::graph::write::LinkRequest;
use crate::graph::{GraphError, GraphUrl};

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

/// The picker's Graph client: the session's tokens, the page's Graph, the browser's fetch (one
/// shared transport, aborted when the picker goes; a request that may be replaced gets its own
/// through [`Graph::over`]).
pub type GraphClient = Graph<Tokens, Rc<Fetch>>;

/// What the picker is made of besides its state: the page's choices and its Graph client.
pub struct PickerParts {
    /// The sources offered.
    pub sources: Vec<Source>,
    /// The page's rules.
    pub rules: PickOptions,
    /// Graph, with the session's tokens.
    pub graph: GraphClient,
    /// What the page does with a pick.
    pub handlers: PickHandlers,
    /// The strings shown.
    pub messages: &'static Messages,
    /// Items chosen when the picker opens (drive id, item id).
    pub selected: Vec<(String, String)>,
}

/// How the picker reaches the sign-in: it tells it of errors that need the user, asks for more
/// scopes, and hears of the sign-ins completed.
#[derive(Clone, Copy)]
pub struct SignInLink {
    /// Hears errors that need a sign-in.
    pub auth_failed: Callback<AuthError>,
    /// Asks the user to consent to more scopes (from a click: it opens the sign-in window).
    pub consent: Callback<Vec<String>>,
    /// Counts the sign-ins completed.
    pub sign_ins: Signal<u64>,
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
    pub sign_ins: Signal<u64>,
    /// The listing's element (the keyboard's home).
    pub list: NodeRef<leptos::html::Div>,
    /// Why the link pasted last did not open.
    pub link_error: RwSignal<Option<String>>,
    /// A pasted link waiting for the permission to resolve it.
    pub(super) link_waiting: StoredValue<Option<String>>,
    graph: StoredValue<GraphClient, LocalStorage>,
    in_flight: StoredValue<Option<Rc<Fetch>>, LocalStorage>,
    /// First pages kept, and the one fetched ahead.
    pub(super) ahead: StoredValue<Ahead<Rc<Fetch>>, LocalStorage>,
    pub(super) handlers: StoredValue<PickHandlers, LocalStorage>,
    pub(super) auth_failed: Callback<AuthError>,
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
    /// A picker starting at `browser`, made of `parts`, linked to the sign-in by `link`.
    pub fn new(browser: Browser, parts: PickerParts, link: SignInLink) -> Picker {
        let PickerParts {
            sources,
            rules,
            graph,
            handlers,
            messages,
            ..
        } = parts;
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
            link_error: RwSignal::new(None),
            link_waiting: StoredValue::new(None),
            details: RwSignal::new(false),
            navigations: RwSignal::new(0),
            sign_ins: link.sign_ins,
            graph: StoredValue::new_local(graph),
            in_flight: StoredValue::new_local(None),
            ahead: StoredValue::new_local(Ahead::default()),
            handlers: StoredValue::new_local(handlers),
            auth_failed: link.auth_failed,
            consent: link.consent,
        };
        picker.follow_consents();
        picker.follow_focus();
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
            .with_untracked(|b| (b.fetch(self.graph().base()), b.generation));
        // A place kept from before shows at once; its request refreshes it (unless the page
        // was fetched ahead a moment ago: then it is the answer).
        let kept = self.kept(fetch.url.as_str());
        if let Some(page) = kept.as_ref().filter(|p| p.fresh(now_ms())) {
            return self.show_fresh(fetch.url.as_str(), page);
        }
        // A retry of the same place shows it loading again (not the old error, whose "Try
        // again" would abort this request).
        self.browser.update(|b| {
            b.listing.loading = true;
            b.listing.error = None;
            if let Some(page) = &kept {
                b.show_kept(page);
            }
        });
        self.scroll_top.set(0.0);
        // The page on its way ahead is the answer (it loads the place if it fails); the place
        // left has nothing more to ask either way.
        if self.joins_ahead(fetch.url.as_str()) {
            self.abort();
        } else {
            self.run(fetch.url, fetch.expect, generation, true);
        }
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
                        b.place().fetch(self.graph().base(), None).expect,
                        b.generation,
                    )
                })
        });
        let Some((next, expect, generation)) = next else {
            return;
        };
        // The token goes only to the Graph origin: a link elsewhere is refused.
        match self.graph().base().link(&next) {
            Ok(url) => {
                self.browser.update(|b| b.listing.loading = true);
                self.run(url, expect, generation, false);
            }
            Err(e) => self.browser.update(|b| b.listing.error = Some(e)),
        }
    }

    /// Fetches a page of the listing (`first`: its first, which is kept for the next time).
    fn run(self, url: GraphUrl, expect: Expect, generation: u64, first: bool) {
        self.abort();
        let key = url.as_str().to_string();
        let fetch = Rc::new(Fetch::new());
        self.in_flight.set_value(Some(fetch.clone()));
        let graph = self.graph().over(fetch);
        let team = self.browser.with_untracked(|b| match b.place() {
            Place::Channels { team_id } => team_id.clone(),
            _ => String::new(),
        });
        // Sent before the screen that shows its answer renders (the first listing after sign-in).
        crate::util::spawn_now(async move {
            let result = fetch_rows(&graph, url, expect, &team).await;
            let current = self.browser.try_with_untracked(|b| b.generation) == Some(generation);
            if !current {
                return;
            }
            match result {
                Err(GraphError::Aborted) => {}
                Ok(Answer::Rows(rows, next)) if first => {
                    let page = FirstPage::new(rows, next);
                    self.keep(&key, page.clone());
                    self.browser.update(|b| {
                        b.refresh(&page);
                    });
                }
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

    /// The Graph client (for requests made beside the listing's).
    pub fn graph(self) -> GraphClient {
        self.graph.get_value()
    }
}
