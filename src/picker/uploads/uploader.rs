//! Uploads at the DOM edge: the [`Queue`] in a signal, the local files it reads, and the one
//! upload in flight (aborted, and its session deleted, on cancel or when the picker goes away).
//! Files wait while the account lacks a write scope; the user is asked for it (incremental
//! consent) and they go on once it is granted.

use std::collections::HashMap;
use std::rc::Rc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use web_sys::File;

use crate::picker::browsing::controller::{GraphClient, Picker};
use super::local_files::{LocalFile, Picked};
use crate::picker::model::result::PickedItem;
use crate::picker::model::source::Place;
use super::queue::{Choice, Chosen, Queue, Status, UploadLimits};
use crate::browser::Fetch;
use crate::graph::upload::{delete_session, upload, Destination, UploadUrl};
use crate::graph::write::{ensure_folder, write_scopes};
use crate::graph::{DriveItem, FolderRef, GraphError};

/// Progress of an upload, as the page hears it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UploadProgress {
    /// The file's path below the folder it goes into (`Reports/q1.xlsx`).
    pub path: String,
    /// Bytes of this file confirmed.
    pub loaded: u64,
    /// This file's size.
    pub total: u64,
    /// Bytes confirmed over the files being uploaded.
    pub overall_loaded: u64,
    /// Bytes to send over the files being uploaded.
    pub overall_total: u64,
}

/// The page's upload listeners.
#[derive(Clone, Default)]
pub struct UploadEvents {
    /// Progress, after every fragment.
    pub on_progress: Option<Rc<dyn Fn(UploadProgress)>>,
    /// The files uploaded, when the queue is through.
    pub on_upload: Option<Rc<dyn Fn(Vec<PickedItem>)>>,
}

/// What the page lets the user write.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WriteOptions {
    /// Uploads (button and drag and drop).
    pub upload: bool,
    /// Their limits.
    pub limits: UploadLimits,
    /// New folders.
    pub create_folder: bool,
}

/// The uploads of one picker; `Copy`, shared through context.
#[derive(Clone, Copy)]
pub struct Uploader {
    /// The files and where they stand.
    pub queue: RwSignal<Queue>,
    /// The scope to consent to before the waiting files can go.
    pub needs: RwSignal<Option<&'static str>>,
    /// The page's limits.
    pub limits: StoredValue<UploadLimits>,
    /// The page offers uploads.
    pub upload: bool,
    /// The page offers new folders.
    pub create_folder: bool,
    picker: Picker,
    files: StoredValue<HashMap<u32, File>, LocalStorage>,
    /// Folders made (or found) for the files of a folder upload: by target and path.
    folders: StoredValue<HashMap<(FolderRef, Vec<String>), FolderRef>>,
    in_flight: StoredValue<Option<Rc<Fetch>>, LocalStorage>,
    session: StoredValue<Option<UploadUrl>, LocalStorage>,
    events: StoredValue<UploadEvents, LocalStorage>,
}

/// The uploader in context.
pub fn use_uploader() -> Uploader {
    expect_context::<Uploader>()
}

impl Uploader {
    /// The uploads of `picker`; the files go on after each sign-in that grants a missing scope.
    pub fn new(picker: Picker, options: WriteOptions, events: UploadEvents) -> Uploader {
        let u = Uploader {
            upload: options.upload,
            create_folder: options.create_folder,
            queue: RwSignal::new(Queue::default()),
            needs: RwSignal::new(None),
            limits: StoredValue::new(options.limits),
            picker,
            files: StoredValue::new_local(HashMap::new()),
            folders: StoredValue::new(HashMap::new()),
            in_flight: StoredValue::new_local(None),
            session: StoredValue::new_local(None),
            events: StoredValue::new_local(events),
        };
        Effect::new(move |seen: Option<u64>| {
            let n = picker.sign_ins.get();
            if seen.is_some_and(|s| s != n) && u.needs.get_untracked().is_some() {
                u.pump();
            }
            n
        });
        on_cleanup(move || u.abort());
        u
    }

    /// The folder uploads go into now: the place shown, when it is a folder.
    pub fn target(self) -> Option<FolderRef> {
        self.picker.browser.with(|b| match b.place() {
            Place::Folder(f) => Some(f.clone()),
            _ => None,
        })
    }

    /// Queues files for the folder shown (refusing, with the reason, what the limits exclude).
    pub fn add(self, picked: Vec<Picked>) {
        let Some(target) = self.target() else { return };
        let chosen = picked
            .iter()
            .map(|(f, path)| Chosen {
                path: path.clone(),
                size: f.size() as u64,
            })
            .collect();
        let added = picked.len();
        self.limits.with_value(|l| {
            self.queue.update(|q| {
                q.add(&target, chosen, l);
            })
        });
        // The new entries are the last ones, in the order given; refused ones need no file.
        self.queue.with_untracked(|q| {
            let new = &q.entries[q.entries.len() - added..];
            self.files.update_value(|files| {
                for (entry, (file, _)) in new.iter().zip(picked) {
                    if entry.status == Status::Waiting {
                        files.insert(entry.id, file);
                    }
                }
            });
        });
        self.pump();
    }

    /// Starts the next file, unless one is on its way or a scope is missing.
    /// The folder `dirs` names under `target`, made as needed (and remembered, so that the other
    /// files of a dropped folder go into the same one).
    async fn folder_for(
        self,
        graph: &GraphClient,
        target: &FolderRef,
        dirs: &[String],
    ) -> Result<FolderRef, GraphError> {
        let mut folder = target.clone();
        for (depth, dir) in dirs.iter().enumerate() {
            let key = (target.clone(), dirs[..=depth].to_vec());
            folder = match self.folders.with_value(|f| f.get(&key).cloned()) {
                Some(f) => f,
                None => {
                    let made = ensure_folder(graph, &folder, dir).await?;
                    let f = FolderRef::of(&made);
                    self.folders.update_value(|m| {
                        m.insert(key, f.clone());
                    });
                    f
                }
            };
        }
        Ok(folder)
    }

    /// Records how upload `id` ended, and goes on with the next (unless the picker is gone).
    fn settle(self, id: u32, result: Result<DriveItem, GraphError>) {
        self.in_flight.try_set_value(None);
        match result {
            Ok(item) => {
                self.files.try_update_value(|f| f.remove(&id));
                self.queue.try_update(|q| q.done(id, item));
            }
            Err(e) => {
                self.queue.try_update(|q| q.failed(id, e));
            }
        }
        if self.queue.try_with_untracked(|_| ()).is_some() {
            self.pump();
        }
    }

    pub fn pump(self) {
        let Some(entry) = self.queue.with_untracked(|q| q.next().cloned()) else {
            if self.queue.with_untracked(Queue::idle) {
                self.finished();
            }
            return;
        };
        if let Some(ask) = self.missing_scope(&entry.target) {
            self.needs.set(Some(ask));
            return;
        }
        self.needs.set(None);
        let Some(file) = self.files.with_value(|f| f.get(&entry.id).cloned()) else {
            return self
                .queue
                .update(|q| q.failed(entry.id, GraphError::Unreadable("gone".into())));
        };
        self.queue.update(|q| q.sending(entry.id, 0));
        let fetch = Rc::new(Fetch::new());
        self.in_flight.set_value(Some(fetch.clone()));
        let graph = self.picker.graph().over(fetch);
        let id = entry.id;
        let path = entry.file.path.join("/");
        spawn_local(async move {
            let result = async {
                let (dirs, name) = entry.file.path.split_at(entry.file.path.len() - 1);
                let folder = self.folder_for(&graph, &entry.target, dirs).await?;
                let to = Destination {
                    folder,
                    name: name[0].clone(),
                    conflict: entry.conflict,
                };
                let session = |s: Option<UploadUrl>| self.session.set_value(s);
                let progress = |sent: u64| self.progressed(id, &path, sent);
                upload(&graph, &to, &LocalFile(file), &session, &progress).await
            }
            .await;
            self.settle(id, result);
        });
    }

    fn progressed(self, id: u32, path: &str, sent: u64) {
        self.queue.try_update(|q| q.sending(id, sent));
        let Some(on_progress) = self
            .events
            .try_with_value(|e| e.on_progress.clone())
            .flatten()
        else {
            return;
        };
        let total = self
            .queue
            .with_untracked(|q| q.get(id).map_or(0, |e| e.file.size));
        let (overall_loaded, overall_total) = self.queue.with_untracked(Queue::progress);
        on_progress(UploadProgress {
            path: path.to_string(),
            loaded: sent,
            total,
            overall_loaded,
            overall_total,
        });
    }

    /// The queue is through: the page hears what was uploaded, and the folder shown is listed
    /// again when files went into it.
    fn finished(self) {
        let uploaded = self
            .queue
            .try_update(Queue::take_uploaded)
            .unwrap_or_default();
        let (items, targets): (Vec<PickedItem>, Vec<FolderRef>) = uploaded
            .iter()
            .map(|(item, target)| (PickedItem::from(item), target.clone()))
            .unzip();
        if items.is_empty() {
            return;
        }
        if self.target().is_some_and(|t| targets.contains(&t)) {
            self.picker.load();
        }
        if let Some(f) = self.events.with_value(|e| e.on_upload.clone()) {
            f(items);
        }
    }

    /// Cancels one file: its request is aborted and its session deleted.
    pub fn cancel(self, id: u32) {
        if self.queue.try_update(|q| q.cancel(id)) == Some(true) {
            self.abort();
        }
    }

    /// Cancels every file not over.
    pub fn cancel_all(self) {
        if self.queue.try_update(Queue::cancel_all).flatten().is_some() {
            self.abort();
        }
        self.needs.set(None);
    }

    fn abort(self) {
        if let Some(f) = self.in_flight.try_get_value().flatten() {
            f.abort();
        }
        if let Some(url) = self.session.try_get_value().flatten() {
            self.session.set_value(None);
            spawn_local(async move {
                let _ = delete_session(&Fetch::new(), &url).await;
            });
        }
    }

    /// Tries a failed or cancelled file again.
    pub fn retry(self, id: u32) {
        self.queue.update(|q| q.retry(id));
        self.pump();
    }

    /// Answers a name conflict.
    pub fn resolve(self, id: u32, choice: Choice, all: bool) {
        self.queue.update(|q| q.resolve(id, choice, all));
        self.pump();
    }

    /// Creates a folder in the folder shown; lists it again and resolves with the error, if any.
    pub async fn create_folder(self, name: String) -> Result<(), GraphError> {
        let Some(target) = self.target() else {
            return Ok(());
        };
        if let Some(ask) = self.missing_scope(&target) {
            self.picker.consent.run(vec![ask.to_string()]);
            return Ok(());
        }
        crate::graph::write::create_folder(&self.picker.graph(), &target, &name).await?;
        if self.target().as_ref() == Some(&target) {
            self.picker.load();
        }
        Ok(())
    }

    /// The scope to ask for before writing in `folder`, when none that allows it was granted.
    fn missing_scope(self, folder: &FolderRef) -> Option<&'static str> {
        let (any, ask) = write_scopes(folder);
        (!self.picker.graph().tokens().granted_any(any)).then_some(ask)
    }

    /// Asks for the missing write scope (from a click: it opens the sign-in window).
    pub fn allow(self) {
        if let Some(scope) = self.needs.get_untracked() {
            self.picker.consent.run(vec![scope.to_string()]);
        }
    }
}
