//! `GET …/root/delta` and `GET …/items/{id}/delta`: first every item of the drive (or folder),
//! parents before children, page by page (`$top` at most 200); the last page carries an
//! `@odata.deltaLink` naming the moment the listing began, so a change made while it was paged
//! is reported by it; calling it later gives what changed since, deleted items with the
//! `deleted` facet. `?token=latest`
//! gives no items and a deltaLink for now; a token the drive no longer knows (or from another
//! run) is `410 resyncRequired` with a `Location` to start again. As in Graph, items carry no
//! `parentReference.path`.

use axum::http::header::LOCATION;
use serde_json::{json, Value};

use super::ctx::{context, ok, Ctx};
use super::error::{GraphError, GraphResult};
use super::paging::link_with;
use super::resolve::{existing, ItemSel};
use super::routes::items::render_for_delta;
use crate::changes::Tombstone;
use crate::crypto::Sealed;
use crate::store::{Drive, Item, SortKey};

/// Items per page at most (Graph pages delta by its own measure; 200 is what it commonly
/// returns); `$top` asks for fewer.
const PAGE: usize = 200;

/// What a token says. An enumeration (`changes` false) lists the scope as it is, and its
/// deltaLink names `seq`, the change count when it began: whatever changes while it is paged is
/// reported by the deltaLink, never lost. A change page lists what changed in `(seq, upto]`, where
/// `upto` is fixed when the first page is asked for, and its deltaLink names `upto`. Both page by
/// a position that other changes cannot shift (`after`): an item deleted or added meanwhile
/// never makes another one skipped.
struct Token {
    changes: bool,
    scope: String,
    seq: u64,
    upto: u64,
    after: Option<String>,
}

fn seal(ctx: &Ctx, drive: &Drive, t: &Token) -> String {
    let after = t
        .after
        .as_deref()
        .map(crate::util::b64url)
        .unwrap_or_default();
    ctx.st.keys.seal(
        Sealed::Delta,
        &format!(
            "{}|{}|{}|{}|{}|{after}",
            if t.changes { "c" } else { "e" },
            drive.id,
            t.scope,
            t.seq,
            t.upto,
        ),
    )
}

fn open(ctx: &Ctx, drive: &Drive, scope: &str, raw: &str) -> Option<Token> {
    let text = ctx.st.keys.open(Sealed::Delta, raw)?;
    let p: Vec<&str> = text.split('|').collect();
    let [kind, drive_id, scope_id, seq, upto, after] = p.as_slice() else {
        return None;
    };
    (*drive_id == drive.id && *scope_id == scope).then_some(())?;
    let after = match *after {
        "" => None,
        a => Some(String::from_utf8(crate::util::b64url_decode(a)?).ok()?),
    };
    Some(Token {
        changes: *kind == "c",
        scope: scope.to_string(),
        seq: seq.parse().ok()?,
        upto: upto.parse().ok()?,
        after,
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
        upto: 0,
        after: None,
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
    let mut token = match raw {
        None => Token {
            changes: false,
            scope: scope.id.clone(),
            seq: now,
            upto: now,
            after: None,
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
    if token.changes && token.after.is_none() {
        token.upto = now; // The first page of changes fixes what this round reports.
    }
    let size = ctx.query.top.unwrap_or(PAGE).clamp(1, PAGE);
    let (entries, last) = if token.changes {
        changes(ctx, &store, drive, &scope, &token, size)
    } else {
        enumerate(ctx, &store, drive, &scope, &token, size)
    };
    let (next_link, delta) = match last {
        Some(after) => {
            let next = Token {
                after: Some(after),
                ..token
            };
            (Some(link(ctx, drive, &next)), None)
        }
        None => {
            let through = if token.changes { token.upto } else { token.seq };
            (None, Some(delta_link(ctx, drive, &token.scope, through)))
        }
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

/// The keys after `after`, in order, at most `size` of them, and the last one's key when more
/// follow. Only the page is rendered.
fn window<T>(
    mut keyed: Vec<(String, T)>,
    after: Option<&str>,
    size: usize,
) -> (Vec<T>, Option<String>) {
    keyed.retain(|(k, _)| after.is_none_or(|a| k.as_str() > a));
    keyed.sort_by(|a, b| a.0.cmp(&b.0));
    let more = keyed.len() > size;
    keyed.truncate(size);
    let last = more.then(|| keyed.last().map(|(k, _)| k.clone())).flatten();
    (keyed.into_iter().map(|(_, v)| v).collect(), last)
}

/// One page of the enumeration, parents before children, from offset `after` (a number) in an
/// order that nothing done after the snapshot `t.seq` can shift: a folder's children by id (a
/// rename moves nothing), with the items deleted since kept in their place as placeholders that
/// are not shown. An item added since may be listed too (its change is reported again by the
/// deltaLink); a large generated folder, which never changes, keeps its own order. The walk
/// stops once the page is full.
fn enumerate(
    ctx: &Ctx,
    store: &crate::store::Store,
    drive: &Drive,
    scope: &Item,
    t: &Token,
    size: usize,
) -> (Vec<Value>, Option<String>) {
    let offset: usize = t.after.as_deref().and_then(|a| a.parse().ok()).unwrap_or(0);
    let gone: Vec<&Tombstone> = drive.changes.deleted_since(t.seq).collect();
    let want = offset + size + 1;
    // `None` is a placeholder for a deleted item; a deleted folder's children follow it.
    let mut order: Vec<(Option<Item>, String)> = vec![(Some(scope.clone()), scope.id.clone())];
    let mut next = 0;
    while order.len() < want && next < order.len() {
        let (folder, id) = order[next].clone();
        next += 1;
        let mut children: Vec<(Option<Item>, String)> = match &folder {
            Some(f) if f.is_folder() => {
                let count = drive.child_count(f);
                drive
                    .children_page(f, SortKey::Name, false, 0, count)
                    .into_iter()
                    .map(|c| {
                        let id = c.id.clone();
                        (Some(c), id)
                    })
                    .collect()
            }
            _ => vec![],
        };
        let placeholders = gone
            .iter()
            .filter(|g| g.parent.as_deref() == Some(id.as_str()));
        let before = children.len();
        children.extend(placeholders.map(|g| (None, g.id.clone())));
        if children.len() <= 1000 || children.len() > before {
            children.sort_by(|a, b| a.1.cmp(&b.1));
        }
        order.extend(children);
    }
    let start = offset.min(order.len());
    let end = (start + size).min(order.len());
    let entries = order[start..end]
        .iter()
        .filter_map(|(item, _)| item.as_ref())
        .map(|i| render_for_delta(ctx, store, drive, i))
        .collect();
    let more = order.len() > end;
    (entries, more.then(|| end.to_string()))
}

/// One page of the changes in `(t.seq, t.upto]`: changed items still in the scope and
/// deletions, keyed by when they changed, then id.
fn changes(
    ctx: &Ctx,
    store: &crate::store::Store,
    drive: &Drive,
    scope: &Item,
    t: &Token,
    size: usize,
) -> (Vec<Value>, Option<String>) {
    enum Change<'a> {
        Item(String),
        Gone(&'a Tombstone),
    }
    let key = |seq: u64, id: &str| format!("{seq:020}\u{0}{id}");
    let in_window = |seq: u64| seq > t.seq && seq <= t.upto;
    let in_scope = |id: &str| drive.ancestors(id).contains(&scope.id);
    let mut keyed: Vec<(String, Change)> = drive
        .changes
        .changed_since(t.seq)
        .into_iter()
        .filter(|(seq, id)| in_window(*seq) && in_scope(id))
        .map(|(seq, id)| (key(seq, &id), Change::Item(id)))
        .collect();
    keyed.extend(
        drive
            .changes
            .deleted_since(t.seq)
            .filter(|d| in_window(d.seq) && d.ancestors.contains(&scope.id))
            .map(|d| (key(d.seq, &d.id), Change::Gone(d))),
    );
    let (page, last) = window(keyed, t.after.as_deref(), size);
    let entries = page
        .into_iter()
        .filter_map(|c| match c {
            Change::Item(id) => drive
                .get(&id)
                .map(|i| render_for_delta(ctx, store, drive, &i)),
            Change::Gone(d) => Some(deleted(drive, d)),
        })
        .collect();
    (entries, last)
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
