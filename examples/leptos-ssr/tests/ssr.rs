//! Server rendering (natively, `ssr`): the app renders, touching nothing of a browser, with the
//! picker's placeholder in its place. What it renders is `tests/server.html`, which the browser
//! test `tests/hydrate.rs` hydrates; `ODP_BLESS=1` rewrites the file after a deliberate change.
//!
//! `cargo test -p onedrive-picker-leptos-ssr --features ssr`
#![cfg(all(feature = "ssr", not(target_arch = "wasm32")))]

use leptos::prelude::*;
use onedrive_picker::OneDrivePicker;
use onedrive_picker_leptos_ssr::App;

const FIXTURE: &str = "tests/server.html";

fn render<V: IntoView + 'static>(app: impl FnOnce() -> V) -> String {
    let owner = Owner::new();
    owner.set();
    app().to_html()
}

#[test]
fn the_server_renders_the_picker_as_a_placeholder_of_its_frame() {
    let html = render(App);
    for part in [
        "<h1>Documents</h1>",
        r#"<section lang="en" data-theme="auto" aria-label="Microsoft 365 file picker""#,
        r#"data-phase="server" aria-busy="true" class="odp-picker""#,
        r#"<div role="status" class="odp-signin"><p class="odp-waiting">Loading…</p></div>"#,
    ] {
        assert!(html.contains(part), "{part} is not in {html}");
    }
    // Nothing of the picker proper, nor of a sign-in, is on the server.
    assert!(
        !html.contains("<button") && !html.contains("login.microsoftonline.com"),
        "{html}"
    );
}

#[test]
fn the_placeholder_is_in_the_pages_language_and_theme() {
    let html = render(
        || view! { <OneDrivePicker client_id="c5b4b6f0-1d2e-4f3a-9b8c-7d6e5f4a3b2c" locale="de-AT" theme="dark"/> },
    );
    for part in [
        r#"lang="de" data-theme="dark" aria-label="Microsoft 365-Dateiauswahl""#,
        "Wird geladen …",
    ] {
        assert!(html.contains(part), "{part} is not in {html}");
    }
}

#[test]
fn what_the_server_renders_is_the_fixture_the_browser_hydrates() {
    let html = render(App);
    let path = format!("{}/{FIXTURE}", env!("CARGO_MANIFEST_DIR"));
    if std::env::var_os("ODP_BLESS").is_some() {
        std::fs::write(&path, &html).unwrap();
    }
    let fixture = std::fs::read_to_string(&path).unwrap_or_default();
    assert_eq!(
        html, fixture,
        "the server's markup changed: rerun with ODP_BLESS=1 and the browser's hydration test"
    );
}
