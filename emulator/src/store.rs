//! The tenant's data: organisations, users, drives and their items, sites, groups and teams.
//!
//! Items live in per-drive maps keyed by id. Very large folders are *generated*: their children are
//! computed from an index on demand, so a folder of 100,000 items costs nothing until it is paged.
//! Ids follow the observed real formats (business `01` + 32 base32 chars, personal
//! `DRIVEID!s` + 32 hex chars, drive ids `b!…` / 16 hex chars) but clients must treat them as opaque.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use sha2::{Digest, Sha256};

use crate::changes::{ChangeLog, Tombstone};
use crate::util::{b64url, base32_decode, base32_upper, stable_guid};

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
    seq: u64,
    created: DateTime<Utc>,
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

const GENERATED_MARK: u8 = 0xF7;

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

impl Drive {
    /// A new empty drive with a root folder.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        id: String,
        drive_type: DriveType,
        name: &str,
        owner: Owner,
        web_path: String,
        site_id: Option<String>,
        created: DateTime<Utc>,
        owner_user: &str,
    ) -> Drive {
        let mut d = Drive {
            id,
            drive_type,
            name: name.into(),
            owner,
            web_path,
            site_id,
            root: String::new(),
            items: HashMap::new(),
            generated_folders: Vec::new(),
            links: HashMap::new(),
            quota_total: 1_099_511_627_776,
            changes: ChangeLog::default(),
            seq: 0,
            created,
        };
        let root_id = d.new_id();
        d.root = root_id.clone();
        d.items.insert(
            root_id.clone(),
            Item {
                id: root_id,
                name: "root".into(),
                parent: None,
                created,
                modified: created,
                created_by: owner_user.into(),
                modified_by: owner_user.into(),
                kind: ItemKind::empty_folder(),
                unique_id: stable_guid(&format!("{}/root", d.id)),
                version: 1,
                content_version: 1,
                shares: vec![],
            },
        );
        d
    }

    fn encode_raw(&self, raw: [u8; 16]) -> String {
        match self.drive_type {
            DriveType::Personal => {
                let hex: String = raw.iter().map(|b| format!("{b:02x}")).collect();
                format!("{}!s{hex}", self.id.to_ascii_uppercase())
            }
            _ => {
                let mut bytes = raw.to_vec();
                bytes.extend_from_slice(&Sha256::digest(raw)[..4]);
                format!("01{}", base32_upper(&bytes))
            }
        }
    }

    fn decode_raw(&self, id: &str) -> Option<[u8; 16]> {
        let bytes = match self.drive_type {
            DriveType::Personal => {
                let (_, hex) = id.split_once("!s")?;
                if hex.len() != 32 {
                    return None;
                }
                (0..16)
                    .map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).ok())
                    .collect::<Option<Vec<u8>>>()?
            }
            _ => {
                let b = base32_decode(id.strip_prefix("01")?)?;
                if b.len() != 20 || b[16..] != Sha256::digest(&b[..16])[..4] {
                    return None;
                }
                b[..16].to_vec()
            }
        };
        bytes.try_into().ok()
    }

    /// A fresh item id in this drive's format.
    pub fn new_id(&mut self) -> String {
        self.seq += 1;
        let digest = Sha256::digest(format!("{}#{}", self.id, self.seq));
        let mut raw = [0u8; 16];
        raw.copy_from_slice(&digest[..16]);
        if raw[0] == GENERATED_MARK {
            raw[0] = 0x17;
        }
        self.encode_raw(raw)
    }

    fn generated_id(&self, ordinal: u16, index: u32) -> String {
        let mut raw = [0u8; 16];
        raw[0] = GENERATED_MARK;
        raw[1..3].copy_from_slice(&ordinal.to_be_bytes());
        raw[3..7].copy_from_slice(&index.to_be_bytes());
        let check = Sha256::digest(format!("{}|{ordinal}|{index}", self.id));
        raw[7..].copy_from_slice(&check[..9]);
        self.encode_raw(raw)
    }

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

    /// Turns `folder` into a generated folder of `count` virtual children.
    pub fn make_generated(&mut self, folder: &str, count: u32) {
        self.generated_folders.push(folder.to_string());
        if let Some(Item {
            kind: ItemKind::Folder { generated, .. },
            ..
        }) = self.items.get_mut(folder)
        {
            *generated = count;
        }
    }

    fn generated_child(&self, ordinal: u16, index: u32) -> Option<Item> {
        let folder_id = self.generated_folders.get(ordinal as usize)?;
        let folder = self.items.get(folder_id)?;
        let ItemKind::Folder { generated, .. } = folder.kind else {
            return None;
        };
        if index >= generated {
            return None;
        }
        let name = generated_name(index);
        let data = generated_body(index, generated);
        Some(Item {
            id: self.generated_id(ordinal, index),
            name: name.clone(),
            parent: Some(folder_id.clone()),
            created: folder.created + Duration::seconds(index as i64),
            modified: folder.created + Duration::seconds(index as i64 * 2),
            created_by: folder.created_by.clone(),
            modified_by: folder.created_by.clone(),
            kind: ItemKind::File {
                mime: mime_for(&name).into(),
                data: Arc::new(data),
                media: Media::None,
            },
            unique_id: stable_guid(&format!("{}/gen/{ordinal}/{index}", self.id)),
            version: 1,
            content_version: 1,
            shares: vec![],
        })
    }

    /// Looks an item up by id, real or generated.
    pub fn get(&self, id: &str) -> Option<Item> {
        if let Some(item) = self.items.get(id) {
            return Some(item.clone());
        }
        let raw = self.decode_raw(id)?;
        if raw[0] != GENERATED_MARK {
            return None;
        }
        let ordinal = u16::from_be_bytes([raw[1], raw[2]]);
        let index = u32::from_be_bytes([raw[3], raw[4], raw[5], raw[6]]);
        let item = self.generated_child(ordinal, index)?;
        (item.id == id).then_some(item)
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

/// Name of generated child `index`.
pub fn generated_name(index: u32) -> String {
    let ext = ["txt", "docx", "xlsx", "pptx", "pdf"][(index % 5) as usize];
    format!("Item {:06}.{ext}", index + 1)
}

fn generated_line(index: u32, count: u32) -> String {
    format!("Generated item {} of {count}\n", index + 1)
}

fn generated_reps(index: u32) -> usize {
    1 + (index as usize * 7) % 23
}

fn generated_body(index: u32, count: u32) -> Vec<u8> {
    generated_line(index, count)
        .repeat(generated_reps(index))
        .into_bytes()
}

/// `generated_body(index, count).len()` without building it (folder sizes sum 100,000 of these).
fn generated_len(index: u32, count: u32) -> usize {
    let digits = |n: u32| n.checked_ilog10().unwrap_or(0) as usize + 1;
    let line = "Generated item ".len() + digits(index + 1) + " of ".len() + digits(count) + 1;
    line * generated_reps(index)
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

/// MIME type from a file name, as the server decides it.
pub fn mime_for(name: &str) -> &'static str {
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "pptx" => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "doc" => "application/msword",
        "xls" => "application/vnd.ms-excel",
        "ppt" => "application/vnd.ms-powerpoint",
        "pdf" => "application/pdf",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "mp4" => "video/mp4",
        "txt" => "text/plain",
        "md" => "text/markdown",
        "csv" => "text/csv",
        "json" => "application/json",
        "html" | "htm" => "text/html",
        _ => "application/octet-stream",
    }
}

/// Which Office for the web app opens a file, by extension.
pub fn office_app(ext: &str) -> Option<&'static str> {
    match ext {
        "docx" | "doc" | "docm" | "odt" | "rtf" => Some("Word"),
        "xlsx" | "xls" | "xlsm" | "ods" | "csv" => Some("Excel"),
        "pptx" | "ppt" | "pptm" | "odp" => Some("PowerPoint"),
        _ => None,
    }
}

/// The QuickXorHash of `data` (OneDrive's content hash), base64.
pub fn quick_xor_hash(data: &[u8]) -> String {
    const WIDTH: usize = 160;
    const SHIFT: usize = 11;
    let mut cells = [0u8; 20];
    for (i, &b) in data.iter().enumerate() {
        let start = (i * SHIFT) % WIDTH;
        for k in 0..8 {
            if b & (1 << k) != 0 {
                let bit = (start + k) % WIDTH;
                cells[bit / 8] ^= 1 << (bit % 8);
            }
        }
    }
    let len = (data.len() as u64).to_le_bytes();
    for (i, l) in len.iter().enumerate() {
        cells[12 + i] ^= l;
    }
    crate::util::b64(cells)
}

impl Store {
    /// A user by object id.
    pub fn user(&self, id: &str) -> Option<&User> {
        self.users.iter().find(|u| u.id == id)
    }

    /// A user by id or user principal name.
    pub fn user_by_id_or_upn(&self, key: &str) -> Option<&User> {
        self.users
            .iter()
            .find(|u| u.id == key || u.upn.eq_ignore_ascii_case(key))
    }

    /// An organisation by id or domain.
    pub fn org(&self, key: &str) -> Option<&Org> {
        self.orgs
            .iter()
            .find(|o| o.id == key || o.domain.eq_ignore_ascii_case(key))
    }

    /// A site by id.
    pub fn site(&self, id: &str) -> Option<&Site> {
        self.sites.iter().find(|s| s.id == id)
    }

    /// A team (group) by id.
    pub fn team(&self, id: &str) -> Option<&Team> {
        self.teams.iter().find(|t| t.id == id)
    }

    /// Finds the drive holding `item_id` and returns (drive id, item).
    pub fn find_item(&self, item_id: &str) -> Option<(String, Item)> {
        self.drives
            .values()
            .find_map(|d| d.get(item_id).map(|i| (d.id.clone(), i)))
    }

    /// Whether `user` may read or write (`write`) items of `drive`, item `item` considered for shares.
    pub fn can_access(&self, user: &User, drive: &Drive, item: &Item, write: bool) -> bool {
        match &drive.owner {
            Owner::User(owner) if *owner == user.id => true,
            Owner::User(_) => {
                // Shared items (and their descendants) are reachable by grantees.
                let mut cur = Some(item.clone());
                while let Some(i) = cur {
                    if i.shares
                        .iter()
                        .any(|s| s.user_id == user.id && (!write || s.role == "write"))
                    {
                        return true;
                    }
                    cur = i.parent.as_ref().and_then(|p| drive.get(p));
                }
                false
            }
            // Site libraries: every member of the owning organisation.
            Owner::Group(_) => user.kind == AccountKind::Work,
        }
    }
}

/// Deterministic drive id in the real format for the drive type.
pub fn drive_id_for(kind: DriveType, key: &str) -> String {
    let digest = Sha256::digest(key.as_bytes());
    match kind {
        DriveType::Personal => digest[..8].iter().map(|b| format!("{b:02x}")).collect(),
        _ => {
            let mut bytes = digest.to_vec();
            bytes.extend_from_slice(&Sha256::digest(digest)[..16]);
            format!("b!{}", b64url(&bytes[..48]))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn drive(kind: DriveType) -> Drive {
        let t = Utc::now();
        Drive::new(
            drive_id_for(kind, "t"),
            kind,
            "OneDrive",
            Owner::User("u".into()),
            "/personal/u".into(),
            None,
            t,
            "u",
        )
    }

    #[test]
    fn ids_have_the_observed_shapes() {
        let d = drive(DriveType::Business);
        assert!(d.id.starts_with("b!") && d.id.len() == 66, "{}", d.id);
        assert!(d.root.starts_with("01") && d.root.len() == 34, "{}", d.root);
        let p = drive(DriveType::Personal);
        assert_eq!(p.id.len(), 16);
        assert!(p.root.starts_with(&p.id.to_ascii_uppercase()));
        assert!(p.root.contains("!s"));
    }

    #[test]
    fn generated_children_resolve_by_id_and_name() {
        for kind in [DriveType::Business, DriveType::Personal] {
            let mut d = drive(kind);
            let root = d.get(&d.root.clone()).unwrap();
            let folder_id = d.new_id();
            let mut folder = root.clone();
            folder.id = folder_id.clone();
            folder.name = "Big".into();
            folder.parent = Some(root.id.clone());
            d.insert_child(&root.id, folder);
            d.make_generated(&folder_id, 1000);
            let folder = d.get(&folder_id).unwrap();
            assert_eq!(d.child_count(&folder), 1000);
            let page = d.children_page(&folder, SortKey::Default, false, 500, 3);
            assert_eq!(page[0].name, "Item 000501.txt");
            let again = d.get(&page[1].id).unwrap();
            assert_eq!(again.name, page[1].name);
            assert_eq!(
                d.child_named(&folder, "item 000502.DOCX").unwrap().id,
                page[1].id
            );
            // A forged generated id (index past the end) does not resolve.
            assert!(d.get(&d.generated_id(0, 5000)).is_none());
            let desc = d.children_page(&folder, SortKey::Name, true, 0, 1);
            assert_eq!(desc[0].name, "Item 001000.pdf");
        }
    }

    #[test]
    fn generated_lengths_match_generated_bodies() {
        for count in [1, 9, 10, 10_000, 100_000] {
            for index in [0, 8, 9, 10, 98, 99, 999, 9_998, 9_999, 99_998, 99_999] {
                if index < count {
                    assert_eq!(
                        generated_len(index, count),
                        generated_body(index, count).len()
                    );
                }
            }
        }
    }

    #[test]
    fn quick_xor_hash_of_empty_input_is_zero() {
        assert_eq!(quick_xor_hash(b""), "AAAAAAAAAAAAAAAAAAAAAAAAAAA=");
        assert_ne!(quick_xor_hash(b"a"), quick_xor_hash(b"b"));
    }
}
