//! Thumbnails: the sizes Graph names, custom sizes, and their short-lived URLs on the file host.

use chrono::Duration;
use serde_json::{json, Value};

use crate::crypto::Sealed;
use crate::state::Shared;
use crate::store::{Drive, Item, ItemKind, Media};

/// Thumbnail sizes: name, longest edge (or square side), square crop.
pub const SIZES: &[(&str, u32, bool)] = &[
    ("small", 96, false),
    ("medium", 176, false),
    ("large", 800, false),
    ("smallSquare", 96, true),
    ("mediumSquare", 176, true),
    ("largeSquare", 800, true),
];

/// A thumbnail's URL (pre-authenticated, short-lived, different on every call as observed).
pub fn thumbnail_url(
    st: &Shared,
    drive: &Drive,
    item: &Item,
    w: u32,
    h: u32,
    crop: bool,
) -> String {
    let exp = (st.clock.now() + Duration::hours(24)).timestamp();
    let nonce = crate::util::random_token(6);
    let token = st.keys.seal(
        Sealed::Thumbnail,
        &format!(
            "{}|{}|{w}|{h}|{}|{exp}|{nonce}",
            drive.id,
            item.id,
            u8::from(crop)
        ),
    );
    format!("{}/_thumbnails/{token}", st.files_base)
}

/// Dimensions of a thumbnail of `item` that fits `edge` (or `w`×`h` box), keeping aspect ratio.
pub fn thumb_dims(item: &Item, w: u32, h: u32, crop: bool) -> (u32, u32) {
    let (iw, ih) = match &item.kind {
        ItemKind::File {
            media: Media::Image { width, height, .. },
            ..
        } => (*width, *height),
        ItemKind::File {
            media: Media::Video { width, height, .. },
            ..
        } => (*width, *height),
        _ => (w, h),
    };
    if crop {
        return (w, h);
    }
    let scale = (w as f64 / iw as f64).min(h as f64 / ih as f64).min(1.0);
    (
        ((iw as f64 * scale).round() as u32).max(1),
        ((ih as f64 * scale).round() as u32).max(1),
    )
}

/// One thumbnail object.
pub fn thumbnail(st: &Shared, drive: &Drive, item: &Item, w: u32, h: u32, crop: bool) -> Value {
    let (tw, th) = thumb_dims(item, w, h, crop);
    json!({"height": th, "width": tw, "url": thumbnail_url(st, drive, item, tw, th, crop)})
}

/// Parses a custom size name `c{w}x{h}` or `c{w}x{h}_crop`.
pub fn custom_size(name: &str) -> Option<(u32, u32, bool)> {
    let rest = name.strip_prefix('c')?;
    let (dims, crop) = match rest.to_ascii_lowercase().strip_suffix("_crop") {
        Some(d) => (d.to_string(), true),
        None => (rest.to_string(), false),
    };
    let (w, h) = dims.split_once('x')?;
    let (w, h): (u32, u32) = (w.parse().ok()?, h.parse().ok()?);
    (w > 0 && h > 0 && w <= 2048 && h <= 2048).then_some((w, h, crop))
}

/// The thumbnail set (id "0") of an item, limited to `only` sizes when given. Folders have none.
pub fn thumbnail_set(
    st: &Shared,
    drive: &Drive,
    item: &Item,
    only: Option<&Vec<String>>,
) -> Option<Value> {
    if item.is_folder() {
        return None;
    }
    let mut set = json!({"id": "0"});
    let wanted = |n: &str| {
        only.map(|o| o.iter().any(|s| s.eq_ignore_ascii_case(n)))
            .unwrap_or(true)
    };
    for (name, edge, square) in SIZES {
        if (!square && wanted(name)) || (*square && only.is_some() && wanted(name)) {
            set[*name] = thumbnail(st, drive, item, *edge, *edge, *square);
        }
    }
    for name in only.into_iter().flatten() {
        if let Some((w, h, crop)) = custom_size(name) {
            set[name.as_str()] = thumbnail(st, drive, item, w, h, crop);
        }
    }
    Some(set)
}
