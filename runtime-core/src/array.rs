//! Array descriptors and their buffers: allocation, reference counting,
//! broadcasting, views by Python index items, and element access.
//!
//! A descriptor (`ArrayDesc`) is heap allocated and refcounted; `buffer` points
//! at a refcounted [`Buffer`] that owns the 64-byte aligned data and is shared
//! by every view of it. Generated host code is single threaded, so the counts
//! are plain integers.

use std::ffi::c_void;

use runtime_abi::{
    ArrayDesc, DTYPE_BOOL, DTYPE_F32, DTYPE_I16, DTYPE_I32, DTYPE_I8, DTYPE_U16, DTYPE_U32, DTYPE_U8, INDEX_INTEGER, INDEX_NEWAXIS,
    INDEX_SLICE, MAX_DIMS, SLICE_HAS_START, SLICE_HAS_STEP, SLICE_HAS_STOP,
};

use crate::errors::{RtError, RtResult};

pub use crate::format::shape_repr;
pub use runtime_abi::dtype_name;
pub use crate::memory::DATA_ALIGN;

/// The owning allocation behind one or more descriptors.
#[repr(C)]
pub struct Buffer {
    refcount: i64,
    memory: crate::memory::Allocation,
    /// For a distributed array: which rows this rank holds (see `dist.rs`).
    pub dist: Option<Box<Dist>>,
    /// The device copy, when a GPU is in use (see `gpu.rs`).
    pub gpu: Option<Box<Mirror>>,
}

impl Buffer {
    /// The start and the size in bytes of the allocation.
    pub fn extent(&self) -> (*mut u8, usize) {
        (self.memory.data, self.memory.layout.size())
    }
}

/// The distribution of one buffer (shared by all views of it); its behaviour is `dist.rs`'s.
#[derive(Clone, Debug)]
pub struct Dist {
    /// Global rows.
    pub n0: i64,
    /// The template its rows lie in, and its row 0's row in the template.
    pub t: Template,
    pub off: i64,
    /// Ghost rows stored on each side of the owned block.
    pub ghost: i64,
    /// Bytes per row, and per element.
    pub row_bytes: usize,
    pub item: usize,
    /// The rows this rank stores, `[lo, hi)`.
    pub held: (i64, i64),
    /// Whether the ghost rows hold their owners' current values.
    pub valid: bool,
    /// Where row 0 would start (set by the allocation).
    pub origin: *mut u8,
    /// The array of the plan it is (`plan::UNPLANNED` where none).
    pub array: u32,
}

/// The row space distributed arrays are split over (see `dist.rs`); arrays on one
/// template with the same offset have their rows on the same ranks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Template {
    /// `t` rows split into nearly equal blocks: rank `q` owns `[t*q/P, t*(q+1)/P)`.
    Even(i64),
    /// Blocks whose sizes an operation found at run time (a filter, a join, a file's
    /// lines): rank `q` owns `[b[q], b[q+1])` of the `P + 1` bounds, which every rank
    /// holds alike (made from counts gathered from all ranks).
    Var(std::sync::Arc<[i64]>),
}

/// The region of a buffer one launch wrote: byte offset of element 0, extents, strides.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Region {
    pub(crate) offset: isize,
    pub(crate) shape: Vec<i64>,
    pub(crate) strides: Vec<i64>,
}

/// The device copy of one buffer; its behaviour (and its `Drop`, which frees the device
/// memory) is `gpu.rs`'s.
pub struct Mirror {
    pub(crate) dev: u64,
    pub(crate) bytes: usize,
    /// The host copy is out of date (the device holds the values).
    pub(crate) host_stale: bool,
    /// The device copy is out of date (the host holds the values).
    pub(crate) dev_stale: bool,
    /// The second buffer of in-place launches, and where it differs from `dev`
    /// (`None`: unknown, so it must be refreshed whole before use).
    pub(crate) shadow: Option<u64>,
    pub(crate) shadow_differs_in: Option<Region>,
}


/// Bytes per element of a dtype code.
pub fn elem_size(dtype: i64) -> RtResult<usize> {
    runtime_abi::dtype_size(dtype).ok_or_else(|| RtError::internal(format!("unknown dtype code {dtype}")))
}

/// The shape of a descriptor.
pub fn shape(desc: &ArrayDesc) -> &[i64] {
    &desc.shape[..desc.ndim.clamp(0, MAX_DIMS as i64) as usize]
}

/// The element strides of a descriptor.
pub fn strides(desc: &ArrayDesc) -> &[i64] {
    &desc.strides[..desc.ndim.clamp(0, MAX_DIMS as i64) as usize]
}

/// The number of elements of a shape.
pub fn shape_size(shape: &[i64]) -> i64 {
    shape.iter().product()
}

/// A shape as NumPy writes it in error messages: `(3,)`, `(2,3)`, `()`.
pub fn shape_compact(shape: &[i64]) -> String {
    match shape {
        [] => "()".to_string(),
        [only] => format!("({only},)"),
        _ => format!("({})", shape.iter().map(i64::to_string).collect::<Vec<_>>().join(",")),
    }
}

/// C-contiguous element strides of a shape.
pub fn contiguous_strides(shape: &[i64]) -> Vec<i64> {
    let mut strides = vec![0; shape.len()];
    let mut step = 1i64;
    for axis in (0..shape.len()).rev() {
        strides[axis] = step;
        step = step.saturating_mul(shape[axis].max(1));
    }
    strides
}

/// A new zero-filled C-contiguous array with refcount 1.
/// The bytes of an array of `shape`, with NumPy's checks in its order (for every new
/// array and every new shape of one): extents of 0 are skipped, a negative extent is an
/// error, and the byte count must fit in a signed 64-bit integer.
pub fn byte_size(dtype: i64, shape: &[i64]) -> RtResult<i64> {
    let mut nbytes = elem_size(dtype)? as i64;
    for &extent in shape {
        if extent == 0 {
            continue;
        }
        if extent < 0 {
            return Err(RtError::value("negative dimensions are not allowed"));
        }
        nbytes = nbytes.checked_mul(extent).ok_or_else(|| {
            RtError::value("array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum possible size.")
        })?;
    }
    Ok(nbytes)
}

pub fn alloc_array(dtype: i64, shape: &[i64]) -> RtResult<*mut ArrayDesc> {
    alloc(dtype, shape, true)
}

/// A new C-contiguous array whose contents are unspecified (the compiled
/// program writes every element before reading: `np.empty`, or an
/// allocation followed by the kernel that fills it). Large ones may reuse
/// the buffer of an array freed earlier.
pub fn alloc_array_uninit(dtype: i64, shape: &[i64]) -> RtResult<*mut ArrayDesc> {
    alloc(dtype, shape, false)
}

fn alloc(dtype: i64, shape: &[i64], zeroed: bool) -> RtResult<*mut ArrayDesc> {
    alloc_rows(dtype, shape, zeroed, None)
}

/// A new C-contiguous array of global shape `shape` of which this rank stores
/// only the rows `dist.held` (all rows when `dist` is `None`). The descriptor's
/// `data` is the address element `[0, 0, ...]` would have, so global indices
/// and strides address the held rows directly (see `dist.rs`).
pub fn alloc_rows(
    dtype: i64,
    shape: &[i64],
    zeroed: bool,
    dist: Option<Dist>,
) -> RtResult<*mut ArrayDesc> {
    if shape.len() > MAX_DIMS {
        return Err(RtError::value(format!(
            "maximum supported dimension for an ndarray is currently {MAX_DIMS}, found {}",
            shape.len()
        )));
    }
    let nbytes = byte_size(dtype, shape)?;
    let total = if shape.contains(&0) { 0 } else { nbytes as u64 };
    let mut bytes = total as usize;
    // A distributed array stores its held rows only.
    let first_row_bytes = match &dist {
        Some(dist) => {
            bytes = dist.row_bytes * (dist.held.1 - dist.held.0).max(0) as usize;
            dist.held.0 as usize * dist.row_bytes
        }
        None => 0,
    };
    // The error names the whole array, as NumPy's does, whatever part this rank holds.
    let memory = crate::memory::alloc_buffer(bytes, zeroed).ok_or_else(|| crate::memory::array_error(total, shape, dtype))?;
    Ok(wrap(memory, dtype, shape, dist, first_row_bytes))
}

/// A new 1-D array of `dtype` holding `v`'s elements: the vector's buffer itself where the
/// allocator mapped it (a large one), else a copy.
pub fn from_vec<T: Copy>(dtype: i64, v: Vec<T>) -> RtResult<*mut ArrayDesc> {
    if elem_size(dtype)? != std::mem::size_of::<T>() {
        return Err(RtError::internal(format!("a vector of {}-byte elements as dtype code {dtype}", std::mem::size_of::<T>())));
    }
    let shape = [v.len() as i64];
    match crate::memory::vec_allocation(v) {
        Ok(memory) => Ok(wrap(memory, dtype, &shape, None, 0)),
        Err(v) => {
            let a = alloc_array_uninit(dtype, &shape)?;
            // SAFETY: a fresh C-contiguous array of `v.len()` elements of T.
            unsafe { std::ptr::copy_nonoverlapping(v.as_ptr(), (*a).data as *mut T, v.len()) };
            Ok(a)
        }
    }
}

/// A descriptor and buffer over `memory`, whose first held row starts `first_row_bytes`
/// after element `[0, 0, ...]`.
fn wrap(memory: crate::memory::Allocation, dtype: i64, shape: &[i64], dist: Option<Dist>, first_row_bytes: usize) -> *mut ArrayDesc {
    let data = memory.data;
    let origin = data.wrapping_sub(first_row_bytes);
    let dist = dist.map(|mut dist| {
        dist.origin = origin;
        Box::new(dist)
    });
    let buffer = Box::into_raw(Box::new(Buffer { refcount: 1, memory, dist, gpu: None }));
    let mut desc = ArrayDesc {
        refcount: 1,
        dtype,
        ndim: shape.len() as i64,
        data: origin,
        shape: [0; MAX_DIMS],
        strides: [0; MAX_DIMS],
        buffer: buffer as *mut c_void,
    };
    desc.shape[..shape.len()].copy_from_slice(shape);
    desc.strides[..shape.len()].copy_from_slice(&contiguous_strides(shape));
    Box::into_raw(Box::new(desc))
}

/// Makes `desc` the new array of `dtype`, `shape` and layout `dist` (`None`: whole on
/// this rank) that a statement is about to fill, when nothing else can see its memory: it
/// is the only reference to its descriptor and the only descriptor of its buffer, covers
/// the buffer from its start, C-contiguous, and has that dtype, shape and layout. Then it
/// gains a reference (the caller's new array), takes the new array's plan identity, and
/// `true` is returned; else nothing changes.
///
/// # Safety
/// `desc` must be a live descriptor made by this runtime.
pub unsafe fn take_over(desc: *mut ArrayDesc, dtype: i64, shape: &[i64], dist: Option<&Dist>) -> bool {
    let Some(d) = (unsafe { desc.as_mut() }) else { return false };
    let Some(buffer) = (unsafe { (d.buffer as *mut Buffer).as_mut() }) else { return false };
    let fits = d.refcount == 1
        && buffer.refcount == 1
        && d.dtype == dtype
        && self::shape(d) == shape
        && self::strides(d) == contiguous_strides(shape).as_slice();
    let same_layout = match (buffer.dist.as_deref_mut(), dist) {
        (None, None) => d.data == buffer.memory.data,
        (Some(have), Some(want)) => {
            d.data == have.origin
                && (have.n0, &have.t, have.off, have.ghost, have.held, have.row_bytes, have.item)
                    == (want.n0, &want.t, want.off, want.ghost, want.held, want.row_bytes, want.item)
        }
        _ => false,
    };
    if !(fits && same_layout) {
        return false;
    }
    if let (Some(have), Some(want)) = (buffer.dist.as_deref_mut(), dist) {
        *have = Dist { origin: have.origin, ..want.clone() };
    }
    d.refcount += 1;
    true
}

/// Adds a reference to a descriptor (null is ignored).
///
/// # Safety
/// `desc` must be null or a live descriptor made by this runtime.
pub unsafe fn retain(desc: *mut ArrayDesc) {
    if let Some(desc) = unsafe { desc.as_mut() } {
        desc.refcount += 1;
    }
}

/// Drops a reference, freeing the descriptor (and its buffer's reference) at zero.
///
/// # Safety
/// `desc` must be null or a live descriptor made by this runtime.
pub unsafe fn release(desc: *mut ArrayDesc) {
    let Some(desc_ref) = (unsafe { desc.as_mut() }) else { return };
    desc_ref.refcount -= 1;
    if desc_ref.refcount > 0 {
        return;
    }
    let buffer = desc_ref.buffer as *mut Buffer;
    drop(unsafe { Box::from_raw(desc) });
    unsafe { release_buffer(buffer) };
}

/// Adds a reference to the buffer of `desc` (for a new view of it).
///
/// # Safety
/// `desc` must be a live descriptor.
pub unsafe fn retain_buffer_of(desc: &ArrayDesc) {
    unsafe { retain_buffer(desc.buffer as *mut Buffer) }
}

unsafe fn retain_buffer(buffer: *mut Buffer) {
    if let Some(buffer) = unsafe { buffer.as_mut() } {
        buffer.refcount += 1;
    }
}

unsafe fn release_buffer(buffer: *mut Buffer) {
    let Some(buffer_ref) = (unsafe { buffer.as_mut() }) else { return };
    buffer_ref.refcount -= 1;
    if buffer_ref.refcount > 0 {
        return;
    }
    let mut owned = unsafe { Box::from_raw(buffer) };
    // The device copy goes first (`Mirror`'s `Drop`).
    drop(owned.gpu.take());
    unsafe { crate::memory::free_buffer(&owned.memory) };
}

/// The distribution of the buffer behind `desc`, if it is distributed.
pub fn dist_of(desc: &ArrayDesc) -> Option<&mut Dist> {
    let buffer = desc.buffer as *mut Buffer;
    unsafe { buffer.as_mut() }.and_then(|buffer| buffer.dist.as_deref_mut())
}

/// Borrows a descriptor, rejecting null.
///
/// # Safety
/// `desc` must be null or a live descriptor.
pub unsafe fn desc_ref<'a>(desc: *const ArrayDesc) -> RtResult<&'a ArrayDesc> {
    unsafe { desc.as_ref() }.ok_or_else(|| RtError::internal("null array descriptor"))
}

/// NumPy broadcasting of several shapes, folded left to right as binary
/// operators do, so the error names the two shapes that clash.
pub fn broadcast_shapes(shapes: &[&[i64]]) -> RtResult<Vec<i64>> {
    let mut result: Vec<i64> = match shapes.first() {
        Some(first) => first.to_vec(),
        None => return Ok(Vec::new()),
    };
    for next in &shapes[1..] {
        result = broadcast_pair(&result, next).ok_or_else(|| {
            RtError::value(format!(
                "operands could not be broadcast together with shapes {} {} ",
                shape_compact(&result),
                shape_compact(next)
            ))
        })?;
    }
    Ok(result)
}

fn broadcast_pair(a: &[i64], b: &[i64]) -> Option<Vec<i64>> {
    let rank = a.len().max(b.len());
    let mut out = vec![0; rank];
    for axis in 0..rank {
        let ea = if axis + a.len() >= rank { a[axis + a.len() - rank] } else { 1 };
        let eb = if axis + b.len() >= rank { b[axis + b.len() - rank] } else { 1 };
        out[axis] = if ea == eb || eb == 1 {
            ea
        } else if ea == 1 {
            eb
        } else {
            return None;
        };
    }
    Some(out)
}

/// Whether `from` broadcasts into exactly `into` (as in assignment).
pub fn broadcasts_into(from: &[i64], into: &[i64]) -> bool {
    from.len() <= into.len()
        && from.iter().zip(&into[into.len() - from.len()..]).all(|(&f, &t)| f == t || f == 1)
}

/// Python's `slice.indices(length)` followed by the slice length:
/// returns `(start, step, count)`.
pub fn normalise_slice(
    length: i64,
    start: Option<i64>,
    stop: Option<i64>,
    step: Option<i64>,
) -> RtResult<(i64, i64, i64)> {
    let step = step.unwrap_or(1);
    if step == 0 {
        return Err(RtError::value("slice step cannot be zero"));
    }
    let (lower, upper) = if step < 0 { (-1, length - 1) } else { (0, length) };
    let clamp = |bound: i64| {
        if bound < 0 {
            (bound + length).max(lower)
        } else {
            bound.min(upper)
        }
    };
    let start = start.map(clamp).unwrap_or(if step < 0 { upper } else { lower });
    let stop = stop.map(clamp).unwrap_or(if step < 0 { lower } else { upper });
    let count = if step > 0 {
        if stop > start {
            (stop - start - 1) / step + 1
        } else {
            0
        }
    } else if start > stop {
        (start - stop - 1) / (-step) + 1
    } else {
        0
    };
    Ok((start, step, count))
}

/// Wraps a Python integer index against `extent`, with NumPy's IndexError.
pub fn wrap_index(index: i64, extent: i64, axis: usize) -> RtResult<i64> {
    let wrapped = if index < 0 { index + extent } else { index };
    if wrapped < 0 || wrapped >= extent {
        return Err(RtError::index(format!(
            "index {index} is out of bounds for axis {axis} with size {extent}"
        )));
    }
    Ok(wrapped)
}

fn too_many_indices(ndim: usize, indexed: usize) -> RtError {
    RtError::index(format!(
        "too many indices for array: array is {ndim}-dimensional, but {indexed} were indexed"
    ))
}

/// One decoded index item of `lt_array_view`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IndexItem {
    Slice { start: Option<i64>, stop: Option<i64>, step: Option<i64> },
    Integer(i64),
    NewAxis,
}

impl IndexItem {
    /// Decodes `[kind, start, stop, step]`.
    pub fn decode(words: [i64; 4]) -> RtResult<IndexItem> {
        let [kind, start, stop, step] = words;
        let base = kind & 3;
        Ok(match base {
            INDEX_SLICE => IndexItem::Slice {
                start: (kind & SLICE_HAS_START != 0).then_some(start),
                stop: (kind & SLICE_HAS_STOP != 0).then_some(stop),
                step: (kind & SLICE_HAS_STEP != 0).then_some(step),
            },
            INDEX_INTEGER => IndexItem::Integer(start),
            INDEX_NEWAXIS => IndexItem::NewAxis,
            _ => return Err(RtError::internal(format!("unknown index item kind {kind}"))),
        })
    }
}

/// A view of `src` selected by `items`; shares (and retains) the buffer.
///
/// # Safety
/// `src` must be a live descriptor.
pub unsafe fn view(src: *mut ArrayDesc, items: &[IndexItem]) -> RtResult<*mut ArrayDesc> {
    let source = unsafe { desc_ref(src) }?;
    let ndim = shape(source).len();
    let indexed = items.iter().filter(|item| !matches!(item, IndexItem::NewAxis)).count();
    if indexed > ndim {
        return Err(too_many_indices(ndim, indexed));
    }
    let item_size = elem_size(source.dtype)? as isize;
    let mut offset: isize = 0;
    let mut new_shape = Vec::with_capacity(MAX_DIMS);
    let mut new_strides = Vec::with_capacity(MAX_DIMS);
    let mut axis = 0;
    for item in items {
        match *item {
            IndexItem::NewAxis => {
                new_shape.push(1);
                new_strides.push(0);
            }
            IndexItem::Integer(index) => {
                let position = wrap_index(index, source.shape[axis], axis)?;
                offset += (position * source.strides[axis]) as isize;
                axis += 1;
            }
            IndexItem::Slice { start, stop, step } => {
                let (first, step, count) = normalise_slice(source.shape[axis], start, stop, step)?;
                if count > 0 {
                    offset += (first * source.strides[axis]) as isize;
                }
                new_shape.push(count);
                new_strides.push(source.strides[axis] * step);
                axis += 1;
            }
        }
    }
    for rest in axis..ndim {
        new_shape.push(source.shape[rest]);
        new_strides.push(source.strides[rest]);
    }
    if new_shape.len() > MAX_DIMS {
        return Err(RtError::value(format!(
            "maximum supported dimension for an ndarray is currently {MAX_DIMS}, found {}",
            new_shape.len()
        )));
    }
    let mut desc = ArrayDesc {
        refcount: 1,
        dtype: source.dtype,
        ndim: new_shape.len() as i64,
        data: source.data.wrapping_offset(offset * item_size),
        shape: [0; MAX_DIMS],
        strides: [0; MAX_DIMS],
        buffer: source.buffer,
    };
    desc.shape[..new_shape.len()].copy_from_slice(&new_shape);
    desc.strides[..new_strides.len()].copy_from_slice(&new_strides);
    unsafe { retain_buffer(source.buffer as *mut Buffer) };
    Ok(Box::into_raw(Box::new(desc)))
}

/// The address of `a[indices]` (one index per axis, Python wrap rules).
pub fn element_ptr(desc: &ArrayDesc, indices: &[i64]) -> RtResult<*mut u8> {
    let ndim = shape(desc).len();
    if indices.len() > ndim {
        return Err(too_many_indices(ndim, indices.len()));
    }
    if indices.len() < ndim {
        return Err(RtError::internal(format!(
            "element access with {} indices on a {ndim}-dimensional array",
            indices.len()
        )));
    }
    let mut offset: isize = 0;
    for (axis, &index) in indices.iter().enumerate() {
        let position = wrap_index(index, desc.shape[axis], axis)?;
        offset += (position * desc.strides[axis]) as isize;
    }
    Ok(desc.data.wrapping_offset(offset * elem_size(desc.dtype)? as isize))
}

/// Reads one element as ABI bits (bool 0/1, signed integers sign-extended, unsigned ones
/// zero-extended, f32 in the low half).
///
/// # Safety
/// `ptr` must point at a readable element of `dtype`.
pub unsafe fn read_bits(ptr: *const u8, dtype: i64) -> u64 {
    unsafe {
        match dtype {
            DTYPE_BOOL => (*ptr != 0) as u64,
            DTYPE_I8 => (ptr as *const i8).read_unaligned() as i64 as u64,
            DTYPE_U8 => *ptr as u64,
            DTYPE_I16 => (ptr as *const i16).read_unaligned() as i64 as u64,
            DTYPE_U16 => (ptr as *const u16).read_unaligned() as u64,
            DTYPE_I32 => (ptr as *const i32).read_unaligned() as i64 as u64,
            DTYPE_F32 | DTYPE_U32 => (ptr as *const u32).read_unaligned() as u64,
            _ => (ptr as *const u64).read_unaligned(),
        }
    }
}

/// Writes ABI bits into one element.
///
/// # Safety
/// `ptr` must point at a writable element of `dtype`.
pub unsafe fn write_bits(ptr: *mut u8, dtype: i64, bits: u64) {
    unsafe {
        match dtype {
            DTYPE_BOOL => *ptr = (bits & 0xff != 0) as u8,
            DTYPE_I8 | DTYPE_U8 => *ptr = bits as u8,
            DTYPE_I16 | DTYPE_U16 => (ptr as *mut u16).write_unaligned(bits as u16),
            DTYPE_I32 | DTYPE_U32 | DTYPE_F32 => (ptr as *mut u32).write_unaligned(bits as u32),
            _ => (ptr as *mut u64).write_unaligned(bits),
        }
    }
}

/// Calls `f` with every multi-index of `shape` in C order.
pub fn for_each_index(shape: &[i64], mut f: impl FnMut(&[i64])) {
    if shape.iter().any(|&extent| extent <= 0) {
        return;
    }
    let mut index = vec![0i64; shape.len()];
    loop {
        f(&index);
        let mut axis = shape.len();
        loop {
            if axis == 0 {
                return;
            }
            axis -= 1;
            index[axis] += 1;
            if index[axis] < shape[axis] {
                break;
            }
            index[axis] = 0;
        }
    }
}

/// The address of the element at a multi-index without bounds checks.
pub fn offset_ptr(data: *mut u8, strides: &[i64], index: &[i64], item_size: usize) -> *mut u8 {
    let offset: i64 = index.iter().zip(strides).map(|(i, s)| i * s).sum();
    data.wrapping_offset(offset as isize * item_size as isize)
}

/// The byte range `[lo, hi)` a view touches, or `None` when it is empty.
pub fn byte_range(data: *const u8, shape: &[i64], strides: &[i64], item_size: usize) -> Option<(usize, usize)> {
    if shape.contains(&0) {
        return None;
    }
    let mut low: i64 = 0;
    let mut high: i64 = 0;
    for (&extent, &stride) in shape.iter().zip(strides) {
        let span = (extent - 1) * stride;
        if span < 0 {
            low += span;
        } else {
            high += span;
        }
    }
    let base = data as i64;
    let item = item_size as i64;
    Some(((base + low * item) as usize, (base + high * item + item) as usize))
}

/// Copies every element of `src` into `dst` (same shape and dtype, any strides; they do
/// not overlap), one inner row at a time: a row both sides hold contiguously is one
/// `memcpy`, any other is copied element by element with the element's size known to the
/// compiler. (Copying element by element through `for_each_index` made the copy back of
/// an in-place stencil's temporary ten times slower than the stencil.)
///
/// # Safety
/// Both must be live views of `shape` with valid strides for `item_size`.
pub unsafe fn copy_strided(
    dst: *mut u8,
    dst_strides: &[i64],
    src: *const u8,
    src_strides: &[i64],
    shape: &[i64],
    item_size: usize,
) {
    let Some((&inner, outer)) = shape.split_last() else {
        unsafe { std::ptr::copy_nonoverlapping(src, dst, item_size) };
        return;
    };
    let (dst_inner, src_inner) = (dst_strides[outer.len()], src_strides[outer.len()]);
    let row = |to: *mut u8, from: *const u8| {
        if dst_inner == 1 && src_inner == 1 {
            unsafe { std::ptr::copy_nonoverlapping(from, to, inner as usize * item_size) };
            return;
        }
        fn each<T: Copy>(to: *mut u8, from: *const u8, n: i64, to_step: i64, from_step: i64) {
            for k in 0..n {
                // SAFETY: the caller's views hold `n` elements at these strides.
                unsafe {
                    let value = (from as *const T).wrapping_offset((k * from_step) as isize).read_unaligned();
                    (to as *mut T).wrapping_offset((k * to_step) as isize).write_unaligned(value);
                }
            }
        }
        match item_size {
            8 => each::<u64>(to, from, inner, dst_inner, src_inner),
            4 => each::<u32>(to, from, inner, dst_inner, src_inner),
            2 => each::<u16>(to, from, inner, dst_inner, src_inner),
            1 => each::<u8>(to, from, inner, dst_inner, src_inner),
            _ => {
                for k in 0..inner {
                    let (t, f) = (
                        to.wrapping_offset((k * dst_inner) as isize * item_size as isize),
                        from.wrapping_offset((k * src_inner) as isize * item_size as isize),
                    );
                    unsafe { std::ptr::copy_nonoverlapping(f, t, item_size) };
                }
            }
        }
    };
    if inner <= 0 {
        return;
    }
    if outer.is_empty() {
        row(dst, src);
        return;
    }
    for_each_index(outer, |index| {
        let from = offset_ptr(src as *mut u8, &src_strides[..outer.len()], index, item_size);
        let to = offset_ptr(dst, &dst_strides[..outer.len()], index, item_size);
        row(to, from);
    });
}

/// [`copy_strided`] over rayon's threads where the copy is large (1 MiB or more): the
/// outermost axis in blocks, one per task (a copy of one thread reads and writes at a
/// fraction of the node's bandwidth: `p.copy()` of 33 MB took 9.4 ms on 16 threads of an
/// H100 host, where the kernels around it ran at the node's bandwidth).
///
/// # Safety
/// As [`copy_strided`].
pub unsafe fn copy_strided_parallel(
    dst: *mut u8,
    dst_strides: &[i64],
    src: *const u8,
    src_strides: &[i64],
    shape: &[i64],
    item_size: usize,
) {
    use rayon::prelude::*;
    let bytes = shape_size(shape).max(0) as usize * item_size;
    let threads = rayon::current_num_threads();
    let outer = shape.first().copied().unwrap_or(0);
    if bytes < 1 << 20 || threads < 2 || outer < 2 {
        return unsafe { copy_strided(dst, dst_strides, src, src_strides, shape, item_size) };
    }
    let blocks = (4 * threads as i64).min(outer);
    let (dst, src) = (dst as usize, src as usize);
    (0..blocks).into_par_iter().for_each(|b| {
        let (lo, hi) = (outer * b / blocks, outer * (b + 1) / blocks);
        if lo == hi {
            return;
        }
        let mut sub = shape.to_vec();
        sub[0] = hi - lo;
        let at = |base: usize, strides: &[i64]| (base as *mut u8).wrapping_offset((lo * strides[0]) as isize * item_size as isize);
        // SAFETY: rows lo..hi of both views, disjoint from every other block's rows of `dst`.
        unsafe { copy_strided(at(dst, dst_strides), dst_strides, at(src, src_strides), src_strides, &sub, item_size) };
    });
}

/// A scalar element value, widened for host-side algorithms.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Scalar {
    Bool(bool),
    /// Any integer dtype (int64 and uint64 both fit).
    Int(i128),
    F32(f32),
    F64(f64),
}

impl Scalar {
    /// Decodes ABI bits of a dtype.
    pub fn from_bits(dtype: i64, bits: u64) -> Scalar {
        match dtype {
            DTYPE_BOOL => Scalar::Bool(bits & 0xff != 0),
            DTYPE_F32 => Scalar::F32(f32::from_bits(bits as u32)),
            other if runtime_abi::int_layout(other).is_some() => Scalar::Int(runtime_abi::int_from_bits(other, bits)),
            _ => Scalar::F64(f64::from_bits(bits)),
        }
    }
}

/// Reads the element at a multi-index (assumed in bounds).
///
/// # Safety
/// `desc` must be a live descriptor and `index` in bounds.
pub unsafe fn read_scalar(desc: &ArrayDesc, index: &[i64]) -> Scalar {
    let item = elem_size(desc.dtype).unwrap_or(8);
    let ptr = offset_ptr(desc.data, strides(desc), index, item);
    Scalar::from_bits(desc.dtype, unsafe { read_bits(ptr, desc.dtype) })
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_large_vector_becomes_an_array_without_a_copy() {
        // Its mapping changes hands, and the array frees it.
        let n = 8usize << 20;
        let v: Vec<i64> = (0..n as i64).collect();
        let at = v.as_ptr();
        let a = super::from_vec(runtime_abi::DTYPE_I64, v).expect("an array");
        let desc = unsafe { &*a };
        assert_eq!(desc.data as *const i64, at, "the vector's buffer itself");
        let data = unsafe { std::slice::from_raw_parts(desc.data as *const i64, n) };
        assert!(data.iter().enumerate().all(|(i, &x)| x == i as i64));
        unsafe { super::release(a) };
        // A small one is copied.
        let a = super::from_vec(runtime_abi::DTYPE_I64, vec![3i64, 4]).expect("an array");
        let desc = unsafe { &*a };
        assert_eq!(unsafe { std::slice::from_raw_parts(desc.data as *const i64, 2) }, &[3, 4]);
        unsafe { super::release(a) };
    }
}
