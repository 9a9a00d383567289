//! Sorting: by name, modified or size, ascending or descending; on the server where Graph
//! supports `$orderby` for the drive, in the browser otherwise.
//!
//! Graph sorts folder listings of personal OneDrives by `name`, `size` and
//! `lastModifiedDateTime`, but OneDrive for Business and SharePoint only by `name`
//! (behaviour.md 1.3). So: `name` is sorted on the server everywhere, `size` and `modified` on
//! the server for personal drives and in the browser (over the rows loaded so far) for work
//! drives; lists that are not folders (recent, shared, search, sites, teams) are sorted in the
//! browser.

use std::cmp::Ordering;

use crate::graph::request::OrderBy;

/// What a sort reads of a row.
pub trait Sortable {
    /// The name.
    fn name(&self) -> &str;
    /// Last modified, ISO 8601 (sorts as text).
    fn modified(&self) -> Option<&str>;
    /// Size in bytes.
    fn size(&self) -> Option<u64>;
}

/// What to sort by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortKey {
    /// Name (case-insensitive).
    Name,
    /// Last modified.
    Modified,
    /// Size.
    Size,
}

impl SortKey {
    /// `name`, `modified` or `size`.
    pub fn key(self) -> &'static str {
        match self {
            SortKey::Name => "name",
            SortKey::Modified => "modified",
            SortKey::Size => "size",
        }
    }
}

/// A sort order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sort {
    /// By what.
    pub key: SortKey,
    /// Descending.
    pub descending: bool,
}

impl Sort {
    /// The order after choosing `key`: the same key again flips the direction; a new key starts
    /// ascending for names and descending (newest, largest first) for the others.
    pub fn choose(current: Option<Sort>, key: SortKey) -> Sort {
        match current {
            Some(s) if s.key == key => Sort {
                key,
                descending: !s.descending,
            },
            _ => Sort {
                key,
                descending: key != SortKey::Name,
            },
        }
    }

    /// The `$orderby` for a folder listing in a personal or work drive, or `None` when the
    /// browser sorts.
    pub fn server(self, personal_drive: bool) -> Option<OrderBy> {
        let property = match (self.key, personal_drive) {
            (SortKey::Name, _) => "name",
            (SortKey::Modified, true) => "lastModifiedDateTime",
            (SortKey::Size, true) => "size",
            _ => return None,
        };
        Some(OrderBy {
            property,
            descending: self.descending,
        })
    }

    /// Compares two rows (for sorting in the browser; stable sorts keep ties in service order).
    pub fn compare<T: Sortable + ?Sized>(self, a: &T, b: &T) -> Ordering {
        let order = match self.key {
            SortKey::Name => compare_names(a.name(), b.name()),
            SortKey::Modified => a.modified().cmp(&b.modified()),
            SortKey::Size => a.size().cmp(&b.size()),
        };
        if self.descending {
            order.reverse()
        } else {
            order
        }
    }
}

/// Case-insensitive, with numbers in names compared by value (`2` before `10`).
pub fn compare_names(a: &str, b: &str) -> Ordering {
    let (mut x, mut y) = (a.chars().peekable(), b.chars().peekable());
    loop {
        match (x.peek().copied(), y.peek().copied()) {
            (None, None) => return a.cmp(b),
            (None, _) => return Ordering::Less,
            (_, None) => return Ordering::Greater,
            (Some(c), Some(d)) if c.is_ascii_digit() && d.is_ascii_digit() => {
                let number = |it: &mut std::iter::Peekable<std::str::Chars>| {
                    let mut digits = String::new();
                    while let Some(c) = it.next_if(char::is_ascii_digit) {
                        digits.push(c);
                    }
                    digits
                };
                let (m, n) = (number(&mut x), number(&mut y));
                let (m, n) = (m.trim_start_matches('0'), n.trim_start_matches('0'));
                let order = m.len().cmp(&n.len()).then_with(|| m.cmp(n));
                if order != Ordering::Equal {
                    return order;
                }
            }
            (Some(c), Some(d)) => {
                let order = c.to_lowercase().cmp(d.to_lowercase());
                if order != Ordering::Equal {
                    return order;
                }
                x.next();
                y.next();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Row(
        &'static str,
        &'static str,
        Option<u64>,
        Option<&'static str>,
    );

    impl Sortable for Row {
        fn name(&self) -> &str {
            self.1
        }
        fn modified(&self) -> Option<&str> {
            self.3
        }
        fn size(&self) -> Option<u64> {
            self.2
        }
    }

    impl Row {
        fn key(&self) -> &str {
            self.0
        }
    }

    #[test]
    fn server_sorts_what_the_drive_supports() {
        let by = |key, descending| Sort { key, descending };
        assert_eq!(
            by(SortKey::Name, true).server(false).map(|o| o.property),
            Some("name")
        );
        assert_eq!(by(SortKey::Modified, false).server(false), None);
        assert_eq!(by(SortKey::Size, false).server(false), None);
        assert_eq!(
            by(SortKey::Size, true).server(true),
            Some(OrderBy {
                property: "size",
                descending: true
            })
        );
        assert_eq!(
            by(SortKey::Modified, false)
                .server(true)
                .map(|o| o.property),
            Some("lastModifiedDateTime")
        );
    }

    #[test]
    fn choosing_a_key_twice_flips_it() {
        let name = Sort::choose(None, SortKey::Name);
        assert!(!name.descending);
        assert!(Sort::choose(Some(name), SortKey::Name).descending);
        assert!(
            Sort::choose(Some(name), SortKey::Size).descending,
            "largest first"
        );
    }

    #[test]
    fn browser_sorts_are_natural_and_stable() {
        let mut rows = vec![
            Row("me/1", "file10.txt", Some(5), Some("2025-01-02T00:00:00Z")),
            Row("me/2", "File2.txt", Some(50), Some("2025-03-01T00:00:00Z")),
            Row("me/3", "apple", None, Some("2024-12-31T00:00:00Z")),
            Row("me/4", "file2.txt", Some(50), None),
        ];
        let ids = |rows: &[Row]| rows.iter().map(|r| r.key().to_string()).collect::<Vec<_>>();
        let sort = |rows: &mut Vec<Row>, key, descending| {
            rows.sort_by(|a, b| Sort { key, descending }.compare(a, b))
        };
        sort(&mut rows, SortKey::Name, false);
        assert_eq!(ids(&rows), ["me/3", "me/2", "me/4", "me/1"]);
        sort(&mut rows, SortKey::Size, true);
        assert_eq!(
            ids(&rows),
            ["me/2", "me/4", "me/1", "me/3"],
            "ties keep their order; no size last"
        );
        sort(&mut rows, SortKey::Modified, true);
        assert_eq!(ids(&rows)[..3], ["me/2", "me/1", "me/3"]);
        assert_eq!(
            compare_names("a02", "a2"),
            Ordering::Less,
            "equal numbers: text decides"
        );
        assert_eq!(compare_names("Ä", "ä"), Ordering::Less);
    }
}
