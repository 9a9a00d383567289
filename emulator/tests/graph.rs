//! Graph v1.0 over HTTP: every endpoint the picker uses, its failure paths, and schema validation
//! of every JSON body.

mod common;

use std::collections::HashSet;

use common::*;
use reqwest::header::{ACCESS_CONTROL_ALLOW_ORIGIN, LOCATION, ORIGIN};
use serde_json::{json, Value};

const ITEMS: &str = "microsoft.graph.driveItemCollectionResponse";
const ITEM: &str = "microsoft.graph.driveItem";

fn names(page: &Value) -> Vec<String> {
    page["value"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["name"].as_str().unwrap().to_string())
        .collect()
}

fn find<'a>(page: &'a Value, name: &str) -> &'a Value {
    page["value"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["name"] == name)
        .unwrap_or_else(|| panic!("{name} in {:?}", names(page)))
}

fn png_size(png: &[u8]) -> (u32, u32) {
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    (
        u32::from_be_bytes(png[16..20].try_into().unwrap()),
        u32::from_be_bytes(png[20..24].try_into().unwrap()),
    )
}

#[tokio::test]
async fn me_and_drives() {
    let env = start().await;
    let t = env.token(ADELE).await;
    let me = env.get_ok(&t, "/me", "microsoft.graph.user").await;
    let keys: HashSet<&str> = me.as_object().unwrap().keys().map(String::as_str).collect();
    for k in [
        "businessPhones",
        "displayName",
        "givenName",
        "id",
        "jobTitle",
        "mail",
        "mobilePhone",
        "officeLocation",
        "preferredLanguage",
        "surname",
        "userPrincipalName",
    ] {
        assert!(keys.contains(k), "{k}");
    }
    assert!(!keys.contains("mySite"), "only default properties");
    let sel = env
        .get_ok(&t, "/me?$select=mySite,displayName", "microsoft.graph.user")
        .await;
    assert!(sel["mySite"].is_string() && sel.get("surname").is_none());
    let drive = env.get_ok(&t, "/me/drive", "microsoft.graph.drive").await;
    assert_eq!(drive["driveType"], "business");
    assert!(drive["id"].as_str().unwrap().starts_with("b!"));
    let same = env
        .get_ok(
            &t,
            &format!("/drives/{}", drive["id"].as_str().unwrap()),
            "microsoft.graph.drive",
        )
        .await;
    assert_eq!(same["id"], drive["id"]);
    env.get_ok(&t, "/me/drives", "microsoft.graph.driveCollectionResponse")
        .await;
    let personal = env.token(PAT).await;
    let d = env
        .get_ok(&personal, "/me/drive", "microsoft.graph.drive")
        .await;
    assert_eq!(d["driveType"], "personal");
    assert_eq!(d["id"].as_str().unwrap().len(), 16);
}

#[tokio::test]
async fn children_by_id_and_by_path_with_unicode_and_hostile_names() {
    let env = start().await;
    let t = env.token(ADELE).await;
    let root = env.get_ok(&t, "/me/drive/root/children", ITEMS).await;
    let docs = find(&root, "Documents");
    assert!(docs["folder"]["childCount"].as_i64().unwrap() >= 3);
    assert!(find(&root, "Welcome.docx")["@microsoft.graph.downloadUrl"].is_string());
    let by_id = env
        .get_ok(
            &t,
            &format!("/me/drive/items/{}/children", docs["id"].as_str().unwrap()),
            ITEMS,
        )
        .await;
    let by_path = env
        .get_ok(&t, "/me/drive/root:/Documents:/children", ITEMS)
        .await;
    assert_eq!(names(&by_id), names(&by_path));
    let file = env
        .get_ok(
            &t,
            "/me/drive/root:/Documents/Reports/Q3%20Forecast.xlsx",
            ITEM,
        )
        .await;
    assert_eq!(file["name"], "Q3 Forecast.xlsx");
    assert_eq!(
        file["parentReference"]["path"],
        format!(
            "/drives/{}/root:/Documents/Reports",
            file["parentReference"]["driveId"].as_str().unwrap()
        )
    );
    assert!(file["webUrl"]
        .as_str()
        .unwrap()
        .contains("/_layouts/15/Doc.aspx?sourcedoc=%7B"));
    // Relative path from an item id.
    let reports = env
        .get_ok(
            &t,
            &format!(
                "/me/drive/items/{}:/Reports:/children",
                docs["id"].as_str().unwrap()
            ),
            ITEMS,
        )
        .await;
    assert!(names(&reports).contains(&"Board deck.pptx".to_string()));
    // Hostile names come back verbatim and are addressable by percent-encoded path.
    let odd = env
        .get_ok(
            &t,
            "/me/drive/root:/Unicode%20&%20%3Codd%3E%20names:/children",
            ITEMS,
        )
        .await;
    for n in emulator::seed::HOSTILE_NAMES {
        assert!(names(&odd).contains(&n.to_string()), "{n}");
        let path = format!(
            "/me/drive/root:/{}/{}",
            emulator::util::encode_segment("Unicode & <odd> names"),
            emulator::util::encode_segment(n)
        );
        assert_eq!(env.get_ok(&t, &path, ITEM).await["name"], *n);
    }
    env.get_err(&t, "/me/drive/root:/No/Such/Thing.txt", 404, "itemNotFound")
        .await;
    env.get_err(&t, "/me/drive/items/01NOTANITEMID", 404, "itemNotFound")
        .await;
    env.get_err(&t, "/me/drive/items", 400, "invalidRequest")
        .await;
    let root_item = env.get_ok(&t, "/me/drive/root", ITEM).await;
    assert!(root_item["root"].is_object() && root_item.get("cTag").is_none());
}

#[tokio::test]
async fn paging_a_folder_of_ten_thousand_items() {
    let env = start().await;
    let t = env.token(ADELE).await;
    let mut url = "/me/drive/root:/Big%20folder%20(10,000%20items):/children".to_string();
    let mut ids = HashSet::new();
    let mut pages = 0;
    loop {
        let page = env.get_ok(&t, &url, ITEMS).await;
        pages += 1;
        for i in page["value"].as_array().unwrap() {
            assert!(
                ids.insert(i["id"].as_str().unwrap().to_string()),
                "duplicate id"
            );
        }
        match page["@odata.nextLink"].as_str() {
            Some(next) => {
                assert!(
                    next.starts_with(&format!("{}/v1.0/", env.base)),
                    "absolute nextLink"
                );
                url = next.to_string();
            }
            None => break,
        }
    }
    assert_eq!(ids.len(), 10_000);
    assert_eq!(pages, 50, "default page size 200");
    // A generated item resolves by id.
    let any = ids.iter().next().unwrap();
    env.get_ok(&t, &format!("/me/drive/items/{any}"), ITEM)
        .await;
}

#[tokio::test]
async fn paging_a_folder_of_one_hundred_thousand_items_with_top_1000() {
    let env = start().await;
    let t = env.token(ADELE).await;
    let folder = env
        .get_ok(
            &t,
            "/me/drive/root:/Huge%20folder%20(100,000%20items)",
            ITEM,
        )
        .await;
    assert_eq!(folder["folder"]["childCount"], 100_000);
    let mut url =
        "/me/drive/root:/Huge%20folder%20(100,000%20items):/children?$top=1000&$select=id,name"
            .to_string();
    let (mut count, mut pages, mut last) = (0, 0, String::new());
    loop {
        let r = env.get(&t, &url).await;
        assert_eq!(r.status(), 200);
        let page = json_checked(r, ITEMS).await;
        if pages == 0 {
            assert_eq!(
                page["value"][0].as_object().unwrap().len(),
                2,
                "$select keeps only id and name"
            );
        }
        pages += 1;
        let values = page["value"].as_array().unwrap();
        count += values.len();
        last = values
            .last()
            .map(|v| v["name"].as_str().unwrap().to_string())
            .unwrap_or(last);
        match page["@odata.nextLink"].as_str() {
            Some(next) => {
                assert!(
                    next.contains("%24top=1000") || next.contains("$top=1000"),
                    "nextLink keeps $top: {next}"
                );
                url = next.to_string();
            }
            None => break,
        }
    }
    assert_eq!((count, pages), (100_000, 100));
    assert_eq!(last, "Item 100000.pdf");
}

#[tokio::test]
async fn query_option_limits() {
    let env = start().await;
    let t = env.token(ADELE).await;
    env.get_err(
        &t,
        "/me/drive/root/children?$top=1001",
        400,
        "invalidRequest",
    )
    .await;
    env.get_err(&t, "/me/drive/root/children?$top=0", 400, "invalidRequest")
        .await;
    let desc = env
        .get_ok(
            &t,
            "/me/drive/root:/Documents/Reports:/children?$orderby=name%20desc",
            ITEMS,
        )
        .await;
    assert_eq!(
        names(&desc),
        vec![
            "Q3 Forecast.xlsx",
            "Board deck.pptx",
            "Annual Report 2025.docx"
        ]
    );
    let e = env
        .get_err(
            &t,
            "/me/drive/root/children?$orderby=lastModifiedDateTime%20desc",
            400,
            "invalidRequest",
        )
        .await;
    assert!(e["error"]["message"]
        .as_str()
        .unwrap()
        .contains("not supported for OrderBy"));
    env.get_err(
        &t,
        "/me/drive/root/children?$filter=file%20ne%20null",
        501,
        "notSupported",
    )
    .await;
    let hit = env
        .get_ok(
            &t,
            "/me/drive/root/children?$filter=name%20eq%20'Notes.txt'",
            ITEMS,
        )
        .await;
    assert_eq!(names(&hit), vec!["Notes.txt"]);
    let skip = env
        .get(&t, "/me/drive/root/children?$skiptoken=forged")
        .await;
    graph_error(skip, 400, "invalidRequest").await;
    // Personal OneDrive sorts on size and date, and filters on folder.
    let p = env.token(PAT).await;
    env.get_ok(
        &p,
        "/me/drive/root/children?$orderby=lastModifiedDateTime%20desc",
        ITEMS,
    )
    .await;
    let folders = env
        .get_ok(
            &p,
            "/me/drive/root/children?$filter=folder%20ne%20null",
            ITEMS,
        )
        .await;
    assert!(folders["value"]
        .as_array()
        .unwrap()
        .iter()
        .all(|i| i["folder"].is_object()));
}

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
    // Office files get icons; folders have no thumbnails.
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
    assert_eq!(icon.headers()["content-type"], "image/svg+xml");
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

#[tokio::test]
async fn scopes_are_enforced() {
    let env = start().await;
    let read_only = env
        .login(ADELE, "openid offline_access User.Read Files.Read")
        .await;
    let t = read_only["access_token"].as_str().unwrap();
    env.get_ok(t, "/me/drive/root/children", ITEMS).await;
    let put = env
        .http
        .put(env.graph("/me/drive/root:/nope.txt:/content"))
        .bearer_auth(t)
        .body("x")
        .send()
        .await
        .unwrap();
    graph_error(put, 403, "accessDenied").await;
    env.get_err(t, "/me/followedSites", 403, "accessDenied")
        .await;
    env.get_err(t, "/me/joinedTeams", 403, "Forbidden").await;
    let sites = env
        .get_ok(
            &env.token(ADELE).await,
            "/sites?search=finance",
            "microsoft.graph.siteCollectionResponse",
        )
        .await;
    env.get_err(
        t,
        &format!(
            "/sites/{}/drive/root/children",
            sites["value"][0]["id"].as_str().unwrap()
        ),
        403,
        "accessDenied",
    )
    .await;
    let profile_only = env.login(MEGAN, "openid User.Read").await;
    env.get_err(
        profile_only["access_token"].as_str().unwrap(),
        "/me/drive",
        403,
        "accessDenied",
    )
    .await;
}

#[tokio::test]
async fn authentication_failures() {
    let env = start().await;
    let r = env.http.get(env.graph("/me")).send().await.unwrap();
    let www = r.headers()["www-authenticate"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        www.starts_with("Bearer realm=\"\", authorization_uri="),
        "{www}"
    );
    let e = graph_error(r, 401, "InvalidAuthenticationToken").await;
    assert_eq!(e["error"]["message"], "Access token is empty.");
    let e = env
        .get_err("not-a-token", "/me", 401, "InvalidAuthenticationToken")
        .await;
    assert!(e["error"]["message"]
        .as_str()
        .unwrap()
        .starts_with("CompactToken parsing failed"));
    let short = start_with(emulator::config::Settings {
        access_token_lifetime: Some(60),
        ..Default::default()
    })
    .await;
    let t = short.token(ADELE).await;
    short.running.state.clock.advance(61).unwrap();
    let e = short
        .get_err(&t, "/me", 401, "InvalidAuthenticationToken")
        .await;
    assert_eq!(
        e["error"]["message"],
        "Access token has expired or is not yet valid."
    );
}

#[tokio::test]
async fn cors_and_common_headers() {
    let env = start().await;
    let t = env.token(ADELE).await;
    let r = env
        .http
        .get(env.graph("/me"))
        .bearer_auth(&t)
        .header(ORIGIN, APP_ORIGIN)
        .header("client-request-id", "abc-123")
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()[ACCESS_CONTROL_ALLOW_ORIGIN], "*");
    let expose = r.headers()["access-control-expose-headers"]
        .to_str()
        .unwrap();
    for h in [
        "request-id",
        "client-request-id",
        "WWW-Authenticate",
        "Retry-After",
        "ETag",
        "Location",
    ] {
        assert!(expose.contains(h), "{h} exposed");
    }
    assert_eq!(r.headers()["client-request-id"], "abc-123");
    assert!(r.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("application/json;odata.metadata=minimal"));
    let pre = env
        .http
        .request(
            reqwest::Method::OPTIONS,
            env.graph("/me/drive/root/children"),
        )
        .header(ORIGIN, APP_ORIGIN)
        .header("access-control-request-method", "GET")
        .header(
            "access-control-request-headers",
            "authorization,client-request-id,x-not-allowed",
        )
        .send()
        .await
        .unwrap();
    assert_eq!(pre.status(), 200);
    let allowed = pre.headers()["access-control-allow-headers"]
        .to_str()
        .unwrap()
        .to_lowercase();
    assert!(
        allowed.contains("authorization")
            && allowed.contains("client-request-id")
            && !allowed.contains("x-not-allowed")
    );
    let hidden = start_with(emulator::config::Settings {
        faults: emulator::config::FaultSettings {
            hide_retry_after: true,
            ..Default::default()
        },
        ..Default::default()
    })
    .await;
    let r = hidden
        .http
        .get(hidden.graph("/me"))
        .header(ORIGIN, APP_ORIGIN)
        .send()
        .await
        .unwrap();
    assert!(!r.headers()["access-control-expose-headers"]
        .to_str()
        .unwrap()
        .contains("Retry-After"));
}

#[tokio::test]
async fn download_redirects_to_a_preauthenticated_url_with_ranges() {
    let env = start().await;
    let t = env.token(ADELE).await;
    let item = env.get_ok(&t, "/me/drive/root:/Notes.txt", ITEM).await;
    let r = env.get(&t, "/me/drive/root:/Notes.txt:/content").await;
    assert_eq!(r.status(), 302);
    let loc = r.headers()[LOCATION].to_str().unwrap().to_string();
    assert!(loc.contains("/_layouts/15/download.aspx?UniqueId="));
    let body = env
        .http
        .get(&loc)
        .header(ORIGIN, APP_ORIGIN)
        .send()
        .await
        .unwrap();
    assert_eq!(body.headers()[ACCESS_CONTROL_ALLOW_ORIGIN], "*");
    let bytes = body.bytes().await.unwrap();
    assert_eq!(bytes.len() as u64, item["size"].as_u64().unwrap());
    let part = env
        .http
        .get(&loc)
        .header("range", "bytes=0-9")
        .send()
        .await
        .unwrap();
    assert_eq!(part.status(), 206);
    assert_eq!(
        part.headers()["content-range"],
        format!("bytes 0-9/{}", bytes.len())
    );
    assert_eq!(part.bytes().await.unwrap(), bytes.slice(0..10));
    let etag = item["eTag"].as_str().unwrap();
    let r = env
        .http
        .get(env.graph("/me/drive/root:/Notes.txt"))
        .bearer_auth(&t)
        .header("if-none-match", etag)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 304);
    let tampered = loc.replace("tempauth=", "tempauth=x");
    assert_eq!(env.http.get(tampered).send().await.unwrap().status(), 401);
}

#[tokio::test]
async fn office_files_open_in_the_office_page() {
    let env = start().await;
    let t = env.token(ADELE).await;
    let doc = env.get_ok(&t, "/me/drive/root:/Welcome.docx", ITEM).await;
    let url = doc["webUrl"].as_str().unwrap();
    let html = env
        .http
        .get(url)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("id=\"doc-name\">Welcome.docx<")
            && html.contains("data-mode=\"edit\"")
            && html.contains("data-app=\"Word\"")
    );
    let view = env
        .http
        .get(url.replace("action=default", "action=view"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(view.contains("data-mode=\"view\""));
    let xss = env.get_ok(&t, "/me/drive/root:/Unicode%20&%20%3Codd%3E%20names/%3Cscript%3Ealert('pwned')%3Cscript%3E.docx", ITEM).await;
    let page = env
        .http
        .get(xss["webUrl"].as_str().unwrap())
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("&lt;script&gt;") && !page.contains("<script>alert"));
    let p = env.token(PAT).await;
    let recipe = env
        .get_ok(&p, "/me/drive/root:/Documents/Recipes.docx", ITEM)
        .await;
    let html = env
        .http
        .get(recipe["webUrl"].as_str().unwrap())
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("Recipes.docx") && html.contains("data-mode=\"edit\""));
}

#[tokio::test]
async fn simple_upload_replace_and_delete() {
    let env = start().await;
    let t = env.token(ADELE).await;
    let put = |path: &str, body: &'static str| {
        env.http
            .put(env.graph(path))
            .bearer_auth(&t)
            .body(body)
            .send()
    };
    let r = put("/me/drive/root:/Uploads%20%C3%A9/hello.txt:/content", "hi")
        .await
        .unwrap();
    graph_error(r, 404, "itemNotFound").await;
    let r = put(
        "/me/drive/root:/hello%20%F0%9F%8C%8D.txt:/content",
        "hello world",
    )
    .await
    .unwrap();
    assert_eq!(r.status(), 201);
    let created = json_checked(r, ITEM).await;
    assert_eq!(created["name"], "hello 🌍.txt");
    assert_eq!(created["size"], 11);
    assert_eq!(created["file"]["mimeType"], "text/plain");
    let id = created["id"].as_str().unwrap().to_string();
    let r = put(&format!("/me/drive/items/{id}/content"), "replaced")
        .await
        .unwrap();
    assert_eq!(json_checked(r, ITEM).await["size"], 8);
    let r = put("/me/drive/root:/hello%20%F0%9F%8C%8D.txt:/content?@microsoft.graph.conflictBehavior=rename", "x").await.unwrap();
    assert_eq!(json_checked(r, ITEM).await["name"], "hello 🌍 1.txt");
    let r = put(
        "/me/drive/root:/hello%20%F0%9F%8C%8D.txt:/content?@microsoft.graph.conflictBehavior=fail",
        "x",
    )
    .await
    .unwrap();
    graph_error(r, 409, "nameAlreadyExists").await;
    let r = put("/me/drive/root:/bad%7Cname.txt:/content", "x")
        .await
        .unwrap();
    graph_error(r, 400, "invalidRequest").await;
    let del = env
        .http
        .delete(env.graph(&format!("/me/drive/items/{id}")))
        .bearer_auth(&t)
        .send()
        .await
        .unwrap();
    assert_eq!(del.status(), 204);
    env.get_err(&t, &format!("/me/drive/items/{id}"), 404, "itemNotFound")
        .await;
    let del_root = env
        .http
        .delete(env.graph("/me/drive/root"))
        .bearer_auth(&t)
        .send()
        .await
        .unwrap();
    graph_error(del_root, 403, "accessDenied").await;
}

#[tokio::test]
async fn create_folder_conflict_behaviours() {
    let env = start().await;
    let t = env.token(ADELE).await;
    let body =
        |b: &str| json!({"name": "Projects", "folder": {}, "@microsoft.graph.conflictBehavior": b});
    let r = env
        .post_json(&t, "/me/drive/root/children", body("fail"))
        .await;
    assert_eq!(r.status(), 201);
    json_checked(r, ITEM).await;
    graph_error(
        env.post_json(
            &t,
            "/me/drive/root/children",
            json!({"name": "Projects", "folder": {}}),
        )
        .await,
        409,
        "nameAlreadyExists",
    )
    .await;
    let r = env
        .post_json(&t, "/me/drive/root/children", body("rename"))
        .await;
    assert_eq!(json_checked(r, ITEM).await["name"], "Projects 1");
    graph_error(
        env.post_json(
            &t,
            "/me/drive/root/children",
            json!({"name": "bad:name", "folder": {}}),
        )
        .await,
        400,
        "invalidRequest",
    )
    .await;
    // Personal OneDrive answers 200 with the existing folder when no behaviour is given.
    let p = env.token(PAT).await;
    let r = env
        .post_json(
            &p,
            "/me/drive/root/children",
            json!({"name": "Documents", "folder": {}}),
        )
        .await;
    assert_eq!(r.status(), 200);
    assert_eq!(json_checked(r, ITEM).await["name"], "Documents");
}

#[tokio::test]
async fn upload_sessions_with_ranges() {
    let env = start().await;
    let t = env.token(ADELE).await;
    let r = env
        .post_json(
            &t,
            "/me/drive/root:/big%20upload.bin:/createUploadSession",
            json!({"item": {"@microsoft.graph.conflictBehavior": "rename"}}),
        )
        .await;
    assert_eq!(r.status(), 200);
    let session = json_checked(r, "microsoft.graph.uploadSession").await;
    let url = session["uploadUrl"].as_str().unwrap().to_string();
    let total = 327_680 + 1000;
    let data: Vec<u8> = (0..total).map(|i| (i % 251) as u8).collect();
    let put = |range: String, body: Vec<u8>| {
        env.http
            .put(&url)
            .header("content-range", range)
            .body(body)
            .send()
    };
    let r = put(format!("bytes 0-327679/{total}"), data[..327_680].to_vec())
        .await
        .unwrap();
    assert_eq!(r.status(), 202);
    let progress = json_checked(r, "uploadSessionProgress").await;
    assert_eq!(
        progress["nextExpectedRanges"][0],
        format!("327680-{}", total - 1)
    );
    let status = json_checked(
        env.http.get(&url).send().await.unwrap(),
        "uploadSessionProgress",
    )
    .await;
    assert_eq!(status["nextExpectedRanges"], progress["nextExpectedRanges"]);
    let r = put(format!("bytes 0-99/{total}"), data[..100].to_vec())
        .await
        .unwrap();
    let e = graph_error(r, 416, "invalidRange").await;
    assert_eq!(e["error"]["innerError"]["code"], "fragmentOverlap");
    let r = put(format!("bytes 327680-327689/{total}"), data[..5].to_vec())
        .await
        .unwrap();
    graph_error(r, 400, "invalidRequest").await;
    let r = put(
        format!("bytes 327680-{}/{total}", total - 1),
        data[327_680..].to_vec(),
    )
    .await
    .unwrap();
    assert_eq!(r.status(), 201);
    let item = json_checked(r, ITEM).await;
    assert_eq!(item["size"], total);
    let loc = env
        .get(
            &t,
            &format!("/me/drive/items/{}/content", item["id"].as_str().unwrap()),
        )
        .await
        .headers()[LOCATION]
        .to_str()
        .unwrap()
        .to_string();
    assert_eq!(
        env.http
            .get(loc)
            .send()
            .await
            .unwrap()
            .bytes()
            .await
            .unwrap()
            .to_vec(),
        data
    );
    graph_error(
        env.http.get(&url).send().await.unwrap(),
        404,
        "itemNotFound",
    )
    .await;
    // Cancelled sessions are gone.
    let s2 = json_checked(
        env.post_json(
            &t,
            "/me/drive/root:/other.bin:/createUploadSession",
            json!({}),
        )
        .await,
        "microsoft.graph.uploadSession",
    )
    .await;
    let u2 = s2["uploadUrl"].as_str().unwrap();
    assert_eq!(env.http.delete(u2).send().await.unwrap().status(), 204);
    graph_error(env.http.get(u2).send().await.unwrap(), 404, "itemNotFound").await;
}

#[tokio::test]
async fn create_link_and_preview() {
    let env = start().await;
    let t = env.token(ADELE).await;
    let r = env
        .post_json(
            &t,
            "/me/drive/root:/Budget.xlsx:/createLink",
            json!({"type": "view", "scope": "organization"}),
        )
        .await;
    assert_eq!(r.status(), 201);
    let link = json_checked(r, "microsoft.graph.permission").await;
    assert_eq!(link["link"]["type"], "view");
    let again = env
        .post_json(
            &t,
            "/me/drive/root:/Budget.xlsx:/createLink",
            json!({"type": "view", "scope": "organization"}),
        )
        .await;
    assert_eq!(again.status(), 200);
    json_checked(again, "microsoft.graph.permission").await;
    let go = env
        .http
        .get(link["link"]["webUrl"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(go.status(), 302);
    graph_error(
        env.post_json(
            &t,
            "/me/drive/root:/Budget.xlsx:/createLink",
            json!({"type": "embed"}),
        )
        .await,
        400,
        "invalidRequest",
    )
    .await;
    let r = env
        .post_json(&t, "/me/drive/root:/Budget.xlsx:/preview", json!({}))
        .await;
    assert_eq!(r.status(), 200);
    let preview = json_checked(r, "microsoft.graph.itemPreviewInfo").await;
    let page = env
        .http
        .get(preview["getUrl"].as_str().unwrap())
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Budget.xlsx"));
    let p = env.token(PAT).await;
    graph_error(
        env.post_json(
            &p,
            "/me/drive/root:/Documents/Recipes.docx:/preview",
            json!({}),
        )
        .await,
        501,
        "notSupported",
    )
    .await;
    let r = env
        .post_json(
            &p,
            "/me/drive/root:/Documents/Recipes.docx:/createLink",
            json!({"type": "embed", "scope": "anonymous"}),
        )
        .await;
    assert_eq!(r.status(), 201);
}

#[tokio::test]
async fn persisted_uploads_survive_a_restart() {
    let dir = std::env::temp_dir().join(format!("emu-persist-{}", emulator::util::random_token(6)));
    let settings = emulator::config::Settings {
        persist_dir: Some(dir.clone()),
        ..Default::default()
    };
    let env = start_with(settings.clone()).await;
    let t = env.token(ADELE).await;
    let r = env
        .post_json(
            &t,
            "/me/drive/root/children",
            json!({"name": "Kept", "folder": {}}),
        )
        .await;
    assert_eq!(r.status(), 201);
    let r = env
        .put(&t, "/me/drive/root:/Kept/note.txt:/content", "persisted")
        .await;
    assert_eq!(r.status(), 201);
    let again = start_with(settings).await;
    let t2 = again.token(ADELE).await;
    let item = again
        .get_ok(&t2, "/me/drive/root:/Kept/note.txt", ITEM)
        .await;
    assert_eq!(item["size"], 9);
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test]
async fn unknown_segments_and_methods() {
    let env = start().await;
    let t = env.token(ADELE).await;
    env.get_err(&t, "/me/frobnicate", 400, "BadRequest").await;
    env.get_err(&t, "/drives/b!doesnotexist", 404, "itemNotFound")
        .await;
    let r = env
        .http
        .patch(env.graph("/me/drive/root/children"))
        .bearer_auth(&t)
        .send()
        .await
        .unwrap();
    graph_error(r, 405, "BadRequest").await;
}

#[tokio::test]
async fn after_their_deprecation_recent_and_shared_with_me_return_no_items() {
    let env = start().await;
    let t = env.token(ADELE).await;
    // Before: both have data.
    for path in ["/me/drive/recent", "/me/drive/sharedWithMe"] {
        let v = env.get_ok(&t, path, ITEMS).await;
        assert!(!v["value"].as_array().unwrap().is_empty(), "{path}");
    }
    let retired = start_with(emulator::config::Settings {
        retired_feeds: true,
        ..Default::default()
    })
    .await;
    let t = retired.token(ADELE).await;
    for path in ["/me/drive/recent", "/me/drive/sharedWithMe"] {
        let v = retired.get_ok(&t, path, ITEMS).await;
        assert_eq!(v["value"], json!([]), "{path}");
        assert!(v["@odata.context"]
            .as_str()
            .unwrap()
            .ends_with("Collection(driveItem)"));
    }
    // The rest of the drive is as before.
    let v = retired.get_ok(&t, "/me/drive/root/children", ITEMS).await;
    assert!(!v["value"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn file_bytes_and_thumbnails_come_from_another_origin_that_takes_no_bearer_token() {
    let env = start().await;
    let files = env.running.state.files_base.clone();
    assert_ne!(files, env.base, "another origin (another port)");
    let t = env.token(ADELE).await;
    let item = env
        .get_ok(&t, "/me/drive/root:/Notes.txt?$expand=thumbnails", ITEM)
        .await;
    let download = item["@microsoft.graph.downloadUrl"].as_str().unwrap();
    let thumb = item["thumbnails"][0]["medium"]["url"].as_str().unwrap();
    for url in [download, thumb] {
        assert!(url.starts_with(&format!("{files}/")), "{url}");
        // Pre-authenticated: no token needed, readable cross-origin.
        let r = env
            .http
            .get(url)
            .header(ORIGIN, APP_ORIGIN)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200, "{url}");
        assert_eq!(r.headers()["access-control-allow-origin"], "*");
        // A Graph token sent along is refused, so a client that leaks it is caught.
        let r = env
            .http
            .get(url)
            .bearer_auth(&t)
            .header(ORIGIN, APP_ORIGIN)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 401, "{url}");
        // Graph's own origin does not serve them.
        let path = url.strip_prefix(&files).unwrap();
        assert_eq!(env.get_plain(path).await.status(), 404, "{path}");
    }
    // /content redirects to the file host.
    let r = env.get(&t, "/me/drive/root:/Notes.txt:/content").await;
    assert_eq!(r.status(), 302);
    assert!(r.headers()[LOCATION]
        .to_str()
        .unwrap()
        .starts_with(&format!("{files}/")));
}

/// Follows a delta from `first` to its deltaLink; returns every entry and the deltaLink.
async fn follow_delta(env: &Env, t: &str, first: String) -> (Vec<Value>, String) {
    let mut url = first;
    let mut all = vec![];
    loop {
        let r = env.http.get(&url).bearer_auth(t).send().await.unwrap();
        assert_eq!(r.status(), 200, "{url}");
        let page: Value = r.json().await.unwrap();
        all.extend(page["value"].as_array().unwrap().iter().cloned());
        match (
            page["@odata.nextLink"].as_str(),
            page["@odata.deltaLink"].as_str(),
        ) {
            (Some(next), None) => url = next.to_string(),
            (None, Some(delta)) => return (all, delta.to_string()),
            other => panic!("a page has a nextLink or a deltaLink: {other:?}"),
        }
    }
}

fn entry_names(entries: &[Value]) -> Vec<&str> {
    entries
        .iter()
        .map(|e| e["name"].as_str().unwrap())
        .collect()
}

#[tokio::test]
async fn delta_lists_everything_then_what_changed_and_what_was_deleted() {
    let env = start().await;
    let t = env.token(MEGAN).await;
    let (all, delta) = follow_delta(&env, &t, env.graph("/me/drive/root/delta")).await;
    let listed = entry_names(&all);
    assert_eq!(
        listed[0], "root",
        "the root first, then parents before children"
    );
    for name in [
        "Budget 2026.xlsx",
        "Shared with team",
        "Roadmap.docx",
        "Private notes.docx",
    ] {
        assert!(listed.contains(&name), "{name} in {listed:?}");
    }
    assert!(
        all.iter()
            .all(|e| e["parentReference"].get("path").is_none()),
        "no parentReference.path in delta"
    );
    // Nothing changed: the deltaLink gives nothing.
    let (none, delta) = follow_delta(&env, &t, delta).await;
    assert_eq!(none, Vec::<Value>::new());
    // A new file, and a deletion.
    assert!(env
        .put(
            &t,
            "/me/drive/root:/Shared with team/Minutes.txt:/content",
            "hello"
        )
        .await
        .status()
        .is_success());
    let private = env
        .get_ok(&t, "/me/drive/root:/Private notes.docx", ITEM)
        .await;
    let r = env
        .http
        .delete(env.graph(&format!(
            "/me/drive/items/{}",
            private["id"].as_str().unwrap()
        )))
        .bearer_auth(&t)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 204);
    let (changed, _) = follow_delta(&env, &t, delta.clone()).await;
    let by_name = |n: &str| changed.iter().find(|e| e["name"] == n).cloned();
    assert!(by_name("Minutes.txt").unwrap()["deleted"].is_null());
    assert!(
        by_name("Shared with team").is_some(),
        "the folder above changed too"
    );
    let gone = by_name("Private notes.docx").unwrap();
    assert_eq!(gone["deleted"]["state"], "deleted");
    assert_eq!(gone["id"], private["id"]);
    assert!(
        by_name("Budget 2026.xlsx").is_none(),
        "unchanged items stay out"
    );
    // A folder's delta sees only its own subtree.
    let (folder, _) = follow_delta(
        &env,
        &t,
        env.graph("/me/drive/root:/Shared with team:/delta"),
    )
    .await;
    assert_eq!(
        entry_names(&folder),
        ["Shared with team", "Minutes.txt", "Roadmap.docx"]
    );
    // token=latest: no items, and a link that sees later changes only.
    let r = env.get(&t, "/me/drive/root/delta?token=latest").await;
    let latest: Value = r.json().await.unwrap();
    assert_eq!(latest["value"], json!([]));
    let later = latest["@odata.deltaLink"].as_str().unwrap().to_string();
    env.put(&t, "/me/drive/root:/Later.txt:/content", "x").await;
    let (after, _) = follow_delta(&env, &t, later).await;
    assert!(entry_names(&after).contains(&"Later.txt"));
    assert!(!entry_names(&after).contains(&"Minutes.txt"));
}

#[tokio::test]
async fn delta_pages_a_large_folder_and_refuses_a_token_it_does_not_know() {
    let env = start().await;
    let t = env.token(ADELE).await;
    let (all, _) = follow_delta(
        &env,
        &t,
        env.graph("/me/drive/root:/Big folder (10,000 items):/delta"),
    )
    .await;
    assert_eq!(all.len(), 10_001, "the folder and its 10,000 items");
    let ids: std::collections::HashSet<&str> =
        all.iter().map(|e| e["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), all.len(), "no item twice");
    // A token from elsewhere (or another run) means: start again.
    let r = env.get(&t, "/me/drive/root/delta?token=not-a-token").await;
    assert_eq!(r.status(), 410);
    let location = r.headers()[LOCATION].to_str().unwrap().to_string();
    assert!(
        location.ends_with("/v1.0/me/drive/root/delta"),
        "{location}"
    );
    let e: Value = r.json().await.unwrap();
    assert_eq!(e["error"]["code"], "resyncRequired");
    assert_eq!(
        e["error"]["innerError"]["code"],
        "resyncChangesApplyDifferences"
    );
}

#[tokio::test]
async fn upload_urls_are_on_the_file_host_and_refuse_a_bearer_token() {
    let env = start().await;
    let t = env.token(ADELE).await;
    let r = env
        .post_json(
            &t,
            "/me/drive/root:/fragments.txt:/createUploadSession",
            json!({}),
        )
        .await;
    let session = json_checked(r, "microsoft.graph.uploadSession").await;
    let url = session["uploadUrl"].as_str().unwrap().to_string();
    let files = env.running.state.files_base.clone();
    assert!(url.starts_with(&format!("{files}/")), "{url}");
    // As Microsoft documents: a PUT with the Authorization header is refused (401) …
    let r = env
        .http
        .put(&url)
        .bearer_auth(&t)
        .header("content-range", "bytes 0-4/5")
        .body("hello")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    // … and the session is untouched: the same fragment without it completes the file.
    let r = env
        .http
        .put(&url)
        .header("content-range", "bytes 0-4/5")
        .body("hello")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let body = env.get(&t, "/me/drive/root:/fragments.txt:/content").await;
    assert_eq!(body.status(), 302);
}
