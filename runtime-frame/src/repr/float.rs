//! pandas' `FloatArrayFormatter` with the default display options: fixed notation with
//! `precision` decimals, trailing zeros trimmed equally across the column, and a switch to
//! scientific notation when small values would print as zero or large values too wide.

/// Python's `f"{value: .{digits}f}"` (or without the space when `leading_space` is false).
/// Rust and Python both round the exact binary value half to even, so the digits agree.
fn fixed(value: f64, digits: usize, leading_space: bool) -> String {
    let text = format!("{value:.digits$}");
    if leading_space && !text.starts_with('-') {
        format!(" {text}")
    } else {
        text
    }
}

/// Python's `f"{value: .{digits}e}"`: Rust writes `1.5e6`, Python `1.5e+06`.
fn scientific(value: f64, digits: usize, leading_space: bool) -> String {
    let text = format!("{value:.digits$e}");
    let text = match text.split_once('e') {
        Some((mantissa, exponent)) => {
            let exponent: i32 = exponent.parse().unwrap_or(0);
            let sign = if exponent < 0 { '-' } else { '+' };
            format!("{mantissa}e{sign}{:02}", exponent.unsigned_abs())
        }
        // Infinities have no exponent.
        None => text,
    };
    if leading_space && !text.starts_with('-') {
        format!(" {text}")
    } else {
        text
    }
}

/// Whether `text` matches pandas' `^\s*[+-]?[0-9]+\.[0-9]*$` (a number with a decimal
/// point, which `_trim_zeros_float` may shorten).
fn is_decimal_number(text: &str) -> bool {
    let rest = text.trim_start();
    let rest = rest.strip_prefix(['+', '-']).unwrap_or(rest);
    let integer_digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if integer_digits == 0 {
        return false;
    }
    match rest[integer_digits..].strip_prefix('.') {
        Some(fraction) => fraction.bytes().all(|b| b.is_ascii_digit()),
        None => false,
    }
}

/// pandas' `_trim_zeros_float`: removes trailing zeros from every decimal number at once,
/// for as long as all of them end in `0`, then leaves one zero after a bare point.
pub(crate) fn trim_zeros_float(mut strings: Vec<String>) -> Vec<String> {
    let is_number: Vec<bool> = strings.iter().map(|s| is_decimal_number(s)).collect();
    if !is_number.iter().any(|&n| n) {
        return strings;
    }
    loop {
        let all_end_in_zero = strings
            .iter()
            .zip(&is_number)
            .filter(|(_, &n)| n)
            .all(|(s, _)| s.ends_with('0'));
        if !all_end_in_zero {
            break;
        }
        for (text, &number) in strings.iter_mut().zip(&is_number) {
            if number {
                text.pop();
            }
        }
    }
    for (text, &number) in strings.iter_mut().zip(&is_number) {
        if number && text.ends_with('.') {
            text.push('0');
        }
    }
    strings
}

/// pandas' `_trim_zeros_single_float`: trailing zeros off one number, keeping `x.0`.
pub(crate) fn trim_zeros_single_float(text: &str) -> String {
    let mut trimmed = text.trim_end_matches('0').to_string();
    if trimmed.ends_with('.') {
        trimmed.push('0');
    }
    trimmed
}

/// The threshold `10 ** (-digits)` as Python computes it (correctly rounded).
fn small_threshold(digits: usize) -> f64 {
    format!("1e-{digits}").parse().unwrap_or(0.0)
}

/// Formats a float column as pandas does (before padding to a common width). NaN prints
/// as `na_rep`. `single` says the values came from a `float32` column: NumPy then compares
/// magnitudes with the thresholds in single precision.
pub(crate) fn format_float_array(
    values: &[f64],
    single: bool,
    digits: usize,
    leading_space: bool,
    na_rep: &str,
) -> Vec<String> {
    let format_with = |scientific_notation: bool| -> Vec<String> {
        let strings = values
            .iter()
            .map(|&value| {
                if value.is_nan() {
                    na_rep.to_string()
                } else if scientific_notation {
                    scientific(value, digits, leading_space)
                } else {
                    fixed(value, digits, leading_space)
                }
            })
            .collect();
        trim_zeros_float(strings)
    };
    let formatted = format_with(false);
    let longest = formatted
        .iter()
        .map(|s| s.chars().count())
        .max()
        .unwrap_or(0);
    let too_long = !formatted.is_empty() && longest > digits + 6;
    let threshold = small_threshold(digits);
    let (has_large_values, has_small_values) = if single {
        let threshold = threshold as f32;
        let magnitudes = values.iter().map(|&v| (v as f32).abs());
        (
            magnitudes.clone().any(|m| m > 1e6),
            magnitudes.clone().any(|m| m < threshold && m > 0.0),
        )
    } else {
        let magnitudes = values.iter().map(|v| v.abs());
        (
            magnitudes.clone().any(|m| m > 1e6),
            magnitudes.clone().any(|m| m < threshold && m > 0.0),
        )
    };
    if has_small_values || (too_long && has_large_values) {
        format_with(true)
    } else {
        formatted
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_exponent_spelling() {
        assert_eq!(scientific(1234567.0, 6, true), " 1.234567e+06");
        assert_eq!(scientific(-2.5e-7, 6, true), "-2.500000e-07");
        assert_eq!(scientific(1e100, 1, false), "1.0e+100");
        assert_eq!(scientific(f64::INFINITY, 6, true), " inf");
    }

    #[test]
    fn decimal_number_pattern() {
        assert!(is_decimal_number(" 1.500"));
        assert!(is_decimal_number("-0."));
        assert!(!is_decimal_number(" inf"));
        assert!(!is_decimal_number("NaN"));
        assert!(!is_decimal_number(" 1.5e+06"));
        assert!(!is_decimal_number(" 15"));
    }
}
