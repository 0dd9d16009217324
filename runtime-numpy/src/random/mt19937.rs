//! MT19937, the Mersenne Twister of Matsumoto & Nishimura (1998), with the
//! seeding (`init_genrand`) and the output conversions that NumPy's legacy
//! `RandomState` uses.

use super::BitGenerator;

/// Words of state.
const N: usize = 624;
/// The middle word of the recurrence.
const M: usize = 397;
/// The twist matrix's last row.
const MATRIX_A: u32 = 0x9908_b0df;
const UPPER_MASK: u32 = 0x8000_0000;
const LOWER_MASK: u32 = 0x7fff_ffff;

/// The generator's state: 624 words and the position of the next one to
/// temper (`N` means the block must be regenerated first).
#[derive(Clone)]
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
        let twist = |upper: u32, lower: u32, far: u32| {
            let y = (upper & UPPER_MASK) | (lower & LOWER_MASK);
            far ^ (y >> 1) ^ (if y & 1 != 0 { MATRIX_A } else { 0 })
        };
        for i in 0..N - M {
            key[i] = twist(key[i], key[i + 1], key[i + M]);
        }
        for i in N - M..N - 1 {
            key[i] = twist(key[i], key[i + 1], key[i + M - N]);
        }
        key[N - 1] = twist(key[N - 1], key[0], key[M - 1]);
        self.pos = 0;
    }
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
