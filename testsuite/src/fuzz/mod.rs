//! The differential mutation fuzzer's pieces (the driver is `src/bin/fuzz.rs`, run through
//! `scripts/fuzz.sh`): a seeded PRNG ([`rng`]), a small Python lexer ([`lex`]), the mutation
//! operators ([`mutate`]), running a program both ways ([`exec`]), what the results mean
//! ([`classify`]) and the minimiser of findings ([`minimise`]).

pub mod classify;
pub mod exec;
pub mod lex;
pub mod minimise;
pub mod mutate;
pub mod rng;
