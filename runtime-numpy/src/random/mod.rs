//! Random numbers that match NumPy 2.x bit for bit: the legacy global
//! `RandomState` (MT19937, `np.random.*`) and `Generator`s made by
//! `np.random.default_rng` (PCG64 seeded through `SeedSequence`).
//!
//! Layers: bit generators produce raw words ([`Mt19937`], [`Pcg64`]);
//! [`distributions`] turns words into values exactly as NumPy's C does;
//! [`RandomState`] and [`Generator`] are the Python-visible methods with
//! NumPy's argument checks and error messages. Every fill draws one value per
//! element in the order of the slice it is given (C order for a new array).

pub mod distributions;
mod generator;
mod gf2;
mod legacy;
pub mod mt19937;
pub mod pcg64;
pub mod seed_sequence;
pub mod streams;
mod ziggurat_tables;

pub use generator::Generator;
pub use legacy::RandomState;
pub use mt19937::Mt19937;
pub use pcg64::Pcg64;
pub use seed_sequence::SeedSequence;

use runtime_core::errors::{RtError, RtResult};

/// A source of raw random words, with NumPy's conversion to a double.
pub trait BitGenerator {
    fn next_u32(&mut self) -> u32;
    fn next_u64(&mut self) -> u64;
    /// A float64 in [0, 1) (each generator has its own recipe).
    fn next_f64(&mut self) -> f64;
}

/// Integer dtypes that bounded draws can produce.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IntWidth {
    I8,
    U8,
    I16,
    U16,
    I32,
    U32,
    I64,
    U64,
}

impl IntWidth {
    fn name(self) -> &'static str {
        match self {
            IntWidth::I8 => "int8",
            IntWidth::U8 => "uint8",
            IntWidth::I16 => "int16",
            IntWidth::U16 => "uint16",
            IntWidth::I32 => "int32",
            IntWidth::U32 => "uint32",
            IntWidth::I64 => "int64",
            IntWidth::U64 => "uint64",
        }
    }

    fn bits(self) -> u32 {
        match self {
            IntWidth::I8 | IntWidth::U8 => 8,
            IntWidth::I16 | IntWidth::U16 => 16,
            IntWidth::I32 | IntWidth::U32 => 32,
            IntWidth::I64 | IntWidth::U64 => 64,
        }
    }

    fn bounds(self) -> (i128, i128) {
        let bits = self.bits();
        match self {
            IntWidth::I8 | IntWidth::I16 | IntWidth::I32 | IntWidth::I64 => (-(1i128 << (bits - 1)), (1i128 << (bits - 1)) - 1),
            _ => (0, (1i128 << bits) - 1),
        }
    }
}

/// Bounded integers of any width but int64 and int32 (which have typed paths of their
/// own) as raw words (the element's bits, zero-extended): NumPy's `random_bounded_*_fill`
/// for `Generator.integers` (`masked` false: Lemire's method) and legacy `randint`
/// (`masked` true). One fill of `total` values keeps one buffer of 32-bit draws for 8- and
/// 16-bit values, so a rank's share of a distributed fill (`out`, the values from
/// `first` on) is drawn within the whole fill, the others drawn and dropped.
#[allow(clippy::too_many_arguments)]
pub fn bounded_words<B: BitGenerator>(
    bits: &mut B,
    low: i64,
    high: i64,
    endpoint: bool,
    is_scalar: bool,
    width: IntWidth,
    masked: bool,
    total: usize,
    first: usize,
    out: &mut [u64],
) -> RtResult<()> {
    if total == 0 && !is_scalar {
        return Ok(());
    }
    let (low, high) = closed_int_interval(low, high, endpoint, width)?;
    let range = (high as i128 - low as i128) as u64;
    let mut narrow = distributions::BoundedNarrow::new(low as u32, range as u32, width.bits(), masked);
    let wide32 = distributions::BoundedU32::new(low as u32, range as u32, masked);
    let wide64 = distributions::BoundedU64::new(low as u64, range, masked);
    for i in 0..total.max(usize::from(is_scalar)) {
        let value = match width.bits() {
            8 | 16 => u64::from(narrow.draw(bits)),
            32 => u64::from(wide32.draw(bits)),
            _ => wide64.draw(bits),
        };
        if let Some(slot) = i.checked_sub(first).and_then(|k| out.get_mut(k)) {
            *slot = value;
        }
    }
    Ok(())
}

/// Checks integer bounds as NumPy's `_rand_int*` does for scalar bounds and
/// returns the closed interval `[low, high]` to draw from.
pub fn closed_int_interval(low: i64, high: i64, endpoint: bool, width: IntWidth) -> RtResult<(i64, i64)> {
    let low_wide = low as i128;
    let high_wide = if endpoint { high as i128 } else { high as i128 - 1 };
    let (min, max) = width.bounds();
    if low_wide < min {
        return Err(RtError::value(format!("low is out of bounds for {}", width.name())));
    }
    if high_wide > max {
        return Err(RtError::value(format!("high is out of bounds for {}", width.name())));
    }
    if low_wide > high_wide {
        let message = match (low == 0, endpoint) {
            (true, false) => "high <= 0",
            (true, true) => "high < 0",
            (false, false) => "low >= high",
            (false, true) => "low > high",
        };
        return Err(RtError::value(message));
    }
    Ok((low, high_wide as i64))
}

/// NumPy's `CONS_NON_NEGATIVE` check (`-0.0` fails, NaN passes).
fn check_non_negative(value: f64, name: &str) -> RtResult<()> {
    if !value.is_nan() && value.is_sign_negative() {
        return Err(RtError::value(format!("{name} < 0")));
    }
    Ok(())
}

/// NumPy's `CONS_POSITIVE` check (0 fails, NaN passes).
fn check_positive(value: f64, name: &str) -> RtResult<()> {
    if value <= 0.0 {
        return Err(RtError::value(format!("{name} <= 0")));
    }
    Ok(())
}

/// 128 bits from the operating system for unseeded generators.
pub fn os_entropy() -> [u32; 4] {
    use std::io::Read;
    let mut bytes = [0u8; 16];
    let read = std::fs::File::open("/dev/urandom").and_then(|mut file| file.read_exact(&mut bytes));
    if read.is_err() {
        // No /dev/urandom: the clock and the process id are still
        // unpredictable enough for an unseeded generator.
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|elapsed| elapsed.as_nanos())
            .unwrap_or(0);
        let mixed = nanos ^ ((std::process::id() as u128) << 96);
        bytes = mixed.to_le_bytes();
    }
    let word = |i: usize| u32::from_le_bytes([bytes[4 * i], bytes[4 * i + 1], bytes[4 * i + 2], bytes[4 * i + 3]]);
    [word(0), word(1), word(2), word(3)]
}
