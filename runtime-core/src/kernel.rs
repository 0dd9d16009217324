//! What one kernel launch is, below the CPU (`launch.rs`) and GPU (`gpu.rs`)
//! paths that run it: `Launch` (`lt_launch`'s arguments, decoded), `Part`
//! (the share one rank runs, see `dist.rs`), and the identities and
//! combination of reductions' partial results.

use runtime_abi::{
    ArrayDesc, KernelFn, DTYPE_BOOL, DTYPE_F32, DTYPE_F64, REDUCE_ALL, REDUCE_ANY, REDUCE_BIT_AND, REDUCE_BIT_OR, REDUCE_BIT_XOR, REDUCE_MAX, REDUCE_MIN,
    REDUCE_PROD, REDUCE_SUM,
};

use crate::errors::{RtError, RtResult};

/// Everything `lt_launch` receives, decoded.
pub struct Launch<'a> {
    pub kernel: KernelFn,
    pub mode: i64,
    pub op: i64,
    pub dtype: i64,
    pub axis: i64,
    pub ndim: i64,
    pub dst: *mut ArrayDesc,
    pub inputs: &'a [*mut ArrayDesc],
    pub scalars: *const u64,
    pub acc: *mut u64,
    /// The kernel's PTX entry name (null when the executable has no GPU kernels).
    pub gpu: *const std::ffi::c_char,
    pub n_scalars: i64,
    /// How many of the last `inputs` are further outputs (a multi-output kernel writes
    /// them, with the iteration space's shape, and reads nothing from them).
    pub n_out: i64,
}

impl Launch<'_> {
    /// The indices in `inputs` of the further outputs.
    pub fn outputs(&self) -> std::ops::Range<usize> {
        self.inputs.len().saturating_sub(self.n_out.max(0) as usize)..self.inputs.len()
    }
}

/// The part of a launch one rank runs (see `dist.rs`): the indices `range`
/// of iteration axis 0; with `restrict_dst`, the destination is distributed
/// and only its elements in that range may be touched.
#[derive(Clone, Copy, Debug)]
pub struct Part {
    pub range: (i64, i64),
    pub restrict_dst: bool,
}

/// The identity of a reduction as accumulator bits of `dtype`.
pub fn identity_bits(op: i64, dtype: i64) -> RtResult<u64> {
    let bits = match (op, dtype) {
        (REDUCE_SUM, _) | (REDUCE_ANY, _) => 0,
        (REDUCE_ALL, _) => 1,
        (REDUCE_BIT_OR | REDUCE_BIT_XOR, _) => 0,
        (REDUCE_BIT_AND, DTYPE_BOOL) => 1,
        // All bits set: -1 in the dtype's width (the largest value of an unsigned one).
        (REDUCE_BIT_AND, int) if runtime_abi::int_layout(int).is_some() => runtime_abi::int_to_bits(int, -1),
        (REDUCE_PROD, DTYPE_F64) => 1f64.to_bits(),
        (REDUCE_PROD, DTYPE_F32) => 1f32.to_bits() as u64,
        (REDUCE_PROD, _) => 1,
        (REDUCE_MAX, DTYPE_F64) => f64::NEG_INFINITY.to_bits(),
        (REDUCE_MAX, DTYPE_F32) => f32::NEG_INFINITY.to_bits() as u64,
        (REDUCE_MAX, DTYPE_BOOL) => 0,
        (REDUCE_MAX, int) if runtime_abi::int_layout(int).is_some() => int_bounds_bits(int).0,
        (REDUCE_MIN, DTYPE_F64) => f64::INFINITY.to_bits(),
        (REDUCE_MIN, DTYPE_F32) => f32::INFINITY.to_bits() as u64,
        (REDUCE_MIN, DTYPE_BOOL) => 1,
        (REDUCE_MIN, int) if runtime_abi::int_layout(int).is_some() => int_bounds_bits(int).1,
        _ => return Err(RtError::internal(format!("unknown reduction operator {op}"))),
    };
    Ok(bits)
}

/// The ABI bits of an integer dtype's smallest and largest values.
fn int_bounds_bits(dtype: i64) -> (u64, u64) {
    let (width, signed) = runtime_abi::int_layout(dtype).unwrap_or((64, true));
    let (low, high): (i128, i128) =
        if signed { (-(1i128 << (width - 1)), (1i128 << (width - 1)) - 1) } else { (0, (1i128 << width) - 1) };
    (runtime_abi::int_to_bits(dtype, low), runtime_abi::int_to_bits(dtype, high))
}

/// Combines two partial accumulators of a reduction (`left` comes first).
pub fn combine_bits(op: i64, dtype: i64, left: u64, right: u64) -> u64 {
    fn pick_f64(left: f64, right: f64, take_right: bool) -> f64 {
        if left.is_nan() {
            left
        } else if right.is_nan() || take_right {
            right
        } else {
            left
        }
    }
    fn pick_f32(left: f32, right: f32, take_right: bool) -> f32 {
        if left.is_nan() {
            left
        } else if right.is_nan() || take_right {
            right
        } else {
            left
        }
    }
    let truthy = |bits: u64| bits & 0xff != 0;
    match op {
        REDUCE_ANY => (truthy(left) || truthy(right)) as u64,
        REDUCE_ALL => (truthy(left) && truthy(right)) as u64,
        // Bools and integers alike: the bits of sign- or zero-extended values stay so.
        REDUCE_BIT_AND => left & right,
        REDUCE_BIT_OR => left | right,
        REDUCE_BIT_XOR => left ^ right,
        _ => match dtype {
            DTYPE_F64 => {
                let (a, b) = (f64::from_bits(left), f64::from_bits(right));
                let value = match op {
                    REDUCE_SUM => a + b,
                    REDUCE_PROD => a * b,
                    REDUCE_MAX => pick_f64(a, b, b > a),
                    _ => pick_f64(a, b, b < a),
                };
                value.to_bits()
            }
            DTYPE_F32 => {
                let (a, b) = (f32::from_bits(left as u32), f32::from_bits(right as u32));
                let value = match op {
                    REDUCE_SUM => a + b,
                    REDUCE_PROD => a * b,
                    REDUCE_MAX => pick_f32(a, b, b > a),
                    _ => pick_f32(a, b, b < a),
                };
                value.to_bits() as u64
            }
            DTYPE_BOOL => {
                let (a, b) = (truthy(left), truthy(right));
                (match op {
                    REDUCE_SUM | REDUCE_MAX => a || b,
                    _ => a && b,
                }) as u64
            }
            _ => {
                // Every integer dtype, signed or not: exact values in i128, the sum and
                // product wrapped back into the dtype as NumPy's integers wrap.
                let (a, b) = (runtime_abi::int_from_bits(dtype, left), runtime_abi::int_from_bits(dtype, right));
                let value = match op {
                    REDUCE_SUM => a.wrapping_add(b),
                    REDUCE_PROD => a.wrapping_mul(b),
                    REDUCE_MAX => a.max(b),
                    _ => a.min(b),
                };
                runtime_abi::int_to_bits(dtype, value)
            }
        },
    }
}
