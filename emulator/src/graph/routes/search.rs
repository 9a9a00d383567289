//! Search, Recent and Shared with me.

use serde_json::{json, Value};

use super::items::with_thumbnails;
use crate::graph::ctx::{context, ok, Ctx, READ_OWN};
use crate::graph::error::{GraphError, GraphResult};
use crate::graph::odata::{self, select, DEFAULT_TOP};
use crate::graph::paging::collection;
use crate::graph::render;
use crate::graph::resolve::{check_access, existing, find_drive, ItemSel};
use crate::store::{Drive, Item, Owner, Store};
use crate::util::decode_path;

/// Search results are capped, as index-backed search is.
const SEARCH_LIMIT: usize = 1000;

fn search_text(seg: &str) -> Result<String, GraphError> {
    let decoded = decode_path(seg);
    Ok(odata::parse_search(&decoded)?
        .unwrap_or_default()
        .to_lowercase())
}

pub(super) fn folder_search(ctx: &Ctx, drive_id: &str, sel: &ItemSel, seg: &str) -> GraphResult {
    let needle = search_text(seg)?;
    let store = ctx.st.store.read();
    let (drive, folder) = existing(ctx, &store, drive_id, sel, false)?;
    let hits = if needle.trim().is_empty() {
        vec![]
    } else {
        drive.search(&folder, &needle, SEARCH_LIMIT)
    };
    let body = collection(
        ctx,
        &context(ctx, "Collection(driveItem)"),
        hits.len(),
        DEFAULT_TOP,
        |o, l| {
            hits.iter()
                .skip(o)
                .take(l)
                .map(|h| {
                    let mut v = render::item(&ctx.st, &store, drive, h);
                    v["searchResult"] = json!({});
                    select(
                        with_thumbnails(ctx, drive, h, v),
                        ctx.query.select.as_ref(),
                        &["thumbnails"],
                    )
                })
                .collect()
        },
    )?;
    ok(body)
}

fn shared_items<'a>(store: &'a Store, user: &str) -> Vec<(&'a Drive, Item)> {
    let mut out: Vec<(&Drive, Item)> = store
        .drives
        .values()
        .filter(|d| !matches!(&d.owner, Owner::User(o) if o == user))
        .flat_map(|d| {
            d.items
                .values()
                .filter(|i| i.shares.iter().any(|s| s.user_id == user))
                .map(move |i| (d, i.clone()))
        })
        .collect();
    out.sort_by(|a, b| {
        b.1.shares[0]
            .at
            .cmp(&a.1.shares[0].at)
            .then(a.1.name.cmp(&b.1.name))
    });
    out
}

pub(super) fn drive_search(ctx: &Ctx, store: &Store, drive: &Drive, seg: &str) -> GraphResult {
    let needle = search_text(seg)?;
    let root = drive.get(&drive.root).unwrap();
    check_access(ctx, store, drive, &root, false)?;
    let mut hits: Vec<Value> = Vec::new();
    if !needle.trim().is_empty() {
        for h in drive.search(&root, &needle, SEARCH_LIMIT) {
            let mut v = render::item(&ctx.st, store, drive, &h);
            v["searchResult"] = json!({});
            hits.push(v);
        }
        if drive.id == ctx.user.drive_id {
            for (d, i) in shared_items(store, &ctx.user.id) {
                if i.name.to_lowercase().contains(&needle) {
                    let mut v = render::remote_item(&ctx.st, store, d, &i, &ctx.user.id);
                    v["searchResult"] = json!({});
                    hits.push(v);
                }
            }
        }
    }
    let total = hits.len();
    let body = collection(
        ctx,
        &context(ctx, "Collection(driveItem)"),
        total,
        DEFAULT_TOP,
        |o, l| {
            hits.into_iter()
                .skip(o)
                .take(l)
                .map(|v| select(v, ctx.query.select.as_ref(), &[]))
                .collect()
        },
    )?;
    ok(body)
}

/// A deprecated feed after its deprecation: a success that has stopped returning data.
fn retired(ctx: &Ctx) -> Option<GraphResult> {
    ctx.st
        .settings
        .retired_feeds
        .then(|| ok(json!({"@odata.context": context(ctx, "Collection(driveItem)"), "value": []})))
}

pub(super) fn recent(ctx: &Ctx, store: &Store) -> GraphResult {
    ctx.require(READ_OWN, GraphError::access_denied)?;
    if let Some(r) = retired(ctx) {
        return r;
    }
    let drive = find_drive(store, &ctx.user.drive_id)?;
    let mut own: Vec<&Item> = drive.items.values().filter(|i| !i.is_folder()).collect();
    own.sort_by(|a, b| b.modified.cmp(&a.modified).then(a.name.cmp(&b.name)));
    let mut v: Vec<Value> = own
        .into_iter()
        .take(20)
        .map(|i| {
            let mut v = render::item(&ctx.st, store, drive, i);
            v["fileSystemInfo"]["lastAccessedDateTime"] = v["lastModifiedDateTime"].clone();
            v
        })
        .collect();
    for (d, i) in shared_items(store, &ctx.user.id)
        .into_iter()
        .filter(|(_, i)| !i.is_folder())
    {
        v.push(render::remote_item(&ctx.st, store, d, &i, &ctx.user.id));
    }
    v.sort_by(|a, b| {
        b["lastModifiedDateTime"]
            .as_str()
            .cmp(&a["lastModifiedDateTime"].as_str())
    });
    let v: Vec<Value> = v
        .into_iter()
        .map(|x| select(x, ctx.query.select.as_ref(), &[]))
        .collect();
    ok(json!({"@odata.context": context(ctx, "Collection(driveItem)"), "value": v}))
}

pub(super) fn shared_with_me(ctx: &Ctx, store: &Store) -> GraphResult {
    ctx.require(READ_OWN, GraphError::access_denied)?;
    if let Some(r) = retired(ctx) {
        return r;
    }
    if let Some((prop, _)) = &ctx.query.orderby {
        return Err(GraphError::bad_request(format!(
            "Sorting on '{prop}' isn't supported."
        )));
    }
    let v: Vec<Value> = shared_items(store, &ctx.user.id)
        .into_iter()
        .map(|(d, i)| {
            select(
                render::remote_item(&ctx.st, store, d, &i, &ctx.user.id),
                ctx.query.select.as_ref(),
                &[],
            )
        })
        .collect();
    ok(json!({"@odata.context": context(ctx, "Collection(driveItem)"), "value": v}))
}
