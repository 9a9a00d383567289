//! The details pane: the focused file's facts, the ways to open it (Office for the web to view
//! or edit, the desktop app, or its link), and a preview — Graph's embeddable preview where it
//! offers one (work and school drives), the large thumbnail for images.

use std::time::Duration;

use leptos::leptos_dom::helpers::set_timeout;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::picker::browsing::controller::{use_picker, Picker};
use crate::picker::model::format::kind_name;
use crate::picker::model::listing::Row;
use crate::picker::model::open::{links, Preview};
use crate::picker::model::result::PickedItem;
use crate::browser::local_date_time;
use crate::graph::model::{LargeThumbnail, PreviewInfo};
use crate::graph::request::{large_thumbnail_url, preview_url};
use crate::graph::{DriveItem, ItemKind, Page};
use crate::safe_url::openable;

/// How long the focus must rest on a file before its preview is fetched.
const SETTLE_MS: u64 = 250;

/// The pane beside the listing (below it on phones), shown when the details button is on.
#[component]
pub fn DetailsPane() -> impl IntoView {
    let p = use_picker();
    let m = p.messages;
    let focused = Memo::new(move |_| {
        p.browser.with(|b| {
            b.focus
                .and_then(|i| b.listing.rows.get(i))
                .and_then(|r| match &**r {
                    Row::Item(item) if !item.is_folder() => Some(item.clone()),
                    _ => None,
                })
        })
    });
    let preview = RwSignal::new(Preview::None);
    // Each focus change gets a number: only the latest, after a pause, fetches.
    let asked = StoredValue::new(0u64);
    Effect::new(move |_| {
        let item = focused.get();
        let n = asked.get_value() + 1;
        asked.set_value(n);
        preview.set(Preview::None);
        let Some(item) = item.filter(|_| p.details.get()) else {
            return;
        };
        preview.set(Preview::Loading);
        set_timeout(
            move || {
                if asked.try_get_value() != Some(n) {
                    return;
                }
                spawn_local(async move {
                    let shown = fetch_preview(p, &item).await;
                    if asked.try_get_value() == Some(n) {
                        preview.try_set(shown);
                    }
                });
            },
            Duration::from_millis(SETTLE_MS),
        );
    });
    view! {
        <aside class="odp-details" aria-label=m.details hidden=move || !p.details.get()>
            {move || match focused.get() {
                None => view! { <p class="odp-details-empty">{m.details_hint}</p> }.into_any(),
                Some(item) => details(&item, preview).into_any(),
            }}
        </aside>
    }
}

fn details(item: &DriveItem, preview: RwSignal<Preview>) -> impl IntoView {
    let m = use_picker().messages;
    let open = links(item);
    // Without Office for the web's view and edit, the file opens by its link.
    let plain = open.web.clone().filter(|_| open.view.is_none());
    let kind = kind_name(item.kind());
    let facts = [
        (
            m.sort_key(crate::picker::model::sort::SortKey::Size),
            item.size().map(|b| m.size(b)),
        ),
        (
            m.sort_key(crate::picker::model::sort::SortKey::Modified),
            item.last_modified_date_time
                .as_deref()
                .map(|t| local_date_time(t, m.lang)),
        ),
        (m.modified_by, item.modified_by().map(String::from)),
        (m.location, item.location()),
    ];
    let link = |class: &'static str, label: String, url: String| {
        view! { <a class=format!("odp-open {class}") href=url target="_blank" rel="noopener noreferrer">{label}</a> }
    };
    view! {
        <h2 class="odp-details-name" data-kind=kind>{crate::util::visible_name(&item.name)}</h2>
        <div class="odp-preview" aria-busy=move || (preview.get() == Preview::Loading).to_string()>
            {move || match preview.get() {
                Preview::Frame(url) => {
                    let sandbox = crate::picker::model::open::frame_sandbox(&url, &crate::browser::origin());
                    view! {
                        <iframe class="odp-preview-frame" src=url title=m.preview
                            sandbox=sandbox referrerpolicy="no-referrer"></iframe>
                    }.into_any()
                }
                Preview::Image(url) => view! { <img class="odp-preview-image" src=url alt=""/> }.into_any(),
                Preview::Loading => view! { <p class="odp-loading odp-skeleton">{m.loading}</p> }.into_any(),
                Preview::None => ().into_any(),
            }}
        </div>
        <dl class="odp-facts">
            {facts.into_iter().filter_map(|(k, v)| v.map(|v| view! { <dt>{k}</dt><dd>{v}</dd> })).collect_view()}
        </dl>
        <div class="odp-open-links">
            {open.view.map(|u| link("odp-open-view", m.open_view.to_string(), u))}
            {open.edit.map(|u| link("odp-open-edit", m.open_edit.to_string(), u))}
            {open.desktop.map(|(app, u)| link("odp-open-desktop", m.open_desktop(app.name()), u))}
            {plain.map(|u| link("odp-open-web", m.open.to_string(), u))}
        </div>
    }
}

/// The preview of a file: its large thumbnail if it is an image; Graph's embeddable
/// preview on work and school drives (personal drives have none); otherwise nothing.
async fn fetch_preview(p: Picker, item: &DriveItem) -> Preview {
    let picked = PickedItem::from(item);
    let (drive, id) = (picked.drive_id.as_deref(), picked.id.as_str());
    let graph = p.graph();
    let base = graph.base();
    let shown = if item.kind() == ItemKind::Image {
        let url = large_thumbnail_url(base, drive, id);
        graph
            .get_json::<Page<LargeThumbnail>>(&url)
            .await
            .ok()
            .and_then(|p| p.value.into_iter().next()?.large?.url)
            .and_then(|u| openable(&u.whole()))
            .map(Preview::Image)
    } else if p.browser.with_untracked(|b| b.personal) {
        None
    } else {
        let url = preview_url(base, drive, id);
        graph
            .post_json::<PreviewInfo>(&url, "{}")
            .await
            .ok()
            .and_then(|p| p.get_url)
            .and_then(|u| openable(&u))
            .map(Preview::Frame)
    };
    shown.unwrap_or(Preview::None)
}
