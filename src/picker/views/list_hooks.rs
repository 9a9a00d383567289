//! The listing's behaviours, each a hook of its own (as leptos-use shapes them): the element's
//! size, the geometry of the rows in view, the next page as the end comes near, the scroll
//! position kept in step with the state, and the keyboard (arrows, Home/End, pages, type-ahead,
//! Enter, Space, Backspace). Listeners are removed when the listing goes.

use leptos::ev::KeyboardEvent;
use leptos::html::Div;
use leptos::leptos_dom::helpers::request_animation_frame;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::picker::browsing::controller::Picker;
use crate::picker::model::state::{Move, View};
use crate::picker::model::typeahead::{find, TypeAhead};
use crate::picker::model::window::{wants_more, Geometry};

/// A list row's height (CSS agrees: `.odp-list .odp-item`).
pub(crate) const ROW_HEIGHT: f64 = 44.0;
/// A grid tile's size (CSS agrees: `.odp-grid .odp-item`).
pub(crate) const TILE_WIDTH: f64 = 168.0;
const TILE_HEIGHT: f64 = 184.0;

/// The element's inner size, measured when it mounts and whenever it changes (the window, or the
/// box the page gives the picker: a `ResizeObserver`, disconnected when the list goes).
pub(crate) fn use_element_size(el: NodeRef<Div>) -> ReadSignal<(f64, f64)> {
    let size = RwSignal::new((640.0f64, 440.0f64));
    let measure = move || {
        if let Some(el) = el.get_untracked() {
            let (w, h) = (el.client_width() as f64, el.client_height() as f64);
            if w > 0.0 && h > 0.0 && size.get_untracked() != (w, h) {
                size.set((w, h));
            }
        }
    };
    let on_resize = Closure::<dyn FnMut(JsValue)>::new(move |_| measure());
    let observer = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()).ok();
    let watching = SendWrapper::new((observer.clone(), on_resize));
    Effect::new(move |_| {
        if let Some(el) = el.get() {
            measure();
            if let Some(o) = &observer {
                o.observe(&el);
            }
        }
    });
    on_cleanup(move || {
        let (observer, callback) = watching.take();
        if let Some(o) = observer {
            o.disconnect();
        }
        drop(callback);
    });
    size.read_only()
}

/// Rows (list) or tiles (grid) in an element of `size`.
pub(crate) fn use_geometry(view: Memo<View>, size: ReadSignal<(f64, f64)>) -> Memo<Geometry> {
    Memo::new(move |_| {
        let (w, h) = size.get();
        match view.get() {
            View::List => Geometry {
                line_height: ROW_HEIGHT,
                columns: 1,
                viewport: h,
            },
            View::Grid => Geometry {
                line_height: TILE_HEIGHT,
                columns: ((w / TILE_WIDTH) as usize).max(1),
                viewport: h,
            },
        }
    })
}

/// Fetches the next page as the window of rows in view nears the last loaded row.
pub(crate) fn use_load_more(p: Picker, visible: Memo<std::ops::Range<usize>>) {
    Effect::new(move |_| {
        let end = visible.get().end;
        let more = p
            .browser
            .with(|b| wants_more(end, b.listing.rows.len(), b.listing.next.is_some()));
        if more {
            p.load_more();
        }
    });
}

/// Scroll positions set by the state (a new place, a search cleared) reach the element, once
/// the rows they refer to are laid out.
pub(crate) fn use_scroll_sync(p: Picker, total: Memo<usize>) {
    Effect::new(move |_| {
        p.scroll_top.track();
        total.track();
        request_animation_frame(move || {
            let top = p.scroll_top.get_untracked();
            if let Some(el) = p.list.get_untracked() {
                if (el.scroll_top() as f64 - top).abs() >= 1.0 {
                    el.set_scroll_top(top as i32);
                }
            }
        });
    });
}

/// The listing's keyboard: moves the focus (arrows in the reading direction, Home, End, pages),
/// types ahead, and opens (Enter), selects (Space) or goes up (Backspace).
pub(crate) fn use_list_keys(p: Picker, geometry: Memo<Geometry>) -> impl Fn(KeyboardEvent) + Copy {
    let typed = StoredValue::new(TypeAhead::default());
    let reveal = move |index: usize| {
        let top = geometry
            .get_untracked()
            .reveal(index, p.scroll_top.get_untracked());
        if let Some(top) = top {
            p.scroll_top.set(top);
        }
    };
    move |e: KeyboardEvent| {
        let g = geometry.get_untracked();
        let key = reading_direction(p, e.key());
        if let Some(how) = movement(&key, g.columns > 1) {
            e.prevent_default();
            let to = p
                .browser
                .try_update(|b| b.move_focus(how, g.columns, g.page()))
                .flatten();
            if let Some(i) = to {
                reveal(i);
            }
        } else if let Some(c) = typed_char(&key, &e) {
            e.prevent_default();
            if let Some(i) = type_ahead(p, typed, c) {
                reveal(i);
            }
        } else {
            act(p, &key, &e);
        }
    }
}

/// Left and Right follow the reading direction (the page's `dir`, inherited).
fn reading_direction(p: Picker, key: String) -> String {
    let rtl = || {
        p.list
            .get_untracked()
            .is_some_and(|el| el.matches(":dir(rtl)").unwrap_or(false))
    };
    match key.as_str() {
        "ArrowLeft" if rtl() => "ArrowRight".to_string(),
        "ArrowRight" if rtl() => "ArrowLeft".to_string(),
        _ => key,
    }
}

/// How a key moves the focus, if it does.
fn movement(key: &str, grid: bool) -> Option<Move> {
    Some(match key {
        "ArrowDown" if grid => Move::LineDown,
        "ArrowUp" if grid => Move::LineUp,
        "ArrowDown" | "ArrowRight" => Move::Next,
        "ArrowUp" | "ArrowLeft" => Move::Previous,
        "Home" => Move::First,
        "End" => Move::Last,
        "PageDown" => Move::PageDown,
        "PageUp" => Move::PageUp,
        _ => return None,
    })
}

/// The character a key types (a letter, a digit…), without modifiers.
fn typed_char(key: &str, e: &KeyboardEvent) -> Option<char> {
    let mut chars = key.chars();
    let c = chars.next()?;
    let plain = chars.next().is_none() && !e.ctrl_key() && !e.meta_key() && !e.alt_key();
    (plain && !c.is_whitespace() && !c.is_control()).then_some(c)
}

/// Type-ahead: the focus goes to the next item whose name starts with what was typed.
fn type_ahead(p: Picker, typed: StoredValue<TypeAhead>, c: char) -> Option<usize> {
    let prefix = typed
        .try_update_value(|t| t.push(c, crate::browser::now_ms()).to_string())
        .unwrap_or_default();
    p.browser
        .try_update(|b| {
            let to = find(&b.listing.rows, b.focus, &prefix);
            if to.is_some() {
                b.focus = to;
            }
            to
        })
        .flatten()
}

/// Enter opens the focused item, Space selects it, Ctrl+A (⌘A) selects all, Backspace goes up.
fn act(p: Picker, key: &str, e: &KeyboardEvent) {
    let focus = p.browser.with_untracked(|b| b.focus);
    match (key, focus) {
        ("Enter", Some(i)) => {
            e.prevent_default();
            p.activate(i);
        }
        (" ", Some(i)) => {
            e.prevent_default();
            p.toggle(i);
        }
        ("a" | "A", _) if e.ctrl_key() || e.meta_key() => {
            e.prevent_default();
            p.select_all();
        }
        ("Backspace", _) => {
            e.prevent_default();
            p.navigate(|b| b.up());
        }
        _ => {}
    }
}
