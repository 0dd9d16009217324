//! Lowering from the syntax tree to the tensor IR: name resolution, type
//! inference (static dtype and rank), monomorphisation of functions, and
//! fusion of elementwise expressions into kernels.
//!
//! A function body is lowered in passes: each pass records the type every
//! variable is assigned; the next pass declares variables with the joined
//! types (`x = 0` then `x += 0.5` makes `x` a float). Passes repeat until the
//! types are stable; only the last pass's IR and diagnostics are kept.

mod argparse;
mod expr;
mod files;
mod format;
mod indexing;
mod lazy;
mod numpy;
pub mod random;
mod shape_ops;
mod shapes;
mod sort_scan;
mod stmt;
mod ufuncs;

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use crate::ast::{self, FunctionDef};
use crate::diagnostics as diag;
use ir::{Diagnostic, DType, ExprId, FuncId, Function, Module, Place, Span, StmtKind, Type};

pub(crate) use lazy::Lazy;

/// A value during lowering. Runtime values are host expressions; the rest
/// are compile-time entities (modules, functions, dtypes, tuples).
#[derive(Clone, Debug)]
pub(crate) enum Value {
    /// A scalar host expression; its type is in the function's type table.
    Scalar(ExprId),
    Str(ExprId),
    /// A read of an array place.
    Array(ExprId),
    /// An elementwise expression not yet materialised (fusion happens here).
    Lazy(Lazy),
    Tuple(Vec<Value>),
    /// `numpy`, `numpy.linalg`, `math`, `time`.
    Module(String),
    /// A library function by dotted path (`numpy.zeros`, `math.sqrt`, `print`).
    Builtin(String),
    /// A dtype object (`np.float32`); callable as a scalar constructor.
    DType(DType),
    UserFunc(String),
    /// A `lambda`: inlined where it is called.
    Lambda(Rc<LambdaDef>),
    /// A method of an array value, e.g. `a.sum`, or of a `Generator`.
    Method(Box<Value>, String),
    /// A `np.random.Generator`: the hidden int64 global holding its runtime handle.
    Generator(Place),
    None,
    /// Command-line values: an argparse parser or namespace, a parsed list, `sys.argv`.
    Cli(argparse::CliValue),
    /// Poison after a reported error: suppresses follow-on diagnostics.
    Error,
}

/// A lambda expression and the function instance it was written in.
#[derive(Debug)]
pub(crate) struct LambdaDef {
    pub params: Vec<String>,
    pub body: ast::Expr,
    /// The IR function it was defined in; called elsewhere, its free names are globals.
    pub home: String,
}

/// What a name is bound to.
#[derive(Clone, Debug)]
pub(crate) enum Binding {
    Place(Place),
    Const(Value),
}

/// Module-wide lowering state.
pub(crate) struct Cx<'s> {
    pub source: &'s str,
    pub module: Module,
    pub diags: Vec<Diagnostic>,
    pub funcs: HashMap<String, Rc<FunctionDef>>,
    /// Monomorphised instances: (name, argument key) → (function, result types).
    pub instances: Vec<(String, String, FuncId, Vec<Type>)>,
    pub in_progress: Vec<String>,
    pub globals: HashMap<String, Binding>,
    /// Joined types of module-level variables, from the previous pass.
    pub global_types: HashMap<String, Type>,
    /// `argparse.ArgumentParser`s built so far (see `argparse.rs`).
    pub parsers: Vec<argparse::ParserDef>,
    /// Compile-time results of function instances (a returned argparse namespace), by instance name.
    pub cli_results: HashMap<String, Value>,
    /// Dtype and rank of the `.npy` files saved so far (by constant path), for `np.load`.
    pub npy_files: HashMap<String, (DType, usize)>,
}

/// Per-function lowering state.
pub(crate) struct FnCx<'c, 's> {
    pub cx: &'c mut Cx<'s>,
    pub f: Function,
    pub is_main: bool,
    pub scope: HashMap<String, Binding>,
    /// Names assigned anywhere in this function (Python's local-variable rule).
    pub local_names: HashSet<String>,
    /// Joined variable types from the previous pass.
    pub var_types: HashMap<String, Type>,
    /// Types assigned during this pass, with the span of the first assignment of each.
    pub observed: HashMap<String, Vec<(Type, Span)>>,
    pub blocks: Vec<Vec<ir::Stmt>>,
    pub loop_depth: usize,
    pub returns: Option<Vec<Type>>,
    pub return_span: Option<Span>,
    pub temps: usize,
    /// Symbolic shapes of array places (see `shapes.rs`).
    pub sym_shapes: shapes::ShapeTable,
    /// Parameters of the lambdas being inlined, innermost last.
    pub lambda_args: Vec<HashMap<String, Value>>,
    /// Set while inlining a lambda defined in another function: other names are globals.
    pub lambda_globals_only: bool,
    /// Enclosing `if`s whose condition is known only at run time.
    pub dynamic_ifs: usize,
    /// A compile-time value this function returns (an argparse namespace).
    pub cli_result: Option<Value>,
    /// Results of `a[mask]` / `a[idx]` reads, with what they read (see `indexing.rs`).
    pub fancy_reads: HashMap<ExprId, indexing::FancyRead>,
}

/// Lowers a parsed module to IR.
pub fn lower_module(source: &str, stmts: &[ast::Stmt]) -> Result<Module, Vec<Diagnostic>> {
    let mut cx = Cx {
        source,
        module: Module::new(),
        diags: Vec::new(),
        funcs: HashMap::new(),
        instances: Vec::new(),
        in_progress: Vec::new(),
        globals: HashMap::new(),
        global_types: HashMap::new(),
        parsers: Vec::new(),
        cli_results: HashMap::new(),
        npy_files: HashMap::new(),
    };
    let main = lower_body(&mut cx, "__main__", true, &[], stmts, &[]);
    let main_id = cx.module.main;
    cx.module.functions[main_id] = main;
    if cx.diags.is_empty() {
        let errors = ir::verify::verify(&cx.module);
        if !errors.is_empty() {
            let msg = errors.join("\n");
            cx.diags.push(Diagnostic::error("internal-error", Span::default(), format!(
                "internal compiler error in `frontend` (IR verifier): {msg}\nThis indicates a bug in legatec."
            )));
        }
    }
    if cx.diags.is_empty() {
        Ok(cx.module)
    } else {
        let mut diags = cx.diags;
        diags.sort_by_key(|d| (d.span.start, d.span.end));
        diags.dedup();
        Err(diags)
    }
}

/// Parameters bound at instantiation: a runtime parameter (with its type) or
/// a compile-time constant (a module passed as an argument, say).
#[derive(Clone, Debug)]
pub(crate) enum ParamBinding {
    Runtime(Type),
    Const(Value),
}

/// Lowers a function (or the module body) with repeated passes until
/// variable types are stable.
pub(crate) fn lower_body(
    cx: &mut Cx,
    name: &str,
    is_main: bool,
    params: &[(String, ParamBinding)],
    body: &[ast::Stmt],
    _defaults: &[()],
) -> Function {
    let mut var_types: HashMap<String, Type> = HashMap::new();
    let mut local_names = HashSet::new();
    if !is_main {
        for (p, _) in params {
            local_names.insert(p.clone());
        }
        collect_assigned(body, &mut local_names);
    }
    let mut pass = 0;
    loop {
        pass += 1;
        let kernels_len = cx.module.kernels.len();
        let functions_len = cx.module.functions.len();
        let instances_len = cx.instances.len();
        let diags_len = cx.diags.len();
        let globals_len = cx.module.globals.len();
        let saved_globals = if is_main { Some(cx.globals.clone()) } else { None };
        if is_main {
            cx.global_types = var_types.clone();
            cx.npy_files.clear();
        }
        let mut fx = FnCx {
            cx,
            f: Function::new(name),
            is_main,
            scope: HashMap::new(),
            local_names: local_names.clone(),
            var_types: var_types.clone(),
            observed: HashMap::new(),
            blocks: vec![Vec::new()],
            loop_depth: 0,
            returns: None,
            return_span: None,
            temps: 0,
            sym_shapes: Default::default(),
            lambda_args: Vec::new(),
            lambda_globals_only: false,
            dynamic_ifs: 0,
            cli_result: None,
            fancy_reads: HashMap::new(),
        };
        for (p, binding) in params {
            match binding {
                ParamBinding::Runtime(ty) => {
                    let v = fx.f.locals.push(ir::Var { name: p.clone(), ty: ty.clone() });
                    fx.f.params.push(v);
                    fx.scope.insert(p.clone(), Binding::Place(Place::Local(v)));
                    fx.observed.entry(p.clone()).or_default().push((ty.clone(), Span::default()));
                }
                ParamBinding::Const(value) => {
                    fx.scope.insert(p.clone(), Binding::Const(value.clone()));
                }
            }
        }
        fx.stmts(body);
        let joined = fx.joined_types();
        let stable = joined == var_types || pass >= 4;
        if stable {
            fx.report_conflicts();
            fx.finish();
            fx.publish_shapes();
            if let Some(v) = fx.cli_result.take() {
                fx.cx.cli_results.insert(name.to_string(), v);
            }
            let FnCx { f, .. } = fx;
            return f;
        }
        // Discard this pass: restore the module and retry with the joined types.
        drop(fx);
        cx.module.kernels.truncate(kernels_len);
        cx.module.functions.truncate(functions_len);
        cx.instances.truncate(instances_len);
        cx.diags.truncate(diags_len);
        if is_main {
            cx.module.globals.truncate(globals_len);
        }
        if let Some(g) = saved_globals {
            cx.globals = g;
        }
        var_types = joined;
    }
}

/// Names assigned anywhere in a function body (targets of assignments and loops).
fn collect_assigned(body: &[ast::Stmt], out: &mut HashSet<String>) {
    fn target(e: &ast::Expr, out: &mut HashSet<String>) {
        match &e.kind {
            ast::ExprKind::Name(n) => {
                out.insert(n.clone());
            }
            ast::ExprKind::Tuple(items) | ast::ExprKind::List(items) => items.iter().for_each(|i| target(i, out)),
            _ => {}
        }
    }
    for s in body {
        match &s.kind {
            ast::StmtKind::Assign { targets, .. } => targets.iter().for_each(|t| target(t, out)),
            ast::StmtKind::AugAssign { target: t, .. } => target(t, out),
            ast::StmtKind::For { target: t, body, orelse, .. } => {
                target(t, out);
                collect_assigned(body, out);
                collect_assigned(orelse, out);
            }
            ast::StmtKind::If { body, orelse, .. } | ast::StmtKind::While { body, orelse, .. } => {
                collect_assigned(body, out);
                collect_assigned(orelse, out);
            }
            ast::StmtKind::Import(names) => names.iter().for_each(|(m, a, _)| {
                out.insert(a.clone().unwrap_or_else(|| m.split('.').next().unwrap_or(m).to_string()));
            }),
            ast::StmtKind::ImportFrom { names, .. } => names.iter().for_each(|(n, a, _)| {
                out.insert(a.clone().unwrap_or_else(|| n.clone()));
            }),
            _ => {}
        }
    }
}

/// Joins the types a variable is assigned: ints widen to floats, weak and
/// strong scalars of one dtype join to the strong one. `None` if they conflict.
pub(crate) fn join_types(a: &Type, b: &Type) -> Option<Type> {
    if a == b {
        return Some(a.clone());
    }
    match (a, b) {
        (Type::Scalar { dtype: da, weak: wa }, Type::Scalar { dtype: db, weak: wb }) => {
            let dtype = if da == db {
                *da
            } else if da.is_float() || db.is_float() {
                DType::F64
            } else {
                DType::I64
            };
            Some(Type::Scalar { dtype, weak: *wa && *wb })
        }
        _ => None,
    }
}

impl<'c, 's> FnCx<'c, 's> {
    pub fn error(&mut self, d: Diagnostic) {
        self.cx.diags.push(d);
    }

    pub fn emit(&mut self, kind: StmtKind, span: Span) {
        self.track_shapes(&kind);
        self.blocks.last_mut().expect("a block is open").push(ir::Stmt { kind, span });
    }

    /// Runs `f` with a fresh block and returns the block's statements.
    pub fn block(&mut self, f: impl FnOnce(&mut Self)) -> Vec<ir::Stmt> {
        self.blocks.push(Vec::new());
        f(self);
        self.blocks.pop().expect("block stack balanced")
    }

    pub fn expr_type(&self, e: ExprId) -> Type {
        self.f.expr_type(e).clone()
    }

    pub fn add(&mut self, e: ir::Expr, ty: Type) -> ExprId {
        self.f.add_expr(e, ty)
    }

    pub fn read(&mut self, p: Place) -> ExprId {
        let ty = match p {
            Place::Local(v) => self.f.locals[v].ty.clone(),
            Place::Global(g) => self.cx.module.globals[g].ty.clone(),
        };
        self.add(ir::Expr::Read(p), ty)
    }

    /// Emits a call of the runtime entry point `func` (see `StmtKind::Runtime`). With a
    /// result type, the result lands in a fresh temporary and a read of it is returned.
    pub fn runtime_call(&mut self, func: &str, args: Vec<ExprId>, result: Option<Type>, span: Span) -> Option<ExprId> {
        let dst = result.map(|ty| self.temp(ty));
        self.emit(StmtKind::Runtime { func: func.to_string(), args, dst }, span);
        dst.map(|p| self.read(p))
    }

    /// A fresh hidden local.
    pub fn temp(&mut self, ty: Type) -> Place {
        self.temps += 1;
        let name = format!("t{}", self.temps);
        Place::Local(self.f.locals.push(ir::Var { name, ty }))
    }

    /// A line number for naming kernels.
    pub fn line_of(&self, span: Span) -> usize {
        ir::span::line_col(self.cx.source, span.start).0
    }

    /// Looks a name up: locals, then module globals, then builtins.
    pub fn lookup(&mut self, name: &str, span: Span) -> Value {
        if let Some(v) = self.lambda_args.iter().rev().find_map(|scope| scope.get(name)) {
            return v.clone();
        }
        let binding = if self.is_main || self.lambda_globals_only {
            self.cx.globals.get(name).cloned()
        } else if self.local_names.contains(name) {
            self.scope.get(name).cloned()
        } else {
            self.cx.globals.get(name).cloned()
        };
        match binding {
            Some(Binding::Place(p)) => {
                let e = self.read(p);
                self.value_of_read(e)
            }
            Some(Binding::Const(v)) => v,
            None => match name {
                "print" | "len" | "range" | "abs" | "min" | "max" | "int" | "float" | "bool" | "str" | "round" => {
                    Value::Builtin(name.to_string())
                }
                "__name__" => {
                    let e = self.add(ir::Expr::Const(ir::Const::Str("__main__".into())), Type::Str);
                    Value::Str(e)
                }
                "True" => Value::Scalar(self.add(ir::Expr::Const(ir::Const::Bool(true)), Type::py_bool())),
                "False" => Value::Scalar(self.add(ir::Expr::Const(ir::Const::Bool(false)), Type::py_bool())),
                _ => {
                    // In an earlier pass a variable may be read before its assignment has
                    // been seen; the joined types make it known in the next pass.
                    if let Some(ty) = self.var_types.get(name).cloned() {
                        let p = self.place_for(name, &ty);
                        let e = self.read(p);
                        return self.value_of_read(e);
                    }
                    self.error(diag::undefined_name(span, name));
                    Value::Error
                }
            },
        }
    }

    pub fn value_of_read(&mut self, e: ExprId) -> Value {
        match self.expr_type(e) {
            Type::Array { .. } => Value::Array(e),
            Type::Str => Value::Str(e),
            Type::None => Value::None,
            Type::Scalar { .. } => Value::Scalar(e),
        }
    }

    /// The place of variable `name` with type `ty`, creating it if needed.
    pub fn place_for(&mut self, name: &str, ty: &Type) -> Place {
        let existing = if self.is_main { self.cx.globals.get(name) } else { self.scope.get(name) };
        if let Some(Binding::Place(p)) = existing {
            return *p;
        }
        let place = if self.is_main {
            let g = self.cx.module.globals.push(ir::Var { name: name.to_string(), ty: ty.clone() });
            Place::Global(g)
        } else {
            Place::Local(self.f.locals.push(ir::Var { name: name.to_string(), ty: ty.clone() }))
        };
        self.bind(name, Binding::Place(place));
        place
    }

    pub fn bind(&mut self, name: &str, b: Binding) {
        if self.is_main {
            self.cx.globals.insert(name.to_string(), b);
        } else {
            self.scope.insert(name.to_string(), b);
        }
    }

    pub fn place_type(&self, p: Place) -> Type {
        self.cx.module.place_type(&self.f, p)
    }

    pub fn observe(&mut self, name: &str, ty: Type, span: Span) {
        let list = self.observed.entry(name.to_string()).or_default();
        if !list.iter().any(|(t, _)| *t == ty) {
            list.push((ty, span));
        }
    }

    fn joined_types(&self) -> HashMap<String, Type> {
        let mut out = HashMap::new();
        for (name, list) in &self.observed {
            let mut acc = list[0].0.clone();
            for (t, _) in &list[1..] {
                if let Some(j) = join_types(&acc, t) {
                    acc = j;
                }
            }
            out.insert(name.clone(), acc);
        }
        out
    }

    fn report_conflicts(&mut self) {
        let mut names: Vec<_> = self.observed.keys().cloned().collect();
        names.sort();
        for name in names {
            let list = self.observed[&name].clone();
            let mut acc = list[0].0.clone();
            for (t, span) in &list[1..] {
                match join_types(&acc, t) {
                    Some(j) => acc = j,
                    None => {
                        let first = describe(&list[0].0);
                        let second = describe(t);
                        self.error(diag::conflicting_types(*span, &name, &first, &second, list[0].1));
                        break;
                    }
                }
            }
        }
    }

    /// Closes the function: the body, result types, and a guard for falling
    /// off the end of a function that returns values.
    fn finish(&mut self) {
        let mut body = self.blocks.pop().expect("function block");
        self.f.results = self.returns.clone().unwrap_or_default();
        if !self.f.results.is_empty() && !matches!(body.last().map(|s| &s.kind), Some(StmtKind::Return { .. })) {
            body.push(ir::Stmt {
                kind: StmtKind::Raise {
                    kind: "ValueError".into(),
                    message: format!("function `{}` reached its end without returning a value", self.f.name),
                },
                span: self.return_span.unwrap_or_default(),
            });
        }
        self.f.body = body;
    }
}

pub(crate) fn describe(t: &Type) -> String {
    match t {
        Type::Scalar { dtype, weak: true } => match dtype {
            DType::Bool => "a bool".into(),
            DType::I64 | DType::I32 => "an int".into(),
            _ => "a float".into(),
        },
        Type::Scalar { dtype, weak: false } => format!("a NumPy {} scalar", dtype.numpy_name()),
        Type::Array { dtype, ndim } => format!("a {ndim}-D {} array", dtype.numpy_name()),
        Type::Str => "a str".into(),
        Type::None => "None".into(),
    }
}
