//! The selection: ordered, kept across folders and sources, bounded by the page's limit.

use super::rules::PickOptions;
use super::result::PickedItem;

/// Why an item could not be selected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SelectError {
    /// The item does not match the mode or the filters.
    NotAllowed,
    /// The maximum is reached (the number).
    Full(usize),
}

/// What "select all" did to a folder's selectable items.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SelectedAll {
    /// All of them are now selected (how many).
    All(usize),
    /// The limit stopped it: how many of them are selected, and the limit.
    Bounded(usize, usize),
    /// All were selected already, so none is now (how many were deselected).
    Cleared(usize),
}

/// How many of a folder's selectable items are selected: for the "select all" check box.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AllState {
    /// None of them (or there are none).
    None,
    /// Some of them.
    Some,
    /// Every one of them.
    All,
}

/// The chosen items, in the order they were chosen.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    items: Vec<PickedItem>,
}

impl Selection {
    /// The chosen items.
    pub fn items(&self) -> &[PickedItem] {
        &self.items
    }

    /// How many.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether nothing is chosen.
    #[cfg(test)]
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Whether the item with this key is chosen.
    pub fn contains(&self, key: &str) -> bool {
        self.items.iter().any(|i| i.key() == key)
    }

    /// Selects or deselects `item` (`allowed`: whether the rules accept it). With a limit of
    /// one, selecting replaces the previous choice; otherwise a full selection refuses more.
    /// Returns whether the item is now selected.
    pub fn toggle(
        &mut self,
        item: PickedItem,
        allowed: bool,
        rules: &PickOptions,
    ) -> Result<bool, SelectError> {
        let key = item.key();
        if self.contains(&key) {
            self.remove(&key);
            return Ok(false);
        }
        if !allowed {
            return Err(SelectError::NotAllowed);
        }
        let limit = rules.limit();
        if limit == 1 {
            self.items.clear();
        } else if self.items.len() >= limit {
            return Err(SelectError::Full(limit));
        }
        self.items.push(item);
        Ok(true)
    }

    /// Removes the item with this key.
    pub fn remove(&mut self, key: &str) {
        self.items.retain(|i| i.key() != key);
    }

    /// Empties the selection.
    pub fn clear(&mut self) {
        self.items.clear();
    }

    /// Selects every one of `items` (a folder's selectable items, in its order) up to the limit,
    /// keeping what is chosen elsewhere; when all are selected already, deselects them.
    pub fn select_all(&mut self, items: Vec<PickedItem>, rules: &PickOptions) -> SelectedAll {
        let keys: Vec<String> = items.iter().map(PickedItem::key).collect();
        if self.all_state(&keys) == AllState::All {
            for i in &items {
                self.remove(&i.key());
            }
            return SelectedAll::Cleared(items.len());
        }
        let limit = rules.limit();
        let mut bounded = false;
        for item in &items {
            if self.contains(&item.key()) {
                continue;
            }
            if self.items.len() >= limit {
                bounded = true;
                break;
            }
            self.items.push(item.clone());
        }
        let selected = items.iter().filter(|i| self.contains(&i.key())).count();
        match bounded {
            true => SelectedAll::Bounded(selected, limit),
            false => SelectedAll::All(selected),
        }
    }

    /// How many of the items with these `keys` are selected.
    pub fn all_state(&self, keys: &[String]) -> AllState {
        let selected = keys.iter().filter(|k| self.contains(k)).count();
        match selected {
            0 => AllState::None,
            n if n == keys.len() => AllState::All,
            _ => AllState::Some,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn picked(drive: &str, id: &str) -> PickedItem {
        PickedItem {
            id: id.into(),
            drive_id: Some(drive.into()),
            name: id.into(),
            is_folder: false,
            size: None,
            mime_type: None,
            web_url: None,
            parent_path: None,
            last_modified: None,
            thumbnail_url: None,
            download_url: None,
            sharing_link: None,
        }
    }

    #[test]
    fn single_selection_replaces() {
        let rules = PickOptions::default();
        let mut s = Selection::default();
        assert_eq!(s.toggle(picked("d", "a"), true, &rules), Ok(true));
        assert_eq!(s.toggle(picked("d", "b"), true, &rules), Ok(true));
        assert_eq!(s.len(), 1);
        assert!(s.contains("d/b"));
        assert_eq!(s.toggle(picked("d", "b"), true, &rules), Ok(false));
        assert!(s.is_empty());
    }

    #[test]
    fn multiple_selection_is_bounded_ordered_and_spans_drives() {
        let rules = PickOptions {
            multiple: true,
            max: Some(3),
            ..PickOptions::default()
        };
        let mut s = Selection::default();
        for (d, id) in [("d1", "a"), ("d2", "a"), ("d1", "b")] {
            assert_eq!(s.toggle(picked(d, id), true, &rules), Ok(true));
        }
        assert_eq!(
            s.toggle(picked("d3", "c"), true, &rules),
            Err(SelectError::Full(3))
        );
        let keys: Vec<String> = s.items().iter().map(PickedItem::key).collect();
        assert_eq!(
            keys,
            ["d1/a", "d2/a", "d1/b"],
            "same id, other drive: two items"
        );
        s.remove("d2/a");
        assert_eq!(s.toggle(picked("d3", "c"), true, &rules), Ok(true));
        assert_eq!(
            s.toggle(picked("d4", "x"), false, &PickOptions::default()),
            Err(SelectError::NotAllowed)
        );
        assert_eq!(
            s.toggle(picked("d1", "a"), false, &rules),
            Ok(false),
            "deselecting is always allowed"
        );
        s.clear();
        assert!(s.is_empty());
    }

    #[test]
    fn select_all_is_bounded_keeps_the_rest_and_clears_when_all_are_chosen() {
        let rules = PickOptions {
            multiple: true,
            max: Some(4),
            ..PickOptions::default()
        };
        let folder: Vec<PickedItem> = ["a", "b", "c", "d"].map(|id| picked("f", id)).to_vec();
        let mut s = Selection::default();
        s.toggle(picked("elsewhere", "x"), true, &rules).unwrap();
        s.toggle(picked("f", "b"), true, &rules).unwrap();
        let keys: Vec<String> = folder.iter().map(PickedItem::key).collect();
        assert_eq!(s.all_state(&keys), AllState::Some);
        // Room for two more: a, then c; d stays out.
        assert_eq!(s.select_all(folder.clone(), &rules), SelectedAll::Bounded(3, 4));
        let chosen: Vec<String> = s.items().iter().map(PickedItem::key).collect();
        assert_eq!(chosen, ["elsewhere/x", "f/b", "f/a", "f/c"]);
        s.remove("elsewhere/x");
        assert_eq!(s.select_all(folder.clone(), &rules), SelectedAll::All(4));
        assert_eq!(s.all_state(&keys), AllState::All);
        assert_eq!(s.select_all(folder.clone(), &rules), SelectedAll::Cleared(4));
        assert!(s.is_empty());
        assert_eq!(s.all_state(&[]), AllState::None);
        let unbounded = PickOptions { multiple: true, ..PickOptions::default() };
        assert_eq!(s.select_all(folder, &unbounded), SelectedAll::All(4));
    }
}
