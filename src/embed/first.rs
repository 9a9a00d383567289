//! The first screen, drawn without Leptos: the picker's frame and the sign-in button (or, when a
//! session will be restored, "Loading…"), in the picker's own classes, language and theme. The
//! picker's code (Leptos and every other screen, see [`crate::picker::sign_in::lazy`]) starts to
//! arrive when the pointer or the focus reaches the button (its stylesheet too, see
//! [`super::styles`]), and takes over at the click: the sign-in window opens in the click (pop-up
//! blockers allow it only there), already at the authority (the attempt is prepared while the
//! button shows), and the picker follows it once its code is here, while the user signs in. A
//! picker with a session to restore, tokens from the page, or an option to complain about takes
//! over at once, and so does a sign-in in another tab. A failed fetch says so, and its button
//! tries again (finishing the sign-in its window went on with, if it did).

use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlElement};

use crate::auth::flow::Interactive;
use crate::auth::client::Watch;
use crate::auth::{AuthClient, AuthError};
use crate::picker::messages::first::FirstWords;
use crate::picker::options::setup::{client_for, setup};
use super::mounted::{is_mounted, keep};
use super::styles::Styles;
use crate::picker::sign_in::handover::{self, Mounting, Table};
use crate::picker::sign_in::lazy::{self, Clicked};
use crate::picker::PickerOptions;

/// The first screen of the picker mounted as `id`: its frame, and the listeners of what it
/// shows. Dropped, it leaves the page.
pub(super) struct First {
    frame: Element,
    _listeners: Vec<Closure<dyn FnMut()>>,
    /// The sign-in screen follows other tabs: a sign-in there hands over to the picker here.
    _watch: Option<Watch>,
}

impl Drop for First {
    fn drop(&mut self) {
        self.frame.remove();
    }
}

/// Where a first screen is, and what its picker is mounted with.
#[derive(Clone)]
struct Screen {
    id: u32,
    element: HtmlElement,
    mounting: Mounting,
    m: FirstWords,
    theme: &'static str,
    /// The sign-in client, when the screen offers the sign-in.
    client: Option<AuthClient>,
    /// The picker's stylesheet, fetched with its code.
    styles: Styles,
}

/// What the frame shows.
enum Panel {
    /// The sign-in button.
    SignIn,
    /// A wait: what it says, and its phase (`signing-in` or `restoring`, as the picker's).
    Waiting(&'static str, &'static str),
    /// The picker's code could not be fetched: why (an error kind and message), whether the
    /// retry is the sign-in's click, and the sign-in that click began (its window went to the
    /// authority: an answer given there is not lost).
    Failed(&'static str, &'static str, bool, Option<Box<Clicked>>),
}

/// Shows the first screen of the picker mounted as `id` in `element`, then hands over to the
/// picker at the click, or at once when the picker has more to do than offer the sign-in.
pub(super) fn show(id: u32, element: HtmlElement, opts: PickerOptions, table: Table, styles: Styles) {
    let plain = table.as_ref().ok().copied().zip(setup(&opts).ok());
    let client = plain.as_ref().and_then(|(_, s)| signed_out(&opts, &s.config));
    let theme = plain.as_ref().map_or("auto", |(_, s)| s.theme);
    let m = FirstWords::of(plain.and_then(|(m, _)| m));
    let screen = Screen {
        id,
        element,
        mounting: Rc::new(std::cell::RefCell::new(Some((opts, table)))),
        m,
        theme,
        client,
        styles,
    };
    if let Some(client) = &screen.client {
        draw(&screen, Panel::SignIn);
        client.prepare_sign_in();
    } else {
        draw(&screen, Panel::Waiting(m.loading, "restoring"));
        hand_over(screen, Clicked::No);
    }
}

/// The sign-in client of a picker whose first screen is the sign-in: its own (no tokens from
/// the page, no app session), signed out, with nothing stored to restore and no host to ask.
fn signed_out(opts: &PickerOptions, config: &crate::auth::AuthConfig) -> Option<AuthClient> {
    if opts.token_provider.is_some() || opts.shared.is_some() {
        return None;
    }
    let (client, _) = client_for(opts.session.as_ref(), config);
    (client.account().is_none() && !client.needs_restore()).then_some(client)
}

/// The sign-in button's click: the window opens now (or the picker begins a redirect), and the
/// picker takes over.
fn click(screen: &Screen) {
    let Some(client) = &screen.client else {
        return;
    };
    let clicked = if client.redirects() {
        Clicked::Begin
    } else {
        match client.begin_sign_in(&Interactive::default()) {
            Ok(pending) => Clicked::Window(pending),
            Err(e) => Clicked::Refused(e),
        }
    };
    draw(screen, Panel::Waiting(screen.m.signing_in, "signing-in"));
    hand_over(screen.clone(), clicked);
}

/// Fetches the picker's code and mounts it in place of the first screen (unless the page
/// unmounted the picker meanwhile); a failed fetch closes the sign-in window it opened and
/// says so.
fn hand_over(screen: Screen, clicked: Clicked) {
    wasm_bindgen_futures::spawn_local(async move {
        let styled = screen.styles.fetch();
        if lazy::loaded().await.is_err() {
            // A blank window is closed; one at the authority stays, the user may sign in
            // there: the retry finishes that sign-in.
            if let Some(w) = clicked.blank_window() {
                let _ = w.close();
            }
            return failed(&screen, clicked);
        }
        if !is_mounted(screen.id) {
            if let Some(w) = clicked.window() {
                let _ = w.close();
            }
            return;
        }
        super::styles::arrived(styled).await;
        let mounting = screen.mounting.clone();
        if let Ok(Some(handle)) = handover::mount(screen.element.clone(), mounting, clicked).await {
            keep(screen.id, handle);
        }
    });
}

/// The picker's code could not be fetched: after a click, a network error whose retry finishes
/// the sign-in `clicked` began if its window has answered, else is the click again; without a
/// click, the load failure, retried by fetching again.
fn failed(screen: &Screen, clicked: Clicked) {
    let m = screen.m;
    let panel = if !matches!(clicked, Clicked::No) {
        let e = AuthError::Network(String::new());
        Panel::Failed(e.kind(), m.network, true, Some(Box::new(clicked)))
    } else {
        Panel::Failed("load_failed", m.load_failed, false, None)
    };
    draw(screen, panel);
}

/// Draws the frame with `panel` (in place of the one shown) and keeps it as the picker's.
fn draw(screen: &Screen, panel: Panel) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let m = screen.m;
    let frame = node(&doc, "section", "odp-picker", None);
    let phase = match &panel {
        Panel::SignIn => "signed-out",
        Panel::Waiting(_, phase) => phase,
        Panel::Failed(..) => "failed",
    };
    let dir = m.dir.map(|d| ("dir", d));
    let attributes = [
        ("lang", m.lang),
        ("data-theme", screen.theme),
        ("aria-label", m.picker),
        ("data-phase", phase),
    ];
    for (name, value) in attributes.into_iter().chain(dir) {
        let _ = frame.set_attribute(name, value);
    }
    let header = node(&doc, "header", "odp-header", None);
    let _ = header.append_child(&node(&doc, "span", "odp-title", Some(m.title)));
    let _ = frame.append_child(&header);
    let watch = matches!(panel, Panel::SignIn).then(|| watch(screen)).flatten();
    let (body, listeners) = body(&doc, screen, panel);
    let _ = frame.append_child(&body);
    let _ = screen.element.append_child(&frame);
    // The screen shown before leaves the page as this one takes its place.
    keep(
        screen.id,
        Box::new(First {
            frame,
            _listeners: listeners,
            _watch: watch,
        }),
    );
}

/// Watches other tabs while the sign-in is shown: once one signs in (the storage holds a
/// session), the picker takes over and restores it.
fn watch(screen: &Screen) -> Option<Watch> {
    let client = screen.client.as_ref()?;
    let s = screen.clone();
    Some(client.watch(Rc::new(move |_| {
        if s.client.as_ref().is_some_and(AuthClient::needs_restore) {
            draw(&s, Panel::Waiting(s.m.loading, "restoring"));
            hand_over(s.clone(), Clicked::No);
        }
    })))
}

/// The panel's elements and listeners.
fn body(doc: &Document, screen: &Screen, panel: Panel) -> (Element, Vec<Closure<dyn FnMut()>>) {
    let m = screen.m;
    match panel {
        Panel::SignIn => {
            let div = node(doc, "div", "odp-signin", None);
            let _ = div.append_child(&node(doc, "p", "", Some(m.sign_in_prompt)));
            let button = node(doc, "button", "odp-primary odp-signin-button", Some(m.sign_in));
            let near = || {
                let styles = screen.styles.clone();
                Closure::<dyn FnMut()>::new(move || {
                    lazy::preload();
                    styles.fetch();
                })
            };
            let s = screen.clone();
            let listeners = vec![
                listen(&button, "pointerenter", near()),
                // A touch has no hover: its press comes a moment before its click.
                listen(&button, "pointerdown", near()),
                listen(&button, "focus", near()),
                listen(&button, "click", Closure::new(move || click(&s))),
            ];
            let _ = div.append_child(&button);
            (div, listeners)
        }
        Panel::Waiting(message, _) => {
            let div = node(doc, "div", "odp-signin", None);
            let _ = div.set_attribute("role", "status");
            let _ = div.append_child(&node(doc, "p", "odp-waiting", Some(message)));
            (div, Vec::new())
        }
        Panel::Failed(kind, message, with_click, kept) => {
            let div = node(doc, "div", "odp-error", None);
            let _ = div.set_attribute("role", "alert");
            let _ = div.set_attribute("data-error", kind);
            let _ = div.append_child(&node(doc, "p", "odp-error-message", Some(message)));
            let button = node(doc, "button", "odp-primary odp-retry", Some(m.try_again));
            let s = screen.clone();
            let mut kept = kept;
            let retry = Closure::new(move || match kept.take().filter(|c| c.answered()) {
                // Answered while the code was away: the sign-in goes on with that answer (one
                // that was not is dropped first: its window is no longer waited for).
                Some(clicked) => {
                    draw(&s, Panel::Waiting(s.m.signing_in, "signing-in"));
                    hand_over(s.clone(), *clicked);
                }
                None if with_click => click(&s),
                None => {
                    draw(&s, Panel::Waiting(s.m.loading, "restoring"));
                    hand_over(s.clone(), Clicked::No);
                }
            });
            let listeners = vec![listen(&button, "click", retry)];
            let _ = div.append_child(&button);
            (div, listeners)
        }
    }
}

/// An element `tag` of `class` (none when empty), with `text`.
fn node(doc: &Document, tag: &str, class: &str, text: Option<&str>) -> Element {
    let e = doc.create_element(tag).unwrap_throw();
    if !class.is_empty() {
        e.set_class_name(class);
    }
    if text.is_some() {
        e.set_text_content(text);
    }
    e
}

/// Listens to `event` on `target` with `f`, which the caller keeps as long as the element.
fn listen(target: &Element, event: &str, f: Closure<dyn FnMut()>) -> Closure<dyn FnMut()> {
    let _ = target.add_event_listener_with_callback(event, f.as_ref().unchecked_ref());
    f
}
