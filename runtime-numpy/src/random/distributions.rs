//! Distributions over any [`BitGenerator`], drawing exactly what NumPy draws
//! for each value (`numpy/random/src/distributions`): uniform floats of both
//! widths, the ziggurat normal of both widths, and bounded integers by masked
//! rejection (legacy `randint`) or Lemire's multiply-shift (`integers`).

use std::ops::{Add, Div, Mul, Neg, Sub};

use super::ziggurat_tables::*;
use super::BitGenerator;

/// A float32 in [0, 1) from the top 24 bits of a 32-bit draw.
pub fn standard_uniform_f32<B: BitGenerator>(bits: &mut B) -> f32 {
    (bits.next_u32() >> 8) as f32 * (1.0 / 16_777_216.0)
}

/// A standard normal float64 by the ziggurat method: one 64-bit draw gives
/// the level (8 bits), the sign (1 bit) and the abscissa (52 bits); 99% of
/// draws end at the first comparison.
pub fn standard_normal_f64<B: BitGenerator>(bits: &mut B) -> f64 {
    loop {
        let draw = bits.next_u64();
        let level = (draw & 0xff) as usize;
        let rest = draw >> 8;
        let negative = rest & 1 == 1;
        let abscissa = (rest >> 1) & 0x000f_ffff_ffff_ffff;
        let mut x = abscissa as f64 * WI_F64[level];
        if negative {
            x = -x;
        }
        if abscissa < KI_F64[level] {
            return x;
        }
        if level == 0 {
            // The tail beyond R, by Marsaglia's exponential method; 1 - U
            // avoids log(0).
            loop {
                let xx = -NORMAL_INV_R * (-bits.next_f64()).ln_1p();
                let yy = -(-bits.next_f64()).ln_1p();
                if yy + yy > xx * xx {
                    return if (abscissa >> 8) & 1 == 1 { -(NORMAL_R + xx) } else { NORMAL_R + xx };
                }
            }
        } else if (FI_F64[level - 1] - FI_F64[level]) * bits.next_f64() + FI_F64[level] < (-0.5 * x * x).exp() {
            return x;
        }
    }
}

/// A standard exponential float64 by the ziggurat method: of one 64-bit draw,
/// the low 3 bits are dropped, 8 give the level and 53 the abscissa; 98.9% of
/// draws end at the first comparison. A rejected wedge point starts over.
pub fn standard_exponential_f64<B: BitGenerator>(bits: &mut B) -> f64 {
    loop {
        let draw = bits.next_u64() >> 3;
        let level = (draw & 0xff) as usize;
        let abscissa = draw >> 8;
        let x = abscissa as f64 * WE_F64[level];
        if abscissa < KE_F64[level] {
            return x;
        }
        if level == 0 {
            // The tail beyond R is R plus a standard exponential, -log1p(-U) as NumPy.
            return EXP_R - (-bits.next_f64()).ln_1p();
        }
        if (FE_F64[level - 1] - FE_F64[level]) * bits.next_f64() + FE_F64[level] < (-x).exp() {
            return x;
        }
    }
}

/// A standard exponential float32 by the ziggurat method on 32-bit draws (1 bit
/// dropped, level 8 bits, abscissa 23 bits), with float32 tables and arithmetic.
pub fn standard_exponential_f32<B: BitGenerator>(bits: &mut B) -> f32 {
    loop {
        let draw = bits.next_u32() >> 1;
        let level = (draw & 0xff) as usize;
        let abscissa = draw >> 8;
        let x = abscissa as f32 * WE_F32[level];
        if abscissa < KE_F32[level] {
            return x;
        }
        if level == 0 {
            return EXP_R_F32 - (-standard_uniform_f32(bits)).ln_1p();
        }
        if (FE_F32[level - 1] - FE_F32[level]) * standard_uniform_f32(bits) + FE_F32[level] < (-x).exp() {
            return x;
        }
    }
}

/// A standard normal float32 by the ziggurat method on 32-bit draws (level 8
/// bits, sign 1 bit, abscissa 23 bits), with float32 tables. The wedge test
/// compares in double precision, as NumPy's C does.
pub fn standard_normal_f32<B: BitGenerator>(bits: &mut B) -> f32 {
    loop {
        let draw = bits.next_u32();
        let level = (draw & 0xff) as usize;
        let negative = (draw >> 8) & 1 == 1;
        let abscissa = (draw >> 9) & 0x007f_ffff;
        let mut x = abscissa as f32 * WI_F32[level];
        if negative {
            x = -x;
        }
        if abscissa < KI_F32[level] {
            return x;
        }
        if level == 0 {
            loop {
                let xx = -NORMAL_INV_R_F32 * (-standard_uniform_f32(bits)).ln_1p();
                let yy = -(-standard_uniform_f32(bits)).ln_1p();
                if yy + yy > xx * xx {
                    return if (abscissa >> 8) & 1 == 1 { -(NORMAL_R_F32 + xx) } else { NORMAL_R_F32 + xx };
                }
            }
        } else {
            let wedge = (FI_F32[level - 1] - FI_F32[level]) * standard_uniform_f32(bits) + FI_F32[level];
            let wide = x as f64;
            if (wedge as f64) < (-0.5 * wide * wide).exp() {
                return x;
            }
        }
    }
}

/// The smallest all-ones mask covering `max`.
fn mask_covering(max: u64) -> u64 {
    if max == 0 {
        0
    } else {
        u64::MAX >> max.leading_zeros()
    }
}

/// How a bounded sampler draws one value in `[0, range]`.
#[derive(Clone, Copy, Debug)]
enum Bounded {
    /// `range == 0`: no draw.
    Constant,
    /// The range is a whole word: one raw draw.
    Full32,
    Full64,
    /// Masked rejection: draw, mask, retry while above the range.
    Masked32 { mask: u32 },
    Masked64 { mask: u64 },
    /// Lemire's multiply-shift with rejection of the biased low products.
    Lemire32,
    Lemire64,
}

/// Draws integers in the closed interval `[offset, offset + range]`
/// (wrapping), choosing 32-bit draws whenever the range fits in 32 bits, as
/// NumPy's `random_bounded_uint64_fill` does. Values are raw words: the caller
/// reinterprets them as signed.
#[derive(Clone, Copy, Debug)]
pub struct BoundedU64 {
    offset: u64,
    range: u64,
    method: Bounded,
}

impl BoundedU64 {
    pub fn new(offset: u64, range: u64, masked: bool) -> BoundedU64 {
        let method = if range == 0 {
            Bounded::Constant
        } else if range == u32::MAX as u64 {
            Bounded::Full32
        } else if range < u32::MAX as u64 {
            if masked {
                Bounded::Masked32 { mask: mask_covering(range) as u32 }
            } else {
                Bounded::Lemire32
            }
        } else if range == u64::MAX {
            Bounded::Full64
        } else if masked {
            Bounded::Masked64 { mask: mask_covering(range) }
        } else {
            Bounded::Lemire64
        };
        BoundedU64 { offset, range, method }
    }

    pub fn draw<B: BitGenerator>(&self, bits: &mut B) -> u64 {
        self.offset.wrapping_add(draw_bounded(bits, self.range, self.method))
    }
}

/// Draws integers in `[offset, offset + range]` with 32-bit draws only
/// (NumPy's `random_bounded_uint32_fill`).
#[derive(Clone, Copy, Debug)]
pub struct BoundedU32 {
    offset: u32,
    range: u32,
    method: Bounded,
}

impl BoundedU32 {
    pub fn new(offset: u32, range: u32, masked: bool) -> BoundedU32 {
        let method = if range == 0 {
            Bounded::Constant
        } else if range == u32::MAX {
            Bounded::Full32
        } else if masked {
            Bounded::Masked32 { mask: mask_covering(range as u64) as u32 }
        } else {
            Bounded::Lemire32
        };
        BoundedU32 { offset, range, method }
    }

    pub fn draw<B: BitGenerator>(&self, bits: &mut B) -> u32 {
        self.offset.wrapping_add(draw_bounded(bits, self.range as u64, self.method) as u32)
    }
}

/// NumPy's `random_bounded_uint8_fill` and `random_bounded_uint16_fill`: 8- or 16-bit
/// values from a buffer of 32-bit draws (four bytes or two halves each, low first) that
/// one fill keeps, by Lemire's method (`Generator.integers`) or masked rejection (legacy
/// `randint`), in `[offset, offset + range]` (wrapping in the width).
#[derive(Clone, Copy, Debug)]
pub struct BoundedNarrow {
    offset: u32,
    range: u32,
    width: u32,
    masked: bool,
    buffer: u32,
    left: u32,
}

impl BoundedNarrow {
    /// `width` 8 or 16.
    pub fn new(offset: u32, range: u32, width: u32, masked: bool) -> BoundedNarrow {
        BoundedNarrow { offset, range, width, masked, buffer: 0, left: 0 }
    }

    fn all_ones(&self) -> u32 {
        (1u32 << self.width) - 1
    }

    /// `buffered_uint8`/`buffered_uint16`.
    fn next_word<B: BitGenerator>(&mut self, bits: &mut B) -> u32 {
        if self.left == 0 {
            self.buffer = bits.next_u32();
            self.left = 32 / self.width - 1;
        } else {
            self.buffer >>= self.width;
            self.left -= 1;
        }
        self.buffer & self.all_ones()
    }

    pub fn draw<B: BitGenerator>(&mut self, bits: &mut B) -> u32 {
        let ones = self.all_ones();
        let value = if self.range == 0 {
            0
        } else if self.range == ones {
            self.next_word(bits)
        } else if self.masked {
            let mask = mask_covering(self.range as u64) as u32;
            loop {
                let value = self.next_word(bits) & mask;
                if value <= self.range {
                    break value;
                }
            }
        } else {
            let exclusive = self.range + 1;
            let mut product = self.next_word(bits) * exclusive;
            let mut leftover = product & ones;
            if leftover < exclusive {
                let threshold = (ones - self.range) % exclusive;
                while leftover < threshold {
                    product = self.next_word(bits) * exclusive;
                    leftover = product & ones;
                }
            }
            product >> self.width
        };
        self.offset.wrapping_add(value) & ones
    }
}

fn draw_bounded<B: BitGenerator>(bits: &mut B, range: u64, method: Bounded) -> u64 {
    match method {
        Bounded::Constant => 0,
        Bounded::Full32 => bits.next_u32() as u64,
        Bounded::Full64 => bits.next_u64(),
        Bounded::Masked32 { mask } => loop {
            let value = bits.next_u32() & mask;
            if value as u64 <= range {
                return value as u64;
            }
        },
        Bounded::Masked64 { mask } => loop {
            let value = bits.next_u64() & mask;
            if value <= range {
                return value;
            }
        },
        Bounded::Lemire32 => {
            let exclusive = range as u32 + 1;
            let mut product = bits.next_u32() as u64 * exclusive as u64;
            let mut leftover = product as u32;
            if leftover < exclusive {
                let threshold = (u32::MAX - range as u32) % exclusive;
                while leftover < threshold {
                    product = bits.next_u32() as u64 * exclusive as u64;
                    leftover = product as u32;
                }
            }
            product >> 32
        }
        Bounded::Lemire64 => {
            let exclusive = range + 1;
            let mut product = bits.next_u64() as u128 * exclusive as u128;
            let mut leftover = product as u64;
            if leftover < exclusive {
                let threshold = (u64::MAX - range) % exclusive;
                while leftover < threshold {
                    product = bits.next_u64() as u128 * exclusive as u128;
                    leftover = product as u64;
                }
            }
            (product >> 64) as u64
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Recomputes the ziggurat tables from their definition (stated in
    /// `ziggurat_tables.py`) and checks the generated constants entry by entry.
    #[test]
    fn ziggurat_tables_follow_their_definition() {
        const V: f64 = 0.004928673233974652;
        const ROUNDED_UP_LEVEL: usize = 38;
        let density = |x: f64| (-0.5 * x * x).exp();
        let mut x = [0.0f64; 256];
        let mut fx = [0.0f64; 256];
        x[255] = NORMAL_R;
        for i in (2..256).rev() {
            fx[i] = density(x[i]);
            if i == ROUNDED_UP_LEVEL {
                fx[i] = f64::from_bits(fx[i].to_bits() + 1);
            }
            x[i - 1] = (-2.0 * (fx[i] + V / x[i]).ln()).sqrt();
        }
        fx[1] = density(x[1]);
        fx[0] = 1.0;
        assert_eq!(NORMAL_INV_R, 1.0 / NORMAL_R);
        assert_eq!(NORMAL_R_F32, NORMAL_R as f32);
        assert_eq!(NORMAL_INV_R_F32, (1.0 / NORMAL_R) as f32);
        for (bits, scale) in [(52, 4_503_599_627_370_496.0f64), (23, 8_388_608.0)] {
            for i in 0..256 {
                let k = match i {
                    0 => (NORMAL_R * density(NORMAL_R) / V * scale).round_ties_even() as u64,
                    1 => 0,
                    _ => (x[i - 1] / x[i] * scale).round_ties_even() as u64,
                };
                let w = if i == 0 { V / density(NORMAL_R) / scale } else { x[i] / scale };
                if bits == 52 {
                    assert_eq!((KI_F64[i], WI_F64[i], FI_F64[i]), (k, w, fx[i]), "float64 level {i}");
                } else {
                    let expected = (k, w as f32, fx[i] as f32);
                    assert_eq!((KI_F32[i] as u64, WI_F32[i], FI_F32[i]), expected, "float32 level {i}");
                }
            }
        }
    }
}

/// The arithmetic of the gamma sampler, in the width of its draws (NumPy's float32 sampler
/// computes in float32 throughout).
pub trait Real: Copy + PartialOrd + Add<Output = Self> + Sub<Output = Self> + Mul<Output = Self> + Div<Output = Self> + Neg<Output = Self> {
    /// A constant, rounded to this width.
    fn of(x: f64) -> Self;
    fn powf(self, e: Self) -> Self;
    fn ln(self) -> Self;
    fn sqrt(self) -> Self;
}

impl Real for f64 {
    fn of(x: f64) -> f64 {
        x
    }
    fn powf(self, e: f64) -> f64 {
        f64::powf(self, e)
    }
    fn ln(self) -> f64 {
        f64::ln(self)
    }
    fn sqrt(self) -> f64 {
        f64::sqrt(self)
    }
}

impl Real for f32 {
    fn of(x: f64) -> f32 {
        x as f32
    }
    fn powf(self, e: f32) -> f32 {
        f32::powf(self, e)
    }
    fn ln(self) -> f32 {
        f32::ln(self)
    }
    fn sqrt(self) -> f32 {
        f32::sqrt(self)
    }
}

/// The three draws the gamma and beta samplers are built from; a `Generator` and the
/// legacy state each have their own (ziggurat or polar normals, ziggurat or inverted
/// exponentials), and a `Generator` has them in float32 too.
pub trait Draws {
    type F: Real;
    fn uniform(&mut self) -> Self::F;
    fn normal(&mut self) -> Self::F;
    fn exponential(&mut self) -> Self::F;
}

/// A `Generator`'s float64 draws over its bit generator.
pub struct ZigguratDraws<'a, B: BitGenerator>(pub &'a mut B);

impl<B: BitGenerator> Draws for ZigguratDraws<'_, B> {
    type F = f64;
    fn uniform(&mut self) -> f64 {
        self.0.next_f64()
    }
    fn normal(&mut self) -> f64 {
        standard_normal_f64(self.0)
    }
    fn exponential(&mut self) -> f64 {
        standard_exponential_f64(self.0)
    }
}

/// A `Generator`'s float32 draws.
pub struct ZigguratDrawsF32<'a, B: BitGenerator>(pub &'a mut B);

impl<B: BitGenerator> Draws for ZigguratDrawsF32<'_, B> {
    type F = f32;
    fn uniform(&mut self) -> f32 {
        standard_uniform_f32(self.0)
    }
    fn normal(&mut self) -> f32 {
        standard_normal_f32(self.0)
    }
    fn exponential(&mut self) -> f32 {
        standard_exponential_f32(self.0)
    }
}

/// A standard gamma variate of `shape`, drawn as NumPy draws it: shape 1 is one
/// exponential and 0 is 0; below 1, Johnk-style rejection from a uniform and an
/// exponential (Ahrens and Dieter's GS); above, Marsaglia and Tsang's method (a normal
/// cubed, accepted by a squeeze, then by the logarithmic test). A NaN shape gives NaN
/// after the draws NumPy makes for it (its `V <= 0` retry test is false for NaN).
pub fn standard_gamma<D: Draws>(draws: &mut D, shape: D::F) -> D::F {
    let (zero, one) = (D::F::of(0.0), D::F::of(1.0));
    if shape == one {
        return draws.exponential();
    }
    if shape == zero {
        return zero;
    }
    if shape < one {
        loop {
            let u = draws.uniform();
            let v = draws.exponential();
            if u <= one - shape {
                let x = u.powf(one / shape);
                if x <= v {
                    return x;
                }
            } else {
                let y = -((one - u) / shape).ln();
                let x = (one - shape + shape * y).powf(one / shape);
                if x <= v + y {
                    return x;
                }
            }
        }
    }
    let d = shape - one / D::F::of(3.0);
    let c = one / (D::F::of(9.0) * d).sqrt();
    loop {
        let (x, mut v) = loop {
            let x = draws.normal();
            let v = one + c * x;
            if !(v <= zero) {
                break (x, v);
            }
        };
        v = v * v * v;
        let u = draws.uniform();
        if u < one - D::F::of(0.0331) * (x * x) * (x * x) {
            return d * v;
        }
        if u.ln() < D::F::of(0.5) * x * x + d * (one - v + v.ln()) {
            return d * v;
        }
    }
}

/// A beta variate as NumPy draws it: for `a, b <= 1`, Johnk's algorithm (two uniforms
/// raised to `1/a` and `1/b`, accepted when their sum is at most 1), with the ratio taken
/// in logarithms where the powers underflow; otherwise `Ga / (Ga + Gb)` of two gamma
/// variates. `generator`: the `Generator`'s form, which rejects two zero uniforms, takes
/// logarithms as soon as one power underflows, and sums the shifted exponentials with
/// `log1p`; the legacy form takes them only when both underflow.
pub fn beta(draws: &mut impl Draws<F = f64>, a: f64, b: f64, generator: bool) -> f64 {
    if a <= 1.0 && b <= 1.0 {
        loop {
            let u = draws.uniform();
            let v = draws.uniform();
            let x = u.powf(1.0 / a);
            let y = v.powf(1.0 / b);
            let sum = x + y;
            if sum > 1.0 || (generator && u + v <= 0.0) {
                continue;
            }
            let underflow = if generator { x <= 0.0 || y <= 0.0 } else { sum <= 0.0 };
            if !underflow {
                return x / sum;
            }
            let (log_x, log_y) = (u.ln() / a, v.ln() / b);
            let log_m = if log_x > log_y { log_x } else { log_y };
            let (log_x, log_y) = (log_x - log_m, log_y - log_m);
            // One of the two is 0, so the sum of their exponentials is 1 + exp(the other).
            let log_sum = if generator { log_x.min(log_y).exp().ln_1p() } else { (log_x.exp() + log_y.exp()).ln() };
            return (log_x - log_sum).exp();
        }
    }
    let ga = standard_gamma(draws, a);
    let gb = standard_gamma(draws, b);
    ga / (ga + gb)
}

/// The value C's `(int64_t)x` gives on x86-64 for a double that is NaN or out of range
/// (`cvttsd2si`'s "integer indefinite", `i64::MIN`) where Rust's `as` would saturate;
/// in range, the truncation toward zero both give.
fn c_int64(x: f64) -> i64 {
    if x >= -9_223_372_036_854_775_808.0 && x < 9_223_372_036_854_775_808.0 {
        x as i64
    } else {
        i64::MIN
    }
}

/// NumPy's `random_loggam`: log Γ(x) by the asymptotic series of SPECFUN (Zhang and
/// Jin), shifted up to 7 and brought back down by logarithms below 7.
pub fn loggam(x: f64) -> f64 {
    const A: [f64; 10] = [
        8.333333333333333e-02,
        -2.777777777777778e-03,
        7.936507936507937e-04,
        -5.952380952380952e-04,
        8.417508417508418e-04,
        -1.917526917526918e-03,
        6.410256410256410e-03,
        -2.955065359477124e-02,
        1.796443723688307e-01,
        -1.39243221690590e+00,
    ];
    if x == 1.0 || x == 2.0 {
        return 0.0;
    }
    let n = if x < 7.0 { c_int64(7.0 - x) } else { 0 };
    let mut x0 = x + n as f64;
    let x2 = (1.0 / x0) * (1.0 / x0);
    // log(2 pi), as NumPy writes it.
    let lg2pi = 1.8378770664093453e+00;
    let mut gl0 = A[9];
    for k in (0..9).rev() {
        gl0 *= x2;
        gl0 += A[k];
    }
    let mut gl = gl0 / x0 + 0.5 * lg2pi + (x0 - 0.5) * x0.ln() - x0;
    if x < 7.0 {
        for _ in 1..=n {
            gl -= (x0 - 1.0).ln();
            x0 -= 1.0;
        }
    }
    gl
}

/// A Poisson variate of mean `lam` as NumPy's `random_poisson` draws it: 0 for 0; below
/// 10, the multiplication method (uniforms multiplied until the product falls to
/// `exp(-lam)`); from 10, Hörmann's transformed rejection (PTRS), two uniforms a try.
/// `lam` has passed NumPy's checks (finite, non-negative, not too large).
pub fn poisson<B: BitGenerator>(bits: &mut B, lam: f64) -> i64 {
    if lam >= 10.0 {
        return poisson_ptrs(bits, lam);
    }
    if lam == 0.0 {
        return 0;
    }
    let enlam = (-lam).exp();
    let mut count = 0i64;
    let mut prod = 1.0;
    loop {
        prod *= bits.next_f64();
        if prod > enlam {
            count += 1;
        } else {
            return count;
        }
    }
}

fn poisson_ptrs<B: BitGenerator>(bits: &mut B, lam: f64) -> i64 {
    let slam = lam.sqrt();
    let loglam = lam.ln();
    let b = 0.931 + 2.53 * slam;
    let a = -0.059 + 0.02483 * b;
    let invalpha = 1.1239 + 1.1328 / (b - 3.4);
    let vr = 0.9277 - 3.6224 / (b - 2.0);
    loop {
        let u = bits.next_f64() - 0.5;
        let v = bits.next_f64();
        let us = 0.5 - u.abs();
        let k = c_int64(((2.0 * a / us + b) * u + lam + 0.43).floor());
        if us >= 0.07 && v <= vr {
            return k;
        }
        if k < 0 || (us < 0.013 && v > us) {
            continue;
        }
        // log(0) is -inf here, which accepts, as in NumPy.
        if v.ln() + invalpha.ln() - (a / (us * us) + b).ln() <= -lam + k as f64 * loglam - loggam(k as f64 + 1.0) {
            return k;
        }
    }
}

/// NumPy's binomial sampler for one `(n, p)`, its set-up computed once as NumPy caches it
/// (`binomial_t`): 0 for `n == 0` or `p == 0`; otherwise, with `p` reflected to
/// `1 - p` above 0.5 (the count then `n` minus the draw), inversion where `n * p <= 30`,
/// else Kachitvichyanukul and Schmeiser's BTPE. `p` in [0, 1] and `n >= 0` have passed
/// NumPy's checks.
#[derive(Clone, Copy, Debug)]
pub struct Binomial {
    n: i64,
    /// The probability the sampler works with (`p` or `1 - p`).
    p: f64,
    /// The count is `n` minus the draw.
    reflected: bool,
    method: BinomialMethod,
}

#[derive(Clone, Copy, Debug)]
enum BinomialMethod {
    Zero,
    Inversion { q: f64, qn: f64, bound: i64 },
    Btpe(Btpe),
}

#[derive(Clone, Copy, Debug)]
struct Btpe {
    r: f64,
    q: f64,
    m: i64,
    p1: f64,
    xm: f64,
    xl: f64,
    xr: f64,
    c: f64,
    laml: f64,
    lamr: f64,
    p2: f64,
    p3: f64,
    p4: f64,
}

impl Binomial {
    pub fn new(n: i64, p: f64) -> Binomial {
        if n == 0 || p == 0.0 {
            return Binomial { n, p, reflected: false, method: BinomialMethod::Zero };
        }
        let (p, reflected) = if p <= 0.5 { (p, false) } else { (1.0 - p, true) };
        let nf = n as f64;
        let method = if p * nf <= 30.0 {
            let q = 1.0 - p;
            let qn = (nf * (-p).ln_1p()).exp();
            let np = nf * p;
            let limit = np + 10.0 * (np * q + 1.0).sqrt();
            // C's MIN(n, limit) compares and yields doubles.
            let bound = c_int64(if nf < limit { nf } else { limit });
            BinomialMethod::Inversion { q, qn, bound }
        } else {
            let r = if p < 1.0 - p { p } else { 1.0 - p };
            let q = 1.0 - r;
            let fm = nf * r + r;
            let m = c_int64(fm.floor());
            let p1 = (2.195 * (nf * r * q).sqrt() - 4.6 * q).floor() + 0.5;
            let xm = m as f64 + 0.5;
            let xl = xm - p1;
            let xr = xm + p1;
            let c = 0.134 + 20.5 / (15.3 + m as f64);
            let a = (fm - xl) / (fm - xl * r);
            let laml = a * (1.0 + a / 2.0);
            let a = (xr - fm) / (xr * q);
            let lamr = a * (1.0 + a / 2.0);
            let p2 = p1 * (1.0 + 2.0 * c);
            let p3 = p2 + c / laml;
            let p4 = p3 + c / lamr;
            BinomialMethod::Btpe(Btpe { r, q, m, p1, xm, xl, xr, c, laml, lamr, p2, p3, p4 })
        };
        Binomial { n, p, reflected, method }
    }

    pub fn draw<B: BitGenerator>(&self, bits: &mut B) -> i64 {
        let y = match &self.method {
            BinomialMethod::Zero => return 0,
            BinomialMethod::Inversion { q, qn, bound } => self.inversion(bits, *q, *qn, *bound),
            BinomialMethod::Btpe(setup) => self.btpe(bits, setup),
        };
        if self.reflected {
            self.n - y
        } else {
            y
        }
    }

    fn inversion<B: BitGenerator>(&self, bits: &mut B, q: f64, qn: f64, bound: i64) -> i64 {
        let (n, p) = (self.n, self.p);
        let mut x = 0i64;
        let mut px = qn;
        let mut u = bits.next_f64();
        while u > px {
            x += 1;
            if x > bound {
                x = 0;
                px = qn;
                u = bits.next_f64();
            } else {
                u -= px;
                px = ((n - x + 1) as f64 * p * px) / (x as f64 * q);
            }
        }
        x
    }

    /// BTPE, step by step as NumPy's `random_binomial_btpe` (its labels in the comments).
    fn btpe<B: BitGenerator>(&self, bits: &mut B, s: &Btpe) -> i64 {
        let (n, p) = (self.n, self.p);
        let nf = n as f64;
        let Btpe { r, q, m, p1, xm, xl, xr, c, laml, lamr, p2, p3, p4 } = *s;
        let mf = m as f64;
        loop {
            // Step 10.
            let nrq = nf * r * q;
            let u = bits.next_f64() * p4;
            let mut v = bits.next_f64();
            let y;
            if u <= p1 {
                y = c_int64((xm - p1 * v + u).floor());
                return self.btpe_end(p, y);
            }
            if u <= p2 {
                // Step 20: the parallelograms.
                let x = xl + (u - p1) / c;
                v = v * c + 1.0 - (mf - x + 0.5).abs() / p1;
                if v > 1.0 {
                    continue;
                }
                y = c_int64(x.floor());
            } else if u <= p3 {
                // Step 30: the left exponential tail.
                y = c_int64((xl + v.ln() / laml).floor());
                if y < 0 || v == 0.0 {
                    continue;
                }
                v = v * (u - p2) * laml;
            } else {
                // Step 40: the right exponential tail.
                y = c_int64((xr - v.ln() / lamr).floor());
                if y > n || v == 0.0 {
                    continue;
                }
                v = v * (u - p3) * lamr;
            }
            // Step 50.
            let k = y.wrapping_sub(m).wrapping_abs();
            if !(k > 20 && (k as f64) < nrq / 2.0 - 1.0) {
                // Explicit evaluation of the density ratio.
                let s = r / q;
                let a = s * (n.wrapping_add(1)) as f64;
                let mut f = 1.0;
                if m < y {
                    let mut i = m + 1;
                    while i <= y {
                        f *= a / i as f64 - s;
                        i += 1;
                    }
                } else if m > y {
                    let mut i = y + 1;
                    while i <= m {
                        f /= a / i as f64 - s;
                        i += 1;
                    }
                }
                if v > f {
                    continue;
                }
                return self.btpe_end(p, y);
            }
            // Step 52: squeezing, then the final acceptance test with Stirling's formula.
            let kf = k as f64;
            let rho = (kf / nrq) * ((kf * (kf / 3.0 + 0.625) + 0.16666666666666666) / nrq + 0.5);
            let t = k.wrapping_neg().wrapping_mul(k) as f64 / (2.0 * nrq);
            let big_a = v.ln();
            if big_a < t - rho {
                return self.btpe_end(p, y);
            }
            if big_a > t + rho {
                continue;
            }
            let x1 = y as f64 + 1.0;
            let f1 = mf + 1.0;
            let z = nf + 1.0 - mf;
            let w = nf - y as f64 + 1.0;
            let (x2, f2, z2, w2) = (x1 * x1, f1 * f1, z * z, w * w);
            let stirling = |v2: f64, v1: f64| (13680. - (462. - (132. - (99. - 140. / v2) / v2) / v2) / v2) / v1 / 166320.;
            let bound = xm * (f1 / x1).ln()
                + (n.wrapping_sub(m) as f64 + 0.5) * (z / w).ln()
                + (y.wrapping_sub(m)) as f64 * (w * r / (x1 * q)).ln()
                + stirling(f2, f1)
                + stirling(z2, z)
                + stirling(x2, x1)
                + stirling(w2, w);
            if big_a > bound {
                continue;
            }
            return self.btpe_end(p, y);
        }
    }

    /// Step 60 (NumPy's own reflection inside BTPE, for a `p` above 0.5, which
    /// `random_binomial` never passes).
    fn btpe_end(&self, p: f64, y: i64) -> i64 {
        if p > 0.5 {
            self.n - y
        } else {
            y
        }
    }
}
