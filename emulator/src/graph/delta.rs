//! `GET …/root/delta` and `GET …/items/{id}/delta`: first every item of the drive (or folder),
//! parents before children, page by page; the last page carries an `@odata.deltaLink`; calling
//! it later gives what changed since, deleted items with the `deleted` facet. `?token=latest`
//! gives no items and a deltaLink for now; a token the drive no longer knows (or from another
//! run) is `410 resyncRequired` with a `Location` to start again. As in Graph, items carry no
//! `parentReference.path`.

use axum::http::header::LOCATION;
use serde_json::{json, Value};

use super::odata::link_with;
use super::routes::{context, existing, ok, render_for_delta, ItemSel};
use super::{Ctx, GraphError, GraphResult};
use crate::changes::Tombstone;
use crate::crypto::Sealed;
use crate::store::{Drive, Item, SortKey};

/// Items per page (Graph pages delta by its own measure; 200 is what it commonly returns).
const PAGE: usize = 200;

/// What a token says: the enumeration from `offset` (taken at `seq`), or the changes after `seq`
/// from `offset`.
struct Token {
    changes: bool,
    scope: String,
    seq: u64,
    offset: usize,
}

fn seal(ctx: &Ctx, drive: &Drive, t: &Token) -> String {
    ctx.st.keys.seal(
        Sealed::Delta,
        &format!(
            "{}|{}|{}|{}|{}",
            if t.changes { "c" } else { "e" },
            drive.id,
            t.scope,
            t.seq,
            t.offset
        ),
    )
}

fn open(ctx: &Ctx, drive: &Drive, scope: &str, raw: &str) -> Option<Token> {
    let text = ctx.st.keys.open(Sealed::Delta, raw)?;
    let p: Vec<&str> = text.split('|').collect();
    let [kind, drive_id, scope_id, seq, offset] = p.as_slice() else {
        return None;
    };
    (*drive_id == drive.id && *scope_id == scope).then_some(())?;
    Some(Token {
        changes: *kind == "c",
        scope: scope.to_string(),
        seq: seq.parse().ok()?,
        offset: offset.parse().ok()?,
    })
}

/// The link for `t`, on this request's path.
fn link(ctx: &Ctx, drive: &Drive, t: &Token) -> String {
    link_with(ctx, "token", &seal(ctx, drive, t))
}

/// The deltaLink: the changes in `scope` after `seq`.
fn delta_link(ctx: &Ctx, drive: &Drive, scope: &str, seq: u64) -> String {
    let at = Token {
        changes: true,
        scope: scope.to_string(),
        seq,
        offset: 0,
    };
    link(ctx, drive, &at)
}

/// `GET …/delta`.
pub fn delta(ctx: &Ctx, drive_id: &str, sel: &ItemSel) -> GraphResult {
    let store = ctx.st.store.read();
    let (drive, scope) = existing(ctx, &store, drive_id, sel, false)?;
    if !scope.is_folder() {
        return Err(GraphError::bad_request(
            "Delta is only supported on the root or a folder.",
        ));
    }
    let now = drive.changes.now();
    let raw = ctx
        .query
        .pairs
        .iter()
        .find(|(k, _)| k == "token")
        .map(|(_, v)| v.as_str());
    let token = match raw {
        None => Token {
            changes: false,
            scope: scope.id.clone(),
            seq: now,
            offset: 0,
        },
        Some("latest") => {
            let delta = delta_link(ctx, drive, &scope.id, now);
            return ok(page(ctx, vec![], None, Some(delta)));
        }
        Some(t) => match open(ctx, drive, &scope.id, t).filter(|t| drive.changes.knows(t.seq)) {
            Some(t) => t,
            None => return Err(resync(ctx)),
        },
    };
    let (entries, more) = if token.changes {
        changes(ctx, &store, drive, &scope, &token)
    } else {
        enumerate(ctx, &store, drive, &scope, &token)
    };
    let next = Token {
        offset: token.offset + entries.len(),
        ..token
    };
    let (next_link, delta) = if more {
        (Some(link(ctx, drive, &next)), None)
    } else {
        (
            None,
            Some(delta_link(ctx, drive, &next.scope, next.seq.max(now))),
        )
    };
    ok(page(ctx, entries, next_link, delta))
}

fn page(ctx: &Ctx, value: Vec<Value>, next: Option<String>, delta: Option<String>) -> Value {
    let mut body = json!({
        "@odata.context": context(ctx, "Collection(driveItem)"),
        "value": value,
    });
    if let Some(n) = next {
        body["@odata.nextLink"] = json!(n);
    }
    if let Some(d) = delta {
        body["@odata.deltaLink"] = json!(d);
    }
    body
}

fn resync(ctx: &Ctx) -> GraphError {
    GraphError::new(
        410,
        "resyncRequired",
        "Resync required. Replace any local items with the server's version (including deletes) if you're sure that the service was up to date with your local changes when you last sync'd. Upload any local changes that the server doesn't know about.",
    )
    .inner("resyncChangesApplyDifferences")
    .header(LOCATION, format!("{}/v1.0/{}", ctx.st.base, ctx.path))
}

/// One page of the enumeration: the scope folder, then breadth first.
fn enumerate(
    ctx: &Ctx,
    store: &crate::store::Store,
    drive: &Drive,
    scope: &Item,
    t: &Token,
) -> (Vec<Value>, bool) {
    let want = t.offset + PAGE + 1;
    let mut order: Vec<Item> = vec![scope.clone()];
    let mut next = 0;
    while order.len() < want && next < order.len() {
        let folder = order[next].clone();
        next += 1;
        if folder.is_folder() {
            let count = drive.child_count(&folder);
            order.extend(drive.children_page(&folder, SortKey::Name, false, 0, count));
        }
    }
    let (page, more) = window(&order, t.offset);
    let entries = page
        .iter()
        .map(|i| render_for_delta(ctx, store, drive, i))
        .collect();
    (entries, more)
}

/// The page of `all` from `offset`, and whether more follow.
fn window<T>(all: &[T], offset: usize) -> (&[T], bool) {
    let start = offset.min(all.len());
    let end = (start + PAGE).min(all.len());
    (&all[start..end], all.len() > end)
}

/// One page of the changes after `t.seq`: changed items still in the scope, then deletions.
fn changes(
    ctx: &Ctx,
    store: &crate::store::Store,
    drive: &Drive,
    scope: &Item,
    t: &Token,
) -> (Vec<Value>, bool) {
    let in_scope = |id: &str| drive.ancestors(id).contains(&scope.id);
    let mut all: Vec<Value> = drive
        .changes
        .changed_since(t.seq)
        .into_iter()
        .filter(|(_, id)| in_scope(id))
        .filter_map(|(_, id)| drive.get(&id))
        .map(|i| render_for_delta(ctx, store, drive, &i))
        .collect();
    all.extend(
        drive
            .changes
            .deleted_since(t.seq)
            .filter(|d| d.ancestors.contains(&scope.id))
            .map(|d| deleted(drive, d)),
    );
    let (page, more) = window(&all, t.offset);
    (page.to_vec(), more)
}

fn deleted(drive: &Drive, d: &Tombstone) -> Value {
    let mut v = json!({
        "id": d.id,
        "name": d.name,
        "deleted": {"state": "deleted"},
        "parentReference": {"driveId": drive.id, "driveType": drive.drive_type.as_str(), "id": d.parent},
    });
    v[if d.folder { "folder" } else { "file" }] = json!({});
    v
}
