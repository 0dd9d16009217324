//! The crate graph of the workspace stays inside the table of docs/ARCHITECTURE.md
//! (DESIGN.md's table, plus `ir`, `frontend` and `passes` on `runtime-abi`, the one home of the
//! compiler–runtime codes, and `frontend` on `runtime-frame` without its `ops` feature: the
//! compiler reads dates and file schemas with the runtime's own parsers, so that the two
//! agree by construction).
//!
//! Every dependency of a workspace crate on another workspace crate (normal, build or dev)
//! must be listed below; a new workspace crate must be added to the table.

use std::collections::BTreeSet;
use std::process::Command;

use testsuite::process::workspace_root;

/// Which workspace crates each workspace crate may depend on; `None` means any.
const ALLOWED: &[(&str, Option<&[&str]>)] = &[
    ("ir", Some(&["runtime-abi"])),
    ("frontend", Some(&["ir", "runtime-abi", "runtime-frame"])),
    ("passes", Some(&["ir", "runtime-abi"])),
    ("codegen-llvm", Some(&["ir", "runtime-abi"])),
    // The development backend uses LLVM's plan table, kernel analysis and semantics helpers.
    ("codegen-cranelift", Some(&["ir", "runtime-abi", "codegen-llvm"])),
    ("runtime-abi", Some(&[])),
    // The runtime's layers: the core knows nothing of NumPy's library; the library layers
    // (NumPy's, dense products) sit on the core; `runtime-lib` is the one `extern "C"`
    // staticlib over them.
    ("runtime-core", Some(&["runtime-abi"])),
    ("runtime-numpy", Some(&["runtime-abi", "runtime-core"])),
    ("runtime-blas", Some(&["runtime-abi", "runtime-core"])),
    ("runtime-frame", Some(&["runtime-abi", "runtime-core"])),
    ("runtime-lib", Some(&["runtime-abi", "runtime-core", "runtime-numpy", "runtime-blas", "runtime-frame"])),
    // `runtime-numpy` for its argparse only (`--report -- ARGS`).
    ("cli", Some(&["ir", "frontend", "passes", "codegen-llvm", "codegen-cranelift", "runtime-abi", "runtime-numpy"])),
    ("testsuite", None),
];

#[test]
fn workspace_dependencies_follow_the_design_table() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--no-deps"])
        .current_dir(workspace_root())
        .output()
        .expect("cannot run cargo metadata");
    assert!(
        output.status.success(),
        "cargo metadata failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let metadata: serde_json::Value =
        serde_json::from_slice(&output.stdout).expect("cargo metadata printed invalid JSON");
    let packages = metadata["packages"]
        .as_array()
        .expect("cargo metadata has a `packages` list");
    let members: BTreeSet<&str> = packages.iter().filter_map(|p| p["name"].as_str()).collect();

    let mut violations = Vec::new();
    for package in packages {
        let name = package["name"].as_str().unwrap_or("?");
        let Some((_, allowed)) = ALLOWED.iter().find(|(crate_name, _)| *crate_name == name) else {
            violations.push(format!("workspace crate `{name}` is not in the dependency table of testsuite/tests/deps.rs (and docs/ARCHITECTURE.md)"));
            continue;
        };
        for dependency in package["dependencies"].as_array().into_iter().flatten() {
            let Some(target) = dependency["name"].as_str() else {
                continue;
            };
            if !members.contains(target) {
                continue;
            }
            let kind = dependency["kind"].as_str().unwrap_or("normal");
            if let Some(allowed) = allowed {
                if !allowed.contains(&target) {
                    violations.push(format!(
                        "`{name}` depends on `{target}` ({kind} dependency), outside the table (allowed: {})",
                        if allowed.is_empty() { "none".to_owned() } else { allowed.join(", ") }
                    ));
                }
            }
        }
    }
    assert!(
        violations.is_empty(),
        "crate dependency graph breaks the table of docs/ARCHITECTURE.md:\n  {}",
        violations.join("\n  ")
    );
}
