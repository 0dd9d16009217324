//! Symbolic shape expressions over runtime values (`N + 2`, `n // 2`).
//!
//! The frontend records, per array variable, the symbolic extent of each
//! dimension where it can; later passes (partitioning, halo inference) reason
//! about these. Execution never depends on them: runtime descriptors carry
//! the concrete shapes.

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
