//! Generated folders: children computed from their index on demand, so a folder of 100,000
//! items costs nothing until it is paged.

use std::sync::Arc;

use chrono::Duration;

use super::media::mime_for;
use super::model::{Drive, Item, ItemKind, Media};
use crate::util::stable_guid;

impl Drive {
    /// Turns `folder` into a generated folder of `count` virtual children.
    pub fn make_generated(&mut self, folder: &str, count: u32) {
        self.generated_folders.push(folder.to_string());
        if let Some(Item {
            kind: ItemKind::Folder { generated, .. },
            ..
        }) = self.items.get_mut(folder)
        {
            *generated = count;
        }
    }

    pub(super) fn generated_child(&self, ordinal: u16, index: u32) -> Option<Item> {
        let folder_id = self.generated_folders.get(ordinal as usize)?;
        let folder = self.items.get(folder_id)?;
        let ItemKind::Folder { generated, .. } = folder.kind else {
            return None;
        };
        if index >= generated {
            return None;
        }
        let name = generated_name(index);
        let data = generated_body(index, generated);
        Some(Item {
            id: self.generated_id(ordinal, index),
            name: name.clone(),
            parent: Some(folder_id.clone()),
            created: folder.created + Duration::seconds(index as i64),
            modified: folder.created + Duration::seconds(index as i64 * 2),
            created_by: folder.created_by.clone(),
            modified_by: folder.created_by.clone(),
            kind: ItemKind::File {
                mime: mime_for(&name).into(),
                data: Arc::new(data),
                media: Media::None,
            },
            unique_id: stable_guid(&format!("{}/gen/{ordinal}/{index}", self.id)),
            version: 1,
            content_version: 1,
            shares: vec![],
        })
    }
}

/// Name of generated child `index`.
pub fn generated_name(index: u32) -> String {
    let ext = ["txt", "docx", "xlsx", "pptx", "pdf"][(index % 5) as usize];
    format!("Item {:06}.{ext}", index + 1)
}

fn generated_line(index: u32, count: u32) -> String {
    format!("Generated item {} of {count}\n", index + 1)
}

fn generated_reps(index: u32) -> usize {
    1 + (index as usize * 7) % 23
}

pub(super) fn generated_body(index: u32, count: u32) -> Vec<u8> {
    generated_line(index, count)
        .repeat(generated_reps(index))
        .into_bytes()
}

/// `generated_body(index, count).len()` without building it (folder sizes sum 100,000 of these).
pub(super) fn generated_len(index: u32, count: u32) -> usize {
    let digits = |n: u32| n.checked_ilog10().unwrap_or(0) as usize + 1;
    let line = "Generated item ".len() + digits(index + 1) + " of ".len() + digits(count) + 1;
    line * generated_reps(index)
}
