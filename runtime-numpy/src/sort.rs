//! `np.sort`, `ndarray.sort` and `np.argsort`: stable sorts along one axis or
//! of the flattened array, with NaN sorted last as NumPy does.
//!
//! Every argsort here is stable (sorted values do not show stability). NumPy's
//! default kind (`quicksort`, an introsort) is not, so `np.argsort` of an array with equal values may order the
//! indices of ties differently from NumPy unless the script asks for
//! `kind="stable"`; sorted values are the same either way.

use std::cmp::Ordering;

use rayon::prelude::*;
use runtime_abi::{
    ArrayDesc, DTYPE_BOOL, DTYPE_F32, DTYPE_F64, DTYPE_I16, DTYPE_I32, DTYPE_I64, DTYPE_I8, DTYPE_U16, DTYPE_U32, DTYPE_U64, DTYPE_U8,
};

use runtime_core::array::{self, shape_size};
use runtime_core::errors::{ErrorKind, RtError, RtResult};
use runtime_core::memory;

/// Lanes at least this long sort on several threads.
const PARALLEL_LANE: usize = 1 << 16;

/// An element type that sorts: NumPy's order, NaN after every number.
pub(crate) trait SortElement: Copy + Send + Sync + 'static {
    fn order(a: &Self, b: &Self) -> Ordering;
}

/// Integers by value; bools (`u8` holding 0 or 1) likewise, false first.
macro_rules! int_sort_element {
    ($($t:ty),*) => {$(
        impl SortElement for $t {
            fn order(a: &$t, b: &$t) -> Ordering {
                a.cmp(b)
            }
        }
    )*};
}
int_sort_element!(i8, i16, i32, i64, u8, u16, u32, u64);

impl SortElement for f32 {
    fn order(a: &f32, b: &f32) -> Ordering {
        a.partial_cmp(b).unwrap_or_else(|| a.is_nan().cmp(&b.is_nan()))
    }
}

impl SortElement for f64 {
    fn order(a: &f64, b: &f64) -> Ordering {
        a.partial_cmp(b).unwrap_or_else(|| a.is_nan().cmp(&b.is_nan()))
    }
}

/// Runs `$body` with `$t` the Rust element type of the dtype code `$dtype`.
macro_rules! with_element_type {
    ($dtype:expr, $t:ident => $body:expr) => {
        match $dtype {
            DTYPE_BOOL => {
                type $t = u8;
                $body
            }
            DTYPE_I8 => {
                type $t = i8;
                $body
            }
            DTYPE_I16 => {
                type $t = i16;
                $body
            }
            DTYPE_I32 => {
                type $t = i32;
                $body
            }
            DTYPE_U8 => {
                type $t = u8;
                $body
            }
            DTYPE_U16 => {
                type $t = u16;
                $body
            }
            DTYPE_U32 => {
                type $t = u32;
                $body
            }
            DTYPE_U64 => {
                type $t = u64;
                $body
            }
            DTYPE_I64 => {
                type $t = i64;
                $body
            }
            DTYPE_F32 => {
                type $t = f32;
                $body
            }
            DTYPE_F64 => {
                type $t = f64;
                $body
            }
            other => return Err(RtError::internal(format!("sort of unknown dtype code {other}"))),
        }
    };
}

/// Calls `f` with the element offset of the first element of every lane
/// along `axis` (C order over the other axes) under `strides`.
pub(crate) fn for_each_lane(shape: &[i64], strides: &[i64], axis: usize, mut f: impl FnMut(i64)) {
    let mut outer = shape.to_vec();
    outer[axis] = 1;
    array::for_each_index(&outer, |index| {
        f(index.iter().zip(strides).map(|(i, s)| i * s).sum());
    });
}

/// Checks an axis argument of the ABI (`-1` allowed when `flatten_ok`).
fn check_axis(desc: &ArrayDesc, axis: i64, flatten_ok: bool) -> RtResult<()> {
    let ndim = array::shape(desc).len() as i64;
    if (axis == runtime_abi::AXIS_FLATTENED && flatten_ok) || (0..ndim).contains(&axis) {
        return Ok(());
    }
    Err(RtError::new(ErrorKind::Axis, format!("axis {axis} is out of bounds for array of dimension {ndim}")))
}

/// Sorts a slice in NumPy's order, on several threads when long. Elements
/// that compare equal are indistinguishable once printed (`-0.0` and `0.0`
/// aside, which NumPy does not order either), so an unstable sort will do.
fn sort_slice<T: SortElement>(values: &mut [T]) {
    if values.len() >= PARALLEL_LANE {
        values.par_sort_unstable_by(T::order);
    } else {
        values.sort_unstable_by(T::order);
    }
}

/// Sorts every lane of `desc` along `axis` in place.
///
/// # Safety
/// `desc` must be a live descriptor of element type `T` whose lanes do not overlap.
unsafe fn sort_lanes<T: SortElement>(desc: &ArrayDesc, axis: usize) -> RtResult<()> {
    let shape = array::shape(desc);
    let strides = array::strides(desc);
    let length = shape[axis] as usize;
    let stride = strides[axis] as isize;
    if length < 2 || shape_size(shape) == 0 {
        return Ok(());
    }
    let data = desc.data as *mut T;
    // Lanes of other strides are sorted in a copy.
    let mut lane: Vec<T> = if stride == 1 { Vec::new() } else { memory::try_vec(length, &[length as i64], desc.dtype)? };
    for_each_lane(shape, strides, axis, |start| {
        let first = data.wrapping_offset(start as isize);
        if stride == 1 {
            sort_slice(unsafe { std::slice::from_raw_parts_mut(first, length) });
            return;
        }
        lane.clear();
        lane.extend((0..length).map(|i| unsafe { first.wrapping_offset(i as isize * stride).read_unaligned() }));
        sort_slice(&mut lane);
        for (i, value) in lane.iter().enumerate() {
            unsafe { first.wrapping_offset(i as isize * stride).write_unaligned(*value) };
        }
    });
    Ok(())
}

/// A new 1-D C-contiguous array holding the elements of `src` in C order.
unsafe fn flattened_copy(src: &ArrayDesc) -> RtResult<*mut ArrayDesc> {
    let shape = array::shape(src);
    let out = array::alloc_array_uninit(src.dtype, &[shape_size(shape)])?;
    let item = array::elem_size(src.dtype)?;
    let contiguous = array::contiguous_strides(shape);
    unsafe { array::copy_strided((*out).data, &contiguous, src.data, array::strides(src), shape, item) };
    Ok(out)
}

/// `np.sort(src, axis)`; `AXIS_FLATTENED` sorts the flattened array.
///
/// # Safety
/// `src` must be a live descriptor.
pub unsafe fn sort_copy(src: &ArrayDesc, axis: i64) -> RtResult<*mut ArrayDesc> {
    check_axis(src, axis, true)?;
    let (out, axis) = if axis == runtime_abi::AXIS_FLATTENED {
        (unsafe { flattened_copy(src) }?, 0)
    } else {
        (unsafe { runtime_core::host::contiguous_copy(src) }?, axis as usize)
    };
    let out_ref = unsafe { &*out };
    let sorted = with_element_type!(src.dtype, T => unsafe { sort_lanes::<T>(out_ref, axis) });
    if let Err(error) = sorted {
        unsafe { array::release(out) };
        return Err(error);
    }
    Ok(out)
}

/// `a.sort(axis)`, in place.
///
/// # Safety
/// `desc` must be a live descriptor.
pub unsafe fn sort_in_place(desc: &ArrayDesc, axis: i64) -> RtResult<()> {
    check_axis(desc, axis, false)?;
    with_element_type!(desc.dtype, T => unsafe { sort_lanes::<T>(desc, axis as usize) })
}

/// The stable argsort of one lane read through `read`, into `order`. Pairs of
/// (value, position) are sorted by value then position: a total order, so an
/// unstable sort gives the stable result, with the values beside their positions.
fn argsort_lane<T: SortElement>(pairs: &mut Vec<(T, i64)>, order: &mut Vec<i64>, length: usize, read: impl Fn(usize) -> T) {
    pairs.clear();
    pairs.extend((0..length).map(|i| (read(i), i as i64)));
    let by_value_then_position = |a: &(T, i64), b: &(T, i64)| T::order(&a.0, &b.0).then(a.1.cmp(&b.1));
    if length >= PARALLEL_LANE {
        pairs.par_sort_unstable_by(by_value_then_position);
    } else {
        pairs.sort_unstable_by(by_value_then_position);
    }
    order.clear();
    order.extend(pairs.iter().map(|&(_, position)| position));
}

/// The buffers of one lane of an argsort: the (value, position) pairs and the
/// order, for lanes of `length` elements of an array of dtype `dtype`.
fn argsort_buffers<T>(length: usize, dtype: i64) -> RtResult<(Vec<(T, i64)>, Vec<i64>)> {
    let lane = [length as i64];
    Ok((memory::try_vec(length, &lane, dtype)?, memory::try_vec(length, &lane, DTYPE_I64)?))
}

unsafe fn argsort_typed<T: SortElement>(src: &ArrayDesc, axis: i64) -> RtResult<*mut ArrayDesc> {
    let out = if axis == runtime_abi::AXIS_FLATTENED {
        array::alloc_array_uninit(DTYPE_I64, &[shape_size(array::shape(src))])?
    } else {
        array::alloc_array_uninit(DTYPE_I64, array::shape(src))?
    };
    let result = unsafe { argsort_into::<T>(src, axis, out) };
    if let Err(error) = result {
        unsafe { array::release(out) };
        return Err(error);
    }
    Ok(out)
}

/// Fills `out` (C-contiguous int64, of the result's shape) with the argsort of `src`.
unsafe fn argsort_into<T: SortElement>(src: &ArrayDesc, axis: i64, out: *mut ArrayDesc) -> RtResult<()> {
    let shape = array::shape(src);
    if axis == runtime_abi::AXIS_FLATTENED {
        let length = shape_size(shape) as usize;
        let (mut values, mut order) = argsort_buffers::<T>(length, src.dtype)?;
        let mut flat: Vec<T> = memory::try_vec(length, shape, src.dtype)?;
        let strides = array::strides(src);
        array::for_each_index(shape, |index| {
            let ptr = array::offset_ptr(src.data, strides, index, std::mem::size_of::<T>()) as *const T;
            flat.push(unsafe { ptr.read_unaligned() });
        });
        argsort_lane(&mut values, &mut order, length, |i| flat[i]);
        if length > 0 {
            unsafe { std::ptr::copy_nonoverlapping(order.as_ptr(), (*out).data as *mut i64, length) };
        }
        return Ok(());
    }
    let axis = axis as usize;
    if shape_size(shape) == 0 {
        return Ok(());
    }
    let out_strides = array::contiguous_strides(shape);
    let length = shape[axis] as usize;
    let (mut values, mut order) = argsort_buffers::<T>(length, src.dtype)?;
    let src_stride = array::strides(src)[axis] as isize;
    let out_stride = out_strides[axis] as isize;
    let data = src.data as *const T;
    let out_data = unsafe { (*out).data as *mut i64 };
    let mut lanes_shape = shape.to_vec();
    lanes_shape[axis] = 1;
    let mut out_starts: Vec<i64> = memory::try_vec(shape_size(&lanes_shape) as usize, &lanes_shape, DTYPE_I64)?;
    for_each_lane(shape, &out_strides, axis, |start| out_starts.push(start));
    let mut lane = 0;
    for_each_lane(shape, array::strides(src), axis, |start| {
        let first = data.wrapping_offset(start as isize);
        argsort_lane(&mut values, &mut order, length, |i| unsafe {
            first.wrapping_offset(i as isize * src_stride).read_unaligned()
        });
        let out_first = out_data.wrapping_offset(out_starts[lane] as isize);
        for (i, position) in order.iter().enumerate() {
            unsafe { *out_first.wrapping_offset(i as isize * out_stride) = *position };
        }
        lane += 1;
    });
    Ok(())
}

/// `np.argsort(src, axis)`; `AXIS_FLATTENED` argsorts the flattened array.
///
/// # Safety
/// `src` must be a live descriptor.
pub unsafe fn argsort(src: &ArrayDesc, axis: i64) -> RtResult<*mut ArrayDesc> {
    check_axis(src, axis, true)?;
    with_element_type!(src.dtype, T => unsafe { argsort_typed::<T>(src, axis) })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f64_array(values: &[f64], shape: &[i64]) -> *mut ArrayDesc {
        let out = array::alloc_array(DTYPE_F64, shape).unwrap();
        unsafe { std::ptr::copy_nonoverlapping(values.as_ptr(), (*out).data as *mut f64, values.len()) };
        out
    }

    unsafe fn contents<T: Copy>(desc: *mut ArrayDesc) -> Vec<T> {
        let d = unsafe { &*desc };
        let n = shape_size(array::shape(d)) as usize;
        unsafe { std::slice::from_raw_parts(d.data as *const T, n) }.to_vec()
    }

    #[test]
    fn nan_sorts_last_and_axes_are_independent() {
        let a = f64_array(&[3.0, f64::NAN, 1.0, 2.0, -1.0, 0.5], &[2, 3]);
        unsafe {
            let rows = sort_copy(&*a, 1).unwrap();
            let got: Vec<f64> = contents(rows);
            assert_eq!(got[..2], [1.0, 3.0]);
            assert!(got[2].is_nan());
            assert_eq!(got[3..], [-1.0, 0.5, 2.0]);
            let columns = sort_copy(&*a, 0).unwrap();
            let got: Vec<f64> = contents(columns);
            assert_eq!(got[0], 2.0);
            assert!(got[4].is_nan());
            let flat = argsort(&*a, runtime_abi::AXIS_FLATTENED).unwrap();
            assert_eq!(contents::<i64>(flat), vec![4, 5, 2, 3, 0, 1]);
        }
    }

    #[test]
    fn argsort_is_stable() {
        let a = f64_array(&[2.0, 1.0, 2.0, 1.0], &[4]);
        let order = unsafe { argsort(&*a, 0) }.unwrap();
        assert_eq!(unsafe { contents::<i64>(order) }, vec![1, 3, 0, 2]);
    }
}

/// An element as `searchsorted` compares it: NumPy's order (NaN after every number).
fn sort_key(value: array::Scalar) -> (bool, f64, i128) {
    match value {
        array::Scalar::Bool(b) => (false, 0.0, i128::from(b)),
        array::Scalar::Int(i) => (false, 0.0, i),
        array::Scalar::F32(x) => (x.is_nan(), if x.is_nan() { 0.0 } else { f64::from(x) }, 0),
        array::Scalar::F64(x) => (x.is_nan(), if x.is_nan() { 0.0 } else { x }, 0),
    }
}

fn key_less(a: &(bool, f64, i128), b: &(bool, f64, i128)) -> bool {
    match (a.0, b.0) {
        (false, true) => true,
        (true, _) => false,
        (false, false) => a.1 < b.1 || (a.1 == b.1 && a.2 < b.2),
    }
}

/// `np.searchsorted(a, v, side)`: for each element of `v` (any shape), where it would go
/// in the sorted 1-D `a` (the first such place, or the last with `right`); both of one
/// dtype. A new int64 array of `v`'s shape.
///
/// # Safety
/// Both must be live descriptors.
pub unsafe fn searchsorted(a: &ArrayDesc, v: &ArrayDesc, right: bool) -> RtResult<*mut ArrayDesc> {
    let a_shape = array::shape(a);
    if a_shape.len() != 1 {
        return Err(RtError::value("object too deep for desired array"));
    }
    let mut keys = memory::try_vec(a_shape[0].max(0) as usize, a_shape, a.dtype)?;
    for i in 0..a_shape[0] {
        keys.push(sort_key(unsafe { array::read_scalar(a, &[i]) }));
    }
    let v_shape = array::shape(v).to_vec();
    let out = array::alloc_array_uninit(runtime_abi::DTYPE_I64, &v_shape)?;
    let out_data = unsafe { (*out).data as *mut i64 };
    let mut n = 0usize;
    array::for_each_index(&v_shape, |index| {
        let key = sort_key(unsafe { array::read_scalar(v, index) });
        // The first place whose element is not before `key` (left), or after it (right).
        let place = keys.partition_point(|k| if right { !key_less(&key, k) } else { key_less(k, &key) });
        unsafe { *out_data.add(n) = place as i64 };
        n += 1;
    });
    Ok(out)
}

/// `np.convolve(a, v, mode)` of two 1-D arrays of one dtype (int64, wrapping as NumPy's;
/// float32; float64): `full[k]` is the sum over `j` of `a[j] * v[k - j]` (added in order of
/// `j`), `mode` 2 all `n + m - 1` of them, 1 (`same`) the `max(n, m)` centred ones starting
/// at `(min(n, m) - 1) / 2`, 0 (`valid`) the `max - min + 1` where the shorter lies wholly
/// inside the longer. NumPy's ValueErrors for empty inputs.
///
/// # Safety
/// `a` and `v` must be live descriptors.
pub unsafe fn convolve(a: &ArrayDesc, v: &ArrayDesc, mode: i64) -> RtResult<*mut ArrayDesc> {
    let (n, m) = (array::shape(a)[0].max(0) as usize, array::shape(v)[0].max(0) as usize);
    if n == 0 {
        return Err(RtError::value("a cannot be empty"));
    }
    if m == 0 {
        return Err(RtError::value("v cannot be empty"));
    }
    let dtype = a.dtype;
    let read = |d: &ArrayDesc, len: usize| -> Vec<array::Scalar> { (0..len as i64).map(|i| unsafe { array::read_scalar(d, &[i]) }).collect() };
    let (xs, ys) = (read(a, n), read(v, m));
    let full_len = n + m - 1;
    let (start, len) = match mode {
        2 => (0, full_len),
        1 => ((n.min(m) - 1) / 2, n.max(m)),
        _ => (n.min(m) - 1, n.max(m) - n.min(m) + 1),
    };
    let out = array::alloc_array_uninit(dtype, &[len as i64])?;
    let data = unsafe { (*out).data };
    for (slot, k) in (start..start + len).enumerate() {
        let lo = k.saturating_sub(m - 1);
        let hi = k.min(n - 1);
        macro_rules! sum {
            ($ty:ty, $pat:path, $zero:expr, $mul:expr, $add:expr) => {{
                let mut acc: $ty = $zero;
                for j in lo..=hi {
                    if let ($pat(x), $pat(y)) = (xs[j], ys[k - j]) {
                        acc = $add(acc, $mul(x, y));
                    }
                }
                unsafe { *(data as *mut $ty).add(slot) = acc };
            }};
        }
        match dtype {
            runtime_abi::DTYPE_F64 => sum!(f64, array::Scalar::F64, 0.0, |x: f64, y: f64| x * y, |s: f64, p: f64| s + p),
            runtime_abi::DTYPE_F32 => sum!(f32, array::Scalar::F32, 0.0, |x: f32, y: f32| x * y, |s: f32, p: f32| s + p),
            _ => {
                let mut acc = 0i64;
                for j in lo..=hi {
                    if let (array::Scalar::Int(x), array::Scalar::Int(y)) = (xs[j], ys[k - j]) {
                        acc = acc.wrapping_add((x as i64).wrapping_mul(y as i64));
                    }
                }
                unsafe { *(data as *mut i64).add(slot) = acc };
            }
        }
    }
    Ok(out)
}

/// `np.bincount(x, weights, minlength)`: how often each value of the 1-D non-negative
/// integer `x` occurs (int64), or the sum of the `weights` (float64) of its elements, over
/// `0..max(x.max() + 1, minlength)`; NumPy's errors.
///
/// # Safety
/// `x` and `weights` (if any) must be live descriptors.
pub unsafe fn bincount(x: &ArrayDesc, weights: Option<&ArrayDesc>, minlength: i64) -> RtResult<*mut ArrayDesc> {
    let shape = array::shape(x);
    if shape.len() != 1 {
        return Err(RtError::value("object too deep for desired array"));
    }
    if minlength < 0 {
        return Err(RtError::value("'minlength' must not be negative"));
    }
    let n = shape[0].max(0);
    let mut values = memory::try_vec(n as usize, shape, runtime_abi::DTYPE_I64)?;
    for i in 0..n {
        let value = match unsafe { array::read_scalar(x, &[i]) } {
            array::Scalar::Int(v) => v,
            array::Scalar::Bool(b) => i128::from(b),
            _ => return Err(RtError::type_error("Cannot cast array data from dtype('float64') to dtype('int64') according to the rule 'safe'")),
        };
        if value < 0 {
            return Err(RtError::value("'list' argument must have no negative elements"));
        }
        values.push(value as i64);
    }
    let length = values.iter().map(|&v| v + 1).max().unwrap_or(0).max(minlength);
    match weights {
        None => {
            let out = array::alloc_array(runtime_abi::DTYPE_I64, &[length])?;
            let data = unsafe { (*out).data as *mut i64 };
            for &v in &values {
                unsafe { *data.add(v as usize) += 1 };
            }
            Ok(out)
        }
        Some(w) => {
            if array::shape(w) != shape {
                return Err(RtError::value("The weights and list don't have the same length."));
            }
            let out = array::alloc_array(runtime_abi::DTYPE_F64, &[length])?;
            let data = unsafe { (*out).data as *mut f64 };
            for (i, &v) in values.iter().enumerate() {
                let weight = match unsafe { array::read_scalar(w, &[i as i64]) } {
                    array::Scalar::Bool(b) => f64::from(u8::from(b)),
                    array::Scalar::Int(k) => k as f64,
                    array::Scalar::F32(k) => f64::from(k),
                    array::Scalar::F64(k) => k,
                };
                unsafe { *data.add(v as usize) += weight };
            }
            Ok(out)
        }
    }
}
