//! pandas' text for frames and series. PLACEHOLDER until the pandas-exact formatter lands:
//! plain columns separated by two spaces.

use crate::column::{Column, Frame, Index, Values};

pub struct Options {
    pub width: usize,
    pub max_rows: usize,
    pub min_rows: usize,
    pub max_columns: usize,
    pub precision: usize,
    pub max_colwidth: usize,
}

impl Options {
    pub fn from_env() -> Options {
        let width = std::env::var("COLUMNS").ok().and_then(|v| v.parse().ok()).unwrap_or(80);
        Options { width, max_rows: 60, min_rows: 10, max_columns: 0, precision: 6, max_colwidth: 50 }
    }
}

fn cell(col: &Column, i: usize) -> String {
    match col.values {
        Values::Bool(v) => if v[i] != 0 { "True".into() } else { "False".into() },
        Values::I32(v) => v[i].to_string(),
        Values::I64(v) => v[i].to_string(),
        Values::F32(v) => format!("{:?}", v[i]),
        Values::F64(v) => format!("{:?}", v[i]),
        _ => "?".into(),
    }
}

fn label(index: &Index, i: usize) -> String {
    match index {
        Index::Range { start, step, .. } => (start + step * i as i64).to_string(),
        Index::Levels(levels) => cell(&levels[0].1, i),
    }
}

pub fn frame_repr(frame: &Frame, _opts: &Options) -> String {
    let mut out = String::new();
    out.push_str(&frame.columns.iter().map(|(n, _)| n.to_string()).collect::<Vec<_>>().join("  "));
    for i in 0..frame.len {
        out.push('\n');
        out.push_str(&label(&frame.index, i));
        for (_, c) in &frame.columns {
            out.push_str("  ");
            out.push_str(&cell(c, i));
        }
    }
    out
}

pub fn series_repr(name: Option<&str>, col: &Column, index: &Index, _opts: &Options) -> String {
    let mut out = String::new();
    for i in 0..col.len() {
        out.push_str(&format!("{}  {}\n", label(index, i), cell(col, i)));
    }
    out.push_str(&format!("Name: {}, dtype: {}", name.unwrap_or(""), dtype_name(col)));
    out
}

pub fn dtypes_repr(frame: &Frame, _opts: &Options) -> String {
    let mut out = String::new();
    for (n, c) in &frame.columns {
        out.push_str(&format!("{n}  {}\n", dtype_name(c)));
    }
    out.push_str("dtype: object");
    out
}

pub fn dtype_name(col: &Column) -> String {
    match col.values {
        Values::Bool(_) => "bool",
        Values::I32(_) => "int32",
        Values::I64(_) => "int64",
        Values::F32(_) => "float32",
        Values::F64(_) => "float64",
        _ => "object",
    }
    .into()
}
