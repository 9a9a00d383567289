//! Files from the user's computer, at the DOM edge: chosen with a file input (a folder's with
//! `webkitdirectory`, its structure from `webkitRelativePath`) or dropped (folders walked with
//! the File and Directory Entries API), and read one slice at a time for upload.

use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    DataTransfer, File, FileList, FileSystemDirectoryEntry, FileSystemEntry, FileSystemFileEntry,
};

use crate::graph::upload::Content;

/// A file chosen for upload, with its path below the folder it goes into (folders, then name).
pub type Picked = (File, Vec<String>);

/// A local file, read a slice at a time.
pub struct LocalFile(pub File);

fn describe(e: JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.name()))
        .unwrap_or_else(|| "the file could not be read".into())
}

impl Content for LocalFile {
    fn size(&self) -> u64 {
        self.0.size() as u64
    }

    async fn read(&self, start: u64, end: u64) -> Result<Vec<u8>, String> {
        read_slice(&self.0, start, end).await
    }
}

/// Bytes the page gave (a `Blob`, or a `File`: save as), read a slice at a time.
pub struct LocalBlob(pub web_sys::Blob);

impl Content for LocalBlob {
    fn size(&self) -> u64 {
        self.0.size() as u64
    }

    async fn read(&self, start: u64, end: u64) -> Result<Vec<u8>, String> {
        read_slice(&self.0, start, end).await
    }
}

/// Bytes `start..end` of `blob`.
async fn read_slice(blob: &web_sys::Blob, start: u64, end: u64) -> Result<Vec<u8>, String> {
    let slice = blob
        .slice_with_f64_and_f64(start as f64, end as f64)
        .map_err(describe)?;
    let buffer = JsFuture::from(slice.array_buffer())
        .await
        .map_err(describe)?;
    let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
    // A file changed on disk since it was chosen reads short: say so rather than send it.
    match bytes.len() as u64 == end - start {
        true => Ok(bytes),
        false => Err("NotReadableError".into()),
    }
}

/// The files of a file input (with their folders when a folder was chosen).
pub fn from_list(list: &FileList) -> Vec<Picked> {
    (0..list.length())
        .filter_map(|i| list.item(i))
        .map(|file| {
            let relative = Reflect::get(&file, &"webkitRelativePath".into())
                .ok()
                .and_then(|v| v.as_string())
                .filter(|p| !p.is_empty());
            let path = match relative {
                Some(p) => p.split('/').map(String::from).collect(),
                None => vec![file.name()],
            };
            (file, path)
        })
        .collect()
}

/// What was dropped, taken during the drop event (the list is emptied after it): entries to
/// walk, or plain files where the browser gives no entries.
pub enum Dropped {
    /// Files and folders to walk.
    Entries(Vec<FileSystemEntry>),
    /// Files only.
    Files(Vec<Picked>),
}

/// Takes what a drop carries.
pub fn take_drop(data: &DataTransfer) -> Dropped {
    let items = data.items();
    let entries: Vec<FileSystemEntry> = (0..items.length())
        .filter_map(|i| items.get(i))
        .filter(|item| item.kind() == "file")
        .filter_map(|item| item.webkit_get_as_entry().ok().flatten())
        .collect();
    match (entries.is_empty(), data.files()) {
        (true, Some(files)) => Dropped::Files(from_list(&files)),
        _ => Dropped::Entries(entries),
    }
}

/// Calls `start(resolve, reject)` and waits for one of them.
async fn callback(start: impl FnOnce(&Function, &Function)) -> Result<JsValue, JsValue> {
    let mut start = Some(start);
    let promise = Promise::new(&mut |resolve, reject| {
        if let Some(start) = start.take() {
            start(&resolve, &reject);
        }
    });
    JsFuture::from(promise).await
}

/// The files below dropped entries, each with its path (a folder's structure kept). An entry
/// that cannot be read is left out.
pub async fn walk(entries: Vec<FileSystemEntry>) -> Vec<Picked> {
    let mut stack: Vec<(FileSystemEntry, Vec<String>)> =
        entries.into_iter().rev().map(|e| (e, vec![])).collect();
    let mut files = vec![];
    while let Some((entry, mut path)) = stack.pop() {
        path.push(entry.name());
        if entry.is_file() {
            let entry: FileSystemFileEntry = entry.unchecked_into();
            let file = callback(|ok, err| entry.file_with_callback_and_callback(ok, err)).await;
            if let Ok(file) = file {
                files.push((file.unchecked_into(), path));
            }
        } else if entry.is_directory() {
            let dir: FileSystemDirectoryEntry = entry.unchecked_into();
            let reader = dir.create_reader();
            let mut children = vec![];
            // `readEntries` answers in batches until it answers an empty one.
            loop {
                let batch = callback(|ok, err| {
                    let _ = reader.read_entries_with_callback_and_callback(ok, err);
                })
                .await;
                let Ok(batch) = batch else { break };
                let batch: js_sys::Array = batch.unchecked_into();
                if batch.length() == 0 {
                    break;
                }
                children.extend(batch.iter().map(|e| e.unchecked_into::<FileSystemEntry>()));
            }
            stack.extend(children.into_iter().rev().map(|c| (c, path.clone())));
        }
    }
    files
}
