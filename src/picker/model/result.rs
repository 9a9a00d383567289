//! The pick result: what the page receives for each chosen item.

use crate::graph::write::SharingLink;
use crate::graph::DriveItem;

/// One picked item, complete enough for the page to use it without another Graph call.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PickedItem {
    /// Item id (opaque; for a shared item, its id in its own drive).
    pub id: String,
    /// Drive id, when known.
    pub drive_id: Option<String>,
    /// Name.
    pub name: String,
    /// Whether it is a folder.
    pub is_folder: bool,
    /// Size in bytes, when known.
    pub size: Option<u64>,
    /// MIME type, when known.
    pub mime_type: Option<String>,
    /// Where it opens in the browser (Office for the web for Office files); only ever an
    /// `https` URL (`http` on loopback, for the emulator).
    pub web_url: Option<String>,
    /// The folder it is in, below its drive's root (`/Documents/Reports`), when known.
    pub parent_path: Option<String>,
    /// Last modified (ISO 8601), when known.
    pub last_modified: Option<String>,
    /// The small thumbnail, when Graph has one (short-lived).
    pub thumbnail_url: Option<String>,
    /// A short-lived download URL, when the page asked for it.
    pub download_url: Option<String>,
    /// The sharing link made for the pick, when the page asked for one.
    pub sharing_link: Option<SharingLink>,
}

impl PickedItem {
    /// The key that tells items apart across drives.
    pub fn key(&self) -> String {
        key(self.drive_id.as_deref(), &self.id)
    }
}

/// The selection key of an item in a drive.
pub fn key(drive_id: Option<&str>, id: &str) -> String {
    format!("{}/{id}", drive_id.unwrap_or("me"))
}

/// The drive id and item id a picked `item` is known by (a shared item: the original's), as in
/// [`key`], without copying them.
pub fn key_parts(item: &DriveItem) -> (Option<&str>, &str) {
    let remote = item.remote_item.as_deref();
    let drive = remote
        .and_then(|r| r.parent_reference.as_ref())
        .or(item.parent_reference.as_deref())
        .and_then(|p| p.drive_id.as_deref());
    (drive, remote.map_or(item.id.as_str(), |r| r.id.as_str()))
}

impl From<&DriveItem> for PickedItem {
    fn from(item: &DriveItem) -> Self {
        let (drive_id, id) = key_parts(item);
        PickedItem {
            id: id.to_string(),
            drive_id: drive_id.map(String::from),
            name: item.name.clone(),
            is_folder: item.is_folder(),
            size: item.size(),
            mime_type: item.mime_type().map(String::from),
            web_url: item.open_url(),
            parent_path: item.location(),
            last_modified: item.last_modified_date_time.clone(),
            thumbnail_url: item.thumbnail_url(),
            download_url: None,
            sharing_link: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_result_has_every_field_and_shared_items_their_own_ids() {
        let item: DriveItem = serde_json::from_str(
            r#"{"id":"i1","name":"Q3.xlsx","size":42,"lastModifiedDateTime":"2025-11-03T09:00:00Z",
                "webUrl":"https://contoso.sharepoint.com/q3.xlsx","file":{"mimeType":"application/x"},
                "parentReference":{"driveId":"d1","path":"/drives/d1/root:/Documents/Q%233"},
                "thumbnails":[{"small":{"url":"https://t/s.png"}}]}"#,
        )
        .unwrap();
        let p = PickedItem::from(&item);
        assert_eq!(p.key(), "d1/i1");
        assert_eq!(p.parent_path.as_deref(), Some("/Documents/Q#3"));
        assert_eq!(p.size, Some(42));
        assert_eq!(p.mime_type.as_deref(), Some("application/x"));
        assert_eq!(p.thumbnail_url.as_deref(), Some("https://t/s.png"));
        assert_eq!(p.last_modified.as_deref(), Some("2025-11-03T09:00:00Z"));
        assert!(!p.is_folder);
        let shared: DriveItem = serde_json::from_str(
            r#"{"id":"local","name":"Budget.xlsx","remoteItem":{"id":"r1","size":7,"file":{"mimeType":"m"},
                "parentReference":{"driveId":"d2"},"webUrl":"https://c/b.xlsx"}}"#,
        )
        .unwrap();
        let p = PickedItem::from(&shared);
        assert_eq!((p.id.as_str(), p.drive_id.as_deref()), ("r1", Some("d2")));
        assert_eq!((p.size, p.mime_type.as_deref()), (Some(7), Some("m")));
    }
}
