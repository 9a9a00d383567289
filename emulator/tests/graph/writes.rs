//! Uploads, folders, upload sessions, sharing links, persistence and unknown routes.

use super::*;

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
    let page = env.text(preview["getUrl"].as_str().unwrap()).await;
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
