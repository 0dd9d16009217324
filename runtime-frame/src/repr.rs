//! pandas' text for frames and series: what `print(df)`, `print(s)` and `print(df.dtypes)`
//! write in a script run by pandas 3.1 with its default display options, character for
//! character.
//!
//! The submodules follow pandas' own layering: `text` holds the string utilities of
//! `pandas.io.formats.printing`, `float`, `datetime` and `values` the array
//! formatters of `format_array`, `index` the row labels, and `frame` and `series`
//! the `DataFrameFormatter`/`StringFormatter` and `SeriesFormatter` layouts.
//!
//! Missing values in integer and boolean columns (a validity mask on a column whose NumPy
//! dtype has no missing value) are printed as pandas holds such columns after a left merge
//! introduced them: an integer column becomes `float64` (`1.0`, `NaN`), a boolean column
//! becomes `object` (`True`, `False`, `NaN`). [`dtype_name`] reports those dtypes too.
//!
//! Not modelled: ordered categoricals (the column model has no `ordered` flag), missing
//! labels in a categorical MultiIndex level, `DatetimeIndex` frequencies (`Freq: D` in a
//! series footer), column labels that are not strings (pandas pads integer labels of
//! different widths), a standard output that is a terminal (its size is not queried), and
//! `max_rows == 0` (pandas then uses the terminal height; here it means no row limit).

pub(crate) mod datetime;
mod float;
mod frame;
mod index;
mod series;
pub mod summary;
mod text;
mod values;

pub use values::dtype_name;
#[cfg(feature = "ops")]
pub(crate) use values::integer_as_float;

use crate::column::{Column, Frame, Index, Values};
use series::SeriesValues;

/// pandas' display options that shape the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    /// The terminal width (`shutil.get_terminal_size().columns`): with `max_columns == 0`
    /// the columns of a frame are fitted to it.
    pub width: usize,
    /// `display.width` (80): the wrapping width when `max_columns > 0`, and the width of a
    /// categorical's `Categories (...)` footer.
    pub display_width: usize,
    /// `display.max_rows` (60): longer frames and series are cut.
    pub max_rows: usize,
    /// `display.min_rows` (10): the rows shown (half head, half tail) once cut.
    pub min_rows: usize,
    /// `display.max_columns`: 0 (pandas' value in a terminal or script) fits the columns
    /// to `width`; a positive value cuts to that many and wraps lines at `display_width`.
    pub max_columns: usize,
    /// `display.precision` (6): decimals of floats.
    pub precision: usize,
    /// `display.max_colwidth` (50): longer cells are cut and end in `...`.
    pub max_colwidth: usize,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            width: 80,
            display_width: 80,
            max_rows: 60,
            min_rows: 10,
            max_columns: 0,
            precision: 6,
            max_colwidth: 50,
        }
    }
}

/// Python's `int(text)` for a decimal integer: surrounding whitespace, one optional sign,
/// ASCII digits with single underscores between them. `None` where Python raises.
fn parse_python_int(text: &str) -> Option<i128> {
    let trimmed = text.trim();
    let (negative, digits) = match trimmed.as_bytes().first() {
        Some(b'-') => (true, &trimmed[1..]),
        Some(b'+') => (false, &trimmed[1..]),
        _ => (false, trimmed),
    };
    if digits.is_empty()
        || digits.starts_with('_')
        || digits.ends_with('_')
        || digits.contains("__")
    {
        return None;
    }
    let mut value: i128 = 0;
    for byte in digits.bytes() {
        match byte {
            b'_' => {}
            b'0'..=b'9' => {
                value = value
                    .saturating_mul(10)
                    .saturating_add(i128::from(byte - b'0'))
            }
            _ => return None,
        }
    }
    Some(if negative { -value } else { value })
}

impl Options {
    /// pandas' defaults for a script whose standard output is not a terminal, with the
    /// terminal width taken from the `COLUMNS` environment variable as
    /// `shutil.get_terminal_size` reads it.
    pub fn from_env() -> Options {
        let columns = std::env::var_os("COLUMNS");
        Options::from_columns_variable(columns.as_ref().and_then(|c| c.to_str()))
    }

    /// [`Options::from_env`] for a given value of `COLUMNS` (`None`: unset or not text):
    /// a positive integer is the width; anything else (unset, zero, negative, not an
    /// integer) gives the fallback width 80, since the output is not a terminal.
    pub fn from_columns_variable(columns: Option<&str>) -> Options {
        let width = match columns.and_then(parse_python_int) {
            Some(width) if width > 0 => usize::try_from(width).unwrap_or(usize::MAX),
            _ => 80,
        };
        Options {
            width,
            ..Options::default()
        }
    }
}

/// `repr(df)`: what `print(df)` writes, without the final newline.
pub fn frame_repr(frame: &Frame, opts: &Options) -> String {
    frame::frame_repr(frame, opts)
}

/// `repr(s)` for the series named `name` with values `col` and row labels `index`.
pub fn series_repr(name: Option<&str>, col: &Column, index: &Index, opts: &Options) -> String {
    series::series_text(name, &SeriesValues::Column(col), index, opts)
}

/// `repr(df.dtypes)`: the dtype names in an object series labelled by column.
pub fn dtypes_repr(frame: &Frame, opts: &Options) -> String {
    let names: Vec<String> = frame
        .columns
        .iter()
        .map(|(_, column)| dtype_name(column))
        .collect();
    let mut offsets = vec![0i64];
    let mut bytes = Vec::new();
    for (label, _) in &frame.columns {
        bytes.extend_from_slice(label.as_bytes());
        offsets.push(bytes.len() as i64);
    }
    let labels = Column::new(Values::Str {
        offsets: &offsets,
        bytes: &bytes,
    });
    let index = Index::Levels(vec![(None, labels)]);
    series::series_text(None, &SeriesValues::Texts(&names), &index, opts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_integer_parsing() {
        assert_eq!(parse_python_int(" 42\n"), Some(42));
        assert_eq!(parse_python_int("+1_000"), Some(1000));
        assert_eq!(parse_python_int("-3"), Some(-3));
        assert_eq!(parse_python_int("1__0"), None);
        assert_eq!(parse_python_int("_1"), None);
        assert_eq!(parse_python_int("4x"), None);
        assert_eq!(parse_python_int(""), None);
    }
}
