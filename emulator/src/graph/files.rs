//! The hosts behind Graph's URLs: pre-authenticated downloads (with Range), thumbnails, the page
//! that stands for Office for the web, library/OneDrive web views, sharing links and previews.

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};

use crate::crypto::Sealed;
use crate::images::{page_png, photo_png};
use crate::state::Shared;
use crate::store::{office_app, Item, ItemKind, Media, Store};
use crate::util::{encode_query, html_escape as e};

fn plain(status: StatusCode, text: &str) -> Response {
    (status, text.to_string()).into_response()
}

/// Opens a token sealed as `kind` with `fields` `|`-separated fields.
fn open_token(st: &Shared, token: &str, kind: Sealed, fields: usize) -> Option<Vec<String>> {
    let data = st.keys.open(kind, token)?;
    let parts: Vec<String> = data.split('|').map(String::from).collect();
    (parts.len() == fields).then_some(parts)
}

fn expired(st: &Shared, ts: &str) -> bool {
    ts.parse::<i64>()
        .map(|t| t < st.clock.now().timestamp())
        .unwrap_or(true)
}

fn lookup(store: &Store, drive: &str, item: &str) -> Option<Item> {
    store.drives.get(drive)?.get(item)
}

/// Serves a download token (`drive|item|version|exp`).
fn download(st: &Shared, token: &str, headers: &HeaderMap) -> Response {
    let Some(p) = open_token(st, token, Sealed::Download, 4) else {
        return plain(
            StatusCode::UNAUTHORIZED,
            "Invalid or tampered download token.",
        );
    };
    if expired(st, &p[3]) {
        return plain(StatusCode::UNAUTHORIZED, "The download URL has expired.");
    }
    let store = st.store.read();
    let Some(item) = lookup(&store, &p[0], &p[1]) else {
        return plain(StatusCode::NOT_FOUND, "File not found.");
    };
    let ItemKind::File { mime, data, .. } = &item.kind else {
        return plain(StatusCode::NOT_FOUND, "Not a file.");
    };
    let len = data.len();
    let range = headers
        .get(header::RANGE)
        .and_then(|v| v.to_str().ok())
        .and_then(|r| r.strip_prefix("bytes="))
        .and_then(|r| r.split_once('-'))
        .and_then(|(a, b)| {
            let start: usize = a.parse().ok()?;
            let end: usize = if b.is_empty() {
                len.saturating_sub(1)
            } else {
                b.parse::<usize>().ok()?.min(len.saturating_sub(1))
            };
            (start <= end && start < len).then_some((start, end))
        });
    let (status, body) = match range {
        Some((s, e)) => (StatusCode::PARTIAL_CONTENT, data[s..=e].to_vec()),
        None => (StatusCode::OK, data.to_vec()),
    };
    let mut r = (status, body).into_response();
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(mime).unwrap_or(HeaderValue::from_static("application/octet-stream")),
    );
    h.insert(header::ACCEPT_RANGES, HeaderValue::from_static("bytes"));
    if let Some((s, e)) = range {
        h.insert(
            header::CONTENT_RANGE,
            HeaderValue::from_str(&format!("bytes {s}-{e}/{len}")).unwrap(),
        );
    }
    let disposition = format!("attachment; filename*=UTF-8''{}", encode_query(&item.name));
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    r
}

/// `GET /_files/{token}`: personal OneDrive download host.
pub async fn personal_download(
    State(st): State<Shared>,
    Path(token): Path<String>,
    headers: HeaderMap,
) -> Response {
    download(&st, token.strip_prefix("y4m").unwrap_or(&token), &headers)
}

/// `GET /_thumbnails/{token}`: a thumbnail image.
pub async fn thumbnail(State(st): State<Shared>, Path(token): Path<String>) -> Response {
    let Some(p) = open_token(&st, &token, Sealed::Thumbnail, 7) else {
        return plain(StatusCode::UNAUTHORIZED, "Invalid thumbnail token.");
    };
    if expired(&st, &p[5]) {
        return plain(StatusCode::UNAUTHORIZED, "The thumbnail URL has expired.");
    }
    let (w, h): (u32, u32) = (p[2].parse().unwrap_or(96), p[3].parse().unwrap_or(96));
    let store = st.store.read();
    let Some(item) = lookup(&store, &p[0], &p[1]) else {
        return plain(StatusCode::NOT_FOUND, "File not found.");
    };
    let (body, mime) = match &item.kind {
        ItemKind::File {
            media: Media::Image { seed, .. },
            ..
        } => (photo_png(*seed, w.min(1600), h.min(1600)), "image/png"),
        _ => (
            page_png(item.extension().as_deref(), w.min(1600), h.min(1600)),
            "image/png",
        ),
    };
    let mut r = (StatusCode::OK, body).into_response();
    r.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(mime));
    r.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, max-age=3600"),
    );
    r
}

fn page(title: &str, body: &str) -> Response {
    Html(format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{}</title>\
         <style>body{{font-family:'Segoe UI',Arial,sans-serif;margin:0}}header{{color:#fff;padding:10px 16px;font-weight:600}}\
         main{{padding:24px}}.mode{{display:inline-block;padding:2px 8px;border-radius:3px;background:#eee}}</style></head>\
         <body>{body}</body></html>",
        e(title)
    ))
    .into_response()
}

/// The page standing for Office for the web: shows the document and whether it opened to view or
/// edit. `app` comes from the URL: only the three Office apps are known, anything else is Word,
/// and every value is escaped.
fn office_page(app: &str, name: &str, action: &str) -> Response {
    let (mode, label) = match action {
        "view" | "embedview" | "interactivepreview" => ("view", "Viewing"),
        _ => ("edit", "Editing"),
    };
    let (app, color) = match app {
        "Excel" => ("Excel", "#107C41"),
        "PowerPoint" => ("PowerPoint", "#C43E1C"),
        _ => ("Word", "#185ABD"),
    };
    page(
        &format!("{name} - {app}"),
        &format!(
            "<header style=\"background:{color}\" id=\"app\" data-app=\"{app}\">{app} for the web (offline emulator)</header>\
             <main><h1 id=\"doc-name\">{}</h1><p>Mode: <span class=\"mode\" id=\"mode\" data-mode=\"{mode}\">{label}</span></p></main>",
            e(name)
        ),
    )
}

fn find_by_unique_id(store: &Store, guid: &str) -> Option<Item> {
    let guid = guid.trim_matches(|c| c == '{' || c == '}').to_lowercase();
    store
        .drives
        .values()
        .find_map(|d| d.items.values().find(|i| i.unique_id == guid).cloned())
}

/// `GET /personal/*` and `/sites/*`: Doc.aspx (Office), download.aspx, or the library view.
pub async fn sharepoint(
    State(st): State<Shared>,
    Path(rest): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let store = st.store.read();
    if rest.ends_with("_layouts/15/Doc.aspx") {
        let item = q
            .get("sourcedoc")
            .and_then(|g| find_by_unique_id(&store, g));
        let name = item
            .as_ref()
            .map(|i| i.name.clone())
            .or_else(|| q.get("file").cloned())
            .unwrap_or_default();
        let app = name
            .rsplit_once('.')
            .and_then(|(_, x)| office_app(&x.to_lowercase()))
            .unwrap_or("Word");
        return office_page(
            app,
            &name,
            q.get("action").map(String::as_str).unwrap_or("default"),
        );
    }
    if rest.ends_with("_layouts/15/download.aspx") {
        // Downloads are the file host's (`sharepoint_download`).
        return plain(StatusCode::NOT_FOUND, "Not found.");
    }
    let path = format!("/{}", rest);
    page(
        "SharePoint",
        &format!(
            "<header style=\"background:#036C70\">SharePoint (offline emulator)</header><main><h1 id=\"location\">{}</h1>\
             <p>This page stands for the SharePoint web view of a library, folder or file.</p></main>",
            e(&crate::util::decode_path(&path))
        ),
    )
}

/// `GET /personal/…/_layouts/15/download.aspx` and `/sites/…` on the file host: SharePoint's
/// pre-authenticated downloads (`tempauth`); nothing else is served there.
pub async fn sharepoint_download(
    State(st): State<Shared>,
    Path(rest): Path<String>,
    Query(q): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    if !rest.ends_with("_layouts/15/download.aspx") {
        return plain(StatusCode::NOT_FOUND, "Not found.");
    }
    match q.get("tempauth") {
        Some(t) => download(&st, t, &headers),
        None => plain(StatusCode::UNAUTHORIZED, "Missing tempauth."),
    }
}

/// `GET /_onedrive/*`: personal OneDrive web views and Office for the web.
pub async fn onedrive(
    State(st): State<Shared>,
    rest: Option<Path<String>>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let store = st.store.read();
    let item = q
        .get("resid")
        .or_else(|| q.get("id"))
        .and_then(|id| q.get("cid").and_then(|cid| lookup(&store, cid, id)));
    let is_edit = rest
        .as_ref()
        .map(|Path(r)| r.starts_with("edit.aspx"))
        .unwrap_or(false);
    if is_edit {
        let name = item.as_ref().map(|i| i.name.clone()).unwrap_or_default();
        let app = q.get("app").cloned().unwrap_or_else(|| "Word".into());
        return office_page(
            &app,
            &name,
            q.get("action").map(String::as_str).unwrap_or("default"),
        );
    }
    let title = item.map(|i| i.name).unwrap_or_else(|| "My files".into());
    page("OneDrive", &format!("<header style=\"background:#0364B8\">OneDrive (offline emulator)</header><main><h1 id=\"location\">{}</h1></main>", e(&title)))
}

/// `GET /_share/{token}`: a sharing link; redirects to the item's web view.
pub async fn share(State(st): State<Shared>, Path(token): Path<String>) -> Response {
    let Some(p) = open_token(&st, &token, Sealed::Share, 4) else {
        return plain(
            StatusCode::NOT_FOUND,
            "This link doesn't exist or has been removed.",
        );
    };
    let store = st.store.read();
    let Some(drive) = store.drives.get(&p[0]) else {
        return plain(
            StatusCode::NOT_FOUND,
            "This link doesn't exist or has been removed.",
        );
    };
    let Some(item) = drive.get(&p[1]) else {
        return plain(
            StatusCode::NOT_FOUND,
            "This link doesn't exist or has been removed.",
        );
    };
    let url = super::render::web_url(&st, drive, &item);
    let mut r = StatusCode::FOUND.into_response();
    r.headers_mut()
        .insert(header::LOCATION, HeaderValue::from_str(&url).unwrap());
    r
}

/// `GET /_preview/{token}`: an embeddable preview page.
pub async fn preview(State(st): State<Shared>, Path(token): Path<String>) -> Response {
    let Some(p) = open_token(&st, &token, Sealed::Preview, 3) else {
        return plain(StatusCode::UNAUTHORIZED, "Invalid preview token.");
    };
    if expired(&st, &p[2]) {
        return plain(StatusCode::UNAUTHORIZED, "The preview URL has expired.");
    }
    let store = st.store.read();
    let name = lookup(&store, &p[0], &p[1])
        .map(|i| i.name)
        .unwrap_or_default();
    page(
        &format!("Preview of {name}"),
        &format!(
            "<main><h1 id=\"preview-name\">{}</h1><p>Preview (offline emulator)</p></main>",
            e(&name)
        ),
    )
}

/// Refuses a request to a pre-authenticated URL that carries an `Authorization` header.
pub async fn no_bearer(req: axum::extract::Request, next: axum::middleware::Next) -> Response {
    if req.headers().contains_key(header::AUTHORIZATION) {
        return plain(
            StatusCode::UNAUTHORIZED,
            "This pre-authenticated URL takes no Authorization header.",
        );
    }
    next.run(req).await
}
