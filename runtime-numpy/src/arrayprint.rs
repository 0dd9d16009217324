//! `str(array)` exactly as NumPy 2 prints it with the default print options
//! (`precision=8, threshold=1000, edgeitems=3, linewidth=75,
//! floatmode='maxprec', suppress=False, sign='-'`): a port of
//! `numpy/_core/arrayprint.py` (`_formatArray`, `FloatingFormat`,
//! `IntegerFormat`, `BoolFormat`) and of Dragon4's positional and scientific
//! layouts.

use runtime_abi::{ArrayDesc, DTYPE_BOOL, DTYPE_F32, DTYPE_F64};

use std::sync::atomic::{AtomicI64, Ordering};

use runtime_core::array::{self, shape_size, Scalar};
use runtime_core::format::{self, rounded_fixed, rounded_scientific, shortest_f32, shortest_f64, Decimal};

/// The print options, NumPy's defaults until `np.set_printoptions` changes them
/// ([`set_options`]): precision, threshold, edge items, line width, suppress.
static PRECISION_OPT: AtomicI64 = AtomicI64::new(8);
static THRESHOLD_OPT: AtomicI64 = AtomicI64::new(1000);
static EDGE_ITEMS_OPT: AtomicI64 = AtomicI64::new(3);
static LINE_WIDTH_OPT: AtomicI64 = AtomicI64::new(75);
static SUPPRESS_OPT: AtomicI64 = AtomicI64::new(0);

fn precision() -> usize {
    PRECISION_OPT.load(Ordering::Relaxed) as usize
}
fn threshold() -> i64 {
    THRESHOLD_OPT.load(Ordering::Relaxed)
}
fn edge_items() -> i64 {
    EDGE_ITEMS_OPT.load(Ordering::Relaxed)
}
fn line_width() -> usize {
    LINE_WIDTH_OPT.load(Ordering::Relaxed) as usize
}

/// `np.set_printoptions(...)`: each option given (>= 0; `suppress` 0 or 1) replaces the
/// current one, a negative value leaves it as it is.
pub fn set_options(precision: i64, threshold: i64, edge_items: i64, line_width: i64, suppress: i64) {
    for (value, slot) in [(precision, &PRECISION_OPT), (threshold, &THRESHOLD_OPT), (edge_items, &EDGE_ITEMS_OPT), (line_width, &LINE_WIDTH_OPT), (suppress, &SUPPRESS_OPT)] {
        if value >= 0 {
            slot.store(value, Ordering::Relaxed);
        }
    }
}

/// `str(a)` of an array.
///
/// # Safety
/// `desc` must be a live descriptor.
pub unsafe fn array_str(desc: &ArrayDesc) -> String {
    let shape = array::shape(desc).to_vec();
    if shape.is_empty() && is_complex(desc.dtype) {
        let (re, im) = unsafe { (complex_part(desc, &[], 0), complex_part(desc, &[], 1)) };
        let bits = |x: f64| if desc.dtype == runtime_abi::DTYPE_C64 { (x as f32).to_bits() as u64 } else { x.to_bits() };
        return format::complex_str(desc.dtype, bits(re), bits(im));
    }
    if shape.is_empty() {
        let value = unsafe { array::read_scalar(desc, &[]) };
        return scalar_to_str(value);
    }
    if shape_size(&shape) == 0 {
        return "[]".to_string();
    }
    if is_complex(desc.dtype) {
        return complex_layout(desc, &shape, " ", "", line_width());
    }
    let reader = |index: &[i64]| unsafe { array::read_scalar(desc, index) };
    format_array(&shape, desc.dtype, &reader)
}

fn is_complex(dtype: i64) -> bool {
    matches!(dtype, runtime_abi::DTYPE_C64 | runtime_abi::DTYPE_C128)
}

/// Part `part` (0 real, 1 imaginary) of the complex element of `desc` at `index`.
///
/// # Safety
/// `desc` must be a live complex descriptor and `index` in bounds.
unsafe fn complex_part(desc: &ArrayDesc, index: &[i64], part: usize) -> f64 {
    let single = desc.dtype == runtime_abi::DTYPE_C64;
    let item = if single { 8 } else { 16 };
    let ptr = array::offset_ptr(desc.data, array::strides(desc), index, item);
    unsafe {
        if single {
            (ptr.add(4 * part) as *const f32).read_unaligned() as f64
        } else {
            (ptr.add(8 * part) as *const f64).read_unaligned()
        }
    }
}

/// NumPy's `ComplexFloatingFormat` of a complex array (rank >= 1, size > 0): the real parts
/// as one float column, the imaginary parts as another with their signs, then `j` (before
/// the imaginary part's padding).
fn complex_layout(desc: &ArrayDesc, shape: &[i64], separator: &str, prefix: &str, line_width: usize) -> String {
    let is_f32 = desc.dtype == runtime_abi::DTYPE_C64;
    let summarise = shape_size(shape) > threshold();
    let part = |p: usize| move |index: &[i64]| -> Scalar { Scalar::F64(unsafe { complex_part(desc, index, p) }) };
    let real = FloatFormat::new(&shown_values(shape, summarise, &part(0)), is_f32, false);
    let imag = FloatFormat::new(&shown_values(shape, summarise, &part(1)), is_f32, true);
    let word = |index: &[i64]| complex_word(&real, &imag, unsafe { complex_part(desc, index, 0) }, unsafe { complex_part(desc, index, 1) }, is_f32);
    let printer = Printer { shape, word: &word, summarise, separator };
    let hanging = format!(" {}", " ".repeat(prefix.len()));
    printer.recurse(&mut Vec::new(), &hanging, line_width)
}

fn complex_word(real: &FloatFormat, imag: &FloatFormat, re: f64, im: f64, is_f32: bool) -> String {
    let r = real.format(re, is_f32);
    let i = imag.format(im, is_f32);
    let end = i.trim_end().len();
    format!("{r}{}j{}", &i[..end], &i[end..])
}

/// `str()` of one scalar (what a 0-d array prints).
pub fn scalar_to_str(value: Scalar) -> String {
    match value {
        Scalar::Bool(v) => format::bool_str(v).to_string(),
        Scalar::Int(v) => v.to_string(),
        Scalar::F32(v) => format::np_float32_str(v),
        Scalar::F64(v) => format::py_float_repr(v),
    }
}

/// The layout engine, on any element source: `read` gets in-bounds,
/// non-negative multi-indices of `shape` (rank >= 1, size > 0).
pub fn format_array(shape: &[i64], dtype: i64, read: &dyn Fn(&[i64]) -> Scalar) -> String {
    layout(shape, dtype, read, " ", "", line_width())
}

/// NumPy's `_array2string` with a separator, the prefix its lines align under and a
/// line width (rank >= 1, size > 0).
fn layout(shape: &[i64], dtype: i64, read: &dyn Fn(&[i64]) -> Scalar, separator: &str, prefix: &str, line_width: usize) -> String {
    let summarise = shape_size(shape) > threshold();
    let shown = shown_values(shape, summarise, read);
    let formatter = ElementFormat::new(dtype, &shown);
    let word = |index: &[i64]| formatter.format(read(index));
    let printer = Printer { shape, word: &word, summarise, separator };
    let hanging = format!(" {}", " ".repeat(prefix.len()));
    printer.recurse(&mut Vec::new(), &hanging, line_width)
}

/// `repr(a)` of an array: `array([1., 2.])`, `array([1, 2], dtype=int32)` (NumPy's
/// `_array_repr_implementation`: elements as `str` shows them, separated by `, `, lines
/// aligned under `array(`, then the shape where the elements do not tell it (empty but
/// `(0,)`, or summarised) and the dtype unless it is float64, int64 or bool and there are
/// elements; those extras go to a line of their own when they do not fit).
///
/// # Safety
/// `desc` must be a live descriptor.
pub unsafe fn array_repr(desc: &ArrayDesc) -> String {
    let shape = array::shape(desc).to_vec();
    let size = shape_size(&shape);
    let prefix = "array(";
    let complex = is_complex(desc.dtype);
    let body = if shape.is_empty() && complex {
        let (re, im) = unsafe { (complex_part(desc, &[], 0), complex_part(desc, &[], 1)) };
        let is_f32 = desc.dtype == runtime_abi::DTYPE_C64;
        let real = FloatFormat::new(&[Scalar::F64(re)], is_f32, false);
        let imag = FloatFormat::new(&[Scalar::F64(im)], is_f32, true);
        complex_word(&real, &imag, re, im, is_f32)
    } else if shape.is_empty() {
        let value = unsafe { array::read_scalar(desc, &[]) };
        ElementFormat::new(desc.dtype, &[value]).format(value)
    } else if size == 0 {
        "[]".to_string()
    } else if complex {
        complex_layout(desc, &shape, ", ", prefix, line_width() - 1)
    } else {
        let reader = |index: &[i64]| unsafe { array::read_scalar(desc, index) };
        layout(&shape, desc.dtype, &reader, ", ", prefix, line_width() - 1)
    };
    let mut extras = Vec::new();
    if (size == 0 && shape != [0]) || size > threshold() {
        let dims: Vec<String> = shape.iter().map(|d| d.to_string()).collect();
        extras.push(if dims.len() == 1 { format!("shape=({},)", dims[0]) } else { format!("shape=({})", dims.join(", ")) });
    }
    let implied = matches!(desc.dtype, runtime_abi::DTYPE_F64 | runtime_abi::DTYPE_I64 | runtime_abi::DTYPE_C128 | DTYPE_BOOL);
    if !implied || size == 0 {
        extras.push(format!("dtype={}", runtime_abi::dtype_name(desc.dtype)));
    }
    if extras.is_empty() {
        return format!("{prefix}{body})");
    }
    let text = format!("{prefix}{body},");
    let extra = format!("{})", extras.join(", "));
    let last_line = text.len() - text.rfind('\n').map_or(0, |i| i + 1);
    let spacer = if last_line + extra.len() + 1 > line_width() { format!("\n{}", " ".repeat(prefix.len())) } else { " ".to_string() };
    format!("{text}{spacer}{extra}")
}

/// The indices shown along an axis (the leading and trailing edge items when summarised).
fn shown_indices(extent: i64, summarise: bool) -> Vec<i64> {
    if summarise && extent > 2 * edge_items() {
        (0..edge_items()).chain(extent - edge_items()..extent).collect()
    } else {
        (0..extent).collect()
    }
}

/// The values NumPy's formatter sees: `_leading_trailing` of the array.
fn shown_values(shape: &[i64], summarise: bool, read: &dyn Fn(&[i64]) -> Scalar) -> Vec<Scalar> {
    let per_axis: Vec<Vec<i64>> = shape.iter().map(|&extent| shown_indices(extent, summarise)).collect();
    let counts: Vec<i64> = per_axis.iter().map(|indices| indices.len() as i64).collect();
    let mut values = Vec::new();
    let mut index = vec![0i64; shape.len()];
    array::for_each_index(&counts, |positions| {
        for (axis, &position) in positions.iter().enumerate() {
            index[axis] = per_axis[axis][position as usize];
        }
        values.push(read(&index));
    });
    values
}

/// NumPy's `_extendLine`.
fn extend_line(s: &mut String, line: &mut String, word: &str, line_width: usize, next_line_prefix: &str) {
    let needs_wrap = line.len() + word.len() > line_width && line.len() > next_line_prefix.len();
    if needs_wrap {
        s.push_str(line.trim_end());
        s.push('\n');
        line.clear();
        line.push_str(next_line_prefix);
    }
    line.push_str(word);
}

struct Printer<'a> {
    shape: &'a [i64],
    /// The text of the element at a multi-index.
    word: &'a dyn Fn(&[i64]) -> String,
    summarise: bool,
    /// Between elements: `' '` for `str`, `', '` for `repr`.
    separator: &'a str,
}

impl Printer<'_> {
    /// NumPy's `_formatArray.recurser` (no legacy mode).
    /// Negative entries of `index` count from the end, as in the Python code.
    fn recurse(&self, index: &mut Vec<i64>, hanging_indent: &str, current_width: usize) -> String {
        let axis = index.len();
        let axes_left = self.shape.len() - axis;
        if axes_left == 0 {
            let absolute: Vec<i64> = index
                .iter()
                .zip(self.shape)
                .map(|(&i, &extent)| if i < 0 { i + extent } else { i })
                .collect();
            return (self.word)(&absolute);
        }
        let next_hanging_indent = format!("{hanging_indent} ");
        let next_width = current_width.saturating_sub(1);
        let length = self.shape[axis];
        let show_summary = self.summarise && 2 * edge_items() < length;
        let (leading, trailing) = if show_summary { (edge_items(), edge_items()) } else { (0, length) };
        let nested = |position: i64, index: &mut Vec<i64>| {
            index.push(position);
            let text = self.recurse(index, &next_hanging_indent, next_width);
            index.pop();
            text
        };
        let mut s = String::new();
        let separator = self.separator;
        if axes_left == 1 {
            let element_width = current_width.saturating_sub(separator.trim_end().len().max(1));
            let mut line = hanging_indent.to_string();
            for i in 0..leading {
                let word = nested(i, index);
                extend_line(&mut s, &mut line, &word, element_width, hanging_indent);
                line.push_str(separator);
            }
            if show_summary {
                extend_line(&mut s, &mut line, "...", element_width, hanging_indent);
                line.push_str(separator);
            }
            for i in (2..=trailing).rev() {
                let word = nested(-i, index);
                extend_line(&mut s, &mut line, &word, element_width, hanging_indent);
                line.push_str(separator);
            }
            let word = nested(-1, index);
            extend_line(&mut s, &mut line, &word, element_width, hanging_indent);
            s.push_str(&line);
        } else {
            let line_separator = format!("{}{}", separator.trim_end(), "\n".repeat(axes_left - 1));
            for i in 0..leading {
                let text = nested(i, index);
                s.push_str(hanging_indent);
                s.push_str(&text);
                s.push_str(&line_separator);
            }
            if show_summary {
                s.push_str(hanging_indent);
                s.push_str("...");
                s.push_str(&line_separator);
            }
            for i in (2..=trailing).rev() {
                let text = nested(-i, index);
                s.push_str(hanging_indent);
                s.push_str(&text);
                s.push_str(&line_separator);
            }
            let text = nested(-1, index);
            s.push_str(hanging_indent);
            s.push_str(&text);
        }
        format!("[{}]", &s[hanging_indent.len()..])
    }
}

/// The per-dtype element formatter that NumPy builds from the shown values.
enum ElementFormat {
    Bool,
    Int { width: usize },
    Float(FloatFormat),
}

impl ElementFormat {
    fn new(dtype: i64, values: &[Scalar]) -> ElementFormat {
        match dtype {
            DTYPE_BOOL => ElementFormat::Bool,
            DTYPE_F32 | DTYPE_F64 => ElementFormat::Float(FloatFormat::new(values, dtype == DTYPE_F32, false)),
            _ => {
                let ints = values.iter().map(|&v| match v {
                    Scalar::Int(i) => i,
                    Scalar::Bool(b) => b as i128,
                    Scalar::F32(f) => f as i128,
                    Scalar::F64(f) => f as i128,
                });
                let (min, max) = ints.fold((i128::MAX, i128::MIN), |(lo, hi), v| (lo.min(v), hi.max(v)));
                let width = max.to_string().len().max(min.to_string().len());
                ElementFormat::Int { width }
            }
        }
    }

    fn format(&self, value: Scalar) -> String {
        match (self, value) {
            (ElementFormat::Bool, Scalar::Bool(v)) => if v { " True" } else { "False" }.to_string(),
            (ElementFormat::Int { width }, Scalar::Int(v)) => format!("{v:>width$}"),
            (ElementFormat::Float(float_format), Scalar::F64(v)) => float_format.format(v, false),
            (ElementFormat::Float(float_format), Scalar::F32(v)) => float_format.format(v as f64, true),
            (_, other) => scalar_to_str(other),
        }
    }
}

/// NumPy's `FloatingFormat` with `floatmode='maxprec'`, `sign='-'` (or `'+'`, `plus`: the
/// imaginary parts of complex numbers).
struct FloatFormat {
    plus: bool,
    exp_format: bool,
    precision: usize,
    min_digits: usize,
    pad_left: usize,
    pad_right: usize,
    exp_size: usize,
}

fn shortest(x: f64, is_f32: bool) -> Decimal {
    if is_f32 {
        shortest_f32(x as f32)
    } else {
        shortest_f64(x)
    }
}

/// Dragon4 in positional mode (`unique=True`, `fractional=True`): the shortest
/// digits, rounded at `precision` fraction digits, extended to `min_digits`.
/// Returns the signed integer part and the fraction digits.
fn dragon4_positional(x: f64, is_f32: bool, precision: usize, min_digits: usize) -> (String, String) {
    let mut decimal = shortest(x, is_f32);
    if decimal.fraction_digits() > precision {
        decimal = rounded_fixed(x, precision);
    } else if decimal.fraction_digits() < min_digits {
        decimal = rounded_fixed(x, min_digits);
    }
    let (int_part, mut frac_part) = decimal.positional_parts();
    while frac_part.len() < min_digits {
        frac_part.push('0');
    }
    let sign = if x.is_sign_negative() { "-" } else { "" };
    (format!("{sign}{int_part}"), frac_part)
}

/// Dragon4 in scientific mode (`unique=True`): returns the signed first
/// digit, the mantissa fraction digits and the exponent.
fn dragon4_scientific(x: f64, is_f32: bool, precision: usize, min_digits: usize) -> (String, String, i32) {
    let mut decimal = shortest(x, is_f32);
    if decimal.mantissa_fraction_digits() > precision {
        decimal = rounded_scientific(x, precision);
    } else if decimal.mantissa_fraction_digits() < min_digits {
        decimal = rounded_scientific(x, min_digits);
    }
    let (first, mut rest) = decimal.scientific_parts();
    while rest.len() < min_digits {
        rest.push('0');
    }
    let sign = if x.is_sign_negative() { "-" } else { "" };
    (format!("{sign}{first}"), rest, decimal.sci_exponent())
}

fn exponent_text(exponent: i32, digits: usize) -> String {
    let sign = if exponent < 0 { '-' } else { '+' };
    format!("{sign}{:0digits$}", exponent.unsigned_abs())
}

impl FloatFormat {
    /// NumPy's `FloatingFormat.fillFormat`.
    fn new(values: &[Scalar], is_f32: bool, plus: bool) -> FloatFormat {
        let data: Vec<f64> = values
            .iter()
            .map(|&v| match v {
                Scalar::F32(f) => f as f64,
                Scalar::F64(f) => f,
                Scalar::Int(i) => i as f64,
                Scalar::Bool(b) => b as i64 as f64,
            })
            .collect();
        let finite: Vec<f64> = data.iter().copied().filter(|v| v.is_finite()).collect();
        let abs_non_zero: Vec<f64> = finite.iter().filter(|&&v| v != 0.0).map(|v| v.abs()).collect();
        let mut exp_format = false;
        if !abs_non_zero.is_empty() {
            let max_val = abs_non_zero.iter().copied().fold(f64::MIN, f64::max);
            let min_val = abs_non_zero.iter().copied().fold(f64::MAX, f64::min);
            // The comparisons run in the array's dtype (NumPy 2 treats the
            // Python float constants as weak scalars).
            // `suppress=True` keeps small values out of scientific notation.
            let small = SUPPRESS_OPT.load(Ordering::Relaxed) == 0;
            exp_format = if is_f32 {
                let (max_val, min_val) = (max_val as f32, min_val as f32);
                max_val >= 1e6f32 || (small && (min_val < 0.0001f32 || max_val / min_val > 1000f32))
            } else {
                max_val >= 1e8 || (small && (min_val < 0.0001 || max_val / min_val > 1000.0))
            };
        }
        let sign = |x: f64| if plus && !x.is_sign_negative() { "+" } else { "" };
        let mut format = FloatFormat {
            plus,
            exp_format,
            precision: precision(),
            min_digits: 0,
            pad_left: 0,
            pad_right: 0,
            exp_size: 0,
        };
        if finite.is_empty() {
            // pad_left and pad_right stay 0.
        } else if exp_format {
            let parts: Vec<(String, String, i32)> =
                finite.iter().map(|&x| dragon4_scientific(x, is_f32, precision(), 0)).collect();
            format.exp_size = parts
                .iter()
                .map(|(_, _, exponent)| exponent.unsigned_abs().to_string().len().max(2))
                .max()
                .unwrap_or(2);
            format.precision = parts.iter().map(|(_, rest, _)| rest.len()).max().unwrap_or(0);
            format.min_digits = format.precision;
            format.pad_left = parts.iter().zip(&finite).map(|((first, _, _), &x)| sign(x).len() + first.len()).max().unwrap_or(1);
            format.pad_right = format.exp_size + 2 + format.precision;
        } else {
            let parts: Vec<(String, String)> =
                finite.iter().map(|&x| dragon4_positional(x, is_f32, precision(), 0)).collect();
            format.pad_left = parts.iter().zip(&finite).map(|((int_part, _), &x)| sign(x).len() + int_part.len()).max().unwrap_or(1);
            format.pad_right = parts.iter().map(|(_, frac)| frac.len()).max().unwrap_or(0);
        }
        if finite.len() != data.len() {
            let negative_inf = (plus || data.iter().any(|&v| v.is_infinite() && v < 0.0)) as usize;
            let offset = format.pad_right + 1;
            format.pad_left = format
                .pad_left
                .max(3usize.saturating_sub(offset))
                .max((3 + negative_inf).saturating_sub(offset));
        }
        format
    }

    /// NumPy's `FloatingFormat.__call__`.
    fn format(&self, x: f64, is_f32: bool) -> String {
        if !x.is_finite() {
            let plus = if self.plus { "+" } else { "" };
            let text = if x.is_nan() {
                format!("{plus}nan")
            } else if x < 0.0 {
                "-inf".to_string()
            } else {
                format!("{plus}inf")
            };
            let width = self.pad_left + self.pad_right + 1;
            return format!("{text:>width$}");
        }
        let pad_left = self.pad_left;
        let plus = if self.plus && !x.is_sign_negative() { "+" } else { "" };
        if self.exp_format {
            let (first, rest, exponent) = dragon4_scientific(x, is_f32, self.precision, self.min_digits);
            let first = format!("{plus}{first}");
            format!("{first:>pad_left$}.{rest}e{}", exponent_text(exponent, self.exp_size))
        } else {
            let (int_part, frac_part) = dragon4_positional(x, is_f32, self.precision, self.min_digits);
            let int_part = format!("{plus}{int_part}");
            let pad_right = self.pad_right;
            format!("{int_part:>pad_left$}.{frac_part:<pad_right$}")
        }
    }
}

#[cfg(test)]
mod tests;
