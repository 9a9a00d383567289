//! The emulator's house rules, checked over its sources: no file over 400 lines, no function
//! over 60, and no import circle between its modules (a module names another by a `use` or a
//! `crate::`/`super::` path; `mod` declarations do not count). A failure names the file, the
//! function or the circle.

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

/// The modules `module`'s source names through `crate::` and `super::` paths.
fn references(known: &BTreeMap<String, PathBuf>, module: &str, src: &str) -> BTreeSet<String> {
    let here: Vec<String> = if module.is_empty() {
        vec![]
    } else {
        module.split("::").map(String::from).collect()
    };
    let mut out = BTreeSet::new();
    // A file's own `mod tests` (at its end) says `super::` of the file itself.
    let src = src.split("#[cfg(test)]\nmod tests").next().unwrap_or(src);
    let code: String = src
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .map(|l| format!("{l}\n"))
        .collect();
    // Paths from the crate, from the parent, and bare paths into this module's own children.
    let children: Vec<String> = known
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
        .collect();
    let starts = ["crate::".to_string(), "super::".to_string()]
        .into_iter()
        .chain(children)
        .flat_map(|p| code.match_indices(&p).map(|(i, _)| i).collect::<Vec<_>>());
    for i in starts {
        let before = code[..i].chars().last();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
            continue;
        }
        let rest = &code[i..];
        let path: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
            .collect();
        let mut segs: Vec<&str> = path.split("::").filter(|s| !s.is_empty()).collect();
        let mut base: Vec<String> = vec![];
        if segs.first() == Some(&"crate") {
            segs.remove(0);
        } else if segs.first() != Some(&"super") {
            base = here.clone();
        } else {
            base = here.clone();
            while segs.first() == Some(&"super") {
                segs.remove(0);
                base.pop();
            }
        }
        // `{a, b::{c, d}}` groups: each leaf is a path of its own.
        let mut full = base.clone();
        full.extend(segs.iter().map(|s| s.to_string()));
        let paths = if rest[path.len()..].starts_with('{') {
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
        } else {
            vec![full]
        };
        out.extend(paths.iter().filter_map(|p| target(known, p)));
    }
    out.remove(module);
    out
}

fn cycles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    // Tarjan would do; the graph is small, so a search from every node finds each circle.
    let mut found = BTreeSet::new();
    for start in graph.keys() {
        let mut stack = vec![(start.clone(), vec![start.clone()])];
        while let Some((node, path)) = stack.pop() {
            for next in graph.get(&node).into_iter().flatten() {
                if next == start {
                    let mut c = path.clone();
                    let min = c.iter().enumerate().min_by_key(|(_, s)| *s).unwrap().0;
                    c.rotate_left(min);
                    found.insert(c);
                } else if !path.contains(next) && next > start {
                    let mut p = path.clone();
                    p.push(next.clone());
                    stack.push((next.clone(), p));
                }
            }
        }
    }
    found.into_iter().collect()
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
        let opens = lines[i..].iter().position(|l| l.contains('{'));
        let ends = lines[i..].iter().position(|l| l.trim_end().ends_with(';'));
        if matches!((opens, ends), (Some(o), Some(e)) if e < o) {
            continue; // a declaration without a body
        }
        if end + 1 > MAX_FN_LINES {
            out.push((i + 1, name, end + 1));
        }
    }
    out
}

#[test]
fn the_emulator_keeps_its_house_rules() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let known = modules(&root);
    let mut problems = vec![];
    let mut graph = BTreeMap::new();
    for (module, path) in &known {
        let src = std::fs::read_to_string(path).unwrap();
        let shown = path.strip_prefix(&root).unwrap().display();
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
    // The root module (lib.rs) assembles every room; it is above them all.
    for (m, refs) in &graph {
        if !m.is_empty() && refs.contains("") {
            problems.push(format!(
                "{m} reaches up to lib.rs (name the module instead)"
            ));
        }
    }
    for refs in graph.values_mut() {
        refs.remove("");
    }
    for c in cycles(&graph) {
        problems.push(format!("import circle: {} → {}", c.join(" → "), c[0]));
    }
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
    assert_eq!(long_functions(&long), vec![(1, "long".to_string(), 72)]);
}
