//! runtime-frame: the pandas layer of legatec's runtime.
//!
//! A dataframe reaches the runtime as borrowed typed columns ([`column`]): one buffer of
//! values per column, an optional validity mask, and an index. Everything here works on
//! that model so it serves one process and, later, each rank's rows under MPI.
//!
//! - [`column`]: the column model shared by every module.
//! - [`repr`]: pandas' text for `print(df)`, `print(s)`, `print(df.dtypes)`, character for
//!   character (pandas 3.1 with its default display options).

pub mod calls;
pub mod column;
pub mod repr;
