//! The seeded OneDrives: Adele's (work, with every kind of content and the large folders),
//! Megan's (items shared with Adele) and Pat's (personal).

use chrono::Duration;

use super::accounts::{ADELE, HOSTILE_NAMES, MEGAN, PAT};
use super::builder::{placeholder_content, site_id, t0, Builder};
use crate::store::{Drive, DriveType, Media, Owner};

/// Adele's OneDrive for Business.
pub(super) fn adele(id: &str) -> Drive {
    let mut d = Drive::new(
        id.to_string(),
        DriveType::Business,
        "OneDrive",
        Owner::User(ADELE.into()),
        "/personal/adelev_contoso_onmicrosoft_com/Documents".into(),
        Some(site_id("my-adele")),
        t0() - Duration::days(400),
        ADELE,
    );
    let root = d.root.clone();
    let mut b = Builder {
        drive: &mut d,
        user: ADELE.into(),
        clock: t0(),
    };
    adele_documents(&mut b, &root);
    adele_media(&mut b, &root);
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
    for name in [
        "Welcome.docx",
        "Budget.xlsx",
        "Kick-off.pptx",
        "Notes.txt",
        "Expense policy.pdf",
    ] {
        b.file(&root, name);
    }
    d.make_generated(&big, 10_000);
    d.make_generated(&huge, 100_000);
    d
}

fn adele_documents(b: &mut Builder<'_>, root: &str) {
    let docs = b.folder(root, "Documents");
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
}

fn adele_media(b: &mut Builder<'_>, root: &str) {
    let pictures = b.folder(root, "Pictures");
    b.image(&pictures, "site-visit.png", 1, 4032, 3024);
    b.image(&pictures, "team-offsite.png", 2, 3000, 2000);
    b.image(&pictures, "whiteboard.png", 3, 1200, 1600);
    let videos = b.folder(root, "Videos");
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
}

/// Megan's OneDrive: items shared with Adele.
pub(super) fn megan(id: &str) -> Drive {
    let mut d = Drive::new(
        id.to_string(),
        DriveType::Business,
        "OneDrive",
        Owner::User(MEGAN.into()),
        "/personal/meganb_contoso_onmicrosoft_com/Documents".into(),
        Some(site_id("my-megan")),
        t0() - Duration::days(380),
        MEGAN,
    );
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
    // Shared with no one: reachable only by the links Megan makes.
    let drafts = b.folder(&root, "Drafts");
    b.file(&drafts, "Outline.docx");
    d
}

/// Pat's personal OneDrive.
pub(super) fn pat(id: &str) -> Drive {
    let mut d = Drive::new(
        id.to_string(),
        DriveType::Personal,
        "OneDrive",
        Owner::User(PAT.into()),
        String::new(),
        None,
        t0() - Duration::days(900),
        PAT,
    );
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
    d
}
