//! First pages of places seen or about to be (a folder hovered or focused, one opened before),
//! by their request's URL: a place in the cache opens at once and then refreshes. Bounded: the
//! least recently used page goes first, so the cache never keeps more than a few pages of rows.

use std::sync::Arc;

use super::listing::Row;

/// How many first pages are kept.
pub const KEPT: usize = 8;

/// A place's first page: its rows (shared with the listings that show them) and the next
/// page's link.
#[derive(Clone, Debug, Default)]
pub struct FirstPage {
    pub rows: Vec<Arc<Row>>,
    pub next: Option<String>,
    /// Fetched ahead of the place's opening, at this time (ms), and not shown yet: the opening
    /// needs no request of its own while it is fresh.
    pub ahead: Option<f64>,
}

/// How long a page fetched ahead stands for the place without a request of its own.
pub const FRESH_MS: f64 = 10_000.0;

impl FirstPage {
    /// A page as it arrived.
    pub fn new(rows: Vec<Row>, next: Option<String>) -> FirstPage {
        FirstPage {
            rows: rows.into_iter().map(Arc::new).collect(),
            next,
            ahead: None,
        }
    }

    /// Whether the page was fetched ahead less than [`FRESH_MS`] before `now`.
    pub fn fresh(&self, now: f64) -> bool {
        self.ahead.is_some_and(|at| now - at < FRESH_MS)
    }

    /// Whether `rows` and `next` say what this page says.
    pub fn same_as(&self, rows: &[Arc<Row>], next: Option<&str>) -> bool {
        self.next.as_deref() == next
            && self.rows.len() == rows.len()
            && self.rows.iter().zip(rows).all(|(a, b)| a == b)
    }
}

/// The first pages kept, most recently used last.
#[derive(Debug, Default)]
pub struct Pages {
    kept: Vec<(String, FirstPage)>,
}

impl Pages {
    /// The first page for `url`, if kept (it becomes the most recently used).
    pub fn get(&mut self, url: &str) -> Option<FirstPage> {
        let at = self.kept.iter().position(|(u, _)| u == url)?;
        let entry = self.kept.remove(at);
        let page = entry.1.clone();
        self.kept.push(entry);
        Some(page)
    }

    /// Whether a first page for `url` is kept.
    pub fn has(&self, url: &str) -> bool {
        self.kept.iter().any(|(u, _)| u == url)
    }

    /// Keeps `page` for `url` (in place of an older one), dropping the least recently used
    /// beyond [`KEPT`].
    pub fn put(&mut self, url: &str, page: FirstPage) {
        self.kept.retain(|(u, _)| u != url);
        self.kept.push((url.to_string(), page));
        if self.kept.len() > KEPT {
            self.kept.remove(0);
        }
    }

    /// Forgets every page (the account changed, or the user wrote to a folder).
    pub fn clear(&mut self) {
        self.kept.clear();
    }
}

/// The pages kept, and the one on its way (`R`: its request, to abort).
#[derive(Debug)]
pub struct Ahead<R> {
    pub pages: Pages,
    /// The URL being fetched ahead, and its request.
    pub fetching: Option<(String, R)>,
    /// Counts the rests on a row: a newer one replaces a waiting one.
    pub rests: u64,
}

impl<R> Default for Ahead<R> {
    fn default() -> Self {
        Ahead {
            pages: Pages::default(),
            fetching: None,
            rests: 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{FirstPage, Pages, KEPT};
    use crate::picker::model::listing::Row;

    fn page(names: &[&str]) -> Vec<Row> {
        names
            .iter()
            .map(|n| Row::Place {
                key: (*n).to_string(),
                name: (*n).to_string(),
                kind: crate::picker::model::listing::PlaceKind::Site,
                target: crate::picker::model::source::Place::Recent,
            })
            .collect()
    }

    #[test]
    fn a_page_is_kept_by_url_and_the_least_recently_used_goes_first() {
        let mut pages = Pages::default();
        assert!(pages.get("a").is_none());
        pages.put("a", FirstPage::new(page(&["x"]), None));
        for i in 1..KEPT {
            pages.put(&i.to_string(), FirstPage::default());
        }
        // Used now, "a" outlives "1", the oldest.
        assert_eq!(pages.get("a").map(|p| p.rows.len()), Some(1));
        pages.put("new", FirstPage::default());
        assert!(pages.has("a") && !pages.has("1") && pages.has("2"));
        // A newer page for the same URL replaces the kept one.
        pages.put("a", FirstPage::new(page(&["x", "y"]), Some("n".into())));
        let a = pages.get("a").unwrap();
        assert_eq!((a.rows.len(), a.next.as_deref()), (2, Some("n")));
        pages.clear();
        assert!(!pages.has("a"));
    }

    #[test]
    fn a_page_fetched_ahead_stands_for_its_place_for_a_while() {
        let mut page = FirstPage::default();
        assert!(!page.fresh(0.0), "a page the listing fetched is refreshed when shown again");
        page.ahead = Some(1_000.0);
        assert!(page.fresh(1_000.0 + super::FRESH_MS - 1.0));
        assert!(!page.fresh(1_000.0 + super::FRESH_MS));
    }

    #[test]
    fn a_page_is_the_same_only_with_the_same_rows_and_next_link() {
        let kept = FirstPage::new(page(&["x", "y"]), Some("n".into()));
        let rows = |names| FirstPage::new(page(names), None).rows;
        assert!(kept.same_as(&rows(&["x", "y"]), Some("n")));
        assert!(!kept.same_as(&rows(&["x", "y"]), None));
        assert!(!kept.same_as(&rows(&["x"]), Some("n")));
        assert!(!kept.same_as(&rows(&["y", "x"]), Some("n")));
    }
}
