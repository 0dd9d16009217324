//! runtime-numpy: the NumPy (and Python library) layer of the runtime, above
//! `runtime-core`: library operations, random numbers, sorting, scans and
//! fancy indexing, `.npy` files, array printing and `print()`, `argparse`,
//! strs and shape operations. It defines no `extern "C"` entry point: those
//! are `runtime-lib`'s.
//!
//! No module imports a module that imports it back (checked by
//! `testsuite/tests/module_cycles.rs`).

pub mod argparse;
pub mod arrayprint;
pub mod fancy;
pub mod fft;
pub mod files;
pub mod library;
pub mod linalg;
pub mod npy;
pub mod print;
pub mod random;
pub mod scan;
pub mod shape_ops;
pub mod sort;
pub mod strings;
