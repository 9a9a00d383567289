//! Drives, users, sites and teams as Graph renders them.

use chrono::Duration;
use serde_json::{json, Value};

use super::{encoded_path, identity_set};
use crate::state::Shared;
use crate::store::{Drive, DriveType, Owner, Site, Store, Team, User};
use crate::util::iso;

/// A drive resource.
pub fn drive(st: &Shared, store: &Store, d: &Drive) -> Value {
    let owner = match &d.owner {
        Owner::User(u) => identity_set(store, u),
        Owner::Group(site) => {
            let name = store
                .site(site)
                .map(|s| s.display_name.clone())
                .unwrap_or_default();
            json!({"group": {"id": crate::util::stable_guid(&format!("group/{site}")), "displayName": name, "email": format!("{}@contoso.onmicrosoft.com", name.replace(' ', ""))}})
        }
    };
    let root = d.get(&d.root).expect("root");
    let used = d.size_of(&root);
    let mut v = json!({
        "createdDateTime": iso(d.created()),
        "description": "",
        "id": d.id,
        "lastModifiedDateTime": iso(root.modified),
        "name": d.name,
        "webUrl": if d.drive_type == DriveType::Personal { format!("{}/_onedrive/?cid={}", st.base, d.id) } else { format!("{}{}", st.base, encoded_path(&d.web_path)) },
        "driveType": d.drive_type.as_str(),
        "createdBy": match &d.owner { Owner::User(u) => identity_set(store, u), Owner::Group(_) => json!({"user": {"displayName": "System Account"}}) },
        "owner": owner,
        "quota": {"deleted": 0, "remaining": d.quota_total - used, "state": "normal", "total": d.quota_total, "used": used},
    });
    if d.drive_type == DriveType::Personal {
        v.as_object_mut().unwrap().remove("description");
    }
    v
}

/// The default `/me` properties (`$select` may ask for more).
pub fn user(st: &Shared, u: &User) -> Value {
    let work = u.kind == crate::store::AccountKind::Work;
    json!({
        "businessPhones": if work { json!(["+1 425 555 0109"]) } else { json!([]) },
        "displayName": u.display_name,
        "givenName": u.given_name,
        "jobTitle": u.job_title,
        "mail": if work { json!(u.upn) } else { Value::Null },
        "mobilePhone": null,
        "officeLocation": u.office,
        "preferredLanguage": if work { json!("en-US") } else { Value::Null },
        "surname": u.surname,
        "userPrincipalName": u.upn,
        "id": u.id,
        "mySite": if work { json!(format!("{}/personal/{}", st.base, u.upn.to_lowercase().replace(['@', '.'], "_"))) } else { Value::Null },
        "accountEnabled": true,
    })
}

/// Default `/me` property names.
pub const USER_DEFAULT: &[&str] = &[
    "businessPhones",
    "displayName",
    "givenName",
    "jobTitle",
    "mail",
    "mobilePhone",
    "officeLocation",
    "preferredLanguage",
    "surname",
    "userPrincipalName",
    "id",
];

/// A site resource.
pub fn site(st: &Shared, s: &Site) -> Value {
    let mut parts = s.id.split(',');
    let (host, collection, web) = (
        parts.next().unwrap_or(""),
        parts.next().unwrap_or(""),
        parts.next().unwrap_or(""),
    );
    json!({
        "createdDateTime": iso(s.created),
        "description": s.description,
        "id": s.id,
        "lastModifiedDateTime": iso(s.created + Duration::days(300)),
        "name": s.name,
        "webUrl": format!("{}{}", st.base, s.path),
        "displayName": s.display_name,
        "isPersonalSite": false,
        "root": {},
        "sharepointIds": {"siteId": collection, "siteUrl": format!("{}{}", st.base, s.path), "tenantId": crate::seed::CONTOSO_TENANT, "webId": web},
        "siteCollection": {"hostname": host},
    })
}

/// A team as `/me/joinedTeams` returns it: five properties set, the rest null.
pub fn team(t: &Team) -> Value {
    json!({
        "id": t.id,
        "createdDateTime": null,
        "displayName": t.display_name,
        "description": t.description,
        "internalId": null,
        "classification": null,
        "specialization": null,
        "visibility": null,
        "webUrl": null,
        "isArchived": false,
        "tenantId": crate::seed::CONTOSO_TENANT,
        "isMembershipLimitedToOwners": null,
        "memberSettings": null,
        "guestSettings": null,
        "messagingSettings": null,
        "funSettings": null,
        "discoverySettings": null,
        "summary": null,
    })
}
