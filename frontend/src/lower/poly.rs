//! Polynomials as NumPy writes them, from operations the compiler already has:
//! `np.vander` (a running product along the rows, as NumPy's `multiply.accumulate`),
//! `np.polyval` (Horner's rule, one loop iteration per coefficient, as NumPy's Python loop)
//! and `np.polyfit` (the Vandermonde matrix with its columns scaled to unit norm, solved by
//! `np.linalg.lstsq`, the scale divided out).

use ir::{BinaryOp, CompareOp, Const, DType, Expr, ExprId, IndexItem, Span, StmtKind, Type};

use super::{FnCx, Value};
use crate::ast::BinOp;
use crate::diagnostics as diag;

type Args = Vec<(Value, Span)>;
type Kwargs = Vec<(String, Value, Span)>;

/// The functions of this file (`np.<name>`).
pub(crate) const POLY_NAMES: &[&str] = &["vander", "polyval", "polyfit", "polyder", "polyint"];

impl FnCx<'_, '_> {
    /// `np.polyder(p, m=1)` and `np.polyint(p, m=1, k=None)` as NumPy writes them: `p[:-1] *
    /// arange(n, 0, -1)` per derivative; `concatenate((p / arange(len(p), 0, -1), [k]))` per
    /// integral (`k` a number, used for every integral, or a list of at least `m`).
    fn poly_calculus(&mut self, name: &str, args: Args, kw: Kwargs, span: Span) -> Value {
        let fname = format!("np.{name}");
        let params: &[&str] = if name == "polyder" { &["p", "m"] } else { &["p", "m", "k"] };
        let Some(p) = self.bind_params(&fname, args, kw, params, 1, span) else { return Value::Error };
        let mut it = p.into_iter();
        let (poly, pspan) = it.next().flatten().expect("p");
        let Some(m) = self.const_int(it.next().flatten(), 1, "m") else { return Value::Error };
        if m < 0 {
            self.error(diag::bad_arguments(span, format!("Order of {} must be positive (see polyint)", if name == "polyder" { "derivative" } else { "integral" })));
            return Value::Error;
        }
        let poly = match poly {
            list @ Value::Tuple(_) => self.array_literal(list, None, pspan),
            other => other,
        };
        let Some(a) = self.array_or_scalar(poly, pspan, &fname) else { return Value::Error };
        if !matches!(self.f.expr_type(a), Type::Array { ndim: 1, .. }) {
            self.error(diag::shape_error(pspan, format!("`{fname}` takes a 1-D array of coefficients")));
            return Value::Error;
        }
        let mut v = Value::Array(a);
        if name == "polyder" {
            for _ in 0..m {
                let Value::Array(a) = self.stabilize(v, span) else { return Value::Error };
                let n = self.add(Expr::Dim(a, 0), Type::py_int());
                let one = self.const_i64(1);
                let minus_one = self.const_i64(-1);
                let top = self.int_binary(ir::BinaryOp::Sub, n, one);
                let head = Value::Array(self.basic_view(a, vec![IndexItem::Slice { start: None, stop: Some(minus_one), step: None }], span));
                let zero = self.const_i64(0);
                let down = self.np("arange", vec![Value::Scalar(top), Value::Scalar(zero), Value::Scalar(minus_one)], vec![], span);
                v = self.binary(crate::ast::BinOp::Mul, head, down, span);
            }
            return v;
        }
        // The integration constants: one per integral.
        let constants: Vec<Value> = match it.next().flatten() {
            None | Some((Value::None, _)) => (0..m).map(|_| Value::Scalar(self.add(Expr::Const(Const::Float(0.0)), Type::py_float()))).collect(),
            Some((Value::Tuple(seq), kspan)) => {
                if seq.items.len() == 1 {
                    vec![seq.items[0].clone(); m as usize]
                } else if (seq.items.len() as i64) < m {
                    self.error(diag::bad_arguments(kspan, "k must be a scalar or a rank-1 array of length 1 or >m."));
                    return Value::Error;
                } else {
                    seq.items
                }
            }
            Some((k @ Value::Scalar(_), _)) => vec![k; m as usize],
            Some((other, kspan)) => {
                let what = self.describe_value(&other);
                self.error(diag::type_error(kspan, format!("`k` of `np.polyint` is {what}"), "give a number or a list of numbers"));
                return Value::Error;
            }
        };
        for k in constants.into_iter().take(m as usize) {
            let Value::Array(a) = self.stabilize(v, span) else { return Value::Error };
            let n = self.add(Expr::Dim(a, 0), Type::py_int());
            let zero = self.const_i64(0);
            let minus_one = self.const_i64(-1);
            let down = self.np("arange", vec![Value::Scalar(n), Value::Scalar(zero), Value::Scalar(minus_one)], vec![], span);
            let scaled = self.binary(crate::ast::BinOp::Div, Value::Array(a), down, span);
            let k = self.np("asarray", vec![k], vec![("dtype", Value::DType(ir::DType::F64))], span);
            let one = self.const_i64(1);
            let k = self.np("reshape", vec![k, Value::Tuple(vec![Value::Scalar(one)].into())], vec![], span);
            v = self.np("concatenate", vec![Value::Tuple(vec![scaled, k].into())], vec![], span);
        }
        v
    }

    pub(crate) fn call_poly(&mut self, name: &str, args: Args, kw: Kwargs, span: Span) -> Value {
        let fname = format!("np.{name}");
        match name {
            "polyder" | "polyint" => self.poly_calculus(name, args, kw, span),
            "vander" => {
                let Some(p) = self.bind_params(&fname, args, kw, &["x", "N", "increasing"], 1, span) else { return Value::Error };
                let mut it = p.into_iter();
                let (x, xspan) = it.next().flatten().expect("x");
                let Some(x) = self.array_or_scalar(x, xspan, &fname) else { return Value::Error };
                let n = it.next().flatten().filter(|(v, _)| !matches!(v, Value::None));
                let n = match n {
                    Some((v, vspan)) => match self.int_value(v, vspan) {
                        Some(n) => Some(n),
                        None => return Value::Error,
                    },
                    None => None,
                };
                let given: Kwargs = it.next().flatten().map(|(v, s)| ("increasing".to_string(), v, s)).into_iter().collect();
                let Some(increasing) = self.const_bool_kw(&given, "increasing", false) else { return Value::Error };
                match self.vander(x, n, increasing, xspan, span) {
                    Some(v) => Value::Array(v),
                    None => Value::Error,
                }
            }
            "polyval" => {
                let Some(p) = self.bind_params(&fname, args, kw, &["p", "x"], 2, span) else { return Value::Error };
                let mut it = p.into_iter();
                let (p, pspan) = it.next().flatten().expect("p");
                let (x, xspan) = it.next().flatten().expect("x");
                self.polyval(p, pspan, x, xspan, span).unwrap_or(Value::Error)
            }
            _ => {
                let params = ["x", "y", "deg", "rcond", "full", "w", "cov"];
                let Some(p) = self.bind_params(&fname, args, kw, &params, 3, span) else { return Value::Error };
                for (k, given) in p.iter().enumerate().skip(4) {
                    if let Some((v, vspan)) = given {
                        let default = matches!(v, Value::None) || (k != 5 && self.constant_bool(v) == Some(false));
                        if !default {
                            let what = format!("`np.polyfit` calls with `{}=`", params[k]);
                            self.error(diag::unsupported_syntax(*vspan, &what, "fit without it: the coefficients alone"));
                            return Value::Error;
                        }
                    }
                }
                let mut it = p.into_iter();
                let (x, xspan) = it.next().flatten().expect("x");
                let (y, yspan) = it.next().flatten().expect("y");
                let (deg, dspan) = it.next().flatten().expect("deg");
                let rcond = it.next().flatten().filter(|(v, _)| !matches!(v, Value::None));
                self.polyfit(x, xspan, y, yspan, deg, dspan, rcond, span).unwrap_or(Value::Error)
            }
        }
    }

    /// `np.vander(x, N, increasing)`: columns `x**0, x**1, ...` (reversed unless
    /// `increasing`), each the previous times `x`, in `x`'s dtype promoted with int64.
    fn vander(&mut self, x: ExprId, n: Option<ExprId>, increasing: bool, xspan: Span, span: Span) -> Option<ExprId> {
        let Type::Array { dtype, ndim } = self.expr_type(x) else { return None };
        if ndim != 1 {
            self.error(diag::shape_error(xspan, "x must be a one-dimensional array or sequence."));
            return None;
        }
        let dtype = DType::promote(dtype, DType::I64);
        let x = self.array_as(x, dtype, xspan);
        let rows = self.add(Expr::Dim(x, 0), Type::py_int());
        let n = n.unwrap_or(rows);
        // NumPy's error for a negative N is the one `np.empty` gives.
        let zero = self.const_i64(0);
        let negative = self.add(Expr::Compare(CompareOp::Lt, n, zero), Type::py_bool());
        self.raise_kind_if(negative, "ValueError", "negative dimensions are not allowed".to_string(), span);
        // Columns 1.. are the running product of copies of x; column 0 is ones.
        let one = self.const_i64(1);
        let rest = self.add(Expr::Binary(BinaryOp::Sub, n, one), Type::py_int());
        let rest = self.add(Expr::Binary(BinaryOp::Max, rest, zero), Type::py_int());
        let column = self.basic_view(x, vec![IndexItem::Slice { start: None, stop: None, step: None }, IndexItem::NewAxis], span);
        let shape = Value::Tuple(vec![Value::Scalar(rows), Value::Scalar(rest)].into());
        let copies = self.call_builtin("numpy.broadcast_to", vec![(Value::Array(column), span), (shape, span)], vec![], span);
        let powers = self.call_builtin("numpy.cumprod", vec![(copies, span)], vec![("axis".to_string(), Value::Scalar(one), span)], span);
        let ones_shape = Value::Tuple(vec![Value::Scalar(rows), Value::Scalar(one)].into());
        let ones = self.call_builtin("numpy.ones", vec![(ones_shape, span)], vec![("dtype".to_string(), Value::DType(dtype), span)], span);
        let both = Value::Tuple(vec![ones, powers].into());
        let v = self.call_builtin("numpy.concatenate", vec![(both, span)], vec![("axis".to_string(), Value::Scalar(one), span)], span);
        let Value::Array(v) = self.stabilize(v, span) else { return None };
        // N = 0: no columns (the ones column was one too many).
        let v = self.basic_view(v, vec![IndexItem::Slice { start: None, stop: None, step: None }, IndexItem::Slice { start: None, stop: Some(n), step: None }], span);
        if increasing {
            return Some(v);
        }
        let minus_one = self.const_i64(-1);
        let reversed = self.basic_view(v, vec![IndexItem::Slice { start: None, stop: None, step: None }, IndexItem::Slice { start: None, stop: None, step: Some(minus_one) }], span);
        match self.call_builtin("numpy.copy", vec![(Value::Array(reversed), span)], vec![], span) {
            Value::Array(a) => Some(a),
            _ => None,
        }
    }

    /// `np.polyval(p, x)`: `y = 0; for c in p: y = y * x + c`, in the dtype of `x` promoted
    /// with `p`'s (NumPy starts from `zeros_like(x)`; starting in the promoted dtype gives
    /// the same values). A scalar `x` gives a scalar.
    fn polyval(&mut self, p: Value, pspan: Span, x: Value, xspan: Span, span: Span) -> Option<Value> {
        let p = self.array_or_scalar(p, pspan, "np.polyval")?;
        let Type::Array { dtype: pd, ndim: pn } = self.expr_type(p) else { return None };
        if pn != 1 {
            self.error(diag::shape_error(pspan, format!("`np.polyval` takes a 1-D array of coefficients, found {pn}-D")));
            return None;
        }
        let x = self.stabilize(x, xspan);
        let Some(xd) = self.value_dtype(&x) else {
            let what = self.describe_value(&x);
            self.error(diag::type_error(xspan, format!("`np.polyval` evaluates at numbers or arrays, found {what}"), "pass numbers"));
            return None;
        };
        let x = match x {
            Value::Tuple(_) => self.array_literal(x, None, xspan),
            other => other,
        };
        // `asanyarray(x)`: a Python number becomes a strong 0-d array.
        let dtype = super::promote::result_dtype((xd, false), (pd, false));
        let (ty, zero) = match &x {
            Value::Array(a) => {
                let Type::Array { ndim, .. } = self.expr_type(*a) else { return None };
                let zeros = self.call_builtin("numpy.zeros_like", vec![(Value::Array(*a), span)], vec![("dtype".to_string(), Value::DType(dtype), span)], span);
                (Type::array(dtype, ndim), zeros)
            }
            _ => {
                let z = self.add(Expr::Const(Const::Int(0)), Type::py_int());
                (Type::scalar(dtype), Value::Scalar(self.cast_scalar(z, dtype)))
            }
        };
        let acc = self.temp(ty.clone());
        let zero = match zero {
            Value::Array(a) | Value::Scalar(a) => a,
            _ => return None,
        };
        self.emit(StmtKind::Assign { dst: acc, value: zero }, span);
        let counter = self.temp(Type::py_int());
        let start = self.const_i64(0);
        let stop = self.add(Expr::Dim(p, 0), Type::py_int());
        let step = self.const_i64(1);
        let body = self.block(|fx| {
            let k = fx.read(counter);
            let c = fx.add(Expr::GetItem(p, vec![k]), Type::scalar(pd));
            let y = fx.read(acc);
            let y = if ty.is_array() { Value::Array(y) } else { Value::Scalar(y) };
            let t = fx.binary(BinOp::Mul, y, x.clone(), span);
            let t = fx.binary(BinOp::Add, t, Value::Scalar(c), span);
            let t = match fx.stabilize(t, span) {
                Value::Array(a) => fx.array_as(a, dtype, span),
                Value::Scalar(s) => fx.cast_scalar(s, dtype),
                _ => return,
            };
            fx.emit(StmtKind::Assign { dst: acc, value: t }, span);
        });
        self.emit(StmtKind::For { var: counter, start, stop, step, body }, span);
        let y = self.read(acc);
        Some(if ty.is_array() { Value::Array(y) } else { Value::Scalar(y) })
    }

    /// `np.polyfit(x, y, deg, rcond=None)`: NumPy's least-squares fit of the coefficients,
    /// highest power first (a matrix of them, one column per column of a 2-D `y`).
    #[allow(clippy::too_many_arguments)]
    fn polyfit(&mut self, x: Value, xspan: Span, y: Value, yspan: Span, deg: Value, dspan: Span, rcond: Option<(Value, Span)>, span: Span) -> Option<Value> {
        let deg = self.int_value(deg, dspan)?;
        let zero = self.const_i64(0);
        let negative = self.add(Expr::Compare(CompareOp::Lt, deg, zero), Type::py_bool());
        self.raise_kind_if(negative, "ValueError", "expected deg >= 0".to_string(), span);
        let one = self.const_i64(1);
        let order = self.add(Expr::Binary(BinaryOp::Add, deg, one), Type::py_int());
        // `asarray(x) + 0.0`: integers become float64; float32 stays.
        let as_float = |fx: &mut Self, v: Value, vspan: Span| -> Option<ExprId> {
            let a = fx.array_or_scalar(v, vspan, "np.polyfit")?;
            let Type::Array { dtype, .. } = fx.expr_type(a) else { return None };
            let d = if dtype.is_float() { dtype } else { DType::F64 };
            if dtype.is_complex() {
                fx.error(diag::unsupported_dtype(vspan, "`np.polyfit`", dtype.numpy_name(), "fit the real and imaginary parts separately"));
                return None;
            }
            Some(fx.array_as(a, d, vspan))
        };
        let x = as_float(self, x, xspan)?;
        let y = as_float(self, y, yspan)?;
        let (Type::Array { dtype: xd, ndim: xn }, Type::Array { ndim: yn, .. }) = (self.expr_type(x), self.expr_type(y)) else { return None };
        if xn != 1 {
            self.error(diag::type_error(xspan, "expected 1D vector for x", "pass a 1-D array"));
            return None;
        }
        if !(1..=2).contains(&yn) {
            self.error(diag::type_error(yspan, "expected 1D or 2D array for y", "pass a 1-D or 2-D array"));
            return None;
        }
        let n = self.add(Expr::Dim(x, 0), Type::py_int());
        let empty = self.add(Expr::Compare(CompareOp::Eq, n, zero), Type::py_bool());
        self.raise_kind_if(empty, "TypeError", "expected non-empty vector for x".to_string(), span);
        let ny = self.add(Expr::Dim(y, 0), Type::py_int());
        let differ = self.add(Expr::Compare(CompareOp::Ne, n, ny), Type::py_bool());
        self.raise_kind_if(differ, "TypeError", "expected x and y to have same length".to_string(), span);
        let rcond = match rcond {
            Some((v, vspan)) => match v {
                Value::Scalar(e) => self.cast_scalar(e, DType::F64),
                other => {
                    let what = self.describe_value(&other);
                    self.error(diag::type_error(vspan, format!("`rcond` must be a number, found {what}"), "pass a float"));
                    return None;
                }
            },
            None => {
                // len(x) * eps of x's dtype.
                let eps = if xd == DType::F32 { f32::EPSILON as f64 } else { f64::EPSILON };
                let nf = self.cast_scalar(n, DType::F64);
                let eps = self.add(Expr::Const(Const::Float(eps)), Type::py_float());
                self.add(Expr::Binary(BinaryOp::Mul, nf, eps), Type::py_float())
            }
        };
        let lhs = self.vander(x, Some(order), false, xspan, span)?;
        let squares = self.binary(BinOp::Mul, Value::Array(lhs), Value::Array(lhs), span);
        let zero_axis = Value::Scalar(zero);
        let sums = self.call_builtin("numpy.sum", vec![(squares, span)], vec![("axis".to_string(), zero_axis, span)], span);
        let scale = self.call_builtin("numpy.sqrt", vec![(sums, span)], vec![], span);
        let scale = self.stabilize(scale, span);
        let lhs = self.binary(BinOp::Div, Value::Array(lhs), scale.clone(), span);
        let lhs = self.stabilize(lhs, span);
        let solved = self.call_builtin("numpy.linalg.lstsq", vec![(lhs, span), (Value::Array(y), span), (Value::Scalar(rcond), span)], vec![], span);
        let Value::Tuple(parts) = solved else { return None };
        let c = parts.items.first()?.clone();
        // `(c.T / scale).T`: each row of c (a power) divided by its column's scale.
        Some(if yn == 1 {
            self.binary(BinOp::Div, c, scale, span)
        } else {
            let Value::Array(s) = scale else { return None };
            let column = self.basic_view(s, vec![IndexItem::Slice { start: None, stop: None, step: None }, IndexItem::NewAxis], span);
            self.binary(BinOp::Div, c, Value::Array(column), span)
        })
    }
}
