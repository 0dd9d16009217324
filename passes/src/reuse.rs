//! `reuse-dead-operands`: a kernel that fills a new array from an operand it reads for the
//! last time may write into that operand's memory instead (`R = A - np.diag(d)` with `A`
//! dead afterwards holds one matrix, not two).
//!
//! The pattern is an allocation of a broadcast shape followed by the store kernel that
//! fills it. Kernels read every operand at the point they write (broadcast where smaller),
//! so an operand of the new array's dtype and rank that `ir::liveness` releases right after
//! the launch may lend its buffer. The pass only marks the allocation
//! (`ShapeSpec::Broadcast { reuse }`); the runtime takes the operand over when it is the
//! sole reference to its whole buffer with the new array's shape and layout, and
//! allocates as usual otherwise, so views, aliases and broadcasts stay correct.

use ir::{Block, Expr, ExprId, KernelOutput, Module, Place, ShapeSpec, StmtKind};

pub fn reuse_dead_operands(module: &mut Module) {
    for fid in module.functions.handles().collect::<Vec<_>>() {
        let releases = ir::liveness::releases(module, fid);
        let mut marks = Vec::new();
        find(module, fid, &module.functions[fid].body, &releases, &mut marks);
        let f = &mut module.functions[fid];
        for (stmt, operand) in marks {
            visit_mut(&mut f.body, &mut |s| {
                if s.id == stmt {
                    if let StmtKind::Alloc { shape: ShapeSpec::Broadcast { reuse, .. }, .. } = &mut s.kind {
                        *reuse = Some(operand);
                    }
                }
            });
        }
    }
}

/// The allocations of `block` (and nested blocks) that may reuse an operand: (statement, operand index).
fn find(
    module: &Module,
    fid: ir::FuncId,
    block: &Block,
    releases: &std::collections::HashMap<ir::StmtId, Vec<Place>>,
    marks: &mut Vec<(ir::StmtId, usize)>,
) {
    let f = &module.functions[fid];
    for (i, stmt) in block.iter().enumerate() {
        for inner in stmt.blocks() {
            find(module, fid, inner, releases, marks);
        }
        let StmtKind::Alloc { dst, shape: ShapeSpec::Broadcast { arrays, reuse: None }, .. } = &stmt.kind else { continue };
        let Some(StmtKind::Launch { kernel, dst: Some(into), arrays: operands, scalars, result: None }) =
            block.get(i + 1).map(|s| &s.kind)
        else {
            continue;
        };
        if !matches!(f.exprs[*into], Expr::Read(p) if p == *dst)
            || !matches!(module.kernels[*kernel].output, KernelOutput::Store { .. })
        {
            continue;
        }
        let dying = releases.get(&block[i + 1].id).map(Vec::as_slice).unwrap_or(&[]);
        let new_type = module.place_type(f, *dst);
        // Read by the kernel, and not one of the arrays it writes besides the new one.
        let k = &module.kernels[*kernel];
        let read_by_kernel = |p: Place| {
            let is = |e: ExprId| matches!(f.exprs[e], Expr::Read(q) if q == p);
            operands.iter().any(|&e| is(e)) && !k.outputs().any(|o| is(operands[o]))
        };
        // An operand a scalar reads (`x / x[20]`) is read apart from the kernel's point, by
        // the launch after the allocation: it keeps its own buffer.
        let read_by_scalars: Vec<Place> = scalars.iter().flat_map(|&e| crate::fuse::reads_of(f, e)).collect();
        let operand = arrays.iter().position(|&e| match f.exprs[e] {
            Expr::Read(p) => {
                p != *dst && dying.contains(&p) && read_by_kernel(p) && !read_by_scalars.contains(&p) && module.place_type(f, p) == new_type
            }
            _ => false,
        });
        if let Some(operand) = operand {
            marks.push((stmt.id, operand));
        }
    }
}

fn visit_mut(block: &mut Block, f: &mut dyn FnMut(&mut ir::Stmt)) {
    for s in block {
        f(s);
        for inner in s.blocks_mut() {
            visit_mut(inner, f);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::check;

    const KERNEL: &str = r#"kernel k0 "sub" rank=1 (a0: f64[1d], a1: f64[1d]) () -> store f64 loc(0..1) {
  %0 = load a0 : f64
  %1 = load a1 : f64
  %2 = Sub %0, %1 : f64
  yield %2
}

"#;

    /// `a` dies at the launch: its buffer may hold the result. `b` is read again later.
    #[test]
    fn an_operand_read_for_the_last_time_lends_its_buffer() {
        let body = |reuse: &str| {
            format!(
                r#"module stage=tensor
global @a: f64[1d]
global @b: f64[1d]
global @c: f64[1d]

{KERNEL}func @__main__() -> () {{
  s0: @a = alloc f64 (4) loc(0..1)
  s1: @b = alloc f64 (4) loc(0..1)
  s2: @c = alloc f64 broadcast(@b, @a){reuse} loc(0..1)
  s3: launch k0 into @c arrays(@a, @b) scalars() loc(0..1)
  s4: print(@b, @c) sep=" " end="\n" loc(0..1)
}}
"#
            )
        };
        check(&body(""), &["reuse-dead-operands"], &body(" reuse=1"));
    }

    /// Nothing is marked when every operand is read later, or when the dying operand
    /// has another dtype than the new array.
    #[test]
    fn live_operands_and_other_dtypes_keep_their_buffers() {
        let live = format!(
            r#"module stage=tensor
global @a: f64[1d]
global @c: f64[1d]

{KERNEL}func @__main__() -> () {{
  s0: @a = alloc f64 (4) loc(0..1)
  s1: @c = alloc f64 broadcast(@a) loc(0..1)
  s2: launch k0 into @c arrays(@a, @a) scalars() loc(0..1)
  s3: print(@a, @c) sep=" " end="\n" loc(0..1)
}}
"#
        );
        check(&live, &["reuse-dead-operands"], &live);
        let cast = r#"module stage=tensor
global @a: f32[1d]
global @c: f64[1d]

kernel k0 "widen" rank=1 (a0: f32[1d]) () -> store f64 loc(0..1) {
  %0 = load a0 : f32
  %1 = cast.f64 %0 : f64
  yield %1
}

func @__main__() -> () {
  s0: @a = alloc f32 (4) loc(0..1)
  s1: @c = alloc f64 broadcast(@a) loc(0..1)
  s2: launch k0 into @c arrays(@a) scalars() loc(0..1)
  s3: print(@c) sep=" " end="\n" loc(0..1)
}
"#;
        check(cast, &["reuse-dead-operands"], cast);
    }

    /// An operand that a scalar of the launch reads (an element, `a - a[2]`) keeps its
    /// buffer: the scalar is read after the allocation that would take it over.
    #[test]
    fn an_operand_read_by_a_scalar_keeps_its_buffer() {
        let scalar_read = r#"module stage=tensor
global @a: f64[1d]
global @c: f64[1d]

kernel k0 "shift" rank=1 (a0: f64[1d]) (s0: f64) -> store f64 loc(0..1) {
  %0 = load a0 : f64
  %1 = s0 : f64
  %2 = Sub %0, %1 : f64
  yield %2
}

func @__main__() -> () {
  s0: @a = alloc f64 (4) loc(0..1)
  s1: @c = alloc f64 broadcast(@a) loc(0..1)
  s2: launch k0 into @c arrays(@a) scalars(@a[2]) loc(0..1)
  s3: print(@c) sep=" " end="\n" loc(0..1)
}
"#;
        check(scalar_read, &["reuse-dead-operands"], scalar_read);
    }
}
