//! Nested functions, lifted to module level before the lowering (lambda lifting).
//!
//! A `def g` inside a function `f` becomes the module-level function `f.<locals>.g` whose
//! parameters are `g`'s own followed by one keyword-only parameter per *free name* of `g`:
//! a name `g` reads (itself or through the functions nested in it) that is a local of `f`
//! (a parameter, a name `f` assigns, another function nested in `f`). The `def` statement
//! leaves `f`, and every read of `g` in `f` becomes `__legatec_closure("f.<locals>.g", a,
//! b, ...)` (with whether it may be held, `Nested::stable`): the function and the values
//! its free names have where `g` is read. A call
//! passes them to those parameters, so `g` sees `f`'s variables as they are when it is
//! called or handed on, which is what Python's cells give while `f` runs (`g` cannot
//! assign them: `nonlocal` is refused). A nested function reading none of `f`'s names is
//! a plain function. What is refused stays in place as an `Unsupported` statement: a
//! nested function whose name `f` also assigns or defines twice, or whose defaults read
//! variables (Python evaluates them once, where the `def` runs).

use std::collections::{HashMap, HashSet};

use crate::ast::*;
use ir::Span;

pub use crate::syntax::CLOSURE;

/// Lifts the functions nested in the module's functions (also those defined inside
/// module-level `if`, `for` and `while` blocks). Each lifted function comes before the
/// function it was nested in.
pub fn lift_module(body: Vec<Stmt>) -> Vec<Stmt> {
    let mut out = Vec::with_capacity(body.len());
    for s in body {
        let span = s.span;
        match s.kind {
            StmtKind::FunctionDef(def) => {
                let qual = def.name.clone();
                let mut lifted = Vec::new();
                let def = lift_in(def, &qual, &mut lifted);
                out.extend(lifted);
                out.push(Stmt { kind: StmtKind::FunctionDef(def), span });
            }
            StmtKind::If { test, body, orelse } => {
                out.push(Stmt { kind: StmtKind::If { test, body: lift_module(body), orelse: lift_module(orelse) }, span })
            }
            StmtKind::For { target, iter, body, orelse } => {
                out.push(Stmt { kind: StmtKind::For { target, iter, body: lift_module(body), orelse: lift_module(orelse) }, span })
            }
            StmtKind::While { test, body, orelse } => {
                out.push(Stmt { kind: StmtKind::While { test, body: lift_module(body), orelse: lift_module(orelse) }, span })
            }
            kind => out.push(Stmt { kind, span }),
        }
    }
    out
}

/// A nested function of the scope being rewritten: its lifted name and free names.
struct Nested {
    lifted: String,
    free: Vec<String>,
    /// Whether every free name keeps one value while the enclosing function runs (a
    /// parameter it never assigns, a name it assigns once outside any block, a nested
    /// function of such names): only then may the closure be held under another name or
    /// in a container, whose copy of the values would not see a later assignment.
    stable: bool,
}

/// `f` with its nested functions lifted into `lifted` (theirs first).
fn lift_in(mut f: FunctionDef, qual: &str, lifted: &mut Vec<Stmt>) -> FunctionDef {
    let mut defs = Vec::new();
    nested_defs(&f.body, &mut defs);
    if defs.is_empty() {
        return f;
    }
    let mut f_locals: HashSet<String> = f.params.iter().map(|p| p.name.clone()).collect();
    crate::lower::collect_assigned(&f.body, &mut f_locals);
    // Names `f` assigns other than by a `def` (a nested function's name must not be one).
    let mut assigned_otherwise = f.params.iter().map(|p| p.name.clone()).collect::<HashSet<_>>();
    assigned_by_statements(&f.body, &mut assigned_otherwise);
    let mut count: HashMap<String, usize> = HashMap::new();
    for d in &defs {
        *count.entry(d.name.clone()).or_default() += 1;
    }
    let mut nested: HashMap<String, Nested> = HashMap::new();
    let mut refused: HashMap<(u32, u32), (&'static str, &'static str)> = HashMap::new();
    for d in &defs {
        let key = (d.span.start as u32, d.span.end as u32);
        if count[&d.name] > 1 || assigned_otherwise.contains(&d.name) {
            refused.insert(key, ("nested functions whose name the enclosing function also assigns or defines twice", "give each nested function a name of its own"));
            continue;
        }
        if d.params.iter().filter_map(|p| p.default.as_ref()).any(reads_a_name) {
            refused.insert(key, ("defaults that read variables in nested functions", "Python evaluates them where the `def` runs; pass the value as an argument, or define the function at module level"));
            continue;
        }
        let mut free: Vec<String> = free_reads(d).into_iter().filter(|n| f_locals.contains(n) && *n != d.name).collect();
        free.sort();
        nested.insert(d.name.clone(), Nested { lifted: format!("{qual}.<locals>.{}", d.name), free, stable: false });
    }
    // Stability: names assigned once at the top level of `f` (or parameters it never
    // assigns), and nested functions whose free names are all stable.
    let mut once: HashMap<String, usize> = HashMap::new();
    for s in &f.body {
        let mut names = HashSet::new();
        match &s.kind {
            StmtKind::Assign { .. } | StmtKind::AugAssign { .. } | StmtKind::Import(_) | StmtKind::ImportFrom { .. } => crate::lower::collect_assigned(std::slice::from_ref(s), &mut names),
            _ => {}
        }
        for n in names {
            *once.entry(n).or_default() += 1;
        }
    }
    let mut anywhere: HashSet<String> = HashSet::new();
    assigned_by_statements(&f.body, &mut anywhere);
    let plain_stable = |n: &str| {
        let param = f.params.iter().any(|p| p.name == n);
        (param && !anywhere.contains(n)) || (!param && once.get(n) == Some(&1) && count_in_blocks(&f.body, n) == 0)
    };
    loop {
        let mut changed = false;
        let names: Vec<String> = nested.keys().cloned().collect();
        for name in names {
            if nested[&name].stable {
                continue;
            }
            let ok = nested[&name].free.iter().all(|n| match nested.get(n) {
                Some(other) => other.stable,
                None => plain_stable(n),
            });
            if ok {
                nested.get_mut(&name).expect("nested").stable = true;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    // Lift each accepted nested function: its hidden parameters, its reads of itself as its
    // closure, then the functions nested in it.
    for d in &defs {
        let Some(n) = nested.get(&d.name) else { continue };
        let mut g = d.clone();
        let own = HashMap::from([(d.name.clone(), Nested { lifted: n.lifted.clone(), free: n.free.clone(), stable: n.stable })]);
        g.body = rewrite_stmts(&g.body, &own, &HashMap::new());
        for name in &n.free {
            g.params.push(Param { name: name.clone(), default: None, span: d.span, kind: ParamKind::KeywordOnly });
        }
        g.name = n.lifted.clone();
        let g = lift_in(g, &n.lifted, lifted);
        lifted.push(Stmt { kind: StmtKind::FunctionDef(g), span: d.span });
    }
    f.body = rewrite_stmts(&f.body, &nested, &refused);
    f
}

/// The functions defined in `body` (inside its blocks too, not inside other functions).
fn nested_defs(body: &[Stmt], out: &mut Vec<FunctionDef>) {
    for s in body {
        match &s.kind {
            StmtKind::FunctionDef(d) => out.push(d.clone()),
            StmtKind::If { body, orelse, .. } | StmtKind::For { body, orelse, .. } | StmtKind::While { body, orelse, .. } => {
                nested_defs(body, out);
                nested_defs(orelse, out);
            }
            _ => {}
        }
    }
}

/// How many statements inside the blocks of `body` (not at its top level) assign `name`.
fn count_in_blocks(body: &[Stmt], name: &str) -> usize {
    let mut n = 0;
    for s in body {
        match &s.kind {
            StmtKind::If { body, orelse, .. } | StmtKind::While { body, orelse, .. } | StmtKind::For { body, orelse, .. } => {
                let mut names = HashSet::new();
                assigned_by_statements(body, &mut names);
                assigned_by_statements(orelse, &mut names);
                if let StmtKind::For { target, .. } = &s.kind {
                    target_names(target, &mut names);
                }
                n += usize::from(names.contains(name));
            }
            _ => {}
        }
    }
    n
}

/// The names `body` binds by assignments, loops and imports (not by `def`).
fn assigned_by_statements(body: &[Stmt], out: &mut HashSet<String>) {
    for s in body {
        match &s.kind {
            StmtKind::FunctionDef(_) => {}
            StmtKind::If { body, orelse, .. } | StmtKind::While { body, orelse, .. } => {
                assigned_by_statements(body, out);
                assigned_by_statements(orelse, out);
            }
            StmtKind::For { target, body, orelse, .. } => {
                target_names(target, out);
                assigned_by_statements(body, out);
                assigned_by_statements(orelse, out);
            }
            _ => crate::lower::collect_assigned(std::slice::from_ref(s), out),
        }
    }
}

/// Whether an expression reads a variable (a default that is not a constant).
fn reads_a_name(e: &Expr) -> bool {
    let mut names = HashSet::new();
    expr_reads(e, &HashSet::new(), &mut names);
    !names.is_empty()
}

/// The names function `d` reads that it does not bind itself (its parameters and the
/// names it assigns), including those the functions nested in it read from it.
fn free_reads(d: &FunctionDef) -> HashSet<String> {
    let mut locals: HashSet<String> = d.params.iter().map(|p| p.name.clone()).collect();
    crate::lower::collect_assigned(&d.body, &mut locals);
    let mut reads = HashSet::new();
    stmts_reads(&d.body, &mut reads);
    reads.retain(|n| !locals.contains(n));
    reads
}

fn stmts_reads(body: &[Stmt], out: &mut HashSet<String>) {
    let none = HashSet::new();
    for s in body {
        match &s.kind {
            StmtKind::Expr(e) | StmtKind::Return(Some(e)) => expr_reads(e, &none, out),
            StmtKind::Assign { targets, value } => {
                targets.iter().for_each(|t| target_reads(t, out));
                expr_reads(value, &none, out);
            }
            StmtKind::AugAssign { target, value, .. } => {
                expr_reads(target, &none, out);
                expr_reads(value, &none, out);
            }
            StmtKind::If { test, body, orelse } | StmtKind::While { test, body, orelse } => {
                expr_reads(test, &none, out);
                stmts_reads(body, out);
                stmts_reads(orelse, out);
            }
            StmtKind::For { target, iter, body, orelse } => {
                target_reads(target, out);
                expr_reads(iter, &none, out);
                stmts_reads(body, out);
                stmts_reads(orelse, out);
            }
            StmtKind::Delete(targets) => targets.iter().for_each(|t| expr_reads(t, &none, out)),
            StmtKind::FunctionDef(inner) => {
                out.extend(free_reads(inner));
                for p in &inner.params {
                    if let Some(d) = &p.default {
                        expr_reads(d, &none, out);
                    }
                }
            }
            _ => {}
        }
    }
}

/// The reads inside an assignment target (`a[i] = ...` reads `a` and `i`; a name alone
/// is bound, not read).
fn target_reads(t: &Expr, out: &mut HashSet<String>) {
    match &t.kind {
        ExprKind::Name(_) => {}
        ExprKind::Tuple(items) | ExprKind::List(items) => items.iter().for_each(|i| target_reads(i, out)),
        ExprKind::Starred(inner) => target_reads(inner, out),
        _ => expr_reads(t, &HashSet::new(), out),
    }
}

/// The names `e` reads, but those `bound` (a lambda's parameters, a comprehension's
/// targets) at that point.
fn expr_reads(e: &Expr, bound: &HashSet<String>, out: &mut HashSet<String>) {
    let mut visit = |x: &Expr| expr_reads(x, bound, out);
    match &e.kind {
        ExprKind::Name(n) => {
            if !bound.contains(n) {
                out.insert(n.clone());
            }
        }
        ExprKind::Lambda { params, body } => {
            let mut inner = bound.clone();
            inner.extend(params.iter().cloned());
            expr_reads(body, &inner, out);
        }
        ExprKind::ListComp { elt, target, iter, ifs, .. } => {
            visit(iter);
            let mut inner = bound.clone();
            target_names(target, &mut inner);
            expr_reads(elt, &inner, out);
            ifs.iter().for_each(|c| expr_reads(c, &inner, out));
        }
        ExprKind::BinOp { left, right, .. } => {
            visit(left);
            visit(right);
        }
        ExprKind::UnaryOp { operand, .. } => visit(operand),
        ExprKind::BoolOp { values, .. } | ExprKind::Tuple(values) | ExprKind::List(values) => values.iter().for_each(visit),
        ExprKind::Compare { left, comparators, .. } => {
            visit(left);
            comparators.iter().for_each(visit);
        }
        ExprKind::Call { func, args, keywords } => {
            visit(func);
            args.iter().for_each(&mut visit);
            keywords.iter().for_each(|k| visit(&k.value));
        }
        ExprKind::Attribute { value, .. } | ExprKind::Starred(value) | ExprKind::Generator(value) => visit(value),
        ExprKind::Subscript { value, index } => {
            visit(value);
            for i in index {
                match i {
                    IndexExpr::Expr(x) => visit(x),
                    IndexExpr::Slice { lower, upper, step, .. } => [lower, upper, step].into_iter().flatten().for_each(&mut visit),
                }
            }
        }
        ExprKind::Dict(items) => {
            for (k, v) in items {
                visit(k);
                visit(v);
            }
        }
        ExprKind::IfExp { test, body, orelse } => {
            visit(test);
            visit(body);
            visit(orelse);
        }
        ExprKind::FString(parts) => {
            for p in parts {
                if let FPart::Value { value, .. } = p {
                    visit(value);
                }
            }
        }
        ExprKind::Int(_) | ExprKind::Float(_) | ExprKind::Imaginary(_) | ExprKind::Bool(_) | ExprKind::Str(_) | ExprKind::NoneLit | ExprKind::Ellipsis | ExprKind::Unsupported { .. } => {}
    }
}

/// The closure expression of nested function `name` read at `span`: its lifted name and
/// the values of its free names, a free name that is itself a nested function of the same
/// scope its own closure (`visiting` catches functions that read each other).
fn closure_expr(name: &str, nested: &HashMap<String, Nested>, span: Span, visiting: &mut Vec<String>) -> Expr {
    let n = &nested[name];
    if visiting.iter().any(|v| v == name) {
        return Expr { kind: ExprKind::Unsupported { what: "nested functions that read each other (recursion)", hint: "rewrite the recursion as a loop" }, span };
    }
    visiting.push(name.to_string());
    let mut args = vec![Expr { kind: ExprKind::Str(n.lifted.clone()), span }, Expr { kind: ExprKind::Bool(n.stable), span }];
    for free in &n.free {
        let arg = if nested.contains_key(free) { closure_expr(free, nested, span, visiting) } else { Expr { kind: ExprKind::Name(free.clone()), span } };
        args.push(arg);
    }
    visiting.pop();
    Expr { kind: ExprKind::Call { func: Box::new(Expr { kind: ExprKind::Name(CLOSURE.to_string()), span }), args, keywords: vec![] }, span }
}

/// `body` with its nested `def`s of `nested` removed (those `refused` left as located
/// refusals) and the reads of their names made their closures.
fn rewrite_stmts(body: &[Stmt], nested: &HashMap<String, Nested>, refused: &HashMap<(u32, u32), (&'static str, &'static str)>) -> Vec<Stmt> {
    let replace = |n: &str, span: Span| nested.contains_key(n).then(|| closure_expr(n, nested, span, &mut Vec::new()));
    let x = |e: &Expr| replace_names(e, &replace);
    let target = |t: &Expr| match &t.kind {
        ExprKind::Name(_) => t.clone(),
        _ => replace_names(t, &replace),
    };
    body.iter()
        .map(|s| {
            let kind = match &s.kind {
                StmtKind::Expr(e) => StmtKind::Expr(x(e)),
                StmtKind::Assign { targets, value } => StmtKind::Assign { targets: targets.iter().map(target).collect(), value: x(value) },
                StmtKind::AugAssign { target: t, op, value } => StmtKind::AugAssign { target: target(t), op: *op, value: x(value) },
                StmtKind::If { test, body, orelse } => StmtKind::If { test: x(test), body: rewrite_stmts(body, nested, refused), orelse: rewrite_stmts(orelse, nested, refused) },
                StmtKind::While { test, body, orelse } => StmtKind::While { test: x(test), body: rewrite_stmts(body, nested, refused), orelse: rewrite_stmts(orelse, nested, refused) },
                StmtKind::For { target: t, iter, body, orelse } => {
                    StmtKind::For { target: target(t), iter: x(iter), body: rewrite_stmts(body, nested, refused), orelse: rewrite_stmts(orelse, nested, refused) }
                }
                StmtKind::Return(e) => StmtKind::Return(e.as_ref().map(x)),
                StmtKind::Delete(targets) => StmtKind::Delete(targets.iter().map(x).collect()),
                StmtKind::FunctionDef(d) => {
                    let key = (d.span.start as u32, d.span.end as u32);
                    if let Some((what, hint)) = refused.get(&key) {
                        StmtKind::Unsupported { what, hint }
                    } else if nested.contains_key(&d.name) {
                        StmtKind::Pass
                    } else {
                        // Inside a lifted function: a function nested in it, lifted with it
                        // (its reads of the enclosing function's name are rewritten too).
                        let mut inner = d.clone();
                        inner.body = rewrite_stmts(&d.body, nested, refused);
                        StmtKind::FunctionDef(inner)
                    }
                }
                other => other.clone(),
            };
            Stmt { kind, span: s.span }
        })
        .collect()
}
