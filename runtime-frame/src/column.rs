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
    /// One of pandas' nullable extension dtypes (`string`, `Int64`, `boolean`, `Float64`):
    /// a missing value is `<NA>` and never changes the dtype. Only printing reads it.
    pub na: bool,
}

impl<'a> Column<'a> {
    /// A column where every value is present.
    pub fn new(values: Values<'a>) -> Column<'a> {
        Column { values, valid: None, na: false }
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
        Column { values, valid: self.valid.as_deref(), na: false }
    }

    /// Calls `f` with a borrowed view of this column, categorical columns included.
    pub fn with_column<R>(&self, f: impl FnOnce(Column<'_>) -> R) -> R {
        match &self.values {
            OwnedValues::Category { codes, categories } => {
                let categories = categories.as_column();
                f(Column { values: Values::Category { codes, categories: &categories }, valid: self.valid.as_deref(), na: false })
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

/// `column[rows]`, where row -1 is missing. Missing values are NaN in a float column, NaT
/// in a datetime column, code -1 in a categorical one and zero or empty elsewhere, and
/// masked whenever the column has a mask or a row is -1 (so a taken column reads the
/// same with or without its mask where the dtype can say "missing" itself).
pub fn take_column(column: &Column, rows: &[i64]) -> OwnedColumn {
    fn pick<T: Copy>(v: &[T], rows: &[i64], missing: T) -> Vec<T> {
        rows.iter().map(|&r| if r < 0 { missing } else { v[r as usize] }).collect()
    }
    let values = match column.values {
        Values::Bool(v) => OwnedValues::Bool(pick(v, rows, 0)),
        Values::I8(v) => OwnedValues::I8(pick(v, rows, 0)),
        Values::I16(v) => OwnedValues::I16(pick(v, rows, 0)),
        Values::I32(v) => OwnedValues::I32(pick(v, rows, 0)),
        Values::I64(v) => OwnedValues::I64(pick(v, rows, 0)),
        Values::U8(v) => OwnedValues::U8(pick(v, rows, 0)),
        Values::U16(v) => OwnedValues::U16(pick(v, rows, 0)),
        Values::U32(v) => OwnedValues::U32(pick(v, rows, 0)),
        Values::U64(v) => OwnedValues::U64(pick(v, rows, 0)),
        Values::F32(v) => OwnedValues::F32(pick(v, rows, f32::NAN)),
        Values::F64(v) => OwnedValues::F64(pick(v, rows, f64::NAN)),
        Values::DateTime { ticks, unit } => OwnedValues::DateTime { ticks: pick(ticks, rows, i64::MIN), unit },
        Values::Category { codes, categories } => {
            let all: Vec<i64> = (0..categories.len() as i64).collect();
            OwnedValues::Category { codes: pick(codes, rows, -1), categories: Box::new(take_column(categories, &all)) }
        }
        Values::Str { offsets, bytes } => {
            let mut out_offsets = Vec::with_capacity(rows.len() + 1);
            out_offsets.push(0i64);
            let mut out_bytes = Vec::new();
            for &r in rows {
                if r >= 0 {
                    let r = r as usize;
                    out_bytes.extend_from_slice(&bytes[offsets[r] as usize..offsets[r + 1] as usize]);
                }
                out_offsets.push(out_bytes.len() as i64);
            }
            OwnedValues::Str { offsets: out_offsets, bytes: out_bytes }
        }
    };
    let valid = (column.valid.is_some() || rows.iter().any(|&r| r < 0))
        .then(|| rows.iter().map(|&r| (r >= 0 && column.is_valid(r as usize)) as u8).collect());
    OwnedColumn { values, valid }
}

/// The rows of several columns of one dtype, one after another (`pd.concat`). Categorical
/// columns must have the same categories (pandas makes others object columns).
pub fn concat_columns(parts: &[Column]) -> Result<OwnedColumn, String> {
    let Some(first) = parts.first() else { return Err("nothing to concatenate".into()) };
    let mut owned: Vec<OwnedColumn> = Vec::new();
    let total: usize = parts.iter().map(Column::len).sum();
    for part in parts {
        if std::mem::discriminant(&part.values) != std::mem::discriminant(&first.values) {
            return Err("concatenated columns of different dtypes".into());
        }
        let all: Vec<i64> = (0..part.len() as i64).collect();
        owned.push(take_column(part, &all));
    }
    let masked = parts.iter().any(|p| p.valid.is_some());
    let valid = masked.then(|| owned.iter().flat_map(|o| o.valid.clone().unwrap_or_else(|| vec![1; o.len()])).collect());
    macro_rules! join {
        ($variant:ident) => {
            OwnedValues::$variant(owned.iter().flat_map(|o| match &o.values { OwnedValues::$variant(v) => v.clone(), _ => unreachable!("checked dtypes") }).collect())
        };
    }
    let values = match &owned[0].values {
        OwnedValues::Bool(_) => join!(Bool),
        OwnedValues::I8(_) => join!(I8),
        OwnedValues::I16(_) => join!(I16),
        OwnedValues::I32(_) => join!(I32),
        OwnedValues::I64(_) => join!(I64),
        OwnedValues::U8(_) => join!(U8),
        OwnedValues::U16(_) => join!(U16),
        OwnedValues::U32(_) => join!(U32),
        OwnedValues::U64(_) => join!(U64),
        OwnedValues::F32(_) => join!(F32),
        OwnedValues::F64(_) => join!(F64),
        OwnedValues::DateTime { unit, .. } => {
            let unit = *unit;
            let mut ticks = Vec::with_capacity(total);
            for o in &owned {
                match &o.values {
                    OwnedValues::DateTime { ticks: t, unit: u } if *u == unit => ticks.extend_from_slice(t),
                    _ => return Err("concatenated datetime columns of different units".into()),
                }
            }
            OwnedValues::DateTime { ticks, unit }
        }
        OwnedValues::Str { .. } => {
            let mut offsets = vec![0i64];
            let mut bytes = Vec::new();
            for o in &owned {
                let OwnedValues::Str { offsets: off, bytes: b } = &o.values else { unreachable!("checked dtypes") };
                let base = bytes.len() as i64;
                offsets.extend(off[1..].iter().map(|x| x + base));
                bytes.extend_from_slice(b);
            }
            OwnedValues::Str { offsets, bytes }
        }
        OwnedValues::Category { categories, .. } => {
            let mut codes = Vec::with_capacity(total);
            for o in &owned {
                let OwnedValues::Category { codes: c, categories: k } = &o.values else { unreachable!("checked dtypes") };
                if k != categories {
                    return Err("pd.concat of categorical columns with different categories (pandas makes them object columns, which legatec does not have)".into());
                }
                codes.extend_from_slice(c);
            }
            OwnedValues::Category { codes, categories: categories.clone() }
        }
    };
    Ok(OwnedColumn { values, valid })
}
