//! Microsoft Graph from the browser: request building, tolerant models, errors, and the
//! retrying client. DOM-free; the browser's fetch plugs in as a [`crate::http::Transport`].

pub mod client;
pub mod error;
pub mod interner;
pub mod lenient;
pub mod model;
pub mod places;
pub mod prefixed;
pub mod request;
pub mod retry;
pub mod shares;
pub mod upload;
pub mod write;

pub use error::GraphError;
pub use model::{DriveItem, ItemKind, Page};
pub use places::{Channel, Drive, Site, Team};
pub use request::{FolderRef, GraphBase, GraphUrl};
