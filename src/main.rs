//! Demo entry point: mounts [`onedrive_picker::App`] on the page body.

use leptos::prelude::*;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(|| view! { <onedrive_picker::App/> });
}
