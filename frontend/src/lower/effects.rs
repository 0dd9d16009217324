//! Python's evaluation order where lazy values wait.
//!
//! An array expression stays lazy (`Value::Lazy`, a tree reading array places) until it is
//! consumed, so `a * 2.0 + g(a)` would read `a` when the fused kernel runs, after `g` ran.
//! Python computes `a * 2.0` first: if `g` changes `a` in place, the kernel would see the new
//! values. So before an operand that may change arrays is lowered, the lazy operands already
//! evaluated are materialised ([`FnCx::pin_before`]).
//!
//! "May change arrays" is decided on the syntax, conservatively: a call of a user function
//! that may (its body assigns into a subscript or attribute, augments anything in place,
//! deletes, or calls one that may, or is recursive), of a callable that is not a known
//! function (a parameter, a lambda bound to a name), of a method that works in place
//! (`sort`, `fill`...), or with an `out=` keyword. `global` is not supported, so a call
//! cannot rebind the places a lazy tree reads.

use std::collections::HashSet;

use super::{FnCx, Value};
use crate::ast::{self, ExprKind, FPart, IndexExpr, StmtKind};
use ir::Span;

/// Methods that change their object (NumPy's and the Python containers').
const IN_PLACE_METHODS: &[&str] =
    &["sort", "fill", "put", "itemset", "resize", "partition", "shuffle", "setflags", "append", "extend", "insert", "pop", "clear", "update", "remove", "reverse"];

/// NumPy functions that write one of their arguments.
const IN_PLACE_FUNCTIONS: &[&str] = &["copyto", "put", "place", "putmask", "fill_diagonal", "put_along_axis"];

/// Python builtins that change no array.
const PURE_BUILTINS: &[&str] = &[
    "abs", "all", "any", "bool", "divmod", "enumerate", "float", "int", "isinstance", "len", "list", "max", "min", "pow", "print", "range",
    "round", "str", "sum", "tuple", "zip", "sorted", "reversed", "map", "filter", "dict", "type", "repr", "format", "hash", "id", "iter", "next",
];

/// A position in the open block: its depth in the block stack and its length.
#[derive(Clone, Copy)]
pub(crate) struct Mark {
    depth: usize,
    len: usize,
}

impl FnCx<'_, '_> {
    /// Materialises `v` if it is lazy and any of `later` (the operands Python evaluates after
    /// it) may change arrays.
    pub(crate) fn pin_before(&mut self, v: Value, later: &[&ast::Expr], span: Span) -> Value {
        if matches!(v, Value::Lazy(_)) && later.iter().any(|e| self.may_write_arrays(e)) {
            return self.stabilize(v, span);
        }
        v
    }

    /// Where the open block stands now: the place of a value made here, before the
    /// operands Python evaluates after it are lowered (see [`FnCx::read_at`]).
    pub(crate) fn mark(&self) -> Mark {
        Mark { depth: self.blocks.len(), len: self.blocks.last().map_or(0, Vec::len) }
    }

    /// `v`, made at `mark`, once the later operands are lowered. An element read raises (and
    /// sees the array) where Python reads it: if the later operands emitted statements (a
    /// call's body, a check that raises, a launch), the element is read into a temporary at
    /// the mark, before them. Otherwise it stays in the expression, which evaluates its
    /// operands in order.
    pub(crate) fn read_at(&mut self, v: Value, mark: Mark, span: Span) -> Value {
        let Value::Scalar(e) = v else { return v };
        if self.blocks.len() != mark.depth || self.mark().len == mark.len || !self.reads_elements(e) {
            return v;
        }
        let place = self.temp(self.expr_type(e).clone());
        let read = ir::Stmt::new(ir::StmtKind::Assign { dst: place, value: e }, span);
        self.blocks.last_mut().expect("a block is open").insert(mark.len, read);
        Value::Scalar(self.read(place))
    }

    /// [`FnCx::read_at`] of operands made in order, each at its mark (the latest first, so
    /// that the earlier marks stay where they were).
    pub(crate) fn read_all_at(&mut self, values: &mut [(Value, Mark, Span)]) {
        for (v, mark, span) in values.iter_mut().rev() {
            *v = self.read_at(std::mem::replace(v, Value::Error), *mark, *span);
        }
    }

    /// Whether evaluating `e` reads an array element (which may raise IndexError).
    fn reads_elements(&self, e: ir::ExprId) -> bool {
        matches!(self.f.exprs[e], ir::Expr::GetItem(..)) || self.f.exprs[e].children().into_iter().any(|c| self.reads_elements(c))
    }

    /// Whether evaluating `e` may change an array in place.
    pub(crate) fn may_write_arrays(&mut self, e: &ast::Expr) -> bool {
        // A builtin the script rebinds is not the builtin (its functions are module names too).
        let shadowed: HashSet<String> =
            self.local_names.iter().chain(self.cx.global_slots.keys()).filter(|n| !self.cx.funcs.contains_key(*n)).cloned().collect();
        self.expr_may_write(e, &shadowed, &mut HashSet::new())
    }

    /// Whether a call of `def` may change an array.
    pub(crate) fn function_may_write(&mut self, def: &ast::FunctionDef) -> bool {
        self.def_may_write(def, &mut HashSet::new())
    }

    /// Whether evaluating `e` may change an array: a call with `out=`, of an in-place method,
    /// of a user function that may (`visiting`: those on the way here; a cycle may), or of
    /// anything but a known function (`shadowed`: names that are not the builtins').
    fn expr_may_write(&mut self, e: &ast::Expr, shadowed: &HashSet<String>, visiting: &mut HashSet<String>) -> bool {
        let mut writes = false;
        let mut called: Vec<String> = Vec::new();
        visit_expr(e, &mut |x| {
            let ExprKind::Call { func, args, keywords } = &x.kind else { return };
            writes |= keywords.iter().any(|k| k.name == "out");
            // A ufunc's output array given by position (`np.add(a, b, c)`).
            if let ExprKind::Attribute { attr, .. } = &func.kind {
                writes |= super::ufuncs::ufunc_inputs(attr).is_some_and(|nin| args.len() > nin);
            }
            match &func.kind {
                // Reading a nested function (`closures.rs`) changes nothing.
                ExprKind::Name(name) if name == crate::syntax::CLOSURE => {}
                ExprKind::Name(name) => called.push(name.clone()),
                // A call of a nested function read: a call of its lifted function.
                ExprKind::Call { func: inner, args: made, .. } if matches!(&inner.kind, ExprKind::Name(n) if n == crate::syntax::CLOSURE) => match made.first().map(|a| &a.kind) {
                    Some(ExprKind::Str(lifted)) => called.push(lifted.clone()),
                    _ => writes = true,
                },
                ExprKind::Attribute { attr, .. } => writes |= IN_PLACE_METHODS.contains(&attr.as_str()) || IN_PLACE_FUNCTIONS.contains(&attr.as_str()),
                // `(lambda x: ...)(a)`: the lambda's body is visited as part of `e`.
                ExprKind::Lambda { .. } => {}
                _ => writes = true,
            }
        });
        for name in called {
            if writes {
                break;
            }
            writes = match self.cx.funcs.get(&name).cloned() {
                Some(def) if !shadowed.contains(&name) => self.def_may_write(&def, visiting),
                _ => shadowed.contains(&name) || !PURE_BUILTINS.contains(&name.as_str()),
            };
        }
        writes
    }

    fn def_may_write(&mut self, def: &ast::FunctionDef, visiting: &mut HashSet<String>) -> bool {
        if let Some(&known) = self.cx.writes_arrays.get(&def.name) {
            return known;
        }
        if !visiting.insert(def.name.clone()) {
            return true;
        }
        let mut writes = false;
        let mut exprs: Vec<&ast::Expr> = Vec::new();
        // Its parameters and the names it assigns are its own, not functions of the module.
        let mut shadowed: HashSet<String> = def.params.iter().map(|p| p.name.clone()).collect();
        visit_stmts(&def.body, &mut |s| match &s.kind {
            StmtKind::Assign { targets, value } => {
                writes |= targets.iter().any(writes_through);
                for t in targets {
                    if let ExprKind::Name(n) = &t.kind {
                        shadowed.insert(n.clone());
                    }
                }
                exprs.push(value);
            }
            StmtKind::AugAssign { .. } | StmtKind::Delete(_) | StmtKind::FunctionDef(_) | StmtKind::Unsupported { .. } => writes = true,
            StmtKind::Expr(e) => exprs.push(e),
            StmtKind::If { test, .. } | StmtKind::While { test, .. } => exprs.push(test),
            StmtKind::For { iter, .. } => exprs.push(iter),
            StmtKind::Return(Some(e)) => exprs.push(e),
            _ => {}
        });
        for e in exprs {
            if writes {
                break;
            }
            writes = self.expr_may_write(e, &shadowed, visiting);
        }
        visiting.remove(&def.name);
        self.cx.writes_arrays.insert(def.name.clone(), writes);
        writes
    }
}

/// Whether assigning to `target` writes into an object (`a[i] = `, `a.x = `), not a name.
fn writes_through(target: &ast::Expr) -> bool {
    match &target.kind {
        ExprKind::Name(_) => false,
        ExprKind::Tuple(items) | ExprKind::List(items) => items.iter().any(writes_through),
        _ => true,
    }
}

/// Calls `f` on every statement of `body` and of the blocks nested in it.
fn visit_stmts<'a>(body: &'a [ast::Stmt], f: &mut dyn FnMut(&'a ast::Stmt)) {
    for s in body {
        f(s);
        match &s.kind {
            StmtKind::If { body, orelse, .. } | StmtKind::For { body, orelse, .. } | StmtKind::While { body, orelse, .. } => {
                visit_stmts(body, f);
                visit_stmts(orelse, f);
            }
            _ => {}
        }
    }
}

/// Calls `f` on `e` and every expression inside it (lambda bodies included).
pub(super) fn visit_expr<'a>(e: &'a ast::Expr, f: &mut dyn FnMut(&'a ast::Expr)) {
    f(e);
    match &e.kind {
        ExprKind::BinOp { left, right, .. } => {
            visit_expr(left, f);
            visit_expr(right, f);
        }
        ExprKind::UnaryOp { operand, .. } => visit_expr(operand, f),
        ExprKind::BoolOp { values, .. } | ExprKind::Tuple(values) | ExprKind::List(values) => values.iter().for_each(|v| visit_expr(v, f)),
        ExprKind::Compare { left, comparators, .. } => {
            visit_expr(left, f);
            comparators.iter().for_each(|v| visit_expr(v, f));
        }
        ExprKind::Call { func, args, keywords } => {
            visit_expr(func, f);
            args.iter().for_each(|v| visit_expr(v, f));
            keywords.iter().for_each(|k| visit_expr(&k.value, f));
        }
        ExprKind::Attribute { value, .. } | ExprKind::Starred(value) | ExprKind::Generator(value) => visit_expr(value, f),
        ExprKind::Subscript { value, index } => {
            visit_expr(value, f);
            for i in index {
                match i {
                    IndexExpr::Expr(x) => visit_expr(x, f),
                    IndexExpr::Slice { lower, upper, step, .. } => {
                        for x in [lower, upper, step].into_iter().flatten() {
                            visit_expr(x, f);
                        }
                    }
                }
            }
        }
        ExprKind::Dict(items) => {
            for (k, v) in items {
                visit_expr(k, f);
                visit_expr(v, f);
            }
        }
        ExprKind::ListComp { elt, target, iter, ifs, .. } => {
            visit_expr(iter, f);
            visit_expr(target, f);
            for c in ifs {
                visit_expr(c, f);
            }
            visit_expr(elt, f);
        }
        ExprKind::IfExp { test, body, orelse } => {
            visit_expr(test, f);
            visit_expr(body, f);
            visit_expr(orelse, f);
        }
        ExprKind::FString(parts) => {
            for p in parts {
                if let FPart::Value { value, .. } = p {
                    visit_expr(value, f);
                }
            }
        }
        ExprKind::Lambda { body, .. } => visit_expr(body, f),
        ExprKind::Name(_) | ExprKind::Int(_) | ExprKind::Float(_) | ExprKind::Imaginary(_) | ExprKind::Bool(_) | ExprKind::Str(_) | ExprKind::NoneLit | ExprKind::Ellipsis | ExprKind::Unsupported { .. } => {}
    }
}

/// Whether `body` (nested blocks included, nested functions not) calls a function by
/// `name`: a function that may call itself.
pub(crate) fn calls_name(body: &[ast::Stmt], name: &str) -> bool {
    let mut exprs: Vec<&ast::Expr> = Vec::new();
    visit_stmts(body, &mut |s| match &s.kind {
        StmtKind::Assign { targets, value } => {
            exprs.extend(targets.iter());
            exprs.push(value);
        }
        StmtKind::AugAssign { target, value, .. } => exprs.extend([target, value]),
        StmtKind::Expr(e) | StmtKind::If { test: e, .. } | StmtKind::While { test: e, .. } | StmtKind::For { iter: e, .. } | StmtKind::Return(Some(e)) => exprs.push(e),
        _ => {}
    });
    let mut found = false;
    for e in exprs {
        visit_expr(e, &mut |x| {
            if let ExprKind::Call { func, .. } = &x.kind {
                found |= matches!(&func.kind, ExprKind::Name(n) if n == name);
            }
        });
    }
    found
}
