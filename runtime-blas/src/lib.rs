//! runtime-blas: dense products (`np.dot`, `@`, `np.matmul` of 1-D and 2-D operands) on one
//! process, a layer on `runtime-core` beside `runtime-numpy`.
//!
//! `float64` and `float32` products run through faer's GEMM (pure Rust, statically
//! linked; chosen by measurement against NumPy's OpenBLAS, see docs/PERFORMANCE.md).
//! Operands are never copied: every view, however strided, is handed over as it lies
//! (a transposed view `A.T` is a matrix with swapped strides, a row-strided one a
//! leading dimension). Products of integers and bools keep an exact path of their own
//! with NumPy's wrapping arithmetic (bools: `or` of `and`s). On a GPU, float products of
//! whole arrays run through cuBLAS and leave their result on the device (`device.rs`).

use rayon::prelude::*;
use runtime_abi::{ArrayDesc, DTYPE_F32, DTYPE_F64, DTYPE_I32, DTYPE_I64};

use runtime_abi::plan_table::{PlannedComm, PlannedLayout};
use runtime_core::array::{self, shape_compact};
use runtime_core::errors::{RtError, RtResult};
use runtime_core::{comm, dist, gpu, plan};

mod device;

/// Multiply-adds above which a product runs on several threads.
const PARALLEL_WORK: usize = 1 << 18;

/// An operand as a matrix: `rows × cols` elements from `data`, element `(i, j)` at
/// `data + i * row_stride + j * col_stride` (strides in elements).
#[derive(Clone, Copy, Debug)]
struct Matrix {
    data: *mut u8,
    rows: usize,
    cols: usize,
    row_stride: isize,
    col_stride: isize,
}

impl Matrix {
    /// A 2-D view as it is, or a 1-D view as one row (`as_row`) or one column.
    fn of(desc: &ArrayDesc, as_row: bool) -> Matrix {
        let shape = array::shape(desc);
        let strides = array::strides(desc);
        match (shape.len(), as_row) {
            (2, _) => Matrix {
                data: desc.data,
                rows: shape[0] as usize,
                cols: shape[1] as usize,
                row_stride: strides[0] as isize,
                col_stride: strides[1] as isize,
            },
            (_, true) => Matrix { data: desc.data, rows: 1, cols: shape[0] as usize, row_stride: 0, col_stride: strides[0] as isize },
            (_, false) => Matrix { data: desc.data, rows: shape[0] as usize, cols: 1, row_stride: strides[0] as isize, col_stride: 0 },
        }
    }

    /// The address of element `(i, j)`.
    fn at<T>(&self, i: usize, j: usize) -> *const T {
        (self.data as *const T).wrapping_offset(i as isize * self.row_stride + j as isize * self.col_stride)
    }
}

/// The shape of `np.dot(a, b)` for 1-D and 2-D operands of one dtype, or NumPy's error.
fn product_shape(a: &ArrayDesc, b: &ArrayDesc) -> RtResult<Vec<i64>> {
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
    Ok(out_shape)
}

/// `dst = lhs · rhs` in `dtype`.
///
/// # Safety
/// The matrices must describe live memory of `dtype`; `dst` must not overlap the operands.
unsafe fn product(dtype: i64, dst: Matrix, lhs: Matrix, rhs: Matrix) {
    unsafe {
        match dtype {
            DTYPE_F64 => gemm::<f64>(dst, lhs, rhs),
            DTYPE_F32 => gemm::<f32>(dst, lhs, rhs),
            DTYPE_I64 => exact::<i64>(dst, lhs, rhs),
            DTYPE_I32 => exact::<i32>(dst, lhs, rhs),
            _ => exact::<u8>(dst, lhs, rhs),
        }
    }
}

/// `np.dot(a, b)` / `a @ b` for 1-D and 2-D operands of one dtype: a new C-contiguous array.
///
/// # Safety
/// Both descriptors must be live, with their elements in host memory.
pub unsafe fn matmul(a: &ArrayDesc, b: &ArrayDesc) -> RtResult<*mut ArrayDesc> {
    let out_shape = product_shape(a, b)?;
    // Zero-filled: a product over an empty axis is zeros.
    let out = array::alloc_array(a.dtype, &out_shape)?;
    let lhs = Matrix::of(a, true);
    let rhs = Matrix::of(b, false);
    // The result as a C-contiguous `lhs.rows × rhs.cols` matrix.
    let dst = Matrix { data: unsafe { (*out).data }, rows: lhs.rows, cols: rhs.cols, row_stride: rhs.cols as isize, col_stride: 1 };
    unsafe { product(a.dtype, dst, lhs, rhs) };
    Ok(out)
}

/// `A @ b` with `A` a 2-D view split by rows over the ranks (its axis 0 its rows, step 1),
/// where the plan makes the result split by rows beside `A`: each rank multiplies the
/// rows of `A` it owns by the whole of `b` (gathered, if `b` is distributed) into its
/// own rows of the result. `None` where that is not the plan or `A` is not split so at
/// run time: the caller then computes the product whole.
///
/// # Safety
/// Both must be live descriptors.
pub unsafe fn matmul_by_rows(a: *mut ArrayDesc, b: *mut ArrayDesc) -> RtResult<Option<*mut ArrayDesc>> {
    let a_ref = unsafe { array::desc_ref(a) }?;
    let planned_rows = plan::made_here().is_some_and(|made| matches!(made.layout, PlannedLayout::Rows { .. }));
    if a_ref.ndim != 2 || comm::size() < 2 || !planned_rows {
        return Ok(None);
    }
    let Some((lo, hi)) = dist::owned_rows(a_ref) else { return Ok(None) };
    let b_whole = unsafe { dist::replicated(b) }?;
    let result = (|| {
        let b_ref = unsafe { array::desc_ref(b_whole) }?;
        let out_shape = product_shape(a_ref, b_ref)?;
        let out = unsafe { dist::alloc_beside_rows(a_ref.dtype, &out_shape, a_ref, 0) }?;
        let out_ref = unsafe { &*out };
        // Ranks owning no rows may see their empty ranges at different places.
        let rows_of_out = dist::owned_rows(out_ref).map(|(l, h)| if l < h { (l, h) } else { (lo, lo) });
        if hi > lo && rows_of_out != Some((lo, hi)) || hi <= lo && rows_of_out.is_none_or(|(l, h)| l < h) {
            unsafe { array::release(out) };
            return Err(RtError::internal("a product's result is not split beside its matrix operand"));
        }
        let item = array::elem_size(a_ref.dtype)? as isize;
        let mut lhs = Matrix::of(a_ref, true);
        lhs.data = lhs.data.wrapping_offset(lo as isize * lhs.row_stride * item);
        lhs.rows = (hi - lo) as usize;
        let rhs = Matrix::of(b_ref, false);
        let cols = rhs.cols;
        // The result's rows `[lo, hi)`: C-contiguous, global coordinates.
        let dst = Matrix {
            data: out_ref.data.wrapping_offset(lo as isize * cols as isize * item),
            rows: lhs.rows,
            cols,
            row_stride: cols as isize,
            col_stride: 1,
        };
        let on_device = lhs.rows > 0
            && unsafe {
                device::product(
                    a_ref.dtype,
                    device::Operand { matrix: dst, desc: out_ref },
                    device::Operand { matrix: lhs, desc: a_ref },
                    device::Operand { matrix: rhs, desc: b_ref },
                )
            }?;
        if !on_device && lhs.rows > 0 {
            gpu::host_read(a_ref)?;
            gpu::host_read(b_ref)?;
            if lhs.cols == 0 {
                // An empty inner axis: zeros (the new array is uninitialised).
                unsafe { std::ptr::write_bytes(dst.data, 0, lhs.rows * cols * item as usize) };
            }
            unsafe { product(a_ref.dtype, dst, lhs, rhs) };
        }
        dist::wrote_own_rows(out_ref);
        Ok(out)
    })();
    unsafe { array::release(b_whole) };
    result.map(Some)
}

/// How many threads a product of `work` multiply-adds uses.
/// `a @ b` of whole (not distributed) float operands on the GPU through cuBLAS, the result
/// left on the device, when a GPU is in use; `None` otherwise (see `device.rs`).
///
/// # Safety
/// Both must be live descriptors.
pub unsafe fn matmul_on_device(a: *mut ArrayDesc, b: *mut ArrayDesc) -> RtResult<Option<*mut ArrayDesc>> {
    let (a_ref, b_ref) = unsafe { (array::desc_ref(a)?, array::desc_ref(b)?) };
    if array::dist_of(a_ref).is_some() || array::dist_of(b_ref).is_some() {
        return Ok(None);
    }
    let out_shape = product_shape(a_ref, b_ref)?;
    unsafe { device::matmul(a_ref, b_ref, &out_shape) }
}

/// `a @ b` whose inner (summed) axis is split over the ranks, when the plan sums it
/// so (an allreduce): the rows of `a` lie along its last axis (`X.T @ v`, `v @ A`,
/// `u @ v`) or else those of `b` along its first. Each rank multiplies the part of the
/// inner axis it owns (the other operand's matching part is read where it lies, or
/// fetched where its rows do not line up), then the partial products are summed in
/// rank order on every rank. The result is replicated. `None` where this is not such a
/// product.
///
/// # Safety
/// Both must be live descriptors.
pub unsafe fn matmul_split_inner(a: *mut ArrayDesc, b: *mut ArrayDesc) -> RtResult<Option<*mut ArrayDesc>> {
    let (a_ref, b_ref) = unsafe { (array::desc_ref(a)?, array::desc_ref(b)?) };
    if comm::size() < 2 || !plan::plans(PlannedComm::Allreduce) {
        return Ok(None);
    }
    let out_shape = product_shape(a_ref, b_ref)?;
    let a_inner = (a_ref.ndim as usize).saturating_sub(1);
    let Some(ranges) = dist::split_ranges(a_ref, a_inner).or_else(|| dist::split_ranges(b_ref, 0)) else {
        return Ok(None);
    };
    let mut temporaries = Vec::new();
    let result = (|| {
        let mut operands = [a_ref, b_ref];
        for (operand, axis) in operands.iter_mut().zip([a_inner, 0]) {
            if let Some(copy) = unsafe { dist::readable(operand, Some(axis), &ranges) }? {
                temporaries.push(copy);
                *operand = unsafe { &*copy };
            }
        }
        let [a_part, b_part] = operands;
        let out = array::alloc_array(a_ref.dtype, &out_shape)?;
        let (lo, hi) = ranges[comm::rank() as usize];
        let item = array::elem_size(a_ref.dtype)? as isize;
        let mut lhs = Matrix::of(a_part, true);
        lhs.data = lhs.data.wrapping_offset(lo as isize * lhs.col_stride * item);
        lhs.cols = (hi - lo).max(0) as usize;
        let mut rhs = Matrix::of(b_part, false);
        rhs.data = rhs.data.wrapping_offset(lo as isize * rhs.row_stride * item);
        rhs.rows = lhs.cols;
        let dst = Matrix { data: unsafe { (*out).data }, rows: lhs.rows, cols: rhs.cols, row_stride: rhs.cols as isize, col_stride: 1 };
        let on_device = unsafe {
            device::product(
                a_ref.dtype,
                device::Operand { matrix: dst, desc: &*out },
                device::Operand { matrix: lhs, desc: a_part },
                device::Operand { matrix: rhs, desc: b_part },
            )
        }?;
        if !on_device {
            gpu::host_read(a_part)?;
            gpu::host_read(b_part)?;
            unsafe { product(a_ref.dtype, dst, lhs, rhs) };
        }
        let active: Vec<bool> = ranges.iter().map(|&(lo, hi)| lo < hi).collect();
        if let Err(e) = dist::sum_partials(unsafe { &*out }, &active) {
            unsafe { array::release(out) };
            return Err(e);
        }
        Ok(out)
    })();
    for copy in temporaries {
        unsafe { array::release(copy) };
    }
    result.map(Some)
}

fn threads(work: usize) -> usize {
    if work >= PARALLEL_WORK {
        rayon::current_num_threads()
    } else {
        1
    }
}

/// `dst = lhs · rhs` through faer.
///
/// # Safety
/// The matrices must describe live memory of `T`s; `dst` must not overlap the operands.
unsafe fn gemm<T: faer::traits::ComplexField + Copy + num_one::One>(dst: Matrix, lhs: Matrix, rhs: Matrix) {
    if dst.rows == 0 || dst.cols == 0 || lhs.cols == 0 {
        return;
    }
    // SAFETY: the caller's; faer reads the operands and writes `dst` within their extents.
    let (d, l, r) = unsafe {
        (
            faer::MatMut::from_raw_parts_mut(dst.data as *mut T, dst.rows, dst.cols, dst.row_stride, dst.col_stride),
            faer::MatRef::from_raw_parts(lhs.data as *const T, lhs.rows, lhs.cols, lhs.row_stride, lhs.col_stride),
            faer::MatRef::from_raw_parts(rhs.data as *const T, rhs.rows, rhs.cols, rhs.row_stride, rhs.col_stride),
        )
    };
    let par = match threads(dst.rows * dst.cols * lhs.cols) {
        1 => faer::Par::Seq,
        n => faer::Par::rayon(n),
    };
    faer::linalg::matmul::matmul(d, faer::Accum::Replace, l, r, T::one(), par);
}

/// The multiplicative identity faer's `alpha` needs, for the two float types.
mod num_one {
    pub trait One {
        fn one() -> Self;
    }
    impl One for f64 {
        fn one() -> f64 {
            1.0
        }
    }
    impl One for f32 {
        fn one() -> f32 {
            1.0
        }
    }
}

/// An element type of the exact path: NumPy's wrapping integer arithmetic, or bools.
trait Exact: Copy + Send + Sync + 'static {
    const ZERO: Self;
    fn mul_add(acc: Self, a: Self, b: Self) -> Self;
}

impl Exact for i64 {
    const ZERO: i64 = 0;
    fn mul_add(acc: i64, a: i64, b: i64) -> i64 {
        acc.wrapping_add(a.wrapping_mul(b))
    }
}

impl Exact for i32 {
    const ZERO: i32 = 0;
    fn mul_add(acc: i32, a: i32, b: i32) -> i32 {
        acc.wrapping_add(a.wrapping_mul(b))
    }
}

/// Bools, one byte each: the `or` of `and`s, 0 or 1.
impl Exact for u8 {
    const ZERO: u8 = 0;
    fn mul_add(acc: u8, a: u8, b: u8) -> u8 {
        acc | u8::from(a != 0 && b != 0)
    }
}

/// `dst = lhs · rhs` for integers and bools, row by row (rows in parallel when large).
///
/// # Safety
/// As [`gemm`].
unsafe fn exact<T: Exact>(dst: Matrix, lhs: Matrix, rhs: Matrix) {
    let (m, k, n) = (dst.rows, lhs.cols, dst.cols);
    if m == 0 || n == 0 {
        return;
    }
    // SAFETY: `dst` is a fresh C-contiguous `m × n` buffer of `T`.
    let out = unsafe { std::slice::from_raw_parts_mut(dst.data as *mut T, m * n) };
    // Raw pointers are not `Sync`; the operands are only read.
    let (lhs, rhs) = (Shared(lhs), Shared(rhs));
    let row = |(i, out_row): (usize, &mut [T])| {
        let (lhs, rhs) = (lhs.get(), rhs.get());
        out_row.fill(T::ZERO);
        for p in 0..k {
            // SAFETY: `(i, p)` and `(p, j)` lie within the operands.
            let a_ip = unsafe { lhs.at::<T>(i, p).read_unaligned() };
            for (j, slot) in out_row.iter_mut().enumerate() {
                *slot = T::mul_add(*slot, a_ip, unsafe { rhs.at::<T>(p, j).read_unaligned() });
            }
        }
    };
    if threads(m * n * k) > 1 {
        out.par_chunks_mut(n).enumerate().for_each(row);
    } else {
        out.chunks_mut(n).enumerate().for_each(row);
    }
}

/// A matrix read from several threads.
#[derive(Clone, Copy)]
struct Shared(Matrix);

// SAFETY: the matrices `exact` shares are only read while it runs.
unsafe impl Send for Shared {}
unsafe impl Sync for Shared {}

impl Shared {
    fn get(&self) -> Matrix {
        self.0
    }
}
