//! Which table a picker speaks: the `locale` option or the browser's preferences choose one of
//! [`LOCALES`]; and the page's own words for it ([`MessageOverrides`]). Getting the table is
//! [`super::tables`].

use super::pseudo;

/// The languages the picker speaks (and the pseudo-locale, for tests).
pub const LOCALES: [&str; 12] = [
    "en", "de", "fr", "es", "it", "nl", "pt-BR", "pl", "ja", "zh-Hans", "ar", pseudo::TAG,
];

/// The table for a BCP 47 tag, if the picker speaks it: the exact tag, else its language
/// (`de-AT` → `de`, any Portuguese → `pt-BR`, Chinese but the traditional script → `zh-Hans`).
pub fn resolve(tag: &str) -> Option<&'static str> {
    let tag = tag.trim();
    let same = |a: &str, b: &str| {
        a.len() == b.len()
            && a.bytes().zip(b.bytes()).all(|(x, y)| {
                let x = if x == b'_' { b'-' } else { x };
                x.eq_ignore_ascii_case(&y)
            })
    };
    if let Some(exact) = LOCALES.iter().find(|l| same(tag, l)) {
        return Some(exact);
    }
    let mut parts = tag.split(['-', '_']);
    let primary = parts.next().unwrap_or("");
    if same(primary, "pt") {
        return Some("pt-BR");
    }
    if same(primary, "zh") {
        let traditional = parts.any(|p| ["hant", "tw", "hk", "mo"].iter().any(|t| same(p, t)));
        return (!traditional).then_some("zh-Hans");
    }
    LOCALES.iter().copied().find(|l| same(primary, l))
}

/// The language a picker speaks: the page's `locale` when the picker speaks it, else the
/// first of the browser's preferences it speaks, else English.
pub fn choose(locale: Option<&str>, preferred: &[String]) -> &'static str {
    match locale.filter(|l| !l.trim().is_empty()) {
        Some(l) => resolve(l),
        None => preferred.iter().find_map(|p| resolve(p)),
    }
    .unwrap_or("en")
}

/// Your own words for the picker's messages (the `messages` option): per language tag (or
/// `*`, every language), message keys (`docs/messages.md`) and their texts; a plural's forms
/// are `key.one`, `key.other`, … Placeholders such as `{count}` are filled in as in the
/// picker's own text. A key that does not exist is a configuration error.
///
/// ```
/// use onedrive_picker::MessageOverrides;
/// let words = MessageOverrides::new()
///     .text("en", "select", "Attach")
///     .text("de", "select", "Anhängen")
///     .text("*", "empty_folder", "Nothing here yet.");
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MessageOverrides(pub(crate) Vec<(String, Vec<(String, String)>)>);

impl MessageOverrides {
    /// No overrides: the picker's own words.
    pub fn new() -> Self {
        Self::default()
    }

    /// With `text` for the message `key` in language `lang` (`*`: every language that does not
    /// set it itself).
    pub fn text(mut self, lang: &str, key: &str, text: &str) -> Self {
        let entry = (key.to_string(), text.to_string());
        match self.0.iter_mut().find(|(l, _)| l == lang) {
            Some((_, entries)) => entries.push(entry),
            None => self.0.push((lang.to_string(), vec![entry])),
        }
        self
    }

    /// The entries for language `lang`: `*`'s first, then its own (which win).
    pub(crate) fn for_lang(&self, lang: &str) -> Vec<(&str, &str)> {
        let applies = |tag: &str| tag == "*" || resolve(tag) == Some(lang);
        let mut out: Vec<(&str, &str)> = Vec::new();
        for star in [true, false] {
            for (tag, entries) in self.0.iter().filter(|(t, _)| (t == "*") == star) {
                if applies(tag) {
                    out.extend(entries.iter().map(|(k, v)| (k.as_str(), v.as_str())));
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::picker::messages::parse::apply;
    use crate::picker::messages::EN;

    #[test]
    fn tags_resolve_to_the_languages_spoken() {
        assert_eq!(resolve("de-AT"), Some("de"));
        assert_eq!(resolve("PT-pt"), Some("pt-BR"));
        assert_eq!(resolve("zh-CN"), Some("zh-Hans"));
        assert_eq!(resolve("zh-Hans-SG"), Some("zh-Hans"));
        assert_eq!(resolve("zh-TW"), None);
        assert_eq!(resolve("zh-Hant"), None);
        assert_eq!(resolve("ar_EG"), Some("ar"));
        assert_eq!(resolve("en-xa"), Some("en-XA"));
        assert_eq!(resolve("sv"), None);
        assert_eq!(resolve(""), None);
        let prefs = ["sv-SE".to_string(), "fr-CA".into(), "en".into()];
        assert_eq!(choose(None, &prefs), "fr");
        assert_eq!(choose(Some("ja"), &prefs), "ja");
        assert_eq!(choose(Some("sv"), &prefs), "en");
        assert_eq!(choose(Some(" "), &prefs), "fr");
        assert_eq!(choose(None, &[]), "en");
    }

    #[test]
    fn overrides_apply_per_language_and_name_their_mistakes() {
        let o = MessageOverrides(vec![
            ("de".into(), vec![("select".into(), "Anhängen".into())]),
            ("*".into(), vec![("select".into(), "Attach".into()), ("cancel".into(), "Close".into())]),
        ]);
        let en = apply(EN, &o.for_lang("en")).unwrap();
        assert_eq!((en.select, en.cancel), ("Attach", "Close"));
        let de = apply(EN, &o.for_lang("de")).unwrap();
        assert_eq!((de.select, de.cancel), ("Anhängen", "Close"));
        let plural = [("item_count.one", "one thing")];
        assert_eq!(apply(EN, &plural).unwrap().item_count.form("one"), "one thing");
        let wrong = apply(EN, &[("selct", "x")]).unwrap_err();
        assert!(wrong.contains("“selct”"), "{wrong}");
        assert!(apply(EN, &[("item_count", "x")]).is_err());
    }
}
