//! The browser edge: CSPRNG bytes, the clock, timers and `fetch` (aborted when dropped).

use std::future::Future;

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, RequestInit};

use crate::graph::client::Transport;
use crate::http::{HttpRequest, HttpResponse};

/// `N` bytes from `crypto.getRandomValues`.
pub fn random_bytes<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    web_sys::window()
        .and_then(|w| w.crypto().ok())
        .and_then(|c| c.get_random_values_with_u8_array(&mut bytes).ok())
        .expect("crypto.getRandomValues is available");
    bytes
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

    /// Aborts the requests in flight (they end with [`crate::graph::GraphError::Aborted`]).
    pub fn abort(&self) {
        if let Some(c) = &self.controller {
            c.abort();
        }
    }

    async fn run(&self, request: HttpRequest) -> Result<HttpResponse, String> {
        let window = web_sys::window().ok_or("no window")?;
        let init = RequestInit::new();
        init.set_method(request.method);
        let headers = web_sys::Headers::new().map_err(|_| "headers")?;
        for (k, v) in &request.headers {
            headers
                .append(k, v)
                .map_err(|_| format!("invalid header {k}"))?;
        }
        init.set_headers(&headers);
        if let Some(body) = &request.body {
            init.set_body(&JsValue::from_str(body));
        }
        if let Some(c) = &self.controller {
            init.set_signal(Some(&c.signal()));
        }
        // A rejected promise is an abort when we aborted, a network failure otherwise.
        let failed = |e: JsValue| {
            if self
                .controller
                .as_ref()
                .is_some_and(|c| c.signal().aborted())
            {
                "aborted".to_string()
            } else {
                describe(&e)
            }
        };
        let response = JsFuture::from(window.fetch_with_str_and_init(&request.url, &init))
            .await
            .map_err(failed)?;
        let response: web_sys::Response = response.dyn_into().map_err(|_| "not a response")?;
        let text = JsFuture::from(response.text().map_err(|_| "body")?)
            .await
            .map_err(failed)?;
        let headers = READ_HEADERS
            .iter()
            .filter_map(|h| {
                response
                    .headers()
                    .get(h)
                    .ok()
                    .flatten()
                    .map(|v| (h.to_string(), v))
            })
            .collect();
        Ok(HttpResponse {
            status: response.status(),
            headers,
            body: text.as_string().unwrap_or_default(),
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

fn describe(e: &JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .unwrap_or_else(|| "network error".into())
}

impl Transport for Fetch {
    fn send(&self, request: HttpRequest) -> impl Future<Output = Result<HttpResponse, String>> {
        self.run(request)
    }

    fn sleep(&self, ms: u32) -> impl Future<Output = ()> {
        sleep(ms)
    }
}
