//! A listing as it grows page by page (DOM-free): its rows (drive items, or the sites,
//! libraries, teams and channels that lead to them), the next page, loading and error.

use std::collections::hash_map::Entry;
use std::collections::HashMap;
use std::hash::{DefaultHasher, Hasher};
use std::sync::Arc;

use super::result::{key, key_parts};
use super::sort::{Sort, Sortable};
use super::source::Place;
use crate::graph::{Channel, Drive, DriveItem, FolderRef, GraphError, Site, Team};

/// What a place row leads to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum PlaceKind {
    /// A SharePoint site.
    Site,
    /// A document library.
    Library,
    /// A team.
    Team,
    /// A channel.
    Channel,
    /// A folder.
    Folder,
}

impl PlaceKind {
    /// A CSS-friendly name.
    pub fn key(self) -> &'static str {
        match self {
            PlaceKind::Site => "site",
            PlaceKind::Library => "library",
            PlaceKind::Team => "team",
            PlaceKind::Channel => "channel",
            PlaceKind::Folder => "folder",
        }
    }
}

/// One row of a listing (held in an `Arc`, so the variants' sizes do not matter).
#[derive(Clone, Debug, PartialEq)]
#[allow(clippy::large_enum_variant)]
pub enum Row {
    /// A file or folder.
    Item(DriveItem),
    /// A site, library, team or channel, and where it leads.
    Place {
        /// Unique within the listing.
        key: String,
        /// The name shown.
        name: String,
        /// What it is.
        kind: PlaceKind,
        /// Where opening it goes.
        target: Place,
    },
}

impl Row {
    /// Tells rows apart (items by drive and id).
    pub fn key(&self) -> String {
        match self {
            Row::Item(i) => item_key(i),
            Row::Place { key, .. } => key.clone(),
        }
    }

    /// A hash of [`Row::key`], taken without building the key (the same text, the same hash).
    fn key_hash(&self) -> u64 {
        let mut hasher = DefaultHasher::new();
        match self {
            Row::Item(i) => {
                let (drive, id) = key_parts(i);
                for part in [drive.unwrap_or("me"), "/", id] {
                    hasher.write(part.as_bytes());
                }
            }
            Row::Place { key, .. } => hasher.write(key.as_bytes()),
        }
        hasher.finish()
    }

    /// Where opening the row goes, if it is a container (a folder or a place).
    pub fn target(&self) -> Option<(Place, String)> {
        match self {
            Row::Item(i) if i.is_folder() => {
                Some((Place::Folder(FolderRef::of(i)), i.name.clone()))
            }
            Row::Item(_) => None,
            Row::Place { target, name, .. } => Some((target.clone(), name.clone())),
        }
    }

    /// The row for a site.
    pub fn site(s: Site) -> Row {
        Row::Place {
            key: format!("site/{}", s.id),
            name: s.title().to_string(),
            kind: PlaceKind::Site,
            target: Place::Libraries { site_id: s.id },
        }
    }

    /// The row for a document library.
    pub fn library(d: Drive) -> Row {
        Row::Place {
            key: format!("drive/{}", d.id),
            name: d.name,
            kind: PlaceKind::Library,
            target: Place::Folder(FolderRef::DriveRoot { drive_id: d.id }),
        }
    }

    /// The row for a team.
    pub fn team(t: Team) -> Row {
        Row::Place {
            key: format!("team/{}", t.id),
            name: t.display_name,
            kind: PlaceKind::Team,
            target: Place::Channels { team_id: t.id },
        }
    }

    /// The row for a channel of `team_id`.
    pub fn channel(team_id: &str, c: Channel) -> Row {
        Row::Place {
            key: format!("channel/{}", c.id),
            name: c.display_name,
            kind: PlaceKind::Channel,
            target: Place::ChannelFiles {
                team_id: team_id.to_string(),
                channel_id: c.id,
            },
        }
    }
}

impl Sortable for Row {
    fn name(&self) -> &str {
        match self {
            Row::Item(i) => &i.name,
            Row::Place { name, .. } => name,
        }
    }

    fn modified(&self) -> Option<&str> {
        match self {
            Row::Item(i) => i.last_modified_date_time.as_deref(),
            Row::Place { .. } => None,
        }
    }

    fn size(&self) -> Option<u64> {
        match self {
            Row::Item(i) => i.size(),
            Row::Place { .. } => None,
        }
    }
}

/// The selection and row key of a drive item (a shared item by its own drive and id).
pub fn item_key(i: &DriveItem) -> String {
    let (drive, id) = key_parts(i);
    key(drive, id)
}

/// The rows shown and what comes next.
#[derive(Clone, Debug, Default)]
pub struct Listing {
    /// The rows, each key once (shared, so a view can hold a few without copying them).
    pub rows: Vec<Arc<Row>>,
    /// The rows by their key's hash (a key takes no room of its own: a row with the same hash
    /// is checked against the row kept for it).
    keys: HashMap<u64, Arc<Row>>,
    /// The next page's link, as Graph gave it (checked before it is followed).
    pub next: Option<String>,
    /// A request is in flight.
    pub loading: bool,
    /// The last request failed.
    pub error: Option<GraphError>,
    /// The browser sorts the rows (the server could not).
    pub sort: Option<Sort>,
}

impl Listing {
    /// An empty listing waiting for its first page, sorted in the browser by `sort` if given.
    pub fn loading(sort: Option<Sort>) -> Listing {
        Listing {
            loading: true,
            sort,
            ..Listing::default()
        }
    }

    /// Adds a page of rows shared with another listing (see [`Listing::append`]).
    pub fn append_shared(&mut self, rows: &[Arc<Row>], next: Option<String>) {
        for row in rows {
            let new = match self.keys.entry(row.key_hash()) {
                Entry::Vacant(entry) => {
                    entry.insert(row.clone());
                    true
                }
                // The same hash for another key: a row of its own.
                Entry::Occupied(seen) => seen.get().key() != row.key(),
            };
            if new {
                self.rows.push(row.clone());
            }
        }
        if let Some(sort) = self.sort {
            self.rows.sort_by(|a, b| sort.compare(&**a, &**b));
        }
        self.next = next;
        self.loading = false;
        self.error = None;
    }

    /// Adds a page of rows. A key already shown is skipped (a folder that changes while it is
    /// paged can repeat an item on the next page). Returns how many rows were added.
    pub fn append(&mut self, rows: Vec<Row>, next: Option<String>) -> usize {
        let before = self.rows.len();
        let rows: Vec<Arc<Row>> = rows.into_iter().map(Arc::new).collect();
        self.append_shared(&rows, next);
        self.rows.len() - before
    }

    /// Sorts the rows in the browser from now on.
    pub fn sort_by(&mut self, sort: Sort) {
        self.sort = Some(sort);
        self.rows.sort_by(|a, b| sort.compare(&**a, &**b));
    }

    /// The index of the row with this key.
    #[cfg(test)]
    pub fn position(&self, key: &str) -> Option<usize> {
        self.rows.iter().position(|r| r.key() == key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::picker::model::sort::{SortKey, Sortable};

    fn items(json: &str) -> Vec<Row> {
        let page: crate::graph::Page<DriveItem> = serde_json::from_str(json).unwrap();
        page.value.into_iter().map(Row::Item).collect()
    }

    fn names(l: &Listing) -> Vec<&str> {
        l.rows.iter().map(|r| r.name()).collect()
    }

    #[test]
    fn a_rows_key_hash_is_its_keys_text_hashed() {
        let mut rows = items(
            r#"{"value":[{"id":"a","name":"A"},
            {"id":"b","name":"B","parentReference":{"driveId":"d/e"}},
            {"id":"c","name":"C","remoteItem":{"id":"r","parentReference":{"driveId":"x"}}}]}"#,
        );
        rows.push(Row::team(serde_json::from_str(r#"{"id":"t","displayName":"T"}"#).unwrap()));
        for row in &rows {
            let mut whole = DefaultHasher::new();
            whole.write(row.key().as_bytes());
            assert_eq!(row.key_hash(), whole.finish(), "{}", row.key());
        }
    }

    #[test]
    fn repeated_keys_are_shown_once_and_order_is_kept() {
        let mut l = Listing::loading(None);
        let added = l.append(
            items(r#"{"value":[{"id":"a","name":"A"},{"id":"b","name":"B"},{"id":"a","name":"A again"}]}"#),
            Some("https://graph.microsoft.com/v1.0/next".into()),
        );
        assert_eq!(added, 2);
        assert!(!l.loading);
        assert!(l.next.is_some());
        let added = l.append(
            items(r#"{"value":[{"id":"b","name":"B"},{"id":"c","name":"C"}]}"#),
            None,
        );
        assert_eq!(added, 1);
        assert_eq!(names(&l), ["A", "B", "C"]);
        assert_eq!(l.next, None);
        assert_eq!(l.position("me/c"), Some(2));
    }

    #[test]
    fn browser_sorted_listings_stay_sorted_as_pages_arrive() {
        let sort = Sort {
            key: SortKey::Name,
            descending: true,
        };
        let mut l = Listing::loading(Some(sort));
        l.append(
            items(r#"{"value":[{"id":"1","name":"b"},{"id":"2","name":"d"}]}"#),
            Some("n".into()),
        );
        l.append(
            items(r#"{"value":[{"id":"3","name":"c"},{"id":"4","name":"a"}]}"#),
            None,
        );
        assert_eq!(names(&l), ["d", "c", "b", "a"]);
        l.sort_by(Sort {
            key: SortKey::Name,
            descending: false,
        });
        assert_eq!(names(&l), ["a", "b", "c", "d"]);
    }

    #[test]
    fn places_lead_where_they_say() {
        let site = Row::site(serde_json::from_str(r#"{"id":"h,1,2","displayName":"HR"}"#).unwrap());
        assert_eq!(
            site.target(),
            Some((
                Place::Libraries {
                    site_id: "h,1,2".into()
                },
                "HR".into()
            ))
        );
        let channel = Row::channel(
            "t1",
            serde_json::from_str(r#"{"id":"19:x","displayName":"General"}"#).unwrap(),
        );
        assert!(matches!(
            channel.target(),
            Some((Place::ChannelFiles { .. }, _))
        ));
        let folder = items(
            r#"{"value":[{"id":"f","name":"F","folder":{},"parentReference":{"driveId":"d"}}]}"#,
        );
        assert_eq!(
            folder[0].target().unwrap().0,
            Place::Folder(FolderRef::Item {
                drive_id: "d".into(),
                item_id: "f".into()
            })
        );
        let file = items(r#"{"value":[{"id":"x","name":"x.txt","file":{}}]}"#);
        assert_eq!(file[0].target(), None);
    }
}
