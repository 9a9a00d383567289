//! The sign-in window: opened synchronously inside the click (so pop-up blockers let it through),
//! answered by the redirect page (`www/auth.js`) over a `BroadcastChannel` named by the attempt,
//! or by `postMessage` from the same origin; closure and timeout end the wait. Listeners and the
//! channel are released when the wait ends or is dropped.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{BroadcastChannel, MessageEvent, Window};

use super::error::AuthError;
use crate::browser::{now_ms, origin};
use crate::util::parse_params;

/// The channel-name prefix shared with `www/auth.js`.
pub const CHANNEL_PREFIX: &str = "onedrive-picker-auth:";
/// Message type shared with `www/auth.js`.
const MESSAGE_TYPE: &str = "onedrive-picker-auth";
/// How long a closed window may still deliver its answer (it closes itself right after posting).
const CLOSE_GRACE_MS: f64 = 1500.0;

/// Opens the sign-in window at `url` named `name` (one per client, so that two pickers on a page
/// never take over each other's window), centred on the page. Must run inside the user's click.
pub fn open(url: &str, name: &str) -> Result<Window, AuthError> {
    let window = web_sys::window().ok_or_else(|| AuthError::Config("no window".into()))?;
    let (w, h) = (483.0, 600.0);
    let num = |v: Result<JsValue, JsValue>| v.ok().and_then(|v| v.as_f64());
    let left =
        num(window.screen_x()).unwrap_or(0.0) + (num(window.outer_width()).unwrap_or(w) - w) / 2.0;
    let top =
        num(window.screen_y()).unwrap_or(0.0) + (num(window.outer_height()).unwrap_or(h) - h) / 2.0;
    // Whole pixels (formatting a float would link float formatting for nothing).
    let features = format!(
        "width={},height={},left={},top={},scrollbars=yes",
        w as u32,
        h as u32,
        left.max(0.0) as u32,
        top.max(0.0) as u32
    );
    match window.open_with_url_and_target_and_features(url, name, &features) {
        Ok(Some(popup)) => {
            let _ = popup.focus();
            Ok(popup)
        }
        _ => Err(AuthError::PopupBlocked),
    }
}

/// Listens for one attempt's answer.
struct Listener {
    channel: Option<BroadcastChannel>,
    /// Kept alive while the channel may call it.
    _on_channel: Closure<dyn FnMut(MessageEvent)>,
    on_window: Closure<dyn FnMut(MessageEvent)>,
}

impl Drop for Listener {
    fn drop(&mut self) {
        if let Some(c) = &self.channel {
            c.set_onmessage(None);
            c.close();
        }
        if let Some(w) = web_sys::window() {
            let _ = w.remove_event_listener_with_callback(
                "message",
                self.on_window.as_ref().unchecked_ref(),
            );
        }
    }
}

fn read_message(data: &JsValue) -> Option<String> {
    let kind = js_sys::Reflect::get(data, &"type".into())
        .ok()?
        .as_string()?;
    (kind == MESSAGE_TYPE).then_some(())?;
    js_sys::Reflect::get(data, &"params".into())
        .ok()?
        .as_string()
}

/// The answer, once it arrives, and the wait's alarm (rung by the answer, so that the wait
/// goes on at once).
#[derive(Default)]
struct Slot {
    params: Option<String>,
    wake: Option<js_sys::Function>,
}

/// Keeps the first answer in `slot` and wakes the wait.
fn deliver(slot: &RefCell<Slot>, params: String) {
    let wake = {
        let mut s = slot.borrow_mut();
        s.params.get_or_insert(params);
        s.wake.take()
    };
    if let Some(f) = wake {
        let _ = f.call0(&JsValue::NULL);
    }
}

/// Sleeps `ms`, or less when the answer arrives meanwhile.
async fn nap(slot: &Rc<RefCell<Slot>>, ms: u32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms as i32);
        }
        slot.borrow_mut().wake = Some(resolve);
    });
    let _ = JsFuture::from(promise).await;
}

/// Listens for the redirect page's answer for `attempt_id` (on its broadcast channel, and as a
/// message from a window of this origin), keeping the first in `slot`; dropping the listener
/// stops listening.
fn listen(slot: &Rc<RefCell<Slot>>, attempt_id: &str) -> Listener {
    let s = slot.clone();
    let on_channel = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
        if let Some(p) = read_message(&e.data()) {
            deliver(&s, p);
        }
    });
    let s = slot.clone();
    let expected_origin = origin();
    let id = attempt_id.to_string();
    let on_window = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
        // Only our own redirect page, on our own origin, for this attempt.
        if e.origin() != expected_origin {
            return;
        }
        if let Some(p) = read_message(&e.data()) {
            let state = parse_params(&p)
                .into_iter()
                .find(|(k, _)| k == "state")
                .map(|(_, v)| v)
                .unwrap_or_default();
            if state.split('.').next() == Some(id.as_str()) {
                deliver(&s, p);
            }
        }
    });
    let channel = BroadcastChannel::new(&format!("{CHANNEL_PREFIX}{attempt_id}")).ok();
    if let Some(c) = &channel {
        c.set_onmessage(Some(on_channel.as_ref().unchecked_ref()));
    }
    if let Some(w) = web_sys::window() {
        let _ = w.add_event_listener_with_callback("message", on_window.as_ref().unchecked_ref());
    }
    Listener {
        channel,
        _on_channel: on_channel,
        on_window,
    }
}

/// Waits for the redirect's parameters for attempt `attempt_id`.
///
/// `closed` is only a hint: behind Cross-Origin-Opener-Policy (which Microsoft's sign-in pages
/// send) the opener's handle reads `closed` while the window is still open. So when the window
/// looks closed, `on_closed` is called once (the UI says so and offers to try again) and the wait
/// goes on: an answer that still arrives completes the sign-in. The wait ends with the answer, the
/// timeout, or `cancelled` (a newer attempt); it ends as [`AuthError::PopupClosed`] when the window
/// looked closed before that.
pub async fn wait(
    popup: &Window,
    attempt_id: &str,
    timeout_ms: u32,
    on_closed: &dyn Fn(),
    cancelled: &dyn Fn() -> bool,
) -> Result<Vec<(String, String)>, AuthError> {
    let slot: Rc<RefCell<Slot>> = Rc::default();
    let listener = listen(&slot, attempt_id);
    let started = now_ms();
    let mut closed_at: Option<f64> = None;
    let mut reported = false;
    let result = loop {
        if let Some(params) = slot.borrow_mut().params.take() {
            break Ok(parse_params(&params));
        }
        let now = now_ms();
        if popup.closed().unwrap_or(true) {
            let since = *closed_at.get_or_insert(now);
            if now - since > CLOSE_GRACE_MS && !reported {
                reported = true;
                on_closed();
            }
        }
        if cancelled() || now - started > timeout_ms as f64 {
            break Err(if reported {
                AuthError::PopupClosed
            } else {
                AuthError::Timeout
            });
        }
        nap(&slot, 100).await;
    };
    drop(listener);
    if result.is_err() {
        let _ = popup.close();
    }
    result
}
