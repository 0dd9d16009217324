//! Shape manipulation and the functions built from whole-array pieces:
//! `reshape`, `ravel`, `flatten`, `transpose`/`.T`, `concatenate`, `stack`,
//! `vstack`, `hstack`, `roll`, `outer`, `tril`, `triu`, `trace`,
//! `count_nonzero`, `var`, `std`, `fromfunction`, `flip`/`fliplr`/`flipud`, `expand_dims`
//! and `diff`.
//!
//! Views that need the runtime's layout logic (`reshape`, `transpose`) are
//! `Runtime` calls; everything else is allocations, basic-indexing views and
//! fused kernels, which later passes understand.

use std::rc::Rc;

use super::lazy::{LNode, Lazy};
use super::{FnCx, Value};
use crate::diagnostics as diag;
use ir::{BinaryOp, CompareOp, Const, DType, Expr, ExprId, IndexItem, LibraryOp, ShapeSpec, Span, StmtKind, Type};
use runtime_abi::EntryPoint;

type Args = Vec<(Value, Span)>;
type Kwargs = Vec<(String, Value, Span)>;

/// The functions of this module (`np.<name>`).
pub(crate) const SHAPE_NAMES: &[&str] = &[
    "reshape", "ravel", "transpose", "concatenate", "append", "stack", "vstack", "hstack", "roll", "outer", "tril", "triu",
    "trace", "count_nonzero", "var", "std", "fromfunction", "swapaxes", "atleast_1d", "column_stack", "flip", "fliplr",
    "flipud", "expand_dims", "diff", "average", "inner", "squeeze", "meshgrid", "tile", "repeat", "moveaxis", "split",
    "array_split", "pad", "nonzero", "argwhere", "flatnonzero", "einsum", "unravel_index",
    "tensordot", "kron", "vdot", "block",
];

/// Array methods of this module (`a.<name>(...)`).
pub(crate) const SHAPE_METHODS: &[&str] = &["reshape", "ravel", "flatten", "transpose", "var", "std", "trace", "clip", "round", "swapaxes", "squeeze", "repeat"];


/// A piece of a message made when running (`FnCx::raise_text_if`).
pub(crate) enum Piece<'a> {
    Text(&'a str),
    Value(ExprId),
}

impl FnCx<'_, '_> {
    /// A new 1-D int64 array holding `values` (shapes and axes for the runtime).
    pub(crate) fn int_list(&mut self, values: &[ExprId], span: Span) -> ExprId {
        let tmp = self.temp(Type::array(DType::I64, 1));
        let n = self.const_i64(values.len() as i64);
        self.emit(StmtKind::Alloc { dst: tmp, dtype: DType::I64, shape: ShapeSpec::Dims(vec![n]) }, span);
        for (i, v) in values.iter().enumerate() {
            let array = self.read(tmp);
            let index = self.const_i64(i as i64);
            let value = self.cast_scalar(*v, DType::I64);
            self.emit(StmtKind::SetItem { array, indices: vec![index], value }, span);
        }
        self.read(tmp)
    }

    fn dims_of(&mut self, a: ExprId) -> Vec<ExprId> {
        let Type::Array { ndim, .. } = self.expr_type(a) else { return vec![] };
        (0..ndim).map(|d| self.add(Expr::Dim(a, d), Type::py_int())).collect()
    }

    pub(crate) fn int_binary(&mut self, op: BinaryOp, a: ExprId, b: ExprId) -> ExprId {
        self.add(Expr::Binary(op, a, b), Type::py_int())
    }

    /// `np.repeat(a, counts, axis)` with a count per element (or one, broadcast): element
    /// `j` of the result along the axis is element `searchsorted(cumsum(counts), j, 'right')`
    /// of `a`, for `j` below `sum(counts)`.
    fn repeat_counts(&mut self, a: ExprId, axis: usize, counts: Value, cspan: Span, span: Span) -> Value {
        let fname = "np.repeat";
        let counts = match counts {
            list @ Value::Tuple(_) => self.array_literal(list, None, cspan),
            other => other,
        };
        let Some(c) = self.array_arg(counts, cspan, fname) else { return Value::Error };
        let Type::Array { dtype: cd, ndim: cn } = self.expr_type(c) else { return Value::Error };
        if !(cd.is_int() || cd == DType::Bool) || cn > 1 {
            self.error(diag::type_error(cspan, "`np.repeat`'s counts must be integers, one per element along the axis", "pass an int or a 1-D integer array"));
            return Value::Error;
        }
        let n = self.add(Expr::Dim(a, axis), Type::py_int());
        if cn == 1 {
            // NumPy broadcasts the counts against the axis: one count, or one per element.
            let m = self.add(Expr::Dim(c, 0), Type::py_int());
            let one = self.int_const(1);
            let (not_one, other) = (self.ne(m, one), self.ne(m, n));
            let bad = self.add(Expr::Logical(ir::LogicalOp::And, not_one, other), Type::py_bool());
            let pieces = [Piece::Text("operands could not be broadcast together with shape ("), Piece::Value(n), Piece::Text(",) ("), Piece::Value(m), Piece::Text(",)")];
            self.raise_text_if(bad, runtime_abi::ERR_VALUE, &pieces, span);
        }
        let n = Value::Scalar(n);
        let c = self.call_method(Value::Array(c), "astype", vec![(Value::DType(DType::I64), span)], vec![], span);
        let c = self.np("broadcast_to", vec![c, Value::Tuple(vec![n].into())], vec![], span);
        let c = self.stabilize(c, span);
        let zero = self.int_v(0);
        let below = self.compare(crate::ast::CmpOp::Lt, c.clone(), zero, span);
        if let Value::Scalar(any) = self.np("any", vec![below], vec![], span) {
            let any = self.cast_scalar(any, DType::Bool);
            self.raise_kind_if(any, "ValueError", "repeats may not contain negative values.".to_string(), span);
        }
        let ends = self.np("cumsum", vec![c.clone()], vec![], span);
        let total = self.np("sum", vec![c], vec![], span);
        let positions = self.np("arange", vec![total], vec![], span);
        let side = Value::Str(self.str_const("right"));
        let source = self.np("searchsorted", vec![ends, positions], vec![("side", side)], span);
        let axis_value = self.int_v(axis as i64);
        self.np("take", vec![Value::Array(a), source], vec![("axis", axis_value)], span)
    }

    /// `np.average(a, axis, weights)` along axes, as NumPy writes it: weights of `a`'s shape,
    /// or 1-D along one axis (reshaped to lie along it); `sum(a * w, axis) / sum(w, axis)` in
    /// the result type of `a`, the weights and float64 for integers (ZeroDivisionError where
    /// a sum of weights is 0).
    fn weighted_average_along(&mut self, a: Value, aspan: Span, w: Value, wspan: Span, axis: (Value, Span), span: Span) -> Value {
        let fname = "np.average";
        let (Some(a), Some(w)) = (self.array_arg(a, aspan, fname), self.array_arg(w, wspan, fname)) else { return Value::Error };
        let (Type::Array { dtype: ad, ndim: an }, Type::Array { dtype: wd, ndim: wn }) = (self.expr_type(a), self.expr_type(w)) else { return Value::Error };
        let Some(axes) = self.axes_arg(Some(axis.clone()), an, "duplicate value in 'axis'") else { return Value::Error };
        let common = super::promote::result_dtype((ad, false), (wd, false));
        let dtype = if ad.is_int() || ad == DType::Bool { super::promote::result_dtype((common, false), (DType::F64, false)) } else { common };
        if dtype.is_complex() {
            self.error(diag::unsupported_dtype(wspan, "the operands of `np.average` with `axis=`", dtype.numpy_name(), "average real values"));
            return Value::Error;
        }
        let w = if wn == an {
            for d in 0..an {
                let (x, y) = (self.add(Expr::Dim(a, d), Type::py_int()), self.add(Expr::Dim(w, d), Type::py_int()));
                let differ = self.ne(x, y);
                self.raise_kind_if(differ, "ValueError", "Shape of weights must be consistent with shape of a along specified axis.".to_string(), span);
            }
            Value::Array(w)
        } else if wn == 1 && axes.len() == 1 {
            // 1-D weights along the one axis: `w.reshape(1, ..., n, ..., 1)`.
            let along = self.add(Expr::Dim(a, axes[0]), Type::py_int());
            let n = self.add(Expr::Dim(w, 0), Type::py_int());
            let differ = self.ne(along, n);
            self.raise_kind_if(differ, "ValueError", "Shape of weights must be consistent with shape of a along specified axis.".to_string(), span);
            let dims: Vec<ExprId> = (0..an).map(|d| if d == axes[0] { n } else { self.const_i64(1) }).collect();
            self.reshape(w, &dims, span)
        } else {
            self.error(diag::unsupported_call(wspan, "np.average with weights of another rank than `a` along several axes", None).with_hint("pass weights of the shape of `a`"));
            return Value::Error;
        };
        let axis_value = Value::Tuple(axes.iter().map(|&d| Value::Scalar(self.const_i64(d as i64))).collect::<Vec<_>>().into());
        let wf = self.call_method(w, "astype", vec![(Value::DType(dtype), span)], vec![], span);
        let wf = self.stabilize(wf, span);
        let scl = self.call_method(wf.clone(), "sum", vec![], vec![("axis".to_string(), axis_value.clone(), span)], span);
        let scl = self.stabilize(scl, span);
        let zero = Value::Scalar(self.add(Expr::Const(Const::Float(0.0)), Type::py_float()));
        let at_zero = self.compare(crate::ast::CmpOp::Eq, scl.clone(), zero, span);
        if let Value::Scalar(any) = self.np("any", vec![at_zero], vec![], span) {
            let any = self.cast_scalar(any, DType::Bool);
            self.raise_kind_if(any, "ZeroDivisionError", "Weights sum to zero, can't be normalized".to_string(), span);
        }
        let af = self.call_method(Value::Array(a), "astype", vec![(Value::DType(dtype), span)], vec![], span);
        let product = self.binary(crate::ast::BinOp::Mul, af, wf, span);
        let total = self.call_method(product, "sum", vec![], vec![("axis".to_string(), axis_value, span)], span);
        self.binary(crate::ast::BinOp::Div, total, scl, span)
    }

    /// `a.reshape(dims)`: a view (or a view of a copy), rank known at compile time.
    pub(crate) fn reshape(&mut self, a: ExprId, dims: &[ExprId], span: Span) -> Value {
        self.reshape_as(a, dims, false, span)
    }

    /// `a.reshape(dims)`, or with `in_place` the view `a.shape = dims` makes of `a`
    /// (AttributeError where that would need a copy).
    pub(crate) fn reshape_as(&mut self, a: ExprId, dims: &[ExprId], in_place: bool, span: Span) -> Value {
        let Type::Array { dtype, .. } = self.expr_type(a) else { return Value::Error };
        let shape = self.int_list(dims, span);
        let flag = self.const_i64(i64::from(in_place));
        let r = self.runtime_call(EntryPoint::ArrayReshape, vec![a, shape, flag], Some(Type::array(dtype, dims.len())), span).expect("result");
        self.note_reshaped(r, dims);
        Value::Array(r)
    }

    pub(crate) fn transpose(&mut self, a: ExprId, axes: &[i64], span: Span) -> Value {
        let Type::Array { dtype, ndim } = self.expr_type(a) else { return Value::Error };
        if ndim < 2 && axes.is_empty() {
            return Value::Array(a);
        }
        let axes: Vec<ExprId> = axes.iter().map(|x| self.const_i64(*x)).collect();
        let list = self.int_list(&axes, span);
        let r = self.runtime_call(EntryPoint::ArrayTranspose, vec![a, list], Some(Type::array(dtype, ndim)), span);
        Value::Array(r.expect("result"))
    }

    /// `a.T`.
    pub(crate) fn transposed(&mut self, a: ExprId, span: Span) -> Value {
        self.transpose(a, &[], span)
    }

    /// A shape given as one tuple or as several ints (`a.reshape(2, 3)`).
    fn shape_args(&mut self, args: Args, span: Span) -> Option<Vec<ExprId>> {
        if args.len() == 1 {
            let (v, vspan) = args.into_iter().next().expect("one");
            return self.shape_arg(v, vspan);
        }
        if args.is_empty() {
            self.error(diag::bad_arguments(span, "a shape is required"));
            return None;
        }
        args.into_iter().map(|(v, s)| self.shape_extent(v, true, s)).collect()
    }

    /// `np.stack(a)`, `np.vstack(a)`, `np.hstack(a)`, `np.concatenate(a)` of an array `a`:
    /// NumPy joins its rows (the items along its first axis), into a new array.
    fn join_rows(&mut self, name: &str, a: ExprId, axis_v: Option<(Value, Span)>, aspan: Span, span: Span) -> Value {
        let Type::Array { ndim, .. } = self.expr_type(a) else { return Value::Error };
        let axis = match (name, axis_v) {
            ("concatenate", Some((Value::None, _))) => None,
            (_, axis_v) => match self.const_int(axis_v, 0, "axis") {
                Some(x) => Some(x),
                None => return Value::Error,
            },
        };
        let dim = |fx: &mut Self, d: usize| fx.add(Expr::Dim(a, d), Type::py_int());
        // No rows: NumPy's error (the joins need at least one array).
        if ndim > 0 {
            let rows = dim(self, 0);
            let zero = self.const_i64(0);
            let none = self.add(Expr::Compare(CompareOp::Eq, rows, zero), Type::scalar(DType::Bool));
            let what = if name == "stack" { "stack" } else { "concatenate" };
            self.raise_kind_if(none, "ValueError", format!("need at least one array to {what}"), span);
        }
        let joined = match (name, axis, ndim) {
            ("stack", Some(0), _) | ("vstack", _, 2) => Value::Array(a),
            // The rows' axis moved to `k`.
            ("stack", Some(k), n) if k >= -(n as i64) && k < n as i64 => {
                let (from, to) = (Value::Scalar(self.int_const(0)), Value::Scalar(self.int_const(k)));
                self.call_builtin("numpy.moveaxis", vec![(Value::Array(a), span), (from, span), (to, span)], vec![], span)
            }
            ("concatenate", Some(0), n) | ("vstack", _, n) if n >= 2 => {
                // The first two axes merged.
                let (d0, d1) = (dim(self, 0), dim(self, 1));
                let mut dims = vec![self.int_binary(BinaryOp::Mul, d0, d1)];
                for d in 2..n {
                    dims.push(dim(self, d));
                }
                self.reshape(a, &dims, span)
            }
            ("concatenate", None, _) | ("hstack", _, 2) => self.call_shape_method(Value::Array(a), "ravel", vec![], vec![], span),
            _ => {
                self.error(
                    diag::unsupported_call(aspan, &format!("np.{name} of an array's rows here"), None)
                        .with_hint("join a tuple of arrays, or stack the rows along axis 0"),
                );
                return Value::Error;
            }
        };
        // A new array, as NumPy's joins make.
        self.call_builtin("numpy.array", vec![(joined, span)], vec![], span)
    }

    /// A tuple or list of arrays (`np.concatenate((a, b))`).
    fn array_sequence(&mut self, v: Value, vspan: Span, fname: &str) -> Option<Vec<ExprId>> {
        let Value::Tuple(items) = v else {
            if !matches!(v, Value::Error) {
                let what = self.describe_value(&v);
                self.error(diag::type_error(vspan, format!("`{fname}` takes a tuple or list of arrays, found {what}"), "write `(a, b)`"));
            }
            return None;
        };
        if items.is_empty() {
            self.error(diag::bad_arguments(vspan, "need at least one array to concatenate"));
            return None;
        }
        let mut out = Vec::new();
        for item in items {
            let a = match item {
                // A scalar joins as a 0-d array.
                Value::Scalar(_) => self.zero_d_array(item, vspan)?,
                // A list or tuple inside joins as the array NumPy makes of it.
                Value::Tuple(_) => match self.array_literal(item, None, vspan) {
                    Value::Array(a) => a,
                    _ => return None,
                },
                other => self.array_arg(other, vspan, fname)?,
            };
            out.push(a);
        }
        Some(out)
    }

    /// A scalar as a new 0-d array (of the scalar's dtype).
    pub(crate) fn zero_d_array(&mut self, scalar: Value, span: Span) -> Option<ExprId> {
        let (n, _) = self.as_node(&scalar)?;
        let tmp = self.temp(Type::array(n.dtype(), 0));
        self.emit(StmtKind::Alloc { dst: tmp, dtype: n.dtype(), shape: ShapeSpec::Dims(vec![]) }, span);
        let dst = self.read(tmp);
        self.store_into(dst, n.dtype(), 0, scalar, span);
        Some(self.read(tmp))
    }

    /// Emits `if cond: raise ValueError(message)`.
    fn raise_if(&mut self, cond: ExprId, message: String, span: Span) {
        self.raise_kind_if(cond, "ValueError", message, span);
    }

    /// Emits `if cond: raise <kind>(message)`.
    pub(crate) fn raise_kind_if(&mut self, cond: ExprId, kind: &str, message: String, span: Span) {
        let then_body = self.block(|fx| fx.emit(StmtKind::Raise { kind: kind.into(), message }, span));
        self.emit(StmtKind::If { cond, then_body, else_body: vec![] }, span);
    }

    /// Emits `if cond: raise <code>(message)`, the message made of text and of values known
    /// only when running (`str()` of each).
    pub(crate) fn raise_text_if(&mut self, cond: ExprId, code: i64, pieces: &[Piece], span: Span) {
        let raise = self.block(|fx| {
            let parts = pieces
                .iter()
                .map(|p| match p {
                    Piece::Text(t) => fx.str_const(t),
                    Piece::Value(e) => fx.add(Expr::Format(*e, String::new()), Type::Str),
                })
                .collect();
            let message = fx.add(Expr::Concat(parts), Type::Str);
            let kind = fx.const_i64(code);
            fx.emit(StmtKind::Runtime { func: runtime_abi::EntryPoint::Raise, args: vec![kind, message], dst: None }, span);
        });
        self.emit(StmtKind::If { cond, then_body: raise, else_body: vec![] }, span);
    }

    /// NumPy's ValueError where arrays joined along an axis differ in another one (`d`):
    /// the array at index `at` has `size` where the first has `first`.
    fn raise_joined_sizes(&mut self, bad: ExprId, d: usize, first: ExprId, at: ExprId, size: ExprId, span: Span) {
        let head = format!("all the input array dimensions except for the concatenation axis must match exactly, but along dimension {d}, the array at index 0 has size ");
        let pieces = [Piece::Text(&head), Piece::Value(first), Piece::Text(" and the array at index "), Piece::Value(at), Piece::Text(" has size "), Piece::Value(size)];
        self.raise_text_if(bad, runtime_abi::ERR_VALUE, &pieces, span);
    }

    fn ne(&mut self, a: ExprId, b: ExprId) -> ExprId {
        self.add(Expr::Compare(CompareOp::Ne, a, b), Type::py_bool())
    }

    /// `dst[.., start:stop, ..]` (a slice along `axis`, full elsewhere).
    fn slab(&mut self, a: ExprId, axis: usize, start: Option<ExprId>, stop: Option<ExprId>, span: Span) -> ExprId {
        let mut index = vec![IndexItem::Slice { start: None, stop: None, step: None }; axis];
        index.push(IndexItem::Slice { start, stop, step: None });
        self.basic_view(a, index, span)
    }

    /// Copies `src` into the view `dst` (converting the dtype).
    fn copy_into(&mut self, dst: ExprId, src: ExprId, span: Span) {
        let Type::Array { dtype, ndim } = self.expr_type(dst) else { return };
        self.store_into(dst, dtype, ndim, Value::Array(src), span);
    }

    /// The axis arrays of `ndim` dimensions join along (`None`: 0, of the flattened arrays),
    /// or a located error.
    fn join_axis(&mut self, ndim: usize, axis: Option<i64>, span: Span) -> Option<usize> {
        if ndim == 0 {
            self.error(diag::shape_error(span, "zero-dimensional arrays cannot be concatenated"));
            return None;
        }
        let axis = axis.unwrap_or(0);
        if axis < -(ndim as i64) || axis >= ndim as i64 {
            self.error(diag::shape_error(span, format!("axis {axis} is out of bounds for array of dimension {ndim}")));
            return None;
        }
        Some(axis.rem_euclid(ndim as i64) as usize)
    }

    /// `np.concatenate(xs, axis)` of a runtime list of arrays (of one dtype and dimension,
    /// any lengths along the axis; `None`: each raveled): the lengths summed in one loop,
    /// then each array copied into its slab.
    fn concat_list(&mut self, l: ExprId, axis: Option<i64>, fname: &str, span: Span) -> Value {
        let Type::Array { dtype, ndim } = self.list_item_type(l) else { return Value::Error };
        let ndim = if axis.is_none() { 1 } else { ndim };
        let Some(axis) = self.join_axis(ndim, axis, span) else { return Value::Error };
        let flat = ndim == 1;
        let part = |fx: &mut Self, k: ExprId| -> Option<ExprId> {
            let Value::Array(a) = fx.list_get(l, k, span) else { return None };
            match (flat, fx.expr_type(a)) {
                (true, Type::Array { ndim: n, .. }) if n != 1 => {
                    let minus_one = fx.const_i64(-1);
                    match fx.reshape(a, &[minus_one], span) {
                        Value::Array(e) => Some(e),
                        _ => None,
                    }
                }
                _ => Some(a),
            }
        };
        let n = self.list_len(l, span);
        let zero = self.const_i64(0);
        let none = self.add(Expr::Compare(CompareOp::Eq, n, zero), Type::py_bool());
        self.raise_if(none, "need at least one array to concatenate".into(), span);
        let Some(first) = part(self, zero) else { return Value::Error };
        let first_dims: Vec<ExprId> = (0..ndim)
            .map(|d| {
                let held = self.temp(Type::py_int());
                let e = self.add(Expr::Dim(first, d), Type::py_int());
                self.emit(StmtKind::Assign { dst: held, value: e }, span);
                self.read(held)
            })
            .collect();
        let total = self.temp(Type::py_int());
        self.emit(StmtKind::Assign { dst: total, value: first_dims[axis] }, span);
        let k = self.temp(Type::py_int());
        let one = self.const_i64(1);
        let body = self.block(|fx| {
            let at = fx.read(k);
            let Some(p) = part(fx, at) else { return };
            for d in (0..ndim).filter(|d| *d != axis) {
                let size = fx.add(Expr::Dim(p, d), Type::py_int());
                let bad = fx.ne(size, first_dims[d]);
                fx.raise_joined_sizes(bad, d, first_dims[d], at, size, span);
            }
            let size = fx.add(Expr::Dim(p, axis), Type::py_int());
            let sum = fx.read(total);
            let sum = fx.int_binary(BinaryOp::Add, sum, size);
            fx.emit(StmtKind::Assign { dst: total, value: sum }, span);
        });
        self.emit(StmtKind::For { var: k, start: one, stop: n, step: one, body }, span);
        let mut shape = first_dims.clone();
        shape[axis] = self.read(total);
        let tmp = self.temp(Type::array(dtype, ndim));
        self.emit(StmtKind::Alloc { dst: tmp, dtype, shape: ShapeSpec::Dims(shape) }, span);
        let offset = self.temp(Type::py_int());
        self.emit(StmtKind::Assign { dst: offset, value: zero }, span);
        let k = self.temp(Type::py_int());
        let body = self.block(|fx| {
            let at = fx.read(k);
            let Some(p) = part(fx, at) else { return };
            let start = fx.read(offset);
            let size = fx.add(Expr::Dim(p, axis), Type::py_int());
            let end = fx.int_binary(BinaryOp::Add, start, size);
            let held = fx.temp(Type::py_int());
            fx.emit(StmtKind::Assign { dst: held, value: end }, span);
            let (start, end) = (fx.read(offset), fx.read(held));
            let dst = fx.read(tmp);
            let view = fx.slab(dst, axis, Some(start), Some(end), span);
            fx.copy_into(view, p, span);
            let end = fx.read(held);
            fx.emit(StmtKind::Assign { dst: offset, value: end }, span);
        });
        self.emit(StmtKind::For { var: k, start: zero, stop: n, step: one, body }, span);
        let _ = fname;
        Value::Array(self.read(tmp))
    }

    fn concatenate(&mut self, parts: Vec<ExprId>, axis: Option<i64>, fname: &str, span: Span) -> Value {
        let parts: Vec<ExprId> = match axis {
            None => parts
                .into_iter()
                .map(|p| {
                    let minus_one = self.const_i64(-1);
                    match self.reshape(p, &[minus_one], span) {
                        Value::Array(e) => e,
                        _ => p,
                    }
                })
                .collect(),
            Some(_) => parts,
        };
        let ranks: Vec<usize> = parts.iter().map(|p| match self.expr_type(*p) { Type::Array { ndim, .. } => ndim, _ => 0 }).collect();
        let ndim = ranks[0];
        if ranks.iter().any(|r| *r != ndim) {
            self.error(diag::shape_error(span, format!("`{fname}`: all the input arrays must have the same number of dimensions")));
            return Value::Error;
        }
        let Some(axis) = self.join_axis(ndim, axis, span) else { return Value::Error };
        let operands: Vec<(Value, Span)> = parts.iter().map(|p| (Value::Array(*p), span)).collect();
        let dtype = self.operands_dtype(&operands);
        let first = self.dims_of(parts[0]);
        let mut total = first[axis];
        for (i, p) in parts.iter().enumerate().skip(1) {
            let dims = self.dims_of(*p);
            for d in (0..ndim).filter(|d| *d != axis) {
                let bad = self.ne(dims[d], first[d]);
                let at = self.const_i64(i as i64);
                self.raise_joined_sizes(bad, d, first[d], at, dims[d], span);
            }
            total = self.int_binary(BinaryOp::Add, total, dims[axis]);
        }
        let mut shape = first.clone();
        shape[axis] = total;
        let tmp = self.temp(Type::array(dtype, ndim));
        self.emit(StmtKind::Alloc { dst: tmp, dtype, shape: ShapeSpec::Dims(shape) }, span);
        let mut offset = self.const_i64(0);
        for p in parts {
            let n = self.add(Expr::Dim(p, axis), Type::py_int());
            let end = self.int_binary(BinaryOp::Add, offset, n);
            let dst = self.read(tmp);
            let view = self.slab(dst, axis, Some(offset), Some(end), span);
            self.copy_into(view, p, span);
            offset = end;
        }
        Value::Array(self.read(tmp))
    }

    pub(crate) fn stack(&mut self, parts: Vec<ExprId>, axis: i64, span: Span) -> Value {
        let Type::Array { ndim, .. } = self.expr_type(parts[0]) else { return Value::Error };
        let out_ndim = ndim + 1;
        if axis < -(out_ndim as i64) || axis >= out_ndim as i64 {
            self.error(diag::shape_error(span, format!("axis {axis} is out of bounds for array of dimension {out_ndim}")));
            return Value::Error;
        }
        let axis = axis.rem_euclid(out_ndim as i64) as usize;
        if parts.iter().any(|p| !matches!(self.expr_type(*p), Type::Array { ndim: n, .. } if n == ndim)) {
            self.error(diag::shape_error(span, "all input arrays must have the same shape"));
            return Value::Error;
        }
        let operands: Vec<(Value, Span)> = parts.iter().map(|p| (Value::Array(*p), span)).collect();
        let dtype = self.operands_dtype(&operands);
        let first = self.dims_of(parts[0]);
        for p in parts.iter().skip(1) {
            let dims = self.dims_of(*p);
            for d in 0..ndim {
                let bad = self.ne(dims[d], first[d]);
                self.raise_if(bad, "all input arrays must have the same shape".into(), span);
            }
        }
        let mut shape = first;
        let count = self.const_i64(parts.len() as i64);
        shape.insert(axis, count);
        let tmp = self.temp(Type::array(dtype, out_ndim));
        self.emit(StmtKind::Alloc { dst: tmp, dtype, shape: ShapeSpec::Dims(shape) }, span);
        for (i, p) in parts.into_iter().enumerate() {
            let dst = self.read(tmp);
            let mut index = vec![IndexItem::Slice { start: None, stop: None, step: None }; axis];
            index.push(IndexItem::Index(self.const_i64(i as i64)));
            let view = self.basic_view(dst, index, span);
            self.copy_into(view, p, span);
        }
        Value::Array(self.read(tmp))
    }

    /// `a` with a new axis of extent 1 inserted at `axis` (a view).
    /// The view `a[index]` (basic indexing): its rank is `a`'s, less the axes an integer
    /// takes, plus the new ones.
    pub(crate) fn basic_view(&mut self, a: ExprId, index: Vec<IndexItem>, span: Span) -> ExprId {
        let Type::Array { dtype, ndim } = self.expr_type(a) else { return a };
        let taken = index.iter().filter(|i| matches!(i, IndexItem::Index(_))).count();
        let added = index.iter().filter(|i| matches!(i, IndexItem::NewAxis)).count();
        let view = self.temp(Type::array(dtype, ndim - taken + added));
        self.emit(StmtKind::View { dst: view, src: a, index }, span);
        self.read(view)
    }

    /// A new array of shape `dims` holding `src` broadcast to it.
    pub(crate) fn broadcast_into_new(&mut self, src: ExprId, dims: Vec<ExprId>, span: Span) -> ExprId {
        let Type::Array { dtype, .. } = self.expr_type(src) else { return src };
        let ndim = dims.len();
        let out = self.temp(Type::array(dtype, ndim));
        self.emit(StmtKind::Alloc { dst: out, dtype, shape: ShapeSpec::Dims(dims) }, span);
        let dst = self.read(out);
        self.store_into(dst, dtype, ndim, Value::Array(src), span);
        self.read(out)
    }

    /// `a` with a new axis of extent 1 at `axis` (a view).
    pub(crate) fn expand(&mut self, a: ExprId, axis: usize, span: Span) -> ExprId {
        if !matches!(self.expr_type(a), Type::Array { .. }) {
            return a;
        }
        let mut index = vec![IndexItem::Slice { start: None, stop: None, step: None }; axis];
        index.push(IndexItem::NewAxis);
        self.basic_view(a, index, span)
    }

    /// `np.nonzero(a)` (also `np.where(a)`): per axis, the coordinates of the elements that
    /// are not zero, in C order (the coordinate grids selected by the mask `a != 0`);
    /// `argwhere` stacks them as columns, `flatnonzero` is `nonzero` of the flattened array.
    pub(crate) fn nonzero(&mut self, a: ExprId, name: &str, span: Span) -> Value {
        let Type::Array { dtype, ndim } = self.expr_type(a) else { return Value::Error };
        if ndim == 0 {
            self.error(diag::shape_error(span, format!("`np.{name}` of a 0-d array: NumPy calls it an error (use `atleast_1d`)")));
            return Value::Error;
        }
        let Some((node, _)) = self.as_node(&Value::Array(a)) else { return Value::Error };
        let mask_node = if dtype == DType::Bool {
            node.clone()
        } else {
            let zero = Rc::new(LNode::Const { value: super::lazy::convert_const(&Const::Int(0), dtype), dtype });
            Rc::new(LNode::Compare(CompareOp::Ne, node.clone(), zero))
        };
        let mask = self.materialize(Lazy { node: mask_node.clone(), ndim }, span);
        let mut coords = Vec::new();
        for d in 0..ndim {
            // The coordinate along axis d over a's shape (a's elements only give the shape).
            let index = Rc::new(LNode::Index(d));
            let grid = Rc::new(LNode::Select(mask_node.clone(), index.clone(), index, DType::I64));
            let grid = self.materialize(Lazy { node: grid, ndim }, span);
            let Value::Array(picked) = self.fancy_get(grid, mask, span) else { return Value::Error };
            coords.push(picked);
        }
        match name {
            "argwhere" => {
                let columns: Vec<ExprId> = coords.into_iter().map(|c| self.expand(c, 1, span)).collect();
                self.concatenate(columns, Some(1), "np.argwhere", span)
            }
            "flatnonzero" => Value::Array(coords[0]),
            _ => Value::Tuple(coords.into_iter().map(Value::Array).collect()),
        }
    }

    /// NumPy's ValueError for a negative count, `count` else.
    fn non_negative(&mut self, count: ExprId, span: Span) -> ExprId {
        let zero = self.const_i64(0);
        let negative = self.add(Expr::Compare(CompareOp::Lt, count, zero), Type::py_bool());
        self.raise_if(negative, "negative dimensions are not allowed".to_string(), span);
        count
    }

    /// `np.tile(a, reps)`: `a` and the counts padded with leading ones to one rank `d`, each
    /// axis `s` repeated `r` times as axes `(r, s)` of a new array (the value broadcast
    /// into it), then merged by a reshape.
    fn tiled(&mut self, a: ExprId, reps: &[ExprId], span: Span) -> Value {
        let Type::Array { ndim, .. } = self.expr_type(a) else { return Value::Error };
        let d = ndim.max(reps.len());
        let a = self.at_least(a, d, span);
        let one = self.const_i64(1);
        let mut counts = vec![one; d - reps.len()];
        for &r in reps {
            counts.push(self.non_negative(r, span));
        }
        let dims = self.dims_of(a);
        let mut wide = Vec::new();
        let mut index = Vec::new();
        for (r, s) in counts.iter().zip(&dims) {
            wide.push(*r);
            wide.push(*s);
            index.push(IndexItem::NewAxis);
            index.push(IndexItem::Slice { start: None, stop: None, step: None });
        }
        let view = self.basic_view(a, index, span);
        let out = self.broadcast_into_new(view, wide, span);
        let merged: Vec<ExprId> = counts.iter().zip(&dims).map(|(r, s)| self.int_binary(BinaryOp::Mul, *r, *s)).collect();
        self.reshape(out, &merged, span)
    }

    /// `np.repeat(a, count, axis)`: each element `count` times along `axis`, as axes
    /// `(s, count)` of a new array merged by a reshape.
    fn repeated(&mut self, a: ExprId, count: ExprId, axis: usize, span: Span) -> Value {
        let Type::Array { ndim, .. } = self.expr_type(a) else { return Value::Error };
        let count = self.non_negative(count, span);
        let dims = self.dims_of(a);
        let mut wide = dims.clone();
        wide.insert(axis + 1, count);
        let mut index = vec![IndexItem::Slice { start: None, stop: None, step: None }; ndim];
        index.insert(axis + 1, IndexItem::NewAxis);
        let view = self.basic_view(a, index, span);
        let out = self.broadcast_into_new(view, wide, span);
        let mut merged = dims;
        merged[axis] = self.int_binary(BinaryOp::Mul, merged[axis], count);
        self.reshape(out, &merged, span)
    }

    /// `np.unravel_index(indices, dims)`: per axis, the coordinates of each flat index
    /// (int64: NumPy scalars for a number, arrays of the indices' shape for an array).
    /// An index outside `[0, prod(dims))` is NumPy's ValueError, naming the first one.
    fn unravel_index(&mut self, indices: Value, ispan: Span, dims: &[ExprId], fortran: bool, span: Span) -> Value {
        let fname = "np.unravel_index";
        let Some(d) = self.value_dtype(&indices) else {
            if !matches!(indices, Value::Error) {
                let what = self.describe_value(&indices);
                self.error(diag::type_error(ispan, format!("`{fname}` takes integer indices, found {what}"), "pass an integer or an integer array"));
            }
            return Value::Error;
        };
        if !d.is_int() {
            self.error(diag::type_error(ispan, format!("{fname}: only int indices permitted (found {})", d.numpy_name()), "convert the indices with `.astype(int)`"));
            return Value::Error;
        }
        let mut size = self.const_i64(1);
        for &n in dims {
            size = self.int_binary(BinaryOp::Mul, size, n);
        }
        let zero = self.const_i64(0);
        let (index, is_scalar) = match indices {
            Value::Scalar(e) => (self.convert_scalar(e, DType::I64, false, span), true),
            other => {
                let Some((node, ndim)) = self.as_node(&other) else { return Value::Error };
                (Value::Array(self.materialize(Lazy { node: LNode::cast(node, DType::I64), ndim }, ispan)), false)
            }
        };
        // The bounds: NumPy's message names the first index outside them.
        let below = self.compare(crate::ast::CmpOp::Lt, index.clone(), Value::Scalar(zero), span);
        let above = self.compare(crate::ast::CmpOp::GtE, index.clone(), Value::Scalar(size), span);
        let bad = self.binary(crate::ast::BinOp::BitOr, below, above, span);
        let any = if is_scalar { bad.clone() } else { self.np("any", vec![bad.clone()], vec![], span) };
        let Value::Scalar(any) = any else { return Value::Error };
        let then_body = self.block(|fx| {
            let first = if is_scalar {
                index.clone()
            } else {
                let flat = fx.np("ravel", vec![index.clone()], vec![], span);
                let flat_bad = fx.np("ravel", vec![bad.clone()], vec![], span);
                let at = fx.np("argmax", vec![flat_bad], vec![], span);
                fx.np("take", vec![flat, at], vec![], span)
            };
            let Value::Scalar(first) = first else { return };
            let parts = vec![
                fx.str_const("index "),
                fx.add(Expr::Format(first, String::new()), Type::Str),
                fx.str_const(" is out of bounds for array with size "),
                fx.add(Expr::Format(size, String::new()), Type::Str),
            ];
            let message = fx.add(Expr::Concat(parts), Type::Str);
            let kind = fx.const_i64(runtime_abi::ERR_VALUE);
            fx.runtime_call(EntryPoint::Raise, vec![kind, message], None, span);
        });
        self.emit(StmtKind::If { cond: any, then_body, else_body: vec![] }, span);
        // Coordinates from the fastest-varying axis: the last in C order, the first in F.
        let mut order: Vec<usize> = (0..dims.len()).collect();
        if !fortran {
            order.reverse();
        }
        let mut coords: Vec<Option<Value>> = vec![None; dims.len()];
        let mut rest = index;
        for axis in order {
            let extent = Value::Scalar(dims[axis]);
            let c = self.binary(crate::ast::BinOp::Mod, rest.clone(), extent.clone(), span);
            coords[axis] = Some(self.stabilize(c, span));
            let next = self.binary(crate::ast::BinOp::FloorDiv, rest, extent, span);
            rest = self.stabilize(next, span);
        }
        let items = coords.into_iter().map(|c| c.expect("every axis")).collect();
        Value::Tuple(super::Seq { items, list: false, named: None, held: false })
    }

    /// Fills the borders `np.pad` left around the array (at `widths[d].0` along each axis
    /// `d`, extents `dims`) in `mode`, axis after axis over the whole padded array, as
    /// NumPy's does (so corners come from the borders of the axes before): "edge" repeats
    /// the outermost element, "wrap" the other end, "reflect" mirrors about the outermost
    /// element, "symmetric" about its outer edge. A border wider than those modes reach in
    /// one step (NumPy repeats them) is a run-time error, as is "edge" of an empty axis.
    fn pad_borders(&mut self, out: ExprId, mode: &str, dims: &[ExprId], widths: &[(ExprId, ExprId)], span: Span) {
        let Type::Array { dtype, ndim } = self.expr_type(out) else { return };
        let zero = self.const_i64(0);
        let one = self.const_i64(1);
        for (axis, (&n, &(b, e))) in dims.iter().zip(widths).enumerate() {
            let add = |fx: &mut Self, x: ExprId, y: ExprId| fx.int_binary(BinaryOp::Add, x, y);
            let sub = |fx: &mut Self, x: ExprId, y: ExprId| fx.int_binary(BinaryOp::Sub, x, y);
            let end = add(self, b, n); // one past the array's last element
            let b_wider = self.add(Expr::Compare(CompareOp::Gt, b, e), Type::py_bool());
            let widest = self.add(Expr::Select(b_wider, b, e), Type::py_int());
            let padded = self.add(Expr::Compare(CompareOp::Gt, widest, zero), Type::py_bool());
            if mode == "edge" {
                let empty = self.add(Expr::Compare(CompareOp::Eq, n, zero), Type::py_bool());
                let both = self.add(Expr::Binary(BinaryOp::BitAnd, empty, padded), Type::py_bool());
                self.raise_if(both, format!("can't extend empty axis {axis} using modes other than 'constant' or 'empty'"), span);
            } else {
                let reach = if mode == "reflect" { sub(self, n, one) } else { n };
                let wide = self.add(Expr::Compare(CompareOp::Gt, widest, reach), Type::py_bool());
                self.raise_if(wide, format!("np.pad(mode='{mode}') with a pad wider than the axis it repeats (legatec pads in one step)"), span);
            }
            // (destination start, stop, source start, stop, reversed) for each side.
            let before = match mode {
                "edge" => (zero, b, b, add(self, b, one), false),
                "wrap" => (zero, b, n, add(self, n, b), false),
                "reflect" => (zero, b, add(self, b, one), { let t = add(self, b, b); add(self, t, one) }, true),
                _ => (zero, b, b, add(self, b, b), true),
            };
            let after_end = add(self, end, e);
            let after = match mode {
                "edge" => (end, after_end, sub(self, end, one), end, false),
                "wrap" => (end, after_end, b, add(self, b, e), false),
                "reflect" => ({ end }, after_end, { let t = sub(self, end, one); sub(self, t, e) }, sub(self, end, one), true),
                _ => (end, after_end, sub(self, end, e), end, true),
            };
            for (d0, d1, s0, s1, rev) in [before, after] {
                let dst = self.slab(out, axis, Some(d0), Some(d1), span);
                let src = self.slab(out, axis, Some(s0), Some(s1), span);
                let src = if rev {
                    match self.flipped(src, &[axis], span) {
                        Value::Array(s) => s,
                        _ => return,
                    }
                } else {
                    src
                };
                self.store_into(dst, dtype, ndim, Value::Array(src), span);
            }
        }
    }

    /// `a` with the order of its elements reversed along `axes`: a view (step -1), as NumPy's.
    fn flipped(&mut self, a: ExprId, axes: &[usize], span: Span) -> Value {
        let Type::Array { ndim, .. } = self.expr_type(a) else { return Value::Error };
        let index: Vec<IndexItem> = (0..ndim)
            .map(|d| {
                let step = axes.contains(&d).then(|| self.const_i64(-1));
                IndexItem::Slice { start: None, stop: None, step }
            })
            .collect();
        Value::Array(self.basic_view(a, index, span))
    }

    /// `a[1:] - a[:-1]` along `axis` (`!=` for booleans, as NumPy's `diff`).
    fn diff_once(&mut self, a: ExprId, axis: usize, span: Span) -> Value {
        let Type::Array { dtype, ndim } = self.expr_type(a) else { return Value::Error };
        let mut views = Vec::new();
        for (start, stop) in [(Some(1), None), (None, Some(-1))] {
            let index: Vec<IndexItem> = (0..ndim)
                .map(|d| {
                    if d == axis {
                        IndexItem::Slice { start: start.map(|v| self.const_i64(v)), stop: stop.map(|v| self.const_i64(v)), step: None }
                    } else {
                        IndexItem::Slice { start: None, stop: None, step: None }
                    }
                })
                .collect();
            views.push(self.basic_view(a, index, span));
        }
        let (hi, lo) = (Value::Array(views[0]), Value::Array(views[1]));
        if dtype == DType::Bool {
            return self.compare(crate::ast::CmpOp::NotEq, hi, lo, span);
        }
        self.elementwise2(BinaryOp::Sub, hi, lo, span)
    }

    fn roll(&mut self, a: ExprId, shift: ExprId, axis: Option<usize>, span: Span) -> Value {
        let Type::Array { dtype, ndim } = self.expr_type(a) else { return Value::Error };
        let Some(axis) = axis else {
            let minus_one = self.const_i64(-1);
            let Value::Array(flat) = self.reshape(a, &[minus_one], span) else { return Value::Error };
            let Value::Array(rolled) = self.roll(flat, shift, Some(0), span) else { return Value::Error };
            let dims = self.dims_of(a);
            return self.reshape(rolled, &dims, span);
        };
        let dims = self.dims_of(a);
        let n = dims[axis];
        // s = shift mod n, with n = 0 guarded (every slab is then empty).
        let one = self.const_i64(1);
        let n1 = self.int_binary(BinaryOp::Max, n, one);
        let s = self.int_binary(BinaryOp::Mod, shift, n1);
        let tmp = self.temp(Type::array(dtype, ndim));
        self.emit(StmtKind::Alloc { dst: tmp, dtype, shape: ShapeSpec::Dims(dims) }, span);
        let n_minus_s = self.int_binary(BinaryOp::Sub, n, s);
        // out[s:] = a[:n-s]; out[:s] = a[n-s:]
        let out = self.read(tmp);
        let head_dst = self.slab(out, axis, Some(s), None, span);
        let head_src = self.slab(a, axis, None, Some(n_minus_s), span);
        self.copy_into(head_dst, head_src, span);
        let out = self.read(tmp);
        let tail_dst = self.slab(out, axis, None, Some(s), span);
        let tail_src = self.slab(a, axis, Some(n_minus_s), None, span);
        self.copy_into(tail_dst, tail_src, span);
        Value::Array(self.read(tmp))
    }

    pub(crate) fn flat(&mut self, a: ExprId, span: Span) -> ExprId {
        match self.expr_type(a) {
            Type::Array { ndim: 1, .. } => a,
            _ => {
                let minus_one = self.const_i64(-1);
                match self.reshape(a, &[minus_one], span) {
                    Value::Array(e) => e,
                    _ => a,
                }
            }
        }
    }

    /// `var`/`std` as NumPy computes them: the mean, the squared deviations, their sum over `n - ddof`.
    /// `var`/`std` as NumPy computes them: the mean (kept with extent 1 along the reduced
    /// axes), the sum of squared deviations, over `count - ddof` (at least 0). `axis` is
    /// None, an int or a tuple of ints.
    fn variance(&mut self, recv: Value, axis: Option<(Value, Span)>, ddof: i64, keepdims: bool, std: bool, span: Span) -> Value {
        // A scalar is a 0-d array to NumPy.
        let a = match recv {
            Value::Scalar(_) => self.zero_d_array(recv, span),
            other => self.array_arg(other, span, "np.var"),
        };
        let Some(a) = a else { return Value::Error };
        let Type::Array { dtype, ndim } = self.expr_type(a) else { return Value::Error };
        let Some(axes) = self.axes_arg(axis.clone(), ndim, "duplicate value in 'axis'") else { return Value::Error };
        let fdt = if dtype.is_float() { dtype } else { DType::F64 };
        let a = self.array_as(a, fdt, span);
        let whole = axes.len() == ndim;
        let axis_kw = |fx: &mut Self, keep: bool| -> Kwargs {
            let mut kw = Kwargs::new();
            if let (Some((v, vspan)), false) = (&axis, whole) {
                kw.push(("axis".to_string(), v.clone(), *vspan));
            }
            if keep {
                let t = fx.add(Expr::Const(Const::Bool(true)), Type::py_bool());
                kw.push(("keepdims".to_string(), Value::Scalar(t), span));
            }
            kw
        };
        // Over every axis the mean is one scalar; else kept with extent 1 to broadcast.
        let kw = axis_kw(self, !whole);
        let mean = self.reduction(Value::Array(a), "mean", vec![], kw, span);
        let mean = match mean {
            Value::Lazy(l) => Value::Array(self.materialize(l, span)),
            m => m,
        };
        let Some((an, _)) = self.as_node(&Value::Array(a)) else { return Value::Error };
        let Some((mn, _)) = self.as_node(&mean) else { return Value::Error };
        let dev = Rc::new(LNode::Binary(BinaryOp::Sub, an, LNode::cast(mn, fdt), fdt));
        let sq = Rc::new(LNode::Binary(BinaryOp::Mul, dev.clone(), dev, fdt));
        let kw = axis_kw(self, keepdims);
        let total = self.reduction(Value::Lazy(Lazy { node: sq, ndim }), "sum", vec![], kw, span);
        let mut count = self.const_i64(1);
        for &ax in &axes {
            let d = self.add(Expr::Dim(a, ax), Type::py_int());
            count = self.int_binary(BinaryOp::Mul, count, d);
        }
        let ddof_e = self.const_i64(ddof);
        let denom = self.int_binary(BinaryOp::Sub, count, ddof_e);
        let zero = self.const_i64(0);
        let denom = self.int_binary(BinaryOp::Max, denom, zero);
        let denom = self.cast_scalar(denom, fdt);
        let denom_t = self.add(Expr::Cast(fdt, denom), Type::scalar(fdt));
        let var = self.elementwise2(BinaryOp::TrueDiv, total, Value::Scalar(denom_t), span);
        if std {
            self.math(ir::MathFn::Sqrt, var, span)
        } else {
            var
        }
    }

    /// `np.<name>(...)` for [`SHAPE_NAMES`].
    pub(crate) fn call_shape_op(&mut self, name: &str, args: Args, kw: Kwargs, span: Span) -> Value {
        let fname = format!("np.{name}");
        match name {
            "einsum" => self.einsum(args, kw, span),
            "tensordot" | "kron" | "vdot" => self.product_function(name, args, kw, span),
            "reshape" => {
                let Some(p) = self.bind_params(&fname, args, kw, &["a", "newshape"], 2, span) else { return Value::Error };
                let mut it = p.into_iter().flatten();
                let (a, aspan) = it.next().expect("a");
                let (s, sspan) = it.next().expect("shape");
                let Some(a) = self.array_arg(a, aspan, &fname) else { return Value::Error };
                let Some(dims) = self.shape_arg(s, sspan) else { return Value::Error };
                self.reshape(a, &dims, span)
            }
            "swapaxes" => {
                let Some(p) = self.bind_params(&fname, args, kw, &["a", "axis1", "axis2"], 3, span) else { return Value::Error };
                let mut it = p.into_iter().flatten();
                let (a, aspan) = it.next().expect("a");
                let recv_args: Args = it.collect();
                self.call_shape_method(a, "swapaxes", recv_args, vec![], aspan)
            }
            // `np.transpose(a, axes=...)`: the method takes the axes only by position.
            "transpose" => {
                let Some(p) = self.bind_params(&fname, args, kw, &["a", "axes"], 1, span) else { return Value::Error };
                let mut it = p.into_iter().flatten();
                let (a, aspan) = it.next().expect("a");
                let recv_args: Args = it.collect();
                self.call_shape_method(a, "transpose", recv_args, vec![], aspan)
            }
            "ravel" | "trace" | "var" | "std" => {
                let Some(((a, aspan), rest)) = args.split_first().map(|(f, r)| (f.clone(), r.to_vec())) else {
                    self.error(diag::bad_arguments(span, format!("`{fname}` needs an array")));
                    return Value::Error;
                };
                let _ = aspan;
                self.call_shape_method(a, name, rest, kw, span)
            }
            "atleast_1d" => {
                let Some(p) = self.bind_params(&fname, args, kw, &["a"], 1, span) else { return Value::Error };
                let (a, aspan) = p.into_iter().flatten().next().expect("a");
                let Some(parts) = self.array_sequence(Value::Tuple(vec![a].into()), aspan, &fname) else { return Value::Error };
                let a = parts[0];
                match self.expr_type(a) {
                    Type::Array { ndim: 0, .. } => {
                        let one = self.const_i64(1);
                        self.reshape(a, &[one], span)
                    }
                    _ => Value::Array(a),
                }
            }
            "concatenate" | "stack" | "vstack" | "hstack" | "column_stack" => {
                let params: &[&str] = if matches!(name, "concatenate" | "stack") { &["arrays", "axis"] } else { &["tup"] };
                let Some(p) = self.bind_params(&fname, args, kw, params, 1, span) else { return Value::Error };
                let mut it = p.into_iter();
                let (seq, seqspan) = it.next().flatten().expect("arrays");
                let axis_v = it.next().flatten();
                // A runtime list of arrays: their lengths along the axis may differ.
                if let Value::List(l) = seq {
                    if let Type::Array { ndim, .. } = self.list_item_type(l) {
                        let axis = match (name, axis_v.clone()) {
                            ("concatenate", Some((Value::None, _))) => Some(None),
                            ("concatenate", other) => self.const_int(other, 0, "axis").map(Some),
                            ("hstack", _) => Some(Some(if ndim <= 1 { 0 } else { 1 })),
                            ("vstack", _) if ndim >= 2 => Some(Some(0)),
                            _ => Some(Some(i64::MIN)),
                        };
                        match axis {
                            None => return Value::Error,
                            Some(Some(i64::MIN)) => {}
                            Some(axis) => return self.concat_list(l, axis, &fname, span),
                        }
                    }
                }
                let seq = match seq {
                    Value::List(l) => self.list_to_array(l, seqspan),
                    other => other,
                };
                // An array (a list comprehension's, say) is the sequence of its rows.
                if let Value::Array(a) = seq {
                    return self.join_rows(name, a, axis_v, seqspan, span);
                }
                let Some(parts) = self.array_sequence(seq, seqspan, &fname) else { return Value::Error };
                let ndim = match self.expr_type(parts[0]) {
                    Type::Array { ndim, .. } => ndim,
                    _ => 0,
                };
                match name {
                    "concatenate" => {
                        let axis = match axis_v {
                            Some((Value::None, _)) => None,
                            other => match self.const_int(other, 0, "axis") {
                                Some(a) => Some(a),
                                None => return Value::Error,
                            },
                        };
                        self.concatenate(parts, axis, &fname, span)
                    }
                    "stack" => {
                        let Some(axis) = self.const_int(axis_v, 0, "axis") else { return Value::Error };
                        self.stack(parts, axis, span)
                    }
                    "vstack" if ndim <= 1 => {
                        let parts = parts.into_iter().map(|p| self.at_least(p, 1, span)).collect();
                        self.stack(parts, 0, span)
                    }
                    "vstack" => self.concatenate(parts, Some(0), &fname, span),
                    "hstack" if ndim <= 1 => {
                        let parts = parts.into_iter().map(|p| self.at_least(p, 1, span)).collect();
                        self.concatenate(parts, Some(0), &fname, span)
                    }
                    "hstack" => self.concatenate(parts, Some(1), &fname, span),
                    _ => {
                        // column_stack: 1-D arrays become columns.
                        let parts = parts
                            .into_iter()
                            .map(|p| match self.expr_type(p) {
                                Type::Array { ndim: 0 | 1, .. } => {
                                    let p = self.at_least(p, 1, span);
                                    self.expand(p, 1, span)
                                }
                                _ => p,
                            })
                            .collect();
                        self.concatenate(parts, Some(1), &fname, span)
                    }
                }
            }
            // `np.append(arr, values, axis)`: both joined, flattened without an axis.
            "append" => {
                let Some(p) = self.bind_params(&fname, args, kw, &["arr", "values", "axis"], 2, span) else { return Value::Error };
                let mut it = p.into_iter();
                let (arr, aspan) = it.next().flatten().expect("arr");
                let (values, vspan) = it.next().flatten().expect("values");
                let axis = match it.next().flatten() {
                    None | Some((Value::None, _)) => None,
                    other => match self.const_int(other, 0, "axis") {
                        Some(a) => Some(a),
                        None => return Value::Error,
                    },
                };
                let Some(parts) = self.array_sequence(Value::Tuple(vec![arr, values].into()), aspan.join(vspan), &fname) else { return Value::Error };
                self.concatenate(parts, axis, &fname, span)
            }
            "block" => {
                let Some(p) = self.bind_params(&fname, args, kw, &["arrays"], 1, span) else { return Value::Error };
                let (v, vspan) = p.into_iter().flatten().next().expect("arrays");
                self.np_block(v, vspan, span)
            }
            "roll" => {
                let Some(p) = self.bind_params(&fname, args, kw, &["a", "shift", "axis"], 2, span) else { return Value::Error };
                let mut it = p.into_iter();
                let (a, aspan) = it.next().flatten().expect("a");
                let (shift, sspan) = it.next().flatten().expect("shift");
                let axis_v = it.next().flatten();
                let Some(a) = self.array_arg(a, aspan, &fname) else { return Value::Error };
                let Type::Array { ndim, .. } = self.expr_type(a) else { return Value::Error };
                if matches!(shift, Value::Tuple(_)) {
                    self.error(diag::unsupported_call(sspan, "np.roll with several shifts", None).with_hint("roll one axis at a time"));
                    return Value::Error;
                }
                let Some(shift) = self.int_value(shift, sspan) else { return Value::Error };
                let Ok(axis) = self.axis_arg(axis_v, ndim) else { return Value::Error };
                self.roll(a, shift, axis, span)
            }
            "flip" | "fliplr" | "flipud" => {
                let params: &[&str] = if name == "flip" { &["m", "axis"] } else { &["m"] };
                let Some(p) = self.bind_params(&fname, args, kw, params, 1, span) else { return Value::Error };
                let mut it = p.into_iter();
                let (m, mspan) = it.next().flatten().expect("m");
                let Some(m) = self.array_arg(m, mspan, &fname) else { return Value::Error };
                let Type::Array { ndim, .. } = self.expr_type(m) else { return Value::Error };
                let axes: Vec<usize> = match name {
                    "fliplr" | "flipud" => {
                        let need = if name == "fliplr" { 2 } else { 1 };
                        if ndim < need {
                            self.error(diag::shape_error(mspan, format!("`{fname}` needs an array of at least {need} dimension(s) (NumPy: Input must be >= {need}-d.), found {ndim}")));
                            return Value::Error;
                        }
                        vec![if name == "fliplr" { 1 } else { 0 }]
                    }
                    _ => match self.axes_arg(it.next().flatten(), ndim, "repeated axis") {
                        Some(axes) => axes,
                        None => return Value::Error,
                    },
                };
                self.flipped(m, &axes, span)
            }
            "expand_dims" => {
                let Some(p) = self.bind_params(&fname, args, kw, &["a", "axis"], 2, span) else { return Value::Error };
                let mut it = p.into_iter();
                let (a, aspan) = it.next().flatten().expect("a");
                let (axis, axspan) = it.next().flatten().expect("axis");
                let Some(a) = self.array_arg(a, aspan, &fname) else { return Value::Error };
                let Type::Array { ndim, .. } = self.expr_type(a) else { return Value::Error };
                let items = match axis {
                    Value::Tuple(items) => items.items,
                    one => vec![one],
                };
                let out_ndim = ndim + items.len();
                let mut axes = Vec::new();
                for item in items {
                    let Ok(Some(x)) = self.axis_arg(Some((item, axspan)), out_ndim) else { return Value::Error };
                    if axes.contains(&x) {
                        self.error(diag::shape_error(axspan, "repeated axis"));
                        return Value::Error;
                    }
                    axes.push(x);
                }
                let index: Vec<IndexItem> = (0..out_ndim)
                    .map(|p| if axes.contains(&p) { IndexItem::NewAxis } else { IndexItem::Slice { start: None, stop: None, step: None } })
                    .collect();
                Value::Array(self.basic_view(a, index, span))
            }
            "diff" => {
                let Some(p) = self.bind_params(&fname, args, kw, &["a", "n", "axis"], 1, span) else { return Value::Error };
                let mut it = p.into_iter();
                let (a, aspan) = it.next().flatten().expect("a");
                let Some(n) = self.const_int(it.next().flatten(), 1, "n") else { return Value::Error };
                let axis_v = it.next().flatten();
                let Some(mut a) = self.array_arg(a, aspan, &fname) else { return Value::Error };
                let Type::Array { ndim, .. } = self.expr_type(a) else { return Value::Error };
                if ndim == 0 {
                    self.error(diag::shape_error(aspan, "diff requires input that is at least one dimensional"));
                    return Value::Error;
                }
                if n < 0 {
                    self.error(diag::shape_error(span, format!("order must be non-negative but got {n}")));
                    return Value::Error;
                }
                let axis = match axis_v {
                    None => ndim - 1,
                    Some(v) => match self.axis_arg(Some(v), ndim) {
                        Ok(Some(x)) => x,
                        Ok(None) => {
                            self.error(diag::type_error(span, "`np.diff` needs an integer `axis`", "pass an axis such as `axis=0`"));
                            return Value::Error;
                        }
                        Err(()) => return Value::Error,
                    },
                };
                let mut v = Value::Array(a);
                for step in 0..n {
                    if step > 0 {
                        let Some(next) = self.array_arg(v, span, &fname) else { return Value::Error };
                        a = next;
                    }
                    v = self.diff_once(a, axis, span);
                }
                v
            }
            "unravel_index" => {
                let Some(p) = self.bind_params(&fname, args, kw, &["indices", "shape", "order"], 2, span) else { return Value::Error };
                let mut it = p.into_iter();
                let (indices, ispan) = it.next().flatten().expect("indices");
                let (shape, sspan) = it.next().flatten().expect("shape");
                let Some(order) = self.str_choice(it.next().flatten(), &["C", "F"], 0, "only 'C' or 'F' order is permitted", "pass order='C' or order='F'") else {
                    return Value::Error;
                };
                let fortran = order == 1;
                let Some(dims) = self.shape_arg(shape, sspan) else { return Value::Error };
                self.unravel_index(indices, ispan, &dims, fortran, span)
            }
            "nonzero" | "argwhere" | "flatnonzero" => {
                let Some(p) = self.bind_params(&fname, args, kw, &["a"], 1, span) else { return Value::Error };
                let (a, aspan) = p.into_iter().flatten().next().expect("a");
                let Some(a) = self.array_arg(a, aspan, &fname) else { return Value::Error };
                let a = if name == "flatnonzero" { self.flat(a, span) } else { a };
                self.nonzero(a, name, span)
            }
            "moveaxis" => {
                let Some(p) = self.bind_params(&fname, args, kw, &["a", "source", "destination"], 3, span) else { return Value::Error };
                let mut it = p.into_iter().flatten();
                let (a, aspan) = it.next().expect("a");
                let (src, sspan) = it.next().expect("source");
                let (dst, dspan) = it.next().expect("destination");
                let Some(a) = self.array_arg(a, aspan, &fname) else { return Value::Error };
                let Type::Array { ndim, .. } = self.expr_type(a) else { return Value::Error };
                let axes_of = |fx: &mut Self, v: Value, vspan: Span| -> Option<Vec<usize>> {
                    let items = match v {
                        Value::Tuple(items) => items.items,
                        one => vec![one],
                    };
                    let mut out = Vec::new();
                    for item in items {
                        let Ok(Some(x)) = fx.axis_arg(Some((item, vspan)), ndim.max(1)) else { return None };
                        if out.contains(&x) {
                            fx.error(diag::shape_error(vspan, "repeated axis in `source` argument"));
                            return None;
                        }
                        out.push(x);
                    }
                    Some(out)
                };
                let (Some(source), Some(destination)) = (axes_of(self, src, sspan), axes_of(self, dst, dspan)) else { return Value::Error };
                if source.len() != destination.len() {
                    self.error(diag::shape_error(span, "`source` and `destination` arguments must have the same number of elements"));
                    return Value::Error;
                }
                // NumPy's order: the axes not moved keep theirs, the moved ones go to their places.
                let mut order: Vec<usize> = (0..ndim).filter(|d| !source.contains(d)).collect();
                let mut pairs: Vec<(usize, usize)> = destination.iter().copied().zip(source.iter().copied()).collect();
                pairs.sort_unstable();
                for (dest, src) in pairs {
                    order.insert(dest, src);
                }
                let perm: Vec<i64> = order.iter().map(|&d| d as i64).collect();
                self.transpose(a, &perm, span)
            }
            "split" | "array_split" => {
                let Some(p) = self.bind_params(&fname, args, kw, &["ary", "indices_or_sections", "axis"], 2, span) else { return Value::Error };
                let mut it = p.into_iter();
                let (a, aspan) = it.next().flatten().expect("ary");
                let (how, hspan) = it.next().flatten().expect("indices_or_sections");
                let Some(axis) = self.const_int(it.next().flatten(), 0, "axis") else { return Value::Error };
                let Some(a) = self.array_arg(a, aspan, &fname) else { return Value::Error };
                let Type::Array { ndim, .. } = self.expr_type(a) else { return Value::Error };
                let axis_value = Value::Scalar(self.const_i64(axis));
                let Ok(Some(axis)) = self.axis_arg(Some((axis_value, hspan)), ndim.max(1)) else { return Value::Error };
                let n = self.add(Expr::Dim(a, axis), Type::py_int());
                // The bounds of each piece along the axis.
                let mut bounds: Vec<(ExprId, ExprId)> = Vec::new();
                match how {
                    Value::Tuple(items) => {
                        // Indices: pieces between them (clipped as slices are).
                        let mut starts = vec![self.const_i64(0)];
                        for item in items {
                            let Some(i) = self.int_value(item, hspan) else { return Value::Error };
                            starts.push(i);
                        }
                        for k in 0..starts.len() {
                            let stop = if k + 1 < starts.len() { starts[k + 1] } else { n };
                            bounds.push((starts[k], stop));
                        }
                    }
                    count => {
                        let Some(sections) = self.const_int(Some((count, hspan)), 1, "sections") else { return Value::Error };
                        if sections <= 0 {
                            self.error(diag::shape_error(hspan, "number sections must be larger than 0."));
                            return Value::Error;
                        }
                        let k = self.const_i64(sections);
                        let each = self.int_binary(BinaryOp::FloorDiv, n, k);
                        let extra = self.int_binary(BinaryOp::Mod, n, k);
                        if name == "split" {
                            let zero = self.const_i64(0);
                            let uneven = self.ne(extra, zero);
                            self.raise_if(uneven, "array split does not result in an equal division".to_string(), span);
                        }
                        // NumPy's array_split: the first `n % k` pieces one longer.
                        let mut start = self.const_i64(0);
                        for piece in 0..sections {
                            let p = self.const_i64(piece);
                            let longer = self.add(Expr::Compare(CompareOp::Lt, p, extra), Type::py_bool());
                            let one = self.const_i64(1);
                            let zero = self.const_i64(0);
                            let add = self.add(Expr::Select(longer, one, zero), Type::py_int());
                            let len = self.int_binary(BinaryOp::Add, each, add);
                            let stop = self.int_binary(BinaryOp::Add, start, len);
                            bounds.push((start, stop));
                            start = stop;
                        }
                    }
                }
                let mut pieces = Vec::new();
                for (lo, hi) in bounds {
                    let index: Vec<IndexItem> = (0..ndim)
                        .map(|d| if d == axis { IndexItem::Slice { start: Some(lo), stop: Some(hi), step: None } } else { IndexItem::Slice { start: None, stop: None, step: None } })
                        .collect();
                    pieces.push(Value::Array(self.basic_view(a, index, span)));
                }
                // NumPy returns a list of the pieces (`np.meshgrid` and the others a tuple).
                Value::Tuple(super::Seq { items: pieces, list: true, named: None, held: false })
            }
            "pad" => {
                let Some(p) = self.bind_params(&fname, args, kw, &["array", "pad_width", "mode", "constant_values"], 2, span) else { return Value::Error };
                let mut it = p.into_iter();
                let (a, aspan) = it.next().flatten().expect("array");
                let (width, wspan) = it.next().flatten().expect("pad_width");
                const MODES: [&str; 5] = ["constant", "edge", "wrap", "reflect", "symmetric"];
                let mode = match it.next().flatten() {
                    None => "constant",
                    Some((mode, mspan)) => match self.const_str(&mode).and_then(|m| MODES.iter().find(|x| **x == m)) {
                        Some(m) => m,
                        None => {
                            let what = match self.const_str(&mode) {
                                Some(m) => format!("np.pad(mode=\"{m}\")"),
                                None => "np.pad with a mode known only when running".to_string(),
                            };
                            self.error(diag::unsupported_call(mspan, &what, None).with_hint("legatec pads in the modes \"constant\", \"edge\", \"wrap\", \"reflect\" and \"symmetric\""));
                            return Value::Error;
                        }
                    },
                };
                let fill = it.next().flatten();
                if mode != "constant" {
                    if let Some((_, fspan)) = fill {
                        self.error(diag::type_error(fspan, format!("unsupported keyword arguments for mode '{mode}': {{'constant_values'}}"), "constant_values go with mode=\"constant\""));
                        return Value::Error;
                    }
                }
                let Some(a) = self.array_arg(a, aspan, &fname) else { return Value::Error };
                let Type::Array { dtype, ndim } = self.expr_type(a) else { return Value::Error };
                // pad_width: n, (before, after), or one (before, after) per axis.
                let pairs: Vec<(Value, Value)> = match width {
                    Value::Tuple(items) if items.len() == ndim && items.iter().all(|i| matches!(i, Value::Tuple(p) if p.len() == 2)) => items
                        .into_iter()
                        .map(|i| match i {
                            Value::Tuple(mut p) => {
                                let after = p.pop().expect("two");
                                (p.pop().expect("two"), after)
                            }
                            _ => unreachable!("checked"),
                        })
                        .collect(),
                    Value::Tuple(items) if items.len() == 1 && matches!(&items[0], Value::Tuple(p) if p.len() == 2) => {
                        let Some(Value::Tuple(p)) = items.into_iter().next() else { unreachable!("checked") };
                        vec![(p[0].clone(), p[1].clone()); ndim]
                    }
                    Value::Tuple(items) if items.len() == 2 && items.iter().all(|i| !matches!(i, Value::Tuple(_))) => vec![(items[0].clone(), items[1].clone()); ndim],
                    Value::Tuple(items) if items.len() == 1 => vec![(items[0].clone(), items[0].clone()); ndim],
                    Value::Tuple(_) => {
                        self.error(diag::shape_error(wspan, "`pad_width` must be an int, (before, after), or one (before, after) per axis"));
                        return Value::Error;
                    }
                    one => vec![(one.clone(), one); ndim],
                };
                let mut widths = Vec::new();
                for (before, after) in pairs {
                    let (Some(b), Some(e)) = (self.int_value(before, wspan), self.int_value(after, wspan)) else { return Value::Error };
                    let zero = self.const_i64(0);
                    for w in [b, e] {
                        let negative = self.add(Expr::Compare(CompareOp::Lt, w, zero), Type::py_bool());
                        self.raise_if(negative, "index can't contain negative values".to_string(), span);
                    }
                    widths.push((b, e));
                }
                let dims = self.dims_of(a);
                let outer: Vec<ExprId> = dims.iter().zip(&widths).map(|(d, (b, e))| {
                    let s = self.int_binary(BinaryOp::Add, *d, *b);
                    self.int_binary(BinaryOp::Add, s, *e)
                }).collect();
                let fill = fill.unwrap_or_else(|| (Value::Scalar(self.const_i64(0)), span));
                let Value::Array(out) = self.new_filled(outer, dtype, Some(fill), span) else { return Value::Error };
                let index: Vec<IndexItem> = widths
                    .iter()
                    .zip(&dims)
                    .map(|((b, _), d)| {
                        let stop = self.int_binary(BinaryOp::Add, *b, *d);
                        IndexItem::Slice { start: Some(*b), stop: Some(stop), step: None }
                    })
                    .collect();
                let inner = self.basic_view(out, index, span);
                self.store_into(inner, dtype, ndim, Value::Array(a), span);
                if mode != "constant" {
                    self.pad_borders(out, mode, &dims, &widths, span);
                }
                Value::Array(out)
            }
            "meshgrid" => {
                let Some(kw) = self.keywords(&fname, kw, &["indexing"]) else { return Value::Error };
                let indexing = Self::kwarg(&kw, "indexing");
                let Some(ij) = self.str_choice(indexing, &["xy", "ij"], 0, "Valid values for `indexing` are 'xy' and 'ij'.", "write indexing=\"xy\" or \"ij\"") else {
                    return Value::Error;
                };
                let ij = ij == 1;
                let mut flat = Vec::new();
                for (v, vspan) in args {
                    let Some(a) = self.array_arg(v, vspan, &fname) else { return Value::Error };
                    flat.push(self.flat(a, span));
                }
                let k = flat.len();
                // The output shape: the inputs' lengths, the first two swapped for 'xy'.
                let mut order: Vec<usize> = (0..k).collect();
                if !ij && k >= 2 {
                    order.swap(0, 1);
                }
                let dims: Vec<ExprId> = order.iter().map(|&i| self.add(Expr::Dim(flat[i], 0), Type::py_int())).collect();
                let mut outs = Vec::new();
                for (i, &x) in flat.iter().enumerate() {
                    // Input i varies along the output axis it lands on.
                    let at = order.iter().position(|&o| o == i).unwrap_or(i);
                    let index: Vec<IndexItem> = (0..k).map(|d| if d == at { IndexItem::Slice { start: None, stop: None, step: None } } else { IndexItem::NewAxis }).collect();
                    let view = self.basic_view(x, index, span);
                    outs.push(Value::Array(self.broadcast_into_new(view, dims.clone(), span)));
                }
                Value::Tuple(outs.into())
            }
            "tile" => {
                let Some(p) = self.bind_params(&fname, args, kw, &["A", "reps"], 2, span) else { return Value::Error };
                let mut it = p.into_iter().flatten();
                let (a, aspan) = it.next().expect("A");
                let (reps, rspan) = it.next().expect("reps");
                let Some(a) = self.array_arg(a, aspan, &fname) else { return Value::Error };
                let reps: Vec<Value> = match reps {
                    Value::Tuple(items) => items.items,
                    one => vec![one],
                };
                let mut counts = Vec::new();
                for r in reps {
                    let Some(c) = self.int_value(r, rspan) else { return Value::Error };
                    counts.push(c);
                }
                self.tiled(a, &counts, span)
            }
            "repeat" => {
                let Some(p) = self.bind_params(&fname, args, kw, &["a", "repeats", "axis"], 2, span) else { return Value::Error };
                let mut it = p.into_iter();
                let (a, aspan) = it.next().flatten().expect("a");
                let a = match a {
                    list @ Value::Tuple(_) => self.array_literal(list, None, aspan),
                    other => other,
                };
                let (r, rspan) = it.next().flatten().expect("repeats");
                let axis_v = it.next().flatten();
                let Some(mut a) = self.array_arg(a, aspan, &fname) else { return Value::Error };
                let Type::Array { ndim, .. } = self.expr_type(a) else { return Value::Error };
                let axis = match self.axis_arg(axis_v, ndim.max(1)) {
                    Ok(Some(x)) => x,
                    Ok(None) => {
                        a = self.flat(a, span);
                        0
                    }
                    Err(()) => return Value::Error,
                };
                if matches!(r, Value::Array(_) | Value::Lazy(_) | Value::Tuple(_)) {
                    return self.repeat_counts(a, axis, r, rspan, span);
                }
                let Some(count) = self.int_value(r, rspan) else { return Value::Error };
                self.repeated(a, count, axis, span)
            }
            "squeeze" => {
                let Some(p) = self.bind_params(&fname, args, kw, &["a", "axis"], 1, span) else { return Value::Error };
                let mut it = p.into_iter();
                let (a, aspan) = it.next().flatten().expect("a");
                let axis = it.next().flatten();
                let mut rest: Args = Vec::new();
                if let Some(axis) = axis {
                    rest.push(axis);
                }
                self.call_shape_method(a, "squeeze", rest, vec![], aspan)
            }
            "inner" => self.product_function(name, args, kw, span),
            "average" => {
                let Some(p) = self.bind_params(&fname, args, kw, &["a", "axis", "weights"], 1, span) else { return Value::Error };
                let mut it = p.into_iter();
                let (a, aspan) = it.next().flatten().expect("a");
                let axis = it.next().flatten().filter(|(v, _)| !matches!(v, Value::None));
                let list_to_array = |fx: &mut Self, v: Value, vspan: Span| match v {
                    list @ Value::Tuple(_) => fx.array_literal(list, None, vspan),
                    other => other,
                };
                let a = list_to_array(self, a, aspan);
                let weights = it.next().flatten().filter(|(w, _)| !matches!(w, Value::None)).map(|(w, wspan)| (list_to_array(self, w, wspan), wspan));
                let Some((weights, wspan)) = weights else {
                    let kw: Kwargs = axis.map(|(v, s)| ("axis".to_string(), v, s)).into_iter().collect();
                    return self.reduction(a, "mean", vec![], kw, span);
                };
                if let Some(axis) = axis {
                    return self.weighted_average_along(a, aspan, weights, wspan, axis, span);
                }
                let (Some(a), Some(w)) = (self.array_arg(a, aspan, &fname), self.array_arg(weights, wspan, &fname)) else { return Value::Error };
                let (Type::Array { dtype: ad, ndim: an }, Type::Array { dtype: wd, ndim: wn }) = (self.expr_type(a), self.expr_type(w)) else { return Value::Error };
                // NumPy: the result type of a, weights and float64 (float32 stays float32).
                let dtype = if ad == DType::F32 && wd == DType::F32 { DType::F32 } else { DType::F64 };
                let message = "Axis must be specified when shapes of a and weights differ.".to_string();
                if an != wn {
                    self.error(diag::type_error(wspan, message, "pass weights of the shape of `a`"));
                    return Value::Error;
                }
                for d in 0..an {
                    let (x, y) = (self.add(Expr::Dim(a, d), Type::py_int()), self.add(Expr::Dim(w, d), Type::py_int()));
                    let differ = self.ne(x, y);
                    self.raise_kind_if(differ, "TypeError", message.clone(), span);
                }
                let (Some((an_, _)), Some((wn_, _))) = (self.as_node(&Value::Array(a)), self.as_node(&Value::Array(w))) else { return Value::Error };
                let (x, y) = (LNode::cast(an_, dtype), LNode::cast(wn_, dtype));
                let weighted = Rc::new(LNode::Binary(BinaryOp::Mul, x, y.clone(), dtype));
                let num = self.reduce_all(weighted, an.max(1), ir::ReduceOp::Sum, dtype, span);
                let den = self.reduce_all(y, an.max(1), ir::ReduceOp::Sum, dtype, span);
                let zero = self.add(Expr::Const(super::lazy::convert_const(&Const::Float(0.0), dtype)), Type::scalar(dtype));
                let is_zero = self.add(Expr::Compare(CompareOp::Eq, den, zero), Type::py_bool());
                self.raise_kind_if(is_zero, "ZeroDivisionError", "Weights sum to zero, can't be normalized".to_string(), span);
                Value::Scalar(self.add(Expr::Binary(BinaryOp::TrueDiv, num, den), Type::scalar(dtype)))
            }
            "outer" => {
                let Some(p) = self.bind_params(&fname, args, kw, &["a", "b"], 2, span) else { return Value::Error };
                let mut it = p.into_iter().flatten();
                let (a, aspan) = it.next().expect("a");
                let (b, bspan) = it.next().expect("b");
                let (Some(a), Some(b)) = (self.array_arg(a, aspan, &fname), self.array_arg(b, bspan, &fname)) else { return Value::Error };
                let (a, b) = (self.flat(a, span), self.flat(b, span));
                let col = self.expand(a, 1, span);
                let row = self.expand(b, 0, span);
                self.elementwise2(BinaryOp::Mul, Value::Array(col), Value::Array(row), span)
            }
            "tril" | "triu" => {
                let Some(p) = self.bind_params(&fname, args, kw, &["m", "k"], 1, span) else { return Value::Error };
                let mut it = p.into_iter();
                let (m, mspan) = it.next().flatten().expect("m");
                let Some(k) = self.const_int(it.next().flatten(), 0, "k") else { return Value::Error };
                let Some(m) = self.array_arg(m, mspan, &fname) else { return Value::Error };
                let Type::Array { dtype, ndim } = self.expr_type(m) else { return Value::Error };
                if ndim != 2 {
                    self.error(diag::unsupported_call(mspan, &format!("{fname} of a {ndim}-D array"), None).with_hint("pass a 2-D array"));
                    return Value::Error;
                }
                let Some((mn, _)) = self.as_node(&Value::Array(m)) else { return Value::Error };
                // Keep m[i, j] where j - i <= k (tril) or j - i >= k (triu).
                let diff = Rc::new(LNode::Binary(BinaryOp::Sub, Rc::new(LNode::Index(1)), Rc::new(LNode::Index(0)), DType::I64));
                let op = if name == "tril" { CompareOp::Le } else { CompareOp::Ge };
                let keep = Rc::new(LNode::Compare(op, diff, Rc::new(LNode::Const { value: Const::Int(k), dtype: DType::I64 })));
                let zero = Rc::new(LNode::Const { value: super::lazy::convert_const(&Const::Int(0), dtype), dtype });
                let node = Rc::new(LNode::Select(keep, mn, zero, dtype));
                // Index nodes depend on the iteration space: evaluate over m's shape now.
                Value::Array(self.materialize(Lazy { node, ndim: 2 }, span))
            }
            "count_nonzero" => {
                let Some(p) = self.bind_params(&fname, args, kw, &["a", "axis"], 1, span) else { return Value::Error };
                let mut it = p.into_iter();
                let (a, _) = it.next().flatten().expect("a");
                let axis = it.next().flatten();
                let Some((n, nd)) = self.as_node(&a) else {
                    let what = self.describe_value(&a);
                    self.error(diag::type_error(span, format!("`{fname}` expects an array, found {what}"), "pass an array"));
                    return Value::Error;
                };
                let d = n.dtype();
                let nonzero = if d == DType::Bool {
                    n
                } else {
                    let zero = Rc::new(LNode::Const { value: super::lazy::convert_const(&Const::Int(0), d), dtype: d });
                    Rc::new(LNode::Compare(CompareOp::Ne, n, zero))
                };
                let kw = axis.map(|(v, s)| vec![("axis".to_string(), v, s)]).unwrap_or_default();
                // A NumPy int64 (NumPy 2.4 returns `np.intp` also for a whole array).
                self.reduction(Value::Lazy(Lazy { node: Rc::new(LNode::Cast(DType::I64, nonzero)), ndim: nd.max(1) }), "sum", vec![], kw, span)
            }
            "fromfunction" => {
                let Some(p) = self.bind_params(&fname, args, kw, &["function", "shape", "dtype"], 2, span) else { return Value::Error };
                let mut it = p.into_iter();
                let (f, fspan) = it.next().flatten().expect("function");
                let (shape, sspan) = it.next().flatten().expect("shape");
                let dtype = match it.next().flatten() {
                    None => DType::F64,
                    Some((Value::DType(d), _)) => d,
                    Some((Value::Builtin(b), _)) if b == "float" => DType::F64,
                    Some((Value::Builtin(b), _)) if b == "int" => DType::I64,
                    Some((Value::Builtin(b), _)) if b == "bool" => DType::Bool,
                    Some((_, dspan)) => {
                        self.error(diag::type_error(dspan, "`dtype` must be a dtype such as `np.float64` or `int`", "pass a dtype"));
                        return Value::Error;
                    }
                };
                if !matches!(f, Value::Lambda(_) | Value::UserFunc(_)) {
                    let what = self.describe_value(&f);
                    self.error(diag::unsupported_call(fspan, &format!("np.fromfunction of {what}"), None).with_hint("pass a lambda: `np.fromfunction(lambda i, j: i + j, (n, m))`"));
                    return Value::Error;
                }
                let Some(dims) = self.shape_arg(shape, sspan) else { return Value::Error };
                let ndim = dims.len();
                let coords: Args = (0..ndim)
                    .map(|axis| (Value::Lazy(Lazy { node: LNode::cast(Rc::new(LNode::Index(axis)), dtype), ndim }), fspan))
                    .collect();
                // A `def` is inlined on the coordinates where its body is straight-line (see
                // `inline.rs`); one that is not cannot take them.
                let r = match f {
                    Value::Lambda(l) => self.call_lambda(&l, coords, vec![], span),
                    Value::UserFunc(name) => {
                        let def = self.cx.funcs[&name].clone();
                        let bound: Vec<Option<(Value, Span)>> = coords.into_iter().map(Some).collect();
                        if bound.len() != def.params.len() {
                            self.error(diag::bad_arguments(fspan, &format!("`{name}` takes {} arguments, but np.fromfunction passes {} coordinates", def.params.len(), bound.len())));
                            return Value::Error;
                        }
                        match self.try_inline(&def, &bound, span) {
                            Some(v) => v,
                            None => {
                                self.error(diag::unsupported_call(fspan, &format!("np.fromfunction of `{name}`, whose body is not straight-line"), None).with_hint("write the function as assignments and one final `return`, or pass a lambda"));
                                return Value::Error;
                            }
                        }
                    }
                    _ => unreachable!("checked"),
                };
                let Some((node, _)) = self.as_node(&r) else {
                    if !matches!(r, Value::Error) {
                        let what = self.describe_value(&r);
                        self.error(diag::type_error(fspan, format!("the function of np.fromfunction returned {what}"), "return an expression of the coordinates"));
                    }
                    return Value::Error;
                };
                let d = node.dtype();
                let _ = d;
                Value::Array(self.generate(dims, node, span))
            }
            _ => {
                self.error(diag::unsupported_call(span, &fname, None));
                Value::Error
            }
        }
    }

    /// A view of `a` with at least `rank` dimensions (leading ones added).
    /// `np.block(arrays)`: nested lists of arrays (or scalars), every branch equally deep
    /// (`d` lists), joined from the innermost lists out: the innermost along the last axis,
    /// the next along the one before, and so on; the pieces first get leading axes of
    /// extent 1 up to the result's rank (the larger of `d` and the pieces' ranks).
    fn np_block(&mut self, v: Value, vspan: Span, span: Span) -> Value {
        fn depth(v: &Value) -> Result<usize, &'static str> {
            match v {
                Value::Tuple(seq) if !seq.list => Err("arrays is a tuple. Only lists can be used to arrange blocks, and np.block does not allow implicit conversion from tuple to ndarray."),
                Value::Tuple(seq) => {
                    let Some(first) = seq.items.first() else { return Err("List at arrays cannot be empty") };
                    let d = depth(first)?;
                    for item in &seq.items[1..] {
                        if depth(item)? != d {
                            return Err("List depths are mismatched");
                        }
                    }
                    Ok(d + 1)
                }
                _ => Ok(0),
            }
        }
        let d = match depth(&v) {
            Ok(d) => d,
            Err(message) => {
                self.error(diag::shape_error(vspan, format!("np.block: {message}")));
                return Value::Error;
            }
        };
        // The pieces, in order, as arrays.
        fn leaves(v: &Value, out: &mut Vec<Value>) {
            match v {
                Value::Tuple(seq) => seq.items.iter().for_each(|item| leaves(item, out)),
                other => out.push(other.clone()),
            }
        }
        let mut pieces = Vec::new();
        leaves(&v, &mut pieces);
        let mut arrays = Vec::new();
        for piece in pieces {
            let Some(a) = self.array_or_scalar(piece, vspan, "np.block") else { return Value::Error };
            arrays.push(a);
        }
        let rank = arrays.iter().map(|&a| match self.expr_type(a) {
            Type::Array { ndim, .. } => ndim,
            _ => 0,
        });
        let rank = rank.max().unwrap_or(0).max(d);
        let mut arrays = arrays.into_iter().map(|a| self.at_least(a, rank, span)).collect::<Vec<_>>().into_iter();
        fn build(fx: &mut FnCx<'_, '_>, v: &Value, level: usize, d: usize, rank: usize, arrays: &mut std::vec::IntoIter<ExprId>, span: Span) -> Option<ExprId> {
            match v {
                Value::Tuple(seq) => {
                    let mut parts = Vec::new();
                    for item in &seq.items {
                        parts.push(build(fx, item, level + 1, d, rank, arrays, span)?);
                    }
                    let axis = (rank - (d - level)) as i64;
                    match fx.concatenate(parts, Some(axis), "np.block", span) {
                        Value::Array(a) => Some(a),
                        _ => None,
                    }
                }
                _ => arrays.next(),
            }
        }
        if d == 0 {
            let Some(a) = arrays.next() else { return Value::Error };
            return self.call_builtin("numpy.array", vec![(Value::Array(a), vspan)], vec![], span);
        }
        match build(self, &v, 0, d, rank, &mut arrays, span) {
            Some(a) => Value::Array(a),
            None => Value::Error,
        }
    }

    fn at_least(&mut self, a: ExprId, rank: usize, span: Span) -> ExprId {
        let mut a = a;
        while matches!(self.expr_type(a), Type::Array { ndim, .. } if ndim < rank) {
            a = self.expand(a, 0, span);
        }
        a
    }

    /// `a.<name>(...)` for [`SHAPE_METHODS`] (and the `np.` forms that take the array first).
    pub(crate) fn call_shape_method(&mut self, recv: Value, name: &str, args: Args, kw: Kwargs, span: Span) -> Value {
        let fname = format!("ndarray.{name}");
        match name {
            // `a.repeat(repeats, axis=None)` is `np.repeat(a, ...)`.
            "repeat" => {
                let mut all = vec![(recv, span)];
                all.extend(args);
                self.call_shape_op("repeat", all, kw, span)
            }
            "clip" => {
                let mut all = vec![(recv, span)];
                all.extend(args);
                self.call_ufunc("clip", all, kw, span)
            }
            "round" => {
                let mut all = vec![(recv, span)];
                all.extend(args);
                self.call_ufunc("round", all, kw, span)
            }
            "squeeze" => {
                let Some(p) = self.bind_params(&fname, args, kw, &["axis"], 0, span) else { return Value::Error };
                let shape = self.value_shape(&recv);
                let Some(a) = self.array_arg(recv, span, &fname) else { return Value::Error };
                let Type::Array { ndim, .. } = self.expr_type(a) else { return Value::Error };
                let axes: Vec<usize> = match p.into_iter().next().flatten() {
                    None | Some((Value::None, _)) => {
                        // Every axis of extent 1: the rank must be known when compiling.
                        let Some(shape) = shape.filter(|s| s.len() == ndim) else {
                            self.error(diag::unsupported_call(span, "squeeze without axis= of an array whose shape is not known when compiling", None).with_hint("name the axes: `squeeze(axis=0)`"));
                            return Value::Error;
                        };
                        let mut axes = Vec::new();
                        for (d, extent) in shape.iter().enumerate() {
                            match extent {
                                ir::SymExpr::Const(1) => axes.push(d),
                                ir::SymExpr::Const(_) => {}
                                other => {
                                    self.error(diag::unsupported_call(span, &format!("squeeze without axis= where the extent of axis {d} ({other}) is known only at run time"), None).with_hint("name the axes: `squeeze(axis=...)`"));
                                    return Value::Error;
                                }
                            }
                        }
                        axes
                    }
                    given => match self.axes_arg(given, ndim, "repeated axis") {
                        Some(axes) => axes,
                        None => return Value::Error,
                    },
                };
                // NumPy's ValueError where a named axis is not of extent 1.
                for &d in &axes {
                    let extent = self.add(Expr::Dim(a, d), Type::py_int());
                    let one = self.const_i64(1);
                    let not_one = self.ne(extent, one);
                    self.raise_if(not_one, "cannot select an axis to squeeze out which has size not equal to one".to_string(), span);
                }
                let zero = self.const_i64(0);
                let index: Vec<IndexItem> = (0..ndim)
                    .map(|d| if axes.contains(&d) { IndexItem::Index(zero) } else { IndexItem::Slice { start: None, stop: None, step: None } })
                    .collect();
                Value::Array(self.basic_view(a, index, span))
            }
            "var" | "std" => {
                let Some(p) = self.bind_params(&fname, args, kw, &["axis", "dtype", "out", "ddof", "keepdims"], 0, span) else { return Value::Error };
                let mut it = p.into_iter();
                let axis = it.next().flatten();
                if let Some((_, s)) = it.next().flatten().or(it.next().flatten()) {
                    self.error(diag::unsupported_keyword(s, &fname, "dtype/out", &["axis", "ddof", "keepdims"]));
                    return Value::Error;
                }
                let Some(ddof) = self.const_int(it.next().flatten(), 0, "ddof") else { return Value::Error };
                let keepdims = match it.next().flatten() {
                    Some((v, vspan)) => {
                        let kw = vec![("keepdims".to_string(), v, vspan)];
                        let Some(k) = self.const_bool_kw(&kw, "keepdims", false) else { return Value::Error };
                        k
                    }
                    None => false,
                };
                self.variance(recv, axis, ddof, keepdims, name == "std", span)
            }
            _ => {
                let Some(a) = self.array_arg(recv, span, &fname) else { return Value::Error };
                let Type::Array { ndim, .. } = self.expr_type(a) else { return Value::Error };
                match name {
                    "reshape" => {
                        if let Some((k, _, kspan)) = kw.first() {
                            self.error(diag::unsupported_keyword(*kspan, &fname, k, &[]));
                            return Value::Error;
                        }
                        let Some(dims) = self.shape_args(args, span) else { return Value::Error };
                        self.reshape(a, &dims, span)
                    }
                    "ravel" | "flatten" => {
                        let Some(p) = self.bind_params(&fname, args, kw, &["order"], 0, span) else { return Value::Error };
                        // `order="F"`: the elements in column-major order, as the transpose's
                        // in row-major order.
                        let a = match p.into_iter().flatten().next() {
                            None => a,
                            Some((v, vspan)) => match self.const_str(&v).as_deref() {
                                Some("C") => a,
                                Some("F") => match self.transposed(a, span) {
                                    Value::Array(t) => t,
                                    _ => return Value::Error,
                                },
                                _ => {
                                    self.error(diag::unsupported_call(vspan, &format!("{fname} with an order other than \"C\" or \"F\""), None).with_hint("pass order=\"C\" (the default) or order=\"F\""));
                                    return Value::Error;
                                }
                            },
                        };
                        let src = if name == "flatten" {
                            let tmp = self.temp(self.expr_type(a));
                            self.emit(StmtKind::Library { op: LibraryOp::Copy, dst: tmp, args: vec![a] }, span);
                            self.read(tmp)
                        } else {
                            a
                        };
                        let minus_one = self.const_i64(-1);
                        self.reshape(src, &[minus_one], span)
                    }
                    "transpose" => {
                        if let Some((k, _, kspan)) = kw.first() {
                            self.error(diag::unsupported_keyword(*kspan, &fname, k, &["axes"]));
                            return Value::Error;
                        }
                        let items: Vec<(Value, Span)> = match args.len() {
                            0 => vec![],
                            1 => match args.into_iter().next().expect("one") {
                                (Value::Tuple(t), s) => t.into_iter().map(|v| (v, s)).collect(),
                                (Value::None, _) => vec![],
                                other => vec![other],
                            },
                            _ => args,
                        };
                        let mut axes = Vec::new();
                        for item in items {
                            let Some(x) = self.const_int(Some(item), 0, "axes") else { return Value::Error };
                            axes.push(x);
                        }
                        if !axes.is_empty() && axes.len() != ndim {
                            self.error(diag::shape_error(span, "axes don't match array"));
                            return Value::Error;
                        }
                        self.transpose(a, &axes, span)
                    }
                    "swapaxes" => {
                        let Some(p) = self.bind_params(&fname, args, kw, &["axis1", "axis2"], 2, span) else { return Value::Error };
                        let mut it = p.into_iter();
                        let Ok(Some(x)) = self.axis_arg(it.next().flatten(), ndim) else { return Value::Error };
                        let Ok(Some(y)) = self.axis_arg(it.next().flatten(), ndim) else { return Value::Error };
                        let mut axes: Vec<i64> = (0..ndim as i64).collect();
                        axes.swap(x, y);
                        self.transpose(a, &axes, span)
                    }
                    "trace" => {
                        let Some(p) = self.bind_params(&fname, args, kw, &["offset"], 0, span) else { return Value::Error };
                        let Some(k) = self.const_int(p.into_iter().flatten().next(), 0, "offset") else { return Value::Error };
                        if ndim != 2 {
                            self.error(diag::unsupported_call(span, &format!("trace of a {ndim}-D array"), None).with_hint("pass a 2-D array"));
                            return Value::Error;
                        }
                        let Type::Array { dtype, .. } = self.expr_type(a) else { return Value::Error };
                        let tmp = self.temp(Type::array(dtype, 1));
                        self.emit(StmtKind::Library { op: LibraryOp::Diagonal { k }, dst: tmp, args: vec![a] }, span);
                        let diagonal = self.read(tmp);
                        self.reduction(Value::Array(diagonal), "sum", vec![], vec![], span)
                    }
                    _ => {
                        self.error(diag::unsupported_call(span, &fname, None));
                        Value::Error
                    }
                }
            }
        }
    }
}
