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

impl SymExpr {
    /// Builds `a + b`, folding constants.
    pub fn add(a: SymExpr, b: SymExpr) -> SymExpr {
        match (a, b) {
            (SymExpr::Const(x), SymExpr::Const(y)) => SymExpr::Const(x + y),
            (x, SymExpr::Const(0)) | (SymExpr::Const(0), x) => x,
            (SymExpr::Add(x, c), SymExpr::Const(d)) if matches!(*c, SymExpr::Const(_)) => {
                let SymExpr::Const(c) = *c else { unreachable!() };
                SymExpr::add(*x, SymExpr::Const(c + d))
            }
            (SymExpr::Const(d), SymExpr::Add(x, c)) if matches!(*c, SymExpr::Const(_)) => {
                let SymExpr::Const(c) = *c else { unreachable!() };
                SymExpr::add(*x, SymExpr::Const(c + d))
            }
            (x, SymExpr::Const(d)) if d < 0 => SymExpr::Sub(Box::new(x), Box::new(SymExpr::Const(-d))),
            (SymExpr::Unknown, _) | (_, SymExpr::Unknown) => SymExpr::Unknown,
            (x, y) => SymExpr::Add(Box::new(x), Box::new(y)),
        }
    }
    /// Builds `a - b`, folding constants and `(x + c) - d`.
    pub fn sub(a: SymExpr, b: SymExpr) -> SymExpr {
        match (a, b) {
            (SymExpr::Const(x), SymExpr::Const(y)) => SymExpr::Const(x - y),
            (x, SymExpr::Const(0)) => x,
            (SymExpr::Add(x, c), SymExpr::Const(d)) if matches!(*c, SymExpr::Const(_)) => {
                let SymExpr::Const(c) = *c else { unreachable!() };
                SymExpr::add(*x, SymExpr::Const(c - d))
            }
            (SymExpr::Sub(x, c), SymExpr::Const(d)) if matches!(*c, SymExpr::Const(_)) => {
                let SymExpr::Const(c) = *c else { unreachable!() };
                SymExpr::add(*x, SymExpr::Const(-c - d))
            }
            (x, SymExpr::Const(d)) if d < 0 => SymExpr::add(x, SymExpr::Const(-d)),
            (x, y) if x == y && x != SymExpr::Unknown => SymExpr::Const(0),
            (SymExpr::Unknown, _) | (_, SymExpr::Unknown) => SymExpr::Unknown,
            (x, y) => SymExpr::Sub(Box::new(x), Box::new(y)),
        }
    }
    pub fn mul(a: SymExpr, b: SymExpr) -> SymExpr {
        match (a, b) {
            (SymExpr::Const(x), SymExpr::Const(y)) => SymExpr::Const(x * y),
            (x, SymExpr::Const(1)) | (SymExpr::Const(1), x) => x,
            (SymExpr::Unknown, _) | (_, SymExpr::Unknown) => SymExpr::Unknown,
            (x, y) => SymExpr::Mul(Box::new(x), Box::new(y)),
        }
    }
    pub fn floor_div(a: SymExpr, b: SymExpr) -> SymExpr {
        match (a, b) {
            (SymExpr::Const(x), SymExpr::Const(y)) if y != 0 => SymExpr::Const(x.div_euclid(y)),
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
}
