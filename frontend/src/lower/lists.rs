//! Python lists built at run time: `xs = []`, `xs.append(x)`, `len(xs)`, `xs[i]`,
//! `xs[i] = v`, `for x in xs`, `print(xs)`, `np.array(xs)` (and every NumPy function of
//! one).
//!
//! A list literal is a compile-time sequence (`Value::Tuple` with `list`) unless its
//! variable is changed in place: a name the body calls `append`, `extend`, `insert`, `pop`,
//! `clear` or `reverse` on ([`growing_names`]) gets a runtime list (`ir::Type::List`,
//! `Value::List`) when a list is assigned to it. The list is a reference, as in Python:
//! every name bound to it sees its changes. Its items have one type, a scalar type
//! (Python or NumPy numbers) or an array type; an empty list takes the type of what is
//! later appended to its variable (`Facts::list_items`, learnt by one pass for the next).
//! An array appended is the same array, not a copy (`xs.append(a)` then `a[0] = 1`
//! changes `xs[-1]`), so it is replicated over the ranks (the plan makes it so).

use std::collections::{HashMap, HashSet};

use crate::ast::{self, ExprKind, StmtKind};
use crate::diagnostics as diag;
use ir::{DType, Expr, ExprId, Span, Type};
use runtime_abi::EntryPoint;

use super::{FnCx, Seq, Value};

/// The methods of a runtime list.
pub(crate) const LIST_METHODS: &[&str] = &["append", "extend", "insert", "pop", "remove", "clear", "reverse", "sort", "copy", "count"];

/// What a runtime list supports, for errors naming another method.
pub(crate) fn list_methods_hint() -> String {
    format!(
        "lists built at run time have the methods {}, and `len`, indexing, slices, `in`, `for` loops, printing, `sum`/`min`/`max`/`sorted` and NumPy functions of them",
        LIST_METHODS.iter().map(|m| format!("`{m}`")).collect::<Vec<_>>().join(", ")
    )
}

/// The methods that change a list in place: a name they are called on holds a runtime list.
const GROWING_METHODS: &[&str] = &["append", "extend", "insert", "pop", "remove", "clear", "reverse", "sort"];

/// The parameters of each module-level function that hold runtime lists (the function
/// changes them in place, itself or through the functions it passes them to): the
/// arguments a caller passes there must be runtime lists too, so that the caller sees
/// the change.
pub(crate) fn list_params(module: &[ast::Stmt]) -> HashMap<String, (Vec<String>, HashSet<String>)> {
    let defs: Vec<&ast::FunctionDef> = module
        .iter()
        .filter_map(|s| match &s.kind {
            StmtKind::FunctionDef(def) => Some(def),
            _ => None,
        })
        .collect();
    let mut map: HashMap<String, (Vec<String>, HashSet<String>)> =
        defs.iter().map(|d| (d.name.clone(), (d.params.iter().map(|p| p.name.clone()).collect(), HashSet::new()))).collect();
    // Grows until stable: a function passing its parameter to one that changes it.
    for _ in 0..=defs.len() {
        let mut changed = false;
        for def in &defs {
            let own: Vec<String> = def.params.iter().map(|p| p.name.clone()).collect();
            let grows = growing_names(&def.body, false, &map, &own);
            let entry = map.get_mut(&def.name).expect("a def");
            for p in &entry.0 {
                if grows.contains(p) && entry.1.insert(p.clone()) {
                    changed = true;
                }
            }
        }
        if !changed {
            break;
        }
    }
    map
}

/// The names of `body` that hold runtime lists: those it calls a list-changing method on
/// (`xs.append(x)`), those it passes where a function changes its parameter (see
/// [`list_params`]), its parameters `own` it extends with `+=` (the caller's list), and the
/// names assigned to or from one of them (`ys = xs`: one list).
/// Nested function bodies count when `nested` (the module body: a function may append to
/// a module-level list).
pub(crate) fn growing_names(body: &[ast::Stmt], nested: bool, params: &HashMap<String, (Vec<String>, HashSet<String>)>, own: &[String]) -> HashSet<String> {
    let mut out = HashSet::new();
    let mut visit = |e: &ast::Expr| match &e.kind {
        ExprKind::Call { func, args, keywords } => match &func.kind {
            ExprKind::Attribute { value, attr } => {
                if let (ExprKind::Name(n), true) = (&value.kind, GROWING_METHODS.contains(&attr.as_str())) {
                    out.insert(n.clone());
                }
            }
            // A nested function read (`closures.rs`): the values of its free names go to
            // its last parameters, which it may change.
            ExprKind::Name(f) if f == crate::syntax::CLOSURE => {
                if let Some(ExprKind::Str(lifted)) = args.first().map(|a| &a.kind) {
                    if let Some((names, grows)) = params.get(lifted) {
                        let values = args.get(2..).unwrap_or_default();
                        let hidden = &names[names.len().saturating_sub(values.len())..];
                        for (a, p) in values.iter().zip(hidden) {
                            if let (ExprKind::Name(n), true) = (&a.kind, grows.contains(p)) {
                                out.insert(n.clone());
                            }
                        }
                    }
                }
            }
            ExprKind::Name(f) => {
                if let Some((names, grows)) = params.get(f) {
                    for (k, a) in args.iter().enumerate() {
                        if let (ExprKind::Name(n), Some(p)) = (&a.kind, names.get(k)) {
                            if grows.contains(p) {
                                out.insert(n.clone());
                            }
                        }
                    }
                    for kw in keywords {
                        if let (ExprKind::Name(n), true) = (&kw.value.kind, grows.contains(&kw.name)) {
                            out.insert(n.clone());
                        }
                    }
                }
            }
            _ => {}
        },
        _ => {}
    };
    visit_body(body, nested, &mut visit);
    // `xs[i] = v` changes a list in place too (an array's name here is harmless: only a
    // list assigned to the name becomes a runtime list).
    item_assigned(body, nested, &mut out);
    // Names bound to one another share the list; `xs += ys` changes it in place, which
    // matters where another name is bound to it (else a new sequence serves).
    let mut pairs = Vec::new();
    alias_pairs(body, nested, &mut pairs);
    let mut extended = HashSet::new();
    augmented_names(body, nested, &mut extended);
    for (a, b) in &pairs {
        if extended.contains(a) || extended.contains(b) {
            out.insert(a.clone());
        }
    }
    out.extend(own.iter().filter(|p| extended.contains(*p)).cloned());
    loop {
        let before = out.len();
        for (a, b) in &pairs {
            if out.contains(a) || out.contains(b) {
                out.insert(a.clone());
                out.insert(b.clone());
            }
        }
        if out.len() == before {
            break;
        }
    }
    out
}

/// Each name of `growing` with the name that stands for all the names bound to one
/// another (`ys = xs`), under which the type of their items is learnt.
pub(crate) fn list_groups(body: &[ast::Stmt], nested: bool, growing: &HashSet<String>) -> HashMap<String, String> {
    let mut pairs = Vec::new();
    alias_pairs(body, nested, &mut pairs);
    let mut group: HashMap<String, String> = growing.iter().map(|n| (n.clone(), n.clone())).collect();
    loop {
        let mut changed = false;
        for (a, b) in &pairs {
            if let (Some(ga), Some(gb)) = (group.get(a).cloned(), group.get(b).cloned()) {
                if ga != gb {
                    let low = ga.clone().min(gb.clone());
                    for g in group.values_mut() {
                        if *g == ga || *g == gb {
                            *g = low.clone();
                        }
                    }
                    changed = true;
                }
            }
        }
        if !changed {
            break;
        }
    }
    group
}

/// The names `body` assigns items of (`xs[i] = v`, `xs[i] += v`).
fn item_assigned(body: &[ast::Stmt], nested: bool, out: &mut HashSet<String>) {
    fn target(t: &ast::Expr, out: &mut HashSet<String>) {
        if let ExprKind::Subscript { value, .. } = &t.kind {
            if let ExprKind::Name(n) = &value.kind {
                out.insert(n.clone());
            }
        }
    }
    for s in body {
        match &s.kind {
            StmtKind::Assign { targets, .. } => targets.iter().for_each(|t| target(t, out)),
            StmtKind::AugAssign { target: t, .. } => target(t, out),
            StmtKind::If { body, orelse, .. } | StmtKind::While { body, orelse, .. } | StmtKind::For { body, orelse, .. } => {
                item_assigned(body, nested, out);
                item_assigned(orelse, nested, out);
            }
            StmtKind::FunctionDef(def) if nested => item_assigned(&def.body, nested, out),
            _ => {}
        }
    }
}

/// The names `body` extends with `+=`.
fn augmented_names(body: &[ast::Stmt], nested: bool, out: &mut HashSet<String>) {
    for s in body {
        match &s.kind {
            StmtKind::AugAssign { target, op: ast::BinOp::Add, .. } => {
                if let ExprKind::Name(n) = &target.kind {
                    out.insert(n.clone());
                }
            }
            StmtKind::If { body, orelse, .. } | StmtKind::While { body, orelse, .. } | StmtKind::For { body, orelse, .. } => {
                augmented_names(body, nested, out);
                augmented_names(orelse, nested, out);
            }
            StmtKind::FunctionDef(def) if nested => augmented_names(&def.body, nested, out),
            _ => {}
        }
    }
}

/// `(target, value)` of every assignment of one name to another (`ys = xs`).
fn alias_pairs(body: &[ast::Stmt], nested: bool, out: &mut Vec<(String, String)>) {
    for s in body {
        match &s.kind {
            StmtKind::Assign { targets, value } => {
                if let ExprKind::Name(v) = &value.kind {
                    for t in targets {
                        if let ExprKind::Name(t) = &t.kind {
                            out.push((t.clone(), v.clone()));
                        }
                    }
                }
            }
            StmtKind::If { body, orelse, .. } | StmtKind::While { body, orelse, .. } | StmtKind::For { body, orelse, .. } => {
                alias_pairs(body, nested, out);
                alias_pairs(orelse, nested, out);
            }
            StmtKind::FunctionDef(def) if nested => alias_pairs(&def.body, nested, out),
            _ => {}
        }
    }
}

fn visit_body(body: &[ast::Stmt], nested: bool, f: &mut dyn FnMut(&ast::Expr)) {
    for s in body {
        let mut each = |e: &ast::Expr| super::effects::visit_expr(e, f);
        match &s.kind {
            StmtKind::Expr(e) => each(e),
            StmtKind::Assign { targets, value } => {
                targets.iter().for_each(&mut each);
                each(value);
            }
            StmtKind::AugAssign { target, value, .. } => {
                each(target);
                each(value);
            }
            StmtKind::If { test, body, orelse } | StmtKind::While { test, body, orelse } => {
                each(test);
                visit_body(body, nested, f);
                visit_body(orelse, nested, f);
            }
            StmtKind::For { target, iter, body, orelse } => {
                each(target);
                each(iter);
                visit_body(body, nested, f);
                visit_body(orelse, nested, f);
            }
            StmtKind::Return(Some(e)) => each(e),
            StmtKind::Delete(targets) => targets.iter().for_each(&mut each),
            StmtKind::FunctionDef(def) if nested => visit_body(&def.body, nested, f),
            _ => {}
        }
    }
}

impl<'c, 's> FnCx<'c, 's> {
    /// The item type of a list read.
    pub(crate) fn list_item_type(&self, l: ExprId) -> Type {
        match self.expr_type(l) {
            Type::List(item) => *item,
            _ => Type::None,
        }
    }

    /// Appends an item of type `ty` to `l`, which must hold that type (a located error
    /// otherwise).
    pub(crate) fn list_push_checked(&mut self, l: ExprId, ty: &Type, e: ExprId, span: Span) {
        let known = self.list_item_type(l);
        if self.list_accepts(&known, ty, span) {
            self.push_item(l, ty, e, span);
        }
    }

    /// A value as a list item: its type and its read (`None` after a reported error).
    pub(crate) fn list_item(&mut self, v: Value, span: Span) -> Option<(Type, ExprId)> {
        let e = match v {
            Value::Scalar(e) | Value::Array(e) | Value::Str(e) => e,
            Value::Lazy(l) => self.materialize(l, span),
            Value::Error => return None,
            Value::Tuple(seq) if !seq.list => {
                self.error(diag::unsupported_syntax(
                    span,
                    "lists built at run time holding tuples, where the list is used otherwise than field by field",
                    "a list made empty, appended tuples of one length and read only by `for a, b in xs`, `xs[i][j]`, `xs[i]`, `len(xs)`, comprehensions and `print` is kept as one list per field; pass or return the fields instead",
                ));
                return None;
            }
            other => {
                let what = self.describe_value(&other);
                self.error(diag::unsupported_syntax(
                    span,
                    &format!("lists built at run time holding {what}"),
                    "such a list may hold numbers of one type or arrays of one dtype and dimension; keep other items in a tuple or a list written out",
                ));
                return None;
            }
        };
        let ty = self.expr_type(e);
        if ty.dtype().is_some_and(|d| d.is_complex()) {
            self.error(diag::unsupported_dtype(span, "lists built at run time", ty.dtype().map_or("complex128", |d| d.numpy_name()), "collect the values in a preallocated complex array instead (`z = np.zeros(n, dtype=complex)`, `z[i] = v`)"));
            return None;
        }
        Some((ty, e))
    }

    /// Checks an item of type `ty` against a list's item type `known` (`Type::None`: not
    /// yet known). Python lists may mix types; legatec's hold one.
    fn list_accepts(&mut self, known: &Type, ty: &Type, span: Span) -> bool {
        if *known == Type::None || known == ty {
            return true;
        }
        let hint = match (known, ty) {
            (Type::Scalar { dtype: a, .. }, Type::Scalar { .. }) if a.is_float() => "convert the item first (`float(x)`)",
            (Type::Scalar { .. }, Type::Scalar { dtype: b, .. }) if b.is_float() => "make every item of the list a float (`xs.append(float(x))`)",
            (Type::Scalar { .. }, Type::Scalar { .. }) => "give every item of the list one type (`int(x)`, `float(x)`, `np.float64(x)`)",
            _ => "keep items of one type in a list (arrays of one dtype and dimension)",
        };
        let message = format!(
            "this list holds {}s; an item that is {} would make a list of mixed types, which legatec does not support",
            super::describe(known).trim_start_matches("an ").trim_start_matches("a "),
            super::describe(ty)
        );
        self.error(diag::type_error(span, message, hint));
        false
    }

    /// A new empty runtime list of items of type `item` (`Type::None`: not known).
    pub(crate) fn new_list(&mut self, item: Type, span: Span) -> Option<ExprId> {
        let arrays = self.int_const(i64::from(item.is_array()));
        self.runtime_call(EntryPoint::ListNew, vec![arrays], Some(Type::list(item)), span)
    }

    /// A runtime list of the items of a list literal; `known`: the type a variable's
    /// appends give its items (for an empty literal).
    pub(crate) fn list_from_items(&mut self, items: Seq, known: Option<Type>, span: Span) -> Value {
        let mut typed = Vec::new();
        for v in items.items {
            let Some(item) = self.list_item(v, span) else { return Value::Error };
            typed.push(item);
        }
        let item = typed.first().map(|(t, _)| t.clone()).or(known).unwrap_or(Type::None);
        for (ty, _) in &typed {
            if !self.list_accepts(&item, ty, span) {
                return Value::Error;
            }
        }
        let Some(l) = self.new_list(item.clone(), span) else { return Value::Error };
        for (ty, e) in typed {
            self.push_item(l, &ty, e, span);
        }
        Value::List(l)
    }

    /// `[x, y] * n` with `n` known only when running: a runtime list of the items, each
    /// evaluated once, repeated `n` times (none for `n <= 0`).
    pub(crate) fn list_repeated(&mut self, items: Seq, n: ExprId, span: Span) -> Value {
        let mut held = Vec::new();
        for v in items.items {
            let Some((ty, e)) = self.list_item(v, span) else { return Value::Error };
            let t = self.temp(ty.clone());
            self.emit(ir::StmtKind::Assign { dst: t, value: e }, span);
            held.push((ty, t));
        }
        let item = held.first().map(|(t, _)| t.clone()).unwrap_or(Type::None);
        for (ty, _) in &held {
            if !self.list_accepts(&item, ty, span) {
                return Value::Error;
            }
        }
        let place = self.temp(Type::list(item.clone()));
        let arrays = self.int_const(i64::from(item.is_array()));
        self.emit(ir::StmtKind::Runtime { func: EntryPoint::ListNew, args: vec![arrays], dst: Some(place) }, span);
        let n = self.cast_scalar(n, DType::I64);
        let (zero, one) = (self.int_const(0), self.int_const(1));
        let var = self.temp(Type::py_int());
        let body = self.block(|fx| {
            for (ty, t) in &held {
                let (l, e) = (fx.read(place), fx.read(*t));
                fx.push_item(l, ty, e, span);
            }
        });
        self.emit(ir::StmtKind::For { var, start: zero, stop: n, step: one, body }, span);
        Value::List(self.read(place))
    }

    fn push_item(&mut self, l: ExprId, ty: &Type, e: ExprId, span: Span) {
        let entry = match ty {
            Type::Array { .. } => EntryPoint::ListPushA,
            Type::Str => EntryPoint::ListPushS,
            t if t.dtype().is_some_and(|d| d.is_float()) => EntryPoint::ListPushF,
            _ => EntryPoint::ListPushI,
        };
        self.runtime_call(entry, vec![l, e], None, span);
    }

    /// `len(xs)`.
    pub(crate) fn list_len(&mut self, l: ExprId, span: Span) -> ExprId {
        self.runtime_call(EntryPoint::ListLen, vec![l], Some(Type::py_int()), span).expect("a result")
    }

    /// The position index `i` names (`what`: which IndexError, see `lt_list_index`).
    fn list_position(&mut self, l: ExprId, i: ExprId, what: i64, span: Span) -> ExprId {
        let what = self.int_const(what);
        self.runtime_call(EntryPoint::ListIndex, vec![l, i, what], Some(Type::py_int()), span).expect("a result")
    }

    /// The item at position `at` (already checked).
    pub(crate) fn list_get(&mut self, l: ExprId, at: ExprId, span: Span) -> Value {
        let item = self.list_item_type(l);
        // An empty list never appended to reads as floats (any index is out of range).
        let ty = if item == Type::None { Type::py_float() } else { item };
        let entry = match &ty {
            Type::Array { .. } => EntryPoint::ListGetA,
            Type::Str => EntryPoint::ListGetS,
            t if t.dtype().is_some_and(|d| d.is_float()) => EntryPoint::ListGetF,
            _ => EntryPoint::ListGetI,
        };
        match self.runtime_call(entry, vec![l, at], Some(ty), span) {
            Some(e) => self.value_of_read(e),
            None => Value::Error,
        }
    }

    /// `xs[i]` of an int `i`.
    pub(crate) fn list_index(&mut self, l: ExprId, i: ExprId, span: Span) -> Value {
        let at = self.list_position(l, i, 0, span);
        self.list_get(l, at, span)
    }

    /// `xs[i]` or `xs[a:b:c]`.
    pub(crate) fn list_subscript(&mut self, l: ExprId, index: &[ast::IndexExpr], span: Span) -> Value {
        match index {
            [ast::IndexExpr::Expr(e)] => {
                let v = self.expr(e);
                let Some(i) = self.int_value(v, e.span) else { return Value::Error };
                self.list_index(l, i, span)
            }
            [ast::IndexExpr::Slice { lower, upper, step, .. }] => {
                let mut given = 0;
                let mut bounds = Vec::new();
                for (bit, bound) in [(1, lower), (2, upper), (4, step)] {
                    match bound {
                        Some(b) => {
                            let v = self.expr(b);
                            let Some(i) = self.int_value(v, b.span) else { return Value::Error };
                            given |= bit;
                            bounds.push(i);
                        }
                        None => bounds.push(self.int_const(0)),
                    }
                }
                let given = self.int_const(given);
                let ty = self.expr_type(l);
                match self.runtime_call(EntryPoint::ListSlice, vec![l, bounds[0], bounds[1], bounds[2], given], Some(ty), span) {
                    Some(e) => Value::List(e),
                    None => Value::Error,
                }
            }
            _ => {
                self.error(diag::type_error(span, "list indices must be integers or slices, not tuple", "index a list with one integer or one slice"));
                Value::Error
            }
        }
    }

    /// `xs[i] = v`.
    pub(crate) fn list_store(&mut self, l: ExprId, i: ExprId, v: Value, span: Span) {
        let Some((ty, e)) = self.list_item(v, span) else { return };
        let known = self.list_item_type(l);
        if !self.list_accepts(&known, &ty, span) {
            return;
        }
        let at = self.list_position(l, i, 1, span);
        let entry = match &ty {
            Type::Array { .. } => EntryPoint::ListSetA,
            Type::Str => EntryPoint::ListSetS,
            t if t.dtype().is_some_and(|d| d.is_float()) => EntryPoint::ListSetF,
            _ => EntryPoint::ListSetI,
        };
        self.runtime_call(entry, vec![l, at, e], None, span);
    }

    /// `str(xs)`.
    pub(crate) fn list_str(&mut self, l: ExprId, span: Span) -> Option<ExprId> {
        let kind = match self.list_item_type(l) {
            Type::Array { .. } => runtime_abi::KIND_ARRAY,
            Type::Str => runtime_abi::KIND_STR,
            Type::Scalar { dtype, weak } => dtype.code() + if weak { runtime_abi::LIST_WEAK } else { 0 },
            _ => DType::F64.code() + runtime_abi::LIST_WEAK,
        };
        let kind = self.int_const(kind);
        self.runtime_call(EntryPoint::ListStr, vec![l, kind], Some(Type::Str), span)
    }

    /// `np.array(xs)`: a 1-D array of the numbers, or the arrays stacked along a new first
    /// axis. NumPy makes an empty list a float64 array of shape (0,), a dtype chosen by the
    /// data: a list of other items that is empty stops the program.
    pub(crate) fn list_to_array(&mut self, l: ExprId, span: Span) -> Value {
        self.list_to_array_of(l, span, true)
    }

    /// `list_to_array`; `strict` false where the consumer does not read the dtype of an
    /// empty list (`in`, `sum`).
    pub(crate) fn list_to_array_of(&mut self, l: ExprId, span: Span, strict: bool) -> Value {
        let item = self.list_item_type(l);
        if item == Type::Str {
            self.error(diag::unsupported_syntax(span, "NumPy arrays of strings (a list of strings where NumPy makes an array)", "keep strings in lists; index them with the positions NumPy functions give"));
            return Value::Error;
        }
        if strict && !matches!(item, Type::Scalar { dtype: DType::F64, .. } | Type::None | Type::Array { .. }) {
            let n = self.list_len(l, span);
            let zero = self.int_const(0);
            let empty = self.add(Expr::Compare(ir::CompareOp::Eq, n, zero), Type::py_bool());
            let name = item.dtype().map_or("float64", |d| d.numpy_name());
            self.raise_kind_if(empty, "ValueError", format!("legatec: NumPy makes an empty list a float64 array of shape (0,); this list was compiled for {name} items"), span);
        }
        let (dtype, ndim) = match self.list_item_type(l) {
            Type::Array { dtype, ndim } => (dtype, ndim + 1),
            Type::Scalar { dtype, .. } => (dtype, 1),
            _ => (DType::F64, 1),
        };
        let code = self.int_const(dtype.code());
        match self.runtime_call(EntryPoint::ListToArray, vec![l, code], Some(Type::array(dtype, ndim)), span) {
            Some(e) => Value::Array(e),
            None => Value::Error,
        }
    }

    /// A method call on a runtime list (an append teaches the next pass the items' type:
    /// `note_items`).
    pub(crate) fn list_method(&mut self, l: ExprId, name: &str, argv: Vec<(Value, Span)>, kw: Vec<(String, Value, Span)>, span: Span) -> Value {
        let mut reverse = false;
        if name == "sort" {
            let Some(r) = self.const_bool_kw(&kw, "reverse", false) else { return Value::Error };
            reverse = r;
        }
        if let Some((k, _, kspan)) = kw.iter().find(|(k, ..)| !(name == "sort" && k == "reverse")) {
            self.error(diag::bad_arguments(*kspan, format!("list.{name}() takes no keyword argument `{k}`")));
            return Value::Error;
        }
        let arity = |fx: &mut Self, n: std::ops::RangeInclusive<usize>| {
            if n.contains(&argv.len()) {
                true
            } else {
                fx.error(diag::bad_arguments(span, format!("list.{name}() takes {} arguments, {} given", if n.start() == n.end() { n.start().to_string() } else { format!("{} to {}", n.start(), n.end()) }, argv.len())));
                false
            }
        };
        let known = self.list_item_type(l);
        match name {
            "append" | "insert" => {
                let n = if name == "append" { 1 } else { 2 };
                if !arity(self, n..=n) {
                    return Value::Error;
                }
                let mut argv = argv;
                let (v, vspan) = argv.pop().expect("an item");
                let Some((ty, e)) = self.list_item(v, vspan) else { return Value::Error };
                if !self.note_items(l, &ty, span) || !self.list_accepts(&known, &ty, vspan) {
                    return Value::Error;
                }
                let position = if name == "insert" {
                    let (iv, ispan) = argv.pop().expect("an index");
                    match self.int_value(iv, ispan) {
                        Some(i) => Some(i),
                        None => return Value::Error,
                    }
                } else {
                    None
                };
                self.push_item(l, &ty, e, span);
                if let Some(i) = position {
                    self.runtime_call(EntryPoint::ListMoveLast, vec![l, i], None, span);
                }
                Value::None
            }
            "extend" => {
                if !arity(self, 1..=1) {
                    return Value::Error;
                }
                let (v, vspan) = argv.into_iter().next().expect("an iterable");
                match v {
                    Value::List(other) => {
                        let ty = self.list_item_type(other);
                        if ty != Type::None && (!self.note_items(l, &ty, span) || !self.list_accepts(&known, &ty, vspan)) {
                            return Value::Error;
                        }
                        self.runtime_call(EntryPoint::ListExtend, vec![l, other], None, span);
                    }
                    Value::Tuple(items) => {
                        let mut typed = Vec::new();
                        for item in items.items {
                            let Some(t) = self.list_item(item, vspan) else { return Value::Error };
                            typed.push(t);
                        }
                        if let Some((ty, _)) = typed.first() {
                            if !self.note_items(l, &ty.clone(), span) {
                                return Value::Error;
                            }
                        }
                        let mut known = known;
                        for (ty, e) in typed {
                            if !self.list_accepts(&known, &ty, vspan) {
                                return Value::Error;
                            }
                            known = ty.clone();
                            self.push_item(l, &ty, e, span);
                        }
                    }
                    Value::Error => return Value::Error,
                    other => {
                        let what = self.describe_value(&other);
                        self.error(diag::unsupported_syntax(vspan, &format!("`list.extend` of {what}"), "extend a list with a list or a tuple"));
                        return Value::Error;
                    }
                }
                Value::None
            }
            "pop" => {
                if !arity(self, 0..=1) {
                    return Value::Error;
                }
                let i = match argv.into_iter().next() {
                    Some((v, vspan)) => match self.int_value(v, vspan) {
                        Some(i) => i,
                        None => return Value::Error,
                    },
                    None => self.int_const(-1),
                };
                let at = self.list_position(l, i, 2, span);
                let item = self.list_get(l, at, span);
                // The item is held before it leaves the list (a copy of a number, a
                // reference to an array).
                let item = self.snapshot_value(item, span);
                self.runtime_call(EntryPoint::ListRemove, vec![l, at], None, span);
                item
            }
            "remove" | "count" => {
                if !arity(self, 1..=1) {
                    return Value::Error;
                }
                if known.is_array() {
                    self.error(diag::unsupported_syntax(span, &format!("`list.{name}` of a list of arrays (comparing arrays is elementwise)"), "find the position with a loop over `len(xs)` and remove it with `xs.pop(i)`"));
                    return Value::Error;
                }
                let (x, xspan) = argv.into_iter().next().expect("one");
                let x = self.stabilize(x, xspan);
                // The first position of an item equal to `x` (Python's `==`), or how many.
                let held = self.temp(self.expr_type(l));
                self.emit(ir::StmtKind::Assign { dst: held, value: l }, span);
                let tally = self.temp(Type::py_int());
                let start = self.int_const(if name == "remove" { -1 } else { 0 });
                self.emit(ir::StmtKind::Assign { dst: tally, value: start }, span);
                let floats = known.dtype().is_some_and(|d| d.is_float()) && self.value_dtype(&x).is_some_and(|d| d.is_float());
                let ok = self.list_items_loop(held, 0, span, &mut |fx, i, item| {
                    // Python tests `is` before `==`: a NaN equals the very object it is,
                    // which a compiled program cannot tell from another NaN.
                    if floats {
                        let x_nan = fx.call_builtin("numpy.isnan", vec![(x.clone(), span)], vec![], span);
                        let item_nan = fx.call_builtin("numpy.isnan", vec![(item.clone(), span)], vec![], span);
                        let both = fx.binary(ast::BinOp::BitAnd, x_nan, item_nan, span);
                        if let Some(c) = fx.truth(both, span) {
                            fx.raise_kind_if(c, "ValueError", format!("legatec: `list.{name}` of a NaN in a list that holds a NaN (Python's answer depends on whether they are the same object)"), span);
                        }
                    }
                    let equal = fx.compare(ast::CmpOp::Eq, item, x.clone(), span);
                    let Some(equal) = fx.truth(equal, span) else { return false };
                    let t = fx.read(tally);
                    let (cond, next) = if name == "remove" {
                        let zero = fx.int_const(0);
                        let unset = fx.add(Expr::Compare(ir::CompareOp::Lt, t, zero), Type::py_bool());
                        (fx.add(Expr::Logical(ir::LogicalOp::And, equal, unset), Type::py_bool()), i)
                    } else {
                        let one = fx.int_const(1);
                        (equal, fx.add(Expr::Binary(ir::BinaryOp::Add, t, one), Type::py_int()))
                    };
                    let then_body = fx.block(|fx| fx.emit(ir::StmtKind::Assign { dst: tally, value: next }, span));
                    fx.emit(ir::StmtKind::If { cond, then_body, else_body: vec![] }, span);
                    true
                });
                if !ok {
                    return Value::Error;
                }
                let zero = self.int_const(0);
                let t = self.read(tally);
                if name == "count" {
                    return Value::Scalar(t);
                }
                let missing = self.add(Expr::Compare(ir::CompareOp::Lt, t, zero), Type::py_bool());
                self.raise_kind_if(missing, "ValueError", "list.remove(x): x not in list".into(), span);
                let current = self.read(held);
                self.runtime_call(EntryPoint::ListRemove, vec![current, t], None, span);
                Value::None
            }
            "clear" | "reverse" => {
                if !arity(self, 0..=0) {
                    return Value::Error;
                }
                let entry = if name == "clear" { EntryPoint::ListClear } else { EntryPoint::ListReverse };
                self.runtime_call(entry, vec![l], None, span);
                Value::None
            }
            "sort" => {
                if !arity(self, 0..=0) {
                    return Value::Error;
                }
                if known.is_array() {
                    self.error(diag::type_error(span, "arrays have no order that sorts a list of them ('<' not supported between instances of 'numpy.ndarray')", "sort numbers"));
                    return Value::Error;
                }
                self.sort_list(l, reverse, span);
                Value::None
            }
            "copy" => {
                if !arity(self, 0..=0) {
                    return Value::Error;
                }
                let ty = self.expr_type(l);
                match self.runtime_call(EntryPoint::ListCopy, vec![l], Some(ty), span) {
                    Some(e) => Value::List(e),
                    None => Value::Error,
                }
            }
            _ => {
                let nearest = diag::nearest(name, LIST_METHODS.iter().copied());
                self.error(diag::unsupported_call(span, &format!("list.{name}"), nearest).with_hint(list_methods_hint()));
                Value::Error
            }
        }
    }

    /// The variable list `l` is read from, and whether it is module-level.
    fn list_variable(&self, l: ExprId) -> Option<(String, bool)> {
        let Expr::Read(place) = &self.f.exprs[l] else { return None };
        let global = matches!(place, ir::Place::Global(_));
        let slots = if global { &self.cx.global_slots } else { &self.vars };
        slots.iter().find(|(_, s)| s.places.iter().any(|(_, p)| p == place)).map(|(n, _)| (n.clone(), global))
    }

    /// Teaches the next pass the type of the items added to list `l` (for the empty list
    /// its variable is given). Where the list's own type does not know them yet and no
    /// pass will (the list came from elsewhere), a located error; `false` after one.
    fn note_items(&mut self, l: ExprId, ty: &Type, span: Span) -> bool {
        let known = self.list_item_type(l) != Type::None;
        match self.list_variable(l) {
            Some((name, true)) => {
                // The first item added types the list (a later one of another type is an error).
                let key = self.cx.list_groups.get(&name).cloned().unwrap_or(name);
                self.cx.summary_next.list_items.entry(key).or_insert_with(|| ty.clone());
            }
            Some((name, false)) => {
                if let ir::Expr::Read(ir::Place::Local(v)) = &self.f.exprs[l] {
                    if self.f.params.contains(v) {
                        // A parameter: its callers' empty lists learn the type.
                        // The instance's function: its name without the instance count
                        // (`f.2`); a lifted nested function's name has dots of its own.
                        let function = match self.f.name.rsplit_once('.') {
                            Some((base, n)) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => base.to_string(),
                            _ => self.f.name.clone(),
                        };
                        self.cx.list_param_items.entry((function, name.clone())).or_insert_with(|| ty.clone());
                    }
                }
                let key = self.list_groups.get(&name).cloned().unwrap_or(name);
                self.next.list_items.entry(key).or_insert_with(|| ty.clone());
            }
            None => {}
        }
        // (In a first pass the error is provisional: the facts it records type the list in
        // the next, which then meets no error.)
        if !known {
            self.error(diag::unsupported_syntax(
                span,
                "items added to an empty list whose items' type is not known where it is made",
                "add to the list where it is made (in the same function), or make it with a first item",
            ));
            return false;
        }
        true
    }

    /// Copies a value read from a runtime call into a place of its own.
    fn snapshot_value(&mut self, v: Value, span: Span) -> Value {
        match v {
            Value::Scalar(e) | Value::Array(e) => {
                let t = self.temp(self.expr_type(e));
                self.emit(ir::StmtKind::Assign { dst: t, value: e }, span);
                let r = self.read(t);
                self.value_of_read(r)
            }
            other => other,
        }
    }

    /// The runtime list `name = [items]` makes, when `name` is changed in place.
    pub(crate) fn growing_list(&mut self, name: &str, items: Seq, span: Span) -> Value {
        let known = if self.is_main {
            let key = self.cx.list_groups.get(name).map_or(name, String::as_str);
            self.cx.summary.as_ref().and_then(|s| s.list_items.get(key).cloned())
        } else {
            let key = self.list_groups.get(name).map_or(name, String::as_str);
            self.facts.list_items.get(key).cloned()
        };
        self.list_from_items(items, known, span)
    }


    /// Python's builtins of one runtime list (`sum`, `min`, `max`, `any`, `all`, `sorted`,
    /// `list`, `sorted`): those of the array it makes, their result a Python number where the
    /// items are Python numbers. `None` where `args` is not one list.
    pub(crate) fn list_builtin(&mut self, path: &str, args: &[(Value, Span)], kw: &[(String, Value, Span)], span: Span) -> Option<Value> {
        let [(Value::List(l), lspan)] = args else { return None };
        let sorted_reverse = path == "sorted" && kw.iter().all(|(k, v, _)| k == "reverse" || k == "key" && matches!(v, Value::None));
        if !matches!(path, "sum" | "min" | "max" | "any" | "all" | "list" | "sorted") || !(kw.is_empty() || sorted_reverse) {
            return None;
        }
        let (l, lspan) = (*l, *lspan);
        let item = self.list_item_type(l);
        if item.is_array() && path != "list" {
            self.error(diag::unsupported_syntax(span, &format!("builtin `{path}` of lists of arrays"), "make one array of the list first (`np.array(xs)`), then reduce it with NumPy"));
            return Some(Value::Error);
        }
        if item == Type::Str && !matches!(path, "list" | "sorted") {
            self.error(diag::unsupported_syntax(span, &format!("builtin `{path}` of lists of strings"), "lists of strings support `len`, indexing, slices, `in`, loops, `sorted`, `str.join` and printing"));
            return Some(Value::Error);
        }
        if path == "list" || path == "sorted" {
            let ty = self.expr_type(l);
            let Some(copy) = self.runtime_call(EntryPoint::ListCopy, vec![l], Some(ty), span) else { return Some(Value::Error) };
            if path == "sorted" {
                let Some(reverse) = self.const_bool_kw(&kw.to_vec(), "reverse", false) else { return Some(Value::Error) };
                self.sort_list(copy, reverse, span);
            }
            return Some(Value::List(copy));
        }
        // An empty list never appended to holds Python floats, as far as anyone can tell.
        let item = if item == Type::None { Type::py_float() } else { item };
        let Type::Scalar { dtype, weak } = item else { return Some(Value::Error) };
        let typed = |fx: &mut Self, e: ExprId| Value::Scalar(fx.retype(e, Type::Scalar { dtype, weak }));
        match path {
            // Python's order of comparisons: the first of equal items, a NaN only first.
            "min" | "max" => {
                let max = self.int_const(i64::from(path == "max"));
                let e = if dtype.is_float() {
                    self.runtime_call(EntryPoint::ListExtremeF, vec![l, max], Some(Type::scalar(DType::F64)), span)?
                } else {
                    let signed = self.int_const(i64::from(dtype != DType::U64));
                    self.runtime_call(EntryPoint::ListExtremeI, vec![l, max, signed], Some(Type::scalar(DType::I64)), span)?
                };
                let e = self.add(Expr::Cast(dtype, e), Type::scalar(dtype));
                Some(typed(self, e))
            }
            // Python's ints added with legatec's overflow check.
            "sum" if weak && !dtype.is_float() => {
                let e = self.runtime_call(EntryPoint::ListSumI, vec![l], Some(Type::py_int()), span)?;
                Some(Value::Scalar(e))
            }
            // NumPy integers: `0 + x0 + ...` keeps their dtype and wraps, as a sum in it does.
            "sum" if !dtype.is_float() && dtype != DType::Bool => {
                let array = self.list_to_array_of(l, lspan, false);
                Some(self.call_numpy_pub("sum", vec![(array, lspan)], vec![("dtype".to_string(), Value::DType(dtype), lspan)], span))
            }
            "sum" if dtype.is_float() => {
                // The items in order; no items is Python's int 0, of another type.
                let array = self.list_to_array_of(l, lspan, false);
                let total = self.call_builtin("sum", vec![(array, lspan)], vec![], span);
                let total = match total {
                    Value::Scalar(e) => typed(self, e),
                    other => other,
                };
                let n = self.list_len(l, span);
                let zero = self.int_const(0);
                let empty = self.add(Expr::Compare(ir::CompareOp::Eq, n, zero), Type::py_bool());
                let int_zero = Value::Scalar(self.int_const(0));
                Some(self.choose(empty, int_zero, total, span))
            }
            _ => {
                let array = self.list_to_array_of(l, lspan, false);
                let r = self.call_builtin(path, vec![(array, lspan)], vec![], span);
                Some(match r {
                    Value::Scalar(e) if weak => {
                        let d = self.expr_type(e).dtype().expect("scalar");
                        Value::Scalar(self.retype(e, Type::Scalar { dtype: d, weak: true }))
                    }
                    other => other,
                })
            }
        }
    }

    /// At a call of `function`: an empty list of unknown items passed where the function
    /// adds items to its parameter takes their type (see `note_items`).
    pub(crate) fn note_list_arguments(&mut self, function: &str, bound: &[(String, Value)], span: Span) {
        for (param, v) in bound {
            let Value::List(l) = v else { continue };
            // (Noted every pass, as the facts of a pass are all recomputed.)
            if let Some(ty) = self.cx.list_param_items.get(&(function.to_string(), param.clone())).cloned() {
                let _ = self.note_items(*l, &ty, span);
            }
        }
    }

    /// Sorts a list of numbers in place.
    fn sort_list(&mut self, l: ExprId, reverse: bool, span: Span) {
        let item = self.list_item_type(l);
        let floats = if item == Type::Str { 2 } else { i64::from(item.dtype().is_none_or(|d| d.is_float())) };
        let floats = self.int_const(floats);
        let reverse = self.int_const(i64::from(reverse));
        self.runtime_call(EntryPoint::ListSort, vec![l, floats, reverse], None, span);
    }

    /// `list(a)` (and `sorted(a)`, the list sorted) of an array: a runtime list of its items
    /// as Python iterates them, NumPy scalars of its dtype for a 1-D array, its rows (views,
    /// as NumPy's) otherwise.
    pub(crate) fn array_items_list(&mut self, a: ExprId, sorted: Option<bool>, span: Span) -> Value {
        let Type::Array { dtype, ndim } = self.expr_type(a) else { return Value::Error };
        if ndim == 0 {
            self.error(diag::type_error(span, "iteration over a 0-d array", "NumPy raises TypeError here; use `a.item()`"));
            return Value::Error;
        }
        if dtype.is_complex() || (sorted.is_some() && ndim > 1) {
            let what = if ndim > 1 { "the rows of an array (Python compares arrays elementwise)".to_string() } else { format!("a {} array", dtype.numpy_name()) };
            self.error(diag::unsupported_syntax(span, &format!("lists made of {what}"), "keep the values in an array (`np.sort(a)`, `a[i]`)"));
            return Value::Error;
        }
        let item = if ndim == 1 { Type::scalar(dtype) } else { Type::array(dtype, ndim - 1) };
        let held = self.temp(self.expr_type(a));
        self.emit(ir::StmtKind::Assign { dst: held, value: a }, span);
        let place = self.temp(Type::list(item.clone()));
        let arrays = self.int_const(i64::from(ndim > 1));
        self.emit(ir::StmtKind::Runtime { func: EntryPoint::ListNew, args: vec![arrays], dst: Some(place) }, span);
        let var = self.temp(Type::py_int());
        let body = self.block(|fx| {
            let i = fx.read(var);
            let arr = fx.read(held);
            let x = if ndim == 1 {
                fx.add(Expr::GetItem(arr, vec![i]), item.clone())
            } else {
                fx.basic_view(arr, vec![ir::IndexItem::Index(i)], span)
            };
            let l = fx.read(place);
            fx.push_item(l, &item, x, span);
        });
        let arr = self.read(held);
        let n = self.add(Expr::Dim(arr, 0), Type::py_int());
        let zero = self.int_const(0);
        let one = self.int_const(1);
        self.emit(ir::StmtKind::For { var, start: zero, stop: n, step: one, body }, span);
        let l = self.read(place);
        if let Some(reverse) = sorted {
            self.sort_list(l, reverse, span);
        }
        Value::List(self.read(place))
    }

    /// `a.tolist()` of a 1-D array: a runtime list of the Python numbers of its elements
    /// (floats, ints or bools); of an N-D array (lists of lists) a located error.
    pub(crate) fn array_tolist(&mut self, a: ExprId, span: Span) -> Value {
        let Type::Array { dtype, ndim } = self.expr_type(a) else { return Value::Error };
        if ndim > 1 {
            self.error(diag::unsupported_syntax(span, "`tolist()` of arrays of more than one dimension (lists of lists)", "index the rows (`a[i].tolist()`) or flatten first (`a.ravel().tolist()`)"));
            return Value::Error;
        }
        if dtype.is_complex() || dtype == ir::DType::U64 {
            self.error(diag::unsupported_dtype(span, "`tolist()`", dtype.numpy_name(), "convert the array first (`.astype(np.int64)`, `.real`)"));
            return Value::Error;
        }
        let (py_dtype, py) = if dtype.is_float() {
            (ir::DType::F64, Type::py_float())
        } else if dtype == ir::DType::Bool {
            (ir::DType::Bool, Type::py_bool())
        } else {
            (ir::DType::I64, Type::py_int())
        };
        let held = self.temp(self.expr_type(a));
        self.emit(ir::StmtKind::Assign { dst: held, value: a }, span);
        let place = self.temp(Type::list(py.clone()));
        let no_arrays = self.int_const(0);
        self.emit(ir::StmtKind::Runtime { func: EntryPoint::ListNew, args: vec![no_arrays], dst: Some(place) }, span);
        let var = self.temp(Type::py_int());
        let body = self.block(|fx| {
            let i = fx.read(var);
            let arr = fx.read(held);
            let x = fx.add(Expr::GetItem(arr, vec![i]), Type::scalar(dtype));
            let c = fx.cast_scalar(x, py_dtype);
            let c = fx.retype(c, py.clone());
            let l = fx.read(place);
            fx.push_item(l, &py, c, span);
        });
        let arr = self.read(held);
        let n = self.add(Expr::Dim(arr, 0), Type::py_int());
        let zero = self.int_const(0);
        let one = self.int_const(1);
        self.emit(ir::StmtKind::For { var, start: zero, stop: n, step: one, body }, span);
        Value::List(self.read(place))
    }
}

impl FnCx<'_, '_> {
    /// `range(stop)`, `range(start, stop)`, `range(start, stop, step)` where it is not
    /// looped over directly: its ints, read once (Python's ValueError for a step of 0).
    pub(crate) fn range_value(&mut self, args: Vec<(Value, Span)>, kw: Vec<(String, Value, Span)>, span: Span) -> Value {
        if let Some((k, _, kspan)) = kw.first() {
            self.error(diag::bad_arguments(*kspan, format!("range() takes no keyword arguments (got `{k}`)")));
            return Value::Error;
        }
        if !(1..=3).contains(&args.len()) {
            self.error(diag::bad_arguments(span, format!("range expected 1 to 3 arguments, got {}", args.len())));
            return Value::Error;
        }
        let mut ints = Vec::new();
        for (v, vspan) in args {
            let Some(e) = self.int_value(v, vspan) else { return Value::Error };
            let held = self.temp(Type::py_int());
            self.emit(ir::StmtKind::Assign { dst: held, value: e }, vspan);
            ints.push(self.read(held));
        }
        let (zero, one) = (self.int_const(0), self.int_const(1));
        let (a, b, c) = match ints[..] {
            [b] => (zero, b, one),
            [a, b] => (a, b, one),
            [a, b, c] => (a, b, c),
            _ => unreachable!("checked: 1 to 3"),
        };
        let step_zero = self.add(Expr::Compare(ir::CompareOp::Eq, c, zero), Type::py_bool());
        self.raise_kind_if(step_zero, "ValueError", "range() arg 3 must not be zero".into(), span);
        Value::Range(a, b, c)
    }

    /// A range as the list of its items (Python ints); other values as they are.
    pub(crate) fn range_as_list(&mut self, v: Value, span: Span) -> Value {
        let Value::Range(a, b, c) = v else { return v };
        let py = Type::py_int();
        let place = self.temp(Type::list(py.clone()));
        let no_arrays = self.int_const(0);
        self.emit(ir::StmtKind::Runtime { func: EntryPoint::ListNew, args: vec![no_arrays], dst: Some(place) }, span);
        let var = self.temp(py.clone());
        let body = self.block(|fx| {
            let i = fx.read(var);
            let l = fx.read(place);
            fx.push_item(l, &py, i, span);
        });
        self.emit(ir::StmtKind::For { var, start: a, stop: b, step: c, body }, span);
        Value::List(self.read(place))
    }

    /// `r[k]` of a range: its item `a + k*c`, a negative `k` counting from the end (Python's
    /// IndexError outside it).
    pub(crate) fn range_item(&mut self, a: ExprId, b: ExprId, c: ExprId, k: Value, kspan: Span, span: Span) -> Value {
        let k = match k {
            Value::Scalar(k) if self.expr_type(k).dtype().is_some_and(|d| d.is_int() || d == DType::Bool) => k,
            Value::Error => return Value::Error,
            other => {
                let what = self.describe_value(&other);
                self.error(diag::type_error(kspan, format!("range indices must be integers or slices, not {what}"), "index with an integer"));
                return Value::Error;
            }
        };
        let py = Type::py_int();
        let n = self.runtime_len_of_range(a, b, c, span);
        let at = self.sequence_position(k, n, "range object index out of range".into(), span);
        let offset = self.add(Expr::Binary(ir::BinaryOp::Mul, at, c), py.clone());
        Value::Scalar(self.add(Expr::Binary(ir::BinaryOp::Add, a, offset), py))
    }

    /// `x in range(a, b, c)` of a number: within the bounds on the step's side, and a whole
    /// number of steps from `a` (a float equal to such an int is in it, as Python compares).
    pub(crate) fn range_contains(&mut self, x: Value, a: ExprId, b: ExprId, c: ExprId, span: Span) -> Value {
        use ast::{BinOp, CmpOp as C};
        let (a, b, c) = (Value::Scalar(a), Value::Scalar(b), Value::Scalar(c));
        let zero = Value::Scalar(self.int_const(0));
        let up = self.compare(C::Gt, c.clone(), zero.clone(), span);
        let from_a = self.compare(C::LtE, a.clone(), x.clone(), span);
        let below_b = self.compare(C::Lt, x.clone(), b.clone(), span);
        let rising = self.binary(BinOp::BitAnd, from_a, below_b, span);
        let above_b = self.compare(C::Lt, b, x.clone(), span);
        let to_a = self.compare(C::LtE, x.clone(), a.clone(), span);
        let falling = self.binary(BinOp::BitAnd, above_b, to_a, span);
        let rising = self.binary(BinOp::BitAnd, up.clone(), rising, span);
        let down = self.unary(ast::UnaryOp::Not, up, span);
        let falling = self.binary(BinOp::BitAnd, down, falling, span);
        let within = self.binary(BinOp::BitOr, rising, falling, span);
        let distance = self.binary(BinOp::Sub, x, a, span);
        let rest = self.binary(BinOp::Mod, distance, c, span);
        let on_step = self.compare(C::Eq, rest, zero, span);
        self.binary(BinOp::BitAnd, within, on_step, span)
    }
}

impl FnCx<'_, '_> {
    /// `min(xs, key=f)` / `max(xs, key=f)` (also of several arguments): the first item whose
    /// key is least or greatest, compared as Python compares (`<`, `>`: a NaN key never
    /// wins after the first). Written-out items are compared one after another; a list
    /// built at run time (or a range, or a 1-D array's elements) in a loop.
    pub(crate) fn keyed_extreme(&mut self, path: &str, args: Vec<(Value, Span)>, key: Value, kspan: Span, span: Span) -> Value {
        let op = if path == "min" { ast::CmpOp::Lt } else { ast::CmpOp::Gt };
        let items: Vec<Value> = match args.as_slice() {
            [(Value::Tuple(seq), _)] => seq.items.clone(),
            [(Value::List(_) | Value::Array(_) | Value::Lazy(_), _)] => Vec::new(),
            [(other, vspan)] => {
                let what = self.describe_value(other);
                self.error(diag::type_error(*vspan, format!("`{path}` with `key=` of {what}"), "pass a list, a tuple, a range or a 1-D array"));
                return Value::Error;
            }
            _ => args.iter().map(|(v, _)| v.clone()).collect(),
        };
        if args.len() == 1 && !matches!(args[0].0, Value::Tuple(_)) {
            let (v, vspan) = args.into_iter().next().expect("one");
            let l = match v {
                Value::List(l) => l,
                array => match self.array_arg(array, vspan, path) {
                    Some(a) if matches!(self.expr_type(a), Type::Array { ndim: 1, .. }) => match self.array_items_list(a, None, vspan) {
                        Value::List(l) => l,
                        _ => return Value::Error,
                    },
                    Some(_) => {
                        self.error(diag::type_error(vspan, format!("`{path}` with `key=` of an array of more than one dimension (its rows)"), "pass a 1-D array, or the list of rows"));
                        return Value::Error;
                    }
                    None => return Value::Error,
                },
            };
            return self.keyed_extreme_of_list(path, op, l, key, kspan, span);
        }
        if items.is_empty() {
            self.raise_now("ValueError", &format!("{path}() arg is an empty sequence"), span);
            return Value::Error;
        }
        let mut it = items.into_iter();
        let mut best = self.stabilize(it.next().expect("an item"), span);
        let first_key = self.call_value(key.clone(), vec![(best.clone(), kspan)], vec![], kspan);
        let mut best_key = self.stabilize(first_key, kspan);
        for v in it {
            let v = self.stabilize(v, span);
            let k = self.call_value(key.clone(), vec![(v.clone(), kspan)], vec![], kspan);
            let k = self.stabilize(k, kspan);
            let better = self.compare(op, k.clone(), best_key.clone(), span);
            let Some(c) = self.truth(better, span) else { return Value::Error };
            best = self.choose(c, v, best, span);
            best_key = self.choose(c, k, best_key, span);
        }
        best
    }

    /// `keyed_extreme` of a list built at run time: a loop keeping the best item and its key.
    fn keyed_extreme_of_list(&mut self, path: &str, op: ast::CmpOp, l: ExprId, key: Value, kspan: Span, span: Span) -> Value {
        let held = self.temp(self.expr_type(l));
        self.emit(ir::StmtKind::Assign { dst: held, value: l }, span);
        let l = self.read(held);
        let n = self.list_len(l, span);
        let zero = self.int_const(0);
        let empty = self.add(Expr::Compare(ir::CompareOp::Eq, n, zero), Type::py_bool());
        self.raise_kind_if(empty, "ValueError", format!("{path}() arg is an empty sequence"), span);
        let first = self.list_get(l, zero, span);
        let first_key = self.call_value(key.clone(), vec![(first.clone(), kspan)], vec![], kspan);
        let (Value::Scalar(first) | Value::Str(first), Value::Scalar(first_key)) = (&first, &first_key) else {
            if !matches!(first_key, Value::Error) && !matches!(first, Value::Error) {
                let what = self.describe_value(&first_key);
                self.error(diag::type_error(kspan, format!("a key function returning {what} for `{path}` of a list built at run time"), "return a number from the key function"));
            }
            return Value::Error;
        };
        let (item_ty, key_ty) = (self.expr_type(*first), self.expr_type(*first_key));
        let best = self.temp(item_ty.clone());
        self.emit(ir::StmtKind::Assign { dst: best, value: *first }, span);
        let best_key = self.temp(key_ty.clone());
        self.emit(ir::StmtKind::Assign { dst: best_key, value: *first_key }, span);
        let ok = self.list_items_loop(held, 1, span, &mut |fx, _, item| {
            let k = fx.call_value(key.clone(), vec![(item.clone(), kspan)], vec![], kspan);
            let (Value::Scalar(item) | Value::Str(item), Value::Scalar(k)) = (item, k) else { return false };
            if fx.expr_type(k) != key_ty {
                return false;
            }
            let bk = fx.read(best_key);
            let better = fx.compare(op, Value::Scalar(k), Value::Scalar(bk), span);
            let Some(c) = fx.truth(better, span) else { return false };
            let then_body = fx.block(|fx| {
                fx.emit(ir::StmtKind::Assign { dst: best, value: item }, span);
                fx.emit(ir::StmtKind::Assign { dst: best_key, value: k }, span);
            });
            fx.emit(ir::StmtKind::If { cond: c, then_body, else_body: vec![] }, span);
            true
        });
        if !ok {
            self.error(diag::type_error(kspan, format!("a key function whose results change type from item to item for `{path}` of a list built at run time"), "return numbers of one type from the key function"));
            return Value::Error;
        }
        let r = self.read(best);
        self.value_of_read(r)
    }
}

impl FnCx<'_, '_> {
    /// `sorted(xs, key=f, reverse=r)` of a list built at run time: the items ordered by a
    /// stable sort of their keys (one call of `f` per item, in order, as Python makes
    /// them). `reverse` sorts the reversed list and reverses the result, which keeps equal
    /// keys in their order, as Python's does.
    pub(crate) fn keyed_sort(&mut self, l: ExprId, key: Value, kspan: Span, reverse: bool, span: Span) -> Value {
        let ty = self.expr_type(l);
        let Some(items) = self.runtime_call(EntryPoint::ListCopy, vec![l], Some(ty.clone()), span) else { return Value::Error };
        let held = self.temp(ty);
        self.emit(ir::StmtKind::Assign { dst: held, value: items }, span);
        if reverse {
            let l = self.read(held);
            self.runtime_call(EntryPoint::ListReverse, vec![l], None, span);
        }
        // The key's type, from a call on a value of the items' type that never runs.
        let current = self.read(held);
        let item_ty = self.list_item_type(current);
        let strs = item_ty == Type::Str;
        let Some(dtype) = item_ty.dtype().filter(|_| !item_ty.is_array()).or(strs.then_some(DType::I64)) else {
            self.error(diag::unsupported_syntax(span, "`sorted` with `key=` of a list of arrays", "sort a list of numbers, or order the arrays by np.argsort of their keys"));
            return Value::Error;
        };
        let mut key_ty = None;
        let _ = self.block(|fx| {
            let probe = if strs {
                Value::Str(fx.str_const(""))
            } else {
                let zero = fx.add(Expr::Const(ir::Const::Int(0)), Type::py_int());
                Value::Scalar(fx.add(Expr::Cast(dtype, zero), item_ty.clone()))
            };
            if let Value::Scalar(k) = fx.call_value(key.clone(), vec![(probe, kspan)], vec![], kspan) {
                key_ty = Some(fx.expr_type(k));
            }
        });
        let Some(key_ty @ Type::Scalar { .. }) = key_ty else {
            self.error(diag::type_error(kspan, "a key function of `sorted` that does not return a number", "return a number from the key function"));
            return Value::Error;
        };
        let Some(keys) = self.new_list(key_ty.clone(), span) else { return Value::Error };
        let keys_place = self.temp(self.expr_type(keys));
        self.emit(ir::StmtKind::Assign { dst: keys_place, value: keys }, span);
        let ok = self.list_items_loop(held, 0, span, &mut |fx, _, item| match fx.call_value(key.clone(), vec![(item, kspan)], vec![], kspan) {
            Value::Scalar(k) if fx.expr_type(k) == key_ty => {
                let keys = fx.read(keys_place);
                fx.push_item(keys, &key_ty, k, span);
                true
            }
            _ => false,
        });
        if !ok {
            self.error(diag::type_error(kspan, "a key function of `sorted` whose results change type from item to item", "return numbers of one type from the key function"));
            return Value::Error;
        }
        let zero = self.int_const(0);
        let one = self.int_const(1);
        let keys = self.read(keys_place);
        let keys = self.list_to_array_of(keys, span, false);
        // Python's order of items whose keys hold a NaN is its comparisons' accident.
        if key_ty.dtype().is_some_and(|d| d.is_float()) {
            let nan = self.call_builtin("numpy.isnan", vec![(keys.clone(), span)], vec![], span);
            let any = self.reduction(nan, "any", vec![], vec![], span);
            if let Some(c) = self.truth(any, span) {
                self.raise_kind_if(c, "ValueError", "legatec: sorting by keys that hold NaN (Python's order of the items then depends on its comparisons)".into(), span);
            }
        }
        let kind = Value::Str(self.str_const("stable"));
        let order = self.call_numpy_pub("argsort", vec![(keys, span)], vec![("kind".to_string(), kind, span)], span);
        let Value::Array(order) = order else { return Value::Error };
        let order_place = self.temp(self.expr_type(order));
        self.emit(ir::StmtKind::Assign { dst: order_place, value: order }, span);
        let Some(out) = self.new_list(item_ty.clone(), span) else { return Value::Error };
        let out_place = self.temp(self.expr_type(out));
        self.emit(ir::StmtKind::Assign { dst: out_place, value: out }, span);
        let current = self.read(held);
        let n = self.list_len(current, span);
        let var = self.temp(Type::py_int());
        let body = self.block(|fx| {
            let j = fx.read(var);
            let order = fx.read(order_place);
            let at = fx.add(Expr::GetItem(order, vec![j]), Type::scalar(DType::I64));
            let at = fx.retype(at, Type::py_int());
            let current = fx.read(held);
            if let Value::Scalar(item) | Value::Str(item) = fx.list_get(current, at, span) {
                let out = fx.read(out_place);
                fx.push_item(out, &item_ty, item, span);
            }
        });
        self.emit(ir::StmtKind::For { var, start: zero, stop: n, step: one, body }, span);
        if reverse {
            let out = self.read(out_place);
            self.runtime_call(EntryPoint::ListReverse, vec![out], None, span);
        }
        Value::List(self.read(out_place))
    }
}

impl FnCx<'_, '_> {
    /// `xs == ys` of lists, one of them built at run time: as long, and each item equal to
    /// the other's at its position (Python's `==` of the items; not of arrays).
    pub(crate) fn list_equal(&mut self, l: Value, r: Value, span: Span) -> Value {
        // Against items written out: the length, then each item (Python's `2 == 2.0` too).
        if let (Value::List(e), Value::Tuple(seq)) | (Value::Tuple(seq), Value::List(e)) = (&l, &r) {
            let (e, seq) = (*e, seq.clone());
            if self.list_item_type(e).is_array() {
                self.error(diag::unsupported_syntax(span, "`==` of lists of arrays (comparing arrays is elementwise)", "compare the arrays one by one with `np.array_equal`"));
                return Value::Error;
            }
            let place = self.temp(self.expr_type(e));
            self.emit(ir::StmtKind::Assign { dst: place, value: e }, span);
            let current = self.read(place);
            let n = self.list_len(current, span);
            let count = self.int_const(seq.len() as i64);
            let same = self.add(Expr::Compare(ir::CompareOp::Eq, n, count), Type::py_bool());
            let eq = self.temp(Type::py_bool());
            self.emit(ir::StmtKind::Assign { dst: eq, value: same }, span);
            for (k, item) in seq.items.into_iter().enumerate() {
                let so_far = self.read(eq);
                let mut failed = false;
                let then_body = self.block(|fx| {
                    let current = fx.read(place);
                    let at = fx.int_const(k as i64);
                    let mine = fx.list_get(current, at, span);
                    let equal = fx.compare(ast::CmpOp::Eq, mine, item, span);
                    match fx.truth(equal, span) {
                        Some(c) => fx.emit(ir::StmtKind::Assign { dst: eq, value: c }, span),
                        None => failed = true,
                    }
                });
                if failed {
                    return Value::Error;
                }
                self.emit(ir::StmtKind::If { cond: so_far, then_body, else_body: vec![] }, span);
            }
            return Value::Scalar(self.read(eq));
        }
        let mut held = Vec::new();
        for v in [l, r] {
            let Value::List(e) = v else { return Value::Error };
            if self.list_item_type(e).is_array() {
                self.error(diag::unsupported_syntax(span, "`==` of lists of arrays (comparing arrays is elementwise)", "compare the arrays one by one with `np.array_equal`"));
                return Value::Error;
            }
            let place = self.temp(self.expr_type(e));
            self.emit(ir::StmtKind::Assign { dst: place, value: e }, span);
            held.push(place);
        }
        let (a, b) = (held[0], held[1]);
        let (la, lb) = (self.read(a), self.read(b));
        let (na, nb) = (self.list_len(la, span), self.list_len(lb, span));
        let same = self.add(Expr::Compare(ir::CompareOp::Eq, na, nb), Type::py_bool());
        let eq = self.temp(Type::py_bool());
        self.emit(ir::StmtKind::Assign { dst: eq, value: same }, span);
        let ok = self.list_items_loop(a, 0, span, &mut |fx, i, item| {
            let mut ok = true;
            let so_far = fx.read(eq);
            let then_body = fx.block(|fx| {
                let other = fx.read(b);
                let theirs = fx.list_get(other, i, span);
                let equal = fx.compare(ast::CmpOp::Eq, item, theirs, span);
                match fx.truth(equal, span) {
                    Some(c) => fx.emit(ir::StmtKind::Assign { dst: eq, value: c }, span),
                    None => ok = false,
                }
            });
            fx.emit(ir::StmtKind::If { cond: so_far, then_body, else_body: vec![] }, span);
            ok
        });
        if !ok {
            return Value::Error;
        }
        Value::Scalar(self.read(eq))
    }

    /// `x in xs` of a string and a runtime list of strings.
    pub(crate) fn list_contains_str(&mut self, l: ExprId, x: ExprId, span: Span) -> Value {
        let held = self.temp(self.expr_type(l));
        self.emit(ir::StmtKind::Assign { dst: held, value: l }, span);
        let found = self.temp(Type::py_bool());
        let no = self.add(Expr::Const(ir::Const::Bool(false)), Type::py_bool());
        self.emit(ir::StmtKind::Assign { dst: found, value: no }, span);
        let ok = self.list_items_loop(held, 0, span, &mut |fx, _, item| {
            let equal = fx.compare(ast::CmpOp::Eq, item, Value::Str(x), span);
            let Some(equal) = fx.truth(equal, span) else { return false };
            let yes = fx.add(Expr::Const(ir::Const::Bool(true)), Type::py_bool());
            let then_body = vec![ir::Stmt::new(ir::StmtKind::Assign { dst: found, value: yes }, span)];
            fx.emit(ir::StmtKind::If { cond: equal, then_body, else_body: vec![] }, span);
            true
        });
        if !ok {
            return Value::Error;
        }
        Value::Scalar(self.read(found))
    }

    /// `sep.join(xs)` of a runtime list of strings.
    pub(crate) fn list_join(&mut self, sep: ExprId, l: ExprId, span: Span) -> Value {
        if self.list_item_type(l) != Type::Str {
            let what = self.describe_value(&Value::List(l));
            self.error(diag::type_error(span, format!("`str.join` of {what}: its items are not strings"), "make each item a str (`str(x)`, an f-string)"));
            return Value::Error;
        }
        let held = self.temp(self.expr_type(l));
        self.emit(ir::StmtKind::Assign { dst: held, value: l }, span);
        let acc = self.temp(Type::Str);
        let empty = self.str_const("");
        self.emit(ir::StmtKind::Assign { dst: acc, value: empty }, span);
        let ok = self.list_items_loop(held, 0, span, &mut |fx, i, item| {
            let Value::Str(item) = item else { return false };
            let zero = fx.int_const(0);
            let later = fx.add(Expr::Compare(ir::CompareOp::Gt, i, zero), Type::py_bool());
            let so_far = fx.read(acc);
            let with_sep = fx.add(Expr::Concat(vec![so_far, sep]), Type::Str);
            let then_body = vec![ir::Stmt::new(ir::StmtKind::Assign { dst: acc, value: with_sep }, span)];
            fx.emit(ir::StmtKind::If { cond: later, then_body, else_body: vec![] }, span);
            let so_far = fx.read(acc);
            let joined = fx.add(Expr::Concat(vec![so_far, item]), Type::Str);
            fx.emit(ir::StmtKind::Assign { dst: acc, value: joined }, span);
            true
        });
        if !ok {
            return Value::Error;
        }
        Value::Str(self.read(acc))
    }

    /// Emits a loop over the items of the list held in `held`, from position `from` to its
    /// length then: `body` lowers one step from the position and the item, and says
    /// whether it could (false after an error, or where the items do not suit it).
    fn list_items_loop(&mut self, held: ir::Place, from: i64, span: Span, body: &mut dyn FnMut(&mut Self, ExprId, Value) -> bool) -> bool {
        let current = self.read(held);
        let n = self.list_len(current, span);
        let var = self.temp(Type::py_int());
        let mut ok = true;
        let block = self.block(|fx| {
            let i = fx.read(var);
            let current = fx.read(held);
            let item = fx.list_get(current, i, span);
            ok = body(fx, i, item);
        });
        let start = self.int_const(from);
        let one = self.int_const(1);
        self.emit(ir::StmtKind::For { var, start, stop: n, step: one, body: block }, span);
        ok
    }
}
