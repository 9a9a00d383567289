//! The picker: sign-in, error screens that say what to do, and the browser over every source
//! (navigation pane, toolbar, breadcrumbs, a virtualised list or grid, the selection tray).
//!
//! Its rooms: [`model`] (the browsing model, DOM-free), [`options`] (the one options table and
//! the checked setup), [`sign_in`] (the shell, its sign-in machine and the session hook),
//! [`browsing`] (the controller at the DOM edge), [`views`] (one component a file), [`uploads`],
//! [`saving`] (save as) and [`messages`]. What a page or an app touches is re-exported here and from the crate root.

pub(crate) mod browsing;
mod component;
pub(crate) mod events;
pub(crate) mod messages;
pub(crate) mod model;
pub(crate) mod options;
pub(crate) mod saving;
pub(crate) mod sign_in;
pub(crate) mod split;
pub(crate) mod uploads;
pub(crate) mod views;

pub use component::OneDrivePicker;
pub use events::{PageEvents, PickerErrorInfo};
pub use model::result::PickedItem;
pub use model::rules::{KindFilter, Mode};
pub use saving::saver::SaveResult;
pub use sign_in::session::{
    use_microsoft365, use_microsoft365_with_options, Microsoft365, Microsoft365Options,
};
pub(crate) use options::setup::{PickerOptions, SessionSlot};
pub(crate) use sign_in::shell::language;
