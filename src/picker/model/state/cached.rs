//! Places hovered or seen before: the request opening a row would make, and a first page shown
//! from the cache ([`crate::picker::model::pages`]) while the place's own request is on the way.

use super::Browser;
use crate::graph::GraphBase;
use crate::picker::model::listing::Listing;
use crate::picker::model::pages::FirstPage;
use crate::picker::model::source::{Fetch, Place};

impl Browser {
    /// The request for `place`'s first page (sorted by the server when it can).
    pub(super) fn fetch_at(&self, place: &Place, base: &GraphBase) -> Fetch {
        let order = match place.sorted_by_server() {
            true => self.sort.and_then(|s| s.server(self.personal)),
            false => None,
        };
        place.fetch(base, order)
    }

    /// The request opening row `index` would make (none for a row that opens nothing).
    pub fn fetch_of(&self, index: usize, base: &GraphBase) -> Option<Fetch> {
        let (place, _) = self.listing.rows.get(index)?.target()?;
        Some(self.fetch_at(&place, base))
    }

    /// Shows `page`, kept from before, in a listing waiting for its first page; it goes on
    /// waiting (for [`Browser::refresh`]) and pages no further until then.
    pub fn show_kept(&mut self, page: &FirstPage) {
        if !(self.listing.loading && self.listing.rows.is_empty()) {
            return;
        }
        self.listing.append_shared(&page.rows, page.next.clone());
        self.listing.loading = true;
    }

    /// The first page arrived: it is shown, in place of a kept page shown meanwhile unless that
    /// says the same. Returns whether the rows changed.
    pub fn refresh(&mut self, page: &FirstPage) -> bool {
        let l = &self.listing;
        if !l.rows.is_empty() && page.same_as(&l.rows, l.next.as_deref()) {
            self.listing.loading = false;
            return false;
        }
        self.listing = Listing::loading(self.listing.sort);
        self.listing.append_shared(&page.rows, page.next.clone());
        true
    }
}

#[cfg(test)]
mod tests {
    use super::super::Browser;
    use crate::graph::{DriveItem, GraphBase, Page};
    use crate::picker::model::listing::Row;
    use crate::picker::model::pages::FirstPage;
    use crate::picker::model::source::Source;

    fn rows(names: &[&str]) -> Vec<Row> {
        let items: Vec<String> = names
            .iter()
            .map(|n| format!(r#"{{"id":"{n}","name":"{n}","folder":{{}},"parentReference":{{"driveId":"d"}}}}"#))
            .collect();
        let page: Page<DriveItem> =
            serde_json::from_str(&format!(r#"{{"value":[{}]}}"#, items.join(","))).unwrap();
        page.value.into_iter().map(Row::Item).collect()
    }

    fn names(b: &Browser) -> Vec<String> {
        b.listing.rows.iter().map(|r| r.key()).collect()
    }

    #[test]
    fn a_kept_page_shows_at_once_and_the_answer_replaces_it_only_when_it_differs() {
        let base = GraphBase::default();
        let mut b = Browser::new(Source::MyFiles, false, None);
        b.apply(rows(&["A", "B"]), None);
        // Hovering A: the request its opening makes is the one opening it makes.
        let ahead = b.fetch_of(0, &base).unwrap();
        assert!(b.fetch_of(9, &base).is_none());
        let kept = FirstPage::new(rows(&["x", "y"]), None);
        assert!(b.open(0));
        assert_eq!(b.fetch(&base).url.as_str(), ahead.url.as_str());
        b.show_kept(&kept);
        assert_eq!(names(&b).len(), 2);
        assert!(b.listing.loading, "it waits for the place's own answer");
        // The same answer leaves the rows as they are.
        let first = b.listing.rows[0].clone();
        assert!(!b.refresh(&FirstPage::new(rows(&["x", "y"]), None)));
        assert!(!b.listing.loading && std::sync::Arc::ptr_eq(&first, &b.listing.rows[0]));
        // Another answer replaces them.
        assert!(b.open(0));
        b.show_kept(&kept);
        assert!(b.refresh(&FirstPage::new(rows(&["x", "z", "w"]), Some("next".into()))));
        assert_eq!(names(&b).len(), 3);
        assert_eq!(b.listing.next.as_deref(), Some("next"));
        // A listing already showing rows takes no kept page.
        b.show_kept(&kept);
        assert_eq!(names(&b).len(), 3);
    }
}
