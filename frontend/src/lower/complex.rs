//! Complex numbers (`complex64`, `complex128`, Python's `complex`): arithmetic (`+ - * /`
//! and integer powers, as NumPy's loops and CPython compute them), the functions that take
//! them (`abs`, `np.exp`, `np.log`, `np.sqrt`, `np.conj`, `np.real`, `np.imag`,
//! `np.angle`, `sum`, `mean`), and the gate that refuses every other use of a complex
//! operand with a located error, so that no operation meant for real numbers sees one.
//!
//! The runtime exchanges one word per scalar, so complex values cross it in parts: a
//! kernel's complex scalar is two float parameters joined in the kernel
//! (`BinaryOp::Complex`, see `FnCx::as_node`), and a sum or mean is the sum or mean of the
//! real parts and of the imaginary parts, joined after.

use std::rc::Rc;

use ir::{BinaryOp, Const, DType, Expr, ExprId, IndexItem, MathFn, Span, Type};

use super::lnode::{LNode, Lazy};
use super::{FnCx, Value};
use crate::ast;
use crate::diagnostics as diag;

type Args = Vec<(Value, Span)>;
type Kwargs = Vec<(String, Value, Span)>;

/// The builtins and `numpy.` functions that take complex operands.
const FUNCTIONS: &[&str] = &[
    "print", "isinstance", "abs", "complex", "len", "str", "bool", "numpy.abs", "numpy.absolute", "numpy.exp", "numpy.log", "numpy.sqrt", "numpy.conj",
    "numpy.conjugate", "numpy.real", "numpy.imag", "numpy.angle", "numpy.sum", "numpy.mean", "numpy.cumsum", "numpy.vdot", "numpy.zeros_like", "numpy.ones_like",
    "numpy.empty_like", "numpy.full", "numpy.full_like", "numpy.copy", "numpy.add", "numpy.subtract", "numpy.multiply",
    "numpy.divide", "numpy.true_divide", "numpy.negative", "numpy.positive", "numpy.square", "numpy.where", "numpy.reshape",
    "numpy.transpose", "numpy.ravel", "numpy.array", "numpy.asarray", "numpy.save", "numpy.load", "numpy.dot", "numpy.matmul", "numpy.isclose", "numpy.allclose", "numpy.outer",
    "numpy.concatenate", "numpy.stack", "numpy.vstack", "numpy.hstack", "numpy.flip", "numpy.fliplr", "numpy.flipud", "numpy.roll",
    "numpy.squeeze", "numpy.expand_dims", "numpy.swapaxes", "numpy.moveaxis", "numpy.tile", "numpy.repeat", "numpy.broadcast_to",
    "numpy.fft.fft", "numpy.fft.ifft", "numpy.fft.irfft", "numpy.fft.fft2", "numpy.fft.ifft2", "numpy.fft.fftn", "numpy.fft.ifftn", "numpy.fft.irfft2", "numpy.fft.irfftn",
    "numpy.equal", "numpy.not_equal", "numpy.einsum", "numpy.tensordot",
    "numpy.kron", "numpy.inner", "numpy.block", "numpy.array_equal",
    "numpy.linalg.norm", "numpy.linalg.solve", "numpy.linalg.inv", "numpy.diag", "numpy.trace", "numpy.tril",
    "numpy.triu", "numpy.diff", "numpy.power", "numpy.linalg.det", "numpy.linalg.slogdet", "numpy.round",
    "numpy.around", "round", "numpy.isfinite", "numpy.isnan", "numpy.isinf",
];

/// The array methods that take complex arrays (or complex arguments).
const METHODS: &[&str] = &["trace", "sum", "mean", "cumsum", "conj", "conjugate", "copy", "astype", "reshape", "transpose", "flatten", "ravel", "fill", "dot", "squeeze", "swapaxes", "round"];

/// What the refusal's hint lists.
const SUPPORTED: &str = "complex numbers support `+`, `-`, `*`, `/`, `**` (a Python complex only to an integer constant), `==`, `!=`, `abs`, `np.exp`, `np.log`, `np.sqrt`, `np.conj`, `np.real`, `np.imag`, `np.angle`, `np.round`, `.real`, `.imag`, `sum`, `mean`, products (`@`, `np.einsum`...) and `np.fft`";

impl FnCx<'_, '_> {
    fn is_complex_value(&self, v: &Value) -> bool {
        match v {
            Value::Tuple(items) => items.iter().any(|i| self.is_complex_value(i)),
            other => self.value_dtype(other).is_some_and(DType::is_complex),
        }
    }

    /// Whether a call may take its complex operands; reports the refusal where not.
    pub(super) fn complex_call_allowed(&mut self, callee: &Value, argv: &Args, kw: &Kwargs, span: Span) -> bool {
        let args_complex = argv.iter().any(|(v, _)| self.is_complex_value(v)) || kw.iter().any(|(_, v, _)| self.is_complex_value(v));
        let (name, allowed) = match callee {
            Value::Builtin(path) => (path.replacen("numpy.", "np.", 1), !args_complex || FUNCTIONS.contains(&path.as_str())),
            Value::Method(recv, method) => {
                let recv_complex = self.is_complex_value(recv);
                if !(recv_complex || args_complex) {
                    return true;
                }
                let array_method = matches!(**recv, Value::Array(_) | Value::Lazy(_) | Value::Scalar(_));
                // `z.astype(float)` would drop the imaginary parts (NumPy warns and does).
                let to_real = method == "astype" && recv_complex && argv.first().is_some_and(|(d, _)| self.dtype_value(d).is_some_and(|d| !d.is_complex()));
                (format!(".{method}()"), array_method && METHODS.contains(&method.as_str()) && !to_real)
            }
            // `np.complex128(x)`; a real dtype of a complex number is CPython's TypeError.
            Value::DType(d) => (format!("np.{}", d.numpy_name()), !args_complex || d.is_complex()),
            _ => return true,
        };
        if !allowed {
            let dtype = argv.iter().map(|(v, _)| v).chain(kw.iter().map(|(_, v, _)| v)).chain(match callee {
                Value::Method(recv, _) => Some(&**recv),
                _ => None,
            });
            let dtype = dtype.filter_map(|v| self.value_dtype(v)).find(|d| d.is_complex()).unwrap_or(DType::C128);
            self.error(diag::unsupported_dtype(span, &format!("the operands of `{name}`"), dtype.numpy_name(), SUPPORTED));
        }
        allowed
    }

    /// A linear function of one complex array (`np.diag`, `np.trace`, `np.tril`, `np.triu`,
    /// `np.diff`, `.trace()`): the function of the real parts and of the imaginary parts,
    /// joined. `None` for any other call.
    pub(super) fn complex_by_parts(&mut self, callee: &Value, argv: &Args, kw: &Kwargs, span: Span) -> Option<Value> {
        const LINEAR: &[&str] = &["numpy.diag", "numpy.trace", "numpy.tril", "numpy.triu", "numpy.diff"];
        let rest_real = argv.iter().skip(1).all(|(v, _)| !self.is_complex_value(v)) && kw.iter().all(|(_, v, _)| !self.is_complex_value(v));
        // NumPy's tests of complex numbers: finite where both parts are, NaN or infinite
        // where either part is.
        if let Value::Builtin(path) = callee {
            if let ("numpy.isfinite" | "numpy.isnan" | "numpy.isinf", [(z, _)], []) = (path.as_str(), argv.as_slice(), kw.as_slice()) {
                if self.is_complex_value(z) {
                    let z = self.stabilize(z.clone(), span);
                    let short = &path["numpy.".len()..];
                    let re = self.complex_part_function("real", z.clone(), span);
                    let re = self.call_numpy_pub(short, vec![(re, span)], vec![], span);
                    let im = self.complex_part_function("imag", z, span);
                    let im = self.call_numpy_pub(short, vec![(im, span)], vec![], span);
                    let join = if short == "isfinite" { "logical_and" } else { "logical_or" };
                    return Some(self.call_numpy_pub(join, vec![(re, span), (im, span)], vec![], span));
                }
            }
        }
        let (recv, first, args): (Option<Value>, Value, Args) = match callee {
            Value::Builtin(path) if LINEAR.contains(&path.as_str()) => {
                let (first, _) = argv.first()?.clone();
                (None, first, argv[1..].to_vec())
            }
            Value::Method(recv, method) if method == "trace" && !argv.iter().any(|(v, _)| self.is_complex_value(v)) => (Some((**recv).clone()), (**recv).clone(), argv.clone()),
            _ => return None,
        };
        if !self.is_complex_value(&first) || !rest_real {
            return None;
        }
        let first = self.stabilize(first, span);
        let part = |fx: &mut Self, which: &str| {
            let p = fx.complex_part_function(which, first.clone(), span);
            match (&recv, callee) {
                (Some(_), Value::Method(_, method)) => fx.call_method(p, method, args.clone(), kw.clone(), span),
                _ => {
                    let mut all = vec![(p, span)];
                    all.extend(args.clone());
                    fx.call_value_pub(callee.clone(), all, kw.clone(), span)
                }
            }
        };
        let re = part(self, "real");
        let im = part(self, "imag");
        Some(match self.join_complex(re, im) {
            Value::Lazy(l) => Value::Array(self.materialize(l, span)),
            other => other,
        })
    }

    /// The dtype a dtype argument names (`np.float32`, `float`, `"complex64"`).
    pub(crate) fn dtype_value(&self, v: &Value) -> Option<DType> {
        match v {
            Value::DType(d) => Some(*d),
            Value::Builtin(b) => match b.as_str() {
                "float" => Some(DType::F64),
                "int" => Some(DType::I64),
                "bool" => Some(DType::Bool),
                "complex" => Some(DType::C128),
                _ => None,
            },
            Value::Str(e) => match &self.f.exprs[*e] {
                Expr::Const(Const::Str(s)) => super::numpy::dtype_named(s),
                _ => None,
            },
            _ => None,
        }
    }

    /// `l op r` where the operands promote to the complex dtype `operand`.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn complex_binary(&mut self, op: ast::BinOp, operand: DType, both_weak: bool, is_array: bool, l: Value, r: Value, span: Span) -> Value {
        use ast::BinOp as B;
        let iop = match op {
            B::Add => BinaryOp::Add,
            B::Sub => BinaryOp::Sub,
            B::Mul => BinaryOp::Mul,
            B::Div => BinaryOp::TrueDiv,
            B::Pow => return self.complex_power(operand, both_weak, is_array, l, r, span),
            other => {
                self.error(diag::unsupported_dtype(span, &format!("the operands of `{}`", other.symbol()), operand.numpy_name(), SUPPORTED));
                return Value::Error;
            }
        };
        self.binary_op(iop, operand, both_weak, is_array, l, r)
    }

    /// `z ** k` for an integer constant `|k| < 100`: NumPy's and CPython's repeated
    /// squaring (`1 / z ** -k` for a negative `k`; `z ** 0` is 1).
    fn complex_power(&mut self, operand: DType, weak: bool, is_array: bool, base: Value, exponent: Value, span: Span) -> Value {
        let k = match &exponent {
            Value::Scalar(e) => match &self.f.exprs[*e] {
                Expr::Const(Const::Int(k)) => Some(*k),
                Expr::Const(Const::Float(x)) if x.fract() == 0.0 && x.abs() < 100.0 => Some(*x as i64),
                _ => None,
            },
            _ => None,
        };
        let Some(k) = k.filter(|k| k.abs() < 100) else {
            if is_array {
                return self.complex_array_power(operand, base, exponent, span);
            }
            if !weak {
                // NumPy scalars: NumPy's power, on arrays of one element.
                let one = self.add(Expr::Const(Const::Int(1)), Type::py_int());
                let dtype = Value::DType(operand);
                let cell = self.call_numpy_pub("full", vec![(Value::Scalar(one), span), (base, span)], vec![("dtype".to_string(), dtype, span)], span);
                let result = self.complex_array_power(operand, cell, exponent, span);
                let Value::Array(result) = self.stabilize(result, span) else { return Value::Error };
                let zero = self.add(Expr::Const(Const::Int(0)), Type::py_int());
                return Value::Scalar(self.add(Expr::GetItem(result, vec![zero]), Type::scalar(operand)));
            }
            self.error(diag::unsupported_dtype(
                span,
                "powers of Python complex numbers to exponents other than integer constants below 100 in magnitude",
                operand.numpy_name(),
                "write the power as products, or as `np.exp(k * np.log(z))`",
            ));
            return Value::Error;
        };
        let one = Value::Scalar(self.add(Expr::Const(Const::Float(1.0)), Type::py_float()));
        let mul = |fx: &mut Self, a: Value, b: Value| fx.binary_op(BinaryOp::Mul, operand, weak, is_array, a, b);
        let mut result: Option<Value> = None;
        let mut p = base.clone();
        let mut n = k.unsigned_abs();
        while n > 0 {
            if n & 1 == 1 {
                result = Some(match result {
                    None => p.clone(),
                    Some(r) => mul(self, r, p.clone()),
                });
            }
            n >>= 1;
            if n > 0 {
                p = mul(self, p.clone(), p);
            }
        }
        let result = match result {
            Some(r) => r,
            // `z ** 0`: ones of `z`'s shape.
            None if is_array => return self.np("ones_like", vec![base], vec![("dtype", Value::DType(operand))], span),
            None => {
                let e = self.add(Expr::Const(Const::Float(1.0)), Type::Scalar { dtype: DType::F64, weak });
                return Value::Scalar(self.cast_scalar(e, operand));
            }
        };
        if k < 0 {
            return self.binary_op(BinaryOp::TrueDiv, operand, weak, is_array, one, result);
        }
        result
    }

    /// `a ** b` for complex arrays and any exponent, as NumPy's `npy_cpow`, point by point:
    /// `b == 0` gives 1; `a == 0` gives 0 where the real part of `b` is positive, else NaN; an integer-valued
    /// real `|b| < 100` is repeated squaring (`1 / a ** -b` for a negative one), the same
    /// products NumPy multiplies; any other `b` is `exp(b * log(a))` (the C library's `cpow`
    /// there). One expression: every branch is computed and selected per point.
    fn complex_array_power(&mut self, operand: DType, base: Value, exponent: Value, span: Span) -> Value {
        use ast::{BinOp as B, CmpOp as C};
        let base = self.stabilize(base, span);
        let exponent = self.stabilize(exponent, span);
        // Both operands as arrays of one shape, so that every test below is per point: a
        // scalar is multiplied by ones shaped as the other (exactly itself).
        let ones_like = |fx: &mut Self, v: &Value| {
            let re = fx.complex_part_function("real", v.clone(), span);
            fx.call_numpy_pub("ones_like", vec![(re, span)], vec![], span)
        };
        let (base, exponent) = match (&base, &exponent) {
            (Value::Scalar(_), _) => {
                let ones = ones_like(self, &exponent);
                let b = self.binary(ast::BinOp::Mul, base, ones, span);
                (self.stabilize(b, span), exponent)
            }
            (_, Value::Scalar(_)) => {
                let ones = ones_like(self, &base);
                let e = self.binary(ast::BinOp::Mul, exponent, ones, span);
                (base, self.stabilize(e, span))
            }
            _ => (base, exponent),
        };
        let exponent_complex = self.value_dtype(&exponent).is_some_and(|d| d.is_complex());
        let float = |fx: &mut Self, x: f64| Value::Scalar(fx.add(Expr::Const(Const::Float(x)), Type::py_float()));
        let int = |fx: &mut Self, x: i64| Value::Scalar(fx.add(Expr::Const(Const::Int(x)), Type::py_int()));
        let complex = |fx: &mut Self, re: f64, im: f64| {
            let re = fx.add(Expr::Const(Const::Float(re)), Type::py_float());
            let im = fx.add(Expr::Const(Const::Float(im)), Type::py_float());
            Value::Scalar(fx.add(Expr::Binary(BinaryOp::Complex, re, im), Type::Scalar { dtype: DType::C128, weak: true }))
        };
        let (br, imag_zero) = if exponent_complex {
            let br = self.complex_part_function("real", exponent.clone(), span);
            let bi = self.complex_part_function("imag", exponent.clone(), span);
            let zero = float(self, 0.0);
            (self.stabilize(br, span), Some(self.compare(C::Eq, bi, zero, span)))
        } else {
            (exponent.clone(), None)
        };
        let both = |fx: &mut Self, a: Value, b: Option<Value>| match b {
            Some(b) => fx.binary(B::BitAnd, a, b, span),
            None => a,
        };
        // exp(b * log(a)).
        let log = self.call_numpy_pub("log", vec![(base.clone(), span)], vec![], span);
        let scaled = self.binary(B::Mul, exponent, log, span);
        let general = self.call_numpy_pub("exp", vec![(scaled, span)], vec![], span);
        // Integer-valued real exponents below 100 in magnitude: repeated squaring.
        let floor = self.call_numpy_pub("floor", vec![(br.clone(), span)], vec![], span);
        let whole = self.compare(C::Eq, br.clone(), floor, span);
        let magnitude = self.call_numpy_pub("absolute", vec![(br.clone(), span)], vec![], span);
        let magnitude = self.stabilize(magnitude, span);
        let hundred = float(self, 100.0);
        let small = self.compare(C::Lt, magnitude.clone(), hundred, span);
        let integral = self.binary(B::BitAnd, whole, small, span);
        let integral = both(self, integral, imag_zero.clone());
        let integral = self.stabilize(integral, span);
        let zero = float(self, 0.0);
        let n = self.call_numpy_pub("where", vec![(integral.clone(), span), (magnitude, span), (zero, span)], vec![], span);
        let n = self.call_method(n, "astype", vec![(Value::DType(DType::I64), span)], vec![], span);
        let n = self.stabilize(n, span);
        let bit = |fx: &mut Self, j: i64| {
            let shift = int(fx, j);
            let shifted = fx.binary(B::RShift, n.clone(), shift, span);
            let one = int(fx, 1);
            let low = fx.binary(B::BitAnd, shifted, one, span);
            let zero = int(fx, 0);
            fx.compare(C::NotEq, low, zero, span)
        };
        let one = complex(self, 1.0, 0.0);
        let first = bit(self, 0);
        let mut r = self.call_numpy_pub("where", vec![(first, span), (base.clone(), span), (one.clone(), span)], vec![], span);
        let mut p = base.clone();
        for j in 1..7 {
            p = self.binary(B::Mul, p.clone(), p, span);
            let set = bit(self, j);
            let times = self.binary(B::Mul, r.clone(), p.clone(), span);
            r = self.call_numpy_pub("where", vec![(set, span), (times, span), (r, span)], vec![], span);
        }
        let zero = float(self, 0.0);
        let negative = self.compare(C::Lt, br.clone(), zero, span);
        let inverse = self.binary(B::Div, one.clone(), r.clone(), span);
        let r = self.call_numpy_pub("where", vec![(negative, span), (inverse, span), (r, span)], vec![], span);
        let result = self.call_numpy_pub("where", vec![(integral, span), (r, span), (general, span)], vec![], span);
        // A zero base: 0 for a real positive exponent, else NaN (both parts).
        let re = self.complex_part_function("real", base.clone(), span);
        let im = self.complex_part_function("imag", base, span);
        let zero = float(self, 0.0);
        let re_zero = self.compare(C::Eq, re, zero.clone(), span);
        let im_zero = self.compare(C::Eq, im, zero.clone(), span);
        let base_zero = self.binary(B::BitAnd, re_zero, im_zero, span);
        let positive = self.compare(C::Gt, br.clone(), zero.clone(), span);
        let zero_c = complex(self, 0.0, 0.0);
        let nan_c = complex(self, f64::NAN, f64::NAN);
        let at_zero = self.call_numpy_pub("where", vec![(positive, span), (zero_c, span), (nan_c, span)], vec![], span);
        let result = self.call_numpy_pub("where", vec![(base_zero, span), (at_zero, span), (result, span)], vec![], span);
        // A zero exponent: 1.
        let exponent_zero = self.compare(C::Eq, br, zero, span);
        let exponent_zero = both(self, exponent_zero, imag_zero);
        let result = self.call_numpy_pub("where", vec![(exponent_zero, span), (one, span), (result, span)], vec![], span);
        match self.value_dtype(&result) {
            Some(d) if d != operand => self.call_numpy_pub("asarray", vec![(result, span)], vec![("dtype".to_string(), Value::DType(operand), span)], span),
            _ => result,
        }
    }

    /// `np.real`, `np.imag`, `np.conj`, `np.angle` (and `.real`, `.imag`, `.conj()`) of a
    /// number or array, complex or real.
    pub(super) fn complex_part_function(&mut self, name: &str, v: Value, span: Span) -> Value {
        let Some(d) = self.value_dtype(&v) else {
            if !matches!(v, Value::Error) {
                let what = self.describe_value(&v);
                self.error(diag::type_error(span, format!("`np.{name}` takes a number or an array, found {what}"), "pass numeric values"));
            }
            return Value::Error;
        };
        let f = match name {
            "real" => MathFn::Real,
            "imag" => MathFn::Imag,
            "angle" => MathFn::Angle,
            _ => MathFn::Conj,
        };
        if d.is_complex() {
            let out = if f == MathFn::Conj { d } else { d.real_part() };
            // Of an array: NumPy's view of the parts (a write through it reaches `v`).
            if let (Value::Array(a), MathFn::Real | MathFn::Imag) = (&v, f) {
                let Type::Array { ndim, .. } = self.expr_type(*a) else { return Value::Error };
                let which = self.add(Expr::Const(Const::Int(i64::from(f == MathFn::Imag))), Type::py_int());
                return match self.runtime_call(ir::EntryPoint::ArrayPart, vec![*a, which], Some(Type::array(out, ndim)), span) {
                    Some(view) => Value::Array(view),
                    None => Value::Error,
                };
            }
            return match v {
                Value::Scalar(e) => {
                    let weak = matches!(self.expr_type(e), Type::Scalar { weak: true, .. });
                    Value::Scalar(self.add(Expr::Math(f, vec![e]), Type::Scalar { dtype: out, weak }))
                }
                other => {
                    let Some((n, nd)) = self.as_node(&other) else { return Value::Error };
                    Value::Lazy(Lazy { node: Rc::new(LNode::Math(f, n, out)), ndim: nd })
                }
            };
        }
        // A real number is its own real part and conjugate; its imaginary part is zero
        // and its angle 0 or pi (`arctan2(0, x)`, in the float dtype of `x`).
        match f {
            MathFn::Real | MathFn::Conj => v,
            MathFn::Imag => match v {
                Value::Scalar(e) => {
                    let ty = self.expr_type(e);
                    Value::Scalar(self.add(Expr::Const(super::lazy::convert_const(&Const::Int(0), d)), ty))
                }
                other => self.np("zeros_like", vec![other], vec![], span),
            },
            _ => {
                let fd = super::promote::float_of(d);
                let zero = Value::Scalar(self.add(Expr::Const(Const::Float(0.0)), Type::scalar(fd)));
                self.call_numpy_pub("arctan2", vec![(zero, span), (v, span)], vec![], span)
            }
        }
    }

    /// `sum` and `mean` of a complex array: of the real parts and of the imaginary parts,
    /// joined (with the same `axis`, `keepdims` and distribution as a real reduction).
    pub(super) fn complex_reduction(&mut self, recv: Value, name: &str, args: Args, kw: Kwargs, span: Span) -> Value {
        let recv = self.stabilize(recv, span);
        let re = self.complex_part_function("real", recv.clone(), span);
        let im = self.complex_part_function("imag", recv, span);
        let re = self.call_method(re, name, args.clone(), kw.clone(), span);
        let im = self.call_method(im, name, args, kw, span);
        self.join_complex(re, im)
    }

    /// `np.linalg.solve(a, b)` (or `inv(a)`, `b` the identity) with a complex operand: the
    /// real system of twice the size, `[[Ar, -Ai], [Ai, Ar]] [xr; xi] = [br; bi]`, solved by
    /// the real solver (its singular-matrix and shape errors), the halves joined. Twice
    /// the flops of a complex LU; the same solution to rounding.
    pub(super) fn complex_solve(&mut self, a: ExprId, b: Option<(ExprId, Span)>, fname: &str, span: Span) -> Value {
        let Some(d) = self.expr_type(a).dtype() else { return Value::Error };
        let d = if d.is_complex() { d } else { super::promote::float_of(d).complex_of() };
        let d = match b.and_then(|(b, _)| self.expr_type(b).dtype()) {
            Some(bd) if bd == DType::C128 || (bd.is_float() && bd != DType::F32) => DType::C128,
            _ => d,
        };
        let a = self.array_as(a, d, span);
        let ar = self.complex_part_function("real", Value::Array(a), span);
        let ai = self.complex_part_function("imag", Value::Array(a), span);
        let minus_ai = self.unary(crate::ast::UnaryOp::Neg, ai.clone(), span);
        let list = |items: Vec<Value>| Value::Tuple(super::Seq { items, list: true, named: None, held: false });
        let m = list(vec![list(vec![ar.clone(), minus_ai]), list(vec![ai, ar])]);
        let m = self.call_builtin("numpy.block", vec![(m, span)], vec![], span);
        let n = self.add(Expr::Dim(a, 0), Type::py_int());
        let (rhs, vector) = match b {
            Some((b, bspan)) => {
                let Type::Array { ndim: bn, .. } = self.expr_type(b) else { return Value::Error };
                if bn == 0 || bn > 2 {
                    self.error(diag::shape_error(bspan, format!("`{fname}` takes a vector or a matrix as `b`, found {bn}-D")));
                    return Value::Error;
                }
                // NumPy's check, before the doubled system would report doubled sizes.
                let rows = self.add(Expr::Dim(b, 0), Type::py_int());
                let differ = self.add(Expr::Compare(ir::CompareOp::Ne, rows, n), Type::py_bool());
                let message = if bn == 1 {
                    "solve1: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature (m,m),(m)->(m)"
                } else {
                    "solve: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature (m,m),(m,n)->(m,n)"
                };
                self.raise_kind_if(differ, "ValueError", message.to_string(), span);
                let b = self.array_as(b, d, span);
                let br = self.complex_part_function("real", Value::Array(b), span);
                let bi = self.complex_part_function("imag", Value::Array(b), span);
                (self.call_builtin("numpy.concatenate", vec![(list(vec![br, bi]), span)], vec![], span), bn == 1)
            }
            None => {
                let rd = d.real_part();
                let dt = Value::DType(rd);
                let eye = self.call_builtin("numpy.eye", vec![(Value::Scalar(n), span)], vec![("dtype".to_string(), dt.clone(), span)], span);
                let zeros = self.call_builtin("numpy.zeros_like", vec![(eye.clone(), span)], vec![], span);
                (self.call_builtin("numpy.concatenate", vec![(list(vec![eye, zeros]), span)], vec![], span), false)
            }
        };
        let x = self.call_builtin("numpy.linalg.solve", vec![(m, span), (rhs, span)], vec![], span);
        let Value::Array(x) = x else { return Value::Error };
        let half = |fx: &mut Self, upper: bool| {
            let item = if upper { IndexItem::Slice { start: None, stop: Some(n), step: None } } else { IndexItem::Slice { start: Some(n), stop: None, step: None } };
            let mut index = vec![item];
            if !vector {
                index.push(IndexItem::Slice { start: None, stop: None, step: None });
            }
            Value::Array(fx.basic_view(x, index, span))
        };
        let (xr, xi) = (half(self, true), half(self, false));
        match self.join_complex(xr, xi) {
            Value::Lazy(l) => Value::Array(self.materialize(l, span)),
            other => other,
        }
    }

    /// The complex value `re + im * 1j` of two real values of one float dtype.
    pub(super) fn join_complex(&mut self, re: Value, im: Value) -> Value {
        match (re, im) {
            (Value::Scalar(a), Value::Scalar(b)) => {
                let d = self.expr_type(a).dtype().expect("scalar");
                let weak = matches!(self.expr_type(a), Type::Scalar { weak: true, .. });
                Value::Scalar(self.add(Expr::Binary(BinaryOp::Complex, a, b), Type::Scalar { dtype: d.complex_of(), weak }))
            }
            (Value::Error, _) | (_, Value::Error) => Value::Error,
            (re, im) => {
                let (Some((a, an)), Some((b, bn))) = (self.as_node(&re), self.as_node(&im)) else { return Value::Error };
                let d = a.dtype();
                Value::Lazy(Lazy { node: Rc::new(LNode::Binary(BinaryOp::Complex, a, b, d.complex_of())), ndim: an.max(bn) })
            }
        }
    }

    /// A product (`@`, `np.dot`, `np.matmul`) with a complex operand, as real products of the
    /// parts: `(A + iB)(C + iD) = (AC - BD) + i(AD + BC)`, each a real product of the
    /// library (BLAS, split over ranks, cuBLAS), which does as many multiplications as one
    /// complex product.
    pub(super) fn complex_matmul(&mut self, l: Value, r: Value, span: Span, op: super::numpy::MatMulOp) -> Value {
        let parts = |fx: &mut Self, v: Value| -> (Value, Option<Value>) {
            if fx.value_dtype(&v).is_some_and(DType::is_complex) {
                let v = fx.stabilize(v, span);
                (fx.complex_part_function("real", v.clone(), span), Some(fx.complex_part_function("imag", v, span)))
            } else {
                (v, None)
            }
        };
        let (ar, ai) = parts(self, l);
        let (br, bi) = parts(self, r);
        let product = |fx: &mut Self, a: &Value, b: &Value| fx.matmul(a.clone(), b.clone(), span, op);
        let re = match (&ai, &bi) {
            (Some(ai), Some(bi)) => {
                let (x, y) = (product(self, &ar, &br), product(self, ai, bi));
                self.binary(ast::BinOp::Sub, x, y, span)
            }
            _ => product(self, &ar, &br),
        };
        let im = match (&ai, &bi) {
            (Some(ai), Some(bi)) => {
                let (x, y) = (product(self, &ar, bi), product(self, ai, &br));
                self.binary(ast::BinOp::Add, x, y, span)
            }
            (Some(ai), None) => product(self, ai, &br),
            (None, Some(bi)) => product(self, &ar, bi),
            (None, None) => return Value::Error,
        };
        let re = self.stabilize(re, span);
        let im = self.stabilize(im, span);
        self.join_complex(re, im)
    }

    /// `complex(x)`, `complex(x, y)`: a Python complex from Python numbers.
    pub(super) fn complex_builtin(&mut self, args: Args, kw: Kwargs, span: Span) -> Value {
        let Some(p) = self.bind_params("complex", args, kw, &["real", "imag"], 0, span) else { return Value::Error };
        let mut it = p.into_iter();
        let part = |fx: &mut Self, v: Option<(Value, Span)>| -> Option<ExprOrComplex> {
            match v {
                None => Some(ExprOrComplex::Real(fx.add(Expr::Const(Const::Float(0.0)), Type::py_float()))),
                Some((Value::Scalar(e), vspan)) => match fx.expr_type(e).dtype() {
                    Some(d) if d.is_complex() => Some(ExprOrComplex::Complex(e)),
                    Some(_) => {
                        let c = fx.cast_scalar(e, DType::F64);
                        Some(ExprOrComplex::Real(fx.retype(c, Type::py_float())))
                    }
                    None => {
                        fx.error(diag::type_error(vspan, "`complex()` takes numbers", "pass numbers"));
                        None
                    }
                },
                Some((other, vspan)) => {
                    let what = fx.describe_value(&other);
                    fx.error(diag::type_error(vspan, format!("`complex()` takes numbers, found {what}"), "use `a + b * 1j` for arrays"));
                    None
                }
            }
        };
        let (Some(re), Some(im)) = (part(self, it.next().flatten()), part(self, it.next().flatten())) else { return Value::Error };
        // complex(a, b) is a + b*1j for complex parts too.
        let as_value = |fx: &mut Self, p: ExprOrComplex| -> Value {
            match p {
                ExprOrComplex::Real(e) => {
                    let zero = fx.add(Expr::Const(Const::Float(0.0)), Type::py_float());
                    Value::Scalar(fx.add(Expr::Binary(BinaryOp::Complex, e, zero), Type::Scalar { dtype: DType::C128, weak: true }))
                }
                ExprOrComplex::Complex(e) => {
                    let c = fx.cast_scalar(e, DType::C128);
                    Value::Scalar(fx.retype(c, Type::Scalar { dtype: DType::C128, weak: true }))
                }
            }
        };
        match (re, im) {
            (ExprOrComplex::Real(a), ExprOrComplex::Real(b)) => Value::Scalar(self.add(Expr::Binary(BinaryOp::Complex, a, b), Type::Scalar { dtype: DType::C128, weak: true })),
            (re, im) => {
                let re = as_value(self, re);
                let im = as_value(self, im);
                let j = {
                    let zero = self.add(Expr::Const(Const::Float(0.0)), Type::py_float());
                    let one = self.add(Expr::Const(Const::Float(1.0)), Type::py_float());
                    Value::Scalar(self.add(Expr::Binary(BinaryOp::Complex, zero, one), Type::Scalar { dtype: DType::C128, weak: true }))
                };
                let im = self.binary(ast::BinOp::Mul, im, j, span);
                self.binary(ast::BinOp::Add, re, im, span)
            }
        }
    }
}

enum ExprOrComplex {
    Real(ir::ExprId),
    Complex(ir::ExprId),
}
