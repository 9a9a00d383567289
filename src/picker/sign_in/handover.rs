//! The hand-over from a page's first screen ([`crate::embed`], drawn without Leptos) to the
//! picker: in the package (the `split` feature) Leptos and every screen after the first are in
//! the module [`super::lazy`] fetches; [`mount`] mounts the picker once it is here.

use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;

use super::lazy::Clicked;
use crate::picker::messages::{Messages, EN};
use crate::picker::options::setup::PickerOptions;
use crate::picker::split::{call, LoadFailed};

/// What a picker is mounted with: its options and the table of the language it speaks. Taken
/// by the mount; left in place when the code could not be fetched, for the next try.
pub(crate) type Mounting = Rc<RefCell<Option<(PickerOptions, Table)>>>;

/// A table for a picker: none for English as written, or why the page's wording did not fit.
pub(crate) type Table = Result<Option<&'static Messages>, String>;

/// The picker in `element`, taking over from the first screen; its unmount handle (none when
/// the options were taken already).
#[cfg_attr(
    all(feature = "split", target_arch = "wasm32"),
    leptos::wasm_split::wasm_split(picker, wasm_split_path = ::leptos::wasm_split, fallible)
)]
fn mount_picker(
    element: web_sys::HtmlElement,
    mounting: Mounting,
    clicked: Clicked,
) -> Result<Option<Box<dyn Any>>, LoadFailed> {
    let Some((options, table)) = mounting.borrow_mut().take() else {
        return Ok(None);
    };
    let table = table.map(|m| m.unwrap_or(&EN));
    let view = move || super::shell::speaking(options, table, clicked);
    Ok(Some(Box::new(leptos::mount::mount_to(element, view))))
}

/// Mounts the picker in `element` once its code is here (call [`super::lazy::loaded`] first:
/// a failed fetch here drops `clicked`).
pub(crate) async fn mount(
    element: web_sys::HtmlElement,
    mounting: Mounting,
    clicked: Clicked,
) -> Result<Option<Box<dyn Any>>, LoadFailed> {
    call!(mount_picker(element, mounting, clicked))
}

