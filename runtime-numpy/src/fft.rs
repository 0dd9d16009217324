//! `np.fft`: one-dimensional discrete Fourier transforms along an axis of an array, through
//! rustfft (mixed-radix and Bluestein plans, so every length is `O(n log n)`), as NumPy's
//! pocketfft defines them: `n` points per lane (the input cut or padded with zeros), the
//! forward transform unscaled and the inverse scaled by `1/n` (`norm="backward"`), or both
//! by `1/sqrt(n)` (`"ortho"`), or the forward by `1/n` (`"forward"`). Several axes
//! (`fft2`, `fftn`) are one axis after another. The arithmetic is float64's; a complex64
//! result is rounded at the end.

use rustfft::num_complex::Complex64;
use rustfft::FftPlanner;

use runtime_abi::{ArrayDesc, DTYPE_C128, DTYPE_C64, DTYPE_F32};
use runtime_core::array::{self, shape_size, Scalar};
use runtime_core::errors::{RtError, RtResult};

use runtime_abi::{FFT_FORWARD, FFT_INVERSE, FFT_NORM_BACKWARD as NORM_BACKWARD, FFT_NORM_FORWARD as NORM_FORWARD, FFT_NORM_ORTHO as NORM_ORTHO, FFT_REAL_FORWARD, FFT_REAL_INVERSE};

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

/// The transform `kind` (`runtime_abi::FFT_*`) of `n` points along `axis` of `a`, scaled as `norm` says, into a new
/// C-contiguous array of `dtype` (complex, or for `FFT_REAL_INVERSE` float).
///
/// # Safety
/// `a` must be a live descriptor.
pub unsafe fn fft(a: &ArrayDesc, n: i64, axis: i64, kind: i64, norm: i64, dtype: i64) -> RtResult<*mut ArrayDesc> {
    let shape = array::shape(a).to_vec();
    let axis = usize::try_from(axis).ok().filter(|&x| x < shape.len()).ok_or_else(|| RtError::internal(format!("fft axis {axis} of a {}-D array", shape.len())))?;
    if n < 1 {
        return Err(RtError::value(format!("Invalid number of FFT data points ({n}) specified.")));
    }
    let points = n as usize;
    // The values read from each lane, and written to it.
    let (taken, written) = match kind {
        FFT_REAL_FORWARD => (points, points / 2 + 1),
        FFT_REAL_INVERSE => (points / 2 + 1, points),
        _ => (points, points),
    };
    let mut out_shape = shape.clone();
    out_shape[axis] = written as i64;
    let out = array::alloc_array_uninit(dtype, &out_shape)?;
    let out_ref = unsafe { &*out };
    if shape_size(&out_shape) == 0 {
        return Ok(out);
    }
    let scale = match (norm, kind) {
        (NORM_ORTHO, _) => 1.0 / (points as f64).sqrt(),
        (NORM_BACKWARD, FFT_INVERSE | FFT_REAL_INVERSE) | (NORM_FORWARD, FFT_FORWARD | FFT_REAL_FORWARD) => 1.0 / points as f64,
        _ => 1.0,
    };
    let inverse = matches!(kind, FFT_INVERSE | FFT_REAL_INVERSE);
    let real_input = !matches!(a.dtype, DTYPE_C64 | DTYPE_C128);
    let mut planner = FftPlanner::<f64>::new();
    let plan = if inverse { planner.plan_fft_inverse(points) } else { planner.plan_fft_forward(points) };
    let mut buffer = vec![Complex64::new(0.0, 0.0); points];
    let mut scratch = vec![Complex64::new(0.0, 0.0); plan.get_inplace_scratch_len()];
    let extent = shape[axis] as usize;
    // Every lane: the indices of the other axes, in C order.
    let mut lane_shape = shape.clone();
    lane_shape[axis] = 1;
    let out_strides = array::contiguous_strides(&out_shape);
    array::for_each_index(&lane_shape, |lane| {
        let mut index = lane.to_vec();
        buffer.iter_mut().for_each(|b| *b = Complex64::new(0.0, 0.0));
        for (k, slot) in buffer.iter_mut().enumerate().take(taken.min(extent)) {
            index[axis] = k as i64;
            *slot = unsafe { read_complex(a, &index) };
        }
        if kind == FFT_REAL_INVERSE {
            // The whole spectrum of a real signal: the negative frequencies mirror the
            // positive ones (NumPy's c2r reads no more than the first n // 2 + 1 values).
            for k in taken..points {
                buffer[k] = buffer[points - k].conj();
            }
        }
        plan.process_with_scratch(&mut buffer, &mut scratch);
        if real_input && !inverse {
            // The mean of a real signal is real: exactly, as pocketfft computes it (only
            // products by the twiddle 1 reach it there; rustfft's plans may leave a rounding).
            buffer[0].im = 0.0;
        }
        let base: i64 = lane.iter().zip(&out_strides).map(|(i, s)| i * s).sum();
        for (k, value) in buffer.iter().take(written).enumerate() {
            let at = base + k as i64 * out_strides[axis];
            unsafe { write(out_ref, at as usize, value * scale) };
        }
    });
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

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
