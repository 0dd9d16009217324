//! `np.vectorize(f)`: a function of scalars applied to every element of its arguments'
//! broadcast shape, as NumPy's (a Python loop, not a ufunc).
//!
//! NumPy decides the result's dtype by calling `f` on the first elements once more before
//! the loop, unless `otypes=` names it; legatec makes the same calls, in the same order, so
//! a function with effects (a print, a counter) behaves alike. The result's dtype is that
//! of `f`'s result (a Python float as float64, an int as int64), or `otypes`'.

use super::{FnCx, Value};
use crate::diagnostics as diag;
use ir::{DType, Expr, Span, StmtKind, Type};

/// A vectorized function: the scalar function and the dtype `otypes=` names.
#[derive(Clone, Debug)]
pub(crate) struct Vectorized {
    pub func: Value,
    pub otype: Option<DType>,
}

impl FnCx<'_, '_> {
    /// `np.vectorize(pyfunc, otypes=None)`.
    pub(crate) fn np_vectorize(&mut self, args: Vec<(Value, Span)>, kw: Vec<(String, Value, Span)>, span: Span) -> Value {
        let Some(p) = self.bind_params("np.vectorize", args, kw, &["pyfunc", "otypes"], 1, span) else { return Value::Error };
        let mut it = p.into_iter();
        let (func, fspan) = it.next().flatten().expect("pyfunc");
        if !matches!(func, Value::Builtin(_) | Value::UserFunc(_) | Value::Lambda(_) | Value::DType(_)) {
            let what = self.describe_value(&func);
            self.error(diag::type_error(fspan, format!("`np.vectorize` of {what}"), "vectorize a function"));
            return Value::Error;
        }
        let otype = match it.next().flatten() {
            None | Some((Value::None, _)) => None,
            Some((Value::Tuple(seq), ospan)) if seq.items.len() == 1 => {
                let Some(d) = self.dtype_value(&seq.items[0]) else {
                    self.error(diag::unsupported_syntax(ospan, "`otypes` other than one type (`[float]`, `[np.int64]`)", "name one type in a list"));
                    return Value::Error;
                };
                Some(d)
            }
            Some((_, ospan)) => {
                self.error(diag::unsupported_syntax(ospan, "`otypes` other than a list of one type", "write `otypes=[float]`"));
                return Value::Error;
            }
        };
        Value::Vectorized(std::rc::Rc::new(Vectorized { func, otype }))
    }

    /// A call of a vectorized function: its arguments broadcast together, `f` called on
    /// each element in C order, the results in a new array of the arguments' shape.
    pub(crate) fn call_vectorized(&mut self, v: &Vectorized, args: Vec<(Value, Span)>, kw: Vec<(String, Value, Span)>, span: Span) -> Value {
        if let Some((k, _, kspan)) = kw.first() {
            self.error(diag::unsupported_syntax(*kspan, &format!("keyword arguments (`{k}`) of a vectorized function"), "pass its arguments by position"));
            return Value::Error;
        }
        if args.is_empty() {
            self.error(diag::bad_arguments(span, "a vectorized function needs arguments"));
            return Value::Error;
        }
        // Each argument as an array, all broadcast to one shape and flattened (copies).
        let mut arrays = Vec::new();
        for (a, aspan) in &args {
            // A number as the 0-d array NumPy makes of it.
            let a = match a {
                Value::Scalar(_) | Value::Union(_) => self.call_builtin("numpy.asarray", vec![(a.clone(), *aspan)], vec![], *aspan),
                other => other.clone(),
            };
            let Some(e) = self.array_arg(a, *aspan, "np.vectorize") else { return Value::Error };
            let held = self.temp(self.expr_type(e));
            self.emit(StmtKind::Assign { dst: held, value: e }, *aspan);
            arrays.push((held, *aspan));
        }
        // An array of the broadcast shape: `(a != a) | (b != b) | ...` (NumPy's error where
        // the shapes do not broadcast).
        let mut shaped = Value::Array(self.read(arrays[0].0));
        if arrays.len() > 1 {
            let mut any: Option<Value> = None;
            for &(p, pspan) in &arrays {
                let a = Value::Array(self.read(p));
                let ne = self.compare(crate::ast::CmpOp::NotEq, a.clone(), a, pspan);
                any = Some(match any {
                    None => ne,
                    Some(prev) => self.binary(crate::ast::BinOp::BitOr, prev, ne, pspan),
                });
            }
            shaped = any.expect("arguments");
        }
        let Some(shape_src) = self.array_arg(shaped, span, "np.vectorize") else { return Value::Error };
        let shape_held = self.temp(self.expr_type(shape_src));
        self.emit(StmtKind::Assign { dst: shape_held, value: shape_src }, span);
        let Type::Array { ndim, .. } = self.expr_type(shape_src) else { return Value::Error };
        let mut dims = Vec::new();
        for d in 0..ndim {
            let src = self.read(shape_held);
            dims.push(Value::Scalar(self.add(Expr::Dim(src, d), Type::py_int())));
        }
        let shape = Value::Tuple(dims.into());
        let mut flats = Vec::new();
        for &(p, pspan) in &arrays {
            let a = Value::Array(self.read(p));
            let b = if arrays.len() > 1 { self.call_builtin("numpy.broadcast_to", vec![(a, pspan), (shape.clone(), pspan)], vec![], pspan) } else { a };
            let flat = self.call_builtin("numpy.ravel", vec![(b, pspan)], vec![], pspan);
            let copy = self.call_builtin("numpy.array", vec![(flat, pspan)], vec![], pspan);
            let Value::Array(e) = copy else { return Value::Error };
            let held = self.temp(self.expr_type(e));
            self.emit(StmtKind::Assign { dst: held, value: e }, pspan);
            flats.push(held);
        }
        let flat0 = self.read(flats[0]);
        let n = self.add(Expr::Dim(flat0, 0), Type::py_int());
        let n_held = self.temp(Type::py_int());
        self.emit(StmtKind::Assign { dst: n_held, value: n }, span);
        let items_at = |fx: &mut Self, i: ir::ExprId| -> Vec<(Value, Span)> {
            flats
                .iter()
                .map(|&p| {
                    let a = fx.read(p);
                    let Type::Array { dtype, .. } = fx.expr_type(a) else { unreachable!("arrays") };
                    (Value::Scalar(fx.add(Expr::GetItem(a, vec![i]), Type::scalar(dtype))), span)
                })
                .collect()
        };
        // The result's type: `f` of the first elements (a call NumPy makes too, unless
        // `otypes` is given), or of elements that are never read.
        let zero = self.int_const(0);
        let out_dtype = match v.otype {
            Some(d) => {
                // (Lowered only for its type, in a block that is dropped.)
                let _ = self.block(|fx| {
                    let items = items_at(fx, zero);
                    let _ = fx.call_value(v.func.clone(), items, vec![], span);
                });
                d
            }
            None => {
                let n = self.read(n_held);
                let empty = self.add(Expr::Compare(ir::CompareOp::Eq, n, zero), Type::py_bool());
                self.raise_kind_if(empty, "ValueError", "cannot call `vectorize` on size 0 inputs unless `otypes` is set".into(), span);
                let items = items_at(self, zero);
                let first = self.call_value(v.func.clone(), items, vec![], span);
                // A number of run-time type whose types make one dtype (a float or a
                // NumPy float64) as that dtype.
                match self.union_as_item(first, span) {
                    Value::Scalar(e) => self.expr_type(e).dtype().expect("a scalar"),
                    Value::Error => return Value::Error,
                    other => {
                        let what = self.describe_value(&other);
                        self.error(diag::type_error(span, format!("a vectorized function returning {what}"), "return one number per element"));
                        return Value::Error;
                    }
                }
            }
        };
        let n = self.read(n_held);
        let out = self.call_builtin("numpy.empty", vec![(Value::Scalar(n), span)], vec![("dtype".to_string(), Value::DType(out_dtype), span)], span);
        let Value::Array(out) = out else { return Value::Error };
        let out_held = self.temp(self.expr_type(out));
        self.emit(StmtKind::Assign { dst: out_held, value: out }, span);
        let var = self.temp(Type::py_int());
        let mut ok = true;
        let body = self.block(|fx| {
            let i = fx.read(var);
            let items = items_at(fx, i);
            let r = fx.call_value(v.func.clone(), items, vec![], span);
            match fx.union_as_item(r, span) {
                Value::Scalar(e) => {
                    let c = fx.cast_scalar(e, out_dtype);
                    let o = fx.read(out_held);
                    fx.emit(StmtKind::SetItem { array: o, indices: vec![i], value: c }, span);
                }
                Value::Error => ok = false,
                other => {
                    let what = fx.describe_value(&other);
                    fx.error(diag::type_error(span, format!("a vectorized function returning {what}"), "return one number per element"));
                    ok = false;
                }
            }
        });
        if !ok {
            return Value::Error;
        }
        let one = self.int_const(1);
        let n = self.read(n_held);
        self.emit(StmtKind::For { var, start: zero, stop: n, step: one, body }, span);
        // The results in the broadcast shape.
        let out = self.read(out_held);
        self.call_builtin("numpy.reshape", vec![(Value::Array(out), span), (shape, span)], vec![], span)
    }
}
