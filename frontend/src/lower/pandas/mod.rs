//! pandas: dataframes and series as compile-time records (DESIGN.md, "Types").
//!
//! A frame is an ordered list of labelled columns and an index ([`IndexV`]). A column
//! ([`Col`]) is a place holding a 1-D array and, where values may be missing (the unmatched
//! side of a merge), a place holding a bool validity mask. A series is one column's values
//! (an array or a lazy elementwise expression, so series arithmetic fuses like NumPy's), an
//! optional name and an index. Column labels are compile-time strings, so the schema of
//! every frame is known here; the values are run-time arrays.
//!
//! Records never change: `df["c"] = v` makes a new record and rebinds `df`. Column arrays
//! are never written in place once in a record, so records may share them (pandas copies
//! on construction and assignment, Copy-on-Write; sharing is unobservable here). A variable
//! keeps one set of places per schema it holds (`FrameSlots`): assigning a record copies
//! its array references into them, so a frame reassigned in a loop with the same schema is
//! one definition.
//!
//! Operations on whole frames at run time (printing, merges, groupbys, sorts) push their
//! arrays as operands and call the runtime's pandas layer with a spec
//! (`runtime_abi::frame_spec`); operations that make arrays leave them to be popped.
//!
//! - `mod.rs`: the model, construction, variables, column access.
//! - `rows.rs`: row selections (masks, positions, permutations, merges' row pairs).
//! - `series.rs`: series attributes, methods and pandas' reductions.
//! - `relational.rs`: merge, groupby, sort_values.
//! - `text.rs`: printing.

mod cols;
mod index;
mod io;
mod nullable;
mod relational;
mod reshape;
mod rows;
mod series;
mod stats;
mod strings;
mod text;

use std::rc::Rc;

use super::{FnCx, Value};
use crate::diagnostics as diag;
use ir::{BinaryOp, CompareOp, Const, DType, EntryPoint, Expr, ExprId, LibraryOp, Place, Span, StmtKind, Type};

pub(crate) use cols::{ColType, Kind, KindT};
pub(crate) use io::FileSchema;

/// The schema of a DataFrame or Series passed to or returned from a function: what the
/// other side needs to rebuild the record over its own places.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct RecordShape {
    /// `Some(name)` for a Series (a one-column record), `None` for a DataFrame.
    pub series: Option<Option<String>>,
    pub columns: Vec<(String, ColType)>,
    /// `None`: a range index; else each level's name and type.
    pub index: Option<Vec<(Option<String>, ColType)>>,
    /// The types of the record's places, in [`FnCx::record_places`]' order.
    pub types: Vec<Type>,
}
pub(crate) use relational::GroupBy;

type Args = Vec<(Value, Span)>;
type Kwargs = Vec<(String, Value, Span)>;

/// A column: its values, what else its kind holds (`cols.rs`) and, where some may be
/// missing, a bool validity mask.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Col {
    pub values: Place,
    pub valid: Option<Place>,
    pub kind: Kind,
    /// For an int or bool column with a mask: a bool scalar place saying whether pandas
    /// holds it as float64 (object for bools) because a value was missing where it was
    /// made (a merge's unmatched row). Row selections keep it: pandas' dtype stays.
    pub promoted: Option<Place>,
    /// One of pandas' nullable extension dtypes (`string`, `Int64`, `boolean`, `Float64`):
    /// a missing value is `<NA>` and never changes the dtype (see `ColType::na`).
    pub na: bool,
}

/// A level of an index of labels.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Level {
    pub name: Option<String>,
    pub col: Col,
    pub made: Made,
}

/// How pandas came to hold a level's labels, which decides whether `print(df.index)` shows
/// a `RangeIndex` (pandas keeps int64 labels as one when they are evenly spaced where they
/// were made; the runtime's `repr_index` applies the rule).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Made {
    /// An `Index` whatever the labels (groupby keys, value_counts, labels read from a file).
    Labels,
    /// Rows taken once from a `RangeIndex`.
    Taken,
    /// `set_index` of a column.
    SetIndex,
    /// Anything else (taken twice, concatenated, passed through a function): whether pandas
    /// holds int labels as a `RangeIndex` depends on their history.
    Unknown,
}

/// A frame's row labels.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum IndexV {
    /// `RangeIndex(start, stop)`: two int places.
    Range { start: Place, stop: Place },
    /// Labels: one level (an `Index`; an unnamed int64 one after a row selection) or several
    /// (a `MultiIndex`).
    Labels(Rc<Vec<Level>>),
}

/// A DataFrame.
#[derive(Debug)]
pub(crate) struct Frame {
    pub columns: Vec<(String, Col)>,
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

/// The places a variable holds records of one schema in (see [`FnCx::record_places`]).
pub(crate) type FrameSlots = Vec<Place>;

/// What pandas' module offers here.
const PANDAS_NAMES: &[&str] = &["DataFrame", "Series", "merge", "concat", "Timestamp", "to_datetime", "read_csv", "read_parquet"];
/// Series attributes and methods.
const SERIES_ATTRS: &[&str] = &[
    "sum", "mean", "min", "max", "count", "std", "var", "prod", "to_numpy", "values", "copy", "head", "tail", "shape",
    "name", "dtype", "abs", "astype", "value_counts", "unique", "nunique", "cumsum", "isna", "notna", "fillna", "isin", "median", "map", "apply",
    "describe", "round", "where", "str", "dt", "cat", "index", "dropna", "sort_values", "shift", "diff", "pct_change",
];
/// Frame attributes and methods.
const FRAME_ATTRS: &[&str] = &[
    "shape", "dtypes", "columns", "head", "tail", "copy", "merge", "groupby", "sort_values", "reset_index", "set_index", "rename",
    "drop", "astype", "isna", "notna", "fillna", "dropna", "iloc", "loc", "to_csv", "to_parquet", "sum", "mean", "min", "max",
    "count", "std", "var", "median", "prod", "nunique", "describe", "round", "sort_index", "to_numpy", "index", "where",
    "drop_duplicates",
];

impl Frame {
    pub(crate) fn column(&self, label: &str) -> Option<Col> {
        self.columns.iter().find(|(l, _)| l == label).map(|(_, c)| *c)
    }
}

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
            "pandas.concat" => self.concat(args, kw, span),
            "pandas.Series" => self.series_new(args, kw, span),
            "pandas.Timestamp" => {
                let Some(_) = self.keywords("pd.Timestamp", kw, &[]) else { return Value::Error };
                self.timestamp_new(args, span)
            }
            "pandas.to_datetime" => self.to_datetime(args, kw, span),
            "pandas.read_csv" => self.read_csv(args, kw, span),
            "pandas.read_parquet" => self.read_parquet(args, kw, span),
            "pandas.merge" => {
                let mut args = args.into_iter();
                let Some((left, lspan)) = args.next() else {
                    self.error(diag::bad_arguments(span, "`pd.merge` needs the two frames"));
                    return Value::Error;
                };
                let Value::Frame(left) = left else {
                    self.error(diag::type_error(lspan, "`pd.merge` merges DataFrames", "pass two frames"));
                    return Value::Error;
                };
                self.merge(left, args.collect(), kw, span)
            }
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

    /// Which of `choices` a string-constant argument is (`None` given: `default`); any
    /// other value is a located error saying `message`.
    pub(crate) fn str_choice(&mut self, arg: Option<(Value, Span)>, choices: &[&str], default: usize, message: &str, hint: &str) -> Option<usize> {
        let Some((v, span)) = arg else { return Some(default) };
        let found = self.const_str(&v).and_then(|text| choices.iter().position(|c| *c == text));
        if found.is_none() {
            self.error(diag::type_error(span, message, hint));
        }
        found
    }

    /// A list of compile-time strings (`"a"` or `["a", "b"]`).
    pub(crate) fn const_str_list(&self, v: &Value) -> Option<Vec<String>> {
        match v {
            Value::Tuple(items) => items.iter().map(|i| self.const_str(i)).collect(),
            other => self.const_str(other).map(|s| vec![s]),
        }
    }

    /// A temporary holding a scalar (an int, or the bool of a condition).
    pub(crate) fn int_place(&mut self, value: ExprId, span: Span) -> Place {
        let p = self.temp(self.expr_type(value));
        self.emit(StmtKind::Assign { dst: p, value }, span);
        p
    }

    pub(crate) fn array_place(&mut self, value: ExprId, span: Span) -> Place {
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
    pub(crate) fn index_len(&mut self, index: &IndexV) -> ExprId {
        match index {
            IndexV::Range { start, stop } => {
                let (a, b) = (self.read(*stop), self.read(*start));
                self.int_binary(BinaryOp::Sub, a, b)
            }
            IndexV::Labels(levels) => self.col_len(levels[0].col),
        }
    }

    /// `len(df)`.
    pub(crate) fn frame_len(&mut self, f: &Frame) -> ExprId {
        self.index_len(&f.index)
    }

    /// `RangeIndex(0, len)`.
    pub(crate) fn range_index(&mut self, len: ExprId, span: Span) -> IndexV {
        let zero = self.const_i64(0);
        let start = self.int_place(zero, span);
        let stop = self.int_place(len, span);
        IndexV::Range { start, stop }
    }

    // ----- construction -------------------------------------------------------------

    /// A value given for a column, as a column this frame may own: copies of arrays,
    /// lists as `np.array` (a list of strings as a `str` column), series' values; `None`
    /// for a scalar (broadcast later).
    fn column_array(&mut self, v: Value, vspan: Span, what: &str) -> Result<Option<Col>, ()> {
        if let Value::Tuple(items) = &v {
            if !items.is_empty() && items.iter().all(|i| matches!(i, Value::Str(_) | Value::None)) {
                return self.str_list(items, vspan, what).map(Some).ok_or(());
            }
        }
        let a = match v {
            Value::Scalar(e) if self.expr_type(e).dtype().is_some_and(DType::is_complex) => {
                self.error(diag::complex_column(vspan));
                return Err(());
            }
            Value::Scalar(_) | Value::Str(_) => return Ok(None),
            Value::Series(s) => match s.data.clone() {
                Value::Column(c) => return Ok(Some(c)),
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
            Type::Array { dtype, .. } if dtype.is_complex() => {
                self.error(diag::complex_column(vspan));
                Err(())
            }
            Type::Array { ndim: 1, .. } => Ok(Some(Col::num(self.array_place(a, vspan)))),
            Type::Array { ndim, .. } => {
                self.error(diag::type_error(vspan, format!("{what} must be 1-dimensional, not {ndim}-dimensional"), "give a 1-D array (pandas raises ValueError)"));
                Err(())
            }
            _ => Err(()),
        }
    }

    /// A `str` column of a list of string constants and `None`s.
    pub(crate) fn str_list(&mut self, items: &[Value], span: Span, what: &str) -> Option<Col> {
        let mut fields = vec!["str_lit".to_string(), String::new()];
        let mut missing = false;
        for i in items {
            match i {
                Value::None => {
                    missing = true;
                    fields.extend(["0".to_string(), String::new()]);
                }
                _ => match self.const_str(i) {
                    Some(t) => fields.extend(["1".to_string(), t]),
                    None => {
                        self.error(diag::type_error(span, format!("{what}: strings in a list must be constants here"), "build the column with a string method of another column"));
                        return None;
                    }
                },
            }
        }
        let ct = ColType::of(KindT::Str).with_mask(missing);
        fields[1] = ct.code();
        Some(self.frame_run_cols(&fields, &[ct], &[], span).0[0])
    }

    /// The number of rows of a column.
    pub(crate) fn col_len(&mut self, c: Col) -> ExprId {
        let a = self.read(c.values);
        let n = self.add(Expr::Dim(a, 0), Type::py_int());
        match c.kind {
            // Offsets: one more than the rows.
            Kind::Str { .. } => {
                let one = self.const_i64(1);
                self.int_binary(BinaryOp::Sub, n, one)
            }
            _ => n,
        }
    }

    /// A column of `n` copies of a scalar (a `str` one for a string).
    fn broadcast_column(&mut self, v: Value, n: ExprId, vspan: Span) -> Option<Col> {
        if let Some(text) = self.const_str(&v) {
            self.runtime_call(EntryPoint::FramePushInt, vec![n], None, vspan);
            return Some(self.frame_run_cols(&["str_fill".into(), text], &[ColType::of(KindT::Str)], &[], vspan).0[0]);
        }
        let a = match self.call_builtin("numpy.full", vec![(Value::Scalar(n), vspan), (v, vspan)], vec![], vspan) {
            Value::Array(a) => a,
            Value::Lazy(l) => self.materialize(l, vspan),
            _ => return None,
        };
        Some(Col::num(self.array_place(a, vspan)))
    }

    /// `pd.DataFrame({"a": ..., ...})`.
    fn frame_new(&mut self, args: Args, kw: Kwargs, span: Span) -> Value {
        let Some(kw) = self.keywords("pd.DataFrame", kw, &["data"]) else { return Value::Error };
        let mut data = args.into_iter().chain(kw.into_iter().map(|(_, v, s)| (v, s)));
        let entries = match (data.next(), data.next()) {
            (None, _) => Vec::new(),
            (Some((Value::Dict(entries), _)), None) => entries,
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
        let mut columns: Vec<(String, Option<Col>, Value, Span)> = Vec::new();
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
        let arrays: Vec<Col> = columns.iter().filter_map(|(_, a, ..)| *a).collect();
        let Some(&first) = arrays.first() else {
            if columns.is_empty() {
                let zero = self.const_i64(0);
                let index = self.range_index(zero, span);
                return Value::Frame(Rc::new(Frame { columns: Vec::new(), index }));
            }
            self.emit(StmtKind::Raise { kind: "ValueError".into(), message: "If using all scalar values, you must pass an index".into() }, span);
            // Nothing after it runs (and its error value reports nothing more).
            self.flow = None;
            return Value::Error;
        };
        let len = self.col_len(first);
        let len = self.int_place(len, span);
        for &a in &arrays[1..] {
            let n = self.col_len(a);
            let l = self.read(len);
            let ne = self.add(Expr::Compare(CompareOp::Ne, n, l), Type::py_bool());
            self.raise_kind_if(ne, "ValueError", "All arrays must be of the same length".into(), span);
        }
        let mut out = Vec::new();
        for (label, a, v, vspan) in columns {
            let c = match a {
                Some(a) => a,
                None => {
                    let n = self.read(len);
                    let Some(a) = self.broadcast_column(v, n, vspan) else { return Value::Error };
                    a
                }
            };
            out.push((label, c));
        }
        let n = self.read(len);
        let index = self.range_index(n, span);
        Value::Frame(Rc::new(Frame { columns: out, index }))
    }

    /// `pd.Series(values, name=...)`.
    fn series_new(&mut self, args: Args, kw: Kwargs, span: Span) -> Value {
        let Some(kw) = self.keywords("pd.Series", kw, &["name", "dtype"]) else { return Value::Error };
        let Some((v, vspan)) = self.single_arg("pd.Series", args, span) else { return Value::Error };
        let mut name = None;
        let mut dtype = None;
        for (k, nv, nspan) in kw {
            if k == "dtype" {
                // pandas' own dtypes, as `astype` makes them (a NumPy dtype here could
                // differ: pandas refuses to truncate floats where astype would).
                let builtin_str = matches!(&nv, Value::Builtin(b) if b == "str");
                if !builtin_str && !matches!(self.const_str(&nv).as_deref(), Some("string" | "category" | "str")) {
                    self.error(diag::type_error(nspan, "this `dtype` of `pd.Series`", "supported: \"string\", \"category\" and \"str\"; make NumPy dtypes with `np.array(values, dtype=...)`"));
                    return Value::Error;
                }
                dtype = Some((nv, nspan));
                continue;
            }
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
        let len = self.col_len(a);
        let index = self.range_index(len, span);
        let series = self.col_series(name, a, index);
        match (dtype, series) {
            (Some((d, dspan)), Value::Series(s)) => self.call_series_method(s, "astype", vec![(d, dspan)], vec![], span),
            (_, other) => other,
        }
    }

    // ----- records and variables ----------------------------------------------------

    /// Every place of an index, in a fixed order.
    fn index_places(index: &IndexV, out: &mut Vec<Place>) {
        match index {
            IndexV::Range { start, stop } => out.extend([*start, *stop]),
            IndexV::Labels(levels) => {
                for l in levels.iter() {
                    out.extend(l.col.places());
                }
            }
        }
    }

    /// Every place of a frame, in a fixed order: the columns (values, then any mask),
    /// then the index.
    pub(crate) fn record_places(f: &Frame) -> Vec<Place> {
        let mut out = Vec::new();
        for (_, c) in &f.columns {
            out.extend(c.places());
        }
        Self::index_places(&f.index, &mut out);
        out
    }

    fn index_with_places(index: &IndexV, places: &mut impl Iterator<Item = Place>) -> IndexV {
        let mut next = || places.next().expect("as many places as the record has");
        match index {
            IndexV::Range { .. } => IndexV::Range { start: next(), stop: next() },
            IndexV::Labels(levels) => IndexV::Labels(Rc::new(
                levels
                    .iter()
                    .map(|l| Level { name: l.name.clone(), col: l.col.with_places(&mut next), made: l.made })
                    .collect(),
            )),
        }
    }

    /// The same record over other places (in [`Self::record_places`]' order).
    pub(crate) fn frame_with_places(f: &Frame, places: &[Place]) -> Frame {
        let mut it = places.iter().copied();
        let columns = f
            .columns
            .iter()
            .map(|(l, c)| (l.clone(), c.with_places(&mut || it.next().expect("a place per array of a column"))))
            .collect();
        let index = Self::index_with_places(&f.index, &mut it);
        Frame { columns, index }
    }

    /// A frame's schema: its labels, the types of its places, its index's structure.
    fn frame_signature(&self, f: &Frame) -> String {
        let shape: Vec<String> = f.columns.iter().map(|(l, c)| format!("{l:?}:{}", self.col_type(*c).code())).collect();
        let index = match &f.index {
            IndexV::Range { .. } => "range".to_string(),
            IndexV::Labels(levels) => {
                let ls: Vec<String> = levels.iter().map(|l| format!("{:?}:{}", l.name, self.col_type(l.col).code())).collect();
                format!("labels[{}]", ls.join(","))
            }
        };
        let types: Vec<String> = Self::record_places(f).iter().map(|p| self.place_type(*p).to_string()).collect();
        format!("[{}] {index} ({})", shape.join(","), types.join(","))
    }

    /// The places variable `name` holds records of schema `sig` in, if it has held one.
    fn frame_slots(&self, name: &str, sig: &str) -> Option<FrameSlots> {
        let slots = if self.is_main { self.cx.global_slots.get(name) } else { self.vars.get(name) }?;
        slots.frames.iter().find(|(s, _)| s == sig).map(|(_, f)| f.clone())
    }

    /// Copies the places of a record into variable `name`'s slots for its schema (made
    /// on first use), and returns those slots.
    fn store_record(&mut self, name: &str, sig: String, places: &[Place], span: Span) -> FrameSlots {
        let slots = match self.frame_slots(name, &sig) {
            Some(s) => s,
            None => {
                let global = self.is_main;
                let mut made = Vec::new();
                for (k, p) in places.iter().enumerate() {
                    let var = ir::Var { name: format!("{name}.{k}"), ty: self.place_type(*p) };
                    made.push(if global { Place::Global(self.cx.module.globals.push(var)) } else { Place::Local(self.f.locals.push(var)) });
                }
                let slots = if global { self.cx.global_slots.entry(name.to_string()).or_default() } else { self.vars.entry(name.to_string()).or_default() };
                slots.frames.push((sig, made.clone()));
                made
            }
        };
        // Read every source before writing any slot (`df = df[["b", "a"]]` may swap).
        let mut copies = Vec::new();
        for &src in places {
            let r = self.read(src);
            let t = self.temp(self.place_type(src));
            self.emit(StmtKind::Assign { dst: t, value: r }, span);
            copies.push(t);
        }
        for (&dst, t) in slots.iter().zip(copies) {
            let value = self.read(t);
            self.emit(StmtKind::Assign { dst, value }, span);
        }
        slots
    }

    /// `name = frame`.
    pub(crate) fn assign_frame(&mut self, name: &str, f: &Frame, span: Span) {
        let sig = format!("frame {}", self.frame_signature(f));
        let slots = self.store_record(name, sig, &Self::record_places(f), span);
        let bound = Self::frame_with_places(f, &slots);
        self.assign_const(name, Value::Frame(Rc::new(bound)), span);
    }

    /// A frame or series as a record: its schema and places (a series as a one-column frame).
    pub(crate) fn record_of_value(&mut self, v: &Value, span: Span) -> Option<(RecordShape, Vec<Place>)> {
        let (f, series) = match v {
            Value::Frame(f) => (Frame { columns: f.columns.clone(), index: f.index.clone() }, None),
            Value::Series(s) => {
                let col = self.series_col(s, span)?;
                (Frame { columns: vec![(String::new(), col)], index: s.index.clone() }, Some(s.name.clone()))
            }
            _ => return None,
        };
        let places = Self::record_places(&f);
        let columns = f.columns.iter().map(|(l, c)| (l.clone(), self.col_type(*c))).collect();
        let index = match &f.index {
            IndexV::Range { .. } => None,
            IndexV::Labels(levels) => Some(levels.iter().map(|l| (l.name.clone(), self.col_type(l.col))).collect()),
        };
        let types = places.iter().map(|p| self.place_type(*p)).collect();
        Some((RecordShape { series, columns, index, types }, places))
    }

    /// The frame or series of `shape` over `places`.
    pub(crate) fn record_value(&mut self, shape: &RecordShape, places: &[Place]) -> Value {
        let mut k = 0;
        let mut take = |ct: &ColType| {
            let n = ct.types().len();
            let c = ct.col(&places[k..k + n]);
            k += n;
            c
        };
        let columns: Vec<(String, Col)> = shape.columns.iter().map(|(l, ct)| (l.clone(), take(ct))).collect();
        let index = match &shape.index {
            None => {
                let (start, stop) = (places[k], places[k + 1]);
                IndexV::Range { start, stop }
            }
            Some(levels) => IndexV::Labels(Rc::new(levels.iter().map(|(n, ct)| Level { name: n.clone(), col: take(ct), made: Made::Unknown }).collect())),
        };
        match &shape.series {
            Some(name) => self.col_series(name.clone(), columns[0].1, index),
            None => Value::Frame(Rc::new(Frame { columns, index })),
        }
    }

    /// `name = series`: stored as a one-column frame.
    pub(crate) fn assign_series(&mut self, name: &str, s: &Series, span: Span) {
        let Some(col) = self.series_col(s, span) else { return };
        let f = Frame { columns: vec![(String::new(), col)], index: s.index.clone() };
        let sig = format!("series {:?} {}", s.name, self.frame_signature(&f));
        let slots = self.store_record(name, sig, &Self::record_places(&f), span);
        let bound = Self::frame_with_places(&f, &slots);
        let series = self.col_series(s.name.clone(), bound.columns[0].1, bound.index.clone());
        self.assign_const(name, series, span);
    }

    // ----- columns --------------------------------------------------------------------

    /// A column to compute with: a float column's missing values are its NaNs, so its mask
    /// goes; an int or bool column that may hold missing values (rows a merge did not
    /// match) is used as it is when every row matched, which the program checks: where one
    /// did not, pandas makes the column float64 (or object), a type chosen by the data,
    /// and the program stops with a ValueError saying so.
    /// Columns of other kinds keep their masks (pandas' `str`, `datetime64` and
    /// `category` columns hold missing values themselves).
    pub(crate) fn unmasked(&mut self, label: &str, c: Col, span: Span) -> Col {
        if c.na && c.kind == Kind::Num {
            // pandas' results here keep the extension dtype (`Int64`, `Float64`), which
            // legatec computes only for the Series methods of `nullable.rs`.
            let ct = self.col_type(c);
            self.error(diag::type_error(span, format!("this operation on the nullable {} column {label:?} (pandas' result keeps a nullable dtype legatec does not compute here)", ct.pandas_name()), "convert the column first: `.astype(\"float64\")`, or `.fillna(...)` then `.astype(\"int64\")` / `.astype(bool)`"));
            return Col::num(c.values);
        }
        let Some(m) = c.valid else { return c };
        if c.kind != Kind::Num {
            return c;
        }
        if self.place_type(c.values).dtype().is_some_and(|d| d.is_float()) {
            return Col::num(c.values);
        }
        let missing = match c.promoted {
            Some(p) => Some(self.read(p)),
            None => {
                let m = self.read(m);
                match self.call_builtin("numpy.all", vec![(Value::Array(m), span)], vec![], span) {
                    Value::Scalar(all) => Some(self.add(Expr::Unary(ir::UnaryOp::Not, all), Type::py_bool())),
                    _ => None,
                }
            }
        };
        if let Some(missing) = missing {
            self.raise_kind_if(
                missing,
                "ValueError",
                format!("legatec: column '{label}' has missing values (rows a merge did not match, or nulls in a file), which pandas holds as float64 or object (a type chosen by the data); legatec computes with it only when none is missing"),
                span,
            );
        }
        Col::num(c.values)
    }

    /// Column `label` as a series, if the frame has it.
    fn column_series(&mut self, f: &Frame, label: &str, span: Span) -> Option<Value> {
        let c = f.column(label)?;
        let c = if c.na { c } else { self.unmasked(label, c, span) };
        Some(self.col_series(Some(label.to_string()), c, f.index.clone()))
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

    /// The columns named in `labels`, or a located error.
    pub(crate) fn columns_named(&mut self, f: &Frame, labels: &[String], span: Span) -> Option<Vec<(String, Col)>> {
        let mut out = Vec::new();
        for label in labels {
            match f.column(label) {
                Some(c) => out.push((label.clone(), c)),
                None => {
                    self.missing_column(f, label, span);
                    return None;
                }
            }
        }
        Some(out)
    }

    /// `df.attr`.
    pub(crate) fn frame_attr(&mut self, f: Rc<Frame>, attr: &str, span: Span) -> Value {
        match attr {
            "shape" => {
                let n = self.index_len(&f.index);
                let m = self.const_i64(f.columns.len() as i64);
                Value::Tuple(vec![Value::Scalar(n), Value::Scalar(m)].into())
            }
            "dtypes" | "index" => Value::Method(Box::new(Value::Frame(f)), attr.into()),
            "columns" => {
                // pandas' repr of the column labels, known here.
                let labels: Vec<&str> = f.columns.iter().map(|(l, _)| l.as_str()).collect();
                Value::Str(self.str_const(&runtime_frame::repr::summary::str_index_repr(&labels)))
            }
            a if FRAME_ATTRS.contains(&a) && f.column(a).is_none() => Value::Method(Box::new(Value::Frame(f)), attr.into()),
            _ => match self.column_series(&f, attr, span) {
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
            return match self.column_series(&f, &label, kspan) {
                Some(s) => s,
                None => self.missing_column(&f, &label, kspan),
            };
        }
        match key {
            Value::Tuple(_) => {
                let Some(labels) = self.const_str_list(&key) else {
                    self.error(diag::type_error(kspan, "select columns with a list of string constants", "write `df[[\"a\", \"b\"]]`"));
                    return Value::Error;
                };
                let Some(columns) = self.columns_named(&f, &labels, kspan) else { return Value::Error };
                Value::Frame(Rc::new(Frame { columns, index: f.index.clone() }))
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

    /// `df[label] = v`: the frame with that column replaced or appended.
    pub(crate) fn frame_with_column(&mut self, f: &Frame, key: Value, kspan: Span, v: Value, vspan: Span, span: Span) -> Value {
        let Some(label) = self.const_str(&key) else {
            self.error(diag::type_error(kspan, "assign columns by a string constant label", "write `df[\"c\"] = ...`"));
            return Value::Error;
        };
        if let Value::Series(s) = &v {
            if !self.same_index(&s.index, &f.index, vspan) {
                self.error(diag::type_error(vspan, "this Series has another index than the frame", "pandas would align the two by label, which legatec does not do; use `.to_numpy()` to assign by position"));
                return Value::Error;
            }
        }
        let n = self.index_len(&f.index);
        let n = self.int_place(n, span);
        let a = match self.column_array(v.clone(), vspan, &format!("column `{label}`")) {
            Err(()) => return Value::Error,
            Ok(Some(a)) => {
                let len = self.col_len(a);
                let nr = self.read(n);
                let ne = self.add(Expr::Compare(CompareOp::Ne, len, nr), Type::py_bool());
                self.raise_kind_if(ne, "ValueError", "Length of values does not match length of index".into(), span);
                a
            }
            Ok(None) => {
                let nr = self.read(n);
                let Some(a) = self.broadcast_column(v, nr, vspan) else { return Value::Error };
                a
            }
        };
        let col = a;
        let mut columns = f.columns.clone();
        match columns.iter().position(|(l, _)| *l == label) {
            Some(i) => columns[i].1 = col,
            None => columns.push((label, col)),
        }
        Value::Frame(Rc::new(Frame { columns, index: f.index.clone() }))
    }

    /// `del df[label]`.
    pub(crate) fn frame_without_column(&mut self, f: &Frame, key: Value, kspan: Span) -> Value {
        let Some(label) = self.const_str(&key) else {
            self.error(diag::type_error(kspan, "delete columns by a string constant label", "write `del df[\"c\"]`"));
            return Value::Error;
        };
        if f.column(&label).is_none() {
            return self.missing_column(f, &label, kspan);
        }
        let columns = f.columns.iter().filter(|(l, _)| *l != label).cloned().collect();
        Value::Frame(Rc::new(Frame { columns, index: f.index.clone() }))
    }

    /// Methods of frames, series and groupbys.
    pub(crate) fn call_pandas_method(&mut self, recv: Value, name: &str, args: Args, kw: Kwargs, span: Span) -> Value {
        match recv {
            Value::Frame(f) => self.call_frame_method(f, name, args, kw, span),
            Value::Series(s) => self.call_series_method(s, name, args, kw, span),
            Value::GroupBy(g) => self.call_groupby_method(g, name, args, kw, span),
            _ => unreachable!("a pandas receiver"),
        }
    }

    pub(crate) fn call_frame_method_pub(&mut self, f: Rc<Frame>, name: &str, args: Args, kw: Kwargs, span: Span) -> Value {
        self.call_frame_method(f, name, args, kw, span)
    }

    fn call_frame_method(&mut self, f: Rc<Frame>, name: &str, args: Args, kw: Kwargs, span: Span) -> Value {
        let fname = format!("DataFrame.{name}");
        // Methods that take no keyword here (`inplace=True` would change what they do).
        if ["isna", "notna", "fillna", "astype"].contains(&name) && self.keywords(&fname, kw.clone(), &[]).is_none() {
            return Value::Error;
        }
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
            "merge" => self.merge(f, args, kw, span),
            "reset_index" => self.reset_index(&f, kw, span),
            "set_index" => self.set_index(&f, args, kw, span),
            "rename" => self.rename(&f, kw),
            "drop" => self.drop_columns(&f, kw, span),
            "astype" => self.frame_astype(&f, args, span),
            "isna" | "notna" => self.frame_isna(&f, name == "notna", span),
            "fillna" => self.frame_fillna(&f, args, span),
            "dropna" => self.frame_dropna(&f, args, kw, span),
            "groupby" => self.groupby(f, args, kw, span),
            "sort_values" => self.sort_values(f, args, kw, span),
            "drop_duplicates" => self.drop_duplicates(f, args, kw, span),
            "to_csv" => self.to_csv(&f, args, kw, span),
            r if stats::FRAME_REDUCTIONS.contains(&r) => self.frame_reduce(&f, name, args, kw, span),
            "describe" => {
                let Some(_) = self.keywords(&fname, kw, &[]) else { return Value::Error };
                self.describe(&f, None, span)
            }
            "where" => self.frame_where(&f, args, kw, span),
            "round" => match self.round_frame(&f, args, kw, span) {
                Some(r) => Value::Frame(Rc::new(r)),
                None => Value::Error,
            },
            "sort_index" => self.sort_index(&f, kw, span),
            "to_numpy" => {
                let Some(_) = self.keywords(&fname, kw, &[]) else { return Value::Error };
                self.frame_to_numpy(&f, span)
            }
            "to_parquet" => self.to_parquet(&f, args, kw, span),
            _ => {
                self.error(diag::unsupported_pandas_call(span, "DataFrame", name, FRAME_ATTRS));
                Value::Error
            }
        }
    }

    /// Pushes an array operand of a dataframe operation.
    pub(crate) fn push_operand(&mut self, p: Place, span: Span) {
        let v = self.read(p);
        self.runtime_call(EntryPoint::FramePush, vec![v], None, span);
    }

    /// Runs a dataframe operation that makes arrays, and pops its results, whose types
    /// the caller knows.
    pub(crate) fn frame_run(&mut self, fields: &[String], results: &[Type], span: Span) -> Vec<Place> {
        let fields: Vec<&str> = fields.iter().map(String::as_str).collect();
        let spec = runtime_abi::frame_spec::encode(&fields);
        let spec = self.str_const(&spec);
        self.runtime_call(EntryPoint::FrameRun, vec![spec], None, span);
        results
            .iter()
            .map(|ty| {
                let r = self.runtime_call(EntryPoint::FramePop, vec![], Some(ty.clone()), span).expect("a result");
                self.array_place(r, span)
            })
            .collect()
    }
}
