//! NumPy's legacy `RandomState` on MT19937: what `np.random.seed`,
//! `np.random.rand` and friends draw from.

use super::distributions::{beta, standard_gamma, BoundedU32, BoundedU64, Draws};
use super::{check_non_negative, check_positive, closed_int_interval, os_entropy, BitGenerator, IntWidth, Mt19937, SeedSequence};
use runtime_core::errors::{ErrorKind, RtError, RtResult};

#[derive(Clone, Debug, PartialEq)]
pub struct RandomState {
    bits: Mt19937,
    /// The second value of the last polar Box–Muller pair, not yet returned.
    cached_gauss: Option<f64>,
}

impl RandomState {
    /// `RandomState(seed)` for an integer seed in [0, 2**32).
    pub fn from_seed(seed: u32) -> RandomState {
        RandomState { bits: Mt19937::from_seed(seed), cached_gauss: None }
    }

    /// An unseeded state, from operating-system entropy.
    pub fn from_entropy() -> RandomState {
        let words = SeedSequence::from_words(&os_entropy()).generate_state_u32(624);
        RandomState { bits: Mt19937::from_words(&words), cached_gauss: None }
    }

    /// `seed(s)`: reseeds and forgets a cached Gaussian.
    pub fn seed(&mut self, seed: i64) -> RtResult<()> {
        if !(0..=u32::MAX as i64).contains(&seed) {
            return Err(RtError::value("Seed must be between 0 and 2**32 - 1"));
        }
        *self = RandomState::from_seed(seed as u32);
        Ok(())
    }

    /// `seed()` / `seed(None)`.
    pub fn seed_from_entropy(&mut self) {
        *self = RandomState::from_entropy();
    }

    /// `random_sample`, `random`, `rand`: doubles in [0, 1).
    pub fn random_sample(&mut self, out: &mut [f64]) {
        for slot in out {
            *slot = self.bits.next_f64();
        }
    }

    /// Leaves the state as drawing `count` doubles by `random_sample` or
    /// `uniform` would (two words each; a cached Gaussian stays).
    pub fn jump_doubles(&mut self, count: u64) {
        match count.checked_mul(2) {
            Some(words) => self.bits.jump(words),
            None => {
                self.bits.jump(count);
                self.bits.jump(count);
            }
        }
    }

    /// One standard normal by the polar Box–Muller method; every second call
    /// returns the value cached by the previous one.
    pub fn gauss(&mut self) -> f64 {
        if let Some(value) = self.cached_gauss.take() {
            return value;
        }
        let (x1, x2, r2) = loop {
            let x1 = 2.0 * self.bits.next_f64() - 1.0;
            let x2 = 2.0 * self.bits.next_f64() - 1.0;
            let r2 = x1 * x1 + x2 * x2;
            if r2 < 1.0 && r2 != 0.0 {
                break (x1, x2, r2);
            }
        };
        let factor = (-2.0 * r2.ln() / r2).sqrt();
        self.cached_gauss = Some(factor * x1);
        factor * x2
    }

    /// `randn`, `standard_normal`.
    pub fn standard_normal(&mut self, out: &mut [f64]) {
        for slot in out {
            *slot = self.gauss();
        }
    }

    /// `normal(loc, scale)`.
    pub fn normal(&mut self, loc: f64, scale: f64, out: &mut [f64]) -> RtResult<()> {
        check_non_negative(scale, "scale")?;
        for slot in out {
            *slot = loc + scale * self.gauss();
        }
        Ok(())
    }

    /// `permutation(n)`: `arange(n)` shuffled ([`super::generator::permutation`]).
    pub fn permutation(&mut self, n: usize) -> Vec<i64> {
        super::generator::permutation(&mut self.bits, n)
    }

    /// `exponential(scale)` and `standard_exponential()`: `scale * -log(1 - U)`, the
    /// inversion the legacy state keeps (not the ziggurat of `Generator`).
    pub fn exponential(&mut self, scale: f64, out: &mut [f64]) -> RtResult<()> {
        check_non_negative(scale, "scale")?;
        for slot in out {
            *slot = scale * Draws::exponential(self);
        }
        Ok(())
    }

    /// `gamma(shape, scale)` and `standard_gamma(shape)` (scale 1): the `Generator`'s
    /// algorithm on the legacy draws (polar normals, inverted exponentials).
    pub fn gamma(&mut self, shape: f64, scale: f64, out: &mut [f64]) -> RtResult<()> {
        check_non_negative(shape, "shape")?;
        check_non_negative(scale, "scale")?;
        for slot in out {
            *slot = scale * standard_gamma(self, shape);
        }
        Ok(())
    }

    /// `beta(a, b)`: as the `Generator`'s, without its check for two zero uniforms.
    pub fn beta(&mut self, a: f64, b: f64, out: &mut [f64]) -> RtResult<()> {
        check_positive(a, "a")?;
        check_positive(b, "b")?;
        for slot in out {
            *slot = beta(self, a, b, false);
        }
        Ok(())
    }

    /// `uniform(low, high)`: `low + (high - low) * U`; the range may be negative.
    pub fn uniform(&mut self, low: f64, high: f64, out: &mut [f64]) -> RtResult<()> {
        let range = high - low;
        if !range.is_finite() {
            return Err(RtError::new(ErrorKind::Overflow, "Range exceeds valid bounds"));
        }
        for slot in out {
            *slot = low + range * self.bits.next_f64();
        }
        Ok(())
    }

    /// `randint(low, high, dtype=int64)` by masked rejection. `is_scalar`:
    /// `size=None` (NumPy skips the checks for an empty `size`).
    pub fn randint_i64(&mut self, low: i64, high: i64, is_scalar: bool, out: &mut [i64]) -> RtResult<()> {
        if out.is_empty() && !is_scalar {
            return Ok(());
        }
        let (low, high) = closed_int_interval(low, high, false, IntWidth::I64)?;
        let sampler = BoundedU64::new(low as u64, high.wrapping_sub(low) as u64, true);
        for slot in out {
            *slot = sampler.draw(&mut self.bits) as i64;
        }
        Ok(())
    }

    /// `randint(low, high, dtype=np.int32)` by masked rejection on 32-bit draws.
    pub fn randint_i32(&mut self, low: i64, high: i64, is_scalar: bool, out: &mut [i32]) -> RtResult<()> {
        if out.is_empty() && !is_scalar {
            return Ok(());
        }
        let (low, high) = closed_int_interval(low, high, false, IntWidth::I32)?;
        let sampler = BoundedU32::new(low as u32, high.wrapping_sub(low) as u32, true);
        for slot in out {
            *slot = sampler.draw(&mut self.bits) as i32;
        }
        Ok(())
    }

    /// `randint(low, high, dtype=...)` of the other integer widths, as raw words.
    #[allow(clippy::too_many_arguments)]
    pub fn randint_words(&mut self, low: i64, high: i64, is_scalar: bool, width: super::IntWidth, total: usize, first: usize, out: &mut [u64]) -> RtResult<()> {
        super::bounded_words(&mut self.bits, low, high, false, is_scalar, width, true, total, first, out)
    }
}

impl Draws for RandomState {
    type F = f64;
    fn uniform(&mut self) -> f64 {
        self.bits.next_f64()
    }
    fn normal(&mut self) -> f64 {
        self.gauss()
    }
    fn exponential(&mut self) -> f64 {
        -(1.0 - self.bits.next_f64()).ln()
    }
}
