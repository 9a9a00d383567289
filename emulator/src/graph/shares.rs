//! `/shares/{shareIdOrEncodedSharingUrl}`: an item reached by a sharing link, by the share id
//! `createLink` answered, or by any URL of the item (a web view, a SharePoint path, a Doc.aspx
//! link), each encoded as Graph documents: `u!` and the URL's unpadded base64url.
//!
//! A link grants what its scope says: `anonymous` anyone, `organization` the owner's
//! organisation, `users` only the people it was given to (who already have access here). With
//! `Prefer: redeemSharingLink` the grant is kept (the item is shared with the caller); with
//! `redeemSharingLinkIfNecessary` it holds for the request; without either the caller needs
//! access of their own. Microsoft lists `Files.ReadWrite` as the least permission.

use axum::http::{Method, StatusCode};
use serde_json::{json, Value};

use super::ctx::{context, Ctx};
use super::error::{json_response, GraphError, GraphResult};
use super::odata::select;
use super::render;
use super::routes::items::with_thumbnails;
use crate::crypto::Sealed;
use crate::store::{AccountKind, Drive, Item, Owner, Share, Store};
use crate::util::{b64url_decode, decode_path};

/// Any one of these lets a caller use `/shares` (Microsoft's permissions table).
const SHARE_SCOPES: &[&str] = &[
    "Files.ReadWrite",
    "Files.ReadWrite.All",
    "Sites.ReadWrite.All",
];

/// What a link found: the item, and what the link itself grants (a role), if it is one.
struct Found {
    drive_id: String,
    item: Item,
    link: Option<Link>,
}

/// A sharing link's type and scope.
struct Link {
    kind: String,
    scope: String,
}

/// The link this user could not open, or that names nothing.
fn gone() -> GraphError {
    GraphError::new(404, "itemNotFound", "The sharing link could not be found.")
}

/// `GET /shares/{id}` (the shared item's summary) and `/shares/{id}/driveItem`.
pub fn route(ctx: &Ctx, id: &str, rest: &[&str]) -> GraphResult {
    if ctx.method != Method::GET {
        return Err(GraphError::method_not_allowed());
    }
    if !matches!(rest, [] | ["driveItem"]) {
        return Err(GraphError::segment(rest.last().copied().unwrap_or("")));
    }
    ctx.require(SHARE_SCOPES, GraphError::access_denied)?;
    let found = {
        let store = ctx.st.store.read();
        locate(ctx, &store, &decode_path(id))?
    };
    admit(ctx, &found)?;
    let store = ctx.st.store.read();
    let drive = store.drives.get(&found.drive_id).ok_or_else(gone)?;
    let item = drive.get(&found.item.id).ok_or_else(gone)?;
    let id = decode_path(id);
    let v = match rest {
        [] => summary(ctx, &store, drive, &item, &id),
        _ => {
            let v = render::item(&ctx.st, &store, drive, &item);
            let mut v = select(
                with_thumbnails(ctx, drive, &item, v),
                ctx.query.select.as_ref(),
                &["thumbnails"],
            );
            v["@odata.context"] = json!(context(ctx, &format!("shares('{id}')/driveItem/$entity")));
            v
        }
    };
    Ok(json_response(StatusCode::OK, &v))
}

/// The `sharedDriveItem`: its id as asked, the item's name and its owner.
fn summary(ctx: &Ctx, store: &Store, drive: &Drive, item: &Item, id: &str) -> Value {
    let owner = match &drive.owner {
        Owner::User(u) => store
            .user(u)
            .map(|u| json!({"user": {"id": u.id, "displayName": u.display_name}})),
        Owner::Group(g) => Some(json!({"group": {"id": g}})),
    };
    json!({
        "@odata.context": context(ctx, "shares/$entity"),
        "id": id,
        "name": item.name,
        "owner": owner,
    })
}

/// The item a share id or encoded URL names (404 for anything malformed or unknown).
fn locate(ctx: &Ctx, store: &Store, id: &str) -> Result<Found, GraphError> {
    let encoded = id.strip_prefix("u!").ok_or_else(gone)?;
    let decoded = b64url_decode(encoded)
        .and_then(|b| String::from_utf8(b).ok())
        .ok_or_else(gone)?;
    let base = &ctx.st.base;
    // A share id is the link's own token; a URL is ours or names nothing here.
    let rest = match decoded.strip_prefix(base.as_str()) {
        Some(rest) if rest.starts_with('/') => rest,
        Some(_) => return Err(gone()),
        None if decoded.contains("://") => return Err(gone()),
        None => return by_token(ctx, store, &decoded),
    };
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    let path = path.split('#').next().unwrap_or(path);
    if let Some(token) = path.strip_prefix("/_share/") {
        return by_token(ctx, store, token);
    }
    let param = |name: &str| {
        query.split('&').find_map(|kv| {
            let (k, v) = kv.split_once('=')?;
            (k == name).then(|| decode_path(v))
        })
    };
    let item = if path.starts_with("/_onedrive") {
        let id = param("resid").or_else(|| param("id"));
        id.zip(param("cid"))
            .and_then(|(id, cid)| store.drives.get(&cid)?.get(&id).map(|i| (cid, i)))
    } else if path.ends_with("/_layouts/15/Doc.aspx") {
        param("sourcedoc").and_then(|d| by_unique_id(store, &d))
    } else {
        by_path(store, &decode_path(path))
    };
    let (drive_id, item) = item.ok_or_else(gone)?;
    Ok(Found {
        drive_id,
        item,
        link: None,
    })
}

/// A sharing link's token (`drive|item|type|scope`), while the link exists.
fn by_token(ctx: &Ctx, store: &Store, token: &str) -> Result<Found, GraphError> {
    let data = ctx.st.keys.open(Sealed::Share, token).ok_or_else(gone)?;
    let [drive_id, item_id, kind, scope] = data.split('|').collect::<Vec<_>>()[..] else {
        return Err(gone());
    };
    let drive = store.drives.get(drive_id).ok_or_else(gone)?;
    let key = (item_id.to_string(), kind.to_string(), scope.to_string());
    if !drive.links.contains_key(&key) {
        return Err(gone());
    }
    let item = drive.get(item_id).ok_or_else(gone)?;
    Ok(Found {
        drive_id: drive_id.into(),
        item,
        link: Some(Link {
            kind: kind.into(),
            scope: scope.into(),
        }),
    })
}

/// An Office document by its `sourcedoc` (`{GUID}`, braces optional).
fn by_unique_id(store: &Store, doc: &str) -> Option<(String, Item)> {
    let guid = doc.trim_matches(|c| c == '{' || c == '}');
    store.drives.values().find_map(|d| {
        let item = d
            .items
            .values()
            .find(|i| i.unique_id.eq_ignore_ascii_case(guid))?;
        Some((d.id.clone(), item.clone()))
    })
}

/// An item by its web path: the library whose path is the longest prefix, then the names.
fn by_path(store: &Store, path: &str) -> Option<(String, Item)> {
    let path = path.trim_end_matches('/');
    let drive = store
        .drives
        .values()
        .filter(|d| {
            let root = d.web_path.trim_end_matches('/');
            !root.is_empty()
                && path.starts_with(root)
                && matches!(path.as_bytes().get(root.len()), None | Some(b'/'))
        })
        .max_by_key(|d| d.web_path.len())?;
    let below = &path[drive.web_path.trim_end_matches('/').len()..];
    let root = drive.get(&drive.root)?;
    let item = drive.resolve_path(&root, below.trim_start_matches('/'))?;
    Some((drive.id.clone(), item))
}

/// Lets the caller in by their own access, or by what the link grants (kept when redeemed).
fn admit(ctx: &Ctx, found: &Found) -> Result<(), GraphError> {
    let prefer = ctx
        .headers
        .get_all("prefer")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .collect::<Vec<_>>();
    let redeem = prefer
        .iter()
        .any(|p| p.eq_ignore_ascii_case("redeemSharingLink"));
    let for_now = prefer
        .iter()
        .any(|p| p.eq_ignore_ascii_case("redeemSharingLinkIfNecessary"));
    let mut store = ctx.st.store.write();
    let drive = store.drives.get(&found.drive_id).ok_or_else(gone)?;
    if store.can_access(&ctx.user, drive, &found.item, false) {
        return Ok(());
    }
    let Some(link) = &found.link else {
        return Err(GraphError::access_denied());
    };
    if !grants(&store, drive, link, ctx) || !(redeem || for_now) {
        return Err(GraphError::access_denied());
    }
    if redeem {
        let shared_by = match &drive.owner {
            Owner::User(u) => u.clone(),
            Owner::Group(g) => g.clone(),
        };
        let share = Share {
            user_id: ctx.user.id.clone(),
            role: if link.kind == "edit" { "write" } else { "read" },
            shared_by,
            at: ctx.st.clock.now(),
        };
        let drive = store.drives.get_mut(&found.drive_id).ok_or_else(gone)?;
        if let Some(item) = drive.items.get_mut(&found.item.id) {
            item.shares.push(share);
        }
    }
    Ok(())
}

/// Whether `link`'s scope lets this caller in.
fn grants(store: &Store, drive: &Drive, link: &Link, ctx: &Ctx) -> bool {
    match link.scope.as_str() {
        "anonymous" => true,
        "organization" => {
            let tenant = match &drive.owner {
                Owner::User(u) => store.user(u).map(|u| u.tenant_id.clone()),
                Owner::Group(_) => Some(ctx.user.tenant_id.clone()),
            };
            ctx.user.kind == AccountKind::Work && tenant.as_deref() == Some(&ctx.user.tenant_id)
        }
        // Specific people: those it was given to, who have access of their own.
        _ => false,
    }
}
