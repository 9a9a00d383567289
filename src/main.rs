//! Demo entry point: mounts [`onedrive_picker::App`] on the page body. `?emulator=URL` points the
//! demo at another emulator instance on this machine (the default is `http://127.0.0.1:8787`):
//! plain http on a loopback address only, so a link can never send the sign-in elsewhere.

use leptos::prelude::*;

fn main() {
    console_error_panic_hook::set_once();
    let emulator = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .and_then(|q| {
            onedrive_picker::util::parse_params(&q)
                .into_iter()
                .find(|(k, _)| k == "emulator")
                .map(|(_, v)| v)
        })
        // `parse_secure` takes plain http on loopback hosts only.
        .filter(|v| v.starts_with("http://") && onedrive_picker::safe_url::parse_secure(v).is_ok())
        .unwrap_or_else(|| onedrive_picker::DEFAULT_EMULATOR.to_string());
    leptos::mount::mount_to_body(move || view! { <onedrive_picker::App emulator=emulator/> });
}
