//! onedrive-picker: an embeddable Microsoft 365 file picker.
//!
//! The crate is a Leptos 0.8 client-side-rendered component compiled to WebAssembly.
//! Sign-in and the picker screens arrive with later capabilities; today it renders the
//! demo shell that points at the offline tenant (the emulator).

use leptos::prelude::*;

/// The demo application shell.
#[component]
pub fn App() -> impl IntoView {
    view! {
        <main class="odp-shell">
            <h1>"OneDrive picker"</h1>
            <p class="odp-status">"Offline Microsoft 365 tenant: see the emulator."</p>
        </main>
    }
}
