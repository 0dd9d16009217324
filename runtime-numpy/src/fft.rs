//! `np.fft`: one-dimensional discrete Fourier transforms along an axis of an array, through
//! rustfft (mixed-radix and Bluestein plans, so every length is `O(n log n)`), as NumPy's
//! pocketfft defines them: `n` points per lane (the input cut or padded with zeros), the
//! forward transform unscaled and the inverse scaled by `1/n` (`norm="backward"`), or both
//! by `1/sqrt(n)` (`"ortho"`), or the forward by `1/n` (`"forward"`). Several axes
//! (`fft2`, `fftn`) are one axis after another. The arithmetic is float64's; a complex64
//! result is rounded at the end.

use realfft::RealFftPlanner;
use rustfft::num_complex::Complex64;
use rustfft::FftPlanner;

use runtime_abi::{ArrayDesc, DTYPE_C128, DTYPE_C64, DTYPE_F32};
use runtime_core::array::{self, shape_size, Scalar};
use runtime_core::errors::{RtError, RtResult};

use runtime_abi::{FFT_FORWARD, FFT_INVERSE, FFT_NORM_BACKWARD as NORM_BACKWARD, FFT_NORM_FORWARD as NORM_FORWARD, FFT_NORM_ORTHO as NORM_ORTHO, FFT_REAL_FORWARD, FFT_REAL_INVERSE};

/// Writes `value` into the C-contiguous `out` (of dtype `dtype`) at flat position `at`.
///
/// # Safety
/// `out` must hold more than `at` elements of `dtype`.
unsafe fn write(out: &ArrayDesc, at: usize, value: Complex64) {
    unsafe {
        match out.dtype {
            DTYPE_C64 => {
                let p = out.data.add(8 * at) as *mut f32;
                p.write_unaligned(value.re as f32);
                p.add(1).write_unaligned(value.im as f32);
            }
            DTYPE_C128 => {
                let p = out.data.add(16 * at) as *mut f64;
                p.write_unaligned(value.re);
                p.add(1).write_unaligned(value.im);
            }
            DTYPE_F32 => (out.data.add(4 * at) as *mut f32).write_unaligned(value.re as f32),
            _ => (out.data.add(8 * at) as *mut f64).write_unaligned(value.re),
        }
    }
}

/// The planners (their plans are kept: a program transforms one length many times).
static PLANNERS: std::sync::Mutex<Option<(FftPlanner<f64>, RealFftPlanner<f64>)>> = std::sync::Mutex::new(None);

/// A lane's values `k = 0..count` at `ptr + k * step` bytes, as complex numbers.
///
/// # Safety
/// Every address read must hold a value of `dtype`.
unsafe fn read_lane(dtype: i64, ptr: *const u8, step: isize, out: &mut [Complex64]) {
    for (k, slot) in out.iter_mut().enumerate() {
        let at = unsafe { ptr.offset(k as isize * step) };
        *slot = unsafe {
            match dtype {
                DTYPE_C128 => Complex64::new((at as *const f64).read_unaligned(), (at.add(8) as *const f64).read_unaligned()),
                DTYPE_C64 => Complex64::new((at as *const f32).read_unaligned() as f64, (at.add(4) as *const f32).read_unaligned() as f64),
                runtime_abi::DTYPE_F64 => Complex64::new((at as *const f64).read_unaligned(), 0.0),
                DTYPE_F32 => Complex64::new((at as *const f32).read_unaligned() as f64, 0.0),
                _ => Complex64::new(
                    match Scalar::from_bits(dtype, array::read_bits(at, dtype)) {
                        Scalar::Bool(b) => f64::from(u8::from(b)),
                        Scalar::Int(i) => i as f64,
                        Scalar::F32(x) => x as f64,
                        Scalar::F64(x) => x,
                    },
                    0.0,
                ),
            }
        };
    }
}

/// The transform `kind` (`runtime_abi::FFT_*`) of `n` points along `axis` of `a`, scaled as
/// `norm` says, into a new C-contiguous array of `dtype` (complex, or for
/// `FFT_REAL_INVERSE` float). The lanes run in parallel; a real signal's transforms use
/// realfft's half-length plans, as pocketfft's do.
///
/// # Safety
/// `a` must be a live descriptor.
pub unsafe fn fft(a: &ArrayDesc, n: i64, axis: i64, kind: i64, norm: i64, dtype: i64) -> RtResult<*mut ArrayDesc> {
    use rayon::prelude::*;
    let shape = array::shape(a).to_vec();
    let axis = usize::try_from(axis).ok().filter(|&x| x < shape.len()).ok_or_else(|| RtError::internal(format!("fft axis {axis} of a {}-D array", shape.len())))?;
    if n < 1 {
        return Err(RtError::value(format!("Invalid number of FFT data points ({n}) specified.")));
    }
    let points = n as usize;
    let real_input = !matches!(a.dtype, DTYPE_C64 | DTYPE_C128);
    // The values read from each lane, and written to it.
    let (taken, written) = match kind {
        FFT_REAL_FORWARD => (points, points / 2 + 1),
        FFT_REAL_INVERSE => (points / 2 + 1, points),
        _ => (points, points),
    };
    let mut out_shape = shape.clone();
    out_shape[axis] = written as i64;
    let out = array::alloc_array_uninit(dtype, &out_shape)?;
    if shape_size(&out_shape) == 0 {
        return Ok(out);
    }
    let scale = match (norm, kind) {
        (NORM_ORTHO, _) => 1.0 / (points as f64).sqrt(),
        (NORM_BACKWARD, FFT_INVERSE | FFT_REAL_INVERSE) | (NORM_FORWARD, FFT_FORWARD | FFT_REAL_FORWARD) => 1.0 / points as f64,
        _ => 1.0,
    };
    let (complex_plan, r2c, c2r) = {
        let mut guard = PLANNERS.lock().unwrap_or_else(|p| p.into_inner());
        let (planner, real_planner) = guard.get_or_insert_with(|| (FftPlanner::new(), RealFftPlanner::new()));
        match kind {
            FFT_INVERSE => (Some(planner.plan_fft_inverse(points)), None, None),
            FFT_REAL_FORWARD if real_input => (None, Some(real_planner.plan_fft_forward(points)), None),
            FFT_REAL_FORWARD => (Some(planner.plan_fft_forward(points)), None, None),
            FFT_REAL_INVERSE => (None, None, Some(real_planner.plan_fft_inverse(points))),
            _ => (Some(planner.plan_fft_forward(points)), None, None),
        }
    };
    let extent = shape[axis] as usize;
    let item = array::elem_size(a.dtype)? as isize;
    let step = array::strides(a)[axis] as isize * item;
    let mut lane_shape = shape.clone();
    lane_shape[axis] = 1;
    let mut lanes: Vec<Vec<i64>> = Vec::new();
    array::for_each_index(&lane_shape, |lane| lanes.push(lane.to_vec()));
    let out_strides = array::contiguous_strides(&out_shape);
    let (data, in_strides, out_addr) = (a.data as usize, array::strides(a).to_vec(), out as usize);
    let (in_dtype, count) = (a.dtype, taken.min(extent));
    // Each worker: its own buffers, a share of the lanes, and their outputs (disjoint).
    let per = lanes.len().div_ceil(rayon::current_num_threads().max(1) * 4).max(1);
    lanes.par_chunks(per).for_each(|chunk| {
        let out_ref = unsafe { &*(out_addr as *const ArrayDesc) };
        let mut buffer = vec![Complex64::new(0.0, 0.0); points];
        let mut half = vec![Complex64::new(0.0, 0.0); points / 2 + 1];
        let mut real = vec![0.0f64; points];
        let mut scratch = vec![Complex64::new(0.0, 0.0); [
            complex_plan.as_ref().map_or(0, |p| p.get_inplace_scratch_len()),
            r2c.as_ref().map_or(0, |p| p.get_scratch_len()),
            c2r.as_ref().map_or(0, |p| p.get_scratch_len()),
        ]
        .into_iter()
        .max()
        .unwrap_or(0)];
        for lane in chunk {
            let base = array::offset_ptr(data as *mut u8, &in_strides, lane, item as usize) as *const u8;
            let at = |k: usize| -> usize {
                let b: i64 = lane.iter().zip(&out_strides).map(|(i, s)| i * s).sum();
                (b + k as i64 * out_strides[axis]) as usize
            };
            if let Some(plan) = &r2c {
                let mut values = vec![Complex64::new(0.0, 0.0); count];
                unsafe { read_lane(in_dtype, base, step, &mut values) };
                real.iter_mut().for_each(|r| *r = 0.0);
                for (r, v) in real.iter_mut().zip(&values) {
                    *r = v.re;
                }
                let _ = plan.process_with_scratch(&mut real, &mut half, &mut scratch);
                for (k, value) in half.iter().enumerate() {
                    unsafe { write(out_ref, at(k), value * scale) };
                }
            } else if let Some(plan) = &c2r {
                half.iter_mut().for_each(|h| *h = Complex64::new(0.0, 0.0));
                unsafe { read_lane(in_dtype, base, step, &mut half[..count]) };
                // pocketfft reads no imaginary part of the mean and of the Nyquist term.
                half[0].im = 0.0;
                if points % 2 == 0 {
                    half[points / 2].im = 0.0;
                }
                let _ = plan.process_with_scratch(&mut half, &mut real, &mut scratch);
                for (k, value) in real.iter().enumerate() {
                    unsafe { write(out_ref, at(k), Complex64::new(value * scale, 0.0)) };
                }
            } else if let Some(plan) = &complex_plan {
                buffer.iter_mut().for_each(|b| *b = Complex64::new(0.0, 0.0));
                unsafe { read_lane(in_dtype, base, step, &mut buffer[..count]) };
                plan.process_with_scratch(&mut buffer, &mut scratch);
                if real_input && kind == FFT_FORWARD {
                    // The mean of a real signal is real: exactly, as pocketfft computes it.
                    buffer[0].im = 0.0;
                }
                for (k, value) in buffer.iter().take(written).enumerate() {
                    unsafe { write(out_ref, at(k), value * scale) };
                }
            }
        }
    });
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

/// The element of `desc` at `index` as a complex number.
    ///
    /// # Safety
    /// `desc` must be live and `index` in bounds.
    unsafe fn read_complex(desc: &ArrayDesc, index: &[i64]) -> Complex64 {
        match desc.dtype {
            DTYPE_C64 | DTYPE_C128 => {
                let single = desc.dtype == DTYPE_C64;
                let ptr = array::offset_ptr(desc.data, array::strides(desc), index, if single { 8 } else { 16 });
                unsafe {
                    if single {
                        Complex64::new((ptr as *const f32).read_unaligned() as f64, (ptr.add(4) as *const f32).read_unaligned() as f64)
                    } else {
                        Complex64::new((ptr as *const f64).read_unaligned(), (ptr.add(8) as *const f64).read_unaligned())
                    }
                }
            }
            _ => {
                let re = match unsafe { array::read_scalar(desc, index) } {
                    Scalar::Bool(b) => f64::from(u8::from(b)),
                    Scalar::Int(i) => i as f64,
                    Scalar::F32(x) => x as f64,
                    Scalar::F64(x) => x,
                };
                Complex64::new(re, 0.0)
            }
        }
    }

    fn vector(dtype: i64, values: &[f64]) -> *mut ArrayDesc {
        let out = array::alloc_array_uninit(dtype, &[values.len() as i64]).unwrap();
        for (i, v) in values.iter().enumerate() {
            unsafe { write(&*out, i, Complex64::new(*v, 0.0)) };
        }
        out
    }

    fn read(out: *mut ArrayDesc) -> Vec<Complex64> {
        let desc = unsafe { &*out };
        (0..array::shape(desc)[0]).map(|i| unsafe { read_complex(desc, &[i]) }).collect()
    }

    #[test]
    fn transforms_match_the_definition() {
        // x = [1, 2, 0, -1]: X[k] = sum x[j] exp(-2 pi i j k / 4).
        let x = vector(runtime_abi::DTYPE_F64, &[1.0, 2.0, 0.0, -1.0]);
        let spectrum = unsafe { fft(&*x, 4, 0, FFT_FORWARD, NORM_BACKWARD, DTYPE_C128) }.unwrap();
        let expected = [Complex64::new(2.0, 0.0), Complex64::new(1.0, -3.0), Complex64::new(0.0, 0.0), Complex64::new(1.0, 3.0)];
        for (got, want) in read(spectrum).iter().zip(expected) {
            assert!((got - want).norm() < 1e-12, "{got} != {want}");
        }
        // The inverse brings the signal back; the real inverse of the half spectrum too.
        let back = unsafe { fft(&*spectrum, 4, 0, FFT_INVERSE, NORM_BACKWARD, DTYPE_C128) }.unwrap();
        let half = unsafe { fft(&*x, 4, 0, FFT_REAL_FORWARD, NORM_BACKWARD, DTYPE_C128) }.unwrap();
        assert_eq!(array::shape(unsafe { &*half }), &[3]);
        let real = unsafe { fft(&*half, 4, 0, FFT_REAL_INVERSE, NORM_BACKWARD, runtime_abi::DTYPE_F64) }.unwrap();
        for (signal, (b, r)) in [1.0, 2.0, 0.0, -1.0].iter().zip(read(back).iter().zip(read(real))) {
            assert!((b.re - signal).abs() < 1e-12 && b.im.abs() < 1e-12 && (r.re - signal).abs() < 1e-12);
        }
        // Fewer points than the lane cuts it; zero points is NumPy's ValueError.
        let cut = unsafe { fft(&*x, 2, 0, FFT_FORWARD, NORM_ORTHO, DTYPE_C128) }.unwrap();
        let s = 1.0 / 2f64.sqrt();
        assert!((read(cut)[0] - Complex64::new(3.0 * s, 0.0)).norm() < 1e-12);
        let error = unsafe { fft(&*x, 0, 0, FFT_FORWARD, NORM_BACKWARD, DTYPE_C128) }.unwrap_err();
        assert_eq!(error.message, "Invalid number of FFT data points (0) specified.");
        for a in [x, spectrum, back, half, real, cut] {
            unsafe { array::release(a) };
        }
    }
}
