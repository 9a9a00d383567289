//! Graph JSON shapes for the tenant's resources, and the URLs items carry (webUrl, downloadUrl,
//! thumbnail URLs), in the formats the real services use for business and personal drives.

use chrono::Duration;
use serde_json::{json, Value};

use crate::crypto::Sealed;
use crate::state::Shared;
use crate::store::{office_app, quick_xor_hash, Drive, DriveType, Item, ItemKind, Media, Store};
use crate::util::{b64, encode_query, encode_segment, iso};

pub mod places;
mod thumbnails;

pub use thumbnails::{custom_size, thumb_dims, thumbnail, thumbnail_set, thumbnail_url, SIZES};

/// `identitySet` for a user id.
pub fn identity_set(store: &Store, user_id: &str) -> Value {
    match store.user(user_id) {
        Some(u) => json!({"user": {"email": u.upn, "id": u.id, "displayName": u.display_name}}),
        None => json!({"user": {"displayName": "System Account"}}),
    }
}

fn site_prefix(drive: &Drive) -> String {
    // `/personal/x/Documents` → `/personal/x`; `/sites/Portal/Shared Documents` → `/sites/Portal`.
    drive
        .web_path
        .rsplit_once('/')
        .map(|(p, _)| p.to_string())
        .unwrap_or_default()
}

pub(crate) fn encoded_path(path: &str) -> String {
    path.split('/')
        .map(encode_segment)
        .collect::<Vec<_>>()
        .join("/")
}

/// The item's `webUrl`: Office files open in Office for the web, others in the library.
pub fn web_url(st: &Shared, drive: &Drive, item: &Item) -> String {
    let base = &st.base;
    let app = item.extension().and_then(|e| office_app(&e));
    if drive.drive_type == DriveType::Personal {
        return match app {
            Some(app) => format!(
                "{base}/_onedrive/edit.aspx?resid={}&cid={}&app={app}",
                encode_query(&item.id),
                drive.id
            ),
            None => format!(
                "{base}/_onedrive/?cid={}&id={}",
                drive.id,
                encode_query(&item.id)
            ),
        };
    }
    match app {
        Some(_) => format!(
            "{base}{}/_layouts/15/Doc.aspx?sourcedoc=%7B{}%7D&file={}&action=default&mobileredirect=true",
            encoded_path(&site_prefix(drive)),
            item.unique_id.to_uppercase(),
            encode_query(&item.name)
        ),
        None => {
            let names = drive.path_names(item);
            let mut url = format!("{base}{}", encoded_path(&drive.web_path));
            for n in names {
                url.push('/');
                url.push_str(&encode_segment(&n));
            }
            url
        }
    }
}

/// The pre-authenticated download URL (`@microsoft.graph.downloadUrl`), valid for an hour.
pub fn download_url(st: &Shared, drive: &Drive, item: &Item) -> String {
    let exp = (st.clock.now() + Duration::hours(1)).timestamp();
    let token = st.keys.seal(
        Sealed::Download,
        &format!("{}|{}|{}|{exp}", drive.id, item.id, item.content_version),
    );
    match drive.drive_type {
        DriveType::Personal => format!("{}/_files/y4m{token}", st.files_base),
        _ => format!(
            "{}{}/_layouts/15/download.aspx?UniqueId={}&Translate=false&tempauth={token}&ApiVersion=2.0",
            st.files_base,
            encoded_path(&site_prefix(drive)),
            item.unique_id
        ),
    }
}

/// `parentReference` of an item.
pub fn parent_reference(drive: &Drive, item: &Item) -> Value {
    let mut r = json!({"driveType": drive.drive_type.as_str(), "driveId": drive.id});
    let Some(parent_id) = &item.parent else {
        return r;
    };
    let Some(parent) = drive.get(parent_id) else {
        return r;
    };
    r["id"] = json!(parent.id);
    if parent.parent.is_some() {
        r["name"] = json!(parent.name);
    } else if drive.drive_type != DriveType::Personal {
        r["name"] = json!(drive.name);
    }
    let mut path = format!("/drives/{}/root:", drive.id);
    let names = drive.path_names(&parent);
    if !names.is_empty() {
        path.push('/');
        path.push_str(&names.join("/"));
    }
    r["path"] = json!(path);
    if let Some(site) = &drive.site_id {
        r["siteId"] = json!(site);
    }
    r
}

fn etag(drive: &Drive, item: &Item) -> (String, String) {
    if drive.drive_type == DriveType::Personal {
        let e = b64(format!("{}.{}", item.id, item.version)).replace('=', "");
        let c = b64(format!("c:{}.{}", item.id, item.content_version)).replace('=', "");
        (format!("a{e}"), format!("a{c}"))
    } else {
        (
            format!("\"{{{}}},{}\"", item.unique_id.to_uppercase(), item.version),
            format!("\"c:{{{}}},{}\"", item.unique_id, item.content_version),
        )
    }
}

/// Whether `value` (an If-None-Match header) matches the item's eTag or cTag.
pub fn etag_matches(drive: &Drive, item: &Item, value: &str) -> bool {
    let (e, c) = etag(drive, item);
    // Entity tags are separated by commas outside quotes (ODB tags contain a comma inside).
    let mut tags = Vec::new();
    let (mut cur, mut quoted) = (String::new(), false);
    for ch in value.chars() {
        match ch {
            '"' => quoted = !quoted,
            ',' if !quoted => {
                tags.push(std::mem::take(&mut cur));
                continue;
            }
            _ => {}
        }
        cur.push(ch);
    }
    tags.push(cur);
    tags.iter()
        .map(|t| t.trim())
        .any(|v| v == "*" || v == e || v == c)
}

/// A driveItem (without `@odata.context`).
/// The `file` facet (type and hashes: `sha1Hash` on personal drives too) and the media facets.
fn file_facets(v: &mut Value, drive: &Drive, mime: &str, data: &[u8], media: &Media) {
    let mut hashes = json!({"quickXorHash": quick_xor_hash(data)});
    if drive.drive_type == DriveType::Personal {
        use sha1::Digest;
        let sha1: String = sha1::Sha1::digest(data)
            .iter()
            .map(|b| format!("{b:02X}"))
            .collect();
        hashes["sha1Hash"] = json!(sha1);
    }
    v["file"] = json!({"mimeType": mime, "hashes": hashes});
    match media {
        Media::Image {
            width,
            height,
            taken,
            ..
        } => {
            v["image"] = json!({"height": height, "width": width});
            v["photo"] = json!({"takenDateTime": iso(*taken)});
        }
        Media::Video {
            width,
            height,
            duration_ms,
        } => {
            v["video"] = json!({"bitrate": 4_500_000, "duration": duration_ms, "height": height, "width": width, "fourCC": "avc1", "frameRate": 29.97});
        }
        Media::None => {}
    }
}

pub fn item(st: &Shared, store: &Store, drive: &Drive, item: &Item) -> Value {
    let (e, c) = etag(drive, item);
    let mut v = json!({
        "createdDateTime": iso(item.created),
        "eTag": e,
        "id": item.id,
        "lastModifiedDateTime": iso(item.modified),
        "name": item.name,
        "webUrl": if item.parent.is_none() { format!("{}{}", st.base, encoded_path(&drive.web_path)) } else { web_url(st, drive, item) },
        "size": drive.size_of(item),
        "createdBy": identity_set(store, &item.created_by),
        "lastModifiedBy": identity_set(store, &item.modified_by),
        "parentReference": parent_reference(drive, item),
        "fileSystemInfo": {"createdDateTime": iso(item.created), "lastModifiedDateTime": iso(item.modified)},
    });
    if drive.drive_type == DriveType::Personal && item.parent.is_none() {
        v["webUrl"] = json!(format!("{}/_onedrive/?cid={}", st.base, drive.id));
    }
    match &item.kind {
        ItemKind::Folder { .. } => {
            v["folder"] = json!({"childCount": drive.child_count(item)});
            if drive.drive_type == DriveType::Personal {
                v["cTag"] = json!(c);
                v["folder"]["view"] =
                    json!({"viewType": "thumbnails", "sortBy": "name", "sortOrder": "ascending"});
            }
        }
        ItemKind::File { mime, data, media } => {
            v["@microsoft.graph.downloadUrl"] = json!(download_url(st, drive, item));
            v["cTag"] = json!(c);
            file_facets(&mut v, drive, mime, data, media);
        }
    }
    if item.parent.is_none() {
        v["root"] = json!({});
        v["name"] = json!("root");
        v["parentReference"] = json!({"driveType": drive.drive_type.as_str(), "driveId": drive.id});
        if drive.drive_type != DriveType::Personal {
            v.as_object_mut().unwrap().remove("cTag");
        }
    }
    if let Some(share) = item.shares.first() {
        v["shared"] = json!({
            "scope": "users",
            "sharedDateTime": iso(share.at),
            "owner": identity_set(store, &share.shared_by),
        });
    }
    v
}

/// A driveItem as seen by another user: the shared item wrapped with `remoteItem`.
pub fn remote_item(st: &Shared, store: &Store, drive: &Drive, it: &Item, viewer: &str) -> Value {
    let full = item(st, store, drive, it);
    let mut remote = json!({
        "id": it.id,
        "name": it.name,
        "size": full["size"],
        "createdBy": full["createdBy"],
        "createdDateTime": full["createdDateTime"],
        "lastModifiedBy": full["lastModifiedBy"],
        "lastModifiedDateTime": full["lastModifiedDateTime"],
        "fileSystemInfo": full["fileSystemInfo"],
        "parentReference": {"driveId": drive.id, "driveType": drive.drive_type.as_str(), "id": full["parentReference"]["id"]},
        "webUrl": full["webUrl"],
    });
    for facet in ["file", "folder", "image", "photo", "video"] {
        if let Some(f) = full.get(facet) {
            remote[facet] = f.clone();
        }
    }
    let share = it.shares.iter().find(|s| s.user_id == viewer);
    if let Some(s) = share {
        remote["shared"] = json!({"owner": identity_set(store, &s.shared_by), "sharedBy": identity_set(store, &s.shared_by)["user"], "sharedDateTime": iso(s.at)});
    }
    if let Some(site) = &drive.site_id {
        remote["parentReference"]["siteId"] = json!(site);
    }
    let mut v = json!({
        "id": it.id,
        "name": it.name,
        "size": full["size"],
        "createdDateTime": full["createdDateTime"],
        "lastModifiedDateTime": full["lastModifiedDateTime"],
        "webUrl": full["webUrl"],
        "createdBy": full["createdBy"],
        "lastModifiedBy": full["lastModifiedBy"],
        "parentReference": {"driveId": drive.id, "driveType": drive.drive_type.as_str()},
        "remoteItem": remote,
    });
    for facet in ["file", "folder"] {
        if let Some(f) = full.get(facet) {
            v[facet] = f.clone();
        }
    }
    v
}
