//! `np.fft`'s complex transforms on the GPU through cuFFT, loaded at run time like cuBLAS
//! (an executable runs where there is none, and transforms on the host).
//!
//! A transform runs on the device when a GPU is in use, the array is complex128 (or float64
//! for `rfft`), whole (not split over ranks) and C-contiguous, and `n` is the axis's extent
//! (no cut or padding):
//! the input is read where it lies (its device copy made current), the result is a new
//! array left on the device, scaled by cuBLAS as `norm` says. A transform along axis `k` of
//! an array of shape `(outer, n, inner)` is one batched plan over the `inner` lanes
//! (stride `inner`), run once per `outer` block; along the last axis, one plan over all
//! lanes. Plans are kept per shape. Everything else (`irfft`, whose cuFFT form overwrites
//! its input and reads the imaginary parts pocketfft ignores; complex64, whose host path
//! computes in float64; cut or padded lanes) runs on the host (`runtime_numpy::fft`).

use std::cell::RefCell;
use std::collections::HashMap;

use cudarc::cublas::sys as cublas;
use cudarc::cufft::sys as cufft;
use runtime_abi::{ArrayDesc, DTYPE_C128, DTYPE_F64, FFT_FORWARD, FFT_INVERSE, FFT_NORM_BACKWARD, FFT_NORM_FORWARD, FFT_NORM_ORTHO, FFT_REAL_FORWARD};
use runtime_core::array;
use runtime_core::errors::{ErrorKind, RtError, RtResult};
use runtime_core::gpu;

/// A plan's shape: points per lane, the stride between a lane's points, the distance between
/// input lanes and between output lanes, the number of lanes, and whether the input is real.
type PlanKey = (i32, i32, i32, i32, i32, bool);

thread_local! {
    /// This thread's cuFFT plans by shape (`None`: cuFFT could not make one).
    static PLANS: RefCell<HashMap<PlanKey, Option<cufft::cufftHandle>>> = RefCell::new(HashMap::new());
}

fn plan(key: PlanKey) -> Option<cufft::cufftHandle> {
    PLANS.with(|plans| {
        *plans.borrow_mut().entry(key).or_insert_with(|| {
            let (points, stride, in_distance, out_distance, lanes, real) = key;
            let mut handle: cufft::cufftHandle = 0;
            let mut n = [points];
            let mut in_embed = [points];
            let mut out_embed = [if real { points / 2 + 1 } else { points }];
            let kind = if real { cufft::cufftType::CUFFT_D2Z } else { cufft::cufftType::CUFFT_Z2Z };
            // SAFETY: the arrays outlive the call; cuFFT writes `handle`.
            let status = unsafe {
                cufft::cufftPlanMany(&mut handle, 1, n.as_mut_ptr(), in_embed.as_mut_ptr(), stride, in_distance, out_embed.as_mut_ptr(), stride, out_distance, kind, lanes)
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

/// The transform `kind` (`FFT_FORWARD`/`FFT_INVERSE`/`FFT_REAL_FORWARD`) of `n` points along `axis` of `a`,
/// scaled as `norm` says, into a new array of `dtype` left on the device; `None` where it
/// runs on the host (see the module).
///
/// # Safety
/// `a` must be a live descriptor.
pub unsafe fn fft_on_device(a: *mut ArrayDesc, n: i64, axis: i64, kind: i64, norm: i64, dtype: i64) -> RtResult<Option<*mut ArrayDesc>> {
    let a = unsafe { array::desc_ref(a) }?;
    let real = kind == FFT_REAL_FORWARD;
    let input = if real { DTYPE_F64 } else { DTYPE_C128 };
    if !matches!(kind, FFT_FORWARD | FFT_INVERSE | FFT_REAL_FORWARD) || a.dtype != input || dtype != DTYPE_C128 || array::dist_of(a).is_some() {
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
    let written = if real { n / 2 + 1 } else { n };
    let outer: i64 = shape[..axis].iter().product();
    let inner: i64 = shape[axis + 1..].iter().product();
    // (stride, input distance, output distance, lanes) and the plan's runs.
    let ((stride, in_distance, out_distance, lanes), repeats) = if inner == 1 { ((1, n, written, outer), 1) } else { ((inner, 1, 1, inner), outer) };
    let fits = |x: i64| i32::try_from(x).ok();
    let (Some(points), Some(stride), Some(in_distance), Some(out_distance), Some(lanes)) = (fits(n), fits(stride), fits(in_distance), fits(out_distance), fits(lanes)) else {
        return Ok(None);
    };
    let Some(handle) = plan((points, stride, in_distance, out_distance, lanes, real)) else { return Ok(None) };
    let Some(src) = gpu::device_read(a)? else { return Ok(None) };
    let mut out_shape = shape.clone();
    out_shape[axis] = written;
    let out = array::alloc_array_uninit(dtype, &out_shape)?;
    let dst = gpu::device_write_new(unsafe { &*out })?;
    // cufft.h's CUFFT_FORWARD and CUFFT_INVERSE (macros, absent from the bindings).
    let direction = if kind == FFT_INVERSE { 1 } else { -1 };
    let (in_block, out_block) = ((n * inner * if real { 8 } else { 16 }) as u64, (written * inner * 16) as u64);
    for r in 0..repeats as u64 {
        let (from, to) = (src + r * in_block, dst + r * out_block);
        // SAFETY: both ranges lie in the arrays' device copies; out of place, the input is kept.
        let status = unsafe {
            if real {
                cufft::cufftExecD2Z(handle, from as *mut cufft::cufftDoubleReal, to as *mut cufft::cufftDoubleComplex)
            } else {
                cufft::cufftExecZ2Z(handle, from as *mut cufft::cufftDoubleComplex, to as *mut cufft::cufftDoubleComplex, direction)
            }
        };
        if status != cufft::cufftResult::CUFFT_SUCCESS {
            unsafe { array::release(out) };
            return Err(RtError::new(ErrorKind::Runtime, format!("cuFFT transform failed: {status:?}")));
        }
    }
    if real {
        // pocketfft's mean (and, for an even length, Nyquist) terms of a real signal have an
        // imaginary part of exactly +0: each such part zeroed (two 32-bit words, strided).
        let mut terms = vec![0i64];
        if n % 2 == 0 && n > 1 {
            terms.push(n / 2);
        }
        for r in 0..repeats as u64 {
            for &t in &terms {
                let (first, pitch, count) = if inner == 1 { (t * 16 + 8, written * 16, outer) } else { (t * inner * 16 + 8, 16, inner) };
                // SAFETY: the words lie in the output's device copy.
                let status = unsafe { cudarc::driver::sys::cuMemsetD2D32_v2(dst + r * out_block + first as u64, pitch as usize, 0, 2, count as usize) };
                if status != cudarc::driver::sys::CUresult::CUDA_SUCCESS {
                    unsafe { array::release(out) };
                    return Err(RtError::new(ErrorKind::Runtime, format!("zeroing a real transform's imaginary parts failed: {status:?}")));
                }
            }
        }
    }
    let scale = match (norm, kind) {
        (FFT_NORM_ORTHO, _) => 1.0 / (n as f64).sqrt(),
        (FFT_NORM_BACKWARD, FFT_INVERSE) | (FFT_NORM_FORWARD, FFT_FORWARD | FFT_REAL_FORWARD) => 1.0 / n as f64,
        _ => 1.0,
    };
    if scale != 1.0 {
        let Some(blas) = crate::device::handle() else {
            unsafe { array::release(out) };
            return Err(RtError::new(ErrorKind::Runtime, "cuBLAS is missing beside cuFFT: the transform cannot be scaled on the device"));
        };
        // SAFETY: `dst` holds the output's complex128 values on the device; `scale` is read at the call.
        let count = array::shape_size(&out_shape);
        let status = unsafe { cublas::cublasZdscal_v2_64(blas, count, &scale, dst as *mut cublas::cuDoubleComplex, 1) };
        if status != cublas::cublasStatus_t::CUBLAS_STATUS_SUCCESS {
            unsafe { array::release(out) };
            return Err(RtError::new(ErrorKind::Runtime, format!("cuBLAS scaling of a transform failed: {status:?}")));
        }
    }
    Ok(Some(out))
}
