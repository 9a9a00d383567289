//! The save bar, in the tray's place in save mode: the file name, a taken name's choice
//! (replace, keep both), what goes on, Cancel and Save.

use leptos::prelude::*;

use super::saver::{use_saver, SaveState};
use crate::graph::write::Conflict;
use crate::picker::browsing::controller::use_picker;

/// File name, Save and Cancel.
#[component]
pub fn SaveBar() -> impl IntoView {
    let p = use_picker();
    let s = use_saver();
    let m = p.messages;
    let busy = move || matches!(s.state.get(), SaveState::Checking | SaveState::Saving);
    let failed = move || match s.state.get() {
        SaveState::Failed(why) => Some(why),
        _ => None,
    };
    // What goes on, or why Save waits: the place shown is no folder (Recent, the sites…).
    let status = move || match (s.state.get(), s.folder()) {
        (SaveState::Saving, _) => Some(m.saving),
        (_, None) => Some(m.save_where),
        _ => None,
    };
    let submit = move |e: leptos::ev::SubmitEvent| {
        e.prevent_default();
        s.save(None);
    };
    view! {
        <form class="odp-tray odp-save" aria-label=m.save_as on:submit=submit>
            <label class="odp-field odp-save-name">
                <span>{m.file_name}</span>
                <input class="odp-file-name" prop:value=s.name maxlength="255"
                    aria-invalid=move || failed().is_some().to_string()
                    aria-describedby="odp-save-error"
                    on:input=move |e| {
                        s.state.set(SaveState::Idle);
                        s.name.set(event_target_value(&e));
                    }/>
            </label>
            <p id="odp-save-error" class="odp-field-error" role="alert">{failed}</p>
            <Taken/>
            <p class="odp-notice" role="status" aria-live="polite">{status}</p>
            <div class="odp-actions">
                <button type="button" class="odp-cancel" on:click=move |_| p.cancel()>{m.cancel}</button>
                <button type="submit" class="odp-primary odp-confirm"
                    disabled=move || busy() || s.name.with(|n| n.trim().is_empty()) || s.folder().is_none()>
                    {m.save}
                </button>
            </div>
        </form>
    }
}

/// A taken name: "“Report.docx” already exists here." with Replace and Keep both.
#[component]
fn Taken() -> impl IntoView {
    let p = use_picker();
    let s = use_saver();
    let m = p.messages;
    move || match s.state.get() {
        SaveState::Taken(name) => Some(view! {
            <div class="odp-save-taken" role="alert">
                <p>{m.conflict(&name)}</p>
                <button type="button" class="odp-secondary"
                    on:click=move |_| s.save(Some(Conflict::Replace))>{m.choice_replace}</button>
                <button type="button" class="odp-secondary"
                    on:click=move |_| s.save(Some(Conflict::Rename))>{m.choice_keep_both}</button>
            </div>
        }),
        _ => None,
    }
}
