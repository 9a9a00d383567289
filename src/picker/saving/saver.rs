//! Saving at the DOM edge: the name, the state of a save, and the Graph requests — the folder,
//! whether the name is taken, and the upload of the page's bytes.

use std::rc::Rc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::graph::model::DriveItem;
use crate::graph::request::folder_url;
use crate::graph::upload::{upload, Destination};
use crate::graph::write::{check_name, child_url, write_scopes, Conflict};
use crate::graph::{FolderRef, GraphError};
use crate::picker::browsing::controller::Picker;
use crate::picker::model::result::PickedItem;
use crate::picker::model::source::Place;
use crate::picker::model::state::Browser;
use crate::picker::uploads::local_files::LocalBlob;

/// Where the page's file goes: the folder, the name, and what Graph does if it is taken; with
/// the file the picker uploaded when the page gave its bytes.
#[derive(Clone, Debug, PartialEq)]
pub struct SaveResult {
    /// The folder.
    pub folder: PickedItem,
    /// The file's name (for a kept-both upload, the name the service gave it).
    pub name: String,
    /// `fail` (the name was free), `replace` or `rename` (keep both).
    pub conflict_behavior: &'static str,
    /// The file uploaded, when the page gave its bytes.
    pub item: Option<PickedItem>,
}

/// What the page said about saving.
#[derive(Clone, Default)]
pub struct SaveRequest {
    /// The name offered.
    pub name: Option<String>,
    /// The bytes to upload (else the page saves itself).
    pub content: Option<web_sys::Blob>,
    /// Hears where the file goes (or went).
    pub on_save: Option<Rc<dyn Fn(SaveResult)>>,
}

/// Where a save stands.
#[derive(Clone, Debug, PartialEq)]
pub enum SaveState {
    /// Nothing under way.
    Idle,
    /// The folder and the name are being checked.
    Checking,
    /// The name is taken: replace or keep both.
    Taken(String),
    /// The file is being uploaded.
    Saving,
    /// Why it did not save (the name, the place, or Graph).
    Failed(String),
}

/// The save of one picker; `Copy`, shared through context.
#[derive(Clone, Copy)]
pub struct Saver {
    picker: Picker,
    /// The file name in the box.
    pub name: RwSignal<String>,
    /// Where the save stands.
    pub state: RwSignal<SaveState>,
    request: StoredValue<SaveRequest, LocalStorage>,
    /// A save waiting for the write permission (what to do when the name is taken).
    waiting: StoredValue<Option<Option<Conflict>>>,
}

/// The folder `b` shows, when it shows one (not a search's results).
fn folder_shown(b: &Browser) -> Option<FolderRef> {
    match (b.searching(), b.place()) {
        (false, Place::Folder(f)) => Some(f.clone()),
        _ => None,
    }
}

/// The saver in context.
pub fn use_saver() -> Saver {
    expect_context::<Saver>()
}

impl Saver {
    /// The saver of `picker`, for what the page asked.
    pub fn new(picker: Picker, request: SaveRequest) -> Saver {
        let s = Saver {
            picker,
            name: RwSignal::new(request.name.clone().unwrap_or_default()),
            state: RwSignal::new(SaveState::Idle),
            request: StoredValue::new_local(request),
            waiting: StoredValue::new(None),
        };
        // A consent granted (a sign-in completed): the save that waited for it goes on.
        Effect::new(move |seen: Option<u64>| {
            let n = picker.sign_ins.get();
            if seen.is_some_and(|s| s != n) {
                if let Some(settle) = s.waiting.try_update_value(Option::take).flatten() {
                    s.save(settle);
                }
            }
            n
        });
        // Another place: a taken name's choice or an error was about the one before.
        Effect::new(move |seen: Option<u64>| {
            let n = picker.browser.with(|b| b.generation);
            let stale = matches!(
                s.state.get_untracked(),
                SaveState::Taken(_) | SaveState::Failed(_)
            );
            if seen.is_some_and(|g| g != n) && stale {
                s.state.set(SaveState::Idle);
            }
            n
        });
        s
    }

    /// The folder shown, when it is one (a save goes there; tracked).
    pub fn folder(self) -> Option<FolderRef> {
        self.picker.browser.with(folder_shown)
    }

    /// Save (or, with `settle`, the answer to a taken name): checks the name and the place, asks
    /// for the write permission when the page's bytes are to be uploaded without it, then goes.
    pub fn save(self, settle: Option<Conflict>) {
        let m = self.picker.messages;
        let name = self.name.get_untracked().trim().to_string();
        let Some(folder) = self.folder_untracked() else {
            return self.state.set(SaveState::Failed(m.save_where.to_string()));
        };
        if let Err(problem) = check_name(&name) {
            return self.state.set(SaveState::Failed(m.name_problem(&problem)));
        }
        let uploads = self.request.with_value(|r| r.content.is_some());
        let (any, ask) = write_scopes(&folder);
        if uploads && !self.picker.graph().tokens().granted_any(any) {
            self.waiting.set_value(Some(settle));
            return self.picker.consent.run(vec![ask.to_string()]);
        }
        self.state.set(SaveState::Checking);
        spawn_local(async move {
            match self.go(folder, name, settle).await {
                Ok(Some(saved)) => self.done(saved),
                Ok(None) => {}
                Err(e) => _ = self.state.try_set(SaveState::Failed(m.graph_error(&e))),
            }
        });
    }

    fn folder_untracked(self) -> Option<FolderRef> {
        self.picker.browser.with_untracked(folder_shown)
    }

    /// The requests of a save: the folder, whether the name is taken (unless settled), the
    /// upload. `None` when the name is taken and the user must settle it.
    async fn go(
        self,
        folder: FolderRef,
        name: String,
        settle: Option<Conflict>,
    ) -> Result<Option<SaveResult>, GraphError> {
        let graph = self.picker.graph();
        let place: DriveItem = graph.get_json(&folder_url(graph.base(), &folder)).await?;
        let conflict = match settle {
            Some(c) => c,
            None => match graph.get_body(&child_url(graph.base(), &folder, &name)).await {
                Ok(_) => {
                    self.state.try_set(SaveState::Taken(name));
                    return Ok(None);
                }
                Err(e) if e.status() == Some(404) => Conflict::Fail,
                Err(e) => return Err(e),
            },
        };
        let content = self.request.with_value(|r| r.content.clone());
        let item = match content {
            None => None,
            Some(blob) => {
                self.state.try_set(SaveState::Saving);
                let to = Destination {
                    folder: FolderRef::of(&place),
                    name: name.clone(),
                    conflict,
                };
                let file = upload(&graph, &to, &LocalBlob(blob), &|_| {}, &|_| {}).await?;
                Some(PickedItem::from(&file))
            }
        };
        Ok(Some(SaveResult {
            folder: PickedItem::from(&place),
            name: item.as_ref().map_or(name, |i| i.name.clone()),
            conflict_behavior: conflict.as_str(),
            item,
        }))
    }

    /// Tells the page, and is ready for another save.
    fn done(self, saved: SaveResult) {
        self.state.try_set(SaveState::Idle);
        let cb = self.request.try_with_value(|r| r.on_save.clone()).flatten();
        if let Some(cb) = cb {
            cb(saved);
        }
    }
}
