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
fn handle() -> Option<cublas::cublasHandle_t> {
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

/// `a @ b` on the device, the result left there; `None` where it runs on the host (no GPU,
/// no cuBLAS, integer operands, views cuBLAS cannot take, empty axes).
///
/// # Safety
/// Both must be live descriptors of whole (not distributed) arrays.
pub unsafe fn matmul(a: &ArrayDesc, b: &ArrayDesc, out_shape: &[i64]) -> RtResult<Option<*mut ArrayDesc>> {
    if a.dtype != b.dtype || !(a.dtype == DTYPE_F64 || a.dtype == DTYPE_F32) || !gpu::active()? {
        return Ok(None);
    }
    let (lhs, rhs) = (Matrix::of(a, true), Matrix::of(b, false));
    let (m, k, n) = (lhs.rows as i64, lhs.cols as i64, rhs.cols as i64);
    if m == 0 || n == 0 || k == 0 {
        return Ok(None);
    }
    let (Some((op_a, lda)), Some((op_b, ldb))) = (layout(&lhs), layout(&rhs)) else { return Ok(None) };
    let Some(handle) = handle() else { return Ok(None) };
    let (Some(a_dev), Some(b_dev)) = (gpu::device_read(a)?, gpu::device_read(b)?) else { return Ok(None) };
    let out = array::alloc_array_uninit(a.dtype, out_shape)?;
    let result = (|| {
        let c_dev = gpu::device_write_new(unsafe { &*out })?;
        gpu::trace(|| format!("cuBLAS gemm {m}x{k} by {k}x{n}"));
        // C^T (n × m, leading dimension n) = B^T A^T.
        // SAFETY: the device addresses cover the views as `layout` describes them.
        let status = unsafe {
            if a.dtype == DTYPE_F64 {
                cublas::cublasDgemm_v2_64(
                    handle, op_b, op_a, n, m, k, &1.0, b_dev as *const f64, ldb, a_dev as *const f64, lda, &0.0,
                    c_dev as *mut f64, n,
                )
            } else {
                cublas::cublasSgemm_v2_64(
                    handle, op_b, op_a, n, m, k, &1.0, b_dev as *const f32, ldb, a_dev as *const f32, lda, &0.0,
                    c_dev as *mut f32, n,
                )
            }
        };
        if status != cublas::cublasStatus_t::CUBLAS_STATUS_SUCCESS {
            return Err(RtError::new(ErrorKind::Runtime, format!("cuBLAS gemm failed: {status:?}")));
        }
        Ok(())
    })();
    match result {
        Ok(()) => Ok(Some(out)),
        Err(e) => {
            unsafe { array::release(out) };
            Err(e)
        }
    }
}
