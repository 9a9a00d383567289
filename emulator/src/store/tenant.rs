//! Looking the tenant up, and who may reach what.

use super::model::{AccountKind, Drive, Item, Org, Owner, Site, Store, Team, User};

impl Store {
    /// A user by object id.
    pub fn user(&self, id: &str) -> Option<&User> {
        self.users.iter().find(|u| u.id == id)
    }

    /// A user by id or user principal name.
    pub fn user_by_id_or_upn(&self, key: &str) -> Option<&User> {
        self.users
            .iter()
            .find(|u| u.id == key || u.upn.eq_ignore_ascii_case(key))
    }

    /// An organisation by id or domain.
    pub fn org(&self, key: &str) -> Option<&Org> {
        self.orgs
            .iter()
            .find(|o| o.id == key || o.domain.eq_ignore_ascii_case(key))
    }

    /// A site by id.
    pub fn site(&self, id: &str) -> Option<&Site> {
        self.sites.iter().find(|s| s.id == id)
    }

    /// A team (group) by id.
    pub fn team(&self, id: &str) -> Option<&Team> {
        self.teams.iter().find(|t| t.id == id)
    }

    /// Finds the drive holding `item_id` and returns (drive id, item).
    pub fn find_item(&self, item_id: &str) -> Option<(String, Item)> {
        self.drives
            .values()
            .find_map(|d| d.get(item_id).map(|i| (d.id.clone(), i)))
    }

    /// Whether `user` may read or write (`write`) items of `drive`, item `item` considered for shares.
    pub fn can_access(&self, user: &User, drive: &Drive, item: &Item, write: bool) -> bool {
        match &drive.owner {
            Owner::User(owner) if *owner == user.id => true,
            Owner::User(_) => {
                // Shared items (and their descendants) are reachable by grantees.
                let mut cur = Some(item.clone());
                while let Some(i) = cur {
                    if i.shares
                        .iter()
                        .any(|s| s.user_id == user.id && (!write || s.role == "write"))
                    {
                        return true;
                    }
                    cur = i.parent.as_ref().and_then(|p| drive.get(p));
                }
                false
            }
            // Site libraries: every member of the owning organisation.
            Owner::Group(_) => user.kind == AccountKind::Work,
        }
    }
}
