//! The adapter to the third-party Python parser. This is the only module that
//! imports `rustpython_parser`; it converts its tree to ours (`ast.rs`)
//! immediately, turning constructs outside the subset into `Unsupported`
//! nodes so that the lowering reports them all with their spans.

use rustpython_parser::ast as py;
use rustpython_parser::ast::Ranged;
use rustpython_parser::text_size::TextRange;

use crate::ast::*;
use crate::diagnostics as diag;
use ir::{Diagnostic, Span};

/// How deeply statements may nest, and, separately, how deeply expressions may
/// nest within a statement, counting one level per node on the way down: a statement
/// in the body of an `if` (each `elif` of a chain is one more level), an operand of an
/// operator, an argument of a call. Deeper is a `statement-too-deep` or
/// `expression-too-deep` error.
///
/// Every stage of the compiler recurses over the tree (this adapter, the lowering and
/// its lazy expression trees, the passes, codegen). Measured on x86-64, the hungriest
/// (codegen) needs about 1.6 KiB of stack per level, so a program at both limits needs
/// about 16 MiB of the stack the `legatec` command runs the compiler on (see
/// `COMPILER_STACK_BYTES` in `cli`). CPython 3.11 stops near 3,000 levels of either
/// (`RecursionError` or `MemoryError` while compiling), so every script it runs is
/// below these limits.
pub const MAX_NESTING: usize = 5_000;

/// A module converted to our tree.
pub struct Parsed {
    pub body: Vec<Stmt>,
    /// Errors the adapter found (`expression-too-deep`, `integer-too-large`). Each
    /// left an `Unsupported` placeholder in `body`, which the lowering reports as
    /// `unsupported-syntax` when it reaches it; [`Parsed::replaces`] recognises
    /// those reports, since the adapter's error says it better.
    pub errors: Vec<Diagnostic>,
    placeholders: Vec<(usize, &'static str)>,
}

impl Parsed {
    /// Whether `d` is the lowering's report of one of the adapter's placeholders.
    pub fn replaces(&self, d: &Diagnostic) -> bool {
        d.code == "unsupported-syntax"
            && self.placeholders.iter().any(|(start, what)| d.span.start as usize == *start && d.message.starts_with(what))
    }
}

/// Parses a module. A syntax error is returned as a diagnostic.
pub fn parse_module(source: &str, path: &str) -> Result<Parsed, Diagnostic> {
    match rustpython_parser::parse(source, rustpython_parser::Mode::Module, path) {
        Ok(py::Mod::Module(m)) => {
            let mut adapter =
                Adapter { stmt_depth: 0, expr_depth: 0, too_deep_reported: false, errors: Vec::new(), placeholders: Vec::new() };
            let mut body: Vec<Stmt> = Vec::with_capacity(m.body.len());
            for s in &m.body {
                adapter.too_deep_reported = false;
                adapter.push_stmt(s, &mut body);
            }
            first_line_spans(&mut body, source);
            if adapter.errors.iter().any(|d| d.code.ends_with("-too-deep")) {
                // Dropping rustpython's tree recurses once per level, and the input is
                // deeper than any stage was meant to go: leave it to the end of the process.
                std::mem::forget(m);
            }
            Ok(Parsed { body, errors: adapter.errors, placeholders: adapter.placeholders })
        }
        Ok(_) => Err(Diagnostic::error("syntax-error", Span::new(0, 0), "expected a module")),
        Err(e) => {
            let offset = u32::from(e.offset) as usize;
            let end = (offset + 1).min(source.len()).max(offset);
            Err(Diagnostic::error("syntax-error", Span::new(offset, end), format!("invalid syntax: {}", e.error))
                .with_hint("the script must be valid Python 3"))
        }
    }
}

/// The conversion's state: how deep it is, and the errors it found.
struct Adapter {
    /// Statements around the current node.
    stmt_depth: usize,
    /// Expressions around the current node, within its statement.
    expr_depth: usize,
    /// Whether the current module-level statement already has a `*-too-deep` error
    /// (one per statement; every too-deep subtree still becomes a placeholder).
    too_deep_reported: bool,
    errors: Vec<Diagnostic>,
    placeholders: Vec<(usize, &'static str)>,
}

/// The builtin a failed `assert` calls (a name no Python program can spell the same way
/// by accident: it starts with the reserved `__legatec`).
pub const ASSERT_FAIL: &str = "__legatec_assert_fail";

/// The builtin a `raise` statement calls: the exception class's dotted name (a str
/// constant), then the arguments of its constructor.
pub const RAISE: &str = "__legatec_raise";

/// The builtin a read of a nested function lifted to module level calls (`closures.rs`):
/// the lifted function's name (a str constant), then the values of its free names in the
/// order of its hidden parameters.
pub const CLOSURE: &str = "__legatec_closure";

/// `ValueError`, `np.linalg.LinAlgError`: the dotted name an expression spells.
fn dotted_name(e: &py::Expr) -> Option<String> {
    match e {
        py::Expr::Name(n) => Some(n.id.to_string()),
        py::Expr::Attribute(a) => Some(format!("{}.{}", dotted_name(&a.value)?, a.attr)),
        _ => None,
    }
}

/// What the placeholders left for the adapter's errors say (`Unsupported::what`).
const TOO_DEEP: &str = "expressions nested this deeply";
const TOO_DEEP_STMT: &str = "statements nested this deeply";
const TOO_LARGE: &str = "integer literals beyond 64 bits";

impl Adapter {
    fn stmt(&mut self, s: &py::Stmt) -> Stmt {
        if self.stmt_depth >= MAX_NESTING {
            let r = s.range();
            self.too_deep(r, "statement-too-deep");
            return unsupported_stmt(r, TOO_DEEP_STMT, "");
        }
        // Statements are never inside expressions, so each starts at expression depth 0.
        let outer_expr_depth = std::mem::take(&mut self.expr_depth);
        self.stmt_depth += 1;
        let converted = self.convert_stmt(s);
        self.stmt_depth -= 1;
        self.expr_depth = outer_expr_depth;
        converted
    }

    fn expr(&mut self, e: &py::Expr) -> Expr {
        if self.expr_depth >= MAX_NESTING {
            let r = e.range();
            self.too_deep(r, "expression-too-deep");
            return unsupported(r, TOO_DEEP, "");
        }
        self.expr_depth += 1;
        let converted = self.convert_expr(e);
        self.expr_depth -= 1;
        converted
    }

    /// Records a placeholder for a subtree nested deeper than `MAX_NESTING`, and the
    /// module-level statement's error if it has none yet.
    /// A list comprehension (or a generator expression's), its targets renamed apart.
    fn comprehension(&mut self, elt: &py::Expr, generators: &[py::Comprehension], range: TextRange) -> Expr {
        if generators.iter().any(|g| g.is_async) {
            return unsupported(range, "async comprehensions", "write a `for` loop");
        }
        // The targets' names are local to the comprehension: renamed apart (the first
        // `for`'s iterable is evaluated outside it, the later ones inside).
        let mut names = std::collections::HashSet::new();
        for g in generators {
            crate::ast::target_names(&self.expr(&g.target), &mut names);
        }
        let start = usize::from(range.start());
        let rename = |n: &str| names.contains(n).then(|| format!("{n}.comprehension{start}"));
        // Built from the last `for` out: each later one is the `elt` of the one before.
        let mut elt = crate::ast::rename_names(&self.expr(elt), &rename);
        for (k, g) in generators.iter().enumerate().rev() {
            let target = crate::ast::rename_names(&self.expr(&g.target), &rename);
            let iter = self.expr(&g.iter);
            let iter = if k == 0 { iter } else { crate::ast::rename_names(&iter, &rename) };
            let ifs: Vec<Expr> = g.ifs.iter().map(|c| crate::ast::rename_names(&self.expr(c), &rename)).collect();
            let kind = ExprKind::ListComp { elt: Box::new(elt), target: Box::new(target), iter: Box::new(iter), ifs, flat: k > 0 };
            if k == 0 {
                return Expr { kind, span: span(range) };
            }
            // A later `for`: spanned from its target to the comprehension's end.
            elt = Expr { kind, span: Span::new(usize::from(g.target.range().start()), usize::from(range.end())) };
        }
        unreachable!("a comprehension has a `for`")
    }

    fn too_deep(&mut self, r: TextRange, code: &'static str) {
        let start = u32::from(r.start()) as usize;
        let what = if code == "expression-too-deep" { TOO_DEEP } else { TOO_DEEP_STMT };
        self.placeholders.push((start, what));
        if !self.too_deep_reported {
            self.too_deep_reported = true;
            self.errors.push(diag::too_deep(Span::new(start, start + 1), code, MAX_NESTING));
        }
    }

    /// An integer literal: an `Int`, or, beyond int64, an `integer-too-large` error
    /// and a placeholder. `negated` is the literal under a unary minus (`-2**63` is an
    /// int64, `2**63` is not).
    fn int_literal(&mut self, value: &impl ToString, r: TextRange, negated: bool) -> Option<i64> {
        let digits = value.to_string();
        let text = if negated { format!("-{digits}") } else { digits };
        match text.parse::<i64>() {
            Ok(v) => Some(v),
            Err(_) => {
                if negated {
                    // Reported without the minus by the operand's own conversion.
                    return None;
                }
                let start = u32::from(r.start()) as usize;
                self.placeholders.push((start, TOO_LARGE));
                let as_float = text.parse::<f64>().ok();
                self.errors.push(diag::integer_too_large(span(r), &text, as_float));
                None
            }
        }
    }
}

/// The first line of `at`, without its trailing colon.
fn first_line(at: Span, source: &str) -> Span {
    let start = at.start as usize;
    let line_end = source[start..].find('\n').map(|i| start + i).unwrap_or(source.len());
    let end = line_end.min(at.end as usize).max(start);
    let text = &source[start..end];
    Span::new(start, start + text.trim_end().trim_end_matches(':').len())
}

/// Unsupported compound statements point at their first line only.
fn first_line_spans(body: &mut [Stmt], source: &str) {
    for s in body {
        match &mut s.kind {
            StmtKind::Unsupported { .. } => s.span = first_line(s.span, source),
            // An unsupported definition (`unsupported_definition`).
            StmtKind::Assign { targets, value: Expr { kind: ExprKind::Unsupported { .. }, span: at } } => {
                *at = first_line(*at, source);
                for t in targets {
                    t.span = *at;
                }
                s.span = *at;
            }
            StmtKind::If { body, orelse, .. } | StmtKind::While { body, orelse, .. } | StmtKind::For { body, orelse, .. } => {
                first_line_spans(body, source);
                first_line_spans(orelse, source);
            }
            StmtKind::FunctionDef(def) => first_line_spans(&mut def.body, source),
            _ => {}
        }
    }
}

fn span(r: TextRange) -> Span {
    Span::new(u32::from(r.start()) as usize, u32::from(r.end()) as usize)
}

fn unsupported_stmt(r: TextRange, what: &'static str, hint: &'static str) -> Stmt {
    Stmt { kind: StmtKind::Unsupported { what, hint }, span: span(r) }
}

/// An unsupported definition of `name` (a class, a function with `*args`): the error, and
/// `name` bound to it, so that its uses report nothing further.
fn unsupported_definition(r: TextRange, name: &str, what: &'static str, hint: &'static str) -> Stmt {
    let at = span(r);
    let target = Expr { kind: ExprKind::Name(name.to_string()), span: at };
    Stmt { kind: StmtKind::Assign { targets: vec![target], value: Expr { kind: ExprKind::Unsupported { what, hint }, span: at } }, span: at }
}

impl Adapter {
    fn stmts(&mut self, body: &[py::Stmt]) -> Vec<Stmt> {
        let mut out = Vec::with_capacity(body.len());
        for s in body {
            self.push_stmt(s, &mut out);
        }
        out
    }

    /// Converts one statement into `out`. A `with` statement becomes its context
    /// expressions, each an expression statement (the lowering takes `np.errstate(...)`,
    /// which changes nothing legatec computes, and refuses any other), then its body in
    /// place: `with` opens no scope.
    fn push_stmt(&mut self, s: &py::Stmt, out: &mut Vec<Stmt>) {
        let py::Stmt::With(w) = s else {
            out.push(self.stmt(s));
            return;
        };
        if let Some(target) = w.items.iter().find_map(|i| i.optional_vars.as_deref()) {
            // Refused, and the body still converted: the names it binds stay defined.
            out.push(unsupported_stmt(target.range(), "`with ... as` targets", "use `with np.errstate(...):` without `as`, or write the body without the `with`"));
        }
        for item in w.items.iter().filter(|i| i.optional_vars.is_none()) {
            let e = self.expr(&item.context_expr);
            out.push(Stmt { kind: StmtKind::Expr(e), span: span(item.context_expr.range()) });
        }
        for b in &w.body {
            self.push_stmt(b, out);
        }
    }

    fn convert_stmt(&mut self, s: &py::Stmt) -> Stmt {
        use py::Stmt as S;
        let (kind, r) = match s {
            S::Expr(e) => (StmtKind::Expr(self.expr(&e.value)), e.range),
            S::Assign(a) => (
                StmtKind::Assign { targets: a.targets.iter().map(|e| self.expr(e)).collect(), value: self.expr(&a.value) },
                a.range,
            ),
            S::AugAssign(a) => {
                (StmtKind::AugAssign { target: self.expr(&a.target), op: binop(a.op), value: self.expr(&a.value) }, a.range)
            }
            S::AnnAssign(a) => match &a.value {
                Some(v) => (StmtKind::Assign { targets: vec![self.expr(&a.target)], value: self.expr(v) }, a.range),
                None => (StmtKind::Pass, a.range),
            },
            S::If(i) => (StmtKind::If { test: self.expr(&i.test), body: self.stmts(&i.body), orelse: self.stmts(&i.orelse) }, i.range),
            S::For(f) => (
                StmtKind::For {
                    target: self.expr(&f.target),
                    iter: self.expr(&f.iter),
                    body: self.stmts(&f.body),
                    orelse: self.stmts(&f.orelse),
                },
                f.range,
            ),
            S::While(w) => {
                (StmtKind::While { test: self.expr(&w.test), body: self.stmts(&w.body), orelse: self.stmts(&w.orelse) }, w.range)
            }
            S::Break(b) => (StmtKind::Break, b.range),
            S::Continue(c) => (StmtKind::Continue, c.range),
            S::Pass(p) => (StmtKind::Pass, p.range),
            S::Return(r) => (StmtKind::Return(r.value.as_deref().map(|e| self.expr(e))), r.range),
            S::FunctionDef(f) => {
                if !f.decorator_list.is_empty() {
                    return unsupported_definition(f.range, &f.name, "function decorators", "remove the decorator");
                }
                let a = &f.args;
                if a.vararg.is_some() || a.kwarg.is_some() {
                    return unsupported_definition(f.range, &f.name, "`*args` and `**kwargs` parameters", "use plain parameters with defaults");
                }
                let kinds = a
                    .posonlyargs
                    .iter()
                    .map(|p| (p, ParamKind::PositionalOnly))
                    .chain(a.args.iter().map(|p| (p, ParamKind::Normal)))
                    .chain(a.kwonlyargs.iter().map(|p| (p, ParamKind::KeywordOnly)));
                let params = kinds
                    .map(|(p, kind)| Param {
                        name: p.def.arg.to_string(),
                        default: p.default.as_deref().map(|e| self.expr(e)),
                        span: span(p.def.range),
                        kind,
                    })
                    .collect();
                let def = FunctionDef { name: f.name.to_string(), params, body: self.stmts(&f.body), span: span(f.range) };
                (StmtKind::FunctionDef(def), f.range)
            }
            S::Import(i) => (
                StmtKind::Import(
                    i.names.iter().map(|a| (a.name.to_string(), a.asname.as_ref().map(|n| n.to_string()), span(a.range))).collect(),
                ),
                i.range,
            ),
            S::ImportFrom(i) => {
                if i.level.map(|l| l.to_u32()).unwrap_or(0) > 0 {
                    return unsupported_stmt(i.range, "relative imports", "legatec compiles one script at a time");
                }
                (
                    StmtKind::ImportFrom {
                        module: i.module.as_ref().map(|m| m.to_string()).unwrap_or_default(),
                        names: i
                            .names
                            .iter()
                            .map(|a| (a.name.to_string(), a.asname.as_ref().map(|n| n.to_string()), span(a.range)))
                            .collect(),
                    },
                    i.range,
                )
            }
            S::AsyncFunctionDef(x) => return unsupported_definition(x.range, &x.name, "async functions", "use a plain `def`"),
            S::ClassDef(x) => {
                return unsupported_definition(x.range, &x.name, "class definitions", "use functions and arrays instead of classes")
            }
            S::Delete(x) => (StmtKind::Delete(x.targets.iter().map(|t| self.expr(t)).collect()), x.range),
            S::TypeAlias(x) => return unsupported_stmt(x.range, "type aliases", "remove the type alias"),
            S::AsyncFor(x) => return unsupported_stmt(x.range, "`async for`", "use a plain `for` loop"),
            S::With(x) => return unsupported_stmt(x.range, "`with` statements here", "write the body of the `with` block without it"),
            S::AsyncWith(x) => return unsupported_stmt(x.range, "`async with`", "remove the asynchronous context"),
            S::Match(x) => return unsupported_stmt(x.range, "`match` statements", "use `if`/`elif`/`else`"),
            // `raise E(args)` / `raise E`: a call of `RAISE` with the class's dotted name
            // first (`__legatec_raise("ValueError", msg)`); the lowering raises it and
            // nothing after it runs. Re-raising (a bare `raise`) and `from` need `try`.
            S::Raise(x) => {
                if x.cause.is_some() {
                    return unsupported_stmt(x.range, "`raise ... from ...` statements", "raise the exception without `from` (legatec has no `try`)");
                }
                let Some(exc) = x.exc.as_deref() else {
                    return unsupported_stmt(x.range, "bare `raise` statements (re-raising)", "raise an exception by name: `raise ValueError(\"...\")`");
                };
                let at = span(x.range);
                let (class, call_args) = match exc {
                    py::Expr::Call(c) if c.keywords.is_empty() => (&*c.func, Some(&c.args)),
                    py::Expr::Call(_) => return unsupported_stmt(x.range, "exceptions made with keyword arguments", "pass the message by position"),
                    other => (other, None),
                };
                let Some(name) = dotted_name(class) else {
                    return unsupported_stmt(x.range, "`raise` statements of an exception held by a variable", "raise an exception by its class's name: `raise ValueError(\"...\")`");
                };
                let class_span = span(class.range());
                let mut args = vec![Expr { kind: ExprKind::Str(name), span: class_span }];
                if let Some(call_args) = call_args {
                    args.extend(call_args.iter().map(|a| self.expr(a)));
                }
                let raise = Expr { kind: ExprKind::Call { func: Box::new(Expr { kind: ExprKind::Name(RAISE.to_string()), span: at }), args, keywords: vec![] }, span: at };
                (StmtKind::Expr(raise), x.range)
            }
            S::Try(x) => return unsupported_stmt(x.range, "`try` statements", "exceptions are not supported; check conditions with `if`"),
            S::TryStar(x) => return unsupported_stmt(x.range, "`try` statements", "exceptions are not supported"),
            // `assert test, msg`: `if not test: <AssertionError(msg)>`, the message evaluated
            // only where the test fails, as Python's.
            S::Assert(x) => {
                let test = self.expr(&x.test);
                let at = span(x.range);
                let args = x.msg.as_deref().map(|m| vec![self.expr(m)]).unwrap_or_default();
                let fail = Expr { kind: ExprKind::Call { func: Box::new(Expr { kind: ExprKind::Name(ASSERT_FAIL.to_string()), span: at }), args, keywords: vec![] }, span: at };
                let negated = Expr { kind: ExprKind::UnaryOp { op: UnaryOp::Not, operand: Box::new(test) }, span: at };
                (StmtKind::If { test: negated, body: vec![Stmt { kind: StmtKind::Expr(fail), span: at }], orelse: vec![] }, x.range)
            }
            S::Global(x) => {
                return unsupported_stmt(x.range, "`global` statements", "pass the value as an argument and return the new value")
            }
            S::Nonlocal(x) => return unsupported_stmt(x.range, "`nonlocal` statements", "pass values as arguments"),
        };
        Stmt { kind, span: span(r) }
    }

}

fn binop(op: py::Operator) -> BinOp {
    use py::Operator as O;
    match op {
        O::Add => BinOp::Add,
        O::Sub => BinOp::Sub,
        O::Mult => BinOp::Mul,
        O::MatMult => BinOp::MatMul,
        O::Div => BinOp::Div,
        O::Mod => BinOp::Mod,
        O::Pow => BinOp::Pow,
        O::LShift => BinOp::LShift,
        O::RShift => BinOp::RShift,
        O::BitOr => BinOp::BitOr,
        O::BitXor => BinOp::BitXor,
        O::BitAnd => BinOp::BitAnd,
        O::FloorDiv => BinOp::FloorDiv,
    }
}

fn unsupported(r: TextRange, what: &'static str, hint: &'static str) -> Expr {
    Expr { kind: ExprKind::Unsupported { what, hint }, span: span(r) }
}

impl Adapter {
    fn convert_expr(&mut self, e: &py::Expr) -> Expr {
        use py::Expr as E;
        let (kind, r) = match e {
            E::Name(n) => (ExprKind::Name(n.id.to_string()), n.range),
            E::Constant(c) => {
                let kind = match &c.value {
                    py::Constant::None => ExprKind::NoneLit,
                    py::Constant::Bool(b) => ExprKind::Bool(*b),
                    py::Constant::Str(s) => ExprKind::Str(s.clone()),
                    py::Constant::Int(i) => match self.int_literal(i, c.range, false) {
                        Some(v) => ExprKind::Int(v),
                        None => return unsupported(c.range, TOO_LARGE, "write it as a float"),
                    },
                    py::Constant::Float(f) => ExprKind::Float(*f),
                    py::Constant::Bytes(_) => return unsupported(c.range, "bytes literals", "use a str"),
                    py::Constant::Complex { real, imag } if *real == 0.0 => ExprKind::Imaginary(*imag),
                    py::Constant::Complex { .. } => return unsupported(c.range, "complex numbers", "use real floats"),
                    py::Constant::Ellipsis => ExprKind::Ellipsis,
                    py::Constant::Tuple(_) => return unsupported(c.range, "constant tuples", "write the values out"),
                };
                (kind, c.range)
            }
            E::BinOp(b) => (
                ExprKind::BinOp { op: binop(b.op), left: Box::new(self.expr(&b.left)), right: Box::new(self.expr(&b.right)) },
                b.range,
            ),
            E::UnaryOp(u) => {
                // `-9223372036854775808` is int64's minimum, though its digits alone are not an
                // int64. It becomes `-9223372036854775807 - 1`, computed at run time: the
                // lowering folds the negation of a constant without an overflow check, so a
                // constant minimum would make `-(-9223372036854775808)` wrap silently.
                if let (py::UnaryOp::USub, E::Constant(py::ExprConstant { value: py::Constant::Int(i), .. })) = (u.op, &*u.operand) {
                    if self.int_literal(i, u.range, true) == Some(i64::MIN) {
                        let constant = |v| Box::new(Expr { kind: ExprKind::Int(v), span: span(u.range) });
                        let kind = ExprKind::BinOp { op: BinOp::Sub, left: constant(-i64::MAX), right: constant(1) };
                        return Expr { kind, span: span(u.range) };
                    }
                }
                let op = match u.op {
                    py::UnaryOp::USub => UnaryOp::Neg,
                    py::UnaryOp::UAdd => UnaryOp::Pos,
                    py::UnaryOp::Not => UnaryOp::Not,
                    py::UnaryOp::Invert => UnaryOp::Invert,
                };
                (ExprKind::UnaryOp { op, operand: Box::new(self.expr(&u.operand)) }, u.range)
            }
            E::BoolOp(b) => {
                let op = match b.op {
                    py::BoolOp::And => BoolOp::And,
                    py::BoolOp::Or => BoolOp::Or,
                };
                (ExprKind::BoolOp { op, values: b.values.iter().map(|e| self.expr(e)).collect() }, b.range)
            }
            E::Compare(c) => {
                let ops = c
                    .ops
                    .iter()
                    .map(|o| match o {
                        py::CmpOp::Eq => CmpOp::Eq,
                        py::CmpOp::NotEq => CmpOp::NotEq,
                        py::CmpOp::Lt => CmpOp::Lt,
                        py::CmpOp::LtE => CmpOp::LtE,
                        py::CmpOp::Gt => CmpOp::Gt,
                        py::CmpOp::GtE => CmpOp::GtE,
                        py::CmpOp::Is => CmpOp::Is,
                        py::CmpOp::IsNot => CmpOp::IsNot,
                        py::CmpOp::In => CmpOp::In,
                        py::CmpOp::NotIn => CmpOp::NotIn,
                    })
                    .collect();
                (
                    ExprKind::Compare {
                        left: Box::new(self.expr(&c.left)),
                        ops,
                        comparators: c.comparators.iter().map(|e| self.expr(e)).collect(),
                    },
                    c.range,
                )
            }
            E::Call(c) => {
                let mut keywords = Vec::new();
                for k in &c.keywords {
                    match &k.arg {
                        Some(name) => keywords.push(Keyword { name: name.to_string(), value: self.expr(&k.value), span: span(k.range) }),
                        None => return unsupported(k.range, "`**kwargs` in calls", "pass keyword arguments by name"),
                    }
                }
                let mut args = Vec::new();
                for a in &c.args {
                    match a {
                        E::Starred(s) => args.push(Expr { kind: ExprKind::Starred(Box::new(self.expr(&s.value))), span: span(s.range) }),
                        a => args.push(self.expr(a)),
                    }
                }
                (ExprKind::Call { func: Box::new(self.expr(&c.func)), args, keywords }, c.range)
            }
            E::Attribute(a) => {
                (ExprKind::Attribute { value: Box::new(self.expr(&a.value)), attr: a.attr.to_string() }, a.range)
            }
            E::Subscript(s) => {
                let items: Vec<&py::Expr> = match &*s.slice {
                    E::Tuple(t) => t.elts.iter().collect(),
                    other => vec![other],
                };
                let index = items
                    .into_iter()
                    .map(|i| match i {
                        E::Slice(sl) => IndexExpr::Slice {
                            lower: sl.lower.as_deref().map(|e| self.expr(e)),
                            upper: sl.upper.as_deref().map(|e| self.expr(e)),
                            step: sl.step.as_deref().map(|e| self.expr(e)),
                            span: span(sl.range),
                        },
                        other => IndexExpr::Expr(self.expr(other)),
                    })
                    .collect();
                (ExprKind::Subscript { value: Box::new(self.expr(&s.value)), index }, s.range)
            }
            E::Tuple(t) => (ExprKind::Tuple(t.elts.iter().map(|e| self.expr(e)).collect()), t.range),
            E::List(l) => (ExprKind::List(l.elts.iter().map(|e| self.expr(e)).collect()), l.range),
            E::IfExp(i) => (
                ExprKind::IfExp { test: Box::new(self.expr(&i.test)), body: Box::new(self.expr(&i.body)), orelse: Box::new(self.expr(&i.orelse)) },
                i.range,
            ),
            E::JoinedStr(j) => match self.fstring(&j.values) {
                Ok(parts) => (ExprKind::FString(parts), j.range),
                Err((what, hint)) => return unsupported(j.range, what, hint),
            },
            E::FormattedValue(f) => match self.fstring(std::slice::from_ref(e)) {
                Ok(parts) => (ExprKind::FString(parts), f.range),
                Err((what, hint)) => return unsupported(f.range, what, hint),
            },
            E::NamedExpr(x) => return unsupported(x.range, "assignment expressions (`:=`)", "assign in a separate statement"),
            E::Lambda(x) => {
                let a = &x.args;
                if a.vararg.is_some() || a.kwarg.is_some() || !a.kwonlyargs.is_empty() || a.args.iter().chain(&a.posonlyargs).any(|p| p.default.is_some()) {
                    return unsupported(x.range, "lambda parameters with defaults, `*args` or `**kwargs`", "use plain positional parameters, or define a function with `def`");
                }
                let params = a.posonlyargs.iter().chain(a.args.iter()).map(|p| p.def.arg.to_string()).collect();
                (ExprKind::Lambda { params, body: std::rc::Rc::new(self.expr(&x.body)) }, x.range)
            }
            E::Dict(x) => {
                let mut items = Vec::new();
                for (k, v) in x.keys.iter().zip(&x.values) {
                    match k {
                        Some(k) => items.push((self.expr(k), self.expr(v))),
                        None => return unsupported(x.range, "`**` unpacking in dict literals", "write the entries out"),
                    }
                }
                (ExprKind::Dict(items), x.range)
            }
            E::Set(x) => return unsupported(x.range, "set literals", "use arrays"),
            E::ListComp(x) => return self.comprehension(&x.elt, &x.generators, x.range),
            E::SetComp(x) => return unsupported(x.range, "set comprehensions", "use a `for` loop"),
            E::DictComp(x) => return unsupported(x.range, "dict comprehensions", "use a `for` loop"),
            E::GeneratorExp(x) => {
                let inner = self.comprehension(&x.elt, &x.generators, x.range);
                return Expr { kind: ExprKind::Generator(Box::new(inner)), span: span(x.range) };
            }
            E::Await(x) => return unsupported(x.range, "`await`", "remove asynchronous code"),
            E::Yield(x) => return unsupported(x.range, "generators (`yield`)", "return an array instead"),
            E::YieldFrom(x) => return unsupported(x.range, "generators (`yield from`)", "return an array instead"),
            // A target's `*rest` (lowering refuses it elsewhere).
            E::Starred(x) => (ExprKind::Starred(Box::new(self.expr(&x.value))), x.range),
            E::Slice(x) => return unsupported(x.range, "a slice outside an index", "use slices only inside `[...]`"),
        };
        Expr { kind, span: span(r) }
    }

    fn fstring(&mut self, values: &[py::Expr]) -> Result<Vec<FPart>, Unsup> {
        let mut parts = Vec::new();
        for v in values {
            match v {
                py::Expr::Constant(c) => match &c.value {
                    py::Constant::Str(s) => parts.push(FPart::Literal(s.clone())),
                    _ => return Err(("non-string constants in f-strings", "write the text out")),
                },
                py::Expr::FormattedValue(f) => {
                    let spec = match &f.format_spec {
                        None => String::new(),
                        Some(spec) => match &**spec {
                            py::Expr::JoinedStr(j) => {
                                let mut text = String::new();
                                for p in &j.values {
                                    match p {
                                        py::Expr::Constant(py::ExprConstant { value: py::Constant::Str(s), .. }) => {
                                            text.push_str(s)
                                        }
                                        _ => {
                                            return Err((
                                                "nested replacement fields in format specs",
                                                "use a literal format spec such as `{x:.3f}`",
                                            ))
                                        }
                                    }
                                }
                                text
                            }
                            py::Expr::Constant(py::ExprConstant { value: py::Constant::Str(s), .. }) => s.clone(),
                            _ => return Err(("computed format specs", "use a literal format spec such as `{x:.3f}`")),
                        },
                    };
                    parts.push(FPart::Value { value: self.expr(&f.value), conversion: f.conversion.to_char(), spec });
                }
                py::Expr::JoinedStr(j) => parts.extend(self.fstring(&j.values)?),
                _ => return Err(("this f-string form", "use `{name:spec}` fields")),
            }
        }
        Ok(parts)
    }
}

type Unsup = (&'static str, &'static str);
