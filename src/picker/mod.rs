//! The picker: sign-in, error screens that say what to do, and the browser over every source
//! (navigation pane, toolbar, breadcrumbs, a virtualised list or grid, the selection tray).
//!
//! DOM-free: [`state`] (browsing), [`selection`], [`options`] (mode and filters), [`sort`],
//! [`source`] (the places and their Graph requests), [`listing`], [`window`] (virtualisation
//! arithmetic), [`result`], [`format`]. At the DOM edge: [`controller`] and one file per
//! component.

pub mod breadcrumbs;
pub mod browse;
mod component;
pub mod controller;
pub mod events;
pub mod format;
pub mod history;
pub mod item_list;
pub mod item_view;
pub mod lazy;
mod list_hooks;
pub mod listing;
pub mod loader;
pub mod local_files;
pub mod messages;
pub mod messages_de;
pub mod messages_upload;
pub mod nav;
pub mod open;
pub(crate) mod option_table;
pub mod options;
pub mod panels;
pub mod pick;
pub mod preview;
pub mod result;
mod screen;
mod selecting;
pub mod selection;
pub mod session;
pub mod setup;
mod shell;
pub mod sort;
pub mod source;
pub mod start;
pub mod state;
pub mod toolbar;
pub mod tray;
pub mod typeahead;
pub mod upload_bar;
pub mod upload_panel;
pub mod uploader;
pub mod uploads;
pub mod window;

pub use component::OneDrivePicker;
pub use events::{PageEvents, PickerErrorInfo};
pub use options::{KindFilter, Mode, PickOptions};
pub use result::PickedItem;
pub use session::{
    use_microsoft365, use_microsoft365_with_options, Microsoft365, Microsoft365Options,
};
pub(crate) use setup::{PickerOptions, SessionSlot};
pub(crate) use shell::picker;
