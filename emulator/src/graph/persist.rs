//! `--persist DIR`: new files and folders mirrored to `DIR/{drive}/{path}` and loaded back at
//! start-up.
//!
//! Names come from web pages (any page may call the emulator), so a disk path is built only from
//! names that are safe as one path component, checked again to stay below the root with no
//! symbolic link on the way. Files are replaced atomically (temporary file, fsync, rename), so a
//! crash leaves the old or the new content, never a truncated file.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

use chrono::{DateTime, Utc};

use crate::disk::{write_atomic, TEMP_PREFIX};
use crate::state::Shared;
use crate::store::{Drive, Item, ItemKind, Media};

/// Whether `name` can be one component of a disk path: not empty, not `.` or `..`, no
/// separator, NUL or control character, at most 255 bytes, and not a temporary file's name.
pub fn safe_component(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 255
        && name != "."
        && name != ".."
        && !name.starts_with(TEMP_PREFIX)
        && !name
            .chars()
            .any(|c| c == '/' || c == '\\' || c.is_control())
}

/// The directory name of a drive (`b!…` ids: `!` becomes `_`); `None` for anything unexpected.
fn drive_dir(drive_id: &str) -> Option<String> {
    let name = drive_id.replace('!', "_");
    (safe_component(&name)
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-'))
    .then_some(name)
}

/// Where `item` lives on disk, or `None` when any name on its path is unsafe or the path would
/// leave `root` or pass through a symbolic link.
pub fn disk_path(root: &Path, drive: &Drive, item: &Item) -> Option<PathBuf> {
    let names = drive.path_names(item);
    if names.is_empty() || !names.iter().all(|n| safe_component(n)) {
        return None;
    }
    let mut path = root.join(drive_dir(&drive.id)?);
    for n in &names {
        path.push(n);
    }
    let below = path.strip_prefix(root).ok()?;
    if !below
        .components()
        .all(|c| matches!(c, Component::Normal(_)))
    {
        return None;
    }
    // No component below the root may be a symbolic link (it could point anywhere).
    let mut cur = root.to_path_buf();
    for c in below.components() {
        cur.push(c);
        if std::fs::symlink_metadata(&cur).is_ok_and(|m| m.file_type().is_symlink()) {
            return None;
        }
    }
    Some(path)
}

/// Mirrors `item` to disk (a folder is created; a file replaced atomically).
pub fn persist(st: &Shared, drive: &Drive, item: &Item) {
    let Some(root) = &st.settings.persist_dir else {
        return;
    };
    let Some(path) = disk_path(root, drive, item) else {
        eprintln!("emulator: not persisting an item whose path is not safe on disk");
        return;
    };
    let result = match &item.kind {
        ItemKind::Folder { .. } => std::fs::create_dir_all(&path),
        ItemKind::File { data, .. } => path
            .parent()
            .map(std::fs::create_dir_all)
            .unwrap_or(Ok(()))
            .and_then(|_| write_atomic(&path, data.as_slice(), false)),
    };
    if let Err(e) = result {
        eprintln!("emulator: could not persist {}: {e}", path.display());
    }
}

/// Removes `item`'s copy on disk.
pub fn unpersist(st: &Shared, drive: &Drive, item: &Item) {
    let Some(root) = &st.settings.persist_dir else {
        return;
    };
    let Some(path) = disk_path(root, drive, item) else {
        return;
    };
    let _ = if path.is_dir() {
        std::fs::remove_dir_all(&path)
    } else {
        std::fs::remove_file(&path)
    };
}

/// Loads persisted files and folders into the store (called at start-up and on reset).
pub fn load_persisted(st: &Shared) {
    let Some(root) = st.settings.persist_dir.clone() else {
        return;
    };
    let now = st.clock.now();
    let mut store = st.store.write();
    let ids: HashMap<String, String> = store
        .drives
        .keys()
        .filter_map(|k| Some((drive_dir(k)?, k.clone())))
        .collect();
    let Ok(entries) = std::fs::read_dir(&root) else {
        return;
    };
    for entry in entries.flatten() {
        let Some(drive_id) = ids.get(&*entry.file_name().to_string_lossy()) else {
            continue;
        };
        if !entry.file_type().is_ok_and(|t| t.is_dir()) {
            continue;
        }
        let Some(drive) = store.drives.get_mut(drive_id) else {
            continue;
        };
        let owner = match &drive.owner {
            crate::store::Owner::User(u) => u.clone(),
            crate::store::Owner::Group(_) => crate::seed::MEGAN.to_string(),
        };
        let root_id = drive.root.clone();
        load_dir(drive, &entry.path(), &root_id, &owner, now);
    }
}

fn load_dir(drive: &mut Drive, dir: &Path, parent: &str, user: &str, now: DateTime<Utc>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let Ok(name) = e.file_name().into_string() else {
            continue;
        };
        // Symbolic links, leftovers of an interrupted write and unsafe names are not items.
        let Ok(kind) = e.file_type() else { continue };
        if kind.is_symlink() || !safe_component(&name) {
            continue;
        }
        let Some(parent_item) = drive.get(parent) else {
            return;
        };
        let existing = drive.child_named(&parent_item, &name);
        if kind.is_dir() {
            let id = match existing {
                Some(i) => i.id,
                None => drive.add_child(parent, &name, user, (now, now), ItemKind::empty_folder()),
            };
            load_dir(drive, &e.path(), &id, user, now);
        } else if let Ok(data) = std::fs::read(e.path()) {
            match existing {
                Some(i) => {
                    if let Some(it) = drive.items.get_mut(&i.id) {
                        it.kind = ItemKind::file(&name, data, Media::None);
                    }
                }
                None => {
                    drive.add_child(
                        parent,
                        &name,
                        user,
                        (now, now),
                        ItemKind::file(&name, data, Media::None),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsafe_components_are_refused() {
        for bad in [
            "",
            ".",
            "..",
            "../../x",
            "/etc/passwd",
            "a\\b",
            "a\0b",
            "a\nb",
            "~tmp-abc",
        ] {
            assert!(!safe_component(bad), "{bad:?}");
        }
        for good in ["Report.docx", "..hidden", "a..b", "🎉 <script>.txt", "é"] {
            assert!(safe_component(good), "{good:?}");
        }
        assert!(!safe_component(&"x".repeat(256)));
        assert_eq!(drive_dir("b!abc-DEF_1").as_deref(), Some("b_abc-DEF_1"));
        assert_eq!(drive_dir("../x"), None);
    }

    #[test]
    fn atomic_write_replaces_whole_files_and_leaves_no_temporary() {
        let dir = std::env::temp_dir().join(format!("emu-atomic-{}", crate::util::random_token(6)));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("f.bin");
        write_atomic(&path, b"old content", false).unwrap();
        write_atomic(&path, b"new", false).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
        let names: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("f.bin")]);
        // A failing write (the target is a directory) leaves the old state and no temporary.
        std::fs::create_dir(dir.join("d")).unwrap();
        assert!(write_atomic(&dir.join("d"), b"x", false).is_err());
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 2);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
