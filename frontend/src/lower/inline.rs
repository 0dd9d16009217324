//! Inlining of small user functions into the caller's lazy expressions (fusion across
//! function calls).
//!
//! A call of a function whose body is straight-line array arithmetic (`k = ...`, `poly =
//! ...`, `return ...`) is lowered where it is called, with its parameters bound to the
//! argument values, as a lambda is: the values its names take stay lazy, so
//! `S * cnd(d1) - K * cnd(d2)` is one expression tree and one kernel, with no array for
//! `cnd`'s temporaries or its result. A value a body uses several times is one node of the
//! tree (the kernel computes it once per point: `KernelBuilder` keeps shared nodes shared).
//!
//! Only what cannot be told apart from a call is inlined: the body assigns only plain names
//! (no subscripts, no augmented assignment), has no control flow, no expression statements
//! but a docstring, ends in its one `return`, reads each of its names only after assigning
//! it (Python's local-variable rule: otherwise the call raises `UnboundLocalError`), defines
//! no lambda, and changes no array (`effects.rs`), so evaluating its expressions later, in
//! the caller's kernel, reads the same values. Arguments are scalars, arrays or modules;
//! defaults are literals. Anything else is an ordinary call (`call_user`).

use std::collections::HashSet;

use super::{FnCx, Value};
use crate::ast::{self, ExprKind, StmtKind};
use ir::Span;

impl FnCx<'_, '_> {
    /// Lowers a call of `def` in place when its body allows (see the module); `None` when it
    /// is an ordinary call. `bound` holds the arguments given, by parameter.
    pub(crate) fn try_inline(&mut self, def: &ast::FunctionDef, bound: &[Option<(Value, Span)>], span: Span) -> Option<Value> {
        if self.inlining.iter().any(|n| *n == def.name) || !self.inlinable(def) {
            return None;
        }
        let passable = |v: &Value| matches!(v, Value::Scalar(_) | Value::Array(_) | Value::Lazy(_) | Value::Module(_) | Value::None);
        if bound.iter().flatten().any(|(v, _)| !passable(v)) {
            return None;
        }
        let mut scope = std::collections::HashMap::new();
        for (p, b) in def.params.iter().zip(bound) {
            let v = match b {
                Some((v, _)) => v.clone(),
                None => self.expr(p.default.as_ref()?),
            };
            scope.insert(p.name.clone(), v);
        }
        self.inlining.push(def.name.clone());
        self.lambda_args.push(scope);
        let outer = self.lambda_globals_only;
        self.lambda_globals_only = true;
        let mut result = Value::None;
        for s in &def.body {
            match &s.kind {
                StmtKind::Assign { targets, value } => {
                    let v = self.expr(value);
                    if let (Some(scope), [ast::Expr { kind: ExprKind::Name(name), .. }]) = (self.lambda_args.last_mut(), targets.as_slice()) {
                        scope.insert(name.clone(), v);
                    }
                }
                StmtKind::Return(Some(e)) => result = self.expr(e),
                _ => {}
            }
        }
        self.lambda_globals_only = outer;
        self.lambda_args.pop();
        self.inlining.pop();
        let _ = span;
        Some(result)
    }

    /// Whether `def`'s body is one [`FnCx::try_inline`] lowers in place.
    fn inlinable(&mut self, def: &ast::FunctionDef) -> bool {
        if let Some(&known) = self.cx.inlinable.get(&def.name) {
            return known;
        }
        let ok = self.body_inlinable(def) && !self.function_may_write_pub(def);
        self.cx.inlinable.insert(def.name.clone(), ok);
        ok
    }

    fn body_inlinable(&self, def: &ast::FunctionDef) -> bool {
        let literal = |e: &ast::Expr| match &e.kind {
            ExprKind::Int(_) | ExprKind::Float(_) | ExprKind::Bool(_) | ExprKind::NoneLit => true,
            ExprKind::UnaryOp { operand, .. } => matches!(operand.kind, ExprKind::Int(_) | ExprKind::Float(_)),
            _ => false,
        };
        if def.params.iter().any(|p| p.default.as_ref().is_some_and(|d| !literal(d))) {
            return false;
        }
        let Some((last, rest)) = def.body.split_last() else { return false };
        if !matches!(last.kind, StmtKind::Return(Some(_))) {
            return false;
        }
        let assigned_anywhere: HashSet<&str> = rest
            .iter()
            .filter_map(|s| match &s.kind {
                StmtKind::Assign { targets, .. } => match targets.as_slice() {
                    [ast::Expr { kind: ExprKind::Name(n), .. }] => Some(n.as_str()),
                    _ => None,
                },
                _ => None,
            })
            .collect();
        let mut bound: HashSet<&str> = def.params.iter().map(|p| p.name.as_str()).collect();
        for (i, s) in def.body.iter().enumerate() {
            let read = match &s.kind {
                // A docstring.
                StmtKind::Expr(ast::Expr { kind: ExprKind::Str(_), .. }) if i == 0 => continue,
                StmtKind::Pass => continue,
                StmtKind::Assign { targets, value } => match targets.as_slice() {
                    [ast::Expr { kind: ExprKind::Name(_), .. }] => value,
                    _ => return false,
                },
                StmtKind::Return(Some(e)) if i + 1 == def.body.len() => e,
                _ => return false,
            };
            // Every name read is bound already, or not the function's own (a global).
            let mut fine = true;
            super::effects::visit_expr(read, &mut |x| match &x.kind {
                ExprKind::Name(n) => fine &= bound.contains(n.as_str()) || !assigned_anywhere.contains(n.as_str()),
                ExprKind::Lambda { .. } => fine = false,
                _ => {}
            });
            if !fine {
                return false;
            }
            if let StmtKind::Assign { targets, .. } = &s.kind {
                if let [ast::Expr { kind: ExprKind::Name(n), .. }] = targets.as_slice() {
                    bound.insert(n.as_str());
                }
            }
        }
        true
    }
}
