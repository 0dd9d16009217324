//! `np.linalg`'s solvers and decompositions (all but `norm`, which is composed in
//! `stats.rs`). Each is one runtime call (`lt_linalg`, `lt_linalg_solve`,
//! `lt_linalg_lstsq`, through faer in `runtime-numpy/src/linalg.rs`) on the whole
//! matrix: a distributed operand is gathered first, which the report names. The
//! calls that return several arrays get one packed 1-D array back, cut here into
//! views of NumPy's shapes (`runtime_abi::LINALG_*` gives each op's layout).

use ir::{BinaryOp, CompareOp, Const, DType, EntryPoint, Expr, ExprId, IndexItem, Span, StmtKind, Type};

use super::{FnCx, Seq, Value};
use crate::diagnostics as diag;

type Args = Vec<(Value, Span)>;
type Kwargs = Vec<(String, Value, Span)>;

/// The functions of `np.linalg` that legatec compiles.
pub(crate) const LINALG_NAMES: &[&str] = &[
    "norm", "solve", "inv", "det", "slogdet", "cholesky", "qr", "eigh", "eigvalsh", "svd", "matrix_rank", "pinv", "lstsq", "cond",
    "matrix_power", "multi_dot",
];

impl FnCx<'_, '_> {
    pub(crate) fn linalg_call(&mut self, name: &str, args: Args, kw: Kwargs, span: Span) -> Value {
        let fname = format!("np.linalg.{name}");
        match name {
            "cond" | "matrix_power" | "multi_dot" => return self.linalg_composed(name, args, kw, span),
            _ => {}
        }
        let params: &[&str] = match name {
            "solve" => &["a", "b"],
            "inv" | "det" | "slogdet" => &["a"],
            "cholesky" => &["a", "upper"],
            "qr" => &["a", "mode"],
            "eigh" | "eigvalsh" => &["a", "UPLO"],
            "svd" => &["a", "full_matrices", "compute_uv", "hermitian"],
            "matrix_rank" => &["A", "tol", "hermitian", "rtol"],
            "pinv" => &["a", "rcond", "hermitian", "rtol"],
            "lstsq" => &["a", "b", "rcond"],
            _ => {
                self.error(diag::unsupported_call(span, &fname, None));
                return Value::Error;
            }
        };
        let required = if matches!(name, "solve" | "lstsq") { 2 } else { 1 };
        let Some(p) = self.bind_params(&fname, args, kw, params, required, span) else { return Value::Error };
        let mut p = p.into_iter();
        let (a, aspan) = p.next().flatten().expect("a");
        let Some(a) = self.array_or_scalar(a, aspan, &fname) else { return Value::Error };
        let Type::Array { dtype, ndim } = self.expr_type(a) else { return Value::Error };
        // `solve` and `inv` of complex matrices: the real system of twice the size.
        if matches!(name, "solve" | "inv") && ndim == 2 {
            let b = p.next().flatten();
            let b = match b {
                Some((b, bspan)) => match self.array_or_scalar(b, bspan, &fname) {
                    Some(b) => Some((b, bspan)),
                    None => return Value::Error,
                },
                None => None,
            };
            let complex = dtype.is_complex() || b.is_some_and(|(b, _)| self.expr_type(b).dtype().is_some_and(DType::is_complex));
            if complex {
                return self.complex_solve(a, b, &fname, span);
            }
            let mut rest: Vec<Option<(Value, Span)>> = vec![b.map(|(b, s)| (Value::Array(b), s))];
            rest.extend(p);
            p = rest.into_iter();
        }
        if ndim > 2 {
            self.error(diag::shape_error(aspan, format!("`{fname}` of a stack of matrices ({ndim}-D) is not supported")).with_hint("loop over the matrices, or reshape to 2-D"));
            return Value::Error;
        }
        if ndim < 2 && name != "matrix_rank" {
            // NumPy's error, where the program reaches the call.
            let message = format!("{ndim}-dimensional array given. Array must be at least two-dimensional");
            self.emit(StmtKind::Raise { kind: "numpy.linalg.LinAlgError".into(), message }, span);
            self.flow = None;
            return Value::Error;
        }
        if dtype.is_complex() && matches!(name, "det" | "slogdet") {
            return self.complex_determinant(name, a, dtype, span);
        }
        // float32 stays float32; every other dtype computes in float64.
        let out = if dtype == DType::F32 { DType::F32 } else { DType::F64 };
        let rows = self.add(Expr::Dim(a, 0), Type::py_int());
        let cols = if ndim == 2 { self.add(Expr::Dim(a, 1), Type::py_int()) } else { self.const_i64(1) };
        let k = self.int_binary(BinaryOp::Min, rows, cols);
        let nan = Value::Scalar(self.add(Expr::Const(Const::Float(f64::NAN)), Type::py_float()));
        use runtime_abi as abi;
        match name {
            "solve" | "lstsq" => {
                let (b, bspan) = p.next().flatten().expect("b");
                let Some(b) = self.array_or_scalar(b, bspan, &fname) else { return Value::Error };
                let Type::Array { dtype: bdtype, ndim: bdim } = self.expr_type(b) else { return Value::Error };
                if bdim == 0 || bdim > 2 {
                    if name == "solve" && bdim == 0 {
                        let message = "solve: Input operand 1 does not have enough dimensions (has 0, gufunc core with signature (m,m),(m,n)->(m,n) requires 2)".to_string();
                        self.emit(StmtKind::Raise { kind: "ValueError".into(), message }, span);
                        self.flow = None;
                    } else {
                        self.error(diag::shape_error(bspan, format!("`{fname}` takes a vector or a matrix as `b`, found {bdim}-D")));
                    }
                    return Value::Error;
                }
                let out = if dtype == DType::F32 && bdtype == DType::F32 { DType::F32 } else { DType::F64 };
                let code = self.const_i64(out as i64);
                if name == "solve" {
                    let Some(r) = self.runtime_call(EntryPoint::LinalgSolve, vec![a, b, code], Some(Type::array(out, bdim)), span) else { return Value::Error };
                    return Value::Array(r);
                }
                let Some(rcond) = self.linalg_number(p.next().flatten(), nan, &fname, span) else { return Value::Error };
                let Some(packed) = self.runtime_call(EntryPoint::LinalgLstsq, vec![a, b, rcond, code], Some(Type::array(out, 1)), span) else { return Value::Error };
                let zero = self.const_i64(0);
                let rank_f = self.add(Expr::GetItem(packed, vec![zero]), Type::scalar(out));
                let rank = self.add(Expr::Cast(DType::I32, rank_f), Type::scalar(DType::I32));
                let nrhs = if bdim == 2 { self.add(Expr::Dim(b, 1), Type::py_int()) } else { self.const_i64(1) };
                let x_dims = if bdim == 2 { vec![cols, nrhs] } else { vec![cols] };
                let one = self.const_i64(1);
                let (x, at) = self.packed_part(packed, one, &x_dims, span);
                let (s, at) = self.packed_part(packed, at, &[k], span);
                // Residuals only where the rank is full and the system overdetermined.
                let rank64 = self.add(Expr::Cast(DType::I64, rank), Type::py_int());
                let full = self.add(Expr::Compare(CompareOp::Eq, rank64, cols), Type::py_bool());
                let tall = self.add(Expr::Compare(CompareOp::Gt, rows, cols), Type::py_bool());
                let both = self.add(Expr::Binary(BinaryOp::BitAnd, full, tall), Type::py_bool());
                let zero = self.const_i64(0);
                let res_len = self.add(Expr::Select(both, nrhs, zero), Type::py_int());
                let (residuals, _) = self.packed_part(packed, at, &[res_len], span);
                Value::Tuple(vec![Value::Array(x), Value::Array(residuals), Value::Scalar(rank), Value::Array(s)].into())
            }
            "matrix_rank" if ndim < 2 => {
                // NumPy: 1 unless every element is zero.
                let Value::Scalar(any) = self.np("any", vec![Value::Array(a)], vec![], span) else { return Value::Error };
                Value::Scalar(self.add(Expr::Cast(DType::I64, any), Type::scalar(DType::I64)))
            }
            _ => {
                let (op, param) = match name {
                    "inv" => (abi::LINALG_INV, None),
                    "det" => (abi::LINALG_DET, None),
                    "slogdet" => (abi::LINALG_SLOGDET, None),
                    "cholesky" => {
                        let Some(upper) = self.bool_param(p.next().flatten(), false, "upper") else { return Value::Error };
                        (abi::LINALG_CHOLESKY, Some(self.linalg_float(if upper { 1.0 } else { 0.0 })))
                    }
                    "qr" => {
                        let message = "`mode` of `np.linalg.qr` must be 'reduced', 'complete' or 'r'";
                        let modes = [abi::LINALG_QR_REDUCED, abi::LINALG_QR_COMPLETE, abi::LINALG_QR_R];
                        let Some(mode) = self.str_choice(p.next().flatten(), &["reduced", "complete", "r"], 0, message, "write the mode as a string literal") else {
                            return Value::Error;
                        };
                        (modes[mode], None)
                    }
                    "eigh" | "eigvalsh" => {
                        // 1: from the upper triangle (`UPLO='U'`).
                        let Some(upper) = self.str_choice(p.next().flatten(), &["L", "U"], 0, "`UPLO` must be 'L' or 'U'", "write 'L' or 'U'") else {
                            return Value::Error;
                        };
                        let op = if name == "eigh" { abi::LINALG_EIGH } else { abi::LINALG_EIGVALSH };
                        (op, Some(self.linalg_float(upper as f64)))
                    }
                    "svd" => {
                        let Some(full) = self.bool_param(p.next().flatten(), true, "full_matrices") else { return Value::Error };
                        let Some(uv) = self.bool_param(p.next().flatten(), true, "compute_uv") else { return Value::Error };
                        if !self.not_hermitian(p.next().flatten(), &fname) {
                            return Value::Error;
                        }
                        let op = match (uv, full) {
                            (false, _) => abi::LINALG_SVD_VALUES,
                            (true, true) => abi::LINALG_SVD_FULL,
                            (true, false) => abi::LINALG_SVD_THIN,
                        };
                        (op, None)
                    }
                    "matrix_rank" => {
                        let tol = p.next().flatten();
                        if !self.not_hermitian(p.next().flatten(), &fname) || !self.unsupported_param(p.next().flatten(), &fname, "rtol", "tol") {
                            return Value::Error;
                        }
                        let Some(tol) = self.linalg_number(tol, nan.clone(), &fname, span) else { return Value::Error };
                        (abi::LINALG_MATRIX_RANK, Some(tol))
                    }
                    "pinv" => {
                        let rcond = p.next().flatten();
                        if !self.not_hermitian(p.next().flatten(), &fname) || !self.unsupported_param(p.next().flatten(), &fname, "rtol", "rcond") {
                            return Value::Error;
                        }
                        let default = Value::Scalar(self.linalg_float(1e-15));
                        let Some(rcond) = self.linalg_number(rcond, default, &fname, span) else { return Value::Error };
                        (abi::LINALG_PINV, Some(rcond))
                    }
                    _ => unreachable!("linalg op {name}"),
                };
                let op_code = self.const_i64(op);
                let param = param.unwrap_or_else(|| self.linalg_float(0.0));
                let code = self.const_i64(out as i64);
                let Some(packed) = self.runtime_call(EntryPoint::Linalg, vec![op_code, a, param, code], Some(Type::array(out, 1)), span) else { return Value::Error };
                let zero = self.const_i64(0);
                let parts = |fx: &mut Self, shapes: &[Vec<ExprId>]| -> Vec<Value> {
                    let mut at = zero;
                    shapes
                        .iter()
                        .map(|dims| {
                            let (part, next) = fx.packed_part(packed, at, dims, span);
                            at = next;
                            Value::Array(part)
                        })
                        .collect()
                };
                let element = |fx: &mut Self, i: i64| {
                    let i = fx.const_i64(i);
                    Value::Scalar(fx.add(Expr::GetItem(packed, vec![i]), Type::scalar(out)))
                };
                let one_value = |mut v: Vec<Value>| v.remove(0);
                match op {
                    abi::LINALG_INV | abi::LINALG_CHOLESKY => one_value(parts(self, &[vec![rows, cols]])),
                    abi::LINALG_DET => element(self, 0),
                    abi::LINALG_SLOGDET => Value::Tuple(Seq::named("SlogdetResult", &["sign", "logabsdet"], vec![element(self, 0), element(self, 1)])),
                    abi::LINALG_QR_REDUCED => Value::Tuple(Seq::named("QRResult", &["Q", "R"], parts(self, &[vec![rows, k], vec![k, cols]]))),
                    abi::LINALG_QR_COMPLETE => Value::Tuple(Seq::named("QRResult", &["Q", "R"], parts(self, &[vec![rows, rows], vec![rows, cols]]))),
                    abi::LINALG_QR_R => one_value(parts(self, &[vec![k, cols]])),
                    abi::LINALG_EIGH => Value::Tuple(Seq::named("EighResult", &["eigenvalues", "eigenvectors"], parts(self, &[vec![rows], vec![rows, rows]]))),
                    abi::LINALG_EIGVALSH | abi::LINALG_SVD_VALUES => one_value(parts(self, &[vec![k]])),
                    abi::LINALG_SVD_FULL => Value::Tuple(Seq::named("SVDResult", &["U", "S", "Vh"], parts(self, &[vec![rows, rows], vec![k], vec![cols, cols]]))),
                    abi::LINALG_SVD_THIN => Value::Tuple(Seq::named("SVDResult", &["U", "S", "Vh"], parts(self, &[vec![rows, k], vec![k], vec![k, cols]]))),
                    abi::LINALG_MATRIX_RANK => {
                        let Value::Scalar(r) = element(self, 0) else { return Value::Error };
                        Value::Scalar(self.add(Expr::Cast(DType::I64, r), Type::scalar(DType::I64)))
                    }
                    abi::LINALG_PINV => one_value(parts(self, &[vec![cols, rows]])),
                    _ => unreachable!("linalg op {op}"),
                }
            }
        }
    }

    /// The functions of `np.linalg` made of others: `cond` (the 2-norm's: the largest
    /// singular value over the smallest), `matrix_power` (NumPy's products by repeated
    /// squaring, an inverse first for a negative power; the power a literal), `multi_dot` (the products
    /// left to right; NumPy may order them otherwise, which changes only rounding).
    fn linalg_composed(&mut self, name: &str, args: Args, kw: Kwargs, span: Span) -> Value {
        let fname = format!("np.linalg.{name}");
        let matmul = |fx: &mut Self, a: Value, b: Value| fx.np("matmul", vec![a, b], vec![], span);
        match name {
            "cond" => {
                let Some(p) = self.bind_params(&fname, args, kw, &["x", "p"], 1, span) else { return Value::Error };
                let mut p = p.into_iter();
                let (x, xspan) = p.next().flatten().expect("x");
                if let Some((v, vspan)) = p.next().flatten() {
                    if !matches!(v, Value::None) {
                        self.error(diag::unsupported_keyword(vspan, &fname, "p", &["p=None"]).with_hint("legatec computes the 2-norm condition number (p=None)"));
                        return Value::Error;
                    }
                }
                let no = Value::Scalar(self.add(Expr::Const(Const::Bool(false)), Type::py_bool()));
                let s = self.linalg_call("svd", vec![(x, xspan)], vec![("compute_uv".to_string(), no, span)], span);
                let Value::Array(s) = s else { return Value::Error };
                let largest = self.np("max", vec![Value::Array(s)], vec![], span);
                let smallest = self.np("min", vec![Value::Array(s)], vec![], span);
                self.binary(crate::ast::BinOp::Div, largest, smallest, span)
            }
            "matrix_power" => {
                let Some(p) = self.bind_params(&fname, args, kw, &["a", "n"], 2, span) else { return Value::Error };
                let mut p = p.into_iter();
                let (a, aspan) = p.next().flatten().expect("a");
                let power = p.next().flatten();
                let Some(a) = self.array_or_scalar(a, aspan, &fname) else { return Value::Error };
                let Type::Array { dtype, ndim } = self.expr_type(a) else { return Value::Error };
                if ndim != 2 {
                    self.error(diag::shape_error(aspan, format!("`{fname}` of a {ndim}-D array is not supported (a matrix only)")));
                    return Value::Error;
                }
                // NumPy's checks: square, else LinAlgError where the program gets here.
                let rows = self.add(Expr::Dim(a, 0), Type::py_int());
                let cols = self.add(Expr::Dim(a, 1), Type::py_int());
                let differ = self.add(Expr::Compare(ir::CompareOp::Ne, rows, cols), Type::py_bool());
                self.raise_kind_if(differ, "numpy.linalg.LinAlgError", "Last 2 dimensions of the array must be square".into(), span);
                // A power known only at run time: the runtime's products in NumPy's order (on
                // the whole matrix). A literal one: the products below, each a product of the
                // library (split over ranks, or cuBLAS).
                let literal = matches!(&power, Some((Value::Scalar(e), _)) if self.const_int_of(*e).is_some() || matches!(self.f.exprs[*e], Expr::Const(_)));
                if !literal {
                    let (n, nspan) = power.expect("n is required");
                    let Some(n) = self.int_value(n, nspan) else { return Value::Error };
                    return match self.runtime_call(runtime_abi::EntryPoint::MatrixPower, vec![a, n], Some(Type::array(dtype, 2)), span) {
                        Some(e) => Value::Array(e),
                        None => Value::Error,
                    };
                }
                let Some(n) = self.const_int(power, 0, "n") else { return Value::Error };
                if n == 0 {
                    // The identity, in a's dtype.
                    let dt = Value::DType(dtype);
                    return self.np("eye", vec![Value::Scalar(rows)], vec![("dtype", dt)], span);
                }
                let base = if n < 0 { self.linalg_call("inv", vec![(Value::Array(a), aspan)], vec![], span) } else { Value::Array(a) };
                // NumPy's order of products (so the rounding is its own): its short cuts for
                // 1 (the array itself), 2 and 3, then the bits of n from the lowest.
                match n.unsigned_abs() {
                    1 => base,
                    2 => matmul(self, base.clone(), base),
                    3 => {
                        let square = matmul(self, base.clone(), base.clone());
                        matmul(self, square, base)
                    }
                    mut k => {
                        let (mut z, mut result): (Option<Value>, Option<Value>) = (None, None);
                        while k > 0 {
                            z = Some(match z {
                                None => base.clone(),
                                Some(z) => matmul(self, z.clone(), z),
                            });
                            let bit = k & 1 == 1;
                            k >>= 1;
                            if bit {
                                let z = z.clone().expect("set");
                                result = Some(match result {
                                    None => z,
                                    Some(r) => matmul(self, r, z),
                                });
                            }
                        }
                        result.expect("n > 3")
                    }
                }
            }
            _ => {
                let Some(p) = self.bind_params(&fname, args, kw, &["arrays"], 1, span) else { return Value::Error };
                let (list, lspan) = p.into_iter().next().flatten().expect("arrays");
                let Value::Tuple(items) = list else {
                    self.error(diag::type_error(lspan, "`np.linalg.multi_dot` takes a list of arrays written in the call", "write the list: `multi_dot([A, B, C])`"));
                    return Value::Error;
                };
                if items.len() < 2 {
                    self.raise_now("ValueError", "Expecting at least two arrays.", span);
                    return Value::Error;
                }
                let mut it = items.into_iter();
                let first = it.next().expect("two");
                it.fold(first, |acc, b| matmul(self, acc, b))
            }
        }
    }

    /// The part of `dims` starting at element `at` of the packed 1-D `packed`: a view of
    /// it (reshaped to `dims`), and the element after it.
    fn packed_part(&mut self, packed: ExprId, at: ExprId, dims: &[ExprId], span: Span) -> (ExprId, ExprId) {
        let mut len = self.const_i64(1);
        for &d in dims {
            len = self.int_binary(BinaryOp::Mul, len, d);
        }
        let end = self.int_binary(BinaryOp::Add, at, len);
        let flat = self.basic_view(packed, vec![IndexItem::Slice { start: Some(at), stop: Some(end), step: None }], span);
        let part = if dims.len() == 1 {
            flat
        } else {
            match self.reshape(flat, dims, span) {
                Value::Array(r) => r,
                _ => flat,
            }
        };
        (part, end)
    }

    fn linalg_float(&mut self, v: f64) -> ExprId {
        self.add(Expr::Const(Const::Float(v)), Type::py_float())
    }

    /// A number argument as a float64 host value (`None` gives `default`).
    fn linalg_number(&mut self, v: Option<(Value, Span)>, default: Value, fname: &str, span: Span) -> Option<ExprId> {
        let (v, span) = match v {
            None | Some((Value::None, _)) => (default, span),
            Some((v, vspan)) => (v, vspan),
        };
        match v {
            Value::Scalar(e) if !matches!(self.expr_type(e), Type::Array { .. }) => Some(self.cast_scalar(e, DType::F64)),
            other => {
                let what = self.describe_value(&other);
                self.error(diag::type_error(span, format!("`{fname}` expects a number here, found {what}"), "pass a float"));
                None
            }
        }
    }

    fn bool_param(&mut self, v: Option<(Value, Span)>, default: bool, name: &str) -> Option<bool> {
        let kw: Kwargs = v.map(|(v, s)| (name.to_string(), v, s)).into_iter().collect();
        self.const_bool_kw(&kw, name, default)
    }

    /// `hermitian=` must be absent or False (legatec has no Hermitian path).
    fn not_hermitian(&mut self, v: Option<(Value, Span)>, fname: &str) -> bool {
        match self.bool_param(v.clone(), false, "hermitian") {
            Some(false) => true,
            Some(true) => {
                let span = v.map(|(_, s)| s).unwrap_or_default();
                self.error(diag::unsupported_keyword(span, fname, "hermitian=True", &["hermitian=False"]).with_hint("use np.linalg.eigh for symmetric matrices"));
                false
            }
            None => false,
        }
    }

    /// NumPy 2's `rtol=` where legatec takes the older spelling `instead`.
    fn unsupported_param(&mut self, v: Option<(Value, Span)>, fname: &str, name: &str, instead: &str) -> bool {
        match v {
            None | Some((Value::None, _)) => true,
            Some((_, span)) => {
                self.error(diag::unsupported_keyword(span, fname, name, &[instead]).with_hint(format!("pass the tolerance as `{instead}=`")));
                false
            }
        }
    }
}

impl FnCx<'_, '_> {
    /// `np.linalg.det`/`slogdet` of a complex matrix: the LU factors' pivots as NumPy takes
    /// them (`lt_linalg`, `LINALG_SLOGDET_COMPLEX`): `sign` the product of their phases,
    /// `logabsdet` the sum of their magnitudes' logarithms, `det = sign * exp(logabsdet)`,
    /// complex64 and float32 for a complex64 matrix.
    fn complex_determinant(&mut self, name: &str, a: ExprId, dtype: DType, span: Span) -> Value {
        use runtime_abi as abi;
        let op = self.const_i64(abi::LINALG_SLOGDET_COMPLEX);
        let param = self.linalg_float(0.0);
        let code = self.const_i64(DType::F64 as i64);
        let Some(packed) = self.runtime_call(EntryPoint::Linalg, vec![op, a, param, code], Some(Type::array(DType::F64, 1)), span) else { return Value::Error };
        let element = |fx: &mut Self, i: i64| {
            let i = fx.const_i64(i);
            Value::Scalar(fx.add(Expr::GetItem(packed, vec![i]), Type::scalar(DType::F64)))
        };
        let complex = |fx: &mut Self, re: i64, im: i64| {
            let (re, im) = (element(fx, re), element(fx, im));
            let joined = fx.join_complex(re, im);
            match joined {
                Value::Scalar(e) if dtype == DType::C64 => Value::Scalar(fx.cast_scalar(e, DType::C64)),
                other => other,
            }
        };
        if name == "det" {
            return complex(self, 3, 4);
        }
        let sign = complex(self, 0, 1);
        let log = match element(self, 2) {
            Value::Scalar(e) if dtype == DType::C64 => Value::Scalar(self.cast_scalar(e, DType::F32)),
            other => other,
        };
        Value::Tuple(Seq::named("SlogdetResult", &["sign", "logabsdet"], vec![sign, log]))
    }
}
