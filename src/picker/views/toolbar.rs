//! The toolbar: search (debounced; a newer query aborts the older request; a pasted link opens
//! what it shares), and list or grid.

use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::picker::browsing::controller::use_picker;
use crate::picker::model::source::Place;
use crate::picker::model::state::View;
use crate::picker::uploads::bar::UploadBar;

/// How long typing must pause before a search is sent.
const DEBOUNCE_MS: u64 = 300;

/// Search box and view switch.
#[component]
pub fn Toolbar() -> impl IntoView {
    let p = use_picker();
    let m = p.messages;
    let view_button = move |v: View, class: &'static str, name: &'static str| {
        view! {
            <button class=format!("odp-icon-button {class}") title=name aria-label=name
                aria-pressed=move || (p.browser.with(|b| b.view) == v).to_string()
                on:click=move |_| p.browser.update(|b| b.view = v)>
                {if v == View::List { "☰" } else { "▦" }}
            </button>
        }
    };
    view! {
        <div class="odp-toolbar">
            <UploadBar/>
            <SearchBox/>
            <div class="odp-views" role="group">
                {view_button(View::List, "odp-view-list", m.list_view)}
                {view_button(View::Grid, "odp-view-grid", m.grid_view)}
                <button class="odp-icon-button odp-details-toggle" title=m.details aria-label=m.details
                    aria-pressed=move || p.details.get().to_string()
                    on:click=move |_| p.details.update(|d| *d = !*d)>
                    // An information sign: a ring, a dot and a stem, in the text's colour.
                    <svg width="18" height="18" viewBox="0 0 18 18" aria-hidden="true" focusable="false">
                        <circle cx="9" cy="9" r="7.5" fill="none" stroke="currentColor" stroke-width="1.5"/>
                        <circle cx="9" cy="5.5" r="1.1" fill="currentColor"/>
                        <rect x="8.25" y="7.75" width="1.5" height="5.5" rx="0.5" fill="currentColor"/>
                    </svg>
                </button>
            </div>
        </div>
    }
}

/// The search box: searches the place shown after a pause in typing (at once on Enter),
/// Escape clears it, the arrow down goes to the list. A link pasted in it is not searched for:
/// "Open link" (or Enter) opens what it shares.
#[component]
fn SearchBox() -> impl IntoView {
    let p = use_picker();
    let m = p.messages;
    let text = RwSignal::new(String::new());
    let open = link_opener(text);
    let linked = Memo::new(move |_| text.with(|t| p.takes_link(t)));
    // Each keystroke gets a number; only the last one, after a pause, searches.
    let typed = StoredValue::new(0u64);
    let search = move |now: bool| {
        let n = typed.get_value() + 1;
        typed.set_value(n);
        p.link_error.set(None);
        let run = move || {
            if typed.try_get_value() == Some(n) && !linked.get_untracked() {
                p.search(text.get_untracked());
            }
        };
        match now {
            true => run(),
            false => set_timeout(run, Duration::from_millis(DEBOUNCE_MS)),
        }
    };
    // Leaving a search (another folder, source or crumb) empties the box.
    let query = Memo::new(move |_| p.browser.with(|b| b.query().map(String::from)));
    Effect::new(move |_| {
        if query.get().is_none() {
            text.set(String::new());
        }
    });
    let label = move || {
        p.browser.with(|b| match b.trail.first().map(|c| &c.place) {
            Some(Place::Sites { .. }) if b.trail.len() == 1 || b.searching() => m.search_sites,
            _ => m.search_here,
        })
    };
    view! {
        <div class="odp-search-box" hidden=move || !p.browser.with(|b| b.can_search())>
            <input class="odp-search" type="search" placeholder=label aria-label=label
                prop:value=text
                on:input=move |e| { text.set(event_target_value(&e)); search(false); }
                on:keydown=move |e: leptos::ev::KeyboardEvent| match e.key().as_str() {
                    "Enter" if linked.get_untracked() => { e.prevent_default(); open(); }
                    "Enter" => { e.prevent_default(); search(true); }
                    "Escape" if !text.get_untracked().is_empty() => {
                        e.prevent_default();
                        text.set(String::new());
                        search(true);
                    }
                    "ArrowDown" => { e.prevent_default(); p.focus_list(); }
                    _ => {}
                }/>
            <button class="odp-clear-search odp-icon-button" title=m.clear_search aria-label=m.clear_search
                hidden=move || text.with(String::is_empty)
                on:click=move |_| { text.set(String::new()); search(true); p.focus_list(); }>"×"</button>
            <button class="odp-secondary odp-open-link" hidden=move || !linked.get()
                on:click=move |_| open()>{m.open_link}</button>
        </div>
        <p class="odp-field-error odp-link-error" role="alert">{move || p.link_error.get()}</p>
    }
}

/// Opens the link in the box, asking first for the permission links need when it is missing
/// (the picker then opens it once granted). Errors land in the picker's `link_error`; an opened
/// link leaves the box, one that failed stays in it.
fn link_opener(text: RwSignal<String>) -> impl Fn() + Copy {
    let p = use_picker();
    move || {
        p.link_error.set(None);
        let link = text.get_untracked();
        if p.ask_for_links(&link) {
            return;
        }
        spawn_local(async move {
            match p.open_link(link).await {
                Ok(()) => _ = text.try_set(String::new()),
                Err(why) => _ = p.link_error.try_set(Some(why)),
            }
        });
    }
}
