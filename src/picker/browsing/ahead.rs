//! Opening a folder before it is opened: when the pointer rests on a folder (or the keyboard's
//! focus reaches it), its first page is fetched into the picker's cache
//! ([`crate::picker::model::pages`]), so that opening it shows its rows in the next frame; the
//! folder's own request then refreshes them. A folder opened while its page is on its way waits
//! for that page rather than asking again. A folder seen before opens from the cache too.
//! One page ahead at a time: resting on another folder drops the one before.

use std::rc::Rc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::controller::Picker;
use super::loader::{fetch_rows, Answer};
use crate::browser::{now_ms, sleep, Fetch};
use crate::picker::model::pages::FirstPage;
use crate::picker::model::source::Expect;

/// How long the pointer or the focus rests on a folder before its page is fetched (passing
/// over a list fetches nothing).
const INTENT_MS: u32 = 80;

impl Picker {
    /// Fetches ahead for the keyboard too: the focus resting on a folder.
    pub(super) fn follow_focus(self) {
        let browser = self.browser;
        let focus = Memo::new(move |_| browser.with(|b| b.focus));
        Effect::new(move |_| {
            if let Some(index) = focus.get() {
                self.rest_on(Some(index));
            }
        });
    }

    /// The pointer or the focus rests on row `index` (none: it left the rows): its page is
    /// fetched ahead once it has rested there for a moment.
    pub fn rest_on(self, index: Option<usize>) {
        let Some(rest) = self.ahead.try_update_value(|a| {
            a.rests += 1;
            a.rests
        }) else {
            return;
        };
        let Some(index) = index else {
            return;
        };
        // The row at `index` of this listing (an opening meanwhile shows other rows).
        let generation = self.browser.with_untracked(|b| b.generation);
        spawn_local(async move {
            sleep(INTENT_MS).await;
            let still = self.browser.try_with_untracked(|b| b.generation) == Some(generation);
            if still && self.ahead.try_with_value(|a| a.rests) == Some(rest) {
                self.fetch_ahead(index);
            }
        });
    }

    /// Fetches the first page opening row `index` would show, into the cache (unless kept or
    /// on its way already).
    fn fetch_ahead(self, index: usize) {
        let base = self.graph().base().clone();
        let Some(fetch) = self.browser.with_untracked(|b| b.fetch_of(index, &base)) else {
            return;
        };
        let url = fetch.url.as_str().to_string();
        let known = self.ahead.with_value(|a| {
            a.pages.has(&url) || a.fetching.as_ref().is_some_and(|(u, _)| *u == url)
        });
        // A channel's folder is found, not listed; channels are listed with their team's id.
        if known || matches!(fetch.expect, Expect::Folder | Expect::Channels) {
            return;
        }
        let request = Rc::new(Fetch::new());
        let before = self.ahead.try_update_value(|a| a.fetching.replace((url.clone(), request.clone())));
        // The one before goes, unless the place it is for opened meanwhile and waits for it.
        if let Some((older_url, older)) = before.flatten() {
            if !self.is_here(&older_url) {
                older.abort();
            }
        }
        let graph = self.graph().over(request);
        spawn_local(async move {
            let answer = fetch_rows(&graph, fetch.url, fetch.expect, "").await;
            self.ahead.try_update_value(|a| {
                a.fetching.take_if(|(u, _)| *u == url);
            });
            // Opened meanwhile, the place waits for this page: it is the answer.
            let loading = self.browser.try_with_untracked(|b| b.listing.loading) == Some(true);
            let waiting = loading && self.is_here(&url);
            match answer {
                Ok(Answer::Rows(rows, next)) => {
                    let page = FirstPage {
                        ahead: Some(now_ms()),
                        ..FirstPage::new(rows, next)
                    };
                    self.keep(&url, page.clone());
                    if waiting {
                        self.show_fresh(&url, &page);
                    }
                }
                // The place asks on its own (and shows its own error).
                _ if waiting => self.load(),
                _ => {}
            }
        });
    }

    /// Whether the place shown is the one `url` lists.
    fn is_here(self, url: &str) -> bool {
        let base = self.graph().base().clone();
        self.browser.try_with_untracked(|b| b.fetch(&base).url.as_str() == url) == Some(true)
    }

    /// Whether `url`'s page is on its way ahead: the place opening waits for it.
    pub(super) fn joins_ahead(self, url: &str) -> bool {
        self.ahead
            .try_with_value(|a| a.fetching.as_ref().is_some_and(|(u, _)| u == url))
            == Some(true)
    }

    /// The first page kept for `url`, if any.
    pub(super) fn kept(self, url: &str) -> Option<FirstPage> {
        self.ahead.try_update_value(|a| a.pages.get(url)).flatten()
    }

    /// Keeps `page` as `url`'s first page.
    pub(super) fn keep(self, url: &str, page: FirstPage) {
        self.ahead.try_update_value(|a| a.pages.put(url, page));
    }

    /// Shows `page`, fetched ahead a moment ago, as the answer for the place at `url` (it is
    /// refreshed the next time the place opens).
    pub(super) fn show_fresh(self, url: &str, page: &FirstPage) {
        self.abort();
        self.keep(
            url,
            FirstPage {
                ahead: None,
                ..page.clone()
            },
        );
        self.browser.update(|b| {
            b.listing.error = None;
            b.refresh(page);
        });
        self.scroll_top.set(0.0);
    }

    /// Forgets every page kept (another account, or none, is signed in).
    pub(crate) fn forget_pages(self) {
        self.ahead.try_update_value(|a| {
            a.pages.clear();
            if let Some((_, request)) = a.fetching.take() {
                request.abort();
            }
        });
    }
}
