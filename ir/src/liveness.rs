//! Where each local array is last used, so that codegen releases it there, as CPython frees
//! a temporary at once, instead of at function exit: a program then holds no more arrays
//! at a time than NumPy does.
//!
//! A local is released after statement `s` of block `B` when every reference to it lies
//! within `B` (nested blocks included), the first statement of `B` that refers to it
//! defines it without reading it (an allocation, a view, a product, an assignment...), and
//! `s` is the last statement of `B` that refers to it. In a loop body, each iteration
//! then defines it afresh before any use. Parameters are never defined that way, so they
//! live until exit.

use std::collections::HashMap;

use crate::module::{Expr, ExprId, Function, Place, Stmt, StmtId, StmtKind, VarId};

/// The array locals to release after each statement.
pub fn releases(f: &Function) -> HashMap<StmtId, Vec<VarId>> {
    let mut total: HashMap<VarId, usize> = HashMap::new();
    crate::module::walk_stmts(&f.body, &mut |s| {
        for v in direct_refs(f, s) {
            *total.entry(v).or_default() += 1;
        }
    });
    let mut out: HashMap<StmtId, Vec<VarId>> = HashMap::new();
    visit(f, &f.body, &total, &mut out);
    out
}

fn visit(f: &Function, block: &[Stmt], total: &HashMap<VarId, usize>, out: &mut HashMap<StmtId, Vec<VarId>>) {
    // Per local: its references within each top-level statement's subtree, by position.
    let mut seen: HashMap<VarId, Vec<(usize, usize)>> = HashMap::new();
    for (i, stmt) in block.iter().enumerate() {
        let mut counts: HashMap<VarId, usize> = HashMap::new();
        crate::module::walk_stmts(std::slice::from_ref(stmt), &mut |s| {
            for v in direct_refs(f, s) {
                *counts.entry(v).or_default() += 1;
            }
        });
        for (v, n) in counts {
            seen.entry(v).or_default().push((i, n));
        }
        for inner in stmt.blocks() {
            visit(f, inner, total, out);
        }
    }
    for (v, positions) in seen {
        if !f.locals[v].ty.is_array() || f.params.contains(&v) {
            continue;
        }
        let within: usize = positions.iter().map(|&(_, n)| n).sum();
        let (first, _) = positions[0];
        let (last, _) = positions[positions.len() - 1];
        if within == total.get(&v).copied().unwrap_or(0) && defines(f, &block[first], v) {
            out.entry(block[last].id).or_default().push(v);
        }
    }
    for list in out.values_mut() {
        list.sort_unstable_by_key(|v| v.index());
        list.dedup();
    }
}

/// Whether `stmt` gives `v` a new value without reading its old one (and has no nested blocks).
fn defines(f: &Function, stmt: &Stmt, v: VarId) -> bool {
    let dst = match &stmt.kind {
        StmtKind::Assign { dst, .. }
        | StmtKind::Alloc { dst, .. }
        | StmtKind::View { dst, .. }
        | StmtKind::Library { dst, .. }
        | StmtKind::Runtime { dst: Some(dst), .. } => *dst == Place::Local(v),
        StmtKind::Call { results, .. } => results.contains(&Place::Local(v)),
        _ => false,
    };
    dst && stmt.blocks().is_empty() && !stmt.kind.exprs().iter().any(|&e| reads(f, e, v))
}

/// Whether the expression tree of `e` reads local `v`.
fn reads(f: &Function, e: ExprId, v: VarId) -> bool {
    matches!(f.exprs[e], Expr::Read(Place::Local(l)) if l == v) || f.exprs[e].children().into_iter().any(|c| reads(f, c, v))
}

/// The locals a statement itself reads or writes (not those of its nested blocks).
fn direct_refs(f: &Function, stmt: &Stmt) -> Vec<VarId> {
    let mut out = Vec::new();
    fn collect(f: &Function, e: ExprId, out: &mut Vec<VarId>) {
        if let Expr::Read(Place::Local(l)) = f.exprs[e] {
            out.push(l);
        }
        for c in f.exprs[e].children() {
            collect(f, c, out);
        }
    }
    for e in stmt.kind.exprs() {
        collect(f, e, &mut out);
    }
    let mut write = |p: &Place| {
        if let Place::Local(l) = p {
            out.push(*l);
        }
    };
    match &stmt.kind {
        StmtKind::Assign { dst, .. }
        | StmtKind::Alloc { dst, .. }
        | StmtKind::View { dst, .. }
        | StmtKind::Library { dst, .. }
        | StmtKind::Runtime { dst: Some(dst), .. } => write(dst),
        StmtKind::Launch { result: Some(dst), .. } => write(dst),
        StmtKind::Call { results, .. } => results.iter().for_each(&mut write),
        StmtKind::For { var, .. } => write(var),
        _ => {}
    }
    out.sort_unstable_by_key(|v| v.index());
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporaries_die_at_their_last_use_in_their_own_block() {
        let text = r#"module stage=tensor
kernel k0 "double" rank=1 (a0: f64[1d]) () -> store f64 loc(0..1) {
  %0 = load a0 : f64
  %1 = 2.0 : f64
  %2 = Mul %0, %1 : f64
  yield %2
}
func @__main__() -> () {
}
func @f(%a: f64[1d], %n: py.i64) -> (f64[1d]) {
  local %t1: f64[1d]
  local %t: f64[1d]
  local %i: py.i64
  local %t3: f64[1d]
  local %v: f64[1d]
  s0: %t1 = alloc f64 broadcast(%a) loc(0..1)
  s1: launch k0 into %t1 arrays(%a) scalars() loc(0..1)
  s2: %t = %t1 loc(0..1)
  s3: for %i in range(0, %n, 1) loc(0..1) {
    s4: %t3 = alloc f64 broadcast(%t) loc(0..1)
    s5: launch k0 into %t3 arrays(%t) scalars() loc(0..1)
    s6: %t = %t3 loc(0..1)
    s7: %v = view %v[:] loc(0..1)
  }
  s8: return %t loc(0..1)
}
"#;
        let module = crate::parse::parse(text).unwrap_or_else(|e| panic!("{e:?}"));
        let (fid, f) = module.functions.iter().find(|(_, f)| f.name == "f").expect("f");
        let _ = fid;
        let releases = releases(f);
        let local = |name: &str| f.locals.iter().find(|(_, v)| v.name == name).map(|(id, _)| id).expect("local");
        let after = |s: u32| releases.get(&StmtId(s)).cloned().unwrap_or_default();
        // `t1` dies once `t` holds it; `t3` at the end of each iteration; `t` after the return.
        assert_eq!(after(2), vec![local("t1")]);
        assert_eq!(after(6), vec![local("t3")]);
        assert_eq!(after(8), vec![local("t")]);
        // A parameter lives until exit; `v` reads its old value before its first definition.
        for s in 0..9 {
            assert!(!after(s).contains(&local("a")) && !after(s).contains(&local("v")), "s{s}: {:?}", after(s));
        }
    }
}
