//! Statistics, searching and counting, written with operations the compiler already has:
//! `np.median`/`np.percentile`/`np.quantile` (a sort, then NumPy's linear interpolation
//! between neighbours), `np.unique` (a sort and a mask of first occurrences),
//! `np.searchsorted`/`np.digitize`/`np.interp` (the runtime's binary search),
//! `np.bincount` and `np.histogram` (the runtime's counting), `np.isin`, `np.take`, and
//! small constructors: `np.broadcast_to`, `np.copyto`, `np.atleast_2d`/`3d`, `np.tri`,
//! `np.ndarray`, `np.indices`, `np.array_equal`; also `np.gradient`, `np.take_along_axis`/
//! `np.put_along_axis` and the index grids `np.mgrid`/`np.ogrid`.

use ir::{BinaryOp, CompareOp, Const, DType, EntryPoint, Expr, ExprId, IndexItem, Span, StmtKind, Type};

use super::{FnCx, Value};
use crate::ast::{BinOp, CmpOp};
use crate::diagnostics as diag;

type Args = Vec<(Value, Span)>;
type Kwargs = Vec<(String, Value, Span)>;

/// The functions of this file (`np.<name>`).
pub(crate) const STATS_NAMES: &[&str] = &[
    "median", "percentile", "quantile", "unique", "searchsorted", "digitize", "interp", "bincount", "histogram", "isin",
    "take", "broadcast_to", "copyto", "atleast_2d", "atleast_3d", "tri", "ndarray", "indices", "array_equal", "cov", "corrcoef",
    "gradient", "take_along_axis", "put_along_axis", "mgrid", "ogrid", "put", "fill_diagonal", "logspace", "nansum",
    "nanprod", "nanmax", "nanmin", "nanmean", "convolve", "correlate", "nanargmax", "nanargmin", "nanvar", "nanstd",
    "nanmedian", "nanpercentile", "nanquantile",
];

impl FnCx<'_, '_> {
    pub(crate) fn np(&mut self, name: &str, args: Vec<Value>, kw: Vec<(&str, Value)>, span: Span) -> Value {
        let args = args.into_iter().map(|v| (v, span)).collect();
        let kw = kw.into_iter().map(|(k, v)| (k.to_string(), v, span)).collect();
        self.call_builtin(&format!("numpy.{name}"), args, kw, span)
    }

    pub(crate) fn int_v(&mut self, v: i64) -> Value {
        Value::Scalar(self.const_i64(v))
    }

    fn float_scalar(&mut self, v: f64) -> Value {
        Value::Scalar(self.add(Expr::Const(Const::Float(v)), Type::py_float()))
    }

    fn dim_v(&mut self, a: ExprId, axis: usize) -> ExprId {
        self.add(Expr::Dim(a, axis), Type::py_int())
    }

    /// `a` with index `i` (a host int) taken along `axis` (a view, or an element of 1-D).
    fn take_at(&mut self, a: ExprId, axis: usize, i: ExprId, span: Span) -> Value {
        let Type::Array { dtype, ndim } = self.expr_type(a) else { return Value::Error };
        if ndim == 1 {
            let r = self.add(Expr::GetItem(a, vec![i]), Type::scalar(dtype));
            return Value::Scalar(r);
        }
        let mut index = vec![IndexItem::Slice { start: None, stop: None, step: None }; axis];
        index.push(IndexItem::Index(i));
        Value::Array(self.basic_view(a, index, span))
    }

    /// An array argument; a scalar becomes a 0-d array.
    pub(crate) fn array_or_scalar(&mut self, v: Value, span: Span, fname: &str) -> Option<ExprId> {
        match v {
            Value::Scalar(_) => self.zero_d_array(v, span),
            Value::Tuple(_) => match self.array_literal(v, None, span) {
                Value::Array(a) => Some(a),
                _ => None,
            },
            other => self.array_arg(other, span, fname),
        }
    }

    pub(crate) fn call_stats(&mut self, name: &str, args: Args, kw: Kwargs, span: Span) -> Value {
        let fname = format!("np.{name}");
        match name {
            "median" | "percentile" | "quantile" | "nanmedian" | "nanpercentile" | "nanquantile" => {
                let skip_nan = name.starts_with("nan");
                let plain = name.trim_start_matches("nan");
                let params: &[&str] = if plain == "median" { &["a", "axis"] } else { &["a", "q", "axis"] };
                let Some(p) = self.bind_params(&fname, args, kw, params, params.len() - 1, span) else { return Value::Error };
                let mut it = p.into_iter();
                let (a, aspan) = it.next().flatten().expect("a");
                let q = if plain == "median" { None } else { it.next().flatten() };
                let axis_v = it.next().flatten();
                let Some(a) = self.array_or_scalar(a, aspan, &fname) else { return Value::Error };
                let Type::Array { ndim, .. } = self.expr_type(a) else { return Value::Error };
                let axis = match axis_v {
                    Some((Value::None, _)) | None => None,
                    Some(given) => match self.axis_arg(Some(given), ndim) {
                        Ok(axis) => axis,
                        Err(()) => return Value::Error,
                    },
                };
                // Several quantiles (a list or tuple): one result each, stacked along a new
                // first axis, as NumPy's.
                if let Some((Value::Tuple(seq), qspan)) = &q {
                    let mut results = Vec::new();
                    for item in seq.items.clone() {
                        let mut kw: Kwargs = vec![("q".to_string(), item, *qspan)];
                        if let Some(axis) = axis {
                            kw.push(("axis".to_string(), Value::Scalar(self.const_i64(axis as i64)), span));
                        }
                        let r = self.call_stats(name, vec![(Value::Array(a), aspan)], kw, span);
                        if matches!(r, Value::Error) {
                            return Value::Error;
                        }
                        results.push(r);
                    }
                    if results.is_empty() {
                        self.error(diag::unsupported_call(*qspan, &format!("{fname} of an empty list of quantiles"), None).with_hint("pass at least one quantile"));
                        return Value::Error;
                    }
                    return self.np("stack", vec![Value::Tuple(results.into())], vec![], span);
                }
                let q = match q {
                    None => None,
                    Some((q, qspan)) => {
                        if !matches!(q, Value::Scalar(_)) {
                            self.error(diag::unsupported_call(qspan, &format!("{fname} of several quantiles in an array"), None).with_hint("pass the quantiles as a list or tuple"));
                            return Value::Error;
                        }
                        let q = self.cast_scalar(match q { Value::Scalar(e) => e, _ => unreachable!() }, DType::F64);
                        let (scale, what, top) = if plain == "percentile" { (100.0, "Percentiles", "100") } else { (1.0, "Quantiles", "1") };
                        let zero = self.add(Expr::Const(Const::Float(0.0)), Type::scalar(DType::F64));
                        let max = self.add(Expr::Const(Const::Float(scale)), Type::scalar(DType::F64));
                        let below = self.add(Expr::Compare(CompareOp::Lt, q, zero), Type::scalar(DType::Bool));
                        let above = self.add(Expr::Compare(CompareOp::Gt, q, max), Type::scalar(DType::Bool));
                        let out = self.add(Expr::Logical(ir::LogicalOp::Or, below, above), Type::scalar(DType::Bool));
                        self.raise_kind_if(out, "ValueError", format!("{what} must be in the range [0, {top}]"), span);
                        Some(self.add(Expr::Binary(BinaryOp::TrueDiv, q, max), Type::scalar(DType::F64)))
                    }
                };
                // NumPy's linear interpolation subtracts neighbours, which bools refuse; an
                // empty array has none to subtract, and gives what floats give (NaN, or
                // the IndexError of the plain functions).
                let a = if q.is_some() && self.expr_type(a).dtype() == Some(DType::Bool) {
                    let message = "numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator, or the logical_xor function instead.";
                    let size = self.add(Expr::Size(a), Type::py_int());
                    let zero = self.int_const(0);
                    let nonempty = self.add(Expr::Compare(CompareOp::Gt, size, zero), Type::py_bool());
                    self.raise_kind_if(nonempty, "TypeError", message.into(), span);
                    self.array_as(a, DType::F64, span)
                } else {
                    a
                };
                if skip_nan {
                    self.nan_quantile(a, q, axis, span)
                } else {
                    self.quantile(a, q, axis, span)
                }
            }
            "unique" => self.unique(args, kw, span),
            "searchsorted" => {
                let Some(p) = self.bind_params(&fname, args, kw, &["a", "v", "side"], 2, span) else { return Value::Error };
                let mut it = p.into_iter();
                let (a, aspan) = it.next().flatten().expect("a");
                let (v, vspan) = it.next().flatten().expect("v");
                let side = it.next().flatten();
                let Some(right) = self.str_choice(side, &["left", "right"], 0, "`side` must be the constant \"left\" or \"right\"", "write it as a literal") else {
                    return Value::Error;
                };
                let right = right == 1;
                self.searchsorted(a, aspan, v, vspan, right, span)
            }
            "digitize" => {
                let Some(p) = self.bind_params(&fname, args, kw, &["x", "bins", "right"], 2, span) else { return Value::Error };
                let mut it = p.into_iter();
                let (x, xspan) = it.next().flatten().expect("x");
                let (bins, bspan) = it.next().flatten().expect("bins");
                let Some(right) = self.const_bool_kw(&it.next().flatten().map(|(v, s)| ("right".to_string(), v, s)).into_iter().collect(), "right", false) else {
                    return Value::Error;
                };
                let Some(b) = self.array_or_scalar(bins, bspan, &fname) else { return Value::Error };
                // Increasing bins: where x goes on the right of equal edges (left with right=True).
                // Decreasing: counted from the end of the reversed bins.
                let db = self.np("diff", vec![Value::Array(b)], vec![], span);
                let zero = self.int_v(0);
                let up = self.compare(CmpOp::GtE, db.clone(), zero.clone(), span);
                let increasing = self.np("all", vec![up], vec![], span);
                let down = self.compare(CmpOp::LtE, db, zero, span);
                let decreasing = self.np("all", vec![down], vec![], span);
                let (Value::Scalar(inc), Value::Scalar(dec)) = (increasing, decreasing) else { return Value::Error };
                let either = self.add(Expr::Logical(ir::LogicalOp::Or, inc, dec), Type::scalar(DType::Bool));
                let neither = self.add(Expr::Unary(ir::UnaryOp::Not, either), Type::scalar(DType::Bool));
                self.raise_kind_if(neither, "ValueError", "bins must be monotonically increasing or decreasing".into(), span);
                let forward = self.searchsorted(Value::Array(b), bspan, x.clone(), xspan, !right, span);
                let reversed = {
                    let step = self.const_i64(-1);
                    let flipped = self.basic_view(b, vec![IndexItem::Slice { start: None, stop: None, step: Some(step) }], span);
                    let found = self.searchsorted(Value::Array(flipped), bspan, x, xspan, right, span);
                    let n = self.dim_v(b, 0);
                    self.binary(BinOp::Sub, Value::Scalar(n), found, span)
                };
                self.np("where", vec![Value::Scalar(inc), forward, reversed], vec![], span)
            }
            "interp" => self.interp(args, kw, span),
            "convolve" | "correlate" => {
                let Some(p) = self.bind_params(&fname, args, kw, &["a", "v", "mode"], 2, span) else { return Value::Error };
                let mut it = p.into_iter();
                let (a, aspan) = it.next().flatten().expect("a");
                let (v, vspan) = it.next().flatten().expect("v");
                // NumPy 2's modes: 'valid', 'same', 'full' or 0, 1, 2 (convolve's default is
                // full, correlate's valid); any other string is its ValueError (here a
                // compile error).
                let mode = match it.next().flatten() {
                    None if name == "convolve" => 2,
                    None => 0,
                    Some((m, mspan)) => match (self.const_str(&m), &m) {
                        (Some(text), _) => match text.as_str() {
                            "valid" => 0,
                            "same" => 1,
                            "full" => 2,
                            _ => {
                                // NumPy 2: ValueError: Use one of 'valid', 'same', or 'full' ...
                                self.error(diag::type_error(mspan, "`mode` must be 'valid', 'same' or 'full'", "NumPy 2 takes only these three words (or 0, 1, 2)"));
                                return Value::Error;
                            }
                        },
                        (None, Value::Scalar(e)) if matches!(self.const_int_of(*e), Some(0..=2)) => self.const_int_of(*e).expect("a mode"),
                        _ => {
                            self.error(diag::type_error(mspan, "`mode` must be 'valid', 'same' or 'full'", "write the mode as a string literal"));
                            return Value::Error;
                        }
                    },
                };
                let weak = |fx: &Self, v: &Value| matches!(v, Value::Scalar(e) if matches!(fx.expr_type(*e), Type::Scalar { weak: true, .. }));
                let (wa, wv) = (weak(self, &a), weak(self, &v));
                let mut arrays = Vec::new();
                for (x, xspan) in [(a, aspan), (v, vspan)] {
                    let Some(x) = self.array_or_scalar(x, xspan, &fname) else { return Value::Error };
                    let Type::Array { ndim, .. } = self.expr_type(x) else { return Value::Error };
                    let x = match ndim {
                        // correlate takes no scalar (convolve makes it one element).
                        0 if name == "correlate" => return self.raise_now("ValueError", "object of too small depth for desired array", xspan),
                        0 => {
                            let one = self.const_i64(1);
                            match self.reshape(x, &[one], xspan) {
                                Value::Array(x) => x,
                                _ => return Value::Error,
                            }
                        }
                        1 => x,
                        _ => {
                            self.raise_now("ValueError", "object too deep for desired array", xspan);
                            return Value::Error;
                        }
                    };
                    arrays.push(x);
                }
                let dtype_of = |fx: &Self, x: ExprId| fx.expr_type(x).dtype().unwrap_or(DType::F64);
                let d = super::promote::result_dtype((dtype_of(self, arrays[0]), wa), (dtype_of(self, arrays[1]), wv));
                let compute = match d {
                    DType::F64 | DType::F32 => d,
                    dd if dd.is_int() => DType::I64,
                    other => {
                        self.error(diag::unsupported_dtype(span, &format!("the operands of `{fname}`"), other.numpy_name(), &format!("{name} integer or float arrays")));
                        return Value::Error;
                    }
                };
                if name == "correlate" {
                    return self.correlate(arrays[0], arrays[1], mode, d, compute, span);
                }
                let operands: Vec<ExprId> = arrays.into_iter().map(|x| self.array_as(x, compute, span)).collect();
                let mode = self.const_i64(mode);
                let Some(r) = self.runtime_call(EntryPoint::Convolve, vec![operands[0], operands[1], mode], Some(Type::array(compute, 1)), span) else { return Value::Error };
                if compute == d { Value::Array(r) } else { Value::Array(self.array_as(r, d, span)) }
            }
            "bincount" => {
                let Some(p) = self.bind_params(&fname, args, kw, &["x", "weights", "minlength"], 1, span) else { return Value::Error };
                let mut it = p.into_iter();
                let (x, xspan) = it.next().flatten().expect("x");
                let weights = it.next().flatten().filter(|(w, _)| !matches!(w, Value::None));
                let minlength = match it.next().flatten() {
                    None => self.const_i64(0),
                    Some((m, mspan)) => match self.int_value(m, mspan) {
                        Some(m) => m,
                        None => return Value::Error,
                    },
                };
                // A list of floats converts to int64 (truncated: NumPy 2's deprecated path); an
                // array of floats is the TypeError `bincount` raises.
                let from_list = matches!(x, Value::Tuple(_));
                let Some(x) = self.array_or_scalar(x, xspan, &fname) else { return Value::Error };
                let x = match self.expr_type(x) {
                    Type::Array { dtype, .. } if from_list && dtype.is_float() => self.array_as(x, DType::I64, span),
                    _ => x,
                };
                self.bincount(x, weights, minlength, span)
            }
            "histogram" => self.histogram(args, kw, span),
            "isin" => {
                let Some(p) = self.bind_params(&fname, args, kw, &["element", "test_elements", "assume_unique", "invert"], 2, span) else { return Value::Error };
                let mut it = p.into_iter();
                let (e, espan) = it.next().flatten().expect("element");
                let (t, tspan) = it.next().flatten().expect("test_elements");
                // `assume_unique` changes only NumPy's speed.
                let _assume_unique = it.next().flatten();
                let invert: Kwargs = it.next().flatten().map(|(v, s)| ("invert".to_string(), v, s)).into_iter().collect();
                let Some(invert) = self.const_bool_kw(&invert, "invert", false) else { return Value::Error };
                let t = match t {
                    list @ Value::Tuple(_) => self.array_literal(list, None, tspan),
                    other => other,
                };
                let Some(e) = self.array_or_scalar(e, espan, &fname) else { return Value::Error };
                let Some(t) = self.array_or_scalar(t, tspan, &fname) else { return Value::Error };
                let Type::Array { ndim, .. } = self.expr_type(e) else { return Value::Error };
                // Every element against every test element: `(e[..., None] == t.ravel()).any(-1)`.
                let mut index = vec![IndexItem::Slice { start: None, stop: None, step: None }; ndim];
                index.push(IndexItem::NewAxis);
                let wide = self.basic_view(e, index, span);
                let flat = self.call_shape_method(Value::Array(t), "ravel", vec![], vec![], span);
                let equal = self.compare(CmpOp::Eq, Value::Array(wide), flat, span);
                let last = self.int_v(-1);
                let found = self.np("any", vec![equal], vec![("axis", last)], span);
                if invert {
                    self.np("logical_not", vec![found], vec![], span)
                } else {
                    found
                }
            }
            "take" => {
                let Some(p) = self.bind_params(&fname, args, kw, &["a", "indices", "axis"], 2, span) else { return Value::Error };
                let mut it = p.into_iter();
                let (a, aspan) = it.next().flatten().expect("a");
                let (i, ispan) = it.next().flatten().expect("indices");
                let axis_v = it.next().flatten().filter(|(v, _)| !matches!(v, Value::None));
                let Some(a) = self.array_or_scalar(a, aspan, &fname) else { return Value::Error };
                let Type::Array { ndim, .. } = self.expr_type(a) else { return Value::Error };
                let (a, axis) = match axis_v {
                    None => match self.call_shape_method(Value::Array(a), "ravel", vec![], vec![], aspan) {
                        Value::Array(f) => (f, 0),
                        _ => return Value::Error,
                    },
                    Some(given) => match self.axis_arg(Some(given), ndim) {
                        Ok(Some(axis)) => (a, axis),
                        _ => return Value::Error,
                    },
                };
                match i {
                    Value::Scalar(_) => {
                        let Some(i) = self.int_value(i, ispan) else { return Value::Error };
                        let Type::Array { dtype, ndim } = self.expr_type(a) else { return Value::Error };
                        let n = self.dim_v(a, axis);
                        let wrapped = self.checked_index(i, n, axis, span);
                        if ndim == 1 {
                            Value::Scalar(self.add(Expr::GetItem(a, vec![wrapped]), Type::scalar(dtype)))
                        } else {
                            self.take_at(a, axis, wrapped, span)
                        }
                    }
                    other => {
                        let Some(idx) = self.index_array(other, 1, ispan) else { return Value::Error };
                        let mut items = vec![IndexItem::Slice { start: None, stop: None, step: None }; axis + 1];
                        items.truncate(axis + 1);
                        let read = super::MixedRead { base: a, items, arrays: vec![(axis, idx)] };
                        self.mixed_get(read, span)
                    }
                }
            }
            "broadcast_to" => {
                let Some(p) = self.bind_params(&fname, args, kw, &["array", "shape"], 2, span) else { return Value::Error };
                let mut it = p.into_iter().flatten();
                let (a, aspan) = it.next().expect("array");
                let (s, sspan) = it.next().expect("shape");
                let Some(a) = self.array_or_scalar(a, aspan, &fname) else { return Value::Error };
                let Some(dims) = self.shape_arg(s, sspan) else { return Value::Error };
                Value::Array(self.broadcast_into_new(a, dims, span))
            }
            "copyto" => {
                let Some(p) = self.bind_params(&fname, args, kw, &["dst", "src", "casting", "where"], 2, span) else { return Value::Error };
                let mut it = p.into_iter();
                let (dst, dspan) = it.next().flatten().expect("dst");
                let (src, _) = it.next().flatten().expect("src");
                if let Some((casting, cspan)) = it.next().flatten() {
                    if self.const_str(&casting).as_deref() != Some("same_kind") {
                        self.error(diag::unsupported_call(cspan, "np.copyto with a casting rule other than 'same_kind'", None).with_hint("leave `casting` at its default"));
                        return Value::Error;
                    }
                }
                let mask = it.next().flatten();
                let Value::Array(d) = dst else {
                    self.error(diag::type_error(dspan, "`np.copyto`'s destination must be an array", "pass the array to write into"));
                    return Value::Error;
                };
                let Type::Array { dtype, ndim } = self.expr_type(d) else { return Value::Error };
                if let Some(sd) = self.value_dtype(&src) {
                    let weak = matches!(&src, Value::Scalar(e) if matches!(self.expr_type(*e), Type::Scalar { weak: true, .. }));
                    if !weak && !super::promote::same_kind(sd, dtype) {
                        let message = format!(
                            "Cannot cast array data from dtype('{}') to dtype('{}') according to the rule 'same_kind'",
                            sd.numpy_name(),
                            dtype.numpy_name()
                        );
                        return self.raise_now("TypeError", &message, span);
                    }
                }
                // `where=`: the source where the mask holds, the destination's own value elsewhere.
                let src = match mask {
                    None => src,
                    Some((m, mspan)) => {
                        if self.value_dtype(&m) != Some(DType::Bool) {
                            self.error(diag::type_error(mspan, "`np.copyto`'s `where` must be booleans", "pass a boolean array or a comparison"));
                            return Value::Error;
                        }
                        self.np("where", vec![m, src, Value::Array(d)], vec![], span)
                    }
                };
                self.store_into(d, dtype, ndim, src, span);
                Value::None
            }
            "atleast_2d" | "atleast_3d" => {
                let Some(p) = self.bind_params(&fname, args, kw, &["arys"], 1, span) else { return Value::Error };
                let (a, aspan) = p.into_iter().flatten().next().expect("arys");
                let Some(mut a) = self.array_or_scalar(a, aspan, &fname) else { return Value::Error };
                let Type::Array { ndim, .. } = self.expr_type(a) else { return Value::Error };
                if name == "atleast_2d" {
                    for _ in ndim..2 {
                        a = self.expand(a, 0, span);
                    }
                } else {
                    // 0-d: (1, 1, 1); 1-D (n): (1, n, 1); 2-D (m, n): (m, n, 1).
                    match ndim {
                        0 => {
                            for _ in 0..3 {
                                a = self.expand(a, 0, span);
                            }
                        }
                        1 => {
                            a = self.expand(a, 0, span);
                            a = self.expand(a, 2, span);
                        }
                        2 => a = self.expand(a, 2, span),
                        _ => {}
                    }
                }
                Value::Array(a)
            }
            "tri" => {
                let Some(p) = self.bind_params(&fname, args, kw, &["N", "M", "k", "dtype"], 1, span) else { return Value::Error };
                let mut it = p.into_iter();
                let (n, nspan) = it.next().flatten().expect("N");
                let m = it.next().flatten().filter(|(m, _)| !matches!(m, Value::None));
                let k = it.next().flatten();
                let dtype = it.next().flatten();
                let Some(n) = self.int_value(n, nspan) else { return Value::Error };
                let m = match m {
                    Some((m, mspan)) => match self.int_value(m, mspan) {
                        Some(m) => m,
                        None => return Value::Error,
                    },
                    None => n,
                };
                let shape = Value::Tuple(vec![Value::Scalar(n), Value::Scalar(m)].into());
                let mut kw = vec![];
                if let Some((d, _)) = dtype {
                    kw.push(("dtype", d));
                }
                let ones = self.np("ones", vec![shape], kw, span);
                let mut args = vec![ones];
                if let Some((k, _)) = k {
                    args.push(k);
                }
                self.np("tril", args, vec![], span)
            }
            "ndarray" => self.call_builtin("numpy.empty", args, kw, span),
            "gradient" => self.gradient(args, kw, span),
            "logspace" => {
                // NumPy's `power(base, linspace(start, stop, num, endpoint))`.
                let Some(p) = self.bind_params(&fname, args, kw, &["start", "stop", "num", "endpoint", "base", "dtype"], 2, span) else { return Value::Error };
                let mut it = p.into_iter();
                let start = it.next().flatten().expect("start").0;
                let stop = it.next().flatten().expect("stop").0;
                let num = it.next().flatten().map(|(v, _)| v).unwrap_or_else(|| self.int_v(50));
                let endpoint = it.next().flatten().map(|(v, _)| v);
                let base = it.next().flatten().map(|(v, _)| v).unwrap_or_else(|| self.float_scalar(10.0));
                let dtype = it.next().flatten();
                let mut kw = Vec::new();
                if let Some(e) = endpoint {
                    kw.push(("endpoint", e));
                }
                let y = self.np("linspace", vec![start, stop, num], kw, span);
                let powered = self.np("power", vec![base, y], vec![], span);
                match dtype {
                    None => powered,
                    Some((d, _)) => self.np("asarray", vec![powered], vec![("dtype", d)], span),
                }
            }
            "nansum" | "nanprod" | "nanmax" | "nanmin" | "nanmean" => {
                let Some(p) = self.bind_params(&fname, args, kw, &["a", "axis", "keepdims"], 1, span) else { return Value::Error };
                let mut it = p.into_iter();
                let (a, aspan) = it.next().flatten().expect("a");
                let axis = it.next().flatten().map(|(v, _)| v).unwrap_or(Value::None);
                let keepdims = it.next().flatten().map(|(v, _)| v);
                let Some(a) = self.array_or_scalar(a, aspan, &fname) else { return Value::Error };
                self.nan_reduction(name, a, axis, keepdims, span)
            }
            "nanargmax" | "nanargmin" => {
                let Some(p) = self.bind_params(&fname, args, kw, &["a", "axis"], 1, span) else { return Value::Error };
                let mut it = p.into_iter();
                let (a, aspan) = it.next().flatten().expect("a");
                let axis = it.next().flatten().map(|(v, _)| v).unwrap_or(Value::None);
                let Some(a) = self.array_or_scalar(a, aspan, &fname) else { return Value::Error };
                self.nan_arg_extreme(name, a, axis, span)
            }
            "nanvar" | "nanstd" => {
                let Some(p) = self.bind_params(&fname, args, kw, &["a", "axis", "dtype", "out", "ddof"], 1, span) else { return Value::Error };
                let mut it = p.into_iter();
                let (a, aspan) = it.next().flatten().expect("a");
                let axis = it.next().flatten().map(|(v, _)| v).unwrap_or(Value::None);
                for what in ["dtype", "out"] {
                    if let Some((v, vspan)) = it.next().flatten() {
                        if !matches!(v, Value::None) {
                            self.error(diag::unsupported_keyword(vspan, &fname, what, &["a", "axis", "ddof"]));
                            return Value::Error;
                        }
                    }
                }
                let ddof = it.next().flatten().map(|(v, _)| v).unwrap_or_else(|| self.int_v(0));
                let Some(a) = self.array_or_scalar(a, aspan, &fname) else { return Value::Error };
                self.nan_variance(name, a, axis, ddof, span)
            }
            "fill_diagonal" => {
                // a[i, i] = val for i < min(rows, cols) (NumPy's `a.flat[::cols + 1]` up to the
                // last column), an array `val` repeated in order.
                let Some(p) = self.bind_params(&fname, args, kw, &["a", "val", "wrap"], 2, span) else { return Value::Error };
                let mut it = p.into_iter();
                let (a, aspan) = it.next().flatten().expect("a");
                let (val, vspan) = it.next().flatten().expect("val");
                let Some(wrap) = self.const_int(it.next().flatten(), 0, "wrap") else { return Value::Error };
                let Some(a) = self.array_arg(a, aspan, &fname) else { return Value::Error };
                let Type::Array { ndim, .. } = self.expr_type(a) else { return Value::Error };
                if ndim != 2 {
                    self.error(diag::unsupported_syntax(aspan, "`np.fill_diagonal` of arrays that are not 2-D", "fill the diagonal of each 2-D slice"));
                    return Value::Error;
                }
                if wrap != 0 {
                    self.error(diag::unsupported_syntax(span, "wrapped diagonals (`np.fill_diagonal(..., wrap=True)`)", "fill the blocks of a tall matrix one by one"));
                    return Value::Error;
                }
                let rows = self.dim_v(a, 0);
                let cols = self.dim_v(a, 1);
                let k = self.add(Expr::Binary(BinaryOp::Min, rows, cols), Type::py_int());
                let Value::Array(diagonal) = self.np("arange", vec![Value::Scalar(k)], vec![], span) else { return Value::Error };
                let items = vec![IndexItem::Slice { start: None, stop: None, step: None }; 2];
                let read = super::MixedRead { base: a, items: items.clone(), arrays: vec![(0, diagonal), (1, diagonal)] };
                let Value::Scalar(_) = val else {
                    // Values repeated along the diagonal; none leaves it as it is.
                    let Some(v) = self.array_arg(val, vspan, &fname) else { return Value::Error };
                    let flat = self.flat(v, vspan);
                    let len = self.dim_v(flat, 0);
                    let zero = self.const_i64(0);
                    let some = self.add(Expr::Compare(CompareOp::Gt, len, zero), Type::scalar(DType::Bool));
                    let then_body = self.block(|fx| {
                        let which = fx.binary(BinOp::Mod, Value::Array(diagonal), Value::Scalar(len), span);
                        let values = fx.np("take", vec![Value::Array(flat), which], vec![], span);
                        fx.mixed_set(read, values, span);
                    });
                    self.emit(StmtKind::If { cond: some, then_body, else_body: vec![] }, span);
                    return Value::None;
                };
                let values = val;
                let read = super::MixedRead { base: a, items, arrays: vec![(0, diagonal), (1, diagonal)] };
                self.mixed_set(read, values, span);
                Value::None
            }
            "put" => {
                let Some(p) = self.bind_params(&fname, args, kw, &["a", "ind", "v", "mode"], 3, span) else { return Value::Error };
                let mut it = p.into_iter();
                let (a, aspan) = it.next().flatten().expect("a");
                let (ind, ispan) = it.next().flatten().expect("ind");
                let (v, vspan) = it.next().flatten().expect("v");
                let mode = match it.next().flatten() {
                    None => 0,
                    Some((m, mspan)) => match self.const_str(&m).as_deref() {
                        Some("raise") => 0,
                        Some("wrap") => 1,
                        Some("clip") => 2,
                        Some(other) => {
                            self.error(diag::bad_arguments(mspan, format!("clipmode must be one of 'clip', 'raise', or 'wrap' (got '{other}')")));
                            return Value::Error;
                        }
                        None => {
                            self.error(diag::type_error(mspan, "`mode` must be a string constant", "write 'raise', 'wrap' or 'clip'"));
                            return Value::Error;
                        }
                    },
                };
                let Some(a) = self.array_arg(a, aspan, &fname) else { return Value::Error };
                let Type::Array { dtype, .. } = self.expr_type(a) else { return Value::Error };
                let Some(ind) = self.array_or_scalar(ind, ispan, &fname) else { return Value::Error };
                let Some(v) = self.array_or_scalar(v, vspan, &fname) else { return Value::Error };
                let idtype = self.expr_type(ind).dtype();
                if !idtype.is_some_and(|d| d.is_int() || d == DType::Bool) {
                    let name = idtype.map_or("object", |d| d.numpy_name());
                    self.error(diag::type_error(ispan, format!("Cannot cast array data from dtype('{name}') to dtype('int64') according to the rule 'safe'"), "pass integer positions"));
                    return Value::Error;
                }
                // Flat positions as int64 and values in the array's dtype (NumPy casts them).
                let mut flat = Vec::new();
                for (x, to) in [(ind, DType::I64), (v, dtype)] {
                    let r = self.flat(x, span);
                    let Some((node, n)) = self.as_node(&Value::Array(r)) else { return Value::Error };
                    flat.push(self.materialize(super::lazy::Lazy { node: super::lnode::LNode::cast(node, to), ndim: n }, span));
                }
                let mode = self.const_i64(mode);
                self.runtime_call(EntryPoint::Put, vec![a, flat[0], flat[1], mode], None, span);
                Value::None
            }
            "mgrid" | "ogrid" => {
                self.error(diag::type_error(span, format!("'{}' object is not callable", if name == "mgrid" { "MGridClass" } else { "OGridClass" }), "index it with slices: `np.mgrid[0:n, 0:m]`"));
                Value::Error
            }
            "take_along_axis" | "put_along_axis" => {
                let params: &[&str] = if name == "take_along_axis" { &["arr", "indices", "axis"] } else { &["arr", "indices", "values", "axis"] };
                let required = if name == "take_along_axis" { 2 } else { 4 };
                let Some(p) = self.bind_params(&fname, args, kw, params, required, span) else { return Value::Error };
                let mut it = p.into_iter();
                let (arr, aspan) = it.next().flatten().expect("arr");
                let (idx, ispan) = it.next().flatten().expect("indices");
                let values = if name == "put_along_axis" { it.next().flatten() } else { None };
                let axis_v = it.next().flatten();
                let Some(arr) = self.array_arg(arr, aspan, &fname) else { return Value::Error };
                let Some(idx) = self.array_arg(idx, ispan, &fname) else { return Value::Error };
                let Some(read) = self.along_axis(arr, idx, axis_v, name == "put_along_axis", span) else { return Value::Error };
                match values {
                    None => self.mixed_get(read, span),
                    Some((v, _)) => {
                        self.mixed_set(read, v, span);
                        Value::None
                    }
                }
            }
            "cov" | "corrcoef" => {
                // NumPy's: rows are variables (columns with rowvar=False), centred, then
                // X @ X.T times 1 / (N - ddof); corrcoef divides by the standard deviations
                // and clips to [-1, 1]. A second argument is more rows.
                let params: &[&str] = if name == "cov" { &["m", "y", "rowvar", "bias", "ddof"] } else { &["x", "y", "rowvar"] };
                let Some(p) = self.bind_params(&fname, args, kw, params, 1, span) else { return Value::Error };
                let mut it = p.into_iter();
                let (m, mspan) = it.next().flatten().expect("m");
                let y = it.next().flatten().filter(|(v, _)| !matches!(v, Value::None));
                let flag = |fx: &mut Self, v: Option<(Value, Span)>, key: &str, default: bool| -> Option<bool> {
                    let given: Kwargs = v.map(|(v, s)| (key.to_string(), v, s)).into_iter().collect();
                    fx.const_bool_kw(&given, key, default)
                };
                let Some(rowvar) = flag(self, it.next().flatten(), "rowvar", true) else { return Value::Error };
                let Some(bias) = flag(self, it.next().flatten(), "bias", false) else { return Value::Error };
                let ddof = match it.next().flatten().filter(|(v, _)| !matches!(v, Value::None)) {
                    Some((d, dspan)) => match self.int_value(d, dspan) {
                        Some(d) => d,
                        None => return Value::Error,
                    },
                    None => self.const_i64(if bias { 0 } else { 1 }),
                };
                let rows = |fx: &mut Self, v: Value, vspan: Span, transpose: bool| -> Option<ExprId> {
                    let a = fx.array_or_scalar(v, vspan, &fname)?;
                    let a = fx.array_as(a, DType::F64, vspan);
                    let Value::Array(a) = fx.np("atleast_2d", vec![Value::Array(a)], vec![], vspan) else { return None };
                    let Type::Array { ndim, .. } = fx.expr_type(a) else { return None };
                    if ndim > 2 {
                        fx.error(diag::shape_error(vspan, "m has more than 2 dimensions"));
                        return None;
                    }
                    if transpose {
                        match fx.transposed(a, vspan) {
                            Value::Array(t) => Some(t),
                            _ => None,
                        }
                    } else {
                        Some(a)
                    }
                };
                // A 1-D m is one variable (rowvar aside); NumPy squeezes its 1 x 1 result.
                let m_rank = self.as_node(&m).map_or(0, |(_, n)| n);
                let single = m_rank <= 1 && y.is_none();
                let Some(mut x) = rows(self, m, mspan, m_rank > 1 && !rowvar) else { return Value::Error };
                if let Some((y, yspan)) = y {
                    let y_rank = self.as_node(&y).map_or(0, |(_, n)| n);
                    let Some(y) = rows(self, y, yspan, y_rank > 1 && !rowvar) else { return Value::Error };
                    let Value::Array(both) = self.np("concatenate", vec![Value::Tuple(vec![Value::Array(x), Value::Array(y)].into())], vec![], span) else {
                        return Value::Error;
                    };
                    x = both;
                }
                let n = self.dim_v(x, 1);
                let one = self.int_v(1);
                let mean = self.np("mean", vec![Value::Array(x)], vec![("axis", one)], span);
                let Some(mean) = self.array_or_scalar(mean, span, &fname) else { return Value::Error };
                let column = self.expand(mean, 1, span);
                let centred = self.binary(BinOp::Sub, Value::Array(x), Value::Array(column), span);
                let Some(centred) = self.array_or_scalar(centred, span, &fname) else { return Value::Error };
                let Value::Array(t) = self.transposed(centred, span) else { return Value::Error };
                let product = self.np("dot", vec![Value::Array(centred), Value::Array(t)], vec![], span);
                let fact = self.add(Expr::Binary(BinaryOp::Sub, n, ddof), Type::py_int());
                let factf = self.add(Expr::Cast(DType::F64, fact), Type::scalar(DType::F64));
                let onef = self.add(Expr::Const(Const::Float(1.0)), Type::scalar(DType::F64));
                let inverse = self.add(Expr::Binary(BinaryOp::TrueDiv, onef, factf), Type::scalar(DType::F64));
                let c = self.binary(BinOp::Mul, product, Value::Scalar(inverse), span);
                let c = self.stabilize(c, span);
                let c = if name == "corrcoef" {
                    let Some(c) = self.array_or_scalar(c, span, &fname) else { return Value::Error };
                    let d = self.np("diag", vec![Value::Array(c)], vec![], span);
                    let sd = self.np("sqrt", vec![d], vec![], span);
                    let Some(sd) = self.array_or_scalar(sd, span, &fname) else { return Value::Error };
                    let sd_col = self.expand(sd, 1, span);
                    let sd_row = self.expand(sd, 0, span);
                    let c = self.binary(BinOp::Div, Value::Array(c), Value::Array(sd_col), span);
                    let c = self.binary(BinOp::Div, c, Value::Array(sd_row), span);
                    let low = self.float_scalar(-1.0);
                    let high = self.float_scalar(1.0);
                    let c = self.np("clip", vec![c, low, high], vec![], span);
                    self.stabilize(c, span)
                } else {
                    c
                };
                // NumPy squeezes axes of one: one variable gives a 0-d array.
                let Some(c) = self.array_or_scalar(c, span, &fname) else { return Value::Error };
                if !single {
                    // One row of a 2-D input: NumPy squeezes the 1 x 1 result to 0-d, a shape the
                    // data picks.
                    let variables = self.dim_v(x, 0);
                    let one = self.const_i64(1);
                    let one_var = self.add(Expr::Compare(CompareOp::Eq, variables, one), Type::scalar(DType::Bool));
                    self.raise_kind_if(
                        one_var,
                        "ValueError",
                        format!("legatec: {fname} of one variable in a 2-D array is a 0-d array in NumPy, a shape the data picks; pass the variable as a 1-D array"),
                        span,
                    );
                }
                if single {
                    let zero = self.const_i64(0);
                    return Value::Scalar(self.add(Expr::GetItem(c, vec![zero, zero]), Type::scalar(DType::F64)));
                }
                Value::Array(c)
            }
            "indices" => {
                let Some(p) = self.bind_params(&fname, args, kw, &["dimensions", "dtype"], 1, span) else { return Value::Error };
                let mut it = p.into_iter();
                let (d, dspan) = it.next().flatten().expect("dimensions");
                let dtype = it.next().flatten();
                let Some(dims) = self.shape_arg(d, dspan) else { return Value::Error };
                let rank = dims.len();
                let mut parts = Vec::new();
                for (k, &extent) in dims.iter().enumerate() {
                    let mut kw = vec![];
                    if let Some((d, _)) = &dtype {
                        kw.push(("dtype", d.clone()));
                    }
                    let Value::Array(r) = self.np("arange", vec![Value::Scalar(extent)], kw, span) else { return Value::Error };
                    let index: Vec<IndexItem> = (0..rank)
                        .map(|j| if j == k { IndexItem::Slice { start: None, stop: None, step: None } } else { IndexItem::NewAxis })
                        .collect();
                    let view = self.basic_view(r, index, span);
                    parts.push(self.broadcast_into_new(view, dims.clone(), span));
                }
                if parts.is_empty() {
                    let zero = self.int_v(0);
                    return self.np("zeros", vec![Value::Tuple(vec![zero].into())], vec![("dtype", Value::DType(DType::I64))], span);
                }
                self.stack(parts, 0, span)
            }
            _ => {
                // array_equal: same shape and every element equal (False, not an error,
                // for shapes that differ).
                let Some(p) = self.bind_params(&fname, args, kw, &["a1", "a2"], 2, span) else { return Value::Error };
                let mut it = p.into_iter().flatten();
                let (a, aspan) = it.next().expect("a1");
                let (b, bspan) = it.next().expect("a2");
                let Some(a) = self.array_or_scalar(a, aspan, &fname) else { return Value::Error };
                let Some(b) = self.array_or_scalar(b, bspan, &fname) else { return Value::Error };
                let (Type::Array { ndim: na, .. }, Type::Array { ndim: nb, .. }) = (self.expr_type(a), self.expr_type(b)) else { return Value::Error };
                let result = self.temp(Type::scalar(DType::Bool));
                let no = self.add(Expr::Const(Const::Bool(false)), Type::scalar(DType::Bool));
                self.emit(StmtKind::Assign { dst: result, value: no }, span);
                if na == nb {
                    let mut same = self.add(Expr::Const(Const::Bool(true)), Type::scalar(DType::Bool));
                    for axis in 0..na {
                        let (x, y) = (self.dim_v(a, axis), self.dim_v(b, axis));
                        let eq = self.add(Expr::Compare(CompareOp::Eq, x, y), Type::scalar(DType::Bool));
                        same = self.add(Expr::Logical(ir::LogicalOp::And, same, eq), Type::scalar(DType::Bool));
                    }
                    let then_body = self.block(|fx| {
                        let equal = fx.compare(CmpOp::Eq, Value::Array(a), Value::Array(b), span);
                        if let Value::Scalar(all) = fx.np("all", vec![equal], vec![], span) {
                            let all = fx.cast_scalar(all, DType::Bool);
                            fx.emit(StmtKind::Assign { dst: result, value: all }, span);
                        }
                    });
                    self.emit(StmtKind::If { cond: same, then_body, else_body: vec![] }, span);
                }
                let r = self.read(result);
                Value::Scalar(self.add(Expr::Cast(DType::Bool, r), Type::py_bool()))
            }
        }
    }

    /// An index `i` of an axis of `n` elements, wrapped if negative; NumPy's IndexError
    /// out of range.
    /// `np.gradient(f, *spacing, axis=None, edge_order=1)` with scalar spacings: NumPy's
    /// central differences inside, one-sided differences of first or second order at the
    /// edges, along every axis asked for (one array, or a tuple of one per axis).
    fn gradient(&mut self, args: Vec<(Value, Span)>, kw: Vec<(String, Value, Span)>, span: Span) -> Value {
        let mut args = args.into_iter();
        let Some((f, fspan)) = args.next() else {
            self.error(diag::bad_arguments(span, "gradient() missing 1 required positional argument: 'f'"));
            return Value::Error;
        };
        let spacing: Vec<(Value, Span)> = args.collect();
        let (mut axis_v, mut edge_v) = (None, None);
        for (k, v, kspan) in kw {
            match k.as_str() {
                "axis" => axis_v = Some((v, kspan)),
                "edge_order" => edge_v = Some((v, kspan)),
                _ => {
                    self.error(diag::unsupported_keyword(kspan, "np.gradient", &k, &["axis", "edge_order"]));
                    return Value::Error;
                }
            }
        }
        let Some(f) = self.array_arg(f, fspan, "np.gradient") else { return Value::Error };
        let Type::Array { dtype, ndim } = self.expr_type(f) else { return Value::Error };
        if ndim == 0 || dtype == DType::Bool {
            self.error(diag::type_error(fspan, "`np.gradient` needs an array of numbers of at least one dimension", "pass a 1-D or larger array of ints or floats"));
            return Value::Error;
        }
        let Some(axes) = self.axes_arg(axis_v, ndim, "repeated axis") else { return Value::Error };
        let Some(edge_order) = self.const_int(edge_v.clone(), 1, "edge_order") else { return Value::Error };
        if edge_order != 1 && edge_order != 2 {
            let espan = edge_v.map_or(span, |(_, s)| s);
            self.error(diag::bad_arguments(espan, "'edge_order' must be 1 or 2"));
            return Value::Error;
        }
        let mut steps: Vec<Value> = Vec::new();
        for (v, vspan) in &spacing {
            if !matches!(v, Value::Scalar(_)) {
                self.error(diag::unsupported_syntax(*vspan, "coordinate arrays as spacings of `np.gradient`", "pass one number per axis (uniform spacing)"));
                return Value::Error;
            }
            steps.push(v.clone());
        }
        let steps: Vec<Value> = match steps.len() {
            0 => axes.iter().map(|_| self.float_scalar(1.0)).collect(),
            1 => vec![steps[0].clone(); axes.len()],
            n if n == axes.len() => steps,
            _ => {
                self.error(diag::type_error(span, "invalid number of arguments", "pass no spacing, one, or one per axis"));
                return Value::Error;
            }
        };
        // Integers are differenced as float64, as NumPy converts them first.
        let (f, out_dtype) = if dtype.is_float() {
            (f, dtype)
        } else {
            let Some((node, n)) = self.as_node(&Value::Array(f)) else { return Value::Error };
            (self.materialize(super::lazy::Lazy { node: super::lnode::LNode::cast(node, DType::F64), ndim: n }, span), DType::F64)
        };
        let dims: Vec<ExprId> = (0..ndim).map(|d| self.dim_v(f, d)).collect();
        let mut outs = Vec::new();
        for (&axis, dx) in axes.iter().zip(steps) {
            let need = self.const_i64(edge_order + 1);
            let small = self.add(Expr::Compare(CompareOp::Lt, dims[axis], need), Type::scalar(DType::Bool));
            self.raise_kind_if(
                small,
                "ValueError",
                "Shape of array too small to calculate a numerical gradient, at least (edge_order + 1) elements are required.".to_string(),
                span,
            );
            let out = self.temp(Type::array(out_dtype, ndim));
            self.emit(StmtKind::Alloc { dst: out, dtype: out_dtype, shape: ir::ShapeSpec::Dims(dims.clone()) }, span);
            let out = self.read(out);
            // A slice [start:stop] along `axis` of `a`.
            let along = |fx: &mut Self, a: ExprId, start: Option<i64>, stop: Option<i64>| -> Value {
                let index = (0..ndim)
                    .map(|d| {
                        if d == axis {
                            IndexItem::Slice { start: start.map(|v| fx.const_i64(v)), stop: stop.map(|v| fx.const_i64(v)), step: None }
                        } else {
                            IndexItem::Slice { start: None, stop: None, step: None }
                        }
                    })
                    .collect();
                Value::Array(fx.basic_view(a, index, span))
            };
            // Inside: (f[2:] - f[:-2]) / (2. * dx).
            let two = self.float_scalar(2.0);
            let two_dx = self.binary(BinOp::Mul, two, dx.clone(), span);
            let (hi, lo) = (along(self, f, Some(2), None), along(self, f, None, Some(-2)));
            let d = self.binary(BinOp::Sub, hi, lo, span);
            let inside = self.binary(BinOp::Div, d, two_dx, span);
            let Value::Array(dst) = along(self, out, Some(1), Some(-1)) else { return Value::Error };
            self.store_into(dst, out_dtype, ndim, inside, span);
            if edge_order == 1 {
                // (f[1] - f[0]) / dx and (f[-1] - f[-2]) / dx.
                for (dst_at, a, b) in [((0, 1), (1, 2), (0, 1)), ((-1, 0), (-1, 0), (-2, -1))] {
                    let bound = |v: i64| (v != 0).then_some(v);
                    let x = along(self, f, Some(a.0), bound(a.1));
                    let y = along(self, f, Some(b.0), bound(b.1));
                    let d = self.binary(BinOp::Sub, x, y, span);
                    let edge = self.binary(BinOp::Div, d, dx.clone(), span);
                    let Value::Array(dst) = along(self, out, Some(dst_at.0), bound(dst_at.1)) else { return Value::Error };
                    self.store_into(dst, out_dtype, ndim, edge, span);
                }
            } else {
                // a * f[0] + b * f[1] + c * f[2] with (a, b, c) = (-1.5, 2, -0.5) / dx, and
                // (0.5, -2, 1.5) / dx on f[-3], f[-2], f[-1].
                for (dst_at, coefficients, at) in [
                    ((0, 1), [-1.5, 2.0, -0.5], [(0, 1), (1, 2), (2, 3)]),
                    ((-1, 0), [0.5, -2.0, 1.5], [(-3, -2), (-2, -1), (-1, 0)]),
                ] {
                    let bound = |v: i64| (v != 0).then_some(v);
                    let mut sum: Option<Value> = None;
                    for (c, (start, stop)) in coefficients.into_iter().zip(at) {
                        let c = self.float_scalar(c);
                        let c = self.binary(BinOp::Div, c, dx.clone(), span);
                        let x = along(self, f, Some(start), bound(stop));
                        let term = self.binary(BinOp::Mul, c, x, span);
                        sum = Some(match sum {
                            None => term,
                            Some(acc) => self.binary(BinOp::Add, acc, term, span),
                        });
                    }
                    let Value::Array(dst) = along(self, out, Some(dst_at.0), bound(dst_at.1)) else { return Value::Error };
                    self.store_into(dst, out_dtype, ndim, sum.expect("three terms"), span);
                }
            }
            outs.push(Value::Array(out));
        }
        if outs.len() == 1 {
            outs.pop().expect("one axis")
        } else {
            Value::Tuple(outs.into())
        }
    }

    /// The fancy index of `np.take_along_axis(arr, indices, axis)`: `indices` along `axis`
    /// and, along every other axis, that axis's positions shaped to broadcast against it
    /// (NumPy builds the same index). `axis=None` indexes the flattened array (not for
    /// `put_along_axis`, whose `axis` NumPy requires).
    fn along_axis(&mut self, arr: ExprId, idx: ExprId, axis_v: Option<(Value, Span)>, put: bool, span: Span) -> Option<super::MixedRead> {
        let Type::Array { ndim, .. } = self.expr_type(arr) else { return None };
        let Type::Array { dtype: idtype, ndim: indim } = self.expr_type(idx) else { return None };
        if !idtype.is_int() {
            self.error(diag::type_error(span, "`indices` must be an integer array", "pass integer positions, such as the result of `np.argsort`"));
            return None;
        }
        let (arr, axis) = match axis_v {
            Some((Value::None, vspan)) if put => {
                self.error(diag::bad_arguments(vspan, "`put_along_axis` needs an integer `axis`"));
                return None;
            }
            None if ndim > 0 => (arr, ndim - 1),
            Some((Value::None, _)) => match self.call_shape_method(Value::Array(arr), "ravel", vec![], vec![], span) {
                Value::Array(flat) => (flat, 0),
                _ => return None,
            },
            other => match self.axis_arg(other, ndim.max(1)) {
                Ok(Some(x)) => (arr, x),
                _ => return None,
            },
        };
        let Type::Array { ndim, .. } = self.expr_type(arr) else { return None };
        if indim != ndim {
            self.error(diag::shape_error(span, "`indices` and `arr` must have the same number of dimensions"));
            return None;
        }
        let mut arrays = Vec::new();
        for d in 0..ndim {
            if d == axis {
                arrays.push((d, idx));
                continue;
            }
            let n = self.dim_v(arr, d);
            let Value::Array(positions) = self.np("arange", vec![Value::Scalar(n)], vec![], span) else { return None };
            let index = (0..ndim)
                .map(|e| if e == d { IndexItem::Slice { start: None, stop: None, step: None } } else { IndexItem::NewAxis })
                .collect();
            arrays.push((d, self.basic_view(positions, index, span)));
        }
        let items = vec![IndexItem::Slice { start: None, stop: None, step: None }; ndim];
        Some(super::MixedRead { base: arr, items, arrays })
    }

    /// `np.mgrid[a:b:s, ...]` and `np.ogrid[...]` as NumPy's `nd_grid` computes them: per
    /// slice `ceil((stop - start) / step)` points, or `n` for an imaginary step `nj` (then
    /// the step is `(stop - start) / (n - 1)`), each `i * step + start` with int64 unless a
    /// bound or step is a float; `mgrid` stacks the broadcast grids, `ogrid` returns them
    /// shaped to broadcast. One slice is `np.arange` (or its `nj` form) for both.
    pub(crate) fn index_grid(&mut self, sparse: bool, index: &[crate::ast::IndexExpr], span: Span) -> Value {
        use crate::ast::{ExprKind, IndexExpr};
        struct Axis {
            start: Value,
            stop: Value,
            step: Value,
            /// The number of points of an imaginary step.
            count: Option<i64>,
            float: bool,
        }
        let mut axes = Vec::new();
        for item in index {
            let IndexExpr::Slice { lower, upper, step, span: sspan } = item else {
                self.error(diag::unsupported_syntax(span, "`np.mgrid`/`np.ogrid` subscripts other than slices", "write slices such as `np.mgrid[0:n, 0:m]`"));
                return Value::Error;
            };
            let Some(upper) = upper else {
                self.error(diag::unsupported_syntax(*sspan, "grid slices without a stop", "write the stop, as in `0:n`"));
                return Value::Error;
            };
            let start = match lower {
                Some(e) => self.expr(e),
                None => self.int_v(0),
            };
            let stop = self.expr(upper);
            let (step, count) = match step.as_ref().map(|e| (&e.kind, e)) {
                None => (self.int_v(1), None),
                Some((ExprKind::Imaginary(x), _)) => {
                    let n = x.abs() as i64;
                    let step = if n != 1 {
                        let d = self.binary(BinOp::Sub, stop.clone(), start.clone(), span);
                        let m = self.float_scalar((n - 1) as f64);
                        self.binary(BinOp::Div, d, m, span)
                    } else {
                        self.int_v(1)
                    };
                    (step, Some(n))
                }
                Some((_, e)) => (self.expr(e), None),
            };
            let mut float = count.is_some();
            for v in [&start, &stop, &step] {
                match v {
                    Value::Scalar(e) => match self.expr_type(*e).dtype() {
                        Some(d) if d.is_float() => float = true,
                        Some(d) if d.is_int() || d == DType::Bool => {}
                        _ => {
                            self.error(diag::type_error(*sspan, "grid bounds and steps must be numbers", "write numbers in the slices"));
                            return Value::Error;
                        }
                    },
                    Value::Error => return Value::Error,
                    _ => {
                        self.error(diag::type_error(*sspan, "grid bounds and steps must be numbers", "write numbers in the slices"));
                        return Value::Error;
                    }
                }
            }
            axes.push(Axis { start, stop, step, count, float });
        }
        let typ = if axes.iter().any(|a| a.float) { DType::F64 } else { DType::I64 };
        // The points of each axis: counts, then `arange(n) * step + start`.
        let mut grids = Vec::new();
        for a in &axes {
            if axes.len() == 1 && a.count.is_none() {
                return self.np("arange", vec![a.start.clone(), a.stop.clone(), a.step.clone()], vec![], span);
            }
            let n = match a.count {
                Some(n) => self.int_v(n),
                None => {
                    let d = self.binary(BinOp::Sub, a.stop.clone(), a.start.clone(), span);
                    let q = self.binary(BinOp::Div, d, a.step.clone(), span);
                    let n = self.call_builtin("math.ceil", vec![(q, span)], vec![], span);
                    // mgrid's `np.indices` of a negative count raises; ogrid's `arange` is empty.
                    if let (false, Value::Scalar(count)) = (sparse, &n) {
                        let zero = self.const_i64(0);
                        let negative = self.add(Expr::Compare(CompareOp::Lt, *count, zero), Type::scalar(DType::Bool));
                        self.raise_kind_if(negative, "ValueError", "negative dimensions are not allowed".into(), span);
                    }
                    n
                }
            };
            let Value::Array(positions) = self.np("arange", vec![n], vec![("dtype", Value::DType(typ))], span) else { return Value::Error };
            let scaled = self.binary(BinOp::Mul, Value::Array(positions), a.step.clone(), span);
            grids.push(self.binary(BinOp::Add, scaled, a.start.clone(), span));
        }
        if axes.len() == 1 {
            return grids.pop().expect("one axis");
        }
        let k = grids.len();
        let shaped = |fx: &mut Self, g: Value, d: usize| -> Value {
            let Some(g) = fx.array_arg(g, span, "np.mgrid") else { return Value::Error };
            let index = (0..k).map(|e| if e == d { IndexItem::Slice { start: None, stop: None, step: None } } else { IndexItem::NewAxis }).collect();
            Value::Array(fx.basic_view(g, index, span))
        };
        if sparse {
            let out: Vec<Value> = grids.into_iter().enumerate().map(|(d, g)| shaped(self, g, d)).collect();
            return Value::Tuple(out.into());
        }
        let mut grids_1d = Vec::new();
        for g in grids {
            let Some(g) = self.array_arg(g, span, "np.mgrid") else { return Value::Error };
            grids_1d.push(g);
        }
        let mut dims = vec![self.const_i64(k as i64)];
        for &g in &grids_1d {
            dims.push(self.dim_v(g, 0));
        }
        let out = self.temp(Type::array(typ, k + 1));
        self.emit(StmtKind::Alloc { dst: out, dtype: typ, shape: ir::ShapeSpec::Dims(dims) }, span);
        let out = self.read(out);
        for (d, g) in grids_1d.into_iter().enumerate() {
            let grid = shaped(self, Value::Array(g), d);
            let at = self.const_i64(d as i64);
            let mut index = vec![IndexItem::Index(at)];
            index.extend((0..k).map(|_| IndexItem::Slice { start: None, stop: None, step: None }));
            let dst = self.basic_view(out, index, span);
            self.store_into(dst, typ, k, grid, span);
        }
        Value::Array(out)
    }

    /// The singular values of the matrix `x` (`np.linalg.svd(x, compute_uv=False)`).
    fn singular_values(&mut self, x: ExprId, span: Span) -> Value {
        let no = Value::Scalar(self.add(Expr::Const(Const::Bool(false)), Type::py_bool()));
        self.call_builtin("numpy.linalg.svd", vec![(Value::Array(x), span)], vec![("compute_uv".to_string(), no, span)], span)
    }

    /// `np.linalg.norm(x, ord, axis, keepdims)` as NumPy composes it: vector norms along one
    /// axis (`inf`, `-inf`, 0, 1, 2 and other powers), matrix norms over two (`1`, `-1`,
    /// `inf`, `-inf`, Frobenius, and the 2-norm and nuclear norm from the singular values).
    pub(crate) fn linalg_norm(&mut self, args: Vec<(Value, Span)>, kw: Vec<(String, Value, Span)>, span: Span) -> Value {
        let fname = "np.linalg.norm".to_string();
        let Some(p) = self.bind_params(&fname, args, kw, &["x", "ord", "axis", "keepdims"], 1, span) else { return Value::Error };
        let mut it = p.into_iter();
        let (x, xspan) = it.next().flatten().expect("x");
        let ord_v = it.next().flatten().filter(|(v, _)| !matches!(v, Value::None));
        let axis_v = it.next().flatten().filter(|(v, _)| !matches!(v, Value::None));
        let keepdims = it.next().flatten();
        let Some(keepdims) = self.const_int(keepdims, 0, "keepdims") else { return Value::Error };
        let keepdims = keepdims != 0;
        let Some(x) = self.array_or_scalar(x, xspan, &fname) else { return Value::Error };
        let Type::Array { dtype, ndim } = self.expr_type(x) else { return Value::Error };
        // Of complex values every norm but the matrix 2-norm and nuclear norm (singular
        // values) is that of their magnitudes.
        let complex = dtype.is_complex();
        let (x, dtype) = if complex {
            let magnitudes = match self.call_builtin("numpy.abs", vec![(Value::Array(x), xspan)], vec![], span) {
                Value::Lazy(l) => self.materialize(l, span),
                Value::Array(a) => a,
                _ => return Value::Error,
            };
            (magnitudes, dtype.real_part())
        } else {
            (x, dtype)
        };
        let x = if dtype.is_float() {
            x
        } else {
            let Some((node, n)) = self.as_node(&Value::Array(x)) else { return Value::Error };
            self.materialize(super::lazy::Lazy { node: super::lnode::LNode::cast(node, DType::F64), ndim: n }, span)
        };
        // ord: a number (inf as a float), or 'fro'/'nuc'.
        enum Ord {
            Default,
            Num(f64),
            Name(String),
        }
        let ord = match &ord_v {
            None => Ord::Default,
            Some((v, vspan)) => match self.const_str(v) {
                Some(name) => Ord::Name(name),
                None => {
                    let number = match v {
                        Value::Scalar(e) => match &self.f.exprs[*e] {
                            Expr::Const(Const::Float(f)) => Some(*f),
                            Expr::Const(Const::Int(i)) => Some(*i as f64),
                            Expr::Unary(ir::UnaryOp::Neg, inner) => match &self.f.exprs[*inner] {
                                Expr::Const(Const::Float(f)) => Some(-*f),
                                Expr::Const(Const::Int(i)) => Some(-(*i as f64)),
                                _ => None,
                            },
                            _ => None,
                        },
                        _ => None,
                    };
                    match number {
                        Some(n) => Ord::Num(n),
                        None => {
                            self.error(diag::type_error(*vspan, "`ord` must be a number, `np.inf`, `-np.inf`, 'fro' or 'nuc' written in the call", "write the order as a literal"));
                            return Value::Error;
                        }
                    }
                }
            },
        };
        let axis_given = axis_v.is_some();
        let Some(axes) = self.axes_arg(axis_v, ndim, "Duplicate axes given.") else { return Value::Error };
        let singular_values = axes.len() == 2 && matches!(&ord, Ord::Num(n) if n.abs() == 2.0) || matches!(&ord, Ord::Name(n) if n == "nuc");
        if complex && singular_values {
            self.error(diag::unsupported_dtype(span, "the matrix 2-norm and nuclear norm (singular values) of values", "complex128", "take the norm of a real matrix"));
            return Value::Error;
        }
        if matches!(ord, Ord::Default) && !axis_given {
            // The 2-norm of all elements (NumPy's flattened dot), of any rank.
            let keep = Value::Scalar(self.add(Expr::Const(Const::Bool(keepdims)), Type::py_bool()));
            return self.sqrt_sum_squares(x, Value::None, keep, span);
        }
        let abs = |fx: &mut Self| fx.np("abs", vec![Value::Array(x)], vec![], span);
        let kd = |fx: &mut Self| Value::Scalar(fx.add(Expr::Const(Const::Bool(keepdims)), Type::py_bool()));
        let axis_kw = |fx: &mut Self, a: usize| fx.int_v(a as i64);
        match axes.len() {
            1 => {
                let a = axes[0];
                let (ax, keep) = (axis_kw(self, a), kd(self));
                match ord {
                    Ord::Num(p) if p == f64::INFINITY || p == f64::NEG_INFINITY => {
                        let v = abs(self);
                        self.np(if p > 0.0 { "max" } else { "min" }, vec![v], vec![("axis", ax), ("keepdims", keep)], span)
                    }
                    Ord::Num(p) if p == 0.0 => {
                        let zero = self.float_scalar(0.0);
                        let nonzero = self.compare(CmpOp::NotEq, Value::Array(x), zero, span);
                        let Some((node, n)) = self.as_node(&nonzero) else { return Value::Error };
                        let counted = Value::Lazy(super::lazy::Lazy { node: super::lnode::LNode::cast(node, if dtype == DType::F32 { DType::F32 } else { DType::F64 }), ndim: n });
                        self.np("sum", vec![counted], vec![("axis", ax), ("keepdims", keep)], span)
                    }
                    Ord::Num(p) if p == 1.0 => {
                        let v = abs(self);
                        self.np("sum", vec![v], vec![("axis", ax), ("keepdims", keep)], span)
                    }
                    Ord::Default => self.sqrt_sum_squares(x, ax, keep, span),
                    Ord::Num(p) if p == 2.0 => self.sqrt_sum_squares(x, ax, keep, span),
                    Ord::Num(p) => {
                        let v = abs(self);
                        let pv = self.float_scalar(p);
                        let powered = self.binary(BinOp::Pow, v, pv, span);
                        let summed = self.np("sum", vec![powered], vec![("axis", ax), ("keepdims", keep)], span);
                        let inverse = self.float_scalar(1.0 / p);
                        self.binary(BinOp::Pow, summed, inverse, span)
                    }
                    Ord::Name(name) => {
                        self.error(diag::bad_arguments(ord_v.map_or(span, |(_, s)| s), format!("Invalid norm order '{name}' for vectors")));
                        Value::Error
                    }
                }
            }
            2 => {
                let (row, col) = (axes[0], axes[1]);
                let reduced = match ord {
                    Ord::Default => {
                        let sq = self.binary(BinOp::Mul, Value::Array(x), Value::Array(x), span);
                        let both = Value::Tuple(vec![axis_kw(self, row), axis_kw(self, col)].into());
                        let s = self.np("sum", vec![sq], vec![("axis", both)], span);
                        self.np("sqrt", vec![s], vec![], span)
                    }
                    Ord::Name(name) if name == "fro" || name == "f" => {
                        let sq = self.binary(BinOp::Mul, Value::Array(x), Value::Array(x), span);
                        let both = Value::Tuple(vec![axis_kw(self, row), axis_kw(self, col)].into());
                        let s = self.np("sum", vec![sq], vec![("axis", both)], span);
                        self.np("sqrt", vec![s], vec![], span)
                    }
                    Ord::Num(p) if p.abs() == 1.0 || p.abs() == f64::INFINITY => {
                        // 1: column sums, then their max; inf: row sums, then their max.
                        let (first, second) = if p.abs() == 1.0 { (row, if col > row { col - 1 } else { col }) } else { (col, if row > col { row - 1 } else { row }) };
                        let v = abs(self);
                        let f = axis_kw(self, first);
                        let sums = self.np("sum", vec![v], vec![("axis", f)], span);
                        let s = axis_kw(self, second);
                        self.np(if p > 0.0 { "max" } else { "min" }, vec![sums], vec![("axis", s)], span)
                    }
                    Ord::Num(p) if p.abs() == 2.0 && ndim > 2 => {
                        self.error(diag::unsupported_syntax(ord_v.map_or(span, |(_, s)| s), "2-norms of stacked matrices", "loop over the matrices"));
                        return Value::Error;
                    }
                    Ord::Name(name) if name == "nuc" && ndim > 2 => {
                        self.error(diag::unsupported_syntax(ord_v.map_or(span, |(_, s)| s), "nuclear norms of stacked matrices", "loop over the matrices"));
                        return Value::Error;
                    }
                    Ord::Num(p) if p.abs() == 2.0 => {
                        // The largest (2) or smallest (-2) singular value.
                        let s = self.singular_values(x, span);
                        self.np(if p > 0.0 { "max" } else { "min" }, vec![s], vec![], span)
                    }
                    Ord::Name(name) if name == "nuc" => {
                        let s = self.singular_values(x, span);
                        self.np("sum", vec![s], vec![], span)
                    }
                    Ord::Num(_) => {
                        self.error(diag::bad_arguments(ord_v.map_or(span, |(_, s)| s), "Invalid norm order for matrices."));
                        return Value::Error;
                    }
                    Ord::Name(name) => {
                        self.error(diag::bad_arguments(ord_v.map_or(span, |(_, s)| s), format!("Invalid norm order '{name}' for matrices.")));
                        return Value::Error;
                    }
                };
                if !keepdims {
                    return reduced;
                }
                let Some(r) = self.array_or_scalar(reduced, span, &fname) else { return Value::Error };
                let mut sorted = [row, col];
                sorted.sort();
                let both = Value::Tuple(vec![axis_kw(self, sorted[0]), axis_kw(self, sorted[1])].into());
                self.np("expand_dims", vec![Value::Array(r)], vec![("axis", both)], span)
            }
            _ => {
                self.error(diag::bad_arguments(span, "Improper number of dimensions to norm."));
                Value::Error
            }
        }
    }

    /// `sqrt(sum(x * x, axis))`, NumPy's 2-norm along an axis.
    fn sqrt_sum_squares(&mut self, x: ExprId, axis: Value, keepdims: Value, span: Span) -> Value {
        let sq = self.binary(BinOp::Mul, Value::Array(x), Value::Array(x), span);
        let s = self.np("sum", vec![sq], vec![("axis", axis), ("keepdims", keepdims)], span);
        self.np("sqrt", vec![s], vec![], span)
    }

    /// NumPy's NaN-ignoring reductions: NaN replaced by the identity (`nansum` 0, `nanprod`
    /// 1), `nanmax`/`nanmin` by -inf/+inf with NaN where a slice held only NaN, `nanmean`
    /// the sum over the count of non-NaN elements (NaN for none). Integer and bool arrays
    /// hold no NaN: the plain reductions.
    fn nan_reduction(&mut self, name: &str, a: ExprId, axis: Value, keepdims: Option<Value>, span: Span) -> Value {
        let Type::Array { dtype, .. } = self.expr_type(a) else { return Value::Error };
        let plain = &name[3..];
        let mut kw: Vec<(&str, Value)> = vec![("axis", axis.clone())];
        if let Some(k) = &keepdims {
            kw.push(("keepdims", k.clone()));
        }
        if !dtype.is_float() {
            return self.np(plain, vec![Value::Array(a)], kw, span);
        }
        let nan = self.np("isnan", vec![Value::Array(a)], vec![], span);
        let fill = match plain {
            "sum" | "mean" => 0.0,
            "prod" => 1.0,
            "max" => f64::NEG_INFINITY,
            _ => f64::INFINITY,
        };
        let fill = self.float_scalar(fill);
        let replaced = self.np("where", vec![nan.clone(), fill, Value::Array(a)], vec![], span);
        match plain {
            "sum" | "prod" => self.np(plain, vec![replaced], kw, span),
            "mean" => {
                let total = self.np("sum", vec![replaced], kw.clone(), span);
                let kept = self.np("logical_not", vec![nan], vec![], span);
                let count = self.np("sum", vec![kept], kw, span);
                // NumPy's `_divide_by_count`: the division (in float64 for float32 sums over
                // int64 counts) cast back to the dtype.
                match self.binary(BinOp::Div, total, count, span) {
                    Value::Scalar(e) => {
                        let e = self.cast_scalar(e, dtype);
                        Value::Scalar(self.retype_strong_pub(e))
                    }
                    Value::Error => Value::Error,
                    other => self.np("asarray", vec![other], vec![("dtype", Value::DType(dtype))], span),
                }
            }
            _ => {
                let extreme = self.np(plain, vec![replaced], kw.clone(), span);
                let all_nan = self.np("all", vec![nan], kw, span);
                let nan_value = self.float_scalar(f64::NAN);
                let out = self.np("where", vec![all_nan, nan_value, extreme], vec![], span);
                // A whole-array result is a scalar, as NumPy's is.
                match (&axis, out) {
                    (Value::None, Value::Array(e)) if keepdims.is_none() => {
                        let Type::Array { dtype, ndim: 0 } = self.expr_type(e) else { return Value::Array(e) };
                        Value::Scalar(self.add(Expr::GetItem(e, vec![]), Type::scalar(dtype)))
                    }
                    (_, other) => other,
                }
            }
        }
    }

    /// `np.correlate(a, v, mode)` of real 1-D operands (`mode`: 0 valid, 1 same, 2 full):
    /// the full correlation is the full convolution with `v` reversed; NumPy's `valid` and
    /// `same` windows of it, where `same` is centred as NumPy's swapped computation (a
    /// shorter `a`) centres it; NumPy's ValueErrors for empty operands.
    fn correlate(&mut self, a: ExprId, v: ExprId, mode: i64, d: DType, compute: DType, span: Span) -> Value {
        let n1 = self.dim_v(a, 0);
        let n2 = self.dim_v(v, 0);
        let zero = self.const_i64(0);
        for (n, which) in [(n1, "first"), (n2, "second")] {
            let empty = self.add(Expr::Compare(CompareOp::Eq, n, zero), Type::py_bool());
            self.raise_kind_if(empty, "ValueError", format!("{which} array argument cannot be empty"), span);
        }
        let minus_one = self.const_i64(-1);
        let reversed = self.basic_view(v, vec![IndexItem::Slice { start: None, stop: None, step: Some(minus_one) }], span);
        let a = self.array_as(a, compute, span);
        let reversed = self.array_as(reversed, compute, span);
        let full_mode = self.const_i64(2);
        let Some(full) = self.runtime_call(EntryPoint::Convolve, vec![a, reversed, full_mode], Some(Type::array(compute, 1)), span) else { return Value::Error };
        let result = if mode == 2 {
            full
        } else {
            let one = self.const_i64(1);
            let two = self.const_i64(2);
            let shorter = self.int_binary(BinaryOp::Min, n1, n2);
            let longer = self.int_binary(BinaryOp::Max, n1, n2);
            let (start, stop) = if mode == 0 {
                (self.int_binary(BinaryOp::Sub, shorter, one), longer)
            } else {
                // a at least as long: from (n2 - 1) // 2, n1 long; else the reverse of the
                // window of v's correlation with a, ending (n1 - 1) // 2 before the end.
                let sum = self.int_binary(BinaryOp::Add, n1, n2);
                let full_len = self.int_binary(BinaryOp::Sub, sum, one);
                let m2 = self.int_binary(BinaryOp::Sub, n2, one);
                let first = self.int_binary(BinaryOp::FloorDiv, m2, two);
                let m1 = self.int_binary(BinaryOp::Sub, n1, one);
                let back = self.int_binary(BinaryOp::FloorDiv, m1, two);
                let end = self.int_binary(BinaryOp::Sub, full_len, back);
                let end_start = self.int_binary(BinaryOp::Sub, end, n2);
                let a_longer = self.add(Expr::Compare(CompareOp::Ge, n1, n2), Type::py_bool());
                let start = self.add(Expr::Select(a_longer, first, end_start), Type::py_int());
                let first_stop = self.int_binary(BinaryOp::Add, first, n1);
                let stop = self.add(Expr::Select(a_longer, first_stop, end), Type::py_int());
                (start, stop)
            };
            self.basic_view(full, vec![IndexItem::Slice { start: Some(start), stop: Some(stop), step: None }], span)
        };
        if compute == d { Value::Array(result) } else { Value::Array(self.array_as(result, d, span)) }
    }

    /// `np.nanargmax`/`np.nanargmin` as NumPy writes them: NaN replaced by -inf (+inf) and
    /// the plain `argmax`, after NumPy's ValueError where a slice (of a non-empty array)
    /// holds only NaN. Integer and bool arrays: the plain functions.
    fn nan_arg_extreme(&mut self, name: &str, a: ExprId, axis: Value, span: Span) -> Value {
        let Type::Array { dtype, ndim } = self.expr_type(a) else { return Value::Error };
        let plain = &name[3..];
        if dtype.is_complex() {
            self.error(diag::unsupported_dtype(span, &format!("the operand of `np.{name}`"), dtype.numpy_name(), "take it of the real parts"));
            return Value::Error;
        }
        if !dtype.is_float() {
            return self.np(plain, vec![Value::Array(a)], vec![("axis", axis)], span);
        }
        let mask = self.np("isnan", vec![Value::Array(a)], vec![], span);
        let mask = self.stabilize(mask, span);
        let all = self.np("all", vec![mask.clone()], vec![("axis", axis.clone())], span);
        let any_all = if matches!(axis, Value::None) { all } else { self.np("any", vec![all], vec![], span) };
        let mut size = self.const_i64(1);
        for d in 0..ndim {
            let dim = self.dim_v(a, d);
            size = self.int_binary(BinaryOp::Mul, size, dim);
        }
        let zero = self.const_i64(0);
        if let Value::Scalar(all_nan) = any_all {
            let non_empty = self.add(Expr::Compare(CompareOp::Gt, size, zero), Type::py_bool());
            let all_nan = self.cast_scalar(all_nan, DType::Bool);
            let bad = self.add(Expr::Logical(ir::LogicalOp::And, non_empty, all_nan), Type::py_bool());
            self.raise_kind_if(bad, "ValueError", "All-NaN slice encountered".into(), span);
        } else {
            return Value::Error;
        }
        let fill = self.float_scalar(if plain == "argmax" { f64::NEG_INFINITY } else { f64::INFINITY });
        let replaced = self.np("where", vec![mask, fill, Value::Array(a)], vec![], span);
        self.np(plain, vec![replaced], vec![("axis", axis)], span)
    }

    /// `np.nanvar`/`np.nanstd` as NumPy writes them: the mean of the non-NaN values (their
    /// sum over their count, computed in float64 and cast back to the dtype), the squared
    /// deviations with NaN as 0 summed and divided by `count - ddof` likewise, NaN where that
    /// is not positive; `nanstd` its square root. Integer and bool arrays: `var`/`std`.
    fn nan_variance(&mut self, name: &str, a: ExprId, axis: Value, ddof: Value, span: Span) -> Value {
        let Type::Array { dtype, .. } = self.expr_type(a) else { return Value::Error };
        let plain = &name[3..];
        if dtype.is_complex() {
            self.error(diag::unsupported_dtype(span, &format!("the operand of `np.{name}`"), dtype.numpy_name(), "take it of the real and imaginary parts"));
            return Value::Error;
        }
        if !dtype.is_float() {
            return self.np(plain, vec![Value::Array(a)], vec![("axis", axis), ("ddof", ddof)], span);
        }
        let t = Value::Scalar(self.add(Expr::Const(Const::Bool(true)), Type::py_bool()));
        let mask = self.np("isnan", vec![Value::Array(a)], vec![], span);
        let mask = self.stabilize(mask, span);
        let zero = self.float_scalar(0.0);
        let arr = self.np("where", vec![mask.clone(), zero.clone(), Value::Array(a)], vec![], span);
        let arr = self.stabilize(arr, span);
        let kept = self.np("logical_not", vec![mask.clone()], vec![], span);
        let kept = self.stabilize(kept, span);
        let cnt_k = self.np("sum", vec![kept.clone()], vec![("axis", axis.clone()), ("keepdims", t.clone())], span);
        let sum_k = self.np("sum", vec![arr.clone()], vec![("axis", axis.clone()), ("keepdims", t)], span);
        let avg = self.binary(BinOp::Div, sum_k, cnt_k, span);
        let avg = self.np("asarray", vec![avg], vec![("dtype", Value::DType(dtype))], span);
        let dev = self.binary(BinOp::Sub, arr, avg, span);
        let dev = self.np("where", vec![mask, zero, dev], vec![], span);
        let dev = self.stabilize(dev, span);
        let sqr = self.binary(BinOp::Mul, dev.clone(), dev, span);
        let total = self.np("sum", vec![sqr], vec![("axis", axis.clone())], span);
        let cnt = self.np("sum", vec![kept], vec![("axis", axis)], span);
        let dof = self.binary(BinOp::Sub, cnt, ddof, span);
        let dof = self.stabilize(dof, span);
        let var = self.binary(BinOp::Div, total, dof.clone(), span);
        let zero_i = self.int_v(0);
        let bad = self.compare(CmpOp::LtE, dof, zero_i, span);
        let nan = self.float_scalar(f64::NAN);
        let var = match (var, bad) {
            (Value::Scalar(v), Value::Scalar(b)) => {
                let v = self.cast_scalar(v, dtype);
                let v = self.retype_strong_pub(v);
                let n = self.add(Expr::Const(Const::Float(f64::NAN)), Type::scalar(dtype));
                let b = self.cast_scalar(b, DType::Bool);
                Value::Scalar(self.add(Expr::Select(b, n, v), Type::scalar(dtype)))
            }
            (Value::Error, _) | (_, Value::Error) => return Value::Error,
            (v, b) => {
                let v = self.np("asarray", vec![v], vec![("dtype", Value::DType(dtype))], span);
                self.np("where", vec![b, nan, v], vec![], span)
            }
        };
        if name == "nanstd" { self.np("sqrt", vec![var], vec![], span) } else { var }
    }

    fn checked_index(&mut self, i: ExprId, n: ExprId, axis: usize, span: Span) -> ExprId {
        let zero = self.const_i64(0);
        let negative = self.add(Expr::Compare(CompareOp::Lt, i, zero), Type::scalar(DType::Bool));
        let shifted = self.add(Expr::Binary(BinaryOp::Add, i, n), Type::py_int());
        let wrapped = self.add(Expr::Select(negative, shifted, i), Type::py_int());
        let low = self.add(Expr::Compare(CompareOp::Lt, wrapped, zero), Type::scalar(DType::Bool));
        let high = self.add(Expr::Compare(CompareOp::Ge, wrapped, n), Type::scalar(DType::Bool));
        let out = self.add(Expr::Logical(ir::LogicalOp::Or, low, high), Type::scalar(DType::Bool));
        self.raise_kind_if(out, "IndexError", format!("index out of bounds for axis {axis}"), span);
        wrapped
    }

    /// NumPy's `quantile` (linear method) of `a` at `q` in [0, 1] (`None`: the median,
    /// as NumPy's mean of the middle elements), along `axis` or of the flattened array.
    fn quantile(&mut self, a: ExprId, q: Option<ExprId>, axis: Option<usize>, span: Span) -> Value {
        let Type::Array { dtype, .. } = self.expr_type(a) else { return Value::Error };
        let out = if dtype.is_float() { dtype } else { DType::F64 };
        let axis_kw = match axis {
            Some(x) => self.int_v(x as i64),
            None => Value::None,
        };
        let Value::Array(s) = self.np("sort", vec![Value::Array(a)], vec![("axis", axis_kw)], span) else { return Value::Error };
        let s = if out != dtype {
            let Some((node, ndim)) = self.as_node(&Value::Array(s)) else { return Value::Error };
            self.materialize(super::lazy::Lazy { node: super::lnode::LNode::cast(node, out), ndim }, span)
        } else {
            s
        };
        let ax = axis.unwrap_or(0);
        let n = self.dim_v(s, ax);
        let one = self.const_i64(1);
        let two = self.const_i64(2);
        let last = self.add(Expr::Binary(BinaryOp::Sub, n, one), Type::py_int());
        // An empty axis has no quantile (NumPy: an IndexError for quantiles, NaN for medians).
        let zero = self.const_i64(0);
        let empty = self.add(Expr::Compare(CompareOp::Eq, n, zero), Type::scalar(DType::Bool));
        self.raise_kind_if(empty, "IndexError", "index -1 is out of bounds for axis 0 with size 0".into(), span);
        let result = match q {
            None => {
                let low = self.add(Expr::Binary(BinaryOp::FloorDiv, last, two), Type::py_int());
                let high = self.add(Expr::Binary(BinaryOp::FloorDiv, n, two), Type::py_int());
                let lo = self.take_at(s, ax, low, span);
                let hi = self.take_at(s, ax, high, span);
                let sum = self.binary(BinOp::Add, lo, hi, span);
                let half = Value::Scalar(self.add(Expr::Const(Const::Float(2.0)), Type::scalar(out)));
                self.binary(BinOp::Div, sum, half, span)
            }
            Some(q) => {
                let lastf = self.add(Expr::Cast(DType::F64, last), Type::scalar(DType::F64));
                let virtual_index = self.add(Expr::Binary(BinaryOp::Mul, q, lastf), Type::scalar(DType::F64));
                let floor = self.add(Expr::Math(ir::MathFn::Floor, vec![virtual_index]), Type::scalar(DType::F64));
                let previous = self.add(Expr::Cast(DType::I64, floor), Type::py_int());
                let up = self.add(Expr::Binary(BinaryOp::Add, previous, one), Type::py_int());
                let beyond = self.add(Expr::Compare(CompareOp::Gt, up, last), Type::scalar(DType::Bool));
                let next = self.add(Expr::Select(beyond, last, up), Type::py_int());
                let gamma = self.add(Expr::Binary(BinaryOp::Sub, virtual_index, floor), Type::scalar(DType::F64));
                let gamma = self.add(Expr::Cast(out, gamma), Type::scalar(out));
                let lo = self.take_at(s, ax, previous, span);
                let hi = self.take_at(s, ax, next, span);
                // NumPy's `_lerp`: from the nearer end, so t = 1 gives `hi` exactly.
                let diff = self.binary(BinOp::Sub, hi.clone(), lo.clone(), span);
                let from_lo = self.binary(BinOp::Mul, diff.clone(), Value::Scalar(gamma), span);
                let from_lo = self.binary(BinOp::Add, lo, from_lo, span);
                let onef = self.add(Expr::Const(Const::Float(1.0)), Type::scalar(out));
                let rest = self.add(Expr::Binary(BinaryOp::Sub, onef, gamma), Type::scalar(out));
                let from_hi = self.binary(BinOp::Mul, diff, Value::Scalar(rest), span);
                let from_hi = self.binary(BinOp::Sub, hi, from_hi, span);
                let halfway = self.add(Expr::Const(Const::Float(0.5)), Type::scalar(out));
                let upper = self.add(Expr::Compare(CompareOp::Ge, gamma, halfway), Type::scalar(DType::Bool));
                self.np("where", vec![Value::Scalar(upper), from_hi, from_lo], vec![], span)
            }
        };
        if !out.is_float() || !dtype.is_float() {
            return self.stabilize(result, span);
        }
        // A NaN anywhere (sorted last) makes the result NaN.
        let top = self.take_at(s, ax, last, span);
        let nan = self.np("isnan", vec![top], vec![], span);
        let not_a_number = Value::Scalar(self.add(Expr::Const(Const::Float(f64::NAN)), Type::scalar(out)));
        let r = self.np("where", vec![nan, not_a_number, result], vec![], span);
        self.stabilize(r, span)
    }

    /// `np.nanquantile` (linear method) of `a` at `q` in [0, 1] and `np.nanmedian` (`q`
    /// `None`), along `axis` or of the flattened array: NumPy's quantile of each slice's
    /// values that are not NaN, NaN for a slice without any (NumPy warns). The values are
    /// sorted with one NaN appended along the axis (NaNs sort last, and an empty axis still
    /// has a position to read); each slice's count `k` of values gives its positions, read
    /// with `take_along_axis` where the counts differ from slice to slice.
    fn nan_quantile(&mut self, a: ExprId, q: Option<ExprId>, axis: Option<usize>, span: Span) -> Value {
        let Type::Array { dtype, ndim } = self.expr_type(a) else { return Value::Error };
        if dtype.is_complex() {
            self.error(diag::unsupported_dtype(span, "the operand of a NaN-skipping quantile", dtype.numpy_name(), "take it of the real and imaginary parts"));
            return Value::Error;
        }
        let out = if dtype.is_float() { dtype } else { DType::F64 };
        let work = if axis.is_none() && ndim != 1 {
            let Value::Array(flat) = self.call_shape_method(Value::Array(a), "ravel", vec![], vec![], span) else { return Value::Error };
            flat
        } else {
            a
        };
        let work = if out != dtype { self.array_as(work, out, span) } else { work };
        let Type::Array { ndim: wdim, .. } = self.expr_type(work) else { return Value::Error };
        let ax = axis.unwrap_or(0);
        // The counts: a scalar for one slice, else an int64 array with axis `ax` kept.
        let per_slice = wdim > 1;
        let mask = self.np("isnan", vec![Value::Array(work)], vec![], span);
        let kept = self.np("logical_not", vec![mask], vec![], span);
        let axis_v = if per_slice { self.int_v(ax as i64) } else { Value::None };
        let mut sum_kw = vec![("axis", axis_v)];
        if per_slice {
            sum_kw.push(("keepdims", Value::Scalar(self.add(Expr::Const(Const::Bool(true)), Type::py_bool()))));
        }
        let k = self.np("sum", vec![kept], sum_kw, span);
        let k = self.stabilize(k, span);
        // One NaN appended along the axis, then sorted.
        let mut slab_shape = Vec::new();
        for d in 0..wdim {
            slab_shape.push(if d == ax { self.int_v(1) } else { Value::Scalar(self.dim_v(work, d)) });
        }
        let nan = Value::Scalar(self.add(Expr::Const(Const::Float(f64::NAN)), Type::py_float()));
        let slab = self.np("full", vec![Value::Tuple(slab_shape.into()), nan.clone()], vec![("dtype", Value::DType(out))], span);
        let axis_at = self.int_v(ax as i64);
        let joined = self.np("concatenate", vec![Value::Tuple(vec![Value::Array(work), slab].into())], vec![("axis", axis_at.clone())], span);
        let Value::Array(s) = self.np("sort", vec![joined], vec![("axis", axis_at.clone())], span) else { return Value::Error };
        // The value at position `i` (a count's function) of each slice; positions below 0
        // (an empty slice) read the appended NaN's neighbour and are replaced below.
        let zero = self.int_v(0);
        let at = |fx: &mut Self, i: Value| -> Value {
            let i = fx.np("maximum", vec![i, zero.clone()], vec![], span);
            let i = fx.stabilize(i, span);
            match i {
                Value::Scalar(i) => fx.take_at(s, ax, i, span),
                Value::Array(i) => {
                    let taken = fx.np("take_along_axis", vec![Value::Array(s), Value::Array(i)], vec![("axis", axis_at.clone())], span);
                    let Value::Array(taken) = fx.stabilize(taken, span) else { return Value::Error };
                    let first = fx.const_i64(0);
                    fx.take_at(taken, ax, first, span)
                }
                _ => Value::Error,
            }
        };
        let one = self.int_v(1);
        let two = self.int_v(2);
        let last = self.binary(BinOp::Sub, k.clone(), one.clone(), span);
        let last = self.stabilize(last, span);
        let result = match q {
            None => {
                let low = self.binary(BinOp::FloorDiv, last.clone(), two.clone(), span);
                let high = self.binary(BinOp::FloorDiv, k.clone(), two, span);
                let lo = at(self, low);
                let hi = at(self, high);
                let sum = self.binary(BinOp::Add, lo, hi, span);
                let half = Value::Scalar(self.add(Expr::Const(Const::Float(2.0)), Type::scalar(out)));
                self.binary(BinOp::Div, sum, half, span)
            }
            Some(q) => {
                let lastf = self.np("asarray", vec![last.clone()], vec![("dtype", Value::DType(DType::F64))], span);
                let lastf = match lastf {
                    Value::Array(e) if !per_slice => Value::Scalar(self.add(Expr::GetItem(e, vec![]), Type::scalar(DType::F64))),
                    other => other,
                };
                let q = self.retype(q, Type::scalar(DType::F64));
                let virtual_index = self.binary(BinOp::Mul, Value::Scalar(q), lastf, span);
                let virtual_index = self.stabilize(virtual_index, span);
                let floor = self.np("floor", vec![virtual_index.clone()], vec![], span);
                let floor = self.stabilize(floor, span);
                let previous = self.np("asarray", vec![floor.clone()], vec![("dtype", Value::DType(DType::I64))], span);
                let previous = match previous {
                    Value::Array(e) if !per_slice => Value::Scalar(self.add(Expr::GetItem(e, vec![]), Type::scalar(DType::I64))),
                    other => other,
                };
                let previous = self.stabilize(previous, span);
                let up = self.binary(BinOp::Add, previous.clone(), one, span);
                let next = self.np("minimum", vec![up, last.clone()], vec![], span);
                let gamma = self.binary(BinOp::Sub, virtual_index, floor, span);
                let gamma = self.np("asarray", vec![gamma], vec![("dtype", Value::DType(out))], span);
                let gamma = match gamma {
                    Value::Array(e) if !per_slice => Value::Scalar(self.add(Expr::GetItem(e, vec![]), Type::scalar(out))),
                    other => other,
                };
                let gamma = match self.stabilize(gamma, span) {
                    // The counts' kept axis dropped, as the values read are.
                    Value::Array(g) if per_slice => {
                        let first = self.const_i64(0);
                        self.take_at(g, ax, first, span)
                    }
                    other => other,
                };
                let lo = at(self, previous);
                let hi = at(self, next);
                // NumPy's `_lerp`: from the nearer end, so t = 1 gives `hi` exactly.
                let diff = self.binary(BinOp::Sub, hi.clone(), lo.clone(), span);
                let diff = self.stabilize(diff, span);
                let from_lo = self.binary(BinOp::Mul, diff.clone(), gamma.clone(), span);
                let from_lo = self.binary(BinOp::Add, lo, from_lo, span);
                let onef = Value::Scalar(self.add(Expr::Const(Const::Float(1.0)), Type::scalar(out)));
                let rest = self.binary(BinOp::Sub, onef, gamma.clone(), span);
                let from_hi = self.binary(BinOp::Mul, diff, rest, span);
                let from_hi = self.binary(BinOp::Sub, hi, from_hi, span);
                let halfway = Value::Scalar(self.add(Expr::Const(Const::Float(0.5)), Type::scalar(out)));
                let upper = self.compare(CmpOp::GtE, gamma, halfway, span);
                self.np("where", vec![upper, from_hi, from_lo], vec![], span)
            }
        };
        let result = self.stabilize(result, span);
        // A slice without values is NaN.
        let none = self.compare(CmpOp::Eq, k, zero, span);
        let none = self.stabilize(none, span);
        match (result, none) {
            (Value::Scalar(r), Value::Scalar(b)) => {
                let r = self.cast_scalar(r, out);
                let r = self.retype_strong_pub(r);
                let n = self.add(Expr::Const(Const::Float(f64::NAN)), Type::scalar(out));
                let b = self.cast_scalar(b, DType::Bool);
                Value::Scalar(self.add(Expr::Select(b, n, r), Type::scalar(out)))
            }
            (Value::Error, _) | (_, Value::Error) => Value::Error,
            (r, b) => {
                let b = match b {
                    Value::Array(b) => {
                        let first = self.const_i64(0);
                        self.take_at(b, ax, first, span)
                    }
                    other => other,
                };
                let nan = Value::Scalar(self.add(Expr::Const(Const::Float(f64::NAN)), Type::scalar(out)));
                let r = self.np("where", vec![b, nan, r], vec![], span);
                self.stabilize(r, span)
            }
        }
    }

    fn searchsorted(&mut self, a: Value, aspan: Span, v: Value, vspan: Span, right: bool, span: Span) -> Value {
        let scalar = matches!(v, Value::Scalar(_));
        let Some(a) = self.array_or_scalar(a, aspan, "np.searchsorted") else { return Value::Error };
        let Some(v) = self.array_or_scalar(v, vspan, "np.searchsorted") else { return Value::Error };
        let (Type::Array { dtype: ad, .. }, Type::Array { dtype: vd, ndim }) = (self.expr_type(a), self.expr_type(v)) else { return Value::Error };
        let common = DType::promote(ad, vd);
        let a = self.array_as(a, common, aspan);
        let v = self.array_as(v, common, vspan);
        let side = self.const_i64(i64::from(right));
        let Some(r) = self.runtime_call(EntryPoint::Searchsorted, vec![a, v, side], Some(Type::array(DType::I64, ndim)), span) else {
            return Value::Error;
        };
        if scalar {
            Value::Scalar(self.add(Expr::GetItem(r, vec![]), Type::scalar(DType::I64)))
        } else {
            Value::Array(r)
        }
    }

    pub(crate) fn bincount(&mut self, x: ExprId, weights: Option<(Value, Span)>, minlength: ExprId, span: Span) -> Value {
        match weights {
            None => self.runtime_call(EntryPoint::Bincount, vec![x, minlength], Some(Type::array(DType::I64, 1)), span),
            Some((w, wspan)) => {
                let Some(w) = self.array_or_scalar(w, wspan, "np.bincount") else { return Value::Error };
                self.runtime_call(EntryPoint::BincountWeighted, vec![x, w, minlength], Some(Type::array(DType::F64, 1)), span)
            }
        }
        .map_or(Value::Error, Value::Array)
    }

    /// `np.unique(ar, return_index, return_inverse, return_counts)` of the flattened array
    /// (NaNs count as one, as NumPy 2's `equal_nan=True`).
    fn unique(&mut self, args: Args, kw: Kwargs, span: Span) -> Value {
        let fname = "np.unique";
        let Some(p) = self.bind_params(fname, args, kw, &["ar", "return_index", "return_inverse", "return_counts"], 1, span) else { return Value::Error };
        let mut it = p.into_iter();
        let (a, aspan) = it.next().flatten().expect("ar");
        let mut flags = [false; 3];
        for (k, name) in ["return_index", "return_inverse", "return_counts"].iter().enumerate() {
            let given: Kwargs = it.next().flatten().map(|(v, s)| (name.to_string(), v, s)).into_iter().collect();
            let Some(b) = self.const_bool_kw(&given, name, false) else { return Value::Error };
            flags[k] = b;
        }
        let Some(a) = self.array_or_scalar(a, aspan, fname) else { return Value::Error };
        let Value::Array(flat) = self.call_shape_method(Value::Array(a), "ravel", vec![], vec![], span) else { return Value::Error };
        let stable = Value::Str(self.str_const("stable"));
        let Value::Array(order) = self.np("argsort", vec![Value::Array(flat)], vec![("kind", stable)], span) else { return Value::Error };
        let Value::Array(sorted) = self.fancy_get(flat, order, span) else { return Value::Error };
        // First occurrences in sorted order: the first element, and each that differs from
        // the one before (two NaNs do not).
        let n = self.dim_v(sorted, 0);
        let one = self.const_i64(1);
        let tail = self.basic_view(sorted, vec![IndexItem::Slice { start: Some(one), stop: None, step: None }], span);
        let minus_one = self.const_i64(-1);
        let head = self.basic_view(sorted, vec![IndexItem::Slice { start: None, stop: Some(minus_one), step: None }], span);
        let differ = self.compare(CmpOp::NotEq, Value::Array(tail), Value::Array(head), span);
        let Type::Array { dtype, .. } = self.expr_type(sorted) else { return Value::Error };
        let differ = if dtype.is_float() {
            let a_nan = self.np("isnan", vec![Value::Array(tail)], vec![], span);
            let b_nan = self.np("isnan", vec![Value::Array(head)], vec![], span);
            let both = self.np("logical_and", vec![a_nan, b_nan], vec![], span);
            let not_both = self.np("logical_not", vec![both], vec![], span);
            self.np("logical_and", vec![differ, not_both], vec![], span)
        } else {
            differ
        };
        let Some(differ) = self.array_or_scalar(differ, span, fname) else { return Value::Error };
        // `first` has n elements (none when n is 0): [n > 0] + differ.
        let zero = self.const_i64(0);
        let nonempty = self.add(Expr::Compare(CompareOp::Gt, n, zero), Type::scalar(DType::Bool));
        let lead_len = self.add(Expr::Cast(DType::I64, nonempty), Type::py_int());
        let Value::Array(lead) = self.np("ones", vec![Value::Scalar(lead_len)], vec![("dtype", Value::DType(DType::Bool))], span) else { return Value::Error };
        let Value::Array(first) = self.np("concatenate", vec![Value::Tuple(vec![Value::Array(lead), Value::Array(differ)].into())], vec![], span) else {
            return Value::Error;
        };
        let Value::Array(values) = self.fancy_get(sorted, first, span) else { return Value::Error };
        if flags == [false; 3] {
            return Value::Array(values);
        }
        let mut out = vec![Value::Array(values)];
        let Value::Array(starts) = self.np("flatnonzero", vec![Value::Array(first)], vec![], span) else { return Value::Error };
        if flags[0] {
            out.push(self.fancy_get(order, starts, span));
        }
        if flags[1] {
            // The group of each sorted element, sent back to where it came from.
            let Value::Array(group) = self.np("cumsum", vec![Value::Array(first)], vec![], span) else { return Value::Error };
            let group = self.binary(BinOp::Sub, Value::Array(group), Value::Scalar(one), span);
            let Value::Array(inverse) = self.np("empty", vec![Value::Scalar(n)], vec![("dtype", Value::DType(DType::I64))], span) else { return Value::Error };
            self.fancy_set(inverse, order, group, span);
            let Type::Array { ndim, .. } = self.expr_type(a) else { return Value::Error };
            let dims: Vec<ExprId> = (0..ndim).map(|d| self.dim_v(a, d)).collect();
            out.push(if ndim == 1 { Value::Array(inverse) } else { self.reshape(inverse, &dims, span) });
        }
        if flags[2] {
            let end = Value::Array(self.int_list(&[n], span));
            let Value::Array(bounds) = self.np("concatenate", vec![Value::Tuple(vec![Value::Array(starts), end].into())], vec![], span) else { return Value::Error };
            out.push(self.np("diff", vec![Value::Array(bounds)], vec![], span));
        }
        Value::Tuple(out.into())
    }

    /// `np.interp(x, xp, fp, left, right)` as NumPy's C loop computes it.
    fn interp(&mut self, args: Args, kw: Kwargs, span: Span) -> Value {
        let fname = "np.interp";
        let Some(p) = self.bind_params(fname, args, kw, &["x", "xp", "fp", "left", "right"], 3, span) else { return Value::Error };
        let mut it = p.into_iter();
        let (x, xspan) = it.next().flatten().expect("x");
        let (xp, xpspan) = it.next().flatten().expect("xp");
        let (fp, fpspan) = it.next().flatten().expect("fp");
        let left = it.next().flatten().filter(|(v, _)| !matches!(v, Value::None));
        let right = it.next().flatten().filter(|(v, _)| !matches!(v, Value::None));
        let scalar = matches!(x, Value::Scalar(_));
        let Some(x) = self.array_or_scalar(x, xspan, fname) else { return Value::Error };
        let Some(xp) = self.array_or_scalar(xp, xpspan, fname) else { return Value::Error };
        let Some(fp) = self.array_or_scalar(fp, fpspan, fname) else { return Value::Error };
        // A scalar x as one element (read back at the end).
        let x = if scalar {
            let one = self.const_i64(1);
            match self.reshape(x, &[one], xspan) {
                Value::Array(x) => x,
                _ => return Value::Error,
            }
        } else {
            x
        };
        let x = self.array_as(x, DType::F64, xspan);
        let xp = self.array_as(xp, DType::F64, xpspan);
        let fp = self.array_as(fp, DType::F64, fpspan);
        let n = self.dim_v(xp, 0);
        let nf = self.dim_v(fp, 0);
        let differ = self.add(Expr::Compare(CompareOp::Ne, n, nf), Type::scalar(DType::Bool));
        self.raise_kind_if(differ, "ValueError", "fp and xp are not of the same length.".into(), span);
        let zero = self.const_i64(0);
        let empty = self.add(Expr::Compare(CompareOp::Eq, n, zero), Type::scalar(DType::Bool));
        self.raise_kind_if(empty, "ValueError", "array of sample points is empty".into(), span);
        let one = self.const_i64(1);
        let two = self.const_i64(2);
        let last = self.add(Expr::Binary(BinaryOp::Sub, n, one), Type::py_int());
        let below_last = self.add(Expr::Binary(BinaryOp::Sub, n, two), Type::py_int());
        let zero_floor = self.add(Expr::Compare(CompareOp::Lt, below_last, zero), Type::scalar(DType::Bool));
        let top = self.add(Expr::Select(zero_floor, zero, below_last), Type::py_int());
        // j: the interval of each x, clipped to [0, n - 2].
        let Value::Array(found) = self.searchsorted(Value::Array(xp), xpspan, Value::Array(x), xspan, true, span) else { return Value::Error };
        let j = self.binary(BinOp::Sub, Value::Array(found), Value::Scalar(one), span);
        let j = self.np("clip", vec![j, Value::Scalar(zero), Value::Scalar(top)], vec![], span);
        let Some(j) = self.array_or_scalar(j, span, fname) else { return Value::Error };
        let j1 = self.binary(BinOp::Add, Value::Array(j), Value::Scalar(one), span);
        let j1 = self.np("minimum", vec![j1, Value::Scalar(last)], vec![], span);
        let Some(j1) = self.array_or_scalar(j1, span, fname) else { return Value::Error };
        let Value::Array(xj) = self.fancy_get(xp, j, span) else { return Value::Error };
        let Value::Array(xj1) = self.fancy_get(xp, j1, span) else { return Value::Error };
        let Value::Array(fj) = self.fancy_get(fp, j, span) else { return Value::Error };
        let Value::Array(fj1) = self.fancy_get(fp, j1, span) else { return Value::Error };
        let (x, xj, xj1, fj, fj1) = (Value::Array(x), Value::Array(xj), Value::Array(xj1), Value::Array(fj), Value::Array(fj1));
        let rise = self.binary(BinOp::Sub, fj1.clone(), fj.clone(), span);
        let run = self.binary(BinOp::Sub, xj1.clone(), xj.clone(), span);
        let slope = self.binary(BinOp::Div, rise, run, span);
        let slope = self.stabilize(slope, span);
        let dx = self.binary(BinOp::Sub, x.clone(), xj.clone(), span);
        let r = self.binary(BinOp::Mul, slope.clone(), dx, span);
        let r = self.binary(BinOp::Add, r, fj.clone(), span);
        let r = self.stabilize(r, span);
        // A NaN from one end: from the other; then equal neighbours give their value.
        let dx1 = self.binary(BinOp::Sub, x.clone(), xj1, span);
        let r1 = self.binary(BinOp::Mul, slope, dx1, span);
        let r1 = self.binary(BinOp::Add, r1, fj1.clone(), span);
        let nan = self.np("isnan", vec![r.clone()], vec![], span);
        let r = self.np("where", vec![nan, r1, r], vec![], span);
        let r = self.stabilize(r, span);
        let nan = self.np("isnan", vec![r.clone()], vec![], span);
        let same = self.compare(CmpOp::Eq, fj.clone(), fj1, span);
        let both = self.np("logical_and", vec![nan, same], vec![], span);
        let r = self.np("where", vec![both, fj.clone(), r], vec![], span);
        let at = self.compare(CmpOp::Eq, x.clone(), xj, span);
        let r = self.np("where", vec![at, fj, r], vec![], span);
        // Outside the sample points: left and right (fp's ends by default); at the last one, fp's last.
        let fp_first = self.take_at(fp, 0, zero, span);
        let fp_last = self.take_at(fp, 0, last, span);
        let xp_first = self.take_at(xp, 0, zero, span);
        let xp_last = self.take_at(xp, 0, last, span);
        let is_last = self.compare(CmpOp::Eq, x.clone(), xp_last.clone(), span);
        let r = self.np("where", vec![is_last, fp_last.clone(), r], vec![], span);
        let left = left.map_or(fp_first, |(v, _)| v);
        let right = right.map_or(fp_last, |(v, _)| v);
        let below = self.compare(CmpOp::Lt, x.clone(), xp_first, span);
        let r = self.np("where", vec![below, left, r], vec![], span);
        let above = self.compare(CmpOp::Gt, x, xp_last, span);
        let r = self.np("where", vec![above, right, r], vec![], span);
        let r = self.stabilize(r, span);
        match r {
            Value::Array(e) if scalar => {
                let zero = self.const_i64(0);
                Value::Scalar(self.add(Expr::GetItem(e, vec![zero]), Type::scalar(DType::F64)))
            }
            other => other,
        }
    }

    /// `np.histogram(a, bins=10, range=None, density=False, weights=None)`: counts (or sums
    /// of weights) in equal bins over the range (the data's by default), each value's bin
    /// found among the edges as NumPy's correction of its arithmetic finds it, summed by
    /// `bincount`; or between given edges (unweighted), by searching the sorted data.
    fn histogram(&mut self, args: Args, kw: Kwargs, span: Span) -> Value {
        let fname = "np.histogram";
        let Some(p) = self.bind_params(fname, args, kw, &["a", "bins", "range", "density", "weights"], 1, span) else { return Value::Error };
        let mut it = p.into_iter();
        let (a, aspan) = it.next().flatten().expect("a");
        let bins = it.next().flatten();
        let range = it.next().flatten().filter(|(v, _)| !matches!(v, Value::None));
        let density: Kwargs = it.next().flatten().map(|(v, s)| ("density".to_string(), v, s)).into_iter().collect();
        let Some(density) = self.const_bool_kw(&density, "density", false) else { return Value::Error };
        let weights = it.next().flatten().filter(|(v, _)| !matches!(v, Value::None));
        let Some(a) = self.array_or_scalar(a, aspan, fname) else { return Value::Error };
        let Value::Array(flat) = self.call_shape_method(Value::Array(a), "ravel", vec![], vec![], span) else { return Value::Error };
        let weights = match weights {
            None => None,
            Some((w, wspan)) => {
                let Some(w) = self.array_or_scalar(w, wspan, fname) else { return Value::Error };
                let Value::Array(w) = self.call_shape_method(Value::Array(w), "ravel", vec![], vec![], span) else { return Value::Error };
                Some(w)
            }
        };
        let weights_dtype = weights.and_then(|w| self.expr_type(w).dtype());
        let one = self.const_i64(1);
        let minus_one = self.const_i64(-1);
        let (counts, edges) = match bins {
            Some((b @ (Value::Array(_) | Value::Tuple(_) | Value::Lazy(_)), bspan)) => {
                // NumPy ignores `range` where the edges are given.
                let Some(edges) = self.array_or_scalar(b, bspan, fname) else { return Value::Error };
                let steps = self.np("diff", vec![Value::Array(edges)], vec![], span);
                let zero = self.int_v(0);
                let down = self.compare(CmpOp::Lt, steps, zero, span);
                let Value::Scalar(decreasing) = self.np("any", vec![down], vec![], span) else { return Value::Error };
                let decreasing = self.cast_scalar(decreasing, DType::Bool);
                self.raise_kind_if(decreasing, "ValueError", "`bins` must increase monotonically, when an array".into(), span);
                // The count in [e_i, e_{i+1}), the last bin closed: how many sorted values lie
                // below each edge. With weights, as NumPy: the running sums of the weights in
                // the values' sorted order, read at those positions.
                let (sorted, running) = match weights {
                    None => {
                        let Value::Array(sorted) = self.np("sort", vec![Value::Array(flat)], vec![], span) else { return Value::Error };
                        (sorted, None)
                    }
                    Some(w) => {
                        let Value::Array(order) = self.np("argsort", vec![Value::Array(flat)], vec![], span) else { return Value::Error };
                        let Value::Array(sorted) = self.np("take", vec![Value::Array(flat), Value::Array(order)], vec![], span) else { return Value::Error };
                        let sw = self.np("take", vec![Value::Array(w), Value::Array(order)], vec![], span);
                        let sums = self.np("cumsum", vec![sw], vec![], span);
                        let Value::Array(sums) = self.stabilize(sums, span) else { return Value::Error };
                        let Type::Array { dtype: wd, .. } = self.expr_type(sums) else { return Value::Error };
                        let one_item = Value::Tuple(vec![self.int_v(1)].into());
                        let first = self.np("zeros", vec![one_item], vec![("dtype", Value::DType(wd))], span);
                        let Value::Array(cw) = self.np("concatenate", vec![Value::Tuple(vec![first, Value::Array(sums)].into())], vec![], span) else { return Value::Error };
                        (sorted, Some(cw))
                    }
                };
                let inner = self.basic_view(edges, vec![IndexItem::Slice { start: None, stop: Some(minus_one), step: None }], span);
                let lasts = self.basic_view(edges, vec![IndexItem::Slice { start: Some(minus_one), stop: None, step: None }], span);
                let Value::Array(lo) = self.searchsorted(Value::Array(sorted), span, Value::Array(inner), span, false, span) else { return Value::Error };
                let Value::Array(hi) = self.searchsorted(Value::Array(sorted), span, Value::Array(lasts), span, true, span) else { return Value::Error };
                let Value::Array(cum) = self.np("concatenate", vec![Value::Tuple(vec![Value::Array(lo), Value::Array(hi)].into())], vec![], span) else { return Value::Error };
                let cum = match running {
                    None => Value::Array(cum),
                    Some(cw) => self.np("take", vec![Value::Array(cw), Value::Array(cum)], vec![], span),
                };
                (self.np("diff", vec![cum], vec![], span), edges)
            }
            bins => {
                let count = match bins {
                    None => self.const_i64(10),
                    Some((b, bspan)) => match self.int_value(b, bspan) {
                        Some(b) => b,
                        None => return Value::Error,
                    },
                };
                let bad = self.add(Expr::Compare(CompareOp::Lt, count, one), Type::scalar(DType::Bool));
                self.raise_kind_if(bad, "ValueError", "`bins` must be positive, when an integer".into(), span);
                let size = self.add(Expr::Size(flat), Type::py_int());
                let (first, last) = match range {
                    Some((Value::Tuple(items), _)) if items.len() == 2 => {
                        let mut it = items.into_iter();
                        let (f, l) = (it.next().expect("two"), it.next().expect("two"));
                        let (Value::Scalar(f), Value::Scalar(l)) = (f, l) else { return Value::Error };
                        (self.cast_scalar(f, DType::F64), self.cast_scalar(l, DType::F64))
                    }
                    Some((_, rspan)) => {
                        self.error(diag::type_error(rspan, "`range` must be a pair of numbers", "write range=(low, high)"));
                        return Value::Error;
                    }
                    None => {
                        // The data's range; (0, 1) for no data.
                        let zero = self.const_i64(0);
                        let empty = self.add(Expr::Compare(CompareOp::Eq, size, zero), Type::scalar(DType::Bool));
                        let lo_v = self.temp(Type::scalar(DType::F64));
                        let hi_v = self.temp(Type::scalar(DType::F64));
                        let z = self.add(Expr::Const(Const::Float(0.0)), Type::scalar(DType::F64));
                        let o = self.add(Expr::Const(Const::Float(1.0)), Type::scalar(DType::F64));
                        self.emit(StmtKind::Assign { dst: lo_v, value: z }, span);
                        self.emit(StmtKind::Assign { dst: hi_v, value: o }, span);
                        let else_body = self.block(|fx| {
                            let mn = fx.np("min", vec![Value::Array(flat)], vec![], span);
                            let mx = fx.np("max", vec![Value::Array(flat)], vec![], span);
                            if let (Value::Scalar(mn), Value::Scalar(mx)) = (mn, mx) {
                                let mn = fx.cast_scalar(mn, DType::F64);
                                let mx = fx.cast_scalar(mx, DType::F64);
                                fx.emit(StmtKind::Assign { dst: lo_v, value: mn }, span);
                                fx.emit(StmtKind::Assign { dst: hi_v, value: mx }, span);
                            }
                        });
                        self.emit(StmtKind::If { cond: empty, then_body: vec![], else_body }, span);
                        (self.read(lo_v), self.read(hi_v))
                    }
                };
                let lower_above = self.add(Expr::Compare(CompareOp::Gt, first, last), Type::scalar(DType::Bool));
                self.raise_kind_if(lower_above, "ValueError", "max must be larger than min in range parameter.".into(), span);
                // Equal ends widen by a half on each side.
                let same = self.add(Expr::Compare(CompareOp::Eq, first, last), Type::scalar(DType::Bool));
                let half = self.add(Expr::Const(Const::Float(0.5)), Type::scalar(DType::F64));
                let first_w = self.add(Expr::Binary(BinaryOp::Sub, first, half), Type::scalar(DType::F64));
                let last_w = self.add(Expr::Binary(BinaryOp::Add, last, half), Type::scalar(DType::F64));
                let first = self.add(Expr::Select(same, first_w, first), Type::scalar(DType::F64));
                let last = self.add(Expr::Select(same, last_w, last), Type::scalar(DType::F64));
                let n_edges = self.add(Expr::Binary(BinaryOp::Add, count, one), Type::py_int());
                let Value::Array(edges) = self.np("linspace", vec![Value::Scalar(first), Value::Scalar(last), Value::Scalar(n_edges)], vec![], span) else {
                    return Value::Error;
                };
                // The values in the range, and each one's bin: the last edge at or below it
                // (the last bin closed).
                let x = self.array_as(flat, DType::F64, span);
                let lo_ok = self.compare(CmpOp::GtE, Value::Array(x), Value::Scalar(first), span);
                let hi_ok = self.compare(CmpOp::LtE, Value::Array(x), Value::Scalar(last), span);
                let keep = self.np("logical_and", vec![lo_ok, hi_ok], vec![], span);
                let Some(keep) = self.array_or_scalar(keep, span, fname) else { return Value::Error };
                let Value::Array(kept) = self.fancy_get(x, keep, span) else { return Value::Error };
                let Value::Array(after) = self.searchsorted(Value::Array(edges), span, Value::Array(kept), span, true, span) else { return Value::Error };
                let bin = self.binary(BinOp::Sub, Value::Array(after), Value::Scalar(one), span);
                let top = self.add(Expr::Binary(BinaryOp::Sub, count, one), Type::py_int());
                let bin = self.np("minimum", vec![bin, Value::Scalar(top)], vec![], span);
                let Some(bin) = self.array_or_scalar(bin, span, fname) else { return Value::Error };
                let weights = match weights {
                    None => None,
                    Some(w) => match self.fancy_get(w, keep, span) {
                        Value::Array(w) => Some((Value::Array(w), span)),
                        _ => return Value::Error,
                    },
                };
                (self.bincount(bin, weights, count, span), edges)
            }
        };
        // Int weights give counts of their dtype (NumPy adds the sums into an array of it).
        let counts = match weights_dtype {
            Some(d) if !d.is_float() && self.value_dtype(&counts) != Some(d) => {
                let Some((node, ndim)) = self.as_node(&counts) else { return Value::Error };
                Value::Array(self.materialize(super::lazy::Lazy { node: super::lnode::LNode::cast(node, d), ndim }, span))
            }
            _ => counts,
        };
        let counts = if density {
            let total = self.np("sum", vec![counts.clone()], vec![], span);
            let widths = self.np("diff", vec![Value::Array(edges)], vec![], span);
            let scale = self.binary(BinOp::Mul, total, widths, span);
            let c = self.binary(BinOp::Div, counts, scale, span);
            self.stabilize(c, span)
        } else {
            counts
        };
        Value::Tuple(vec![counts, Value::Array(edges)].into())
    }
}
