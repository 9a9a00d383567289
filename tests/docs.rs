//! The docs' recipes are the example apps' code: every snippet of `docs/recipes.md` marked
//! `<!-- file: PATH -->` is that file, whole (the end-to-end tests build and run those apps).
#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;

const MARK: &str = "<!-- file: ";

#[test]
fn every_recipe_snippet_is_its_fixture_file() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let recipes = std::fs::read_to_string(root.join("docs/recipes.md")).unwrap();
    let mut checked = 0;
    for part in recipes.split(MARK).skip(1) {
        let (path, rest) = part
            .split_once(" -->\n")
            .expect("a file marker ends with -->");
        let fence = rest
            .strip_prefix("```")
            .expect("a code block follows the marker");
        let (_, body) = fence.split_once('\n').unwrap();
        let end = body.find("```\n").expect("the code block ends");
        let file = std::fs::read_to_string(root.join(path))
            .unwrap_or_else(|e| panic!("docs/recipes.md names {path}: {e}"));
        assert!(
            body[..end] == file,
            "docs/recipes.md's snippet of {path} differs from the file"
        );
        checked += 1;
    }
    assert!(checked >= 8, "only {checked} snippets are checked");
}

/// The head of `www/picker.css`, which is made from the parts in `www/styles/`.
const STYLES_HEAD: &str = "\
/* The picker's own styles. Every rule is under the picker's root (.odp-picker; the prefix is in
   :where() so it adds no specificity): the file can be loaded into the element's shadow root or
   into a page's light DOM (mountPicker) and touches nothing else on the page. The demo page's own
   rules are in demo.css.
   This file is made from www/styles/*.css, in the order of their names: edit those. `cargo test
   --test docs` checks that it is their sum, and writes it with ODP_BLESS=1. */
";

/// `www/picker.css` (what Trunk, the npm package and the crate ship) is the parts of
/// `www/styles/`, each a room of its own, in the order of their names.
#[test]
fn the_stylesheet_is_its_parts() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut parts: Vec<_> = std::fs::read_dir(root.join("www/styles"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "css"))
        .collect();
    parts.sort();
    assert!(parts.len() >= 5, "the stylesheet's parts: {parts:?}");
    let mut made = STYLES_HEAD.to_string();
    for part in &parts {
        let text = std::fs::read_to_string(part).unwrap();
        assert!(
            text.lines().count() <= 400,
            "{} is over 400 lines",
            part.display()
        );
        made.push('\n');
        made.push_str(text.trim_end());
        made.push('\n');
    }
    let path = root.join("www/picker.css");
    if std::env::var_os("ODP_BLESS").is_some() {
        std::fs::write(&path, &made).unwrap();
    }
    let shipped = std::fs::read_to_string(&path).unwrap();
    assert!(
        shipped == made,
        "www/picker.css is not the sum of www/styles/*.css: edit the parts, then run \
         ODP_BLESS=1 cargo test --test docs"
    );
}
