//! What a write stores: new content for a file ([`NewContent`]), how a name that exists is
//! treated ([`Conflict`]), and the size limits of uploads. Plain data, shared by simple uploads,
//! upload sessions and the emulator's state (which holds the sessions).

use super::error::GraphError;

/// Simple upload limit (the current Graph documentation's 250 MB).
pub const SIMPLE_UPLOAD_LIMIT: usize = 250 * 1024 * 1024;
/// Upload session fragments must be smaller than 60 MiB.
pub const FRAGMENT_LIMIT: usize = 60 * 1024 * 1024;
/// Non-final fragments must be multiples of 320 KiB.
pub const FRAGMENT_UNIT: usize = 327_680;

/// `@microsoft.graph.conflictBehavior`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Conflict {
    /// 409 when the name exists.
    Fail,
    /// Replace the existing item.
    Replace,
    /// Pick a free name (`name 1.ext`).
    Rename,
}

/// The conflict behaviour a request names, if any.
pub fn parse_conflict(v: Option<&str>) -> Result<Option<Conflict>, GraphError> {
    match v {
        None => Ok(None),
        Some("fail") => Ok(Some(Conflict::Fail)),
        Some("replace") => Ok(Some(Conflict::Replace)),
        Some("rename") => Ok(Some(Conflict::Rename)),
        Some(other) => Err(GraphError::bad_request(format!(
            "Invalid value '{other}' for @microsoft.graph.conflictBehavior."
        ))),
    }
}

/// New content for a file: where it goes, what it replaces, and the bytes.
#[derive(Debug, Clone)]
pub struct NewContent {
    pub(crate) drive_id: String,
    pub(crate) parent_id: String,
    pub(crate) name: String,
    pub(crate) replace: Option<String>,
    pub(crate) conflict: Conflict,
    pub(crate) data: Vec<u8>,
    pub(crate) user: String,
}
