//! The performance model: predicted seconds per kernel, product, communication and loop
//! of a program on a described machine (`machine::Machine`), for `legatec --report
//! --machine M --ranks N -- ARGS`.
//!
//! It reads what the pipeline wrote and analyses no distribution itself: the plan says how
//! every launch runs over the ranks (`Plan::launches`: split by rows or whole, the array
//! and row each operand views) and what every statement communicates in the steady state
//! (the events of `Plan::loops` and `Plan::outside`, not the upper bound `Plan::comm`,
//! which also holds what happens only where run-time values differ); the kernels say what each point computes; the frontend's
//! symbolic shapes say how large every array is. The model evaluates those shapes with the
//! values the program would have: a walk of the host code in execution order over its
//! integer and float scalars (constants, the parsed command-line arguments, arithmetic on
//! them), with every loop's body walked once and counted as many times as its trip count
//! (`for` over a `range` of known bounds; `None` for a `while` loop or unknown bounds), and
//! of an `if` whose condition it cannot evaluate the costlier branch.
//!
//! Costs: a kernel moves each operand's bytes once per launch, except that operands
//! viewing one array at nearby rows share cache lines while a few rows of every operand
//! fit in half the per-core L2 (the layer condition of stencils), and writes its
//! destination; its time is the larger of bytes over the memory bandwidth of the threads
//! it runs on (a rank's share of the node's bandwidth) and its element operations over the
//! core's measured rates, plus a launch's fork-join. A product is `2mnk` flops at the
//! measured GEMM rate, or its matrix's bytes where that takes longer (GEMV). A message is
//! latency plus bytes over bandwidth (LogGP without overlap); an allreduce takes
//! `ceil(log2 P)` rounds, a gather `P - 1` latencies plus the bytes the rank lacks. A gather
//! the plan allows only in case arrays met at run time do not line up
//! (`Comm::is_possible_gather`) is not counted: the runtime finds them lined up in the
//! programs the plan cannot prove it for (a variable rebound in a loop).

pub mod machine;
pub mod profile;

use std::collections::{BTreeMap, HashMap, HashSet};

use ir::{
    ArrayId, BinaryOp, Comm, Const, Expr, ExprId, FuncId, KExpr, KernelOutput, Layout, LibraryOp, Module, Place, ShapeSpec,
    StmtKind, StmtRef, SymExpr, Type,
};
use machine::Machine;
use runtime_abi::argparse_spec::ArgValue;

/// Where the kernels run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Device {
    Cpu,
    Gpu,
}

/// What the model is asked about.
pub struct Config<'a> {
    pub machine: &'a Machine,
    /// MPI ranks (1: one process, no MPI).
    pub ranks: u32,
    /// Threads per rank.
    pub threads: u32,
    pub device: Device,
    /// The parsed command-line arguments, in the parser's order (`lt_args_int(i)` reads
    /// the `i`-th), or `None` when the program parses none.
    pub args: Option<Vec<ArgValue>>,
}

/// What bounds a kernel's time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bound {
    Memory,
    Compute,
    Launch,
}

impl Bound {
    pub fn name(self) -> &'static str {
        match self {
            Bound::Memory => "memory",
            Bound::Compute => "compute",
            Bound::Launch => "launch",
        }
    }
}

/// The prediction for one statement that computes (a kernel launch or a library call),
/// per execution on one rank.
#[derive(Clone, Debug)]
pub struct Work {
    pub stmt: StmtRef,
    /// The kernel's name (`store_L32+store_L33`) or the operation (`matmul`).
    pub name: String,
    /// How many times it runs; `None` inside a loop of unknown trip count.
    pub count: Option<f64>,
    /// Iteration points (or multiply-adds) on one rank; `None` where a shape is unknown.
    pub points: Option<f64>,
    pub bytes: Option<f64>,
    pub flops: Option<f64>,
    pub bound: Option<Bound>,
    pub seconds: Option<f64>,
    /// Split by rows over the ranks.
    pub split: bool,
}

impl Work {
    pub fn intensity(&self) -> Option<f64> {
        match (self.flops, self.bytes) {
            (Some(f), Some(b)) if b > 0.0 => Some(f / b),
            _ => None,
        }
    }
}

/// The prediction for one communication of a statement, per execution on one rank.
#[derive(Clone, Debug)]
pub struct Message {
    pub stmt: StmtRef,
    pub comm: Comm,
    pub count: Option<f64>,
    pub messages: f64,
    pub bytes: Option<f64>,
    pub seconds: Option<f64>,
}

/// A loop: its trip count and what one iteration costs.
#[derive(Clone, Debug)]
pub struct LoopCost {
    pub stmt: StmtRef,
    pub trips: Option<f64>,
    /// How many times the loop itself starts.
    pub count: Option<f64>,
    /// Seconds of one iteration (its kernels, products and communication), `None` if a
    /// part of it is unknown.
    pub seconds_per_iteration: Option<f64>,
    pub compute_per_iteration: Option<f64>,
    pub comm_per_iteration: Option<f64>,
}

/// The whole prediction.
#[derive(Clone, Debug, Default)]
pub struct Prediction {
    pub work: Vec<Work>,
    pub messages: Vec<Message>,
    pub loops: Vec<LoopCost>,
    /// Seconds of the whole run where every trip count and cost is known (`start_up`
    /// included).
    pub seconds: Option<f64>,
    /// Seconds outside the program's statements: MPI's start and end on several ranks, the
    /// GPU's start-up (and end) on a device.
    pub start_up: f64,
    /// What `start_up` is, each part with its seconds (`MPI's start and end`, `the GPU's
    /// start-up`).
    pub start_up_parts: Vec<(&'static str, f64)>,
    /// Seconds paid once at first uses inside the run (included in `seconds` and in the
    /// statements' totals, not in loops' iterations): cuBLAS's start at the first product
    /// on a device and its kernels' loading at the first product of each kind, each
    /// kernel's loading, and on a CPU the first touch of a new array's fresh pages.
    pub first_uses: f64,
    /// Of `first_uses`, the fresh pages' first touch.
    pub first_touch: f64,
    /// Statements the model gives no time (dataframe operations, sorts, random fills,
    /// files), with what they do.
    pub unmodelled: Vec<(StmtRef, String)>,
    /// Branches whose condition was unknown: the costlier one was counted.
    pub guessed_branches: Vec<StmtRef>,
    /// The last concrete shape of each array of the plan that the walk followed.
    pub shapes: HashMap<ArrayId, Vec<i64>>,
    /// The roofs of one rank: what its kernels can reach at most.
    pub roofs: Roofs,
}

/// The limits of one rank's kernels (a roofline): bytes per second from memory and
/// float64 element operations per second (of the `arith` class; GEMM's rate beside).
#[derive(Clone, Copy, Debug, Default)]
pub struct Roofs {
    pub bandwidth: f64,
    pub flops: f64,
    pub gemm: Option<f64>,
}

impl Prediction {
    /// What the whole run's seconds include beside the statements' steady work, as text:
    /// `MPI's start and end 0.30 s, cuBLAS's start and first loads 0.21 s` (empty where
    /// nothing).
    pub fn one_time_text(&self, seconds_text: impl Fn(f64) -> String) -> String {
        let mut parts: Vec<String> = self.start_up_parts.iter().filter(|(_, s)| *s > 0.0).map(|(what, s)| format!("{what} {}", seconds_text(*s))).collect();
        if self.first_touch > 0.0 {
            parts.push(format!("fresh pages' first touch {}", seconds_text(self.first_touch)));
        }
        if self.first_uses - self.first_touch > 0.0 {
            parts.push(format!("kernels' and cuBLAS's loading {}", seconds_text(self.first_uses - self.first_touch)));
        }
        parts.join(", ")
    }

    /// Seconds per execution of each statement that computes or communicates (its work and
    /// its messages), where known: what the profile of a run compares with.
    pub fn per_execution(&self) -> std::collections::HashMap<StmtRef, f64> {
        let mut out: std::collections::HashMap<StmtRef, f64> = std::collections::HashMap::new();
        for w in &self.work {
            if let Some(s) = w.seconds {
                *out.entry(w.stmt).or_default() += s;
            }
        }
        for m in &self.messages {
            if let Some(s) = m.seconds {
                *out.entry(m.stmt).or_default() += s;
            }
        }
        out
    }
}

/// A scalar the walk knows.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Num {
    Int(i64),
    Float(f64),
    Bool(bool),
}

impl Num {
    fn int(self) -> Option<i64> {
        match self {
            Num::Int(i) => Some(i),
            Num::Bool(b) => Some(i64::from(b)),
            Num::Float(_) => None,
        }
    }
    fn float(self) -> f64 {
        match self {
            Num::Int(i) => i as f64,
            Num::Float(f) => f,
            Num::Bool(b) => f64::from(u8::from(b)),
        }
    }
    fn truthy(self) -> bool {
        match self {
            Num::Int(i) => i != 0,
            Num::Float(f) => f != 0.0,
            Num::Bool(b) => b,
        }
    }
}

/// How a walk of a block ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Flow {
    Normal,
    Break,
    Continue,
    Return,
    /// The program ends (a Python exception).
    Raise,
}

/// How many statements the walk visits before it stops iterating loops one iteration at a
/// time (it then walks each remaining body once and multiplies).
const STEP_LIMIT: u64 = 2_000_000;

/// What one statement costs per execution, accumulated with its multiplier.
#[derive(Clone, Default)]
struct Totals {
    /// Per statement: its work (the first execution's), how many times it ran and its
    /// seconds over all of them (executions differ where the cache holds their data).
    work: BTreeMap<StmtRef, (Work, Option<f64>, Option<f64>)>,
    messages: BTreeMap<(StmtRef, Comm), (Message, Option<f64>)>,
    loops: BTreeMap<StmtRef, LoopCost>,
    unmodelled: BTreeMap<StmtRef, String>,
    guessed: HashSet<StmtRef>,
    /// What the run has used once already on the GPU: kernels (by index; each loaded at its
    /// first launch) and kinds of product (cuBLAS started at the first).
    first_used: std::collections::BTreeSet<FirstUse>,
    /// Seconds paid once at first uses (`Prediction::first_uses`), and of them the fresh
    /// pages' first touch.
    first_uses: f64,
    first_touch: f64,
}

/// What costs a GPU run once, at its first use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum FirstUse {
    Kernel(usize),
    Blas(BlasKind),
    /// A plan array's fresh pages, first written (CPU).
    Pages(u32),
}

/// What makes cuBLAS load kernels of its own at a product's first use: GEMM or GEMV, the
/// dtype, which operands are transposed views, and for a GEMM whether it is small (an
/// extent below 64) or large, which cuBLAS serves with different kernels.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct BlasKind {
    gemv: bool,
    f32: bool,
    transposed: (bool, bool),
    small: bool,
}

/// The cost of walking a block once: seconds (`None`: unknown), split into computing and
/// communicating.
#[derive(Clone, Copy, Debug)]
struct Cost {
    compute: Option<f64>,
    comm: Option<f64>,
}

impl Cost {
    const ZERO: Cost = Cost { compute: Some(0.0), comm: Some(0.0) };
    fn add(self, o: Cost) -> Cost {
        Cost { compute: self.compute.zip(o.compute).map(|(a, b)| a + b), comm: self.comm.zip(o.comm).map(|(a, b)| a + b) }
    }
    fn scale(self, k: Option<f64>) -> Cost {
        Cost { compute: self.compute.zip(k).map(|(a, k)| a * k), comm: self.comm.zip(k).map(|(a, k)| a * k) }
    }
    fn total(self) -> Option<f64> {
        self.compute.zip(self.comm).map(|(a, b)| a + b)
    }
    fn max(self, o: Cost) -> Cost {
        match (self.total(), o.total()) {
            (Some(a), Some(b)) => {
                if a >= b {
                    self
                } else {
                    o
                }
            }
            _ => Cost { compute: None, comm: None },
        }
    }
}

struct Walk<'a> {
    module: &'a Module,
    config: &'a Config<'a>,
    globals: HashMap<Place, Num>,
    /// The concrete shapes of array globals, where the walk followed them.
    global_shapes: HashMap<Place, Vec<i64>>,
    /// The strides (in elements) of array globals that are views not laid out C-contiguously.
    global_strides: HashMap<Place, Vec<i64>>,
    /// The last concrete shape of each array of the plan, from the statement that made it.
    site_shapes: HashMap<ArrayId, Vec<i64>>,
    totals: Totals,
    /// Functions being walked (recursion is not followed).
    active: Vec<FuncId>,
    /// What each statement communicates in the plan's events (every loop's and outside).
    events: HashMap<StmtRef, std::collections::BTreeSet<Comm>>,
    /// Statements visited.
    steps: u64,
    /// The arrays kernels used, least recent first, with this rank's bytes of each.
    lru: Vec<(u32, f64)>,
    /// Branches on unknown values with a side that leaves its block (`break`, `return`):
    /// a loop around one cannot be iterated value by value.
    unknown_exits: u64,
}

/// One function activation: its scalar locals.
struct Frame {
    func: FuncId,
    locals: HashMap<Place, Num>,
    /// The concrete shapes of array locals, where the walk followed them.
    shapes: HashMap<Place, Vec<i64>>,
    /// The strides (in elements) of array locals that are views not laid out C-contiguously
    /// (`X[:, j]`); an array absent here is contiguous.
    strides: HashMap<Place, Vec<i64>>,
    /// The shapes of the values the last `return` returned.
    returned: Vec<Option<Vec<i64>>>,
}

impl Frame {
    fn new(func: FuncId) -> Frame {
        Frame { func, locals: HashMap::new(), shapes: HashMap::new(), strides: HashMap::new(), returned: Vec::new() }
    }
}

/// Predicts the run of `module` (after the pipeline) under `config`.
pub fn predict(module: &Module, config: &Config) -> Prediction {
    let mut walk = Walk { module, config, globals: HashMap::new(), global_shapes: HashMap::new(), global_strides: HashMap::new(), site_shapes: HashMap::new(), totals: Totals::default(), active: Vec::new(), events: HashMap::new(), steps: 0, unknown_exits: 0, lru: Vec::new() };
    if let Some(plan) = &module.plan {
        for e in plan.loops.iter().flat_map(|l| &l.events).chain(&plan.outside) {
            walk.events.entry(e.stmt).or_default().insert(e.comm.clone());
        }
    }
    let mut frame = Frame::new(module.main);
    walk.active.push(module.main);
    let main = &module.functions[module.main];
    let (cost, _) = walk.block(&mut frame, &main.body, Some(1.0));
    // A run of several ranks starts MPI first; one on the GPU creates its context.
    let mut start_up_parts = Vec::new();
    if let (Some(mpi), true) = (&config.machine.mpi, config.ranks > 1) {
        start_up_parts.push(("MPI's start and end", mpi.start_and_end(config.ranks)));
    }
    if let (Device::Gpu, Some(g)) = (config.device, &config.machine.gpu) {
        start_up_parts.push(("the GPU's start-up", g.init_seconds));
    }
    let start_up: f64 = start_up_parts.iter().map(|(_, s)| s).sum();
    let roofs = match (config.device, &config.machine.gpu) {
        (Device::Gpu, Some(g)) => Roofs { bandwidth: g.bandwidth, flops: g.ops_f64, gemm: None },
        _ => Roofs {
            bandwidth: walk.rank_bandwidth(machine::Level::Memory, |b| b.triad),
            flops: config.machine.cpu.ops.arith * walk.threads(),
            gemm: Some(config.machine.cpu.ops.gemm * walk.threads()),
        },
    };
    let shapes = std::mem::take(&mut walk.site_shapes);
    let totals = walk.totals;
    let finish = |(mut w, k, total): (Work, Option<f64>, Option<f64>)| {
        w.count = k;
        // The mean execution.
        if let (Some(k), Some(total)) = (k, total) {
            if k > 0.0 {
                w.seconds = Some(total / k);
            }
        }
        w
    };
    Prediction {
        work: totals.work.into_values().map(finish).collect(),
        messages: totals
            .messages
            .into_values()
            .map(|(mut m, k)| {
                m.count = k;
                m
            })
            .collect(),
        loops: totals.loops.into_values().collect(),
        seconds: cost.total().map(|s| s + start_up + totals.first_uses),
        start_up,
        start_up_parts,
        first_uses: totals.first_uses,
        first_touch: totals.first_touch,
        unmodelled: totals.unmodelled.into_iter().collect(),
        guessed_branches: {
            let mut g: Vec<_> = totals.guessed.into_iter().collect();
            g.sort();
            g
        },
        shapes,
        roofs,
    }
}

fn product(dims: &[i64]) -> f64 {
    dims.iter().map(|&d| d.max(0) as f64).product()
}

/// NumPy's broadcast of shapes (right-aligned); `None` where they do not broadcast.
fn broadcast(shapes: &[Vec<i64>]) -> Option<Vec<i64>> {
    let n = shapes.iter().map(Vec::len).max().unwrap_or(0);
    let mut out = vec![1i64; n];
    for s in shapes {
        for (i, &d) in s.iter().enumerate() {
            let o = &mut out[n - s.len() + i];
            if *o == 1 {
                *o = d;
            } else if d != 1 && d != *o {
                return None;
            }
        }
    }
    Some(out)
}

fn ceil_log2(p: u32) -> f64 {
    f64::from(32 - (p.max(1) - 1).leading_zeros())
}

impl<'a> Walk<'a> {
    fn value(&self, frame: &Frame, place: Place) -> Option<Num> {
        match place {
            Place::Local(_) => frame.locals.get(&place).copied(),
            Place::Global(_) => self.globals.get(&place).copied(),
        }
    }

    /// Sets an array place's shape (a new array: contiguous, its view strides forgotten).
    fn set_shape(&mut self, frame: &mut Frame, place: Place, shape: Option<Vec<i64>>) {
        match place {
            Place::Local(_) => frame.strides.remove(&place),
            Place::Global(_) => self.global_strides.remove(&place),
        };
        let map = match place {
            Place::Local(_) => &mut frame.shapes,
            Place::Global(_) => &mut self.global_shapes,
        };
        match shape {
            Some(s) => map.insert(place, s),
            None => map.remove(&place),
        };
    }

    /// The strides in elements of the array `e` reads: a view's where the walk followed it,
    /// else C-contiguous from its shape.
    fn expr_strides(&self, frame: &Frame, e: ExprId) -> Option<Vec<i64>> {
        let Expr::Read(p) = &self.module.functions[frame.func].exprs[e] else { return None };
        let tracked = match p {
            Place::Local(_) => frame.strides.get(p),
            Place::Global(_) => self.global_strides.get(p),
        };
        if let Some(s) = tracked {
            return Some(s.clone());
        }
        let shape = self.shape(frame, *p)?;
        let mut strides = vec![1i64; shape.len()];
        for d in (0..shape.len().saturating_sub(1)).rev() {
            strides[d] = strides[d + 1].saturating_mul(shape[d + 1].max(1));
        }
        Some(strides)
    }

    /// Records `strides` of the view `dst` where they are not C-contiguous for its shape.
    fn set_view_strides(&mut self, frame: &mut Frame, dst: Place, strides: Vec<i64>) {
        let contiguous = match self.shape(frame, dst) {
            Some(shape) => {
                let mut expected = 1i64;
                shape.iter().zip(&strides).rev().all(|(&n, &st)| {
                    let ok = n <= 1 || st == expected;
                    expected = expected.saturating_mul(n.max(1));
                    ok
                })
            }
            None => false,
        };
        if !contiguous {
            match dst {
                Place::Local(_) => frame.strides.insert(dst, strides),
                Place::Global(_) => self.global_strides.insert(dst, strides),
            };
        }
    }

    /// The bytes between consecutive elements along the last axis of the array `e` reads.
    fn element_spacing(&self, frame: &Frame, e: ExprId, item: f64) -> f64 {
        let last = self.expr_strides(frame, e).and_then(|s| s.last().copied()).unwrap_or(1);
        (last.unsigned_abs().max(1) as f64) * item
    }

    /// The shape of `src[index]` (basic indexing, Python's slice rules) and its strides in
    /// elements, each where known.
    fn view_layout(&self, frame: &Frame, src: ExprId, index: &[ir::IndexItem]) -> (Option<Vec<i64>>, Option<Vec<i64>>) {
        let shape = self.expr_shape(frame, src);
        let base = self.expr_strides(frame, src);
        let (mut out_shape, mut out_strides) = (Some(Vec::new()), Some(Vec::new()));
        let mut axis = 0;
        for item in index {
            match item {
                ir::IndexItem::NewAxis => {
                    out_shape.as_mut().map(|o| o.push(1));
                    out_strides.as_mut().map(|o| o.push(0));
                }
                ir::IndexItem::Index(_) => axis += 1,
                ir::IndexItem::Slice { start, stop, step } => {
                    let bound = |e: &Option<ExprId>| -> Option<Option<i64>> {
                        match e {
                            None => Some(None),
                            Some(e) => Some(Some(self.eval(frame, *e)?.int()?)),
                        }
                    };
                    let step_value = bound(step).map(|s| s.unwrap_or(1));
                    let extent = (|| {
                        let n = *shape.as_ref()?.get(axis)?;
                        match ir::sym::slice_extent(&SymExpr::Const(n), bound(start)?, bound(stop)?, step_value?) {
                            SymExpr::Const(e) => Some(e),
                            _ => None,
                        }
                    })();
                    out_shape = out_shape.zip(extent).map(|(mut o, e)| {
                        o.push(e);
                        o
                    });
                    let stride = base.as_ref().and_then(|b| b.get(axis)).zip(step_value).map(|(b, s)| b.saturating_mul(s));
                    out_strides = out_strides.zip(stride).map(|(mut o, s)| {
                        o.push(s);
                        o
                    });
                    axis += 1;
                }
            }
        }
        let rest = |v: &Option<Vec<i64>>| v.as_ref().and_then(|v| v.get(axis..).map(<[i64]>::to_vec));
        (
            out_shape.zip(rest(&shape)).map(|(mut o, r)| {
                o.extend(r);
                o
            }),
            out_strides.zip(rest(&base)).map(|(mut o, r)| {
                o.extend(r);
                o
            }),
        )
    }

    fn set(&mut self, frame: &mut Frame, place: Place, v: Option<Num>) {
        let map = match place {
            Place::Local(_) => &mut frame.locals,
            Place::Global(_) => &mut self.globals,
        };
        match v {
            Some(v) => map.insert(place, v),
            None => map.remove(&place),
        };
    }

    /// The value of a name in a symbolic shape: a local of the frame's function, else a global.
    fn name_value(&self, frame: &Frame, name: &str) -> Option<i64> {
        let f = &self.module.functions[frame.func];
        if let Some((v, _)) = f.locals.iter().find(|(_, var)| var.name == name) {
            return self.value(frame, Place::Local(v))?.int();
        }
        let (g, _) = self.module.globals.iter().find(|(_, g)| g.name == name)?;
        self.value(frame, Place::Global(g))?.int()
    }

    fn sym(&self, frame: &Frame, e: &SymExpr) -> Option<i64> {
        Some(match e {
            SymExpr::Const(c) => *c,
            SymExpr::Value(name) => self.name_value(frame, name)?,
            SymExpr::Add(a, b) => self.sym(frame, a)?.checked_add(self.sym(frame, b)?)?,
            SymExpr::Sub(a, b) => self.sym(frame, a)?.checked_sub(self.sym(frame, b)?)?,
            SymExpr::Mul(a, b) => self.sym(frame, a)?.checked_mul(self.sym(frame, b)?)?,
            SymExpr::FloorDiv(a, b) => {
                let (a, b) = (self.sym(frame, a)?, self.sym(frame, b)?);
                if b == 0 {
                    return None;
                }
                a.div_euclid(b) - i64::from(b < 0 && a.rem_euclid(b) != 0)
            }
            SymExpr::Unknown => return None,
        })
    }

    /// The concrete shape of an array place (its symbolic shape evaluated; an extent `E`
    /// is `max(E, 0)`).
    fn shape(&self, frame: &Frame, place: Place) -> Option<Vec<i64>> {
        let tracked = match place {
            Place::Local(_) => frame.shapes.get(&place),
            Place::Global(_) => self.global_shapes.get(&place),
        };
        if let Some(s) = tracked {
            return Some(s.clone());
        }
        self.sym_shape(frame, place)
    }

    /// An array place's symbolic shape (the frontend's) evaluated.
    fn sym_shape(&self, frame: &Frame, place: Place) -> Option<Vec<i64>> {
        let f = &self.module.functions[frame.func];
        let ndim = match self.module.place_type(f, place) {
            Type::Array { ndim, .. } => ndim,
            _ => return None,
        };
        let sym = self.module.place_shape(f, place)?;
        if sym.len() != ndim {
            return None;
        }
        sym.iter().map(|d| self.sym(frame, d).map(|v| v.max(0))).collect()
    }

    fn expr_shape(&self, frame: &Frame, e: ExprId) -> Option<Vec<i64>> {
        match &self.module.functions[frame.func].exprs[e] {
            Expr::Read(p) => self.shape(frame, *p),
            _ => None,
        }
    }

    fn item(&self, frame: &Frame, e: ExprId) -> f64 {
        self.module.functions[frame.func].expr_type(e).dtype().map_or(8, ir::DType::size_bytes) as f64
    }

    fn eval(&self, frame: &Frame, e: ExprId) -> Option<Num> {
        let f = &self.module.functions[frame.func];
        Some(match &f.exprs[e] {
            Expr::Const(Const::Int(i)) => Num::Int(*i),
            Expr::Const(Const::Float(x)) => Num::Float(*x),
            Expr::Const(Const::Bool(b)) => Num::Bool(*b),
            Expr::Read(p) => self.value(frame, *p)?,
            Expr::Cast(d, a) => {
                let v = self.eval(frame, *a)?;
                if d.is_float() {
                    Num::Float(v.float())
                } else if *d == ir::DType::Bool {
                    Num::Bool(v.truthy())
                } else {
                    match v {
                        Num::Float(x) if x.is_finite() => Num::Int(x.trunc() as i64),
                        Num::Float(_) => return None,
                        v => Num::Int(v.int()?),
                    }
                }
            }
            Expr::Binary(op, a, b) => {
                let (a, b) = (self.eval(frame, *a)?, self.eval(frame, *b)?);
                match (a.int(), b.int(), matches!(a, Num::Float(_)) || matches!(b, Num::Float(_))) {
                    (Some(x), Some(y), false) => Num::Int(match op {
                        BinaryOp::Add => x.checked_add(y)?,
                        BinaryOp::Sub => x.checked_sub(y)?,
                        BinaryOp::Mul => x.checked_mul(y)?,
                        BinaryOp::FloorDiv if y != 0 => x.div_euclid(y) - i64::from(y < 0 && x.rem_euclid(y) != 0),
                        BinaryOp::Mod if y != 0 => x.rem_euclid(y) + if y < 0 && x.rem_euclid(y) != 0 { y } else { 0 },
                        BinaryOp::Max => x.max(y),
                        BinaryOp::Min => x.min(y),
                        BinaryOp::Pow if (0..63).contains(&y) => x.checked_pow(y as u32)?,
                        BinaryOp::TrueDiv if y != 0 => return Some(Num::Float(x as f64 / y as f64)),
                        _ => return None,
                    }),
                    _ => {
                        let (x, y) = (a.float(), b.float());
                        Num::Float(match op {
                            BinaryOp::Add => x + y,
                            BinaryOp::Sub => x - y,
                            BinaryOp::Mul => x * y,
                            BinaryOp::TrueDiv => x / y,
                            BinaryOp::Pow => x.powf(y),
                            BinaryOp::Max => x.max(y),
                            BinaryOp::Min => x.min(y),
                            BinaryOp::FloorDiv => (x / y).floor(),
                            _ => return None,
                        })
                    }
                }
            }
            Expr::Compare(op, a, b) => {
                let (a, b) = (self.eval(frame, *a)?.float(), self.eval(frame, *b)?.float());
                Num::Bool(match op {
                    ir::CompareOp::Lt => a < b,
                    ir::CompareOp::Le => a <= b,
                    ir::CompareOp::Gt => a > b,
                    ir::CompareOp::Ge => a >= b,
                    ir::CompareOp::Eq => a == b,
                    ir::CompareOp::Ne => a != b,
                })
            }
            Expr::Unary(ir::UnaryOp::Neg, a) => match self.eval(frame, *a)? {
                Num::Float(x) => Num::Float(-x),
                v => Num::Int(v.int()?.checked_neg()?),
            },
            Expr::Unary(ir::UnaryOp::Not, a) => Num::Bool(!self.eval(frame, *a)?.truthy()),
            Expr::Dim(a, d) => Num::Int(*self.expr_shape(frame, *a)?.get(*d)?),
            Expr::Size(a) => Num::Int(self.expr_shape(frame, *a)?.iter().product()),
            _ => return None,
        })
    }

    /// The places a block may assign, including the globals of the functions it calls.
    fn assigned(&self, func: FuncId, block: &[ir::Stmt], out: &mut HashSet<(FuncId, Place)>, seen: &mut HashSet<FuncId>) {
        ir::walk_stmts(block, &mut |s| {
            let mut put = |p: Place| {
                out.insert((func, p));
            };
            match &s.kind {
                StmtKind::Assign { dst, .. } | StmtKind::Alloc { dst, .. } | StmtKind::View { dst, .. } | StmtKind::Library { dst, .. } => put(*dst),
                StmtKind::Runtime { dst: Some(dst), .. } => put(*dst),
                StmtKind::Launch { result: Some(r), .. } => put(*r),
                StmtKind::For { var, .. } => put(*var),
                StmtKind::Call { func: callee, results, .. } => {
                    results.iter().for_each(|r| put(*r));
                    if seen.insert(*callee) {
                        let body = &self.module.functions[*callee].body;
                        let mut inner = HashSet::new();
                        self.assigned(*callee, body, &mut inner, seen);
                        out.extend(inner.into_iter().filter(|(_, p)| matches!(p, Place::Global(_))));
                    }
                }
                _ => {}
            }
        });
    }

    fn forget(&mut self, frame: &mut Frame, block: &[ir::Stmt]) {
        let mut places = HashSet::new();
        self.assigned(frame.func, block, &mut places, &mut HashSet::new());
        for (_, p) in places {
            self.set_shape(frame, p, None);
            self.set(frame, p, None);
        }
    }

    /// Walks `block` once; `mult` is how many times this walk stands for (`None`: unknown).
    fn block(&mut self, frame: &mut Frame, block: &[ir::Stmt], mult: Option<f64>) -> (Cost, Flow) {
        let mut cost = Cost::ZERO;
        for stmt in block {
            self.steps += 1;
            let at = StmtRef { func: frame.func, stmt: stmt.id };
            let (here, flow) = self.stmt(frame, stmt, at, mult);
            cost = cost.add(here);
            if flow != Flow::Normal {
                return (cost, flow);
            }
        }
        (cost, Flow::Normal)
    }

    fn stmt(&mut self, frame: &mut Frame, stmt: &ir::Stmt, at: StmtRef, mult: Option<f64>) -> (Cost, Flow) {
        let module = self.module;
        let mut cost = self.comm(frame, at, mult);
        let mut flow = Flow::Normal;
        match &stmt.kind {
            StmtKind::Assign { dst, value } => {
                let v = self.eval(frame, *value);
                self.set(frame, *dst, v);
                let shape = self.expr_shape(frame, *value);
                let strides = self.expr_strides(frame, *value);
                self.set_shape(frame, *dst, shape);
                // An alias of a view keeps its layout.
                if let (Some(st), Expr::Read(p)) = (strides, &self.module.functions[frame.func].exprs[*value]) {
                    let viewed = match p {
                        Place::Local(_) => frame.strides.contains_key(p),
                        Place::Global(_) => self.global_strides.contains_key(p),
                    };
                    if viewed {
                        match dst {
                            Place::Local(_) => frame.strides.insert(*dst, st),
                            Place::Global(_) => self.global_strides.insert(*dst, st),
                        };
                    }
                }
            }
            StmtKind::View { dst, src, index } => {
                let (shape, strides) = self.view_layout(frame, *src, index);
                self.set_shape(frame, *dst, shape);
                if let Some(strides) = strides {
                    self.set_view_strides(frame, *dst, strides);
                }
            }
            StmtKind::Alloc { dst, shape, .. } => {
                let dims: Option<Vec<i64>> = match shape {
                    ShapeSpec::Dims(d) => d.iter().map(|&e| self.eval(frame, e).and_then(Num::int).map(|v| v.max(0))).collect(),
                    ShapeSpec::Broadcast { arrays, .. } => {
                        arrays.iter().map(|&a| self.expr_shape(frame, a)).collect::<Option<Vec<_>>>().and_then(|s| broadcast(&s))
                    }
                    ShapeSpec::Reduced { array, axis } => self.expr_shape(frame, *array).filter(|s| *axis < s.len()).map(|mut s| {
                        s.remove(*axis);
                        s
                    }),
                };
                let dims = dims.or_else(|| self.sym_shape(frame, *dst));
                if let (Some(dims), Some((id, array))) = (&dims, self.module.plan.as_ref().and_then(|p| p.array_made_by(at))) {
                    self.site_shapes.insert(id, dims.clone());
                    self.fresh_pages(at, id, array, dims);
                }
                self.set_shape(frame, *dst, dims);
            }
            StmtKind::Launch { kernel, dst, arrays, result, .. } => {
                if let Some(r) = result {
                    self.set(frame, *r, None);
                }
                let (work, touched) = self.kernel(frame, at, *kernel, *dst, arrays);
                self.touch(&touched);
                cost = cost.add(self.record_work(work, mult));
                if let (Device::Gpu, Some(g)) = (self.config.device, &self.config.machine.gpu) {
                    self.first_use(at, FirstUse::Kernel(kernel.index()), g.kernel_load_seconds);
                }
            }
            StmtKind::Library { op, dst, args } => {
                let operands: Option<Vec<Vec<i64>>> = args.iter().map(|&a| self.expr_shape(frame, a)).collect();
                let shape = match (op, operands.as_deref()) {
                    (LibraryOp::MatMul { .. }, Some([a, b])) => match (a.as_slice(), b.as_slice()) {
                        ([_], [_]) => Some(vec![]),
                        ([_], [_, n]) => Some(vec![*n]),
                        ([m, _], [_]) => Some(vec![*m]),
                        ([m, _], [_, n]) => Some(vec![*m, *n]),
                        _ => None,
                    },
                    (LibraryOp::Copy, Some([a])) => Some(a.clone()),
                    (LibraryOp::Diagonal { k }, Some([a])) if a.len() == 2 => {
                        let (rows, cols) = (a[0], a[1]);
                        Some(vec![if *k >= 0 { rows.min(cols - k) } else { (rows + k).min(cols) }.max(0)])
                    }
                    (LibraryOp::ArgMax { axis: None } | LibraryOp::ArgMin { axis: None }, _) => Some(vec![]),
                    (LibraryOp::ArgMax { axis: Some(axis) } | LibraryOp::ArgMin { axis: Some(axis) }, Some([a])) if *axis < a.len() => {
                        let mut s = a.clone();
                        s.remove(*axis);
                        Some(s)
                    }
                    _ => None,
                };
                self.set_shape(frame, *dst, None);
                let shape = shape.or_else(|| self.sym_shape(frame, *dst));
                if let (Some(s), Some((id, array))) = (&shape, self.module.plan.as_ref().and_then(|p| p.array_made_by(at))) {
                    self.site_shapes.insert(id, s.clone());
                    self.fresh_pages(at, id, array, s);
                }
                self.set_shape(frame, *dst, shape);
                let (work, touched) = self.library(frame, at, op, *dst, args);
                self.touch(&touched);
                let kind = self.blas_kind(frame, op, args);
                cost = cost.add(self.record_work(work, mult));
                if let (Some(kind), Some(g)) = (kind, &self.config.machine.gpu) {
                    let started = self.totals.first_used.iter().any(|u| matches!(u, FirstUse::Blas(_)));
                    self.first_use(at, FirstUse::Blas(kind), if started { g.blas_load(kind.gemv) } else { g.blas_init_seconds });
                }
            }
            StmtKind::Runtime { func, args, dst } => {
                let value = match func {
                    ir::EntryPoint::ArgsInt | ir::EntryPoint::ArgsFloat => {
                        let index = args.first().and_then(|&a| self.eval(frame, a)).and_then(Num::int);
                        match (index, &self.config.args) {
                            (Some(i), Some(values)) => match values.get(i as usize) {
                                Some(ArgValue::Int(v)) => Some(Num::Int(*v)),
                                Some(ArgValue::Float(v)) => Some(Num::Float(*v)),
                                Some(ArgValue::Bool(b)) => Some(Num::Bool(*b)),
                                _ => None,
                            },
                            _ => None,
                        }
                    }
                    _ => None,
                };
                if let Some(dst) = dst {
                    self.set(frame, *dst, value);
                    self.set_shape(frame, *dst, None);
                    let shape = self.sym_shape(frame, *dst);
                    if let (Some(s), Some((id, _))) = (&shape, self.module.plan.as_ref().and_then(|p| p.array_made_by(at))) {
                        self.site_shapes.insert(id, s.clone());
                    }
                    self.set_shape(frame, *dst, shape);
                }
                if let Some(what) = unmodelled(*func) {
                    self.totals.unmodelled.entry(at).or_insert_with(|| what.to_string());
                }
            }
            StmtKind::Call { func: callee, args, results } => {
                let mut returned = Vec::new();
                if !self.active.contains(callee) {
                    let g = &module.functions[*callee];
                    let mut inner = Frame::new(*callee);
                    for (&param, &arg) in g.params.iter().zip(args) {
                        if let Some(v) = self.eval(frame, arg) {
                            inner.locals.insert(Place::Local(param), v);
                        }
                        if let Some(shape) = self.expr_shape(frame, arg) {
                            inner.shapes.insert(Place::Local(param), shape);
                        }
                    }
                    self.active.push(*callee);
                    let (c, f) = self.block(&mut inner, &g.body, mult);
                    self.active.pop();
                    returned = inner.returned;
                    cost = cost.add(c);
                    if f == Flow::Raise {
                        flow = Flow::Raise;
                    }
                } else {
                    self.totals.unmodelled.entry(at).or_insert_with(|| "a recursive call".to_string());
                }
                for (i, r) in results.iter().enumerate() {
                    self.set(frame, *r, None);
                    let shape = returned.get(i).cloned().flatten();
                    self.set_shape(frame, *r, shape);
                }
            }
            StmtKind::If { cond, then_body, else_body } => match self.eval(frame, *cond) {
                Some(c) => {
                    let body = if c.truthy() { then_body } else { else_body };
                    let (c, f) = self.block(frame, body, mult);
                    cost = cost.add(c);
                    flow = f;
                }
                None => {
                    // Both walked (each recorded at this multiplier). A side that raises is
                    // not the run's; otherwise the costlier side counts, and a side that
                    // leaves the block makes the enclosing loop's trip count unknown.
                    let (a, fa) = self.block(frame, then_body, mult);
                    let (b, fb) = self.block(frame, else_body, mult);
                    self.forget(frame, then_body);
                    self.forget(frame, else_body);
                    cost = cost.add(match (fa, fb) {
                        (Flow::Raise, Flow::Raise) => {
                            flow = Flow::Raise;
                            a.max(b)
                        }
                        (Flow::Raise, _) => b,
                        (_, Flow::Raise) => a,
                        _ => {
                            self.totals.guessed.insert(at);
                            if fa != Flow::Normal || fb != Flow::Normal {
                                self.unknown_exits += 1;
                            }
                            a.max(b)
                        }
                    });
                }
            },
            StmtKind::For { var, start, stop, step, body } => {
                let bounds = (self.eval(frame, *start), self.eval(frame, *stop), self.eval(frame, *step));
                let range = match bounds {
                    (Some(a), Some(b), Some(c)) => match (a.int(), b.int(), c.int()) {
                        (Some(a), Some(b), Some(c)) if c > 0 => Some((a, c, (b - a + c - 1).max(0) / c)),
                        (Some(a), Some(b), Some(c)) if c < 0 => Some((a, c, (a - b - c - 1).max(0) / -c)),
                        _ => None,
                    },
                    _ => None,
                };
                let (c, f) = self.run_loop(frame, at, Some(*var), body, range, mult);
                cost = cost.add(c);
                flow = f;
            }
            StmtKind::Loop { body } => {
                let (c, f) = self.run_loop(frame, at, None, body, None, mult);
                cost = cost.add(c);
                flow = f;
            }
            StmtKind::Break => flow = Flow::Break,
            StmtKind::Continue => flow = Flow::Continue,
            StmtKind::Return { values } => {
                frame.returned = values.iter().map(|&v| self.expr_shape(frame, v)).collect();
                flow = Flow::Return;
            }
            StmtKind::Raise { .. } => flow = Flow::Raise,
            _ => {}
        }
        (cost, flow)
    }

    /// A loop: iterated with the values of each iteration where every value it needs is
    /// known and the walk stays within `STEP_LIMIT` statements, else its body walked once
    /// with unknown values and counted `trips` times. `range`: a `for` loop's start, step
    /// and trip count.
    fn run_loop(
        &mut self,
        frame: &mut Frame,
        at: StmtRef,
        var: Option<Place>,
        body: &[ir::Stmt],
        range: Option<(i64, i64, i64)>,
        mult: Option<f64>,
    ) -> (Cost, Flow) {
        let snapshot = (self.totals.clone(), self.globals.clone(), frame.locals.clone(), self.site_shapes.clone(), self.steps, self.unknown_exits, (self.global_shapes.clone(), self.global_strides.clone()), (frame.shapes.clone(), frame.strides.clone()), self.lru.clone());
        let mut concrete = Some((Cost::ZERO, 0u64));
        let mut flow = Flow::Normal;
        let fits = range.is_none_or(|(_, _, n)| (n as u64).saturating_mul(body.len() as u64 + 1) < STEP_LIMIT.saturating_sub(self.steps));
        if fits {
            let mut i = 0i64;
            loop {
                if let Some((start, step, n)) = range {
                    if i >= n {
                        break;
                    }
                    if let Some(v) = var {
                        self.set(frame, v, Some(Num::Int(start + i * step)));
                    }
                }
                let exits = self.unknown_exits;
                let (c, f) = self.block(frame, body, mult);
                if self.unknown_exits != exits {
                    concrete = None;
                    break;
                }
                let Some((total, count)) = concrete.as_mut() else { break };
                *total = total.add(c);
                i += 1;
                match f {
                    Flow::Normal | Flow::Continue => *count += 1,
                    // The iteration that leaves (a `while` loop's last test) is not one.
                    Flow::Break => break,
                    Flow::Return | Flow::Raise => {
                        flow = f;
                        break;
                    }
                }
                if self.steps >= STEP_LIMIT {
                    concrete = None;
                    break;
                }
            }
        } else {
            concrete = None;
        }
        let (cost, iterations, per) = match concrete {
            Some((total, count)) => {
                let n = count.max(1) as f64;
                (total, Some(count as f64), Cost { compute: total.compute.map(|c| c / n), comm: total.comm.map(|c| c / n) })
            }
            None => {
                (self.totals, self.globals, frame.locals, self.site_shapes, self.steps, self.unknown_exits, (self.global_shapes, self.global_strides), (frame.shapes, frame.strides), self.lru) = snapshot;
                self.forget(frame, body);
                if let Some(v) = var {
                    self.set(frame, v, None);
                }
                let trips = range.map(|(_, _, n)| n as f64);
                let (once, _) = self.block(frame, body, mult.zip(trips).map(|(m, t)| m * t));
                self.forget(frame, body);
                flow = Flow::Normal;
                (once.scale(trips), trips, once)
            }
        };
        let entry = self.totals.loops.entry(at).or_insert(LoopCost {
            stmt: at,
            trips: Some(0.0),
            count: Some(0.0),
            seconds_per_iteration: per.total(),
            compute_per_iteration: per.compute,
            comm_per_iteration: per.comm,
        });
        // Over every start of the loop: the iterations per start, on average.
        let starts = entry.count.zip(mult).map(|(a, m)| a + m);
        let total_iterations = entry.trips.zip(entry.count).map(|(t, c)| t * c).zip(mult.zip(iterations)).map(|(a, (m, n))| a + m * n);
        entry.count = starts;
        entry.trips = total_iterations.zip(starts).map(|(t, s)| if s > 0.0 { t / s } else { 0.0 });
        (cost, flow)
    }

    /// Records a statement's work; its cost to the enclosing block.
    fn record_work(&mut self, work: Work, mult: Option<f64>) -> Cost {
        let seconds = work.seconds;
        let entry = self.totals.work.entry(work.stmt).or_insert((work, Some(0.0), Some(0.0)));
        entry.1 = entry.1.zip(mult).map(|(a, m)| a + m);
        entry.2 = entry.2.zip(mult.zip(seconds)).map(|(a, (m, s))| a + m * s);
        Cost { compute: seconds, comm: Some(0.0) }
    }

    /// The share of `array`'s `bytes` (on this rank) still in this rank's part of the
    /// last-level cache, by an LRU stack of the arrays kernels used, with an effective
    /// capacity of 3/4 of the cache (conflicts, other data): none of an array never used,
    /// or larger than that capacity (it streams through: each line is evicted before it
    /// is read again); else what the arrays used since it have not pushed out,
    /// `(capacity - since) / bytes`. On the 2-core VM (32 MiB), CG's 16.8 MB vectors come
    /// partly from the cache between statements, heat's 33.6 MB arrays do not.
    ///
    /// The same rule with the L2 caches of the rank's threads (3/4 of theirs) gives the share
    /// that comes from them: returned first, then the share from the last-level cache only.
    fn cache_shares(&self, array: u32, bytes: f64) -> (f64, f64) {
        let Some(at) = self.lru.iter().rposition(|(a, _)| *a == array) else { return (0.0, 0.0) };
        let since: f64 = self.lru[at + 1..].iter().map(|(_, b)| b).sum();
        let share = |capacity: f64| if bytes > capacity { 0.0 } else { ((capacity - since) / bytes.max(1.0)).clamp(0.0, 1.0) };
        let ranks = f64::from(self.config.ranks.min(self.config.machine.cpu.cores.max(1)).max(1));
        let llc = share(0.75 * self.config.machine.whole_last_level_cache() as f64 / ranks);
        let l2 = share(0.75 * self.config.machine.l2_per_core() as f64 * self.threads());
        (l2, (llc - l2).max(0.0))
    }

    /// Records that the arrays were just used (most recent last).
    fn touch(&mut self, touched: &[(u32, f64)]) {
        for &(array, bytes) in touched {
            self.lru.retain(|(a, _)| *a != array);
            self.lru.push((array, bytes));
        }
    }

    /// The threads of one rank that run at once: the ranks of a node share its cores.
    fn threads(&self) -> f64 {
        let c = self.config;
        f64::from(c.threads.max(1).min((c.machine.cpu.cores / c.ranks.max(1)).max(1)))
    }

    /// The bandwidth of one rank (the ranks of a node share the node's), from memory, the
    /// last-level cache or the L2 caches.
    fn rank_bandwidth(&self, level: machine::Level, kind: fn(&machine::Bandwidth) -> f64) -> f64 {
        self.rank_bandwidth_on(self.threads(), level, kind)
    }

    /// `rank_bandwidth` of a kernel that runs on `threads` threads of each rank.
    fn rank_bandwidth_on(&self, threads: f64, level: machine::Level, kind: fn(&machine::Bandwidth) -> f64) -> f64 {
        let c = self.config;
        let total_threads = (c.ranks * threads as u32).min(c.machine.cpu.cores.max(1));
        let bw = c.machine.bandwidth(total_threads, level).map_or(1e10, kind);
        bw / f64::from(c.ranks.min(c.machine.cpu.cores.max(1)).max(1))
    }

    fn kernel(&self, frame: &Frame, at: StmtRef, kernel: ir::KernelId, dst: Option<ExprId>, arrays: &[ExprId]) -> (Work, Vec<(u32, f64)>) {
        let k = &self.module.kernels[kernel];
        let launch = self.module.plan.as_ref().and_then(|p| p.launches.get(&at));
        let split = launch.is_some_and(|l| l.split) && self.config.ranks > 1;
        let ranks = f64::from(if split { self.config.ranks } else { 1 });
        let shapes: Option<Vec<Vec<i64>>> = arrays.iter().map(|&a| self.expr_shape(frame, a)).collect();
        let dst_shape = dst.map(|d| self.expr_shape(frame, d));
        let space = match (k.output, &shapes, &dst_shape) {
            (KernelOutput::Store { .. } | KernelOutput::StoreReduce { .. }, _, Some(Some(d))) => Some(d.clone()),
            (KernelOutput::Store { .. } | KernelOutput::StoreReduce { .. }, _, _) => None,
            (_, Some(s), _) => broadcast(s).map(|mut b| {
                while b.len() < k.ndim {
                    b.insert(0, 1);
                }
                b
            }),
            _ => None,
        };
        let points = space.as_ref().map(|s| product(s) / ranks);
        // Bytes: each operand once, operands of one array at nearby rows sharing lines while
        // the layer condition holds.
        // Bytes a strided element costs: a cache line, a GPU's 32-byte sector.
        let line = if self.config.device == Device::Cpu { 64.0 } else { 32.0 };
        let bytes = shapes.as_ref().zip(space.as_ref()).map(|(shapes, space)| {
            let mut groups: BTreeMap<u32, Vec<(Option<i64>, f64, f64)>> = BTreeMap::new();
            let mut alone = 0.0;
            for (i, (s, &a)) in shapes.iter().zip(arrays).enumerate() {
                let item = self.item(frame, a);
                // A rank reads its share of an operand that spans the split axis.
                let share = if s.len() == space.len() && s.first().copied().unwrap_or(1) > 1 { ranks } else { 1.0 };
                // A strided operand of a kernel over one axis (a column `X[:, j]`) moves a
                // whole cache line (a GPU sector) per element; over more axes, the
                // neighbouring elements of a line are read by the next rows.
                let moved = if space.len() == 1 { item.max(self.element_spacing(frame, a, item).min(line)) } else { item };
                let bytes = product(s) * moved / share;
                let row_bytes = product(s.get(1..).unwrap_or(&[])) * item;
                match launch.and_then(|l| l.operands.get(i).copied().flatten()) {
                    Some((array, row)) => groups.entry(array.0).or_default().push((row, bytes, row_bytes)),
                    None => alone += bytes,
                }
            }
            let cache = self.config.machine.l2_per_core() as f64 / 2.0;
            // Rows each group keeps in cache, over every group (the streams share the cache).
            let needed: f64 = groups
                .values()
                .map(|g| {
                    let rows: Vec<i64> = g.iter().filter_map(|(r, _, _)| *r).collect();
                    let span = rows.iter().max().zip(rows.iter().min()).map_or(0, |(a, b)| a - b) + 1;
                    span as f64 * g.iter().map(|(_, _, rb)| *rb).fold(0.0, f64::max)
                })
                .sum();
            let layer_condition = needed <= cache;
            // Per array: its bytes, from the L2 or the last-level cache where it was used
            // recently enough (`cache_shares`), else from memory.
            let (mut memory, mut llc, mut l2) = (alone, 0.0, 0.0);
            let mut touched = Vec::new();
            for (&array, g) in &groups {
                let bytes = if layer_condition {
                    g.iter().map(|(_, b, _)| *b).fold(0.0, f64::max)
                } else {
                    let mut rows: Vec<Option<i64>> = Vec::new();
                    let mut sum = 0.0;
                    for (r, b, _) in g {
                        if r.is_none() || !rows.contains(r) {
                            rows.push(*r);
                            sum += b;
                        }
                    }
                    sum
                };
                let footprint = g.iter().map(|(_, b, _)| *b).fold(0.0, f64::max);
                let (in_l2, in_llc) = self.cache_shares(array, footprint);
                l2 += bytes * in_l2;
                llc += bytes * in_llc;
                memory += bytes * (1.0 - in_l2 - in_llc);
                touched.push((array, footprint));
            }
            let write = match (k.output, &dst_shape) {
                (KernelOutput::Store { dtype } | KernelOutput::StoreReduce { dtype, .. }, Some(Some(d)))
                | (KernelOutput::ReduceAxis { dtype, .. }, Some(Some(d))) => {
                    let size = dtype.size_bytes() as f64;
                    // A strided store over one axis: each element's part of a line is read,
                    // then written back (on a GPU, its part of a sector written).
                    let spacing = dst.map_or(size, |e| self.element_spacing(frame, e, size));
                    let moved = match self.config.device {
                        _ if space.len() != 1 || spacing <= size => size,
                        Device::Cpu => 2.0 * spacing.min(line),
                        Device::Gpu => spacing.min(line),
                    };
                    product(d) * moved / if d.len() == space.len() { ranks } else { 1.0 }
                }
                _ => 0.0,
            };
            // A store into an array that one of its operands views at other rows (an in-place
            // stencil) writes each point once too: the CPU computes row blocks into
            // temporaries that stay in cache and writes each back once, the GPU writes a
            // second buffer that it then swaps in.
            match launch.and_then(|l| l.dst) {
                Some((array, _)) => {
                    let (in_l2, in_llc) = self.cache_shares(array.0, write);
                    l2 += write * in_l2;
                    llc += write * in_llc;
                    memory += write * (1.0 - in_l2 - in_llc);
                    touched.push((array.0, write));
                }
                None => memory += write,
            }
            (memory, llc, l2, write > 0.0, touched)
        });
        let ops = op_mix(k);
        let m = self.config.machine;
        let threads = self.threads();
        let (seconds, bound, flops) = match (points, &bytes) {
            (Some(points), Some((memory_bytes, llc_bytes, l2_bytes, writes, _))) => {
                let (memory_bytes, llc_bytes, l2_bytes, writes) = (*memory_bytes, *llc_bytes, *l2_bytes, *writes);
                let (memory, compute, launch_s) = match self.config.device {
                    Device::Cpu => {
                        let kind: fn(&machine::Bandwidth) -> f64 = if !writes {
                            |b| b.read
                        } else if arrays.len() >= 2 {
                            |b| b.triad
                        } else {
                            |b| b.copy
                        };
                        // The runtime splits a launch over threads from `PARALLEL_POINTS` points;
                        // a smaller one runs on one thread, with no fork-join.
                        let threads = if points >= runtime_abi::PARALLEL_POINTS as f64 { threads } else { 1.0 };
                        let memory_time = memory_bytes / self.rank_bandwidth_on(threads, machine::Level::Memory, kind)
                            + llc_bytes / self.rank_bandwidth_on(threads, machine::Level::LastLevel, kind)
                            + l2_bytes / self.rank_bandwidth_on(threads, machine::Level::L2, kind);
                        let per_point = ops.seconds(m);
                        let launch_s = if threads > 1.0 { m.cpu.launch_seconds } else { m.cpu.launch_seconds.min(2e-6) };
                        (memory_time, points * per_point / threads, launch_s)
                    }
                    Device::Gpu => match &m.gpu {
                        Some(g) => {
                            let rate = if ops.f32 { g.ops_f32 } else { g.ops_f64 };
                            let compute = if rate > 0.0 { points * ops.total() / rate } else { 0.0 };
                            // A reduce-all also waits for its kernel and downloads its partials.
                            let sync = if k.output.reduces_all() { g.reduce_sync_seconds } else { 0.0 };
                            let bytes = memory_bytes + llc_bytes + l2_bytes;
                            (bytes / g.bandwidth_at(bytes), compute, g.launch_seconds + sync)
                        }
                        None => (f64::NAN, f64::NAN, f64::NAN),
                    },
                };
                let bound = if launch_s > memory.max(compute) {
                    Bound::Launch
                } else if compute > memory {
                    Bound::Compute
                } else {
                    Bound::Memory
                };
                // The cores measured do not overlap a kernel's arithmetic with its memory
                // traffic well enough to take the larger of the two (a 5-point stencil on the
                // 2-core VM takes 0.8 of their sum, 1.8 times the larger): the sum, as the ECM
                // model assumes. A GPU hides one behind the other (the roofline's larger).
                let s = match self.config.device {
                    Device::Cpu => memory + compute,
                    Device::Gpu => memory.max(compute),
                } + launch_s;
                (s.is_finite().then_some(s), Some(bound), Some(points * ops.total()))
            }
            _ => (None, None, points.map(|p| p * ops.total())),
        };
        let work = Work {
            stmt: at,
            name: k.name.clone(),
            count: None,
            points,
            bytes: bytes.as_ref().map(|(m, l, l2, _, _)| m + l + l2),
            flops,
            bound,
            seconds,
            split,
        };
        (work, bytes.map(|(_, _, _, _, t)| t).unwrap_or_default())
    }

    /// A library call's work (products by their flops at the measured GEMM rate, or by
    /// their bytes, each operand from the last-level cache where the LRU stack says it is
    /// still there), and the arrays it used.
    fn library(&self, frame: &Frame, at: StmtRef, op: &LibraryOp, dst: Place, args: &[ExprId]) -> (Work, Vec<(u32, f64)>) {
        let plan = self.module.plan.as_ref();
        let ranks = self.config.ranks;
        let made = plan.and_then(|p| p.array_made_by(at));
        let by_rows = ranks > 1 && made.is_some_and(|(_, a)| matches!(a.layout, Layout::Rows { .. }));
        let split = by_rows || (ranks > 1 && plan.is_some_and(|p| p.comm_of(at).contains(&Comm::Allreduce)));
        let share = f64::from(if split { ranks } else { 1 });
        let item = args.first().map_or(8.0, |&a| self.item(frame, a));
        let shapes: Option<Vec<Vec<i64>>> = args.iter().map(|&a| self.expr_shape(frame, a)).collect();
        let m = self.config.machine;
        let name = match op {
            LibraryOp::MatMul { .. } => "matmul",
            LibraryOp::ArgMax { .. } => "argmax",
            LibraryOp::ArgMin { .. } => "argmin",
            LibraryOp::Diagonal { .. } => "diagonal",
            LibraryOp::Copy => "copy",
        };
        // Per operand on this rank: bytes read; then the bytes written.
        let (points, reads, written, flops) = match (op, &shapes) {
            (LibraryOp::MatMul { .. }, Some(s)) if s.len() == 2 => {
                let (a, b) = (&s[0], &s[1]);
                let (mm, kk) = match a.len() {
                    1 => (1, a[0]),
                    _ => (a[0], a[1]),
                };
                let nn = match b.len() {
                    1 => 1,
                    _ => b[1],
                };
                let madds = mm as f64 * kk as f64 * nn as f64 / share;
                // Split by rows: a rank reads its rows of `a` and all of `b`, and writes its
                // rows of the result; split along the summed axis: its share of both, and a
                // whole result of partial sums.
                let (b_share, out_share) = if by_rows { (1.0, share) } else { (share, 1.0) };
                let reads = vec![product(a) * item / share, product(b) * item / b_share];
                (Some(madds), Some(reads), Some((mm as f64) * (nn as f64) * item / out_share), Some(2.0 * madds))
            }
            (_, Some(s)) if !s.is_empty() => {
                let n = product(&s[0]) / share;
                let out = self.shape(frame, dst).map_or(0.0, |d| product(&d) / share);
                (Some(n), Some(vec![n * item]), Some(if matches!(op, LibraryOp::Copy) { out * item } else { 0.0 }), Some(0.0))
            }
            _ => (None, None, None, None),
        };
        let operands = plan.and_then(|p| p.launches.get(&at)).map(|l| l.operands.as_slice()).unwrap_or(&[]);
        let mut touched = Vec::new();
        // Bytes from memory and from the last-level cache.
        let (mut memory_bytes, mut llc_bytes, mut l2_bytes) = (0.0, 0.0, 0.0);
        for (i, bytes) in reads.iter().flatten().enumerate() {
            match operands.get(i).copied().flatten() {
                Some((array, _)) if self.config.device == Device::Cpu => {
                    let (in_l2, in_llc) = self.cache_shares(array.0, *bytes);
                    l2_bytes += bytes * in_l2;
                    llc_bytes += bytes * in_llc;
                    memory_bytes += bytes * (1.0 - in_l2 - in_llc);
                    touched.push((array.0, *bytes));
                }
                _ => memory_bytes += bytes,
            }
        }
        memory_bytes += written.unwrap_or(0.0);
        if let (Some((array, _)), Some(w)) = (made, written) {
            touched.push((array.0, w));
        }
        let bytes = reads.as_ref().map(|_| memory_bytes + llc_bytes + l2_bytes);
        let (seconds, bound) = match (points, bytes, flops) {
            (Some(_), Some(_), Some(flops)) => {
                let (memory, compute, launch_s) = match (self.config.device, &m.gpu) {
                    (Device::Gpu, Some(g)) => {
                        let rate = match (item == 4.0, matches!(op, LibraryOp::MatMul { .. })) {
                            (false, true) if g.blas_gemm_f64 > 0.0 => g.blas_gemm_f64,
                            (true, true) if g.blas_gemm_f32 > 0.0 => g.blas_gemm_f32,
                            (true, _) => g.ops_f32,
                            (false, _) => g.ops_f64,
                        };
                        (memory_bytes / g.bandwidth_at(memory_bytes), if rate > 0.0 { flops / rate } else { 0.0 }, g.launch_seconds)
                    }
                    _ => {
                        let kind: fn(&machine::Bandwidth) -> f64 = if matches!(op, LibraryOp::Copy) { |b| b.copy } else { |b| b.read };
                        // A product of fewer than `PARALLEL_MADDS` multiply-adds is one serial
                        // call on one thread.
                        let threads = match (op, points) {
                            (LibraryOp::MatMul { .. }, Some(madds)) if madds < runtime_abi::PARALLEL_MADDS as f64 => 1.0,
                            _ => self.threads(),
                        };
                        let memory = memory_bytes / self.rank_bandwidth_on(threads, machine::Level::Memory, kind)
                            + llc_bytes / self.rank_bandwidth_on(threads, machine::Level::LastLevel, kind)
                            + l2_bytes / self.rank_bandwidth_on(threads, machine::Level::L2, kind);
                        (memory, flops / self.rank_gemm_rate(threads, item == 4.0), m.cpu.launch_seconds.min(2e-6))
                    }
                };
                let bound = if compute > memory { Bound::Compute } else { Bound::Memory };
                (Some(memory.max(compute) + launch_s), Some(bound))
            }
            _ => (None, None),
        };
        (Work { stmt: at, name: name.to_string(), count: None, points, bytes, flops, bound, seconds, split }, touched)
    }

    /// The kind of product cuBLAS runs for `op` on a GPU run (float operands of one or two
    /// axes), else `None`.
    fn blas_kind(&self, frame: &Frame, op: &LibraryOp, args: &[ExprId]) -> Option<BlasKind> {
        if self.config.device != Device::Gpu || !matches!(op, LibraryOp::MatMul { .. }) || args.len() != 2 {
            return None;
        }
        let f = &self.module.functions[frame.func];
        let float = |a: ExprId| matches!(f.expr_type(a), Type::Array { dtype, ndim } if dtype.is_float() && *ndim <= 2);
        if !args.iter().all(|&a| float(a)) {
            return None;
        }
        let f32 = self.item(frame, args[0]) == 4.0;
        let shapes: Vec<Vec<i64>> = args.iter().map(|&a| self.expr_shape(frame, a).unwrap_or_default()).collect();
        let gemv = shapes.iter().any(|s| s.len() == 1 || s.contains(&1));
        let small = !gemv && shapes.iter().flatten().any(|&e| e < 64);
        Some(BlasKind { gemv, f32, transposed: (self.transposed(f, args[0]), self.transposed(f, args[1])), small })
    }

    /// Whether `e` reads a place that `a.T` (the runtime's transpose) made.
    fn transposed(&self, f: &ir::Function, e: ExprId) -> bool {
        fn made_by_transpose(block: &[ir::Stmt], p: Place) -> bool {
            block.iter().any(|s| match &s.kind {
                StmtKind::Runtime { func: ir::EntryPoint::ArrayTranspose, dst: Some(d), .. } => *d == p,
                StmtKind::If { then_body, else_body, .. } => made_by_transpose(then_body, p) || made_by_transpose(else_body, p),
                StmtKind::For { body, .. } | StmtKind::Loop { body } => made_by_transpose(body, p),
                _ => false,
            })
        }
        matches!(&f.exprs[e], Expr::Read(p) if made_by_transpose(&f.body, *p))
    }

    /// A new array of the plan on the CPU: the first time the walk allocates it, its pages are
    /// fresh and their first write costs the description's `first_touch_seconds` per byte
    /// (later allocations of it reuse memory the runtime kept: `runtime-core/src/pages.rs`).
    /// Arrays below 4 MiB come from the heap, which reuses its memory.
    fn fresh_pages(&mut self, at: StmtRef, id: ArrayId, array: &ir::ArrayPlan, dims: &[i64]) {
        let per_byte = self.config.machine.cpu.first_touch_seconds;
        if self.config.device != Device::Cpu || per_byte <= 0.0 {
            return;
        }
        let split = self.config.ranks > 1 && matches!(array.layout, Layout::Rows { .. });
        let bytes = product(dims) * array.item as f64 / if split { f64::from(self.config.ranks) } else { 1.0 };
        // The first writes are the rank's threads' (an array this large is written in
        // parallel), each faulting in its own part.
        if bytes >= f64::from(4u32 << 20) {
            self.first_use(at, FirstUse::Pages(id.0), bytes * per_byte / self.threads());
        }
    }

    /// The first use of `what` in a GPU run costs `extra` seconds once (a kernel's loading,
    /// cuBLAS's start or its kernels' loading), added to the statement's total.
    fn first_use(&mut self, at: StmtRef, what: FirstUse, extra: f64) {
        if !self.totals.first_used.insert(what) || extra <= 0.0 {
            return;
        }
        self.totals.first_uses += extra;
        if matches!(what, FirstUse::Pages(_)) {
            self.totals.first_touch += extra;
        }
        if let Some(entry) = self.totals.work.get_mut(&at) {
            entry.2 = entry.2.map(|t| t + extra);
        }
    }

    /// The flops per second of a product on one rank running it on `threads` threads: the
    /// node's rate on all the threads its ranks run, shared by the ranks (as
    /// `rank_bandwidth` shares the bandwidth).
    fn rank_gemm_rate(&self, threads: f64, f32: bool) -> f64 {
        let c = self.config;
        let total_threads = (c.ranks * threads as u32).min(c.machine.cpu.cores.max(1));
        c.machine.gemm_rate(total_threads, f32) / f64::from(c.ranks.min(c.machine.cpu.cores.max(1)).max(1))
    }

    /// The communication of statement `at`, recorded; its cost.
    fn comm(&mut self, frame: &Frame, at: StmtRef, mult: Option<f64>) -> Cost {
        let p = self.config.ranks;
        let Some(plan) = self.module.plan.as_ref() else { return Cost::ZERO };
        // What the statement does in the steady state of its loop or outside loops (the
        // plan's events), not the upper bound of everything it may do (`Plan::comm`).
        let Some(comms) = self.events.get(&at) else { return Cost::ZERO };
        let comms: Vec<Comm> = comms.iter().cloned().collect();
        if p <= 1 || comms.is_empty() {
            return Cost::ZERO;
        }
        let mut total = Some(0.0);
        let pf = f64::from(p);
        let (latency, bandwidth) = match &self.config.machine.mpi {
            Some(mpi) => (mpi.latency_seconds, mpi.bandwidth),
            None => (f64::NAN, f64::NAN),
        };
        for comm in comms.iter().filter(|c| !c.is_possible_gather()) {
            let array_bytes = |walk: &Self, a: ArrayId| -> Option<(f64, f64)> {
                let site = plan.array(a);
                let shape = match walk.site_shapes.get(&a) {
                    Some(s) => Some(s.clone()),
                    None => site.shape.iter().map(|d| walk.sym(frame, d).map(|v| v.max(0))).collect::<Option<Vec<_>>>(),
                }?;
                if shape.len() != site.ndim {
                    return None;
                }
                let item = site.item as f64;
                Some((product(&shape) * item, product(shape.get(1..).unwrap_or(&[])) * item))
            };
            let (messages, bytes) = match comm {
                Comm::HaloExchange { array } => {
                    let ghost = plan.array(*array).layout.ghost().unwrap_or(0) as f64;
                    (2.0, array_bytes(self, *array).map(|(_, row)| 2.0 * ghost * row))
                }
                Comm::Allreduce => {
                    let rounds = ceil_log2(p);
                    let bytes = self.reduced_bytes(frame, at).unwrap_or(8.0);
                    (rounds, Some(bytes * rounds))
                }
                Comm::Gather { array, .. } | Comm::Fetch { array } => {
                    (pf - 1.0, array_bytes(self, *array).map(|(all, _)| all * (pf - 1.0) / pf))
                }
                Comm::Broadcast { .. } => (ceil_log2(p), Some(8.0 * ceil_log2(p))),
                Comm::Shuffle { array } => (2.0 * (pf - 1.0), array_bytes(self, *array).map(|(all, _)| all / pf * (pf - 1.0) / pf)),
                Comm::ReadSplit => (pf - 1.0, None),
            };
            let seconds = bytes.map(|b| messages * latency + b / bandwidth).filter(|s| s.is_finite());
            total = total.zip(seconds).map(|(a, b)| a + b);
            let entry = self.totals.messages.entry((at, comm.clone())).or_insert((
                Message { stmt: at, comm: comm.clone(), count: None, messages, bytes, seconds },
                Some(0.0),
            ));
            entry.1 = entry.1.zip(mult).map(|(a, m)| a + m);
        }
        Cost { compute: Some(0.0), comm: total }
    }

    /// The bytes of the partial result an allreduce of `at` combines (an axis reduction's
    /// or a product's destination), if it has one.
    fn reduced_bytes(&self, frame: &Frame, at: StmtRef) -> Option<f64> {
        let f = &self.module.functions[frame.func];
        let stmt = f.stmt(at.stmt)?;
        let dst = match &stmt.kind {
            StmtKind::Launch { dst: Some(d), kernel, .. }
                if matches!(self.module.kernels[*kernel].output, KernelOutput::ReduceAxis { .. }) =>
            {
                match &f.exprs[*d] {
                    Expr::Read(p) => *p,
                    _ => return None,
                }
            }
            StmtKind::Library { op: LibraryOp::MatMul { .. }, dst, .. } => *dst,
            _ => return None,
        };
        let item = self.module.place_type(f, dst).dtype().map_or(8, ir::DType::size_bytes) as f64;
        Some(product(&self.shape(frame, dst)?) * item)
    }
}

/// What a runtime call the model gives no time does, if it does work proportional to data.
fn unmodelled(func: ir::EntryPoint) -> Option<&'static str> {
    use ir::EntryPoint as E;
    let name = func.name();
    Some(match func {
        E::FrameRun => "a dataframe operation",
        _ if name.starts_with("lt_random_fill") => "a random fill",
        _ if name.starts_with("lt_sort") || name.starts_with("lt_argsort") => "a sort",
        _ if name.starts_with("lt_cum") => "a scan",
        _ if name.starts_with("lt_npy") || name.starts_with("lt_save") || name.starts_with("lt_load") => "a file",
        _ if name.starts_with("lt_mask") || name.starts_with("lt_gather") || name.starts_with("lt_scatter") => "an indexed copy",
        _ if name.starts_with("lt_linalg") => "a matrix factorisation (np.linalg)",
        _ => return None,
    })
}

/// Element operations per point of a kernel, by class; math functions by name.
#[derive(Default)]
struct OpMix {
    arith: f64,
    div: f64,
    sqrt: f64,
    /// Calls of math functions (`exp`, `log`, `pow`...), by NumPy's name.
    math: BTreeMap<&'static str, f64>,
    /// Whether the kernel computes in float32.
    f32: bool,
}

impl OpMix {
    /// Element operations per point, also its floating-point operations (a math function
    /// counts as one).
    fn total(&self) -> f64 {
        self.arith + self.div + self.sqrt + self.math.values().sum::<f64>()
    }
    /// Seconds per point on one core of `m`. Divisions and square roots run on the divider,
    /// beside the multiply-add and logic units that the arithmetic and the math functions'
    /// polynomials keep busy: the larger of the two (Black-Scholes' fused kernel, 6
    /// divisions and a square root among 5 `exp`, a `log` and 100 additions and
    /// multiplications per point, took 0.65-0.7 of the sum on both machines measured).
    fn seconds(&self, m: &Machine) -> f64 {
        let r = &m.cpu.ops;
        let math: f64 = self.math.iter().map(|(name, n)| n / r.math_rate(name)).sum();
        let divider = self.div / r.div + self.sqrt / r.sqrt;
        divider.max(self.arith / r.arith + math)
    }
}

/// NumPy's name of a kernel's math function.
fn math_name(f: ir::MathFn) -> &'static str {
    use ir::MathFn as M;
    match f {
        M::Sqrt => "sqrt",
        M::Exp => "exp",
        M::Log => "log",
        M::Sin => "sin",
        M::Cos => "cos",
        M::Tanh => "tanh",
        M::Abs => "absolute",
        M::Floor => "floor",
        M::Ceil => "ceil",
        M::IsNan => "isnan",
        M::Rint => "rint",
        M::Tan => "tan",
        M::Arcsin => "arcsin",
        M::Arccos => "arccos",
        M::Arctan => "arctan",
        M::Sinh => "sinh",
        M::Cosh => "cosh",
        M::Log2 => "log2",
        M::Log10 => "log10",
        M::Log1p => "log1p",
        M::Expm1 => "expm1",
        M::Exp2 => "exp2",
        M::Erf => "erf",
        M::Erfc => "erfc",
        M::Gamma => "gamma",
        M::Lgamma => "lgamma",
        M::Real => "real",
        M::Imag => "imag",
        M::Angle => "angle",
        M::Conj => "conj",
    }
}

fn op_mix(k: &ir::Kernel) -> OpMix {
    let mut mix = OpMix {
        f32: matches!(
            k.output,
            KernelOutput::Store { dtype: ir::DType::F32 } | KernelOutput::ReduceAll { dtype: ir::DType::F32, .. } | KernelOutput::StoreReduce { dtype: ir::DType::F32, .. }
        ),
        ..OpMix::default()
    };
    for (e, expr) in k.exprs.iter() {
        let float = k.expr_dtype(e).is_float();
        match expr {
            KExpr::Binary(BinaryOp::TrueDiv, ..) => mix.div += 1.0,
            KExpr::Binary(BinaryOp::FloorDiv | BinaryOp::Mod, ..) if float => mix.div += 1.0,
            // Integer: a multiply-high and shifts by a constant, scalar where the core has
            // no vector form; calibrated as such (`remainder`, with the conversion to float).
            KExpr::Binary(BinaryOp::FloorDiv | BinaryOp::Mod, ..) => *mix.math.entry("remainder").or_default() += 1.0,
            // LLVM turns `x ** 2.0` into a multiplication.
            KExpr::Binary(BinaryOp::Pow, _, y) if float && matches!(k.exprs[*y], KExpr::Const(Const::Float(c)) if c == 2.0 || c == 1.0) => mix.arith += 1.0,
            KExpr::Binary(BinaryOp::Pow, ..) if float => *mix.math.entry("power").or_default() += 1.0,
            KExpr::Binary(BinaryOp::Atan2, ..) => *mix.math.entry("arctan2").or_default() += 1.0,
            KExpr::Binary(BinaryOp::Hypot, ..) => *mix.math.entry("hypot").or_default() += 1.0,
            KExpr::Binary(..) | KExpr::Compare(..) | KExpr::Select(..) | KExpr::Unary(..) => mix.arith += 1.0,
            KExpr::Math(ir::MathFn::Sqrt, _) => mix.sqrt += 1.0,
            KExpr::Math(ir::MathFn::Abs | ir::MathFn::Floor | ir::MathFn::Ceil | ir::MathFn::IsNan | ir::MathFn::Rint, _) => mix.arith += 1.0,
            KExpr::Math(f, _) => *mix.math.entry(math_name(*f)).or_default() += 1.0,
            KExpr::Cast(..) | KExpr::Array(_) | KExpr::Scalar(_) | KExpr::Const(_) | KExpr::Index(_) => {}
        }
    }
    if !matches!(k.output, KernelOutput::Store { .. }) {
        // The reduction's combination.
        mix.arith += 1.0;
    }
    mix
}
