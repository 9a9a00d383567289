//! The table against every place an option is spelled: the README's table, the element's
//! attributes in `www/onedrive-picker.js`, and the Leptos component's props.

use std::collections::{BTreeMap, BTreeSet};

use super::declarations::read;
use super::{markdown, Given, Kind, OptionValues, OPTIONS};

#[test]
fn names_are_unique_and_attributes_are_lower_case() {
    let props: BTreeSet<_> = OPTIONS.iter().map(|r| r.prop).collect();
    let attributes: Vec<_> = OPTIONS.iter().filter_map(|r| r.attribute).collect();
    let properties: BTreeSet<_> = OPTIONS.iter().filter_map(|r| r.property).collect();
    assert_eq!(props.len(), OPTIONS.len());
    assert_eq!(
        properties.len(),
        OPTIONS.iter().filter(|r| r.property.is_some()).count()
    );
    assert_eq!(
        attributes.iter().collect::<BTreeSet<_>>().len(),
        attributes.len()
    );
    for a in attributes {
        assert!(
            a.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'),
            "{a}"
        );
    }
}

#[test]
fn the_readme_table_is_the_table() {
    let readme = read("README.md");
    let start = readme
        .find("| prop (Leptos) |")
        .expect("the README has the options table");
    let end = readme[start..]
        .find("\n\n")
        .map_or(readme.len(), |e| start + e + 1);
    let expected = markdown();
    super::declarations::check("README.md", &readme[start..end], &expected, || {
        format!("{}{expected}{}", &readme[..start], &readme[end..])
    });
}

/// The element's `ATTRIBUTES`: attribute → (property, reader).
fn element_attributes() -> BTreeMap<String, (String, String)> {
    let js = read("www/onedrive-picker.js");
    let start = js
        .find("const ATTRIBUTES = {")
        .expect("the element's attribute table");
    let end = start + js[start..].find("\n};").unwrap();
    js[start..end]
        .lines()
        .skip(1)
        .filter_map(|line| {
            let (name, rest) = line.trim().split_once(": [")?;
            let (property, reader) = rest.trim_end_matches("],").split_once(", ")?;
            Some((
                name.trim_matches('"').to_string(),
                (property.trim_matches('"').to_string(), reader.to_string()),
            ))
        })
        .collect()
}

#[test]
fn the_element_observes_every_attribute_of_the_table() {
    let expected: BTreeMap<String, (String, String)> = OPTIONS
        .iter()
        .filter_map(|r| {
            let reader = match r.kind {
                Kind::Text | Kind::Choice(_) => "text",
                Kind::Flag => "flag",
                Kind::Number => "number",
                Kind::Function(_) | Kind::Object(_) | Kind::Rust => return None,
            };
            Some((
                r.attribute?.to_string(),
                (r.property?.to_string(), reader.to_string()),
            ))
        })
        .collect();
    assert_eq!(element_attributes(), expected);
}

/// The component's props, and which of them default to true.
fn component_props() -> (BTreeSet<String>, BTreeSet<String>) {
    let src = read("src/picker/component.rs");
    let start = src.find("pub fn OneDrivePicker(").expect("the component");
    let end = start + src[start..].find(") -> impl IntoView").unwrap();
    let (mut props, mut default_true) = (BTreeSet::new(), BTreeSet::new());
    let mut true_next = false;
    for line in src[start..end].lines().skip(1).map(str::trim) {
        if line.starts_with("#[prop(") {
            true_next = line.contains("default = true");
        } else if let Some((name, _)) = line.split_once(": ") {
            if !name.starts_with("//") {
                props.insert(name.to_string());
                if true_next {
                    default_true.insert(name.to_string());
                }
                true_next = false;
            }
        }
    }
    (props, default_true)
}

#[test]
fn the_component_has_a_prop_for_every_option_and_the_same_defaults() {
    let (props, default_true) = component_props();
    let expected: BTreeSet<String> = OPTIONS.iter().map(|r| r.prop.to_string()).collect();
    assert_eq!(props, expected);
    let flags_true: BTreeSet<String> = OPTIONS
        .iter()
        .filter(|r| r.kind == Kind::Flag && r.default == "true")
        .map(|r| r.prop.to_string())
        .collect();
    assert_eq!(default_true, flags_true);
}

#[test]
fn options_are_read_through_the_table_and_checked() {
    let given = |property: &str| match property {
        "clientId" => Given::Text("c".into()),
        "authority" => Given::Text(String::new()),
        "multiple" => Given::Bool(true),
        "maxCount" => Given::Number(3.0),
        _ => Given::Absent,
    };
    let v = OptionValues::read(given).unwrap();
    assert_eq!(v.text("client_id").as_deref(), Some("c"));
    assert_eq!(v.text("authority"), None, "an empty text is no text");
    assert!(v.flag("multiple"));
    assert!(!v.flag("open_files"), "a flag's default is the table's");
    assert!(!v.flag("upload"));
    assert_eq!(v.number("max_count"), Some(3.0));
    assert_eq!(v.number("upload_max_size"), None);
}

#[test]
fn a_value_of_the_wrong_type_is_a_configuration_error() {
    let cases = [
        (
            "multiple",
            Given::Text("true".into()),
            "options.multiple must be true or false",
        ),
        (
            "maxCount",
            Given::Number(0.5),
            "options.maxCount must be a whole number of at least 1",
        ),
        (
            "maxCount",
            Given::Text("2".into()),
            "options.maxCount must be a whole number of at least 1",
        ),
        ("scopes", Given::Other, "options.scopes must be text"),
    ];
    for (name, value, message) in cases {
        let got = OptionValues::read(|p| {
            if p == name {
                value.clone()
            } else {
                Given::Absent
            }
        });
        assert_eq!(got.unwrap_err(), message);
    }
}
