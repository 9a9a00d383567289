//! The house rules, checked over the sources of both crates (the widget's `src/` and the
//! emulator's `emulator/src/`): no import circle between modules (a module names another by a
//! `use`, a `crate::`/`super::` path or a path into a child; `mod` declarations do not count),
//! no module reaching up to the crate root, no file over 400 lines, no function body over 60.
//! A failure names the file, the function or the circle; there are no exceptions.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const MAX_FILE_LINES: usize = 400;
const MAX_FN_LINES: usize = 60;

/// Every `.rs` file under `dir`, keyed by its module path (`graph::error`, `""` for the root).
fn modules(dir: &Path) -> BTreeMap<String, PathBuf> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                let rel = p.strip_prefix(dir).unwrap().with_extension("");
                let mut parts: Vec<String> = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                if matches!(
                    parts.last().map(String::as_str),
                    Some("mod" | "lib" | "main")
                ) {
                    parts.pop();
                }
                if rel == Path::new("main") {
                    continue;
                }
                out.insert(parts.join("::"), p);
            }
        }
    }
    out
}

/// The module a path names: the longest prefix of `segments` that is a module.
fn target(known: &BTreeMap<String, PathBuf>, segments: &[String]) -> Option<String> {
    (0..=segments.len())
        .rev()
        .map(|n| segments[..n].join("::"))
        .find(|m| known.contains_key(m))
}

/// The paths of a use tree's group (`a, b::{c, d}` under `prefix`).
fn expand(prefix: &[String], group: &str) -> Vec<Vec<String>> {
    let mut items = vec![];
    let (mut depth, mut start) = (0, 0);
    for (i, c) in group.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(&group[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    items.push(&group[start..]);
    let mut out = vec![];
    for item in items.into_iter().map(str::trim).filter(|i| !i.is_empty()) {
        let item = item.split(" as ").next().unwrap_or(item);
        let (head, inner) = match item.find("::{") {
            Some(i) => (&item[..i], Some(&item[i + 3..item.len() - 1])),
            None => (item, None),
        };
        let mut p = prefix.to_vec();
        p.extend(
            head.split("::")
                .filter(|s| !s.is_empty() && *s != "self")
                .map(String::from),
        );
        match inner {
            Some(inner) => out.extend(expand(&p, inner)),
            None => out.push(p),
        }
    }
    out
}

/// The modules `module`'s source names through `crate::` and `super::` paths, and through
/// paths into its own children.
fn references(known: &BTreeMap<String, PathBuf>, module: &str, src: &str) -> BTreeSet<String> {
    let here: Vec<String> = if module.is_empty() {
        vec![]
    } else {
        module.split("::").map(String::from).collect()
    };
    let code = code_of(src);
    let starts = ["crate::".to_string(), "super::".to_string()]
        .into_iter()
        .chain(children_of(known, module))
        .flat_map(|p| code.match_indices(&p).map(|(i, _)| i).collect::<Vec<_>>());
    let mut out = BTreeSet::new();
    for i in starts {
        let before = code[..i].chars().last();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
            continue;
        }
        let paths = paths_at(&code[i..], &here);
        out.extend(paths.iter().filter_map(|p| target(known, p)));
    }
    out.remove(module);
    out
}

/// The source without its comment lines and its test modules (at its end; they say `super::`
/// of the file itself).
fn code_of(src: &str) -> String {
    let lines: Vec<&str> = src.lines().collect();
    let test_module = (0..lines.len()).find(|&i| {
        lines[i] == "#[cfg(test)]"
            && lines
                .get(i + 1)
                .is_some_and(|l| l.contains("mod ") && l.ends_with('{'))
    });
    lines[..test_module.unwrap_or(lines.len())]
        .iter()
        .filter(|l| !l.trim_start().starts_with("//"))
        .map(|l| format!("{l}\n"))
        .collect()
}

/// `child::` for each direct child of `module`.
fn children_of(known: &BTreeMap<String, PathBuf>, module: &str) -> Vec<String> {
    known
        .keys()
        .filter_map(|k| {
            let rest = if module.is_empty() {
                Some(k.as_str())
            } else {
                k.strip_prefix(module)?.strip_prefix("::")
            };
            rest.filter(|r| !r.is_empty() && !r.contains("::"))
                .map(|r| format!("{r}::"))
        })
        .collect()
}

/// The absolute paths a path at the start of `rest` names, seen from the module `here`: one,
/// or each leaf of a `{a, b::{c, d}}` group.
fn paths_at(rest: &str, here: &[String]) -> Vec<Vec<String>> {
    let path: String = rest
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
        .collect();
    let mut segs: Vec<&str> = path.split("::").filter(|s| !s.is_empty()).collect();
    let mut full: Vec<String> = vec![];
    if segs.first() == Some(&"crate") {
        segs.remove(0);
    } else {
        full = here.to_vec();
        while segs.first() == Some(&"super") {
            segs.remove(0);
            full.pop();
        }
    }
    full.extend(segs.iter().map(|s| s.to_string()));
    if !rest[path.len()..].starts_with('{') {
        return vec![full];
    }
    let mut depth = 0;
    let group: String = rest[path.len()..]
        .chars()
        .take_while(|c| {
            depth += match c {
                '{' => 1,
                '}' => -1,
                _ => 0,
            };
            depth > 0
        })
        .skip(1)
        .collect();
    expand(&full, &group)
}

/// The circles of `graph`: its strongly connected components of more than one module (Tarjan),
/// each listed in order.
fn cycles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    struct Walk<'a> {
        graph: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        found: Vec<Vec<String>>,
    }
    fn visit<'a>(w: &mut Walk<'a>, v: &'a str) {
        let n = w.index.len();
        w.index.insert(v, n);
        w.low.insert(v, n);
        w.stack.push(v);
        for next in w.graph.get(v).into_iter().flatten() {
            let next = next.as_str();
            if !w.index.contains_key(next) {
                visit(w, next);
                let low = w.low[v].min(w.low[next]);
                w.low.insert(v, low);
            } else if w.stack.contains(&next) {
                let low = w.low[v].min(w.index[next]);
                w.low.insert(v, low);
            }
        }
        if w.low[v] == w.index[v] {
            let at = w.stack.iter().position(|s| *s == v).unwrap();
            let mut component: Vec<String> = w.stack.drain(at..).map(String::from).collect();
            if component.len() > 1 {
                component.sort();
                w.found.push(component);
            }
        }
    }
    let mut w = Walk {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: vec![],
        found: vec![],
    };
    for v in graph.keys() {
        if !w.index.contains_key(v.as_str()) {
            visit(&mut w, v);
        }
    }
    w.found.sort();
    w.found
}

fn long_functions(src: &str) -> Vec<(usize, String, usize)> {
    let lines: Vec<&str> = src.lines().collect();
    let mut out = vec![];
    for (i, line) in lines.iter().enumerate() {
        let t = line.trim_start();
        let indent = &line[..line.len() - t.len()];
        let sig = t
            .trim_start_matches("pub(crate) ")
            .trim_start_matches("pub(super) ")
            .trim_start_matches("pub ")
            .trim_start_matches("async ")
            .trim_start_matches("const ");
        let Some(name) = sig.strip_prefix("fn ") else {
            continue;
        };
        let name: String = name
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        let close = format!("{indent}}}");
        let Some(end) = lines[i..].iter().position(|l| *l == close) else {
            continue;
        };
        // The body starts where the signature ends: the `fn` line itself, or the line of a
        // multi-line signature that closes it (`) -> T {`, or `{` after a `where`).
        let opens = lines[i..i + end].iter().enumerate().position(|(j, l)| {
            let t = l.trim_end();
            t.ends_with('{')
                && (j == 0 || l.starts_with(&format!("{indent})")) || t == format!("{indent}{{"))
        });
        let ends = lines[i..].iter().position(|l| l.trim_end().ends_with(';'));
        let Some(open) = opens else {
            continue; // a declaration without a body
        };
        if ends.is_some_and(|e| e < open) {
            continue;
        }
        let body = end - open - 1;
        if body > MAX_FN_LINES {
            out.push((i + 1, name, body));
        }
    }
    out
}

/// Every breach of the rules in the crate whose sources are in `root`.
fn problems(root: &Path) -> Vec<String> {
    let known = modules(root);
    let mut problems = vec![];
    let mut graph = BTreeMap::new();
    for (module, path) in &known {
        let src = std::fs::read_to_string(path).unwrap();
        let shown = path.strip_prefix(root).unwrap().display();
        let n = src.lines().count();
        if n > MAX_FILE_LINES {
            problems.push(format!("{shown}: {n} lines (at most {MAX_FILE_LINES})"));
        }
        for (line, name, len) in long_functions(&src) {
            problems.push(format!(
                "{shown}:{line}: fn {name} has {len} lines (at most {MAX_FN_LINES})"
            ));
        }
        graph.insert(module.clone(), references(&known, module, &src));
    }
    // The crate root assembles every room; it is above them all.
    for (m, refs) in &graph {
        if !m.is_empty() && refs.contains("") {
            problems.push(format!(
                "{m} reaches up to the crate root (name the module instead)"
            ));
        }
    }
    for refs in graph.values_mut() {
        refs.remove("");
    }
    for c in cycles(&graph) {
        problems.push(format!("import circle among {}", c.join(", ")));
    }
    problems
}

#[test]
fn the_emulator_keeps_the_house_rules() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("emulator/src");
    let problems = problems(&root);
    assert!(problems.is_empty(), "\n{}\n", problems.join("\n"));
}

#[test]
fn the_widget_keeps_the_house_rules() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let problems = problems(&root);
    assert!(problems.is_empty(), "\n{}\n", problems.join("\n"));
}

#[test]
fn the_rules_see_a_circle_and_a_long_function() {
    let known: BTreeMap<String, PathBuf> = ["", "a", "b", "b::c"]
        .iter()
        .map(|m| (m.to_string(), PathBuf::new()))
        .collect();
    let a = references(
        &known,
        "a",
        "use crate::b::c::X;\nfn f() { super::b::y(); }",
    );
    assert_eq!(a, BTreeSet::from(["b::c".to_string(), "b".to_string()]));
    let grouped = references(&known, "b", "use crate::{a, b::c::{D, E}};");
    assert_eq!(
        grouped,
        BTreeSet::from(["a".to_string(), "b::c".to_string()])
    );
    let bare = references(&known, "b", "fn f() { c::g(); }");
    assert_eq!(bare, BTreeSet::from(["b::c".to_string()]));
    let graph = BTreeMap::from([
        ("a".to_string(), BTreeSet::from(["b".to_string()])),
        ("b".to_string(), BTreeSet::from(["a".to_string()])),
    ]);
    assert_eq!(cycles(&graph), vec![vec!["a".to_string(), "b".to_string()]]);
    let body = (0..70).map(|_| "    x();\n").collect::<String>();
    let long = format!("fn long() {{\n{body}}}\n\nfn short() {{\n}}\n");
    assert_eq!(long_functions(&long), vec![(1, "long".to_string(), 70)]);
}
