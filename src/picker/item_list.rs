//! The listing: column headers that sort, a virtualised list or grid (the DOM holds the rows in
//! view and a few around them, whatever the folder's size), keyboard navigation over every
//! row, the next page fetched as the end comes near, and loading, empty and error states.

use std::cell::Cell;

use leptos::ev::KeyboardEvent;
use leptos::leptos_dom::helpers::{request_animation_frame, window_event_listener};
use leptos::prelude::*;

use super::controller::{use_picker, TEAMS_SCOPES};
use super::item_view::ItemView;
use super::sort::SortKey;
use super::source::Place;
use super::state::{Move, View};
use super::typeahead::{find, TypeAhead};
use super::window::{wants_more, Geometry};

/// A list row's height (CSS agrees: `.odp-list .odp-item`).
const ROW_HEIGHT: f64 = 44.0;
/// A grid tile's size (CSS agrees: `.odp-grid .odp-item`).
const TILE_WIDTH: f64 = 168.0;
const TILE_HEIGHT: f64 = 184.0;

thread_local! {
    static INSTANCES: Cell<u32> = const { Cell::new(0) };
}

/// The listing of the current place.
#[component]
pub fn ItemList() -> impl IntoView {
    let p = use_picker();
    let m = p.messages;
    let prefix = INSTANCES.with(|n| {
        n.set(n.get() + 1);
        format!("odp{}", n.get())
    });
    let size = RwSignal::new((640.0f64, 440.0f64));
    let measure = move || {
        if let Some(el) = p.list.get_untracked() {
            let (w, h) = (el.client_width() as f64, el.client_height() as f64);
            if w > 0.0 && h > 0.0 {
                size.set((w, h));
            }
        }
    };
    Effect::new(move |_| {
        if p.list.get().is_some() {
            measure();
        }
    });
    let resize = window_event_listener(leptos::ev::resize, move |_| measure());
    on_cleanup(move || resize.remove());
    let view = Memo::new(move |_| p.browser.with(|b| b.view));
    let geometry = Memo::new(move |_| {
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
    });
    let total = Memo::new(move |_| p.browser.with(|b| b.listing.rows.len()));
    let visible = Memo::new(move |_| geometry.get().visible(p.scroll_top.get(), total.get()));
    // The next page, as the window nears the last loaded row.
    Effect::new(move |_| {
        let end = visible.get().end;
        let more = p
            .browser
            .with(|b| wants_more(end, b.listing.rows.len(), b.listing.next.is_some()));
        if more {
            p.load_more();
        }
    });
    // Scroll positions set by the state (a new place, a search cleared) reach the element,
    // once the rows they refer to are laid out.
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
    let reveal = move |index: usize| {
        if let Some(top) = geometry
            .get_untracked()
            .reveal(index, p.scroll_top.get_untracked())
        {
            p.scroll_top.set(top);
        }
    };
    let typed = StoredValue::new(TypeAhead::default());
    let on_key = move |e: KeyboardEvent| {
        let g = geometry.get_untracked();
        let grid = g.columns > 1;
        // Left and Right follow the reading direction (the page's `dir`, inherited).
        let rtl = || {
            p.list
                .get_untracked()
                .is_some_and(|el| el.matches(":dir(rtl)").unwrap_or(false))
        };
        let key = e.key();
        let key = match key.as_str() {
            "ArrowLeft" if rtl() => "ArrowRight".to_string(),
            "ArrowRight" if rtl() => "ArrowLeft".to_string(),
            _ => key,
        };
        let how = match key.as_str() {
            "ArrowDown" if grid => Some(Move::LineDown),
            "ArrowUp" if grid => Some(Move::LineUp),
            "ArrowDown" | "ArrowRight" => Some(Move::Next),
            "ArrowUp" | "ArrowLeft" => Some(Move::Previous),
            "Home" => Some(Move::First),
            "End" => Some(Move::Last),
            "PageDown" => Some(Move::PageDown),
            "PageUp" => Some(Move::PageUp),
            _ => None,
        };
        let focus = p.browser.with_untracked(|b| b.focus);
        if let Some(how) = how {
            e.prevent_default();
            let to = p
                .browser
                .try_update(|b| b.move_focus(how, g.columns, g.page()))
                .flatten();
            if let Some(i) = to {
                reveal(i);
            }
            return;
        }
        // A letter (or digit…) typed: type-ahead to the next item whose name starts with it.
        let mut chars = key.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            if !c.is_whitespace()
                && !c.is_control()
                && !e.ctrl_key()
                && !e.meta_key()
                && !e.alt_key()
            {
                e.prevent_default();
                let prefix = typed
                    .try_update_value(|t| t.push(c, crate::browser::now_ms()).to_string())
                    .unwrap_or_default();
                let to = p.browser.try_update(|b| {
                    let to = find(&b.listing.rows, b.focus, &prefix);
                    if to.is_some() {
                        b.focus = to;
                    }
                    to
                });
                if let Some(i) = to.flatten() {
                    reveal(i);
                }
                return;
            }
        }
        match (key.as_str(), focus) {
            ("Enter", Some(i)) => {
                e.prevent_default();
                p.activate(i);
            }
            (" ", Some(i)) => {
                e.prevent_default();
                p.toggle(i);
            }
            ("Backspace", _) => {
                e.prevent_default();
                p.navigate(|b| b.up());
            }
            _ => {}
        }
    };
    let active = {
        let prefix = prefix.clone();
        move || {
            p.browser
                .with(|b| b.focus.map(|i| format!("{prefix}-row-{i}")))
        }
    };
    let prefix_rows = prefix.clone();
    // A row's position depends on the view and the columns: a change of either lays every row
    // out again (it is part of the key), a scroll only adds and removes rows.
    let layout = Memo::new(move |_| (view.get(), geometry.get().columns));
    let rows = move || {
        let range = visible.get();
        let layout = layout.get();
        p.browser.with(|b| {
            range
                .filter_map(|i| b.listing.rows.get(i).map(|r| (i, r.clone(), layout)))
                .collect::<Vec<_>>()
        })
    };
    let sort_header = move |key: SortKey, class: &'static str| {
        let state = move || {
            p.browser.with(|b| match b.sort {
                Some(s) if s.key == key => {
                    if s.descending {
                        "descending"
                    } else {
                        "ascending"
                    }
                }
                _ => "none",
            })
        };
        // A listbox has no column headers: the header is a group of sort buttons, each saying
        // whether (and which way) it sorts.
        let label = move || match state() {
            "ascending" => format!("{}, {}", m.sort_key(key), m.ascending),
            "descending" => format!("{}, {}", m.sort_key(key), m.descending),
            _ => m.sort_key(key).to_string(),
        };
        view! {
            <span class=format!("odp-col {class}") data-sort-state=state>
                <button class="odp-sort" data-sort=key.key() on:click=move |_| p.sort(key)
                    aria-pressed=move || (state() != "none").to_string() aria-label=label>
                    {m.sort_key(key)}
                    <span class="odp-sort-arrow" aria-hidden="true">
                        {move || match state() { "ascending" => "▲", "descending" => "▼", _ => "" }}
                    </span>
                </button>
            </span>
        }
    };
    view! {
        <div class="odp-listing" class:odp-grid=move || view.get() == View::Grid class:odp-list=move || view.get() == View::List>
            <div class="odp-columns" role="group" aria-label=m.sort_by>
                {sort_header(SortKey::Name, "odp-col-name")}
                {sort_header(SortKey::Modified, "odp-col-modified")}
                <span class="odp-col odp-col-modified-by">{m.modified_by}</span>
                {sort_header(SortKey::Size, "odp-col-size")}
            </div>
            <div class="odp-items" node_ref=p.list tabindex="0" role="listbox" aria-label=m.items
                aria-multiselectable=move || (p.rules.with_value(|r| r.limit()) > 1).to_string()
                aria-busy=move || p.browser.with(|b| b.listing.loading).to_string()
                aria-activedescendant=active
                data-total=move || total.get()
                on:scroll=move |_| {
                    if let Some(el) = p.list.get_untracked() {
                        p.scroll_top.set(el.scroll_top() as f64);
                    }
                }
                on:keydown=on_key>
                <div class="odp-spacer" style:height=move || format!("{}px", geometry.get().content_height(total.get()))>
                    <For each=rows key=|(i, r, layout)| (*i, r.key(), *layout) children=move |(i, row, (view, _))| {
                        let (top, column) = geometry.get_untracked().position(i);
                        let left = match view {
                            View::Grid => format!("{}px", column as f64 * TILE_WIDTH),
                            View::List => "0".into(),
                        };
                        view! { <ItemView index=i row=row id=format!("{prefix_rows}-row-{i}") top=top left=left/> }
                    }/>
                </div>
            </div>
            <ListStatus/>
        </div>
    }
}

/// Below the rows: loading, empty, error with retry, or "Show more".
#[component]
fn ListStatus() -> impl IntoView {
    let p = use_picker();
    let m = p.messages;
    move || {
        p.browser.with(|b| {
            let l = &b.listing;
            if let Some(e) = &l.error {
                let retry = matches!(e.action(), crate::auth::ErrorAction::Retry);
                // Teams needs scopes a file picker does not ask for up front: ask now.
                let teams = e.status() == Some(403)
                    && matches!(b.place(), Place::Teams | Place::Channels { .. } | Place::ChannelFiles { .. });
                let again = l.rows.is_empty();
                return view! {
                    <div class="odp-error odp-list-error" role="alert" data-status=e.status().map(|s| s.to_string())>
                        <p class="odp-error-message">{(m.graph_error)(e)}</p>
                        {teams.then(|| view! {
                            <button class="odp-primary odp-consent" on:click=move |_| {
                                p.consent.run(TEAMS_SCOPES.iter().map(|s| s.to_string()).collect())
                            }>{m.allow_teams}</button>
                        })}
                        {retry.then(|| view! {
                            <button class="odp-retry" on:click=move |_| {
                                if again { p.load() } else {
                                    p.browser.update(|b| b.listing.error = None);
                                    p.load_more();
                                }
                            }>{m.try_again}</button>
                        })}
                    </div>
                }.into_any();
            }
            if l.loading {
                let skeleton = l.rows.is_empty();
                return view! {
                    <p class="odp-loading" role="status" class:odp-skeleton=skeleton>{m.loading}</p>
                }.into_any();
            }
            if l.rows.is_empty() {
                let text = match b.place() {
                    Place::Search { .. } | Place::Sites { query: Some(_) } => m.no_results,
                    Place::Folder(_) => m.empty_folder,
                    // Graph's recent and sharedWithMe feeds are deprecated: empty means retired.
                    Place::Recent | Place::Shared => m.feed_retired,
                    _ => m.nothing_here,
                };
                return view! { <p class="odp-empty">{text}</p> }.into_any();
            }
            if l.next.is_some() {
                return view! {
                    <button class="odp-more" on:click=move |_| { p.load_more(); p.focus_list(); }>{m.show_more}</button>
                }.into_any();
            }
            ().into_any()
        })
    }
}
