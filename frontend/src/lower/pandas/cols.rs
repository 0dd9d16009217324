//! Columns of every kind: their places, how they travel to the runtime's pandas layer
//! (`runtime_abi::frame_spec`'s column kinds) and back, and their row selections.
//!
//! A numeric column is one array. A `str` column is int64 offsets (one more than its rows;
//! value i is bytes `offsets[i]..offsets[i + 1]`) and its UTF-8 bytes packed into an int64
//! array, which no kernel ever reads; a `datetime64[us]` column is int64 microseconds since
//! the epoch; a `category` column is int32 codes (-1 missing) into string categories held
//! as a `str` column. Any of them may have a bool validity mask beside.

use super::rows::RowOp;
use super::{Col, Series};
use crate::lower::{FnCx, Value};
use ir::{DType, IndexItem, Place, Span, StmtKind, Type};

/// What a column's places hold beyond `values` (see the module's text).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Num,
    Str { bytes: Place },
    Time,
    Cat { offsets: Place, bytes: Place },
}

/// A column's type without its places: what an operation's result will be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum KindT {
    Num(DType),
    Str,
    Time,
    Cat,
}

/// A column type: kind and whether a validity mask comes with it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct ColType {
    pub kind: KindT,
    pub masked: bool,
    /// An int or bool column pandas may hold as float64 (see `Col::promoted`).
    pub promoted: bool,
    /// A nullable extension dtype: `str` is `string`, `i64` `Int64`, `bool` `boolean`,
    /// `f64` `Float64` (`astype("string")` and what its methods return).
    pub na: bool,
}

impl ColType {
    pub fn num(d: DType) -> ColType {
        ColType { kind: KindT::Num(d), masked: false, promoted: false, na: false }
    }

    pub fn of(kind: KindT) -> ColType {
        ColType { kind, masked: false, promoted: false, na: false }
    }

    pub fn with_mask(self, masked: bool) -> ColType {
        ColType { masked, ..self }
    }

    /// The same type as a nullable extension dtype (or not).
    pub fn with_na(self, na: bool) -> ColType {
        ColType { na, ..self }
    }

    /// The kind's name in a spec (`frame_spec`): `i64`, `str?`, ...
    pub fn code(&self) -> String {
        let base = match self.kind {
            // `bool`, `i8`, ..., `u64`, `f32`, `f64`.
            KindT::Num(d) => d.to_string(),
            KindT::Str => "str".into(),
            KindT::Time => "time".into(),
            KindT::Cat => "cat".into(),
        };
        format!("{base}{}{}{}", if self.na { "~" } else { "" }, if self.masked { "?" } else { "" }, if self.promoted { "!" } else { "" })
    }

    /// The types of its arrays, in operand order.
    pub fn types(&self) -> Vec<Type> {
        let i64s = Type::array(DType::I64, 1);
        let mut out = match self.kind {
            KindT::Num(d) => vec![Type::array(d, 1)],
            KindT::Str => vec![i64s.clone(), i64s],
            KindT::Time => vec![i64s],
            KindT::Cat => vec![Type::array(DType::I32, 1), i64s.clone(), i64s],
        };
        if self.masked {
            out.push(Type::array(DType::Bool, 1));
        }
        if self.promoted {
            out.push(Type::scalar(DType::Bool));
        }
        out
    }

    /// The column over `places` (as many as [`ColType::types`]).
    pub fn col(&self, places: &[Place]) -> Col {
        let kind = match self.kind {
            KindT::Num(_) => Kind::Num,
            KindT::Str => Kind::Str { bytes: places[1] },
            KindT::Time => Kind::Time,
            KindT::Cat => Kind::Cat { offsets: places[1], bytes: places[2] },
        };
        let n = places.len() - self.promoted as usize;
        Col { values: places[0], valid: self.masked.then(|| places[n - 1]), kind, promoted: self.promoted.then(|| places[n]), na: self.na }
    }

    /// pandas' name of the dtype.
    pub fn pandas_name(&self) -> String {
        if self.na {
            return match self.kind {
                KindT::Str => "string".into(),
                KindT::Num(DType::Bool) => "boolean".into(),
                KindT::Num(d) => {
                    let n = d.numpy_name();
                    format!("{}{}", n[..1].to_ascii_uppercase(), &n[1..])
                }
                KindT::Time | KindT::Cat => unreachable!("no nullable extension dtype of datetimes or categories"),
            };
        }
        match self.kind {
            KindT::Num(d) => d.numpy_name().into(),
            KindT::Str => "str".into(),
            KindT::Time => "datetime64[us]".into(),
            KindT::Cat => "category".into(),
        }
    }
}

impl Col {
    /// A numeric column without a mask.
    pub fn num(values: Place) -> Col {
        Col { values, valid: None, kind: Kind::Num, promoted: None, na: false }
    }

    /// Every place, in operand order: values, the kind's, then the mask.
    pub fn places(&self) -> Vec<Place> {
        let mut out = vec![self.values];
        match self.kind {
            Kind::Num | Kind::Time => {}
            Kind::Str { bytes } => out.push(bytes),
            Kind::Cat { offsets, bytes } => out.extend([offsets, bytes]),
        }
        out.extend(self.valid);
        out.extend(self.promoted);
        out
    }

    /// The same column over other places (in [`Col::places`]' order).
    pub fn with_places(&self, next: &mut dyn FnMut() -> Place) -> Col {
        let values = next();
        let kind = match self.kind {
            Kind::Num => Kind::Num,
            Kind::Time => Kind::Time,
            Kind::Str { .. } => Kind::Str { bytes: next() },
            Kind::Cat { .. } => Kind::Cat { offsets: next(), bytes: next() },
        };
        let valid = self.valid.map(|_| next());
        Col { values, valid, kind, promoted: self.promoted.map(|_| next()), na: self.na }
    }
}

impl FnCx<'_, '_> {
    /// A column's type.
    pub(crate) fn col_type(&self, c: Col) -> ColType {
        let kind = match c.kind {
            Kind::Num => KindT::Num(self.place_type(c.values).dtype().expect("a column of an array type")),
            Kind::Str { .. } => KindT::Str,
            Kind::Time => KindT::Time,
            Kind::Cat { .. } => KindT::Cat,
        };
        ColType { kind, masked: c.valid.is_some(), promoted: c.promoted.is_some(), na: c.na }
    }

    /// Pushes a column's arrays as operands; its kind in a spec.
    /// Pushes a column for an operation that only moves its values (a take, a concat):
    /// without the flag of `Col::promoted`, so an int column stays int.
    pub(crate) fn push_col_raw(&mut self, c: Col, span: Span) -> String {
        self.push_col(Col { promoted: None, ..c }, span)
    }

    pub(crate) fn push_col(&mut self, c: Col, span: Span) -> String {
        // The arrays, then the flag of `Col::promoted` as an int.
        for p in (Col { promoted: None, ..c }).places() {
            self.push_operand(p, span);
        }
        if let Some(p) = c.promoted {
            let flag = self.read(p);
            let flag = self.add(ir::Expr::Cast(DType::I64, flag), Type::scalar(DType::I64));
            self.runtime_call(ir::EntryPoint::FramePushInt, vec![flag], None, span);
        }
        self.col_type(c).code()
    }

    /// Runs an operation whose results are columns of the types `cols` and then arrays
    /// of the types `arrays`.
    pub(crate) fn frame_run_cols(&mut self, fields: &[String], cols: &[ColType], arrays: &[Type], span: Span) -> (Vec<Col>, Vec<Place>) {
        let mut types: Vec<Type> = cols.iter().flat_map(ColType::types).collect();
        types.extend(arrays.iter().cloned());
        let places = self.frame_run(fields, &types, span);
        let mut k = 0;
        let mut out = Vec::new();
        for ct in cols {
            let n = ct.types().len();
            out.push(ct.col(&places[k..k + n]));
            k += n;
        }
        (out, places[k..].to_vec())
    }

    /// `c[rows]` through the runtime, where row -1 is missing; the result is masked when
    /// `masked`.
    pub(crate) fn take_col(&mut self, c: Col, rows: Place, masked: bool, span: Span) -> Col {
        let ct = self.col_type(c);
        let kind = self.push_col_raw(c, span);
        self.push_operand(rows, span);
        let out = ColType { promoted: false, ..ct.with_mask(masked || ct.masked) };
        let r = self.frame_run_cols(&["take".into(), kind, out.code()], &[out], &[], span).0[0];
        self.promote_if_missing(r, c.promoted, span)
    }

    /// An int or bool column with a missing value is float64 (object) in pandas (a
    /// nullable one stays as it is): `c` with its `Col::promoted` flag, set when a value
    /// is missing or `before` (the flag of the column it came from) was set.
    pub(crate) fn promote_if_missing(&mut self, mut c: Col, before: Option<Place>, span: Span) -> Col {
        let ct = self.col_type(c);
        if let (KindT::Num(d), Some(valid), false) = (ct.kind, c.valid, ct.na) {
            if !d.is_float() {
                let v = self.read(valid);
                if let Value::Scalar(all) = self.call_builtin("numpy.all", vec![(Value::Array(v), span)], vec![], span) {
                    let mut missing = self.add(ir::Expr::Unary(ir::UnaryOp::Not, all), Type::py_bool());
                    if let Some(p) = before {
                        let before = self.read(p);
                        missing = self.add(ir::Expr::Binary(ir::BinaryOp::BitOr, missing, before), Type::py_bool());
                    }
                    let flag = self.temp(Type::scalar(DType::Bool));
                    let missing = self.add(ir::Expr::Cast(DType::Bool, missing), Type::scalar(DType::Bool));
                    self.emit(StmtKind::Assign { dst: flag, value: missing }, span);
                    c.promoted = Some(flag);
                }
            }
        }
        c
    }

    /// `values[rows]` where row -1 is missing: masked where missing (NaN too in a float
    /// column, NaT in a datetime one).
    pub(crate) fn take_with_missing(&mut self, c: Col, rows: Place, span: Span) -> Col {
        self.take_col(c, rows, true, span)
    }

    /// A column under a selection: numeric arrays and datetime ticks by array
    /// operations, strings by the runtime (a slice of one is a view of its offsets).
    pub(crate) fn select_col(&mut self, c: Col, op: RowOp, span: Span) -> Col {
        match (c.kind, op) {
            (Kind::Str { bytes }, RowOp::Slice { start, stop }) => {
                // Offsets `start..=stop` over the same bytes.
                let ty = self.place_type(c.values);
                let src = self.read(c.values);
                let (s, e) = (self.read(start), self.read(stop));
                let one = self.const_i64(1);
                let e = self.int_binary(ir::BinaryOp::Add, e, one);
                let dst = self.temp(ty);
                self.emit(StmtKind::View { dst, src, index: vec![IndexItem::Slice { start: Some(s), stop: Some(e), step: None }] }, span);
                Col { values: dst, valid: c.valid.map(|m| self.select_array(m, op, span)), kind: Kind::Str { bytes }, promoted: None, na: c.na }
            }
            (Kind::Str { .. }, RowOp::Mask(rows) | RowOp::Take(rows)) => self.take_col(c, rows, false, span),
            _ => Col { values: self.select_array(c.values, op, span), valid: c.valid.map(|m| self.select_array(m, op, span)), kind: c.kind, promoted: c.promoted, na: c.na },
        }
    }

    /// A series' values as a column (numeric ones materialised).
    pub(crate) fn series_col(&mut self, s: &Series, span: Span) -> Option<Col> {
        match s.data.clone() {
            Value::Column(c) => Some(c),
            Value::Lazy(l) => {
                let a = self.materialize(l, span);
                Some(Col::num(self.array_place(a, span)))
            }
            Value::Array(a) => Some(Col::num(self.array_place(a, span))),
            _ => None,
        }
    }

    /// A series of a column: numeric ones as arrays (which fuse), others as columns.
    pub(crate) fn col_series(&mut self, name: Option<String>, c: Col, index: super::IndexV) -> Value {
        let data = match c.kind {
            Kind::Num if c.valid.is_none() && !c.na => Value::Array(self.read(c.values)),
            _ => Value::Column(c),
        };
        Value::Series(std::rc::Rc::new(Series { name, data, index }))
    }


    /// Whether two indexes hold the same labels, where pandas' alignment by label is the
    /// identity: the same places, or equal at run time, which the program checks (a
    /// ValueError names what pandas would have done). `false`: they cannot be compared
    /// here (the caller reports it).
    pub(crate) fn same_index(&mut self, a: &super::IndexV, b: &super::IndexV, span: Span) -> bool {
        use super::IndexV;
        if a == b {
            return true;
        }
        let message = "legatec: these pandas objects have different indexes; pandas would align them by label (reordering rows and filling NaN), which legatec does not do".to_string();
        match (a, b) {
            (IndexV::Range { start: s0, stop: e0 }, IndexV::Range { start: s1, stop: e1 }) => {
                let (x, y) = (self.read(*s0), self.read(*s1));
                let ds = self.add(ir::Expr::Compare(ir::CompareOp::Ne, x, y), Type::py_bool());
                let (x, y) = (self.read(*e0), self.read(*e1));
                let de = self.add(ir::Expr::Compare(ir::CompareOp::Ne, x, y), Type::py_bool());
                let either = self.add(ir::Expr::Binary(ir::BinaryOp::BitOr, ds, de), Type::py_bool());
                self.raise_kind_if(either, "ValueError", message, span);
                true
            }
            (IndexV::Labels(la), IndexV::Labels(lb))
                if la.len() == lb.len() && la.iter().zip(lb.iter()).all(|(x, y)| x.col.kind == Kind::Num && y.col.kind == Kind::Num && x.col.valid.is_none() && y.col.valid.is_none() && self.place_type(x.col.values) == self.place_type(y.col.values)) =>
            {
                for (x, y) in la.iter().zip(lb.iter()) {
                    let (xa, ya) = (self.read(x.col.values), self.read(y.col.values));
                    let (nx, ny) = (self.add(ir::Expr::Dim(xa, 0), Type::py_int()), self.add(ir::Expr::Dim(ya, 0), Type::py_int()));
                    let dn = self.add(ir::Expr::Compare(ir::CompareOp::Ne, nx, ny), Type::py_bool());
                    self.raise_kind_if(dn, "ValueError", message.clone(), span);
                    let (xa, ya) = (self.read(x.col.values), self.read(y.col.values));
                    let eq = self.compare(crate::ast::CmpOp::Eq, Value::Array(xa), Value::Array(ya), span);
                    let eq = self.call_builtin("numpy.all", vec![(eq, span)], vec![], span);
                    let Value::Scalar(eq) = eq else { return false };
                    let ne = self.add(ir::Expr::Unary(ir::UnaryOp::Not, eq), Type::py_bool());
                    self.raise_kind_if(ne, "ValueError", message.clone(), span);
                }
                true
            }
            _ => false,
        }
    }
}
