//! The signed-in user, their drives, listings by id and by path, paging and query options.

use super::*;

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
