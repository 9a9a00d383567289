use super::generated::{generated_body, generated_len};
use super::*;
use chrono::Utc;

fn drive(kind: DriveType) -> Drive {
    let t = Utc::now();
    Drive::new(
        drive_id_for(kind, "t"),
        kind,
        "OneDrive",
        Owner::User("u".into()),
        "/personal/u".into(),
        None,
        t,
        "u",
    )
}

#[test]
fn ids_have_the_observed_shapes() {
    let d = drive(DriveType::Business);
    assert!(d.id.starts_with("b!") && d.id.len() == 66, "{}", d.id);
    assert!(d.root.starts_with("01") && d.root.len() == 34, "{}", d.root);
    let p = drive(DriveType::Personal);
    assert_eq!(p.id.len(), 16);
    assert!(p.root.starts_with(&p.id.to_ascii_uppercase()));
    assert!(p.root.contains("!s"));
}

#[test]
fn generated_children_resolve_by_id_and_name() {
    for kind in [DriveType::Business, DriveType::Personal] {
        let mut d = drive(kind);
        let root = d.get(&d.root.clone()).unwrap();
        let folder_id = d.new_id();
        let mut folder = root.clone();
        folder.id = folder_id.clone();
        folder.name = "Big".into();
        folder.parent = Some(root.id.clone());
        d.insert_child(&root.id, folder);
        d.make_generated(&folder_id, 1000);
        let folder = d.get(&folder_id).unwrap();
        assert_eq!(d.child_count(&folder), 1000);
        let page = d.children_page(&folder, SortKey::Default, false, 500, 3);
        assert_eq!(page[0].name, "Item 000501.txt");
        let again = d.get(&page[1].id).unwrap();
        assert_eq!(again.name, page[1].name);
        assert_eq!(
            d.child_named(&folder, "item 000502.DOCX").unwrap().id,
            page[1].id
        );
        // A forged generated id (index past the end) does not resolve.
        assert!(d.get(&d.generated_id(0, 5000)).is_none());
        let desc = d.children_page(&folder, SortKey::Name, true, 0, 1);
        assert_eq!(desc[0].name, "Item 001000.pdf");
    }
}

#[test]
fn generated_lengths_match_generated_bodies() {
    for count in [1, 9, 10, 10_000, 100_000] {
        for index in [0, 8, 9, 10, 98, 99, 999, 9_998, 9_999, 99_998, 99_999] {
            if index < count {
                assert_eq!(
                    generated_len(index, count),
                    generated_body(index, count).len()
                );
            }
        }
    }
}

#[test]
fn quick_xor_hash_of_empty_input_is_zero() {
    assert_eq!(quick_xor_hash(b""), "AAAAAAAAAAAAAAAAAAAAAAAAAAA=");
    assert_ne!(quick_xor_hash(b"a"), quick_xor_hash(b"b"));
}
