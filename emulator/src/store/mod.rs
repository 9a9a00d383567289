//! The tenant's data: organisations, users, drives and their items, sites, groups and teams.
//!
//! Items live in per-drive maps keyed by id. Very large folders are *generated*: their children are
//! computed from an index on demand, so a folder of 100,000 items costs nothing until it is paged.
//! Ids follow the observed real formats (business `01` + 32 base32 chars, personal
//! `DRIVEID!s` + 32 hex chars, drive ids `b!…` / 16 hex chars) but clients must treat them as opaque.

mod generated;
mod ids;
mod media;
pub mod model;
mod tenant;
mod tree;

pub use generated::generated_name;
pub use ids::drive_id_for;
pub use media::{mime_for, office_app, quick_xor_hash};
pub use model::{
    AccountKind, Channel, Drive, DriveType, Item, ItemKind, Media, Org, Owner, Share, Site,
    SortKey, Store, Team, User, MSA_TENANT,
};

#[cfg(test)]
mod tests;
