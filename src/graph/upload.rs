//! Uploading one file: a single PUT for a small file; for a large one an upload session in
//! fragments (multiples of 320 KiB), resumed from `nextExpectedRanges` after a dropped
//! connection, an outage or throttling (`Retry-After` respected), and cancelled by deleting the
//! session. The file is read one fragment at a time, never whole.

use std::future::Future;

use serde::Deserialize;

use super::client::{parse, Graph};
use super::retry::backoff_ms;
use super::request::FolderRef;
use super::write::{child_url, content_url, session_body, session_url, Conflict};
use super::{DriveItem, GraphError};
use crate::auth::TokenSource;
use crate::http::{Body, HttpRequest, Transport};
use crate::safe_url::parse_secure;

/// Files up to this size go in one PUT (the limit every OneDrive and SharePoint answers to).
pub const SIMPLE_LIMIT: u64 = 4 * 1024 * 1024;
/// Fragments other than the last are multiples of this (320 KiB).
pub const FRAGMENT_UNIT: u64 = 320 * 1024;
/// The fragment size: 5 MiB (Microsoft advises 5 to 10 MiB).
pub const FRAGMENT: u64 = 16 * FRAGMENT_UNIT;
/// Failures in a row (without progress) after which a resumable upload gives up.
pub const MAX_FAILURES: u32 = 6;

/// The bytes of a file being uploaded, read a range at a time (a `File` in the browser).
pub trait Content {
    /// Its length in bytes.
    fn size(&self) -> u64;
    /// Bytes `start..end`; `Err` when the file can no longer be read.
    fn read(&self, start: u64, end: u64) -> impl Future<Output = Result<Vec<u8>, String>>;
}

/// An upload session's URL: pre-authenticated and on another host than Graph, so no token is
/// ever sent to it. Only `https` (or `http` on loopback) is accepted.
#[derive(Clone, PartialEq, Eq)]
pub struct UploadUrl(String);

impl UploadUrl {
    /// Checks a URL from `createUploadSession`'s answer.
    pub fn parse(url: &str) -> Result<UploadUrl, GraphError> {
        let parsed = parse_secure(url).map_err(|_| GraphError::UntrustedLink)?;
        Ok(UploadUrl(parsed.into()))
    }

}

impl std::fmt::Debug for UploadUrl {
    // It carries a bearer capability (SharePoint's `tempauth`): never shown.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("UploadUrl(…)")
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SessionAnswer {
    #[serde(default)]
    upload_url: Option<String>,
    #[serde(default)]
    next_expected_ranges: Vec<String>,
}

/// Where the service wants the next byte: the start of the first of `nextExpectedRanges`
/// (`["26-"]`, `["0-999", "2000-"]`); `None` when it expects nothing more.
pub fn next_offset(ranges: &[String]) -> Option<u64> {
    ranges.first()?.split('-').next()?.trim().parse().ok()
}

/// The request for bytes `start..start + bytes.len()` of `total` (no token: see [`UploadUrl`]).
pub fn fragment_request(url: &UploadUrl, start: u64, bytes: Vec<u8>, total: u64) -> HttpRequest {
    let end = start + bytes.len() as u64 - 1;
    HttpRequest {
        method: "PUT",
        url: url.0.clone(),
        headers: vec![(
            "content-range".into(),
            format!("bytes {start}-{end}/{total}"),
        )],
        body: Some(Body::Bytes(bytes)),
    }
}

fn plain(method: &'static str, url: &UploadUrl) -> HttpRequest {
    HttpRequest {
        method,
        url: url.0.clone(),
        headers: vec![],
        body: None,
    }
}

/// What one fragment's answer says.
enum Sent {
    /// Send from here next.
    More(u64),
    /// The file is complete.
    Done(Box<DriveItem>),
}

async fn put_fragment<X: Transport>(
    transport: &X,
    url: &UploadUrl,
    start: u64,
    bytes: Vec<u8>,
    total: u64,
) -> Result<Sent, GraphError> {
    let end = start + bytes.len() as u64;
    let r = transport
        .send(fragment_request(url, start, bytes, total))
        .await
        .map_err(GraphError::from_send)?;
    match r.status {
        200 | 201 => Ok(Sent::Done(Box::new(parse(&r.body)?))),
        202 => {
            let answer: SessionAnswer = parse(&r.body)?;
            Ok(Sent::More(
                next_offset(&answer.next_expected_ranges).unwrap_or(end),
            ))
        }
        _ => Err(GraphError::from_response(&r)),
    }
}

/// Asks the session where it stands (after a failure whose answer was lost).
async fn session_offset<X: Transport>(transport: &X, url: &UploadUrl) -> Result<u64, GraphError> {
    let r = transport
        .send(plain("GET", url))
        .await
        .map_err(GraphError::from_send)?;
    if !(200..300).contains(&r.status) {
        return Err(GraphError::from_response(&r));
    }
    let answer: SessionAnswer = parse(&r.body)?;
    next_offset(&answer.next_expected_ranges)
        .ok_or_else(|| GraphError::InvalidResponse("upload session: no nextExpectedRanges".into()))
}

/// Sends the fragment at `offset`, or (after a failure) asks the session where it stands.
async fn next_step<X: Transport, C: Content>(
    transport: &X,
    url: &UploadUrl,
    content: &C,
    offset: u64,
    resync: bool,
) -> Result<Sent, GraphError> {
    if resync {
        return session_offset(transport, url).await.map(Sent::More);
    }
    let total = content.size();
    let end = (offset + FRAGMENT).min(total);
    let bytes = content
        .read(offset, end)
        .await
        .map_err(GraphError::Unreadable)?;
    put_fragment(transport, url, offset, bytes, total).await
}

/// Sends `content` to an open session from byte `offset`, calling `progress` with the bytes
/// the service confirmed. A failure that may pass (network, 5xx, 429, 416) is followed by a
/// pause (`Retry-After` when given) and a status request, and the upload goes on from where the
/// service says; after [`MAX_FAILURES`] in a row it gives up. A fragment accepted without
/// moving the range forward counts as a failure too (a server cannot keep it sending forever).
/// A 404 means the session is gone.
pub async fn send_fragments<X: Transport, C: Content>(
    transport: &X,
    url: &UploadUrl,
    content: &C,
    mut offset: u64,
    progress: &dyn Fn(u64),
) -> Result<DriveItem, GraphError> {
    let total = content.size();
    let mut failures = 0;
    let mut resync = false;
    // The furthest the service has confirmed: only going past it is progress.
    let mut furthest = offset;
    loop {
        let step = next_step(transport, url, content, offset, resync);
        let error = match step.await {
            Ok(Sent::Done(item)) => {
                progress(total);
                return Ok(*item);
            }
            Ok(Sent::More(next)) => {
                let was_resync = std::mem::replace(&mut resync, false);
                offset = next.min(total);
                progress(offset);
                if offset > furthest {
                    furthest = offset;
                    failures = 0;
                    continue;
                }
                if was_resync {
                    continue; // The failure before it was counted.
                }
                // Accepted, and nothing moved: counted as a failure, then sent again.
                failures += 1;
                let stalled = GraphError::InvalidResponse(
                    "upload session: fragments were accepted without progress".into(),
                );
                if failures >= MAX_FAILURES {
                    return Err(stalled);
                }
                transport.sleep(backoff_ms(failures, &stalled, transport.spread())).await;
                continue;
            }
            Err(e) => e,
        };
        let passing = error.is_transient() || error.status() == Some(416);
        failures += 1;
        if !passing || failures >= MAX_FAILURES {
            return Err(error);
        }
        transport.sleep(backoff_ms(failures, &error, transport.spread())).await;
        resync = true;
    }
}

/// Deletes an upload session (a cancelled upload leaves nothing behind). A session already gone
/// is fine.
pub async fn delete_session<X: Transport>(
    transport: &X,
    url: &UploadUrl,
) -> Result<(), GraphError> {
    let r = transport
        .send(plain("DELETE", url))
        .await
        .map_err(GraphError::from_send)?;
    match r.status {
        200..=299 | 404 => Ok(()),
        _ => Err(GraphError::from_response(&r)),
    }
}

/// Where a file goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Destination {
    /// The folder.
    pub folder: FolderRef,
    /// The file's name.
    pub name: String,
    /// What to do when the name is taken.
    pub conflict: Conflict,
}

/// Uploads `content` to `to`: one PUT when small, an upload session otherwise. `session` hears
/// the session's URL as soon as it exists (to cancel it), and `None` when it is over.
pub async fn upload<S: TokenSource, X: Transport, C: Content>(
    graph: &Graph<S, X>,
    to: &Destination,
    content: &C,
    session: &dyn Fn(Option<UploadUrl>),
    progress: &dyn Fn(u64),
) -> Result<DriveItem, GraphError> {
    let base = graph.base();
    let total = content.size();
    if total <= SIMPLE_LIMIT {
        let bytes = content
            .read(0, total)
            .await
            .map_err(GraphError::Unreadable)?;
        let url = content_url(base, &to.folder, &to.name, to.conflict);
        let body = ("application/octet-stream", Body::Bytes(bytes));
        let r = graph.send("PUT", &url, Some(body)).await?;
        progress(total);
        return parse(&r.body);
    }
    let url = session_url(base, &to.folder, &to.name);
    let answer: SessionAnswer = graph
        .post_json(&url, &session_body(&to.name, to.conflict))
        .await?;
    let upload_url = UploadUrl::parse(answer.upload_url.as_deref().unwrap_or_default())?;
    session(Some(upload_url.clone()));
    let result = send_fragments(graph.transport(), &upload_url, content, 0, progress).await;
    session(None);
    match result {
        // The session ended before its answer came: the last fragment may have completed it.
        // With `fail`, a file of that name and size can only be this one.
        Err(e) if e.status() == Some(404) && to.conflict == Conflict::Fail => {
            let found = graph
                .send("GET", &child_url(base, &to.folder, &to.name), None)
                .await
                .ok()
                .and_then(|r| parse::<DriveItem>(&r.body).ok());
            match found {
                Some(item) if item.size() == Some(total) => Ok(item),
                _ => Err(e),
            }
        }
        other => other,
    }
}

#[cfg(test)]
mod tests;
