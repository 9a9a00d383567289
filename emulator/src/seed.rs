//! The seeded tenant: deterministic, so tests and demos see the same data every start.

use chrono::{DateTime, Duration, TimeZone, Utc};

use crate::store::*;
use crate::util::stable_guid;

/// Tenant id of the seeded work organisation (Contoso).
pub const CONTOSO_TENANT: &str = "3c1a2b4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";
/// Adele Vance, the main work account.
pub const ADELE: &str = "5f0e8c62-9d3a-4e58-b9a3-2f5c7d0e1a11";
/// Megan Bowen, a second work account who shares with Adele.
pub const MEGAN: &str = "7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
/// Pat Kim, a personal Microsoft account.
pub const PAT: &str = "00000000-0000-0000-3ae1-d764b70b25b3";
/// The Project Falcon team (and its group).
pub const FALCON_TEAM: &str = "02bd9fd6-8f93-4758-87c3-1fb73740a315";

/// Names that stress rendering and escaping.
pub const HOSTILE_NAMES: &[&str] = &[
    "Résumé – Zoë Ångström.docx",
    "日本語のファイル名.xlsx",
    "\u{200F}שלום עולם\u{200F} RTL notes.docx",
    "🎉 Party plan 🎈.pptx",
    "<script>alert('pwned')<script>.docx",
    "<img src=x onerror=alert(1)>.txt",
    "Quote \"double\" & 'single'.txt",
    "Percent %20 and #hash.txt",
];

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 11, 3, 9, 0, 0).unwrap()
}

struct Builder<'a> {
    drive: &'a mut Drive,
    user: String,
    clock: DateTime<Utc>,
}

impl Builder<'_> {
    fn tick(&mut self) -> DateTime<Utc> {
        self.clock -= Duration::minutes(97);
        self.clock
    }

    fn add(&mut self, parent: &str, name: &str, age_days: i64, kind: ItemKind) -> String {
        let at = self.tick();
        let times = (at - Duration::days(age_days), at);
        self.drive.add_child(parent, name, &self.user, times, kind)
    }

    fn folder(&mut self, parent: &str, name: &str) -> String {
        self.add(parent, name, 30, ItemKind::empty_folder())
    }

    fn file_with(&mut self, parent: &str, name: &str, data: Vec<u8>, media: Media) -> String {
        self.add(parent, name, 12, ItemKind::file(name, data, media))
    }

    fn file(&mut self, parent: &str, name: &str) -> String {
        let data = placeholder_content(name);
        self.file_with(parent, name, data, Media::None)
    }

    fn image(&mut self, parent: &str, name: &str, seed: u32, width: u32, height: u32) -> String {
        let data = crate::images::photo_png(seed, 64, 48);
        let taken = self.clock - Duration::days(40);
        self.file_with(
            parent,
            name,
            data,
            Media::Image {
                width,
                height,
                seed,
                taken,
            },
        )
    }

    fn share(&mut self, item: &str, with: &str, role: &'static str) {
        let at = self.tick();
        let by = self.user.clone();
        if let Some(i) = self.drive.items.get_mut(item) {
            i.shares.push(Share {
                user_id: with.into(),
                role,
                shared_by: by,
                at,
            });
        }
    }
}

/// Deterministic bytes standing for a document's content, sized by its type.
pub fn placeholder_content(name: &str) -> Vec<u8> {
    let ext = name.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
    let reps = match ext {
        "pptx" => 900,
        "xlsx" => 400,
        "docx" => 250,
        "pdf" => 600,
        "mp4" => 4000,
        _ => 3,
    };
    let mut v = Vec::new();
    if ext == "pdf" {
        v.extend_from_slice(b"%PDF-1.4\n");
    } else if matches!(ext, "docx" | "xlsx" | "pptx") {
        v.extend_from_slice(b"PK\x03\x04");
    }
    for i in 0..reps {
        v.extend_from_slice(format!("{name} line {i}\n").as_bytes());
    }
    v
}

fn user(
    id: &str,
    tenant: &str,
    upn: &str,
    given: &str,
    surname: &str,
    kind: AccountKind,
    drive_id: String,
) -> User {
    User {
        id: id.into(),
        tenant_id: tenant.into(),
        upn: upn.into(),
        display_name: format!("{given} {surname}"),
        given_name: given.into(),
        surname: surname.into(),
        job_title: (kind == AccountKind::Work).then(|| "Product Manager".to_string()),
        office: (kind == AccountKind::Work).then(|| "18/2111".to_string()),
        kind,
        drive_id,
        followed_sites: vec![],
        joined_teams: vec![],
    }
}

fn site_id(name: &str) -> String {
    format!(
        "contoso.sharepoint.com,{},{}",
        stable_guid(&format!("site-collection/{name}")),
        stable_guid(&format!("web/{name}"))
    )
}

/// Builds the seeded tenant.
pub fn seed() -> Store {
    let mut store = Store::default();
    store.orgs.push(Org {
        id: CONTOSO_TENANT.into(),
        domain: "contoso.onmicrosoft.com".into(),
        display_name: "Contoso".into(),
    });

    let adele_drive = drive_id_for(DriveType::Business, "adele");
    let megan_drive = drive_id_for(DriveType::Business, "megan");
    let pat_drive = drive_id_for(DriveType::Personal, "pat");
    let mut adele = user(
        ADELE,
        CONTOSO_TENANT,
        "AdeleV@contoso.onmicrosoft.com",
        "Adele",
        "Vance",
        AccountKind::Work,
        adele_drive.clone(),
    );
    let megan = user(
        MEGAN,
        CONTOSO_TENANT,
        "MeganB@contoso.onmicrosoft.com",
        "Megan",
        "Bowen",
        AccountKind::Work,
        megan_drive.clone(),
    );
    let pat = user(
        PAT,
        MSA_TENANT,
        "pat.kim@outlook.com",
        "Pat",
        "Kim",
        AccountKind::Personal,
        pat_drive.clone(),
    );

    // Adele's OneDrive for Business.
    let my_site = site_id("my-adele");
    let mut d = Drive::new(
        adele_drive.clone(),
        DriveType::Business,
        "OneDrive",
        Owner::User(ADELE.into()),
        "/personal/adelev_contoso_onmicrosoft_com/Documents".into(),
        Some(my_site),
        t0() - Duration::days(400),
        ADELE,
    );
    {
        let root = d.root.clone();
        let mut b = Builder {
            drive: &mut d,
            user: ADELE.into(),
            clock: t0(),
        };
        let docs = b.folder(&root, "Documents");
        let reports = b.folder(&docs, "Reports");
        b.file(&reports, "Q3 Forecast.xlsx");
        b.file(&reports, "Annual Report 2025.docx");
        b.file(&reports, "Board deck.pptx");
        let contracts = b.folder(&docs, "Contracts");
        b.file(&contracts, "Vendor contract (signed).pdf");
        b.file(&contracts, "NDA template.docx");
        let mut deep = b.folder(&docs, "Deeply");
        for name in ["Nested", "Folder", "Structure", "Five", "Levels"] {
            deep = b.folder(&deep, name);
        }
        b.file(&deep, "Treasure.txt");
        let pictures = b.folder(&root, "Pictures");
        b.image(&pictures, "site-visit.png", 1, 4032, 3024);
        b.image(&pictures, "team-offsite.png", 2, 3000, 2000);
        b.image(&pictures, "whiteboard.png", 3, 1200, 1600);
        let videos = b.folder(&root, "Videos");
        let data = placeholder_content("Product demo.mp4");
        b.file_with(
            &videos,
            "Product demo.mp4",
            data,
            Media::Video {
                width: 1920,
                height: 1080,
                duration_ms: 93_000,
            },
        );
        let odd = b.folder(&root, "Unicode & <odd> names");
        for name in HOSTILE_NAMES {
            b.file(&odd, name);
        }
        let long = format!(
            "{} end.docx",
            "A very long file name ".repeat(10).trim_end()
        );
        b.file(&odd, &long);
        let big = b.folder(&root, "Big folder (10,000 items)");
        let huge = b.folder(&root, "Huge folder (100,000 items)");
        b.folder(&root, "Empty folder");
        let plan = b.file(&root, "Project Plan.docx");
        b.share(&plan, MEGAN, "write");
        b.file(&root, "Welcome.docx");
        b.file(&root, "Budget.xlsx");
        b.file(&root, "Kick-off.pptx");
        b.file(&root, "Notes.txt");
        b.file(&root, "Expense policy.pdf");
        d.make_generated(&big, 10_000);
        d.make_generated(&huge, 100_000);
    }
    store.drives.insert(d.id.clone(), d);

    // Megan's OneDrive: items shared with Adele.
    let mut d = Drive::new(
        megan_drive.clone(),
        DriveType::Business,
        "OneDrive",
        Owner::User(MEGAN.into()),
        "/personal/meganb_contoso_onmicrosoft_com/Documents".into(),
        Some(site_id("my-megan")),
        t0() - Duration::days(380),
        MEGAN,
    );
    {
        let root = d.root.clone();
        let mut b = Builder {
            drive: &mut d,
            user: MEGAN.into(),
            clock: t0() + Duration::hours(5),
        };
        let budget = b.file(&root, "Budget 2026.xlsx");
        b.share(&budget, ADELE, "write");
        let review = b.file(&root, "Design review.pptx");
        b.share(&review, ADELE, "read");
        let shared_folder = b.folder(&root, "Shared with team");
        b.file(&shared_folder, "Roadmap.docx");
        b.share(&shared_folder, ADELE, "read");
        b.file(&root, "Private notes.docx");
    }
    store.drives.insert(d.id.clone(), d);

    // Pat's personal OneDrive.
    let mut d = Drive::new(
        pat_drive.clone(),
        DriveType::Personal,
        "OneDrive",
        Owner::User(PAT.into()),
        String::new(),
        None,
        t0() - Duration::days(900),
        PAT,
    );
    {
        let root = d.root.clone();
        let mut b = Builder {
            drive: &mut d,
            user: PAT.into(),
            clock: t0() + Duration::hours(2),
        };
        let docs = b.folder(&root, "Documents");
        b.file(&docs, "Recipes.docx");
        b.file(&docs, "Household budget.xlsx");
        let pictures = b.folder(&root, "Pictures");
        b.image(&pictures, "Vacation.png", 4, 4000, 3000);
        b.file(&root, "Getting started with OneDrive.pdf");
    }
    store.drives.insert(d.id.clone(), d);

    // SharePoint sites and their libraries.
    let add_site =
        |store: &mut Store, name: &str, title: &str, desc: &str, libraries: &[(&str, &[&str])]| {
            let id = site_id(name);
            let mut drives = vec![];
            for (lib, files) in libraries {
                let drive_id = drive_id_for(DriveType::DocumentLibrary, &format!("{name}/{lib}"));
                let url_name = if *lib == "Documents" {
                    "Shared Documents".to_string()
                } else {
                    lib.to_string()
                };
                let mut d = Drive::new(
                    drive_id.clone(),
                    DriveType::DocumentLibrary,
                    lib,
                    Owner::Group(id.clone()),
                    format!("/sites/{name}/{url_name}"),
                    Some(id.clone()),
                    t0() - Duration::days(600),
                    MEGAN,
                );
                let root = d.root.clone();
                let mut b = Builder {
                    drive: &mut d,
                    user: MEGAN.into(),
                    clock: t0() - Duration::hours(3),
                };
                for f in *files {
                    if let Some(folder) = f.strip_suffix('/') {
                        b.folder(&root, folder);
                    } else {
                        b.file(&root, f);
                    }
                }
                store.drives.insert(drive_id.clone(), d);
                drives.push(drive_id);
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
        };
    let portal = add_site(
        &mut store,
        "Portal",
        "Contoso Portal",
        "The intranet portal",
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
        &mut store,
        "Finance",
        "Finance",
        "Finance team site",
        &[(
            "Documents",
            &["Budget 2025.xlsx", "Invoices/", "Audit report.pdf"],
        )],
    );
    let falcon_site = add_site(
        &mut store,
        "ProjectFalcon",
        "Project Falcon",
        "Team site of Project Falcon",
        &[("Documents", &["General/", "Design/"])],
    );

    // The team: channel folders live in the team site's default library.
    let falcon_drive_id = store.site(&falcon_site).unwrap().drives[0].clone();
    let falcon_drive = store.drives.get_mut(&falcon_drive_id).unwrap();
    let root = falcon_drive.get(&falcon_drive.root).unwrap();
    let general = falcon_drive.child_named(&root, "General").unwrap().id;
    let design = falcon_drive.child_named(&root, "Design").unwrap().id;
    {
        let mut b = Builder {
            drive: falcon_drive,
            user: MEGAN.into(),
            clock: t0() - Duration::hours(1),
        };
        b.file(&general, "Falcon charter.docx");
        b.file(&general, "Milestones.xlsx");
        b.file(&design, "Wireframes.pptx");
        b.image(&design, "Logo concept.png", 2, 1024, 1024);
    }
    store.teams.push(Team {
        id: FALCON_TEAM.into(),
        display_name: "Project Falcon".into(),
        description: "Everything about Project Falcon".into(),
        site_id: falcon_site.clone(),
        channels: vec![
            Channel {
                id: "19:4b6bed8d24574f6a9e436813cb2617d8@thread.tacv2".into(),
                display_name: "General".into(),
                description: "The General channel".into(),
                folder_id: general,
            },
            Channel {
                id: "19:9c7f2a1b3d4e4f5a8b6c7d8e9f0a1b2c@thread.tacv2".into(),
                display_name: "Design".into(),
                description: "Design discussions".into(),
                folder_id: design,
            },
        ],
    });

    adele.followed_sites = vec![portal, finance];
    adele.joined_teams = vec![FALCON_TEAM.into()];
    let mut megan = megan;
    megan.joined_teams = vec![FALCON_TEAM.into()];
    store.users = vec![adele, megan, pat];
    store
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_is_deterministic() {
        let a = seed();
        let b = seed();
        let da = &a.drives[&a.users[0].drive_id];
        let db = &b.drives[&b.users[0].drive_id];
        assert_eq!(da.root, db.root);
        let mut ka: Vec<_> = da.items.keys().collect();
        let mut kb: Vec<_> = db.items.keys().collect();
        ka.sort();
        kb.sort();
        assert_eq!(ka, kb);
    }

    #[test]
    fn large_folders_are_there() {
        let s = seed();
        let d = &s.drives[&s.users[0].drive_id];
        let root = d.get(&d.root).unwrap();
        let huge = d.child_named(&root, "Huge folder (100,000 items)").unwrap();
        assert_eq!(d.child_count(&huge), 100_000);
    }
}
