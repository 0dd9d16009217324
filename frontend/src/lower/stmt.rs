//! Lowering of statements: assignments (names, subscripts, tuples), augmented
//! assignment (in place for arrays), control flow, imports and definitions.

use std::rc::Rc;

use super::flow::{self, Def, ResultSlot};
use super::{FnCx, Value};
use crate::ast::{self, ExprKind, StmtKind as S};
use crate::diagnostics as diag;
use ir::{Span, StmtKind, Type};

impl FnCx<'_, '_> {
    pub fn stmts(&mut self, body: &[ast::Stmt]) {
        for s in body {
            // Nothing after a `return`, `break`, `continue` or raise runs.
            if self.flow.is_none() {
                return;
            }
            self.stmt(s);
        }
    }

    fn stmt(&mut self, s: &ast::Stmt) {
        let span = s.span;
        match &s.kind {
            S::Expr(e) => {
                // Docstrings and bare constants are no-ops.
                if matches!(e.kind, ExprKind::Str(_) | ExprKind::Int(_) | ExprKind::Float(_)) {
                    return;
                }
                let v = self.expr(e);
                // A lazy value that is never stored has no effect; evaluate it anyway
                // so that runtime errors (broadcasting) surface as in NumPy.
                if let Value::Lazy(l) = v {
                    self.materialize(l, span);
                }
            }
            S::Assign { targets, value } => {
                // `a, b = (f(i) for i in range(2))`: unpacking consumes the generator at once.
                let v = match &value.kind {
                    ExprKind::Generator(inner) if targets.iter().all(|t| matches!(t.kind, ExprKind::Tuple(_) | ExprKind::List(_))) => self.expr(inner),
                    _ => self.expr(value),
                };
                // Frame identity: `a = b` names b's object; anything else a new one.
                if matches!(v, Value::Frame(_)) {
                    let object = match &value.kind {
                        ExprKind::Name(src) => self.frame_objects.get(src).copied(),
                        _ => None,
                    };
                    let object = object.unwrap_or_else(|| {
                        self.next_frame_object += 1;
                        self.next_frame_object
                    });
                    for t in targets.iter() {
                        if let ExprKind::Name(n) = &t.kind {
                            self.frame_objects.insert(n.clone(), object);
                            if !matches!(&value.kind, ExprKind::Name(src) if src == n) {
                                self.shared_frames.retain(|x| x != n);
                            }
                        }
                    }
                }
                if targets.len() > 1 {
                    // `a = b = value`: bind the value once, then every target.
                    let v = self.stabilize(v, value.span);
                    for t in targets {
                        self.assign(t, v.clone(), span);
                    }
                } else {
                    self.assign(&targets[0], v, span);
                }
            }
            S::AugAssign { target, op, value } => self.aug_assign(target, *op, value, span),
            S::If { test, body, orelse } => {
                let cond = self.expr(test);
                let cond = self.truth(cond, test.span);
                // A condition known at compile time (`if op is None:`, `if __name__ == ...`):
                // only the taken branch is lowered, so the other may be ill-typed for this instance.
                if let Some(taken) = cond.and_then(|c| self.const_bool(c)) {
                    self.stmts(if taken { body } else { orelse });
                    return;
                }
                // The condition is a run-time value here; argparse refuses to be built
                // under it (see argparse.rs).
                self.dynamic_ifs += 1;
                let entry = self.flow.clone();
                let then_body = self.block(|fx| fx.stmts(body));
                let after_then = std::mem::replace(&mut self.flow, entry);
                let else_body = self.block(|fx| fx.stmts(orelse));
                self.flow = flow::merge(&after_then, &self.flow);
                self.dynamic_ifs -= 1;
                if let Some(c) = cond {
                    self.emit(StmtKind::If { cond: c, then_body, else_body }, span);
                }
            }
            // (`loop_else.rs` has made loops' `else` blocks a flag and an `if`.)
            S::While { test, body, .. } => {
                let key = (span.start, span.end);
                self.flow = self.loop_head(key);
                self.loop_depth += 1;
                self.loops.push(flow::LoopCx { breaks: None, continues: None });
                let loop_body = self.block(|fx| {
                    let cond = fx.expr(test);
                    if let Some(c) = fx.truth(cond, test.span) {
                        // `while True:` leaves only through `break`.
                        if fx.const_bool(c) != Some(true) {
                            fx.record_break(true);
                            let not_c = fx.add(ir::Expr::Unary(ir::UnaryOp::Not, c), Type::py_bool());
                            let brk = vec![ir::Stmt::new(StmtKind::Break, span)];
                            fx.emit(StmtKind::If { cond: not_c, then_body: brk, else_body: vec![] }, test.span);
                        }
                    }
                    fx.stmts(body);
                });
                self.loop_depth -= 1;
                let lc = self.loops.pop().expect("loop context");
                let back = flow::merge(&self.flow, &lc.continues);
                let mut assigned = std::collections::HashSet::new();
                super::collect_assigned(body, &mut assigned);
                self.record_back_edge(key, back, &assigned);
                self.flow = lc.breaks;
                self.emit(StmtKind::Loop { body: loop_body }, span);
            }
            S::For { target, iter, body, .. } => self.for_loop(target, iter, body, span),
            S::Break | S::Continue => {
                if self.loop_depth == 0 {
                    self.error(diag::misplaced(span, "`break`/`continue` outside a loop", "use it inside `for` or `while`"));
                } else {
                    let is_break = matches!(s.kind, S::Break);
                    self.record_break(is_break);
                    let k = if is_break { StmtKind::Break } else { StmtKind::Continue };
                    self.emit(k, span);
                    self.flow = None;
                }
            }
            S::Pass => {}
            S::Delete(targets) => {
                for t in targets {
                    self.delete(t);
                }
            }
            S::Return(value) => self.ret(value.as_ref(), span),
            S::FunctionDef(def) => {
                if !self.is_main || self.blocks.len() > 1 {
                    self.error(diag::unsupported_syntax(span, "nested function definitions", "define functions at module level"));
                    return;
                }
                self.cx.funcs.insert(def.name.clone(), Rc::new(def.clone()));
                self.assign_const(&def.name, Value::UserFunc(def.name.clone()), span);
            }
            S::Import(names) => {
                for (module, alias, nspan) in names {
                    let canonical = match module.as_str() {
                        "numpy" | "legate.numpy" | "cupynumeric" | "cunumeric" => "numpy",
                        "numpy.linalg" => "numpy.linalg",
                        "numpy.random" => "numpy.random",
                        "numpy.testing" => "numpy.testing",
                        "math" => "math",
                        "time" => "time",
                        "argparse" => "argparse",
                        "sys" => "sys",
                        "pandas" | "legate.pandas" => "pandas",
                        _ => {
                            self.error(diag::unsupported_import(*nspan, module));
                            continue;
                        }
                    };
                    match alias {
                        Some(a) => self.assign_const(a, Value::Module(canonical.to_string()), span),
                        None => {
                            // `import legate.numpy` binds `legate`; support the plain spellings.
                            let first = module.split('.').next().unwrap_or(module);
                            let v = if first == module { canonical.to_string() } else { first.to_string() };
                            self.assign_const(first, Value::Module(v), span);
                        }
                    }
                }
            }
            S::ImportFrom { module, names } => {
                let canonical = match module.as_str() {
                    "numpy" | "legate.numpy" | "cupynumeric" => "numpy",
                    "legate" => "legate",
                    "math" => "math",
                    "time" => "time",
                    "numpy.linalg" => "numpy.linalg",
                    "numpy.random" => "numpy.random",
                    "numpy.testing" => "numpy.testing",
                    "argparse" => "argparse",
                    "sys" => "sys",
                    _ => {
                        self.error(diag::unsupported_import(span, module));
                        return;
                    }
                };
                for (name, alias, nspan) in names {
                    let v = if canonical == "legate" && name == "numpy" {
                        Value::Module("numpy".into())
                    } else {
                        self.module_attr(canonical, name, *nspan)
                    };
                    self.assign_const(alias.as_ref().unwrap_or(name), v, span);
                }
            }
            S::Unsupported { what, hint } => self.error(diag::unsupported_syntax(span, what, hint)),
        }
    }

    /// Makes a value safe to use more than once (materialises lazies).
    pub fn stabilize(&mut self, v: Value, span: Span) -> Value {
        match v {
            Value::Lazy(l) => Value::Array(self.materialize(l, span)),
            other => other,
        }
    }

    /// `x, y = a` for an array: Python iterates over axis 0, so `a` must have exactly as many
    /// rows as names (checked when running, with Python's ValueError); each name gets a row
    /// (a view, or an element of a 1-D array).
    fn unpack_array(&mut self, v: Value, names: usize, span: Span) -> Option<Vec<Value>> {
        let Value::Array(a) = self.stabilize(v, span) else { return None };
        let Type::Array { dtype, ndim } = self.expr_type(a) else { return None };
        if ndim == 0 {
            self.error(diag::type_error(span, "cannot unpack a 0-d array (a TypeError in Python: iteration over a 0-d array)", "unpack an array of at least one dimension"));
            return None;
        }
        let rows = self.add(ir::Expr::Dim(a, 0), Type::py_int());
        self.check_unpack_count(rows, names, span);
        let mut out = Vec::with_capacity(names);
        for i in 0..names {
            let at = self.const_i64(i as i64);
            if ndim == 1 {
                out.push(Value::Scalar(self.add(ir::Expr::GetItem(a, vec![at]), Type::scalar(dtype))));
            } else {
                out.push(Value::Array(self.basic_view(a, vec![ir::IndexItem::Index(at)], span)));
            }
        }
        Some(out)
    }

    /// Python's ValueError where `count` values (known only when running) are unpacked into
    /// `names` names.
    fn check_unpack_count(&mut self, count: ir::ExprId, names: usize, span: Span) {
        let expected = self.const_i64(names as i64);
        let more = self.add(ir::Expr::Compare(ir::CompareOp::Gt, count, expected), Type::py_bool());
        self.raise_kind_if(more, "ValueError", format!("too many values to unpack (expected {names})"), span);
        for got in 0..names {
            let n = self.const_i64(got as i64);
            let short = self.add(ir::Expr::Compare(ir::CompareOp::Eq, count, n), Type::py_bool());
            self.raise_kind_if(short, "ValueError", format!("not enough values to unpack (expected {names}, got {got})"), span);
        }
    }

    /// `x, y = xs` for a runtime list: as many items as names (Python's ValueError when
    /// running otherwise), each read once.
    fn unpack_list(&mut self, l: ir::ExprId, names: usize, span: Span) -> Vec<Value> {
        let held = self.temp(self.expr_type(l));
        self.emit(StmtKind::Assign { dst: held, value: l }, span);
        let l = self.read(held);
        let len = self.list_len(l, span);
        self.check_unpack_count(len, names, span);
        (0..names)
            .map(|i| {
                let at = self.const_i64(i as i64);
                let l = self.read(held);
                self.list_get(l, at, span)
            })
            .collect()
    }

    /// Assigns a value to a target expression.
    pub fn assign(&mut self, target: &ast::Expr, v: Value, span: Span) {
        match &target.kind {
            ExprKind::Name(name) => self.assign_name(name, v, target.span),
            // `first, *rest = t`: the starred name takes a list of the values between.
            ExprKind::Tuple(items) | ExprKind::List(items) if items.iter().any(|i| matches!(i.kind, ExprKind::Starred(_))) => {
                let stars: Vec<usize> = items.iter().enumerate().filter(|(_, i)| matches!(i.kind, ExprKind::Starred(_))).map(|(k, _)| k).collect();
                if stars.len() > 1 {
                    self.error(diag::misplaced(target.span, "multiple starred expressions in assignment", "star one name"));
                    return;
                }
                let star = stars[0];
                let values = match v {
                    Value::Tuple(vals) => vals.items,
                    Value::Error => return,
                    other => {
                        let what = self.describe_value(&other);
                        self.error(diag::unsupported_syntax(target.span, "starred unpacking of values other than tuples and lists written out", "unpack a tuple or a list known when compiling (a function's tuple result, `a.shape`)").with_hint(format!("this is {what}; unpack a tuple or a list known when compiling (a function's tuple result, `a.shape`)")));
                        return;
                    }
                };
                let fixed = items.len() - 1;
                if values.len() < fixed {
                    self.raise_now("ValueError", &format!("not enough values to unpack (expected at least {fixed}, got {})", values.len()), target.span);
                    return;
                }
                let after = items.len() - star - 1;
                let mut stable = Vec::new();
                for v in values {
                    stable.push(self.snapshot(v, span));
                }
                let rest: Vec<Value> = stable.drain(star..stable.len() - after).collect();
                let mut stable = stable.into_iter();
                for (k, t) in items.iter().enumerate() {
                    if k == star {
                        let ExprKind::Starred(inner) = &t.kind else { unreachable!("the star") };
                        let list = Value::Tuple(super::Seq { items: rest.clone(), list: true, named: None, held: false });
                        self.assign(inner, list, span);
                    } else {
                        let v = stable.next().expect("a value");
                        self.assign(t, v, span);
                    }
                }
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                let values = match v {
                    Value::Tuple(vals) => vals.items,
                    Value::Error => return,
                    Value::Array(_) | Value::Lazy(_) => match self.unpack_array(v, items.len(), target.span) {
                        Some(vals) => vals,
                        None => return,
                    },
                    Value::List(l) => self.unpack_list(l, items.len(), target.span),
                    other => {
                        self.error(diag::type_error(
                            target.span,
                            format!("cannot unpack {} into {} names", self.describe_value(&other), items.len()),
                            "unpack tuples returned by functions or `a.shape`",
                        ));
                        return;
                    }
                };
                if values.len() != items.len() {
                    self.error(diag::type_error(
                        target.span,
                        format!("cannot unpack {} values into {} names", values.len(), items.len()),
                        "make both sides the same length",
                    ));
                    return;
                }
                // Evaluate every value before assigning any (Python's `a, b = b, a`).
                let mut stable = Vec::new();
                for v in values {
                    stable.push(self.snapshot(v, span));
                }
                for (t, v) in items.iter().zip(stable) {
                    self.assign(t, v, span);
                }
            }
            ExprKind::Subscript { value, index } => {
                // `df.loc[rows, "c"] = v`: a new record, bound to the same name.
                if let ExprKind::Attribute { value: inner, attr } = &value.kind {
                    if let (ExprKind::Name(name), "loc") = (&inner.kind, attr.as_str()) {
                        if self.refuses_shared_frame(name, target.span) {
                            return;
                        }
                        if let Value::Frame(f) = self.expr(inner) {
                            let nf = self.frame_loc_set(&f, index, v, target.span, span);
                            if !matches!(nf, Value::Error) {
                                self.assign_name(name, nf, target.span);
                            }
                            return;
                        }
                    }
                }
                let base = self.expr(value);
                if let Value::Frame(f) = &base {
                    // `df["c"] = v`: a new record, bound to the same name.
                    let (ExprKind::Name(name), [ast::IndexExpr::Expr(key)]) = (&value.kind, index.as_slice()) else {
                        self.error(diag::unsupported_syntax(target.span, "this DataFrame assignment", "assign a column of a frame variable: `df[\"c\"] = ...`"));
                        return;
                    };
                    if self.refuses_shared_frame(name, target.span) {
                        return;
                    }
                    let k = self.expr(key);
                    let nf = self.frame_with_column(f, k, key.span, v, span, span);
                    if !matches!(nf, Value::Error) {
                        self.assign_name(name, nf, target.span);
                    }
                    return;
                }
                if let Value::List(l) = base {
                    let [ast::IndexExpr::Expr(i)] = index.as_slice() else {
                        self.error(diag::unsupported_syntax(target.span, "assignments to slices of a list built at run time", "assign one item at a time: `xs[i] = v`"));
                        return;
                    };
                    let iv = self.expr(i);
                    let Some(i) = self.int_value(iv, i.span) else { return };
                    self.list_store(l, i, v, span);
                    return;
                }
                self.store_subscript(base, index, v, target.span, span);
            }
            ExprKind::Attribute { value: base, attr } if attr == "shape" && matches!(base.kind, ExprKind::Name(_)) => {
                let ExprKind::Name(name) = &base.kind else { unreachable!("matched") };
                self.set_shape(name, v, target.span, span);
            }
            ExprKind::Attribute { .. } => self.error(diag::unsupported_syntax(
                target.span,
                "assignments to attributes",
                "assign to a variable or an array element instead",
            )),
            _ => self.error(diag::unsupported_syntax(target.span, "this assignment target", "assign to a name or a subscript")),
        }
    }

    /// `name.shape = v`: `name` rebound to a view of its array with the new shape, where
    /// no other name can hold that array (`shape_set.rs`); NumPy's AttributeError at run
    /// time where the view would need a copy. Where refused, `name` reads as an error value
    /// afterwards, so its later uses report nothing more.
    fn set_shape(&mut self, name: &str, v: Value, tspan: Span, span: Span) {
        let verdict = self.shape_settable.get(name).cloned().unwrap_or_else(|| Err((format!("`{name}` is not this function's own variable"), Span::default())));
        if let Err((why, at)) = verdict {
            let mut d = ir::Diagnostic::error("unsupported-syntax", tspan, format!("legatec cannot set `.shape` of `{name}` here: {why}"))
                .with_hint(format!("rebind the name instead: `{name} = {name}.reshape(...)`"));
            if at != Span::default() {
                d = d.with_label(at, "held here");
            }
            self.error(d);
            self.assign_name(name, Value::Error, tspan);
            return;
        }
        let current = self.lookup(name, tspan);
        let a = match current {
            Value::Error => return,
            Value::Array(a) => a,
            other => {
                let what = self.describe_value(&other);
                self.error(diag::type_error(tspan, format!("`.shape` of {what} cannot be set"), "set the shape of arrays"));
                self.assign_name(name, Value::Error, tspan);
                return;
            }
        };
        let Some(dims) = self.shape_arg(v, span) else {
            self.assign_name(name, Value::Error, tspan);
            return;
        };
        let r = self.reshape_as(a, &dims, true, tspan);
        self.assign_name(name, r, tspan);
    }

    /// `del target`: a column of a frame variable (`del df["c"]`).
    fn delete(&mut self, target: &ast::Expr) {
        if let ExprKind::Subscript { value, index } = &target.kind {
            if let (ExprKind::Name(name), [ast::IndexExpr::Expr(key)]) = (&value.kind, index.as_slice()) {
                if self.refuses_shared_frame(name, target.span) {
                    return;
                }
                if let Value::Frame(f) = self.expr(value) {
                    let k = self.expr(key);
                    let nf = self.frame_without_column(&f, k, key.span);
                    if !matches!(nf, Value::Error) {
                        self.assign_name(name, nf, target.span);
                    }
                    return;
                }
            }
        }
        self.error(diag::unsupported_syntax(target.span, "`del` of this target", "only columns of a frame variable can be deleted: `del df[\"c\"]`"));
    }

    /// Copies scalars into temporaries so later assignments cannot change them.
    fn snapshot(&mut self, v: Value, span: Span) -> Value {
        self.snapshot_into(v, false, span)
    }

    /// `snapshot` for a value a variable keeps (a list or dict bound to a name): in the
    /// module body, in module-level places, since functions read it too
    /// (`flow::global_const_here`).
    fn snapshot_kept(&mut self, v: Value, span: Span) -> Value {
        let shared = self.is_main;
        self.snapshot_into(v, shared, span)
    }

    fn snapshot_into(&mut self, v: Value, shared: bool, span: Span) -> Value {
        match v {
            // A nested function held: the values of its free names as they are now, which
            // must be those its enclosing function keeps (else a later assignment there
            // would not reach this copy).
            Value::Closure(c) => {
                if !c.stable {
                    self.error(diag::unsupported_syntax(
                        span,
                        &format!("nested functions held under another name or in a container while the enclosing function may still assign the variables they read (here `{}`)", c.func),
                        "call the nested function by its own name, or pass the values it reads as arguments",
                    ));
                    return Value::Error;
                }
                let values = c.values.iter().map(|v| if self.const_str(v).is_some() { v.clone() } else { self.snapshot_into(v.clone(), shared, span) }).collect();
                Value::Closure(std::rc::Rc::new(super::ClosureVal { func: c.func.clone(), names: c.names.clone(), values, stable: true }))
            }
            Value::Scalar(e) | Value::Str(e) | Value::Array(e) | Value::List(e) => {
                let ty = self.expr_type(e);
                let t = if shared {
                    self.temps += 1;
                    ir::Place::Global(self.cx.module.globals.push(ir::Var { name: format!("t{}", self.temps), ty }))
                } else {
                    self.temp(ty)
                };
                self.emit(StmtKind::Assign { dst: t, value: e }, span);
                let r = self.read(t);
                self.value_of_read(r)
            }
            Value::Lazy(l) => {
                let a = self.materialize(l, span);
                if shared {
                    self.snapshot_into(Value::Array(a), true, span)
                } else {
                    Value::Array(a)
                }
            }
            // A copy of each variant, in new places.
            Value::Union(_) => self.split1(v, span, &mut |_, v| v),
            other => other,
        }
    }

    /// A located error where `name` is a frame parameter still shared with the caller
    /// (see `FnCx::shared_frames`); `true` when it is.
    fn refuses_shared_frame(&mut self, name: &str, span: Span) -> bool {
        if self.shared_frames.iter().any(|n| n == name) {
            self.error(diag::frame_aliasing(span, "this changes a DataFrame argument in place, which pandas would change for the caller too", &format!("make it the function's own first (`{name} = {name}.copy()`) and return it")));
            return true;
        }
        let object = self.frame_objects.get(name).copied();
        if let Some(other) = object.and_then(|o| self.frame_objects.iter().find(|(n, x)| **x == o && n.as_str() != name).map(|(n, _)| n.clone())) {
            self.error(diag::frame_aliasing(span, &format!("this changes a DataFrame that `{other}` names too, which pandas would change as well"), &format!("make a copy first (`{name} = {name}.copy()`)")));
            return true;
        }
        false
    }

    pub fn assign_name(&mut self, name: &str, v: Value, span: Span) {
        match v {
            // Bind the name to the poison value so its uses report nothing more.
            Value::Error => self.assign_const(name, Value::Error, span),
            // A Python int beyond int64 is a compile-time constant.
            Value::Module(_) | Value::Builtin(_) | Value::DType(_) | Value::UserFunc(_) | Value::Method(..) | Value::Lambda(_) | Value::Cli(_) | Value::BigInt(_) | Value::Timestamp(_) | Value::Column(_) | Value::Vectorized(_) => {
                self.assign_const(name, v, span)
            }
            Value::GroupBy(g) => {
                let g = self.snapshot_groupby(&g, span);
                self.assign_const(name, Value::GroupBy(g), span)
            }
            Value::Generator(handle) => self.assign_generator(name, handle, span),
            // A nested function under another name: its free names' values as they are now.
            Value::Closure(_) => {
                let c = self.snapshot_kept(v, span);
                self.assign_const(name, c, span)
            }
            Value::Frame(f) => self.assign_frame(name, &f, span),
            Value::Series(s) => self.assign_series(name, &s, span),
            Value::Dict(items) => {
                let mut stable = Vec::new();
                for (k, ks, v, vs) in items {
                    let v = if self.const_str(&v).is_some() { v } else { self.snapshot_kept(v, span) };
                    stable.push((k, ks, v, vs));
                }
                self.assign_const(name, Value::Dict(stable), span);
            }
            // A list the body changes in place is built at run time: one just written out
            // (held by nothing else, which would not see the changes).
            Value::Tuple(items) if items.list && items.named.is_none() && self.growing.contains(name) => {
                if items.held {
                    self.error(diag::unsupported_syntax(
                        span,
                        &format!("changes in place to a list that another name, a container or a function's result holds too (`{name}` is changed in place here)"),
                        "copy it first (`list(...)`) for a list of its own, or change it through the name it was made under",
                    ));
                    self.assign_name(name, Value::Error, span);
                    return;
                }
                let l = self.growing_list(name, items, span);
                self.assign_name(name, l, span);
            }
            Value::Tuple(items) => {
                let (list, named) = (items.list, items.named);
                let mut stable = Vec::new();
                for v in items {
                    // String constants stay constants (a list of column labels).
                    stable.push(if self.const_str(&v).is_some() { v } else { self.snapshot_kept(v, span) });
                }
                let mut kept = Value::Tuple(super::Seq { items: stable, list, named, held: false });
                // Tuples of one shape that meet (a loop's `best = (i, x)`): the items in the
                // variable's places for their positions, under one definition.
                if let (true, Some(shape)) = (self.shares_tuples(name, self.is_main), self.tuple_shape(&kept)) {
                    let Value::Tuple(seq) = kept else { unreachable!("a tuple") };
                    let mut items = Vec::new();
                    for (i, item) in seq.items.iter().enumerate() {
                        let (Value::Scalar(e) | Value::Str(e) | Value::Array(e)) = item else { unreachable!("flat") };
                        let ty = self.expr_type(*e);
                        let place = self.var_place(&format!("{name}.{i}"), &ty);
                        self.emit(StmtKind::Assign { dst: place, value: *e }, span);
                        let r = self.read(place);
                        items.push(self.value_of_read(r));
                    }
                    let mut shared = Value::Tuple(super::Seq { items, list: seq.list, named: None, held: false });
                    mark_held(&mut shared);
                    self.assign_const_keyed(name, shared, format!("{name} {shape}"), span);
                    return;
                }
                mark_held(&mut kept);
                self.assign_const(name, kept, span);
            }
            Value::None => self.assign_const(name, Value::None, span),
            // A range: its ints as they are now.
            Value::Range(a, b, c) => {
                let ints = [a, b, c].map(|e| self.snapshot_kept(Value::Scalar(e), span));
                match ints {
                    [Value::Scalar(a), Value::Scalar(b), Value::Scalar(c)] => self.assign_const(name, Value::Range(a, b, c), span),
                    _ => self.assign_name(name, Value::Error, span),
                }
            }
            Value::Lazy(l) => {
                let e = self.materialize(l, span);
                self.assign_name(name, Value::Array(e), span);
            }
            Value::Union(_) => {
                self.split1(v, span, &mut |fx, v| {
                    fx.assign_name(name, v, span);
                    Value::None
                });
            }
            Value::Scalar(e) | Value::Str(e) | Value::Array(e) | Value::List(e) => self.assign_typed(name, e, span),
        }
    }

    fn aug_assign(&mut self, target: &ast::Expr, op: ast::BinOp, value: &ast::Expr, span: Span) {
        let current = self.expr(target);
        let rhs = self.expr(value);
        match current {
            Value::Array(dst) if self.fancy_reads.contains_key(&dst) => self.fancy_aug_assign(dst, op, rhs, span),
            Value::Array(dst) if self.mixed_reads.contains_key(&dst) => {
                let read = self.mixed_reads[&dst].clone();
                let result = self.binary(op, Value::Array(dst), rhs, span);
                let Type::Array { dtype, .. } = self.expr_type(read.base) else { return };
                if let Some(rd) = self.value_dtype(&result) {
                    if !super::promote::same_kind(rd, dtype) {
                        self.error(diag::type_error(
                            span,
                            format!("cannot cast the {} result of `{}=` to the {} array in place", rd.numpy_name(), op.symbol(), dtype.numpy_name()),
                            "NumPy refuses this cast too (same_kind casting); assign to a new variable instead",
                        ));
                        return;
                    }
                }
                self.mixed_set(read, result, span);
            }
            Value::Array(dst) => {
                // In place: `x += e` writes x's buffer with x's dtype.
                let result = self.binary(op, Value::Array(dst), rhs, span);
                let Type::Array { dtype, ndim } = self.expr_type(dst) else { unreachable!() };
                if let Some(rd) = self.value_dtype(&result) {
                    if !super::promote::same_kind(rd, dtype) {
                        self.error(diag::type_error(
                            span,
                            format!(
                                "cannot cast the {} result of `{}=` to the {} array in place",
                                rd.numpy_name(),
                                op.symbol(),
                                dtype.numpy_name()
                            ),
                            "NumPy refuses this cast too (same_kind casting); assign to a new variable instead",
                        ));
                        return;
                    }
                }
                self.store_into(dst, dtype, ndim, result, span);
            }
            Value::Error => {}
            // `xs += ys` extends the list in place (every name bound to it sees the items).
            Value::List(l) if op == ast::BinOp::Add => {
                self.list_method(l, "extend", vec![(rhs, value.span)], vec![], span);
            }
            _ => {
                let result = self.binary(op, current, rhs, span);
                self.assign(target, result, span);
            }
        }
    }

    fn for_loop(&mut self, target: &ast::Expr, iter: &ast::Expr, body: &[ast::Stmt], span: Span) {
        // The iterable, evaluated once here unless it is a call (`range`, `enumerate`, `zip`
        // are read by `loop_sources`).
        let evaluated = if matches!(iter.kind, ExprKind::Call { .. }) {
            None
        } else {
            // Loops over command-line lists (`for s in args.sizes`, `for a in sys.argv`).
            match self.expr(iter) {
                Value::Cli(c) => return self.cli_for(c, target, body, span),
                Value::Error => return,
                v => Some(v),
            }
        };
        let Some((start, stop, step, binds)) = self.loop_sources(target, iter, evaluated, false, false) else { return };
        if let Some(binds) = binds.as_ref().filter(|b| b.iter().any(|b| matches!(b.source, LoopSource::Items(_)))) {
            return self.unrolled_for(binds, body, span);
        }
        // A plain name over a range is the loop variable itself; anything else loops over a
        // hidden counter and binds the target at the top of each iteration.
        let (name, binds) = match (&target.kind, binds) {
            (ExprKind::Name(name), None) => (name.clone(), None),
            (_, Some(binds)) => (format!("for_index.{}", iter.span.start), Some(binds)),
            (_, None) => {
                self.error(diag::unsupported_syntax(target.span, "this loop target", "use a single name: `for i in range(n)`"));
                return;
            }
        };
        let name = &name;

        let key = (span.start, span.end);
        let mut assigned = std::collections::HashSet::from([name.clone()]);
        super::collect_assigned(body, &mut assigned);
        if binds.is_some() {
            ast::target_names(target, &mut assigned);
        }
        let head = self.loop_head(key);
        self.flow = head.clone();
        self.loop_depth += 1;
        self.loops.push(flow::LoopCx { breaks: None, continues: None });
        let mut var = None;
        let body = self.block(|fx| {
            let (place, prologue) = fx.loop_var(name, target.span);
            var = Some(place);
            for s in prologue {
                fx.emit(s.kind, s.span);
            }
            if let Some(binds) = &binds {
                let k = fx.read(place);
                fx.bind_loop_targets(binds, k, span);
            }
            fx.stmts(body)
        });
        self.loop_depth -= 1;
        let lc = self.loops.pop().expect("loop context");
        let back = flow::merge(&self.flow, &lc.continues);
        // The loop ends when the range is exhausted or at a `break`: exhausted at the head
        // (the range may be empty), or after a last iteration when it is known not to be.
        let runs = self.const_trip_count(start, stop, step).is_some_and(|n| n > 0);
        let exhausted = if runs { back.clone() } else { head };
        self.record_back_edge(key, back, &assigned);
        self.flow = flow::merge(&exhausted, &lc.breaks);
        let var = var.expect("loop variable");
        self.emit(StmtKind::For { var, start, stop, step, body }, span);
    }

    /// What a `for` loop iterates: `range(...)` (the target its variable), or arrays, ranges
    /// and `enumerate(...)`/`zip(...)` of them, looped over by a hidden counter from 0 with
    /// the target names bound from it (`binds`). The iterables are evaluated once, before
    /// the loop, as Python does. A list or tuple whose items are not Python numbers of one
    /// type (and, when `unrolled`, any list or tuple) is its items, for a loop unrolled.
    #[allow(clippy::type_complexity)]
    fn loop_sources(
        &mut self,
        target: &ast::Expr,
        iter: &ast::Expr,
        evaluated: Option<Value>,
        force_counter: bool,
        unrolled: bool,
    ) -> Option<(ir::ExprId, ir::ExprId, ir::ExprId, Option<Vec<LoopBind>>)> {
        let mut evaluated = evaluated;
        let one = self.add(ir::Expr::Const(ir::Const::Int(1)), Type::py_int());
        let zero = self.add(ir::Expr::Const(ir::Const::Int(0)), Type::py_int());
        let unsupported = |fx: &mut Self, span: Span| {
            fx.error(diag::unsupported_syntax(
                span,
                "`for` loops over anything but `range(...)`, arrays, lists and tuples, `enumerate(...)` and `zip(...)` of them",
                "loop over indices with `for i in range(len(a))`",
            ));
        };
        // `enumerate(x, start)` and `zip(x, y, ...)`: their items, and the counter's start.
        let mut enumerated_zip = false;
        let (sources, enumerate_start): (Vec<&ast::Expr>, Option<Option<&ast::Expr>>) = match &iter.kind {
            ExprKind::Call { func, args, keywords } if matches!(&func.kind, ExprKind::Name(n) if n == "enumerate" || n == "zip") => {
                let ExprKind::Name(n) = &func.kind else { unreachable!("matched") };
                if n == "enumerate" {
                    let start = keywords.iter().find(|k| k.name == "start").map(|k| &k.value).or(args.get(1));
                    if args.is_empty() || args.len() > 2 || keywords.iter().any(|k| k.name != "start") {
                        self.error(diag::bad_arguments(iter.span, "enumerate takes an iterable and an optional start"));
                        return None;
                    }
                    // `enumerate(zip(a, b))`: the zipped sources, their items unpacked by the
                    // target's second part (`for i, (x, y) in ...`).
                    match &args[0].kind {
                        ExprKind::Call { func, args: zipped, keywords: zkw } if matches!(&func.kind, ExprKind::Name(z) if z == "zip") => {
                            if zipped.is_empty() || !zkw.is_empty() {
                                self.error(diag::bad_arguments(args[0].span, "legatec's zip takes one or more iterables and no keywords"));
                                return None;
                            }
                            enumerated_zip = true;
                            (zipped.iter().collect(), Some(start))
                        }
                        _ => (vec![&args[0]], Some(start)),
                    }
                } else {
                    if args.is_empty() || !keywords.is_empty() {
                        self.error(diag::bad_arguments(iter.span, "legatec's zip takes one or more iterables and no keywords"));
                        return None;
                    }
                    (args.iter().collect(), None)
                }
            }
            _ => (vec![iter], None),
        };
        // Each source: a range (start, stop, step) or an array held in a fresh place.
        let mut loaded = Vec::new();
        for source in &sources {
            // `reversed(x)`: x's items from the last; a range runs backwards, an array is
            // read through a view of step -1, a list or tuple is its items reversed.
            let (source, backwards) = match &source.kind {
                ExprKind::Call { func, args, keywords } if matches!(&func.kind, ExprKind::Name(n) if n == "reversed") => {
                    if !matches!(self.expr(func), Value::Builtin(_)) {
                        return None;
                    }
                    if args.len() != 1 || !keywords.is_empty() {
                        self.error(diag::bad_arguments(source.span, "reversed takes one sequence"));
                        return None;
                    }
                    (&args[0], true)
                }
                _ => (*source, false),
            };
            let range = match &source.kind {
                ExprKind::Call { func, args, keywords } if keywords.is_empty() && (1..=3).contains(&args.len()) => {
                    match self.expr(func) {
                        Value::Builtin(n) if n == "range" => {
                            let mut ints = Vec::new();
                            for a in args {
                                let v = self.expr(a);
                                ints.push(self.int_value(v, a.span)?);
                            }
                            Some(match ints.len() {
                                1 => (zero, ints[0], one),
                                2 => (ints[0], ints[1], one),
                                _ => (ints[0], ints[1], ints[2]),
                            })
                        }
                        Value::Error => return None,
                        _ => None,
                    }
                }
                _ => None,
            };
            let value = match (range, evaluated.take()) {
                (Some((a, b, c)), _) => Value::Range(a, b, c),
                (None, Some(v)) => v,
                (None, None) => self.expr(source),
            };
            // A range, written in the loop or made before it (`for i in r`).
            if let Value::Range(a, b, c) = value {
                if backwards {
                    // range(a + (n - 1) * c, a - c, -c), n the range's length.
                    let n = self.runtime_len_of_range(a, b, c, source.span);
                    let last = self.add(ir::Expr::Binary(ir::BinaryOp::Sub, n, one), Type::py_int());
                    let offset = self.add(ir::Expr::Binary(ir::BinaryOp::Mul, last, c), Type::py_int());
                    let start = self.add(ir::Expr::Binary(ir::BinaryOp::Add, a, offset), Type::py_int());
                    let stop = self.add(ir::Expr::Binary(ir::BinaryOp::Sub, a, c), Type::py_int());
                    let step = self.add(ir::Expr::Unary(ir::UnaryOp::Neg, c), Type::py_int());
                    loaded.push(LoopSource::Range(start, stop, step));
                } else {
                    loaded.push(LoopSource::Range(a, b, c));
                }
                continue;
            }
            let value = match value {
                // A dict: its keys.
                Value::Dict(items) => self.dict_keys(items),
                other => other,
            };
            let value = match value {
                Value::Tuple(mut items) if backwards => {
                    items.items.reverse();
                    Value::Tuple(items)
                }
                v @ (Value::Array(_) | Value::Lazy(_)) if backwards => {
                    let e = match v {
                        Value::Array(e) => e,
                        Value::Lazy(l) => self.materialize(l, source.span),
                        _ => unreachable!("matched"),
                    };
                    if matches!(self.expr_type(e), Type::Array { ndim: 0, .. }) {
                        self.raise_now("TypeError", "'numpy.ndarray' object is not reversible", source.span);
                        return None;
                    }
                    let step = self.add(ir::Expr::Const(ir::Const::Int(-1)), Type::py_int());
                    let view = self.basic_view(e, vec![ir::IndexItem::Slice { start: None, stop: None, step: Some(step) }], source.span);
                    Value::Array(view)
                }
                Value::Error => return None,
                other if backwards => {
                    let _ = other;
                    unsupported(self, source.span);
                    return None;
                }
                other => other,
            };
            match value {
                Value::Error => return None,
                // A list or tuple of Python numbers of one type: iterated as an array, each
                // item read back as the Python number it was.
                Value::Tuple(items)
                    if !unrolled
                        && !items.is_empty()
                        && items.iter().all(|i| matches!(i, Value::Scalar(e) if matches!(self.expr_type(*e), Type::Scalar { weak: true, .. })))
                        && items.iter().all(|i| self.value_dtype(i) == self.value_dtype(&items[0])) =>
                {
                    let weak = self.value_dtype(&items[0]).map(|d| Type::Scalar { dtype: d, weak: true });
                    let Value::Array(e) = self.array_literal(Value::Tuple(items), None, source.span) else { return None };
                    let ty = self.expr_type(e).clone();
                    let held = self.temp(ty);
                    self.emit(StmtKind::Assign { dst: held, value: e }, source.span);
                    loaded.push(LoopSource::Array(held, weak));
                }
                Value::Tuple(items) => loaded.push(LoopSource::Items(items.items)),
                Value::List(l) => {
                    let held = self.temp(self.expr_type(l));
                    self.emit(StmtKind::Assign { dst: held, value: l }, source.span);
                    loaded.push(LoopSource::List(held));
                }
                Value::Str(s) => {
                    let held = self.temp(Type::Str);
                    self.emit(StmtKind::Assign { dst: held, value: s }, source.span);
                    loaded.push(LoopSource::Str(held));
                }
                v @ (Value::Array(_) | Value::Lazy(_)) => {
                    let e = match v {
                        Value::Array(e) => e,
                        Value::Lazy(l) => self.materialize(l, source.span),
                        _ => unreachable!("matched"),
                    };
                    let ty = self.expr_type(e).clone();
                    if matches!(ty, Type::Array { ndim: 0, .. }) {
                        self.raise_now("TypeError", "iteration over a 0-d array", source.span);
                        return None;
                    }
                    let held = self.temp(ty);
                    self.emit(StmtKind::Assign { dst: held, value: e }, source.span);
                    loaded.push(LoopSource::Array(held, None));
                }
                _ => {
                    unsupported(self, source.span);
                    return None;
                }
            }
        }
        if let ([LoopSource::Range(a, b, c)], None) = (loaded.as_slice(), enumerate_start) {
            if matches!(target.kind, ExprKind::Name(_)) && !force_counter {
                return Some((*a, *b, *c, None));
            }
        }
        // The count: the shortest source.
        let mut count: Option<ir::ExprId> = None;
        for source in &loaded {
            let n = match source {
                LoopSource::Array(p, _) => {
                    let a = self.read(*p);
                    self.add(ir::Expr::Dim(a, 0), Type::py_int())
                }
                LoopSource::Range(a, b, c) => {
                    let n = self.runtime_len_of_range(*a, *b, *c, iter.span);
                    n
                }
                LoopSource::Items(items) => self.add(ir::Expr::Const(ir::Const::Int(items.len() as i64)), Type::py_int()),
                // Unbounded: the step past the list's length ends it.
                LoopSource::List(_) => self.add(ir::Expr::Const(ir::Const::Int(i64::MAX / 2)), Type::py_int()),
                LoopSource::Str(p) => {
                    let s = self.read(*p);
                    self.runtime_call(runtime_abi::EntryPoint::StrLen, vec![s], Some(Type::py_int()), iter.span)?
                }
            };
            count = Some(match count {
                None => n,
                Some(m) => {
                    let less = self.add(ir::Expr::Compare(ir::CompareOp::Lt, n, m), Type::py_bool());
                    self.add(ir::Expr::Select(less, n, m), Type::py_int())
                }
            });
        }
        let count = count?;
        // The targets: one per source (a name, or names unpacking an array's row), after
        // the counter for enumerate.
        let mut targets: Vec<&ast::Expr> = Vec::new();
        let mut counter = None;
        match (&target.kind, enumerate_start) {
            (ExprKind::Tuple(items), Some(start)) if items.len() == 2 => {
                let start = match start {
                    Some(e) => {
                        let v = self.expr(e);
                        self.int_value(v, e.span)?
                    }
                    None => zero,
                };
                counter = Some((&items[0], start));
                if enumerated_zip {
                    let unpacked = match &items[1].kind {
                        ExprKind::Tuple(inner) | ExprKind::List(inner) => inner,
                        _ => {
                            self.error(diag::unsupported_syntax(items[1].span, "a single name over enumerate(zip(...))", "unpack the items: `for i, (a, b) in enumerate(zip(x, y))`"));
                            return None;
                        }
                    };
                    if unpacked.len() != sources.len() {
                        let message = if unpacked.len() > sources.len() {
                            format!("not enough values to unpack (expected {}, got {})", unpacked.len(), sources.len())
                        } else {
                            format!("too many values to unpack (expected {})", unpacked.len())
                        };
                        self.raise_now("ValueError", &message, items[1].span);
                        return None;
                    }
                    targets.extend(unpacked.iter());
                } else {
                    targets.push(&items[1]);
                }
            }
            (_, Some(_)) => {
                self.error(diag::unsupported_syntax(target.span, "this target of enumerate", "write `for i, x in enumerate(...)`"));
                return None;
            }
            (ExprKind::Tuple(items), None) if sources.len() > 1 => {
                if items.len() != sources.len() {
                    let message = if items.len() > sources.len() {
                        format!("not enough values to unpack (expected {}, got {})", items.len(), sources.len())
                    } else {
                        format!("too many values to unpack (expected {})", items.len())
                    };
                    self.raise_now("ValueError", &message, target.span);
                    return None;
                }
                targets.extend(items.iter());
            }
            _ => {
                if sources.len() > 1 {
                    self.error(diag::unsupported_syntax(target.span, "a single name over zip(...)", "unpack the items: `for a, b in zip(x, y)`"));
                    return None;
                }
                targets.push(target);
            }
        }
        let mut binds = Vec::new();
        if let Some((t, start)) = counter {
            let ExprKind::Name(n) = &t.kind else {
                self.error(diag::unsupported_syntax(t.span, "this loop target", "use a name for enumerate's count"));
                return None;
            };
            binds.push(LoopBind { names: vec![n.clone()], span: t.span, source: LoopSource::Range(start, count, one) });
        }
        for (t, source) in targets.into_iter().zip(loaded) {
            let names = match &t.kind {
                ExprKind::Name(n) => vec![n.clone()],
                ExprKind::Tuple(items)
                    if matches!(source, LoopSource::Array(_, None) | LoopSource::Items(_)) && items.iter().all(|i| matches!(i.kind, ExprKind::Name(_))) =>
                {
                    items.iter().map(|i| if let ExprKind::Name(n) = &i.kind { n.clone() } else { unreachable!("checked") }).collect()
                }
                _ => {
                    self.error(diag::unsupported_syntax(t.span, "this loop target", "use names: `for x in a`, `for i, x in enumerate(a)`"));
                    return None;
                }
            };
            binds.push(LoopBind { names, span: t.span, source });
        }
        Some((zero, count, one, Some(binds)))
    }

    /// `[elt for target in iter]` as the array NumPy makes of it: a loop (as `for` loops)
    /// that allocates the result at its first item, `(n, *item.shape)` of the item's dtype,
    /// and stores each item into its row; items of another shape are NumPy's ValueError.
    /// An empty comprehension is an array of no rows. With several `for`s
    /// (`[e for i in a for j in b]`) the loops nest and the rows grow as items come
    /// (doubling), since an inner iterable may depend on the outer targets. An item that
    /// is itself a comprehension is the sub-array it makes (`[[.. for j] for i]`).
    pub(crate) fn list_comprehension(&mut self, comp: &ast::Expr, any_empty: bool) -> Value {
        let span = comp.span;
        let ExprKind::ListComp { elt, target, iter, ifs, .. } = &comp.kind else { return Value::Error };
        // The innermost item, below the further `for`s of this comprehension.
        let mut item_expr: &ast::Expr = elt;
        let mut several = false;
        while let ExprKind::ListComp { elt: inner, flat: true, .. } = &item_expr.kind {
            item_expr = inner;
            several = true;
        }
        let filtered_rows = several || !ifs.is_empty();
        let Some((_, count, _, Some(binds))) = self.loop_sources(target, iter, None, true, false) else { return Value::Error };
        // Over a list built at run time, whose loop has no count (each step reads its
        // length): rows allocated as they come, from its length now.
        let (several, filtered_rows, alloc_count) = match binds.iter().find_map(|b| match b.source {
            LoopSource::List(p) => Some(p),
            _ => None,
        }) {
            Some(p) => {
                let l = self.read(p);
                (true, true, self.list_len(l, span))
            }
            None => (several, filtered_rows, count),
        };
        // Over a list of arrays (or other values known when compiling): the list of the
        // items, which the NumPy function takes as it takes a list written out.
        if binds.iter().any(|b| matches!(b.source, LoopSource::Items(_))) {
            let n = self.const_count(&binds).filter(|&n| n <= MAX_UNROLLED);
            let (Some(n), false) = (n, filtered_rows) else {
                self.error(diag::unsupported_syntax(span, "a comprehension over a list of arrays with a filter, several `for`s or more than 64 items", "write the loop out"));
                return Value::Error;
            };
            let Some(items) = self.unrolled_items(&binds, n, elt) else { return Value::Error };
            return Value::Tuple(super::Seq { items, list: true, named: None, held: false });
        }
        // The items kept so far: the next row, and after the loops the number of rows (the
        // iterations, without a filter). With several `for`s, `cap` rows are allocated.
        let kept = self.temp(Type::py_int());
        let zero = self.add(ir::Expr::Const(ir::Const::Int(0)), Type::py_int());
        self.emit(StmtKind::Assign { dst: kept, value: zero }, span);
        let cap = self.temp(Type::py_int());
        if several {
            self.emit(StmtKind::Assign { dst: cap, value: zero }, span);
        }
        let mut result: Option<(ir::Place, ir::DType, usize)> = None;
        let mut old: Option<ir::Place> = None;
        self.comprehension_weak = true;
        // One kept item: evaluated, checked against the first's shape, stored at row `kept`.
        let mut keep = |fx: &mut Self, result: &mut Option<(ir::Place, ir::DType, usize)>| {
            let item = match &item_expr.kind {
                ExprKind::ListComp { flat: false, .. } => fx.list_comprehension(item_expr, false),
                _ => fx.expr(item_expr),
            };
            let item = fx.union_as_item(item, item_expr.span);
            fx.comprehension_weak &= matches!(&item, Value::Scalar(e) if matches!(fx.expr_type(*e), Type::Scalar { weak: true, .. }));
            let item = match item {
                Value::Scalar(e) => {
                    let Some(d) = fx.value_dtype(&Value::Scalar(e)) else { return };
                    let strong = fx.add(ir::Expr::Cast(d, e), Type::scalar(d));
                    fx.zero_d_array(Value::Scalar(strong), item_expr.span)
                }
                Value::Array(e) => Some(e),
                Value::Lazy(l) => Some(fx.materialize(l, item_expr.span)),
                tuple @ Value::Tuple(_) => match fx.array_literal(tuple, None, item_expr.span) {
                    Value::Array(e) => Some(e),
                    _ => None,
                },
                Value::Error => None,
                other => {
                    let what = fx.describe_value(&other);
                    fx.error(diag::type_error(item_expr.span, format!("an array cannot hold {what}"), "make each item a number or an array"));
                    None
                }
            };
            let Some(item) = item else { return };
            let Type::Array { dtype, ndim } = fx.expr_type(item).clone() else { return };
            let out = match *result {
                Some((out, d, n)) if d == dtype && n == ndim => out,
                _ => fx.temp(Type::array(dtype, ndim + 1)),
            };
            *result = Some((out, dtype, ndim));
            let row = fx.read(kept);
            let zero = fx.add(ir::Expr::Const(ir::Const::Int(0)), Type::py_int());
            let item_dims = |fx: &mut Self| (0..ndim).map(|d| fx.add(ir::Expr::Dim(item, d), Type::py_int())).collect::<Vec<_>>();
            if several {
                // Full (at the first item too): twice the rows, at least the outer loop's
                // count and one, the rows so far copied over.
                let have = fx.read(cap);
                let full = fx.add(ir::Expr::Compare(ir::CompareOp::Eq, row, have), Type::py_bool());
                let old_place = *old.get_or_insert_with(|| fx.temp(Type::array(dtype, ndim + 1)));
                let then_body = fx.block(|fx| {
                    let some = fx.add(ir::Expr::Compare(ir::CompareOp::Gt, row, zero), Type::py_bool());
                    let save = fx.block(|fx| {
                        let current = fx.read(out);
                        fx.emit(StmtKind::Assign { dst: old_place, value: current }, span);
                    });
                    fx.emit(StmtKind::If { cond: some, then_body: save, else_body: vec![] }, span);
                    let two = fx.add(ir::Expr::Const(ir::Const::Int(2)), Type::py_int());
                    let one = fx.add(ir::Expr::Const(ir::Const::Int(1)), Type::py_int());
                    let doubled = fx.add(ir::Expr::Binary(ir::BinaryOp::Mul, have, two), Type::py_int());
                    let at_least = fx.add(ir::Expr::Binary(ir::BinaryOp::Max, doubled, alloc_count), Type::py_int());
                    let rows = fx.add(ir::Expr::Binary(ir::BinaryOp::Max, at_least, one), Type::py_int());
                    fx.emit(StmtKind::Assign { dst: cap, value: rows }, span);
                    let mut dims = vec![rows];
                    dims.extend(item_dims(fx));
                    fx.emit(StmtKind::Alloc { dst: out, dtype, shape: ir::ShapeSpec::Dims(dims) }, span);
                    let copy = fx.block(|fx| {
                        let mut index = vec![ir::IndexItem::Slice { start: None, stop: Some(row), step: None }];
                        index.extend((0..ndim).map(|_| ir::IndexItem::Slice { start: None, stop: None, step: None }));
                        let new_rows = fx.read(out);
                        let dst = fx.basic_view(new_rows, index.clone(), span);
                        let old_rows = fx.read(old_place);
                        let src = fx.basic_view(old_rows, index, span);
                        fx.store_into(dst, dtype, ndim + 1, Value::Array(src), span);
                    });
                    fx.emit(StmtKind::If { cond: some, then_body: copy, else_body: vec![] }, span);
                });
                fx.emit(StmtKind::If { cond: full, then_body, else_body: vec![] }, span);
            } else {
                // The first item makes the array; the others must have its shape.
                let first = fx.add(ir::Expr::Compare(ir::CompareOp::Eq, row, zero), Type::py_bool());
                let mut dims = vec![alloc_count];
                dims.extend(item_dims(fx));
                let then_body = vec![ir::Stmt::new(StmtKind::Alloc { dst: out, dtype, shape: ir::ShapeSpec::Dims(dims) }, span)];
                fx.emit(StmtKind::If { cond: first, then_body, else_body: vec![] }, span);
            }
            let array = fx.read(out);
            for d in 0..ndim {
                let have = fx.add(ir::Expr::Dim(item, d), Type::py_int());
                let want = fx.add(ir::Expr::Dim(array, d + 1), Type::py_int());
                let differ = fx.add(ir::Expr::Compare(ir::CompareOp::Ne, have, want), Type::py_bool());
                fx.raise_kind_if(
                    differ,
                    "ValueError",
                    "setting an array element with a sequence. The requested array has an inhomogeneous shape after 1 dimensions.".into(),
                    span,
                );
            }
            let view = fx.basic_view(array, vec![ir::IndexItem::Index(row)], span);
            fx.store_into(view, dtype, ndim, Value::Array(item), span);
            let one = fx.add(ir::Expr::Const(ir::Const::Int(1)), Type::py_int());
            let next = fx.add(ir::Expr::Binary(ir::BinaryOp::Add, row, one), Type::py_int());
            fx.emit(StmtKind::Assign { dst: kept, value: next }, span);
        };
        if !self.comprehension_loop(comp, Some((count, binds)), &mut keep, &mut result) {
            return Value::Error;
        }
        // An item that always raises (a name never bound there), or a filter that keeps
        // nothing: no item type; the array of no items is NumPy's empty float64 one.
        let (out, dtype, ndim) = match result {
            Some(r) => r,
            None if self.cx.diags.is_empty() => (self.temp(Type::array(ir::DType::F64, 1)), ir::DType::F64, 0),
            None => return Value::Error,
        };
        let zero = self.add(ir::Expr::Const(ir::Const::Int(0)), Type::py_int());
        // No items: no rows (and no item to give the other extents). NumPy makes an empty
        // list a float64 array of shape (0,), a dtype and shape chosen by the data: where
        // the items are of another type, the program stops (unless the consumer needs no
        // items' type: `len`, or a join, which raises its own error).
        let rows = self.read(kept);
        let empty = self.add(ir::Expr::Compare(ir::CompareOp::Eq, rows, zero), Type::py_bool());
        if !any_empty && (dtype != ir::DType::F64 || ndim > 0) {
            let message = format!(
                "legatec: an empty list comprehension is a float64 array of shape (0,) in NumPy; this one was compiled for {}{} items",
                if ndim > 0 { format!("{ndim}-D ") } else { String::new() },
                dtype.numpy_name()
            );
            self.raise_kind_if(empty, "ValueError", message, span);
        }
        let dims = vec![zero; ndim + 1];
        let then_body = vec![ir::Stmt::new(StmtKind::Alloc { dst: out, dtype, shape: ir::ShapeSpec::Dims(dims) }, span)];
        self.emit(StmtKind::If { cond: empty, then_body, else_body: vec![] }, span);
        let all = self.read(out);
        if !filtered_rows {
            return Value::Array(all);
        }
        // A filter, or the growth of several `for`s, made more rows than `rows` kept.
        let mut index = vec![ir::IndexItem::Slice { start: None, stop: Some(rows), step: None }];
        index.extend((0..ndim).map(|_| ir::IndexItem::Slice { start: None, stop: None, step: None }));
        Value::Array(self.basic_view(all, index, span))
    }

    /// A list comprehension outside a NumPy call: the list itself, its items evaluated in
    /// order as Python does (`t0, t1 = [rng.random(n) for _ in range(2)]`, `[p.sum() for p
    /// in parts]`), where the number of items is known when compiling (at most
    /// [`MAX_UNROLLED`]) and there is no filter; a located error otherwise.
    pub(crate) fn unrolled_comprehension(&mut self, comp: &ast::Expr) -> Value {
        let span = comp.span;
        let ExprKind::ListComp { elt, target, iter, ifs, .. } = &comp.kind else { return Value::Error };
        let refuse = |fx: &mut Self| {
            fx.error(diag::unsupported_syntax(
                span,
                "list comprehensions over a list of strings, tuples or arrays with a filter, several `for`s or more than 64 items",
                "write the loop out, or loop over indices (`[f(xs[i]) for i in range(len(xs))]`)",
            ));
            Value::Error
        };
        if !ifs.is_empty() || matches!(elt.kind, ExprKind::ListComp { flat: true, .. }) {
            return self.runtime_list_comprehension(comp, None).unwrap_or_else(|| refuse(self));
        }
        let Some((_, count, _, Some(binds))) = self.loop_sources(target, iter, None, true, true) else { return Value::Error };
        match self.const_count(&binds) {
            Some(n) if n <= MAX_UNROLLED => match self.unrolled_items(&binds, n, elt) {
                Some(items) => Value::Tuple(super::Seq { items, list: true, named: None, held: false }),
                None => Value::Error,
            },
            _ => self.runtime_list_comprehension(comp, Some((count, binds))).unwrap_or_else(|| refuse(self)),
        }
    }

    /// `sep.join(<comprehension or generator>)`: the items (strings) joined by `sep` as the
    /// loop makes them (`", ".join(f"{v:.2f}" for v in a)`), any count, filters and several
    /// `for`s; over a list of strings or other values known when compiling, the items
    /// unrolled. Python's TypeError for an item that is not a str is a compile error.
    pub(crate) fn str_join_comprehension(&mut self, sep: ir::ExprId, comp: &ast::Expr, span: Span) -> Value {
        let ExprKind::ListComp { elt, target, iter, ifs, .. } = &comp.kind else { return Value::Error };
        let Some((_, count, _, Some(binds))) = self.loop_sources(target, iter, None, true, false) else { return Value::Error };
        if binds.iter().any(|b| matches!(b.source, LoopSource::Items(_))) {
            let n = self.const_count(&binds).filter(|&n| n <= MAX_UNROLLED);
            let (Some(n), true, false) = (n, ifs.is_empty(), matches!(elt.kind, ExprKind::ListComp { flat: true, .. })) else {
                self.error(diag::unsupported_syntax(span, "joined comprehensions over a list of strings, tuples or arrays with a filter, several `for`s or more than 64 items", "write the loop out"));
                return Value::Error;
            };
            let Some(items) = self.unrolled_items(&binds, n, elt) else { return Value::Error };
            return self.str_join_items(sep, Value::Tuple(super::Seq { items, list: true, named: None, held: false }), span);
        }
        let mut item_expr: &ast::Expr = elt;
        while let ExprKind::ListComp { elt: inner, flat: true, .. } = &item_expr.kind {
            item_expr = inner;
        }
        // The separator held in a place of its own, read at every item.
        let sep_place = self.temp(Type::Str);
        self.emit(StmtKind::Assign { dst: sep_place, value: sep }, span);
        let acc = self.temp(Type::Str);
        let empty = self.str_const("");
        self.emit(StmtKind::Assign { dst: acc, value: empty }, span);
        let kept = self.temp(Type::py_int());
        let zero = self.int_const(0);
        self.emit(StmtKind::Assign { dst: kept, value: zero }, span);
        let mut keep = |fx: &mut Self, _: &mut Option<(ir::Place, ir::DType, usize)>| {
            let item = fx.expr(item_expr);
            let e = match item {
                Value::Str(e) => e,
                Value::Error => return,
                other => {
                    let what = fx.describe_value(&other);
                    fx.error(diag::type_error(item_expr.span, format!("sequence item: expected str instance, found {what}"), "make each item a str (`str(x)`, an f-string)"));
                    return;
                }
            };
            // Stabilised before the separator is added (an item may read `acc`'s places).
            let item_place = fx.temp(Type::Str);
            fx.emit(StmtKind::Assign { dst: item_place, value: e }, item_expr.span);
            let k = fx.read(kept);
            let zero = fx.int_const(0);
            let some = fx.add(ir::Expr::Compare(ir::CompareOp::Gt, k, zero), Type::py_bool());
            let then_body = fx.block(|fx| {
                let cur = fx.read(acc);
                let s = fx.read(sep_place);
                let joined = fx.add(ir::Expr::Concat(vec![cur, s]), Type::Str);
                fx.emit(StmtKind::Assign { dst: acc, value: joined }, span);
            });
            fx.emit(StmtKind::If { cond: some, then_body, else_body: vec![] }, span);
            let cur = fx.read(acc);
            let it = fx.read(item_place);
            let joined = fx.add(ir::Expr::Concat(vec![cur, it]), Type::Str);
            fx.emit(StmtKind::Assign { dst: acc, value: joined }, span);
            let k = fx.read(kept);
            let one = fx.int_const(1);
            let next = fx.add(ir::Expr::Binary(ir::BinaryOp::Add, k, one), Type::py_int());
            fx.emit(StmtKind::Assign { dst: kept, value: next }, span);
        };
        let mut result = None;
        if !self.comprehension_loop(comp, Some((count, binds)), &mut keep, &mut result) {
            return Value::Error;
        }
        let r = self.read(acc);
        Value::Str(r)
    }

    /// A list comprehension whose items are numbers or arrays, of a length known only when
    /// running (or filtered, or of several `for`s): a runtime list (`lists.rs`), its items
    /// evaluated and appended in order. `None` where the loop is of items known when
    /// compiling (arrays, strings...: the caller's error).
    fn runtime_list_comprehension(&mut self, comp: &ast::Expr, sources: Option<(ir::ExprId, Vec<LoopBind>)>) -> Option<Value> {
        let span = comp.span;
        let ExprKind::ListComp { elt, target, iter, .. } = &comp.kind else { return None };
        let sources = match sources {
            Some(s) => s,
            None => match self.loop_sources(target, iter, None, true, false) {
                Some((_, count, _, Some(binds))) => (count, binds),
                _ => return Some(Value::Error),
            },
        };
        if sources.1.iter().any(|b| matches!(b.source, LoopSource::Items(_))) {
            return None;
        }
        let mut item_expr: &ast::Expr = elt;
        while let ExprKind::ListComp { elt: inner, flat: true, .. } = &item_expr.kind {
            item_expr = inner;
        }
        // The list is made before the loop once its items' type is known (below).
        let at = self.blocks.last().map_or(0, Vec::len);
        let mut keep = |fx: &mut Self, result: &mut Option<(ir::Place, ir::DType, usize)>| {
            if let ExprKind::ListComp { flat: false, .. } = &item_expr.kind {
                fx.error(diag::unsupported_syntax(item_expr.span, "lists of lists built at run time", "make each item an array (`np.array([...])`)"));
                return;
            }
            let item = fx.expr(item_expr);
            let Some((ty, e)) = fx.list_item(item, item_expr.span) else { return };
            let place = match *result {
                Some((p, ..)) => p,
                None => {
                    let p = fx.temp(Type::list(ty.clone()));
                    *result = Some((p, ir::DType::F64, 0));
                    p
                }
            };
            let l = fx.read(place);
            fx.list_push_checked(l, &ty, e, item_expr.span);
        };
        let mut result = None;
        if !self.comprehension_loop(comp, Some(sources), &mut keep, &mut result) {
            return Some(Value::Error);
        }
        // An item that always raises (a name never bound there): no item type; the list
        // of no items, as the array comprehension's (the raise comes first at run time).
        let Some((place, ..)) = result else {
            if !self.cx.diags.is_empty() {
                return Some(Value::Error);
            }
            return Some(self.new_list(Type::None, span).map_or(Value::Error, Value::List));
        };
        let item = match self.place_type(place) {
            Type::List(item) => *item,
            _ => Type::None,
        };
        let arrays = self.int_const(i64::from(item.is_array()));
        let make = ir::Stmt::new(StmtKind::Runtime { func: runtime_abi::EntryPoint::ListNew, args: vec![arrays], dst: Some(place) }, span);
        let block = self.blocks.last_mut().expect("a block is open");
        block.insert(at.min(block.len()), make);
        let l = self.read(place);
        Some(Value::List(l))
    }

    /// The number of iterations of a loop over `binds`, where known when compiling.
    fn const_count(&self, binds: &[LoopBind]) -> Option<i64> {
        let mut count: Option<i64> = None;
        for bind in binds {
            let n = match &bind.source {
                LoopSource::Items(items) => items.len() as i64,
                LoopSource::Range(a, b, c) => i64::try_from(self.const_trip_count(*a, *b, *c)?).ok()?,
                LoopSource::Array(..) | LoopSource::List(_) | LoopSource::Str(_) => return None,
            };
            count = Some(count.map_or(n, |m| m.min(n)));
        }
        count
    }

    /// `elt` evaluated for each of the `n` iterations of `binds`, in order (lazy items made
    /// arrays there, as a list holds values).
    fn unrolled_items(&mut self, binds: &[LoopBind], n: i64, elt: &ast::Expr) -> Option<Vec<Value>> {
        let mut items = Vec::new();
        for k in 0..n {
            let index = self.add(ir::Expr::Const(ir::Const::Int(k)), Type::py_int());
            self.bind_loop_targets(binds, index, elt.span);
            let item = self.expr(elt);
            if matches!(item, Value::Error) {
                return None;
            }
            items.push(self.held(item, elt.span));
        }
        Some(items)
    }

    /// A value as it is now, in places of its own: the next iteration rebinds the targets
    /// that an item's expressions read (`[k * k for k in range(3)]`).
    fn held(&mut self, v: Value, span: Span) -> Value {
        let hold = |fx: &mut Self, e: ir::ExprId| {
            let place = fx.temp(fx.expr_type(e).clone());
            fx.emit(StmtKind::Assign { dst: place, value: e }, span);
            fx.read(place)
        };
        match v {
            Value::Scalar(e) => Value::Scalar(hold(self, e)),
            Value::Str(e) => Value::Str(hold(self, e)),
            Value::Array(e) => Value::Array(hold(self, e)),
            Value::Lazy(l) => Value::Array(self.materialize(l, span)),
            Value::Tuple(seq) => {
                let items = seq.items.into_iter().map(|item| self.held(item, span)).collect();
                Value::Tuple(super::Seq { items, ..seq })
            }
            other => other,
        }
    }

    /// A `for` loop over a list or tuple of values known when compiling (`for p in parts`):
    /// the body lowered once per item, with the targets bound to it.
    fn unrolled_for(&mut self, binds: &[LoopBind], body: &[ast::Stmt], span: Span) {
        fn jumps(body: &[ast::Stmt]) -> Option<Span> {
            body.iter().find_map(|s| match &s.kind {
                ast::StmtKind::Break | ast::StmtKind::Continue => Some(s.span),
                ast::StmtKind::If { body, orelse, .. } => jumps(body).or_else(|| jumps(orelse)),
                _ => None,
            })
        }
        if let Some(at) = jumps(body) {
            self.error(diag::unsupported_syntax(at, "`break` and `continue` in a loop over a list of arrays (legatec unrolls it)", "use an `if` around the rest of the body"));
            return;
        }
        let Some(n) = self.const_count(binds) else {
            self.error(diag::unsupported_syntax(span, "a loop over a list of arrays beside an iterable whose length is not known when compiling", "zip it with a list or a `range` of constant length"));
            return;
        };
        if n > MAX_UNROLLED {
            self.error(diag::unsupported_syntax(span, "a loop over a list of more than 64 arrays", "stack them into one array and loop over its rows"));
            return;
        }
        for k in 0..n {
            let index = self.add(ir::Expr::Const(ir::Const::Int(k)), Type::py_int());
            self.bind_loop_targets(binds, index, span);
            self.stmts(body);
        }
    }

    /// The loop of one `for` of a comprehension (`sources`: its count and targets, when
    /// already loaded), running `keep` for each item its filters pass, or the loop of the
    /// comprehension's next `for` there. Returns false after an error.
    fn comprehension_loop(
        &mut self,
        comp: &ast::Expr,
        sources: Option<(ir::ExprId, Vec<LoopBind>)>,
        keep: &mut dyn FnMut(&mut Self, &mut Option<(ir::Place, ir::DType, usize)>),
        result: &mut Option<(ir::Place, ir::DType, usize)>,
    ) -> bool {
        let span = comp.span;
        let ExprKind::ListComp { elt, target, iter, ifs, .. } = &comp.kind else { return false };
        let (count, binds) = match sources {
            Some(s) => s,
            None => match self.loop_sources(target, iter, None, true, false) {
                Some((_, count, _, Some(binds))) => (count, binds),
                _ => return false,
            },
        };
        let key = (span.start, span.end);
        // Names this loop assigns: its targets and counter, and those of the `for`s within.
        let mut assigned = std::collections::HashSet::new();
        let mut level = comp;
        while let ExprKind::ListComp { elt, target, .. } = &level.kind {
            ast::target_names(target, &mut assigned);
            assigned.insert(format!("comprehension_index.{}", level.span.start));
            match &elt.kind {
                ExprKind::ListComp { flat: true, .. } => level = elt,
                _ => break,
            }
        }
        let counter = format!("comprehension_index.{}", span.start);
        let head = self.loop_head(key);
        self.flow = head.clone();
        self.loop_depth += 1;
        self.loops.push(flow::LoopCx { breaks: None, continues: None });
        let mut var = None;
        let mut ok = true;
        let body = self.block(|fx| {
            let (place, prologue) = fx.loop_var(&counter, span);
            var = Some(place);
            for s in prologue {
                fx.emit(s.kind, s.span);
            }
            let k = fx.read(place);
            fx.bind_loop_targets(&binds, k, span);
            match &elt.kind {
                ExprKind::ListComp { flat: true, .. } => {
                    let mut inner = |fx: &mut Self, result: &mut Option<(ir::Place, ir::DType, usize)>| {
                        ok &= fx.comprehension_loop(elt, None, keep, result);
                    };
                    fx.filtered(ifs, &mut inner, result, span);
                }
                _ => fx.filtered(ifs, keep, result, span),
            }
        });
        self.loop_depth -= 1;
        let lc = self.loops.pop().expect("loop context");
        let back = flow::merge(&self.flow, &lc.continues);
        self.record_back_edge(key, back, &assigned);
        self.flow = flow::merge(&head, &lc.breaks);
        let Some(var) = var else { return false };
        let zero = self.add(ir::Expr::Const(ir::Const::Int(0)), Type::py_int());
        let one = self.add(ir::Expr::Const(ir::Const::Int(1)), Type::py_int());
        self.emit(StmtKind::For { var, start: zero, stop: count, step: one, body }, span);
        ok
    }

    /// Runs `keep` where every filter of a comprehension holds, testing them in order (a
    /// later one only where the earlier ones held, as Python does).
    fn filtered(
        &mut self,
        ifs: &[ast::Expr],
        keep: &mut dyn FnMut(&mut Self, &mut Option<(ir::Place, ir::DType, usize)>),
        result: &mut Option<(ir::Place, ir::DType, usize)>,
        span: Span,
    ) {
        let Some((c, rest)) = ifs.split_first() else {
            keep(self, result);
            return;
        };
        let test = self.expr(c);
        let Some(test) = self.truth(test, c.span) else { return };
        match self.const_bool(test) {
            Some(true) => self.filtered(rest, keep, result, span),
            Some(false) => {}
            None => {
                let entry = self.flow.clone();
                let then_body = self.block(|fx| fx.filtered(rest, keep, result, span));
                let after = std::mem::replace(&mut self.flow, entry);
                self.flow = flow::merge(&after, &self.flow);
                self.emit(StmtKind::If { cond: test, then_body, else_body: vec![] }, span);
            }
        }
    }

    /// `len(range(a, b, c))` at run time (ValueError for a zero step).
    pub(crate) fn runtime_len_of_range(&mut self, a: ir::ExprId, b: ir::ExprId, c: ir::ExprId, span: Span) -> ir::ExprId {
        let zero = self.add(ir::Expr::Const(ir::Const::Int(0)), Type::py_int());
        let one = self.add(ir::Expr::Const(ir::Const::Int(1)), Type::py_int());
        let step_zero = self.add(ir::Expr::Compare(ir::CompareOp::Eq, c, zero), Type::py_bool());
        self.raise_kind_if(step_zero, "ValueError", "range() arg 3 must not be zero".into(), span);
        // Up: (b - a + c - 1) // c; down: (a - b - c - 1) // -c; never below 0.
        let up = self.add(ir::Expr::Compare(ir::CompareOp::Gt, c, zero), Type::py_bool());
        let span_up = self.add(ir::Expr::Binary(ir::BinaryOp::Sub, b, a), Type::py_int());
        let span_down = self.add(ir::Expr::Binary(ir::BinaryOp::Sub, a, b), Type::py_int());
        let neg = self.add(ir::Expr::Unary(ir::UnaryOp::Neg, c), Type::py_int());
        let size = self.add(ir::Expr::Select(up, c, neg), Type::py_int());
        let distance = self.add(ir::Expr::Select(up, span_up, span_down), Type::py_int());
        let padded = self.add(ir::Expr::Binary(ir::BinaryOp::Add, distance, size), Type::py_int());
        let padded = self.add(ir::Expr::Binary(ir::BinaryOp::Sub, padded, one), Type::py_int());
        let n = self.add(ir::Expr::Binary(ir::BinaryOp::FloorDiv, padded, size), Type::py_int());
        let negative = self.add(ir::Expr::Compare(ir::CompareOp::Lt, n, zero), Type::py_bool());
        self.add(ir::Expr::Select(negative, zero, n), Type::py_int())
    }

    /// Binds a loop's targets from the hidden counter `k`.
    fn bind_loop_targets(&mut self, binds: &[LoopBind], k: ir::ExprId, span: Span) {
        for bind in binds {
            let value = match bind.source.clone() {
                LoopSource::Range(start, _, step) => {
                    let offset = self.add(ir::Expr::Binary(ir::BinaryOp::Mul, k, step), Type::py_int());
                    Value::Scalar(self.add(ir::Expr::Binary(ir::BinaryOp::Add, start, offset), Type::py_int()))
                }
                LoopSource::Array(p, weak) => {
                    let a = self.read(p);
                    let Type::Array { dtype, ndim } = self.expr_type(a).clone() else { continue };
                    if let Some(weak) = weak {
                        let item = self.add(ir::Expr::GetItem(a, vec![k]), Type::scalar(dtype));
                        Value::Scalar(self.add(ir::Expr::Cast(dtype, item), weak))
                    } else if ndim == 1 {
                        Value::Scalar(self.add(ir::Expr::GetItem(a, vec![k]), Type::scalar(dtype)))
                    } else {
                        Value::Array(self.basic_view(a, vec![ir::IndexItem::Index(k)], span))
                    }
                }
                LoopSource::List(p) => {
                    let l = self.read(p);
                    let n = self.list_len(l, span);
                    let done = self.add(ir::Expr::Compare(ir::CompareOp::Ge, k, n), Type::py_bool());
                    self.record_break(true);
                    let brk = vec![ir::Stmt::new(StmtKind::Break, span)];
                    self.emit(StmtKind::If { cond: done, then_body: brk, else_body: vec![] }, span);
                    self.list_index(l, k, span)
                }
                LoopSource::Str(p) => {
                    let s = self.read(p);
                    match self.runtime_call(runtime_abi::EntryPoint::StrItem, vec![s, k], Some(Type::Str), span) {
                        Some(c) => Value::Str(c),
                        None => Value::Error,
                    }
                }
                LoopSource::Items(items) => {
                    let item = match self.f.exprs[k] {
                        ir::Expr::Const(ir::Const::Int(k)) => items.get(k as usize).cloned(),
                        _ => None,
                    };
                    let Some(item) = item else {
                        self.error(ir::Diagnostic::internal("lower", span, "a loop over items known when compiling was not unrolled"));
                        return;
                    };
                    item
                }
            };
            // A string constant of an unrolled loop stays a constant in its iteration (the
            // loop has no `break`, so no other value of it reaches past its end): arguments
            // that must be known when compiling take it (`np.pad(a, 1, mode=mode)`).
            let bind_item = |fx: &mut Self, name: &str, v: Value| {
                if fx.const_str(&v).is_some() && matches!(bind.source, LoopSource::Items(_)) {
                    fx.assign_const(name, v, bind.span);
                } else {
                    fx.assign_name(name, v, bind.span);
                }
            };
            if bind.names.len() == 1 {
                bind_item(self, &bind.names[0], value);
                continue;
            }
            // `for x, y in [(a, b), (c, d)]`: a tuple unpacked.
            if let Value::Tuple(parts) = &value {
                if parts.items.len() != bind.names.len() {
                    let message = if parts.items.len() < bind.names.len() {
                        format!("not enough values to unpack (expected {}, got {})", bind.names.len(), parts.items.len())
                    } else {
                        format!("too many values to unpack (expected {})", bind.names.len())
                    };
                    self.raise_now("ValueError", &message, bind.span);
                    return;
                }
                for (name, part) in bind.names.iter().zip(parts.items.clone()) {
                    bind_item(self, name, part);
                }
                continue;
            }
            // `for x, y in points`: a row unpacked (its length must match).
            let Value::Array(row) = value else {
                self.error(diag::unsupported_syntax(bind.span, "unpacking the elements of a 1-D array", "unpack the rows of a 2-D array"));
                return;
            };
            let n = self.add(ir::Expr::Dim(row, 0), Type::py_int());
            let want = self.add(ir::Expr::Const(ir::Const::Int(bind.names.len() as i64)), Type::py_int());
            for got in 0..bind.names.len() {
                let g = self.add(ir::Expr::Const(ir::Const::Int(got as i64)), Type::py_int());
                let short = self.add(ir::Expr::Compare(ir::CompareOp::Eq, n, g), Type::py_bool());
                self.raise_kind_if(short, "ValueError", format!("not enough values to unpack (expected {}, got {got})", bind.names.len()), bind.span);
            }
            let more = self.add(ir::Expr::Compare(ir::CompareOp::Gt, n, want), Type::py_bool());
            self.raise_kind_if(more, "ValueError", format!("too many values to unpack (expected {})", bind.names.len()), bind.span);
            let Type::Array { dtype, ndim } = self.expr_type(row).clone() else { continue };
            for (j, name) in bind.names.iter().enumerate() {
                let jx = self.add(ir::Expr::Const(ir::Const::Int(j as i64)), Type::py_int());
                let item = if ndim == 1 {
                    Value::Scalar(self.add(ir::Expr::GetItem(row, vec![jx]), Type::scalar(dtype)))
                } else {
                    Value::Array(self.basic_view(row, vec![ir::IndexItem::Index(jx)], span))
                };
                self.assign_name(name, item, bind.span);
            }
        }
    }

    /// The number of iterations of `range(start, stop, step)` when all three are constants.
    fn const_trip_count(&self, start: ir::ExprId, stop: ir::ExprId, step: ir::ExprId) -> Option<i128> {
        let value = |e: ir::ExprId| match self.f.exprs[e] {
            ir::Expr::Const(ir::Const::Int(v)) => Some(v as i128),
            _ => None,
        };
        let (a, b, c) = (value(start)?, value(stop)?, value(step)?);
        Some(match c {
            0 => 0,
            c if c > 0 => ((b - a + c - 1) / c).max(0),
            c => ((a - b - c - 1) / -c).max(0),
        })
    }

    pub(crate) fn ret(&mut self, value: Option<&ast::Expr>, span: Span) {
        if self.is_main {
            self.error(diag::misplaced(span, "`return` outside a function", "remove the `return`"));
            return;
        }
        let v = match value {
            Some(e) => self.expr(e),
            None => Value::None,
        };
        // A None the program returns (not the compile-time result `cli_return` keeps).
        let returned_none = matches!(v, Value::None);
        let v = self.cli_return(v, span);
        if let Value::Tuple(items) = &v {
            self.cx.seq_returns.insert(self.f.name.clone(), items.list);
        }
        let items = match v {
            Value::Tuple(items) => items.items,
            Value::None if self.returns_one && returned_none => vec![Value::None],
            Value::None => vec![],
            Value::Error => return,
            other => vec![other],
        };
        // Evaluating the value raised (a name never bound here): this return is never reached.
        if self.flow.is_none() || items.iter().any(|v| matches!(v, Value::Error)) {
            return;
        }
        match self.returns {
            None => {
                self.returns = Some(items.len());
                self.return_span = Some(span);
            }
            Some(n) if n != items.len() => {
                let prev_span = self.return_span.unwrap_or(span);
                self.error(
                    diag::type_error(
                        span,
                        format!("this `return` gives {} values but another gives {}", items.len(), n),
                        "return the same number of values on every path",
                    )
                    .with_label(prev_span, "the other return"),
                );
                return;
            }
            Some(_) => {}
        }
        // A value whose type is known only at run time returns from each branch of a split.
        self.split(items, span, &mut |fx, items| {
            fx.return_plain(items, span);
            Value::None
        });
        self.flow = None;
    }

    /// `return` of values of known types, into the function's result slots.
    fn return_plain(&mut self, items: Vec<Value>, span: Span) {
        let mut values = Vec::new();
        for (i, item) in items.into_iter().enumerate() {
            if matches!(item, Value::Frame(_) | Value::Series(_)) {
                let Some((shape, places)) = self.record_of_value(&item, span) else { return };
                while self.next.returns.len() <= i {
                    self.next.returns.push(Vec::new());
                }
                if self.next.returns[i].is_empty() {
                    self.next.returns[i].push(Type::None);
                }
                while self.next.records.len() <= i {
                    self.next.records.push(None);
                }
                match &self.next.records[i] {
                    Some(other) if *other != shape => {
                        self.error(diag::type_error(span, "this `return` gives a frame or series of another schema than another `return`", "return frames of one schema (the same columns, dtypes and index) on every path"));
                        return;
                    }
                    _ => self.next.records[i] = Some(shape.clone()),
                }
                match self.result_slots.get(i) {
                    Some(ResultSlot::Record(s)) if *s == shape => {
                        for p in places {
                            values.push(self.read(p));
                        }
                    }
                    Some(_) | None => return,
                }
                continue;
            }
            let e = match item {
                Value::Scalar(e) | Value::Str(e) | Value::Array(e) | Value::List(e) => e,
                Value::None => self.add(ir::Expr::Const(ir::Const::None), Type::None),
                Value::Lazy(l) => self.materialize(l, span),
                Value::Error => return,
                other => {
                    self.error(diag::type_error(
                        span,
                        format!("cannot return {}", self.describe_value(&other)),
                        "return scalars, arrays, strings or tuples of them",
                    ));
                    return;
                }
            };
            let ty = self.expr_type(e);
            if self.next.returns.len() <= i {
                self.next.returns.push(Vec::new());
            }
            if !self.next.returns[i].contains(&ty) {
                self.next.returns[i].push(ty.clone());
            }
            match self.result_slots.get(i).cloned() {
                Some(ResultSlot::Single(t)) if t == ty => values.push(e),
                Some(ResultSlot::Union(types)) if types.contains(&ty) => {
                    let code = self.cx.tag_code(&Def::Typed(ty.clone()));
                    values.push(self.int_const(code));
                    for t in &types {
                        if *t == ty {
                            values.push(e);
                        } else if let Some(dtype) = t.dtype().filter(|_| t.is_scalar()) {
                            let zero = self.add(ir::Expr::Const(super::lazy::convert_const(&ir::Const::Int(0), dtype)), t.clone());
                            values.push(zero);
                        } else {
                            // None, or the array or string beside None: a place never
                            // assigned (null), which the tag keeps anyone from reading.
                            let unset = self.temp(t.clone());
                            values.push(self.read(unset));
                        }
                    }
                }
                Some(slot) => {
                    // Known from the previous pass: types that cannot share a slot.
                    let expected = match &slot {
                        ResultSlot::Single(t) => super::describe(t),
                        ResultSlot::Union(ts) => super::describe(&ts[0]),
                        ResultSlot::Record(_) => "a DataFrame or Series".to_string(),
                    };
                    if self.facts.returns.get(i).is_some_and(|ts| ts.contains(&ty)) {
                        self.error(diag::type_error(
                            span,
                            format!("this `return` gives {} but another gives {expected}", super::describe(&ty)),
                            "return values of one kind on every path (scalars may differ in type; arrays and strings may not)",
                        ));
                    }
                    return;
                }
                // The first pass: the slots are known from the next one on.
                None => return,
            }
        }
        self.emit(StmtKind::Return { values }, span);
    }
}

/// An iterable of a `for` loop (see `loop_sources`).
/// The most iterations legatec unrolls (loops and comprehensions over values known when
/// compiling).
const MAX_UNROLLED: i64 = 64;

/// The most items a list or tuple repeated with `*` may have (each is a compile-time
/// value).
pub(crate) const MAX_REPEATED: usize = 4096;

#[derive(Clone)]
enum LoopSource {
    Range(ir::ExprId, ir::ExprId, ir::ExprId),
    /// An array, held in a place of its own for the loop; with the Python scalar type its
    /// items are read as when it holds a list of Python numbers.
    Array(ir::Place, Option<Type>),
    /// A list or tuple known when compiling whose items are not all Python numbers of one
    /// type (arrays, tuples, strings...): the loop is unrolled, each item bound as it is.
    Items(Vec<Value>),
    /// A list built at run time, held in a place of its own for the loop. As Python's list
    /// iterator, each step reads the length and ends the loop past it (items appended or
    /// removed by the body count).
    List(ir::Place),
    /// A str known only when running, held in a place of its own: its code points.
    Str(ir::Place),
}

/// Names bound at the top of each iteration from the hidden counter.
struct LoopBind {
    names: Vec<String>,
    span: Span,
    source: LoopSource,
}

/// Marks a tuple or list, and those inside it, as held by a name (see `Seq::held`).
fn mark_held(v: &mut Value) {
    if let Value::Tuple(seq) = v {
        seq.held = true;
        seq.items.iter_mut().for_each(mark_held);
    }
}
