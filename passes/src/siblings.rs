//! `fuse-siblings`: two kernels that fill new arrays of one shape from operands of that
//! shape, the second not reading what the first wrote, become one kernel with several
//! outputs (`call = ...; put = ...` read `S`, `K` and `T` once, and compute what both
//! share once).
//!
//! The pattern, within one block (after `forward-stores`, so KB may also reduce):
//!
//! ```text
//! %a = alloc DA <spec>                                 // KA's new array
//! launch KA into %a arrays(x...) scalars(s...)         // a store (maybe of several outputs)
//! ...                                                  // names bound to %a, views, scalars
//! %b = alloc DB <any spec>                             // KB's new array
//! [%r =] launch KB into %b arrays(y...) scalars(t...)  // a store, or a store and a reduction
//! ```
//!
//! becomes
//!
//! ```text
//! %a = alloc DA <spec>
//! ...                                                  // views and scalars
//! %b = alloc DB <spec>                                 // a copy: %b lies as %a does
//! [%r =] launch KAB into %b arrays(y..., x..., %a) scalars(s..., t...)
//! ...                                                  // names bound to %a (`@x = %a`)
//! ```
//!
//! where KAB evaluates KB's tree and KA's, each expression once (operands read by both are
//! loaded once, equal scalar operands passed once), and stores KA's into `%a` as a further
//! output (`Kernel::also`). It only applies when that is unobservable:
//!
//! - both new arrays and every array operand have one known shape, so the iteration
//!   spaces are the same, no broadcast can fail, and `%b` made from KA's spec has `%b`'s
//!   shape; the spec's operands are plain reads (or constants) of nothing KA writes;
//! - KB, its spec and its scalar operands read neither `%a`, KA's other outputs, nor a
//!   name bound to them in between (a dependence, `fuse-producers`' business), and KA reads
//!   nothing named `%b`;
//! - the statements in between bind names to what KA wrote (moved after the fused launch,
//!   where KA's operands still see the arrays bound before), make views, or compute scalars
//!   from no array; KA's operands and the copied spec read nothing those rebind, and nothing
//!   that stays before reads a name that moves;
//! - where KA can raise at a point (an integer power), neither KB, its scalar operands nor
//!   the statements in between can raise, so the first error stays the first;
//! - the fused kernel stays within `MAX_FUSED_EXPRS` expressions.
//!
//! Copying KA's spec for `%b` makes the partition and the runtime give both arrays one
//! layout (the same operand is lined up with), so each rank writes its own rows of every
//! output; the runtime checks that they lie alike. The pass repeats, so a run of siblings
//! becomes one kernel. The fused kernel takes KB's place when that is launched nowhere else;
//! fused-away kernels are dropped by `drop-unused-kernels`. A pair of the pattern's form
//! left apart for shapes not known, raising or size is a `FusionNote` the report lists.

use std::collections::HashMap;

use ir::{Block, Expr, ExprId, FuncId, FusionNote, KExpr, KExprId, Kernel, KernelArray, KernelOutput, Module, Place, ShapeSpec, StmtKind};

use crate::fuse::{cannot_raise, count_reads, first_in_blocks, may_raise, read_place, reads_of, sub_block_mut, sub_blocks, MAX_FUSED_EXPRS};

pub fn fuse_siblings(module: &mut Module) {
    let mut refused = Vec::new();
    loop {
        refused.clear();
        let mut found = None;
        for (func, f) in module.functions.iter() {
            let mut path = Vec::new();
            found = first_in_blocks(&f.body, &mut path, &mut |block, i, path| match sibling_at(module, func, f, block, i, path) {
                Ok(plan) => Some(plan),
                Err(Some((kb, why))) => {
                    refused.push(FusionNote { at: block[i + 1].span, into: block[kb].span, refused: Some(why) });
                    None
                }
                Err(None) => None,
            });
            if found.is_some() {
                break;
            }
        }
        let Some(plan) = found else { break };
        apply(module, plan);
    }
    module.fusions.extend(refused);
}

/// One fusion, fully decided.
struct Sibling {
    func: FuncId,
    path: Vec<(usize, usize)>,
    /// The index of `%a`'s allocation; KA's launch follows.
    at: usize,
    /// The index of `%b`'s allocation; KB's launch follows.
    alloc_b: usize,
    /// The statements in between that bind names to what KA wrote: after KB's launch.
    moved: Vec<usize>,
    kernel: Kernel,
    arrays: Vec<ExprId>,
    scalars: Vec<ExprId>,
    /// `%b`'s new spec: leaves copied from KA's (expression, type).
    spec: Spec,
}

enum Spec {
    Broadcast(Vec<(Expr, ir::Type)>),
    Dims(Vec<(Expr, ir::Type)>),
}

/// A leaf expression (a plain read or a constant) copied, with its type.
fn leaf(f: &ir::Function, e: ExprId) -> Option<(Expr, ir::Type)> {
    match &f.exprs[e] {
        x @ (Expr::Read(_) | Expr::Const(_)) => Some((x.clone(), f.expr_type(e).clone())),
        _ => None,
    }
}

fn sibling_at(module: &Module, func: FuncId, f: &ir::Function, block: &Block, i: usize, path: &[(usize, usize)]) -> Result<Sibling, Option<(usize, String)>> {
    let StmtKind::Alloc { dst: a, dtype: a_dtype, shape: a_spec } = &block[i].kind else { return Err(None) };
    let Some(StmtKind::Launch { kernel: ka_id, dst: Some(ka_dst), arrays: xa, scalars: sa, result: None }) = block.get(i + 1).map(|s| &s.kind) else {
        return Err(None);
    };
    let a = *a;
    let ka = &module.kernels[*ka_id];
    if read_place(f, *ka_dst) != Some(a) || ka.output != (KernelOutput::Store { dtype: *a_dtype }) {
        return Err(None);
    }
    // What KA writes: `%a` and its further outputs, and the names bound to them in between.
    let mut written = vec![a];
    for o in ka.outputs() {
        written.push(read_place(f, xa[o]).ok_or(None)?);
    }
    // In between: names bound to what KA wrote, and scalars computed from no array.
    let mut j = i + 2;
    let mut between_raises = false;
    // Names the statements in between bind (they run before the fused launch), and those
    // statements that bind names to what KA wrote (moved after it, as they came after KA).
    let mut assigned = Vec::new();
    let mut moved = Vec::new();
    loop {
        match block.get(j).map(|s| &s.kind) {
            Some(StmtKind::Assign { dst, value }) if read_place(f, *value).is_some_and(|p| written.contains(&p)) => {
                written.push(*dst);
                moved.push(j);
            }
            Some(StmtKind::Assign { dst, value })
                if !module.place_type(f, *dst).is_array() && reads_of(f, *value).iter().all(|p| !module.place_type(f, *p).is_array()) =>
            {
                between_raises |= may_raise(f, *value);
                assigned.push(*dst);
            }
            // A view reads no element; of what KA wrote it is what KA wrote (and moves).
            Some(kind @ StmtKind::View { dst, src, .. }) => {
                if kind.exprs().into_iter().flat_map(|e| reads_of(f, e)).any(|p| written.contains(&p)) {
                    written.push(*dst);
                    moved.push(j);
                } else {
                    between_raises |= kind.exprs().into_iter().any(|e| may_raise(f, e));
                    assigned.push(*dst);
                }
                let _ = src;
            }
            Some(StmtKind::Alloc { .. }) => break,
            _ => return Err(None),
        }
        j += 1;
    }
    let StmtKind::Alloc { dst: b, dtype: b_dtype, .. } = &block[j].kind else { return Err(None) };
    let Some(StmtKind::Launch { kernel: kb_id, dst: Some(kb_dst), arrays: xb, scalars: sb, .. }) = block.get(j + 1).map(|s| &s.kind) else {
        return Err(None);
    };
    let b = *b;
    let kb = &module.kernels[*kb_id];
    if written.contains(&b) || read_place(f, *kb_dst) != Some(b) || ka.ndim != kb.ndim {
        return Err(None);
    }
    if !matches!(kb.output, KernelOutput::Store { dtype } | KernelOutput::StoreReduce { dtype, .. } if dtype == *b_dtype) {
        return Err(None);
    }
    let b_reads: Vec<Place> = block[j].kind.exprs().into_iter().chain(xb.iter().copied()).chain(sb.iter().copied()).flat_map(|e| reads_of(f, e)).collect();
    let a_reads: Vec<Place> = xa.iter().chain(sa).flat_map(|&e| reads_of(f, e)).collect();
    // A dependence: the second reads what the first wrote (producer fusion's business).
    if b_reads.iter().any(|p| written.contains(p)) || a_reads.contains(&b) {
        return Err(None);
    }
    let refuse = |why: &str| Err(Some((j + 1, why.to_string())));
    // One known shape for both new arrays and every operand (shapes known to differ: no pattern).
    let shapes: Option<Vec<&Vec<ir::SymExpr>>> = [a, b]
        .into_iter()
        .map(Some)
        .chain(xa.iter().chain(xb).map(|&e| read_place(f, e)))
        .map(|p| module.place_shape(f, p?).filter(|s| s.iter().all(ir::SymExpr::is_known)))
        .collect();
    match shapes {
        None => return refuse("the two new arrays and their operands are not known to have one shape"),
        Some(shapes) if shapes.iter().any(|s| *s != shapes[0]) => return Err(None),
        Some(_) => {}
    }
    let spec = match a_spec {
        ShapeSpec::Broadcast { arrays, .. } => arrays.iter().map(|&e| leaf(f, e)).collect::<Option<Vec<_>>>().map(Spec::Broadcast),
        ShapeSpec::Dims(dims) => dims.iter().map(|&e| leaf(f, e)).collect::<Option<Vec<_>>>().map(Spec::Dims),
        ShapeSpec::Reduced { .. } => None,
    };
    let Some(spec) = spec else { return Err(None) };
    let spec_reads = match &spec {
        Spec::Broadcast(l) | Spec::Dims(l) => l.iter().filter_map(|(x, _)| if let Expr::Read(p) = x { Some(*p) } else { None }).collect::<Vec<_>>(),
    };
    // The copied spec is evaluated before the moved statements: it must not read KA's
    // outputs themselves.
    if spec_reads.iter().any(|p| written[..1 + ka.also.len()].contains(p) || *p == b) {
        return Err(None);
    }
    // KA's operands and `%b`'s copied spec are now evaluated after the statements in
    // between: those must not rebind what they read.
    if a_reads.iter().chain(&spec_reads).any(|p| assigned.contains(p)) {
        return Err(None);
    }
    // KA now runs after the statements in between and KB's scalar operands: where KA can
    // raise, none of those may.
    let raises = |k: &Kernel| !cannot_raise(k, &vec![true; k.exprs.len()]);
    if raises(ka) && (raises(kb) || between_raises || sb.iter().any(|&s| may_raise(f, s))) {
        return refuse("the first kernel can raise at a point (an integer power) and so can what follows it, so the first error could change");
    }
    if ka.exprs.len() + kb.exprs.len() > MAX_FUSED_EXPRS {
        return refuse("the fused kernel would be too large");
    }
    let (kernel, arrays, scalars) = merge(f, ka, *ka_dst, xa, sa, kb, xb, sb);
    // A moved statement binds what a remaining one (or the spec, or KA) reads: no.
    let moved_dsts: Vec<Place> = written[1 + ka.also.len()..].to_vec();
    let remaining_reads: Vec<Place> =
        (i + 2..j).filter(|x| !moved.contains(x)).flat_map(|x| block[x].kind.exprs()).flat_map(|e| reads_of(f, e)).collect();
    if remaining_reads.iter().any(|p| moved_dsts.contains(p)) {
        return Err(None);
    }
    Ok(Sibling { func, path: path.to_vec(), at: i, alloc_b: j, moved, kernel, arrays, scalars, spec })
}

/// KAB: KB's expressions, then KA's. Array operands: KB's inputs, KA's inputs not already
/// among them (one slot per place read), then the outputs (KB's further ones, KA's further
/// ones, `%a` read by `a_dst`). Scalars: KA's, then KB's (the order of evaluation stays).
#[allow(clippy::too_many_arguments)]
fn merge(f: &ir::Function, ka: &Kernel, a_dst: ExprId, xa: &[ExprId], sa: &[ExprId], kb: &Kernel, xb: &[ExprId], sb: &[ExprId]) -> (Kernel, Vec<ExprId>, Vec<ExprId>) {
    let mut arrays: Vec<ExprId> = Vec::new();
    let mut slots: Vec<KernelArray> = Vec::new();
    let mut by_place: HashMap<Place, usize> = HashMap::new();
    let mut input = |e: ExprId, ka: &KernelArray, arrays: &mut Vec<ExprId>, slots: &mut Vec<KernelArray>| -> usize {
        if let Some(p) = read_place(f, e) {
            if let Some(&s) = by_place.get(&p) {
                return s;
            }
            by_place.insert(p, slots.len());
        }
        arrays.push(e);
        slots.push(ka.clone());
        slots.len() - 1
    };
    let mut map_b_arrays = vec![usize::MAX; kb.arrays.len()];
    for s in 0..kb.arrays.len() {
        if !kb.is_output(s) {
            map_b_arrays[s] = input(xb[s], &kb.arrays[s], &mut arrays, &mut slots);
        }
    }
    let mut map_a_arrays = vec![usize::MAX; ka.arrays.len()];
    for s in 0..ka.arrays.len() {
        if !ka.is_output(s) {
            map_a_arrays[s] = input(xa[s], &ka.arrays[s], &mut arrays, &mut slots);
        }
    }
    let output = |e: ExprId, dtype: ir::DType, arrays: &mut Vec<ExprId>, slots: &mut Vec<KernelArray>| {
        arrays.push(e);
        slots.push(KernelArray { dtype, ndim: kb.ndim });
    };
    for s in kb.outputs() {
        output(xb[s], kb.arrays[s].dtype, &mut arrays, &mut slots);
    }
    for s in ka.outputs() {
        output(xa[s], ka.arrays[s].dtype, &mut arrays, &mut slots);
    }
    let KernelOutput::Store { dtype: a_dtype } = ka.output else { unreachable!("fuse-siblings: KA stores") };
    output(a_dst, a_dtype, &mut arrays, &mut slots);
    let mut k = Kernel {
        name: format!("{}+{}", ka.name, kb.name),
        ndim: kb.ndim,
        arrays: slots,
        scalars: ka.scalars.clone(),
        output: kb.output,
        exprs: ir::Arena::new(),
        expr_types: Default::default(),
        root: kb.root,
        also: Vec::new(),
        span: kb.span,
    };
    // Scalars: KA's, then those of KB's that are not the same value as one of KA's.
    let mut scalars: Vec<ExprId> = sa.to_vec();
    let mut map_b_scalars = Vec::with_capacity(sb.len());
    for (j, &t) in sb.iter().enumerate() {
        match (0..sa.len()).find(|&i| ka.scalars[i] == kb.scalars[j] && same_value(f, sa[i], t)) {
            Some(i) => map_b_scalars.push(i),
            None => {
                map_b_scalars.push(k.scalars.len());
                k.scalars.push(kb.scalars[j]);
                scalars.push(t);
            }
        }
    }
    // Both trees, each expression once (the trees share their common parts: `d1` of
    // Black-Scholes is computed once for the call and the put).
    let mut seen: HashMap<String, KExprId> = HashMap::new();
    let mut copy = |from: &Kernel, map_arrays: &[usize], map_scalars: &dyn Fn(usize) -> usize, k: &mut Kernel| -> Vec<KExprId> {
        let mut map: Vec<KExprId> = Vec::with_capacity(from.exprs.len());
        for (e, expr) in from.exprs.iter() {
            let new = match expr {
                KExpr::Array(s) => KExpr::Array(map_arrays[*s]),
                KExpr::Scalar(s) => KExpr::Scalar(map_scalars(*s)),
                other => crate::fuse::map_kexpr(other, &|o| map[o.index()]),
            };
            let dtype = from.expr_dtype(e);
            let id = *seen.entry(format!("{new:?} {dtype}")).or_insert_with(|| k.add_expr(new, dtype));
            map.push(id);
        }
        map
    };
    let map_b = copy(kb, &map_b_arrays, &|s| map_b_scalars[s], &mut k);
    let map_a = copy(ka, &map_a_arrays, &|s| s, &mut k);
    k.root = map_b[kb.root.index()];
    if let KernelOutput::StoreReduce { dtype, op, acc, value } = kb.output {
        k.output = KernelOutput::StoreReduce { dtype, op, acc, value: map_b[value.index()] };
    }
    k.also = kb.also.iter().map(|v| map_b[v.index()]).chain(ka.also.iter().map(|v| map_a[v.index()])).chain([map_a[ka.root.index()]]).collect();
    (k, arrays, scalars)
}

/// Whether two host expressions evaluated at one point have the same value: the same
/// tree of pure operations (a clock reading is never the same twice).
fn same_value(f: &ir::Function, a: ExprId, b: ExprId) -> bool {
    if a == b {
        return true;
    }
    let head = match (&f.exprs[a], &f.exprs[b]) {
        (Expr::Const(p), Expr::Const(q)) => p == q,
        (Expr::Read(p), Expr::Read(q)) => p == q,
        (Expr::Unary(o, _), Expr::Unary(p, _)) => o == p,
        (Expr::Binary(o, ..), Expr::Binary(p, ..)) => o == p,
        (Expr::Compare(o, ..), Expr::Compare(p, ..)) => o == p,
        (Expr::Logical(o, ..), Expr::Logical(p, ..)) => o == p,
        (Expr::Cast(o, _), Expr::Cast(p, _)) => o == p,
        (Expr::Math(o, _), Expr::Math(p, _)) => o == p,
        (Expr::Dim(_, o), Expr::Dim(_, p)) => o == p,
        (Expr::Format(_, o), Expr::Format(_, p)) => o == p,
        (Expr::Select(..), Expr::Select(..))
        | (Expr::Size(_), Expr::Size(_))
        | (Expr::GetItem(..), Expr::GetItem(..))
        | (Expr::Concat(_), Expr::Concat(_)) => true,
        _ => false,
    };
    let (ca, cb) = (f.exprs[a].children(), f.exprs[b].children());
    head && f.expr_type(a) == f.expr_type(b) && ca.len() == cb.len() && ca.iter().zip(&cb).all(|(&x, &y)| same_value(f, x, y))
}

fn apply(module: &mut Module, plan: Sibling) {
    // The fused kernel takes KB's place when this is KB's only launch (numbering keeps
    // following source order).
    let kb_id = {
        let mut block: &Block = &module.functions[plan.func].body;
        for (index, which) in &plan.path {
            block = sub_blocks(&block[*index].kind)[*which];
        }
        match &block[plan.alloc_b + 1].kind {
            StmtKind::Launch { kernel, .. } => *kernel,
            _ => unreachable!("fuse-siblings: KB's launch moved"),
        }
    };
    let kernel_id = if count_reads(module).launches[kb_id.index()] == 1 {
        module.kernels[kb_id] = plan.kernel;
        kb_id
    } else {
        module.kernels.push(plan.kernel)
    };
    let f = &mut module.functions[plan.func];
    let i = plan.at;
    // The leaves of `%b`'s new spec.
    let mut leaves = |l: Vec<(Expr, ir::Type)>| -> Vec<ExprId> { l.into_iter().map(|(x, t)| f.add_expr(x, t)).collect() };
    let spec = match plan.spec {
        Spec::Broadcast(l) => ShapeSpec::Broadcast { arrays: leaves(l), reuse: None },
        Spec::Dims(l) => ShapeSpec::Dims(leaves(l)),
    };
    let mut block: &mut Block = &mut f.body;
    for (index, which) in &plan.path {
        block = sub_block_mut(&mut block[*index].kind, *which);
    }
    if let StmtKind::Alloc { shape, .. } = &mut block[plan.alloc_b].kind {
        *shape = spec;
    }
    let StmtKind::Launch { kernel, arrays, scalars, .. } = &mut block[plan.alloc_b + 1].kind else { unreachable!("fuse-siblings: KB's launch moved") };
    *kernel = kernel_id;
    *arrays = plan.arrays;
    *scalars = plan.scalars;
    let launch = plan.alloc_b + 1;
    let moved: Vec<ir::Stmt> = plan.moved.iter().map(|&m| block[m].clone()).collect();
    for (n, stmt) in moved.into_iter().enumerate() {
        block.insert(launch + 1 + n, stmt);
    }
    for &m in plan.moved.iter().rev() {
        block.remove(m);
    }
    block.remove(i + 1);
}

#[cfg(test)]
mod tests {
    use crate::testing::check;

    /// `a = x + 1.0; b = x * y` over arrays of one shape; `rest` follows.
    fn pair(second: &str, rest: &str) -> String {
        format!(
            r#"module stage=tensor
global @x: f64[1d] shape=(10)
global @y: f64[1d] shape=(10)
global @a: f64[1d] shape=(10)
global @b: f64[1d] shape=(10)

kernel k0 "store_L3" rank=1 (a0: f64[1d]) () -> store f64 {{
  %0 = load a0 : f64
  %1 = 1.0 : f64
  %2 = Add %0, %1 : f64
  yield %2
}}

kernel k1 "store_L4" rank=1 (a0: f64[1d], a1: f64[1d]) () -> store f64 {{
  %0 = load a0 : f64
  %1 = load a1 : f64
  %2 = Mul %0, %1 : f64
  yield %2
}}

func @__main__() -> () {{
  local %t1: f64[1d] shape=(10)
  local %t2: f64[1d] shape=(10)
  s0: %t1 = alloc f64 broadcast(@x)
  s1: launch k0 into %t1 arrays(@x) scalars()
  s2: @a = %t1
  s3: %t2 = alloc f64 broadcast({second}, @y)
  s4: launch k1 into %t2 arrays({second}, @y) scalars()
  s5: @b = %t2
{rest}}}
"#
        )
    }

    const PASSES: &[&str] = &["fuse-siblings", "drop-unused-kernels"];

    #[test]
    fn siblings_become_one_kernel_with_two_outputs() {
        check(
            &pair("@x", ""),
            PASSES,
            r#"module stage=tensor
global @x: f64[1d] shape=(10)
global @y: f64[1d] shape=(10)
global @a: f64[1d] shape=(10)
global @b: f64[1d] shape=(10)

kernel k0 "store_L3+store_L4" rank=1 (a0: f64[1d], a1: f64[1d], a2: f64[1d]) () -> store f64 also(a2 = %4) {
  %0 = load a0 : f64
  %1 = load a1 : f64
  %2 = Mul %0, %1 : f64
  %3 = 1.0 : f64
  %4 = Add %0, %3 : f64
  yield %2
}

func @__main__() -> () {
  local %t1: f64[1d] shape=(10)
  local %t2: f64[1d] shape=(10)
  s0: %t1 = alloc f64 broadcast(@x)
  s3: %t2 = alloc f64 broadcast(@x)
  s4: launch k0 into %t2 arrays(@x, @y, %t1) scalars()
  s2: @a = %t1
  s5: @b = %t2
}
"#,
        );
    }

    /// The second reads the first's result (through the name bound in between): a
    /// dependence, left to `fuse-producers`.
    #[test]
    fn a_second_reading_the_first_result_stays_apart() {
        let input = pair("@a", "");
        check(&input, PASSES, &input);
    }
}
