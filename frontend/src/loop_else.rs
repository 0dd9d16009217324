//! The `else` blocks of `for` and `while` loops, as a flag and an `if`.
//!
//! Python runs a loop's `else` block when the loop ends without `break`. Before the
//! lowering, each such loop becomes
//!
//! ```python
//! __loop_else_<start> = False
//! for x in xs:            # or `while test:`
//!     ...                 # each `break` of this loop: `__loop_else_<start> = True; break`
//! if not __loop_else_<start>:
//!     <else block>
//! ```
//!
//! A `break` belongs to the innermost loop around it: those of nested loops are left alone,
//! but a `break` in a nested loop's own `else` block leaves the enclosing loop (it runs
//! after the nested loop ended), so nested loops are rewritten first and the `if` they
//! become is searched like any other.

use crate::ast::{Expr, ExprKind, Stmt, StmtKind, UnaryOp};

/// Rewrites every loop with an `else` block in `body` and in the functions it defines.
pub fn rewrite(body: Vec<Stmt>) -> Vec<Stmt> {
    let mut out = Vec::with_capacity(body.len());
    for s in body {
        let span = s.span;
        match s.kind {
            StmtKind::For { target, iter, body, orelse } => {
                let body = rewrite(body);
                let orelse = rewrite(orelse);
                if orelse.is_empty() {
                    out.push(Stmt { kind: StmtKind::For { target, iter, body, orelse }, span });
                } else {
                    let flag = format!("__loop_else_{}", span.start);
                    let body = mark_breaks(body, &flag);
                    out.push(set(&flag, false, span));
                    out.push(Stmt { kind: StmtKind::For { target, iter, body, orelse: Vec::new() }, span });
                    out.push(unless(&flag, orelse, span));
                }
            }
            StmtKind::While { test, body, orelse } => {
                let body = rewrite(body);
                let orelse = rewrite(orelse);
                if orelse.is_empty() {
                    out.push(Stmt { kind: StmtKind::While { test, body, orelse }, span });
                } else {
                    let flag = format!("__loop_else_{}", span.start);
                    let body = mark_breaks(body, &flag);
                    out.push(set(&flag, false, span));
                    out.push(Stmt { kind: StmtKind::While { test, body, orelse: Vec::new() }, span });
                    out.push(unless(&flag, orelse, span));
                }
            }
            StmtKind::If { test, body, orelse } => out.push(Stmt { kind: StmtKind::If { test, body: rewrite(body), orelse: rewrite(orelse) }, span }),
            StmtKind::FunctionDef(mut def) => {
                def.body = rewrite(def.body);
                out.push(Stmt { kind: StmtKind::FunctionDef(def), span });
            }
            kind => out.push(Stmt { kind, span }),
        }
    }
    out
}

/// `flag = value`.
fn set(flag: &str, value: bool, span: ir::Span) -> Stmt {
    let target = Expr { kind: ExprKind::Name(flag.to_string()), span };
    let value = Expr { kind: ExprKind::Bool(value), span };
    Stmt { kind: StmtKind::Assign { targets: vec![target], value }, span }
}

/// `if not flag: body`.
fn unless(flag: &str, body: Vec<Stmt>, span: ir::Span) -> Stmt {
    let name = Expr { kind: ExprKind::Name(flag.to_string()), span };
    let test = Expr { kind: ExprKind::UnaryOp { op: UnaryOp::Not, operand: Box::new(name) }, span };
    Stmt { kind: StmtKind::If { test, body, orelse: Vec::new() }, span }
}

/// The loop body with `flag = True` before each `break` of this loop (not of loops inside
/// it, nor of functions defined in it).
fn mark_breaks(body: Vec<Stmt>, flag: &str) -> Vec<Stmt> {
    let mut out = Vec::with_capacity(body.len());
    for s in body {
        let span = s.span;
        match s.kind {
            StmtKind::Break => {
                out.push(set(flag, true, span));
                out.push(Stmt { kind: StmtKind::Break, span });
            }
            StmtKind::If { test, body, orelse } => {
                out.push(Stmt { kind: StmtKind::If { test, body: mark_breaks(body, flag), orelse: mark_breaks(orelse, flag) }, span })
            }
            kind => out.push(Stmt { kind, span }),
        }
    }
    out
}
