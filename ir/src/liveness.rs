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
//!
//! The module body's variables (globals) follow the same rule in the module body when no
//! other function refers to them: a script's `A` that nothing reads after line 20 is freed
//! there, as a local would be.

use std::collections::{HashMap, HashSet};

use crate::module::{Expr, ExprId, Function, Place, Stmt, StmtId, StmtKind};
use crate::module::FuncId;
use crate::program::Module;

/// The array places (locals, and in the module body its own globals) to release after
/// each statement of function `fid`.
pub fn releases(module: &Module, fid: FuncId) -> HashMap<StmtId, Vec<Place>> {
    let f = &module.functions[fid];
    let mut shared: HashSet<Place> = HashSet::new();
    for (other, g) in module.functions.iter() {
        if other != fid {
            crate::module::walk_stmts(&g.body, &mut |s| {
                shared.extend(direct_refs(g, s).into_iter().filter(|p| matches!(p, Place::Global(_))));
            });
        }
    }
    let candidate = |p: Place| match p {
        Place::Local(v) => f.locals[v].ty.is_handle() && !f.params.contains(&v),
        Place::Global(g) => fid == module.main && module.globals[g].ty.is_handle() && !shared.contains(&p),
    };
    let mut total: HashMap<Place, usize> = HashMap::new();
    crate::module::walk_stmts(&f.body, &mut |s| {
        for v in direct_refs(f, s) {
            *total.entry(v).or_default() += 1;
        }
    });
    let mut out: HashMap<StmtId, Vec<Place>> = HashMap::new();
    visit(f, &f.body, &total, &candidate, &mut out);
    out
}

fn visit(
    f: &Function,
    block: &[Stmt],
    total: &HashMap<Place, usize>,
    candidate: &dyn Fn(Place) -> bool,
    out: &mut HashMap<StmtId, Vec<Place>>,
) {
    // Per place: its references within each top-level statement's subtree, by position.
    let mut seen: HashMap<Place, Vec<(usize, usize)>> = HashMap::new();
    for (i, stmt) in block.iter().enumerate() {
        let mut counts: HashMap<Place, usize> = HashMap::new();
        crate::module::walk_stmts(std::slice::from_ref(stmt), &mut |s| {
            for v in direct_refs(f, s) {
                *counts.entry(v).or_default() += 1;
            }
        });
        for (v, n) in counts {
            seen.entry(v).or_default().push((i, n));
        }
        for inner in stmt.blocks() {
            visit(f, inner, total, candidate, out);
        }
    }
    for (v, positions) in seen {
        if !candidate(v) {
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
        list.sort_unstable_by_key(order);
        list.dedup();
    }
}

/// Locals first, then globals, each by index.
fn order(p: &Place) -> (bool, usize) {
    match p {
        Place::Local(v) => (false, v.index()),
        Place::Global(g) => (true, g.index()),
    }
}

/// Whether `stmt` gives `v` a new value without reading its old one (and has no nested blocks).
fn defines(f: &Function, stmt: &Stmt, v: Place) -> bool {
    let dst = match &stmt.kind {
        StmtKind::Assign { dst, .. }
        | StmtKind::Alloc { dst, .. }
        | StmtKind::View { dst, .. }
        | StmtKind::Library { dst, .. }
        | StmtKind::Runtime { dst: Some(dst), .. } => *dst == v,
        StmtKind::Call { results, .. } => results.contains(&v),
        _ => false,
    };
    dst && stmt.blocks().is_empty() && !stmt.kind.exprs().iter().any(|&e| reads(f, e, v))
}

/// Whether the expression tree of `e` reads place `v`.
fn reads(f: &Function, e: ExprId, v: Place) -> bool {
    matches!(f.exprs[e], Expr::Read(p) if p == v) || f.exprs[e].children().into_iter().any(|c| reads(f, c, v))
}

/// The places a statement itself reads or writes (not those of its nested blocks).
fn direct_refs(f: &Function, stmt: &Stmt) -> Vec<Place> {
    let mut out = Vec::new();
    fn collect(f: &Function, e: ExprId, out: &mut Vec<Place>) {
        if let Expr::Read(p) = f.exprs[e] {
            out.push(p);
        }
        for c in f.exprs[e].children() {
            collect(f, c, out);
        }
    }
    for e in stmt.kind.exprs() {
        collect(f, e, &mut out);
    }
    let mut write = |p: &Place| out.push(*p);
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
    out.sort_unstable_by_key(order);
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
        let releases = releases(&module, fid);
        let local = |name: &str| Place::Local(f.locals.iter().find(|(_, v)| v.name == name).map(|(id, _)| id).expect("local"));
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

    #[test]
    fn module_body_globals_die_unless_a_function_reads_them() {
        let text = r#"module stage=tensor
global @a: f64[1d]
global @b: f64[1d]
global @seen: f64[1d]
global @c: f64[1d]
kernel k0 "double" rank=1 (a0: f64[1d]) () -> store f64 loc(0..1) {
  %0 = load a0 : f64
  %1 = 2.0 : f64
  %2 = Mul %0, %1 : f64
  yield %2
}
func @__main__() -> () {
  local %t1: f64[1d]
  s0: %t1 = alloc f64 (4) loc(0..1)
  s1: @a = %t1 loc(0..1)
  s2: @seen = %t1 loc(0..1)
  s3: @b = alloc f64 broadcast(@a) loc(0..1)
  s4: launch k0 into @b arrays(@a) scalars() loc(0..1)
  s5: (@c) = call @f() loc(0..1)
  s6: print(@b) sep=" " end="\n" loc(0..1)
}
func @f() -> (f64[1d]) {
  s0: return @seen loc(0..1)
}
"#;
        let module = crate::parse::parse(text).unwrap_or_else(|e| panic!("{e:?}"));
        let releases = releases(&module, module.main);
        let global = |name: &str| {
            Place::Global(module.globals.iter().find(|(_, v)| v.name == name).map(|(id, _)| id).expect("global"))
        };
        let after = |s: u32| releases.get(&StmtId(s)).cloned().unwrap_or_default();
        let t1 = Place::Local(module.functions[module.main].locals.iter().next().map(|(id, _)| id).expect("t1"));
        assert_eq!(after(2), vec![t1]);
        // `a` dies after the launch that last reads it, `b` after the print, `c` once defined.
        assert_eq!(after(4), vec![global("a")]);
        assert_eq!(after(5), vec![global("c")]);
        assert_eq!(after(6), vec![global("b")]);
        // `seen` is read by `f`, so it lives until exit.
        for s in 0..7 {
            assert!(!after(s).contains(&global("seen")), "s{s}: {:?}", after(s));
        }
        // Nothing is released in `f`: globals belong to the module body.
        let (fid, _) = module.functions.iter().find(|(_, f)| f.name == "f").expect("f");
        assert!(super::releases(&module, fid).is_empty());
    }
}
