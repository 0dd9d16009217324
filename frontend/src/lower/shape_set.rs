//! `a.shape = dims`: NumPy gives the array object `a` names a new shape in place, so
//! every name, container and caller that holds that object sees it. legatec rebinds `a`
//! to a view of the new shape (`ArrayReshape` with `in_place`: AttributeError where a copy
//! would be needed), which is the same thing only where nothing else can hold the object.
//! This module decides that from the function's text, conservatively: `a` is assigned in
//! this function (not a parameter, not a module variable changed from a function), and
//! every place the bare name `a` appears only reads it into a new value: an attribute or a
//! subscript of it, an operand of an operator, an argument of a `numpy`/`math` function or
//! of `print`, `len` and the like, the iterable of a `for` loop, a value stored into
//! elements (`b[...] = a`), a returned value. Anywhere else (`b = a`, `[a, b]`, `f(a)`,
//! `lst.append(a)`, `x or a`, a lambda or nested function that mentions it) refuses it.

use std::collections::{HashMap, HashSet};

use ir::Span;

use crate::ast::{self, ExprKind, IndexExpr, StmtKind};

/// Builtins whose result is never their argument object.
const READING_BUILTINS: &[&str] = &["print", "len", "str", "repr", "isinstance", "float", "int", "bool", "abs", "sum", "format", "round"];

/// For each name whose `.shape` the body assigns: whether it may be (`Err`: why not, where).
pub(crate) fn shape_settable(body: &[ast::Stmt], params: &[String], modules: &HashSet<String>) -> HashMap<String, Result<(), (String, Span)>> {
    let mut names = Vec::new();
    walk_stmts(body, &mut |s| {
        if let StmtKind::Assign { targets, .. } = &s.kind {
            for t in targets {
                if let ExprKind::Attribute { value, attr } = &t.kind {
                    if let (ExprKind::Name(n), "shape") = (&value.kind, attr.as_str()) {
                        if !names.contains(n) {
                            names.push(n.clone());
                        }
                    }
                }
            }
        }
    });
    let mut assigned = HashSet::new();
    super::collect_assigned(body, &mut assigned);
    let mut out = HashMap::new();
    for n in names {
        let verdict = if params.contains(&n) {
            Err((format!("`{n}` is a parameter: the caller's array would change shape too"), Span::default()))
        } else if !assigned.contains(&n) {
            Err((format!("`{n}` is a module variable: every function that reads it would see the new shape"), Span::default()))
        } else {
            match first_escape(body, &n, modules) {
                Some(span) => Err((format!("another name, container or function may hold the array `{n}` names here"), span)),
                None => Ok(()),
            }
        };
        out.insert(n, verdict);
    }
    out
}

fn walk_stmts(body: &[ast::Stmt], f: &mut dyn FnMut(&ast::Stmt)) {
    for s in body {
        f(s);
        match &s.kind {
            StmtKind::If { body, orelse, .. } | StmtKind::For { body, orelse, .. } | StmtKind::While { body, orelse, .. } => {
                walk_stmts(body, f);
                walk_stmts(orelse, f);
            }
            _ => {}
        }
    }
}

/// Where the bare name `n` first appears in a position that may keep its object.
fn first_escape(body: &[ast::Stmt], n: &str, modules: &HashSet<String>) -> Option<Span> {
    let mut found = None;
    let check = |e: &ast::Expr, safe: bool, found: &mut Option<Span>| {
        if found.is_none() {
            *found = escape_in(e, n, safe, modules);
        }
    };
    walk_stmts(body, &mut |s| match &s.kind {
        StmtKind::Expr(e) => check(e, true, &mut found),
        StmtKind::Assign { targets, value } => {
            // Stored into elements only: copied.
            let into_elements = targets.iter().all(|t| matches!(t.kind, ExprKind::Subscript { .. }));
            check(value, into_elements, &mut found);
            for t in targets {
                check_target(t, &mut |e| check(e, true, &mut found));
            }
        }
        StmtKind::AugAssign { target, value, .. } => {
            check(target, true, &mut found);
            check(value, true, &mut found);
        }
        StmtKind::If { test, .. } | StmtKind::While { test, .. } => check(test, true, &mut found),
        StmtKind::For { iter, .. } => check(iter, true, &mut found),
        StmtKind::Return(Some(e)) => check(e, true, &mut found),
        StmtKind::FunctionDef(def) => {
            if found.is_none() && mentions(&def.body, n) {
                found = Some(def.span);
            }
        }
        _ => {}
    });
    found
}

/// The parts of an assignment target that are read: the bases and indexes of attributes
/// and subscripts (names, and names unpacked into, are bound, not read).
fn check_target(t: &ast::Expr, read: &mut dyn FnMut(&ast::Expr)) {
    match &t.kind {
        ExprKind::Name(_) => {}
        ExprKind::Tuple(items) | ExprKind::List(items) => items.iter().for_each(|i| check_target(i, read)),
        ExprKind::Starred(inner) => check_target(inner, read),
        _ => read(t),
    }
}

/// Whether a nested function's body mentions `n` at all.
fn mentions(body: &[ast::Stmt], n: &str) -> bool {
    let mut any = false;
    walk_stmts(body, &mut |s| {
        let mut exprs: Vec<&ast::Expr> = Vec::new();
        match &s.kind {
            StmtKind::Expr(e) | StmtKind::Return(Some(e)) => exprs.push(e),
            StmtKind::Assign { targets, value } => {
                exprs.push(value);
                exprs.extend(targets);
            }
            StmtKind::AugAssign { target, value, .. } => exprs.extend([target, value]),
            StmtKind::If { test, .. } | StmtKind::While { test, .. } => exprs.push(test),
            StmtKind::For { iter, target, .. } => exprs.extend([iter, target]),
            StmtKind::FunctionDef(def) => any |= mentions(&def.body, n),
            _ => {}
        }
        for e in exprs {
            super::effects::visit_expr(e, &mut |x| any |= matches!(&x.kind, ExprKind::Name(m) if m == n));
        }
    });
    any
}

/// The root name of an attribute chain (`np.linalg.norm` → `np`).
fn root_name(e: &ast::Expr) -> Option<&str> {
    match &e.kind {
        ExprKind::Name(m) => Some(m),
        ExprKind::Attribute { value, .. } => root_name(value),
        _ => None,
    }
}

/// The first escaping appearance of `n` in `e`; `safe` when `e` itself sits where a bare
/// name only gets read.
fn escape_in(e: &ast::Expr, n: &str, safe: bool, modules: &HashSet<String>) -> Option<Span> {
    let go = |x: &ast::Expr, safe: bool| escape_in(x, n, safe, modules);
    let all = |xs: &[ast::Expr], safe: bool| xs.iter().find_map(|x| escape_in(x, n, safe, modules));
    match &e.kind {
        ExprKind::Name(m) => (m == n && !safe).then_some(e.span),
        ExprKind::BinOp { left, right, .. } => go(left, true).or_else(|| go(right, true)),
        ExprKind::UnaryOp { operand, .. } => go(operand, true),
        ExprKind::Compare { left, comparators, .. } => go(left, true).or_else(|| all(comparators, true)),
        // `x or a` is one of its operands.
        ExprKind::BoolOp { values, .. } => all(values, false),
        ExprKind::IfExp { test, body, orelse } => go(test, true).or_else(|| go(body, false)).or_else(|| go(orelse, false)),
        ExprKind::Attribute { value, .. } => go(value, true),
        ExprKind::Subscript { value, index } => go(value, true).or_else(|| {
            index.iter().find_map(|i| match i {
                IndexExpr::Expr(x) => go(x, true),
                IndexExpr::Slice { lower, upper, step, .. } => [lower, upper, step].into_iter().flatten().find_map(|x| go(x, true)),
            })
        }),
        ExprKind::Call { func, args, keywords } => {
            let reading = match &func.kind {
                ExprKind::Name(f) => READING_BUILTINS.contains(&f.as_str()),
                ExprKind::Attribute { .. } => root_name(func).is_some_and(|r| modules.contains(r)),
                _ => false,
            };
            go(func, true).or_else(|| all(args, reading)).or_else(|| keywords.iter().find_map(|k| go(&k.value, reading)))
        }
        ExprKind::Starred(x) => go(x, false),
        ExprKind::Tuple(xs) | ExprKind::List(xs) => all(xs, false),
        ExprKind::Dict(pairs) => pairs.iter().find_map(|(k, v)| go(k, false).or_else(|| go(v, false))),
        ExprKind::FString(parts) => parts.iter().find_map(|p| match p {
            ast::FPart::Value { value, .. } => go(value, true),
            ast::FPart::Literal(_) => None,
        }),
        ExprKind::ListComp { elt, iter, ifs, .. } => go(elt, false).or_else(|| go(iter, true)).or_else(|| all(ifs, true)),
        ExprKind::Generator(x) => go(x, safe),
        ExprKind::Lambda { body, .. } => {
            let mut any = false;
            super::effects::visit_expr(body, &mut |x| any |= matches!(&x.kind, ExprKind::Name(m) if m == n));
            any.then_some(e.span)
        }
        ExprKind::Int(_)
        | ExprKind::Float(_)
        | ExprKind::Imaginary(_)
        | ExprKind::Bool(_)
        | ExprKind::Str(_)
        | ExprKind::NoneLit
        | ExprKind::Ellipsis
        | ExprKind::Unsupported { .. } => None,
    }
}
