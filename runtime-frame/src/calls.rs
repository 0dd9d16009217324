//! The dataframe operations that compiled programs call: an operand stack that generated
//! code pushes arrays and ints onto (`lt_frame_push*`), and the operations of
//! `runtime_abi::frame_spec`, which consume the operands pushed since the last one.

use std::borrow::Cow;
use std::cell::RefCell;

use runtime_abi::{frame_spec, ArrayDesc, DTYPE_BOOL, DTYPE_F32, DTYPE_F64, DTYPE_I32, DTYPE_I64};
use runtime_core::array;
use runtime_core::dist;
use runtime_core::errors::{RtError, RtResult};

use crate::column::{Column, Frame, Index, OwnedValues, Values};
use crate::group::{aggregate, group_rows, unique, value_counts, Agg};
use crate::join::{try_merge_indices, How};
use crate::repr;
use crate::sort::sort_indices;

/// An operand of a dataframe operation.
enum Operand {
    /// A whole copy of an array, current on the host (taken when it was pushed, the
    /// statement whose plan allows its gather).
    Array(dist::Whole),
    Int(i64),
}

thread_local! {
    static OPERANDS: RefCell<Vec<Operand>> = const { RefCell::new(Vec::new()) };
}

/// Pushes an array operand: a whole copy of it, current on the host.
///
/// # Safety
/// `a` must be a live descriptor.
pub unsafe fn push_array(a: *mut ArrayDesc) -> RtResult<()> {
    // SAFETY: the caller's.
    let whole = unsafe { dist::Whole::of(&[a]) }?;
    OPERANDS.with(|s| s.borrow_mut().push(Operand::Array(whole)));
    Ok(())
}

pub fn push_int(v: i64) {
    OPERANDS.with(|s| s.borrow_mut().push(Operand::Int(v)));
}

/// The operands pushed since the last operation, held while the operation runs (their
/// copies are released when it is dropped).
struct Held(Vec<Operand>);

impl Held {
    fn take() -> Held {
        Held(OPERANDS.with(|s| std::mem::take(&mut *s.borrow_mut())))
    }

    fn cursor(&self) -> Operands<'_> {
        Operands { items: self.0.iter() }
    }
}

/// Reads the held operands in order; arrays are borrowed for as long as they are held.
struct Operands<'h> {
    items: std::slice::Iter<'h, Operand>,
}

impl<'h> Operands<'h> {
    fn int(&mut self) -> RtResult<i64> {
        match self.items.next() {
            Some(Operand::Int(v)) => Ok(*v),
            Some(Operand::Array(_)) => Err(bug("an array operand where an int was expected")),
            None => Err(bug("too few operands")),
        }
    }

    /// The next array operand.
    fn array(&mut self) -> RtResult<&'h ArrayDesc> {
        match self.items.next() {
            Some(Operand::Array(whole)) => {
                // SAFETY: a live descriptor, kept alive by the `Held` this cursor borrows.
                unsafe { array::desc_ref(whole.list()[0]) }
            }
            Some(Operand::Int(_)) => Err(bug("an int operand where an array was expected")),
            None => Err(bug("too few operands")),
        }
    }
}

fn bug(what: &str) -> RtError {
    RtError::internal(format!("dataframe operation: {what}"))
}

/// A column's values: borrowed from a contiguous 1-D array, else copied out of it in order.
enum Owned<'h> {
    Bool(Cow<'h, [u8]>),
    I32(Cow<'h, [i32]>),
    I64(Cow<'h, [i64]>),
    F32(Cow<'h, [f32]>),
    F64(Cow<'h, [f64]>),
}

impl<'h> Owned<'h> {
    fn of(desc: &'h ArrayDesc) -> RtResult<Owned<'h>> {
        if desc.ndim != 1 {
            return Err(bug("a column that is not 1-D"));
        }
        let n = desc.shape[0].max(0) as usize;
        let stride = desc.strides[0] as isize;
        fn read<T: Copy>(desc: &ArrayDesc, n: usize, stride: isize) -> Cow<'_, [T]> {
            let base = desc.data as *const T;
            if stride == 1 || n <= 1 {
                // SAFETY: a live 1-D array of `n` contiguous elements of T, borrowed with the
                // descriptor (whose buffer it keeps alive).
                return Cow::Borrowed(unsafe { std::slice::from_raw_parts(if n == 0 { std::ptr::NonNull::dangling().as_ptr() } else { base }, n) });
            }
            // SAFETY: a live 1-D array of `n` elements of T at element stride `stride`.
            Cow::Owned((0..n).map(|i| unsafe { *base.offset(i as isize * stride) }).collect())
        }
        Ok(match desc.dtype {
            DTYPE_BOOL => Owned::Bool(read(desc, n, stride)),
            DTYPE_I32 => Owned::I32(read(desc, n, stride)),
            DTYPE_I64 => Owned::I64(read(desc, n, stride)),
            DTYPE_F32 => Owned::F32(read(desc, n, stride)),
            DTYPE_F64 => Owned::F64(read(desc, n, stride)),
            other => return Err(bug(&format!("a column of dtype code {other}"))),
        })
    }

    fn column(&self) -> Column<'_> {
        Column::new(match self {
            Owned::Bool(v) => Values::Bool(v),
            Owned::I32(v) => Values::I32(v),
            Owned::I64(v) => Values::I64(v),
            Owned::F32(v) => Values::F32(v),
            Owned::F64(v) => Values::F64(v),
        })
    }
}

/// A column read from the operands by its kind: `num` (the values) or `masked` (the
/// values, then a bool validity mask). A mask with every value present is dropped: pandas
/// keeps an int column int when a merge matched every row.
struct OwnedCol<'h> {
    values: Owned<'h>,
    valid: Option<Cow<'h, [u8]>>,
}

impl<'h> OwnedCol<'h> {
    fn read(kind: &str, ops: &mut Operands<'h>) -> RtResult<OwnedCol<'h>> {
        let values = Owned::of(ops.array()?)?;
        let valid = match kind {
            "num" => None,
            "masked" => match Owned::of(ops.array()?)? {
                Owned::Bool(mask) => (!mask.iter().all(|&v| v != 0)).then_some(mask),
                _ => return Err(bug("a validity mask that is not bool")),
            },
            other => return Err(bug(&format!("an unknown column kind `{other}`"))),
        };
        Ok(OwnedCol { values, valid })
    }

    fn column(&self) -> Column<'_> {
        Column { valid: self.valid.as_deref(), ..self.values.column() }
    }
}

/// An index read from the operands: a range, or label levels.
enum OwnedIndex<'h> {
    Range { start: i64, len: usize },
    /// Named label columns (a groupby's keys): one is an Index, several a MultiIndex.
    Levels(Vec<(Option<String>, OwnedCol<'h>)>),
}

impl<'h> OwnedIndex<'h> {
    fn read(kind: &str, ops: &mut Operands<'h>) -> RtResult<OwnedIndex<'h>> {
        match kind {
            "range" => {
                let start = ops.int()?;
                let stop = ops.int()?;
                Ok(OwnedIndex::Range { start, len: (stop - start).max(0) as usize })
            }
            nested => {
                // `levels`, then per level: `1` and its name (or `0` and an empty field),
                // and its column kind.
                let fields = frame_spec::decode(nested).map_err(|e| bug(&format!("a bad index: {e}")))?;
                if fields.first().map(String::as_str) != Some("levels") {
                    return Err(bug(&format!("an unknown index kind `{nested}`")));
                }
                let mut levels = Vec::new();
                for level in fields[1..].chunks(3) {
                    let [has, name, kind] = level else { return Err(bug("a bad index level")) };
                    let name = (has == "1").then(|| name.clone());
                    levels.push((name, OwnedCol::read(kind, ops)?));
                }
                Ok(OwnedIndex::Levels(levels))
            }
        }
    }

    fn len(&self) -> usize {
        match self {
            OwnedIndex::Range { len, .. } => *len,
            OwnedIndex::Levels(levels) => levels.first().map_or(0, |(_, c)| c.column().len()),
        }
    }

    fn index(&self) -> Index<'_> {
        match self {
            OwnedIndex::Range { start, .. } => Index::Range { start: *start, step: 1, name: None },
            OwnedIndex::Levels(levels) => Index::Levels(levels.iter().map(|(n, c)| (n.as_deref(), c.column())).collect()),
        }
    }
}

/// Runs a text-producing operation on the pushed operands.
pub fn text(spec: &str) -> RtResult<String> {
    let held = Held::take();
    let mut ops = held.cursor();
    let fields = frame_spec::decode(spec).map_err(|e| bug(&format!("a bad spec: {e}")))?;
    let field = |i: usize| fields.get(i).map(String::as_str).ok_or_else(|| bug("a spec with too few fields"));
    let opts = repr::Options::from_env();
    match field(0)? {
        "repr_frame" => {
            let index = OwnedIndex::read(field(1)?, &mut ops)?;
            let mut owned = Vec::new();
            let mut k = 2;
            while k + 1 < fields.len() {
                owned.push((fields[k].as_str(), OwnedCol::read(&fields[k + 1], &mut ops)?));
                k += 2;
            }
            let frame = Frame {
                columns: owned.iter().map(|(name, o)| (*name, o.column())).collect(),
                index: index.index(),
                len: index.len(),
            };
            Ok(repr::frame_repr(&frame, &opts))
        }
        "repr_series" => {
            let name = if field(1)? == "1" { Some(field(2)?) } else { None };
            let index = OwnedIndex::read(field(4)?, &mut ops)?;
            let values = OwnedCol::read(field(3)?, &mut ops)?;
            Ok(repr::series_repr(name, &values.column(), &index.index(), &opts))
        }
        "repr_dtypes" => {
            let mut owned = Vec::new();
            let mut k = 1;
            while k + 1 < fields.len() {
                owned.push((fields[k].as_str(), OwnedCol::read(&fields[k + 1], &mut ops)?));
                k += 2;
            }
            let len = owned.first().map_or(0, |(_, o)| o.column().len());
            let frame = Frame {
                columns: owned.iter().map(|(name, o)| (*name, o.column())).collect(),
                index: Index::Range { start: 0, step: 1, name: None },
                len,
            };
            Ok(repr::dtypes_repr(&frame, &opts))
        }
        other => Err(bug(&format!("an unknown text operation `{other}`"))),
    }
}

// ----- operations that make arrays -------------------------------------------------------

thread_local! {
    static RESULTS: RefCell<std::collections::VecDeque<*mut ArrayDesc>> = const { RefCell::new(std::collections::VecDeque::new()) };
}

/// The next result of the last `run`, a new array the caller owns.
pub fn pop() -> RtResult<*mut ArrayDesc> {
    RESULTS.with(|r| r.borrow_mut().pop_front()).ok_or_else(|| bug("no result left"))
}

fn push_result(a: *mut ArrayDesc) {
    RESULTS.with(|r| r.borrow_mut().push_back(a));
}

/// A new 1-D array holding `values` (one of the runtime's dtypes).
fn new_array(values: &OwnedValues) -> RtResult<*mut ArrayDesc> {
    fn fill<T: Copy>(dtype: i64, v: &[T]) -> RtResult<*mut ArrayDesc> {
        let a = array::alloc_array_uninit(dtype, &[v.len() as i64])?;
        // SAFETY: a fresh C-contiguous array of `v.len()` elements of T.
        unsafe { std::ptr::copy_nonoverlapping(v.as_ptr(), (*a).data as *mut T, v.len()) };
        Ok(a)
    }
    match values {
        OwnedValues::Bool(v) => fill(DTYPE_BOOL, v),
        OwnedValues::I32(v) => fill(DTYPE_I32, v),
        OwnedValues::I64(v) => fill(DTYPE_I64, v),
        OwnedValues::F32(v) => fill(DTYPE_F32, v),
        OwnedValues::F64(v) => fill(DTYPE_F64, v),
        _ => Err(bug("a result of a dtype the runtime's arrays do not have")),
    }
}

fn index_array(rows: Vec<i64>) -> RtResult<*mut ArrayDesc> {
    new_array(&OwnedValues::I64(rows))
}

/// `values[rows]`, where row -1 is missing: NaN in a float column, zero elsewhere, and a
/// validity mask beside when `masked`.
fn take(values: &Owned, rows: &[i64], masked: bool) -> RtResult<()> {
    fn pick<T: Copy>(v: &[T], rows: &[i64], missing: T) -> Vec<T> {
        rows.iter().map(|&r| if r < 0 { missing } else { v[r as usize] }).collect()
    }
    let taken = match values {
        Owned::Bool(v) => OwnedValues::Bool(pick(v, rows, 0)),
        Owned::I32(v) => OwnedValues::I32(pick(v, rows, 0)),
        Owned::I64(v) => OwnedValues::I64(pick(v, rows, 0)),
        Owned::F32(v) => OwnedValues::F32(pick(v, rows, f32::NAN)),
        Owned::F64(v) => OwnedValues::F64(pick(v, rows, f64::NAN)),
    };
    push_result(new_array(&taken)?);
    if masked {
        push_result(new_array(&OwnedValues::Bool(rows.iter().map(|&r| (r >= 0) as u8).collect()))?);
    }
    Ok(())
}

/// Runs an operation that makes arrays; its results are taken by [`pop`] in order.
pub fn run(spec: &str) -> RtResult<()> {
    let held = Held::take();
    let mut ops = held.cursor();
    let fields = frame_spec::decode(spec).map_err(|e| bug(&format!("a bad spec: {e}")))?;
    let field = |i: usize| fields.get(i).map(String::as_str).ok_or_else(|| bug("a spec with too few fields"));
    let count = |i: usize| -> RtResult<usize> { field(i)?.parse().map_err(|_| bug("a bad count")) };
    if RESULTS.with(|r| !r.borrow().is_empty()) {
        return Err(bug("results of an earlier operation were not taken"));
    }
    match field(0)? {
        "take" => {
            let masked = field(1)? == "1";
            let values = Owned::of(ops.array()?)?;
            let Owned::I64(rows) = Owned::of(ops.array()?)? else { return Err(bug("take rows that are not int64")) };
            take(&values, &rows, masked)
        }
        "concat" => {
            let n = count(1)?;
            let mut parts = Vec::new();
            for _ in 0..n {
                parts.push(Owned::of(ops.array()?)?);
            }
            fn cat<T: Copy>(parts: &[&[T]]) -> Vec<T> {
                parts.iter().flat_map(|p| p.iter().copied()).collect()
            }
            macro_rules! join {
                ($variant:ident) => {{
                    let typed: Option<Vec<&[_]>> = parts.iter().map(|p| if let Owned::$variant(v) = p { Some(&v[..]) } else { None }).collect();
                    OwnedValues::$variant(cat(&typed.ok_or_else(|| bug("concatenated arrays of different dtypes"))?))
                }};
            }
            let joined = match parts.first() {
                None => return Err(bug("nothing to concatenate")),
                Some(Owned::Bool(_)) => join!(Bool),
                Some(Owned::I32(_)) => join!(I32),
                Some(Owned::I64(_)) => join!(I64),
                Some(Owned::F32(_)) => join!(F32),
                Some(Owned::F64(_)) => join!(F64),
            };
            push_result(new_array(&joined)?);
            Ok(())
        }
        "value_counts" => {
            // Operand: the values. Results: the distinct values in pandas' order, their counts.
            let values = OwnedCol::read("num", &mut ops)?;
            let counts = value_counts(&values.column(), true);
            take(&values.values, &counts.first_row, false)?;
            push_result(index_array(counts.counts)?);
            Ok(())
        }
        "reduce" => {
            // `reduce`, an aggregation and its result's dtype code: the aggregation of the
            // whole operand (one group), a one-element result.
            let agg = agg_of(field(1)?)?;
            let dtype: i64 = field(2)?.parse().map_err(|_| bug("a bad dtype code"))?;
            let values = OwnedCol::read("num", &mut ops)?;
            let n = values.column().len();
            let groups = crate::group::Groups { ids: vec![0; n], first_row: vec![if n > 0 { 0 } else { -1 }], count: 1 };
            let out = aggregate(&values.column(), &groups, agg).map_err(|e| RtError::type_error(e.0))?;
            if dtype_code(&out.values) != Some(dtype) {
                return Err(RtError::value(format!("legatec: the {agg:?} has another dtype than expected; cast the column with astype first")));
            }
            push_result(new_array(&out.values)?);
            Ok(())
        }
        "unique" => {
            let values = OwnedCol::read("num", &mut ops)?;
            let rows = unique(&values.column());
            take(&values.values, &rows, false)
        }
        "merge" => {
            let how = match field(1)? {
                "inner" => How::Inner,
                "left" => How::Left,
                "right" => How::Right,
                "outer" => How::Outer,
                other => return Err(bug(&format!("an unknown merge `{other}`"))),
            };
            let sort = field(2)? == "1";
            let n = count(3)?;
            let mut keys = Vec::new();
            for _ in 0..2 * n {
                keys.push(OwnedCol::read("num", &mut ops)?);
            }
            let left: Vec<Column> = keys[..n].iter().map(OwnedCol::column).collect();
            let right: Vec<Column> = keys[n..].iter().map(OwnedCol::column).collect();
            let (l, r) = try_merge_indices(&left, &right, how, sort).map_err(|e| RtError::value(e.to_string()))?;
            push_result(index_array(l)?);
            push_result(index_array(r)?);
            Ok(())
        }
        "sort" => {
            let n = count(1)?;
            let na_last = field(2)? == "1";
            let ascending: Vec<bool> = (0..n).map(|k| field(3 + k).map(|f| f == "1")).collect::<RtResult<_>>()?;
            let mut keys = Vec::new();
            for _ in 0..n {
                keys.push(OwnedCol::read("num", &mut ops)?);
            }
            let cols: Vec<Column> = keys.iter().map(OwnedCol::column).collect();
            push_result(index_array(sort_indices(&cols, &ascending, na_last))?);
            Ok(())
        }
        "group" => {
            // `group`, sort, dropna, key count, then per aggregation its name; operands:
            // the keys, then one value column per aggregation. Results: each key's label
            // per group, then each aggregation's values.
            let sort = field(1)? == "1";
            let dropna = field(2)? == "1";
            let nkeys = count(3)?;
            // Each aggregation: its name and the dtype code the compiler gave its result.
            let aggs: Vec<(Agg, i64)> = fields[4..]
                .chunks(2)
                .map(|pair| match pair {
                    [a, d] => Ok((agg_of(a)?, d.parse().map_err(|_| bug("a bad dtype code"))?)),
                    _ => Err(bug("an aggregation without its dtype")),
                })
                .collect::<RtResult<_>>()?;
            let mut keys = Vec::new();
            for _ in 0..nkeys {
                keys.push(OwnedCol::read("num", &mut ops)?);
            }
            let key_cols: Vec<Column> = keys.iter().map(OwnedCol::column).collect();
            let groups = group_rows(&key_cols, sort, dropna);
            for key in &keys {
                take(&key.values, &groups.first_row, false)?;
            }
            for (agg, dtype) in aggs {
                let values = OwnedCol::read("num", &mut ops)?;
                let out = aggregate(&values.column(), &groups, agg).map_err(|e| RtError::type_error(e.0))?;
                if dtype_code(&out.values) != Some(dtype) {
                    // pandas widens an int32 sum that overflows to int64: a dtype the
                    // compiler could not know.
                    return Err(RtError::value(format!(
                        "legatec: the {agg:?} of a group has another dtype than expected (an int32 sum that needs int64?); cast the column with astype first"
                    )));
                }
                if let (Some(valid), false) = (&out.valid, matches!(out.values, OwnedValues::F32(_) | OwnedValues::F64(_))) {
                    if valid.iter().any(|&v| v == 0) {
                        return Err(bug("a missing aggregate in a column that cannot hold NaN"));
                    }
                }
                push_result(new_array(&out.values)?);
            }
            Ok(())
        }
        other => Err(bug(&format!("an unknown operation `{other}`"))),
    }
}

/// The runtime's dtype code of owned values, if arrays have that dtype.
fn dtype_code(values: &OwnedValues) -> Option<i64> {
    Some(match values {
        OwnedValues::Bool(_) => DTYPE_BOOL,
        OwnedValues::I32(_) => DTYPE_I32,
        OwnedValues::I64(_) => DTYPE_I64,
        OwnedValues::F32(_) => DTYPE_F32,
        OwnedValues::F64(_) => DTYPE_F64,
        _ => return None,
    })
}

fn agg_of(name: &str) -> RtResult<Agg> {
    Agg::from_name(name).ok_or_else(|| bug(&format!("an unknown aggregation `{name}`")))
}
