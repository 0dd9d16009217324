//! Distributed arrays: blocks of rows over the ranks, with ghost rows.
//!
//! A distributed array is split along its axis 0 ("rows") by a *template*: a
//! row space of `t` rows split into `P` nearly equal blocks, rank `q` owning
//! template rows `[t*q/P, t*(q+1)/P)` (`Template::Even`), or into blocks an
//! operation found at run time (`Template::Var`: a mask's selection keeps on each
//! rank what it selected there, [`var_rows`]). The array's row `i` is template row
//! `i + off`, so arrays aligned to one template (`work` with `grid[1:-1]`) have
//! their matching rows on the same rank. Each rank stores the rows it owns plus
//! up to `ghost` rows on each side (copies of its neighbours' rows).
//!
//! Descriptors keep global coordinates: `data` is the address row 0 would
//! have (the *origin*), so views, strides and generated kernels address the
//! held rows with global indices and need no translation. Only held rows may
//! be dereferenced; everything that reads rows another rank owns goes through
//! this module:
//! - [`launch`] runs a kernel on the rows of its destination this rank owns
//!   (owner computes), refreshes ghost rows when a read needs them and a
//!   neighbour wrote them since the last exchange, fetches other rows a read
//!   needs point to point, and combines reduction partials in rank order;
//! - [`replicated`] gathers a whole view on every rank for operations with no
//!   distributed version (sort, printing, files...); [`write_back`] stores the
//!   result of an in-place one.
//!
//! How each new array is laid out (replicated, or rows with how many ghost rows,
//! lined up with which operand) is the compiler's plan (`plan::made_here`); this
//! module chooses none of it. What a launch then sends follows from the layouts:
//! ghost rows are exchanged only when a neighbour wrote them since the last
//! exchange (the plan's "exchange if dirty"), and in checking mode every
//! communication is held to the current statement's plan (`plan::check`).
//!
//! Every decision here depends only on shapes, views, the operation sequence
//! and the blocks of `Template::Var` arrays, which are the same on every rank
//! (the blocks are made from counts gathered from all ranks), so all ranks take
//! part in the same messages. Where what moves depends on the values (`a[idx]`:
//! [`take_rows`]), the counts are exchanged before the data (`comm::alltoallv`),
//! so every rank still knows what it receives.

use std::sync::atomic::{AtomicU64, Ordering};

use runtime_abi::{ArrayDesc, MODE_REDUCE_ALL, MODE_REDUCE_AXIS, MODE_STORE_REDUCE};

use crate::array::{self, Buffer, Dist, Template};
use crate::comm::{self, Message};
use crate::errors::{RtError, RtResult};
use crate::launch::{self, Launch, Part};
use crate::memory;
use crate::plan;
use runtime_abi::plan_table::{PlannedComm, PlannedLayout};

impl Dist {
    fn new(
        n0: i64,
        t: Template,
        off: i64,
        ghost: i64,
        row_bytes: usize,
        item: usize,
        array: u32,
    ) -> Dist {
        let mut dist = Dist {
            n0,
            t,
            off,
            ghost,
            row_bytes,
            item,
            held: (0, 0),
            valid: true,
            origin: std::ptr::null_mut(),
            array,
        };
        dist.held = dist.held_of(comm::rank());
        dist
    }

    /// The rows rank `q` owns.
    pub fn own_of(&self, q: i64) -> (i64, i64) {
        let (lo, hi) = match &self.t {
            Template::Even(t) => runtime_abi::even_block(*t, q, comm::size()),
            Template::Var(bounds) => (bounds[q as usize], bounds[q as usize + 1]),
        };
        let lo = (lo - self.off).clamp(0, self.n0);
        let hi = (hi - self.off).clamp(0, self.n0);
        (lo, hi.max(lo))
    }

    /// The rows rank `q` stores: its own block and up to `ghost` rows each side.
    pub fn held_of(&self, q: i64) -> (i64, i64) {
        let (lo, hi) = self.own_of(q);
        if lo >= hi {
            return (lo, lo);
        }
        ((lo - self.ghost).max(0), (hi + self.ghost).min(self.n0))
    }

    /// The rank owning `row`.
    pub fn owner(&self, row: i64) -> i64 {
        (0..comm::size()).find(|&q| within(row, self.own_of(q))).unwrap_or(0)
    }

    fn row_ptr(&self, row: i64) -> *mut u8 {
        self.origin.wrapping_add(row as usize * self.row_bytes)
    }
}

fn within(row: i64, (lo, hi): (i64, i64)) -> bool {
    lo <= row && row < hi
}

fn intersect(a: (i64, i64), b: (i64, i64)) -> Option<(i64, i64)> {
    let lo = a.0.max(b.0);
    let hi = a.1.min(b.1);
    (lo < hi).then_some((lo, hi))
}

fn contains(outer: (i64, i64), inner: (i64, i64)) -> bool {
    outer.0 <= inner.0 && inner.1 <= outer.1
}

/// Communication counters, printed by `lt_finalize` when `LEGATEC_COMM_STATS` is set.
pub static HALO_EXCHANGES: AtomicU64 = AtomicU64::new(0);
pub static MESSAGES: AtomicU64 = AtomicU64::new(0);
pub static BYTES: AtomicU64 = AtomicU64::new(0);
pub static FETCHES: AtomicU64 = AtomicU64::new(0);
pub static GATHERS: AtomicU64 = AtomicU64::new(0);
pub static ALLREDUCES: AtomicU64 = AtomicU64::new(0);
pub static SHUFFLES: AtomicU64 = AtomicU64::new(0);

fn count_sends(sends: &[Message]) {
    MESSAGES.fetch_add(sends.len() as u64, Ordering::Relaxed);
    BYTES.fetch_add(sends.iter().map(|m| m.len as u64).sum(), Ordering::Relaxed);
}

/// How the rows of a view map to its axes: view index `k` along `axis` is
/// base row `row0 + k * step`; `axis: None` means every element of the view
/// lies in row `row0`.
#[derive(Clone, Copy, Debug)]
pub struct Rows {
    pub axis: Option<usize>,
    pub row0: i64,
    pub step: i64,
}

/// The row mapping of a view of a distributed buffer.
pub fn rows_of(desc: &ArrayDesc, dist: &Dist) -> Rows {
    let row_elems = (dist.row_bytes / dist.item) as i64;
    let elem_offset = (desc.data as isize - dist.origin as isize) as i64 / dist.item as i64;
    let row0 = elem_offset.div_euclid(row_elems);
    let shape = array::shape(desc);
    let strides = array::strides(desc);
    let axis = (0..shape.len()).find(|&d| shape[d] > 1 && strides[d] != 0 && strides[d] % row_elems == 0);
    Rows { axis, row0, step: axis.map_or(1, |d| strides[d] / row_elems) }
}

/// The span of base rows covered by the view indices `[b, e)` along the row
/// axis (or the whole view when the row axis is not the one restricted).
fn row_span(rows: &Rows, extent: i64, range: Option<(i64, i64)>) -> Option<(i64, i64)> {
    match rows.axis {
        None => Some((rows.row0, rows.row0 + 1)),
        Some(_) => {
            let (b, e) = range.unwrap_or((0, extent));
            if b >= e {
                return None;
            }
            let first = rows.row0 + b * rows.step;
            let last = rows.row0 + (e - 1) * rows.step;
            Some((first.min(last), first.max(last) + 1))
        }
    }
}

/// The view indices `k` in `[0, extent)` whose rows `row0 + k * step` lie in `own`.
fn owned_indices(rows: &Rows, extent: i64, own: (i64, i64)) -> (i64, i64) {
    let (lo, hi) = own;
    if lo >= hi {
        return (0, 0);
    }
    let (b, e) = if rows.step > 0 {
        (ceil_div(lo - rows.row0, rows.step), ceil_div(hi - rows.row0, rows.step))
    } else {
        let t = -rows.step;
        ((rows.row0 - hi).div_euclid(t) + 1, (rows.row0 - lo).div_euclid(t) + 1)
    };
    let b = b.clamp(0, extent);
    let e = e.clamp(0, extent);
    (b, e.max(b))
}

fn ceil_div(a: i64, b: i64) -> i64 {
    -((-a).div_euclid(b))
}

/// Whether a new array of `shape` can be distributed: only with several ranks, at
/// least one axis, and non-empty rows. Its bytes per row if so.
fn distributable(shape: &[i64], item: usize) -> Option<usize> {
    // A negative extent is left to the allocation's ValueError, as on one process.
    if comm::size() < 2 || shape.is_empty() || shape.iter().any(|&d| d < 0) {
        return None;
    }
    let row_bytes = shape[1..].iter().product::<i64>() as usize * item;
    (row_bytes > 0).then_some(row_bytes)
}

/// What the plan says of the array the current statement makes, when it is laid out by
/// rows: its plan id, ghost rows, and the operand its rows line up with.
fn planned_rows() -> Option<(u32, i64, Option<u32>)> {
    let made = plan::made_here()?;
    match made.layout {
        PlannedLayout::Replicated => None,
        PlannedLayout::Rows { ghost, along } => Some((made.array, i64::from(ghost), along)),
    }
}

/// A new array made by the current statement, laid out as its plan says; `template`
/// is where the operand the plan names puts its rows, if that operand allows it.
fn alloc_planned(
    dtype: i64,
    shape: &[i64],
    template: impl FnOnce(Option<u32>) -> Option<(Template, i64)>,
) -> RtResult<*mut ArrayDesc> {
    let dist = planned_dist(dtype, shape, template)?;
    array::alloc_rows(dtype, shape, false, dist)
}

/// A new array (`np.empty`), laid out as the current statement's plan says.
pub fn alloc(dtype: i64, shape: &[i64]) -> RtResult<*mut ArrayDesc> {
    alloc_planned(dtype, shape, |_| None)
}

/// The layout of a new array made by the current statement: by rows with the plan's
/// ghost rows, on template `(t, off)` where `template` gives one (else its own rows split
/// evenly); `None` (replicated) where the plan says so or the array cannot be distributed.
fn planned_dist(
    dtype: i64,
    shape: &[i64],
    template: impl FnOnce(Option<u32>) -> Option<(Template, i64)>,
) -> RtResult<Option<Dist>> {
    let Some((array, ghost, along)) = planned_rows() else { return Ok(None) };
    let item = array::elem_size(dtype)?;
    let Some(row_bytes) = distributable(shape, item) else { return Ok(None) };
    let (t, off) = template(along).unwrap_or((Template::Even(shape[0]), 0));
    // This rank stores a share; the program fails where NumPy, holding the whole array
    // in one process, would (a byte count past int64 is `alloc_rows`' ValueError).
    if let Some(total) = row_bytes.checked_mul(shape[0] as usize).filter(|&total| total <= i64::MAX as usize) {
        if comm::size() > 1 && !memory::whole_could_fit(total) {
            return Err(memory::array_error(total as u64, shape, dtype));
        }
    }
    Ok(Some(Dist::new(shape[0], t, off, ghost, row_bytes, item, array)))
}

/// The template row of view index 0 along the row axis, for views whose row
/// axis is axis 0 with step 1 (those a new array can align with; a view of at most one
/// row counts as one).
fn template_start(desc: &ArrayDesc) -> Option<(Template, i64)> {
    let dist = array::dist_of(desc)?;
    let rows = rows_along_axis0(desc, dist)?;
    Some((dist.t.clone(), dist.off + rows.row0))
}

/// A new array of the broadcast shape `shape` of `inputs`, laid out as the current
/// statement's plan says: lined up with the input it names where that input's axis 0 is
/// its row axis and has as many rows.
///
/// With `reuse = Some(i)`, the compiler has found that `inputs[i]` is last used by the
/// kernel that fills the new array, and reads it only at the point it writes: when that
/// input is the sole reference to its whole buffer, of this dtype, shape and layout, the
/// new array is that input itself (one more reference; the kernel then runs in place).
///
/// # Safety
/// The descriptors must be live.
pub unsafe fn alloc_broadcast(
    dtype: i64,
    inputs: &[*mut ArrayDesc],
    shape: &[i64],
    reuse: Option<usize>,
) -> RtResult<*mut ArrayDesc> {
    let mut descs = Vec::with_capacity(inputs.len());
    for &input in inputs {
        descs.push(unsafe { array::desc_ref(input) }?);
    }
    let dist = planned_dist(dtype, shape, |along| {
        let input = descs.get(along? as usize)?;
        (input.ndim as usize == shape.len() && !shape.is_empty() && input.shape[0] == shape[0]).then_some(())?;
        template_start(input)
    })?;
    if let Some(&candidate) = reuse.and_then(|i| inputs.get(i)) {
        if unsafe { array::take_over(candidate, dtype, shape, dist.as_ref()) } {
            return Ok(candidate);
        }
    }
    array::alloc_rows(dtype, shape, false, dist)
}

/// Whether the current statement's plan lays out what it makes by rows (a statement whose
/// result's row count is known only at run time then splits it as its rows fall).
pub fn planned_by_rows() -> bool {
    comm::size() > 1 && planned_rows().is_some()
}

/// The indices `[lo, hi)` along axis 0 that each rank works on for an operation that reads
/// `desc` by rows, increasing with the rank: its own rows where it is split along axis 0
/// with a positive step, else an even share.
pub fn row_shares(desc: &ArrayDesc) -> Vec<(i64, i64)> {
    // Own rows only where they run forward: results are laid out rank after rank.
    let forward = array::dist_of(desc).is_some_and(|dist| rows_of(desc, dist).step > 0);
    if let Some(ranges) = split_ranges(desc, 0).filter(|_| forward) {
        return ranges;
    }
    // A distributed view of at most one row has no row axis of its own: its row lies
    // with the rank that owns it (not in an even share, which another rank may not hold).
    if let Some(rows) = array::dist_of(desc).and_then(|dist| rows_along_axis0(desc, dist).map(|rows| (rows, dist))) {
        if comm::size() > 1 {
            let (rows, dist) = rows;
            return (0..comm::size()).map(|q| owned_indices(&rows, desc.shape[0], dist.own_of(q))).collect();
        }
    }
    let n = array::shape(desc).first().copied().unwrap_or(0);
    let p = comm::size();
    (0..p).map(|q| (n * q / p, n * (q + 1) / p)).collect()
}

/// The array made by the current statement whose rows are, rank after rank, the rows each
/// rank found (`local`, a plain C-contiguous array of any row count with the result's row
/// shape; released here): split by rows as they fall (a `Template::Var` of the gathered
/// counts), with the plan's ghost rows. Every rank calls it.
///
/// # Safety
/// `local` must be a live, plain, C-contiguous descriptor this call may release.
pub unsafe fn var_rows(local: *mut ArrayDesc) -> RtResult<*mut ArrayDesc> {
    let l = unsafe { array::desc_ref(local) }?;
    let shape = array::shape(l).to_vec();
    let dtype = l.dtype;
    // The counts, one value per rank (planned as an allreduce).
    plan::check(PlannedComm::Allreduce)?;
    ALLREDUCES.fetch_add(1, Ordering::Relaxed);
    let counts = comm::allgather_u64(shape[0] as u64);
    let mut bounds = Vec::with_capacity(counts.len() + 1);
    bounds.push(0i64);
    for &c in &counts {
        bounds.push(bounds[bounds.len() - 1] + c as i64);
    }
    let mut global = shape.clone();
    global[0] = bounds[counts.len()];
    let item = array::elem_size(dtype)?;
    let row_bytes = shape[1..].iter().product::<i64>() as usize * item;
    let Some((array, ghost, _)) = planned_rows() else {
        // Wanted whole on every rank: every rank's rows to every rank.
        let out = array::alloc_array_uninit(dtype, &global)?;
        let mine = unsafe { std::slice::from_raw_parts(l.data, shape[0] as usize * row_bytes) }.to_vec();
        if comm::size() > 1 {
            if let Some(made) = plan::made_here() {
                plan::check(PlannedComm::Gather(made.array))?;
            }
            GATHERS.fetch_add(1, Ordering::Relaxed);
        }
        let sends = vec![mine; comm::size() as usize];
        count_shuffle(&sends);
        let mut at = unsafe { (*out).data };
        for part in comm::alltoallv(sends) {
            unsafe { std::ptr::copy_nonoverlapping(part.as_ptr(), at, part.len()) };
            at = at.wrapping_add(part.len());
        }
        unsafe { array::release(local) };
        return Ok(out);
    };
    let out = if row_bytes == 0 || comm::size() < 2 {
        array::alloc_array_uninit(dtype, &global)?
    } else {
        let dist = Dist::new(global[0], Template::Var(bounds.into()), 0, ghost, row_bytes, item, array);
        array::alloc_rows(dtype, &global, false, Some(dist))?
    };
    let out_ref = unsafe { &*out };
    match array::dist_of(out_ref) {
        Some(dist) => {
            let own = dist.own_of(comm::rank());
            let len = (own.1 - own.0) as usize * row_bytes;
            unsafe { std::ptr::copy_nonoverlapping(l.data, dist.row_ptr(own.0), len) };
            wrote_own_rows(out_ref);
        }
        // One rank, or rows of no bytes: the local rows are the whole.
        None => {
            let len = array::shape_size(&global) as usize * item;
            if len > 0 {
                unsafe { std::ptr::copy_nonoverlapping(l.data, out_ref.data, len) };
            }
        }
    }
    unsafe { array::release(local) };
    Ok(out)
}

/// Copies rows `positions` (view indices along axis 0 of `a`, in range) into `dst`, one
/// C-contiguous row after another. A distributed `a` whose rows are its axis 0 has each
/// row sent by its owner: the positions go to the owners, the rows come back (two
/// all-to-alls, counts first); any other `a` is read where it lies, gathered first when it
/// is distributed some other way. Every rank calls it, each with its own positions.
///
/// # Safety
/// `a` must be live; `dst` must hold `positions.len()` rows of `a`.
pub unsafe fn take_rows(a: *mut ArrayDesc, positions: &[i64], dst: *mut u8) -> RtResult<()> {
    let a_ref = unsafe { array::desc_ref(a) }?;
    let item = array::elem_size(a_ref.dtype)?;
    let row_shape = array::shape(a_ref)[1..].to_vec();
    let row_strides = array::strides(a_ref)[1..].to_vec();
    let contiguous = array::contiguous_strides(&row_shape);
    let row_bytes = array::shape_size(&row_shape) as usize * item;
    let stride0 = array::strides(a_ref)[0] as isize * item as isize;
    let dense = row_strides == contiguous;
    // A row of one 8-byte element (a frame's column) moves as a word, not a `memcpy` call.
    let copy_dense = |src: *const u8, to: *mut u8| unsafe {
        if row_bytes == 8 {
            (to as *mut u64).write_unaligned((src as *const u64).read_unaligned());
        } else {
            std::ptr::copy_nonoverlapping(src, to, row_bytes);
        }
    };
    let copy_row = |from: &ArrayDesc, pos: i64, to: *mut u8| unsafe {
        let src = from.data.wrapping_offset(pos as isize * stride0);
        if dense {
            copy_dense(src, to);
        } else {
            array::copy_strided(to, &contiguous, src, &row_strides, &row_shape, item);
        }
    };
    // At most one row has no row axis of its own (`rows_along_axis0`).
    let by_rows = array::dist_of(a_ref)
        .map(|dist| {
            let mut rows = rows_of(a_ref, dist);
            if rows.axis.is_none() && a_ref.ndim >= 1 && a_ref.shape[0] <= 1 {
                rows = Rows { axis: Some(0), row0: rows.row0, step: 1 };
            }
            (rows, dist)
        })
        .filter(|(rows, _)| rows.axis == Some(0));
    let Some((rows, dist)) = by_rows else {
        let whole = unsafe { replicated(a) }?;
        let result = (|| {
            let whole_ref = unsafe { &*whole };
            crate::gpu::host_read(whole_ref)?;
            for (k, &pos) in positions.iter().enumerate() {
                copy_row(whole_ref, pos, dst.wrapping_add(k * row_bytes));
            }
            Ok(())
        })();
        unsafe { array::release(whole) };
        return result;
    };
    let p = comm::size() as usize;
    let his: Vec<i64> = (0..p as i64).map(|q| dist.own_of(q).1).collect();
    // Each position's owner, then the requests grouped by owner (sized before filled).
    let owners: Vec<u32> =
        positions.iter().map(|&pos| his.partition_point(|&hi| hi <= rows.row0 + pos * rows.step).min(p - 1) as u32).collect();
    // Rows this rank holds are copied where they lie, without a request.
    let me = comm::rank() as usize;
    let mut counts = vec![0usize; p];
    for &q in &owners {
        counts[q as usize] += 1;
    }
    counts[me] = 0;
    let mut requests: Vec<Vec<u8>> = counts.iter().map(|&c| Vec::with_capacity(8 * c)).collect();
    for (&q, &pos) in owners.iter().zip(positions) {
        if q as usize != me {
            requests[q as usize].extend_from_slice(&pos.to_ne_bytes());
        }
    }
    plan::check(PlannedComm::Shuffle(dist.array))?;
    SHUFFLES.fetch_add(1, Ordering::Relaxed);
    count_shuffle(&requests);
    let asked = comm::alltoallv(requests);
    crate::gpu::host_read(a_ref)?;
    let answers: Vec<Vec<u8>> = asked
        .iter()
        .map(|words| {
            let mut out = Vec::<u8>::with_capacity(words.len() / 8 * row_bytes);
            for (j, word) in words.chunks_exact(8).enumerate() {
                let pos = i64::from_ne_bytes(word.try_into().expect("8 bytes"));
                copy_row(a_ref, pos, out.as_mut_ptr().wrapping_add(j * row_bytes));
            }
            // SAFETY: every row was written.
            unsafe { out.set_len(words.len() / 8 * row_bytes) };
            out
        })
        .collect();
    count_shuffle(&answers);
    let got = comm::alltoallv(answers);
    let mut next = vec![0usize; p];
    for (k, &q) in owners.iter().enumerate() {
        let q = q as usize;
        if q == me {
            copy_row(a_ref, positions[k], dst.wrapping_add(k * row_bytes));
            continue;
        }
        copy_dense(unsafe { got[q].as_ptr().add(next[q] * row_bytes) }, unsafe { dst.add(k * row_bytes) });
        next[q] += 1;
    }
    Ok(())
}

/// Counts what a shuffle sends to other ranks.
pub fn count_shuffle(sends: &[Vec<u8>]) {
    let me = comm::rank() as usize;
    let others = sends.iter().enumerate().filter(|&(q, s)| q != me && !s.is_empty());
    for (_, s) in others {
        count_message(s.len());
    }
}

/// Counts one message of `bytes` to another rank (in the statistics).
pub fn count_message(bytes: usize) {
    MESSAGES.fetch_add(1, Ordering::Relaxed);
    BYTES.fetch_add(bytes as u64, Ordering::Relaxed);
}

/// A new array of `shape` made by the current statement, laid out as its plan says, its
/// rows lined up with those of `rows_like` (the plan's `along`) where they can be.
///
/// # Safety
/// `rows_like` must be live.
pub unsafe fn alloc_beside(dtype: i64, shape: &[i64], rows_like: &ArrayDesc) -> RtResult<*mut ArrayDesc> {
    alloc_planned(dtype, shape, |along| {
        along?;
        (!shape.is_empty() && rows_like.ndim >= 1 && rows_like.shape[0] == shape[0]).then_some(())?;
        template_start(rows_like)
    })
}

/// A new array made by the current statement whose row `i` lines up with row `i + offset`
/// of `src` (a product's result beside the rows of its matrix operand, a diagonal beside
/// the rows it comes from), laid out as the plan says.
///
/// # Safety
/// `src` must be live.
pub unsafe fn alloc_beside_rows(dtype: i64, shape: &[i64], src: &ArrayDesc, offset: i64) -> RtResult<*mut ArrayDesc> {
    alloc_planned(dtype, shape, |along| {
        along?;
        (!shape.is_empty() && src.ndim >= 1 && offset >= 0 && offset.checked_add(shape[0])? <= src.shape[0]).then_some(())?;
        template_start(src).map(|(t, off)| (t, off + offset))
    })
}

/// The indices `[lo, hi)` along axis 0 of a distributed view whose axis 0 is its rows
/// (step 1) that this rank owns.
pub fn owned_rows(desc: &ArrayDesc) -> Option<(i64, i64)> {
    let dist = array::dist_of(desc)?;
    let rows = rows_along_axis0(desc, dist)?;
    Some(owned_indices(&rows, desc.shape[0], dist.own_of(comm::rank())))
}

/// The rows of a view whose axis 0 is its row axis with step 1. A view of at most one
/// index along axis 0 has no row axis of its own: its index 0 lies in row `row0`.
fn rows_along_axis0(desc: &ArrayDesc, dist: &Dist) -> Option<Rows> {
    let mut rows = rows_of(desc, dist);
    if rows.axis.is_none() && desc.ndim >= 1 && desc.shape[0] <= 1 {
        rows = Rows { axis: Some(0), row0: rows.row0, step: 1 };
    }
    (rows.axis == Some(0) && rows.step == 1).then_some(rows)
}

/// The indices `[lo, hi)` along axis 0 of a distributed view whose axis 0 is its rows
/// (step 1) that this rank stores: its own rows and its ghost rows. A rank that writes
/// all of them with the values their owners write leaves the ghost rows current.
pub fn held_rows(desc: &ArrayDesc) -> Option<(i64, i64)> {
    let dist = array::dist_of(desc)?;
    let rows = rows_along_axis0(desc, dist)?;
    Some(owned_indices(&rows, desc.shape[0], dist.held))
}

/// After this rank wrote its own rows of `desc`: the ghost rows are stale.
pub fn wrote_own_rows(desc: &ArrayDesc) {
    if let Some(dist) = array::dist_of(desc) {
        dist.valid = dist.ghost == 0;
    }
}

/// A new array for the reduction of `src` along `axis`, laid out as the current
/// statement's plan says: lined up with `src` when the plan says so and `src`'s rows
/// stay axis 0.
///
/// # Safety
/// `src` must be live.
pub unsafe fn alloc_reduced(
    dtype: i64,
    src: &ArrayDesc,
    axis: usize,
    shape: &[i64],
) -> RtResult<*mut ArrayDesc> {
    alloc_planned(dtype, shape, |along| {
        along?;
        let dist = array::dist_of(src)?;
        let rows = rows_of(src, dist);
        match rows.axis {
            Some(a) if a != axis && a - usize::from(a > axis) == 0 && rows.step == 1 => Some((dist.t.clone(), dist.off + rows.row0)),
            _ => None,
        }
    })
}

/// A descriptor like `desc` over another copy of its rows whose row 0 would start at `origin`.
unsafe fn rebased(desc: &ArrayDesc, dist: &Dist, base: *mut ArrayDesc) -> *mut ArrayDesc {
    let base_ref = unsafe { &*base };
    let mut copy = ArrayDesc { refcount: 1, buffer: base_ref.buffer, ..*desc };
    copy.data = base_ref.data.wrapping_offset(desc.data as isize - dist.origin as isize);
    unsafe { array::retain_buffer_of(base_ref) };
    unsafe { array::release(base) };
    Box::into_raw(Box::new(copy))
}

/// Copies rows `rows` between two buffers laid out alike (`row_bytes` per row).
unsafe fn copy_rows(dst_origin: *mut u8, src_origin: *mut u8, row_bytes: usize, rows: (i64, i64)) {
    if rows.0 >= rows.1 {
        return;
    }
    let start = rows.0 as usize * row_bytes;
    let len = (rows.1 - rows.0) as usize * row_bytes;
    unsafe { std::ptr::copy(src_origin.wrapping_add(start), dst_origin.wrapping_add(start), len) };
}

/// A plain (not distributed) array of shape `(n0, row_elems)` that stores only `rows`.
fn alloc_row_range(dtype: i64, n0: i64, row_elems: i64, rows: (i64, i64)) -> RtResult<*mut ArrayDesc> {
    let item = array::elem_size(dtype)?;
    let rows = (rows.0.clamp(0, n0), rows.1.clamp(0, n0).max(rows.0.clamp(0, n0)));
    let layout = Dist {
        n0,
        t: Template::Even(n0),
        off: 0,
        ghost: 0,
        row_bytes: row_elems as usize * item,
        item,
        held: rows,
        valid: true,
        origin: std::ptr::null_mut(),
        array: plan::UNPLANNED,
    };
    let desc = array::alloc_rows(dtype, &[n0, row_elems], false, Some(layout))?;
    unsafe { (*((*desc).buffer as *mut Buffer)).dist = None };
    Ok(desc)
}

/// A copy of the view `desc` whose rows `needs[q]` are present on rank `q`,
/// sent point to point by their owners. The copy is not distributed: it is
/// read like a local array.
unsafe fn fetch(desc: &ArrayDesc, dist: &Dist, needs: &[Option<(i64, i64)>]) -> RtResult<*mut ArrayDesc> {
    let me = comm::rank();
    let mine = needs[me as usize].unwrap_or((0, 0));
    let row_elems = (dist.row_bytes / dist.item) as i64;
    let base = alloc_row_range(desc.dtype, dist.n0, row_elems, mine)?;
    let base_origin = unsafe { (*base).data };
    let own = dist.own_of(me);
    let mut sends = Vec::new();
    let mut receives = Vec::new();
    for q in 0..comm::size() {
        if q == me {
            continue;
        }
        if let Some(rows) = needs[q as usize].and_then(|need| intersect(need, own)) {
            sends.push(Message {
                peer: q,
                tag: 7,
                ptr: dist.row_ptr(rows.0),
                len: (rows.1 - rows.0) as usize * dist.row_bytes,
            });
        }
        if let Some(rows) = intersect(mine, dist.own_of(q)) {
            receives.push(Message {
                peer: q,
                tag: 7,
                ptr: base_origin.wrapping_add(rows.0 as usize * dist.row_bytes),
                len: (rows.1 - rows.0) as usize * dist.row_bytes,
            });
        }
    }
    if let Some(rows) = intersect(mine, own) {
        let start = dist.origin.wrapping_add(rows.0 as usize * dist.row_bytes);
        crate::gpu::host_read_bytes(desc, start, (rows.1 - rows.0) as usize * dist.row_bytes)?;
        unsafe { copy_rows(base_origin, dist.origin, dist.row_bytes, rows) };
    }
    for send in &sends {
        crate::gpu::host_read_bytes(desc, send.ptr, send.len)?;
    }
    count_sends(&sends);
    unsafe { comm::exchange(&sends, &receives) };
    Ok(unsafe { rebased(desc, dist, base) })
}

/// Refreshes every rank's ghost rows from their owners.
fn exchange_ghosts(desc: &ArrayDesc, dist: &mut Dist) -> RtResult<()> {
    let me = comm::rank();
    let ghost_parts = |q: i64| {
        let own = dist.own_of(q);
        let held = dist.held_of(q);
        [(held.0, own.0), (own.1, held.1)]
    };
    let own = dist.own_of(me);
    let mut sends = Vec::new();
    let mut receives = Vec::new();
    for q in 0..comm::size() {
        if q == me {
            continue;
        }
        for (side, part) in ghost_parts(q).into_iter().enumerate() {
            if let Some(rows) = intersect(part, own) {
                sends.push(Message {
                    peer: q,
                    tag: 11 + side as i32,
                    ptr: dist.row_ptr(rows.0),
                    len: (rows.1 - rows.0) as usize * dist.row_bytes,
                });
            }
        }
        for (side, part) in ghost_parts(me).into_iter().enumerate() {
            if let Some(rows) = intersect(part, dist.own_of(q)) {
                receives.push(Message {
                    peer: q,
                    tag: 11 + side as i32,
                    ptr: dist.row_ptr(rows.0),
                    len: (rows.1 - rows.0) as usize * dist.row_bytes,
                });
            }
        }
    }
    plan::check(PlannedComm::HaloExchange(dist.array))?;
    HALO_EXCHANGES.fetch_add(1, Ordering::Relaxed);
    count_sends(&sends);
    for send in &sends {
        crate::gpu::host_read_bytes(desc, send.ptr, send.len)?;
    }
    crate::gpu::trace(|| format!("halo exchange: {} sends, {} receives", sends.len(), receives.len()));
    unsafe { comm::exchange(&sends, &receives) };
    crate::gpu::trace(|| "halo exchange done".to_string());
    for receive in &receives {
        crate::gpu::host_wrote_bytes(desc, receive.ptr, receive.len)?;
    }
    dist.valid = true;
    Ok(())
}

/// Whether some rank stores any of `rows` as a ghost row.
fn in_some_ghost(dist: &Dist, rows: (i64, i64)) -> bool {
    (0..comm::size()).any(|q| {
        let own = dist.own_of(q);
        let held = dist.held_of(q);
        intersect((held.0, own.0), rows).is_some() || intersect((own.1, held.1), rows).is_some()
    })
}

/// A view of `desc` readable whole on this rank: `desc` itself (retained) when
/// it is not distributed, else a gathered copy. The caller releases it.
///
/// # Safety
/// `desc` must be live.
pub unsafe fn replicated(desc: *mut ArrayDesc) -> RtResult<*mut ArrayDesc> {
    let desc_ref = unsafe { array::desc_ref(desc) }?;
    let Some(dist) = array::dist_of(desc_ref) else {
        unsafe { array::retain(desc) };
        return Ok(desc);
    };
    // An empty view: nothing to gather, nothing moves.
    if array::shape_size(array::shape(desc_ref)) == 0 {
        return array::alloc_array_uninit(desc_ref.dtype, array::shape(desc_ref));
    }
    let rows = rows_of(desc_ref, dist);
    let extent = rows.axis.map_or(1, |d| desc_ref.shape[d]);
    let span = if array::shape_size(array::shape(desc_ref)) == 0 {
        None
    } else {
        row_span(&rows, extent, None)
    };
    plan::check(PlannedComm::Gather(dist.array))?;
    GATHERS.fetch_add(1, Ordering::Relaxed);
    let needs = vec![span; comm::size() as usize];
    unsafe { fetch(desc_ref, dist, &needs) }
}

/// After an in-place operation on `rep` (made by [`replicated`] from `desc`),
/// stores the rows this rank holds back into `desc`. Every rank computed the
/// same values, so ghost rows stay consistent.
///
/// # Safety
/// Both must be live; `rep` must come from `replicated(desc)`.
pub unsafe fn write_back(desc: *mut ArrayDesc, rep: *mut ArrayDesc) -> RtResult<()> {
    let desc_ref = unsafe { array::desc_ref(desc) }?;
    let rep_ref = unsafe { array::desc_ref(rep) }?;
    let Some(dist) = array::dist_of(desc_ref) else { return Ok(()) };
    // `rep` may have been computed on the GPU; `desc`'s host copy is current
    // (`with_replicated_mut` made it so) and its device copy stale.
    crate::gpu::host_read(rep_ref)?;
    let rows = rows_of(desc_ref, dist);
    let extent = rows.axis.map_or(1, |d| desc_ref.shape[d]);
    if array::shape_size(array::shape(desc_ref)) == 0 {
        return Ok(());
    }
    let Some(span) = row_span(&rows, extent, None) else { return Ok(()) };
    let rep_origin = rep_ref.data.wrapping_offset(-(desc_ref.data as isize - dist.origin as isize));
    if let Some(rows) = intersect(span, dist.held) {
        unsafe { copy_rows(dist.origin, rep_origin, dist.row_bytes, rows) };
    }
    Ok(())
}

/// Runs `f` on a whole copy of `desc` on every rank, then writes the rows
/// this rank holds back (for in-place operations with no distributed version).
///
/// # Safety
/// `desc` must be live.
pub unsafe fn with_replicated_mut<T>(desc: *mut ArrayDesc, f: impl FnOnce(*mut ArrayDesc) -> RtResult<T>) -> RtResult<T> {
    crate::gpu::host_write(unsafe { array::desc_ref(desc) }?)?;
    let rep = unsafe { replicated(desc) }?;
    let result = f(rep);
    if result.is_ok() {
        unsafe { write_back(desc, rep) }?;
    }
    unsafe { array::release(rep) };
    result
}

/// Reads one element of a distributed array: its owner broadcasts it.
///
/// # Safety
/// `ptr` must be an element address of `desc` (bounds already checked).
pub unsafe fn read_element(desc: &ArrayDesc, ptr: *const u8) -> RtResult<u64> {
    unsafe { read_element_as(desc, ptr, desc.dtype) }
}

/// Reads a value of `dtype` at `ptr` within an element of `desc` (a part of a complex
/// element), as [`read_element`] reads elements.
///
/// # Safety
/// `ptr` must address a `dtype` value inside an element of `desc` (bounds already checked).
pub unsafe fn read_element_as(desc: &ArrayDesc, ptr: *const u8, dtype: i64) -> RtResult<u64> {
    let item = array::elem_size(dtype)?;
    let Some(dist) = array::dist_of(desc) else {
        crate::gpu::host_read_bytes(desc, ptr, item)?;
        return Ok(unsafe { array::read_bits(ptr, dtype) });
    };
    let row = (ptr as isize - dist.origin as isize).div_euclid(dist.row_bytes as isize) as i64;
    plan::check(PlannedComm::Broadcast(dist.array))?;
    let owner = dist.owner(row);
    let bits = if owner == comm::rank() {
        crate::gpu::host_read_bytes(desc, ptr, item)?;
        unsafe { array::read_bits(ptr, dtype) }
    } else {
        0
    };
    Ok(comm::broadcast_u64(owner, bits))
}

/// Writes one element: every rank storing its row (owner and ghost copies) writes it.
///
/// # Safety
/// `ptr` must be an element address of `desc` (bounds already checked).
pub unsafe fn write_element(desc: &ArrayDesc, ptr: *mut u8, bits: u64) -> RtResult<()> {
    unsafe { write_element_as(desc, ptr, desc.dtype, bits) }
}

/// Writes a value of `dtype` at `ptr` within an element of `desc` (a part of a complex
/// element), as [`write_element`] writes elements.
///
/// # Safety
/// `ptr` must address a `dtype` value inside an element of `desc` (bounds already checked).
pub unsafe fn write_element_as(desc: &ArrayDesc, ptr: *mut u8, dtype: i64, bits: u64) -> RtResult<()> {
    let item = array::elem_size(dtype)?;
    match array::dist_of(desc) {
        Some(dist) => {
            let row = (ptr as isize - dist.origin as isize).div_euclid(dist.row_bytes as isize) as i64;
            if within(row, dist.held) {
                unsafe { array::write_bits(ptr, dtype, bits) };
                crate::gpu::host_wrote_bytes(desc, ptr, item)?;
            }
        }
        None => {
            unsafe { array::write_bits(ptr, dtype, bits) };
            crate::gpu::host_wrote_bytes(desc, ptr, item)?;
        }
    }
    Ok(())
}

/// `.copy()`: a distributed source whose rows are its axis 0 (step 1) gives a
/// copy aligned with it, each rank copying its own rows; others are gathered.
///
/// # Safety
/// `src` must be live.
pub unsafe fn copy(src: *mut ArrayDesc) -> RtResult<*mut ArrayDesc> {
    let src_ref = unsafe { array::desc_ref(src) }?;
    let shape = array::shape(src_ref).to_vec();
    let contiguous = array::strides(src_ref) == array::contiguous_strides(&shape).as_slice();
    let device = contiguous && crate::gpu::prefers_device_copy(src_ref);
    if device && array::dist_of(src_ref).is_none() {
        let out = array::alloc_array_uninit(src_ref.dtype, &shape)?;
        crate::gpu::copy_contiguous(src_ref, unsafe { &*out }, 0, array::shape_size(&shape))?;
        return Ok(out);
    }
    // The plan lines a distributed copy up with its source (`along` 0); else the copy is
    // made whole on every rank.
    let planned = planned_rows().filter(|&(_, _, along)| along == Some(0));
    if let (Some(_), Some(template)) = (planned, template_start(src_ref)) {
        let out = array::alloc_rows(src_ref.dtype, &shape, false, planned_dist(src_ref.dtype, &shape, |_| Some(template))?)?;
        let out_ref = unsafe { &*out };
        if let Some(out_dist) = array::dist_of(out_ref) {
            let rows = out_dist.own_of(comm::rank());
            if rows.0 < rows.1 && device {
                let row_elements = array::shape_size(&shape[1..]);
                crate::gpu::copy_contiguous(src_ref, out_ref, rows.0 * row_elements, (rows.1 - rows.0) * row_elements)?;
            } else if rows.0 < rows.1 {
                crate::gpu::host_read(src_ref)?;
                let item = out_dist.item as isize;
                let mut sub = shape.clone();
                sub[0] = rows.1 - rows.0;
                let dst_ptr = out_ref.data.wrapping_offset(rows.0 as isize * out_ref.strides[0] as isize * item);
                let src_ptr = src_ref.data.wrapping_offset(rows.0 as isize * src_ref.strides[0] as isize * item);
                unsafe {
                    array::copy_strided_parallel(dst_ptr, array::strides(out_ref), src_ptr, array::strides(src_ref), &sub, out_dist.item)
                };
            }
            out_dist.valid = false;
            return Ok(out);
        }
        unsafe { array::release(out) };
    }
    let rep = unsafe { replicated(src) }?;
    let out = unsafe { crate::host::contiguous_copy(&*rep) };
    unsafe { array::release(rep) };
    out
}

/// Makes the indices `ranges[q]` along `axis` of `input` readable on rank `q` (the whole
/// view where `axis` is not the view's row axis, or is `None`): ghost rows are refreshed
/// when a neighbour wrote them; rows held elsewhere are fetched into a copy, returned
/// (the caller releases it) to be read instead of `input`. `None`: read `input` itself.
/// Every rank calls it alike.
///
/// # Safety
/// `input` must be live.
pub unsafe fn readable(input: &ArrayDesc, axis: Option<usize>, ranges: &[(i64, i64)]) -> RtResult<Option<*mut ArrayDesc>> {
    let Some(dist) = array::dist_of(input) else { return Ok(None) };
    let rows = rows_of(input, dist);
    let on_axis = axis.is_some() && rows.axis == axis;
    let empty_view = array::shape_size(array::shape(input)) == 0;
    let needs: Vec<Option<(i64, i64)>> = ranges
        .iter()
        .map(|&(b, e)| {
            if b >= e || empty_view {
                return None;
            }
            let extent = rows.axis.map_or(1, |a| input.shape[a]);
            row_span(&rows, extent, on_axis.then_some((b, e)))
        })
        .collect();
    let local = needs
        .iter()
        .enumerate()
        .all(|(q, need)| need.is_none_or(|need| contains(dist.held_of(q as i64), need)));
    if local {
        let ghosts_read =
            needs.iter().enumerate().any(|(q, need)| need.is_some_and(|need| !contains(dist.own_of(q as i64), need)));
        if ghosts_read && !dist.valid {
            exchange_ghosts(input, dist)?;
        }
        return Ok(None);
    }
    plan::check(PlannedComm::Fetch(dist.array))?;
    FETCHES.fetch_add(1, Ordering::Relaxed);
    Ok(Some(unsafe { fetch(input, dist, &needs) }?))
}

/// For a distributed view whose row axis is `axis`: the indices `[lo, hi)` along it that
/// each rank owns, in rank order (contiguous whatever the step).
pub fn split_ranges(desc: &ArrayDesc, axis: usize) -> Option<Vec<(i64, i64)>> {
    let dist = array::dist_of(desc)?;
    let rows = rows_of(desc, dist);
    (rows.axis == Some(axis) && comm::size() > 1).then(|| {
        (0..comm::size()).map(|q| owned_indices(&rows, desc.shape[axis], dist.own_of(q))).collect()
    })
}

/// Sums the partial results every rank holds in the replicated array `dst`, in rank
/// order, over the ranks marked `active` (an allreduce; bools combine by `or`).
pub fn sum_partials(dst: &ArrayDesc, active: &[bool]) -> RtResult<()> {
    let op = if dst.dtype == runtime_abi::DTYPE_BOOL { runtime_abi::REDUCE_ANY } else { runtime_abi::REDUCE_SUM };
    combine_elementwise(dst, op, active)
}

/// Runs a kernel launch on distributed arrays (see the module comment).
///
/// # Safety
/// As [`launch::launch`].
pub unsafe fn launch(call: &Launch<'_>) -> RtResult<()> {
    let dst = if call.mode == MODE_REDUCE_ALL { None } else { Some(unsafe { array::desc_ref(call.dst) }?) };
    let any_dist = dst.is_some_and(|d| array::dist_of(d).is_some())
        || call.inputs.iter().any(|&input| unsafe { input.as_ref() }.is_some_and(|d| array::dist_of(d).is_some()));
    if comm::size() < 2 || !any_dist {
        return unsafe { launch::launch(call, None) };
    }
    let space = unsafe { launch::iteration_space(call) }?;
    // Every rank raises alike, whatever rows it computes.
    launch::check_reducible(call, &space)?;
    let rank = space.len();
    let extent0 = if rank == 0 { 1 } else { space[0] };
    let _one_row = (extent0 <= 1).then(plan::suspend);
    let p = comm::size() as usize;
    let me = comm::rank() as usize;

    // Who computes which indices of axis 0: the owners of the destination's
    // rows, or of a driving input's rows for reductions into a replicated result.
    let dst_dist = dst.and_then(|d| array::dist_of(d).map(|dist| (d, dist)));
    // A destination whose elements all lie in one row (`a[5]`, or an axis-0 reduction
    // into a 1-row array): its owner computes everything and nobody else touches it.
    let single_row_dst = dst_dist.as_ref().is_some_and(|(d, dist)| rows_of(d, dist).axis.is_none());
    // The indices of axis 0 each rank computes into a distributed destination `d`.
    let split_by = |d: &ArrayDesc, dist: &Dist| -> Option<Vec<(i64, i64)>> {
        let rows = rows_of(d, dist);
        let iteration_axis = rows.axis.map(|a| if call.mode == MODE_REDUCE_AXIS && a as i64 >= call.axis { a + 1 } else { a });
        match iteration_axis {
            None => Some((0..p as i64).map(|q| if within(rows.row0, dist.own_of(q)) { (0, extent0) } else { (0, 0) }).collect()),
            Some(0) => Some((0..p as i64).map(|q| owned_indices(&rows, extent0, dist.own_of(q))).collect()),
            Some(_) => None,
        }
    };
    let ranges: Option<Vec<(i64, i64)>> = match dst_dist.as_ref() {
        Some((d, dist)) => split_by(d, dist),
        None if runtime_abi::mode_stores(call.mode) => None,
        None => call.inputs.iter().find_map(|&input| {
            let input = unsafe { &*input };
            let dist = array::dist_of(input)?;
            let rows = rows_of(input, dist);
            let pad = rank - input.ndim as usize;
            (rows.axis.map(|a| a + pad) == Some(0))
                .then(|| (0..p as i64).map(|q| owned_indices(&rows, extent0, dist.own_of(q))).collect())
        }),
    };

    let Some(ranges) = ranges else {
        return unsafe { launch_whole(call) };
    };

    // Inputs: each rank needs the rows its indices read.
    let mut temporaries = Vec::new();
    let mut inputs: Vec<*mut ArrayDesc> = call.inputs.to_vec();
    // Further outputs lie as the destination does (`fuse-siblings` allocates them
    // alike): each rank writes its own rows of them in place.
    for i in call.outputs() {
        let out = unsafe { &*inputs[i] };
        let same = dst_dist.is_some() && array::dist_of(out).and_then(|dist| split_by(out, dist)).as_ref() == Some(&ranges);
        if !same {
            return Err(RtError::internal("a further output of a kernel does not lie as its destination does"));
        }
    }
    for (i, slot) in inputs.iter_mut().enumerate() {
        if call.outputs().contains(&i) {
            continue;
        }
        let input = unsafe { &**slot };
        // The iteration's axis 0 is the input's axis 0 unless broadcasting pads it.
        let axis = (input.ndim as usize == rank).then_some(0);
        if let Some(copy) = unsafe { readable(input, axis, &ranges) }? {
            temporaries.push(copy);
            *slot = copy;
        }
    }

    let local_call = Launch { inputs: &inputs, ..*call };
    let part = Part { range: ranges[me], restrict_dst: dst_dist.is_some() && !single_row_dst };
    let result = if single_row_dst && ranges[me].0 >= ranges[me].1 {
        Ok(())
    } else {
        unsafe { launch::launch(&local_call, Some(part)) }
    };
    for temporary in temporaries {
        unsafe { array::release(temporary) };
    }
    result?;

    let active: Vec<bool> = ranges.iter().map(|&(b, e)| b < e).collect();
    if call.mode == MODE_STORE_REDUCE {
        unsafe { allreduce_acc(call, &active) }?;
    }
    match (call.mode, dst_dist) {
        (MODE_REDUCE_ALL, _) => unsafe { allreduce_acc(call, &active) }?,
        (MODE_REDUCE_AXIS, None) => {
            let d = dst.ok_or_else(|| RtError::internal("axis reduction without destination"))?;
            combine_elementwise(d, call.op, &active)?;
        }
        (_, Some((d, dist))) => {
            mark_written(d, dist);
            for i in call.outputs() {
                let out = unsafe { &*call.inputs[i] };
                if let Some(dist) = array::dist_of(out) {
                    mark_written(out, dist);
                }
            }
        }
        _ => {}
    }
    Ok(())
}

/// After a launch stored into `d`: its ghost copies on other ranks are out of date
/// where the rows written are some rank's ghost rows.
fn mark_written(d: &ArrayDesc, dist: &mut Dist) {
    let rows = rows_of(d, dist);
    let extent = rows.axis.map_or(1, |a| d.shape[a]);
    if let Some(span) = row_span(&rows, extent, None) {
        if array::shape_size(array::shape(d)) > 0 && in_some_ghost(dist, span) {
            dist.valid = false;
        }
    }
}

/// Combines every active rank's partial result of a whole-space reduction in `acc`, in rank
/// order (an allreduce).
///
/// # Safety
/// `call.acc` must be writable.
unsafe fn allreduce_acc(call: &Launch<'_>, active: &[bool]) -> RtResult<()> {
    plan::check(PlannedComm::Allreduce)?;
    let partials = comm::allgather_u64(unsafe { *call.acc });
    ALLREDUCES.fetch_add(1, Ordering::Relaxed);
    let mut total: Option<u64> = None;
    for (q, &partial) in partials.iter().enumerate() {
        if active[q] {
            total = Some(match total {
                None => partial,
                Some(acc) => launch::combine_bits(call.op, call.dtype, acc, partial),
            });
        }
    }
    unsafe { *call.acc = total.unwrap_or(launch::identity_bits(call.op, call.dtype)?) };
    Ok(())
}

/// Combines the partial results of an axis reduction held by every rank, in rank order.
fn combine_elementwise(dst: &ArrayDesc, op: i64, active: &[bool]) -> RtResult<()> {
    crate::gpu::host_write(dst)?;
    let item = array::elem_size(dst.dtype)?;
    let shape = array::shape(dst).to_vec();
    let strides = array::strides(dst).to_vec();
    let count = array::shape_size(&shape).max(0) as usize;
    let ranks = comm::size() as usize;
    // Each element's bits as 8 bytes, then every rank's, in rank order.
    let mut bytes = memory::try_vec::<u8>(count * 8, &shape, dst.dtype)?;
    array::for_each_index(&shape, |index| {
        let bits = unsafe { array::read_bits(array::offset_ptr(dst.data, &strides, index, item), dst.dtype) };
        bytes.extend_from_slice(&bits.to_le_bytes());
    });
    let mut all_shape = vec![ranks as i64];
    all_shape.extend_from_slice(&shape);
    let mut all = memory::try_filled(count * 8 * ranks, 0u8, &all_shape, dst.dtype)?;
    plan::check(PlannedComm::Allreduce)?;
    comm::allgather_bytes_into(&bytes, &mut all);
    ALLREDUCES.fetch_add(1, Ordering::Relaxed);
    let word = |q: usize, i: usize| {
        let at = (q * count + i) * 8;
        u64::from_le_bytes(all[at..at + 8].try_into().unwrap_or([0; 8]))
    };
    let mut position = 0usize;
    array::for_each_index(&shape, |index| {
        let mut total: Option<u64> = None;
        for (q, &is_active) in active.iter().enumerate() {
            if is_active {
                let partial = word(q, position);
                total = Some(match total {
                    None => partial,
                    Some(acc) => launch::combine_bits(op, dst.dtype, acc, partial),
                });
            }
        }
        if let Some(total) = total {
            unsafe { array::write_bits(array::offset_ptr(dst.data, &strides, index, item), dst.dtype, total) };
        }
        position += 1;
    });
    Ok(())
}

/// The fallback for launches whose work cannot be split by rows (the
/// destination's rows are not its iteration axis 0, or a replicated result
/// read from distributed inputs): every rank gathers the inputs and computes
/// everything, then keeps the rows it holds.
unsafe fn launch_whole(call: &Launch<'_>) -> RtResult<()> {
    // No point to compute, and no distributed destination to keep consistent: nothing
    // to gather (a store into an empty array of no bytes, which no rank splits).
    let dst_dist = !call.dst.is_null() && array::dist_of(unsafe { array::desc_ref(call.dst) }?).is_some();
    if !dst_dist && array::shape_size(&unsafe { launch::iteration_space(call) }?) == 0 {
        return unsafe { launch::launch(call, None) };
    }
    let mut inputs = Vec::with_capacity(call.inputs.len());
    for (i, &input) in call.inputs.iter().enumerate() {
        // A further output: every rank writes a whole copy, then keeps the rows it holds.
        if call.outputs().contains(&i) {
            crate::gpu::host_write(unsafe { array::desc_ref(input) }?)?;
        }
        inputs.push(unsafe { replicated(input) }?);
    }
    let dst_is_dist = call.mode != MODE_REDUCE_ALL && array::dist_of(unsafe { array::desc_ref(call.dst) }?).is_some();
    let result = if dst_is_dist {
        unsafe {
            with_replicated_mut(call.dst, |rep| {
                let local = Launch { inputs: &inputs, dst: rep, ..*call };
                launch::launch(&local, None)
            })
        }
    } else {
        let local = Launch { inputs: &inputs, ..*call };
        unsafe { launch::launch(&local, None) }
    };
    if result.is_ok() {
        for i in call.outputs() {
            unsafe { write_back(call.inputs[i], inputs[i]) }?;
        }
    }
    for input in inputs {
        unsafe { array::release(input) };
    }
    result
}

/// Prints this run's communication counters (`LEGATEC_COMM_STATS=1`), one line per rank, from rank 0.
pub fn print_stats() {
    if std::env::var_os("LEGATEC_COMM_STATS").is_none() {
        return;
    }
    let counters = [&HALO_EXCHANGES, &MESSAGES, &BYTES, &FETCHES, &GATHERS, &ALLREDUCES, &SHUFFLES];
    let mine: Vec<u8> = counters.iter().flat_map(|c| c.load(Ordering::Relaxed).to_le_bytes()).collect();
    let all = comm::allgather_bytes(&mine);
    if comm::rank() != 0 {
        return;
    }
    let mut text = String::new();
    for (q, chunk) in all.chunks(mine.len()).enumerate() {
        let v: Vec<u64> = chunk.chunks(8).map(|w| u64::from_le_bytes(w.try_into().unwrap_or([0; 8]))).collect();
        text.push_str(&format!(
            "legatec comm rank {q}: halo exchanges {}, messages {}, bytes {}, fetches {}, gathers {}, allreduces {}, shuffles {}\n",
            v[0], v[1], v[2], v[3], v[4], v[5], v[6]
        ));
    }
    eprint!("{text}");
}

/// Whole copies of arrays (see [`replicated`]), released when dropped.
pub struct Whole(Vec<*mut ArrayDesc>);

impl Whole {
    /// Gathers each of `list` (null entries stay null).
    ///
    /// # Safety
    /// The non-null entries must be live descriptors.
    pub unsafe fn of(list: &[*mut ArrayDesc]) -> RtResult<Whole> {
        let mut whole = Whole(Vec::with_capacity(list.len()));
        for &desc in list {
            let copy = if desc.is_null() { desc } else { unsafe { replicated(desc) }? };
            if let Some(copy) = unsafe { copy.as_ref() } {
                crate::gpu::host_read(copy)?;
            }
            whole.0.push(copy);
        }
        Ok(whole)
    }

    /// Arrays made by the caller (each reference is released when this is dropped).
    pub fn owned(list: Vec<*mut ArrayDesc>) -> Whole {
        Whole(list)
    }

    /// The gathered copies, in the order given.
    pub fn list(&self) -> &[*mut ArrayDesc] {
        &self.0
    }

    /// The `i`-th copy as the `c_void` pointer entry points pass around.
    pub fn ptr(&self, i: usize) -> *mut std::ffi::c_void {
        self.0[i] as *mut std::ffi::c_void
    }
}

impl Drop for Whole {
    fn drop(&mut self) {
        for &desc in &self.0 {
            unsafe { array::release(desc) };
        }
    }
}

/// Runs the in-place operation `f` on a whole copy of `a` (its other array
/// arguments `others` gathered too), then stores back the rows this rank holds.
///
/// # Safety
/// All must be live descriptors.
pub unsafe fn in_place<T>(
    a: *mut std::ffi::c_void,
    others: &[*mut std::ffi::c_void],
    f: impl FnOnce(*mut std::ffi::c_void, &Whole) -> RtResult<T>,
) -> RtResult<T> {
    let list: Vec<*mut ArrayDesc> = others.iter().map(|&p| p as *mut ArrayDesc).collect();
    let whole = unsafe { Whole::of(&list) }?;
    unsafe { with_replicated_mut(a as *mut ArrayDesc, |rep| f(rep as *mut std::ffi::c_void, &whole)) }
}

/// Whole copies of array arguments given as `c_void` pointers.
///
/// # Safety
/// All must be live descriptors.
pub unsafe fn whole(list: &[*mut std::ffi::c_void]) -> RtResult<Whole> {
    let list: Vec<*mut ArrayDesc> = list.iter().map(|&p| p as *mut ArrayDesc).collect();
    unsafe { Whole::of(&list) }
}
