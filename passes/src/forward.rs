//! `forward-stores`: a kernel whose new array is only copied into an existing one
//! writes into that array directly (`work = 0.2 * (...)` then `center[:] = work`
//! becomes one kernel storing into `center`), so the loop body passes over memory
//! once instead of twice.
//!
//! The pattern, within one block (after `fuse-reductions`, so KA may also reduce):
//!
//! ```text
//! %t = alloc D broadcast(a, b)                   // KA's new array
//! [%r =] launch KA into %t arrays(a, b) ...      // a store (with or without a reduction)
//! @x = %t
//! ...                                            // only scalar assignments (`@delta = %r`)
//! %v = view @c[...]                              // the destination
//! launch KC into %v arrays(@x) scalars()         // KC: a plain copy of x
//! ```
//!
//! becomes `%v = view @c[...]`, `[%r =] launch KA into %v arrays(a, b) ...`, then the
//! scalar assignments. It only applies when that is unobservable:
//!
//! - `x`, `%t` and `%v` are read nowhere else in the module, so neither the array nor
//!   its absence can be seen;
//! - KA cannot raise at a point, and every operand of KA, `%t` and `%v` have the same
//!   known shape: the iteration space is the same, no broadcast can fail, and a fused
//!   reduction reduces over the same points;
//! - the statements in between assign scalars from expressions that read no array, and
//!   write nothing the view reads, so evaluating the view first and storing into `c`
//!   earlier changes nothing they see.
//!
//! KA's operands may overlap `%v` (a stencil reading neighbours of `c`): the runtime's
//! overlap guard evaluates the whole right side before it is assigned, as NumPy's
//! two statements do (on the GPU into a second buffer that is then swapped, on the CPU
//! into row blocks written back once no later row reads them).

use ir::{Block, FuncId, FusionNote, KExpr, KernelOutput, Module, Place, ShapeSpec, StmtKind, Type};

use crate::fuse::{count_reads, first_in_blocks, key, read_place, reads_of, sub_block_mut, Counts};

pub fn forward_stores(module: &mut Module) {
    let mut refused = Vec::new();
    loop {
        let counts = count_reads(module);
        let mut found = None;
        refused.clear();
        for (func, f) in module.functions.iter() {
            let mut path = Vec::new();
            found = first_in_blocks(&f.body, &mut path, &mut |block, i, path| match forward_at(module, func, f, block, i, &counts) {
                Ok(copy) => Some(Forward { func, path: path.to_vec(), alloc: i, copy }),
                Err(Some((copy, why))) => {
                    refused.push(FusionNote { at: block[copy].span, into: block[i + 1].span, refused: Some(why) });
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

/// One forwarding: the block, the allocation's index and the copy's index.
struct Forward {
    func: FuncId,
    path: Vec<(usize, usize)>,
    alloc: usize,
    copy: usize,
}

/// The index of the copy statement when the pattern starts at `block[i]` and may be
/// forwarded; `Err(Some((copy, why)))` when the statements have the pattern's form but
/// something forbids it, `Err(None)` when they do not.
fn forward_at(module: &Module, func: FuncId, f: &ir::Function, block: &Block, i: usize, counts: &Counts) -> Result<usize, Option<(usize, String)>> {
    let count = |p: Place| counts.reads.get(&key(func, p)).copied().unwrap_or(0);
    let StmtKind::Alloc { dst: t, dtype, shape: ShapeSpec::Broadcast { .. } } = &block[i].kind else {
        return Err(None);
    };
    let (t, dtype) = (*t, *dtype);
    let Some(StmtKind::Launch { kernel: ka_id, dst: Some(ka_dst), arrays: a_arrays, result, .. }) = block.get(i + 1).map(|s| &s.kind) else {
        return Err(None);
    };
    let ka = &module.kernels[*ka_id];
    if !ka.also.is_empty() {
        return Err(None);
    }
    let stored = match ka.output {
        KernelOutput::Store { dtype } | KernelOutput::StoreReduce { dtype, .. } => dtype,
        _ => return Err(None),
    };
    if read_place(f, *ka_dst) != Some(t) || stored != dtype || module.place_type(f, t) != Type::array(dtype, ka.ndim) {
        return Err(None);
    }
    let Some(StmtKind::Assign { dst: x, value }) = block.get(i + 2).map(|s| &s.kind) else {
        return Err(None);
    };
    let x = *x;
    if read_place(f, *value) != Some(t) || x == t {
        return Err(None);
    }
    // Scalar assignments in between, then the view and the copy of `x` into it.
    let mut written = Vec::new();
    let mut reads_array = false;
    let mut j = i + 3;
    loop {
        match block.get(j).map(|s| &s.kind) {
            Some(StmtKind::Assign { dst, value }) if !module.place_type(f, *dst).is_array() => {
                reads_array |= reads_of(f, *value).iter().any(|p| module.place_type(f, *p).is_array() || *p == x);
                written.push(*dst);
                j += 1;
            }
            Some(StmtKind::View { .. }) => break,
            _ => return Err(None),
        }
    }
    let StmtKind::View { dst: v, .. } = &block[j].kind else { return Err(None) };
    let v = *v;
    let Some(StmtKind::Launch { kernel: kc_id, dst: Some(kc_dst), arrays: c_arrays, scalars: c_scalars, result: None }) =
        block.get(j + 1).map(|s| &s.kind)
    else {
        return Err(None);
    };
    let kc = &module.kernels[*kc_id];
    if read_place(f, *kc_dst) != Some(v)
        || c_arrays.len() != 1
        || read_place(f, c_arrays[0]) != Some(x)
        || !c_scalars.is_empty()
        || kc.output != (KernelOutput::Store { dtype })
        || kc.ndim != ka.ndim
        || kc.arrays[0].dtype != dtype
        || !matches!(kc.exprs[kc.root], KExpr::Array(0))
        || module.place_type(f, v) != Type::array(dtype, ka.ndim)
    {
        return Err(None);
    }
    let copy = j + 1;
    let refuse = |why: &str| Err(Some((copy, why.to_string())));
    // The copy has the pattern's form: from here on, say why it stays a copy.
    if count(x) != 1 || count(t) != 2 {
        return refuse("the new array is read elsewhere too, so it must exist");
    }
    if !crate::fuse::cannot_raise(ka, &vec![true; ka.exprs.len()]) {
        return refuse("the kernel can raise at a point (an integer power), and would then leave the destination half written");
    }
    if reads_array {
        return refuse("a statement in between reads an array, which would see the destination changed early");
    }
    let view_reads: Vec<Place> = block[j].kind.exprs().into_iter().flat_map(|e| reads_of(f, e)).collect();
    if view_reads.iter().any(|p| written.contains(p) || Some(*p) == *result || *p == x || *p == t) || count(v) != 1 {
        return refuse("the destination's view depends on what the statements in between compute");
    }
    // One known shape for the new array, the destination and every operand.
    let same_shapes = (|| {
        let shape = module.place_shape(f, t).filter(|s| s.iter().all(ir::SymExpr::is_known))?;
        if module.place_shape(f, v)? != shape {
            return None;
        }
        for e in a_arrays {
            if module.place_shape(f, read_place(f, *e)?)? != shape {
                return None;
            }
        }
        Some(())
    })();
    if same_shapes.is_none() {
        return refuse("the operands and the destination are not known to have one shape (a broadcast could change what is computed)");
    }
    Ok(copy)
}

fn apply(module: &mut Module, plan: Forward) {
    let mut block: &mut Block = &mut module.functions[plan.func].body;
    for (index, which) in &plan.path {
        block = sub_block_mut(&mut block[*index].kind, *which);
    }
    let (i, c) = (plan.alloc, plan.copy);
    let note = FusionNote { at: block[c].span, into: block[i + 1].span, refused: None };
    let StmtKind::Launch { dst: Some(into_view), .. } = block[c].kind.clone() else {
        unreachable!("forward-stores: the copy moved")
    };
    let StmtKind::Launch { dst, .. } = &mut block[i + 1].kind else { unreachable!("forward-stores: the store moved") };
    *dst = Some(into_view);
    // [alloc, store, assign, scalars..., view, copy] -> [view, store, scalars...]
    let view = block.remove(c - 1);
    block.remove(c - 1); // the copy, now at c - 1
    block.remove(i + 2); // the assignment of the new array
    block.remove(i); // the allocation
    block.insert(i, view);
    module.fusions.push(note);
}

#[cfg(test)]
mod tests {
    use crate::testing::check;

    /// `w = c + a; d = np.sum(w); c[:] = w` in a loop (the sum already fused), then `rest`.
    fn heat_like(between: &str, rest: &str) -> String {
        format!(
            r#"module stage=tensor
global @c: f64[1d] shape=(10)
global @a: f64[1d] shape=(10)
global @i: py.i64
global @w: f64[1d] shape=(10)
global @d: f64

kernel k0 "store_L5+sum_L6" rank=1 (a0: f64[1d], a1: f64[1d]) () -> store f64 reduce_all Sum f64 %2 {{
  %0 = load a0 : f64
  %1 = load a1 : f64
  %2 = Add %0, %1 : f64
  yield %2
}}

kernel k1 "store_L7" rank=1 (a0: f64[1d]) () -> store f64 {{
  %0 = load a0 : f64
  yield %0
}}

func @__main__() -> () {{
  local %t3: f64[1d] shape=(10)
  local %t4: f64
  local %t5: f64[1d] shape=(10)
  s6: for @i in range(0, 3, 1) {{
    s7: %t3 = alloc f64 broadcast(@c, @a)
    s8: %t4 = launch k0 into %t3 arrays(@c, @a) scalars()
    s9: @w = %t3
    s11: @d = %t4
{between}    s12: %t5 = view @c[:]
    s13: launch k1 into %t5 arrays(@w) scalars()
  }}
{rest}}}
"#
        )
    }

    const PASSES: &[&str] = &["forward-stores", "drop-unused-kernels"];

    #[test]
    fn stores_into_the_copy_destination() {
        check(
            &heat_like("", ""),
            PASSES,
            r#"module stage=tensor
global @c: f64[1d] shape=(10)
global @a: f64[1d] shape=(10)
global @i: py.i64
global @w: f64[1d] shape=(10)
global @d: f64

kernel k0 "store_L5+sum_L6" rank=1 (a0: f64[1d], a1: f64[1d]) () -> store f64 reduce_all Sum f64 %2 {
  %0 = load a0 : f64
  %1 = load a1 : f64
  %2 = Add %0, %1 : f64
  yield %2
}

func @__main__() -> () {
  local %t3: f64[1d] shape=(10)
  local %t4: f64
  local %t5: f64[1d] shape=(10)
  s6: for @i in range(0, 3, 1) {
    s12: %t5 = view @c[:]
    s8: %t4 = launch k0 into %t5 arrays(@c, @a) scalars()
    s11: @d = %t4
  }
}
"#,
        );
    }

    #[test]
    fn keeps_a_new_array_read_later() {
        let input = heat_like("", "  s14: print(@w) sep=\" \" end=\"\\n\"\n");
        check(&input, PASSES, &input);
    }

    #[test]
    fn keeps_a_new_array_when_a_statement_between_reads_an_array() {
        // `y = c[0]` between must see `c` before the store.
        let input = heat_like("    s20: @d = @c[0]\n", "");
        check(&input, PASSES, &input);
    }
}
