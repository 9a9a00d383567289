use super::*;
use crate::graph::{FolderRef, Page};
use crate::picker::model::sort::Sortable;
use crate::picker::model::source::Expect;

fn items(json: &str) -> Vec<Row> {
    let page: Page<DriveItem> = serde_json::from_str(json).unwrap();
    page.value.into_iter().map(Row::Item).collect()
}

/// A folder of `n` files and, first, the folders named.
fn folder(folders: &[&str], n: usize) -> Vec<Row> {
    let mut v: Vec<String> = folders
        .iter()
        .map(|f| {
            format!(
                r#"{{"id":"{f}","name":"{f}","folder":{{}},"parentReference":{{"driveId":"d"}}}}"#
            )
        })
        .collect();
    v.extend(
        (0..n).map(|i| format!(r#"{{"id":"f{i}","name":"file{i}.txt","file":{{}},"size":{i}}}"#)),
    );
    items(&format!(r#"{{"value":[{}]}}"#, v.join(",")))
}

fn path(b: &Browser) -> String {
    let url = b.fetch(&GraphBase::default()).url;
    url.as_str()
        .trim_start_matches("https://graph.microsoft.com/v1.0")
        .split('?')
        .next()
        .unwrap()
        .to_string()
}

fn crumbs(b: &Browser) -> Vec<String> {
    b.trail
        .iter()
        .map(|c| match &c.name {
            CrumbName::Source(s) => s.key().to_string(),
            CrumbName::Text(t) => t.clone(),
            CrumbName::Search(q) => format!("search:{q}"),
            CrumbName::Kind(k) => k.key().to_string(),
        })
        .collect()
}

#[test]
fn three_levels_down_and_back_by_breadcrumb() {
    let mut b = Browser::new(Source::MyFiles, false, None);
    assert_eq!(path(&b), "/me/drive/root/children");
    assert!(b.listing.loading);
    b.apply(folder(&["A"], 2), None);
    assert!(b.open(0));
    assert_eq!(path(&b), "/drives/d/items/A/children");
    b.apply(folder(&["B"], 0), None);
    assert!(b.open(0));
    b.apply(folder(&["C"], 0), None);
    assert!(b.open(0));
    assert_eq!(crumbs(&b), ["my-files", "A", "B", "C"]);
    b.apply(folder(&[], 3), None);
    assert!(!b.open(1), "a file does not open as a place");
    let before = b.generation;
    assert!(b.go_to(1));
    assert_eq!(crumbs(&b), ["my-files", "A"]);
    assert!(b.generation > before, "answers for C are dropped");
    assert!(b.up());
    assert_eq!(crumbs(&b), ["my-files"]);
    assert!(!b.up(), "no level above the source");
    assert!(!b.go_to(5));
}

#[test]
fn sources_and_their_places() {
    let mut b = Browser::new(Source::MyFiles, false, None);
    b.open_source(Source::Teams);
    assert_eq!(b.fetch(&GraphBase::default()).expect, Expect::Teams);
    b.apply(
        vec![Row::team(
            serde_json::from_str(r#"{"id":"t1","displayName":"Sales"}"#).unwrap(),
        )],
        None,
    );
    assert!(b.open(0));
    assert_eq!(path(&b), "/teams/t1/channels");
    b.apply(
        vec![Row::channel(
            "t1",
            serde_json::from_str(r#"{"id":"c1","displayName":"General"}"#).unwrap(),
        )],
        None,
    );
    assert!(b.open(0));
    assert_eq!(b.fetch(&GraphBase::default()).expect, Expect::Folder);
    let files_folder: DriveItem = serde_json::from_str(
        r#"{"id":"cf","name":"General","folder":{},"parentReference":{"driveId":"team-drive"}}"#,
    )
    .unwrap();
    assert!(b.resolve_folder(&files_folder));
    assert_eq!(path(&b), "/drives/team-drive/items/cf/children");
    assert_eq!(crumbs(&b), ["teams", "Sales", "General"]);
    let start = Crumb {
        place: Place::Folder(FolderRef::SiteRoot {
            site_id: "s1".into(),
        }),
        name: CrumbName::Text("Marketing".into()),
    };
    let started = Browser::new(Source::Sites, false, Some(start));
    assert_eq!(path(&started), "/sites/s1/drive/root/children");
    assert_eq!(crumbs(&started), ["sites", "Marketing"]);
}

#[test]
fn sorting_on_the_server_or_here() {
    let mut work = Browser::new(Source::MyFiles, false, None);
    assert!(work.choose_sort(SortKey::Name), "names sort on the server");
    assert!(work
        .fetch(&GraphBase::default())
        .url
        .as_str()
        .ends_with("$orderby=name%20asc"));
    work.apply(folder(&[], 5), None);
    assert!(
        !work.choose_sort(SortKey::Size),
        "work drives: size sorts here"
    );
    let sizes: Vec<_> = work.listing.rows.iter().map(|r| r.size()).collect();
    assert_eq!(sizes, [Some(4), Some(3), Some(2), Some(1), Some(0)]);
    assert!(!work.choose_sort(SortKey::Size));
    assert_eq!(work.listing.rows[0].size(), Some(0), "again: the other way");
    let mut personal = Browser::new(Source::MyFiles, true, None);
    assert!(personal.choose_sort(SortKey::Modified));
    assert!(personal
        .fetch(&GraphBase::default())
        .url
        .as_str()
        .ends_with("$orderby=lastModifiedDateTime%20desc"));
    let mut recent = Browser::new(Source::Recent, true, None);
    recent.apply(folder(&[], 3), None);
    assert!(!recent.choose_sort(SortKey::Name), "recent is sorted here");
    assert!(!recent
        .fetch(&GraphBase::default())
        .url
        .as_str()
        .contains("orderby"));
    assert_eq!(recent.listing.rows[0].name(), "file0.txt");
}

#[test]
fn search_returns_to_the_folder_and_its_scroll_position() {
    let mut b = Browser::new(Source::MyFiles, false, None);
    b.apply(
        folder(&["A"], 300),
        Some("https://graph.microsoft.com/v1.0/next".into()),
    );
    b.scroll = 4321.0;
    b.focus = Some(120);
    assert!(b.can_search());
    assert!(b.search("budget"));
    assert!(b.searching());
    assert_eq!(path(&b), "/me/drive/root/search(q='budget')");
    assert_eq!(crumbs(&b), ["my-files", "search:budget"]);
    assert!(b.search("budget 2026"), "a new query replaces the old");
    assert_eq!(crumbs(&b), ["my-files", "search:budget 2026"]);
    assert!(!b.search("  "), "clearing needs no request");
    assert!(!b.searching());
    assert_eq!(
        (b.scroll, b.focus, b.listing.rows.len()),
        (4321.0, Some(120), 301)
    );
    assert!(b.listing.next.is_some());
    // A folder that had not finished loading is listed again.
    let mut b = Browser::new(Source::MyFiles, false, None);
    b.search("x");
    assert!(b.clear_search());
    assert!(b.listing.loading);
    // Opening a result continues from the folder searched.
    let mut b = Browser::new(Source::MyFiles, false, None);
    b.apply(folder(&[], 0), None);
    b.search("reports");
    b.apply(folder(&["Reports"], 0), None);
    assert!(b.open(0));
    assert!(!b.searching());
    assert_eq!(crumbs(&b), ["my-files", "Reports"]);
    // Sites search the tenant's sites; recent cannot be searched.
    let mut sites = Browser::new(Source::Sites, false, None);
    assert!(sites.search("mark"));
    assert_eq!(path(&sites), "/sites");
    assert_eq!(sites.fetch(&GraphBase::default()).expect, Expect::Sites);
    let mut recent = Browser::new(Source::Recent, false, None);
    assert!(!recent.can_search());
    assert!(!recent.search("x"));
}

#[test]
fn keyboard_focus_reaches_every_row() {
    let mut b = Browser::new(Source::MyFiles, false, None);
    assert_eq!(b.move_focus(Move::Next, 1, 10), None, "nothing to focus");
    b.apply(folder(&[], 25), None);
    assert_eq!(
        b.move_focus(Move::Next, 1, 10),
        Some(0),
        "the first key focuses the first row"
    );
    assert_eq!(b.move_focus(Move::PageDown, 1, 10), Some(10));
    assert_eq!(b.move_focus(Move::Last, 1, 10), Some(24));
    assert_eq!(b.move_focus(Move::Next, 1, 10), Some(24));
    assert_eq!(b.move_focus(Move::PageUp, 1, 10), Some(14));
    assert_eq!(
        b.move_focus(Move::LineUp, 4, 10),
        Some(10),
        "grids move by lines"
    );
    assert_eq!(b.move_focus(Move::LineDown, 4, 10), Some(14));
    b.focus = Some(22);
    assert_eq!(
        b.move_focus(Move::LineDown, 4, 10),
        Some(22),
        "no line below"
    );
    assert_eq!(b.move_focus(Move::First, 4, 10), Some(0));
    assert_eq!(b.move_focus(Move::Previous, 4, 10), Some(0));
}

#[test]
fn back_and_forward_restore_a_trail() {
    let mut b = Browser::new(Source::MyFiles, false, None);
    b.apply(folder(&["A"], 0), None);
    b.open(0);
    let deep = b.trail.clone();
    b.open_source(Source::Shared);
    assert!(b.set_trail(deep));
    assert_eq!(b.source, Source::MyFiles);
    assert_eq!(crumbs(&b), ["my-files", "A"]);
    assert!(b.listing.loading);
    assert!(!b.set_trail(vec![]), "an empty trail is refused");
}

#[test]
fn locked_to_its_start_the_user_stays_there_and_below() {
    let start = Crumb {
        place: Place::Folder(FolderRef::Item {
            drive_id: "d".into(),
            item_id: "P".into(),
        }),
        name: CrumbName::Text("Project".into()),
    };
    let mut b = Browser::new(Source::MyFiles, false, Some(start)).locked();
    assert!(b.is_locked());
    assert_eq!(b.floor(), 1);
    assert_eq!(path(&b), "/drives/d/items/P/children");
    assert!(!b.up(), "nothing above the start");
    assert!(!b.go_to(0));
    assert!(!b.open_source(Source::Recent));
    b.apply(folder(&["A"], 1), None);
    assert!(b.open(0));
    let inside = b.trail.clone();
    assert!(b.up());
    assert_eq!(crumbs(&b), ["my-files", "Project"]);
    // Back and Forward stay inside; a trail elsewhere is refused.
    assert!(b.set_trail(inside));
    assert!(!b.set_trail(vec![Crumb {
        place: Source::Recent.start(),
        name: CrumbName::Source(Source::Recent),
    }]));
    // Search covers the start's own items, not its drive.
    assert!(b.search("budget"));
    assert_eq!(path(&b).split('?').next().unwrap(), "/drives/d/items/A/search(q='budget')");
}

#[test]
fn a_linked_folder_opens_below_the_source_and_a_locked_picker_stays() {
    let linked: DriveItem = serde_json::from_str(
        r#"{"id":"L","name":"Drafts","folder":{},"parentReference":{"driveId":"m"}}"#,
    )
    .unwrap();
    let mut b = Browser::new(Source::MyFiles, false, None);
    b.apply(folder(&["A"], 1), None);
    assert!(b.open(0));
    assert!(b.search("report"));
    assert!(b.open_linked(&linked));
    assert!(!b.searching(), "the search ends");
    assert_eq!(crumbs(&b), ["my-files", "Drafts"]);
    assert_eq!(path(&b), "/drives/m/items/L/children");
    assert!(b.up());
    assert_eq!(crumbs(&b), ["my-files"]);
    let file: DriveItem = serde_json::from_str(r#"{"id":"F","name":"a.txt","file":{}}"#).unwrap();
    assert!(!b.open_linked(&file), "a file is chosen, not opened");
    let mut locked = Browser::new(Source::MyFiles, false, None).locked();
    assert!(!locked.open_linked(&linked));
}

