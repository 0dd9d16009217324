//! The import graph between the modules of one crate, read from its source text, and the
//! import circles in it (`tests/module_cycles.rs`).
//!
//! A module is a file or a folder under `src` (`src/a.rs` and `src/a/mod.rs` are `a`,
//! `src/a/b.rs` is `a::b`); inline modules (`mod tests { ... }`) belong to their file.
//! A reference is a path starting with `crate::`, `super::` or `self::` outside comments and
//! literals (`use` declarations, groups `crate::{a, b::{c, d}}` included, and paths in code);
//! it points at the longest module that prefixes the path it names. Only references between
//! siblings count: a reference from `a::x` to `b::y` is an edge `a -> b` (the children of their
//! common parent), and one between a module and its own ancestor or descendant (a child using
//! its parent's types, a parent calling its children) is none. So each folder is checked as its
//! own small graph, and the crate root (`lib.rs`, `main.rs`), the ancestor of every module, is
//! never part of a circle. Files under `src/bin` are separate crates and are not read.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// A module's path below the crate root (`["lower", "expr"]`); the root is empty.
pub type ModulePath = Vec<String>;

/// The modules of a crate and the sibling edges between them.
#[derive(Debug, Default)]
pub struct ModuleGraph {
    pub modules: BTreeSet<ModulePath>,
    /// `from -> to` between siblings, each with one place that makes it (`file: path`).
    pub edges: BTreeMap<(ModulePath, ModulePath), String>,
}

/// One source file: its module and its text.
pub struct SourceFile {
    pub module: ModulePath,
    pub name: String,
    pub text: String,
}

/// The `.rs` files of a crate's `src` folder with their modules (`src/bin` left out).
pub fn read_sources(src: &Path) -> std::io::Result<Vec<SourceFile>> {
    fn walk(dir: &Path, module: &[String], top: bool, out: &mut Vec<SourceFile>) -> std::io::Result<()> {
        let mut entries: Vec<_> = std::fs::read_dir(dir)?.collect::<Result<_, _>>()?;
        entries.sort_by_key(|e| e.file_name());
        for entry in entries {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if path.is_dir() {
                if top && name == "bin" {
                    continue;
                }
                let mut child = module.to_vec();
                child.push(name);
                walk(&path, &child, false, out)?;
            } else if let Some(stem) = name.strip_suffix(".rs") {
                let mut file_module = module.to_vec();
                let is_root = top && (stem == "lib" || stem == "main");
                if !is_root && stem != "mod" {
                    file_module.push(stem.to_string());
                }
                out.push(SourceFile { module: file_module, name: path.display().to_string(), text: std::fs::read_to_string(&path)? });
            }
        }
        Ok(())
    }
    let mut out = Vec::new();
    walk(src, &[], true, &mut out)?;
    Ok(out)
}

/// The text with comments, string, byte-string and char literals blanked out (lifetimes kept).
pub fn strip_comments_and_literals(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
            out.push(' ');
        } else if c == 'r' && (next == Some('"') || next == Some('#')) && !ident_char_before(&chars, i) {
            // A raw string: r"..." or r#"..."#.
            let mut j = i + 1;
            let mut hashes = 0;
            while chars.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if chars.get(j) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            j += 1;
            loop {
                match chars.get(j) {
                    None => break,
                    Some('"') if (0..hashes).all(|k| chars.get(j + 1 + k) == Some(&'#')) => {
                        j += 1 + hashes;
                        break;
                    }
                    Some(_) => j += 1,
                }
            }
            out.push_str("\"\"");
            i = j;
        } else if c == '"' {
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                i += if chars[i] == '\\' { 2 } else { 1 };
            }
            i += 1;
            out.push_str("\"\"");
        } else if c == '\'' {
            // A char literal ('x', '\n', '\u{..}'), or a lifetime or label ('a), kept.
            if next == Some('\\') {
                // The escaped character, then up to the closing quote ('\'', '\u{..}').
                let mut j = i + 3;
                while j < chars.len() && chars[j] != '\'' {
                    j += 1;
                }
                i = j + 1;
                out.push_str("' '");
            } else if chars.get(i + 2) == Some(&'\'') {
                i += 3;
                out.push_str("' '");
            } else {
                out.push(c);
                i += 1;
            }
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

fn ident_char_before(chars: &[char], i: usize) -> bool {
    i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_')
}

#[derive(Clone, Debug, PartialEq)]
enum Token {
    Ident(String),
    PathSep,
    Open,
    Close,
    Comma,
    Other(char),
}

fn tokenize(code: &str) -> Vec<Token> {
    let chars: Vec<char> = code.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_alphabetic() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            tokens.push(Token::Ident(chars[start..i].iter().collect()));
            continue;
        }
        if c == ':' && chars.get(i + 1) == Some(&':') {
            tokens.push(Token::PathSep);
            i += 2;
            continue;
        }
        match c {
            '{' => tokens.push(Token::Open),
            '}' => tokens.push(Token::Close),
            ',' => tokens.push(Token::Comma),
            c if c.is_whitespace() => {}
            c => tokens.push(Token::Other(c)),
        }
        i += 1;
    }
    tokens
}

/// Reads the path (with groups expanded) starting at `tokens[*i]`, appending each full path.
fn read_paths(tokens: &[Token], i: &mut usize, prefix: &[String], out: &mut Vec<Vec<String>>) {
    let mut path = prefix.to_vec();
    loop {
        match tokens.get(*i) {
            Some(Token::Ident(name)) => {
                path.push(name.clone());
                *i += 1;
            }
            Some(Token::Other('*')) => {
                *i += 1;
                break;
            }
            Some(Token::Open) => {
                *i += 1;
                loop {
                    match tokens.get(*i) {
                        Some(Token::Close) => {
                            *i += 1;
                            break;
                        }
                        Some(Token::Comma) => *i += 1,
                        Some(Token::Ident(_) | Token::Open | Token::Other('*')) => {
                            let before = *i;
                            read_paths(tokens, i, &path, out);
                            // `as alias` and anything unexpected up to the next item.
                            while !matches!(tokens.get(*i), None | Some(Token::Comma | Token::Close)) {
                                *i += 1;
                            }
                            if *i == before {
                                *i += 1;
                            }
                        }
                        None => return,
                        Some(_) => *i += 1,
                    }
                }
                return;
            }
            _ => break,
        }
        if tokens.get(*i) == Some(&Token::PathSep) {
            *i += 1;
        } else {
            break;
        }
    }
    out.push(path);
}

/// The paths a file names that start with `crate`, `super` or `self`, each with the inline
/// module (below the file's) it appears in.
pub fn file_references(text: &str) -> Vec<(ModulePath, Vec<String>)> {
    let tokens = tokenize(&strip_comments_and_literals(text));
    let mut out = Vec::new();
    let mut depth = 0usize;
    // Inline modules open here: (brace depth inside them, name).
    let mut inline: Vec<(usize, String)> = Vec::new();
    let mut pending_module: Option<String> = None;
    let mut i = 0;
    while i < tokens.len() {
        match &tokens[i] {
            Token::Open => {
                depth += 1;
                if let Some(name) = pending_module.take() {
                    inline.push((depth, name));
                }
                i += 1;
            }
            Token::Close => {
                if inline.last().is_some_and(|(d, _)| *d == depth) {
                    inline.pop();
                }
                depth = depth.saturating_sub(1);
                i += 1;
            }
            Token::Ident(word) if word == "mod" => {
                pending_module = match (tokens.get(i + 1), tokens.get(i + 2)) {
                    (Some(Token::Ident(name)), Some(Token::Open)) => Some(name.clone()),
                    _ => None,
                };
                i += 1;
            }
            Token::Ident(word)
                if matches!(word.as_str(), "crate" | "super" | "self")
                    && tokens.get(i + 1) == Some(&Token::PathSep)
                    && !matches!(i.checked_sub(1).map(|p| &tokens[p]), Some(Token::PathSep | Token::Other('$'))) =>
            {
                let mut paths = Vec::new();
                read_paths(&tokens, &mut i, &[], &mut paths);
                let here: ModulePath = inline.iter().map(|(_, name)| name.clone()).collect();
                out.extend(paths.into_iter().map(|p| (here.clone(), p)));
            }
            _ => i += 1,
        }
    }
    out
}

/// Resolves a path written in module `from` to the path it names from the crate root
/// (`None` when it climbs above the root).
pub fn resolve(from: &[String], path: &[String]) -> Option<Vec<String>> {
    let mut segments = path.iter().peekable();
    let mut absolute: Vec<String> = match segments.peek().map(|s| s.as_str()) {
        Some("crate") => {
            segments.next();
            Vec::new()
        }
        Some("self") => {
            segments.next();
            from.to_vec()
        }
        _ => from.to_vec(),
    };
    while segments.peek().is_some_and(|s| *s == "super") {
        segments.next();
        absolute.pop()?;
    }
    absolute.extend(segments.filter(|s| *s != "self").cloned());
    Some(absolute)
}

impl ModuleGraph {
    /// The graph of a crate's sources.
    pub fn of(files: &[SourceFile]) -> ModuleGraph {
        let mut graph = ModuleGraph { modules: files.iter().map(|f| f.module.clone()).collect(), ..Default::default() };
        for file in files {
            for (inline, path) in file_references(&file.text) {
                let mut here = file.module.clone();
                here.extend(inline);
                let Some(absolute) = resolve(&here, &path) else { continue };
                let target = (0..=absolute.len())
                    .rev()
                    .map(|n| absolute[..n].to_vec())
                    .find(|prefix| graph.modules.contains(prefix))
                    .unwrap_or_default();
                let source = &file.module;
                let common = source.iter().zip(&target).take_while(|(a, b)| a == b).count();
                if common == source.len() || common == target.len() {
                    continue; // The same module, an ancestor or a descendant.
                }
                let edge = (source[..=common].to_vec(), target[..=common].to_vec());
                graph.edges.entry(edge).or_insert_with(|| format!("{}: {}", file.name, path.join("::")));
            }
        }
        graph
    }

    /// The import circles: the strongly connected components of more than one module,
    /// each sorted, in order.
    pub fn circles(&self) -> Vec<Vec<ModulePath>> {
        let nodes: Vec<&ModulePath> =
            self.edges.keys().flat_map(|(a, b)| [a, b]).collect::<BTreeSet<_>>().into_iter().collect();
        let index_of = |m: &ModulePath| nodes.iter().position(|n| *n == m).expect("a node");
        let mut successors = vec![Vec::new(); nodes.len()];
        for (a, b) in self.edges.keys() {
            successors[index_of(a)].push(index_of(b));
        }
        // Tarjan's algorithm.
        struct State {
            index: Vec<Option<usize>>,
            low: Vec<usize>,
            on_stack: Vec<bool>,
            stack: Vec<usize>,
            next: usize,
            components: Vec<Vec<usize>>,
        }
        fn visit(v: usize, successors: &[Vec<usize>], s: &mut State) {
            s.index[v] = Some(s.next);
            s.low[v] = s.next;
            s.next += 1;
            s.stack.push(v);
            s.on_stack[v] = true;
            for &w in &successors[v] {
                match s.index[w] {
                    None => {
                        visit(w, successors, s);
                        s.low[v] = s.low[v].min(s.low[w]);
                    }
                    Some(index) if s.on_stack[w] => s.low[v] = s.low[v].min(index),
                    Some(_) => {}
                }
            }
            if Some(s.low[v]) == s.index[v] {
                let mut component = Vec::new();
                while let Some(w) = s.stack.pop() {
                    s.on_stack[w] = false;
                    component.push(w);
                    if w == v {
                        break;
                    }
                }
                s.components.push(component);
            }
        }
        let n = nodes.len();
        let mut state = State {
            index: vec![None; n],
            low: vec![0; n],
            on_stack: vec![false; n],
            stack: Vec::new(),
            next: 0,
            components: Vec::new(),
        };
        for v in 0..n {
            if state.index[v].is_none() {
                visit(v, &successors, &mut state);
            }
        }
        let mut circles: Vec<Vec<ModulePath>> = state
            .components
            .into_iter()
            .filter(|c| c.len() > 1)
            .map(|c| {
                let mut modules: Vec<ModulePath> = c.into_iter().map(|i| nodes[i].clone()).collect();
                modules.sort();
                modules
            })
            .collect();
        circles.sort();
        circles
    }

    /// The edges inside a set of modules, as `a -> b (where)` lines.
    pub fn describe(&self, circle: &[ModulePath]) -> Vec<String> {
        self.edges
            .iter()
            .filter(|((a, b), _)| circle.contains(a) && circle.contains(b))
            .map(|((a, b), place)| format!("{} -> {} ({place})", a.join("::"), b.join("::")))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_and_comments_are_blanked() {
        let code = strip_comments_and_literals("a('\\'', 'x', \"s\\\"t\", r#\"u\"v\"#, /* w /* x */ y */ z) // q\nb<'c>");
        assert_eq!(code, "a(' ', ' ', \"\", \"\",   z) \nb<'c>");
    }

    fn file(module: &[&str], text: &str) -> SourceFile {
        SourceFile { module: module.iter().map(|s| s.to_string()).collect(), name: module.join("/"), text: text.into() }
    }

    fn names(circles: &[Vec<ModulePath>]) -> Vec<Vec<String>> {
        circles.iter().map(|c| c.iter().map(|m| m.join("::")).collect()).collect()
    }

    #[test]
    fn groups_super_self_and_paths_in_code_are_references() {
        let refs = file_references(
            "use crate::{a, b::{c, d as e}, f::*};\nfn g() { super::h::i(); self::j::k(); $crate::no(); }\n\
             // crate::comment\nconst S: &str = \"crate::string\";\nfn l<'a>(x: &'a u8) -> char { 'c' }\n\
             mod tests { use super::m; }",
        );
        let paths: Vec<String> = refs.iter().map(|(inline, p)| format!("{}|{}", inline.join("::"), p.join("::"))).collect();
        assert_eq!(
            paths,
            ["|crate::a", "|crate::b::c", "|crate::b::d", "|crate::f", "|super::h::i", "|self::j::k", "tests|super::m"]
        );
    }

    #[test]
    fn finds_circles_between_siblings_only() {
        let files = [
            file(&[], "mod a; mod b; mod c; use a::x; fn f() { crate::d::y(); }"),
            file(&["a"], "use crate::b::Thing; use crate::Root;"),
            file(&["b"], "fn f() { crate::c::go() }"),
            file(&["c"], "use super::a::{self, x};"),
            file(&["d"], "use crate::d::inner::z;"),
            file(&["d", "inner"], "use super::Parent; use super::other::q;"),
            file(&["d", "other"], "use super::inner::r; #[cfg(test)] mod tests { use super::*; }"),
        ];
        let graph = ModuleGraph::of(&files);
        assert_eq!(names(&graph.circles()), [vec!["a", "b", "c"], vec!["d::inner", "d::other"]]);
        assert!(graph.describe(&graph.circles()[0]).iter().any(|line| line.starts_with("c -> a (c: super::a")));
        // Breaking one edge of a circle removes it.
        let fixed = [file(&["a"], "use crate::b::Thing;"), file(&["b"], "use crate::c::go;"), file(&["c"], "")];
        assert!(ModuleGraph::of(&fixed).circles().is_empty());
    }

    #[test]
    fn resolves_relative_paths() {
        let from = ["x".to_string(), "y".to_string()];
        let path = |p: &str| p.split("::").map(String::from).collect::<Vec<_>>();
        assert_eq!(resolve(&from, &path("super::z")), Some(path("x::z")));
        assert_eq!(resolve(&from, &path("super::super::w")), Some(path("w")));
        assert_eq!(resolve(&from, &path("self::v")), Some(path("x::y::v")));
        assert_eq!(resolve(&from, &path("crate::u::self")), Some(path("u")));
        assert_eq!(resolve(&from, &path("super::super::super::t")), None);
    }
}
