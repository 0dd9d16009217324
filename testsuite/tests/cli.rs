//! The `legatec` command line: flags, emitted forms, determinism, exit
//! statuses, and that nothing but the output file is written.

use std::path::{Path, PathBuf};
use std::process::Command;

use testsuite::process::{find_legatec, testsuite_dir};

fn legatec() -> PathBuf {
    find_legatec().unwrap_or_else(|e| panic!("{e}"))
}

fn case(name: &str) -> PathBuf {
    testsuite_dir().join("cases").join(name)
}

fn run(args: &[&str], dir: &Path) -> std::process::Output {
    Command::new(legatec()).args(args).current_dir(dir).output().expect("legatec runs")
}

fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

#[test]
fn version_and_help() {
    let dir = tempfile::tempdir().unwrap();
    let v = run(&["--version"], dir.path());
    assert!(v.status.success());
    assert!(String::from_utf8_lossy(&v.stdout).starts_with("legatec "), "{:?}", v);
    let h = run(&["--help"], dir.path());
    assert!(h.status.success());
    let help = String::from_utf8_lossy(&h.stdout);
    for flag in ["--emit", "-O", "--output", "--target-cpu"] {
        assert!(help.contains(flag), "help lacks {flag}:\n{help}");
    }
}

#[test]
fn writes_only_the_output_and_runs() {
    let dir = tempfile::tempdir().unwrap();
    let script = case("seed_heat_stencil.py");
    let out = run(&[script.to_str().unwrap(), "-o", "app"], dir.path());
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(listing(dir.path()), vec!["app".to_string()]);
    let exe = Command::new(dir.path().join("app")).output().unwrap();
    assert!(exe.status.success());
    assert!(String::from_utf8_lossy(&exe.stdout).contains("final delta:"));
}

/// `--time-passes`: one line per stage the compile went through (every pass of the
/// pipeline by name), then the total, on standard error; the executable is still made.
#[test]
fn time_passes_lists_every_stage() {
    let dir = tempfile::tempdir().unwrap();
    let script = case("seed_heat_stencil.py");
    let out = run(&["--time-passes", "--target", "cpu", script.to_str().unwrap(), "-o", "app"], dir.path());
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(listing(dir.path()), vec!["app".to_string()]);
    let text = String::from_utf8_lossy(&out.stderr);
    let seconds = |stage: &str| -> f64 {
        let line = text.lines().find(|l| l.trim_start().starts_with(stage)).unwrap_or_else(|| panic!("no `{stage}` line:\n{text}"));
        line.split_whitespace().last().and_then(|w| w.parse().ok()).unwrap_or_else(|| panic!("no seconds in `{line}`"))
    };
    let mut sum = 0.0;
    for stage in ["frontend", "pass fuse-producers", "pass fuse-siblings", "pass partition", "pass reuse-dead-operands", "host code", "link"] {
        sum += seconds(stage);
    }
    assert!(!text.lines().any(|l| l.trim_start().starts_with("gpu code")), "no GPU code with --target cpu:\n{text}");
    assert!(seconds("total") >= sum * 0.999, "the total is at least the stages' sum:\n{text}");
}

#[test]
fn every_opt_level_and_backend_gives_the_same_output() {
    // seed_cg prints reductions; elementwise results are bit-identical at every level.
    // -O0 is Cranelift's by default; each backend is also asked for at another level.
    let dir = tempfile::tempdir().unwrap();
    let script = case("seed_cg.py");
    let mut outputs = Vec::new();
    for (i, flags) in [&["-O0"][..], &["-O1"], &["-O2"], &["-O3"], &["-O0", "--backend", "llvm"], &["-O2", "--backend", "cranelift"]].iter().enumerate() {
        let exe = format!("app{i}");
        let mut args = vec![script.to_str().unwrap(), "-o", &exe];
        args.extend_from_slice(flags);
        let out = run(&args, dir.path());
        let level = flags.join(" ");
        assert!(out.status.success(), "{level}: {}", String::from_utf8_lossy(&out.stderr));
        let r = Command::new(dir.path().join(&exe)).output().unwrap();
        assert!(r.status.success());
        outputs.push(r.stdout);
    }
    // Reductions may be reassociated (vectorised) from -O2 on: last bits only.
    for w in outputs.windows(2) {
        let (a, b) = (String::from_utf8_lossy(&w[0]), String::from_utf8_lossy(&w[1]));
        if let Err(m) = testsuite::compare_outputs(&a, &b, 1e-12, testsuite::WhitespaceMode::Separator) {
            panic!("outputs differ between optimisation levels: {m:?}");
        }
    }
}

#[test]
fn emitted_forms_are_deterministic() {
    let dir = tempfile::tempdir().unwrap();
    let script = case("functions_arrays.py");
    for (emit, marker) in [("ir", "module stage=distributed"), ("llvm", "define"), ("asm", ".text")] {
        let a = run(&[script.to_str().unwrap(), "--emit", emit, "-o", "-"], dir.path());
        let b = run(&[script.to_str().unwrap(), "--emit", emit, "-o", "-"], dir.path());
        assert!(a.status.success(), "{emit}: {}", String::from_utf8_lossy(&a.stderr));
        assert_eq!(a.stdout, b.stdout, "--emit {emit} differs between two runs");
        assert!(String::from_utf8_lossy(&a.stdout).contains(marker), "--emit {emit} lacks {marker}");
    }
    let obj = run(&[script.to_str().unwrap(), "--emit", "obj", "-o", "x.o"], dir.path());
    assert!(obj.status.success());
    let bytes = std::fs::read(dir.path().join("x.o")).unwrap();
    assert_eq!(&bytes[..4], b"\x7fELF");
}

#[test]
fn errors_exit_nonzero_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let bad = testsuite_dir().join("diagnostics").join("three_errors.py");
    let out = run(&[bad.to_str().unwrap(), "-o", "app"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(listing(dir.path()).is_empty());
    let missing = run(&["no_such_script.py", "-o", "app"], dir.path());
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("cannot read"));
    let bad_flag = run(&["-O7", bad.to_str().unwrap()], dir.path());
    assert!(!bad_flag.status.success());
}

/// A panic anywhere in the compiler is an internal compiler error: exit status 101,
/// the stage it happened in, the script, the panic message and location, and a request
/// to report it. `LEGATEC_TEST_ICE=<stage>` (testing only, see `ir::stage`) panics on
/// entering that stage; release builds abort on panic, so this checks the panic hook.
#[test]
fn a_panic_is_an_internal_compiler_error_with_status_101() {
    let dir = tempfile::tempdir().unwrap();
    let script = case("seed_cg.py");
    let mut stages = vec!["parse", "lower"];
    stages.extend(passes::pipeline().iter().map(|p| p.name));
    stages.extend(["ptx", "codegen", "link"]);
    for stage in stages {
        let out = Command::new(legatec())
            .args([script.to_str().unwrap(), "-o", "app"])
            .current_dir(dir.path())
            .env("LEGATEC_TEST_ICE", stage)
            .env_remove("RUST_BACKTRACE")
            .env_remove("RUST_LIB_BACKTRACE")
            .output()
            .expect("legatec runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(101), "{stage}: {stderr}");
        assert!(
            stderr.starts_with(&format!("internal compiler error in `{stage}` while compiling `{}`", script.display())),
            "{stage}: {stderr}"
        );
        assert!(stderr.contains("a deliberate internal compiler error for testing"), "{stage}: {stderr}");
        assert!(stderr.contains("at ir/src/stage.rs:"), "{stage}: the panic's location is missing: {stderr}");
        assert!(stderr.contains("please report it"), "{stage}: {stderr}");
        assert!(stderr.contains("RUST_BACKTRACE=1"), "{stage}: {stderr}");
        assert!(listing(dir.path()).is_empty(), "{stage}: an output was written");
    }
    // `--report` has its own stage.
    let out = Command::new(legatec())
        .args([script.to_str().unwrap(), "--report"])
        .current_dir(dir.path())
        .env("LEGATEC_TEST_ICE", "report")
        .output()
        .expect("legatec runs");
    assert_eq!(out.status.code(), Some(101));
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("internal compiler error in `report`"));
}

#[test]
fn an_output_path_that_cannot_be_written_is_the_users_error() {
    // `-o` naming a folder: exit 1 with the path and the reason, not an internal error.
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("taken")).unwrap();
    let script = case("seed_heat_stencil.py");
    let out = run(&[script.to_str().unwrap(), "-o", "taken"], dir.path());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.starts_with("error: cannot write the executable `taken`:"), "{stderr}");
    assert!(!stderr.contains("internal compiler error"), "{stderr}");
    assert_eq!(listing(dir.path()), vec!["taken".to_string()]);
}

/// `--emit` shows LLVM's code: with `--backend cranelift` it is a usage error, not LLVM's
/// object under another name.
#[test]
fn emit_with_the_cranelift_backend_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let script = case("seed_heat_stencil.py");
    let out = run(&[script.to_str().unwrap(), "--backend", "cranelift", "--emit", "obj", "-o", "x.o"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("`--backend cranelift` makes executables only"));
    assert!(listing(dir.path()).is_empty());
}
