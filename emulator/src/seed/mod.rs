//! The seeded tenant: deterministic, so tests and demos see the same data every start. The
//! users and organisation here; their drives in `drives`, the sites and the team in `sites`,
//! the builder they use in `builder`.

mod accounts;
mod builder;
mod drives;
mod sites;

use crate::store::{drive_id_for, AccountKind, DriveType, Org, Store, MSA_TENANT};
pub use accounts::{ADELE, CONTOSO_TENANT, FALCON_TEAM, HOSTILE_NAMES, MEGAN, PAT};
pub use builder::placeholder_content;
use builder::user;

/// Builds the seeded tenant.
pub fn seed() -> Store {
    let mut store = Store::default();
    store.orgs.push(Org {
        id: CONTOSO_TENANT.into(),
        domain: "contoso.onmicrosoft.com".into(),
        display_name: "Contoso".into(),
    });
    let work = |id, upn, given, family, drive| {
        let kind = AccountKind::Work;
        user(id, CONTOSO_TENANT, upn, given, family, kind, drive)
    };
    let adele_drive = drive_id_for(DriveType::Business, "adele");
    let megan_drive = drive_id_for(DriveType::Business, "megan");
    let pat_drive = drive_id_for(DriveType::Personal, "pat");
    let upn = "AdeleV@contoso.onmicrosoft.com";
    let mut adele = work(ADELE, upn, "Adele", "Vance", adele_drive.clone());
    let upn = "MeganB@contoso.onmicrosoft.com";
    let mut megan = work(MEGAN, upn, "Megan", "Bowen", megan_drive.clone());
    let personal = AccountKind::Personal;
    let upn = "pat.kim@outlook.com";
    let pat = user(
        PAT,
        MSA_TENANT,
        upn,
        "Pat",
        "Kim",
        personal,
        pat_drive.clone(),
    );
    for d in [
        drives::adele(&adele_drive),
        drives::megan(&megan_drive),
        drives::pat(&pat_drive),
    ] {
        store.drives.insert(d.id.clone(), d);
    }
    let (followed, falcon_site) = sites::sites(&mut store);
    sites::falcon_team(&mut store, &falcon_site);
    adele.followed_sites = followed;
    adele.joined_teams = vec![FALCON_TEAM.into()];
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
