//! Golden tests: compiler output compared with expected files kept beside the inputs.
//!
//! - `diagnostics/X.py` must fail to compile; `legatec X.py -o /dev/null` (run inside
//!   `diagnostics/`, with `NO_COLOR=1` and `COLUMNS=100`) must exit non-zero and print
//!   exactly `X.stderr` on stderr.
//! - `ir/X.py` must compile; `legatec X.py --emit ir -o -` (run inside `ir/`) must print
//!   exactly `X.ir` on stdout.
//!
//! - `reports/X.py`: `legatec --report X.py` must print exactly `X.report`, and with
//!   `--report-format json` exactly `X.json`.
//!
//! With `BLESS=1` the expected files are (re)written from what the compiler prints instead.
//! A missing expected file, or an expected file without its `.py`, is a failure otherwise.
//! `LEGATEC_CASES=substr` runs only the inputs whose file name contains `substr`.

use std::path::{Path, PathBuf};
use std::process::Command;

use testsuite::process::{case_files, find_legatec, run_with_limit, testsuite_dir, time_limit};
use testsuite::report::{bless_requested, context_lines, first_line_difference, truncate};

/// Which golden suite, and how to run and read it.
struct Suite {
    dir: &'static str,
    expected_extension: &'static str,
    args: fn(&str) -> Vec<String>,
    /// Whether the compiler must fail (diagnostics) or succeed (IR dumps).
    must_fail: bool,
    /// Whether the compared text is stderr (else stdout).
    compares_stderr: bool,
}

fn run_suite(suite: &Suite) {
    let dir: PathBuf = testsuite_dir().join(suite.dir);
    let inputs =
        case_files(&dir, "py").unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()));
    assert!(
        !inputs.is_empty(),
        "no input in {} matches LEGATEC_CASES",
        dir.display()
    );
    let legatec = find_legatec().unwrap_or_else(|message| panic!("{message}"));
    let bless = bless_requested();
    let mut failures: Vec<String> = Vec::new();
    let mut blessed = 0;

    for input in &inputs {
        let file_name = input
            .file_name()
            .and_then(|n| n.to_str())
            .expect("input names are UTF-8")
            .to_owned();
        let expected_path = input.with_extension(suite.expected_extension);
        let mut command = Command::new(&legatec);
        command
            .args((suite.args)(&file_name))
            .current_dir(&dir)
            .env("NO_COLOR", "1")
            .env("COLUMNS", "100");
        let run = match run_with_limit(&mut command, time_limit()) {
            Ok(run) => run,
            Err(e) => {
                failures.push(format!(
                    "{file_name}: cannot run {}: {e}",
                    legatec.display()
                ));
                continue;
            }
        };
        let produced = if suite.compares_stderr {
            &run.stderr
        } else {
            &run.stdout
        };
        let status_ok = if suite.must_fail {
            run.exit_code.is_some_and(|c| c != 0)
        } else {
            run.exit_code == Some(0)
        };
        if !status_ok {
            let wanted = if suite.must_fail {
                "a non-zero exit (the program must not compile)"
            } else {
                "exit 0"
            };
            failures.push(format!(
                "{file_name}: legatec gave {} but {wanted} was expected\n--- stdout ---\n{}--- stderr ---\n{}",
                run.status_text(),
                truncate(&run.stdout, 30, 3000),
                truncate(&run.stderr, 30, 3000)
            ));
            continue;
        }
        if bless {
            if std::fs::read_to_string(&expected_path).ok().as_deref() != Some(produced.as_str()) {
                std::fs::write(&expected_path, produced)
                    .unwrap_or_else(|e| panic!("cannot write {}: {e}", expected_path.display()));
                blessed += 1;
            }
            continue;
        }
        let expected = match std::fs::read_to_string(&expected_path) {
            Ok(text) => text,
            Err(_) => {
                failures.push(format!(
                    "{file_name}: the expected file {} is missing (run with BLESS=1 to create it)\n--- produced ---\n{}",
                    expected_path.display(),
                    truncate(produced, 30, 3000)
                ));
                continue;
            }
        };
        if let Some(line) = first_line_difference(&expected, produced) {
            failures.push(format!(
                "{file_name}: output differs from {} at line {line} (run with BLESS=1 to accept it)\nexpected:\n{}produced:\n{}",
                expected_path.display(),
                context_lines(&expected, line, 3),
                context_lines(produced, line, 3)
            ));
        }
    }

    failures.extend(orphans(&dir, suite.expected_extension));
    if bless {
        eprintln!("{blessed} expected files written in {}", dir.display());
    }
    for failure in &failures {
        eprintln!("\n---------- {failure}");
    }
    assert!(
        failures.is_empty(),
        "{} golden failures in {} ({} inputs)",
        failures.len(),
        dir.display(),
        inputs.len()
    );
}

/// Expected files whose input is gone.
fn orphans(dir: &Path, extension: &str) -> Vec<String> {
    case_files(dir, extension)
        .unwrap_or_default()
        .into_iter()
        .filter(|expected| !expected.with_extension("py").is_file())
        .map(|expected| {
            format!(
                "{}: expected file without an input .py; delete it",
                expected.display()
            )
        })
        .collect()
}

#[test]
fn diagnostics_golden() {
    run_suite(&Suite {
        dir: "diagnostics",
        expected_extension: "stderr",
        args: |file| vec![file.to_owned(), "-o".to_owned(), "/dev/null".to_owned()],
        must_fail: true,
        compares_stderr: true,
    });
}

#[test]
fn ir_golden() {
    run_suite(&Suite {
        dir: "ir",
        expected_extension: "ir",
        args: |file| {
            vec![
                file.to_owned(),
                "--emit".to_owned(),
                "ir".to_owned(),
                "-o".to_owned(),
                "-".to_owned(),
            ]
        },
        must_fail: false,
        compares_stderr: false,
    });
}

#[test]
fn report_golden() {
    run_suite(&Suite {
        dir: "reports",
        expected_extension: "report",
        args: |file| vec!["--report".to_owned(), file.to_owned()],
        must_fail: false,
        compares_stderr: false,
    });
}

#[test]
fn report_json_golden() {
    run_suite(&Suite {
        dir: "reports",
        expected_extension: "json",
        args: |file| vec!["--report".to_owned(), "--report-format".to_owned(), "json".to_owned(), file.to_owned()],
        must_fail: false,
        compares_stderr: false,
    });
}
