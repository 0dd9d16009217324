//! NumPy's `Generator` on PCG64, as made by `np.random.default_rng(seed)`.

use super::distributions::{
    beta, poisson, Binomial, standard_exponential_f32, standard_exponential_f64, standard_gamma, standard_normal_f32, standard_normal_f64, standard_uniform_f32, BoundedU32, BoundedU64,
    ZigguratDraws, ZigguratDrawsF32,
};
use super::{check_non_negative, check_positive, closed_int_interval, os_entropy, BitGenerator, IntWidth, Pcg64, SeedSequence};
use runtime_core::errors::{ErrorKind, RtError, RtResult};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Generator {
    bits: Pcg64,
}

impl Generator {
    /// `default_rng(seed)` for a non-negative integer seed.
    pub fn from_seed(seed: u128) -> Generator {
        Generator { bits: Pcg64::from_seed_sequence(&SeedSequence::from_integer(seed)) }
    }

    /// `default_rng()`: seeded from operating-system entropy.
    pub fn from_entropy() -> Generator {
        Generator { bits: Pcg64::from_seed_sequence(&SeedSequence::from_words(&os_entropy())) }
    }

    /// `default_rng(seed)` checking the seed as NumPy does.
    pub fn from_signed_seed(seed: i64) -> RtResult<Generator> {
        if seed < 0 {
            return Err(RtError::value("expected non-negative integer"));
        }
        Ok(Generator::from_seed(seed as u128))
    }

    /// The bit generator, for advancing or raw draws.
    pub fn bit_generator(&mut self) -> &mut Pcg64 {
        &mut self.bits
    }

    /// `random(dtype=np.float64)`.
    pub fn random_f64(&mut self, out: &mut [f64]) {
        for slot in out {
            *slot = self.bits.next_f64();
        }
    }

    /// `random(dtype=np.float32)`.
    pub fn random_f32(&mut self, out: &mut [f32]) {
        for slot in out {
            *slot = standard_uniform_f32(&mut self.bits);
        }
    }

    /// `standard_normal(dtype=np.float64)`.
    pub fn standard_normal_f64(&mut self, out: &mut [f64]) {
        for slot in out {
            *slot = standard_normal_f64(&mut self.bits);
        }
    }

    /// `standard_normal(dtype=np.float32)`.
    pub fn standard_normal_f32(&mut self, out: &mut [f32]) {
        for slot in out {
            *slot = standard_normal_f32(&mut self.bits);
        }
    }

    /// `normal(loc, scale)`.
    pub fn normal(&mut self, loc: f64, scale: f64, out: &mut [f64]) -> RtResult<()> {
        check_non_negative(scale, "scale")?;
        for slot in out {
            *slot = loc + scale * standard_normal_f64(&mut self.bits);
        }
        Ok(())
    }

    /// `standard_exponential(dtype=np.float64)` and `exponential(scale)`: `scale` times
    /// the ziggurat draw (NumPy multiplies by 1.0 for the standard form).
    pub fn exponential_f64(&mut self, scale: f64, out: &mut [f64]) -> RtResult<()> {
        check_non_negative(scale, "scale")?;
        for slot in out {
            *slot = scale * standard_exponential_f64(&mut self.bits);
        }
        Ok(())
    }

    /// `gamma(shape, scale)` and `standard_gamma(shape)` (scale 1), float64.
    pub fn gamma_f64(&mut self, shape: f64, scale: f64, out: &mut [f64]) -> RtResult<()> {
        check_non_negative(shape, "shape")?;
        check_non_negative(scale, "scale")?;
        let mut draws = ZigguratDraws(&mut self.bits);
        for slot in out {
            *slot = scale * standard_gamma(&mut draws, shape);
        }
        Ok(())
    }

    /// `standard_gamma(shape, dtype=np.float32)`: the shape rounded to float32.
    pub fn standard_gamma_f32(&mut self, shape: f64, out: &mut [f32]) -> RtResult<()> {
        check_non_negative(shape, "shape")?;
        for slot in out {
            *slot = standard_gamma(&mut ZigguratDrawsF32(&mut self.bits), shape as f32);
        }
        Ok(())
    }

    /// `beta(a, b)`.
    pub fn beta(&mut self, a: f64, b: f64, out: &mut [f64]) -> RtResult<()> {
        check_positive(a, "a")?;
        check_positive(b, "b")?;
        let mut draws = ZigguratDraws(&mut self.bits);
        for slot in out {
            *slot = beta(&mut draws, a, b, true);
        }
        Ok(())
    }

    /// `poisson(lam)`, with NumPy's checks (`CONS_POISSON`) before any draw.
    pub fn poisson(&mut self, lam: f64, out: &mut [i64]) -> RtResult<()> {
        if !(lam >= 0.0) {
            return Err(RtError::value("lam < 0 or lam is NaN"));
        }
        // NumPy's POISSON_LAM_MAX: the largest int64 as a double, less ten of its roots.
        let most = i64::MAX as f64 - (i64::MAX as f64).sqrt() * 10.0;
        if !(lam <= most) {
            return Err(RtError::value("lam value too large"));
        }
        for slot in out {
            *slot = poisson(&mut self.bits, lam);
        }
        Ok(())
    }

    /// `binomial(n, p)`, with NumPy's checks (p first, then n) before any draw.
    pub fn binomial(&mut self, n: i64, p: f64, out: &mut [i64]) -> RtResult<()> {
        if !(p >= 0.0) || !(p <= 1.0) {
            return Err(RtError::value("p < 0, p > 1 or p is NaN"));
        }
        if n < 0 {
            return Err(RtError::value("n < 0"));
        }
        let sampler = Binomial::new(n, p);
        for slot in out {
            *slot = sampler.draw(&mut self.bits);
        }
        Ok(())
    }

    /// `standard_exponential(dtype=np.float32)`.
    pub fn standard_exponential_f32(&mut self, out: &mut [f32]) {
        for slot in out {
            *slot = standard_exponential_f32(&mut self.bits);
        }
    }

    /// `permutation(n)` ([`permutation`]).
    pub fn permutation(&mut self, n: usize) -> Vec<i64> {
        permutation(&mut self.bits, n)
    }

    /// `choice(population, size, replace=False, shuffle=shuffle)` without `p`: NumPy's two
    /// algorithms, chosen by its rule. A large sample of a large population is the tail of
    /// a partial shuffle of `arange(population)`; otherwise Floyd's algorithm (a value
    /// drawn from `[0, j]` that is already taken is replaced by `j`), then, with `shuffle`,
    /// a shuffle of the sample. Both draw positions by Lemire's method.
    pub fn choice_without_replacement(&mut self, population: i64, size: i64, shuffle: bool) -> RtResult<Vec<i64>> {
        if size > population {
            return Err(RtError::value("Cannot take a larger sample than population when replace is False"));
        }
        if size < 0 {
            return Err(RtError::value("negative dimensions are not allowed"));
        }
        let (population, size) = (population.max(0) as usize, size as usize);
        let cutoff = if shuffle { 50 } else { 20 };
        if population > 10_000 && size > population / cutoff {
            let mut values: Vec<i64> = (0..population as i64).collect();
            shuffle_from(&mut self.bits, &mut values, (population - size).max(1), false);
            return Ok(values.split_off(population - size));
        }
        let mut taken = std::collections::HashSet::with_capacity(size);
        let mut values = Vec::with_capacity(size);
        for j in population - size..population {
            let value = BoundedU64::new(0, j as u64, false).draw(&mut self.bits) as usize;
            let value = if taken.insert(value) { value } else {
                taken.insert(j);
                j
            };
            values.push(value as i64);
        }
        if shuffle {
            shuffle_from(&mut self.bits, &mut values, 1, false);
        }
        Ok(values)
    }

    /// `uniform(low, high)`.
    pub fn uniform(&mut self, low: f64, high: f64, out: &mut [f64]) -> RtResult<()> {
        let range = high - low;
        if !range.is_finite() {
            return Err(RtError::new(ErrorKind::Overflow, "high - low range exceeds valid bounds"));
        }
        check_non_negative(range, "high - low")?;
        for slot in out {
            *slot = low + range * self.bits.next_f64();
        }
        Ok(())
    }

    /// `integers(low, high, dtype=np.int64, endpoint)` by Lemire's method.
    /// `is_scalar`: `size=None` (NumPy skips the checks for an empty `size`).
    pub fn integers_i64(
        &mut self,
        low: i64,
        high: i64,
        endpoint: bool,
        is_scalar: bool,
        out: &mut [i64],
    ) -> RtResult<()> {
        if out.is_empty() && !is_scalar {
            return Ok(());
        }
        let (low, high) = closed_int_interval(low, high, endpoint, IntWidth::I64)?;
        let sampler = BoundedU64::new(low as u64, high.wrapping_sub(low) as u64, false);
        for slot in out {
            *slot = sampler.draw(&mut self.bits) as i64;
        }
        Ok(())
    }

    /// `integers(low, high, dtype=np.int32, endpoint)` by Lemire's method on
    /// 32-bit draws (each the half of a 64-bit draw).
    pub fn integers_i32(
        &mut self,
        low: i64,
        high: i64,
        endpoint: bool,
        is_scalar: bool,
        out: &mut [i32],
    ) -> RtResult<()> {
        if out.is_empty() && !is_scalar {
            return Ok(());
        }
        let (low, high) = closed_int_interval(low, high, endpoint, IntWidth::I32)?;
        let sampler = BoundedU32::new(low as u32, high.wrapping_sub(low) as u32, false);
        for slot in out {
            *slot = sampler.draw(&mut self.bits) as i32;
        }
        Ok(())
    }

    /// `integers(low, high, dtype=...)` of the other integer widths, as raw words.
    #[allow(clippy::too_many_arguments)]
    pub fn integers_words(&mut self, low: i64, high: i64, endpoint: bool, is_scalar: bool, width: super::IntWidth, total: usize, first: usize, out: &mut [u64]) -> RtResult<()> {
        super::bounded_words(&mut self.bits, low, high, endpoint, is_scalar, width, false, total, first, out)
    }
}

/// `arange(n)` shuffled as `shuffle` does (`_shuffle_raw`, both in `Generator` and in the
/// legacy `RandomState`): positions drawn by masked rejection (`random_interval`: 32-bit
/// draws below 2**32).
pub(super) fn permutation<B: BitGenerator>(bits: &mut B, n: usize) -> Vec<i64> {
    let mut values: Vec<i64> = (0..n as i64).collect();
    shuffle_from(bits, &mut values, 1, true);
    values
}

/// NumPy's shuffle loops: from the last position down to `first`, a swap with a position
/// drawn from `[0, i]`, by masked rejection (`random_interval`, `masked`) or Lemire's
/// method (`random_bounded_uint64`, `choice`'s `_shuffle_int`).
fn shuffle_from<B: BitGenerator>(bits: &mut B, values: &mut [i64], first: usize, masked: bool) {
    for i in (first..values.len()).rev() {
        let j = BoundedU64::new(0, i as u64, masked).draw(bits) as usize;
        values.swap(i, j);
    }
}
