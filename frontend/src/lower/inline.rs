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
        let refused = if self.inlining.iter().any(|n| *n == def.name) {
            Some(("it calls itself".to_string(), span))
        } else if let Err(why) = self.inlinable(def) {
            Some(why)
        } else {
            let passable = |v: &Value| matches!(v, Value::Scalar(_) | Value::Array(_) | Value::Lazy(_) | Value::Module(_) | Value::None);
            bound.iter().flatten().find(|(v, _)| !passable(v)).map(|(v, vspan)| (format!("an argument is {}", self.describe_value(v)), *vspan))
        };
        let note = ir::CallNote { function: def.name.clone(), def: def.span, call: span, called_because: refused.clone() };
        if !self.cx.module.calls.contains(&note) {
            self.cx.module.calls.push(note);
        }
        if refused.is_some() {
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
        Some(result)
    }

    /// Whether `def`'s body is one [`FnCx::try_inline`] lowers in place; if not, why and where.
    fn inlinable(&mut self, def: &ast::FunctionDef) -> Result<(), (String, Span)> {
        if let Some(known) = self.cx.inlinable.get(&def.name) {
            return known.clone();
        }
        let verdict = self.body_inlinable(def).and_then(|()| {
            if self.function_may_write(def) {
                Err(("it may change an array in place (or calls a function that may)".to_string(), def.span))
            } else {
                Ok(())
            }
        });
        self.cx.inlinable.insert(def.name.clone(), verdict.clone());
        verdict
    }

    fn body_inlinable(&self, def: &ast::FunctionDef) -> Result<(), (String, Span)> {
        let literal = |e: &ast::Expr| match &e.kind {
            ExprKind::Int(_) | ExprKind::Float(_) | ExprKind::Bool(_) | ExprKind::NoneLit => true,
            ExprKind::UnaryOp { operand, .. } => matches!(operand.kind, ExprKind::Int(_) | ExprKind::Float(_)),
            _ => false,
        };
        if let Some(p) = def.params.iter().find(|p| p.default.as_ref().is_some_and(|d| !literal(d))) {
            return Err((format!("the default of `{}` is not a literal", p.name), p.span));
        }
        let Some((last, rest)) = def.body.split_last() else { return Err(("its body is empty".to_string(), def.span)) };
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
            let refuse = |why: &str| Err((why.to_string(), s.span));
            let read = match &s.kind {
                // A docstring.
                StmtKind::Expr(ast::Expr { kind: ExprKind::Str(_), .. }) if i == 0 => continue,
                StmtKind::Pass => continue,
                StmtKind::Assign { targets, value } => match targets.as_slice() {
                    [ast::Expr { kind: ExprKind::Name(_), .. }] => value,
                    [ast::Expr { kind: ExprKind::Tuple(_) | ExprKind::List(_), .. }] => return refuse("it unpacks a tuple"),
                    [_] => return refuse("it assigns into a subscript or an attribute"),
                    _ => return refuse("it assigns one value to several names"),
                },
                StmtKind::Return(Some(e)) if i + 1 == def.body.len() => e,
                StmtKind::Return(_) => return refuse("it returns before its end"),
                StmtKind::If { .. } => return refuse("its body has an `if`"),
                StmtKind::For { .. } => return refuse("its body has a `for` loop"),
                StmtKind::While { .. } => return refuse("its body has a `while` loop"),
                StmtKind::AugAssign { .. } => return refuse("it has an augmented assignment (`+=`...)"),
                StmtKind::Expr(_) => return refuse("it has an expression statement (a call for its effect)"),
                _ => return refuse("its body has a statement other than assignments to names"),
            };
            // Every name read is bound already, or not the function's own (a global).
            let mut why: Option<(String, Span)> = None;
            super::effects::visit_expr(read, &mut |x| match &x.kind {
                ExprKind::Name(n) if !bound.contains(n.as_str()) && assigned_anywhere.contains(n.as_str()) && why.is_none() => {
                    why = Some((format!("it reads `{n}` before assigning it"), x.span));
                }
                ExprKind::Lambda { .. } if why.is_none() => why = Some(("it defines a lambda".to_string(), x.span)),
                ExprKind::ListComp { .. } if why.is_none() => why = Some(("it has a list comprehension (a loop)".to_string(), x.span)),
                _ => {}
            });
            if let Some(why) = why {
                return Err(why);
            }
            if let StmtKind::Assign { targets, .. } = &s.kind {
                if let [ast::Expr { kind: ExprKind::Name(n), .. }] = targets.as_slice() {
                    bound.insert(n.as_str());
                }
            }
        }
        if !matches!(last.kind, StmtKind::Return(Some(_))) {
            return Err(("it does not end in `return value`".to_string(), last.span));
        }
        Ok(())
    }
}
