//! The browsing screen: navigation pane, toolbar, breadcrumbs, listing and selection tray.

use leptos::prelude::*;

use super::breadcrumbs::Breadcrumbs;
use super::item_list::ItemList;
use super::nav::NavPane;
use super::preview::DetailsPane;
use super::toolbar::Toolbar;
use super::tray::Tray;

/// The picker's main screen (the [`super::controller::Picker`] is in context).
#[component]
pub fn Browse() -> impl IntoView {
    view! {
        <div class="odp-browse">
            <NavPane/>
            <div class="odp-main">
                <Toolbar/>
                <Breadcrumbs/>
                <ItemList/>
            </div>
            <DetailsPane/>
        </div>
        <Tray/>
    }
}
