//! Writes: create folder, simple upload, upload sessions, delete, createLink, preview.
//! With `--persist DIR`, new files and folders are mirrored to `DIR/{drive-id}/path` and loaded
//! back at start-up.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use axum::body::Bytes;
use axum::extract::{Path as UrlPath, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Duration, Utc};
use serde_json::{json, Value};

use super::routes::{check_access, existing, resolve, ItemSel, Target};
use super::{json_response, render, Ctx, GraphError, GraphResult};
use crate::store::{Drive, DriveType, Item, ItemKind, Media};
use crate::util::random_token;
use crate::Shared;

/// Simple upload limit (the current Graph documentation's 250 MB).
pub const SIMPLE_UPLOAD_LIMIT: usize = 250 * 1024 * 1024;
/// Upload session fragments must be smaller than 60 MiB.
pub const FRAGMENT_LIMIT: usize = 60 * 1024 * 1024;
/// Non-final fragments must be multiples of 320 KiB.
pub const FRAGMENT_UNIT: usize = 327_680;

/// `@microsoft.graph.conflictBehavior`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Conflict {
    /// 409 when the name exists.
    Fail,
    /// Replace the existing item.
    Replace,
    /// Pick a free name (`name 1.ext`).
    Rename,
}

fn parse_conflict(v: Option<&str>) -> Result<Option<Conflict>, GraphError> {
    match v {
        None => Ok(None),
        Some("fail") => Ok(Some(Conflict::Fail)),
        Some("replace") => Ok(Some(Conflict::Replace)),
        Some("rename") => Ok(Some(Conflict::Rename)),
        Some(other) => Err(GraphError::bad_request(format!(
            "Invalid value '{other}' for @microsoft.graph.conflictBehavior."
        ))),
    }
}

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

fn created(
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
fn json_body(ctx: &Ctx) -> Result<Value, GraphError> {
    if ctx.body.is_empty() {
        return Ok(json!({}));
    }
    serde_json::from_slice(&ctx.body)
        .map_err(|_| GraphError::bad_request("Invalid request body: a JSON object is expected."))
}

/// A required string property of a request body.
fn required<'a>(body: &'a Value, name: &str) -> Result<&'a str, GraphError> {
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
    let mut store = ctx.st.store.write().unwrap();
    let parent = existing(ctx, &store, drive_id, sel, true)?;
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
                unpersist(ctx, drive, &existing);
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
    persist(ctx, drive, &item);
    let drive = drive.clone();
    Ok(created(ctx, &store, &drive, &item, StatusCode::CREATED))
}

/// Stores `data` as `name` under `parent` (or replaces `target`) and returns the item.
/// New content for a file: where it goes, what it replaces, and the bytes.
#[derive(Debug, Clone)]
pub struct NewContent {
    drive_id: String,
    parent_id: String,
    name: String,
    replace: Option<String>,
    conflict: Conflict,
    data: Vec<u8>,
    user: String,
}

fn commit(st: &Shared, content: NewContent) -> Result<(Item, bool), GraphError> {
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
    let mut store = st.store.write().unwrap();
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
            match conflict {
                Conflict::Fail => {
                    return Err(GraphError::new(
                        409,
                        "nameAlreadyExists",
                        "The specified item name already exists.",
                    ))
                }
                Conflict::Rename => final_name = free_name(drive, &parent, name),
                Conflict::Replace if t.is_folder() => {
                    return Err(GraphError::new(
                        409,
                        "nameAlreadyExists",
                        "A folder with the same name already exists.",
                    ))
                }
                Conflict::Replace => {}
            }
        }
        if final_name == name {
            if !drive.items.contains_key(&t.id) {
                return Err(GraphError::access_denied());
            }
            let it = drive.items.get_mut(&t.id).unwrap();
            it.kind = ItemKind::file(&it.name, data, Media::None);
            it.modified_by = user.to_string();
            drive.touch(&t.id, now, true);
            return Ok((drive.get(&t.id).unwrap(), false));
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
    let (parent_id, name, replace) = {
        let store = ctx.st.store.read().unwrap();
        let drive = store
            .drives
            .get(drive_id)
            .ok_or_else(GraphError::not_found)?;
        match resolve(drive, sel)? {
            Target::Item(i) if i.is_folder() => {
                return Err(GraphError::new(
                    409,
                    "nameAlreadyExists",
                    "A folder with the same name already exists.",
                ))
            }
            Target::Item(i) => {
                check_access(ctx, &store, drive, &i, true)?;
                // By id: always a replacement. By path: the conflict behaviour decides.
                let replace = (matches!(sel, ItemSel::Id(_)) || conflict == Conflict::Replace)
                    .then(|| i.id.clone());
                (
                    i.parent.clone().unwrap_or_default(),
                    i.name.clone(),
                    replace,
                )
            }
            Target::Missing { parent, name } => {
                check_access(ctx, &store, drive, &parent, true)?;
                validate_name(&name, false)?;
                (parent.id.clone(), name, None)
            }
        }
    };
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
    let store = ctx.st.store.read().unwrap();
    let drive = store.drives.get(drive_id).unwrap();
    persist(ctx, drive, &item);
    Ok(created(ctx, &store, drive, &item, StatusCode::CREATED))
}

/// `DELETE …`
pub fn delete(ctx: &Ctx, drive_id: &str, sel: &ItemSel) -> GraphResult {
    let mut store = ctx.st.store.write().unwrap();
    let item = existing(ctx, &store, drive_id, sel, true)?;
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
    unpersist(ctx, drive, &item);
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// `POST …/createLink`
pub fn create_link(ctx: &Ctx, drive_id: &str, sel: &ItemSel) -> GraphResult {
    let body = json_body(ctx)?;
    let kind = required(&body, "type")?.to_string();
    let scope = body["scope"].as_str().unwrap_or("organization").to_string();
    let mut store = ctx.st.store.write().unwrap();
    let item = existing(ctx, &store, drive_id, sel, true)?;
    let drive = store.drives.get_mut(drive_id).unwrap();
    let personal = drive.drive_type == DriveType::Personal;
    match (kind.as_str(), personal) {
        ("view" | "edit", _) | ("embed", true) => {}
        ("embed", false) => {
            return Err(GraphError::bad_request(
                "The sharing link type 'embed' is only supported on OneDrive personal.",
            ))
        }
        (other, _) => {
            return Err(GraphError::bad_request(format!(
                "Invalid sharing link type '{other}'."
            )))
        }
    }
    if !matches!(scope.as_str(), "anonymous" | "organization" | "users")
        || (personal && scope == "organization")
    {
        return Err(GraphError::bad_request(format!(
            "Invalid sharing link scope '{scope}'."
        )));
    }
    if body.get("password").is_some() && !personal {
        return Err(GraphError::bad_request(
            "Passwords on sharing links are only supported on OneDrive personal.",
        ));
    }
    let key = (item.id.clone(), kind.clone(), scope.clone());
    let (id, status) = match drive.links.get(&key) {
        Some(id) => (id.clone(), StatusCode::OK),
        None => {
            let id = random_token(12);
            drive.links.insert(key, id.clone());
            (id, StatusCode::CREATED)
        }
    };
    let token = ctx.st.keys.seal(&format!("s|{}|{}", drive.id, item.id));
    let app = ctx
        .st
        .apps
        .iter()
        .find(|a| a.client_id == ctx.grant.client_id);
    let mut link = json!({
        "type": kind,
        "scope": scope,
        "webUrl": format!("{}/_share/{token}", ctx.st.base),
        "application": {"id": ctx.grant.client_id, "displayName": app.map(|a| a.display_name.clone())},
        "preventsDownload": false,
    });
    if kind == "embed" {
        link["webHtml"] = json!(format!("<iframe src=\"{}/_share/{token}?embed=1\" width=\"98\" height=\"120\" frameborder=\"0\" scrolling=\"no\"></iframe>", ctx.st.base));
    }
    let v = json!({
        "@odata.context": format!("{}/v1.0/$metadata#permission", ctx.st.base),
        "id": id,
        "roles": [if kind == "edit" { "write" } else { "read" }],
        "shareId": format!("u!{}", crate::util::b64url(&token)),
        "hasPassword": body.get("password").is_some(),
        "expirationDateTime": body.get("expirationDateTime").cloned(),
        "link": link,
    });
    let mut v = v;
    if v["expirationDateTime"].is_null() {
        v.as_object_mut().unwrap().remove("expirationDateTime");
    }
    Ok(json_response(status, &v))
}

/// `POST …/preview`
pub fn preview(ctx: &Ctx, drive_id: &str, sel: &ItemSel) -> GraphResult {
    let store = ctx.st.store.read().unwrap();
    let item = existing(ctx, &store, drive_id, sel, false)?;
    let drive = store.drives.get(drive_id).unwrap();
    if drive.drive_type == DriveType::Personal {
        return Err(GraphError::new(
            501,
            "notSupported",
            "Preview is only available on OneDrive for Business and SharePoint.",
        ));
    }
    if item.is_folder() {
        return Err(GraphError::bad_request("Folders cannot be previewed."));
    }
    let body = json_body(ctx)?;
    let exp = (ctx.st.clock.now() + Duration::minutes(15)).timestamp();
    let token = ctx
        .st
        .keys
        .seal(&format!("p|{}|{}|{exp}", drive.id, item.id));
    let mut url = format!("{}/_preview/{token}", ctx.st.base);
    if let Some(page) = body.get("page").filter(|p| !p.is_null()) {
        url.push_str(&format!(
            "?page={}",
            page.as_str()
                .map(String::from)
                .unwrap_or_else(|| page.to_string())
        ));
    }
    Ok(json_response(
        StatusCode::OK,
        &json!({
            "@odata.context": format!("{}/v1.0/$metadata#microsoft.graph.itemPreviewInfo", ctx.st.base),
            "getUrl": url, "postParameters": null, "postUrl": null,
        }),
    ))
}

// ---------------------------------------------------------------------------------------------
// Upload sessions

/// A resumable upload in progress.
#[derive(Debug, Clone)]
pub struct UploadSession {
    /// What is being uploaded, and where (`content.data` grows with each fragment).
    content: NewContent,
    total: Option<usize>,
    expires: DateTime<Utc>,
    defer_commit: bool,
}

/// `POST …:/{name}:/createUploadSession`
pub fn create_upload_session(ctx: &Ctx, drive_id: &str, sel: &ItemSel) -> GraphResult {
    let body = json_body(ctx)?;
    let conflict = parse_conflict(body["item"]["@microsoft.graph.conflictBehavior"].as_str())?
        .unwrap_or(Conflict::Fail);
    let store = ctx.st.store.read().unwrap();
    let drive = store
        .drives
        .get(drive_id)
        .ok_or_else(GraphError::not_found)?;
    let (parent_id, name, replace) = match resolve(drive, sel)? {
        Target::Item(i) if i.is_folder() => {
            return Err(GraphError::bad_request(
                "Cannot upload content to a folder.",
            ))
        }
        Target::Item(i) => {
            check_access(ctx, &store, drive, &i, true)?;
            if let Some(m) = ctx
                .headers
                .get(header::IF_MATCH)
                .and_then(|v| v.to_str().ok())
            {
                if !render::etag_matches(drive, &i, m) {
                    return Err(GraphError::new(
                        412,
                        "preconditionFailed",
                        "ETag does not match current item's value",
                    )
                    .inner("entityTagDoesNotMatch"));
                }
            }
            let by_path = matches!(sel, ItemSel::Path(..));
            (
                i.parent.clone().unwrap_or_default(),
                i.name.clone(),
                (!by_path).then(|| i.id.clone()),
            )
        }
        Target::Missing { parent, name } => {
            check_access(ctx, &store, drive, &parent, true)?;
            validate_name(&name, false)?;
            (parent.id.clone(), name, None)
        }
    };
    if let Some(size) = body["item"]["fileSize"].as_u64() {
        let root = drive.get(&drive.root).unwrap();
        if size > drive.quota_total - drive.size_of(&root) {
            return Err(GraphError::new(
                507,
                "quotaLimitReached",
                "Insufficient Space Available",
            ));
        }
    }
    let now = ctx.st.clock.now();
    let expires = now + Duration::days(7);
    let id = random_token(32);
    let session = UploadSession {
        content: NewContent {
            drive_id: drive_id.to_string(),
            parent_id,
            name: body["item"]["name"]
                .as_str()
                .map(String::from)
                .unwrap_or(name),
            replace,
            conflict,
            data: Vec::new(),
            user: ctx.user.id.clone(),
        },
        total: None,
        expires,
        defer_commit: body["deferCommit"].as_bool().unwrap_or(false),
    };
    drop(store);
    let mut uploads = ctx.st.uploads.lock().unwrap();
    uploads.retain(|_, s| s.expires > now);
    uploads.insert(id.clone(), session);
    let url = format!(
        "{}/_upload/{id}?guid='{}'&overwrite={}&rename={}&tempauth={}",
        ctx.st.base,
        uuid::Uuid::new_v4(),
        conflict == Conflict::Replace,
        conflict == Conflict::Rename,
        random_token(24)
    );
    Ok(json_response(
        StatusCode::OK,
        &json!({
            "@odata.context": format!("{}/v1.0/$metadata#microsoft.graph.uploadSession", ctx.st.base),
            "uploadUrl": url,
            "expirationDateTime": crate::util::iso(expires),
            "nextExpectedRanges": ["0-"],
        }),
    ))
}

fn upload_error(st: &Shared, e: GraphError) -> Response {
    let ids = (
        uuid::Uuid::new_v4().to_string(),
        uuid::Uuid::new_v4().to_string(),
    );
    let mut r = super::error_response(e, st, &ids);
    r.headers_mut().insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    r
}

fn upload_json(status: StatusCode, v: &Value) -> Response {
    let mut r = json_response(status, v);
    r.headers_mut().insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    r
}

fn session_status(s: &UploadSession) -> Value {
    json!({"expirationDateTime": crate::util::iso(s.expires), "nextExpectedRanges": [format!("{}-{}", s.content.data.len(), s.total.map(|t| (t - 1).to_string()).unwrap_or_default())]})
}

/// `PUT|GET|DELETE|POST /_upload/{id}`: the upload URL (no Authorization needed).
pub async fn fragment(
    State(st): State<Shared>,
    UrlPath(id): UrlPath<String>,
    method: Method,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if method == Method::OPTIONS {
        return super::preflight(
            &headers,
            "Content-Range, Content-Type, Content-Length, If-Match",
        );
    }
    let not_found = || {
        GraphError::new(404, "itemNotFound", "The upload session was not found.")
            .inner("uploadSessionNotFound")
    };
    let now = st.clock.now();
    let mut uploads = st.uploads.lock().unwrap();
    let Some(session) = uploads.get_mut(&id).filter(|s| s.expires > now) else {
        return upload_error(&st, not_found());
    };
    match method {
        Method::GET => upload_json(StatusCode::OK, &session_status(session)),
        Method::DELETE => {
            uploads.remove(&id);
            let mut r = StatusCode::NO_CONTENT.into_response();
            r.headers_mut().insert(
                header::ACCESS_CONTROL_ALLOW_ORIGIN,
                HeaderValue::from_static("*"),
            );
            r
        }
        Method::POST
            if session.defer_commit && session.total == Some(session.content.data.len()) =>
        {
            let s = uploads.remove(&id).unwrap();
            drop(uploads);
            finish_session(&st, s)
        }
        Method::PUT => {
            let range = headers
                .get(header::CONTENT_RANGE)
                .and_then(|v| v.to_str().ok())
                .and_then(parse_content_range);
            let Some((start, end, total)) = range else {
                return upload_error(
                    &st,
                    GraphError::bad_request("The Content-Range header is missing or malformed.")
                        .inner("invalidRange"),
                );
            };
            if end < start || end >= total || body.len() != end - start + 1 {
                return upload_error(&st, GraphError::bad_request("The Content-Range header length does not match the provided number of bytes.").inner("fragmentLengthMismatch"));
            }
            if body.len() >= FRAGMENT_LIMIT {
                return upload_error(
                    &st,
                    GraphError::new(413, "invalidRequest", "The fragment is larger than 60 MiB.")
                        .inner("maxFragmentLengthExceeded"),
                );
            }
            if session.total.is_some_and(|t| t != total) {
                return upload_error(
                    &st,
                    GraphError::bad_request("The total size differs from earlier fragments.")
                        .inner("invalidRange"),
                );
            }
            let received = session.content.data.len();
            if start < received {
                return upload_error(
                    &st,
                    GraphError::new(
                        416,
                        "invalidRange",
                        "Uploaded fragment overlaps with existing data.",
                    )
                    .inner("fragmentOverlap"),
                );
            }
            if start > received {
                return upload_error(
                    &st,
                    GraphError::new(
                        416,
                        "invalidRange",
                        "Fragment starts beyond the next expected range.",
                    )
                    .inner("fragmentOutOfOrder"),
                );
            }
            let last = end + 1 == total;
            if !last && !body.len().is_multiple_of(FRAGMENT_UNIT) {
                return upload_error(
                    &st,
                    GraphError::bad_request(
                        "Fragments other than the last must be a multiple of 320 KiB.",
                    )
                    .inner("invalidRange"),
                );
            }
            session.total = Some(total);
            session.content.data.extend_from_slice(&body);
            if !last || session.defer_commit {
                return upload_json(StatusCode::ACCEPTED, &session_status(session));
            }
            let s = uploads.remove(&id).unwrap();
            drop(uploads);
            finish_session(&st, s)
        }
        _ => upload_error(
            &st,
            GraphError::new(
                405,
                "invalidRequest",
                "Method not allowed on the upload URL.",
            ),
        ),
    }
}

fn finish_session(st: &Shared, s: UploadSession) -> Response {
    let drive_id = s.content.drive_id.clone();
    match commit(st, s.content) {
        Ok((item, new)) => {
            let store = st.store.read().unwrap();
            let drive = store.drives.get(&drive_id).unwrap();
            persist_to(st, drive, &item);
            let v = render::item(st, &store, drive, &item);
            upload_json(
                if new {
                    StatusCode::CREATED
                } else {
                    StatusCode::OK
                },
                &v,
            )
        }
        Err(e) => upload_error(st, e),
    }
}

fn parse_content_range(v: &str) -> Option<(usize, usize, usize)> {
    let rest = v.trim().strip_prefix("bytes ")?;
    let (range, total) = rest.split_once('/')?;
    let (a, b) = range.split_once('-')?;
    Some((
        a.trim().parse().ok()?,
        b.trim().parse().ok()?,
        total.trim().parse().ok()?,
    ))
}

// ---------------------------------------------------------------------------------------------
// Persistence

fn disk_path(root: &Path, drive: &Drive, item: &Item) -> PathBuf {
    let mut p = root.join(drive.id.replace('!', "_"));
    for n in drive.path_names(item) {
        p.push(n);
    }
    p
}

fn persist(ctx: &Ctx, drive: &Drive, item: &Item) {
    persist_to(&ctx.st, drive, item);
}

fn persist_to(st: &Shared, drive: &Drive, item: &Item) {
    let Some(root) = &st.settings.persist_dir else {
        return;
    };
    let path = disk_path(root, drive, item);
    let result = match &item.kind {
        ItemKind::Folder { .. } => std::fs::create_dir_all(&path),
        ItemKind::File { data, .. } => path
            .parent()
            .map(std::fs::create_dir_all)
            .unwrap_or(Ok(()))
            .and_then(|_| std::fs::write(&path, data.as_slice())),
    };
    if let Err(e) = result {
        eprintln!("emulator: could not persist {}: {e}", path.display());
    }
}

fn unpersist(ctx: &Ctx, drive: &Drive, item: &Item) {
    let Some(root) = &ctx.st.settings.persist_dir else {
        return;
    };
    let path = disk_path(root, drive, item);
    let _ = if path.is_dir() {
        std::fs::remove_dir_all(&path)
    } else {
        std::fs::remove_file(&path)
    };
}

/// Loads persisted files and folders into the store (called at start-up).
pub fn load_persisted(st: &Shared) {
    let Some(root) = st.settings.persist_dir.clone() else {
        return;
    };
    let now = st.clock.now();
    let mut store = st.store.write().unwrap();
    let ids: HashMap<String, String> = store
        .drives
        .keys()
        .map(|k| (k.replace('!', "_"), k.clone()))
        .collect();
    let Ok(entries) = std::fs::read_dir(&root) else {
        return;
    };
    for entry in entries.flatten() {
        let Some(drive_id) = ids
            .get(&entry.file_name().to_string_lossy().to_string())
            .cloned()
        else {
            continue;
        };
        let drive = store.drives.get_mut(&drive_id).unwrap();
        let owner = match &drive.owner {
            crate::store::Owner::User(u) => u.clone(),
            crate::store::Owner::Group(_) => crate::seed::MEGAN.to_string(),
        };
        let root_id = drive.root.clone();
        load_dir(drive, &entry.path(), &root_id, &owner, now);
    }
}

fn load_dir(drive: &mut Drive, dir: &Path, parent: &str, user: &str, now: DateTime<Utc>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().to_string();
        let parent_item = drive.get(parent).unwrap();
        let path = e.path();
        let existing = drive.child_named(&parent_item, &name);
        if path.is_dir() {
            let id = match existing {
                Some(i) => i.id,
                None => drive.add_child(parent, &name, user, (now, now), ItemKind::empty_folder()),
            };
            load_dir(drive, &path, &id, user, now);
        } else if let Ok(data) = std::fs::read(&path) {
            match existing {
                Some(i) if drive.items.contains_key(&i.id) => {
                    let it = drive.items.get_mut(&i.id).unwrap();
                    it.kind = ItemKind::file(&name, data, Media::None);
                }
                Some(_) => {}
                None => {
                    drive.add_child(
                        parent,
                        &name,
                        user,
                        (now, now),
                        ItemKind::file(&name, data, Media::None),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_range_parsing() {
        assert_eq!(parse_content_range("bytes 0-25/128"), Some((0, 25, 128)));
        assert_eq!(parse_content_range("bytes */128"), None);
    }

    #[test]
    fn names_follow_onedrive_rules() {
        assert!(validate_name("Report.docx", false).is_ok());
        assert!(validate_name("🎉 party.pptx", false).is_ok());
        for bad in ["a/b", "a:b", "a|b", "~lock", "", "folder.", "x?"] {
            assert!(validate_name(bad, true).is_err(), "{bad}");
        }
    }
}
