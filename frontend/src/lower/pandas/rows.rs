//! Row selections of frames: every row-aligned array of a frame (column values, masks,
//! index labels) goes through the same selection; a range index stays a range under a
//! positional slice and becomes labels under any other selection, as in pandas.

use std::rc::Rc;

use super::{Col, Frame, IndexV, Level, Series};
use crate::diagnostics as diag;
use crate::lower::{FnCx, Value};
use ir::{BinaryOp, CompareOp, DType, EntryPoint, Expr, ExprId, IndexItem, Place, Span, StmtKind, Type};


/// A selection of rows.
#[derive(Clone, Copy)]
pub(crate) enum RowOp {
    /// Where a bool array is true.
    Mask(Place),
    /// Positions `start..stop` (0 <= start <= stop <= len).
    Slice { start: Place, stop: Place },
    /// The rows an int64 array lists, every one present.
    Take(Place),
}

impl FnCx<'_, '_> {
    /// One array under a selection.
    pub(crate) fn select_array(&mut self, a: Place, op: RowOp, span: Span) -> Place {
        let ty = self.place_type(a);
        let src = self.read(a);
        let r = match op {
            RowOp::Mask(m) => {
                let m = self.read(m);
                self.runtime_call(EntryPoint::MaskGet, vec![src, m], Some(ty), span).expect("a result")
            }
            RowOp::Take(rows) => {
                let rows = self.read(rows);
                self.runtime_call(EntryPoint::Gather, vec![src, rows], Some(ty), span).expect("a result")
            }
            RowOp::Slice { start, stop } => {
                let (s, e) = (self.read(start), self.read(stop));
                let dst = self.temp(ty);
                self.emit(StmtKind::View { dst, src, index: vec![IndexItem::Slice { start: Some(s), stop: Some(e), step: None }] }, span);
                self.read(dst)
            }
        };
        self.array_place(r, span)
    }

    /// The labels of a range index as an int64 array.
    pub(crate) fn range_labels(&mut self, start: Place, stop: Place, span: Span) -> ExprId {
        let (a, b) = (self.read(start), self.read(stop));
        match self.call_builtin("numpy.arange", vec![(Value::Scalar(a), span), (Value::Scalar(b), span)], vec![], span) {
            Value::Array(e) => e,
            Value::Lazy(l) => self.materialize(l, span),
            _ => unreachable!("np.arange of ints"),
        }
    }

    /// An index under a selection.
    pub(crate) fn select_index(&mut self, index: &IndexV, op: RowOp, span: Span) -> IndexV {
        match (index, op) {
            (IndexV::Range { start: s0, .. }, RowOp::Slice { start, stop }) => {
                let (a, b) = (self.read(*s0), self.read(start));
                let ns = self.int_binary(BinaryOp::Add, a, b);
                let (a, b) = (self.read(*s0), self.read(stop));
                let ne = self.int_binary(BinaryOp::Add, a, b);
                IndexV::Range { start: self.int_place(ns, span), stop: self.int_place(ne, span) }
            }
            (IndexV::Range { start, stop }, _) => {
                let labels = self.range_labels(*start, *stop, span);
                let labels = self.array_place(labels, span);
                let col = self.select_col(Col::num(labels), op, span);
                IndexV::Labels(Rc::new(vec![Level { name: None, col, made: super::Made::Taken }]))
            }
            (IndexV::Labels(levels), _) => {
                let levels = levels
                    .iter()
                    .map(|l| Level {
                        name: l.name.clone(),
                        col: self.select_col(l.col, op, span),
                        made: if l.made == super::Made::Labels { super::Made::Labels } else { super::Made::Unknown },
                    })
                    .collect();
                IndexV::Labels(Rc::new(levels))
            }
        }
    }

    /// A frame under a selection.
    pub(crate) fn select_rows(&mut self, f: &Frame, op: RowOp, span: Span) -> Frame {
        let columns = f.columns.iter().map(|(l, c)| (l.clone(), self.select_col(*c, op, span))).collect();
        let index = self.select_index(&f.index, op, span);
        Frame { columns, index }
    }

    /// `df[mask]` for a boolean Series of the same index.
    pub(crate) fn frame_rows_by_mask(&mut self, f: &Frame, mask: &Series, kspan: Span, span: Span) -> Value {
        if !self.same_index(&mask.index, &f.index, kspan) {
            self.error(diag::type_error(kspan, "this boolean Series has another index than the frame", "pandas would align the two by label, which legatec does not do; build the mask from this frame's columns"));
            return Value::Error;
        }
        let Some(m) = self.bool_mask(mask, kspan, "row selection needs a boolean Series", "compare a column, e.g. `df[df.x > 0]`") else { return Value::Error };
        let m = self.array_place(m, span);
        Value::Frame(Rc::new(self.select_rows(f, RowOp::Mask(m), span)))
    }

    /// The values of a boolean Series as an array, or a located error (`what`, `hint`).
    pub(crate) fn bool_mask(&mut self, mask: &Series, kspan: Span, what: &str, hint: &str) -> Option<ExprId> {
        let m = match mask.data.clone() {
            Value::Lazy(l) => self.materialize(l, kspan),
            Value::Array(a) => a,
            Value::Column(c) if c.na => match self.na_bool_mask(c, kspan) {
                Some(m) => m,
                None => {
                    self.error(diag::type_error(kspan, what, hint));
                    return None;
                }
            },
            _ => None?,
        };
        if self.expr_type(m).dtype() != Some(DType::Bool) {
            self.error(diag::type_error(kspan, what, hint));
            return None;
        }
        Some(m)
    }

    /// `s[mask]` for a boolean Series of the same index: as the rows of a one-column frame.
    pub(crate) fn series_subscript(&mut self, s: Rc<Series>, key: Value, kspan: Span, span: Span) -> Value {
        let Value::Series(mask) = key else {
            if !matches!(key, Value::Error) {
                let d = self.describe_value(&key);
                self.error(diag::type_error(kspan, format!("cannot index a Series with {d}"), "select rows with a boolean Series (`s[s > 0]`), or use `.iloc[a:b]`/`.head(n)`"));
            }
            return Value::Error;
        };
        let Some(col) = self.series_col(&s, span) else { return Value::Error };
        let f = Frame { columns: vec![(String::new(), col)], index: s.index.clone() };
        match self.frame_rows_by_mask(&f, &mask, kspan, span) {
            Value::Frame(r) => self.col_series(s.name.clone(), r.columns[0].1, r.index.clone()),
            other => other,
        }
    }

    /// `df.head(n)` / `df.tail(n)`: rows by position, as pandas' `iloc[:n]` / `iloc[-n:]`.
    pub(crate) fn frame_rows_head_tail(&mut self, f: &Frame, n: ExprId, tail: bool, span: Span) -> Value {
        let n = self.int_place(n, span);
        let len = self.index_len(&f.index);
        let len = self.int_place(len, span);
        let zero = self.const_i64(0);
        let nr = self.read(n);
        let negative = self.add(Expr::Compare(CompareOp::Lt, nr, zero), Type::py_bool());
        let negative = self.int_place(negative, span);
        let clamp = |fx: &mut Self, e: ExprId| -> ExprId {
            let zero = fx.const_i64(0);
            let e = fx.int_binary(BinaryOp::Max, e, zero);
            let l = fx.read(len);
            fx.int_binary(BinaryOp::Min, e, l)
        };
        let (start, stop) = if tail {
            // `[-n:]`: from `len - n`, or from `-n` when n is negative.
            let (l, nr) = (self.read(len), self.read(n));
            let from_end = self.int_binary(BinaryOp::Sub, l, nr);
            let (zero, nr) = (self.const_i64(0), self.read(n));
            let minus = self.int_binary(BinaryOp::Sub, zero, nr);
            let neg = self.read(negative);
            let s = self.add(Expr::Select(neg, minus, from_end), Type::py_int());
            let s = clamp(self, s);
            (s, self.read(len))
        } else {
            // `[:n]`: up to `n`, or to `len + n` when n is negative.
            let (l, nr) = (self.read(len), self.read(n));
            let plus = self.int_binary(BinaryOp::Add, l, nr);
            let nr = self.read(n);
            let neg = self.read(negative);
            let e = self.add(Expr::Select(neg, plus, nr), Type::py_int());
            (self.const_i64(0), clamp(self, e))
        };
        let start = self.int_place(start, span);
        let stop = self.int_place(stop, span);
        Value::Frame(Rc::new(self.select_rows(f, RowOp::Slice { start, stop }, span)))
    }

    /// A bound of a Python slice over `len` rows, normalised: negative counts from the end,
    /// clamped to `0..=len`; `None` is `default`.
    fn slice_bound(&mut self, bound: Option<ExprId>, len: Place, default: ExprId, span: Span) -> Place {
        let Some(b) = bound else { return self.int_place(default, span) };
        let b = self.int_place(b, span);
        let (br, zero) = (self.read(b), self.const_i64(0));
        let negative = self.add(Expr::Compare(CompareOp::Lt, br, zero), Type::py_bool());
        let (br, l) = (self.read(b), self.read(len));
        let from_end = self.int_binary(BinaryOp::Add, br, l);
        let br = self.read(b);
        let v = self.add(Expr::Select(negative, from_end, br), Type::py_int());
        let zero = self.const_i64(0);
        let v = self.int_binary(BinaryOp::Max, v, zero);
        let l = self.read(len);
        let v = self.int_binary(BinaryOp::Min, v, l);
        self.int_place(v, span)
    }

    /// `df.iloc[a:b]`: rows by position (step 1).
    pub(crate) fn frame_iloc(&mut self, f: &Frame, index: &[crate::ast::IndexExpr], span: Span) -> Value {
        let [crate::ast::IndexExpr::Slice { lower, upper, step: None, .. }] = index else {
            self.error(diag::unsupported_syntax(span, "this `iloc` selection", "select rows by a slice `df.iloc[a:b]`"));
            return Value::Error;
        };
        let bound = |fx: &mut Self, e: &Option<crate::ast::Expr>| -> Result<Option<ExprId>, ()> {
            match e {
                None => Ok(None),
                Some(e) => {
                    let v = fx.expr(e);
                    fx.int_value(v, e.span).map(Some).ok_or(())
                }
            }
        };
        let (Ok(a), Ok(b)) = (bound(self, lower), bound(self, upper)) else { return Value::Error };
        let len = self.index_len(&f.index);
        let len = self.int_place(len, span);
        let zero = self.const_i64(0);
        let start = self.slice_bound(a, len, zero, span);
        let l = self.read(len);
        let stop = self.slice_bound(b, len, l, span);
        let (e, s) = (self.read(stop), self.read(start));
        let stop = self.int_binary(BinaryOp::Max, e, s);
        let stop = self.int_place(stop, span);
        Value::Frame(Rc::new(self.select_rows(f, RowOp::Slice { start, stop }, span)))
    }

    /// `df.loc[rows, cols]`: rows by a boolean Series of the frame (or `:`), columns by a
    /// label (a Series) or a list of labels (a frame).
    pub(crate) fn frame_loc(&mut self, f: Rc<Frame>, index: &[crate::ast::IndexExpr], span: Span) -> Value {
        use crate::ast::IndexExpr;
        let (rows, cols) = match index {
            [r] => (r, None),
            [r, c] => (r, Some(c)),
            _ => {
                self.error(diag::unsupported_syntax(span, "this `loc` selection", "write `df.loc[mask]`, `df.loc[mask, \"c\"]` or `df.loc[:, [\"a\", \"b\"]]`"));
                return Value::Error;
            }
        };
        let selected = match rows {
            IndexExpr::Slice { lower: None, upper: None, step: None, .. } => Value::Frame(f.clone()),
            IndexExpr::Expr(e) => {
                let key = self.expr(e);
                match key {
                    Value::Series(s) => self.frame_rows_by_mask(&f, &s, e.span, span),
                    Value::Error => return Value::Error,
                    _ => {
                        self.error(diag::unsupported_syntax(e.span, "`loc` rows by labels", "select rows with a boolean Series, or `:`"));
                        return Value::Error;
                    }
                }
            }
            IndexExpr::Slice { span: s, .. } => {
                self.error(diag::unsupported_syntax(*s, "`loc` rows by a label slice", "select rows with a boolean Series, or `:`"));
                return Value::Error;
            }
        };
        let (Some(c), Value::Frame(sel)) = (cols, &selected) else { return selected };
        let IndexExpr::Expr(ce) = c else {
            self.error(diag::unsupported_syntax(span, "`loc` columns by a slice", "name the columns: `df.loc[:, [\"a\", \"b\"]]`"));
            return Value::Error;
        };
        let key = self.expr(ce);
        self.frame_subscript(sel.clone(), key, ce.span, span)
    }

    /// `df.loc[rows, "c"] = v` for a boolean Series `rows` of the frame (or `:`): the frame
    /// with column `c` set where `rows` holds (a new column is missing elsewhere: float64
    /// NaN or a missing string, as pandas makes it).
    pub(crate) fn frame_loc_set(&mut self, f: &Frame, index: &[crate::ast::IndexExpr], v: Value, tspan: Span, span: Span) -> Value {
        use crate::ast::IndexExpr;
        let [rows, IndexExpr::Expr(ce)] = index else {
            self.error(diag::unsupported_syntax(tspan, "this `loc` assignment", "write `df.loc[mask, \"c\"] = value`"));
            return Value::Error;
        };
        let key = self.expr(ce);
        let Some(label) = self.const_str(&key) else {
            self.error(diag::type_error(ce.span, "assign one column by a string constant label", "write `df.loc[mask, \"c\"] = value`"));
            return Value::Error;
        };
        let mask = match rows {
            IndexExpr::Slice { lower: None, upper: None, step: None, .. } => return self.frame_with_column(f, key, ce.span, v, span, span),
            IndexExpr::Expr(e) => match self.expr(e) {
                Value::Series(s) => {
                    if !self.same_index(&s.index, &f.index, e.span) {
                        self.error(diag::type_error(e.span, "this boolean Series has another index than the frame", "build the mask from this frame's columns"));
                        return Value::Error;
                    }
                    let m = match s.data.clone() {
                        Value::Lazy(l) => self.materialize(l, e.span),
                        Value::Array(a) => a,
                        _ => return Value::Error,
                    };
                    if self.expr_type(m).dtype() != Some(DType::Bool) {
                        self.error(diag::type_error(e.span, "`loc` rows by a boolean Series here", "compare a column, e.g. `df.loc[df.x > 0, \"c\"] = 1`"));
                        return Value::Error;
                    }
                    self.array_place(m, e.span)
                }
                Value::Error => return Value::Error,
                v @ (Value::Array(_) | Value::Lazy(_)) if self.value_dtype(&v) == Some(DType::Bool) => {
                    // A boolean NumPy array: by position, of the frame's length.
                    let m = match v {
                        Value::Lazy(l) => self.materialize(l, e.span),
                        Value::Array(a) => a,
                        _ => unreachable!("matched"),
                    };
                    if !matches!(self.expr_type(m), Type::Array { ndim: 1, .. }) {
                        self.error(diag::type_error(e.span, "`loc` rows by a boolean array of more than one dimension", "use a 1-D mask"));
                        return Value::Error;
                    }
                    let len = self.add(Expr::Dim(m, 0), Type::py_int());
                    let n = self.index_len(&f.index);
                    let ne = self.add(Expr::Compare(CompareOp::Ne, len, n), Type::py_bool());
                    self.raise_kind_if(ne, "IndexError", "Boolean index has wrong length".into(), e.span);
                    self.array_place(m, e.span)
                }
                other => {
                    let d = self.describe_value(&other);
                    self.error(diag::type_error(e.span, format!("`loc` rows by {d}"), "select rows with a boolean Series of the frame"));
                    return Value::Error;
                }
            },
            IndexExpr::Slice { span: s, .. } => {
                self.error(diag::unsupported_syntax(*s, "`loc` rows by a label slice", "select rows with a boolean Series, or `:`"));
                return Value::Error;
            }
        };
        let old = f.column(&label);
        let col = if let Some(text) = self.const_str(&v) {
            // A string: into a str column (or a new one).
            let mut fields = vec!["str_set".to_string()];
            match old {
                Some(c) if self.col_type(c).kind == super::KindT::Str => fields.push(self.push_col(c, span)),
                None => fields.push("none".into()),
                Some(c) => {
                    let ct = self.col_type(c);
                    self.error(diag::type_error(tspan, format!("setting a string into the {} column {label:?} (pandas 3 raises TypeError)", ct.pandas_name()), "set strings into str columns"));
                    return Value::Error;
                }
            }
            self.push_operand(mask, span);
            fields.push(text);
            let masked = old.is_none_or(|c| c.valid.is_some());
            let out = super::ColType::of(super::KindT::Str).with_mask(masked);
            self.frame_run_cols(&fields, &[out], &[], span).0[0]
        } else {
            let (base, dtype) = match old {
                Some(c) if c.kind == super::Kind::Num => {
                    let c = self.unmasked(&label, c, span);
                    (Value::Array(self.read(c.values)), self.place_type(c.values).dtype())
                }
                None => {
                    let n = self.index_len(&f.index);
                    let nan = Value::Scalar(self.add(Expr::Const(ir::Const::Float(f64::NAN)), Type::py_float()));
                    (self.call_builtin("numpy.full", vec![(Value::Scalar(n), span), (nan, span)], vec![], span), Some(DType::F64))
                }
                Some(c) => {
                    let ct = self.col_type(c);
                    self.error(diag::type_error(tspan, format!("setting numbers into the {} column {label:?}", ct.pandas_name()), "set numbers into numeric columns"));
                    return Value::Error;
                }
            };
            let v = match v {
                Value::Series(s) => {
                    if !self.same_index(&s.index, &f.index, span) {
                        self.error(diag::type_error(span, "this Series has another index than the frame", "use a Series of this frame"));
                        return Value::Error;
                    }
                    s.data.clone()
                }
                other => other,
            };
            let m = Value::Array(self.read(mask));
            let r = self.call_builtin("numpy.where", vec![(m, span), (v, span), (base, span)], vec![], span);
            let a = match r {
                Value::Lazy(l) => self.materialize(l, span),
                Value::Array(a) => a,
                _ => return Value::Error,
            };
            if self.expr_type(a).dtype() != dtype {
                let (have, want) = (self.expr_type(a).dtype().map_or("?", |d| d.numpy_name()), dtype.map_or("?", |d| d.numpy_name()));
                self.error(diag::type_error(tspan, format!("this value would make the {want} column {label:?} {have} (pandas 3 raises TypeError for an incompatible dtype)"), "cast the column with astype first"));
                return Value::Error;
            }
            Col::num(self.array_place(a, span))
        };
        let mut columns = f.columns.clone();
        match columns.iter().position(|(l, _)| *l == label) {
            Some(i) => columns[i].1 = col,
            None => columns.push((label, col)),
        }
        Value::Frame(Rc::new(Frame { columns, index: f.index.clone() }))
    }
}
