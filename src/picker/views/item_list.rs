//! The listing: column headers that sort, a virtualised list or grid (the DOM holds the rows in
//! view and a few around them, whatever the folder's size), keyboard navigation over every
//! row, the next page fetched as the end comes near, and loading, empty and error states.

use std::cell::Cell;
use std::ops::Range;
use std::sync::Arc;

use leptos::prelude::*;

use crate::picker::browsing::controller::{use_picker, Picker, TEAMS_SCOPES};
use super::item_view::ItemView;
use super::list_hooks::{
    use_element_size, use_geometry, use_list_keys, use_load_more, use_scroll_sync, TILE_WIDTH,
};
use crate::picker::model::listing::Row;
use crate::picker::model::sort::SortKey;
use crate::picker::model::source::Place;
use crate::picker::model::state::View;

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
    let view = Memo::new(move |_| p.browser.with(|b| b.view));
    let geometry = use_geometry(view, use_element_size(p.list));
    let total = Memo::new(move |_| p.browser.with(|b| b.listing.rows.len()));
    let visible = Memo::new(move |_| geometry.get().visible(p.scroll_top.get(), total.get()));
    use_load_more(p, visible);
    use_scroll_sync(p, total);
    let on_key = use_list_keys(p, geometry);
    let active = {
        let prefix = prefix.clone();
        move || {
            p.browser
                .with(|b| b.focus.map(|i| format!("{prefix}-row-{i}")))
        }
    };
    // A row's position depends on the view and the columns: a change of either lays every row
    // out again (it is part of the key), a scroll only adds and removes rows.
    let layout = Memo::new(move |_| (view.get(), geometry.get().columns));
    let rows = move || rows_in_view(p, visible.get(), layout.get());
    view! {
        <div class="odp-listing" class:odp-grid=move || view.get() == View::Grid class:odp-list=move || view.get() == View::List>
            <div class="odp-columns" role="group" aria-label=m.sort_by>
                {(p.rules.with_value(|r| r.limit()) > 1).then(|| view! { <SelectAll/> })}
                <SortHeader key=SortKey::Name class="odp-col-name"/>
                <SortHeader key=SortKey::Modified class="odp-col-modified"/>
                <span class="odp-col odp-col-modified-by">{m.modified_by}</span>
                <SortHeader key=SortKey::Size class="odp-col-size"/>
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
                        view! { <ItemView index=i row=row id=format!("{prefix}-row-{i}") top=top left=left/> }
                    }/>
                </div>
            </div>
            <ListStatus/>
        </div>
    }
}

/// The rows of `range` with their index and the layout they are placed in.
fn rows_in_view(
    p: Picker,
    range: Range<usize>,
    layout: (View, usize),
) -> Vec<(usize, Arc<Row>, (View, usize))> {
    p.browser.with(|b| {
        range
            .filter_map(|i| b.listing.rows.get(i).map(|r| (i, r.clone(), layout)))
            .collect()
    })
}

/// A column's sort button. A listbox has no column headers: the header is a group of sort
/// buttons, each saying whether (and which way) it sorts.
#[component]
fn SortHeader(key: SortKey, class: &'static str) -> impl IntoView {
    let p = use_picker();
    let m = p.messages;
    let state = move || {
        p.browser.with(|b| match b.sort {
            Some(s) if s.key == key && s.descending => "descending",
            Some(s) if s.key == key => "ascending",
            _ => "none",
        })
    };
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
}

/// The check box that selects every item of the folder shown (with more than one to pick):
/// checked when all are, mixed when some are.
#[component]
fn SelectAll() -> impl IntoView {
    use crate::picker::model::selection::AllState;
    let p = use_picker();
    let state = Memo::new(move |_| p.all_state());
    let checked = move || match state.get().0 {
        AllState::None => "false",
        AllState::Some => "mixed",
        AllState::All => "true",
    };
    view! {
        <span class="odp-col odp-col-all">
            <button class="odp-all" role="checkbox" aria-checked=checked aria-label=p.messages.select_all
                title=p.messages.select_all disabled=move || !state.get().1
                on:click=move |_| p.select_all()>
                <span class="odp-all-box" aria-hidden="true"></span>
            </button>
        </span>
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
                        <p class="odp-error-message">{m.graph_error(e)}</p>
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
