//! The IR's text form: `legatec --emit ir`. Deterministic: numbering follows
//! arena order, which follows source order.

use std::fmt::Write;

use crate::module::*;
use crate::plan::{Comm, Layout, Plan, Template};
use crate::types::Type;

/// Prints a whole module.
pub fn print_module(m: &Module) -> String {
    let mut out = String::new();
    let stage = match m.stage {
        Stage::Tensor => "tensor",
        Stage::Distributed => "distributed",
    };
    writeln!(out, "module stage={stage}").unwrap();
    for (g, var) in m.globals.iter() {
        write!(out, "global @{}: {}", var.name, var.ty).unwrap();
        if let Some(shape) = m.global_shapes.get(g) {
            write!(out, " shape=({})", join(shape.iter().map(|s| s.to_string()))).unwrap();
        }
        out.push('\n');
    }
    for (k, kernel) in m.kernels.iter() {
        out.push('\n');
        print_kernel(&mut out, k, kernel);
    }
    for (_, f) in m.functions.iter() {
        out.push('\n');
        print_function(&mut out, m, f);
    }
    if let Some(plan) = &m.plan {
        out.push('\n');
        print_plan(&mut out, m, plan);
    }
    out
}

fn stmt_id(id: StmtId) -> String {
    if id == StmtId::NEW {
        "s?".to_string()
    } else {
        format!("s{}", id.0)
    }
}

/// `@f.s12`: a statement of the module.
fn stmt_ref(m: &Module, s: StmtRef) -> String {
    format!("@{}.{}", m.functions[s.func].name, stmt_id(s.stmt))
}

fn comm_text(comm: &Comm) -> String {
    match comm {
        Comm::HaloExchange { array } => format!("exchange #{}", array.0),
        Comm::Allreduce => "allreduce".to_string(),
        Comm::Fetch { array } => format!("fetch #{}", array.0),
        Comm::Gather { array, why } => format!("gather #{} {why:?}", array.0),
        Comm::Broadcast { array } => format!("broadcast #{}", array.0),
    }
}

/// The plan: every array with its layout, what every statement may communicate, and
/// what one iteration of each loop communicates in the steady state.
fn print_plan(out: &mut String, m: &Module, plan: &Plan) {
    out.push_str("plan {\n");
    for (i, a) in plan.arrays.iter().enumerate() {
        let layout = match &a.layout {
            Layout::Replicated { why: None } => "replicated".to_string(),
            Layout::Replicated { why: Some((why, at)) } => format!("replicated {why:?} by {}", stmt_ref(m, *at)),
            Layout::Rows { halo, template } => {
                let template = match template {
                    Template::Own => "own".to_string(),
                    Template::Aligned { with, offset: Some(o) } => format!("#{}{o:+}", with.0),
                    Template::Aligned { with, offset: None } => format!("#{}+?", with.0),
                };
                format!("rows halo=({}, {}) template={template}", halo.0, halo.1)
            }
        };
        let shape = join(a.shape.iter().map(|s| s.to_string()));
        let copy = a.copy_of.map_or(String::new(), |c| format!(" copy_of=#{}", c.0));
        writeln!(out, "  array #{i} {:?} {}d item={} shape=({shape}) made_by={} {layout}{copy}", a.name, a.ndim, a.item, stmt_ref(m, a.origin)).unwrap();
    }
    for (s, comms) in &plan.comm {
        writeln!(out, "  comm {}: {}", stmt_ref(m, *s), join(comms.iter().map(comm_text))).unwrap();
    }
    for l in &plan.loops {
        let events = join(l.events.iter().map(|e| format!("{} at {}", comm_text(&e.comm), stmt_ref(m, e.stmt))));
        writeln!(out, "  loop {}: {events}", stmt_ref(m, l.stmt)).unwrap();
    }
    for e in &plan.gathers {
        writeln!(out, "  outside {} at {}", comm_text(&e.comm), stmt_ref(m, e.stmt)).unwrap();
    }
    for t in &plan.transfers {
        let in_loop = t.in_loop.map_or(String::new(), |l| format!(" in {}", stmt_ref(m, l)));
        writeln!(out, "  to_host #{} {:?} at {}{in_loop}", t.array.0, t.why, stmt_ref(m, t.stmt)).unwrap();
    }
    out.push_str("}\n");
}

fn join(items: impl Iterator<Item = String>) -> String {
    items.collect::<Vec<_>>().join(", ")
}

fn print_kernel(out: &mut String, id: KernelId, k: &Kernel) {
    let arrays = join(k.arrays.iter().enumerate().map(|(i, a)| format!("a{i}: {}[{}d]", a.dtype, a.ndim)));
    let scalars = join(k.scalars.iter().enumerate().map(|(i, d)| format!("s{i}: {d}")));
    let output = match k.output {
        KernelOutput::Store { dtype } => format!("store {dtype}"),
        KernelOutput::ReduceAll { op, dtype } => format!("reduce_all {op:?} {dtype}"),
        KernelOutput::ReduceAxis { op, dtype, axis } => format!("reduce_axis {op:?} {dtype} axis={axis}"),
    };
    writeln!(out, "kernel k{} \"{}\" rank={} ({arrays}) ({scalars}) -> {output} {{", id.index(), k.name, k.ndim).unwrap();
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

fn print_function(out: &mut String, m: &Module, f: &Function) {
    let params = join(f.params.iter().map(|p| format!("%{}: {}", f.locals[*p].name, f.locals[*p].ty)));
    let results = join(f.results.iter().map(Type::to_string));
    writeln!(out, "func @{}({params}) -> ({results}) {{", f.name).unwrap();
    for (v, var) in f.locals.iter() {
        if f.params.contains(&v) {
            continue;
        }
        write!(out, "  local %{}: {}", var.name, var.ty).unwrap();
        if let Some(shape) = f.shapes.get(v) {
            write!(out, " shape=({})", join(shape.iter().map(|s| s.to_string()))).unwrap();
        }
        out.push('\n');
    }
    let p = Printer { m, f };
    p.block(out, &f.body, 1);
    out.push_str("}\n");
}

struct Printer<'a> {
    m: &'a Module,
    f: &'a Function,
}

impl Printer<'_> {
    fn place(&self, p: Place) -> String {
        match p {
            Place::Local(v) => format!("%{}", self.f.locals[v].name),
            Place::Global(g) => format!("@{}", self.m.globals[g].name),
        }
    }

    fn expr(&self, e: ExprId) -> String {
        let f = self.f;
        match &f.exprs[e] {
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
        let pad = format!("{}{}: ", "  ".repeat(depth), stmt_id(stmt.id));
        let line = match &stmt.kind {
            StmtKind::Assign { dst, value } => format!("{} = {}", self.place(*dst), self.expr(*value)),
            StmtKind::SetItem { array, indices, value } => {
                format!("{}[{}] = {}", self.expr(*array), self.exprs(indices), self.expr(*value))
            }
            StmtKind::Alloc { dst, dtype, shape } => {
                let shape = match shape {
                    ShapeSpec::Dims(d) => format!("({})", self.exprs(d)),
                    ShapeSpec::Broadcast(a) => format!("broadcast({})", self.exprs(a)),
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
                format!("({results}) = call @{}({})", self.m.functions[*func].name, self.exprs(args))
            }
            StmtKind::If { cond, then_body, else_body } => {
                let end = "  ".repeat(depth);
                writeln!(out, "{pad}if {} {{", self.expr(*cond)).unwrap();
                self.block(out, then_body, depth + 1);
                if !else_body.is_empty() {
                    writeln!(out, "{end}}} else {{").unwrap();
                    self.block(out, else_body, depth + 1);
                }
                writeln!(out, "{end}}}").unwrap();
                return;
            }
            StmtKind::For { var, start, stop, step, body } => {
                writeln!(
                    out,
                    "{pad}for {} in range({}, {}, {}) {{",
                    self.place(*var),
                    self.expr(*start),
                    self.expr(*stop),
                    self.expr(*step)
                )
                .unwrap();
                self.block(out, body, depth + 1);
                writeln!(out, "{}}}", "  ".repeat(depth)).unwrap();
                return;
            }
            StmtKind::Loop { body } => {
                writeln!(out, "{pad}loop {{").unwrap();
                self.block(out, body, depth + 1);
                writeln!(out, "{}}}", "  ".repeat(depth)).unwrap();
                return;
            }
            StmtKind::Break => "break".to_string(),
            StmtKind::Continue => "continue".to_string(),
            StmtKind::Return { values } => format!("return {}", self.exprs(values)),
            StmtKind::Print { args, sep, end } => {
                format!("print({}) sep={} end={}", self.exprs(args), self.expr(*sep), self.expr(*end))
            }
            StmtKind::Raise { kind, message } => format!("raise {kind}({message:?})"),
        };
        writeln!(out, "{pad}{line}").unwrap();
    }
}
