//! Frame methods that relabel, reshape or clean: `reset_index`, `set_index`, `rename`,
//! `drop`, `astype`, `isna`/`notna`, `fillna`, `dropna`, `pd.concat`, `iloc` slices.

use std::rc::Rc;

use super::rows::RowOp;
use super::{Args, Col, ColType, Frame, IndexV, Kind, Kwargs, Level};
use crate::diagnostics as diag;
use crate::lower::{FnCx, Value};
use ir::{BinaryOp, DType, Expr, ExprId, Span, Type};

impl FnCx<'_, '_> {
    pub(crate) fn to_array(&mut self, v: Value, span: Span) -> Option<ExprId> {
        match v {
            Value::Array(e) => Some(e),
            Value::Lazy(l) => Some(self.materialize(l, span)),
            _ => None,
        }
    }

    /// Applies an elementwise function to every column's values (columns that may hold
    /// missing values are refused).
    fn map_columns(&mut self, f: &Frame, span: Span, g: &mut dyn FnMut(&mut Self, ExprId) -> Option<Value>) -> Option<Frame> {
        let mut columns = Vec::new();
        for (label, c) in &f.columns {
            if c.kind != Kind::Num {
                if c.valid.is_some() {
                    let ct = self.col_type(*c);
                    self.error(diag::type_error(span, format!("this would change the {} column {label:?}, which may hold missing values", ct.pandas_name()), "select the numeric columns first"));
                    return None;
                }
                columns.push((label.clone(), *c));
                continue;
            }
            let c = self.unmasked(label, *c, span);
            let a = self.read(c.values);
            let v = g(self, a)?;
            let a = self.to_array(v, span)?;
            columns.push((label.clone(), Col::num(self.array_place(a, span))));
        }
        Some(Frame { columns, index: f.index.clone() })
    }

    /// `isnan` of a float array; all false for other dtypes.
    pub(crate) fn missing_of(&mut self, a: ExprId, span: Span) -> Value {
        if self.expr_type(a).dtype().is_some_and(|d| d.is_float()) {
            self.call_builtin("numpy.isnan", vec![(Value::Array(a), span)], vec![], span)
        } else {
            let n = self.add(Expr::Dim(a, 0), Type::py_int());
            let f = Value::Scalar(self.add(Expr::Const(ir::Const::Bool(false)), Type::py_bool()));
            self.call_builtin("numpy.full", vec![(Value::Scalar(n), span), (f, span)], vec![], span)
        }
    }

    /// Where a column's values are missing (a bool array or lazy expression): masked
    /// out, NaN, NaT or category code -1.
    pub(crate) fn col_missing(&mut self, c: Col, span: Span) -> Value {
        let a = self.read(c.values);
        let mut v = match c.kind {
            Kind::Num => self.missing_of(a, span),
            Kind::Time | Kind::Cat { .. } => {
                let sentinel = if c.kind == Kind::Time { i64::MIN } else { -1 };
                let k = Value::Scalar(self.add(Expr::Const(ir::Const::Int(sentinel)), Type::scalar(self.expr_type(a).dtype().expect("an array"))));
                self.compare(crate::ast::CmpOp::Eq, Value::Array(a), k, span)
            }
            Kind::Str { .. } => {
                let n = self.col_len(c);
                let f = Value::Scalar(self.add(Expr::Const(ir::Const::Bool(false)), Type::py_bool()));
                self.call_builtin("numpy.full", vec![(Value::Scalar(n), span), (f, span)], vec![], span)
            }
        };
        if let Some(m) = c.valid {
            let m = self.read(m);
            let invalid = self.unary(crate::ast::UnaryOp::Invert, Value::Array(m), span);
            v = self.elementwise2(BinaryOp::BitOr, v, invalid, span);
        }
        v
    }

    /// `df.reset_index(drop=)`: the index's levels become leading columns (`index` for an
    /// unnamed one), and the index a new range.
    pub(crate) fn reset_index(&mut self, f: &Frame, kw: Kwargs, span: Span) -> Value {
        let Some(kw) = self.keywords("DataFrame.reset_index", kw, &["drop"]) else { return Value::Error };
        let mut drop = false;
        for (_, v, vspan) in &kw {
            match v {
                Value::Scalar(e) if self.const_bool(*e).is_some() => drop = self.const_bool(*e).unwrap_or(false),
                _ => {
                    self.error(diag::type_error(*vspan, "`drop` must be True or False", "write a constant"));
                    return Value::Error;
                }
            }
        }
        let n = self.index_len(&f.index);
        let mut columns = Vec::new();
        if !drop {
            match &f.index {
                IndexV::Range { start, stop } => {
                    let labels = self.range_labels(*start, *stop, span);
                    columns.push(("index".to_string(), Col::num(self.array_place(labels, span))));
                }
                IndexV::Labels(levels) => {
                    for (k, l) in levels.iter().enumerate() {
                        let name = match &l.name {
                            Some(n) => n.clone(),
                            None if levels.len() == 1 => "index".to_string(),
                            None => format!("level_{k}"),
                        };
                        columns.push((name, l.col));
                    }
                }
            }
        }
        for (label, _) in &columns {
            if f.column(label).is_some() {
                self.error(diag::type_error(span, format!("cannot insert {label}, already exists (a ValueError in pandas)"), "rename the column or pass `drop=True`"));
                return Value::Error;
            }
        }
        columns.extend(f.columns.iter().cloned());
        let index = self.range_index(n, span);
        Value::Frame(Rc::new(Frame { columns, index }))
    }

    /// `df.set_index(keys)`: those columns become the index's levels.
    pub(crate) fn set_index(&mut self, f: &Frame, args: Args, kw: Kwargs, span: Span) -> Value {
        let Some(_) = self.keywords("DataFrame.set_index", kw, &[]) else { return Value::Error };
        let Some((keys, kspan)) = self.single_arg("DataFrame.set_index", args, span) else { return Value::Error };
        let Some(labels) = self.const_str_list(&keys) else {
            self.error(diag::type_error(kspan, "`set_index` takes column labels as string constants", "write `set_index(\"k\")`"));
            return Value::Error;
        };
        let Some(cols) = self.columns_named(f, &labels, kspan) else { return Value::Error };
        let levels = cols.into_iter().map(|(l, c)| Level { name: Some(l), col: c, made: super::Made::SetIndex }).collect();
        let columns = f.columns.iter().filter(|(l, _)| !labels.contains(l)).cloned().collect();
        Value::Frame(Rc::new(Frame { columns, index: IndexV::Labels(Rc::new(levels)) }))
    }

    /// `df.rename(columns={"a": "b"})`.
    pub(crate) fn rename(&mut self, f: &Frame, kw: Kwargs) -> Value {
        let Some(kw) = self.keywords("DataFrame.rename", kw, &["columns"]) else { return Value::Error };
        let mut map = Vec::new();
        for (_, v, vspan) in kw {
            let Value::Dict(entries) = v else {
                self.error(diag::type_error(vspan, "`columns` must be a dict literal of labels", "write `rename(columns={\"a\": \"b\"})`"));
                return Value::Error;
            };
            for (k, kspan, v, _) in entries {
                let (Some(from), Some(to)) = (self.const_str(&k), self.const_str(&v)) else {
                    self.error(diag::type_error(kspan, "`rename` maps string constants to string constants", "write the labels as string literals"));
                    return Value::Error;
                };
                map.push((from, to));
            }
        }
        let columns = f
            .columns
            .iter()
            .map(|(l, c)| (map.iter().rev().find(|(from, _)| from == l).map_or(l.clone(), |(_, to)| to.clone()), *c))
            .collect();
        Value::Frame(Rc::new(Frame { columns, index: f.index.clone() }))
    }

    /// `df.drop(columns=...)`.
    pub(crate) fn drop_columns(&mut self, f: &Frame, kw: Kwargs, span: Span) -> Value {
        let Some(kw) = self.keywords("DataFrame.drop", kw, &["columns"]) else { return Value::Error };
        let Some((_, v, vspan)) = kw.into_iter().next() else {
            self.error(diag::bad_arguments(span, "`drop` needs `columns=` here"));
            return Value::Error;
        };
        let Some(labels) = self.const_str_list(&v) else {
            self.error(diag::type_error(vspan, "`columns` must name columns with string constants", "write `drop(columns=[\"a\"])`"));
            return Value::Error;
        };
        if self.columns_named(f, &labels, vspan).is_none() {
            return Value::Error;
        }
        let columns = f.columns.iter().filter(|(l, _)| !labels.contains(l)).cloned().collect();
        Value::Frame(Rc::new(Frame { columns, index: f.index.clone() }))
    }

    /// `df.astype(dtype)` or `df.astype({"a": dtype})`.
    pub(crate) fn frame_astype(&mut self, f: &Frame, args: Args, span: Span) -> Value {
        let Some((v, vspan)) = self.single_arg("DataFrame.astype", args, span) else { return Value::Error };
        let per_column: Vec<(Option<String>, Value, Span)> = match v {
            Value::Dict(entries) => entries.into_iter().map(|(k, _, v, s)| (self.const_str(&k), v, s)).collect(),
            other => vec![(None, other, vspan)],
        };
        let mut targets: Vec<(Option<String>, DType)> = Vec::new();
        // Targets that are not NumPy dtypes (`"string"`, `"category"`, `str`): each column
        // as `Series.astype` makes it.
        let mut pandas_targets: Vec<(Option<String>, Value, Span)> = Vec::new();
        for (label, v, s) in per_column {
            if matches!(self.const_str(&v).as_deref(), Some("string" | "category")) || self.is_str_dtype(&v) {
                if let Some(l) = &label {
                    if f.column(l).is_none() {
                        return self.missing_column(f, l, s);
                    }
                }
                pandas_targets.push((label, v, s));
                continue;
            }
            let Some(Some(d)) = self.dtype_kw(&vec![("dtype".to_string(), v, s)]) else { return Value::Error };
            if d.is_complex() {
                self.error(diag::complex_column(s));
                return Value::Error;
            }
            if let Some(l) = &label {
                if f.column(l).is_none() {
                    return self.missing_column(f, l, s);
                }
            }
            targets.push((label, d));
        }
        let mut columns = Vec::new();
        for (label, c) in &f.columns {
            if let Some((_, v, vspan)) = pandas_targets.iter().find(|(l, _, _)| l.is_none() || l.as_deref() == Some(label)) {
                let s = Rc::new(super::Series { name: Some(label.clone()), data: Value::Column(*c), index: f.index.clone() });
                let r = match c.kind {
                    Kind::Num if self.is_str_dtype(v) => self.numbers_to_str(&s, span),
                    Kind::Num => {
                        let ct = self.col_type(*c);
                        self.error(diag::type_error(*vspan, format!("astype of the {} column {label:?} to {}", ct.pandas_name(), self.const_str(v).unwrap_or_default()), "supported: a str column to \"string\" or \"category\""));
                        return Value::Error;
                    }
                    _ => self.column_method(s.clone(), *c, "astype", vec![(v.clone(), *vspan)], vec![], span),
                };
                let Value::Series(r) = r else { return Value::Error };
                let Some(col) = self.series_col(&r, span) else { return Value::Error };
                columns.push((label.clone(), col));
                continue;
            }
            let target = targets.iter().find(|(l, _)| l.is_none() || l.as_deref() == Some(label)).map(|(_, d)| *d);
            match target {
                Some(_) if c.kind != Kind::Num => {
                    let ct = self.col_type(*c);
                    self.error(diag::type_error(span, format!("astype of the {} column {label:?} to a number", ct.pandas_name()), "convert strings with a `.str` method, or cast numeric columns only"));
                    return Value::Error;
                }
                Some(d) => {
                    let c = self.unmasked(label, *c, span);
                    let a = self.read(c.values);
                    let a = self.array_as(a, d, span);
                    columns.push((label.clone(), Col::num(self.array_place(a, span))));
                }
                None => columns.push((label.clone(), *c)),
            }
        }
        Value::Frame(Rc::new(Frame { columns, index: f.index.clone() }))
    }

    /// `df.isna()` / `df.notna()`.
    pub(crate) fn frame_isna(&mut self, f: &Frame, not: bool, span: Span) -> Value {
        let mut columns = Vec::new();
        for (label, c) in &f.columns {
            let mut v = self.col_missing(*c, span);
            if not {
                v = self.unary(crate::ast::UnaryOp::Invert, v, span);
            }
            let Some(a) = self.to_array(v, span) else { return Value::Error };
            columns.push((label.clone(), Col::num(self.array_place(a, span))));
        }
        Value::Frame(Rc::new(Frame { columns, index: f.index.clone() }))
    }

    /// `df.fillna(value)`: NaN in float columns replaced.
    pub(crate) fn frame_fillna(&mut self, f: &Frame, args: Args, span: Span) -> Value {
        let Some((v, vspan)) = self.single_arg("DataFrame.fillna", args, span) else { return Value::Error };
        if !matches!(v, Value::Scalar(_)) {
            self.error(diag::type_error(vspan, "`fillna` takes a number here", "pass a scalar"));
            return Value::Error;
        }
        let r = self.map_columns(f, span, &mut |fx, a| {
            if !fx.expr_type(a).dtype().is_some_and(|d| d.is_float()) {
                return Some(Value::Array(a));
            }
            let nan = fx.missing_of(a, span);
            Some(fx.call_builtin("numpy.where", vec![(nan, span), (v.clone(), vspan), (Value::Array(a), span)], vec![], span))
        });
        match r {
            Some(f) => Value::Frame(Rc::new(f)),
            None => Value::Error,
        }
    }

    /// `df.dropna(how=, thresh=, subset=)`: the rows with no missing value in the `subset`
    /// columns (all by default); with `how="all"`, the rows with any value there; with
    /// `thresh=n`, those with at least `n` values there.
    pub(crate) fn frame_dropna(&mut self, f: &Frame, args: Args, kw: Kwargs, span: Span) -> Value {
        if let Some((_, aspan)) = args.first() {
            self.error(diag::type_error(*aspan, "`dropna` takes its arguments by keyword (pandas' TypeError)", "write `dropna(how=\"all\")`"));
            return Value::Error;
        }
        let Some(kw) = self.keywords("DataFrame.dropna", kw, &["how", "thresh", "subset"]) else { return Value::Error };
        let mut columns: Vec<Col> = f.columns.iter().map(|(_, c)| *c).collect();
        let (mut all, mut thresh) = (false, None);
        for (k, v, vspan) in kw {
            match k.as_str() {
                "how" => match self.str_choice(Some((v, vspan)), &["any", "all"], 0, "`how` must be \"any\" or \"all\"", "write `how=\"all\"`") {
                    Some(choice) => all = choice == 1,
                    None => return Value::Error,
                },
                "thresh" => match self.int_value(v, vspan) {
                    Some(n) => thresh = Some((n, vspan)),
                    None => return Value::Error,
                },
                _ => {
                    let Some(labels) = self.const_str_list(&v) else {
                        self.error(diag::type_error(vspan, "`subset` takes column labels written as strings", "write `subset=[\"a\", \"b\"]`"));
                        return Value::Error;
                    };
                    columns.clear();
                    for label in labels {
                        match f.column(&label) {
                            Some(c) => columns.push(c),
                            None => return self.missing_column(f, &label, vspan),
                        }
                    }
                }
            }
        }
        if let (true, Some((_, tspan))) = (all, thresh) {
            self.error(diag::type_error(tspan, "You cannot set both the how and thresh arguments at the same time (pandas' TypeError)", "pass `how` or `thresh`, not both"));
            return Value::Error;
        }
        // Per row: whether each column holds a value, then all of them, any, or a count.
        let mut keep: Option<Value> = None;
        for c in columns {
            let missing = self.col_missing(c, span);
            let ok = self.unary(crate::ast::UnaryOp::Invert, missing, span);
            let ok = match thresh {
                Some(_) => self.call_builtin("numpy.asarray", vec![(ok, span)], vec![("dtype".into(), Value::DType(DType::I64), span)], span),
                None => ok,
            };
            let op = match (thresh, all) {
                (Some(_), _) => BinaryOp::Add,
                (None, true) => BinaryOp::BitOr,
                (None, false) => BinaryOp::BitAnd,
            };
            keep = Some(match keep {
                None => ok,
                Some(k) => self.elementwise2(op, k, ok, span),
            });
        }
        let keep = match (keep, thresh) {
            (Some(count), Some((n, _))) => self.compare(crate::ast::CmpOp::GtE, count, Value::Scalar(n), span),
            (Some(k), None) => k,
            // No column to look at: every row stays, unless a count of values is asked for.
            (None, Some((n, _))) => {
                let Some(len) = f.columns.first().map(|(_, c)| self.col_len(*c)) else { return Value::Frame(Rc::new(Frame { columns: f.columns.clone(), index: f.index.clone() })) };
                let zeros = self.call_builtin("numpy.zeros", vec![(Value::Scalar(len), span)], vec![("dtype".into(), Value::DType(DType::I64), span)], span);
                self.compare(crate::ast::CmpOp::GtE, zeros, Value::Scalar(n), span)
            }
            (None, None) => return Value::Frame(Rc::new(Frame { columns: f.columns.clone(), index: f.index.clone() })),
        };
        let Some(m) = self.to_array(keep, span) else { return Value::Error };
        let m = self.array_place(m, span);
        Value::Frame(Rc::new(self.select_rows(f, RowOp::Mask(m), span)))
    }

    /// `pd.concat([df1, df2, ...], ignore_index=)`: frames of one schema, rows after rows.
    pub(crate) fn concat(&mut self, args: Args, kw: Kwargs, span: Span) -> Value {
        let Some(kw) = self.keywords("pd.concat", kw, &["ignore_index"]) else { return Value::Error };
        let mut ignore_index = false;
        for (_, v, vspan) in &kw {
            match v {
                Value::Scalar(e) if self.const_bool(*e).is_some() => ignore_index = self.const_bool(*e).unwrap_or(false),
                _ => {
                    self.error(diag::type_error(*vspan, "`ignore_index` must be True or False", "write a constant"));
                    return Value::Error;
                }
            }
        }
        let Some((Value::Tuple(items), lspan)) = args.into_iter().next() else {
            self.error(diag::type_error(span, "`pd.concat` takes a list of frames", "write `pd.concat([a, b])`"));
            return Value::Error;
        };
        let mut frames = Vec::new();
        for item in items {
            match item {
                Value::Frame(f) => frames.push(f),
                other => {
                    let d = self.describe_value(&other);
                    self.error(diag::type_error(lspan, format!("`pd.concat` of {d} is not supported"), "concatenate DataFrames"));
                    return Value::Error;
                }
            }
        }
        let Some(first) = frames.first().cloned() else {
            self.emit(ir::StmtKind::Raise { kind: "ValueError".into(), message: "No objects to concatenate".into() }, span);
            return Value::Error;
        };
        for f in &frames[1..] {
            let same = f.columns.len() == first.columns.len()
                && f.columns.iter().zip(&first.columns).all(|((l, c), (l0, c0))| l == l0 && self.col_type(*c).kind == self.col_type(*c0).kind);
            if !same {
                self.error(diag::type_error(lspan, "these frames have different columns or dtypes", "legatec concatenates frames of one schema (pandas would align columns and fill NaN)"));
                return Value::Error;
            }
        }
        let join = |fx: &mut Self, parts: Vec<Col>| -> Col {
            let masked = parts.iter().any(|c| c.valid.is_some());
            let out = ColType { promoted: false, ..fx.col_type(parts[0]).with_mask(masked) };
            let mut fields = vec!["concat".to_string(), parts.len().to_string(), out.code()];
            for p in &parts {
                fields.push(fx.push_col_raw(*p, span));
            }
            let mut c = fx.frame_run_cols(&fields, &[out], &[], span).0[0];
            // pandas' dtype: float64 where any part is (`Col::promoted`).
            let flags: Vec<ir::Place> = parts.iter().filter_map(|p| p.promoted).collect();
            if let Some((&first, rest)) = flags.split_first() {
                let mut any = fx.read(first);
                for &f in rest {
                    let r = fx.read(f);
                    any = fx.add(Expr::Binary(BinaryOp::BitOr, any, r), Type::scalar(DType::Bool));
                }
                let flag = fx.temp(Type::scalar(DType::Bool));
                fx.emit(ir::StmtKind::Assign { dst: flag, value: any }, span);
                c.promoted = Some(flag);
            }
            c
        };
        let mut columns = Vec::new();
        for (k, (label, _)) in first.columns.iter().enumerate() {
            let col = join(self, frames.iter().map(|f| f.columns[k].1).collect());
            columns.push((label.clone(), col));
        }
        let index = if ignore_index {
            let mut total = self.const_i64(0);
            for f in &frames {
                let n = self.index_len(&f.index);
                total = self.int_binary(BinaryOp::Add, total, n);
            }
            self.range_index(total, span)
        } else {
            let mut parts = Vec::new();
            for f in &frames {
                match &f.index {
                    IndexV::Range { start, stop } => {
                        let l = self.range_labels(*start, *stop, span);
                        parts.push(Col::num(self.array_place(l, span)));
                    }
                    IndexV::Labels(levels) if levels.len() == 1 && levels[0].col.valid.is_none() && levels[0].name.is_none() => parts.push(levels[0].col),
                    IndexV::Labels(_) => {
                        self.error(diag::type_error(lspan, "concatenating frames indexed by named labels is not supported yet", "use `ignore_index=True` or `reset_index()` first"));
                        return Value::Error;
                    }
                }
            }
            if parts.iter().any(|p| self.col_type(*p) != ColType::num(DType::I64)) {
                self.error(diag::type_error(lspan, "these frames' indexes have different dtypes", "use `ignore_index=True`"));
                return Value::Error;
            }
            let labels = join(self, parts);
            IndexV::Labels(Rc::new(vec![Level { name: None, col: labels, made: super::Made::Unknown }]))
        };
        Value::Frame(Rc::new(Frame { columns, index }))
    }
}
