//! The upload URL (`/_upload/{id}` on the file host): `PUT` a fragment, `GET` the session's
//! status, `DELETE` to cancel, `POST` to commit a deferred upload. It needs no Authorization —
//! the URL is the credential. Scripted and random faults apply here too (rules match the path
//! `/_upload/{id}`): throttling, outages and server errors refuse the request; a drop takes the
//! fragment and loses the answer.

use axum::body::{Body, Bytes};
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Response};

use super::session::UploadSession;
use super::{free_space, insufficient_space, BUFFER_LIMIT};
use crate::graph::content::{FRAGMENT_LIMIT, FRAGMENT_UNIT};
use crate::graph::error::{json_response, GraphError, RequestIds};
use crate::graph::{bodies, faulted, persist, render, write};
use crate::state::Shared;

/// `PUT|GET|DELETE|POST /_upload/{id}`
pub async fn fragment(
    State(st): State<Shared>,
    Path(id): Path<String>,
    method: Method,
    headers: HeaderMap,
    body: Body,
) -> Response {
    // The URL is the credential: nothing is read for a session that does not exist.
    let open = {
        let now = st.clock.now();
        st.uploads.lock().get(&id).is_some_and(|s| s.expires > now)
    };
    if !open {
        return respond(&st, Err(not_found()));
    }
    let body = match bodies::read_fragment(&st, &headers, body).await {
        Ok(body) => body,
        Err(e) => return respond(&st, Err(e)),
    };
    let plan = faulted::plan(&st, &method, &format!("/_upload/{id}"), &headers).await;
    match faulted::upload_fault(&plan) {
        Err(e) => respond(&st, Err(e)),
        Ok(drop) => {
            let response = respond(&st, answer(&st, &id, &method, &headers, body));
            match drop {
                true => faulted::dropped(),
                false => response,
            }
        }
    }
}

/// The answer, with an error in Graph's envelope.
fn respond(st: &Shared, r: Result<Response, GraphError>) -> Response {
    r.unwrap_or_else(|e| e.render(st.clock.now(), &RequestIds::new(&HeaderMap::new())))
}

fn not_found() -> GraphError {
    GraphError::new(404, "itemNotFound", "The upload session was not found.")
        .inner("uploadSessionNotFound")
}

fn answer(
    st: &Shared,
    id: &str,
    method: &Method,
    headers: &HeaderMap,
    body: Bytes,
) -> Result<Response, GraphError> {
    let now = st.clock.now();
    let mut uploads = st.uploads.lock();
    let held: usize = uploads.values().map(|s| s.content.data.len()).sum();
    let session = uploads
        .get_mut(id)
        .filter(|s| s.expires > now)
        .ok_or_else(not_found)?;
    let complete = session.total == Some(session.content.data.len());
    match *method {
        Method::GET => Ok(json_response(StatusCode::OK, &session.status())),
        Method::DELETE => {
            uploads.remove(id);
            Ok(StatusCode::NO_CONTENT.into_response())
        }
        Method::POST if session.defer_commit && complete => {
            let s = uploads.remove(id).ok_or_else(not_found)?;
            drop(uploads);
            finish(st, s)
        }
        Method::PUT => {
            let range = headers
                .get(header::CONTENT_RANGE)
                .and_then(|v| v.to_str().ok())
                .and_then(parse_content_range)
                .ok_or_else(|| {
                    GraphError::bad_request("The Content-Range header is missing or malformed.")
                        .inner("invalidRange")
                })?;
            check_length(range, body.len())?;
            check_space(st, session, held, range.total, body.len())?;
            check_range(session, range, body.len())?;
            session.total = Some(range.total);
            session.content.data.extend_from_slice(&body);
            if range.end + 1 < range.total || session.defer_commit {
                return Ok(json_response(StatusCode::ACCEPTED, &session.status()));
            }
            let s = uploads.remove(id).ok_or_else(not_found)?;
            drop(uploads);
            finish(st, s)
        }
        _ => Err(GraphError::new(
            405,
            "invalidRequest",
            "Method not allowed on the upload URL.",
        )),
    }
}

/// A `Content-Range: bytes start-end/total`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Range {
    start: usize,
    end: usize,
    total: usize,
}

/// A fragment must stay under 60 MiB, and fit the drive and the buffer.
fn check_space(
    st: &Shared,
    session: &UploadSession,
    held: usize,
    total: usize,
    len: usize,
) -> Result<(), GraphError> {
    if len >= FRAGMENT_LIMIT {
        return Err(
            GraphError::new(413, "invalidRequest", "The fragment is larger than 60 MiB.")
                .inner("maxFragmentLengthExceeded"),
        );
    }
    if session.total.is_none() {
        let store = st.store.read();
        let free = store
            .drives
            .get(&session.content.drive_id)
            .map(free_space)
            .unwrap_or(0);
        if total as u64 > free {
            return Err(insufficient_space(
                "The file is larger than the free space.",
            ));
        }
    }
    if total > BUFFER_LIMIT || held + len > BUFFER_LIMIT {
        return Err(insufficient_space(
            "The emulator holds uploads in memory: 1 GiB at most.",
        ));
    }
    Ok(())
}

/// A fragment's range must say its length truly.
fn check_length(r: Range, len: usize) -> Result<(), GraphError> {
    let mismatch = "The Content-Range header length does not match the provided number of bytes.";
    if r.end < r.start || r.end >= r.total || len != r.end - r.start + 1 {
        return Err(GraphError::bad_request(mismatch).inner("fragmentLengthMismatch"));
    }
    Ok(())
}

/// A fragment must continue the session exactly where it stands, in 320 KiB units but the last.
fn check_range(session: &UploadSession, r: Range, len: usize) -> Result<(), GraphError> {
    if session.total.is_some_and(|t| t != r.total) {
        return Err(
            GraphError::bad_request("The total size differs from earlier fragments.")
                .inner("invalidRange"),
        );
    }
    let received = session.content.data.len();
    let (message, inner) = match r.start {
        s if s < received => (
            "Uploaded fragment overlaps with existing data.",
            "fragmentOverlap",
        ),
        s if s > received => (
            "Fragment starts beyond the next expected range.",
            "fragmentOutOfOrder",
        ),
        _ => ("", ""),
    };
    if !message.is_empty() {
        return Err(GraphError::new(416, "invalidRange", message).inner(inner));
    }
    let last = r.end + 1 == r.total;
    if !last && !len.is_multiple_of(FRAGMENT_UNIT) {
        return Err(GraphError::bad_request(
            "Fragments other than the last must be a multiple of 320 KiB.",
        )
        .inner("invalidRange"));
    }
    Ok(())
}

/// Stores the uploaded file: `201` for a new one, `200` for a replacement.
fn finish(st: &Shared, s: UploadSession) -> Result<Response, GraphError> {
    let drive_id = s.content.drive_id.clone();
    let (item, new) = write::commit(st, s.content)?;
    let store = st.store.read();
    let drive = store
        .drives
        .get(&drive_id)
        .ok_or_else(GraphError::not_found)?;
    persist::persist(st, drive, &item);
    let v = render::item(st, &store, drive, &item);
    let status = if new {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok(json_response(status, &v))
}

fn parse_content_range(v: &str) -> Option<Range> {
    let rest = v.trim().strip_prefix("bytes ")?;
    let (range, total) = rest.split_once('/')?;
    let (a, b) = range.split_once('-')?;
    Some(Range {
        start: a.trim().parse().ok()?,
        end: b.trim().parse().ok()?,
        total: total.trim().parse().ok()?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_range_parsing() {
        let r = parse_content_range("bytes 0-25/128");
        assert_eq!(
            r,
            Some(Range {
                start: 0,
                end: 25,
                total: 128
            })
        );
        assert_eq!(parse_content_range("bytes */128"), None);
    }
}
