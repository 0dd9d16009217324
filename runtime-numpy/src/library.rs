//! `lt_library`: whole-array operations that are not generated kernels —
//! `argmax`/`argmin` and `diagonal` (products are `runtime-blas`'s).

use runtime_abi::plan_table::PlannedLayout;
use runtime_abi::{ArrayDesc, DTYPE_I64};

use runtime_core::array::{self, elem_size, shape_size, Scalar};
use runtime_core::{comm, dist, gpu, plan};
use runtime_core::errors::{ErrorKind, RtError, RtResult};

/// Whether `candidate` beats `best` for argmax (`maximise`) or argmin: strictly
/// better, or the first NaN.
fn better(candidate: Scalar, best: Scalar, maximise: bool) -> bool {
    let as_f64 = |value: Scalar| match value {
        Scalar::F32(v) => Some(v as f64),
        Scalar::F64(v) => Some(v),
        _ => None,
    };
    let as_i64 = |value: Scalar| match value {
        Scalar::Bool(v) => v as i128,
        Scalar::Int(v) => v,
        Scalar::F32(v) => v as i128,
        Scalar::F64(v) => v as i128,
    };
    match (as_f64(candidate), as_f64(best)) {
        (Some(c), Some(b)) => {
            if b.is_nan() {
                false
            } else if c.is_nan() {
                true
            } else if maximise {
                c > b
            } else {
                c < b
            }
        }
        _ => {
            let (c, b) = (as_i64(candidate), as_i64(best));
            if maximise {
                c > b
            } else {
                c < b
            }
        }
    }
}

/// `a.argmax()` / `a.argmin()` (`AXIS_FLATTENED`: flattened) or along `axis`.
///
/// # Safety
/// `a` must be live.
pub unsafe fn arg_extremum(a: &ArrayDesc, axis: i64, maximise: bool) -> RtResult<*mut ArrayDesc> {
    let name = if maximise { "argmax" } else { "argmin" };
    let empty = || RtError::value(format!("attempt to get {name} of an empty sequence"));
    let shape = array::shape(a);
    if axis == runtime_abi::AXIS_FLATTENED {
        if shape_size(shape) == 0 {
            return Err(empty());
        }
        let mut best: Option<Scalar> = None;
        let mut best_index = 0i64;
        let mut position = 0i64;
        array::for_each_index(shape, |index| {
            let value = unsafe { array::read_scalar(a, index) };
            if best.is_none_or(|current| better(value, current, maximise)) {
                best = Some(value);
                best_index = position;
            }
            position += 1;
        });
        let out = array::alloc_array(DTYPE_I64, &[])?;
        unsafe { *((*out).data as *mut i64) = best_index };
        return Ok(out);
    }
    if axis < 0 || axis as usize >= shape.len() {
        return Err(RtError::new(
            ErrorKind::Axis,
            format!("axis {axis} is out of bounds for array of dimension {}", shape.len()),
        ));
    }
    let axis = axis as usize;
    let mut out_shape = shape.to_vec();
    let length = out_shape.remove(axis);
    if length == 0 && shape_size(&out_shape) > 0 {
        return Err(empty());
    }
    let out = array::alloc_array(DTYPE_I64, &out_shape)?;
    let out_data = unsafe { (*out).data as *mut i64 };
    let mut position = 0usize;
    let mut full_index = vec![0i64; shape.len()];
    array::for_each_index(&out_shape, |out_index| {
        let mut source_axis = 0;
        for (d, slot) in full_index.iter_mut().enumerate() {
            if d != axis {
                *slot = out_index[source_axis];
                source_axis += 1;
            }
        }
        let mut best: Option<Scalar> = None;
        let mut best_index = 0i64;
        for i in 0..length {
            full_index[axis] = i;
            let value = unsafe { array::read_scalar(a, &full_index) };
            if best.is_none_or(|current| better(value, current, maximise)) {
                best = Some(value);
                best_index = i;
            }
        }
        unsafe { *out_data.add(position) = best_index };
        position += 1;
    });
    Ok(out)
}

/// Where the diagonal `k` of a `rows × cols` matrix starts, and its length.
fn diagonal_extent(rows: i64, cols: i64, k: i64) -> (i64, i64, i64) {
    let (row0, col0) = if k >= 0 { (0, k) } else { (k.saturating_neg(), 0) };
    (row0, col0, rows.saturating_sub(row0).min(cols.saturating_sub(col0)).max(0))
}

/// Copies elements `i` in `range` of the diagonal starting at `(row0, col0)` of `a` into `out`.
unsafe fn copy_diagonal(a: &ArrayDesc, out: &ArrayDesc, (row0, col0): (i64, i64), range: (i64, i64)) -> RtResult<()> {
    let item = elem_size(a.dtype)?;
    let strides = array::strides(a);
    for i in range.0..range.1 {
        let from = array::offset_ptr(a.data, strides, &[row0 + i, col0 + i], item);
        let to = array::offset_ptr(out.data, array::strides(out), &[i], item);
        unsafe { std::ptr::copy_nonoverlapping(from, to, item) };
    }
    Ok(())
}

/// `a.diagonal(k)` of a 2-D array, copied into a new 1-D array.
///
/// # Safety
/// `a` must be live.
pub unsafe fn diagonal(a: &ArrayDesc, k: i64) -> RtResult<*mut ArrayDesc> {
    let shape = array::shape(a);
    if shape.len() < 2 {
        return Err(RtError::value("diag requires an array of at least two dimensions"));
    }
    if shape.len() > 2 {
        return Err(RtError::internal("diagonal of arrays with more than two dimensions"));
    }
    let (row0, col0, length) = diagonal_extent(shape[0], shape[1], k);
    let out = array::alloc_array(a.dtype, &[length])?;
    unsafe { copy_diagonal(a, &*out, (row0, col0), (0, length)) }?;
    Ok(out)
}

/// `a.diagonal(k)` of a matrix split by rows, where the plan lays the result out beside
/// the rows it comes from: each rank copies the elements of its own rows, nothing moves.
/// `None` where that is not the case.
///
/// # Safety
/// `a` must be live.
pub unsafe fn diagonal_by_rows(a: &ArrayDesc, k: i64) -> RtResult<Option<*mut ArrayDesc>> {
    let planned_rows = plan::made_here().is_some_and(|made| matches!(made.layout, PlannedLayout::Rows { .. }));
    if a.ndim != 2 || comm::size() < 2 || !planned_rows || dist::owned_rows(a).is_none() {
        return Ok(None);
    }
    let (row0, col0, length) = diagonal_extent(a.shape[0], a.shape[1], k);
    let out = unsafe { dist::alloc_beside_rows(a.dtype, &[length], a, row0) }?;
    let out_ref = unsafe { &*out };
    let Some(range) = dist::owned_rows(out_ref) else {
        unsafe { array::release(out) };
        return Err(RtError::internal("a diagonal is not split beside the rows it comes from"));
    };
    gpu::host_read(a)?;
    unsafe { copy_diagonal(a, out_ref, (row0, col0), range) }?;
    dist::wrote_own_rows(out_ref);
    Ok(Some(out))
}
