//! The write actions of the toolbar: upload files, upload a folder (its structure kept) and a
//! new folder, with the name checked as it is typed. Shown only where the page offers them and
//! the place shown is a folder.

use leptos::html::Input;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::picker::browsing::controller::use_picker;
use super::local_files::from_list;
use super::uploader::use_uploader;
use crate::graph::write::check_name;

/// Upload buttons and the new-folder form.
#[component]
pub fn UploadBar() -> impl IntoView {
    let p = use_picker();
    let u = use_uploader();
    let m = p.messages;
    let files = NodeRef::<Input>::new();
    let folder = NodeRef::<Input>::new();
    let naming = RwSignal::new(false);
    let new_folder = NodeRef::<leptos::html::Button>::new();
    // The form closes (created, cancelled or Escape): focus goes back to its button.
    let closed = Callback::new(move |_| {
        naming.set(false);
        if let Some(b) = new_folder.get_untracked() {
            let _ = b.focus();
        }
    });
    let shown = move || u.target().is_some() && (u.upload || u.create_folder);
    // The inputs are emptied after each choice, so that choosing the same file again fires.
    let chosen = move |input: NodeRef<Input>| {
        if let Some(el) = input.get_untracked() {
            if let Some(list) = el.files() {
                u.add(from_list(&list));
            }
            el.set_value("");
        }
    };
    let accept = u.limits.with_value(|l| {
        l.extensions
            .iter()
            .map(|e| format!(".{e}"))
            .collect::<Vec<_>>()
            .join(",")
    });
    let open = move |input: NodeRef<Input>| {
        if let Some(el) = input.get_untracked() {
            el.click();
        }
    };
    view! {
        <div class="odp-write" hidden=move || !shown()>
            {u.upload.then(|| view! {
                <input type="file" multiple class="odp-file-input" node_ref=files tabindex="-1"
                    aria-hidden="true" accept=accept on:change=move |_| chosen(files)/>
                <input type="file" multiple class="odp-file-input odp-folder-input" node_ref=folder
                    tabindex="-1" aria-hidden="true" prop:webkitdirectory=true
                    on:change=move |_| chosen(folder)/>
                <button class="odp-upload-files" on:click=move |_| open(files)>{m.upload_files}</button>
                <button class="odp-upload-folder" on:click=move |_| open(folder)>{m.upload_folder}</button>
            })}
            {u.create_folder.then(|| view! {
                <button class="odp-new-folder" node_ref=new_folder aria-expanded=move || naming.get().to_string()
                    on:click=move |_| naming.update(|n| *n = !*n)>{m.new_folder}</button>
            })}
        </div>
        <Show when=move || naming.get() && shown()>
            <NewFolderForm on_done=closed/>
        </Show>
    }
}

/// Focuses `input` once it is mounted.
fn focus_on_mount(input: NodeRef<Input>) {
    Effect::new(move |_| {
        if let Some(el) = input.get() {
            let _ = el.focus();
        }
    });
}

/// The new folder's name, checked against OneDrive's rules as it is typed.
#[component]
fn NewFolderForm(
    /// Called when the form closes (created or cancelled).
    on_done: Callback<()>,
) -> impl IntoView {
    let p = use_picker();
    let u = use_uploader();
    let m = p.messages;
    let name = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let input = NodeRef::<Input>::new();
    focus_on_mount(input);
    let problem = move || {
        name.with(|n| match n.is_empty() {
            true => None,
            false => check_name(n).err().map(|e| m.name_problem(&e)),
        })
    };
    let submit = move |e: leptos::ev::SubmitEvent| {
        e.prevent_default();
        let n = name.get_untracked();
        if let Err(e) = check_name(&n) {
            return error.set(Some(m.name_problem(&e)));
        }
        busy.set(true);
        spawn_local(async move {
            let result = u.create_folder(n).await;
            busy.try_set(false);
            match result {
                Ok(()) => on_done.run(()),
                Err(e) => _ = error.try_set(Some(m.graph_error(&e))),
            }
        });
    };
    let message = move || error.get().or_else(problem);
    view! {
        <form class="odp-new-folder-form" on:submit=submit
            on:keydown=move |e: leptos::ev::KeyboardEvent| {
                if e.key() == "Escape" { e.prevent_default(); on_done.run(()); }
            }>
            <label class="odp-field">
                <span>{m.folder_name}</span>
                <input class="odp-folder-name" node_ref=input prop:value=name maxlength="255"
                    aria-invalid=move || message().is_some().to_string()
                    aria-describedby="odp-folder-name-error"
                    on:input=move |e| {
                        error.set(None);
                        name.set(event_target_value(&e));
                    }/>
            </label>
            <button type="submit" class="odp-primary odp-create-folder"
                disabled=move || busy.get() || problem().is_some()>{m.create}</button>
            <button type="button" class="odp-cancel-folder" on:click=move |_| on_done.run(())>{m.upload_cancel}</button>
            <p id="odp-folder-name-error" class="odp-field-error" role="alert">{message}</p>
        </form>
    }
}

/// Whether a drag carries files (not text or a link).
pub fn carries_files(e: &web_sys::DragEvent) -> bool {
    e.data_transfer().is_some_and(|d| {
        d.types()
            .iter()
            .any(|t| t.as_string().as_deref() == Some("Files"))
    })
}
