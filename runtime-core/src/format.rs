//! Python's float `repr`, NumPy's scalar `str`, Python's format-spec
//! mini-language (`format(value, spec)`) for ints, floats, bools and strings,
//! and NumPy's names of dtypes and shapes.
//!
//! Digit generation relies on Rust's float formatting: `{:e}` yields the
//! shortest round-tripping digits and `{:.N}` / `{:.Ne}` round the exact binary
//! value half-to-even, which is what CPython and NumPy's Dragon4 do.

use runtime_abi::{DTYPE_BOOL, DTYPE_F32, DTYPE_F64};

use crate::errors::{RtError, RtResult};

/// A non-negative decimal number `0.DIGITS × 10^decpt` (CPython's `decpt`
/// convention): `123` is `("123", 3)`, `0.001` is `("1", -2)`, zero is `("0", 1)`.
/// `digits` has no leading zeros (except zero itself) and no trailing zeros.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decimal {
    pub digits: Vec<u8>,
    pub decpt: i32,
}

impl Decimal {
    /// Parses Rust's `{:e}` output of a finite non-negative value, such as `1.25e-5`.
    fn from_exp_string(text: &str) -> Decimal {
        let (mantissa, exponent) = text.split_once('e').unwrap_or((text, "0"));
        let exponent: i32 = exponent.parse().unwrap_or(0);
        let digits: Vec<u8> = mantissa.bytes().filter(u8::is_ascii_digit).collect();
        Decimal::normalised(digits, exponent + 1)
    }

    /// Parses Rust's `{:.N}` output of a finite non-negative value, such as `12.50`.
    fn from_fixed_string(text: &str) -> Decimal {
        let (int_part, _) = text.split_once('.').unwrap_or((text, ""));
        let digits: Vec<u8> = text.bytes().filter(u8::is_ascii_digit).collect();
        Decimal::normalised(digits, int_part.len() as i32)
    }

    fn normalised(mut digits: Vec<u8>, mut decpt: i32) -> Decimal {
        let leading = digits.iter().take_while(|&&d| d == b'0').count();
        if leading == digits.len() {
            return Decimal { digits: vec![b'0'], decpt: 1 };
        }
        digits.drain(..leading);
        decpt -= leading as i32;
        while digits.last() == Some(&b'0') {
            digits.pop();
        }
        Decimal { digits, decpt }
    }

    pub fn is_zero(&self) -> bool {
        self.digits == [b'0']
    }

    /// Digits after the decimal point in positional notation.
    pub fn fraction_digits(&self) -> usize {
        if self.is_zero() {
            0
        } else {
            (self.digits.len() as i32 - self.decpt).max(0) as usize
        }
    }

    /// Digits after the first one in scientific notation.
    pub fn mantissa_fraction_digits(&self) -> usize {
        self.digits.len() - 1
    }

    /// The exponent in scientific notation (`d.ddd e X`).
    pub fn sci_exponent(&self) -> i32 {
        if self.is_zero() {
            0
        } else {
            self.decpt - 1
        }
    }

    /// Integer and fraction digits in positional notation (fraction without padding).
    pub fn positional_parts(&self) -> (String, String) {
        let digits = std::str::from_utf8(&self.digits).unwrap_or("0");
        if self.is_zero() {
            return ("0".to_string(), String::new());
        }
        let len = digits.len() as i32;
        if self.decpt <= 0 {
            ("0".to_string(), format!("{}{}", "0".repeat((-self.decpt) as usize), digits))
        } else if self.decpt >= len {
            (format!("{}{}", digits, "0".repeat((self.decpt - len) as usize)), String::new())
        } else {
            let split = self.decpt as usize;
            (digits[..split].to_string(), digits[split..].to_string())
        }
    }

    /// First digit and the remaining mantissa digits in scientific notation.
    pub fn scientific_parts(&self) -> (String, String) {
        let digits = std::str::from_utf8(&self.digits).unwrap_or("0");
        (digits[..1].to_string(), digits[1..].to_string())
    }
}

/// Shortest digits that round-trip through `f64`.
pub fn shortest_f64(x: f64) -> Decimal {
    let magnitude = x.abs();
    let rust = Decimal::from_exp_string(&format!("{:e}", magnitude));
    even_tie(magnitude, rust, 770, |text| text.parse::<f64>().ok() == Some(magnitude))
}

/// Shortest digits that round-trip through `f32`.
pub fn shortest_f32(x: f32) -> Decimal {
    let magnitude = x.abs();
    let rust = Decimal::from_exp_string(&format!("{:e}", magnitude));
    even_tie(magnitude as f64, rust, 120, |text| text.parse::<f32>().ok() == Some(magnitude))
}

/// Settles ties the way CPython's dtoa and NumPy's Dragon4 do.
///
/// When the exact value lies halfway between two shortest candidates (which
/// happens for values with few exact digits: `725.70343017578125` between
/// `725.7034301757812` and `…813`), Rust rounds the last digit up, while
/// CPython and NumPy pick the even digit. `exact_digits` bounds the length of
/// the type's exact decimal expansions; `round_trips` parses a candidate back.
fn even_tie(magnitude: f64, shortest: Decimal, exact_digits: usize, round_trips: impl Fn(&str) -> bool) -> Decimal {
    let n = shortest.digits.len();
    let raw_digits = |precision: usize| -> (Vec<u8>, i32) {
        let text = format!("{:.*e}", precision, magnitude);
        let (mantissa, exponent) = text.split_once('e').unwrap_or((&text, "0"));
        (mantissa.bytes().filter(u8::is_ascii_digit).collect(), exponent.parse().unwrap_or(0))
    };
    let (near, exponent) = raw_digits(n);
    if near.len() != n + 1 || near[n] != b'5' {
        return shortest;
    }
    let (exact, exact_exponent) = raw_digits(exact_digits);
    if exact_exponent != exponent || exact[..=n] != near[..] || exact[n + 1..].iter().any(|&d| d != b'0') {
        return shortest;
    }
    let down = Decimal::normalised(near[..n].to_vec(), exponent + 1);
    let up = {
        let mut digits = near[..n].to_vec();
        let mut decpt = exponent + 1;
        let mut i = n;
        loop {
            if i == 0 {
                digits.insert(0, b'1');
                decpt += 1;
                break;
            }
            i -= 1;
            if digits[i] == b'9' {
                digits[i] = b'0';
            } else {
                digits[i] += 1;
                break;
            }
        }
        Decimal::normalised(digits, decpt)
    };
    let valid = |candidate: &Decimal| {
        round_trips(&format!("0.{}e{}", std::str::from_utf8(&candidate.digits).unwrap_or("0"), candidate.decpt))
    };
    let down_is_even = near[n - 1] % 2 == 0;
    match (valid(&down), valid(&up)) {
        (true, true) => {
            if down_is_even {
                down
            } else {
                up
            }
        }
        (true, false) => down,
        (false, true) => up,
        (false, false) => shortest,
    }
}

/// `|x|` correctly rounded to `fraction_digits` digits after the point.
pub fn rounded_fixed(x: f64, fraction_digits: usize) -> Decimal {
    Decimal::from_fixed_string(&format!("{:.*}", fraction_digits, x.abs()))
}

/// `|x|` correctly rounded to `1 + mantissa_digits` significant digits.
pub fn rounded_scientific(x: f64, mantissa_digits: usize) -> Decimal {
    Decimal::from_exp_string(&format!("{:.*e}", mantissa_digits, x.abs()))
}

/// Appends a Python-style exponent: `e+05`, `e-300`.
fn push_exponent(out: &mut String, exponent: i32, marker: char) {
    out.push(marker);
    out.push(if exponent < 0 { '-' } else { '+' });
    out.push_str(&format!("{:02}", exponent.unsigned_abs()));
}

/// Python's `repr` layout of a decimal: exponent form when `use_exp`, else
/// positional with at least one fraction digit (`100.0`, `0.001`).
fn repr_layout(negative: bool, decimal: &Decimal, use_exp: bool) -> String {
    let mut out = String::new();
    if negative {
        out.push('-');
    }
    if use_exp {
        let (first, rest) = decimal.scientific_parts();
        out.push_str(&first);
        if !rest.is_empty() {
            out.push('.');
            out.push_str(&rest);
        }
        push_exponent(&mut out, decimal.sci_exponent(), 'e');
    } else {
        let (int_part, frac_part) = decimal.positional_parts();
        out.push_str(&int_part);
        out.push('.');
        out.push_str(if frac_part.is_empty() { "0" } else { &frac_part });
    }
    out
}

/// Python's `repr(float)` (also `str` of a `np.float64`): `0.1`, `100.0`, `1e-05`, `1e+16`.
pub fn py_float_repr(x: f64) -> String {
    if x.is_nan() {
        return "nan".to_string();
    }
    if x.is_infinite() {
        return if x < 0.0 { "-inf" } else { "inf" }.to_string();
    }
    let decimal = shortest_f64(x);
    let use_exp = !decimal.is_zero() && (decimal.decpt <= -4 || decimal.decpt > 16);
    repr_layout(x.is_sign_negative(), &decimal, use_exp)
}

/// NumPy's `str(np.float32(x))`: shortest float32 digits, positional for
/// `1e-4 <= |x| < 1e6` (and zero), scientific otherwise.
pub fn np_float32_str(x: f32) -> String {
    if x.is_nan() {
        return "nan".to_string();
    }
    if x.is_infinite() {
        return if x < 0.0 { "-inf" } else { "inf" }.to_string();
    }
    let magnitude = (x as f64).abs();
    let positional = magnitude == 0.0 || (1e-4..1e6).contains(&magnitude);
    repr_layout(x.is_sign_negative(), &shortest_f32(x), !positional)
}

/// Python's `str()` of a scalar given as bits of a dtype code.
pub fn scalar_str(kind: i64, bits: u64) -> RtResult<String> {
    Ok(match kind {
        DTYPE_BOOL => bool_str(bits_to_bool(bits)).to_string(),
        kind if runtime_abi::int_layout(kind).is_some() => runtime_abi::int_from_bits(kind, bits).to_string(),
        DTYPE_F32 => np_float32_str(f32::from_bits(bits as u32)),
        DTYPE_F64 => py_float_repr(f64::from_bits(bits)),
        _ => return Err(RtError::internal(format!("unknown value kind {kind}"))),
    })
}

/// `str()` of a complex number (Python's `complex`, NumPy's `complex64`/`complex128`) of
/// dtype code `dtype` from its parts' bits: `2j`, `(1+2j)`, `(-0-1.5j)`, `(nan+infj)`.
pub fn complex_str(dtype: i64, re_bits: u64, im_bits: u64) -> String {
    let single = dtype == runtime_abi::DTYPE_C64;
    let value = |bits: u64| if single { f32::from_bits(bits as u32) as f64 } else { f64::from_bits(bits) };
    let (re, im) = (value(re_bits), value(im_bits));
    // A part as `repr` writes it, without a `.0` of its own: `1`, `1.5`, `1e+16`.
    let part = |x: f64, signed: bool| {
        let text = if single { np_float32_str(x as f32) } else { py_float_repr(x) };
        let text = text.strip_suffix(".0").map(str::to_string).unwrap_or(text);
        if signed && !text.starts_with('-') {
            format!("+{text}")
        } else {
            text
        }
    };
    if re == 0.0 && !re.is_sign_negative() {
        format!("{}j", part(im, false))
    } else {
        format!("({}{}j)", part(re, false), part(im, true))
    }
}

/// A bool passed as bits: only the low byte is meaningful.
pub fn bits_to_bool(bits: u64) -> bool {
    bits & 0xff != 0
}

pub fn bool_str(value: bool) -> &'static str {
    if value {
        "True"
    } else {
        "False"
    }
}

// ---------------------------------------------------------------------------
// The format-spec mini-language.
// ---------------------------------------------------------------------------

/// A parsed `[[fill]align][sign]["z"]["#"]["0"][width][grouping]["." precision][type]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormatSpec {
    pub fill: Option<char>,
    pub align: Option<char>,
    pub sign: Option<char>,
    pub coerce_negative_zero: bool,
    pub alternate: bool,
    pub width: usize,
    pub grouping: Option<char>,
    pub precision: Option<usize>,
    pub ty: Option<char>,
}

fn is_align(c: char) -> bool {
    matches!(c, '<' | '>' | '=' | '^')
}

/// Parses a format spec; `type_name` and `default_align` are those of the value
/// formatted (they shape the errors and the `0` flag as in CPython).
pub fn parse_spec(spec: &str, type_name: &str, default_align: char) -> RtResult<FormatSpec> {
    let chars: Vec<char> = spec.chars().collect();
    let invalid =
        || RtError::value(format!("Invalid format specifier '{spec}' for object of type '{type_name}'"));
    let mut pos = 0;
    let mut fill = None;
    let mut align = None;
    if chars.len() >= 2 && is_align(chars[1]) {
        fill = Some(chars[0]);
        align = Some(chars[1]);
        pos = 2;
    } else if !chars.is_empty() && is_align(chars[0]) {
        align = Some(chars[0]);
        pos = 1;
    }
    let mut sign = None;
    if pos < chars.len() && matches!(chars[pos], '+' | '-' | ' ') {
        sign = Some(chars[pos]);
        pos += 1;
    }
    let mut coerce_negative_zero = false;
    if pos < chars.len() && chars[pos] == 'z' {
        coerce_negative_zero = true;
        pos += 1;
    }
    let mut alternate = false;
    if pos < chars.len() && chars[pos] == '#' {
        alternate = true;
        pos += 1;
    }
    if fill.is_none() && pos < chars.len() && chars[pos] == '0' {
        fill = Some('0');
        if align.is_none() && default_align == '>' {
            align = Some('=');
        }
        pos += 1;
    }
    let width_start = pos;
    while pos < chars.len() && chars[pos].is_ascii_digit() {
        pos += 1;
    }
    let width: usize = if pos > width_start {
        chars[width_start..pos].iter().collect::<String>().parse().map_err(|_| {
            RtError::value("Too many decimal digits in format string")
        })?
    } else {
        0
    };
    let mut grouping = None;
    if pos < chars.len() && matches!(chars[pos], ',' | '_') {
        grouping = Some(chars[pos]);
        pos += 1;
        if pos < chars.len() && matches!(chars[pos], ',' | '_') {
            if chars[pos] == grouping.unwrap_or(',') {
                return Err(invalid());
            }
            return Err(RtError::value("Cannot specify both ',' and '_'."));
        }
    }
    let mut precision = None;
    if pos < chars.len() && chars[pos] == '.' {
        pos += 1;
        let start = pos;
        while pos < chars.len() && chars[pos].is_ascii_digit() {
            pos += 1;
        }
        if pos == start {
            return Err(RtError::value("Format specifier missing precision"));
        }
        precision = Some(
            chars[start..pos]
                .iter()
                .collect::<String>()
                .parse()
                .map_err(|_| RtError::value("Too many decimal digits in format string"))?,
        );
    }
    let mut ty = None;
    if pos < chars.len() {
        if chars.len() - pos > 1 {
            return Err(invalid());
        }
        ty = Some(chars[pos]);
    }
    if let (Some(group), Some(t)) = (grouping, ty) {
        let allowed = match t {
            'd' | 'e' | 'f' | 'g' | 'E' | 'G' | '%' | 'F' | '\0' => true,
            'b' | 'o' | 'x' | 'X' => group == '_',
            _ => false,
        };
        if !allowed {
            return Err(RtError::value(format!("Cannot specify '{group}' with '{t}'.")));
        }
    }
    Ok(FormatSpec {
        fill,
        align,
        sign,
        coerce_negative_zero,
        alternate,
        width,
        grouping,
        precision,
        ty,
    })
}

/// CPython's thousands grouping: groups of `group` digits from the right,
/// left-padded with zeros (and separators) until at least `min_width` chars.
fn group_digits(digits: &str, separator: char, group: usize, min_width: isize) -> String {
    let bytes = digits.as_bytes();
    let mut remaining = bytes.len() as isize;
    let mut min_width = min_width;
    let mut pieces: Vec<String> = Vec::new();
    let mut end = bytes.len();
    let group = group as isize;
    loop {
        let length = group.min(remaining.max(min_width).max(1));
        let zeros = (length - remaining).max(0) as usize;
        let taken = remaining.min(length).max(0) as usize;
        let mut piece = "0".repeat(zeros);
        piece.push_str(&digits[end - taken..end]);
        pieces.push(piece);
        remaining -= taken as isize;
        end -= taken;
        min_width -= length;
        if remaining <= 0 && min_width <= 0 {
            break;
        }
        min_width -= 1;
    }
    pieces.reverse();
    pieces.join(&separator.to_string())
}

/// A number split for padding: `sign prefix integer-digits rest`.
struct NumberParts {
    sign: String,
    prefix: String,
    digits: String,
    rest: String,
}

fn pad_number(parts: NumberParts, spec: &FormatSpec, group_size: usize) -> String {
    let fill = spec.fill.unwrap_or(' ');
    let align = spec.align.unwrap_or('>');
    let leading = (parts.sign.chars().count() + parts.prefix.chars().count()) as isize;
    let digits = match spec.grouping {
        Some(separator) => {
            let min_width = if fill == '0' && align == '=' {
                spec.width as isize - leading - parts.rest.chars().count() as isize
            } else {
                0
            };
            group_digits(&parts.digits, separator, group_size, min_width)
        }
        None => parts.digits,
    };
    let body_len = leading as usize + digits.chars().count() + parts.rest.chars().count();
    let padding = spec.width.saturating_sub(body_len);
    let fill_text = |count: usize| fill.to_string().repeat(count);
    match align {
        '<' => format!("{}{}{}{}{}", parts.sign, parts.prefix, digits, parts.rest, fill_text(padding)),
        '^' => format!(
            "{}{}{}{}{}{}",
            fill_text(padding / 2),
            parts.sign,
            parts.prefix,
            digits,
            parts.rest,
            fill_text(padding - padding / 2)
        ),
        '=' => format!("{}{}{}{}{}", parts.sign, parts.prefix, fill_text(padding), digits, parts.rest),
        _ => format!("{}{}{}{}{}", fill_text(padding), parts.sign, parts.prefix, digits, parts.rest),
    }
}

fn sign_text(negative: bool, spec: &FormatSpec) -> String {
    if negative {
        "-".to_string()
    } else {
        match spec.sign {
            Some('+') => "+".to_string(),
            Some(' ') => " ".to_string(),
            _ => String::new(),
        }
    }
}

/// `format(value, spec)` for a Python int; `type_name` is `int` or `bool` (for errors).
pub fn format_int(value: impl Into<i128>, spec_text: &str, type_name: &str) -> RtResult<String> {
    let value: i128 = value.into();
    let spec = parse_spec(spec_text, type_name, '>')?;
    let ty = spec.ty.unwrap_or('d');
    if matches!(ty, 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%') {
        return format_float_spec(value as f64, &spec);
    }
    if spec.precision.is_some() {
        return Err(RtError::value("Precision not allowed in integer format specifier"));
    }
    if spec.coerce_negative_zero {
        return Err(RtError::value(
            "Negative zero coercion (z) not allowed in integer format specifier",
        ));
    }
    let magnitude = value.unsigned_abs();
    let (digits, prefix, group_size) = match ty {
        'd' | 'n' => (magnitude.to_string(), "", 3),
        'b' => (format!("{magnitude:b}"), "0b", 4),
        'o' => (format!("{magnitude:o}"), "0o", 4),
        'x' => (format!("{magnitude:x}"), "0x", 4),
        'X' => (format!("{magnitude:X}"), "0X", 4),
        'c' => {
            if spec.sign.is_some() {
                return Err(RtError::value("Sign not allowed with integer format specifier 'c'"));
            }
            if spec.alternate {
                return Err(RtError::value(
                    "Alternate form (#) not allowed with integer format specifier 'c'",
                ));
            }
            let character = u32::try_from(value)
                .ok()
                .and_then(char::from_u32)
                .ok_or_else(|| RtError::new(crate::errors::ErrorKind::Overflow, "%c arg not in range(0x110000)"))?;
            let parts = NumberParts {
                sign: String::new(),
                prefix: String::new(),
                digits: String::new(),
                rest: character.to_string(),
            };
            let mut plain = spec.clone();
            plain.grouping = None;
            return Ok(pad_number(parts, &plain, 3));
        }
        other => {
            return Err(RtError::value(format!(
                "Unknown format code '{other}' for object of type '{type_name}'"
            )))
        }
    };
    let parts = NumberParts {
        sign: sign_text(value < 0, &spec),
        prefix: if spec.alternate { prefix.to_string() } else { String::new() },
        digits,
        rest: String::new(),
    };
    Ok(pad_number(parts, &spec, group_size))
}

/// `format(value, spec)` for a Python float.
pub fn format_float(value: f64, spec_text: &str) -> RtResult<String> {
    if spec_text.is_empty() {
        return Ok(py_float_repr(value));
    }
    let spec = parse_spec(spec_text, "float", '>')?;
    format_float_spec(value, &spec)
}

fn format_float_spec(value: f64, spec: &FormatSpec) -> RtResult<String> {
    let ty = spec.ty;
    if let Some(t) = ty {
        if !matches!(t, 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n' | '%') {
            return Err(RtError::value(format!("Unknown format code '{t}' for object of type 'float'")));
        }
    }
    let upper = matches!(ty, Some('E' | 'F' | 'G'));
    let mut negative = value.is_sign_negative() && !value.is_nan();
    let magnitude = value.abs();
    let (body, suffix) = if !value.is_finite() {
        let text = if value.is_nan() { "nan" } else { "inf" };
        let text = if upper { text.to_uppercase() } else { text.to_string() };
        (text, if ty == Some('%') { "%" } else { "" })
    } else {
        match ty {
            None => match spec.precision {
                None => {
                    let repr = py_float_repr(magnitude);
                    (repr, "")
                }
                Some(p) => (general_format(magnitude, p.max(1), spec.alternate, true, 'e'), ""),
            },
            Some('e' | 'E') => {
                let p = spec.precision.unwrap_or(6);
                let marker = if upper { 'E' } else { 'e' };
                (scientific_format(magnitude, p, spec.alternate, marker), "")
            }
            Some('f' | 'F') => {
                let p = spec.precision.unwrap_or(6);
                (fixed_format(magnitude, p, spec.alternate), "")
            }
            Some('%') => {
                let p = spec.precision.unwrap_or(6);
                (fixed_format(magnitude * 100.0, p, spec.alternate), "%")
            }
            _ => {
                let p = spec.precision.unwrap_or(6).max(1);
                let marker = if upper { 'E' } else { 'e' };
                (general_format(magnitude, p, spec.alternate, false, marker), "")
            }
        }
    };
    if spec.coerce_negative_zero
        && negative
        && value.is_finite()
        && body.split(['e', 'E']).next().unwrap_or("").bytes().all(|b| !(b'1'..=b'9').contains(&b))
    {
        negative = false;
    }
    let split = body.find(|c: char| !c.is_ascii_digit()).unwrap_or(body.len());
    let (digits, rest) = if value.is_finite() { body.split_at(split) } else { ("", body.as_str()) };
    let parts = NumberParts {
        sign: sign_text(negative, spec),
        prefix: String::new(),
        digits: digits.to_string(),
        rest: format!("{rest}{suffix}"),
    };
    let mut spec = spec.clone();
    if !value.is_finite() {
        spec.grouping = None;
    }
    Ok(pad_number(parts, &spec, 3))
}

/// `%.pf` of a non-negative value; `#` keeps the point when `p == 0`.
fn fixed_format(magnitude: f64, precision: usize, alternate: bool) -> String {
    let mut text = format!("{:.*}", precision, magnitude);
    if alternate && precision == 0 {
        text.push('.');
    }
    text
}

/// `%.pe` of a non-negative value with a Python exponent.
fn scientific_format(magnitude: f64, precision: usize, alternate: bool, marker: char) -> String {
    let rust = format!("{:.*e}", precision, magnitude);
    let (mantissa, exponent) = rust.split_once('e').unwrap_or((&rust, "0"));
    let mut out = mantissa.to_string();
    if alternate && precision == 0 {
        out.push('.');
    }
    push_exponent(&mut out, exponent.parse().unwrap_or(0), marker);
    out
}

/// `%.pg` of a non-negative value; `add_dot_zero` is the no-type mode
/// (at least one fraction digit, exponent from `p - 1` on).
fn general_format(magnitude: f64, precision: usize, alternate: bool, add_dot_zero: bool, marker: char) -> String {
    let rounded = rounded_scientific(magnitude, precision - 1);
    let decpt = if rounded.is_zero() { 1 } else { rounded.decpt };
    let limit = if add_dot_zero { precision as i32 - 1 } else { precision as i32 };
    let use_exp = decpt <= -4 || decpt > limit;
    let mut digits: Vec<u8> = rounded.digits.clone();
    if alternate {
        while digits.len() < precision {
            digits.push(b'0');
        }
    }
    let decimal = Decimal { digits, decpt };
    let mut out = String::new();
    if use_exp {
        let (first, rest) = decimal.scientific_parts();
        out.push_str(&first);
        if !rest.is_empty() || alternate {
            out.push('.');
            out.push_str(&rest);
        }
        push_exponent(&mut out, decpt - 1, marker);
    } else {
        let text = std::str::from_utf8(&decimal.digits).unwrap_or("0");
        let len = text.len() as i32;
        if decpt <= 0 {
            out.push_str("0.");
            out.push_str(&"0".repeat((-decpt) as usize));
            out.push_str(text);
        } else if decpt >= len {
            out.push_str(text);
            out.push_str(&"0".repeat((decpt - len) as usize));
            if alternate {
                out.push('.');
            } else if add_dot_zero {
                out.push_str(".0");
            }
        } else {
            out.push_str(&text[..decpt as usize]);
            out.push('.');
            out.push_str(&text[decpt as usize..]);
        }
    }
    out
}

/// `format(value, spec)` for a Python str.
pub fn format_str(value: &str, spec_text: &str) -> RtResult<String> {
    if spec_text.is_empty() {
        return Ok(value.to_string());
    }
    let spec = parse_spec(spec_text, "str", '<')?;
    if let Some(t) = spec.ty {
        if t != 's' {
            return Err(RtError::value(format!("Unknown format code '{t}' for object of type 'str'")));
        }
    }
    if spec.sign.is_some() {
        return Err(RtError::value("Sign not allowed in string format specifier"));
    }
    if spec.coerce_negative_zero {
        return Err(RtError::value(
            "Negative zero coercion (z) not allowed in format specifier",
        ));
    }
    if spec.alternate {
        return Err(RtError::value("Alternate form (#) not allowed in string format specifier"));
    }
    if spec.align == Some('=') {
        return Err(RtError::value("'=' alignment not allowed in string format specifier"));
    }
    if let Some(group) = spec.grouping {
        return Err(RtError::value(format!("Cannot specify '{group}' with 's'.")));
    }
    let text: String = match spec.precision {
        Some(p) => value.chars().take(p).collect(),
        None => value.to_string(),
    };
    let fill = spec.fill.unwrap_or(' ').to_string();
    let padding = spec.width.saturating_sub(text.chars().count());
    Ok(match spec.align.unwrap_or('<') {
        '>' => format!("{}{}", fill.repeat(padding), text),
        '^' => format!("{}{}{}", fill.repeat(padding / 2), text, fill.repeat(padding - padding / 2)),
        _ => format!("{}{}", text, fill.repeat(padding)),
    })
}

/// `format(value, spec)` for a scalar given as bits of a dtype code.
/// An empty spec is `str(value)` (for float32, NumPy's shortest float32 digits);
/// otherwise NumPy scalars format as the Python int/float/bool of their value.
pub fn format_scalar(kind: i64, bits: u64, spec: &str) -> RtResult<String> {
    if spec.is_empty() {
        return scalar_str(kind, bits);
    }
    match kind {
        DTYPE_BOOL => format_int(bits_to_bool(bits) as i64, spec, "bool"),
        kind if runtime_abi::int_layout(kind).is_some() => format_int(runtime_abi::int_from_bits(kind, bits), spec, "int"),
        DTYPE_F32 => format_float(f32::from_bits(bits as u32) as f64, spec),
        DTYPE_F64 => format_float(f64::from_bits(bits), spec),
        _ => Err(RtError::internal(format!("unknown value kind {kind}"))),
    }
}

/// A shape as Python prints the tuple: `()`, `(3,)`, `(2, 3)`.
pub fn shape_repr(shape: &[i64]) -> String {
    match shape {
        [] => "()".to_string(),
        [only] => format!("({only},)"),
        _ => format!("({})", shape.iter().map(i64::to_string).collect::<Vec<_>>().join(", ")),
    }
}

#[cfg(test)]
mod tests;
