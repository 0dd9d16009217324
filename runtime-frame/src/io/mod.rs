//! File input and output with pandas 3.1's semantics: `read_csv`, `to_csv`, `read_parquet` and `to_parquet`.
//!
//! The compiler knows each frame's column names and dtypes when it compiles a script, so
//! readers take a [`Schema`] and return one [`OwnedColumn`] per schema column; they report
//! at run time, with pandas' own exception text, a file whose values pandas would reject
//! for those dtypes. Writers take a borrowed [`crate::column::Frame`].
//!
//! - [`csv`]: `pd.read_csv` (a hand-written tokenizer mirroring pandas' C parser) and
//!   `df.to_csv` (byte for byte).
//! - [`parquet`]: `pd.read_parquet` and `df.to_parquet` through arrow-rs, with pyarrow's
//!   `pandas` metadata for the index.

pub mod csv;
pub mod datetime;
pub mod file;
pub mod parquet;

use crate::column::TimeUnit;
use std::fmt;

/// A column's dtype as the compiler knows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ColumnType {
    /// `int64` ([`crate::column::OwnedValues::I64`]).
    Int64,
    /// `int32` ([`crate::column::OwnedValues::I32`]).
    Int32,
    /// `float64`; missing values are NaN and masked.
    Float64,
    /// `float32`; missing values are NaN and masked.
    Float32,
    /// NumPy `bool`.
    Bool,
    /// pandas 3's `str` dtype; missing values are masked.
    Str,
    /// `datetime64[unit]`. A CSV reader chooses the unit from the data as pandas does
    /// (`us`, or `ns` when a value has digits below the microsecond) and ignores this one;
    /// Parquet files carry their own unit.
    DateTime(TimeUnit),
    /// `category` (unordered); the categories' own dtype comes from the data.
    Category,
}

impl ColumnType {
    /// Its kind in a spec (`runtime_abi::frame_spec`), without a mask; `None` for a
    /// datetime unit other than microseconds.
    pub fn kind(&self) -> Option<&'static str> {
        Some(match self {
            ColumnType::Int64 => "i64",
            ColumnType::Int32 => "i32",
            ColumnType::Float64 => "f64",
            ColumnType::Float32 => "f32",
            ColumnType::Bool => "bool",
            ColumnType::Str => "str",
            ColumnType::DateTime(TimeUnit::Micro) => "time",
            ColumnType::DateTime(_) => return None,
            ColumnType::Category => "cat",
        })
    }

    /// The column type of a spec kind (the `~` and `?` suffixes ignored).
    pub fn of_kind(kind: &str) -> Option<ColumnType> {
        Some(match kind.trim_end_matches('?').trim_end_matches('~') {
            "i64" => ColumnType::Int64,
            "i32" => ColumnType::Int32,
            "f64" => ColumnType::Float64,
            "f32" => ColumnType::Float32,
            "bool" => ColumnType::Bool,
            "str" => ColumnType::Str,
            "time" => ColumnType::DateTime(TimeUnit::Micro),
            "cat" => ColumnType::Category,
            _ => return None,
        })
    }

    /// pandas' name of the dtype, as `df.dtypes` prints it.
    pub fn pandas_name(&self) -> String {
        match self {
            ColumnType::Int64 => "int64".into(),
            ColumnType::Int32 => "int32".into(),
            ColumnType::Float64 => "float64".into(),
            ColumnType::Float32 => "float32".into(),
            ColumnType::Bool => "bool".into(),
            ColumnType::Str => "str".into(),
            ColumnType::DateTime(unit) => format!("datetime64[{}]", unit.suffix()),
            ColumnType::Category => "category".into(),
        }
    }
}

/// The names and dtypes of a frame's columns, in order.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Schema {
    pub columns: Vec<(String, ColumnType)>,
}

impl Schema {
    /// A schema from `(name, type)` pairs.
    pub fn new<S: Into<String>>(columns: impl IntoIterator<Item = (S, ColumnType)>) -> Schema {
        Schema {
            columns: columns
                .into_iter()
                .map(|(name, kind)| (name.into(), kind))
                .collect(),
        }
    }
}

/// Why a file could not be read or written. The `Display` text is what pandas' exception
/// says (after the exception's class name) where pandas raises on the same input.
#[derive(Debug)]
pub enum IoError {
    /// The operating system's error, with the path.
    File { path: String, error: std::io::Error },
    /// `pandas.errors.ParserError`: the tokenizer's errors, e.g. `Error tokenizing data. C
    /// error: Expected 2 fields in line 3, saw 3`.
    Parser(String),
    /// `pandas.errors.EmptyDataError: No columns to parse from file`.
    EmptyData,
    /// `ValueError`: a value that does not convert to the column's dtype.
    Value(String),
    /// `OverflowError`: an integer beyond int64 and uint64.
    Overflow(String),
    /// The file does not have the columns or dtypes the program was compiled for.
    Schema(String),
    /// A Parquet or Arrow error.
    Parquet(String),
    /// `OSError`: a file to be written in a directory that does not exist.
    NoDirectory(String),
}

/// pandas' check before it writes a file (`check_parent_directory`): the directory the
/// path names must exist.
pub fn check_parent_directory(path: &std::path::Path) -> Result<(), IoError> {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() && !parent.is_dir() => Err(IoError::NoDirectory(parent.display().to_string())),
        _ => Ok(()),
    }
}

impl IoError {
    /// The Python exception class pandas raises for this error.
    pub fn exception_name(&self) -> &'static str {
        match self {
            IoError::File { error, .. } if error.kind() == std::io::ErrorKind::NotFound => {
                "FileNotFoundError"
            }
            IoError::File { .. } => "OSError",
            IoError::Parser(_) => "pandas.errors.ParserError",
            IoError::EmptyData => "pandas.errors.EmptyDataError",
            IoError::Value(_) | IoError::Schema(_) => "ValueError",
            IoError::Overflow(_) => "OverflowError",
            IoError::Parquet(_) | IoError::NoDirectory(_) => "OSError",
        }
    }
}

impl fmt::Display for IoError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IoError::File { path, error } => match error.kind() {
                std::io::ErrorKind::NotFound => {
                    write!(f, "[Errno 2] No such file or directory: '{path}'")
                }
                _ => write!(f, "{error}: '{path}'"),
            },
            IoError::Parser(message) => write!(f, "{message}"),
            IoError::EmptyData => write!(f, "No columns to parse from file"),
            IoError::Value(message) | IoError::Overflow(message) => write!(f, "{message}"),
            IoError::Schema(message) => write!(f, "{message}"),
            IoError::Parquet(message) => write!(f, "{message}"),
            IoError::NoDirectory(dir) => write!(f, "Cannot save file into a non-existent directory: '{dir}'"),
        }
    }
}

impl std::error::Error for IoError {}

/// Python's `repr` of a string as pandas quotes a value in a message: single quotes
/// unless the text holds a single quote and no double quote.
pub fn python_repr(text: &str) -> String {
    let quote = if text.contains('\'') && !text.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(text.len() + 2);
    out.push(quote);
    for ch in text.chars() {
        match ch {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// Whether values `a` and `b` of a column without missing values are equal.
pub(crate) fn equal_values(column: &crate::column::Column, a: usize, b: usize) -> bool {
    use crate::column::Values;
    match column.values {
        Values::I64(v) => v[a] == v[b],
        Values::F64(v) => v[a] == v[b],
        Values::Bool(v) => v[a] == v[b],
        Values::Str { .. } => column.str_at(a) == column.str_at(b),
        _ => false,
    }
}
