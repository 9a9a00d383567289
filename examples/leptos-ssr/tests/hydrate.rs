//! Hydration (in a browser, `hydrate`): the page the server renders (`tests/server.html`, which
//! `tests/ssr.rs` checks is the server's) is adopted as it is — the same nodes, nothing added —
//! and once mounted the picker takes its placeholder's place and works: its sign-in screen.
//!
//! `cargo test -p onedrive-picker-leptos-ssr --target wasm32-unknown-unknown --features hydrate`
#![cfg(all(target_arch = "wasm32", feature = "hydrate"))]

use onedrive_picker_leptos_ssr::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const SERVER_HTML: &str = include_str!("server.html");

/// Waits (up to two seconds) for `check` to hold.
async fn until(check: impl Fn() -> bool) -> bool {
    for _ in 0..200 {
        if check() {
            return true;
        }
        sleep(10).await;
    }
    check()
}

/// A timer's wait, in milliseconds.
async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

#[wasm_bindgen_test]
async fn the_server_placeholder_is_hydrated_then_the_picker_takes_its_place() {
    let document = web_sys::window().unwrap().document().unwrap();
    let host = document.create_element("div").unwrap();
    host.set_inner_html(SERVER_HTML);
    document.body().unwrap().append_child(&host).unwrap();
    let main = host.first_element_child().unwrap();
    let server_section = main.query_selector("section").unwrap().unwrap();
    let server_text = server_section.query_selector("p").unwrap().unwrap();

    let handle = leptos::mount::hydrate_from(host.clone().unchecked_into(), App);

    // Hydration adopted the server's nodes: the same elements, nothing added or rebuilt.
    assert_eq!(host.child_element_count(), 1);
    assert!(host.first_element_child().unwrap() == main);
    assert!(main.query_selector("section").unwrap().unwrap() == server_section);
    assert!(server_section.query_selector("p").unwrap().unwrap() == server_text);
    assert_eq!(
        server_section.get_attribute("aria-busy").as_deref(),
        Some("true")
    );

    // Mounted, the picker replaces the placeholder: its sign-in screen.
    let signed_out = until(|| {
        host.query_selector("section[data-phase=signed-out] button")
            .ok()
            .flatten()
            .and_then(|b| b.text_content())
            .is_some_and(|t| t == "Sign in with Microsoft")
    })
    .await;
    assert!(
        signed_out,
        "the picker did not replace the placeholder: {}",
        host.inner_html()
    );
    assert!(host.first_element_child().unwrap() == main);
    assert_eq!(main.query_selector_all("section").unwrap().length(), 1);
    let section = main.query_selector("section").unwrap().unwrap();
    assert!(section != server_section && section.get_attribute("aria-busy").is_none());
    drop(handle);
    host.remove();
}
