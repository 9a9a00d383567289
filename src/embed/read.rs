//! Reading `mountPicker`'s (and the element's) JavaScript options: the plain ones through the
//! option table, then the functions, the page's words and the events, each checked (a value of
//! the wrong type is a configuration error, not ignored).

use std::rc::Rc;

use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::auth::{AuthMode, Prompt, ProvidedTokens, TokenStorage};
use crate::picker::browsing::controller::PickHandlers;
use crate::picker::messages::locale::MessageOverrides;
use crate::picker::saving::saver::{SaveRequest, SaveResult};
use super::styles::Styles;
use crate::picker::options::table::{Given, OptionValues};
use crate::picker::uploads::uploader::{UploadEvents, UploadProgress};
use crate::picker::{Mode, PageEvents, PickedItem, PickerErrorInfo, PickerOptions, SessionSlot};

/// The option `key` as JavaScript gave it.
pub(super) fn given(options: &JsValue, key: &str) -> Given {
    let Ok(v) = Reflect::get(options, &key.into()) else {
        return Given::Absent;
    };
    if v.is_undefined() || v.is_null() {
        Given::Absent
    } else if let Some(t) = v.as_string() {
        Given::Text(t)
    } else if let Some(b) = v.as_bool() {
        Given::Bool(b)
    } else if let Some(n) = v.as_f64() {
        Given::Number(n)
    } else {
        Given::Other
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

/// The sign-in's word options, checked: `prompt`, `authMode`, `tokenStorage`.
fn sign_in_choices(v: &OptionValues) -> Result<(Option<Prompt>, AuthMode, TokenStorage), JsValue> {
    let prompt = match v.text("prompt") {
        Some(p) => Some(Prompt::parse(&p).ok_or_else(|| {
            JsValue::from_str("options.prompt must be login, none, consent or select_account")
        })?),
        None => None,
    };
    let auth_mode = match v.text("auth_mode") {
        Some(m) => AuthMode::parse(&m)
            .ok_or("options.authMode must be auto, popup, redirect or nested")?,
        None => AuthMode::Auto,
    };
    let token_storage = match v.text("token_storage").as_deref() {
        None | Some("memory") => TokenStorage::Memory,
        Some("session") => TokenStorage::Session,
        Some("local") => TokenStorage::Local,
        Some(_) => return Err("options.tokenStorage must be memory, session or local".into()),
    };
    Ok((prompt, auth_mode, token_storage))
}

/// Reads and checks `mountPicker`'s options: the plain ones through the option table, then the
/// functions.
pub(super) fn read_options(options: &JsValue, session: SessionSlot) -> Result<PickerOptions, JsValue> {
    let v = OptionValues::read(|key| given(options, key))?;
    let token_provider = token_provider(options)?;
    let mode = match v.text("mode") {
        Some(m) => Mode::parse(&m).ok_or("options.mode must be files, folders, all or save")?,
        None => Mode::Files,
    };
    let client_id = v.text("client_id");
    if client_id.is_none() && token_provider.is_none() {
        return Err("options.clientId is required (or options.tokenProvider)".into());
    }
    let (prompt, auth_mode, token_storage) = sign_in_choices(&v)?;
    Ok(PickerOptions {
        client_id: client_id.unwrap_or_default(),
        authority: v.text("authority"),
        redirect_uri: v.text("redirect_uri"),
        scopes: v.text("scopes"),
        graph_base: v.text("graph_base"),
        prompt,
        login_hint: v.text("login_hint"),
        domain_hint: v.text("domain_hint"),
        auth_mode,
        token_storage,
        token_provider,
        mode,
        multiple: v.flag("multiple"),
        max_count: v.number("max_count").map(|n| n as usize),
        filters: v.text("filters"),
        sources: v.text("sources"),
        start: v.text("start"),
        handlers: pick_handlers(options, &v)?,
        end_session_on_sign_out: v.flag("end_session_on_sign_out"),
        browser_history: v.flag("browser_history"),
        locale: v.text("locale"),
        selected: v.text("selected"),
        lock_to_start: v.flag("lock_to_start"),
        messages: messages(options)?,
        theme: v.text("theme"),
        events: page_events(options)?,
        session: Some(session),
        shared: None,
        // A redirect sign-in comes back to the instance that began it.
        instance: match given(options, "instance") {
            Given::Text(t) => t,
            _ => "element".into(),
        },
        upload: v.flag("upload"),
        upload_max_size: v.number("upload_max_size").map(|n| n as u64),
        upload_max_count: v.number("upload_max_count").map(|n| n as usize),
        upload_accept: v.text("upload_accept"),
        create_folder: v.flag("create_folder"),
        share_link: v.text("share_link"),
        upload_events: upload_events(options)?,
        save: save_request(options, &v)?,
    })
}

/// The element's `stylesheet`: a function that has the picker's whole stylesheet fetched (see
/// `styles.rs`); the element gives it, a page need not.
pub(super) fn stylesheet(options: &JsValue) -> Result<Styles, JsValue> {
    Ok(Styles(function(options, "stylesheet")?))
}

/// Save as: `saveName`, `saveContent` (a `Blob` or a `File`) and `onSave(saved)`.
fn save_request(options: &JsValue, v: &OptionValues) -> Result<SaveRequest, JsValue> {
    let content = match Reflect::get(options, &"saveContent".into()) {
        Ok(c) if c.is_undefined() || c.is_null() => None,
        Ok(c) => Some(
            c.dyn_into::<web_sys::Blob>()
                .map_err(|_| JsValue::from_str("options.saveContent must be a Blob or a File"))?,
        ),
        Err(_) => None,
    };
    let on_save = function(options, "onSave")?.map(|f| {
        Rc::new(move |s: SaveResult| {
            let detail = object(&[
                ("folder", picked_to_js(&s.folder)),
                ("name", s.name.as_str().into()),
                ("conflictBehavior", s.conflict_behavior.into()),
                ("item", s.item.as_ref().map_or(JsValue::NULL, picked_to_js)),
            ]);
            let _ = f.call1(&JsValue::NULL, &detail);
        }) as Rc<dyn Fn(SaveResult)>
    });
    Ok(SaveRequest {
        name: v.text("save_name"),
        content,
        on_save,
    })
}

/// `messages`: `{ [language]: { [key]: text } }` (the keys are checked when the table is made).
fn messages(options: &JsValue) -> Result<MessageOverrides, JsValue> {
    const MUST: &str = "options.messages must map languages to objects of message texts";
    let given = Reflect::get(options, &"messages".into()).unwrap_or_default();
    if given.is_undefined() || given.is_null() {
        return Ok(MessageOverrides::new());
    }
    let object = |v: &JsValue| v.is_object().then(|| js_sys::Object::entries(v.unchecked_ref()));
    let mut words = MessageOverrides::new();
    for language in object(&given).ok_or(MUST)? {
        let language: js_sys::Array = language.unchecked_into();
        let tag = language.get(0).as_string().unwrap_or_default();
        for entry in object(&language.get(1)).ok_or(MUST)? {
            let entry: js_sys::Array = entry.unchecked_into();
            let (key, text) = (entry.get(0).as_string(), entry.get(1).as_string());
            let (Some(key), Some(text)) = (key, text) else {
                return Err(MUST.into());
            };
            words = words.text(&tag, &key, &text);
        }
    }
    Ok(words)
}

/// `tokenProvider(scopes, refresh)`: a function returning a token (or a promise of one).
fn token_provider(options: &JsValue) -> Result<Option<ProvidedTokens>, JsValue> {
    Ok(function(options, "tokenProvider")?.map(|f| {
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
    }))
}

/// `onPick(items)`, `onCancel()` and what a pick includes.
fn pick_handlers(options: &JsValue, v: &OptionValues) -> Result<PickHandlers, JsValue> {
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
    Ok(PickHandlers {
        on_pick,
        on_cancel,
        open_files: v.flag("open_files"),
        download_urls: v.flag("download_urls"),
        thumbnail_urls: v.flag("thumbnail_urls"),
        share_link: None,
    })
}

/// `onUploadProgress(p)` and `onUpload(items)`.
fn upload_events(options: &JsValue) -> Result<UploadEvents, JsValue> {
    Ok(UploadEvents {
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
    })
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
