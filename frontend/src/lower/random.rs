//! `np.random`: the legacy global functions (`np.random.seed`, `rand`,
//! `randn`, `random`, `uniform`, `normal`, `randint`...) and the `Generator`s
//! made by `np.random.default_rng`, lowered to runtime calls (`lt_random_*`)
//! that reproduce NumPy's streams bit for bit.
//!
//! An array result is allocated by an `Alloc` statement (so later passes see
//! its shape) and filled in C order by a `Runtime` statement; a `size=None`
//! draw is one scalar runtime call. A `Generator` is a compile-time value
//! naming a hidden int64 global that holds its runtime handle: it can be
//! rebound, aliased and passed to functions like a module.

use super::{FnCx, Value};
use crate::diagnostics as diag;
use ir::{BinaryOp, CompareOp, Const, DType, Expr, ExprId, Place, ShapeSpec, Span, StmtKind, Type};
use runtime_abi::{
    EntryPoint, INDICES_CHOICE, INDICES_CHOICE_UNSHUFFLED, INDICES_PERMUTATION, RANDOM_BETA, RANDOM_BINOMIAL, RANDOM_EXPONENTIAL, RANDOM_GAMMA, RANDOM_INTEGERS, RANDOM_INTEGERS_CLOSED, RANDOM_NORMAL, RANDOM_POISSON, RANDOM_STANDARD_NORMAL, RANDOM_STANDARD_UNIFORM,
    RANDOM_UNIFORM, RNG_LEGACY,
};

type Args = Vec<(Value, Span)>;
type Kwargs = Vec<(String, Value, Span)>;


/// The supported `np.random.<name>` functions.
const RANDOM_NAMES: &[&str] =
    &["seed", "rand", "randn", "random", "random_sample", "standard_normal", "uniform", "normal", "randint", "exponential", "standard_exponential", "choice", "permutation",
    "shuffle", "gamma", "standard_gamma", "beta", "default_rng"];

/// The supported methods of a `Generator`.
const GENERATOR_METHODS: &[&str] =
    &["random", "standard_normal", "normal", "uniform", "integers", "exponential", "standard_exponential", "choice", "permutation", "shuffle",
    "gamma", "standard_gamma", "beta", "poisson", "binomial"];

/// The parameters of one distribution call.
enum Params {
    Floats(ExprId, ExprId),
    Ints(ExprId, ExprId),
    /// An int64 count's integer and float parameters (`lt_random_*_discrete`).
    Discrete(ExprId, ExprId),
}

/// A call's arguments matched to a signature's parameter names, in order.
type Bound = Vec<Option<(Value, Span)>>;

impl FnCx<'_, '_> {
    /// `np.random.<name>`.
    pub(crate) fn random_module_attr(&mut self, name: &str, span: Span) -> Value {
        if RANDOM_NAMES.contains(&name) {
            return Value::Builtin(format!("numpy.random.{name}"));
        }
        let near = diag::nearest(name, RANDOM_NAMES.iter().copied());
        let near = near.map(|n| format!("np.random.{n}"));
        self.error(diag::unsupported_call(span, &format!("np.random.{name}"), near.as_deref()).with_hint(match near {
            Some(n) => format!("the nearest supported function is `{n}`"),
            None => format!("supported: np.random.{}", RANDOM_NAMES.join(", ")),
        }));
        Value::Error
    }

    /// `rng.<attr>` for a `Generator`.
    pub(crate) fn generator_attr(&mut self, handle: Place, attr: &str, span: Span) -> Value {
        if GENERATOR_METHODS.contains(&attr) {
            return Value::Method(Box::new(Value::Generator(handle)), attr.to_string());
        }
        let near = diag::nearest(attr, GENERATOR_METHODS.iter().copied());
        let near = near.map(|n| format!("Generator.{n}"));
        self.error(diag::unsupported_call(span, &format!("Generator.{attr}"), near.as_deref()).with_hint(match near {
            Some(n) => format!("the nearest supported method is `{n}`"),
            None => format!("supported Generator methods: {}", GENERATOR_METHODS.join(", ")),
        }));
        Value::Error
    }

    /// Binds `name` to a generator. A name that already holds a generator
    /// keeps its hidden global, which receives the new handle, so that
    /// assignments in branches and loops behave like Python's.
    pub(crate) fn assign_generator(&mut self, name: &str, handle: Place, span: Span) {
        let current = self.generator_slot(name, handle);
        if current != handle {
            let value = self.read(handle);
            self.emit(StmtKind::Assign { dst: current, value }, span);
        }
        self.assign_const(name, Value::Generator(current), span);
    }

    /// Calls of `np.random.<name>`.
    pub(crate) fn call_random(&mut self, name: &str, args: Args, kw: Kwargs, span: Span) -> Value {
        let func = format!("np.random.{name}");
        let legacy = |fx: &mut Self| fx.int_const(RNG_LEGACY);
        match name {
            "seed" => {
                let Some(bound) = self.bind_args(&func, &["seed"], args, kw, span) else { return Value::Error };
                let Some((seed, has_seed)) = self.optional_seed(&bound[0]) else { return Value::Error };
                self.runtime_call(EntryPoint::RandomSeed, vec![seed, has_seed], None, span);
                Value::None
            }
            "default_rng" => {
                let Some(bound) = self.bind_args(&func, &["seed"], args, kw, span) else { return Value::Error };
                let Some((seed, has_seed)) = self.optional_seed(&bound[0]) else { return Value::Error };
                let handle = self.new_generator_place();
                self.emit(StmtKind::Runtime { func: EntryPoint::RngNew, args: vec![seed, has_seed], dst: Some(handle) }, span);
                Value::Generator(handle)
            }
            "rand" | "randn" => {
                let Some(_) = self.only_keywords(&func, kw, &[]) else { return Value::Error };
                let mut dims = Vec::new();
                for (v, vspan) in args {
                    let Some(d) = self.int_value(v, vspan) else { return Value::Error };
                    dims.push(d);
                }
                let size = (!dims.is_empty()).then_some(dims);
                let method = if name == "rand" { RANDOM_STANDARD_UNIFORM } else { RANDOM_STANDARD_NORMAL };
                let params = self.unit_params();
                let rng = legacy(self);
                self.draw(rng, method, DType::F64, size, params, Type::py_float(), span)
            }
            "random" | "random_sample" | "standard_normal" => {
                let Some(bound) = self.bind_args(&func, &["size"], args, kw, span) else { return Value::Error };
                let Some(size) = self.size_arg(&bound[0]) else { return Value::Error };
                let method = if name == "standard_normal" { RANDOM_STANDARD_NORMAL } else { RANDOM_STANDARD_UNIFORM };
                let params = self.unit_params();
                let rng = legacy(self);
                self.draw(rng, method, DType::F64, size, params, Type::py_float(), span)
            }
            "uniform" | "normal" => {
                let rng = legacy(self);
                self.float_distribution(rng, &func, name, args, kw, span)
            }
            "exponential" | "standard_exponential" => {
                let rng = legacy(self);
                self.exponential(rng, &func, name, args, kw, false, span)
            }
            "choice" => {
                let rng = legacy(self);
                self.choice(rng, &func, true, args, kw, span)
            }
            "gamma" | "standard_gamma" | "beta" => {
                let rng = legacy(self);
                self.gamma_beta(rng, &func, name, args, kw, false, span)
            }
            "permutation" => {
                let rng = legacy(self);
                self.permutation(rng, &func, args, kw, span)
            }
            "shuffle" => {
                let rng = legacy(self);
                self.shuffle(rng, &func, args, kw, span)
            }
            "randint" => {
                let names = ["low", "high", "size", "dtype"];
                let Some(bound) = self.bind_args(&func, &names, args, kw, span) else { return Value::Error };
                let rng = legacy(self);
                self.integers(rng, &func, &bound, None, span)
            }
            _ => {
                // `random_module_attr` only lets the names above through.
                self.random_module_attr(name, span)
            }
        }
    }

    /// Calls of `rng.<name>` on a `Generator`.
    pub(crate) fn call_generator_method(&mut self, handle: Place, name: &str, args: Args, kw: Kwargs, span: Span) -> Value {
        let func = format!("Generator.{name}");
        let rng = self.read(handle);
        match name {
            "random" | "standard_normal" => {
                let Some(bound) = self.bind_args(&func, &["size", "dtype"], args, kw, span) else { return Value::Error };
                let Some(size) = self.size_arg(&bound[0]) else { return Value::Error };
                let Some(dtype) = self.dtype_arg(&bound[1], DType::F64, &[DType::F64, DType::F32]) else { return Value::Error };
                let method = if name == "random" { RANDOM_STANDARD_UNIFORM } else { RANDOM_STANDARD_NORMAL };
                let params = self.unit_params();
                // A float32 draw with size=None is a Python float, as in NumPy.
                self.draw(rng, method, dtype, size, params, Type::py_float(), span)
            }
            "normal" | "uniform" => self.float_distribution(rng, &func, name, args, kw, span),
            "exponential" | "standard_exponential" => self.exponential(rng, &func, name, args, kw, true, span),
            "choice" => self.choice(rng, &func, false, args, kw, span),
            "gamma" | "standard_gamma" | "beta" => self.gamma_beta(rng, &func, name, args, kw, true, span),
            "permutation" => self.permutation(rng, &func, args, kw, span),
            "shuffle" => self.shuffle(rng, &func, args, kw, span),
            "poisson" | "binomial" => self.counts(rng, &func, name, args, kw, span),
            "integers" => {
                let names = ["low", "high", "size", "dtype", "endpoint"];
                let Some(bound) = self.bind_args(&func, &names, args, kw, span) else { return Value::Error };
                let endpoint = match &bound[4] {
                    None => false,
                    Some((v, vspan)) => match self.constant_bool(v) {
                        Some(b) => b,
                        None => {
                            self.error(diag::type_error(*vspan, "`endpoint` must be `True` or `False`", "write the flag literally"));
                            return Value::Error;
                        }
                    },
                };
                self.integers(rng, &func, &bound[..4], Some(endpoint), span)
            }
            _ => self.generator_attr(handle, name, span),
        }
    }

    /// `uniform(low=0.0, high=1.0, size=None)` and `normal(loc=0.0, scale=1.0, size=None)`.
    fn float_distribution(&mut self, rng: ExprId, func: &str, name: &str, args: Args, kw: Kwargs, span: Span) -> Value {
        let (names, method, default_second) = match name {
            "uniform" => (["low", "high", "size"], RANDOM_UNIFORM, 1.0),
            _ => (["loc", "scale", "size"], RANDOM_NORMAL, 1.0),
        };
        let Some(bound) = self.bind_args(func, &names, args, kw, span) else { return Value::Error };
        let Some(first) = self.float_param(&bound[0], 0.0) else { return Value::Error };
        let Some(second) = self.float_param(&bound[1], default_second) else { return Value::Error };
        let Some(size) = self.size_arg(&bound[2]) else { return Value::Error };
        self.draw(rng, method, DType::F64, size, Params::Floats(first, second), Type::py_float(), span)
    }

    /// `exponential(scale=1.0, size=None)` and `standard_exponential(size=None)`, with
    /// `dtype` (float64 or float32) for a `Generator`'s standard form (`typed`).
    #[allow(clippy::too_many_arguments)]
    fn exponential(&mut self, rng: ExprId, func: &str, name: &str, args: Args, kw: Kwargs, typed: bool, span: Span) -> Value {
        let standard = name == "standard_exponential";
        let names: &[&str] = match (standard, typed) {
            (false, _) => &["scale", "size"],
            (true, false) => &["size"],
            (true, true) => &["size", "dtype"],
        };
        let Some(bound) = self.bind_args(func, names, args, kw, span) else { return Value::Error };
        let (scale, size_at) = if standard { (self.float_param(&None, 1.0), 0) } else { (self.float_param(&bound[0], 1.0), 1) };
        let Some(scale) = scale else { return Value::Error };
        let Some(size) = self.size_arg(&bound[size_at]) else { return Value::Error };
        let dtype = if standard && typed {
            match self.dtype_arg(&bound[1], DType::F64, &[DType::F64, DType::F32]) {
                Some(d) => d,
                None => return Value::Error,
            }
        } else {
            DType::F64
        };
        let unused = self.add(Expr::Const(Const::Float(0.0)), Type::py_float());
        self.draw(rng, RANDOM_EXPONENTIAL, dtype, size, Params::Floats(scale, unused), Type::py_float(), span)
    }

    /// `gamma(shape, scale=1.0, size=None)`, `standard_gamma(shape, size=None)` (with
    /// `dtype`, float64 or float32, for a `Generator`: `typed`) and `beta(a, b, size=None)`.
    #[allow(clippy::too_many_arguments)]
    fn gamma_beta(&mut self, rng: ExprId, func: &str, name: &str, args: Args, kw: Kwargs, typed: bool, span: Span) -> Value {
        let names: &[&str] = match (name, typed) {
            ("gamma", _) => &["shape", "scale", "size"],
            ("beta", _) => &["a", "b", "size"],
            (_, false) => &["shape", "size"],
            (_, true) => &["shape", "size", "dtype"],
        };
        let Some(bound) = self.bind_args(func, names, args, kw, span) else { return Value::Error };
        let required = if name == "beta" { 2 } else { 1 };
        for (at, arg) in bound.iter().enumerate().take(required) {
            if arg.is_none() {
                self.error(diag::bad_arguments(span, format!("`{func}` is missing the argument `{}`", names[at])));
                return Value::Error;
            }
        }
        let Some(first) = self.float_param(&bound[0], 0.0) else { return Value::Error };
        let (second, size_at) = match name {
            "standard_gamma" => (self.float_param(&None, 1.0), 1),
            _ => (self.float_param(&bound[1], 1.0), 2),
        };
        let Some(second) = second else { return Value::Error };
        let Some(size) = self.size_arg(&bound[size_at]) else { return Value::Error };
        let dtype = if name == "standard_gamma" && typed {
            match self.dtype_arg(&bound[2], DType::F64, &[DType::F64, DType::F32]) {
                Some(d) => d,
                None => return Value::Error,
            }
        } else {
            DType::F64
        };
        let method = if name == "beta" { RANDOM_BETA } else { RANDOM_GAMMA };
        self.draw(rng, method, dtype, size, Params::Floats(first, second), Type::py_float(), span)
    }

    /// `Generator.poisson(lam=1.0, size=None)` and `Generator.binomial(n, p, size=None)`:
    /// int64 counts (a Python int for `size=None`), NumPy's checks at run time. `n` must be
    /// an integer (NumPy would also truncate a float).
    fn counts(&mut self, rng: ExprId, func: &str, name: &str, args: Args, kw: Kwargs, span: Span) -> Value {
        let names: &[&str] = if name == "poisson" { &["lam", "size"] } else { &["n", "p", "size"] };
        let Some(bound) = self.bind_args(func, names, args, kw, span) else { return Value::Error };
        let (method, n, p, size_at) = if name == "poisson" {
            let Some(lam) = self.float_param(&bound[0], 1.0) else { return Value::Error };
            (RANDOM_POISSON, self.int_const(0), lam, 1)
        } else {
            for (at, arg) in bound.iter().enumerate().take(2) {
                if arg.is_none() {
                    self.error(diag::bad_arguments(span, format!("`{func}` is missing the argument `{}`", names[at])));
                    return Value::Error;
                }
            }
            let Some((n_value, n_span)) = bound[0].clone() else { return Value::Error };
            let Some(n) = self.int_param(n_value, n_span) else { return Value::Error };
            let Some(p) = self.float_param(&bound[1], 0.0) else { return Value::Error };
            (RANDOM_BINOMIAL, n, p, 2)
        };
        let Some(size) = self.size_arg(&bound[size_at]) else { return Value::Error };
        self.draw(rng, method, DType::I64, size, Params::Discrete(n, p), Type::py_int(), span)
    }

    /// `choice(a, size=None, replace=True, p=None, axis=0, shuffle=True)` of a `Generator`,
    /// or the legacy `np.random.choice(a, size=None, replace=True, p=None)`, as NumPy draws
    /// them: with replacement, bounded integers (or, with `p`, uniforms placed in the
    /// cumulative probabilities); without, `lt_random_indices`. An array `a` gives its rows
    /// at the positions drawn.
    fn choice(&mut self, rng: ExprId, func: &str, legacy: bool, args: Args, kw: Kwargs, span: Span) -> Value {
        let names: &[&str] = if legacy { &["a", "size", "replace", "p"] } else { &["a", "size", "replace", "p", "axis", "shuffle"] };
        let Some(bound) = self.bind_args(func, names, args, kw, span) else { return Value::Error };
        let Some((a, aspan)) = bound[0].clone() else {
            self.error(diag::bad_arguments(span, format!("`{func}` is missing the argument `a`")));
            return Value::Error;
        };
        let flag = |fx: &mut Self, at: usize, default: bool| -> Option<bool> {
            match bound.get(at).cloned().flatten() {
                None => Some(default),
                Some((v, vspan)) => fx.constant_bool(&v).or_else(|| {
                    fx.error(diag::type_error(vspan, format!("`{}` must be `True` or `False`", names[at]), "write the flag literally"));
                    None
                }),
            }
        };
        let Some(replace) = flag(self, 2, true) else { return Value::Error };
        let shuffle = if legacy { Some(true) } else { flag(self, 5, true) };
        let Some(shuffle) = shuffle else { return Value::Error };
        if let Some((axis, axis_span)) = bound.get(4).cloned().flatten() {
            let zero = matches!(&axis, Value::Scalar(e) if matches!(self.f.exprs[*e], Expr::Const(Const::Int(0))));
            if !zero {
                self.error(diag::unsupported_syntax(axis_span, "`choice` calls along an axis other than 0", "take rows: transpose `a` first"));
                return Value::Error;
            }
        }
        // The population: positions `0..a` for an integer, else the rows of the array `a`.
        let (population, rows) = match a {
            Value::Scalar(e) => match self.expr_type(e).dtype() {
                Some(d) if d.is_int() || d == DType::Bool => (self.cast_scalar(e, DType::I64), None),
                _ => {
                    let what = self.describe_value(&Value::Scalar(e));
                    self.error(diag::type_error(aspan, format!("`{func}` takes an integer or a sequence as `a`, found {what}"), "pass a population size or an array"));
                    return Value::Error;
                }
            },
            other => {
                let Some(arr) = self.array_or_scalar(other, aspan, func) else { return Value::Error };
                if matches!(self.expr_type(arr), Type::Array { ndim: 0, .. }) {
                    self.error(diag::unsupported_syntax(aspan, "`choice` calls of a 0-d array", "pass the integer itself"));
                    return Value::Error;
                }
                (self.add(Expr::Dim(arr, 0), Type::py_int()), Some(arr))
            }
        };
        let Some(size) = self.size_arg(&bound[1]) else { return Value::Error };
        // NumPy's first check: no population unless no samples are taken.
        let zero = self.int_const(0);
        let empty = match rows {
            None => self.add(Expr::Compare(CompareOp::Le, population, zero), Type::py_bool()),
            Some(_) => self.add(Expr::Compare(CompareOp::Eq, population, zero), Type::py_bool()),
        };
        let count = match &size {
            None => self.int_const(1),
            Some(dims) => {
                let mut count = self.int_const(1);
                for &d in dims {
                    count = self.add(Expr::Binary(BinaryOp::Mul, count, d), Type::py_int());
                }
                count
            }
        };
        let samples = self.add(Expr::Compare(CompareOp::Ne, count, zero), Type::py_bool());
        let fails = self.add(Expr::Logical(ir::LogicalOp::And, empty, samples), Type::py_bool());
        let message = match (rows.is_some(), legacy) {
            (false, false) => "a must be a positive integer unless no samples are taken",
            (true, false) => "a cannot be empty unless no samples are taken",
            (false, true) => "a must be greater than 0 unless no samples are taken",
            (true, true) => "'a' cannot be empty unless no samples are taken",
        };
        self.raise_kind_if(fails, "ValueError", message.to_string(), span);
        let p = bound[3].clone().filter(|(v, _)| !matches!(v, Value::None));
        let positions = match (replace, p) {
            (true, None) => {
                let params = Params::Ints(zero, population);
                self.draw(rng, RANDOM_INTEGERS, DType::I64, size, params, Type::py_int(), span)
            }
            (true, Some((p, pspan))) => {
                let Some(v) = self.weighted_positions(rng, legacy, population, p, pspan, size, span) else { return Value::Error };
                v
            }
            (false, None) => {
                let scalar = size.is_none();
                let dims = size.unwrap_or_else(|| vec![self.int_const(1)]);
                let kind = if legacy || shuffle { INDICES_CHOICE } else { INDICES_CHOICE_UNSHUFFLED };
                let out = self.indices(rng, kind, population, dims, span);
                if scalar {
                    Value::Scalar(self.add(Expr::GetItem(out, vec![zero]), Type::py_int()))
                } else {
                    Value::Array(out)
                }
            }
            (false, Some((_, pspan))) => {
                self.error(diag::unsupported_syntax(pspan, "`choice` calls without replacement with probabilities `p`", "draw with `replace=True`, or without `p`"));
                return Value::Error;
            }
        };
        match rows {
            None => positions,
            Some(arr) => {
                let axis = Value::Scalar(self.int_const(0));
                self.call_builtin("numpy.take", vec![(Value::Array(arr), span), (positions, span)], vec![("axis".to_string(), axis, span)], span)
            }
        }
    }

    /// Positions drawn with probabilities `p`: NumPy's checks of `p`, then uniforms placed
    /// in the cumulative sum of `p` scaled to end at 1 (`searchsorted(side='right')`).
    #[allow(clippy::too_many_arguments)]
    fn weighted_positions(&mut self, rng: ExprId, legacy: bool, population: ExprId, p: Value, pspan: Span, size: Option<Vec<ExprId>>, span: Span) -> Option<Value> {
        let given_f32 = self.value_dtype(&p) == Some(DType::F32) && matches!(p, Value::Array(_) | Value::Lazy(_));
        let p = self.array_or_scalar(p, pspan, "choice")?;
        if !matches!(self.expr_type(p), Type::Array { ndim: 1, .. }) {
            let message = if legacy { "'p' must be 1-dimensional" } else { "p must be 1-dimensional" };
            self.error(diag::shape_error(pspan, message));
            return None;
        }
        let p = self.array_as(p, DType::F64, pspan);
        let n = self.add(Expr::Dim(p, 0), Type::py_int());
        let differ = self.add(Expr::Compare(CompareOp::Ne, n, population), Type::py_bool());
        let message = if legacy { "'a' and 'p' must have same size" } else { "a and p must have same size" };
        self.raise_kind_if(differ, "ValueError", message.to_string(), span);
        let scalar = |v: Value| -> Option<ExprId> {
            match v {
                Value::Scalar(e) => Some(e),
                _ => None,
            }
        };
        let total = self.call_builtin("numpy.sum", vec![(Value::Array(p), span)], vec![], span);
        let total = scalar(total)?;
        let nan = self.call_builtin("numpy.isnan", vec![(Value::Scalar(total), span)], vec![], span);
        let nan = scalar(nan)?;
        let message = if legacy { "probabilities contain NaN" } else { "Probabilities contain NaN" };
        self.raise_kind_if(nan, "ValueError", message.to_string(), span);
        let zero = self.add(Expr::Const(Const::Float(0.0)), Type::py_float());
        let negative = self.compare(crate::ast::CmpOp::Lt, Value::Array(p), Value::Scalar(zero), span);
        let negative = self.call_builtin("numpy.any", vec![(negative, span)], vec![], span);
        let negative = scalar(negative)?;
        let message = if legacy { "probabilities are not non-negative" } else { "Probabilities are not non-negative" };
        self.raise_kind_if(negative, "ValueError", message.to_string(), span);
        // NumPy's tolerance: sqrt(eps) of float64, or of float32 for a float32 array `p`.
        let atol = if given_f32 { (f32::EPSILON as f64).sqrt() } else { f64::EPSILON.sqrt() };
        let one = self.add(Expr::Const(Const::Float(1.0)), Type::py_float());
        let off = self.add(Expr::Binary(BinaryOp::Sub, total, one), Type::py_float());
        let off = self.add(Expr::Math(ir::MathFn::Abs, vec![off]), Type::py_float());
        let atol = self.add(Expr::Const(Const::Float(atol)), Type::py_float());
        let far = self.add(Expr::Compare(CompareOp::Gt, off, atol), Type::py_bool());
        let message = if legacy { "probabilities do not sum to 1" } else { "Probabilities do not sum to 1. See Notes section of docstring for more information." };
        self.raise_kind_if(far, "ValueError", message.to_string(), span);
        let cdf = self.call_builtin("numpy.cumsum", vec![(Value::Array(p), span)], vec![], span);
        let Value::Array(cdf) = self.stabilize(cdf, span) else { return None };
        let one_int = self.int_const(1);
        let last = self.add(Expr::Binary(BinaryOp::Sub, n, one_int), Type::py_int());
        let end = self.add(Expr::GetItem(cdf, vec![last]), Type::scalar(DType::F64));
        let cdf = self.binary(crate::ast::BinOp::Div, Value::Array(cdf), Value::Scalar(end), span);
        let cdf = self.stabilize(cdf, span);
        let params = self.unit_params();
        let uniforms = self.draw(rng, RANDOM_STANDARD_UNIFORM, DType::F64, size, params, Type::py_float(), span);
        let side = Value::Str(self.add(Expr::Const(Const::Str("right".to_string())), Type::Str));
        Some(self.call_builtin("numpy.searchsorted", vec![(cdf, span), (uniforms, span)], vec![("side".to_string(), side, span)], span))
    }

    /// An int64 array of `dims` filled by `lt_random_indices` (`kind`, `population`).
    fn indices(&mut self, rng: ExprId, kind: i64, population: ExprId, dims: Vec<ExprId>, span: Span) -> ExprId {
        let tmp = self.temp(Type::array(DType::I64, dims.len()));
        self.emit(StmtKind::Alloc { dst: tmp, dtype: DType::I64, shape: ShapeSpec::Dims(dims) }, span);
        let out = self.read(tmp);
        let kind = self.int_const(kind);
        self.runtime_call(EntryPoint::RandomIndices, vec![rng, kind, population, out], None, span);
        self.read(tmp)
    }

    /// The rows of `arr` (a new array) in the order `permutation(len(arr))` draws.
    fn permuted_rows(&mut self, rng: ExprId, arr: ExprId, span: Span) -> Value {
        let n = self.add(Expr::Dim(arr, 0), Type::py_int());
        let order = self.indices(rng, INDICES_PERMUTATION, n, vec![n], span);
        let axis = Value::Scalar(self.int_const(0));
        self.call_builtin("numpy.take", vec![(Value::Array(arr), span), (Value::Array(order), span)], vec![("axis".to_string(), axis, span)], span)
    }

    /// `shuffle(x)`: the rows of the array `x` put in place in the order `permutation`
    /// draws (NumPy's in-place swaps draw the same positions).
    fn shuffle(&mut self, rng: ExprId, func: &str, args: Args, kw: Kwargs, span: Span) -> Value {
        let Some(bound) = self.bind_args(func, &["x"], args, kw, span) else { return Value::Error };
        let Some((x, xspan)) = bound[0].clone() else {
            self.error(diag::bad_arguments(span, format!("`{func}` is missing the argument `x`")));
            return Value::Error;
        };
        let Value::Array(arr) = x else {
            let what = self.describe_value(&x);
            self.error(diag::type_error(xspan, format!("`{func}` shuffles an array in place, found {what}"), "pass an array variable"));
            return Value::Error;
        };
        let Type::Array { dtype, ndim } = self.expr_type(arr) else { return Value::Error };
        if ndim == 0 {
            self.error(diag::shape_error(xspan, "x must be an integer or at least 1-dimensional"));
            return Value::Error;
        }
        let rows = self.permuted_rows(rng, arr, span);
        self.store_into(arr, dtype, ndim, rows, span);
        Value::None
    }

    /// `permutation(x)`: `arange(x)` shuffled for an integer, else the rows of the array `x`
    /// in a shuffled order (NumPy shuffles the rows' positions the same way).
    fn permutation(&mut self, rng: ExprId, func: &str, args: Args, kw: Kwargs, span: Span) -> Value {
        let Some(bound) = self.bind_args(func, &["x"], args, kw, span) else { return Value::Error };
        let Some((x, xspan)) = bound[0].clone() else {
            self.error(diag::bad_arguments(span, format!("`{func}` is missing the argument `x`")));
            return Value::Error;
        };
        let zero = self.int_const(0);
        match x {
            Value::Scalar(e) if self.expr_type(e).dtype().is_some_and(|d| d.is_int()) => {
                let n = self.cast_scalar(e, DType::I64);
                let n = self.add(Expr::Binary(BinaryOp::Max, n, zero), Type::py_int());
                Value::Array(self.indices(rng, INDICES_PERMUTATION, n, vec![n], span))
            }
            other => {
                let Some(arr) = self.array_or_scalar(other, xspan, func) else { return Value::Error };
                if matches!(self.expr_type(arr), Type::Array { ndim: 0, .. }) {
                    self.error(diag::shape_error(xspan, "x must be an integer or at least 1-dimensional"));
                    return Value::Error;
                }
                self.permuted_rows(rng, arr, span)
            }
        }
    }

    /// `randint(low, high=None, size=None, dtype=int)` (legacy, `endpoint`
    /// `None`) and `integers(low, high=None, size=None, dtype=np.int64, endpoint)`.
    fn integers(&mut self, rng: ExprId, func: &str, bound: &[Option<(Value, Span)>], endpoint: Option<bool>, span: Span) -> Value {
        let Some((low_value, low_span)) = bound[0].clone() else {
            self.error(diag::bad_arguments(span, format!("`{func}` is missing the argument `low`")));
            return Value::Error;
        };
        let Some(low) = self.int_param(low_value, low_span) else { return Value::Error };
        let (low, high) = match bound[1].clone() {
            None | Some((Value::None, _)) => (self.int_const(0), low),
            Some((v, vspan)) => match self.int_param(v, vspan) {
                Some(high) => (low, high),
                None => return Value::Error,
            },
        };
        let Some(size) = self.size_arg(&bound[2]) else { return Value::Error };
        // Legacy `randint` defaults to `int` (a Python int when size=None);
        // `integers` to `np.int64`.
        let (dtype, scalar_type) = match &bound[3] {
            Some((Value::Builtin(b), _)) if b == "int" => (DType::I64, Type::py_int()),
            None if endpoint.is_none() => (DType::I64, Type::py_int()),
            dtype => {
                let ints = [DType::I64, DType::I32, DType::I16, DType::I8, DType::U64, DType::U32, DType::U16, DType::U8];
                let Some(d) = self.dtype_arg(dtype, DType::I64, &ints) else { return Value::Error };
                (d, Type::scalar(d))
            }
        };
        let method = if endpoint == Some(true) { RANDOM_INTEGERS_CLOSED } else { RANDOM_INTEGERS };
        self.draw(rng, method, dtype, size, Params::Ints(low, high), scalar_type, span)
    }

    /// Emits one draw: an array of `size` filled by the runtime, or a scalar
    /// of `scalar_type` when `size` is `None`.
    #[allow(clippy::too_many_arguments)]
    fn draw(
        &mut self,
        rng: ExprId,
        method: i64,
        dtype: DType,
        size: Option<Vec<ExprId>>,
        params: Params,
        scalar_type: Type,
        span: Span,
    ) -> Value {
        let method = self.int_const(method);
        let (p0, p1, fill, scalar) = match params {
            Params::Floats(a, b) => (a, b, EntryPoint::RandomFill, EntryPoint::RandomScalar),
            Params::Ints(a, b) => (a, b, EntryPoint::RandomFillInt, EntryPoint::RandomScalarInt),
            Params::Discrete(a, b) => (a, b, EntryPoint::RandomFillDiscrete, EntryPoint::RandomScalarDiscrete),
        };
        match size {
            Some(dims) => {
                let tmp = self.temp(Type::array(dtype, dims.len()));
                self.emit(StmtKind::Alloc { dst: tmp, dtype, shape: ShapeSpec::Dims(dims) }, span);
                let array = self.read(tmp);
                self.runtime_call(fill, vec![rng, method, array, p0, p1], None, span);
                Value::Array(self.read(tmp))
            }
            None => {
                // The counts' entry point knows its dtype (int64); the others take it.
                let args = if scalar == EntryPoint::RandomScalarDiscrete {
                    vec![rng, method, p0, p1]
                } else {
                    vec![rng, method, self.int_const(dtype.code()), p0, p1]
                };
                match self.runtime_call(scalar, args, Some(scalar_type), span) {
                    Some(e) => Value::Scalar(e),
                    None => Value::Error,
                }
            }
        }
    }

    /// Matches positional and keyword arguments to `names`; unknown keywords
    /// are `unsupported-keyword` errors.
    fn bind_args(&mut self, func: &str, names: &[&str], args: Args, kw: Kwargs, span: Span) -> Option<Bound> {
        let kw = self.only_keywords(func, kw, names)?;
        if args.len() > names.len() {
            let message = format!("`{func}` takes at most {} positional arguments but {} were given", names.len(), args.len());
            self.error(diag::bad_arguments(span, message));
            return None;
        }
        let mut bound: Bound = vec![None; names.len()];
        for (i, arg) in args.into_iter().enumerate() {
            bound[i] = Some(arg);
        }
        for (name, value, kspan) in kw {
            let i = names.iter().position(|n| *n == name).expect("checked keyword");
            if bound[i].is_some() {
                self.error(diag::bad_arguments(kspan, format!("`{func}` got multiple values for argument `{name}`")));
                return None;
            }
            bound[i] = Some((value, kspan));
        }
        Some(bound)
    }

    fn only_keywords(&mut self, func: &str, kw: Kwargs, allowed: &[&str]) -> Option<Kwargs> {
        let mut ok = true;
        for (k, _, kspan) in &kw {
            if !allowed.contains(&k.as_str()) {
                self.error(diag::unsupported_keyword(*kspan, func, k, allowed));
                ok = false;
            }
        }
        ok.then_some(kw)
    }

    /// A seed argument: `(seed, has_seed)` as int64 expressions.
    fn optional_seed(&mut self, arg: &Option<(Value, Span)>) -> Option<(ExprId, ExprId)> {
        match arg.clone() {
            None | Some((Value::None, _)) => Some((self.int_const(0), self.int_const(0))),
            Some((v, vspan)) => {
                if matches!(v, Value::Tuple(_) | Value::Array(_) | Value::Lazy(_)) {
                    self.error(diag::unsupported_syntax(vspan, "seeds given as sequences or arrays", "seed with one integer"));
                    return None;
                }
                let seed = self.int_value(v, vspan)?;
                Some((seed, self.int_const(1)))
            }
        }
    }

    /// `size=`: `None` for a scalar draw, else the extents.
    fn size_arg(&mut self, arg: &Option<(Value, Span)>) -> Option<Option<Vec<ExprId>>> {
        match arg.clone() {
            None | Some((Value::None, _)) => Some(None),
            Some((Value::Tuple(items), vspan)) => {
                let dims: Option<Vec<ExprId>> = items.into_iter().map(|i| self.int_value(i, vspan)).collect();
                dims.map(Some)
            }
            Some((v, vspan)) => Some(Some(vec![self.int_value(v, vspan)?])),
        }
    }

    /// A float parameter as a float64 expression (`default` when absent).
    fn float_param(&mut self, arg: &Option<(Value, Span)>, default: f64) -> Option<ExprId> {
        match arg.clone() {
            None => Some(self.add(Expr::Const(Const::Float(default)), Type::py_float())),
            Some((Value::Scalar(e), _)) => Some(self.cast_scalar(e, DType::F64)),
            Some((v, vspan)) => {
                self.parameter_error(v, vspan);
                None
            }
        }
    }

    /// An integer bound as an int64 expression.
    fn int_param(&mut self, v: Value, span: Span) -> Option<ExprId> {
        if matches!(v, Value::Array(_) | Value::Lazy(_) | Value::Tuple(_)) {
            self.parameter_error(v, span);
            return None;
        }
        self.int_value(v, span)
    }

    fn parameter_error(&mut self, v: Value, span: Span) {
        match v {
            Value::Error => {}
            Value::Array(_) | Value::Lazy(_) | Value::Tuple(_) => self.error(diag::unsupported_syntax(
                span,
                "array-valued parameters of random distributions",
                "pass scalars; for per-element parameters scale standard draws, e.g. `loc + scale * rng.standard_normal(n)`",
            )),
            other => {
                let what = self.describe_value(&other);
                self.error(diag::type_error(span, format!("expected a number, found {what}"), "pass a number"));
            }
        }
    }

    /// The `dtype=` argument among `allowed` (`default` when absent).
    fn dtype_arg(&mut self, arg: &Option<(Value, Span)>, default: DType, allowed: &[DType]) -> Option<DType> {
        let Some((v, vspan)) = arg else { return Some(default) };
        let dtype = match v {
            Value::DType(d) => Some(*d),
            Value::Builtin(b) if b == "float" => Some(DType::F64),
            Value::Builtin(b) if b == "int" => Some(DType::I64),
            Value::Str(e) => match &self.f.exprs[*e] {
                Expr::Const(Const::Str(s)) => super::numpy::dtype_named(s),
                _ => None,
            },
            Value::Error => return None,
            _ => None,
        };
        match dtype {
            Some(d) if allowed.contains(&d) => Some(d),
            _ => {
                let names: Vec<&str> = allowed.iter().map(|d| d.numpy_name()).collect();
                let message = format!("unsupported `dtype` for this random function (supported: {})", names.join(", "));
                self.error(diag::type_error(*vspan, message, "pass one of the supported dtypes, e.g. `dtype=np.float32`"));
                None
            }
        }
    }

    pub(crate) fn constant_bool(&self, v: &Value) -> Option<bool> {
        match v {
            Value::Scalar(e) => match self.f.exprs[*e] {
                Expr::Const(Const::Bool(b)) => Some(b),
                _ => None,
            },
            _ => None,
        }
    }

    fn unit_params(&mut self) -> Params {
        let zero = self.add(Expr::Const(Const::Float(0.0)), Type::py_float());
        let one = self.add(Expr::Const(Const::Float(1.0)), Type::py_float());
        Params::Floats(zero, one)
    }

    /// A hidden int64 global for a new generator's handle.
    fn new_generator_place(&mut self) -> Place {
        let name = format!("rng.{}", self.cx.module.globals.len());
        Place::Global(self.cx.module.globals.push(ir::Var { name, ty: Type::scalar(DType::I64) }))
    }
}
