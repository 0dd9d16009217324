//! A column's values as pandas would hold them for printing, and pandas' `format_array`
//! over them: which formatter applies (float, integer, datetime or the generic one for
//! booleans, strings and objects) and the text of each value.
//!
//! Columns with a validity mask are printed as pandas holds them after an operation such
//! as a left merge introduced the missing values: an integer column becomes `float64`
//! with `NaN`, a boolean column becomes `object` holding `True`, `False` and `NaN`. Float,
//! string, category and datetime columns keep their dtype and print `NaN` (`NaT`).

use super::datetime::{format_datetime_array, timestamp_text};
use super::float::{format_float_array, trim_zeros_single_float};
use super::text::{escape_controls, make_fixed_width, Justify};
use crate::column::{Column, TimeUnit, Values};

/// Values gathered for the rows being printed, in the form pandas formats them.
#[derive(Clone, Debug)]
pub(crate) enum Printed {
    /// A float64 (or float32, `single`) array; missing values are NaN.
    Float { values: Vec<f64>, single: bool },
    /// An integer array without missing values.
    Int(Vec<i128>),
    /// A NumPy bool array without missing values.
    Bool(Vec<bool>),
    /// An object (or `str`) array: the text of each value, `None` for NaN.
    Object(Vec<Option<String>>),
    /// A datetime64 array; `None` is NaT.
    DateTime {
        ticks: Vec<Option<i64>>,
        unit: TimeUnit,
    },
    /// A nullable extension array (`string`, `Int64`, `boolean`, `Float64`), which pandas
    /// formats as the object array of its values with `str` (`ExtensionArrayFormatter`).
    Boxed(Vec<Boxed>),
}

/// A value of a nullable extension array, as pandas' generic formatter sees it.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Boxed {
    /// `pd.NA`: `<NA>`.
    Na,
    /// A float, formatted alone (`_trim_zeros_single_float(f"{x: .{precision}f}")`).
    Float(f64),
    /// `str(x)` of any other value.
    Text(String),
}

/// The values at `rows` of a nullable extension column.
fn gather_boxed(column: &Column, rows: &[usize]) -> Vec<Boxed> {
    rows.iter()
        .map(|&r| {
            if !column.is_valid(r) {
                return Boxed::Na;
            }
            match column.values {
                Values::F64(v) => Boxed::Float(v[r]),
                Values::F32(v) => Boxed::Float(f64::from(v[r])),
                Values::Bool(v) => Boxed::Text(bool_text(v[r] != 0).to_string()),
                Values::Str { .. } => Boxed::Text(column.str_at(r).unwrap_or_default().to_string()),
                ref values => Boxed::Text(integer_at(values, r).unwrap_or(0).to_string()),
            }
        })
        .collect()
}

/// The integer at `row` of an integer column, widened.
fn integer_at(values: &Values, row: usize) -> Option<i128> {
    Some(match *values {
        Values::I8(v) => i128::from(v[row]),
        Values::I16(v) => i128::from(v[row]),
        Values::I32(v) => i128::from(v[row]),
        Values::I64(v) => i128::from(v[row]),
        Values::U8(v) => i128::from(v[row]),
        Values::U16(v) => i128::from(v[row]),
        Values::U32(v) => i128::from(v[row]),
        Values::U64(v) => i128::from(v[row]),
        _ => return None,
    })
}

/// The value at `row` of an integer column converted to float64 as NumPy does.
pub(crate) fn integer_as_float(values: &Values, row: usize) -> f64 {
    match *values {
        Values::I64(v) => v[row] as f64,
        Values::U64(v) => v[row] as f64,
        _ => integer_at(values, row).unwrap_or(0) as f64,
    }
}

/// Whether a datetime tick is NumPy's NaT sentinel.
fn is_nat(tick: i64) -> bool {
    tick == i64::MIN
}

/// Gathers `rows` of `column` in the form pandas prints them.
pub(crate) fn gather(column: &Column, rows: &[usize]) -> Printed {
    if column.na {
        return Printed::Boxed(gather_boxed(column, rows));
    }
    let valid = |row: usize| column.is_valid(row);
    match column.values {
        Values::F64(v) => Printed::Float {
            values: rows
                .iter()
                .map(|&r| if valid(r) { v[r] } else { f64::NAN })
                .collect(),
            single: false,
        },
        Values::F32(v) => Printed::Float {
            values: rows
                .iter()
                .map(|&r| if valid(r) { f64::from(v[r]) } else { f64::NAN })
                .collect(),
            single: true,
        },
        Values::Bool(v) => {
            if column.valid.is_none() {
                Printed::Bool(rows.iter().map(|&r| v[r] != 0).collect())
            } else {
                Printed::Object(
                    rows.iter()
                        .map(|&r| valid(r).then(|| bool_text(v[r] != 0).to_string()))
                        .collect(),
                )
            }
        }
        Values::Str { .. } => Printed::Object(
            rows.iter()
                .map(|&r| {
                    if valid(r) {
                        column.str_at(r).map(str::to_string)
                    } else {
                        None
                    }
                })
                .collect(),
        ),
        Values::DateTime { ticks, unit } => Printed::DateTime {
            ticks: rows
                .iter()
                .map(|&r| (valid(r) && !is_nat(ticks[r])).then_some(ticks[r]))
                .collect(),
            unit,
        },
        Values::Category { codes, categories } => {
            let positions: Vec<Option<usize>> = rows
                .iter()
                .map(|&r| (valid(r) && codes[r] >= 0).then_some(codes[r] as usize))
                .collect();
            gather_categories(categories, &positions)
        }
        ref values => {
            if column.valid.is_none() {
                Printed::Int(
                    rows.iter()
                        .map(|&r| integer_at(values, r).unwrap_or(0))
                        .collect(),
                )
            } else {
                Printed::Float {
                    values: rows
                        .iter()
                        .map(|&r| {
                            if valid(r) {
                                integer_as_float(values, r)
                            } else {
                                f64::NAN
                            }
                        })
                        .collect(),
                    single: false,
                }
            }
        }
    }
}

/// pandas' `Categorical._internal_get_values`: the categories taken at each code, in the
/// categories' own dtype (integers and booleans become objects when a code is missing).
fn gather_categories(categories: &Column, positions: &[Option<usize>]) -> Printed {
    let any_missing = positions.iter().any(Option::is_none);
    let taken_rows: Vec<usize> = positions.iter().map(|p| p.unwrap_or(0)).collect();
    match gather(categories, &taken_rows) {
        Printed::Float { mut values, single } => {
            for (value, position) in values.iter_mut().zip(positions) {
                if position.is_none() {
                    *value = f64::NAN;
                }
            }
            Printed::Float { values, single }
        }
        Printed::Int(values) if any_missing => Printed::Object(
            values
                .iter()
                .zip(positions)
                .map(|(v, p)| p.map(|_| v.to_string()))
                .collect(),
        ),
        Printed::Bool(values) if any_missing => Printed::Object(
            values
                .iter()
                .zip(positions)
                .map(|(&v, p)| p.map(|_| bool_text(v).to_string()))
                .collect(),
        ),
        Printed::Object(values) => Printed::Object(
            values
                .into_iter()
                .zip(positions)
                .map(|(v, p)| p.and(v))
                .collect(),
        ),
        Printed::DateTime { ticks, unit } => Printed::DateTime {
            ticks: ticks
                .into_iter()
                .zip(positions)
                .map(|(t, p)| p.and(t))
                .collect(),
            unit,
        },
        other => other,
    }
}

fn bool_text(value: bool) -> &'static str {
    if value {
        "True"
    } else {
        "False"
    }
}

/// pandas' `_format_strings` of the formatter for these values: one text per value,
/// before padding. `leading_space` is pandas' flag of the same name (a space before
/// every non-float value, and in the float format).
/// `justify` matters to floats only: left-justified NaNs get a space like the numbers.
pub(crate) fn format_strings(
    printed: &Printed,
    digits: usize,
    leading_space: bool,
    justify: Justify,
) -> Vec<String> {
    let space = if leading_space { " " } else { "" };
    match printed {
        Printed::Float { values, single } => {
            let na_rep = if justify == Justify::Left {
                " NaN"
            } else {
                "NaN"
            };
            format_float_array(values, *single, digits, leading_space, na_rep)
        }
        // Python's `f"{x: d}"`: the space stands in for a minus sign.
        Printed::Int(values) => values
            .iter()
            .map(|v| {
                if *v < 0 {
                    v.to_string()
                } else {
                    format!("{space}{v}")
                }
            })
            .collect(),
        Printed::Bool(values) => values
            .iter()
            .map(|&v| format!("{space}{}", bool_text(v)))
            .collect(),
        Printed::Object(values) => values
            .iter()
            .map(|v| match v {
                Some(text) => format!("{space}{}", escape_controls(text)),
                None => format!("{space}NaN"),
            })
            .collect(),
        Printed::DateTime { ticks, unit } => format_datetime_array(ticks, *unit),
        // pandas' `_GenericArrayFormatter._format_strings` over the object array: a float
        // alone in the float format, anything else `str` after the leading space.
        Printed::Boxed(values) => values
            .iter()
            .map(|v| match v {
                Boxed::Float(x) if !x.is_nan() => {
                    // Python's `f"{x: .6f}"`: a space where the sign of a positive goes.
                    let text = format!("{x:.digits$}");
                    trim_zeros_single_float(&if text.starts_with('-') { text } else { format!(" {text}") })
                }
                Boxed::Float(_) => format!("{space}NaN"),
                Boxed::Na => format!("{space}<NA>"),
                Boxed::Text(text) => format!("{space}{text}"),
            })
            .collect(),
    }
}

/// pandas' `format_array(values, None, ...)`: the formatted values padded to one width
/// (values wider than `max_colwidth` are cut).
pub(crate) fn format_array(
    printed: &Printed,
    digits: usize,
    justify: Justify,
    max_colwidth: usize,
) -> Vec<String> {
    let strings = format_strings(printed, digits, true, justify);
    make_fixed_width(strings, justify, None, max_colwidth).0
}

/// The dtype pandas gives the column (after the promotions described in the module
/// documentation): `int64`, `float64`, `bool`, `object`, `str`, `category`,
/// `datetime64[us]`, ...
pub fn dtype_name(column: &Column) -> String {
    if column.na {
        return match column.values {
            Values::Str { .. } => "string".to_string(),
            Values::Bool(_) => "boolean".to_string(),
            Values::F32(_) => "Float32".to_string(),
            Values::F64(_) => "Float64".to_string(),
            Values::I8(_) => "Int8".to_string(),
            Values::I16(_) => "Int16".to_string(),
            Values::I32(_) => "Int32".to_string(),
            Values::I64(_) => "Int64".to_string(),
            Values::U8(_) => "UInt8".to_string(),
            Values::U16(_) => "UInt16".to_string(),
            Values::U32(_) => "UInt32".to_string(),
            Values::U64(_) => "UInt64".to_string(),
            Values::Category { .. } | Values::DateTime { .. } => unreachable!("no nullable extension dtype of categories or datetimes"),
        };
    }
    let masked = column.valid.is_some();
    let integer = |name: &str| {
        if masked {
            "float64".to_string()
        } else {
            name.to_string()
        }
    };
    match column.values {
        Values::Bool(_) => if masked { "object" } else { "bool" }.to_string(),
        Values::I8(_) => integer("int8"),
        Values::I16(_) => integer("int16"),
        Values::I32(_) => integer("int32"),
        Values::I64(_) => integer("int64"),
        Values::U8(_) => integer("uint8"),
        Values::U16(_) => integer("uint16"),
        Values::U32(_) => integer("uint32"),
        Values::U64(_) => integer("uint64"),
        Values::F32(_) => "float32".to_string(),
        Values::F64(_) => "float64".to_string(),
        Values::Str { .. } => "str".to_string(),
        Values::Category { .. } => "category".to_string(),
        Values::DateTime { unit, .. } => format!("datetime64[{}]", unit.suffix()),
    }
}

/// Whether pandas' `is_numeric_dtype` holds for the column's printed dtype (numeric
/// columns get a space before their header).
pub(crate) fn is_numeric(column: &Column) -> bool {
    let name = dtype_name(column).to_ascii_lowercase();
    name.starts_with("int")
        || name.starts_with("uint")
        || name.starts_with("float")
        || name == "bool"
        || name == "boolean"
}

/// Whether pandas formats an index of this column's dtype without padding (`justify="all"`:
/// object, string and categorical indexes).
pub(crate) fn is_object_like(column: &Column) -> bool {
    matches!(dtype_name(column).as_str(), "object" | "str" | "string" | "category")
}

/// `pprint_thing` of the value at `row`, as pandas lists the labels of an index
/// (`Index: [...]` of an empty frame): floats with `precision` decimals, trailing zeros
/// trimmed; missing values `nan` (or `NaT`).
pub(crate) fn label_text(column: &Column, row: usize, precision: usize) -> String {
    let float_text = |value: f64| {
        if value.is_nan() {
            "nan".to_string()
        } else {
            trim_zeros_single_float(&format!("{value:.precision$}"))
        }
    };
    match gather(column, &[row]) {
        Printed::Float { values, .. } => float_text(values[0]),
        Printed::Int(values) => values[0].to_string(),
        Printed::Bool(values) => bool_text(values[0]).to_string(),
        Printed::Object(values) => values[0].clone().unwrap_or_else(|| "nan".to_string()),
        Printed::DateTime { ticks, unit } => match ticks[0] {
            Some(tick) => timestamp_text(tick, unit),
            None => "NaT".to_string(),
        },
        Printed::Boxed(values) => match &values[0] {
            Boxed::Na => "<NA>".to_string(),
            Boxed::Float(x) => float_text(*x),
            Boxed::Text(text) => text.clone(),
        },
    }
}
