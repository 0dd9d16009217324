//! No module of a workspace crate imports a module that imports it back: every crate's
//! modules form layers (see `testsuite::module_graph` for what counts as a module and as an
//! import).

use std::path::PathBuf;
use std::process::Command;

use testsuite::module_graph::{read_sources, ModuleGraph};
use testsuite::process::workspace_root;

/// Every workspace crate's name and `src` folder, from `cargo metadata`.
fn workspace_crates() -> Vec<(String, PathBuf)> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--no-deps"])
        .current_dir(workspace_root())
        .output()
        .expect("cannot run cargo metadata");
    assert!(output.status.success(), "cargo metadata failed:\n{}", String::from_utf8_lossy(&output.stderr));
    let metadata: serde_json::Value = serde_json::from_slice(&output.stdout).expect("cargo metadata printed invalid JSON");
    metadata["packages"]
        .as_array()
        .expect("cargo metadata has a `packages` list")
        .iter()
        .map(|package| {
            let name = package["name"].as_str().expect("a package name").to_owned();
            let manifest = PathBuf::from(package["manifest_path"].as_str().expect("a manifest path"));
            (name, manifest.parent().expect("a crate folder").join("src"))
        })
        .collect()
}

#[test]
fn no_module_imports_a_module_that_imports_it_back() {
    let crates = workspace_crates();
    assert!(crates.iter().any(|(name, _)| name == "runtime-core"), "expected the workspace's crates, got {crates:?}");
    let mut failures = Vec::new();
    let mut modules_read = 0;
    for (name, src) in &crates {
        let files = read_sources(src).unwrap_or_else(|e| panic!("cannot read {}: {e}", src.display()));
        let graph = ModuleGraph::of(&files);
        modules_read += graph.modules.len();
        for circle in graph.circles() {
            let members: Vec<String> = circle.iter().map(|m| m.join("::")).collect();
            failures.push(format!("{name}: {}\n    {}", members.join(", "), graph.describe(&circle).join("\n    ")));
        }
    }
    assert!(modules_read > 100, "expected to read the workspace's modules, read {modules_read}");
    assert!(
        failures.is_empty(),
        "import circles between modules (each module may only import modules that do not import it back):\n  {}",
        failures.join("\n  ")
    );
}
