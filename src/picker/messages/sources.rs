//! The languages' tables as split points: one module per language in the package (its file's
//! text and nothing else), sharing the code that reads files and the page's wording
//! ([`super::parse`]), which the first screen does not carry either.

use super::parse::{self, apply};
use super::{pseudo, Messages, EN};
use crate::picker::split::{call, LoadFailed};

/// A table, or the page's wording that did not fit it.
type Made = Result<Messages, String>;

/// A language file's text, on its way.
type FileText = std::pin::Pin<Box<dyn std::future::Future<Output = Result<&'static str, LoadFailed>>>>;

/// Language `lang`'s table (English's text where `source` is `None`) with the page's `entries`:
/// one module for every language (the files' reading, the pseudo-locale, the wording's check).
#[cfg_attr(
    all(feature = "split", target_arch = "wasm32"),
    leptos::wasm_split::wasm_split(
        locales,
        wasm_split_path = ::leptos::wasm_split,
        fallible
    )
)]
fn make(
    lang: &'static str,
    source: Option<&'static str>,
    entries: Vec<(String, String)>,
) -> Result<Made, LoadFailed> {
    let base = match source {
        Some(source) => parse::table(lang, source),
        None if lang == pseudo::TAG => pseudo::table(),
        None => EN,
    };
    Ok(apply(base, &entries))
}

/// Declares a split point per language file (its text, nothing else), [`made`], which makes
/// the table asked for, and [`file`].
macro_rules! languages {
    ($( $split:ident: $tag:literal => $file:literal; )*) => {
        $(
            #[doc = concat!("The text of `", $file, "`, once its module is here.")]
            #[cfg_attr(
                all(feature = "split", target_arch = "wasm32"),
                leptos::wasm_split::wasm_split($split, wasm_split_path = ::leptos::wasm_split, fallible)
            )]
            fn $split() -> Result<&'static str, LoadFailed> {
                Ok(include_str!(concat!("locales/", $file)))
            }
        )*

        /// Language `lang`'s table with the page's `entries`, its file's module fetched first if
        /// need be (called from the `locales` module, which reads it).
        pub(super) async fn made(lang: &'static str, entries: Vec<(String, String)>) -> Result<Made, LoadFailed> {
            let text: Option<FileText> = match lang {
                $( $tag => Some(Box::pin(async { call!($split()) })), )*
                _ => None,
            };
            let source = match text {
                Some(text) => Some(text.await?),
                None => None,
            };
            call!(make(lang, source, entries))
        }

        /// The same where every language is linked in (no module to fetch).
        #[cfg(not(all(feature = "split", target_arch = "wasm32")))]
        pub(super) fn made_now(lang: &'static str, entries: Vec<(String, String)>) -> Made {
            let source = match lang {
                $( $tag => $split().ok(), )*
                _ => None,
            };
            make(lang, source, entries).unwrap_or(Ok(EN))
        }

        /// The text of language `lang`'s file (for the locale tests).
        #[cfg(test)]
        pub(super) fn file(lang: &str) -> Option<&'static str> {
            match lang {
                $( $tag => $split().ok(), )*
                _ => None,
            }
        }
    };
}

languages! {
    locale_de: "de" => "de.messages";
    locale_fr: "fr" => "fr.messages";
    locale_es: "es" => "es.messages";
    locale_it: "it" => "it.messages";
    locale_nl: "nl" => "nl.messages";
    locale_pt: "pt-BR" => "pt-BR.messages";
    locale_pl: "pl" => "pl.messages";
    locale_ja: "ja" => "ja.messages";
    locale_zh: "zh-Hans" => "zh-Hans.messages";
    locale_ar: "ar" => "ar.messages";
}
