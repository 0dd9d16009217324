//! Symbolic shape expressions over runtime values (`N + 2`, `n // 2`).
//!
//! The frontend records, per array variable, the symbolic extent of each
//! dimension where it can; later passes (partitioning, halo inference) reason
//! about these. Execution never depends on them: runtime descriptors carry
//! the concrete shapes.
//!
//! An extent `E` stands for `max(E, 0)`: a slice that would run past the start of
//! its axis is empty, so `a[1:-1]` of an axis of `N` has `N - 2` elements for every
//! `N >= 0` (none when `N < 2`). Where the extent depends on the run-time values in
//! some other way (`a[:10]` of `N` is `min(N, 10)`), it is `Unknown`: a wrong known
//! extent is worse than none.

use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum SymExpr {
    Const(i64),
    /// A named runtime value (a variable of the source program).
    Value(String),
    Add(Box<SymExpr>, Box<SymExpr>),
    Sub(Box<SymExpr>, Box<SymExpr>),
    Mul(Box<SymExpr>, Box<SymExpr>),
    FloorDiv(Box<SymExpr>, Box<SymExpr>),
    /// Not expressible symbolically (data-dependent).
    Unknown,
}

/// A folded constant; `Unknown` when the exact value does not fit in int64 (the
/// program's own checked arithmetic raises there, and nothing may assume a wrapped value).
fn folded(value: Option<i64>) -> SymExpr {
    value.map_or(SymExpr::Unknown, SymExpr::Const)
}

impl SymExpr {
    /// Whether the value is known symbolically (no part of it is `Unknown`): two known
    /// expressions that are equal have equal values, two `Unknown` ones need not.
    pub fn is_known(&self) -> bool {
        match self {
            SymExpr::Const(_) | SymExpr::Value(_) => true,
            SymExpr::Add(a, b) | SymExpr::Sub(a, b) | SymExpr::Mul(a, b) | SymExpr::FloorDiv(a, b) => a.is_known() && b.is_known(),
            SymExpr::Unknown => false,
        }
    }

    /// Builds `a + b`, folding constants.
    pub fn add(a: SymExpr, b: SymExpr) -> SymExpr {
        match (a, b) {
            (SymExpr::Const(x), SymExpr::Const(y)) => folded(x.checked_add(y)),
            (x, SymExpr::Const(0)) | (SymExpr::Const(0), x) => x,
            (SymExpr::Add(x, c), SymExpr::Const(d)) | (SymExpr::Const(d), SymExpr::Add(x, c))
                if matches!(*c, SymExpr::Const(c) if c.checked_add(d).is_some()) =>
            {
                let SymExpr::Const(c) = *c else { unreachable!() };
                SymExpr::add(*x, SymExpr::Const(c + d))
            }
            (x, SymExpr::Const(d)) if d < 0 && d != i64::MIN => SymExpr::Sub(Box::new(x), Box::new(SymExpr::Const(-d))),
            (SymExpr::Unknown, _) | (_, SymExpr::Unknown) => SymExpr::Unknown,
            (x, y) => SymExpr::Add(Box::new(x), Box::new(y)),
        }
    }
    /// Builds `a - b`, folding constants and `(x + c) - d`.
    pub fn sub(a: SymExpr, b: SymExpr) -> SymExpr {
        match (a, b) {
            (SymExpr::Const(x), SymExpr::Const(y)) => folded(x.checked_sub(y)),
            (x, SymExpr::Const(0)) => x,
            (SymExpr::Add(x, c), SymExpr::Const(d)) if matches!(*c, SymExpr::Const(c) if c.checked_sub(d).is_some()) => {
                let SymExpr::Const(c) = *c else { unreachable!() };
                SymExpr::add(*x, SymExpr::Const(c - d))
            }
            (SymExpr::Sub(x, c), SymExpr::Const(d))
                if matches!(*c, SymExpr::Const(c) if c.checked_neg().and_then(|n| n.checked_sub(d)).is_some()) =>
            {
                let SymExpr::Const(c) = *c else { unreachable!() };
                SymExpr::add(*x, SymExpr::Const(-c - d))
            }
            (x, SymExpr::Const(d)) if d < 0 && d != i64::MIN => SymExpr::add(x, SymExpr::Const(-d)),
            (x, y) if x == y && x != SymExpr::Unknown => SymExpr::Const(0),
            (SymExpr::Unknown, _) | (_, SymExpr::Unknown) => SymExpr::Unknown,
            (x, y) => SymExpr::Sub(Box::new(x), Box::new(y)),
        }
    }
    pub fn mul(a: SymExpr, b: SymExpr) -> SymExpr {
        match (a, b) {
            (SymExpr::Const(x), SymExpr::Const(y)) => folded(x.checked_mul(y)),
            (x, SymExpr::Const(1)) | (SymExpr::Const(1), x) => x,
            (SymExpr::Unknown, _) | (_, SymExpr::Unknown) => SymExpr::Unknown,
            (x, y) => SymExpr::Mul(Box::new(x), Box::new(y)),
        }
    }
    pub fn floor_div(a: SymExpr, b: SymExpr) -> SymExpr {
        match (a, b) {
            // Python's `//` rounds down; `div_euclid` agrees for positive divisors only.
            (SymExpr::Const(x), SymExpr::Const(y)) if y > 0 => SymExpr::Const(x.div_euclid(y)),
            (SymExpr::Const(x), SymExpr::Const(y)) if y < 0 => {
                folded(x.checked_div(y).map(|q| if q * y != x && (x < 0) != (y < 0) { q - 1 } else { q }))
            }
            (x, SymExpr::Const(1)) => x,
            (SymExpr::Unknown, _) | (_, SymExpr::Unknown) => SymExpr::Unknown,
            (x, y) => SymExpr::FloorDiv(Box::new(x), Box::new(y)),
        }
    }
}

/// The number of elements of `start:stop:step` (constants, or absent) over an axis of
/// extent `n`, following Python's slice rules (negative bounds count from the end,
/// then clamp to the axis). Exact for a constant `n`; for a symbolic `n`, the forms
/// whose length is `max(0, linear in n)` (a non-negative start and a stop counted
/// from the end for a positive step, and the mirror image for a negative one);
/// `Unknown` otherwise and for a zero step (a run-time error).
pub fn slice_extent(n: &SymExpr, start: Option<i64>, stop: Option<i64>, step: i64) -> SymExpr {
    if step == 0 {
        return SymExpr::Unknown;
    }
    let (start, stop, step) = (start.map(i128::from), stop.map(i128::from), i128::from(step));
    let fits = |v: i128| i64::try_from(v).map_or(SymExpr::Unknown, SymExpr::Const);
    if let SymExpr::Const(n) = *n {
        // CPython's PySlice_AdjustIndices and PySlice_GetLength.
        let n = i128::from(n.max(0));
        let (lower, upper) = if step < 0 { (-1, n - 1) } else { (0, n) };
        let adjust = |bound: Option<i128>, default: i128| match bound {
            None => default,
            Some(b) if b < 0 => (b + n).max(lower),
            Some(b) => b.min(upper),
        };
        let (first, last) = if step < 0 { (adjust(start, upper), adjust(stop, lower)) } else { (adjust(start, lower), adjust(stop, upper)) };
        let len = if step < 0 {
            if last < first { (first - last - 1) / -step + 1 } else { 0 }
        } else if first < last {
            (last - first - 1) / step + 1
        } else {
            0
        };
        return fits(len);
    }
    if *n == SymExpr::Unknown {
        return SymExpr::Unknown;
    }
    // The first and last positions relative to the axis, as `n + offset` or an absolute
    // index, in the forms where neither clamps differently for different `n >= 0`.
    // The length is then ceil((last - first) / |step|), which is <= 0 exactly when the
    // slice is empty.
    let (stride, span) = if step > 0 {
        // `start` is c >= 0 (absolute), `stop` is n + d with d <= 0.
        let first = match start {
            None => 0,
            Some(c) if c >= 0 => c,
            Some(_) => return SymExpr::Unknown,
        };
        let last_offset = match stop {
            None => 0,
            Some(d) if d < 0 => d,
            Some(_) => return SymExpr::Unknown,
        };
        (step, last_offset - first)
    } else {
        // `start` is n + c with c < 0, `stop` is d >= 0 (absolute), or before the axis (-1).
        let first_offset = match start {
            None => -1,
            Some(c) if c < 0 => c,
            Some(_) => return SymExpr::Unknown,
        };
        let last = match stop {
            None => -1,
            Some(d) if d >= 0 => d,
            Some(_) => return SymExpr::Unknown,
        };
        (-step, first_offset - last)
    };
    // ceil((n + span) / stride) = (n + span + stride - 1) // stride.
    let SymExpr::Const(offset) = fits(span + stride - 1) else { return SymExpr::Unknown };
    let SymExpr::Const(stride) = fits(stride) else { return SymExpr::Unknown };
    SymExpr::floor_div(SymExpr::add(n.clone(), SymExpr::Const(offset)), SymExpr::Const(stride))
}

impl SymExpr {
    /// Whether the expression, as a value, is never negative: then an extent `E`
    /// (which stands for `max(E, 0)`) equals `E`, and arithmetic on it is exact.
    /// Named values count as non-negative because an extent equal to a named value
    /// comes from an allocation of that many elements, which fails for negative ones.
    pub fn is_never_negative(&self) -> bool {
        match self {
            SymExpr::Const(c) => *c >= 0,
            SymExpr::Value(_) => true,
            SymExpr::Add(a, b) | SymExpr::Mul(a, b) => a.is_never_negative() && b.is_never_negative(),
            SymExpr::FloorDiv(a, b) => a.is_never_negative() && matches!(**b, SymExpr::Const(c) if c > 0),
            SymExpr::Sub(..) | SymExpr::Unknown => false,
        }
    }
}

impl fmt::Display for SymExpr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SymExpr::Const(c) => write!(f, "{c}"),
            SymExpr::Value(n) => write!(f, "{n}"),
            SymExpr::Add(a, b) => write!(f, "({a} + {b})"),
            SymExpr::Sub(a, b) => write!(f, "({a} - {b})"),
            SymExpr::Mul(a, b) => write!(f, "({a} * {b})"),
            SymExpr::FloorDiv(a, b) => write!(f, "({a} // {b})"),
            SymExpr::Unknown => f.write_str("?"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The value of `e` with `N` bound to `n`.
    fn eval(e: &SymExpr, n: i64) -> Option<i64> {
        Some(match e {
            SymExpr::Const(c) => *c,
            SymExpr::Value(name) if name == "N" => n,
            SymExpr::Add(a, b) => eval(a, n)? + eval(b, n)?,
            SymExpr::Sub(a, b) => eval(a, n)? - eval(b, n)?,
            SymExpr::Mul(a, b) => eval(a, n)? * eval(b, n)?,
            SymExpr::FloorDiv(a, b) => eval(a, n)?.div_euclid(eval(b, n)?),
            _ => return None,
        })
    }

    /// `len(range(n)[start:stop:step])`, the way Python computes it, by enumeration.
    fn python_len(n: i64, start: Option<i64>, stop: Option<i64>, step: i64) -> i64 {
        let norm = |b: i64| if b < 0 { b + n } else { b };
        let (mut i, end) = if step > 0 {
            (start.map_or(0, |b| norm(b).clamp(0, n)), stop.map_or(n, |b| norm(b).clamp(0, n)))
        } else {
            (start.map_or(n - 1, |b| norm(b).clamp(-1, n - 1)), stop.map_or(-1, |b| norm(b).clamp(-1, n - 1)))
        };
        let mut count = 0;
        while (step > 0 && i < end) || (step < 0 && i > end) {
            count += 1;
            i += step;
        }
        count
    }

    #[test]
    fn slice_extents_follow_python() {
        let bounds: Vec<Option<i64>> = std::iter::once(None).chain((-13..=13).map(Some)).collect();
        let symbolic = SymExpr::Value("N".into());
        let mut known = 0;
        for &start in &bounds {
            for &stop in &bounds {
                for step in [-4, -3, -2, -1, 1, 2, 3, 5] {
                    let extent = slice_extent(&symbolic, start, stop, step);
                    if extent != SymExpr::Unknown {
                        known += 1;
                    }
                    for n in 0..=12 {
                        let want = python_len(n, start, stop, step);
                        let exact = slice_extent(&SymExpr::Const(n), start, stop, step);
                        assert_eq!(exact, SymExpr::Const(want), "{start:?}:{stop:?}:{step} of {n}");
                        if let Some(v) = eval(&extent, n) {
                            assert_eq!(v.max(0), want, "{start:?}:{stop:?}:{step} of N = {n}: {extent}");
                        }
                    }
                }
            }
        }
        assert!(known > 100, "only {known} symbolic slice extents are known");
        let n = SymExpr::Value("N".into());
        assert_eq!(slice_extent(&n, Some(1), Some(-1), 1).to_string(), "(N - 2)");
        assert_eq!(slice_extent(&n, None, None, -1).to_string(), "N");
        assert_eq!(slice_extent(&n, None, None, 2).to_string(), "((N + 1) // 2)");
        assert_eq!(slice_extent(&n, None, Some(10), 1), SymExpr::Unknown);
        assert_eq!(slice_extent(&n, Some(-3), None, 1), SymExpr::Unknown);
        assert_eq!(slice_extent(&SymExpr::Const(5), None, Some(10), 1), SymExpr::Const(5));
        assert_eq!(slice_extent(&SymExpr::Const(5), Some(-10), Some(-7), 1), SymExpr::Const(0));
        assert_eq!(slice_extent(&SymExpr::Const(5), None, None, 0), SymExpr::Unknown);
        assert_eq!(slice_extent(&SymExpr::Const(i64::MAX), None, None, i64::MIN), SymExpr::Const(1));
        assert!(eval(&slice_extent(&n, None, Some(i64::MIN), 1), 5).is_some_and(|v| v <= 0));
    }

    #[test]
    fn folds_offsets() {
        let n = SymExpr::Value("N".into());
        let np2 = SymExpr::add(n.clone(), SymExpr::Const(2));
        assert_eq!(SymExpr::sub(np2, SymExpr::Const(2)), n);
        assert_eq!(SymExpr::sub(n.clone(), n.clone()), SymExpr::Const(0));
        assert_eq!(SymExpr::add(SymExpr::Const(3), SymExpr::Const(4)), SymExpr::Const(7));
        assert_eq!(SymExpr::add(n.clone(), SymExpr::Unknown), SymExpr::Unknown);
        let np2 = SymExpr::add(n.clone(), SymExpr::Const(2));
        let interior = SymExpr::add(np2.clone(), SymExpr::Const(-2));
        assert_eq!(interior, n);
        assert_eq!(SymExpr::sub(SymExpr::add(np2, SymExpr::Const(-1)), SymExpr::Const(1)), n);
        assert_eq!(SymExpr::add(n.clone(), SymExpr::Const(-1)).to_string(), "(N - 1)");
    }

    #[test]
    fn folds_like_python_and_never_wraps() {
        let n = SymExpr::Value("N".into());
        assert_eq!(SymExpr::floor_div(SymExpr::Const(7), SymExpr::Const(-2)), SymExpr::Const(-4));
        assert_eq!(SymExpr::floor_div(SymExpr::Const(-7), SymExpr::Const(2)), SymExpr::Const(-4));
        assert_eq!(SymExpr::floor_div(SymExpr::Const(-8), SymExpr::Const(-2)), SymExpr::Const(4));
        assert_eq!(SymExpr::floor_div(SymExpr::Const(i64::MIN), SymExpr::Const(-1)), SymExpr::Unknown);
        assert_eq!(SymExpr::add(SymExpr::Const(i64::MAX), SymExpr::Const(1)), SymExpr::Unknown);
        assert_eq!(SymExpr::sub(SymExpr::Const(i64::MIN), SymExpr::Const(1)), SymExpr::Unknown);
        assert_eq!(SymExpr::mul(SymExpr::Const(1 << 62), SymExpr::Const(4)), SymExpr::Unknown);
        let shifted = SymExpr::add(n.clone(), SymExpr::Const(i64::MAX));
        assert_eq!(SymExpr::add(shifted.clone(), SymExpr::Const(1)).to_string(), format!("((N + {}) + 1)", i64::MAX));
        assert_eq!(SymExpr::add(n.clone(), SymExpr::Const(i64::MIN)).to_string(), format!("(N + {})", i64::MIN));
        assert_eq!(SymExpr::sub(n, SymExpr::Const(i64::MIN)).to_string(), format!("(N - {})", i64::MIN));
    }
}
