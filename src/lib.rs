//! onedrive-picker: an embeddable Microsoft 365 file picker.
//!
//! The crate is a Leptos 0.8 client-side-rendered component compiled to WebAssembly. Sign-in and
//! the picker screens arrive with the next capability; today it renders the demo shell, which
//! points at the offline tenant (the emulator) the demo runs against.

pub mod auth;
pub mod graph;
pub mod http;
pub mod util;

use leptos::prelude::*;

/// Where the demo's offline tenant listens unless the page says otherwise.
pub const DEFAULT_EMULATOR: &str = "http://127.0.0.1:8787";

/// The demo shell.
///
/// `emulator` is the base URL of the offline tenant shown to the user.
#[component]
pub fn App(
    /// Base URL of the offline Microsoft 365 tenant.
    #[prop(into, default = DEFAULT_EMULATOR.to_string())]
    emulator: String,
) -> impl IntoView {
    let authority = format!("{emulator}/common");
    let graph = format!("{emulator}/v1.0");
    view! {
        <main class="odp-shell">
            <h1>"OneDrive picker"</h1>
            <p class="odp-status">"Offline Microsoft 365 tenant (emulator):"</p>
            <ul>
                <li>"Authority: " <code class="odp-authority">{authority}</code></li>
                <li>"Graph: " <code class="odp-graph">{graph}</code></li>
            </ul>
        </main>
    }
}
