//! NumPy's pairwise summation of a contiguous float run: a fact of NumPy's semantics (its
//! rounding) that `np.add.reduceat` (`runtime-numpy`) and pandas' aggregations that take
//! NumPy's `reduceat` path (`runtime-frame`, which also builds without the runtime's
//! arrays) share, so it lives with the other shared facts.

/// The floats summed pairwise, in their own precision.
pub trait SumFloat: Copy + std::ops::Add<Output = Self> + std::ops::AddAssign {
    const ZERO: Self;
    const NEGATIVE_ZERO: Self;
}

impl SumFloat for f32 {
    const ZERO: Self = 0.0;
    const NEGATIVE_ZERO: Self = -0.0;
}

impl SumFloat for f64 {
    const ZERO: Self = 0.0;
    const NEGATIVE_ZERO: Self = -0.0;
}

/// NumPy's pairwise summation (`np.add.reduce` of a contiguous float array): blocks of up
/// to 128 values summed in eight interleaved partial sums, larger runs split in halves on
/// a multiple of eight.
pub fn numpy_pairwise_sum<F: SumFloat>(values: &[F]) -> F {
    let n = values.len();
    if n < 8 {
        let mut sum = F::NEGATIVE_ZERO;
        for &value in values {
            sum += value;
        }
        sum
    } else if n <= 128 {
        let mut partial = [F::ZERO; 8];
        partial.copy_from_slice(&values[..8]);
        let whole = n - n % 8;
        let mut index = 8;
        while index < whole {
            for lane in 0..8 {
                partial[lane] += values[index + lane];
            }
            index += 8;
        }
        let mut sum = ((partial[0] + partial[1]) + (partial[2] + partial[3])) + ((partial[4] + partial[5]) + (partial[6] + partial[7]));
        for &value in &values[whole..] {
            sum += value;
        }
        sum
    } else {
        let mut half = n / 2;
        half -= half % 8;
        numpy_pairwise_sum(&values[..half]) + numpy_pairwise_sum(&values[half..])
    }
}

/// One segment of `np.add.reduceat` (non-empty): its first value, plus the rest summed
/// pairwise.
pub fn reduceat_sum<F: SumFloat>(segment: &[F]) -> F {
    match segment {
        [first] => *first,
        [first, rest @ ..] => *first + numpy_pairwise_sum(rest),
        [] => F::ZERO,
    }
}
