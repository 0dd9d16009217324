//! `fuse-producers`: fuses a producer kernel into its consumer across
//! statements, so that an intermediate array consumed only by the next
//! kernel lives in registers instead of memory.
//!
//! The pattern, within one block:
//!
//! ```text
//! %t = alloc D broadcast(a, b)                 // the producer's destination
//! launch KA into %t arrays(a, b) scalars(s)    // KA: a store, no Index nodes
//! @x = %t                                      // optional: x may be %t itself
//! ...                                          // only statements that cannot observe the move
//! %u = alloc E broadcast(@x, c)                // optional: the consumer's destination
//! launch KB into %u arrays(@x, c) scalars(r)   // any output
//! ```
//!
//! (an axis reduction's allocation is `%u = alloc E reduced(@x, axis=k)`; it fuses only
//! when every operand of KA and KB has x's known shape, and then reads KA's first operand's
//! shape instead)
//!
//! becomes `%u = alloc E broadcast(a, b, c)` and one launch of a kernel that
//! evaluates KA's tree wherever KB loads `x`. It only applies when that is
//! unobservable:
//!
//! - `x` and `%t` are read nowhere else in the module (every statement of
//!   every function for a global, of the function for a local), so neither
//!   the array nor its absence can be seen.
//! - `x` is KB's first array operand and the first of the consumer's
//!   broadcast list: both fold shapes left to right, so with KA's operands
//!   spliced in front the same broadcast error (if any) is raised with the
//!   same message as the producer's allocation, or the consumer's, would.
//! - Nothing between the producer and the consumer writes a place that KA's
//!   operands read, or `x`/`%t`; when KA's operands could fail to broadcast,
//!   nothing in between (nor the consumer's scalar operands when it has no
//!   allocation of its own) can raise, so the first error stays the first.
//! - KA cannot raise (no integer power), reads no iteration index, and its
//!   scalar operands cannot raise (they are now evaluated at the consumer).
//! - The consumer's destination reads neither `x`, `%t` nor any of KA's
//!   array operands (other aliasing is handled by the runtime's overlap
//!   guard, which sees KA's operands as inputs of the fused launch).
//! - `x` has the rank of KB's iteration space and no dimension known to be 1:
//!   a broadcast intermediate would be recomputed at every point it is
//!   broadcast to, which can cost more than the memory it saves.
//!
//! Broadcasting composes: a leaf broadcast to `x`'s shape and `x` broadcast to
//! KB's iteration space is the leaf broadcast to that space, so KB's rank
//! stays. The pass repeats until nothing fuses (chains fuse pairwise), and a
//! fused kernel stays within `MAX_FUSED_EXPRS` expressions.
//! Fused-away kernels are dropped by `drop-unused-kernels`, which runs after.

use std::collections::{HashMap, HashSet};

use ir::{
    BinaryOp, Block, DType, Expr, ExprId, FuncId, Function, IndexItem, KExpr, KExprId, Kernel, KernelArray,
    KernelOutput, Module, Place, ShapeSpec, Stmt, StmtKind, SymExpr, Type,
};

/// The most expressions a fused kernel may have. A chain of thousands of
/// statements (`a1 = a0 + 1`, `a2 = a1 + 1`...) would otherwise become one tree as
/// deep as the chain is long, which every later stage walks recursively, and the
/// pass would keep a copy of every intermediate kernel (quadratic memory).
/// Real loop bodies stay far below it.
pub(crate) const MAX_FUSED_EXPRS: usize = 1000;

pub fn fuse_producers(module: &mut Module) {
    while let Some(plan) = find_plan(module) {
        apply(module, plan);
    }
}

/// A read-count key: locals are per function, globals are module-wide.
pub(crate) type PlaceKey = (Option<FuncId>, Place);

pub(crate) fn key(func: FuncId, place: Place) -> PlaceKey {
    match place {
        Place::Local(_) => (Some(func), place),
        Place::Global(_) => (None, place),
    }
}

/// One fusion, fully decided: what to insert and what to remove.
struct Plan {
    func: FuncId,
    /// (statement index, sub-block) from the function body to the block.
    path: Vec<(usize, usize)>,
    /// Index of the producer's `Alloc`; its launch follows, then the `Assign` if any.
    producer: usize,
    removed: usize,
    /// The consumer's allocation and its new shape spec.
    consumer_alloc: Option<(usize, ShapeSpec)>,
    consumer: usize,
    kernel: Kernel,
    /// KB, when this launch is its only one: the fused kernel takes its place
    /// (numbering keeps following source order); otherwise it is appended.
    replaces: Option<ir::KernelId>,
    arrays: Vec<ExprId>,
    scalars: Vec<ExprId>,
}

// ----- walking statements and expressions -----

pub(crate) fn sub_blocks(kind: &StmtKind) -> Vec<&Block> {
    match kind {
        StmtKind::If { then_body, else_body, .. } => vec![then_body, else_body],
        StmtKind::For { body, .. } | StmtKind::Loop { body } => vec![body],
        _ => vec![],
    }
}

pub(crate) fn sub_block_mut(kind: &mut StmtKind, which: usize) -> &mut Block {
    match (kind, which) {
        (StmtKind::If { then_body, .. }, 0) => then_body,
        (StmtKind::If { else_body, .. }, 1) => else_body,
        (StmtKind::For { body, .. } | StmtKind::Loop { body }, 0) => body,
        _ => unreachable!("fuse-producers: the path names a block that does not exist"),
    }
}

/// Calls `visit` for every place read in the tree of `e`.
fn for_each_read(f: &Function, e: ExprId, visit: &mut dyn FnMut(Place)) {
    if let Expr::Read(p) = &f.exprs[e] {
        visit(*p);
    }
    for c in f.exprs[e].children() {
        for_each_read(f, c, visit);
    }
}

pub(crate) fn reads_of(f: &Function, e: ExprId) -> Vec<Place> {
    let mut out = Vec::new();
    for_each_read(f, e, &mut |p| out.push(p));
    out
}

/// Whether evaluating `e` on the host can raise (conservative).
pub(crate) fn may_raise(f: &Function, e: ExprId) -> bool {
    let own = match &f.exprs[e] {
        Expr::GetItem(..) | Expr::Math(..) | Expr::Format(..) => true,
        Expr::Binary(op, ..) => {
            matches!(op, BinaryOp::TrueDiv | BinaryOp::FloorDiv | BinaryOp::Mod | BinaryOp::Pow | BinaryOp::LShift | BinaryOp::RShift)
        }
        Expr::Cast(to, a) => to.is_int() && f.expr_type(*a).dtype().is_none_or(|d| d.is_float()),
        _ => false,
    };
    own || f.exprs[e].children().into_iter().any(|c| may_raise(f, c))
}

/// Counts, for every place, the reads in every statement of the module, and
/// the launches of every kernel.
pub(crate) struct Counts {
    pub(crate) reads: HashMap<PlaceKey, usize>,
    pub(crate) launches: Vec<usize>,
}

pub(crate) fn count_reads(module: &Module) -> Counts {
    fn walk(func: FuncId, f: &Function, block: &Block, counts: &mut Counts) {
        for stmt in block {
            if let StmtKind::Launch { kernel, .. } = &stmt.kind {
                counts.launches[kernel.index()] += 1;
            }
            let mut roots = Vec::new();
            roots.extend(stmt.kind.exprs());
            for r in roots {
                for_each_read(f, r, &mut |p| *counts.reads.entry(key(func, p)).or_default() += 1);
            }
            for b in sub_blocks(&stmt.kind) {
                walk(func, f, b, counts);
            }
        }
    }
    let mut counts = Counts { reads: HashMap::new(), launches: vec![0; module.kernels.len()] };
    for (func, f) in module.functions.iter() {
        walk(func, f, &f.body, &mut counts);
    }
    counts
}

// ----- finding a fusion -----

fn find_plan(module: &Module) -> Option<Plan> {
    let counts = count_reads(module);
    for (func, f) in module.functions.iter() {
        let mut path = Vec::new();
        if let Some(plan) = first_in_blocks(&f.body, &mut path, &mut |block, i, path| plan_at(module, func, f, block, i, path, &counts)) {
            return Some(plan);
        }
    }
    None
}

/// Tries `at(block, i, path)` at every statement of `block` and, depth first, of the blocks
/// nested in it; the first `Some` wins. `path` leads from the function body to `block`
/// (statement index, sub-block), as the passes' plans record it.
pub(crate) fn first_in_blocks<T>(
    block: &Block,
    path: &mut Vec<(usize, usize)>,
    at: &mut dyn FnMut(&Block, usize, &[(usize, usize)]) -> Option<T>,
) -> Option<T> {
    for i in 0..block.len() {
        if let Some(found) = at(block, i, path) {
            return Some(found);
        }
        for (which, sub) in sub_blocks(&block[i].kind).into_iter().enumerate() {
            path.push((i, which));
            let found = first_in_blocks(sub, path, at);
            path.pop();
            if found.is_some() {
                return found;
            }
        }
    }
    None
}

/// The place read by `e` when it is a plain read.
pub(crate) fn read_place(f: &Function, e: ExprId) -> Option<Place> {
    match &f.exprs[e] {
        Expr::Read(p) => Some(*p),
        _ => None,
    }
}

fn read_places(f: &Function, es: &[ExprId]) -> Option<Vec<Place>> {
    es.iter().map(|e| read_place(f, *e)).collect()
}

fn all_distinct(places: &[Place]) -> bool {
    let set: HashSet<&Place> = places.iter().collect();
    set.len() == places.len()
}

/// Kernel expressions reachable from the root, as a mask over the arena.
fn reachable(k: &Kernel) -> Vec<bool> {
    let mut live = vec![false; k.exprs.len()];
    live[k.root.index()] = true;
    for (e, expr) in k.exprs.iter().collect::<Vec<_>>().into_iter().rev() {
        if live[e.index()] {
            for o in kexpr_operands(expr) {
                live[o.index()] = true;
            }
        }
    }
    live
}

fn kexpr_operands(e: &KExpr) -> Vec<KExprId> {
    match e {
        KExpr::Array(_) | KExpr::Scalar(_) | KExpr::Const(_) | KExpr::Index(_) => vec![],
        KExpr::Unary(_, a) | KExpr::Cast(_, a) | KExpr::Math(_, a) => vec![*a],
        KExpr::Binary(_, a, b) | KExpr::Compare(_, a, b) => vec![*a, *b],
        KExpr::Select(c, a, b) => vec![*c, *a, *b],
    }
}

pub(crate) fn map_kexpr(e: &KExpr, m: &dyn Fn(KExprId) -> KExprId) -> KExpr {
    match e {
        KExpr::Array(_) | KExpr::Scalar(_) | KExpr::Const(_) | KExpr::Index(_) => e.clone(),
        KExpr::Unary(op, a) => KExpr::Unary(*op, m(*a)),
        KExpr::Cast(d, a) => KExpr::Cast(*d, m(*a)),
        KExpr::Math(fun, a) => KExpr::Math(*fun, m(*a)),
        KExpr::Binary(op, a, b) => KExpr::Binary(*op, m(*a), m(*b)),
        KExpr::Compare(op, a, b) => KExpr::Compare(*op, m(*a), m(*b)),
        KExpr::Select(c, a, b) => KExpr::Select(m(*c), m(*a), m(*b)),
    }
}

/// Whether a kernel (its live part) can raise or depends on its iteration space.
fn producer_kernel_ok(k: &Kernel) -> bool {
    let live = reachable(k);
    k.exprs.iter().filter(|(e, _)| live[e.index()]).all(|(e, expr)| match expr {
        KExpr::Index(_) => false,
        // Integer powers with a negative exponent raise ValueError.
        KExpr::Binary(BinaryOp::Pow, ..) => !k.expr_dtype(e).is_int(),
        _ => true,
    })
}

/// The symbolic shape recorded for an array place, if any.
fn known_shape<'a>(module: &'a Module, f: &'a Function, place: Place) -> Option<&'a Vec<SymExpr>> {
    module.place_shape(f, place)
}

fn plan_at(
    module: &Module,
    func: FuncId,
    f: &Function,
    block: &Block,
    i: usize,
    path: &[(usize, usize)],
    counts: &Counts,
) -> Option<Plan> {
    let count = |p: Place| counts.reads.get(&key(func, p)).copied().unwrap_or(0);

    // The producer: alloc of a broadcast shape, then a store into it.
    let StmtKind::Alloc { dst: t, dtype: t_dtype, shape: ShapeSpec::Broadcast { arrays: t_list, .. }, .. } = &block[i].kind else {
        return None;
    };
    let (t, t_dtype) = (*t, *t_dtype);
    let t_places = read_places(f, t_list)?;
    if t_places.is_empty() || !all_distinct(&t_places) {
        return None;
    }
    let StmtKind::Launch { kernel: ka_id, dst: Some(ka_dst), arrays: a_arrays, scalars: a_scalars, result: None } =
        &block.get(i + 1)?.kind
    else {
        return None;
    };
    let ka = &module.kernels[*ka_id];
    if !ka.also.is_empty() {
        return None;
    }
    if read_place(f, *ka_dst) != Some(t)
        || ka.output != (KernelOutput::Store { dtype: t_dtype })
        || read_places(f, a_arrays)? != t_places
        || !producer_kernel_ok(ka)
        || a_scalars.iter().any(|s| may_raise(f, *s))
    {
        return None;
    }
    let t_type = module.place_type(f, t);
    if t_type != Type::array(t_dtype, ka.ndim) {
        return None;
    }

    // The intermediate: `x = %t`, or `%t` itself.
    let mut j = i + 2;
    let (x, has_assign) = match &block.get(j)?.kind {
        StmtKind::Assign { dst, value } if read_place(f, *value) == Some(t) && *dst != t => {
            j += 1;
            (*dst, true)
        }
        _ => (t, false),
    };
    if module.place_type(f, x) != t_type {
        return None;
    }
    if let Some(shape) = known_shape(module, f, x) {
        if shape.contains(&SymExpr::Const(1)) {
            return None;
        }
    }

    // Everything KA's operands read: nothing up to the consumer may write it.
    let mut ka_reads: HashSet<Place> = HashSet::new();
    for e in t_list.iter().chain(a_arrays).chain(a_scalars) {
        ka_reads.extend(reads_of(f, *e));
    }
    if ka_reads.contains(&x) || ka_reads.contains(&t) {
        return None;
    }
    let producer_may_raise = t_places.len() > 1;

    // Statements between the producer and the consumer.
    loop {
        match &block.get(j)?.kind {
            StmtKind::Assign { dst, value } => {
                if ka_reads.contains(dst) || *dst == x || *dst == t || (producer_may_raise && may_raise(f, *value)) {
                    return None;
                }
            }
            StmtKind::View { dst, src, index } => {
                if ka_reads.contains(dst) || *dst == x || *dst == t {
                    return None;
                }
                if producer_may_raise {
                    let mut items = vec![*src];
                    for item in index {
                        match item {
                            IndexItem::Slice { start, stop, step } => {
                                items.extend(start.iter().chain(stop));
                                // A zero step raises; only a literal non-zero step is known not to.
                                if let Some(step) = step {
                                    match &f.exprs[*step] {
                                        Expr::Const(ir::Const::Int(s)) if *s != 0 => {}
                                        _ => return None,
                                    }
                                }
                            }
                            IndexItem::Index(_) => return None,
                            IndexItem::NewAxis => {}
                        }
                    }
                    if items.iter().any(|e| may_raise(f, *e)) {
                        return None;
                    }
                }
            }
            _ => break,
        }
        j += 1;
    }

    // The consumer, with its own allocation if it has one: of a broadcast shape, or of the
    // shape of `x` without the axis an axis reduction reduces.
    let mut reduced_alloc = None;
    let consumer_alloc = match &block[j].kind {
        StmtKind::Alloc { dst: u, shape: ShapeSpec::Broadcast { arrays: c_list, .. }, .. } => {
            let u = *u;
            if u == x || u == t || ka_reads.contains(&u) {
                return None;
            }
            let alloc_index = j;
            j += 1;
            Some((alloc_index, u, c_list))
        }
        StmtKind::Alloc { dst: u, shape: ShapeSpec::Reduced { array, axis }, .. } if read_place(f, *array) == Some(x) => {
            if *u == x || *u == t || ka_reads.contains(u) {
                return None;
            }
            reduced_alloc = Some((j, *u, *axis));
            j += 1;
            None
        }
        StmtKind::Launch { .. } => None,
        _ => return None,
    };
    let StmtKind::Launch { kernel: kb_id, dst: b_dst, arrays: b_arrays, scalars: b_scalars, .. } =
        &block.get(j)?.kind
    else {
        return None;
    };
    let kb = &module.kernels[*kb_id];
    if !kb.also.is_empty() {
        return None;
    }
    // An axis reduction fuses its producer when every operand of both has x's known shape
    // (no broadcast can fail, so no error message changes), its allocation then made
    // from KA's first operand instead of `x`.
    let reduced_spec = match (kb.output, reduced_alloc) {
        (KernelOutput::ReduceAxis { .. }, Some((index, u, axis))) => {
            let shape = known_shape(module, f, x).filter(|s| s.iter().all(SymExpr::is_known))?;
            let all_same = t_places.iter().chain(&read_places(f, b_arrays)?).all(|&p| p == x || known_shape(module, f, p) == Some(shape));
            if !all_same || b_dst.and_then(|d| read_place(f, d)) != Some(u) {
                return None;
            }
            Some((index, ShapeSpec::Reduced { array: *a_arrays.first()?, axis }))
        }
        (KernelOutput::ReduceAxis { .. }, None) | (_, Some(_)) => return None,
        _ => None,
    };
    if ka.exprs.len() + kb.exprs.len() > MAX_FUSED_EXPRS {
        return None;
    }
    let b_places = read_places(f, b_arrays)?;
    if b_places.first() != Some(&x) {
        return None;
    }
    let mut occurrences = b_places.iter().filter(|p| **p == x).count();
    if let Some((_, u, c_list)) = &consumer_alloc {
        if b_dst.and_then(|d| read_place(f, d)) != Some(*u) {
            return None;
        }
        let c_places = read_places(f, c_list)?;
        if c_places != b_places {
            return None;
        }
        occurrences += c_places.iter().filter(|p| **p == x).count();
    } else if reduced_spec.is_some() {
        occurrences += 1;
    } else if producer_may_raise && b_scalars.iter().any(|s| may_raise(f, *s)) {
        return None;
    }
    if let Some(d) = b_dst {
        if reads_of(f, *d).iter().any(|p| *p == x || *p == t || t_places.contains(p)) {
            return None;
        }
    }
    // x (and %t) are read by these statements only.
    if has_assign {
        if count(t) != 2 || count(x) != occurrences {
            return None;
        }
    } else if count(t) != 1 + occurrences {
        return None;
    }
    // The loads of x: its dtype, its full rank.
    let x_slots: Vec<usize> = (0..b_places.len()).filter(|s| b_places[*s] == x).collect();
    if x_slots.iter().any(|s| kb.arrays[*s].dtype != t_dtype || kb.arrays[*s].ndim != ka.ndim || ka.ndim != kb.ndim) {
        return None;
    }

    // New operand lists: KA's operands first (in their broadcast order), then KB's others.
    let mut places = t_places.clone();
    let mut arrays: Vec<ExprId> = a_arrays.clone();
    let mut kernel_arrays: Vec<KernelArray> = ka.arrays.clone();
    let mut b_slot: Vec<Option<usize>> = Vec::new();
    for (s, p) in b_places.iter().enumerate() {
        if *p == x {
            b_slot.push(None);
        } else if let Some(n) = places.iter().position(|q| q == p) {
            b_slot.push(Some(n));
        } else {
            b_slot.push(Some(places.len()));
            places.push(*p);
            arrays.push(b_arrays[s]);
            kernel_arrays.push(kb.arrays[s].clone());
        }
    }
    let consumer_alloc = match consumer_alloc {
        Some((index, _, c_list)) => {
            let mut list = t_list.clone();
            let mut seen = t_places.clone();
            for e in c_list {
                let p = read_place(f, *e)?;
                if p != x && !seen.contains(&p) {
                    seen.push(p);
                    list.push(*e);
                }
            }
            Some((index, ShapeSpec::Broadcast { arrays: list, reuse: None }))
        }
        None => reduced_spec,
    };
    let mut scalars = b_scalars.clone();
    scalars.extend(a_scalars);
    let mut scalar_dtypes: Vec<DType> = kb.scalars.clone();
    scalar_dtypes.extend(&ka.scalars);

    let kernel = splice(ka, kb, &b_slot, kernel_arrays, scalar_dtypes);
    Some(Plan {
        func,
        path: path.to_vec(),
        producer: i,
        removed: if has_assign { 3 } else { 2 },
        consumer_alloc,
        consumer: j,
        kernel,
        replaces: (counts.launches[kb_id.index()] == 1).then_some(*kb_id),
        arrays,
        scalars,
    })
}

/// Builds KB with KA's tree in place of its loads of the intermediate
/// (`b_slot[s] == None`). KA's array slots come first in the new list; its
/// scalar slots follow KB's.
fn splice(ka: &Kernel, kb: &Kernel, b_slot: &[Option<usize>], arrays: Vec<KernelArray>, scalars: Vec<DType>) -> Kernel {
    let mut k = Kernel {
        name: format!("{}+{}", ka.name, kb.name),
        ndim: kb.ndim,
        arrays,
        scalars,
        output: kb.output,
        exprs: ir::Arena::new(),
        expr_types: Default::default(),
        root: kb.root,
        also: Vec::new(),
        span: kb.span,
    };
    let scalar_base = kb.scalars.len();
    let mut spliced: Option<KExprId> = None;
    let mut map_b: Vec<KExprId> = Vec::with_capacity(kb.exprs.len());
    for (e, expr) in kb.exprs.iter() {
        let new = match expr {
            KExpr::Array(s) => match b_slot[*s] {
                None => {
                    let root = match spliced {
                        Some(r) => r,
                        None => {
                            let r = copy_producer(ka, &mut k, scalar_base);
                            spliced = Some(r);
                            r
                        }
                    };
                    map_b.push(root);
                    continue;
                }
                Some(n) => KExpr::Array(n),
            },
            other => map_kexpr(other, &|o| map_b[o.index()]),
        };
        let id = k.add_expr(new, kb.expr_dtype(e));
        map_b.push(id);
    }
    k.root = map_b[kb.root.index()];
    k
}

/// Appends KA's live expressions to `k`; returns the image of KA's root.
fn copy_producer(ka: &Kernel, k: &mut Kernel, scalar_base: usize) -> KExprId {
    let live = reachable(ka);
    let mut map: Vec<Option<KExprId>> = vec![None; ka.exprs.len()];
    for (e, expr) in ka.exprs.iter() {
        if !live[e.index()] {
            continue;
        }
        let new = match expr {
            KExpr::Scalar(s) => KExpr::Scalar(scalar_base + s),
            other => map_kexpr(other, &|o| map[o.index()].expect("operands precede their users")),
        };
        map[e.index()] = Some(k.add_expr(new, ka.expr_dtype(e)));
    }
    map[ka.root.index()].expect("the root is live")
}

// ----- fusing a reduction into the kernel that produced what it reads -----

/// `fuse-reductions`: a whole-array reduction of an array that the previous statement
/// just stored is computed by the storing kernel, in the same pass over memory (`work =
/// 0.2 * (...)` then `delta = np.sum(np.absolute(work - c))`; `r -= alpha * q` then
/// `np.sum(r * r)`):
///
/// ```text
/// %t = alloc D broadcast(a, b)                  // a fresh array
/// launch KA into %t arrays(a, b) scalars(s)     // KA: a store
/// @x = %t                                       // optional
/// %r = launch KB arrays(@x, a) scalars(q) result @r  // KB: a reduce-all
/// ```
///
/// becomes `launch KAB into %t arrays(a, b) scalars(s, q) result @r`, whose kernel stores
/// KA's value and reduces KB's tree with KA's value wherever KB loads `x`. The array is
/// still written (unlike `fuse-producers`, `x` may be read anywhere later). It applies only
/// where nothing can tell: KB's other operands are KA's own (so KB's iteration space is
/// `%t`'s shape, which `%t`'s operands broadcast into, and no operand can alias the fresh
/// `%t`); a store into an existing array (no allocation before it) fuses only with a
/// reduction that reads nothing but that array (which any operand might alias); KB's scalar operands read neither `x` nor `%t` and cannot raise (they are now
/// evaluated before KA runs), and neither kernel can raise at a point (so the first error
/// stays the first).
pub fn fuse_reductions(module: &mut Module) {
    loop {
        let mut found = None;
        for (func, f) in module.functions.iter() {
            let mut path = Vec::new();
            found = find_reduction(module, func, f, &f.body, &mut path);
            if found.is_some() {
                break;
            }
        }
        let Some(plan) = found else { return };
        apply_reduction(module, plan);
    }
}

struct ReductionPlan {
    func: FuncId,
    path: Vec<(usize, usize)>,
    /// KA's launch (replaced by the fused one).
    producer: usize,
    /// KB's launch (removed).
    consumer: usize,
    kernel: Kernel,
    /// KA, when this launch is its only one: the fused kernel takes its place.
    replaces: Option<ir::KernelId>,
    scalars: Vec<ExprId>,
    result: Place,
}

fn find_reduction(module: &Module, func: FuncId, f: &Function, block: &Block, path: &mut Vec<(usize, usize)>) -> Option<ReductionPlan> {
    for i in 0..block.len() {
        if let Some(plan) = reduction_at(module, func, f, block, i, path) {
            return Some(plan);
        }
        for (which, sub) in sub_blocks(&block[i].kind).into_iter().enumerate() {
            path.push((i, which));
            let found = find_reduction(module, func, f, sub, path);
            path.pop();
            if found.is_some() {
                return found;
            }
        }
    }
    None
}

/// Whether no point of a kernel's live part can raise (integer powers with a negative
/// exponent raise ValueError).
pub(crate) fn cannot_raise(k: &Kernel, live: &[bool]) -> bool {
    k.exprs
        .iter()
        .filter(|(e, _)| live[e.index()])
        .all(|(e, expr)| !matches!(expr, KExpr::Binary(BinaryOp::Pow, ..)) || !k.expr_dtype(e).is_int())
}

fn reduction_at(module: &Module, func: FuncId, f: &Function, block: &Block, i: usize, path: &[(usize, usize)]) -> Option<ReductionPlan> {
    // The store: into a fresh allocation, or into an existing array (`r -= alpha * q`).
    let (fresh, producer) = match &block[i].kind {
        StmtKind::Alloc { dst, dtype, .. } => (Some((*dst, *dtype)), i + 1),
        StmtKind::Launch { .. } => (None, i),
        _ => return None,
    };
    let StmtKind::Launch { kernel: ka_id, dst: Some(ka_dst), arrays: a_arrays, scalars: a_scalars, result: None } =
        &block.get(producer)?.kind
    else {
        return None;
    };
    let ka = &module.kernels[*ka_id];
    let KernelOutput::Store { dtype: t_dtype } = ka.output else {
        return None;
    };
    if !ka.also.is_empty() {
        return None;
    }
    let t = read_place(f, *ka_dst)?;
    if fresh.is_some_and(|(a, d)| a != t || d != t_dtype) || module.place_type(f, t) != Type::array(t_dtype, ka.ndim) {
        return None;
    }
    if !cannot_raise(ka, &reachable(ka)) {
        return None;
    }
    let a_places = read_places(f, a_arrays)?;
    if fresh.is_some() && a_places.contains(&t) {
        return None;
    }
    let mut j = producer + 1;
    let x = match &block.get(j)?.kind {
        StmtKind::Assign { dst, value } if read_place(f, *value) == Some(t) && *dst != t => {
            j += 1;
            *dst
        }
        _ => t,
    };
    let StmtKind::Launch { kernel: kb_id, dst: None, arrays: b_arrays, scalars: b_scalars, result: Some(result) } =
        &block.get(j)?.kind
    else {
        return None;
    };
    let kb = &module.kernels[*kb_id];
    let KernelOutput::ReduceAll { op, dtype: acc } = kb.output else {
        return None;
    };
    if kb.ndim != ka.ndim || ka.exprs.len() + kb.exprs.len() > MAX_FUSED_EXPRS || !cannot_raise(kb, &reachable(kb)) {
        return None;
    }
    if *result == x || *result == t || a_places.contains(result) {
        return None;
    }
    for s in b_scalars {
        if may_raise(f, *s) || reads_of(f, *s).iter().any(|p| *p == x || *p == t) {
            return None;
        }
    }
    // KB's operands: loads of x (KA's value), or of one of KA's own operands.
    let b_places = read_places(f, b_arrays)?;
    let mut b_slot: Vec<Option<usize>> = Vec::new();
    for (s, p) in b_places.iter().enumerate() {
        if *p == x {
            if kb.arrays[s].dtype != t_dtype || kb.arrays[s].ndim != ka.ndim {
                return None;
            }
            b_slot.push(None);
        } else {
            // An operand of the store may alias an existing destination elsewhere, where
            // the reduction would read it before the store instead of after.
            fresh?;
            let n = a_places.iter().position(|q| q == p)?;
            if kb.arrays[s].dtype != ka.arrays[n].dtype || kb.arrays[s].ndim != ka.arrays[n].ndim {
                return None;
            }
            b_slot.push(Some(n));
        }
    }
    if !b_slot.contains(&None) {
        return None;
    }

    // The kernel: KA's expressions, then KB's with x's loads replaced by KA's value.
    let mut k = Kernel {
        name: format!("{}+{}", ka.name, kb.name),
        ndim: ka.ndim,
        arrays: ka.arrays.clone(),
        scalars: ka.scalars.iter().chain(&kb.scalars).copied().collect(),
        output: ka.output,
        exprs: ir::Arena::new(),
        expr_types: Default::default(),
        root: ka.root,
        also: Vec::new(),
        span: ka.span,
    };
    let root = copy_producer(ka, &mut k, 0);
    let loads: HashMap<usize, KExprId> =
        k.exprs.iter().filter_map(|(e, x)| if let KExpr::Array(n) = x { Some((*n, e)) } else { None }).collect();
    let scalar_base = ka.scalars.len();
    let mut map_b: Vec<KExprId> = Vec::with_capacity(kb.exprs.len());
    for (e, expr) in kb.exprs.iter() {
        let id = match expr {
            KExpr::Array(s) => match b_slot[*s] {
                None => root,
                Some(n) => match loads.get(&n) {
                    Some(load) => *load,
                    None => k.add_expr(KExpr::Array(n), kb.expr_dtype(e)),
                },
            },
            KExpr::Scalar(s) => k.add_expr(KExpr::Scalar(scalar_base + s), kb.expr_dtype(e)),
            other => k.add_expr(map_kexpr(other, &|o| map_b[o.index()]), kb.expr_dtype(e)),
        };
        map_b.push(id);
    }
    k.root = root;
    k.output = KernelOutput::StoreReduce { dtype: t_dtype, op, acc, value: map_b[kb.root.index()] };
    let launches = count_reads(module).launches[ka_id.index()];
    Some(ReductionPlan {
        func,
        path: path.to_vec(),
        producer,
        consumer: j,
        kernel: k,
        replaces: (launches == 1).then_some(*ka_id),
        scalars: a_scalars.iter().chain(b_scalars).copied().collect(),
        result: *result,
    })
}

fn apply_reduction(module: &mut Module, plan: ReductionPlan) {
    let (kernel, block) = install(module, plan.kernel, plan.replaces, plan.func, &plan.path);
    let StmtKind::Launch { kernel: k, scalars, result, .. } = &mut block[plan.producer].kind else {
        unreachable!("fuse-reductions: the producer moved")
    };
    *k = kernel;
    *scalars = plan.scalars;
    *result = Some(plan.result);
    block.remove(plan.consumer);
}

// ----- applying a fusion -----

/// Puts a fused kernel in the module (in place of the kernel it replaces, if any) and
/// returns its id with the block the fusion rewrites.
fn install<'m>(
    module: &'m mut Module,
    kernel: Kernel,
    replaces: Option<ir::KernelId>,
    func: FuncId,
    path: &[(usize, usize)],
) -> (ir::KernelId, &'m mut Block) {
    let id = match replaces {
        Some(old) => {
            module.kernels[old] = kernel;
            old
        }
        None => module.kernels.push(kernel),
    };
    let mut block: &mut Block = &mut module.functions[func].body;
    for (index, which) in path {
        block = sub_block_mut(&mut block[*index].kind, *which);
    }
    (id, block)
}

fn apply(module: &mut Module, plan: Plan) {
    let (kernel, block) = install(module, plan.kernel, plan.replaces, plan.func, &plan.path);
    if let Some((index, spec)) = plan.consumer_alloc {
        let StmtKind::Alloc { shape, .. } = &mut block[index].kind else {
            unreachable!("fuse-producers: the consumer's allocation moved")
        };
        *shape = spec;
    }
    let StmtKind::Launch { kernel: k, arrays, scalars, .. } = &mut block[plan.consumer].kind else {
        unreachable!("fuse-producers: the consumer moved")
    };
    *k = kernel;
    *arrays = plan.arrays;
    *scalars = plan.scalars;
    let removed: Vec<Stmt> = block.drain(plan.producer..plan.producer + plan.removed).collect();
    debug_assert_eq!(removed.len(), plan.removed);
}

#[cfg(test)]
mod tests {
    use crate::testing::check;

    /// `x = a * b; y = 2.0 * x` (globals of f64[1d]), then `rest`.
    /// `x = a * a; s = np.sum(x, axis=1)` over (4, 8) arrays: the square is computed in
    /// the reducing kernel, and `s` is allocated from `a`'s shape.
    #[test]
    fn an_axis_reduction_computes_its_producer() {
        let input = r#"module stage=tensor
global @a: f64[2d] shape=(4, 8)
global @x: f64[2d] shape=(4, 8)
global @s: f64[1d] shape=(4)

kernel k0 "store_L1" rank=2 (a0: f64[2d]) () -> store f64 {
  %0 = load a0 : f64
  %1 = Mul %0, %0 : f64
  yield %1
}

kernel k1 "sum_axis_L2" rank=2 (a0: f64[2d]) () -> reduce_axis Sum f64 axis=1 {
  %0 = load a0 : f64
  yield %0
}

func @__main__() -> () {
  local %t1: f64[2d] shape=(4, 8)
  local %t2: f64[1d] shape=(4)
  s0: %t1 = alloc f64 broadcast(@a)
  s1: launch k0 into %t1 arrays(@a) scalars()
  s2: @x = %t1
  s3: %t2 = alloc f64 reduced(@x, axis=1)
  s4: launch k1 into %t2 arrays(@x) scalars()
  s5: @s = %t2
}
"#;
        check(
            input,
            &["fuse-producers", "drop-unused-kernels"],
            r#"module stage=tensor
global @a: f64[2d] shape=(4, 8)
global @x: f64[2d] shape=(4, 8)
global @s: f64[1d] shape=(4)

kernel k0 "store_L1+sum_axis_L2" rank=2 (a0: f64[2d]) () -> reduce_axis Sum f64 axis=1 {
  %0 = load a0 : f64
  %1 = Mul %0, %0 : f64
  yield %1
}

func @__main__() -> () {
  local %t1: f64[2d] shape=(4, 8)
  local %t2: f64[1d] shape=(4)
  s3: %t2 = alloc f64 reduced(@a, axis=1)
  s4: launch k0 into %t2 arrays(@a) scalars()
  s5: @s = %t2
}
"#,
        );
        // Read again later, `x` must exist: nothing fuses.
        let kept = input.replace("  s5: @s = %t2\n", "  s5: @s = %t2\n  s6: print(@x) sep=\" \" end=\"\\n\"\n");
        check(&kept, &["fuse-producers"], &kept);
    }

    fn chain(rest: &str) -> String {
        format!(
            r#"module stage=tensor
global @a: f64[1d]
global @b: f64[1d]
global @x: f64[1d]
global @y: f64[1d]

kernel k0 "store_L1" rank=1 (a0: f64[1d], a1: f64[1d]) () -> store f64 {{
  %0 = load a0 : f64
  %1 = load a1 : f64
  %2 = Mul %1, %0 : f64
  yield %2
}}

kernel k1 "store_L2" rank=1 (a0: f64[1d]) () -> store f64 {{
  %0 = load a0 : f64
  %1 = 2.0 : f64
  %2 = Mul %1, %0 : f64
  yield %2
}}

func @__main__() -> () {{
  local %t1: f64[1d]
  local %t2: f64[1d]
  s0: %t1 = alloc f64 broadcast(@a, @b)
  s1: launch k0 into %t1 arrays(@a, @b) scalars()
  s2: @x = %t1
  s3: %t2 = alloc f64 broadcast(@x)
  s4: launch k1 into %t2 arrays(@x) scalars()
  s5: @y = %t2
{rest}}}
"#
        )
    }

    const PASSES: &[&str] = &["fuse-producers", "drop-unused-kernels"];

    /// `x = a * b`, then `r = sum(KB)` where KB's operands and body are given.
    fn store_then_sum(kb_arrays: &str, kb_operands: &str, kb_body: &str, scalars: &str) -> String {
        format!(
            r#"module stage=tensor
global @a: f64[1d]
global @b: f64[1d]
global @c: f64[1d]
global @x: f64[1d]
global @r: f64

kernel k0 "store_L1" rank=1 (a0: f64[1d], a1: f64[1d]) () -> store f64 {{
  %0 = load a0 : f64
  %1 = load a1 : f64
  %2 = Mul %0, %1 : f64
  yield %2
}}

kernel k1 "sum_L2" rank=1 ({kb_arrays}) ({scalars}) -> reduce_all Sum f64 {{
{kb_body}}}

func @__main__() -> () {{
  local %t1: f64[1d]
  local %t2: f64
  s0: %t1 = alloc f64 broadcast(@a, @b)
  s1: launch k0 into %t1 arrays(@a, @b) scalars()
  s2: @x = %t1
  s3: %t2 = launch k1 arrays({kb_operands})
  s4: @r = %t2
}}
"#
        )
    }

    const REDUCTIONS: &[&str] = &["fuse-reductions", "drop-unused-kernels"];

    #[test]
    fn fuses_a_reduction_into_the_store_of_what_it_reads() {
        // `x` stays stored (it is a global, read later); the sum reads the stored value and
        // `a`, one of the store's own operands, whose load is shared.
        let input = store_then_sum(
            "a0: f64[1d], a1: f64[1d]",
            "@x, @a) scalars(",
            "  %0 = load a0 : f64\n  %1 = load a1 : f64\n  %2 = Sub %0, %1 : f64\n  %3 = Abs %2 : f64\n  yield %3\n",
            "",
        );
        check(
            &input,
            REDUCTIONS,
            r#"module stage=tensor
global @a: f64[1d]
global @b: f64[1d]
global @c: f64[1d]
global @x: f64[1d]
global @r: f64

kernel k0 "store_L1+sum_L2" rank=1 (a0: f64[1d], a1: f64[1d]) () -> store f64 reduce_all Sum f64 %4 {
  %0 = load a0 : f64
  %1 = load a1 : f64
  %2 = Mul %0, %1 : f64
  %3 = Sub %2, %0 : f64
  %4 = Abs %3 : f64
  yield %2
}

func @__main__() -> () {
  local %t1: f64[1d]
  local %t2: f64
  s0: %t1 = alloc f64 broadcast(@a, @b)
  s1: %t2 = launch k0 into %t1 arrays(@a, @b) scalars()
  s2: @x = %t1
  s4: @r = %t2
}
"#,
        );
    }

    #[test]
    fn a_reduction_that_reads_another_array_stays_apart() {
        // `c` is not an operand of the store: its shape could widen the reduction's space.
        let input = store_then_sum(
            "a0: f64[1d], a1: f64[1d]",
            "@x, @c) scalars(",
            "  %0 = load a0 : f64\n  %1 = load a1 : f64\n  %2 = Sub %0, %1 : f64\n  yield %2\n",
            "",
        );
        check(&input, REDUCTIONS, &input);
    }

    #[test]
    fn a_reduction_whose_scalar_reads_the_array_stays_apart() {
        // `np.sum(x * x[0])`: the scalar is read after the store, and must see it.
        let input = store_then_sum(
            "a0: f64[1d]",
            "@x) scalars(@x[0]",
            "  %0 = load a0 : f64\n  %1 = s0 : f64\n  %2 = Mul %0, %1 : f64\n  yield %2\n",
            "s0: f64",
        );
        check(&input, REDUCTIONS, &input);
    }

    #[test]
    fn fuses_a_chain() {
        // `x` is read nowhere else: one kernel computes `y`, and `x` is never stored.
        check(
            &chain(""),
            PASSES,
            r#"module stage=tensor
global @a: f64[1d]
global @b: f64[1d]
global @x: f64[1d]
global @y: f64[1d]

kernel k0 "store_L1+store_L2" rank=1 (a0: f64[1d], a1: f64[1d]) () -> store f64 {
  %0 = load a0 : f64
  %1 = load a1 : f64
  %2 = Mul %1, %0 : f64
  %3 = 2.0 : f64
  %4 = Mul %3, %2 : f64
  yield %4
}

func @__main__() -> () {
  local %t1: f64[1d]
  local %t2: f64[1d]
  s3: %t2 = alloc f64 broadcast(@a, @b)
  s4: launch k0 into %t2 arrays(@a, @b) scalars()
  s5: @y = %t2
}
"#,
        );
    }

    #[test]
    fn keeps_an_intermediate_read_later() {
        let input = chain("  s6: print(@x) sep=\" \" end=\"\\n\"\n");
        check(&input, PASSES, &input);
    }

    #[test]
    fn keeps_an_intermediate_read_by_another_function() {
        let input = chain("") + "\nfunc @g() -> (f64[1d]) {\n  s0: return @x\n}\n";
        check(&input, PASSES, &input);
    }

    #[test]
    fn keeps_a_producer_whose_input_changes_in_between() {
        // Evaluating `a * b` inside the consumer would read the new `a[0]`.
        let input = chain("").replace("  s2: @x = %t1\n", "  s2: @x = %t1\n  s6: @a[0] = (5.0: f64)\n");
        check(&input, PASSES, &input);
    }
}
