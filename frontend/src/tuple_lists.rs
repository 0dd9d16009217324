//! Lists of tuples built at run time, as one list per field.
//!
//! A runtime list holds items of one scalar or array type (`lower/lists.rs`). A variable
//! the body makes empty and appends tuple displays of one length to
//! (`layers = []; layers.append((W, b))`) becomes one list per field (`layers.0`,
//! `layers.1`), before the lowering, where every use of it is one that reads the fields:
//!
//! - `xs = []` makes each field's list empty;
//! - `xs.append((a, b))` appends each item to its field's list, the items evaluated first
//!   (they may not mention `xs`);
//! - `for a, b in xs:` and comprehensions over it loop over the fields zipped;
//! - `xs[i][j]` (a constant `j`) reads field `j`'s list; `xs[i]` the tuple of the fields'
//!   items (`i` a name or constant, read once per field);
//! - `len(xs)`, and `xs` as the test of `if`/`while`, read the first field's list;
//! - `xs` as an argument of `print` or `str` is Python's text of it, made from the fields
//!   (`"[" + ", ".join([f"({a!r}, {b!r})" for a, b in zip(...)]) + "]"`).
//!
//! Any other use (printing it, passing or returning it, `for t in xs`) leaves the variable
//! as it is, for the lowering's own error.

use crate::ast::{Expr, ExprKind, FPart, IndexExpr, Keyword, Stmt, StmtKind};

/// Splits the lists of tuples of the module body and of each function's body.
pub fn split_module(body: Vec<Stmt>) -> Vec<Stmt> {
    // Names a function reads stay whole at module level (they would read the old name).
    let mut in_functions = Vec::new();
    for s in &body {
        if let StmtKind::FunctionDef(def) = &s.kind {
            collect_names(&def.body, &mut in_functions);
            for p in &def.params {
                if let Some(d) = &p.default {
                    collect_expr_names(d, &mut in_functions);
                }
            }
        }
    }
    let body: Vec<Stmt> = body
        .into_iter()
        .map(|s| match s.kind {
            StmtKind::FunctionDef(mut def) => {
                // A parameter holds the caller's list, which stays whole.
                let params: Vec<String> = def.params.iter().map(|p| p.name.clone()).collect();
                def.body = split_scope(def.body, &params);
                Stmt { kind: StmtKind::FunctionDef(def), span: s.span }
            }
            kind => Stmt { kind, span: s.span },
        })
        .collect();
    split_scope(body, &in_functions)
}

/// Splits every candidate of one scope's body that `keep` does not name.
fn split_scope(mut body: Vec<Stmt>, keep: &[String]) -> Vec<Stmt> {
    let mut candidates = Vec::new();
    find_appends(&body, &mut candidates);
    for (name, arity) in candidates {
        if keep.contains(&name) {
            continue;
        }
        // Only a list the scope makes itself (`xs = []`).
        if !assigns_empty(&body, &name) {
            continue;
        }
        let split = Split { name: name.clone(), arity };
        if let Some(new) = split.stmts(&body) {
            body = new;
        }
    }
    body
}

/// `NAME.append((a, b, ...))` statements of the body (nested blocks included; not inside
/// function definitions): each name with the length of its first tuple, once.
fn find_appends(body: &[Stmt], out: &mut Vec<(String, usize)>) {
    for s in body {
        match &s.kind {
            StmtKind::Expr(Expr { kind: ExprKind::Call { func, args, keywords }, .. }) if keywords.is_empty() => {
                if let (ExprKind::Attribute { value, attr }, [Expr { kind: ExprKind::Tuple(items), .. }]) = (&func.kind, args.as_slice()) {
                    if let ExprKind::Name(n) = &value.kind {
                        if attr == "append" && items.len() >= 2 && !out.iter().any(|(m, _)| m == n) {
                            out.push((n.clone(), items.len()));
                        }
                    }
                }
            }
            StmtKind::If { body, orelse, .. } | StmtKind::For { body, orelse, .. } | StmtKind::While { body, orelse, .. } => {
                find_appends(body, out);
                find_appends(orelse, out);
            }
            _ => {}
        }
    }
}

/// Whether the body (nested blocks included) has `name = []`.
fn assigns_empty(body: &[Stmt], name: &str) -> bool {
    body.iter().any(|s| match &s.kind {
        StmtKind::Assign { targets, value } => {
            matches!(&value.kind, ExprKind::List(items) if items.is_empty()) && targets.iter().any(|t| matches!(&t.kind, ExprKind::Name(n) if n == name))
        }
        StmtKind::If { body, orelse, .. } | StmtKind::For { body, orelse, .. } | StmtKind::While { body, orelse, .. } => {
            assigns_empty(body, name) || assigns_empty(orelse, name)
        }
        _ => false,
    })
}

/// Every name read or assigned in a body (function definitions included).
fn collect_names(body: &[Stmt], out: &mut Vec<String>) {
    for s in body {
        let mut exprs: Vec<&Expr> = Vec::new();
        match &s.kind {
            StmtKind::Expr(e) | StmtKind::Return(Some(e)) => exprs.push(e),
            StmtKind::Assign { targets, value } => {
                exprs.extend(targets);
                exprs.push(value);
            }
            StmtKind::AugAssign { target, value, .. } => exprs.extend([target, value]),
            StmtKind::If { test, body, orelse } | StmtKind::While { test, body, orelse } => {
                exprs.push(test);
                collect_names(body, out);
                collect_names(orelse, out);
            }
            StmtKind::For { target, iter, body, orelse } => {
                exprs.extend([target, iter]);
                collect_names(body, out);
                collect_names(orelse, out);
            }
            StmtKind::Delete(targets) => exprs.extend(targets),
            StmtKind::FunctionDef(def) => collect_names(&def.body, out),
            _ => {}
        }
        for e in exprs {
            collect_expr_names(e, out);
        }
    }
}

fn collect_expr_names(e: &Expr, out: &mut Vec<String>) {
    let mut names = Vec::new();
    let _ = map_expr(e, &mut |x| {
        if let ExprKind::Name(n) = &x.kind {
            names.push(n.clone());
        }
        None
    });
    out.extend(names);
}

/// One list of tuples being split.
struct Split {
    name: String,
    arity: usize,
}

impl Split {
    fn field(&self, j: usize, span: ir::Span) -> Expr {
        Expr { kind: ExprKind::Name(format!("{}.{j}", self.name)), span }
    }

    fn is_it(&self, e: &Expr) -> bool {
        matches!(&e.kind, ExprKind::Name(n) if *n == self.name)
    }

    fn mentions(&self, e: &Expr) -> bool {
        let mut found = false;
        let _ = map_expr(e, &mut |x| {
            found |= self.is_it(x);
            None
        });
        found
    }

    /// The body with the list split, or `None` where a use of it is not one this pass
    /// rewrites.
    fn stmts(&self, body: &[Stmt]) -> Option<Vec<Stmt>> {
        let mut out = Vec::with_capacity(body.len());
        for s in body {
            let span = s.span;
            let kind = match &s.kind {
                // `xs = []`: each field's list.
                StmtKind::Assign { targets, value } if targets.len() == 1 && self.is_it(&targets[0]) => {
                    if !matches!(&value.kind, ExprKind::List(items) if items.is_empty()) {
                        return None;
                    }
                    for j in 0..self.arity {
                        out.push(Stmt { kind: StmtKind::Assign { targets: vec![self.field(j, targets[0].span)], value: value.clone() }, span });
                    }
                    continue;
                }
                // `xs.append((a, b))`: the items first, then each appended to its field's list.
                StmtKind::Expr(Expr { kind: ExprKind::Call { func, args, keywords }, .. })
                    if matches!(&func.kind, ExprKind::Attribute { value, .. } if self.is_it(value)) =>
                {
                    let ExprKind::Attribute { attr, .. } = &func.kind else { unreachable!("matched") };
                    let [Expr { kind: ExprKind::Tuple(items), span: tspan }] = args.as_slice() else { return None };
                    if attr != "append" || !keywords.is_empty() || items.len() != self.arity || items.iter().any(|i| self.mentions(i)) {
                        return None;
                    }
                    // Items that are not plain names or constants are held first, so all
                    // are evaluated before any list grows (as the tuple is in Python).
                    let mut held = Vec::new();
                    for (j, item) in items.iter().enumerate() {
                        let v = self.expr(item)?;
                        if matches!(v.kind, ExprKind::Name(_) | ExprKind::Int(_) | ExprKind::Float(_) | ExprKind::Bool(_)) {
                            held.push(v);
                        } else {
                            let tmp = Expr { kind: ExprKind::Name(format!("{}.item{j}", self.name)), span: v.span };
                            out.push(Stmt { kind: StmtKind::Assign { targets: vec![tmp.clone()], value: v }, span });
                            held.push(tmp);
                        }
                    }
                    for (j, v) in held.into_iter().enumerate() {
                        let append = Expr {
                            kind: ExprKind::Attribute { value: Box::new(self.field(j, *tspan)), attr: "append".into() },
                            span: func.span,
                        };
                        out.push(Stmt { kind: StmtKind::Expr(Expr { kind: ExprKind::Call { func: Box::new(append), args: vec![v], keywords: vec![] }, span }), span });
                    }
                    continue;
                }
                StmtKind::Expr(e) => StmtKind::Expr(self.expr(e)?),
                StmtKind::Return(Some(e)) => StmtKind::Return(Some(self.expr(e)?)),
                StmtKind::Assign { targets, value } => {
                    let targets = targets.iter().map(|t| self.expr(t)).collect::<Option<Vec<_>>>()?;
                    StmtKind::Assign { targets, value: self.expr(value)? }
                }
                StmtKind::AugAssign { target, op, value } => StmtKind::AugAssign { target: self.expr(target)?, op: *op, value: self.expr(value)? },
                StmtKind::If { test, body, orelse } => StmtKind::If { test: self.test(test)?, body: self.stmts(body)?, orelse: self.stmts(orelse)? },
                StmtKind::While { test, body, orelse } => StmtKind::While { test: self.test(test)?, body: self.stmts(body)?, orelse: self.stmts(orelse)? },
                StmtKind::For { target, iter, body, orelse } => {
                    StmtKind::For { target: self.expr(target)?, iter: self.iter(target, iter)?, body: self.stmts(body)?, orelse: self.stmts(orelse)? }
                }
                StmtKind::Delete(targets) => StmtKind::Delete(targets.iter().map(|t| self.expr(t)).collect::<Option<Vec<_>>>()?),
                StmtKind::FunctionDef(def) => {
                    let mut names = Vec::new();
                    collect_names(&def.body, &mut names);
                    if names.contains(&self.name) {
                        return None;
                    }
                    s.kind.clone()
                }
                other => other.clone(),
            };
            out.push(Stmt { kind, span });
        }
        Some(out)
    }

    /// Python's text of the list: `[(a0, b0), (a1, b1)]`, each item's fields by `repr`.
    fn text(&self, span: ir::Span) -> Expr {
        let e = |kind: ExprKind| Expr { kind, span };
        let names: Vec<String> = (0..self.arity).map(|j| format!("{}.text{j}", self.name)).collect();
        let mut parts = vec![FPart::Literal("(".into())];
        for (j, n) in names.iter().enumerate() {
            if j > 0 {
                parts.push(FPart::Literal(", ".into()));
            }
            parts.push(FPart::Value { value: e(ExprKind::Name(n.clone())), conversion: Some('r'), spec: String::new() });
        }
        parts.push(FPart::Literal(")".into()));
        let target = e(ExprKind::Tuple(names.iter().map(|n| e(ExprKind::Name(n.clone()))).collect()));
        let zip = e(ExprKind::Call { func: Box::new(e(ExprKind::Name("zip".into()))), args: (0..self.arity).map(|j| self.field(j, span)).collect(), keywords: vec![] });
        let items = e(ExprKind::ListComp { elt: Box::new(e(ExprKind::FString(parts))), target: Box::new(target), iter: Box::new(zip), ifs: vec![], flat: false });
        let join = e(ExprKind::Call {
            func: Box::new(e(ExprKind::Attribute { value: Box::new(e(ExprKind::Str(", ".into()))), attr: "join".into() })),
            args: vec![items],
            keywords: vec![],
        });
        let open = e(ExprKind::BinOp { op: crate::ast::BinOp::Add, left: Box::new(e(ExprKind::Str("[".into()))), right: Box::new(join) });
        e(ExprKind::BinOp { op: crate::ast::BinOp::Add, left: Box::new(open), right: Box::new(e(ExprKind::Str("]".into()))) })
    }

    /// The test of an `if`/`while`: the list itself is true where its first field's is.
    fn test(&self, e: &Expr) -> Option<Expr> {
        if self.is_it(e) {
            return Some(self.field(0, e.span));
        }
        self.expr(e)
    }

    /// What a loop over `target` runs over: the fields zipped, for a target of one name
    /// per field.
    fn iter(&self, target: &Expr, iter: &Expr) -> Option<Expr> {
        if !self.is_it(iter) {
            return self.expr(iter);
        }
        if !matches!(&target.kind, ExprKind::Tuple(items) if items.len() == self.arity) {
            return None;
        }
        let zip = Expr { kind: ExprKind::Name("zip".into()), span: iter.span };
        Some(Expr { kind: ExprKind::Call { func: Box::new(zip), args: (0..self.arity).map(|j| self.field(j, iter.span)).collect(), keywords: vec![] }, span: iter.span })
    }

    /// An expression with the list's uses rewritten; `None` for a use this pass does not
    /// rewrite.
    fn expr(&self, e: &Expr) -> Option<Expr> {
        let mut refused = false;
        let out = map_expr(e, &mut |x| {
            let rewritten = match &x.kind {
                // `len(xs)`.
                ExprKind::Call { func, args, keywords } if keywords.is_empty() && matches!(&func.kind, ExprKind::Name(n) if n == "len") && args.len() == 1 && self.is_it(&args[0]) => {
                    Some(Expr { kind: ExprKind::Call { func: func.clone(), args: vec![self.field(0, args[0].span)], keywords: vec![] }, span: x.span })
                }
                // `print(..., xs, ...)`, `str(xs)`: its text.
                ExprKind::Call { func, args, keywords } if matches!(&func.kind, ExprKind::Name(n) if n == "print" || n == "str") && args.iter().any(|a| self.is_it(a)) => {
                    let mut new_args = Vec::new();
                    for a in args {
                        if self.is_it(a) {
                            new_args.push(self.text(a.span));
                        } else {
                            match self.expr(a) {
                                Some(a) => new_args.push(a),
                                None => return Some(refuse(&mut refused, x)),
                            }
                        }
                    }
                    let mut new_keywords = Vec::new();
                    for k in keywords {
                        match self.expr(&k.value) {
                            Some(v) => new_keywords.push(Keyword { name: k.name.clone(), value: v, span: k.span }),
                            None => return Some(refuse(&mut refused, x)),
                        }
                    }
                    Some(Expr { kind: ExprKind::Call { func: func.clone(), args: new_args, keywords: new_keywords }, span: x.span })
                }
                // `xs[i][j]`: field `j`'s item.
                ExprKind::Subscript { value, index } if index.len() == 1 => match (&value.kind, &index[0]) {
                    (ExprKind::Subscript { value: inner, index: outer }, IndexExpr::Expr(j)) if self.is_it(inner) && outer.len() == 1 => {
                        let j = match j.kind {
                            ExprKind::Int(j) => j,
                            ExprKind::UnaryOp { op: crate::ast::UnaryOp::Neg, ref operand } => match operand.kind {
                                ExprKind::Int(j) => -j,
                                _ => return Some(refuse(&mut refused, x)),
                            },
                            _ => return Some(refuse(&mut refused, x)),
                        };
                        let j = if j < 0 { j + self.arity as i64 } else { j };
                        if !(0..self.arity as i64).contains(&j) {
                            return Some(refuse(&mut refused, x));
                        }
                        let IndexExpr::Expr(i) = &outer[0] else { return Some(refuse(&mut refused, x)) };
                        let i = match self.expr(i) {
                            Some(i) => i,
                            None => return Some(refuse(&mut refused, x)),
                        };
                        Some(Expr { kind: ExprKind::Subscript { value: Box::new(self.field(j as usize, inner.span)), index: vec![IndexExpr::Expr(i)] }, span: x.span })
                    }
                    // `xs[i]`: the tuple of the fields' items (`i` read once per field).
                    (_, IndexExpr::Expr(i)) if self.is_it(value) && simple(i) => {
                        let items = (0..self.arity)
                            .map(|j| Expr { kind: ExprKind::Subscript { value: Box::new(self.field(j, value.span)), index: vec![IndexExpr::Expr(i.clone())] }, span: x.span })
                            .collect();
                        Some(Expr { kind: ExprKind::Tuple(items), span: x.span })
                    }
                    _ => None,
                },
                // A comprehension over the list: over its fields zipped.
                ExprKind::ListComp { elt, target, iter, ifs, flat } if self.is_it(iter) => match self.iter(target, iter) {
                    Some(zipped) => Some(Expr {
                        kind: ExprKind::ListComp { elt: elt.clone(), target: target.clone(), iter: Box::new(zipped), ifs: ifs.clone(), flat: *flat },
                        span: x.span,
                    }),
                    None => Some(refuse(&mut refused, x)),
                },
                _ if self.is_it(x) => Some(refuse(&mut refused, x)),
                _ => None,
            };
            // A rewritten node's parts are rewritten too (`xs[i][j]` inside `xs[k]`...).
            rewritten.map(|r| if refused { r } else { self.expr_parts(r, &mut refused) })
        });
        (!refused).then_some(out)
    }

    /// The parts of an already rewritten node (which no longer holds the list itself).
    fn expr_parts(&self, e: Expr, refused: &mut bool) -> Expr {
        match e.kind {
            ExprKind::ListComp { elt, target, iter, ifs, flat } => {
                let mut part = |x: &Expr| match self.expr(x) {
                    Some(x) => x,
                    None => {
                        *refused = true;
                        x.clone()
                    }
                };
                let elt = Box::new(part(&elt));
                let ifs = ifs.iter().map(&mut part).collect();
                ExprKind::ListComp { elt, target, iter, ifs, flat }.with(e.span)
            }
            kind => kind.with(e.span),
        }
    }
}

fn refuse(refused: &mut bool, x: &Expr) -> Expr {
    *refused = true;
    x.clone()
}

/// A name or a constant: read again without a difference.
fn simple(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Name(_) | ExprKind::Int(_) => true,
        ExprKind::UnaryOp { operand, .. } => simple(operand),
        ExprKind::BinOp { left, right, .. } => simple(left) && simple(right),
        _ => false,
    }
}

trait With {
    fn with(self, span: ir::Span) -> Expr;
}

impl With for ExprKind {
    fn with(self, span: ir::Span) -> Expr {
        Expr { kind: self, span }
    }
}

/// Rebuilds `e` bottom-up... top-down: `f` may replace a node (its result is used as it
/// is); otherwise the node is rebuilt from its rewritten parts.
fn map_expr(e: &Expr, f: &mut dyn FnMut(&Expr) -> Option<Expr>) -> Expr {
    if let Some(r) = f(e) {
        return r;
    }
    let mut m = |x: &Expr| map_expr(x, f);
    let kind = match &e.kind {
        ExprKind::BinOp { op, left, right } => ExprKind::BinOp { op: *op, left: Box::new(m(left)), right: Box::new(m(right)) },
        ExprKind::UnaryOp { op, operand } => ExprKind::UnaryOp { op: *op, operand: Box::new(m(operand)) },
        ExprKind::BoolOp { op, values } => ExprKind::BoolOp { op: *op, values: values.iter().map(&mut m).collect() },
        ExprKind::Compare { left, ops, comparators } => ExprKind::Compare { left: Box::new(m(left)), ops: ops.clone(), comparators: comparators.iter().map(&mut m).collect() },
        ExprKind::Call { func, args, keywords } => ExprKind::Call {
            func: Box::new(m(func)),
            args: args.iter().map(&mut m).collect(),
            keywords: keywords.iter().map(|k| Keyword { name: k.name.clone(), value: m(&k.value), span: k.span }).collect(),
        },
        ExprKind::Starred(x) => ExprKind::Starred(Box::new(m(x))),
        ExprKind::Attribute { value, attr } => ExprKind::Attribute { value: Box::new(m(value)), attr: attr.clone() },
        ExprKind::Subscript { value, index } => ExprKind::Subscript {
            value: Box::new(m(value)),
            index: index
                .iter()
                .map(|i| match i {
                    IndexExpr::Expr(x) => IndexExpr::Expr(m(x)),
                    IndexExpr::Slice { lower, upper, step, span } => {
                        IndexExpr::Slice { lower: lower.as_ref().map(&mut m), upper: upper.as_ref().map(&mut m), step: step.as_ref().map(&mut m), span: *span }
                    }
                })
                .collect(),
        },
        ExprKind::Tuple(items) => ExprKind::Tuple(items.iter().map(&mut m).collect()),
        ExprKind::List(items) => ExprKind::List(items.iter().map(&mut m).collect()),
        ExprKind::Dict(items) => ExprKind::Dict(items.iter().map(|(k, v)| (m(k), m(v))).collect()),
        ExprKind::IfExp { test, body, orelse } => ExprKind::IfExp { test: Box::new(m(test)), body: Box::new(m(body)), orelse: Box::new(m(orelse)) },
        ExprKind::FString(parts) => ExprKind::FString(
            parts
                .iter()
                .map(|p| match p {
                    FPart::Value { value, conversion, spec } => FPart::Value { value: m(value), conversion: *conversion, spec: spec.clone() },
                    lit => lit.clone(),
                })
                .collect(),
        ),
        ExprKind::ListComp { elt, target, iter, ifs, flat } => {
            ExprKind::ListComp { elt: Box::new(m(elt)), target: Box::new(m(target)), iter: Box::new(m(iter)), ifs: ifs.iter().map(&mut m).collect(), flat: *flat }
        }
        ExprKind::Generator(x) => ExprKind::Generator(Box::new(m(x))),
        ExprKind::Lambda { params, body } => ExprKind::Lambda { params: params.clone(), body: std::rc::Rc::new(m(body)) },
        other => other.clone(),
    };
    Expr { kind, span: e.span }
}
