//! `/shares/{id}`: an item by a sharing link, a share id or its own URL (`u!` and the URL's
//! unpadded base64url), each granting what it should and no more.

use super::*;

/// Graph's documented encoding of a sharing URL.
fn encode(url: &str) -> String {
    format!("u!{}", emulator::util::b64url(url))
}

/// A GET with a `Prefer` header.
async fn get_preferring(env: &Env, token: &str, path: &str, prefer: &str) -> reqwest::Response {
    env.http
        .get(env.graph(path))
        .bearer_auth(token)
        .header("Prefer", prefer)
        .send()
        .await
        .unwrap()
}

/// Megan makes a link to `path` in her drive; returns the permission.
async fn link(env: &Env, megan: &str, path: &str, kind: &str, scope: &str) -> Value {
    let r = env
        .post_json(
            megan,
            &format!("/me/drive/root:/{path}:/createLink"),
            json!({"type": kind, "scope": scope}),
        )
        .await;
    assert!(r.status().is_success(), "createLink {path}");
    json_checked(r, "microsoft.graph.permission").await
}

#[tokio::test]
async fn an_items_own_urls_name_it_for_those_who_may_see_it() {
    let env = start().await;
    let t = env.token(ADELE).await;
    for path in ["/me/drive/root:/Documents", "/me/drive/root:/Budget.xlsx"] {
        let item = env.get_ok(&t, path, ITEM).await;
        let web = item["webUrl"].as_str().unwrap();
        let found = env
            .get_ok(&t, &format!("/shares/{}/driveItem", encode(web)), ITEM)
            .await;
        assert_eq!(found["id"], item["id"], "{web}");
        assert_eq!(
            found["parentReference"]["driveId"],
            item["parentReference"]["driveId"]
        );
        let summary = env
            .get_ok(
                &t,
                &format!("/shares/{}", encode(web)),
                "microsoft.graph.entity",
            )
            .await;
        assert_eq!(summary["name"], item["name"]);
        assert_eq!(summary["owner"]["user"]["displayName"], "Adele Vance");
    }
    // Megan's private file: its URL is no way in for Adele.
    let m = env.token(MEGAN).await;
    let private = env
        .get_ok(&m, "/me/drive/root:/Private notes.docx", ITEM)
        .await;
    let url = encode(private["webUrl"].as_str().unwrap());
    env.get_err(&t, &format!("/shares/{url}/driveItem"), 403, "accessDenied")
        .await;
    // What names nothing, or is malformed, is not found.
    for id in [
        "abc".to_string(),
        "u!!!!".to_string(),
        encode("https://evil.example/personal/x"),
        encode(&format!("{}/personal/nobody/Documents/x.docx", env.base)),
        "u!".to_string(),
    ] {
        env.get_err(&t, &format!("/shares/{id}/driveItem"), 404, "itemNotFound")
            .await;
    }
    env.get_err(
        &t,
        &format!("/shares/{url}/driveItem/nope"),
        400,
        "BadRequest",
    )
    .await;
}

/// A `/shares/{id}/driveItem` path for the link of a `createLink` answer.
fn link_path(permission: &Value) -> String {
    format!(
        "/shares/{}/driveItem",
        encode(permission["link"]["webUrl"].as_str().unwrap())
    )
}

#[tokio::test]
async fn an_organization_link_is_redeemed_only_when_asked_and_the_grant_is_kept() {
    let env = start().await;
    let m = env.token(MEGAN).await;
    let t = env.token(ADELE).await;
    let org = link(&env, &m, "Drafts", "view", "organization").await;
    let path = link_path(&org);
    // Without a Prefer header the link is not redeemed: Adele has no access of her own.
    env.get_err(&t, &path, 403, "accessDenied").await;
    // For this request only.
    let r = get_preferring(&env, &t, &path, "redeemSharingLinkIfNecessary").await;
    let folder = json_checked(r, ITEM).await;
    assert_eq!(folder["name"], "Drafts");
    let drive = folder["parentReference"]["driveId"].as_str().unwrap();
    let children = format!(
        "/drives/{drive}/items/{}/children",
        folder["id"].as_str().unwrap()
    );
    env.get_err(&t, &children, 403, "accessDenied").await;
    // Redeemed: the folder and what is in it stay open to her.
    let r = get_preferring(&env, &t, &path, "redeemSharingLink").await;
    assert_eq!(r.status(), 200);
    let listed = env.get_ok(&t, &children, ITEMS).await;
    assert_eq!(names(&listed), ["Outline.docx"]);
    // The share id createLink answered names the item too.
    let by_id = env
        .get_ok(
            &m,
            &format!("/shares/{}/driveItem", org["shareId"].as_str().unwrap()),
            ITEM,
        )
        .await;
    assert_eq!(by_id["id"], folder["id"]);
    let post = env.post_json(&t, &path, json!({})).await;
    graph_error(post, 405, "BadRequest").await;
}

#[tokio::test]
async fn a_link_lets_in_whom_its_scope_names() {
    let env = start().await;
    let m = env.token(MEGAN).await;
    // Another organisation's personal account: not by an organization link, yes by anyone's.
    let p = env.token(PAT).await;
    let org = link(&env, &m, "Drafts", "view", "organization").await;
    let r = get_preferring(&env, &p, &link_path(&org), "redeemSharingLink").await;
    graph_error(r, 403, "accessDenied").await;
    let anyone = link(&env, &m, "Private notes.docx", "view", "anonymous").await;
    let r = get_preferring(&env, &p, &link_path(&anyone), "redeemSharingLink").await;
    assert_eq!(json_checked(r, ITEM).await["name"], "Private notes.docx");
    // A link for specific people lets in only those who have access.
    let people = link(&env, &m, "Drafts/Outline.docx", "edit", "users").await;
    let r = get_preferring(&env, &p, &link_path(&people), "redeemSharingLink").await;
    graph_error(r, 403, "accessDenied").await;
}

#[tokio::test]
async fn shares_need_a_write_scope() {
    // Microsoft lists Files.ReadWrite as the least permission (a fresh tenant: a token holds
    // every scope consented to before).
    let fresh = start().await;
    let read = fresh.login(ADELE, "openid User.Read Files.Read.All").await;
    let read = read["access_token"].as_str().unwrap();
    let own = fresh.get_ok(read, "/me/drive/root:/Documents", ITEM).await;
    let own = format!(
        "/shares/{}/driveItem",
        encode(own["webUrl"].as_str().unwrap())
    );
    fresh.get_err(read, &own, 403, "accessDenied").await;
}
