//! `legatec machine`: descriptions round-trip through `--show`, and `--measure` measures a
//! positive, finite number for every field.

use std::process::Command;

use passes::model::machine::{Bandwidth, Cache, Cpu, Machine, Mpi, Ops};
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
            bandwidth: vec![Bandwidth { threads: 1, read: 1.25e10, copy: 1.0e10, triad: 1.1e10 }, Bandwidth { threads: 3, read: 3.5e10, copy: 2.75e10, triad: 3e10 }],
            ops: Ops { arith: 1.5e10, div: 3.1e9, sqrt: 1.7e9, transcendental: 2.4e8, pow: 9.8e7, gemm: 5.3e10 },
            launch_seconds: 1.25e-5,
        },
        mpi: Some(Mpi { latency_seconds: 3.5e-7, bandwidth: 1.1e10, between_nodes: false }),
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
