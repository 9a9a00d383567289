//! Path parsing and the read endpoints. Writes live in [`super::write`].

use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::response::IntoResponse;
use serde_json::{json, Value};

use super::odata::{self, collection, select, DEFAULT_TOP};
use super::{json_response, links, render, upload, write, Ctx, GraphError, GraphResult};
use crate::store::{AccountKind, Drive, DriveType, Item, Owner, SortKey, Store, Team};
use crate::util::decode_path;

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

fn me(ctx: &Ctx) -> GraphResult {
    ctx.require(&["User.Read", "User.ReadBasic.All"], || {
        GraphError::new(
            403,
            "Authorization_RequestDenied",
            "Insufficient privileges to complete the operation.",
        )
    })?;
    let mut v = render::user(&ctx.st, &ctx.user);
    let sel: Vec<String> = match &ctx.query.select {
        Some(s) => s.clone(),
        None => render::USER_DEFAULT.iter().map(|s| s.to_string()).collect(),
    };
    v = select(v, Some(&sel), &[]);
    v["@odata.context"] = json!(context(ctx, "users/$entity"));
    ok(v)
}

fn my_drives(ctx: &Ctx) -> GraphResult {
    ctx.require(READ_OWN, GraphError::access_denied)?;
    let store = ctx.st.store.read();
    let d = store
        .drives
        .get(&ctx.user.drive_id)
        .ok_or_else(GraphError::not_found)?;
    let v = vec![select(
        render::drive(&ctx.st, &store, d),
        ctx.query.select.as_ref(),
        &[],
    )];
    ok(json!({"@odata.context": context(ctx, "drives"), "value": v}))
}

fn followed_sites(ctx: &Ctx) -> GraphResult {
    not_for_personal(ctx)?;
    ctx.require(&["Sites.Read.All"], GraphError::access_denied)?;
    let store = ctx.st.store.read();
    let v: Vec<Value> = ctx
        .user
        .followed_sites
        .iter()
        .filter_map(|id| store.site(id))
        .map(|s| {
            let full = render::site(&ctx.st, s);
            let mut v = select(
                full.clone(),
                Some(
                    &["id", "displayName", "webUrl", "sharepointIds"]
                        .map(String::from)
                        .to_vec(),
                ),
                &[],
            );
            v["siteCollection"] = json!({"hostname": full["siteCollection"]["hostname"]});
            select(v, ctx.query.select.as_ref(), &[])
        })
        .collect();
    ok(json!({"@odata.context": context(ctx, "sites"), "value": v}))
}

fn sites_search(ctx: &Ctx) -> GraphResult {
    not_for_personal(ctx)?;
    ctx.require(&["Sites.Read.All"], GraphError::access_denied)?;
    let Some(q) = &ctx.query.search else {
        return Err(GraphError::bad_request(
            "The 'search' query option is required to list sites.",
        ));
    };
    if let Some((prop, _)) = &ctx.query.orderby {
        if prop != "createdDateTime" {
            return Err(GraphError::bad_request(format!(
                "Sorting on '{prop}' is not supported for site search."
            )));
        }
    }
    let needle = q.trim_matches('"').to_lowercase();
    let store = ctx.st.store.read();
    let hits: Vec<Value> = store
        .sites
        .iter()
        .filter(|s| {
            needle == "*"
                || needle.is_empty()
                || [&s.name, &s.display_name, &s.description]
                    .iter()
                    .any(|f| f.to_lowercase().contains(&needle))
        })
        .map(|s| select(render::site(&ctx.st, s), ctx.query.select.as_ref(), &[]))
        .collect();
    let total = hits.len();
    let body = collection(ctx, &context(ctx, "sites"), total, DEFAULT_TOP, |o, l| {
        hits.into_iter().skip(o).take(l).collect()
    })?;
    ok(body)
}

fn site_get(ctx: &Ctx, id: &str) -> GraphResult {
    not_for_personal(ctx)?;
    ctx.require(&["Sites.Read.All"], GraphError::access_denied)?;
    let store = ctx.st.store.read();
    let s = store
        .site(id)
        .ok_or_else(|| GraphError::new(404, "itemNotFound", "Requested site could not be found"))?;
    let mut v = select(render::site(&ctx.st, s), ctx.query.select.as_ref(), &[]);
    v["@odata.context"] = json!(context(ctx, "sites/$entity"));
    ok(v)
}

fn drives_value(ctx: &Ctx, store: &Store, ids: &[String]) -> Vec<Value> {
    ids.iter()
        .filter_map(|d| store.drives.get(d))
        .map(|d| {
            select(
                render::drive(&ctx.st, store, d),
                ctx.query.select.as_ref(),
                &[],
            )
        })
        .collect()
}

fn site_drives(ctx: &Ctx, id: &str) -> GraphResult {
    not_for_personal(ctx)?;
    ctx.require(READ_ALL, GraphError::access_denied)?;
    let store = ctx.st.store.read();
    let s = store
        .site(id)
        .ok_or_else(|| GraphError::new(404, "itemNotFound", "Requested site could not be found"))?;
    ok(
        json!({"@odata.context": context(ctx, "drives"), "value": drives_value(ctx, &store, &s.drives)}),
    )
}

fn group_drives(ctx: &Ctx, id: &str) -> GraphResult {
    not_for_personal(ctx)?;
    ctx.require(READ_ALL, GraphError::access_denied)?;
    let store = ctx.st.store.read();
    let t = store.team(id).ok_or_else(|| GraphError::new(404, "Request_ResourceNotFound", format!("Resource '{id}' does not exist or one of its queried reference-property objects are not present.")))?;
    let s = store.site(&t.site_id).ok_or_else(GraphError::not_found)?;
    ok(
        json!({"@odata.context": context(ctx, "drives"), "value": drives_value(ctx, &store, &s.drives)}),
    )
}

fn site_default_drive(ctx: &Ctx, id: &str) -> Result<String, GraphError> {
    not_for_personal(ctx)?;
    let store = ctx.st.store.read();
    let s = store
        .site(id)
        .ok_or_else(|| GraphError::new(404, "itemNotFound", "Requested site could not be found"))?;
    s.drives.first().cloned().ok_or_else(GraphError::not_found)
}

fn group_default_drive(ctx: &Ctx, id: &str) -> Result<String, GraphError> {
    not_for_personal(ctx)?;
    let store = ctx.st.store.read();
    let t = store.team(id).ok_or_else(|| GraphError::new(404, "Request_ResourceNotFound", format!("Resource '{id}' does not exist or one of its queried reference-property objects are not present.")))?;
    let s = store.site(&t.site_id).ok_or_else(GraphError::not_found)?;
    s.drives.first().cloned().ok_or_else(GraphError::not_found)
}

fn teams_forbidden(needed: &'static str) -> impl Fn() -> GraphError {
    move || {
        GraphError::new(403, "Forbidden", format!("Missing scope permissions on the request. API requires one of '{needed}'. Scopes on the request '{{scopes}}'"))
    }
}

fn joined_teams(ctx: &Ctx) -> GraphResult {
    not_for_personal(ctx)?;
    if !ctx.has_any(&["Team.ReadBasic.All", "Group.Read.All"]) {
        return Err(teams_forbidden("Team.ReadBasic.All, TeamSettings.Read.All, TeamSettings.ReadWrite.All, User.Read.All, Directory.Read.All, User.ReadWrite.All, Directory.ReadWrite.All")().with_scopes(&ctx.grant.scopes));
    }
    let store = ctx.st.store.read();
    let v: Vec<Value> = ctx
        .user
        .joined_teams
        .iter()
        .filter_map(|t| store.team(t))
        .map(render::team)
        .collect();
    ok(json!({"@odata.context": context(ctx, "teams"), "@odata.count": v.len(), "value": v}))
}

fn channels(ctx: &Ctx, team: &str) -> GraphResult {
    not_for_personal(ctx)?;
    if !ctx.has_any(&["Channel.ReadBasic.All", "Group.Read.All"]) {
        return Err(teams_forbidden("Channel.ReadBasic.All, ChannelSettings.Read.All, ChannelSettings.ReadWrite.All, Group.Read.All, Group.ReadWrite.All, Directory.Read.All, Directory.ReadWrite.All")().with_scopes(&ctx.grant.scopes));
    }
    let store = ctx.st.store.read();
    let t = joined_team(ctx, &store, team)?;
    let v: Vec<Value> = t
        .channels
        .iter()
        .map(|c| {
            json!({
                "id": c.id, "createdDateTime": "2025-01-06T09:00:00Z", "displayName": c.display_name,
                "description": c.description, "isFavoriteByDefault": null, "email": "",
                "tenantId": crate::seed::CONTOSO_TENANT,
                "webUrl": format!("{}/_teams/l/channel/{}", ctx.st.base, crate::util::encode_query(&c.id)),
                "membershipType": "standard",
            })
        })
        .collect();
    ok(
        json!({"@odata.context": context(ctx, &format!("teams('{team}')/channels")), "@odata.count": v.len(), "value": v}),
    )
}

/// A team the signed-in user is a direct member of.
fn joined_team<'a>(ctx: &Ctx, store: &'a Store, team: &str) -> Result<&'a Team, GraphError> {
    store
        .team(team)
        .filter(|t| ctx.user.joined_teams.contains(&t.id))
        .ok_or_else(|| {
            GraphError::new(
                404,
                "NotFound",
                format!("No team found with Group Id {team}"),
            )
        })
}

fn files_folder(ctx: &Ctx, team: &str, channel: &str) -> GraphResult {
    not_for_personal(ctx)?;
    ctx.require(READ_ALL, GraphError::access_denied)?;
    let store = ctx.st.store.read();
    let t = joined_team(ctx, &store, team)?;
    let c = t
        .channels
        .iter()
        .find(|c| c.id == channel)
        .ok_or_else(|| GraphError::new(404, "NotFound", "Channel not found"))?;
    let site = store.site(&t.site_id).ok_or_else(GraphError::not_found)?;
    let d = store
        .drives
        .get(&site.drives[0])
        .ok_or_else(GraphError::not_found)?;
    let item = d.get(&c.folder_id).ok_or_else(GraphError::not_found)?;
    let mut v = render::item(&ctx.st, &store, d, &item);
    v["@odata.context"] = json!(context(
        ctx,
        &format!(
            "teams('{team}')/channels('{}')/filesFolder/$entity",
            crate::util::encode_query(channel)
        )
    ));
    ok(v)
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

/// Looks up the existing item a request names, checking access.
pub fn existing(
    ctx: &Ctx,
    store: &Store,
    drive_id: &str,
    sel: &ItemSel,
    write: bool,
) -> Result<Item, GraphError> {
    let drive = store
        .drives
        .get(drive_id)
        .ok_or_else(GraphError::not_found)?;
    let item = match resolve(drive, sel)? {
        Target::Item(i) => i,
        Target::Missing { .. } => return Err(GraphError::not_found()),
    };
    check_access(ctx, store, drive, &item, write)?;
    Ok(item)
}

fn with_thumbnails(ctx: &Ctx, drive: &Drive, item: &Item, mut v: Value) -> Value {
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

fn item_get(ctx: &Ctx, drive_id: &str, sel: &ItemSel) -> GraphResult {
    let store = ctx.st.store.read();
    let drive = store
        .drives
        .get(drive_id)
        .ok_or_else(GraphError::not_found)?;
    let item = existing(ctx, &store, drive_id, sel, false)?;
    if let Some(inm) = ctx
        .headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
    {
        if render::etag_matches(drive, &item, inm) {
            return Ok(StatusCode::NOT_MODIFIED.into_response());
        }
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

fn children(ctx: &Ctx, drive_id: &str, sel: &ItemSel) -> GraphResult {
    let store = ctx.st.store.read();
    let drive = store
        .drives
        .get(drive_id)
        .ok_or_else(GraphError::not_found)?;
    let folder = existing(ctx, &store, drive_id, sel, false)?;
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

fn content(ctx: &Ctx, drive_id: &str, sel: &ItemSel) -> GraphResult {
    let store = ctx.st.store.read();
    let drive = store
        .drives
        .get(drive_id)
        .ok_or_else(GraphError::not_found)?;
    let item = existing(ctx, &store, drive_id, sel, false)?;
    if item.is_folder() {
        return Err(GraphError::not_found());
    }
    if let Some(inm) = ctx
        .headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
    {
        if render::etag_matches(drive, &item, inm) {
            return Ok(StatusCode::NOT_MODIFIED.into_response());
        }
    }
    let url = render::download_url(&ctx.st, drive, &item);
    let mut r = StatusCode::FOUND.into_response();
    r.headers_mut()
        .insert(header::LOCATION, HeaderValue::from_str(&url).unwrap());
    Ok(r)
}

fn thumbnails(ctx: &Ctx, drive_id: &str, sel: &ItemSel, tail: &[&str]) -> GraphResult {
    let store = ctx.st.store.read();
    let drive = store
        .drives
        .get(drive_id)
        .ok_or_else(GraphError::not_found)?;
    let item = existing(ctx, &store, drive_id, sel, false)?;
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
        _ => Err(segment_error(tail.last().unwrap())),
    }
}

/// Search results are capped, as index-backed search is.
const SEARCH_LIMIT: usize = 1000;

fn search_text(seg: &str) -> Result<String, GraphError> {
    let decoded = decode_path(seg);
    Ok(odata::parse_search(&decoded)?
        .unwrap_or_default()
        .to_lowercase())
}

fn folder_search(ctx: &Ctx, drive_id: &str, sel: &ItemSel, seg: &str) -> GraphResult {
    let needle = search_text(seg)?;
    let store = ctx.st.store.read();
    let drive = store
        .drives
        .get(drive_id)
        .ok_or_else(GraphError::not_found)?;
    let folder = existing(ctx, &store, drive_id, sel, false)?;
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

fn drive_search(ctx: &Ctx, store: &Store, drive: &Drive, seg: &str) -> GraphResult {
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

fn recent(ctx: &Ctx, store: &Store) -> GraphResult {
    ctx.require(READ_OWN, GraphError::access_denied)?;
    if let Some(r) = retired(ctx) {
        return r;
    }
    let drive = store
        .drives
        .get(&ctx.user.drive_id)
        .ok_or_else(GraphError::not_found)?;
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

fn shared_with_me(ctx: &Ctx, store: &Store) -> GraphResult {
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
