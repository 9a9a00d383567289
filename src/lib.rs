//! onedrive-picker: an embeddable Microsoft 365 file picker.
//!
//! The crate is a Leptos 0.8 client-side-rendered component compiled to WebAssembly: the picker
//! ([`OneDrivePicker`]) signs the user in (PKCE, in a popup) and calls Microsoft Graph from the
//! browser; [`use_microsoft365`] gives a Rust app the same session for its own Graph calls. What
//! a pick hands back is a list of [`PickedItem`]s; what goes wrong arrives as a
//! [`PickerErrorInfo`] (or an [`AuthError`] / [`GraphError`] from the session). The demo page
//! ([`App`]) points the picker at the offline tenant (the emulator).
//!
//! Everything else is the crate's interior (`docs/architecture.md` maps it); the same code also
//! serves the `<onedrive-picker>` element and `OneDrivePicker.open()` of the npm package.

/// Declares a module of the crate's interior: `pub(crate)`, unless the `internals` feature (for
/// the project's fuzz targets and browser tests, never documented) makes it reachable.
macro_rules! interior {
    ($($name:ident),* $(,)?) => {$(
        #[cfg(feature = "internals")]
        #[doc(hidden)]
        pub mod $name;
        #[cfg(not(feature = "internals"))]
        pub(crate) mod $name;
    )*};
}

interior!(auth, browser, embed, graph, http, picker, safe_url, util);

pub use auth::{
    Account, AuthError, ErrorAction, Prompt, ProvidedTokens, TokenFuture, TokenStorage,
};
pub use graph::write::SharingLink;
pub use graph::GraphError;
pub use picker::uploads::uploader::UploadProgress;
pub use picker::{
    use_microsoft365, use_microsoft365_with_options, KindFilter, Microsoft365, Microsoft365Options,
    Mode, OneDrivePicker, PickedItem, PickerErrorInfo,
};

use leptos::prelude::*;

/// Where the demo's offline tenant listens unless the page says otherwise.
pub const DEFAULT_EMULATOR: &str = "http://127.0.0.1:8787";

/// The emulator's built-in demo app registration.
pub const DEMO_CLIENT_ID: &str = "c5b4b6f0-1d2e-4f3a-9b8c-7d6e5f4a3b2c";

/// Mounts the demo page ([`App`]) on the page's body: the demo binary's whole job. `?emulator=URL`
/// points it at another emulator instance on this machine (the default is
/// [`DEFAULT_EMULATOR`]): plain http on a loopback address only, so a link can never send the
/// sign-in elsewhere.
pub fn mount_demo() {
    let emulator = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .and_then(|q| {
            util::parse_params(&q)
                .into_iter()
                .find(|(k, _)| k == "emulator")
                .map(|(_, v)| v)
        })
        // `parse_secure` takes plain http on loopback hosts only.
        .filter(|v| v.starts_with("http://") && safe_url::parse_secure(v).is_ok())
        .unwrap_or_else(|| DEFAULT_EMULATOR.to_string());
    leptos::mount::mount_to_body(move || view! { <App emulator=emulator/> });
}

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
                open_files=true
                browser_history=true
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
