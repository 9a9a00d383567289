//! One entry of the listing: a row (icon or thumbnail, name, modified, modified by, size) or a
//! grid tile (a larger thumbnail and the name).

use std::sync::Arc;

use leptos::prelude::*;

use crate::picker::browsing::controller::use_picker;
use crate::picker::model::format::kind_name;
use crate::picker::model::listing::Row;
use crate::picker::messages::Messages;
use crate::picker::model::source::Place;
use crate::picker::model::state::View;
use crate::browser::local_date_time;

/// What a row shows, worked out once.
struct Shown {
    kind: &'static str,
    name: String,
    detail: Option<String>,
    thumb: Option<String>,
    modified: String,
    modified_by: String,
    size: String,
}

/// `elsewhere`: the rows come from many folders (search, recent, shared), so each says where
/// it lives (or who shared it).
fn shown(row: &Row, grid: bool, elsewhere: bool, m: &Messages) -> Shown {
    match row {
        Row::Item(i) => {
            let size = match (i.is_folder(), &i.folder) {
                (true, Some(f)) => f.child_count.map(|n| m.item_count(n)).unwrap_or_default(),
                (true, None) => String::new(),
                (false, _) => i.size().map(|b| m.size(b)).unwrap_or_default(),
            };
            Shown {
                kind: kind_name(i.kind()),
                // Invisible and direction-changing characters written out (`[U+202E]`).
                name: crate::util::visible_name(&i.name),
                // Where a search result lives, or who shared it.
                detail: elsewhere
                    .then(|| i.owner().map(String::from).or_else(|| i.location()))
                    .flatten(),
                thumb: if grid {
                    i.medium_thumbnail_url()
                } else {
                    i.thumbnail_url()
                },
                modified: i
                    .last_modified_date_time
                    .as_deref()
                    .map(|t| local_date_time(t, m.lang))
                    .unwrap_or_default(),
                modified_by: i.modified_by().unwrap_or_default().to_string(),
                size,
            }
        }
        Row::Place { name, kind, .. } => Shown {
            kind: kind.key(),
            name: name.clone(),
            detail: Some(m.place_kind(*kind).to_string()),
            thumb: None,
            modified: String::new(),
            modified_by: String::new(),
            size: String::new(),
        },
    }
}

/// The ids of the parts that describe row `id` (its detail line only when it has one).
fn described_by(id: &str, detail: bool) -> String {
    ["detail", "modified", "by", "size"]
        .iter()
        .filter(|part| **part != "detail" || detail)
        .map(|part| format!("{id}-{part}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The row's thumbnail, or its kind's icon.
fn icon(thumb: Option<String>, kind: &'static str) -> AnyView {
    match thumb {
        Some(url) => view! { <img class="odp-thumb" src=url alt="" loading="lazy"/> }.into_any(),
        None => {
            view! { <span class=format!("odp-icon odp-icon-{kind}") aria-hidden="true"></span> }
                .into_any()
        }
    }
}

/// A row or tile at `index`, positioned by the virtual list.
#[component]
pub fn ItemView(index: usize, row: Arc<Row>, id: String, top: f64, left: String) -> impl IntoView {
    let p = use_picker();
    let m = p.messages;
    let (grid, elsewhere) = p.browser.with_untracked(|b| {
        let elsewhere = matches!(
            b.place(),
            Place::Search { .. } | Place::Recent | Place::Shared
        );
        (b.view == View::Grid, elsewhere)
    });
    let s = shown(&row, grid, elsewhere, m);
    let key = row.key();
    let selectable = p.selectable(&row);
    let container = row.target().is_some();
    let selected = move || p.selection.with(|sel| sel.contains(&key));
    let focused = move || p.browser.with(|b| b.focus == Some(index));
    let title = s.name.clone();
    let detail = s.detail.clone();
    let described = described_by(&id, detail.is_some());
    let icon = icon(s.thumb, s.kind);
    view! {
        // Named by its content, the item's name; the other columns (hidden from the name)
        // describe it.
        <div class="odp-item" role="option" id=id.clone() data-kind=s.kind title=title
            aria-describedby=described
            data-index=index
            // Set through the CSSOM, which a strict `style-src` allows (a style attribute it blocks).
            style:top=format!("{top}px")
            // The start edge: the left, or the right in a right-to-left page.
            style:inset-inline-start=left
            aria-selected=move || selected().to_string()
            aria-disabled=(!selectable && !container).then_some("true")
            class:odp-focused=focused
            on:click=move |e| {
                // The second click of a double-click is the double-click's.
                if e.detail() < 2 { p.click(index); }
            }
            on:dblclick=move |_| p.activate(index)
            // Resting on a folder fetches its first page ahead of its opening.
            on:pointerenter=move |_| if container { p.rest_on(Some(index)) }
            on:pointerleave=move |_| if container { p.rest_on(None) }>
            <span class="odp-check" class:odp-no-check=!selectable aria-hidden="true"></span>
            {icon}
            <span class="odp-name-cell">
                <span class="odp-name">{s.name}</span>
                {detail.map(|d| view! { <span class="odp-detail" id=format!("{id}-detail") aria-hidden="true">{d}</span> })}
            </span>
            <span class="odp-modified" id=format!("{id}-modified") aria-hidden="true">{s.modified}</span>
            <span class="odp-modified-by" id=format!("{id}-by") aria-hidden="true">{s.modified_by}</span>
            <span class="odp-size" id=format!("{id}-size") aria-hidden="true">{s.size}</span>
        </div>
    }
}
