//! Uploads and new folders: the queue, DOM-free ([`queue`]); at the DOM edge the local files,
//! the uploader, and their two components (the toolbar's [`bar`] and the [`panel`]).

pub(crate) mod bar;
pub(crate) mod local_files;
pub(crate) mod panel;
pub(crate) mod queue;
pub(crate) mod uploader;
