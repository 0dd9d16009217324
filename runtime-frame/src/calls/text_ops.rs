//! Operations on string, datetime and categorical columns: construction from constants,
//! comparisons, `.str` methods, concatenation, `pd.to_datetime`, `.dt` fields,
//! `astype(str)` of numbers, `astype("category")` and `.cat.codes`.
//! Each reads its column by kind and pushes its result as the spec's kind says.

use super::{bug, push_column, push_result, OwnedCol, Operands};
use crate::column::{Column, OwnedColumn, OwnedValues, TimeUnit, Values};
use crate::io::datetime::DateFormat;
use runtime_abi::DTYPE_BOOL;
use runtime_core::errors::{RtError, RtResult};

/// A string column built value by value (`None` missing).
struct StrBuilder {
    offsets: Vec<i64>,
    bytes: Vec<u8>,
    valid: Vec<u8>,
    any_missing: bool,
}

impl StrBuilder {
    fn new(n: usize) -> StrBuilder {
        let mut offsets = Vec::with_capacity(n + 1);
        offsets.push(0);
        StrBuilder { offsets, bytes: Vec::new(), valid: Vec::with_capacity(n), any_missing: false }
    }

    fn push(&mut self, v: Option<&str>) {
        if let Some(s) = v {
            self.bytes.extend_from_slice(s.as_bytes());
        }
        self.any_missing |= v.is_none();
        self.valid.push(v.is_some() as u8);
        self.offsets.push(self.bytes.len() as i64);
    }

    fn finish(self) -> OwnedColumn {
        OwnedColumn { values: OwnedValues::Str { offsets: self.offsets, bytes: self.bytes }, valid: self.any_missing.then_some(self.valid) }
    }
}

/// Each value of a string column, `None` where missing.
/// Each value of a string column (or of a categorical one of strings), `None` where missing.
fn strings<'a>(c: &Column<'a>) -> RtResult<Vec<Option<&'a str>>> {
    match c.values {
        Values::Str { .. } => (0..c.len())
            .map(|i| if c.is_valid(i) { c.str_at(i).map(Some).ok_or_else(|| bug("a string that is not UTF-8")) } else { Ok(None) })
            .collect(),
        Values::Category { codes, categories } => {
            let names = strings(categories)?;
            Ok((0..c.len()).map(|i| if c.is_missing(i) { None } else { names[codes[i] as usize] }).collect())
        }
        _ => Err(bug("a string operation on a column that is not str")),
    }
}

fn bools(v: Vec<bool>) -> RtResult<()> {
    let bytes: Vec<u8> = v.into_iter().map(u8::from).collect();
    push_result(runtime_core::array::from_vec(DTYPE_BOOL, bytes)?);
    Ok(())
}

/// Python's `str.isspace` of one character.
fn py_space(c: char) -> bool {
    c.is_whitespace() || ('\x1c'..='\x1f').contains(&c)
}

/// Python's `str.zfill`.
fn zfill(s: &str, width: usize) -> String {
    let n = s.chars().count();
    if n >= width {
        return s.to_string();
    }
    let pad = "0".repeat(width - n);
    match s.chars().next() {
        Some(sign @ ('+' | '-')) => format!("{sign}{pad}{}", &s[1..]),
        _ => format!("{pad}{s}"),
    }
}

/// `str.pad(width, side, fillchar)`, as Python's `rjust`/`ljust`/`center`.
fn pad(s: &str, width: usize, side: &str, fill: char) -> String {
    let n = s.chars().count();
    if n >= width {
        return s.to_string();
    }
    let total = width - n;
    let (left, right) = match side {
        "left" => (total, 0),
        "right" => (0, total),
        // CPython's `center`: the extra character goes left when the string's length
        // and the width are both odd.
        _ => {
            let left = total / 2 + (total & width & 1);
            (left, total - left)
        }
    };
    let f = |k: usize| std::iter::repeat_n(fill, k).collect::<String>();
    format!("{}{s}{}", f(left), f(right))
}

/// The civil date of a day number since the epoch (proleptic Gregorian).
fn civil(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + (month <= 2) as i64;
    (year, month, day)
}

/// The field `name` of a datetime (µs since the epoch), as `.dt.<name>` gives it.
fn dt_field(name: &str, micros: i64) -> RtResult<i32> {
    let days = micros.div_euclid(86_400_000_000);
    let within = micros.rem_euclid(86_400_000_000);
    let (y, m, d) = civil(days);
    Ok(match name {
        "year" => y as i32,
        "month" => m as i32,
        "day" => d as i32,
        "quarter" => ((m - 1) / 3 + 1) as i32,
        // Monday is 0; 1970-01-01 was a Thursday.
        "weekday" | "dayofweek" | "day_of_week" => (days + 3).rem_euclid(7) as i32,
        "dayofyear" | "day_of_year" => {
            let jan1 = days_from_civil(y, 1, 1);
            (days - jan1 + 1) as i32
        }
        "hour" => (within / 3_600_000_000) as i32,
        "minute" => (within / 60_000_000 % 60) as i32,
        "second" => (within / 1_000_000 % 60) as i32,
        other => return Err(bug(&format!("an unknown datetime field `{other}`"))),
    })
}

fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = (m as i64 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Runs operation `op` of the spec `fields` on the operands.
pub(super) fn run(op: &str, fields: &[String], ops: &mut Operands) -> RtResult<()> {
    let field = |i: usize| fields.get(i).map(String::as_str).ok_or_else(|| bug("a spec with too few fields"));
    match op {
        "str_lit" => {
            // `str_lit`, the result's kind, then per value `1` and its text, or `0` and an
            // empty field for None.
            let mut b = StrBuilder::new(fields.len() / 2);
            for pair in fields[2..].chunks(2) {
                let [has, text] = pair else { return Err(bug("a bad string literal")) };
                b.push((has == "1").then_some(text.as_str()));
            }
            push_column(b.finish(), field(1)?, "a string list")
        }
        "str_fill" => {
            // `str_fill`, the text: operand the length.
            let n = ops.int()?.max(0) as usize;
            let text = field(1)?;
            let mut b = StrBuilder::new(n);
            for _ in 0..n {
                b.push(Some(text));
            }
            push_column(b.finish(), "str", "a string column")
        }
        "str_set" => {
            // `str_set`, the column's kind (or `none` for a new column), the text:
            // operands the column (unless none), then a bool mask of the rows to set.
            let kind = field(1)?;
            let old = if kind == "none" { None } else { Some(OwnedCol::read(kind, ops)?) };
            let mask = super::typed::<u8>(ops.array()?, DTYPE_BOOL, "a row mask")?;
            let values = match &old {
                Some(c) => strings(&c.column())?,
                None => vec![None; mask.len()],
            };
            if values.len() != mask.len() {
                return Err(bug("a mask of another length"));
            }
            let text = field(2)?;
            let mut b = StrBuilder::new(values.len());
            for (v, &m) in values.iter().zip(mask.iter()) {
                b.push(if m != 0 { Some(text) } else { *v });
            }
            let masked = kind == "none" || kind.ends_with('?');
            push_column(b.finish(), if masked { "str?" } else { "str" }, "a loc assignment")
        }
        "str_fillna" => {
            // `str_fillna`, the column's kind, the text: missing values replaced.
            let col = OwnedCol::read(field(1)?, ops)?;
            let text = field(2)?;
            let values = strings(&col.column())?;
            let mut b = StrBuilder::new(values.len());
            for v in &values {
                b.push(Some(v.unwrap_or(text)));
            }
            push_column(b.finish(), "str", "fillna")
        }
        "str_cmp" => {
            // `str_cmp`, the comparison, the text, the column's kind. Missing values
            // compare false, except by `!=`.
            let col = OwnedCol::read(field(3)?, ops)?;
            let values = strings(&col.column())?;
            let (cmp, text) = (field(1)?, field(2)?);
            let out = values
                .iter()
                .map(|v| match v {
                    None => cmp == "ne",
                    Some(s) => match cmp {
                        "eq" => *s == text,
                        "ne" => *s != text,
                        "lt" => *s < text,
                        "le" => *s <= text,
                        "gt" => *s > text,
                        _ => *s >= text,
                    },
                })
                .collect();
            bools(out)
        }
        "str_isin" => {
            // `str_isin`, the column's kind, then the texts.
            let col = OwnedCol::read(field(1)?, ops)?;
            let set: std::collections::HashSet<&str> = fields[2..].iter().map(String::as_str).collect();
            bools(strings(&col.column())?.iter().map(|v| v.is_some_and(|s| set.contains(s))).collect())
        }
        "str_method" => {
            // `str_method`, the method, the column's kind, the result's kind, its arguments.
            let (method, kind, result) = (field(1)?, field(2)?, field(3)?);
            let args = &fields[4..];
            let arg = |i: usize| args.get(i).map(String::as_str).ok_or_else(|| bug("a string method without its argument"));
            let col = OwnedCol::read(kind, ops)?;
            let values = strings(&col.column())?;
            // A missing value gives False, or stays missing in a result with a mask (pandas'
            // nullable `boolean` of a `string` column).
            let predicate = |f: &dyn Fn(&str) -> bool| {
                let out: Vec<bool> = values.iter().map(|v| v.is_some_and(f)).collect();
                if super::split_kind(result).1 {
                    let valid = col.valid.as_ref().map(|v| v.to_vec());
                    push_column(OwnedColumn { values: OwnedValues::Bool(out.into_iter().map(u8::from).collect()), valid }, result, "a string predicate")
                } else {
                    bools(out)
                }
            };
            match method {
                "contains" => predicate(&|s| s.contains(args[0].as_str())),
                "startswith" => predicate(&|s| s.starts_with(args[0].as_str())),
                "endswith" => predicate(&|s| s.ends_with(args[0].as_str())),
                "len" => {
                    let lens = values.iter().map(|v| v.map_or(0, |s| s.chars().count() as i64)).collect();
                    let valid = col.valid.as_ref().map(|v| v.to_vec());
                    push_column(OwnedColumn { values: OwnedValues::I64(lens), valid }, result, "str.len() of a column with missing values")
                }
                _ => {
                    let width = || arg(0).and_then(|w| w.parse::<usize>().map_err(|_| bug("a bad width")));
                    let mut b = StrBuilder::new(values.len());
                    for v in &values {
                        let Some(s) = v else {
                            b.push(None);
                            continue;
                        };
                        let r = match method {
                            "lower" => s.to_lowercase(),
                            "upper" => s.to_uppercase(),
                            "strip" => s.trim_matches(py_space).to_string(),
                            "lstrip" => s.trim_start_matches(py_space).to_string(),
                            "rstrip" => s.trim_end_matches(py_space).to_string(),
                            "replace" => s.replace(arg(0)?, arg(1)?),
                            "zfill" => zfill(s, width()?),
                            "pad" => pad(s, width()?, arg(1)?, arg(2)?.chars().next().unwrap_or(' ')),
                            other => return Err(bug(&format!("an unknown string method `{other}`"))),
                        };
                        b.push(Some(&r));
                    }
                    push_column(b.finish(), result, "a string method's result")
                }
            }
        }
        "to_datetime" => {
            // `to_datetime`, the format (empty: pandas' guess from the first value), the
            // column's kind, the result's kind.
            let col = OwnedCol::read(field(2)?, ops)?;
            let values = strings(&col.column())?;
            let format = match field(1)? {
                "" => values.iter().flatten().next().map(|first| DateFormat::infer(first.as_bytes())).unwrap_or(DateFormat::explicit("ISO8601").ok()),
                f => Some(DateFormat::explicit(f).map_err(RtError::value)?),
            };
            let Some(format) = format else {
                return Err(RtError::value("legatec: pd.to_datetime could not guess the format of these dates; pass format=".to_string()));
            };
            let mut ticks = Vec::with_capacity(values.len());
            let mut valid = Vec::with_capacity(values.len());
            for v in values.iter() {
                match v {
                    None => {
                        ticks.push(i64::MIN);
                        valid.push(0);
                    }
                    Some(s) => {
                        let Some(instant) = format.parse(s.as_bytes()) else {
                            return Err(RtError::value(format.mismatch_message(s)));
                        };
                        if instant.needs_nanos {
                            return Err(RtError::value(format!("legatec: \"{s}\" has digits below the microsecond, which pandas keeps as datetime64[ns]; legatec has datetime64[us] only")));
                        }
                        ticks.push(instant.ticks(TimeUnit::Micro));
                        valid.push(1);
                    }
                }
            }
            let any_missing = valid.contains(&0);
            push_column(OwnedColumn { values: OwnedValues::DateTime { ticks, unit: TimeUnit::Micro }, valid: any_missing.then_some(valid) }, field(3)?, "pd.to_datetime")
        }
        "dt_field" => {
            // `dt_field`, the field, the column's kind: an int32 column (pandas gives
            // float64 with NaN where a value is NaT, a dtype chosen by the data).
            let col = OwnedCol::read(field(2)?, ops)?;
            let c = col.column();
            let Values::DateTime { ticks, .. } = c.values else { return Err(bug("a .dt field of a column that is not datetime")) };
            let mut out = Vec::with_capacity(ticks.len());
            for i in 0..ticks.len() {
                if c.is_missing(i) {
                    return Err(RtError::value(format!("legatec: .dt.{} of a column with NaT values, which pandas makes float64 (a dtype chosen by the data); drop them first", field(1)?)));
                }
                out.push(dt_field(field(1)?, ticks[i])?);
            }
            push_result(runtime_core::array::from_vec(runtime_abi::DTYPE_I32, out)?);
            Ok(())
        }
        "to_cat" => {
            // `to_cat`, the column's kind, the result's kind: categories are the sorted
            // distinct strings, codes -1 where missing.
            let col = OwnedCol::read(field(1)?, ops)?;
            let values = strings(&col.column())?;
            let mut distinct: Vec<&str> = values.iter().flatten().copied().collect();
            distinct.sort_unstable();
            distinct.dedup();
            let codes = values.iter().map(|v| v.map_or(-1, |s| distinct.binary_search(&s).expect("a listed value") as i32)).collect();
            let mut cats = StrBuilder::new(distinct.len());
            for s in &distinct {
                cats.push(Some(s));
            }
            let categories = Box::new(cats.finish());
            let valid = col.valid.as_ref().map(|v| v.to_vec());
            push_column(OwnedColumn { values: OwnedValues::Category { codes, categories }, valid }, field(2)?, "astype(\"category\")")
        }
        "to_str" => {
            // `to_str`, the column's kind, the result's kind: Python's `str()` of each number
            // or bool; NaN and missing values stay missing (pandas 3's `astype(str)`).
            let col = OwnedCol::read(field(1)?, ops)?;
            let c = col.column();
            let mut b = StrBuilder::new(c.len());
            for i in 0..c.len() {
                if c.is_missing(i) {
                    b.push(None);
                } else {
                    let text = super::index_text::number_text(&c.values, i).ok_or_else(|| bug("to_str of a column that is not numeric"))?;
                    b.push(Some(&text));
                }
            }
            push_column(b.finish(), field(2)?, "astype(str)")
        }
        "str_concat" => {
            // `str_concat`, then per side (left, right) its kind and text: a str column's
            // kind and "" (its operands pushed in that order), or "" and a constant; then
            // the result's kind. A missing value on either side is missing.
            let mut sides = Vec::new();
            for k in [1, 3] {
                sides.push(match field(k)? {
                    "" => None,
                    kind => Some(OwnedCol::read(kind, ops)?),
                });
            }
            let texts: Vec<Option<Vec<Option<&str>>>> = sides.iter().map(|c| c.as_ref().map(|c| strings(&c.column())).transpose()).collect::<RtResult<_>>()?;
            let n = texts.iter().flatten().map(Vec::len).max().unwrap_or(0);
            if texts.iter().flatten().any(|t| t.len() != n) {
                return Err(bug("string columns of different lengths"));
            }
            let (left, right) = (field(2)?, field(4)?);
            let mut b = StrBuilder::new(n);
            let mut joined = String::new();
            for i in 0..n {
                let l = texts[0].as_ref().map_or(Some(left), |t| t[i]);
                let r = texts[1].as_ref().map_or(Some(right), |t| t[i]);
                match (l, r) {
                    (Some(l), Some(r)) => {
                        joined.clear();
                        joined.push_str(l);
                        joined.push_str(r);
                        b.push(Some(&joined));
                    }
                    _ => b.push(None),
                }
            }
            push_column(b.finish(), field(5)?, "a string concatenation")
        }
        "cat_codes" => {
            // `cat_codes`, the column's kind: the codes as int8, -1 where missing. pandas
            // chooses the codes' dtype by the number of categories: int8 below 127, int16
            // below 32767, ...; the program was compiled for int8.
            let col = OwnedCol::read(field(1)?, ops)?;
            let c = col.column();
            let Values::Category { codes, categories } = c.values else { return Err(bug("cat_codes of a column that is not categorical")) };
            if categories.len() >= i8::MAX as usize {
                return Err(RtError::value(format!(
                    "legatec: .cat.codes of a column with {} categories, which pandas makes int16 or wider (a dtype chosen by the data); legatec compiles .cat.codes as int8, for fewer than 127 categories",
                    categories.len()
                )));
            }
            let out: Vec<i8> = codes.iter().enumerate().map(|(i, &code)| if c.is_valid(i) { code as i8 } else { -1 }).collect();
            push_result(runtime_core::array::from_vec(runtime_abi::DTYPE_I8, out)?);
            Ok(())
        }
        other => Err(bug(&format!("an unknown operation `{other}`"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::datetime::timestamp_micros;

    #[test]
    fn civil_dates_and_fields() {
        assert_eq!(civil(0), (1970, 1, 1));
        assert_eq!(days_from_civil(2000, 2, 29), civil_inverse(2000, 2, 29));
        assert_eq!(civil(days_from_civil(2024, 12, 31)), (2024, 12, 31));
        assert_eq!(civil(days_from_civil(1900, 3, 1)), (1900, 3, 1));
        let t = timestamp_micros("2020-01-02 03:04:05").unwrap();
        assert_eq!(dt_field("year", t).unwrap(), 2020);
        assert_eq!(dt_field("weekday", t).unwrap(), 3);
        assert_eq!(dt_field("dayofyear", t).unwrap(), 2);
        assert_eq!(dt_field("second", t).unwrap(), 5);
        assert_eq!(dt_field("year", -1).unwrap(), 1969);
    }

    fn civil_inverse(y: i64, m: u32, d: u32) -> i64 {
        (0..200_000i64).map(|k| k - 100_000).find(|&k| civil(k) == (y, m, d)).unwrap()
    }

    #[test]
    fn python_padding() {
        assert_eq!(zfill("-5", 4), "-005");
        assert_eq!(zfill("ab", 4), "00ab");
        assert_eq!(pad("ab", 5, "both", '*'), "**ab*");
        assert_eq!(pad("abc", 6, "both", '*'), "*abc**");
        assert_eq!(pad("a", 4, "both", '*'), "*a**");
        assert_eq!(pad("ab", 4, "left", ' '), "  ab");
    }
}
