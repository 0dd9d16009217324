//! The adapter to the third-party Python parser. This is the only module that
//! imports `rustpython_parser`; it converts its tree to ours (`ast.rs`)
//! immediately, turning constructs outside the subset into `Unsupported`
//! nodes so that the lowering reports them all with their spans.

use rustpython_parser::ast as py;
use rustpython_parser::text_size::TextRange;

use crate::ast::*;
use ir::{Diagnostic, Span};

/// Parses a module. A syntax error is returned as a diagnostic.
pub fn parse_module(source: &str, path: &str) -> Result<Vec<Stmt>, Diagnostic> {
    match rustpython_parser::parse(source, rustpython_parser::Mode::Module, path) {
        Ok(py::Mod::Module(m)) => {
            let mut body: Vec<Stmt> = m.body.iter().map(stmt).collect();
            first_line_spans(&mut body, source);
            Ok(body)
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

/// Unsupported compound statements point at their first line only.
fn first_line_spans(body: &mut [Stmt], source: &str) {
    for s in body {
        match &mut s.kind {
            StmtKind::Unsupported { .. } => {
                let start = s.span.start as usize;
                let line_end = source[start..].find('\n').map(|i| start + i).unwrap_or(source.len());
                let end = line_end.min(s.span.end as usize).max(start);
                let text = &source[start..end];
                s.span = Span::new(start, start + text.trim_end().trim_end_matches(':').len());
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

fn stmts(body: &[py::Stmt]) -> Vec<Stmt> {
    body.iter().map(stmt).collect()
}

fn unsupported_stmt(r: TextRange, what: &'static str, hint: &'static str) -> Stmt {
    Stmt { kind: StmtKind::Unsupported { what, hint }, span: span(r) }
}

fn stmt(s: &py::Stmt) -> Stmt {
    use py::Stmt as S;
    let (kind, r) = match s {
        S::Expr(e) => (StmtKind::Expr(expr(&e.value)), e.range),
        S::Assign(a) => (
            StmtKind::Assign { targets: a.targets.iter().map(expr).collect(), value: expr(&a.value) },
            a.range,
        ),
        S::AugAssign(a) => {
            (StmtKind::AugAssign { target: expr(&a.target), op: binop(a.op), value: expr(&a.value) }, a.range)
        }
        S::AnnAssign(a) => match &a.value {
            Some(v) => (StmtKind::Assign { targets: vec![expr(&a.target)], value: expr(v) }, a.range),
            None => (StmtKind::Pass, a.range),
        },
        S::If(i) => (StmtKind::If { test: expr(&i.test), body: stmts(&i.body), orelse: stmts(&i.orelse) }, i.range),
        S::For(f) => (
            StmtKind::For {
                target: expr(&f.target),
                iter: expr(&f.iter),
                body: stmts(&f.body),
                orelse: stmts(&f.orelse),
            },
            f.range,
        ),
        S::While(w) => {
            (StmtKind::While { test: expr(&w.test), body: stmts(&w.body), orelse: stmts(&w.orelse) }, w.range)
        }
        S::Break(b) => (StmtKind::Break, b.range),
        S::Continue(c) => (StmtKind::Continue, c.range),
        S::Pass(p) => (StmtKind::Pass, p.range),
        S::Return(r) => (StmtKind::Return(r.value.as_deref().map(expr)), r.range),
        S::FunctionDef(f) => {
            if !f.decorator_list.is_empty() {
                return unsupported_stmt(f.range, "function decorators", "remove the decorator");
            }
            let a = &f.args;
            if a.vararg.is_some() || a.kwarg.is_some() || !a.kwonlyargs.is_empty() {
                return unsupported_stmt(
                    f.range,
                    "`*args`, `**kwargs` and keyword-only parameters",
                    "use plain positional parameters with defaults",
                );
            }
            let params = a
                .posonlyargs
                .iter()
                .chain(a.args.iter())
                .map(|p| Param {
                    name: p.def.arg.to_string(),
                    default: p.default.as_deref().map(expr),
                    span: span(p.def.range),
                })
                .collect();
            let def = FunctionDef { name: f.name.to_string(), params, body: stmts(&f.body), span: span(f.range) };
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
        S::AsyncFunctionDef(x) => return unsupported_stmt(x.range, "async functions", "use a plain `def`"),
        S::ClassDef(x) => {
            return unsupported_stmt(x.range, "class definitions", "use functions and arrays instead of classes")
        }
        S::Delete(x) => return unsupported_stmt(x.range, "`del` statements", "let the variable go out of use instead"),
        S::TypeAlias(x) => return unsupported_stmt(x.range, "type aliases", "remove the type alias"),
        S::AsyncFor(x) => return unsupported_stmt(x.range, "`async for`", "use a plain `for` loop"),
        S::With(x) => return unsupported_stmt(x.range, "`with` statements", "write the body of the `with` block without it"),
        S::AsyncWith(x) => return unsupported_stmt(x.range, "`async with`", "remove the asynchronous context"),
        S::Match(x) => return unsupported_stmt(x.range, "`match` statements", "use `if`/`elif`/`else`"),
        S::Raise(x) => return unsupported_stmt(x.range, "`raise` statements", "print a message and use `sys.exit` later, or remove it"),
        S::Try(x) => return unsupported_stmt(x.range, "`try` statements", "exceptions are not supported; check conditions with `if`"),
        S::TryStar(x) => return unsupported_stmt(x.range, "`try` statements", "exceptions are not supported"),
        S::Assert(x) => return unsupported_stmt(x.range, "`assert` statements", "check the condition with `if` and print"),
        S::Global(x) => {
            return unsupported_stmt(x.range, "`global` statements", "pass the value as an argument and return the new value")
        }
        S::Nonlocal(x) => return unsupported_stmt(x.range, "`nonlocal` statements", "pass values as arguments"),
    };
    Stmt { kind, span: span(r) }
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

fn expr(e: &py::Expr) -> Expr {
    use py::Expr as E;
    let (kind, r) = match e {
        E::Name(n) => (ExprKind::Name(n.id.to_string()), n.range),
        E::Constant(c) => {
            let kind = match &c.value {
                py::Constant::None => ExprKind::NoneLit,
                py::Constant::Bool(b) => ExprKind::Bool(*b),
                py::Constant::Str(s) => ExprKind::Str(s.clone()),
                py::Constant::Int(i) => match i.to_string().parse::<i64>() {
                    Ok(v) => ExprKind::Int(v),
                    Err(_) => {
                        return unsupported(c.range, "integer literals beyond 64 bits", "use a float or a smaller integer")
                    }
                },
                py::Constant::Float(f) => ExprKind::Float(*f),
                py::Constant::Bytes(_) => return unsupported(c.range, "bytes literals", "use a str"),
                py::Constant::Complex { .. } => return unsupported(c.range, "complex numbers", "use real floats"),
                py::Constant::Ellipsis => return unsupported(c.range, "`...` (Ellipsis)", "write the slices out"),
                py::Constant::Tuple(_) => return unsupported(c.range, "constant tuples", "write the values out"),
            };
            (kind, c.range)
        }
        E::BinOp(b) => (
            ExprKind::BinOp { op: binop(b.op), left: Box::new(expr(&b.left)), right: Box::new(expr(&b.right)) },
            b.range,
        ),
        E::UnaryOp(u) => {
            let op = match u.op {
                py::UnaryOp::USub => UnaryOp::Neg,
                py::UnaryOp::UAdd => UnaryOp::Pos,
                py::UnaryOp::Not => UnaryOp::Not,
                py::UnaryOp::Invert => UnaryOp::Invert,
            };
            (ExprKind::UnaryOp { op, operand: Box::new(expr(&u.operand)) }, u.range)
        }
        E::BoolOp(b) => {
            let op = match b.op {
                py::BoolOp::And => BoolOp::And,
                py::BoolOp::Or => BoolOp::Or,
            };
            (ExprKind::BoolOp { op, values: b.values.iter().map(expr).collect() }, b.range)
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
                    left: Box::new(expr(&c.left)),
                    ops,
                    comparators: c.comparators.iter().map(expr).collect(),
                },
                c.range,
            )
        }
        E::Call(c) => {
            let mut keywords = Vec::new();
            for k in &c.keywords {
                match &k.arg {
                    Some(name) => keywords.push(Keyword { name: name.to_string(), value: expr(&k.value), span: span(k.range) }),
                    None => return unsupported(k.range, "`**kwargs` in calls", "pass keyword arguments by name"),
                }
            }
            let mut args = Vec::new();
            for a in &c.args {
                if let E::Starred(s) = a {
                    return unsupported(s.range, "`*args` in calls", "pass the arguments one by one");
                }
                args.push(expr(a));
            }
            (ExprKind::Call { func: Box::new(expr(&c.func)), args, keywords }, c.range)
        }
        E::Attribute(a) => {
            (ExprKind::Attribute { value: Box::new(expr(&a.value)), attr: a.attr.to_string() }, a.range)
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
                        lower: sl.lower.as_deref().map(expr),
                        upper: sl.upper.as_deref().map(expr),
                        step: sl.step.as_deref().map(expr),
                        span: span(sl.range),
                    },
                    other => IndexExpr::Expr(expr(other)),
                })
                .collect();
            (ExprKind::Subscript { value: Box::new(expr(&s.value)), index }, s.range)
        }
        E::Tuple(t) => (ExprKind::Tuple(t.elts.iter().map(expr).collect()), t.range),
        E::List(l) => (ExprKind::List(l.elts.iter().map(expr).collect()), l.range),
        E::IfExp(i) => (
            ExprKind::IfExp { test: Box::new(expr(&i.test)), body: Box::new(expr(&i.body)), orelse: Box::new(expr(&i.orelse)) },
            i.range,
        ),
        E::JoinedStr(j) => match fstring(&j.values) {
            Ok(parts) => (ExprKind::FString(parts), j.range),
            Err((what, hint)) => return unsupported(j.range, what, hint),
        },
        E::FormattedValue(f) => match fstring(std::slice::from_ref(e)) {
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
            (ExprKind::Lambda { params, body: std::rc::Rc::new(expr(&x.body)) }, x.range)
        }
        E::Dict(x) => return unsupported(x.range, "dict literals", "use separate variables or arrays"),
        E::Set(x) => return unsupported(x.range, "set literals", "use arrays"),
        E::ListComp(x) => {
            return unsupported(x.range, "list comprehensions", "use a NumPy array operation or a `for` loop")
        }
        E::SetComp(x) => return unsupported(x.range, "set comprehensions", "use a `for` loop"),
        E::DictComp(x) => return unsupported(x.range, "dict comprehensions", "use a `for` loop"),
        E::GeneratorExp(x) => {
            return unsupported(x.range, "generator expressions", "use a NumPy reduction such as `np.sum` or a `for` loop")
        }
        E::Await(x) => return unsupported(x.range, "`await`", "remove asynchronous code"),
        E::Yield(x) => return unsupported(x.range, "generators (`yield`)", "return an array instead"),
        E::YieldFrom(x) => return unsupported(x.range, "generators (`yield from`)", "return an array instead"),
        E::Starred(x) => return unsupported(x.range, "starred expressions", "write the elements out"),
        E::Slice(x) => return unsupported(x.range, "a slice outside an index", "use slices only inside `[...]`"),
    };
    Expr { kind, span: span(r) }
}

type Unsup = (&'static str, &'static str);

fn fstring(values: &[py::Expr]) -> Result<Vec<FPart>, Unsup> {
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
                parts.push(FPart::Value { value: expr(&f.value), conversion: f.conversion.to_char(), spec });
            }
            py::Expr::JoinedStr(j) => parts.extend(fstring(&j.values)?),
            _ => return Err(("this f-string form", "use `{name:spec}` fields")),
        }
    }
    Ok(parts)
}
