//! Token-by-token comparison of program outputs, tolerant on floats and exact on everything else.
//!
//! Output is split into tokens on whitespace and on the punctuation `[](),:=`; each punctuation
//! character is a token of its own, and so is every line break (so `print(a, b)` and two
//! separate prints differ). Tokens are then classified:
//!
//! - integers (`-12`, `007`) compare by value, exactly;
//! - floats (`1.5`, `1.`, `-0.000`, `1e-05`, `1.e+16`, `nan`, `inf`, `-inf`) compare with
//!   `|a - b| <= rtol * max(|a|, |b|) + 1e-300`, where `nan` equals only `nan`, an infinity only
//!   itself, a zero only a zero of the same printed sign, and both tokens must have the same
//!   shape (an exponent or not, a trailing `.` or not), so `1.` never passes for `1.0`;
//! - everything else compares as text, exactly.
//!
//! An integer never matches a float: `3` against `3.0` is a difference. A complex number
//! (`1.5-2j`, `+0.5j`, as NumPy and Python print them inside their brackets) compares as its
//! real and imaginary parts, each as above.

use crate::header::WhitespaceMode;

/// The punctuation characters that are tokens of their own.
pub const PUNCTUATION: &[char] = &['[', ']', '(', ')', ',', ':', '='];

/// One token of an output, with where it starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token<'a> {
    pub text: &'a str,
    /// 1-based line number.
    pub line: usize,
}

/// Splits an output into tokens.
pub fn tokenize(output: &str, whitespace: WhitespaceMode) -> Vec<Token<'_>> {
    let mut tokens = Vec::new();
    let mut line = 1;
    let mut start: Option<usize> = None;
    let mut blank_start: Option<usize> = None;
    for (index, ch) in output.char_indices() {
        let is_blank = ch.is_whitespace() && ch != '\n';
        let is_break = ch == '\n' || PUNCTUATION.contains(&ch);
        if is_blank || is_break {
            if let Some(s) = start.take() {
                tokens.push(Token {
                    text: &output[s..index],
                    line,
                });
            }
        }
        if !is_blank {
            if let Some(s) = blank_start.take() {
                if whitespace == WhitespaceMode::Exact {
                    tokens.push(Token {
                        text: &output[s..index],
                        line,
                    });
                }
            }
        }
        if is_blank {
            blank_start.get_or_insert(index);
        } else if is_break {
            tokens.push(Token {
                text: &output[index..index + ch.len_utf8()],
                line,
            });
            if ch == '\n' {
                line += 1;
            }
        } else {
            start.get_or_insert(index);
        }
    }
    if let Some(s) = start {
        tokens.push(Token {
            text: &output[s..],
            line,
        });
    }
    if let Some(s) = blank_start {
        if whitespace == WhitespaceMode::Exact {
            tokens.push(Token {
                text: &output[s..],
                line,
            });
        }
    }
    tokens
}

/// What a token is, for comparison.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum TokenKind {
    Integer(i128),
    Float(f64),
    Text,
}

/// Classifies a token as an integer, a float or text.
pub fn classify(token: &str) -> TokenKind {
    if matches!(token, "nan" | "+nan" | "inf" | "-inf" | "+inf") {
        return TokenKind::Float(token.parse().expect("special float spelling"));
    }
    let digits = token.strip_prefix(['-', '+']).unwrap_or(token);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        // Integers too large for i128 still compare exactly, as text.
        return match token.parse::<i128>() {
            Ok(value) => TokenKind::Integer(value),
            Err(_) => TokenKind::Text,
        };
    }
    let float_chars = token
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'+' | b'-'));
    if float_chars && token.bytes().any(|b| b.is_ascii_digit()) {
        if let Ok(value) = token.parse::<f64>() {
            return TokenKind::Float(value);
        }
    }
    TokenKind::Text
}

/// Why two tokens differ.
#[derive(Clone, Debug, PartialEq)]
pub enum Difference {
    /// Text (or integers) that are not equal.
    Unequal,
    /// One token is an integer and the other a float, or one is a number and the other text.
    KindMismatch,
    /// Floats printed in different shapes (`1.` and `1.0`, `1e-05` and `0.00001`).
    FormMismatch,
    /// Floats farther apart than the tolerance.
    OutOfTolerance { relative: f64 },
    /// Zeros of different printed sign (`-0.0` and `0.0`).
    SignedZero,
    /// One output ended before the other.
    MissingToken,
}

/// Compares two tokens; `None` when they match.
pub fn compare_tokens(expected: &str, actual: &str, rtol: f64) -> Option<Difference> {
    if expected == actual {
        return None;
    }
    if let (Some((ar, ai)), Some((br, bi))) = (complex_parts(expected), complex_parts(actual)) {
        if ar.is_empty() != br.is_empty() {
            return Some(Difference::Unequal);
        }
        return (!ar.is_empty()).then(|| compare_tokens(ar, br, rtol)).flatten().or_else(|| compare_tokens(ai, bi, rtol));
    }
    match (classify(expected), classify(actual)) {
        (TokenKind::Integer(a), TokenKind::Integer(b)) => (a != b).then_some(Difference::Unequal),
        (TokenKind::Float(a), TokenKind::Float(b)) => compare_floats(expected, a, actual, b, rtol),
        (TokenKind::Text, TokenKind::Text) => Some(Difference::Unequal),
        _ => Some(Difference::KindMismatch),
    }
}

/// Whether a token is a float or a complex number (whose parts are numbers).
pub fn is_float_like(token: &str) -> bool {
    matches!(classify(token), TokenKind::Float(_)) || complex_parts(token).is_some()
}

/// The real and imaginary parts of a complex number's text (`1.5-2j`: `1.5` and `-2`; `2j`:
/// none and `2`), when the text is one: its parts are numbers.
fn complex_parts(token: &str) -> Option<(&str, &str)> {
    let body = token.strip_suffix('j')?;
    let bytes = body.as_bytes();
    // The sign that starts the imaginary part: not an exponent's.
    let split = (1..bytes.len()).rev().find(|&i| matches!(bytes[i], b'+' | b'-') && !matches!(bytes[i - 1], b'e' | b'E'));
    let (re, im) = match split {
        Some(i) => (&body[..i], &body[i..]),
        None => ("", body),
    };
    let number = |t: &str| !matches!(classify(t), TokenKind::Text);
    (number(im) && (re.is_empty() || number(re))).then_some((re, im))
}

fn float_form(text: &str) -> (bool, bool) {
    let has_exponent = text.contains(['e', 'E']);
    let mantissa = text.split(['e', 'E']).next().unwrap_or(text);
    (has_exponent, mantissa.ends_with('.'))
}

fn compare_floats(
    expected_text: &str,
    a: f64,
    actual_text: &str,
    b: f64,
    rtol: f64,
) -> Option<Difference> {
    if a.is_nan() || b.is_nan() {
        return (!(a.is_nan() && b.is_nan())).then_some(Difference::Unequal);
    }
    if a.is_infinite() || b.is_infinite() {
        return (a != b).then_some(Difference::Unequal);
    }
    if float_form(expected_text) != float_form(actual_text) {
        return Some(Difference::FormMismatch);
    }
    if a == 0.0 && b == 0.0 {
        let negative = |text: &str| text.starts_with('-');
        return (negative(expected_text) != negative(actual_text))
            .then_some(Difference::SignedZero);
    }
    let scale = a.abs().max(b.abs());
    let difference = (a - b).abs();
    if difference <= rtol * scale + 1e-300 {
        None
    } else {
        Some(Difference::OutOfTolerance {
            relative: difference / scale,
        })
    }
}

/// The first difference between two outputs.
#[derive(Clone, Debug, PartialEq)]
pub struct Mismatch {
    /// Index of the differing token in the expected token list.
    pub token_index: usize,
    pub expected: String,
    pub actual: String,
    /// 1-based line numbers of the differing tokens (of the last line when a token is missing).
    pub expected_line: usize,
    pub actual_line: usize,
    pub difference: Difference,
}

impl std::fmt::Display for Mismatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let show = |text: &str| {
            if text == "\n" {
                "<line break>".to_owned()
            } else {
                format!("`{text}`")
            }
        };
        write!(
            f,
            "token {} (expected line {}, actual line {}): expected {} but got {}",
            self.token_index + 1,
            self.expected_line,
            self.actual_line,
            show(&self.expected),
            show(&self.actual)
        )?;
        match &self.difference {
            Difference::Unequal => Ok(()),
            Difference::KindMismatch => {
                write!(f, " (an integer, a float and text never match each other)")
            }
            Difference::FormMismatch => write!(f, " (the floats are printed in different forms)"),
            Difference::OutOfTolerance { relative } => {
                write!(f, " (relative difference {relative:.3e})")
            }
            Difference::SignedZero => write!(f, " (zeros of different sign)"),
            Difference::MissingToken => write!(f, " (one output is shorter)"),
        }
    }
}

/// Compares two whole outputs; `Ok` when every token matches.
pub fn compare_outputs(
    expected: &str,
    actual: &str,
    rtol: f64,
    whitespace: WhitespaceMode,
) -> Result<(), Mismatch> {
    let expected_tokens = tokenize(expected, whitespace);
    let actual_tokens = tokenize(actual, whitespace);
    let last_line = |tokens: &[Token<'_>]| tokens.last().map_or(1, |t| t.line);
    let count = expected_tokens.len().max(actual_tokens.len());
    for index in 0..count {
        let (exp, act) = (expected_tokens.get(index), actual_tokens.get(index));
        let difference = match (exp, act) {
            (Some(e), Some(a)) => compare_tokens(e.text, a.text, rtol),
            _ => Some(Difference::MissingToken),
        };
        if let Some(difference) = difference {
            return Err(Mismatch {
                token_index: index,
                expected: exp.map_or("<end of output>", |t| t.text).to_owned(),
                actual: act.map_or("<end of output>", |t| t.text).to_owned(),
                expected_line: exp.map_or(last_line(&expected_tokens), |t| t.line),
                actual_line: act.map_or(last_line(&actual_tokens), |t| t.line),
                difference,
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use WhitespaceMode::{Exact, Separator};

    fn texts(output: &str, mode: WhitespaceMode) -> Vec<&str> {
        tokenize(output, mode).into_iter().map(|t| t.text).collect()
    }

    #[test]
    fn splits_on_whitespace_and_punctuation() {
        assert_eq!(
            texts("x=3, (2, 4) [ 1.  -2.5]\nend:  ok", Separator),
            vec![
                "x", "=", "3", ",", "(", "2", ",", "4", ")", "[", "1.", "-2.5", "]", "\n", "end",
                ":", "ok"
            ]
        );
    }

    #[test]
    fn exact_mode_keeps_blank_runs() {
        assert_eq!(
            texts("[   42]\t1 \n", Exact),
            vec!["[", "   ", "42", "]", "\t", "1", " ", "\n"]
        );
    }

    #[test]
    fn tokens_know_their_lines() {
        let tokens = tokenize("a\nb c\n\nd", Separator);
        let lines: Vec<usize> = tokens
            .iter()
            .filter(|t| t.text != "\n")
            .map(|t| t.line)
            .collect();
        assert_eq!(lines, vec![1, 2, 2, 4]);
    }

    #[test]
    fn classifies_tokens() {
        assert_eq!(classify("-12"), TokenKind::Integer(-12));
        assert_eq!(classify("+7"), TokenKind::Integer(7));
        assert_eq!(classify("1."), TokenKind::Float(1.0));
        assert_eq!(classify("1e-05"), TokenKind::Float(1e-5));
        assert_eq!(classify("1.e+16"), TokenKind::Float(1e16));
        assert_eq!(classify("-inf"), TokenKind::Float(f64::NEG_INFINITY));
        assert!(matches!(classify("nan"), TokenKind::Float(v) if v.is_nan()));
        for text in [
            "NaN", "Infinity", "True", "float64", "...", "-", ".", "e5", "1_0", "0x10", "1.5.",
        ] {
            assert_eq!(classify(text), TokenKind::Text, "{text}");
        }
        assert_eq!(
            classify("123456789012345678901234567890123456789012"),
            TokenKind::Text
        );
    }

    #[test]
    fn equal_outputs_match() {
        let out = "sum: 0.30000000000000004 [1 2 3] True nan -inf\n";
        assert_eq!(compare_outputs(out, out, 0.0, Separator), Ok(()));
    }

    #[test]
    fn floats_within_tolerance_match() {
        assert_eq!(
            compare_outputs("0.30000000000000004", "0.3", 1e-12, Separator),
            Ok(())
        );
        assert_eq!(
            compare_outputs("[0.12345678 1.]", "[0.12345679 1.]", 1e-7, Separator),
            Ok(())
        );
        assert_eq!(
            compare_outputs("1e-05", "1.0000000000000001e-05", 1e-12, Separator),
            Ok(())
        );
        assert_eq!(
            compare_outputs("nan inf -inf", "nan inf -inf", 1e-12, Separator),
            Ok(())
        );
        assert!(compare_outputs("1e-290", "2e-290", 1e-12, Separator).is_err());
    }

    #[test]
    fn complex_numbers_compare_by_parts() {
        let ok = |a: &str, b: &str| compare_outputs(a, b, 1e-12, Separator);
        assert_eq!(ok("(1.5000000000000009-1.7028436194446241j)", "(1.5-1.7028436194446255j)"), Ok(()));
        assert_eq!(ok("[0.1+2.e-05j 1.-0.5j]", "[0.1+2.e-05j 1.-0.5j]"), Ok(()));
        assert_eq!(ok("(nan+infj) 2j (1+2j)", "(nan+infj) 2j (1+2j)"), Ok(()));
        // Each part as a number of its own: form, value, sign and presence.
        assert!(ok("(1+2j)", "(1.+2j)").is_err());
        assert!(ok("(1.5-2.5j)", "(1.5-2.6j)").is_err());
        assert!(ok("(1.5-2.5j)", "(1.5+2.5j)").is_err());
        assert!(ok("2.5j", "(0+2.5j)").is_err());
        assert!(ok("1e-05j", "1.1e-05j").is_err());
        assert_eq!(ok("1e-05j", "1.0000000000000001e-05j"), Ok(()));
    }

    #[test]
    fn floats_outside_tolerance_fail() {
        let err = compare_outputs("x 1.0", "x 1.001", 1e-6, Separator).unwrap_err();
        assert_eq!(err.token_index, 1);
        assert!(
            matches!(err.difference, Difference::OutOfTolerance { relative } if relative > 9e-4)
        );
        assert!(compare_outputs("0.2172512", "0.2172513", 1e-8, Separator).is_err());
    }

    #[test]
    fn special_floats_fail_against_others() {
        assert!(compare_outputs("nan", "0.0", 1.0, Separator).is_err());
        assert!(compare_outputs("inf", "-inf", 1.0, Separator).is_err());
        assert!(compare_outputs("inf", "1.7976931348623157e+308", 1.0, Separator).is_err());
        assert!(compare_outputs("nan", "NaN", 1.0, Separator).is_err());
    }

    #[test]
    fn integers_compare_exactly() {
        assert!(compare_outputs("12586269025", "12586269026", 1.0, Separator).is_err());
        let err = compare_outputs("3", "3.0", 1.0, Separator).unwrap_err();
        assert_eq!(err.difference, Difference::KindMismatch);
        assert!(compare_outputs("100.0", "100", 1.0, Separator).is_err());
    }

    #[test]
    fn float_forms_must_agree() {
        assert_eq!(
            compare_outputs("[1. 2.]", "[1.0 2.0]", 1.0, Separator)
                .unwrap_err()
                .difference,
            Difference::FormMismatch
        );
        assert!(compare_outputs("1e-05", "0.00001", 1.0, Separator).is_err());
    }

    #[test]
    fn signed_zeros_differ() {
        assert_eq!(
            compare_outputs("-0.0", "0.0", 1.0, Separator)
                .unwrap_err()
                .difference,
            Difference::SignedZero
        );
        assert!(compare_outputs("[ 2.5 -0. ]", "[ 2.5  0. ]", 1.0, Separator).is_err());
        assert_eq!(compare_outputs("0.000", "0.000", 0.0, Separator), Ok(()));
    }

    #[test]
    fn text_compares_exactly() {
        assert!(compare_outputs("True", "true", 1.0, Separator).is_err());
        assert!(compare_outputs("float64", "float32", 1.0, Separator).is_err());
        assert!(compare_outputs("[1 2]", "1 2", 1.0, Separator).is_err());
    }

    #[test]
    fn line_breaks_count_and_spaces_do_not_by_default() {
        assert_eq!(compare_outputs("a  b\n", "a b\n", 0.0, Separator), Ok(()));
        assert!(compare_outputs("a b\n", "a\nb\n", 0.0, Separator).is_err());
        assert!(compare_outputs("a  b\n", "a b\n", 0.0, Exact).is_err());
        assert!(compare_outputs("[   42]", "[42]", 0.0, Exact).is_err());
    }

    #[test]
    fn length_differences_are_reported() {
        let err = compare_outputs("1 2 3\n", "1 2\n", 0.0, Separator).unwrap_err();
        assert_eq!(err.token_index, 2);
        assert_eq!(err.expected, "3");
        assert_eq!(err.actual, "\n");
        let err = compare_outputs("1 2\n", "1 2\nextra\n", 0.0, Separator).unwrap_err();
        assert_eq!(err.difference, Difference::MissingToken);
        assert_eq!(err.actual, "extra");
        assert_eq!(err.actual_line, 2);
    }

    #[test]
    fn mismatch_display_names_the_tokens() {
        let err = compare_outputs("x 1.5\n", "x 2.5\n", 1e-12, Separator).unwrap_err();
        let text = err.to_string();
        assert!(
            text.contains("`1.5`")
                && text.contains("`2.5`")
                && text.contains("relative difference"),
            "{text}"
        );
    }
}
