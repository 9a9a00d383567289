//! Upload sessions: `createUploadSession` here, the upload URL it hands out in [`fragment`]
//! (served by the file host), the session's data in [`session`]. Bounded so that no page can
//! make the emulator hold unbounded data: at most [`MAX_SESSIONS`] open sessions and
//! [`BUFFER_LIMIT`] bytes held across them, a declared size checked against the quota first.

pub mod fragment;
pub mod session;

use axum::http::{header, StatusCode};
use chrono::Duration;
use serde_json::{json, Value};

use super::content::{parse_conflict, Conflict, NewContent};
use super::ctx::Ctx;
use super::error::{json_response, GraphError, GraphResult};
use super::render;
use super::resolve::{check_access, find_drive, resolve, ItemSel, Target};
use super::write::{json_body, validate_name};
use crate::store::{Drive, Item, Store};
use crate::util::random_token;
use session::UploadSession;

/// Open upload sessions at most (expired ones are pruned first); more answer 429.
pub const MAX_SESSIONS: usize = 256;
/// Bytes held in memory across all open sessions at most; a session that would pass it answers
/// 507 before any byte is taken.
pub const BUFFER_LIMIT: usize = 1 << 30;
/// How long a session lives.
const SESSION_LIFETIME_HOURS: i64 = 48;

/// 507 `quotaLimitReached`, as Graph answers a file larger than the free space.
fn insufficient_space(detail: &str) -> GraphError {
    GraphError::new(
        507,
        "quotaLimitReached",
        format!("Insufficient Space Available. {detail}"),
    )
}

/// The drive's free space.
fn free_space(drive: &Drive) -> u64 {
    drive
        .get(&drive.root)
        .map(|root| drive.quota_total.saturating_sub(drive.size_of(&root)))
        .unwrap_or(0)
}

/// Where an upload goes: the parent folder, the name, and the item it replaces (by id).
struct Destination {
    parent_id: String,
    name: String,
    replace: Option<String>,
}

/// `POST …:/{name}:/createUploadSession`
pub fn create_upload_session(ctx: &Ctx, drive_id: &str, sel: &ItemSel) -> GraphResult {
    let body = json_body(ctx)?;
    let conflict = parse_conflict(body["item"]["@microsoft.graph.conflictBehavior"].as_str())?
        .unwrap_or(Conflict::Fail);
    let store = ctx.st.store.read();
    let drive = find_drive(&store, drive_id)?;
    let dest = destination(ctx, &store, drive, sel)?;
    check_declared_size(drive, &body)?;
    let name = name_in_body(&body)?.unwrap_or(dest.name);
    let now = ctx.st.clock.now();
    let session = UploadSession {
        content: NewContent {
            drive_id: drive_id.to_string(),
            parent_id: dest.parent_id,
            name,
            replace: dest.replace,
            conflict,
            data: Vec::new(),
            user: ctx.user.id.clone(),
        },
        total: None,
        expires: now + Duration::hours(SESSION_LIFETIME_HOURS),
        defer_commit: body["deferCommit"].as_bool().unwrap_or(false),
    };
    drop(store);
    let expires = session.expires;
    let id = open(ctx, session)?;
    // On the file host, as the real upload URLs are on SharePoint and OneDrive hosts, not Graph.
    let url = format!(
        "{}/_upload/{id}?guid='{}'&overwrite={}&rename={}&tempauth={}",
        ctx.st.files_base,
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

/// The destination `sel` names: an existing file (checked against `If-Match`), or a new name
/// in a folder. Either needs write access.
fn destination(
    ctx: &Ctx,
    store: &Store,
    drive: &Drive,
    sel: &ItemSel,
) -> Result<Destination, GraphError> {
    match resolve(drive, sel)? {
        Target::Item(i) if i.is_folder() => Err(GraphError::bad_request(
            "Cannot upload content to a folder.",
        )),
        Target::Item(i) => {
            check_access(ctx, store, drive, &i, true)?;
            check_if_match(ctx, drive, &i)?;
            let by_path = matches!(sel, ItemSel::Path(..));
            Ok(Destination {
                parent_id: i.parent.clone().unwrap_or_default(),
                name: i.name.clone(),
                replace: (!by_path).then(|| i.id.clone()),
            })
        }
        Target::Missing { parent, name } => {
            check_access(ctx, store, drive, &parent, true)?;
            validate_name(&name, false)?;
            Ok(Destination {
                parent_id: parent.id.clone(),
                name,
                replace: None,
            })
        }
    }
}

fn check_if_match(ctx: &Ctx, drive: &Drive, item: &Item) -> Result<(), GraphError> {
    let if_match = ctx
        .headers
        .get(header::IF_MATCH)
        .and_then(|v| v.to_str().ok());
    match if_match {
        Some(m) if !render::etag_matches(drive, item, m) => Err(GraphError::new(
            412,
            "preconditionFailed",
            "ETag does not match current item's value",
        )
        .inner("entityTagDoesNotMatch")),
        _ => Ok(()),
    }
}

/// A declared `item.fileSize` must fit the drive's free space and the emulator's buffer.
fn check_declared_size(drive: &Drive, body: &Value) -> Result<(), GraphError> {
    let Some(size) = body["item"]["fileSize"].as_u64() else {
        return Ok(());
    };
    if size > free_space(drive) {
        return Err(insufficient_space(
            "The file is larger than the free space.",
        ));
    }
    if size > BUFFER_LIMIT as u64 {
        return Err(insufficient_space(
            "The emulator holds uploads in memory: 1 GiB at most.",
        ));
    }
    Ok(())
}

/// A name in the body renames the upload; it obeys the same rules as one in the path.
fn name_in_body(body: &Value) -> Result<Option<String>, GraphError> {
    match body["item"].get("name") {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(n)) => {
            validate_name(n, false)?;
            Ok(Some(n.clone()))
        }
        Some(_) => Err(GraphError::bad_request(
            "The 'name' property must be a string.",
        )),
    }
}

/// Keeps `session` among the open ones (expired ones pruned first) and returns its id.
fn open(ctx: &Ctx, session: UploadSession) -> Result<String, GraphError> {
    let now = ctx.st.clock.now();
    let mut uploads = ctx.st.uploads.lock();
    uploads.retain(|_, s| s.expires > now);
    if uploads.len() >= MAX_SESSIONS {
        return Err(GraphError::new(
            429,
            "activityLimitReached",
            "Too many upload sessions are open; finish or cancel some first.",
        )
        .header(header::RETRY_AFTER, "60".to_string()));
    }
    let id = random_token(32);
    uploads.insert(id.clone(), session);
    Ok(id)
}
