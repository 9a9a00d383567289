//! The navigation pane: the sources the page offers and the account has.

use leptos::prelude::*;

use crate::picker::browsing::controller::use_picker;

/// The sources, as a list of buttons (a strip on phones).
#[component]
pub fn NavPane() -> impl IntoView {
    let p = use_picker();
    let m = p.messages;
    // Only the account kind changes the list (not every page of rows that arrives).
    let personal = Memo::new(move |_| p.browser.with(|b| b.personal));
    let sources = move || {
        let personal = personal.get();
        p.sources
            .get_value()
            .into_iter()
            .filter(move |s| s.available(personal))
    };
    view! {
        <nav class="odp-nav" aria-label=m.sources>
            <ul>
                {move || sources().map(|s| {
                    let current = move || p.browser.with(|b| b.source == s && b.trail.len() == 1 && !b.searching());
                    view! {
                        <li>
                            <button class="odp-source" data-source=s.key()
                                aria-current=move || current().then_some("page")
                                on:click=move |_| { p.open_source(s); p.focus_list(); }>
                                <span class=format!("odp-icon odp-icon-{}", s.key()) aria-hidden="true"></span>
                                {m.source(s)}
                            </button>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </nav>
    }
}
