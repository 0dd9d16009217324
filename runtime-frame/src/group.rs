//! `groupby`: which group each row falls in, in pandas' group order, and the aggregations of a value column per group; also `value_counts`, `unique` and `nunique` of one column.
//!
//! [`group_rows`] numbers the groups of one or several key columns; the caller builds the
//! result's index from `first_row` (one row per group, in output order) and each result
//! column with [`aggregate`]. Results follow pandas 3.1 (checked by the differential
//! tests in `tests/keys_differential.rs`):
//! - Group order: `sort=True` sorts by the keys as [`crate::sort`] does (categoricals by
//!   category order, missing keys last in each key); `sort=False` keeps the order in which
//!   the groups first appear. Only groups that occur are listed (pandas 3's
//!   `observed=True`). `dropna=True` drops every row with a missing key.
//! - Missing values are skipped. An all-missing group sums to 0 and multiplies to 1;
//!   its mean, median, min, max, first, last, std and var are missing; std and var of a
//!   group with one value are missing (`ddof=1`).
//! - dtypes: an integer sum or product is computed in 64 bits and keeps the column's
//!   dtype when every result fits in it, else it is `int64` (`uint64` for unsigned
//!   columns); a boolean sum or product is `int64`; mean, median, std and var are `float64`
//!   (`float32` for a `float32` column, but see `float_aggregate` for std and median);
//!   min, max, first and last keep the dtype; count,
//!   size and nunique are `int64`.
//! - Float sums and means use the same Kahan-compensated loop as pandas' Cython kernels,
//!   and std/var the same Welford updates, in the same order, so results are equal to the
//!   last bit or nearly so (the tests allow 1e-12 relative). Where pandas 3.1 takes its
//!   `np.ufunc.reduceat` shortcut instead (groups that are runs of rows, no NaN; see
//!   `takes_reduceat_shortcut`), sums and means use NumPy's pairwise summation as it does,
//!   and such a mean is `float64` even for a `float32` column.
//! - A column with a validity mask (pandas' nullable `Int64`, `boolean`, `Float64`) gives
//!   results with a validity mask; a NumPy float column gives NaN for missing results.

use crate::column::{Column, OwnedColumn, OwnedValues, Values};
use crate::keys::{column_codes, row_codes, FastHashState};
use std::collections::HashSet;

/// The groups of a groupby: `ids[row]` is the row's group (`0..count`, in output order)
/// or `-1` for a dropped row; `first_row[g]` is group g's first row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Groups {
    pub ids: Vec<i64>,
    pub first_row: Vec<i64>,
    pub count: usize,
}

/// The groups of `df.groupby(keys, sort=sort, dropna=dropna)`.
pub fn group_rows(keys: &[Column], sort: bool, dropna: bool) -> Groups {
    let codes = row_codes(keys, None, sort).unwrap_or_else(|error| panic!("{error}"));
    let rows = codes.left.len();
    let kept = |row: usize| !dropna || !keys.iter().any(|key| key.is_missing(row));
    let mut id_of_code = vec![u32::MAX; codes.count];
    let mut count = 0u32;
    if sort {
        for (row, &code) in codes.left.iter().enumerate() {
            if kept(row) {
                id_of_code[code as usize] = 0;
            }
        }
        for slot in id_of_code.iter_mut() {
            if *slot == 0 {
                *slot = count;
                count += 1;
            }
        }
    } else {
        for (row, &code) in codes.left.iter().enumerate() {
            if kept(row) && id_of_code[code as usize] == u32::MAX {
                id_of_code[code as usize] = count;
                count += 1;
            }
        }
    }
    let mut ids = vec![-1i64; rows];
    let mut first_row = vec![-1i64; count as usize];
    for (row, &code) in codes.left.iter().enumerate() {
        if kept(row) {
            let id = id_of_code[code as usize];
            ids[row] = id as i64;
            if first_row[id as usize] < 0 {
                first_row[id as usize] = row as i64;
            }
        }
    }
    Groups { ids, first_row, count: count as usize }
}

/// A groupby aggregation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Agg {
    Sum,
    Prod,
    Mean,
    Median,
    Min,
    Max,
    First,
    Last,
    Count,
    Size,
    /// Standard deviation with `ddof=1`.
    Std,
    /// Variance with `ddof=1`.
    Var,
    Nunique,
}

impl Agg {
    /// The aggregation pandas names `name` (`"sum"`, `"nunique"`...).
    pub fn from_name(name: &str) -> Option<Agg> {
        Some(match name {
            "sum" => Agg::Sum,
            "prod" => Agg::Prod,
            "mean" => Agg::Mean,
            "median" => Agg::Median,
            "min" => Agg::Min,
            "max" => Agg::Max,
            "first" => Agg::First,
            "last" => Agg::Last,
            "count" => Agg::Count,
            "size" => Agg::Size,
            "std" => Agg::Std,
            "var" => Agg::Var,
            "nunique" => Agg::Nunique,
            _ => return None,
        })
    }
}

/// An aggregation pandas refuses for the column's dtype (or that these kernels do not
/// implement, such as the mean of datetimes); the message says which.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AggError(pub String);

impl std::fmt::Display for AggError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for AggError {}

/// A value type of a column: whether a value is NaN, and its value as a `float64`.
trait Element: Copy + PartialOrd + Default {
    const HAS_NAN: bool = false;
    fn is_nan(self) -> bool {
        false
    }
    fn missing_value() -> Self {
        Self::default()
    }
    fn to_f64(self) -> f64;
}

macro_rules! integer_elements {
    ($($t:ty),*) => {$(
        impl Element for $t {
            fn to_f64(self) -> f64 {
                self as f64
            }
        }
    )*};
}
integer_elements!(i8, i16, i32, i64, u8, u16, u32, u64);

/// The float arithmetic of the Kahan and Welford loops, in the column's own precision.
trait Float:
    Element
    + runtime_abi::pairwise::SumFloat
    + std::ops::Add<Output = Self>
    + std::ops::Sub<Output = Self>
    + std::ops::Mul<Output = Self>
    + std::ops::Div<Output = Self>
    + std::ops::AddAssign
{
    /// Whether this is `float32`, whose std and median pandas computes in `float64`.
    const NARROW: bool;
    const ONE: Self;
    fn from_count(count: i64) -> Self;
    fn from_f64(value: f64) -> Self;
    fn sqrt(self) -> Self;
    fn wrap(values: Vec<Self>) -> OwnedValues;
}

macro_rules! float_elements {
    ($($t:ident => $variant:ident, $narrow:expr),*) => {$(
        impl Element for $t {
            const HAS_NAN: bool = true;
            fn is_nan(self) -> bool {
                self.is_nan()
            }
            fn missing_value() -> Self {
                $t::NAN
            }
            fn to_f64(self) -> f64 {
                self as f64
            }
        }
        impl Float for $t {
            const NARROW: bool = $narrow;
            const ONE: Self = 1.0;
            fn from_count(count: i64) -> Self {
                count as $t
            }
            fn from_f64(value: f64) -> Self {
                value as $t
            }
            fn sqrt(self) -> Self {
                $t::sqrt(self)
            }
            fn wrap(values: Vec<Self>) -> OwnedValues {
                OwnedValues::$variant(values)
            }
        }
    )*};
}
float_elements!(f32 => F32, true, f64 => F64, false);

/// A typed view of a value column: values, validity, and whether NaN counts as missing.
struct Typed<'a, T> {
    values: &'a [T],
    valid: Option<&'a [u8]>,
}

impl<T: Element> Typed<'_, T> {
    #[inline]
    fn get(&self, row: usize) -> Option<T> {
        let value = self.values[row];
        if self.valid.is_some_and(|valid| valid[row] == 0) || value.is_nan() {
            None
        } else {
            Some(value)
        }
    }
}

/// Calls `each(group, value)` for every kept row with a present value, in row order.
#[inline]
fn for_each_present<T: Element>(typed: &Typed<T>, ids: &[i64], mut each: impl FnMut(usize, T)) {
    for (row, &id) in ids.iter().enumerate() {
        if id >= 0 {
            if let Some(value) = typed.get(row) {
                each(id as usize, value);
            }
        }
    }
}

/// A result column from one optional value per group: missing values become the type's
/// missing value (NaN for floats) and, where the input had a mask or the type has no NaN,
/// a 0 in the validity mask.
fn finish<T: Element>(
    results: Vec<Option<T>>,
    masked_input: bool,
    wrap: impl FnOnce(Vec<T>) -> OwnedValues,
) -> OwnedColumn {
    let any_missing = results.iter().any(Option::is_none);
    let valid = (masked_input || (any_missing && !T::HAS_NAN))
        .then(|| results.iter().map(|result| result.is_some() as u8).collect());
    let values = results.into_iter().map(|result| result.unwrap_or_else(T::missing_value)).collect();
    OwnedColumn { values: wrap(values), valid }
}

fn int64_column(values: Vec<i64>) -> OwnedColumn {
    OwnedColumn { values: OwnedValues::I64(values), valid: None }
}

fn select<T: Element>(typed: &Typed<T>, groups: &Groups, agg: Agg) -> Vec<Option<T>> {
    let mut results: Vec<Option<T>> = vec![None; groups.count];
    match agg {
        Agg::Min => for_each_present(typed, &groups.ids, |group, value| {
            let slot = &mut results[group];
            if slot.is_none_or(|current| value < current) {
                *slot = Some(value);
            }
        }),
        Agg::Max => for_each_present(typed, &groups.ids, |group, value| {
            let slot = &mut results[group];
            if slot.is_none_or(|current| value > current) {
                *slot = Some(value);
            }
        }),
        Agg::First => for_each_present(typed, &groups.ids, |group, value| {
            results[group].get_or_insert(value);
        }),
        Agg::Last => for_each_present(typed, &groups.ids, |group, value| results[group] = Some(value)),
        _ => unreachable!("not a selecting aggregation"),
    }
    results
}

/// pandas' `group_sum` (Kahan-compensated) or `group_prod`, in the float's precision.
fn float_sum_or_prod<F: Float>(typed: &Typed<F>, groups: &Groups, product: bool) -> Vec<F> {
    if product {
        let mut products = vec![F::ONE; groups.count];
        for_each_present(typed, &groups.ids, |group, value| products[group] = products[group] * value);
        return products;
    }
    let mut sums = vec![F::ZERO; groups.count];
    let mut compensations = vec![F::ZERO; groups.count];
    for_each_present(typed, &groups.ids, |group, value| {
        let y = value - compensations[group];
        let t = sums[group] + y;
        let mut compensation = t - sums[group] - y;
        // pandas resets a NaN compensation (from inf - inf) to zero (GH#53606).
        if compensation.is_nan() {
            compensation = F::ZERO;
        }
        compensations[group] = compensation;
        sums[group] = t;
    });
    sums
}

/// pandas' `group_mean`: a Kahan-compensated sum divided by the count.
fn float_mean<F: Float>(typed: &Typed<F>, groups: &Groups) -> Vec<Option<F>> {
    let sums = float_sum_or_prod(typed, groups, false);
    let counts = present_counts(typed, groups);
    sums.into_iter().zip(counts).map(|(sum, count)| (count > 0).then(|| sum / F::from_count(count))).collect()
}

/// pandas' `group_var` (Welford's updates), `ddof=1`; the square root for std.
fn float_var<F: Float>(typed: &Typed<F>, groups: &Groups, std: bool) -> Vec<Option<F>> {
    let mut counts = vec![0i64; groups.count];
    let mut means = vec![F::ZERO; groups.count];
    let mut squares = vec![F::ZERO; groups.count];
    for_each_present(typed, &groups.ids, |group, value| {
        counts[group] += 1;
        let old_mean = means[group];
        means[group] += (value - old_mean) / F::from_count(counts[group]);
        squares[group] += (value - old_mean) * (value - means[group]);
    });
    (0..groups.count)
        .map(|group| {
            (counts[group] > 1).then(|| {
                let variance = squares[group] / F::from_count(counts[group] - 1);
                if std {
                    variance.sqrt()
                } else {
                    variance
                }
            })
        })
        .collect()
}

fn present_counts<T: Element>(typed: &Typed<T>, groups: &Groups) -> Vec<i64> {
    let mut counts = vec![0i64; groups.count];
    for_each_present(typed, &groups.ids, |group, _| counts[group] += 1);
    counts
}

/// The median of each group's present values (as `float64`), `None` for none.
fn medians<T: Element>(typed: &Typed<T>, groups: &Groups) -> Vec<Option<f64>> {
    let mut per_group: Vec<Vec<f64>> = vec![Vec::new(); groups.count];
    for_each_present(typed, &groups.ids, |group, value| per_group[group].push(value.to_f64()));
    per_group
        .into_iter()
        .map(|mut values| {
            let n = values.len();
            if n == 0 {
                return None;
            }
            let upper = *values.select_nth_unstable_by(n / 2, f64::total_cmp).1;
            if n % 2 == 1 {
                return Some(upper);
            }
            let lower = values[..n / 2].iter().copied().fold(f64::NEG_INFINITY, f64::max);
            Some((upper + lower) / 2.0)
        })
        .collect()
}

/// The float statistics (mean, median, std, var) of a column read as `F`.
fn float_statistic<F: Float>(typed: &Typed<F>, groups: &Groups, agg: Agg, masked: bool) -> OwnedColumn {
    let results = match agg {
        Agg::Mean => float_mean(typed, groups),
        Agg::Std => float_var(typed, groups, true),
        Agg::Var => float_var(typed, groups, false),
        Agg::Median => medians(typed, groups).into_iter().map(|m| m.map(F::from_f64)).collect(),
        _ => unreachable!("not a float statistic"),
    };
    finish(results, masked, F::wrap)
}

fn float_aggregate<F: Float>(typed: &Typed<F>, groups: &Groups, agg: Agg) -> OwnedColumn {
    let masked = typed.valid.is_some();
    match agg {
        Agg::Sum | Agg::Prod => {
            let values = float_sum_or_prod(typed, groups, agg == Agg::Prod);
            OwnedColumn { values: F::wrap(values), valid: masked.then(|| vec![1; groups.count]) }
        }
        Agg::Min | Agg::Max | Agg::First | Agg::Last => finish(select(typed, groups, agg), masked, F::wrap),
        Agg::Std | Agg::Median if F::NARROW => {
            // pandas computes these two in float64 for a float32 column, then narrows
            // the results to float32 only when each moves by at most 5e-4
            // (`maybe_downcast_to_dtype`); otherwise they stay float64.
            let widened = widened_to_f64(typed);
            let wide = float_statistic(&Typed { values: &widened, valid: typed.valid }, groups, agg, masked);
            let OwnedValues::F64(values) = &wide.values else { unreachable!("a float64 statistic") };
            let narrow: Vec<f32> = values.iter().map(|&value| value as f32).collect();
            let close = values.iter().zip(&narrow).all(|(&wide, &narrow)| {
                (wide.is_nan() && narrow.is_nan()) || wide == narrow as f64 || (wide - narrow as f64).abs() <= 5e-4
            });
            if close {
                OwnedColumn { values: OwnedValues::F32(narrow), valid: wide.valid }
            } else {
                wide
            }
        }
        _ => float_statistic(typed, groups, agg, masked),
    }
}

/// An integer column's values widened to `float64`, for mean, std and var.
fn widened_to_f64<T: Element>(typed: &Typed<T>) -> Vec<f64> {
    typed.values.iter().map(|value| value.to_f64()).collect()
}

/// The integer sum or product: 64-bit wrapping arithmetic, then narrowed back to the
/// column's dtype when every result fits.
trait Integer: Element + TryFrom<Self::Wide> {
    type Wide: Copy + Into<i128> + TryFrom<i128> + PartialEq;
    const WIDE_ZERO: Self::Wide;
    const WIDE_ONE: Self::Wide;
    fn widen(self) -> Self::Wide;
    fn add(a: Self::Wide, b: Self::Wide) -> Self::Wide;
    fn mul(a: Self::Wide, b: Self::Wide) -> Self::Wide;
    fn wrap(values: Vec<Self>) -> OwnedValues;
    fn wrap_wide(values: Vec<Self::Wide>) -> OwnedValues;
}

macro_rules! integers {
    ($($t:ident => $variant:ident, $wide:ident => $wide_variant:ident);*) => {$(
        impl Integer for $t {
            type Wide = $wide;
            const WIDE_ZERO: $wide = 0;
            const WIDE_ONE: $wide = 1;
            fn widen(self) -> $wide {
                self as $wide
            }
            fn add(a: $wide, b: $wide) -> $wide {
                a.wrapping_add(b)
            }
            fn mul(a: $wide, b: $wide) -> $wide {
                a.wrapping_mul(b)
            }
            fn wrap(values: Vec<Self>) -> OwnedValues {
                OwnedValues::$variant(values)
            }
            fn wrap_wide(values: Vec<$wide>) -> OwnedValues {
                OwnedValues::$wide_variant(values)
            }
        }
    )*};
}
integers!(i8 => I8, i64 => I64; i16 => I16, i64 => I64; i32 => I32, i64 => I64; i64 => I64, i64 => I64;
          u8 => U8, u64 => U64; u16 => U16, u64 => U64; u32 => U32, u64 => U64; u64 => U64, u64 => U64);

fn integer_sum_or_prod<T: Integer>(typed: &Typed<T>, groups: &Groups, product: bool) -> OwnedColumn {
    let start = if product { T::WIDE_ONE } else { T::WIDE_ZERO };
    let mut results = vec![start; groups.count];
    for_each_present(typed, &groups.ids, |group, value| {
        results[group] =
            if product { T::mul(results[group], value.widen()) } else { T::add(results[group], value.widen()) }
    });
    let valid = typed.valid.is_some().then(|| vec![1; groups.count]);
    let narrowed: Option<Vec<T>> = results.iter().map(|&wide| T::try_from(wide).ok()).collect();
    let values = match narrowed {
        Some(narrowed) => T::wrap(narrowed),
        None => T::wrap_wide(results),
    };
    OwnedColumn { values, valid }
}

fn integer_aggregate<T: Integer>(typed: &Typed<T>, groups: &Groups, agg: Agg) -> OwnedColumn {
    let masked = typed.valid.is_some();
    match agg {
        Agg::Sum | Agg::Prod => integer_sum_or_prod(typed, groups, agg == Agg::Prod),
        Agg::Min | Agg::Max | Agg::First | Agg::Last => finish(select(typed, groups, agg), masked, T::wrap),
        _ => {
            let widened = widened_to_f64(typed);
            float_statistic(&Typed { values: &widened, valid: typed.valid }, groups, agg, masked)
        }
    }
}

fn bool_aggregate(typed: &Typed<u8>, groups: &Groups, agg: Agg) -> OwnedColumn {
    let masked = typed.valid.is_some();
    match agg {
        Agg::Sum | Agg::Prod => {
            let widened: Vec<i64> = typed.values.iter().map(|&value| value as i64).collect();
            // An int64 result always fits int64, so this stays int64.
            integer_sum_or_prod(&Typed { values: &widened, valid: typed.valid }, groups, agg == Agg::Prod)
        }
        Agg::Min | Agg::Max | Agg::First | Agg::Last => finish(select(typed, groups, agg), masked, OwnedValues::Bool),
        _ => {
            let widened = widened_to_f64(typed);
            float_statistic(&Typed { values: &widened, valid: typed.valid }, groups, agg, masked)
        }
    }
}

/// Min, max, first and last of strings (by code point, as Python compares them).
fn string_aggregate(column: &Column, offsets: &[i64], bytes: &[u8], groups: &Groups, agg: Agg) -> OwnedColumn {
    let mut results: Vec<Option<&[u8]>> = vec![None; groups.count];
    for (row, &id) in groups.ids.iter().enumerate() {
        if id < 0 || !column.is_valid(row) {
            continue;
        }
        let value = &bytes[offsets[row] as usize..offsets[row + 1] as usize];
        let slot = &mut results[id as usize];
        let replace = match (agg, *slot) {
            (_, None) | (Agg::Last, _) => true,
            (Agg::Min, Some(current)) => value < current,
            (Agg::Max, Some(current)) => value > current,
            _ => false,
        };
        if replace {
            *slot = Some(value);
        }
    }
    let mut out_offsets = vec![0i64];
    let mut out_bytes = Vec::new();
    for result in &results {
        out_bytes.extend_from_slice(result.unwrap_or_default());
        out_offsets.push(out_bytes.len() as i64);
    }
    let any_missing = results.iter().any(Option::is_none);
    let valid = (column.valid.is_some() || any_missing).then(|| results.iter().map(|r| r.is_some() as u8).collect());
    OwnedColumn { values: OwnedValues::Str { offsets: out_offsets, bytes: out_bytes }, valid }
}

fn unsupported(agg: Agg, column: &Column) -> AggError {
    let dtype = match column.values {
        Values::Str { .. } => "str",
        Values::Category { .. } => "category",
        Values::DateTime { .. } => "datetime64",
        _ => "this",
    };
    AggError(format!("groupby {agg:?} is not supported for a {dtype} column"))
}

/// pandas 3.1 aggregates with NumPy's `ufunc.reduceat` instead of its Cython kernels when
/// the group ids never decrease (dropped rows, id -1, can only lead), some row is kept,
/// and the column is a NumPy bool, integer or float column without a NaN anywhere. For
/// sum and mean that changes the rounding (pairwise instead of Kahan summation) and a
/// mean is then `float64` even for a `float32` column; other results are the same.
fn takes_reduceat_shortcut(values: &Column, groups: &Groups) -> bool {
    let numeric = match values.values {
        Values::F32(v) => !v.iter().any(|x| x.is_nan()),
        Values::F64(v) => !v.iter().any(|x| x.is_nan()),
        Values::Str { .. } | Values::Category { .. } | Values::DateTime { .. } => false,
        _ => true,
    };
    numeric
        && values.valid.is_none()
        && groups.ids.last().is_some_and(|&id| id >= 0)
        && groups.ids.windows(2).all(|pair| pair[0] <= pair[1])
}

/// Each group's NumPy reduction (`values[start] + pairwise_sum(values[start + 1..end])`,
/// as `np.add.reduceat` computes a segment) over groups that are runs of rows.
fn reduceat_sums<F: Float>(values: &[F], groups: &Groups) -> (Vec<F>, Vec<i64>) {
    let mut sums = vec![F::ZERO; groups.count];
    let mut sizes = vec![0i64; groups.count];
    let mut start = groups.ids.iter().position(|&id| id >= 0).unwrap_or(groups.ids.len());
    while start < groups.ids.len() {
        let id = groups.ids[start];
        let end = start + groups.ids[start..].iter().position(|&other| other != id).unwrap_or(groups.ids.len() - start);
        let segment = &values[start..end];
        sums[id as usize] = runtime_abi::pairwise::reduceat_sum(segment);
        sizes[id as usize] = segment.len() as i64;
        start = end;
    }
    (sums, sizes)
}

fn reduceat_aggregate(values: &Column, groups: &Groups, agg: Agg) -> OwnedColumn {
    let as_f64 = |values: &Column| -> Vec<f64> {
        (0..values.len())
            .map(|row| match values.values {
                Values::Bool(v) | Values::U8(v) => v[row] as f64,
                Values::I8(v) => v[row] as f64,
                Values::I16(v) => v[row] as f64,
                Values::I32(v) => v[row] as f64,
                Values::I64(v) => v[row] as f64,
                Values::U16(v) => v[row] as f64,
                Values::U32(v) => v[row] as f64,
                Values::U64(v) => v[row] as f64,
                Values::F32(v) => v[row] as f64,
                Values::F64(v) => v[row],
                _ => unreachable!("a numeric column"),
            })
            .collect()
    };
    match (agg, values.values) {
        (Agg::Sum, Values::F32(v)) => OwnedColumn { values: OwnedValues::F32(reduceat_sums(v, groups).0), valid: None },
        (Agg::Sum, Values::F64(v)) => OwnedColumn { values: OwnedValues::F64(reduceat_sums(v, groups).0), valid: None },
        (Agg::Mean, _) => {
            let (sums, sizes) = reduceat_sums(&as_f64(values), groups);
            let means = sums.iter().zip(&sizes).map(|(&sum, &size)| sum / size as f64).collect();
            OwnedColumn { values: OwnedValues::F64(means), valid: None }
        }
        _ => unreachable!("only float sums and means round differently"),
    }
}

/// The aggregation `agg` of the value column `values` over `groups`, one value per group
/// in group order (see the module's notes for dtypes and missing values).
pub fn aggregate(values: &Column, groups: &Groups, agg: Agg) -> Result<OwnedColumn, AggError> {
    assert_eq!(values.len(), groups.ids.len(), "a value per grouped row");
    let float_column = matches!(values.values, Values::F32(_) | Values::F64(_));
    if (agg == Agg::Mean || (agg == Agg::Sum && float_column)) && takes_reduceat_shortcut(values, groups) {
        return Ok(reduceat_aggregate(values, groups, agg));
    }
    match agg {
        Agg::Size => {
            let mut sizes = vec![0i64; groups.count];
            for &id in &groups.ids {
                if id >= 0 {
                    sizes[id as usize] += 1;
                }
            }
            return Ok(int64_column(sizes));
        }
        Agg::Count => {
            let mut counts = vec![0i64; groups.count];
            for (row, &id) in groups.ids.iter().enumerate() {
                if id >= 0 && !values.is_missing(row) {
                    counts[id as usize] += 1;
                }
            }
            return Ok(int64_column(counts));
        }
        Agg::Nunique => {
            let codes = column_codes(values, None, false).map_err(|error| AggError(error.to_string()))?;
            let mut seen: HashSet<u64, FastHashState> = HashSet::with_hasher(FastHashState);
            let mut counts = vec![0i64; groups.count];
            for (&id, &code) in groups.ids.iter().zip(&codes.left) {
                if id >= 0 && code != codes.values && seen.insert(((id as u64) << 32) | code as u64) {
                    counts[id as usize] += 1;
                }
            }
            return Ok(int64_column(counts));
        }
        _ => {}
    }
    let valid = values.valid;
    Ok(match values.values {
        Values::Bool(v) => bool_aggregate(&Typed { values: v, valid }, groups, agg),
        Values::I8(v) => integer_aggregate(&Typed { values: v, valid }, groups, agg),
        Values::I16(v) => integer_aggregate(&Typed { values: v, valid }, groups, agg),
        Values::I32(v) => integer_aggregate(&Typed { values: v, valid }, groups, agg),
        Values::I64(v) => integer_aggregate(&Typed { values: v, valid }, groups, agg),
        Values::U8(v) => integer_aggregate(&Typed { values: v, valid }, groups, agg),
        Values::U16(v) => integer_aggregate(&Typed { values: v, valid }, groups, agg),
        Values::U32(v) => integer_aggregate(&Typed { values: v, valid }, groups, agg),
        Values::U64(v) => integer_aggregate(&Typed { values: v, valid }, groups, agg),
        Values::F32(v) => float_aggregate(&Typed { values: v, valid }, groups, agg),
        Values::F64(v) => float_aggregate(&Typed { values: v, valid }, groups, agg),
        Values::Str { offsets, bytes } => match agg {
            Agg::Min | Agg::Max | Agg::First | Agg::Last => string_aggregate(values, offsets, bytes, groups, agg),
            _ => return Err(unsupported(agg, values)),
        },
        Values::DateTime { ticks, unit } => match agg {
            Agg::Min | Agg::Max | Agg::First | Agg::Last => {
                // NaT (the smallest int64) is missing, as is a masked-out value.
                let mask: Vec<u8> = (0..ticks.len()).map(|row| (!values.is_missing(row)) as u8).collect();
                let results = select(&Typed { values: ticks, valid: Some(&mask) }, groups, agg);
                let masked = valid.is_some() || results.iter().any(Option::is_none);
                let mut column = finish(results, masked, |ticks| OwnedValues::DateTime { ticks, unit });
                // A missing datetime is NaT in its ticks too.
                if let (OwnedValues::DateTime { ticks, .. }, Some(valid)) = (&mut column.values, &column.valid) {
                    for (tick, &ok) in ticks.iter_mut().zip(valid) {
                        if ok == 0 {
                            *tick = i64::MIN;
                        }
                    }
                }
                column
            }
            _ => return Err(unsupported(agg, values)),
        },
        Values::Category { .. } => return Err(unsupported(agg, values)),
    })
}

/// `Series.value_counts(dropna=dropna)`: each distinct value once, by count descending,
/// equal counts in pandas' order of the values (see [`value_counts`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValueCounts {
    /// A row holding each value (its first), `-1` for a category that occurs nowhere.
    pub first_row: Vec<i64>,
    /// For a categorical column, each entry's category code (`-1` for the missing
    /// entry); empty for other columns.
    pub category: Vec<i32>,
    pub counts: Vec<i64>,
}

/// `Series.value_counts(dropna=dropna)` (`sort=True`). Before pandas' stable sort by
/// count, the values are in order of first appearance, the missing value included where
/// it first appears, except that a column with a validity mask (a nullable dtype) lists
/// its missing value last, and a categorical lists every category in category order
/// (those that never occur with count 0), then the missing value.
pub fn value_counts(values: &Column, dropna: bool) -> ValueCounts {
    let rows = values.len();
    let (mut first_row, mut category, mut counts): (Vec<i64>, Vec<i32>, Vec<i64>);
    if let Values::Category { codes, categories } = values.values {
        let n = categories.len();
        first_row = vec![-1; n + 1];
        counts = vec![0; n + 1];
        category = (0..n as i32).chain([-1]).collect();
        for (row, &code) in codes.iter().enumerate() {
            let slot = if values.is_missing(row) { n } else { code as usize };
            counts[slot] += 1;
            if first_row[slot] < 0 {
                first_row[slot] = row as i64;
            }
        }
        if dropna || counts[n] == 0 {
            first_row.pop();
            counts.pop();
            category.pop();
        }
    } else {
        let codes = column_codes(values, None, false).unwrap_or_else(|error| panic!("{error}"));
        let missing = codes.values;
        let missing_last = values.valid.is_some() && !matches!(values.values, Values::Str { .. });
        let mut entry_of_code = vec![u32::MAX; missing as usize + 1];
        first_row = Vec::new();
        counts = Vec::new();
        category = Vec::new();
        for (row, &code) in codes.left.iter().enumerate() {
            if code == missing && (dropna || missing_last) {
                continue;
            }
            let entry = &mut entry_of_code[code as usize];
            if *entry == u32::MAX {
                *entry = first_row.len() as u32;
                first_row.push(row as i64);
                counts.push(0);
            }
            counts[*entry as usize] += 1;
        }
        if !dropna && missing_last {
            let missing_rows: Vec<usize> = (0..rows).filter(|&row| codes.left[row] == missing).collect();
            if let Some(&first) = missing_rows.first() {
                first_row.push(first as i64);
                counts.push(missing_rows.len() as i64);
            }
        }
    }
    let mut order: Vec<usize> = (0..counts.len()).collect();
    order.sort_by(|&a, &b| counts[b].cmp(&counts[a]));
    let category = if category.is_empty() { category } else { order.iter().map(|&i| category[i]).collect() };
    ValueCounts {
        first_row: order.iter().map(|&i| first_row[i]).collect(),
        category,
        counts: order.iter().map(|&i| counts[i]).collect(),
    }
}

/// `Series.unique()`: the first row of each distinct value, missing included once, in
/// order of first appearance.
pub fn unique(values: &Column) -> Vec<i64> {
    let codes = column_codes(values, None, false).unwrap_or_else(|error| panic!("{error}"));
    let mut seen = vec![false; codes.values as usize + 1];
    let mut rows = Vec::new();
    for (row, &code) in codes.left.iter().enumerate() {
        if !std::mem::replace(&mut seen[code as usize], true) {
            rows.push(row as i64);
        }
    }
    rows
}

/// `Series.nunique(dropna=dropna)`: the number of distinct values.
pub fn nunique(values: &Column, dropna: bool) -> usize {
    let codes = column_codes(values, None, false).unwrap_or_else(|error| panic!("{error}"));
    let mut seen = vec![false; codes.values as usize + 1];
    for &code in &codes.left {
        seen[code as usize] = true;
    }
    let missing_seen = seen[codes.values as usize];
    let present = seen.iter().filter(|&&s| s).count() - missing_seen as usize;
    present + (!dropna && missing_seen) as usize
}
