//! Where legatec deliberately differs from CPython: each `limits/*.py` program is valid
//! Python that legatec cannot run as CPython does (ints beyond 64 bits, complex numbers),
//! and must stop with the Python exception its first line states, after printing what
//! CPython prints before that point, with exit status 1. CPython runs each program too,
//! and must *not* raise that exception: a program both agree on belongs among the
//! differential cases instead.
//!
//! The first line is `# legatec: <the last line legatec writes to stderr>`.

use std::path::PathBuf;
use std::process::Command;

use testsuite::process::{find_legatec, python, testsuite_dir};

fn limit_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(testsuite_dir().join("limits"))
        .expect("testsuite/limits exists")
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "py"))
        .collect();
    files.sort();
    files
}

fn last_line(text: &str) -> &str {
    text.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("")
}

#[test]
fn legatec_raises_where_cpython_goes_beyond_it() {
    let legatec = find_legatec().unwrap_or_else(|e| panic!("{e}"));
    let files = limit_files();
    assert!(!files.is_empty(), "no limits/*.py programs");
    let mut failures = Vec::new();
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let source = std::fs::read_to_string(path).unwrap();
        let Some(expected) = source.lines().next().and_then(|l| l.strip_prefix("# legatec: ")) else {
            failures.push(format!("{name}: the first line must be `# legatec: <last stderr line>`"));
            continue;
        };
        let dir = tempfile::tempdir().unwrap();
        let exe = dir.path().join("app");
        let compiled = Command::new(&legatec).arg(path).arg("-o").arg(&exe).output().unwrap();
        if !compiled.status.success() {
            failures.push(format!("{name}: does not compile:\n{}", String::from_utf8_lossy(&compiled.stderr)));
            continue;
        }
        let run = Command::new(&exe).output().unwrap();
        let reference = Command::new(python()).arg(path).output().unwrap();
        let stderr = String::from_utf8_lossy(&run.stderr);
        let cpython_stderr = String::from_utf8_lossy(&reference.stderr);
        let stdout = String::from_utf8_lossy(&run.stdout);
        let cpython_stdout = String::from_utf8_lossy(&reference.stdout);
        if run.status.code() != Some(1) || last_line(&stderr) != expected {
            failures.push(format!("{name}: expected exit 1 and `{expected}`, got {:?} and:\n{stderr}", run.status.code()));
        } else if last_line(&cpython_stderr) == expected {
            failures.push(format!("{name}: CPython raises the same exception; make it a differential case"));
        } else if !cpython_stdout.starts_with(stdout.as_ref()) {
            failures.push(format!("{name}: legatec printed\n{stdout}\nwhich is not the start of CPython's\n{cpython_stdout}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
