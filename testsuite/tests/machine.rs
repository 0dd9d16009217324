//! `legatec machine`: descriptions round-trip through `--show`, `--measure` measures a
//! positive, finite number for every field, `--from-lines` makes a description of the
//! measuring program's lines collected in a file, and `--measurer` writes that program.

use std::process::Command;

use passes::model::machine::{Bandwidth, Cache, Cpu, GemmRate, Gpu, Machine, Mpi, MpiStart, Ops};
use testsuite::process::find_legatec;

fn legatec(args: &[&str]) -> std::process::Output {
    let exe = find_legatec().unwrap_or_else(|e| panic!("{e}"));
    Command::new(exe).arg("machine").args(args).output().expect("legatec runs")
}

#[test]
fn show_round_trips_a_file() {
    let machine = Machine {
        name: "test-machine".into(),
        measured_with: "by hand, for a test".into(),
        cpu: Cpu {
            model: "A CPU (R) 1.0GHz".into(),
            cores: 3,
            caches: vec![Cache { level: 1, kind: "Data".into(), bytes: 32 << 10, shared_by: 1 }, Cache { level: 3, kind: "Unified".into(), bytes: 3 << 20, shared_by: 3 }],
            llc_bandwidth: vec![],
            l2_bandwidth: vec![],
            gemm: vec![],
            bandwidth: vec![Bandwidth { threads: 1, read: 1.25e10, copy: 1.0e10, triad: 1.1e10 }, Bandwidth { threads: 3, read: 3.5e10, copy: 2.75e10, triad: 3e10 }],
            ops: Ops { arith: 1.5e10, div: 3.1e9, sqrt: 1.7e9, transcendental: 2.4e8, pow: 9.8e7, gemm: 5.3e10, math: Default::default() },
            launch_seconds: 1.25e-5,
            first_touch_seconds: 0.0,
        },
        mpi: Some(Mpi { latency_seconds: 3.5e-7, bandwidth: 1.1e10, between_nodes: false, init_seconds: 0.0, start: vec![] }),
        gpu: None,
    };
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("m.toml");
    std::fs::write(&file, machine.to_toml()).unwrap();
    let out = legatec(&["--show", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(Machine::from_toml(&String::from_utf8_lossy(&out.stdout)), Ok(machine));

    // The shipped descriptions parse too; what is neither a name nor a file is an error.
    let names = legatec(&["--list"]);
    assert!(names.status.success());
    for name in String::from_utf8_lossy(&names.stdout).lines() {
        let shown = legatec(&["--show", name]);
        assert!(shown.status.success(), "{name}: {}", String::from_utf8_lossy(&shown.stderr));
        assert_eq!(Machine::from_toml(&String::from_utf8_lossy(&shown.stdout)).map(|m| m.name), Ok(name.to_string()));
    }
    let missing = legatec(&["--show", dir.path().join("none.toml").to_str().unwrap()]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no machine"));
}

/// The whole measurement (about 6 s on the project's 2-core VM, alone).
#[test]
fn measure_gives_positive_finite_numbers() {
    let out = legatec(&["--measure", "-o", "-", "--name", "under-test"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let m = Machine::from_toml(&String::from_utf8_lossy(&out.stdout)).expect("a description");
    assert_eq!(m.name, "under-test");
    assert!(m.measured_with.contains("legatec machine --measure"), "{}", m.measured_with);
    let positive = |what: &str, v: f64| assert!(v.is_finite() && v > 0.0, "{what} = {v}");
    let cpu = &m.cpu;
    assert!(cpu.cores >= 1 && !cpu.model.is_empty());
    assert!(cpu.caches.iter().all(|c| c.level >= 1 && c.bytes > 0 && c.shared_by >= 1), "{:?}", cpu.caches);
    assert_eq!(cpu.bandwidth.first().map(|b| b.threads), Some(1));
    assert_eq!(cpu.bandwidth.last().map(|b| b.threads), Some(cpu.cores));
    for b in &cpu.bandwidth {
        positive("read", b.read);
        positive("copy", b.copy);
        positive("triad", b.triad);
    }
    let o = &cpu.ops;
    for (what, v) in [("arith", o.arith), ("div", o.div), ("sqrt", o.sqrt), ("transcendental", o.transcendental), ("pow", o.pow), ("gemm", o.gemm)] {
        positive(what, v);
    }
    positive("launch", cpu.launch_seconds);
    if let Some(mpi) = &m.mpi {
        positive("mpi latency", mpi.latency_seconds);
        positive("mpi bandwidth", mpi.bandwidth);
    }
    if let Some(gpu) = &m.gpu {
        for (what, v) in [
            ("gpu bandwidth", gpu.bandwidth),
            ("gpu launch", gpu.launch_seconds),
            ("host to device", gpu.host_to_device),
            ("device to host", gpu.device_to_host),
            ("gpu f64", gpu.ops_f64),
            ("gpu f32", gpu.ops_f32),
        ] {
            positive(what, v);
        }
    }
}

/// The lines of all the modes, as collected on another machine (`legatec machine --help`):
/// in any order, with a line of a later protocol and a blank line among them.
const LINES: &str = "\
gpu_init 0.31
gpu_blas 0.2 0.016 3.9e13 3e13
gpu_kernel_load 4e-5
gpu_blas_gemv_load 0.002
gpu_bandwidth 8388608 6e12
gpu_bandwidth 4194304 5e12
gpu 4.2e12 4.4e-6 5.5e10 5.4e10 3.2e13 5.6e13 NVIDIA H200
model Intel(R) Xeon(R) Platinum 8480+
cores 4
cache 1 Data 49152 2
cache 1 Instruction 32768 2
cache 2 Unified 2097152 2
cache 3 Unified 110100480 4
bandwidth 1 1.25e10 1e10 1.1e10
bandwidth 2 2.5e10 2e10 2.2e10
bandwidth 4 4e10 3.5e10 3.75e10
ops arith 1.5e10
ops div 3.1e9
ops sqrt 1.7e9
ops pow 9.8e7
ops transcendental 2.4e8
ops gemm 5.3e10
ops exp 8e8
gemm 4 1.5e11 2.9e11
gemm 1 5e10 1e11
first_touch 2.5e-11
launch 1.25e-5

a-later-keyword 1 2
mpi 3.5e-7 1.1e10 0
mpi_init 0.25
mpi_start 16 0.3 0.07
mpi_start 2 0.25 0.05
";

#[test]
fn from_lines_makes_the_description_they_say() {
    let dir = tempfile::tempdir().unwrap();
    let lines = dir.path().join("lines.txt");
    std::fs::write(&lines, LINES).unwrap();
    let toml = dir.path().join("there.toml");
    let out = legatec(&["--from-lines", lines.to_str().unwrap(), "-o", toml.to_str().unwrap(), "--name", "there"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let m = Machine::from_toml(&std::fs::read_to_string(&toml).unwrap()).expect("a description");
    assert_eq!(m.name, "there");
    assert!(m.measured_with.contains("lines.txt"), "{}", m.measured_with);
    let cache = |level, kind: &str, bytes, shared_by| Cache { level, kind: kind.into(), bytes, shared_by };
    let expected = Machine {
        name: "there".into(),
        measured_with: m.measured_with.clone(),
        cpu: Cpu {
            model: "Intel(R) Xeon(R) Platinum 8480+".into(),
            cores: 4,
            caches: vec![cache(1, "Data", 48 << 10, 2), cache(1, "Instruction", 32 << 10, 2), cache(2, "Unified", 2 << 20, 2), cache(3, "Unified", 105 << 20, 4)],
            llc_bandwidth: vec![],
            l2_bandwidth: vec![],
            gemm: vec![GemmRate { threads: 1, f64: 5e10, f32: 1e11 }, GemmRate { threads: 4, f64: 1.5e11, f32: 2.9e11 }],
            bandwidth: vec![
                Bandwidth { threads: 1, read: 1.25e10, copy: 1e10, triad: 1.1e10 },
                Bandwidth { threads: 2, read: 2.5e10, copy: 2e10, triad: 2.2e10 },
                Bandwidth { threads: 4, read: 4e10, copy: 3.5e10, triad: 3.75e10 },
            ],
            ops: Ops { arith: 1.5e10, div: 3.1e9, sqrt: 1.7e9, transcendental: 2.4e8, pow: 9.8e7, gemm: 5.3e10, math: [("exp".to_string(), 8e8)].into() },
            launch_seconds: 1.25e-5,
            first_touch_seconds: 2.5e-11,
        },
        mpi: Some(Mpi {
            latency_seconds: 3.5e-7,
            bandwidth: 1.1e10,
            between_nodes: false,
            init_seconds: 0.25,
            start: vec![MpiStart { ranks: 2, init_seconds: 0.25, end_seconds: 0.05 }, MpiStart { ranks: 16, init_seconds: 0.3, end_seconds: 0.07 }],
        }),
        gpu: Some(Gpu {
            name: "NVIDIA H200".into(),
            bandwidth: 4.2e12,
            launch_seconds: 4.4e-6,
            host_to_device: 5.5e10,
            device_to_host: 5.4e10,
            ops_f64: 3.2e13,
            ops_f32: 5.6e13,
            init_seconds: 0.31,
            reduce_sync_seconds: 0.0,
            blas_init_seconds: 0.2,
            blas_load_seconds: 0.016,
            blas_gemm_f64: 3.9e13,
            blas_gemm_f32: 3e13,
            kernel_load_seconds: 4e-5,
            blas_gemv_load_seconds: Some(0.002),
            bandwidth_by_footprint: vec![[4194304.0, 5e12], [8388608.0, 6e12]],
        }),
    };
    assert_eq!(m, expected);
    // `--show` of the file prints the same description.
    let shown = legatec(&["--show", toml.to_str().unwrap()]);
    assert!(shown.status.success(), "{}", String::from_utf8_lossy(&shown.stderr));
    assert_eq!(Machine::from_toml(&String::from_utf8_lossy(&shown.stdout)).as_ref(), Ok(&expected));

    // --measured-with replaces the default; to standard output with `-o -`.
    let out = legatec(&["--from-lines", lines.to_str().unwrap(), "-o", "-", "--name", "there", "--measured-with", "by hand"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(Machine::from_toml(&String::from_utf8_lossy(&out.stdout)).map(|m| m.measured_with), Ok("by hand".to_string()));

    // Without the `cpu` mode's lines (the gpu and mpi ones only): an error, no file.
    let partial = dir.path().join("partial.txt");
    std::fs::write(&partial, LINES.lines().filter(|l| l.starts_with("gpu ") || l.starts_with("mpi ")).collect::<Vec<_>>().join("\n")).unwrap();
    let none = dir.path().join("none.toml");
    let out = legatec(&["--from-lines", partial.to_str().unwrap(), "-o", none.to_str().unwrap(), "--name", "x"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("`cpu` mode"), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(!none.exists());
    // --name is required (the host's would be this machine's).
    let out = legatec(&["--from-lines", lines.to_str().unwrap(), "-o", none.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
}

/// `--measurer` writes an executable that runs alone (about 4 s for `cpu` on the project's
/// 2-core VM, with small arrays), and its lines make a description.
#[test]
fn measurer_writes_a_program_whose_lines_make_a_description() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let exe = dir.path().join("measure");
    let out = legatec(&["--measurer", "-o", exe.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let meta = std::fs::metadata(&exe).unwrap();
    assert!(meta.permissions().mode() & 0o111 != 0, "{:o}", meta.permissions().mode());
    assert!(meta.len() < 64 << 20, "{} bytes", meta.len());
    // No mode: usage, exit 2. `cpu` with arrays of 16 MiB (the memory streams are not what
    // is tested), from another directory, without legatec's variables.
    let usage = Command::new(&exe).output().unwrap();
    assert_eq!(usage.status.code(), Some(2));
    let cpu = Command::new(&exe).args(["cpu", "16777216"]).current_dir(dir.path()).env_remove("LEGATEC_RUNTIME").output().unwrap();
    assert!(cpu.status.success(), "{}", String::from_utf8_lossy(&cpu.stderr));
    let text = String::from_utf8_lossy(&cpu.stdout);
    assert!(text.lines().any(|l| l.starts_with("model ")), "{text}");
    let lines = dir.path().join("lines.txt");
    std::fs::write(&lines, cpu.stdout).unwrap();
    let out = legatec(&["--from-lines", lines.to_str().unwrap(), "-o", "-", "--name", "here"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let m = Machine::from_toml(&String::from_utf8_lossy(&out.stdout)).expect("a description");
    assert_eq!((m.name.as_str(), m.mpi, m.gpu), ("here", None, None));
    assert!(m.cpu.cores >= 1 && !m.cpu.model.is_empty());
    assert_eq!(m.cpu.bandwidth.last().map(|b| b.threads), Some(m.cpu.cores));
    // The caches are this machine's, as Linux describes them.
    let index0 = std::path::Path::new("/sys/devices/system/cpu/cpu0/cache/index0");
    if index0.join("size").exists() {
        assert!(!m.cpu.caches.is_empty() && m.cpu.caches.iter().all(|c| c.level >= 1 && c.bytes > 0 && c.shared_by >= 1), "{:?}", m.cpu.caches);
    }
}
