//! Embedding from plain JavaScript: `mountPicker(element, options)` mounts the picker into any
//! element and returns a handle whose `unmount()` removes it (and aborts its requests). The picker
//! stays mounted until then, whether or not the page keeps the handle.
//!
//! ```js
//! const picker = wasmBindings.mountPicker(document.getElementById("files"), {
//!   clientId: "…", authority: "https://login.microsoftonline.com/organizations",
//!   scopes: "User.Read Files.Read.All", multiple: true, maxCount: 5, filters: ".docx .xlsx",
//!   onPick: (items) => items.forEach((i) => console.log(i.name, i.webUrl)),
//!   // Or, when the portal's server holds the signed-in user's own token (no sign-in here):
//!   // tokenProvider: async (scopes, refresh) => (await fetch("/api/graph-token")).text(),
//! });
//! ```

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::auth::{Prompt, ProvidedTokens, TokenStorage};
use crate::picker::controller::PickHandlers;
use crate::picker::uploader::{UploadEvents, UploadProgress};
use crate::picker::{
    picker, Mode, PageEvents, PickedItem, PickerErrorInfo, PickerOptions, SessionSlot,
};

thread_local! {
    /// The mounted pickers, by handle id. A picker stays until `unmount()` is called: a page
    /// that drops the handle (and lets the garbage collector free it) keeps its picker.
    static MOUNTED: RefCell<HashMap<u32, Box<dyn Any>>> = RefCell::new(HashMap::new());
    static NEXT_ID: Cell<u32> = const { Cell::new(0) };
}

/// A mounted picker; `unmount()` removes it (freeing the handle alone does not).
#[wasm_bindgen]
pub struct PickerHandle {
    id: Cell<u32>,
    element: web_sys::HtmlElement,
    session: SessionSlot,
}

#[wasm_bindgen]
impl PickerHandle {
    /// Removes the picker from the page, aborting its requests and releasing its listeners.
    pub fn unmount(&self) {
        let mounted = MOUNTED.with(|m| m.borrow_mut().remove(&self.id.get()));
        drop(mounted);
    }

    /// Applies new options (all of them, as for `mountPicker`): the picker is built again in
    /// place, keeping the signed-in account while the sign-in options stay the same.
    pub fn update(&self, options: JsValue) -> Result<(), JsValue> {
        let opts = read_options(&options, self.session.clone())?;
        self.unmount();
        self.id.set(mount(self.element.clone(), opts));
        Ok(())
    }
}

fn mount(element: web_sys::HtmlElement, opts: PickerOptions) -> u32 {
    let handle = leptos::mount::mount_to(element, move || picker(opts));
    let id = NEXT_ID.with(|n| {
        n.set(n.get() + 1);
        n.get()
    });
    MOUNTED.with(|m| m.borrow_mut().insert(id, Box::new(handle)));
    id
}

fn string(options: &JsValue, key: &str) -> Option<String> {
    Reflect::get(options, &key.into())
        .ok()?
        .as_string()
        .filter(|s| !s.is_empty())
}

/// A whole number of at least 1, when given.
fn whole(options: &JsValue, key: &str) -> Result<Option<f64>, JsValue> {
    match Reflect::get(options, &key.into())
        .ok()
        .and_then(|v| v.as_f64())
    {
        Some(n) if n >= 1.0 && n.fract() == 0.0 => Ok(Some(n)),
        Some(_) => Err(format!("options.{key} must be a whole number of at least 1").into()),
        None => Ok(None),
    }
}

fn function(options: &JsValue, key: &str) -> Result<Option<Function>, JsValue> {
    match Reflect::get(options, &key.into()) {
        Ok(v) if v.is_undefined() || v.is_null() => Ok(None),
        Ok(v) => v
            .dyn_into::<Function>()
            .map(Some)
            .map_err(|_| JsValue::from_str(&format!("options.{key} must be a function"))),
        Err(_) => Ok(None),
    }
}

fn picked_to_js(item: &PickedItem) -> JsValue {
    let text = |v: &Option<String>| v.as_deref().map(JsValue::from).unwrap_or(JsValue::NULL);
    let size = item.size.map(|s| JsValue::from_f64(s as f64));
    object(&[
        ("id", item.id.as_str().into()),
        ("driveId", text(&item.drive_id)),
        ("name", item.name.as_str().into()),
        ("isFolder", item.is_folder.into()),
        ("size", size.unwrap_or(JsValue::NULL)),
        ("mimeType", text(&item.mime_type)),
        ("webUrl", text(&item.web_url)),
        ("parentPath", text(&item.parent_path)),
        ("lastModifiedDateTime", text(&item.last_modified)),
        ("thumbnailUrl", text(&item.thumbnail_url)),
        ("downloadUrl", text(&item.download_url)),
        (
            "sharingLink",
            item.sharing_link.as_ref().map_or(JsValue::NULL, |l| {
                object(&[
                    ("webUrl", l.web_url.as_deref().unwrap_or_default().into()),
                    ("type", text(&l.kind)),
                    ("scope", text(&l.scope)),
                ])
            }),
        ),
    ])
}

/// Mounts the picker into `element`. Options: `clientId`, `authority`, `redirectUri`, `scopes`,
/// `graphBase`, `prompt`, `loginHint`, `domainHint`, `tokenStorage` (`memory` | `session` |
/// `local`), `tokenProvider(scopes, refresh) => Promise<string>`, `mode` (`files` | `folders` |
/// `all`), `multiple`, `maxCount`, `filters`, `sources`, `start`, `onPick(items)`,
/// `onCancel()`, `onSignIn(account)`, `onSignOut()`, `onError({code, message, action,
/// requestId})`, `openFiles`, `downloadUrls`, `thumbnailUrls`, `endSessionOnSignOut`, `history`, `locale`,
/// `theme` (see the README).
#[wasm_bindgen(js_name = mountPicker)]
pub fn mount_picker(
    element: web_sys::HtmlElement,
    options: JsValue,
) -> Result<PickerHandle, JsValue> {
    let session = SessionSlot::default();
    let opts = read_options(&options, session.clone())?;
    let id = mount(element.clone(), opts);
    Ok(PickerHandle {
        id: Cell::new(id),
        element,
        session,
    })
}

/// Reads and checks `mountPicker`'s options.
fn read_options(options: &JsValue, session: SessionSlot) -> Result<PickerOptions, JsValue> {
    let token_provider = function(options, "tokenProvider")?.map(|f| {
        ProvidedTokens::new(move |scopes, refresh| {
            let f = f.clone();
            Box::pin(async move {
                let list: js_sys::Array = scopes.iter().map(|s| JsValue::from_str(s)).collect();
                let returned = f
                    .call2(&JsValue::NULL, &list, &JsValue::from_bool(refresh))
                    .map_err(describe)?;
                let token = JsFuture::from(Promise::resolve(&returned))
                    .await
                    .map_err(describe)?;
                token
                    .as_string()
                    .filter(|t| !t.is_empty())
                    .ok_or_else(|| "the token provider returned no token".to_string())
            })
        })
    });
    let on_pick = function(options, "onPick")?.map(|f| {
        Rc::new(move |items: Vec<PickedItem>| {
            let list: js_sys::Array = items.iter().map(picked_to_js).collect();
            let _ = f.call1(&JsValue::NULL, &list);
        }) as Rc<dyn Fn(Vec<PickedItem>)>
    });
    let on_cancel = function(options, "onCancel")?.map(|f| {
        Rc::new(move || {
            let _ = f.call0(&JsValue::NULL);
        }) as Rc<dyn Fn()>
    });
    let events = page_events(options)?;
    let mode = match string(options, "mode") {
        Some(m) => Mode::parse(&m).ok_or("options.mode must be files, folders or all")?,
        None => Mode::Files,
    };
    let max_count = whole(options, "maxCount")?.map(|n| n as usize);
    let client_id = string(options, "clientId");
    if client_id.is_none() && token_provider.is_none() {
        return Err("options.clientId is required (or options.tokenProvider)".into());
    }
    let prompt = match string(options, "prompt") {
        Some(p) => Some(Prompt::parse(&p).ok_or_else(|| {
            JsValue::from_str("options.prompt must be login, none, consent or select_account")
        })?),
        None => None,
    };
    let token_storage = match string(options, "tokenStorage").as_deref() {
        None | Some("memory") => TokenStorage::Memory,
        Some("session") => TokenStorage::Session,
        Some("local") => TokenStorage::Local,
        Some(_) => return Err("options.tokenStorage must be memory, session or local".into()),
    };
    let flag = |name: &str, default: bool| {
        Reflect::get(options, &name.into())
            .ok()
            .and_then(|v| v.as_bool())
            .unwrap_or(default)
    };
    let handlers = PickHandlers {
        on_pick,
        on_cancel,
        open_files: flag("openFiles", true),
        download_urls: flag("downloadUrls", false),
        thumbnail_urls: flag("thumbnailUrls", false),
        share_link: None,
    };
    let upload_events = UploadEvents {
        on_progress: function(options, "onUploadProgress")?.map(|f| {
            Rc::new(move |p: UploadProgress| {
                let detail = object(&[
                    ("path", p.path.into()),
                    ("loaded", JsValue::from_f64(p.loaded as f64)),
                    ("total", JsValue::from_f64(p.total as f64)),
                    ("overallLoaded", JsValue::from_f64(p.overall_loaded as f64)),
                    ("overallTotal", JsValue::from_f64(p.overall_total as f64)),
                ]);
                let _ = f.call1(&JsValue::NULL, &detail);
            }) as Rc<dyn Fn(UploadProgress)>
        }),
        on_upload: function(options, "onUpload")?.map(|f| {
            Rc::new(move |items: Vec<PickedItem>| {
                let list: js_sys::Array = items.iter().map(picked_to_js).collect();
                let _ = f.call1(&JsValue::NULL, &list);
            }) as Rc<dyn Fn(Vec<PickedItem>)>
        }),
    };
    let end_session_on_sign_out = flag("endSessionOnSignOut", false);
    let opts = PickerOptions {
        client_id: client_id.unwrap_or_default(),
        authority: string(options, "authority"),
        redirect_uri: string(options, "redirectUri"),
        scopes: string(options, "scopes"),
        graph_base: string(options, "graphBase"),
        prompt,
        login_hint: string(options, "loginHint"),
        domain_hint: string(options, "domainHint"),
        token_storage,
        token_provider,
        mode,
        multiple: flag("multiple", false),
        max_count,
        filters: string(options, "filters"),
        sources: string(options, "sources"),
        start: string(options, "start"),
        handlers,
        end_session_on_sign_out,
        browser_history: flag("history", true),
        locale: string(options, "locale"),
        theme: string(options, "theme"),
        events,
        session: Some(session),
        shared: None,
        upload: flag("upload", false),
        upload_max_size: whole(options, "uploadMaxSize")?.map(|n| n as u64),
        upload_max_count: whole(options, "uploadMaxCount")?.map(|n| n as usize),
        upload_accept: string(options, "uploadAccept"),
        create_folder: flag("createFolder", false),
        share_link: string(options, "shareLink"),
        upload_events,
    };
    Ok(opts)
}

/// A plain object: `{ key: value, … }` (values already JS).
fn object(fields: &[(&str, JsValue)]) -> JsValue {
    let o = js_sys::Object::new();
    for (k, v) in fields {
        let _ = Reflect::set(&o, &(*k).into(), v);
    }
    o.into()
}

/// `onSignIn({name, username, tenantId})`, `onSignOut()`, `onError({code, message, action,
/// requestId})`.
fn page_events(options: &JsValue) -> Result<PageEvents, JsValue> {
    let on_sign_in = function(options, "onSignIn")?.map(|f| {
        Rc::new(move |a: &crate::auth::Account| {
            let account = object(&[
                ("name", a.name.as_str().into()),
                ("username", a.username.as_str().into()),
                ("tenantId", a.tenant_id.as_str().into()),
            ]);
            let _ = f.call1(&JsValue::NULL, &account);
        }) as crate::picker::events::AccountListener
    });
    let on_sign_out = function(options, "onSignOut")?.map(|f| {
        Rc::new(move || {
            let _ = f.call0(&JsValue::NULL);
        }) as Rc<dyn Fn()>
    });
    let on_error = function(options, "onError")?.map(|f| {
        Rc::new(move |e: PickerErrorInfo| {
            let detail = object(&[
                ("code", e.code.into()),
                ("message", e.message.into()),
                ("action", e.action.into()),
                (
                    "requestId",
                    e.request_id.map(JsValue::from).unwrap_or(JsValue::NULL),
                ),
            ]);
            let _ = f.call1(&JsValue::NULL, &detail);
        }) as Rc<dyn Fn(PickerErrorInfo)>
    });
    Ok(PageEvents {
        on_sign_in,
        on_sign_out,
        on_error,
    })
}

fn describe(e: JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "the token provider failed".into())
}
