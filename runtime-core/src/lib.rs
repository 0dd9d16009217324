//! runtime-core: the layer of the runtime that knows nothing of NumPy's
//! library: memory and pages, array descriptors and buffers, Python
//! exceptions, the program's stdout, the ranks (MPI), distributed buffers,
//! kernel launches on the CPU and the GPU, and Python's text of numbers
//! (which error messages need). `runtime-numpy` (and any later library layer,
//! BLAS or dataframes) sits above it; `runtime-lib` is the `extern "C"`
//! façade that compiled programs link.
//!
//! Modules, each importing only modules listed before it (checked by
//! `testsuite/tests/module_cycles.rs`, which forbids import circles):
//! - `pages`: huge-page mappings of large buffers;
//! - `stdout`: the program's buffered stdout;
//! - `comm`: the ranks (MPI) and the fatal-error protocol;
//! - `errors`: Python exceptions and the one exit path of a runtime error;
//! - `plan`: the compiler's distribution plan as the runtime executes it, and its checking mode;
//! - `format`: Python's text of numbers, NumPy's names of dtypes and shapes;
//! - `memory`: fallible allocation of buffers (`MemoryError`) and the global allocator;
//! - `array`: descriptors, views, broadcasting, element access, buffers (with the
//!   data of their distribution and of their device copy);
//! - `kernel`: what a kernel launch is, and reductions' identities and combination;
//! - `gpu`: the device, its copies of buffers and their coherence, GPU launches;
//! - `host`: operations on the host copy of whole arrays;
//! - `launch`: `lt_launch` on the CPU (and handing over to `gpu`);
//! - `dist`: distributed arrays over the ranks.

pub mod pages;
pub mod stdout;
pub mod comm;
pub mod errors;
pub mod plan;
pub mod format;
pub mod memory;
pub mod array;
pub mod kernel;
pub mod gpu;
pub mod host;
pub mod launch;
pub mod dist;
pub mod profile;
