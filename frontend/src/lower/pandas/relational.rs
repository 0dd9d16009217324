//! Merges, groupbys and sorts: the runtime computes row numbers (a merge's row pairs, a
//! sort's permutation) or per-group results on the key columns (`runtime-frame`'s `join`,
//! `group`, `sort`), and every other column follows by a take here.

use std::rc::Rc;

use super::rows::RowOp;
use super::{Args, Col, ColType, Frame, IndexV, Kind, KindT, Kwargs, Level};
use crate::diagnostics as diag;
use crate::lower::{FnCx, Value};
use ir::{DType, Expr, Place, Span, Type};

/// `df.groupby(...)`, possibly with a column selection: a compile-time value.
#[derive(Debug)]
pub(crate) struct GroupBy {
    pub frame: Rc<Frame>,
    pub keys: Vec<String>,
    pub as_index: bool,
    pub sort: bool,
    pub dropna: bool,
    /// `g["c"]` (a series result) or `g[["c", "d"]]`; `None`: every non-key column.
    pub selection: Option<(Vec<String>, bool)>,
}

/// Groupby aggregations by name.
const AGGS: &[&str] = &["sum", "mean", "min", "max", "count", "size", "std", "var", "first", "last", "nunique", "median", "prod"];

/// The dtype pandas 3.1 gives aggregation `agg` of a column of `dtype`.
fn agg_dtype(agg: &str, dtype: DType) -> DType {
    match agg {
        "sum" | "prod" if dtype == DType::Bool => DType::I64,
        "mean" => DType::F64,
        "median" | "std" | "var" if dtype == DType::F32 => DType::F32,
        "median" | "std" | "var" => DType::F64,
        "count" | "size" | "nunique" => DType::I64,
        _ => dtype,
    }
}

/// The column type of aggregation `agg` of a column of type `ct`, if pandas has it. A
/// string, datetime or categorical result keeps a mask (a group may have no value).
fn agg_type(agg: &str, ct: ColType) -> Option<ColType> {
    match (agg, ct.kind) {
        ("count" | "size" | "nunique", _) => Some(ColType::num(DType::I64)),
        (_, KindT::Num(d)) => Some(ColType::num(agg_dtype(agg, d))),
        ("min" | "max" | "first" | "last", KindT::Str | KindT::Time) => Some(ColType::of(ct.kind).with_mask(true).with_na(ct.na)),
        ("first" | "last", KindT::Cat) => Some(ColType::of(KindT::Cat).with_mask(true)),
        _ => None,
    }
}

impl FnCx<'_, '_> {
    fn bool_kw(&mut self, v: &Value, span: Span, what: &str) -> Option<bool> {
        if let Value::Scalar(e) = v {
            if let Some(b) = self.const_bool(*e) {
                return Some(b);
            }
        }
        self.error(diag::type_error(span, format!("`{what}` must be True or False"), "write a constant"));
        None
    }

    // ----- merge ----------------------------------------------------------------------

    /// `pd.merge(left, right, ...)` / `left.merge(right, ...)`.
    pub(crate) fn merge(&mut self, left: Rc<Frame>, args: Args, kw: Kwargs, span: Span) -> Value {
        let Some(kw) = self.keywords("merge", kw, &["right", "how", "on", "left_on", "right_on", "suffixes", "sort"]) else { return Value::Error };
        let mut right = None;
        for (v, vspan) in args {
            if right.is_some() {
                self.error(diag::bad_arguments(vspan, "pass `how`, `on` and the others of `merge` by keyword"));
                return Value::Error;
            }
            right = Some((v, vspan));
        }
        let (mut how, mut on, mut left_on, mut right_on, mut suffixes, mut sort) = ("inner".to_string(), None, None, None, ("_x".to_string(), "_y".to_string()), false);
        for (k, v, vspan) in kw {
            match k.as_str() {
                "right" => right = Some((v, vspan)),
                "how" => match self.const_str(&v) {
                    Some(h) if ["inner", "left", "right", "outer"].contains(&h.as_str()) => how = h,
                    _ => {
                        self.error(diag::type_error(vspan, "`how` must be \"inner\", \"left\", \"right\" or \"outer\"", "write one of them as a string literal"));
                        return Value::Error;
                    }
                },
                "on" | "left_on" | "right_on" => {
                    let Some(list) = self.const_str_list(&v) else {
                        self.error(diag::type_error(vspan, format!("`{k}` must name columns with string constants"), "write `on=\"key\"` or `on=[\"k1\", \"k2\"]`"));
                        return Value::Error;
                    };
                    match k.as_str() {
                        "on" => on = Some((list, vspan)),
                        "left_on" => left_on = Some((list, vspan)),
                        _ => right_on = Some((list, vspan)),
                    }
                }
                "suffixes" => match self.const_str_list(&v) {
                    Some(l) if l.len() == 2 => suffixes = (l[0].clone(), l[1].clone()),
                    _ => {
                        self.error(diag::type_error(vspan, "`suffixes` must be two string constants", "write `suffixes=(\"_l\", \"_r\")`"));
                        return Value::Error;
                    }
                },
                _ => match self.bool_kw(&v, vspan, "sort") {
                    Some(b) => sort = b,
                    None => return Value::Error,
                },
            }
        }
        let Some((Value::Frame(right), rspan)) = right else {
            self.error(diag::type_error(span, "`merge` needs the right DataFrame", "pass it as the first argument"));
            return Value::Error;
        };
        // The key columns of each side.
        let (lkeys, rkeys, shared) = match (on, left_on, right_on) {
            (Some((on, ospan)), None, None) => {
                let Some(l) = self.columns_named(&left, &on, ospan) else { return Value::Error };
                let Some(r) = self.columns_named(&right, &on, ospan) else { return Value::Error };
                (l, r, true)
            }
            (None, Some((lo, lspan)), Some((ro, rospan))) if lo.len() == ro.len() => {
                let Some(l) = self.columns_named(&left, &lo, lspan) else { return Value::Error };
                let Some(r) = self.columns_named(&right, &ro, rospan) else { return Value::Error };
                (l, r, false)
            }
            (None, None, None) => {
                // pandas merges on the columns the two frames share.
                let common: Vec<String> = left.columns.iter().filter(|(l, _)| right.column(l).is_some()).map(|(l, _)| l.clone()).collect();
                if common.is_empty() {
                    self.error(diag::type_error(rspan, "the two frames share no column to merge on (pandas raises MergeError)", "pass `on=`"));
                    return Value::Error;
                }
                let l = self.columns_named(&left, &common, span).expect("shared columns");
                let r = self.columns_named(&right, &common, span).expect("shared columns");
                (l, r, true)
            }
            _ => {
                self.error(diag::bad_arguments(span, "give `on=`, or `left_on=` and `right_on=` of the same length"));
                return Value::Error;
            }
        };
        for ((_, l), (_, r)) in lkeys.iter().zip(&rkeys) {
            let (lt, rt) = (self.col_type(*l), self.col_type(*r));
            if lt.na != rt.na {
                self.error(diag::type_error(span, format!("merge keys of dtypes {} and {} (pandas makes the key column object)", lt.pandas_name(), rt.pandas_name()), "give both key columns one dtype (astype)"));
                return Value::Error;
            }
        }
        let lkeys: Vec<(String, Col)> = lkeys.into_iter().map(|(l, c)| (l.clone(), self.unmasked(&l, c, span))).collect();
        let rkeys: Vec<(String, Col)> = rkeys.into_iter().map(|(l, c)| (l.clone(), self.unmasked(&l, c, span))).collect();
        let n = lkeys.len().to_string();
        let mut fields = vec!["merge".to_string(), how.clone(), if sort { "1" } else { "0" }.into(), n];
        for k in lkeys.iter().chain(&rkeys) {
            let kind = self.push_col(k.1, span);
            fields.push(kind);
        }
        let pair = self.frame_run(&fields, &[Type::array(DType::I64, 1), Type::array(DType::I64, 1)], span);
        let (lrows, rrows) = (pair[0], pair[1]);
        let left_missing = how == "right" || how == "outer";
        let right_missing = how == "left" || how == "outer";
        let take = |fx: &mut Self, c: Col, rows: Place, missing: bool| -> Col {
            if missing {
                fx.take_with_missing(c, rows, span)
            } else {
                fx.select_col(c, RowOp::Take(rows), span)
            }
        };
        let shared_keys: Vec<String> = if shared { lkeys.iter().map(|(l, _)| l.clone()).collect() } else { Vec::new() };
        let overlap = |label: &str, other: &Frame| !shared_keys.iter().any(|k| k == label) && other.column(label).is_some();
        let mut columns = Vec::new();
        for (label, c) in &left.columns {
            let key_pos = shared_keys.iter().position(|k| k == label);
            let col = match key_pos {
                // A shared key: from the side that has every row, or both for an outer merge.
                Some(k) if how == "outer" && (c.kind != Kind::Num || rkeys[k].1.kind != Kind::Num) => {
                    // Each row's key from the left where it has a row, else the right.
                    let (lt, rt) = (self.col_type(*c), self.col_type(rkeys[k].1));
                    if lt.kind != rt.kind {
                        self.error(diag::type_error(span, format!("merge keys of dtypes {} and {}", lt.pandas_name(), rt.pandas_name()), "give both key columns one dtype (astype)"));
                        return Value::Error;
                    }
                    let mut fields = vec!["take2".to_string()];
                    fields.push(self.push_col_raw(*c, span));
                    fields.push(self.push_col_raw(rkeys[k].1, span));
                    self.push_operand(lrows, span);
                    self.push_operand(rrows, span);
                    let out = lt.with_mask(lt.masked || rt.masked);
                    fields.push(out.code());
                    self.frame_run_cols(&fields, &[out], &[], span).0[0]
                }
                // Numeric keys of two dtypes where some rows may have a right key alone: pandas
                // keeps the left's dtype when every row has a left key, and takes the common
                // dtype otherwise. Compiled for the common one; a run whose rows all have a left
                // key stops with a ValueError (the README's "where pandas picks a dtype from
                // the data"). The same without that condition where the common dtype is the left's.
                Some(k)
                    if how == "outer"
                        || (how == "right" && c.kind == Kind::Num && rkeys[k].1.kind == Kind::Num && self.place_type(c.values) != self.place_type(rkeys[k].1.values)) =>
                {
                    let l = take(self, *c, lrows, true);
                    let r = take(self, rkeys[k].1, rrows, how == "outer");
                    let (ld, rd) = (self.place_type(c.values).dtype(), self.place_type(rkeys[k].1.values).dtype());
                    if let (Some(ld), Some(rd)) = (ld, rd) {
                        let common = super::super::promote::result_dtype((ld, false), (rd, false));
                        let lval = self.read(l.valid.expect("a mask"));
                        let every_left = self.call_builtin("numpy.all", vec![(Value::Array(lval), span)], vec![], span);
                        let some_left = self.call_builtin("numpy.any", vec![(Value::Array(lval), span)], vec![], span);
                        let no_left = self.call_builtin("numpy.logical_not", vec![(Value::Array(lval), span)], vec![], span);
                        let some_right_only = self.call_builtin("numpy.any", vec![(no_left, span)], vec![], span);
                        let (Value::Scalar(every_left), Value::Scalar(some_left), Value::Scalar(some_right_only)) = (every_left, some_left, some_right_only) else { return Value::Error };
                        // pandas: the left's dtype where every row has a left key, the right's
                        // where no row has one, the common dtype otherwise.
                        let none_left = self.add(Expr::Unary(ir::UnaryOp::Not, some_left), Type::py_bool());
                        let only_right = self.add(Expr::Logical(ir::LogicalOp::And, none_left, some_right_only), Type::py_bool());
                        for (cond, which, dtype) in [(every_left, "every row has a left key", ld), (only_right, "no row has a left key", rd)] {
                            if common != dtype {
                                let message = format!(
                                    "legatec: merge key '{label}' is {} where {which} and {} otherwise in pandas; it was compiled for {} (give both key columns one dtype with astype)",
                                    dtype.numpy_name(),
                                    common.numpy_name(),
                                    common.numpy_name()
                                );
                                self.raise_kind_if(cond, "ValueError", message, span);
                            }
                        }
                    }
                    let (lv, lval, rv) = (self.read(l.values), self.read(l.valid.expect("a mask")), self.read(r.values));
                    let v = self.call_builtin("numpy.where", vec![(Value::Array(lval), span), (Value::Array(lv), span), (Value::Array(rv), span)], vec![], span);
                    let v = match v {
                        Value::Lazy(lz) => self.materialize(lz, span),
                        Value::Array(e) => e,
                        _ => return Value::Error,
                    };
                    Col::num(self.array_place(v, span))
                }
                Some(k) if how == "right" => take(self, rkeys[k].1, rrows, false),
                _ => take(self, *c, lrows, left_missing),
            };
            let name = if overlap(label, &right) { format!("{label}{}", suffixes.0) } else { label.clone() };
            columns.push((name, col));
        }
        for (label, c) in &right.columns {
            if shared_keys.iter().any(|k| k == label) {
                continue;
            }
            let col = take(self, *c, rrows, right_missing);
            let name = if overlap(label, &left) { format!("{label}{}", suffixes.1) } else { label.clone() };
            columns.push((name, col));
        }
        let lr = self.read(lrows);
        let n = self.add(Expr::Dim(lr, 0), Type::py_int());
        let index = self.range_index(n, span);
        Value::Frame(Rc::new(Frame { columns, index }))
    }

    // ----- sort -------------------------------------------------------------------------

    /// `df.sort_values(by, ascending=, na_position=)`: a stable sort (pandas' default
    /// quicksort orders ties in a way that depends on the CPU; with several keys pandas is
    /// stable too).
    pub(crate) fn sort_values(&mut self, f: Rc<Frame>, args: Args, kw: Kwargs, span: Span) -> Value {
        let Some(kw) = self.keywords("DataFrame.sort_values", kw, &["by", "ascending", "na_position", "kind"]) else { return Value::Error };
        let mut by = args.into_iter().next();
        let mut ascending: Option<(Value, Span)> = None;
        let mut na_last = true;
        for (k, v, vspan) in kw {
            match k.as_str() {
                "by" => by = Some((v, vspan)),
                "ascending" => ascending = Some((v, vspan)),
                "na_position" => match self.const_str(&v).as_deref() {
                    Some("last") => na_last = true,
                    Some("first") => na_last = false,
                    _ => {
                        self.error(diag::type_error(vspan, "`na_position` must be \"first\" or \"last\"", "write one of them"));
                        return Value::Error;
                    }
                },
                _ => {}
            }
        }
        let Some((by, bspan)) = by else {
            self.error(diag::bad_arguments(span, "`sort_values` needs `by`"));
            return Value::Error;
        };
        let Some(labels) = self.const_str_list(&by) else {
            self.error(diag::type_error(bspan, "`by` must name columns with string constants", "write `by=\"a\"` or `by=[\"a\", \"b\"]`"));
            return Value::Error;
        };
        let Some(keys) = self.columns_named(&f, &labels, bspan) else { return Value::Error };
        let asc: Vec<bool> = match ascending {
            None => vec![true; keys.len()],
            Some((Value::Tuple(items), aspan)) => {
                let mut out = Vec::new();
                for i in &items {
                    match self.bool_kw(i, aspan, "ascending") {
                        Some(b) => out.push(b),
                        None => return Value::Error,
                    }
                }
                if out.len() != keys.len() {
                    self.error(diag::type_error(aspan, format!("Length of ascending ({}) != length of by ({})", out.len(), keys.len()), "give one flag per key"));
                    return Value::Error;
                }
                out
            }
            Some((v, aspan)) => match self.bool_kw(&v, aspan, "ascending") {
                Some(b) => vec![b; keys.len()],
                None => return Value::Error,
            },
        };
        // A nullable key keeps its mask: the runtime orders <NA> as pandas orders NaN.
        let keys: Vec<(String, Col)> = keys.into_iter().map(|(l, c)| (l.clone(), if c.na { c } else { self.unmasked(&l, c, bspan) })).collect();
        let mut fields = vec!["sort".to_string(), keys.len().to_string(), if na_last { "1" } else { "0" }.into()];
        fields.extend(asc.iter().map(|&a| if a { "1" } else { "0" }.to_string()));
        for (_, c) in &keys {
            let kind = self.push_col(*c, span);
            fields.push(kind);
        }
        let perm = self.frame_run(&fields, &[Type::array(DType::I64, 1)], span)[0];
        Value::Frame(Rc::new(self.select_rows(&f, RowOp::Take(perm), span)))
    }

    /// `df.drop_duplicates(subset=None, keep="first")`: the first row of each distinct
    /// row of the `subset` columns (all by default; missing values equal), in row order,
    /// with their labels.
    pub(crate) fn drop_duplicates(&mut self, f: Rc<Frame>, args: Args, kw: Kwargs, span: Span) -> Value {
        let Some(kw) = self.keywords("DataFrame.drop_duplicates", kw, &["subset", "keep"]) else { return Value::Error };
        let mut subset = args.into_iter().next();
        for (k, v, vspan) in kw {
            match k.as_str() {
                "subset" => subset = Some((v, vspan)),
                _ => {
                    if self.const_str(&v).as_deref() != Some("first") {
                        self.error(diag::unsupported_syntax(vspan, "`keep` values other than \"first\"", "keep the first of each set of duplicates (the default)"));
                        return Value::Error;
                    }
                }
            }
        }
        let labels = match subset {
            None => f.columns.iter().map(|(l, _)| l.clone()).collect(),
            Some((v, vspan)) => match self.const_str_list(&v) {
                Some(labels) => labels,
                None => {
                    self.error(diag::type_error(vspan, "`subset` must name columns with string constants", "write `subset=\"a\"` or `subset=[\"a\", \"b\"]`"));
                    return Value::Error;
                }
            },
        };
        let Some(keys) = self.columns_named(&f, &labels, span) else { return Value::Error };
        let mut fields = vec!["dedup".to_string(), keys.len().to_string()];
        for (_, c) in &keys {
            let kind = self.push_col(*c, span);
            fields.push(kind);
        }
        let rows = self.frame_run(&fields, &[Type::array(DType::I64, 1)], span)[0];
        Value::Frame(Rc::new(self.select_rows(&f, RowOp::Take(rows), span)))
    }

    // ----- groupby ----------------------------------------------------------------------

    /// `df.groupby(by, as_index=, sort=, dropna=)`.
    pub(crate) fn groupby(&mut self, f: Rc<Frame>, args: Args, kw: Kwargs, span: Span) -> Value {
        let Some(kw) = self.keywords("DataFrame.groupby", kw, &["by", "as_index", "sort", "dropna"]) else { return Value::Error };
        let mut by = args.into_iter().next();
        let (mut as_index, mut sort, mut dropna) = (true, true, true);
        for (k, v, vspan) in kw {
            if k == "by" {
                by = Some((v, vspan));
                continue;
            }
            let Some(b) = self.bool_kw(&v, vspan, &k) else { return Value::Error };
            match k.as_str() {
                "as_index" => as_index = b,
                "sort" => sort = b,
                _ => dropna = b,
            }
        }
        let Some((by, bspan)) = by else {
            self.error(diag::bad_arguments(span, "`groupby` needs `by`"));
            return Value::Error;
        };
        let Some(keys) = self.const_str_list(&by) else {
            self.error(diag::type_error(bspan, "`by` must name columns with string constants", "write `groupby(\"k\")` or `groupby([\"k1\", \"k2\"])`"));
            return Value::Error;
        };
        if self.columns_named(&f, &keys, bspan).is_none() {
            return Value::Error;
        }
        Value::GroupBy(Rc::new(GroupBy { frame: f, keys, as_index, sort, dropna, selection: None }))
    }

    /// A groupby whose frame lives in places of its own (a variable holding it must not
    /// see later assignments to the frame's variable).
    pub(crate) fn snapshot_groupby(&mut self, g: &GroupBy, span: Span) -> Rc<GroupBy> {
        let places = Self::record_places(&g.frame);
        let mut copies = Vec::new();
        for p in places {
            let r = self.read(p);
            copies.push(self.array_place(r, span));
        }
        let frame = Rc::new(Self::frame_with_places(&g.frame, &copies));
        Rc::new(GroupBy { frame, keys: g.keys.clone(), as_index: g.as_index, sort: g.sort, dropna: g.dropna, selection: g.selection.clone() })
    }

    /// `g["c"]` / `g[["c", "d"]]`.
    pub(crate) fn groupby_subscript(&mut self, g: Rc<GroupBy>, key: Value, kspan: Span) -> Value {
        let single = self.const_str(&key).is_some();
        let Some(labels) = self.const_str_list(&key) else {
            self.error(diag::type_error(kspan, "select groupby columns with string constants", "write `g[\"c\"]` or `g[[\"c\", \"d\"]]`"));
            return Value::Error;
        };
        if self.columns_named(&g.frame, &labels, kspan).is_none() {
            return Value::Error;
        }
        Value::GroupBy(Rc::new(GroupBy { frame: g.frame.clone(), keys: g.keys.clone(), as_index: g.as_index, sort: g.sort, dropna: g.dropna, selection: Some((labels, single)) }))
    }

    /// `g.attr`.
    pub(crate) fn groupby_attr(&mut self, g: Rc<GroupBy>, attr: &str, span: Span) -> Value {
        if AGGS.contains(&attr) || attr == "agg" || attr == "aggregate" {
            return Value::Method(Box::new(Value::GroupBy(g)), attr.into());
        }
        if g.frame.column(attr).is_some() {
            let key = Value::Str(self.str_const(attr));
            return self.groupby_subscript(g, key, span);
        }
        let mut known: Vec<&str> = AGGS.to_vec();
        known.push("agg");
        self.error(diag::unsupported_pandas_call(span, "DataFrameGroupBy", attr, &known));
        Value::Error
    }

    pub(crate) fn call_groupby_method(&mut self, g: Rc<GroupBy>, name: &str, args: Args, kw: Kwargs, span: Span) -> Value {
        let fname = format!("DataFrameGroupBy.{name}");
        // (output label, input column label, aggregation).
        let mut plan: Vec<(String, String, String)> = Vec::new();
        if name == "agg" || name == "aggregate" {
            if let Some((Value::Dict(entries), _)) = args.first() {
                for (k, kspan, v, vspan) in entries.clone() {
                    let (Some(col), Some(agg)) = (self.const_str(&k), self.const_str(&v)) else {
                        self.error(diag::type_error(if self.const_str(&k).is_none() { kspan } else { vspan }, "`agg` takes {\"column\": \"aggregation\"} with string constants", "write `agg({\"c\": \"max\"})`"));
                        return Value::Error;
                    };
                    plan.push((col.clone(), col, agg));
                }
            } else if args.is_empty() && !kw.is_empty() {
                for (out, v, vspan) in &kw {
                    let pair = match v {
                        Value::Tuple(items) if items.len() == 2 => (self.const_str(&items[0]), self.const_str(&items[1])),
                        _ => (None, None),
                    };
                    let (Some(col), Some(agg)) = pair else {
                        self.error(diag::type_error(*vspan, "a named aggregation is `name=(\"column\", \"aggregation\")`", "write string constants"));
                        return Value::Error;
                    };
                    plan.push((out.clone(), col, agg));
                }
            } else {
                self.error(diag::type_error(span, "`agg` takes a dict literal or named aggregations", "write `agg({\"c\": \"max\"})` or `agg(top=(\"c\", \"max\"))`"));
                return Value::Error;
            }
            for (_, col, agg) in &plan {
                if !AGGS.contains(&agg.as_str()) {
                    self.error(diag::unsupported_pandas_call(span, "DataFrameGroupBy", agg, AGGS));
                    return Value::Error;
                }
                if self.columns_named(&g.frame, std::slice::from_ref(col), span).is_none() {
                    return Value::Error;
                }
            }
            return self.aggregate(&g, plan, false, span);
        }
        if !AGGS.contains(&name) {
            self.error(diag::unsupported_pandas_call(span, "DataFrameGroupBy", name, AGGS));
            return Value::Error;
        }
        let Some(_) = self.keywords(&fname, kw, &[]) else { return Value::Error };
        if !self.arity(&fname, &args, 0, 0, span) {
            return Value::Error;
        }
        if name == "size" {
            let key = g.keys[0].clone();
            let label = if g.as_index { String::new() } else { "size".to_string() };
            return self.aggregate(&g, vec![(label, key, "size".into())], g.as_index, span);
        }
        let (columns, single) = match &g.selection {
            Some((labels, single)) => (labels.clone(), *single),
            None => (g.frame.columns.iter().map(|(l, _)| l.clone()).filter(|l| !g.keys.contains(l)).collect(), false),
        };
        let plan = columns.into_iter().map(|c| (c.clone(), c, name.to_string())).collect();
        self.aggregate(&g, plan, single && g.as_index, span)
    }

    /// Runs the aggregations of `plan` over `g`'s groups: a frame, or a series when
    /// `as_series` (one aggregation).
    fn aggregate(&mut self, g: &GroupBy, plan: Vec<(String, String, String)>, as_series: bool, span: Span) -> Value {
        let keys = self.columns_named(&g.frame, &g.keys, span).expect("checked keys");
        let keys: Vec<(String, Col)> = keys.into_iter().map(|(l, c)| (l.clone(), self.unmasked(&l, c, span))).collect();
        let mut values = Vec::new();
        for (_, col, agg) in &plan {
            let c = g.frame.column(col).expect("checked columns");
            // A nullable column: what pandas counts is an int64 and what it picks keeps
            // the dtype; other aggregations give nullable results not computed here.
            let keeps = |agg: &str| matches!(agg, "first" | "last" | "min" | "max");
            if c.na && !matches!(agg.as_str(), "count" | "size" | "nunique") && !(c.kind != super::Kind::Num && keeps(agg)) {
                let ct = self.col_type(c);
                self.error(diag::type_error(span, format!("groupby {agg} of the nullable {} column {col:?} (pandas' result is a nullable dtype legatec does not compute here)", ct.pandas_name()), "convert the column first: `.astype(\"float64\")`, or aggregate with count or nunique"));
                return Value::Error;
            }
            let c = if c.na { c } else { self.unmasked(col, c, span) };
            let ct = self.col_type(c);
            let Some(out) = agg_type(agg, ct) else {
                self.error(diag::type_error(span, format!("groupby {agg} of the {} column {col:?}", ct.pandas_name()), "pandas raises TypeError for it; aggregate a numeric column"));
                return Value::Error;
            };
            values.push((c, out));
        }
        let flag = |b: bool| if b { "1" } else { "0" }.to_string();
        let mut fields = vec!["group".to_string(), flag(g.sort), flag(g.dropna), keys.len().to_string()];
        let mut key_types = Vec::new();
        for (_, c) in &keys {
            let kind = self.push_col(*c, span);
            fields.push(kind);
            key_types.push(self.col_type(*c));
        }
        for ((_, _, agg), (c, out)) in plan.iter().zip(&values) {
            let kind = self.push_col(*c, span);
            fields.extend([agg.clone(), kind, out.code()]);
        }
        let mut types = key_types.clone();
        types.extend(values.iter().map(|(_, t)| *t));
        let (out, _) = self.frame_run_cols(&fields, &types, &[], span);
        let (key_out, agg_out) = out.split_at(keys.len());
        let mut columns: Vec<(String, Col)> = Vec::new();
        let index = if g.as_index {
            let levels = keys.iter().zip(key_out).map(|((l, _), &c)| Level { name: Some(l.clone()), col: c, made: super::Made::Labels }).collect();
            IndexV::Labels(Rc::new(levels))
        } else {
            for ((l, _), &c) in keys.iter().zip(key_out) {
                columns.push((l.clone(), c));
            }
            let n = self.col_len(key_out[0]);
            self.range_index(n, span)
        };
        if as_series {
            let name = (!plan[0].0.is_empty()).then(|| plan[0].0.clone());
            return self.col_series(name, agg_out[0], index);
        }
        for ((label, _, _), &c) in plan.iter().zip(agg_out) {
            columns.push((label.clone(), c));
        }
        Value::Frame(Rc::new(Frame { columns, index }))
    }
}
