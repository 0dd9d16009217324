//! The dataframe operations that compiled programs call: an operand stack that generated
//! code pushes arrays and ints onto (`lt_frame_push*`), and the operations of
//! `runtime_abi::frame_spec`, which consume the operands pushed since the last one.

use std::borrow::Cow;
use std::cell::RefCell;

use runtime_abi::{
    frame_spec, ArrayDesc, DTYPE_BOOL, DTYPE_F32, DTYPE_F64, DTYPE_I16, DTYPE_I32, DTYPE_I64, DTYPE_I8, DTYPE_U16, DTYPE_U32,
    DTYPE_U64, DTYPE_U8,
};
use runtime_core::array;
use runtime_core::dist;
use runtime_core::errors::{RtError, RtResult};

use crate::column::{concat_columns, take_column, Column, Frame, Index, OwnedColumn, OwnedValues, TimeUnit, Values};
use crate::group::{aggregate, group_rows, unique, value_counts, Agg};
use crate::join::{try_merge_indices, How};
use crate::repr;
use crate::sort::sort_indices;

mod index_text;
mod split;
mod text_ops;

/// An operand of a dataframe operation.
enum Operand {
    /// An array as pushed: a reference held until its operation runs, which reads it whole
    /// (gathered: `Array`) or, split over the ranks, its own rows.
    Pushed(*mut ArrayDesc),
    /// A whole copy of an array, current on the host (gathered when its operation ran,
    /// the statement whose plan allows the gather).
    Array(dist::Whole),
    Int(i64),
    /// A path.
    Str(String),
}

thread_local! {
    static OPERANDS: RefCell<Vec<Operand>> = const { RefCell::new(Vec::new()) };
}

/// Pushes an array operand (a reference: the operation that consumes it reads it).
///
/// # Safety
/// `a` must be a live descriptor.
pub unsafe fn push_array(a: *mut ArrayDesc) -> RtResult<()> {
    // SAFETY: the caller's.
    unsafe { array::retain(a) };
    OPERANDS.with(|s| s.borrow_mut().push(Operand::Pushed(a)));
    Ok(())
}

pub fn push_int(v: i64) {
    OPERANDS.with(|s| s.borrow_mut().push(Operand::Int(v)));
}

pub fn push_str(v: &str) {
    OPERANDS.with(|s| s.borrow_mut().push(Operand::Str(v.to_string())));
}

/// The operands pushed since the last operation, held while the operation runs (their
/// references and copies are released when it is dropped).
struct Held(Vec<Operand>);

impl Held {
    /// The operands, each array gathered whole on every rank (at the operation's
    /// statement, whose plan allows the gathers).
    fn take() -> RtResult<Held> {
        let mut held = Held(OPERANDS.with(|s| std::mem::take(&mut *s.borrow_mut())));
        for operand in held.0.iter_mut() {
            if let Operand::Pushed(a) = *operand {
                // SAFETY: a reference this operand holds.
                let whole = unsafe { dist::Whole::of(&[a]) }?;
                *operand = Operand::Array(whole);
                unsafe { array::release(a) };
            }
        }
        Ok(held)
    }

    /// The operands as pushed (for an operation split over the ranks).
    fn pushed() -> Held {
        Held(OPERANDS.with(|s| std::mem::take(&mut *s.borrow_mut())))
    }

    fn cursor(&self) -> Operands<'_> {
        Operands { items: self.0.iter() }
    }
}

impl Drop for Held {
    fn drop(&mut self) {
        for operand in &self.0 {
            if let Operand::Pushed(a) = *operand {
                // SAFETY: the reference taken at the push.
                unsafe { array::release(a) };
            }
        }
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
            Some(_) => Err(bug("another operand where an int was expected")),
            None => Err(bug("too few operands")),
        }
    }

    fn str(&mut self) -> RtResult<&'h str> {
        match self.items.next() {
            Some(Operand::Str(v)) => Ok(v),
            Some(_) => Err(bug("another operand where a string was expected")),
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
            Some(_) => Err(bug("another operand where an array was expected")),
            None => Err(bug("too few operands")),
        }
    }
}

fn bug(what: &str) -> RtError {
    RtError::internal(format!("dataframe operation: {what}"))
}

/// Reads `n` elements of T from a 1-D array: borrowed when contiguous, else copied in order.
fn read<T: Copy>(desc: &ArrayDesc) -> RtResult<Cow<'_, [T]>> {
    if desc.ndim != 1 {
        return Err(bug("a column that is not 1-D"));
    }
    let n = desc.shape[0].max(0) as usize;
    let stride = desc.strides[0] as isize;
    let base = desc.data as *const T;
    if stride == 1 || n <= 1 {
        // SAFETY: a live 1-D array of `n` contiguous elements of T, borrowed with the
        // descriptor (whose buffer it keeps alive).
        return Ok(Cow::Borrowed(unsafe { std::slice::from_raw_parts(if n == 0 { std::ptr::NonNull::dangling().as_ptr() } else { base }, n) }));
    }
    // SAFETY: a live 1-D array of `n` elements of T at element stride `stride`.
    Ok(Cow::Owned((0..n).map(|i| unsafe { *base.offset(i as isize * stride) }).collect()))
}

/// An array of `dtype`, read as T.
fn typed<'d, T: Copy>(desc: &'d ArrayDesc, dtype: i64, what: &str) -> RtResult<Cow<'d, [T]>> {
    if desc.dtype != dtype {
        return Err(bug(&format!("{what} of dtype code {}", desc.dtype)));
    }
    read(desc)
}

/// UTF-8 bytes packed into a contiguous int64 array (how string columns hold them).
fn packed_bytes(desc: &ArrayDesc) -> RtResult<&[u8]> {
    match typed::<i64>(desc, DTYPE_I64, "string bytes")? {
        // SAFETY: the words' memory, read as bytes.
        Cow::Borrowed(words) => Ok(unsafe { std::slice::from_raw_parts(words.as_ptr() as *const u8, words.len() * 8) }),
        Cow::Owned(_) => Err(bug("string bytes that are not contiguous")),
    }
}

/// A column's values, by kind (see `runtime_abi::frame_spec`).
enum Owned<'h> {
    Bool(Cow<'h, [u8]>),
    I8(Cow<'h, [i8]>),
    I16(Cow<'h, [i16]>),
    I32(Cow<'h, [i32]>),
    I64(Cow<'h, [i64]>),
    U8(Cow<'h, [u8]>),
    U16(Cow<'h, [u16]>),
    U32(Cow<'h, [u32]>),
    U64(Cow<'h, [u64]>),
    F32(Cow<'h, [f32]>),
    F64(Cow<'h, [f64]>),
    Str { offsets: Cow<'h, [i64]>, bytes: &'h [u8] },
    Time(Cow<'h, [i64]>),
    /// Codes into string categories, which are borrowed whole.
    Cat { codes: Cow<'h, [i32]>, categories: Column<'h> },
}

/// A column's kind in a spec: its base name and whether a validity mask follows (the
/// `~` of a nullable extension dtype, which only printing reads, is dropped).
fn split_kind(kind: &str) -> (&str, bool) {
    frame_spec::kind_base(kind)
}

impl<'h> Owned<'h> {
    fn read(base: &str, ops: &mut Operands<'h>) -> RtResult<Owned<'h>> {
        Ok(match base {
            "bool" => Owned::Bool(typed(ops.array()?, DTYPE_BOOL, "a bool column")?),
            "i8" => Owned::I8(typed(ops.array()?, DTYPE_I8, "an int8 column")?),
            "i16" => Owned::I16(typed(ops.array()?, DTYPE_I16, "an int16 column")?),
            "i32" => Owned::I32(typed(ops.array()?, DTYPE_I32, "an int32 column")?),
            "i64" => Owned::I64(typed(ops.array()?, DTYPE_I64, "an int64 column")?),
            "u8" => Owned::U8(typed(ops.array()?, DTYPE_U8, "a uint8 column")?),
            "u16" => Owned::U16(typed(ops.array()?, DTYPE_U16, "a uint16 column")?),
            "u32" => Owned::U32(typed(ops.array()?, DTYPE_U32, "a uint32 column")?),
            "u64" => Owned::U64(typed(ops.array()?, DTYPE_U64, "a uint64 column")?),
            "f32" => Owned::F32(typed(ops.array()?, DTYPE_F32, "a float32 column")?),
            "f64" => Owned::F64(typed(ops.array()?, DTYPE_F64, "a float64 column")?),
            "str" => {
                let offsets = typed(ops.array()?, DTYPE_I64, "string offsets")?;
                let bytes = packed_bytes(ops.array()?)?;
                check_offsets(&offsets, bytes.len())?;
                Owned::Str { offsets, bytes }
            }
            "time" => Owned::Time(typed(ops.array()?, DTYPE_I64, "datetime ticks")?),
            "cat" => {
                let codes = typed(ops.array()?, DTYPE_I32, "category codes")?;
                let Cow::Borrowed(offsets) = typed::<i64>(ops.array()?, DTYPE_I64, "category offsets")? else {
                    return Err(bug("category offsets that are not contiguous"));
                };
                let bytes = packed_bytes(ops.array()?)?;
                check_offsets(offsets, bytes.len())?;
                let n = offsets.len().saturating_sub(1) as i32;
                if codes.iter().any(|&c| c < -1 || c >= n) {
                    return Err(bug("a category code out of range"));
                }
                Owned::Cat { codes, categories: Column::new(Values::Str { offsets, bytes }) }
            }
            other => return Err(bug(&format!("an unknown column kind `{other}`"))),
        })
    }

    fn column(&self) -> Column<'_> {
        Column::new(match self {
            Owned::Bool(v) => Values::Bool(v),
            Owned::I8(v) => Values::I8(v),
            Owned::I16(v) => Values::I16(v),
            Owned::I32(v) => Values::I32(v),
            Owned::I64(v) => Values::I64(v),
            Owned::U8(v) => Values::U8(v),
            Owned::U16(v) => Values::U16(v),
            Owned::U32(v) => Values::U32(v),
            Owned::U64(v) => Values::U64(v),
            Owned::F32(v) => Values::F32(v),
            Owned::F64(v) => Values::F64(v),
            Owned::Str { offsets, bytes } => Values::Str { offsets, bytes },
            Owned::Time(v) => Values::DateTime { ticks: v, unit: TimeUnit::Micro },
            Owned::Cat { codes, categories } => Values::Category { codes, categories },
        })
    }
}

/// Offsets of a string column: non-decreasing, within the bytes, at UTF-8 boundaries
/// (the compiler's own arrays; a failure is a bug).
fn check_offsets(offsets: &[i64], len: usize) -> RtResult<()> {
    let ok = offsets.windows(2).all(|w| w[0] <= w[1]) && offsets.first().is_none_or(|&o| o >= 0) && offsets.last().is_none_or(|&o| o as usize <= len);
    if ok { Ok(()) } else { Err(bug("string offsets out of order")) }
}

/// A column read from the operands by its kind: `bool`, `i32`, `i64`, `f32`, `f64`,
/// `str`, `time` or `cat`, with `?` when a bool validity mask follows. A mask with every
/// value present is dropped: pandas keeps an int column int when a merge matched every row.
struct OwnedCol<'h> {
    values: Owned<'h>,
    valid: Option<Cow<'h, [u8]>>,
    /// `~`: one of pandas' nullable extension dtypes (see `Column::na`).
    na: bool,
}

impl<'h> OwnedCol<'h> {
    fn read(kind: &str, ops: &mut Operands<'h>) -> RtResult<OwnedCol<'h>> {
        // `!`: an int flag follows, 1 where pandas holds this int column as float64 (a
        // value was missing where it was made).
        let (kind, promoted) = match kind.strip_suffix('!') {
            Some(k) => (k, true),
            None => (kind, false),
        };
        let (base, masked) = split_kind(kind);
        let na = kind.contains('~');
        let mut values = Owned::read(base, ops)?;
        let mask = if masked { Some(typed::<u8>(ops.array()?, DTYPE_BOOL, "a validity mask")?) } else { None };
        let promoted = promoted && ops.int()? != 0;
        // A mask with every value present is dropped (an int column stays int), unless
        // pandas' dtype was already decided by a missing value elsewhere (`!` and 1): a
        // bool column then prints as the object column it is.
        let valid = mask.filter(|m| (promoted && matches!(values, Owned::Bool(_))) || !m.iter().all(|&v| v != 0));
        if promoted {
            let present = |i: usize| valid.as_ref().is_none_or(|m| m[i] != 0);
            // An integer column becomes float64 with NaN where a value is missing.
            let floats = match values.column().values {
                Values::Bool(_) => None,
                ints => Some((0..values.column().len()).map(|i| if present(i) { crate::repr::integer_as_float(&ints, i) } else { f64::NAN }).collect()),
            };
            // A bool column with a missing value is an object column in pandas: the
            // mask says so to the printer (`True`, `NaN`).
            if let Some(floats) = floats {
                values = Owned::F64(Cow::Owned(floats));
            }
        }
        Ok(OwnedCol { values, valid, na })
    }

    fn column(&self) -> Column<'_> {
        Column { valid: self.valid.as_deref(), na: self.na, ..self.values.column() }
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

/// A frame's operands read by its spec fields: the index field, then per column its
/// label and kind.
fn read_frame<'h, 'f>(fields: &'f [String], ops: &mut Operands<'h>) -> RtResult<(OwnedIndex<'h>, Vec<(&'f str, OwnedCol<'h>)>)> {
    let index = OwnedIndex::read(fields.first().ok_or_else(|| bug("a frame without its index"))?, ops)?;
    let mut owned = Vec::new();
    for pair in fields[1..].chunks(2) {
        let [label, kind] = pair else { return Err(bug("a column without its kind")) };
        owned.push((label.as_str(), OwnedCol::read(kind, ops)?));
    }
    Ok((index, owned))
}

fn with_frame<R>(index: &OwnedIndex, owned: &[(&str, OwnedCol)], f: impl FnOnce(&Frame) -> R) -> R {
    let frame = Frame { columns: owned.iter().map(|(name, o)| (*name, o.column())).collect(), index: index.index(), len: index.len() };
    f(&frame)
}

/// A file error as the Python exception pandas raises.
fn io_error(e: crate::io::IoError) -> RtError {
    use crate::io::IoError;
    use runtime_core::errors::ErrorKind;
    match e {
        IoError::File { path, error } => RtError::os(&error, &crate::io::python_repr(&path)),
        IoError::Parser(m) => RtError::new(ErrorKind::PandasParser, m),
        IoError::EmptyData => RtError::new(ErrorKind::PandasEmptyData, "No columns to parse from file"),
        IoError::Overflow(m) => RtError::new(ErrorKind::Overflow, m),
        e @ IoError::NoDirectory(_) => RtError::new(ErrorKind::Os, e.to_string()),
        other => RtError::value(other.to_string()),
    }
}

/// Runs a text-producing operation on the pushed operands.
pub fn text(spec: &str) -> RtResult<String> {
    let held = Held::take()?;
    let mut ops = held.cursor();
    let fields = frame_spec::decode(spec).map_err(|e| bug(&format!("a bad spec: {e}")))?;
    let field = |i: usize| fields.get(i).map(String::as_str).ok_or_else(|| bug("a spec with too few fields"));
    let opts = repr::Options::from_env();
    match field(0)? {
        "repr_frame" => {
            let (index, owned) = read_frame(&fields[1..], &mut ops)?;
            Ok(with_frame(&index, &owned, |frame| repr::frame_repr(frame, &opts)))
        }
        "to_csv" => {
            // `to_csv`, the writer's options, then the frame (as `repr_frame`): the text.
            let options = crate::io::csv::CsvWriteOptions::decode(field(1)?).map_err(|e| bug(&e))?;
            let (index, owned) = read_frame(&fields[2..], &mut ops)?;
            Ok(with_frame(&index, &owned, |frame| crate::io::csv::to_csv_string(frame, &options)))
        }
        "repr_series" => {
            let name = if field(1)? == "1" { Some(field(2)?) } else { None };
            let index = OwnedIndex::read(field(4)?, &mut ops)?;
            let values = OwnedCol::read(field(3)?, &mut ops)?;
            Ok(repr::series_repr(name, &values.column(), &index.index(), &opts))
        }
        "repr_index" => {
            // `repr_index`, how its labels were made (`index_text::Made`), the index.
            let made = index_text::Made::decode(field(1)?)?;
            let index = OwnedIndex::read(field(2)?, &mut ops)?;
            index_text::index_repr(&index.index(), index.len(), made)
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
    /// The results of the last `run`, each whole or (`true`) this rank's part of a result
    /// split over the ranks.
    static RESULTS: RefCell<std::collections::VecDeque<(*mut ArrayDesc, bool)>> = const { RefCell::new(std::collections::VecDeque::new()) };
}

/// The next result of the last `run`, a new array the caller owns: a split one is laid out
/// at the popping statement (`dist::var_rows`: split as its parts fall, or gathered whole
/// where that statement's plan says so).
pub fn pop() -> RtResult<*mut ArrayDesc> {
    let (a, split) = RESULTS.with(|r| r.borrow_mut().pop_front()).ok_or_else(|| bug("no result left"))?;
    if split {
        // SAFETY: a plain array this module made and owns.
        return unsafe { dist::var_rows(a) };
    }
    Ok(a)
}

fn push_result(a: *mut ArrayDesc) {
    RESULTS.with(|r| r.borrow_mut().push_back((a, false)));
}

fn push_split_result(a: *mut ArrayDesc) {
    RESULTS.with(|r| r.borrow_mut().push_back((a, true)));
}

/// Bytes packed into a new int64 array (zero-padded to whole words).
fn fill_bytes(bytes: &[u8]) -> RtResult<*mut ArrayDesc> {
    let mut words = vec![0i64; bytes.len().div_ceil(8)];
    // SAFETY: `words` holds at least `bytes.len()` bytes.
    unsafe { std::ptr::copy_nonoverlapping(bytes.as_ptr(), words.as_mut_ptr() as *mut u8, bytes.len()) };
    array::from_vec(DTYPE_I64, words)
}

fn index_array(rows: Vec<i64>) -> RtResult<*mut ArrayDesc> {
    array::from_vec(DTYPE_I64, rows)
}

/// The base kind of owned values, if a column of that kind can hold them.
fn kind_of(values: &OwnedValues) -> Option<&'static str> {
    Some(match values {
        OwnedValues::Bool(_) => "bool",
        OwnedValues::I8(_) => "i8",
        OwnedValues::I16(_) => "i16",
        OwnedValues::I32(_) => "i32",
        OwnedValues::I64(_) => "i64",
        OwnedValues::U8(_) => "u8",
        OwnedValues::U16(_) => "u16",
        OwnedValues::U32(_) => "u32",
        OwnedValues::U64(_) => "u64",
        OwnedValues::F32(_) => "f32",
        OwnedValues::F64(_) => "f64",
        OwnedValues::Str { .. } => "str",
        OwnedValues::DateTime { unit: TimeUnit::Micro, .. } => "time",
        OwnedValues::Category { categories, .. } if matches!(categories.values, OwnedValues::Str { .. }) && categories.valid.is_none() => "cat",
        _ => return None,
    })
}

/// Pushes a result column as `kind` asks (see [`OwnedCol`]): its arrays, then, with `?`,
/// its validity mask. A column whose kind cannot hold its values, or which misses values
/// its kind cannot mark, is an error `what` describes (the compiler chose the kind).
fn push_column(c: OwnedColumn, kind: &str, what: &str) -> RtResult<()> {
    push_column_to(c, kind, what, &mut push_result)
}

/// [`push_column`] for this rank's part of a result split over the ranks.
fn push_column_split(c: OwnedColumn, kind: &str, what: &str) -> RtResult<()> {
    push_column_to(c, kind, what, &mut push_split_result)
}

/// Checks that a result column fits the kind the compiler chose (the errors of
/// [`push_column`] for a column that is not a category).
fn column_fits(c: &OwnedColumn, kind: &str, what: &str) -> RtResult<()> {
    let (base, masked) = split_kind(kind);
    if kind_of(&c.values) != Some(base) {
        let dtype = c.with_column(|col| crate::repr::dtype_name(&col));
        return Err(RtError::value(format!("legatec: {what} has dtype {dtype}, where the program was compiled for {}; cast with astype first", kind_name(base))));
    }
    let missing = c.valid.as_ref().is_some_and(|v| v.iter().any(|&b| b == 0));
    if missing && !masked && !matches!(c.values, OwnedValues::F32(_) | OwnedValues::F64(_) | OwnedValues::DateTime { .. } | OwnedValues::Category { .. }) {
        return Err(RtError::value(format!("legatec: {what} has missing values, which pandas would hold in another dtype (float64 or object, chosen by the data)")));
    }
    Ok(())
}

/// [`push_column`] through `push_result`, called with each of the column's arrays in turn.
fn push_column_to(c: OwnedColumn, kind: &str, what: &str, push_result: &mut dyn FnMut(*mut ArrayDesc)) -> RtResult<()> {
    let (_, masked) = split_kind(kind);
    let have = kind_of(&c.values);
    if let (OwnedValues::Category { codes, categories }, None) = (&c.values, have) {
        if categories.is_empty() {
            // No category at all (every value missing): nothing shows their dtype here.
            let empty = OwnedColumn { values: OwnedValues::Category { codes: codes.clone(), categories: Box::new(OwnedColumn { values: OwnedValues::Str { offsets: vec![0], bytes: Vec::new() }, valid: None }) }, valid: c.valid.clone() };
            return push_column_to(empty, kind, what, push_result);
        }
        let dtype = categories.with_column(|col| crate::repr::dtype_name(&col));
        return Err(RtError::value(format!("legatec: {what} is a category of {dtype} values (pandas infers the categories' dtype from the data); legatec holds categories of strings only: read the column as \"str\" or a number")));
    }
    column_fits(&c, kind, what)?;
    // Owned vectors become the arrays themselves (`array::from_vec`: no copy for large ones).
    let len = c.len();
    match c.values {
        OwnedValues::Bool(v) => push_result(array::from_vec(DTYPE_BOOL, v)?),
        OwnedValues::I8(v) => push_result(array::from_vec(DTYPE_I8, v)?),
        OwnedValues::I16(v) => push_result(array::from_vec(DTYPE_I16, v)?),
        OwnedValues::I32(v) => push_result(array::from_vec(DTYPE_I32, v)?),
        OwnedValues::I64(v) | OwnedValues::DateTime { ticks: v, .. } => push_result(array::from_vec(DTYPE_I64, v)?),
        OwnedValues::U8(v) => push_result(array::from_vec(DTYPE_U8, v)?),
        OwnedValues::U16(v) => push_result(array::from_vec(DTYPE_U16, v)?),
        OwnedValues::U32(v) => push_result(array::from_vec(DTYPE_U32, v)?),
        OwnedValues::U64(v) => push_result(array::from_vec(DTYPE_U64, v)?),
        OwnedValues::F32(v) => push_result(array::from_vec(DTYPE_F32, v)?),
        OwnedValues::F64(v) => push_result(array::from_vec(DTYPE_F64, v)?),
        OwnedValues::Str { offsets, bytes } => {
            push_result(array::from_vec(DTYPE_I64, offsets)?);
            push_result(fill_bytes(&bytes)?);
        }
        OwnedValues::Category { codes, categories } => {
            let OwnedValues::Str { offsets, bytes } = categories.values else { unreachable!("checked by kind_of") };
            push_result(array::from_vec(DTYPE_I32, codes)?);
            push_result(array::from_vec(DTYPE_I64, offsets)?);
            push_result(fill_bytes(&bytes)?);
        }
    }
    if masked {
        let valid = c.valid.unwrap_or_else(|| vec![1; len]);
        push_result(array::from_vec(DTYPE_BOOL, valid)?);
    }
    Ok(())
}

/// pandas' name of a base kind.
fn kind_name(base: &str) -> &str {
    match base {
        "i8" => "int8",
        "i16" => "int16",
        "i32" => "int32",
        "i64" => "int64",
        "u8" => "uint8",
        "u16" => "uint16",
        "u32" => "uint32",
        "u64" => "uint64",
        "f32" => "float32",
        "f64" => "float64",
        "time" => "datetime64[us]",
        "cat" => "category",
        other => other,
    }
}

/// Runs an operation that makes arrays; its results are taken by [`pop`] in order.
pub fn run(spec: &str) -> RtResult<()> {
    let fields = frame_spec::decode(spec).map_err(|e| bug(&format!("a bad spec: {e}")))?;
    let field = |i: usize| fields.get(i).map(String::as_str).ok_or_else(|| bug("a spec with too few fields"));
    let count = |i: usize| -> RtResult<usize> { field(i)?.parse().map_err(|_| bug("a bad count")) };
    if RESULTS.with(|r| !r.borrow().is_empty()) {
        return Err(bug("results of an earlier operation were not taken"));
    }
    // Split over the ranks where the plan says so (it does only for what `split` runs).
    if split::planned(&fields) {
        let held = Held::pushed();
        return match field(0)? {
            "read_csv" => split::read_csv(&fields, &held),
            "merge" => split::merge(&fields, &held),
            "group" => split::group(&fields, &held),
            "sort" => split::sort(&fields, &held),
            "value_counts" => split::value_counts(&fields, &held),
            "take" => split::take(&fields, &held),
            "dedup" => split::dedup(&fields, &held),
            "concat" => split::concat(&fields, &held),
            "unique" => split::unique(&fields, &held),
            "to_csv" => split::to_csv(&fields, &held),
            "to_parquet" => split::to_parquet(&fields, &held),
            "read_parquet" => split::read_parquet(&fields, &held),
            // One row at a time: the one-process operation on this rank's rows.
            "dt_field" | "cat_codes" => {
                let kind = fields.last().map(String::as_str).unwrap_or_default();
                let held = split::rows_here(&held, &[kind])?;
                let mut ops = held.cursor();
                text_ops::run(field(0)?, &fields, &mut ops)?;
                RESULTS.with(|r| r.borrow_mut().iter_mut().for_each(|(_, split)| *split = true));
                Ok(())
            }
            other => Err(bug(&format!("`{other}` planned split over ranks"))),
        };
    }
    let held = Held::take()?;
    let mut ops = held.cursor();
    match field(0)? {
        "take" => {
            // `take`, the column's kind, the result's kind: operands the column and int64
            // row numbers (-1: missing) or a bool mask of the rows to keep.
            // The rows may also be a bool mask (the rows where it is true).
            let values = OwnedCol::read(field(1)?, &mut ops)?;
            let rows_desc = ops.array()?;
            let rows = if rows_desc.dtype == DTYPE_BOOL {
                let mask = typed::<u8>(rows_desc, DTYPE_BOOL, "a row mask")?;
                Cow::Owned(mask.iter().enumerate().filter(|(_, &m)| m != 0).map(|(i, _)| i as i64).collect())
            } else {
                typed::<i64>(rows_desc, DTYPE_I64, "take rows")?
            };
            push_column(take_column(&values.column(), &rows), field(2)?, "a taken column")
        }
        "take2" => {
            // `take2`, the left column's kind, the right's, the result's kind: operands the
            // two columns, then int64 left and right rows; each result row from the left
            // where its left row is not -1, else from the right (an outer merge's keys).
            let left = OwnedCol::read(field(1)?, &mut ops)?;
            let right = OwnedCol::read(field(2)?, &mut ops)?;
            let lrows = typed::<i64>(ops.array()?, DTYPE_I64, "left rows")?;
            let rrows = typed::<i64>(ops.array()?, DTYPE_I64, "right rows")?;
            let both = concat_columns(&[left.column(), right.column()]).map_err(RtError::value)?;
            let n = left.column().len() as i64;
            let rows: Vec<i64> = lrows.iter().zip(rrows.iter()).map(|(&l, &r)| if l >= 0 { l } else if r >= 0 { n + r } else { -1 }).collect();
            both.with_column(|c| push_column(take_column(&c, &rows), field(3)?, "a merge key"))
        }
        "concat" => {
            // `concat`, n, the result's kind, n kinds: operands the n parts.
            let n = count(1)?;
            let mut parts = Vec::new();
            for k in 0..n {
                parts.push(OwnedCol::read(field(3 + k)?, &mut ops)?);
            }
            let cols: Vec<Column> = parts.iter().map(OwnedCol::column).collect();
            let joined = concat_columns(&cols).map_err(RtError::value)?;
            push_column(joined, field(2)?, "a concatenated column")
        }
        "value_counts" => {
            // `value_counts`, kind: the distinct values in pandas' order, their counts.
            let values = OwnedCol::read(field(1)?, &mut ops)?;
            let counts = value_counts(&values.column(), true);
            push_column(take_column(&values.column(), &counts.first_row), field(1)?, "value_counts")?;
            push_result(index_array(counts.counts)?);
            Ok(())
        }
        "reduce" => {
            // `reduce`, an aggregation, the operand's kind, the result's kind: the
            // aggregation of the whole operand (one group), a one-element result.
            let agg = agg_of(field(1)?)?;
            let values = OwnedCol::read(field(2)?, &mut ops)?;
            let n = values.column().len();
            let groups = crate::group::Groups { ids: vec![0; n], first_row: vec![if n > 0 { 0 } else { -1 }], count: 1 };
            let out = aggregate(&values.column(), &groups, agg).map_err(|e| RtError::type_error(e.0))?;
            push_column(out, field(3)?, &format!("the {agg:?}"))
        }
        "nunique" => {
            // `nunique`, kind: the number of distinct present values, a one-element array.
            let values = OwnedCol::read(field(1)?, &mut ops)?;
            push_result(index_array(vec![crate::group::nunique(&values.column(), true) as i64])?);
            Ok(())
        }
        "unique" => {
            let values = OwnedCol::read(field(1)?, &mut ops)?;
            let rows = unique(&values.column());
            push_column(take_column(&values.column(), &rows), field(1)?, "unique")
        }
        "merge" => {
            // `merge`, how, sort, n, then the 2n key kinds (left keys, right keys).
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
            for k in 0..2 * n {
                keys.push(OwnedCol::read(field(4 + k)?, &mut ops)?);
            }
            let left: Vec<Column> = keys[..n].iter().map(OwnedCol::column).collect();
            let right: Vec<Column> = keys[n..].iter().map(OwnedCol::column).collect();
            let (l, r) = try_merge_indices(&left, &right, how, sort).map_err(|e| RtError::value(e.to_string()))?;
            push_result(index_array(l)?);
            push_result(index_array(r)?);
            Ok(())
        }
        "dedup" => {
            // `dedup`, n, n key kinds: the first row of each distinct key row, in order.
            let n = count(1)?;
            let mut keys = Vec::new();
            for k in 0..n {
                keys.push(OwnedCol::read(field(2 + k)?, &mut ops)?);
            }
            let cols: Vec<Column> = keys.iter().map(OwnedCol::column).collect();
            push_result(index_array(group_rows(&cols, false, false).first_row)?);
            Ok(())
        }
        "sort" => {
            // `sort`, n, na_last, n ascending flags, n key kinds.
            let n = count(1)?;
            let na_last = field(2)? == "1";
            let ascending: Vec<bool> = (0..n).map(|k| field(3 + k).map(|f| f == "1")).collect::<RtResult<_>>()?;
            let mut keys = Vec::new();
            for k in 0..n {
                keys.push(OwnedCol::read(field(3 + n + k)?, &mut ops)?);
            }
            let cols: Vec<Column> = keys.iter().map(OwnedCol::column).collect();
            push_result(index_array(sort_indices(&cols, &ascending, na_last))?);
            Ok(())
        }
        "group" => {
            // `group`, sort, dropna, the key count n, the n key kinds, then per
            // aggregation its name, its column's kind and its result's kind; operands: the
            // keys, then one value column per aggregation. Results: each key's label per
            // group (in the key's kind), then each aggregation's values.
            let sort = field(1)? == "1";
            let dropna = field(2)? == "1";
            let nkeys = count(3)?;
            let key_kinds = &fields[4..4 + nkeys];
            let mut keys = Vec::new();
            for kind in key_kinds {
                keys.push(OwnedCol::read(kind, &mut ops)?);
            }
            let key_cols: Vec<Column> = keys.iter().map(OwnedCol::column).collect();
            let groups = group_rows(&key_cols, sort, dropna);
            for (key, kind) in key_cols.iter().zip(key_kinds) {
                push_column(take_column(key, &groups.first_row), kind, "a group key")?;
            }
            for agg in fields[4 + nkeys..].chunks(3) {
                let [name, kind, result] = agg else { return Err(bug("an aggregation without its kinds")) };
                let agg = agg_of(name)?;
                let values = OwnedCol::read(kind, &mut ops)?;
                let out = aggregate(&values.column(), &groups, agg).map_err(|e| RtError::type_error(e.0))?;
                push_column(out, result, &format!("the {agg:?} of a group"))?;
            }
            Ok(())
        }
        "read_csv" => {
            // `read_csv`, the reader's options (`CsvOptions::encode`), then per column its
            // label and kind: operand the path. Results: each column.
            let options = crate::io::csv::CsvOptions::decode(field(1)?).map_err(|e| bug(&e))?;
            let path = ops.str()?;
            let (schema, kinds) = schema_of(&fields[2..])?;
            let columns = crate::io::csv::read_csv(path, &options, &schema).map_err(io_error)?;
            for ((c, kind), (label, _)) in columns.into_iter().zip(&kinds).zip(&schema.columns) {
                push_column(c, kind, &format!("column {label:?} of {path}"))?;
            }
            Ok(())
        }
        "to_csv" => {
            // `to_csv`, the writer's options, then the frame (as `repr_frame`): operand
            // the path first.
            let options = crate::io::csv::CsvWriteOptions::decode(field(1)?).map_err(|e| bug(&e))?;
            let path = ops.str()?;
            let (index, owned) = read_frame(&fields[2..], &mut ops)?;
            rank0_writes(|| with_frame(&index, &owned, |frame| crate::io::csv::write_csv_file(path, frame, &options)).map_err(io_error))
        }
        "read_parquet" => {
            // `read_parquet`, the index field the program expects (`range`, or `levels`
            // and per level its name flag, name and kind), then per column its label and
            // kind: operand the path. Results: a range index's start and stop as an int64
            // array of two, or each level; then each column.
            let path = ops.str()?;
            let read = crate::io::parquet::read_parquet(path).map_err(io_error)?;
            push_parquet(read, &fields, path, &mut |c, kind, what| push_column(c, kind, what))
        }
        "to_parquet" => {
            // `to_parquet`, index (`1`, `0` or empty for None), then the frame (as
            // `repr_frame`): operand the path first.
            let options = crate::io::parquet::ParquetWriteOptions::decode(field(1)?);
            let path = ops.str()?;
            let (index, owned) = read_frame(&fields[2..], &mut ops)?;
            rank0_writes(|| with_frame(&index, &owned, |frame| crate::io::parquet::write_parquet(path, frame, &options)).map_err(io_error))
        }
        other => text_ops::run(other, &fields, &mut ops),
    }
}

/// Checks a Parquet file read (`read`, all its rows or a rank's) against the columns and
/// index the program was compiled for (`fields`: the `read_parquet` spec), then pushes its
/// results: a range index's start and stop as an int64 array of two (or each index level
/// through `push`), then each column through `push` (with its kind and what it is).
fn push_parquet(
    read: crate::io::parquet::ParquetFrame,
    fields: &[String],
    path: &str,
    push: &mut dyn FnMut(OwnedColumn, &str, &str) -> RtResult<()>,
) -> RtResult<()> {
    let (schema, kinds) = schema_of(&fields[2..])?;
    let labels: Vec<&str> = read.schema.columns.iter().map(|(l, _)| l.as_str()).collect();
    let want: Vec<&str> = schema.columns.iter().map(|(l, _)| l.as_str()).collect();
    if labels != want {
        return Err(RtError::value(format!("read_parquet: the file's columns {labels:?} are not the columns {want:?} the program was compiled for")));
    }
    let index_field = fields.get(1).map(String::as_str).ok_or_else(|| bug("a spec with too few fields"))?;
    match (read.index, index_field) {
        (crate::io::parquet::ParquetIndex::Range { start, stop, step: 1, .. }, "range") => push_result(index_array(vec![start, stop])?),
        (crate::io::parquet::ParquetIndex::Levels(levels), spec) if spec != "range" => {
            let f = frame_spec::decode(spec).map_err(|e| bug(&e))?;
            let level_kinds: Vec<&String> = f[1..].chunks(3).filter_map(|c| c.get(2)).collect();
            if level_kinds.len() != levels.len() {
                return Err(RtError::value(format!("read_parquet: {path} has {} index levels, not the {} the program was compiled for", levels.len(), level_kinds.len())));
            }
            for ((_, level), kind) in levels.into_iter().zip(level_kinds) {
                push(level, kind, "an index level")?;
            }
        }
        _ => return Err(RtError::value(format!("read_parquet: the index of {path} is not the kind the program was compiled for"))),
    }
    for ((c, kind), (label, _)) in read.columns.into_iter().zip(&kinds).zip(&schema.columns) {
        push(c, kind, &format!("column {label:?} of {path}"))?;
    }
    Ok(())
}

fn agg_of(name: &str) -> RtResult<Agg> {
    Agg::from_name(name).ok_or_else(|| bug(&format!("an unknown aggregation `{name}`")))
}

/// A schema from spec fields: per column its label and kind.
fn schema_of(fields: &[String]) -> RtResult<(crate::io::Schema, Vec<&str>)> {
    let mut columns = Vec::new();
    let mut kinds = Vec::new();
    for pair in fields.chunks(2) {
        let [label, kind] = pair else { return Err(bug("a column without its kind")) };
        let t = crate::io::ColumnType::of_kind(kind).ok_or_else(|| bug(&format!("an unknown kind `{kind}`")))?;
        columns.push((label.clone(), t));
        kinds.push(kind.as_str());
    }
    Ok((crate::io::Schema { columns }, kinds))
}

/// Writes a file on rank 0 only (every rank holds the whole frame), once every rank has
/// finished reading earlier files; a failure is reported on every rank, and every rank
/// sees the file afterwards.
fn rank0_writes(write: impl FnOnce() -> RtResult<()>) -> RtResult<()> {
    use runtime_core::comm;
    comm::barrier();
    let result = if comm::rank() == 0 { write() } else { Ok(()) };
    let failed = comm::broadcast_u64(0, result.is_err() as u64);
    comm::barrier();
    match (result, failed) {
        (Err(error), _) => Err(error),
        (Ok(()), 1) => Err(RtError::new(runtime_core::errors::ErrorKind::Os, "writing the file failed on rank 0")),
        (Ok(()), _) => Ok(()),
    }
}
