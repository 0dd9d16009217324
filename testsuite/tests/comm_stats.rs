//! The report predicts what a distributed run sends: `reports/heat.py` (N = 200, I = 50)
//! run at 3 ranks with `LEGATEC_COMM_STATS=1` must make exactly the halo exchanges, messages,
//! bytes and allreduces its report announces, and no fetches or gathers (and, checking every
//! communication against the plan, nothing beyond it).

use std::process::Command;

use testsuite::process::{find_legatec, run_with_limit, testsuite_dir, time_limit, RunOutput};

/// Compiles `script` and runs it at 3 ranks with its communication counted
/// (`LEGATEC_COMM_STATS=1`) and checked against its plan (`LEGATEC_CHECK_PLAN=1`); it must succeed.
fn run_at_3_ranks(script: &std::path::Path) -> RunOutput {
    let legatec = find_legatec().unwrap_or_else(|m| panic!("{m}"));
    let dir = tempfile::tempdir().expect("a temporary directory");
    let binary = dir.path().join("app");
    let compile = run_with_limit(Command::new(&legatec).arg(script).arg("-o").arg(&binary), time_limit()).expect("compiles");
    assert_eq!(compile.exit_code, Some(0), "{}", compile.stderr);
    let run = run_with_limit(
        Command::new("mpirun")
            .args(["--oversubscribe", "-np", "3"])
            .arg(&binary)
            .env("LEGATEC_COMM_STATS", "1")
            .env("LEGATEC_CHECK_PLAN", "1")
            .env("OMPI_ALLOW_RUN_AS_ROOT", "1")
            .env("OMPI_ALLOW_RUN_AS_ROOT_CONFIRM", "1")
            .env("RAYON_NUM_THREADS", "1"),
        time_limit(),
    )
    .expect("runs mpirun");
    assert_eq!(run.exit_code, Some(0), "{}", run.stderr);
    run
}

#[test]
fn heat_sends_what_its_report_says() {
    let legatec = find_legatec().unwrap_or_else(|m| panic!("{m}"));
    let script = testsuite_dir().join("reports").join("heat.py");
    let report = run_with_limit(
        Command::new(&legatec).args(["--report", "--report-format", "json"]).arg(&script),
        time_limit(),
    )
    .expect("runs legatec --report");
    // The report's loop: one exchange of grid (2 messages of 2 rows of 8 * (N + 2) bytes in all).
    assert!(
        report.stdout.contains(r#""exchanges": [{"array": "grid", "line": 22, "messages": 2, "rows": 2, "row_bytes": "8 * (N + 2)"}], "allreduce_lines": [23]"#),
        "unexpected report:\n{}",
        report.stdout
    );
    let run = run_at_3_ranks(&script);
    let (iterations, n) = (50u64, 202u64);
    let row_bytes = 8 * n;
    // Rank 1 has two neighbours: per iteration 2 messages of one row each; the ends send one.
    // 50 allreduces in the loop and one for np.mean after it.
    for (rank, messages) in [(0, 1), (1, 2), (2, 1)] {
        let expected = format!(
            "legatec comm rank {rank}: halo exchanges {iterations}, messages {}, bytes {}, fetches 0, gathers 0, allreduces {}",
            iterations * messages,
            iterations * messages * row_bytes,
            iterations + 1
        );
        assert!(run.stderr.contains(&expected), "expected `{expected}` in:\n{}", run.stderr);
    }
}

/// The seed's dense Jacobi solver (`cases/seed_jacobi_dense.py`, N = 40, 40 iterations) at 3
/// ranks: `np.dot(R, x)` multiplies each rank's own rows of `R` by `x` gathered whole, so no
/// rank receives `R` inside the loop. A rank then sends less than two copies of `R` in the
/// whole run (one is `np.diag(A)`'s gather of `A`, outside the loop); gathering `R` every
/// iteration, as before products were planned, sent about 45 copies.
#[test]
fn dense_jacobi_does_not_move_the_matrix_in_its_loop() {
    let run = run_at_3_ranks(&testsuite_dir().join("cases").join("seed_jacobi_dense.py"));
    let matrix_bytes = 40 * 40 * 8;
    for rank in 0..3 {
        let line = run
            .stderr
            .lines()
            .find(|l| l.starts_with(&format!("legatec comm rank {rank}:")))
            .unwrap_or_else(|| panic!("no counters of rank {rank} in:\n{}", run.stderr));
        let bytes: u64 = line
            .split(", ")
            .find_map(|field| field.strip_prefix("bytes "))
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| panic!("no byte count in `{line}`"));
        assert!(bytes > 0 && bytes < 2 * matrix_bytes, "rank {rank} sent {bytes} bytes (R is {matrix_bytes}): {line}");
    }
}

/// Random fills of arrays split by rows (`cases/random_fill_reduce.py`: both generators,
/// jumping and non-jumping draws, float64, float32, int64 and int32), then reductions and
/// stencils, at 3 ranks: each rank draws the rows it stores itself (its ghost rows too), so
/// nothing is gathered, fetched or exchanged; only the reductions' allreduces communicate.
#[test]
fn random_fills_communicate_nothing() {
    let run = run_at_3_ranks(&testsuite_dir().join("cases").join("random_fill_reduce.py"));
    for rank in 0..3 {
        let expected = format!(
            "legatec comm rank {rank}: halo exchanges 0, messages 0, bytes 0, fetches 0, gathers 0, allreduces 11"
        );
        assert!(run.stderr.contains(&expected), "expected `{expected}` in:\n{}", run.stderr);
    }
}
