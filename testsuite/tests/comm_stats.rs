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
            // Files the program writes (reports/frame_split.py writes a CSV) stay there.
            .current_dir(dir.path())
            .env("LEGATEC_COMM_STATS", "1")
            .env("LEGATEC_CHECK_PLAN", "1")
            .env("OMPI_ALLOW_RUN_AS_ROOT", "1")
            .env("OMPI_ALLOW_RUN_AS_ROOT_CONFIRM", "1")
            // Its own session directory: concurrent mpiruns sharing one race (runs.rs).
            .env("OMPI_MCA_orte_tmpdir_base", dir.path())
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
    // The report's loop: one exchange of grid (2 messages of 2 rows of 8 * (N + 2) bytes in all),
    // and the allreduce of line 23's sum, which runs in line 22's kernel (`fuse-reductions`).
    assert!(
        report.stdout.contains(r#""exchanges": [{"array": "grid", "line": 22, "messages": 2, "rows": 2, "row_bytes": "8 * (N + 2)"}], "allreduces": [{"line": 22, "sends": "one 8-byte value per rank"}]"#),
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
            "legatec comm rank {rank}: halo exchanges {iterations}, messages {}, bytes {}, fetches 0, gathers 0, allreduces {}, shuffles 0",
            iterations * messages,
            iterations * messages * row_bytes,
            iterations + 1
        );
        assert!(run.stderr.contains(&expected), "expected `{expected}` in:\n{}", run.stderr);
    }
}

/// The seed's dense Jacobi solver (`cases/seed_jacobi_dense.py`, N = 40, 40 iterations) at 3
/// ranks sends exactly what its report says: `np.diag(A)` is split beside A's rows and
/// `np.dot(R, x)` multiplies each rank's own rows of R by x gathered whole, so the matrix
/// never moves; the only gathers are those of x (8 * N bytes), one per iteration, one for
/// the product after the loop, and one of `x[:6]` to print it. `R = A - np.diag(d)` is one
/// kernel over A's rows that reads d as a column (its own rows) and as a row (every rank
/// fetches the rows of d it does not own, once: 8 * N bytes in all).
#[test]
fn dense_jacobi_sends_only_its_vector() {
    let script = testsuite_dir().join("cases").join("seed_jacobi_dense.py");
    let legatec = find_legatec().unwrap_or_else(|m| panic!("{m}"));
    let report = run_with_limit(Command::new(&legatec).arg("--report").arg(&script), time_limit()).expect("runs legatec --report");
    let gathers: Vec<&str> = report.stdout.lines().filter(|l| l.contains("gathered whole")).collect();
    assert!(
        gathers.len() == 3 && gathers.iter().all(|l| l.trim_start().starts_with("x gathered whole")),
        "the report should gather x only (in the loop, to print it, for the product after it):\n{}",
        report.stdout
    );
    assert!(report.stdout.contains("rows of d fetched from their owners at line 17"), "the report should show the fetch of d:\n{}", report.stdout);
    let run = run_at_3_ranks(&script);
    let (n, iterations, ranks) = (40u64, 40u64, 3u64);
    for rank in 0..ranks {
        // Rank q owns rows [N q / P, N (q + 1) / P) of x and sends them to the other two at
        // every gather of x; of `x[:6]`, only its rows below 6.
        let (lo, hi) = (n * rank / ranks, n * (rank + 1) / ranks);
        let printed = hi.min(6).saturating_sub(lo);
        // Its rows of d go to the other two once (the fetch).
        let bytes = ((iterations + 2) * (hi - lo) + printed) * 8 * (ranks - 1);
        let messages = (iterations + 2 + u64::from(printed > 0)) * (ranks - 1);
        let expected = format!(
            "legatec comm rank {rank}: halo exchanges 0, messages {messages}, bytes {bytes}, fetches 1, gathers {}, allreduces 2, shuffles 0",
            iterations + 2
        );
        assert!(run.stderr.contains(&expected), "expected `{expected}` in:\n{}", run.stderr);
    }
}

/// `reports/gradient_products.py` (N = 30, D = 4, I = 5) at 3 ranks sends what its report
/// says: per iteration, `X.dot(w)` gathers `w` (8 * D bytes) and `X.T.dot(r)` makes one
/// allreduce of a partial result of 8 * D bytes; after the loop, printing gathers `w` once.
/// X, y and r never move: no fetches, and the only gathers are those of `w`.
#[test]
fn products_summed_over_ranks_send_what_the_report_says() {
    let script = testsuite_dir().join("reports").join("gradient_products.py");
    let legatec = find_legatec().unwrap_or_else(|m| panic!("{m}"));
    let report = run_with_limit(Command::new(&legatec).arg("--report").arg(&script), time_limit()).expect("runs legatec --report");
    for line in [
        "allreduce at line 17: a partial result of 8 * D bytes per rank",
        "w gathered whole at line 16 (8 * D bytes to every rank): the right operand of a product split by rows",
        "w gathered whole at line 18 (8 * D bytes to every rank): printed",
    ] {
        assert!(report.stdout.contains(line), "no `{line}` in the report:\n{}", report.stdout);
    }
    let run = run_at_3_ranks(&script);
    let (iterations, d, ranks) = (5u64, 4u64, 3u64);
    let gathers = iterations + 1;
    for rank in 0..ranks {
        // Rank q owns elements [d q / P, d (q + 1) / P) of w and sends them to the other two.
        let own = d * (rank + 1) / ranks - d * rank / ranks;
        let expected = format!(
            "legatec comm rank {rank}: halo exchanges 0, messages {}, bytes {}, fetches 0, gathers {gathers}, allreduces {iterations}, shuffles 0",
            gathers * (ranks - 1),
            gathers * (ranks - 1) * own * 8
        );
        assert!(run.stderr.contains(&expected), "expected `{expected}` in:\n{}", run.stderr);
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
            "legatec comm rank {rank}: halo exchanges 0, messages 0, bytes 0, fetches 0, gathers 0, allreduces 11, shuffles 0"
        );
        assert!(run.stderr.contains(&expected), "expected `{expected}` in:\n{}", run.stderr);
    }
}

/// A merge of frames split by rows (`reports/merge_split.py`, n = 3000 rows a side, unique
/// keys) at 3 ranks sends what its report announces: shuffles of both key columns and of the
/// columns taken by row number, and nothing gathered or fetched. How many rows move depends
/// on where the keys hash: each side's rows (a key and a row number, 16 bytes), the pairs
/// (16 bytes a row of the result) and the right column's rows (a row number asked, 8 bytes
/// back) move at most once each, so the ranks send at most 64 n bytes in all.
#[test]
fn a_split_merge_shuffles_and_gathers_nothing() {
    let legatec = find_legatec().unwrap_or_else(|m| panic!("{m}"));
    let script = testsuite_dir().join("reports").join("merge_split.py");
    let report = run_with_limit(Command::new(&legatec).arg("--report").arg(&script), time_limit()).expect("runs legatec --report");
    for array in ["left.0", "right.0", "right.1"] {
        let line = format!("rows of {array} shuffled between ranks at line 12");
        assert!(report.stdout.contains(&line), "expected `{line}` in the report:\n{}", report.stdout);
    }
    assert!(!report.stdout.contains("gathered whole"), "a gather in the report:\n{}", report.stdout);
    let run = run_at_3_ranks(&script);
    assert!(run.stdout.contains("3000 2249250.0 8997000 2999"), "{}", run.stdout);
    let n = 3000u64;
    let mut total = 0u64;
    for rank in 0..3 {
        let prefix = format!("legatec comm rank {rank}: halo exchanges 0, messages ");
        let line = run.stderr.lines().find(|l| l.starts_with(&prefix)).unwrap_or_else(|| panic!("no counts of rank {rank}:\n{}", run.stderr));
        let number = |key: &str| -> u64 {
            let at = line.find(key).unwrap_or_else(|| panic!("no `{key}` in `{line}`")) + key.len();
            line[at..].split(|c: char| !c.is_ascii_digit()).next().and_then(|d| d.parse().ok()).unwrap_or_else(|| panic!("`{line}`"))
        };
        assert_eq!((number("fetches "), number("gathers "), number("shuffles ")), (0, 0, 4), "`{line}`");
        total += number("bytes ");
    }
    assert!(total > 0 && total <= 64 * n, "{total} bytes sent for n = {n}:\n{}", run.stderr);
}

/// A CSV file read split over ranks, then a groupby, a sort_values and a value_counts of
/// its columns (`reports/frame_split.py`, n = 1000 rows) at 3 ranks, after the frame is
/// written by each rank's own rows (line 10): the report announces the split write, read
/// and shuffles, and gathers only where the results are printed (line 15); the run gathers
/// exactly the arrays the report lists (seven), fetches nothing, and shuffles seven times
/// (the write, the groupby, the sort, the sorted frame's two columns and its index taken
/// by row number, the value_counts).
#[test]
fn a_split_read_gathers_only_what_is_printed() {
    let legatec = find_legatec().unwrap_or_else(|m| panic!("{m}"));
    let script = testsuite_dir().join("reports").join("frame_split.py");
    let report = run_with_limit(Command::new(&legatec).arg("--report").arg(&script), time_limit()).expect("runs legatec --report");
    assert!(report.stdout.contains("file read split over ranks at line 11"), "{}", report.stdout);
    let gathers: Vec<&str> = report.stdout.lines().filter(|l| l.contains("gathered whole")).collect();
    assert!(report.stdout.contains("rows of t2 shuffled between ranks at line 10 (each rank's own rows formatted where they lie"), "{}", report.stdout);
    assert!(gathers.iter().all(|l| l.contains("at line 15")), "{gathers:#?}");
    let printed = gathers.len();
    assert_eq!(printed, 7, "{gathers:#?}");
    let run = run_at_3_ranks(&script);
    for rank in 0..3 {
        let prefix = format!("legatec comm rank {rank}: halo exchanges 0, messages ");
        let line = run.stderr.lines().find(|l| l.starts_with(&prefix)).unwrap_or_else(|| panic!("no counts of rank {rank}:\n{}", run.stderr));
        let tail = format!("fetches 0, gathers {printed}, allreduces 7, shuffles 7");
        assert!(line.ends_with(&tail), "expected `{tail}` at the end of `{line}`");
    }
}
