//! The host's bridge at the DOM edge: `window.nestedAppAuthBridge` (`postMessage(string)`,
//! `addEventListener("message", …)`), installed by the host or by its hook
//! `window.__initializeNestedAppAuth()`. Every wait is bounded: hosts have been seen never to
//! answer. A call's listener is removed when the call ends or is dropped.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Array, Function, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::codec::reply_id;
use crate::auth::error::{AuthError, HostStatus};

const BRIDGE: &str = "nestedAppAuthBridge";
const HOOK: &str = "__initializeNestedAppAuth";

/// The host's bridge.
#[derive(Clone)]
pub struct Bridge(JsValue);

fn global(name: &str) -> Option<JsValue> {
    let w = web_sys::window()?;
    Reflect::get(&w, &JsValue::from_str(name))
        .ok()
        .filter(|v| !v.is_undefined() && !v.is_null())
}

fn method(target: &JsValue, name: &str) -> Option<Function> {
    Reflect::get(target, &JsValue::from_str(name))
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok())
}

/// Whether the page may be inside a host: a bridge is there, or the hook that installs one.
pub fn offered() -> bool {
    global(BRIDGE).is_some() || global(HOOK).is_some_and(|h| h.is_function())
}

/// Waits for `promise` at most `ms` milliseconds: `None` when time ran out.
async fn within(promise: &Promise, ms: u32) -> Option<Result<JsValue, JsValue>> {
    let late = Object::new();
    let marker = late.clone();
    let timer = Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_1(
                &resolve,
                ms.min(i32::MAX as u32) as i32,
                &marker,
            );
        }
    });
    let first = JsFuture::from(Promise::race(&Array::of2(promise, &timer))).await;
    match first {
        Ok(v) if Object::is(&v, &late) => None,
        other => Some(other),
    }
}

/// The bridge, after the host's hook (if it defined one) has run, bounded by `timeout_ms`.
/// `None`: no host here.
pub async fn find(timeout_ms: u32) -> Result<Option<Bridge>, AuthError> {
    if let (Some(w), Some(hook)) = (web_sys::window(), global(HOOK).and_then(|h| h.dyn_into::<Function>().ok())) {
        let installing = hook
            .call0(&w)
            .map(|r| Promise::resolve(&r))
            .unwrap_or_else(|e| Promise::reject(&e));
        if within(&installing, timeout_ms).await.is_none() {
            return Err(AuthError::HostTimeout);
        }
    }
    Ok(global(BRIDGE)
        .filter(|b| method(b, "postMessage").is_some() && method(b, "addEventListener").is_some())
        .map(Bridge))
}

/// A call's listener, removed from the bridge when dropped.
struct Listening {
    bridge: JsValue,
    listener: Closure<dyn FnMut(JsValue)>,
}

impl Drop for Listening {
    fn drop(&mut self) {
        if let Some(remove) = method(&self.bridge, "removeEventListener") {
            let _ = remove.call2(&self.bridge, &"message".into(), self.listener.as_ref());
        }
    }
}

impl Bridge {
    /// Sends `message` (its request id is `id`) and waits at most `timeout_ms` for the reply
    /// with that id (a string, or `{ data: string }`), which it returns.
    pub async fn call(&self, message: &str, id: &str, timeout_ms: u32) -> Result<String, AuthError> {
        let unavailable = |why: &str| AuthError::Host {
            status: HostStatus::Unavailable,
            code: None,
            description: why.into(),
        };
        let resolver: Rc<RefCell<Option<Function>>> = Rc::default();
        let slot = resolver.clone();
        let reply = Promise::new(&mut |resolve, _| *slot.borrow_mut() = Some(resolve));
        let id = id.to_string();
        let listener = Closure::<dyn FnMut(JsValue)>::new(move |answer: JsValue| {
            let text = answer.as_string().or_else(|| {
                Reflect::get(&answer, &"data".into()).ok().and_then(|d| d.as_string())
            });
            if let Some(text) = text.filter(|t| reply_id(t).as_deref() == Some(id.as_str())) {
                if let Some(resolve) = resolver.borrow_mut().take() {
                    let _ = resolve.call1(&JsValue::NULL, &text.into());
                }
            }
        });
        let add = method(&self.0, "addEventListener").ok_or_else(|| unavailable("the bridge cannot be listened to"))?;
        add.call2(&self.0, &"message".into(), listener.as_ref())
            .map_err(|_| unavailable("the bridge refused a listener"))?;
        let _listening = Listening {
            bridge: self.0.clone(),
            listener,
        };
        let post = method(&self.0, "postMessage").ok_or_else(|| unavailable("the bridge cannot be written to"))?;
        post.call1(&self.0, &message.into())
            .map_err(|_| unavailable("the bridge refused the request"))?;
        match within(&reply, timeout_ms).await {
            Some(Ok(text)) => text.as_string().ok_or_else(|| unavailable("the reply is not text")),
            Some(Err(_)) => Err(unavailable("the bridge failed")),
            None => Err(AuthError::HostTimeout),
        }
    }
}
