//! The dataframe operations that compiled programs call: an operand stack that generated
//! code pushes arrays and ints onto (`lt_frame_push*`), and the operations of
//! `runtime_abi::frame_spec`, which consume the operands pushed since the last one.

use std::cell::RefCell;

use runtime_abi::{frame_spec, ArrayDesc, DTYPE_BOOL, DTYPE_F32, DTYPE_F64, DTYPE_I32, DTYPE_I64};
use runtime_core::array;
use runtime_core::dist;
use runtime_core::errors::{RtError, RtResult};

use crate::column::{Column, Frame, Index, Values};
use crate::repr;

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

/// The operands pushed since the last operation (their copies are released when dropped).
struct Operands {
    items: std::vec::IntoIter<Operand>,
    /// The arrays taken so far, alive while the operation runs.
    held: Vec<dist::Whole>,
}

impl Operands {
    fn take() -> Operands {
        let items = OPERANDS.with(|s| std::mem::take(&mut *s.borrow_mut()));
        Operands { items: items.into_iter(), held: Vec::new() }
    }

    fn int(&mut self) -> RtResult<i64> {
        match self.items.next() {
            Some(Operand::Int(v)) => Ok(v),
            Some(Operand::Array(_)) => Err(bug("an array operand where an int was expected")),
            None => Err(bug("too few operands")),
        }
    }

    /// The next array operand.
    fn array(&mut self) -> RtResult<&ArrayDesc> {
        match self.items.next() {
            Some(Operand::Array(whole)) => {
                self.held.push(whole);
                let ptr = self.held.last().expect("just pushed").list()[0];
                // SAFETY: a live descriptor held by `self.held`.
                unsafe { array::desc_ref(ptr) }
            }
            Some(Operand::Int(_)) => Err(bug("an int operand where an array was expected")),
            None => Err(bug("too few operands")),
        }
    }
}

fn bug(what: &str) -> RtError {
    RtError::internal(format!("dataframe operation: {what}"))
}

/// A column's values copied out of a 1-D array, in order.
enum Owned {
    Bool(Vec<u8>),
    I32(Vec<i32>),
    I64(Vec<i64>),
    F32(Vec<f32>),
    F64(Vec<f64>),
}

impl Owned {
    fn of(desc: &ArrayDesc) -> RtResult<Owned> {
        if desc.ndim != 1 {
            return Err(bug("a column that is not 1-D"));
        }
        let n = desc.shape[0].max(0) as usize;
        let stride = desc.strides[0] as isize;
        fn read<T: Copy>(desc: &ArrayDesc, n: usize, stride: isize) -> Vec<T> {
            let base = desc.data as *const T;
            // SAFETY: a live 1-D array of `n` elements of T at element stride `stride`.
            (0..n).map(|i| unsafe { *base.offset(i as isize * stride) }).collect()
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

/// An index read from the operands: a range, or labels.
enum OwnedIndex {
    Range { start: i64, len: usize },
    Labels(Owned),
}

impl OwnedIndex {
    fn read(kind: &str, ops: &mut Operands) -> RtResult<OwnedIndex> {
        match kind {
            "range" => {
                let start = ops.int()?;
                let stop = ops.int()?;
                Ok(OwnedIndex::Range { start, len: (stop - start).max(0) as usize })
            }
            "labels" => Ok(OwnedIndex::Labels(Owned::of(ops.array()?)?)),
            other => Err(bug(&format!("an unknown index kind `{other}`"))),
        }
    }

    fn len(&self) -> usize {
        match self {
            OwnedIndex::Range { len, .. } => *len,
            OwnedIndex::Labels(o) => o.column().len(),
        }
    }

    fn index(&self) -> Index<'_> {
        match self {
            OwnedIndex::Range { start, .. } => Index::Range { start: *start, step: 1, name: None },
            OwnedIndex::Labels(o) => Index::Levels(vec![(None, o.column())]),
        }
    }
}

/// Runs a text-producing operation on the pushed operands.
pub fn text(spec: &str) -> RtResult<String> {
    let mut ops = Operands::take();
    let fields = frame_spec::decode(spec).map_err(|e| bug(&format!("a bad spec: {e}")))?;
    let field = |i: usize| fields.get(i).map(String::as_str).ok_or_else(|| bug("a spec with too few fields"));
    let opts = repr::Options::from_env();
    match field(0)? {
        "repr_frame" => {
            let index = OwnedIndex::read(field(1)?, &mut ops)?;
            let mut owned = Vec::new();
            let mut k = 2;
            while k + 1 < fields.len() {
                owned.push((fields[k].as_str(), Owned::of(ops.array()?)?));
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
            let values = Owned::of(ops.array()?)?;
            Ok(repr::series_repr(name, &values.column(), &index.index(), &opts))
        }
        "repr_dtypes" => {
            let mut owned = Vec::new();
            let mut k = 1;
            while k + 1 < fields.len() {
                owned.push((fields[k].as_str(), Owned::of(ops.array()?)?));
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
