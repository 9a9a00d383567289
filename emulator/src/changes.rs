//! A drive's change log, for `delta`: a sequence number bumped on every change, the number at
//! which each item last changed, and tombstones of deleted items (with the folders they were
//! in, so that a folder's delta still reports them). Generated items never change.

use std::collections::HashMap;

/// How many tombstones a drive keeps; a delta token older than the oldest is answered with
/// `410 resyncRequired`, as Graph does for tokens it no longer knows.
pub const TOMBSTONES: usize = 10_000;

/// A deleted item, as delta reports it.
#[derive(Clone, Debug)]
pub struct Tombstone {
    /// When it was deleted.
    pub seq: u64,
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its parent's id.
    pub parent: Option<String>,
    /// The ids of every folder it was in, nearest first.
    pub ancestors: Vec<String>,
    /// A folder or a file.
    pub folder: bool,
}

/// The change log of one drive.
#[derive(Clone, Debug, Default)]
pub struct ChangeLog {
    seq: u64,
    changed: HashMap<String, u64>,
    deleted: Vec<Tombstone>,
    /// Tokens at or before this sequence number are too old (tombstones were dropped).
    forgotten: u64,
}

impl ChangeLog {
    /// The current sequence number (what a delta token taken now names).
    pub fn now(&self) -> u64 {
        self.seq
    }

    /// Records a change of items (created, modified, renamed, moved), at once: an item and the
    /// folders above it.
    pub fn changed_all<'a>(&mut self, ids: impl IntoIterator<Item = &'a str>) {
        self.seq += 1;
        for id in ids {
            self.changed.insert(id.to_string(), self.seq);
        }
    }

    /// Records deleted items.
    pub fn deleted(&mut self, mut gone: Vec<Tombstone>) {
        self.seq += 1;
        for t in &mut gone {
            t.seq = self.seq;
            self.changed.remove(&t.id);
        }
        self.deleted.extend(gone);
        if self.deleted.len() > TOMBSTONES {
            let drop = self.deleted.len() - TOMBSTONES;
            self.forgotten = self.deleted[drop - 1].seq;
            self.deleted.drain(..drop);
        }
    }

    /// Whether a token naming `seq` can still be answered.
    pub fn knows(&self, seq: u64) -> bool {
        seq >= self.forgotten && seq <= self.seq
    }

    /// The items changed after `seq`, oldest change first (ids).
    pub fn changed_since(&self, seq: u64) -> Vec<(u64, String)> {
        let mut v: Vec<(u64, String)> = self
            .changed
            .iter()
            .filter(|(_, s)| **s > seq)
            .map(|(id, s)| (*s, id.clone()))
            .collect();
        v.sort();
        v
    }

    /// The items deleted after `seq`.
    pub fn deleted_since(&self, seq: u64) -> impl Iterator<Item = &Tombstone> {
        self.deleted.iter().filter(move |t| t.seq > seq)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stone(id: &str) -> Tombstone {
        Tombstone {
            seq: 0,
            id: id.into(),
            name: id.into(),
            parent: None,
            ancestors: vec![],
            folder: false,
        }
    }

    #[test]
    fn changes_and_deletions_after_a_token() {
        let mut log = ChangeLog::default();
        log.changed_all(["a"]);
        let token = log.now();
        log.changed_all(["b"]);
        log.changed_all(["a", "root"]);
        log.deleted(vec![stone("c")]);
        let ids: Vec<String> = log
            .changed_since(token)
            .into_iter()
            .map(|(_, id)| id)
            .collect();
        assert_eq!(ids.len(), 3);
        assert_eq!(ids[0], "b");
        assert_eq!(
            log.deleted_since(token)
                .map(|t| t.id.as_str())
                .collect::<Vec<_>>(),
            ["c"]
        );
        assert!(log.changed_since(log.now()).is_empty());
        assert!(log.knows(token) && !log.knows(log.now() + 1));
    }

    #[test]
    fn tokens_older_than_the_kept_tombstones_are_forgotten() {
        let mut log = ChangeLog::default();
        let old = log.now();
        for i in 0..=TOMBSTONES {
            log.deleted(vec![stone(&format!("x{i}"))]);
        }
        assert!(
            !log.knows(old),
            "a token from before the dropped tombstones"
        );
        assert!(log.knows(log.now()));
        assert_eq!(log.deleted_since(0).count(), TOMBSTONES);
    }
}
