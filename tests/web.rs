//! Browser tests of the components (wasm-bindgen-test in headless Chromium).
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn container() -> web_sys::HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let div = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&div).unwrap();
    div.unchecked_into()
}

use wasm_bindgen::JsCast;

#[wasm_bindgen_test]
fn shell_shows_the_configured_tenant() {
    let root = container();
    let _handle = leptos::mount::mount_to(root.clone(), || {
        view! { <onedrive_picker::App emulator="http://127.0.0.1:9999"/> }
    });
    let authority = root.query_selector(".odp-authority").unwrap().unwrap();
    assert_eq!(
        authority.text_content().unwrap(),
        "http://127.0.0.1:9999/common"
    );
    let graph = root.query_selector(".odp-graph").unwrap().unwrap();
    assert_eq!(graph.text_content().unwrap(), "http://127.0.0.1:9999/v1.0");
}
