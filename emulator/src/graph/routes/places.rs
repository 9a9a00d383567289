//! Who the user is and where their files are: drives, followed sites, teams and channels.

use serde_json::{json, Value};

use crate::graph::ctx::{context, not_for_personal, ok, Ctx, READ_ALL, READ_OWN};
use crate::graph::error::{GraphError, GraphResult};
use crate::graph::odata::{select, DEFAULT_TOP};
use crate::graph::paging::collection;
use crate::graph::render;
use crate::graph::resolve::find_drive;
use crate::store::{Store, Team};

pub(super) fn me(ctx: &Ctx) -> GraphResult {
    ctx.require(&["User.Read", "User.ReadBasic.All"], || {
        GraphError::new(
            403,
            "Authorization_RequestDenied",
            "Insufficient privileges to complete the operation.",
        )
    })?;
    let mut v = render::places::user(&ctx.st, &ctx.user);
    let sel: Vec<String> = match &ctx.query.select {
        Some(s) => s.clone(),
        None => render::places::USER_DEFAULT
            .iter()
            .map(|s| s.to_string())
            .collect(),
    };
    v = select(v, Some(&sel), &[]);
    v["@odata.context"] = json!(context(ctx, "users/$entity"));
    ok(v)
}

pub(super) fn my_drives(ctx: &Ctx) -> GraphResult {
    ctx.require(READ_OWN, GraphError::access_denied)?;
    let store = ctx.st.store.read();
    let d = find_drive(&store, &ctx.user.drive_id)?;
    let v = vec![select(
        render::places::drive(&ctx.st, &store, d),
        ctx.query.select.as_ref(),
        &[],
    )];
    ok(json!({"@odata.context": context(ctx, "drives"), "value": v}))
}

pub(super) fn followed_sites(ctx: &Ctx) -> GraphResult {
    not_for_personal(ctx)?;
    ctx.require(&["Sites.Read.All"], GraphError::access_denied)?;
    let store = ctx.st.store.read();
    let v: Vec<Value> = ctx
        .user
        .followed_sites
        .iter()
        .filter_map(|id| store.site(id))
        .map(|s| {
            let full = render::places::site(&ctx.st, s);
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

pub(super) fn sites_search(ctx: &Ctx) -> GraphResult {
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
        .map(|s| {
            select(
                render::places::site(&ctx.st, s),
                ctx.query.select.as_ref(),
                &[],
            )
        })
        .collect();
    let total = hits.len();
    let body = collection(ctx, &context(ctx, "sites"), total, DEFAULT_TOP, |o, l| {
        hits.into_iter().skip(o).take(l).collect()
    })?;
    ok(body)
}

pub(super) fn site_get(ctx: &Ctx, id: &str) -> GraphResult {
    not_for_personal(ctx)?;
    ctx.require(&["Sites.Read.All"], GraphError::access_denied)?;
    let store = ctx.st.store.read();
    let s = store
        .site(id)
        .ok_or_else(|| GraphError::new(404, "itemNotFound", "Requested site could not be found"))?;
    let mut v = select(
        render::places::site(&ctx.st, s),
        ctx.query.select.as_ref(),
        &[],
    );
    v["@odata.context"] = json!(context(ctx, "sites/$entity"));
    ok(v)
}

fn drives_value(ctx: &Ctx, store: &Store, ids: &[String]) -> Vec<Value> {
    ids.iter()
        .filter_map(|d| store.drives.get(d))
        .map(|d| {
            select(
                render::places::drive(&ctx.st, store, d),
                ctx.query.select.as_ref(),
                &[],
            )
        })
        .collect()
}

pub(super) fn site_drives(ctx: &Ctx, id: &str) -> GraphResult {
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

pub(super) fn group_drives(ctx: &Ctx, id: &str) -> GraphResult {
    not_for_personal(ctx)?;
    ctx.require(READ_ALL, GraphError::access_denied)?;
    let store = ctx.st.store.read();
    let t = store.team(id).ok_or_else(|| GraphError::new(404, "Request_ResourceNotFound", format!("Resource '{id}' does not exist or one of its queried reference-property objects are not present.")))?;
    let s = store.site(&t.site_id).ok_or_else(GraphError::not_found)?;
    ok(
        json!({"@odata.context": context(ctx, "drives"), "value": drives_value(ctx, &store, &s.drives)}),
    )
}

pub(super) fn site_default_drive(ctx: &Ctx, id: &str) -> Result<String, GraphError> {
    not_for_personal(ctx)?;
    let store = ctx.st.store.read();
    let s = store
        .site(id)
        .ok_or_else(|| GraphError::new(404, "itemNotFound", "Requested site could not be found"))?;
    s.drives.first().cloned().ok_or_else(GraphError::not_found)
}

pub(super) fn group_default_drive(ctx: &Ctx, id: &str) -> Result<String, GraphError> {
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

pub(super) fn joined_teams(ctx: &Ctx) -> GraphResult {
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
        .map(render::places::team)
        .collect();
    ok(json!({"@odata.context": context(ctx, "teams"), "@odata.count": v.len(), "value": v}))
}

pub(super) fn channels(ctx: &Ctx, team: &str) -> GraphResult {
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

pub(super) fn files_folder(ctx: &Ctx, team: &str, channel: &str) -> GraphResult {
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
    let d = find_drive(&store, &site.drives[0])?;
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
