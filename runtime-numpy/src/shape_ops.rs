//! Shape operations that make views when they can: `reshape` (a view of a
//! C-contiguous array, else of a contiguous copy) and `transpose` (always a view).

use runtime_abi::{ArrayDesc, MAX_DIMS};

use runtime_core::array::{self, contiguous_strides, desc_ref, shape, shape_size, strides};
use runtime_core::errors::{ErrorKind, RtError, RtResult};

/// The values of a 1-D int64 array (shapes and axes passed by generated code).
///
/// # Safety
/// `desc` must be a live descriptor.
pub unsafe fn int64_values(desc: *const ArrayDesc) -> RtResult<Vec<i64>> {
    let whole = unsafe { runtime_core::dist::Whole::of(&[desc as *mut ArrayDesc]) }?;
    let d = unsafe { desc_ref(whole.list()[0]) }?;
    runtime_core::gpu::host_read(d)?;
    if d.dtype != runtime_abi::DTYPE_I64 || d.ndim != 1 {
        return Err(RtError::internal("expected a 1-D int64 array"));
    }
    Ok((0..d.shape[0]).map(|i| unsafe { *(d.data as *const i64).offset((i * d.strides[0]) as isize) }).collect())
}

/// Python's tuple formatting of a shape: `(4,)`, `(2, -1)`, `()`.
/// A requested shape as NumPy's reshape errors print it: no spaces, an unknown (negative)
/// extent as `newaxis`, leading unknown extents left out (`(4,newaxis)`, `(7,)`).
fn requested_shape_text(dims: &[i64]) -> String {
    let Some(first) = dims.iter().position(|&d| d >= 0) else { return "()".to_string() };
    let mut text = format!("({}", dims[first]);
    for &d in &dims[first + 1..] {
        if d < 0 {
            text.push_str(",newaxis");
        } else {
            text.push_str(&format!(",{d}"));
        }
    }
    text.push_str(if dims.len() == 1 { ",)" } else { ")" });
    text
}

/// Whether a view with these strides lays its elements out in C order with no gaps.
fn is_c_contiguous(dims: &[i64], st: &[i64]) -> bool {
    let mut expected = 1;
    for (d, s) in dims.iter().zip(st).rev() {
        if *d != 1 && *s != expected {
            return false;
        }
        expected *= d;
    }
    true
}

/// A new descriptor over `src`'s buffer with the given layout.
///
/// # Safety
/// `src` must be a live descriptor; `data` must point into its buffer.
unsafe fn new_view(src: &ArrayDesc, data: *mut u8, dims: &[i64], st: &[i64]) -> *mut ArrayDesc {
    let mut desc = ArrayDesc {
        refcount: 1,
        dtype: src.dtype,
        ndim: dims.len() as i64,
        data,
        shape: [0; MAX_DIMS],
        strides: [0; MAX_DIMS],
        buffer: src.buffer,
    };
    desc.shape[..dims.len()].copy_from_slice(dims);
    desc.strides[..st.len()].copy_from_slice(st);
    unsafe { array::retain_buffer_of(src) };
    Box::into_raw(Box::new(desc))
}

/// `z.real` or `z.imag` of a complex array: a view of the same bytes as floats of half the
/// size, every stride doubled, starting at the first part or the second (NumPy's view).
///
/// # Safety
/// `a` must be a live descriptor.
pub unsafe fn part(a: *mut ArrayDesc, imag: bool) -> RtResult<*mut ArrayDesc> {
    let src = unsafe { desc_ref(a) }?;
    let dtype = match src.dtype {
        runtime_abi::DTYPE_C128 => runtime_abi::DTYPE_F64,
        runtime_abi::DTYPE_C64 => runtime_abi::DTYPE_F32,
        other => return Err(RtError::internal(format!("the real or imaginary parts of an array of dtype {other}"))),
    };
    let item = array::elem_size(dtype)?;
    let dims = shape(src).to_vec();
    let st: Vec<i64> = strides(src).iter().map(|s| s * 2).collect();
    let data = if imag { src.data.wrapping_add(item) } else { src.data };
    let view = unsafe { new_view(src, data, &dims, &st) };
    unsafe { (*view).dtype = dtype };
    Ok(view)
}

/// `a.reshape(new_shape)`: at most one extent may be negative (inferred), as NumPy 2.4
/// allows.
///
/// # Safety
/// `a` must be a live descriptor.
pub unsafe fn reshape(a: *mut ArrayDesc, requested: &[i64], in_place: bool) -> RtResult<*mut ArrayDesc> {
    let src = unsafe { desc_ref(a) }?;
    if requested.len() > MAX_DIMS {
        return Err(RtError::value(format!("maximum supported dimension for an ndarray is currently {MAX_DIMS}, found {}", requested.len())));
    }
    let size = shape_size(shape(src));
    let mut dims = requested.to_vec();
    let unknown: Vec<usize> = (0..dims.len()).filter(|&i| dims[i] < 0).collect();
    if unknown.len() > 1 {
        return Err(RtError::value("can only specify one unknown dimension"));
    }
    let mismatch = || RtError::value(format!("cannot reshape array of size {size} into shape {}", requested_shape_text(requested)));
    let Some(known) = dims.iter().filter(|d| **d >= 0).try_fold(1i64, |acc, &d| acc.checked_mul(d)) else {
        return Err(mismatch());
    };
    if let Some(&i) = unknown.first() {
        if known == 0 || size % known != 0 {
            return Err(mismatch());
        }
        dims[i] = size / known;
    } else if known != size {
        return Err(mismatch());
    }
    // An empty array's new shape may have other extents too large for any array.
    array::byte_size(src.dtype, &dims)?;
    let st = contiguous_strides(&dims);
    if is_c_contiguous(shape(src), strides(src)) || size == 0 {
        return Ok(unsafe { new_view(src, src.data, &dims, &st) });
    }
    // A view whenever the elements can be walked in the new shape by strides, as NumPy's
    // reshape (a write through the result reaches the array it came from).
    if let Some(st) = strides_without_copy(shape(src), strides(src), &dims) {
        return Ok(unsafe { new_view(src, src.data, &dims, &st) });
    }
    if in_place {
        return Err(RtError::new(
            ErrorKind::Attribute,
            "Incompatible shape for in-place modification. Use `.reshape()` to make a copy with the desired shape.",
        ));
    }
    let copy = unsafe { runtime_core::host::contiguous_copy(src) }?;
    let copy_ref = unsafe { &*copy };
    let view = unsafe { new_view(copy_ref, copy_ref.data, &dims, &st) };
    unsafe { array::release(copy) };
    Ok(view)
}

/// The strides (in elements) that read an array of shape `old` and strides `old_strides`
/// in C order as the shape `new` (same size, not zero), or `None` where no strides do and
/// a copy is needed. Axes of extent 1 are dropped from the old shape; then runs of old axes
/// and new axes of equal product are matched, a run of old axes must be contiguous among
/// itself (each stride the next one's stride times its extent), and the new axes of a run
/// take strides from its last old axis outwards. New axes of extent 1 after the last run take
/// the stride that ends it.
fn strides_without_copy(old: &[i64], old_strides: &[i64], new: &[i64]) -> Option<Vec<i64>> {
    let (dims, strides): (Vec<i64>, Vec<i64>) = old.iter().zip(old_strides).filter(|(d, _)| **d != 1).map(|(d, s)| (*d, *s)).unzip();
    let mut out = vec![0i64; new.len()];
    let (mut oi, mut oj, mut ni, mut nj) = (0usize, 1usize, 0usize, 1usize);
    while ni < new.len() && oi < dims.len() {
        let (mut np, mut op) = (new[ni], dims[oi]);
        while np != op {
            if np < op {
                np *= *new.get(nj)?;
                nj += 1;
            } else {
                op *= *dims.get(oj)?;
                oj += 1;
            }
        }
        if (oi..oj - 1).any(|k| strides[k] != dims[k + 1] * strides[k + 1]) {
            return None;
        }
        out[nj - 1] = strides[oj - 1];
        for k in (ni + 1..nj).rev() {
            out[k - 1] = out[k] * new[k];
        }
        ni = nj;
        nj += 1;
        oi = oj;
        oj += 1;
    }
    let last = if ni >= 1 { out[ni - 1] } else { 1 };
    for s in out.iter_mut().skip(ni) {
        *s = last;
    }
    Some(out)
}

/// `a.transpose(axes)`: a view with permuted axes (`axes` empty: reversed).
///
/// # Safety
/// `a` must be a live descriptor.
pub unsafe fn transpose(a: *mut ArrayDesc, axes: &[i64]) -> RtResult<*mut ArrayDesc> {
    let src = unsafe { desc_ref(a) }?;
    let ndim = shape(src).len();
    let perm: Vec<usize> = if axes.is_empty() {
        (0..ndim).rev().collect()
    } else {
        if axes.len() != ndim {
            return Err(RtError::value("axes don't match array"));
        }
        let mut seen = vec![false; ndim];
        let mut perm = Vec::with_capacity(ndim);
        for &axis in axes {
            let normalised = if axis < 0 { axis + ndim as i64 } else { axis };
            if normalised < 0 || normalised >= ndim as i64 {
                return Err(RtError::new(
                    runtime_core::errors::ErrorKind::Axis,
                    format!("axis {axis} is out of bounds for array of dimension {ndim}"),
                ));
            }
            if seen[normalised as usize] {
                return Err(RtError::value("repeated axis in transpose"));
            }
            seen[normalised as usize] = true;
            perm.push(normalised as usize);
        }
        perm
    };
    let dims: Vec<i64> = perm.iter().map(|&p| shape(src)[p]).collect();
    let st: Vec<i64> = perm.iter().map(|&p| strides(src)[p]).collect();
    Ok(unsafe { new_view(src, src.data, &dims, &st) })
}
