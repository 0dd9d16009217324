//! The files of `frontend/src/lower/` import each other without new circles.
//!
//! A file imports another when it names it (`super::numpy::X`, `use super::{lazy, ...}`);
//! naming an item of `mod.rs` (`super::FnCx`, `super::describe`) imports `mod.rs`, and
//! `mod.rs` imports the submodules whose items it names (`flow::Facts`). Methods of
//! `FnCx` are spread over the files and are not imports.
//!
//! `mod.rs` holds the shared context (`Cx`, `FnCx`, `Value`) that every file imports; the
//! data it holds lives in leaves (`facts.rs`, `lnode.rs`, `cli_defs.rs`), so `mod.rs`
//! imports none of the files that import it. No file may lie on a circle of imports.

use std::collections::{BTreeMap, BTreeSet};

use testsuite::process::workspace_root;

/// Which files of `lower/` each file imports.
fn import_graph() -> BTreeMap<String, BTreeSet<String>> {
    let dir = workspace_root().join("frontend/src/lower");
    let mut sources = BTreeMap::new();
    for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display())) {
        let path = entry.expect("a directory entry").path();
        if path.extension().and_then(|e| e.to_str()) == Some("rs") {
            let name = path.file_stem().and_then(|s| s.to_str()).expect("UTF-8 file names").to_string();
            let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
            // Comments may name other files freely.
            let code: String = text.lines().map(|l| l.split("//").next().unwrap_or("")).collect::<Vec<_>>().join("\n");
            sources.insert(name, code);
        }
    }
    let files: BTreeSet<String> = sources.keys().cloned().collect();
    let mut graph = BTreeMap::new();
    for (name, code) in &sources {
        let mut imports = BTreeSet::new();
        let mut add = |word: &str| {
            let target = if files.contains(word) && word != "mod" { word.to_string() } else { "mod".to_string() };
            if target != *name {
                imports.insert(target);
            }
        };
        if name == "mod" {
            // `mod.rs` imports a submodule when it names a path in it: `flow::Facts`.
            for file in &files {
                let path = format!("{file}::");
                let named = code.match_indices(&path).any(|(i, _)| {
                    !code[..i].ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == ':')
                });
                if named && file != "mod" {
                    imports.insert(file.clone());
                }
            }
        } else {
            for (i, _) in code.match_indices("super::") {
                let rest = &code[i + "super::".len()..];
                if let Some(group) = rest.strip_prefix('{') {
                    for item in group.split('}').next().unwrap_or("").split(',') {
                        let word = item.trim().split("::").next().unwrap_or("").trim();
                        if !word.is_empty() && word != "self" {
                            add(word);
                        }
                    }
                } else {
                    let word: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                    add(&word);
                }
            }
        }
        graph.insert(name.clone(), imports);
    }
    graph
}

/// The files that lie on a circle of imports with `start`.
fn circle_through(graph: &BTreeMap<String, BTreeSet<String>>, start: &str) -> BTreeSet<String> {
    let reach = |from: &str| {
        let mut seen = BTreeSet::new();
        let mut todo = vec![from.to_string()];
        while let Some(f) = todo.pop() {
            for g in graph.get(&f).into_iter().flatten() {
                if seen.insert(g.clone()) {
                    todo.push(g.clone());
                }
            }
        }
        seen
    };
    reach(start).into_iter().filter(|f| f == start || reach(f).contains(start)).collect()
}

#[test]
fn lowering_files_import_without_new_circles() {
    let graph = import_graph();
    for file in ["expr", "numpy", "ufuncs", "promote", "stmt", "flow", "facts", "lnode", "cli_defs", "mod"] {
        assert!(graph.contains_key(file), "no frontend/src/lower/{file}.rs; update this test");
    }
    for leaf in ["promote", "facts", "lnode", "cli_defs"] {
        assert!(graph[leaf].is_empty(), "{leaf}.rs is a leaf, yet imports {:?}", graph[leaf]);
    }
    assert!(graph["flow"].contains("mod") && graph["mod"].contains("facts"), "the import scan finds nothing");
    assert!(graph["numpy"].contains("promote") && graph["ufuncs"].contains("promote"), "the import scan finds nothing");
    let mut failures = Vec::new();
    for file in graph.keys() {
        let circle = circle_through(&graph, file);
        if !circle.is_empty() {
            failures.push(format!("{file}.rs imports itself back through {circle:?}"));
        }
    }
    assert!(failures.is_empty(), "{}\nimports: {graph:#?}", failures.join("\n"));
}
