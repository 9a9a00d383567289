//! The seeded SharePoint sites, their libraries, and the Project Falcon team whose channel
//! folders live in its site's default library.

use chrono::Duration;

use super::accounts::{FALCON_TEAM, MEGAN};
use super::builder::{site_id, t0, Builder};
use crate::store::{drive_id_for, Channel, Drive, DriveType, Owner, Site, Store, Team};

/// A library: its name and its top-level entries (a trailing `/` makes a folder).
type Library<'a> = (&'a str, &'a [&'a str]);

/// Adds the sites; returns the ids of those Adele follows and of the team's site.
pub(super) fn sites(store: &mut Store) -> (Vec<String>, String) {
    let portal = add_site(
        store,
        ["Portal", "Contoso Portal", "The intranet portal"],
        &[
            (
                "Documents",
                &[
                    "Announcements/",
                    "Brand guidelines.pdf",
                    "Org chart.pptx",
                    "Holiday calendar.xlsx",
                ],
            ),
            ("Policies", &["Travel policy.docx", "Security policy.docx"]),
        ],
    );
    let finance = add_site(
        store,
        ["Finance", "Finance", "Finance team site"],
        &[(
            "Documents",
            &["Budget 2025.xlsx", "Invoices/", "Audit report.pdf"],
        )],
    );
    let falcon = add_site(
        store,
        [
            "ProjectFalcon",
            "Project Falcon",
            "Team site of Project Falcon",
        ],
        &[("Documents", &["General/", "Design/"])],
    );
    (vec![portal, finance], falcon)
}

/// Adds a site (`[name, title, description]`) with its libraries; returns its id.
fn add_site(
    store: &mut Store,
    [name, title, desc]: [&str; 3],
    libraries: &[Library<'_>],
) -> String {
    let id = site_id(name);
    let mut drives = vec![];
    for (lib, files) in libraries {
        let d = library(&id, name, lib, files);
        drives.push(d.id.clone());
        store.drives.insert(d.id.clone(), d);
    }
    store.sites.push(Site {
        id: id.clone(),
        name: name.into(),
        display_name: title.into(),
        description: desc.into(),
        path: format!("/sites/{name}"),
        drives,
        created: t0() - Duration::days(600),
    });
    id
}

fn library(site: &str, site_name: &str, lib: &str, files: &[&str]) -> Drive {
    let drive_id = drive_id_for(DriveType::DocumentLibrary, &format!("{site_name}/{lib}"));
    let url_name = if lib == "Documents" {
        "Shared Documents"
    } else {
        lib
    };
    let mut d = Drive::new(
        drive_id,
        DriveType::DocumentLibrary,
        lib,
        Owner::Group(site.to_string()),
        format!("/sites/{site_name}/{url_name}"),
        Some(site.to_string()),
        t0() - Duration::days(600),
        MEGAN,
    );
    let root = d.root.clone();
    let mut b = Builder {
        drive: &mut d,
        user: MEGAN.into(),
        clock: t0() - Duration::hours(3),
    };
    for f in files {
        if let Some(folder) = f.strip_suffix('/') {
            b.folder(&root, folder);
        } else {
            b.file(&root, f);
        }
    }
    d
}

/// The team of `site`, its channels on the library's `General` and `Design` folders.
pub(super) fn falcon_team(store: &mut Store, site: &str) {
    let drive_id = store.site(site).unwrap().drives[0].clone();
    let drive = store.drives.get_mut(&drive_id).unwrap();
    let root = drive.get(&drive.root).unwrap();
    let general = drive.child_named(&root, "General").unwrap().id;
    let design = drive.child_named(&root, "Design").unwrap().id;
    let mut b = Builder {
        drive,
        user: MEGAN.into(),
        clock: t0() - Duration::hours(1),
    };
    b.file(&general, "Falcon charter.docx");
    b.file(&general, "Milestones.xlsx");
    b.file(&design, "Wireframes.pptx");
    b.image(&design, "Logo concept.png", 2, 1024, 1024);
    let channel = |id: &str, name: &str, description: &str, folder_id: &str| Channel {
        id: id.into(),
        display_name: name.into(),
        description: description.into(),
        folder_id: folder_id.into(),
    };
    store.teams.push(Team {
        id: FALCON_TEAM.into(),
        display_name: "Project Falcon".into(),
        description: "Everything about Project Falcon".into(),
        site_id: site.to_string(),
        channels: vec![
            channel(
                "19:4b6bed8d24574f6a9e436813cb2617d8@thread.tacv2",
                "General",
                "The General channel",
                &general,
            ),
            channel(
                "19:9c7f2a1b3d4e4f5a8b6c7d8e9f0a1b2c@thread.tacv2",
                "Design",
                "Design discussions",
                &design,
            ),
        ],
    });
}
