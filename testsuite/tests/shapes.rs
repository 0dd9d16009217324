//! Shape-inference tests written as Python: in `shapes/*.py`, a line
//! `b = a[1:-1, :]  # shape: (N - 2, M)` states the symbolic shape the compiler infers
//! for the variable that line assigns (`?` for an extent it cannot know). The inferred
//! shape is read from the IR text (`legatec X.py --emit ir -o -`, parsed with
//! `ir::parse`): the `shape=` of the one global or local of that name. A variable has
//! one shape for all its assignments (where they differ, `?`), so annotate a name once.
//!
//! Expected and inferred shapes are compared as expressions, printed with the fewest
//! parentheses (`(N + 1) // 2`); a one-dimensional shape is written `(N,)`.
//!
//! The annotations are checked against NumPy too: each file runs under CPython once per
//! `# args:` line of its header, and every annotated module-level variable must have, in
//! each extent not `?`, `max(E, 0)` elements, `E` evaluated with the program's values
//! (locals of functions are not visible there).
//! `LEGATEC_CASES=substr` runs only the files whose name contains `substr`.

use std::path::Path;
use std::process::Command;

use ir::SymExpr;
use testsuite::header::parse_header;
use testsuite::process::{case_files, find_legatec, python, run_with_limit, testsuite_dir, time_limit};

/// Runs a shapes file (argv[1], its arguments after it) and prints every module-level
/// annotated variable whose NumPy shape disagrees with its annotation.
const NUMPY_CHECK: &str = r##"
import contextlib, io, runpy, sys
path = sys.argv[1]
sys.argv = sys.argv[1:]
with contextlib.redirect_stdout(io.StringIO()):
    values = runpy.run_path(path, run_name="__main__")
checked = 0
for number, line in enumerate(open(path), 1):
    if "# shape:" not in line:
        continue
    code, expected = line.split("# shape:", 1)
    name = code.split("=", 1)[0].strip()
    if name not in values:
        continue
    checked += 1
    want = eval(expected.replace("?", "None"), dict(values))
    have = values[name].shape
    if len(want) != len(have) or any(w is not None and max(w, 0) != h for w, h in zip(want, have)):
        print(f"{path}:{number}: `{name}` has shape {have} under NumPy; the annotation gives {want}")
print(f"checked {checked}")
"##;

/// `expr` with the fewest parentheses, for a context of binding strength `parent`
/// (1 for `+ -`, 2 for `* //`); `right` when it is a right operand.
fn show(expr: &SymExpr, parent: u8, right: bool) -> String {
    let (strength, a, op, b) = match expr {
        SymExpr::Const(c) => return c.to_string(),
        SymExpr::Value(name) => return name.clone(),
        SymExpr::Unknown => return "?".to_string(),
        SymExpr::Add(a, b) => (1, a, "+", b),
        SymExpr::Sub(a, b) => (1, a, "-", b),
        SymExpr::Mul(a, b) => (2, a, "*", b),
        SymExpr::FloorDiv(a, b) => (2, a, "//", b),
    };
    let text = format!("{} {op} {}", show(a, strength, false), show(b, strength, true));
    if strength < parent || (strength == parent && right) {
        format!("({text})")
    } else {
        text
    }
}

fn show_shape(shape: &[SymExpr]) -> String {
    let dims: Vec<String> = shape.iter().map(|d| show(d, 0, false)).collect();
    match dims.as_slice() {
        [one] => format!("({one},)"),
        _ => format!("({})", dims.join(", ")),
    }
}

/// Parses an expected shape: a tuple of extents built from integers, names, `?`,
/// `+ - * //` and parentheses.
fn parse_shape(text: &str) -> Result<Vec<SymExpr>, String> {
    let mut tokens: Vec<String> = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c.is_ascii_alphanumeric() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_ascii_alphanumeric() || chars[i] == '_' || chars[i] == '.') {
                i += 1;
            }
            tokens.push(chars[start..i].iter().collect());
        } else if c == '/' && chars.get(i + 1) == Some(&'/') {
            tokens.push("//".into());
            i += 2;
        } else if "()+-*,?".contains(c) {
            tokens.push(c.to_string());
            i += 1;
        } else {
            return Err(format!("unexpected `{c}` in the expected shape"));
        }
    }
    let mut pos = 0;
    let next = |pos: &mut usize| -> Option<String> {
        let t = tokens.get(*pos).cloned();
        *pos += 1;
        t
    };
    fn expr(tokens: &[String], pos: &mut usize, min: u8) -> Result<SymExpr, String> {
        let token = tokens.get(*pos).cloned().ok_or("the expected shape ends early")?;
        *pos += 1;
        let mut left = match token.as_str() {
            "?" => SymExpr::Unknown,
            "(" => {
                let inner = expr(tokens, pos, 0)?;
                if tokens.get(*pos).map(String::as_str) != Some(")") {
                    return Err("a `(` is not closed in the expected shape".into());
                }
                *pos += 1;
                inner
            }
            t if t.chars().all(|c| c.is_ascii_digit()) => SymExpr::Const(t.parse().map_err(|_| format!("`{t}` is too large"))?),
            t if t.chars().next().is_some_and(|c| c.is_alphabetic() || c == '_') => SymExpr::Value(t.to_string()),
            t => return Err(format!("unexpected `{t}` in the expected shape")),
        };
        loop {
            let strength = match tokens.get(*pos).map(String::as_str) {
                Some("+" | "-") => 1,
                Some("*" | "//") => 2,
                _ => return Ok(left),
            };
            if strength <= min {
                return Ok(left);
            }
            let op = tokens[*pos].clone();
            *pos += 1;
            let right = Box::new(expr(tokens, pos, strength)?);
            let l = Box::new(left);
            left = match op.as_str() {
                "+" => SymExpr::Add(l, right),
                "-" => SymExpr::Sub(l, right),
                "*" => SymExpr::Mul(l, right),
                _ => SymExpr::FloorDiv(l, right),
            };
        }
    }
    if next(&mut pos).as_deref() != Some("(") {
        return Err("an expected shape is a tuple, `(N, M)` or `(N,)`".into());
    }
    let mut dims = Vec::new();
    if tokens.get(pos).map(String::as_str) == Some(")") {
        pos += 1;
    } else {
        loop {
            dims.push(expr(&tokens, &mut pos, 0)?);
            match next(&mut pos).as_deref() {
                Some(")") => break,
                Some(",") if tokens.get(pos).map(String::as_str) == Some(")") => {
                    pos += 1;
                    break;
                }
                Some(",") => {}
                _ => return Err("expected `,` or `)` in the expected shape".into()),
            }
        }
    }
    if pos != tokens.len() {
        return Err("text after the expected shape".into());
    }
    Ok(dims)
}

/// The annotations of a file: (line number, variable, expected shape text).
fn annotations(source: &str) -> Vec<(usize, Result<String, String>, String)> {
    let mut found = Vec::new();
    for (index, line) in source.lines().enumerate() {
        let Some((code, expected)) = line.split_once("# shape:") else { continue };
        let target = code.split_once('=').map(|(t, _)| t.trim()).filter(|t| {
            !t.is_empty() && t.chars().all(|c| c.is_alphanumeric() || c == '_') && !t.starts_with(|c: char| c.is_ascii_digit())
        });
        let target = target.map(str::to_string).ok_or_else(|| "a `# shape:` annotation must follow `name = ...`".to_string());
        found.push((index + 1, target, expected.trim().to_string()));
    }
    found
}

/// The shape recorded for the one place called `name` (a global, or a local of any function).
fn inferred_shape(module: &ir::Module, name: &str) -> Result<Vec<SymExpr>, String> {
    let mut places = Vec::new();
    for (g, var) in module.globals.iter() {
        if var.name == name {
            places.push((format!("global @{name}"), module.global_shapes.get(g).cloned()));
        }
    }
    for (_, f) in module.functions.iter() {
        for (v, var) in f.locals.iter() {
            if var.name == name {
                places.push((format!("local %{name} of @{}", f.name), f.shapes.get(v).cloned()));
            }
        }
    }
    match places.as_slice() {
        [] => Err(format!("no variable `{name}` in the IR (only arrays have shapes; a second type makes `{name}.2`)")),
        [(what, None)] => Err(format!("{what} has no shape in the IR")),
        [(_, Some(shape))] => Ok(shape.clone()),
        _ => Err(format!("several variables are called `{name}` in the IR; use distinct names")),
    }
}

fn check_file(legatec: &Path, path: &Path, failures: &mut Vec<String>) -> usize {
    let file = path.file_name().and_then(|n| n.to_str()).unwrap_or("?").to_string();
    let source = match std::fs::read_to_string(path) {
        Ok(s) => s,
        Err(e) => {
            failures.push(format!("{file}: cannot read: {e}"));
            return 0;
        }
    };
    let mut command = Command::new(legatec);
    command.arg(&file).args(["--emit", "ir", "-o", "-"]).current_dir(path.parent().expect("a file has a directory")).env("NO_COLOR", "1");
    let run = match run_with_limit(&mut command, time_limit()) {
        Ok(run) if run.exit_code == Some(0) => run,
        Ok(run) => {
            failures.push(format!("{file}: legatec --emit ir gave {}\n{}", run.status_text(), run.stderr));
            return 0;
        }
        Err(e) => {
            failures.push(format!("{file}: cannot run legatec: {e}"));
            return 0;
        }
    };
    let module = match ir::parse::parse(&run.stdout) {
        Ok(m) => m,
        Err(e) => {
            failures.push(format!("{file}: the IR text does not parse: {e}"));
            return 0;
        }
    };
    let found = annotations(&source);
    if found.is_empty() {
        failures.push(format!("{file}: no `# shape:` annotation"));
    }
    for (line, target, expected) in &found {
        let at = format!("{file}:{line}");
        let target = match target {
            Ok(t) => t,
            Err(e) => {
                failures.push(format!("{at}: {e}"));
                continue;
            }
        };
        let expected_shape = match parse_shape(expected) {
            Ok(s) => s,
            Err(e) => {
                failures.push(format!("{at}: {e}: `{expected}`"));
                continue;
            }
        };
        match inferred_shape(&module, target) {
            Ok(inferred) if show_shape(&inferred) == show_shape(&expected_shape) => {}
            Ok(inferred) => failures.push(format!(
                "{at}: `{target}`: expected shape {}, inferred {}",
                show_shape(&expected_shape),
                show_shape(&inferred)
            )),
            Err(e) => failures.push(format!("{at}: {e}")),
        }
    }
    found.len()
}

#[test]
fn expected_shapes_parse_and_print() {
    let shape = parse_shape("((N + 1) // 2, M - 2 - 1, (M - (2 - 1)), 3 * (N + K), ?)").expect("parses");
    assert_eq!(show_shape(&shape), "((N + 1) // 2, M - 2 - 1, M - (2 - 1), 3 * (N + K), ?)");
    assert_eq!(show_shape(&parse_shape("(args.n,)").expect("parses")), "(args.n,)");
    assert_eq!(show_shape(&parse_shape("()").expect("parses")), "()");
    assert!(parse_shape("N, M").is_err());
    assert!(parse_shape("(N M)").is_err());
    assert_eq!(annotations("x = a[1:]  # shape: (N,)\n")[0].1.as_deref(), Ok("x"));
    assert!(annotations("a[0] = 1  # shape: (N,)\n")[0].1.is_err());
}

#[test]
fn inferred_shapes_match_the_annotations() {
    let dir = testsuite_dir().join("shapes");
    let files = case_files(&dir, "py").unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()));
    assert!(!files.is_empty(), "no file in {} matches LEGATEC_CASES", dir.display());
    let legatec = find_legatec().unwrap_or_else(|message| panic!("{message}"));
    let mut failures = Vec::new();
    let mut checked = 0;
    for path in &files {
        checked += check_file(&legatec, path, &mut failures);
    }
    for failure in &failures {
        eprintln!("{failure}");
    }
    assert!(failures.is_empty(), "{} of {checked} shape annotations fail", failures.len());
    eprintln!("{checked} shape annotations hold");
}

#[test]
fn annotations_hold_under_numpy() {
    let dir = testsuite_dir().join("shapes");
    let files = case_files(&dir, "py").unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()));
    let mut failures = Vec::new();
    let mut checked = 0;
    for path in &files {
        let source = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let header = parse_header(&source).unwrap_or_else(|e| panic!("{}: bad header: {e}", path.display()));
        for args in &header.runs {
            let mut command = Command::new(python());
            command.arg("-c").arg(NUMPY_CHECK).arg(path).args(args).current_dir(&dir);
            let run = run_with_limit(&mut command, time_limit()).unwrap_or_else(|e| panic!("cannot run {}: {e}", python()));
            let counted = run.stdout.lines().last().and_then(|l| l.strip_prefix("checked ")).and_then(|n| n.parse::<usize>().ok());
            match counted {
                Some(n) if run.exit_code == Some(0) => {
                    checked += n;
                    failures.extend(run.stdout.lines().filter(|l| !l.starts_with("checked ")).map(|l| format!("{l} (args {args:?})")));
                }
                _ => failures.push(format!("{}: python3 gave {}\n{}{}", path.display(), run.status_text(), run.stdout, run.stderr)),
            }
        }
    }
    for failure in &failures {
        eprintln!("{failure}");
    }
    assert!(failures.is_empty(), "{} shape annotations disagree with NumPy", failures.len());
    assert!(checked > 0, "no annotation was checked under NumPy");
    eprintln!("{checked} annotated shapes agree with NumPy");
}
