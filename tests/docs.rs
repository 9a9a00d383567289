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
