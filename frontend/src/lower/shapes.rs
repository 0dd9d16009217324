//! Symbolic shape inference: the extent of every array place as an
//! expression over program values (`N + 2`), recorded as statements are
//! emitted. Places assigned arrays of different shapes get `?` where they
//! differ, and an extent naming a variable (`n`) becomes `?` when the variable is
//! assigned again, since it meant the old value. Execution never depends on these; partitioning and reports do.
//! An extent `E` stands for `max(E, 0)` (see [`ir::sym`]); a slice's extent
//! follows Python's clamping rules exactly, or is `?`.

use super::FnCx;
use ir::{BinaryOp, Const, Diagnostic, Expr, ExprId, IndexItem, LibraryOp, Place, ShapeSpec, Span, StmtKind, SymExpr, Type};

impl FnCx<'_, '_> {
    /// The symbolic value of an int64 host expression.
    fn sym_of(&self, e: ExprId) -> SymExpr {
        match &self.f.exprs[e] {
            Expr::Const(Const::Int(i)) => SymExpr::Const(*i),
            Expr::Read(p) if !self.place_type(*p).is_array() => SymExpr::Value(self.place_name(*p)),
            Expr::Binary(op, a, b) => {
                let (a, b) = (self.sym_of(*a), self.sym_of(*b));
                match op {
                    BinaryOp::Add => SymExpr::add(a, b),
                    BinaryOp::Sub => SymExpr::sub(a, b),
                    BinaryOp::Mul => SymExpr::mul(a, b),
                    BinaryOp::FloorDiv => SymExpr::floor_div(a, b),
                    _ => SymExpr::Unknown,
                }
            }
            Expr::Cast(_, a) => self.sym_of(*a),
            // An extent `E` stands for `max(E, 0)`: as a value it is `E` only if never negative.
            Expr::Dim(a, d) => match self.shape_of(*a).and_then(|s| s.get(*d).cloned()) {
                Some(extent) if extent.is_never_negative() => extent,
                _ => SymExpr::Unknown,
            },
            _ => SymExpr::Unknown,
        }
    }

    /// The symbolic extent an allocation's dimension `e` gives. Like [`Self::sym_of`], and
    /// since an extent `E` stands for `max(E, 0)`, `max(E, 0)` is `E`; `np.arange`'s length
    /// with integer bounds and a step of 1, `ceil((stop - start) / 1.0)` in float64, is
    /// `stop - start` (exact below 2**53, which bounds every allocatable extent).
    fn extent_of(&self, e: ExprId) -> SymExpr {
        match &self.f.exprs[e] {
            Expr::Binary(BinaryOp::Max, a, b) if self.int_valued(*b) == Some(SymExpr::Const(0)) => self.extent_of(*a),
            Expr::Cast(ir::DType::I64, a) => self.extent_of(*a),
            _ if self.f.expr_type(e).dtype().is_some_and(|d| d.is_float()) => self.int_valued(e).unwrap_or(SymExpr::Unknown),
            _ => self.sym_of(e),
        }
    }

    /// A float64 host expression whose value is an integer expression (exactly, below 2**53).
    fn int_valued(&self, e: ExprId) -> Option<SymExpr> {
        let known = |s: SymExpr| (!matches!(s, SymExpr::Unknown)).then_some(s);
        match &self.f.exprs[e] {
            Expr::Const(Const::Float(f)) if f.fract() == 0.0 && f.abs() < 9_007_199_254_740_992.0 => Some(SymExpr::Const(*f as i64)),
            Expr::Const(Const::Int(i)) => Some(SymExpr::Const(*i)),
            Expr::Cast(_, a) if self.f.expr_type(*a).dtype().is_some_and(|d| d.is_int()) => known(self.sym_of(*a)),
            Expr::Cast(_, a) => self.int_valued(*a),
            Expr::Binary(BinaryOp::Sub, a, b) => Some(SymExpr::sub(self.int_valued(*a)?, self.int_valued(*b)?)),
            Expr::Binary(BinaryOp::Add, a, b) => Some(SymExpr::add(self.int_valued(*a)?, self.int_valued(*b)?)),
            Expr::Binary(BinaryOp::TrueDiv, a, b) if self.int_valued(*b) == Some(SymExpr::Const(1)) => self.int_valued(*a),
            Expr::Math(ir::MathFn::Ceil | ir::MathFn::Floor, args) if args.len() == 1 => self.int_valued(args[0]),
            _ => None,
        }
    }

    fn place_name(&self, p: Place) -> String {
        match p {
            Place::Local(v) => self.f.locals[v].name.clone(),
            Place::Global(g) => self.cx.module.globals[g].name.clone(),
        }
    }

    /// The recorded shape of an array read.
    fn shape_of(&self, e: ExprId) -> Option<Vec<SymExpr>> {
        match &self.f.exprs[e] {
            Expr::Read(p) => self.sym_shapes.get(p).cloned(),
            _ => None,
        }
    }

    fn unknown_shape(&self, p: Place) -> Vec<SymExpr> {
        match self.place_type(p) {
            Type::Array { ndim, .. } => vec![SymExpr::Unknown; ndim],
            _ => vec![],
        }
    }

    /// Updates the shape table for a statement about to be emitted.
    pub(crate) fn track_shapes(&mut self, kind: &StmtKind) {
        // A scalar written now: extents that name it meant its old value.
        let written: &[Place] = match kind {
            StmtKind::Assign { dst, .. } | StmtKind::For { var: dst, .. } => std::slice::from_ref(dst),
            StmtKind::Runtime { dst: Some(dst), .. } | StmtKind::Launch { result: Some(dst), .. } => std::slice::from_ref(dst),
            StmtKind::Call { results, .. } => results,
            _ => &[],
        };
        for p in written {
            if !self.place_type(*p).is_array() {
                let name = self.place_name(*p);
                for shape in self.sym_shapes.values_mut() {
                    for extent in shape.iter_mut() {
                        if mentions(extent, &name) {
                            *extent = SymExpr::Unknown;
                        }
                    }
                }
            }
        }
        let (dst, shape) = match kind {
            StmtKind::Assign { dst, value } if self.place_type(*dst).is_array() => {
                (*dst, self.shape_of(*value).unwrap_or_else(|| self.unknown_shape(*dst)))
            }
            StmtKind::Alloc { dst, shape, .. } => {
                let s = match shape {
                    ShapeSpec::Dims(d) => d.iter().map(|e| self.extent_of(*e)).collect(),
                    ShapeSpec::Broadcast { arrays, .. } => self.broadcast(arrays, *dst),
                    ShapeSpec::Reduced { array, axis } => {
                        let mut s = self.shape_of(*array).unwrap_or_else(|| self.unknown_shape(*dst));
                        if *axis < s.len() {
                            s.remove(*axis);
                        }
                        s
                    }
                };
                (*dst, s)
            }
            StmtKind::View { dst, src, index } => (*dst, self.view_shape(*src, index, *dst)),
            StmtKind::Library { op, dst, args } => {
                let s = match op {
                    LibraryOp::Copy => self.shape_of(args[0]),
                    LibraryOp::MatMul { stacked } => {
                        let (a, b) = (self.shape_of(args[0]), self.shape_of(args[1]));
                        match (a, b) {
                            // np.dot's rule (matmul's too for 1-D and 2-D operands).
                            (Some(a), Some(b)) if !a.is_empty() && !b.is_empty() && (!stacked || (a.len() <= 2 && b.len() <= 2)) => {
                                let mut s = a[..a.len() - 1].to_vec();
                                if b.len() >= 2 {
                                    s.extend_from_slice(&b[..b.len() - 2]);
                                    s.push(b[b.len() - 1].clone());
                                }
                                Some(s)
                            }
                            // Stacks: known where the batch axes are the same on both sides.
                            (Some(a), Some(b)) if a.len() > 2 && a.len() == b.len() && a[..a.len() - 2] == b[..b.len() - 2] => {
                                let mut s = a[..a.len() - 1].to_vec();
                                s.push(b[b.len() - 1].clone());
                                Some(s)
                            }
                            _ => None,
                        }
                    }
                    // The diagonal of a square matrix (rows and columns the same expression),
                    // offset by k: rows - |k| (an extent below 0 is read as 0).
                    LibraryOp::Diagonal { k } => match self.shape_of(args[0]).as_deref() {
                        Some([r, c]) if r == c && r.is_known() => Some(vec![if *k == 0 {
                            r.clone()
                        } else {
                            SymExpr::Sub(Box::new(r.clone()), Box::new(SymExpr::Const(k.saturating_abs())))
                        }]),
                        _ => None,
                    },
                    _ => None,
                };
                (*dst, s.unwrap_or_else(|| self.unknown_shape(*dst)))
            }
            // `a.T` (an empty list of axes) reverses the shape.
            StmtKind::Runtime { func: ir::EntryPoint::ArrayTranspose, args, dst: Some(dst) }
                if args.len() == 2 && self.shape_of(args[1]) == Some(vec![SymExpr::Const(0)]) =>
            {
                let mut shape = self.shape_of(args[0]).unwrap_or_else(|| self.unknown_shape(*dst));
                shape.reverse();
                (*dst, shape)
            }
            StmtKind::Runtime { dst: Some(dst), .. } if self.place_type(*dst).is_array() => (*dst, self.unknown_shape(*dst)),
            _ => return,
        };
        let joined = match self.sym_shapes.get(&dst) {
            Some(old) if old.len() == shape.len() => {
                old.iter().zip(&shape).map(|(a, b)| if a == b { a.clone() } else { SymExpr::Unknown }).collect()
            }
            _ => shape,
        };
        self.sym_shapes.insert(dst, joined);
    }

    fn broadcast(&self, arrays: &[ExprId], dst: Place) -> Vec<SymExpr> {
        let rank = self.unknown_shape(dst).len();
        let shapes: Vec<Vec<SymExpr>> = arrays.iter().map(|a| self.shape_of(*a).unwrap_or_default()).collect();
        (0..rank)
            .map(|d| {
                // Right-aligned: dimension d of the result is dimension d - (rank - len) of each operand.
                let mut out: Option<SymExpr> = None;
                for (s, a) in shapes.iter().zip(arrays) {
                    let len = match self.f.expr_type(*a) {
                        Type::Array { ndim, .. } => *ndim,
                        _ => 0,
                    };
                    if d + len < rank {
                        continue;
                    }
                    let dim = s.get(d + len - rank).cloned().unwrap_or(SymExpr::Unknown);
                    if dim == SymExpr::Const(1) {
                        continue;
                    }
                    out = Some(match out {
                        None => dim,
                        Some(o) if o == dim => o,
                        Some(_) => SymExpr::Unknown,
                    });
                }
                out.unwrap_or(SymExpr::Const(1))
            })
            .collect()
    }

    fn view_shape(&self, src: ExprId, index: &[IndexItem], dst: Place) -> Vec<SymExpr> {
        let Some(shape) = self.shape_of(src) else { return self.unknown_shape(dst) };
        let mut out = Vec::new();
        let mut d = 0;
        for item in index {
            match item {
                IndexItem::NewAxis => out.push(SymExpr::Const(1)),
                IndexItem::Index(_) => d += 1,
                IndexItem::Slice { start, stop, step } => {
                    let n = shape.get(d).cloned().unwrap_or(SymExpr::Unknown);
                    d += 1;
                    out.push(self.slice_extent(&n, *start, *stop, *step));
                }
            }
        }
        out.extend(shape.into_iter().skip(d));
        out
    }

    /// The extent of `start:stop:step` over an axis of extent `n` (Python's clamping
    /// rules, see [`ir::sym::slice_extent`]); bounds must fold to constants, else `?`.
    fn slice_extent(&self, n: &SymExpr, start: Option<ExprId>, stop: Option<ExprId>, step: Option<ExprId>) -> SymExpr {
        let constant = |e: Option<ExprId>| match e.map(|e| self.sym_of(e)) {
            None => Some(None),
            Some(SymExpr::Const(c)) => Some(Some(c)),
            Some(_) => None,
        };
        match (constant(start), constant(stop), constant(step)) {
            (Some(start), Some(stop), Some(step)) => ir::sym::slice_extent(n, start, stop, step.unwrap_or(1)),
            _ => SymExpr::Unknown,
        }
    }

    /// Copies the shapes of named places into the function's side table.
    pub(crate) fn publish_shapes(&mut self) {
        let entries: Vec<(Place, Vec<SymExpr>)> = self.sym_shapes.iter().map(|(p, s)| (*p, s.clone())).collect();
        for (p, s) in entries {
            match p {
                Place::Local(v) => self.f.shapes.insert(v, s),
                Place::Global(g) => self.cx.module.global_shapes.insert(g, s),
            }
        }
    }

    /// The symbolic shape of a numeric value (scalars are 0-d), where known.
    pub(crate) fn value_shape(&self, v: &super::Value) -> Option<Vec<SymExpr>> {
        use super::Value;
        match v {
            Value::Scalar(_) => Some(vec![]),
            Value::Array(e) => self.shape_of(*e),
            Value::Lazy(l) => {
                let mut leaves = Vec::new();
                super::lazy::collect_array_places(&l.node, &mut leaves);
                let shapes: Option<Vec<Vec<SymExpr>>> = leaves.iter().map(|p| self.sym_shapes.get(p).cloned()).collect();
                let mut out: Vec<SymExpr> = vec![];
                for s in shapes? {
                    out = broadcast_known(&out, &s).unwrap_or_else(|| vec![SymExpr::Unknown; out.len().max(s.len())]);
                }
                Some(out)
            }
            _ => None,
        }
    }

    /// Reports operands whose shapes are known at compile time not to broadcast
    /// (constant extents that differ, neither 1). Returns false if reported.
    pub(crate) fn check_broadcast(&mut self, l: &super::Value, lspan: Span, r: &super::Value, rspan: Span, _span: Span) -> bool {
        let (Some(a), Some(b)) = (self.value_shape(l), self.value_shape(r)) else { return true };
        if broadcast_known(&a, &b).is_some() {
            return true;
        }
        let (ta, tb) = (shape_text(&a), shape_text(&b));
        self.error(
            Diagnostic::error("shape-mismatch", lspan, format!("operands could not be broadcast together with shapes {ta} {tb}"))
                .with_label(lspan, format!("this has shape {ta}"))
                .with_label(rspan, format!("this has shape {tb}"))
                .with_hint("extents must be equal or 1 in each dimension, counted from the right; check the slice bounds"),
        );
        false
    }
}

impl FnCx<'_, '_> {
    /// The shape of a reshape's result: its dimensions as given (a `-1` one unknown), once
    /// the runtime accepted them (it raises NumPy's ValueError for a size that differs).
    pub(crate) fn note_reshaped(&mut self, result: ExprId, dims: &[ExprId]) {
        let Expr::Read(p) = self.f.exprs[result] else { return };
        let shape = dims
            .iter()
            .map(|&d| match self.sym_of(d) {
                SymExpr::Const(k) if k < 0 => SymExpr::Unknown,
                s if s.is_never_negative() => s,
                _ => SymExpr::Unknown,
            })
            .collect();
        self.sym_shapes.insert(p, shape);
    }

    /// Reports a ufunc's output array whose shape is known when compiling not to be the
    /// broadcast shape of the inputs and itself (NumPy broadcasts the inputs to `out`,
    /// never `out` to them), with NumPy's messages. Returns false if reported.
    pub(crate) fn check_out_shape(&mut self, value: &super::Value, out: ExprId, span: Span) -> bool {
        let (Some(v), Some(o)) = (self.value_shape(value), self.shape_of(out)) else { return true };
        let message = match broadcast_known(&v, &o) {
            None => format!("operands could not be broadcast together with shapes {} {}", shape_text(&v), shape_text(&o)),
            Some(b) => {
                let known_to_differ = b.len() != o.len() || b.iter().zip(&o).any(|(x, y)| matches!((x, y), (SymExpr::Const(p), SymExpr::Const(q)) if p != q));
                if !known_to_differ {
                    return true;
                }
                format!("non-broadcastable output operand with shape {} doesn't match the broadcast shape {}", shape_text(&o).replace(' ', ""), shape_text(&b).replace(' ', ""))
            }
        };
        self.error(Diagnostic::error("shape-mismatch", span, message).with_hint("the inputs of a ufunc broadcast to the shape of `out`; pass an `out` of the result's shape"));
        false
    }
}

/// Whether `e` names the program value `name`.
fn mentions(e: &SymExpr, name: &str) -> bool {
    match e {
        SymExpr::Value(v) => v == name,
        SymExpr::Add(a, b) | SymExpr::Sub(a, b) | SymExpr::Mul(a, b) | SymExpr::FloorDiv(a, b) => mentions(a, name) || mentions(b, name),
        SymExpr::Const(_) | SymExpr::Unknown => false,
    }
}

/// Python's tuple text of a symbolic shape: `(3,)`, `(N, 4)`.
pub(crate) fn shape_text(s: &[SymExpr]) -> String {
    match s {
        [one] => format!("({one},)"),
        _ => format!("({})", s.iter().map(|d| d.to_string()).collect::<Vec<_>>().join(", ")),
    }
}

/// The broadcast of two symbolic shapes; `None` only when two extents are
/// constants that differ and neither is 1 (known to fail at run time).
fn broadcast_known(a: &[SymExpr], b: &[SymExpr]) -> Option<Vec<SymExpr>> {
    let rank = a.len().max(b.len());
    let mut out = Vec::with_capacity(rank);
    for d in 0..rank {
        let x = (d + a.len()).checked_sub(rank).map(|i| a[i].clone());
        let y = (d + b.len()).checked_sub(rank).map(|i| b[i].clone());
        out.push(match (x, y) {
            (Some(x), None) | (None, Some(x)) => x,
            (Some(x), Some(y)) => match (&x, &y) {
                (SymExpr::Const(1), _) => y,
                (_, SymExpr::Const(1)) => x,
                (SymExpr::Const(p), SymExpr::Const(q)) if p != q => return None,
                _ if x == y => x,
                _ => SymExpr::Unknown,
            },
            (None, None) => unreachable!(),
        });
    }
    Some(out)
}
