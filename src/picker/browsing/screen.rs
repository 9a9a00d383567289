//! The browsing screen's side of the shell: what it needs from the sign-in (the
//! [`BrowsingParts`], handed over once), the picker, uploader and saver it builds from them the first
//! time it is shown, and what each showing does (a new account starts afresh, the place shown
//! loads, the list takes the focus after a sign-in, the request in flight stops when the screen
//! goes). The shell reaches it only through [`crate::picker::sign_in::lazy`], so in the package this code — and
//! Graph, the listing and uploads behind it — is a module fetched when it is first needed.

use std::cell::RefCell;
use std::rc::Rc;

use leptos::context::Provider;
use leptos::leptos_dom::helpers::request_animation_frame;
use leptos::prelude::*;

use crate::picker::views::browse::Browse;
use super::controller::{Picker, PickerParts, SignInLink};
use crate::picker::events::{self, PickerErrorInfo};
use super::history;
use crate::picker::model::selection::Selection;
use crate::picker::model::source::Source;
use crate::picker::model::state::{Browser, Crumb};
use crate::picker::saving::saver::{SaveRequest, Saver};
use crate::picker::uploads::uploader::{UploadEvents, Uploader, WriteOptions};
use crate::auth::{Account, AuthClient, AuthError};
use crate::picker::sign_in::machine::SignIn;

/// What the browsing screen is built from (taken once, when it is first shown).
pub(crate) struct BrowsingParts {
    pub start: (Source, Option<Crumb>),
    /// The user stays in the start (`lock-to-start`).
    pub lock: bool,
    pub picking: PickerParts,
    pub auth_failed: Callback<AuthError>,
    pub consent: Callback<Vec<String>>,
    pub write: WriteOptions,
    pub upload_events: UploadEvents,
    /// Save as: what the page asked.
    pub save: SaveRequest,
    pub browser_history: bool,
    pub on_error: Option<Rc<dyn Fn(PickerErrorInfo)>>,
    /// The picker's own sign-in (none when the page provides tokens): told where the picker is,
    /// so that a redirect sign-in comes back there.
    pub client: Option<AuthClient>,
}

/// The browsing screen's state across its showings (it goes while the user signs in again, and
/// comes back with the place and the selection the account had).
pub(crate) struct Browsing {
    parts: RefCell<Option<BrowsingParts>>,
    built: RefCell<Option<Built>>,
    /// The shell's owner: what is built lives as long as the picker, not one showing.
    owner: Owner,
    /// The sign-in, followed.
    state: ReadSignal<SignIn>,
    /// What the last showing saw: the account, the sign-ins and the forgets (`None`, or
    /// another account or forget count: start afresh).
    seen: RefCell<Seen>,
}

/// What a showing saw of the sign-in.
#[derive(Clone, PartialEq)]
struct Seen {
    account: Option<String>,
    sign_ins: u64,
    forgets: u64,
}

impl Seen {
    fn of(s: &SignIn) -> Seen {
        Seen {
            account: s.account().map(account_key),
            sign_ins: s.sign_ins(),
            forgets: s.forgets(),
        }
    }
}

/// Who an account is, for telling two accounts apart.
pub(crate) fn account_key(a: &Account) -> String {
    format!("{}/{}", a.tenant_id, a.object_id)
}

impl Browsing {
    /// The screen to build from `parts`, within the current owner, following `state`.
    pub fn new(parts: BrowsingParts, state: ReadSignal<SignIn>) -> Rc<Browsing> {
        let client = parts.client.clone();
        let browsing = Rc::new(Browsing {
            parts: RefCell::new(Some(parts)),
            built: RefCell::new(None),
            owner: Owner::current().unwrap_or_default(),
            state,
            seen: RefCell::new(state.with_untracked(Seen::of)),
        });
        if let Some(client) = client {
            let this = Rc::downgrade(&browsing);
            client.while_redeeming(move || {
                if let Some(b) = this.upgrade() {
                    b.warm_next_listing();
                }
            });
        }
        browsing
    }

    /// Has the browser ask for the CORS preflight of the listing this screen shows next (its
    /// start, until it is built; then the place it is in) while a sign-in's token is on its way:
    /// the listing's request then goes without one, a round trip sooner.
    fn warm_next_listing(&self) {
        let request = match (&*self.built.borrow(), &*self.parts.borrow()) {
            // The picker's state lives in the shell's owner, gone with it.
            (Some(b), _) => {
                let picker = b.picker;
                let request = picker.browser.try_with_untracked(|browser| {
                    let graph = picker.graph();
                    graph.preflight_for(&browser.fetch(graph.base()).url)
                });
                request.flatten()
            }
            (None, Some(p)) => {
                let graph = &p.picking.graph;
                let fetch = starting(&p.start, p.lock, false).fetch(graph.base());
                graph.preflight_for(&fetch.url)
            }
            (None, None) => None,
        };
        if let Some(request) = request {
            crate::browser::warm_preflight(request);
        }
    }

    fn build(&self) -> Option<Built> {
        if let Some(b) = self.built.borrow().clone() {
            return Some(b);
        }
        let mut p = self.parts.borrow_mut().take()?;
        let selected = std::mem::take(&mut p.picking.selected);
        let personal = self
            .state
            .with_untracked(|s| s.account().is_some_and(Account::is_personal));
        let state = self.state;
        let built = self.owner.with(|| {
            // Made in the shell's owner: it outlives the showings.
            let sign_ins = Memo::new(move |_| state.with(SignIn::sign_ins)).into();
            let messages = p.picking.messages;
            let link = SignInLink {
                auth_failed: p.auth_failed,
                consent: p.consent,
                sign_ins,
            };
            let browser = starting(&p.start, p.lock, personal);
            let picker = Picker::new(browser, p.picking, link);
            let uploader = Uploader::new(picker, p.write, p.upload_events);
            let saver = Saver::new(picker, p.save);
            picker.preselect(selected);
            if let Some(f) = p.on_error {
                events::announce_listing_errors(f, picker, messages);
            }
            if p.browser_history {
                install_history(picker);
            }
            if let Some(client) = p.client.clone() {
                follow_place(picker, client);
            }
            Built {
                picker,
                uploader,
                saver,
                start: p.start,
                lock: p.lock,
                client: p.client,
            }
        });
        *self.built.borrow_mut() = Some(built.clone());
        Some(built)
    }
}

/// The picker and uploader, once built, and where a new account starts.
#[derive(Clone)]
struct Built {
    picker: Picker,
    uploader: Uploader,
    saver: Saver,
    start: (Source, Option<Crumb>),
    lock: bool,
    client: Option<AuthClient>,
}

/// The browser at the start (locked there when the page says).
fn starting(start: &(Source, Option<Crumb>), lock: bool, personal: bool) -> Browser {
    let browser = Browser::new(start.0, personal, start.1.clone());
    if lock {
        browser.locked()
    } else {
        browser
    }
}

/// Tells the sign-in where the picker is after each navigation (a redirect sign-in comes back
/// there).
fn follow_place(picker: Picker, client: AuthClient) {
    Effect::new(move |_| {
        picker.navigations.track();
        let trail = picker.browser.with_untracked(|b| Crumb::encode_trail(&b.trail));
        client.set_place(trail);
    });
}

/// Browser Back and Forward follow the picker's navigations.
fn install_history(picker: Picker) {
    let history = history::History::install(
        picker,
        crate::util::b64url(crate::browser::random_bytes::<6>()),
    );
    Effect::new(move |seen: Option<u64>| {
        let n = picker.navigations.get();
        if seen.is_some_and(|s| s != n) {
            history.push(picker);
        }
        n
    });
}

/// One showing of the browsing screen.
pub(crate) fn show(b: Rc<Browsing>) -> AnyView {
    let Some(Built {
        picker,
        uploader,
        saver,
        start,
        lock,
        client,
    }) = b.build()
    else {
        return ().into_any();
    };
    let now = b.state.with_untracked(Seen::of);
    let before = b.seen.replace(now.clone());
    if (&before.account, before.forgets) != (&now.account, now.forgets) {
        let personal = b
            .state
            .with_untracked(|s| s.account().is_some_and(Account::is_personal));
        picker.browser.set(starting(&start, lock, personal));
        picker.selection.update(Selection::clear);
        picker.forget_pages();
    }
    // Back from a redirect sign-in: the place the picker was in.
    let back = client.as_ref().and_then(AuthClient::take_return_place);
    if let Some(trail) = back.as_deref().and_then(Crumb::decode_trail) {
        picker.browser.update(|b| {
            b.set_trail(trail);
        });
        if let Some(c) = &client {
            c.set_place(back);
        }
    }
    picker.load();
    // The rows' number, plural and date formatters are made while the first page is on its way
    // (the first of each costs milliseconds the rows would wait for), in a task of their own:
    // not while the sign-in's answer or its token request could be waiting for the thread.
    crate::browser::warm_intl(picker.messages.lang);
    if now.sign_ins != before.sign_ins {
        request_animation_frame(move || picker.focus_list());
    }
    on_cleanup(move || picker.abort());
    view! {
        <Provider value=picker>
            <Provider value=uploader>
                <Provider value=saver>
                    <Browse/>
                </Provider>
            </Provider>
        </Provider>
    }
    .into_any()
}
