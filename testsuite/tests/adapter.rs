//! STYLE: the third-party Python parser stays behind one adapter
//! (`frontend/src/syntax.rs`); no other source file may name it.

use std::path::Path;

use testsuite::process::workspace_root;

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            if path.file_name().is_some_and(|n| n == "target" || n == ".git") {
                continue;
            }
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn only_the_adapter_imports_rustpython() {
    let root = workspace_root();
    let mut files = Vec::new();
    for krate in ["ir", "frontend", "passes", "codegen-llvm", "runtime-abi", "runtime-core", "runtime-numpy", "runtime-lib", "cli"] {
        rust_files(&root.join(krate), &mut files);
    }
    assert!(files.len() > 10, "expected to scan the workspace sources");
    let adapter = root.join("frontend/src/syntax.rs");
    let offenders: Vec<_> = files
        .iter()
        .filter(|f| **f != adapter)
        .filter(|f| std::fs::read_to_string(f).unwrap().contains("rustpython"))
        .collect();
    assert!(offenders.is_empty(), "rustpython is named outside the adapter: {offenders:?}");
    assert!(std::fs::read_to_string(&adapter).unwrap().contains("rustpython_parser"));
}
