//! Graph request URLs, built from configuration and opaque ids.

use crate::auth::AuthError;
use crate::util::encode_segment;

/// Microsoft Graph v1.0 in the public cloud.
pub const DEFAULT_GRAPH: &str = "https://graph.microsoft.com/v1.0";

/// The properties a folder listing needs (one request per folder shown).
pub const CHILDREN_SELECT: &str =
    "id,name,size,lastModifiedDateTime,lastModifiedBy,webUrl,file,folder,package,parentReference,remoteItem";

/// Entries per page of a listing.
pub const PAGE_SIZE: u32 = 200;

/// The Graph base URL (`https://graph.microsoft.com/v1.0`, a national cloud, or the emulator).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GraphBase(String);

impl GraphBase {
    /// Parses a base URL; plain `http` only for loopback hosts.
    pub fn parse(url: &str) -> Result<GraphBase, AuthError> {
        let url = url.trim().trim_end_matches('/');
        let bad = || {
            AuthError::Config(format!(
                "Graph base URL '{url}' must be https (http only for localhost)"
            ))
        };
        let (scheme, rest) = url.split_once("://").ok_or_else(bad)?;
        let host = rest.split(['/', ':']).next().unwrap_or("");
        match scheme {
            "https" if !host.is_empty() => Ok(GraphBase(url.to_string())),
            "http" if matches!(host, "localhost" | "127.0.0.1" | "[::1]") => {
                Ok(GraphBase(url.to_string()))
            }
            _ => Err(bad()),
        }
    }

    /// The base URL.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Default for GraphBase {
    fn default() -> Self {
        GraphBase(DEFAULT_GRAPH.to_string())
    }
}

/// A folder to list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FolderRef {
    /// The root of the signed-in user's OneDrive.
    MyFiles,
    /// A folder of the signed-in user's OneDrive, by id (when a listing gave no drive id).
    MyItem {
        /// Item id.
        item_id: String,
    },
    /// A folder in some drive (ids are opaque).
    Item {
        /// Drive id.
        drive_id: String,
        /// Item id.
        item_id: String,
    },
}

/// The first page of a folder's children, with thumbnails.
pub fn children_url(base: &GraphBase, folder: &FolderRef) -> String {
    let path = match folder {
        FolderRef::MyFiles => "/me/drive/root/children".to_string(),
        FolderRef::MyItem { item_id } => {
            format!("/me/drive/items/{}/children", encode_segment(item_id))
        }
        FolderRef::Item { drive_id, item_id } => format!(
            "/drives/{}/items/{}/children",
            encode_segment(drive_id),
            encode_segment(item_id)
        ),
    };
    format!(
        "{}{path}?$select={CHILDREN_SELECT}&$expand=thumbnails($select=small)&$top={PAGE_SIZE}",
        base.as_str()
    )
}

/// `/me` with the fields the header shows.
pub fn me_url(base: &GraphBase) -> String {
    format!(
        "{}/me?$select=displayName,userPrincipalName,id",
        base.as_str()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn children_urls_encode_opaque_ids() {
        let base = GraphBase::parse("http://127.0.0.1:8787/v1.0/").unwrap();
        assert_eq!(
            children_url(&base, &FolderRef::MyFiles),
            format!("http://127.0.0.1:8787/v1.0/me/drive/root/children?$select={CHILDREN_SELECT}&$expand=thumbnails($select=small)&$top=200")
        );
        let item = FolderRef::Item {
            drive_id: "b!a/b+c".into(),
            item_id: "3AE1D764B70B25B3!108".into(),
        };
        assert!(children_url(&GraphBase::default(), &item)
            .starts_with("https://graph.microsoft.com/v1.0/drives/b!a%2Fb+c/items/3AE1D764B70B25B3!108/children?"));
        assert!(GraphBase::parse("http://graph.example/v1.0").is_err());
        assert!(GraphBase::parse("https://graph.microsoft.us/v1.0").is_ok());
    }
}
