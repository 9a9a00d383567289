//! The breadcrumb trail and the up button.

use leptos::prelude::*;

use crate::picker::browsing::controller::use_picker;
use crate::picker::model::state::CrumbName;

/// Where the listing is, each step a button back to it.
#[component]
pub fn Breadcrumbs() -> impl IntoView {
    let p = use_picker();
    let m = p.messages;
    // The crumbs are drawn again when the trail changes, not on every page of rows.
    let trail = Memo::new(move |_| p.browser.with(|b| b.trail.clone()));
    // Locked to its start, nothing above the start is shown.
    let floor = p.browser.with_untracked(|b| b.floor());
    view! {
        <nav class="odp-breadcrumbs" aria-label=m.path>
            <button class="odp-up odp-icon-button" title=m.up aria-label=m.up
                disabled=move || trail.with(|t| t.len() < floor + 2)
                on:click=move |_| { p.navigate(|b| b.up()); p.focus_list(); }>"↑"</button>
            <ol>
                {move || {
                    let trail = trail.get();
                    let last = trail.len().saturating_sub(1);
                    trail.into_iter().enumerate().skip(floor).map(|(i, c)| {
                        let current = i == last;
                        let name = match c.name {
                            CrumbName::Source(s) => m.source(s).to_string(),
                            CrumbName::Text(t) => crate::util::visible_name(&t),
                            CrumbName::Search(q) => m.results_for(&q),
                            CrumbName::Kind(k) => m.place_kind(k).to_string(),
                        };
                        view! {
                            <li>
                                <button class="odp-crumb" aria-current=current.then_some("page") disabled=current
                                    on:click=move |_| { p.navigate(|b| b.go_to(i)); p.focus_list(); }>{name}</button>
                            </li>
                        }
                    }).collect_view()
                }}
            </ol>
        </nav>
    }
}
