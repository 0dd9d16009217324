//! The frontend: parses a script (through the one adapter in `syntax`),
//! resolves names, infers types, and lowers to the tensor IR with every
//! elementwise statement fused into one kernel.

pub mod ast;
pub mod diagnostics;
pub mod lower;
pub mod syntax;

/// Compiles source text to an IR module, or returns every diagnostic found.
pub fn compile(source: &str, path: &str) -> Result<ir::Module, Vec<ir::Diagnostic>> {
    let stmts = syntax::parse_module(source, path).map_err(|d| vec![d])?;
    lower::lower_module(source, &stmts)
}
