//! Upload sessions: `createUploadSession` and the upload URL (`/_upload/{id}`), bounded so that
//! no page can make the emulator hold unbounded data: at most [`MAX_SESSIONS`] open sessions and
//! [`BUFFER_LIMIT`] bytes held across them, a declared size checked against the quota first.

use axum::body::Bytes;
use axum::extract::{Path as UrlPath, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Duration, Utc};
use serde_json::{json, Value};

use super::routes::{check_access, find_drive, resolve, ItemSel, Target};
use super::write::{
    commit, json_body, parse_conflict, validate_name, Conflict, NewContent, FRAGMENT_LIMIT,
    FRAGMENT_UNIT,
};
use super::{json_response, render, Ctx, GraphError, GraphResult};
use crate::store::Drive;
use crate::util::random_token;
use crate::Shared;

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
    let store = ctx.st.store.read();
    let drive = find_drive(&store, drive_id)?;
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
    }
    // A name in the body renames the upload; it obeys the same rules as one in the path.
    let name = match body["item"].get("name") {
        None | Some(Value::Null) => name,
        Some(Value::String(n)) => {
            validate_name(n, false)?;
            n.clone()
        }
        Some(_) => {
            return Err(GraphError::bad_request(
                "The 'name' property must be a string.",
            ))
        }
    };
    let now = ctx.st.clock.now();
    let expires = now + Duration::hours(SESSION_LIFETIME_HOURS);
    let id = random_token(32);
    let session = UploadSession {
        content: NewContent {
            drive_id: drive_id.to_string(),
            parent_id,
            name,
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
    uploads.insert(id.clone(), session);
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

/// `PUT|GET|DELETE|POST /_upload/{id}`: the upload URL (no Authorization needed). Scripted and
/// random faults apply here too (rules match the path `/_upload/{id}`): throttling, outages and
/// server errors refuse the request; a drop takes the fragment and loses the answer.
pub async fn fragment(
    State(st): State<Shared>,
    UrlPath(id): UrlPath<String>,
    method: Method,
    headers: HeaderMap,
    body: axum::body::Body,
) -> Response {
    if method == Method::OPTIONS {
        return answer(st, id, method, headers, Bytes::new());
    }
    // The URL is the credential: nothing is read for a session that does not exist.
    let open = {
        let now = st.clock.now();
        st.uploads.lock().get(&id).is_some_and(|s| s.expires > now)
    };
    if !open {
        return answer(st, id, method, headers, Bytes::new());
    }
    let body = match super::bodies::read_fragment(&st, &headers, body).await {
        Ok(body) => body,
        Err(e) => return upload_error(&st, e),
    };
    let plan = {
        let mut rules = st.fault_rules.lock();
        let header = headers
            .get("x-emulator-fault")
            .and_then(|v| v.to_str().ok());
        let path = format!("/_upload/{id}");
        crate::faults::plan(
            &st.settings.faults,
            &mut rules,
            header,
            method.as_str(),
            &path,
        )
    };
    if plan.latency_ms > 0 {
        tokio::time::sleep(std::time::Duration::from_millis(plan.latency_ms)).await;
    }
    match super::faulted::upload_fault(&plan) {
        Err(e) => upload_error(&st, e),
        Ok(drop) => {
            let response = answer(st, id, method, headers, body);
            match drop {
                true => super::faulted::dropped(),
                false => response,
            }
        }
    }
}

fn answer(st: Shared, id: String, method: Method, headers: HeaderMap, body: Bytes) -> Response {
    if method == Method::OPTIONS {
        return super::preflight(
            &headers,
            "Content-Range, Content-Type, Content-Length, If-Match, Retry-Attempt",
        );
    }
    let not_found = || {
        GraphError::new(404, "itemNotFound", "The upload session was not found.")
            .inner("uploadSessionNotFound")
    };
    let now = st.clock.now();
    let mut uploads = st.uploads.lock();
    let held: usize = uploads.values().map(|s| s.content.data.len()).sum();
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
            let Some(s) = uploads.remove(&id) else {
                return upload_error(&st, not_found());
            };
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
            if session.total.is_none() {
                let free = {
                    let store = st.store.read();
                    store
                        .drives
                        .get(&session.content.drive_id)
                        .map(free_space)
                        .unwrap_or(0)
                };
                if total as u64 > free {
                    return upload_error(
                        &st,
                        insufficient_space("The file is larger than the free space."),
                    );
                }
            }
            if total > BUFFER_LIMIT || held + body.len() > BUFFER_LIMIT {
                return upload_error(
                    &st,
                    insufficient_space("The emulator holds uploads in memory: 1 GiB at most."),
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
            let Some(s) = uploads.remove(&id) else {
                return upload_error(&st, not_found());
            };
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
            let store = st.store.read();
            let Some(drive) = store.drives.get(&drive_id) else {
                return upload_error(st, GraphError::not_found());
            };
            super::persist::persist(st, drive, &item);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_range_parsing() {
        assert_eq!(parse_content_range("bytes 0-25/128"), Some((0, 25, 128)));
        assert_eq!(parse_content_range("bytes */128"), None);
    }
}
