//! Thumbnails, search, Recent and Shared, SharePoint sites and Teams.

use super::*;

#[tokio::test]
async fn thumbnails_are_real_images() {
    let env = start().await;
    let t = env.token(ADELE).await;
    let pics = env
        .get_ok(
            &t,
            "/me/drive/root:/Pictures:/children?$expand=thumbnails",
            ITEMS,
        )
        .await;
    let photo = find(&pics, "site-visit.png");
    assert_eq!(photo["image"]["width"], 4032);
    let set = &photo["thumbnails"][0];
    check("microsoft.graph.thumbnailSet", set);
    assert_eq!(
        (
            set["small"]["width"].as_u64(),
            set["small"]["height"].as_u64()
        ),
        (Some(96), Some(72))
    );
    assert_eq!(set["large"]["width"], 800);
    let png = env
        .http
        .get(set["medium"]["url"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(png.headers()["content-type"], "image/png");
    assert_eq!(png_size(&png.bytes().await.unwrap()), (176, 132));
    // Office files get a page preview; folders have no thumbnails.
    let docs = env
        .get_ok(
            &t,
            "/me/drive/root/children?$expand=thumbnails($select=medium)",
            ITEMS,
        )
        .await;
    let welcome = find(&docs, "Welcome.docx");
    assert!(
        welcome["thumbnails"][0].get("small").is_none(),
        "$select narrows sizes"
    );
    let icon = env
        .http
        .get(welcome["thumbnails"][0]["medium"]["url"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    // A document's thumbnail is a raster image, as the service renders it (never SVG).
    assert_eq!(icon.headers()["content-type"], "image/png");
    assert_eq!(png_size(&icon.bytes().await.unwrap()), (176, 176));
    assert_eq!(find(&docs, "Documents")["thumbnails"], json!([]));
    // The thumbnails endpoint, one size, custom crops, and /content.
    let id = photo["id"].as_str().unwrap();
    env.get_ok(
        &t,
        &format!("/me/drive/items/{id}/thumbnails"),
        "microsoft.graph.thumbnailSetCollectionResponse",
    )
    .await;
    let one = env
        .get_ok(
            &t,
            &format!("/me/drive/items/{id}/thumbnails/0/small"),
            "microsoft.graph.thumbnail",
        )
        .await;
    assert_eq!(one["width"], 96);
    let crop = env
        .get_ok(
            &t,
            &format!("/me/drive/items/{id}/thumbnails?$select=c300x400_crop"),
            "microsoft.graph.thumbnailSetCollectionResponse",
        )
        .await;
    assert_eq!(
        (
            crop["value"][0]["c300x400_crop"]["width"].as_u64(),
            crop["value"][0]["c300x400_crop"]["height"].as_u64()
        ),
        (Some(300), Some(400))
    );
    let r = env
        .get(
            &t,
            &format!("/me/drive/items/{id}/thumbnails/0/large/content"),
        )
        .await;
    assert_eq!(r.status(), 302);
    let img = env
        .http
        .get(r.headers()[LOCATION].to_str().unwrap())
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    assert_eq!(png_size(&img), (800, 600));
    // Tampered thumbnail URLs are refused.
    let bad = set["medium"]["url"]
        .as_str()
        .unwrap()
        .replace("_thumbnails/", "_thumbnails/x");
    assert_eq!(env.http.get(bad).send().await.unwrap().status(), 401);
}

#[tokio::test]
async fn search_recent_and_shared() {
    let env = start().await;
    let t = env.token(ADELE).await;
    let hits = env
        .get_ok(&t, "/me/drive/root/search(q='forecast')", ITEMS)
        .await;
    let f = find(&hits, "Q3 Forecast.xlsx");
    assert!(f["searchResult"].is_object());
    let quote = env
        .get_ok(&t, "/me/drive/root/search(q='''single''')", ITEMS)
        .await;
    assert!(names(&quote).iter().any(|n| n.contains("'single'")));
    env.get_err(&t, "/me/drive/root/search(q='it's')", 400, "invalidRequest")
        .await;
    let empty = env
        .get_ok(&t, "/me/drive/root/search(q='zzzznothing')", ITEMS)
        .await;
    assert_eq!(empty["value"], json!([]));
    let drive_wide = env.get_ok(&t, "/me/drive/search(q='budget')", ITEMS).await;
    assert!(find(&drive_wide, "Budget 2026.xlsx")["remoteItem"].is_object());
    let big = env
        .get_ok(&t, "/me/drive/root/search(q='item 09999')", ITEMS)
        .await;
    assert_eq!(
        big["value"].as_array().unwrap().len(),
        10,
        "items 099990-099999 of the huge folder"
    );

    let recent = env.get_ok(&t, "/me/drive/recent", ITEMS).await;
    assert!(!recent["value"].as_array().unwrap().is_empty());
    assert!(recent["value"]
        .as_array()
        .unwrap()
        .iter()
        .any(|i| i["remoteItem"].is_object()));
    let shared = env.get_ok(&t, "/me/drive/sharedWithMe", ITEMS).await;
    let s = find(&shared, "Budget 2026.xlsx");
    assert_eq!(
        s["remoteItem"]["shared"]["owner"]["user"]["displayName"],
        "Megan Bowen"
    );
    env.get_err(
        &t,
        "/me/drive/sharedWithMe?$orderby=name",
        400,
        "invalidRequest",
    )
    .await;
    // The shared item opens in its own drive; Megan's private one does not.
    let remote = &s["remoteItem"];
    let path = format!(
        "/drives/{}/items/{}",
        remote["parentReference"]["driveId"].as_str().unwrap(),
        remote["id"].as_str().unwrap()
    );
    env.get_ok(&t, &path, ITEM).await;
    let megan_drive = remote["parentReference"]["driveId"].as_str().unwrap();
    env.get_err(
        &t,
        &format!("/drives/{megan_drive}/root:/Private%20notes.docx"),
        403,
        "accessDenied",
    )
    .await;
}

#[tokio::test]
async fn sharepoint_sites_and_teams() {
    let env = start().await;
    let t = env.token(ADELE).await;
    let followed = env
        .get_ok(
            &t,
            "/me/followedSites",
            "microsoft.graph.siteCollectionResponse",
        )
        .await;
    assert_eq!(followed["value"].as_array().unwrap().len(), 2);
    let found = env
        .get_ok(
            &t,
            "/sites?search=portal",
            "microsoft.graph.siteCollectionResponse",
        )
        .await;
    let site_id = found["value"][0]["id"].as_str().unwrap().to_string();
    assert_eq!(found["value"][0]["displayName"], "Contoso Portal");
    env.get_ok(&t, &format!("/sites/{site_id}"), "microsoft.graph.site")
        .await;
    let drives = env
        .get_ok(
            &t,
            &format!("/sites/{site_id}/drives"),
            "microsoft.graph.driveCollectionResponse",
        )
        .await;
    assert_eq!(drives["value"].as_array().unwrap().len(), 2);
    assert_eq!(drives["value"][0]["driveType"], "documentLibrary");
    let lib = env
        .get_ok(&t, &format!("/sites/{site_id}/drive/root/children"), ITEMS)
        .await;
    assert!(names(&lib).contains(&"Brand guidelines.pdf".to_string()));
    let teams = env
        .get_ok(
            &t,
            "/me/joinedTeams",
            "microsoft.graph.teamCollectionResponse",
        )
        .await;
    let team = &teams["value"][0];
    assert_eq!(team["displayName"], "Project Falcon");
    assert!(
        team["webUrl"].is_null(),
        "joinedTeams leaves most properties null"
    );
    let team_id = team["id"].as_str().unwrap();
    let channels = env
        .get_ok(
            &t,
            &format!("/teams/{team_id}/channels"),
            "microsoft.graph.channelCollectionResponse",
        )
        .await;
    let general = channels["value"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["displayName"] == "General")
        .unwrap();
    let folder = env
        .get_ok(
            &t,
            &format!(
                "/teams/{team_id}/channels/{}/filesFolder",
                emulator::util::encode_query(general["id"].as_str().unwrap())
            ),
            ITEM,
        )
        .await;
    assert_eq!(folder["parentReference"]["driveType"], "documentLibrary");
    let files = env
        .get_ok(
            &t,
            &format!(
                "/drives/{}/items/{}/children",
                folder["parentReference"]["driveId"].as_str().unwrap(),
                folder["id"].as_str().unwrap()
            ),
            ITEMS,
        )
        .await;
    assert!(names(&files).contains(&"Falcon charter.docx".to_string()));
    let group_drive = env
        .get_ok(
            &t,
            &format!("/groups/{team_id}/drive"),
            "microsoft.graph.drive",
        )
        .await;
    assert_eq!(group_drive["id"], folder["parentReference"]["driveId"]);
    // Personal accounts have no SharePoint.
    let p = env.token(PAT).await;
    env.get_err(&p, "/me/followedSites", 400, "BadRequest")
        .await;
}
