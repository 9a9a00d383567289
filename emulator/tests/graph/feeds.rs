//! Retired feeds, the file host, and delta.

use super::*;

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
    let mut names = entry_names(&folder);
    assert_eq!(names.remove(0), "Shared with team", "the folder first");
    names.sort();
    assert_eq!(names, ["Minutes.txt", "Roadmap.docx"]);
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

#[tokio::test]
async fn a_change_made_while_delta_is_paged_is_not_lost() {
    let env = start().await;
    let t = env.token(MEGAN).await;
    let folder = env
        .post_json(
            &t,
            "/me/drive/root/children",
            json!({"name": "Paged", "folder": {}}),
        )
        .await;
    assert_eq!(folder.status(), 201);
    for name in ["a.txt", "b.txt", "c.txt", "d.txt"] {
        let put = env
            .put(&t, &format!("/me/drive/root:/Paged/{name}:/content"), "v1")
            .await;
        assert!(put.status().is_success());
    }
    // One item a page ($top=1): the folder, then its files by name.
    let get = |url: String| {
        let (env, t) = (&env, &t);
        async move {
            let r = env.http.get(&url).bearer_auth(t).send().await.unwrap();
            assert_eq!(r.status(), 200, "{url}");
            r.json::<Value>().await.unwrap()
        }
    };
    let mut listed = vec![];
    let mut page = get(env.graph("/me/drive/root:/Paged:/delta?$top=1")).await;
    for _ in 0..3 {
        assert_eq!(page["value"].as_array().unwrap().len(), 1, "a page of one");
        listed.extend(
            entry_names(page["value"].as_array().unwrap())
                .iter()
                .map(|n| n.to_string()),
        );
        page = get(page["@odata.nextLink"].as_str().unwrap().to_string()).await;
    }
    assert_eq!(listed[0], "Paged", "the folder first");
    let (changed_name, deleted_name) = (listed[1].clone(), listed[2].clone());
    // While it is paged: a file already listed changes, and another already listed is deleted.
    let put = env
        .put(
            &t,
            &format!("/me/drive/root:/Paged/{changed_name}:/content"),
            "v2",
        )
        .await;
    assert!(put.status().is_success());
    let gone = env
        .get_ok(&t, &format!("/me/drive/root:/Paged/{deleted_name}"), ITEM)
        .await;
    let r = env
        .http
        .delete(env.graph(&format!("/me/drive/items/{}", gone["id"].as_str().unwrap())))
        .bearer_auth(&t)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 204);
    // The rest of the listing skips nothing for the deletion…
    listed.extend(
        entry_names(page["value"].as_array().unwrap())
            .iter()
            .map(|n| n.to_string()),
    );
    let next = page["@odata.nextLink"]
        .as_str()
        .expect("more pages")
        .to_string();
    let (rest, delta) = follow_delta(&env, &t, next).await;
    listed.extend(entry_names(&rest).iter().map(|n| n.to_string()));
    listed.sort();
    assert_eq!(listed, ["Paged", "a.txt", "b.txt", "c.txt", "d.txt"]);
    // …and its deltaLink reports what changed while it was paged.
    let (changed, _) = follow_delta(&env, &t, delta).await;
    let find = |n: &str| changed.iter().find(|e| e["name"] == n).cloned();
    let edited = find(&changed_name);
    assert!(
        edited.is_some_and(|e| e["deleted"].is_null()),
        "{changed:?}"
    );
    assert_eq!(find(&deleted_name).unwrap()["deleted"]["state"], "deleted");
}
