//! A folder listing as it grows page by page (DOM-free).

use std::collections::HashSet;

use crate::graph::{DriveItem, GraphError, Page};

/// The rows shown and what comes next.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Listing {
    /// The rows, each id once.
    pub items: Vec<DriveItem>,
    /// The next page's link, as Graph gave it (checked before it is followed).
    pub next: Option<String>,
    /// A request is in flight.
    pub loading: bool,
    /// The last request failed.
    pub error: Option<GraphError>,
}

impl Listing {
    /// Adds a page. An id already shown is skipped (a folder that changes while it is paged can
    /// repeat an item on the next page; rows are keyed by id, so a repeat would hide rows).
    /// Returns how many rows were added.
    pub fn append(&mut self, page: Page<DriveItem>) -> usize {
        let mut seen: HashSet<String> = self.items.iter().map(|i| i.id.clone()).collect();
        let before = self.items.len();
        self.items
            .extend(page.value.into_iter().filter(|i| seen.insert(i.id.clone())));
        self.next = page.next_link;
        self.loading = false;
        self.items.len() - before
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(json: &str) -> Page<DriveItem> {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn repeated_ids_are_shown_once_and_order_is_kept() {
        let mut l = Listing {
            loading: true,
            ..Listing::default()
        };
        let added = l.append(page(
            r#"{"value":[{"id":"a","name":"A"},{"id":"b","name":"B"},{"id":"a","name":"A again"}],
                "@odata.nextLink":"https://graph.microsoft.com/v1.0/next"}"#,
        ));
        assert_eq!(added, 2);
        assert!(!l.loading);
        assert_eq!(
            l.next.as_deref(),
            Some("https://graph.microsoft.com/v1.0/next")
        );
        let added = l.append(page(
            r#"{"value":[{"id":"b","name":"B"},{"id":"c","name":"C"}]}"#,
        ));
        assert_eq!(added, 1);
        let names: Vec<&str> = l.items.iter().map(|i| i.name.as_str()).collect();
        assert_eq!(names, ["A", "B", "C"]);
        assert_eq!(l.next, None);
    }
}
