//! Polynomials over GF(2), packed 64 coefficients to a word: bit `i` of word
//! `w` is the coefficient of `x^(64 w + i)`. What jumping MT19937 ahead needs:
//! the Berlekamp–Massey algorithm (the shortest linear recurrence of a bit
//! sequence) and powers of `x` modulo a fixed polynomial.

/// Coefficient `i` of a packed polynomial (zero past its end).
pub fn bit(words: &[u64], i: usize) -> bool {
    words.get(i / 64).is_some_and(|&word| (word >> (i % 64)) & 1 == 1)
}

/// Sets coefficient `i` (which must lie within `words`).
pub fn set_bit(words: &mut [u64], i: usize) {
    words[i / 64] |= 1 << (i % 64);
}

/// The degree of a packed polynomial, `None` for zero.
pub fn degree(words: &[u64]) -> Option<usize> {
    let top = words.iter().rposition(|&word| word != 0)?;
    Some(64 * top + 63 - words[top].leading_zeros() as usize)
}

/// The 64 coefficients from `start` on, `start` lowest (zeros past the end).
fn bits_at(words: &[u64], start: usize) -> u64 {
    let (index, shift) = (start / 64, start % 64);
    let low = words.get(index).copied().unwrap_or(0) >> shift;
    if shift == 0 {
        return low;
    }
    let high = words.get(index + 1).copied().unwrap_or(0) << (64 - shift);
    low | high
}

/// `dst += src * x^shift` (coefficients beyond `dst`'s end are dropped).
pub fn add_shifted(dst: &mut [u64], src: &[u64], shift: usize) {
    let (offset, bits) = (shift / 64, shift % 64);
    if offset >= dst.len() {
        return;
    }
    let dst = &mut dst[offset..];
    if bits == 0 {
        for (d, s) in dst.iter_mut().zip(src) {
            *d ^= s;
        }
        return;
    }
    let mut carry = 0u64;
    for (d, &s) in dst.iter_mut().zip(src) {
        *d ^= (s << bits) | carry;
        carry = s >> (64 - bits);
    }
    if let Some(d) = dst.get_mut(src.len()) {
        *d ^= carry;
    }
}

/// The Berlekamp–Massey algorithm over GF(2): the shortest linear recurrence
/// `s[i] = c_1 s[i-1] + ... + c_L s[i-L]` that generates the first `n` bits of
/// `seq` (bit `i` of the packed string is `s[i]`). Returns the connection
/// polynomial `C(x) = 1 + c_1 x + ... + c_L x^L`, packed, and `L`. When the
/// sequence satisfies a recurrence of length at most `n / 2`, this is its
/// minimal one.
pub fn berlekamp_massey(seq: &[u64], n: usize) -> (Vec<u64>, usize) {
    // The sequence reversed, so that the discrepancy sum_j c_j s[i - j] is a
    // dot product of `C` with a contiguous run of bits.
    let mut reversed = vec![0u64; n.div_ceil(64)];
    for i in 0..n {
        if bit(seq, i) {
            set_bit(&mut reversed, n - 1 - i);
        }
    }
    let words = n / 64 + 2;
    let mut connection = vec![0u64; words];
    connection[0] = 1;
    // The connection polynomial before the last change of length, and how many
    // steps ago that was.
    let mut previous = connection.clone();
    let mut length = 0usize;
    let mut since = 1usize;
    for i in 0..n {
        // s[i - j] is reversed[n - 1 - i + j]; j runs to `length` <= i.
        let start = n - 1 - i;
        let mut products = 0u64;
        for (w, &c) in connection[..=length / 64].iter().enumerate() {
            products ^= c & bits_at(&reversed, start + 64 * w);
        }
        if products.count_ones() % 2 == 0 {
            since += 1;
        } else if 2 * length <= i {
            let before = connection.clone();
            add_shifted(&mut connection, &previous, since);
            previous = before;
            length = i + 1 - length;
            since = 1;
        } else {
            add_shifted(&mut connection, &previous, since);
            since += 1;
        }
    }
    (connection, length)
}

/// Spreads the 32 bits of `half` to the even bit positions of a word: the
/// square of a polynomial over GF(2) is its coefficients spread this way.
fn spread(half: u32) -> u64 {
    let mut x = half as u64;
    x = (x | (x << 16)) & 0x0000_ffff_0000_ffff;
    x = (x | (x << 8)) & 0x00ff_00ff_00ff_00ff;
    x = (x | (x << 4)) & 0x0f0f_0f0f_0f0f_0f0f;
    x = (x | (x << 2)) & 0x3333_3333_3333_3333;
    x = (x | (x << 1)) & 0x5555_5555_5555_5555;
    x
}

/// Arithmetic modulo a fixed polynomial `f` of degree `d >= 1`: residues are
/// packed polynomials of degree below `d`, in `words()` words.
pub struct Modulus {
    degree: usize,
    /// `f * x^r` for `r` in `0..64`, so that subtracting `f * x^k` is a
    /// word-aligned xor of `shifted[k % 64]` at word `k / 64`.
    shifted: Vec<Vec<u64>>,
}

impl Modulus {
    /// `poly` must have degree `degree >= 1`.
    pub fn new(poly: &[u64], degree: usize) -> Modulus {
        assert!(degree >= 1 && self::degree(poly) == Some(degree), "a modulus of degree {degree}");
        let len = (degree + 1).div_ceil(64) + 1;
        let shifted = (0..64)
            .map(|r| {
                let mut words = vec![0u64; len];
                add_shifted(&mut words, &poly[..(degree + 1).div_ceil(64)], r);
                words
            })
            .collect();
        Modulus { degree, shifted }
    }

    /// Words of a residue.
    pub fn words(&self) -> usize {
        self.degree.div_ceil(64)
    }

    /// `f` itself.
    #[cfg(test)]
    pub fn poly(&self) -> &[u64] {
        &self.shifted[0]
    }

    /// Reduces `p` modulo `f` in place, from the top coefficient down, and
    /// truncates it to a residue.
    fn reduce(&self, p: &mut Vec<u64>) {
        let d = self.degree;
        for w in (0..p.len()).rev() {
            if 64 * w + 63 < d {
                break;
            }
            loop {
                let word = p[w];
                if word == 0 {
                    break;
                }
                let top = 64 * w + 63 - word.leading_zeros() as usize;
                if top < d {
                    break;
                }
                // Subtract f * x^(top - d), which clears coefficient `top`.
                let shift = top - d;
                let tail = &mut p[shift / 64..];
                for (dst, &src) in tail.iter_mut().zip(&self.shifted[shift % 64]) {
                    *dst ^= src;
                }
            }
        }
        p.truncate(self.words());
        p.resize(self.words(), 0);
    }

    /// `a^2 mod f` for a residue `a`.
    pub fn square(&self, a: &[u64]) -> Vec<u64> {
        let mut product = vec![0u64; 2 * a.len()];
        for (i, &word) in a.iter().enumerate() {
            product[2 * i] = spread(word as u32);
            product[2 * i + 1] = spread((word >> 32) as u32);
        }
        self.reduce(&mut product);
        product
    }

    /// `a * x mod f` for a residue `a`, in place.
    pub fn times_x(&self, a: &mut Vec<u64>) {
        let mut carry = 0u64;
        for word in a.iter_mut() {
            let next = *word >> 63;
            *word = (*word << 1) | carry;
            carry = next;
        }
        a.push(carry);
        self.reduce(a);
    }

    /// `x^e mod f`, by squaring from the top bit of `e` down.
    pub fn x_pow(&self, e: u128) -> Vec<u64> {
        let mut result = vec![0u64; self.words()];
        result[0] = 1;
        for position in (0..128 - e.leading_zeros()).rev() {
            result = self.square(&result);
            if (e >> position) & 1 == 1 {
                self.times_x(&mut result);
            }
        }
        result
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A polynomial from its exponents.
    fn poly(exponents: &[usize]) -> Vec<u64> {
        let top = exponents.iter().max().copied().unwrap_or(0);
        let mut words = vec![0u64; top / 64 + 1];
        for &e in exponents {
            words[e / 64] ^= 1 << (e % 64);
        }
        words
    }

    /// Schoolbook product and remainder, for checking.
    fn mul_mod_naive(a: &[u64], b: &[u64], f: &[u64], d: usize) -> Vec<u64> {
        let mut product = vec![0u64; a.len() + b.len() + 1];
        for i in 0..64 * a.len() {
            if bit(a, i) {
                add_shifted(&mut product, b, i);
            }
        }
        for i in (d..64 * product.len()).rev() {
            if bit(&product, i) {
                add_shifted(&mut product, f, i - d);
            }
        }
        product.truncate(d.div_ceil(64));
        product.resize(d.div_ceil(64), 0);
        product
    }

    #[test]
    fn powers_of_x_match_repeated_multiplication() {
        // x^127 + x + 1 and a dense polynomial of degree 200.
        let dense: Vec<usize> = (0..=200).filter(|i| (i * 7 + 3) % 5 < 2 || *i == 200 || *i == 0).collect();
        for (exponents, d) in [(vec![127, 1, 0], 127usize), (dense, 200)] {
            let f = poly(&exponents);
            let modulus = Modulus::new(&f, d);
            let mut x = vec![0u64; d.div_ceil(64)];
            x[0] = 2;
            let mut power = vec![0u64; d.div_ceil(64)];
            power[0] = 1;
            for e in 0..1000u128 {
                assert_eq!(modulus.x_pow(e), power, "x^{e} mod a polynomial of degree {d}");
                power = mul_mod_naive(&power, &x, &f, d);
            }
            // x^(a + b) = x^a x^b for large exponents.
            let (a, b) = (123_456_789_012u128, 987_654_321u128);
            let both = modulus.x_pow(a + b);
            assert_eq!(both, mul_mod_naive(&modulus.x_pow(a), &modulus.x_pow(b), &f, d));
        }
    }

    #[test]
    fn berlekamp_massey_finds_a_known_recurrence() {
        // s[i] = s[i-3] + s[i-31] (x^31 + x^28 + 1 reversed), from a nonzero start.
        let n = 200;
        let mut s = vec![false; n];
        for (i, slot) in s.iter_mut().enumerate().take(31) {
            *slot = (i * 13 + 5) % 7 < 3;
        }
        for i in 31..n {
            s[i] = s[i - 3] ^ s[i - 31];
        }
        let mut packed = vec![0u64; n.div_ceil(64)];
        for (i, &b) in s.iter().enumerate() {
            if b {
                set_bit(&mut packed, i);
            }
        }
        let (connection, length) = berlekamp_massey(&packed, n);
        assert_eq!(length, 31);
        assert_eq!(degree(&connection), Some(31));
        let expected = poly(&[0, 3, 31]);
        assert_eq!(&connection[..expected.len()], &expected[..]);
        assert!(connection[expected.len()..].iter().all(|&w| w == 0));
    }

    #[test]
    fn spreading_squares() {
        let a = poly(&[0, 1, 31, 32, 63]);
        let modulus = Modulus::new(&poly(&[300, 1, 0]), 300);
        let mut padded = a.clone();
        padded.resize(modulus.words(), 0);
        assert_eq!(modulus.square(&padded), mul_mod_naive(&padded, &padded, modulus.poly(), 300));
    }
}
