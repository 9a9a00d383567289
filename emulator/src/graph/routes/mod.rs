//! The routes of Graph: which handler answers a path and method. Paths are parsed here
//! (including path-addressed items like `root:/a/b:/children`, which a router's patterns cannot
//! express); the handlers live in the rooms below (`items`, `places`, `search`, and the
//! writes, links, uploads and delta beside this module).

use axum::http::Method;
use serde_json::json;

use super::ctx::{context, ok, Ctx};
use super::error::{GraphError, GraphResult};
use super::odata::select;
use super::resolve::{check_access, parse_item_sel};
use super::{delta, links, render, shares, upload, write};
use crate::util::decode_path;

pub(crate) mod items;
mod places;
mod search;

use items::{children, content, item_get, thumbnails};
use places::{
    channels, files_folder, followed_sites, group_default_drive, group_drives, joined_teams, me,
    my_drives, site_default_drive, site_drives, site_get, sites_search,
};
use search::{drive_search, folder_search, recent, shared_with_me};

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
        ["shares", id, rest @ ..] => shares::route(ctx, id, rest),
        [] => Err(GraphError::segment("")),
        [first, ..] if !get && matches!(*first, "me" | "sites" | "teams" | "groups") => {
            Err(GraphError::method_not_allowed())
        }
        [.., last] => Err(GraphError::segment(last)),
    }
}

/// The routes on the drive itself (`drives/{id}`, `recent`, `sharedWithMe`, `search(…)`), if
/// `rest` names one.
fn drive_level(
    ctx: &Ctx,
    drive_id: &str,
    rest: &[&str],
) -> Result<Option<axum::response::Response>, GraphError> {
    let own = drive_id == ctx.user.drive_id;
    let get = ctx.method == Method::GET;
    let store = ctx.st.store.read();
    let drive = store.drives.get(drive_id).ok_or_else(|| {
        GraphError::new(
            404,
            "itemNotFound",
            "The requested drive could not be found.",
        )
    })?;
    let answer = match rest {
        [] if get => {
            let root = drive.get(&drive.root).ok_or_else(GraphError::not_found)?;
            check_access(ctx, &store, drive, &root, false)?;
            let mut v = select(
                render::places::drive(&ctx.st, &store, drive),
                ctx.query.select.as_ref(),
                &[],
            );
            v["@odata.context"] = json!(context(ctx, "drives/$entity"));
            ok(v)?
        }
        ["recent"] if get && own => recent(ctx, &store)?,
        ["sharedWithMe"] if get && own => shared_with_me(ctx, &store)?,
        [s] if get && s.starts_with("search(") => drive_search(ctx, &store, drive, s)?,
        _ => return Ok(None),
    };
    Ok(Some(answer))
}

fn drive_route(ctx: &Ctx, drive_id: &str, rest: &[&str]) -> GraphResult {
    if let Some(answer) = drive_level(ctx, drive_id, rest)? {
        return Ok(answer);
    }
    let Some((sel, action)) = parse_item_sel(rest)? else {
        return Err(GraphError::segment(rest.first().copied().unwrap_or("")));
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
        (Method::GET, ["delta"]) => delta::delta(ctx, drive_id, &sel),
        (
            _,
            []
            | ["children"
            | "content"
            | "thumbnails"
            | "preview"
            | "createLink"
            | "createUploadSession", ..],
        ) => Err(GraphError::method_not_allowed()),
        (_, [.., last]) => Err(GraphError::segment(last)),
    }
}
