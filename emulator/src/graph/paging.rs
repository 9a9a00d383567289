//! Paged collections with opaque, absolute `@odata.nextLink`s: the skip token names the offset
//! and the listing it belongs to, sealed so a client can neither read nor forge it.

use serde_json::{json, Value};

use super::ctx::Ctx;
use super::error::GraphError;
use crate::crypto::Sealed;

/// Where a page starts, decoded from `$skiptoken`.
#[derive(Debug, Default, Clone, Copy)]
pub struct PageState {
    /// Offset of the page's first entry.
    pub offset: usize,
    /// The empty page for this offset has been served.
    pub empty_served: bool,
}

fn listing_key(ctx: &Ctx) -> String {
    let order = ctx
        .query
        .orderby
        .as_ref()
        .map(|(p, d)| format!("{p}{d}"))
        .unwrap_or_default();
    format!("{}|{order}", ctx.path)
}

/// Decodes the request's skiptoken (400 when it is not one of ours for this listing).
pub fn page_state(ctx: &Ctx) -> Result<PageState, GraphError> {
    let Some(token) = &ctx.query.skiptoken else {
        return Ok(PageState::default());
    };
    let invalid =
        || GraphError::bad_request("The skip token is not valid.").inner("invalidParameterFormat");
    let data = ctx
        .st
        .keys
        .open(Sealed::SkipToken, token)
        .ok_or_else(invalid)?;
    let mut parts = data.splitn(3, '|');
    let offset = parts
        .next()
        .and_then(|o| o.parse().ok())
        .ok_or_else(invalid)?;
    let empty_served = parts.next() == Some("e");
    let key = parts.next().unwrap_or("");
    if key != listing_key(ctx) {
        return Err(invalid());
    }
    Ok(PageState {
        offset,
        empty_served,
    })
}

fn next_link(ctx: &Ctx, state: PageState) -> String {
    let token = ctx.st.keys.seal(
        Sealed::SkipToken,
        &format!(
            "{}|{}|{}",
            state.offset,
            if state.empty_served { "e" } else { "-" },
            listing_key(ctx)
        ),
    );
    link_with(ctx, "$skiptoken", &token)
}

/// This request's URL with `key` (`$skiptoken`, `token`) set to `value`: every other query
/// option kept, an earlier value of `key` (with or without `$`, any case) dropped.
pub fn link_with(ctx: &Ctx, key: &str, value: &str) -> String {
    let bare = key.trim_start_matches('$');
    let mut ser = form_urlencoded::Serializer::new(String::new());
    for (k, v) in &ctx.query.pairs {
        if !k.trim_start_matches('$').eq_ignore_ascii_case(bare) {
            ser.append_pair(k, v);
        }
    }
    ser.append_pair(key, value);
    format!("{}/v1.0/{}?{}", ctx.st.base, ctx.path, ser.finish())
}

/// Builds one page of a collection of `total` entries; `fetch(offset, limit)` renders entries.
pub fn collection(
    ctx: &Ctx,
    context: &str,
    total: usize,
    default_top: usize,
    fetch: impl FnOnce(usize, usize) -> Vec<Value>,
) -> Result<Value, GraphError> {
    let state = page_state(ctx)?;
    let top = ctx.query.top.unwrap_or(default_top);
    let mut body = json!({ "@odata.context": context });
    if ctx.empty_page && !state.empty_served && state.offset < total {
        body["value"] = json!([]);
        body["@odata.nextLink"] = json!(next_link(
            ctx,
            PageState {
                offset: state.offset,
                empty_served: true
            }
        ));
        return Ok(body);
    }
    let values = fetch(state.offset, top);
    let end = state.offset + top;
    body["value"] = Value::Array(values);
    if end < total {
        body["@odata.nextLink"] = json!(next_link(
            ctx,
            PageState {
                offset: end,
                empty_served: false
            }
        ));
    }
    Ok(body)
}
