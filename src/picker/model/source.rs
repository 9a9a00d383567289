//! Where files come from (the navigation pane's sources), the places the picker can stand in,
//! and the Graph request each place needs.

use crate::graph::request::{
    channels_url, children_url, files_folder_url, followed_sites_url, joined_teams_url, recent_url,
    search_url, shared_url, site_drives_url, site_search_url, OrderBy,
};
use crate::graph::{FolderRef, GraphBase, GraphUrl};

/// A source in the navigation pane.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Source {
    /// The user's OneDrive.
    MyFiles,
    /// Files the user opened lately.
    Recent,
    /// Files others shared with the user.
    Shared,
    /// SharePoint: followed sites, site search, their libraries.
    Sites,
    /// Teams: joined teams, their channels, the channels' files.
    Teams,
}

impl Source {
    /// Every source, in the pane's order.
    pub const ALL: [Source; 5] = [
        Source::MyFiles,
        Source::Recent,
        Source::Shared,
        Source::Sites,
        Source::Teams,
    ];

    /// The name pages use in options and tests see in `data-source`.
    pub fn key(self) -> &'static str {
        match self {
            Source::MyFiles => "my-files",
            Source::Recent => "recent",
            Source::Shared => "shared",
            Source::Sites => "sites",
            Source::Teams => "teams",
        }
    }

    /// Reads [`Source::key`].
    pub fn parse(s: &str) -> Option<Source> {
        Source::ALL.into_iter().find(|x| x.key() == s.trim())
    }

    /// Whether the source exists for this kind of account (personal accounts have no
    /// SharePoint and no Teams).
    pub fn available(self, personal: bool) -> bool {
        !(personal && matches!(self, Source::Sites | Source::Teams))
    }

    /// Where the source starts.
    pub fn start(self) -> Place {
        match self {
            Source::MyFiles => Place::Folder(FolderRef::MyFiles),
            Source::Recent => Place::Recent,
            Source::Shared => Place::Shared,
            Source::Sites => Place::Sites { query: None },
            Source::Teams => Place::Teams,
        }
    }
}

/// A place the picker shows: one step of the breadcrumb trail.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Place {
    /// A folder's children.
    Folder(FolderRef),
    /// Recent files.
    Recent,
    /// Shared with the user.
    Shared,
    /// Followed sites, or the sites matching a search.
    Sites {
        /// The site search, if any.
        query: Option<String>,
    },
    /// A site's document libraries.
    Libraries {
        /// Site id.
        site_id: String,
    },
    /// Joined teams.
    Teams,
    /// A team's channels.
    Channels {
        /// Team id.
        team_id: String,
    },
    /// A channel's files (its folder is looked up first).
    ChannelFiles {
        /// Team id.
        team_id: String,
        /// Channel id.
        channel_id: String,
    },
    /// A search of the drive a folder is in.
    Search {
        /// The folder the search started from.
        scope: FolderRef,
        /// The words.
        query: String,
        /// Within the folder's own items only (a picker locked to its start), not its drive.
        #[serde(default)]
        within: bool,
    },
}

/// What a request's answer holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expect {
    /// A page of driveItems.
    Items,
    /// A page of sites.
    Sites,
    /// A page of drives (document libraries).
    Drives,
    /// A page of teams.
    Teams,
    /// A page of channels.
    Channels,
    /// One driveItem: a folder to list next (a channel's files folder).
    Folder,
}

/// The request a place needs, and how its rows are sorted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fetch {
    /// The first page.
    pub url: GraphUrl,
    /// What the answer holds.
    pub expect: Expect,
}

impl Place {
    /// The first request for this place, with `order` when the server sorts it.
    pub fn fetch(&self, base: &GraphBase, order: Option<OrderBy>) -> Fetch {
        let (url, expect) = match self {
            Place::Folder(f) => (children_url(base, f, order), Expect::Items),
            Place::Recent => (recent_url(base), Expect::Items),
            Place::Shared => (shared_url(base), Expect::Items),
            Place::Sites { query: None } => (followed_sites_url(base), Expect::Sites),
            Place::Sites { query: Some(q) } => (site_search_url(base, q), Expect::Sites),
            Place::Libraries { site_id } => (site_drives_url(base, site_id), Expect::Drives),
            Place::Teams => (joined_teams_url(base), Expect::Teams),
            Place::Channels { team_id } => (channels_url(base, team_id), Expect::Channels),
            Place::ChannelFiles {
                team_id,
                channel_id,
            } => (files_folder_url(base, team_id, channel_id), Expect::Folder),
            Place::Search {
                scope,
                query,
                within,
            } => (search_url(base, scope, query, *within), Expect::Items),
        };
        Fetch { url, expect }
    }

    /// Whether Graph sorts this place with `$orderby` (folder listings). Recent and shared
    /// lists refuse `$orderby` ("Sorting on 'name' isn't supported"); search results and the
    /// site, library, team and channel lists are sorted in the browser.
    pub fn sorted_by_server(&self) -> bool {
        matches!(self, Place::Folder(_))
    }

    /// The folder a search from here covers, if this place is in a drive.
    pub fn search_scope(&self) -> Option<FolderRef> {
        match self {
            Place::Folder(f) => Some(f.clone()),
            Place::Search { scope, .. } => Some(scope.clone()),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_adapt_to_the_account() {
        let personal: Vec<&str> = Source::ALL
            .into_iter()
            .filter(|s| s.available(true))
            .map(Source::key)
            .collect();
        assert_eq!(personal, ["my-files", "recent", "shared"]);
        assert!(Source::ALL.into_iter().all(|s| s.available(false)));
        assert_eq!(Source::parse("teams"), Some(Source::Teams));
        assert_eq!(Source::parse("onedrive"), None);
    }

    #[test]
    fn each_place_says_its_request() {
        let base = GraphBase::default();
        let expect = |p: Place| p.fetch(&base, None).expect;
        assert_eq!(expect(Source::MyFiles.start()), Expect::Items);
        assert_eq!(expect(Source::Sites.start()), Expect::Sites);
        assert_eq!(expect(Source::Teams.start()), Expect::Teams);
        let channel = Place::ChannelFiles {
            team_id: "t".into(),
            channel_id: "c".into(),
        };
        assert_eq!(expect(channel.clone()), Expect::Folder);
        assert!(channel
            .fetch(&base, None)
            .url
            .as_str()
            .ends_with("/teams/t/channels/c/filesFolder"));
        let order = Some(OrderBy {
            property: "name",
            descending: false,
        });
        let folder = Source::MyFiles.start().fetch(&base, order);
        assert!(folder.url.as_str().ends_with("&$orderby=name%20asc"));
        assert!(Source::MyFiles.start().sorted_by_server());
        assert!(!Source::Recent.start().sorted_by_server());
        assert_eq!(Source::Recent.start().search_scope(), None);
    }
}
