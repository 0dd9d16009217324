//! runtime-blas: dense products (`np.dot`, `@`, `np.matmul`; operands of more than two axes
//! are many products of matrices) on one process, a layer on `runtime-core` beside `runtime-numpy`.
//!
//! `float64` and `float32` products run through OpenBLAS's CBLAS GEMV (one operand a
//! vector) or GEMM: a serial OpenBLAS built from source by `scripts/setup.sh` and linked
//! statically (`build.rs`), so a compiled program needs no BLAS library at run time
//! (chosen by measurement, see docs/PERFORMANCE.md). Operands are handed over as they lie
//! wherever CBLAS can take them (a transposed view `A.T` is a transpose flag, a
//! row-strided one a leading dimension); a view with no unit stride along either axis, or
//! a reversed one, is copied to a contiguous temporary first. On several threads the
//! result's rows are split into blocks, one serial OpenBLAS call each (see [`gemm`]).
//! Products of integers and bools keep an exact path of their own with NumPy's wrapping
//! arithmetic (bools: `or` of `and`s). On a GPU, float products of whole arrays run
//! through cuBLAS and leave their result on the device (`device.rs`).

use rayon::prelude::*;
use runtime_abi::{ArrayDesc, DTYPE_F32, DTYPE_F64, DTYPE_I16, DTYPE_I32, DTYPE_I64, DTYPE_I8, DTYPE_U16, DTYPE_U32, DTYPE_U64, DTYPE_U8};

use runtime_abi::plan_table::{PlannedComm, PlannedLayout};
use runtime_core::array::{self, shape_compact};
use runtime_core::errors::{RtError, RtResult};
use runtime_core::{comm, dist, gpu, plan};

mod device;
pub use device::{gemm_on_device, gemv_on_device};
mod fft;
pub use fft::fft_on_device;

/// Multiply-adds above which a product runs on several threads.
const PARALLEL_WORK: usize = runtime_abi::PARALLEL_MADDS;

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

/// NumPy's error for `a @ b` whose summed axes differ (`np.matmul`'s gufunc message).
fn core_mismatch(a_k: i64, b_k: i64) -> RtError {
    RtError::value(format!(
        "matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature (n?,k),(k,m?)->(n?,m?) (size {b_k} is different from {a_k})"
    ))
}

/// The shape of a product of operands of one dtype, or NumPy's error: `np.dot`'s rule
/// (`stacked` false: the last axis of `a` with the second-to-last of `b`, every other axis
/// kept) or `np.matmul`'s (`@`: stacks of matrices, their batch axes broadcast).
fn product_shape(a: &ArrayDesc, b: &ArrayDesc, stacked: bool) -> RtResult<Vec<i64>> {
    if a.dtype != b.dtype {
        return Err(RtError::internal("matmul operands of different dtypes"));
    }
    let (a_shape, b_shape) = (array::shape(a), array::shape(b));
    if a_shape.is_empty() || b_shape.is_empty() {
        return Err(RtError::internal("a matrix product of a 0-d array"));
    }
    let a_axis = a_shape.len() - 1;
    let b_axis = if b_shape.len() == 1 { 0 } else { b_shape.len() - 2 };
    if a_shape[a_axis] != b_shape[b_axis] {
        if stacked {
            return Err(core_mismatch(a_shape[a_axis], b_shape[b_axis]));
        }
        return Err(RtError::value(format!(
            "shapes {} and {} not aligned: {} (dim {a_axis}) != {} (dim {b_axis})",
            shape_compact(a_shape),
            shape_compact(b_shape),
            a_shape[a_axis],
            b_shape[b_axis]
        )));
    }
    if !stacked || (a_shape.len() <= 2 && b_shape.len() <= 2) {
        // np.dot: a's axes but the last, then b's but its summed one.
        let mut out: Vec<i64> = a_shape[..a_axis].to_vec();
        out.extend_from_slice(&b_shape[..b_axis]);
        if b_shape.len() >= 2 {
            out.push(b_shape[b_shape.len() - 1]);
        }
        return Ok(out);
    }
    let batch = |shape: &[i64]| if shape.len() > 2 { shape[..shape.len() - 2].to_vec() } else { Vec::new() };
    let (a_batch, b_batch) = (batch(a_shape), batch(b_shape));
    let n = (a_shape.len() >= 2).then(|| a_shape[a_shape.len() - 2]);
    let m = (b_shape.len() >= 2).then(|| b_shape[b_shape.len() - 1]);
    let mut out = array::broadcast_shapes(&[&a_batch, &b_batch]).map_err(|_| {
        let remapped = |shape: &[i64], batch: &[i64]| {
            let mut parts: Vec<String> = batch.iter().map(i64::to_string).collect();
            parts.extend(["newaxis".to_string(), "newaxis".to_string()]);
            format!("{}->({})", shape_compact(shape), parts.join(","))
        };
        let requested: Vec<i64> = n.into_iter().chain(m).collect();
        RtError::value(format!(
            "operands could not be broadcast together with remapped shapes [original->remapped]: {} {}  and requested shape {}",
            remapped(a_shape, &a_batch),
            remapped(b_shape, &b_batch),
            shape_compact(&requested)
        ))
    })?;
    out.extend(n);
    out.extend(m);
    Ok(out)
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
            DTYPE_I16 => exact::<i16>(dst, lhs, rhs),
            DTYPE_I8 => exact::<i8>(dst, lhs, rhs),
            DTYPE_U64 => exact::<u64>(dst, lhs, rhs),
            DTYPE_U32 => exact::<u32>(dst, lhs, rhs),
            DTYPE_U16 => exact::<u16>(dst, lhs, rhs),
            DTYPE_U8 => exact::<u8>(dst, lhs, rhs),
            _ => exact::<Truth>(dst, lhs, rhs),
        }
    }
}

/// `np.dot(a, b)` (`stacked` false) or `a @ b` / `np.matmul` (`stacked`) of operands of one
/// dtype: a new C-contiguous array. Operands of more than two axes are many matrix
/// products, one per index of the other axes, each a GEMM (or GEMV) on a view.
///
/// # Safety
/// Both descriptors must be live, with their elements in host memory.
pub unsafe fn matmul(a: &ArrayDesc, b: &ArrayDesc, stacked: bool) -> RtResult<*mut ArrayDesc> {
    let out_shape = product_shape(a, b, stacked)?;
    let (a_shape, b_shape) = (array::shape(a), array::shape(b));
    let k = a_shape[a_shape.len() - 1];
    // A product over an empty axis is zeros; otherwise every element is written.
    let out = if k == 0 { array::alloc_array(a.dtype, &out_shape) } else { array::alloc_array_uninit(a.dtype, &out_shape) }?;
    let out_data = unsafe { (*out).data };
    let item = array::elem_size(a.dtype)? as isize;
    if a_shape.len() <= 2 && b_shape.len() <= 2 {
        let lhs = Matrix::of(a, true);
        let rhs = Matrix::of(b, false);
        // The result as a C-contiguous `lhs.rows × rhs.cols` matrix.
        let dst = Matrix { data: out_data, rows: lhs.rows, cols: rhs.cols, row_stride: rhs.cols as isize, col_stride: 1 };
        unsafe { product(a.dtype, dst, lhs, rhs) };
        return Ok(out);
    }
    // The last two axes of an operand as a matrix at `offset` elements (a 1-D operand as
    // one row of `a` or one column of `b`).
    let matrix = |desc: &ArrayDesc, offset: isize, as_row: bool| {
        let (shape, strides) = (array::shape(desc), array::strides(desc));
        let r = shape.len();
        let data = desc.data.wrapping_offset(offset * item);
        if r == 1 {
            let m = Matrix::of(desc, as_row);
            return Matrix { data, ..m };
        }
        Matrix { data, rows: shape[r - 2] as usize, cols: shape[r - 1] as usize, row_stride: strides[r - 2] as isize, col_stride: strides[r - 1] as isize }
    };
    if stacked {
        // Batch axes broadcast; the result's last (one or two) axes are each product's.
        let core = usize::from(a_shape.len() >= 2) + usize::from(b_shape.len() >= 2);
        let batch = &out_shape[..out_shape.len() - core];
        let n = if a_shape.len() >= 2 { a_shape[a_shape.len() - 2] } else { 1 };
        let m = if b_shape.len() >= 2 { b_shape[b_shape.len() - 1] } else { 1 };
        // An operand's element offset of a batch index (broadcast axes have stride 0).
        let offset_of = |desc: &ArrayDesc, index: &[i64]| -> isize {
            let (shape, strides) = (array::shape(desc), array::strides(desc));
            let own = shape.len().saturating_sub(2);
            let pad = index.len() - own;
            (0..own).map(|d| if shape[d] == 1 { 0 } else { index[pad + d] as isize * strides[d] as isize }).sum()
        };
        let mut position = 0isize;
        array::for_each_index(batch, |index| {
            let lhs = matrix(a, offset_of(a, index), true);
            let rhs = matrix(b, offset_of(b, index), false);
            let dst = Matrix { data: out_data.wrapping_offset(position * n as isize * m as isize * item), rows: n as usize, cols: m as usize, row_stride: m as isize, col_stride: 1 };
            unsafe { product(a.dtype, dst, lhs, rhs) };
            position += 1;
        });
        return Ok(out);
    }
    // np.dot: `a` as one matrix of its rows (all axes but the last), times every matrix of
    // `b` (its last two axes) into the result's columns for that index of `b`'s others.
    let a_copy = if a_shape.len() > 2 { Some(unsafe { runtime_core::host::contiguous_copy(a) }?) } else { None };
    let a_rows_desc = a_copy.map(|c| unsafe { &*c }).unwrap_or(a);
    let rows = a_shape[..a_shape.len() - 1].iter().product::<i64>() as usize;
    let lhs = if a_shape.len() > 2 {
        Matrix { data: a_rows_desc.data, rows, cols: k as usize, row_stride: k as isize, col_stride: 1 }
    } else {
        Matrix::of(a, true)
    };
    let b_batch: Vec<i64> = b_shape[..b_shape.len().saturating_sub(2)].to_vec();
    let m = if b_shape.len() >= 2 { b_shape[b_shape.len() - 1] } else { 1 };
    let per_row = b_batch.iter().product::<i64>() * m;
    let b_strides = array::strides(b);
    let mut position = 0isize;
    array::for_each_index(&b_batch, |index| {
        let offset: isize = index.iter().zip(b_strides).map(|(&i, &s)| i as isize * s as isize).sum();
        let rhs = matrix(b, offset, false);
        let dst = Matrix { data: out_data.wrapping_offset(position * m as isize * item), rows, cols: m as usize, row_stride: per_row as isize, col_stride: 1 };
        unsafe { product(a.dtype, dst, lhs, rhs) };
        position += 1;
    });
    if let Some(copy) = a_copy {
        unsafe { array::release(copy) };
    }
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
pub unsafe fn matmul_by_rows(a: *mut ArrayDesc, b: *mut ArrayDesc, stacked: bool) -> RtResult<Option<*mut ArrayDesc>> {
    let a_ref = unsafe { array::desc_ref(a) }?;
    let planned_rows = plan::made_here().is_some_and(|made| matches!(made.layout, PlannedLayout::Rows { .. }));
    if a_ref.ndim != 2 || unsafe { array::desc_ref(b) }?.ndim > 2 || comm::size() < 2 || !planned_rows {
        return Ok(None);
    }
    let Some((lo, hi)) = dist::owned_rows(a_ref) else { return Ok(None) };
    let b_whole = unsafe { dist::replicated(b) }?;
    let result = (|| {
        let b_ref = unsafe { array::desc_ref(b_whole) }?;
        let out_shape = product_shape(a_ref, b_ref, stacked)?;
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

/// `a @ b` of whole (not distributed) float operands on the GPU through cuBLAS, the result
/// left on the device, when a GPU is in use; `None` otherwise (see `device.rs`).
///
/// # Safety
/// Both must be live descriptors.
pub unsafe fn matmul_on_device(a: *mut ArrayDesc, b: *mut ArrayDesc, stacked: bool) -> RtResult<Option<*mut ArrayDesc>> {
    let (a_ref, b_ref) = unsafe { (array::desc_ref(a)?, array::desc_ref(b)?) };
    if array::dist_of(a_ref).is_some() || array::dist_of(b_ref).is_some() || a_ref.ndim > 2 || b_ref.ndim > 2 {
        return Ok(None);
    }
    let out_shape = product_shape(a_ref, b_ref, stacked)?;
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
pub unsafe fn matmul_split_inner(a: *mut ArrayDesc, b: *mut ArrayDesc, stacked: bool) -> RtResult<Option<*mut ArrayDesc>> {
    let (a_ref, b_ref) = unsafe { (array::desc_ref(a)?, array::desc_ref(b)?) };
    if comm::size() < 2 || !plan::plans(PlannedComm::Allreduce) || a_ref.ndim > 2 || b_ref.ndim > 2 {
        return Ok(None);
    }
    let out_shape = product_shape(a_ref, b_ref, stacked)?;
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

/// How many threads a product of `work` multiply-adds uses: rayon's (`RAYON_NUM_THREADS`,
/// which MPI runs set to one per rank) above [`PARALLEL_WORK`], else one.
fn threads(work: usize) -> usize {
    if work >= PARALLEL_WORK {
        rayon::current_num_threads()
    } else {
        1
    }
}

/// A float type OpenBLAS multiplies: its CBLAS GEMM and GEMV.
trait Float: Copy + Send + Sync + std::ops::AddAssign + 'static {
    const ZERO: Self;
    /// `cblas_?gemm` (row-major), `alpha = 1`, `beta = 0`.
    #[allow(clippy::too_many_arguments)]
    unsafe fn gemm(ta: i32, tb: i32, m: i32, n: i32, k: i32, a: *const Self, lda: i32, b: *const Self, ldb: i32, c: *mut Self, ldc: i32);
    /// `cblas_?gemv` (row-major), `alpha = 1`, `beta = 0`.
    #[allow(clippy::too_many_arguments)]
    unsafe fn gemv(trans: i32, m: i32, n: i32, a: *const Self, lda: i32, x: *const Self, incx: i32, y: *mut Self, incy: i32);
}

/// The CBLAS functions of the OpenBLAS `scripts/setup.sh` builds (linked by `build.rs`).
mod cblas {
    pub const ROW_MAJOR: i32 = 101;
    pub const NO_TRANS: i32 = 111;
    pub const TRANS: i32 = 112;
    unsafe extern "C" {
        #[allow(clippy::too_many_arguments)]
        pub fn cblas_dgemm(order: i32, ta: i32, tb: i32, m: i32, n: i32, k: i32, alpha: f64, a: *const f64, lda: i32, b: *const f64, ldb: i32, beta: f64, c: *mut f64, ldc: i32);
        #[allow(clippy::too_many_arguments)]
        pub fn cblas_sgemm(order: i32, ta: i32, tb: i32, m: i32, n: i32, k: i32, alpha: f32, a: *const f32, lda: i32, b: *const f32, ldb: i32, beta: f32, c: *mut f32, ldc: i32);
        #[allow(clippy::too_many_arguments)]
        pub fn cblas_dgemv(order: i32, trans: i32, m: i32, n: i32, alpha: f64, a: *const f64, lda: i32, x: *const f64, incx: i32, beta: f64, y: *mut f64, incy: i32);
        /// OpenBLAS's start-up (reads its environment, picks the kernels for this CPU). Its
        /// constructor (and destructor) are removed from the archive (`scripts/setup.sh`), so
        /// that programs without products link none of OpenBLAS; [`super::gemm`] calls it once.
        pub fn gotoblas_init();
        #[allow(clippy::too_many_arguments)]
        pub fn cblas_sgemv(order: i32, trans: i32, m: i32, n: i32, alpha: f32, a: *const f32, lda: i32, x: *const f32, incx: i32, beta: f32, y: *mut f32, incy: i32);
    }
}

impl Float for f64 {
    const ZERO: f64 = 0.0;
    unsafe fn gemm(ta: i32, tb: i32, m: i32, n: i32, k: i32, a: *const f64, lda: i32, b: *const f64, ldb: i32, c: *mut f64, ldc: i32) {
        unsafe { cblas::cblas_dgemm(cblas::ROW_MAJOR, ta, tb, m, n, k, 1.0, a, lda, b, ldb, 0.0, c, ldc) }
    }
    unsafe fn gemv(trans: i32, m: i32, n: i32, a: *const f64, lda: i32, x: *const f64, incx: i32, y: *mut f64, incy: i32) {
        unsafe { cblas::cblas_dgemv(cblas::ROW_MAJOR, trans, m, n, 1.0, a, lda, x, incx, 0.0, y, incy) }
    }
}

impl Float for f32 {
    const ZERO: f32 = 0.0;
    unsafe fn gemm(ta: i32, tb: i32, m: i32, n: i32, k: i32, a: *const f32, lda: i32, b: *const f32, ldb: i32, c: *mut f32, ldc: i32) {
        unsafe { cblas::cblas_sgemm(cblas::ROW_MAJOR, ta, tb, m, n, k, 1.0, a, lda, b, ldb, 0.0, c, ldc) }
    }
    unsafe fn gemv(trans: i32, m: i32, n: i32, a: *const f32, lda: i32, x: *const f32, incx: i32, y: *mut f32, incy: i32) {
        unsafe { cblas::cblas_sgemv(cblas::ROW_MAJOR, trans, m, n, 1.0, a, lda, x, incx, 0.0, y, incy) }
    }
}

/// The largest extent or leading dimension CBLAS takes (its integers are 32-bit).
const BLAS_MAX: usize = i32::MAX as usize;

/// How CBLAS (row-major) takes a `rows × cols` view: whether it is the transpose of the
/// row-major matrix it lies as, and the leading dimension; `None` where it has no unit
/// stride along either axis (or a negative one) and must be copied first. A stride along
/// an axis of one index is never read, so any value does.
fn layout(m: &Matrix) -> Option<(i32, usize)> {
    let (rows, cols) = (m.rows.max(1) as isize, m.cols.max(1) as isize);
    let row_stride = if m.rows <= 1 { None } else { Some(m.row_stride) };
    let col_stride = if m.cols <= 1 { None } else { Some(m.col_stride) };
    let (trans, ld) = match (row_stride, col_stride) {
        // Rows contiguous: the row-major matrix itself, its row stride the leading dimension.
        (rs, None | Some(1)) if rs.unwrap_or(cols) >= cols => (cblas::NO_TRANS, rs.unwrap_or(cols)),
        // Columns contiguous (a transposed view): the transpose of a row-major `cols × rows`.
        (None | Some(1), cs) if cs.unwrap_or(rows) >= rows => (cblas::TRANS, cs.unwrap_or(rows)),
        _ => return None,
    };
    (ld as usize <= BLAS_MAX).then_some((trans, ld as usize))
}

/// A vector's stride for CBLAS (`len` elements `stride` apart), `None` where it must be copied.
fn increment(len: usize, stride: isize) -> Option<i32> {
    if len <= 1 {
        Some(1)
    } else if stride >= 1 && stride as usize <= BLAS_MAX {
        Some(stride as i32)
    } else {
        None
    }
}

/// `m` copied into a fresh C-contiguous buffer of `T`s, and the matrix it makes.
///
/// # Safety
/// `m` must describe live memory of `T`s.
unsafe fn contiguous<T: Float>(m: &Matrix) -> (Vec<T>, Matrix) {
    let mut copy = Vec::with_capacity(m.rows * m.cols);
    for i in 0..m.rows {
        for j in 0..m.cols {
            // SAFETY: `(i, j)` lies within `m`.
            copy.push(unsafe { m.at::<T>(i, j).read_unaligned() });
        }
    }
    let matrix = Matrix { data: copy.as_mut_ptr() as *mut u8, rows: m.rows, cols: m.cols, row_stride: m.cols as isize, col_stride: 1 };
    (copy, matrix)
}

/// `dst = lhs · rhs` on this thread, one CBLAS call: a GEMV where one operand is a vector
/// (one row of `lhs`, or one column of `rhs`), a GEMM otherwise. Views are handed over as
/// they lie (a transposed view is a transpose flag, a row-strided one a leading dimension);
/// one with no unit stride, or a reversed one, is copied first. `dst` is row-major with
/// unit column stride; extents fit CBLAS's integers (see [`gemm`]).
///
/// # Safety
/// As [`gemm`]; no extent is zero.
unsafe fn gemm_serial<T: Float>(dst: Matrix, lhs: Matrix, rhs: Matrix) {
    let (m, k, n) = (dst.rows, lhs.cols, dst.cols);
    debug_assert!(dst.col_stride == 1 || n == 1);
    let mut copies: Vec<Vec<T>> = Vec::new();
    let mut as_laid = |matrix: Matrix| match layout(&matrix) {
        Some((trans, ld)) => (matrix, trans, ld),
        None => {
            // SAFETY: the caller's.
            let (copy, contiguous) = unsafe { contiguous::<T>(&matrix) };
            copies.push(copy);
            (contiguous, cblas::NO_TRANS, matrix.cols.max(1))
        }
    };
    let ldc = if m <= 1 { n.max(1) } else { dst.row_stride as usize };
    let d = dst.data as *mut T;
    // SAFETY (the calls): every operand is read within its extents, `dst` written within its.
    if n == 1 {
        // A column `dst = lhs · x`: the column of `rhs` as a vector.
        let (x, incx) = match increment(k, rhs.row_stride) {
            Some(incx) => (rhs, incx),
            None => (as_laid(rhs).0, 1),
        };
        let (a, trans, lda) = as_laid(lhs);
        let incy = if m <= 1 { 1 } else { dst.row_stride as i32 };
        // CBLAS's matrix is the row-major one `lhs` lies as: `lhs` itself, or its transpose.
        let (rows, cols) = if trans == cblas::NO_TRANS { (m, k) } else { (k, m) };
        unsafe { T::gemv(trans, rows as i32, cols as i32, a.data as *const T, lda as i32, x.data as *const T, incx, d, incy) };
    } else if m == 1 {
        // A row `dst = x · rhs`, computed as the column `rhs^T · x`.
        let (x, incx) = match increment(k, lhs.col_stride) {
            Some(incx) => (lhs, incx),
            None => (as_laid(lhs).0, 1),
        };
        let (b, trans, ldb) = as_laid(rhs);
        let (rows, cols, trans) = if trans == cblas::NO_TRANS { (k, n, cblas::TRANS) } else { (n, k, cblas::NO_TRANS) };
        unsafe { T::gemv(trans, rows as i32, cols as i32, b.data as *const T, ldb as i32, x.data as *const T, incx, d, 1) };
    } else {
        let (a, ta, lda) = as_laid(lhs);
        let (b, tb, ldb) = as_laid(rhs);
        unsafe {
            T::gemm(ta, tb, m as i32, n as i32, k as i32, a.data as *const T, lda as i32, b.data as *const T, ldb as i32, d, ldc as i32)
        };
    }
    drop(copies);
}

/// How a product is split into blocks, each one serial CBLAS call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Split {
    /// Contiguous blocks of the result's rows.
    Rows,
    /// Contiguous blocks of the result's columns (a result of fewer rows than columns).
    Cols,
    /// Blocks of the summed axis, their partial products added in block order: a result
    /// far smaller than the summed axis (`X.T @ v`, `u @ v`, `X.T @ X`).
    Inner,
}

/// The split of an `m × k` by `k × n` product over `threads` threads, and the number of
/// blocks: at least enough that the split extent fits CBLAS's integers. (Two extents
/// beyond them cannot be in memory at once: a `k` past 2³¹ leaves `m` and `n` tiny, which
/// splits `k`; an `m` or `n` past it leaves the other two tiny, which splits it.)
/// A matrix-vector product (one result column or row) on several threads gets
/// [`GEMV_BLOCKS_PER_THREAD`] blocks per thread, which rayon balances: it streams the matrix
/// once, so one late thread with a single block would delay the whole product. (A GEMM keeps
/// one block per thread: each block packs the other operand again.)
fn split(m: usize, k: usize, n: usize, threads: usize) -> (Split, usize) {
    let (how, extent) = if m.saturating_mul(n).saturating_mul(threads.max(2)) <= k {
        (Split::Inner, k)
    } else if m >= n {
        (Split::Rows, m)
    } else {
        (Split::Cols, n)
    };
    let per_thread = if how != Split::Inner && m.min(n) == 1 && threads > 1 { GEMV_BLOCKS_PER_THREAD } else { 1 };
    (how, threads.saturating_mul(per_thread).min(extent).max(extent.div_ceil(BLAS_MAX)).max(1))
}

/// See [`split`].
const GEMV_BLOCKS_PER_THREAD: usize = 4;

/// OpenBLAS's initialisation, once, before any call into it.
fn init_openblas() {
    static OPENBLAS: std::sync::Once = std::sync::Once::new();
    // SAFETY: OpenBLAS's start-up, called once.
    OPENBLAS.call_once(|| unsafe { cblas::gotoblas_init() });
}

/// `c = a · b` for row-major `n × n` float64 matrices, one serial `cblas_dgemm` on this
/// thread (the runtime's OpenBLAS, as products call it): for `runtime_lib::measure`, which
/// times it for a machine description.
///
/// # Panics
/// When a slice holds fewer than `n * n` elements or `n` exceeds CBLAS's integers.
pub fn dgemm_square(n: usize, a: &[f64], b: &[f64], c: &mut [f64]) {
    assert!(a.len() >= n * n && b.len() >= n * n && c.len() >= n * n && n <= BLAS_MAX, "dgemm_square: operands of fewer than n * n elements");
    if n == 0 {
        return;
    }
    init_openblas();
    let n = n as i32;
    // SAFETY: the three slices hold `n * n` elements each; `c` is borrowed mutably, apart.
    unsafe { cblas::cblas_dgemm(cblas::ROW_MAJOR, cblas::NO_TRANS, cblas::NO_TRANS, n, n, n, 1.0, a.as_ptr(), n, b.as_ptr(), n, 0.0, c.as_mut_ptr(), n) };
}

/// `c = a · b` for row-major `n × n` matrices of float64 (`F32` false) or float32, as
/// products run (split over the current rayon pool's threads like [`gemm`]): for
/// `runtime_lib::measure`, which times it with 1, 2, 4... threads for a machine
/// description. `a`, `b` and `c` hold `n * n` elements of that type, as bytes.
///
/// # Panics
/// When a slice is too short or `n` exceeds CBLAS's integers.
pub fn gemm_square_parallel(n: usize, f32_items: bool, a: &[u8], b: &[u8], c: &mut [u8]) {
    let item = if f32_items { 4 } else { 8 };
    assert!(a.len() >= n * n * item && b.len() >= n * n * item && c.len() >= n * n * item && n <= BLAS_MAX, "gemm_square_parallel: operands too short");
    let matrix = |data: *mut u8| Matrix { data, rows: n, cols: n, row_stride: n as isize, col_stride: 1 };
    let (a, b, c) = (matrix(a.as_ptr() as *mut u8), matrix(b.as_ptr() as *mut u8), matrix(c.as_mut_ptr()));
    // SAFETY: three distinct buffers of `n * n` items each, row-major; only `c` is written.
    unsafe {
        if f32_items {
            gemm::<f32>(c, a, b)
        } else {
            gemm::<f64>(c, a, b)
        }
    }
}

/// `dst = lhs · rhs` through OpenBLAS (serial, built by `scripts/setup.sh`). On more than one
/// thread ([`threads`]) the result's rows (or columns) are split into contiguous blocks, one
/// serial call each; a result far smaller than the summed axis splits that axis instead and
/// adds the partial products in block order, so results depend only on the thread count.
///
/// # Safety
/// The matrices must describe live memory of `T`s; `dst` must not overlap the operands and
/// is row-major with unit column stride.
unsafe fn gemm<T: Float>(dst: Matrix, lhs: Matrix, rhs: Matrix) {
    let (m, k, n) = (dst.rows, lhs.cols, dst.cols);
    if m == 0 || n == 0 || k == 0 {
        return;
    }
    init_openblas();
    let (how, blocks) = split(m, k, n, threads(m.saturating_mul(n).saturating_mul(k)));
    if blocks == 1 {
        return unsafe { gemm_serial::<T>(dst, lhs, rhs) };
    }
    let block = |b: usize, extent: usize| (extent * b / blocks, extent * (b + 1) / blocks);
    let item = std::mem::size_of::<T>() as isize;
    let (dst_s, lhs_s, rhs_s) = (Shared(dst), Shared(lhs), Shared(rhs));
    let run = |b: usize| {
        let (mut d, mut l, mut r) = (dst_s.get(), lhs_s.get(), rhs_s.get());
        match how {
            Split::Rows => {
                let (lo, hi) = block(b, m);
                d.data = d.data.wrapping_offset(lo as isize * d.row_stride * item);
                l.data = l.data.wrapping_offset(lo as isize * l.row_stride * item);
                (d.rows, l.rows) = (hi - lo, hi - lo);
            }
            Split::Cols => {
                let (lo, hi) = block(b, n);
                d.data = d.data.wrapping_offset(lo as isize * d.col_stride * item);
                r.data = r.data.wrapping_offset(lo as isize * r.col_stride * item);
                (d.cols, r.cols) = (hi - lo, hi - lo);
            }
            Split::Inner => unreachable!(),
        }
        if d.rows > 0 && d.cols > 0 {
            // SAFETY: the blocks are disjoint parts of `dst` and parts of the operands.
            unsafe { gemm_serial::<T>(d, l, r) };
        }
    };
    let parallel = blocks > 1 && threads(usize::MAX) > 1;
    if how != Split::Inner {
        if parallel {
            (0..blocks).into_par_iter().for_each(run);
        } else {
            (0..blocks).for_each(run);
        }
        return;
    }
    // The summed axis in blocks: block 0 into `dst`, the others into buffers of their own,
    // then added to `dst` in block order.
    let partial = |b: usize| -> Option<Vec<T>> {
        let (lo, hi) = block(b, k);
        let (mut l, mut r) = (lhs_s.get(), rhs_s.get());
        l.data = l.data.wrapping_offset(lo as isize * l.col_stride * item);
        r.data = r.data.wrapping_offset(lo as isize * r.row_stride * item);
        (l.cols, r.rows) = (hi - lo, hi - lo);
        let mut d = dst_s.get();
        let mut buffer = Vec::new();
        if b > 0 {
            buffer = vec![T::ZERO; m * n];
            d = Matrix { data: buffer.as_mut_ptr() as *mut u8, rows: m, cols: n, row_stride: n as isize, col_stride: 1 };
        }
        // SAFETY: block 0 (never empty: there are at most `k` blocks) writes `dst`, the
        // others their own buffers.
        unsafe { gemm_serial::<T>(d, l, r) };
        (b > 0).then_some(buffer)
    };
    let parts: Vec<Option<Vec<T>>> = if parallel { (0..blocks).into_par_iter().map(partial).collect() } else { (0..blocks).map(partial).collect() };
    for part in parts.into_iter().flatten() {
        for i in 0..m {
            for j in 0..n {
                // SAFETY: `(i, j)` lies within `dst`.
                unsafe { *(dst.at::<T>(i, j) as *mut T) += part[i * n + j] };
            }
        }
    }
}

/// An element type of the exact path: NumPy's wrapping integer arithmetic, or bools.
trait Exact: Copy + Send + Sync + 'static {
    const ZERO: Self;
    fn mul_add(acc: Self, a: Self, b: Self) -> Self;
}

/// Integers of every width wrap as NumPy's do.
macro_rules! exact_int {
    ($($t:ty),*) => {$(
        impl Exact for $t {
            const ZERO: $t = 0;
            fn mul_add(acc: $t, a: $t, b: $t) -> $t {
                acc.wrapping_add(a.wrapping_mul(b))
            }
        }
    )*};
}
exact_int!(i8, i16, i32, i64, u8, u16, u32, u64);

/// Bools, one byte each: the `or` of `and`s, 0 or 1.
#[derive(Clone, Copy)]
#[repr(transparent)]
struct Truth(u8);

impl Exact for Truth {
    const ZERO: Truth = Truth(0);
    fn mul_add(acc: Truth, a: Truth, b: Truth) -> Truth {
        Truth(acc.0 | u8::from(a.0 != 0 && b.0 != 0))
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A deterministic pseudo-random value in [-1, 1).
    fn value(seed: usize) -> f64 {
        let x = (seed as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(17).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        (x >> 11) as f64 / (1u64 << 52) as f64 - 1.0
    }

    /// How an operand lies in memory.
    #[derive(Clone, Copy, Debug)]
    enum Lay {
        /// C-contiguous.
        Rows,
        /// A transposed view (`A.T` of a C-contiguous array).
        Transposed,
        /// Every other row and column of a larger array (no unit stride).
        Strided,
        /// Rows reversed (`A[::-1]`).
        Reversed,
        /// Rows of a wider array (`A[:, :cols]`): a leading dimension.
        Padded,
    }

    const LAYS: [Lay; 5] = [Lay::Rows, Lay::Transposed, Lay::Strided, Lay::Reversed, Lay::Padded];

    /// A `rows × cols` operand of `T`s laid out as `lay`, its storage, and its values.
    fn operand<T: Float + From<f32>>(rows: usize, cols: usize, lay: Lay, seed: usize) -> (Vec<T>, Matrix, Vec<f64>) {
        let values: Vec<f64> = (0..rows * cols).map(|i| f64::from(value(seed * 1_000_003 + i) as f32)).collect();
        let nan = T::from(f32::NAN);
        let (mut storage, row_stride, col_stride, start): (Vec<T>, isize, isize, isize) = match lay {
            Lay::Rows => (vec![nan; rows * cols], cols as isize, 1, 0),
            Lay::Transposed => (vec![nan; rows * cols], 1, rows as isize, 0),
            Lay::Strided => (vec![nan; 4 * rows * cols + 4], 2 * 2 * cols as isize, 2, 0),
            Lay::Reversed => (vec![nan; rows * cols], -(cols as isize), 1, (rows.max(1) as isize - 1) * cols as isize),
            Lay::Padded => (vec![nan; rows * (cols + 3)], cols as isize + 3, 1, 0),
        };
        for i in 0..rows {
            for j in 0..cols {
                storage[(start + i as isize * row_stride + j as isize * col_stride) as usize] = T::from(values[i * cols + j] as f32);
            }
        }
        let data = storage.as_mut_ptr().wrapping_offset(start) as *mut u8;
        (storage, Matrix { data, rows, cols, row_stride, col_stride }, values)
    }

    /// `lhs · rhs` through [`gemm`] into a NaN-filled buffer, checked against sums in f64.
    fn check<T: Float + From<f32> + Into<f64>>(m: usize, k: usize, n: usize, lays: (Lay, Lay), tolerance: f64) -> Vec<T> {
        let (_a, lhs, a) = operand::<T>(m, k, lays.0, 1);
        let (_b, rhs, b) = operand::<T>(k, n, lays.1, 2);
        let mut out = vec![T::from(f32::NAN); m * n];
        let dst = Matrix { data: out.as_mut_ptr() as *mut u8, rows: m, cols: n, row_stride: n as isize, col_stride: 1 };
        if k == 0 {
            out.fill(T::ZERO);
        }
        unsafe { gemm::<T>(dst, lhs, rhs) };
        for i in 0..m {
            for j in 0..n {
                let expected: f64 = (0..k).map(|p| a[i * k + p] * b[p * n + j]).sum();
                // Rounding grows with the length of the sums (as about its square root).
                let scale = (0..k).map(|p| (a[i * k + p] * b[p * n + j]).abs()).sum::<f64>().max(1.0) * (1.0 + (k as f64).sqrt());
                let got: f64 = out[i * n + j].into();
                assert!(
                    (got - expected).abs() <= tolerance * scale,
                    "{m}×{k} · {k}×{n} {lays:?} on {} threads: ({i}, {j}) is {got}, expected {expected} (scale {scale})",
                    rayon::current_num_threads()
                );
            }
        }
        out
    }

    const SHAPES: [(usize, usize, usize); 12] =
        [(1, 1, 1), (1, 7, 1), (7, 5, 6), (7, 1, 6), (1, 5, 6), (7, 5, 1), (3, 0, 4), (40, 33, 1), (1, 33, 40), (2, 2, 2), (5, 300, 1), (1, 300, 3)];

    #[test]
    fn products_of_every_layout_match_sums() {
        for &(m, k, n) in &SHAPES {
            for &l in &LAYS {
                for &r in &LAYS {
                    check::<f64>(m, k, n, (l, r), 1e-14);
                    check::<f32>(m, k, n, (l, r), 1e-5);
                }
            }
        }
    }

    /// Shapes large enough to run on several threads: rows, columns and the summed axis split.
    const LARGE: [(usize, usize, usize); 6] = [(300, 40, 30), (700, 400, 1), (1, 400, 700), (30, 40, 300), (4, 70_000, 1), (1, 300_000, 1)];

    #[test]
    fn split_products_match_sums_and_repeat_exactly() {
        for threads in [1, 2, 3, 5] {
            let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
            pool.install(|| {
                for &(m, k, n) in &LARGE {
                    for lays in [(Lay::Rows, Lay::Rows), (Lay::Transposed, Lay::Padded), (Lay::Strided, Lay::Reversed)] {
                        let first = check::<f64>(m, k, n, lays, 1e-14);
                        let again = check::<f64>(m, k, n, lays, 1e-14);
                        assert!(first.iter().zip(&again).all(|(x, y)| x.to_bits() == y.to_bits()), "{m}×{k}×{n} differs between runs");
                        check::<f32>(m, k, n, lays, 1e-4);
                    }
                }
            });
        }
    }

    #[test]
    fn splits() {
        assert_eq!(split(100, 100, 100, 1), (Split::Rows, 1));
        assert_eq!(split(100, 100, 100, 16), (Split::Rows, 16));
        assert_eq!(split(16384, 16384, 1, 16), (Split::Rows, 64));
        assert_eq!(split(16384, 16384, 1, 1), (Split::Rows, 1));
        assert_eq!(split(1, 16384, 16384, 16), (Split::Cols, 64));
        assert_eq!(split(40, 100, 1, 16), (Split::Rows, 40));
        assert_eq!(split(3, 100, 100, 16), (Split::Cols, 16));
        assert_eq!(split(32, 4_000_000, 1, 16), (Split::Inner, 16));
        assert_eq!(split(1, 10, 1, 16), (Split::Rows, 1));
        assert_eq!(split(1, 3_000_000_000, 1, 1), (Split::Inner, 2));
        assert_eq!(split(3_000_000_000, 2, 1, 1), (Split::Rows, 2));
    }
}
