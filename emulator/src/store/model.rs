//! The tenant's data, shaped as a model ([`model`]): organisations, users, drives and their
//! items, sites, groups and teams, plus the tree operations, ids, media and generated folders.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{DateTime, Utc};

use super::media::mime_for;
use crate::changes::ChangeLog;

/// Account type: work/school (Entra ID) or personal Microsoft account.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AccountKind {
    /// Work or school account.
    Work,
    /// Personal Microsoft account (outlook.com, hotmail.com…).
    Personal,
}

/// A directory tenant.
#[derive(Clone, Debug)]
pub struct Org {
    /// Tenant id (GUID).
    pub id: String,
    /// Initial domain, usable as a tenant in authority URLs.
    pub domain: String,
    /// Organisation name.
    pub display_name: String,
}

/// The Microsoft account tenant that personal accounts belong to.
pub const MSA_TENANT: &str = "9188040d-6c67-4c5b-b112-36a304b66dad";

/// A user account.
#[derive(Clone, Debug)]
pub struct User {
    /// Object id (GUID).
    pub id: String,
    /// Home tenant id.
    pub tenant_id: String,
    /// Sign-in name.
    pub upn: String,
    /// Display name.
    pub display_name: String,
    /// Given name.
    pub given_name: String,
    /// Surname.
    pub surname: String,
    /// Job title (work accounts).
    pub job_title: Option<String>,
    /// Office location (work accounts).
    pub office: Option<String>,
    /// Account type.
    pub kind: AccountKind,
    /// Id of the user's OneDrive.
    pub drive_id: String,
    /// Sites the user follows.
    pub followed_sites: Vec<String>,
    /// Teams the user is a direct member of.
    pub joined_teams: Vec<String>,
}

/// `drive.driveType`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DriveType {
    /// OneDrive personal.
    Personal,
    /// OneDrive for Business.
    Business,
    /// SharePoint document library.
    DocumentLibrary,
}

impl DriveType {
    /// The wire value.
    pub fn as_str(self) -> &'static str {
        match self {
            DriveType::Personal => "personal",
            DriveType::Business => "business",
            DriveType::DocumentLibrary => "documentLibrary",
        }
    }
}

/// Who owns a drive.
#[derive(Clone, Debug)]
pub enum Owner {
    /// A user's OneDrive.
    User(String),
    /// A group's (team's) or site's library.
    Group(String),
}

/// Extra facts about media files.
#[derive(Clone, Debug)]
pub enum Media {
    /// Nothing special.
    None,
    /// A picture rendered procedurally from `seed` at its native `width`×`height`.
    Image {
        /// Native width.
        width: u32,
        /// Native height.
        height: u32,
        /// Which procedural picture.
        seed: u32,
        /// When it was taken.
        taken: DateTime<Utc>,
    },
    /// A video.
    Video {
        /// Width.
        width: u32,
        /// Height.
        height: u32,
        /// Duration in milliseconds.
        duration_ms: i64,
    },
}

/// What an item is.
#[derive(Clone, Debug)]
pub enum ItemKind {
    /// A folder with real children, and/or `generated` virtual children (index order).
    Folder {
        /// Ids of real children.
        children: Vec<String>,
        /// Number of generated children.
        generated: u32,
    },
    /// A file.
    File {
        /// MIME type, decided by the server from the name.
        mime: String,
        /// The bytes.
        data: Arc<Vec<u8>>,
        /// Media facets.
        media: Media,
    },
}

/// A sharing grant on an item.
#[derive(Clone, Debug)]
pub struct Share {
    /// The grantee.
    pub user_id: String,
    /// `read` or `write`.
    pub role: &'static str,
    /// Who shared.
    pub shared_by: String,
    /// When.
    pub at: DateTime<Utc>,
}

/// A driveItem.
#[derive(Clone, Debug)]
pub struct Item {
    /// Item id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Parent id; `None` for the root.
    pub parent: Option<String>,
    /// Created time.
    pub created: DateTime<Utc>,
    /// Last modified time.
    pub modified: DateTime<Utc>,
    /// Creator's user id.
    pub created_by: String,
    /// Last modifier's user id.
    pub modified_by: String,
    /// Folder or file.
    pub kind: ItemKind,
    /// SharePoint unique id (GUID), used in Office URLs and eTags.
    pub unique_id: String,
    /// Bumped on every change (eTag); `content_version` only on content changes (cTag).
    pub version: u32,
    /// See `version`.
    pub content_version: u32,
    /// Sharing grants.
    pub shares: Vec<Share>,
}

impl ItemKind {
    /// An empty folder.
    pub fn empty_folder() -> ItemKind {
        ItemKind::Folder {
            children: vec![],
            generated: 0,
        }
    }

    /// A file called `name` holding `data` (MIME type from the name, as the server decides).
    pub fn file(name: &str, data: Vec<u8>, media: Media) -> ItemKind {
        ItemKind::File {
            mime: mime_for(name).into(),
            data: Arc::new(data),
            media,
        }
    }
}

impl Item {
    /// Whether this is a folder.
    pub fn is_folder(&self) -> bool {
        matches!(self.kind, ItemKind::Folder { .. })
    }

    /// The file name's extension, lower-cased.
    pub fn extension(&self) -> Option<String> {
        if self.is_folder() {
            return None;
        }
        self.name
            .rsplit_once('.')
            .map(|(_, e)| e.to_ascii_lowercase())
    }
}

/// A drive and its items.
#[derive(Clone, Debug)]
pub struct Drive {
    /// Drive id.
    pub id: String,
    /// Type.
    pub drive_type: DriveType,
    /// Name ("OneDrive", "Documents"…).
    pub name: String,
    /// Owner.
    pub owner: Owner,
    /// Site-relative web path of the library root, e.g. `/personal/adele_contoso_com/Documents`.
    pub web_path: String,
    /// The SharePoint site that holds the drive (business and libraries).
    pub site_id: Option<String>,
    /// Root item id.
    pub root: String,
    /// Items by id.
    pub items: HashMap<String, Item>,
    /// Generated folders by ordinal.
    pub generated_folders: Vec<String>,
    /// Sharing links by (item, type, scope) → permission id.
    pub links: HashMap<(String, String, String), String>,
    /// Quota in bytes.
    pub quota_total: u64,
    /// What changed when (for `delta`).
    pub changes: ChangeLog,
    pub(super) seq: u64,
    pub(super) created: DateTime<Utc>,
}

/// A SharePoint site.
#[derive(Clone, Debug)]
pub struct Site {
    /// `hostname,siteCollectionGuid,webGuid`.
    pub id: String,
    /// URL name.
    pub name: String,
    /// Title.
    pub display_name: String,
    /// Description.
    pub description: String,
    /// Server-relative path, e.g. `/sites/Portal`.
    pub path: String,
    /// Drives (document libraries), the first being the default.
    pub drives: Vec<String>,
    /// Created time.
    pub created: DateTime<Utc>,
}

/// A Microsoft 365 group with a team.
#[derive(Clone, Debug)]
pub struct Team {
    /// Group and team id (the same GUID).
    pub id: String,
    /// Name.
    pub display_name: String,
    /// Description.
    pub description: String,
    /// The team's site.
    pub site_id: String,
    /// Channels: (id, name, description, folder item id in the site's default drive).
    pub channels: Vec<Channel>,
}

/// A team channel.
#[derive(Clone, Debug)]
pub struct Channel {
    /// Channel id (`19:…@thread.tacv2`).
    pub id: String,
    /// Name.
    pub display_name: String,
    /// Description.
    pub description: String,
    /// The channel's folder in the team site's default library.
    pub folder_id: String,
}

/// The whole tenant.
#[derive(Clone, Debug, Default)]
pub struct Store {
    /// Organisations.
    pub orgs: Vec<Org>,
    /// Users.
    pub users: Vec<User>,
    /// Drives by id.
    pub drives: HashMap<String, Drive>,
    /// Sites.
    pub sites: Vec<Site>,
    /// Teams (and their groups).
    pub teams: Vec<Team>,
}

/// Which way a listing is sorted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortKey {
    /// Folders first, then by name (the emulator's default order).
    Default,
    /// By name.
    Name,
    /// By size.
    Size,
    /// By last modified time.
    Modified,
}
