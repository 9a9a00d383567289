//! Getting the table a picker speaks. English as written is at hand; any other language, or any
//! page wording, is made once and kept. In the package (the `split` feature) the making — the
//! cache, the language's file (a WebAssembly module per language), its reading and the
//! wording's check — is all in modules the first screen does not fetch: an English picker
//! fetches none. Elsewhere every language is linked in and each table is at hand.

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;

use super::locale::MessageOverrides;
use super::{Messages, EN};
use crate::picker::split::{call, LoadFailed};

/// A table on its way, or the page's wording that did not fit it.
type Loading = Pin<Box<dyn Future<Output = Result<&'static Messages, String>>>>;

thread_local! {
    /// The tables made so far: language, the page's wording, the table.
    static MADE: RefCell<Vec<(&'static str, MessageOverrides, &'static Messages)>> =
        const { RefCell::new(Vec::new()) };
}

/// The table for `lang` with `overrides` when nothing has to be fetched: English as written,
/// or (where every language is linked in) any table that fits.
pub fn at_hand(lang: &'static str, overrides: &MessageOverrides) -> Option<&'static Messages> {
    if lang == "en" && overrides.0.is_empty() {
        return Some(&EN);
    }
    #[cfg(not(all(feature = "split", target_arch = "wasm32")))]
    return made(lang, overrides).or_else(|| {
        let table = super::sources::made_now(lang, owned(overrides.for_lang(lang))).ok()?;
        Some(keep(lang, overrides, table))
    });
    #[cfg(all(feature = "split", target_arch = "wasm32"))]
    None
}

/// The table for `lang` with `overrides`: its modules fetched and the table made if need be. A
/// wording that does not fit the table is the page's mistake (`Err`, naming it); modules that
/// cannot be fetched leave English.
pub async fn load(lang: &'static str, overrides: &MessageOverrides) -> Result<&'static Messages, String> {
    if let Some(t) = at_hand(lang, overrides) {
        return Ok(t);
    }
    match call!(loading(lang, overrides.clone())) {
        Ok(loading) => loading.await,
        Err(LoadFailed) => Ok(&EN),
    }
}

/// [`load`] for a page's first screen, which carries no table of its own: none for English as
/// written (the picker's module has it), else the table made, or the page's wording that did
/// not fit it. Modules that cannot be fetched leave English.
pub async fn fetch(lang: &'static str, overrides: &MessageOverrides) -> Result<Option<&'static Messages>, String> {
    if lang == "en" && overrides.0.is_empty() {
        return Ok(None);
    }
    #[cfg(not(all(feature = "split", target_arch = "wasm32")))]
    return load(lang, overrides).await.map(Some);
    #[cfg(all(feature = "split", target_arch = "wasm32"))]
    match call!(loading(lang, overrides.clone())) {
        Ok(loading) => loading.await.map(Some),
        Err(LoadFailed) => Ok(None),
    }
}

/// [`load`]'s making, once its module is here.
#[cfg_attr(
    all(feature = "split", target_arch = "wasm32"),
    leptos::wasm_split::wasm_split(locales, wasm_split_path = ::leptos::wasm_split, fallible)
)]
fn loading(lang: &'static str, overrides: MessageOverrides) -> Result<Loading, LoadFailed> {
    Ok(Box::pin(async move {
        let mut lang = lang;
        loop {
            if let Some(t) = made(lang, &overrides) {
                return Ok(t);
            }
            match super::sources::made(lang, owned(overrides.for_lang(lang))).await {
                Ok(table) => return Ok(keep(lang, &overrides, table?)),
                // Its module could not be fetched: English, with the page's English wording.
                Err(_) if lang != "en" => lang = "en",
                Err(_) => return Ok(&EN),
            }
        }
    }))
}

/// A table made before for `lang` and `overrides`.
fn made(lang: &'static str, overrides: &MessageOverrides) -> Option<&'static Messages> {
    MADE.with_borrow(|made| {
        made.iter()
            .find(|(l, o, _)| *l == lang && o == overrides)
            .map(|(_, _, t)| *t)
    })
}

/// Entries as the split points take them.
fn owned(entries: Vec<(&str, &str)>) -> Vec<(String, String)> {
    entries
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// Keeps a table made for the page's life.
fn keep(lang: &'static str, overrides: &MessageOverrides, table: Messages) -> &'static Messages {
    let table: &'static Messages = Box::leak(Box::new(table));
    MADE.with_borrow_mut(|made| made.push((lang, overrides.clone(), table)));
    table
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_at_hand_once_made_and_wrong_wordings_are_not() {
        assert!(std::ptr::eq(at_hand("en", &MessageOverrides::new()).unwrap(), &EN));
        let o = MessageOverrides::new().text("de", "select", "Anhängen");
        // Linked in (no `split`): any table is at hand, made once per wording.
        let made = at_hand("de", &o).unwrap();
        assert_eq!((made.lang, made.select, made.sign_out), ("de", "Anhängen", "Abmelden"));
        assert!(std::ptr::eq(made, at_hand("de", &o).unwrap()));
        let typo = MessageOverrides::new().text("en", "selct", "x");
        assert!(at_hand("en", &typo).is_none());
    }
}
