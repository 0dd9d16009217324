//! pandas' nullable extension dtypes: `string` (`astype("string")`), and the `Int64` and
//! `boolean` columns its `.str` methods return. They are columns of the usual kinds with
//! `Col::na` set: a missing value is `<NA>` (the validity mask) and never changes the
//! dtype, so an `Int64` column stays `Int64` where an `int64` one would become `float64`.
//!
//! What works on them: printing, row selections, sorting, merging and grouping by them
//! (as their plain kinds), `isna`/`notna`/`count`/`nunique`/`value_counts`, reductions
//! that skip `<NA>`, `fillna`, `astype` to NumPy dtypes, and a `boolean` Series as a row
//! mask (`<NA>` selects nothing). Arithmetic and comparisons on them are located errors
//! (pandas' results there are further extension dtypes such as `Float64` and
//! `bool[pyarrow]`).

use std::rc::Rc;

use super::{Args, Col, KindT, Kwargs, Series};
use crate::diagnostics as diag;
use crate::lower::{FnCx, Value};
use ir::{Const, DType, Expr, ExprId, Span, Type};

/// Methods of a nullable numeric Series handled here (the others are those of every
/// column, in `strings.rs`).
pub(crate) const NUMERIC_METHODS: &[&str] = &["sum", "prod", "mean", "min", "max", "std", "var", "median", "fillna", "astype"];

impl FnCx<'_, '_> {
    /// `s.astype("string")` of a `str` column: the same values, `<NA>` where missing.
    pub(crate) fn to_nullable_string(&mut self, s: &Series, c: Col) -> Value {
        self.col_series(s.name.clone(), Col { na: true, ..c }, s.index.clone())
    }

    /// The values of a nullable numeric column with `fill` where missing: a plain array.
    fn na_filled(&mut self, c: Col, fill: Value, span: Span) -> Value {
        let values = Value::Array(self.read(c.values));
        let Some(valid) = c.valid else { return values };
        let valid = Value::Array(self.read(valid));
        self.call_builtin("numpy.where", vec![(valid, span), (values, span), (fill, span)], vec![], span)
    }

    /// A nullable `boolean` Series as a row mask: `<NA>` selects no row, as in pandas.
    pub(crate) fn na_bool_mask(&mut self, c: Col, span: Span) -> Option<ExprId> {
        if !c.na || self.col_type(c).kind != KindT::Num(DType::Bool) {
            return None;
        }
        let f = Value::Scalar(self.add(Expr::Const(Const::Bool(false)), Type::py_bool()));
        match self.na_filled(c, f, span) {
            Value::Lazy(l) => Some(self.materialize(l, span)),
            Value::Array(a) => Some(a),
            _ => None,
        }
    }

    /// Methods of a nullable `Int64` / `boolean` Series that differ from those of every
    /// column; `None` for the others.
    pub(crate) fn nullable_num_method(&mut self, s: &Rc<Series>, c: Col, name: &str, args: Args, kw: Kwargs, span: Span) -> Option<Value> {
        let ct = self.col_type(c);
        let KindT::Num(dtype) = ct.kind else { return None };
        if !ct.na || !NUMERIC_METHODS.contains(&name) {
            return None;
        }
        let fname = format!("Series.{name}");
        let int_k = |fx: &mut Self, v: i64| Value::Scalar(fx.add(Expr::Const(Const::Int(v)), Type::scalar(DType::I64)));
        let bool_k = |fx: &mut Self, v: bool| Value::Scalar(fx.add(Expr::Const(Const::Bool(v)), Type::py_bool()));
        let nan = |fx: &mut Self| Value::Scalar(fx.add(Expr::Const(Const::Float(f64::NAN)), Type::py_float()));
        // The values as float64 with NaN where missing.
        let as_float = |fx: &mut Self| -> Option<ExprId> {
            let a = fx.read(c.values);
            let af = fx.array_as(a, DType::F64, span);
            let Some(valid) = c.valid else { return Some(af) };
            let valid = Value::Array(fx.read(valid));
            let n = nan(fx);
            match fx.call_builtin("numpy.where", vec![(valid, span), (Value::Array(af), span), (n, span)], vec![], span) {
                Value::Lazy(l) => Some(fx.materialize(l, span)),
                Value::Array(a) => Some(a),
                _ => None,
            }
        };
        let any_missing = |fx: &mut Self| -> Option<ExprId> {
            let valid = Value::Array(fx.read(c.valid?));
            match fx.call_builtin("numpy.all", vec![(valid, span)], vec![], span) {
                Value::Scalar(all) => Some(fx.add(Expr::Unary(ir::UnaryOp::Not, all), Type::py_bool())),
                _ => None,
            }
        };
        Some(match name {
            "sum" | "prod" | "mean" | "min" | "max" | "std" | "var" | "median" => {
                let Some(kw) = self.keywords(&fname, kw, &["ddof"]) else { return Some(Value::Error) };
                if !self.arity(&fname, &args, 0, 0, span) {
                    return Some(Value::Error);
                }
                let mut ddof = 1;
                for (_, v, vspan) in kw {
                    let Some(d) = self.const_int(Some((v, vspan)), 1, "ddof") else { return Some(Value::Error) };
                    ddof = d;
                }
                match name {
                    "sum" | "prod" => {
                        let fill = if dtype == DType::Bool { bool_k(self, name == "prod") } else { int_k(self, (name == "prod") as i64) };
                        let x = self.na_filled(c, fill, span);
                        self.call_builtin(&format!("numpy.{name}"), vec![(x, span)], vec![], span)
                    }
                    "min" | "max" => {
                        // pandas gives <NA> when nothing is present, a value legatec cannot hold.
                        let present = self.column_method(s.clone(), c, "count", vec![], vec![], span);
                        let Value::Scalar(n) = self.stabilize(present, span) else { return Some(Value::Error) };
                        let zero = self.const_i64(0);
                        let none = self.add(Expr::Compare(ir::CompareOp::Eq, n, zero), Type::py_bool());
                        self.raise_kind_if(none, "ValueError", format!("legatec: {name}() of a {} Series with no value present is <NA> in pandas, which legatec cannot hold", ct.pandas_name()), span);
                        let fill = match (dtype, name) {
                            (DType::Bool, _) => bool_k(self, name == "min"),
                            (_, "min") => int_k(self, i64::MAX),
                            _ => int_k(self, i64::MIN),
                        };
                        let x = self.na_filled(c, fill, span);
                        self.call_builtin(&format!("numpy.{name}"), vec![(x, span)], vec![], span)
                    }
                    _ => {
                        let Some(af) = as_float(self) else { return Some(Value::Error) };
                        let f = Rc::new(Series { name: s.name.clone(), data: Value::Array(af), index: s.index.clone() });
                        let ddof = int_k(self, ddof);
                        let kw = if matches!(name, "std" | "var") { vec![("ddof".to_string(), ddof, span)] } else { vec![] };
                        self.call_series_method(f, name, vec![], kw, span)
                    }
                }
            }
            "fillna" => {
                let Some((v, vspan)) = self.single_arg(&fname, args, span) else { return Some(Value::Error) };
                let ok = match &v {
                    Value::Scalar(e) => match self.expr_type(*e).dtype() {
                        Some(DType::Bool) => dtype == DType::Bool,
                        Some(d) if d.is_int() => dtype != DType::Bool,
                        _ => false,
                    },
                    _ => false,
                };
                if !ok {
                    let d = self.describe_value(&v);
                    self.error(diag::type_error(vspan, format!("`fillna` of a {} Series with {d} (pandas raises TypeError or changes the dtype)", ct.pandas_name()), if dtype == DType::Bool { "fill with True or False" } else { "fill with an int" }));
                    return Some(Value::Error);
                }
                let x = self.na_filled(c, v, span);
                let a = match x {
                    Value::Lazy(l) => self.materialize(l, span),
                    Value::Array(a) => a,
                    _ => return Some(Value::Error),
                };
                let a = self.array_as(a, dtype, span);
                let p = self.array_place(a, span);
                self.col_series(s.name.clone(), Col { na: true, ..Col::num(p) }, s.index.clone())
            }
            _ => {
                // astype: to float64 (NaN where missing), or to int64 / bool when nothing is
                // missing (pandas raises ValueError otherwise).
                let Some((v, vspan)) = self.single_arg(&fname, args, span) else { return Some(Value::Error) };
                if self.is_str_dtype(&v) {
                    // `str()` of each value, `<NA>` missing (as NaN of the `str` dtype).
                    return Some(self.numbers_to_str(s, span));
                }
                let target = match &v {
                    Value::DType(d) => Some(*d),
                    Value::Builtin(b) if b == "float" => Some(DType::F64),
                    Value::Builtin(b) if b == "int" => Some(DType::I64),
                    Value::Builtin(b) if b == "bool" => Some(DType::Bool),
                    other => match self.const_str(other).as_deref() {
                        Some("float64") => Some(DType::F64),
                        Some("int64") => Some(DType::I64),
                        Some("bool") => Some(DType::Bool),
                        Some("Int64") if dtype == DType::I64 => return Some(Value::Series(s.clone())),
                        Some("boolean") if dtype == DType::Bool => return Some(Value::Series(s.clone())),
                        _ => None,
                    },
                };
                match target {
                    Some(DType::F64) => {
                        let Some(af) = as_float(self) else { return Some(Value::Error) };
                        self.as_series(Value::Array(af), s.name.clone(), s.index.clone(), span)
                    }
                    Some(t @ (DType::I64 | DType::Bool)) => {
                        if let Some(missing) = any_missing(self) {
                            let message = if t == DType::Bool { "cannot convert float NaN to bool" } else { "cannot convert NA to integer" };
                            self.raise_kind_if(missing, "ValueError", message.to_string(), span);
                        }
                        let a = self.read(c.values);
                        let a = self.array_as(a, t, span);
                        self.as_series(Value::Array(a), s.name.clone(), s.index.clone(), span)
                    }
                    _ => {
                        self.error(diag::type_error(vspan, format!("astype of a {} Series to this dtype is not supported", ct.pandas_name()), "supported: \"float64\", \"int64\" and \"bool\" (where nothing is missing), and str"));
                        Value::Error
                    }
                }
            }
        })
    }
}
