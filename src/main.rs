//! Demo entry point: mounts [`onedrive_picker::App`] on the page body.

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(onedrive_picker::App);
}
