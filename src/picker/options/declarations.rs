//! What the options table and the events write for TypeScript and for editors: the generated
//! block of `www/onedrive-picker.d.ts` (the options, the element's attributes and properties,
//! its event map) and `www/custom-elements.json` (the Custom Elements Manifest). The tests fail
//! when either (or the README's table) differs; `ODP_BLESS=1 cargo test --lib options` writes them.

use serde_json::{json, Value};

use super::{arguments, Kind, OptionRow, EVENTS, OPTIONS};

const BEGIN: &str = "// <generated from src/picker/options/table.rs: do not edit>\n";
const END: &str = "// </generated>\n";

/// An option's TypeScript type as a value (a property or an `open()` option).
fn value_type(r: &OptionRow) -> String {
    match r.kind {
        Kind::Text => "string".into(),
        Kind::Choice(words) => words
            .iter()
            .map(|w| format!("\"{w}\""))
            .collect::<Vec<_>>()
            .join(" | "),
        Kind::Flag => "boolean".into(),
        Kind::Number => "number".into(),
        Kind::Function(ts) | Kind::Object(ts) => ts.into(),
        Kind::Rust => unreachable!("no JavaScript option"),
    }
}

/// One doc comment line: the README's words, and the default.
fn doc(r: &OptionRow, indent: &str) -> String {
    let text = format!("{} (default: {})", r.doc, r.default.replace('`', ""));
    format!("{indent}/** {} */\n", text.replace("*/", "* /"))
}

/// The generated block of the declarations.
pub(crate) fn typescript() -> String {
    let js = || OPTIONS.iter().filter(|r| r.property.is_some());
    let mut out = String::from(BEGIN);
    out.push_str(&message_keys());
    out.push_str("/** The options of `mountPicker()` and `OneDrivePicker.open()`. */\n");
    out.push_str("export interface PickerOptions {\n");
    for r in js() {
        let p = r.property.unwrap();
        out.push_str(&doc(r, "  "));
        out.push_str(&format!("  {p}?: {};\n", value_type(r)));
    }
    out.push_str("}\n\n/** The element's properties: each option it has as an attribute, reflected. */\n");
    out.push_str("export interface OneDrivePickerProperties {\n");
    for r in js().filter(|r| r.attribute.is_some()) {
        let p = r.property.unwrap();
        let t = match r.kind {
            Kind::Flag => "boolean".to_string(),
            _ => format!("{} | null", value_type(r)),
        };
        out.push_str(&doc(r, "  "));
        out.push_str(&format!("  {p}: {t};\n"));
    }
    out.push_str("}\n\n/** The element's attributes, as templates and JSX write them. */\n");
    out.push_str("export interface OneDrivePickerAttributes {\n");
    for r in js() {
        let Some(a) = r.attribute else { continue };
        let t = match r.kind {
            Kind::Flag => "boolean | \"\" | \"true\" | \"false\"".to_string(),
            Kind::Number => "number | `${number}`".to_string(),
            _ => value_type(r),
        };
        out.push_str(&format!("  \"{a}\"?: {t};\n"));
    }
    out.push_str("}\n\n/** The element's events, and the type of each one's `detail`. */\n");
    out.push_str("export interface OneDrivePickerEventMap {\n");
    for (name, detail, what) in EVENTS {
        out.push_str(&format!("  /** {what} */\n  \"{name}\": CustomEvent<{detail}>;\n"));
    }
    out.push_str("}\n");
    out.push_str(END);
    out
}

/// The message keys (`docs/messages.md`) and the `messages` option's type.
fn message_keys() -> String {
    use crate::picker::messages::{Messages, Plural};
    let forms = Plural::CATEGORIES.map(|c| format!("\"{c}\"")).join(" | ");
    let keys: Vec<String> = Messages::KEYS
        .iter()
        .map(|k| match Messages::is_plural(k) {
            true => format!("  | `{k}.${{PluralForm}}`\n"),
            false => format!("  | \"{k}\"\n"),
        })
        .collect();
    format!(
        "/** A plural form (CLDR's categories; each language uses its own). */\n\
         export type PluralForm = {forms};\n\n\
         /** The key of a message the picker shows (docs/messages.md). */\n\
         export type MessageKey =\n{}  ;\n\n\
         /** Your own words: per language tag (or `*`, every language), texts by message key. */\n\
         export type PickerMessages = Record<string, Partial<Record<MessageKey, string>>>;\n\n",
        keys.concat()
    )
}

/// The Custom Elements Manifest (schema 2.1.0) of the element.
pub(crate) fn manifest() -> Value {
    let plain = || {
        OPTIONS
            .iter()
            .filter(|r| r.attribute.is_some() && r.property.is_some())
    };
    let text = |r: &OptionRow| match r.kind {
        Kind::Flag => "boolean".to_string(),
        _ => value_type(r),
    };
    let attributes: Vec<Value> = plain()
        .map(|r| {
            json!({ "name": r.attribute, "fieldName": r.property, "type": { "text": text(r) },
                    "default": r.default.replace('`', ""), "description": r.doc })
        })
        .collect();
    let mut members: Vec<Value> = plain()
        .map(|r| {
            json!({ "kind": "field", "name": r.property, "type": { "text": text(r) },
                    "attribute": r.attribute, "reflects": true, "description": r.doc })
        })
        .collect();
    let provider = OPTIONS.iter().find(|r| r.prop == "token_provider").unwrap();
    members.push(json!({ "kind": "field", "name": "tokenProvider",
        "type": { "text": format!("({}) | null", value_type(provider)) }, "description": provider.doc }));
    let messages = OPTIONS.iter().find(|r| r.prop == "messages").unwrap();
    members.push(json!({ "kind": "field", "name": "messages",
        "type": { "text": format!("{} | null", value_type(messages)) }, "description": messages.doc }));
    let events: Vec<Value> = EVENTS
        .iter()
        .map(|(name, detail, what)| {
            json!({ "name": name, "type": { "text": format!("CustomEvent<{detail}>") }, "description": what })
        })
        .collect();
    json!({
        "schemaVersion": "2.1.0",
        "readme": "README.md",
        "modules": [{
            "kind": "javascript-module",
            "path": "onedrive-picker.js",
            "declarations": [{
                "kind": "class",
                "name": "OneDrivePickerElement",
                "tagName": "onedrive-picker",
                "customElement": true,
                "description": "A Microsoft 365 file picker: signs in, browses OneDrive, SharePoint and Teams, and hands the picked files to the page.",
                "superclass": { "name": "HTMLElement" },
                "attributes": attributes,
                "members": members,
                "events": events,
                "cssParts": [],
                "cssProperties": css_properties(),
            }],
            "exports": [
                { "kind": "js", "name": "OneDrivePickerElement", "declaration": { "name": "OneDrivePickerElement" } },
                { "kind": "custom-element-definition", "name": "onedrive-picker", "declaration": { "name": "OneDrivePickerElement" } },
            ],
        }],
    })
}

/// The custom properties a page themes the picker with: each `--odp-c-…` colour's first
/// `var(--odp-…)` in `www/picker.css`.
fn css_properties() -> Vec<Value> {
    let css = read("www/picker.css");
    let mut names: Vec<&str> = css
        .lines()
        .filter(|l| l.trim_start().starts_with("--odp-c-"))
        .filter_map(|l| l.split("var(").nth(1)?.split([',', ')']).next())
        .collect();
    names.dedup();
    names
        .into_iter()
        .map(|n| json!({ "name": n, "description": "A colour of the picker (each theme's own by default)." }))
        .collect()
}

/// A file of the repository.
pub(crate) fn read(path: &str) -> String {
    std::fs::read_to_string(format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// Writes `expected` at `path` under `ODP_BLESS=1`; otherwise fails when it differs.
pub(crate) fn check(path: &str, found: &str, expected: &str, write: impl FnOnce() -> String) {
    if found == expected {
        return;
    }
    if std::env::var_os("ODP_BLESS").is_some() {
        let file = format!("{}/{path}", env!("CARGO_MANIFEST_DIR"));
        std::fs::write(file, write()).unwrap();
        return;
    }
    panic!("{path} differs from the options table; `ODP_BLESS=1 cargo test --lib options` writes it:\n{expected}");
}

#[test]
fn the_type_declarations_are_the_table() {
    let path = "www/onedrive-picker.d.ts";
    let dts = read(path);
    let start = dts.find(BEGIN).expect("the generated block's start");
    let end = dts.find(END).expect("the generated block's end") + END.len();
    let expected = typescript();
    check(path, &dts[start..end], &expected, || {
        format!("{}{expected}{}", &dts[..start], &dts[end..])
    });
}

#[test]
fn the_manifest_is_the_table() {
    let path = "www/custom-elements.json";
    let expected = format!("{}\n", serde_json::to_string_pretty(&manifest()).unwrap());
    check(path, &read(path), &expected, || expected.clone());
}

#[test]
fn the_element_dispatches_every_event_and_no_other() {
    let js = read("www/onedrive-picker.js");
    let mut dispatched: Vec<&str> = js
        .split("#emit(\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .collect();
    dispatched.sort_unstable();
    dispatched.dedup();
    let mut expected: Vec<&str> = EVENTS.iter().map(|(n, _, _)| *n).collect();
    expected.sort_unstable();
    assert_eq!(dispatched, expected);
}

#[test]
fn function_types_name_their_arguments() {
    assert_eq!(arguments("(items: PickedItem[]) => void"), "items");
    assert_eq!(arguments("() => void"), "");
    assert_eq!(
        arguments("(scopes: string[], refresh: boolean) => Promise<string>"),
        "scopes, refresh"
    );
}
