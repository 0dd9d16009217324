//! The column model: typed value buffers borrowed from the runtime's arrays.
//!
//! A column holds `len` values of one dtype and an optional validity mask (`valid[i] == 0`
//! is a missing value: NaN, `<NA>`, `NaT` or `None` as pandas prints it for the column's
//! dtype). Strings use Arrow's layout: value `i` is `bytes[offsets[i]..offsets[i + 1]]`
//! (UTF-8). A categorical column is integer codes into a dictionary of values (code -1 is
//! missing, as in pandas). Datetimes are int64 ticks since the Unix epoch in a unit.

/// The unit of a `datetime64` column's ticks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TimeUnit {
    Second,
    Milli,
    Micro,
    Nano,
}

impl TimeUnit {
    /// pandas' spelling in a dtype: `datetime64[us]`.
    pub fn suffix(self) -> &'static str {
        match self {
            TimeUnit::Second => "s",
            TimeUnit::Milli => "ms",
            TimeUnit::Micro => "us",
            TimeUnit::Nano => "ns",
        }
    }
}

/// A column's values, borrowed.
#[derive(Clone, Copy, Debug)]
pub enum Values<'a> {
    /// NumPy bools: one byte each, 0 or 1.
    Bool(&'a [u8]),
    I8(&'a [i8]),
    I16(&'a [i16]),
    I32(&'a [i32]),
    I64(&'a [i64]),
    U8(&'a [u8]),
    U16(&'a [u16]),
    U32(&'a [u32]),
    U64(&'a [u64]),
    F32(&'a [f32]),
    F64(&'a [f64]),
    /// pandas 3's default `str` dtype; `offsets.len()` is the length plus one.
    Str { offsets: &'a [i64], bytes: &'a [u8] },
    /// `category`: codes (-1 missing) into `categories` (pandas' `.cat.categories`, in
    /// order), whose values are themselves a column without missing values.
    Category { codes: &'a [i32], categories: &'a Column<'a> },
    DateTime { ticks: &'a [i64], unit: TimeUnit },
}

/// One column: values and an optional validity mask of the same length.
#[derive(Clone, Copy, Debug)]
pub struct Column<'a> {
    pub values: Values<'a>,
    /// `None`: every value is present. Else one byte per value, 0 for missing.
    pub valid: Option<&'a [u8]>,
}

impl<'a> Column<'a> {
    /// A column where every value is present.
    pub fn new(values: Values<'a>) -> Column<'a> {
        Column { values, valid: None }
    }

    pub fn len(&self) -> usize {
        match self.values {
            Values::Bool(v) | Values::U8(v) => v.len(),
            Values::I8(v) => v.len(),
            Values::I16(v) => v.len(),
            Values::I32(v) => v.len(),
            Values::I64(v) => v.len(),
            Values::U16(v) => v.len(),
            Values::U32(v) => v.len(),
            Values::U64(v) => v.len(),
            Values::F32(v) => v.len(),
            Values::F64(v) => v.len(),
            Values::Str { offsets, .. } => offsets.len().saturating_sub(1),
            Values::Category { codes, .. } => codes.len(),
            Values::DateTime { ticks, .. } => ticks.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether value `i` is present.
    pub fn is_valid(&self, i: usize) -> bool {
        self.valid.is_none_or(|v| v[i] != 0)
    }

    /// The string at `i` of a `Str` column.
    pub fn str_at(&self, i: usize) -> Option<&'a str> {
        match self.values {
            Values::Str { offsets, bytes } => {
                let (a, b) = (offsets[i] as usize, offsets[i + 1] as usize);
                std::str::from_utf8(&bytes[a..b]).ok()
            }
            _ => None,
        }
    }
}

/// A frame's row labels.
#[derive(Clone, Debug)]
pub enum Index<'a> {
    /// `RangeIndex(start, start + step * len, step)`, optionally named.
    Range { start: i64, step: i64, name: Option<&'a str> },
    /// Labels from columns: one level is an `Index`, several a `MultiIndex`. Each level
    /// has the frame's length and an optional name.
    Levels(Vec<(Option<&'a str>, Column<'a>)>),
}

/// A dataframe: labelled columns of one length, and an index of that length.
#[derive(Clone, Debug)]
pub struct Frame<'a> {
    pub columns: Vec<(&'a str, Column<'a>)>,
    pub index: Index<'a>,
    /// The number of rows (needed when there are no columns).
    pub len: usize,
}

/// A result column's values, owned (what the groupby aggregations return). Each variant
/// mirrors the borrowed [`Values`] variant of the same name.
#[derive(Clone, Debug, PartialEq)]
pub enum OwnedValues {
    Bool(Vec<u8>),
    I8(Vec<i8>),
    I16(Vec<i16>),
    I32(Vec<i32>),
    I64(Vec<i64>),
    U8(Vec<u8>),
    U16(Vec<u16>),
    U32(Vec<u32>),
    U64(Vec<u64>),
    F32(Vec<f32>),
    F64(Vec<f64>),
    /// Arrow-style strings: `offsets.len()` is the length plus one.
    Str { offsets: Vec<i64>, bytes: Vec<u8> },
    DateTime { ticks: Vec<i64>, unit: TimeUnit },
    /// `category`: codes (-1 missing) into categories without missing values (what
    /// `read_csv` and `read_parquet` return). Borrow it with [`OwnedColumn::with_column`].
    Category { codes: Vec<i32>, categories: Box<OwnedColumn> },
}

/// An owned column: values and an optional validity mask (0 for missing), the owned
/// counterpart of [`Column`]. Float results also write NaN where a value is missing, so
/// that a float column reads the same with or without its mask.
#[derive(Clone, Debug, PartialEq)]
pub struct OwnedColumn {
    pub values: OwnedValues,
    /// `None`: every value is present. Else one byte per value, 0 for missing.
    pub valid: Option<Vec<u8>>,
}

impl OwnedColumn {
    /// A borrowed view of this column. A categorical column's view needs a place for its
    /// categories' view: use [`OwnedColumn::with_column`] for those (this panics on them).
    pub fn as_column(&self) -> Column<'_> {
        let values = match &self.values {
            OwnedValues::Bool(v) => Values::Bool(v),
            OwnedValues::I8(v) => Values::I8(v),
            OwnedValues::I16(v) => Values::I16(v),
            OwnedValues::I32(v) => Values::I32(v),
            OwnedValues::I64(v) => Values::I64(v),
            OwnedValues::U8(v) => Values::U8(v),
            OwnedValues::U16(v) => Values::U16(v),
            OwnedValues::U32(v) => Values::U32(v),
            OwnedValues::U64(v) => Values::U64(v),
            OwnedValues::F32(v) => Values::F32(v),
            OwnedValues::F64(v) => Values::F64(v),
            OwnedValues::Str { offsets, bytes } => Values::Str { offsets, bytes },
            OwnedValues::DateTime { ticks, unit } => Values::DateTime { ticks, unit: *unit },
            OwnedValues::Category { .. } => {
                panic!("OwnedColumn::as_column on a categorical column: use OwnedColumn::with_column")
            }
        };
        Column { values, valid: self.valid.as_deref() }
    }

    /// Calls `f` with a borrowed view of this column, categorical columns included.
    pub fn with_column<R>(&self, f: impl FnOnce(Column<'_>) -> R) -> R {
        match &self.values {
            OwnedValues::Category { codes, categories } => {
                let categories = categories.as_column();
                f(Column { values: Values::Category { codes, categories: &categories }, valid: self.valid.as_deref() })
            }
            _ => f(self.as_column()),
        }
    }

    pub fn len(&self) -> usize {
        match &self.values {
            OwnedValues::Category { codes, .. } => codes.len(),
            _ => self.as_column().len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl<'a> Column<'a> {
    /// Whether value `i` is missing: masked out, a float NaN, a NaT (`i64::MIN` ticks) or
    /// category code -1.
    pub fn is_missing(&self, i: usize) -> bool {
        if !self.is_valid(i) {
            return true;
        }
        match self.values {
            Values::F32(v) => v[i].is_nan(),
            Values::F64(v) => v[i].is_nan(),
            Values::Category { codes, .. } => codes[i] < 0,
            // NumPy's NaT is the smallest int64.
            Values::DateTime { ticks, .. } => ticks[i] == i64::MIN,
            _ => false,
        }
    }
}
