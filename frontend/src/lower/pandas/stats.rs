//! Whole-frame statistics and reshaping of values: frame reductions (`df.sum()` ... a
//! Series indexed by the column labels), `describe()`, `round`, `Series.where`,
//! `DataFrame.where`, `sort_index` and `df.to_numpy()`.

use std::rc::Rc;

use super::rows::RowOp;
use super::{Args, Col, Frame, IndexV, Kind, KindT, Kwargs, Level, Series};
use crate::diagnostics as diag;
use crate::lower::{FnCx, Value};
use ir::{BinaryOp, CompareOp, Const, DType, Expr, ExprId, Span, Type};

/// The reductions a frame has, each giving one value per column.
pub(crate) const FRAME_REDUCTIONS: &[&str] = &["sum", "mean", "min", "max", "count", "std", "var", "median", "prod", "nunique"];

impl FnCx<'_, '_> {
    /// A `str` index level of constant labels.
    fn label_index(&mut self, labels: &[String], span: Span) -> Option<IndexV> {
        let items: Vec<Value> = labels.iter().map(|l| Value::Str(self.str_const(l))).collect();
        let col = self.str_list(&items, span, "labels")?;
        Some(IndexV::Labels(Rc::new(vec![Level { name: None, col, made: super::Made::Labels }])))
    }

    /// A float64 scalar of a number.
    fn to_f64(&mut self, v: Value, span: Span) -> Option<ExprId> {
        match self.stabilize(v, span) {
            Value::Scalar(e) => {
                let c = self.cast_scalar(e, DType::F64);
                Some(self.add(Expr::Cast(DType::F64, c), Type::scalar(DType::F64)))
            }
            _ => None,
        }
    }

    /// A 1-D array of scalars of one dtype (`np.array([...], dtype=d)`).
    fn array_of(&mut self, items: Vec<Value>, d: DType, span: Span) -> Option<ExprId> {
        let dt = Value::DType(d);
        let a = self.call_builtin("numpy.array", vec![(Value::Tuple(items.into()), span)], vec![("dtype".into(), dt, span)], span);
        self.to_array(a, span)
    }

    /// `df.sum()` and the other reductions of every column: a Series indexed by the labels.
    pub(crate) fn frame_reduce(&mut self, f: &Frame, name: &str, args: Args, kw: Kwargs, span: Span) -> Value {
        let fname = format!("DataFrame.{name}");
        let Some(kw) = self.keywords(&fname, kw, &["numeric_only"]) else { return Value::Error };
        if !self.arity(&fname, &args, 0, 0, span) {
            return Value::Error;
        }
        let mut numeric_only = false;
        for (_, v, vspan) in &kw {
            match v {
                Value::Scalar(e) if self.const_bool(*e).is_some() => numeric_only = self.const_bool(*e).unwrap_or(false),
                _ => {
                    self.error(diag::type_error(*vspan, "`numeric_only` must be True or False", "write a constant"));
                    return Value::Error;
                }
            }
        }
        let mut labels = Vec::new();
        let mut values = Vec::new();
        for (label, c) in &f.columns {
            if c.kind != Kind::Num && name != "nunique" && name != "count" {
                if numeric_only {
                    continue;
                }
                let ct = self.col_type(*c);
                self.error(diag::type_error(span, format!("`{fname}` of the {} column {label:?}", ct.pandas_name()), "pass `numeric_only=True`, or select the numeric columns"));
                return Value::Error;
            }
            let c = self.unmasked(label, *c, span);
            let s = self.col_series(Some(label.clone()), c, f.index.clone());
            let Value::Series(s) = s else { return Value::Error };
            let r = self.call_series_method(s, name, vec![], vec![], span);
            let r = self.stabilize(r, span);
            let Value::Scalar(_) = r else { return Value::Error };
            labels.push(label.clone());
            values.push(r);
        }
        // One dtype for the results, as pandas finds it: NumPy's promotion of theirs (a
        // sum of bools is already int64), except that bools with numbers make an object
        // Series (not supported) for min and max.
        let dtypes: Vec<DType> = values.iter().filter_map(|v| self.value_dtype(v)).collect();
        let out = if dtypes.windows(2).all(|w| w[0] == w[1]) {
            dtypes.first().copied().unwrap_or(DType::F64)
        } else if dtypes.contains(&DType::Bool) && matches!(name, "min" | "max") {
            self.error(diag::type_error(span, format!("`{fname}` of bool and numeric columns is an object Series in pandas"), "select columns of one kind"));
            return Value::Error;
        } else {
            dtypes.iter().copied().reduce(DType::promote).unwrap_or(DType::F64)
        };
        let Some(a) = self.array_of(values, out, span) else { return Value::Error };
        let Some(index) = self.label_index(&labels, span) else { return Value::Error };
        Value::Series(Rc::new(Series { name: None, data: Value::Array(a), index }))
    }

    /// The value at `q` of sorted float64 values `sorted` (`n` of them), as NumPy's
    /// `percentile` interpolates (`method="linear"`, its `_lerp`).
    fn quantile_of_sorted(&mut self, sorted: ExprId, n: ExprId, q: f64, span: Span) -> ExprId {
        let f = |fx: &mut Self, x: f64| fx.add(Expr::Const(Const::Float(x)), Type::scalar(DType::F64));
        let one_i = self.const_i64(1);
        let nm1 = self.int_binary(BinaryOp::Sub, n, one_i);
        let nm1f = self.add(Expr::Cast(DType::F64, nm1), Type::scalar(DType::F64));
        let qc = f(self, q);
        let pos = self.add(Expr::Binary(BinaryOp::Mul, qc, nm1f), Type::scalar(DType::F64));
        let pos = self.int_place(pos, span);
        let pr = self.read(pos);
        let lo_f = self.add(Expr::Math(ir::MathFn::Floor, vec![pr]), Type::scalar(DType::F64));
        // Indices clamped into `sorted`, which has one NaN after its n values: with no
        // value both read that NaN.
        let lo = self.add(Expr::Cast(DType::I64, lo_f), Type::scalar(DType::I64));
        let zero = self.const_i64(0);
        let lo = self.int_binary(BinaryOp::Max, lo, zero);
        let lo = self.int_place(lo, span);
        let (l, one) = (self.read(lo), self.const_i64(1));
        let hi = self.int_binary(BinaryOp::Add, l, one);
        let nm1 = self.int_binary(BinaryOp::Sub, n, one_i);
        let zero = self.const_i64(0);
        let nm1 = self.int_binary(BinaryOp::Max, nm1, zero);
        let hi = self.int_binary(BinaryOp::Min, hi, nm1);
        let (pr, l) = (self.read(pos), self.read(lo));
        let lf = self.add(Expr::Cast(DType::F64, l), Type::scalar(DType::F64));
        let t = self.add(Expr::Binary(BinaryOp::Sub, pr, lf), Type::scalar(DType::F64));
        let t = self.int_place(t, span);
        let l = self.read(lo);
        let a = self.add(Expr::GetItem(sorted, vec![l]), Type::scalar(DType::F64));
        let a = self.int_place(a, span);
        let b = self.add(Expr::GetItem(sorted, vec![hi]), Type::scalar(DType::F64));
        let b = self.int_place(b, span);
        let (ar, br) = (self.read(a), self.read(b));
        let d = self.add(Expr::Binary(BinaryOp::Sub, br, ar), Type::scalar(DType::F64));
        let d = self.int_place(d, span);
        // a + d * t, or b - d * (1 - t) where t >= 0.5.
        let (ar, dr, tr) = (self.read(a), self.read(d), self.read(t));
        let dt = self.add(Expr::Binary(BinaryOp::Mul, dr, tr), Type::scalar(DType::F64));
        let low = self.add(Expr::Binary(BinaryOp::Add, ar, dt), Type::scalar(DType::F64));
        let (br, dr, tr) = (self.read(b), self.read(d), self.read(t));
        let onef = f(self, 1.0);
        let omt = self.add(Expr::Binary(BinaryOp::Sub, onef, tr), Type::scalar(DType::F64));
        let dm = self.add(Expr::Binary(BinaryOp::Mul, dr, omt), Type::scalar(DType::F64));
        let high = self.add(Expr::Binary(BinaryOp::Sub, br, dm), Type::scalar(DType::F64));
        let tr = self.read(t);
        let half = f(self, 0.5);
        let upper = self.add(Expr::Compare(CompareOp::Ge, tr, half), Type::py_bool());
        self.add(Expr::Select(upper, high, low), Type::scalar(DType::F64))
    }

    /// The eight statistics of `describe()` for one numeric series, as float64 scalars.
    fn describe_values(&mut self, s: Rc<Series>, span: Span) -> Option<Vec<Value>> {
        let mut out = Vec::new();
        for name in ["count", "mean", "std", "min"] {
            let r = self.call_series_method(s.clone(), name, vec![], vec![], span);
            out.push(Value::Scalar(self.to_f64(r, span)?));
        }
        // Quartiles of the values that are not NaN, sorted.
        let Value::Array(a) = self.series_array(&s, span) else { return None };
        let af = self.array_as(a, DType::F64, span);
        let nan = self.call_builtin("numpy.isnan", vec![(Value::Array(af), span)], vec![], span);
        let keep = self.unary(crate::ast::UnaryOp::Invert, nan, span);
        let keep = self.to_array(keep, span)?;
        let kp = self.array_place(keep, span);
        let ap = self.array_place(af, span);
        let present = self.select_array(ap, RowOp::Mask(kp), span);
        let p = self.read(present);
        let sorted = self.call_builtin("numpy.sort", vec![(Value::Array(p), span)], vec![], span);
        let sorted = self.to_array(sorted, span)?;
        let sorted = self.array_place(sorted, span);
        let sr = self.read(sorted);
        let n = self.add(Expr::Dim(sr, 0), Type::py_int());
        let n = self.int_place(n, span);
        // One NaN after the values, read where there is no value.
        let one = self.const_i64(1);
        let nan = Value::Scalar(self.add(Expr::Const(Const::Float(f64::NAN)), Type::py_float()));
        let filler = self.call_builtin("numpy.full", vec![(Value::Scalar(one), span), (nan, span)], vec![], span);
        let filler = self.to_array(filler, span)?;
        let filler = self.array_place(filler, span);
        self.push_operand(sorted, span);
        self.push_operand(filler, span);
        let ext = self.frame_run(&["concat".into(), "2".into(), "f64".into(), "f64".into(), "f64".into()], &[Type::array(DType::F64, 1)], span)[0];
        for q in [0.25, 0.5, 0.75] {
            let (er, nr) = (self.read(ext), self.read(n));
            out.push(Value::Scalar(self.quantile_of_sorted(er, nr, q, span)));
        }
        let r = self.call_series_method(s, "max", vec![], vec![], span);
        out.push(Value::Scalar(self.to_f64(r, span)?));
        Some(out)
    }

    /// `df.describe()` / `s.describe()` of numeric columns (bools left out, as pandas does).
    pub(crate) fn describe(&mut self, f: &Frame, series_name: Option<Option<String>>, span: Span) -> Value {
        let stats = ["count", "mean", "std", "min", "25%", "50%", "75%", "max"].map(String::from);
        let mut columns = Vec::new();
        for (label, c) in &f.columns {
            let ct = self.col_type(*c);
            if !matches!(ct.kind, KindT::Num(d) if d != DType::Bool) {
                continue;
            }
            let c = self.unmasked(label, *c, span);
            let Value::Series(s) = self.col_series(Some(label.clone()), c, f.index.clone()) else { return Value::Error };
            let Some(values) = self.describe_values(s, span) else { return Value::Error };
            let Some(a) = self.array_of(values, DType::F64, span) else { return Value::Error };
            columns.push((label.clone(), Col::num(self.array_place(a, span))));
        }
        if columns.is_empty() {
            self.error(diag::type_error(span, "`describe()` of columns that are not numbers (pandas counts unique values and the top one)", "describe numeric columns"));
            return Value::Error;
        }
        let Some(index) = self.label_index(&stats, span) else { return Value::Error };
        match series_name {
            Some(name) => {
                let a = self.read(columns[0].1.values);
                Value::Series(Rc::new(Series { name, data: Value::Array(a), index }))
            }
            None => Value::Frame(Rc::new(Frame { columns, index })),
        }
    }

    /// `df.round(decimals)` / `s.round(decimals)`: float columns rounded as NumPy rounds.
    pub(crate) fn round_frame(&mut self, f: &Frame, args: Args, kw: Kwargs, span: Span) -> Option<Frame> {
        let Some(kw) = self.keywords("round", kw, &["decimals"]) else { return None };
        let d = args.into_iter().next().or_else(|| kw.into_iter().next().map(|(_, v, s)| (v, s)));
        let decimals = self.const_int(d, 0, "decimals")?;
        let mut columns = Vec::new();
        for (label, c) in &f.columns {
            let is_float = matches!(self.col_type(*c).kind, KindT::Num(d) if d.is_float());
            if !is_float {
                columns.push((label.clone(), *c));
                continue;
            }
            let c = self.unmasked(label, *c, span);
            let a = self.read(c.values);
            let r = self.numpy_round("round", (Value::Array(a), span), decimals, span);
            let a = self.to_array(r, span)?;
            columns.push((label.clone(), Col::num(self.array_place(a, span))));
        }
        Some(Frame { columns, index: f.index.clone() })
    }

    /// `s.where(cond, other=nan)`: the values where `cond` holds, `other` elsewhere.
    pub(crate) fn series_where(&mut self, s: &Series, args: Args, kw: Kwargs, span: Span) -> Value {
        let Some(kw) = self.keywords("Series.where", kw, &["other"]) else { return Value::Error };
        let mut args = args.into_iter();
        let Some((cond, cspan)) = args.next() else {
            self.error(diag::bad_arguments(span, "`Series.where` needs the condition"));
            return Value::Error;
        };
        let other = args.next().or_else(|| kw.into_iter().next().map(|(_, v, s)| (v, s)));
        let Value::Series(c) = cond else {
            self.error(diag::type_error(cspan, "`where` takes a boolean Series of the same index here", "write `s.where(s > 0)`"));
            return Value::Error;
        };
        if !self.same_index(&c.index, &s.index, cspan) {
            self.error(diag::type_error(cspan, "this condition has another index", "build it from the same frame"));
            return Value::Error;
        }
        let Value::Array(a) = self.series_array(s, span) else { return Value::Error };
        let dtype = self.expr_type(a).dtype().expect("an array");
        let cond = c.data.clone();
        let r = match other {
            Some((o, ospan)) => {
                let o = match o {
                    Value::Series(os) => {
                        if !self.same_index(&os.index, &s.index, ospan) {
                            return Value::Error;
                        }
                        os.data.clone()
                    }
                    other => other,
                };
                self.call_builtin("numpy.where", vec![(cond, cspan), (Value::Array(a), span), (o, ospan)], vec![], span)
            }
            None if dtype.is_float() => {
                let nan = Value::Scalar(self.add(Expr::Const(Const::Float(f64::NAN)), Type::py_float()));
                self.call_builtin("numpy.where", vec![(cond, cspan), (Value::Array(a), span), (nan, span)], vec![], span)
            }
            None => {
                // pandas makes the result float64 when some value is replaced by NaN, and
                // keeps the dtype when none is: legatec computes float64 and checks.
                let cond = self.stabilize(cond, cspan);
                let all = self.call_builtin("numpy.all", vec![(cond.clone(), cspan)], vec![], span);
                if let Value::Scalar(all) = all {
                    self.raise_kind_if(all, "ValueError", "legatec: Series.where replaced no value, so pandas keeps the integer dtype (a dtype chosen by the data); legatec gives float64 only where some value is replaced".into(), span);
                }
                let af = self.array_as(a, DType::F64, span);
                let nan = Value::Scalar(self.add(Expr::Const(Const::Float(f64::NAN)), Type::py_float()));
                self.call_builtin("numpy.where", vec![(cond, cspan), (Value::Array(af), span), (nan, span)], vec![], span)
            }
        };
        if let Some(d) = self.value_dtype(&r) {
            if d != dtype && !(d == DType::F64 && !dtype.is_float()) {
                self.error(diag::type_error(span, format!("this `where` would make a {} Series {} (pandas 3 refuses an incompatible dtype)", dtype.numpy_name(), d.numpy_name()), "cast first"));
                return Value::Error;
            }
        }
        self.as_series(r, s.name.clone(), s.index.clone(), span)
    }

    /// `df.where(cond, other=None)` for a boolean Series `cond` of the frame's index: each
    /// column keeps its rows where `cond` holds. Without `other` the others are missing: the
    /// rows are taken with -1 where `cond` is false, so every kind gets its missing value
    /// and an int or bool column pandas' data-dependent dtype (`Col::promoted`: float64 or
    /// object only when some row was replaced). With `other`, each column is
    /// `Series.where(cond, other)`.
    pub(crate) fn frame_where(&mut self, f: &Frame, args: Args, kw: Kwargs, span: Span) -> Value {
        let Some(kw) = self.keywords("DataFrame.where", kw, &["other"]) else { return Value::Error };
        let other = args.get(1).cloned().or_else(|| kw.first().map(|(_, v, s)| (v.clone(), *s)));
        let Some((cond, cspan)) = args.into_iter().next() else {
            self.error(diag::bad_arguments(span, "`DataFrame.where` needs the condition"));
            return Value::Error;
        };
        let Value::Series(c) = cond else {
            if !matches!(cond, Value::Error) {
                let d = self.describe_value(&cond);
                self.error(diag::type_error(cspan, format!("`DataFrame.where` of {d} is not supported"), "give a boolean Series of the frame's rows, e.g. `df.where(df.x > 0)`"));
            }
            return Value::Error;
        };
        if !self.same_index(&c.index, &f.index, cspan) {
            self.error(diag::type_error(cspan, "this condition has another index than the frame", "build it from the same frame"));
            return Value::Error;
        }
        let mut columns = Vec::new();
        if let Some(other) = other {
            for (label, col) in &f.columns {
                let Value::Series(s) = self.col_series(Some(label.clone()), *col, f.index.clone()) else { unreachable!("a series") };
                let r = self.series_where(&s, vec![(Value::Series(c.clone()), cspan), other.clone()], Vec::new(), span);
                let Value::Series(r) = r else { return Value::Error };
                let Some(rc) = self.series_col(&r, span) else { return Value::Error };
                columns.push((label.clone(), rc));
            }
        } else {
            let Some(m) = self.bool_mask(&c, cspan, "`where` needs a boolean condition", "compare a column, e.g. `df.where(df.x > 0)`") else { return Value::Error };
            // rows = np.where(cond, np.arange(n), -1)
            let n = self.index_len(&f.index);
            let positions = self.call_builtin("numpy.arange", vec![(Value::Scalar(n), span)], vec![], span);
            let minus_one = Value::Scalar(self.const_i64(-1));
            let rows = match self.call_builtin("numpy.where", vec![(Value::Array(m), cspan), (positions, span), (minus_one, span)], vec![], span) {
                Value::Array(a) => a,
                Value::Lazy(l) => self.materialize(l, span),
                _ => return Value::Error,
            };
            let rows = self.array_place(rows, span);
            for (label, col) in &f.columns {
                columns.push((label.clone(), self.take_with_missing(*col, rows, span)));
            }
        }
        Value::Frame(Rc::new(Frame { columns, index: f.index.clone() }))
    }

    /// `df.sort_index(ascending=)`: the rows by their index labels (a stable sort).
    pub(crate) fn sort_index(&mut self, f: &Frame, kw: Kwargs, span: Span) -> Value {
        let Some(kw) = self.keywords("DataFrame.sort_index", kw, &["ascending"]) else { return Value::Error };
        let mut ascending = true;
        for (_, v, vspan) in &kw {
            match v {
                Value::Scalar(e) if self.const_bool(*e).is_some() => ascending = self.const_bool(*e).unwrap_or(true),
                _ => {
                    self.error(diag::type_error(*vspan, "`ascending` must be True or False", "write a constant"));
                    return Value::Error;
                }
            }
        }
        let keys: Vec<Col> = match &f.index {
            IndexV::Range { start, stop } => {
                if ascending {
                    return Value::Frame(Rc::new(Frame { columns: f.columns.clone(), index: f.index.clone() }));
                }
                let l = self.range_labels(*start, *stop, span);
                vec![Col::num(self.array_place(l, span))]
            }
            IndexV::Labels(levels) => levels.iter().map(|l| l.col).collect(),
        };
        let mut fields = vec!["sort".to_string(), keys.len().to_string(), "1".into()];
        fields.extend(keys.iter().map(|_| if ascending { "1" } else { "0" }.to_string()));
        for k in &keys {
            let kind = self.push_col(*k, span);
            fields.push(kind);
        }
        let perm = self.frame_run(&fields, &[Type::array(DType::I64, 1)], span)[0];
        Value::Frame(Rc::new(self.select_rows(f, RowOp::Take(perm), span)))
    }

    /// `df.to_numpy()`: the columns side by side, in one dtype (numbers only).
    pub(crate) fn frame_to_numpy(&mut self, f: &Frame, span: Span) -> Value {
        let mut items = Vec::new();
        let mut dtypes = Vec::new();
        for (label, c) in &f.columns {
            let ct = self.col_type(*c);
            let KindT::Num(d) = ct.kind else {
                self.error(diag::type_error(span, format!("`to_numpy()` of the {} column {label:?} gives an object array in pandas", ct.pandas_name()), "select the numeric columns first"));
                return Value::Error;
            };
            dtypes.push(d);
            let c = self.unmasked(label, *c, span);
            items.push(Value::Array(self.read(c.values)));
        }
        if dtypes.contains(&DType::Bool) && dtypes.iter().any(|d| *d != DType::Bool) {
            self.error(diag::type_error(span, "`to_numpy()` of bool and numeric columns gives an object array in pandas", "select columns of one kind"));
            return Value::Error;
        }
        if items.is_empty() {
            self.error(diag::type_error(span, "`to_numpy()` of a frame without columns", "select columns first"));
            return Value::Error;
        }
        match self.call_builtin("numpy.column_stack", vec![(Value::Tuple(items.into()), span)], vec![], span) {
            Value::Lazy(l) => Value::Array(self.materialize(l, span)),
            other => other,
        }
    }
}
