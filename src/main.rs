//! Demo entry point: mounts [`onedrive_picker::App`] on the page body (see
//! [`onedrive_picker::mount_demo`] for its `?emulator=` parameter).

fn main() {
    console_error_panic_hook::set_once();
    onedrive_picker::mount_demo();
}
