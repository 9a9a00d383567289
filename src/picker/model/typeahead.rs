//! Type-ahead: letters typed in quick succession move the focus to the next item whose name
//! starts with them (as in a file manager); one letter typed again cycles through the items that
//! start with it. DOM-free.

use std::sync::Arc;

use super::listing::Row;
use super::sort::Sortable;

/// How long a pause ends the typed prefix (milliseconds).
pub const PAUSE_MS: f64 = 800.0;

/// The prefix being typed.
#[derive(Clone, Debug, Default)]
pub struct TypeAhead {
    typed: String,
    last_ms: f64,
}

impl TypeAhead {
    /// Adds `ch`, typed at `now_ms`, and returns the prefix to look for.
    pub fn push(&mut self, ch: char, now_ms: f64) -> &str {
        if now_ms - self.last_ms > PAUSE_MS {
            self.typed.clear();
        }
        self.last_ms = now_ms;
        self.typed.extend(ch.to_lowercase());
        &self.typed
    }
}

/// The row to focus for `typed`, searching from `from` (the focused row) on and wrapping round:
/// a longer prefix may stay on the focused row, a single letter (or one letter repeated) moves
/// to the next row that starts with it.
pub fn find(rows: &[Arc<Row>], from: Option<usize>, typed: &str) -> Option<usize> {
    if rows.is_empty() || typed.is_empty() {
        return None;
    }
    let mut chars = typed.chars();
    let first = chars.next()?;
    let repeated = chars.all(|c| c == first);
    let (prefix, skip) = match repeated {
        true => (first.to_string(), 1),
        false => (typed.to_string(), 0),
    };
    let start = from.map_or(0, |f| f + skip);
    let n = rows.len();
    (0..n)
        .map(|k| (start + k) % n)
        .find(|&i| starts_with(rows[i].name(), &prefix))
}

fn starts_with(name: &str, prefix: &str) -> bool {
    let mut name = name.chars().flat_map(char::to_lowercase);
    prefix.chars().all(|p| name.next() == Some(p))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::DriveItem;

    fn rows(names: &[&str]) -> Vec<Arc<Row>> {
        names
            .iter()
            .map(|n| {
                let item: DriveItem =
                    serde_json::from_value(serde_json::json!({ "id": n, "name": n })).unwrap();
                Arc::new(Row::Item(item))
            })
            .collect()
    }

    #[test]
    fn a_prefix_typed_quickly_finds_the_item_and_a_pause_starts_again() {
        let mut t = TypeAhead::default();
        assert_eq!(t.push('B', 1000.0), "b");
        assert_eq!(t.push('u', 1200.0), "bu");
        assert_eq!(t.push('D', 1900.0), "bud");
        assert_eq!(t.push('n', 1900.0 + PAUSE_MS + 1.0), "n");
        // Letters whose lower case is longer stay whole.
        assert_eq!(TypeAhead::default().push('İ', 0.0), "i\u{307}");
    }

    #[test]
    fn finds_from_the_focus_on_and_wraps_round() {
        let r = rows(&[
            "Budget.xlsx",
            "Notes.txt",
            "Bücher",
            "budget 2026.xlsx",
            "Émile",
        ]);
        assert_eq!(find(&r, None, "b"), Some(0));
        // One letter again: the next that starts with it, wrapping round.
        assert_eq!(find(&r, Some(0), "b"), Some(2));
        assert_eq!(find(&r, Some(2), "b"), Some(3));
        assert_eq!(find(&r, Some(3), "b"), Some(0));
        assert_eq!(find(&r, Some(0), "bb"), Some(2));
        // A longer prefix may stay where it is.
        assert_eq!(find(&r, Some(0), "bud"), Some(0));
        assert_eq!(find(&r, Some(1), "budget 2"), Some(3));
        assert_eq!(find(&r, Some(1), "bü"), Some(2));
        assert_eq!(find(&r, Some(1), "é"), Some(4));
        assert_eq!(find(&r, Some(1), "x"), None);
        assert_eq!(find(&[], None, "b"), None);
    }
}
