//! The legatec tensor IR: types, arenas, symbolic shapes, spans,
//! diagnostics as data, the text printer and its parser, and the verifier.
//!
//! Invariants (checked by [`verify::verify`] where they can be):
//! - Every IR node lives in an arena and is addressed by a typed handle;
//!   analysis results live in side tables ([`arena::HandleMap`]), not on nodes.
//! - Every host expression and kernel expression has a type recorded in its
//!   function's or kernel's type table. Binary operands have equal dtypes:
//!   promotion is explicit (`Cast`).
//! - Array-typed host expressions are only reads of places; every array
//!   operation is a statement that writes a place. Views never copy.
//! - A fused kernel evaluates one expression tree per point of its iteration
//!   space and either stores into a destination view, reduces to a scalar, or
//!   reduces along one axis. Its arena is in topological order.
//! - Control flow is structured (`If`, `For`, `Loop` + `Break`/`Continue`);
//!   scalars are replicated values, so control flow is uniform across ranks.
//! - Printing a module is deterministic: numbering follows arena order.
//! - Statements are named by ids ([`StmtId`], unique in a function, stable across
//!   passes); side tables key them by [`StmtRef`]. The distribution of arrays and the
//!   communication of statements are written once, in the module's [`Plan`].

pub mod arena;
pub mod diag;
pub mod liveness;
pub mod module;
pub mod parse;
pub mod plan;
pub mod print;
pub mod program;
pub mod span;
pub mod stage;
pub mod sym;
pub mod types;
pub mod verify;

pub use arena::{Arena, Handle, HandleMap};
pub use diag::{Diagnostic, InternalError, Severity};
pub use module::*;
pub use program::{CallNote, FusionNote, Module, Stage};
pub use plan::{ArrayId, ArrayPlan, Comm, Event, Fill, LaunchPlan, Layout, LoopPlan, Plan, Template, Transfer};
pub use span::Span;
pub use sym::SymExpr;
pub use types::{DType, Type};
/// Facts of the runtime's random streams that the plan reports (which fills jump).
pub use runtime_abi::{random_draws_jump, RNG_LEGACY};
