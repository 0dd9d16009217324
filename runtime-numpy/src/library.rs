//! `lt_library`: whole-array operations that are not generated kernels —
//! `dot`/`matmul`, `argmax`/`argmin`, `diagonal` and contiguous copies.

use rayon::prelude::*;
use runtime_abi::{ArrayDesc, DTYPE_BOOL, DTYPE_F32, DTYPE_F64, DTYPE_I32, DTYPE_I64};

use runtime_core::array::{self, elem_size, shape_compact, shape_size, Scalar};
use runtime_core::errors::{ErrorKind, RtError, RtResult};

/// Work (multiply-adds) above which products run on several threads.
const PARALLEL_WORK: usize = 1 << 18;

/// An element type that matrix products run on. Floats accumulate in their
/// own precision; integers wrap like NumPy's; bools are `or` of `and`s.
trait MatElem: Copy + Send + Sync + 'static {
    const ZERO: Self;
    fn mul_add(acc: Self, a: Self, b: Self) -> Self;
    fn add(a: Self, b: Self) -> Self;
}

impl MatElem for f64 {
    const ZERO: f64 = 0.0;
    #[inline(always)]
    fn mul_add(acc: f64, a: f64, b: f64) -> f64 {
        acc + a * b
    }
    #[inline(always)]
    fn add(a: f64, b: f64) -> f64 {
        a + b
    }
}

impl MatElem for f32 {
    const ZERO: f32 = 0.0;
    #[inline(always)]
    fn mul_add(acc: f32, a: f32, b: f32) -> f32 {
        acc + a * b
    }
    #[inline(always)]
    fn add(a: f32, b: f32) -> f32 {
        a + b
    }
}

impl MatElem for i64 {
    const ZERO: i64 = 0;
    #[inline(always)]
    fn mul_add(acc: i64, a: i64, b: i64) -> i64 {
        acc.wrapping_add(a.wrapping_mul(b))
    }
    #[inline(always)]
    fn add(a: i64, b: i64) -> i64 {
        a.wrapping_add(b)
    }
}

impl MatElem for i32 {
    const ZERO: i32 = 0;
    #[inline(always)]
    fn mul_add(acc: i32, a: i32, b: i32) -> i32 {
        acc.wrapping_add(a.wrapping_mul(b))
    }
    #[inline(always)]
    fn add(a: i32, b: i32) -> i32 {
        a.wrapping_add(b)
    }
}

impl MatElem for u8 {
    const ZERO: u8 = 0;
    #[inline(always)]
    fn mul_add(acc: u8, a: u8, b: u8) -> u8 {
        acc | (a & b)
    }
    #[inline(always)]
    fn add(a: u8, b: u8) -> u8 {
        a | b
    }
}

/// The elements of an array in C order, as `T` (which must match its dtype):
/// borrowed when the array is C-contiguous (bools excepted, which are
/// normalised to 0/1 so that `and`/`or` are logical), else a copy.
unsafe fn elements<T: Copy>(desc: &ArrayDesc) -> RtResult<std::borrow::Cow<'_, [T]>> {
    let shape = array::shape(desc);
    let strides = array::strides(desc);
    let len = shape_size(shape).max(0) as usize;
    if desc.dtype != DTYPE_BOOL && (len == 0 || strides == array::contiguous_strides(shape).as_slice()) {
        // SAFETY: a C-contiguous view of `len` elements of `T` starts at `data`.
        let values = if len == 0 { &[][..] } else { unsafe { std::slice::from_raw_parts(desc.data as *const T, len) } };
        return Ok(std::borrow::Cow::Borrowed(values));
    }
    let item = std::mem::size_of::<T>();
    let mut out = runtime_core::memory::try_vec::<T>(len, shape, desc.dtype)?;
    array::for_each_index(shape, |index| {
        let ptr = array::offset_ptr(desc.data, strides, index, item) as *const T;
        out.push(unsafe { ptr.read_unaligned() });
    });
    if desc.dtype == DTYPE_BOOL {
        for value in out.iter_mut() {
            let byte = unsafe { *(value as *mut T as *mut u8) };
            unsafe { *(value as *mut T as *mut u8) = (byte != 0) as u8 };
        }
    }
    Ok(std::borrow::Cow::Owned(out))
}

/// A dot product with eight independent accumulators (the order BLAS-like
/// code uses), so that the compiler can vectorise it.
fn dot<T: MatElem>(a: &[T], b: &[T]) -> T {
    const LANES: usize = 8;
    let mut lanes = [T::ZERO; LANES];
    let chunks = a.len() / LANES;
    for c in 0..chunks {
        let base = c * LANES;
        for l in 0..LANES {
            lanes[l] = T::mul_add(lanes[l], a[base + l], b[base + l]);
        }
    }
    let mut tail = T::ZERO;
    for p in chunks * LANES..a.len() {
        tail = T::mul_add(tail, a[p], b[p]);
    }
    let pairs = [
        T::add(lanes[0], lanes[4]),
        T::add(lanes[1], lanes[5]),
        T::add(lanes[2], lanes[6]),
        T::add(lanes[3], lanes[7]),
    ];
    T::add(T::add(T::add(pairs[0], pairs[2]), T::add(pairs[1], pairs[3])), tail)
}

/// Rows and columns of the register tile of [`gemm`].
const TILE_ROWS: usize = 4;
const TILE_COLS: usize = 8;

/// `c[r, j..j+8] += a[r, k0..k1] · B[k0..k1, j..j+8]` for the four rows
/// `r` from `row` (of `a`) / `c_row` (of `c_rows`); `panel` holds the B tile
/// packed as `(k1 - k0)` consecutive groups of eight. The 4×8 tile of C
/// stays in registers across the whole `k` block.
#[inline(always)]
#[allow(clippy::too_many_arguments)]
fn tile_4x8<T: MatElem>(a: &[T], panel: &[T], c_rows: &mut [T], k: usize, n: usize, row: usize, c_row: usize, j: usize, k0: usize, k1: usize) {
    let mut acc = [[T::ZERO; TILE_COLS]; TILE_ROWS];
    for (r, acc_row) in acc.iter_mut().enumerate() {
        acc_row.copy_from_slice(&c_rows[(c_row + r) * n + j..(c_row + r) * n + j + TILE_COLS]);
    }
    let a_rows: [&[T]; TILE_ROWS] = std::array::from_fn(|r| &a[(row + r) * k + k0..(row + r) * k + k1]);
    for (p, b_tile) in panel.chunks_exact(TILE_COLS).enumerate() {
        for (acc_row, a_row) in acc.iter_mut().zip(&a_rows) {
            let a_rp = a_row[p];
            for (slot, &b_pj) in acc_row.iter_mut().zip(b_tile) {
                *slot = T::mul_add(*slot, a_rp, b_pj);
            }
        }
    }
    for (r, acc_row) in acc.iter().enumerate() {
        c_rows[(c_row + r) * n + j..(c_row + r) * n + j + TILE_COLS].copy_from_slice(acc_row);
    }
}

/// One block of rows of `c` (the rows from `first_row` on): cache blocks of
/// `k` and `j` with B packed into panels, register tiles inside, plain i-k-j
/// loops on the edges.
#[inline(always)]
fn gemm_rows<T: MatElem>(a: &[T], b: &[T], c_rows: &mut [T], k: usize, n: usize, first_row: usize) {
    const K_BLOCK: usize = 256;
    const J_BLOCK: usize = 512;
    let rows = c_rows.len() / n;
    let tiled_rows = rows / TILE_ROWS * TILE_ROWS;
    let mut panels: Vec<T> = Vec::with_capacity(K_BLOCK * J_BLOCK);
    for j0 in (0..n).step_by(J_BLOCK) {
        let j1 = (j0 + J_BLOCK).min(n);
        let tiled_j1 = j0 + (j1 - j0) / TILE_COLS * TILE_COLS;
        for k0 in (0..k).step_by(K_BLOCK) {
            let k1 = (k0 + K_BLOCK).min(k);
            let depth = k1 - k0;
            if tiled_rows > 0 {
                panels.clear();
                for j in (j0..tiled_j1).step_by(TILE_COLS) {
                    for p in k0..k1 {
                        panels.extend_from_slice(&b[p * n + j..p * n + j + TILE_COLS]);
                    }
                }
                for r in (0..tiled_rows).step_by(TILE_ROWS) {
                    for (t, j) in (j0..tiled_j1).step_by(TILE_COLS).enumerate() {
                        let panel = &panels[t * depth * TILE_COLS..(t + 1) * depth * TILE_COLS];
                        tile_4x8(a, panel, c_rows, k, n, first_row + r, r, j, k0, k1);
                    }
                }
            }
            // Edges: leftover rows over the whole column block, leftover columns of tiled rows.
            for r in 0..rows {
                let columns = if r < tiled_rows { tiled_j1..j1 } else { j0..j1 };
                if columns.is_empty() {
                    continue;
                }
                let i = first_row + r;
                let c_row = &mut c_rows[r * n + columns.start..r * n + columns.end];
                for p in k0..k1 {
                    let a_ip = a[i * k + p];
                    let b_row = &b[p * n + columns.start..p * n + columns.end];
                    for (c_ij, &b_pj) in c_row.iter_mut().zip(b_row) {
                        *c_ij = T::mul_add(*c_ij, a_ip, b_pj);
                    }
                }
            }
        }
    }
}

/// [`gemm_rows`] compiled for AVX2 (chosen at run time when the CPU has it).
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn gemm_rows_avx2<T: MatElem>(a: &[T], b: &[T], c_rows: &mut [T], k: usize, n: usize, first_row: usize) {
    gemm_rows(a, b, c_rows, k, n, first_row)
}

fn gemm_rows_dispatch<T: MatElem>(a: &[T], b: &[T], c_rows: &mut [T], k: usize, n: usize, first_row: usize) {
    #[cfg(target_arch = "x86_64")]
    {
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the CPU supports AVX2.
            return unsafe { gemm_rows_avx2(a, b, c_rows, k, n, first_row) };
        }
    }
    gemm_rows(a, b, c_rows, k, n, first_row)
}

/// `c[m×n] = a[m×k] · b[k×n]`, row-major: cache-blocked i-k-j loops with
/// register tiles; blocks of rows run in parallel when the product is large.
fn gemm<T: MatElem>(a: &[T], b: &[T], c: &mut [T], m: usize, k: usize, n: usize) {
    const ROW_BLOCK: usize = 64;
    if m == 0 || n == 0 {
        return;
    }
    let block = |(block_index, c_rows): (usize, &mut [T])| {
        gemm_rows_dispatch(a, b, c_rows, k, n, block_index * ROW_BLOCK);
    };
    if m * n * k >= PARALLEL_WORK && m > ROW_BLOCK {
        c.par_chunks_mut(ROW_BLOCK * n).enumerate().for_each(block);
    } else {
        c.chunks_mut(ROW_BLOCK * n).enumerate().for_each(block);
    }
}

/// `y[m] = a[m×k] · x[k]`.
fn gemv<T: MatElem>(a: &[T], x: &[T], y: &mut [T], k: usize) {
    let row = |(i, y_i): (usize, &mut T)| *y_i = dot(&a[i * k..(i + 1) * k], x);
    if y.len() * k >= PARALLEL_WORK {
        y.par_iter_mut().enumerate().for_each(row);
    } else {
        y.iter_mut().enumerate().for_each(row);
    }
}

/// `y[n] = x[k] · b[k×n]`.
fn gevm<T: MatElem>(x: &[T], b: &[T], y: &mut [T], n: usize) {
    const COLUMN_BLOCK: usize = 1024;
    let block = |(block_index, y_block): (usize, &mut [T])| {
        let j0 = block_index * COLUMN_BLOCK;
        for (p, &x_p) in x.iter().enumerate() {
            let b_row = &b[p * n + j0..p * n + j0 + y_block.len()];
            for (y_j, &b_pj) in y_block.iter_mut().zip(b_row) {
                *y_j = T::mul_add(*y_j, x_p, b_pj);
            }
        }
    };
    if x.len() * n >= PARALLEL_WORK {
        y.par_chunks_mut(COLUMN_BLOCK).enumerate().for_each(block);
    } else {
        y.chunks_mut(COLUMN_BLOCK).enumerate().for_each(block);
    }
}

unsafe fn matmul_typed<T: MatElem>(a: &ArrayDesc, b: &ArrayDesc, out: &ArrayDesc) -> RtResult<()> {
    let a_values = unsafe { elements::<T>(a) }?;
    let b_values = unsafe { elements::<T>(b) }?;
    let out_len = shape_size(array::shape(out)).max(0) as usize;
    // The result is freshly allocated and C-contiguous.
    let result = unsafe { std::slice::from_raw_parts_mut(out.data as *mut T, out_len) };
    let (a_shape, b_shape) = (array::shape(a), array::shape(b));
    match (a_shape.len(), b_shape.len()) {
        (1, 1) => result[0] = dot(&a_values, &b_values),
        (2, 1) => gemv(&a_values, &b_values, result, a_shape[1] as usize),
        (1, 2) => gevm(&a_values, &b_values, result, b_shape[1] as usize),
        _ => gemm(
            &a_values,
            &b_values,
            result,
            a_shape[0] as usize,
            a_shape[1] as usize,
            b_shape[1] as usize,
        ),
    }
    Ok(())
}

/// `np.dot(a, b)` for 1-D and 2-D operands of one dtype.
///
/// # Safety
/// Both descriptors must be live.
pub unsafe fn matmul(a: &ArrayDesc, b: &ArrayDesc) -> RtResult<*mut ArrayDesc> {
    if a.dtype != b.dtype {
        return Err(RtError::internal("matmul operands of different dtypes"));
    }
    let (a_shape, b_shape) = (array::shape(a), array::shape(b));
    if !(1..=2).contains(&a_shape.len()) || !(1..=2).contains(&b_shape.len()) {
        return Err(RtError::internal(format!(
            "matmul of shapes {} and {} is not supported by the runtime",
            shape_compact(a_shape),
            shape_compact(b_shape)
        )));
    }
    let a_axis = a_shape.len() - 1;
    let b_axis = if b_shape.len() == 1 { 0 } else { b_shape.len() - 2 };
    if a_shape[a_axis] != b_shape[b_axis] {
        return Err(RtError::value(format!(
            "shapes {} and {} not aligned: {} (dim {a_axis}) != {} (dim {b_axis})",
            shape_compact(a_shape),
            shape_compact(b_shape),
            a_shape[a_axis],
            b_shape[b_axis]
        )));
    }
    let mut out_shape: Vec<i64> = a_shape[..a_axis].to_vec();
    if b_shape.len() == 2 {
        out_shape.push(b_shape[1]);
    }
    let out = array::alloc_array(a.dtype, &out_shape)?;
    let out_ref = unsafe { &*out };
    let result = unsafe {
        match a.dtype {
            DTYPE_F64 => matmul_typed::<f64>(a, b, out_ref),
            DTYPE_F32 => matmul_typed::<f32>(a, b, out_ref),
            DTYPE_I64 => matmul_typed::<i64>(a, b, out_ref),
            DTYPE_I32 => matmul_typed::<i32>(a, b, out_ref),
            _ => matmul_typed::<u8>(a, b, out_ref),
        }
    };
    if let Err(error) = result {
        unsafe { array::release(out) };
        return Err(error);
    }
    Ok(out)
}

/// Whether `candidate` beats `best` for argmax (`maximise`) or argmin: strictly
/// better, or the first NaN.
fn better(candidate: Scalar, best: Scalar, maximise: bool) -> bool {
    let as_f64 = |value: Scalar| match value {
        Scalar::F32(v) => Some(v as f64),
        Scalar::F64(v) => Some(v),
        _ => None,
    };
    let as_i64 = |value: Scalar| match value {
        Scalar::Bool(v) => v as i64,
        Scalar::Int(v) => v,
        Scalar::F32(v) => v as i64,
        Scalar::F64(v) => v as i64,
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
    let (rows, cols) = (shape[0], shape[1]);
    let (row0, col0) = if k >= 0 { (0, k) } else { (-k, 0) };
    let length = (rows - row0).min(cols - col0).max(0);
    let out = array::alloc_array(a.dtype, &[length])?;
    let item = elem_size(a.dtype)?;
    let strides = array::strides(a);
    for i in 0..length {
        let from = array::offset_ptr(a.data, strides, &[row0 + i, col0 + i], item);
        let to = unsafe { (*out).data.add(i as usize * item) };
        unsafe { std::ptr::copy_nonoverlapping(from, to, item) };
    }
    Ok(out)
}
