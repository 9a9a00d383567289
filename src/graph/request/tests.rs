use super::*;

#[test]
fn children_urls_encode_opaque_ids() {
    let base = GraphBase::parse("http://127.0.0.1:8787/v1.0/").unwrap();
    assert_eq!(
        children_url(&base, &FolderRef::MyFiles, None).as_str(),
        format!("http://127.0.0.1:8787/v1.0/me/drive/root/children?$select={ITEM_SELECT}&$expand=thumbnails($select=small,medium)&$top=200")
    );
    let item = FolderRef::Item {
        drive_id: "b!a/b+c".into(),
        item_id: "3AE1D764B70B25B3!108".into(),
    };
    assert!(children_url(&GraphBase::default(), &item, None)
        .as_str()
        .starts_with(
        "https://graph.microsoft.com/v1.0/drives/b!a%2Fb+c/items/3AE1D764B70B25B3!108/children?"
    ));
    assert!(GraphBase::parse("http://graph.example/v1.0").is_err());
    assert!(GraphBase::parse("https://graph.microsoft.us/v1.0").is_ok());
    assert!(GraphBase::parse("http://[::1]:8787/v1.0").is_ok());
    for bad in [
        "http://localhost:1@evil.example/v1.0",
        "https://graph.microsoft.com@evil.example/v1.0",
        "https://graph.microsoft.com/v1.0?x=1",
    ] {
        assert!(GraphBase::parse(bad).is_err(), "{bad}");
    }
}

#[test]
fn every_folder_and_search_has_its_request() {
    let base = GraphBase::parse("http://127.0.0.1:8787/v1.0").unwrap();
    let path = |u: GraphUrl| u.as_str().trim_start_matches(base.as_str()).to_string();
    let by_name = Some(OrderBy {
        property: "name",
        descending: true,
    });
    let site = FolderRef::SiteRoot {
        site_id: "contoso.sharepoint.com,1,2".into(),
    };
    assert!(path(children_url(&base, &site, by_name))
        .starts_with("/sites/contoso.sharepoint.com,1,2/drive/root/children?$select="));
    assert!(path(children_url(&base, &site, by_name)).ends_with("&$top=200&$orderby=name%20desc"));
    let deep = FolderRef::MyPath {
        path: "/Documents/Q3 #1/".into(),
    };
    assert!(path(children_url(&base, &deep, None))
        .starts_with("/me/drive/root:/Documents/Q3%20%231:/children?"));
    let group = FolderRef::GroupRoot {
        group_id: "g-1".into(),
    };
    assert!(path(children_url(&base, &group, None)).starts_with("/groups/g-1/drive/root/children?"));
    // Search covers the whole drive of the folder, whatever folder it starts from.
    let item = FolderRef::Item {
        drive_id: "b!d".into(),
        item_id: "i".into(),
    };
    assert!(path(search_url(&base, &item, "Tom's budget", false))
        .starts_with("/drives/b!d/root/search(q='Tom''s%20budget')?$select="));
    // Locked to a folder: its own hierarchy only.
    assert!(path(search_url(&base, &item, "q", true))
        .starts_with("/drives/b!d/items/i/search(q='q')?$select="));
    assert!(path(search_url(
        &base,
        &FolderRef::MyItem {
            item_id: "x".into()
        },
        "a/b",
        false
    ))
    .starts_with("/me/drive/root/search(q='a%2Fb')?"));
}

#[test]
fn every_place_and_item_request_has_its_url() {
    let base = GraphBase::parse("http://127.0.0.1:8787/v1.0").unwrap();
    let path = |u: GraphUrl| u.as_str().trim_start_matches(base.as_str()).to_string();
    assert_eq!(path(recent_url(&base)), "/me/drive/recent");
    assert_eq!(path(shared_url(&base)), "/me/drive/sharedWithMe");
    assert_eq!(
        path(site_search_url(&base, "mar keting&x")),
        "/sites?search=mar%20keting%26x&$select=id,displayName,name,webUrl"
    );
    assert_eq!(
        path(site_drives_url(&base, "h,1,2")),
        "/sites/h,1,2/drives?$select=id,name,driveType,webUrl"
    );
    assert_eq!(path(joined_teams_url(&base)), "/me/joinedTeams");
    assert_eq!(path(channels_url(&base, "t/1")), "/teams/t%2F1/channels");
    assert_eq!(
        path(files_folder_url(&base, "t", "19:a@thread.tacv2")),
        "/teams/t/channels/19%3Aa@thread.tacv2/filesFolder"
    );
    assert_eq!(
        path(download_url_request(&base, "d", "i")),
        "/drives/d/items/i?$select=id,@microsoft.graph.downloadUrl"
    );
    assert_eq!(
        path(preview_url(&base, Some("d"), "i")),
        "/drives/d/items/i/preview"
    );
    assert_eq!(
        path(preview_url(&base, None, "i")),
        "/me/drive/items/i/preview"
    );
    assert_eq!(
        path(large_thumbnail_url(&base, Some("d"), "i")),
        "/drives/d/items/i/thumbnails?$select=large"
    );
}

#[test]
fn links_from_responses_stay_on_the_graph_origin() {
    let base = GraphBase::default();
    let next = "https://graph.microsoft.com/v1.0/me/drive/root/children?$skiptoken=opaque%20x";
    assert_eq!(base.link(next).unwrap().as_str(), next);
    for bad in [
        "https://evil.example/v1.0/me/drive/root/children",
        "http://graph.microsoft.com/v1.0/me/drive/root/children",
        "https://graph.microsoft.com.evil.example/v1.0/x",
        "https://graph.microsoft.com@evil.example/v1.0/x",
        "https://graph.microsoft.com:444/v1.0/x",
        "javascript:alert(1)",
        "/v1.0/relative",
    ] {
        assert_eq!(base.link(bad), Err(GraphError::UntrustedLink), "{bad}");
    }
    // What is sent is what was checked (found by fuzzing: a host in other case).
    assert_eq!(
        base.link("https://grAph.microsoft.com/v1.0/me?$skiptoken=a b")
            .unwrap()
            .as_str(),
        "https://graph.microsoft.com/v1.0/me?$skiptoken=a%20b"
    );
    let emu = GraphBase::parse("http://127.0.0.1:8787/v1.0").unwrap();
    assert!(emu
        .link("http://127.0.0.1:8787/v1.0/x?$skiptoken=1")
        .is_ok());
    assert!(emu.link("http://127.0.0.1:9999/v1.0/x").is_err());
}
