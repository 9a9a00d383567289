//! The browsing screen's components, one a file: the layout ([`browse`]), navigation pane,
//! breadcrumbs, toolbar, the listing and its hooks, one entry, the details pane and the tray.

pub(crate) mod breadcrumbs;
pub(crate) mod browse;
pub(crate) mod item_list;
pub(crate) mod item_view;
pub(crate) mod list_hooks;
pub(crate) mod nav;
pub(crate) mod preview;
pub(crate) mod toolbar;
pub(crate) mod tray;
