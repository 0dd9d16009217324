//! PCG64: O'Neill's permuted congruential generator with 128-bit state and
//! the XSL-RR output function (PCG-XSL-RR 128/64), with NumPy's seeding and
//! its buffering of 32-bit draws.

use super::seed_sequence::SeedSequence;
use super::BitGenerator;

/// The 128-bit LCG multiplier of the PCG reference implementation.
const MULTIPLIER: u128 = (2_549_297_995_355_413_924u128 << 64) | 4_865_540_595_714_422_341u128;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pcg64 {
    state: u128,
    /// The LCG increment (always odd).
    increment: u128,
    /// The high half of the last 64-bit draw, when a 32-bit draw used only
    /// its low half.
    buffered_u32: Option<u32>,
}

impl Pcg64 {
    /// `pcg_setseq_128_srandom_r(initstate, initseq)`.
    pub fn new(initstate: u128, initseq: u128) -> Pcg64 {
        let mut generator = Pcg64 { state: 0, increment: (initseq << 1) | 1, buffered_u32: None };
        generator.step();
        generator.state = generator.state.wrapping_add(initstate);
        generator.step();
        generator
    }

    /// `PCG64(seed_sequence)`: four 64-bit words of the sequence's state are
    /// the initial state (first two, high word first) and the stream.
    pub fn from_seed_sequence(seed: &SeedSequence) -> Pcg64 {
        let words = seed.generate_state_u64(4);
        let join = |high: u64, low: u64| ((high as u128) << 64) | low as u128;
        Pcg64::new(join(words[0], words[1]), join(words[2], words[3]))
    }

    fn step(&mut self) {
        self.state = self.state.wrapping_mul(MULTIPLIER).wrapping_add(self.increment);
    }

    /// Moves the generator `delta` 64-bit draws ahead in O(log delta) steps
    /// (Brown, "Random number generation with arbitrary strides", 1994) and
    /// drops a buffered 32-bit half, as `PCG64.advance` does.
    pub fn advance(&mut self, delta: u128) {
        self.skip_u64(delta);
        self.buffered_u32 = None;
    }

    /// Leaves the generator as `delta` calls of `next_u64` would: the LCG
    /// jumps, a buffered 32-bit half stays.
    pub fn skip_u64(&mut self, mut delta: u128) {
        let mut multiplier = MULTIPLIER;
        let mut increment = self.increment;
        let mut accumulated_multiplier: u128 = 1;
        let mut accumulated_increment: u128 = 0;
        while delta > 0 {
            if delta & 1 == 1 {
                accumulated_multiplier = accumulated_multiplier.wrapping_mul(multiplier);
                accumulated_increment = accumulated_increment.wrapping_mul(multiplier).wrapping_add(increment);
            }
            increment = multiplier.wrapping_add(1).wrapping_mul(increment);
            multiplier = multiplier.wrapping_mul(multiplier);
            delta >>= 1;
        }
        self.state = accumulated_multiplier.wrapping_mul(self.state).wrapping_add(accumulated_increment);
    }

    /// Leaves the generator as `count` calls of `next_u32` would: the
    /// buffered half first, then whole 64-bit draws, and for an odd rest the
    /// low half of one more draw, whose high half stays buffered.
    pub fn skip_u32(&mut self, mut count: u128) {
        if count > 0 && self.buffered_u32.take().is_some() {
            count -= 1;
        }
        self.skip_u64(count / 2);
        if count % 2 == 1 {
            self.next_u32();
        }
    }
}

impl BitGenerator for Pcg64 {
    fn next_u64(&mut self) -> u64 {
        self.step();
        let high = (self.state >> 64) as u64;
        let low = self.state as u64;
        (high ^ low).rotate_right((high >> 58) as u32)
    }

    /// The low half of a 64-bit draw; the next call returns its high half.
    fn next_u32(&mut self) -> u32 {
        if let Some(half) = self.buffered_u32.take() {
            return half;
        }
        let draw = self.next_u64();
        self.buffered_u32 = Some((draw >> 32) as u32);
        draw as u32
    }

    /// The top 53 bits of a 64-bit draw, scaled to [0, 1).
    fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / 9_007_199_254_740_992.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skips_equal_draws() {
        for start_halves in 0..3u32 {
            for count in [0u128, 1, 2, 3, 4, 5, 17, 1000, 1001] {
                let mut start = Pcg64::new(0x1234_5678_9abc_def0_1122_3344_5566_7788, 54);
                for _ in 0..start_halves {
                    start.next_u32();
                }
                let mut drawn = start.clone();
                for _ in 0..count {
                    drawn.next_u32();
                }
                let mut skipped = start.clone();
                skipped.skip_u32(count);
                assert_eq!(skipped, drawn, "skip_u32({count}) after {start_halves} halves");
                let mut drawn = start.clone();
                for _ in 0..count {
                    drawn.next_u64();
                }
                let mut skipped = start.clone();
                skipped.skip_u64(count);
                assert_eq!(skipped, drawn, "skip_u64({count}) after {start_halves} halves");
                let mut advanced = start.clone();
                advanced.advance(count);
                assert_eq!(advanced.buffered_u32, None);
                assert_eq!(advanced.state, drawn.state);
            }
        }
    }
}
