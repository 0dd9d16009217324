//! The test harnesses of legatec and their pure helpers.
//!
//! The harnesses themselves live in `tests/`:
//!
//! - `tests/differential.rs` runs every program of `cases/` under CPython + NumPy and as a
//!   legatec-compiled binary, and compares exit status and stdout ([`compare`]).
//! - `tests/golden.rs` compares compiler diagnostics (`diagnostics/*.py` → `.stderr`) and IR
//!   dumps (`ir/*.py` → `.ir`) with expected files; `BLESS=1` rewrites them.
//! - `tests/deps.rs` checks the crate dependency graph against the table of docs/ARCHITECTURE.md;
//!   `tests/module_cycles.rs` checks that no module imports a module that imports it back
//!   ([`module_graph`]).
//! - `src/bin/fuzz.rs` (`scripts/fuzz.sh`) is the differential mutation fuzzer: it mutates those
//!   programs and compares each mutant the same way ([`fuzz`]).
//!
//! This library holds what those harnesses share: case headers ([`header`]), the tokenizer and
//! tolerant comparator ([`compare`]), process running with a time limit ([`process`]) and
//! report formatting ([`report`]), the commands of both sides of a run ([`runs`]), the fuzzer's
//! pieces ([`fuzz`]) and the import graph of a crate's modules ([`module_graph`]).

pub mod compare;
pub mod fuzz;
pub mod header;
pub mod module_graph;
pub mod process;
pub mod report;
pub mod runs;

pub use compare::{compare_outputs, compare_tokens, tokenize, Difference, Mismatch};
pub use header::{parse_header, reference_source, CaseHeader, WhitespaceMode};
