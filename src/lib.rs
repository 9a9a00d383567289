//! onedrive-picker: an embeddable Microsoft 365 file picker.
//!
//! The crate is a Leptos 0.8 client-side-rendered component compiled to WebAssembly: the picker
//! ([`OneDrivePicker`]) signs the user in (PKCE, in a popup) and calls Microsoft Graph from the
//! browser; [`use_microsoft365`] gives a Rust app the same session for its own Graph calls. What
//! a pick hands back is a list of [`PickedItem`]s; what goes wrong arrives as a
//! [`PickerErrorInfo`] (or an [`AuthError`] / [`GraphError`] from the session). The demo page
//! (`examples/demo`) points the picker at the offline tenant (the emulator).
//!
//! Everything else is the crate's interior (`docs/architecture.md` maps it); the same code also
//! serves the `<onedrive-picker>` element and `OneDrivePicker.open()` of the npm package.

// Server rendering (`ssr`) nests the browsing screen's view types deeper than rustc's default.
#![recursion_limit = "256"]

/// Declares a module of the crate's interior: `pub(crate)`, unless the `internals` feature (for
/// the project's fuzz targets and browser tests, never documented) makes it reachable.
macro_rules! interior {
    ($($name:ident),* $(,)?) => {$(
        #[cfg(feature = "internals")]
        #[doc(hidden)]
        pub mod $name;
        #[cfg(not(feature = "internals"))]
        pub(crate) mod $name;
    )*};
}

interior!(auth, browser, embed, graph, http, picker, safe_url, util);

pub use auth::{
    Account, AuthError, AuthMode, ErrorAction, HostStatus, Prompt, ProvidedTokens, TokenFuture,
    TokenStorage,
};
pub use graph::write::SharingLink;
pub use graph::GraphError;
pub use picker::messages::locale::MessageOverrides;
pub use picker::uploads::uploader::UploadProgress;
pub use picker::{
    use_microsoft365, use_microsoft365_with_options, KindFilter, Microsoft365, Microsoft365Options,
    Mode, OneDrivePicker, PickedItem, PickerErrorInfo, SaveResult,
};
