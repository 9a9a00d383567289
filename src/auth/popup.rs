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

/// A listener of `message` events, removed when dropped.
struct OnMessage<T: AsRef<JsValue>> {
    target: T,
    on_message: Closure<dyn FnMut(MessageEvent)>,
}

impl<T: AsRef<JsValue>> Drop for OnMessage<T> {
    fn drop(&mut self) {
        let target: &web_sys::EventTarget = self.target.as_ref().unchecked_ref();
        let f = self.on_message.as_ref().unchecked_ref();
        let _ = target.remove_event_listener_with_callback("message", f);
    }
}

/// Listens to `target`'s `message` events with `f`.
fn on_message<T: AsRef<JsValue>>(target: T, f: impl FnMut(MessageEvent) + 'static) -> OnMessage<T> {
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(f);
    let events: &web_sys::EventTarget = target.as_ref().unchecked_ref();
    let _ = events.add_event_listener_with_callback("message", on_message.as_ref().unchecked_ref());
    OnMessage { target, on_message }
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

/// The attempt an answer (`code=…&state={id}.{random}`) is for. Read without decoding: the state
/// is base64url and a dot, which no encoding changes.
fn attempt_of(params: &str) -> Option<&str> {
    let mut pairs = params.trim_start_matches(['?', '#']).split('&');
    let state = pairs.find_map(|pair| pair.strip_prefix("state="))?;
    state.split('.').next()
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

/// Listening for one attempt's answer: begun before the window goes to the authority (the first
/// screen's click sends it there before the rest of the flow's code is here, and an answer that
/// came with nobody listening would be lost). Dropped, it stops listening.
pub struct Answer {
    slot: Rc<RefCell<Slot>>,
    /// The attempt's broadcast channel (closed when dropped, after its listener goes).
    channel: Option<OnMessage<BroadcastChannel>>,
    /// Messages to this window, listened to once the wait begins (see [`wait`]).
    window: Option<OnMessage<Window>>,
}

impl Drop for Answer {
    fn drop(&mut self) {
        if let Some(c) = self.channel.take() {
            let channel = c.target.clone();
            drop(c);
            channel.close();
        }
    }
}

/// Listens for the redirect page's answer for `attempt_id` on its broadcast channel, keeping
/// the first.
pub fn listen(attempt_id: &str) -> Answer {
    let slot: Rc<RefCell<Slot>> = Rc::default();
    let s = slot.clone();
    let channel = BroadcastChannel::new(&format!("{CHANNEL_PREFIX}{attempt_id}")).ok();
    let channel = channel.map(|c| {
        on_message(c, move |e: MessageEvent| {
            if let Some(p) = read_message(&e.data()) {
                deliver(&s, p);
            }
        })
    });
    Answer {
        slot,
        channel,
        window: None,
    }
}

impl Answer {
    /// Whether the answer has arrived.
    pub fn arrived(&self) -> bool {
        self.slot.borrow().params.is_some()
    }

    /// Listens also for `attempt_id`'s answer posted to this window from this origin (the relay
    /// page's, and the redirect page's where its opener is kept).
    fn posted_too(&mut self, attempt_id: &str) {
        let Some(window) = web_sys::window() else {
            return;
        };
        let s = self.slot.clone();
        let expected_origin = origin();
        let id = attempt_id.to_string();
        self.window = Some(on_message(window, move |e: MessageEvent| {
            // Only our own redirect page, on our own origin, for this attempt.
            if e.origin() != expected_origin {
                return;
            }
            if let Some(p) = read_message(&e.data()).filter(|p| attempt_of(p) == Some(&id)) {
                deliver(&s, p);
            }
        }));
    }
}

/// Waits for the redirect's parameters of the attempt `answer` listens for.
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
    mut answer: Answer,
    timeout_ms: u32,
    on_closed: &dyn Fn(),
    cancelled: &dyn Fn() -> bool,
) -> Result<Vec<(String, String)>, AuthError> {
    answer.posted_too(attempt_id);
    let slot = &answer.slot.clone();
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
        nap(slot, 100).await;
    };
    drop(answer);
    if result.is_err() {
        let _ = popup.close();
    }
    result
}

#[cfg(test)]
mod tests {
    use super::attempt_of;

    #[test]
    fn an_answer_names_its_attempt_in_its_state() {
        assert_eq!(attempt_of("#code=x&state=abc.def"), Some("abc"));
        assert_eq!(attempt_of("state=abc.def&code=x"), Some("abc"));
        assert_eq!(attempt_of("code=x&xstate=abc.def"), None);
        assert_eq!(attempt_of("error=access_denied"), None);
    }
}
