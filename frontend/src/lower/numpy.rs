//! The library tables: NumPy functions, array methods, `math`, `time` and
//! Python builtins, each lowered to kernels, library operations or scalar code.

use std::rc::Rc;

use super::lazy::{LNode, Lazy};
use super::shape_ops::{SHAPE_METHODS, SHAPE_NAMES};
use super::numeric::NUMERIC_NAMES;
use super::poly::POLY_NAMES;
use super::stats::STATS_NAMES;
use super::pymath::MATH_INT_NAMES;
use super::ufuncs::{MATH_UFUNC_NAMES, UFUNC_NAMES};
use super::{FnCx, Value};
use crate::diagnostics as diag;
use ir::{
    BinaryOp, ClockKind, CompareOp, Const, DType, Expr, ExprId, LibraryOp, MathFn, ReduceOp, Span, StmtKind, Type,
};

type Args = Vec<(Value, Span)>;
type Kwargs = Vec<(String, Value, Span)>;

/// Every supported `numpy.*` name (functions, constants, dtypes, submodules).
const NUMPY_NAMES: &[&str] = &[
    "zeros", "ones", "empty", "full", "zeros_like", "ones_like", "empty_like", "full_like", "arange", "linspace", "eye",
    "identity", "diag", "diagflat", "select", "array", "asarray", "sqrt", "exp", "log", "abs", "absolute", "sin", "cos", "tanh", "floor", "ceil",
    "isnan", "maximum", "minimum", "where", "sum", "prod", "mean", "max", "min", "amax", "amin", "argmax", "argmin", "any",
    "all", "dot", "matmul", "copy", "linalg", "float64", "float32", "int64", "int32", "int16", "int8", "uint64", "uint32", "uint16", "uint8", "bool_", "pi", "e", "inf", "nan",
    "newaxis", "bool", "double", "single", "complex128", "complex64", "cdouble", "csingle", "real", "imag", "conj", "conjugate", "angle",
    // sort_scan.rs and files.rs.
    "sort", "argsort", "cumsum", "cumprod", "save", "load",
    // vectorize.rs.
    "vectorize",
    // Floating-point error handling: `with np.errstate(...)`; array printing options.
    "errstate", "set_printoptions",
    // Machine limits of the dtypes, known when compiling.
    "iinfo", "finfo",
];

/// The dtypes a `dtype=` string may name, in the hint of an unsupported one.
const DTYPE_HINT: &str = "use float64, float32, int64, int32, int16, int8, uint64, uint32, uint16, uint8, bool, complex128 or complex64";

/// The `runtime_abi::ERR_*` code of an exception class a `raise` names (NumPy's by any
/// module alias: `np.linalg.LinAlgError`).
fn exception_code(name: &str) -> Option<i64> {
    use runtime_abi as abi;
    let last = name.rsplit('.').next().unwrap_or(name);
    if name.contains('.') {
        return match last {
            "LinAlgError" if name.ends_with("linalg.LinAlgError") => Some(abi::ERR_LINALG),
            _ => None,
        };
    }
    Some(match name {
        "ValueError" => abi::ERR_VALUE,
        "TypeError" => abi::ERR_TYPE,
        "IndexError" => abi::ERR_INDEX,
        "KeyError" => abi::ERR_KEY,
        "ZeroDivisionError" => abi::ERR_ZERO_DIVISION,
        "OverflowError" => abi::ERR_OVERFLOW,
        "AssertionError" => abi::ERR_ASSERTION,
        "AttributeError" => abi::ERR_ATTRIBUTE,
        "RuntimeError" => abi::ERR_RUNTIME,
        "NotImplementedError" => abi::ERR_NOT_IMPLEMENTED,
        "Exception" => abi::ERR_EXCEPTION,
        "ArithmeticError" => abi::ERR_ARITHMETIC,
        "FloatingPointError" => abi::ERR_FLOATING_POINT,
        "LookupError" => abi::ERR_LOOKUP,
        "RecursionError" => abi::ERR_RECURSION,
        _ => return None,
    })
}

/// How many leading positional arguments of `np.<name>` are array-likes that NumPy converts
/// with `np.asarray`, so that a list or tuple there is the array `np.array` makes of it
/// (`np.mean([a, b, c])`, `np.sqrt((1, 4))`, `np.linalg.norm([3, 4])`). Shapes, axes,
/// sequences of arrays to join and index lists are not among them, nor `np.bincount`,
/// which truncates a list of floats where it refuses an array of them.
pub(crate) fn array_like_operands(name: &str) -> usize {
    if let Some(n) = super::ufuncs::ufunc_inputs(name) {
        return n;
    }
    match name {
        "sum" | "prod" | "mean" | "max" | "min" | "amax" | "amin" | "argmax" | "argmin" | "any" | "all" | "var" | "std"
        | "median" | "percentile" | "quantile" | "nansum" | "nanprod" | "nanmax" | "nanmin" | "nanmean" | "nanargmax"
        | "nanargmin" | "nanvar" | "nanstd" | "nanmedian" | "nanpercentile" | "nanquantile" | "cumsum" | "cumprod" | "sort"
        | "argsort" | "diff" | "ptp" | "count_nonzero" | "cumulative_sum" | "ediff1d" | "unique" | "histogram"
        | "clip" | "round" | "around" | "nan_to_num" | "trapezoid" | "flip" | "linalg.norm" | "diag" | "diagflat" | "isnan" | "isinf"
        | "isfinite" | "real" | "imag" | "angle" | "sign" | "square" => 1,
        "isclose" | "allclose" | "array_equal" | "dot" | "outer" | "inner" | "vdot" | "cross" | "convolve" | "correlate"
        | "searchsorted" | "digitize" | "isin" | "polyval" | "matmul" | "kron" => 2,
        "interp" => 3,
        _ => 0,
    }
}

/// The dtype a string names (`"int8"`, `"i1"`, `"u8"`, ...), as NumPy reads it.
pub(crate) fn dtype_named(name: &str) -> Option<DType> {
    Some(match name {
        "float64" | "f8" | "d" | "double" | "float" => DType::F64,
        "float32" | "f4" | "f" | "single" => DType::F32,
        "int64" | "i8" | "long" | "int" => DType::I64,
        "int32" | "i4" | "intc" => DType::I32,
        "int16" | "i2" | "short" | "h" => DType::I16,
        "int8" | "i1" | "byte" | "b" => DType::I8,
        "uint64" | "u8" | "ulong" => DType::U64,
        "uint32" | "u4" | "uintc" | "I" => DType::U32,
        "uint16" | "u2" | "ushort" | "H" => DType::U16,
        "uint8" | "u1" | "ubyte" | "B" => DType::U8,
        "bool" | "?" | "b1" => DType::Bool,
        "complex128" | "c16" | "D" | "cdouble" | "complex" => DType::C128,
        "complex64" | "c8" | "F" | "csingle" => DType::C64,
        _ => return None,
    })
}

/// Array methods lowered by `call_method` (besides those of `shape_ops::SHAPE_METHODS`).
pub(crate) const ARRAY_METHODS: &[&str] =
    &["copy", "sum", "prod", "mean", "max", "min", "argmax", "argmin", "any", "all", "dot", "astype", "sort", "argsort", "cumsum", "cumprod", "fill", "conj", "conjugate", "item", "tolist"];

/// The `np.testing` assertions legatec compiles.
const TESTING_NAMES: &[&str] = &["assert_allclose", "assert_array_equal", "assert_array_almost_equal", "assert_equal", "assert_almost_equal"];

/// NumPy functions legatec does not have, each with the supported function nearest in
/// meaning (named in the compile error).
const RELATED: &[(&str, &str)] = &[
    ("frompyfunc", "where"),
    ("piecewise", "where"),
    ("choose", "take"),
    ("extract", "nonzero"),
    ("compress", "take"),
    ("place", "where"),
    ("putmask", "where"),
    ("partition", "sort"),
    ("argpartition", "argsort"),
    ("sort_complex", "sort"),
    ("trim_zeros", "nonzero"),
    ("frombuffer", "array"),
    ("fromiter", "array"),
    ("fromstring", "array"),
    ("loadtxt", "load"),
    ("genfromtxt", "load"),
    ("savetxt", "save"),
    ("savez", "save"),
    ("savez_compressed", "save"),
    ("cbrt", "power"),
    ("apply_along_axis", "sum"),
    ("apply_over_axes", "sum"),
    ("nancumsum", "cumsum"),
    ("nancumprod", "cumprod"),
    ("resize", "tile"),
    ("histogram2d", "histogram"),
    ("histogramdd", "histogram"),
    ("einsum_path", "einsum"),
    ("asfortranarray", "copy"),
    ("ascontiguousarray", "copy"),
    ("require", "asarray"),
    ("polymul", "convolve"),
    ("polyadd", "polyval"),
    ("polysub", "polyval"),
    ("polydiv", "polyfit"),
    ("rot", "rot90"),
    ("cumulative_prod", "cumprod"),
];

const MATH_NAMES: &[&str] = &["sqrt", "exp", "log", "pi", "e", "inf", "nan", "sin", "cos", "tanh", "floor", "ceil", "fabs"];

impl FnCx<'_, '_> {
    /// `module.name`: a function, constant, dtype or submodule.
    pub fn module_attr(&mut self, module: &str, name: &str, span: Span) -> Value {
        let float = |fx: &mut Self, v: f64, weak: bool| {
            let ty = if weak { Type::py_float() } else { Type::scalar(DType::F64) };
            Value::Scalar(fx.add(Expr::Const(Const::Float(v)), ty))
        };
        match module {
            "numpy" => match name {
                "float64" | "double" => Value::DType(DType::F64),
                "float32" | "single" => Value::DType(DType::F32),
                "int64" => Value::DType(DType::I64),
                "int32" => Value::DType(DType::I32),
                "int16" => Value::DType(DType::I16),
                "int8" => Value::DType(DType::I8),
                "uint64" => Value::DType(DType::U64),
                "uint32" => Value::DType(DType::U32),
                "uint16" => Value::DType(DType::U16),
                "uint8" => Value::DType(DType::U8),
                "bool_" | "bool" => Value::DType(DType::Bool),
                "complex128" | "cdouble" => Value::DType(DType::C128),
                "complex64" | "csingle" => Value::DType(DType::C64),
                "pi" => float(self, std::f64::consts::PI, true),
                "e" => float(self, std::f64::consts::E, true),
                "inf" => float(self, f64::INFINITY, true),
                "nan" => float(self, f64::NAN, true),
                "newaxis" => Value::None,
                // NumPy's abstract scalar types: only `isinstance` takes them.
                "generic" | "number" | "integer" | "signedinteger" | "unsignedinteger" | "inexact" | "floating" | "complexfloating" => {
                    Value::Builtin(format!("numpy.{name}"))
                }
                "linalg" => Value::Module("numpy.linalg".into()),
                "fft" => Value::Module("numpy.fft".into()),
                "testing" => Value::Module("numpy.testing".into()),
                "random" => Value::Module("numpy.random".into()),
                n if NUMPY_NAMES.contains(&n) || UFUNC_NAMES.contains(&n) || SHAPE_NAMES.contains(&n) || STATS_NAMES.contains(&n) || POLY_NAMES.contains(&n) || NUMERIC_NAMES.contains(&n) => {
                    Value::Builtin(format!("numpy.{n}"))
                }
                _ => {
                    // The supported function nearest in meaning where one is known, else in
                    // spelling.
                    let related = RELATED.iter().find(|(n, _)| *n == name).map(|(_, r)| *r);
                    let near = related.or_else(|| {
                        diag::nearest(name, NUMPY_NAMES.iter().chain(UFUNC_NAMES).chain(SHAPE_NAMES).chain(STATS_NAMES).chain(POLY_NAMES).chain(NUMERIC_NAMES).copied())
                    });
                    self.error(diag::unsupported_call(span, &format!("np.{name}"), near).with_hint(
                        match near {
                            Some(n) => format!("the nearest supported function is `np.{n}`"),
                            None => "see the README for the supported subset of NumPy".into(),
                        },
                    ));
                    Value::Error
                }
            },
            "numpy.linalg" => {
                if super::linalg::LINALG_NAMES.contains(&name) {
                    return Value::Builtin(format!("numpy.linalg.{name}"));
                }
                let near = diag::nearest(name, super::linalg::LINALG_NAMES.iter().copied()).map(|n| format!("np.linalg.{n}"));
                let mut d = diag::unsupported_call(span, &format!("np.linalg.{name}"), near.as_deref());
                if matches!(name, "eig" | "eigvals") {
                    d = d.with_hint("NumPy returns general eigenvalues as real or complex numbers depending on their values, a type legatec must know when compiling; for a symmetric matrix use `np.linalg.eigh`");
                }
                self.error(d);
                Value::Error
            }
            "numpy.testing" => {
                if TESTING_NAMES.contains(&name) {
                    return Value::Builtin(format!("numpy.testing.{name}"));
                }
                let near = diag::nearest(name, TESTING_NAMES.iter().copied()).map(|n| format!("np.testing.{n}"));
                self.error(diag::unsupported_call(span, &format!("np.testing.{name}"), near.as_deref()));
                Value::Error
            }
            "numpy.fft" => {
                if super::fft::FFT_NAMES.contains(&name) {
                    return Value::Builtin(format!("numpy.fft.{name}"));
                }
                let near = diag::nearest(name, super::fft::FFT_NAMES.iter().copied()).map(|n| format!("np.fft.{n}"));
                self.error(diag::unsupported_call(span, &format!("np.fft.{name}"), near.as_deref()));
                Value::Error
            }
            "numpy.random" => self.random_module_attr(name, span),
            "math" => match name {
                "pi" => float(self, std::f64::consts::PI, true),
                "e" => float(self, std::f64::consts::E, true),
                "inf" => float(self, f64::INFINITY, true),
                "nan" => float(self, f64::NAN, true),
                n if MATH_NAMES.contains(&n) || MATH_UFUNC_NAMES.contains(&n) || MATH_INT_NAMES.contains(&n) => Value::Builtin(format!("math.{n}")),
                _ => {
                    let near = diag::nearest(name, MATH_NAMES.iter().chain(MATH_UFUNC_NAMES).chain(MATH_INT_NAMES).copied());
                    self.error(diag::unsupported_call(span, &format!("math.{name}"), near).with_hint(match near {
                        Some(n) => format!("the nearest supported function is `math.{n}`"),
                        None => format!("supported: math.{}, pi, e, inf, nan", MATH_NAMES.iter().chain(MATH_UFUNC_NAMES).filter(|n| !["pi", "e", "inf", "nan"].contains(n)).copied().collect::<Vec<_>>().join(", ")),
                    }));
                    Value::Error
                }
            },
            "time" => match name {
                "perf_counter" | "time" => Value::Builtin(format!("time.{name}")),
                _ => {
                    self.error(diag::unsupported_call(span, &format!("time.{name}"), Some("time.perf_counter")));
                    Value::Error
                }
            },
            "legate" if name == "numpy" => Value::Module("numpy".into()),
            "legate" if name == "pandas" => Value::Module("pandas".into()),
            "pandas" => self.pandas_attr(name, span),
            "argparse" | "sys" => self.cli_module_attr(module, name, span),
            _ => {
                self.error(diag::unsupported_call(span, &format!("{module}.{name}"), None));
                Value::Error
            }
        }
    }

    /// Checks that only the listed keywords were passed; returns a lookup.
    pub(crate) fn keywords(&mut self, func: &str, kw: Kwargs, allowed: &[&str]) -> Option<Vec<(String, Value, Span)>> {
        let mut ok = true;
        for (k, _, kspan) in &kw {
            if !allowed.contains(&k.as_str()) {
                self.error(diag::unsupported_keyword(*kspan, func, k, allowed));
                ok = false;
            }
        }
        ok.then_some(kw)
    }

    pub(crate) fn arity(&mut self, func: &str, args: &Args, min: usize, max: usize, span: Span) -> bool {
        if args.len() < min || args.len() > max {
            let expected = if min == max { format!("{min}") } else { format!("{min} to {max}") };
            self.error(diag::bad_arguments(span, format!("`{func}` takes {expected} positional arguments but {} were given", args.len())));
            return false;
        }
        true
    }

    /// The one positional argument of a call that takes exactly one.
    pub(super) fn single_arg(&mut self, func: &str, args: Args, span: Span) -> Option<(Value, Span)> {
        if !self.arity(func, &args, 1, 1, span) {
            return None;
        }
        args.into_iter().next()
    }

    /// The `dtype=` argument, if given.
    pub(super) fn dtype_kw(&mut self, kw: &Kwargs) -> Option<Option<DType>> {
        for (k, v, kspan) in kw {
            if k == "dtype" {
                return match v {
                    Value::DType(d) => Some(Some(*d)),
                    Value::Builtin(b) if b == "float" => Some(Some(DType::F64)),
                    Value::Builtin(b) if b == "int" => Some(Some(DType::I64)),
                    Value::Builtin(b) if b == "bool" => Some(Some(DType::Bool)),
                    Value::Builtin(b) if b == "complex" => Some(Some(DType::C128)),
                    Value::Str(e) => match &self.f.exprs[*e] {
                        Expr::Const(Const::Str(s)) => match dtype_named(s) {
                            Some(d) => Some(Some(d)),
                            None => {
                                self.error(diag::type_error(*kspan, format!("unsupported dtype `{s}`"), DTYPE_HINT));
                                None
                            }
                        },
                        _ => None,
                    },
                    _ => {
                        self.error(diag::type_error(*kspan, "`dtype=` must be a dtype such as `np.float32`", DTYPE_HINT));
                        None
                    }
                };
            }
        }
        Some(None)
    }

    pub(crate) fn kwarg(kw: &Kwargs, name: &str) -> Option<(Value, Span)> {
        kw.iter().find(|(k, _, _)| k == name).map(|(_, v, s)| (v.clone(), *s))
    }

    /// Extents from a shape argument: an int or a tuple of ints.
    pub(crate) fn shape_arg(&mut self, v: Value, span: Span) -> Option<Vec<ExprId>> {
        match v {
            Value::Tuple(items) => items.into_iter().map(|i| self.shape_extent(i, true, span)).collect(),
            other => Some(vec![self.shape_extent(other, false, span)?]),
        }
    }

    /// One extent of a shape (`in_tuple`: an item of a tuple, else the whole shape).
    /// A bool is not an integer to NumPy: its TypeError is raised at run time.
    pub(crate) fn shape_extent(&mut self, v: Value, in_tuple: bool, span: Span) -> Option<ExprId> {
        let Value::Scalar(e) = v else { return self.int_value(v, span) };
        let Type::Scalar { dtype: DType::Bool, weak } = self.expr_type(e) else { return self.int_value(v, span) };
        let raise = |message: String| ir::Stmt::new(StmtKind::Raise { kind: "TypeError".into(), message }, span);
        if in_tuple {
            self.emit(raise("an integer is required".into()).kind, span);
        } else {
            let shown = |value: &str| {
                let value = if weak { value.to_string() } else { format!("np.{value}_") };
                raise(format!("expected a sequence of integers or a single integer, got '{value}'"))
            };
            self.emit(StmtKind::If { cond: e, then_body: vec![shown("True")], else_body: vec![shown("False")] }, span);
        }
        // Not reached at run time; the lowering goes on with an extent of 0.
        Some(self.const_i64(0))
    }

    /// The `axis=` argument (keyword or the given positional), normalised.
    pub(crate) fn axis_arg(&mut self, v: Option<(Value, Span)>, ndim: usize) -> Result<Option<usize>, ()> {
        let Some((v, span)) = v else { return Ok(None) };
        if matches!(v, Value::None) {
            return Ok(None);
        }
        let axis = match &v {
            Value::Scalar(e) => match self.f.exprs[*e] {
                Expr::Const(Const::Int(a)) => Some(a),
                Expr::Unary(ir::UnaryOp::Neg, inner) => match self.f.exprs[inner] {
                    Expr::Const(Const::Int(a)) => a.checked_neg(),
                    _ => None,
                },
                _ => None,
            },
            _ => None,
        };
        let Some(a) = axis else {
            self.error(diag::type_error(span, "`axis` must be an integer constant", "write the axis as a literal such as `axis=0`"));
            return Err(());
        };
        let n = ndim as i64;
        if a < -n || a >= n {
            self.error(diag::shape_error(span, format!("axis {a} is out of bounds for array of dimension {ndim}")));
            return Err(());
        }
        Ok(Some(a.rem_euclid(n.max(1)) as usize))
    }

    /// `axis=` as NumPy's functions that take several read it: absent or None (every axis),
    /// an int, or a tuple of ints, each normalised; an axis given twice is the error
    /// `repeated` (NumPy's words differ between functions).
    pub(crate) fn axes_arg(&mut self, v: Option<(Value, Span)>, ndim: usize, repeated: &str) -> Option<Vec<usize>> {
        let Some((v, vspan)) = v else { return Some((0..ndim).collect()) };
        let items = match v {
            Value::None => return Some((0..ndim).collect()),
            Value::Tuple(items) => items.items,
            one => vec![one],
        };
        let mut axes = Vec::new();
        for item in items {
            let axis = match self.axis_arg(Some((item, vspan)), ndim) {
                Ok(Some(x)) => x,
                Ok(None) => {
                    self.error(diag::type_error(vspan, "the axes must be integers", "write each axis as an integer literal"));
                    return None;
                }
                Err(()) => return None,
            };
            if axes.contains(&axis) {
                self.error(diag::shape_error(vspan, repeated));
                return None;
            }
            axes.push(axis);
        }
        Some(axes)
    }

    /// NumPy's positional `dtype` (`np.zeros((n, n), np.int32)`): the argument after the
    /// `before` positional ones, moved to the keywords; both is NumPy's TypeError.
    fn positional_dtype(&mut self, fname: &str, mut args: Vec<(Value, Span)>, mut kw: Vec<(String, Value, Span)>, before: usize) -> Option<(Vec<(Value, Span)>, Vec<(String, Value, Span)>)> {
        if args.len() == before + 1 {
            let (v, vspan) = args.pop().expect("the dtype argument");
            if kw.iter().any(|(k, _, _)| k == "dtype") {
                self.error(diag::bad_arguments(vspan, format!("`{fname}` got multiple values for argument `dtype`")));
                return None;
            }
            kw.push(("dtype".to_string(), v, vspan));
        }
        Some((args, kw))
    }

    pub(crate) fn const_i64(&mut self, v: i64) -> ExprId {
        self.add(Expr::Const(Const::Int(v)), Type::py_int())
    }

    /// A scalar or array value as an array read (materialising lazies).
    pub(crate) fn array_arg(&mut self, v: Value, span: Span, func: &str) -> Option<ExprId> {
        match v {
            Value::Array(e) => Some(e),
            Value::Lazy(l) => Some(self.materialize(l, span)),
            Value::Error => None,
            other => {
                let what = self.describe_value(&other);
                self.error(diag::type_error(span, format!("`{func}` expects an array, found {what}"), "pass an array"));
                None
            }
        }
    }

    /// Casts an array to `dtype` (a new array) if it has another dtype.
    pub(crate) fn array_as(&mut self, a: ExprId, dtype: DType, span: Span) -> ExprId {
        let Type::Array { dtype: d, ndim } = self.expr_type(a) else { return a };
        if d == dtype {
            return a;
        }
        let node = self.as_node(&Value::Array(a)).expect("array").0;
        self.materialize(Lazy { node: LNode::cast(node, dtype), ndim }, span)
    }

    pub fn call_builtin(&mut self, path: &str, args: Args, kw: Kwargs, span: Span) -> Value {
        if path == "numpy.vectorize" {
            return self.np_vectorize(args, kw, span);
        }
        if path.starts_with("numpy.") {
            if let Some(v) = self.numpy_axis_dispatch(path, &args, &kw, span) {
                return v;
            }
        }
        let short = path.rsplit('.').next().unwrap_or(path).to_string();
        if path.starts_with("pandas.") {
            return self.call_pandas(path, args, kw, span);
        }
        // NumPy functions of series: of their values. pandas gives a Series back from ufuncs
        // (named when every Series operand has one name) and from the functions NumPy hands
        // to the Series' own method (`np.cumsum(s)` is `s.cumsum()`); the others give an
        // ndarray (`np.sort`, `np.diff`, `np.unique`, `np.where`...).
        if (path.starts_with("numpy.") || path == "abs") && args.iter().any(|(v, _)| matches!(v, Value::Series(_))) {
            let short = path.strip_prefix("numpy.").unwrap_or(path);
            if SERIES_REORDERED.contains(&short) {
                let message = format!("`np.{short}` of a Series (pandas gives a Series whose index is reordered, which legatec does not compute)");
                self.error(diag::type_error(span, message, "take the values first: `s.to_numpy()`"));
                return Value::Error;
            }
            let gives_series = path == "abs" || super::ufuncs::ufunc_inputs(short).is_some() || SERIES_FUNCTIONS.contains(&short);
            let mut series: Option<(Option<String>, super::pandas::IndexV)> = None;
            let mut plain = Vec::new();
            for (v, vspan) in args {
                match v {
                    Value::Series(s) => {
                        match &mut series {
                            Some((name, index)) => {
                                let (known, other) = (index.clone(), s.index.clone());
                                if !self.same_index(&known, &other, vspan) {
                                    self.error(diag::type_error(vspan, "these Series have different indexes", "pandas would align them by label, which legatec does not do"));
                                    return Value::Error;
                                }
                                if *name != s.name {
                                    *name = None;
                                }
                            }
                            None => series = Some((s.name.clone(), s.index.clone())),
                        }
                        plain.push((s.data.clone(), vspan));
                    }
                    other => plain.push((other, vspan)),
                }
            }
            let r = self.call_builtin(path, plain, kw, span);
            let (name, index) = series.expect("a series argument");
            let elementwise = matches!(&r, Value::Array(e) if matches!(self.expr_type(*e), Type::Array { ndim: 1, .. }))
                || matches!(&r, Value::Lazy(l) if l.ndim == 1);
            return if elementwise && gives_series { self.as_series(r, name, index, span) } else { r };
        }
        if let Some(v) = self.list_builtin(path, &args, &kw, span) {
            return v;
        }
        match path {
            "print" => self.print(args, kw, span),
            "len" => {
                let Some(_) = self.keywords("len", kw, &[]) else { return Value::Error };
                let Some((v, vspan)) = self.single_arg("len", args, span) else { return Value::Error };
                match v {
                    Value::Tuple(items) => Value::Scalar(self.const_i64(items.len() as i64)),
                    Value::Range(a, b, c) => Value::Scalar(self.runtime_len_of_range(a, b, c, vspan)),
                    Value::Dict(items) => self.dict_len(items),
                    Value::Frame(f) => Value::Scalar(self.frame_len(&f)),
                    Value::Method(recv, m) if m == "index" && matches!(*recv, Value::Frame(_) | Value::Series(_)) => Value::Scalar(self.index_handle_len(&recv)),
                    Value::Series(s) => match self.series_attr(s, "shape", span) {
                        Value::Tuple(mut items) => items.remove(0),
                        other => other,
                    },
                    Value::Cli(c) => self.cli_len(c, span),
                    Value::List(l) => Value::Scalar(self.list_len(l, span)),
                    Value::Str(e) => match &self.f.exprs[e] {
                        Expr::Const(Const::Str(s)) => {
                            let n = s.chars().count() as i64;
                            Value::Scalar(self.const_i64(n))
                        }
                        _ => match self.runtime_call(runtime_abi::EntryPoint::StrLen, vec![e], Some(Type::py_int()), span) {
                            Some(n) => Value::Scalar(n),
                            None => Value::Error,
                        },
                    },
                    // Python's TypeError for a number (CPython's words).
                    Value::Scalar(e) if matches!(self.expr_type(e), Type::Scalar { weak: true, .. }) => {
                        let dtype = self.expr_type(e).dtype().expect("a scalar");
                        let name = if dtype == DType::Bool { "bool" } else if dtype.is_float() { "float" } else if dtype.is_complex() { "complex" } else { "int" };
                        self.error(diag::type_error(vspan, format!("object of type '{name}' has no len()"), "pass an array, a list or a tuple"));
                        Value::Error
                    }
                    other => {
                        let Some(a) = self.array_arg(other, vspan, "len") else { return Value::Error };
                        let Type::Array { ndim, .. } = self.expr_type(a) else { unreachable!() };
                        if ndim == 0 {
                            self.error(diag::type_error(span, "len() of unsized object", "use a 1-D or higher array"));
                            return Value::Error;
                        }
                        Value::Scalar(self.add(Expr::Dim(a, 0), Type::py_int()))
                    }
                }
            }
            "range" => self.range_value(args, kw, span),
            "reversed" => {
                self.error(diag::unsupported_syntax(span, "calls of `reversed` outside a `for` statement or comprehension", "loop over it: `for x in reversed(seq)`, or use `a[::-1]`"));
                Value::Error
            }
            "isinstance" => {
                let Some(p) = self.bind_params("isinstance", args, kw, &["obj", "class_or_tuple"], 2, span) else { return Value::Error };
                let mut it = p.into_iter().flatten();
                let (Some((obj, _)), Some((cls, cspan))) = (it.next(), it.next()) else { return Value::Error };
                match self.instance_of(&obj, &cls, cspan) {
                    Some(b) => Value::Scalar(self.add(Expr::Const(Const::Bool(b)), Type::py_bool())),
                    None => Value::Error,
                }
            }
            "tuple" | "list" => {
                // Of a list or tuple (its items, known when compiling): the other kind.
                let Some(_) = self.keywords(path, kw, &[]) else { return Value::Error };
                if !self.arity(path, &args, 0, 1, span) {
                    return Value::Error;
                }
                let list = path == "list";
                match args.into_iter().next() {
                    None => Value::Tuple(super::Seq { items: vec![], list, named: None, held: false }),
                    Some((Value::Tuple(seq), _)) => Value::Tuple(super::Seq { items: seq.items, list, named: None, held: false }),
                    // `list(a)` of an array: its items (NumPy scalars, or rows) in a list.
                    Some((Value::Array(a), vspan)) if list => self.array_items_list(a, None, vspan),
                    Some((Value::Lazy(l), vspan)) if list => {
                        let a = self.materialize(l, vspan);
                        self.array_items_list(a, None, vspan)
                    }
                    Some((Value::Error, _)) => Value::Error,
                    Some((other, vspan)) => {
                        let what = self.describe_value(&other);
                        self.error(diag::unsupported_syntax(vspan, &format!("conversions of {what} with `{path}()`"), "legatec's lists and tuples have items known when compiling: convert lists and tuples, and keep arrays as arrays"));
                        Value::Error
                    }
                }
            }
            "map" => {
                // `map(f, xs, ...)` over lists and tuples: f applied to their items in turn,
                // as far as the shortest goes (the items known when compiling).
                let Some(_) = self.keywords(path, kw, &[]) else { return Value::Error };
                if args.len() < 2 {
                    self.error(diag::bad_arguments(span, "map() must have at least two arguments."));
                    return Value::Error;
                }
                let mut args = args.into_iter();
                let (f, _) = args.next().expect("two");
                let mut sources = Vec::new();
                for (v, vspan) in args {
                    match v {
                        Value::Tuple(seq) => sources.push(seq.items),
                        Value::Error => return Value::Error,
                        other => {
                            let what = self.describe_value(&other);
                            self.error(diag::unsupported_syntax(vspan, &format!("calls of `map` over {what}"), "map over lists and tuples, or apply NumPy functions to arrays directly"));
                            return Value::Error;
                        }
                    }
                }
                let n = sources.iter().map(Vec::len).min().unwrap_or(0);
                let mut items = Vec::with_capacity(n);
                for i in 0..n {
                    let call_args = sources.iter().map(|s| (s[i].clone(), span)).collect();
                    let r = self.call_value_pub(f.clone(), call_args, vec![], span);
                    if matches!(r, Value::Error) {
                        return Value::Error;
                    }
                    items.push(self.stabilize(r, span));
                }
                Value::Tuple(super::Seq { items, list: false, named: None, held: false })
            }
            "divmod" => {
                // Python's divmod: (x // y, x % y), NumPy's np.divmod for arrays.
                let Some(p) = self.bind_params("divmod", args, kw, &["x", "y"], 2, span) else { return Value::Error };
                let mut it = p.into_iter().flatten();
                let (Some((x, xs)), Some((y, ys))) = (it.next(), it.next()) else { return Value::Error };
                let (x, y) = (self.stabilize(x, xs), self.stabilize(y, ys));
                // Python floats: divmod's own ZeroDivisionError before `//` raises its own.
                let python = |fx: &Self, v: &Value| match v {
                    Value::Scalar(e) => match fx.f.expr_type(*e) {
                        Type::Scalar { weak: true, dtype } => Some(*dtype),
                        _ => None,
                    },
                    _ => None,
                };
                if let (Some(dx), Some(dy), Value::Scalar(ey)) = (python(self, &x), python(self, &y), &y) {
                    if dx.is_float() || dy.is_float() {
                        let zero = self.add(Expr::Const(Const::Float(0.0)), Type::py_float());
                        let ey = self.cast_scalar(*ey, DType::F64);
                        let is_zero = self.add(Expr::Compare(CompareOp::Eq, ey, zero), Type::py_bool());
                        self.raise_kind_if(is_zero, "ZeroDivisionError", "float divmod()".into(), span);
                    }
                }
                let q = self.binary(crate::ast::BinOp::FloorDiv, x.clone(), y.clone(), span);
                let q = self.stabilize(q, span);
                let r = self.binary(crate::ast::BinOp::Mod, x, y, span);
                let r = self.stabilize(r, span);
                Value::Tuple(super::Seq { items: vec![q, r], list: false, named: None, held: false })
            }
            "pow" => {
                let Some(p) = self.bind_params("pow", args, kw, &["base", "exp", "mod"], 2, span) else { return Value::Error };
                let mut it = p.into_iter();
                let (Some(Some((x, _))), Some(Some((y, _)))) = (it.next(), it.next()) else { return Value::Error };
                if let Some(Some((m, mspan))) = it.next() {
                    if !matches!(m, Value::None) {
                        self.error(diag::unsupported_syntax(mspan, "`pow` with a modulus", "compute `(base ** exp) % mod` where it fits in 64 bits"));
                        return Value::Error;
                    }
                }
                self.binary(crate::ast::BinOp::Pow, x, y, span)
            }
            "abs" | "math.fabs" => {
                let Some((v, vspan)) = self.single_arg(&short, args, span) else { return Value::Error };
                let weak = matches!(&v, Value::Scalar(e) if matches!(self.f.expr_type(*e), Type::Scalar { weak: true, .. }));
                let v = if path == "math.fabs" { self.to_float(v, vspan) } else { v };
                // Python's `abs(True)` is the int 1.
                let v = match v {
                    Value::Scalar(e) if weak && self.expr_type(e).dtype() == Some(DType::Bool) => {
                        let c = self.cast_scalar(e, DType::I64);
                        Value::Scalar(self.add(Expr::Cast(DType::I64, c), Type::py_int()))
                    }
                    other => other,
                };
                let r = self.math(MathFn::Abs, v, span);
                // A Python number in, a Python number out: typing the call itself weak
                // makes codegen check it as Python does (`abs(-2**63)` does not fit in int64).
                match r {
                    Value::Scalar(e) if weak || path == "math.fabs" => {
                        if let Some(Type::Scalar { dtype, .. }) = self.f.expr_types.get(e).cloned() {
                            self.f.expr_types.insert(e, Type::Scalar { dtype, weak: true });
                        }
                        Value::Scalar(e)
                    }
                    other => other,
                }
            }
            "sum" => {
                // Python's sum: `start` (0) plus each item in order; an array's items are its
                // rows (elements of a 1-D array).
                let Some(p) = self.bind_params("sum", args, kw, &["iterable", "start"], 1, span) else { return Value::Error };
                let mut it = p.into_iter();
                let (items, ispan) = it.next().flatten().expect("iterable");
                let given = it.next().flatten();
                let start = given.clone().map_or_else(|| Value::Scalar(self.const_i64(0)), |(v, _)| v);
                match items {
                    Value::Tuple(items) => {
                        let mut acc = start;
                        for item in items {
                            acc = self.binary(crate::ast::BinOp::Add, acc, item, span);
                        }
                        acc
                    }
                    v @ (Value::Array(_) | Value::Lazy(_)) => {
                        let vector_dtype = self.as_node(&v).filter(|(node, ndim)| *ndim == 1 && node.dtype().is_float()).map(|(node, _)| node.dtype());
                        // A Python number as `start` is the first term, in the items' dtype.
                        let weak_start = matches!(&start, Value::Scalar(e) if matches!(self.f.expr_type(*e), Type::Scalar { weak: true, dtype } if !dtype.is_complex()));
                        let Some(dtype) = vector_dtype.filter(|_| given.is_none() || weak_start) else {
                            let one_d = self.as_node(&v).is_some_and(|(_, ndim)| ndim == 1);
                            let v = self.stabilize(v, span);
                            let size = match &v {
                                Value::Array(a) if one_d && given.is_none() => Some(self.add(Expr::Size(*a), Type::py_int())),
                                _ => None,
                            };
                            let zero = Value::Scalar(self.const_i64(0));
                            let total = self.reduction(v, "sum", vec![(zero, ispan)], vec![], span);
                            let sum = self.binary(crate::ast::BinOp::Add, start.clone(), total, span);
                            // Of no items, Python's int 0 itself.
                            return match size {
                                Some(size) => {
                                    let zero = self.const_i64(0);
                                    let empty = self.add(Expr::Compare(CompareOp::Eq, size, zero), Type::py_bool());
                                    self.choose(empty, start, sum, span)
                                }
                                None => sum,
                            };
                        };
                        // Floats in order, as Python adds them (a pairwise sum rounds
                        // otherwise): the last of the running sums of the start (when one is
                        // given) and the items; none for no term.
                        let start_given = given.is_some();
                        let terms = match given {
                            Some((s0, sspan)) => {
                                let one = self.const_i64(1);
                                let first = self.new_filled(vec![one], dtype, Some((s0, sspan)), span);
                                let both = Value::Tuple(super::Seq { items: vec![first, v], list: false, named: None, held: false });
                                self.call_numpy_pub("concatenate", vec![(both, span)], vec![], span)
                            }
                            None => v,
                        };
                        let running = self.call_numpy_pub("cumsum", vec![(terms, ispan)], vec![], span);
                        let Value::Array(running) = self.stabilize(running, span) else { return Value::Error };
                        let minus_one = self.const_i64(-1);
                        let last = self.basic_view(running, vec![ir::IndexItem::Slice { start: Some(minus_one), stop: None, step: None }], span);
                        let total = self.reduction(Value::Array(last), "sum", vec![], vec![], span);
                        if start_given {
                            total
                        } else {
                            // Python's int 0 first: `0 + x` (a -0.0 becomes 0.0); of no items,
                            // that int itself.
                            let sum = self.binary(crate::ast::BinOp::Add, start.clone(), total, span);
                            let size = self.add(Expr::Size(running), Type::py_int());
                            let zero = self.const_i64(0);
                            let empty = self.add(Expr::Compare(CompareOp::Eq, size, zero), Type::py_bool());
                            self.choose(empty, start, sum, span)
                        }
                    }
                    other => {
                        let what = self.describe_value(&other);
                        self.error(diag::type_error(ispan, format!("`sum` of {what} is not supported"), "sum a list, a tuple or an array"));
                        Value::Error
                    }
                }
            }
            "any" | "all" => {
                // Python's `any`/`all`: the truth of each item (a list's or tuple's items, a
                // 1-D array's elements), false/true for none.
                let Some(p) = self.bind_params(path, args, kw, &["iterable"], 1, span) else { return Value::Error };
                let (items, ispan) = p.into_iter().next().flatten().expect("iterable");
                let is_any = path == "any";
                match items {
                    Value::Tuple(seq) => {
                        let op = if is_any { ir::LogicalOp::Or } else { ir::LogicalOp::And };
                        let mut acc = self.add(Expr::Const(Const::Bool(!is_any)), Type::py_bool());
                        for (k, item) in seq.items.into_iter().enumerate() {
                            let Some(c) = self.truth(item, ispan) else { return Value::Error };
                            acc = if k == 0 { c } else { self.add(Expr::Logical(op, acc, c), Type::py_bool()) };
                        }
                        Value::Scalar(self.retype(acc, Type::py_bool()))
                    }
                    v @ (Value::Array(_) | Value::Lazy(_)) => {
                        let ndim = self.as_node(&v).map_or(0, |(_, n)| n);
                        if ndim == 0 {
                            return self.raise_now("TypeError", "iteration over a 0-d array", span);
                        }
                        if ndim > 1 {
                            self.error(diag::type_error(
                                ispan,
                                format!("builtin `{path}` of a {ndim}-D array takes the truth of each row (ambiguous for rows of several elements)"),
                                &format!("use `np.{path}(a)` or `a.{path}()` for the elements"),
                            ));
                            return Value::Error;
                        }
                        match self.reduction(v, path, vec![], vec![], span) {
                            Value::Scalar(e) => Value::Scalar(self.add(Expr::Cast(DType::Bool, e), Type::py_bool())),
                            other => other,
                        }
                    }
                    Value::Error => Value::Error,
                    other => {
                        let what = self.describe_value(&other);
                        self.error(diag::type_error(ispan, format!("`{path}` takes an iterable, found {what} (not iterable)"), "pass a list, a tuple or a 1-D array"));
                        Value::Error
                    }
                }
            }
            "min" | "max" if args.len() == 1 && kw.is_empty() && matches!(args[0].0, Value::Tuple(_)) => {
                // One list or tuple: the extreme of its items.
                let (Value::Tuple(items), ispan) = args.into_iter().next().expect("one") else { unreachable!("matched") };
                if items.is_empty() {
                    return self.raise_now("ValueError", &format!("{path}() arg is an empty sequence"), span);
                }
                let spread = items.into_iter().map(|v| (v, ispan)).collect();
                self.call_builtin(path, spread, vec![], span)
            }
            "min" | "max" if kw.iter().any(|(k, ..)| k == "key") => {
                let mut kw = kw;
                let at = kw.iter().position(|(k, ..)| k == "key").expect("a key");
                let (_, key, kspan) = kw.remove(at);
                if let Some((k, _, kspan)) = kw.first() {
                    self.error(diag::unsupported_keyword(*kspan, path, k, &["key"]));
                    return Value::Error;
                }
                if matches!(key, Value::None) {
                    return self.call_builtin(path, args, kw, span);
                }
                if args.is_empty() {
                    self.error(diag::bad_arguments(span, format!("{path} expected at least 1 argument, got 0")));
                    return Value::Error;
                }
                self.keyed_extreme(path, args, key, kspan, span)
            }
            "min" | "max" if args.len() == 1 && kw.is_empty() && matches!(args[0].0, Value::Array(_) | Value::Lazy(_)) => {
                // An array's items: its elements (1-D), compared as Python does, NaN aside.
                let (a, aspan) = args.into_iter().next().expect("one");
                let ndim = self.as_node(&a).map_or(0, |(_, n)| n);
                if ndim != 1 {
                    self.error(diag::type_error(aspan, format!("builtin `{path}` of a {ndim}-D array compares arrays"), "use `np.min`/`np.max` with `axis=`"));
                    return Value::Error;
                }
                let Some(a) = self.array_arg(a, aspan, path) else { return Value::Error };
                let n = self.add(Expr::Dim(a, 0), Type::py_int());
                let zero = self.const_i64(0);
                let empty = self.add(Expr::Compare(CompareOp::Eq, n, zero), Type::scalar(DType::Bool));
                self.raise_kind_if(empty, "ValueError", format!("{path}() arg is an empty sequence"), span);
                let Type::Array { dtype, .. } = self.expr_type(a) else { return Value::Error };
                if !dtype.is_float() {
                    return self.reduction(Value::Array(a), path, vec![], vec![], span);
                }
                // Python compares in order: a NaN never wins, unless it comes first.
                let first = Value::Scalar(self.add(Expr::GetItem(a, vec![zero]), Type::scalar(dtype)));
                let fill = if path == "max" { f64::NEG_INFINITY } else { f64::INFINITY };
                let fill = Value::Scalar(self.add(Expr::Const(Const::Float(fill)), Type::scalar(dtype)));
                let nan = self.call_builtin("numpy.isnan", vec![(Value::Array(a), span)], vec![], span);
                let numbers = self.call_builtin("numpy.where", vec![(nan, span), (fill, span), (Value::Array(a), span)], vec![], span);
                let best = self.reduction(numbers, path, vec![], vec![], span);
                let first_nan = self.call_builtin("numpy.isnan", vec![(first.clone(), span)], vec![], span);
                self.call_builtin("numpy.where", vec![(first_nan, span), (first, span), (best, span)], vec![], span)
            }
            "min" | "max" => {
                if args.len() < 2 || self.keywords(path, kw, &[]).is_none() {
                    self.error(diag::unsupported_syntax(span, "`min`/`max` of fewer than two values", "use `np.min(a)` / `np.max(a)` for arrays"));
                    return Value::Error;
                }
                // Python keeps the first of the extreme values, with its own type: `max(0.5, 1)`
                // is the int 1, and a NaN compares false (`max(1.0, nan)` is 1.0).
                let op = if path == "min" { crate::ast::CmpOp::Lt } else { crate::ast::CmpOp::Gt };
                let mut it = args.into_iter();
                let (mut acc, _) = it.next().expect("two");
                for (v, _) in it {
                    if !matches!(acc, Value::Scalar(_) | Value::Union(_)) || !matches!(v, Value::Scalar(_) | Value::Union(_)) {
                        self.error(diag::type_error(span, "builtin `min`/`max` of arrays is not supported", "use `np.minimum`/`np.maximum`"));
                        return Value::Error;
                    }
                    let v = self.stabilize(v, span);
                    let better = self.compare(op, v.clone(), acc.clone(), span);
                    let Some(c) = self.truth(better, span) else { return Value::Error };
                    acc = self.choose(c, v, acc, span);
                }
                acc
            }
            "complex" => self.complex_builtin(args, kw, span),
            "int" | "float" | "bool" => {
                let Some((v, vspan)) = self.single_arg(path, args, span) else { return Value::Error };
                let dtype = match path {
                    "int" => DType::I64,
                    "float" => DType::F64,
                    _ => DType::Bool,
                };
                match v {
                    Value::Scalar(e) => self.convert_scalar(e, dtype, true, vspan),
                    // Python's truth of other values: None is false, a container is true
                    // when it holds items.
                    Value::None if dtype == DType::Bool => Value::Scalar(self.add(Expr::Const(Const::Bool(false)), Type::py_bool())),
                    Value::Tuple(seq) if dtype == DType::Bool => Value::Scalar(self.add(Expr::Const(Const::Bool(!seq.is_empty())), Type::py_bool())),
                    Value::List(_) if dtype == DType::Bool => match self.truth(v, vspan) {
                        Some(c) => Value::Scalar(self.retype(c, Type::py_bool())),
                        None => Value::Error,
                    },
                    Value::BigInt(b) if dtype == DType::F64 => Value::Scalar(self.add(Expr::Const(Const::Float(b as f64)), Type::py_float())),
                    Value::BigInt(b) if dtype == DType::Bool => Value::Scalar(self.add(Expr::Const(Const::Bool(b != 0)), Type::py_bool())),
                    big @ Value::BigInt(_) => big,
                    Value::Str(e) if dtype != DType::Bool => self.str_to_number(e, dtype, span),
                    other => {
                        let what = self.describe_value(&other);
                        self.error(diag::type_error(vspan, format!("cannot convert {what} with `{path}()`"), "convert scalars; use `.astype` for arrays"));
                        Value::Error
                    }
                }
            }
            "str" => {
                let Some((v, vspan)) = self.single_arg("str", args, span) else { return Value::Error };
                self.format_value(v, "", vspan).map(Value::Str).unwrap_or(Value::Error)
            }
            "sorted" => {
                // Of a list or tuple of numbers of one Python type (known in length when
                // compiling): the list of them in order, through a stable sort of their array.
                // Python's `sorted(iterable, /, *, key=None, reverse=False)`.
                let Some(kw) = self.keywords("sorted", kw, &["key", "reverse"]) else { return Value::Error };
                let Some(reverse) = self.const_bool_kw(&kw, "reverse", false) else { return Value::Error };
                let Some((v, vspan)) = self.single_arg("sorted", args, span) else { return Value::Error };
                if let Some((key, kspan)) = Self::kwarg(&kw, "key").filter(|(k, _)| !matches!(k, Value::None)) {
                    // Of numbers written out or an array's elements: as a list built at run time.
                    let l = match v {
                        Value::List(l) => Value::List(l),
                        Value::Tuple(seq) => self.list_from_items(seq, None, vspan),
                        other => match self.array_arg(other, vspan, "sorted") {
                            Some(a) if matches!(self.expr_type(a), Type::Array { ndim: 1, .. }) => self.array_items_list(a, None, vspan),
                            Some(_) => {
                                self.error(diag::type_error(vspan, "`sorted` with `key=` of an array of more than one dimension (its rows)", "pass a 1-D array or a list"));
                                Value::Error
                            }
                            None => Value::Error,
                        },
                    };
                    let Value::List(l) = l else { return Value::Error };
                    return self.keyed_sort(l, key, kspan, reverse, span);
                }
                // Of an array: its NumPy scalars in a list, sorted.
                let v = match v {
                    Value::Lazy(l) => Value::Array(self.materialize(l, vspan)),
                    other => other,
                };
                if let Value::Array(a) = v {
                    return self.array_items_list(a, Some(reverse), vspan);
                }
                let Value::Tuple(seq) = v else {
                    if !matches!(v, Value::Error) {
                        let what = self.describe_value(&v);
                        self.error(diag::unsupported_syntax(vspan, &format!("calls of `sorted` on {what}"), "sort lists and tuples of numbers, or arrays with np.sort"));
                    }
                    return Value::Error;
                };
                if seq.items.is_empty() {
                    return Value::Tuple(super::Seq { items: vec![], list: true, named: None, held: false });
                }
                let python = |fx: &Self, i: &Value| match i {
                    Value::Scalar(e) => match fx.expr_type(*e) {
                        Type::Scalar { dtype, weak: true } if !dtype.is_complex() => Some(dtype),
                        _ => None,
                    },
                    _ => None,
                };
                let first = python(self, &seq.items[0]);
                if first.is_none() || seq.items.iter().any(|i| python(self, i) != first) {
                    self.error(diag::unsupported_syntax(vspan, "calls of `sorted` on items other than Python numbers of one type", "convert the items to one type first"));
                    return Value::Error;
                }
                let n = seq.items.len();
                // Reversed: the items reversed, sorted stably, read from the end (equal items
                // keep their order, as Python's).
                let mut seq = seq;
                if reverse {
                    seq.items.reverse();
                }
                let Value::Array(arr) = self.array_literal(Value::Tuple(seq), None, vspan) else { return Value::Error };
                // Python's order of items with a NaN is its comparisons' accident.
                if self.expr_type(arr).dtype().is_some_and(|d| d.is_float()) {
                    let nan = self.call_builtin("numpy.isnan", vec![(Value::Array(arr), span)], vec![], span);
                    let any = self.reduction(nan, "any", vec![], vec![], span);
                    if let Some(c) = self.truth(any, span) {
                        self.raise_kind_if(c, "ValueError", "legatec: sorting a list that holds NaN (Python's order of the items then depends on its comparisons; sort the array instead: `np.sort(np.array(xs))` puts NaN last)".into(), span);
                    }
                }
                let stable = Value::Str(self.str_const("stable"));
                let sorted = self.np("sort", vec![Value::Array(arr)], vec![("kind", stable)], span);
                let Value::Array(sorted) = sorted else { return Value::Error };
                let Type::Array { dtype, .. } = self.expr_type(sorted) else { return Value::Error };
                let ty = Type::Scalar { dtype, weak: true };
                let items = (0..n)
                    .map(|i| {
                        let at = self.const_i64(if reverse { (n - 1 - i) as i64 } else { i as i64 });
                        Value::Scalar(self.add(Expr::GetItem(sorted, vec![at]), ty.clone()))
                    })
                    .collect();
                Value::Tuple(super::Seq { items, list: true, named: None, held: false })
            }
            "repr" => {
                let Some((v, vspan)) = self.single_arg("repr", args, span) else { return Value::Error };
                self.repr(v, vspan).map(Value::Str).unwrap_or(Value::Error)
            }
            "format" => {
                // `format(value, spec)`: the spec a literal, as in f-strings.
                let Some(p) = self.bind_params("format", args, kw, &["value", "format_spec"], 1, span) else { return Value::Error };
                let mut it = p.into_iter();
                let (v, vspan) = it.next().flatten().expect("value");
                let spec = match it.next().flatten() {
                    None => String::new(),
                    Some((Value::Str(e), sspan)) => match &self.f.exprs[e] {
                        Expr::Const(Const::Str(s)) => s.clone(),
                        _ => {
                            self.error(diag::unsupported_syntax(sspan, "computed format specs", "write the spec as a literal"));
                            return Value::Error;
                        }
                    },
                    Some((other, sspan)) => {
                        let what = self.describe_value(&other);
                        self.error(diag::type_error(sspan, format!("format() argument 2 must be str, not {what}"), "pass a literal spec"));
                        return Value::Error;
                    }
                };
                self.format_value(v, &spec, vspan).map(Value::Str).unwrap_or(Value::Error)
            }
            crate::syntax::ASSERT_FAIL => {
                // A failed `assert` (see `syntax.rs`): AssertionError with `str(msg)`.
                let message = match args.into_iter().next() {
                    Some((v, vspan)) => match self.format_value(v, "", vspan) {
                        Some(m) => m,
                        None => return Value::Error,
                    },
                    None => self.str_const(""),
                };
                let kind = self.const_i64(runtime_abi::ERR_ASSERTION);
                self.runtime_call(runtime_abi::EntryPoint::Raise, vec![kind, message], None, span);
                Value::None
            }
            crate::syntax::CLOSURE => {
                // A read of a lifted nested function (see `closures.rs`): its name, then the
                // values of its free names, which are its last (keyword-only) parameters.
                let mut it = args.into_iter();
                let Some((Value::Str(name_e), _)) = it.next() else { return Value::Error };
                let Expr::Const(Const::Str(func)) = self.f.exprs[name_e].clone() else { return Value::Error };
                let Some((Value::Scalar(stable_e), _)) = it.next() else { return Value::Error };
                let stable = matches!(self.f.exprs[stable_e], Expr::Const(Const::Bool(true)));
                let values: Vec<Value> = it.map(|(v, _)| v).collect();
                if values.iter().any(|v| matches!(v, Value::Error)) {
                    return Value::Error;
                }
                if values.is_empty() {
                    return Value::UserFunc(func);
                }
                let Some(def) = self.cx.funcs.get(&func).cloned() else { return Value::Error };
                let names = def.params[def.params.len() - values.len()..].iter().map(|p| p.name.clone()).collect();
                Value::Closure(std::rc::Rc::new(super::ClosureVal { func, names, values, stable }))
            }
            crate::syntax::RAISE => {
                // `raise E(args)` (see `syntax.rs`): the class's dotted name, then the
                // constructor's arguments; Python prints `str()` of the exception: nothing
                // for no argument, `str(arg)` of one (`repr` for KeyError), the tuple's text
                // of several. Nothing after it runs.
                let mut it = args.into_iter();
                let Some((Value::Str(name_e), name_span)) = it.next() else { return Value::Error };
                let Expr::Const(Const::Str(name)) = self.f.exprs[name_e].clone() else { return Value::Error };
                let Some(code) = exception_code(&name) else {
                    self.error(ir::Diagnostic::error("unsupported-syntax", name_span, format!("raising `{name}` is not supported by legatec")).with_hint(
                        "raise one of Python's built-in exceptions (ValueError, TypeError, IndexError, KeyError, RuntimeError, NotImplementedError, ZeroDivisionError, OverflowError, ArithmeticError, FloatingPointError, LookupError, AssertionError, AttributeError, Exception) or np.linalg.LinAlgError".to_string(),
                    ));
                    return Value::Error;
                };
                let rest: Vec<(Value, Span)> = it.collect();
                let message = match rest.len() {
                    0 => self.str_const(""),
                    1 => {
                        let (v, vspan) = rest.into_iter().next().expect("one argument");
                        let text = if code == runtime_abi::ERR_KEY { self.repr(v, vspan) } else { self.format_value(v, "", vspan) };
                        let Some(m) = text else { return Value::Error };
                        m
                    }
                    _ => {
                        let items = rest.iter().map(|(v, _)| v.clone()).collect();
                        let Some(m) = self.format_value(Value::Tuple(super::Seq { items, list: false, named: None, held: false }), "", span) else { return Value::Error };
                        m
                    }
                };
                let kind = self.const_i64(code);
                self.runtime_call(runtime_abi::EntryPoint::Raise, vec![kind, message], None, span);
                self.flow = None;
                Value::None
            }
            _ if path.starts_with("numpy.testing.") => self.np_testing(&short, args, kw, span),
            "numpy.set_printoptions" => {
                // The options arrays print with from here on (on every rank): precision,
                // threshold, edgeitems, linewidth, suppress; others are compile errors.
                let names = ["precision", "threshold", "edgeitems", "linewidth", "suppress"];
                let Some(p) = self.bind_params("np.set_printoptions", args, kw, &names, 0, span) else { return Value::Error };
                let mut values = Vec::new();
                for (i, given) in p.into_iter().enumerate() {
                    let v = match given {
                        None | Some((Value::None, _)) => self.const_i64(-1),
                        Some((v, vspan)) => {
                            if i == 4 {
                                let Some(b) = self.truth(v, vspan) else { return Value::Error };
                                self.cast_scalar(b, DType::I64)
                            } else {
                                let Some(n) = self.int_value(v, vspan) else { return Value::Error };
                                // NumPy refuses a negative value; here it would mean "unchanged".
                                let zero = self.const_i64(0);
                                let negative = self.add(Expr::Compare(CompareOp::Lt, n, zero), Type::py_bool());
                                let message = if i == 0 { "precision must be >= 0" } else { "threshold must be non-NAN, try sys.maxsize for untruncated representation" };
                                if i <= 1 {
                                    self.raise_kind_if(negative, "ValueError", message.into(), vspan);
                                }
                                n
                            }
                        }
                    };
                    values.push(v);
                }
                self.runtime_call(runtime_abi::EntryPoint::SetPrintOptions, values, None, span);
                Value::None
            }
            "numpy.errstate" => {
                // legatec computes IEEE results and prints no RuntimeWarning, which is what
                // "ignore" asks for and what the others ("warn", "print", "log") change
                // only on stderr; "raise" and "call" would change the program's course.
                if let Some((_, vspan)) = args.first() {
                    self.error(diag::bad_arguments(*vspan, "np.errstate takes keyword arguments only"));
                    return Value::Error;
                }
                for (k, v, kspan) in &kw {
                    if !["all", "divide", "over", "under", "invalid"].contains(&k.as_str()) {
                        self.error(diag::unsupported_keyword(*kspan, "np.errstate", k, &["all", "divide", "over", "under", "invalid"]));
                        return Value::Error;
                    }
                    let mode = match v {
                        Value::Str(e) => match &self.f.exprs[*e] {
                            Expr::Const(Const::Str(m)) => Some(m.clone()),
                            _ => None,
                        },
                        Value::None => Some("None".to_string()),
                        _ => None,
                    };
                    match mode.as_deref() {
                        Some("ignore" | "warn" | "print" | "log" | "None") => {}
                        Some(m @ ("raise" | "call")) => {
                            self.error(diag::unsupported_syntax(*kspan, &format!("floating-point errors set to \"{m}\""), "legatec does not raise FloatingPointError: check the results with `np.isfinite` instead"));
                            return Value::Error;
                        }
                        _ => {
                            self.error(diag::type_error(*kspan, format!("`{k}=` of np.errstate must be one of \"ignore\", \"warn\", \"raise\", \"call\", \"print\", \"log\""), "pass a string constant"));
                            return Value::Error;
                        }
                    }
                }
                Value::None
            }
            "hex" | "oct" | "bin" => {
                // Python's prefixed base conversions of an integer: `format(x, "#x")`.
                let Some(_) = self.keywords(path, kw, &[]) else { return Value::Error };
                let Some((v, vspan)) = self.single_arg(path, args, span) else { return Value::Error };
                let spec = match path { "hex" => "#x", "oct" => "#o", _ => "#b" };
                match v {
                    Value::BigInt(b) => {
                        let (sign, digits) = (if b < 0 { "-" } else { "" }, b.unsigned_abs());
                        let text = match path { "hex" => format!("{sign}0x{digits:x}"), "oct" => format!("{sign}0o{digits:o}"), _ => format!("{sign}0b{digits:b}") };
                        Value::Str(self.str_const(&text))
                    }
                    Value::Scalar(e) if self.expr_type(e).dtype().is_some_and(|d| d.is_int() || d == DType::Bool) => {
                        self.format_value(Value::Scalar(e), spec, vspan).map(Value::Str).unwrap_or(Value::Error)
                    }
                    Value::Error => Value::Error,
                    other => {
                        let what = self.describe_value(&other);
                        self.error(diag::type_error(vspan, format!("{what} cannot be interpreted as an integer"), "pass an integer"));
                        Value::Error
                    }
                }
            }
            "round" => self.python_round(args, kw, span),
            "sys.exit" => {
                // Python's SystemExit: an int (or bool) is the exit status, None or nothing
                // 0 (as at the program's end), anything else printed on stderr with status 1.
                let Some(p) = self.bind_params("sys.exit", args, kw, &["status"], 0, span) else { return Value::Error };
                let arg = p.into_iter().next().flatten();
                let (code, message) = match arg {
                    None | Some((Value::None, _)) => (self.const_i64(0), None),
                    Some((Value::Scalar(e), vspan)) => match self.expr_type(e).dtype() {
                        Some(d) if d.is_int() || d == DType::Bool => (self.cast_scalar(e, DType::I64), None),
                        _ => match self.format_value(Value::Scalar(e), "", vspan) {
                            Some(m) => (self.const_i64(1), Some(m)),
                            None => return Value::Error,
                        },
                    },
                    Some((v @ Value::Str(_), vspan)) => match self.format_value(v, "", vspan) {
                        Some(m) => (self.const_i64(1), Some(m)),
                        None => return Value::Error,
                    },
                    Some((Value::Error, _)) => return Value::Error,
                    Some((other, vspan)) => {
                        let what = self.describe_value(&other);
                        self.error(diag::unsupported_syntax(vspan, &format!("`sys.exit` of {what}"), "pass an int, a str or None"));
                        return Value::Error;
                    }
                };
                let has = self.const_i64(i64::from(message.is_some()));
                let message = message.unwrap_or_else(|| self.str_const(""));
                self.runtime_call(runtime_abi::EntryPoint::Exit, vec![code, has, message], None, span);
                self.flow = None;
                Value::None
            }
            "time.perf_counter" | "time.time" => {
                let k = if path == "time.time" { ClockKind::Time } else { ClockKind::PerfCounter };
                Value::Scalar(self.add(Expr::Clock(k), Type::py_float()))
            }
            _ if path.starts_with("math.") && MATH_UFUNC_NAMES.contains(&short.as_str()) => self.call_math_ufunc(&short, args, kw, span),
            _ if path.starts_with("math.") && MATH_INT_NAMES.contains(&short.as_str()) => self.call_math_int(&short, args, kw, span),
            "math.log" if args.len() == 2 && kw.is_empty() => {
                let mut it = args.into_iter();
                let (x, base) = (it.next().expect("two"), it.next().expect("two"));
                self.math_log_base(x, base, span)
            }
            _ if path.starts_with("math.") => {
                let Some(_) = self.keywords(path, kw, &[]) else { return Value::Error };
                let Some((v, vspan)) = self.single_arg(path, args, span) else { return Value::Error };
                let f = match short.as_str() {
                    "sqrt" => MathFn::Sqrt,
                    "exp" => MathFn::Exp,
                    "log" => MathFn::Log,
                    "sin" => MathFn::Sin,
                    "cos" => MathFn::Cos,
                    "tanh" => MathFn::Tanh,
                    "floor" => MathFn::Floor,
                    _ => MathFn::Ceil,
                };
                if !matches!(v, Value::Scalar(_)) {
                    self.error(diag::type_error(vspan, format!("`{path}` takes a number"), "use the `np.` function for arrays"));
                    return Value::Error;
                }
                let v = self.to_float(v, vspan);
                let r = self.math(f, v, span);
                // `math.*` results are Python floats: typing the call itself weak makes
                // codegen raise CPython's ValueError/OverflowError (math.sqrt(-1)).
                if let Value::Scalar(e) = r {
                    if let Some(Type::Scalar { dtype, .. }) = self.f.expr_types.get(e).cloned() {
                        self.f.expr_types.insert(e, Type::Scalar { dtype, weak: true });
                    }
                }
                if matches!(f, MathFn::Floor | MathFn::Ceil) {
                    // math.floor/ceil return Python ints.
                    if let Value::Scalar(e) = r {
                        return Value::Scalar(self.add(Expr::Cast(DType::I64, e), Type::py_int()));
                    }
                }
                self.keep_weak(r, true)
            }
            _ if path.starts_with("numpy.random.") => self.call_random(&short, args, kw, span),
            _ if path.starts_with("argparse.") => self.argparse_call(path, args, kw, span),
            _ => self.call_numpy(&short, path, args, kw, span),
        }
    }

    fn keep_weak(&mut self, v: Value, weak: bool) -> Value {
        match v {
            Value::Scalar(e) if weak => {
                let d = self.expr_type(e).dtype().expect("scalar");
                Value::Scalar(self.add(Expr::Cast(d, e), Type::Scalar { dtype: d, weak: true }))
            }
            other => other,
        }
    }

    fn to_float(&mut self, v: Value, _span: Span) -> Value {
        match v {
            Value::Scalar(e) => {
                let ty = self.expr_type(e);
                if ty.dtype().map(|d| d.is_float()).unwrap_or(true) {
                    return Value::Scalar(e);
                }
                let Type::Scalar { weak, .. } = ty else { unreachable!() };
                let c = self.cast_scalar(e, DType::F64);
                Value::Scalar(self.add(Expr::Cast(DType::F64, c), Type::Scalar { dtype: DType::F64, weak }))
            }
            other => other,
        }
    }

    /// `int(x)`, `float(x)`, `bool(x)` (weak results) and `np.float32(x)` (strong):
    /// bools by Python truthiness, numbers by casting.
    /// `np.testing.assert_*`: nothing where the values agree, AssertionError where they do
    /// not (its first line NumPy's, `Not equal to tolerance rtol=..., atol=...` and the like,
    /// without NumPy's table of mismatches). Arrays of different shapes fail, as NumPy's do.
    fn np_testing(&mut self, name: &str, args: Args, kw: Kwargs, span: Span) -> Value {
        let fname = format!("np.testing.{name}");
        let params: &[&str] = match name {
            "assert_allclose" => &["actual", "desired", "rtol", "atol", "equal_nan", "err_msg", "verbose"],
            "assert_array_almost_equal" | "assert_almost_equal" => &["actual", "desired", "decimal", "err_msg", "verbose"],
            _ => &["actual", "desired", "err_msg", "verbose"],
        };
        let Some(p) = self.bind_params(&fname, args, kw, params, 2, span) else { return Value::Error };
        let mut given: std::collections::HashMap<&str, (Value, Span)> = std::collections::HashMap::new();
        for (k, v) in params.iter().zip(p) {
            if let Some(v) = v {
                given.insert(k, v);
            }
        }
        let (actual, aspan) = given.remove("actual").expect("actual");
        let (desired, dspan) = given.remove("desired").expect("desired");
        for (v, vspan) in [(&actual, aspan), (&desired, dspan)] {
            if self.value_dtype(v).is_none() && !matches!(v, Value::Tuple(_)) {
                if !matches!(v, Value::Error) {
                    let what = self.describe_value(v);
                    self.error(diag::type_error(vspan, format!("`{fname}` compares numbers and arrays, found {what}"), "compare numbers or arrays"));
                }
                return Value::Error;
            }
        }
        let (Some(a), Some(d)) = (self.array_or_scalar(actual, aspan, &fname), self.array_or_scalar(desired, dspan, &fname)) else { return Value::Error };
        let (Type::Array { ndim: an, .. }, Type::Array { ndim: dn, .. }) = (self.expr_type(a), self.expr_type(d)) else { return Value::Error };
        let kind = self.const_i64(runtime_abi::ERR_ASSERTION);
        // Shapes: equal, or one side a single number (NumPy compares it with every element).
        let shape_message = format!("\n{}\n\n(shapes mismatch)", match name {
            "assert_allclose" => "Not equal to tolerance",
            "assert_array_almost_equal" | "assert_almost_equal" => "Arrays are not almost equal",
            _ => "Arrays are not equal",
        });
        if an != dn && an != 0 && dn != 0 {
            let message = self.str_const(&shape_message);
            self.runtime_call(runtime_abi::EntryPoint::Raise, vec![kind, message], None, span);
            return Value::None;
        }
        if an == dn && an > 0 {
            for axis in 0..an {
                let (x, y) = (self.add(Expr::Dim(a, axis), Type::py_int()), self.add(Expr::Dim(d, axis), Type::py_int()));
                let differ = self.add(Expr::Compare(CompareOp::Ne, x, y), Type::py_bool());
                let then_body = self.block(|fx| {
                    let message = fx.str_const(&shape_message);
                    fx.runtime_call(runtime_abi::EntryPoint::Raise, vec![kind, message], None, span);
                });
                self.emit(StmtKind::If { cond: differ, then_body, else_body: vec![] }, span);
            }
        }
        let (va, vd) = (Value::Array(a), Value::Array(d));
        let float_of = |v: Option<(Value, Span)>, default: f64, fx: &mut Self| match v {
            Some((v, _)) => v,
            None => Value::Scalar(fx.add(Expr::Const(Const::Float(default)), Type::py_float())),
        };
        let (close, head) = match name {
            "assert_allclose" => {
                let rtol = float_of(given.remove("rtol"), 1e-7, self);
                // NumPy's default atol is the int 0 (its message shows `atol=0`).
                let atol = match given.remove("atol") {
                    Some((v, _)) => v,
                    None => Value::Scalar(self.const_i64(0)),
                };
                let equal_nan = given.remove("equal_nan").map(|(v, _)| v).unwrap_or_else(|| Value::Scalar(self.add(Expr::Const(Const::Bool(true)), Type::py_bool())));
                let close = self.np("isclose", vec![va.clone(), vd.clone()], vec![("rtol", rtol.clone()), ("atol", atol.clone()), ("equal_nan", equal_nan)], span);
                let (Some(r), Some(t)) = (self.format_value(rtol, "", span), self.format_value(atol, "", span)) else { return Value::Error };
                let parts = vec![self.str_const("\nNot equal to tolerance rtol="), r, self.str_const(", atol="), t];
                (close, self.add(Expr::Concat(parts), Type::Str))
            }
            "assert_array_almost_equal" | "assert_almost_equal" => {
                let decimal = match given.remove("decimal") {
                    Some((v, vspan)) => match self.int_value(v, vspan) {
                        Some(e) => e,
                        None => return Value::Error,
                    },
                    None => self.const_i64(if name == "assert_almost_equal" { 7 } else { 6 }),
                };
                // |desired - actual| < 1.5 * 10**(-decimal), NaNs in the same places equal.
                let neg = self.add(Expr::Unary(ir::UnaryOp::Neg, decimal), Type::py_int());
                let negf = self.cast_scalar(neg, DType::F64);
                let ten = self.add(Expr::Const(Const::Float(10.0)), Type::py_float());
                let pow = self.binary(crate::ast::BinOp::Pow, Value::Scalar(ten), Value::Scalar(negf), span);
                let one_and_half = Value::Scalar(self.add(Expr::Const(Const::Float(1.5)), Type::py_float()));
                let bound = self.binary(crate::ast::BinOp::Mul, one_and_half, pow, span);
                let diff = self.binary(crate::ast::BinOp::Sub, vd.clone(), va.clone(), span);
                let dist = self.np("abs", vec![diff], vec![], span);
                let near = self.compare(crate::ast::CmpOp::Lt, dist, bound, span);
                let both_nan = self.both_nan(&va, &vd, span);
                let close = self.binary(crate::ast::BinOp::BitOr, near, both_nan, span);
                let Some(dec) = self.format_value(Value::Scalar(decimal), "", span) else { return Value::Error };
                let parts = vec![self.str_const("\nArrays are not almost equal to "), dec, self.str_const(" decimals")];
                (close, self.add(Expr::Concat(parts), Type::Str))
            }
            _ => {
                let eq = self.compare(crate::ast::CmpOp::Eq, va.clone(), vd.clone(), span);
                let both_nan = self.both_nan(&va, &vd, span);
                let close = self.binary(crate::ast::BinOp::BitOr, eq, both_nan, span);
                (close, self.str_const(if name == "assert_equal" { "\nItems are not equal" } else { "\nArrays are not equal" }))
            }
        };
        let all = self.np("all", vec![close], vec![], span);
        let Value::Scalar(all) = all else { return Value::Error };
        let fails = self.add(Expr::Unary(ir::UnaryOp::Not, all), Type::py_bool());
        let err_msg = given.remove("err_msg");
        let then_body = self.block(|fx| {
            let mut parts = vec![head];
            if let Some((m, mspan)) = err_msg {
                if let Some(m) = fx.format_value(m, "", mspan) {
                    parts.push(fx.str_const("\n"));
                    parts.push(m);
                }
            }
            let message = fx.add(Expr::Concat(parts), Type::Str);
            fx.runtime_call(runtime_abi::EntryPoint::Raise, vec![kind, message], None, span);
        });
        self.emit(StmtKind::If { cond: fails, then_body, else_body: vec![] }, span);
        Value::None
    }

    /// Where both values are NaN (false everywhere for integers).
    fn both_nan(&mut self, a: &Value, b: &Value, span: Span) -> Value {
        let float = |fx: &Self, v: &Value| fx.value_dtype(v).is_some_and(|d| d.is_float() || d.is_complex());
        if !(float(self, a) && float(self, b)) {
            return Value::Scalar(self.add(Expr::Const(Const::Bool(false)), Type::py_bool()));
        }
        let x = self.np("isnan", vec![a.clone()], vec![], span);
        let y = self.np("isnan", vec![b.clone()], vec![], span);
        self.binary(crate::ast::BinOp::BitAnd, x, y, span)
    }

    pub(crate) fn convert_scalar(&mut self, e: ExprId, dtype: DType, weak: bool, span: Span) -> Value {
        let from_float = self.expr_type(e).dtype().is_some_and(|d| d.is_float());
        if weak && dtype == DType::I64 && from_float {
            // Python's `int()` of a float: one cast typed as a Python int, so codegen raises
            // CPython's errors for NaN and infinities (and legatec's OverflowError outside
            // int64). A constant is folded only where the conversion is exact.
            let ty = Type::Scalar { dtype, weak };
            if let Expr::Const(Const::Float(x)) = self.f.exprs[e] {
                // Not to -2**63: the lowering folds the negation of a constant unchecked.
                let limit = 2f64.powi(63);
                if x > -limit && x < limit {
                    return Value::Scalar(self.add(Expr::Const(Const::Int(x.trunc() as i64)), ty));
                }
            }
            return Value::Scalar(self.add(Expr::Cast(dtype, e), ty));
        }
        let from_py_float = self.expr_type(e) == Type::py_float();
        if !weak && dtype.is_int() && dtype != DType::I64 && from_py_float {
            // `np.uint8(-1.0)`: NumPy makes a Python int of the float first, then checks
            // that it fits (`OverflowError: Python integer -1 out of bounds for uint8`).
            let Value::Scalar(as_int) = self.convert_scalar(e, DType::I64, true, span) else { return Value::Error };
            return self.convert_scalar(as_int, dtype, false, span);
        }
        let c = if dtype == DType::Bool {
            match self.truth(Value::Scalar(e), span) {
                Some(c) => c,
                None => return Value::Error,
            }
        } else {
            self.cast_scalar(e, dtype)
        };
        Value::Scalar(self.add(Expr::Cast(dtype, c), Type::Scalar { dtype, weak }))
    }

    /// `np.float32(x)` and friends: a strong NumPy scalar.
    pub fn dtype_constructor(&mut self, d: DType, args: Args, kw: Kwargs, span: Span) -> Value {
        // `np.float64(x, axis=0)` is CPython's TypeError: no keyword is accepted.
        let Some(_) = self.keywords(&format!("np.{}", d.numpy_name()), kw, &[]) else { return Value::Error };
        if args.len() != 1 {
            self.error(diag::bad_arguments(span, "dtype constructors take one argument"));
            return Value::Error;
        }
        let (v, vspan) = args.into_iter().next().expect("one");
        match v {
            Value::Scalar(e) => self.convert_scalar(e, d, false, vspan),
            // `np.uint64(2**63)`: a Python int beyond int64 that uint64 holds.
            Value::BigInt(b) if d == DType::U64 && (0..1i128 << 64).contains(&b) => {
                Value::Scalar(self.add(Expr::Const(Const::Int(DType::U64.wrap_int(b))), Type::scalar(DType::U64)))
            }
            Value::Array(_) | Value::Lazy(_) => {
                let Some((n, nd)) = self.as_node(&v) else { return Value::Error };
                Value::Lazy(Lazy { node: LNode::cast(n, d), ndim: nd })
            }
            other => {
                let what = self.describe_value(&other);
                self.error(diag::type_error(vspan, format!("cannot convert {what} to {}", d.numpy_name()), "pass a number"));
                Value::Error
            }
        }
    }

    /// `np.iinfo(t)` / `np.finfo(t)`: a compile-time object of the dtype `t` names (a dtype,
    /// a dtype string, `int`/`float`/`complex`/`bool`, or a scalar, whose dtype it takes);
    /// NumPy's ValueError for a dtype of the other kind or an array (its dtype is `object`
    /// to them).
    fn type_info(&mut self, name: &str, args: Args, kw: Kwargs, span: Span) -> Value {
        let fname = format!("np.{name}");
        let param = if name == "iinfo" { "int_type" } else { "dtype" };
        let Some(p) = self.bind_params(&fname, args, kw, &[param], 1, span) else { return Value::Error };
        let (v, vspan) = p.into_iter().next().flatten().expect("the type");
        let d = match &v {
            Value::DType(d) => Some(*d),
            Value::Builtin(b) if b == "int" => Some(DType::I64),
            Value::Builtin(b) if b == "float" => Some(DType::F64),
            Value::Builtin(b) if b == "complex" => Some(DType::C128),
            Value::Builtin(b) if b == "bool" => Some(DType::Bool),
            Value::Str(e) => match &self.f.exprs[*e] {
                Expr::Const(Const::Str(s)) => dtype_named(s),
                _ => None,
            },
            Value::Scalar(e) => self.expr_type(*e).dtype(),
            Value::Array(_) | Value::Lazy(_) => {
                let message = if name == "iinfo" { "Invalid integer data type 'O'." } else { "data type <class 'numpy.object_'> not inexact" };
                return self.raise_now("ValueError", message, span);
            }
            Value::Error => return Value::Error,
            _ => None,
        };
        let Some(d) = d else {
            let what = self.describe_value(&v);
            self.error(diag::type_error(vspan, format!("`{fname}` takes a dtype, found {what}"), DTYPE_HINT));
            return Value::Error;
        };
        if name == "iinfo" && !d.is_int() {
            let code = match d {
                DType::Bool => 'b',
                d if d.is_complex() => 'c',
                _ => 'f',
            };
            return self.raise_now("ValueError", &format!("Invalid integer data type '{code}'."), span);
        }
        if name == "finfo" && !(d.is_float() || d.is_complex()) {
            let class = if d == DType::Bool { "bool" } else { d.numpy_name() };
            return self.raise_now("ValueError", &format!("data type <class 'numpy.{class}'> not inexact"), span);
        }
        let d = if d.is_complex() { d.real_part() } else { d };
        Value::Method(Box::new(Value::DType(d)), name.to_string())
    }

    /// An attribute of `np.iinfo(d)` / `np.finfo(d)`: NumPy's values, Python ints for
    /// counts and integer limits, NumPy scalars of the float dtype for float limits.
    pub(crate) fn type_info_attr(&mut self, kind: &str, d: DType, attr: &str, span: Span) -> Value {
        let int = |fx: &mut Self, v: i64| Value::Scalar(fx.add(Expr::Const(Const::Int(v)), Type::py_int()));
        let bits = (d.size_bytes() * 8) as i64;
        if attr == "dtype" {
            return Value::DType(d);
        }
        if attr == "bits" {
            return int(self, bits);
        }
        if kind == "iinfo" {
            let (low, high) = d.int_range().expect("an integer dtype");
            return match attr {
                "min" | "max" => {
                    let v = if attr == "min" { low } else { high };
                    match i64::try_from(v) {
                        Ok(v) => int(self, v),
                        Err(_) => Value::BigInt(v),
                    }
                }
                _ => {
                    self.error(diag::unsupported_call(span, &format!("np.iinfo(...).{attr}"), None).with_hint("legatec has `.min`, `.max`, `.bits` and `.dtype`"));
                    Value::Error
                }
            };
        }
        let single = d == DType::F32;
        let float = |fx: &mut Self, v: f64| Value::Scalar(fx.add(Expr::Const(Const::Float(v)), Type::scalar(d)));
        let (max, tiny, subnormal) = if single {
            (f64::from(f32::MAX), f64::from(f32::MIN_POSITIVE), f64::from(f32::from_bits(1)))
        } else {
            (f64::MAX, f64::MIN_POSITIVE, f64::from_bits(1))
        };
        let (nmant, maxexp, minexp, precision) = if single { (23, 128, -126, 6) } else { (52, 1024, -1022, 15) };
        match attr {
            "eps" => float(self, 2f64.powi(-nmant)),
            "epsneg" => float(self, 2f64.powi(-nmant - 1)),
            "max" => float(self, max),
            "min" => float(self, -max),
            "tiny" | "smallest_normal" => float(self, tiny),
            "smallest_subnormal" => float(self, subnormal),
            // NumPy's `10 ** -precision` in the dtype.
            "resolution" => float(self, if single { f64::from(1e-6f32) } else { 1e-15 }),
            "precision" => int(self, precision),
            "nmant" => int(self, i64::from(nmant)),
            "maxexp" => int(self, maxexp),
            "minexp" => int(self, minexp),
            _ => {
                self.error(diag::unsupported_call(span, &format!("np.finfo(...).{attr}"), None).with_hint(
                    "legatec has `.bits`, `.eps`, `.epsneg`, `.max`, `.min`, `.tiny`, `.smallest_normal`, `.smallest_subnormal`, `.resolution`, `.precision`, `.nmant`, `.maxexp`, `.minexp` and `.dtype`",
                ));
                Value::Error
            }
        }
    }

    pub(super) fn call_numpy_pub(&mut self, name: &str, args: Args, kw: Kwargs, span: Span) -> Value {
        self.call_numpy(name, &format!("numpy.{name}"), args, kw, span)
    }

    fn call_numpy(&mut self, name: &str, path: &str, mut args: Args, mut kw: Kwargs, span: Span) -> Value {
        let fname = format!("np.{name}");
        if path.starts_with("numpy.") && !path.starts_with("numpy.linalg.") && !path.starts_with("numpy.fft.") {
            if let Some(stored) = self.ufunc_with_out(name, &mut args, &mut kw, span) {
                return stored;
            }
        }
        if UFUNC_NAMES.contains(&name) && path.starts_with("numpy.") {
            return self.call_ufunc(name, args, kw, span);
        }
        if SHAPE_NAMES.contains(&name) && path.starts_with("numpy.") {
            return self.call_shape_op(name, args, kw, span);
        }
        if STATS_NAMES.contains(&name) && path.starts_with("numpy.") {
            return self.call_stats(name, args, kw, span);
        }
        if POLY_NAMES.contains(&name) && path.starts_with("numpy.") {
            return self.call_poly(name, args, kw, span);
        }
        if NUMERIC_NAMES.contains(&name) && path.starts_with("numpy.") {
            return self.call_numeric(name, args, kw, span);
        }
        match name {
            "iinfo" | "finfo" => self.type_info(name, args, kw, span),
            "zeros" | "ones" | "empty" | "full" => {
                let nargs = if name == "full" { 2 } else { 1 };
                let Some((args, kw)) = self.positional_dtype(&fname, args, kw, nargs) else { return Value::Error };
                let allowed: &[&str] = if name == "full" { &["dtype", "fill_value"] } else { &["dtype"] };
                let Some(kw) = self.keywords(&fname, kw, allowed) else { return Value::Error };
                if !self.arity(&fname, &args, 1, nargs, span) {
                    return Value::Error;
                }
                let Some(dtype_kw) = self.dtype_kw(&kw) else { return Value::Error };
                let mut it = args.into_iter();
                let (shape_v, shape_span) = it.next().expect("shape");
                let Some(shape) = self.shape_arg(shape_v, shape_span) else { return Value::Error };
                let fill = match name {
                    "zeros" => Some((Value::Scalar(self.const_i64(0)), span)),
                    "ones" => Some((Value::Scalar(self.const_i64(1)), span)),
                    "full" => match it.next().or_else(|| Self::kwarg(&kw, "fill_value")) {
                        Some(f) => Some(f),
                        None => {
                            self.error(diag::bad_arguments(span, "`np.full` needs a fill value"));
                            return Value::Error;
                        }
                    },
                    _ => None,
                };
                let dtype = dtype_kw.unwrap_or_else(|| match &fill {
                    Some((v, _)) if name == "full" => full_dtype(self, v),
                    _ => DType::F64,
                });
                self.new_filled(shape, dtype, fill, span)
            }
            "zeros_like" | "ones_like" | "empty_like" | "full_like" => {
                let nargs = if name == "full_like" { 2 } else { 1 };
                let Some((args, kw)) = self.positional_dtype(&fname, args, kw, nargs) else { return Value::Error };
                let Some(kw) = self.keywords(&fname, kw, &["dtype"]) else { return Value::Error };
                if !self.arity(&fname, &args, nargs, nargs, span) {
                    return Value::Error;
                }
                let Some(dtype_kw) = self.dtype_kw(&kw) else { return Value::Error };
                let mut it = args.into_iter();
                let (proto, pspan) = it.next().expect("array");
                let Some(a) = self.array_arg(proto, pspan, &fname) else { return Value::Error };
                let Type::Array { dtype: adt, ndim } = self.expr_type(a) else { unreachable!() };
                let dtype = dtype_kw.unwrap_or(adt);
                let shape: Vec<ExprId> = (0..ndim).map(|d| self.add(Expr::Dim(a, d), Type::py_int())).collect();
                let fill = match name {
                    "zeros_like" => Some((Value::Scalar(self.const_i64(0)), span)),
                    "ones_like" => Some((Value::Scalar(self.const_i64(1)), span)),
                    "full_like" => it.next(),
                    _ => None,
                };
                self.new_filled(shape, dtype, fill, span)
            }
            "arange" => {
                let Some(kw) = self.keywords(&fname, kw, &["dtype"]) else { return Value::Error };
                if !self.arity(&fname, &args, 1, 3, span) {
                    return Value::Error;
                }
                let Some(dtype_kw) = self.dtype_kw(&kw) else { return Value::Error };
                let mut scalars = Vec::new();
                for (v, vspan) in args {
                    match v {
                        Value::Scalar(e) => scalars.push(e),
                        other => {
                            let what = self.describe_value(&other);
                            self.error(diag::type_error(vspan, format!("`np.arange` takes numbers, found {what}"), "pass numbers"));
                            return Value::Error;
                        }
                    }
                }
                let any_float = scalars.iter().any(|e| self.f.expr_type(*e).dtype().map(|d| d.is_float()).unwrap_or(false));
                let compute = if any_float { DType::F64 } else { DType::I64 };
                let dtype = dtype_kw.unwrap_or(compute);
                let zero = self.add(Expr::Const(super::lazy::convert_const(&Const::Int(0), compute)), Type::scalar(compute));
                let one = self.add(Expr::Const(super::lazy::convert_const(&Const::Int(1), compute)), Type::scalar(compute));
                let cast: Vec<ExprId> = scalars.iter().map(|e| self.cast_scalar(*e, compute)).collect();
                let cast: Vec<ExprId> = cast.into_iter().map(|e| self.strong(e)).collect();
                let (start, stop, step) = match cast.len() {
                    1 => (zero, cast[0], one),
                    2 => (cast[0], cast[1], one),
                    _ => (cast[0], cast[1], cast[2]),
                };
                // NumPy divides by the step first: Python's ZeroDivisionError.
                if cast.len() == 3 {
                    let message = if any_float { "float division by zero" } else { "division by zero" };
                    let is_zero = self.add(Expr::Compare(CompareOp::Eq, step, zero), Type::py_bool());
                    self.raise_kind_if(is_zero, "ZeroDivisionError", message.into(), span);
                }
                // Length: ceil((stop - start) / step), at least 0.
                let len = {
                    let fs = self.cast_scalar(start, DType::F64);
                    let fe = self.cast_scalar(stop, DType::F64);
                    let fp = self.cast_scalar(step, DType::F64);
                    let f64t = Type::scalar(DType::F64);
                    let (fs, fe, fp) = (self.retype_strong(fs), self.retype_strong(fe), self.retype_strong(fp));
                    let diff = self.add(Expr::Binary(BinaryOp::Sub, fe, fs), f64t.clone());
                    let q = self.add(Expr::Binary(BinaryOp::TrueDiv, diff, fp), f64t.clone());
                    let c = self.add(Expr::Math(MathFn::Ceil, vec![q]), f64t.clone());
                    let zero_f = self.add(Expr::Const(Const::Float(0.0)), f64t.clone());
                    let m = self.add(Expr::Binary(BinaryOp::Max, c, zero_f), f64t);
                    self.add(Expr::Cast(DType::I64, m), Type::py_int())
                };
                // NumPy's fill: element 0 is `start`, element 1 `start + step`, both in the
                // result's dtype, and element i is `start + i * delta` with `delta` their
                // difference in that dtype (so `np.arange(5, 1, -0.7)[2]` is 3.5999999999999996
                // and `np.arange(0, 5, 0.5, dtype=int)` is all zeros, as in NumPy). Integer
                // arguments give `start + i * step` exactly, the same.
                let node = if !any_float || dtype.is_complex() {
                    Rc::new(LNode::Binary(
                        BinaryOp::Add,
                        Rc::new(LNode::Scalar { expr: start, dtype: compute }),
                        Rc::new(LNode::Binary(BinaryOp::Mul, LNode::cast(Rc::new(LNode::Index(0)), compute), Rc::new(LNode::Scalar { expr: step, dtype: compute }), compute)),
                        compute,
                    ))
                } else {
                    let next = self.add(Expr::Binary(BinaryOp::Add, start, step), Type::scalar(compute));
                    let (first, second) = (self.cast_scalar(start, dtype), self.cast_scalar(next, dtype));
                    let (first, second) = (self.strong(first), self.strong(second));
                    let scalar = |expr| Rc::new(LNode::Scalar { expr, dtype });
                    let at = |k: i64| Rc::new(LNode::Compare(CompareOp::Eq, Rc::new(LNode::Index(0)), Rc::new(LNode::Const { value: Const::Int(k), dtype: DType::I64 })));
                    // (Booleans: at most two elements, refused below otherwise.)
                    let later = if dtype == DType::Bool {
                        scalar(second)
                    } else {
                        let delta = self.add(Expr::Binary(BinaryOp::Sub, second, first), Type::scalar(dtype));
                        Rc::new(LNode::Binary(BinaryOp::Add, scalar(first), Rc::new(LNode::Binary(BinaryOp::Mul, LNode::cast(Rc::new(LNode::Index(0)), dtype), scalar(delta), dtype)), dtype))
                    };
                    Rc::new(LNode::Select(at(0), scalar(first), Rc::new(LNode::Select(at(1), scalar(second), later, dtype)), dtype))
                };
                let result = self.generate(vec![len], LNode::cast(node, dtype), span);
                // NumPy allocates the result first (a MemoryError comes first), then refuses.
                if dtype == DType::Bool {
                    let two = self.const_i64(2);
                    let too_long = self.add(Expr::Compare(CompareOp::Gt, len, two), Type::py_bool());
                    self.raise_kind_if(too_long, "TypeError", "arange() is only supported for booleans when the result has at most length 2.".into(), span);
                }
                Value::Array(result)
            }
            "linspace" => {
                let Some(kw) = self.keywords(&fname, kw, &["num", "endpoint", "retstep", "dtype"]) else { return Value::Error };
                if !self.arity(&fname, &args, 2, 3, span) {
                    return Value::Error;
                }
                let Some(dtype_kw) = self.dtype_kw(&kw) else { return Value::Error };
                let mut it = args.into_iter();
                let (start, sspan) = it.next().expect("start");
                let (stop, espan) = it.next().expect("stop");
                let num = it.next().or_else(|| Self::kwarg(&kw, "num"));
                let num = match num {
                    Some((v, nspan)) => match self.int_value(v, nspan) {
                        Some(n) => n,
                        None => return Value::Error,
                    },
                    None => self.const_i64(50),
                };
                // `ValueError: Number of samples, -10, must be non-negative.`
                if let Expr::Const(Const::Int(n)) = self.f.exprs[num] {
                    if n < 0 {
                        return self.raise_now("ValueError", &format!("Number of samples, {n}, must be non-negative."), span);
                    }
                } else {
                    let zero = self.const_i64(0);
                    let negative = self.add(Expr::Compare(CompareOp::Lt, num, zero), Type::py_bool());
                    let parts = vec![
                        self.add(Expr::Const(Const::Str("Number of samples, ".into())), Type::Str),
                        self.add(Expr::Format(num, String::new()), Type::Str),
                        self.add(Expr::Const(Const::Str(", must be non-negative.".into())), Type::Str),
                    ];
                    let message = self.add(Expr::Concat(parts), Type::Str);
                    let kind = self.const_i64(runtime_abi::ERR_VALUE);
                    let then_body = self.block(|fx| {
                        fx.emit(StmtKind::Runtime { func: runtime_abi::EntryPoint::Raise, args: vec![kind, message], dst: None }, span);
                    });
                    self.emit(StmtKind::If { cond: negative, then_body, else_body: vec![] }, span);
                }
                let Some(endpoint) = self.const_bool_kw(&kw, "endpoint", true) else { return Value::Error };
                let Some(retstep) = self.const_bool_kw(&kw, "retstep", false) else { return Value::Error };
                let (Value::Scalar(s), Value::Scalar(t)) = (start, stop) else {
                    self.error(diag::type_error(sspan.join(espan), "`np.linspace` takes scalar bounds", "pass numbers"));
                    return Value::Error;
                };
                // NumPy's algorithm: `step = (stop - start) / div` with `div` the number of
                // gaps (at least 1 here: one point is `start`), points `i * step + start`, or
                // `i / div * delta` where the step underflows to 0, the last one `stop`
                // exactly when the endpoint is included and there are two points or more.
                let f64t = Type::scalar(DType::F64);
                let s = self.cast_scalar(s, DType::F64);
                let t = self.cast_scalar(t, DType::F64);
                let s = self.retype_strong(s);
                let t = self.retype_strong(t);
                let one = self.const_i64(1);
                let div = if endpoint { self.add(Expr::Binary(BinaryOp::Sub, num, one), Type::py_int()) } else { num };
                let div_pos = self.add(Expr::Binary(BinaryOp::Max, div, one), Type::py_int());
                let divf = self.add(Expr::Cast(DType::F64, div_pos), f64t.clone());
                let delta = self.add(Expr::Binary(BinaryOp::Sub, t, s), f64t.clone());
                let step = self.add(Expr::Binary(BinaryOp::TrueDiv, delta, divf), f64t.clone());
                let f64_scalar = |expr| Rc::new(LNode::Scalar { expr, dtype: DType::F64 });
                let idx = LNode::cast(Rc::new(LNode::Index(0)), DType::F64);
                let by_step = Rc::new(LNode::Binary(BinaryOp::Mul, idx.clone(), f64_scalar(step), DType::F64));
                let by_fraction = Rc::new(LNode::Binary(
                    BinaryOp::Mul,
                    Rc::new(LNode::Binary(BinaryOp::TrueDiv, idx, f64_scalar(divf), DType::F64)),
                    f64_scalar(delta),
                    DType::F64,
                ));
                let step_zero = Rc::new(LNode::Compare(
                    CompareOp::Eq,
                    f64_scalar(step),
                    Rc::new(LNode::Const { value: Const::Float(0.0), dtype: DType::F64 }),
                ));
                let scaled = Rc::new(LNode::Select(step_zero, by_fraction, by_step, DType::F64));
                let value = Rc::new(LNode::Binary(BinaryOp::Add, scaled, f64_scalar(s), DType::F64));
                let node = if endpoint {
                    // The last index, or 1 (which no point has) when there is one point.
                    let before_num = self.add(Expr::Binary(BinaryOp::Sub, num, one), Type::py_int());
                    let last = self.add(Expr::Binary(BinaryOp::Max, before_num, one), Type::py_int());
                    let is_last = Rc::new(LNode::Compare(CompareOp::Eq, Rc::new(LNode::Index(0)), Rc::new(LNode::Scalar { expr: last, dtype: DType::I64 })));
                    Rc::new(LNode::Select(is_last, f64_scalar(t), value, DType::F64))
                } else {
                    value
                };
                let dtype = dtype_kw.unwrap_or(DType::F64);
                // Integer results are rounded down first, as NumPy 2 does.
                let node = if matches!(dtype, DType::I32 | DType::I64) { Rc::new(LNode::Math(MathFn::Floor, node, DType::F64)) } else { node };
                let zero = self.const_i64(0);
                let num_pos = self.add(Expr::Binary(BinaryOp::Max, num, zero), Type::py_int());
                let samples = Value::Array(self.generate(vec![num_pos], LNode::cast(node, dtype), span));
                if !retstep {
                    return samples;
                }
                // `retstep=True`: the samples and the step, a NumPy float64, or Python's NaN
                // where there is no gap (a count known only when running must give gaps).
                let step = match self.fold_int(div) {
                    Some(d) if d <= 0 => Value::Scalar(self.add(Expr::Const(Const::Float(f64::NAN)), Type::py_float())),
                    Some(_) => Value::Scalar(step),
                    None => {
                        let no_gaps = self.add(Expr::Compare(CompareOp::Le, div, zero), Type::py_bool());
                        self.raise_kind_if(no_gaps, "ValueError", "legatec: np.linspace(retstep=True) with fewer than two points (endpoint=True) or none gives Python's float NaN as the step, where this program was compiled for a NumPy float64; give the count as a literal".into(), span);
                        Value::Scalar(step)
                    }
                };
                let _ = f64t;
                Value::Tuple(vec![samples, step].into())
            }
            "eye" | "identity" => {
                let Some(kw) = self.keywords(&fname, kw, &["M", "k", "dtype"]) else { return Value::Error };
                if !self.arity(&fname, &args, 1, if name == "eye" { 3 } else { 1 }, span) {
                    return Value::Error;
                }
                let Some(dtype_kw) = self.dtype_kw(&kw) else { return Value::Error };
                let mut it = args.into_iter();
                let (n, nspan) = it.next().expect("n");
                let Some(n) = self.int_value(n, nspan) else { return Value::Error };
                let m = match it.next().or_else(|| Self::kwarg(&kw, "M")) {
                    Some((Value::None, _)) | None => n,
                    Some((v, mspan)) => match self.int_value(v, mspan) {
                        Some(m) => m,
                        None => return Value::Error,
                    },
                };
                let k = match it.next().or_else(|| Self::kwarg(&kw, "k")) {
                    Some((v, kspan)) => match self.int_value(v, kspan) {
                        Some(k) => k,
                        None => return Value::Error,
                    },
                    None => self.const_i64(0),
                };
                let dtype = dtype_kw.unwrap_or(DType::F64);
                let k = self.strong(k);
                let diff = Rc::new(LNode::Binary(BinaryOp::Sub, Rc::new(LNode::Index(1)), Rc::new(LNode::Index(0)), DType::I64));
                let on = Rc::new(LNode::Compare(CompareOp::Eq, diff, Rc::new(LNode::Scalar { expr: k, dtype: DType::I64 })));
                Value::Array(self.generate(vec![n, m], LNode::cast(on, dtype), span))
            }
            // `np.select(conditions, choices, default)`: where the first condition holds, its
            // choice, `default` where none does.
            "select" => {
                let Some(p) = self.bind_params(&fname, args, kw, &["condlist", "choicelist", "default"], 2, span) else { return Value::Error };
                let mut it = p.into_iter();
                let (conds, cspan) = it.next().flatten().expect("condlist");
                let (choices, hspan) = it.next().flatten().expect("choicelist");
                let (default, dspan) = it.next().flatten().unwrap_or_else(|| (Value::Scalar(self.int_const(0)), span));
                let (Value::Tuple(conds), Value::Tuple(choices)) = (conds, choices) else {
                    self.error(diag::unsupported_call(span, "np.select of conditions or choices other than lists written out", None).with_hint("write the conditions and the choices as lists: `np.select([a < 0, a > 1], [x, y])`"));
                    return Value::Error;
                };
                if conds.len() != choices.len() {
                    return self.raise_now("ValueError", "list of cases must be same length as list of conditions", span);
                }
                if conds.is_empty() {
                    return self.raise_now("ValueError", "select with an empty condition list is not possible", span);
                }
                for (i, c) in conds.items.iter().enumerate() {
                    if self.value_dtype(c).is_some_and(|d| d != DType::Bool) {
                        return self.raise_now("TypeError", &format!("invalid entry {i} in condlist: should be boolean ndarray"), cspan);
                    }
                }
                let mut r = default;
                let _ = dspan;
                for (c, choice) in conds.items.into_iter().zip(choices.items).rev() {
                    r = self.call_builtin("numpy.where", vec![(c, cspan), (choice, hspan), (r, span)], vec![], span);
                }
                r
            }
            // `np.diagflat(v, k)`: the diagonal matrix of `v`'s elements in order.
            "diagflat" => {
                let Some(p) = self.bind_params(&fname, args, kw, &["v", "k"], 1, span) else { return Value::Error };
                let mut it = p.into_iter();
                let (v, vspan) = it.next().flatten().expect("v");
                let flat = self.call_builtin("numpy.ravel", vec![(v, vspan)], vec![], vspan);
                let args = std::iter::once((flat, vspan)).chain(it.next().flatten()).collect();
                self.call_builtin("numpy.diag", args, vec![], span)
            }
            "diag" => {
                let Some(p) = self.bind_params(&fname, args, kw, &["v", "k"], 1, span) else { return Value::Error };
                let mut it = p.into_iter();
                let (v, vspan) = it.next().flatten().expect("v");
                let k = match it.next().flatten() {
                    Some((Value::Scalar(e), kspan)) => match self.f.exprs[e] {
                        Expr::Const(Const::Int(k)) => k,
                        _ => {
                            self.error(diag::type_error(kspan, "`k` must be an integer constant", "write `k` as a literal"));
                            return Value::Error;
                        }
                    },
                    Some((_, kspan)) => {
                        self.error(diag::type_error(kspan, "`k` must be an integer constant", "write `k` as a literal"));
                        return Value::Error;
                    }
                    None => 0,
                };
                let Some(a) = self.array_arg(v, vspan, "np.diag") else { return Value::Error };
                let Type::Array { dtype, ndim } = self.expr_type(a) else { unreachable!() };
                match ndim {
                    // NumPy takes a diagonal's offset as a C int.
                    2 if k > i64::from(i32::MAX) => self.raise_now("OverflowError", "signed integer is greater than maximum", span),
                    2 if k < i64::from(i32::MIN) => self.raise_now("OverflowError", "signed integer is less than minimum", span),
                    2 => {
                        let tmp = self.temp(Type::array(dtype, 1));
                        self.emit(StmtKind::Library { op: LibraryOp::Diagonal { k }, dst: tmp, args: vec![a] }, span);
                        Value::Array(self.read(tmp))
                    }
                    1 if k.unsigned_abs() > i32::MAX as u64 => {
                        self.raise_now("OverflowError", if k > 0 { "signed integer is greater than maximum" } else { "signed integer is less than minimum" }, span)
                    }
                    1 => {
                        // out[i, j] = v[i - max(-k, 0)] where j - i == k, else 0, lazily:
                        // `A - np.diag(d)` and `A += np.diag(v, 1)` are then one kernel with
                        // no n x n temporary. The leaves are two vectors of length n + |k|:
                        // one read as a column (m, 1), which holds the value of row i, and
                        // one read as a row (m,), which holds the value of column j and
                        // with the column broadcasts to (m, m) (v itself for k = 0; off the
                        // main diagonal v with |k| zeros after or before it). The row is read
                        // only on the diagonal, where it equals the column.
                        let (col_vec, row_vec) = if k == 0 {
                            (a, a)
                        } else {
                            let pad = self.const_i64(k.abs());
                            let Value::Array(zeros) = self.np("zeros", vec![Value::Scalar(pad)], vec![("dtype", Value::DType(dtype))], span) else { return Value::Error };
                            let mut join = |first: ExprId, second: ExprId| {
                                let parts = Value::Tuple(super::Seq { items: vec![Value::Array(first), Value::Array(second)], list: false, named: None, held: false });
                                match self.np("concatenate", vec![parts], vec![], span) {
                                    Value::Array(e) => Some(e),
                                    _ => None,
                                }
                            };
                            let (Some(after), Some(before)) = (join(a, zeros), join(zeros, a)) else { return Value::Error };
                            if k > 0 { (after, before) } else { (before, after) }
                        };
                        let col = self.temp(Type::array(dtype, 2));
                        self.emit(
                            StmtKind::View {
                                dst: col,
                                src: col_vec,
                                index: vec![ir::IndexItem::Slice { start: None, stop: None, step: None }, ir::IndexItem::NewAxis],
                            },
                            span,
                        );
                        let row = self.temp(Type::array(dtype, 1));
                        self.emit(StmtKind::Assign { dst: row, value: row_vec }, span);
                        let on = if k == 0 {
                            Rc::new(LNode::Compare(CompareOp::Eq, Rc::new(LNode::Index(0)), Rc::new(LNode::Index(1))))
                        } else {
                            let offset = Rc::new(LNode::Binary(BinaryOp::Sub, Rc::new(LNode::Index(1)), Rc::new(LNode::Index(0)), DType::I64));
                            Rc::new(LNode::Compare(CompareOp::Eq, offset, Rc::new(LNode::Const { value: Const::Int(k), dtype: DType::I64 })))
                        };
                        let zero = LNode::cast(Rc::new(LNode::Const { value: Const::Int(0), dtype }), dtype);
                        let by_row = Rc::new(LNode::Select(on.clone(), Rc::new(LNode::Array { place: row, dtype, ndim: 1 }), zero, dtype));
                        let node = Rc::new(LNode::Select(on, Rc::new(LNode::Array { place: col, dtype, ndim: 2 }), by_row, dtype));
                        Value::Lazy(Lazy { node, ndim: 2 })
                    }
                    _ => {
                        self.error(diag::shape_error(span, "`np.diag` needs a 1-D or 2-D input"));
                        Value::Error
                    }
                }
            }
            "array" | "asarray" => {
                let Some((args, kw)) = self.positional_dtype(&fname, args, kw, 1) else { return Value::Error };
                let Some(kw) = self.keywords(&fname, kw, &["dtype"]) else { return Value::Error };
                let Some(dtype_kw) = self.dtype_kw(&kw) else { return Value::Error };
                let Some((v, vspan)) = self.single_arg(&fname, args, span) else { return Value::Error };
                // `np.asarray` of an array of the dtype asked for is that array itself (the
                // same object: later writes through either name show in both).
                if let (Value::Array(a), "asarray") = (&v, name) {
                    if dtype_kw.is_none() || dtype_kw == self.expr_type(*a).dtype() {
                        return v;
                    }
                }
                self.array_literal(v, dtype_kw, vspan)
            }
            "copy" => {
                let Some((v, vspan)) = self.single_arg(&fname, args, span) else { return Value::Error };
                self.call_method(v, "copy", vec![], kw, vspan)
            }
            "real" | "imag" | "conj" | "conjugate" | "angle" => {
                let Some(_) = self.keywords(&fname, kw, &[]) else { return Value::Error };
                let Some((v, _)) = self.single_arg(&fname, args, span) else { return Value::Error };
                self.complex_part_function(name, v, span)
            }
            "sqrt" | "exp" | "log" | "abs" | "absolute" | "sin" | "cos" | "tanh" | "floor" | "ceil" | "isnan" => {
                let Some(_) = self.keywords(&fname, kw, &[]) else { return Value::Error };
                let Some((v, _)) = self.single_arg(&fname, args, span) else { return Value::Error };
                let f = match name {
                    "sqrt" => MathFn::Sqrt,
                    "exp" => MathFn::Exp,
                    "log" => MathFn::Log,
                    "abs" | "absolute" => MathFn::Abs,
                    "sin" => MathFn::Sin,
                    "cos" => MathFn::Cos,
                    "tanh" => MathFn::Tanh,
                    "floor" => MathFn::Floor,
                    "ceil" => MathFn::Ceil,
                    _ => MathFn::IsNan,
                };
                self.math(f, v, span)
            }
            "maximum" | "minimum" => {
                let Some(_) = self.keywords(&fname, kw, &[]) else { return Value::Error };
                if !self.arity(&fname, &args, 2, 2, span) {
                    return Value::Error;
                }
                let mut it = args.into_iter();
                let (a, _) = it.next().expect("a");
                let (b, _) = it.next().expect("b");
                let op = if name == "maximum" { BinaryOp::Max } else { BinaryOp::Min };
                self.elementwise2(op, a, b, span)
            }
            "where" => {
                let Some(_) = self.keywords(&fname, kw, &[]) else { return Value::Error };
                if args.len() == 1 {
                    // np.where(cond) is np.nonzero(cond).
                    let (c, cspan) = args.into_iter().next().expect("one");
                    let Some(c) = self.array_arg(c, cspan, &fname) else { return Value::Error };
                    return self.nonzero(c, "where", span);
                }
                if !self.arity(&fname, &args, 3, 3, span) {
                    return Value::Error;
                }
                let mut it = args.into_iter();
                let (c, cspan) = it.next().expect("c");
                let (a, _) = it.next().expect("a");
                let (b, _) = it.next().expect("b");
                let (Some(ad), Some(bd)) = (self.value_dtype(&a), self.value_dtype(&b)) else {
                    self.error(diag::type_error(span, "`np.where` takes numbers or arrays", "pass numeric values"));
                    return Value::Error;
                };
                let aw = matches!(&a, Value::Scalar(e) if matches!(self.f.expr_type(*e), Type::Scalar{weak: true, ..}));
                let bw = matches!(&b, Value::Scalar(e) if matches!(self.f.expr_type(*e), Type::Scalar{weak: true, ..}));
                let dtype = super::promote::result_dtype((ad, aw), (bd, bw));
                let (Some((cn, cnd)), Some((an, and)), Some((bn, bnd))) = (self.as_node(&c), self.as_node(&a), self.as_node(&b)) else {
                    self.error(diag::type_error(cspan, "`np.where` takes a condition and two values", "pass arrays or numbers"));
                    return Value::Error;
                };
                let ndim = cnd.max(and).max(bnd);
                let cond = if cn.dtype() == DType::Bool {
                    cn
                } else {
                    let d = cn.dtype();
                    Rc::new(LNode::Compare(CompareOp::Ne, cn, Rc::new(LNode::Const { value: Const::Int(0), dtype: d })))
                };
                let node = Rc::new(LNode::Select(cond, LNode::cast(an, dtype), LNode::cast(bn, dtype), dtype));
                if ndim == 0 {
                    if [&c, &a, &b].iter().all(|v| matches!(v, Value::Scalar(_))) {
                        // All scalars: evaluate through a 0-d array would be wasteful; use a select.
                        return self.scalar_where(node, span);
                    }
                    // A 0-d array among them: a 0-d array, read back as NumPy's scalar.
                    let e = self.materialize(Lazy { node, ndim: 0 }, span);
                    return Value::Scalar(self.add(Expr::GetItem(e, vec![]), Type::scalar(dtype)));
                }
                Value::Lazy(Lazy { node, ndim })
            }
            "sum" | "prod" | "mean" | "max" | "min" | "amax" | "amin" | "any" | "all" | "argmax" | "argmin" => {
                if args.is_empty() {
                    self.error(diag::bad_arguments(span, format!("`{fname}` needs an array")));
                    return Value::Error;
                }
                let mut it = args.into_iter();
                let (v, _) = it.next().expect("array");
                let rest: Vec<_> = it.collect();
                let method = match name {
                    "amax" => "max",
                    "amin" => "min",
                    n => n,
                };
                self.call_method(v, method, rest, kw, span)
            }
            "dot" | "matmul" => {
                // `out=` (np.dot's third argument too): the product computed, then stored into
                // it (so an `out` that is an operand is read first, as NumPy's copy does); its
                // shape must be the product's.
                let params: &[&str] = if name == "dot" { &["a", "b", "out"] } else { &["x1", "x2", "out"] };
                let Some(p) = self.bind_params(&fname, args, kw, params, 2, span) else { return Value::Error };
                let mut it = p.into_iter();
                let (a, _) = it.next().flatten().expect("a");
                let (b, _) = it.next().flatten().expect("b");
                let out = it.next().flatten().filter(|(o, _)| !matches!(o, Value::None));
                let r = self.matmul(a, b, span, if fname.ends_with("matmul") { MatMulOp::Matmul } else { MatMulOp::Dot });
                let Some((out, ospan)) = out else { return r };
                let Value::Array(o) = out else {
                    let what = self.describe_value(&out);
                    self.error(diag::type_error(ospan, format!("the `out` of `{fname}` must be an array, found {what}"), "pass an existing array, e.g. `out=c`"));
                    return Value::Error;
                };
                let Some(r) = self.array_or_scalar(r, span, &fname) else { return Value::Error };
                let (Type::Array { ndim: rn, dtype: rd }, Type::Array { ndim: on, dtype: od }) = (self.expr_type(r), self.expr_type(o)) else { return Value::Error };
                if rn != on {
                    self.error(diag::shape_error(ospan, format!("`out` has {on} dimensions where the product has {rn}")));
                    return Value::Error;
                }
                if !super::promote::same_kind(rd, od) {
                    self.error(diag::type_error(ospan, format!("cannot store the {} product into the {} `out` (NumPy's same_kind casting)", rd.numpy_name(), od.numpy_name()), "make `out` of the product's dtype"));
                    return Value::Error;
                }
                for d in 0..rn {
                    let (x, y) = (self.add(Expr::Dim(r, d), Type::py_int()), self.add(Expr::Dim(o, d), Type::py_int()));
                    let differ = self.add(Expr::Compare(CompareOp::Ne, x, y), Type::py_bool());
                    self.raise_kind_if(differ, "ValueError", format!("{fname}: the output array's shape differs from the product's (axis {d})"), span);
                }
                self.store_into(o, od, on, Value::Array(r), span);
                Value::Array(o)
            }
            "sort" | "argsort" | "cumsum" | "cumprod" => self.sort_scan_function(name, args, kw, span),
            "save" => self.np_save(args, kw, span),
            "load" => self.np_load(args, kw, span),
            _ if path.starts_with("numpy.linalg.") && name != "norm" => self.linalg_call(name, args, kw, span),
            _ if path.starts_with("numpy.fft.") => self.fft_call(name, args, kw, span),
            "norm" if path == "numpy.linalg.norm" => self.linalg_norm(args, kw, span),
            _ => {
                self.error(diag::unsupported_call(span, &fname, None));
                Value::Error
            }
        }
    }

    fn scalar_where(&mut self, node: Rc<LNode>, span: Span) -> Value {
        let LNode::Select(c, a, b, dtype) = &*node else { unreachable!() };
        let leaf = |fx: &mut Self, n: &LNode| -> Option<ExprId> {
            match n {
                LNode::Scalar { expr, .. } => Some(*expr),
                LNode::Const { value, dtype } => Some(fx.add(Expr::Const(value.clone()), Type::scalar(*dtype))),
                LNode::Cast(d, inner) => {
                    let e = match &**inner {
                        LNode::Scalar { expr, .. } => *expr,
                        LNode::Const { value, dtype } => fx.add(Expr::Const(value.clone()), Type::scalar(*dtype)),
                        _ => return None,
                    };
                    Some(fx.cast_scalar(e, *d))
                }
                _ => None,
            }
        };
        let c = match &**c {
            LNode::Compare(op, x, y) => {
                let (Some(x), Some(y)) = (leaf(self, x), leaf(self, y)) else { return Value::Error };
                self.add(Expr::Compare(*op, x, y), Type::scalar(DType::Bool))
            }
            other => match leaf(self, other) {
                Some(e) => e,
                None => return Value::Error,
            },
        };
        let (Some(a), Some(b)) = (leaf(self, a), leaf(self, b)) else {
            self.error(diag::unsupported_syntax(span, "this form of scalar `np.where`", "use an `if` expression for scalars"));
            return Value::Error;
        };
        let a = self.retype_strong(a);
        let b = self.retype_strong(b);
        Value::Scalar(self.add(Expr::Select(c, a, b), Type::scalar(*dtype)))
    }

    /// The same scalar, typed as a strong NumPy scalar.
    fn strong(&mut self, e: ExprId) -> ExprId {
        self.retype_strong(e)
    }

    pub(crate) fn retype_strong_pub(&mut self, e: ExprId) -> ExprId {
        self.retype_strong(e)
    }

    fn retype_strong(&mut self, e: ExprId) -> ExprId {
        let ty = self.expr_type(e);
        match ty {
            Type::Scalar { dtype, weak: true } => {
                if let Expr::Const(c) = &self.f.exprs[e] {
                    let c = c.clone();
                    return self.add(Expr::Const(c), Type::scalar(dtype));
                }
                self.add(Expr::Cast(dtype, e), Type::scalar(dtype))
            }
            _ => e,
        }
    }

    /// A new array of `shape` filled with `fill` (or uninitialised).
    pub(crate) fn new_filled(&mut self, shape: Vec<ExprId>, dtype: DType, fill: Option<(Value, Span)>, span: Span) -> Value {
        match fill {
            None => {
                let tmp = self.temp(Type::array(dtype, shape.len()));
                self.emit(StmtKind::Alloc { dst: tmp, dtype, shape: ir::ShapeSpec::Dims(shape) }, span);
                Value::Array(self.read(tmp))
            }
            Some((v, vspan)) => {
                let Some((node, nd)) = self.as_node(&v) else {
                    let what = self.describe_value(&v);
                    self.error(diag::type_error(vspan, format!("cannot fill an array with {what}"), "fill with a number"));
                    return Value::Error;
                };
                if nd > 0 {
                    self.error(diag::unsupported_syntax(vspan, "array fill values", "fill with a scalar"));
                    return Value::Error;
                }
                // NumPy 2 copies a Python int fill into an integer array only if it fits
                // (`np.full_like(int32_array, 2**62)`: OverflowError).
                if let Value::Scalar(e) = v {
                    if dtype.is_int() && self.expr_type(e) == Type::py_int() {
                        self.check_py_int_fits(e, dtype);
                    }
                }
                Value::Array(self.generate(shape, LNode::cast(node, dtype), span))
            }
        }
    }

    /// `np.array([[1, 2], [3, 4]])`: a new array set element by element.
    pub(super) fn array_literal(&mut self, v: Value, dtype: Option<DType>, span: Span) -> Value {
        let v = if let Value::Cli(c) = v { self.cli_as_array(c, span) } else { v };
        if let Value::Array(_) | Value::Lazy(_) = v {
            let Some(a) = self.array_arg(v, span, "np.array") else { return Value::Error };
            let Type::Array { dtype: d, .. } = self.expr_type(a) else { unreachable!() };
            let target = dtype.unwrap_or(d);
            let out = self.array_as(a, target, span);
            if out == a {
                let tmp = self.temp(self.expr_type(a));
                self.emit(StmtKind::Library { op: LibraryOp::Copy, dst: tmp, args: vec![a] }, span);
                return Value::Array(self.read(tmp));
            }
            return Value::Array(out);
        }
        // A list or tuple of arrays: the arrays stacked along a new first axis (NumPy's
        // ValueError where their shapes differ).
        if let Value::Tuple(seq) = &v {
            if !seq.is_empty() && seq.iter().all(|i| matches!(i, Value::Array(_) | Value::Lazy(_))) {
                let stacked = self.call_numpy_pub("stack", vec![(v, span)], vec![], span);
                return match (stacked, dtype) {
                    (Value::Array(a), Some(d)) => Value::Array(self.array_as(a, d, span)),
                    (other, _) => other,
                };
            }
        }
        // Find the shape and the leaves in C order.
        let mut shape: Vec<usize> = Vec::new();
        let mut leaves: Vec<ExprId> = Vec::new();
        if !self.flatten_literal(&v, 0, &mut shape, &mut leaves, span) {
            return Value::Error;
        }
        // An int beyond int64 (a float leaf now) converts only into a float array asked
        // for by `dtype=`; NumPy makes an object array (or a uint64 one) of it otherwise.
        if has_big_int(&v) {
            if !dtype.is_some_and(|d| d.is_float()) {
                let big = first_big_int(&v).expect("a big int");
                return self.big_int_error(&big, span);
            }
        }
        let inferred = leaves.iter().fold(None::<DType>, |acc, e| {
            let d = self.f.expr_type(*e).dtype().unwrap_or(DType::F64);
            let d = if d == DType::I32 { DType::I64 } else { d };
            Some(match acc {
                None => d,
                Some(a) => DType::promote(a, d),
            })
        });
        let dtype = dtype.or(inferred).unwrap_or(DType::F64);
        if inferred.is_some_and(DType::is_complex) && !dtype.is_complex() {
            self.error(diag::type_error(span, format!("cannot make a {} array of complex numbers", dtype.numpy_name()), "NumPy raises TypeError here; take `.real` or `abs(...)` of the numbers first"));
            return Value::Error;
        }
        let dims: Vec<ExprId> = shape.iter().map(|n| self.const_i64(*n as i64)).collect();
        let tmp = self.temp(Type::array(dtype, shape.len()));
        self.emit(StmtKind::Alloc { dst: tmp, dtype, shape: ir::ShapeSpec::Dims(dims) }, span);
        let arr = self.read(tmp);
        for (flat, leaf) in leaves.into_iter().enumerate() {
            let mut idx = Vec::new();
            let mut rem = flat;
            for d in (0..shape.len()).rev() {
                idx.push(rem % shape[d]);
                rem /= shape[d];
            }
            idx.reverse();
            let indices = idx.into_iter().map(|i| self.const_i64(i as i64)).collect();
            // A float into an integer array goes through a Python int, as NumPy converts
            // it (`np.array([np.nan], dtype=int)`: ValueError), as an element store does.
            let float_leaf = self.f.expr_type(leaf).dtype().is_some_and(|d| d.is_float());
            let value = if dtype.is_int() && float_leaf { self.element_store_value(leaf, dtype) } else { self.cast_scalar(leaf, dtype) };
            self.emit(StmtKind::SetItem { array: arr, indices, value }, span);
        }
        Value::Array(self.read(tmp))
    }

    fn flatten_literal(&mut self, v: &Value, depth: usize, shape: &mut Vec<usize>, leaves: &mut Vec<ExprId>, span: Span) -> bool {
        match v {
            Value::Tuple(items) => {
                if shape.len() == depth {
                    shape.push(items.len());
                } else if shape.len() < depth || shape[depth] != items.len() {
                    self.error(diag::shape_error(span, "the nested lists have different lengths (an inhomogeneous shape)"));
                    return false;
                }
                items.iter().all(|i| self.flatten_literal(i, depth + 1, shape, leaves, span))
            }
            Value::Scalar(e) => {
                if shape.len() != depth {
                    self.error(diag::shape_error(span, "the nested lists have different depths (an inhomogeneous shape)"));
                    return false;
                }
                leaves.push(*e);
                true
            }
            Value::BigInt(b) => {
                if shape.len() != depth {
                    self.error(diag::shape_error(span, "the nested lists have different depths (an inhomogeneous shape)"));
                    return false;
                }
                leaves.push(self.add(Expr::Const(Const::Float(*b as f64)), Type::py_float()));
                true
            }
            // A number of run-time type: as the dtype its types promote to.
            Value::Union(_) => match self.union_as_item(v.clone(), span) {
                scalar @ Value::Scalar(_) => self.flatten_literal(&scalar, depth, shape, leaves, span),
                Value::Error => false,
                other => {
                    let what = self.describe_value(&other);
                    self.error(diag::type_error(span, format!("`np.array` of {what} is not supported"), "build arrays from (nested) lists of numbers"));
                    false
                }
            },
            Value::Error => false,
            other => {
                let what = self.describe_value(other);
                self.error(diag::type_error(span, format!("`np.array` of {what} is not supported"), "build arrays from (nested) lists of numbers"));
                false
            }
        }
    }

    /// Array methods (`a.sum(axis=0)`, `a.copy()`, `a.dot(x)`, `a.astype(t)`).
    /// `n.bit_length()` of a Python int (bits of its magnitude: 64 for -2**63) and
    /// `x.is_integer()` of a Python float (finite and whole).
    fn python_number_method(&mut self, x: ExprId, name: &str, span: Span) -> Value {
        if name == "is_integer" {
            // Whole and finite: `x - floor(x)` is 0 (NaN for an infinity or NaN).
            let floor = self.add(Expr::Math(MathFn::Floor, vec![x]), Type::py_float());
            let rest = self.add(Expr::Binary(BinaryOp::Sub, x, floor), Type::py_float());
            let zero = self.add(Expr::Const(Const::Float(0.0)), Type::py_float());
            return Value::Scalar(self.add(Expr::Compare(CompareOp::Eq, rest, zero), Type::py_bool()));
        }
        // The magnitude (wrapping: -2**63 stays negative, and every shift of it is nonzero),
        // then the highest shift that leaves a nonzero value.
        let x = self.cast_scalar(x, DType::I64);
        let zero = self.const_i64(0);
        let negative = self.add(Expr::Compare(CompareOp::Lt, x, zero), Type::py_bool());
        let x = self.retype_strong(x);
        let minus = self.add(Expr::Unary(ir::UnaryOp::Neg, x), Type::scalar(DType::I64));
        let magnitude = self.add(Expr::Select(negative, minus, x), Type::scalar(DType::I64));
        let held = self.temp(Type::scalar(DType::I64));
        self.emit(StmtKind::Assign { dst: held, value: magnitude }, span);
        let bits = self.temp(Type::py_int());
        self.emit(StmtKind::Assign { dst: bits, value: zero }, span);
        let k = self.temp(Type::py_int());
        let body = self.block(|fx| {
            let (m, shift) = (fx.read(held), fx.read(k));
            let shifted = fx.add(Expr::Binary(BinaryOp::RShift, m, shift), Type::scalar(DType::I64));
            let zero = fx.const_i64(0);
            let nonzero = fx.add(Expr::Compare(CompareOp::Ne, shifted, zero), Type::py_bool());
            let one = fx.const_i64(1);
            let shift = fx.read(k);
            let count = fx.add(Expr::Binary(BinaryOp::Add, shift, one), Type::py_int());
            let then_body = vec![ir::Stmt::new(StmtKind::Assign { dst: bits, value: count }, span)];
            fx.emit(StmtKind::If { cond: nonzero, then_body, else_body: vec![] }, span);
        });
        let (start, stop, step) = (self.const_i64(0), self.const_i64(64), self.const_i64(1));
        self.emit(StmtKind::For { var: k, start, stop, step, body }, span);
        Value::Scalar(self.read(bits))
    }

    pub fn call_method(&mut self, recv: Value, name: &str, args: Args, kw: Kwargs, span: Span) -> Value {
        if let Value::Cli(c) = recv {
            return self.cli_method(c, name, args, kw, span);
        }
        if let (Value::Scalar(x), "bit_length" | "is_integer") = (&recv, name) {
            let fname = if name == "bit_length" { "int.bit_length" } else { "float.is_integer" };
            let Some(_) = self.keywords(fname, kw, &[]) else { return Value::Error };
            if !self.arity(fname, &args, 0, 0, span) {
                return Value::Error;
            }
            return self.python_number_method(*x, name, span);
        }
        if let (Value::Str(fmt), "format") = (&recv, name) {
            return self.str_format(*fmt, args, kw, span);
        }
        if let (Value::Str(s), true) = (&recv, super::format::STR_METHODS.contains(&name)) {
            return self.py_str_method(*s, name, args, kw, span);
        }
        if let (Value::Str(sep), "join") = (&recv, name) {
            let Some(_) = self.keywords("str.join", kw, &[]) else { return Value::Error };
            let Some((items, ispan)) = self.single_arg("str.join", args, span) else { return Value::Error };
            return self.str_join_items(*sep, items, ispan);
        }
        if let Value::Dict(items) = recv {
            return self.dict_method(items, name, args, kw, span);
        }
        if let Some(v) = self.method_axis_dispatch(&recv, name, &args, &kw, span) {
            return v;
        }
        let fname = format!("ndarray.{name}");
        if matches!(name, "sum" | "mean") && self.value_dtype(&recv).is_some_and(DType::is_complex) {
            return self.complex_reduction(recv, name, args, kw, span);
        }
        if matches!(name, "conj" | "conjugate") {
            let Some(_) = self.keywords(&fname, kw, &[]) else { return Value::Error };
            if !self.arity(&fname, &args, 0, 0, span) {
                return Value::Error;
            }
            return self.complex_part_function("conj", recv, span);
        }
        match name {
            "tolist" => {
                let Some(_) = self.keywords(&fname, kw, &[]) else { return Value::Error };
                if !self.arity(&fname, &args, 0, 0, span) {
                    return Value::Error;
                }
                if let Value::Scalar(_) = recv {
                    return self.call_method(recv, "item", args, vec![], span);
                }
                let Some(a) = self.array_arg(recv, span, &fname) else { return Value::Error };
                if matches!(self.expr_type(a), Type::Array { ndim: 0, .. }) {
                    return self.call_method(Value::Array(a), "item", args, vec![], span);
                }
                self.array_tolist(a, span)
            }
            "item" => {
                // The element as the Python number of its kind: of a NumPy scalar, of an
                // array of one element, or at a flat index or one index per axis.
                let Some(_) = self.keywords(&fname, kw, &[]) else { return Value::Error };
                let element = match recv {
                    Value::Scalar(e) => {
                        if !args.is_empty() {
                            self.error(diag::bad_arguments(span, "a NumPy scalar's item() takes no index"));
                            return Value::Error;
                        }
                        e
                    }
                    other => {
                        let Some(a) = self.array_arg(other, span, &fname) else { return Value::Error };
                        let Type::Array { ndim, .. } = self.expr_type(a) else { return Value::Error };
                        let Type::Array { dtype, .. } = self.expr_type(a) else { return Value::Error };
                        let mut ints = Vec::new();
                        for (v, vspan) in &args {
                            let Some(i) = self.int_value(v.clone(), *vspan) else { return Value::Error };
                            ints.push(i);
                        }
                        let (from, ints) = match ints.len() {
                            0 => {
                                let size = self.add(Expr::Size(a), Type::py_int());
                                let one = self.const_i64(1);
                                let not_one = self.add(Expr::Compare(CompareOp::Ne, size, one), Type::py_bool());
                                self.raise_kind_if(not_one, "ValueError", "can only convert an array of size 1 to a Python scalar".into(), span);
                                let Value::Array(flat) = self.np("ravel", vec![Value::Array(a)], vec![], span) else { return Value::Error };
                                (flat, vec![self.const_i64(0)])
                            }
                            // One index: a flat position (C order).
                            1 if ndim != 1 => {
                                let Value::Array(flat) = self.np("ravel", vec![Value::Array(a)], vec![], span) else { return Value::Error };
                                (flat, ints)
                            }
                            n if n == ndim => (a, ints),
                            _ => {
                                self.error(diag::bad_arguments(span, "incorrect number of indices for array"));
                                return Value::Error;
                            }
                        };
                        self.add(Expr::GetItem(from, ints), Type::scalar(dtype))
                    }
                };
                let d = self.expr_type(element).dtype().unwrap_or(DType::F64);
                let python = if d == DType::Bool { DType::Bool } else if d.is_int() { DType::I64 } else if d.is_complex() { DType::C128 } else { DType::F64 };
                self.convert_scalar(element, python, true, span)
            }
            "fill" => {
                // `a.fill(v)`: every element set to `v`, converted to `a`'s dtype.
                let Some((v, vspan)) = self.single_arg(&fname, args, span) else { return Value::Error };
                let Some(_) = self.keywords(&fname, kw, &[]) else { return Value::Error };
                if !matches!(v, Value::Scalar(_)) {
                    let what = self.describe_value(&v);
                    self.error(diag::type_error(vspan, format!("`fill` takes a number, found {what}"), "pass a number; assign `a[...] = b` for an array"));
                    return Value::Error;
                }
                let Some(a) = self.array_arg(recv, span, &fname) else { return Value::Error };
                let Type::Array { dtype, ndim } = self.expr_type(a) else { return Value::Error };
                self.store_into(a, dtype, ndim, v, span);
                Value::None
            }
            "copy" => {
                // `order=` lays the copy out in memory; its values are the same.
                let Some(_) = self.keywords(&fname, kw, &["order"]) else { return Value::Error };
                if !self.arity(&fname, &args, 0, 1, span) {
                    return Value::Error;
                }
                let Some(a) = self.array_arg(recv, span, &fname) else { return Value::Error };
                let tmp = self.temp(self.expr_type(a));
                self.emit(StmtKind::Library { op: LibraryOp::Copy, dst: tmp, args: vec![a] }, span);
                Value::Array(self.read(tmp))
            }
            "dot" => {
                let Some((b, _)) = self.single_arg(&fname, args, span) else { return Value::Error };
                self.matmul(recv, b, span, MatMulOp::Dot)
            }
            "astype" => {
                // `a.astype(t, copy=False)` returns `a` itself when it has dtype `t`.
                let Some(kw) = self.keywords(&fname, kw, &["copy"]) else { return Value::Error };
                let Some((d, dspan)) = self.single_arg(&fname, args, span) else { return Value::Error };
                let d = match self.dtype_kw(&vec![("dtype".to_string(), d, dspan)]) {
                    Some(Some(d)) => d,
                    Some(None) | None => {
                        self.error(diag::type_error(dspan, "`astype` takes a dtype such as `np.float32`", "pass a dtype"));
                        return Value::Error;
                    }
                };
                if let Value::Scalar(e) = recv {
                    return self.convert_scalar(e, d, false, span);
                }
                // An expression not yet evaluated (a new array either way): converted as it
                // is computed (np.fromfunction's coordinates have no array to copy).
                if let Value::Lazy(l) = recv {
                    return Value::Lazy(Lazy { node: LNode::cast(l.node, d), ndim: l.ndim });
                }
                let Some(a) = self.array_arg(recv, span, &fname) else { return Value::Error };
                let Type::Array { dtype, ndim } = self.expr_type(a) else { unreachable!() };
                let no_copy = matches!(Self::kwarg(&kw, "copy"), Some((Value::Scalar(c), _)) if matches!(self.f.exprs[c], Expr::Const(Const::Bool(false))));
                if no_copy && dtype == d {
                    return Value::Array(a);
                }
                let node = self.as_node(&Value::Array(a)).expect("array").0;
                Value::Array(self.materialize(Lazy { node: LNode::cast(node, d), ndim }, span))
            }
            n if SHAPE_METHODS.contains(&n) => self.call_shape_method(recv, name, args, kw, span),
            "sort" | "argsort" | "cumsum" | "cumprod" => self.sort_scan_method(recv, name, args, kw, span),
            _ => self.reduction(recv, name, args, kw, span),
        }
    }

    /// Reductions: `sum prod mean max min any all argmax argmin`, whole or along an axis.
    /// A boolean keyword that must be a constant (`endpoint=False`, `keepdims=True`), or
    /// `default`; a located error otherwise.
    pub(crate) fn const_bool_kw(&mut self, kw: &Kwargs, name: &str, default: bool) -> Option<bool> {
        match Self::kwarg(kw, name) {
            None => Some(default),
            Some((Value::Scalar(e), vspan)) => match self.f.exprs[e] {
                Expr::Const(Const::Bool(b)) => Some(b),
                _ => {
                    self.error(diag::type_error(vspan, format!("`{name}` must be the constant True or False"), "write it as a literal"));
                    None
                }
            },
            Some((_, vspan)) => {
                self.error(diag::type_error(vspan, format!("`{name}` must be the constant True or False"), "write it as a literal"));
                None
            }
        }
    }

    pub(crate) fn reduction(&mut self, recv: Value, name: &str, args: Args, kw: Kwargs, span: Span) -> Value {
        // `dtype=` of sum, prod and mean: the elements converted to it and reduced in it
        // (NumPy's accumulator), the result of that dtype (integer sums and products wrap
        // as they would in it).
        let given = if matches!(name, "sum" | "prod" | "mean") { kw.iter().find(|(k, _, _)| k == "dtype").map(|(_, _, s)| *s) } else { None };
        let Some(dspan) = given else { return self.reduction_in(recv, name, args, kw, span) };
        let d = match self.dtype_kw(&kw) {
            Some(Some(d)) => d,
            _ => return Value::Error,
        };
        if d == DType::Bool || (name == "mean" && !(d.is_float() || d.is_complex())) {
            self.error(diag::unsupported_dtype(dspan, &format!("`dtype=` of np.{name}"), d.numpy_name(), "use a float dtype (or, for sums and products, an integer one)"));
            return Value::Error;
        }
        let kw: Kwargs = kw.into_iter().filter(|(k, _, _)| k != "dtype").collect();
        let converted = match recv {
            Value::Scalar(e) => self.convert_scalar(e, d, false, span),
            other => match self.as_node(&other) {
                Some((node, ndim)) => Value::Lazy(Lazy { node: LNode::cast(node, d), ndim }),
                None => other,
            },
        };
        let r = self.reduction_in(converted, name, args, kw, span);
        match r {
            Value::Scalar(e) if self.expr_type(e).dtype() != Some(d) => self.convert_scalar(e, d, false, span),
            Value::Array(_) | Value::Lazy(_) if self.value_dtype(&r) != Some(d) => {
                let (node, ndim) = self.as_node(&r).expect("an array");
                Value::Array(self.materialize(Lazy { node: LNode::cast(node, d), ndim }, span))
            }
            other => other,
        }
    }

    fn reduction_in(&mut self, recv: Value, name: &str, args: Args, kw: Kwargs, span: Span) -> Value {
        let Some(kw) = self.keywords(&format!("np.{name}"), kw, &["axis", "keepdims"]) else { return Value::Error };
        let Some(keepdims) = self.const_bool_kw(&kw, "keepdims", false) else { return Value::Error };
        let kw: Kwargs = kw.into_iter().filter(|(k, _, _)| k != "keepdims").collect();
        if let (Some(_), Some((_, kspan))) = (args.first(), Self::kwarg(&kw, "axis")) {
            self.error(diag::bad_arguments(kspan, format!("`np.{name}` got multiple values for argument `axis`")));
            return Value::Error;
        }
        let ndim = match &recv {
            Value::Scalar(_) => 0,
            v => self.as_node(v).map_or(0, |(_, n)| n),
        };
        let axis_given = args.first().cloned().or_else(|| Self::kwarg(&kw, "axis"));
        if let Some((Value::Tuple(items), tspan)) = axis_given {
            return self.reduction_over(recv, name, items.items, tspan, ndim, keepdims, span);
        }
        let r = self.reduction_dropping(recv, name, args, kw, span);
        if !keepdims || ndim == 0 || matches!(r, Value::Error) {
            return r;
        }
        // keepdims: the reduced axis (every axis) kept with extent 1.
        match self.axis_arg(axis_given, ndim) {
            Ok(Some(axis)) if !matches!(r, Value::Scalar(_)) => match r {
                Value::Array(out) => Value::Array(self.expand(out, axis, span)),
                other => other,
            },
            // Every axis, or the one axis of a 1-D array (a scalar result).
            Ok(_) => {
                let Some(dtype) = self.value_dtype(&r) else { return Value::Error };
                let ones = (0..ndim).map(|_| self.const_i64(1)).collect();
                self.new_filled(ones, dtype, Some((r, span)), span)
            }
            Err(()) => Value::Error,
        }
    }

    /// A reduction over a tuple of axes: one axis after another, from the last (means as
    /// sums over the count of the elements reduced); all of them is the whole array.
    #[allow(clippy::too_many_arguments)]
    fn reduction_over(&mut self, recv: Value, name: &str, items: Vec<Value>, tspan: Span, ndim: usize, keepdims: bool, span: Span) -> Value {
        if name == "argmax" || name == "argmin" {
            self.error(diag::type_error(tspan, format!("`np.{name}`'s axis must be an integer, not a tuple"), "reduce along one axis"));
            return Value::Error;
        }
        let mut axes = Vec::new();
        for item in items {
            let Ok(Some(x)) = self.axis_arg(Some((item, tspan)), ndim.max(1)) else { return Value::Error };
            if axes.contains(&x) {
                self.error(diag::shape_error(tspan, "duplicate value in 'axis'"));
                return Value::Error;
            }
            axes.push(x);
        }
        axes.sort_unstable();
        let mut r = if axes.len() == ndim || ndim == 0 {
            self.reduction_dropping(recv, name, vec![], vec![], span)
        } else {
            let src = self.stabilize(recv, span);
            let op = if name == "mean" { "sum" } else { name };
            let mut v = src.clone();
            for &ax in axes.iter().rev() {
                let axis = Value::Scalar(self.const_i64(ax as i64));
                v = self.reduction_dropping(v, op, vec![(axis, tspan)], vec![], span);
            }
            if name == "mean" {
                let Value::Array(a) = src else { return Value::Error };
                let mut count = self.const_i64(1);
                for &ax in &axes {
                    let d = self.add(Expr::Dim(a, ax), Type::py_int());
                    count = self.add(Expr::Binary(BinaryOp::Mul, count, d), Type::py_int());
                }
                v = self.binary(crate::ast::BinOp::Div, v, Value::Scalar(count), span);
                v = self.stabilize(v, span);
            }
            v
        };
        if keepdims && ndim > 0 && !matches!(r, Value::Error) {
            r = match r {
                Value::Array(mut out) => {
                    for &ax in &axes {
                        out = self.expand(out, ax, span);
                    }
                    Value::Array(out)
                }
                scalar => {
                    let Some(dtype) = self.value_dtype(&scalar) else { return Value::Error };
                    let ones = (0..ndim).map(|_| self.const_i64(1)).collect();
                    self.new_filled(ones, dtype, Some((scalar, span)), span)
                }
            };
        }
        r
    }

    /// A reduction without `keepdims`: the reduced axis (or every axis) dropped.
    fn reduction_dropping(&mut self, recv: Value, name: &str, args: Args, kw: Kwargs, span: Span) -> Value {
        let fname = format!("np.{name}");
        let recv = if name == "mean" { self.stabilize(recv, span) } else { recv };
        let Some(kw) = self.keywords(&fname, kw, &["axis"]) else { return Value::Error };
        if !self.arity(&fname, &args, 0, 1, span) {
            return Value::Error;
        }
        let Some((node, ndim)) = self.as_node(&recv) else {
            let what = self.describe_value(&recv);
            self.error(diag::type_error(span, format!("`{fname}` expects an array, found {what}"), "pass an array"));
            return Value::Error;
        };
        let axis_v = args.into_iter().next().or_else(|| Self::kwarg(&kw, "axis"));
        let Ok(axis) = self.axis_arg(axis_v, ndim) else { return Value::Error };
        // Along the only axis of a 1-D array: the whole array, a NumPy scalar (not a 0-d array).
        let axis = axis.filter(|_| ndim > 1);
        let src = node.dtype();
        if let Value::Scalar(e) = recv {
            return self.scalar_reduction(e, name, span);
        }
        if name == "argmax" || name == "argmin" {
            let Some(a) = self.array_arg(recv, span, &fname) else { return Value::Error };
            let op = if name == "argmax" { LibraryOp::ArgMax { axis } } else { LibraryOp::ArgMin { axis } };
            let rank = if axis.is_some() { ndim - 1 } else { 0 };
            let tmp = self.temp(Type::array(DType::I64, rank));
            self.emit(StmtKind::Library { op, dst: tmp, args: vec![a] }, span);
            let r = self.read(tmp);
            if axis.is_none() {
                return Value::Scalar(self.add(Expr::GetItem(r, vec![]), Type::scalar(DType::I64)));
            }
            return Value::Array(r);
        }
        let (op, dtype) = match name {
            "sum" | "mean" | "prod" => {
                let acc = match src {
                    d if !d.is_float() && name == "mean" => DType::F64,
                    d => d.sum_dtype(),
                };
                (if name == "prod" { ReduceOp::Prod } else { ReduceOp::Sum }, acc)
            }
            "max" => (ReduceOp::Max, src),
            "min" => (ReduceOp::Min, src),
            "any" => (ReduceOp::Any, DType::Bool),
            "all" => (ReduceOp::All, DType::Bool),
            "bitwise_and" | "bitwise_or" | "bitwise_xor" => {
                if !(src.is_int() || src == DType::Bool) {
                    self.error(diag::type_error(
                        span,
                        format!("ufunc '{name}' not supported for the input types ({})", src.numpy_name()),
                        "reduce integers or booleans",
                    ));
                    return Value::Error;
                }
                let op = match name {
                    "bitwise_and" => ReduceOp::BitAnd,
                    "bitwise_or" => ReduceOp::BitOr,
                    _ => ReduceOp::BitXor,
                };
                (op, src)
            }
            _ => {
                self.error(diag::unsupported_call(span, &format!("ndarray.{name}"), None));
                return Value::Error;
            }
        };
        let node = if matches!(op, ReduceOp::Any | ReduceOp::All) && src != DType::Bool {
            Rc::new(LNode::Compare(CompareOp::Ne, node, Rc::new(LNode::Const { value: Const::Int(0), dtype: src })))
        } else {
            node
        };
        match axis {
            None => {
                let r = self.reduce_all(node, ndim, op, dtype, span);
                if name == "mean" {
                    // `recv` is an array (a lazy one was materialised above) or a scalar,
                    // which has one element.
                    let size = match recv {
                        Value::Array(a) => self.add(Expr::Size(a), Type::py_int()),
                        _ => self.add(Expr::Const(Const::Int(1)), Type::py_int()),
                    };
                    let size = self.add(Expr::Cast(dtype, size), Type::scalar(dtype));
                    return Value::Scalar(self.add(Expr::Binary(BinaryOp::TrueDiv, r, size), Type::scalar(dtype)));
                }
                Value::Scalar(r)
            }
            Some(axis) => {
                let out = self.reduce_axis(node, ndim, op, dtype, axis, span);
                if name == "mean" {
                    // Divide by the extent of the reduced axis, in place.
                    let Value::Array(src_arr) = recv else { unreachable!("mean materialises its input") };
                    let n = self.add(Expr::Dim(src_arr, axis), Type::py_int());
                    let n = self.add(Expr::Cast(dtype, n), Type::scalar(dtype));
                    let on = self.as_node(&Value::Array(out)).expect("array").0;
                    let q = Rc::new(LNode::Binary(BinaryOp::TrueDiv, on, Rc::new(LNode::Scalar { expr: n, dtype }), dtype));
                    let dst = out;
                    self.store_into(dst, dtype, ndim - 1, Value::Lazy(Lazy { node: q, ndim: ndim - 1 }), span);
                }
                Value::Array(out)
            }
        }
    }

    /// A reduction of a Python or NumPy scalar (a 0-d array to NumPy): the NumPy
    /// scalar of the reduction's result dtype (`np.mean(2)` is `np.float64(2.0)`,
    /// `np.sum(True)` is `np.int64(1)`, `np.max(2.5)` is `np.float64(2.5)`).
    fn scalar_reduction(&mut self, e: ExprId, name: &str, span: Span) -> Value {
        let Some(src) = self.expr_type(e).dtype() else { return Value::Error };
        let dtype = match name {
            "sum" | "prod" => src.sum_dtype(),
            "mean" => match src {
                d if !d.is_float() => DType::F64,
                d => d,
            },
            "max" | "min" => src,
            "any" | "all" => {
                let zero = self.add(Expr::Const(super::lazy::convert_const(&Const::Int(0), src)), Type::scalar(src));
                let e = self.strong(e);
                return Value::Scalar(self.add(Expr::Compare(CompareOp::Ne, e, zero), Type::scalar(DType::Bool)));
            }
            "argmax" | "argmin" => return Value::Scalar(self.add(Expr::Const(Const::Int(0)), Type::scalar(DType::I64))),
            _ => {
                self.error(diag::unsupported_call(span, &format!("ndarray.{name}"), None));
                return Value::Error;
            }
        };
        let value = self.cast_scalar(e, dtype);
        Value::Scalar(self.add(Expr::Cast(dtype, value), Type::scalar(dtype)))
    }

    /// `a @ b`, `np.dot`, `np.matmul`, `a.dot(b)` (`dot` for the last two).
    pub fn matmul(&mut self, l: Value, r: Value, span: Span, op: MatMulOp) -> Value {
        let (l_scalar, r_scalar) = (matches!(l, Value::Scalar(_)), matches!(r, Value::Scalar(_)));
        if !(l_scalar || r_scalar) && [&l, &r].iter().any(|v| self.value_dtype(v).is_some_and(DType::is_complex)) {
            return self.complex_matmul(l, r, span, op);
        }
        if l_scalar || r_scalar {
            match op {
                // np.dot with a scalar is multiplication.
                MatMulOp::Dot => return self.binary(crate::ast::BinOp::Mul, l, r, span),
                // Neither Python's nor NumPy's scalars define `@`.
                MatMulOp::Operator if l_scalar && r_scalar => {
                    let name = |fx: &Self, v: &Value| match v {
                        Value::Scalar(e) => scalar_type_name(&fx.expr_type(*e)),
                        _ => String::new(),
                    };
                    let message = format!("unsupported operand type(s) for @: '{}' and '{}'", name(self, &l), name(self, &r));
                    return self.raise_now("TypeError", &message, span);
                }
                // matmul's core dimensions need arrays (0-d is not enough).
                MatMulOp::Operator | MatMulOp::Matmul => {
                    let operand = if l_scalar { 0 } else { 1 };
                    let message = format!(
                        "matmul: Input operand {operand} does not have enough dimensions (has 0, gufunc core with signature (n?,k),(k,m?)->(n?,m?) requires 1)"
                    );
                    return self.raise_now("ValueError", &message, span);
                }
            }
        }
        let Some(a) = self.array_arg(l, span, "np.dot") else { return Value::Error };
        let Some(b) = self.array_arg(r, span, "np.dot") else { return Value::Error };
        let (Type::Array { dtype: ad, ndim: an }, Type::Array { dtype: bd, ndim: bn }) = (self.expr_type(a), self.expr_type(b)) else {
            unreachable!()
        };
        if an == 0 || bn == 0 {
            self.error(diag::shape_error(span, format!("matrix products of {an}-D and {bn}-D arrays are not supported")));
            return Value::Error;
        }
        // Bools stay bools: NumPy's product of bools is the `or` of `and`s.
        let dtype = DType::promote(ad, bd);
        let a = self.array_as(a, dtype, span);
        let b = self.array_as(b, dtype, span);
        if an == 1 && bn == 1 && dtype.is_float() {
            return self.vector_dot(a, b, dtype, span, op);
        }
        // np.dot keeps every axis but the summed ones; matmul's batch axes broadcast.
        let stacked = op != MatMulOp::Dot;
        let rank = match (stacked, an, bn) {
            (false, _, _) => an + bn - 2,
            (true, 1, 1) => 0,
            (true, 1, n) | (true, n, 1) => n - 1,
            (true, _, _) => an.max(bn),
        };
        let tmp = self.temp(Type::array(dtype, rank));
        self.emit(StmtKind::Library { op: LibraryOp::MatMul { stacked }, dst: tmp, args: vec![a, b] }, span);
        let r = self.read(tmp);
        if rank == 0 {
            return Value::Scalar(self.add(Expr::GetItem(r, vec![]), Type::scalar(dtype)));
        }
        Value::Array(r)
    }

    /// The product of two float vectors: NumPy's error where their lengths differ, then the
    /// sum of their products as a reduction kernel, so that it fuses with the kernel that
    /// stores an operand (`r = r - alpha * q; rr = r.dot(r)` is one pass over memory).
    fn vector_dot(&mut self, a: ExprId, b: ExprId, dtype: DType, span: Span, op: MatMulOp) -> Value {
        // `r.dot(r)`: one array, nothing to check (and nothing between the store of `r` and
        // the reduction).
        let same = matches!((&self.f.exprs[a], &self.f.exprs[b]), (Expr::Read(x), Expr::Read(y)) if x == y);
        if !same {
            self.check_vector_lengths(a, b, span, op);
        }
        let product = self.binary(crate::ast::BinOp::Mul, Value::Array(a), Value::Array(b), span);
        let Some((node, ndim)) = self.as_node(&product) else { return Value::Error };
        Value::Scalar(self.reduce_all(node, ndim, ReduceOp::Sum, dtype, span))
    }

    /// NumPy's ValueError where two vectors of a product differ in length.
    fn check_vector_lengths(&mut self, a: ExprId, b: ExprId, span: Span, op: MatMulOp) {
        let na = self.add(Expr::Dim(a, 0), Type::py_int());
        let nb = self.add(Expr::Dim(b, 0), Type::py_int());
        let differ = self.add(Expr::Compare(CompareOp::Ne, na, nb), Type::py_bool());
        let raise = self.block(|fx| {
            let mut text = |s: &str| fx.add(Expr::Const(Const::Str(s.into())), Type::Str);
            let parts = match op {
                MatMulOp::Dot => {
                    let (t0, t1, t2, t3, t4) = (text("shapes ("), text(",) and ("), text(",) not aligned: "), text(" (dim 0) != "), text(" (dim 0)"));
                    let (a1, b1) = (fx.add(Expr::Format(na, String::new()), Type::Str), fx.add(Expr::Format(nb, String::new()), Type::Str));
                    let (a2, b2) = (fx.add(Expr::Format(na, String::new()), Type::Str), fx.add(Expr::Format(nb, String::new()), Type::Str));
                    vec![t0, a1, t1, b1, t2, a2, t3, b2, t4]
                }
                MatMulOp::Matmul | MatMulOp::Operator => {
                    let t0 = text("matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature (n?,k),(k,m?)->(n?,m?) (size ");
                    let (t1, t2) = (text(" is different from "), text(")"));
                    let (b1, a1) = (fx.add(Expr::Format(nb, String::new()), Type::Str), fx.add(Expr::Format(na, String::new()), Type::Str));
                    vec![t0, b1, t1, a1, t2]
                }
            };
            let message = fx.add(Expr::Concat(parts), Type::Str);
            let kind = fx.add(Expr::Const(Const::Int(runtime_abi::ERR_VALUE)), Type::py_int());
            fx.emit(StmtKind::Runtime { func: runtime_abi::EntryPoint::Raise, args: vec![kind, message], dst: None }, span);
        });
        self.emit(StmtKind::If { cond: differ, then_body: raise, else_body: vec![] }, span);
    }
}

impl FnCx<'_, '_> {
    /// Python's `isinstance(obj, cls)`, known when compiling from `obj`'s type: Python's
    /// numbers and NumPy's scalars as CPython has them (`bool` is an `int`; `np.float64` is a
    /// `float` and `np.complex128` a `complex`, NumPy's integers are not `int`s), arrays,
    /// strings, tuples and lists; `cls` one of those types, a NumPy dtype or abstract type
    /// (`np.floating`), or a tuple of them. None after a located error (another class).
    pub(super) fn instance_of(&mut self, obj: &Value, cls: &Value, span: Span) -> Option<bool> {
        if let Value::Tuple(seq) = cls {
            let mut any = false;
            for c in &seq.items {
                any |= self.instance_of(obj, c, span)?;
            }
            return Some(any);
        }
        // The scalar's dtype and whether it is a Python number (weak) or a NumPy scalar.
        let scalar = match obj {
            Value::Scalar(e) => match self.f.expr_type(*e) {
                Type::Scalar { dtype, weak } => Some((*dtype, *weak)),
                _ => None,
            },
            _ => None,
        };
        let numpy = scalar.filter(|(_, weak)| !weak).map(|(d, _)| d);
        Some(match cls {
            Value::Builtin(name) => match name.as_str() {
                "int" => matches!(scalar, Some((DType::I64 | DType::Bool, true))),
                "bool" => matches!(scalar, Some((DType::Bool, true))),
                "float" => matches!(scalar, Some((DType::F64, _))),
                "complex" => matches!(scalar, Some((DType::C128, _))),
                "str" => matches!(obj, Value::Str(_)),
                "tuple" => matches!(obj, Value::Tuple(seq) if !seq.list),
                "list" => matches!(obj, Value::Tuple(seq) if seq.list),
                "numpy.ndarray" => matches!(obj, Value::Array(_) | Value::Lazy(_)),
                "numpy.generic" => numpy.is_some(),
                "numpy.number" => numpy.is_some_and(|d| d != DType::Bool),
                "numpy.integer" => numpy.is_some_and(|d| d.is_int()),
                "numpy.signedinteger" => numpy.is_some_and(|d| d.is_int() && !d.is_unsigned()),
                "numpy.unsignedinteger" => numpy.is_some_and(|d| d.is_unsigned()),
                "numpy.inexact" => numpy.is_some_and(|d| d.is_float() || d.is_complex()),
                "numpy.floating" => numpy.is_some_and(|d| d.is_float()),
                "numpy.complexfloating" => numpy.is_some_and(|d| d.is_complex()),
                other => {
                    let what = other.strip_prefix("numpy.").map_or(other.to_string(), |n| format!("np.{n}"));
                    self.error(diag::type_error(span, format!("`isinstance` with the class `{what}` is not supported by legatec"), "test against int, float, bool, complex, str, tuple, list, np.ndarray, a NumPy dtype or np.integer/np.floating"));
                    return None;
                }
            },
            // `np.float64`: that NumPy scalar type exactly.
            Value::DType(d) => numpy == Some(*d),
            other => {
                let what = self.describe_value(other);
                self.error(diag::type_error(span, format!("isinstance() arg 2 must be a type, a tuple of types, or a union, not {what}"), "pass a type or a tuple of types"));
                return None;
            }
        })
    }
}

/// The dtype `np.full` infers from its fill value.
fn full_dtype(fx: &FnCx, v: &Value) -> DType {
    match v {
        Value::Scalar(e) => match fx.f.expr_type(*e) {
            Type::Scalar { dtype, weak: true } => match dtype {
                DType::Bool => DType::Bool,
                d if d.is_float() => DType::F64,
                d if d.is_complex() => DType::C128,
                _ => DType::I64,
            },
            t => t.dtype().unwrap_or(DType::F64),
        },
        _ => DType::F64,
    }
}

fn has_big_int(v: &Value) -> bool {
    first_big_int(v).is_some()
}

fn first_big_int(v: &Value) -> Option<Value> {
    match v {
        Value::BigInt(_) => Some(v.clone()),
        Value::Tuple(items) => items.iter().find_map(first_big_int),
        _ => None,
    }
}


/// Which spelling of a matrix product: they differ on scalar operands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MatMulOp {
    /// `np.dot`, `a.dot(b)`: a scalar operand multiplies.
    Dot,
    /// `np.matmul`: scalar operands are a ValueError.
    Matmul,
    /// `a @ b`: as `np.matmul`, and a TypeError between two scalars.
    Operator,
}

/// `type(x).__name__` of a scalar as Python prints it in a TypeError (`float`,
/// `numpy.float64`).
fn scalar_type_name(ty: &Type) -> String {
    match ty {
        Type::Scalar { dtype, weak: true } => match dtype {
            DType::Bool => "bool".into(),
            DType::F32 | DType::F64 => "float".into(),
            DType::C64 | DType::C128 => "complex".into(),
            _ => "int".into(),
        },
        Type::Scalar { dtype, weak: false } => format!("numpy.{}", dtype.numpy_name()),
        other => super::describe(other),
    }
}

#[cfg(test)]
mod related_tests {
    use super::*;

    /// The table names only functions legatec has, for functions it has not.
    #[test]
    fn related_functions_are_supported_and_their_keys_are_not() {
        let supported = |n: &str| {
            NUMPY_NAMES.contains(&n) || UFUNC_NAMES.contains(&n) || SHAPE_NAMES.contains(&n) || STATS_NAMES.contains(&n) || POLY_NAMES.contains(&n) || NUMERIC_NAMES.contains(&n)
        };
        for (name, related) in RELATED {
            assert!(!supported(name), "np.{name} is supported: remove it from RELATED");
            assert!(supported(related), "RELATED names np.{related} for np.{name}, which legatec does not have");
        }
    }
}

/// NumPy functions besides the ufuncs of `ufunc_inputs` that give a Series of a Series,
/// with its index: those NumPy hands to the Series' method of that name, and `heaviside`
/// (a ufunc lowered apart from the others).
const SERIES_FUNCTIONS: &[&str] = &["cumsum", "cumprod", "round", "around", "clip", "argsort", "transpose", "squeeze", "heaviside"];

/// NumPy functions that give a Series of a Series with its index reordered or repeated.
const SERIES_REORDERED: &[&str] = &["flip", "flipud", "repeat", "take"];
