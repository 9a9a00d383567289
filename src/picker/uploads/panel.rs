//! The uploads panel: overall and per-file progress, each file's outcome (refused files with
//! the reason), cancel and retry, the name-conflict question (Replace, Keep both, Skip, for
//! all), and the request for a missing write permission.

use leptos::prelude::*;

use crate::picker::browsing::controller::use_picker;
use super::uploader::use_uploader;
use super::queue::{Choice, Entry, Queue, Status};

/// The panel; empty while nothing was uploaded.
#[component]
pub fn UploadPanel() -> impl IntoView {
    let p = use_picker();
    let u = use_uploader();
    let m = p.messages;
    let summary = move || {
        u.queue.with(|q| {
            let counted = q.entries.iter().filter(|e| {
                !matches!(
                    e.status,
                    Status::Refused(_) | Status::Skipped | Status::Cancelled
                )
            });
            let all = counted.clone().count();
            let done = counted
                .filter(|e| matches!(e.status, Status::Done(_)))
                .count();
            match q.idle() {
                true => m.uploaded(done),
                false => m.uploading((done + 1).min(all), all),
            }
        })
    };
    let overall = move || u.queue.with(Queue::progress);
    view! {
        <Show when=move || u.queue.with(|q| !q.entries.is_empty())>
            <section class="odp-uploads" aria-label=m.uploads>
                <div class="odp-uploads-head">
                    <span class="odp-uploads-summary" role="status">{summary}</span>
                    <progress class="odp-uploads-progress" aria-label=m.uploads
                        max=move || overall().1.max(1) as f64 value=move || overall().0 as f64/>
                    <Show when=move || !u.queue.with(Queue::idle)
                        fallback=move || view! {
                            <button class="odp-link odp-uploads-close"
                                on:click=move |_| u.queue.update(Queue::clear_finished)>{m.close}</button>
                        }>
                        <button class="odp-link odp-uploads-cancel-all" on:click=move |_| u.cancel_all()>{m.cancel_all}</button>
                    </Show>
                </div>
                {move || u.needs.get().map(|_| view! {
                    <div class="odp-uploads-consent" role="alert">
                        <p>{m.needs_scope}</p>
                        <button class="odp-primary odp-allow-upload" on:click=move |_| u.allow()>{m.allow}</button>
                    </div>
                })}
                <ConflictQuestion/>
                <ul class="odp-upload-list">
                    <For each=move || u.queue.with(|q| q.entries.iter().map(|e| e.id).collect::<Vec<_>>())
                        key=|id| *id let:id>
                        <UploadRow id=id/>
                    </For>
                </ul>
            </section>
        </Show>
    }
}

/// One file: its path, a progress bar while sent, its outcome, and what can be done.
#[component]
fn UploadRow(
    /// The file's id in the queue.
    id: u32,
) -> impl IntoView {
    let p = use_picker();
    let u = use_uploader();
    let m = p.messages;
    let entry = Memo::new(move |_| u.queue.with(|q| q.get(id).cloned()));
    let state = move || {
        entry.get().map(|e: Entry| {
            let size = m.size(e.file.size);
            let (key, text) = match &e.status {
                Status::Waiting => ("waiting", m.state_waiting.to_string()),
                Status::Sending(n) => (
                    "sending",
                    format!("{} / {size}", m.size(*n)),
                ),
                Status::Done(_) => ("done", m.state_done.to_string()),
                Status::Skipped => ("skipped", m.state_skipped.to_string()),
                Status::Cancelled => ("cancelled", m.state_cancelled.to_string()),
                Status::Conflict => ("conflict", m.state_conflict.to_string()),
                Status::Failed(g) => ("failed", m.graph_error(g)),
                Status::Refused(r) => ("refused", m.refused(r)),
            };
            (e, key, text)
        })
    };
    move || {
        state().map(|(e, key, text)| {
            let sending = match e.status {
                Status::Sending(n) => Some(n),
                _ => None,
            };
            let path = crate::util::visible_name(&e.file.path.join("/"));
            let can_cancel = matches!(e.status, Status::Waiting | Status::Sending(_) | Status::Conflict);
            let can_retry = matches!(e.status, Status::Failed(_) | Status::Cancelled);
            view! {
                <li class="odp-upload" data-state=key>
                    <span class="odp-upload-name" title=path.clone()>{path.clone()}</span>
                    {sending.map(|n| view! {
                        <progress class="odp-upload-progress" aria-label=path.clone()
                            max=e.file.size.max(1) as f64 value=n as f64/>
                    })}
                    <span class="odp-upload-state" role=(key == "failed" || key == "refused").then_some("alert")>{text}</span>
                    {can_cancel.then(|| view! {
                        <button class="odp-link odp-upload-cancel" aria-label=format!("{} {path}", m.upload_cancel)
                            on:click=move |_| u.cancel(id)>{m.upload_cancel}</button>
                    })}
                    {can_retry.then(|| view! {
                        <button class="odp-link odp-upload-retry" on:click=move |_| u.retry(id)>{m.retry}</button>
                    })}
                </li>
            }
        })
    }
}

/// The first name conflict, asked about with focus on the safe answer (Keep both).
#[component]
fn ConflictQuestion() -> impl IntoView {
    let p = use_picker();
    let u = use_uploader();
    let m = p.messages;
    let all = RwSignal::new(false);
    let conflict = Memo::new(move |_| {
        u.queue
            .with(|q| q.conflict().map(|e| (e.id, e.file.name().to_string())))
    });
    let keep = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        if conflict.get().is_some() {
            if let Some(b) = keep.get() {
                let _ = b.focus();
            }
        }
    });
    move || {
        conflict.get().map(|(id, name)| {
            let answer = move |c: Choice| u.resolve(id, c, all.get_untracked());
            view! {
                <div class="odp-conflict" role="alertdialog" aria-labelledby="odp-conflict-text">
                    <p id="odp-conflict-text">{m.conflict(&crate::util::visible_name(&name))}</p>
                    <div class="odp-conflict-choices">
                        <button class="odp-conflict-replace" on:click=move |_| answer(Choice::Replace)>{m.choice_replace}</button>
                        <button class="odp-primary odp-conflict-keep" node_ref=keep on:click=move |_| answer(Choice::KeepBoth)>{m.choice_keep_both}</button>
                        <button class="odp-conflict-skip" on:click=move |_| answer(Choice::Skip)>{m.choice_skip}</button>
                    </div>
                    <label class="odp-conflict-all">
                        <input type="checkbox" prop:checked=all on:change=move |e| all.set(event_target_checked(&e))/>
                        {m.for_all}
                    </label>
                </div>
            }
        })
    }
}
