//! Every string the picker shows, in one table per language. The table's keys and its English
//! text are [`en`]; every other language is a file of `key = text` lines in `locales/`, loaded
//! when a picker asks for it ([`locale`]); a page's own wording overrides any key
//! ([`locale::MessageOverrides`]). Counts choose their words by the language's plural rules and numbers
//! are written by `Intl` ([`text`]). Components read the table from context ([`use_messages`]).

pub(crate) mod en;
pub(crate) mod first;
mod table;
pub(crate) mod locale;
pub(crate) mod parse;
pub(crate) mod pseudo;
mod sources;
pub(crate) mod tables;
pub(crate) mod text;

#[cfg(test)]
mod locales_tests;

use leptos::prelude::*;

pub use en::{Messages, EN};
pub use table::{Plural, Text};
pub(crate) use table::Slot;

/// The message table in context.
#[derive(Clone, Copy)]
pub struct MessagesContext(pub &'static Messages);

/// The picker's strings (English when none were provided).
pub fn use_messages() -> &'static Messages {
    use_context::<MessagesContext>().map_or(&EN, |m| m.0)
}

/// `template` with each `{name}` replaced by its value in `args`; unknown names stay as written.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after
            .find('}')
            .and_then(|close| Some((close, args.iter().find(|(k, _)| *k == &after[..close])?)));
        match value {
            Some((close, (_, v))) => {
                out.push_str(v);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_fill_their_placeholders_only() {
        assert_eq!(fill("{count} items", &[("count", "3")]), "3 items");
        assert_eq!(fill("Open in {app}", &[("app", "Word")]), "Open in Word");
        assert_eq!(fill("{a}{b}{", &[("a", "x"), ("b", "{a}")]), "x{a}{");
        assert_eq!(fill("{unknown} stays", &[]), "{unknown} stays");
        assert_eq!(fill("“{q}”", &[("q", "ä{q}")]), "“ä{q}”");
    }

    #[test]
    fn missing_plural_forms_fall_back_to_other() {
        let p = Plural::en("{count} item", "{count} items");
        assert_eq!(p.form("one"), "{count} item");
        assert_eq!(p.form("few"), "{count} items");
        assert_eq!(p.form("nonsense"), "{count} items");
        assert!(Messages::is_plural("item_count"));
        assert!(!Messages::is_plural("sign_in"));
        assert!(!Messages::is_plural("no_such_key"));
    }
}
