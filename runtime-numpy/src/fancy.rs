//! Advanced indexing with one index array: boolean masks (`a[mask]`,
//! `a[mask] = v`) and integer arrays along axis 0 (`a[idx]`, `a[idx] = v`).
//!
//! Reads copy the selected elements into a new C-contiguous array. Writes
//! take a snapshot of the index and the values before writing, so operands
//! that alias the destination (`a[a > 0] = a[::-1][a > 0]`) behave as in
//! NumPy, and check everything before writing anything. With repeated
//! integer indices the last write wins, as in NumPy.

use runtime_abi::ArrayDesc;

use runtime_core::array::{self, elem_size, shape_compact, shape_size};
use runtime_core::dist;
use runtime_core::errors::{RtError, RtResult};
use runtime_core::memory;

/// The element offsets (relative to `a.data`) of the sub-arrays a boolean
/// mask over the leading axes of `a` selects, in C order.
fn mask_offsets(a: &ArrayDesc, mask: &ArrayDesc) -> RtResult<Vec<i64>> {
    check_mask(a, mask)?;
    let mask_shape = array::shape(mask);
    let strides = &array::strides(a)[..mask_shape.len()];
    let mask_strides = array::strides(mask);
    // Lane by lane along the mask's last axis: `visit(offset)` for each true element.
    let each_selected = |visit: &mut dyn FnMut(i64)| {
        for_each_row(mask_shape, |index, length| {
            let last = mask_shape.len() - 1;
            let mask_start: i64 = index.iter().zip(mask_strides).map(|(i, s)| i * s).sum();
            let start: i64 = index.iter().zip(strides).map(|(i, s)| i * s).sum();
            let (mask_step, step) = (mask_strides[last], strides[last]);
            for i in 0..length {
                if unsafe { *mask.data.wrapping_offset((mask_start + i * mask_step) as isize) } != 0 {
                    visit(start + i * step);
                }
            }
        });
    };
    // Counted first, so that the offsets take the room they need and no more.
    let mut count = 0usize;
    each_selected(&mut |_| count += 1);
    let mut offsets = memory::try_vec(count, &[count as i64], runtime_abi::DTYPE_I64)?;
    each_selected(&mut |offset| offsets.push(offset));
    Ok(offsets)
}

/// NumPy's checks of a boolean mask over the leading axes of `a`.
fn check_mask(a: &ArrayDesc, mask: &ArrayDesc) -> RtResult<()> {
    let shape = array::shape(a);
    let mask_shape = array::shape(mask);
    if mask_shape.len() > shape.len() {
        return Err(RtError::index(format!(
            "too many indices for array: array is {}-dimensional, but {} were indexed",
            shape.len(),
            mask_shape.len()
        )));
    }
    // NumPy 2 accepts a mask axis of extent 0 against any extent (it selects nothing).
    for (axis, (&extent, &mask_extent)) in shape.iter().zip(mask_shape).enumerate() {
        if extent != mask_extent && mask_extent != 0 {
            return Err(RtError::index(format!(
                "boolean index did not match indexed array along axis {axis}; size of axis is {extent} but size of corresponding boolean axis is {mask_extent}"
            )));
        }
    }
    Ok(())
}

/// Calls `f(index, length)` for every row along the last axis of `shape` (a
/// non-empty shape): `index` is the row's first multi-index.
fn for_each_row(shape: &[i64], mut f: impl FnMut(&[i64], i64)) {
    let Some((&length, outer)) = shape.split_last() else { return };
    let mut rows = outer.to_vec();
    rows.push(1);
    array::for_each_index(&rows, |index| f(index, length));
}

/// Copies `count` elements of `item` bytes from `from(k)` to `to(k)`, with a
/// typed load and store for the usual sizes.
#[inline(always)]
unsafe fn copy_elements(item: usize, count: usize, from: impl Fn(usize) -> *const u8, to: impl Fn(usize) -> *mut u8) {
    unsafe {
        match item {
            8 => (0..count).for_each(|k| (to(k) as *mut u64).write_unaligned((from(k) as *const u64).read_unaligned())),
            4 => (0..count).for_each(|k| (to(k) as *mut u32).write_unaligned((from(k) as *const u32).read_unaligned())),
            1 => (0..count).for_each(|k| *to(k) = *from(k)),
            _ => (0..count).for_each(|k| std::ptr::copy_nonoverlapping(from(k), to(k), item)),
        }
    }
}

/// The element offsets of the rows of `a` an integer index array selects
/// (C order over the index), with NumPy's IndexError for indices out of range.
fn index_offsets(a: &ArrayDesc, index: &ArrayDesc) -> RtResult<Vec<i64>> {
    let shape = array::shape(a);
    if shape.is_empty() {
        return Err(RtError::index("too many indices for array: array is 0-dimensional, but 1 were indexed"));
    }
    let (mut offsets, bad) = positions(index, shape[0])?;
    if let Some(position) = bad {
        return Err(out_of_range(position, shape[0]));
    }
    let row_stride = array::strides(a)[0];
    for offset in offsets.iter_mut() {
        *offset *= row_stride;
    }
    Ok(offsets)
}

/// The rows of an axis of `extent` that the integer array `index` names (C order, negative
/// ones wrapped), and the first one out of range, if any (the rows then stop before it).
fn positions(index: &ArrayDesc, extent: i64) -> RtResult<(Vec<i64>, Option<i64>)> {
    let item = elem_size(index.dtype)? as i64;
    let strides = array::strides(index);
    let index_shape = array::shape(index);
    let mut rows = memory::try_vec(shape_size(index_shape).max(0) as usize, index_shape, runtime_abi::DTYPE_I64)?;
    let mut bad = None;
    for_each_row(index_shape, |at, length| {
        let start: i64 = at.iter().zip(strides).map(|(i, s)| i * s).sum();
        let step = strides[strides.len() - 1];
        for i in 0..length {
            if bad.is_some() {
                return;
            }
            let ptr = index.data.wrapping_offset(((start + i * step) * item) as isize);
            let position = unsafe { array::read_bits(ptr, index.dtype) } as i64;
            let wrapped = if position < 0 { position + extent } else { position };
            if (0..extent).contains(&wrapped) {
                rows.push(wrapped);
            } else {
                bad = Some(position);
            }
        }
    });
    Ok((rows, bad))
}

/// NumPy's IndexError for an index out of range of an axis of `extent`.
fn out_of_range(position: i64, extent: i64) -> RtError {
    array::wrap_index(position, extent, 0).expect_err("out of range")
}

/// Copies the sub-array of `a` at each offset (over the axes from `first_axis` on)
/// into a new array of shape `leading + a.shape[first_axis:]`.
unsafe fn select(a: &ArrayDesc, offsets: &[i64], leading: &[i64], first_axis: usize) -> RtResult<*mut ArrayDesc> {
    let rest_shape = &array::shape(a)[first_axis..];
    let rest_strides = &array::strides(a)[first_axis..];
    let mut out_shape = leading.to_vec();
    out_shape.extend_from_slice(rest_shape);
    let out = array::alloc_array_uninit(a.dtype, &out_shape)?;
    let item = elem_size(a.dtype)?;
    if rest_shape.is_empty() {
        let to = unsafe { (*out).data };
        let (data, offsets_ptr) = (a.data, offsets.as_ptr());
        unsafe {
            copy_elements(item, offsets.len(), |k| data.wrapping_offset(*offsets_ptr.add(k) as isize * item as isize), |k| to.add(k * item))
        };
        return Ok(out);
    }
    let block = shape_size(rest_shape) as usize * item;
    let contiguous = array::contiguous_strides(rest_shape);
    let mut to = unsafe { (*out).data };
    for &offset in offsets {
        let from = a.data.wrapping_offset(offset as isize * item as isize);
        unsafe { array::copy_strided(to, &contiguous, from, rest_strides, rest_shape, item) };
        to = to.wrapping_add(block);
    }
    Ok(out)
}

/// Writes `values` (a snapshot taken first) broadcast over `result_shape`
/// (`leading` selection axes, then `a.shape[first_axis:]`) into the selected
/// sub-arrays of `a`. `value_strides` are the broadcast strides of the snapshot.
unsafe fn assign(a: &ArrayDesc, offsets: &[i64], result_shape: &[i64], leading: usize, first_axis: usize, snapshot: &ArrayDesc, value_strides: &[i64]) -> RtResult<()> {
    let item = elem_size(a.dtype)?;
    let rest_strides = &array::strides(a)[first_axis..];
    if leading == result_shape.len() {
        // Single elements: the value of selection `k` is at a fixed stride (0 for a
        // scalar) when the values are as long as the selection or broadcast.
        let count = offsets.len();
        let contiguous = array::contiguous_strides(result_shape);
        let step = if value_strides.iter().all(|&s| s == 0) {
            Some(0)
        } else if value_strides == contiguous.as_slice() {
            Some(1)
        } else {
            None
        };
        if let Some(step) = step {
            let (data, from) = (a.data, snapshot.data);
            unsafe {
                copy_elements(item, count, |k| from.add(k * step * item), |k| data.wrapping_offset(offsets[k] as isize * item as isize))
            };
            return Ok(());
        }
    }
    let leading_strides = array::contiguous_strides(&result_shape[..leading]);
    array::for_each_index(result_shape, |index| {
        let selection: i64 = index[..leading].iter().zip(&leading_strides).map(|(i, s)| i * s).sum();
        let within: i64 = index[leading..].iter().zip(rest_strides).map(|(i, s)| i * s).sum();
        let to = a.data.wrapping_offset((offsets[selection as usize] + within) as isize * item as isize);
        let from = array::offset_ptr(snapshot.data, value_strides, index, item);
        unsafe { std::ptr::copy_nonoverlapping(from, to, item) };
    });
    Ok(())
}

/// Strides that read a C-contiguous array of `value_shape` broadcast to
/// `result_shape` (leading extents of 1 beyond the result's rank are dropped,
/// as NumPy's assignment does), or `None` when it does not broadcast.
fn broadcast_strides(value_shape: &[i64], result_shape: &[i64]) -> Option<Vec<i64>> {
    let mut shape = value_shape;
    while shape.len() > result_shape.len() && shape[0] == 1 {
        shape = &shape[1..];
    }
    if !array::broadcasts_into(shape, result_shape) {
        return None;
    }
    let own = array::contiguous_strides(shape);
    let skip = result_shape.len() - shape.len();
    Some(
        (0..result_shape.len())
            .map(|d| if d < skip || shape[d - skip] == 1 { 0 } else { own[d - skip] })
            .collect(),
    )
}

fn shape_mismatch(value_shape: &[i64], result_shape: &[i64]) -> RtError {
    RtError::value(format!(
        "shape mismatch: value array of shape {} could not be broadcast to indexing result of shape {}",
        shape_compact(value_shape),
        shape_compact(result_shape)
    ))
}

/// A C-contiguous snapshot of the values of an assignment, released on drop.
struct Snapshot(*mut ArrayDesc);

impl Snapshot {
    unsafe fn of(values: &ArrayDesc, dtype: i64) -> RtResult<Snapshot> {
        if values.dtype != dtype {
            return Err(RtError::internal("assigned values do not have the array's dtype"));
        }
        Ok(Snapshot(unsafe { runtime_core::host::contiguous_copy(values) }?))
    }
    fn desc(&self) -> &ArrayDesc {
        unsafe { &*self.0 }
    }
}

impl Drop for Snapshot {
    fn drop(&mut self) {
        unsafe { array::release(self.0) };
    }
}

/// `a[mask]`.
///
/// # Safety
/// Both must be live descriptors; `mask` of dtype bool.
pub unsafe fn mask_get(a: &ArrayDesc, mask: &ArrayDesc) -> RtResult<*mut ArrayDesc> {
    let offsets = mask_offsets(a, mask)?;
    let k = array::shape(mask).len();
    unsafe { select(a, &offsets, &[offsets.len() as i64], k) }
}

/// `a[mask]` made split by rows (the plan's choice for this statement, several ranks):
/// each rank selects from the rows along axis 0 it works on (`dist::row_shares`: its own
/// rows of `a`, the mask's rows there fetched when they lie elsewhere), and the result's
/// rows are, rank after rank, what each found: NumPy's order, nothing gathered.
///
/// # Safety
/// Both must be live descriptors; `mask` of dtype bool.
pub unsafe fn mask_get_split(a: *mut ArrayDesc, mask: *mut ArrayDesc) -> RtResult<*mut ArrayDesc> {
    let (a_ref, mask_ref) = unsafe { (array::desc_ref(a)?, array::desc_ref(mask)?) };
    check_mask(a_ref, mask_ref)?;
    // An operand of at most one row has no row axis: its layout degenerates (one rank owns
    // the row), and reading it moves at most that row, unchecked like such launches.
    let _one_row = (array::shape(a_ref)[0] <= 1 || array::shape(mask_ref)[0] <= 1).then(runtime_core::plan::suspend);
    let shares = dist::row_shares(a_ref);
    let (lo, hi) = shares[runtime_core::comm::rank() as usize];
    // A mask of extent 0 selects nothing (NumPy 2): every rank reads no row of it.
    let mask_rows = array::shape(mask_ref)[0];
    let mask_shares: Vec<(i64, i64)> = shares.iter().map(|&(b, e)| if mask_rows == 0 { (0, 0) } else { (b, e) }).collect();
    let a_copy = unsafe { dist::readable(a_ref, Some(0), &shares) }?;
    let mask_copy = unsafe { dist::readable(mask_ref, Some(0), &mask_shares) }?;
    let rows = |from: *mut ArrayDesc, range: (i64, i64)| -> RtResult<*mut ArrayDesc> {
        let slice = array::IndexItem::Slice { start: Some(range.0), stop: Some(range.1), step: None };
        let view = unsafe { array::view(from, &[slice]) }?;
        runtime_core::gpu::host_read(unsafe { &*view })?;
        Ok(view)
    };
    let result = (|| {
        let a_rows = rows(a_copy.unwrap_or(a), (lo, hi))?;
        let mask_rows = rows(mask_copy.unwrap_or(mask), mask_shares[runtime_core::comm::rank() as usize]);
        let local = mask_rows.and_then(|m| {
            let local = unsafe { mask_get(&*a_rows, &*m) };
            unsafe { array::release(m) };
            local
        });
        unsafe { array::release(a_rows) };
        unsafe { dist::var_rows(local?) }
    })();
    for copy in [a_copy, mask_copy].into_iter().flatten() {
        unsafe { array::release(copy) };
    }
    result
}

/// `a[mask] = values`.
///
/// # Safety
/// All must be live descriptors; `mask` of dtype bool, `values` of `a`'s dtype.
pub unsafe fn mask_set(a: &ArrayDesc, mask: &ArrayDesc, values: &ArrayDesc) -> RtResult<()> {
    let offsets = mask_offsets(a, mask)?;
    let k = array::shape(mask).len();
    let count = offsets.len() as i64;
    let mut result_shape = vec![count];
    result_shape.extend_from_slice(&array::shape(a)[k..]);
    let value_shape = array::shape(values);
    if k == array::shape(a).len() {
        // A mask over every axis selects single elements: NumPy's own checks and messages.
        if value_shape.len() > 1 {
            return Err(RtError::type_error(format!(
                "NumPy boolean array indexing assignment requires a 0 or 1-dimensional input, input has {} dimensions",
                value_shape.len()
            )));
        }
        if let [given] = value_shape {
            if *given != count && *given != 1 {
                return Err(RtError::value(format!(
                    "NumPy boolean array indexing assignment cannot assign {given} input values to the {count} output values where the mask is true"
                )));
            }
        }
    }
    let strides = broadcast_strides(value_shape, &result_shape).ok_or_else(|| shape_mismatch(value_shape, &result_shape))?;
    let snapshot = unsafe { Snapshot::of(values, a.dtype) }?;
    unsafe { assign(a, &offsets, &result_shape, 1, k, snapshot.desc(), &strides) }
}

/// `a[index]` for an integer index array, along axis 0.
///
/// # Safety
/// Both must be live descriptors; `index` of an integer dtype.
pub unsafe fn gather(a: &ArrayDesc, index: &ArrayDesc) -> RtResult<*mut ArrayDesc> {
    let offsets = index_offsets(a, index)?;
    unsafe { select(a, &offsets, array::shape(index), 1) }
}

/// `a[index]` for a 1-D integer `index`, made split by rows (the plan's choice for this
/// statement, several ranks): the result's rows line up with `index`'s (an even split
/// where `index` is not split itself); each rank reads its rows of `index` and takes the
/// rows of `a` they name from their owners (`dist::take_rows`). An index out of range
/// raises NumPy's IndexError on every rank alike: the first one in C order.
///
/// # Safety
/// Both must be live descriptors; `index` of an integer dtype.
pub unsafe fn gather_split(a: *mut ArrayDesc, index: *mut ArrayDesc) -> RtResult<*mut ArrayDesc> {
    let (a_ref, index_ref) = unsafe { (array::desc_ref(a)?, array::desc_ref(index)?) };
    let shape = array::shape(a_ref);
    if shape.is_empty() {
        return Err(RtError::index("too many indices for array: array is 0-dimensional, but 1 were indexed"));
    }
    let n = array::shape(index_ref)[0];
    // As in `mask_get_split`: operands of at most one row read unchecked.
    let _one_row = (shape[0] <= 1 || n <= 1).then(runtime_core::plan::suspend);
    let mut out_shape = vec![n];
    out_shape.extend_from_slice(&shape[1..]);
    let out = unsafe { dist::alloc_beside(a_ref.dtype, &out_shape, index_ref) }?;
    let result = (|| {
        let out_ref = unsafe { &*out };
        let shares = dist::row_shares(out_ref);
        let me = runtime_core::comm::rank() as usize;
        let (lo, hi) = shares[me];
        let copy = unsafe { dist::readable(index_ref, Some(0), &shares) }?;
        let read = (|| {
            let from = copy.unwrap_or(index);
            let slice = array::IndexItem::Slice { start: Some(lo), stop: Some(hi), step: None };
            let view = unsafe { array::view(from, &[slice]) }?;
            let view_ref = unsafe { &*view };
            let checked = runtime_core::gpu::host_read(view_ref).and_then(|()| positions(view_ref, shape[0]));
            unsafe { array::release(view) };
            checked
        })();
        if let Some(c) = copy {
            unsafe { array::release(c) };
        }
        // Every rank raises the first error in C order, the lowest rank's.
        let (positions, first_bad) = read?;
        let mut word = [0u8; 16];
        word[..8].copy_from_slice(&(first_bad.is_some() as u64).to_ne_bytes());
        word[8..].copy_from_slice(&first_bad.unwrap_or(0).to_ne_bytes());
        runtime_core::plan::check(runtime_abi::plan_table::PlannedComm::Allreduce)?;
        let all = runtime_core::comm::allgather_bytes(&word);
        if let Some(bad) = all.chunks_exact(16).find(|w| w[..8] != [0u8; 8]) {
            let position = i64::from_ne_bytes(bad[8..].try_into().expect("8 bytes"));
            return Err(out_of_range(position, shape[0]));
        }
        let item = elem_size(a_ref.dtype)?;
        let row_bytes = shape_size(&shape[1..]) as usize * item;
        let dst = out_ref.data.wrapping_add(lo.max(0) as usize * row_bytes);
        unsafe { dist::take_rows(a, &positions, dst) }?;
        dist::wrote_own_rows(out_ref);
        Ok(())
    })();
    match result {
        Ok(()) => Ok(out),
        Err(e) => {
            unsafe { array::release(out) };
            Err(e)
        }
    }
}

/// The element offsets (over `a`'s first `k` axes) that `k` stacked index arrays name
/// (`index` of shape `(k, *shape)`, any integer dtype), negative ones wrapped; NumPy's
/// IndexError for the first out of range (in C order, axis by axis).
fn nd_offsets(a: &ArrayDesc, index: &ArrayDesc, axes: &[i64]) -> RtResult<(Vec<i64>, Vec<i64>, usize)> {
    let shape = array::shape(a);
    let index_shape = array::shape(index);
    let Some((&k, leading)) = index_shape.split_first() else { return Err(RtError::internal("lt_gather_nd without index arrays")) };
    let k = k as usize;
    if k > shape.len() {
        return Err(RtError::index(format!("too many indices for array: array is {}-dimensional, but {k} were indexed", shape.len())));
    }
    let count = shape_size(leading).max(0) as usize;
    let strides = array::strides(a);
    let index_strides = array::strides(index);
    let item = elem_size(index.dtype)? as isize;
    let mut offsets = memory::try_vec(count, leading, runtime_abi::DTYPE_I64)?;
    let mut n = 0usize;
    let mut error = None;
    array::for_each_index(leading, |at| {
        if error.is_some() {
            return;
        }
        let base: i64 = at.iter().zip(&index_strides[1..]).map(|(i, s)| i * s).sum();
        let mut offset = 0i64;
        for d in 0..k {
            let ptr = index.data.wrapping_offset((base + d as i64 * index_strides[0]) as isize * item);
            let position = unsafe { array::read_bits(ptr, index.dtype) } as i64;
            match array::wrap_index(position, shape[d], axes.get(d).map_or(d, |&x| x as usize)) {
                Ok(row) => offset += row * strides[d],
                Err(e) => {
                    error = Some(e);
                    return;
                }
            }
        }
        offsets.push(offset);
        n += 1;
    });
    if let Some(e) = error {
        return Err(e);
    }
    debug_assert_eq!(n, count);
    Ok((offsets, leading.to_vec(), k))
}

/// `a[i0, i1, ...]` with `k` integer index arrays (stacked, see `nd_offsets`).
///
/// # Safety
/// Both must be live descriptors; `index` of an integer dtype.
pub unsafe fn gather_nd(a: &ArrayDesc, index: &ArrayDesc, axes: &[i64]) -> RtResult<*mut ArrayDesc> {
    let (offsets, leading, k) = nd_offsets(a, index, axes)?;
    unsafe { select(a, &offsets, &leading, k) }
}

/// `a[i0, i1, ...] = values` (the indices stacked, see `nd_offsets`).
///
/// # Safety
/// All must be live descriptors; `index` of an integer dtype, `values` of `a`'s dtype.
pub unsafe fn scatter_nd(a: &ArrayDesc, index: &ArrayDesc, values: &ArrayDesc, axes: &[i64]) -> RtResult<()> {
    let (offsets, leading, k) = nd_offsets(a, index, axes)?;
    let mut result_shape = leading.clone();
    result_shape.extend_from_slice(&array::shape(a)[k..]);
    let value_shape = array::shape(values);
    let strides = broadcast_strides(value_shape, &result_shape).ok_or_else(|| shape_mismatch(value_shape, &result_shape))?;
    let snapshot = unsafe { Snapshot::of(values, a.dtype) }?;
    unsafe { assign(a, &offsets, &result_shape, leading.len(), k, snapshot.desc(), &strides) }
}

/// `a[index] = values` for an integer index array, along axis 0.
///
/// # Safety
/// All must be live descriptors; `index` of an integer dtype, `values` of `a`'s dtype.
pub unsafe fn scatter(a: &ArrayDesc, index: &ArrayDesc, values: &ArrayDesc) -> RtResult<()> {
    let shape = array::shape(a);
    if shape.is_empty() {
        return Err(RtError::index("too many indices for array: array is 0-dimensional, but 1 were indexed"));
    }
    let leading = array::shape(index);
    let mut result_shape = leading.to_vec();
    result_shape.extend_from_slice(&shape[1..]);
    let value_shape = array::shape(values);
    let strides = broadcast_strides(value_shape, &result_shape).ok_or_else(|| shape_mismatch(value_shape, &result_shape))?;
    let offsets = index_offsets(a, index)?;
    let snapshot = unsafe { Snapshot::of(values, a.dtype) }?;
    unsafe { assign(a, &offsets, &result_shape, leading.len(), 1, snapshot.desc(), &strides) }
}

/// `np.put(a, index, values, mode)`: `values[k % len(values)]` written at the flat C-order
/// position `index[k]` of `a`, in order (the last write wins); `mode` 0 raises NumPy's
/// IndexError for a position out of range (after the writes before it, as NumPy does),
/// 1 wraps positions around, 2 clips them to the ends.
///
/// # Safety
/// All must be live descriptors; `index` 1-D int64, `values` 1-D of `a`'s dtype.
pub unsafe fn put(a: &ArrayDesc, index: &ArrayDesc, values: &ArrayDesc, mode: i64) -> RtResult<()> {
    if values.dtype != a.dtype || index.dtype != runtime_abi::DTYPE_I64 || index.ndim != 1 || values.ndim != 1 {
        return Err(RtError::internal("np.put's operands are not a flat int64 index and values of the array's dtype"));
    }
    let shape = array::shape(a).to_vec();
    let size = shape_size(&shape);
    let count = array::shape(index)[0];
    let nv = array::shape(values)[0];
    if count == 0 || nv == 0 {
        return Ok(());
    }
    if size == 0 {
        return Err(RtError::index("cannot replace elements of an empty array"));
    }
    let item = elem_size(a.dtype)?;
    let (index_stride, value_stride) = (array::strides(index)[0], array::strides(values)[0]);
    let value_item = elem_size(values.dtype)?;
    let strides = array::strides(a).to_vec();
    let mut at = vec![0i64; shape.len()];
    for k in 0..count {
        let raw = unsafe { *(index.data as *const i64).offset((k * index_stride) as isize) };
        let flat = match mode {
            1 => raw.rem_euclid(size),
            2 => raw.clamp(0, size - 1),
            _ if raw < -size || raw >= size => {
                return Err(RtError::index(format!("index {raw} is out of bounds for axis 0 with size {size}")));
            }
            _ if raw < 0 => raw + size,
            _ => raw,
        };
        let mut rest = flat;
        for d in (0..shape.len()).rev() {
            at[d] = rest % shape[d];
            rest /= shape[d];
        }
        let from = values.data.wrapping_offset(((k % nv) * value_stride) as isize * value_item as isize);
        let bits = unsafe { array::read_bits(from, values.dtype) };
        let to = array::offset_ptr(a.data, &strides, &at, item);
        unsafe { array::write_bits(to, a.dtype, bits) };
    }
    Ok(())
}

/// `np.<ufunc>.at(a, (i_0, ..., i_{k-1}), values)` (`op` an `AT_*` code): for each of the m
/// positions in order, every element of the block `a[i_0[m], ..., i_{k-1}[m], ...]` becomes
/// `op(element, value)`, one update at a time, so repeated positions accumulate (NumPy's
/// unbuffered operation). Float arrays compute in float64 and round once to their dtype
/// (for float32 the correctly rounded result, as float32 arithmetic gives); integers wrap.
/// An index out of range raises NumPy's IndexError after the updates before it.
///
/// # Safety
/// All must be live descriptors: `index` int64 of shape (k, m), `values` 1-D with m x (the
/// elements of a's axes k..) elements in C order, float64 for a float `a`, else of a's dtype.
pub unsafe fn ufunc_at(op: i64, a: &ArrayDesc, index: &ArrayDesc, values: &ArrayDesc) -> RtResult<()> {
    use runtime_abi::{AT_ADD, AT_MAXIMUM, AT_MINIMUM, AT_MULTIPLY, AT_SUBTRACT, DTYPE_F32, DTYPE_F64, DTYPE_I64};
    let float = matches!(a.dtype, DTYPE_F64 | DTYPE_F32);
    let layout = runtime_abi::int_layout(a.dtype);
    let value_dtype = if float { DTYPE_F64 } else { a.dtype };
    if index.dtype != DTYPE_I64 || index.ndim != 2 || values.ndim != 1 || values.dtype != value_dtype || (!float && layout.is_none()) {
        return Err(RtError::internal("ufunc.at's operands are not an int64 (k, m) index and flat values of the computing dtype"));
    }
    let shape = array::shape(a).to_vec();
    let (k, m) = (array::shape(index)[0] as usize, array::shape(index)[1]);
    if k > shape.len() {
        return Err(RtError::index(format!("too many indices for array: array is {}-dimensional, but {k} were indexed", shape.len())));
    }
    let rest: Vec<i64> = shape[k..].to_vec();
    let block = shape_size(&rest);
    if shape_size(array::shape(values)) != m * block {
        return Err(RtError::internal("ufunc.at's values do not match its positions"));
    }
    let item = elem_size(a.dtype)?;
    let strides = array::strides(a).to_vec();
    let (istrides, vstride) = (array::strides(index), array::strides(values)[0]);
    let vitem = elem_size(values.dtype)?;
    let mut at = vec![0i64; shape.len()];
    let mut flat_value = 0i64;
    for position in 0..m {
        for axis in 0..k {
            let raw = unsafe { *(index.data as *const i64).offset((axis as i64 * istrides[0] + position * istrides[1]) as isize) };
            let extent = shape[axis];
            if raw < -extent || raw >= extent {
                return Err(RtError::index(format!("index {raw} is out of bounds for axis {axis} with size {extent}")));
            }
            at[axis] = if raw < 0 { raw + extent } else { raw };
        }
        let mut r = 0;
        while r < block {
            let mut rest_flat = r;
            for d in (k..shape.len()).rev() {
                at[d] = rest_flat % shape[d];
                rest_flat /= shape[d];
            }
            let value = unsafe { array::read_bits(array::offset_ptr(values.data, &[vstride], &[flat_value], vitem), values.dtype) };
            let to = array::offset_ptr(a.data, &strides, &at, item);
            let old = unsafe { array::read_bits(to, a.dtype) };
            let new = if float {
                let x = if a.dtype == DTYPE_F32 { f32::from_bits(old as u32) as f64 } else { f64::from_bits(old) };
                let y = f64::from_bits(value);
                let z = match op {
                    AT_ADD => x + y,
                    AT_SUBTRACT => x - y,
                    AT_MULTIPLY => x * y,
                    // NumPy's: the first operand where it is NaN or the larger (smaller).
                    AT_MAXIMUM => if x >= y || x.is_nan() { x } else { y },
                    AT_MINIMUM => if x <= y || x.is_nan() { x } else { y },
                    _ => return Err(RtError::internal(format!("ufunc.at operation {op}"))),
                };
                if a.dtype == DTYPE_F32 { (z as f32).to_bits() as u64 } else { z.to_bits() }
            } else {
                let signed = layout.is_some_and(|(_, signed)| signed);
                let larger = if signed { (old as i64) >= (value as i64) } else { old >= value };
                let smaller = if signed { (old as i64) <= (value as i64) } else { old <= value };
                match op {
                    AT_ADD => old.wrapping_add(value),
                    AT_SUBTRACT => old.wrapping_sub(value),
                    AT_MULTIPLY => old.wrapping_mul(value),
                    AT_MAXIMUM => if larger { old } else { value },
                    AT_MINIMUM => if smaller { old } else { value },
                    _ => return Err(RtError::internal(format!("ufunc.at operation {op}"))),
                }
            };
            unsafe { array::write_bits(to, a.dtype, new) };
            flat_value += 1;
            r += 1;
        }
    }
    Ok(())
}
