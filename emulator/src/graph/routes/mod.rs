//! Path parsing and the read endpoints. Writes live in [`super::write`].

use axum::http::{Method, StatusCode};
use serde_json::{json, Value};

use super::odata::select;
use super::{json_response, links, render, upload, write, Ctx, GraphError, GraphResult};
use crate::store::{AccountKind, Drive, Item, Owner, Store};
use crate::util::decode_path;

mod items;
mod places;
mod search;

pub use items::render_for_delta;
use items::{children, content, item_get, thumbnails};
use places::{
    channels, files_folder, followed_sites, group_default_drive, group_drives, joined_teams, me,
    my_drives, site_default_drive, site_drives, site_get, sites_search,
};
use search::{drive_search, folder_search, recent, shared_with_me};

/// Scopes that let a user read their own drive.
pub const READ_OWN: &[&str] = &["Files.Read", "Sites.Read.All"];
/// Scopes that let a user read other users' and sites' drives.
pub const READ_ALL: &[&str] = &["Files.Read.All", "Sites.Read.All"];
/// Scopes that let a user write their own drive.
pub const WRITE_OWN: &[&str] = &["Files.ReadWrite", "Sites.ReadWrite.All"];
/// Scopes that let a user write other drives.
pub const WRITE_ALL: &[&str] = &["Files.ReadWrite.All", "Sites.ReadWrite.All"];

/// How a request names an item.
#[derive(Debug)]
pub enum ItemSel {
    /// `root`
    Root,
    /// `items/{id}`
    Id(String),
    /// `root:/path` or `items/{id}:/path` (decoded path)
    Path(Option<String>, String),
}

/// A resolved item, or the place a new one would go (path addressing of a missing name).
#[derive(Debug)]
pub enum Target {
    /// An existing item.
    Item(Item),
    /// `name` does not exist under `parent`.
    Missing {
        /// The parent folder.
        parent: Item,
        /// The new name.
        name: String,
    },
}

fn segment_error(seg: &str) -> GraphError {
    GraphError::new(
        400,
        "BadRequest",
        format!("Resource not found for the segment '{seg}'."),
    )
}

fn method_not_allowed() -> GraphError {
    GraphError::new(
        405,
        "BadRequest",
        "The requested resource does not support the HTTP method.",
    )
}

/// Routes one request.
pub fn route(ctx: &Ctx) -> GraphResult {
    let segs: Vec<&str> = ctx.path.split('/').filter(|s| !s.is_empty()).collect();
    let get = ctx.method == Method::GET;
    match segs.as_slice() {
        ["me"] if get => me(ctx),
        ["me", "drives"] if get => my_drives(ctx),
        ["me", "followedSites"] if get => followed_sites(ctx),
        ["sites"] if get => sites_search(ctx),
        ["sites", id] if get && !id.contains(':') => site_get(ctx, &decode_path(id)),
        ["sites", id, "drives"] if get => site_drives(ctx, &decode_path(id)),
        ["groups", id, "drives"] if get => group_drives(ctx, &decode_path(id)),
        ["me", "joinedTeams"] if get => joined_teams(ctx),
        ["teams", id, "channels"] if get => channels(ctx, &decode_path(id)),
        ["teams", id, "channels", ch, "filesFolder"] if get => {
            files_folder(ctx, &decode_path(id), &decode_path(ch))
        }
        ["me", "drive", rest @ ..] => {
            let id = ctx.user.drive_id.clone();
            drive_route(ctx, &id, rest)
        }
        ["users", u, "drive", rest @ ..] => {
            let id = {
                let store = ctx.st.store.read();
                store
                    .user_by_id_or_upn(&decode_path(u))
                    .map(|u| u.drive_id.clone())
            }
            .ok_or_else(|| GraphError::new(404, "itemNotFound", "The user could not be found."))?;
            drive_route(ctx, &id, rest)
        }
        ["drives", d, rest @ ..] => drive_route(ctx, &decode_path(d), rest),
        ["sites", s, "drive", rest @ ..] => {
            let id = site_default_drive(ctx, &decode_path(s))?;
            drive_route(ctx, &id, rest)
        }
        ["groups", g, "drive", rest @ ..] => {
            let id = group_default_drive(ctx, &decode_path(g))?;
            drive_route(ctx, &id, rest)
        }
        [] => Err(segment_error("")),
        [first, ..] if !get && matches!(*first, "me" | "sites" | "teams" | "groups") => {
            Err(method_not_allowed())
        }
        [.., last] => Err(segment_error(last)),
    }
}

pub(super) fn context(ctx: &Ctx, what: &str) -> String {
    format!("{}/v1.0/$metadata#{what}", ctx.st.base)
}

fn drive_ctx(drive: &str) -> String {
    format!("drives('{}')", drive.replace('!', "%21"))
}

pub(super) fn ok(body: Value) -> GraphResult {
    Ok(json_response(StatusCode::OK, &body))
}

fn not_for_personal(ctx: &Ctx) -> Result<(), GraphError> {
    if ctx.user.kind == AccountKind::Personal {
        return Err(GraphError::new(
            400,
            "BadRequest",
            "This API is not supported for MSA accounts.",
        ));
    }
    Ok(())
}

impl GraphError {
    fn with_scopes(mut self, scopes: &[String]) -> Self {
        self.message = self.message.replace("{scopes}", &scopes.join(" "));
        self
    }
}

// ---------------------------------------------------------------------------------------------
// Drives and items

fn parse_item_sel<'a>(rest: &'a [&'a str]) -> Result<Option<(ItemSel, &'a [&'a str])>, GraphError> {
    let take_path = |from: usize| -> (String, usize) {
        let mut parts = Vec::new();
        let mut i = from;
        while i < rest.len() {
            let s = rest[i];
            i += 1;
            if let Some(last) = s.strip_suffix(':') {
                parts.push(decode_path(last));
                return (parts.join("/"), i);
            }
            parts.push(decode_path(s));
        }
        (parts.join("/"), i)
    };
    match rest {
        [] => Ok(None),
        ["root", tail @ ..] => Ok(Some((ItemSel::Root, tail))),
        ["root:", ..] => {
            let (path, next) = take_path(1);
            Ok(Some((ItemSel::Path(None, path), &rest[next..])))
        }
        ["items", id, tail @ ..] => match id.strip_suffix(':') {
            Some(id) => {
                let (path, next) = take_path(2);
                Ok(Some((
                    ItemSel::Path(Some(decode_path(id)), path),
                    &rest[next..],
                )))
            }
            None => Ok(Some((ItemSel::Id(decode_path(id)), tail))),
        },
        ["items"] => Err(GraphError::bad_request(
            "Enumerating the items of a drive is not supported.",
        )),
        _ => Ok(None),
    }
}

/// Resolves an item selector inside `drive`.
pub fn resolve(drive: &Drive, sel: &ItemSel) -> Result<Target, GraphError> {
    let root = drive.get(&drive.root).ok_or_else(GraphError::not_found)?;
    let (from, path) = match sel {
        ItemSel::Root => return Ok(Target::Item(root)),
        ItemSel::Id(id) => {
            return drive
                .get(id)
                .map(Target::Item)
                .ok_or_else(GraphError::not_found)
        }
        ItemSel::Path(None, p) => (root, p.as_str()),
        ItemSel::Path(Some(id), p) => {
            (drive.get(id).ok_or_else(GraphError::not_found)?, p.as_str())
        }
    };
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let Some((last, parents)) = segments.split_last() else {
        return Ok(Target::Item(from));
    };
    let parent = drive
        .resolve_path(&from, &parents.join("/"))
        .ok_or_else(GraphError::not_found)?;
    match drive.child_named(&parent, last) {
        Some(item) => Ok(Target::Item(item)),
        None if parent.is_folder() => Ok(Target::Missing {
            parent,
            name: last.to_string(),
        }),
        None => Err(GraphError::not_found()),
    }
}

/// Requires read or write access to `item` of `drive`.
pub fn check_access(
    ctx: &Ctx,
    store: &Store,
    drive: &Drive,
    item: &Item,
    write: bool,
) -> Result<(), GraphError> {
    let own = matches!(&drive.owner, Owner::User(u) if *u == ctx.user.id);
    let scopes = match (own, write) {
        (true, false) => READ_OWN,
        (false, false) => READ_ALL,
        (true, true) => WRITE_OWN,
        (false, true) => WRITE_ALL,
    };
    ctx.require(scopes, GraphError::access_denied)?;
    if !store.can_access(&ctx.user, drive, item, write) {
        return Err(GraphError::access_denied());
    }
    Ok(())
}

fn drive_route(ctx: &Ctx, drive_id: &str, rest: &[&str]) -> GraphResult {
    let own = drive_id == ctx.user.drive_id;
    let get = ctx.method == Method::GET;
    {
        let store = ctx.st.store.read();
        let drive = store.drives.get(drive_id).ok_or_else(|| {
            GraphError::new(
                404,
                "itemNotFound",
                "The requested drive could not be found.",
            )
        })?;
        match rest {
            [] if get => {
                let root = drive.get(&drive.root).unwrap();
                check_access(ctx, &store, drive, &root, false)?;
                let mut v = select(
                    render::drive(&ctx.st, &store, drive),
                    ctx.query.select.as_ref(),
                    &[],
                );
                v["@odata.context"] = json!(context(ctx, "drives/$entity"));
                return ok(v);
            }
            ["recent"] if get && own => return recent(ctx, &store),
            ["sharedWithMe"] if get && own => return shared_with_me(ctx, &store),
            [s] if get && s.starts_with("search(") => return drive_search(ctx, &store, drive, s),
            _ => {}
        }
    }
    let Some((sel, action)) = parse_item_sel(rest)? else {
        return Err(segment_error(rest.first().copied().unwrap_or("")));
    };
    match (ctx.method.clone(), action) {
        (Method::GET, []) => item_get(ctx, drive_id, &sel),
        (Method::DELETE, []) => write::delete(ctx, drive_id, &sel),
        (Method::GET, ["children"]) => children(ctx, drive_id, &sel),
        (Method::POST, ["children"]) => write::create_folder(ctx, drive_id, &sel),
        (Method::GET, ["content"]) => content(ctx, drive_id, &sel),
        (Method::PUT, ["content"]) => write::upload(ctx, drive_id, &sel),
        (Method::GET, ["thumbnails", tail @ ..]) => thumbnails(ctx, drive_id, &sel, tail),
        (Method::POST, ["preview"]) => links::preview(ctx, drive_id, &sel),
        (Method::POST, ["createLink"]) => links::create_link(ctx, drive_id, &sel),
        (Method::POST, ["createUploadSession"]) => {
            upload::create_upload_session(ctx, drive_id, &sel)
        }
        (Method::GET, [s]) if s.starts_with("search(") => folder_search(ctx, drive_id, &sel, s),
        (Method::GET, ["delta"]) => super::delta::delta(ctx, drive_id, &sel),
        (
            _,
            []
            | ["children"
            | "content"
            | "thumbnails"
            | "preview"
            | "createLink"
            | "createUploadSession", ..],
        ) => Err(method_not_allowed()),
        (_, [.., last]) => Err(segment_error(last)),
    }
}

/// The drive `id`, or Graph's 404 for it.
pub fn find_drive<'a>(store: &'a Store, id: &str) -> Result<&'a Drive, GraphError> {
    store.drives.get(id).ok_or_else(GraphError::not_found)
}

/// Looks up the existing item a request names, and its drive, checking access.
pub fn existing<'a>(
    ctx: &Ctx,
    store: &'a Store,
    drive_id: &str,
    sel: &ItemSel,
    write: bool,
) -> Result<(&'a Drive, Item), GraphError> {
    let drive = find_drive(store, drive_id)?;
    let item = match resolve(drive, sel)? {
        Target::Item(i) => i,
        Target::Missing { .. } => return Err(GraphError::not_found()),
    };
    check_access(ctx, store, drive, &item, write)?;
    Ok((drive, item))
}
