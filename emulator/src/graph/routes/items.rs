//! Reading items: one item, a folder's children, content and thumbnails.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::IntoResponse;
use serde_json::{json, Value};

use crate::graph::ctx::{context, drive_ctx, ok, Ctx};
use crate::graph::error::{json_response, GraphError, GraphResult};
use crate::graph::odata::{select, DEFAULT_TOP};
use crate::graph::paging::collection;
use crate::graph::render;
use crate::graph::resolve::{existing, ItemSel};
use crate::store::{Drive, DriveType, Item, SortKey, Store};

pub(crate) fn with_thumbnails(ctx: &Ctx, drive: &Drive, item: &Item, mut v: Value) -> Value {
    if let Some(sel) = ctx.query.expands("thumbnails") {
        let set = render::thumbnail_set(&ctx.st, drive, item, sel.as_ref());
        v["thumbnails"] = json!(set.into_iter().collect::<Vec<_>>());
    }
    v
}

/// An item as delta lists it: as in a listing, but without `parentReference.path` (Graph leaves
/// it out: clients track items by id).
pub fn render_for_delta(ctx: &Ctx, store: &Store, drive: &Drive, item: &Item) -> Value {
    let mut v = render_listed(ctx, store, drive, item);
    if let Some(p) = v.get_mut("parentReference").and_then(Value::as_object_mut) {
        p.remove("path");
    }
    v
}

fn render_listed(ctx: &Ctx, store: &Store, drive: &Drive, item: &Item) -> Value {
    let v = render::item(&ctx.st, store, drive, item);
    let v = with_thumbnails(ctx, drive, item, v);
    select(v, ctx.query.select.as_ref(), &["thumbnails"])
}

/// Whether the request's `If-None-Match` names the item as it is (304 Not Modified).
fn unchanged(ctx: &Ctx, drive: &Drive, item: &Item) -> bool {
    ctx.headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|inm| render::etag_matches(drive, item, inm))
}

pub(super) fn item_get(ctx: &Ctx, drive_id: &str, sel: &ItemSel) -> GraphResult {
    let store = ctx.st.store.read();
    let (drive, item) = existing(ctx, &store, drive_id, sel, false)?;
    if unchanged(ctx, drive, &item) {
        return Ok(StatusCode::NOT_MODIFIED.into_response());
    }
    let mut v = render::item(&ctx.st, &store, drive, &item);
    v = with_thumbnails(ctx, drive, &item, v);
    if let Some(child_sel) = ctx.query.expands("children") {
        let count = drive.child_count(&item);
        let kids: Vec<Value> = drive
            .children_page(&item, SortKey::Default, false, 0, count.min(DEFAULT_TOP))
            .iter()
            .map(|c| {
                select(
                    render::item(&ctx.st, &store, drive, c),
                    child_sel.as_ref(),
                    &[],
                )
            })
            .collect();
        v["children"] = json!(kids);
    }
    let mut v = select(v, ctx.query.select.as_ref(), &["thumbnails", "children"]);
    v["@odata.context"] = json!(context(
        ctx,
        &format!("{}/items/$entity", drive_ctx(drive_id))
    ));
    let mut r = json_response(StatusCode::OK, &v);
    if let Some(e) = v.get("eTag").and_then(Value::as_str) {
        if let Ok(h) = HeaderValue::from_str(e) {
            r.headers_mut().insert(header::ETAG, h);
        }
    }
    Ok(r)
}

fn sort_for(ctx: &Ctx, drive: &Drive) -> Result<(SortKey, bool), GraphError> {
    let Some((prop, desc)) = &ctx.query.orderby else {
        return Ok((SortKey::Default, false));
    };
    let business = drive.drive_type != DriveType::Personal;
    let key = match prop.as_str() {
        "name" => SortKey::Name,
        "size" if !business => SortKey::Size,
        "lastModifiedDateTime" if !business => SortKey::Modified,
        "size" => {
            return Err(GraphError::bad_request(
                "The property File_x0020_Size is not supported for OrderBy.",
            ))
        }
        "lastModifiedDateTime" => {
            return Err(GraphError::bad_request(
                "The property Modified is not supported for OrderBy.",
            ))
        }
        other => {
            return Err(GraphError::bad_request(format!(
                "The property {other} is not supported for OrderBy."
            )))
        }
    };
    Ok((key, *desc))
}

enum Filter {
    NameEq(String),
    StartsWith(String),
    Folder(bool),
}

fn parse_filter(ctx: &Ctx, drive: &Drive) -> Result<Option<Filter>, GraphError> {
    let Some(f) = ctx.query.filter.as_deref().map(str::trim) else {
        return Ok(None);
    };
    let quoted = |s: &str| {
        s.trim()
            .strip_prefix('\'')
            .and_then(|s| s.strip_suffix('\''))
            .map(|s| s.replace("''", "'"))
    };
    if let Some(v) = f.strip_prefix("name eq ").and_then(quoted) {
        return Ok(Some(Filter::NameEq(v)));
    }
    if let Some(v) = f
        .strip_prefix("startswith(name,")
        .and_then(|r| r.strip_suffix(')'))
        .and_then(quoted)
    {
        return Ok(Some(Filter::StartsWith(v)));
    }
    let facet = matches!(
        f,
        "file ne null" | "file eq null" | "folder ne null" | "folder eq null"
    );
    if facet {
        if drive.drive_type != DriveType::Personal {
            return Err(GraphError::new(
                501,
                "notSupported",
                "The request is not supported by the system.",
            ));
        }
        return match f {
            "folder ne null" => Ok(Some(Filter::Folder(true))),
            "folder eq null" => Ok(Some(Filter::Folder(false))),
            _ => Err(GraphError::bad_request("Invalid filter clause")),
        };
    }
    Err(GraphError::bad_request("Invalid filter clause").inner("invalidQueryOption"))
}

pub(super) fn children(ctx: &Ctx, drive_id: &str, sel: &ItemSel) -> GraphResult {
    let store = ctx.st.store.read();
    let (drive, folder) = existing(ctx, &store, drive_id, sel, false)?;
    let (sort, desc) = sort_for(ctx, drive)?;
    let filter = parse_filter(ctx, drive)?;
    let context = context(
        ctx,
        &format!("{}/items('{}')/children", drive_ctx(drive_id), folder.id),
    );
    let body = match filter {
        None => {
            let total = drive.child_count(&folder);
            collection(ctx, &context, total, DEFAULT_TOP, |o, l| {
                drive
                    .children_page(&folder, sort, desc, o, l)
                    .iter()
                    .map(|c| render_listed(ctx, &store, drive, c))
                    .collect()
            })?
        }
        Some(f) => {
            let all = drive.children_page(&folder, sort, desc, 0, drive.child_count(&folder));
            let hits: Vec<Item> = all
                .into_iter()
                .filter(|c| match &f {
                    Filter::NameEq(n) => c.name.eq_ignore_ascii_case(n),
                    Filter::StartsWith(p) => c.name.to_lowercase().starts_with(&p.to_lowercase()),
                    Filter::Folder(yes) => c.is_folder() == *yes,
                })
                .collect();
            collection(ctx, &context, hits.len(), DEFAULT_TOP, |o, l| {
                hits.iter()
                    .skip(o)
                    .take(l)
                    .map(|c| render_listed(ctx, &store, drive, c))
                    .collect()
            })?
        }
    };
    ok(body)
}

pub(super) fn content(ctx: &Ctx, drive_id: &str, sel: &ItemSel) -> GraphResult {
    let store = ctx.st.store.read();
    let (drive, item) = existing(ctx, &store, drive_id, sel, false)?;
    if item.is_folder() {
        return Err(GraphError::not_found());
    }
    if unchanged(ctx, drive, &item) {
        return Ok(StatusCode::NOT_MODIFIED.into_response());
    }
    let url = render::download_url(&ctx.st, drive, &item);
    let mut r = StatusCode::FOUND.into_response();
    r.headers_mut()
        .insert(header::LOCATION, HeaderValue::from_str(&url).unwrap());
    Ok(r)
}

pub(super) fn thumbnails(ctx: &Ctx, drive_id: &str, sel: &ItemSel, tail: &[&str]) -> GraphResult {
    let store = ctx.st.store.read();
    let (drive, item) = existing(ctx, &store, drive_id, sel, false)?;
    let only = ctx.query.select.as_ref();
    match tail {
        [] => {
            let set = render::thumbnail_set(&ctx.st, drive, &item, only);
            ok(json!({
                "@odata.context": context(ctx, &format!("{}/items('{}')/thumbnails", drive_ctx(drive_id), item.id)),
                "value": set.into_iter().collect::<Vec<_>>(),
            }))
        }
        [n] => {
            let set = (*n == "0")
                .then(|| render::thumbnail_set(&ctx.st, drive, &item, only))
                .flatten()
                .ok_or_else(GraphError::not_found)?;
            ok(set)
        }
        [n, size] | [n, size, "content"] => {
            if *n != "0" || item.is_folder() {
                return Err(GraphError::not_found());
            }
            let (w, h, crop) = render::SIZES
                .iter()
                .find(|(name, _, _)| name.eq_ignore_ascii_case(size))
                .map(|(_, e, sq)| (*e, *e, *sq))
                .or_else(|| render::custom_size(size))
                .ok_or_else(|| {
                    GraphError::bad_request(format!("Invalid thumbnail size '{size}'."))
                })?;
            let thumb = render::thumbnail(&ctx.st, drive, &item, w, h, crop);
            if tail.len() == 3 {
                let mut r = StatusCode::FOUND.into_response();
                r.headers_mut().insert(
                    header::LOCATION,
                    HeaderValue::from_str(thumb["url"].as_str().unwrap()).unwrap(),
                );
                return Ok(r);
            }
            ok(thumb)
        }
        _ => Err(GraphError::segment(tail.last().unwrap())),
    }
}
