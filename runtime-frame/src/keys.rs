//! Key columns turned into dense integer codes with pandas' equality and order of key values, the common ground of joins, groupbys and sorts.
//!
//! Every kernel here works on codes rather than on values: [`column_codes`] gives each
//! row of one key column (of one frame, or of the two frames of a merge) a `u32` code such
//! that two rows get the same code exactly when pandas holds their keys equal, and
//! [`row_codes`] folds several key columns into one code per row. Asked for sorted codes,
//! the codes also follow pandas' order of the keys, so a sort or a sorted groupby compares
//! integers only.
//!
//! pandas' equality, as `pd.merge` applies it (checked against pandas 3.1):
//! - A missing key (NaN, `None`, `<NA>`, `NaT`, category code -1) equals every other
//!   missing key of the column, in merges as in groupbys with `dropna=False`.
//! - Integers, booleans and floats of any width compare by value (pandas casts both sides
//!   to their common type; `True == 1`). Floats compare as `float64`, so `-0.0 == 0.0`.
//!   pandas compares `uint64` with a signed integer through `float64`, and so do we.
//! - Datetimes of different units compare as instants. In a merge pandas compares their
//!   int64 ticks, so `NaT` (the smallest int64) equals `NaT` and sorts first; elsewhere
//!   (groupby, sort) `NaT` is missing and goes last.
//! - Strings compare by their bytes; they order by Unicode code point, which is the order
//!   of their UTF-8 bytes (Python's order).
//! - Two categorical columns with the same set of categories compare by value and order by
//!   the left column's category order, with the missing value first (pandas merges their
//!   codes, where missing is -1); otherwise a categorical compares (and orders) by
//!   the values of its categories, against the other side's values.
//! - A string against a number or a datetime against anything else is an error, as it is
//!   in pandas; so is a string against a boolean (pandas allows it and matches nothing).

use crate::column::{Column, TimeUnit, Values};
use std::borrow::Cow;
use std::cmp::Ordering;
use std::collections::HashMap;
use std::hash::{BuildHasher, Hash, Hasher};

/// Why two key columns cannot be compared.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeyError {
    /// pandas refuses to merge these dtypes (for example a string key with an integer
    /// key); the message names both.
    Incompatible(String),
    /// A combination that pandas allows but these kernels do not handle.
    Unsupported(String),
}

impl std::fmt::Display for KeyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            KeyError::Incompatible(message) | KeyError::Unsupported(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for KeyError {}

/// A fast, non-cryptographic hash for key values (a folded 64×64→128-bit multiply per
/// eight bytes). It is not resistant to chosen collisions, which is acceptable for a
/// compiled program's own data.
#[derive(Clone, Copy, Debug, Default)]
pub struct FastHashState;

/// The hasher that [`FastHashState`] builds.
pub struct FastHasher {
    state: u64,
}

const HASH_MULTIPLIER: u64 = 0x9E37_79B9_7F4A_7C15;
const HASH_SEED: u64 = 0x243F_6A88_85A3_08D3;

/// The high and low halves of a full 128-bit product, xored: every input bit reaches
/// both the low bits (the table's bucket) and the high bits (its control byte).
#[inline]
pub fn folded_multiply(a: u64, b: u64) -> u64 {
    let product = (a as u128) * (b as u128);
    (product as u64) ^ ((product >> 64) as u64)
}

impl BuildHasher for FastHashState {
    type Hasher = FastHasher;
    #[inline]
    fn build_hasher(&self) -> FastHasher {
        FastHasher { state: HASH_SEED }
    }
}

impl Hasher for FastHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            self.write_u64(u64::from_le_bytes(chunk.try_into().expect("an 8-byte chunk")));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut buffer = [0u8; 8];
            buffer[..rest.len()].copy_from_slice(rest);
            self.write_u64(u64::from_le_bytes(buffer));
        }
    }
    #[inline]
    fn write_u64(&mut self, value: u64) {
        self.state = folded_multiply(self.state ^ value, HASH_MULTIPLIER);
    }
    #[inline]
    fn write_i64(&mut self, value: i64) {
        self.write_u64(value as u64);
    }
    #[inline]
    fn write_u32(&mut self, value: u32) {
        self.write_u64(value as u64);
    }
    #[inline]
    fn write_usize(&mut self, value: usize) {
        self.write_u64(value as u64);
    }
    #[inline]
    fn write_u8(&mut self, value: u8) {
        self.write_u64(value as u64);
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.state
    }
}

/// A hash map with the fast key hash.
pub type FastMap<K, V> = HashMap<K, V, FastHashState>;

/// A float key as the bits of a `float64` with `-0.0` folded into `0.0` (NaN never gets
/// here: it is a missing key). Equal bits are equal values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct FloatKey(u64);

impl FloatKey {
    #[inline]
    pub fn new(value: f64) -> FloatKey {
        FloatKey(if value == 0.0 { 0 } else { value.to_bits() })
    }
    pub fn value(self) -> f64 {
        f64::from_bits(self.0)
    }
}

/// A key value type: hashable, comparable for equality, and ordered as pandas orders it.
pub trait KeyValue: Copy + Eq + Hash {
    fn pandas_order(&self, other: &Self) -> Ordering;
}

impl KeyValue for i64 {
    fn pandas_order(&self, other: &Self) -> Ordering {
        self.cmp(other)
    }
}

impl KeyValue for u64 {
    fn pandas_order(&self, other: &Self) -> Ordering {
        self.cmp(other)
    }
}

impl KeyValue for FloatKey {
    fn pandas_order(&self, other: &Self) -> Ordering {
        self.value().total_cmp(&other.value())
    }
}

impl KeyValue for &[u8] {
    fn pandas_order(&self, other: &Self) -> Ordering {
        self.cmp(other)
    }
}

/// The codes of one key column: `left[i]` (and `right[j]` for a merge's right frame) is
/// row i's code, in `0..=values`. For one frame, codes `0..values` are present values and
/// code `values` is the missing key. When the codes were asked sorted, a smaller code is
/// a smaller key in pandas' order, the missing key last (except where a merge orders it
/// first, for datetimes and same-dtype categoricals; see the module's notes).
#[derive(Clone, Debug)]
pub struct ColumnCodes {
    pub left: Vec<u32>,
    pub right: Vec<u32>,
    pub values: u32,
}

/// The code a missing key gets while values are still being numbered.
const PENDING_MISSING: u32 = u32::MAX;

/// One side of one key column, normalized to a key value type.
trait KeySource<K> {
    fn len(&self) -> usize;
    fn key(&self, row: usize) -> Option<K>;
}

/// Numbers widened to one type, with an optional validity mask.
struct NumberSource<'a, T: Clone> {
    values: Cow<'a, [T]>,
    valid: Option<Cow<'a, [u8]>>,
}

impl<'a, T: Clone> NumberSource<'a, T> {
    #[inline]
    fn is_valid(&self, row: usize) -> bool {
        self.valid.as_ref().is_none_or(|valid| valid[row] != 0)
    }
}

impl KeySource<i64> for NumberSource<'_, i64> {
    fn len(&self) -> usize {
        self.values.len()
    }
    #[inline]
    fn key(&self, row: usize) -> Option<i64> {
        self.is_valid(row).then(|| self.values[row])
    }
}

impl KeySource<u64> for NumberSource<'_, u64> {
    fn len(&self) -> usize {
        self.values.len()
    }
    #[inline]
    fn key(&self, row: usize) -> Option<u64> {
        self.is_valid(row).then(|| self.values[row])
    }
}

impl KeySource<FloatKey> for NumberSource<'_, f64> {
    fn len(&self) -> usize {
        self.values.len()
    }
    #[inline]
    fn key(&self, row: usize) -> Option<FloatKey> {
        let value = self.values[row];
        (self.is_valid(row) && !value.is_nan()).then(|| FloatKey::new(value))
    }
}

/// Arrow-style strings with an optional validity mask.
struct StringSource<'a> {
    offsets: &'a [i64],
    bytes: &'a [u8],
    valid: Option<&'a [u8]>,
}

impl<'a> KeySource<&'a [u8]> for StringSource<'a> {
    fn len(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }
    #[inline]
    fn key(&self, row: usize) -> Option<&'a [u8]> {
        if self.valid.is_some_and(|valid| valid[row] == 0) {
            return None;
        }
        Some(&self.bytes[self.offsets[row] as usize..self.offsets[row + 1] as usize])
    }
}

/// Numbers each distinct key of `left` then `right` in order of first appearance; with
/// `sorted`, renumbers them in pandas' order of the keys.
fn factorize_source<K: KeyValue, S: KeySource<K>>(left: &S, right: Option<&S>, sorted: bool) -> ColumnCodes {
    let total = left.len() + right.map_or(0, |side| side.len());
    assert!(total < u32::MAX as usize - 1, "key columns are limited to 2^32 - 2 rows");
    let mut table: FastMap<K, u32> = HashMap::with_capacity_and_hasher(total.min(1 << 16), FastHashState);
    let mut uniques: Vec<K> = Vec::new();
    let mut saw_missing = false;
    let mut encode = |side: &S| -> Vec<u32> {
        (0..side.len())
            .map(|row| match side.key(row) {
                None => {
                    saw_missing = true;
                    PENDING_MISSING
                }
                Some(key) => *table.entry(key).or_insert_with(|| {
                    uniques.push(key);
                    (uniques.len() - 1) as u32
                }),
            })
            .collect()
    };
    let mut left_codes = encode(left);
    let mut right_codes = right.map(&mut encode).unwrap_or_default();
    let values = uniques.len() as u32;
    if sorted {
        let mut order: Vec<(K, u32)> = uniques.iter().copied().zip(0..values).collect();
        order.sort_unstable_by(|a, b| a.0.pandas_order(&b.0));
        let mut rank = vec![0u32; values as usize + 1];
        for (position, &(_, code)) in order.iter().enumerate() {
            rank[code as usize] = position as u32;
        }
        rank[values as usize] = values;
        for code in left_codes.iter_mut().chain(right_codes.iter_mut()) {
            *code = if *code == PENDING_MISSING { values } else { rank[*code as usize] };
        }
    } else if saw_missing {
        for code in left_codes.iter_mut().chain(right_codes.iter_mut()) {
            if *code == PENDING_MISSING {
                *code = values;
            }
        }
    }
    ColumnCodes { left: left_codes, right: right_codes, values }
}

/// The family a key column's dtype belongs to, for finding two columns' common type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Family {
    Bool,
    Signed,
    /// `uint8`, `uint16`, `uint32`: they widen into `int64` without loss.
    SmallUnsigned,
    U64,
    Float,
    Str,
    DateTime(TimeUnit),
    Category,
}

fn family(values: &Values) -> Family {
    match values {
        Values::Bool(_) => Family::Bool,
        Values::I8(_) | Values::I16(_) | Values::I32(_) | Values::I64(_) => Family::Signed,
        Values::U8(_) | Values::U16(_) | Values::U32(_) => Family::SmallUnsigned,
        Values::U64(_) => Family::U64,
        Values::F32(_) | Values::F64(_) => Family::Float,
        Values::Str { .. } => Family::Str,
        Values::DateTime { unit, .. } => Family::DateTime(*unit),
        Values::Category { .. } => Family::Category,
    }
}

/// The type both sides of a key are compared in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Common {
    Int,
    UInt,
    Float,
    Str,
    /// Ticks in this unit.
    DateTime(TimeUnit),
}

fn nanoseconds_per_tick(unit: TimeUnit) -> i64 {
    match unit {
        TimeUnit::Second => 1_000_000_000,
        TimeUnit::Milli => 1_000_000,
        TimeUnit::Micro => 1_000,
        TimeUnit::Nano => 1,
    }
}

fn dtype_name(values: &Values) -> String {
    match values {
        Values::Bool(_) => "bool".into(),
        Values::I8(_) => "int8".into(),
        Values::I16(_) => "int16".into(),
        Values::I32(_) => "int32".into(),
        Values::I64(_) => "int64".into(),
        Values::U8(_) => "uint8".into(),
        Values::U16(_) => "uint16".into(),
        Values::U32(_) => "uint32".into(),
        Values::U64(_) => "uint64".into(),
        Values::F32(_) => "float32".into(),
        Values::F64(_) => "float64".into(),
        Values::Str { .. } => "str".into(),
        Values::Category { .. } => "category".into(),
        Values::DateTime { unit, .. } => format!("datetime64[{}]", unit.suffix()),
    }
}

fn common_type(left: &Values, right: &Values) -> Result<Common, KeyError> {
    use Family::*;
    let numeric = |family: Family| matches!(family, Bool | Signed | SmallUnsigned | U64 | Float);
    let (a, b) = (family(left), family(right));
    let common = match (a, b) {
        (Str, Str) => Some(Common::Str),
        (DateTime(x), DateTime(y)) => {
            Some(Common::DateTime(if nanoseconds_per_tick(x) <= nanoseconds_per_tick(y) { x } else { y }))
        }
        // pandas compares uint64 with a signed integer through float64.
        _ if numeric(a) && numeric(b) => {
            Some(if a == Float || b == Float || matches!((a, b), (U64, Signed) | (Signed, U64)) {
                Common::Float
            } else if a == U64 || b == U64 {
                Common::UInt
            } else {
                Common::Int
            })
        }
        _ => None,
    };
    match common {
        Some(common) => Ok(common),
        None if matches!((a, b), (Str, Bool) | (Bool, Str)) => Err(KeyError::Unsupported(format!(
            "merging a {} key with a {} key (pandas compares them as objects and matches nothing)",
            dtype_name(left),
            dtype_name(right)
        ))),
        None => Err(KeyError::Incompatible(format!(
            "You are trying to merge on {} and {} columns",
            dtype_name(left),
            dtype_name(right)
        ))),
    }
}

fn own_type(values: &Values) -> Common {
    match family(values) {
        Family::Str => Common::Str,
        Family::DateTime(unit) => Common::DateTime(unit),
        Family::Float => Common::Float,
        Family::U64 => Common::UInt,
        _ => Common::Int,
    }
}

fn widen<'a, T: Copy, U>(values: &[T], convert: impl Fn(T) -> U) -> Cow<'a, [U]>
where
    [U]: ToOwned<Owned = Vec<U>>,
{
    Cow::Owned(values.iter().map(|&value| convert(value)).collect())
}

fn int_source<'a>(
    column: &Column<'a>,
    unit: Option<TimeUnit>,
    merging: bool,
) -> Result<NumberSource<'a, i64>, KeyError> {
    let valid = column.valid.map(Cow::Borrowed);
    let values: Cow<'a, [i64]> = match column.values {
        Values::Bool(v) | Values::U8(v) => widen(v, i64::from),
        Values::I8(v) => widen(v, i64::from),
        Values::I16(v) => widen(v, i64::from),
        Values::I32(v) => widen(v, i64::from),
        Values::I64(v) => Cow::Borrowed(v),
        Values::U16(v) => widen(v, i64::from),
        Values::U32(v) => widen(v, i64::from),
        Values::DateTime { ticks, unit: own } => {
            let target = unit.unwrap_or(own);
            if merging {
                // pd.merge compares datetimes as their int64 ticks: NaT (the smallest
                // int64) is an ordinary key that equals NaT and sorts first.
                let scaled = ticks
                    .iter()
                    .enumerate()
                    .map(|(row, &tick)| {
                        if tick == i64::MIN || !column.is_valid(row) {
                            Ok(i64::MIN)
                        } else {
                            tick.checked_mul(nanoseconds_per_tick(own) / nanoseconds_per_tick(target)).ok_or_else(
                                || {
                                    KeyError::Unsupported(format!(
                                        "a datetime key out of the range of datetime64[{}]",
                                        target.suffix()
                                    ))
                                },
                            )
                        }
                    })
                    .collect::<Result<Vec<i64>, KeyError>>()?;
                return Ok(NumberSource { values: Cow::Owned(scaled), valid: None });
            }
            // Elsewhere NaT (the smallest int64) is a missing value.
            let factor = nanoseconds_per_tick(own) / nanoseconds_per_tick(target);
            let mut valid: Option<Vec<u8>> = column.valid.map(|v| v.to_vec());
            let mut scaled = Vec::with_capacity(ticks.len());
            for (row, &tick) in ticks.iter().enumerate() {
                if tick == i64::MIN {
                    valid.get_or_insert_with(|| vec![1; ticks.len()])[row] = 0;
                    scaled.push(0);
                } else {
                    scaled.push(tick.checked_mul(factor).ok_or_else(|| {
                        KeyError::Unsupported(format!(
                            "a datetime key out of the range of datetime64[{}]",
                            target.suffix()
                        ))
                    })?);
                }
            }
            return Ok(NumberSource { values: Cow::Owned(scaled), valid: valid.map(Cow::Owned) });
        }
        _ => unreachable!("not an integer-like column"),
    };
    Ok(NumberSource { values, valid })
}

fn uint_source<'a>(column: &Column<'a>) -> NumberSource<'a, u64> {
    let values: Cow<'a, [u64]> = match column.values {
        Values::Bool(v) | Values::U8(v) => widen(v, u64::from),
        Values::U16(v) => widen(v, u64::from),
        Values::U32(v) => widen(v, u64::from),
        Values::U64(v) => Cow::Borrowed(v),
        _ => unreachable!("not an unsigned column"),
    };
    NumberSource { values, valid: column.valid.map(Cow::Borrowed) }
}

fn float_source<'a>(column: &Column<'a>) -> NumberSource<'a, f64> {
    let values: Cow<'a, [f64]> = match column.values {
        Values::Bool(v) | Values::U8(v) => widen(v, f64::from),
        Values::I8(v) => widen(v, f64::from),
        Values::I16(v) => widen(v, f64::from),
        Values::I32(v) => widen(v, f64::from),
        Values::I64(v) => widen(v, |x| x as f64),
        Values::U16(v) => widen(v, f64::from),
        Values::U32(v) => widen(v, f64::from),
        Values::U64(v) => widen(v, |x| x as f64),
        Values::F32(v) => widen(v, f64::from),
        Values::F64(v) => Cow::Borrowed(v),
        _ => unreachable!("not a numeric column"),
    };
    NumberSource { values, valid: column.valid.map(Cow::Borrowed) }
}

fn string_source<'a>(column: &Column<'a>) -> StringSource<'a> {
    match column.values {
        Values::Str { offsets, bytes } => StringSource { offsets, bytes, valid: column.valid },
        _ => unreachable!("not a string column"),
    }
}

/// Codes for one key column of one frame (`right` is `None`: a groupby or a sort) or for
/// the matching key columns of a merge's two frames. With `sorted`, code order is pandas'
/// order of the keys (missing last).
pub fn column_codes(left: &Column, right: Option<&Column>, sorted: bool) -> Result<ColumnCodes, KeyError> {
    column_codes_in(left, right, sorted, right.is_some())
}

/// [`column_codes`], where `merging` says whether the keys are a merge's (which orders a
/// few missing keys differently; a merge whose other side is empty has one side only).
fn column_codes_in(
    left: &Column,
    right: Option<&Column>,
    sorted: bool,
    merging: bool,
) -> Result<ColumnCodes, KeyError> {
    let is_category = |column: &Column| matches!(column.values, Values::Category { .. });
    if is_category(left) || right.is_some_and(is_category) {
        return category_codes(left, right, sorted, merging);
    }
    let common = match right {
        Some(right) => common_type(&left.values, &right.values)?,
        None => own_type(&left.values),
    };
    Ok(match common {
        Common::Int | Common::DateTime(_) => {
            let unit = match common {
                Common::DateTime(unit) => Some(unit),
                _ => None,
            };
            let left = int_source(left, unit, merging)?;
            let right = right.map(|right| int_source(right, unit, merging)).transpose()?;
            factorize_source(&left, right.as_ref(), sorted)
        }
        Common::UInt => {
            let right = right.map(uint_source);
            factorize_source(&uint_source(left), right.as_ref(), sorted)
        }
        Common::Float => {
            let right = right.map(float_source);
            factorize_source(&float_source(left), right.as_ref(), sorted)
        }
        Common::Str => {
            let right = right.map(string_source);
            factorize_source(&string_source(left), right.as_ref(), sorted)
        }
    })
}

/// A categorical key: the categories (or the other side's plain column) get codes, and
/// each row takes its category's code.
fn category_codes(left: &Column, right: Option<&Column>, sorted: bool, merging: bool) -> Result<ColumnCodes, KeyError> {
    fn dictionary<'c>(column: &'c Column<'c>) -> (&'c Column<'c>, Option<&'c [i32]>) {
        match column.values {
            Values::Category { codes, categories } => (categories, Some(codes)),
            _ => (column, None),
        }
    }
    let (left_dictionary, left_rows) = dictionary(left);
    let right_parts = right.map(dictionary);
    if matches!(left_dictionary.values, Values::Category { .. })
        || right_parts.is_some_and(|(d, _)| matches!(d.values, Values::Category { .. }))
    {
        return Err(KeyError::Unsupported("categories that are themselves categorical".into()));
    }
    // Two categoricals with one set of categories compare by value and order by the left
    // side's category order: the left categories, all distinct, take codes 0..n in their
    // order when numbered by first appearance, so those codes are the order.
    let same_categories = match right_parts {
        None => left_rows.is_some(),
        Some((right_dictionary, right_rows)) => {
            left_rows.is_some() && right_rows.is_some() && {
                let probe = column_codes(left_dictionary, Some(right_dictionary), false)?;
                probe.values as usize == left_dictionary.len()
                    && right_dictionary.len() == left_dictionary.len()
                    && probe.right.iter().all(|&code| code < probe.values)
            }
        }
    };
    let inner = column_codes_in(left_dictionary, right_parts.map(|(d, _)| d), sorted && !same_categories, merging)?;
    let missing = inner.values;
    let map_rows =
        |column: &Column, rows: Option<&[i32]>, dictionary_codes: &[u32], plain_codes: Vec<u32>| -> Vec<u32> {
            match rows {
                None => plain_codes,
                Some(rows) => rows
                    .iter()
                    .enumerate()
                    .map(
                        |(row, &code)| {
                            if code < 0 || !column.is_valid(row) {
                                missing
                            } else {
                                dictionary_codes[code as usize]
                            }
                        },
                    )
                    .collect(),
            }
        };
    let left_codes = map_rows(left, left_rows, &inner.left, inner.left.clone());
    let right_codes = match (right, right_parts) {
        (Some(right), Some((_, right_rows))) => map_rows(right, right_rows, &inner.right, inner.right.clone()),
        _ => Vec::new(),
    };
    let (mut left_codes, mut right_codes) = (left_codes, right_codes);
    if sorted && same_categories && merging {
        // pd.merge compares two categoricals of one dtype by their codes, where a missing
        // value is the ordinary code -1: it sorts before every category.
        for code in left_codes.iter_mut().chain(right_codes.iter_mut()) {
            *code = if *code == missing { 0 } else { *code + 1 };
        }
    }
    Ok(ColumnCodes { left: left_codes, right: right_codes, values: inner.values })
}

/// One code per row for several key columns together: rows of either frame get the same
/// code exactly when every key column's values are equal. `count` bounds the codes
/// (`0..count`, some perhaps unused); with `sorted`, code order is the lexicographic
/// order of the keys (each column's missing key last).
#[derive(Clone, Debug)]
pub struct RowCodes {
    pub left: Vec<u32>,
    pub right: Vec<u32>,
    pub count: usize,
}

/// The row codes of one frame's key columns (`right` is `None`) or of a merge's two
/// frames' matching key columns.
pub fn row_codes(left: &[Column], right: Option<&[Column]>, sorted: bool) -> Result<RowCodes, KeyError> {
    row_codes_in(left, right, sorted, right.is_some())
}

/// [`row_codes`] of one side of a merge whose other side is empty: the keys in the order
/// that a merge sorts them.
pub fn merge_side_row_codes(columns: &[Column], sorted: bool) -> Result<RowCodes, KeyError> {
    row_codes_in(columns, None, sorted, true)
}

fn row_codes_in(left: &[Column], right: Option<&[Column]>, sorted: bool, merging: bool) -> Result<RowCodes, KeyError> {
    assert!(!left.is_empty(), "at least one key column");
    if let Some(right) = right {
        assert_eq!(left.len(), right.len(), "as many key columns on each side");
    }
    let left_rows = left[0].len();
    let right_rows = right.map_or(0, |r| r[0].len());
    let codes_of = |index: usize| column_codes_in(&left[index], right.map(|r| &r[index]), sorted, merging);
    let first = codes_of(0)?;
    if left.len() == 1 {
        return Ok(RowCodes { left: first.left, right: first.right, count: first.values as usize + 1 });
    }
    // Fold the columns into one u64 per row, mixed radix; when the next radix would
    // overflow, renumber the codes so far densely first (in order, when sorted).
    let mut left_acc: Vec<u64> = first.left.iter().map(|&c| c as u64).collect();
    let mut right_acc: Vec<u64> = first.right.iter().map(|&c| c as u64).collect();
    let mut radix_so_far = first.values as u64 + 1;
    for index in 1..left.len() {
        let next = codes_of(index)?;
        let radix = next.values as u64 + 1;
        if radix_so_far.checked_mul(radix).is_none() {
            let dense = densify(&left_acc, &right_acc, radix_so_far, sorted);
            left_acc = dense.left.iter().map(|&c| c as u64).collect();
            right_acc = dense.right.iter().map(|&c| c as u64).collect();
            radix_so_far = dense.count as u64;
        }
        for (acc, &code) in left_acc.iter_mut().zip(&next.left) {
            *acc = *acc * radix + code as u64;
        }
        for (acc, &code) in right_acc.iter_mut().zip(&next.right) {
            *acc = *acc * radix + code as u64;
        }
        radix_so_far *= radix;
    }
    debug_assert_eq!(left_acc.len(), left_rows);
    debug_assert_eq!(right_acc.len(), right_rows);
    Ok(densify(&left_acc, &right_acc, radix_so_far, sorted))
}

/// Renumbers u64 codes below `radix` as dense codes `0..count`: in order of first
/// appearance, or in the codes' order when `sorted`.
fn densify(left: &[u64], right: &[u64], radix: u64, sorted: bool) -> RowCodes {
    let rows = left.len() + right.len();
    // A direct table when the code space is not much larger than the rows.
    if radix <= (2 * rows as u64).max(1 << 16) {
        let mut map = vec![u32::MAX; radix as usize];
        let mut count = 0u32;
        if sorted {
            for &code in left.iter().chain(right) {
                map[code as usize] = 0;
            }
            for slot in map.iter_mut() {
                if *slot == 0 {
                    *slot = count;
                    count += 1;
                }
            }
        } else {
            for &code in left.iter().chain(right) {
                let slot = &mut map[code as usize];
                if *slot == u32::MAX {
                    *slot = count;
                    count += 1;
                }
            }
        }
        let renumber = |codes: &[u64]| codes.iter().map(|&code| map[code as usize]).collect();
        return RowCodes { left: renumber(left), right: renumber(right), count: count as usize };
    }
    let left_source = NumberSource { values: Cow::Borrowed(left), valid: None };
    let right_source = NumberSource { values: Cow::Borrowed(right), valid: None };
    let codes = factorize_source(&left_source, Some(&right_source), sorted);
    RowCodes { left: codes.left, right: codes.right, count: codes.values as usize }
}

/// For a merge on one key column: each probe row's first equal build row, and the chain
/// of further equal build rows, found with a hash table over the build side only (no
/// codes for the probe side).
pub struct BuildProbe {
    /// `first[p]`: the first build row whose key equals probe row p's, or `u32::MAX`.
    pub first: Vec<u32>,
    /// `next[b]`: the next build row (in row order) with build row b's key, or `u32::MAX`;
    /// empty when every build key is distinct.
    pub next: Vec<u32>,
}

/// The single-key lookup of `probe`'s rows in `build`'s, or `None` for a categorical
/// key (which goes through [`row_codes`]).
pub fn build_probe(probe: &Column, build: &Column) -> Result<Option<BuildProbe>, KeyError> {
    let is_category = |column: &Column| matches!(column.values, Values::Category { .. });
    if is_category(probe) || is_category(build) {
        return Ok(None);
    }
    Ok(Some(match common_type(&probe.values, &build.values)? {
        Common::Int | Common::DateTime(_) => {
            let unit = match common_type(&probe.values, &build.values)? {
                Common::DateTime(unit) => Some(unit),
                _ => None,
            };
            build_probe_source(&int_source(probe, unit, true)?, &int_source(build, unit, true)?)
        }
        Common::UInt => build_probe_source(&uint_source(probe), &uint_source(build)),
        Common::Float => build_probe_source(&float_source(probe), &float_source(build)),
        Common::Str => build_probe_source(&string_source(probe), &string_source(build)),
    }))
}

/// A side's rows split by the top bits of their key's hash: partition p's keys and rows
/// are `keys[starts[p]..starts[p + 1]]` and `rows[...]` alike, in row order; missing
/// keys apart. Keys and rows are kept apart (not as pairs, which padding would make 16
/// bytes for an 8-byte key) so that the two vectors are as small as the columns.
struct Partitioned<K> {
    starts: Vec<usize>,
    keys: Vec<K>,
    rows: Vec<u32>,
    missing: Vec<u32>,
}

impl<K: Copy> Partitioned<K> {
    fn part(&self, p: usize) -> impl Iterator<Item = (K, u32)> + '_ {
        let range = self.starts[p]..self.starts[p + 1];
        self.keys[range.clone()].iter().copied().zip(self.rows[range].iter().copied())
    }
}

fn partition_side<K: KeyValue, S: KeySource<K>>(side: &S, bits: u32) -> Partitioned<K> {
    let shift = 64 - bits;
    let partition_of = |key: &K| (FastHashState.hash_one(key) >> shift) as usize;
    let mut starts = vec![0usize; (1 << bits) + 1];
    let mut missing = Vec::new();
    for row in 0..side.len() {
        match side.key(row) {
            Some(key) => starts[partition_of(&key) + 1] += 1,
            None => missing.push(row as u32),
        }
    }
    for index in 1..starts.len() {
        starts[index] += starts[index - 1];
    }
    let mut cursor = starts.clone();
    let present = side.len() - missing.len();
    let mut keys: Vec<K> = Vec::with_capacity(present);
    let mut rows: Vec<u32> = Vec::with_capacity(present);
    {
        let (key_slots, row_slots) = (keys.spare_capacity_mut(), rows.spare_capacity_mut());
        for row in 0..side.len() {
            if let Some(key) = side.key(row) {
                let slot = &mut cursor[partition_of(&key)];
                key_slots[*slot].write(key);
                row_slots[*slot].write(row as u32);
                *slot += 1;
            }
        }
    }
    // Each partition's cursor ran from its start to the next one's, so every one of the
    // `present` slots was written exactly once.
    debug_assert!((0..1usize << bits).all(|p| cursor[p] == starts[p + 1]));
    // SAFETY: all `present` slots are initialised (above).
    unsafe {
        keys.set_len(present);
        rows.set_len(present);
    }
    Partitioned { starts, keys, rows, missing }
}

/// [`build_probe_source`] for large sides: both sides are first split into partitions by
/// hash so that each partition's table stays in cache (a radix-partitioned hash join).
/// A partition's table is open addressing with linear probing over slots that hold an
/// entry's position in the partition (its key is read from the partition's keys, which
/// are in cache too): 4-byte slots, a quarter full at most, one hash per key.
fn partitioned_build_probe<K: KeyValue, S: KeySource<K>>(probe: &S, build: &S, bits: u32) -> BuildProbe {
    let build_parts = partition_side(build, bits);
    let probe_parts = partition_side(probe, bits);
    // Every probe row is written once below: by its partition, or as a missing key.
    let mut first: Vec<u32> = Vec::with_capacity(probe.len());
    let first_slots = first.spare_capacity_mut();
    let mut next: Option<Vec<u32>> = None;
    let mut slots: Vec<u32> = Vec::new();
    for partition in 0..(1usize << bits) {
        let start = build_parts.starts[partition];
        let (keys, rows) = (&build_parts.keys[start..build_parts.starts[partition + 1]], &build_parts.rows[start..build_parts.starts[partition + 1]]);
        let capacity = (4 * keys.len()).next_power_of_two().max(16);
        let mask = capacity - 1;
        slots.clear();
        slots.resize(capacity, u32::MAX);
        // The slot of `key`: the one holding it, or the empty one where it would go.
        let find = |slots: &[u32], key: &K| {
            let mut slot = FastHashState.hash_one(key) as usize & mask;
            loop {
                let entry = slots[slot];
                if entry == u32::MAX || keys[entry as usize] == *key {
                    return slot;
                }
                slot = (slot + 1) & mask;
            }
        };
        // Backwards, so that each key's slot ends at its smallest row, chained in row order.
        for i in (0..keys.len()).rev() {
            let slot = find(&slots, &keys[i]);
            let head = slots[slot];
            if head != u32::MAX {
                next.get_or_insert_with(|| vec![u32::MAX; build.len()])[rows[i] as usize] = rows[head as usize];
            }
            slots[slot] = i as u32;
        }
        for (key, row) in probe_parts.part(partition) {
            let entry = slots[find(&slots, &key)];
            first_slots[row as usize].write(if entry == u32::MAX { u32::MAX } else { rows[entry as usize] });
        }
    }
    // Missing keys match each other.
    let missing_head = build_parts.missing.first().copied().unwrap_or(u32::MAX);
    for pair in build_parts.missing.windows(2) {
        next.get_or_insert_with(|| vec![u32::MAX; build.len()])[pair[0] as usize] = pair[1];
    }
    for &row in &probe_parts.missing {
        first_slots[row as usize].write(missing_head);
    }
    // SAFETY: the partitions and the missing rows cover every probe row (`partition_side`).
    unsafe { first.set_len(probe.len()) };
    BuildProbe { first, next: next.unwrap_or_default() }
}

fn build_probe_source<K: KeyValue, S: KeySource<K>>(probe: &S, build: &S) -> BuildProbe {
    assert!(build.len() < u32::MAX as usize, "key columns are limited to 2^32 - 1 rows");
    // About 4096 build rows per partition, at most 2^12 partitions.
    let bits = (build.len() / 4096).max(1).ilog2().min(12);
    if bits >= 4 {
        return partitioned_build_probe(probe, build, bits);
    }
    let mut table: FastMap<K, u32> = HashMap::with_capacity_and_hasher(build.len(), FastHashState);
    let mut next = vec![u32::MAX; build.len()];
    let mut missing_head = u32::MAX;
    let mut any_repeat = false;
    // Walking the build rows backwards leaves each key's smallest row at the head of its
    // chain, and the chain in increasing row order.
    for row in (0..build.len()).rev() {
        let head = match build.key(row) {
            None => &mut missing_head,
            Some(key) => table.entry(key).or_insert(u32::MAX),
        };
        if *head != u32::MAX {
            any_repeat = true;
        }
        next[row] = *head;
        *head = row as u32;
    }
    let first = (0..probe.len())
        .map(|row| match probe.key(row) {
            None => missing_head,
            Some(key) => table.get(&key).copied().unwrap_or(u32::MAX),
        })
        .collect();
    if !any_repeat {
        next = Vec::new();
    }
    BuildProbe { first, next }
}
