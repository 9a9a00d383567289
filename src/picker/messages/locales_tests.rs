//! Every locale file says every message: each key once, each plural in exactly its language's
//! categories (CLDR's, which `Intl.PluralRules` applies; `locales.test.mjs` checks the browser
//! agrees), each placeholder English has. A file that misses or misspells a key fails here.

use std::collections::BTreeSet;

use super::locale::{resolve, LOCALES};
use super::parse::entries;
use super::sources::file;
use super::{Messages, Slot, EN};

/// The plural categories of each language's integers and decimals (CLDR 44).
pub(super) const CATEGORIES: [(&str, &[&str]); 10] = [
    ("de", &["one", "other"]),
    ("fr", &["one", "many", "other"]),
    ("es", &["one", "many", "other"]),
    ("it", &["one", "many", "other"]),
    ("nl", &["one", "other"]),
    ("pt-BR", &["one", "many", "other"]),
    ("pl", &["one", "few", "many", "other"]),
    ("ja", &["other"]),
    ("zh-Hans", &["other"]),
    ("ar", &["zero", "one", "two", "few", "many", "other"]),
];

/// The `{names}` in a text.
fn placeholders(text: &str) -> BTreeSet<&str> {
    text.split('{')
        .skip(1)
        .filter_map(|s| s.split_once('}').map(|(name, _)| name))
        .collect()
}

/// English's text of `key` (a plural's `other` form).
fn english(key: &str) -> &'static str {
    let mut en = EN;
    match en.slot(key) {
        Some(Slot::Text(t)) => t,
        Some(Slot::Plural(p)) => p.forms[5],
        None => unreachable!("{key} is a key"),
    }
}

/// What is wrong with `lang`'s file, one line per problem.
fn problems(lang: &str, source: &str, categories: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    let mut seen = BTreeSet::new();
    for entry in entries(source) {
        let Ok((key, form, text)) = entry else {
            out.push(format!("{lang}: line {} is not `key = text`", entry.unwrap_err()));
            continue;
        };
        let name = form.map_or(key.to_string(), |f| format!("{key}.{f}"));
        if !seen.insert(name.clone()) {
            out.push(format!("{lang}: {name} twice"));
        }
        if !Messages::KEYS.contains(&key) {
            out.push(format!("{lang}: no message is called {key}"));
            continue;
        }
        if Messages::is_plural(key) != form.is_some() {
            out.push(format!("{lang}: {name}: plural forms only where English has them"));
        }
        if text.is_empty() {
            out.push(format!("{lang}: {name} is empty"));
        }
        let (want, have) = (placeholders(english(key)), placeholders(text));
        let complete = form.is_none_or(|f| f == "other");
        if !have.is_subset(&want) || (complete && have != want) {
            out.push(format!("{lang}: {name} has placeholders {have:?}, English {want:?}"));
        }
    }
    for key in Messages::KEYS {
        let expected: Vec<String> = if Messages::is_plural(key) {
            categories.iter().map(|c| format!("{key}.{c}")).collect()
        } else {
            vec![key.to_string()]
        };
        out.extend(expected.into_iter().filter(|e| !seen.contains(e)).map(|e| format!("{lang}: {e} is missing")));
        out.extend(seen.iter().filter(|s| {
            s.split_once('.').is_some_and(|(k, c)| k == *key && !categories.contains(&c))
        }).map(|s| format!("{lang}: {s} is not a category of the language")));
    }
    out
}

#[test]
fn every_locale_has_every_key_in_its_plural_forms() {
    let all: Vec<String> = CATEGORIES
        .iter()
        .flat_map(|(lang, categories)| problems(lang, file(lang).unwrap_or_default(), categories))
        .collect();
    assert!(all.is_empty(), "{}", all.join("\n"));
}

#[test]
fn every_locale_is_listed_resolvable_and_read_into_a_table() {
    let files: BTreeSet<&str> = CATEGORIES.iter().map(|(l, _)| *l).collect();
    let listed: BTreeSet<&str> = LOCALES.iter().copied().filter(|l| !["en", "en-XA"].contains(l)).collect();
    assert_eq!(files, listed);
    for lang in LOCALES {
        assert_eq!(resolve(lang), Some(lang));
    }
    let de = super::parse::table("de", file("de").unwrap());
    assert_eq!((de.sign_in, de.select), ("Mit Microsoft anmelden", "Auswählen"));
    assert_eq!(de.item_count.form("one"), "{count} Element");
    let ar = super::parse::table("ar", file("ar").unwrap());
    assert_eq!(ar.dir(), Some("rtl"));
    assert_eq!(ar.item_count.form("two"), "عنصران");
}

#[test]
fn a_file_with_a_missing_or_misspelt_key_is_caught() {
    let source = file("de")
        .unwrap()
        .replace("select = Auswählen\n", "selct = Auswählen\n")
        .replace("item_count.one = {count} Element\n", "item_count.few = {count} Element\n")
        .replace("open_desktop = In {app} öffnen", "open_desktop = Öffnen");
    let found = problems("de", &source, &["one", "other"]);
    for expected in [
        "de: no message is called selct",
        "de: select is missing",
        "de: item_count.one is missing",
        "de: item_count.few is not a category of the language",
        "de: open_desktop has placeholders {}, English {\"app\"}",
    ] {
        assert!(found.iter().any(|f| f == expected), "{expected} in {found:#?}");
    }
    assert_eq!(found.len(), 5, "{found:#?}");
}

/// What `docs/messages.md` says before its table.
const DOC_HEAD: &str = r#"# The picker's messages

<!-- generated from src/picker/messages/en.rs by `ODP_BLESS=1 cargo test --lib messages`: do not edit -->

Every string the picker shows, by key: what the `messages` option overrides (see the README's
Languages section) and what each file in `src/picker/messages/locales/` translates. A plural has
one text per form of the language (`item_count.one`, `item_count.other`; Polish also `.few` and
`.many`, Arabic `.zero`, `.one`, `.two`, `.few`, `.many`, `.other`), chosen by
`Intl.PluralRules`. Placeholders in braces are filled in: `{count}` is the number as the language
writes it.

```js
picker.messages = { en: { select: "Attach", "item_count.other": "{count} files" }, "*": { title: "Contoso" } };
```

"#;

/// `docs/messages.md`: every key with what it is and its English text, from `en.rs`.
fn messages_doc() -> String {
    let root = env!("CARGO_MANIFEST_DIR");
    let source = std::fs::read_to_string(format!("{root}/src/picker/messages/en.rs")).unwrap();
    let mut out = String::from(DOC_HEAD);
    out.push_str("| key | what it is | English |\n|---|---|---|\n");
    let mut what = String::new();
    for line in source.lines().map(str::trim) {
        if let Some(doc) = line.strip_prefix("/// ") {
            what = doc.to_string();
        } else if let Some((key, _)) = line.split_once(": ").filter(|(k, _)| Messages::KEYS.contains(k)) {
            let mut en = EN;
            let english = match en.slot(key) {
                Some(Slot::Text(t)) => t.to_string(),
                Some(Slot::Plural(p)) => format!("`.one`: {} · `.other`: {}", p.forms[1], p.forms[5]),
                None => unreachable!(),
            };
            let key = if Messages::is_plural(key) { format!("`{key}.…`") } else { format!("`{key}`") };
            out.push_str(&format!("| {key} | {what} | {} |\n", english.replace('|', "\\|")));
        }
    }
    out
}

#[test]
fn docs_list_every_key() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/messages.md");
    let expected = messages_doc();
    if std::env::var_os("ODP_BLESS").is_some() {
        std::fs::write(path, &expected).unwrap();
    }
    let written = std::fs::read_to_string(path).unwrap_or_default();
    assert!(written == expected, "docs/messages.md is stale: ODP_BLESS=1 cargo test --lib messages");
    assert_eq!(expected.matches("\n| `").count(), Messages::KEYS.len());
}
