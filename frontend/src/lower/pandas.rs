//! pandas: dataframes and series as compile-time records (DESIGN.md, "Types").
//!
//! A frame is an ordered list of labelled columns, each a place holding a 1-D array, and
//! an index ([`IndexV`]); a series is one column's values (an array or a lazy elementwise
//! expression, so series arithmetic fuses like NumPy's), an optional name and an index.
//! Column labels are compile-time strings, so the schema of every frame is known here;
//! the values are run-time arrays.
//!
//! Records never change: `df["c"] = v` makes a new record and rebinds `df`. Column arrays
//! are never written in place once in a record, so records may share them (pandas copies
//! on construction and on assignment, Copy-on-Write; sharing is unobservable here). A
//! variable keeps one set of places per schema it holds ([`FrameSlots`]): assigning a
//! record copies its array references into them, so a frame reassigned in a loop with the
//! same schema is one definition.
//!
//! Operations that need the whole frame at run time (printing, later joins, groupbys,
//! I/O) push the arrays as operands and call the runtime's pandas layer with a spec
//! (`runtime_abi::frame_spec`).

use std::rc::Rc;

use super::{FnCx, Value};
use crate::diagnostics as diag;
use ir::{BinaryOp, CompareOp, Const, DType, EntryPoint, Expr, ExprId, LibraryOp, Place, Span, StmtKind, Type};

type Args = Vec<(Value, Span)>;
type Kwargs = Vec<(String, Value, Span)>;

/// A frame's row labels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum IndexV {
    /// `RangeIndex(start, stop)`: two int places.
    Range { start: Place, stop: Place },
    /// Labels: an int64 array place (what a row selection leaves).
    Labels(Place),
}

/// A DataFrame.
#[derive(Debug)]
pub(crate) struct Frame {
    pub columns: Vec<(String, Place)>,
    pub index: IndexV,
}

/// A Series.
#[derive(Debug)]
pub(crate) struct Series {
    pub name: Option<String>,
    /// A 1-D array read or lazy expression.
    pub data: Value,
    pub index: IndexV,
}

/// The places a variable holds frames of one schema in.
#[derive(Clone, Debug)]
pub(crate) struct FrameSlots {
    pub columns: Vec<Place>,
    pub index: IndexV,
}

/// What pandas' module offers here.
const PANDAS_NAMES: &[&str] = &["DataFrame", "Series"];
/// Frame attributes and methods.
const FRAME_ATTRS: &[&str] = &["shape", "columns", "dtypes", "index", "head", "tail", "copy"];
/// Series attributes and methods.
const SERIES_ATTRS: &[&str] = &[
    "sum", "mean", "min", "max", "count", "std", "var", "prod", "to_numpy", "values", "copy", "head", "tail", "shape",
    "name", "dtype", "abs", "astype",
];

impl FnCx<'_, '_> {
    // ----- the module ---------------------------------------------------------------

    /// `pd.name`.
    pub(crate) fn pandas_attr(&mut self, name: &str, span: Span) -> Value {
        if PANDAS_NAMES.contains(&name) {
            return Value::Builtin(format!("pandas.{name}"));
        }
        self.error(diag::unsupported_pandas_call(span, "pd", name, PANDAS_NAMES));
        Value::Error
    }

    /// Calls of `pd.*`.
    pub(crate) fn call_pandas(&mut self, path: &str, args: Args, kw: Kwargs, span: Span) -> Value {
        match path {
            "pandas.DataFrame" => self.frame_new(args, kw, span),
            "pandas.Series" => self.series_new(args, kw, span),
            _ => {
                let name = path.trim_start_matches("pandas.");
                self.error(diag::unsupported_pandas_call(span, "pd", name, PANDAS_NAMES));
                Value::Error
            }
        }
    }

    /// The text of a compile-time string, if `v` is one.
    pub(crate) fn const_str(&self, v: &Value) -> Option<String> {
        match v {
            Value::Str(e) => match &self.f.exprs[*e] {
                Expr::Const(Const::Str(s)) => Some(s.clone()),
                _ => None,
            },
            _ => None,
        }
    }

    fn int_place(&mut self, value: ExprId, span: Span) -> Place {
        let p = self.temp(Type::py_int());
        self.emit(StmtKind::Assign { dst: p, value }, span);
        p
    }

    fn array_place(&mut self, value: ExprId, span: Span) -> Place {
        let p = self.temp(self.expr_type(value));
        self.emit(StmtKind::Assign { dst: p, value }, span);
        p
    }

    /// A fresh copy of a 1-D array (pandas copies what it is given).
    fn copied(&mut self, a: ExprId, span: Span) -> ExprId {
        let tmp = self.temp(self.expr_type(a));
        self.emit(StmtKind::Library { op: LibraryOp::Copy, dst: tmp, args: vec![a] }, span);
        self.read(tmp)
    }

    /// The number of rows of an index.
    fn index_len(&mut self, index: IndexV) -> ExprId {
        match index {
            IndexV::Range { start, stop } => {
                let (a, b) = (self.read(stop), self.read(start));
                self.int_binary(BinaryOp::Sub, a, b)
            }
            IndexV::Labels(p) => {
                let a = self.read(p);
                self.add(Expr::Dim(a, 0), Type::py_int())
            }
        }
    }

    /// `len(df)`.
    pub(crate) fn frame_len(&mut self, f: &Frame) -> ExprId {
        self.index_len(f.index)
    }

    /// `RangeIndex(0, len)`.
    fn range_index(&mut self, len: ExprId, span: Span) -> IndexV {
        let zero = self.const_i64(0);
        let start = self.int_place(zero, span);
        let stop = self.int_place(len, span);
        IndexV::Range { start, stop }
    }

    // ----- construction -------------------------------------------------------------

    /// A value given for a column, as a 1-D array this frame may own: copies of arrays,
    /// lists as `np.array`, series' values; `None` for a scalar (broadcast later).
    fn column_array(&mut self, v: Value, vspan: Span, what: &str) -> Result<Option<ExprId>, ()> {
        let a = match v {
            Value::Scalar(_) | Value::Str(_) => return Ok(None),
            Value::Series(s) => match s.data.clone() {
                Value::Lazy(l) => self.materialize(l, vspan),
                Value::Array(a) => a,
                _ => return Err(()),
            },
            Value::Lazy(l) => self.materialize(l, vspan),
            Value::Array(a) => self.copied(a, vspan),
            Value::Tuple(_) => match self.call_builtin("numpy.array", vec![(v, vspan)], vec![], vspan) {
                Value::Array(a) => a,
                Value::Lazy(l) => self.materialize(l, vspan),
                _ => return Err(()),
            },
            Value::Error => return Err(()),
            other => {
                let d = self.describe_value(&other);
                self.error(diag::type_error(vspan, format!("{what} cannot be {d}"), "give an array, a list, a Series or a number"));
                return Err(());
            }
        };
        match self.expr_type(a) {
            Type::Array { ndim: 1, .. } => Ok(Some(a)),
            Type::Array { ndim, .. } => {
                self.error(diag::type_error(vspan, format!("{what} must be 1-dimensional, not {ndim}-dimensional"), "give a 1-D array (pandas raises ValueError)"));
                Err(())
            }
            _ => Err(()),
        }
    }

    /// `pd.DataFrame({"a": ..., ...})`.
    fn frame_new(&mut self, args: Args, kw: Kwargs, span: Span) -> Value {
        let Some(kw) = self.keywords("pd.DataFrame", kw, &["data"]) else { return Value::Error };
        let mut data = args.into_iter().chain(kw.into_iter().map(|(_, v, s)| (v, s)));
        let (entries, dspan) = match (data.next(), data.next()) {
            (None, _) => (Vec::new(), span),
            (Some((Value::Dict(entries), dspan)), None) => (entries, dspan),
            (Some((Value::Error, _)), _) => return Value::Error,
            (Some((other, dspan)), None) => {
                let d = self.describe_value(&other);
                self.error(diag::type_error(dspan, format!("pd.DataFrame of {d} is not supported"), "pass a dict literal of columns: `pd.DataFrame({\"a\": x, \"b\": y})`"));
                return Value::Error;
            }
            (Some(_), Some((_, s))) => {
                self.error(diag::bad_arguments(s, "`pd.DataFrame` takes one argument here: the dict of columns"));
                return Value::Error;
            }
        };
        let _ = dspan;
        let mut columns: Vec<(String, Option<ExprId>, Value, Span)> = Vec::new();
        for (key, kspan, v, vspan) in entries {
            let Some(label) = self.const_str(&key) else {
                self.error(diag::type_error(kspan, "column labels must be string constants", "write the label as a string literal"));
                return Value::Error;
            };
            let Ok(a) = self.column_array(v.clone(), vspan, &format!("column `{label}`")) else { return Value::Error };
            // A repeated key keeps its last value at the first key's position, as a dict does.
            match columns.iter().position(|(l, ..)| *l == label) {
                Some(i) => columns[i] = (label, a, v, vspan),
                None => columns.push((label, a, v, vspan)),
            }
        }
        let arrays: Vec<ExprId> = columns.iter().filter_map(|(_, a, ..)| *a).collect();
        let Some(&first) = arrays.first() else {
            if columns.is_empty() {
                let zero = self.const_i64(0);
                let index = self.range_index(zero, span);
                return Value::Frame(Rc::new(Frame { columns: Vec::new(), index }));
            }
            self.emit(StmtKind::Raise { kind: "ValueError".into(), message: "If using all scalar values, you must pass an index".into() }, span);
            return Value::Error;
        };
        let len = self.add(Expr::Dim(first, 0), Type::py_int());
        let len = self.int_place(len, span);
        for &a in &arrays[1..] {
            let n = self.add(Expr::Dim(a, 0), Type::py_int());
            let l = self.read(len);
            let ne = self.add(Expr::Compare(CompareOp::Ne, n, l), Type::py_bool());
            self.raise_kind_if(ne, "ValueError", "All arrays must be of the same length".into(), span);
        }
        let mut out = Vec::new();
        for (label, a, v, vspan) in columns {
            let a = match a {
                Some(a) => a,
                None => {
                    let n = self.read(len);
                    match self.call_builtin("numpy.full", vec![(Value::Scalar(n), vspan), (v, vspan)], vec![], vspan) {
                        Value::Array(a) => a,
                        Value::Lazy(l) => self.materialize(l, vspan),
                        _ => return Value::Error,
                    }
                }
            };
            let p = self.array_place(a, span);
            out.push((label, p));
        }
        let n = self.read(len);
        let index = self.range_index(n, span);
        Value::Frame(Rc::new(Frame { columns: out, index }))
    }

    /// `pd.Series(values, name=...)`.
    fn series_new(&mut self, args: Args, kw: Kwargs, span: Span) -> Value {
        let Some(kw) = self.keywords("pd.Series", kw, &["name"]) else { return Value::Error };
        let Some((v, vspan)) = self.single_arg("pd.Series", args, span) else { return Value::Error };
        let mut name = None;
        for (_, nv, nspan) in kw {
            match self.const_str(&nv) {
                Some(s) => name = Some(s),
                None if matches!(nv, Value::None) => {}
                None => {
                    self.error(diag::type_error(nspan, "a Series name must be a string constant", "write the name as a string literal"));
                    return Value::Error;
                }
            }
        }
        let Ok(Some(a)) = self.column_array(v, vspan, "the values of a Series") else {
            self.error(diag::type_error(vspan, "a Series needs an array or a list", "pass a 1-D array or a list"));
            return Value::Error;
        };
        let p = self.array_place(a, span);
        let a = self.read(p);
        let len = self.add(Expr::Dim(a, 0), Type::py_int());
        let index = self.range_index(len, span);
        Value::Series(Rc::new(Series { name, data: Value::Array(a), index }))
    }

    // ----- variables ----------------------------------------------------------------

    /// The places variable `name` holds frames of schema `sig` in, if it has held one.
    fn frame_slots(&self, name: &str, sig: &str) -> Option<FrameSlots> {
        let slots = if self.is_main { self.cx.global_slots.get(name) } else { self.vars.get(name) }?;
        slots.frames.iter().find(|(s, _)| s == sig).map(|(_, f)| f.clone())
    }

    fn set_frame_slots(&mut self, name: &str, sig: &str, frame: FrameSlots) {
        let slots = if self.is_main { self.cx.global_slots.entry(name.to_string()).or_default() } else { self.vars.entry(name.to_string()).or_default() };
        slots.frames.push((sig.to_string(), frame));
    }

    /// A frame's schema: its labels, column types and index kind.
    pub(crate) fn frame_signature(&self, f: &Frame) -> String {
        let cols: Vec<String> = f.columns.iter().map(|(l, p)| format!("{l:?}:{}", self.place_type(*p))).collect();
        let index = match f.index {
            IndexV::Range { .. } => "range",
            IndexV::Labels(_) => "labels",
        };
        format!("[{}] {index}", cols.join(","))
    }

    /// `name = frame`: copies the record's references into the variable's places for its
    /// schema, and binds the name to the record of those places.
    pub(crate) fn assign_frame(&mut self, name: &str, f: &Frame, span: Span) {
        let sig = self.frame_signature(f);
        let slots = match self.frame_slots(name, &sig) {
            Some(s) => s,
            None => {
                let global = self.is_main;
                let make = |fx: &mut Self, suffix: &str, ty: Type| -> Place {
                    let var = ir::Var { name: format!("{name}.{suffix}"), ty };
                    if global {
                        Place::Global(fx.cx.module.globals.push(var))
                    } else {
                        Place::Local(fx.f.locals.push(var))
                    }
                };
                let columns = f.columns.iter().map(|(l, p)| {
                    let ty = self.place_type(*p);
                    make(self, l, ty)
                });
                let columns: Vec<Place> = columns.collect::<Vec<_>>();
                let index = match f.index {
                    IndexV::Range { .. } => IndexV::Range { start: make(self, "index.start", Type::py_int()), stop: make(self, "index.stop", Type::py_int()) },
                    IndexV::Labels(p) => {
                        let ty = self.place_type(p);
                        IndexV::Labels(make(self, "index", ty))
                    }
                };
                let s = FrameSlots { columns, index };
                self.set_frame_slots(name, &sig, s.clone());
                s
            }
        };
        // Read every source before writing any slot (`df = df[["b", "a"]]` may swap).
        let mut reads: Vec<(Place, ExprId)> = Vec::new();
        for ((_, src), dst) in f.columns.iter().zip(&slots.columns) {
            let r = self.read(*src);
            let t = self.array_place(r, span);
            reads.push((*dst, self.read(t)));
        }
        match (f.index, slots.index) {
            (IndexV::Range { start, stop }, IndexV::Range { start: s2, stop: e2 }) => {
                let (a, b) = (self.read(start), self.read(stop));
                let (ta, tb) = (self.int_place(a, span), self.int_place(b, span));
                reads.push((s2, self.read(ta)));
                reads.push((e2, self.read(tb)));
            }
            (IndexV::Labels(p), IndexV::Labels(q)) => {
                let r = self.read(p);
                let t = self.array_place(r, span);
                reads.push((q, self.read(t)));
            }
            _ => unreachable!("slots of the same signature"),
        }
        for (dst, value) in reads {
            self.emit(StmtKind::Assign { dst, value }, span);
        }
        let bound = Frame { columns: f.columns.iter().zip(&slots.columns).map(|((l, _), p)| (l.clone(), *p)).collect(), index: slots.index };
        self.assign_const(name, Value::Frame(Rc::new(bound)), span);
    }

    /// `name = series`: the series as a one-column frame's slots.
    pub(crate) fn assign_series(&mut self, name: &str, s: &Series, span: Span) {
        let data = match s.data.clone() {
            Value::Lazy(l) => self.materialize(l, span),
            Value::Array(a) => a,
            _ => return,
        };
        let p = self.array_place(data, span);
        let label = format!("series:{:?}", s.name);
        let f = Frame { columns: vec![(label, p)], index: s.index };
        let sig = format!("series {}", self.frame_signature(&f));
        let slots = match self.frame_slots(name, &sig) {
            Some(sl) => sl,
            None => {
                let global = self.is_main;
                let make = |fx: &mut Self, suffix: &str, ty: Type| -> Place {
                    let var = ir::Var { name: format!("{name}.{suffix}"), ty };
                    if global {
                        Place::Global(fx.cx.module.globals.push(var))
                    } else {
                        Place::Local(fx.f.locals.push(var))
                    }
                };
                let ty = self.place_type(p);
                let col = make(self, "values", ty);
                let index = match s.index {
                    IndexV::Range { .. } => IndexV::Range { start: make(self, "index.start", Type::py_int()), stop: make(self, "index.stop", Type::py_int()) },
                    IndexV::Labels(q) => {
                        let ty = self.place_type(q);
                        IndexV::Labels(make(self, "index", ty))
                    }
                };
                let sl = FrameSlots { columns: vec![col], index };
                self.set_frame_slots(name, &sig, sl.clone());
                sl
            }
        };
        let mut reads: Vec<(Place, ExprId)> = vec![(slots.columns[0], self.read(p))];
        match (s.index, slots.index) {
            (IndexV::Range { start, stop }, IndexV::Range { start: s2, stop: e2 }) => {
                let (a, b) = (self.read(start), self.read(stop));
                let (ta, tb) = (self.int_place(a, span), self.int_place(b, span));
                reads.push((s2, self.read(ta)));
                reads.push((e2, self.read(tb)));
            }
            (IndexV::Labels(q), IndexV::Labels(q2)) => {
                let r = self.read(q);
                let t = self.array_place(r, span);
                reads.push((q2, self.read(t)));
            }
            _ => unreachable!("slots of the same signature"),
        }
        for (dst, value) in reads {
            self.emit(StmtKind::Assign { dst, value }, span);
        }
        let data = self.read(slots.columns[0]);
        let bound = Series { name: s.name.clone(), data: Value::Array(data), index: slots.index };
        self.assign_const(name, Value::Series(Rc::new(bound)), span);
    }

    // ----- access ---------------------------------------------------------------------

    fn column_series(&mut self, f: &Frame, label: &str) -> Option<Value> {
        let (_, p) = f.columns.iter().find(|(l, _)| l == label)?;
        let a = self.read(*p);
        Some(Value::Series(Rc::new(Series { name: Some(label.to_string()), data: Value::Array(a), index: f.index })))
    }

    fn missing_column(&mut self, f: &Frame, label: &str, span: Span) -> Value {
        let near = diag::nearest(label, f.columns.iter().map(|(l, _)| l.as_str()));
        let labels: Vec<String> = f.columns.iter().map(|(l, _)| format!("{l:?}")).collect();
        self.error(diag::type_error(
            span,
            format!("the frame has no column {label:?} (a KeyError in pandas)"),
            &match near {
                Some(n) => format!("did you mean {n:?}? The columns are {}", labels.join(", ")),
                None => format!("the columns are {}", labels.join(", ")),
            },
        ));
        Value::Error
    }

    /// `df.attr`.
    pub(crate) fn frame_attr(&mut self, f: Rc<Frame>, attr: &str, span: Span) -> Value {
        match attr {
            "shape" => {
                let n = self.index_len(f.index);
                let m = self.const_i64(f.columns.len() as i64);
                Value::Tuple(vec![Value::Scalar(n), Value::Scalar(m)])
            }
            "dtypes" => Value::Method(Box::new(Value::Frame(f)), "dtypes".into()),
            "head" | "tail" | "copy" => Value::Method(Box::new(Value::Frame(f)), attr.into()),
            _ => match self.column_series(&f, attr) {
                Some(s) => s,
                None => {
                    let mut known: Vec<&str> = f.columns.iter().map(|(l, _)| l.as_str()).collect();
                    known.extend(FRAME_ATTRS);
                    self.error(diag::unsupported_pandas_call(span, "DataFrame", attr, &known));
                    Value::Error
                }
            },
        }
    }

    /// `df[key]`.
    pub(crate) fn frame_subscript(&mut self, f: Rc<Frame>, key: Value, kspan: Span, span: Span) -> Value {
        if let Some(label) = self.const_str(&key) {
            return match self.column_series(&f, &label) {
                Some(s) => s,
                None => self.missing_column(&f, &label, kspan),
            };
        }
        match key {
            Value::Tuple(items) => {
                let mut columns = Vec::new();
                for item in &items {
                    let Some(label) = self.const_str(item) else {
                        self.error(diag::type_error(kspan, "select columns with a list of string constants", "write `df[[\"a\", \"b\"]]`"));
                        return Value::Error;
                    };
                    match f.columns.iter().find(|(l, _)| *l == label) {
                        Some(c) => columns.push(c.clone()),
                        None => return self.missing_column(&f, &label, kspan),
                    }
                }
                Value::Frame(Rc::new(Frame { columns, index: f.index }))
            }
            Value::Series(s) => self.frame_rows_by_mask(&f, &s, kspan, span),
            Value::Error => Value::Error,
            other => {
                let d = self.describe_value(&other);
                self.error(diag::type_error(kspan, format!("cannot index a DataFrame with {d}"), "use a column label, a list of labels or a boolean Series"));
                Value::Error
            }
        }
    }

    /// The labels of an index as an int64 array.
    fn index_labels(&mut self, index: IndexV, span: Span) -> ExprId {
        match index {
            IndexV::Labels(p) => self.read(p),
            IndexV::Range { start, stop } => {
                let (a, b) = (self.read(start), self.read(stop));
                match self.call_builtin("numpy.arange", vec![(Value::Scalar(a), span), (Value::Scalar(b), span)], vec![], span) {
                    Value::Array(e) => e,
                    Value::Lazy(l) => self.materialize(l, span),
                    _ => unreachable!("np.arange of ints"),
                }
            }
        }
    }

    /// `df[mask]` for a boolean Series of the same index.
    fn frame_rows_by_mask(&mut self, f: &Frame, mask: &Series, kspan: Span, span: Span) -> Value {
        if mask.index != f.index {
            self.error(diag::type_error(kspan, "this boolean Series has another index than the frame", "pandas would align the two by label, which legatec does not do; build the mask from this frame's columns"));
            return Value::Error;
        }
        let m = match mask.data.clone() {
            Value::Lazy(l) => self.materialize(l, kspan),
            Value::Array(a) => a,
            _ => return Value::Error,
        };
        if self.expr_type(m).dtype() != Some(DType::Bool) {
            self.error(diag::type_error(kspan, "row selection needs a boolean Series", "compare a column, e.g. `df[df.x > 0]`"));
            return Value::Error;
        }
        let m = self.array_place(m, span);
        let mut columns = Vec::new();
        for (label, p) in &f.columns {
            let (a, mr) = (self.read(*p), self.read(m));
            let ty = self.place_type(*p);
            let r = self.runtime_call(EntryPoint::MaskGet, vec![a, mr], Some(ty), span).expect("a result");
            columns.push((label.clone(), self.array_place(r, span)));
        }
        let labels = self.index_labels(f.index, span);
        let mr = self.read(m);
        let ty = self.expr_type(labels);
        let r = self.runtime_call(EntryPoint::MaskGet, vec![labels, mr], Some(ty), span).expect("a result");
        let index = IndexV::Labels(self.array_place(r, span));
        Value::Frame(Rc::new(Frame { columns, index }))
    }

    /// `df[label] = v`: the frame with that column replaced or appended.
    pub(crate) fn frame_with_column(&mut self, f: &Frame, key: Value, kspan: Span, v: Value, vspan: Span, span: Span) -> Value {
        let Some(label) = self.const_str(&key) else {
            self.error(diag::type_error(kspan, "assign columns by a string constant label", "write `df[\"c\"] = ...`"));
            return Value::Error;
        };
        if let Value::Series(s) = &v {
            if s.index != f.index {
                self.error(diag::type_error(vspan, "this Series has another index than the frame", "pandas would align the two by label, which legatec does not do; use `.to_numpy()` to assign by position"));
                return Value::Error;
            }
        }
        let n = self.index_len(f.index);
        let n = self.int_place(n, span);
        let a = match self.column_array(v.clone(), vspan, &format!("column `{label}`")) {
            Err(()) => return Value::Error,
            Ok(Some(a)) => {
                let len = self.add(Expr::Dim(a, 0), Type::py_int());
                let nr = self.read(n);
                let ne = self.add(Expr::Compare(CompareOp::Ne, len, nr), Type::py_bool());
                self.raise_kind_if(ne, "ValueError", "Length of values does not match length of index".into(), span);
                a
            }
            Ok(None) => {
                let nr = self.read(n);
                match self.call_builtin("numpy.full", vec![(Value::Scalar(nr), vspan), (v, vspan)], vec![], vspan) {
                    Value::Array(a) => a,
                    Value::Lazy(l) => self.materialize(l, vspan),
                    _ => return Value::Error,
                }
            }
        };
        let p = self.array_place(a, span);
        let mut columns = f.columns.clone();
        match columns.iter().position(|(l, _)| *l == label) {
            Some(i) => columns[i].1 = p,
            None => columns.push((label, p)),
        }
        Value::Frame(Rc::new(Frame { columns, index: f.index }))
    }

    /// `del df[label]`.
    pub(crate) fn frame_without_column(&mut self, f: &Frame, key: Value, kspan: Span) -> Value {
        let Some(label) = self.const_str(&key) else {
            self.error(diag::type_error(kspan, "delete columns by a string constant label", "write `del df[\"c\"]`"));
            return Value::Error;
        };
        if !f.columns.iter().any(|(l, _)| *l == label) {
            return self.missing_column(f, &label, kspan);
        }
        let columns = f.columns.iter().filter(|(l, _)| *l != label).cloned().collect();
        Value::Frame(Rc::new(Frame { columns, index: f.index }))
    }

    // ----- series ---------------------------------------------------------------------

    /// `s.attr`.
    pub(crate) fn series_attr(&mut self, s: Rc<Series>, attr: &str, span: Span) -> Value {
        match attr {
            "values" => self.series_array(&s, span),
            "shape" => {
                let n = self.index_len(s.index);
                Value::Tuple(vec![Value::Scalar(n)])
            }
            "name" => match &s.name {
                Some(n) => Value::Str(self.str_const(n)),
                None => Value::None,
            },
            "dtype" => match self.value_dtype(&s.data) {
                Some(d) => Value::DType(d),
                None => Value::Error,
            },
            a if SERIES_ATTRS.contains(&a) => Value::Method(Box::new(Value::Series(s)), attr.into()),
            _ => {
                self.error(diag::unsupported_pandas_call(span, "Series", attr, SERIES_ATTRS));
                Value::Error
            }
        }
    }

    /// A series' values as an array (`s.to_numpy()`, `s.values`).
    fn series_array(&mut self, s: &Series, span: Span) -> Value {
        match s.data.clone() {
            Value::Lazy(l) => Value::Array(self.materialize(l, span)),
            other => other,
        }
    }

    /// The values of a series operand, checking that two series share their index.
    pub(crate) fn series_operands(&mut self, l: Value, r: Value, span: Span) -> Option<(Value, Value, Option<String>, IndexV)> {
        let (name, index) = match (&l, &r) {
            (Value::Series(a), Value::Series(b)) => {
                if a.index != b.index {
                    self.error(diag::type_error(span, "these two Series have different indexes", "pandas would align them by label, which legatec does not do; combine columns of one frame, or use `.to_numpy()`"));
                    return None;
                }
                (if a.name == b.name { a.name.clone() } else { None }, a.index)
            }
            (Value::Series(a), _) | (_, Value::Series(a)) => (a.name.clone(), a.index),
            _ => unreachable!("a series operand"),
        };
        let unwrap = |v: Value| match v {
            Value::Series(s) => s.data.clone(),
            other => other,
        };
        Some((unwrap(l), unwrap(r), name, index))
    }

    /// Wraps an elementwise result as a series.
    pub(crate) fn as_series(&mut self, v: Value, name: Option<String>, index: IndexV) -> Value {
        match v {
            Value::Array(_) | Value::Lazy(_) => Value::Series(Rc::new(Series { name, data: v, index })),
            other => other,
        }
    }

    /// Methods of frames and series.
    pub(crate) fn call_pandas_method(&mut self, recv: Value, name: &str, args: Args, kw: Kwargs, span: Span) -> Value {
        match recv {
            Value::Frame(f) => self.call_frame_method(f, name, args, kw, span),
            Value::Series(s) => self.call_series_method(s, name, args, kw, span),
            _ => unreachable!("a pandas receiver"),
        }
    }

    fn call_frame_method(&mut self, f: Rc<Frame>, name: &str, args: Args, kw: Kwargs, span: Span) -> Value {
        let fname = format!("DataFrame.{name}");
        match name {
            "copy" => {
                let Some(_) = self.keywords(&fname, kw, &["deep"]) else { return Value::Error };
                Value::Frame(f)
            }
            "head" | "tail" => {
                let Some(_) = self.keywords(&fname, kw, &[]) else { return Value::Error };
                if !self.arity(&fname, &args, 0, 1, span) {
                    return Value::Error;
                }
                let n = match args.into_iter().next() {
                    Some((v, vspan)) => match self.int_value(v, vspan) {
                        Some(e) => e,
                        None => return Value::Error,
                    },
                    None => self.const_i64(5),
                };
                self.frame_rows_head_tail(&f, n, name == "tail", span)
            }
            _ => {
                self.error(diag::unsupported_pandas_call(span, "DataFrame", name, FRAME_ATTRS));
                Value::Error
            }
        }
    }

    /// `df.head(n)` / `df.tail(n)`: rows by position, as pandas' `iloc[:n]` / `iloc[-n:]`.
    fn frame_rows_head_tail(&mut self, f: &Frame, n: ExprId, tail: bool, span: Span) -> Value {
        let n = self.int_place(n, span);
        let len = self.index_len(f.index);
        let len = self.int_place(len, span);
        // start, stop in 0..len by Python's slice rules of `[:n]` / `[-n:]` (n may be negative).
        let zero = self.const_i64(0);
        let (nr, lr) = (self.read(n), self.read(len));
        let (start, stop) = if tail {
            // [-n:] with n >= 0 is [len - n:]; n < 0 is [-n:] = [|n|:].
            let neg = self.add(Expr::Compare(CompareOp::Lt, nr, zero), Type::py_bool());
            let nr2 = self.read(n);
            let lr2 = self.read(len);
            let from_end = self.int_binary(BinaryOp::Sub, lr2, nr2);
            let nr3 = self.read(n);
            let zero2 = self.const_i64(0);
            let minus = self.int_binary(BinaryOp::Sub, zero2, nr3);
            let s = self.add(Expr::Select(neg, minus, from_end), Type::py_int());
            let zero3 = self.const_i64(0);
            let s = self.int_binary(BinaryOp::Max, s, zero3);
            let lr3 = self.read(len);
            let s = self.int_binary(BinaryOp::Min, s, lr3);
            let lr4 = self.read(len);
            (s, lr4)
        } else {
            let neg = self.add(Expr::Compare(CompareOp::Lt, nr, zero), Type::py_bool());
            let nr2 = self.read(n);
            let plus = self.int_binary(BinaryOp::Add, lr, nr2);
            let nr3 = self.read(n);
            let e = self.add(Expr::Select(neg, plus, nr3), Type::py_int());
            let zero2 = self.const_i64(0);
            let e = self.int_binary(BinaryOp::Max, e, zero2);
            let lr2 = self.read(len);
            let e = self.int_binary(BinaryOp::Min, e, lr2);
            (self.const_i64(0), e)
        };
        let start = self.int_place(start, span);
        let stop = self.int_place(stop, span);
        self.frame_rows_slice(f, start, stop, span)
    }

    /// Rows `start..stop` (0 <= start, stop <= len) by position: views of the columns.
    fn frame_rows_slice(&mut self, f: &Frame, start: Place, stop: Place, span: Span) -> Value {
        let slice = |fx: &mut Self, a: ExprId| -> ExprId {
            let (s, e) = (fx.read(start), fx.read(stop));
            let ty = fx.expr_type(a);
            let dst = fx.temp(ty);
            fx.emit(StmtKind::View { dst, src: a, index: vec![ir::IndexItem::Slice { start: Some(s), stop: Some(e), step: None }] }, span);
            fx.read(dst)
        };
        let mut columns = Vec::new();
        for (label, p) in &f.columns {
            let a = self.read(*p);
            let v = slice(self, a);
            columns.push((label.clone(), self.array_place(v, span)));
        }
        let index = match f.index {
            IndexV::Range { start: s0, .. } => {
                let (a, b) = (self.read(s0), self.read(start));
                let ns = self.int_binary(BinaryOp::Add, a, b);
                let (a, b) = (self.read(s0), self.read(stop));
                let ne = self.int_binary(BinaryOp::Add, a, b);
                let ns = self.int_place(ns, span);
                let ne = self.int_place(ne, span);
                // Stop never below start (an empty selection).
                let (x, y) = (self.read(ne), self.read(ns));
                let ne2 = self.int_binary(BinaryOp::Max, x, y);
                let ne = self.int_place(ne2, span);
                IndexV::Range { start: ns, stop: ne }
            }
            IndexV::Labels(p) => {
                let a = self.read(p);
                let v = slice(self, a);
                IndexV::Labels(self.array_place(v, span))
            }
        };
        Value::Frame(Rc::new(Frame { columns, index }))
    }

    fn call_series_method(&mut self, s: Rc<Series>, name: &str, args: Args, kw: Kwargs, span: Span) -> Value {
        let fname = format!("Series.{name}");
        match name {
            "to_numpy" => {
                let Some(_) = self.keywords(&fname, kw, &[]) else { return Value::Error };
                if !self.arity(&fname, &args, 0, 0, span) {
                    return Value::Error;
                }
                self.series_array(&s, span)
            }
            "copy" => Value::Series(s),
            "head" | "tail" => {
                // As the rows of a one-column frame.
                let Value::Array(a) = self.series_array(&s, span) else { return Value::Error };
                let p = self.array_place(a, span);
                let f = Rc::new(Frame { columns: vec![(String::new(), p)], index: s.index });
                match self.call_frame_method(f, name, args, kw, span) {
                    Value::Frame(rows) => {
                        let data = self.read(rows.columns[0].1);
                        Value::Series(Rc::new(Series { name: s.name.clone(), data: Value::Array(data), index: rows.index }))
                    }
                    other => other,
                }
            }
            "abs" => {
                let r = self.math(ir::MathFn::Abs, s.data.clone(), span);
                self.as_series(r, s.name.clone(), s.index)
            }
            "astype" => {
                let r = self.call_method(s.data.clone(), "astype", args, kw, span);
                self.as_series(r, s.name.clone(), s.index)
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
                let x = filled(self, Value::Array(a), 0.0);
                let total = call(self, "sum", vec![x]);
                let n = count(self);
                let one = float_const(self, 1.0);
                let n = self.binary(BinOp::Mul, n, one, span);
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
                let x = filled(self, Value::Array(a), fill);
                let r = call(self, name, vec![x]);
                if valid.is_none() {
                    return r;
                }
                // A float series with no number left: NaN (NumPy would give the fill).
                let n = count(self);
                let zero = Value::Scalar(self.const_i64(0));
                let none = self.compare(CmpOp::Eq, n, zero, span);
                let nan = float_const(self, f64::NAN);
                let out = self.select_f64(none, nan, r, span);
                if dtype == DType::F32 {
                    match out {
                        Value::Scalar(e) => {
                            let c = self.cast_scalar(e, DType::F32);
                            Value::Scalar(self.add(Expr::Cast(DType::F32, c), Type::scalar(DType::F32)))
                        }
                        other => other,
                    }
                } else {
                    out
                }
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
                if name == "std" {
                    self.math(ir::MathFn::Sqrt, var, span)
                } else {
                    var
                }
            }
            _ => unreachable!("a reduction name"),
        }
    }

    // ----- text -------------------------------------------------------------------------

    fn push_index(&mut self, index: IndexV, span: Span) -> &'static str {
        match index {
            IndexV::Range { start, stop } => {
                for p in [start, stop] {
                    let v = self.read(p);
                    self.runtime_call(EntryPoint::FramePushInt, vec![v], None, span);
                }
                "range"
            }
            IndexV::Labels(p) => {
                let v = self.read(p);
                self.runtime_call(EntryPoint::FramePush, vec![v], None, span);
                "labels"
            }
        }
    }

    fn frame_text_call(&mut self, fields: &[&str], span: Span) -> ExprId {
        let spec = runtime_abi::frame_spec::encode(fields);
        let spec = self.str_const(&spec);
        self.runtime_call(EntryPoint::FrameText, vec![spec], Some(Type::Str), span).expect("a result")
    }

    /// `str(df)` / `repr(df)`.
    pub(crate) fn frame_str(&mut self, f: &Frame, span: Span) -> ExprId {
        let kind = self.push_index(f.index, span);
        let mut fields = vec!["repr_frame".to_string(), kind.to_string()];
        for (label, p) in &f.columns {
            let v = self.read(*p);
            self.runtime_call(EntryPoint::FramePush, vec![v], None, span);
            fields.push(label.clone());
            fields.push("num".into());
        }
        let fields: Vec<&str> = fields.iter().map(String::as_str).collect();
        self.frame_text_call(&fields, span)
    }

    /// `str(df.dtypes)`.
    pub(crate) fn dtypes_str(&mut self, f: &Frame, span: Span) -> ExprId {
        let mut fields = vec!["repr_dtypes".to_string()];
        for (label, p) in &f.columns {
            let v = self.read(*p);
            self.runtime_call(EntryPoint::FramePush, vec![v], None, span);
            fields.push(label.clone());
            fields.push("num".into());
        }
        let fields: Vec<&str> = fields.iter().map(String::as_str).collect();
        self.frame_text_call(&fields, span)
    }

    /// `str(s)`.
    pub(crate) fn series_str(&mut self, s: &Series, span: Span) -> Option<ExprId> {
        let Value::Array(a) = self.series_array(s, span) else { return None };
        let kind = self.push_index(s.index, span);
        self.runtime_call(EntryPoint::FramePush, vec![a], None, span);
        let (has, name) = match &s.name {
            Some(n) => ("1", n.as_str()),
            None => ("0", ""),
        };
        Some(self.frame_text_call(&["repr_series", has, name, "num", kind], span))
    }
}
