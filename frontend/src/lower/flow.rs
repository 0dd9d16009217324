//! Flow-sensitive typing of variables, as Python has it: every assignment gives a
//! variable the type of the value assigned, from that point on. A later assignment of
//! another type never changes an earlier value (`x = 7; print(x); x = 2.5` prints `7`).
//!
//! - Each variable has one place per type it is assigned (`x`, `x.2`, ...). The lowering
//!   tracks, at every point of the function, which definitions ([`Def`]) may reach it:
//!   a type, a compile-time value, or none at all ([`Def::Unbound`]).
//! - Where one definition reaches a read, the read is that place: no run-time cost.
//! - Where several scalar types meet (after an `if`, around a loop), the variable keeps
//!   a run-time tag (an int64 place `x.tag`) that every assignment sets, and a read is a
//!   [`Value::Union`]. Consumers lower themselves once per type under an `if` chain on
//!   the tag ([`FnCx::split`]) and join what the branches produce, so `print(x)` prints
//!   `0` or `0.0` as CPython would.
//! - A read that some path reaches without an assignment raises `NameError` or
//!   `UnboundLocalError` at run time when the tag says so (tag 0).
//! - Loops need the definitions that flow around their back edge: each pass of a body's
//!   lowering records them per loop (`Facts`, in `facts.rs`), and the next pass starts
//!   the loop with them. Passes repeat until the facts are stable (`lower_body`).
//!
//! Module-level variables read inside functions are known only by a summary of the
//! module body's previous pass: every definition the module assigns them, and whether
//! every user call happens after they are bound (`GlobalSummary`, in `facts.rs`).

use std::collections::HashSet;
use std::rc::Rc;

pub(crate) use super::facts::{scalars_and_an_array, ConstLeaf, Def, LoopCx, ResultSlot, State, UnionValue, VarSlots};
use super::{FnCx, Value};
use crate::diagnostics as diag;
use ir::{CompareOp, Const, Expr, ExprId, Place, Span, StmtKind, Type};

/// The union of two states (the state after two paths join).
pub(crate) fn merge(a: &State, b: &State) -> State {
    match (a, b) {
        (None, s) | (s, None) => s.clone(),
        (Some(a), Some(b)) => {
            let mut out = a.clone();
            for (name, defs) in out.iter_mut() {
                if !b.contains_key(name) {
                    push_def(defs, Def::Unbound);
                }
            }
            for (name, defs) in b {
                let entry = out.entry(name.clone()).or_insert_with(|| vec![Def::Unbound]);
                for d in defs {
                    push_def(entry, d.clone());
                }
            }
            Some(out)
        }
    }
}

/// The union of two partial states (back edges: a variable absent is unchanged).
fn merge_partial(a: &State, b: &State) -> State {
    match (a, b) {
        (None, s) | (s, None) => s.clone(),
        (Some(a), Some(b)) => {
            let mut out = a.clone();
            for (name, defs) in b {
                let entry = out.entry(name.clone()).or_default();
                for d in defs {
                    push_def(entry, d.clone());
                }
            }
            Some(out)
        }
    }
}

fn push_def(defs: &mut Vec<Def>, d: Def) {
    if !defs.contains(&d) {
        defs.push(d);
    }
}

/// The key under which a compile-time value is a definition. Values that are the same
/// wherever they are written (a module, a function, a dtype) are keyed by what they are;
/// a generator by the variable (whose generators share one handle place); the others (a
/// tuple of places, an argparse namespace) by the variable and the assignment. So the key
/// is the same in every pass of the lowering.
pub(crate) fn const_key(v: &Value, name: &str, span: Span) -> String {
    match v {
        Value::Module(_) | Value::Builtin(_) | Value::DType(_) | Value::UserFunc(_) | Value::None | Value::Error | Value::BigInt(_) => {
            value_identity(v)
        }
        // Every generator a variable holds lives in the variable's one handle place.
        Value::Generator(_) => format!("generator {name}"),
        // A variable's frames of one schema live in the same places: one definition.
        Value::Frame(_) | Value::Series(_) => format!("{name} {v:?}"),
        _ => format!("{name}@{}:{}", span.start, span.end),
    }
}

/// Calls `f` on every run-time leaf (a string, scalar or array expression) of a
/// compile-time value, in order (tuple and list items, dict keys and values), and puts
/// what it returns in its place.
pub(crate) fn map_leaves(v: &mut Value, f: &mut dyn FnMut(ExprId) -> ExprId) {
    match v {
        Value::Str(e) | Value::Scalar(e) | Value::Array(e) => *e = f(*e),
        Value::Range(a, b, c) => {
            for e in [a, b, c] {
                *e = f(*e);
            }
        }
        Value::Tuple(seq) => seq.items.iter_mut().for_each(|item| map_leaves(item, f)),
        Value::Dict(entries) => {
            for (k, _, value, _) in entries.iter_mut() {
                map_leaves(k, f);
                map_leaves(value, f);
            }
        }
        _ => {}
    }
}

/// Whether the unions a compile-time value holds lie in module-level places only.
fn global_places_only(v: &Value) -> bool {
    match v {
        Value::Union(u) => matches!(u.tag, Place::Global(_)) && u.variants.iter().all(|(_, _, p)| matches!(p, Place::Global(_))),
        Value::Tuple(seq) => seq.items.iter().all(global_places_only),
        Value::Dict(entries) => entries.iter().all(|(k, _, value, _)| global_places_only(k) && global_places_only(value)),
        _ => true,
    }
}

/// A compile-time value's identity, for comparing the values two paths produce.
pub(crate) fn value_identity(v: &Value) -> String {
    format!("{v:?}")
}

impl FnCx<'_, '_> {
    // ----- definitions and places -------------------------------------------------

    /// The definitions of `name` at this point (an unreachable point has none).
    pub fn defs_of(&self, name: &str) -> Vec<Def> {
        match &self.flow {
            None => Vec::new(),
            Some(map) => map.get(name).cloned().unwrap_or_else(|| vec![Def::Unbound]),
        }
    }

    /// From here on, `name` holds `def`.
    pub fn set_def(&mut self, name: &str, def: Def) {
        if self.is_main && def != Def::Const(value_identity(&Value::Error)) {
            let all = self.cx.summary_next.defs.entry(name.to_string()).or_default();
            push_def(all, def.clone());
        }
        if let Some(map) = &mut self.flow {
            map.insert(name.to_string(), vec![def]);
        }
    }

    /// The generator handle place of variable `name`, set by its first generator assignment.
    pub fn generator_slot(&mut self, name: &str, handle: Place) -> Place {
        let slots = if self.is_main { self.cx.global_slots.entry(name.to_string()).or_default() } else { self.vars.entry(name.to_string()).or_default() };
        *slots.generator.get_or_insert(handle)
    }

    fn slots(&self, name: &str) -> Option<&VarSlots> {
        if self.is_main {
            self.cx.global_slots.get(name)
        } else {
            self.vars.get(name)
        }
    }

    /// The place of variable `name` for values of type `ty`, created on first use.
    pub fn var_place(&mut self, name: &str, ty: &Type) -> Place {
        let is_main = self.is_main;
        self.slot_place(name, ty, is_main)
    }

    fn slot_place(&mut self, name: &str, ty: &Type, global: bool) -> Place {
        let existing = if global { self.cx.global_slots.get(name) } else { self.vars.get(name) };
        if let Some(p) = existing.and_then(|s| s.places.iter().find(|(t, _)| t == ty)).map(|(_, p)| *p) {
            return p;
        }
        let count = existing.map_or(0, |s| s.places.len());
        let var_name = if count == 0 { name.to_string() } else { format!("{name}.{}", count + 1) };
        let var = ir::Var { name: var_name, ty: ty.clone() };
        let place = if global { Place::Global(self.cx.module.globals.push(var)) } else { Place::Local(self.f.locals.push(var)) };
        let slots = if global { self.cx.global_slots.entry(name.to_string()).or_default() } else { self.vars.entry(name.to_string()).or_default() };
        slots.places.push((ty.clone(), place));
        place
    }

    /// Creates the tag of `name` (set to "unbound"), when an earlier pass found it needed.
    pub fn declare_tag(&mut self, name: &str, global: bool, span: Span) {
        let var = ir::Var { name: format!("{name}.tag"), ty: Type::py_int() };
        let place = if global { Place::Global(self.cx.module.globals.push(var)) } else { Place::Local(self.f.locals.push(var)) };
        let slots = if global { self.cx.global_slots.entry(name.to_string()).or_default() } else { self.vars.entry(name.to_string()).or_default() };
        slots.tag = Some(place);
        let zero = self.int_const(0);
        self.emit(StmtKind::Assign { dst: place, value: zero }, span);
    }

    pub fn set_tag(&mut self, name: &str, def: &Def, span: Span) {
        if let Some(tag) = self.slots(name).and_then(|s| s.tag) {
            let code = self.cx.tag_code(def);
            let c = self.int_const(code);
            self.emit(StmtKind::Assign { dst: tag, value: c }, span);
        }
    }

    /// `name = e` for a run-time value.
    pub fn assign_typed(&mut self, name: &str, e: ExprId, span: Span) {
        let ty = self.expr_type(e);
        self.observe(name, ty.clone(), span);
        let place = self.var_place(name, &ty);
        self.emit(StmtKind::Assign { dst: place, value: e }, span);
        let def = Def::Typed(ty);
        self.set_tag(name, &def, span);
        self.set_def(name, def);
    }

    /// `name = v` for a compile-time value.
    pub fn assign_const(&mut self, name: &str, v: Value, span: Span) {
        let key = const_key(&v, name, span);
        self.assign_const_keyed(name, v, key, span);
    }

    /// `assign_const` under a given definition key.
    pub fn assign_const_keyed(&mut self, name: &str, v: Value, key: String, span: Span) {
        if self.is_main {
            let mut leaves = Vec::new();
            let mut v = v;
            map_leaves(&mut v, &mut |e| {
                leaves.push(match &self.f.exprs[e] {
                    Expr::Const(c) => ConstLeaf::Const(c.clone(), self.f.expr_type(e).clone()),
                    Expr::Read(p @ Place::Global(_)) => ConstLeaf::Read(*p),
                    _ => ConstLeaf::Local,
                });
                e
            });
            // A value known only at run time (a union) held in the module body's own places.
            if !global_places_only(&v) {
                leaves.push(ConstLeaf::Local);
            }
            self.cx.global_const_leaves.insert(key.clone(), leaves);
            self.cx.global_consts.insert(key.clone(), v);
        } else {
            self.consts.insert(key.clone(), v);
        }
        let def = Def::Const(key);
        self.set_tag(name, &def, span);
        self.set_def(name, def);
    }

    /// The loop variable of a `for` loop: its int place, and the tag set when the body starts.
    pub fn loop_var(&mut self, name: &str, span: Span) -> (Place, Vec<ir::Stmt>) {
        let ty = Type::py_int();
        self.observe(name, ty.clone(), span);
        let place = self.var_place(name, &ty);
        let def = Def::Typed(ty);
        let mut prologue = Vec::new();
        if let Some(tag) = self.slots(name).and_then(|s| s.tag) {
            let code = self.cx.tag_code(&def);
            let c = self.int_const(code);
            prologue.push(ir::Stmt::new(StmtKind::Assign { dst: tag, value: c }, span));
        }
        self.set_def(name, def);
        (place, prologue)
    }

    // ----- reads ------------------------------------------------------------------

    /// Reads variable `name`, local (`global == false`) or module-level, given the
    /// definitions that may reach this point.
    pub fn read_var(&mut self, name: &str, defs: &[Def], global: bool, span: Span) -> Value {
        let is_local_of_function = !global;
        if defs.is_empty() {
            // Unreachable code: nothing runs here.
            return Value::Error;
        }
        if defs.iter().any(|d| matches!(d, Def::Const(k) if k == &value_identity(&Value::Error))) {
            return Value::Error;
        }
        let bound: Vec<&Def> = defs.iter().filter(|d| !matches!(d, Def::Unbound)).collect();
        let maybe_unbound = bound.len() < defs.len();
        let (kind, message) = if is_local_of_function {
            ("UnboundLocalError", format!("cannot access local variable '{name}' where it is not associated with a value"))
        } else {
            ("NameError", format!("name '{name}' is not defined"))
        };
        if bound.is_empty() {
            self.emit(StmtKind::Raise { kind: kind.into(), message }, span);
            self.flow = None;
            return Value::Error;
        }
        // Compile-time values and run-time types cannot share a variable where they meet.
        // Several may meet where they are scalars, or one type and None (an optional value:
        // `best = None`, then `best = x` in a loop); a read is then a union of them.
        if bound.len() > 1 {
            let none = value_identity(&Value::None);
            let is_none = |d: &&Def| matches!(d, Def::Const(k) if *k == none);
            let typed: Vec<&Def> = bound.iter().copied().filter(|d| !is_none(d)).collect();
            let scalars = typed.iter().all(|d| matches!(d, Def::Typed(Type::Scalar { .. })));
            let optional = typed.len() < bound.len() && typed.len() == 1 && matches!(typed[0], Def::Typed(_));
            if !(scalars || optional || scalars_and_an_array(typed.iter().map(|d| match d {
                Def::Typed(t) => Some(t),
                _ => None,
            }))) {
                // Tuples of one shape from several assignments: the next pass gives their
                // items shared places (`Facts::shared_tuples`); this one reads the first.
                if !self.shares_tuples(name, global) && self.same_shape_tuples(&bound, global) {
                    if global {
                        self.cx.summary_next.shared_tuples.insert(name.to_string());
                    } else {
                        self.next.shared_tuples.insert(name.to_string());
                    }
                    let first = bound[0].clone();
                    return self.read_var(name, &[first], global, span);
                }
                self.report_conflict(name, &bound, span);
                return Value::Error;
            }
        }
        let tag = if maybe_unbound || bound.len() > 1 {
            self.note_needs_tag(name, global);
            match self.slot_tag(name, global) {
                Some(t) => Some(t),
                // Known only from this pass on: the next pass declares the tag and this
                // one is discarded, so read a placeholder (the first definition) that keeps
                // the types that follow plausible.
                None => {
                    let first = bound[0].clone();
                    return self.read_var(name, &[first], global, span);
                }
            }
        } else {
            None
        };
        if let (true, Some(tag)) = (maybe_unbound, tag) {
            let t = self.read(tag);
            let zero = self.int_const(0);
            let cond = self.add(Expr::Compare(CompareOp::Eq, t, zero), Type::py_bool());
            let raise = ir::Stmt::new(StmtKind::Raise { kind: kind.into(), message }, span);
            self.emit(StmtKind::If { cond, then_body: vec![raise], else_body: vec![] }, span);
        }
        match bound.as_slice() {
            [Def::Typed(ty)] => {
                let p = self.slot_place(name, ty, global);
                let e = self.read(p);
                self.value_of_read(e)
            }
            [Def::Const(key)] if global && !self.is_main => self.global_const_here(key, span),
            [Def::Const(key)] => {
                let table = if global { &self.cx.global_consts } else { &self.consts };
                table.get(key).cloned().unwrap_or(Value::Error)
            }
            _ => {
                let mut variants = Vec::new();
                for d in &bound {
                    // None's place holds nothing: a read of it is the value None.
                    let ty = match d {
                        Def::Typed(ty) => ty.clone(),
                        _ => Type::None,
                    };
                    let code = self.cx.tag_code(d);
                    let p = self.slot_place(name, &ty, global);
                    variants.push((code, ty, p));
                }
                Value::Union(Rc::new(UnionValue { tag: tag.expect("a tag"), variants }))
            }
        }
    }

    /// A module-level compile-time value read in a function: its run-time leaves rebuilt
    /// here (their expressions are the module body's).
    fn global_const_here(&mut self, key: &str, span: Span) -> Value {
        let (Some(mut v), Some(leaves)) = (self.cx.global_consts.get(key).cloned(), self.cx.global_const_leaves.get(key).cloned()) else {
            return Value::Error;
        };
        let mut leaves = leaves.into_iter();
        let mut local = false;
        map_leaves(&mut v, &mut |_| match leaves.next() {
            Some(ConstLeaf::Const(c, ty)) => self.add(Expr::Const(c), ty),
            Some(ConstLeaf::Read(p)) => self.read(p),
            Some(ConstLeaf::Local) | None => {
                local = true;
                self.int_const(0)
            }
        });
        local |= leaves.any(|l| matches!(l, ConstLeaf::Local));
        if local {
            self.error(diag::unsupported_syntax(
                span,
                "reading inside a function a module-level list, tuple or dict that holds a value of a type known only when running (one that may be None)",
                "pass it to the function as an argument",
            ));
            return Value::Error;
        }
        v
    }

    fn slot_tag(&self, name: &str, global: bool) -> Option<Place> {
        if global { self.cx.global_slots.get(name) } else { self.vars.get(name) }.and_then(|s| s.tag)
    }

    /// Whether an earlier pass found that tuples of one shape reach `name` together.
    pub(crate) fn shares_tuples(&self, name: &str, global: bool) -> bool {
        if global {
            self.cx.summary.as_ref().is_some_and(|s| s.shared_tuples.contains(name))
        } else {
            self.facts.shared_tuples.contains(name)
        }
    }

    /// The shape of a tuple (or list written out) of run-time leaves: its kind and its
    /// items' types. `None` for other values.
    pub(crate) fn tuple_shape(&self, v: &Value) -> Option<String> {
        let Value::Tuple(seq) = v else { return None };
        if seq.named.is_some() || seq.items.is_empty() {
            return None;
        }
        let mut shape = String::from(if seq.list { "list" } else { "tuple" });
        for item in &seq.items {
            match item {
                Value::Scalar(e) | Value::Str(e) | Value::Array(e) => shape.push_str(&format!(" {:?}", self.expr_type(*e))),
                _ => return None,
            }
        }
        Some(shape)
    }

    /// Whether every definition is a compile-time value and those this pass has met are
    /// tuples of one shape (`tuple_shape`). (A loop's back edge brings definitions its body
    /// makes later: the next pass, which keys tuples by shape, tells whether they agree.)
    fn same_shape_tuples(&self, bound: &[&Def], global: bool) -> bool {
        let table = if global { &self.cx.global_consts } else { &self.consts };
        let mut shapes = Vec::new();
        for d in bound {
            let Def::Const(k) = d else { return false };
            if let Some(v) = table.get(k) {
                shapes.push(self.tuple_shape(v));
            }
        }
        !shapes.is_empty() && shapes.iter().all(|s| s.is_some() && *s == shapes[0])
    }

    fn note_needs_tag(&mut self, name: &str, global: bool) {
        if global {
            self.cx.summary_next.needs_tag.insert(name.to_string());
        } else {
            self.next.needs_tag.insert(name.to_string());
        }
    }

    fn report_conflict(&mut self, name: &str, bound: &[&Def], span: Span) {
        if !self.reported_conflicts.insert(name.to_string()) {
            return;
        }
        let describe = |fx: &Self, d: &Def| -> (String, Option<Span>) {
            match d {
                Def::Typed(t) => (super::describe(t), fx.first_assignment(name, t)),
                Def::Const(k) => {
                    let table = if fx.is_main { &fx.cx.global_consts } else { &fx.consts };
                    (table.get(k).map(|v| fx.describe_value(v)).unwrap_or_else(|| "a value".into()), None)
                }
                Def::Unbound => ("unbound".into(), None),
            }
        };
        let (first, first_span) = describe(self, bound[0]);
        let (second, second_span) = describe(self, bound[1]);
        let (first, second) = if first == second {
            (format!("{first} (in another layout)"), format!("{second} (in one layout)"))
        } else {
            (first, second)
        };
        let d = match (first_span, second_span) {
            (Some(f), Some(s)) => diag::conflicting_types(s, name, &first, &second, f).with_label(span, "both reach this read"),
            (Some(f), None) => diag::conflicting_types(span, name, &first, &second, f),
            _ => diag::conflicting_types(span, name, &first, &second, span),
        };
        self.error(d);
    }

    fn first_assignment(&self, name: &str, ty: &Type) -> Option<Span> {
        [&self.observed, &self.prev_observed]
            .into_iter()
            .find_map(|m| m.get(name).and_then(|l| l.iter().find(|(t, _)| t == ty)).map(|(_, s)| *s))
    }

    // ----- control flow -------------------------------------------------------------

    /// The state at a loop's head: the entry state and what its back edge brought in the
    /// previous pass.
    pub fn loop_head(&self, key: (u32, u32)) -> State {
        match (self.facts.loops.get(&key), &self.flow) {
            (Some(Some(back)), Some(entry)) => {
                let mut head = entry.clone();
                for (name, defs) in back {
                    let slot = head.entry(name.clone()).or_insert_with(|| vec![Def::Unbound]);
                    for d in defs {
                        push_def(slot, d.clone());
                    }
                }
                Some(head)
            }
            _ => self.flow.clone(),
        }
    }

    /// Records the back-edge state of a loop for the next pass.
    /// Only the variables the loop assigns can bring new definitions around the back edge.
    pub fn record_back_edge(&mut self, key: (u32, u32), back: State, assigned: &HashSet<String>) {
        // The poison of an error stays in the pass that reported it: the next pass must
        // meet (and report) the error itself.
        let poison = Def::Const(value_identity(&Value::Error));
        let back = back.map(|mut m| {
            m.retain(|name, _| assigned.contains(name));
            for defs in m.values_mut() {
                defs.retain(|d| *d != poison);
            }
            m
        });
        let entry = self.next.loops.entry(key).or_insert(None);
        *entry = merge_partial(entry, &back);
    }

    pub fn record_break(&mut self, is_break: bool) {
        let flow = self.flow.clone();
        if let Some(l) = self.loops.last_mut() {
            let target = if is_break { &mut l.breaks } else { &mut l.continues };
            *target = merge(target, &flow);
        }
    }

    // ----- values of run-time types -------------------------------------------------

    /// Lowers `f` once for every run-time type of the [`Value::Union`]s in `values` (also
    /// inside tuples), each in a branch of an `if` chain on the tags, and joins what the
    /// branches produce into one value (a new union where their types differ).
    pub fn split(&mut self, values: Vec<Value>, span: Span, f: &mut dyn FnMut(&mut Self, Vec<Value>) -> Value) -> Value {
        let Some(u) = find_union(&values) else { return f(self, values) };
        let entry = self.flow.clone();
        let mut blocks = Vec::new();
        let mut results = Vec::new();
        let mut exits = Vec::new();
        for (_, ty, place) in &u.variants {
            self.flow = entry.clone();
            let mut result = Value::Error;
            let errors_before = self.cx.diags.len();
            let mut block = self.block(|fx| {
                let r = fx.read(*place);
                let concrete = fx.value_of_read(r);
                let mut vs = values.clone();
                replace_union(&mut vs, &u, &concrete);
                fx.variant_depth += 1;
                let v = fx.split(vs, span, f);
                fx.variant_depth -= 1;
                result = fx.settle(v, span);
            });
            // What None cannot do is Python's TypeError where the program does it: a test
            // such as `x is not None` keeps it from happening, which the compiler need not see.
            if *ty == Type::None && self.cx.diags.len() > errors_before {
                let message = self.cx.diags.drain(errors_before..).find(|d| d.severity == ir::Severity::Error).map_or_else(String::new, |d| d.message);
                block = vec![ir::Stmt::new(StmtKind::Raise { kind: "TypeError".into(), message }, span)];
                self.flow = None;
            }
            // So for a Python number beside an array (an accumulator that starts as `0`):
            // what only an array can do (`len(acc)`) is Python's TypeError where the
            // number reaches it (a loop that ran no iteration). Only type errors: anything
            // legatec refuses stays a compile error.
            let beside_array = u.variants.iter().any(|(_, t, _)| matches!(t, Type::Array { .. }));
            if beside_array && matches!(ty, Type::Scalar { weak: true, .. }) && self.cx.diags.len() > errors_before {
                let new = &self.cx.diags[errors_before..];
                if new.iter().all(|d| d.severity != ir::Severity::Error || d.code == "type-error") {
                    let message = self.cx.diags.drain(errors_before..).find(|d| d.severity == ir::Severity::Error).map_or_else(String::new, |d| d.message);
                    block = vec![ir::Stmt::new(StmtKind::Raise { kind: "TypeError".into(), message }, span)];
                    self.flow = None;
                }
            }
            blocks.push(block);
            let live = self.flow.is_some();
            results.push(if live { Some(result) } else { None });
            exits.push(self.flow.take());
        }
        let joined = self.join(&results, &mut blocks, span);
        let chain = self.tag_chain(&u, blocks, span);
        for s in chain {
            self.emit(s.kind, s.span);
        }
        self.flow = exits.iter().fold(None, |acc, s| merge(&acc, s));
        joined
    }

    /// `if tag == c1 { b1 } else if tag == c2 { b2 } ... else { bn }`.
    fn tag_chain(&mut self, u: &UnionValue, blocks: Vec<Vec<ir::Stmt>>, span: Span) -> Vec<ir::Stmt> {
        let mut chain: Option<Vec<ir::Stmt>> = None;
        for ((code, _, _), block) in u.variants.iter().zip(blocks).rev() {
            chain = Some(match chain {
                None => block,
                Some(rest) => {
                    let t = self.read(u.tag);
                    let c = self.int_const(*code);
                    let cond = self.add(Expr::Compare(CompareOp::Eq, t, c), Type::py_bool());
                    vec![ir::Stmt::new(StmtKind::If { cond, then_body: block, else_body: rest }, span)]
                }
            });
        }
        chain.unwrap_or_default()
    }

    /// A value that can be used after the block it was made in: lazy arrays materialised.
    fn settle(&mut self, v: Value, span: Span) -> Value {
        match v {
            Value::Lazy(l) => Value::Array(self.materialize(l, span)),
            Value::Tuple(items) => Value::Tuple(items.into_iter().map(|i| self.settle(i, span)).collect()),
            other => other,
        }
    }

    /// Joins the values that branches produced (`None` for a branch that does not
    /// finish): appends to each branch the assignments into common places, and returns
    /// the value of those places. Branch values must have compatible types.
    pub fn join(&mut self, results: &[Option<Value>], blocks: &mut [Vec<ir::Stmt>], span: Span) -> Value {
        let live: Vec<(usize, &Value)> = results.iter().enumerate().filter_map(|(i, r)| r.as_ref().map(|v| (i, v))).collect();
        if live.is_empty() {
            return Value::Error;
        }
        if live.iter().any(|(_, v)| matches!(v, Value::Error)) {
            return Value::Error;
        }
        // Tuples join item by item.
        if let (_, Value::Tuple(first)) = live[0] {
            let n = first.len();
            let list = live.iter().all(|(_, v)| matches!(v, Value::Tuple(items) if items.list));
            let named = match live[0] {
                (_, Value::Tuple(first)) if live.iter().all(|(_, v)| matches!(v, Value::Tuple(items) if items.named == first.named)) => first.named,
                _ => None,
            };
            if live.iter().all(|(_, v)| matches!(v, Value::Tuple(items) if items.len() == n)) {
                let mut items = Vec::new();
                for k in 0..n {
                    let column: Vec<Option<Value>> = results
                        .iter()
                        .map(|r| match r {
                            Some(Value::Tuple(items)) => Some(items[k].clone()),
                            _ => None,
                        })
                        .collect();
                    items.push(self.join(&column, blocks, span));
                }
                return Value::Tuple(super::Seq { items, list, named, held: false });
            }
        }
        // None beside run-time values makes an optional value (a union with None).
        let nones = live.iter().filter(|(_, v)| matches!(v, Value::None)).count();
        let runtime_or_none = live.iter().all(|(_, v)| matches!(v, Value::None | Value::Scalar(_) | Value::Str(_) | Value::Array(_) | Value::List(_) | Value::Union(_)));
        // The types each branch may give.
        let mut types: Vec<Type> = Vec::new();
        let mut runtime = true;
        if nones > 0 && nones < live.len() && runtime_or_none {
            types.push(Type::None);
        }
        for (_, v) in &live {
            match v {
                Value::None if nones < live.len() && runtime_or_none => {}
                Value::Scalar(e) | Value::Str(e) | Value::Array(e) | Value::List(e) => {
                    let t = self.expr_type(*e);
                    if !types.contains(&t) {
                        types.push(t);
                    }
                }
                Value::Union(u) => {
                    for (_, t, _) in &u.variants {
                        if !types.contains(t) {
                            types.push(t.clone());
                        }
                    }
                }
                _ => runtime = false,
            }
        }
        if !runtime {
            // Compile-time values: the same one on every path, or nothing to join.
            let key = value_identity(live[0].1);
            if live.iter().all(|(_, v)| value_identity(v) == key) {
                return live[0].1.clone();
            }
            let (a, b) = (self.describe_value(live[0].1), self.describe_value(live.iter().find(|(_, v)| value_identity(v) != key).expect("differs").1));
            self.error(diag::type_error(span, format!("this value is {a} on one path and {b} on another"), "give the value one kind on every path"));
            return Value::Error;
        }
        match types.as_slice() {
            [ty] => {
                let tmp = self.temp(ty.clone());
                for (i, v) in &live {
                    let (Value::Scalar(e) | Value::Str(e) | Value::Array(e) | Value::List(e)) = v else { continue };
                    blocks[*i].push(ir::Stmt::new(StmtKind::Assign { dst: tmp, value: *e }, span));
                }
                let r = self.read(tmp);
                self.value_of_read(r)
            }
            many if many.iter().all(|t| matches!(t, Type::Scalar { .. } | Type::None))
                || (many.len() == 2 && many.contains(&Type::None))
                || scalars_and_an_array(many.iter().filter(|t| **t != Type::None).map(Some)) =>
            {
                let tag = self.temp(Type::py_int());
                let mut variants = Vec::new();
                for t in many {
                    let code = self.cx.tag_code(&Def::Typed(t.clone()));
                    variants.push((code, t.clone(), self.temp(t.clone())));
                }
                let out = UnionValue { tag, variants };
                for (i, v) in &live {
                    let stmts = match v {
                        Value::Scalar(e) | Value::Str(e) | Value::Array(e) | Value::List(e) => self.union_store(&out, *e, span),
                        Value::None => self.union_store_none(&out, span),
                        Value::Union(inner) => {
                            let mut inner_blocks = Vec::new();
                            for (_, t, p) in &inner.variants {
                                if *t == Type::None {
                                    inner_blocks.push(self.union_store_none(&out, span));
                                    continue;
                                }
                                let r = self.read(*p);
                                inner_blocks.push(self.union_store(&out, r, span));
                            }
                            self.tag_chain(inner, inner_blocks, span)
                        }
                        _ => continue,
                    };
                    blocks[*i].extend(stmts);
                }
                Value::Union(Rc::new(out))
            }
            _ => {
                let (a, b) = (super::describe(&types[0]), super::describe(&types[1]));
                self.error(diag::type_error(
                    span,
                    format!("this value is {a} on one path and {b} on another"),
                    "legatec needs one type for an array or a string wherever paths meet; use separate variables",
                ));
                Value::Error
            }
        }
    }

    /// `a if cond else b` for values already computed: one value of their common type,
    /// or a union where their types differ.
    pub fn choose(&mut self, cond: ExprId, a: Value, b: Value, span: Span) -> Value {
        if let (Value::Scalar(x), Value::Scalar(y)) = (&a, &b) {
            let ty = self.expr_type(*x);
            if ty == self.expr_type(*y) {
                return Value::Scalar(self.add(Expr::Select(cond, *x, *y), ty));
            }
        }
        let mut blocks = [Vec::new(), Vec::new()];
        let joined = self.join(&[Some(a), Some(b)], &mut blocks, span);
        let [then_body, else_body] = blocks;
        self.emit(StmtKind::If { cond, then_body, else_body }, span);
        joined
    }

    /// Stores scalar `e` into the union `out`: its place for `e`'s type, and the tag.
    fn union_store(&mut self, out: &UnionValue, e: ExprId, span: Span) -> Vec<ir::Stmt> {
        let ty = self.expr_type(e);
        let Some((code, _, place)) = out.variants.iter().find(|(_, t, _)| *t == ty) else { return Vec::new() };
        let c = self.int_const(*code);
        vec![
            ir::Stmt::new(StmtKind::Assign { dst: *place, value: e }, span),
            ir::Stmt::new(StmtKind::Assign { dst: out.tag, value: c }, span),
        ]
    }

    /// Makes the union `out` None (its tag; None's place holds nothing).
    fn union_store_none(&mut self, out: &UnionValue, span: Span) -> Vec<ir::Stmt> {
        let Some((code, _, _)) = out.variants.iter().find(|(_, t, _)| *t == Type::None) else { return Vec::new() };
        let c = self.int_const(*code);
        vec![ir::Stmt::new(StmtKind::Assign { dst: out.tag, value: c }, span)]
    }

    /// Lowers a consumer of one value that may be a union: `f` sees only plain values.
    pub fn split1(&mut self, v: Value, span: Span, f: &mut dyn FnMut(&mut Self, Value) -> Value) -> Value {
        self.split(vec![v], span, &mut |fx, mut vs| f(fx, vs.pop().expect("one value")))
    }

    /// Raises a Python exception here at run time; nothing after it runs.
    pub fn raise_now(&mut self, kind: &str, message: &str, span: Span) -> Value {
        self.emit(StmtKind::Raise { kind: kind.into(), message: message.into() }, span);
        self.flow = None;
        Value::Error
    }

    pub fn int_const(&mut self, v: i64) -> ExprId {
        self.add(Expr::Const(Const::Int(v)), Type::py_int())
    }
}

/// The first union among `values` (depth first, into tuples).
fn find_union(values: &[Value]) -> Option<Rc<UnionValue>> {
    values.iter().find_map(|v| match v {
        Value::Union(u) => Some(u.clone()),
        Value::Tuple(items) => find_union(items),
        _ => None,
    })
}

/// Replaces every occurrence of union `u` (the same tag) in `values` by `new`.
fn replace_union(values: &mut [Value], u: &UnionValue, new: &Value) {
    for v in values.iter_mut() {
        match v {
            Value::Union(w) if w.tag == u.tag => *v = new.clone(),
            Value::Tuple(items) => replace_union(items, u, new),
            _ => {}
        }
    }
}
