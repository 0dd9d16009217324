//! `print(df.index)`: pandas 3.1's `Index.__repr__` and `RangeIndex.__repr__` (the values
//! laid out by `format_object_summary`, the attributes wrapped at `display.width`, 80; an
//! index's repr does not follow the terminal as a frame's does).
//!
//! Whether pandas holds an index of int64 labels as a `RangeIndex` depends on the labels
//! when it was made: the rows taken from a `RangeIndex` stay one when evenly spaced (or
//! fewer than two), and `set_index` of an int64 column makes one when the column is evenly
//! spaced with at least two values (or empty). The compiler says which rule applies.

use runtime_core::errors::RtResult;
use runtime_core::format::{np_float32_str, py_float_repr};

use super::bug;
use crate::column::{Column, Index, Values};

const WIDTH: usize = 80;
const MAX_SEQ_ITEMS: usize = 100;

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
    Ok(match c.values {
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
        Values::Str { .. } => {
            let text = c.str_at(row).ok_or_else(|| bug("a label that is not UTF-8"))?;
            format!("'{}'", text.replace('\t', "\\t").replace('\n', "\\n").replace('\r', "\\r"))
        }
        _ => return Err(bug("an index of labels legatec does not print")),
    })
}

fn chars(s: &str) -> usize {
    s.chars().count()
}

/// `format_object_summary(obj, default_pprint, is_justify, name=klass)` for one level.
fn summary(values: &[String], justify: bool, klass: &str) -> String {
    let space1 = format!("\n{}", " ".repeat(klass.len() + 1));
    let space2 = format!("\n{}", " ".repeat(klass.len() + 2));
    let n = values.len();
    if n == 0 {
        return "[], ".into();
    }
    if n == 1 {
        return format!("[{}], ", values[0]);
    }
    let truncated = n > MAX_SEQ_ITEMS;
    let (mut head, mut tail): (Vec<String>, Vec<String>) = if truncated {
        let k = (MAX_SEQ_ITEMS / 2).min(10);
        (values[..k].to_vec(), values[n - k..].to_vec())
    } else {
        (Vec::new(), values.to_vec())
    };
    if justify && (truncated || !(chars(&head.join(", ")) < WIDTH && chars(&tail.join(", ")) < WIDTH)) {
        let width = head.iter().chain(&tail).map(|s| chars(s)).max().unwrap_or(0);
        for s in head.iter_mut().chain(tail.iter_mut()) {
            *s = format!("{}{s}", " ".repeat(width - chars(s)));
        }
    }
    let extend = |summary: &mut String, line: &mut String, value: &str, width: usize| {
        if chars(line.trim_end()) + chars(value.trim_end()) >= width {
            summary.push_str(line.trim_end());
            *line = space2.clone();
        }
        line.push_str(value);
    };
    let mut out = String::new();
    let mut line = space2.clone();
    for h in &head {
        extend(&mut out, &mut line, &format!("{h}, "), WIDTH);
    }
    if truncated {
        out.push_str(line.trim_end());
        out.push_str(&space2);
        out.push_str("...");
        line = space2.clone();
    }
    for t in &tail[..tail.len() - 1] {
        extend(&mut out, &mut line, &format!("{t}, "), WIDTH);
    }
    extend(&mut out, &mut line, &tail[tail.len() - 1], WIDTH - 2);
    out.push_str(&line);
    out.push_str("],");
    if chars(&out) > WIDTH {
        out.push_str(&space1);
    } else {
        out.push(' ');
    }
    format!("[{}", &out[space2.len()..])
}

/// `Index.__repr__`'s assembly: the class, the data, then the attributes, wrapped.
fn assemble(klass: &str, data: &str, attrs: &[(String, String)]) -> String {
    let indent = klass.len() + 1;
    let mut line_len = match data.rsplit_once('\n') {
        Some((_, last)) => chars(last),
        None => indent + chars(data),
    };
    let mut parts = String::new();
    let mut wrapped_first = false;
    for (i, (key, value)) in attrs.iter().enumerate() {
        let attr = format!("{key}={value}");
        let len = chars(&attr);
        let comma = usize::from(i + 1 < attrs.len());
        if i == 0 {
            if line_len + len + comma > WIDTH {
                parts.push('\n');
                parts.push_str(&" ".repeat(indent));
                wrapped_first = true;
                line_len = indent + len;
            } else {
                line_len += len;
            }
        } else if line_len + 2 + len + comma > WIDTH {
            parts.push_str(",\n");
            parts.push_str(&" ".repeat(indent));
            line_len = indent + len;
        } else {
            parts.push_str(", ");
            line_len += 2 + len;
        }
        parts.push_str(&attr);
    }
    let data = if wrapped_first { data.trim_end() } else { data };
    format!("{klass}({data}{parts})")
}

fn name_attr(name: Option<&str>, attrs: &mut Vec<(String, String)>) {
    if let Some(name) = name {
        attrs.push(("name".into(), format!("'{name}'")));
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
