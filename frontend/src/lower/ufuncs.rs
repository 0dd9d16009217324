//! Elementwise NumPy functions defined as lazy expression trees.
//!
//! Every function here builds one [`LNode`] tree from its operands. With an
//! array operand the tree stays lazy and fuses into the consuming kernel; with
//! only scalar operands the same tree is turned into host scalar expressions
//! ([`FnCx::scalar_of`]), so scalars and arrays share one definition.

use std::rc::Rc;

use super::promote::result_dtype;
use super::lazy::{LNode, Lazy};
use super::{FnCx, Value};
use crate::diagnostics as diag;
use ir::{BinaryOp, CompareOp, Const, DType, Expr, ExprId, IndexItem, MathFn, ReduceOp, Span, StmtKind, Type, UnaryOp};
use runtime_abi::EntryPoint;

type Args = Vec<(Value, Span)>;
type Kwargs = Vec<(String, Value, Span)>;

/// The elementwise functions this module lowers (`np.<name>`).
pub(crate) const UFUNC_NAMES: &[&str] = &[
    "tan", "arcsin", "arccos", "arctan", "sinh", "cosh", "log2", "log10", "log1p", "expm1", "exp2", "rint", "square",
    "sign", "isinf", "isfinite", "power", "arctan2", "hypot", "clip", "round", "around", "isclose", "allclose",
    "negative", "positive", "reciprocal", "true_divide", "add", "subtract", "multiply", "divide", "floor_divide", "mod",
    "remainder", "logical_and", "logical_or", "logical_not", "fmax", "fmin", "trunc", "less", "less_equal", "greater",
    "greater_equal", "equal", "not_equal", "bitwise_and", "bitwise_or", "bitwise_xor", "left_shift", "right_shift",
    "bitwise_left_shift", "bitwise_right_shift", "invert", "bitwise_not", "bitwise_invert", "logical_xor", "radians",
    "deg2rad", "degrees", "rad2deg", "nan_to_num", "fmod", "copysign", "nextafter", "signbit", "logaddexp", "logaddexp2",
];

/// The ufuncs that are Python's operators (`np.less(a, b)` is `a < b`, as NumPy scalars).
fn operator_of(name: &str) -> Option<Result<crate::ast::CmpOp, crate::ast::BinOp>> {
    use crate::ast::{BinOp, CmpOp};
    Some(match name {
        "less" => Ok(CmpOp::Lt),
        "less_equal" => Ok(CmpOp::LtE),
        "greater" => Ok(CmpOp::Gt),
        "greater_equal" => Ok(CmpOp::GtE),
        "equal" => Ok(CmpOp::Eq),
        "not_equal" => Ok(CmpOp::NotEq),
        "bitwise_and" => Err(BinOp::BitAnd),
        "bitwise_or" => Err(BinOp::BitOr),
        "bitwise_xor" => Err(BinOp::BitXor),
        "left_shift" | "bitwise_left_shift" => Err(BinOp::LShift),
        "right_shift" | "bitwise_right_shift" => Err(BinOp::RShift),
        _ => return None,
    })
}

/// How many inputs an elementwise ufunc takes, for those that accept an output array
/// (`out=`, or one positional argument more than the inputs): NumPy's ufuncs among
/// [`UFUNC_NAMES`] and the core ones of `numpy.rs` (`np.sqrt`, `np.maximum`...).
pub(crate) fn ufunc_inputs(name: &str) -> Option<usize> {
    const UNARY: &[&str] = &[
        "tan", "arcsin", "arccos", "arctan", "sinh", "cosh", "log2", "log10", "log1p", "expm1", "exp2", "rint", "square", "sign",
        "isinf", "isfinite", "negative", "positive", "reciprocal", "trunc", "logical_not", "invert", "bitwise_not",
        "bitwise_invert", "sqrt", "exp", "log", "abs", "absolute", "sin", "cos", "tanh", "floor", "ceil", "isnan", "conj",
        "conjugate", "radians", "deg2rad", "degrees", "rad2deg", "signbit",
    ];
    const BINARY: &[&str] = &[
        "power", "arctan2", "hypot", "add", "subtract", "multiply", "divide", "true_divide", "floor_divide", "mod", "remainder",
        "logical_and", "logical_or", "logical_xor", "fmax", "fmin", "less", "less_equal", "greater", "greater_equal", "equal",
        "not_equal", "bitwise_and", "bitwise_or", "bitwise_xor", "left_shift", "right_shift", "bitwise_left_shift",
        "bitwise_right_shift", "maximum", "minimum", "fmod", "copysign", "nextafter", "logaddexp", "logaddexp2",
    ];
    if UNARY.contains(&name) {
        Some(1)
    } else if BINARY.contains(&name) {
        Some(2)
    } else {
        None
    }
}

/// `math.<name>` functions of floats this module lowers (besides the core ones).
pub(crate) const MATH_UFUNC_NAMES: &[&str] =
    &["tan", "asin", "acos", "atan", "sinh", "cosh", "log2", "log10", "log1p", "expm1", "atan2", "hypot", "isnan", "isinf", "isfinite", "trunc", "erf", "erfc", "gamma", "lgamma", "isclose", "radians", "degrees"];

fn node(n: LNode) -> Rc<LNode> {
    Rc::new(n)
}

fn konst(value: Const, dtype: DType) -> Rc<LNode> {
    node(LNode::Const { value: super::lazy::convert_const(&value, dtype), dtype })
}

fn float_of(d: DType) -> DType {
    super::promote::float_of(d)
}

impl FnCx<'_, '_> {
    /// Host scalar expressions for a tree without array or index leaves.
    pub(crate) fn scalar_of(&mut self, n: &LNode) -> Option<ExprId> {
        let ty = Type::scalar(n.dtype());
        Some(match n {
            LNode::Scalar { expr, dtype } => {
                let e = *expr;
                // A strong scalar of the same dtype (results of NumPy functions are NumPy scalars).
                self.add(Expr::Cast(*dtype, e), ty)
            }
            LNode::Const { value, .. } => self.add(Expr::Const(value.clone()), ty),
            LNode::Array { .. } | LNode::Index(_) => return None,
            LNode::Unary(op, a, _) => {
                let a = self.scalar_of(a)?;
                self.add(Expr::Unary(*op, a), ty)
            }
            LNode::Binary(op, a, b, _) => {
                let (a, b) = (self.scalar_of(a)?, self.scalar_of(b)?);
                self.add(Expr::Binary(*op, a, b), ty)
            }
            LNode::Compare(op, a, b) => {
                let (a, b) = (self.scalar_of(a)?, self.scalar_of(b)?);
                self.add(Expr::Compare(*op, a, b), ty)
            }
            LNode::Cast(d, a) => {
                let a = self.scalar_of(a)?;
                self.add(Expr::Cast(*d, a), ty)
            }
            LNode::Select(c, a, b, _) => {
                let (c, a, b) = (self.scalar_of(c)?, self.scalar_of(a)?, self.scalar_of(b)?);
                self.add(Expr::Select(c, a, b), ty)
            }
            LNode::Math(f, a, _) => {
                let a = self.scalar_of(a)?;
                self.add(Expr::Math(*f, vec![a]), ty)
            }
        })
    }

    /// Applies `build` to the operands as lazy trees: lazy if any operand is an
    /// array, a NumPy scalar otherwise.
    /// A ufunc of one operand computed in its float dtype (`np.sin`, `np.radians`): `build`
    /// gets the operand converted to that dtype, and the dtype.
    fn float_unary(&mut self, fname: &str, args: Args, kw: Kwargs, span: Span, build: impl FnOnce(Rc<LNode>, DType) -> Rc<LNode>) -> Value {
        let Some(p) = self.bind_params(fname, args, kw, &["x"], 1, span) else { return Value::Error };
        let operands: Vec<_> = p.into_iter().flatten().collect();
        let d = self.operands_dtype(&operands);
        if self.refuse_float16(fname, d, span) {
            return Value::Error;
        }
        let d = float_of(d);
        self.apply(fname, operands, |_, n| build(LNode::cast(n[0].clone(), d), d))
    }

    fn apply(&mut self, fname: &str, operands: Vec<(Value, Span)>, build: impl FnOnce(&mut Self, Vec<Rc<LNode>>) -> Rc<LNode>) -> Value {
        let mut nodes = Vec::new();
        let mut ndim = 0;
        for (v, vspan) in operands {
            if matches!(v, Value::Error) {
                return Value::Error;
            }
            let ok = matches!(v, Value::Scalar(_) | Value::Array(_) | Value::Lazy(_)) && self.value_dtype(&v).is_some();
            let converted = if ok { self.as_node(&v) } else { None };
            let Some((n, nd)) = converted else {
                let what = self.describe_value(&v);
                self.error(diag::type_error(vspan, format!("`{fname}` takes numbers or arrays, found {what}"), "pass numeric values"));
                return Value::Error;
            };
            nodes.push(n);
            ndim = ndim.max(nd);
        }
        let tree = build(self, nodes);
        if ndim > 0 {
            return Value::Lazy(Lazy { node: tree, ndim });
        }
        match self.scalar_of(&tree) {
            Some(e) => Value::Scalar(e),
            // A 0-d array operand: evaluated as a 0-d array, read back as the NumPy scalar
            // NumPy's ufuncs return for it.
            None => {
                let dtype = tree.dtype();
                let a = self.materialize(Lazy { node: tree, ndim: 0 }, Span::default());
                Value::Scalar(self.add(ir::Expr::GetItem(a, vec![]), Type::scalar(dtype)))
            }
        }
    }

    /// The NumPy result dtype of several operands (NEP 50: Python scalars are weak).
    /// NumPy computes float functions of booleans in float16, which legatec does not have:
    /// reports that (and returns true) when the operands are booleans.
    /// Likewise of int8 and uint8 values.
    pub(crate) fn refuse_float16(&mut self, fname: &str, operands: DType, span: Span) -> bool {
        let what = match operands {
            DType::Bool => "booleans",
            DType::I8 => "int8 values",
            DType::U8 => "uint8 values",
            _ => return false,
        };
        self.error(diag::type_error(
            span,
            format!("NumPy computes `{fname}` of {what} in float16, which legatec does not support"),
            &format!("convert the {what} first, e.g. `x.astype(np.float64)`"),
        ));
        true
    }

    pub(crate) fn operands_dtype(&self, operands: &[(Value, Span)]) -> DType {
        let mut acc: Option<(DType, bool)> = None;
        for (v, _) in operands {
            let Some(d) = self.value_dtype(v) else { continue };
            let weak = matches!(v, Value::Scalar(e) if matches!(self.f.expr_type(*e), Type::Scalar { weak: true, .. }));
            acc = Some(match acc {
                None => (d, weak),
                Some(a) => (result_dtype(a, (d, weak)), a.1 && weak),
            });
        }
        acc.map(|a| a.0).unwrap_or(DType::F64)
    }

    /// Collects positional and keyword arguments into the named parameters of
    /// `params` (`None` where not given). Reports unknown keywords and surplus arguments.
    pub(crate) fn bind_params(&mut self, fname: &str, args: Args, kw: Kwargs, params: &[&str], required: usize, span: Span) -> Option<Vec<Option<(Value, Span)>>> {
        let mut out: Vec<Option<(Value, Span)>> = vec![None; params.len()];
        if args.len() > params.len() {
            self.error(diag::bad_arguments(span, format!("`{fname}` takes at most {} positional arguments but {} were given", params.len(), args.len())));
            return None;
        }
        for (i, a) in args.into_iter().enumerate() {
            out[i] = Some(a);
        }
        let mut ok = true;
        for (k, v, kspan) in kw {
            match params.iter().position(|p| *p == k) {
                Some(i) if out[i].is_none() => out[i] = Some((v, kspan)),
                Some(_) => {
                    self.error(diag::bad_arguments(kspan, format!("`{fname}` got multiple values for argument `{k}`")));
                    ok = false;
                }
                None => {
                    self.error(diag::unsupported_keyword(kspan, fname, &k, params));
                    ok = false;
                }
            }
        }
        if ok {
            if let Some(missing) = out.iter().take(required).position(|o| o.is_none()) {
                self.error(diag::bad_arguments(span, format!("`{fname}` is missing the argument `{}`", params[missing])));
                ok = false;
            }
        }
        ok.then_some(out)
    }

    /// A compile-time float constant argument (`rtol=1e-5`).
    fn const_float(&mut self, v: Option<(Value, Span)>, default: f64, what: &str) -> Option<f64> {
        let Some((v, vspan)) = v else { return Some(default) };
        if let Value::Scalar(e) = &v {
            match &self.f.exprs[*e] {
                Expr::Const(Const::Float(x)) => return Some(*x),
                Expr::Const(Const::Int(i)) => return Some(*i as f64),
                _ => {}
            }
        }
        self.error(diag::type_error(vspan, format!("`{what}` must be a number literal"), "write the value as a literal"));
        None
    }

    pub(crate) fn const_int(&mut self, v: Option<(Value, Span)>, default: i64, what: &str) -> Option<i64> {
        let Some((v, vspan)) = v else { return Some(default) };
        if let Value::Scalar(e) = &v {
            match &self.f.exprs[*e] {
                Expr::Const(Const::Int(i)) => return Some(*i),
                Expr::Const(Const::Bool(b)) => return Some(*b as i64),
                Expr::Unary(UnaryOp::Neg, inner) => {
                    if let Expr::Const(Const::Int(i)) = &self.f.exprs[*inner] {
                        return Some(-*i);
                    }
                }
                _ => {}
            }
        }
        self.error(diag::type_error(vspan, format!("`{what}` must be an integer literal"), "write the value as a literal"));
        None
    }

    /// `np.<name>(...)` for the functions of [`UFUNC_NAMES`].
    pub(crate) fn call_ufunc(&mut self, name: &str, args: Args, kw: Kwargs, span: Span) -> Value {
        let fname = format!("np.{name}");
        let unary_math = |name: &str| -> Option<MathFn> {
            Some(match name {
                "tan" => MathFn::Tan,
                "arcsin" => MathFn::Arcsin,
                "arccos" => MathFn::Arccos,
                "arctan" => MathFn::Arctan,
                "sinh" => MathFn::Sinh,
                "cosh" => MathFn::Cosh,
                "log2" => MathFn::Log2,
                "log10" => MathFn::Log10,
                "log1p" => MathFn::Log1p,
                "expm1" => MathFn::Expm1,
                "exp2" => MathFn::Exp2,
                "rint" => MathFn::Rint,
                _ => return None,
            })
        };
        if let Some(f) = unary_math(name) {
            return self.float_unary(&fname, args, kw, span, |x, d| node(LNode::Math(f, x, d)));
        }
        let binary_op = |name: &str| -> Option<BinaryOp> {
            Some(match name {
                "power" => BinaryOp::Pow,
                "add" => BinaryOp::Add,
                "subtract" => BinaryOp::Sub,
                "multiply" => BinaryOp::Mul,
                "floor_divide" => BinaryOp::FloorDiv,
                "mod" | "remainder" => BinaryOp::Mod,
                _ => return None,
            })
        };
        if let Some(op) = binary_op(name) {
            let Some(p) = self.bind_params(&fname, args, kw, &["x1", "x2"], 2, span) else { return Value::Error };
            let mut it = p.into_iter().flatten();
            let (a, _) = it.next().expect("x1");
            let (b, _) = it.next().expect("x2");
            if op == BinaryOp::Pow && (self.value_dtype(&a).is_some_and(DType::is_complex) || self.value_dtype(&b).is_some_and(DType::is_complex)) {
                // Complex powers have their own lowering (`complex.rs`), as `**` does.
                return self.binary(crate::ast::BinOp::Pow, a, b, span);
            }
            return self.elementwise2(op, a, b, span);
        }
        if let Some(op) = operator_of(name) {
            let Some(p) = self.bind_params(&fname, args, kw, &["x1", "x2"], 2, span) else { return Value::Error };
            let mut it = p.into_iter().flatten();
            let (a, _) = it.next().expect("x1");
            let (b, _) = it.next().expect("x2");
            let r = match op {
                Ok(cmp) => self.compare(cmp, a, b, span),
                Err(bin) => self.binary(bin, a, b, span),
            };
            return self.numpy_scalar(r);
        }
        match name {
            "invert" | "bitwise_not" | "bitwise_invert" => {
                let Some(p) = self.bind_params(&fname, args, kw, &["x"], 1, span) else { return Value::Error };
                let (x, _) = p.into_iter().flatten().next().expect("x");
                let r = self.unary(crate::ast::UnaryOp::Invert, x, span);
                self.numpy_scalar(r)
            }
            "logical_xor" => {
                let Some(p) = self.bind_params(&fname, args, kw, &["x1", "x2"], 2, span) else { return Value::Error };
                let operands: Vec<_> = p.into_iter().flatten().collect();
                self.apply(&fname, operands, |_, n| {
                    let truth = |x: Rc<LNode>| {
                        let d = x.dtype();
                        if d == DType::Bool { x } else { node(LNode::Compare(CompareOp::Ne, x, konst(Const::Int(0), d))) }
                    };
                    node(LNode::Binary(BinaryOp::BitXor, truth(n[0].clone()), truth(n[1].clone()), DType::Bool))
                })
            }
            "true_divide" | "divide" => {
                let Some(p) = self.bind_params(&fname, args, kw, &["x1", "x2"], 2, span) else { return Value::Error };
                let mut it = p.into_iter().flatten();
                let (a, _) = it.next().expect("x1");
                let (b, _) = it.next().expect("x2");
                self.binary(crate::ast::BinOp::Div, a, b, span)
            }
            "arctan2" | "hypot" | "fmax" | "fmin" => {
                let Some(p) = self.bind_params(&fname, args, kw, &["x1", "x2"], 2, span) else { return Value::Error };
                let operands: Vec<_> = p.into_iter().flatten().collect();
                let d = self.operands_dtype(&operands);
                match name {
                    "fmax" | "fmin" => self.apply(&fname, operands, |_, n| {
                        // fmax ignores a NaN operand: where x is NaN take y, else max (which propagates y's NaN only if x is NaN too).
                        let (x, y) = (LNode::cast(n[0].clone(), d), LNode::cast(n[1].clone(), d));
                        let op = if name == "fmax" { BinaryOp::Max } else { BinaryOp::Min };
                        let m = node(LNode::Binary(op, x.clone(), y.clone(), d));
                        if !d.is_float() {
                            return m;
                        }
                        let x_nan = node(LNode::Math(MathFn::IsNan, x, DType::Bool));
                        let y_nan = node(LNode::Math(MathFn::IsNan, y.clone(), DType::Bool));
                        let x2 = n[0].clone();
                        let x2 = LNode::cast(x2, d);
                        node(LNode::Select(x_nan, y, node(LNode::Select(y_nan, x2, m, d)), d))
                    }),
                    _ => {
                        if self.refuse_float16(&fname, d, span) {
                            return Value::Error;
                        }
                        let d = float_of(d);
                        let op = if name == "arctan2" { BinaryOp::Atan2 } else { BinaryOp::Hypot };
                        self.apply(&fname, operands, |_, n| {
                            node(LNode::Binary(op, LNode::cast(n[0].clone(), d), LNode::cast(n[1].clone(), d), d))
                        })
                    }
                }
            }
            "fmod" | "copysign" | "nextafter" | "logaddexp" | "logaddexp2" => {
                let Some(p) = self.bind_params(&fname, args, kw, &["x1", "x2"], 2, span) else { return Value::Error };
                let operands: Vec<_> = p.into_iter().flatten().collect();
                if operands.iter().any(|(v, _)| matches!(v, Value::Error)) {
                    return Value::Error;
                }
                let d = self.operands_dtype(&operands);
                if d.is_complex() {
                    self.error(diag::unsupported_dtype(span, &format!("the operands of `{fname}`"), d.numpy_name(), "NumPy has no complex loop for it (UFuncTypeError)"));
                    return Value::Error;
                }
                if name == "fmod" {
                    // C's fmod; of integers NumPy's integer loop (booleans as int8).
                    let d = if d == DType::Bool { DType::I8 } else { d };
                    return self.apply(&fname, operands, |_, n| node(LNode::Binary(BinaryOp::Fmod, LNode::cast(n[0].clone(), d), LNode::cast(n[1].clone(), d), d)));
                }
                if self.refuse_float16(&fname, d, span) {
                    return Value::Error;
                }
                let d = float_of(d);
                self.apply(&fname, operands, |_, n| {
                    let (x, y) = (LNode::cast(n[0].clone(), d), LNode::cast(n[1].clone(), d));
                    match name {
                        "copysign" => node(LNode::Binary(BinaryOp::Copysign, x, y, d)),
                        "nextafter" => node(LNode::Binary(BinaryOp::Nextafter, x, y, d)),
                        _ => {
                            // NumPy's npy_logaddexp / npy_logaddexp2: equal operands (infinities
                            // of one sign) add log(2) (or 1), else the larger plus log1p of the
                            // exponential of minus the difference; NaN through the difference.
                            let two = name == "logaddexp2";
                            let (log2, log2e) = if d == DType::F32 {
                                (f64::from(std::f32::consts::LN_2), f64::from(std::f32::consts::LOG2_E))
                            } else {
                                (std::f64::consts::LN_2, std::f64::consts::LOG2_E)
                            };
                            let same = node(LNode::Compare(CompareOp::Eq, x.clone(), y.clone()));
                            let at_same = node(LNode::Binary(BinaryOp::Add, x.clone(), konst(Const::Float(if two { 1.0 } else { log2 }), d), d));
                            let tmp = node(LNode::Binary(BinaryOp::Sub, x.clone(), y.clone(), d));
                            let log1p_exp = |t: Rc<LNode>| {
                                let e = node(LNode::Math(if two { MathFn::Exp2 } else { MathFn::Exp }, t, d));
                                let l = node(LNode::Math(MathFn::Log1p, e, d));
                                if two { node(LNode::Binary(BinaryOp::Mul, konst(Const::Float(log2e), d), l, d)) } else { l }
                            };
                            let zero = konst(Const::Float(0.0), d);
                            let above = node(LNode::Binary(BinaryOp::Add, x, log1p_exp(node(LNode::Unary(UnaryOp::Neg, tmp.clone(), d))), d));
                            let below = node(LNode::Binary(BinaryOp::Add, y, log1p_exp(tmp.clone()), d));
                            let positive = node(LNode::Compare(CompareOp::Gt, tmp.clone(), zero.clone()));
                            let not_positive = node(LNode::Compare(CompareOp::Le, tmp.clone(), zero));
                            let rest = node(LNode::Select(not_positive, below, tmp, d));
                            let rest = node(LNode::Select(positive, above, rest, d));
                            node(LNode::Select(same, at_same, rest, d))
                        }
                    }
                })
            }
            "signbit" => {
                let Some(p) = self.bind_params(&fname, args, kw, &["x"], 1, span) else { return Value::Error };
                let operands: Vec<_> = p.into_iter().flatten().collect();
                if operands.iter().any(|(v, _)| matches!(v, Value::Error)) {
                    return Value::Error;
                }
                let d = self.operands_dtype(&operands);
                if d.is_complex() {
                    self.error(diag::unsupported_dtype(span, "the operand of `np.signbit`", d.numpy_name(), "NumPy has no complex loop for it (UFuncTypeError)"));
                    return Value::Error;
                }
                self.apply(&fname, operands, |_, n| {
                    let x = LNode::cast(n[0].clone(), d);
                    if d.is_float() {
                        // The sign bit itself (-0.0 and negative NaNs too).
                        let one = node(LNode::Binary(BinaryOp::Copysign, konst(Const::Float(1.0), d), x, d));
                        node(LNode::Compare(CompareOp::Lt, one, konst(Const::Float(0.0), d)))
                    } else if d == DType::Bool {
                        node(LNode::Compare(CompareOp::Ne, x.clone(), x))
                    } else {
                        node(LNode::Compare(CompareOp::Lt, x, konst(Const::Int(0), d)))
                    }
                })
            }
            "nan_to_num" => {
                // NaN, +inf and -inf replaced (by 0.0 and the dtype's largest finite
                // values unless given), in a new array; integers and booleans as they are.
                let Some(p) = self.bind_params(&fname, args, kw, &["x", "copy", "nan", "posinf", "neginf"], 1, span) else { return Value::Error };
                let mut it = p.into_iter();
                let (x, xspan) = it.next().flatten().expect("x");
                if let Some((c, cspan)) = it.next().flatten() {
                    let copies = matches!(&c, Value::Scalar(e) if matches!(self.f.exprs[*e], Expr::Const(Const::Bool(true))));
                    if !copies {
                        self.error(diag::unsupported_syntax(cspan, "`copy=` other than the constant True in np.nan_to_num", "assign the result: `a[...] = np.nan_to_num(a)`"));
                        return Value::Error;
                    }
                }
                let d = self.operands_dtype(&[(x.clone(), xspan)]);
                if d.is_complex() {
                    self.error(diag::unsupported_dtype(xspan, "the operands of `np.nan_to_num`", d.numpy_name(), "apply it to `.real` and `.imag` and join them"));
                    return Value::Error;
                }
                let largest = if d == DType::F32 { f64::from(f32::MAX) } else { f64::MAX };
                let mut operands = vec![(x, xspan)];
                for default in [0.0, largest, -largest] {
                    let v = match it.next().flatten() {
                        Some((Value::None, _)) | None => Value::Scalar(self.add(Expr::Const(Const::Float(default)), Type::py_float())),
                        Some(given) => given.0,
                    };
                    operands.push((v, span));
                }
                if !d.is_float() {
                    let x = operands.swap_remove(0).0;
                    return match x {
                        Value::Scalar(_) => x,
                        other => self.np("copy", vec![other], vec![], span),
                    };
                }
                let d = float_of(d);
                self.apply(&fname, operands, |_, n| {
                    let x = LNode::cast(n[0].clone(), d);
                    let (nan, posinf, neginf) = (LNode::cast(n[1].clone(), d), LNode::cast(n[2].clone(), d), LNode::cast(n[3].clone(), d));
                    let is_nan = node(LNode::Math(MathFn::IsNan, x.clone(), DType::Bool));
                    let is_pos = node(LNode::Compare(CompareOp::Eq, x.clone(), konst(Const::Float(f64::INFINITY), d)));
                    let is_neg = node(LNode::Compare(CompareOp::Eq, x.clone(), konst(Const::Float(f64::NEG_INFINITY), d)));
                    let finite = node(LNode::Select(is_neg, neginf, x, d));
                    let finite = node(LNode::Select(is_pos, posinf, finite, d));
                    node(LNode::Select(is_nan, nan, finite, d))
                })
            }
            "radians" | "deg2rad" | "degrees" | "rad2deg" => {
                // NumPy's loops: x * (pi / 180) and x * (180 / pi), in x's float dtype.
                let factor = if matches!(name, "radians" | "deg2rad") { std::f64::consts::PI / 180.0 } else { 180.0 / std::f64::consts::PI };
                self.float_unary(&fname, args, kw, span, |x, d| node(LNode::Binary(BinaryOp::Mul, x, konst(Const::Float(factor), d), d)))
            }
            "negative" | "positive" | "square" | "reciprocal" | "sign" | "isinf" | "isfinite" | "trunc" | "logical_not" => {
                let Some(p) = self.bind_params(&fname, args, kw, &["x"], 1, span) else { return Value::Error };
                let operands: Vec<_> = p.into_iter().flatten().collect();
                let d = self.operands_dtype(&operands);
                if d == DType::Bool && matches!(name, "negative" | "sign" | "square" | "reciprocal") {
                    self.error(diag::type_error(span, format!("`{fname}` of a boolean is not supported"), "convert with `.astype(int)` first"));
                    return Value::Error;
                }
                self.apply(&fname, operands, |_, n| {
                    let x = n[0].clone();
                    match name {
                        "negative" => node(LNode::Unary(UnaryOp::Neg, x, d)),
                        "positive" => node(LNode::Cast(d, x)),
                        "square" => node(LNode::Binary(BinaryOp::Mul, x.clone(), x, d)),
                        "reciprocal" if d.is_float() => node(LNode::Binary(BinaryOp::TrueDiv, konst(Const::Float(1.0), d), x, d)),
                        // Integer reciprocal: 1 / x truncated (NumPy's integer loop).
                        "reciprocal" => {
                            let one = konst(Const::Int(1), d);
                            let is_one = node(LNode::Compare(CompareOp::Eq, x.clone(), one.clone()));
                            let is_minus_one = node(LNode::Compare(CompareOp::Eq, x.clone(), konst(Const::Int(-1), d)));
                            // NumPy's integer 1 / 0 is the dtype's minimum (with a RuntimeWarning).
                            let is_zero = node(LNode::Compare(CompareOp::Eq, x.clone(), konst(Const::Int(0), d)));
                            let minimum = d.wrap_int(d.int_range().map_or(i128::from(i64::MIN), |(low, _)| low));
                            let zero_or = node(LNode::Select(is_zero, konst(Const::Int(minimum), d), konst(Const::Int(0), d), d));
                            let minus = node(LNode::Select(is_minus_one, konst(Const::Int(-1), d), zero_or, d));
                            node(LNode::Select(is_one, one, minus, d))
                        }
                        "sign" => {
                            let zero = konst(Const::Int(0), d);
                            let pos = node(LNode::Compare(CompareOp::Gt, x.clone(), zero.clone()));
                            let neg = node(LNode::Compare(CompareOp::Lt, x.clone(), zero.clone()));
                            // NaN stays NaN; both zeros give +0.
                            let rest = if d.is_float() {
                                let is_zero = node(LNode::Compare(CompareOp::Eq, x.clone(), zero.clone()));
                                node(LNode::Select(is_zero, zero, x, d))
                            } else {
                                zero
                            };
                            let neg_or_rest = node(LNode::Select(neg, konst(Const::Int(-1), d), rest, d));
                            node(LNode::Select(pos, konst(Const::Int(1), d), neg_or_rest, d))
                        }
                        "isinf" | "isfinite" if d.is_float() => {
                            let magnitude = node(LNode::Math(MathFn::Abs, x, d));
                            let inf = konst(Const::Float(f64::INFINITY), d);
                            let op = if name == "isinf" { CompareOp::Eq } else { CompareOp::Lt };
                            node(LNode::Compare(op, magnitude, inf))
                        }
                        // Integers are finite: `x != x` is false and `x == x` true, elementwise.
                        "isinf" => node(LNode::Compare(CompareOp::Ne, x.clone(), x)),
                        "isfinite" => node(LNode::Compare(CompareOp::Eq, x.clone(), x)),
                        "trunc" if d.is_float() => {
                            // Towards zero: floor for positives, ceil for negatives.
                            let neg = node(LNode::Compare(CompareOp::Lt, x.clone(), konst(Const::Float(0.0), d)));
                            let up = node(LNode::Math(MathFn::Ceil, x.clone(), d));
                            let down = node(LNode::Math(MathFn::Floor, x, d));
                            node(LNode::Select(neg, up, down, d))
                        }
                        "trunc" => x,
                        _ => {
                            // logical_not
                            let b = if d == DType::Bool { x } else { node(LNode::Compare(CompareOp::Ne, x, konst(Const::Int(0), d))) };
                            node(LNode::Unary(UnaryOp::Not, b, DType::Bool))
                        }
                    }
                })
            }
            "logical_and" | "logical_or" => {
                let Some(p) = self.bind_params(&fname, args, kw, &["x1", "x2"], 2, span) else { return Value::Error };
                let operands: Vec<_> = p.into_iter().flatten().collect();
                let op = if name == "logical_and" { BinaryOp::BitAnd } else { BinaryOp::BitOr };
                self.apply(&fname, operands, |_, n| {
                    let truth = |x: Rc<LNode>| {
                        let d = x.dtype();
                        if d == DType::Bool { x } else { node(LNode::Compare(CompareOp::Ne, x, konst(Const::Int(0), d))) }
                    };
                    node(LNode::Binary(op, truth(n[0].clone()), truth(n[1].clone()), DType::Bool))
                })
            }
            "clip" => {
                let Some(p) = self.bind_params(&fname, args, kw, &["a", "a_min", "a_max"], 3, span) else { return Value::Error };
                let operands: Vec<_> = p.into_iter().flatten().collect();
                let d = self.operands_dtype(&operands);
                self.apply(&fname, operands, |_, n| {
                    let x = LNode::cast(n[0].clone(), d);
                    let lo = LNode::cast(n[1].clone(), d);
                    let hi = LNode::cast(n[2].clone(), d);
                    node(LNode::Binary(BinaryOp::Min, node(LNode::Binary(BinaryOp::Max, x, lo, d)), hi, d))
                })
            }
            "round" | "around" => {
                let Some(p) = self.bind_params(&fname, args, kw, &["a", "decimals"], 1, span) else { return Value::Error };
                let mut it = p.into_iter();
                let a = it.next().flatten().expect("a");
                let Some(decimals) = self.const_int(it.next().flatten(), 0, "decimals") else { return Value::Error };
                self.numpy_round(&fname, a, decimals, span)
            }
            "isclose" | "allclose" => {
                let params = ["a", "b", "rtol", "atol", "equal_nan"];
                let Some(p) = self.bind_params(&fname, args, kw, &params, 2, span) else { return Value::Error };
                let mut it = p.into_iter();
                let a = it.next().flatten().expect("a");
                let b = it.next().flatten().expect("b");
                let Some(rtol) = self.const_float(it.next().flatten(), 1e-5, "rtol") else { return Value::Error };
                let Some(atol) = self.const_float(it.next().flatten(), 1e-8, "atol") else { return Value::Error };
                let Some(equal_nan) = self.const_int(it.next().flatten(), 0, "equal_nan") else { return Value::Error };
                let operands = vec![a, b];
                // NumPy computes in the result type of the operands and 1.0.
                let d = float_of(self.operands_dtype(&operands));
                // Magnitudes (of complex numbers too) in the float dtype of the parts.
                let rd = d.real_part();
                if d.is_complex() && equal_nan != 0 {
                    self.error(diag::unsupported_dtype(span, &format!("`{fname}` with `equal_nan=True` of values"), d.numpy_name(), "compare the `.real` and `.imag` parts"));
                    return Value::Error;
                }
                let close = self.apply(&fname, operands, |_, n| {
                    let x = LNode::cast(n[0].clone(), d);
                    let y = LNode::cast(n[1].clone(), d);
                    let diff = node(LNode::Math(MathFn::Abs, node(LNode::Binary(BinaryOp::Sub, x.clone(), y.clone(), d)), rd));
                    let bound = node(LNode::Binary(
                        BinaryOp::Add,
                        konst(Const::Float(atol), rd),
                        node(LNode::Binary(BinaryOp::Mul, konst(Const::Float(rtol), rd), node(LNode::Math(MathFn::Abs, y.clone(), rd)), rd)),
                        rd,
                    ));
                    let within = node(LNode::Compare(CompareOp::Le, diff, bound));
                    let y_finite = node(LNode::Compare(CompareOp::Lt, node(LNode::Math(MathFn::Abs, y.clone(), rd)), konst(Const::Float(f64::INFINITY), rd)));
                    let finite_close = node(LNode::Binary(BinaryOp::BitAnd, within, y_finite, DType::Bool));
                    let equal = node(LNode::Compare(CompareOp::Eq, x.clone(), y.clone()));
                    let mut r = node(LNode::Binary(BinaryOp::BitOr, finite_close, equal, DType::Bool));
                    if equal_nan != 0 {
                        let both_nan = node(LNode::Binary(
                            BinaryOp::BitAnd,
                            node(LNode::Math(MathFn::IsNan, x, DType::Bool)),
                            node(LNode::Math(MathFn::IsNan, y, DType::Bool)),
                            DType::Bool,
                        ));
                        r = node(LNode::Binary(BinaryOp::BitOr, r, both_nan, DType::Bool));
                    }
                    r
                });
                if name == "isclose" {
                    return close;
                }
                match close {
                    Value::Lazy(l) => {
                        let e = self.reduce_all(l.node, l.ndim, ReduceOp::All, DType::Bool, span);
                        Value::Scalar(e)
                    }
                    other => other,
                }
            }
            _ => {
                self.error(diag::unsupported_call(span, &fname, None));
                Value::Error
            }
        }
    }

    /// `np.<ufunc>(x..., out)` / `np.<ufunc>(x..., out=out)` (`out=(out,)` too): the result
    /// stored into the existing array `out`, which is the call's value (the same array, so
    /// aliases see the store). NumPy computes in the inputs' dtype and casts into `out` by
    /// the `same_kind` rule (a cast it refuses is a compile error with NumPy's message, as
    /// for `+=`); the inputs broadcast to `out`'s shape, never `out` to theirs (a mismatch
    /// known when compiling is a located error, else the store's ValueError when running).
    /// The store protects NumPy's evaluate-then-assign semantics where `out` overlaps an
    /// input (`np.add(a[:-1], 1, out=a[1:])`). `None` when the call has no output array.
    pub(crate) fn ufunc_with_out(&mut self, name: &str, args: &mut Args, kw: &mut Kwargs, span: Span) -> Option<Value> {
        let nin = ufunc_inputs(name)?;
        let keyword = kw.iter().position(|(k, _, _)| k == "out");
        if args.len() <= nin && keyword.is_none() {
            return None;
        }
        let fname = format!("np.{name}");
        if args.len() > nin + 1 {
            let range = if nin == 1 { "from 1 to 2".to_string() } else { format!("from {nin} to {}", nin + 1) };
            self.error(diag::bad_arguments(span, format!("`{fname}` takes {range} positional arguments but {} were given", args.len())));
            return Some(Value::Error);
        }
        let positional = if args.len() == nin + 1 { args.pop() } else { None };
        let (out, ospan) = match (positional, keyword) {
            (Some(_), Some(k)) => {
                self.error(diag::bad_arguments(kw[k].2, "cannot specify 'out' as both a positional and keyword argument"));
                return Some(Value::Error);
            }
            (Some(p), None) => p,
            (None, Some(k)) => {
                let (_, v, s) = kw.remove(k);
                (v, s)
            }
            (None, None) => unreachable!("checked above"),
        };
        let out = match out {
            // `out=None`: no output array.
            Value::None => return None,
            Value::Tuple(seq) if seq.items.len() == 1 && !seq.list => seq.items[0].clone(),
            // A list is not an array (NumPy's TypeError below).
            Value::Tuple(seq) if seq.list => Value::Tuple(seq),
            Value::Tuple(_) => {
                self.error(diag::bad_arguments(ospan, "The 'out' tuple must have exactly one entry per ufunc output"));
                return Some(Value::Error);
            }
            other => other,
        };
        let out = self.stabilize(out, ospan);
        let Value::Array(dst) = out else {
            if !matches!(out, Value::Error) {
                let what = self.describe_value(&out);
                self.error(diag::type_error(ospan, format!("the `out` of `{fname}` must be an array, found {what} (NumPy: return arrays must be of ArrayType)"), "pass an existing array, e.g. `out=a`"));
            }
            return Some(Value::Error);
        };
        let value = self.call_numpy_pub(name, std::mem::take(args), std::mem::take(kw), span);
        if matches!(value, Value::Error) {
            return Some(Value::Error);
        }
        let Type::Array { dtype, ndim } = self.expr_type(dst) else { return Some(Value::Error) };
        let Some(rd) = self.value_dtype(&value) else { return Some(Value::Error) };
        if !super::promote::same_kind(rd, dtype) {
            self.error(diag::type_error(
                ospan,
                format!("Cannot cast ufunc '{name}' output from dtype('{}') to dtype('{}') with casting rule 'same_kind'", rd.numpy_name(), dtype.numpy_name()),
                "NumPy raises UFuncTypeError here; pass an `out` array of the result's kind, or cast the result with `.astype`",
            ));
            return Some(Value::Error);
        }
        if !self.check_out_shape(&value, dst, ospan) {
            return Some(Value::Error);
        }
        self.store_into(dst, dtype, ndim, value, span);
        Some(Value::Array(dst))
    }

    /// `np.round(a, decimals)`: NumPy's algorithm, `rint(a * 10**d) / 10**d`
    /// (or `rint(a / 10**-d) * 10**-d` for negative `d`), in the dtype of `a`.
    pub(crate) fn numpy_round(&mut self, fname: &str, a: (Value, Span), decimals: i64, span: Span) -> Value {
        // NumPy converts `decimals` to a C int first.
        if i32::try_from(decimals).is_err() {
            let side = if decimals > 0 { "greater than maximum" } else { "less than minimum" };
            return self.raise_now("OverflowError", &format!("signed integer is {side}"), span);
        }
        let d = self.operands_dtype(std::slice::from_ref(&a));
        if d.is_complex() {
            // NumPy rounds the real and the imaginary parts separately, each as a float of
            // the parts' dtype; a Python complex becomes a `complex128` NumPy scalar. The
            // lazy tree is shared by the two parts, so it stays one expression of a kernel.
            let (v, vspan) = a;
            let re = self.complex_part_function("real", v.clone(), vspan);
            let im = self.complex_part_function("imag", v, vspan);
            let re = self.numpy_round(fname, (re, vspan), decimals, span);
            let im = self.numpy_round(fname, (im, vspan), decimals, span);
            return self.join_complex(re, im);
        }
        if !d.is_float() {
            // Booleans: NumPy's `rint` makes float16, a dtype legatec does not have, and a
            // positive `decimals` multiplies into a boolean output, which NumPy refuses.
            if d == DType::Bool && decimals == 0 {
                let what = format!("`{fname}` of booleans gives float16 in NumPy, a dtype legatec does not have");
                self.error(ir::Diagnostic::error("unsupported-dtype", span, what).with_hint("convert the booleans first, e.g. `a.astype(np.float64)`".to_string()));
                return Value::Error;
            }
            if d == DType::Bool && decimals > 0 {
                self.error(diag::type_error(span, format!("`{fname}` of booleans with positive `decimals` (NumPy: Cannot cast ufunc 'multiply' output from dtype('float64') to dtype('bool') with casting rule 'same_kind')"), "convert the booleans first, e.g. `a.astype(np.float64)`"));
                return Value::Error;
            }
            if decimals >= 0 {
                return self.apply(fname, vec![a], |_, n| n[0].clone());
            }
            if d == DType::Bool {
                // NumPy divides into a boolean output.
                self.error(diag::type_error(span, format!("`{fname}` of booleans with negative `decimals` (NumPy: Cannot cast ufunc 'divide' output from dtype('float64') to dtype('bool') with casting rule 'same_kind')"), "convert the booleans first, e.g. `a.astype(np.int64)`"));
                return Value::Error;
            }
            if decimals < -308 {
                // 10**-decimals is inf in a double: NumPy casts the NaN of 0 * inf.
                self.error(diag::unsupported_call(span, &format!("{fname} of integers with `decimals` below -308"), None).with_hint("the result is 0 from -20 down"));
                return Value::Error;
            }
            // NumPy's: computed in float64 (`rint(a / 10**-d) * 10**-d`, half to even) and
            // cast back to the integer dtype.
            return self.apply(fname, vec![a], |_, n| {
                let f = DType::F64;
                let x = LNode::cast(n[0].clone(), f);
                let factor = konst(Const::Float(10f64.powi(decimals.unsigned_abs() as i32)), f);
                let scaled = node(LNode::Binary(BinaryOp::TrueDiv, x, factor.clone(), f));
                let rounded = node(LNode::Binary(BinaryOp::Mul, node(LNode::Math(MathFn::Rint, scaled, f)), factor, f));
                node(LNode::Cast(d, rounded))
            });
        }
        self.apply(fname, vec![a], |_, n| {
            let x = n[0].clone();
            if decimals == 0 {
                return node(LNode::Math(MathFn::Rint, x, d));
            }
            let factor = konst(Const::Float(10f64.powi(decimals.unsigned_abs() as i32)), d);
            let (scale, unscale) = if decimals > 0 { (BinaryOp::Mul, BinaryOp::TrueDiv) } else { (BinaryOp::TrueDiv, BinaryOp::Mul) };
            let scaled = node(LNode::Binary(scale, x, factor.clone(), d));
            node(LNode::Binary(unscale, node(LNode::Math(MathFn::Rint, scaled, d)), factor, d))
        })
    }

    /// `math.<name>(x)` for the functions of [`MATH_UFUNC_NAMES`]: Python floats
    /// (bools for the predicates), with CPython's domain and range errors.
    pub(crate) fn call_math_ufunc(&mut self, name: &str, args: Args, kw: Kwargs, span: Span) -> Value {
        let fname = format!("math.{name}");
        if name == "isclose" {
            return self.math_isclose(args, kw, span);
        }
        let binary = matches!(name, "atan2" | "hypot");
        let params: &[&str] = if binary { &["y", "x"] } else { &["x"] };
        let Some(p) = self.bind_params(&fname, args, kw, params, params.len(), span) else { return Value::Error };
        let operands: Vec<(Value, Span)> = p.into_iter().flatten().collect();
        for (v, vspan) in &operands {
            if !matches!(v, Value::Scalar(_)) {
                let what = self.describe_value(v);
                self.error(diag::type_error(*vspan, format!("`{fname}` takes a number, found {what}"), "use the `np.` function for arrays"));
                return Value::Error;
            }
        }
        let d = DType::F64;
        let r = self.apply(&fname, operands, |_, n| {
            let x = LNode::cast(n[0].clone(), d);
            let f = match name {
                // CPython's: x * (pi / 180.0) and x * (180.0 / pi).
                "radians" => return node(LNode::Binary(BinaryOp::Mul, x, konst(Const::Float(std::f64::consts::PI / 180.0), d), d)),
                "degrees" => return node(LNode::Binary(BinaryOp::Mul, x, konst(Const::Float(180.0 / std::f64::consts::PI), d), d)),
                "tan" => MathFn::Tan,
                "asin" => MathFn::Arcsin,
                "acos" => MathFn::Arccos,
                "atan" => MathFn::Arctan,
                "sinh" => MathFn::Sinh,
                "cosh" => MathFn::Cosh,
                "log2" => MathFn::Log2,
                "log10" => MathFn::Log10,
                "log1p" => MathFn::Log1p,
                "expm1" => MathFn::Expm1,
                "erf" => MathFn::Erf,
                "erfc" => MathFn::Erfc,
                "gamma" => MathFn::Gamma,
                "lgamma" => MathFn::Lgamma,
                "atan2" | "hypot" => {
                    let op = if name == "atan2" { BinaryOp::Atan2 } else { BinaryOp::Hypot };
                    return node(LNode::Binary(op, x, LNode::cast(n[1].clone(), d), d));
                }
                "isnan" => return node(LNode::Math(MathFn::IsNan, x, DType::Bool)),
                "trunc" => {
                    let neg = node(LNode::Compare(CompareOp::Lt, x.clone(), konst(Const::Float(0.0), d)));
                    let t = node(LNode::Select(neg, node(LNode::Math(MathFn::Ceil, x.clone(), d)), node(LNode::Math(MathFn::Floor, x, d)), d));
                    return node(LNode::Cast(DType::I64, t));
                }
                _ => {
                    let magnitude = node(LNode::Math(MathFn::Abs, x, d));
                    let op = if name == "isinf" { CompareOp::Eq } else { CompareOp::Lt };
                    return node(LNode::Compare(op, magnitude, konst(Const::Float(f64::INFINITY), d)));
                }
            };
            node(LNode::Math(f, x, d))
        });
        // Python-level results: weak typing makes codegen apply CPython's math errors.
        if let Value::Scalar(e) = r {
            if let Some(Type::Scalar { dtype, .. }) = self.f.expr_types.get(e).cloned() {
                self.f.expr_types.insert(e, Type::Scalar { dtype, weak: true });
            }
        }
        r
    }

    /// `math.isclose(a, b, rel_tol=1e-09, abs_tol=0.0)` as CPython computes it: equal values
    /// are close, an infinity is close only to itself, otherwise
    /// `|a - b| <= max(rel_tol * max(|a|, |b|), abs_tol)`.
    fn math_isclose(&mut self, args: Args, kw: Kwargs, span: Span) -> Value {
        let fname = "math.isclose";
        let Some(p) = self.bind_params(fname, args, kw, &["a", "b", "rel_tol", "abs_tol"], 2, span) else { return Value::Error };
        let mut it = p.into_iter();
        let a = it.next().flatten().expect("a");
        let b = it.next().flatten().expect("b");
        let rel = it.next().flatten();
        let abs_tol = it.next().flatten();
        let rel_span = rel.as_ref().map_or(span, |(_, s)| *s);
        let abs_span = abs_tol.as_ref().map_or(span, |(_, s)| *s);
        let (Some(rel), Some(abs_tol)) = (self.const_float(rel, 1e-9, "rel_tol"), self.const_float(abs_tol, 0.0, "abs_tol")) else { return Value::Error };
        if rel < 0.0 || abs_tol < 0.0 {
            self.error(diag::bad_arguments(if rel < 0.0 { rel_span } else { abs_span }, "tolerances must be non-negative"));
            return Value::Error;
        }
        for (v, vspan) in [&a, &b] {
            if !matches!(v, Value::Scalar(_)) {
                let what = self.describe_value(v);
                self.error(diag::type_error(*vspan, format!("`{fname}` takes numbers, found {what}"), "use `np.isclose` for arrays"));
                return Value::Error;
            }
        }
        let d = DType::F64;
        self.apply(fname, vec![a, b], |_, n| {
            let (x, y) = (LNode::cast(n[0].clone(), d), LNode::cast(n[1].clone(), d));
            let inf = konst(Const::Float(f64::INFINITY), d);
            let equal = node(LNode::Compare(CompareOp::Eq, x.clone(), y.clone()));
            let ax = node(LNode::Math(MathFn::Abs, x.clone(), d));
            let ay = node(LNode::Math(MathFn::Abs, y.clone(), d));
            let finite = node(LNode::Binary(
                BinaryOp::BitAnd,
                node(LNode::Compare(CompareOp::Lt, ax.clone(), inf.clone())),
                node(LNode::Compare(CompareOp::Lt, ay.clone(), inf)),
                DType::Bool,
            ));
            let diff = node(LNode::Math(MathFn::Abs, node(LNode::Binary(BinaryOp::Sub, x, y, d)), d));
            let larger = node(LNode::Binary(BinaryOp::Max, ax, ay, d));
            let scaled = node(LNode::Binary(BinaryOp::Mul, konst(Const::Float(rel), d), larger, d));
            let tol = node(LNode::Binary(BinaryOp::Max, scaled, konst(Const::Float(abs_tol), d), d));
            let within = node(LNode::Compare(CompareOp::Le, diff, tol));
            let close = node(LNode::Binary(BinaryOp::BitAnd, finite, within, DType::Bool));
            node(LNode::Binary(BinaryOp::BitOr, equal, close, DType::Bool))
        })
    }

    /// Python's `round(x)` (an int, ties to even) and `round(x, n)`: correctly
    /// rounded for Python floats, NumPy's algorithm for NumPy scalars and arrays.
    pub(crate) fn python_round(&mut self, args: Args, kw: Kwargs, span: Span) -> Value {
        let Some(p) = self.bind_params("round", args, kw, &["number", "ndigits"], 1, span) else { return Value::Error };
        let mut it = p.into_iter();
        let (x, xspan) = it.next().flatten().expect("number");
        let ndigits = it.next().flatten();
        let Some(d) = self.value_dtype(&x) else {
            if !matches!(x, Value::Error) {
                let what = self.describe_value(&x);
                self.error(diag::type_error(xspan, format!("`round` takes a number, found {what}"), "pass a number"));
            }
            return Value::Error;
        };
        let weak = matches!(&x, Value::Scalar(e) if matches!(self.f.expr_type(*e), Type::Scalar { weak: true, .. }));
        let Value::Scalar(e) = x else {
            // NumPy 2's arrays (0-d ones too) have no `__round__`: `np.round(a)` rounds them.
            return self.raise_now("TypeError", "type numpy.ndarray doesn't define __round__ method", span);
        };
        if d.is_complex() {
            // Neither Python's complex nor NumPy's complex scalars have `__round__`.
            let name = if weak { "complex".to_string() } else { format!("numpy.{}", d.numpy_name()) };
            return self.raise_now("TypeError", &format!("type {name} doesn't define __round__ method"), span);
        }
        if d == DType::Bool && !weak {
            // `numpy.bool` has no `__round__` (Python's bool rounds as an int).
            let message = "type numpy.bool doesn't define __round__ method".to_string();
            self.emit(StmtKind::Raise { kind: "TypeError".into(), message }, span);
            return Value::Scalar(self.add(Expr::Cast(DType::I64, e), Type::py_int()));
        }
        match ndigits {
            None if !d.is_float() => Value::Scalar(self.add(Expr::Cast(DType::I64, e), Type::py_int())),
            None => {
                // To the nearest int, ties to even; int() of a weak float raises on NaN and infinities.
                let r = self.add(Expr::Math(MathFn::Rint, vec![e]), Type::Scalar { dtype: d, weak: true });
                Value::Scalar(self.add(Expr::Cast(DType::I64, r), Type::py_int()))
            }
            Some((n, nspan)) => {
                if !d.is_float() {
                    let Some(n) = self.const_int(Some((n, nspan)), 0, "ndigits") else { return Value::Error };
                    if !weak && i32::try_from(n).is_err() {
                        // NumPy converts `ndigits` to a C int first.
                        let side = if n > 0 { "greater than maximum" } else { "less than minimum" };
                        return self.raise_now("OverflowError", &format!("signed integer is {side}"), span);
                    }
                    if n < 0 {
                        self.error(diag::unsupported_call(span, "round of an integer to negative digits", None).with_hint("round a float instead"));
                        return Value::Error;
                    }
                    if d == DType::Bool {
                        // `round(True, 2)` is the int 1.
                        return Value::Scalar(self.add(Expr::Cast(DType::I64, e), Type::py_int()));
                    }
                    return Value::Scalar(e);
                }
                if !weak {
                    let Some(n) = self.const_int(Some((n, nspan)), 0, "ndigits") else { return Value::Error };
                    return self.numpy_round("round", (Value::Scalar(e), xspan), n, span);
                }
                let Some(n) = self.int_value(n, nspan) else { return Value::Error };
                let x = self.cast_scalar(e, DType::F64);
                let r = self.runtime_call(EntryPoint::PyRound, vec![x, n], Some(Type::py_float()), span).expect("result");
                Value::Scalar(r)
            }
        }
    }
}

impl FnCx<'_, '_> {
    /// A ufunc's result on Python scalars is a NumPy scalar (`np.less(1, 2)` is `np.True_`).
    fn numpy_scalar(&mut self, r: Value) -> Value {
        match r {
            Value::Scalar(e) => match self.expr_type(e) {
                Type::Scalar { dtype, weak: true } => Value::Scalar(self.add(Expr::Cast(dtype, e), Type::scalar(dtype))),
                _ => Value::Scalar(e),
            },
            other => other,
        }
    }
}

/// What `np.<ufunc>.<method>` is made of: the reduction (`np.add.reduce` is `np.sum` along
/// axis 0 by default), the scan (`np.add.accumulate` is `np.cumsum`), or the elementwise
/// function itself for `outer`. `None` where legatec has no such method.
pub(crate) fn ufunc_method_of(path: &str, method: &str) -> Option<&'static str> {
    let ufunc = path.strip_prefix("numpy.")?;
    match (ufunc, method) {
        ("add", "reduce") => Some("sum"),
        ("multiply", "reduce") => Some("prod"),
        ("maximum", "reduce") => Some("max"),
        ("minimum", "reduce") => Some("min"),
        ("logical_and", "reduce") => Some("all"),
        ("logical_or", "reduce") => Some("any"),
        ("bitwise_and", "reduce") => Some("bitwise_and"),
        ("bitwise_or", "reduce") => Some("bitwise_or"),
        ("bitwise_xor", "reduce") => Some("bitwise_xor"),
        ("add", "reduceat") => Some("sum"),
        ("add" | "subtract" | "multiply" | "maximum" | "minimum", "at") => Some("at"),
        ("multiply", "reduceat") => Some("prod"),
        ("maximum", "reduceat") => Some("max"),
        ("minimum", "reduceat") => Some("min"),
        ("add", "accumulate") => Some("cumsum"),
        ("multiply", "accumulate") => Some("cumprod"),
        ("maximum", "accumulate") => Some("cummax"),
        ("minimum", "accumulate") => Some("cummin"),
        (
            "add" | "subtract" | "multiply" | "divide" | "true_divide" | "power" | "maximum" | "minimum" | "logical_and" | "logical_or"
            | "less" | "less_equal" | "greater" | "greater_equal" | "equal" | "not_equal" | "bitwise_and" | "bitwise_or"
            | "bitwise_xor" | "logical_xor",
            "outer",
        ) => {
            Some("outer")
        }
        _ => None,
    }
}

impl FnCx<'_, '_> {
    /// `np.add.reduce(a, axis=0)`, `np.multiply.accumulate(a)`, `np.subtract.outer(a, b)`...
    pub(crate) fn call_ufunc_method(&mut self, path: &str, method: &str, mut args: Args, kw: Kwargs, span: Span) -> Value {
        let fname = format!("np.{}.{method}", path.trim_start_matches("numpy."));
        let Some(base) = ufunc_method_of(path, method) else {
            self.error(diag::unsupported_call(span, &fname, None));
            return Value::Error;
        };
        match method {
            "reduce" | "accumulate" => {
                if args.is_empty() {
                    self.error(diag::bad_arguments(span, format!("`{fname}` needs an array")));
                    return Value::Error;
                }
                let (array, aspan) = args.remove(0);
                // NumPy's ufunc methods reduce (scan) along axis 0 unless told otherwise.
                let mut kw = kw;
                if args.is_empty() && !kw.iter().any(|(k, _, _)| k == "axis") {
                    kw.push(("axis".to_string(), Value::Scalar(self.const_i64(0)), span));
                }
                let ndim = self.as_node(&array).map_or(0, |(_, n)| n);
                if ndim == 0 {
                    self.error(diag::shape_error(aspan, format!("`{fname}` of a 0-d value: NumPy cannot reduce zero-dimensional arrays")));
                    return Value::Error;
                }
                let axis_none = args.first().map(|a| &a.0).or_else(|| kw.iter().find(|(k, _, _)| k == "axis").map(|(_, v, _)| v));
                if method == "accumulate" && matches!(axis_none, Some(Value::None)) {
                    return self.raise_now("ValueError", "accumulate does not allow multiple axes", span);
                }
                if method == "reduce" {
                    self.reduction(array, base, args, kw, span)
                } else if base == "cummax" || base == "cummin" {
                    self.running_extreme(array, aspan, base == "cummax", args, kw, &fname, span)
                } else {
                    let mut all = vec![(array, aspan)];
                    all.extend(args);
                    self.call_builtin(&format!("numpy.{base}"), all, kw, span)
                }
            }
            "reduceat" => self.reduceat(&fname, base, args, kw, span),
            "at" => self.ufunc_at(path, &fname, args, kw, span),
            _ => {
                // outer: a[..., None, None...] op b, a result of shape a.shape + b.shape.
                let Some(p) = self.bind_params(&fname, args, kw, &["a", "b"], 2, span) else { return Value::Error };
                let mut it = p.into_iter().flatten();
                let (a, aspan) = it.next().expect("a");
                let (b, bspan) = it.next().expect("b");
                let (Some(a), Some(b)) = (self.array_arg(a, aspan, &fname), self.array_arg(b, bspan, &fname)) else { return Value::Error };
                let (Type::Array { ndim: an, .. }, Type::Array { ndim: bn, .. }) = (self.expr_type(a), self.expr_type(b)) else { return Value::Error };
                let mut index = vec![IndexItem::Slice { start: None, stop: None, step: None }; an];
                index.extend(std::iter::repeat_n(IndexItem::NewAxis, bn));
                let wide = self.basic_view(a, index, span);
                self.call_builtin(path, vec![(Value::Array(wide), aspan), (Value::Array(b), bspan)], vec![], span)
            }
        }
    }

    /// `np.add.reduceat(a, indices, axis=0)` (and `multiply`, `maximum`, `minimum`, whose
    /// reduction `base` names): segment reductions along an axis, by the runtime, in the
    /// dtype of the matching reduction (`np.sum`'s for `add`).
    fn reduceat(&mut self, fname: &str, base: &str, args: Args, kw: Kwargs, span: Span) -> Value {
        let Some(p) = self.bind_params(fname, args, kw, &["array", "indices", "axis"], 2, span) else { return Value::Error };
        let mut it = p.into_iter();
        let (a, aspan) = it.next().flatten().expect("array");
        let (ix, ispan) = it.next().flatten().expect("indices");
        let axis = it.next().flatten();
        let Some(a) = self.array_or_scalar(a, aspan, fname) else { return Value::Error };
        let Type::Array { dtype, ndim } = self.expr_type(a) else { return Value::Error };
        if ndim == 0 {
            self.error(diag::shape_error(aspan, format!("`{fname}` of a 0-d value: NumPy cannot reduce zero-dimensional arrays")));
            return Value::Error;
        }
        if dtype.is_complex() {
            self.error(diag::unsupported_dtype(aspan, &format!("the operands of `{fname}`"), dtype.numpy_name(), "reduce the `.real` and `.imag` parts"));
            return Value::Error;
        }
        let axis = match axis {
            None => Ok(Some(0)),
            some => self.axis_arg(some, ndim),
        };
        let axis = match axis {
            Ok(Some(x)) => x,
            Ok(None) => {
                self.error(diag::type_error(span, format!("`{fname}` reduces along one axis"), "pass an integer `axis`"));
                return Value::Error;
            }
            Err(()) => return Value::Error,
        };
        let Some(ix) = self.array_or_scalar(ix, ispan, fname) else { return Value::Error };
        match self.expr_type(ix) {
            Type::Array { dtype: d, ndim: 1 } if d.is_int() => {}
            _ => {
                self.error(diag::type_error(ispan, format!("`{fname}`'s indices must be a 1-D array of integers"), "pass a list or an integer array"));
                return Value::Error;
            }
        }
        let ix = self.array_as(ix, DType::I64, span);
        let (out, op) = match base {
            "sum" => (dtype.sum_dtype(), runtime_abi::REDUCE_SUM),
            "prod" => (dtype.sum_dtype(), runtime_abi::REDUCE_PROD),
            "max" => (dtype, runtime_abi::REDUCE_MAX),
            _ => (dtype, runtime_abi::REDUCE_MIN),
        };
        let a = self.array_as(a, out, span);
        let axis = self.const_i64(axis as i64);
        let op = self.const_i64(op);
        let code = self.const_i64(out.code());
        self.runtime_array(ir::EntryPoint::Reduceat, vec![a, ix, axis, op, code], Type::array(out, ndim), span)
    }

    /// `np.<ufunc>.at(a, indices, b)` for add, subtract, multiply, maximum and minimum:
    /// unbuffered in-place updates, one position at a time in order (`lt_ufunc_at`), so
    /// repeated positions accumulate as in NumPy. `indices` is one index array (or list, or
    /// integer) for axis 0, or a tuple of them for the leading axes, broadcast together;
    /// `b` broadcasts to the selection's shape. Float arrays compute in float64 and round
    /// once to their dtype; integer arrays wrap.
    fn ufunc_at(&mut self, path: &str, fname: &str, args: Args, kw: Kwargs, span: Span) -> Value {
        use runtime_abi::{AT_ADD, AT_MAXIMUM, AT_MINIMUM, AT_MULTIPLY, AT_SUBTRACT};
        let ufunc = path.trim_start_matches("numpy.");
        let op = match ufunc {
            "add" => AT_ADD,
            "subtract" => AT_SUBTRACT,
            "multiply" => AT_MULTIPLY,
            "maximum" => AT_MAXIMUM,
            _ => AT_MINIMUM,
        };
        let Some(p) = self.bind_params(fname, args, kw, &["a", "indices", "b"], 2, span) else { return Value::Error };
        let mut it = p.into_iter();
        let (a, aspan) = it.next().flatten().expect("a");
        let (ix, ispan) = it.next().flatten().expect("indices");
        let Some((b, bspan)) = it.next().flatten() else {
            self.error(diag::bad_arguments(span, format!("second operand needed for ufunc (`{fname}` takes the values to combine)")));
            return Value::Error;
        };
        let Some(a) = self.array_arg(a, aspan, fname) else { return Value::Error };
        let Type::Array { dtype, ndim } = self.expr_type(a) else { return Value::Error };
        let float = dtype.is_float();
        if !(float || (dtype.is_int() && dtype != DType::Bool)) {
            self.error(diag::unsupported_call(aspan, &format!("{fname} of a {} array", dtype.numpy_name()), None).with_hint("legatec's ufunc.at updates float and integer arrays"));
            return Value::Error;
        }
        // The index arrays, one per leading axis.
        let items: Vec<Value> = match ix {
            Value::Tuple(seq) if !seq.list => seq.items.clone(),
            other => vec![other],
        };
        if items.is_empty() || items.len() > ndim {
            self.error(diag::shape_error(ispan, format!("`{fname}` takes one index array per leading axis of the {ndim}-D array, found {}", items.len())));
            return Value::Error;
        }
        let k = items.len();
        let mut arrays = Vec::with_capacity(k);
        for item in items {
            let Some(i) = self.array_or_scalar(item, ispan, fname) else { return Value::Error };
            let Type::Array { dtype: idt, .. } = self.expr_type(i) else { return Value::Error };
            if !idt.is_int() || idt == DType::Bool {
                self.error(diag::type_error(ispan, format!("`{fname}`'s indices must be integers, found {}", idt.numpy_name()), "pass integer positions"));
                return Value::Error;
            }
            arrays.push(self.array_as(i, DType::I64, ispan));
        }
        // The index arrays' common shape: that of their sum (only its shape is used).
        let mut common = Value::Array(arrays[0]);
        for &i in &arrays[1..] {
            common = self.binary(crate::ast::BinOp::Add, common, Value::Array(i), span);
        }
        let Value::Array(common) = self.stabilize(common, span) else { return Value::Error };
        let Type::Array { ndim: cn, .. } = self.expr_type(common) else { return Value::Error };
        let mut shape: Vec<Value> = (0..cn).map(|d| Value::Scalar(self.add(Expr::Dim(common, d), Type::py_int()))).collect();
        let mut flat = Vec::with_capacity(k);
        for &i in &arrays {
            let full = self.call_builtin("numpy.broadcast_to", vec![(Value::Array(i), span), (Value::Tuple(shape.clone().into()), span)], vec![], span);
            let Some(full) = self.array_arg(full, span, fname) else { return Value::Error };
            flat.push(Value::Array(self.flat(full, span)));
        }
        let index = self.call_builtin("numpy.stack", vec![(Value::Tuple(flat.into()), span)], vec![], span);
        let Some(index) = self.array_arg(index, span, fname) else { return Value::Error };
        // The values: in float64 for a float array, else in its dtype (NumPy's same-kind cast).
        let Some(bd) = self.value_dtype(&b) else {
            let what = self.describe_value(&b);
            self.error(diag::type_error(bspan, format!("`{fname}` combines numbers, found {what}"), "pass numbers or an array"));
            return Value::Error;
        };
        let b_weak = matches!(&b, Value::Scalar(e) if matches!(self.expr_type(*e), Type::Scalar { weak: true, .. }));
        let result = super::promote::result_dtype((dtype, false), (bd, b_weak));
        if result.is_complex() || (!float && result.is_float()) {
            self.error(diag::type_error(
                bspan,
                format!("Cannot cast ufunc '{ufunc}' output from dtype('{}') to dtype('{}') with casting rule 'same_kind'", result.numpy_name(), dtype.numpy_name()),
                "pass values of the array's kind",
            ));
            return Value::Error;
        }
        if !float && result != dtype && matches!(op, AT_MAXIMUM | AT_MINIMUM) {
            self.error(diag::unsupported_call(bspan, &format!("{fname} of {} values into an array of {}", result.numpy_name(), dtype.numpy_name()), None).with_hint("cast the values to the array's dtype"));
            return Value::Error;
        }
        let compute = if float { DType::F64 } else { dtype };
        let Some(b) = self.array_or_scalar(b, bspan, fname) else { return Value::Error };
        let b = self.array_as(b, compute, bspan);
        for d in k..ndim {
            shape.push(Value::Scalar(self.add(Expr::Dim(a, d), Type::py_int())));
        }
        let values = self.call_builtin("numpy.broadcast_to", vec![(Value::Array(b), bspan), (Value::Tuple(shape.into()), span)], vec![], span);
        let Some(values) = self.array_arg(values, bspan, fname) else { return Value::Error };
        let values = self.flat(values, span);
        let op = self.const_i64(op);
        self.runtime_call(EntryPoint::UfuncAt, vec![op, a, index, values], None, span);
        Value::None
    }

    /// `np.maximum.accumulate(a, axis=0)` / `np.minimum.accumulate`: running maxima or
    /// minima along an axis (`axis=None`: of the flattened array), in `a`'s dtype.
    #[allow(clippy::too_many_arguments)]
    fn running_extreme(&mut self, array: Value, aspan: Span, max: bool, args: Args, kw: Kwargs, fname: &str, span: Span) -> Value {
        let Some(kw) = self.keywords(fname, kw, &["axis"]) else { return Value::Error };
        let axis_given = args.into_iter().next().or_else(|| Self::kwarg(&kw, "axis"));
        let Some(a) = self.array_arg(array, aspan, fname) else { return Value::Error };
        let Type::Array { dtype, ndim } = self.expr_type(a) else { return Value::Error };
        let Ok(axis) = self.axis_arg(axis_given, ndim) else { return Value::Error };
        let rank = if axis.is_some() { ndim } else { 1 };
        let axis_code = self.const_i64(axis.map_or(runtime_abi::AXIS_FLATTENED, |x| x as i64));
        let which = self.const_i64(i64::from(max));
        match self.runtime_call(ir::EntryPoint::Cumextreme, vec![a, axis_code, which], Some(Type::array(dtype, rank)), span) {
            Some(e) => Value::Array(e),
            None => Value::Error,
        }
    }
}
