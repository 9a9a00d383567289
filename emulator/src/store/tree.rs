//! A drive's tree: adding, finding, listing, searching and removing items.

use chrono::{DateTime, Utc};

use super::generated::generated_len;
use super::generated::generated_name;
use super::model::{Drive, Item, ItemKind, SortKey};
use crate::changes::Tombstone;
use crate::util::stable_guid;

impl Drive {
    /// Adds a new item called `name` under the real folder `parent` and returns its id.
    pub fn add_child(
        &mut self,
        parent: &str,
        name: &str,
        user: &str,
        (created, modified): (DateTime<Utc>, DateTime<Utc>),
        kind: ItemKind,
    ) -> String {
        let id = self.new_id();
        let item = Item {
            unique_id: stable_guid(&format!("{}/{id}", self.id)),
            id: id.clone(),
            name: name.to_string(),
            parent: Some(parent.to_string()),
            created,
            modified,
            created_by: user.to_string(),
            modified_by: user.to_string(),
            kind,
            version: 1,
            content_version: 1,
            shares: vec![],
        };
        self.insert_child(parent, item);
        id
    }

    /// Number of children of `folder` (real and generated).
    pub fn child_count(&self, folder: &Item) -> usize {
        match &folder.kind {
            ItemKind::Folder {
                children,
                generated,
            } => children.len() + *generated as usize,
            _ => 0,
        }
    }

    /// The children of `folder` from `offset`, at most `limit`, in the given order.
    pub fn children_page(
        &self,
        folder: &Item,
        sort: SortKey,
        descending: bool,
        offset: usize,
        limit: usize,
    ) -> Vec<Item> {
        let ItemKind::Folder {
            children,
            generated,
        } = &folder.kind
        else {
            return vec![];
        };
        let generated = *generated as usize;
        let ordinal = self
            .generated_folders
            .iter()
            .position(|f| *f == folder.id)
            .unwrap_or(0) as u16;
        if generated > 0 && matches!(sort, SortKey::Default | SortKey::Name) {
            // Generated names sort in index order; real children (uploads) come after them.
            let total = generated + children.len();
            let mut real: Vec<Item> = children.iter().filter_map(|c| self.get(c)).collect();
            sort_items(&mut real, sort, false);
            return (offset..total.min(offset + limit))
                .filter_map(|pos| {
                    let pos = if descending { total - 1 - pos } else { pos };
                    if pos < generated {
                        self.generated_child(ordinal, pos as u32)
                    } else {
                        real.get(pos - generated).cloned()
                    }
                })
                .collect();
        }
        let mut all: Vec<Item> = children.iter().filter_map(|c| self.get(c)).collect();
        all.extend((0..generated as u32).filter_map(|i| self.generated_child(ordinal, i)));
        sort_items(&mut all, sort, descending);
        all.into_iter().skip(offset).take(limit).collect()
    }

    /// Items under `folder` whose name contains `needle` (lower-cased), or whose text content
    /// does; at most `limit`. Generated items are matched by name without being built.
    pub fn search(&self, folder: &Item, needle: &str, limit: usize) -> Vec<Item> {
        let mut out = Vec::new();
        let mut stack = vec![folder.clone()];
        while let Some(f) = stack.pop() {
            let ItemKind::Folder {
                children,
                generated,
            } = &f.kind
            else {
                continue;
            };
            for child in children.iter().filter_map(|c| self.items.get(c)) {
                if out.len() >= limit {
                    return out;
                }
                let text_hit = matches!(&child.kind, ItemKind::File { mime, data, .. }
                    if mime.starts_with("text/")
                        && String::from_utf8_lossy(data).to_lowercase().contains(needle));
                if child.name.to_lowercase().contains(needle) || text_hit {
                    out.push(child.clone());
                }
                if child.is_folder() {
                    stack.push(child.clone());
                }
            }
            if *generated > 0 {
                let ordinal = self
                    .generated_folders
                    .iter()
                    .position(|g| *g == f.id)
                    .unwrap_or(0) as u16;
                for i in 0..*generated {
                    if out.len() >= limit {
                        return out;
                    }
                    if generated_name(i).to_lowercase().contains(needle) {
                        out.extend(self.generated_child(ordinal, i));
                    }
                }
            }
        }
        out
    }

    /// Total size: bytes of a file, sum of descendants for a folder.
    pub fn size_of(&self, item: &Item) -> u64 {
        match &item.kind {
            ItemKind::File { data, .. } => data.len() as u64,
            ItemKind::Folder {
                children,
                generated,
            } => {
                let generated_size: u64 = (0..*generated)
                    .map(|i| generated_len(i, *generated) as u64)
                    .sum();
                generated_size
                    + children
                        .iter()
                        .filter_map(|c| self.items.get(c))
                        .map(|c| self.size_of(c))
                        .sum::<u64>()
            }
        }
    }

    /// Names from the root down to `item` (root excluded).
    pub fn path_names(&self, item: &Item) -> Vec<String> {
        let mut names = Vec::new();
        let mut cur = item.parent.clone();
        names.push(item.name.clone());
        while let Some(p) = cur {
            let parent = self.get(&p);
            match parent {
                Some(parent) if parent.parent.is_some() => {
                    names.push(parent.name.clone());
                    cur = parent.parent.clone();
                }
                _ => break,
            }
        }
        if item.parent.is_none() {
            return vec![];
        }
        names.reverse();
        names
    }

    /// Finds the child of `folder` called `name` (case-insensitive, as OneDrive matches).
    pub fn child_named(&self, folder: &Item, name: &str) -> Option<Item> {
        let ItemKind::Folder {
            children,
            generated,
        } = &folder.kind
        else {
            return None;
        };
        if let Some(c) = children
            .iter()
            .filter_map(|c| self.items.get(c))
            .find(|c| c.name.to_lowercase() == name.to_lowercase())
        {
            return Some(c.clone());
        }
        if *generated > 0 {
            let ordinal = self
                .generated_folders
                .iter()
                .position(|f| *f == folder.id)? as u16;
            let lower = name.to_ascii_lowercase();
            let digits = lower.strip_prefix("item ")?.split('.').next()?;
            let index: u32 = digits.parse().ok()?;
            let child = self.generated_child(ordinal, index.checked_sub(1)?)?;
            return child.name.eq_ignore_ascii_case(name).then_some(child);
        }
        None
    }

    /// Resolves a `/`-separated path relative to `from` (already percent-decoded).
    pub fn resolve_path(&self, from: &Item, path: &str) -> Option<Item> {
        let mut cur = from.clone();
        for seg in path.split('/').filter(|s| !s.is_empty()) {
            cur = self.child_named(&cur, seg)?;
        }
        Some(cur)
    }

    /// Adds `item` under `parent` (a real folder).
    pub fn insert_child(&mut self, parent: &str, item: Item) {
        let id = item.id.clone();
        self.items.insert(id.clone(), item);
        let mut changed = vec![id.clone()];
        changed.extend(self.ancestors(parent));
        self.changes.changed_all(changed.iter().map(String::as_str));
        if let Some(Item {
            kind: ItemKind::Folder { children, .. },
            ..
        }) = self.items.get_mut(parent)
        {
            children.push(id);
        }
    }

    /// The ids of `id` and every folder above it, nearest first.
    pub fn ancestors(&self, id: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut cur = Some(id.to_string());
        while let Some(c) = cur {
            cur = self.items.get(&c).and_then(|i| i.parent.clone());
            out.push(c);
        }
        out
    }

    /// Removes an item and its real descendants (leaving tombstones for `delta`). Generated
    /// items cannot be removed.
    pub fn remove(&mut self, id: &str) -> bool {
        let Some(parent) = self.items.get(id).map(|i| i.parent.clone()) else {
            return false;
        };
        let above = parent
            .as_deref()
            .map(|p| self.ancestors(p))
            .unwrap_or_default();
        let mut gone = Vec::new();
        self.remove_inner(id, above.clone(), &mut gone);
        self.changes.deleted(gone);
        self.changes.changed_all(above.iter().map(String::as_str));
        true
    }

    fn remove_inner(&mut self, id: &str, ancestors: Vec<String>, gone: &mut Vec<Tombstone>) {
        let Some(item) = self.items.remove(id) else {
            return;
        };
        gone.push(Tombstone {
            seq: 0,
            id: item.id.clone(),
            name: item.name.clone(),
            parent: item.parent.clone(),
            ancestors: ancestors.clone(),
            folder: item.is_folder(),
        });
        if let Some(parent) = &item.parent {
            if let Some(Item {
                kind: ItemKind::Folder { children, .. },
                ..
            }) = self.items.get_mut(parent)
            {
                children.retain(|c| c != id);
            }
        }
        if let ItemKind::Folder { children, .. } = item.kind {
            let mut below = vec![item.id.clone()];
            below.extend(ancestors);
            for c in children {
                self.remove_inner(&c, below.clone(), gone);
            }
        }
    }

    /// Marks `id` and its ancestors as changed (eTag/cTag and folder modified times).
    pub fn touch(&mut self, id: &str, at: DateTime<Utc>, content: bool) {
        let changed = self.ancestors(id);
        self.changes.changed_all(changed.iter().map(String::as_str));
        let mut cur = Some(id.to_string());
        while let Some(c) = cur {
            let Some(item) = self.items.get_mut(&c) else {
                break;
            };
            item.version += 1;
            if content || item.id != id {
                item.content_version += 1;
            }
            if item.id == id {
                item.modified = at;
            }
            cur = item.parent.clone();
        }
    }

    /// Created time of the drive.
    pub fn created(&self) -> DateTime<Utc> {
        self.created
    }
}

fn sort_items(items: &mut [Item], sort: SortKey, descending: bool) {
    match sort {
        SortKey::Default => items.sort_by(|a, b| {
            b.is_folder()
                .cmp(&a.is_folder())
                .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
        }),
        SortKey::Name => items.sort_by_key(|a| a.name.to_lowercase()),
        SortKey::Size => items.sort_by_key(|a| match &a.kind {
            ItemKind::File { data, .. } => data.len(),
            _ => 0,
        }),
        SortKey::Modified => items.sort_by_key(|a| a.modified),
    }
    if descending {
        items.reverse();
    }
}
