//! What a compilation or a pair of runs means for the fuzzer: an unsupported construct (a
//! proper diagnostic), a compiler crash or hang, or a difference between CPython and the binary.
//!
//! Each finding has a *key* (its class and kind, e.g. `exit: python 1 (NameError) vs binary
//! 0`), which the minimiser keeps while it removes lines, and a *signature* (the key, made more
//! precise where the key alone is vague), which deduplicates findings.

use crate::compare::{classify as token_kind, compare_outputs, compare_tokens, tokenize, Difference, TokenKind};
use crate::header::{CaseHeader, StderrMode};
use crate::process::RunOutput;
use crate::runs::{exception, exception_type, last_line};

/// The classes of findings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Class {
    CompilerCrash,
    CompilerHang,
    /// `legatec` exited 1 without a located diagnostic.
    DiagnosticWithoutLocation,
    BinaryHang,
    OutputDifference,
}

impl Class {
    pub fn name(self) -> &'static str {
        match self {
            Class::CompilerCrash => "compiler crash",
            Class::CompilerHang => "compiler hang",
            Class::DiagnosticWithoutLocation => "diagnostic without a location",
            Class::BinaryHang => "binary hang",
            Class::OutputDifference => "output difference",
        }
    }

    /// The name in the plural, for the summary.
    pub fn plural(self) -> &'static str {
        match self {
            Class::CompilerCrash => "compiler crashes",
            Class::CompilerHang => "compiler hangs",
            Class::DiagnosticWithoutLocation => "diagnostics without a location",
            Class::BinaryHang => "binary hangs",
            Class::OutputDifference => "output differences",
        }
    }

    /// A short name for file names.
    pub fn slug(self) -> &'static str {
        match self {
            Class::CompilerCrash => "crash",
            Class::CompilerHang => "compiler-hang",
            Class::DiagnosticWithoutLocation => "no-location",
            Class::BinaryHang => "hang",
            Class::OutputDifference => "difference",
        }
    }
}

/// A finding before it is written down: its class, key and signature.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub class: Class,
    pub key: String,
    pub signature: String,
}

impl Problem {
    fn new(class: Class, key: String, signature: String) -> Problem {
        Problem { class, key, signature }
    }
}

/// What a compilation gave.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Compiled {
    /// An executable.
    Executable,
    /// A proper diagnostic: its code (`unsupported-argparse`) or first line.
    Unsupported(String),
    Problem(Problem),
}

/// Replaces runs of digits by `N` and shortens, so that messages differing only in numbers,
/// names in backquotes or quotes agree.
pub fn normalise(text: &str) -> String {
    let mut out = String::new();
    let mut quote: Option<char> = None;
    let mut previous_digit = false;
    for c in text.trim().chars() {
        if let Some(q) = quote {
            if c == q {
                quote = None;
                out.push(c);
            }
            continue;
        }
        if matches!(c, '`' | '\'' | '"') {
            quote = Some(c);
            out.push(c);
            out.push('…');
            previous_digit = false;
            continue;
        }
        if c.is_ascii_digit() {
            if !previous_digit {
                out.push('N');
            }
            previous_digit = true;
            continue;
        }
        previous_digit = false;
        out.push(c);
    }
    out.chars().take(120).collect()
}

/// Whether a compiler's stderr holds a located diagnostic: an error code line (a lone
/// lower-case word with dashes, such as `unsupported-construct`, or `error[E...]`) and a
/// `file.py:line:col`. Returns the code.
pub fn diagnostic_code(stderr: &str) -> Option<String> {
    let located = stderr.match_indices(".py:").any(|(at, _)| {
        let rest = &stderr[at + 4..];
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        digits > 0 && rest[digits..].starts_with(':') && rest[digits + 1..].bytes().next().is_some_and(|b| b.is_ascii_digit())
    });
    if !located {
        return None;
    }
    stderr.lines().map(str::trim).find_map(|line| {
        let word = !line.is_empty()
            && line.contains('-')
            && line.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if word {
            Some(line.to_owned())
        } else if let Some(rest) = line.strip_prefix("error[") {
            rest.split_once(']').map(|(code, _)| code.to_owned())
        } else {
            None
        }
    })
}

/// The first line of a Rust panic or internal error in a compiler's stderr, normalised.
fn crash_message(stderr: &str) -> Option<String> {
    let lines: Vec<&str> = stderr.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        if let Some(at) = line.find("panicked at ") {
            // `thread 'main' panicked at src/x.rs:12:5:` then the message on the next line
            // (Rust >= 1.73), or `panicked at 'message', src/x.rs:12:5` (older).
            let place = line[at + 12..].trim_end_matches(':');
            let place = place.rsplit_once(':').map_or(place, |(p, _column)| p);
            let message = lines.get(i + 1).copied().unwrap_or("");
            return Some(format!("panic at {place}: {}", normalise(message)));
        }
        if line.contains("has overflowed its stack") || line.contains("stack overflow") {
            return Some("stack overflow".to_owned());
        }
        if line.contains("internal compiler error") {
            return Some(normalise(line));
        }
        if line.contains("memory allocation of") && line.contains("failed") {
            return Some("memory allocation failed".to_owned());
        }
    }
    None
}

/// Classifies a finished compilation (`produced`: the executable exists).
pub fn classify_compile(output: &RunOutput, produced: bool) -> Compiled {
    if output.timed_out {
        return Compiled::Problem(Problem::new(Class::CompilerHang, "compiler hang".into(), "compiler hang".into()));
    }
    let crash = |what: String| {
        let key = format!("crash: {what}");
        Compiled::Problem(Problem::new(Class::CompilerCrash, "compiler crash".into(), key))
    };
    if let Some(message) = crash_message(&output.stderr) {
        return crash(message);
    }
    match output.exit_code {
        Some(0) if produced => Compiled::Executable,
        Some(0) => crash("exit 0 without an executable".into()),
        Some(1) => match diagnostic_code(&output.stderr) {
            Some(code) => Compiled::Unsupported(code),
            None => {
                let line = normalise(output.stderr.lines().find(|l| !l.trim().is_empty()).unwrap_or("(no stderr)"));
                Compiled::Problem(Problem::new(
                    Class::DiagnosticWithoutLocation,
                    "diagnostic without a location".into(),
                    format!("no location: {line}"),
                ))
            }
        },
        Some(code) => crash(format!("exit {code}: {}", normalise(last_line(&output.stderr)))),
        None => crash(format!("killed by a signal: {}", normalise(last_line(&output.stderr)))),
    }
}

/// How a token looks, for keys: `int`, `negative int`, `float`, `nan`, `inf`, or the text.
fn token_shape(token: &str) -> String {
    match token_kind(token) {
        TokenKind::Integer(v) if v < 0 => "negative int".into(),
        TokenKind::Integer(_) => "int".into(),
        TokenKind::Float(v) if v.is_nan() => "nan".into(),
        TokenKind::Float(v) if v.is_infinite() => "inf".into(),
        TokenKind::Float(_) => "float".into(),
        TokenKind::Text if token == "\n" => "line break".into(),
        TokenKind::Text => format!("`{}`", token.chars().take(24).collect::<String>()),
    }
}

/// A process's status for keys: `0`, `1 (NameError)`, `signal`, `134`.
fn status_shape(run: &RunOutput) -> String {
    match run.exit_code {
        Some(0) => "0".into(),
        Some(code) => {
            let exception = exception_type(&run.stderr);
            let looks_like_exception =
                !exception.is_empty() && !exception.contains(' ') && exception.chars().next().is_some_and(char::is_uppercase);
            if looks_like_exception {
                format!("{code} ({exception})")
            } else {
                code.to_string()
            }
        }
        None => "a signal".into(),
    }
}

/// Compares one run of the reference and the binary; `None` when they agree.
///
/// `parent` names the program the mutant came from: it makes the signatures of the vaguer
/// kinds (two integers or floats that differ) more precise.
pub fn compare_run(reference: &RunOutput, compiled: &RunOutput, header: &CaseHeader, parent: &str) -> Option<Problem> {
    if compiled.timed_out {
        return Some(Problem::new(Class::BinaryHang, "binary hang".into(), format!("binary hang: {parent}")));
    }
    let difference = |key: String, signature: String| Some(Problem::new(Class::OutputDifference, key, signature));
    // A name CPython finds unassigned is one bug, whatever the binary does instead.
    let unassigned = |key: &str| {
        let exception = exception_type(&reference.stderr);
        if matches!(exception.as_str(), "NameError" | "UnboundLocalError") {
            format!("python {exception} (a name read before it is assigned), binary otherwise")
        } else {
            key.to_owned()
        }
    };
    if compiled.exit_code != reference.exit_code {
        let key = format!("exit: python {} vs binary {}", status_shape(reference), status_shape(compiled));
        return difference(key.clone(), unassigned(&key));
    }
    let traceback = reference.stderr.contains("Traceback (most recent call last)");
    let stderr_differs = match header.stderr {
        StderrMode::Exact if !traceback => reference.stderr != compiled.stderr,
        StderrMode::Exception | StderrMode::Exact => exception(&reference.stderr) != exception(&compiled.stderr),
        StderrMode::Ignore => false,
    };
    if reference.exit_code != Some(0) && exception_type(&reference.stderr) != exception_type(&compiled.stderr) {
        let key = format!(
            "exception: python {} vs binary {}",
            exception_type(&reference.stderr),
            normalise(&exception_type(&compiled.stderr))
        );
        return difference(key.clone(), unassigned(&key));
    }
    if let Err(mismatch) = compare_outputs(&reference.stdout, &compiled.stdout, header.rtol, header.whitespace) {
        let kind = match mismatch.difference {
            Difference::Unequal => "unequal",
            Difference::KindMismatch => "kind",
            Difference::FormMismatch => "form",
            Difference::OutOfTolerance { .. } => "out of tolerance",
            Difference::SignedZero => "signed zero",
            Difference::MissingToken => "length",
        };
        let (expected, actual) = if mismatch.difference == Difference::MissingToken {
            let shape = |t: &str| if t == "<end of output>" { "end of output".to_owned() } else { token_shape(t) };
            (shape(&mismatch.expected), shape(&mismatch.actual))
        } else {
            (token_shape(&mismatch.expected), token_shape(&mismatch.actual))
        };
        let key = format!("stdout {kind}: python {expected} vs binary {actual}");
        // Two numbers that simply differ say little about the bug: the line they are on
        // (digits normalised) and the program tell different bugs apart.
        let vague = matches!(mismatch.difference, Difference::Unequal | Difference::OutOfTolerance { .. } | Difference::MissingToken);
        let signature = if vague {
            let line = reference.stdout.lines().nth(mismatch.expected_line.saturating_sub(1)).unwrap_or("");
            format!("{key} in {parent}: {}", normalise(line))
        } else {
            key.clone()
        };
        return difference(key, signature);
    }
    if stderr_differs {
        let key = format!("stderr differs ({:?})", header.stderr);
        return difference(key.clone(), format!("{key}: {}", normalise(last_line(&reference.stderr))));
    }
    None
}

/// Whether the outputs have the same tokens (spaces only separate: NumPy pads array columns
/// to the widest number, so a number printed otherwise moves the padding of its column),
/// at least one pair differs beyond `rtol`, and `accept` takes every pair that does.
fn every_difference(expected: &str, actual: &str, rtol: f64, accept: impl Fn(&str, &str) -> bool) -> bool {
    let e = tokenize(expected, crate::header::WhitespaceMode::Separator);
    let a = tokenize(actual, crate::header::WhitespaceMode::Separator);
    if e.len() != a.len() {
        return false;
    }
    let mut any = false;
    for (x, y) in e.iter().zip(&a) {
        if compare_tokens(x.text, y.text, rtol).is_none() {
            continue;
        }
        if !accept(x.text, y.text) {
            return false;
        }
        any = true;
    }
    any
}

/// Whether every difference between the outputs is a number printed with the other sign
/// (`-0.85065081` against `0.85065081`), at least one: the signs of eigenvectors and
/// singular vectors, which LAPACK does not fix and legatec's faer picks otherwise (the
/// README says so).
pub fn sign_flips_only(expected: &str, actual: &str, header: &CaseHeader) -> bool {
    every_difference(expected, actual, header.rtol, |x, y| match (token_kind(x), token_kind(y)) {
        (TokenKind::Float(p), TokenKind::Float(q)) => p != 0.0 && (p + q).abs() <= header.rtol.max(1e-12) * p.abs().max(q.abs()),
        _ => false,
    })
}

/// Whether two outputs differ only in floats printed with at most 9 significant digits (as
/// NumPy prints float32) that are at most 2 float32 ulps apart: the last-bit differences of
/// float32 functions that NumPy and legatec round differently.
pub fn float32_rounding_only(expected: &str, actual: &str, header: &CaseHeader) -> bool {
    fn digits(token: &str) -> usize {
        let mantissa = token.split(['e', 'E']).next().unwrap_or(token);
        mantissa.trim_start_matches(['-', '+', '0', '.']).bytes().filter(u8::is_ascii_digit).count()
    }
    fn ulps(a: f32, b: f32) -> u64 {
        // Distance in representable float32 values (same sign assumed by the caller).
        let key = |x: f32| {
            let bits = x.to_bits() as i64;
            if bits < 0 { i64::from(i32::MIN) - bits } else { bits }
        };
        key(a).abs_diff(key(b))
    }
    every_difference(expected, actual, header.rtol, |x, y| match (token_kind(x), token_kind(y)) {
        (TokenKind::Float(p), TokenKind::Float(q)) => {
            p.is_finite() && q.is_finite() && digits(x) <= 9 && digits(y) <= 9 && (p < 0.0) == (q < 0.0) && ulps(p as f32, q as f32) <= 2
        }
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn sign_flips_only_accepts_negated_numbers_and_nothing_else() {
        let header = CaseHeader::default();
        let numpy = "[[-0.85065081,  0.52573111],\n [ 0.52573111,  0.85065081]]";
        let ours = "[[ 0.85065081,  0.52573111],\n [-0.52573111,  0.85065081]]";
        assert!(sign_flips_only(numpy, ours, &header));
        assert!(!sign_flips_only(numpy, numpy, &header), "no difference is no flip");
        assert!(!sign_flips_only("[0.85 0.5]", "[0.86 0.5]", &header), "another value");
        assert!(!sign_flips_only("[0.85 0.5]", "[-0.85 0.5 1.0]", &header), "another length");
    }

    fn output(code: Option<i32>, stdout: &str, stderr: &str) -> RunOutput {
        RunOutput { exit_code: code, stdout: stdout.into(), stderr: stderr.into(), timed_out: false, elapsed: Duration::ZERO }
    }

    #[test]
    fn panics_and_aborts_are_crashes() {
        let panic = "thread 'main' panicked at frontend/src/lower.rs:812:17:\nno type for `x` at 12\nnote: run with `RUST_BACKTRACE=1`\n";
        for code in [Some(101), Some(134), None] {
            let Compiled::Problem(problem) = classify_compile(&output(code, "", panic), false) else { panic!() };
            assert_eq!(problem.class, Class::CompilerCrash);
            assert_eq!(problem.signature, "crash: panic at frontend/src/lower.rs:812: no type for `…` at N");
        }
        let Compiled::Problem(problem) = classify_compile(&output(Some(101), "", "internal compiler error in `link`: boom 3\n"), false) else { panic!() };
        assert_eq!(problem.class, Class::CompilerCrash);
        let Compiled::Problem(problem) = classify_compile(&output(None, "", "\nthread 'main' has overflowed its stack\nfatal runtime error: stack overflow\n"), false) else { panic!() };
        assert_eq!(problem.signature, "crash: stack overflow");
        let mut hung = output(None, "", "");
        hung.timed_out = true;
        let Compiled::Problem(problem) = classify_compile(&hung, false) else { panic!() };
        assert_eq!(problem.class, Class::CompilerHang);
    }

    #[test]
    fn located_diagnostics_are_unsupported() {
        let diagnostic = "unsupported-construct\n\n  × `class` is not supported\n   ╭─[m.py:3:1]\n 3 │ class A:\n   ╰────\nerror: could not compile `m.py` due to 1 previous error\n";
        assert_eq!(classify_compile(&output(Some(1), "", diagnostic), false), Compiled::Unsupported("unsupported-construct".into()));
        let Compiled::Problem(problem) = classify_compile(&output(Some(1), "", "error: cannot read `m.py`\n"), false) else { panic!() };
        assert_eq!(problem.class, Class::DiagnosticWithoutLocation);
        assert_eq!(classify_compile(&output(Some(0), "", ""), true), Compiled::Executable);
    }

    #[test]
    fn float32_last_digits() {
        let header = CaseHeader::default();
        let numpy = "38.5076891928893 [0.35343173 0.25835863 0.43485585] -3.5902352\n";
        let ours = "38.5076891928893 [0.35343167 0.25835863 0.43485582] -3.5902352\n";
        assert!(float32_rounding_only(numpy, ours, &header));
        assert!(!float32_rounding_only(numpy, numpy, &header));
        // More than 2 ulps, float64 digits, an integer or text: real differences.
        assert!(!float32_rounding_only("[0.35343173]", "[0.3534315]", &header));
        assert!(!float32_rounding_only("0.30000000000000004", "0.30000000000000010", &header));
        assert!(!float32_rounding_only("[0.35343173] 1", "[0.35343167] 2", &header));
        assert!(!float32_rounding_only("[0.35343173]", "[0.35343167 ]x", &header));
    }

    #[test]
    fn differences_are_keyed_by_kind() {
        let header = CaseHeader::default();
        let same = output(Some(0), "x 1.5\n", "");
        assert_eq!(compare_run(&same, &output(Some(0), "x 1.5\n", ""), &header, "p"), None);
        let widened = compare_run(&output(Some(0), "7\n", ""), &output(Some(0), "7.0\n", ""), &header, "p").unwrap();
        assert_eq!(widened.key, "stdout kind: python int vs binary float");
        let traceback = "Traceback (most recent call last):\n  File \"m.py\", line 2\nNameError: name 'k' is not defined\n";
        let unassigned = compare_run(&output(Some(1), "", traceback), &output(Some(0), "0\n", ""), &header, "p").unwrap();
        assert_eq!(unassigned.key, "exit: python 1 (NameError) vs binary 0");
        let null = compare_run(&output(Some(1), "", traceback), &output(Some(1), "", "SystemError: null\n"), &header, "p").unwrap();
        assert_eq!(null.key, "exception: python NameError vs binary SystemError");
        assert_eq!(null.signature, unassigned.signature);
        let wrapped = compare_run(&output(Some(0), "n: 9223372036854775808\n", ""), &output(Some(0), "n: -9223372036854775808\n", ""), &header, "p").unwrap();
        assert_eq!(wrapped.key, "stdout unequal: python int vs binary negative int");
        assert_eq!(wrapped.signature, "stdout unequal: python int vs binary negative int in p: n: N");
        let exception = compare_run(&output(Some(1), "", "ValueError: x\n"), &output(Some(1), "", "IndexError: y\n"), &header, "p").unwrap();
        assert_eq!(exception.key, "exception: python ValueError vs binary IndexError");
        let mut hung = output(None, "", "");
        hung.timed_out = true;
        assert_eq!(compare_run(&same, &hung, &header, "p").unwrap().class, Class::BinaryHang);
    }
}
