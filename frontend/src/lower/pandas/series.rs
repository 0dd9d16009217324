//! Series: attributes, methods, and pandas' reductions (`nanops`: NaN skipped, `ddof=1`).

use std::rc::Rc;

use super::{Args, Col, IndexV, Kwargs, Series, SERIES_ATTRS};
use crate::diagnostics as diag;
use crate::lower::{FnCx, Value};
use ir::{CompareOp, Const, DType, Expr, ExprId, Span, StmtKind, Type};

impl FnCx<'_, '_> {
    /// `s.attr`.
    pub(crate) fn series_attr(&mut self, s: Rc<Series>, attr: &str, span: Span) -> Value {
        match attr {
            "values" => self.series_array(&s, span),
            "shape" => {
                let n = self.index_len(&s.index);
                Value::Tuple(vec![Value::Scalar(n)].into())
            }
            "name" => match &s.name {
                Some(n) => Value::Str(self.str_const(n)),
                None => Value::None,
            },
            "str" | "dt" | "cat" => self.series_accessor(s, attr, span),
            "index" => Value::Method(Box::new(Value::Series(s)), attr.into()),
            "dtype" if matches!(s.data, Value::Column(_)) => {
                self.error(diag::type_error(span, "the dtype object of a str, datetime or category Series", "print(df.dtypes) shows it"));
                Value::Error
            }
            "dtype" => {
                // pandas computed the values (and raised what they raise): so does this.
                if let Value::Lazy(l) = &s.data {
                    self.materialize(l.clone(), span);
                }
                match self.value_dtype(&s.data) {
                    Some(d) => Value::DType(d),
                    None => Value::Error,
                }
            }
            a if SERIES_ATTRS.contains(&a) => Value::Method(Box::new(Value::Series(s)), attr.into()),
            _ => {
                self.error(diag::unsupported_pandas_call(span, "Series", attr, SERIES_ATTRS));
                Value::Error
            }
        }
    }

    /// The values of 1-D `a` (of float dtype `fd`) moved `k` rows down (up for a negative
    /// `k`), NaN in the rows left empty: pandas' `shift(k)`, made of a slice and a run of NaN
    /// (so it splits over ranks as slices do).
    fn shifted_values(&mut self, a: ExprId, k: i64, fd: DType, span: Span) -> Value {
        if k == 0 {
            return Value::Array(a);
        }
        let kept = if k > 0 {
            ir::IndexItem::Slice { start: None, stop: Some(self.const_i64(-k)), step: None }
        } else {
            ir::IndexItem::Slice { start: Some(self.const_i64(-k)), stop: None, step: None }
        };
        let kept = self.basic_view(a, vec![kept], span);
        let n = self.add(Expr::Dim(a, 0), Type::py_int());
        let m = self.add(Expr::Dim(kept, 0), Type::py_int());
        let empty = self.add(Expr::Binary(ir::BinaryOp::Sub, n, m), Type::py_int());
        let nan = Value::Scalar(self.add(Expr::Const(Const::Float(f64::NAN)), Type::py_float()));
        let pad = self.np("full", vec![Value::Scalar(empty), nan], vec![("dtype", Value::DType(fd))], span);
        let parts = if k > 0 { vec![pad, Value::Array(kept)] } else { vec![Value::Array(kept), pad] };
        self.np("concatenate", vec![Value::Tuple(parts.into())], vec![], span)
    }

    /// A series' values as an array (`s.to_numpy()`, `s.values`).
    pub(crate) fn series_array(&mut self, s: &Series, span: Span) -> Value {
        match s.data.clone() {
            Value::Lazy(l) => Value::Array(self.materialize(l, span)),
            Value::Column(c) if c.kind == super::Kind::Num && c.na => {
                // pandas gives the NumPy dtype where nothing is missing, else an object array.
                if let Some(valid) = c.valid {
                    let valid = self.read(valid);
                    if let Value::Scalar(all) = self.call_builtin("numpy.all", vec![(Value::Array(valid), span)], vec![], span) {
                        let missing = self.add(Expr::Unary(ir::UnaryOp::Not, all), Type::py_bool());
                        let ct = self.col_type(c);
                        self.raise_kind_if(missing, "ValueError", format!("legatec: the values of a {} Series with <NA> are an object array in pandas, which legatec does not have", ct.pandas_name()), span);
                    }
                }
                Value::Array(self.read(c.values))
            }
            Value::Column(c) if c.kind == super::Kind::Num => {
                let c = self.unmasked(s.name.as_deref().unwrap_or(""), c, span);
                Value::Array(self.read(c.values))
            }
            Value::Column(c) => {
                let ct = self.col_type(c);
                self.error(diag::type_error(span, format!("the values of a {} Series as a NumPy array (pandas gives an object array)", ct.pandas_name()), "legatec's arrays hold numbers; keep the column in the frame"));
                Value::Error
            }
            other => other,
        }
    }

    /// The values of a series operand, checking that two series share their index.
    pub(crate) fn series_operands(&mut self, l: Value, r: Value, span: Span) -> Option<(Value, Value, Option<String>, IndexV)> {
        let (name, index) = self.combined_index(&l, &r, span)?;
        if [&l, &r].iter().any(|v| matches!(v, Value::Series(s) if matches!(s.data, Value::Column(c) if c.na))) {
            self.error(diag::type_error(span, "arithmetic or logic on a nullable Series (`string`, `Int64`, `boolean`: pandas' results are further extension dtypes legatec does not have)", "convert first: `.astype(\"float64\")`, or `.fillna(...)` then `.astype(\"int64\")` / `.astype(bool)`"));
            return None;
        }
        if [&l, &r].iter().any(|v| matches!(v, Value::Series(s) if matches!(s.data, Value::Column(_)))) {
            self.error(diag::type_error(span, "arithmetic on a str, datetime or category Series", "use its `.str` / `.dt` methods, or compare it with a constant"));
            return None;
        }
        let unwrap = |v: Value| match v {
            Value::Series(s) => s.data.clone(),
            other => other,
        };
        Some((unwrap(l), unwrap(r), name, index))
    }

    /// The name and index of an elementwise result of `l` and `r` (one of them a series): two
    /// series must share their index (pandas would align them by label); the name is
    /// kept where both have it.
    pub(crate) fn combined_index(&mut self, l: &Value, r: &Value, span: Span) -> Option<(Option<String>, IndexV)> {
        Some(match (l, r) {
            (Value::Series(a), Value::Series(b)) => {
                if !self.same_index(&a.index, &b.index, span) {
                    self.error(diag::type_error(span, "these two Series have different indexes", "pandas would align them by label, which legatec does not do; combine columns of one frame, or use `.to_numpy()`"));
                    return None;
                }
                (if a.name == b.name { a.name.clone() } else { None }, a.index.clone())
            }
            (Value::Series(a), _) | (_, Value::Series(a)) => (a.name.clone(), a.index.clone()),
            _ => unreachable!("a series operand"),
        })
    }

    /// Wraps an elementwise result as a series.
    pub(crate) fn as_series(&mut self, v: Value, name: Option<String>, index: IndexV, span: Span) -> Value {
        // Every Series made from a computed value comes here: a complex result would be a
        // column the frame layer does not have.
        if matches!(v, Value::Array(_) | Value::Lazy(_)) && self.value_dtype(&v).is_some_and(ir::DType::is_complex) {
            self.error(diag::complex_column(span));
            return Value::Error;
        }
        match v {
            Value::Array(_) | Value::Lazy(_) => Value::Series(Rc::new(Series { name, data: v, index })),
            other => other,
        }
    }

    pub(crate) fn call_series_method(&mut self, s: Rc<Series>, name: &str, args: Args, kw: Kwargs, span: Span) -> Value {
        let fname = format!("Series.{name}");
        // Methods that take no keyword here (`inplace=True` would change what they do).
        let allowed: &[&str] = if name == "copy" { &["deep"] } else { &[] };
        if ["isna", "notna", "fillna", "dropna", "abs", "cumsum", "isin", "copy"].contains(&name) && self.keywords(&fname, kw.clone(), allowed).is_none() {
            return Value::Error;
        }
        if let Value::Column(c) = s.data.clone() {
            if name != "to_numpy" {
                return self.column_method(s, c, name, args, kw, span);
            }
        }
        match name {
            "to_numpy" => {
                let Some(_) = self.keywords(&fname, kw, &[]) else { return Value::Error };
                if !self.arity(&fname, &args, 0, 0, span) {
                    return Value::Error;
                }
                self.series_array(&s, span)
            }
            "copy" => Value::Series(s),
            "describe" | "round" => {
                let Value::Array(a) = self.series_array(&s, span) else { return Value::Error };
                let p = self.array_place(a, span);
                let f = super::Frame { columns: vec![(s.name.clone().unwrap_or_default(), Col::num(p))], index: s.index.clone() };
                if name == "describe" {
                    let Some(_) = self.keywords(&fname, kw, &[]) else { return Value::Error };
                    return self.describe(&f, Some(s.name.clone()), span);
                }
                match self.round_frame(&f, args, kw, span) {
                    Some(r) => self.col_series(s.name.clone(), r.columns[0].1, r.index.clone()),
                    None => Value::Error,
                }
            }
            "where" => self.series_where(&s, args, kw, span),
            "isna" | "notna" => {
                let Value::Array(a) = self.series_array(&s, span) else { return Value::Error };
                let mut v = self.missing_of(a, span);
                if name == "notna" {
                    v = self.unary(crate::ast::UnaryOp::Invert, v, span);
                }
                self.as_series(v, s.name.clone(), s.index.clone(), span)
            }
            "shift" | "diff" | "pct_change" => {
                let Some(p) = self.bind_params(&fname, args, kw, &["periods"], 0, span) else { return Value::Error };
                let Some(k) = self.const_int(p.into_iter().next().flatten(), 1, "periods") else { return Value::Error };
                let Value::Array(a) = self.series_array(&s, span) else { return Value::Error };
                let Type::Array { dtype, .. } = self.expr_type(a) else { return Value::Error };
                if !(dtype.is_int() || dtype.is_float()) {
                    let what = format!("`{fname}` of a {} Series (pandas gives an object Series)", dtype.numpy_name());
                    self.error(diag::type_error(span, what, "convert the values first, e.g. `.astype(\"float64\")`"));
                    return Value::Error;
                }
                // Integers become float64 (the rows shifted in are NaN); floats keep their dtype.
                let fd = if dtype.is_float() { dtype } else { DType::F64 };
                let values = self.call_method(Value::Array(a), "astype", vec![(Value::DType(fd), span)], vec![], span);
                let Some(values) = self.array_arg(values, span, &fname) else { return Value::Error };
                let shifted = self.shifted_values(values, k, fd, span);
                let values = Value::Array(values);
                let r = match name {
                    "shift" => shifted,
                    "diff" => self.binary(crate::ast::BinOp::Sub, values, shifted, span),
                    _ => {
                        let ratio = self.binary(crate::ast::BinOp::Div, values, shifted, span);
                        let one = Value::Scalar(self.const_i64(1));
                        self.binary(crate::ast::BinOp::Sub, ratio, one, span)
                    }
                };
                self.as_series(r, s.name.clone(), s.index.clone(), span)
            }
            "fillna" => {
                let Some((v, vspan)) = self.single_arg(&fname, args, span) else { return Value::Error };
                let Value::Array(a) = self.series_array(&s, span) else { return Value::Error };
                if !self.expr_type(a).dtype().is_some_and(|d| d.is_float()) {
                    return Value::Series(s);
                }
                let nan = self.missing_of(a, span);
                let r = self.call_builtin("numpy.where", vec![(nan, span), (v, vspan), (Value::Array(a), span)], vec![], span);
                self.as_series(r, s.name.clone(), s.index.clone(), span)
            }
            "isin" => {
                let Some((v, vspan)) = self.single_arg(&fname, args, span) else { return Value::Error };
                let Value::Tuple(items) = v else {
                    self.error(diag::type_error(vspan, "`isin` takes a list of values here", "write `s.isin([1, 2])`"));
                    return Value::Error;
                };
                let Value::Array(a) = self.series_array(&s, span) else { return Value::Error };
                let mut acc: Option<Value> = None;
                for item in items {
                    let eq = self.compare(crate::ast::CmpOp::Eq, Value::Array(a), item, vspan);
                    acc = Some(match acc {
                        None => eq,
                        Some(prev) => self.elementwise2(ir::BinaryOp::BitOr, prev, eq, span),
                    });
                }
                let r = match acc {
                    Some(r) => r,
                    None => self.missing_of(a, span),
                };
                self.as_series(r, s.name.clone(), s.index.clone(), span)
            }
            "cumsum" => {
                // pandas skips NaN: the running sum goes on, NaN stays where it was.
                let Value::Array(a) = self.series_array(&s, span) else { return Value::Error };
                let float = self.expr_type(a).dtype().is_some_and(|d| d.is_float());
                let r = if float {
                    let nan = self.missing_of(a, span);
                    let nan = self.stabilize(nan, span);
                    let zero = Value::Scalar(self.add(Expr::Const(Const::Float(0.0)), Type::py_float()));
                    let filled = self.call_builtin("numpy.where", vec![(nan.clone(), span), (zero, span), (Value::Array(a), span)], vec![], span);
                    let sums = self.call_builtin("numpy.cumsum", vec![(filled, span)], vec![], span);
                    let nanv = Value::Scalar(self.add(Expr::Const(Const::Float(f64::NAN)), Type::py_float()));
                    self.call_builtin("numpy.where", vec![(nan, span), (nanv, span), (sums, span)], vec![], span)
                } else {
                    self.call_builtin("numpy.cumsum", vec![(Value::Array(a), span)], vec![], span)
                };
                self.as_series(r, s.name.clone(), s.index.clone(), span)
            }
            "map" | "apply" => {
                // A function of one scalar, inlined over the values: elementwise, so it fuses.
                let Some(_) = self.keywords(&fname, kw, &[]) else { return Value::Error };
                let Some((f, fspan)) = self.single_arg(&fname, args, span) else { return Value::Error };
                let data = s.data.clone();
                // Its arithmetic is on Python scalars (pandas passes each value alone).
                self.python_elements += 1;
                let r = match f {
                    Value::Lambda(l) => self.call_lambda(&l, vec![(data, span)], vec![], span),
                    Value::UserFunc(_) | Value::Builtin(_) => self.call_value_pub(f, vec![(data, span)], vec![], span),
                    Value::Error => Value::Error,
                    other => {
                        let d = self.describe_value(&other);
                        self.error(diag::type_error(fspan, format!("`{fname}` of {d} is not supported"), "pass a lambda or a function of one number"));
                        Value::Error
                    }
                };
                self.python_elements -= 1;
                if matches!(r, Value::Error) {
                    return Value::Error;
                }
                match r {
                    Value::Scalar(_) => {
                        // A constant function: one value per row.
                        let Value::Array(a) = self.series_array(&s, span) else { return Value::Error };
                        let n = self.add(Expr::Dim(a, 0), Type::py_int());
                        let full = self.call_builtin("numpy.full", vec![(Value::Scalar(n), span), (r, span)], vec![], span);
                        self.as_series(full, s.name.clone(), s.index.clone(), span)
                    }
                    other => self.as_series(other, s.name.clone(), s.index.clone(), span),
                }
            }
            "median" => {
                let Some(_) = self.keywords(&fname, kw, &[]) else { return Value::Error };
                let Value::Array(a) = self.series_array(&s, span) else { return Value::Error };
                let Type::Array { dtype, .. } = self.expr_type(a) else { return Value::Error };
                let out = if dtype == DType::F32 { DType::F32 } else { DType::F64 };
                let p = self.array_place(a, span);
                let kind = self.push_col(Col::num(p), span);
                let r = self.frame_run(&["reduce".into(), "median".into(), kind, super::ColType::num(out).code()], &[Type::array(out, 1)], span)[0];
                let r = self.read(r);
                let zero = self.const_i64(0);
                Value::Scalar(self.add(Expr::GetItem(r, vec![zero]), Type::scalar(out)))
            }
            "unique" | "nunique" | "value_counts" => {
                let Some(_) = self.keywords(&fname, kw, &[]) else { return Value::Error };
                let Value::Array(a) = self.series_array(&s, span) else { return Value::Error };
                let p = self.array_place(a, span);
                if name == "value_counts" {
                    return self.value_counts(&s, Col::num(p), span);
                }
                let ty = self.expr_type(a);
                let kind = self.push_col(Col::num(p), span);
                let u = self.frame_run(&["unique".into(), kind], &[ty], span)[0];
                let u = self.read(u);
                if name == "unique" {
                    Value::Array(u)
                } else {
                    // NaN is not counted (dropna).
                    let nan = self.missing_of(u, span);
                    let n = self.add(Expr::Dim(u, 0), Type::scalar(DType::I64));
                    let nans = self.call_builtin("numpy.sum", vec![(nan, span)], vec![], span);
                    self.binary(crate::ast::BinOp::Sub, Value::Scalar(n), nans, span)
                }
            }
            "head" | "tail" | "dropna" | "sort_values" => {
                // As the rows of a one-column frame.
                let Value::Array(a) = self.series_array(&s, span) else { return Value::Error };
                let p = self.array_place(a, span);
                self.series_rows(&s, Col::num(p), name, args, kw, span)
            }
            "abs" => {
                let r = self.math(ir::MathFn::Abs, s.data.clone(), span);
                self.as_series(r, s.name.clone(), s.index.clone(), span)
            }
            "astype" if kw.is_empty() && args.len() == 1 && self.is_str_dtype(&args[0].0) => self.numbers_to_str(&s, span),
            "astype" => {
                let r = self.call_method(s.data.clone(), "astype", args, kw, span);
                self.as_series(r, s.name.clone(), s.index.clone(), span)
            }
            "sum" | "mean" | "min" | "max" | "count" | "std" | "var" | "prod" => {
                let Some(kw) = self.keywords(&fname, kw, &["skipna", "ddof"]) else { return Value::Error };
                if !self.arity(&fname, &args, 0, 0, span) {
                    return Value::Error;
                }
                let mut skipna = true;
                let mut ddof = 1;
                for (k, v, vspan) in kw {
                    if k == "skipna" {
                        match &v {
                            Value::Scalar(e) if self.const_bool(*e).is_some() => skipna = self.const_bool(*e).unwrap_or(true),
                            _ => {
                                self.error(diag::type_error(vspan, "`skipna` must be True or False", "write a constant"));
                                return Value::Error;
                            }
                        }
                    } else {
                        let Some(d) = self.const_int(Some((v, vspan)), 1, "ddof") else { return Value::Error };
                        ddof = d;
                    }
                }
                let Value::Array(a) = self.series_array(&s, span) else { return Value::Error };
                self.series_reduce(a, name, skipna, ddof, span)
            }
            _ => {
                self.error(diag::unsupported_pandas_call(span, "Series", name, SERIES_ATTRS));
                Value::Error
            }
        }
    }

    /// `cond ? a : b` of scalars, as float64.
    fn select_f64(&mut self, cond: Value, a: Value, b: Value, span: Span) -> Value {
        let as_f64 = |fx: &mut Self, v: Value| -> Option<ExprId> {
            match fx.stabilize(v, span) {
                Value::Scalar(e) => {
                    let c = fx.cast_scalar(e, DType::F64);
                    Some(fx.add(Expr::Cast(DType::F64, c), Type::scalar(DType::F64)))
                }
                _ => None,
            }
        };
        let (Value::Scalar(c), Some(a), Some(b)) = (cond, as_f64(self, a), as_f64(self, b)) else {
            self.error(diag::type_error(span, "a pandas reduction that is not a scalar", "this is a bug in legatec"));
            return Value::Error;
        };
        Value::Scalar(self.add(Expr::Select(c, a, b), Type::scalar(DType::F64)))
    }

    /// A pandas reduction of a 1-D array (pandas' `nanops`): NaN skipped when `skipna`,
    /// `ddof` for std and var.
    fn series_reduce(&mut self, a: ExprId, name: &str, skipna: bool, ddof: i64, span: Span) -> Value {
        use crate::ast::{BinOp, CmpOp};
        let Type::Array { dtype, .. } = self.expr_type(a) else { return Value::Error };
        let float = dtype.is_float();
        let call = |fx: &mut Self, f: &str, args: Vec<Value>| -> Value {
            let args = args.into_iter().map(|v| (v, span)).collect();
            fx.call_builtin(&format!("numpy.{f}"), args, vec![], span)
        };
        let float_const = |fx: &mut Self, x: f64| Value::Scalar(fx.add(Expr::Const(Const::Float(x)), Type::py_float()));
        // The elements that count: all, or those that are not NaN (a bool array).
        let valid = if float && skipna {
            let nan = call(self, "isnan", vec![Value::Array(a)]);
            let v = self.unary(crate::ast::UnaryOp::Invert, nan, span);
            Some(self.stabilize(v, span))
        } else {
            None
        };
        let count = |fx: &mut Self| -> Value {
            match &valid {
                Some(v) => call(fx, "sum", vec![v.clone()]),
                None => Value::Scalar(fx.add(Expr::Size(a), Type::scalar(DType::I64))),
            }
        };
        // The array with skipped elements replaced by `fill`.
        let filled = |fx: &mut Self, x: Value, fill: f64| -> Value {
            match &valid {
                Some(v) => {
                    let f = float_const(fx, fill);
                    call(fx, "where", vec![v.clone(), x, f])
                }
                None => x,
            }
        };
        match name {
            "count" => count(self),
            "sum" => {
                let x = filled(self, Value::Array(a), 0.0);
                call(self, "sum", vec![x])
            }
            "prod" => {
                let x = filled(self, Value::Array(a), 1.0);
                call(self, "prod", vec![x])
            }
            "mean" if valid.is_none() => call(self, "mean", vec![Value::Array(a)]),
            "mean" => {
                // pandas sums and counts in the values' float type (float32 stays float32).
                let x = filled(self, Value::Array(a), 0.0);
                let total = call(self, "sum", vec![x]);
                let n = count(self);
                let Value::Scalar(n) = self.stabilize(n, span) else { return Value::Error };
                let c = self.cast_scalar(n, dtype);
                let n = Value::Scalar(self.add(Expr::Cast(dtype, c), Type::scalar(dtype)));
                self.binary(BinOp::Div, total, n, span)
            }
            "min" | "max" => {
                if !float {
                    let n = self.add(Expr::Size(a), Type::py_int());
                    let zero = self.const_i64(0);
                    let empty = self.add(Expr::Compare(CompareOp::Eq, n, zero), Type::py_bool());
                    // pandas gives NaN here, a float where the column's dtype is an int.
                    self.raise_kind_if(empty, "ValueError", format!("legatec: {name}() of an empty Series of integers or bools (pandas returns nan)"), span);
                    return call(self, name, vec![Value::Array(a)]);
                }
                let fill = if name == "min" { f64::INFINITY } else { f64::NEG_INFINITY };
                // An empty series: pandas' NaN, where NumPy's reduction would raise.
                let result = self.temp(Type::scalar(dtype));
                let size = self.add(Expr::Size(a), Type::py_int());
                let zero = self.const_i64(0);
                let empty = self.add(Expr::Compare(CompareOp::Eq, size, zero), Type::py_bool());
                let as_dtype = |fx: &mut Self, v: Value| -> Option<ExprId> {
                    match fx.stabilize(v, span) {
                        Value::Scalar(e) => {
                            let c = fx.cast_scalar(e, dtype);
                            Some(fx.add(Expr::Cast(dtype, c), Type::scalar(dtype)))
                        }
                        _ => None,
                    }
                };
                let then_body = self.block(|fx| {
                    let nan = float_const(fx, f64::NAN);
                    if let Some(e) = as_dtype(fx, nan) {
                        fx.emit(StmtKind::Assign { dst: result, value: e }, span);
                    }
                });
                let else_body = self.block(|fx| {
                    let x = filled(fx, Value::Array(a), fill);
                    let mut r = call(fx, name, vec![x]);
                    if valid.is_some() {
                        // A float series with no number left: NaN (NumPy would give the fill).
                        let n = count(fx);
                        let zero = Value::Scalar(fx.const_i64(0));
                        let none = fx.compare(CmpOp::Eq, n, zero, span);
                        let nan = float_const(fx, f64::NAN);
                        r = fx.select_f64(none, nan, r, span);
                    }
                    if let Some(e) = as_dtype(fx, r) {
                        fx.emit(StmtKind::Assign { dst: result, value: e }, span);
                    }
                });
                self.emit(StmtKind::If { cond: empty, then_body, else_body }, span);
                Value::Scalar(self.read(result))
            }
            "std" | "var" => {
                let af = self.array_as(a, DType::F64, span);
                let x = filled(self, Value::Array(af), 0.0);
                let x = self.stabilize(x, span);
                let total = call(self, "sum", vec![x.clone()]);
                let n = count(self);
                let one = float_const(self, 1.0);
                let nf = self.binary(BinOp::Mul, n, one, span);
                let nf = self.stabilize(nf, span);
                let mean = self.binary(BinOp::Div, total, nf.clone(), span);
                let mean = self.stabilize(mean, span);
                let dev = self.binary(BinOp::Sub, x, mean, span);
                let dev = filled(self, dev, 0.0);
                let dev = self.stabilize(dev, span);
                let sq = self.binary(BinOp::Mul, dev.clone(), dev, span);
                let ss = call(self, "sum", vec![sq]);
                let d = float_const(self, ddof as f64);
                let denom = self.binary(BinOp::Sub, nf, d, span);
                let denom = self.stabilize(denom, span);
                let var = self.binary(BinOp::Div, ss, denom.clone(), span);
                let zero = float_const(self, 0.0);
                let bad = self.compare(CmpOp::LtE, denom, zero, span);
                let nan = float_const(self, f64::NAN);
                let var = self.select_f64(bad, nan, var, span);
                // pandas computes in float64 and returns a float32 column's result as float32.
                let var = match var {
                    Value::Scalar(e) if dtype == DType::F32 => {
                        let c = self.cast_scalar(e, DType::F32);
                        Value::Scalar(self.add(Expr::Cast(DType::F32, c), Type::scalar(DType::F32)))
                    }
                    other => other,
                };
                if name == "std" {
                    self.math(ir::MathFn::Sqrt, var, span)
                } else {
                    var
                }
            }
            _ => unreachable!("a reduction name"),
        }
    }

}
