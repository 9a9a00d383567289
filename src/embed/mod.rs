//! Embedding from plain JavaScript: `mountPicker(element, options)` mounts the picker into any
//! element and returns a handle whose `unmount()` removes it (and aborts its requests). The picker
//! stays mounted until then, whether or not the page keeps the handle.
//!
//! ```js
//! const picker = wasmBindings.mountPicker(document.getElementById("files"), {
//!   clientId: "…", authority: "https://login.microsoftonline.com/organizations",
//!   scopes: "User.Read Files.Read.All", multiple: true, maxCount: 5, filters: ".docx .xlsx",
//!   onPick: (items) => items.forEach((i) => console.log(i.name, i.webUrl)),
//!   // Or, when the portal's server holds the signed-in user's own token (no sign-in here):
//!   // tokenProvider: async (scopes, refresh) => (await fetch("/api/graph-token")).text(),
//! });
//! ```

use std::cell::Cell;

use wasm_bindgen::prelude::*;

mod first;
mod mounted;
mod read;
mod styles;

use mounted::{MOUNTED, NEXT_ID, WAITING};
use read::{read_options, stylesheet};
use styles::Styles;

use crate::picker::messages::tables;
use crate::picker::sign_in::handover::Table;
use crate::picker::{language, PickerOptions, SessionSlot};

/// A mounted picker; `unmount()` removes it (freeing the handle alone does not).
#[wasm_bindgen]
pub struct PickerHandle {
    id: Cell<u32>,
    element: web_sys::HtmlElement,
    session: SessionSlot,
}

#[wasm_bindgen]
impl PickerHandle {
    /// Removes the picker from the page, aborting its requests and releasing its listeners.
    pub fn unmount(&self) {
        WAITING.with_borrow_mut(|w| w.retain(|id| *id != self.id.get()));
        let mounted = mounted::forget(self.id.get());
        drop(mounted);
    }

    /// Applies new options (all of them, as for `mountPicker`): the picker is built again in
    /// place, keeping the signed-in account while the sign-in options stay the same.
    pub fn update(&self, options: JsValue) -> Result<(), JsValue> {
        let opts = read_options(&options, self.session.clone())?;
        self.unmount();
        let styles = stylesheet(&options)?;
        self.id.set(mount(self.element.clone(), opts, styles));
        Ok(())
    }
}

/// Mounts a picker in `element` (in its language: when the language's table is not at hand,
/// once its module is here, unless the page unmounted it meanwhile); its handle's id.
fn mount(element: web_sys::HtmlElement, opts: PickerOptions, styles: Styles) -> u32 {
    let id = NEXT_ID.with(|n| {
        n.set(n.get() + 1);
        n.get()
    });
    let lang = language(&opts);
    // English as written needs no table here: the first screen has its words.
    match lang == "en" && opts.messages.0.is_empty() {
        true => mount_now(id, element, opts, Ok(None), styles),
        false => {
            WAITING.with_borrow_mut(|w| w.push(id));
            // Not Leptos's executor: it starts with the page's first mount, which may be this one.
            wasm_bindgen_futures::spawn_local(async move {
                let table = tables::fetch(lang, &opts.messages).await;
                let still = WAITING.with_borrow_mut(|w| {
                    let at = w.iter().position(|x| *x == id);
                    at.map(|at| w.swap_remove(at)).is_some()
                });
                if still {
                    mount_now(id, element, opts, table, styles);
                }
            });
        }
    }
    id
}

/// Shows the first screen of the picker `id` (see [`first`]), which hands over to the picker.
fn mount_now(
    id: u32,
    element: web_sys::HtmlElement,
    opts: PickerOptions,
    table: Table,
    styles: Styles,
) {
    MOUNTED.with(|m| m.borrow_mut().push((id, Box::new(()))));
    first::show(id, element, opts, table, styles);
}

/// Mounts the picker into `element`. Its options are the JavaScript names of the README's options
/// table (one table defines them for every way in): the sign-in (`clientId`, `authority`,
/// `redirectUri`, `scopes`, `graphBase`, `prompt`, `loginHint`, `domainHint`, `authMode`,
/// `tokenStorage`, `tokenProvider(scopes, refresh) => Promise<string>`), what may be picked
/// (`mode`, `multiple`, `maxCount`, `filters`, `selected`), where (`sources`, `start`,
/// `lockToStart`), the callbacks (`onPick`, `onCancel`, `onSignIn`, `onSignOut`, `onError`,
/// `onUpload`, `onUploadProgress`), the pick's extras (`openFiles`, `downloadUrls`,
/// `thumbnailUrls`, `shareLink`), writing (`upload`, `uploadMaxSize`, `uploadMaxCount`,
/// `uploadAccept`, `createFolder`) and the rest (`endSessionOnSignOut`, `history`, `locale`,
/// `messages`, `theme`).
#[wasm_bindgen(js_name = mountPicker)]
pub fn mount_picker(
    element: web_sys::HtmlElement,
    options: JsValue,
) -> Result<PickerHandle, JsValue> {
    let session = SessionSlot::default();
    let opts = read_options(&options, session.clone())?;
    let styles = stylesheet(&options)?;
    let id = mount(element.clone(), opts, styles);
    Ok(PickerHandle {
        id: Cell::new(id),
        element,
        session,
    })
}
