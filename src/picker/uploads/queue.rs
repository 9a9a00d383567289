//! The upload queue, DOM-free: what the user chose or dropped, checked against the page's limits
//! before a byte is sent, then uploaded one file at a time; a name conflict is asked about once
//! (or for all that follow), and every file ends done, failed (with its error, to retry),
//! skipped, cancelled or refused (with the reason).

use crate::graph::write::{check_name, Conflict, NameProblem};
use crate::graph::{DriveItem, FolderRef, GraphError};

/// The page's limits on uploads.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UploadLimits {
    /// Largest file, in bytes.
    pub max_size: Option<u64>,
    /// Most files in one go.
    pub max_count: Option<usize>,
    /// Only these extensions (lower case, no dot; empty: any).
    pub extensions: Vec<String>,
}

impl UploadLimits {
    /// Reads an extension list such as `.docx, .pdf` (each with its dot).
    pub fn set_extensions(&mut self, list: &str) -> Result<(), String> {
        for word in list
            .split([',', ' '])
            .map(str::trim)
            .filter(|w| !w.is_empty())
        {
            match word.strip_prefix('.') {
                Some(e) if !e.is_empty() && e.chars().all(|c| c.is_ascii_alphanumeric()) => {
                    self.extensions.push(e.to_ascii_lowercase())
                }
                _ => return Err(format!("'{word}' is not an extension such as .docx")),
            }
        }
        Ok(())
    }
}

/// Why a file was refused before any byte was sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// Larger than the page allows (the limit, in bytes).
    TooLarge(u64),
    /// More files than the page allows at once (the limit).
    TooMany(usize),
    /// An extension the page does not take.
    Extension,
    /// A name (of the file or of a folder on its path) OneDrive refuses.
    Name(NameProblem),
}

/// One file chosen or dropped: its path below the folder it was dropped into (folders first,
/// its own name last) and its size.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Chosen {
    /// Folders, then the file's name.
    pub path: Vec<String>,
    /// Size in bytes.
    pub size: u64,
}

impl Chosen {
    /// The file's name.
    pub fn name(&self) -> &str {
        self.path.last().map_or("", String::as_str)
    }
}

/// What the user answers to a name conflict.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Choice {
    /// Replace the file that is there.
    Replace,
    /// Keep both (the new one is renamed).
    KeepBoth,
    /// Don't upload this one.
    Skip,
}

/// Where a file stands.
#[derive(Clone, Debug, PartialEq)]
pub enum Status {
    /// Waiting for its turn.
    Waiting,
    /// Being sent: bytes confirmed so far.
    Sending(u64),
    /// Its name is taken: waiting for the user's choice.
    Conflict,
    /// Uploaded.
    Done(Box<DriveItem>),
    /// Failed (it can be tried again).
    Failed(GraphError),
    /// Skipped at a conflict.
    Skipped,
    /// Cancelled by the user.
    Cancelled,
    /// Refused before sending.
    Refused(Refusal),
}

/// One file in the queue.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// Its number (the key of its `File` at the DOM edge).
    pub id: u32,
    /// The folder it was dropped into.
    pub target: FolderRef,
    /// What was chosen.
    pub file: Chosen,
    /// What to do if the name is taken (`fail` until the user chose).
    pub conflict: Conflict,
    /// Where it stands.
    pub status: Status,
    /// Its upload was reported to the page.
    pub reported: bool,
}

impl Entry {
    /// Whether it is over (whatever the outcome).
    pub fn finished(&self) -> bool {
        !matches!(
            self.status,
            Status::Waiting | Status::Sending(_) | Status::Conflict
        )
    }
}

/// The queue.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Queue {
    /// The files, in the order chosen.
    pub entries: Vec<Entry>,
    /// The answer given "for all" conflicts, if any.
    pub for_all: Option<Choice>,
    next_id: u32,
}

/// Checks one file against the limits.
fn refusal(file: &Chosen, limits: &UploadLimits) -> Option<Refusal> {
    if let Some(p) = file.path.iter().find_map(|s| check_name(s).err()) {
        return Some(Refusal::Name(p));
    }
    if !limits.extensions.is_empty() {
        let ext = file
            .name()
            .rsplit_once('.')
            .map(|(_, e)| e.to_ascii_lowercase());
        if !ext.is_some_and(|e| limits.extensions.contains(&e)) {
            return Some(Refusal::Extension);
        }
    }
    match limits.max_size {
        Some(max) if file.size > max => Some(Refusal::TooLarge(max)),
        _ => None,
    }
}

impl Queue {
    /// Adds files to upload into `target`, refusing (with the reason) those the limits or
    /// OneDrive's naming rules exclude; returns the ids of those that will be sent. Beyond
    /// `max_count` accepted files, the rest are refused.
    pub fn add(
        &mut self,
        target: &FolderRef,
        files: Vec<Chosen>,
        limits: &UploadLimits,
    ) -> Vec<u32> {
        if self.entries.iter().all(Entry::finished) {
            self.for_all = None;
        }
        let mut accepted = vec![];
        for file in files {
            let mut why = refusal(&file, limits);
            if why.is_none() && limits.max_count.is_some_and(|max| accepted.len() >= max) {
                why = limits.max_count.map(Refusal::TooMany);
            }
            self.next_id += 1;
            let id = self.next_id;
            if why.is_none() {
                accepted.push(id);
            }
            self.entries.push(Entry {
                id,
                target: target.clone(),
                file,
                conflict: Conflict::Fail,
                status: why.map_or(Status::Waiting, Status::Refused),
                reported: false,
            });
        }
        accepted
    }

    /// The entry `id`.
    pub fn get(&self, id: u32) -> Option<&Entry> {
        self.entries.iter().find(|e| e.id == id)
    }

    fn entry(&mut self, id: u32) -> Option<&mut Entry> {
        self.entries.iter_mut().find(|e| e.id == id)
    }

    /// The next file to send, if none is being sent.
    pub fn next(&self) -> Option<&Entry> {
        if self
            .entries
            .iter()
            .any(|e| matches!(e.status, Status::Sending(_)))
        {
            return None;
        }
        self.entries.iter().find(|e| e.status == Status::Waiting)
    }

    /// `id` starts (or goes on) sending, with `sent` bytes confirmed.
    pub fn sending(&mut self, id: u32, sent: u64) {
        if let Some(e) = self.entry(id) {
            if matches!(e.status, Status::Waiting | Status::Sending(_)) {
                e.status = Status::Sending(sent);
            }
        }
    }

    /// `id` is uploaded.
    pub fn done(&mut self, id: u32, item: DriveItem) {
        if let Some(e) = self.entry(id) {
            e.status = Status::Done(Box::new(item));
        }
    }

    /// `id` failed: a taken name becomes a question (answered at once when the user chose
    /// "for all"); an abort leaves it cancelled; anything else is a failure to retry.
    pub fn failed(&mut self, id: u32, error: GraphError) {
        let for_all = self.for_all;
        let Some(e) = self.entry(id) else { return };
        if e.status == Status::Cancelled {
            return;
        }
        let taken = error.status() == Some(409) && e.conflict == Conflict::Fail;
        e.status = match (taken, error) {
            (true, _) => Status::Conflict,
            (false, GraphError::Aborted) => Status::Cancelled,
            (false, error) => Status::Failed(error),
        };
        if let (true, Some(choice)) = (taken, for_all) {
            self.resolve(id, choice, false);
        }
    }

    /// The first conflict waiting for an answer.
    pub fn conflict(&self) -> Option<&Entry> {
        self.entries.iter().find(|e| e.status == Status::Conflict)
    }

    /// Answers the conflict of `id` (and, with `all`, every conflict now and to come).
    pub fn resolve(&mut self, id: u32, choice: Choice, all: bool) {
        if all {
            self.for_all = Some(choice);
        }
        for e in self.entries.iter_mut() {
            let this = e.id == id || all;
            if !this || e.status != Status::Conflict {
                continue;
            }
            match choice {
                Choice::Skip => e.status = Status::Skipped,
                Choice::Replace | Choice::KeepBoth => {
                    e.conflict = match choice {
                        Choice::Replace => Conflict::Replace,
                        _ => Conflict::Rename,
                    };
                    e.status = Status::Waiting;
                }
            }
        }
    }

    /// Cancels `id` (if it is not over); returns whether it was being sent.
    pub fn cancel(&mut self, id: u32) -> bool {
        let Some(e) = self.entry(id) else {
            return false;
        };
        let sending = matches!(e.status, Status::Sending(_));
        if !e.finished() {
            e.status = Status::Cancelled;
        }
        sending
    }

    /// Cancels everything not over; returns the id being sent, if any.
    pub fn cancel_all(&mut self) -> Option<u32> {
        let sending = self
            .entries
            .iter()
            .find(|e| matches!(e.status, Status::Sending(_)))
            .map(|e| e.id);
        for e in self.entries.iter_mut().filter(|e| !e.finished()) {
            e.status = Status::Cancelled;
        }
        sending
    }

    /// Tries a failed or cancelled file again.
    pub fn retry(&mut self, id: u32) {
        if let Some(e) = self.entry(id) {
            if matches!(e.status, Status::Failed(_) | Status::Cancelled) {
                e.status = Status::Waiting;
            }
        }
    }

    /// Bytes confirmed and bytes to send, over the files that are or were to be sent.
    pub fn progress(&self) -> (u64, u64) {
        self.entries.iter().fold((0, 0), |(sent, total), e| {
            let size = e.file.size;
            match &e.status {
                Status::Done(_) => (sent + size, total + size),
                Status::Sending(n) => (sent + n, total + size),
                Status::Waiting | Status::Conflict | Status::Failed(_) => (sent, total + size),
                _ => (sent, total),
            }
        })
    }

    /// Whether nothing is left to do.
    pub fn idle(&self) -> bool {
        self.entries.iter().all(Entry::finished)
    }

    /// The files uploaded since the last call, with the folders they went into (each once).
    pub fn take_uploaded(&mut self) -> Vec<(DriveItem, FolderRef)> {
        let mut out = vec![];
        for e in self.entries.iter_mut().filter(|e| !e.reported) {
            if let Status::Done(item) = &e.status {
                e.reported = true;
                out.push(((**item).clone(), e.target.clone()));
            }
        }
        out
    }

    /// Forgets the files that are over.
    pub fn clear_finished(&mut self) {
        self.entries.retain(|e| !e.finished());
    }
}

#[cfg(test)]
mod tests;
