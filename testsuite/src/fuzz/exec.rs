//! Running one program both ways: CPython's parser over a batch of mutants, then for each
//! mutant `legatec`, CPython + NumPy and the compiled binary at each rank count, with time and
//! memory limits, and what the fuzzer makes of the results.

use std::fmt::Write as _;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use super::classify::{classify_compile, compare_run, float32_rounding_only, Compiled, Problem};
use crate::compare::compare_outputs;
use crate::header::{reference_source, CaseHeader};
use crate::process::{python, run_with_limit, RunOutput};
use crate::report::{context_lines, truncate};
use crate::runs::{compiled_command, exception_type, last_line, reference_command, strip_mpirun_banners};

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

/// Where a finding showed and what CPython did there: its exit status and exception type
/// (`None` for a finding of the compiler, before anything ran).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Witness {
    pub run: RunId,
    pub python: Option<(Option<i32>, String)>,
}

/// Why a program that compiled is not compared.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Skip {
    /// CPython ran past its limit (or was killed).
    TooSlow,
    /// A float of stdout differs, but the binary itself prints another value at another rank
    /// count or built at -O1 (scalar libm), or CPython + NumPy print another value with
    /// another BLAS kernel and without SIMD loops, or both values are below 1e-10 (a result
    /// that cancels to rounding noise), or CPython printed a float beyond 1e50 (a runaway
    /// iteration): the output is ill-conditioned (rounding decides it).
    IllConditioned,
    /// Every difference is a float printed with float32's digits, at most 2 float32 ulps apart
    /// (NumPy's and legatec's float32 `exp`, `sin`... round differently).
    Float32Rounding,
    /// stdout differs and the program calls `np.empty`/`empty_like` (undefined values) or
    /// draws random numbers without a seed (values of the moment).
    UndefinedValues,
    /// The binary stopped at a limit legatec documents: its Python ints are 64-bit
    /// (`OverflowError: int too large: ... (legatec's Python ints are 64-bit)`), or pandas
    /// picks a dtype from the data where legatec compiled for one (`ValueError: legatec:
    /// column 'n' has missing values ...`: the README's "where pandas picks a dtype from
    /// the data"), said by the program's own message; or stdout differs only in the signs of
    /// numbers in a program that calls `eigh`, `svd` or `qr` (the README: LAPACK does not
    /// fix the signs of eigenvectors and singular vectors, and legatec's faer picks others).
    DocumentedLimit,
    /// stdout differs elsewhere than in floats, and CPython + NumPy themselves print another
    /// output without NumPy's SIMD loops: the order of equal keys in NumPy's default
    /// `quicksort` (and so in pandas' `sort_values`) depends on the CPU's vector
    /// instructions. legatec sorts stably, which neither order promises to match.
    CpuDependentOrder,
}

impl Skip {
    pub fn describe(self) -> &'static str {
        match self {
            Skip::TooSlow => "too slow for CPython",
            Skip::IllConditioned => "ill-conditioned floats",
            Skip::Float32Rounding => "float32 last-digit rounding",
            Skip::UndefinedValues => "undefined values (np.empty, unseeded random numbers)",
            Skip::DocumentedLimit => "a documented limit (64-bit Python ints, a dtype pandas picks from the data, eigenvector signs)",
            Skip::CpuDependentOrder => "an order that NumPy's SIMD sort decides (equal sort keys)",
        }
    }
}

/// The outcome of one program.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// A compile error with a located diagnostic: its code.
    Unsupported(String),
    Skipped(Skip),
    Matched,
    Finding(Problem, Witness),
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
    use crate::compare::is_float_like;
    match compare_outputs(&expected.stdout, &actual.stdout, header.rtol, header.whitespace) {
        Err(mismatch) if expected.exit_code == actual.exit_code => is_float_like(&mismatch.expected) && is_float_like(&mismatch.actual),
        _ => false,
    }
}

/// Whether a program may call a function that glibc's vector math library implements
/// (and rounds differently from the scalar libm).
fn calls_vector_math(text: &str) -> bool {
    ["sin", "cos", "tan", "exp", "log", "power", "**", "arc"].iter().any(|f| text.contains(f))
}

/// At most `max` characters of `text`, the middle cut out.
fn shorten(text: &str, max: usize) -> String {
    let count = text.chars().count();
    if count <= max {
        return text.to_owned();
    }
    let head: String = text.chars().take(max / 2).collect();
    let tail: String = text.chars().skip(count - max / 2).collect();
    format!("{head}[... {} characters ...]{tail}", count - max)
}

/// Whether CPython printed a float beyond 1e50: an iteration that ran away (an unstable
/// scheme, a solver diverging), whose sums cancel terms of 1e88 and whose digits rounding
/// decides.
fn runaway(stdout: &str) -> bool {
    use crate::compare::{classify, TokenKind};
    stdout.split(|c: char| c.is_whitespace() || "[](),".contains(c)).any(|t| matches!(classify(t), TokenKind::Float(x) if x.is_finite() && x.abs() >= 1e50))
}

/// Whether the first difference of stdout is between two floats both below 1e-10 in
/// magnitude: a result that cancels to rounding noise (`A @ x` with `x` symmetric around 0).
fn near_zero_difference(expected: &RunOutput, actual: &RunOutput, header: &CaseHeader) -> bool {
    use crate::compare::{classify, TokenKind};
    match compare_outputs(&expected.stdout, &actual.stdout, header.rtol, header.whitespace) {
        Err(mismatch) if expected.exit_code == actual.exit_code => {
            matches!((classify(&mismatch.expected), classify(&mismatch.actual)), (TokenKind::Float(a), TokenKind::Float(b)) if a.abs() < 1e-10 && b.abs() < 1e-10)
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

/// Compiles `text` (named `name.py`, from `parent`) in `dir` and runs it both ways. `focus`
/// restricts the runs to the one of a finding (the minimiser's repeated tests) and, where
/// CPython's outcome there is known, runs CPython first and stops early when it ends
/// otherwise (such a candidate cannot show the finding). `shown` is the path the report's
/// commands name.
#[allow(clippy::too_many_arguments)]
pub fn evaluate(
    settings: &Settings,
    dir: &Path,
    name: &str,
    text: &str,
    header: &CaseHeader,
    parent: &str,
    focus: Option<&Witness>,
    shown: &str,
) -> Evaluation {
    let _ = std::fs::remove_dir_all(dir);
    let source_dir = dir.join("src");
    let bin_dir = dir.join("bin");
    let source_path = source_dir.join(format!("{name}.py"));
    let reference_path = dir.join(format!("{name}.py"));
    let binary = bin_dir.join(format!("{name}.py"));
    let written = std::fs::create_dir_all(&source_dir)
        .and_then(|()| std::fs::create_dir_all(&bin_dir))
        .and_then(|()| std::fs::write(&source_path, text))
        .and_then(|()| std::fs::write(&reference_path, reference_source(text)));
    if let Err(e) = written {
        return Evaluation { verdict: Verdict::Skipped(Skip::TooSlow), report: format!("cannot write the program under {}: {e}", dir.display()) };
    }
    let env_prefix: String = header.env.iter().map(|(k, v)| format!("{k}={v} ")).collect();
    let mut report = String::new();
    let run_reference = |index: usize, args: &[String]| {
        let py_dir = dir.join(format!("python-{index}"));
        let _ = std::fs::create_dir_all(&py_dir);
        let mut reference = reference_command(&reference_path, args, &py_dir, header);
        run(&mut reference, settings.python_limit, settings.memory_limit)
    };
    let python_status = |out: &RunOutput| (out.exit_code, if out.exit_code == Some(0) { String::new() } else { exception_type(&out.stderr).to_owned() });

    // The minimiser's candidates: CPython first, which is cheaper than legatec.
    let mut early: Option<RunOutput> = None;
    if let Some(Witness { run: id, python: Some(expected_status) }) = focus {
        let Some(args) = header.runs.get(id.args) else {
            return Evaluation { verdict: Verdict::Matched, report };
        };
        let expected = run_reference(id.args, args);
        if expected.timed_out || python_status(&expected) != *expected_status {
            return Evaluation { verdict: Verdict::Matched, report: "CPython ends otherwise than in the finding".into() };
        }
        early = Some(expected);
    }

    // LEGATEC_FLAGS: more compiler options for every mutant (`--backend cranelift`), as the
    // differential harness takes them.
    let flags = std::env::var("LEGATEC_FLAGS").unwrap_or_default();
    let mut compile = Command::new(&settings.legatec);
    compile.args(flags.split_whitespace()).arg(&source_path).arg("-o").arg(&binary).arg("--target").arg("cpu").env("NO_COLOR", "1");
    let compiled = run(&mut compile, settings.compile_limit, settings.memory_limit.saturating_mul(2));
    let flags = if flags.trim().is_empty() { String::new() } else { format!("{} ", flags.trim()) };
    let _ = writeln!(report, "compile: legatec {flags}{shown} -o app --target cpu  ({}, {:.1} s)", compiled.status_text(), compiled.elapsed.as_secs_f64());
    match classify_compile(&compiled, binary.is_file()) {
        Compiled::Executable => {}
        Compiled::Unsupported(code) => {
            return Evaluation { verdict: Verdict::Unsupported(code), report };
        }
        Compiled::Problem(problem) => {
            section(&mut report, "legatec stderr", &compiled, false);
            let witness = Witness { run: RunId { args: 0, ranks: 1 }, python: None };
            return Evaluation { verdict: Verdict::Finding(problem, witness), report };
        }
    }

    let unseeded = text.contains("default_rng()")
        || text.contains("random.seed()")
        || (text.contains("np.random.") && !text.contains("random.seed(") && !text.contains("default_rng("));
    let uses_empty = text.contains("empty(") || text.contains("empty_like(") || unseeded;
    for (index, args) in header.runs.iter().enumerate() {
        if focus.is_some_and(|f| f.run.args != index) {
            continue;
        }
        let expected = match early.take() {
            Some(out) => out,
            None => run_reference(index, args),
        };
        if expected.timed_out || expected.exit_code.is_none() {
            return Evaluation { verdict: Verdict::Skipped(Skip::TooSlow), report };
        }
        for &ranks in &settings.ranks {
            if focus.is_some_and(|f| f.run.ranks != ranks) {
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
            let Some(problem) = compare_run(&expected, &actual, header, parent) else { continue };
            if documented_limit(&actual.stderr) {
                return Evaluation { verdict: Verdict::Skipped(Skip::DocumentedLimit), report };
            }
            // The signs of eigenvectors and singular vectors (the README's documented limit).
            if expected.exit_code == actual.exit_code
                && ["eigh", "svd", "qr"].iter().any(|f| text.contains(f))
                && super::classify::sign_flips_only(&expected.stdout, &actual.stdout, header)
            {
                return Evaluation { verdict: Verdict::Skipped(Skip::DocumentedLimit), report };
            }
            if problem.key.starts_with("stdout") && uses_empty {
                return Evaluation { verdict: Verdict::Skipped(Skip::UndefinedValues), report };
            }
            if expected.exit_code == actual.exit_code && float32_rounding_only(&expected.stdout, &actual.stdout, header) {
                return Evaluation { verdict: Verdict::Skipped(Skip::Float32Rounding), report };
            }
            if near_zero_difference(&expected, &actual, header) || (float_difference(&expected, &actual, header) && runaway(&expected.stdout)) {
                return Evaluation { verdict: Verdict::Skipped(Skip::IllConditioned), report };
            }
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
                    return Evaluation { verdict: Verdict::Skipped(Skip::IllConditioned), report };
                }
            }
            if problem.key.starts_with("stdout") && expected.exit_code == actual.exit_code {
                // CPython + NumPy with another BLAS kernel (another summation order in `dot`)
                // and without NumPy's SIMD loops: when the reference disagrees with itself,
                // rounding decides the output (a solver diverging to 1e54).
                let other_dir = dir.join(format!("python-{index}-scalar"));
                let _ = std::fs::create_dir_all(&other_dir);
                let mut reference = reference_command(&reference_path, args, &other_dir, header);
                reference.env("OPENBLAS_CORETYPE", "Prescott").env("NPY_DISABLE_CPU_FEATURES", "X86_V3 X86_V4 AVX512_ICL AVX512_SPR");
                let again = run(&mut reference, settings.python_limit, settings.memory_limit);
                if again.exit_code == expected.exit_code
                    && compare_outputs(&expected.stdout, &again.stdout, header.rtol, header.whitespace).is_err()
                {
                    // Without SIMD loops NumPy's quicksort also orders equal keys otherwise.
                    let skip = if float_difference(&expected, &actual, header) { Skip::IllConditioned } else { Skip::CpuDependentOrder };
                    return Evaluation { verdict: Verdict::Skipped(skip), report };
                }
            }
            if expected.exit_code == actual.exit_code && calls_vector_math(text) {
                // Kernels call glibc's vector math (libmvec, up to 4 ulps) at -O2 and the
                // scalar libm at -O1: a program whose output those last digits decide
                // (an argmax among near-ties, an unstable iteration) is ill-conditioned.
                let scalar_binary = bin_dir.join("O1").join(format!("{name}.py"));
                let _ = std::fs::create_dir_all(bin_dir.join("O1"));
                let mut compile = Command::new(&settings.legatec);
                compile.arg(&source_path).arg("-O1").arg("-o").arg(&scalar_binary).arg("--target").arg("cpu").env("NO_COLOR", "1");
                let compiled = run(&mut compile, settings.compile_limit, settings.memory_limit.saturating_mul(2));
                if compiled.exit_code == Some(0) {
                    let scalar_dir = dir.join(format!("binary-{index}-{ranks}-O1"));
                    let _ = std::fs::create_dir_all(&scalar_dir);
                    let mut command = compiled_command(&scalar_binary, &reference_path, ranks, args, &scalar_dir, header);
                    let again = run(&mut command, limit + Duration::from_secs(10), settings.memory_limit);
                    if again.exit_code == actual.exit_code
                        && compare_outputs(&actual.stdout, &again.stdout, header.rtol, header.whitespace).is_err()
                    {
                        return Evaluation { verdict: Verdict::Skipped(Skip::IllConditioned), report };
                    }
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
                    "first stdout difference: {}\npython:\n{}binary:\n{}",
                    shorten(&mismatch.to_string(), 400),
                    context_lines(&expected.stdout, mismatch.expected_line, 2),
                    context_lines(&actual.stdout, mismatch.actual_line, 2)
                );
            }
            section(&mut report, "python stdout", &expected, true);
            section(&mut report, "python stderr", &expected, false);
            section(&mut report, "binary stdout", &actual, true);
            section(&mut report, "binary stderr", &actual, false);
            let witness = Witness { run: RunId { args: index, ranks }, python: Some(python_status(&expected)) };
            return Evaluation { verdict: Verdict::Finding(problem, witness), report };
        }
    }
    Evaluation { verdict: Verdict::Matched, report }
}

/// Whether a binary's standard error ends at a limit legatec documents (see
/// [`Skip::DocumentedLimit`]).
fn documented_limit(stderr: &str) -> bool {
    let last = last_line(stderr);
    last.ends_with("(legatec's Python ints are 64-bit)") || last.starts_with("ValueError: legatec: ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn output(stdout: &str) -> RunOutput {
        RunOutput { exit_code: Some(0), stdout: stdout.into(), stderr: String::new(), timed_out: false, elapsed: Duration::ZERO }
    }

    #[test]
    fn documented_limits_are_the_programs_own_words() {
        assert!(documented_limit("Traceback (most recent call last):\n  (compiled code)\nValueError: legatec: column 'n' has missing values (rows a merge did not match)\n"));
        assert!(documented_limit("OverflowError: int too large: 2 ** 63 does not fit in 64 bits (legatec's Python ints are 64-bit)\n"));
        assert!(!documented_limit("ValueError: operands could not be broadcast together with shapes (3,) (4,) \n"));
        assert!(!documented_limit("ValueError: zero-size array to reduction operation maximum which has no identity\n"));
    }

    #[test]
    fn which_differences_rounding_can_make() {
        let header = CaseHeader::default();
        let noise = (output("norm: 5.560876503273892e-14 argmax: 48\n"), output("norm: 6.2803698347351e-14 argmax: 0\n"));
        assert!(near_zero_difference(&noise.0, &noise.1, &header));
        assert!(float_difference(&noise.0, &noise.1, &header));
        assert!(runaway("ex -8.296761827136e+72 hz 4.98e+177\n"));
        assert!(!runaway("x 1e+30 [1.5e+49, 2.0]\n"));
        let wrapped = (output("-1e+30\n"), output("-5.076944270305264e+18\n"));
        assert!(!near_zero_difference(&wrapped.0, &wrapped.1, &header));
        assert!(float_difference(&wrapped.0, &wrapped.1, &header));
        let widened = (output("7\n"), output("7.0\n"));
        assert!(!float_difference(&widened.0, &widened.1, &header));
        assert_eq!(shorten("abcdefghij", 4), "ab[... 6 characters ...]ij");
    }
}
