//! An upload session's data, as the emulator's state holds it between fragments.

use chrono::{DateTime, Utc};
use serde_json::{json, Value};

use crate::graph::content::NewContent;

/// A resumable upload in progress.
#[derive(Debug, Clone)]
pub struct UploadSession {
    /// What is being uploaded, and where (`content.data` grows with each fragment).
    pub(crate) content: NewContent,
    /// The size every fragment declares (known from the first).
    pub(crate) total: Option<usize>,
    /// When the upload URL stops working.
    pub(crate) expires: DateTime<Utc>,
    /// Whether the file is stored only when the client asks (`deferCommit`).
    pub(crate) defer_commit: bool,
}

impl UploadSession {
    /// The session's status as the upload URL answers a `GET` (and every fragment but the last).
    pub fn status(&self) -> Value {
        let received = self.content.data.len();
        let last = self.total.map(|t| (t - 1).to_string()).unwrap_or_default();
        json!({
            "expirationDateTime": crate::util::iso(self.expires),
            "nextExpectedRanges": [format!("{received}-{last}")],
        })
    }
}
