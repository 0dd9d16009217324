//! Calls whose `axis` is an integer known only when the program runs (`axis=ax` with
//! `ax = 1`, a loop over axes, a function's parameter): the call is lowered once per axis
//! it accepts, each branch with that axis as a constant, and the branch whose axis the
//! value names runs (a negative axis counts from the end); any other value raises NumPy's
//! AxisError. Every accepted axis must give a result of one type (an array of one dtype and
//! rank, or a scalar of one dtype); otherwise the call is refused as before, with the
//! error of a non-constant axis.

use ir::{BinaryOp, CompareOp, Const, Expr, ExprId, Place, Severity, Span, StmtKind, Type};

use super::{FnCx, Value};

type Args = Vec<(Value, Span)>;
type Kwargs = Vec<(String, Value, Span)>;

/// The array methods whose first positional argument is the axis.
const AXIS_FIRST_METHODS: &[&str] =
    &["sum", "mean", "prod", "max", "min", "any", "all", "argmax", "argmin", "cumsum", "cumprod", "var", "std", "sort", "argsort"];

/// The functions and methods among those dispatched that take the axis through a Python
/// int, which NumPy refuses outside a C int with `OverflowError: Python int too large to
/// convert to C int`; the others (ufuncs' reductions, C methods) with `ValueError: integer
/// won't fit into a C int`.
const AXIS_THROUGH_PYTHON: &[&str] = &["mean", "var", "std", "sort", "median", "nanmedian", "flip", "expand_dims"];

/// The NumPy functions whose second positional argument is the axis.
const AXIS_SECOND_FUNCTIONS: &[&str] = &[
    "numpy.sum", "numpy.mean", "numpy.prod", "numpy.max", "numpy.min", "numpy.amax", "numpy.amin", "numpy.any", "numpy.all",
    "numpy.argmax", "numpy.argmin", "numpy.cumsum", "numpy.cumprod", "numpy.var", "numpy.std", "numpy.sort", "numpy.argsort",
    "numpy.median", "numpy.nanmedian", "numpy.flip", "numpy.expand_dims", "numpy.squeeze",
];

impl FnCx<'_, '_> {
    /// An int scalar that is not a constant: an axis to dispatch on.
    fn runtime_int(&self, v: &Value) -> Option<ExprId> {
        let Value::Scalar(e) = v else { return None };
        let is_int = self.expr_type(*e).dtype().is_some_and(|d| d.is_int() && d != ir::DType::Bool);
        (is_int && !matches!(self.f.exprs[*e], Expr::Const(_))).then_some(*e)
    }

    fn value_rank(&self, v: &Value) -> Option<usize> {
        match v {
            Value::Array(e) => match self.expr_type(*e) {
                Type::Array { ndim, .. } => Some(ndim),
                _ => None,
            },
            Value::Lazy(l) => Some(l.ndim),
            Value::Tuple(items) => items.items.first().and_then(|i| self.value_rank(i)),
            _ => None,
        }
    }

    /// `np.<f>(..., axis=ax)` with `ax` known only at run time: see the module.
    pub(crate) fn numpy_axis_dispatch(&mut self, path: &str, args: &Args, kw: &Kwargs, span: Span) -> Option<Value> {
        let (axis, at) = match kw.iter().position(|(k, v, _)| k == "axis" && self.runtime_int(v).is_some()) {
            Some(i) => (self.runtime_int(&kw[i].1)?, Err(i)),
            None if AXIS_SECOND_FUNCTIONS.contains(&path) => (self.runtime_int(&args.get(1)?.0)?, Ok(1)),
            None => return None,
        };
        let rank = self.value_rank(&args.first()?.0)?;
        let (path, args, kw) = (path.to_string(), args.clone(), kw.clone());
        let name = path.rsplit('.').next().unwrap_or(&path).to_string();
        Some(self.axis_dispatch(axis, rank, &name, span, &mut |fx, constant| {
            let (mut args, mut kw) = (args.clone(), kw.clone());
            match at {
                Ok(i) => args[i].0 = constant,
                Err(i) => kw[i].1 = constant,
            }
            fx.call_builtin(&path, args, kw, span)
        }))
    }

    /// `a.<method>(ax)` / `a.<method>(axis=ax)` with `ax` known only at run time.
    pub(crate) fn method_axis_dispatch(&mut self, recv: &Value, name: &str, args: &Args, kw: &Kwargs, span: Span) -> Option<Value> {
        if !AXIS_FIRST_METHODS.contains(&name) {
            return None;
        }
        let (axis, at) = match kw.iter().position(|(k, v, _)| k == "axis" && self.runtime_int(v).is_some()) {
            Some(i) => (self.runtime_int(&kw[i].1)?, Err(i)),
            None => (self.runtime_int(&args.first()?.0)?, Ok(0)),
        };
        let rank = self.value_rank(recv)?;
        let (recv, name, args, kw) = (recv.clone(), name.to_string(), args.clone(), kw.clone());
        let called = name.clone();
        Some(self.axis_dispatch(axis, rank, &called, span, &mut |fx, constant| {
            let (mut args, mut kw) = (args.clone(), kw.clone());
            match at {
                Ok(i) => args[i].0 = constant,
                Err(i) => kw[i].1 = constant,
            }
            fx.call_method(recv.clone(), &name, args, kw, span)
        }))
    }

    /// Lowers `lower(axis)` for each constant axis `0..=rank` it accepts (without errors) and
    /// selects the branch by the run-time `axis` (`name`: the function or method, for NumPy's
    /// error on an axis outside a C int).
    fn axis_dispatch(&mut self, axis: ExprId, rank: usize, name: &str, span: Span, lower: &mut dyn FnMut(&mut Self, Value) -> Value) -> Value {
        let errors = |fx: &Self| fx.cx.diags.iter().filter(|d| d.severity == Severity::Error).count();
        let mut result: Option<(Place, Type)> = None;
        let mut branches = Vec::new();
        let mut first_failure: Option<Vec<ir::Diagnostic>> = None;
        // A branch changes no variable, but one that raises when lowered (an axis NumPy
        // refuses) would leave the code after it unreachable: the flow state is restored.
        let flow = self.flow.clone();
        for c in 0..=rank {
            self.flow = flow.clone();
            let before_errors = errors(self);
            let before = self.cx.diags.len();
            let mut fits = true;
            let mut slot = result.clone();
            let block = self.block(|fx| {
                let constant = Value::Scalar(fx.add(Expr::Const(Const::Int(c as i64)), Type::py_int()));
                let v = lower(fx, constant);
                let v = fx.stabilize(v, span);
                let e = match v {
                    Value::Array(e) | Value::Scalar(e) => e,
                    _ => {
                        fits = false;
                        return;
                    }
                };
                let ty = fx.expr_type(e);
                match &slot {
                    Some((_, t)) if *t != ty => fits = false,
                    Some((place, _)) => fx.emit(StmtKind::Assign { dst: *place, value: e }, span),
                    None => {
                        let place = fx.temp(ty.clone());
                        fx.emit(StmtKind::Assign { dst: place, value: e }, span);
                        slot = Some((place, ty));
                    }
                }
            });
            if errors(self) > before_errors || !fits {
                let dropped: Vec<ir::Diagnostic> = self.cx.diags.drain(before..).collect();
                first_failure.get_or_insert(dropped);
                // The accepted axes are 0..c; a later one is not tried.
                break;
            }
            result = slot;
            branches.push(block);
        }
        self.flow = flow;
        let Some((place, _)) = result.filter(|_| !branches.is_empty()) else {
            // No axis lowers: the first attempt's errors stand.
            self.cx.diags.extend(first_failure.unwrap_or_default());
            return Value::Error;
        };
        // The axis normalised (a negative one counts from the end), then the branch.
        let m = branches.len() as i64;
        let zero = self.add(Expr::Const(Const::Int(0)), Type::py_int());
        let count = self.add(Expr::Const(Const::Int(m)), Type::py_int());
        let axis = self.cast_scalar(axis, ir::DType::I64);
        let negative = self.add(Expr::Compare(CompareOp::Lt, axis, zero), Type::py_bool());
        let wrapped = self.add(Expr::Binary(BinaryOp::Add, axis, count), Type::py_int());
        let normal = self.add(Expr::Select(negative, wrapped, axis), Type::py_int());
        let raise = self.block(|fx| {
            let parts = vec![
                fx.add(Expr::Const(Const::Str("axis ".into())), Type::Str),
                fx.add(Expr::Format(axis, String::new()), Type::Str),
                fx.add(Expr::Const(Const::Str(format!(" is out of bounds for array of dimension {m}"))), Type::Str),
            ];
            let message = fx.add(Expr::Concat(parts), Type::Str);
            let kind = fx.add(Expr::Const(Const::Int(runtime_abi::ERR_AXIS)), Type::py_int());
            fx.emit(StmtKind::Runtime { func: runtime_abi::EntryPoint::Raise, args: vec![kind, message], dst: None }, span);
        });
        // An axis outside a C int: NumPy's error before its bounds check.
        let (kind, text) = if AXIS_THROUGH_PYTHON.contains(&name) {
            (runtime_abi::ERR_OVERFLOW, "Python int too large to convert to C int")
        } else {
            (runtime_abi::ERR_VALUE, "integer won't fit into a C int")
        };
        let too_big = self.block(|fx| {
            let message = fx.add(Expr::Const(Const::Str(text.into())), Type::Str);
            let kind = fx.add(Expr::Const(Const::Int(kind)), Type::py_int());
            fx.emit(StmtKind::Runtime { func: runtime_abi::EntryPoint::Raise, args: vec![kind, message], dst: None }, span);
        });
        let low = self.add(Expr::Const(Const::Int(i64::from(i32::MIN))), Type::py_int());
        let high = self.add(Expr::Const(Const::Int(i64::from(i32::MAX))), Type::py_int());
        let below = self.add(Expr::Compare(CompareOp::Lt, axis, low), Type::py_bool());
        let above = self.add(Expr::Compare(CompareOp::Gt, axis, high), Type::py_bool());
        let mut chain = raise;
        for (c, block) in branches.into_iter().enumerate().rev() {
            let k = self.add(Expr::Const(Const::Int(c as i64)), Type::py_int());
            let cond = self.add(Expr::Compare(CompareOp::Eq, normal, k), Type::py_bool());
            chain = vec![ir::Stmt::new(StmtKind::If { cond, then_body: block, else_body: chain }, span)];
        }
        for outside in [above, below] {
            chain = vec![ir::Stmt::new(StmtKind::If { cond: outside, then_body: too_big.clone(), else_body: chain }, span)];
        }
        for s in chain {
            self.emit(s.kind, s.span);
        }
        let e = self.read(place);
        match self.expr_type(e) {
            Type::Array { .. } => Value::Array(e),
            _ => Value::Scalar(e),
        }
    }
}
