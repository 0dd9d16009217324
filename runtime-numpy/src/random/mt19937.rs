//! MT19937, the Mersenne Twister of Matsumoto & Nishimura (1998), with the
//! seeding (`init_genrand`) and the output conversions that NumPy's legacy
//! `RandomState` uses, and jumping ahead by any number of words.
//!
//! # Jumping ahead
//!
//! The words the generator produces are a linear recurrence over GF(2):
//! `x[k + 624] = x[k + 397] ^ twist(upper bit of x[k], lower 31 bits of x[k + 1])`.
//! Seen one word at a time, the *window* `S_k = (x[k], ..., x[k + 623])` moves
//! by a linear map `T` (`S_k -> S_(k+1)`). The block layout of [`Mt19937`] is
//! such a window: `key` is `S_B` for the start `B` of the current block, `pos`
//! the offset of the next word in it, and the twist writes `S_(B+624)` over it.
//!
//! `T` only ever reads the upper bit of the window's first word, so after one
//! step a window lies in a subspace of dimension 19937 on which `T` has an
//! irreducible characteristic polynomial `phi` of degree 19937 (Matsumoto &
//! Nishimura). There `T^J = g(T)` with `g(x) = x^J mod phi(x)`, so a jump costs
//! about 19937 squarings modulo `phi` per bit of `J` and one evaluation of `g`
//! at `T` by Horner's rule: 19937 steps of the one-word recurrence and a xor
//! of the window for each nonzero coefficient (Haramoto, Matsumoto,
//! Nishimura, Panneton & L'Ecuyer, "Efficient jump ahead for F2-linear random
//! number generators", 2008). `phi` is found once per process by the
//! Berlekamp–Massey algorithm from 2 x 19937 output bits of the generator.

use std::sync::OnceLock;

use super::gf2::{self, Modulus};
use super::BitGenerator;

/// Words of state.
const N: usize = 624;
/// The middle word of the recurrence.
const M: usize = 397;
/// The twist matrix's last row.
const MATRIX_A: u32 = 0x9908_b0df;
const UPPER_MASK: u32 = 0x8000_0000;
const LOWER_MASK: u32 = 0x7fff_ffff;

/// The dimension of the generator's state space (the window's bits less the
/// 31 lower bits of its first word, which no later word depends on).
const DEGREE: usize = 32 * N - 31;
/// Jumps shorter than this step through the blocks instead: generating a
/// block of 624 words costs under a microsecond (2^26 words 20 to 40 ms), a
/// polynomial jump 20 to 60 ms.
const POLYNOMIAL_JUMP_FROM: u64 = 1 << 26;

/// One step of the recurrence: the word 624 places after `first`.
fn twist(first: u32, second: u32, middle: u32) -> u32 {
    let y = (first & UPPER_MASK) | (second & LOWER_MASK);
    middle ^ (y >> 1) ^ (if y & 1 != 0 { MATRIX_A } else { 0 })
}

/// The generator's state: 624 words and the position of the next one to
/// temper (`N` means the block must be regenerated first).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mt19937 {
    key: [u32; N],
    pos: usize,
}

impl Mt19937 {
    /// `init_genrand(seed)`: Knuth's linear congruential fill of the state,
    /// which is what `np.random.seed(int)` does.
    pub fn from_seed(seed: u32) -> Mt19937 {
        let mut key = [0u32; N];
        key[0] = seed;
        for i in 1..N {
            let previous = key[i - 1];
            key[i] = 1_812_433_253u32.wrapping_mul(previous ^ (previous >> 30)).wrapping_add(i as u32);
        }
        Mt19937 { key, pos: N }
    }

    /// A state from 624 words of seed material, as NumPy builds one from a
    /// `SeedSequence`: the first word is replaced by `0x80000000` so that the
    /// state is never all zero.
    pub fn from_words(words: &[u32]) -> Mt19937 {
        let mut key = [0u32; N];
        key[1..].copy_from_slice(&words[1..N]);
        key[0] = UPPER_MASK;
        Mt19937 { key, pos: N }
    }

    /// Regenerates all 624 words (the "twist").
    fn generate(&mut self) {
        let key = &mut self.key;
        for i in 0..N - M {
            key[i] = twist(key[i], key[i + 1], key[i + M]);
        }
        for i in N - M..N - 1 {
            key[i] = twist(key[i], key[i + 1], key[i + M - N]);
        }
        key[N - 1] = twist(key[N - 1], key[0], key[M - 1]);
        self.pos = 0;
    }

    /// Leaves the generator exactly as `words` calls of `next_u32` would: by
    /// the blocks for short jumps, else by the characteristic polynomial
    /// (see the module comment), in time polynomial in `log(words)`.
    pub fn jump(&mut self, words: u64) {
        if words < POLYNOMIAL_JUMP_FROM {
            self.step(words);
        } else {
            self.jump_by_polynomial(words);
        }
    }

    /// `words` calls of `next_u32`, without tempering.
    pub fn step(&mut self, mut words: u64) {
        loop {
            let available = (N - self.pos) as u64;
            if words <= available {
                self.pos += words as usize;
                return;
            }
            words -= available;
            self.generate();
        }
    }

    /// [`Mt19937::jump`] by the characteristic polynomial, whatever `words`.
    pub fn jump_by_polynomial(&mut self, words: u64) {
        // Words consumed from the start of the current block, and the block
        // that holds the last of them.
        let consumed = self.pos as u128 + words as u128;
        if consumed <= N as u128 {
            self.pos = consumed as usize;
            return;
        }
        let blocks = (consumed - 1) / N as u128;
        // S_(B+1): one step from the block start enters the subspace where
        // phi(T) = 0.
        let mut window = [0u32; N];
        window[..N - 1].copy_from_slice(&self.key[1..]);
        window[N - 1] = twist(self.key[0], self.key[1], self.key[M]);
        // S_(B + 624 blocks) = T^(624 blocks - 1) S_(B+1).
        let g = characteristic_polynomial().x_pow(blocks * N as u128 - 1);
        self.key = apply_polynomial(&g, &window);
        self.pos = (consumed - blocks * N as u128) as usize;
    }
}

/// `phi`, the characteristic polynomial of the one-word transition on its
/// 19937-dimensional subspace, as a modulus; computed once per process.
fn characteristic_polynomial() -> &'static Modulus {
    static PHI: OnceLock<Modulus> = OnceLock::new();
    PHI.get_or_init(|| {
        // The lowest output bit of a seeded generator is a nonzero linear
        // function of windows in the subspace, so its minimal polynomial is
        // the irreducible phi; 2 x 19937 bits determine it.
        let n = 2 * DEGREE;
        let mut generator = Mt19937::from_seed(5489);
        let mut bits = vec![0u64; n.div_ceil(64)];
        for i in 0..n {
            if generator.next_u32() & 1 == 1 {
                gf2::set_bit(&mut bits, i);
            }
        }
        let (connection, length) = gf2::berlekamp_massey(&bits, n);
        assert_eq!(length, DEGREE, "the linear complexity of MT19937's output");
        // phi(x) = x^L C(1/x): the connection polynomial's coefficients reversed.
        let mut phi = vec![0u64; (DEGREE + 1).div_ceil(64)];
        for j in 0..=DEGREE {
            if gf2::bit(&connection, DEGREE - j) {
                gf2::set_bit(&mut phi, j);
            }
        }
        Modulus::new(&phi, DEGREE)
    })
}

/// `g(T) window` by Horner's rule: the accumulator is a window kept in a
/// ring (its first word at `start`), so that a step of `T` writes one word.
fn apply_polynomial(g: &[u64], window: &[u32; N]) -> [u32; N] {
    let mut ring = [0u32; N];
    let mut start = 0usize;
    let Some(top) = gf2::degree(g) else { return ring };
    for i in (0..=top).rev() {
        // ring = T ring.
        let next = twist(ring[start], ring[(start + 1) % N], ring[(start + M) % N]);
        ring[start] = next;
        start = (start + 1) % N;
        if gf2::bit(g, i) {
            // ring += window: window word j is ring[(start + j) % N].
            let (before, after) = ring.split_at_mut(start);
            for (slot, &word) in after.iter_mut().chain(before.iter_mut()).zip(window) {
                *slot ^= word;
            }
        }
    }
    ring.rotate_left(start);
    ring
}

impl BitGenerator for Mt19937 {
    fn next_u32(&mut self) -> u32 {
        if self.pos == N {
            self.generate();
        }
        let mut y = self.key[self.pos];
        self.pos += 1;
        // Tempering.
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^= y >> 18;
        y
    }

    /// Two words, the first one high.
    fn next_u64(&mut self) -> u64 {
        let high = self.next_u32() as u64;
        (high << 32) | self.next_u32() as u64
    }

    /// 53 random bits from two words (27 of the first, 26 of the second),
    /// scaled to [0, 1).
    fn next_f64(&mut self) -> f64 {
        let a = (self.next_u32() >> 5) as f64;
        let b = (self.next_u32() >> 6) as f64;
        (a * 67_108_864.0 + b) / 9_007_199_254_740_992.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A generator `drawn` words after seeding with `seed` (so at any `pos`).
    fn after(seed: u32, drawn: u64) -> Mt19937 {
        let mut generator = Mt19937::from_seed(seed);
        for _ in 0..drawn {
            generator.next_u32();
        }
        generator
    }

    fn stepped(generator: &Mt19937, words: u64) -> Mt19937 {
        let mut stepped = generator.clone();
        for _ in 0..words {
            stepped.next_u32();
        }
        stepped
    }

    /// A few words drawn after a jump equal those drawn after stepping.
    fn assert_same_future(mut a: Mt19937, mut b: Mt19937, what: &str) {
        for i in 0..1500 {
            assert_eq!(a.next_u32(), b.next_u32(), "word {i} after {what}");
        }
        assert_eq!(a, b, "state after drawing past {what}");
    }

    /// SplitMix64, for test parameters.
    fn mix(state: &mut u64) -> u64 {
        *state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = *state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    #[test]
    fn jumps_equal_steps_from_any_position() {
        let mut seed = 12345u64;
        let mut counts = vec![0u64, 1, 2, 396, 397, 623, 624, 625, 1000, 1247, 1248, 1249, 12345, 2_000_000];
        counts.extend((0..6).map(|_| mix(&mut seed) % 3_000_000));
        let mut drawn_before = vec![0u64, 1, 227, 396, 397, 622, 623, 624, 625, 1248, 5000];
        drawn_before.extend((0..3).map(|_| mix(&mut seed) % 10_000));
        for (index, &drawn) in drawn_before.iter().enumerate() {
            let start = after(index as u32 * 7 + 1, drawn);
            // Every count by the polynomial from a few starts, a few counts from every start.
            let chosen: Vec<u64> =
                if index % 4 == 0 { counts.clone() } else { counts.iter().copied().skip(index % 4).step_by(4).collect() };
            for &words in &chosen {
                let expected = stepped(&start, words);
                let mut by_polynomial = start.clone();
                by_polynomial.jump_by_polynomial(words);
                assert_eq!(by_polynomial, expected, "jump_by_polynomial({words}) after {drawn} words");
                let mut jumped = start.clone();
                jumped.jump(words);
                assert_eq!(jumped, expected, "jump({words}) after {drawn} words");
                let mut step = start.clone();
                step.step(words);
                assert_eq!(step, expected, "step({words}) after {drawn} words");
            }
        }
    }

    #[test]
    fn jumps_compose_and_agree_with_stepping_past_the_threshold() {
        let start = after(2024, 300);
        // Past POLYNOMIAL_JUMP_FROM: jump uses the polynomial, step the blocks.
        let words = POLYNOMIAL_JUMP_FROM + 12_345;
        let mut jumped = start.clone();
        jumped.jump(words);
        let mut step = start.clone();
        step.step(words);
        assert_eq!(jumped, step);
        assert_same_future(jumped, step, "a long jump");
        // Jumps far beyond stepping: J = a + b, in either order.
        let (a, b) = (1_000_000_000_007u64, 2_718_281_828_459u64);
        let mut whole = start.clone();
        whole.jump(a + b);
        let mut parts = start.clone();
        parts.jump(a);
        parts.jump(b);
        let mut other = start.clone();
        other.jump(b);
        other.jump(a);
        assert_eq!(whole, parts);
        assert_eq!(whole, other);
        let mut small_steps = start.clone();
        small_steps.jump(a + b - 5000);
        small_steps.step(5000);
        assert_eq!(whole, small_steps);
    }

    #[test]
    fn draws_after_a_jump_equal_draws_after_stepping() {
        let mut seed = 99u64;
        for round in 0..8 {
            let start = after(round, mix(&mut seed) % 2000);
            let words = 2 * (mix(&mut seed) % 1_000_000);
            let mut jumped = start.clone();
            jumped.jump_by_polynomial(words);
            let mut expected = stepped(&start, words);
            for _ in 0..700 {
                assert_eq!(jumped.next_f64().to_bits(), expected.next_f64().to_bits());
            }
            assert_eq!(jumped, expected);
        }
    }

    #[test]
    fn a_long_jump_is_fast() {
        let begin = std::time::Instant::now();
        characteristic_polynomial();
        eprintln!("MT19937's characteristic polynomial: {:?}", begin.elapsed());
        let mut generator = after(1, 17);
        let begin = std::time::Instant::now();
        generator.jump(2 * 1_000_000_000_000);
        let elapsed = begin.elapsed();
        eprintln!("MT19937 jump of 2e12 words: {elapsed:?}");
        let begin = std::time::Instant::now();
        generator.jump(u64::MAX);
        eprintln!("MT19937 jump of 2^64 - 1 words: {:?}", begin.elapsed());
        let begin = std::time::Instant::now();
        generator.step(POLYNOMIAL_JUMP_FROM);
        eprintln!("MT19937 stepping {POLYNOMIAL_JUMP_FROM} words: {:?}", begin.elapsed());
        assert!(elapsed.as_secs_f64() < 0.5, "a jump took {elapsed:?}");
    }
}
