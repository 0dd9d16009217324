//! NumPy functions that NumPy itself writes in Python over other operations, lowered the
//! same way so that they fuse like their parts: `np.ptp` (a maximum minus a minimum),
//! `np.trapezoid` (the trapezoidal rule on two shifted views) and `np.cross` (products of
//! the components along the last axis, stacked); the window functions (`np.hanning`,
//! `np.hamming`, `np.blackman`, `np.bartlett`, `np.kaiser`) and `np.i0` with NumPy's
//! formulas, operation for operation, as lazy trees.

use ir::{Const, Expr, ExprId, IndexItem, Span, SymExpr, Type};

use std::rc::Rc;

use super::shape_ops::Piece;
use super::lazy::{LNode, Lazy};
use super::{FnCx, Seq, Value};
use crate::ast::BinOp;
use crate::diagnostics as diag;

type Args = Vec<(Value, Span)>;
type Kwargs = Vec<(String, Value, Span)>;

/// The functions of this file (`np.<name>`).
pub(crate) const NUMERIC_NAMES: &[&str] = &[
    "ptp", "trapezoid", "cross", "triu_indices", "tril_indices", "triu_indices_from", "tril_indices_from", "ix_", "rot90", "sinc",
    "heaviside", "ediff1d", "cumulative_sum", "hanning", "hamming", "blackman", "bartlett", "kaiser", "i0", "unwrap",
    "insert", "delete", "lexsort",
];

/// NumPy's Chebyshev coefficients of `np.i0` (`_i0A`, `_i0B`, Cephes'), for `|x| <= 8`
/// and above.
const I0_A: [f64; 30] = [-4.4153416464793395e-18, 3.3307945188222384e-17, -2.431279846547955e-16, 1.715391285555133e-15, -1.1685332877993451e-14, 7.676185498604936e-14, -4.856446783111929e-13, 2.95505266312964e-12, -1.726826291441556e-11, 9.675809035373237e-11, -5.189795601635263e-10, 2.6598237246823866e-09, -1.300025009986248e-08, 6.046995022541919e-08, -2.670793853940612e-07, 1.1173875391201037e-06, -4.4167383584587505e-06, 1.6448448070728896e-05, -5.754195010082104e-05, 0.00018850288509584165, -0.0005763755745385824, 0.0016394756169413357, -0.004324309995050576, 0.010546460394594998, -0.02373741480589947, 0.04930528423967071, -0.09490109704804764, 0.17162090152220877, -0.3046826723431984, 0.6767952744094761];
const I0_B: [f64; 25] = [-7.233180487874754e-18, -4.830504485944182e-18, 4.46562142029676e-17, 3.461222867697461e-17, -2.8276239805165836e-16, -3.425485619677219e-16, 1.7725601330565263e-15, 3.8116806693526224e-15, -9.554846698828307e-15, -4.150569347287222e-14, 1.54008621752141e-14, 3.8527783827421426e-13, 7.180124451383666e-13, -1.7941785315068062e-12, -1.3215811840447713e-11, -3.1499165279632416e-11, 1.1889147107846439e-11, 4.94060238822497e-10, 3.3962320257083865e-09, 2.266668990498178e-08, 2.0489185894690638e-07, 2.8913705208347567e-06, 6.889758346916825e-05, 0.0033691164782556943, 0.8044904110141088];

fn lnode(n: LNode) -> Rc<LNode> {
    Rc::new(n)
}

fn lconst(v: f64, d: ir::DType) -> Rc<LNode> {
    lnode(LNode::Const { value: super::lazy::convert_const(&Const::Float(v), d), dtype: d })
}

fn lbin(op: ir::BinaryOp, a: Rc<LNode>, b: Rc<LNode>, d: ir::DType) -> Rc<LNode> {
    lnode(LNode::Binary(op, a, b, d))
}

/// NumPy's `_chbevl(x, vals)`: `b0 = x * b1 - b2 + vals[i]` from the second coefficient on,
/// then `0.5 * (b0 - b2)`, in `x`'s float dtype (the coefficients are Python floats).
fn chebyshev(x: &Rc<LNode>, vals: &[f64], d: ir::DType) -> Rc<LNode> {
    use ir::BinaryOp::{Add, Mul, Sub};
    let mut b0 = lconst(vals[0], d);
    let mut b1 = lconst(0.0, d);
    let mut b2 = lconst(0.0, d);
    for &v in &vals[1..] {
        b2 = b1;
        b1 = b0;
        b0 = lbin(Add, lbin(Sub, lbin(Mul, x.clone(), b1.clone(), d), b2.clone(), d), lconst(v, d), d);
    }
    lbin(Mul, lconst(0.5, d), lbin(Sub, b0, b2, d), d)
}

/// NumPy's `np.i0` of a float tree: `|x|`, then `exp(x) * _chbevl(x / 2.0 - 2, A)` where
/// `x <= 8.0`, else `exp(x) * _chbevl(32.0 / x - 2.0, B) / sqrt(x)` (NaN takes the second).
fn i0_tree(x: Rc<LNode>, d: ir::DType) -> Rc<LNode> {
    use ir::BinaryOp::{Mul, Sub, TrueDiv};
    let x = lnode(LNode::Math(ir::MathFn::Abs, x, d));
    let exp = lnode(LNode::Math(ir::MathFn::Exp, x.clone(), d));
    let low_arg = lbin(Sub, lbin(TrueDiv, x.clone(), lconst(2.0, d), d), lconst(2.0, d), d);
    let low = lbin(Mul, exp.clone(), chebyshev(&low_arg, &I0_A, d), d);
    let high_arg = lbin(Sub, lbin(TrueDiv, lconst(32.0, d), x.clone(), d), lconst(2.0, d), d);
    let high = lbin(Mul, exp, chebyshev(&high_arg, &I0_B, d), d);
    let high = lbin(TrueDiv, high, lnode(LNode::Math(ir::MathFn::Sqrt, x.clone(), d)), d);
    let small = lnode(LNode::Compare(ir::CompareOp::Le, x, lconst(8.0, d)));
    lnode(LNode::Select(small, low, high, d))
}

impl FnCx<'_, '_> {
    /// A real number argument as NumPy's `np.array([0.0, M, ...])` holds it: a float64
    /// NumPy scalar.
    fn window_parameter(&mut self, fname: &str, v: Value, vspan: Span) -> Option<ExprId> {
        let Value::Scalar(e) = v else {
            if !matches!(v, Value::Error) {
                let what = self.describe_value(&v);
                self.error(diag::type_error(vspan, format!("`{fname}` takes a number here, found {what}"), "pass an int or a float"));
            }
            return None;
        };
        let Type::Scalar { dtype, .. } = self.expr_type(e) else { return None };
        if dtype.is_complex() {
            self.error(diag::unsupported_dtype(vspan, &format!("the arguments of `{fname}`"), dtype.numpy_name(), "pass a real number"));
            return None;
        }
        let f = self.cast_scalar(e, ir::DType::F64);
        Some(self.retype_strong_pub(f))
    }

    /// `np.hanning(M)`, `np.hamming(M)`, `np.blackman(M)`, `np.bartlett(M)` and
    /// `np.kaiser(M, beta)` as NumPy writes them: `n = arange(1 - M, M, 2)` (`arange(0, M)`
    /// for kaiser) and the window's formula in float64, an empty array for `M < 1` (an empty
    /// `arange`) and `[1.]` for `M == 1`.
    fn window(&mut self, name: &str, args: Args, kw: Kwargs, span: Span) -> Value {
        use ir::BinaryOp::{Add, Mul, Sub, TrueDiv};
        let fname = format!("np.{name}");
        let kaiser = name == "kaiser";
        let params: &[&str] = if kaiser { &["M", "beta"] } else { &["M"] };
        let Some(p) = self.bind_params(&fname, args, kw, params, params.len(), span) else { return Value::Error };
        let mut it = p.into_iter().flatten();
        let (m, mspan) = it.next().expect("M");
        let Some(m) = self.window_parameter(&fname, m, mspan) else { return Value::Error };
        let beta = match it.next() {
            Some((b, bspan)) => match self.window_parameter(&fname, b, bspan) {
                Some(b) => Some(b),
                None => return Value::Error,
            },
            None => None,
        };
        let f = ir::DType::F64;
        let float = |fx: &mut Self, v: f64| fx.add(Expr::Const(Const::Float(v)), Type::scalar(f));
        let one = float(self, 1.0);
        let m1 = self.add(Expr::Binary(Sub, m, one), Type::scalar(f));
        let (start, step) = if kaiser { (float(self, 0.0), 1) } else { (self.add(Expr::Binary(Sub, one, m), Type::scalar(f)), 2) };
        let step = self.int_v(step);
        let n = self.np("arange", vec![Value::Scalar(start), Value::Scalar(m), step], vec![], span);
        let Some((n, _)) = self.as_node(&n) else { return Value::Error };
        let scalar = |e: ExprId| lnode(LNode::Scalar { expr: e, dtype: f });
        let cos = |x: Rc<LNode>| lnode(LNode::Math(ir::MathFn::Cos, x, f));
        let pi = std::f64::consts::PI;
        // `pi * n / (M - 1)`
        let angle = lbin(TrueDiv, lbin(Mul, lconst(pi, f), n.clone(), f), scalar(m1), f);
        let raised = |a: f64, b: f64| lbin(Add, lconst(a, f), lbin(Mul, lconst(b, f), cos(angle.clone()), f), f);
        let w = match name {
            "hanning" => raised(0.5, 0.5),
            "hamming" => raised(0.54, 0.46),
            "blackman" => {
                // `2.0 * pi * n / (M - 1)`: 2.0 * pi is a Python float.
                let double = lbin(TrueDiv, lbin(Mul, lconst(2.0 * pi, f), n.clone(), f), scalar(m1), f);
                lbin(Add, raised(0.42, 0.5), lbin(Mul, lconst(0.08, f), cos(double), f), f)
            }
            "bartlett" => {
                let ratio = lbin(TrueDiv, n.clone(), scalar(m1), f);
                let rising = lnode(LNode::Compare(ir::CompareOp::Le, n, lconst(0.0, f)));
                lnode(LNode::Select(rising, lbin(Add, lconst(1.0, f), ratio.clone(), f), lbin(Sub, lconst(1.0, f), ratio, f), f))
            }
            _ => {
                // `i0(beta * sqrt(1 - ((n - alpha) / alpha) ** 2.0)) / i0(beta)`, alpha = (M - 1) / 2.0.
                let beta = beta.expect("kaiser's beta");
                let two = float(self, 2.0);
                let alpha = self.add(Expr::Binary(TrueDiv, m1, two), Type::scalar(f));
                let t = lbin(TrueDiv, lbin(Sub, n, scalar(alpha), f), scalar(alpha), f);
                let root = lnode(LNode::Math(ir::MathFn::Sqrt, lbin(Sub, lconst(1.0, f), lbin(Mul, t.clone(), t, f), f), f));
                let arg = lbin(Mul, scalar(beta), root, f);
                lbin(TrueDiv, i0_tree(arg, f), i0_tree(scalar(beta), f), f)
            }
        };
        // M == 1: NumPy's `ones(1)` (the formula divides 0 by 0 there).
        let single = lnode(LNode::Compare(ir::CompareOp::Eq, scalar(m), lconst(1.0, f)));
        let w = lnode(LNode::Select(single, lconst(1.0, f), w, f));
        Value::Lazy(Lazy { node: w, ndim: 1 })
    }

    /// `np.i0(x)`: the modified Bessel function of the first kind, order 0, by NumPy's
    /// Chebyshev series (`i0_tree`), in `x`'s float dtype (float64 for integers and
    /// booleans); always an array, 0-d for a scalar, as NumPy's `piecewise` returns.
    fn i0(&mut self, args: Args, kw: Kwargs, span: Span) -> Value {
        let fname = "np.i0";
        let Some(p) = self.bind_params(fname, args, kw, &["x"], 1, span) else { return Value::Error };
        let (x, xspan) = p.into_iter().next().flatten().expect("x");
        let Some(x) = self.array_or_scalar(x, xspan, fname) else { return Value::Error };
        let Type::Array { dtype, ndim } = self.expr_type(x) else { return Value::Error };
        if dtype.is_complex() {
            return self.raise_now("TypeError", "i0 not supported for complex values", span);
        }
        let d = if dtype.is_float() { dtype } else { ir::DType::F64 };
        let Some((n, _)) = self.as_node(&Value::Array(x)) else { return Value::Error };
        let tree = i0_tree(LNode::cast(n, d), d);
        if ndim == 0 {
            return Value::Array(self.materialize(Lazy { node: tree, ndim: 0 }, span));
        }
        Value::Lazy(Lazy { node: tree, ndim })
    }

    pub(crate) fn call_numeric(&mut self, name: &str, args: Args, kw: Kwargs, span: Span) -> Value {
        match name {
            "ptp" => self.ptp(args, kw, span),
            "trapezoid" => self.trapezoid(args, kw, span),
            "triu_indices" | "tril_indices" | "triu_indices_from" | "tril_indices_from" => self.triangle_indices(name, args, kw, span),
            "ix_" => self.open_mesh(args, kw, span),
            "rot90" => self.rot90(args, kw, span),
            "sinc" => self.sinc(args, kw, span),
            "heaviside" => self.heaviside(args, kw, span),
            "ediff1d" => self.ediff1d(args, kw, span),
            "cumulative_sum" => self.cumulative_sum(args, kw, span),
            "hanning" | "hamming" | "blackman" | "bartlett" | "kaiser" => self.window(name, args, kw, span),
            "i0" => self.i0(args, kw, span),
            "unwrap" => self.unwrap(args, kw, span),
            "insert" | "delete" => self.insert_delete(name, args, kw, span),
            "lexsort" => self.lexsort(args, kw, span),
            _ => self.cross(args, kw, span),
        }
    }

    /// `np.unwrap(p)` of a 1-D array with NumPy's defaults (`discont=period/2`,
    /// `period=2*pi`), written as NumPy writes it: the differences brought into
    /// [-pi, pi) by `np.mod` (those of +pi kept +pi), the corrections where a difference
    /// reaches pi, summed in order and added after the first element. Float arrays keep
    /// their dtype; integers become float64.
    fn unwrap(&mut self, args: Args, kw: Kwargs, span: Span) -> Value {
        let fname = "np.unwrap";
        let Some(p) = self.bind_params(fname, args, kw, &["p"], 1, span) else { return Value::Error };
        let (p, pspan) = p.into_iter().next().flatten().expect("p");
        let Some(p) = self.array_or_scalar(p, pspan, fname) else { return Value::Error };
        let Type::Array { dtype, ndim } = self.expr_type(p) else { return Value::Error };
        if ndim != 1 {
            self.error(diag::unsupported_call(pspan, &format!("{fname} of a {ndim}-D array"), None).with_hint("unwrap a 1-D array (a row or a column at a time)"));
            return Value::Error;
        }
        if dtype.is_complex() || dtype == ir::DType::Bool {
            self.error(diag::unsupported_dtype(pspan, &format!("the operand of `{fname}`"), dtype.numpy_name(), "pass a float or integer array"));
            return Value::Error;
        }
        let out = if dtype.is_float() { dtype } else { ir::DType::F64 };
        let p = if out != dtype { self.array_as(p, out, span) } else { p };
        let pi = std::f64::consts::PI;
        let weak = |fx: &mut Self, v: f64| Value::Scalar(fx.add(Expr::Const(Const::Float(v)), Type::py_float()));
        let dd = self.np("diff", vec![Value::Array(p)], vec![], span);
        let dd = self.stabilize(dd, span);
        let (low, high, period) = (weak(self, -pi), weak(self, pi), weak(self, 2.0 * pi));
        let shifted = self.binary(BinOp::Sub, dd.clone(), low.clone(), span);
        let wrapped = self.np("mod", vec![shifted, period], vec![], span);
        let ddmod = self.binary(BinOp::Add, wrapped, low.clone(), span);
        let ddmod = self.stabilize(ddmod, span);
        let at_low = self.compare(crate::ast::CmpOp::Eq, ddmod.clone(), low, span);
        let zero = weak(self, 0.0);
        let rising = self.compare(crate::ast::CmpOp::Gt, dd.clone(), zero.clone(), span);
        let both = self.np("logical_and", vec![at_low, rising], vec![], span);
        let ddmod = self.np("where", vec![both, high.clone(), ddmod], vec![], span);
        let ddmod = self.np("asarray", vec![ddmod], vec![("dtype", Value::DType(out))], span);
        let correct = self.binary(BinOp::Sub, ddmod, dd.clone(), span);
        let size = self.np("absolute", vec![dd], vec![], span);
        let small = self.compare(crate::ast::CmpOp::Lt, size, high, span);
        let correct = self.np("where", vec![small, zero, correct], vec![], span);
        let correct = self.np("asarray", vec![correct], vec![("dtype", Value::DType(out))], span);
        let sums = self.np("cumsum", vec![correct], vec![], span);
        let one = self.const_i64(1);
        let head = self.basic_view(p, vec![IndexItem::Slice { start: None, stop: Some(one), step: None }], span);
        let tail = self.basic_view(p, vec![IndexItem::Slice { start: Some(one), stop: None, step: None }], span);
        let tail = self.binary(BinOp::Add, Value::Array(tail), sums, span);
        self.np("concatenate", vec![Value::Tuple(vec![Value::Array(head), tail].into())], vec![], span)
    }

    /// `np.insert(arr, obj, values)` and `np.delete(arr, obj)` with one integer `obj`, of a
    /// 1-D array or (`axis=None`, the default) the flattened array: the parts before and
    /// after the position joined around the values (converted to the array's dtype, as
    /// NumPy's `array(values, dtype=arr.dtype)`), or without the element; NumPy's
    /// IndexError outside `[-N, N]` (insert) or `[-N, N)` (delete).
    /// `np.delete(arr, obj, axis)` of several positions (a list or an array of ints, or a
    /// boolean mask) or along an axis: the positions kept, taken along the axis (of the
    /// flattened array without one).
    fn delete_many(&mut self, arr: ExprId, obj: Value, ospan: Span, axis: Option<(Value, Span)>, span: Span) -> Value {
        let Type::Array { ndim, .. } = self.expr_type(arr) else { return Value::Error };
        let (base, k) = match axis {
            None => {
                let flat = if ndim == 1 { Value::Array(arr) } else { self.call_shape_method(Value::Array(arr), "ravel", vec![], vec![], span) };
                let Value::Array(flat) = flat else { return Value::Error };
                (flat, 0)
            }
            Some((v, vspan)) => match self.axis_arg(Some((v, vspan)), ndim) {
                Ok(Some(k)) => (arr, k),
                _ => return Value::Error,
            },
        };
        // No positions: a copy.
        if matches!(&obj, Value::Tuple(seq) if seq.is_empty()) {
            return self.call_builtin("numpy.array", vec![(Value::Array(base), span)], vec![], span);
        }
        let n = self.add(Expr::Dim(base, k), Type::py_int());
        let held = self.temp(Type::py_int());
        self.emit(ir::StmtKind::Assign { dst: held, value: n }, span);
        let n = Value::Scalar(self.read(held));
        // NumPy names the axis for one position, and axis 0 (of its mask) for several.
        let named_axis = if matches!(obj, Value::Scalar(_)) { k } else { 0 };
        let obj = self.np("asarray", vec![obj], vec![], ospan);
        let Value::Array(obj) = self.stabilize(obj, ospan) else { return Value::Error };
        let Type::Array { dtype: odtype, ndim: odim } = self.expr_type(obj) else { return Value::Error };
        let keep = if odtype == ir::DType::Bool {
            let size = if odim == 1 { self.add(Expr::Dim(obj, 0), Type::py_int()) } else { self.const_i64(-1) };
            let Value::Scalar(nn) = n.clone() else { return Value::Error };
            let bad = self.add(Expr::Compare(ir::CompareOp::Ne, size, nn), Type::py_bool());
            let pieces = [Piece::Text("boolean array argument obj to delete must be one dimensional and match the axis length of "), Piece::Value(nn)];
            self.raise_text_if(bad, runtime_abi::ERR_VALUE, &pieces, span);
            // (A mask of another dimension has raised: its flattened form keeps the types.)
            let mask = if odim == 1 { Value::Array(obj) } else { self.call_shape_method(Value::Array(obj), "ravel", vec![], vec![], span) };
            self.np("logical_not", vec![mask], vec![], span)
        } else if odtype.is_int() {
            let idx = if odim == 1 { Value::Array(obj) } else { self.call_shape_method(Value::Array(obj), "ravel", vec![], vec![], span) };
            let idx = self.stabilize(idx, span);
            // The first position outside the axis: NumPy's IndexError.
            let minus_n = self.unary(crate::ast::UnaryOp::Neg, n.clone(), span);
            let high = self.compare(crate::ast::CmpOp::GtE, idx.clone(), n.clone(), span);
            let low = self.compare(crate::ast::CmpOp::Lt, idx.clone(), minus_n, span);
            let bad = self.binary(BinOp::BitOr, high, low, span);
            let bad = self.stabilize(bad, span);
            let any = self.np("any", vec![bad.clone()], vec![], span);
            if let (Some(cond), Value::Array(ia), Value::Scalar(nn)) = (self.truth(any, span), idx.clone(), n.clone()) {
                let mut then_body = self.block(|fx| {
                    if let Value::Scalar(first) = fx.np("argmax", vec![bad.clone()], vec![], span) {
                        let value = fx.add(Expr::GetItem(ia, vec![first]), Type::scalar(ir::DType::I64));
                        let text = format!(" is out of bounds for axis {named_axis} with size ");
                        let yes = fx.add(Expr::Const(Const::Bool(true)), Type::py_bool());
                        fx.raise_text_if(yes, runtime_abi::ERR_INDEX, &[Piece::Text("index "), Piece::Value(value), Piece::Text(&text), Piece::Value(nn)], span);
                    }
                });
                let body = std::mem::take(&mut then_body);
                self.emit(ir::StmtKind::If { cond, then_body: body, else_body: vec![] }, span);
            }
            let positions = self.np("arange", vec![n.clone()], vec![], span);
            let zero = Value::Scalar(self.const_i64(0));
            let negative = self.compare(crate::ast::CmpOp::Lt, idx.clone(), zero, span);
            let wrapped = self.binary(BinOp::Add, idx.clone(), n.clone(), span);
            let normalized = self.np("where", vec![negative, wrapped, idx], vec![], span);
            let removed = self.np("isin", vec![positions, normalized], vec![], span);
            self.np("logical_not", vec![removed], vec![], span)
        } else {
            return self.raise_now("IndexError", "arrays used as indices must be of integer (or boolean) type", ospan);
        };
        let kept = self.np("flatnonzero", vec![keep], vec![], span);
        let axis = Value::Scalar(self.const_i64(k as i64));
        self.np("take", vec![Value::Array(base), kept], vec![("axis", axis)], span)
    }

    fn insert_delete(&mut self, name: &str, args: Args, kw: Kwargs, span: Span) -> Value {
        let fname = format!("np.{name}");
        let insert = name == "insert";
        let params: &[&str] = if insert { &["arr", "obj", "values", "axis"] } else { &["arr", "obj", "axis"] };
        let Some(p) = self.bind_params(&fname, args, kw, params, params.len() - 1, span) else { return Value::Error };
        let mut it = p.into_iter();
        let (arr, aspan) = it.next().flatten().expect("arr");
        let (obj, ospan) = it.next().flatten().expect("obj");
        let values = if insert { it.next().flatten() } else { None };
        let axis = it.next().flatten().filter(|(v, _)| !matches!(v, Value::None));
        let Some(arr) = self.array_or_scalar(arr, aspan, &fname) else { return Value::Error };
        let Type::Array { dtype, ndim } = self.expr_type(arr) else { return Value::Error };
        let one_int = matches!(&obj, Value::Scalar(e) if self.expr_type(*e).dtype().is_some_and(|d| d.is_int() && d != ir::DType::Bool));
        if !insert && (!one_int || (axis.is_some() && ndim > 1)) {
            return self.delete_many(arr, obj, ospan, axis, span);
        }
        if let Some((v, vspan)) = axis {
            // An axis of a 1-D array is its only one; N-D arrays along an axis are refused.
            let along_only = match &v {
                Value::Scalar(e) => matches!(self.const_int_of(*e), Some(0 | -1)) && ndim == 1,
                _ => false,
            };
            if !along_only {
                self.error(diag::unsupported_call(vspan, &format!("{fname} along an axis of an array of {ndim} dimensions"), None).with_hint("use axis=None (the flattened array) or a 1-D array"));
                return Value::Error;
            }
        }
        let index = match obj {
            Value::Scalar(e) if self.expr_type(e).dtype().is_some_and(|d| d.is_int() && d != ir::DType::Bool) => self.cast_scalar(e, ir::DType::I64),
            Value::Error => return Value::Error,
            _ => {
                self.error(diag::unsupported_call(ospan, &format!("{fname} with an index that is not one integer"), None).with_hint("pass one integer position (slices, lists, arrays and bools of positions are not supported)"));
                return Value::Error;
            }
        };
        let flat = if ndim == 1 {
            arr
        } else {
            let Value::Array(flat) = self.call_shape_method(Value::Array(arr), "ravel", vec![], vec![], span) else { return Value::Error };
            flat
        };
        let n = self.add(Expr::Dim(flat, 0), Type::py_int());
        let zero = self.const_i64(0);
        let below = {
            let neg_n = self.add(Expr::Unary(ir::UnaryOp::Neg, n), Type::py_int());
            self.add(Expr::Compare(ir::CompareOp::Lt, index, neg_n), Type::py_bool())
        };
        let above = self.add(Expr::Compare(if insert { ir::CompareOp::Gt } else { ir::CompareOp::Ge }, index, n), Type::py_bool());
        let outside = self.add(Expr::Logical(ir::LogicalOp::Or, below, above), Type::py_bool());
        let pieces = [Piece::Text("index "), Piece::Value(index), Piece::Text(" is out of bounds for axis 0 with size "), Piece::Value(n)];
        self.raise_text_if(outside, runtime_abi::ERR_INDEX, &pieces, span);
        let negative = self.add(Expr::Compare(ir::CompareOp::Lt, index, zero), Type::py_bool());
        let shifted = self.add(Expr::Binary(ir::BinaryOp::Add, index, n), Type::py_int());
        let at = self.add(Expr::Select(negative, shifted, index), Type::py_int());
        let head = self.basic_view(flat, vec![IndexItem::Slice { start: None, stop: Some(at), step: None }], span);
        let rest = if insert {
            at
        } else {
            let one = self.const_i64(1);
            self.add(Expr::Binary(ir::BinaryOp::Add, at, one), Type::py_int())
        };
        let tail = self.basic_view(flat, vec![IndexItem::Slice { start: Some(rest), stop: None, step: None }], span);
        let mut parts = vec![Value::Array(head)];
        if let Some((v, vspan)) = values {
            let v = self.np("asarray", vec![v], vec![("dtype", Value::DType(dtype))], vspan);
            let Value::Array(v) = self.stabilize(v, vspan) else { return Value::Error };
            let vdim = self.array_rank(v);
            if vdim > 1 {
                self.error(diag::unsupported_call(vspan, &format!("{fname} of values with {vdim} dimensions"), None).with_hint("insert a scalar or a 1-D sequence of values"));
                return Value::Error;
            }
            let v = if vdim == 0 {
                let one = self.int_v(1);
                self.np("reshape", vec![Value::Array(v), Value::Tuple(vec![one].into())], vec![], vspan)
            } else {
                Value::Array(v)
            };
            parts.push(v);
        }
        parts.push(Value::Array(tail));
        self.np("concatenate", vec![Value::Tuple(parts.into())], vec![], span)
    }

    /// `np.rot90(m, k=1, axes=(0, 1))` as NumPy writes it: flips and a transpose (views),
    /// `k` and `axes` known when compiling.
    fn rot90(&mut self, args: Args, kw: Kwargs, span: Span) -> Value {
        let fname = "np.rot90";
        let Some(p) = self.bind_params(fname, args, kw, &["m", "k", "axes"], 1, span) else { return Value::Error };
        let mut it = p.into_iter();
        let (m, mspan) = it.next().flatten().expect("m");
        let k_given = it.next().flatten();
        let axes_given = it.next().flatten();
        let Some(m) = self.array_arg(m, mspan, fname) else { return Value::Error };
        let ndim = self.array_rank(m);
        let axes = match axes_given {
            None => vec![0, 1],
            Some((v, vspan)) => {
                let count = if let Value::Tuple(seq) = &v { seq.items.len() } else { 1 };
                if count != 2 {
                    self.error(diag::shape_error(vspan, "len(axes) must be 2."));
                    return Value::Error;
                }
                match self.axes_arg(Some((v, vspan)), ndim, "Axes must be different.") {
                    Some(a) => a,
                    None => return Value::Error,
                }
            }
        };
        if ndim < 2 {
            self.error(diag::shape_error(mspan, format!("`np.rot90` needs an array of at least 2 dimensions (NumPy: Axes={:?} out of range for array of ndim={ndim}.), found {ndim}", (0, 1))));
            return Value::Error;
        }
        let (a0, a1) = (axes[0] as i64, axes[1] as i64);
        let mut perm: Vec<i64> = (0..ndim as i64).collect();
        perm.swap(axes[0], axes[1]);
        let flip = |fx: &mut Self, v: Value, axis: i64| {
            let axis = fx.int_v(axis);
            fx.np("flip", vec![v, axis], vec![], span)
        };
        let transpose = |fx: &mut Self, v: Value| {
            let order = Value::Tuple(perm.iter().map(|&d| fx.int_v(d)).collect::<Vec<_>>().into());
            fx.np("transpose", vec![v, order], vec![], span)
        };
        let rotate = |fx: &mut Self, quarter: i64| match quarter {
            0 => {
                let all = ir::IndexItem::Slice { start: None, stop: None, step: None };
                Value::Array(fx.basic_view(m, vec![all], span))
            }
            2 => {
                let f = flip(fx, Value::Array(m), a0);
                flip(fx, f, a1)
            }
            1 => {
                let f = flip(fx, Value::Array(m), a1);
                transpose(fx, f)
            }
            _ => {
                let t = transpose(fx, Value::Array(m));
                flip(fx, t, a1)
            }
        };
        // `k` known when compiling: that rotation; else each of the four, chosen by `k % 4`.
        let constant = match &k_given {
            None => Some(1),
            Some((Value::Scalar(e), _)) => self.const_int_of(*e),
            Some(_) => None,
        };
        if let Some(k) = constant {
            return rotate(self, k.rem_euclid(4));
        }
        let (kv, kspan) = k_given.expect("a run-time k");
        let Some(k) = self.int_value(kv, kspan) else { return Value::Error };
        let four = self.const_i64(4);
        let quarter = self.int_binary(ir::BinaryOp::Mod, k, four);
        let Type::Array { dtype, .. } = self.expr_type(m) else { return Value::Error };
        let out = self.temp(Type::array(dtype, ndim));
        let mut chain: Vec<ir::Stmt> = Vec::new();
        for q in (0..4).rev() {
            let body = self.block(|fx| {
                let rotated = rotate(fx, q);
                if let Value::Array(r) = fx.stabilize(rotated, span) {
                    fx.emit(ir::StmtKind::Assign { dst: out, value: r }, span);
                }
            });
            let qv = self.const_i64(q);
            let is_q = self.add(Expr::Compare(ir::CompareOp::Eq, quarter, qv), Type::py_bool());
            chain = vec![ir::Stmt::new(ir::StmtKind::If { cond: is_q, then_body: body, else_body: chain }, span)];
        }
        for stmt in chain {
            self.emit(stmt.kind, stmt.span);
        }
        Value::Array(self.read(out))
    }

    /// `np.sinc(x)` as NumPy writes it: `y = pi * where(x == 0, 1.0e-20, x)`, `sin(y) / y`.
    fn sinc(&mut self, args: Args, kw: Kwargs, span: Span) -> Value {
        let Some(p) = self.bind_params("np.sinc", args, kw, &["x"], 1, span) else { return Value::Error };
        let (x, _) = p.into_iter().next().flatten().expect("x");
        let zero = self.int_v(0);
        let at_zero = self.compare(crate::ast::CmpOp::Eq, x.clone(), zero, span);
        let tiny = Value::Scalar(self.add(Expr::Const(Const::Float(1.0e-20)), Type::py_float()));
        let moved = self.np("where", vec![at_zero, tiny, x], vec![], span);
        let pi = Value::Scalar(self.add(Expr::Const(Const::Float(std::f64::consts::PI)), Type::py_float()));
        let y = self.binary(BinOp::Mul, pi, moved, span);
        let y = self.stabilize(y, span);
        let sin = self.np("sin", vec![y.clone()], vec![], span);
        self.binary(BinOp::Div, sin, y, span)
    }

    /// `np.heaviside(x1, x2)`: 0 where `x1 < 0`, `x2` where `x1 == 0`, 1 where `x1 > 0`, NaN
    /// where `x1` is NaN, in the float type of the operands (float64 for integers).
    fn heaviside(&mut self, args: Args, kw: Kwargs, span: Span) -> Value {
        let Some(p) = self.bind_params("np.heaviside", args, kw, &["x1", "x2"], 2, span) else { return Value::Error };
        let mut it = p.into_iter().flatten();
        let ((x1, s1), (x2, s2)) = (it.next().expect("x1"), it.next().expect("x2"));
        let (Some(d1), Some(d2)) = (self.value_dtype(&x1), self.value_dtype(&x2)) else {
            self.error(diag::type_error(span, "`np.heaviside` takes numbers or arrays", "pass numeric values"));
            return Value::Error;
        };
        if d1.is_complex() || d2.is_complex() {
            self.error(diag::unsupported_dtype(span, "the operands of `np.heaviside`", "complex128", "heaviside of real values"));
            return Value::Error;
        }
        let weak = |fx: &Self, v: &Value| matches!(v, Value::Scalar(e) if matches!(fx.f.expr_type(*e), Type::Scalar { weak: true, .. }));
        let common = super::promote::result_dtype((d1, weak(self, &x1)), (d2, weak(self, &x2)));
        let dtype = if common.is_float() { common } else { ir::DType::F64 };
        let as_float = |fx: &mut Self, v: Value, vspan: Span| {
            let v = fx.stabilize(v, vspan);
            fx.np("asarray", vec![v], vec![("dtype", Value::DType(dtype))], vspan)
        };
        let x1 = as_float(self, x1, s1);
        let x2 = as_float(self, x2, s2);
        let zero = Value::Scalar(self.add(Expr::Const(Const::Float(0.0)), Type::py_float()));
        let one = Value::Scalar(self.add(Expr::Const(Const::Float(1.0)), Type::py_float()));
        let above = self.compare(crate::ast::CmpOp::Gt, x1.clone(), zero.clone(), span);
        let inner = self.np("where", vec![above, one, x2], vec![], span);
        let below = self.compare(crate::ast::CmpOp::Lt, x1.clone(), zero.clone(), span);
        let outer = self.np("where", vec![below, zero, inner], vec![], span);
        let nan = self.np("isnan", vec![x1.clone()], vec![], span);
        self.np("where", vec![nan, x1, outer], vec![], span)
    }

    /// `np.ediff1d(ary)`: the differences of consecutive elements of the flattened array,
    /// in its dtype.
    fn ediff1d(&mut self, args: Args, kw: Kwargs, span: Span) -> Value {
        let fname = "np.ediff1d";
        let Some(p) = self.bind_params(fname, args, kw, &["ary"], 1, span) else { return Value::Error };
        let (a, aspan) = p.into_iter().next().flatten().expect("ary");
        let Some(a) = self.array_or_scalar(a, aspan, fname) else { return Value::Error };
        if self.array_rank(a) == 0 {
            let one = self.int_v(1);
            let shape = Value::Tuple(vec![one].into());
            let flat = self.np("reshape", vec![Value::Array(a), shape], vec![], span);
            return self.np("diff", vec![flat], vec![], span);
        }
        let flat = self.np("ravel", vec![Value::Array(a)], vec![], span);
        self.np("diff", vec![flat], vec![], span)
    }

    /// `np.lexsort(keys)` of 1-D keys (a list or tuple of them; a 2-D array of keys is refused):
    /// the positions that sort by the last key, ties by the one before, and so on, as stable
    /// argsorts from the first key to the last (NumPy's mergesort order), each taking the
    /// positions so far; the keys' lengths must agree (NumPy's ValueError).
    fn lexsort(&mut self, args: Args, kw: Kwargs, span: Span) -> Value {
        let fname = "np.lexsort";
        let Some(p) = self.bind_params(fname, args, kw, &["keys", "axis"], 1, span) else { return Value::Error };
        let mut it = p.into_iter();
        let (keys, kspan) = it.next().flatten().expect("keys");
        if let Some((axis, aspan)) = it.next().flatten() {
            if !matches!(&axis, Value::Scalar(e) if matches!(self.fold_int(*e), Some(-1) | Some(0))) {
                self.error(diag::unsupported_syntax(aspan, "`np.lexsort` along an axis other than the keys' only one", "sort 1-D keys"));
                return Value::Error;
            }
        }
        let keys: Vec<Value> = match keys {
            Value::Tuple(seq) => seq.items,
            Value::Error => return Value::Error,
            other => {
                let Some(a) = self.array_arg(other, kspan, fname) else { return Value::Error };
                match self.array_rank(a) {
                    1 => vec![Value::Array(a)],
                    _ => {
                        self.error(diag::unsupported_syntax(kspan, "`np.lexsort` of an array of keys (its rows)", "pass the keys as a tuple of 1-D arrays (`(a[1], a[0])`)"));
                        return Value::Error;
                    }
                }
            }
        };
        if keys.is_empty() {
            self.error(diag::bad_arguments(kspan, "need sequence of keys with len > 0 in lexsort"));
            return Value::Error;
        }
        let mut arrays = Vec::new();
        for k in keys {
            let Some(a) = self.array_or_scalar(k, kspan, fname) else { return Value::Error };
            if self.array_rank(a) != 1 {
                self.error(diag::unsupported_syntax(kspan, "`np.lexsort` of keys that are not 1-D", "pass a tuple of 1-D arrays"));
                return Value::Error;
            }
            arrays.push(a);
        }
        let n0 = self.add(Expr::Dim(arrays[0], 0), Type::py_int());
        for a in &arrays[1..] {
            let n = self.add(Expr::Dim(*a, 0), Type::py_int());
            let differ = self.add(Expr::Compare(ir::CompareOp::Ne, n, n0), Type::py_bool());
            self.raise_kind_if(differ, "ValueError", "all keys need to be the same shape".into(), span);
        }
        let stable = |fx: &mut Self| Value::Str(fx.str_const("stable"));
        let kind = stable(self);
        let mut idx = match self.np("argsort", vec![Value::Array(arrays[0])], vec![("kind", kind)], span) {
            Value::Array(i) => i,
            _ => return Value::Error,
        };
        for a in &arrays[1..] {
            let Value::Array(taken) = self.fancy_get(*a, idx, span) else { return Value::Error };
            let kind = stable(self);
            let Value::Array(order) = self.np("argsort", vec![Value::Array(taken)], vec![("kind", kind)], span) else { return Value::Error };
            let Value::Array(next) = self.fancy_get(idx, order, span) else { return Value::Error };
            idx = next;
        }
        Value::Array(idx)
    }

    /// `np.cumulative_sum(x, axis=None, dtype=None, include_initial=False)` (NumPy 2.1): the
    /// running sums along `axis` (needed beyond one dimension), with a leading 0 where
    /// `include_initial`.
    fn cumulative_sum(&mut self, args: Args, kw: Kwargs, span: Span) -> Value {
        let fname = "np.cumulative_sum";
        if args.len() > 1 {
            self.error(diag::bad_arguments(span, format!("`{fname}` takes 1 positional argument but {} were given", args.len())));
            return Value::Error;
        }
        let Some(p) = self.bind_params(fname, args, kw, &["x", "axis", "dtype", "include_initial"], 1, span) else { return Value::Error };
        let mut it = p.into_iter();
        let (x, xspan) = it.next().flatten().expect("x");
        let axis_v = it.next().flatten().filter(|(v, _)| !matches!(v, Value::None));
        let dtype = it.next().flatten();
        let include_initial = it.next().flatten();
        let Some(x) = self.array_or_scalar(x, xspan, fname) else { return Value::Error };
        let ndim = self.array_rank(x);
        if ndim == 0 {
            self.error(diag::shape_error(xspan, "`np.cumulative_sum` needs an array of at least one dimension (NumPy: ValueError)"));
            return Value::Error;
        }
        let axis = match axis_v {
            None if ndim > 1 => {
                self.error(diag::shape_error(span, "For arrays which have more than one dimension ``axis`` argument is required."));
                return Value::Error;
            }
            None => 0,
            Some(v) => match self.axis_arg(Some(v), ndim) {
                Ok(Some(a)) => a,
                _ => return Value::Error,
            },
        };
        let axis_value = self.int_v(axis as i64);
        let mut sum_kw = vec![("axis", axis_value)];
        if let Some((d, _)) = dtype {
            sum_kw.push(("dtype", d));
        }
        let sums = self.np("cumsum", vec![Value::Array(x)], sum_kw, span);
        let include_initial: Kwargs = include_initial.map(|(v, s)| ("include_initial".to_string(), v, s)).into_iter().collect();
        let Some(initial) = self.const_bool_kw(&include_initial, "include_initial", false) else { return Value::Error };
        if !initial || matches!(sums, Value::Error) {
            return sums;
        }
        // A zero slice along the axis, in the sums' dtype, before them.
        let sums = self.stabilize(sums, span);
        let Value::Array(s) = sums else { return Value::Error };
        let Type::Array { dtype, .. } = self.expr_type(s) else { return Value::Error };
        let lo = self.const_i64(0);
        let hi = self.const_i64(1);
        let index: Vec<ir::IndexItem> = (0..ndim)
            .map(|d| if d == axis { ir::IndexItem::Slice { start: Some(lo), stop: Some(hi), step: None } } else { ir::IndexItem::Slice { start: None, stop: None, step: None } })
            .collect();
        let first = Value::Array(self.basic_view(s, index, span));
        let zeros = self.np("zeros_like", vec![first], vec![("dtype", Value::DType(dtype))], span);
        let axis_value = self.int_v(axis as i64);
        self.np("concatenate", vec![Value::Tuple(vec![zeros, Value::Array(s)].into())], vec![("axis", axis_value)], span)
    }

    /// `np.triu_indices(n, k=0, m=None)` and `np.tril_indices` (and their `_from(arr, k=0)`
    /// forms, of a 2-D array's shape): NumPy's, the row and column indices of the triangle's
    /// elements in row-major order, i.e. `np.nonzero` of the triangle of a boolean `n x m`.
    fn triangle_indices(&mut self, name: &str, args: Args, kw: Kwargs, span: Span) -> Value {
        let fname = format!("np.{name}");
        let from = name.ends_with("_from");
        let (n, k, m) = if from {
            let Some(p) = self.bind_params(&fname, args, kw, &["arr", "k"], 1, span) else { return Value::Error };
            let mut it = p.into_iter();
            let (a, aspan) = it.next().flatten().expect("arr");
            let a = self.stabilize(a, aspan);
            let Value::Array(a) = a else {
                self.error(diag::type_error(aspan, format!("`{fname}` takes a 2-D array"), "pass a 2-D array"));
                return Value::Error;
            };
            if self.array_rank(a) != 2 {
                self.error(diag::shape_error(aspan, "input array must be 2-d"));
                return Value::Error;
            }
            let rows = Value::Scalar(self.add(Expr::Dim(a, 0), Type::py_int()));
            let cols = Value::Scalar(self.add(Expr::Dim(a, 1), Type::py_int()));
            (rows, it.next().flatten(), cols)
        } else {
            let Some(p) = self.bind_params(&fname, args, kw, &["n", "k", "m"], 1, span) else { return Value::Error };
            let mut it = p.into_iter();
            let (n, _) = it.next().flatten().expect("n");
            let k = it.next().flatten();
            let m = match it.next().flatten() {
                Some((Value::None, _)) | None => n.clone(),
                Some((m, _)) => m,
            };
            (n, k, m)
        };
        let shape = Value::Tuple(Seq { items: vec![n, m], list: false, named: None, held: false });
        let ones = self.call_numpy_pub("ones", vec![(shape, span)], vec![("dtype".to_string(), Value::DType(ir::DType::Bool), span)], span);
        let triangle = if name.starts_with("triu") { "triu" } else { "tril" };
        let mut targs = vec![(ones, span)];
        if let Some(k) = k {
            targs.push(k);
        }
        let mask = self.call_numpy_pub(triangle, targs, vec![], span);
        if matches!(mask, Value::Error) {
            return Value::Error;
        }
        self.call_numpy_pub("nonzero", vec![(mask, span)], vec![], span)
    }

    /// `np.ix_(*seqs)`: each 1-D sequence as an array whose only axis of more than one
    /// element is its own position (booleans as the positions of their true elements), for
    /// an open mesh of indices (`a[np.ix_(rows, cols)]`).
    fn open_mesh(&mut self, args: Args, kw: Kwargs, _span: Span) -> Value {
        if let Some((name, _, kspan)) = kw.first() {
            self.error(diag::bad_arguments(*kspan, format!("`np.ix_` has no keyword argument `{name}`")));
            return Value::Error;
        }
        let count = args.len();
        let mut items = Vec::new();
        for (k, (v, vspan)) in args.into_iter().enumerate() {
            let a = self.call_numpy_pub("asarray", vec![(v, vspan)], vec![], vspan);
            let Value::Array(a) = self.stabilize(a, vspan) else { return Value::Error };
            if self.array_rank(a) != 1 {
                self.error(diag::shape_error(vspan, "Cross index must be 1 dimensional"));
                return Value::Error;
            }
            let a = match self.expr_type(a) {
                Type::Array { dtype: ir::DType::Bool, .. } => {
                    let found = self.call_numpy_pub("nonzero", vec![(Value::Array(a), vspan)], vec![], vspan);
                    match found {
                        Value::Tuple(seq) if seq.items.len() == 1 => seq.items[0].clone(),
                        _ => return Value::Error,
                    }
                }
                Type::Array { dtype, .. } if dtype.is_int() => Value::Array(a),
                _ => {
                    // NumPy makes the mesh and raises only where it then indexes.
                    self.error(diag::type_error(vspan, "`np.ix_` of a sequence that is neither integer nor boolean is not supported by legatec (as an index NumPy refuses it)", "pass integer or boolean sequences"));
                    return Value::Error;
                }
            };
            let dims = (0..count).map(|d| Value::Scalar(self.const_i64(if d == k { -1 } else { 1 }))).collect();
            let shape = Value::Tuple(Seq { items: dims, list: false, named: None, held: false });
            let r = self.call_shape_method(a, "reshape", vec![(shape, vspan)], vec![], vspan);
            if matches!(r, Value::Error) {
                return Value::Error;
            }
            items.push(r);
        }
        Value::Tuple(Seq { items, list: false, named: None, held: false })
    }

    fn array_rank(&self, a: ExprId) -> usize {
        match self.expr_type(a) {
            Type::Array { ndim, .. } => ndim,
            _ => 0,
        }
    }

    /// `a[..., i]` along `axis` (every other axis whole): a view, with `i` a constant.
    fn component(&mut self, a: ExprId, axis: usize, i: i64, span: Span) -> Value {
        let full = IndexItem::Slice { start: None, stop: None, step: None };
        let mut index = vec![full; axis];
        index.push(IndexItem::Index(self.const_i64(i)));
        Value::Array(self.basic_view(a, index, span))
    }

    /// `np.ptp(a, axis=None, keepdims=False)`: NumPy's `subtract(maximum.reduce, minimum.reduce)`,
    /// in `a`'s dtype (integers wrap, booleans raise NumPy's TypeError for `-`).
    fn ptp(&mut self, args: Args, kw: Kwargs, span: Span) -> Value {
        let fname = "np.ptp";
        let Some(p) = self.bind_params(fname, args, kw, &["a", "axis", "keepdims"], 1, span) else { return Value::Error };
        let mut it = p.into_iter();
        let (a, aspan) = it.next().flatten().expect("a");
        let Some(a) = self.array_or_scalar(a, aspan, fname) else { return Value::Error };
        let mut reduce_kw = Vec::new();
        for (name, given) in ["axis", "keepdims"].into_iter().zip(it) {
            if let Some((v, vspan)) = given {
                reduce_kw.push((name.to_string(), v, vspan));
            }
        }
        let high = self.call_method(Value::Array(a), "max", vec![], reduce_kw.clone(), span);
        let low = self.call_method(Value::Array(a), "min", vec![], reduce_kw, span);
        if matches!(high, Value::Error) || matches!(low, Value::Error) {
            return Value::Error;
        }
        self.binary(BinOp::Sub, high, low, span)
    }

    /// `np.trapezoid(y, x=None, dx=1.0, axis=-1)` as NumPy 2 writes it: with `d` the spacing
    /// (`dx`, or `np.diff(x)` shaped along `axis`), `(d * (y[1:] + y[:-1]) / 2.0).sum(axis)`.
    fn trapezoid(&mut self, args: Args, kw: Kwargs, span: Span) -> Value {
        let fname = "np.trapezoid";
        let Some(p) = self.bind_params(fname, args, kw, &["y", "x", "dx", "axis"], 1, span) else { return Value::Error };
        let mut it = p.into_iter();
        let (y, yspan) = it.next().flatten().expect("y");
        let x = it.next().flatten().filter(|(v, _)| !matches!(v, Value::None));
        let dx = it.next().flatten();
        let axis_given = it.next().flatten();
        let Some(y) = self.array_or_scalar(y, yspan, fname) else { return Value::Error };
        let nd = self.array_rank(y);
        if nd == 0 {
            self.error(diag::shape_error(yspan, "`np.trapezoid` integrates along an axis of `y`, found a 0-D value (NumPy: IndexError: list assignment index out of range)"));
            return Value::Error;
        }
        let axis_v = axis_given.unwrap_or_else(|| (Value::Scalar(self.const_i64(-1)), span));
        let Ok(Some(axis)) = self.axis_arg(Some(axis_v), nd) else { return Value::Error };
        let d = match x {
            None => match dx {
                Some((v, _)) => v,
                None => Value::Scalar(self.add(Expr::Const(Const::Float(1.0)), Type::py_float())),
            },
            Some((x, xspan)) => {
                let Some(x) = self.array_or_scalar(x, xspan, fname) else { return Value::Error };
                let axis_c = Value::Scalar(self.const_i64(axis as i64));
                if self.array_rank(x) == 1 {
                    // NumPy reshapes the spacings to extent 1 on every axis but `axis`.
                    let d = self.np("diff", vec![Value::Array(x)], vec![], span);
                    let Value::Array(d) = self.stabilize(d, span) else { return Value::Error };
                    let n = self.add(Expr::Dim(d, 0), Type::py_int());
                    let shape: Vec<Value> = (0..nd).map(|i| Value::Scalar(if i == axis { n } else { self.const_i64(1) })).collect();
                    self.call_method(Value::Array(d), "reshape", vec![(Value::Tuple(shape.into()), span)], vec![], span)
                } else {
                    self.np("diff", vec![Value::Array(x)], vec![("axis", axis_c)], span)
                }
            }
        };
        let full = IndexItem::Slice { start: None, stop: None, step: None };
        let one = self.const_i64(1);
        let minus_one = self.const_i64(-1);
        let mut upper = vec![full.clone(); nd];
        upper[axis] = IndexItem::Slice { start: Some(one), stop: None, step: None };
        let mut lower = vec![full; nd];
        lower[axis] = IndexItem::Slice { start: None, stop: Some(minus_one), step: None };
        let y1 = Value::Array(self.basic_view(y, upper, span));
        let y2 = Value::Array(self.basic_view(y, lower, span));
        let sum = self.binary(BinOp::Add, y1, y2, span);
        let scaled = self.binary(BinOp::Mul, d, sum, span);
        let two = Value::Scalar(self.add(Expr::Const(Const::Float(2.0)), Type::py_float()));
        let halves = self.binary(BinOp::Div, scaled, two, span);
        if matches!(halves, Value::Error) {
            return Value::Error;
        }
        let axis_c = Value::Scalar(self.const_i64(axis as i64));
        self.call_method(halves, "sum", vec![(axis_c, span)], vec![], span)
    }

    /// `np.cross(a, b)` of vectors along the last axis (lengths 2 or 3, known when compiling;
    /// leading axes broadcast), with NumPy's formulas: each component a difference of products
    /// of the components, stacked along a new last axis (none for two 2-vectors).
    fn cross(&mut self, args: Args, kw: Kwargs, span: Span) -> Value {
        let fname = "np.cross";
        let Some(p) = self.bind_params(fname, args, kw, &["a", "b"], 2, span) else { return Value::Error };
        let mut it = p.into_iter();
        let (a, aspan) = it.next().flatten().expect("a");
        let (b, bspan) = it.next().flatten().expect("b");
        let (Some(a), Some(b)) = (self.array_or_scalar(a, aspan, fname), self.array_or_scalar(b, bspan, fname)) else { return Value::Error };
        let (an, bn) = (self.array_rank(a), self.array_rank(b));
        if an == 0 || bn == 0 {
            return self.raise_now("ValueError", "At least one array has zero dimension", span);
        }
        let mut lengths = Vec::new();
        for (v, n, vspan) in [(a, an, aspan), (b, bn, bspan)] {
            match self.value_shape(&Value::Array(v)).and_then(|s| s.get(n - 1).cloned()) {
                Some(SymExpr::Const(k)) => lengths.push(k),
                _ => {
                    self.error(
                        diag::unsupported_call(vspan, "np.cross of vectors whose length is not known when compiling", None)
                            .with_hint("give the last axis a constant length (2 or 3), e.g. `v[..., :3]`"),
                    );
                    return Value::Error;
                }
            }
        }
        let (la, lb) = (lengths[0], lengths[1]);
        if ![2, 3].contains(&la) || ![2, 3].contains(&lb) {
            return self.raise_now("ValueError", "incompatible dimensions for cross product\n(dimension must be 2 or 3)", span);
        }
        let ac: Vec<Value> = (0..la).map(|i| self.component(a, an - 1, i, span)).collect();
        let bc: Vec<Value> = (0..lb).map(|i| self.component(b, bn - 1, i, span)).collect();
        let mul = |fx: &mut Self, x: &Value, y: &Value| fx.binary(BinOp::Mul, x.clone(), y.clone(), span);
        let neg = |fx: &mut Self, x: Value| fx.unary(crate::ast::UnaryOp::Neg, x, span);
        let sub = |fx: &mut Self, x: Value, y: Value| fx.binary(BinOp::Sub, x, y, span);
        // The third component (or the only one, for two 2-vectors): a0 * b1 - a1 * b0.
        let (p, q) = (mul(self, &ac[0], &bc[1]), mul(self, &ac[1], &bc[0]));
        let last = sub(self, p, q);
        let (c0, c1) = match (la, lb) {
            (2, 2) => return last,
            (2, _) => {
                let c0 = mul(self, &ac[1], &bc[2]);
                let c1 = mul(self, &ac[0], &bc[2]);
                (c0, neg(self, c1))
            }
            (_, 2) => {
                let c0 = mul(self, &ac[2], &bc[1]);
                (neg(self, c0), mul(self, &ac[2], &bc[0]))
            }
            _ => {
                let (p, q) = (mul(self, &ac[1], &bc[2]), mul(self, &ac[2], &bc[1]));
                let c0 = sub(self, p, q);
                let (p, q) = (mul(self, &ac[2], &bc[0]), mul(self, &ac[0], &bc[2]));
                (c0, sub(self, p, q))
            }
        };
        if [&c0, &c1, &last].iter().any(|v| matches!(v, Value::Error)) {
            return Value::Error;
        }
        let items = Value::Tuple(Seq { items: vec![c0, c1, last], list: true, named: None, held: false });
        let minus_one = Value::Scalar(self.const_i64(-1));
        self.np("stack", vec![items], vec![("axis", minus_one)], span)
    }
}
