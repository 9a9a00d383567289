//! The browsing screen: navigation pane, toolbar, breadcrumbs, listing (a drop zone for uploads
//! where the page offers them), the uploads panel and the selection tray (the save bar, saving).

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::breadcrumbs::Breadcrumbs;
use super::item_list::ItemList;
use crate::picker::uploads::local_files::{take_drop, walk, Dropped};
use super::nav::NavPane;
use super::preview::DetailsPane;
use super::toolbar::Toolbar;
use super::tray::Tray;
use crate::picker::model::rules::Mode;
use crate::picker::saving::bar::SaveBar;
use crate::picker::uploads::bar::carries_files;
use crate::picker::uploads::panel::UploadPanel;
use crate::picker::uploads::uploader::use_uploader;

/// The picker's main screen (the [`crate::picker::browsing::controller::Picker`] is in context).
#[component]
pub fn Browse() -> impl IntoView {
    let u = use_uploader();
    let p = crate::picker::browsing::controller::use_picker();
    let m = p.messages;
    let saving = p.rules.with_value(|r| r.mode == Mode::Save);
    // Locked to its start: no other source to go to.
    let locked = p.browser.with_untracked(|b| b.is_locked());
    // Counted, because dragenter and dragleave fire for every child crossed.
    let over = RwSignal::new(0i32);
    let accepts =
        move |e: &web_sys::DragEvent| u.upload && u.target().is_some() && carries_files(e);
    let on_drop = move |e: web_sys::DragEvent| {
        over.set(0);
        if !accepts(&e) {
            return;
        }
        e.prevent_default();
        let Some(data) = e.data_transfer() else {
            return;
        };
        match take_drop(&data) {
            Dropped::Files(files) => u.add(files),
            Dropped::Entries(entries) => spawn_local(async move {
                let files = walk(entries).await;
                u.add(files);
            }),
        }
    };
    let dropping = move || over.get() > 0;
    view! {
        <div class="odp-browse">
            {(!locked).then(|| view! { <NavPane/> })}
            <div class="odp-main" class:odp-dropping=dropping
                data-drop-label=m.drop_here
                on:dragenter=move |e: web_sys::DragEvent| {
                    if accepts(&e) {
                        e.prevent_default();
                        over.update(|n| *n += 1);
                    }
                }
                on:dragover=move |e: web_sys::DragEvent| {
                    if accepts(&e) {
                        e.prevent_default();
                    }
                }
                on:dragleave=move |_| over.update(|n| *n = (*n - 1).max(0))
                on:drop=on_drop>
                <Toolbar/>
                <Breadcrumbs/>
                <ItemList/>
            </div>
            <DetailsPane/>
        </div>
        <UploadPanel/>
        {match saving {
            true => view! { <SaveBar/> }.into_any(),
            false => view! { <Tray/> }.into_any(),
        }}
    }
}
