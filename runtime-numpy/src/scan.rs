//! `np.cumsum` and `np.cumprod`: running sums and products along one axis or
//! of the flattened array (and `np.maximum.accumulate`/`np.minimum.accumulate`:
//! running maxima and minima, NaN propagating as in `np.maximum`). Elements are converted to the result dtype first
//! and accumulated in it, in order (as NumPy's `add.accumulate` does: floats
//! are not summed pairwise, integers wrap).

use runtime_abi::{
    ArrayDesc, DTYPE_BOOL, DTYPE_F32, DTYPE_F64, DTYPE_I16, DTYPE_I32, DTYPE_I64, DTYPE_I8, DTYPE_U16, DTYPE_U32, DTYPE_U64, DTYPE_U8,
    REDUCE_MAX, REDUCE_MIN, REDUCE_PROD, REDUCE_SUM,
};

use runtime_core::array::{self, shape_size, Scalar};
use runtime_core::errors::{ErrorKind, RtError, RtResult};
use crate::sort::for_each_lane;

/// A result element type of a scan.
trait Accumulator: Copy + PartialOrd {
    fn from_scalar(value: Scalar) -> Self;
    fn add(self, other: Self) -> Self;
    fn mul(self, other: Self) -> Self;
    /// NaN (floats only) is not equal to itself.
    fn is_nan(self) -> bool {
        #[allow(clippy::eq_op)]
        let nan = self != self;
        nan
    }
    /// The running combination of a scan or a segment by operator `op` (`REDUCE_*`).
    fn combine(self, other: Self, op: i64) -> Self {
        match op {
            REDUCE_PROD => self.mul(other),
            REDUCE_MAX => self.extreme(other, true),
            REDUCE_MIN => self.extreme(other, false),
            _ => self.add(other),
        }
    }
    /// `np.maximum` (`larger`) or `np.minimum` of two: a NaN operand wins.
    fn extreme(self, other: Self, larger: bool) -> Self {
        if self.is_nan() {
            self
        } else if other.is_nan() || (larger && other > self) || (!larger && other < self) {
            other
        } else {
            self
        }
    }
}

impl Accumulator for f64 {
    fn from_scalar(value: Scalar) -> f64 {
        match value {
            Scalar::Bool(b) => f64::from(u8::from(b)),
            Scalar::Int(i) => i as f64,
            Scalar::F32(x) => f64::from(x),
            Scalar::F64(x) => x,
        }
    }
    fn add(self, other: f64) -> f64 {
        self + other
    }
    fn mul(self, other: f64) -> f64 {
        self * other
    }
}

impl Accumulator for f32 {
    fn from_scalar(value: Scalar) -> f32 {
        match value {
            Scalar::Bool(b) => f32::from(u8::from(b)),
            Scalar::Int(i) => i as f32,
            Scalar::F32(x) => x,
            Scalar::F64(x) => x as f32,
        }
    }
    fn add(self, other: f32) -> f32 {
        self + other
    }
    fn mul(self, other: f32) -> f32 {
        self * other
    }
}

/// Integers of every width wrap as NumPy's do.
macro_rules! int_accumulator {
    ($($t:ty),*) => {$(
        impl Accumulator for $t {
            fn from_scalar(value: Scalar) -> $t {
                match value {
                    Scalar::Bool(b) => <$t>::from(b),
                    Scalar::Int(i) => i as $t,
                    Scalar::F32(x) => x as i64 as $t,
                    Scalar::F64(x) => x as i64 as $t,
                }
            }
            fn add(self, other: $t) -> $t {
                self.wrapping_add(other)
            }
            fn mul(self, other: $t) -> $t {
                self.wrapping_mul(other)
            }
        }
    )*};
}
int_accumulator!(i8, i16, i32, i64, u16, u32, u64);

/// uint8 elements (`u8` itself is the bool accumulator).
#[derive(Clone, Copy, PartialEq, PartialOrd)]
#[repr(transparent)]
struct Byte(u8);

impl Accumulator for Byte {
    fn from_scalar(value: Scalar) -> Byte {
        Byte(match value {
            Scalar::Bool(b) => u8::from(b),
            Scalar::Int(i) => i as u8,
            Scalar::F32(x) => x as i64 as u8,
            Scalar::F64(x) => x as i64 as u8,
        })
    }
    fn add(self, other: Byte) -> Byte {
        Byte(self.0.wrapping_add(other.0))
    }
    fn mul(self, other: Byte) -> Byte {
        Byte(self.0.wrapping_mul(other.0))
    }
}

/// Bools accumulate as NumPy's `logical_or` (sum) and `logical_and` (product).
impl Accumulator for u8 {
    fn from_scalar(value: Scalar) -> u8 {
        u8::from(match value {
            Scalar::Bool(b) => b,
            Scalar::Int(i) => i != 0,
            Scalar::F32(x) => x != 0.0,
            Scalar::F64(x) => x != 0.0,
        })
    }
    fn add(self, other: u8) -> u8 {
        self | other
    }
    fn mul(self, other: u8) -> u8 {
        self & other
    }
}

unsafe fn accumulate_typed<T: Accumulator>(src: &ArrayDesc, axis: i64, op: i64, dtype: i64) -> RtResult<*mut ArrayDesc> {
    let shape = array::shape(src);
    let combine = |a: T, b: T| a.combine(b, op);
    if axis == runtime_abi::AXIS_FLATTENED {
        let out = array::alloc_array_uninit(dtype, &[shape_size(shape)])?;
        let out_data = unsafe { (*out).data as *mut T };
        let mut position = 0usize;
        let mut running: Option<T> = None;
        array::for_each_index(shape, |index| {
            let value = T::from_scalar(unsafe { array::read_scalar(src, index) });
            let next = running.map_or(value, |acc| combine(acc, value));
            running = Some(next);
            unsafe { *out_data.add(position) = next };
            position += 1;
        });
        return Ok(out);
    }
    let axis = axis as usize;
    let out = array::alloc_array_uninit(dtype, shape)?;
    if shape_size(shape) == 0 {
        return Ok(out);
    }
    let out_strides = array::contiguous_strides(shape);
    let mut lanes_shape = shape.to_vec();
    lanes_shape[axis] = 1;
    let mut out_starts: Vec<i64> =
        runtime_core::memory::try_vec(shape_size(&lanes_shape) as usize, &lanes_shape, runtime_abi::DTYPE_I64)?;
    for_each_lane(shape, &out_strides, axis, |start| out_starts.push(start));
    let length = shape[axis] as isize;
    let src_stride = array::strides(src)[axis] as isize;
    let out_stride = out_strides[axis] as isize;
    let item = array::elem_size(src.dtype)? as isize;
    let out_data = unsafe { (*out).data as *mut T };
    let mut lane = 0;
    for_each_lane(shape, array::strides(src), axis, |start| {
        let out_first = out_data.wrapping_offset(out_starts[lane] as isize);
        let mut running: Option<T> = None;
        for i in 0..length {
            let ptr = src.data.wrapping_offset((start as isize + i * src_stride) * item);
            let value = T::from_scalar(Scalar::from_bits(src.dtype, unsafe { array::read_bits(ptr, src.dtype) }));
            let next = running.map_or(value, |acc| combine(acc, value));
            running = Some(next);
            unsafe { *out_first.wrapping_offset(i * out_stride) = next };
        }
        lane += 1;
    });
    Ok(out)
}

/// `np.cumsum` (`op == REDUCE_SUM`), `np.cumprod` (`REDUCE_PROD`) or the running
/// maximum or minimum (`REDUCE_MAX`, `REDUCE_MIN`) of `src` along
/// `axis` (`AXIS_FLATTENED`: the flattened array), with result dtype `dtype`.
///
/// # Safety
/// `src` must be a live descriptor.
pub unsafe fn accumulate(src: &ArrayDesc, axis: i64, op: i64, dtype: i64) -> RtResult<*mut ArrayDesc> {
    let ndim = array::shape(src).len() as i64;
    if axis != runtime_abi::AXIS_FLATTENED && !(0..ndim).contains(&axis) {
        return Err(RtError::new(ErrorKind::Axis, format!("axis {axis} is out of bounds for array of dimension {ndim}")));
    }
    if ![REDUCE_SUM, REDUCE_PROD, REDUCE_MAX, REDUCE_MIN].contains(&op) {
        return Err(RtError::internal(format!("unknown scan operator {op}")));
    }
    unsafe {
        match dtype {
            DTYPE_BOOL => accumulate_typed::<u8>(src, axis, op, dtype),
            DTYPE_I8 => accumulate_typed::<i8>(src, axis, op, dtype),
            DTYPE_I16 => accumulate_typed::<i16>(src, axis, op, dtype),
            DTYPE_I32 => accumulate_typed::<i32>(src, axis, op, dtype),
            DTYPE_I64 => accumulate_typed::<i64>(src, axis, op, dtype),
            DTYPE_U8 => accumulate_typed::<Byte>(src, axis, op, dtype),
            DTYPE_U16 => accumulate_typed::<u16>(src, axis, op, dtype),
            DTYPE_U32 => accumulate_typed::<u32>(src, axis, op, dtype),
            DTYPE_U64 => accumulate_typed::<u64>(src, axis, op, dtype),
            DTYPE_F32 => accumulate_typed::<f32>(src, axis, op, dtype),
            DTYPE_F64 => accumulate_typed::<f64>(src, axis, op, dtype),
            _ => Err(RtError::internal(format!("scan to unknown dtype code {dtype}"))),
        }
    }
}

/// The ufunc name of a reduction operator, for `reduceat`'s messages.
fn ufunc_name(op: i64) -> &'static str {
    match op {
        REDUCE_PROD => "multiply",
        REDUCE_MAX => "maximum",
        REDUCE_MIN => "minimum",
        _ => "add",
    }
}

/// Float sums of a 1-D array's segments are added as NumPy adds them (pairwise).
trait Segment: Accumulator {
    fn pairwise(values: &[Self]) -> Option<Self> {
        let _ = values;
        None
    }
}

impl Segment for f64 {
    fn pairwise(values: &[f64]) -> Option<f64> {
        Some(runtime_abi::pairwise::reduceat_sum(values))
    }
}

impl Segment for f32 {
    fn pairwise(values: &[f32]) -> Option<f32> {
        Some(runtime_abi::pairwise::reduceat_sum(values))
    }
}

macro_rules! plain_segments {
    ($($t:ty),*) => {$( impl Segment for $t {} )*};
}
plain_segments!(i8, i16, i32, i64, u16, u32, u64, Byte, u8);

unsafe fn reduceat_typed<T: Segment>(src: &ArrayDesc, indices: &[i64], axis: usize, op: i64, dtype: i64) -> RtResult<*mut ArrayDesc> {
    let shape = array::shape(src);
    let combine = |a: T, b: T| a.combine(b, op);
    let length = shape[axis];
    let mut out_shape = shape.to_vec();
    out_shape[axis] = indices.len() as i64;
    let out = array::alloc_array_uninit(dtype, &out_shape)?;
    if shape_size(&out_shape) == 0 {
        return Ok(out);
    }
    let out_strides = array::contiguous_strides(&out_shape);
    let mut lanes_shape = shape.to_vec();
    lanes_shape[axis] = 1;
    let mut out_starts: Vec<i64> = runtime_core::memory::try_vec(shape_size(&lanes_shape) as usize, &lanes_shape, runtime_abi::DTYPE_I64)?;
    for_each_lane(&out_shape, &out_strides, axis, |start| out_starts.push(start));
    let src_stride = array::strides(src)[axis] as isize;
    let out_stride = out_strides[axis] as isize;
    let item = array::elem_size(src.dtype)? as isize;
    let out_data = unsafe { (*out).data as *mut T };
    let pairwise = shape.len() == 1 && op == REDUCE_SUM;
    let mut values: Vec<T> = runtime_core::memory::try_vec(length as usize, &[length], dtype)?;
    let mut lane = 0;
    for_each_lane(shape, array::strides(src), axis, |start| {
        values.clear();
        for i in 0..length as isize {
            let ptr = src.data.wrapping_offset((start as isize + i * src_stride) * item);
            values.push(T::from_scalar(Scalar::from_bits(src.dtype, unsafe { array::read_bits(ptr, src.dtype) })));
        }
        let out_first = out_data.wrapping_offset(out_starts[lane] as isize);
        for (j, &begin) in indices.iter().enumerate() {
            // Up to the next index where it is larger, to the end after the last one, else
            // the one element at `begin` (NumPy's rule).
            let end = match indices.get(j + 1) {
                Some(&next) if next > begin => next,
                Some(_) => begin + 1,
                None => length,
            };
            let segment = &values[begin as usize..end as usize];
            let reduced = match (pairwise, segment) {
                (true, _) => T::pairwise(segment),
                _ => None,
            }
            .unwrap_or_else(|| segment[1..].iter().fold(segment[0], |acc, &x| combine(acc, x)));
            unsafe { *out_first.wrapping_offset(j as isize * out_stride) = reduced };
        }
        lane += 1;
    });
    Ok(out)
}

/// `np.add.reduceat(src, indices, axis)` (`op` `REDUCE_SUM`; `REDUCE_PROD`, `REDUCE_MAX`,
/// `REDUCE_MIN` for `multiply`, `maximum`, `minimum`): along `axis`, segment `j` reduces
/// `src[indices[j]:indices[j + 1]]` where the next index is larger, `src[indices[j]]` where
/// it is not, and `src[indices[-1]:]` last. `src` already has the result dtype `dtype`;
/// `indices` is a 1-D int64 array.
///
/// # Safety
/// `src` and `indices` must be live descriptors.
pub unsafe fn reduceat(src: &ArrayDesc, indices: &ArrayDesc, axis: i64, op: i64, dtype: i64) -> RtResult<*mut ArrayDesc> {
    let shape = array::shape(src);
    let ndim = shape.len() as i64;
    if !(0..ndim).contains(&axis) {
        return Err(RtError::new(ErrorKind::Axis, format!("axis {axis} is out of bounds for array of dimension {ndim}")));
    }
    if src.dtype != dtype || indices.dtype != DTYPE_I64 || array::shape(indices).len() != 1 {
        return Err(RtError::internal("reduceat of an array not of the result dtype, or of indices not 1-D int64"));
    }
    let length = shape[axis as usize];
    let mut idx = Vec::with_capacity(array::shape(indices)[0] as usize);
    array::for_each_index(array::shape(indices), |index| {
        if let Scalar::Int(i) = unsafe { array::read_scalar(indices, index) } {
            idx.push(i as i64);
        }
    });
    if let Some(bad) = idx.iter().find(|&&i| i < 0 || i >= length) {
        return Err(RtError::new(ErrorKind::Index, format!("index {bad} out-of-bounds in {}.reduceat [0, {length})", ufunc_name(op))));
    }
    let axis = axis as usize;
    unsafe {
        match dtype {
            DTYPE_BOOL => reduceat_typed::<u8>(src, &idx, axis, op, dtype),
            DTYPE_I8 => reduceat_typed::<i8>(src, &idx, axis, op, dtype),
            DTYPE_I16 => reduceat_typed::<i16>(src, &idx, axis, op, dtype),
            DTYPE_I32 => reduceat_typed::<i32>(src, &idx, axis, op, dtype),
            DTYPE_I64 => reduceat_typed::<i64>(src, &idx, axis, op, dtype),
            DTYPE_U8 => reduceat_typed::<Byte>(src, &idx, axis, op, dtype),
            DTYPE_U16 => reduceat_typed::<u16>(src, &idx, axis, op, dtype),
            DTYPE_U32 => reduceat_typed::<u32>(src, &idx, axis, op, dtype),
            DTYPE_U64 => reduceat_typed::<u64>(src, &idx, axis, op, dtype),
            DTYPE_F32 => reduceat_typed::<f32>(src, &idx, axis, op, dtype),
            DTYPE_F64 => reduceat_typed::<f64>(src, &idx, axis, op, dtype),
            _ => Err(RtError::internal(format!("reduceat to unknown dtype code {dtype}"))),
        }
    }
}
