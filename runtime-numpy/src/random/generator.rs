//! NumPy's `Generator` on PCG64, as made by `np.random.default_rng(seed)`.

use super::distributions::{standard_normal_f32, standard_normal_f64, standard_uniform_f32, BoundedU32, BoundedU64};
use super::{check_non_negative, closed_int_interval, os_entropy, BitGenerator, IntWidth, Pcg64, SeedSequence};
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
