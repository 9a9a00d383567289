//! The browser edge: CSPRNG bytes, the clock, timers and HTTP through gloo-net's `fetch`
//! (aborted when dropped).

use std::future::Future;

use gloo_net::http::{Headers, Method, RequestBuilder};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, AbortSignal};

use crate::http::Transport;
use crate::http::{Body, HttpRequest, HttpResponse};

/// Fills `buf` from `crypto.getRandomValues`.
pub fn fill_random(buf: &mut [u8]) {
    web_sys::window()
        .and_then(|w| w.crypto().ok())
        .and_then(|c| c.get_random_values_with_u8_array(buf).ok())
        .expect("crypto.getRandomValues is available");
}

/// `N` bytes from `crypto.getRandomValues`.
pub fn random_bytes<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    fill_random(&mut bytes);
    bytes
}

/// The browser's preferred language (`de-DE`), when it says.
pub fn language() -> Option<String> {
    web_sys::window()?.navigator().language()
}

/// Milliseconds since the epoch.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Resolves after `ms` milliseconds.
pub fn sleep(ms: u32) -> impl Future<Output = ()> {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms as i32);
        }
    });
    async move {
        let _ = JsFuture::from(promise).await;
    }
}

/// The page's origin (`http://127.0.0.1:8080`).
pub fn origin() -> String {
    web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default()
}

/// Whether this page runs in a frame of another origin than the top-level page (where the browser
/// partitions `BroadcastChannel` and storage by the top-level site).
pub fn framed_cross_origin() -> bool {
    let Some(w) = web_sys::window() else {
        return false;
    };
    match w.top() {
        Ok(Some(top)) if !js_sys::Object::is(&top, &w) => top.location().href().is_err(),
        _ => false,
    }
}

/// Headers the widget reads from responses (the rest is not exposed cross-origin anyway).
const READ_HEADERS: [&str; 4] = [
    "retry-after",
    "request-id",
    "www-authenticate",
    "content-type",
];

/// `fetch` with an abort signal: dropping the transport aborts its requests in flight.
pub struct Fetch {
    controller: Option<AbortController>,
}

impl Fetch {
    /// A transport with its own abort controller.
    pub fn new() -> Fetch {
        Fetch {
            controller: AbortController::new().ok(),
        }
    }

    /// Aborts the requests in flight (they end with the error `"aborted"`).
    pub fn abort(&self) {
        if let Some(c) = &self.controller {
            c.abort();
        }
    }

    async fn run(&self, request: HttpRequest) -> Result<HttpResponse, String> {
        // Headers are appended here, where a bad value (a token provider's, say) is an error:
        // gloo-net's own `header()` would throw instead.
        let headers = web_sys::Headers::new().map_err(|_| "headers")?;
        for (k, v) in &request.headers {
            headers
                .append(k, v)
                .map_err(|_| format!("invalid header {k}"))?;
        }
        let method = Method::from_bytes(request.method.as_bytes()).map_err(|_| "method")?;
        let signal = self.controller.as_ref().map(AbortController::signal);
        let builder = RequestBuilder::new(&request.url)
            .method(method)
            .headers(Headers::from_raw(headers))
            .abort_signal(signal.as_ref());
        // A failure is an abort when we aborted, a network failure otherwise.
        let failed = |e: gloo_net::Error| {
            if signal.as_ref().is_some_and(AbortSignal::aborted) {
                "aborted".to_string()
            } else {
                match e {
                    gloo_net::Error::JsError(e) => e.message,
                    other => other.to_string(),
                }
            }
        };
        let sendable = match request.body {
            Some(Body::Text(body)) => builder.body(body),
            Some(Body::Bytes(bytes)) => builder.body(js_sys::Uint8Array::from(bytes.as_slice())),
            None => builder.build(),
        }
        .map_err(failed)?;
        let response = sendable.send().await.map_err(failed)?;
        let body = response.text().await.map_err(failed)?;
        let received = response.headers();
        let headers = READ_HEADERS
            .iter()
            .filter_map(|h| received.get(h).map(|v| (h.to_string(), v)))
            .collect();
        Ok(HttpResponse {
            status: response.status(),
            headers,
            body,
        })
    }
}

impl Default for Fetch {
    fn default() -> Self {
        Fetch::new()
    }
}

impl Drop for Fetch {
    fn drop(&mut self) {
        if let Some(c) = &self.controller {
            c.abort();
        }
    }
}

impl Transport for Fetch {
    fn send(&self, request: HttpRequest) -> impl Future<Output = Result<HttpResponse, String>> {
        self.run(request)
    }

    fn sleep(&self, ms: u32) -> impl Future<Output = ()> {
        sleep(ms)
    }
}

/// An ISO 8601 time as language `lang` writes a date and time (`Nov 3, 2025, 9:00 AM`);
/// empty when it is not a time. One `Intl.DateTimeFormat` per language is made and kept: a
/// scroll formats a date for every row it brings in, and making the formatter is most of the cost
/// of `toLocaleString`.
pub fn local_date_time(iso: &str, lang: &'static str) -> String {
    thread_local! {
        static FORMATS: std::cell::RefCell<Vec<(&'static str, js_sys::Function)>> =
            const { std::cell::RefCell::new(Vec::new()) };
    }
    let date = js_sys::Date::new(&iso.into());
    if date.get_time().is_nan() {
        return String::new();
    }
    let format = FORMATS.with_borrow_mut(|formats| {
        if let Some((_, f)) = formats.iter().find(|(l, _)| *l == lang) {
            return f.clone();
        }
        let options = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&options, &"dateStyle".into(), &"medium".into());
        let _ = js_sys::Reflect::set(&options, &"timeStyle".into(), &"short".into());
        let locales = js_sys::Array::of1(&lang.into());
        let f = js_sys::Intl::DateTimeFormat::new(&locales, &options).format();
        formats.push((lang, f.clone()));
        f
    });
    format
        .call1(&wasm_bindgen::JsValue::NULL, &date)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_default()
}
