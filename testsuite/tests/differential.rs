//! Differential test: every `cases/*.py` (and every program of `examples/` and `reports/`) runs under CPython + NumPy (the oracle) and as a
//! legatec-compiled binary; exit statuses must be equal and stdout must match token by token
//! (stderr too where the header asks). A case runs once per `# args:` line of its header.
//!
//! Environment:
//!
//! - `LEGATEC`: the compiler binary (default `target/release/legatec`, then `target/debug/legatec`).
//! - `LEGATEC_CASES`: run only cases whose file name contains this text.
//! - `LEGATEC_JOBS`: how many cases run at once (default: cores, between 2 and 4).
//! - `LEGATEC_TIMEOUT`: seconds allowed to each process (default 300).
//! - `PYTHON`: the reference interpreter (default `python3`).
//! - `LEGATEC_RANKS`: the MPI rank counts each compiled run uses (default `1,2,3,4`); 1 runs
//!   the binary directly, more run it under `mpirun --oversubscribe -np N`. Every rank
//!   count is compared with NumPy; with several ranks, mpirun's own banners about a
//!   failed rank are removed from stderr before comparing.
//!
//! - `LEGATEC_PREBUILT`: a directory holding the compiled cases at their paths relative to the
//!   workspace root (`testsuite/cases/x.py` is the executable of that case); they are run
//!   instead of compiling (`testsuite/gpu.sh` builds them here and runs them on a GPU machine,
//!   with `LEGATEC_TESTSUITE_DIR` naming the testsuite directory there).
//!
//! Nothing is cached between runs: each case compiles afresh into a temporary directory.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use testsuite::compare_outputs;
use testsuite::header::{parse_header, reference_source, CaseHeader, StderrMode};
use testsuite::process::{
    differential_case_files, find_legatec, python, run_with_limit, testsuite_dir, time_limit, worker_count,
    RunOutput,
};
use testsuite::report::{context_lines, truncate};
use testsuite::runs::{compiled_command, exception, parse_rank_counts, reference_command, strip_mpirun_banners};

/// A failed case and everything needed to understand the failure.
struct Failure {
    case: String,
    report: String,
}

fn case_name(path: &Path) -> String {
    path.file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("?")
        .to_owned()
}

fn show_output(label: &str, run: &RunOutput, stream_is_stdout: bool) -> String {
    let text = if stream_is_stdout {
        &run.stdout
    } else {
        &run.stderr
    };
    format!(
        "--- {label} ({}) ---\n{}",
        run.status_text(),
        truncate(text, 40, 4000)
    )
}

/// Runs one case both ways, once per command line of its header; `Ok(())` when every run agrees.
fn check_case(legatec: &Path, path: &Path) -> Result<(), String> {
    let source = std::fs::read_to_string(path).map_err(|e| format!("cannot read the case: {e}"))?;
    let header: CaseHeader = parse_header(&source).map_err(|e| format!("bad header: {e}"))?;
    let name = case_name(path);
    let scratch = tempfile::Builder::new()
        .prefix(&format!("legatec-{name}-"))
        .tempdir()
        .map_err(|e| format!("cannot create a temporary directory: {e}"))?;
    let limit = time_limit();

    // The reference: CPython + NumPy, with drop-in imports rewritten to NumPy.
    let reference_path = scratch.path().join(format!("{name}.py"));
    std::fs::write(&reference_path, reference_source(&source))
        .map_err(|e| format!("cannot write the reference copy: {e}"))?;

    // The compiled program, named like the script so that argparse's `prog` (the
    // basename of argv[0]) is the same on both sides.
    let bin_dir = scratch.path().join("bin");
    std::fs::create_dir(&bin_dir).map_err(|e| format!("cannot create {}: {e}", bin_dir.display()))?;
    let binary: PathBuf = bin_dir.join(format!("{name}.py"));
    if let Some(prebuilt) = std::env::var_os("LEGATEC_PREBUILT") {
        let relative = match path.strip_prefix(testsuite_dir()) {
            Ok(inside) => Path::new("testsuite").join(inside),
            Err(_) => path.strip_prefix(testsuite_dir().join("..")).map_err(|_| format!("{} is outside the workspace", path.display()))?.to_path_buf(),
        };
        let built = PathBuf::from(prebuilt).join(relative);
        std::fs::copy(&built, &binary).map_err(|e| format!("no prebuilt executable {}: {e}", built.display()))?;
    }
    let mut compile_command = Command::new(legatec);
    // LEGATEC_FLAGS: more options for every compile (`--backend cranelift`), split at spaces.
    let flags = std::env::var("LEGATEC_FLAGS").unwrap_or_default();
    compile_command
        .args(flags.split_whitespace())
        .arg(path)
        .arg("-o")
        .arg(&binary)
        .env("NO_COLOR", "1");
    let compile = if std::env::var_os("LEGATEC_PREBUILT").is_some() {
        run_with_limit(&mut Command::new("true"), limit).map_err(|e| format!("cannot run true: {e}"))?
    } else {
        run_with_limit(&mut compile_command, limit).map_err(|e| format!("cannot run {}: {e}", legatec.display()))?
    };
    if compile.exit_code != Some(0) || !binary.is_file() {
        let what = if compile.exit_code == Some(0) {
            "legatec exited 0 but wrote no executable"
        } else {
            "compilation failed"
        };
        return Err(format!(
            "{what}: {} {} -o {}\n{}{}",
            legatec.display(),
            path.display(),
            binary.display(),
            show_output("legatec stdout", &compile, true),
            show_output("legatec stderr", &compile, false)
        ));
    }

    if let Some(setup) = &header.setup {
        let script = path.parent().unwrap_or(Path::new(".")).join(&setup[0]);
        let mut command = Command::new(python());
        command.arg(&script).args(&setup[1..]).current_dir(scratch.path());
        let out = run_with_limit(&mut command, limit).map_err(|e| format!("cannot run the setup {}: {e}", script.display()))?;
        if out.exit_code != Some(0) {
            return Err(format!("the setup {} failed\n{}", script.display(), show_output("setup stderr", &out, false)));
        }
    }

    for args in &header.runs {
        let run = if header.runs.len() > 1 { format!("[args: {}] ", args.join(" ")) } else { String::new() };
        let mut reference_command = reference_command(&reference_path, args, scratch.path(), &header);
        let reference = run_with_limit(&mut reference_command, limit).map_err(|e| {
            format!(
                "cannot run {}: {e} (is python3 with numpy installed?)",
                python()
            )
        })?;
        if reference.exit_code != Some(header.exit_code) {
            return Err(format!(
                "{run}the reference run does not have the status the header expects (exit {}): the case itself is broken\n{}{}",
                header.exit_code,
                show_output("python3 stdout", &reference, true),
                show_output("python3 stderr", &reference, false)
            ));
        }

        for &ranks in &rank_counts() {
        let run = if ranks > 1 { format!("{run}[{ranks} ranks] ") } else { run.clone() };
        // Python sees `sys.argv[0]` as the path of the script; the binary gets the same.
        let mut run_command = compiled_command(&binary, &reference_path, ranks, args, scratch.path(), &header);
        let mut compiled = run_with_limit(&mut run_command, limit)
            .map_err(|e| format!("cannot run the compiled binary: {e}"))?;
        // mpirun's banners are not the program's stderr; kept to show when the run fails.
        let launcher_stderr = (ranks > 1).then(|| compiled.stderr.clone());
        if ranks > 1 {
            compiled.stderr = strip_mpirun_banners(&compiled.stderr);
        }

        let mut problems = Vec::new();
        if compiled.exit_code != reference.exit_code || compiled.timed_out {
            problems.push(format!(
                "exit status differs: python3 gave {}, the compiled binary gave {}",
                reference.status_text(),
                compiled.status_text()
            ));
        }
        let (expected_stdout, actual_stdout) = (header.compared_stdout(&reference.stdout), header.compared_stdout(&compiled.stdout));
        if let Err(mismatch) = compare_outputs(
            &expected_stdout,
            &actual_stdout,
            header.rtol,
            header.whitespace,
        ) {
            problems.push(format!(
                "stdout differs at {mismatch} (rtol {:e}, whitespace {:?})\nexpected (python3):\n{}actual (legatec):\n{}",
                header.rtol,
                header.whitespace,
                context_lines(&expected_stdout, mismatch.expected_line, 2),
                context_lines(&actual_stdout, mismatch.actual_line, 2)
            ));
        }
        let stderr_differs = match header.stderr {
            StderrMode::Ignore => false,
            StderrMode::Exact => reference.stderr != compiled.stderr,
            StderrMode::Exception => exception(&reference.stderr) != exception(&compiled.stderr),
        };
        if stderr_differs {
            problems.push(format!(
                "stderr differs ({:?})\n{}",
                header.stderr,
                show_output("python3 stderr", &reference, false)
            ));
        }
        if !problems.is_empty() {
            let launcher = launcher_stderr
                .filter(|raw| *raw != compiled.stderr)
                .map_or(String::new(), |raw| format!("--- mpirun's whole stderr ---\n{raw}\n"));
            return Err(format!(
                "{run}{}\n{}{}{}{launcher}",
                problems.join("\n"),
                show_output("python3 stdout", &reference, true),
                show_output("legatec binary stdout", &compiled, true),
                show_output("legatec binary stderr", &compiled, false)
            ));
        }
        }
    }
    Ok(())
}

/// The rank counts of `LEGATEC_RANKS` (default 1, 2, 3 and 4).
fn rank_counts() -> Vec<usize> {
    parse_rank_counts(&std::env::var("LEGATEC_RANKS").unwrap_or_else(|_| "1,2,3,4".to_string()))
}

#[test]
fn differential_cases() {
    // The cases, the example programs and the report goldens' programs.
    let cases = differential_case_files().unwrap_or_else(|e| panic!("cannot list the differential cases: {e}"));
    assert!(!cases.is_empty(), "no differential case matches LEGATEC_CASES");
    let legatec = match find_legatec() {
        Ok(path) => path,
        Err(message) => panic!("{message}"),
    };

    let next = AtomicUsize::new(0);
    let failures: Mutex<Vec<Failure>> = Mutex::new(Vec::new());
    let workers = worker_count().min(cases.len());
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| loop {
                let index = next.fetch_add(1, Ordering::SeqCst);
                let Some(path) = cases.get(index) else { break };
                let name = case_name(path);
                match check_case(&legatec, path) {
                    Ok(()) => eprintln!("ok   {name}"),
                    Err(report) => {
                        eprintln!("FAIL {name}");
                        failures
                            .lock()
                            .unwrap()
                            .push(Failure { case: name, report });
                    }
                }
            });
        }
    });

    let mut failures = failures.into_inner().unwrap();
    failures.sort_by(|a, b| a.case.cmp(&b.case));
    for failure in &failures {
        eprintln!(
            "\n==================== {} ====================\n{}",
            failure.case, failure.report
        );
    }
    if !failures.is_empty() {
        let names: Vec<&str> = failures.iter().map(|f| f.case.as_str()).collect();
        panic!(
            "{} of {} differential cases failed: {}\n(rerun one with LEGATEC_CASES=<name> cargo test -p testsuite --release --test differential)",
            failures.len(),
            cases.len(),
            names.join(", ")
        );
    }
    eprintln!("{} differential cases passed", cases.len());
}
