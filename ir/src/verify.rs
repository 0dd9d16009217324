//! The verifier: structural and type checks that hold after every pass.

use crate::module::*;
use crate::program::{Module, Stage};
use crate::plan::{Layout, Template};
use crate::types::{DType, Type};

/// Checks the module; returns every violation found (empty when valid).
pub fn verify(m: &Module) -> Vec<String> {
    let mut errors = Vec::new();
    for (k, kernel) in m.kernels.iter() {
        verify_kernel(k, kernel, &mut errors);
    }
    for (_, f) in m.functions.iter() {
        let mut loop_depth = 0;
        verify_block(m, f, &f.body, &mut loop_depth, &mut errors);
        verify_stmt_ids(f, &mut errors);
    }
    verify_stage(m, &mut errors);
    errors
}

/// Every statement has an id, unique in its function.
fn verify_stmt_ids(f: &Function, errors: &mut Vec<String>) {
    let mut seen = std::collections::HashSet::new();
    walk_stmts(&f.body, &mut |s| {
        if s.id == StmtId::NEW {
            errors.push(format!("@{}: a statement has no id", f.name));
        } else if !seen.insert(s.id) {
            errors.push(format!("@{}: two statements have id s{}", f.name, s.id.0));
        } else if s.id.0 >= f.next_stmt {
            errors.push(format!("@{}: statement id s{} is not below next_stmt {}", f.name, s.id.0, f.next_stmt));
        }
    });
}

/// A plan exactly at stage `Distributed`, naming statements that exist and saying
/// what the statements that make arrays make.
fn verify_stage(m: &Module, errors: &mut Vec<String>) {
    let plan = match (m.stage, &m.plan) {
        (Stage::Tensor, None) => return,
        (Stage::Tensor, Some(_)) => return errors.push("a distribution plan before the `partition` pass".into()),
        (Stage::Distributed, None) => return errors.push("stage `distributed` without a distribution plan".into()),
        (Stage::Distributed, Some(plan)) => plan,
    };
    let stmt = |s: StmtRef| (s.func.index() < m.functions.len()).then(|| &m.functions[s.func]).and_then(|f| f.stmt(s.stmt));
    let named = |s: StmtRef, what: &str, errors: &mut Vec<String>| {
        if stmt(s).is_none() {
            errors.push(format!("the plan names {what} s{} of function {}, which does not exist", s.stmt.0, s.func.index()));
        }
    };
    for (i, a) in plan.arrays.iter().enumerate() {
        match stmt(a.origin).map(|s| &s.kind) {
            Some(StmtKind::Alloc { .. })
            | Some(StmtKind::Library { op: LibraryOp::Copy | LibraryOp::MatMul { .. } | LibraryOp::Diagonal { .. }, .. })
            | Some(StmtKind::Runtime { func: EntryPoint::MaskGet | EntryPoint::Gather | EntryPoint::FramePop, dst: Some(_), .. }) => {}
            Some(_) => errors.push(format!("array #{i} is made by a statement that makes no array")),
            None => named(a.origin, "the origin of an array,", errors),
        }
        let array_ok = |id: crate::plan::ArrayId| id.index() < plan.arrays.len();
        if let Layout::Rows { template: Template::Aligned { with, .. }, .. } = &a.layout {
            if !array_ok(*with) {
                errors.push(format!("array #{i} is aligned with a missing array"));
            }
        }
        if let Layout::Replicated { why: Some((_, at)) } = &a.layout {
            named(*at, "the reason for a replication,", errors);
        }
        if a.ndim == 0 && matches!(a.layout, Layout::Rows { .. }) {
            errors.push(format!("array #{i} has no axis but is distributed by rows"));
        }
    }
    for (s, comms) in &plan.comm {
        named(*s, "a communicating statement", errors);
        for c in comms {
            if c.array().is_some_and(|a| a.index() >= plan.arrays.len()) {
                errors.push(format!("statement s{} communicates a missing array", s.stmt.0));
            }
        }
    }
    for l in &plan.loops {
        if !matches!(stmt(l.stmt).map(|s| &s.kind), Some(StmtKind::For { .. } | StmtKind::Loop { .. })) {
            errors.push(format!("the plan's loop s{} is not a loop", l.stmt.stmt.0));
        }
        for e in &l.events {
            named(e.stmt, "a statement of a loop", errors);
        }
    }
    for t in &plan.transfers {
        named(t.stmt, "a copy to the host", errors);
    }
    for (s, l) in &plan.launches {
        if !matches!(stmt(*s).map(|s| &s.kind), Some(StmtKind::Launch { .. } | StmtKind::Library { .. })) {
            errors.push(format!("the plan's launch s{} is not a kernel launch or library call", s.stmt.0));
        }
        if l.operands.iter().flatten().any(|(a, _)| a.index() >= plan.arrays.len()) {
            errors.push(format!("the plan's launch s{} names a missing array", s.stmt.0));
        }
    }
    for fill in &plan.fills {
        named(fill.stmt, "a random fill", errors);
        if fill.array.index() >= plan.arrays.len() {
            errors.push(format!("the plan's fill at s{} names a missing array", fill.stmt.stmt.0));
        }
    }
}

fn verify_kernel(id: KernelId, k: &Kernel, errors: &mut Vec<String>) {
    let mut err = |msg: String| errors.push(format!("kernel k{}: {msg}", id.index()));
    for (e, expr) in k.exprs.iter() {
        let ty = k.expr_dtype(e);
        match expr {
            KExpr::Array(i) => {
                if *i >= k.arrays.len() {
                    err(format!("%{} loads array a{i} out of range", e.index()));
                } else if k.arrays[*i].dtype != ty {
                    err(format!("%{} loads a{i} with the wrong dtype", e.index()));
                } else if k.arrays[*i].ndim > k.ndim {
                    err(format!("a{i} has more dimensions than the iteration space"));
                }
            }
            KExpr::Scalar(i) => {
                if k.scalars.get(*i) != Some(&ty) {
                    err(format!("%{} reads scalar s{i} with the wrong dtype or out of range", e.index()));
                }
            }
            KExpr::Index(axis) => {
                if *axis >= k.ndim || ty != DType::I64 {
                    err(format!("%{} index {axis} invalid", e.index()));
                }
            }
            KExpr::Binary(op, a, b) => {
                if k.expr_dtype(*a) != k.expr_dtype(*b) {
                    err(format!("%{} {op:?} operands differ in dtype", e.index()));
                }
                if *op == BinaryOp::TrueDiv && !(ty.is_float() || ty.is_complex()) {
                    err(format!("%{} true division of non-floats", e.index()));
                }
                if *op == BinaryOp::Complex && (!k.expr_dtype(*a).is_float() || ty != k.expr_dtype(*a).complex_of()) {
                    err(format!("%{} complex of non-floats or of the wrong precision", e.index()));
                }
            }
            KExpr::Compare(_, a, b) => {
                if k.expr_dtype(*a) != k.expr_dtype(*b) || ty != DType::Bool {
                    err(format!("%{} comparison types invalid", e.index()));
                }
            }
            KExpr::Select(c, a, b) => {
                if k.expr_dtype(*c) != DType::Bool || k.expr_dtype(*a) != ty || k.expr_dtype(*b) != ty {
                    err(format!("%{} select types invalid", e.index()));
                }
            }
            // A cast never drops an imaginary part: a complex value's parts are taken apart
            // by `Math(Real | Imag)`, never converted (a silent wrong value otherwise).
            KExpr::Cast(_, a) if k.expr_dtype(*a).is_complex() && !ty.is_complex() => {
                err(format!("%{} casts a complex value to {ty}", e.index()));
            }
            KExpr::Unary(..) | KExpr::Cast(..) | KExpr::Math(..) | KExpr::Const(_) => {}
        }
        // Operands precede their users (the arena is in topological order).
        let operands: Vec<KExprId> = match expr {
            KExpr::Unary(_, a) | KExpr::Cast(_, a) | KExpr::Math(_, a) => vec![*a],
            KExpr::Binary(_, a, b) | KExpr::Compare(_, a, b) => vec![*a, *b],
            KExpr::Select(c, a, b) => vec![*c, *a, *b],
            _ => vec![],
        };
        if operands.iter().any(|o| *o >= e) {
            err(format!("%{} uses an operand defined after it", e.index()));
        }
    }
    // The runtime exchanges one word per scalar and per reduced value.
    if k.scalars.iter().any(|d| d.is_complex()) {
        err("a complex scalar parameter (kernels take its parts)".to_string());
    }
    let reduced = match k.output {
        KernelOutput::ReduceAll { dtype, .. } | KernelOutput::ReduceAxis { dtype, .. } => Some(dtype),
        KernelOutput::StoreReduce { acc, .. } => Some(acc),
        KernelOutput::Store { .. } => None,
    };
    if reduced.is_some_and(|d| d.is_complex()) {
        err("a complex reduction (reductions take the parts apart)".to_string());
    }
    let root = k.expr_dtype(k.root);
    match k.output {
        KernelOutput::Store { dtype } | KernelOutput::ReduceAll { dtype, .. } | KernelOutput::ReduceAxis { dtype, .. } => {
            if dtype != root {
                err(format!("output dtype {dtype} differs from the root's {root}"));
            }
        }
        KernelOutput::StoreReduce { dtype, acc, value, .. } => {
            if dtype != root {
                err(format!("output dtype {dtype} differs from the root's {root}"));
            }
            if value.index() >= k.exprs.len() {
                err(format!("reduced value %{} out of range", value.index()));
            } else if k.expr_dtype(value) != acc {
                err(format!("reduction dtype {acc} differs from the reduced value's {}", k.expr_dtype(value)));
            }
        }
    }
    if let KernelOutput::ReduceAxis { axis, .. } = k.output {
        if axis >= k.ndim {
            err(format!("reduction axis {axis} out of range"));
        }
    }
    if !k.also.is_empty() {
        if !matches!(k.output, KernelOutput::Store { .. } | KernelOutput::StoreReduce { .. }) || k.also.len() > k.arrays.len() {
            err("further outputs need a store and as many array operands".into());
        }
        for (i, value) in k.outputs().zip(&k.also) {
            if value.index() >= k.exprs.len() {
                err(format!("further output a{i} = %{} out of range", value.index()));
            } else if k.expr_dtype(*value) != k.arrays[i].dtype {
                err(format!("further output a{i} has another dtype than %{}", value.index()));
            }
            if k.arrays[i].ndim != k.ndim {
                err(format!("further output a{i} has not the iteration space's rank"));
            }
            if k.exprs.iter().any(|(_, x)| matches!(x, KExpr::Array(j) if *j == i)) {
                err(format!("further output a{i} is loaded"));
            }
        }
    }
}

fn verify_block(m: &Module, f: &Function, block: &Block, loop_depth: &mut usize, errors: &mut Vec<String>) {
    for stmt in block {
        let mut err = |msg: String| errors.push(format!("func @{}: {msg}", f.name));
        match &stmt.kind {
            StmtKind::Assign { dst, value } => {
                let dt = m.place_type(f, *dst);
                let vt = f.expr_type(*value);
                if &dt != vt && !(matches!((&dt, vt), (Type::Scalar { dtype: a, .. }, Type::Scalar { dtype: b, .. }) if a == b)) {
                    err(format!("assignment of {vt} to a place of type {dt}"));
                }
            }
            StmtKind::Launch { kernel, dst, arrays, scalars, result } => {
                let k = &m.kernels[*kernel];
                if arrays.len() != k.arrays.len() || scalars.len() != k.scalars.len() {
                    err(format!("launch of k{} with the wrong number of operands", kernel.index()));
                }
                for (a, ka) in arrays.iter().zip(&k.arrays) {
                    if f.expr_type(*a) != &Type::array(ka.dtype, ka.ndim) {
                        err(format!("launch of k{}: array operand type mismatch", kernel.index()));
                    }
                }
                for (s, ks) in scalars.iter().zip(&k.scalars) {
                    if f.expr_type(*s).dtype() != Some(*ks) || !f.expr_type(*s).is_scalar() {
                        err(format!("launch of k{}: scalar operand type mismatch", kernel.index()));
                    }
                }
                if k.output.reduces_all() != result.is_some() || k.output.has_dst() != dst.is_some() {
                    err(format!("launch of k{}: dst/result do not match the kernel's output", kernel.index()));
                }
            }
            StmtKind::Alloc { dst, shape: ShapeSpec::Broadcast { arrays, reuse: Some(i) }, .. } => {
                if arrays.get(*i).map(|&a| f.expr_type(a)) != Some(&m.place_type(f, *dst)) {
                    err(format!("alloc reuses operand {i}, which is not an array of its type"));
                }
            }
            StmtKind::If { then_body, else_body, .. } => {
                verify_block(m, f, then_body, loop_depth, errors);
                verify_block(m, f, else_body, loop_depth, errors);
            }
            StmtKind::For { body, .. } | StmtKind::Loop { body } => {
                *loop_depth += 1;
                verify_block(m, f, body, loop_depth, errors);
                *loop_depth -= 1;
            }
            StmtKind::Break | StmtKind::Continue => {
                if *loop_depth == 0 {
                    err("break/continue outside a loop".to_string());
                }
            }
            StmtKind::Return { values } => {
                if values.len() != f.results.len() {
                    err("return with the wrong number of values".to_string());
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::{ArrayId, ArrayPlan, Comm, Plan};
    use crate::span::Span;
    use crate::types::Type;

    /// `x = alloc f64 (4,)` then `print(x)`, numbered.
    fn module() -> (Module, StmtRef, StmtRef) {
        let mut m = Module::new();
        let main = m.main;
        let f = &mut m.functions[main];
        let x = f.locals.push(Var { name: "x".into(), ty: Type::array(DType::F64, 1) });
        let four = f.add_expr(Expr::Const(Const::Int(4)), Type::py_int());
        let read = f.add_expr(Expr::Read(Place::Local(x)), Type::array(DType::F64, 1));
        let space = f.add_expr(Expr::Const(Const::Str(" ".into())), Type::Str);
        let end = f.add_expr(Expr::Const(Const::Str("\n".into())), Type::Str);
        f.body.push(Stmt::new(StmtKind::Alloc { dst: Place::Local(x), dtype: DType::F64, shape: ShapeSpec::Dims(vec![four]) }, Span::default()));
        f.body.push(Stmt::new(StmtKind::Print { args: vec![read], sep: space, end }, Span::default()));
        f.number_statements();
        let alloc = StmtRef { func: main, stmt: f.body[0].id };
        let print = StmtRef { func: main, stmt: f.body[1].id };
        (m, alloc, print)
    }

    fn plan(alloc: StmtRef, print: StmtRef) -> Plan {
        let mut plan = Plan::default();
        plan.arrays.push(ArrayPlan {
            name: "x".into(),
            ndim: 1,
            item: 8,
            shape: Vec::new(),
            origin: alloc,
            layout: Layout::Rows { halo: (0, 0), template: Template::Own, along: None },
            copy_of: None,
        });
        plan.comm.insert(print, vec![Comm::Gather { array: ArrayId(0), why: "printed".into() }]);
        plan
    }

    #[test]
    fn a_plan_belongs_to_the_distributed_stage() {
        let (mut m, alloc, print) = module();
        assert_eq!(verify(&m), Vec::<String>::new());
        m.plan = Some(plan(alloc, print));
        assert!(verify(&m).iter().any(|e| e.contains("before the `partition` pass")), "{:?}", verify(&m));
        m.stage = Stage::Distributed;
        assert_eq!(verify(&m), Vec::<String>::new());
        m.plan = None;
        assert!(verify(&m).iter().any(|e| e.contains("without a distribution plan")));
    }

    #[test]
    fn the_plan_names_real_statements() {
        let (mut m, alloc, print) = module();
        m.stage = Stage::Distributed;
        // The print makes no array; a statement id that does not exist.
        m.plan = Some(plan(print, StmtRef { func: m.main, stmt: StmtId(99) }));
        let errors = verify(&m);
        assert!(errors.iter().any(|e| e.contains("makes no array")), "{errors:?}");
        assert!(errors.iter().any(|e| e.contains("s99")), "{errors:?}");
        let mut p = plan(alloc, print);
        p.comm.insert(print, vec![Comm::Fetch { array: ArrayId(5) }]);
        m.plan = Some(p);
        assert!(verify(&m).iter().any(|e| e.contains("missing array")));
    }

    #[test]
    fn statements_have_unique_ids() {
        let (mut m, _, _) = module();
        let main = m.main;
        m.functions[main].body[1].id = m.functions[main].body[0].id;
        assert!(verify(&m).iter().any(|e| e.contains("two statements have id")));
        m.functions[main].body[1].id = StmtId::NEW;
        assert!(verify(&m).iter().any(|e| e.contains("has no id")));
        m.functions[main].number_statements();
        assert_eq!(verify(&m), Vec::<String>::new());
    }
}
