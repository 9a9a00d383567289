//! Tables from text: a locale file's `key = text` lines (a plural's forms as `key.one = …`),
//! and the page's overrides, laid over a base table. This code runs only when a picker asks for
//! a language other than English or for its own wording: in the package it is a module of its
//! own, shared by the locales' modules (see [`super::locale`]).

use super::{Messages, Plural, Slot, Text};

/// A line of a locale file, read: the key, the plural form (`one`, … or none) and the text.
pub(crate) type Entry<'a> = (&'a str, Option<&'a str>, &'a str);

/// The entries of a locale file, or the line (1-based) that is not one. Blank lines and lines
/// starting with `#` are skipped; spaces around the key and the text are not kept.
pub(crate) fn entries(source: &str) -> impl Iterator<Item = Result<Entry<'_>, usize>> {
    source.lines().enumerate().filter_map(|(i, line)| {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            return None;
        }
        let Some((key, text)) = line.split_once('=') else {
            return Some(Err(i + 1));
        };
        let (key, form) = match key.trim().split_once('.') {
            Some((key, form)) => (key, Some(form)),
            None => (key.trim(), None),
        };
        Some(Ok((key, form, text.trim())))
    })
}

/// Why an entry does not fit the table.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Misfit {
    /// No such key.
    Unknown,
    /// A plural form on a plain message, or a plain text (or an unknown form) for a plural.
    Form,
}

/// Sets `key` (and its plural `form`) of `table` to `text`.
pub(crate) fn set(
    table: &mut Messages,
    (key, form, text): (&str, Option<&str>, Text),
) -> Result<(), Misfit> {
    match (table.slot(key).ok_or(Misfit::Unknown)?, form) {
        (Slot::Text(t), None) => *t = text,
        (Slot::Plural(p), Some(form)) => {
            let i = Plural::CATEGORIES
                .iter()
                .position(|c| *c == form)
                .ok_or(Misfit::Form)?;
            p.forms[i] = text;
        }
        _ => return Err(Misfit::Form),
    }
    Ok(())
}

/// Language `lang`'s table: English with every entry of `source` in its place (a plural's forms
/// replace English's together). Entries that do not fit are skipped (the locale tests find them).
pub(crate) fn table(lang: &'static str, source: &'static str) -> Messages {
    let mut table = super::EN;
    table.lang = lang;
    for key in Messages::KEYS {
        if let Some(Slot::Plural(p)) = table.slot(key) {
            p.forms = [""; 6];
        }
    }
    let mut fallback = super::EN;
    for (key, form, text) in entries(source).flatten() {
        let _ = set(&mut table, (key, form, text));
    }
    // A plural the file does not translate at all keeps English's forms.
    for key in Messages::KEYS {
        if let (Some(Slot::Plural(p)), Some(Slot::Plural(en))) =
            (table.slot(key), fallback.slot(key))
        {
            if p.forms[5].is_empty() {
                *p = *en;
            }
        }
    }
    table
}

/// `base` with the page's `entries` in place (their texts kept for the page's life).
pub(crate) fn apply<K: AsRef<str>, V: AsRef<str>>(
    mut base: Messages,
    entries: &[(K, V)],
) -> Result<Messages, String> {
    for (key, text) in entries {
        let key = key.as_ref();
        let (name, form) = match key.split_once('.') {
            Some((name, form)) => (name, Some(form)),
            None => (key, None),
        };
        let text: &'static str = Box::leak(text.as_ref().to_string().into_boxed_str());
        set(&mut base, (name, form, text)).map_err(|m| match m {
            Misfit::Unknown => format!("messages: no message is called “{key}”"),
            Misfit::Form => format!("messages: “{key}” is not a form of that message"),
        })?;
    }
    Ok(base)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_read_as_keys_forms_and_texts() {
        let source = "# a comment\n\nsign_in = Anmelden \nitem_count.one= {count} Element\nbroken line\n";
        let read: Vec<_> = entries(source).collect();
        assert_eq!(
            read,
            [
                Ok(("sign_in", None, "Anmelden")),
                Ok(("item_count", Some("one"), "{count} Element")),
                Err(5)
            ]
        );
    }

    #[test]
    fn a_table_takes_what_fits_and_keeps_english_elsewhere() {
        let t = table(
            "de",
            "sign_in = Anmelden\nitem_count.one = {count} Element\nitem_count.other = {count} Elemente\nselect.one = x\nnope = y\n",
        );
        assert_eq!(t.lang, "de");
        assert_eq!(t.sign_in, "Anmelden");
        assert_eq!(t.select, "Select");
        assert_eq!(t.item_count.form("one"), "{count} Element");
        assert_eq!(t.item_count.form("few"), "{count} Elemente");
        assert_eq!(t.uploaded, super::super::EN.uploaded);
        let mut t = t;
        assert_eq!(set(&mut t, ("nope", None, "y")), Err(Misfit::Unknown));
        assert_eq!(set(&mut t, ("select", Some("one"), "y")), Err(Misfit::Form));
        assert_eq!(set(&mut t, ("item_count", None, "y")), Err(Misfit::Form));
        assert_eq!(set(&mut t, ("item_count", Some("dual"), "y")), Err(Misfit::Form));
    }
}
