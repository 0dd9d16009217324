//! `lt_launch`: builds the arguments of a generated CPU kernel (iteration
//! shape, pointers, broadcast strides), checks broadcasting, guards stores
//! against overlapping inputs, initialises and combines reductions, and runs
//! the kernel, in parallel chunks of axis 0 when the work is large.

use rayon::prelude::*;
use runtime_abi::{
    mode_reduces_all, ArrayDesc, KernelFn, DTYPE_F32, DTYPE_F64, MODE_REDUCE_ALL, MODE_REDUCE_AXIS, MODE_STORE, MODE_STORE_REDUCE,
    REDUCE_MAX, REDUCE_MIN, REDUCE_SUM,
};

use crate::array::{self, broadcast_shapes, broadcasts_into, elem_size, shape_compact, shape_size};
use crate::errors::{ErrorKind, RtError, RtResult};
pub use crate::kernel::{combine_bits, identity_bits, Launch, Part};

/// Iteration spaces with at least this many points may run in parallel.
pub const PARALLEL_THRESHOLD: i64 = runtime_abi::PARALLEL_POINTS;

/// Chunks per worker thread when splitting axis 0 (for load balance).
const CHUNKS_PER_THREAD: i64 = 4;

/// NumPy's ufunc name of a reduction without identity, for the empty-array error.
fn no_identity_name(op: i64) -> Option<&'static str> {
    match op {
        REDUCE_MAX => Some("maximum"),
        REDUCE_MIN => Some("minimum"),
        _ => None,
    }
}


/// Raw pointers that the kernel arguments carry across rayon workers.
#[derive(Clone, Copy)]
struct KernelCall {
    kernel: KernelFn,
    shape: *const i64,
    ptrs: *const *mut u8,
    strides: *const i64,
    scalars: *const u64,
}

// SAFETY: the pointed-at argument arrays live until every chunk has returned,
// and chunks of axis 0 write disjoint destination elements.
unsafe impl Send for KernelCall {}
unsafe impl Sync for KernelCall {}

impl KernelCall {
    unsafe fn run(&self, begin: i64, end: i64, acc: *mut u64) {
        unsafe { (self.kernel)(self.shape, self.ptrs, self.strides, self.scalars, begin, end, acc) };
    }
}

/// Splits `[0, extent)` into the chunk ranges to run, in order.
fn chunk_ranges(extent: i64, points: i64, splittable: bool) -> Vec<(i64, i64)> {
    if !splittable || points < PARALLEL_THRESHOLD || extent < 2 {
        return vec![(0, extent)];
    }
    let threads = rayon::current_num_threads() as i64;
    if threads < 2 {
        return vec![(0, extent)];
    }
    let chunks = extent.min(threads * CHUNKS_PER_THREAD);
    (0..chunks).map(|c| (extent * c / chunks, extent * (c + 1) / chunks)).collect()
}

/// The float sum of rows `[lo, hi)` of a reduce-all kernel: one kernel call per leaf of
/// at most `leaf_rows` rows, leaves added pairwise (split at a multiple of `leaf_rows`, as
/// NumPy splits at a multiple of its block), halves in parallel while they are large.
///
/// # Safety
/// As [`KernelCall::run`].
#[allow(clippy::too_many_arguments)]
unsafe fn pairwise_sum(
    kernel: &KernelCall,
    lo: i64,
    hi: i64,
    leaf_rows: i64,
    row_points: i64,
    parallel: bool,
    dtype: i64,
    identity: u64,
) -> u64 {
    let rows = hi - lo;
    if rows <= leaf_rows {
        let mut partial = identity;
        unsafe { kernel.run(lo, hi, &mut partial) };
        return partial;
    }
    let leaves = (rows + leaf_rows - 1) / leaf_rows;
    let mid = lo + leaves / 2 * leaf_rows;
    let half = |a: i64, b: i64, parallel: bool| unsafe { pairwise_sum(kernel, a, b, leaf_rows, row_points, parallel, dtype, identity) };
    let (left, right) = if parallel && rows * row_points >= PARALLEL_THRESHOLD {
        rayon::join(|| half(lo, mid, true), || half(mid, hi, true))
    } else {
        (half(lo, mid, false), half(mid, hi, false))
    };
    combine_bits(REDUCE_SUM, dtype, left, right)
}

/// NumPy's error for a max/min over nothing: the reduced axis (or, for a whole-array
/// reduction, the array) is empty, even where the result is empty too (`np.max` of a
/// (0, 0) array along axis 1). `space` is the launch's whole iteration space.
pub fn check_reducible(call: &Launch<'_>, space: &[i64]) -> RtResult<()> {
    let nothing_to_reduce = match call.mode {
        MODE_REDUCE_ALL | MODE_STORE_REDUCE => shape_size(space) == 0,
        MODE_REDUCE_AXIS => space.get(call.axis as usize) == Some(&0),
        _ => false,
    };
    match (nothing_to_reduce, no_identity_name(call.op)) {
        (true, Some(name)) => Err(RtError::value(format!("zero-size array to reduction operation {name} which has no identity"))),
        _ => Ok(()),
    }
}

/// The iteration space of a launch, with broadcasting checked.
///
/// # Safety
/// As [`launch`].
pub unsafe fn iteration_space(call: &Launch<'_>) -> RtResult<Vec<i64>> {
    let mut input_shapes: Vec<&[i64]> = Vec::with_capacity(call.inputs.len());
    for &input in call.inputs {
        input_shapes.push(array::shape(unsafe { array::desc_ref(input) }?));
    }
    match call.mode {
        MODE_STORE | MODE_STORE_REDUCE => {
            let dst = unsafe { array::desc_ref(call.dst) }?;
            let space = array::shape(dst).to_vec();
            if !input_shapes.is_empty() {
                let joint = broadcast_shapes(&input_shapes)?;
                if !broadcasts_into(&joint, &space) {
                    return Err(RtError::value(format!(
                        "could not broadcast input array from shape {} into shape {}",
                        shape_compact(&joint),
                        shape_compact(&space)
                    )));
                }
            }
            Ok(space)
        }
        MODE_REDUCE_ALL | MODE_REDUCE_AXIS => broadcast_shapes(&input_shapes),
        other => Err(RtError::internal(format!("unknown launch mode {other}"))),
    }
}

/// Whether `input` (with effective strides in the iteration space) reads
/// exactly the element that the kernel writes at every point.
fn same_view(input: &ArrayDesc, input_strides: &[i64], dst: &ArrayDesc, space: &[i64]) -> bool {
    input.data == dst.data
        && space
            .iter()
            .enumerate()
            .all(|(d, &extent)| extent <= 1 || input_strides[d] == dst.strides[d])
}

/// Runs one kernel launch.
///
/// # Safety
/// All descriptors must be live, `scalars` must hold what the kernel reads,
/// and `acc` must be writable for reduce-all.
pub unsafe fn launch(call: &Launch<'_>, part: Option<Part>) -> RtResult<()> {
    let mut inputs = Vec::with_capacity(call.inputs.len());
    for &input in call.inputs {
        inputs.push(unsafe { array::desc_ref(input) }?);
    }
    let dst = if call.mode == MODE_REDUCE_ALL { None } else { Some(unsafe { array::desc_ref(call.dst) }?) };
    let space = unsafe { iteration_space(call) }?;
    let rank = space.len();
    if rank as i64 != call.ndim {
        return Err(RtError::internal(format!(
            "kernel compiled for rank {} launched on iteration space {}",
            call.ndim,
            shape_compact(&space)
        )));
    }
    // Further outputs have the iteration space's shape (`fuse-siblings` made them so).
    for i in call.outputs() {
        if array::shape(inputs[i]) != space.as_slice() {
            return Err(RtError::internal(format!(
                "further output of shape {} for iteration space {}",
                shape_compact(array::shape(inputs[i])),
                shape_compact(&space)
            )));
        }
    }
    let slots = 1 + inputs.len();
    let mut strides = vec![0i64; slots * rank];
    let mut ptrs: Vec<*mut u8> = vec![std::ptr::null_mut(); slots];
    let points = shape_size(&space);

    // Slot 0: the destination.
    if let Some(dst) = dst {
        ptrs[0] = dst.data;
        let dst_strides = array::strides(dst);
        if call.mode == MODE_REDUCE_AXIS {
            if call.axis < 0 || call.axis as usize >= rank {
                return Err(RtError::new(
                    ErrorKind::Axis,
                    format!("axis {} is out of bounds for array of dimension {rank}", call.axis),
                ));
            }
            let axis = call.axis as usize;
            let mut expected = space.clone();
            expected.remove(axis);
            if array::shape(dst) != expected.as_slice() {
                return Err(RtError::internal(format!(
                    "reduction destination of shape {} for iteration space {} along axis {axis}",
                    shape_compact(array::shape(dst)),
                    shape_compact(&space)
                )));
            }
            let kept_axes = (0..rank).filter(|&d| d != axis);
            for (d, &stride) in kept_axes.zip(dst_strides) {
                strides[d] = stride;
            }
        } else {
            strides[..rank].copy_from_slice(dst_strides);
        }
    }
    // Slots 1..: the inputs, left-padded, with zero strides where broadcast.
    for (i, input) in inputs.iter().enumerate() {
        ptrs[1 + i] = input.data;
        let input_shape = array::shape(input);
        let input_strides = array::strides(input);
        let pad = rank - input_shape.len();
        for (d, (&extent, &stride)) in input_shape.iter().zip(input_strides).enumerate() {
            strides[(1 + i) * rank + pad + d] = if extent == 1 { 0 } else { stride };
        }
    }

    // Reductions: identities and the empty-array errors.
    let identity = if call.mode == MODE_STORE { 0 } else { identity_bits(call.op, call.dtype)? };
    check_reducible(call, &space)?;
    let extent = if rank == 0 { 1 } else { space[0] };
    let (begin, end) = part.map_or((0, extent), |part| part.range);
    // Stores whose destination overlaps an input that is not the very same
    // view must not read what they write: NumPy evaluates the right side
    // before assigning.
    let overlaps = match (call.mode, dst) {
        (MODE_STORE | MODE_STORE_REDUCE, Some(dst)) => {
            let item = elem_size(dst.dtype)?;
            let dst_range = array::byte_range(dst.data, &space, array::strides(dst), item);
            inputs.iter().enumerate().any(|(i, input)| {
                let input_strides = &strides[(1 + i) * rank..(2 + i) * rank];
                let input_range =
                    array::byte_range(input.data, &space, input_strides, elem_size(input.dtype).unwrap_or(8));
                let intersect = match (dst_range, input_range) {
                    (Some((dlo, dhi)), Some((ilo, ihi))) => dlo < ihi && ilo < dhi,
                    _ => false,
                };
                // Distinct buffers never overlap (and the address ranges of distributed
                // arrays, computed from their origins, may seem to).
                input.buffer == dst.buffer && intersect && !same_view(input, input_strides, dst, &space)
            })
        }
        _ => false,
    };
    // A reduce-axis destination that this rank computes only part of (a replicated
    // result of a distributed reduction) starts from the identity everywhere.
    let partial_dst = call.mode == MODE_REDUCE_AXIS && part.is_some_and(|part| !part.restrict_dst);
    let on_gpu = !call.gpu.is_null() && points > 0 && begin < end && crate::gpu::active()?;
    // The host writes the destination (making its host copy current first, which
    // may copy it back from the device) only where it writes something: a rank
    // with no rows of the launch leaves a device-resident array alone.
    if !on_gpu || partial_dst {
        if let Some(dst) = dst {
            if call.mode == MODE_REDUCE_AXIS {
                let item = elem_size(dst.dtype)?;
                let dst_strides = array::strides(dst);
                // A distributed destination: only the rows this rank computes.
                let mut shape = array::shape(dst).to_vec();
                let mut data = dst.data;
                if let (Some(part), false) = (part.filter(|part| part.restrict_dst), shape.is_empty()) {
                    shape[0] = part.range.1 - part.range.0;
                    data = data.wrapping_offset(part.range.0 as isize * dst_strides[0] as isize * item as isize);
                }
                if shape_size(&shape) > 0 {
                    crate::gpu::host_write(dst)?;
                    array::for_each_index(&shape, |index| {
                        let ptr = array::offset_ptr(data, dst_strides, index, item);
                        unsafe { array::write_bits(ptr, dst.dtype, identity) };
                    });
                }
            } else if points > 0 && begin < end {
                crate::gpu::host_write(dst)?;
            }
        }
    }
    if on_gpu {
        if mode_reduces_all(call.mode) && call.acc.is_null() {
            return Err(RtError::internal("reduce-all without accumulator"));
        }
        let mut descs: Vec<Option<&ArrayDesc>> = vec![dst];
        descs.extend(inputs.iter().map(|input| Some(*input)));
        let prepared = crate::gpu::Prepared {
            call,
            descs,
            space: &space,
            ptrs: &ptrs,
            strides: &strides,
            begin,
            end,
            identity,
            overlaps,
        };
        return unsafe { crate::gpu::launch(&prepared, call.gpu, call.n_scalars) };
    }
    if mode_reduces_all(call.mode) {
        if call.acc.is_null() {
            return Err(RtError::internal("reduce-all without accumulator"));
        }
        unsafe { *call.acc = identity };
    }
    if points == 0 || begin >= end {
        return Ok(());
    }
    // On the host: the inputs' host copies must be current (the destination's is).
    for (i, input) in inputs.iter().enumerate() {
        if call.outputs().contains(&i) {
            crate::gpu::host_write(input)?;
        } else {
            crate::gpu::host_read(input)?;
        }
    }

    // An overlapping store runs into temporaries first: row blocks written back as soon
    // as no row still to compute reads them (`lagged`), or one temporary of all its rows.
    if let (true, Some(dst), true) = (overlaps, dst, rank > 0) {
        let reads: Vec<Read> = inputs
            .iter()
            .enumerate()
            .filter(|(_, input)| input.buffer == dst.buffer)
            .map(|(i, input)| Read {
                data: input.data,
                strides: strides[(1 + i) * rank..(2 + i) * rank].to_vec(),
                item: elem_size(input.dtype).unwrap_or(8),
            })
            .collect();
        let lagged = Lagged { call, dst, space: &space, ptrs: &ptrs, strides: &strides, reads, begin, end, identity };
        let part_points = points / extent.max(1) * (end - begin);
        let chunks: Vec<(i64, i64)> =
            chunk_ranges(end - begin, part_points, true).into_iter().map(|(b, e)| (b + begin, e + begin)).collect();
        return unsafe { lagged.run(&chunks) };
    }
    // A 0-d store overlapping an input (a view of one element of it): one element first.
    let mut temporary: Option<*mut ArrayDesc> = None;
    if let (true, Some(dst)) = (overlaps, dst) {
        let temp = array::alloc_array_uninit(dst.dtype, &space)?;
        ptrs[0] = unsafe { &*temp }.data;
        temporary = Some(temp);
    }

    let zero = [0i64; 1];
    let kernel_call = KernelCall {
        kernel: call.kernel,
        shape: if rank == 0 { zero.as_ptr() } else { space.as_ptr() },
        ptrs: ptrs.as_ptr(),
        strides: if strides.is_empty() { zero.as_ptr() } else { strides.as_ptr() },
        scalars: call.scalars,
    };
    let splittable = rank > 0 && !(call.mode == MODE_REDUCE_AXIS && call.axis == 0);
    let part_points = points / extent.max(1) * (end - begin);
    let chunks: Vec<(i64, i64)> =
        chunk_ranges(end - begin, part_points, splittable).into_iter().map(|(b, e)| (b + begin, e + begin)).collect();
    if rank > 0 && mode_reduces_all(call.mode) && call.op == REDUCE_SUM && matches!(call.dtype, DTYPE_F64 | DTYPE_F32) {
        // Float sums: pairwise over leaves, as NumPy sums, so that the rounding error
        // grows with the logarithm of the length, not the length (a variance of values
        // near 2**64 came out 4x NumPy's with one running sum). The tree depends on the
        // iteration space only, so the result does not change with the thread count.
        let inner = space[rank - 1];
        let row_points = (points / extent.max(1)).max(1);
        // A vectorised inner loop already keeps one running sum per lane.
        let leaf_points = if inner >= 64 { 2048 } else { 128 };
        let leaf_rows = (leaf_points / row_points).max(1);
        let parallel = points >= PARALLEL_THRESHOLD && rayon::current_num_threads() > 1;
        let total = unsafe { pairwise_sum(&kernel_call, begin, end, leaf_rows, row_points, parallel, call.dtype, identity) };
        unsafe { *call.acc = total };
    } else if chunks.len() == 1 {
        let mut scratch = identity;
        let acc = if mode_reduces_all(call.mode) { call.acc } else { &mut scratch as *mut u64 };
        unsafe { kernel_call.run(begin, end, acc) };
    } else if mode_reduces_all(call.mode) {
        let partials: Vec<u64> = chunks
            .par_iter()
            .map(|&(begin, end)| {
                let mut partial = identity;
                unsafe { kernel_call.run(begin, end, &mut partial) };
                partial
            })
            .collect();
        let mut partials = partials.into_iter();
        let first = partials.next().unwrap_or(identity);
        let total = partials.fold(first, |a, b| combine_bits(call.op, call.dtype, a, b));
        unsafe { *call.acc = total };
    } else {
        chunks.par_iter().for_each(|&(begin, end)| {
            let mut scratch = identity;
            unsafe { kernel_call.run(begin, end, &mut scratch) };
        });
    }

    if let (Some(temp), Some(dst)) = (temporary, dst) {
        unsafe { array::copy_strided(dst.data, &[], (*temp).data, &[], &[], elem_size(dst.dtype)?) };
        unsafe { array::release(temp) };
    }
    Ok(())
}

/// An input that shares the destination's buffer: where it lies, with its strides over the
/// iteration space (0 where broadcast).
struct Read {
    data: *mut u8,
    strides: Vec<i64>,
    item: usize,
}

/// The bytes `[low, high)` that rows `[r0, r1)` of the iteration space `space` touch through
/// a view at `data` with these strides.
fn rows_bytes(data: *const u8, strides: &[i64], item: usize, space: &[i64], r0: i64, r1: i64) -> Option<(usize, usize)> {
    if r0 >= r1 {
        return None;
    }
    let mut rows = space.to_vec();
    rows[0] = r1 - r0;
    array::byte_range(data.wrapping_offset(r0 as isize * strides[0] as isize * item as isize), &rows, strides, item)
}

fn intersect(a: Option<(usize, usize)>, b: Option<(usize, usize)>) -> bool {
    matches!((a, b), (Some((alo, ahi)), Some((blo, bhi))) if alo < bhi && blo < ahi)
}

/// Bytes of each row block's temporary (a few of them per thread stay in cache).
const LAGGED_BLOCK_BYTES: usize = 128 << 10;

/// The most block temporaries a thread keeps between launches.
const LAGGED_POOL: usize = 8;

thread_local! {
    /// Each thread's block temporaries, kept from launch to launch: fresh ones every launch
    /// cost page faults, and the allocator's returns of them to the OS (`munmap`) make every
    /// other thread of the process flush its TLB, which took heat's in-place sweep on 16
    /// threads from 0.05 s to 0.36 s.
    static BLOCK_POOL: std::cell::RefCell<Vec<Vec<u64>>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// A block temporary of `words` words from this thread's pool, or a new one.
fn pooled_block(words: usize) -> Vec<u64> {
    BLOCK_POOL.with(|pool| {
        let mut pool = pool.borrow_mut();
        match pool.iter().position(|t| t.len() == words) {
            Some(i) => pool.swap_remove(i),
            None => vec![0u64; words],
        }
    })
}

/// Gives block temporaries back to this thread's pool (the surplus is freed).
fn return_blocks(temps: impl IntoIterator<Item = Vec<u64>>) {
    BLOCK_POOL.with(|pool| {
        let mut pool = pool.borrow_mut();
        for temp in temps {
            if pool.len() < LAGGED_POOL {
                pool.push(temp);
            }
        }
    })
}

/// A store whose destination overlaps what it reads (an in-place stencil, `c[1:] = c[:-1]`):
/// each chunk of axis 0 computes blocks of rows into small temporaries and writes a block
/// back into the destination once no row still to compute, of this chunk or of any
/// other, reads its bytes; the blocks that others may read (at the chunk's edges, or all of
/// them when the reads run against the rows) wait until every chunk has finished. NumPy's
/// evaluate-then-assign holds, and memory sees one read and one write per point instead of
/// the two of a whole temporary copied back.
struct Lagged<'a> {
    call: &'a Launch<'a>,
    dst: &'a ArrayDesc,
    space: &'a [i64],
    ptrs: &'a [*mut u8],
    strides: &'a [i64],
    reads: Vec<Read>,
    begin: i64,
    end: i64,
    identity: u64,
}

/// A computed block: rows `[a, b)` in `temp`.
struct Block {
    a: i64,
    b: i64,
    temp: Vec<u64>,
}

// SAFETY: the descriptors and argument arrays outlive the chunks, which write disjoint rows
// of the destination and only bytes that no other chunk reads until all have joined.
unsafe impl Send for Lagged<'_> {}
unsafe impl Sync for Lagged<'_> {}
unsafe impl Send for Block {}

impl Lagged<'_> {
    fn item(&self) -> usize {
        elem_size(self.dst.dtype).unwrap_or(8)
    }

    /// Elements in one row of the iteration space (the product of the other axes).
    fn row_elems(&self) -> i64 {
        self.space[1..].iter().product()
    }

    fn dst_bytes(&self, a: i64, b: i64) -> Option<(usize, usize)> {
        rows_bytes(self.dst.data, array::strides(self.dst), self.item(), self.space, a, b)
    }

    fn read_by(&self, r0: i64, r1: i64, bytes: Option<(usize, usize)>) -> bool {
        self.reads.iter().any(|read| intersect(bytes, rows_bytes(read.data, &read.strides, read.item, self.space, r0, r1)))
    }

    /// Whether rows outside `[lo, hi)` (of other chunks) read these bytes.
    fn read_outside(&self, lo: i64, hi: i64, bytes: Option<(usize, usize)>) -> bool {
        self.read_by(self.begin, lo, bytes) || self.read_by(hi, self.end, bytes)
    }

    unsafe fn write_back(&self, block: &Block) {
        let item = self.item();
        let dst_strides = array::strides(self.dst);
        let mut rows = self.space.to_vec();
        rows[0] = block.b - block.a;
        let to = self.dst.data.wrapping_offset(block.a as isize * dst_strides[0] as isize * item as isize);
        let temp_strides = array::contiguous_strides(&rows);
        unsafe { array::copy_strided(to, dst_strides, block.temp.as_ptr() as *const u8, &temp_strides, &rows, item) };
    }

    /// Runs rows `[lo, hi)`; returns the partial reduction and the blocks to write back
    /// once every chunk has finished.
    unsafe fn chunk(&self, lo: i64, hi: i64) -> (u64, Vec<Block>) {
        let item = self.item();
        let rank = self.space.len();
        let row_bytes = (self.row_elems().max(1) as usize) * item;
        let block_rows = (LAGGED_BLOCK_BYTES / row_bytes).max(1) as i64;
        let words = (block_rows as usize * row_bytes).div_ceil(8);
        let mut ptrs = self.ptrs.to_vec();
        let mut strides = self.strides.to_vec();
        let mut block_shape = self.space.to_vec();
        block_shape[0] = block_rows;
        strides[..rank].copy_from_slice(&array::contiguous_strides(&block_shape));
        let mut acc = self.identity;
        let mut pending: std::collections::VecDeque<Block> = Default::default();
        let mut deferred = Vec::new();
        let mut pool: Vec<Vec<u64>> = Vec::new();
        let mut a = lo;
        while a < hi {
            let b = (a + block_rows).min(hi);
            let mut temp = pool.pop().unwrap_or_else(|| pooled_block(words));
            // The kernel indexes rows absolutely: shift the base so that row `a` is the
            // temporary's first.
            ptrs[0] = (temp.as_mut_ptr() as *mut u8).wrapping_offset(-(a as isize * row_bytes as isize));
            let call = KernelCall {
                kernel: self.call.kernel,
                shape: self.space.as_ptr(),
                ptrs: ptrs.as_ptr(),
                strides: strides.as_ptr(),
                scalars: self.call.scalars,
            };
            unsafe { call.run(a, b, &mut acc) };
            pending.push_back(Block { a, b, temp });
            while let Some(front) = pending.front() {
                let bytes = self.dst_bytes(front.a, front.b);
                if self.read_by(b, hi, bytes) {
                    break;
                }
                let front = pending.pop_front().expect("front exists");
                if self.read_outside(lo, hi, bytes) {
                    deferred.push(front);
                } else {
                    unsafe { self.write_back(&front) };
                    pool.push(front.temp);
                }
            }
            a = b;
        }
        for block in pending {
            if self.read_outside(lo, hi, self.dst_bytes(block.a, block.b)) {
                deferred.push(block);
            } else {
                unsafe { self.write_back(&block) };
                pool.push(block.temp);
            }
        }
        return_blocks(pool);
        (acc, deferred)
    }

    unsafe fn run(&self, chunks: &[(i64, i64)]) -> RtResult<()> {
        let results: Vec<(u64, Vec<Block>)> = if chunks.len() == 1 {
            vec![unsafe { self.chunk(chunks[0].0, chunks[0].1) }]
        } else {
            chunks.par_iter().map(|&(lo, hi)| unsafe { self.chunk(lo, hi) }).collect()
        };
        // The blocks that other chunks read, now that all have run: disjoint rows, written
        // back in parallel (with many threads, chunks are short and a large share of their
        // blocks is at an edge: written back by one thread, they took heat's 16-thread
        // sweep to its one-thread time).
        let deferred: Vec<&Block> = results.iter().flat_map(|(_, d)| d.iter()).collect();
        if deferred.len() > 1 {
            deferred.par_iter().for_each(|block| unsafe { self.write_back(block) });
        } else if let Some(block) = deferred.first() {
            unsafe { self.write_back(block) };
        }
        let mut total: Option<u64> = None;
        for (partial, deferred) in results {
            return_blocks(deferred.into_iter().map(|block| block.temp));
            total = Some(match total {
                None => partial,
                Some(acc) => combine_bits(self.call.op, self.call.dtype, acc, partial),
            });
        }
        if mode_reduces_all(self.call.mode) {
            if self.call.acc.is_null() {
                return Err(RtError::internal("reduce-all without accumulator"));
            }
            unsafe { *self.call.acc = total.unwrap_or(self.identity) };
        }
        Ok(())
    }
}
