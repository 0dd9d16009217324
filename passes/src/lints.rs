//! Lints on the distribution plan: patterns that make a distributed run slow, as warnings
//! on the statement that causes them (`legatec --deny LINT` makes them errors, so a CI step
//! can refuse a change that, say, gathers a matrix every iteration).
//!
//! - `gather-in-loop`: an array gathered whole on every rank inside a loop (each
//!   iteration moves the whole array), except the vector operand of a product split by
//!   rows, which a distributed matrix-vector product needs (`A @ x`: the matrix stays), and
//!   the gathers that happen only if arrays met at run time do not line up
//!   (`Comm::is_possible_gather`).
//! - `host-copy-in-loop`: on a GPU, an array copied from device to host memory inside a
//!   loop (only when the program is built for or predicted on a GPU).
//! - `replicated-array`: an array of two or more axes, or of at least `LARGE_BYTES` when
//!   its shape is constant, that a statement forces to be held whole on every rank.

use std::collections::BTreeSet;

use ir::{Comm, Diagnostic, Layout, Module, Severity, Span, StmtRef, SymExpr};

/// Every lint, by its stable code. `kernel-below-bound` needs a run's profile: it is
/// checked by `legatec --report --machine M --profile run.json` (a kernel or library call
/// that took more than `BELOW_BOUND` times its predicted time).
pub const LINTS: &[&str] = &["gather-in-loop", "host-copy-in-loop", "replicated-array", "kernel-below-bound"];

/// How many times its predicted time a statement of a profile may take before
/// `kernel-below-bound` names it.
pub const BELOW_BOUND: f64 = 3.0;
/// ... and only statements that took longer than this in all.
pub const BELOW_BOUND_SECONDS: f64 = 1e-3;

/// Bytes from which a one-axis replicated array of constant shape is large.
pub const LARGE_BYTES: u64 = 1 << 20;

fn span_of(module: &Module, at: StmtRef) -> Span {
    module.functions[at.func].stmt(at.stmt).map_or(Span::default(), |s| s.span)
}

fn warning(code: &'static str, span: Span, message: String, hint: &str) -> Diagnostic {
    let mut d = Diagnostic::error(code, span, message).with_hint(hint);
    d.severity = Severity::Warning;
    d
}

/// The lints of a module that went through the pipeline, in source order; `gpu`: whether
/// it runs its kernels on a GPU.
pub fn lints(module: &Module, gpu: bool) -> Vec<Diagnostic> {
    let Some(plan) = &module.plan else { return Vec::new() };
    let mut out = Vec::new();
    let mut seen = BTreeSet::new();
    for l in &plan.loops {
        for e in &l.events {
            if let Comm::Gather { array, why } = &e.comm {
                if e.comm.is_possible_gather() {
                    continue;
                }
                let product = matches!(
                    module.functions[e.stmt.func].stmt(e.stmt.stmt).map(|s| &s.kind),
                    Some(ir::StmtKind::Library { op: ir::LibraryOp::MatMul { .. }, .. })
                );
                if product && plan.array(*array).ndim == 1 {
                    continue;
                }
                let name = &plan.array(*array).name;
                if seen.insert(("gather", span_of(module, e.stmt).start, name.clone())) {
                    out.push(
                        warning(
                            "gather-in-loop",
                            span_of(module, e.stmt),
                            format!("`{name}` is gathered whole on every rank at every iteration of a loop ({why})"),
                            "each iteration sends the whole array to every rank; use an operation with a distributed version, or move it out of the loop",
                        )
                        .with_label(span_of(module, l.stmt), "in this loop"),
                    );
                }
            }
        }
    }
    for t in plan.transfers.iter().filter(|_| gpu) {
        if let Some(l) = t.in_loop {
            let name = &plan.array(t.array).name;
            if seen.insert(("host", span_of(module, t.stmt).start, name.clone())) {
                out.push(
                    warning(
                        "host-copy-in-loop",
                        span_of(module, t.stmt),
                        format!("on a GPU, `{name}` is copied to host memory inside a loop ({})", t.why),
                        "every iteration waits for a device-to-host copy; keep the array's uses in kernels, or move this out of the loop",
                    )
                    .with_label(span_of(module, l), "in this loop"),
                );
            }
        }
    }
    for a in &plan.arrays {
        let Layout::Replicated { why: Some((why, by)) } = &a.layout else { continue };
        let constant: Option<u64> =
            a.shape.iter().map(|d| if let SymExpr::Const(c) = d { u64::try_from(*c).ok() } else { None }).product::<Option<u64>>();
        let large = a.ndim >= 2 || constant.is_none_or(|n| n.saturating_mul(a.item as u64) >= LARGE_BYTES);
        if a.ndim >= 1 && large {
            out.push(
                warning(
                    "replicated-array",
                    span_of(module, a.origin),
                    format!("`{}` is held whole on every rank, because {why}", a.name),
                    "every rank stores and computes all of it; see `legatec --report` for what forces it",
                )
                .with_label(span_of(module, *by), "forced here"),
            );
        }
    }
    out.sort_by_key(|d| d.span.start);
    out
}
