//! Display formatting for listings (pure).

use crate::graph::model::{DriveItem, ItemKind};
use crate::graph::FolderRef;

/// `1.2 MB`-style sizes (binary units, one decimal above bytes).
pub fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 5] = ["KB", "MB", "GB", "TB", "PB"];
    if bytes < 1024 {
        return format!("{bytes} bytes");
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    format!("{value:.1} {}", UNITS[unit])
}

/// The date part of an ISO 8601 timestamp (`2025-11-03`), or empty.
pub fn short_date(iso: Option<&str>) -> String {
    iso.and_then(|s| s.get(..10))
        .filter(|d| d.as_bytes().get(4) == Some(&b'-'))
        .unwrap_or("")
        .to_string()
}

/// A CSS-friendly kind name.
pub fn kind_name(kind: ItemKind) -> &'static str {
    match kind {
        ItemKind::Folder => "folder",
        ItemKind::Word => "word",
        ItemKind::Excel => "excel",
        ItemKind::PowerPoint => "powerpoint",
        ItemKind::Pdf => "pdf",
        ItemKind::Image => "image",
        ItemKind::Video => "video",
        ItemKind::Other => "file",
    }
}

/// Where a folder item opens in the picker (remote folders open in their own drive).
pub fn folder_ref(item: &DriveItem) -> FolderRef {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_dates() {
        assert_eq!(human_size(0), "0 bytes");
        assert_eq!(human_size(1536), "1.5 KB");
        assert_eq!(human_size(5 * 1024 * 1024), "5.0 MB");
        assert_eq!(short_date(Some("2025-11-03T09:00:00Z")), "2025-11-03");
        assert_eq!(short_date(Some("garbage")), "");
        assert_eq!(short_date(None), "");
    }

    #[test]
    fn folders_open_in_their_drive() {
        let own: DriveItem = serde_json::from_str(
            r#"{"id":"f1","name":"A","folder":{},"parentReference":{"driveId":"d1"}}"#,
        )
        .unwrap();
        assert_eq!(
            folder_ref(&own),
            FolderRef::Item {
                drive_id: "d1".into(),
                item_id: "f1".into()
            }
        );
        let remote: DriveItem = serde_json::from_str(r#"{"id":"x","name":"S","remoteItem":{"id":"r1","folder":{},"parentReference":{"driveId":"d2"}}}"#).unwrap();
        assert_eq!(
            folder_ref(&remote),
            FolderRef::Item {
                drive_id: "d2".into(),
                item_id: "r1".into()
            }
        );
        let bare: DriveItem =
            serde_json::from_str(r#"{"id":"f2","name":"B","folder":{}}"#).unwrap();
        assert_eq!(
            folder_ref(&bare),
            FolderRef::MyItem {
                item_id: "f2".into()
            }
        );
    }
}
