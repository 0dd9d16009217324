//! The IR's text form: `legatec --emit ir`. Deterministic: numbering follows
//! arena order, which follows source order. The text is complete: [`crate::parse`]
//! reads it back into a module that prints identically.
//!
//! What the text leaves implicit is fixed by rules both sides share:
//! - an expression's type is the one [`implied_type`] gives unless it is written
//!   out, `(e: T)`;
//! - a statement's or kernel's source span (byte offsets) is `loc(start..end)`,
//!   omitted when it is empty at offset 0 (statements the compiler made up);
//! - a name that two locals (or globals, or functions) share is followed by `#index`,
//!   its arena index, wherever it is mentioned;
//! - the module body is function 0 unless the header says `main=N`;
//! - every statement starts with its id, `s12: `;
//! - the distribution plan, once written, follows the functions as `plan { ... }`, naming
//!   statements `@function s12` and arrays by their index in the plan.

use std::collections::HashSet;
use std::fmt::Write;

use crate::arena::Arena;
use crate::module::*;
use crate::program::{Module, Stage};
use crate::plan::{Comm, Layout, Plan, Template};
use crate::span::Span;
use crate::sym::SymExpr;
use crate::types::{DType, Type};

/// Prints a whole module.
pub fn print_module(m: &Module) -> String {
    let mut out = String::new();
    let stage = match m.stage {
        Stage::Tensor => "tensor",
        Stage::Distributed => "distributed",
    };
    write!(out, "module stage={stage}").unwrap();
    if m.main.index() != 0 {
        write!(out, " main={}", m.main.index()).unwrap();
    }
    out.push('\n');
    let globals = Names::of(&m.globals, |v| &v.name);
    let functions = Names::of(&m.functions, |f| &f.name);
    for (g, var) in m.globals.iter() {
        write!(out, "global @{}: {}", globals.name(g.index(), &var.name), var.ty).unwrap();
        if let Some(shape) = m.global_shapes.get(g) {
            write!(out, " shape={}", shape_text(shape)).unwrap();
        }
        out.push('\n');
    }
    for (k, kernel) in m.kernels.iter() {
        out.push('\n');
        print_kernel(&mut out, k, kernel);
    }
    for (id, f) in m.functions.iter() {
        out.push('\n');
        let p = Printer { m, f, locals: Names::of(&f.locals, |v| &v.name), globals: &globals, functions: &functions };
        p.function(&mut out, id);
    }
    if let Some(plan) = &m.plan {
        out.push('\n');
        print_plan(&mut out, m, &functions, plan);
    }
    out
}

/// `@f s12`: a statement of the module.
/// How the IR text names statements (`@main s12`), for messages that point into
/// `--emit ir` output.
pub struct StmtLabels<'m> {
    m: &'m Module,
    functions: Names,
}

impl<'m> StmtLabels<'m> {
    pub fn new(m: &'m Module) -> Self {
        StmtLabels { m, functions: Names::of(&m.functions, |f| &f.name) }
    }

    pub fn label(&self, s: StmtRef) -> String {
        stmt_ref(self.m, &self.functions, s)
    }
}

fn stmt_ref(m: &Module, functions: &Names, s: StmtRef) -> String {
    format!("@{} s{}", functions.name(s.func.index(), &m.functions[s.func].name), s.stmt.0)
}

fn comm_text(comm: &Comm) -> String {
    match comm {
        Comm::HaloExchange { array } => format!("exchange {}", array.0),
        Comm::Allreduce => "allreduce".to_string(),
        Comm::Fetch { array } => format!("fetch {}", array.0),
        Comm::Gather { array, why } => format!("gather({}, {why:?})", array.0),
        Comm::Broadcast { array } => format!("broadcast {}", array.0),
        Comm::Shuffle { array } => format!("shuffle {}", array.0),
        Comm::ReadSplit => "read_split".to_string(),
    }
}

/// The plan: every array with its layout, what every statement may communicate, what one
/// iteration of each communicating loop does in the steady state, the communication outside loops
/// and copies to the host.
fn print_plan(out: &mut String, m: &Module, functions: &Names, plan: &Plan) {
    let at = |s: StmtRef| stmt_ref(m, functions, s);
    out.push_str("plan {\n");
    for (i, a) in plan.arrays.iter().enumerate() {
        let layout = match &a.layout {
            Layout::Replicated { why: None } => "replicated".to_string(),
            Layout::Replicated { why: Some((why, by)) } => format!("replicated({why:?}, {})", at(*by)),
            Layout::Rows { halo, template, along } => {
                let template = match template {
                    Template::Own => "own".to_string(),
                    Template::Var => "var".to_string(),
                    Template::Aligned { with, offset: Some(o) } => format!("aligned({}, {o})", with.0),
                    Template::Aligned { with, offset: None } => format!("aligned({}, ?)", with.0),
                };
                let along = along.map_or(String::new(), |k| format!(" along={k}"));
                format!("rows halo=({}, {}) template={template}{along}", halo.0, halo.1)
            }
        };
        let copy = a.copy_of.map_or(String::new(), |c| format!(" copy_of={}", c.0));
        writeln!(out, "  array {i} {:?} {}d item={} shape={} made_by {} {layout}{copy}", a.name, a.ndim, a.item, shape_text(&a.shape), at(a.origin))
            .unwrap();
    }
    for (s, comms) in &plan.comm {
        writeln!(out, "  comm {}: {}", at(*s), join(comms.iter().map(comm_text))).unwrap();
    }
    for l in &plan.loops {
        writeln!(out, "  loop {}: {}", at(l.stmt), join(l.events.iter().map(|e| format!("{} at {}", comm_text(&e.comm), at(e.stmt))))).unwrap();
    }
    for e in &plan.outside {
        writeln!(out, "  outside {} at {}", comm_text(&e.comm), at(e.stmt)).unwrap();
    }
    for t in &plan.transfers {
        let in_loop = t.in_loop.map_or(String::new(), |l| format!(" in {}", at(l)));
        writeln!(out, "  to_host {} {:?} at {}{in_loop}", t.array.0, t.why, at(t.stmt)).unwrap();
    }
    for fill in &plan.fills {
        writeln!(out, "  fill {} at {} {}", fill.array.0, at(fill.stmt), if fill.jumps { "jumps" } else { "draws_through" }).unwrap();
    }
    for (s, l) in &plan.launches {
        let view = |o: &Option<(crate::plan::ArrayId, Option<i64>)>| match o {
            None => " ?".to_string(),
            Some((a, Some(row))) => format!(" {}:{row}", a.0),
            Some((a, None)) => format!(" {}:?", a.0),
        };
        let dst = l.dst.map_or(String::new(), |d| format!(" ->{}", view(&Some(d))));
        let operands: String = l.operands.iter().map(view).collect();
        writeln!(out, "  launch {} {}{dst}{operands}", at(*s), if l.split { "split" } else { "whole" }).unwrap();
    }
    out.push_str("}\n");
}

/// The `#index` suffixes of names that several items of one arena share.
pub(crate) struct Names {
    shared: HashSet<String>,
}

impl Names {
    pub(crate) fn of<T>(arena: &Arena<T>, name: impl Fn(&T) -> &String) -> Names {
        let mut seen = HashSet::new();
        let mut shared = HashSet::new();
        for (_, item) in arena.iter() {
            if !seen.insert(name(item).as_str()) {
                shared.insert(name(item).clone());
            }
        }
        Names { shared }
    }

    /// How item `index` called `name` is written.
    pub(crate) fn name(&self, index: usize, name: &str) -> String {
        if self.shared.contains(name) {
            format!("{name}#{index}")
        } else {
            name.to_string()
        }
    }
}

/// A symbolic shape: `(N, (M + 2))`.
fn shape_text(shape: &[SymExpr]) -> String {
    format!("({})", join(shape.iter().map(|s| s.to_string())))
}

fn join(items: impl Iterator<Item = String>) -> String {
    items.collect::<Vec<_>>().join(", ")
}

/// ` loc(start..end)`, or nothing for the empty span at offset 0.
fn loc_text(span: Span) -> String {
    if span == Span::default() {
        String::new()
    } else {
        format!(" loc({}..{})", span.start, span.end)
    }
}

/// The type an expression has unless the text says otherwise, from its operands'
/// types and the types of places. The printer writes `(e: T)` where the recorded type
/// differs; the parser gives every unannotated expression this type.
pub fn implied_type(expr: &Expr, operand: impl Fn(ExprId) -> Type, place: impl Fn(Place) -> Type) -> Type {
    let weak_of = |t: &Type| matches!(t, Type::Scalar { weak: true, .. });
    match expr {
        Expr::Const(Const::Int(_)) => Type::py_int(),
        Expr::Const(Const::Float(_)) => Type::py_float(),
        Expr::Const(Const::Bool(_)) => Type::py_bool(),
        Expr::Const(Const::Str(_)) | Expr::Format(..) | Expr::Concat(_) => Type::Str,
        Expr::Const(Const::None) => Type::None,
        Expr::Read(p) => place(*p),
        Expr::Unary(UnaryOp::Not, a) => Type::Scalar { dtype: DType::Bool, weak: weak_of(&operand(*a)) },
        Expr::Unary(_, a) | Expr::Logical(_, a, _) | Expr::Select(_, a, _) => operand(*a),
        Expr::Binary(_, a, b) => match (operand(*a), operand(*b)) {
            (Type::Scalar { dtype, weak }, Type::Scalar { weak: weak_b, .. }) => Type::Scalar { dtype, weak: weak && weak_b },
            (a, _) => a,
        },
        Expr::Compare(_, a, b) => Type::Scalar { dtype: DType::Bool, weak: weak_of(&operand(*a)) && weak_of(&operand(*b)) },
        Expr::Cast(d, _) => Type::scalar(*d),
        Expr::Math(MathFn::IsNan, args) => {
            Type::Scalar { dtype: DType::Bool, weak: args.first().is_some_and(|a| weak_of(&operand(*a))) }
        }
        Expr::Math(_, args) => args.first().map_or(Type::None, |a| operand(*a)),
        Expr::Dim(..) | Expr::Size(_) => Type::py_int(),
        Expr::GetItem(a, _) => operand(*a).dtype().map_or(Type::None, Type::scalar),
        Expr::Clock(_) => Type::py_float(),
    }
}

fn print_kernel(out: &mut String, id: KernelId, k: &Kernel) {
    let arrays = join(k.arrays.iter().enumerate().map(|(i, a)| format!("a{i}: {}[{}d]", a.dtype, a.ndim)));
    let scalars = join(k.scalars.iter().enumerate().map(|(i, d)| format!("s{i}: {d}")));
    let output = match k.output {
        KernelOutput::Store { dtype } => format!("store {dtype}"),
        KernelOutput::ReduceAll { op, dtype } => format!("reduce_all {op:?} {dtype}"),
        KernelOutput::ReduceAxis { op, dtype, axis } => format!("reduce_axis {op:?} {dtype} axis={axis}"),
        KernelOutput::StoreReduce { dtype, op, acc, value } => format!("store {dtype} reduce_all {op:?} {acc} %{}", value.index()),
    };
    let also = if k.also.is_empty() {
        String::new()
    } else {
        format!(" also({})", join(k.outputs().zip(&k.also).map(|(i, e)| format!("a{i} = %{}", e.index()))))
    };
    let loc = loc_text(k.span);
    writeln!(out, "kernel k{} {:?} rank={} ({arrays}) ({scalars}) -> {output}{also}{loc} {{", id.index(), k.name, k.ndim).unwrap();
    for (e, expr) in k.exprs.iter() {
        let text = match expr {
            KExpr::Array(i) => format!("load a{i}"),
            KExpr::Scalar(i) => format!("s{i}"),
            KExpr::Const(c) => const_text(c),
            KExpr::Index(axis) => format!("index {axis}"),
            KExpr::Unary(op, a) => format!("{op:?} %{}", a.index()),
            KExpr::Binary(op, a, b) => format!("{op:?} %{}, %{}", a.index(), b.index()),
            KExpr::Compare(op, a, b) => format!("cmp.{op:?} %{}, %{}", a.index(), b.index()),
            KExpr::Cast(d, a) => format!("cast.{d} %{}", a.index()),
            KExpr::Select(c, a, b) => format!("select %{}, %{}, %{}", c.index(), a.index(), b.index()),
            KExpr::Math(f, a) => format!("{f:?} %{}", a.index()),
        };
        writeln!(out, "  %{} = {} : {}", e.index(), text, k.expr_dtype(e)).unwrap();
    }
    writeln!(out, "  yield %{}\n}}", k.root.index()).unwrap();
}

fn const_text(c: &Const) -> String {
    match c {
        Const::Int(i) => format!("{i}"),
        Const::Float(f) => format!("{f:?}"),
        Const::Bool(b) => format!("{b}"),
        Const::Str(s) => format!("{s:?}"),
        Const::None => "None".to_string(),
    }
}

struct Printer<'a> {
    m: &'a Module,
    f: &'a Function,
    locals: Names,
    globals: &'a Names,
    functions: &'a Names,
}

impl Printer<'_> {
    fn function(&self, out: &mut String, id: FuncId) {
        let f = self.f;
        let local = |v: VarId| {
            let var = &f.locals[v];
            let mut s = format!("%{}: {}", self.locals.name(v.index(), &var.name), var.ty);
            if let Some(shape) = f.shapes.get(v) {
                write!(s, " shape={}", shape_text(shape)).unwrap();
            }
            s
        };
        let params = join(f.params.iter().map(|p| local(*p)));
        let results = join(f.results.iter().map(Type::to_string));
        writeln!(out, "func @{}({params}) -> ({results}) {{", self.functions.name(id.index(), &f.name)).unwrap();
        for v in f.locals.handles() {
            if !f.params.contains(&v) {
                writeln!(out, "  local {}", local(v)).unwrap();
            }
        }
        self.block(out, &f.body, 1);
        out.push_str("}\n");
    }

    fn place(&self, p: Place) -> String {
        match p {
            Place::Local(v) => format!("%{}", self.locals.name(v.index(), &self.f.locals[v].name)),
            Place::Global(g) => format!("@{}", self.globals.name(g.index(), &self.m.globals[g].name)),
        }
    }

    fn expr(&self, e: ExprId) -> String {
        let f = self.f;
        let expr = &f.exprs[e];
        let text = match expr {
            Expr::Const(c) => const_text(c),
            Expr::Read(p) => self.place(*p),
            Expr::Unary(op, a) => format!("{op:?}({})", self.expr(*a)),
            Expr::Binary(op, a, b) => format!("{op:?}({}, {})", self.expr(*a), self.expr(*b)),
            Expr::Compare(op, a, b) => format!("cmp.{op:?}({}, {})", self.expr(*a), self.expr(*b)),
            Expr::Logical(op, a, b) => format!("{op:?}({}, {})", self.expr(*a), self.expr(*b)),
            Expr::Cast(d, a) => format!("cast.{d}({})", self.expr(*a)),
            Expr::Select(c, a, b) => format!("select({}, {}, {})", self.expr(*c), self.expr(*a), self.expr(*b)),
            Expr::Math(m, args) => format!("{m:?}({})", join(args.iter().map(|a| self.expr(*a)))),
            Expr::Dim(a, axis) => format!("dim({}, {axis})", self.expr(*a)),
            Expr::Size(a) => format!("size({})", self.expr(*a)),
            Expr::GetItem(a, idx) => format!("{}[{}]", self.expr(*a), join(idx.iter().map(|i| self.expr(*i)))),
            Expr::Format(a, spec) => format!("format({}, {spec:?})", self.expr(*a)),
            Expr::Concat(parts) => format!("concat({})", join(parts.iter().map(|a| self.expr(*a)))),
            Expr::Clock(k) => format!("clock.{k:?}()"),
        };
        let ty = f.expr_type(e);
        if *ty == implied_type(expr, |a| f.expr_type(a).clone(), |p| self.m.place_type(f, p)) {
            text
        } else {
            format!("({text}: {ty})")
        }
    }

    fn exprs(&self, es: &[ExprId]) -> String {
        join(es.iter().map(|e| self.expr(*e)))
    }

    fn opt(&self, e: &Option<ExprId>) -> String {
        e.map(|e| self.expr(e)).unwrap_or_default()
    }

    fn block(&self, out: &mut String, block: &Block, depth: usize) {
        for stmt in block {
            self.stmt(out, stmt, depth);
        }
    }

    fn stmt(&self, out: &mut String, stmt: &Stmt, depth: usize) {
        let indent = "  ".repeat(depth);
        let id = if stmt.id == StmtId::NEW { "s?".to_string() } else { format!("s{}", stmt.id.0) };
        let pad = format!("{indent}{id}: ");
        let loc = loc_text(stmt.span);
        let line = match &stmt.kind {
            StmtKind::Assign { dst, value } => format!("{} = {}", self.place(*dst), self.expr(*value)),
            StmtKind::SetItem { array, indices, value } => {
                format!("{}[{}] = {}", self.expr(*array), self.exprs(indices), self.expr(*value))
            }
            StmtKind::Alloc { dst, dtype, shape } => {
                let shape = match shape {
                    ShapeSpec::Dims(d) => format!("({})", self.exprs(d)),
                    ShapeSpec::Broadcast { arrays, reuse: None } => format!("broadcast({})", self.exprs(arrays)),
                    ShapeSpec::Broadcast { arrays, reuse: Some(i) } => {
                        format!("broadcast({}) reuse={i}", self.exprs(arrays))
                    }
                    ShapeSpec::Reduced { array, axis } => format!("reduced({}, axis={axis})", self.expr(*array)),
                };
                format!("{} = alloc {dtype} {shape}", self.place(*dst))
            }
            StmtKind::View { dst, src, index } => {
                let items = join(index.iter().map(|i| match i {
                    IndexItem::Slice { start, stop, step } => {
                        let mut s = format!("{}:{}", self.opt(start), self.opt(stop));
                        if step.is_some() {
                            s = format!("{s}:{}", self.opt(step));
                        }
                        s
                    }
                    IndexItem::Index(e) => self.expr(*e),
                    IndexItem::NewAxis => "newaxis".to_string(),
                }));
                format!("{} = view {}[{items}]", self.place(*dst), self.expr(*src))
            }
            StmtKind::Launch { kernel, dst, arrays, scalars, result } => {
                let mut s = String::new();
                if let Some(r) = result {
                    s = format!("{} = ", self.place(*r));
                }
                write!(s, "launch k{}", kernel.index()).unwrap();
                if let Some(d) = dst {
                    write!(s, " into {}", self.expr(*d)).unwrap();
                }
                write!(s, " arrays({}) scalars({})", self.exprs(arrays), self.exprs(scalars)).unwrap();
                s
            }
            StmtKind::Library { op, dst, args } => format!("{} = {op:?}({})", self.place(*dst), self.exprs(args)),
            StmtKind::Runtime { func, args, dst } => match dst {
                Some(d) => format!("{} = runtime {func}({})", self.place(*d), self.exprs(args)),
                None => format!("runtime {func}({})", self.exprs(args)),
            },
            StmtKind::Call { func, args, results } => {
                let results = join(results.iter().map(|r| self.place(*r)));
                let name = self.functions.name(func.index(), &self.m.functions[*func].name);
                format!("({results}) = call @{name}({})", self.exprs(args))
            }
            StmtKind::If { cond, then_body, else_body } => {
                writeln!(out, "{pad}if {}{loc} {{", self.expr(*cond)).unwrap();
                self.block(out, then_body, depth + 1);
                if !else_body.is_empty() {
                    writeln!(out, "{indent}}} else {{").unwrap();
                    self.block(out, else_body, depth + 1);
                }
                writeln!(out, "{indent}}}").unwrap();
                return;
            }
            StmtKind::For { var, start, stop, step, body } => {
                writeln!(
                    out,
                    "{pad}for {} in range({}, {}, {}){loc} {{",
                    self.place(*var),
                    self.expr(*start),
                    self.expr(*stop),
                    self.expr(*step)
                )
                .unwrap();
                self.block(out, body, depth + 1);
                writeln!(out, "{indent}}}").unwrap();
                return;
            }
            StmtKind::Loop { body } => {
                writeln!(out, "{pad}loop{loc} {{").unwrap();
                self.block(out, body, depth + 1);
                writeln!(out, "{indent}}}").unwrap();
                return;
            }
            StmtKind::Break => "break".to_string(),
            StmtKind::Continue => "continue".to_string(),
            StmtKind::Return { values } if values.is_empty() => "return".to_string(),
            StmtKind::Return { values } => format!("return {}", self.exprs(values)),
            StmtKind::Print { args, sep, end } => {
                format!("print({}) sep={} end={}", self.exprs(args), self.expr(*sep), self.expr(*end))
            }
            StmtKind::Raise { kind, message } => format!("raise {kind}({message:?})"),
        };
        writeln!(out, "{pad}{line}{loc}").unwrap();
    }
}
