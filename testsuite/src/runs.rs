//! How a program runs on both sides of a differential comparison: the CPython reference
//! command, the compiled binary directly or under `mpirun`, and the stderr helpers. Shared by
//! `tests/differential.rs` and the fuzzer (`src/bin/fuzz.rs`).

use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::Command;

use crate::header::CaseHeader;
use crate::process::python;

/// The environment both sides run with: no terminal width (argparse wraps help to
/// `$COLUMNS`, else 80), and the header's `# env:` settings.
pub fn prepare(command: &mut Command, header: &CaseHeader) {
    command.env_remove("COLUMNS").env_remove("LINES");
    for (name, value) in &header.env {
        command.env(name, value);
    }
}

/// The reference run: `python3 script ARGS` in `dir`, with one thread per BLAS and a fixed
/// hash seed.
pub fn reference_command(script: &Path, args: &[String], dir: &Path, header: &CaseHeader) -> Command {
    let mut command = Command::new(python());
    command
        .arg(script)
        .args(args)
        .current_dir(dir)
        .env("OMP_NUM_THREADS", "1")
        .env("OPENBLAS_NUM_THREADS", "1")
        .env("MKL_NUM_THREADS", "1")
        .env("PYTHONHASHSEED", "0")
        .env("PYTHONDONTWRITEBYTECODE", "1")
        // NumPy's RuntimeWarnings (`invalid value encountered in remainder`) go to stderr;
        // legatec prints no warnings (README: known differences).
        .env("PYTHONWARNINGS", "ignore");
    prepare(&mut command, header);
    command
}

/// The compiled run at `ranks` MPI ranks: the binary itself for 1, else
/// `mpirun --oversubscribe -np N`. Its `argv[0]` is `argv0` (the path Python sees as
/// `sys.argv[0]`), also under mpirun, through bash's `exec -a`.
pub fn compiled_command(
    binary: &Path,
    argv0: &Path,
    ranks: usize,
    args: &[String],
    dir: &Path,
    header: &CaseHeader,
) -> Command {
    let mut command = if ranks == 1 {
        let mut command = Command::new(binary);
        command.arg0(argv0);
        command
    } else {
        // mpirun cannot set argv[0]; bash's `exec -a` does, on every rank.
        let mut command = Command::new("mpirun");
        command
            .args(["--oversubscribe", "-np", &ranks.to_string(), "bash", "-c", "exec -a \"$0\" \"$LEGATEC_TEST_BINARY\" \"$@\""])
            .arg(argv0)
            .env("LEGATEC_TEST_BINARY", binary)
            .env("OMPI_ALLOW_RUN_AS_ROOT", "1")
            .env("OMPI_ALLOW_RUN_AS_ROOT_CONFIRM", "1")
            .env("OMPI_MCA_btl_vader_single_copy_mechanism", "none")
            // Each run's session directory under its own directory: mpiruns that share
            // one race to create and remove it (ORTE_ERROR_LOG in session_dir.c).
            .env("OMPI_MCA_orte_tmpdir_base", dir)
            .env("RAYON_NUM_THREADS", "1")
            // Every distributed run holds its communication to the compiler's plan.
            .env("LEGATEC_CHECK_PLAN", "1");
        command
    };
    command.args(args).current_dir(dir);
    prepare(&mut command, header);
    command
}

/// Rank counts from a list such as `1,3` (blank or invalid entries skipped; `[1]` when none).
pub fn parse_rank_counts(text: &str) -> Vec<usize> {
    let counts: Vec<usize> = text.split(',').filter_map(|n| n.trim().parse().ok()).filter(|&n| n > 0).collect();
    if counts.is_empty() {
        vec![1]
    } else {
        counts
    }
}

/// The last non-empty line of a stream (the exception of a traceback), without the
/// suggestion CPython's traceback printer appends to a `NameError` or `AttributeError`
/// (`. Did you mean: 'id'?`): it is not part of the exception's message, and legatec's
/// tracebacks do not compute one.
pub fn last_line(text: &str) -> &str {
    let line = text.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("");
    match line.rfind(". Did you mean: '") {
        Some(at) if line.ends_with("'?") && (line.starts_with("NameError:") || line.starts_with("AttributeError:")) => &line[..at],
        _ => line,
    }
}

/// The exception that ends a traceback, its type and whole message (pandas' messages run
/// over several lines): the lines after the last traceback's indented frame lines. Without a
/// traceback, the last non-empty line. Trailing blank lines and CPython's `. Did you mean`
/// suggestion are left out (see [`last_line`]).
pub fn exception(stderr: &str) -> String {
    let Some(at) = stderr.rfind("Traceback (most recent call last):") else {
        return last_line(stderr).to_owned();
    };
    let mut lines = stderr[at..].lines().skip(1).skip_while(|l| l.starts_with(' ') || l.is_empty()).collect::<Vec<_>>();
    while lines.last().is_some_and(|l| l.trim().is_empty()) {
        lines.pop();
    }
    if let Some(last) = lines.last_mut() {
        *last = last_line(last);
    }
    lines.join("\n")
}

/// The exception type of a traceback: the text before `:` on its exception's first line
/// (`ZeroDivisionError: division by zero` → `ZeroDivisionError`).
pub fn exception_type(stderr: &str) -> String {
    let text = exception(stderr);
    let line = text.lines().next().unwrap_or("").trim();
    line.split_once(':').map_or(line, |(kind, _)| kind.trim()).to_owned()
}

/// Removes the blocks mpirun prints between lines of dashes when a rank fails.
pub fn strip_mpirun_banners(stderr: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for line in stderr.split_inclusive('\n') {
        if line.trim_end().len() >= 20 && line.trim_end().chars().all(|c| c == '-') {
            inside = !inside;
            continue;
        }
        if !inside {
            out.push_str(line);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exception_types() {
        let traceback = "Traceback (most recent call last):\n  File \"x.py\", line 3, in <module>\nZeroDivisionError: division by zero\n\n";
        assert_eq!(exception_type(traceback), "ZeroDivisionError");
        assert_eq!(exception_type("KeyboardInterrupt\n"), "KeyboardInterrupt");
        assert_eq!(exception_type(""), "");
    }

    #[test]
    fn an_exception_message_of_several_lines_is_compared_whole() {
        let pandas = "Traceback (most recent call last):\n  File \"x.py\", line 3, in <module>\n    f()\n    ~^^\nValueError: time data \"X\" doesn't match. You might want to try:\n    - passing `format`;\n    - passing `format='mixed'`.\n";
        assert_eq!(exception(pandas), "ValueError: time data \"X\" doesn't match. You might want to try:\n    - passing `format`;\n    - passing `format='mixed'`.");
        assert_eq!(exception_type(pandas), "ValueError");
        let other = pandas.replace("\"X\"", "\"Y\"");
        assert_ne!(exception(pandas), exception(&other));
        let compiled = "Traceback (most recent call last):\n  (compiled code)\nZeroDivisionError: division by zero\n";
        assert_eq!(exception(compiled), "ZeroDivisionError: division by zero");
    }

    #[test]
    fn suggestions_are_not_part_of_the_message() {
        let cpython = "Traceback (most recent call last):\nNameError: name 'i' is not defined. Did you mean: 'id'?\n";
        assert_eq!(last_line(cpython), "NameError: name 'i' is not defined");
        let value = "ValueError: x. Did you mean: 'y'?\n";
        assert_eq!(last_line(value), "ValueError: x. Did you mean: 'y'?");
    }

    #[test]
    fn rank_lists() {
        assert_eq!(parse_rank_counts("1,3"), vec![1, 3]);
        assert_eq!(parse_rank_counts(" 2 , x,0"), vec![2]);
        assert_eq!(parse_rank_counts(""), vec![1]);
    }

    #[test]
    fn mpirun_banners_go() {
        let dashes = "-".repeat(30);
        let text = format!("before\n{dashes}\nmpirun noticed\n{dashes}\nafter\n");
        assert_eq!(strip_mpirun_banners(&text), "before\nafter\n");
    }
}
