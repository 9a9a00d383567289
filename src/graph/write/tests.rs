use super::*;
use crate::auth::secret::AccessToken;
use crate::auth::AuthError;
use crate::graph::client::Graph;
use crate::http::testing::{block_on, response, Fake};

pub(crate) struct Tokens;

impl TokenSource for Tokens {
    async fn token(&self, _refresh: bool) -> Result<AccessToken, AuthError> {
        Ok(AccessToken::new("t".into()))
    }
}

fn base() -> GraphBase {
    GraphBase::parse("https://g/v1.0").unwrap()
}

#[test]
fn names_are_addressed_below_any_folder_and_encoded() {
    let b = base();
    let mine = FolderRef::MyFiles;
    assert_eq!(
        content_url(&b, &mine, "a b#?.txt", Conflict::Fail).as_str(),
        "https://g/v1.0/me/drive/root:/a%20b%23%3F.txt:/content?@microsoft.graph.conflictBehavior=fail"
    );
    let path = FolderRef::MyPath {
        path: "Documents/Q1".into(),
    };
    assert_eq!(
        session_url(&b, &path, "big.bin").as_str(),
        "https://g/v1.0/me/drive/root:/Documents/Q1/big.bin:/createUploadSession"
    );
    let item = FolderRef::Item {
        drive_id: "b!x".into(),
        item_id: "01/AB".into(),
    };
    assert_eq!(
        content_url(&b, &item, "r.docx", Conflict::Rename).as_str(),
        "https://g/v1.0/drives/b!x/items/01%2FAB:/r.docx:/content?@microsoft.graph.conflictBehavior=rename"
    );
    assert_eq!(
        new_folder_url(&b, &path).as_str(),
        "https://g/v1.0/me/drive/root:/Documents/Q1:/children"
    );
    let body: serde_json::Value =
        serde_json::from_str(&session_body("a\"b", Conflict::Replace)).unwrap();
    assert_eq!(body["item"]["@microsoft.graph.conflictBehavior"], "replace");
    assert_eq!(body["item"]["name"], "a\"b");
    let folder: serde_json::Value = serde_json::from_str(&new_folder_body("New")).unwrap();
    assert_eq!(
        folder,
        serde_json::json!({"name": "New", "folder": {}, "@microsoft.graph.conflictBehavior": "fail"})
    );
}

#[test]
fn names_follow_onedrive_rules() {
    for ok in [
        "Report.docx",
        "naïve ünïcode 文件",
        ".hidden",
        "a.b.c",
        "CONSOLE.txt",
        "com10",
    ] {
        assert_eq!(check_name(ok), Ok(()), "{ok}");
    }
    assert_eq!(check_name("  "), Err(NameProblem::Empty));
    assert_eq!(check_name("a:b"), Err(NameProblem::Character(':')));
    assert_eq!(check_name("a|b"), Err(NameProblem::Character('|')));
    assert_eq!(check_name("tab\there"), Err(NameProblem::Character('\t')));
    assert_eq!(check_name(" lead"), Err(NameProblem::Edges));
    assert_eq!(check_name("trail."), Err(NameProblem::Edges));
    for reserved in [
        "CON",
        "con.txt",
        "LPT1",
        "Desktop.ini",
        ".lock",
        "~$report.docx",
    ] {
        assert_eq!(
            check_name(reserved),
            Err(NameProblem::Reserved),
            "{reserved}"
        );
    }
    assert_eq!(check_name("x_vti_y"), Err(NameProblem::Vti));
    assert_eq!(
        check_name("invoice\u{202E}fdp.exe"),
        Err(NameProblem::Invisible('\u{202E}'))
    );
    assert_eq!(
        check_name("a\u{200E}b"),
        Err(NameProblem::Invisible('\u{200E}'))
    );
    assert_eq!(
        check_name("pay\u{200B}roll.xlsx"),
        Err(NameProblem::Invisible('\u{200B}'))
    );
    assert_eq!(check_name("می\u{200C}خواهم.docx"), Ok(()));
    assert_eq!(check_name(&"x".repeat(256)), Err(NameProblem::TooLong));
}

#[test]
fn an_existing_folder_is_reused_and_a_file_of_that_name_is_a_conflict() {
    let taken = r#"{"error":{"code":"nameAlreadyExists","message":"taken"}}"#;
    let fake = Fake::new(vec![
        Ok(response(409, &[], taken)),
        Ok(response(
            200,
            &[],
            r#"{"id":"F","name":"Q1","folder":{"childCount":0},"parentReference":{"driveId":"d"}}"#,
        )),
    ]);
    let f = block_on(ensure_folder(
        &Graph::new(base(), Tokens, &fake),
        &FolderRef::MyFiles,
        "Q1",
    ))
    .unwrap();
    assert_eq!(
        FolderRef::of(&f),
        FolderRef::Item {
            drive_id: "d".into(),
            item_id: "F".into()
        }
    );
    let sent = fake.sent.borrow();
    assert_eq!(
        (sent[0].method, sent[0].url.as_str()),
        ("POST", "https://g/v1.0/me/drive/root/children")
    );
    assert_eq!(sent[1].method, "GET");
    assert!(
        sent[1]
            .url
            .starts_with("https://g/v1.0/me/drive/root:/Q1:?"),
        "{}",
        sent[1].url
    );

    let file = Fake::new(vec![
        Ok(response(409, &[], taken)),
        Ok(response(200, &[], r#"{"id":"x","name":"Q1","file":{}}"#)),
    ]);
    let e = block_on(ensure_folder(
        &Graph::new(base(), Tokens, &file),
        &FolderRef::MyFiles,
        "Q1",
    ))
    .unwrap_err();
    assert_eq!(e.status(), Some(409));
}

#[test]
fn sharing_links_are_asked_for_and_read() {
    let answer = r#"{"id":"p","roles":["read"],"link":{"type":"view","scope":"organization","webUrl":"https://s/l","extra":1}}"#;
    let fake = Fake::new(vec![Ok(response(201, &[], answer))]);
    let link = LinkRequest {
        kind: LinkType::View,
        scope: Some(LinkScope::Organization),
    };
    let got = block_on(create_link(
        &Graph::new(base(), Tokens, &fake),
        Some("d"),
        "i",
        link,
    ))
    .unwrap();
    assert_eq!(got.web_url.as_deref(), Some("https://s/l"));
    assert_eq!(got.scope.as_deref(), Some("organization"));
    let sent = fake.sent.borrow();
    assert_eq!(sent[0].url, "https://g/v1.0/drives/d/items/i/createLink");
    assert_eq!(
        sent[0].body.as_ref().and_then(|b| b.text()),
        Some(r#"{"scope":"organization","type":"view"}"#)
    );
    assert_eq!(
        link_body(LinkRequest {
            kind: LinkType::Edit,
            scope: None
        }),
        r#"{"type":"edit"}"#
    );
    let refused = Fake::new(vec![Ok(response(
        403,
        &[],
        r#"{"error":{"code":"accessDenied","message":"no"}}"#,
    ))]);
    let anonymous = LinkRequest {
        kind: LinkType::View,
        scope: Some(LinkScope::Anonymous),
    };
    let e = block_on(create_link(
        &Graph::new(base(), Tokens, &refused),
        None,
        "i",
        anonymous,
    ))
    .unwrap_err();
    assert_eq!(e.status(), Some(403));
    let empty = Fake::new(vec![Ok(response(200, &[], r#"{"id":"p"}"#))]);
    assert!(matches!(
        block_on(create_link(
            &Graph::new(base(), Tokens, &empty),
            None,
            "i",
            link
        )),
        Err(GraphError::InvalidResponse(_))
    ));
}
