//! A compiled program prints the same, bit for bit, whatever the number of threads its kernels
//! are split over (`RAYON_NUM_THREADS`): `threads/reductions.py` at 1, 2, 3, 5, 8 and 16
//! threads (chunks of rows on fixed threads, float sums over a tree of the shape alone).

use std::process::Command;

use testsuite::process::{find_legatec, run_with_limit, testsuite_dir, time_limit};

#[test]
fn output_does_not_depend_on_the_thread_count() {
    let legatec = find_legatec().unwrap_or_else(|m| panic!("{m}"));
    let dir = tempfile::tempdir().expect("a temporary directory");
    let binary = dir.path().join("app");
    let script = testsuite_dir().join("threads").join("reductions.py");
    let compile = run_with_limit(Command::new(&legatec).arg(&script).arg("-o").arg(&binary), time_limit()).expect("compiles");
    assert_eq!(compile.exit_code, Some(0), "{}", compile.stderr);
    let run = |threads: &str| {
        let out = run_with_limit(Command::new(&binary).env("RAYON_NUM_THREADS", threads), time_limit()).expect("runs");
        assert_eq!(out.exit_code, Some(0), "{threads} threads: {}", out.stderr);
        out.stdout
    };
    let one = run("1");
    assert_eq!(one.lines().count(), 5, "{one}");
    for threads in ["2", "3", "5", "8", "16"] {
        assert_eq!(run(threads), one, "{threads} threads differ from one");
    }
}
