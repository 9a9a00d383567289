//! onedrive-picker: an embeddable Microsoft 365 file picker.
//!
//! The crate is a Leptos 0.8 client-side-rendered component compiled to WebAssembly: PKCE sign-in
//! in a popup ([`auth`]), Microsoft Graph from the browser ([`graph`]), the picker
//! ([`picker::OneDrivePicker`]) and its plain-JavaScript embedding ([`embed`]). The demo page
//! ([`App`]) points it at the offline tenant (the emulator).

pub mod auth;
pub mod browser;
pub mod embed;
pub mod graph;
pub mod http;
pub mod picker;
pub mod safe_url;
pub mod util;

use leptos::prelude::*;

/// Where the demo's offline tenant listens unless the page says otherwise.
pub const DEFAULT_EMULATOR: &str = "http://127.0.0.1:8787";

/// The emulator's built-in demo app registration.
pub const DEMO_CLIENT_ID: &str = "c5b4b6f0-1d2e-4f3a-9b8c-7d6e5f4a3b2c";

pub use picker::{OneDrivePicker, PickedItem};

/// The demo page: the picker wired to the offline tenant, and what was picked.
#[component]
pub fn App(
    /// Base URL of the offline Microsoft 365 tenant.
    #[prop(into, default = DEFAULT_EMULATOR.to_string())]
    emulator: String,
) -> impl IntoView {
    let authority = format!("{emulator}/common");
    let graph = format!("{emulator}/v1.0");
    let picked = RwSignal::new(Vec::<PickedItem>::new());
    let on_pick = move |items: Vec<PickedItem>| picked.set(items);
    view! {
        <main class="odp-shell">
            <h1>"OneDrive picker"</h1>
            <p class="odp-status">"Offline Microsoft 365 tenant (emulator):"</p>
            <ul>
                <li>"Authority: " <code class="odp-authority">{authority.clone()}</code></li>
                <li>"Graph: " <code class="odp-graph">{graph.clone()}</code></li>
            </ul>
            <p class="odp-ways">
                "This page embeds the Leptos component. The same code as a custom element and as "
                <code>"OneDrivePicker.open()"</code> ", on a plain page you can copy: "
                <a class="odp-example-link" href=format!("package/example.html?emulator={}", crate::util::encode_query(&emulator))>
                    "the example portal page"
                </a> "."
            </p>
            <OneDrivePicker
                client_id=DEMO_CLIENT_ID
                authority=authority
                graph_base=graph
                scopes="User.Read Files.ReadWrite.All Sites.Read.All"
                multiple=true
                upload=true
                create_folder=true
                on_pick=on_pick
            />
            <p class="odp-picked" aria-live="polite">
                {move || picked.with(|p| (!p.is_empty()).then(|| {
                    let names: Vec<&str> = p.iter().map(|i| i.name.as_str()).collect();
                    format!("Picked: {}", names.join(", "))
                }))}
            </p>
        </main>
    }
}
