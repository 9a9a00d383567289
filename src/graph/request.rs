//! Graph request URLs, built from configuration and opaque ids.

use super::error::GraphError;
use super::model::DriveItem;
use crate::auth::AuthError;
use crate::safe_url::{parse_secure, same_origin, SafeUrl};
use crate::util::{encode_query, encode_segment};

/// Microsoft Graph v1.0 in the public cloud.
pub const DEFAULT_GRAPH: &str = "https://graph.microsoft.com/v1.0";

/// The properties a listing needs (one request per page shown).
pub const ITEM_SELECT: &str = "id,name,size,lastModifiedDateTime,lastModifiedBy,webUrl,file,folder,package,parentReference,remoteItem";

/// Thumbnails for rows (small) and grid tiles (medium), in the same request.
pub const THUMBNAILS: &str = "thumbnails($select=small,medium)";

/// Entries per page of a listing.
pub const PAGE_SIZE: u32 = 200;

/// The Graph base URL (`https://graph.microsoft.com/v1.0`, a national cloud, or the emulator).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GraphBase {
    /// Without a trailing slash.
    text: String,
    url: SafeUrl,
}

/// A URL on the configured Graph origin: the only kind of URL a bearer token is sent to. Made
/// by [`GraphBase`] from a path, or from a link in a response after checking its origin.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GraphUrl(String);

impl GraphUrl {
    /// The URL.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether the URL is on `origin` (`https://graph.microsoft.com`). A `GraphUrl` is always a
    /// parser's serialization with no user information, so its origin is its prefix.
    pub fn is_on(&self, origin: &str) -> bool {
        self.0
            .strip_prefix(origin)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(['/', '?']))
    }
}

impl GraphBase {
    /// Parses a base URL: `https`, or `http` on a loopback host; no user name or password.
    pub fn parse(url: &str) -> Result<GraphBase, AuthError> {
        let refuse =
            |why: &dyn std::fmt::Display| AuthError::Config(format!("Graph base URL: {why}"));
        let parsed = parse_secure(url).map_err(|p| refuse(&p))?;
        if parsed.has_query() || parsed.has_fragment() {
            return Err(refuse(&"must not have a query or fragment"));
        }
        Ok(GraphBase {
            text: parsed.as_str().trim_end_matches('/').to_string(),
            url: parsed,
        })
    }

    /// Parses `url` when given, else the default (`https://graph.microsoft.com/v1.0`).
    pub fn parse_or_default(url: Option<&str>) -> Result<GraphBase, AuthError> {
        url.map_or_else(|| Ok(GraphBase::default()), GraphBase::parse)
    }

    /// The base URL.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Its origin (`https://graph.microsoft.com`): where a session's tokens may go.
    pub fn origin(&self) -> &str {
        self.url.origin()
    }

    /// Whether Graph is on this machine (an emulator, on a loopback host).
    pub fn on_loopback(&self) -> bool {
        self.url.on_loopback()
    }

    /// `{base}{path_and_query}`; `path_and_query` starts with `/`.
    pub fn at(&self, path_and_query: &str) -> GraphUrl {
        GraphUrl(format!("{}{path_and_query}", self.text))
    }

    /// A link from a response (`@odata.nextLink`), only when it is on the Graph origin over
    /// https (or loopback http), so that the bearer token never leaves for another host. The URL
    /// sent is the one checked: the link as parsed and serialized (as the browser would send it
    /// anyway), never the raw text, so no difference between two URL parsers can matter.
    pub fn link(&self, link: &str) -> Result<GraphUrl, GraphError> {
        let refused = || GraphError::UntrustedLink;
        let parsed = parse_secure(link).map_err(|_| refused())?;
        if !same_origin(&parsed, &self.url) {
            return Err(refused());
        }
        Ok(GraphUrl(parsed.into()))
    }
}

impl Default for GraphBase {
    fn default() -> Self {
        GraphBase::parse(DEFAULT_GRAPH).expect("the default Graph base parses")
    }
}

/// A folder to list.
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum FolderRef {
    /// The root of the signed-in user's OneDrive.
    MyFiles,
    /// A folder of the signed-in user's OneDrive, by id (when a listing gave no drive id).
    MyItem {
        /// Item id.
        item_id: String,
    },
    /// A folder of the signed-in user's OneDrive, by path below the root (`Documents/Reports`).
    MyPath {
        /// The path, unencoded.
        path: String,
    },
    /// A folder in some drive (ids are opaque).
    Item {
        /// Drive id.
        drive_id: String,
        /// Item id.
        item_id: String,
    },
    /// The root of a drive (a document library).
    DriveRoot {
        /// Drive id.
        drive_id: String,
    },
    /// The root of a SharePoint site's default library.
    SiteRoot {
        /// Site id.
        site_id: String,
    },
    /// The root of a Microsoft 365 group's (a team's) default library.
    GroupRoot {
        /// Group id.
        group_id: String,
    },
}

impl FolderRef {
    /// Where a folder item opens in the picker (remote folders open in their own drive).
    pub fn of(item: &DriveItem) -> FolderRef {
        if let Some(remote) = &item.remote_item {
            if let Some(drive_id) = remote
                .parent_reference
                .as_ref()
                .and_then(|p| p.drive_id.clone())
            {
                return FolderRef::Item {
                    drive_id,
                    item_id: remote.id.clone(),
                };
            }
        }
        match item
            .parent_reference
            .as_ref()
            .and_then(|p| p.drive_id.clone())
        {
            Some(drive_id) => FolderRef::Item {
                drive_id,
                item_id: item.id.clone(),
            },
            None => FolderRef::MyItem {
                item_id: item.id.clone(),
            },
        }
    }

    /// The folder's path: `/me/drive/root`, `/drives/{d}/items/{i}`… (ids encoded).
    pub(super) fn path(&self) -> String {
        let e = encode_segment;
        match self {
            FolderRef::MyFiles => "/me/drive/root".into(),
            FolderRef::MyItem { item_id } => format!("/me/drive/items/{}", e(item_id)),
            FolderRef::MyPath { path } => {
                let segments: Vec<String> = path
                    .split('/')
                    .filter(|s| !s.is_empty())
                    .map(encode_segment)
                    .collect();
                match segments.is_empty() {
                    true => "/me/drive/root".into(),
                    false => format!("/me/drive/root:/{}:", segments.join("/")),
                }
            }
            FolderRef::Item { drive_id, item_id } => {
                format!("/drives/{}/items/{}", e(drive_id), e(item_id))
            }
            FolderRef::DriveRoot { drive_id } => format!("/drives/{}/root", e(drive_id)),
            FolderRef::SiteRoot { site_id } => format!("/sites/{}/drive/root", e(site_id)),
            FolderRef::GroupRoot { group_id } => format!("/groups/{}/drive/root", e(group_id)),
        }
    }

    /// The root of the drive this folder is in (where a search of "this library" starts).
    fn drive_root(&self) -> String {
        let e = encode_segment;
        match self {
            FolderRef::MyFiles | FolderRef::MyItem { .. } | FolderRef::MyPath { .. } => {
                "/me/drive/root".into()
            }
            FolderRef::Item { drive_id, .. } | FolderRef::DriveRoot { drive_id } => {
                format!("/drives/{}/root", e(drive_id))
            }
            FolderRef::SiteRoot { .. } | FolderRef::GroupRoot { .. } => self.path(),
        }
    }
}

/// A server-side sort: `$orderby` with a property Graph sorts on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OrderBy {
    /// `name`, `lastModifiedDateTime` or `size`.
    pub property: &'static str,
    /// Descending.
    pub descending: bool,
}

impl OrderBy {
    fn query(self) -> String {
        let dir = if self.descending { "desc" } else { "asc" };
        format!("&$orderby={}%20{dir}", self.property)
    }
}

fn listing_query() -> String {
    format!("$select={ITEM_SELECT}&$expand={THUMBNAILS}&$top={PAGE_SIZE}")
}

/// The first page of a folder's children, with thumbnails, sorted on the server when `order`.
pub fn children_url(base: &GraphBase, folder: &FolderRef, order: Option<OrderBy>) -> GraphUrl {
    let order = order.map(OrderBy::query).unwrap_or_default();
    let path = folder.path();
    base.at(&format!("{path}/children?{}{order}", listing_query()))
}

/// A search of the drive `scope` is in, or (`within`) of `scope`'s own hierarchy (`q` is escaped
/// as an OData string: `'` doubled).
pub fn search_url(base: &GraphBase, scope: &FolderRef, q: &str, within: bool) -> GraphUrl {
    let literal = encode_segment(&q.replace('\'', "''"));
    let path = if within { scope.path() } else { scope.drive_root() };
    base.at(&format!("{path}/search(q='{literal}')?{}", listing_query()))
}

/// Files the user opened lately (deprecated by Graph: answers while it does).
pub fn recent_url(base: &GraphBase) -> GraphUrl {
    base.at("/me/drive/recent")
}

/// Items shared with the user (deprecated by Graph: answers while it does).
pub fn shared_url(base: &GraphBase) -> GraphUrl {
    base.at("/me/drive/sharedWithMe")
}

/// The sites the user follows.
pub fn followed_sites_url(base: &GraphBase) -> GraphUrl {
    base.at("/me/followedSites?$select=id,displayName,name,webUrl")
}

/// Sites matching `q`.
pub fn site_search_url(base: &GraphBase, q: &str) -> GraphUrl {
    base.at(&format!(
        "/sites?search={}&$select=id,displayName,name,webUrl",
        encode_query(q)
    ))
}

/// A site's document libraries.
pub fn site_drives_url(base: &GraphBase, site_id: &str) -> GraphUrl {
    base.at(&format!(
        "/sites/{}/drives?$select=id,name,driveType,webUrl",
        encode_segment(site_id)
    ))
}

/// The teams the user is a member of.
pub fn joined_teams_url(base: &GraphBase) -> GraphUrl {
    base.at("/me/joinedTeams")
}

/// A team's channels.
pub fn channels_url(base: &GraphBase, team_id: &str) -> GraphUrl {
    base.at(&format!("/teams/{}/channels", encode_segment(team_id)))
}

/// A channel's folder in the team's library.
pub fn files_folder_url(base: &GraphBase, team_id: &str, channel_id: &str) -> GraphUrl {
    base.at(&format!(
        "/teams/{}/channels/{}/filesFolder",
        encode_segment(team_id),
        encode_segment(channel_id)
    ))
}

/// An item's path: in a drive when its id is known, in the user's own drive otherwise.
pub(super) fn item_path(drive_id: Option<&str>, item_id: &str) -> String {
    match drive_id {
        Some(d) => format!(
            "/drives/{}/items/{}",
            encode_segment(d),
            encode_segment(item_id)
        ),
        None => format!("/me/drive/items/{}", encode_segment(item_id)),
    }
}

/// One item, with the fields and thumbnails a listing has (an item chosen before the picker
/// opened, shown in the tray).
pub fn item_url(base: &GraphBase, drive_id: &str, item_id: &str) -> GraphUrl {
    let path = item_path(Some(drive_id), item_id);
    base.at(&format!("{path}?$select={ITEM_SELECT}&$expand={THUMBNAILS}"))
}

/// A folder itself, with a listing's fields (where a file is saved).
pub fn folder_url(base: &GraphBase, folder: &FolderRef) -> GraphUrl {
    base.at(&format!("{}?$select={ITEM_SELECT}", folder.path()))
}

/// One item with its short-lived download URL (for a pick result that asks for it).
pub fn download_url_request(base: &GraphBase, drive_id: &str, item_id: &str) -> GraphUrl {
    let path = item_path(Some(drive_id), item_id);
    base.at(&format!("{path}?$select=id,@microsoft.graph.downloadUrl"))
}

/// `POST` here for an embeddable preview of an item.
pub fn preview_url(base: &GraphBase, drive_id: Option<&str>, item_id: &str) -> GraphUrl {
    base.at(&format!("{}/preview", item_path(drive_id, item_id)))
}

/// An item's large thumbnail (for the preview of an image).
pub fn large_thumbnail_url(base: &GraphBase, drive_id: Option<&str>, item_id: &str) -> GraphUrl {
    base.at(&format!(
        "{}/thumbnails?$select=large",
        item_path(drive_id, item_id)
    ))
}


#[cfg(test)]
mod tests;
