//! Sorting and running totals, run by the runtime (`StmtKind::Runtime`):
//! `np.sort`, `ndarray.sort` (in place), `np.argsort`, `ndarray.argsort`,
//! `np.cumsum`, `np.cumprod` and their methods.
//!
//! legatec's sorts are stable whatever `kind=` says. NumPy's default kind is
//! not, so `argsort` of an array with equal values may order the indices of
//! ties differently from NumPy unless the script passes `kind="stable"`.

use super::{FnCx, Value};
use crate::diagnostics as diag;
use ir::{Const, DType, Expr, Span, Type};
use runtime_abi::EntryPoint;

type Args = Vec<(Value, Span)>;
type Kwargs = Vec<(String, Value, Span)>;

/// The sort kinds NumPy accepts; legatec runs every one as a stable sort.
const SORT_KINDS: &[&str] = &["quicksort", "mergesort", "heapsort", "stable"];

impl FnCx<'_, '_> {
    /// `np.sort(a, ...)`, `np.argsort`, `np.cumsum`, `np.cumprod`.
    pub(super) fn sort_scan_function(&mut self, name: &str, mut args: Args, kw: Kwargs, span: Span) -> Value {
        if args.is_empty() {
            self.error(diag::bad_arguments(span, format!("`np.{name}` needs an array")));
            return Value::Error;
        }
        let (array, _) = args.remove(0);
        self.sort_scan(array, name, &format!("np.{name}"), args, kw, false, span)
    }

    /// `a.sort(...)`, `a.argsort`, `a.cumsum`, `a.cumprod`.
    pub(super) fn sort_scan_method(&mut self, recv: Value, name: &str, args: Args, kw: Kwargs, span: Span) -> Value {
        self.sort_scan(recv, name, &format!("ndarray.{name}"), args, kw, true, span)
    }

    #[allow(clippy::too_many_arguments)]
    fn sort_scan(&mut self, recv: Value, name: &str, fname: &str, args: Args, kw: Kwargs, method: bool, span: Span) -> Value {
        if name == "cumsum" && self.value_dtype(&recv).is_some_and(DType::is_complex) {
            // Of the real parts and of the imaginary parts, joined.
            return self.complex_reduction(recv, name, args, kw, span);
        }
        let is_sort = matches!(name, "sort" | "argsort");
        let parameters: &[&str] = if is_sort { &["axis", "kind", "order"] } else { &["axis", "dtype", "out"] };
        let allowed: &[&str] = if is_sort { &["axis", "kind", "order", "stable"] } else { &["axis", "dtype"] };
        let Some(kw) = self.keywords(fname, kw, allowed) else { return Value::Error };
        if !self.arity(fname, &args, 0, parameters.len(), span) {
            return Value::Error;
        }
        // Positional arguments after the array are NumPy's parameters in order.
        let mut options: Kwargs = Vec::new();
        for ((value, vspan), parameter) in args.into_iter().zip(parameters) {
            if *parameter == "out" {
                self.error(diag::unsupported_keyword(vspan, fname, "out", allowed));
                return Value::Error;
            }
            options.push((parameter.to_string(), value, vspan));
        }
        for (key, value, kspan) in kw {
            if options.iter().any(|(k, _, _)| *k == key) {
                self.error(diag::bad_arguments(kspan, format!("`{fname}` got multiple values for argument `{key}`")));
                return Value::Error;
            }
            options.push((key, value, kspan));
        }
        // A (nested) list is an array, as `np.array` makes it.
        let recv = match recv {
            Value::Tuple(_) if !method => self.array_literal(recv, None, span),
            other => other,
        };
        let Some(a) = self.array_arg(recv, span, fname) else { return Value::Error };
        let Type::Array { dtype, ndim } = self.expr_type(a) else { unreachable!("array_arg returns arrays") };

        // The axis: `-1` (the last) unless given for sorts, `None` (flattened) for scans.
        let axis = match Self::kwarg(&options, "axis") {
            Some(given) => match self.axis_arg(Some(given.clone()), ndim) {
                Ok(axis) => {
                    if axis.is_none() && method && name == "sort" {
                        self.error(diag::type_error(given.1, "`ndarray.sort` cannot sort the flattened array (`axis=None`)", "use `np.sort(a, axis=None)`, which returns a new array"));
                        return Value::Error;
                    }
                    axis
                }
                Err(()) => return Value::Error,
            },
            None if is_sort => {
                if ndim == 0 {
                    self.error(diag::shape_error(span, "axis -1 is out of bounds for array of dimension 0"));
                    return Value::Error;
                }
                Some(ndim - 1)
            }
            None => None,
        };
        let rank = if axis.is_some() { ndim } else { 1 };
        let axis_code = self.const_i64(axis.map_or(runtime_abi::AXIS_FLATTENED, |a| a as i64));

        if is_sort {
            if !self.sort_options(fname, &options) {
                return Value::Error;
            }
            return match (name, method) {
                ("sort", true) => {
                    self.runtime_call(EntryPoint::SortInplace, vec![a, axis_code], None, span);
                    Value::None
                }
                ("sort", false) => self.runtime_array(EntryPoint::Sort, vec![a, axis_code], Type::array(dtype, rank), span),
                _ => self.runtime_array(EntryPoint::Argsort, vec![a, axis_code], Type::array(DType::I64, rank), span),
            };
        }
        let Some(dtype_kw) = self.dtype_kw(&options) else { return Value::Error };
        if let Some(d) = dtype_kw.filter(|d| d.is_complex()) {
            self.error(diag::unsupported_dtype(span, &format!("`dtype=` of np.{name}"), d.numpy_name(), "accumulate in a real dtype"));
            return Value::Error;
        }
        let out = dtype_kw.unwrap_or(dtype.sum_dtype());
        let code = self.const_i64(out.code());
        let func = if name == "cumsum" { EntryPoint::Cumsum } else { EntryPoint::Cumprod };
        self.runtime_array(func, vec![a, axis_code, code], Type::array(out, rank), span)
    }

    /// A runtime call returning a new array.
    pub(crate) fn runtime_array(&mut self, func: EntryPoint, args: Vec<ir::ExprId>, ty: Type, span: Span) -> Value {
        match self.runtime_call(func, args, Some(ty), span) {
            Some(e) => Value::Array(e),
            None => Value::Error,
        }
    }

    /// Checks `kind=`, `order=` and `stable=` of a sort: constants NumPy accepts.
    fn sort_options(&mut self, fname: &str, options: &Kwargs) -> bool {
        let constant = |fx: &Self, v: &Value| match v {
            Value::Str(e) | Value::Scalar(e) => match &fx.f.exprs[*e] {
                Expr::Const(c) => Some(c.clone()),
                _ => None,
            },
            Value::None => Some(Const::None),
            _ => None,
        };
        for (key, value, vspan) in options {
            let c = constant(self, value);
            match key.as_str() {
                "kind" => match c {
                    Some(Const::None) => {}
                    Some(Const::Str(s)) if SORT_KINDS.contains(&s.as_str()) => {}
                    Some(Const::Str(s)) => {
                        self.error(diag::type_error(*vspan, format!("sort kind must be one of 'quick', 'heap', or 'stable' (got '{s}')"), "use kind=\"stable\" (legatec's sorts are always stable)"));
                        return false;
                    }
                    _ => {
                        self.error(diag::type_error(*vspan, format!("`kind` of `{fname}` must be a string constant"), "write the kind as a literal such as kind=\"stable\""));
                        return false;
                    }
                },
                "order" if !matches!(c, Some(Const::None)) => {
                    self.error(diag::unsupported_keyword(*vspan, fname, "order", &["axis", "kind", "stable"]).with_hint("`order=` sorts structured arrays by field; legatec has no structured arrays"));
                    return false;
                }
                "stable" if !matches!(c, Some(Const::None | Const::Bool(_))) => {
                    self.error(diag::type_error(*vspan, format!("`stable` of `{fname}` must be True, False or None"), "write it as a literal"));
                    return false;
                }
                _ => {}
            }
        }
        true
    }
}
