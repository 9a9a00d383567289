//! Writing to a drive: the URLs and bodies of uploads, new folders and sharing links, and the
//! calls that create folders and links. Names are checked before they are sent.

use serde::Deserialize;

use super::client::{parse, Graph};
use super::request::{item_path, FolderRef, GraphBase, GraphUrl};
use super::{DriveItem, GraphError};
use crate::auth::TokenSource;
use crate::http::Transport;
use crate::util::encode_segment;

/// What Graph does when the name is taken (`@microsoft.graph.conflictBehavior`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Conflict {
    /// Refuse with `409 nameAlreadyExists`.
    Fail,
    /// Replace the existing file (a new version).
    Replace,
    /// Keep both: the new item gets a free name (`Report 1.docx`).
    Rename,
}

impl Conflict {
    /// The annotation's value.
    pub fn as_str(self) -> &'static str {
        match self {
            Conflict::Fail => "fail",
            Conflict::Replace => "replace",
            Conflict::Rename => "rename",
        }
    }
}

/// Writing anywhere the user can (their own drive included): any one of these scopes.
pub const WRITE_SCOPES: [&str; 2] = ["Files.ReadWrite.All", "Sites.ReadWrite.All"];

/// What writing in `folder` needs: one of these scopes, and the one to ask for when none was
/// granted (`Files.ReadWrite` suffices in the user's own drive).
pub fn write_scopes(folder: &FolderRef) -> (&'static [&'static str], &'static str) {
    match folder {
        FolderRef::MyFiles | FolderRef::MyItem { .. } | FolderRef::MyPath { .. } => (
            &["Files.ReadWrite", WRITE_SCOPES[0], WRITE_SCOPES[1]],
            "Files.ReadWrite",
        ),
        _ => (&WRITE_SCOPES, WRITE_SCOPES[0]),
    }
}

/// `{folder}:/{name}:` — an item addressed by its name below a folder.
fn child_path(folder: &FolderRef, name: &str) -> String {
    let path = folder.path();
    let name = encode_segment(name);
    match path.strip_suffix(':') {
        // `/me/drive/root:/Documents:` → `/me/drive/root:/Documents/{name}:`
        Some(inside) => format!("{inside}/{name}:"),
        None => format!("{path}:/{name}:"),
    }
}

/// `PUT` here: a file's content in one request (small files).
pub fn content_url(base: &GraphBase, folder: &FolderRef, name: &str, c: Conflict) -> GraphUrl {
    base.at(&format!(
        "{}/content?@microsoft.graph.conflictBehavior={}",
        child_path(folder, name),
        c.as_str()
    ))
}

/// `POST` here: an upload session for a large file.
pub fn session_url(base: &GraphBase, folder: &FolderRef, name: &str) -> GraphUrl {
    base.at(&format!("{}/createUploadSession", child_path(folder, name)))
}

/// The body of `createUploadSession`.
pub fn session_body(name: &str, c: Conflict) -> String {
    serde_json::json!({
        "item": {"@microsoft.graph.conflictBehavior": c.as_str(), "name": name}
    })
    .to_string()
}

/// An item by its name in a folder (to find a folder that already exists).
pub fn child_url(base: &GraphBase, folder: &FolderRef, name: &str) -> GraphUrl {
    base.at(&format!(
        "{}?$select=id,name,size,folder,file,parentReference",
        child_path(folder, name)
    ))
}

/// `POST` here: a new folder.
pub fn new_folder_url(base: &GraphBase, folder: &FolderRef) -> GraphUrl {
    base.at(&format!("{}/children", folder.path()))
}

/// The body of a new folder that fails on a name already taken.
pub fn new_folder_body(name: &str) -> String {
    serde_json::json!({"name": name, "folder": {}, "@microsoft.graph.conflictBehavior": "fail"})
        .to_string()
}

/// Characters OneDrive and SharePoint refuse in names.
const REFUSED: &[char] = &['"', '*', ':', '<', '>', '?', '/', '\\', '|'];
/// Names OneDrive and SharePoint refuse, whatever the extension (case-insensitive).
const RESERVED: &[&str] = &[
    ".lock",
    "con",
    "prn",
    "aux",
    "nul",
    "com0",
    "com1",
    "com2",
    "com3",
    "com4",
    "com5",
    "com6",
    "com7",
    "com8",
    "com9",
    "lpt0",
    "lpt1",
    "lpt2",
    "lpt3",
    "lpt4",
    "lpt5",
    "lpt6",
    "lpt7",
    "lpt8",
    "lpt9",
    "desktop.ini",
];

/// Why a name is refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NameProblem {
    /// Empty, or only spaces.
    Empty,
    /// Holds a character OneDrive refuses (the first one found).
    Character(char),
    /// A name reserved by Windows or SharePoint.
    Reserved,
    /// Starts or ends with a space, or ends with a period.
    Edges,
    /// Holds `_vti_`, which SharePoint reserves.
    Vti,
    /// Longer than 255 characters.
    TooLong,
    /// Holds an invisible or direction-changing character (the first one found), which could
    /// make the name read as another ([`crate::util::is_deceptive`]).
    Invisible(char),
}

/// Checks a file or folder name against the rules of OneDrive and SharePoint ("Restrictions and
/// limitations in OneDrive and SharePoint").
pub fn check_name(name: &str) -> Result<(), NameProblem> {
    if name.trim().is_empty() {
        return Err(NameProblem::Empty);
    }
    if let Some(c) = name.chars().find(|c| REFUSED.contains(c) || c.is_control()) {
        return Err(NameProblem::Character(c));
    }
    if let Some(c) = name.chars().find(|&c| crate::util::is_deceptive(c)) {
        return Err(NameProblem::Invisible(c));
    }
    if name.starts_with(' ') || name.ends_with(' ') || name.ends_with('.') {
        return Err(NameProblem::Edges);
    }
    let lower = name.to_lowercase();
    let stem = lower.split('.').next().unwrap_or_default();
    let reserved =
        RESERVED.contains(&lower.as_str()) || (stem.len() >= 3 && RESERVED.contains(&stem));
    if reserved || name.starts_with("~$") {
        return Err(NameProblem::Reserved);
    }
    if lower.contains("_vti_") {
        return Err(NameProblem::Vti);
    }
    if name.chars().count() > 255 {
        return Err(NameProblem::TooLong);
    }
    Ok(())
}

/// Creates a folder named `name` in `folder`; a name already taken fails with 409.
pub async fn create_folder<S: TokenSource, X: Transport>(
    graph: &Graph<S, X>,
    folder: &FolderRef,
    name: &str,
) -> Result<DriveItem, GraphError> {
    let url = new_folder_url(graph.base(), folder);
    graph.post_json(&url, &new_folder_body(name)).await
}

/// The folder `name` in `folder`: created, or the one already there (an upload of a folder
/// merges into a folder of the same name, as Explorer and OneDrive do). A file of that name is
/// a conflict (409).
pub async fn ensure_folder<S: TokenSource, X: Transport>(
    graph: &Graph<S, X>,
    folder: &FolderRef,
    name: &str,
) -> Result<DriveItem, GraphError> {
    match create_folder(graph, folder, name).await {
        Err(e) if e.status() == Some(409) => {
            let url = child_url(graph.base(), folder, name);
            let found = graph.send("GET", &url, None).await?;
            let item: DriveItem = parse(&found.body)?;
            match item.is_folder() {
                true => Ok(item),
                false => Err(e),
            }
        }
        other => other,
    }
}

/// A sharing link's kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkType {
    /// Read-only.
    View,
    /// Read-write.
    Edit,
}

/// Who a sharing link works for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkScope {
    /// Anyone with the link, without signing in (where the tenant allows it).
    Anonymous,
    /// Anyone in the organization.
    Organization,
    /// Only people who already have access, or the recipients named.
    Users,
}

impl LinkType {
    /// `view` or `edit`.
    pub fn as_str(self) -> &'static str {
        match self {
            LinkType::View => "view",
            LinkType::Edit => "edit",
        }
    }

    /// Reads `view` or `edit`.
    pub fn parse(s: &str) -> Option<LinkType> {
        match s.trim() {
            "view" => Some(LinkType::View),
            "edit" => Some(LinkType::Edit),
            _ => None,
        }
    }
}

impl LinkScope {
    /// `anonymous`, `organization` or `users`.
    pub fn as_str(self) -> &'static str {
        match self {
            LinkScope::Anonymous => "anonymous",
            LinkScope::Organization => "organization",
            LinkScope::Users => "users",
        }
    }

    /// Reads `anonymous`, `organization` or `users`.
    pub fn parse(s: &str) -> Option<LinkScope> {
        match s.trim() {
            "anonymous" => Some(LinkScope::Anonymous),
            "organization" => Some(LinkScope::Organization),
            "users" => Some(LinkScope::Users),
            _ => None,
        }
    }
}

/// The sharing link a page asks for with each picked item.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LinkRequest {
    /// View or edit.
    pub kind: LinkType,
    /// Who it works for (none: the organization's default).
    pub scope: Option<LinkScope>,
}

/// `POST` here: a sharing link for an item.
pub fn create_link_url(base: &GraphBase, drive_id: Option<&str>, item_id: &str) -> GraphUrl {
    base.at(&format!("{}/createLink", item_path(drive_id, item_id)))
}

/// The body of `createLink`.
pub fn link_body(link: LinkRequest) -> String {
    let mut body = serde_json::json!({"type": link.kind.as_str()});
    if let Some(scope) = link.scope {
        body["scope"] = scope.as_str().into();
    }
    body.to_string()
}

/// A permission that `createLink` answers with (only what the pick needs).
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
pub struct Permission {
    /// The link.
    #[serde(default)]
    pub link: Option<SharingLink>,
}

/// A sharing link.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct SharingLink {
    /// Where it opens.
    #[serde(default)]
    pub web_url: Option<String>,
    /// `view`, `edit`… as created.
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
    /// `anonymous`, `organization`, `users`… as created (the tenant may have chosen).
    #[serde(default)]
    pub scope: Option<String>,
}

/// Creates (or finds: Graph answers 200 with the link it made before) a sharing link.
pub async fn create_link<S: TokenSource, X: Transport>(
    graph: &Graph<S, X>,
    drive_id: Option<&str>,
    item_id: &str,
    link: LinkRequest,
) -> Result<SharingLink, GraphError> {
    let url = create_link_url(graph.base(), drive_id, item_id);
    let p: Permission = graph.post_json(&url, &link_body(link)).await?;
    p.link
        .filter(|l| l.web_url.is_some())
        .ok_or_else(|| GraphError::InvalidResponse("createLink: no link.webUrl".into()))
}

#[cfg(test)]
mod tests;
