//! The compiler stage running on this thread (`lower`, a pass name from
//! `passes::pipeline()`, `codegen`, `link`...), so that an internal compiler
//! error can say where it happened.
//!
//! The driver and the pass runner call [`enter`] before each stage; the panic
//! hook of the `legatec` command reads [`current`].

use std::cell::Cell;

thread_local! {
    static CURRENT: Cell<&'static str> = const { Cell::new("startup") };
}

/// The environment variable that makes [`enter`] panic when it enters the stage it
/// names, e.g. `LEGATEC_TEST_ICE=partition`. For testing the internal-error path
/// only (`testsuite/tests/cli.rs`); it is not a user feature.
pub const TEST_ICE_VARIABLE: &str = "LEGATEC_TEST_ICE";

/// Records that `stage` starts on this thread.
///
/// Panics on purpose when `LEGATEC_TEST_ICE` names `stage` (see [`TEST_ICE_VARIABLE`]).
pub fn enter(stage: &'static str) {
    CURRENT.with(|c| c.set(stage));
    if std::env::var_os(TEST_ICE_VARIABLE).is_some_and(|v| v == stage) {
        panic!("{TEST_ICE_VARIABLE}={stage}: a deliberate internal compiler error for testing");
    }
}

/// The stage last entered on this thread.
pub fn current() -> &'static str {
    CURRENT.with(|c| c.get())
}
