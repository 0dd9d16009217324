//! The pass pipeline: one explicit list of named passes, each a plain
//! function over the IR module, with the verifier run after every pass when
//! asked (tests always ask).
//!
//! Statement-level fusion happens during lowering (see `frontend::lower::lazy`):
//! every elementwise statement reaches this crate as one kernel.
//! `fuse-producers` then fuses across statements: a kernel whose result only
//! the next kernel reads is evaluated inside that kernel (see [`fuse`]). The
//! passes that follow (partitioning, halo inference, communication,
//! placement) are added here as they are written.

use ir::{InternalError, Module};

mod forward;
mod fuse;
pub mod lints;
pub mod model;
pub mod partition;
pub mod report;
mod reuse;
mod siblings;
pub use forward::forward_stores;
pub use fuse::{fuse_producers, fuse_reductions};
pub use partition::partition;
pub use reuse::reuse_dead_operands;
pub use siblings::fuse_siblings;

/// A pass: a stable name (for `--print-after=NAME`) and its function.
pub struct Pass {
    pub name: &'static str,
    pub summary: &'static str,
    pub run: fn(&mut Module),
}

/// The pipeline, in order.
pub fn pipeline() -> Vec<Pass> {
    vec![
        Pass {
            name: "fuse-producers",
            summary: "fuses a kernel whose result only the next kernel reads into that kernel",
            run: fuse_producers,
        },
        Pass {
            name: "fuse-reductions",
            summary: "computes a reduction of a just-stored array in the kernel that stores it",
            run: fuse_reductions,
        },
        Pass {
            name: "forward-stores",
            summary: "lets a kernel whose new array is only copied into another store there directly",
            run: forward_stores,
        },
        Pass {
            name: "fuse-siblings",
            summary: "fuses kernels that fill new arrays of one shape, the second not reading the first's, into one with several outputs",
            run: fuse_siblings,
        },
        Pass {
            name: "drop-unused-kernels",
            summary: "removes kernels that no statement launches and renumbers the rest",
            run: drop_unused_kernels,
        },
        Pass {
            name: "partition",
            summary: "distributes arrays by rows over the ranks (or replicates them) and sizes their halos",
            run: partition,
        },
        Pass {
            name: "reuse-dead-operands",
            summary: "lets a kernel write its new array into the memory of an operand it reads for the last time",
            run: reuse_dead_operands,
        },
    ]
}

/// Runs the pipeline; `verify` checks the module after each pass, and
/// `print_after` is called with the pass name and the module.
pub fn run(module: &mut Module, verify: bool, mut print_after: impl FnMut(&str, &Module)) -> Result<(), InternalError> {
    for pass in pipeline() {
        ir::stage::enter(pass.name);
        (pass.run)(module);
        for f in module.functions.handles().collect::<Vec<_>>() {
            module.functions[f].number_statements();
        }
        if verify {
            let errors = ir::verify::verify(module);
            if !errors.is_empty() {
                return Err(InternalError { pass: pass.name, message: errors.join("\n") });
            }
        }
        print_after(pass.name, module);
    }
    Ok(())
}

fn drop_unused_kernels(module: &mut Module) {
    use ir::{KernelId, StmtKind};
    fn visit(block: &mut [ir::Stmt], f: &mut dyn FnMut(&mut KernelId)) {
        for s in block {
            match &mut s.kind {
                StmtKind::Launch { kernel, .. } => f(kernel),
                StmtKind::If { then_body, else_body, .. } => {
                    visit(then_body, f);
                    visit(else_body, f);
                }
                StmtKind::For { body, .. } | StmtKind::Loop { body } => visit(body, f),
                _ => {}
            }
        }
    }
    let mut used = vec![false; module.kernels.len()];
    for h in module.functions.handles().collect::<Vec<_>>() {
        visit(&mut module.functions[h].body, &mut |k| used[k.index()] = true);
    }
    if used.iter().all(|u| *u) {
        return;
    }
    let mut renumber = vec![None; used.len()];
    let mut kept = ir::Arena::new();
    for (k, kernel) in module.kernels.iter() {
        if used[k.index()] {
            renumber[k.index()] = Some(kept.push(kernel.clone()));
        }
    }
    module.kernels = kept;
    for h in module.functions.handles().collect::<Vec<_>>() {
        visit(&mut module.functions[h].body, &mut |k| *k = renumber[k.index()].expect("used kernel kept"));
    }
}

/// Pass tests written as IR text: text in, named passes, text out.
#[cfg(test)]
pub(crate) mod testing {
    /// Parses `input`, runs the passes named (in pipeline order, the verifier after
    /// each) and requires the printed result to be `expected`.
    pub(crate) fn check(input: &str, names: &[&str], expected: &str) {
        for name in names {
            assert!(super::pipeline().iter().any(|p| p.name == *name), "no pass is called `{name}`");
        }
        let mut module = ir::parse::parse(input).unwrap_or_else(|e| panic!("the input does not parse: {e}\n{input}"));
        for pass in super::pipeline().into_iter().filter(|p| names.contains(&p.name)) {
            (pass.run)(&mut module);
            let errors = ir::verify::verify(&module);
            assert!(errors.is_empty(), "the verifier fails after `{}`:\n{}", pass.name, errors.join("\n"));
        }
        let produced = ir::print::print_module(&module);
        assert!(produced == expected, "after {names:?}, expected:\n{expected}\nproduced:\n{produced}");
    }
}
