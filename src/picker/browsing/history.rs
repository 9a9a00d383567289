//! Browser Back and Forward move through the picker's places: each navigation adds a history
//! entry (tagged with the picker's own id, so several pickers and the page's own entries stay
//! apart), and `popstate` returns to the trail it recorded. Listeners go with the component.

use leptos::leptos_dom::helpers::window_event_listener;
use leptos::prelude::*;
use wasm_bindgen::JsValue;

use super::controller::Picker;
use crate::picker::model::state::Crumb;

const KEY: &str = "odpPicker";
const INDEX: &str = "odpIndex";

/// The trails this picker recorded, by history index.
#[derive(Clone, Copy)]
pub struct History {
    id: StoredValue<String>,
    trails: StoredValue<Vec<Vec<Crumb>>>,
}

impl History {
    /// Records the current trail as the first entry, and listens for Back and Forward.
    pub fn install(picker: Picker, id: String) -> History {
        let h = History {
            id: StoredValue::new(id),
            trails: StoredValue::new(vec![picker.browser.with_untracked(|b| b.trail.clone())]),
        };
        let listener = window_event_listener(leptos::ev::popstate, move |e| {
            let state = e.state();
            let ours = js_sys::Reflect::get(&state, &KEY.into())
                .ok()
                .and_then(|v| v.as_string());
            let index = match ours {
                Some(id) if Some(&id) == h.id.try_get_value().as_ref() => {
                    js_sys::Reflect::get(&state, &INDEX.into())
                        .ok()
                        .and_then(|v| v.as_f64())
                        .map(|i| i as usize)
                        .unwrap_or(0)
                }
                // An entry of the page's own (before the first navigation here): the start.
                Some(_) => return,
                None => 0,
            };
            if let Some(trail) = h.trails.try_with_value(|t| t.get(index).cloned()).flatten() {
                picker.step(|b| b.trail != trail && b.set_trail(trail));
            }
        });
        on_cleanup(move || listener.remove());
        h
    }

    /// Adds an entry for the trail the picker now shows.
    pub fn push(self, picker: Picker) {
        let trail = picker.browser.with_untracked(|b| b.trail.clone());
        let Some(index) = self.trails.try_update_value(|t| {
            t.push(trail);
            t.len() - 1
        }) else {
            return;
        };
        let state = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&state, &KEY.into(), &JsValue::from(self.id.get_value()));
        let _ = js_sys::Reflect::set(&state, &INDEX.into(), &JsValue::from(index as f64));
        if let Some(h) = web_sys::window().and_then(|w| w.history().ok()) {
            let _ = h.push_state(&state, "");
        }
    }
}
