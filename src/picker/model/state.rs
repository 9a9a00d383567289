//! The browsing state, DOM-free: the source, the breadcrumb trail, the listing, sort, view,
//! search and keyboard focus. Transitions are plain methods; one that needs data returns
//! `true`, and [`Browser::fetch`] then says which Graph request the new place needs.

use super::listing::{Listing, PlaceKind, Row};
use super::sort::{Sort, SortKey};
use super::source::{Fetch, Place, Source};
use crate::graph::{DriveItem, FolderRef, GraphBase};

/// A breadcrumb's name: a source's (shown from the message table) or a folder's own.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum CrumbName {
    /// The source's root.
    Source(Source),
    /// A folder, site, library, team or channel.
    Text(String),
    /// Search results for these words.
    Search(String),
    /// A start location the page chose, by its kind.
    Kind(PlaceKind),
}

/// One step of the trail (kept across a redirect sign-in as JSON: [`Crumb::encode_trail`]).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Crumb {
    /// Where it is.
    pub place: Place,
    /// What it is called.
    pub name: CrumbName,
}

impl Crumb {
    /// A trail as text, to come back to after the page has been away (a redirect sign-in).
    pub fn encode_trail(trail: &[Crumb]) -> Option<String> {
        serde_json::to_string(trail).ok()
    }

    /// A trail from [`Crumb::encode_trail`]'s text; none when it is not one (or is empty).
    pub fn decode_trail(text: &str) -> Option<Vec<Crumb>> {
        serde_json::from_str::<Vec<Crumb>>(text)
            .ok()
            .filter(|t| !t.is_empty())
    }
}

/// List or grid.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum View {
    /// Rows with columns.
    #[default]
    List,
    /// Tiles with thumbnails.
    Grid,
}

/// How keyboard focus moves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Move {
    /// One item back (Left, or Up in a list).
    Previous,
    /// One item on (Right, or Down in a list).
    Next,
    /// One line up (Up in a grid).
    LineUp,
    /// One line down (Down in a grid).
    LineDown,
    /// A viewport's worth back.
    PageUp,
    /// A viewport's worth on.
    PageDown,
    /// The first item.
    First,
    /// The last loaded item.
    Last,
}

/// What the trail, listing, focus and scroll were before a search began.
#[derive(Clone, Debug)]
struct Saved {
    trail: Vec<Crumb>,
    listing: Listing,
    focus: Option<usize>,
    scroll: f64,
}

/// The browsing state.
#[derive(Clone, Debug)]
pub struct Browser {
    /// The source shown.
    pub source: Source,
    /// The trail; the last crumb is the current place.
    pub trail: Vec<Crumb>,
    /// The current place's rows.
    pub listing: Listing,
    /// The sort chosen (none: the service's order).
    pub sort: Option<Sort>,
    /// List or grid.
    pub view: View,
    /// The focused row.
    pub focus: Option<usize>,
    /// The scroll position of the listing.
    pub scroll: f64,
    /// Whether the account is personal (its drives sort on the server by every key).
    pub personal: bool,
    /// Changes whenever the listing is replaced: an answer for an older one is dropped.
    pub generation: u64,
    before_search: Option<Saved>,
    /// Locked to its start (`lock-to-start`): the trail never goes above this crumb, and no
    /// other source opens.
    floor: Option<usize>,
}

impl Browser {
    /// Starts at `source` (or at `start`, a place the page chose, under that source).
    pub fn new(source: Source, personal: bool, start: Option<Crumb>) -> Browser {
        let mut trail = vec![Crumb {
            place: source.start(),
            name: CrumbName::Source(source),
        }];
        trail.extend(start);
        let mut b = Browser {
            source,
            trail,
            listing: Listing::default(),
            sort: None,
            view: View::List,
            focus: None,
            scroll: 0.0,
            personal,
            generation: 0,
            before_search: None,
            floor: None,
        };
        b.reset();
        b
    }

    /// Keeps the user in the place it starts at (and below it).
    pub fn locked(mut self) -> Browser {
        self.floor = Some(self.trail.len() - 1);
        self
    }

    /// Whether the user is kept in the start (no other source).
    pub fn is_locked(&self) -> bool {
        self.floor.is_some()
    }

    /// The first crumb shown: the start when locked.
    pub fn floor(&self) -> usize {
        self.floor.unwrap_or(0)
    }

    /// Whether `trail` stays at or below the lock's crumb (any trail when not locked).
    fn within_lock(&self, trail: &[Crumb]) -> bool {
        self.floor
            .is_none_or(|f| trail.len() > f && trail[..=f] == self.trail[..=f])
    }

    /// The current place.
    pub fn place(&self) -> &Place {
        &self.trail.last().expect("the trail is never empty").place
    }

    /// The words searched for, while a search is shown.
    pub fn query(&self) -> Option<&str> {
        match &self.trail.last()?.name {
            CrumbName::Search(q) => Some(q),
            _ => None,
        }
    }

    /// Whether a search is shown.
    pub fn searching(&self) -> bool {
        self.before_search.is_some()
    }

    /// The request for the current place's first page.
    pub fn fetch(&self, base: &GraphBase) -> Fetch {
        self.fetch_at(self.place(), base)
    }

    /// Empties the listing for a new place (sorted in the browser when the server cannot).
    fn reset(&mut self) {
        let server = self.place().sorted_by_server()
            && self.sort.is_some_and(|s| s.server(self.personal).is_some());
        self.listing = Listing::loading(if server { None } else { self.sort });
        self.focus = None;
        self.scroll = 0.0;
        self.generation += 1;
    }

    /// Shows another source from its start (a search ends). Returns whether to fetch.
    pub fn open_source(&mut self, source: Source) -> bool {
        if self.floor.is_some() {
            return false;
        }
        self.before_search = None;
        self.source = source;
        self.trail = vec![Crumb {
            place: source.start(),
            name: CrumbName::Source(source),
        }];
        self.reset();
        true
    }

    /// Opens the row at `index` if it is a folder or a place. Returns whether to fetch.
    pub fn open(&mut self, index: usize) -> bool {
        let Some((place, name)) = self.listing.rows.get(index).and_then(|r| r.target()) else {
            return false;
        };
        // Opening a result leaves the search: the trail goes on from the folder searched.
        if let Some(saved) = self.before_search.take() {
            self.trail = saved.trail;
        }
        self.trail.push(Crumb {
            place,
            name: CrumbName::Text(name),
        });
        self.reset();
        true
    }

    /// A channel's files folder arrived: list it in place of the channel. Returns whether to
    /// fetch.
    pub fn resolve_folder(&mut self, folder: &DriveItem) -> bool {
        if let Some(last) = self.trail.last_mut() {
            last.place = Place::Folder(FolderRef::of(folder));
        }
        self.reset();
        true
    }

    /// Returns to a trail seen before (browser Back and Forward). Returns whether to fetch.
    pub fn set_trail(&mut self, trail: Vec<Crumb>) -> bool {
        let Some(first) = trail.first() else {
            return false;
        };
        if !self.within_lock(&trail) {
            return false;
        }
        if let CrumbName::Source(s) = first.name {
            self.source = s;
        }
        self.before_search = None;
        self.trail = trail;
        self.reset();
        true
    }

    /// Goes to the crumb at `index` (the current one reloads). Returns whether to fetch.
    pub fn go_to(&mut self, index: usize) -> bool {
        if index >= self.trail.len() || index < self.floor() {
            return false;
        }
        if let Some(saved) = self.before_search.take() {
            self.trail = saved.trail;
        }
        self.trail.truncate(index + 1);
        self.reset();
        true
    }

    /// Goes one level up. Returns whether to fetch.
    pub fn up(&mut self) -> bool {
        self.trail.len() > self.floor() + 1 && self.go_to(self.trail.len() - 2)
    }

    /// Sorts by `key` (again: the other way). Returns whether to fetch: a folder the server
    /// sorts is listed again; otherwise the loaded rows are sorted here.
    pub fn choose_sort(&mut self, key: SortKey) -> bool {
        let sort = Sort::choose(self.sort, key);
        self.sort = Some(sort);
        if self.place().sorted_by_server() && sort.server(self.personal).is_some() {
            self.reset();
            return true;
        }
        self.listing.sort_by(sort);
        self.focus = self.focus.map(|_| 0);
        false
    }

    /// Whether the current place can be searched (a drive, or the SharePoint sites).
    pub fn can_search(&self) -> bool {
        self.base_place().search_scope().is_some()
            || matches!(self.base_place(), Place::Sites { .. })
    }

    /// The place a search starts from (the folder, even while its results are shown).
    fn base_place(&self) -> &Place {
        match &self.before_search {
            Some(saved) => &saved.trail.last().expect("never empty").place,
            None => self.place(),
        }
    }

    /// Searches for `query` (empty: back to the folder). Returns whether to fetch.
    pub fn search(&mut self, query: &str) -> bool {
        let query = query.trim();
        if query.is_empty() {
            return self.clear_search();
        }
        let place = match self.base_place() {
            Place::Sites { .. } => Place::Sites {
                query: Some(query.to_string()),
            },
            other => match other.search_scope() {
                Some(scope) => Place::Search {
                    scope,
                    query: query.to_string(),
                    within: self.floor.is_some(),
                },
                None => return false,
            },
        };
        if self.before_search.is_none() {
            self.before_search = Some(Saved {
                trail: self.trail.clone(),
                listing: self.listing.clone(),
                focus: self.focus,
                scroll: self.scroll,
            });
        }
        let mut trail = self.before_search.as_ref().expect("saved").trail.clone();
        trail.push(Crumb {
            place,
            name: CrumbName::Search(query.to_string()),
        });
        self.trail = trail;
        self.reset();
        true
    }

    /// Ends a search: the folder comes back as it was, scroll position and focus included.
    /// Returns whether to fetch (only if its listing had not finished loading).
    pub fn clear_search(&mut self) -> bool {
        let Some(saved) = self.before_search.take() else {
            return false;
        };
        self.trail = saved.trail;
        let complete = !saved.listing.loading && saved.listing.error.is_none();
        self.listing = saved.listing;
        self.focus = saved.focus;
        self.scroll = saved.scroll;
        self.generation += 1;
        if !complete {
            self.reset();
        }
        !complete
    }

    /// A page for the current listing arrived.
    pub fn apply(&mut self, rows: Vec<Row>, next: Option<String>) {
        self.listing.append(rows, next);
    }

    /// Moves the keyboard focus (`columns`: items per line, `page`: items per viewport).
    /// Returns the new focus.
    pub fn move_focus(&mut self, how: Move, columns: usize, page: usize) -> Option<usize> {
        let total = self.listing.rows.len();
        if total == 0 {
            return None;
        }
        let last = total - 1;
        let at = self.focus.unwrap_or(0);
        let columns = columns.max(1);
        let to = match (how, self.focus) {
            (_, None) if !matches!(how, Move::Last) => 0,
            (Move::Previous, _) => at.saturating_sub(1),
            (Move::Next, _) => (at + 1).min(last),
            (Move::LineUp, _) => at.checked_sub(columns).unwrap_or(at),
            (Move::LineDown, _) => match at + columns <= last {
                true => at + columns,
                false => at,
            },
            (Move::PageUp, _) => at.saturating_sub(page.max(1)),
            (Move::PageDown, _) => (at + page.max(1)).min(last),
            (Move::First, _) => 0,
            (Move::Last, _) => last,
        };
        self.focus = Some(to);
        self.focus
    }
}

mod cached;
mod linked;
#[cfg(test)]
mod tests;
