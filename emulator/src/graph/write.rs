//! Writes: create folder, simple upload, delete, and the commit that upload sessions share.
//! With `--persist DIR`, new files and folders are mirrored to disk ([`super::persist`]).

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};

use super::content::{parse_conflict, Conflict, NewContent, SIMPLE_UPLOAD_LIMIT};
use super::ctx::Ctx;
use super::error::{json_response, GraphError, GraphResult};
use super::persist::{persist, unpersist};
use super::render;
use super::resolve::{check_access, existing, find_drive, resolve, ItemSel, Target};
use crate::state::Shared;
use crate::store::{Drive, DriveType, Item, ItemKind, Media};

/// Checks a new item name against OneDrive's rules.
pub fn validate_name(name: &str, folder: bool) -> Result<(), GraphError> {
    let invalid = || {
        GraphError::bad_request("The provided name contains invalid characters or is not allowed.")
            .inner("invalidParameterFormat")
    };
    if name.trim().is_empty() || name.len() > 400 {
        return Err(invalid());
    }
    if name.chars().any(|c| {
        matches!(c, '/' | '\\' | '*' | '<' | '>' | '?' | ':' | '|' | '"') || c.is_control()
    }) {
        return Err(invalid());
    }
    if name.starts_with('~')
        || name.ends_with(' ')
        || (folder && name.ends_with('.'))
        || name == "."
        || name == ".."
    {
        return Err(invalid());
    }
    Ok(())
}

fn free_name(drive: &Drive, parent: &Item, name: &str) -> String {
    let (stem, ext) = match name.rsplit_once('.') {
        Some((s, e)) if !s.is_empty() => (s.to_string(), format!(".{e}")),
        _ => (name.to_string(), String::new()),
    };
    (1..)
        .map(|n| format!("{stem} {n}{ext}"))
        .find(|candidate| drive.child_named(parent, candidate).is_none())
        .unwrap()
}

pub(super) fn created(
    ctx: &Ctx,
    store: &crate::store::Store,
    drive: &Drive,
    item: &Item,
    status: StatusCode,
) -> Response {
    let mut v = render::item(&ctx.st, store, drive, item);
    v["@odata.context"] = json!(format!(
        "{}/v1.0/$metadata#drives('{}')/items/$entity",
        ctx.st.base,
        drive.id.replace('!', "%21")
    ));
    json_response(status, &v)
}

/// The request body as JSON (400 when it is not).
pub(super) fn json_body(ctx: &Ctx) -> Result<Value, GraphError> {
    if ctx.body.is_empty() {
        return Ok(json!({}));
    }
    serde_json::from_slice(&ctx.body)
        .map_err(|_| GraphError::bad_request("Invalid request body: a JSON object is expected."))
}

/// A required string property of a request body.
pub(super) fn required<'a>(body: &'a Value, name: &str) -> Result<&'a str, GraphError> {
    body[name]
        .as_str()
        .ok_or_else(|| GraphError::bad_request(format!("The '{name}' property is required.")))
}

/// `POST …/children`: create a folder.
pub fn create_folder(ctx: &Ctx, drive_id: &str, sel: &ItemSel) -> GraphResult {
    let body = json_body(ctx)?;
    let name = required(&body, "name")?.to_string();
    if body.get("folder").is_none() && body.get("file").is_none() {
        return Err(GraphError::bad_request(
            "Either 'folder' or 'file' must be provided, but not both.",
        ));
    }
    validate_name(&name, true)?;
    let conflict = parse_conflict(body["@microsoft.graph.conflictBehavior"].as_str())?;
    let mut store = ctx.st.store.write();
    let (_, parent) = existing(ctx, &store, drive_id, sel, true)?;
    if !parent.is_folder() {
        return Err(GraphError::bad_request("The parent item is not a folder.")
            .inner("invalidParameterFormat"));
    }
    let now = ctx.st.clock.now();
    let drive = store.drives.get_mut(drive_id).unwrap();
    let personal = drive.drive_type == DriveType::Personal;
    let mut final_name = name.clone();
    if let Some(existing) = drive.child_named(&parent, &name) {
        match conflict.unwrap_or(if personal {
            Conflict::Replace
        } else {
            Conflict::Fail
        }) {
            Conflict::Fail => {
                return Err(GraphError::new(
                    409,
                    "nameAlreadyExists",
                    "The specified item name already exists.",
                ))
            }
            // Personal OneDrive answers 200 with the existing folder when no behaviour is given.
            Conflict::Replace if personal && conflict.is_none() && existing.is_folder() => {
                let drive = drive.clone();
                return Ok(created(ctx, &store, &drive, &existing, StatusCode::OK));
            }
            Conflict::Replace => {
                drive.remove(&existing.id);
                unpersist(&ctx.st, drive, &existing);
            }
            Conflict::Rename => final_name = free_name(drive, &parent, &name),
        }
    }
    let id = drive.add_child(
        &parent.id,
        &final_name,
        &ctx.user.id,
        (now, now),
        ItemKind::empty_folder(),
    );
    drive.touch(&parent.id, now, false);
    let item = drive.get(&id).unwrap();
    persist(&ctx.st, drive, &item);
    let drive = drive.clone();
    Ok(created(ctx, &store, &drive, &item, StatusCode::CREATED))
}

/// The name a new file takes where `existing` has its name: refused, the same (replacing it),
/// or a free one.
fn on_conflict(
    drive: &Drive,
    parent: &Item,
    existing: &Item,
    name: &str,
    conflict: Conflict,
) -> Result<String, GraphError> {
    let exists = |message: &str| GraphError::new(409, "nameAlreadyExists", message);
    match conflict {
        Conflict::Fail => Err(exists("The specified item name already exists.")),
        Conflict::Rename => Ok(free_name(drive, parent, name)),
        Conflict::Replace if existing.is_folder() => {
            Err(exists("A folder with the same name already exists."))
        }
        Conflict::Replace => Ok(name.to_string()),
    }
}

/// Stores the content (a new file, or a replacement) and returns the item and whether it is new.
pub(super) fn commit(st: &Shared, content: NewContent) -> Result<(Item, bool), GraphError> {
    let NewContent {
        drive_id,
        parent_id,
        name,
        replace,
        conflict,
        data,
        user,
    } = content;
    let (drive_id, parent_id, name, replace, user) = (
        drive_id.as_str(),
        parent_id.as_str(),
        name.as_str(),
        replace.as_deref(),
        user.as_str(),
    );
    let now = st.clock.now();
    let mut store = st.store.write();
    let drive = store
        .drives
        .get_mut(drive_id)
        .ok_or_else(GraphError::not_found)?;
    let parent = drive.get(parent_id).ok_or_else(GraphError::not_found)?;
    let target = match replace {
        Some(id) => Some(drive.get(id).ok_or_else(GraphError::not_found)?),
        None => drive.child_named(&parent, name),
    };
    let mut final_name = name.to_string();
    if let Some(t) = &target {
        if replace.is_none() {
            final_name = on_conflict(drive, &parent, t, name, conflict)?;
        }
        if final_name == name {
            let it = drive
                .items
                .get_mut(&t.id)
                .ok_or_else(GraphError::access_denied)?;
            it.kind = ItemKind::file(&it.name, data, Media::None);
            it.modified_by = user.to_string();
            drive.touch(&t.id, now, true);
            return Ok((drive.get(&t.id).ok_or_else(GraphError::not_found)?, false));
        }
    }
    let id = drive.add_child(
        &parent.id,
        &final_name,
        user,
        (now, now),
        ItemKind::file(&final_name, data, Media::None),
    );
    drive.touch(&parent.id, now, false);
    Ok((drive.get(&id).unwrap(), true))
}

/// `PUT …/content`: simple upload.
/// Where a simple upload goes: the parent, the name, and the item it replaces. By id it is
/// always a replacement; by path the conflict behaviour decides.
fn upload_destination(
    ctx: &Ctx,
    drive_id: &str,
    sel: &ItemSel,
    conflict: Conflict,
) -> Result<(String, String, Option<String>), GraphError> {
    let store = ctx.st.store.read();
    let drive = find_drive(&store, drive_id)?;
    match resolve(drive, sel)? {
        Target::Item(i) if i.is_folder() => Err(GraphError::new(
            409,
            "nameAlreadyExists",
            "A folder with the same name already exists.",
        )),
        Target::Item(i) => {
            check_access(ctx, &store, drive, &i, true)?;
            // By id: always a replacement. By path: the conflict behaviour decides.
            let replace = (matches!(sel, ItemSel::Id(_)) || conflict == Conflict::Replace)
                .then(|| i.id.clone());
            Ok((
                i.parent.clone().unwrap_or_default(),
                i.name.clone(),
                replace,
            ))
        }
        Target::Missing { parent, name } => {
            check_access(ctx, &store, drive, &parent, true)?;
            validate_name(&name, false)?;
            Ok((parent.id.clone(), name, None))
        }
    }
}

pub fn upload(ctx: &Ctx, drive_id: &str, sel: &ItemSel) -> GraphResult {
    if ctx.body.len() > SIMPLE_UPLOAD_LIMIT {
        return Err(GraphError::new(
            413,
            "invalidRequest",
            "The request body is too large for a simple upload; use an upload session.",
        )
        .inner("maxFileSizeExceeded"));
    }
    let conflict = parse_conflict(
        ctx.query
            .pairs
            .iter()
            .find(|(k, _)| k == "@microsoft.graph.conflictBehavior")
            .map(|(_, v)| v.as_str()),
    )?
    .unwrap_or(Conflict::Replace);
    let (parent_id, name, replace) = upload_destination(ctx, drive_id, sel, conflict)?;
    let (item, _) = commit(
        &ctx.st,
        NewContent {
            drive_id: drive_id.to_string(),
            parent_id,
            name,
            replace,
            conflict,
            data: ctx.body.to_vec(),
            user: ctx.user.id.clone(),
        },
    )?;
    let store = ctx.st.store.read();
    let drive = store.drives.get(drive_id).unwrap();
    persist(&ctx.st, drive, &item);
    Ok(created(ctx, &store, drive, &item, StatusCode::CREATED))
}

/// `DELETE …`
pub fn delete(ctx: &Ctx, drive_id: &str, sel: &ItemSel) -> GraphResult {
    let mut store = ctx.st.store.write();
    let (_, item) = existing(ctx, &store, drive_id, sel, true)?;
    if item.parent.is_none() {
        return Err(GraphError::access_denied().inner("accessRestricted"));
    }
    if let Some(m) = ctx
        .headers
        .get(header::IF_MATCH)
        .and_then(|v| v.to_str().ok())
    {
        let drive = store.drives.get(drive_id).unwrap();
        if !render::etag_matches(drive, &item, m) {
            return Err(GraphError::new(
                412,
                "preconditionFailed",
                "ETag does not match current item's value",
            )
            .inner("entityTagDoesNotMatch"));
        }
    }
    let drive = store.drives.get_mut(drive_id).unwrap();
    if !drive.items.contains_key(&item.id) {
        return Err(GraphError::new(
            403,
            "accessDenied",
            "Generated items of the emulator's large folders are read-only.",
        ));
    }
    let now = ctx.st.clock.now();
    let parent = item.parent.clone().unwrap();
    drive.remove(&item.id);
    drive.touch(&parent, now, false);
    unpersist(&ctx.st, drive, &item);
    Ok(StatusCode::NO_CONTENT.into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_onedrive_rules() {
        assert!(validate_name("Report.docx", false).is_ok());
        assert!(validate_name("🎉 party.pptx", false).is_ok());
        for bad in ["a/b", "a:b", "a|b", "~lock", "", "folder.", "x?"] {
            assert!(validate_name(bad, true).is_err(), "{bad}");
        }
    }
}
