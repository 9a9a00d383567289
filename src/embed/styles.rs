//! The picker's styles in the `<onedrive-picker>` element's shadow root. The first screen comes
//! with the few rules it needs (the package's `first.css`: the theme and the frame, linked by the
//! element); the rest, the whole `picker.css`, is fetched with the picker's code, and the picker
//! takes over once both are here. The element's `stylesheet` option links it (once) and
//! resolves when it has loaded or failed (the picker then shows with the first screen's rules
//! alone, rather than not at all). A page that mounts the picker itself (`mountPicker`) links
//! `picker.css` itself and gives no `stylesheet`.

use js_sys::{Function, Promise};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// The element's `stylesheet` function, if any.
#[derive(Clone, Default)]
pub(super) struct Styles(pub(super) Option<Function>);

impl Styles {
    /// Has the stylesheet fetched (the element does it once); its load, to wait for.
    pub(super) fn fetch(&self) -> Option<Promise> {
        let load = self.0.as_ref()?.call0(&JsValue::NULL).ok()?;
        load.dyn_into().ok()
    }
}

/// Waits for a load [`Styles::fetch`] began, if any.
pub(super) async fn arrived(load: Option<Promise>) {
    if let Some(p) = load {
        let _ = JsFuture::from(p).await;
    }
}
