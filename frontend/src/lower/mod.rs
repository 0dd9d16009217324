//! Lowering from the syntax tree to the tensor IR: name resolution, type
//! inference (static dtype and rank), monomorphisation of functions, and
//! fusion of elementwise expressions into kernels.
//!
//! Variables are typed flow-sensitively, as Python has it (`flow.rs`): each
//! assignment gives a variable the type of its value from that point on. A
//! function body is lowered in passes: each pass records what the next needs to
//! know (the definitions that flow around loops, the variables that need a
//! run-time tag, the types of returned values); passes repeat until those facts
//! are stable, and only the last pass's IR and diagnostics are kept.

mod argparse;
mod cli_defs;
mod complex;
mod effects;
mod einsum;
mod fft;
mod expr;
mod facts;
mod files;
mod flow;
mod format;
mod indexing;
mod inline;
mod lazy;
mod lists;
mod linalg;
mod lnode;
mod numeric;
mod numpy;
mod pandas;
mod pymath;
mod promote;
pub mod random;
mod shape_ops;
mod shape_set;
mod dicts;
mod shapes;
mod sort_scan;
mod axis_dispatch;
mod poly;
mod stats;
mod stmt;
mod ufuncs;
mod vectorize;

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use crate::ast::{self, FunctionDef};
use crate::diagnostics as diag;
use ir::{Diagnostic, DType, ExprId, FuncId, Function, Module, Place, Span, StmtKind, Type};
use runtime_abi::EntryPoint;

pub(crate) use lnode::Lazy;

/// A value during lowering. Runtime values are host expressions; the rest
/// are compile-time entities (modules, functions, dtypes, tuples).
#[derive(Clone, Debug)]
pub(crate) enum Value {
    /// A scalar host expression; its type is in the function's type table.
    Scalar(ExprId),
    Str(ExprId),
    /// A read of an array place.
    Array(ExprId),
    /// A read of a list built at run time (`ir::Type::List`; see `lists.rs`).
    List(ExprId),
    /// An elementwise expression not yet materialised (fusion happens here).
    Lazy(Lazy),
    /// A tuple, or a list (`Seq::list`): the items are compile-time values; only printing
    /// tells them apart.
    Tuple(Seq),
    /// `numpy`, `numpy.linalg`, `math`, `time`.
    Module(String),
    /// A library function by dotted path (`numpy.zeros`, `math.sqrt`, `print`).
    Builtin(String),
    /// A dtype object (`np.float32`); callable as a scalar constructor.
    DType(DType),
    UserFunc(String),
    /// A `lambda`: inlined where it is called.
    Lambda(Rc<LambdaDef>),
    /// A function nested in another, lifted to module level (`closures.rs`), with the
    /// values its free names had where it was read: passed to its hidden parameters.
    Closure(Rc<ClosureVal>),
    /// A method of an array value, e.g. `a.sum`, or of a `Generator`.
    Method(Box<Value>, String),
    /// A `np.random.Generator`: the hidden int64 global holding its runtime handle.
    Generator(Place),
    None,
    /// Command-line values: an argparse parser or namespace, a parsed list, `sys.argv`.
    Cli(cli_defs::CliValue),
    /// A Python int constant beyond int64 (`2**64`, `10**30`): usable where it becomes a
    /// float, printed exactly, and a compile error anywhere it would need 64 bits.
    BigInt(i128),
    /// A Python scalar whose type is known only at run time (see `flow.rs`).
    Union(Rc<facts::UnionValue>),
    /// A dict literal (`{k: v}`): keys and values with their spans, in order. Used as
    /// the argument of pandas calls.
    Dict(Vec<(Value, Span, Value, Span)>),
    /// A pandas DataFrame: a compile-time record of column places (`pandas.rs`).
    Frame(Rc<pandas::Frame>),
    /// A pandas Series.
    Series(Rc<pandas::Series>),
    /// The values of a series of a `str`, `datetime64` or `category` column, or of a
    /// numeric column with a mask: only pandas' own operations take it.
    Column(pandas::Col),
    /// `pd.Timestamp("...")`: microseconds since the epoch, a compile-time constant.
    Timestamp(i64),
    /// `df.groupby(...)`, waiting for its aggregation.
    GroupBy(Rc<pandas::GroupBy>),
    /// `range(start, stop, step)` called where it is not looped over directly: its three
    /// ints, held in places of their own (`lists::range_value`). A `for` loop runs over it,
    /// `len` and `print` take it as a range, other functions as the list of its items.
    Range(ExprId, ExprId, ExprId),
    /// `np.vectorize(f)` (`vectorize.rs`).
    Vectorized(Rc<vectorize::Vectorized>),
    /// Poison after a reported error: suppresses follow-on diagnostics.
    Error,
}

/// The items of a tuple or list value.
#[derive(Clone, Debug, Default)]
pub(crate) struct Seq {
    pub items: Vec<Value>,
    /// A list (`[a, b]`), printed in brackets; a tuple otherwise.
    pub list: bool,
    /// A named tuple's type name and field names (`np.linalg.eigh`'s `EighResult`).
    pub named: Option<(&'static str, &'static [&'static str])>,
    /// A list that a name, a container or a function's result holds (not one just written
    /// out): it cannot become a runtime list where it is changed in place, since the other
    /// holders would not see the change (`lists.rs`).
    pub held: bool,
}

impl Seq {
    /// A named tuple (printed `Name(field=value, ...)`, its fields readable as attributes).
    pub fn named(name: &'static str, fields: &'static [&'static str], items: Vec<Value>) -> Seq {
        Seq { items, list: false, named: Some((name, fields)), held: false }
    }
}

impl FromIterator<Value> for Seq {
    fn from_iter<I: IntoIterator<Item = Value>>(iter: I) -> Seq {
        Seq { items: iter.into_iter().collect(), list: false, named: None, held: false }
    }
}

impl From<Vec<Value>> for Seq {
    fn from(items: Vec<Value>) -> Seq {
        Seq { items, list: false, named: None, held: false }
    }
}

impl std::ops::Deref for Seq {
    type Target = Vec<Value>;
    fn deref(&self) -> &Vec<Value> {
        &self.items
    }
}

impl std::ops::DerefMut for Seq {
    fn deref_mut(&mut self) -> &mut Vec<Value> {
        &mut self.items
    }
}

impl IntoIterator for Seq {
    type Item = Value;
    type IntoIter = std::vec::IntoIter<Value>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

impl<'a> IntoIterator for &'a Seq {
    type Item = &'a Value;
    type IntoIter = std::slice::Iter<'a, Value>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}

/// A lambda expression and the function instance it was written in.
#[derive(Debug)]
pub(crate) struct LambdaDef {
    pub params: Vec<String>,
    pub body: ast::Expr,
    /// The IR function it was defined in; called elsewhere, its free names are globals.
    pub home: String,
}

/// A lifted nested function and the values of its free names (its last parameters).
#[derive(Clone, Debug)]
pub(crate) struct ClosureVal {
    pub func: String,
    pub names: Vec<String>,
    pub values: Vec<Value>,
    /// Whether the values stay those of the enclosing function's variables (`closures.rs`'s
    /// `Nested::stable`), so that the closure may be held under another name.
    pub stable: bool,
}

/// Module-wide lowering state.
pub(crate) struct Cx<'s> {
    pub source: &'s str,
    pub module: Module,
    pub diags: Vec<Diagnostic>,
    pub funcs: HashMap<String, Rc<FunctionDef>>,
    /// The parameters each module-level function changes as lists (`lists::list_params`).
    pub list_params: HashMap<String, (Vec<String>, HashSet<String>)>,
    /// The item type a function's appends give each list parameter, by (function,
    /// parameter): an empty list passed there takes it (`lists.rs`).
    pub list_param_items: HashMap<(String, String), Type>,
    /// The module body's `FnCx::list_groups` (module-level lists changed in functions).
    pub list_groups: HashMap<String, String>,
    /// Whether a call of each user function may change an array in place (`effects.rs`).
    pub writes_arrays: HashMap<String, bool>,
    /// Whether each user function is inlined where it is called, or why not (`inline.rs`).
    pub inlinable: HashMap<String, Result<(), (String, Span)>>,
    /// Monomorphised instances: (name, argument key) → (function, how its values return,
    /// whether its body met an error: its calls are then poison, reporting nothing more).
    pub instances: Vec<(String, String, FuncId, Vec<facts::ResultSlot>, bool)>,
    /// The user functions being lowered, outermost first: the name, the key of the
    /// arguments' types, the id reserved for the instance and its IR name.
    pub in_progress: Vec<(String, String, ir::FuncId, String)>,
    /// The places of module-level variables (see `flow.rs`).
    pub global_slots: HashMap<String, facts::VarSlots>,
    /// The module-level variables that are never negative (`nonnegative_names` of the
    /// module body).
    pub nonnegative_globals: HashSet<String>,
    /// Compile-time values bound to module-level variables, by key.
    pub global_consts: HashMap<String, Value>,
    /// Their run-time leaves, in `flow::map_leaves` order, for functions to rebuild.
    pub global_const_leaves: HashMap<String, Vec<facts::ConstLeaf>>,
    /// What functions know of module-level variables (the module body's previous pass).
    pub summary: Option<facts::GlobalSummary>,
    /// The summary the module body's current pass collects.
    pub summary_next: facts::GlobalSummary,
    /// The definitions that run-time tags encode: code `i + 1` is entry `i` (0: unbound).
    pub tag_codes: Vec<String>,
    /// Names the module body assigns anywhere (its variables).
    pub module_names: HashSet<String>,
    /// `argparse.ArgumentParser`s built so far (see `argparse.rs`).
    pub parsers: Vec<cli_defs::ParserDef>,
    /// Compile-time results of function instances (a returned argparse namespace), by instance name.
    pub cli_results: HashMap<String, Value>,
    /// The function instances that return a tuple (false) or a list (true): their callers
    /// make one of the returned values (of one item too) and print it as such.
    pub seq_returns: HashMap<String, bool>,
    /// Dtype and rank of the `.npy` files saved so far (by constant path), for `np.load`.
    pub npy_files: HashMap<String, (DType, usize)>,
    /// Schemas of the CSV and Parquet files written so far (by constant path), for reads.
    pub frame_files: HashMap<String, pandas::FileSchema>,
    /// The names the module body's imports bind to NumPy and `math` (`np`), whose
    /// functions `shape_set.rs` takes as only reading their arguments.
    pub module_aliases: HashSet<String>,
}

impl Cx<'_> {
    /// The run-time tag code of a definition (0 is "unbound").
    pub fn tag_code(&mut self, d: &facts::Def) -> i64 {
        let key = facts::def_key(d);
        let index = match self.tag_codes.iter().position(|k| *k == key) {
            Some(i) => i,
            None => {
                self.tag_codes.push(key);
                self.tag_codes.len() - 1
            }
        };
        index as i64 + 1
    }
}

/// Symbolic shapes of array places (see `shapes.rs`).
pub(crate) type ShapeTable = HashMap<Place, Vec<ir::SymExpr>>;

/// What a fancy read read: the base array and the index array (places, read
/// again when `a[m] += v` writes back; see `indexing.rs`).
#[derive(Clone, Copy, Debug)]
pub(crate) struct FancyRead {
    pub base: Place,
    pub index: Place,
}

/// A subscript with index arrays beside other items, lowered: the array, the items (a full
/// slice where each array is) and the arrays with their positions.
#[derive(Clone)]
pub(crate) struct MixedRead {
    pub base: ExprId,
    pub items: Vec<ir::IndexItem>,
    pub arrays: Vec<(usize, ExprId)>,
}

/// Per-function lowering state.
pub(crate) struct FnCx<'c, 's> {
    pub cx: &'c mut Cx<'s>,
    pub f: Function,
    pub is_main: bool,
    /// Names assigned anywhere in this function (Python's local-variable rule).
    pub local_names: HashSet<String>,
    /// Names never negative (`nonnegative_names`): assigned only non-negative int literals
    /// and as counting loops' variables, or parameters whose every caller passes such.
    pub nonnegative_names: HashSet<String>,
    /// Names that hold runtime lists when a list is assigned to them (`lists.rs`).
    pub growing: HashSet<String>,
    /// Each of them with the name its items' type is learnt under (`lists::list_groups`).
    pub list_groups: HashMap<String, String>,
    /// The places of this function's variables (the module body's are `Cx::global_slots`).
    pub vars: HashMap<String, facts::VarSlots>,
    /// Compile-time values bound to this function's variables, by key.
    pub consts: HashMap<String, Value>,
    /// The definitions that may reach the current point.
    pub flow: facts::State,
    /// What the previous pass learnt, and what this one learns for the next.
    pub facts: facts::Facts,
    pub next: facts::Facts,
    /// The loops being lowered, innermost last.
    pub loops: Vec<facts::LoopCx>,
    /// Types assigned during this pass (and the previous one), with the span of the first
    /// assignment of each.
    pub observed: HashMap<String, Vec<(Type, Span)>>,
    pub prev_observed: HashMap<String, Vec<(Type, Span)>>,
    /// Variables whose conflicting types were reported.
    pub reported_conflicts: HashSet<String>,
    pub blocks: Vec<Vec<ir::Stmt>>,
    pub loop_depth: usize,
    /// How many values the function returns (from the first `return`).
    pub returns: Option<usize>,
    /// Whether some `return` gives one value that is not a tuple display (`return k`):
    /// `return None`, a bare `return` and the end of the body then give None as that value.
    pub returns_one: bool,
    pub return_span: Option<Span>,
    /// How each returned value is passed (from the previous pass's return types).
    pub result_slots: Vec<facts::ResultSlot>,
    pub temps: usize,
    /// Symbolic shapes of array places (see `shapes.rs`).
    pub sym_shapes: ShapeTable,
    /// Parameters of the lambdas being inlined, innermost last.
    pub lambda_args: Vec<HashMap<String, Value>>,
    /// The user functions being inlined here, innermost last (`inline.rs`).
    pub inlining: Vec<String>,
    /// Set while inlining a lambda defined in another function: other names are globals.
    pub lambda_globals_only: bool,
    /// Parameters still bound to the caller's DataFrame: pandas passes frames by reference,
    /// so changing one in place would change the caller's, which legatec does not do (a
    /// located error; rebinding the name first makes the frame the function's own).
    pub shared_frames: Vec<String>,
    /// Which frame object each frame variable names (`a = df` makes two names for one
    /// object in pandas): changing one in place while another name holds the same object
    /// is a located error, as pandas would change both.
    pub frame_objects: HashMap<String, u32>,
    pub next_frame_object: u32,
    /// Enclosing `if`s whose condition is known only at run time.
    pub dynamic_ifs: usize,
    /// How many [`FnCx::split`] branches enclose what is being lowered: there, a value's
    /// type holds only for some run-time values, so an error that Python raises for that
    /// type is raised at run time (in that branch), not reported.
    pub variant_depth: usize,
    /// Above 0 while a function is applied to a Series' values as pandas' `map`/`apply`
    /// do, one Python scalar at a time: a division by zero in it is Python's
    /// ZeroDivisionError, not NumPy's inf or 0.
    pub python_elements: usize,
    /// Whether every item the latest comprehension made into an array was a Python number
    /// (`list_comprehension`): Python's `sum`/`min`/`max` of them give one too.
    pub comprehension_weak: bool,
    /// A compile-time value this function returns (an argparse namespace).
    pub cli_result: Option<Value>,
    /// Results of `a[mask]` / `a[idx]` reads, with what they read (see `indexing.rs`).
    pub fancy_reads: HashMap<ExprId, FancyRead>,
    /// Results of reads with index arrays beside other items (`a[:, idx]`, `a[i, j]`), with
    /// the lowered subscript, so that `a[:, idx] += v` writes back (see `expr.rs`).
    pub mixed_reads: HashMap<ExprId, MixedRead>,
    /// The names whose `.shape` this body assigns, and whether it may (`shape_set.rs`).
    pub shape_settable: HashMap<String, Result<(), (String, Span)>>,
}

/// Lowers a parsed module to IR.
pub fn lower_module(source: &str, stmts: &[ast::Stmt]) -> Result<Module, Vec<Diagnostic>> {
    let mut cx = Cx {
        source,
        module: Module::new(),
        diags: Vec::new(),
        funcs: HashMap::new(),
        list_params: lists::list_params(stmts),
        list_param_items: HashMap::new(),
        list_groups: HashMap::new(),
        writes_arrays: HashMap::new(),
        inlinable: HashMap::new(),
        instances: Vec::new(),
        in_progress: Vec::new(),
        global_slots: HashMap::new(),
        nonnegative_globals: HashSet::new(),
        global_consts: HashMap::new(),
        global_const_leaves: HashMap::new(),
        summary: None,
        summary_next: Default::default(),
        tag_codes: Vec::new(),
        module_names: HashSet::new(),
        parsers: Vec::new(),
        cli_results: HashMap::new(),
        seq_returns: HashMap::new(),
        npy_files: HashMap::new(),
        frame_files: HashMap::new(),
        module_aliases: HashSet::new(),
    };
    let (main, _) = lower_body(&mut cx, "__main__", true, &[], stmts, &[]);
    let main_id = cx.module.main;
    cx.module.functions[main_id] = main;
    if cx.diags.is_empty() {
        let errors = ir::verify::verify(&cx.module);
        if !errors.is_empty() {
            let msg = errors.join("\n");
            cx.diags.push(Diagnostic::internal("frontend", Span::default(), format!("the IR verifier failed: {msg}")));
        }
    }
    if cx.diags.is_empty() {
        Ok(cx.module)
    } else {
        let mut diags = cx.diags;
        diags.sort_by_key(|d| (d.span.start, d.span.end));
        diags.dedup();
        Err(diags)
    }
}

/// Parameters bound at instantiation: a runtime parameter (with its type) or
/// a compile-time constant (a module passed as an argument, say).
#[derive(Clone, Debug)]
pub(crate) enum ParamBinding {
    /// A run-time value, and whether it is an int the caller knows is never negative
    /// (`FnCx::never_negative`; so `2 ** k` stays an int in the callee).
    Runtime(Type, bool),
    Const(Value),
    /// A DataFrame or Series: one parameter per place of its record.
    Record(pandas::RecordShape),
    /// A string constant (made again in the callee's expressions).
    ConstStr(String),
    /// A tuple or a list: its items bound one by one (run-time ones are parameters); `held`
    /// as the argument's (`Seq::held`).
    Tuple { items: Vec<ParamBinding>, list: bool, named: Option<(&'static str, &'static [&'static str])>, held: bool },
    /// A dict with string keys: the keys made again in the callee, the values bound one by one.
    Dict { keys: Vec<String>, values: Vec<ParamBinding> },
    /// A nested function with the values of its free names, bound one by one.
    Closure { func: String, names: Vec<String>, values: Vec<ParamBinding> },
}

/// How many passes a body may take before its facts must be stable (they only grow,
/// so they converge long before). A program with a type error may make them cycle
/// instead (the poison of an error defines nothing for the next pass, which then meets
/// no error): when the facts return to those of an earlier pass and this pass reported
/// errors, those errors are the answer.
const MAX_PASSES: usize = 16;

/// Lowers a function (or the module body) with repeated passes until what each pass
/// learns for the next (see `flow.rs`) is stable. Returns the function and how its
/// values are returned.
pub(crate) fn lower_body(
    cx: &mut Cx,
    name: &str,
    is_main: bool,
    params: &[(String, ParamBinding)],
    body: &[ast::Stmt],
    _defaults: &[()],
) -> (Function, Vec<facts::ResultSlot>) {
    let mut local_names = HashSet::new();
    for (p, _) in params {
        local_names.insert(p.clone());
    }
    collect_assigned(body, &mut local_names);
    if is_main {
        cx.module_names = local_names.clone();
        for s in body {
            if let ast::StmtKind::Import(names) = &s.kind {
                for (module, alias, _) in names {
                    if ["numpy", "legate.numpy", "cupynumeric", "cunumeric", "math", "numpy.linalg", "numpy.random"].contains(&module.as_str()) {
                        cx.module_aliases.insert(alias.clone().unwrap_or_else(|| module.split('.').next().unwrap_or(module).to_string()));
                    }
                }
            }
        }
    }
    let param_names: Vec<String> = params.iter().map(|(p, _)| p.clone()).collect();
    let shape_settable = shape_set::shape_settable(body, &param_names, &cx.module_aliases);
    let own: Vec<String> = params.iter().map(|(p, _)| p.clone()).collect();
    let growing = lists::growing_names(body, is_main, &cx.list_params, &own);
    let list_groups = lists::list_groups(body, is_main, &growing);
    if is_main {
        cx.list_groups = list_groups.clone();
    }
    let seeds: Vec<String> = params.iter().filter(|(_, b)| matches!(b, ParamBinding::Runtime(_, true))).map(|(p, _)| p.clone()).collect();
    let mut nonnegative_names = nonnegative_names(body, &seeds);
    for (p, b) in params {
        if !matches!(b, ParamBinding::Runtime(_, true)) {
            nonnegative_names.remove(p);
        }
    }
    if is_main {
        cx.nonnegative_globals = nonnegative_names.clone();
    }
    let mut facts = facts::Facts::default();
    let mut prev_observed = HashMap::new();
    let mut seen_facts: Vec<facts::Facts> = Vec::new();
    let mut pass = 0;
    loop {
        pass += 1;
        let kernels_len = cx.module.kernels.len();
        let functions_len = cx.module.functions.len();
        let instances_len = cx.instances.len();
        let diags_len = cx.diags.len();
        let globals_len = cx.module.globals.len();
        let parsers_len = cx.parsers.len();
        if is_main {
            cx.global_slots.clear();
            cx.global_consts.clear();
            cx.global_const_leaves.clear();
            cx.summary_next = facts::GlobalSummary::default();
            cx.npy_files.clear();
            cx.frame_files.clear();
        }
        let result_slots: Vec<facts::ResultSlot> = facts
            .returns
            .iter()
            .enumerate()
            .map(|(i, types)| match facts.records.get(i).cloned().flatten() {
                Some(shape) => facts::ResultSlot::Record(shape),
                None => facts::ResultSlot::of(types).unwrap_or(facts::ResultSlot::Single(types[0].clone())),
            })
            .collect();
        let mut fx = FnCx {
            cx,
            f: Function::new(name),
            is_main,
            local_names: local_names.clone(),
            nonnegative_names: nonnegative_names.clone(),
            growing: growing.clone(),
            list_groups: list_groups.clone(),
            vars: HashMap::new(),
            consts: HashMap::new(),
            flow: Some(HashMap::new()),
            facts: facts.clone(),
            next: facts::Facts::default(),
            loops: Vec::new(),
            observed: HashMap::new(),
            prev_observed: prev_observed.clone(),
            reported_conflicts: HashSet::new(),
            blocks: vec![Vec::new()],
            loop_depth: 0,
            returns: None,
            returns_one: !is_main && returns_one_value(body),
            return_span: None,
            result_slots,
            temps: 0,
            sym_shapes: Default::default(),
            lambda_args: Vec::new(),
            inlining: Vec::new(),
            lambda_globals_only: false,
            shared_frames: Vec::new(),
            frame_objects: HashMap::new(),
            next_frame_object: 0,
            dynamic_ifs: 0,
            variant_depth: 0,
            python_elements: 0,
            comprehension_weak: false,
            cli_result: None,
            fancy_reads: HashMap::new(),
            mixed_reads: HashMap::new(),
            shape_settable: shape_settable.clone(),
        };
        // The tags an earlier pass found needed start out "unbound".
        let mut tagged: Vec<String> = if is_main {
            fx.cx.summary.as_ref().map(|s| s.needs_tag.iter().cloned().collect()).unwrap_or_default()
        } else {
            fx.facts.needs_tag.iter().cloned().collect()
        };
        tagged.sort();
        for t in &tagged {
            fx.declare_tag(t, is_main, Span::default());
        }
        let mut records = Vec::new();
        let mut tuples = Vec::new();
        for (p, binding) in params {
            match binding {
                ParamBinding::Tuple { .. } | ParamBinding::Dict { .. } | ParamBinding::Closure { .. } => {
                    // The parameters first, in order; the name is bound below.
                    let mut count = 0;
                    let value = fx.tuple_param(p, binding, &mut count);
                    tuples.push((p, value));
                }
                ParamBinding::Runtime(ty, _) => {
                    let v = fx.var_place(p, ty);
                    let Place::Local(v) = v else { unreachable!("parameters are locals") };
                    fx.f.params.push(v);
                    fx.observe(p, ty.clone(), Span::default());
                    let def = facts::Def::Typed(ty.clone());
                    fx.set_tag(p, &def, Span::default());
                    fx.set_def(p, def);
                }
                ParamBinding::Const(value) => fx.assign_const(p, value.clone(), Span::default()),
                ParamBinding::ConstStr(text) => {
                    let e = fx.str_const(text);
                    fx.assign_const(p, Value::Str(e), Span::default());
                }
                ParamBinding::Record(shape) => {
                    // The parameters first (every parameter precedes the other locals);
                    // the frame is bound below.
                    let mut places = Vec::new();
                    for (k, ty) in shape.types.iter().enumerate() {
                        let v = fx.f.locals.push(ir::Var { name: format!("{p}.arg{k}"), ty: ty.clone() });
                        fx.f.params.push(v);
                        places.push(Place::Local(v));
                    }
                    records.push((p, shape, places));
                }
            }
        }
        for (p, value) in tuples {
            fx.assign_name(p, value, Span::default());
        }
        for (p, shape, places) in records {
            let value = fx.record_value(shape, &places);
            fx.assign_name(p, value, Span::default());
            if shape.series.is_none() {
                fx.shared_frames.push(p.clone());
            }
        }
        fx.stmts(body);
        // Falling off the end of a function that returns one value elsewhere returns None.
        // (A DataFrame or Series cannot be None beside: such a function keeps the ValueError.)
        if fx.returns_one && fx.flow.is_some() && fx.returns == Some(1) && fx.next.records.iter().all(Option::is_none) {
            fx.ret(None, fx.return_span.unwrap_or_default());
        }
        // Only the set of tagged variables accumulates (a read without its tag reads a
        // placeholder, so that pass is redone); the rest is recomputed by every pass.
        let mut next = std::mem::take(&mut fx.next);
        next.needs_tag.extend(facts.needs_tag.iter().cloned());
        next.shared_tuples.extend(facts.shared_tuples.iter().cloned());
        // Where this pass learnt the items' type of a list, the loops' states it recorded
        // still name the lists of unknown items: the next pass starts its loops afresh.
        let lists_learnt = next.list_items != facts.list_items
            || (is_main && fx.cx.summary.as_ref().map(|s| &s.list_items) != Some(&fx.cx.summary_next.list_items) && !fx.cx.summary_next.list_items.is_empty());
        // Likewise where it learnt that tuples share places: their definitions' keys change.
        let tuples_learnt = next.shared_tuples != facts.shared_tuples
            || (is_main && fx.cx.summary.as_ref().map(|s| &s.shared_tuples) != Some(&fx.cx.summary_next.shared_tuples) && !fx.cx.summary_next.shared_tuples.is_empty());
        if lists_learnt || tuples_learnt {
            next.loops.clear();
        }
        let summary_stable = !is_main || {
            let prev = fx.cx.summary.clone();
            let summary = &mut fx.cx.summary_next;
            if let Some(prev) = &prev {
                summary.needs_tag.extend(prev.needs_tag.iter().cloned());
                summary.shared_tuples.extend(prev.shared_tuples.iter().cloned());
            }
            prev.as_ref() == Some(&*summary)
        };
        let stable = next == facts && summary_stable;
        if std::env::var_os("LEGATEC_DEBUG_PASSES").is_some() {
            eprintln!("pass {pass} of {name}: facts {} summary {}", next == facts, summary_stable);
            if next != facts {
                eprintln!("  before: {facts:?}\n  after:  {next:?}");
            }
            if !summary_stable {
                eprintln!("  summary before: {:?}\n  after:  {:?}", fx.cx.summary, fx.cx.summary_next);
            }
        }
        let cycled_with_errors =
            seen_facts.contains(&next) && fx.cx.diags[diags_len..].iter().any(|d| !d.is_internal());
        if stable || cycled_with_errors || pass >= MAX_PASSES {
            if !stable && !cycled_with_errors {
                fx.error(Diagnostic::internal("frontend", Span::default(), format!("the typing of `{name}` did not converge")));
            }
            fx.finish();
            fx.publish_shapes();
            if let Some(v) = fx.cli_result.take() {
                fx.cx.cli_results.insert(name.to_string(), v);
            }
            let slots = fx.result_slots.clone();
            let FnCx { mut f, .. } = fx;
            f.number_statements();
            return (f, slots);
        }
        // Discard this pass: restore the module and retry with what it learnt.
        prev_observed = std::mem::take(&mut fx.observed);
        drop(fx);
        cx.module.kernels.truncate(kernels_len);
        cx.module.functions.truncate(functions_len);
        cx.instances.truncate(instances_len);
        cx.diags.truncate(diags_len);
        cx.parsers.truncate(parsers_len);
        if is_main {
            cx.module.globals.truncate(globals_len);
            cx.summary = Some(std::mem::take(&mut cx.summary_next));
        }
        seen_facts.push(std::mem::replace(&mut facts, next));
    }
}

/// Whether a `return` of the body (not of a nested function) gives a value other than None.
pub(crate) fn returns_value(body: &[ast::Stmt]) -> bool {
    body.iter().any(|s| match &s.kind {
        ast::StmtKind::Return(Some(e)) => !matches!(e.kind, ast::ExprKind::NoneLit),
        ast::StmtKind::If { body, orelse, .. } | ast::StmtKind::For { body, orelse, .. } | ast::StmtKind::While { body, orelse, .. } => {
            returns_value(body) || returns_value(orelse)
        }
        _ => false,
    })
}

/// Whether a `return` of the body (not of a nested function) gives one value other than
/// None or a tuple display.
fn returns_one_value(body: &[ast::Stmt]) -> bool {
    body.iter().any(|s| match &s.kind {
        ast::StmtKind::Return(Some(e)) => !matches!(e.kind, ast::ExprKind::Tuple(_) | ast::ExprKind::NoneLit),
        ast::StmtKind::If { body, orelse, .. } | ast::StmtKind::For { body, orelse, .. } | ast::StmtKind::While { body, orelse, .. } => {
            returns_one_value(body) || returns_one_value(orelse)
        }
        _ => false,
    })
}

/// Names assigned anywhere in a function body (targets of assignments and loops).
/// The names a body assigns only non-negative int literals (`K = 5`, `R, K = 2, 5`) and as
/// the variable of `for NAME in range(...)` whose start is absent or a non-negative literal
/// and whose step is absent or a positive literal, with `seeds` (parameters every caller
/// passes a non-negative int) assigned nowhere else: such a variable is never negative
/// (so `2 ** i` is an int).
pub(crate) fn nonnegative_names(body: &[ast::Stmt], seeds: &[String]) -> HashSet<String> {
    fn scan(body: &[ast::Stmt], counting: &mut HashSet<String>, other: &mut HashSet<String>) {
        for s in body {
            match &s.kind {
                ast::StmtKind::For { target, iter, body, orelse } => {
                    let literal = |e: &ast::Expr| match e.kind {
                        ast::ExprKind::Int(i) => Some(i),
                        _ => None,
                    };
                    let counts = match (&target.kind, &iter.kind) {
                        (ast::ExprKind::Name(_), ast::ExprKind::Call { func, args, keywords })
                            if keywords.is_empty() && matches!(&func.kind, ast::ExprKind::Name(n) if n == "range") =>
                        {
                            match args.as_slice() {
                                [_] => true,
                                [start, _] => literal(start).is_some_and(|a| a >= 0),
                                [start, _, step] => literal(start).is_some_and(|a| a >= 0) && literal(step).is_some_and(|c| c > 0),
                                _ => false,
                            }
                        }
                        _ => false,
                    };
                    match (&target.kind, counts) {
                        (ast::ExprKind::Name(n), true) => {
                            counting.insert(n.clone());
                        }
                        _ => ast::target_names(target, other),
                    }
                    scan(body, counting, other);
                    scan(orelse, counting, other);
                }
                ast::StmtKind::If { body, orelse, .. } | ast::StmtKind::While { body, orelse, .. } => {
                    scan(body, counting, other);
                    scan(orelse, counting, other);
                }
                ast::StmtKind::Assign { targets, value } if targets.iter().all(|t| literal_targets(t, value).is_some()) => {
                    for t in targets {
                        for (name, nonnegative) in literal_targets(t, value).unwrap_or_default() {
                            if nonnegative {
                                counting.insert(name);
                            } else {
                                other.insert(name);
                            }
                        }
                    }
                }
                _ => collect_assigned(std::slice::from_ref(s), other),
            }
        }
    }
    /// The names `target = value` binds to int literals, each with whether it is >= 0
    /// (`R, K = 2, 5`); `None` where the target or the value is anything else.
    fn literal_targets(target: &ast::Expr, value: &ast::Expr) -> Option<Vec<(String, bool)>> {
        match (&target.kind, &value.kind) {
            (ast::ExprKind::Name(n), ast::ExprKind::Int(i)) => Some(vec![(n.clone(), *i >= 0)]),
            (ast::ExprKind::Tuple(ts) | ast::ExprKind::List(ts), ast::ExprKind::Tuple(vs) | ast::ExprKind::List(vs)) if ts.len() == vs.len() => {
                let mut out = Vec::new();
                for (t, v) in ts.iter().zip(vs) {
                    out.extend(literal_targets(t, v)?);
                }
                Some(out)
            }
            _ => None,
        }
    }
    let (mut counting, mut other) = (seeds.iter().cloned().collect::<HashSet<_>>(), HashSet::new());
    scan(body, &mut counting, &mut other);
    counting.retain(|n| !other.contains(n));
    counting
}

pub(crate) fn collect_assigned(body: &[ast::Stmt], out: &mut HashSet<String>) {
    let target = ast::target_names;
    for s in body {
        // A list comprehension's (renamed) target is assigned where the comprehension is.
        let mut comprehension_targets = |e: &ast::Expr| {
            effects::visit_expr(e, &mut |x| {
                if let ast::ExprKind::ListComp { target: t, .. } = &x.kind {
                    ast::target_names(t, out);
                }
            })
        };
        match &s.kind {
            ast::StmtKind::Expr(e) | ast::StmtKind::Return(Some(e)) => comprehension_targets(e),
            ast::StmtKind::Assign { value, .. } | ast::StmtKind::AugAssign { value, .. } => comprehension_targets(value),
            ast::StmtKind::If { test, .. } | ast::StmtKind::While { test, .. } => comprehension_targets(test),
            ast::StmtKind::For { iter, .. } => comprehension_targets(iter),
            _ => {}
        }
        match &s.kind {
            ast::StmtKind::Assign { targets, .. } => targets.iter().for_each(|t| target(t, out)),
            ast::StmtKind::AugAssign { target: t, .. } => target(t, out),
            ast::StmtKind::For { target: t, body, orelse, .. } => {
                target(t, out);
                collect_assigned(body, out);
                collect_assigned(orelse, out);
            }
            ast::StmtKind::If { body, orelse, .. } | ast::StmtKind::While { body, orelse, .. } => {
                collect_assigned(body, out);
                collect_assigned(orelse, out);
            }
            ast::StmtKind::Import(names) => names.iter().for_each(|(m, a, _)| {
                out.insert(a.clone().unwrap_or_else(|| m.split('.').next().unwrap_or(m).to_string()));
            }),
            ast::StmtKind::ImportFrom { names, .. } => names.iter().for_each(|(n, a, _)| {
                out.insert(a.clone().unwrap_or_else(|| n.clone()));
            }),
            ast::StmtKind::FunctionDef(def) => {
                out.insert(def.name.clone());
            }
            _ => {}
        }
    }
}

impl<'c, 's> FnCx<'c, 's> {
    pub fn error(&mut self, d: Diagnostic) {
        self.cx.diags.push(d);
    }

    pub fn emit(&mut self, kind: StmtKind, span: Span) {
        self.track_shapes(&kind);
        self.blocks.last_mut().expect("a block is open").push(ir::Stmt::new(kind, span));
    }

    /// Runs `f` with a fresh block and returns the block's statements.
    pub fn block(&mut self, f: impl FnOnce(&mut Self)) -> Vec<ir::Stmt> {
        self.blocks.push(Vec::new());
        f(self);
        self.blocks.pop().expect("block stack balanced")
    }

    pub fn expr_type(&self, e: ExprId) -> Type {
        self.f.expr_type(e).clone()
    }

    pub fn add(&mut self, e: ir::Expr, ty: Type) -> ExprId {
        self.f.add_expr(e, ty)
    }

    pub fn read(&mut self, p: Place) -> ExprId {
        let ty = match p {
            Place::Local(v) => self.f.locals[v].ty.clone(),
            Place::Global(g) => self.cx.module.globals[g].ty.clone(),
        };
        self.add(ir::Expr::Read(p), ty)
    }

    /// Emits a call of the runtime entry point `func` (see `StmtKind::Runtime`). With a
    /// result type, the result lands in a fresh temporary and a read of it is returned.
    pub fn runtime_call(&mut self, func: EntryPoint, args: Vec<ExprId>, result: Option<Type>, span: Span) -> Option<ExprId> {
        let dst = result.map(|ty| self.temp(ty));
        self.emit(StmtKind::Runtime { func, args, dst }, span);
        dst.map(|p| self.read(p))
    }

    /// A fresh hidden local.
    pub fn temp(&mut self, ty: Type) -> Place {
        self.temps += 1;
        let name = format!("t{}", self.temps);
        Place::Local(self.f.locals.push(ir::Var { name, ty }))
    }

    /// A line number for naming kernels.
    pub fn line_of(&self, span: Span) -> usize {
        ir::span::line_col(self.cx.source, span.start).0
    }

    /// Looks a name up: locals, then module globals, then builtins.
    pub fn lookup(&mut self, name: &str, span: Span) -> Value {
        if let Some(v) = self.lambda_args.iter().rev().find_map(|scope| scope.get(name)) {
            return v.clone();
        }
        let in_module_body = self.is_main && !self.lambda_globals_only;
        if !self.is_main && !self.lambda_globals_only && self.local_names.contains(name) {
            let defs = self.defs_of(name);
            return self.read_var(name, &defs, false, span);
        }
        if self.cx.module_names.contains(name) {
            if in_module_body {
                let defs = self.defs_of(name);
                // A builtin that the module rebinds only later is still the builtin here.
                if defs == [facts::Def::Unbound] {
                    if let Some(v) = self.builtin_name(name) {
                        return v;
                    }
                }
                return self.read_var(name, &defs, true, span);
            }
            return self.read_global_in_function(name, span);
        }
        match self.builtin_name(name) {
            Some(v) => v,
            None => {
                self.error(diag::unbound_name(span, name));
                Value::Error
            }
        }
    }

    fn builtin_name(&mut self, name: &str) -> Option<Value> {
        Some(match name {
            "print" | "len" | "range" | "abs" | "min" | "max" | "int" | "float" | "bool" | "str" | "round" | "sum" | "complex" | "any"
            | "all" | "divmod" | "pow" | "isinstance" | "tuple" | "list" | "reversed" | "hex" | "oct" | "bin" | "map" | "repr" | "format" | "sorted" | crate::syntax::ASSERT_FAIL
            | crate::syntax::RAISE
            | crate::syntax::CLOSURE => {
                Value::Builtin(name.to_string())
            }
            "__name__" => {
                let e = self.add(ir::Expr::Const(ir::Const::Str("__main__".into())), Type::Str);
                Value::Str(e)
            }
            "True" => Value::Scalar(self.add(ir::Expr::Const(ir::Const::Bool(true)), Type::py_bool())),
            "False" => Value::Scalar(self.add(ir::Expr::Const(ir::Const::Bool(false)), Type::py_bool())),
            _ => return None,
        })
    }

    /// A module-level variable read inside a function: what the module body assigns it
    /// (from its previous pass; in its first pass, what it assigned so far), and unbound
    /// if some call of a user function happens before it is bound.
    fn read_global_in_function(&mut self, name: &str, span: Span) -> Value {
        let mut defs = match &self.cx.summary {
            Some(s) => {
                let mut defs = s.defs.get(name).cloned().unwrap_or_default();
                let bound = s.bound_at_calls.as_ref().is_none_or(|b| b.contains(name));
                if !bound || defs.is_empty() {
                    defs.insert(0, facts::Def::Unbound);
                }
                defs
            }
            None => self.cx.summary_next.defs.get(name).cloned().unwrap_or_default(),
        };
        if defs.is_empty() {
            defs.push(facts::Def::Unbound);
        }
        if defs == [facts::Def::Unbound] {
            if let Some(v) = self.builtin_name(name) {
                return v;
            }
        }
        self.read_var(name, &defs, true, span)
    }

    /// A tuple parameter's value: each run-time item a parameter of its own (`p.argK`, in
    /// order), the compile-time ones as they were passed.
    fn tuple_param(&mut self, p: &str, binding: &ParamBinding, count: &mut usize) -> Value {
        match binding {
            ParamBinding::Runtime(ty, _) => {
                let v = self.f.locals.push(ir::Var { name: format!("{p}.arg{count}"), ty: ty.clone() });
                *count += 1;
                self.f.params.push(v);
                let e = self.read(Place::Local(v));
                self.value_of_read(e)
            }
            ParamBinding::Const(value) => value.clone(),
            ParamBinding::ConstStr(text) => Value::Str(self.str_const(text)),
            ParamBinding::Tuple { items, list, named, held } => {
                // Held by the caller too, unless written out in the call.
                let items = items.iter().map(|b| self.tuple_param(p, b, count)).collect();
                Value::Tuple(Seq { items, list: *list, named: *named, held: *held })
            }
            ParamBinding::Dict { keys, values } => {
                let mut entries = Vec::new();
                for (k, b) in keys.iter().zip(values) {
                    let key = Value::Str(self.str_const(k));
                    let value = self.tuple_param(p, b, count);
                    entries.push((key, Span::default(), value, Span::default()));
                }
                Value::Dict(entries)
            }
            ParamBinding::Closure { func, names, values } => {
                let values = values.iter().map(|b| self.tuple_param(p, b, count)).collect();
                Value::Closure(Rc::new(ClosureVal { func: func.clone(), names: names.clone(), values, stable: true }))
            }
            ParamBinding::Record(_) => unreachable!("a DataFrame is not passed inside a tuple"),
        }
    }

    pub fn value_of_read(&mut self, e: ExprId) -> Value {
        match self.expr_type(e) {
            Type::Array { .. } => Value::Array(e),
            Type::Str => Value::Str(e),
            Type::None => Value::None,
            Type::Scalar { .. } => Value::Scalar(e),
            Type::List(_) => Value::List(e),
        }
    }

    pub fn place_type(&self, p: Place) -> Type {
        self.cx.module.place_type(&self.f, p)
    }

    pub fn observe(&mut self, name: &str, ty: Type, span: Span) {
        let list = self.observed.entry(name.to_string()).or_default();
        if !list.iter().any(|(t, _)| *t == ty) {
            list.push((ty, span));
        }
    }

    /// Closes the function: the body, result types, and a guard for falling
    /// off the end of a function that returns values.
    fn finish(&mut self) {
        let mut body = self.blocks.pop().expect("function block");
        self.f.results = self.result_slots.iter().flat_map(|s| s.flat()).collect();
        if !self.f.results.is_empty() && self.flow.is_some() {
            body.push(ir::Stmt::new(
                StmtKind::Raise {
                    kind: "ValueError".into(),
                    message: format!("function `{}` reached its end without returning a value", self.f.name),
                },
                self.return_span.unwrap_or_default(),
            ));
        }
        self.f.body = body;
    }
}

pub(crate) fn describe(t: &Type) -> String {
    match t {
        Type::Scalar { dtype, weak: true } => match dtype {
            DType::Bool => "a bool".into(),
            DType::F32 | DType::F64 => "a float".into(),
            DType::C64 | DType::C128 => "a complex".into(),
            _ => "an int".into(),
        },
        Type::Scalar { dtype, weak: false } => format!("a NumPy {} scalar", dtype.numpy_name()),
        Type::Array { dtype, ndim } => format!("a {ndim}-D {} array", dtype.numpy_name()),
        Type::Str => "a str".into(),
        Type::None => "None".into(),
        Type::List(item) if **item == Type::None => "an empty list".into(),
        Type::List(item) => format!("a list of {}s", describe(item).trim_start_matches("an ").trim_start_matches("a ")),
    }
}
