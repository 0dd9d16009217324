//! GPU code generation, checked on a machine without a GPU: every kernel gets a PTX
//! entry with the parameters `runtime_abi::GPU_BLOCK` documents, the PTX assembles with
//! `ptxas` for sm_80, math functions need libdevice, kernel errors go to the error flag,
//! and an executable carrying PTX runs on the CPU when no CUDA driver is found.
//! (`testsuite/gpu.sh` runs the differential cases on a real GPU.)

use std::path::{Path, PathBuf};
use std::process::Command;

use testsuite::process::{find_legatec, testsuite_dir};

fn case(name: &str) -> PathBuf {
    testsuite_dir().join("cases").join(name)
}

fn legatec(args: &[&str], env: &[(&str, &str)]) -> std::process::Output {
    let mut command = Command::new(find_legatec().unwrap_or_else(|e| panic!("{e}")));
    command.args(args).env("NO_COLOR", "1");
    for (k, v) in env {
        command.env(k, v);
    }
    command.output().expect("legatec runs")
}

fn emit(script: &Path, what: &str) -> String {
    let out = legatec(&[script.to_str().unwrap(), "--target", "gpu", "--emit", what, "-o", "-"], &[]);
    assert!(out.status.success(), "legatec --emit {what} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// `ptxas`: `$PTXAS`, the copy scripts/setup.sh installs, or the one on PATH.
fn ptxas() -> PathBuf {
    if let Some(path) = std::env::var_os("PTXAS") {
        return PathBuf::from(path);
    }
    let installed = PathBuf::from("/opt/legatec/cuda/bin/ptxas");
    if installed.exists() {
        return installed;
    }
    PathBuf::from("ptxas")
}

/// The (arrays, scalars, rank) of every kernel in the IR text, by index.
fn kernel_signatures(ir: &str) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    for line in ir.lines().map(str::trim_start).filter(|l| l.starts_with("kernel k")) {
        let rank: usize = line.split("rank=").nth(1).and_then(|r| r.split_whitespace().next()).unwrap().parse().unwrap();
        let after = line.split_once(&format!("rank={rank} ")).unwrap().1;
        let (arrays, rest) = after.split_once(") (").unwrap();
        let scalars = rest.split_once(')').unwrap().0;
        let count = |list: &str| list.trim_start_matches('(').split(',').filter(|s| !s.trim().is_empty()).count();
        out.push((count(arrays), count(scalars), rank));
    }
    out
}

#[test]
fn every_kernel_has_an_entry_with_the_documented_parameters() {
    for name in ["seed_heat_stencil.py", "reductions_axis.py", "blackscholes_small.py"] {
        let script = case(name);
        let ir = emit(&script, "ir");
        let ptx = emit(&script, "ptx");
        let kernels = kernel_signatures(&ir);
        assert!(!kernels.is_empty(), "{name} has no kernels");
        for (index, (arrays, scalars, rank)) in kernels.iter().enumerate() {
            let slots = 1 + arrays;
            let expected = slots + rank + slots * rank + scalars + 4;
            let head = format!(".visible .entry lk{index}(");
            let start = ptx.find(&head).unwrap_or_else(|| panic!("{name}: no entry lk{index}"));
            let params = &ptx[start..start + ptx[start..].find(')').unwrap()];
            assert_eq!(params.matches(".param").count(), expected, "{name}: lk{index} parameters:\n{params}");
            let body = &ptx[start..];
            assert!(body.contains(".maxntid 256, 1, 1"), "{name}: lk{index} lacks its block size");
        }
    }
}

#[test]
fn reduce_all_kernels_combine_their_block_in_shared_memory() {
    let ptx = emit(&case("reductions.py"), "ptx");
    assert!(ptx.contains(".shared"), "no shared memory:\n{}", &ptx[..ptx.len().min(2000)]);
    assert!(ptx.contains("bar.sync"), "no barrier");
}

/// A kernel with several outputs (`fuse-siblings`) stores every one of them: each element
/// of `x` loaded is followed by three stores (the outputs are not read-only parameters,
/// whose stores the optimiser would remove).
#[test]
fn multi_output_kernels_store_every_output() {
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("three.py");
    std::fs::write(&script, "import numpy as np\nx = np.arange(1000) * 1.0\na = x + 1.0\nb = x * 2.0\nc = x - 3.0\nprint(a[1], b[2], c[3])\n").unwrap();
    let ir = emit(&script, "ir");
    let fused: Vec<usize> = ir
        .lines()
        .filter(|l| l.starts_with("kernel k") && l.contains(" also("))
        .map(|l| l["kernel k".len()..].split_whitespace().next().unwrap().parse().unwrap())
        .collect();
    assert_eq!(fused.len(), 1, "one kernel with further outputs:\n{ir}");
    let ptx = emit(&script, "ptx");
    let entry = format!(".entry lk{}(", fused[0]);
    let body = ptx.split(&entry).nth(1).unwrap_or_else(|| panic!("no {entry}")).split(".entry").next().unwrap();
    let loads = body.matches("ld.global").count();
    let stores = body.matches("st.global").count();
    assert!(loads > 0 && stores == 3 * loads, "{loads} loads and {stores} stores in lk{}:\n{body}", fused[0]);
}

#[test]
fn ptx_assembles_for_sm_80() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["blackscholes_small.py", "ufuncs_extended.py", "reductions_axis.py", "elementwise_int.py", "float32_program.py", "seed_cg.py", "fused_siblings.py"] {
        let ptx_path = dir.path().join(format!("{name}.ptx"));
        std::fs::write(&ptx_path, emit(&case(name), "ptx")).unwrap();
        let out = Command::new(ptxas())
            .args(["-arch=sm_80", ptx_path.to_str().unwrap(), "-o"])
            .arg(dir.path().join("out.cubin"))
            .output()
            .unwrap_or_else(|e| panic!("cannot run ptxas ({e}); scripts/setup.sh installs it, or set PTXAS"));
        assert!(out.status.success(), "{name}: ptxas rejected the PTX:\n{}", String::from_utf8_lossy(&out.stderr));
    }
}

#[test]
fn math_needs_libdevice() {
    let script = case("blackscholes_small.py");
    let dir = tempfile::tempdir().unwrap();
    let app = dir.path().join("app");
    let none = [("LEGATEC_LIBDEVICE", "")];
    let gpu = legatec(&[script.to_str().unwrap(), "--target", "gpu", "-o", app.to_str().unwrap()], &none);
    assert_eq!(gpu.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&gpu.stderr);
    assert!(stderr.contains("error[E0901]") && stderr.contains("libdevice"), "{stderr}");
    assert!(!app.exists());
    // auto warns and builds a CPU-only executable.
    let auto = legatec(&[script.to_str().unwrap(), "-o", app.to_str().unwrap()], &none);
    assert!(auto.status.success());
    assert!(String::from_utf8_lossy(&auto.stderr).contains("warning[E0901]"));
    assert!(Command::new(&app).output().unwrap().status.success());
}

#[test]
fn kernel_errors_go_to_the_error_flag() {
    // `a ** b` with integer `b` raises on a negative exponent: a GPU thread records it.
    let ptx = emit(&case("elementwise_int.py"), "ptx");
    assert!(ptx.contains("st.global.u64 \t[legatec_error]"), "no error store");
    assert!(ptx.contains("legatec_error_messages"), "no error table");
}

#[test]
fn without_a_driver_the_gpu_executable_runs_on_the_cpu() {
    let has_driver = ["/usr/lib/x86_64-linux-gnu/libcuda.so.1", "/usr/lib64/libcuda.so.1", "/usr/lib/libcuda.so.1"]
        .iter()
        .any(|p| Path::new(p).exists());
    let dir = tempfile::tempdir().unwrap();
    let gpu_app = dir.path().join("gpu_app");
    let cpu_app = dir.path().join("cpu_app");
    let script = case("seed_heat_stencil.py");
    for (target, app) in [("gpu", &gpu_app), ("cpu", &cpu_app)] {
        let out = legatec(&[script.to_str().unwrap(), "--target", target, "-o", app.to_str().unwrap()], &[]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    let gpu_run = Command::new(&gpu_app).output().unwrap();
    let cpu_run = Command::new(&cpu_app).output().unwrap();
    assert!(gpu_run.status.success() && cpu_run.status.success());
    if !has_driver {
        assert_eq!(gpu_run.stdout, cpu_run.stdout);
        let forced = Command::new(&gpu_app).env("LEGATEC_DEVICE", "gpu").output().unwrap();
        assert_eq!(forced.status.code(), Some(1));
        let stderr = String::from_utf8_lossy(&forced.stderr);
        assert!(stderr.contains("RuntimeError: LEGATEC_DEVICE=gpu, but no CUDA driver library was found"), "{stderr}");
    }
    // LEGATEC_DEVICE=cpu always runs on the CPU.
    let cpu_forced = Command::new(&gpu_app).env("LEGATEC_DEVICE", "cpu").output().unwrap();
    assert_eq!(cpu_forced.stdout, cpu_run.stdout);
}
