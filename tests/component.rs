//! Browser tests of the Leptos component's props and callbacks and of the `use_microsoft365`
//! hook (wasm-bindgen-test in headless Chromium), against a Graph stand-in: `fetch` answers
//! requests to `https://graph.test` from a table and records them; every other URL goes to the
//! real `fetch`.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::{Arc, Mutex};

use leptos::prelude::*;
use onedrive_picker::{
    use_microsoft365_with_options, MessageOverrides, Microsoft365Options, OneDrivePicker,
    PickedItem, PickerErrorInfo, ProvidedTokens, TokenStorage,
};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const GRAPH: &str = "https://graph.test/v1.0";

/// Installs the Graph stand-in once: `/children` lists two files and a folder, item `d1/2` is
/// Budget.xlsx, a path with
/// `Missing` is a 404 with Graph's error body and a request id, `/me` is the user.
fn stub_graph() {
    js_sys::eval(
        r#"
        if (!window.__graphStub) {
          window.__graphStub = true;
          window.__graphRequests = [];
          const real = window.fetch.bind(window);
          const json = (status, body) => new Response(JSON.stringify(body), {
            status, headers: { "content-type": "application/json", "request-id": "req-" + status },
          });
          window.fetch = async (input, init) => {
            const url = typeof input === "string" ? input : input.url;
            if (!url.startsWith("https://graph.test/")) return real(input, init);
            const headers = new Headers(input.headers ?? init?.headers);
            window.__graphRequests.push({ url, authorization: headers.get("authorization") });
            if (url.includes("Missing")) {
              return json(404, { error: { code: "itemNotFound", message: "The resource could not be found." } });
            }
            if (url.includes("/drives/d1/items/2?")) {
              return json(200, { id: "2", name: "Budget.xlsx", size: 2048000, file: { mimeType: "application/octet-stream" },
                parentReference: { driveId: "d1", path: "/drive/root:/Finance" } });
            }
            if (url.includes("/children")) {
              const file = (id, name, size) => ({ id, name, size, file: { mimeType: "application/octet-stream" },
                parentReference: { driveId: "d1", path: "/drive/root:" }, webUrl: "https://contoso.test/" + name,
                lastModifiedDateTime: "2026-01-02T03:04:05Z", unknownFacet: { x: 1 } });
              return json(200, { value: [
                { id: "f", name: "Reports", folder: { childCount: 0 }, parentReference: { driveId: "d1" } },
                file("1", "Welcome.docx", 1200), file("2", "Budget.xlsx", 2048000),
              ] });
            }
            if (url.includes("/me?") || url.endsWith("/me")) return json(200, { displayName: "Adele Vance" });
            return json(404, { error: { code: "itemNotFound", message: "no route" } });
          };
        }
        window.__graphRequests = [];
        "#,
    )
    .unwrap();
}

fn requests() -> Vec<(String, String)> {
    let list = js_sys::eval("window.__graphRequests").unwrap();
    js_sys::Array::from(&list)
        .iter()
        .map(|r| {
            let get = |k: &str| {
                js_sys::Reflect::get(&r, &k.into())
                    .ok()
                    .and_then(|v| v.as_string())
                    .unwrap_or_default()
            };
            (get("url"), get("authorization"))
        })
        .collect()
}

fn container() -> web_sys::HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let div = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&div).unwrap();
    div.unchecked_into()
}

async fn wait_for(root: &web_sys::HtmlElement, selector: &str) -> web_sys::HtmlElement {
    for _ in 0..150 {
        if let Some(e) = root.query_selector(selector).unwrap() {
            return e.unchecked_into();
        }
        sleep(20).await;
    }
    panic!("{selector} never appeared (requests {:?})", requests());
}

fn token() -> ProvidedTokens {
    ProvidedTokens::new(|_scopes, _refresh| Box::pin(async { Ok("portal-token".to_string()) }))
}

#[wasm_bindgen_test]
async fn props_in_callbacks_out_german_dark_multiple_pick() {
    stub_graph();
    let root = container();
    let picked: Arc<Mutex<Vec<Vec<PickedItem>>>> = Arc::default();
    let sink = picked.clone();
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        let sink = sink.clone();
        let on_pick = move |items: Vec<PickedItem>| sink.lock().unwrap().push(items);
        view! {
            <OneDrivePicker client_id="c" graph_base=GRAPH token_provider=token() locale="de" theme="dark"
                multiple=true max_count=2usize filters=".docx .xlsx" open_files=false browser_history=false
                on_pick=on_pick/>
        }
    });
    let picker = wait_for(&root, ".odp-picker").await;
    assert_eq!(picker.get_attribute("lang").as_deref(), Some("de"));
    assert_eq!(picker.get_attribute("data-theme").as_deref(), Some("dark"));
    wait_for(&root, ".odp-item[title=\"Welcome.docx\"]")
        .await
        .click();
    wait_for(&root, ".odp-item[title=\"Budget.xlsx\"]")
        .await
        .click();
    let confirm = wait_for(&root, ".odp-confirm").await;
    assert_eq!(confirm.text_content().unwrap(), "Auswählen");
    // The DOM follows the selection on the next tick; then Select is enabled.
    wait_for(&root, ".odp-confirm:not([disabled])").await;
    assert_eq!(
        wait_for(&root, ".odp-count").await.text_content().unwrap(),
        "2 / 2"
    );
    // Sizes in German (decimal comma).
    assert!(root.inner_html().contains(",0 MB"), "{}", root.inner_html());
    confirm.click();
    for _ in 0..50 {
        if !picked.lock().unwrap().is_empty() {
            break;
        }
        sleep(20).await;
    }
    let picked = picked.lock().unwrap();
    assert_eq!(picked.len(), 1, "one pick");
    let names: Vec<&str> = picked[0].iter().map(|i| i.name.as_str()).collect();
    assert_eq!(names, ["Welcome.docx", "Budget.xlsx"]);
    assert_eq!(picked[0][1].size, Some(2_048_000));
    assert_eq!(picked[0][0].drive_id.as_deref(), Some("d1"));
    // Every Graph request carried the page's token.
    let sent = requests();
    assert!(!sent.is_empty());
    assert!(
        sent.iter().all(|(_, auth)| auth == "Bearer portal-token"),
        "{sent:?}"
    );
}

#[wasm_bindgen_test]
async fn polish_with_the_apps_own_words_for_select_and_counts() {
    stub_graph();
    let root = container();
    let words = MessageOverrides::new().text("pl", "select", "Załącz").text(
        "*",
        "item_count.many",
        "{count} plików",
    );
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        view! { <OneDrivePicker client_id="c" graph_base=GRAPH token_provider=token() locale="pl-PL" messages=words.clone()/> }
    });
    let picker = wait_for(&root, ".odp-picker[lang=\"pl\"]").await;
    assert_eq!(picker.get_attribute("dir"), None);
    assert_eq!(
        wait_for(&root, ".odp-confirm")
            .await
            .text_content()
            .unwrap(),
        "Załącz"
    );
    assert_eq!(
        wait_for(&root, ".odp-cancel").await.text_content().unwrap(),
        "Anuluj"
    );
    // Zero is `many` in Polish: the app's own word, through Intl.PluralRules.
    let reports = wait_for(&root, ".odp-item[title=\"Reports\"] .odp-size").await;
    assert_eq!(reports.text_content().unwrap(), "0 plików");
}

#[wasm_bindgen_test]
async fn items_chosen_before_are_in_the_tray() {
    stub_graph();
    let root = container();
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        view! { <OneDrivePicker client_id="c" graph_base=GRAPH token_provider=token() multiple=true selected="d1/2 d1/Missing"/> }
    });
    let chip = wait_for(&root, ".odp-chip-name").await;
    assert_eq!(chip.text_content().unwrap(), "Budget.xlsx");
    let notice = wait_for(&root, ".odp-notice").await;
    for _ in 0..100 {
        if !notice.text_content().unwrap_or_default().is_empty() {
            break;
        }
        sleep(20).await;
    }
    assert_eq!(
        notice.text_content().unwrap(),
        "1 item chosen before is not available."
    );
    let asked: Vec<String> = requests().into_iter().map(|(url, _)| url).collect();
    assert!(
        asked
            .iter()
            .any(|u| u.starts_with(&format!("{GRAPH}/drives/d1/items/2?$select="))),
        "{asked:?}"
    );
}

#[wasm_bindgen_test]
async fn an_error_on_screen_reaches_on_error_with_graphs_code_and_request_id() {
    stub_graph();
    let root = container();
    let errors: Arc<Mutex<Vec<PickerErrorInfo>>> = Arc::default();
    let sink = errors.clone();
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        let sink = sink.clone();
        let on_error = move |e: PickerErrorInfo| sink.lock().unwrap().push(e);
        view! {
            <OneDrivePicker client_id="c" graph_base=GRAPH token_provider=token() start="path:/Missing"
                browser_history=false on_error=on_error/>
        }
    });
    let shown = wait_for(&root, ".odp-list-error").await;
    let errors = errors.lock().unwrap();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].code, "itemNotFound");
    assert_eq!(errors[0].request_id.as_deref(), Some("req-404"));
    assert_eq!(errors[0].action, "give_up");
    assert!(shown.text_content().unwrap().contains(&errors[0].message));
}

#[wasm_bindgen_test]
async fn the_hook_shares_its_session_with_the_picker_and_calls_graph() {
    stub_graph();
    let storage = web_sys::window()
        .unwrap()
        .session_storage()
        .unwrap()
        .unwrap();
    storage
        .set_item(
            "onedrive-picker.tokens|hooked|common|https://login.microsoftonline.com|https://graph.test",
            r#"{"sid":"s1","authority":"https://login.microsoftonline.com","graph":"https://graph.test","access_token":"session-token","expires_at_ms":1e15,"scopes":["User.Read","Files.Read.All"],"refresh_token":null,"account":["Adele Vance","adele@contoso.com","t","o"]}"#,
        )
        .unwrap();
    let root = container();
    let session = Rc::new(RefCell::new(None));
    let keep = session.clone();
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        let m365 = use_microsoft365_with_options(Microsoft365Options {
            client_id: "hooked".into(),
            graph_base: Some(GRAPH.into()),
            scopes: Some("User.Read Files.Read.All".into()),
            token_storage: TokenStorage::Session,
            ..Default::default()
        });
        *keep.borrow_mut() = Some(m365);
        view! {
            <p class="app-account">{move || m365.account().get().map(|a| a.name)}</p>
            <OneDrivePicker client_id="ignored" session=m365 browser_history=false/>
        }
    });
    let m365 = session.borrow().unwrap();
    // Signed in through the session: the picker browses without a sign-in of its own.
    assert_eq!(
        wait_for(&root, ".odp-account-name")
            .await
            .text_content()
            .unwrap(),
        "Adele Vance"
    );
    wait_for(&root, ".odp-item[title=\"Welcome.docx\"]").await;
    // The app calls Graph with the same tokens.
    let me: serde_json::Value = m365.get_json("/me").await.unwrap();
    assert_eq!(me["displayName"], "Adele Vance");
    assert!(requests()
        .iter()
        .all(|(_, auth)| auth == "Bearer session-token"));
    // Signing out through the session signs the picker out too.
    m365.sign_out();
    wait_for(&root, ".odp-signin-button").await;
    assert_eq!(
        root.query_selector(".app-account")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap(),
        ""
    );
}

/// Waits `ms` milliseconds (the public surface has no timer of its own).
async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
