//! The host's bridge in a real browser (wasm-bindgen-test in headless Chromium), against bridges
//! made in the page: the host's hook is awaited, and bounded; a reply is matched by its request id,
//! as a string or as `{ data }`; a host that never answers ends in `HostTimeout` within the bound,
//! and the call lets go of its listener.
#![cfg(target_arch = "wasm32")]

use onedrive_picker::auth::nested::bridge;
use onedrive_picker::auth::nested::codec::{request, Method};
use onedrive_picker::AuthError;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A bridge in the page: `answer(message, listeners)` runs for each message posted.
fn install(answer: &str) {
    js_sys::eval(&format!(
        "delete window.__initializeNestedAppAuth;
         window.__listeners = new Set();
         window.nestedAppAuthBridge = {{
           postMessage(m) {{ ({answer})(m, [...window.__listeners]); }},
           addEventListener(t, l) {{ if (t === 'message') window.__listeners.add(l); }},
           removeEventListener(t, l) {{ window.__listeners.delete(l); }},
         }};"
    ))
    .unwrap();
}

fn listeners() -> f64 {
    js_sys::eval("window.__listeners.size")
        .unwrap()
        .as_f64()
        .unwrap()
}

async fn a_host_that_never_answers_times_out_within_the_bound_and_the_listener_goes() {
    install("() => {}");
    let b = bridge::find(1000).await.unwrap().expect("the bridge");
    let started = js_sys::Date::now();
    let r = b
        .call(
            &request(Method::GetInitContext, "id-1", 0.0, None),
            "id-1",
            300,
        )
        .await;
    let waited = js_sys::Date::now() - started;
    assert_eq!(r, Err(AuthError::HostTimeout));
    assert!((290.0..3000.0).contains(&waited), "waited {waited} ms");
    assert_eq!(listeners(), 0.0, "the listener was removed");
}

async fn the_reply_with_the_request_id_is_taken_as_a_string_or_as_data() {
    install(
        "(m, ls) => { const id = JSON.parse(m).requestId; setTimeout(() => ls.forEach((l) => {
            l(JSON.stringify({ messageType: 'NestedAppAuthResponse', requestId: 'someone-else', success: true, n: 0 }));
            l('not json');
            l({ data: JSON.stringify({ messageType: 'NestedAppAuthResponse', requestId: id, success: true, n: 1 }) });
          }), 10); }",
    );
    let b = bridge::find(1000).await.unwrap().expect("the bridge");
    let text = b
        .call(
            &request(Method::GetInitContext, "id-2", 0.0, None),
            "id-2",
            2000,
        )
        .await
        .unwrap();
    assert!(text.contains("\"n\":1"), "{text}");
    assert_eq!(listeners(), 0.0);
}

async fn the_hook_is_awaited_and_one_that_hangs_is_bounded() {
    js_sys::eval(
        "delete window.nestedAppAuthBridge;
         window.__initializeNestedAppAuth = () => new Promise((ok) => setTimeout(() => {
           window.nestedAppAuthBridge = { postMessage() {}, addEventListener() {}, removeEventListener() {} };
           ok();
         }, 50));",
    )
    .unwrap();
    assert!(bridge::offered());
    assert!(
        bridge::find(2000).await.unwrap().is_some(),
        "installed by the hook"
    );
    js_sys::eval("delete window.nestedAppAuthBridge; window.__initializeNestedAppAuth = () => new Promise(() => {});").unwrap();
    assert!(matches!(
        bridge::find(100).await,
        Err(AuthError::HostTimeout)
    ));
    js_sys::eval(
        "delete window.__initializeNestedAppAuth; window.nestedAppAuthBridge = { postMessage: 1 };",
    )
    .unwrap();
    assert!(bridge::offered());
    assert!(
        bridge::find(100).await.unwrap().is_none(),
        "not a bridge: no postMessage function"
    );
    js_sys::eval("delete window.nestedAppAuthBridge;").unwrap();
    assert!(!bridge::offered());
}

/// One test, the cases in turn: the bridge is the page's global, which tests run at once would share.
#[wasm_bindgen_test]
async fn the_bridge() {
    a_host_that_never_answers_times_out_within_the_bound_and_the_listener_goes().await;
    the_reply_with_the_request_id_is_taken_as_a_string_or_as_data().await;
    the_hook_is_awaited_and_one_that_hangs_is_bounded().await;
}
