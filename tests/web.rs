//! Browser tests of the components (wasm-bindgen-test in headless Chromium).
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use onedrive_picker::auth::ProvidedTokens;
use onedrive_picker::OneDrivePicker;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn container() -> web_sys::HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let div = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&div).unwrap();
    div.unchecked_into()
}

fn text(root: &web_sys::HtmlElement, selector: &str) -> Option<String> {
    root.query_selector(selector)
        .unwrap()
        .map(|e| e.text_content().unwrap_or_default())
}

async fn wait_for(root: &web_sys::HtmlElement, selector: &str) -> web_sys::Element {
    for _ in 0..100 {
        if let Some(e) = root.query_selector(selector).unwrap() {
            return e;
        }
        onedrive_picker::browser::sleep(20).await;
    }
    panic!("{selector} never appeared: {}", root.inner_html());
}

#[wasm_bindgen_test]
fn signed_out_picker_offers_sign_in() {
    let root = container();
    let _handle = leptos::mount::mount_to(root.clone(), || {
        view! { <OneDrivePicker client_id="c" authority="http://127.0.0.1:9/common"/> }
    });
    let picker = root.query_selector(".odp-picker").unwrap().unwrap();
    assert_eq!(
        picker.get_attribute("data-phase").as_deref(),
        Some("signed-out")
    );
    assert_eq!(
        text(&root, ".odp-signin-button").unwrap(),
        "Sign in with Microsoft"
    );
    assert!(text(&root, ".odp-account-name").is_none());
}

#[wasm_bindgen_test]
fn misconfiguration_is_a_clear_error_without_retry() {
    let root = container();
    let _handle = leptos::mount::mount_to(root.clone(), || {
        view! { <OneDrivePicker client_id="c" authority="http://evil.example/common"/> }
    });
    let error = root.query_selector(".odp-error").unwrap().unwrap();
    assert_eq!(
        error.get_attribute("data-error").as_deref(),
        Some("config_error")
    );
    assert!(text(&root, ".odp-error-message")
        .unwrap()
        .contains("must use https"));
    assert!(
        root.query_selector(".odp-retry").unwrap().is_none(),
        "nothing to retry"
    );
}

#[wasm_bindgen_test]
async fn a_failing_token_provider_shows_a_recoverable_listing_error() {
    let root = container();
    let provider = ProvidedTokens::new(|scopes, _refresh| {
        Box::pin(async move {
            assert!(scopes.iter().any(|s| s == "Files.Read.All"));
            Err("the portal has no token for this user".to_string())
        })
    });
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        view! {
            <OneDrivePicker client_id="c" graph_base="http://127.0.0.1:9/v1.0" token_provider=provider.clone()/>
        }
    });
    // A page-supplied token means no sign-in screen: straight to My files.
    assert_eq!(text(&root, ".odp-crumb").unwrap(), "My files");
    let error = wait_for(&root, ".odp-list-error").await;
    assert!(error
        .text_content()
        .unwrap()
        .contains("the portal has no token for this user"));
    assert!(root.query_selector(".odp-signin-button").unwrap().is_none());
    assert_eq!(
        text(&root, ".odp-list-error .odp-retry").unwrap_or_else(|| root.inner_html()),
        "Try again"
    );
}

#[wasm_bindgen_test]
async fn a_malformed_provided_token_is_refused_before_any_request() {
    let root = container();
    // A value that would inject a header if it were ever put in one.
    let provider = ProvidedTokens::new(|_scopes, _refresh| {
        Box::pin(async move { Ok("abc\r\nX-Injected: 1".to_string()) })
    });
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        view! {
            <OneDrivePicker client_id="c" graph_base="http://127.0.0.1:9/v1.0" token_provider=provider.clone()/>
        }
    });
    let error = wait_for(&root, ".odp-list-error").await;
    assert!(
        error.text_content().unwrap().contains("malformed token"),
        "{}",
        root.inner_html()
    );
}

#[wasm_bindgen_test]
fn missing_scopes_for_incremental_consent() {
    use onedrive_picker::auth::config::Scopes;
    use onedrive_picker::auth::{AuthClient, AuthConfig};
    let client = AuthClient::new(AuthConfig::new("c", "http://localhost/auth.html"));
    let wanted = Scopes::parse("Files.ReadWrite https://graph.microsoft.com/User.Read");
    assert_eq!(
        client.missing_scopes(&wanted),
        vec!["Files.ReadWrite", "https://graph.microsoft.com/User.Read"]
    );
    assert!(client.account().is_none());
}

#[wasm_bindgen_test]
fn session_storage_restores_tokens_and_scopes() {
    use onedrive_picker::auth::config::Scopes;
    use onedrive_picker::auth::{AuthClient, AuthConfig, TokenStorage};
    let storage = web_sys::window()
        .unwrap()
        .session_storage()
        .unwrap()
        .unwrap();
    let mut config = AuthConfig::new("restored", "http://localhost/auth.html");
    config.storage = TokenStorage::Session;
    let key = config.storage_key();
    assert_eq!(key, "onedrive-picker.tokens|restored|common|https://login.microsoftonline.com|https://graph.microsoft.com");
    let record = |graph: &str| {
        format!(
            r#"{{"sid":"s1","authority":"https://login.microsoftonline.com","graph":"{graph}","access_token":"at","expires_at_ms":1e15,"scopes":["User.Read","Files.Read"],"refresh_token":null,"account":["Adele Vance","adele@contoso.com","t","o"]}}"#
        )
    };
    // A record made for another Graph, under this key, is not taken.
    storage
        .set_item(&key, &record("https://graph.evil.example"))
        .unwrap();
    assert!(AuthClient::new(config.clone()).account().is_none());
    storage
        .set_item(&key, &record("https://graph.microsoft.com"))
        .unwrap();
    let client = AuthClient::new(config);
    assert_eq!(client.account().unwrap().name, "Adele Vance");
    let wanted = Scopes::parse("files.read Files.ReadWrite");
    assert_eq!(client.missing_scopes(&wanted), vec!["Files.ReadWrite"]);
    client.sign_out(false);
    // Sign-out clears the tokens from storage and leaves only the marker that a reload reads
    // (so the next sign-in asks for an account).
    assert_eq!(
        storage.get_item(&key).unwrap().as_deref(),
        Some(onedrive_picker::auth::session::SIGNED_OUT),
        "sign-out clears storage"
    );
    let reloaded = {
        let mut config = AuthConfig::new("restored", "http://localhost/auth.html");
        config.storage = TokenStorage::Session;
        AuthClient::new(config)
    };
    assert!(reloaded.account().is_none());
    // Memory storage (the default) never reads it.
    storage
        .set_item("onedrive-picker.tokens|memory|common", "{}")
        .unwrap();
    assert!(
        AuthClient::new(AuthConfig::new("memory", "http://localhost/auth.html"))
            .account()
            .is_none()
    );
}

#[wasm_bindgen_test]
fn the_url_policy_holds_on_the_browsers_own_parser() {
    onedrive_picker::safe_url::cases::check();
}

#[wasm_bindgen_test]
fn dates_are_written_as_each_language_writes_them() {
    use onedrive_picker::browser::local_date_time;
    let iso = "2025-11-03T09:05:00Z";
    // As the browser's own toLocaleString writes them, in the page's time zone.
    let expected = |lang: &str| {
        let options = js_sys::Object::new();
        js_sys::Reflect::set(&options, &"dateStyle".into(), &"medium".into()).unwrap();
        js_sys::Reflect::set(&options, &"timeStyle".into(), &"short".into()).unwrap();
        String::from(js_sys::Date::new(&iso.into()).to_locale_string(lang, &options))
    };
    let en = local_date_time(iso, "en");
    let de = local_date_time(iso, "de");
    assert!(en.contains("Nov") && en.contains("2025"), "{en}");
    assert!(de.contains("03.11.2025"), "{de}");
    assert_eq!(en, expected("en"));
    assert_eq!(de, expected("de"));
    // The kept formatters stay with their language, whatever the order they are asked in.
    assert_eq!(local_date_time(iso, "en"), en);
    assert_eq!(local_date_time("not a time", "de"), "");
}

#[wasm_bindgen_test]
fn plurals_and_numbers_are_the_browsers_intl() {
    use onedrive_picker::browser::{format_number, plural_category};
    assert_eq!(plural_category("pl", 1.0), "one");
    assert_eq!(plural_category("pl", 3.0), "few");
    assert_eq!(plural_category("pl", 5.0), "many");
    assert_eq!(plural_category("ar", 2.0), "two");
    assert_eq!(plural_category("ar", 0.0), "zero");
    assert_eq!(plural_category("fr", 0.0), "one");
    assert_eq!(plural_category("ja", 1.0), "other");
    assert_eq!(format_number("de", 1234.5, 1), "1.234,5");
    assert_eq!(format_number("en", 10000.0, 0), "10,000");
    assert_eq!(format_number("fr", 1.5, 1), "1,5");
}

/// The challenge the first screen prepares with the browser's SubtleCrypto is the one the flow
/// computes itself (RFC 7636's S256), for the same random values.
#[wasm_bindgen_test]
async fn the_browsers_sha256_makes_the_flows_challenge() {
    use onedrive_picker::auth::flow::Attempt;
    let random = || {
        let mut next = 0u8;
        move |buf: &mut [u8]| {
            for b in buf {
                next = next.wrapping_add(37);
                *b = next;
            }
        }
    };
    let digested = Attempt::digested(random(), onedrive_picker::browser::sha256)
        .await
        .expect("SubtleCrypto digests on a secure page");
    let own = Attempt::new(random());
    assert_eq!(digested.verifier.secret(), own.verifier.secret());
    assert_eq!(digested.challenge, own.challenge);
    assert_eq!(digested.challenge.len(), 43);
}
