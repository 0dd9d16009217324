//! Indexing with one index array, run by the runtime (`StmtKind::Runtime`):
//! boolean masks (`a[mask]`, `a[a > 0] = 0`) over the leading axes, and
//! integer arrays along axis 0 (`a[idx]`, `a[idx] = v`, `a[[0, 2]]`).
//!
//! A read copies (`lt_mask_get`, `lt_gather`); a write stores through the
//! index (`lt_mask_set`, `lt_scatter`). Augmented assignment `a[m] += v` is
//! Python's `a[m] = a[m] + v`: a read, the operation, and a write, so with
//! repeated integer indices each element is updated once (the last write
//! wins), as in NumPy. Index arrays combined with other indices
//! (`a[idx, 0]`, `a[:, mask]`) are compile errors.

use super::lazy::{LNode, Lazy};
use super::{FancyRead, FnCx, Value};
use crate::ast;
use crate::diagnostics as diag;
use ir::{DType, ExprId, IndexItem, ShapeSpec, Span, StmtKind, Type};
use runtime_abi::EntryPoint;

/// A lowered subscript.
pub(crate) enum Index {
    /// Integers, slices and new axes, with the integer indices (for element access).
    Basic(Vec<IndexItem>, Vec<ExprId>),
    /// One index array (bool or integer, rank 1 or more), the whole index.
    Array(ExprId),
    /// Index arrays among integers, slices and new axes (`a[:, idx]`, `a[mask, 1]`,
    /// `a[i, j]`): the basic items with a full slice where each array is, and the arrays
    /// with their positions among the items (a mask only alone).
    Mixed(Vec<IndexItem>, Vec<(usize, ExprId)>),
}

impl FnCx<'_, '_> {
    /// Checks an index array (`count` is the number of items in the subscript)
    /// and returns it as an array read.
    pub(super) fn index_array(&mut self, v: Value, count: usize, span: Span) -> Option<ExprId> {
        if count != 1 {
            self.error(diag::unsupported_index_array(
                span,
                "indexing that combines an index array with other indices",
                "index with one integer array or boolean mask alone (`a[idx]`, `a[mask]`), and slice other axes in a separate step",
            ));
            return None;
        }
        let e = match v {
            Value::Tuple(_) => match self.array_literal(v, None, span) {
                Value::Array(e) => e,
                _ => return None,
            },
            other => self.array_arg(other, span, "indexing")?,
        };
        let Type::Array { dtype, ndim } = self.expr_type(e) else { unreachable!("an index array") };
        if dtype.is_float() {
            self.error(diag::type_error(span, "arrays used as indices must be of integer (or boolean) type", "convert the index with `.astype(np.int64)`"));
            return None;
        }
        if ndim == 0 {
            self.error(diag::unsupported_index_array(span, "indexing with a 0-d index array", "index with an integer, or with a 1-D index array"));
            return None;
        }
        Some(e)
    }

    /// The rank of `a[index]`, or a compile error (NumPy's IndexError) if `index`
    /// indexes more axes than `a` has.
    fn fancy_rank(&mut self, a: ExprId, index: ExprId, span: Span) -> Option<usize> {
        let Type::Array { ndim, .. } = self.expr_type(a) else { unreachable!("an indexed array") };
        let Type::Array { dtype: index_dtype, ndim: index_ndim } = self.expr_type(index) else { unreachable!("an index array") };
        let indexed = if index_dtype == DType::Bool { index_ndim } else { 1 };
        if indexed > ndim {
            self.error(diag::shape_error(span, format!("too many indices for array: array is {ndim}-dimensional, but {indexed} were indexed")));
            return None;
        }
        Some(if index_dtype == DType::Bool { ndim - index_ndim + 1 } else { index_ndim + ndim - 1 })
    }

    /// `a[index]` with an index array: a new array.
    pub(crate) fn fancy_get(&mut self, a: ExprId, index: ExprId, span: Span) -> Value {
        let Some(rank) = self.fancy_rank(a, index, span) else { return Value::Error };
        let Type::Array { dtype, .. } = self.expr_type(a) else { unreachable!("an indexed array") };
        let func = if self.expr_type(index).dtype() == Some(DType::Bool) { EntryPoint::MaskGet } else { EntryPoint::Gather };
        let Some(result) = self.runtime_call(func, vec![a, index], Some(Type::array(dtype, rank)), span) else {
            return Value::Error;
        };
        if let (ir::Expr::Read(base), ir::Expr::Read(index)) = (&self.f.exprs[a], &self.f.exprs[index]) {
            let origin = FancyRead { base: *base, index: *index };
            self.fancy_reads.insert(result, origin);
        }
        Value::Array(result)
    }

    /// `a[index] = v` with an index array.
    pub(super) fn fancy_set(&mut self, a: ExprId, index: ExprId, v: Value, span: Span) {
        if self.fancy_rank(a, index, span).is_none() {
            return;
        }
        let Type::Array { dtype, .. } = self.expr_type(a) else { unreachable!("an indexed array") };
        let Some(values) = self.values_as_array(v, dtype, span) else { return };
        let func = if self.expr_type(index).dtype() == Some(DType::Bool) { EntryPoint::MaskSet } else { EntryPoint::Scatter };
        self.runtime_call(func, vec![a, index, values], None, span);
    }

    /// `a[index] op= rhs` where `current` is the value `a[index]` just read.
    pub(super) fn fancy_aug_assign(&mut self, current: ExprId, op: ast::BinOp, rhs: Value, span: Span) {
        let origin = self.fancy_reads[&current];
        let result = self.binary(op, Value::Array(current), rhs, span);
        let Type::Array { dtype, .. } = self.place_type(origin.base) else { unreachable!("an indexed array") };
        if let Some(rd) = self.value_dtype(&result) {
            if !super::promote::same_kind(rd, dtype) {
                self.error(diag::type_error(
                    span,
                    format!(
                        "cannot cast the {} result of `{}=` to the {} array in place",
                        rd.numpy_name(),
                        op.symbol(),
                        dtype.numpy_name()
                    ),
                    "NumPy refuses this cast too (same_kind casting); assign to a new variable instead",
                ));
                return;
            }
        }
        let a = self.read(origin.base);
        let index = self.read(origin.index);
        self.fancy_set(a, index, result, span);
    }

    /// The assigned value as an array of `dtype` (scalars as 0-d arrays).
    pub(super) fn values_as_array(&mut self, v: Value, dtype: DType, span: Span) -> Option<ExprId> {
        match v {
            Value::Scalar(e) => {
                let value = self.cast_scalar(e, dtype);
                let tmp = self.temp(Type::array(dtype, 0));
                self.emit(StmtKind::Alloc { dst: tmp, dtype, shape: ShapeSpec::Dims(vec![]) }, span);
                let array = self.read(tmp);
                self.emit(StmtKind::SetItem { array, indices: vec![], value }, span);
                Some(self.read(tmp))
            }
            Value::Array(e) => Some(self.array_as(e, dtype, span)),
            Value::Lazy(l) => {
                let ndim = l.ndim;
                Some(self.materialize(Lazy { node: LNode::cast(l.node, dtype), ndim }, span))
            }
            Value::Tuple(_) => match self.array_literal(v, Some(dtype), span) {
                Value::Array(e) => Some(e),
                _ => None,
            },
            Value::Error => None,
            other => {
                let what = self.describe_value(&other);
                self.error(diag::type_error(span, format!("cannot assign {what} to array elements"), "assign numbers or arrays"));
                None
            }
        }
    }
}
