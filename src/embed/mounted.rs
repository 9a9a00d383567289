//! The pickers mounted from JavaScript, by handle id: what each shows (its first screen, then
//! the picker), and those waiting for their language's module.

use std::any::Any;
use std::cell::{Cell, RefCell};

thread_local! {
    /// The mounted pickers, by handle id. A picker stays until `unmount()` is called: a page
    /// that drops the handle (and lets the garbage collector free it) keeps its picker. (A
    /// page has a few: a list, not a hash map, which would be 1 KB of the first screen.)
    pub(super) static MOUNTED: RefCell<Vec<(u32, Box<dyn Any>)>> = const { RefCell::new(Vec::new()) };
    pub(super) static NEXT_ID: Cell<u32> = const { Cell::new(0) };
    /// The pickers waiting for their language's module, by handle id.
    pub(super) static WAITING: RefCell<Vec<u32>> = const { RefCell::new(Vec::new()) };
}

/// Whether the picker `id` is still mounted.
pub(super) fn is_mounted(id: u32) -> bool {
    MOUNTED.with(|m| m.borrow().iter().any(|(i, _)| *i == id))
}

/// Keeps `shown` as what the picker `id` shows (or drops it: the page unmounted the picker).
/// What it showed before is dropped after the running listener returns (it may be that
/// listener's), before the browser paints.
pub(super) fn keep(id: u32, shown: Box<dyn Any>) {
    let before = MOUNTED.with(|m| {
        let mut m = m.borrow_mut();
        let slot = m.iter_mut().find(|(i, _)| *i == id)?;
        Some(std::mem::replace(&mut slot.1, shown))
    });
    if let Some(before) = before {
        wasm_bindgen_futures::spawn_local(async move { drop(before) });
    }
}

/// Forgets the picker `id`: what it showed, if it was mounted.
pub(super) fn forget(id: u32) -> Option<Box<dyn Any>> {
    MOUNTED.with(|m| {
        let mut m = m.borrow_mut();
        let at = m.iter().position(|(i, _)| *i == id)?;
        Some(m.swap_remove(at).1)
    })
}
