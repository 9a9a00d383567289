//! Item and drive ids in the observed real formats (opaque to clients).

use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};
use std::collections::HashMap;

use super::model::{Drive, DriveType, Item, ItemKind, Owner};
use crate::changes::ChangeLog;
use crate::util::{b64url, base32_decode, base32_upper, stable_guid};

/// The first byte of a generated item's raw id.
pub(super) const GENERATED_MARK: u8 = 0xF7;

impl Drive {
    /// A new empty drive with a root folder.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        id: String,
        drive_type: DriveType,
        name: &str,
        owner: Owner,
        web_path: String,
        site_id: Option<String>,
        created: DateTime<Utc>,
        owner_user: &str,
    ) -> Drive {
        let mut d = Drive {
            id,
            drive_type,
            name: name.into(),
            owner,
            web_path,
            site_id,
            root: String::new(),
            items: HashMap::new(),
            generated_folders: Vec::new(),
            links: HashMap::new(),
            quota_total: 1_099_511_627_776,
            changes: ChangeLog::default(),
            seq: 0,
            created,
        };
        let root_id = d.new_id();
        d.root = root_id.clone();
        d.items.insert(
            root_id.clone(),
            Item {
                id: root_id,
                name: "root".into(),
                parent: None,
                created,
                modified: created,
                created_by: owner_user.into(),
                modified_by: owner_user.into(),
                kind: ItemKind::empty_folder(),
                unique_id: stable_guid(&format!("{}/root", d.id)),
                version: 1,
                content_version: 1,
                shares: vec![],
            },
        );
        d
    }

    pub(super) fn encode_raw(&self, raw: [u8; 16]) -> String {
        match self.drive_type {
            DriveType::Personal => {
                let hex: String = raw.iter().map(|b| format!("{b:02x}")).collect();
                format!("{}!s{hex}", self.id.to_ascii_uppercase())
            }
            _ => {
                let mut bytes = raw.to_vec();
                bytes.extend_from_slice(&Sha256::digest(raw)[..4]);
                format!("01{}", base32_upper(&bytes))
            }
        }
    }

    pub(super) fn decode_raw(&self, id: &str) -> Option<[u8; 16]> {
        let bytes = match self.drive_type {
            DriveType::Personal => {
                let (_, hex) = id.split_once("!s")?;
                if hex.len() != 32 {
                    return None;
                }
                (0..16)
                    .map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).ok())
                    .collect::<Option<Vec<u8>>>()?
            }
            _ => {
                let b = base32_decode(id.strip_prefix("01")?)?;
                if b.len() != 20 || b[16..] != Sha256::digest(&b[..16])[..4] {
                    return None;
                }
                b[..16].to_vec()
            }
        };
        bytes.try_into().ok()
    }

    /// A fresh item id in this drive's format.
    pub fn new_id(&mut self) -> String {
        self.seq += 1;
        let digest = Sha256::digest(format!("{}#{}", self.id, self.seq));
        let mut raw = [0u8; 16];
        raw.copy_from_slice(&digest[..16]);
        if raw[0] == GENERATED_MARK {
            raw[0] = 0x17;
        }
        self.encode_raw(raw)
    }

    pub(super) fn generated_id(&self, ordinal: u16, index: u32) -> String {
        let mut raw = [0u8; 16];
        raw[0] = GENERATED_MARK;
        raw[1..3].copy_from_slice(&ordinal.to_be_bytes());
        raw[3..7].copy_from_slice(&index.to_be_bytes());
        let check = Sha256::digest(format!("{}|{ordinal}|{index}", self.id));
        raw[7..].copy_from_slice(&check[..9]);
        self.encode_raw(raw)
    }

    /// Looks an item up by id, real or generated.
    pub fn get(&self, id: &str) -> Option<Item> {
        if let Some(item) = self.items.get(id) {
            return Some(item.clone());
        }
        let raw = self.decode_raw(id)?;
        if raw[0] != GENERATED_MARK {
            return None;
        }
        let ordinal = u16::from_be_bytes([raw[1], raw[2]]);
        let index = u32::from_be_bytes([raw[3], raw[4], raw[5], raw[6]]);
        let item = self.generated_child(ordinal, index)?;
        (item.id == id).then_some(item)
    }
}

/// Deterministic drive id in the real format for the drive type.
pub fn drive_id_for(kind: DriveType, key: &str) -> String {
    let digest = Sha256::digest(key.as_bytes());
    match kind {
        DriveType::Personal => digest[..8].iter().map(|b| format!("{b:02x}")).collect(),
        _ => {
            let mut bytes = digest.to_vec();
            bytes.extend_from_slice(&Sha256::digest(digest)[..16]);
            format!("b!{}", b64url(&bytes[..48]))
        }
    }
}
