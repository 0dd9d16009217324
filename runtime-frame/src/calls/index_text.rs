//! `print(df.index)`: pandas 3.1's `Index.__repr__` and `RangeIndex.__repr__` (laid out by
//! `repr/summary.rs`).
//!
//! Whether pandas holds an index of int64 labels as a `RangeIndex` depends on the labels
//! when it was made: the rows taken from a `RangeIndex` stay one when evenly spaced (or
//! fewer than two), and `set_index` of an int64 column makes one when the column is evenly
//! spaced with at least two values (or empty). The compiler says which rule applies.

use runtime_core::errors::RtResult;
use runtime_core::format::{np_float32_str, py_float_repr};

use super::bug;
use crate::column::{Column, Index, Values};
use crate::repr::summary::{assemble, pprint_str, summary, MAX_SEQ_ITEMS};


/// How pandas came to hold a single level of labels (see the module comment).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Made {
    /// An `Index` whatever the labels.
    Labels,
    /// Rows taken from a `RangeIndex`.
    Taken,
    /// `set_index` of a column.
    SetIndex,
}

impl Made {
    pub(super) fn decode(field: &str) -> RtResult<Made> {
        match field {
            "labels" => Ok(Made::Labels),
            "taken" => Ok(Made::Taken),
            "set_index" => Ok(Made::SetIndex),
            other => Err(bug(&format!("an unknown index origin `{other}`"))),
        }
    }
}

/// pandas' `pprint_thing(value, quote_strings=True)` of one label.
fn label(c: &Column, row: usize) -> RtResult<String> {
    if c.is_missing(row) {
        return Ok("nan".into());
    }
    if let Some(text) = number_text(&c.values, row) {
        return Ok(text);
    }
    Ok(match c.values {
        Values::Str { .. } => {
            pprint_str(c.str_at(row).ok_or_else(|| bug("a label that is not UTF-8"))?)
        }
        _ => return Err(bug("an index of labels legatec does not print")),
    })
}

/// Python's `str()` of the number or bool at `row` (`None` for other columns).
pub(super) fn number_text(values: &Values, row: usize) -> Option<String> {
    Some(match *values {
        Values::Bool(v) => if v[row] != 0 { "True" } else { "False" }.into(),
        Values::I8(v) => v[row].to_string(),
        Values::I16(v) => v[row].to_string(),
        Values::I32(v) => v[row].to_string(),
        Values::I64(v) => v[row].to_string(),
        Values::U8(v) => v[row].to_string(),
        Values::U16(v) => v[row].to_string(),
        Values::U32(v) => v[row].to_string(),
        Values::U64(v) => v[row].to_string(),
        Values::F32(v) => np_float32_str(v[row]),
        Values::F64(v) => py_float_repr(v[row]),
        _ => return None,
    })
}

fn name_attr(name: Option<&str>, attrs: &mut Vec<(String, String)>) {
    if let Some(name) = name {
        attrs.push(("name".into(), pprint_str(name)));
    }
}

fn range_repr(start: i64, stop: i64, step: i64, name: Option<&str>) -> String {
    let mut attrs = vec![("start".into(), start.to_string()), ("stop".into(), stop.to_string()), ("step".into(), step.to_string())];
    name_attr(name, &mut attrs);
    assemble("RangeIndex", "", &attrs)
}

/// The step of evenly spaced int64 labels (`Some(1)` for fewer than two), if they are.
fn even_step(labels: &[i64]) -> Option<i64> {
    if labels.len() < 2 {
        return Some(1);
    }
    let step = labels[1].checked_sub(labels[0])?;
    (step != 0 && labels.windows(2).all(|w| w[1].checked_sub(w[0]) == Some(step))).then_some(step)
}

/// `repr(index)` of an index of `len` rows.
pub(super) fn index_repr(index: &Index, len: usize, made: Made) -> RtResult<String> {
    let (name, col) = match index {
        Index::Range { start, step, name } => return Ok(range_repr(*start, start + step * len as i64, *step, *name)),
        Index::Levels(levels) if levels.len() == 1 => (levels[0].0, &levels[0].1),
        Index::Levels(_) => return Err(bug("the repr of a MultiIndex")),
    };
    if let (Values::I64(labels), None, Made::Taken | Made::SetIndex) = (col.values, col.valid, made) {
        let ranged = match made {
            Made::Taken => even_step(labels),
            _ if labels.len() == 1 => None,
            _ => even_step(labels),
        };
        if let Some(step) = ranged {
            let start = labels.first().copied().unwrap_or(0);
            let stop = labels.last().map_or(0, |&last| last + step);
            return Ok(range_repr(start, stop, step, name));
        }
    }
    let values = (0..col.len()).map(|row| label(col, row)).collect::<RtResult<Vec<_>>>()?;
    let justify = !matches!(col.values, Values::Str { .. });
    let data = summary(&values, justify, "Index");
    let mut attrs = vec![("dtype".into(), format!("'{}'", crate::repr::dtype_name(col)))];
    name_attr(name, &mut attrs);
    if col.len() > MAX_SEQ_ITEMS {
        attrs.push(("length".into(), col.len().to_string()));
    }
    Ok(assemble("Index", &data, &attrs))
}
