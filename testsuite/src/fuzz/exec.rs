//! Running one program both ways: CPython's parser over a batch of mutants, then for each
//! mutant `legatec`, CPython + NumPy and the compiled binary at each rank count, with time and
//! memory limits, and what the fuzzer makes of the results.

use std::fmt::Write as _;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use super::classify::{classify_compile, compare_run, Compiled, Problem};
use crate::compare::compare_outputs;
use crate::header::{reference_source, CaseHeader};
use crate::process::{python, run_with_limit, RunOutput};
use crate::report::{context_lines, truncate};
use crate::runs::{compiled_command, reference_command, strip_mpirun_banners};

/// What the runs need to know.
#[derive(Clone, Debug)]
pub struct Settings {
    pub legatec: PathBuf,
    /// Rank counts of the binary's runs (1: directly, N: under mpirun).
    pub ranks: Vec<usize>,
    pub compile_limit: Duration,
    pub python_limit: Duration,
    /// The address-space limit of every process the fuzzer starts (bytes), so that a mutant
    /// asking for `np.zeros(10**10)` cannot take the machine's memory.
    pub memory_limit: u64,
}

/// Which run of a program showed a finding: the `# args:` line and the rank count.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RunId {
    pub args: usize,
    pub ranks: usize,
}

/// The outcome of one program.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// A compile error with a located diagnostic: its code.
    Unsupported(String),
    /// CPython ran past its limit (or was killed): nothing to compare.
    TooSlow,
    Matched,
    /// A float of stdout differs, but the binary itself prints another value at another rank
    /// count: the output is ill-conditioned (summation order decides it), not a finding.
    Unstable,
    Finding(Problem, RunId),
}

/// A verdict and the report behind it (commands, outputs).
#[derive(Debug)]
pub struct Evaluation {
    pub verdict: Verdict,
    pub report: String,
}

/// Limits the address space of the command's process (and what it starts).
fn limit_memory(command: &mut Command, bytes: u64) {
    #[repr(C)]
    struct RLimit {
        current: u64,
        maximum: u64,
    }
    extern "C" {
        fn setrlimit(resource: i32, limit: *const RLimit) -> i32;
    }
    const RLIMIT_AS: i32 = 9;
    let limit = RLimit { current: bytes, maximum: bytes };
    // SAFETY: setrlimit is async-signal-safe and only reads `limit`, which the closure owns.
    unsafe {
        command.pre_exec(move || {
            setrlimit(RLIMIT_AS, &limit);
            Ok(())
        });
    }
}

fn run(command: &mut Command, limit: Duration, memory: u64) -> RunOutput {
    limit_memory(command, memory);
    run_with_limit(command, limit).unwrap_or_else(|e| RunOutput {
        exit_code: Some(-1),
        stdout: String::new(),
        stderr: format!("the fuzzer could not start {command:?}: {e}"),
        timed_out: false,
        elapsed: Duration::ZERO,
    })
}

/// Which programs of `texts` CPython's compiler accepts, checked in one process under `dir`.
pub fn parse_check(texts: &[String], dir: &Path) -> Vec<bool> {
    if texts.is_empty() {
        return Vec::new();
    }
    let _ = std::fs::create_dir_all(dir);
    let paths: Vec<PathBuf> = (0..texts.len()).map(|i| dir.join(format!("parse-{i}.py"))).collect();
    for (path, text) in paths.iter().zip(texts) {
        if std::fs::write(path, text).is_err() {
            return vec![false; texts.len()];
        }
    }
    const SCRIPT: &str = "import sys, warnings\nwarnings.simplefilter('ignore')\nfor p in sys.argv[1:]:\n    try:\n        compile(open(p, encoding='utf-8').read(), p, 'exec')\n        print('ok')\n    except Exception:\n        print('bad')\n";
    let mut command = Command::new(python());
    command.arg("-c").arg(SCRIPT).args(&paths);
    let output = run_with_limit(&mut command, Duration::from_secs(60));
    for path in &paths {
        let _ = std::fs::remove_file(path);
    }
    match output {
        Ok(out) if out.exit_code == Some(0) => {
            let verdicts: Vec<bool> = out.stdout.lines().map(|l| l == "ok").collect();
            if verdicts.len() == texts.len() {
                verdicts
            } else {
                vec![false; texts.len()]
            }
        }
        _ => vec![false; texts.len()],
    }
}

/// Whether the first difference of stdout is between two floats (values that rounding can
/// change), not integers, a type or text.
fn float_difference(expected: &RunOutput, actual: &RunOutput, header: &CaseHeader) -> bool {
    use crate::compare::{classify, TokenKind};
    match compare_outputs(&expected.stdout, &actual.stdout, header.rtol, header.whitespace) {
        Err(mismatch) if expected.exit_code == actual.exit_code => {
            matches!(classify(&mismatch.expected), TokenKind::Float(_)) && matches!(classify(&mismatch.actual), TokenKind::Float(_))
        }
        _ => false,
    }
}

fn shell_words(args: &[String]) -> String {
    args.iter().map(|a| if a.is_empty() || a.contains([' ', '"', '\'']) { format!("'{a}'") } else { a.clone() }).collect::<Vec<_>>().join(" ")
}

fn section(report: &mut String, label: &str, run: &RunOutput, stdout: bool) {
    let text = if stdout { &run.stdout } else { &run.stderr };
    let _ = write!(report, "--- {label} ({}) ---\n{}", run.status_text(), truncate(text, 60, 6000));
}

/// Compiles `text` (named `name.py`, from `parent`) in `dir` and runs it both ways; `only`
/// restricts the runs to one (the minimiser's repeated tests). `shown` is the path the
/// report's commands name.
pub fn evaluate(
    settings: &Settings,
    dir: &Path,
    name: &str,
    text: &str,
    header: &CaseHeader,
    parent: &str,
    only: Option<RunId>,
    shown: &str,
) -> Evaluation {
    let _ = std::fs::remove_dir_all(dir);
    let source_dir = dir.join("src");
    let bin_dir = dir.join("bin");
    for d in [&source_dir, &bin_dir] {
        if let Err(e) = std::fs::create_dir_all(d) {
            return Evaluation { verdict: Verdict::TooSlow, report: format!("cannot create {}: {e}", d.display()) };
        }
    }
    let source_path = source_dir.join(format!("{name}.py"));
    let reference_path = dir.join(format!("{name}.py"));
    let binary = bin_dir.join(format!("{name}.py"));
    let written = std::fs::write(&source_path, text).and_then(|()| std::fs::write(&reference_path, reference_source(text)));
    if let Err(e) = written {
        return Evaluation { verdict: Verdict::TooSlow, report: format!("cannot write the program: {e}") };
    }
    let env_prefix: String = header.env.iter().map(|(k, v)| format!("{k}={v} ")).collect();
    let mut report = String::new();

    let mut compile = Command::new(&settings.legatec);
    compile.arg(&source_path).arg("-o").arg(&binary).arg("--target").arg("cpu").env("NO_COLOR", "1");
    let compiled = run(&mut compile, settings.compile_limit, settings.memory_limit.saturating_mul(2));
    let _ = writeln!(report, "compile: legatec {shown} -o app --target cpu  ({}, {:.1} s)", compiled.status_text(), compiled.elapsed.as_secs_f64());
    match classify_compile(&compiled, binary.is_file()) {
        Compiled::Executable => {}
        Compiled::Unsupported(code) => {
            return Evaluation { verdict: Verdict::Unsupported(code), report };
        }
        Compiled::Problem(problem) => {
            section(&mut report, "legatec stderr", &compiled, false);
            return Evaluation { verdict: Verdict::Finding(problem, RunId { args: 0, ranks: 1 }), report };
        }
    }

    for (index, args) in header.runs.iter().enumerate() {
        if only.is_some_and(|o| o.args != index) {
            continue;
        }
        let py_dir = dir.join(format!("python-{index}"));
        let _ = std::fs::create_dir_all(&py_dir);
        let mut reference = reference_command(&reference_path, args, &py_dir, header);
        let expected = run(&mut reference, settings.python_limit, settings.memory_limit);
        if expected.timed_out || expected.exit_code.is_none() {
            return Evaluation { verdict: Verdict::TooSlow, report };
        }
        for &ranks in &settings.ranks {
            if only.is_some_and(|o| o.ranks != ranks) {
                continue;
            }
            let run_dir = dir.join(format!("binary-{index}-{ranks}"));
            let _ = std::fs::create_dir_all(&run_dir);
            let mut command = compiled_command(&binary, &reference_path, ranks, args, &run_dir, header);
            let mut limit = Duration::from_secs(5) + expected.elapsed * 3;
            if ranks > 1 {
                limit += Duration::from_secs(10);
            }
            let mut actual = run(&mut command, limit, settings.memory_limit);
            if ranks > 1 {
                actual.stderr = strip_mpirun_banners(&actual.stderr);
            }
            if let Some(problem) = compare_run(&expected, &actual, header, parent) {
                if float_difference(&expected, &actual, header) {
                    // Another partition of the reductions: 2 ranks, or 1.
                    let other = if ranks == 1 { 2 } else { 1 };
                    let other_dir = dir.join(format!("binary-{index}-{other}-check"));
                    let _ = std::fs::create_dir_all(&other_dir);
                    let mut command = compiled_command(&binary, &reference_path, other, args, &other_dir, header);
                    let again = run(&mut command, limit + Duration::from_secs(10), settings.memory_limit);
                    if again.exit_code == actual.exit_code
                        && compare_outputs(&actual.stdout, &again.stdout, header.rtol, header.whitespace).is_err()
                    {
                        return Evaluation { verdict: Verdict::Unstable, report };
                    }
                }
                let binary_command = if ranks == 1 {
                    format!("{env_prefix}./app {}", shell_words(args))
                } else {
                    format!("{env_prefix}OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 mpirun --oversubscribe -np {ranks} ./app {}", shell_words(args))
                };
                let _ = writeln!(report, "python: {env_prefix}python3 {shown} {}  ({}, {:.2} s)", shell_words(args), expected.status_text(), expected.elapsed.as_secs_f64());
                let _ = writeln!(report, "binary: {binary_command}  ({}, {:.2} s)", actual.status_text(), actual.elapsed.as_secs_f64());
                if let Err(mismatch) = compare_outputs(&expected.stdout, &actual.stdout, header.rtol, header.whitespace) {
                    let _ = write!(
                        report,
                        "first stdout difference: {mismatch}\npython:\n{}binary:\n{}",
                        context_lines(&expected.stdout, mismatch.expected_line, 2),
                        context_lines(&actual.stdout, mismatch.actual_line, 2)
                    );
                }
                section(&mut report, "python stdout", &expected, true);
                section(&mut report, "python stderr", &expected, false);
                section(&mut report, "binary stdout", &actual, true);
                section(&mut report, "binary stderr", &actual, false);
                return Evaluation { verdict: Verdict::Finding(problem, RunId { args: index, ranks }), report };
            }
        }
    }
    Evaluation { verdict: Verdict::Matched, report }
}
