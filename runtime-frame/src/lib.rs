//! runtime-frame: the pandas layer of legatec's runtime.
//!
//! A dataframe reaches the runtime as borrowed typed columns ([`column`]): one buffer of
//! values per column, an optional validity mask, and an index. Everything here works on
//! that model so it serves one process and, later, each rank's rows under MPI.
//!
//! - [`column`]: the column model shared by every module.
//! - [`repr`]: pandas' text for `print(df)`, `print(s)`, `print(df.dtypes)`, character for
//!   character (pandas 3.1 with its default display options).
//! - [`keys`]: key columns as dense codes with pandas' equality and order of keys.
//! - [`join`]: `pd.merge`'s row pairs for inner, left, right and outer joins.
//! - [`group`]: groupby's groups and aggregations; `value_counts`, `unique`, `nunique`.
//! - [`sort`]: `sort_values`' stable row order over several keys.
//! - [`io`]: `read_csv`/`to_csv` and `read_parquet`/`to_parquet` with pandas' semantics.

#[cfg(feature = "ops")]
pub mod calls;
pub mod column;
pub mod group;
pub mod io;
pub mod join;
pub mod keys;
pub mod repr;
pub mod sort;
