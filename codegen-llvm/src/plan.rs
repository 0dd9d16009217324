//! The plan table (`runtime_abi::plan_table`): the module's distribution plan as the
//! runtime executes it. `main` registers it (`lt_plan`); before a statement that makes
//! an array of the plan or may communicate, the generated code enters its entry
//! (`lt_stmt`), so that the runtime lays out what the statement makes as planned and,
//! in checking mode, holds what it communicates to the plan.

use std::collections::HashMap;

use ir::{Comm, Expr, ExprId, Function, Layout, Module, Stmt, StmtKind, StmtRef};
use runtime_abi::plan_table::{PlanTable, PlannedArray, PlannedComm, PlannedLayout, PlannedLoop, PlannedStmt, RunConfig};

/// The table and the entry of each statement that has one.
pub struct Table {
    pub text: String,
    pub index: HashMap<StmtRef, i64>,
}

/// Whether running the statement may communicate: it makes or moves arrays, or one of
/// its expressions reads an element (broadcast by its owner) or formats an array
/// (gathered). Statements of scalars only never enter the table.
fn may_communicate(f: &Function, stmt: &Stmt) -> bool {
    fn reads_arrays(f: &Function, e: ExprId) -> bool {
        let own = match &f.exprs[e] {
            Expr::GetItem(..) => true,
            Expr::Format(a, _) => f.expr_type(*a).is_array(),
            _ => false,
        };
        own || f.exprs[e]
            .children()
            .into_iter()
            .any(|c| reads_arrays(f, c))
    }
    match &stmt.kind {
        StmtKind::Alloc { .. }
        | StmtKind::Launch { .. }
        | StmtKind::Library { .. }
        | StmtKind::Runtime { .. } => true,
        StmtKind::Print { .. } => true,
        kind => kind.exprs().into_iter().any(|e| reads_arrays(f, e)),
    }
}

fn planned(comm: &Comm) -> PlannedComm {
    match comm {
        Comm::HaloExchange { array } => PlannedComm::HaloExchange(array.0),
        Comm::Allreduce => PlannedComm::Allreduce,
        Comm::Fetch { array } => PlannedComm::Fetch(array.0),
        Comm::Gather { array, .. } => PlannedComm::Gather(array.0),
        Comm::Broadcast { array } => PlannedComm::Broadcast(array.0),
        Comm::Shuffle { array } => PlannedComm::Shuffle(array.0),
        Comm::ReadSplit => PlannedComm::ReadSplit,
    }
}

/// What a statement runs, for the profile: a kernel's name, a library operation, an entry
/// point, or what kind of statement it is.
fn what(m: &Module, stmt: &Stmt) -> String {
    match &stmt.kind {
        StmtKind::Launch { kernel, .. } => m.kernels[*kernel].name.clone(),
        StmtKind::Library { op, .. } => format!("{op:?}").to_lowercase(),
        StmtKind::Runtime { func, .. } => func.name().to_string(),
        StmtKind::Alloc { .. } => "alloc".to_string(),
        StmtKind::Print { .. } => "print".to_string(),
        _ => "host".to_string(),
    }
}

/// The table of module `m` (empty before the `partition` pass has written a plan: every
/// array is then replicated), with each statement's source line in `source` and the
/// seconds `predicted` per execution (for the run `predicted_for`).
pub fn build(m: &Module, source: &str, predicted: &HashMap<StmtRef, f64>, predicted_for: Option<&RunConfig>) -> Table {
    let mut table = PlanTable { predicted_for: predicted_for.cloned(), ..PlanTable::default() };
    let mut index = HashMap::new();
    let Some(plan) = &m.plan else {
        return Table {
            text: table.encode(),
            index,
        };
    };
    table.arrays = plan.arrays.iter().map(|a| a.name.clone()).collect();
    let labels = ir::print::StmtLabels::new(m);
    let line = |span: ir::Span| if source.is_empty() { 0 } else { ir::span::line_col(source, span.start).0 as u32 };
    // Every call: the callee, the caller, and the loops around the call in the caller.
    let mut calls: Vec<(ir::FuncId, ir::FuncId, Vec<u32>)> = Vec::new();
    // The function of each statement of the table.
    let mut stmt_funcs: Vec<ir::FuncId> = Vec::new();
    for (fid, f) in m.functions.iter() {
        // The loops around each statement of `block`, innermost last.
        fn walk(
            block: &[Stmt],
            fid: ir::FuncId,
            f: &Function,
            enclosing: &mut Vec<u32>,
            visit: &mut dyn FnMut(&Stmt, StmtRef, &[u32]) -> Option<u32>,
        ) {
            for stmt in block {
                let at = StmtRef { func: fid, stmt: stmt.id };
                let own = visit(stmt, at, enclosing);
                if let Some(l) = own {
                    enclosing.push(l);
                }
                for inner in stmt.blocks() {
                    walk(inner, fid, f, enclosing, visit);
                }
                if own.is_some() {
                    enclosing.pop();
                }
            }
        }
        let mut visit = |stmt: &Stmt, at: StmtRef, loops: &[u32]| -> Option<u32> {
            if let StmtKind::Call { func, .. } = &stmt.kind {
                calls.push((*func, fid, loops.to_vec()));
            }
            let own = matches!(stmt.kind, StmtKind::For { .. } | StmtKind::Loop { .. }).then(|| {
                table.loops.push(PlannedLoop { label: labels.label(at), line: line(stmt.span) });
                table.loops.len() as u32 - 1
            });
            let makes = plan.array_made_by(at).map(|(id, a)| PlannedArray {
                array: id.0,
                layout: match &a.layout {
                    Layout::Replicated { .. } => PlannedLayout::Replicated,
                    Layout::Rows { halo, along, .. } => PlannedLayout::Rows {
                        ghost: halo.0.max(halo.1),
                        along: *along,
                    },
                },
            });
            // Gathers for several reasons are one gather to the runtime.
            let mut comm: Vec<PlannedComm> = plan.comm_of(at).iter().map(planned).collect();
            comm.sort_unstable();
            comm.dedup();
            if makes.is_some() || !comm.is_empty() || may_communicate(f, stmt) {
                index.insert(at, table.stmts.len() as i64);
                stmt_funcs.push(fid);
                table.stmts.push(PlannedStmt {
                    label: labels.label(at),
                    line: line(stmt.span),
                    what: what(m, stmt),
                    loops: loops.to_vec(),
                    predicted: predicted.get(&at).copied(),
                    makes,
                    comm,
                });
            }
            own
        };
        walk(&f.body, fid, f, &mut Vec::new(), &mut visit);
    }
    // A function runs inside the loops around every call of it (through its callers): its
    // statements count in those loops too, so a loop's profile holds the work of the
    // functions it calls. A loop around only some of the calls is left out.
    let inherited = inherited_loops(m, &calls);
    for (st, fid) in table.stmts.iter_mut().zip(&stmt_funcs) {
        if let Some(outer) = inherited.get(fid).filter(|o| !o.is_empty()) {
            let mut loops = outer.clone();
            loops.extend(st.loops.iter().copied().filter(|l| !outer.contains(l)));
            st.loops = loops;
        }
    }
    Table {
        text: table.encode(),
        index,
    }
}

/// The loops each function runs inside whenever it runs: the loops around each call of it
/// with those its caller runs inside, common to every call (outermost first). The entry
/// runs inside none; a function only a cycle of calls reaches, inside none either.
fn inherited_loops(m: &Module, calls: &[(ir::FuncId, ir::FuncId, Vec<u32>)]) -> HashMap<ir::FuncId, Vec<u32>> {
    // `None`: not known yet (every loop), refined downwards until nothing changes.
    let mut known: HashMap<ir::FuncId, Option<Vec<u32>>> = m.functions.iter().map(|(fid, _)| (fid, None)).collect();
    known.insert(m.main, Some(Vec::new()));
    loop {
        let mut changed = false;
        for (fid, _) in m.functions.iter() {
            if fid == m.main {
                continue;
            }
            let mut common: Option<Vec<u32>> = None;
            for (callee, caller, around) in calls {
                if *callee != fid {
                    continue;
                }
                let Some(Some(outer)) = known.get(caller) else { continue };
                let mut here = outer.clone();
                here.extend(around.iter().copied().filter(|l| !outer.contains(l)));
                common = Some(match common {
                    None => here,
                    Some(c) => c.into_iter().filter(|l| here.contains(l)).collect(),
                });
            }
            if common.is_some() && known[&fid] != common {
                known.insert(fid, common);
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    known.into_iter().map(|(fid, loops)| (fid, loops.unwrap_or_default())).collect()
}
