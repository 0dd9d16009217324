//! The frontend: parses a script (through the one adapter in `syntax`),
//! resolves names, infers types, and lowers to the tensor IR with every
//! elementwise statement fused into one kernel.

pub mod ast;
pub mod closures;
pub mod diagnostics;
pub mod loop_else;
pub mod lower;
pub mod syntax;
pub mod tuple_lists;

/// Compiles source text to an IR module, or returns every diagnostic found.
pub fn compile(source: &str, path: &str) -> Result<ir::Module, Vec<ir::Diagnostic>> {
    ir::stage::enter("parse");
    let parsed = syntax::parse_module(source, path).map_err(|d| vec![d])?;
    ir::stage::enter("lower");
    let body = tuple_lists::split_module(closures::lift_module(loop_else::rewrite(parsed.body.clone())));
    let lowered = lower::lower_module(source, &body);
    if parsed.errors.is_empty() {
        return lowered;
    }
    // The adapter's errors stand for its placeholders, which the lowering reports
    // (where it reaches them) as unsupported syntax.
    let mut diags = parsed.errors.clone();
    if let Err(lowering) = lowered {
        diags.extend(lowering.into_iter().filter(|d| !parsed.replaces(d)));
    }
    diags.sort_by_key(|d| (d.span.start, d.span.end));
    Err(diags)
}
