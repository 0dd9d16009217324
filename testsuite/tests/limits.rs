//! Where legatec deliberately differs from CPython, so that the differential oracle
//! cannot judge it alone:
//!
//! - Nesting. CPython 3.11 stops near 3,000 levels of nested expressions or statements
//!   (`RecursionError` or `MemoryError` while compiling); legatec compiles up to
//!   `frontend::syntax::MAX_NESTING` levels of each and reports `expression-too-deep` or
//!   `statement-too-deep` past it. Programs up to the limit must print what CPython
//!   prints when given the recursion limit and stack to compile them.
//! - Python ints. legatec's are 64-bit: where CPython makes a big int, a compiled
//!   program raises `OverflowError` naming the operation (exit status 1). Results that
//!   fit are compared with CPython by `cases/python_int_limits.py`.
//! - Programs in `limits/*.py`: valid Python that legatec cannot run as CPython does
//!   (complex results of real powers, ...). Each must stop with the Python exception its
//!   first line states (`# legatec: <last stderr line>`), exit status 1, after printing
//!   the start of what CPython prints; CPython must not raise that exception (a program
//!   both agree on belongs among the differential cases).

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use frontend::syntax::MAX_NESTING;
use testsuite::process::{find_legatec, python, testsuite_dir};

fn legatec(dir: &Path, script: &str, source: &str) -> Output {
    std::fs::write(dir.join(script), source).unwrap();
    let exe = script.trim_end_matches(".py");
    let legatec = find_legatec().unwrap_or_else(|e| panic!("{e}"));
    Command::new(legatec).args([script, "-o", exe, "--target", "cpu"]).current_dir(dir).output().expect("legatec runs")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Compiles and runs a script; its stdout.
fn compiled_stdout(dir: &Path, script: &str, source: &str) -> String {
    let out = legatec(dir, script, source);
    assert!(out.status.success(), "{script} does not compile: {}", stderr(&out));
    let exe = dir.join(script.trim_end_matches(".py"));
    let run = Command::new(&exe).output().expect("the executable runs");
    assert!(run.status.success(), "{script} fails: {}", stderr(&run));
    String::from_utf8(run.stdout).unwrap()
}

/// What CPython prints for a script when it may recurse as deeply as it needs to.
fn deep_cpython_stdout(source: &str) -> String {
    const WRAPPER: &str = "import sys, threading\n\
        sys.setrecursionlimit(1_000_000)\n\
        threading.stack_size(1 << 29)\n\
        source = sys.stdin.read()\n\
        failed = []\n\
        def main():\n\
        \x20   try:\n\
        \x20       exec(compile(source, 'deep.py', 'exec'), {'__name__': '__main__'})\n\
        \x20   except BaseException as e:\n\
        \x20       failed.append(e)\n\
        thread = threading.Thread(target=main)\n\
        thread.start()\n\
        thread.join()\n\
        if failed:\n\
        \x20   raise failed[0]\n";
    let mut child = Command::new(python())
        .args(["-c", WRAPPER])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python3 runs");
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), source.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "CPython fails: {}", stderr(&out));
    String::from_utf8(out.stdout).unwrap()
}

fn unary_chain(minuses: usize) -> String {
    format!("x = {}7\nprint(x)\n", "-".repeat(minuses))
}

fn sum_chain(terms: usize) -> String {
    let terms: Vec<String> = (0..terms).map(|i| (i % 7).to_string()).collect();
    format!("x = {}\nprint(x)\n", terms.join(" + "))
}

fn elif_chain(elifs: usize) -> String {
    let mut s = String::from("x = 7\nif x == 0:\n    y = 0\n");
    for i in 1..=elifs {
        s.push_str(&format!("elif x == {i}:\n    y = {i}\n"));
    }
    s.push_str("else:\n    y = -1\nprint(y)\n");
    s
}

#[test]
fn nesting_up_to_the_limit_compiles_and_prints_what_cpython_prints() {
    let dir = tempfile::tempdir().unwrap();
    let float_chain = format!("y = 1.5\nx = {}y\nprint(x)\n", "-".repeat(MAX_NESTING - 1));
    let array_sum = format!(
        "import numpy as np\na = np.arange(3.0)\nb = {}\nprint(b)\n",
        vec!["a"; MAX_NESTING].join(" + ")
    );
    let scripts = [
        // MAX_NESTING - 1 operators and the literal: MAX_NESTING expressions deep.
        ("unary.py", unary_chain(MAX_NESTING - 1)),
        ("sum.py", sum_chain(MAX_NESTING)),
        ("float_unary.py", float_chain),
        ("array_sum.py", array_sum),
        // The `if`, the elifs and the body of the last: MAX_NESTING statements deep.
        ("elif.py", elif_chain(MAX_NESTING - 2)),
    ];
    for (script, source) in scripts {
        assert_eq!(compiled_stdout(dir.path(), script, &source), deep_cpython_stdout(&source), "{script}");
    }
}

#[test]
fn nesting_past_the_limit_is_a_compile_error() {
    let dir = tempfile::tempdir().unwrap();
    let limit = format!("more than {MAX_NESTING} levels deep");
    // The two examples of issue 11, which overflowed the compiler's stack; CPython 3.11
    // cannot compile them either.
    let examples = [
        ("minus_10000.py", unary_chain(10_000), "minus_10000.py:1:", "MemoryError"),
        ("sum_20000.py", sum_chain(20_000), "sum_20000.py:1:5]", "RecursionError"),
    ];
    for (script, source, location, cpython_error) in examples {
        let out = legatec(dir.path(), script, &source);
        let text = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{script}: {text}");
        assert!(text.starts_with("expression-too-deep"), "{script}: {text}");
        assert!(text.contains(&limit) && text.contains(location), "{script}: {text}");
        assert!(text.contains("due to 1 previous error"), "{script}: one error per statement: {text}");
        assert!(!dir.path().join(script.trim_end_matches(".py")).exists());
        let cpython = Command::new(python()).arg(dir.path().join(script)).output().unwrap();
        assert_eq!(cpython.status.code(), Some(1));
        assert!(stderr(&cpython).contains(cpython_error), "{script}: {}", stderr(&cpython));
    }
    // One level past the limit.
    for (script, source, code) in [
        ("unary.py", unary_chain(MAX_NESTING), "expression-too-deep"),
        ("sum.py", sum_chain(MAX_NESTING + 1), "expression-too-deep"),
        ("elif.py", elif_chain(MAX_NESTING - 1), "statement-too-deep"),
    ] {
        let out = legatec(dir.path(), script, &source);
        let text = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{script}: {text}");
        assert!(text.starts_with(code) && text.contains(&limit), "{script}: {text}");
    }
}

/// Constant expressions beyond int64 are folded exactly at compile time: the program prints
/// what CPython prints.
#[test]
fn python_int_constants_beyond_64_bits_are_exact() {
    let dir = tempfile::tempdir().unwrap();
    for (index, source) in ["print(2**63)", "print(-(-9223372036854775808))", "print(10**30 // 7, -(2**64) % 7)"].iter().enumerate() {
        let script = format!("constant_{index}.py");
        let stdout = compiled_stdout(dir.path(), &script, source);
        let cpython = Command::new(python()).args(["-c", source]).output().unwrap();
        assert_eq!(stdout, String::from_utf8_lossy(&cpython.stdout), "{source}");
    }
}

#[test]
fn python_int_overflow_raises_overflow_error() {
    let dir = tempfile::tempdir().unwrap();
    let note = "does not fit in 64 bits (legatec's Python ints are 64-bit)";
    let cases = [
        // The reproducers of issue 11 (`print(2**63)` is a constant: exact, see below).
        ("n = 2**62\nprint(n * 4)", "4611686018427387904 * 4"),
        ("n = 9223372036854775807\nn += 1\nprint(n)", "9223372036854775807 + 1"),
        ("n = -9223372036854775807\nprint(n - 2)", "-9223372036854775807 - 2"),
        ("n = 3\nprint(-n - 9223372036854775807)", "-3 - 9223372036854775807"),
        ("m = -9223372036854775807 - 1\nprint(-m)", "-(-9223372036854775808)"),
        ("m = -9223372036854775807 - 1\nprint(abs(m))", "abs(-9223372036854775808)"),
        ("m = -9223372036854775807 - 1\nd = -1\nprint(m // d)", "-9223372036854775808 // (-1)"),
        ("k = 40\nprint(3 ** k)", "3 ** 40"),
        ("b = -3\nk = 41\nprint(b ** k)", "(-3) ** 41"),
        ("print(int(1e19))", "int(1e+19)"),
        ("x = -1e300\nprint(int(x))", "int(-1e+300)"),
        ("n = 2**32\nfor i in range(n * n):\n    print(i)", "4294967296 * 4294967296"),
        ("k = 63\nprint(1 << k)", "1 << 63"),
        ("k = 2\nprint(-(2**62) << k)", "(-4611686018427387904) << 2"),
    ];
    for (index, (source, operation)) in cases.iter().enumerate() {
        let source = format!("print('before')\n{source}\nprint('not reached')\n");
        let script = format!("overflow_{index}.py");
        let out = legatec(dir.path(), &script, &source);
        assert!(out.status.success(), "{source}: {}", stderr(&out));
        let run = Command::new(dir.path().join(script.trim_end_matches(".py"))).output().unwrap();
        let text = stderr(&run);
        assert_eq!(run.status.code(), Some(1), "{source}: {text}");
        assert_eq!(String::from_utf8_lossy(&run.stdout), "before\n", "{source}");
        let expected = format!("OverflowError: int too large: {operation} {note}");
        assert_eq!(text.lines().last(), Some(expected.as_str()), "{source}: {text}");
        // CPython computes a big int there (the loop case would run for ages).
        if !source.contains("range") {
            let cpython = Command::new(python()).args(["-c", &source]).output().unwrap();
            assert!(cpython.status.success(), "{source}: {}", stderr(&cpython));
        }
    }
}

fn limit_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(testsuite_dir().join("limits"))
        .expect("testsuite/limits exists")
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "py"))
        .collect();
    files.sort();
    files
}

fn last_stderr_line(text: &str) -> &str {
    text.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("")
}

#[test]
fn legatec_raises_where_cpython_goes_beyond_it() {
    let legatec = find_legatec().unwrap_or_else(|e| panic!("{e}"));
    let files = limit_files();
    assert!(!files.is_empty(), "no limits/*.py programs");
    let mut failures = Vec::new();
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let source = std::fs::read_to_string(path).unwrap();
        let Some(expected) = source.lines().next().and_then(|l| l.strip_prefix("# legatec: ")) else {
            failures.push(format!("{name}: the first line must be `# legatec: <last stderr line>`"));
            continue;
        };
        let dir = tempfile::tempdir().unwrap();
        let exe = dir.path().join("app");
        let compiled = Command::new(&legatec).arg(path).arg("-o").arg(&exe).output().unwrap();
        if !compiled.status.success() {
            failures.push(format!("{name}: does not compile:\n{}", String::from_utf8_lossy(&compiled.stderr)));
            continue;
        }
        // Both in the temporary directory: a program may write files.
        let run = Command::new(&exe).current_dir(dir.path()).output().unwrap();
        let reference = Command::new(python()).arg(path).current_dir(dir.path()).output().unwrap();
        let stderr = String::from_utf8_lossy(&run.stderr);
        let cpython_stderr = String::from_utf8_lossy(&reference.stderr);
        let stdout = String::from_utf8_lossy(&run.stdout);
        let cpython_stdout = String::from_utf8_lossy(&reference.stdout);
        if run.status.code() != Some(1) || last_stderr_line(&stderr) != expected {
            failures.push(format!("{name}: expected exit 1 and `{expected}`, got {:?} and:\n{stderr}", run.status.code()));
        } else if last_stderr_line(&cpython_stderr) == expected {
            failures.push(format!("{name}: CPython raises the same exception; make it a differential case"));
        } else if !cpython_stdout.starts_with(stdout.as_ref()) {
            failures.push(format!("{name}: legatec printed\n{stdout}\nwhich is not the start of CPython's\n{cpython_stdout}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
