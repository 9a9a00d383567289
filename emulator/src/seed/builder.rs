//! The seed's tools: a builder that adds folders, files and images to a drive with plausible,
//! deterministic times, placeholder content, and the seeded users and site ids.

use chrono::{DateTime, Duration, TimeZone, Utc};

use crate::store::{AccountKind, Drive, ItemKind, Media, Share, User};
use crate::util::stable_guid;

pub(super) fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 11, 3, 9, 0, 0).unwrap()
}

pub(super) struct Builder<'a> {
    pub(super) drive: &'a mut Drive,
    pub(super) user: String,
    pub(super) clock: DateTime<Utc>,
}

impl Builder<'_> {
    pub(super) fn tick(&mut self) -> DateTime<Utc> {
        self.clock -= Duration::minutes(97);
        self.clock
    }

    pub(super) fn add(
        &mut self,
        parent: &str,
        name: &str,
        age_days: i64,
        kind: ItemKind,
    ) -> String {
        let at = self.tick();
        let times = (at - Duration::days(age_days), at);
        self.drive.add_child(parent, name, &self.user, times, kind)
    }

    pub(super) fn folder(&mut self, parent: &str, name: &str) -> String {
        self.add(parent, name, 30, ItemKind::empty_folder())
    }

    pub(super) fn file_with(
        &mut self,
        parent: &str,
        name: &str,
        data: Vec<u8>,
        media: Media,
    ) -> String {
        self.add(parent, name, 12, ItemKind::file(name, data, media))
    }

    pub(super) fn file(&mut self, parent: &str, name: &str) -> String {
        let data = placeholder_content(name);
        self.file_with(parent, name, data, Media::None)
    }

    pub(super) fn image(
        &mut self,
        parent: &str,
        name: &str,
        seed: u32,
        width: u32,
        height: u32,
    ) -> String {
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

    pub(super) fn share(&mut self, item: &str, with: &str, role: &'static str) {
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

pub(super) fn user(
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

pub(super) fn site_id(name: &str) -> String {
    format!(
        "contoso.sharepoint.com,{},{}",
        stable_guid(&format!("site-collection/{name}")),
        stable_guid(&format!("web/{name}"))
    )
}
