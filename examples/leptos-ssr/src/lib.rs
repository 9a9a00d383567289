//! A server-rendered Leptos app with the picker. The server's build (`ssr`) renders [`App`]; the
//! browser's build (`hydrate`) hydrates it with [`hydrate`]. On the server the picker renders a
//! placeholder of its frame; in the browser it takes the placeholder's place once hydrated.

use leptos::prelude::*;
use onedrive_picker::{OneDrivePicker, PickedItem};

/// The page: the picker, and the names of the files picked.
#[component]
pub fn App() -> impl IntoView {
    let picked = RwSignal::new(Vec::<PickedItem>::new());
    let names = move || {
        picked.with(|items| {
            let names: Vec<&str> = items.iter().map(|item| item.name.as_str()).collect();
            names.join(", ")
        })
    };
    view! {
        <main>
            <h1>"Documents"</h1>
            <OneDrivePicker
                client_id="c5b4b6f0-1d2e-4f3a-9b8c-7d6e5f4a3b2c"
                authority="https://login.microsoftonline.com/organizations"
                multiple=true
                on_pick=move |items| picked.set(items)
            />
            <p aria-live="polite">{names}</p>
        </main>
    }
}

/// The browser's entry point: hydrates the page the server rendered.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    leptos::mount::hydrate_body(App);
}
