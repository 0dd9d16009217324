//! `math`'s integer functions (`factorial`, `gcd`, `lcm`, `comb`, `perm`, `prod`) and
//! `math.log(x, base)`, with CPython's results and errors on legatec's 64-bit Python ints
//! (an int CPython would make larger raises OverflowError, as every Python int does).

use ir::{BinaryOp, CompareOp, Expr, ExprId, Place, Span, StmtKind, Type};

use super::{FnCx, Value};
use crate::ast;
use crate::diagnostics as diag;

type Args = Vec<(Value, Span)>;
type Kwargs = Vec<(String, Value, Span)>;

/// The functions of this file, by their names in `math`.
pub(crate) const MATH_INT_NAMES: &[&str] = &["factorial", "gcd", "lcm", "comb", "perm", "prod"];

impl FnCx<'_, '_> {
    pub(crate) fn call_math_int(&mut self, name: &str, args: Args, kw: Kwargs, span: Span) -> Value {
        let fname = format!("math.{name}");
        let allowed: &[&str] = if name == "prod" { &["start"] } else { &[] };
        let Some(kw) = self.keywords(&fname, kw, allowed) else { return Value::Error };
        if name == "prod" {
            return self.math_prod(args, kw, span);
        }
        let (min, max) = match name {
            "factorial" => (1, 1),
            "comb" => (2, 2),
            "perm" => (1, 2),
            _ => (0, usize::MAX),
        };
        if !self.arity(&fname, &args, min, max, span) {
            return Value::Error;
        }
        let mut ints = Vec::new();
        for (v, vspan) in args {
            match v {
                // `perm(n, None)` is `perm(n)`.
                Value::None if name == "perm" => {}
                v => ints.push(self.int_value(v, vspan)),
            }
        }
        let Some(ints) = ints.into_iter().collect::<Option<Vec<ExprId>>>() else { return Value::Error };
        let r = match name {
            "factorial" => {
                self.raise_below_zero(ints[0], "factorial() not defined for negative values", span);
                let one = self.int_const(1);
                self.falling_product(ints[0], ints[0], one, span)
            }
            "gcd" | "lcm" => {
                let mut acc = self.int_const(if name == "gcd" { 0 } else { 1 });
                for (k, x) in ints.into_iter().enumerate() {
                    acc = if k == 0 {
                        self.int_abs(x)
                    } else if name == "gcd" {
                        self.gcd2(acc, x, span)
                    } else {
                        self.lcm2(acc, x, span)
                    };
                }
                acc
            }
            _ => {
                // comb(n, k) and perm(n, k): 0 where k > n.
                let n = ints[0];
                self.raise_below_zero(n, "n must be a non-negative integer", span);
                let k = match ints.get(1) {
                    Some(k) => *k,
                    None => n,
                };
                self.raise_below_zero(k, "k must be a non-negative integer", span);
                let one = self.int_const(1);
                if name == "perm" {
                    self.falling_product(n, k, one, span)
                } else {
                    // comb(n, k) = comb(n, n - k): the product of the shorter run, each step
                    // an exact division (r * (n - k + i) is divisible by i).
                    let rest = self.int_binary(BinaryOp::Sub, n, k);
                    let shorter = self.add(Expr::Compare(CompareOp::Lt, rest, k), Type::py_bool());
                    let k = self.add(Expr::Select(shorter, rest, k), Type::py_int());
                    self.comb_product(n, k, span)
                }
            }
        };
        Value::Scalar(r)
    }

    fn raise_below_zero(&mut self, x: ExprId, message: &str, span: Span) {
        let zero = self.int_const(0);
        let negative = self.add(Expr::Compare(CompareOp::Lt, x, zero), Type::py_bool());
        self.raise_kind_if(negative, "ValueError", message.to_string(), span);
    }

    fn int_abs(&mut self, x: ExprId) -> ExprId {
        let zero = self.int_const(0);
        let negative = self.add(Expr::Compare(CompareOp::Lt, x, zero), Type::py_bool());
        let minus = self.int_binary(BinaryOp::Sub, zero, x);
        self.add(Expr::Select(negative, minus, x), Type::py_int())
    }

    /// A new int place holding `value`.
    fn int_var(&mut self, value: ExprId, span: Span) -> Place {
        let p = self.temp(Type::py_int());
        self.emit(StmtKind::Assign { dst: p, value }, span);
        p
    }

    /// `n * (n - 1) * ... * (n - k + 1)` (1 for k = 0, 0 for k > n), times `start`.
    fn falling_product(&mut self, n: ExprId, k: ExprId, start: ExprId, span: Span) -> ExprId {
        let r = self.int_var(start, span);
        let too_many = self.add(Expr::Compare(CompareOp::Gt, k, n), Type::py_bool());
        let zero = self.int_const(0);
        let then_body = self.block(|fx| fx.emit(StmtKind::Assign { dst: r, value: zero }, span));
        let else_body = self.block(|fx| {
            let i = fx.temp(Type::py_int());
            let lo = fx.int_binary(BinaryOp::Sub, n, k);
            let one = fx.int_const(1);
            let lo = fx.int_binary(BinaryOp::Add, lo, one);
            let hi = fx.int_binary(BinaryOp::Add, n, one);
            let step = fx.int_const(1);
            let body = fx.block(|fx| {
                let (ri, ii) = (fx.read(r), fx.read(i));
                let product = fx.int_binary(BinaryOp::Mul, ri, ii);
                fx.emit(StmtKind::Assign { dst: r, value: product }, span);
            });
            fx.emit(StmtKind::For { var: i, start: lo, stop: hi, step, body }, span);
        });
        self.emit(StmtKind::If { cond: too_many, then_body, else_body }, span);
        self.read(r)
    }

    /// `comb(n, k)` for `0 <= k`, `k <= n - k` where k <= n: r = r * (n - k + i) // i.
    fn comb_product(&mut self, n: ExprId, k: ExprId, span: Span) -> ExprId {
        let zero = self.int_const(0);
        let r = self.int_var(zero, span);
        let negative = self.add(Expr::Compare(CompareOp::Lt, k, zero), Type::py_bool());
        // k < 0 here means the original k exceeded n: comb is 0.
        let else_body = self.block(|fx| {
            let one = fx.int_const(1);
            fx.emit(StmtKind::Assign { dst: r, value: one }, span);
            let i = fx.temp(Type::py_int());
            let one = fx.int_const(1);
            let hi = fx.int_binary(BinaryOp::Add, k, one);
            let body = fx.block(|fx| {
                let (ri, ii) = (fx.read(r), fx.read(i));
                let base = fx.int_binary(BinaryOp::Sub, n, k);
                let factor = fx.int_binary(BinaryOp::Add, base, ii);
                let product = fx.int_binary(BinaryOp::Mul, ri, factor);
                let quotient = fx.int_binary(BinaryOp::FloorDiv, product, ii);
                fx.emit(StmtKind::Assign { dst: r, value: quotient }, span);
            });
            let start = fx.int_const(1);
            let step = fx.int_const(1);
            fx.emit(StmtKind::For { var: i, start, stop: hi, step, body }, span);
        });
        self.emit(StmtKind::If { cond: negative, then_body: vec![], else_body }, span);
        self.read(r)
    }

    /// Euclid's algorithm on the magnitudes.
    fn gcd2(&mut self, a: ExprId, b: ExprId, span: Span) -> ExprId {
        let a0 = self.int_abs(a);
        let b0 = self.int_abs(b);
        let x = self.int_var(a0, span);
        let y = self.int_var(b0, span);
        let body = self.block(|fx| {
            let yv = fx.read(y);
            let zero = fx.int_const(0);
            let done = fx.add(Expr::Compare(CompareOp::Eq, yv, zero), Type::py_bool());
            let then_body = fx.block(|fx| fx.emit(StmtKind::Break, span));
            fx.emit(StmtKind::If { cond: done, then_body, else_body: vec![] }, span);
            // Reads are evaluated where a statement runs: the remainder first.
            let (xv, yv) = (fx.read(x), fx.read(y));
            let rem = fx.int_binary(BinaryOp::Mod, xv, yv);
            let rem = fx.int_var(rem, span);
            let yv = fx.read(y);
            fx.emit(StmtKind::Assign { dst: x, value: yv }, span);
            let rv = fx.read(rem);
            fx.emit(StmtKind::Assign { dst: y, value: rv }, span);
        });
        self.emit(StmtKind::Loop { body }, span);
        self.read(x)
    }

    /// `|a // gcd(a, b) * b|`, 0 where either is 0.
    fn lcm2(&mut self, a: ExprId, b: ExprId, span: Span) -> ExprId {
        let zero = self.int_const(0);
        let r = self.int_var(zero, span);
        let a_zero = self.add(Expr::Compare(CompareOp::Eq, a, zero), Type::py_bool());
        let b_zero = self.add(Expr::Compare(CompareOp::Eq, b, zero), Type::py_bool());
        let either = self.add(Expr::Binary(BinaryOp::BitOr, a_zero, b_zero), Type::py_bool());
        let else_body = self.block(|fx| {
            let g = fx.gcd2(a, b, span);
            let q = fx.int_binary(BinaryOp::FloorDiv, a, g);
            let m = fx.int_binary(BinaryOp::Mul, q, b);
            let m = fx.int_abs(m);
            fx.emit(StmtKind::Assign { dst: r, value: m }, span);
        });
        self.emit(StmtKind::If { cond: either, then_body: vec![], else_body }, span);
        self.read(r)
    }

    /// `math.prod(items, start=1)` of a list or tuple: Python's `*` from the left.
    fn math_prod(&mut self, args: Args, kw: Kwargs, span: Span) -> Value {
        if !self.arity("math.prod", &args, 1, 1, span) {
            return Value::Error;
        }
        let (items, ispan) = args.into_iter().next().expect("one");
        let mut acc = match kw.into_iter().next() {
            Some((_, v, _)) => v,
            None => Value::Scalar(self.int_const(1)),
        };
        match items {
            Value::Tuple(seq) => {
                for item in seq.items {
                    acc = self.binary(ast::BinOp::Mul, acc, item, span);
                }
                acc
            }
            Value::Error => Value::Error,
            other => {
                let what = self.describe_value(&other);
                self.error(diag::type_error(ispan, format!("`math.prod` of {what}"), "pass a list or tuple (`np.prod` multiplies an array's elements)"));
                Value::Error
            }
        }
    }

    /// `math.log(x, base)`: `log(x) / log(base)` as CPython computes it (ValueError for a
    /// value outside the domain, ZeroDivisionError for base 1).
    pub(crate) fn math_log_base(&mut self, x: (Value, Span), base: (Value, Span), span: Span) -> Value {
        let lx = self.call_builtin("math.log", vec![x], vec![], span);
        let lb = self.call_builtin("math.log", vec![base], vec![], span);
        self.binary(ast::BinOp::Div, lx, lb, span)
    }
}
