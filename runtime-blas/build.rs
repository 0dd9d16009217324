//! Links OpenBLAS statically: the library `scripts/setup.sh` builds into `/opt/legatec/openblas`
//! (or the folder `LEGATEC_OPENBLAS` names, holding `lib/libopenblas.a`). A Rust staticlib
//! bundles it, so `libruntime_lib.a` carries it into every compiled program.
use std::path::PathBuf;

fn main() {
    println!("cargo::rerun-if-env-changed=LEGATEC_OPENBLAS");
    let dir = PathBuf::from(std::env::var("LEGATEC_OPENBLAS").unwrap_or_else(|_| "/opt/legatec/openblas".to_string()));
    let lib = dir.join("lib");
    let archive = lib.join("libopenblas.a");
    println!("cargo::rerun-if-changed={}", archive.display());
    if !archive.is_file() {
        println!(
            "cargo::error=OpenBLAS not found: {} is missing; run scripts/setup.sh, which builds it from \
             third_party/openblas (or set LEGATEC_OPENBLAS to a folder holding lib/libopenblas.a)",
            archive.display()
        );
        return;
    }
    println!("cargo::rustc-link-search=native={}", lib.display());
    println!("cargo::rustc-link-lib=static=openblas");
}
