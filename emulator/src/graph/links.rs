//! Sharing links (`createLink`) and embeddable previews (`preview`).

use axum::http::StatusCode;
use chrono::Duration;
use serde_json::{json, Value};

use super::ctx::Ctx;
use super::error::{json_response, GraphError, GraphResult};
use super::resolve::{existing, ItemSel};
use super::write::{json_body, required};
use crate::crypto::Sealed;
use crate::store::DriveType;
use crate::util::random_token;

/// `POST …/createLink`
pub fn create_link(ctx: &Ctx, drive_id: &str, sel: &ItemSel) -> GraphResult {
    let body = json_body(ctx)?;
    let kind = required(&body, "type")?.to_string();
    let scope = body["scope"].as_str().unwrap_or("organization").to_string();
    let mut store = ctx.st.store.write();
    let (_, item) = existing(ctx, &store, drive_id, sel, true)?;
    let drive = store
        .drives
        .get_mut(drive_id)
        .ok_or_else(GraphError::not_found)?;
    let personal = drive.drive_type == DriveType::Personal;
    check_link(ctx, &body, &kind, &scope, personal)?;
    let key = (item.id.clone(), kind.clone(), scope.clone());
    let (id, status) = match drive.links.get(&key) {
        Some(id) => (id.clone(), StatusCode::OK),
        None => {
            let id = random_token(12);
            drive.links.insert(key, id.clone());
            (id, StatusCode::CREATED)
        }
    };
    let token = ctx.st.keys.seal(
        Sealed::Share,
        &format!("{}|{}|{kind}|{scope}", drive.id, item.id),
    );
    let mut v = json!({
        "@odata.context": format!("{}/v1.0/$metadata#permission", ctx.st.base),
        "id": id,
        "roles": [if kind == "edit" { "write" } else { "read" }],
        "shareId": format!("u!{}", crate::util::b64url(&token)),
        "hasPassword": body.get("password").is_some(),
        "link": link(ctx, &kind, &scope, &token),
    });
    if let Some(expires) = body.get("expirationDateTime").filter(|e| !e.is_null()) {
        v["expirationDateTime"] = expires.clone();
    }
    Ok(json_response(status, &v))
}

/// The link types and scopes each kind of drive offers, and the organisation's policy.
fn check_link(
    ctx: &Ctx,
    body: &Value,
    kind: &str,
    scope: &str,
    personal: bool,
) -> Result<(), GraphError> {
    match (kind, personal) {
        ("view" | "edit", _) | ("embed", true) => {}
        ("embed", false) => {
            return Err(GraphError::bad_request(
                "The sharing link type 'embed' is only supported on OneDrive personal.",
            ))
        }
        (other, _) => {
            return Err(GraphError::bad_request(format!(
                "Invalid sharing link type '{other}'."
            )))
        }
    }
    if !matches!(scope, "anonymous" | "organization" | "users")
        || (personal && scope == "organization")
    {
        return Err(GraphError::bad_request(format!(
            "Invalid sharing link scope '{scope}'."
        )));
    }
    let allowed = ctx.st.settings.link_scopes.as_ref();
    if allowed.is_some_and(|a| !a.iter().any(|s| s.trim() == scope)) {
        return Err(GraphError::new(
            403,
            "accessDenied",
            format!("Sharing links with the scope '{scope}' are turned off by the organization's sharing policy."),
        ));
    }
    if body.get("password").is_some() && !personal {
        return Err(GraphError::bad_request(
            "Passwords on sharing links are only supported on OneDrive personal.",
        ));
    }
    Ok(())
}

/// The permission's `link` facet: the sharing page's URL (an iframe too, for `embed`).
fn link(ctx: &Ctx, kind: &str, scope: &str, token: &str) -> Value {
    let app = ctx
        .st
        .apps
        .iter()
        .find(|a| a.client_id == ctx.grant.client_id);
    let mut link = json!({
        "type": kind,
        "scope": scope,
        "webUrl": format!("{}/_share/{token}", ctx.st.base),
        "application": {"id": ctx.grant.client_id, "displayName": app.map(|a| a.display_name.clone())},
        "preventsDownload": false,
    });
    if kind == "embed" {
        link["webHtml"] = json!(format!("<iframe src=\"{}/_share/{token}?embed=1\" width=\"98\" height=\"120\" frameborder=\"0\" scrolling=\"no\"></iframe>", ctx.st.base));
    }
    link
}

/// `POST …/preview`
pub fn preview(ctx: &Ctx, drive_id: &str, sel: &ItemSel) -> GraphResult {
    let store = ctx.st.store.read();
    let (drive, item) = existing(ctx, &store, drive_id, sel, false)?;
    if drive.drive_type == DriveType::Personal {
        return Err(GraphError::new(
            501,
            "notSupported",
            "Preview is only available on OneDrive for Business and SharePoint.",
        ));
    }
    if item.is_folder() {
        return Err(GraphError::bad_request("Folders cannot be previewed."));
    }
    let body = json_body(ctx)?;
    let exp = (ctx.st.clock.now() + Duration::minutes(15)).timestamp();
    let token = ctx
        .st
        .keys
        .seal(Sealed::Preview, &format!("{}|{}|{exp}", drive.id, item.id));
    let mut url = format!("{}/_preview/{token}", ctx.st.base);
    if let Some(page) = body.get("page").filter(|p| !p.is_null()) {
        url.push_str(&format!(
            "?page={}",
            page.as_str()
                .map(String::from)
                .unwrap_or_else(|| page.to_string())
        ));
    }
    Ok(json_response(
        StatusCode::OK,
        &json!({
            "@odata.context": format!("{}/v1.0/$metadata#microsoft.graph.itemPreviewInfo", ctx.st.base),
            "getUrl": url, "postParameters": null, "postUrl": null,
        }),
    ))
}
