//! Graph resources as the picker reads them: tolerant of unknown properties and absent optional
//! facets, and never depending on id formats.

use std::sync::Arc;

use serde::Deserialize;

use super::lenient;
use super::prefixed::Prefixed;
use crate::safe_url::openable;

/// A `driveItem`.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct DriveItem {
    /// Item id (opaque).
    pub id: String,
    /// Name (may hold any Unicode, markup or quotes: always rendered as text).
    #[serde(default, deserialize_with = "lenient::string_or_empty")]
    pub name: String,
    /// Size in bytes (folders: total of descendants).
    #[serde(default, deserialize_with = "lenient::u64_opt")]
    pub size: Option<u64>,
    /// Last modified (ISO 8601).
    #[serde(default)]
    pub last_modified_date_time: Option<String>,
    /// Where the item opens in the browser (Office for the web for Office files); the items of
    /// a page share its beginning (see [`super::interner`]).
    #[serde(default)]
    pub web_url: Option<Prefixed>,
    /// Present on files.
    #[serde(default)]
    pub file: Option<FileFacet>,
    /// Present on folders.
    #[serde(default)]
    pub folder: Option<FolderFacet>,
    /// Present on packages (OneNote notebooks), which open like files (its content unread).
    #[serde(default)]
    pub package: Option<serde::de::IgnoredAny>,
    /// Present on items that live in another drive.
    #[serde(default)]
    pub remote_item: Option<Box<RemoteItem>>,
    /// Where the item lives (shared by the items of a page: see [`super::interner`]).
    #[serde(default)]
    pub parent_reference: Option<Arc<ItemReference>>,
    /// Thumbnails, when expanded (a slice: a vector read from JSON would keep room for four).
    #[serde(default)]
    pub thumbnails: Option<Box<[ThumbnailSet]>>,
    /// Who changed it last (shared like the parent).
    #[serde(default)]
    pub last_modified_by: Option<Arc<IdentitySet>>,
    /// A short-lived, pre-authenticated download URL (when selected or returned).
    #[serde(rename = "@microsoft.graph.downloadUrl", default)]
    pub download_url: Option<String>,
}

/// The `file` facet.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct FileFacet {
    /// MIME type as the server decided it (shared like the parent).
    #[serde(default)]
    pub mime_type: Option<Arc<str>>,
}

/// The `folder` facet.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct FolderFacet {
    /// Number of children.
    #[serde(default, deserialize_with = "lenient::u64_opt")]
    pub child_count: Option<u64>,
}

/// The `remoteItem` facet.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct RemoteItem {
    /// Id in its own drive.
    pub id: String,
    /// Name.
    #[serde(default)]
    pub name: Option<String>,
    /// Files have this.
    #[serde(default)]
    pub file: Option<FileFacet>,
    /// Folders have this.
    #[serde(default)]
    pub folder: Option<FolderFacet>,
    /// Its drive.
    #[serde(default)]
    pub parent_reference: Option<ItemReference>,
    /// Where it opens.
    #[serde(default)]
    pub web_url: Option<Prefixed>,
    /// Size in bytes.
    #[serde(default, deserialize_with = "lenient::u64_opt")]
    pub size: Option<u64>,
    /// Who shared it, and when (items shared with the user).
    #[serde(default)]
    pub shared: Option<Shared>,
}

/// The `shared` facet.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
pub struct Shared {
    /// The owner.
    #[serde(default)]
    pub owner: Option<IdentitySet>,
}

/// An `itemReference`.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct ItemReference {
    /// Drive id.
    #[serde(default)]
    pub drive_id: Option<String>,
    /// Item id.
    #[serde(default)]
    pub id: Option<String>,
    /// `personal`, `business` or `documentLibrary`.
    #[serde(default)]
    pub drive_type: Option<String>,
    /// The parent's path, `/drives/{id}/root:/Folder/Sub` (percent-encoded).
    #[serde(default)]
    pub path: Option<String>,
}

/// An `identitySet` (only the user's name is used).
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
pub struct IdentitySet {
    /// The user.
    #[serde(default)]
    pub user: Option<Identity>,
}

/// An `identity`.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Identity {
    /// Display name.
    #[serde(default)]
    pub display_name: Option<String>,
}

/// A `thumbnailSet`, as a listing asks for it ([`super::request::THUMBNAILS`]).
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
pub struct ThumbnailSet {
    /// Small (about 96 px).
    #[serde(default)]
    pub small: Option<Thumbnail>,
    /// Medium (about 176 px).
    #[serde(default)]
    pub medium: Option<Thumbnail>,
}

/// A `thumbnailSet` as the preview asks for it: the large one (about 800 px).
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
pub struct LargeThumbnail {
    /// Large.
    #[serde(default)]
    pub large: Option<Thumbnail>,
}

/// What `POST …/preview` answers (`itemPreviewInfo`).
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct PreviewInfo {
    /// A URL to embed in an iframe (short-lived; acts with the caller's permissions).
    #[serde(default)]
    pub get_url: Option<String>,
}

/// A `thumbnail`.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
pub struct Thumbnail {
    /// Pre-authenticated, short-lived URL (its beginning shared like the `webUrl`'s).
    #[serde(default)]
    pub url: Option<Prefixed>,
}

/// One page of a collection.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(bound(deserialize = "T: serde::de::DeserializeOwned"))]
pub struct Page<T> {
    /// The entries that parse (an entry that does not is skipped; an empty page may still have
    /// a next link).
    #[serde(default = "Vec::new", deserialize_with = "lenient::valid_entries")]
    pub value: Vec<T>,
    /// The next page, absolute and opaque: followed verbatim.
    #[serde(rename = "@odata.nextLink", default)]
    pub next_link: Option<String>,
}

/// What kind of entry an item is, for icons and opening.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ItemKind {
    /// A folder (opens in the picker).
    Folder,
    /// A Word document.
    Word,
    /// An Excel workbook.
    Excel,
    /// A PowerPoint deck.
    PowerPoint,
    /// A PDF.
    Pdf,
    /// An image.
    Image,
    /// A video.
    Video,
    /// An audio file.
    Audio,
    /// Text and other documents (plain text, Markdown, OneNote, Visio).
    Text,
    /// Anything else.
    Other,
}

impl DriveItem {
    /// Whether the item is a folder (a remote folder counts).
    pub fn is_folder(&self) -> bool {
        self.folder.is_some()
            || self
                .remote_item
                .as_ref()
                .is_some_and(|r| r.folder.is_some())
    }

    /// The kind, from the folder facet, MIME type and extension.
    pub fn kind(&self) -> ItemKind {
        if self.is_folder() {
            return ItemKind::Folder;
        }
        let ext = self
            .name
            .rsplit_once('.')
            .map(|(_, e)| e.to_ascii_lowercase())
            .unwrap_or_default();
        let mime = self.mime_type().unwrap_or_default();
        match ext.as_str() {
            "doc" | "docx" | "docm" | "dotx" | "odt" | "rtf" => ItemKind::Word,
            "xls" | "xlsx" | "xlsm" | "xltx" | "ods" | "csv" => ItemKind::Excel,
            "ppt" | "pptx" | "pptm" | "potx" | "odp" => ItemKind::PowerPoint,
            "pdf" => ItemKind::Pdf,
            _ if mime.starts_with("image/") => ItemKind::Image,
            _ if mime.starts_with("video/") => ItemKind::Video,
            _ if mime.starts_with("audio/") => ItemKind::Audio,
            "png" | "jpg" | "jpeg" | "gif" | "bmp" | "webp" | "heic" | "svg" => ItemKind::Image,
            "mp4" | "mov" | "webm" | "avi" | "mkv" => ItemKind::Video,
            "mp3" | "wav" | "m4a" | "flac" | "ogg" | "aac" | "wma" => ItemKind::Audio,
            "txt" | "md" | "one" | "vsdx" => ItemKind::Text,
            _ => ItemKind::Other,
        }
    }

    /// Where the item opens in the browser: only an `https` link (`http` on loopback), never a
    /// `javascript:` or `data:` one, whatever the response says.
    pub fn open_url(&self) -> Option<String> {
        let web = self.web_url.as_ref();
        web.or(self.remote_item.as_ref().and_then(|r| r.web_url.as_ref()))
            .and_then(|u| openable(&u.whole()))
    }

    /// The small thumbnail URL, when thumbnails were expanded (held to the same rule).
    pub fn thumbnail_url(&self) -> Option<String> {
        let set = self.thumbnails.as_ref()?.first()?;
        openable(&set.small.as_ref()?.url.as_ref()?.whole())
    }

    /// The medium thumbnail URL (grid tiles), falling back to the small one.
    pub fn medium_thumbnail_url(&self) -> Option<String> {
        let set = self.thumbnails.as_ref()?.first()?;
        let medium = set.medium.as_ref().and_then(|t| t.url.as_ref());
        let medium = medium.and_then(|u| openable(&u.whole()));
        medium.or_else(|| self.thumbnail_url())
    }

    /// Who changed it last, by name.
    pub fn modified_by(&self) -> Option<&str> {
        self.last_modified_by
            .as_ref()?
            .user
            .as_ref()?
            .display_name
            .as_deref()
    }

    /// The owner of an item shared with the user.
    pub fn owner(&self) -> Option<&str> {
        let owner = self.remote_item.as_ref()?.shared.as_ref()?.owner.as_ref()?;
        owner.user.as_ref()?.display_name.as_deref()
    }

    /// The size, from the item or its remote item.
    pub fn size(&self) -> Option<u64> {
        self.size
            .or_else(|| self.remote_item.as_ref().and_then(|r| r.size))
    }

    /// The folder the item lives in, as a path below its drive's root (`/Documents/Reports`;
    /// `/` at the root), when the response says.
    pub fn location(&self) -> Option<String> {
        let path = self.parent_reference.as_ref()?.path.as_deref()?;
        let (_, below) = path.split_once("root:")?;
        let below =
            url::form_urlencoded::parse(format!("p={below}").replace('+', "%2B").as_bytes())
                .next()
                .map(|(_, v)| v.into_owned())
                .unwrap_or_default();
        Some(if below.is_empty() { "/".into() } else { below })
    }

    /// The MIME type, from the item or its remote item.
    pub fn mime_type(&self) -> Option<&str> {
        self.file
            .as_ref()
            .or(self.remote_item.as_ref().and_then(|r| r.file.as_ref()))
            .and_then(|f| f.mime_type.as_deref())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tolerates_unknown_properties_and_missing_facets() {
        let page: Page<DriveItem> = serde_json::from_str(
            r#"{"@odata.context":"x","@microsoft.graph.tips":"y","value":[
                {"id":"opaque!1","name":"<script>alert(1)</script>.docx","someNewProperty":{"a":1},
                 "file":{"mimeType":"application/vnd.openxmlformats-officedocument.wordprocessingml.document","hashes":{}}},
                {"id":"2","name":"Folder","folder":{"childCount":3,"view":{}}},
                {"id":"3","name":"photo.heic"},
                {"id":"4","name":"Shared.xlsx","remoteItem":{"id":"r","file":{},"webUrl":"https://x/y"}}
            ],"@odata.nextLink":"https://graph.microsoft.com/v1.0/drives/x/items/y/children?$skiptoken=abc"}"#,
        )
        .unwrap();
        assert_eq!(page.value.len(), 4);
        assert_eq!(page.value[0].kind(), ItemKind::Word);
        assert_eq!(page.value[1].kind(), ItemKind::Folder);
        assert_eq!(page.value[2].kind(), ItemKind::Image);
        assert_eq!(page.value[3].open_url().as_deref(), Some("https://x/y"));
        assert!(page.next_link.unwrap().ends_with("$skiptoken=abc"));
        let empty: Page<DriveItem> =
            serde_json::from_str(r#"{"value":[],"@odata.nextLink":"https://n"}"#).unwrap();
        assert!(empty.value.is_empty() && empty.next_link.is_some());
    }

    #[test]
    fn hostile_links_are_never_offered() {
        let page: Page<DriveItem> = serde_json::from_str(
            r#"{"value":[
              {"id":"1","name":"a","webUrl":"javascript:alert(document.cookie)",
               "thumbnails":[{"small":{"url":"javascript:alert(1)"}}]},
              {"id":"2","name":"b","webUrl":"data:text/html,<script>x</script>",
               "thumbnails":[{"small":{"url":"http://tracker.example/pixel.png"}}]},
              {"id":"3","name":"c","webUrl":null,"remoteItem":{"id":"r","webUrl":"vbscript:x"}},
              {"id":"4","name":"d","webUrl":"https://contoso.sharepoint.com/d.docx",
               "thumbnails":[{"small":{"url":"https://contoso.sharepoint.com/t.png"}}]}
            ]}"#,
        )
        .unwrap();
        for item in &page.value[..3] {
            assert_eq!(item.open_url(), None, "{}", item.name);
            assert_eq!(item.thumbnail_url(), None, "{}", item.name);
        }
        assert!(page.value[3].open_url().is_some());
        assert!(page.value[3].thumbnail_url().is_some());
    }

    #[test]
    fn hostile_bodies_parse_or_skip_cleanly() {
        let page: Page<DriveItem> = serde_json::from_str(
            r#"{"value":[
              {"id":"1","name":null,"size":1e300,"folder":{"childCount":"12"},"x-unknown":{"a":[1,2]}},
              {"name":"no id at all"},
              {"id":"3","name":"bad facet","file":"not an object"},
              {"id":"4","name":"4","size":-5,"thumbnails":null,"lastModifiedBy":null,
               "parentReference":{"driveId":null},"@microsoft.graph.downloadUrl":"https://x"},
              null,
              {"id":"6","name":"\u202egpj.exe\u200b\u0000","size":"123"}
            ],"@odata.count":"many","@odata.nextLink":null}"#,
        )
        .unwrap();
        let ids: Vec<&str> = page.value.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(ids, ["1", "4", "6"]);
        assert_eq!(page.value[0].name, "");
        assert_eq!(page.value[0].size, None);
        assert_eq!(page.value[0].folder.as_ref().unwrap().child_count, Some(12));
        assert_eq!(page.value[1].size, None);
        assert_eq!(page.value[2].size, Some(123));
        assert!(page.value[2].name.contains('\u{202e}'));
        let empty: Page<DriveItem> = serde_json::from_str(r#"{"value":null}"#).unwrap();
        assert!(empty.value.is_empty() && empty.next_link.is_none());
    }
}
