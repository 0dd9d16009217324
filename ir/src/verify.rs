//! The verifier: structural and type checks that hold after every pass.

use crate::module::*;
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
    }
    errors
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
                if *op == BinaryOp::TrueDiv && !ty.is_float() {
                    err(format!("%{} true division of non-floats", e.index()));
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
    let root = k.expr_dtype(k.root);
    match k.output {
        KernelOutput::Store { dtype } | KernelOutput::ReduceAll { dtype, .. } | KernelOutput::ReduceAxis { dtype, .. } => {
            if dtype != root {
                err(format!("output dtype {dtype} differs from the root's {root}"));
            }
        }
    }
    if let KernelOutput::ReduceAxis { axis, .. } = k.output {
        if axis >= k.ndim {
            err(format!("reduction axis {axis} out of range"));
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
                let reduce_all = matches!(k.output, KernelOutput::ReduceAll { .. });
                if reduce_all != result.is_some() || reduce_all == dst.is_some() {
                    err(format!("launch of k{}: dst/result do not match the kernel's output", kernel.index()));
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
