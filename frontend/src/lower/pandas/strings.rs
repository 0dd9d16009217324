//! Series of `str`, `datetime64[us]` and `category` columns: comparisons, the `.str`,
//! `.dt` and `.cat` accessors, `pd.to_datetime`, `pd.Timestamp`, `astype("category")`,
//! and the series methods that work on a column of any kind (`value_counts`, `nunique`,
//! `isna`, `head`, ...). The runtime's `calls/text_ops.rs` does the work on strings;
//! datetime comparisons are elementwise kernels on the ticks.

use std::rc::Rc;

use super::{Args, Col, ColType, Frame, IndexV, KindT, Kwargs, Level, Series};
use crate::diagnostics as diag;
use crate::lower::{FnCx, Value};
use ir::{Const, DType, Expr, Span, Type};

/// `.str` methods.
pub(crate) const STR_METHODS: &[&str] = &["contains", "startswith", "endswith", "lower", "upper", "strip", "lstrip", "rstrip", "len", "replace", "pad", "zfill"];
/// `.dt` fields.
pub(crate) const DT_FIELDS: &[&str] = &["year", "month", "day", "weekday", "dayofweek", "day_of_week", "dayofyear", "day_of_year", "quarter", "hour", "minute", "second"];
/// Series methods for columns of any kind.
pub(crate) const COLUMN_METHODS: &[&str] = &["copy", "isna", "notna", "head", "tail", "value_counts", "nunique", "isin", "count", "fillna", "astype"];

fn regex_meta(s: &str) -> bool {
    s.chars().any(|c| ".^$*+?{}[]\\|()".contains(c))
}

impl FnCx<'_, '_> {
    /// Whether a dtype argument is pandas' `str` (`str` or `"str"`).
    pub(crate) fn is_str_dtype(&self, v: &Value) -> bool {
        matches!(v, Value::Builtin(b) if b == "str") || self.const_str(v).as_deref() == Some("str")
    }

    /// `s.astype(str)` of a numeric series: Python's `str()` of each value, NaN missing.
    pub(crate) fn numbers_to_str(&mut self, s: &Series, span: Span) -> Value {
        let Some(c) = self.series_col(s, span) else { return Value::Error };
        let ct = self.col_type(c);
        let floats = matches!(ct.kind, KindT::Num(d) if d.is_float());
        let out = ColType::of(KindT::Str).with_mask(ct.masked || ct.promoted || floats);
        let kind = self.push_col(c, span);
        let col = self.frame_run_cols(&["to_str".into(), kind, out.code()], &[out], &[], span).0[0];
        self.col_series(s.name.clone(), col, s.index.clone())
    }

    /// `l + r` where one side is a `str` series and the other a `str` series or a string
    /// constant: each pair of values concatenated, missing where either is. `None` when the
    /// operands are not of that kind (the caller reports them).
    pub(crate) fn str_concat(&mut self, l: &Value, r: &Value, span: Span) -> Option<Value> {
        let is_str_series = |fx: &Self, v: &Value| matches!(v, Value::Series(s) if matches!(s.data, Value::Column(c) if fx.col_type(c).kind == KindT::Str && !c.na));
        let operand = |fx: &Self, v: &Value| is_str_series(fx, v) || fx.const_str(v).is_some();
        if !(is_str_series(self, l) || is_str_series(self, r)) || !operand(self, l) || !operand(self, r) {
            return None;
        }
        let Some((name, index)) = self.combined_index(l, r, span) else { return Some(Value::Error) };
        let mut fields = vec!["str_concat".to_string()];
        let mut masked = false;
        for v in [l, r] {
            match v {
                Value::Series(s) => {
                    let Value::Column(c) = s.data else { unreachable!("checked above") };
                    masked |= c.valid.is_some();
                    fields.push(self.push_col(c, span));
                    fields.push(String::new());
                }
                other => {
                    fields.push(String::new());
                    fields.push(self.const_str(other).expect("checked above"));
                }
            }
        }
        let out = ColType::of(KindT::Str).with_mask(masked);
        fields.push(out.code());
        let col = self.frame_run_cols(&fields, &[out], &[], span).0[0];
        Some(self.col_series(name, col, index))
    }

    /// `s.str` / `s.dt` / `s.cat`.
    pub(crate) fn series_accessor(&mut self, s: Rc<Series>, acc: &str, span: Span) -> Value {
        let kind = match &s.data {
            Value::Column(c) => self.col_type(*c).kind,
            _ => KindT::Num(DType::F64),
        };
        let ok = match acc {
            "str" => matches!(kind, KindT::Str),
            "dt" => kind == KindT::Time,
            _ => kind == KindT::Cat,
        };
        if !ok {
            let what = match acc {
                "str" => "string",
                "dt" => "datetimelike",
                _ => "categorical",
            };
            self.error(diag::type_error(span, format!("Can only use .{acc} accessor with {what} values (an AttributeError in pandas)"), "check the column's dtype"));
            return Value::Error;
        }
        Value::Method(Box::new(Value::Series(s)), acc.to_string())
    }

    /// `s.str.name` / `s.dt.name` / `s.cat.name`.
    pub(crate) fn accessor_attr(&mut self, s: Rc<Series>, acc: &str, attr: &str, span: Span) -> Value {
        let Value::Column(c) = s.data.clone() else { return Value::Error };
        match acc {
            "str" if STR_METHODS.contains(&attr) => Value::Method(Box::new(Value::Series(s)), format!("str.{attr}")),
            "dt" if DT_FIELDS.contains(&attr) => {
                let kind = self.push_col(c, span);
                let out = self.frame_run(&["dt_field".into(), attr.into(), kind], &[Type::array(DType::I32, 1)], span)[0];
                let a = self.read(out);
                self.as_series(Value::Array(a), s.name.clone(), s.index.clone(), span)
            }
            "cat" if attr == "codes" => {
                // int8: pandas' dtype for fewer than 127 categories (the program stops with
                // more, where pandas would choose a wider one). Unnamed, as in pandas.
                let kind = self.push_col(c, span);
                let out = self.frame_run(&["cat_codes".into(), kind], &[Type::array(DType::I8, 1)], span)[0];
                let a = self.read(out);
                self.as_series(Value::Array(a), None, s.index.clone(), span)
            }
            _ => {
                let known: &[&str] = match acc {
                    "str" => STR_METHODS,
                    "dt" => DT_FIELDS,
                    _ => &["codes"],
                };
                self.error(diag::unsupported_pandas_call(span, &format!("Series.{acc}"), attr, known));
                Value::Error
            }
        }
    }

    /// `s.str.method(...)`.
    pub(crate) fn str_method(&mut self, s: Rc<Series>, method: &str, args: Args, kw: Kwargs, span: Span) -> Value {
        let Value::Column(c) = s.data.clone() else { return Value::Error };
        let fname = format!("Series.str.{method}");
        let allowed: &[&str] = match method {
            "contains" => &["regex", "case", "na"],
            "replace" => &["regex", "n"],
            "pad" => &["width", "side", "fillchar"],
            _ => &[],
        };
        let Some(kw) = self.keywords(&fname, kw, allowed) else { return Value::Error };
        let mut texts: Vec<(String, Span)> = Vec::new();
        let mut ints: Vec<i64> = Vec::new();
        for (v, vspan) in args.iter() {
            match (self.const_str(v), v) {
                (Some(t), _) => texts.push((t, *vspan)),
                (None, Value::Scalar(e)) if self.const_int_of(*e).is_some() => ints.push(self.const_int_of(*e).unwrap_or(0)),
                _ => {
                    self.error(diag::type_error(*vspan, format!("the arguments of `{fname}` must be constants here"), "write string or int literals"));
                    return Value::Error;
                }
            }
        }
        let mut regex = method == "contains";
        let (mut side, mut fillchar) = ("left".to_string(), " ".to_string());
        for (k, v, vspan) in &kw {
            match k.as_str() {
                "regex" => match v {
                    Value::Scalar(e) if self.const_bool(*e).is_some() => regex = self.const_bool(*e).unwrap_or(false),
                    _ => {
                        self.error(diag::type_error(*vspan, "`regex` must be True or False", "write a constant"));
                        return Value::Error;
                    }
                },
                "side" => match self.const_str(v) {
                    Some(t) if ["left", "right", "both"].contains(&t.as_str()) => side = t,
                    _ => {
                        self.error(diag::type_error(*vspan, "`side` must be \"left\", \"right\" or \"both\"", "write one of them"));
                        return Value::Error;
                    }
                },
                "fillchar" => match self.const_str(v) {
                    Some(t) if t.chars().count() == 1 => fillchar = t,
                    _ => {
                        self.error(diag::type_error(*vspan, "`fillchar` must be one character", "write a one-character string"));
                        return Value::Error;
                    }
                },
                "width" => match v {
                    Value::Scalar(e) if self.const_int_of(*e).is_some() => ints.push(self.const_int_of(*e).unwrap_or(0)),
                    _ => {
                        self.error(diag::type_error(*vspan, "`width` must be an int constant", "write an int literal"));
                        return Value::Error;
                    }
                },
                other => {
                    self.error(diag::type_error(*vspan, format!("`{other}=` of `{fname}` is not supported"), "leave it at its default"));
                    return Value::Error;
                }
            }
        }
        let (need_texts, need_ints) = match method {
            "contains" | "startswith" | "endswith" => (1, 0),
            "replace" => (2, 0),
            "pad" | "zfill" => (0, 1),
            _ => (0, 0),
        };
        if texts.len() != need_texts || ints.len() != need_ints {
            self.error(diag::bad_arguments(span, &format!("`{fname}` takes {need_texts} string and {need_ints} int arguments here")));
            return Value::Error;
        }
        if regex && texts.iter().any(|(t, _)| regex_meta(t)) {
            let (_, tspan) = &texts[0];
            self.error(diag::type_error(*tspan, "this pattern is a regular expression, which legatec does not support", "match literal text with `regex=False`"));
            return Value::Error;
        }
        let ct = self.col_type(c);
        // A `string` column's predicates are `boolean` and its lengths `Int64`, with
        // `<NA>` where the string is missing.
        let result = match method {
            "contains" | "startswith" | "endswith" => ColType::num(DType::Bool).with_na(ct.na).with_mask(ct.na && ct.masked),
            // A `str` column's lengths are float64 with NaN where a string is missing (a
            // dtype the data decides: `Col::promoted`), else int64.
            "len" => ColType::num(DType::I64).with_na(ct.na).with_mask(ct.masked),
            _ => ColType::of(KindT::Str).with_mask(ct.masked).with_na(ct.na),
        };
        let kind = self.push_col(c, span);
        let mut fields = vec!["str_method".to_string(), method.to_string(), kind, result.code()];
        fields.extend(texts.into_iter().map(|(t, _)| t));
        fields.extend(ints.iter().map(|i| i.max(&0).to_string()));
        if method == "pad" {
            fields.extend([side, fillchar]);
        }
        let out = self.frame_run_cols(&fields, &[result], &[], span).0[0];
        let out = self.promote_if_missing(out, None, span);
        self.col_series(s.name.clone(), out, s.index.clone())
    }

    /// A comparison of a `str`, `category` or datetime series with a constant.
    pub(crate) fn column_compare(&mut self, op: crate::ast::CmpOp, l: Value, r: Value, span: Span) -> Value {
        use crate::ast::CmpOp as C;
        let (s, other, flipped) = match (&l, &r) {
            (Value::Series(s), o) if matches!(s.data, Value::Column(_)) => (s.clone(), o.clone(), false),
            (o, Value::Series(s)) => (s.clone(), o.clone(), true),
            _ => return Value::Error,
        };
        let Value::Column(c) = s.data.clone() else {
            self.error(diag::type_error(span, "comparing a numeric Series with a str or datetime one", "compare columns of one kind"));
            return Value::Error;
        };
        // `k < s` is `s > k`.
        let op = match (op, flipped) {
            (C::Lt, true) => C::Gt,
            (C::Gt, true) => C::Lt,
            (C::LtE, true) => C::GtE,
            (C::GtE, true) => C::LtE,
            (o, _) => o,
        };
        let name = match op {
            C::Eq => "eq",
            C::NotEq => "ne",
            C::Lt => "lt",
            C::LtE => "le",
            C::Gt => "gt",
            C::GtE => "ge",
            _ => {
                self.error(diag::type_error(span, "this comparison of a Series", "use ==, !=, <, <=, > or >="));
                return Value::Error;
            }
        };
        let ct = self.col_type(c);
        if ct.na && matches!(ct.kind, KindT::Num(_)) && matches!(other, Value::Scalar(_)) {
            // `Int64` / `boolean` against a number: `boolean`, <NA> where the value is.
            let values = Value::Array(self.read(c.values));
            let r = self.compare(op, values, other, span);
            let Some(a) = self.to_array(r, span) else { return Value::Error };
            let p = self.array_place(a, span);
            let out = Col { valid: c.valid, na: true, ..Col::num(p) };
            return self.col_series(s.name.clone(), out, s.index.clone());
        }
        if ct.na {
            self.error(diag::type_error(span, format!("comparing a {} Series (pandas' result is a `bool[pyarrow]` or `boolean` Series, dtypes legatec does not have)", ct.pandas_name()), "compare after `.astype(str)` (or `.astype(\"float64\")` for numbers)"));
            return Value::Error;
        }
        match (ct.kind, &other) {
            (KindT::Str | KindT::Cat, o) if self.const_str(o).is_some() => {
                if ct.kind == KindT::Cat && !matches!(op, C::Eq | C::NotEq) {
                    self.error(diag::type_error(span, "ordering comparisons of an unordered categorical (a TypeError in pandas)", "compare with == or !="));
                    return Value::Error;
                }
                let text = self.const_str(o).unwrap_or_default();
                let kind = self.push_col(c, span);
                let out = self.frame_run(&["str_cmp".into(), name.into(), text, kind], &[Type::array(DType::Bool, 1)], span)[0];
                let a = self.read(out);
                self.as_series(Value::Array(a), s.name.clone(), s.index.clone(), span)
            }
            (KindT::Time, Value::Timestamp(t)) => {
                // On the ticks; NaT compares false (true by `!=`).
                let ticks = self.read(c.values);
                let k = Value::Scalar(self.add(Expr::Const(Const::Int(*t)), Type::scalar(DType::I64)));
                let cmp = self.compare(op, Value::Array(ticks), k, span);
                let missing = self.col_missing(c, span);
                let r = if op == C::NotEq {
                    self.elementwise2(ir::BinaryOp::BitOr, cmp, missing, span)
                } else {
                    let present = self.unary(crate::ast::UnaryOp::Invert, missing, span);
                    self.elementwise2(ir::BinaryOp::BitAnd, cmp, present, span)
                };
                self.as_series(r, s.name.clone(), s.index.clone(), span)
            }
            _ => {
                let d = self.describe_value(&other);
                self.error(diag::type_error(span, format!("comparing a {} Series with {d}", ct.pandas_name()), match ct.kind {
                    KindT::Time => "compare with `pd.Timestamp(\"YYYY-MM-DD\")`",
                    _ => "compare with a string constant",
                }));
                Value::Error
            }
        }
    }

    /// `pd.Timestamp("...")`: folded here.
    pub(crate) fn timestamp_new(&mut self, args: Args, span: Span) -> Value {
        let Some((v, vspan)) = self.single_arg("pd.Timestamp", args, span) else { return Value::Error };
        let Some(text) = self.const_str(&v) else {
            self.error(diag::type_error(vspan, "`pd.Timestamp` takes a string constant here", "write `pd.Timestamp(\"2024-01-31\")`"));
            return Value::Error;
        };
        match runtime_frame::io::datetime::timestamp_micros(&text) {
            Some(t) => Value::Timestamp(t),
            None => {
                self.error(diag::type_error(vspan, format!("{text:?} is not an ISO 8601 date or time legatec reads"), "write `YYYY-MM-DD` or `YYYY-MM-DD HH:MM:SS`"));
                Value::Error
            }
        }
    }

    /// `pd.to_datetime(s, format=)` of a `str` series.
    pub(crate) fn to_datetime(&mut self, args: Args, kw: Kwargs, span: Span) -> Value {
        let Some(kw) = self.keywords("pd.to_datetime", kw, &["format"]) else { return Value::Error };
        let Some((v, vspan)) = self.single_arg("pd.to_datetime", args, span) else { return Value::Error };
        let mut format = String::new();
        for (_, f, fspan) in kw {
            match self.const_str(&f) {
                Some(t) => format = t,
                None => {
                    self.error(diag::type_error(fspan, "`format` must be a string constant", "write e.g. `format=\"%Y-%m-%d\"`"));
                    return Value::Error;
                }
            }
        }
        let Value::Series(s) = v else {
            self.error(diag::type_error(vspan, "`pd.to_datetime` takes a str Series here", "convert a column: `pd.to_datetime(df[\"date\"], format=...)`"));
            return Value::Error;
        };
        let Value::Column(c) = s.data.clone() else {
            self.error(diag::type_error(vspan, "`pd.to_datetime` of numbers is not supported", "convert a str column"));
            return Value::Error;
        };
        let ct = self.col_type(c);
        if ct.kind != KindT::Str {
            self.error(diag::type_error(vspan, format!("`pd.to_datetime` of a {} column", ct.pandas_name()), "convert a str column"));
            return Value::Error;
        }
        let out = ColType::of(KindT::Time).with_mask(ct.masked);
        let kind = self.push_col(c, span);
        let col = self.frame_run_cols(&["to_datetime".into(), format, kind, out.code()], &[out], &[], span).0[0];
        self.col_series(s.name.clone(), col, s.index.clone())
    }

    /// Series methods on a column that is not plain numbers.
    pub(crate) fn column_method(&mut self, s: Rc<Series>, c: Col, name: &str, args: Args, kw: Kwargs, span: Span) -> Value {
        let fname = format!("Series.{name}");
        let ct = self.col_type(c);
        if let Some(m) = name.strip_prefix("str.") {
            return self.str_method(s, m, args, kw, span);
        }
        if ct.na && matches!(ct.kind, KindT::Num(_)) && super::nullable::NUMERIC_METHODS.contains(&name) {
            return self.nullable_num_method(&s, c, name, args, kw, span).unwrap_or(Value::Error);
        }
        match name {
            "copy" => Value::Series(s),
            "isna" | "notna" => {
                let mut v = self.col_missing(c, span);
                if name == "notna" {
                    v = self.unary(crate::ast::UnaryOp::Invert, v, span);
                }
                self.as_series(v, s.name.clone(), s.index.clone(), span)
            }
            "head" | "tail" | "dropna" | "sort_values" => self.series_rows(&s, c, name, args, kw, span),
            "value_counts" => {
                let Some(_) = self.keywords(&fname, kw, &[]) else { return Value::Error };
                self.value_counts(&s, c, span)
            }
            "nunique" => {
                let Some(_) = self.keywords(&fname, kw, &[]) else { return Value::Error };
                let kind = self.push_col(c, span);
                let out = self.frame_run(&["nunique".into(), kind], &[Type::array(DType::I64, 1)], span)[0];
                let r = self.read(out);
                let zero = self.const_i64(0);
                Value::Scalar(self.add(Expr::GetItem(r, vec![zero]), Type::scalar(DType::I64)))
            }
            "count" => {
                let missing = self.col_missing(c, span);
                let present = self.unary(crate::ast::UnaryOp::Invert, missing, span);
                self.call_builtin("numpy.sum", vec![(present, span)], vec![], span)
            }
            "isin" if matches!(ct.kind, KindT::Str | KindT::Cat) => {
                let Some((v, vspan)) = self.single_arg(&fname, args, span) else { return Value::Error };
                let texts = match &v {
                    Value::Tuple(items) => items.iter().map(|i| self.const_str(i)).collect::<Option<Vec<String>>>(),
                    _ => None,
                };
                let Some(texts) = texts else {
                    self.error(diag::type_error(vspan, "`isin` of a str column takes a list of string constants", "write `s.isin([\"a\", \"b\"])`"));
                    return Value::Error;
                };
                let kind = self.push_col(c, span);
                let mut fields = vec!["str_isin".to_string(), kind];
                fields.extend(texts);
                let out = self.frame_run(&fields, &[Type::array(DType::Bool, 1)], span)[0];
                let a = self.read(out);
                self.as_series(Value::Array(a), s.name.clone(), s.index.clone(), span)
            }
            "min" | "max" if matches!(ct.kind, KindT::Str | KindT::Time) => {
                self.error(diag::type_error(span, format!("`{fname}` of a {} column returns a scalar legatec cannot hold yet", ct.pandas_name()), "use a groupby min/max, or sort_values and head(1)"));
                Value::Error
            }
            "fillna" => {
                // Missing values replaced: a datetime by a pd.Timestamp, a string by a
                // string constant (the result has no missing value, so no mask).
                let Some((v, vspan)) = self.single_arg(&fname, args, span) else { return Value::Error };
                match (ct.kind, &v) {
                    (KindT::Time, Value::Timestamp(t)) => {
                        let missing = self.col_missing(c, span);
                        let k = Value::Scalar(self.add(Expr::Const(Const::Int(*t)), Type::scalar(DType::I64)));
                        let ticks = Value::Array(self.read(c.values));
                        let r = self.call_builtin("numpy.where", vec![(missing, span), (k, vspan), (ticks, span)], vec![], span);
                        let a = match r {
                            Value::Lazy(l) => self.materialize(l, span),
                            Value::Array(a) => a,
                            _ => return Value::Error,
                        };
                        let col = Col { values: self.array_place(a, span), valid: None, kind: super::Kind::Time, promoted: None, na: false };
                        self.col_series(s.name.clone(), col, s.index.clone())
                    }
                    (KindT::Str, o) if self.const_str(o).is_some() => {
                        let text = self.const_str(o).unwrap_or_default();
                        let kind = self.push_col(c, span);
                        let out = ColType::of(KindT::Str).with_na(ct.na);
                        let col = self.frame_run_cols(&["str_fillna".into(), kind, text], &[out], &[], span).0[0];
                        self.col_series(s.name.clone(), col, s.index.clone())
                    }
                    _ => {
                        let d = self.describe_value(&v);
                        self.error(diag::type_error(vspan, format!("`fillna` of a {} column with {d}", ct.pandas_name()), "fill datetimes with a pd.Timestamp and strings with a string constant"));
                        Value::Error
                    }
                }
            }
            "astype" => {
                let Some((v, vspan)) = self.single_arg(&fname, args, span) else { return Value::Error };
                let target = match &v {
                    Value::Builtin(b) if b == "str" => Some("str".to_string()),
                    other => self.const_str(other),
                };
                match target.as_deref() {
                    Some("string") if ct.kind == KindT::Str => self.to_nullable_string(&s, c),
                    Some("category") if ct.kind == KindT::Str && ct.na => {
                        self.error(diag::type_error(vspan, "categories of a `string` column (pandas prints their dtype as `string`, which legatec's categories do not carry)", "convert with `.astype(str)` first"));
                        Value::Error
                    }
                    Some("category") if ct.kind == KindT::Str => {
                        let out = ColType::of(KindT::Cat).with_mask(ct.masked);
                        let kind = self.push_col(c, span);
                        let col = self.frame_run_cols(&["to_cat".into(), kind, out.code()], &[out], &[], span).0[0];
                        self.col_series(s.name.clone(), col, s.index.clone())
                    }
                    Some("str") if ct.kind == KindT::Str => self.col_series(s.name.clone(), Col { na: false, ..c }, s.index.clone()),
                    Some("category") if ct.kind == KindT::Cat => Value::Series(s),
                    _ => {
                        self.error(diag::type_error(vspan, format!("astype of a {} column to this dtype is not supported", ct.pandas_name()), "supported: a str column to \"category\" or \"string\""));
                        Value::Error
                    }
                }
            }
            _ => {
                self.error(diag::type_error(span, format!("`{fname}` of a {} column is not supported", ct.pandas_name()), &format!("supported: {}", COLUMN_METHODS.join(", "))));
                Value::Error
            }
        }
    }

    /// `s.head(n)`, `s.tail(n)`, `s.dropna()`, `s.sort_values(...)` as the rows of a
    /// one-column frame (sorted by its column, labelled "").
    pub(crate) fn series_rows(&mut self, s: &Series, c: Col, name: &str, args: Args, mut kw: Kwargs, span: Span) -> Value {
        if name == "sort_values" {
            if let Some((_, aspan)) = args.first() {
                self.error(diag::bad_arguments(*aspan, "pass the arguments of `Series.sort_values` by keyword"));
                return Value::Error;
            }
            if let Some((_, _, kspan)) = kw.iter().find(|(k, _, _)| k == "by") {
                self.error(diag::bad_arguments(*kspan, "`Series.sort_values` has no `by`"));
                return Value::Error;
            }
            let label = Value::Str(self.str_const(""));
            kw.push(("by".to_string(), label, span));
        }
        let f = Rc::new(Frame { columns: vec![(String::new(), c)], index: s.index.clone() });
        match self.call_frame_method_pub(f, name, args, kw, span) {
            Value::Frame(rows) => self.col_series(s.name.clone(), rows.columns[0].1, rows.index.clone()),
            other => other,
        }
    }

    /// `s.value_counts()`: counts by distinct value, the values as the index.
    pub(crate) fn value_counts(&mut self, s: &Series, c: Col, span: Span) -> Value {
        let ct = self.col_type(c);
        if ct.na && ct.kind == KindT::Str {
            self.error(diag::type_error(span, "`value_counts` of a `string` Series (pandas counts in `int64[pyarrow]`, a dtype legatec does not have)", "count after `.astype(str)`"));
            return Value::Error;
        }
        let kind = self.push_col(c, span);
        let (cols, arrays) = self.frame_run_cols(&["value_counts".into(), kind], &[ct], &[Type::array(DType::I64, 1)], span);
        let data = self.read(arrays[0]);
        let index = IndexV::Labels(Rc::new(vec![Level { name: s.name.clone(), col: cols[0], made: super::Made::Labels }]));
        if ct.na {
            // The counts of a nullable column are `Int64` too.
            let counts = Col { na: true, ..Col::num(arrays[0]) };
            return self.col_series(Some("count".into()), counts, index);
        }
        Value::Series(Rc::new(Series { name: Some("count".into()), data: Value::Array(data), index }))
    }
}

