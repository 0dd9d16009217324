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
use ir::{Const, DType, Expr, ExprId, Place, ShapeSpec, Span, StmtKind, Type};
use runtime_abi::{
    EntryPoint, RANDOM_INTEGERS, RANDOM_INTEGERS_CLOSED, RANDOM_NORMAL, RANDOM_STANDARD_NORMAL, RANDOM_STANDARD_UNIFORM,
    RANDOM_UNIFORM, RNG_LEGACY,
};

type Args = Vec<(Value, Span)>;
type Kwargs = Vec<(String, Value, Span)>;


/// The supported `np.random.<name>` functions.
const RANDOM_NAMES: &[&str] =
    &["seed", "rand", "randn", "random", "random_sample", "standard_normal", "uniform", "normal", "randint", "default_rng"];

/// The supported methods of a `Generator`.
const GENERATOR_METHODS: &[&str] = &["random", "standard_normal", "normal", "uniform", "integers"];

/// The parameters of one distribution call.
enum Params {
    Floats(ExprId, ExprId),
    Ints(ExprId, ExprId),
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
        let (p0, p1, is_int) = match params {
            Params::Floats(a, b) => (a, b, false),
            Params::Ints(a, b) => (a, b, true),
        };
        match size {
            Some(dims) => {
                let tmp = self.temp(Type::array(dtype, dims.len()));
                self.emit(StmtKind::Alloc { dst: tmp, dtype, shape: ShapeSpec::Dims(dims) }, span);
                let array = self.read(tmp);
                let func = if is_int { EntryPoint::RandomFillInt } else { EntryPoint::RandomFill };
                self.runtime_call(func, vec![rng, method, array, p0, p1], None, span);
                Value::Array(self.read(tmp))
            }
            None => {
                let dtype_code = self.int_const(dtype.code());
                let func = if is_int { EntryPoint::RandomScalarInt } else { EntryPoint::RandomScalar };
                match self.runtime_call(func, vec![rng, method, dtype_code, p0, p1], Some(scalar_type), span) {
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

    fn constant_bool(&self, v: &Value) -> Option<bool> {
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
