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

/// The SHA-256 of `data` from the browser's SubtleCrypto (`None` where the page has none: outside
/// a secure context, or on a runtime without it).
pub async fn sha256(data: &[u8]) -> Option<Vec<u8>> {
    let crypto = web_sys::window()?.crypto().ok()?;
    let subtle = js_sys::Reflect::get(&crypto, &"subtle".into()).ok()?;
    let subtle = wasm_bindgen::JsCast::dyn_into::<web_sys::SubtleCrypto>(subtle).ok()?;
    let promise = subtle.digest_with_str_and_u8_array("SHA-256", data).ok()?;
    let buffer = JsFuture::from(promise).await.ok()?;
    Some(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// The browser's preferred languages, most preferred first (`navigator.languages`, else
/// `navigator.language`).
pub fn languages() -> Vec<String> {
    let Some(n) = web_sys::window().map(|w| w.navigator()) else {
        return Vec::new();
    };
    let listed: Vec<String> = n.languages().iter().filter_map(|l| l.as_string()).collect();
    if listed.is_empty() {
        n.language().into_iter().collect()
    } else {
        listed
    }
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

/// Whether no window of another origin can reach a window this page opens: this page has an
/// origin of its own (not a sandbox's), every frame above it is of its origin, and the top-level
/// page has no opener of another origin (the check MSAL.js makes before it tells the authority
/// so, `pocd=1`). Another origin's window cannot be read: reading its address throws.
#[cfg(target_arch = "wasm32")]
pub fn unreachable_by_others() -> bool {
    use wasm_bindgen::{JsCast, JsValue};
    // Read as properties: a window of another origin answers `parent` and `opener`, and throws
    // on its location's address (the first screen links no more of `Window` than that).
    let get = |o: &JsValue, key: &str| js_sys::Reflect::get(o, &key.into()).unwrap_or_default();
    let readable = |w: &JsValue| w.unchecked_ref::<web_sys::Window>().location().href().is_ok();
    let Some(mut current) = web_sys::window().map(JsValue::from) else {
        return false;
    };
    if get(&current, "origin").as_string().as_deref() == Some("null") {
        return false;
    }
    loop {
        let parent = get(&current, "parent");
        if !parent.is_object() || js_sys::Object::is(&parent, &current) {
            break;
        }
        if !readable(&parent) {
            return false;
        }
        current = parent;
    }
    let opener = get(&current, "opener");
    !opener.is_object() || js_sys::Object::is(&opener, &current) || readable(&opener)
}

/// No window here (native tests): nothing is claimed.
#[cfg(not(target_arch = "wasm32"))]
pub fn unreachable_by_others() -> bool {
    false
}

/// How long a preflight warm-up's request lives: long enough for the browser to have asked the
/// preflight, too short for its answer to come back over a real network (and let the request go).
/// A timer, so a busy thread fires it later (10 to 17 ms after a sign-in's answer, measured): on a
/// network faster than that, the placeholder request may reach Graph, which refuses it (401).
const WARM_ABORT_MS: u32 = 2;

/// Has the browser ask `request`'s CORS preflight now, for the same request to come a round trip
/// later: sends it, and aborts it [`WARM_ABORT_MS`] later, before the preflight is answered.
/// Chromium finishes and keeps a preflight whose request was aborted (for the URL, the headers
/// and 5 s unless the server says otherwise), so the request to come goes without one; engines
/// that drop it with the abort ask their own for that request, as they would have anyway.
pub fn warm_preflight(request: HttpRequest) {
    use std::rc::Rc;
    let fetch = Rc::new(Fetch::new());
    let sending = fetch.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let _ = sending.send(request).await;
    });
    wasm_bindgen_futures::spawn_local(async move {
        sleep(WARM_ABORT_MS).await;
        fetch.abort();
    });
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

    fn spread(&self) -> f64 {
        js_sys::Math::random()
    }
}

/// An ISO 8601 time as language `lang` writes a date and time (`Nov 3, 2025, 9:00 AM`);
/// empty when it is not a time. One `Intl.DateTimeFormat` per language is made and kept: a
/// scroll formats a date for every row it brings in, and making the formatter is most of the cost
/// of `toLocaleString`.
pub fn local_date_time(iso: &str, lang: &'static str) -> String {
    let date = js_sys::Date::new(&iso.into());
    if date.get_time().is_nan() {
        return String::new();
    }
    let format = intl(lang, u8::MAX - 1, || {
        let options = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&options, &"dateStyle".into(), &"medium".into());
        let _ = js_sys::Reflect::set(&options, &"timeStyle".into(), &"short".into());
        let locales = js_sys::Array::of1(&lang.into());
        js_sys::Intl::DateTimeFormat::new(&locales, &options).format()
    });
    format
        .call1(&wasm_bindgen::JsValue::NULL, &date)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_default()
}

thread_local! {
    /// One `Intl` formatter per language and kind, made once: a scroll formats a number for
    /// every row it brings in.
    static INTL: std::cell::RefCell<Vec<((&'static str, u8), js_sys::Function)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// The `Intl` function `make` builds for (`lang`, `kind`), kept.
fn intl(lang: &'static str, kind: u8, make: impl FnOnce() -> js_sys::Function) -> js_sys::Function {
    INTL.with_borrow_mut(|made| {
        if let Some((_, f)) = made.iter().find(|(k, _)| *k == (lang, kind)) {
            return f.clone();
        }
        let f = make();
        made.push(((lang, kind), f.clone()));
        f
    })
}

/// `n` as language `lang` writes it (`Intl.NumberFormat`), with exactly `fraction` decimals.
#[cfg(target_arch = "wasm32")]
pub fn format_number(lang: &'static str, n: f64, fraction: u8) -> String {
    let f = intl(lang, fraction, || {
        let options = js_sys::Object::new();
        let digits = wasm_bindgen::JsValue::from(fraction);
        let _ = js_sys::Reflect::set(&options, &"minimumFractionDigits".into(), &digits);
        let _ = js_sys::Reflect::set(&options, &"maximumFractionDigits".into(), &digits);
        let locales = js_sys::Array::of1(&lang.into());
        js_sys::Intl::NumberFormat::new(&locales, &options).format()
    });
    f.call1(&wasm_bindgen::JsValue::NULL, &n.into())
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_default()
}

/// The plural category (`one`, `few`, …) language `lang` gives the count `n`
/// (`Intl.PluralRules`).
#[cfg(target_arch = "wasm32")]
pub fn plural_category(lang: &'static str, n: f64) -> &'static str {
    let rules = intl(lang, u8::MAX, || {
        let locales = js_sys::Array::of1(&lang.into());
        let rules = js_sys::Intl::PluralRules::new(&locales, &js_sys::Object::new());
        let select = js_sys::Reflect::get(&rules, &"select".into())
            .ok()
            .and_then(|f| wasm_bindgen::JsCast::dyn_into::<js_sys::Function>(f).ok());
        select.map_or_else(|| js_sys::Function::new_no_args(""), |f| f.bind0(&rules))
    });
    let category = rules
        .call1(&wasm_bindgen::JsValue::NULL, &n.into())
        .ok()
        .and_then(|s| s.as_string());
    crate::picker::messages::Plural::CATEGORIES
        .into_iter()
        .find(|c| category.as_deref() == Some(*c))
        .unwrap_or("other")
}

/// Makes language `lang`'s number, plural and date formatters in a moment (a task of their
/// own, while the first page is on its way): the first of each costs milliseconds the first rows would
/// otherwise wait for.
#[cfg(target_arch = "wasm32")]
pub fn warm_intl(lang: &'static str) {
    wasm_bindgen_futures::spawn_local(async move {
        sleep(0).await;
        format_number(lang, 1.0, 0);
        format_number(lang, 1.0, 1);
        plural_category(lang, 1.0);
        local_date_time("2000-01-01T00:00:00Z", lang);
    });
}

/// Off the browser: nothing to make.
#[cfg(not(target_arch = "wasm32"))]
pub fn warm_intl(_lang: &'static str) {}

/// Off the browser (native tests, server rendering): English's digits, grouped by three.
#[cfg(not(target_arch = "wasm32"))]
pub fn format_number(_lang: &'static str, n: f64, fraction: u8) -> String {
    let scale = 10u64.pow(u32::from(fraction));
    let scaled = (n * scale as f64).round() as u64;
    let (whole, part) = (scaled / scale, scaled % scale);
    let digits = whole.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if fraction > 0 {
        out.push_str(&format!(".{part:0width$}", width = usize::from(fraction)));
    }
    out
}

/// Off the browser: English's rule.
#[cfg(not(target_arch = "wasm32"))]
pub fn plural_category(_lang: &'static str, n: f64) -> &'static str {
    if n == 1.0 {
        "one"
    } else {
        "other"
    }
}
