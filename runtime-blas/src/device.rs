//! Products on the GPU through cuBLAS, loaded at run time like the driver (cudarc's dynamic
//! loading): an executable runs where there is no cuBLAS, and then multiplies on the host.
//!
//! A product of float64 or float32 operands runs on the device when a GPU is in use: the
//! operands are read where they lie (their device copies made current, which moves nothing
//! for arrays made by kernels) and the result stays on the device. cuBLAS is column-major;
//! a row-major product `C = A B` is computed as `C^T = B^T A^T`, and each operand is passed
//! as it lies: a row-contiguous view is its transpose with the row stride as leading
//! dimension, a transposed view (`A.T`) the matrix itself with a transpose flag. Views that
//! are neither (reversed, or strided along both axes) are multiplied on the host.

use std::cell::Cell;

use cudarc::cublas::sys as cublas;
use runtime_abi::{ArrayDesc, DTYPE_F32, DTYPE_F64};
use runtime_core::array;
use runtime_core::errors::{ErrorKind, RtError, RtResult};
use runtime_core::gpu;

use crate::Matrix;

thread_local! {
    /// This thread's cuBLAS handle once made (`Some(None)`: there is no cuBLAS).
    static HANDLE: Cell<Option<Option<usize>>> = const { Cell::new(None) };
}

/// The cuBLAS handle, made at the first product (after the GPU's context is current).
pub(crate) fn handle() -> Option<cublas::cublasHandle_t> {
    HANDLE.with(|cell| {
        if let Some(known) = cell.get() {
            return known.map(|h| h as cublas::cublasHandle_t);
        }
        // SAFETY: only tries to open the library.
        let made = if unsafe { cublas::is_culib_present() } {
            let mut handle: cublas::cublasHandle_t = std::ptr::null_mut();
            // SAFETY: `handle` is written by cuBLAS.
            let status = unsafe { cublas::cublasCreate_v2(&mut handle) };
            (status == cublas::cublasStatus_t::CUBLAS_STATUS_SUCCESS).then_some(handle as usize)
        } else {
            None
        };
        if made.is_none() {
            gpu::trace(|| "no cuBLAS: products run on the host".to_string());
        }
        cell.set(Some(made));
        made.map(|h| h as cublas::cublasHandle_t)
    })
}

/// The cuBLAS call of a product: a GEMM of two matrices (each as `layout` gives it), or a
/// GEMV of a matrix (stored `rows × cols` column-major with leading dimension `ld`, applied
/// through `op`) and a vector (stride `incx`), the matrix the first operand or the second.
#[derive(Clone, Copy, Debug)]
enum Call {
    Gemm { op_a: cublas::cublasOperation_t, lda: i64, op_b: cublas::cublasOperation_t, ldb: i64 },
    Gemv { op: cublas::cublasOperation_t, rows: i64, cols: i64, ld: i64, incx: i64, matrix_first: bool },
}

/// How cuBLAS takes the transpose of `m` (a row-major `rows × cols` view): the matrix as
/// stored column-major, whether to transpose it, and its leading dimension.
fn layout(m: &Matrix) -> Option<(cublas::cublasOperation_t, i64)> {
    let (rows, cols) = (m.rows as i64, m.cols as i64);
    // A stride along an axis of one index is never used.
    let row_stride = if rows <= 1 { cols.max(1) } else { m.row_stride as i64 };
    let col_stride = if cols <= 1 { 1 } else { m.col_stride as i64 };
    if col_stride == 1 && row_stride >= cols.max(1) {
        // Rows contiguous: stored column-major with leading dimension `row_stride`, it is `m^T`.
        Some((cublas::cublasOperation_t::CUBLAS_OP_N, row_stride))
    } else if row_stride == 1 && col_stride >= rows.max(1) {
        // Columns contiguous (a transposed view): stored column-major it is `m` itself.
        Some((cublas::cublasOperation_t::CUBLAS_OP_T, col_stride))
    } else {
        None
    }
}

/// How cuBLAS computes the row-major, contiguous `m × n` product of `lhs` (`m × k`) and
/// `rhs` (`k × n`): a GEMV where one operand is a vector, else a GEMM; `None` where it
/// cannot take the views as they lie, or an axis is empty.
fn call_for(lhs: &Matrix, rhs: &Matrix) -> Option<Call> {
    let (m, k, n) = (lhs.rows as i64, lhs.cols as i64, rhs.cols as i64);
    if m == 0 || n == 0 || k == 0 {
        return None;
    }
    // A vector's stride (BLAS's `inc`, positive); of a vector of one element, 1.
    let inc = |stride: isize| if k <= 1 { Some(1) } else { Some(stride as i64).filter(|&s| s > 0) };
    if n == 1 {
        // A x: cuBLAS's GEMV over A as stored (transposed when its rows are contiguous).
        let (op, ld) = layout(lhs)?;
        let (flip, rows, cols) = if op == cublas::cublasOperation_t::CUBLAS_OP_N {
            (cublas::cublasOperation_t::CUBLAS_OP_T, k, m)
        } else {
            (cublas::cublasOperation_t::CUBLAS_OP_N, m, k)
        };
        return Some(Call::Gemv { op: flip, rows, cols, ld, incx: inc(rhs.row_stride)?, matrix_first: true });
    }
    if m == 1 {
        // x B = B^T x.
        let (op, ld) = layout(rhs)?;
        let (rows, cols) = if op == cublas::cublasOperation_t::CUBLAS_OP_N { (n, k) } else { (k, n) };
        return Some(Call::Gemv { op, rows, cols, ld, incx: inc(lhs.col_stride)?, matrix_first: false });
    }
    let ((op_a, lda), (op_b, ldb)) = (layout(lhs)?, layout(rhs)?);
    Some(Call::Gemm { op_a, lda, op_b, ldb })
}

/// `c = a · b` for row-major contiguous float64 (`f32` false) or float32 matrices (`m × k`
/// by `k × n`) at device addresses, through cuBLAS as products call it, the handle made at
/// the first call; not waited for. False where there is no cuBLAS or the call failed. For
/// `runtime_lib::measure`, which times a process's first products.
///
/// # Safety
/// The addresses hold `m * k`, `k * n` and `m * n` items on the current context's device.
pub unsafe fn gemm_on_device(f32: bool, m: usize, k: usize, n: usize, a: u64, b: u64, c: u64) -> bool {
    let Some(handle) = handle() else { return false };
    let call = Call::Gemm { op_a: cublas::cublasOperation_t::CUBLAS_OP_N, lda: k as i64, op_b: cublas::cublasOperation_t::CUBLAS_OP_N, ldb: n as i64 };
    let dtype = if f32 { DTYPE_F32 } else { DTYPE_F64 };
    // SAFETY: as the caller promises.
    unsafe { run(handle, dtype, call, (m as i64, k as i64, n as i64), a, b, c) }.is_ok()
}

/// `y = A x` (or `A^T x` where `transposed`) for a row-major contiguous `rows × cols`
/// float64 matrix at device addresses, through cuBLAS's GEMV as products call it; not
/// waited for. False where there is no cuBLAS or the call failed. For `runtime_lib::measure`.
///
/// # Safety
/// The addresses hold `rows * cols` float64s and vectors of the lengths the product reads
/// and writes, on the current context's device.
pub unsafe fn gemv_on_device(transposed: bool, rows: usize, cols: usize, a: u64, x: u64, y: u64) -> bool {
    let Some(handle) = handle() else { return false };
    // Stored column-major the row-major matrix is `A^T` (`cols × rows`).
    let op = if transposed { cublas::cublasOperation_t::CUBLAS_OP_N } else { cublas::cublasOperation_t::CUBLAS_OP_T };
    let (rows, cols) = (rows as i64, cols as i64);
    let call = Call::Gemv { op, rows: cols, cols: rows, ld: cols, incx: 1, matrix_first: true };
    // SAFETY: as the caller promises.
    unsafe { run(handle, DTYPE_F64, call, (rows, cols, 1), a, x, y) }.is_ok()
}

/// Runs `call` on device addresses: `a` and `b` where `lhs` and `rhs` start, `c` where the
/// `m × n` result starts.
unsafe fn run(handle: cublas::cublasHandle_t, dtype: i64, call: Call, (m, k, n): (i64, i64, i64), a: u64, b: u64, c: u64) -> RtResult<()> {
    gpu::trace(|| format!("cuBLAS {call:?}: {m}x{k} by {k}x{n}"));
    // SAFETY: the caller's addresses cover the views as `layout` and `inc` describe them.
    let status = unsafe {
        match call {
            // C^T (n × m, leading dimension n) = B^T A^T.
            Call::Gemm { op_a, lda, op_b, ldb } if dtype == DTYPE_F64 => cublas::cublasDgemm_v2_64(
                handle, op_b, op_a, n, m, k, &1.0, b as *const f64, ldb, a as *const f64, lda, &0.0, c as *mut f64, n,
            ),
            Call::Gemm { op_a, lda, op_b, ldb } => cublas::cublasSgemm_v2_64(
                handle, op_b, op_a, n, m, k, &1.0, b as *const f32, ldb, a as *const f32, lda, &0.0, c as *mut f32, n,
            ),
            Call::Gemv { op, rows, cols, ld, incx, matrix_first } => {
                let (matrix, vector) = if matrix_first { (a, b) } else { (b, a) };
                if dtype == DTYPE_F64 {
                    cublas::cublasDgemv_v2_64(
                        handle, op, rows, cols, &1.0, matrix as *const f64, ld, vector as *const f64, incx, &0.0, c as *mut f64, 1,
                    )
                } else {
                    cublas::cublasSgemv_v2_64(
                        handle, op, rows, cols, &1.0, matrix as *const f32, ld, vector as *const f32, incx, &0.0, c as *mut f32, 1,
                    )
                }
            }
        }
    };
    if status != cublas::cublasStatus_t::CUBLAS_STATUS_SUCCESS {
        return Err(RtError::new(ErrorKind::Runtime, format!("cuBLAS {call:?} failed: {status:?}")));
    }
    Ok(())
}

/// One operand of a product on the device: a view (host addresses) into the array `desc`.
pub(crate) struct Operand<'a> {
    pub matrix: Matrix,
    pub desc: &'a ArrayDesc,
}

/// `dst = lhs rhs` on the device when a GPU is in use, the operands are float and cuBLAS
/// takes their views as they lie; `dst` is a row-major contiguous view into a new array
/// whose device copy becomes current (its host copy stale). Returns false, having written
/// nothing, where the product runs on the host.
///
/// # Safety
/// The views must lie within their arrays' held elements.
pub(crate) unsafe fn product(dtype: i64, dst: Operand, lhs: Operand, rhs: Operand) -> RtResult<bool> {
    if !(dtype == DTYPE_F64 || dtype == DTYPE_F32) || !gpu::active()? {
        return Ok(false);
    }
    let Some(call) = call_for(&lhs.matrix, &rhs.matrix) else { return Ok(false) };
    let Some(handle) = handle() else { return Ok(false) };
    // The device address of a view: its array's, plus the view's offset in the array.
    let at = |base: u64, operand: &Operand| base.wrapping_add_signed(operand.matrix.data as i64 - operand.desc.data as i64);
    let (Some(a), Some(b)) = (gpu::device_read(lhs.desc)?, gpu::device_read(rhs.desc)?) else { return Ok(false) };
    let c = gpu::device_write_new(dst.desc)?;
    let shape = (lhs.matrix.rows as i64, lhs.matrix.cols as i64, rhs.matrix.cols as i64);
    unsafe { run(handle, dtype, call, shape, at(a, &lhs), at(b, &rhs), at(c, &dst)) }?;
    Ok(true)
}

/// `a @ b` of whole arrays on the device, the result left there; `None` where it runs on
/// the host (no GPU, no cuBLAS, integer operands, views cuBLAS cannot take, empty axes).
///
/// # Safety
/// Both must be live descriptors of whole (not distributed) arrays.
pub unsafe fn matmul(a: &ArrayDesc, b: &ArrayDesc, out_shape: &[i64]) -> RtResult<Option<*mut ArrayDesc>> {
    let (lhs, rhs) = (Matrix::of(a, true), Matrix::of(b, false));
    if a.dtype != b.dtype || !gpu::active()? || call_for(&lhs, &rhs).is_none() {
        return Ok(None);
    }
    let out = array::alloc_array_uninit(a.dtype, out_shape)?;
    let out_ref = unsafe { &*out };
    let dst = Matrix { data: out_ref.data, rows: lhs.rows, cols: rhs.cols, row_stride: rhs.cols as isize, col_stride: 1 };
    match unsafe { product(a.dtype, Operand { matrix: dst, desc: out_ref }, Operand { matrix: lhs, desc: a }, Operand { matrix: rhs, desc: b }) } {
        Ok(true) => Ok(Some(out)),
        other => {
            unsafe { array::release(out) };
            other.map(|_| None)
        }
    }
}
