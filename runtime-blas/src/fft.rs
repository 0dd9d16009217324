//! `np.fft`'s complex transforms on the GPU through cuFFT, loaded at run time like cuBLAS
//! (an executable runs where there is none, and transforms on the host).
//!
//! A transform runs on the device when a GPU is in use, the array is complex128, whole (not
//! split over ranks) and C-contiguous, and `n` is the axis's extent (no cut or padding):
//! the input is read where it lies (its device copy made current), the result is a new
//! array left on the device, scaled by cuBLAS as `norm` says. A transform along axis `k` of
//! an array of shape `(outer, n, inner)` is one batched plan over the `inner` lanes
//! (stride `inner`), run once per `outer` block; along the last axis, one plan over all
//! lanes. Plans are kept per shape. Everything else (real transforms, complex64, whose
//! host path computes in float64, cut or padded lanes) runs on the host (`runtime_numpy::fft`).

use std::cell::RefCell;
use std::collections::HashMap;

use cudarc::cublas::sys as cublas;
use cudarc::cufft::sys as cufft;
use runtime_abi::{ArrayDesc, DTYPE_C128, FFT_FORWARD, FFT_INVERSE, FFT_NORM_BACKWARD, FFT_NORM_FORWARD, FFT_NORM_ORTHO};
use runtime_core::array;
use runtime_core::errors::{ErrorKind, RtError, RtResult};
use runtime_core::gpu;

/// A plan's shape: points per lane, the stride between a lane's points, the distance between
/// lanes, and the number of lanes.
type PlanKey = (i32, i32, i32, i32);

thread_local! {
    /// This thread's cuFFT plans by shape (`None`: cuFFT could not make one).
    static PLANS: RefCell<HashMap<PlanKey, Option<cufft::cufftHandle>>> = RefCell::new(HashMap::new());
}

fn plan(key: PlanKey) -> Option<cufft::cufftHandle> {
    PLANS.with(|plans| {
        *plans.borrow_mut().entry(key).or_insert_with(|| {
            let (points, stride, distance, lanes) = key;
            let mut handle: cufft::cufftHandle = 0;
            let mut n = [points];
            let mut embed = [points];
            // SAFETY: the arrays outlive the call; cuFFT writes `handle`.
            let status = unsafe {
                cufft::cufftPlanMany(&mut handle, 1, n.as_mut_ptr(), embed.as_mut_ptr(), stride, distance, embed.as_mut_ptr(), stride, distance, cufft::cufftType::CUFFT_Z2Z, lanes)
            };
            if status == cufft::cufftResult::CUFFT_SUCCESS {
                Some(handle)
            } else {
                gpu::trace(|| format!("cuFFT could not plan {key:?} ({status:?}): the transform runs on the host"));
                None
            }
        })
    })
}

/// The transform `kind` (`FFT_FORWARD`/`FFT_INVERSE`) of `n` points along `axis` of `a`,
/// scaled as `norm` says, into a new array of `dtype` left on the device; `None` where it
/// runs on the host (see the module).
///
/// # Safety
/// `a` must be a live descriptor.
pub unsafe fn fft_on_device(a: *mut ArrayDesc, n: i64, axis: i64, kind: i64, norm: i64, dtype: i64) -> RtResult<Option<*mut ArrayDesc>> {
    let a = unsafe { array::desc_ref(a) }?;
    if !matches!(kind, FFT_FORWARD | FFT_INVERSE) || a.dtype != DTYPE_C128 || dtype != DTYPE_C128 || array::dist_of(a).is_some() {
        return Ok(None);
    }
    let shape = array::shape(a).to_vec();
    let Some(axis) = usize::try_from(axis).ok().filter(|&x| x < shape.len()) else { return Ok(None) };
    let size = array::shape_size(&shape);
    let contiguous = shape.iter().zip(array::strides(a)).zip(array::contiguous_strides(&shape)).all(|((&e, &s), c)| e <= 1 || s == c);
    if n != shape[axis] || n < 1 || size == 0 || !contiguous || !gpu::active()? {
        return Ok(None);
    }
    // SAFETY: only tries to open the library.
    if !unsafe { cufft::is_culib_present() } {
        return Ok(None);
    }
    let outer: i64 = shape[..axis].iter().product();
    let inner: i64 = shape[axis + 1..].iter().product();
    let (key, repeats) = if inner == 1 { ((n, 1, n, outer), 1) } else { ((n, inner, 1, inner), outer) };
    let fits = |x: i64| i32::try_from(x).ok();
    let (Some(points), Some(stride), Some(distance), Some(lanes)) = (fits(key.0), fits(key.1), fits(key.2), fits(key.3)) else { return Ok(None) };
    let Some(handle) = plan((points, stride, distance, lanes)) else { return Ok(None) };
    let Some(src) = gpu::device_read(a)? else { return Ok(None) };
    let out = array::alloc_array_uninit(dtype, &shape)?;
    let dst = gpu::device_write_new(unsafe { &*out })?;
    // cufft.h's CUFFT_FORWARD and CUFFT_INVERSE (macros, absent from the bindings).
    let direction = if kind == FFT_FORWARD { -1 } else { 1 };
    let block = (n * inner * 16) as u64;
    for r in 0..repeats as u64 {
        let (from, to) = (src + r * block, dst + r * block);
        // SAFETY: both ranges lie in the arrays' device copies; out of place, the input is kept.
        let status = unsafe { cufft::cufftExecZ2Z(handle, from as *mut cufft::cufftDoubleComplex, to as *mut cufft::cufftDoubleComplex, direction) };
        if status != cufft::cufftResult::CUFFT_SUCCESS {
            unsafe { array::release(out) };
            return Err(RtError::new(ErrorKind::Runtime, format!("cuFFT transform failed: {status:?}")));
        }
    }
    let scale = match (norm, kind) {
        (FFT_NORM_ORTHO, _) => 1.0 / (n as f64).sqrt(),
        (FFT_NORM_BACKWARD, FFT_INVERSE) | (FFT_NORM_FORWARD, FFT_FORWARD) => 1.0 / n as f64,
        _ => 1.0,
    };
    if scale != 1.0 {
        let Some(blas) = crate::device::handle() else {
            unsafe { array::release(out) };
            return Err(RtError::new(ErrorKind::Runtime, "cuBLAS is missing beside cuFFT: the transform cannot be scaled on the device"));
        };
        // SAFETY: `dst` holds `size` complex128 values on the device; `scale` is read at the call.
        let status = unsafe { cublas::cublasZdscal_v2_64(blas, size, &scale, dst as *mut cublas::cuDoubleComplex, 1) };
        if status != cublas::cublasStatus_t::CUBLAS_STATUS_SUCCESS {
            unsafe { array::release(out) };
            return Err(RtError::new(ErrorKind::Runtime, format!("cuBLAS scaling of a transform failed: {status:?}")));
        }
    }
    Ok(Some(out))
}
