//! The selection tray: what is chosen (from any folder or source), each removable, and the
//! buttons that end the pick.

use leptos::prelude::*;

use crate::picker::browsing::controller::use_picker;

/// Chosen items, "Select" and "Cancel".
#[component]
pub fn Tray() -> impl IntoView {
    let p = use_picker();
    let m = p.messages;
    let count = move || p.selection.with(|s| s.len());
    let limit = p.rules.with_value(|r| r.limit());
    view! {
        <section class="odp-tray" aria-label=m.selected>
            <p class="odp-notice" role="status" aria-live="polite">{move || p.notice.get()}</p>
            <ul class="odp-chosen">
                {move || p.selection.with(|s| s.items().to_vec()).into_iter().map(|item| {
                    let key = item.key();
                    let name = crate::util::visible_name(&item.name);
                    let label = format!("{} {}", m.remove, name);
                    view! {
                        <li class="odp-chip" data-key=item.key()>
                            <span class="odp-chip-name" title=name.clone()>{name.clone()}</span>
                            <button class="odp-unselect odp-icon-button" aria-label=label title=m.remove
                                on:click=move |_| {
                                    p.selection.update(|s| s.remove(&key));
                                    p.notice.set(None);
                                    p.focus_list();
                                }>"×"</button>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <div class="odp-actions">
                <span class="odp-count">
                    {move || match limit {
                        usize::MAX => format!("{} {}", count(), m.selected.to_lowercase()),
                        l => format!("{} / {l}", count()),
                    }}
                </span>
                <button class="odp-cancel" on:click=move |_| p.cancel()>{m.cancel}</button>
                <button class="odp-primary odp-confirm"
                    disabled=move || count() == 0 || p.picking.get()
                    on:click=move |_| p.confirm()>{m.select}</button>
            </div>
        </section>
    }
}
