//! The description of a dataframe operation that the compiler hands to the runtime's
//! pandas layer, and its one encoder ([`encode`], used by the frontend) and decoder
//! ([`decode`], used by `runtime-frame`).
//!
//! Generated code pushes an operation's operands (arrays and ints, `lt_frame_push*`) and
//! then calls the operation with its spec: the fields of [`crate::fields`], the first
//! naming the operation. The operations and their fields:
//!
//! Operations that produce text (`lt_frame_text`):
//! - `repr_frame`, the index field, then per column its label and kind: `repr(df)`.
//!   Operands: the index's, then each column's.
//! - `repr_series`, `1` and the name (or `0` and an empty field for no name), the kind,
//!   the index field: `repr(s)`. Operands: the index's, then the values'.
//! - `repr_index`, how a single level's labels were made (`labels`, `taken` from a range,
//!   `set_index`: pandas may hold the last two as a `RangeIndex`), the index field:
//!   `repr(df.index)`. Operands: the index's.
//! - `repr_dtypes`, then per column its label and kind: `repr(df.dtypes)`. Operands: each
//!   column's (their dtypes are read, not their values).
//! - `to_csv`, the writer's options (`CsvWriteOptions::encode`), then the frame as in
//!   `repr_frame`: `df.to_csv()`'s text.
//!
//! Operations that make arrays (`lt_frame_run`; `lt_frame_pop` takes the results in order;
//! a column result is its arrays in operand order):
//! - `take`, the column's kind, the result's kind: operands the column and int64 row
//!   numbers (-1: missing) or a bool mask of the rows to keep; result the taken column.
//! - `take2`, the left and right columns' kinds, the result's kind: operands both columns,
//!   left and right int64 rows; each row from the left where it has one, else the right.
//! - `concat`, n, the result's kind, n kinds: operands n columns; result them one after another.
//! - `merge`, how (`inner`, `left`, `right`, `outer`), sort (`1`/`0`), the key count n, then
//!   the 2n key kinds: operands n left key columns then n right ones; results the int64
//!   row numbers of the left and of the right side of each output row (-1 where a side has
//!   none), in pandas' order.
//! - `sort`, the key count n, na_last (`1`/`0`), n ascending flags, n key kinds: operands
//!   the keys; result the int64 permutation of a stable sort.
//! - `dedup`, the key count n, n key kinds: operands the keys; result the int64 first row
//!   of each distinct key row (missing values equal), in row order (`drop_duplicates`).
//! - `group`, sort, dropna (`1`/`0`), the key count n, the n key kinds, then per
//!   aggregation its name (`sum`, `mean`, ... `nunique`), its column's kind and its
//!   result's kind: operands the n keys, then one column per aggregation; results each
//!   key's label per group, then each aggregation's values, in group order.
//! - `reduce`, an aggregation, the column's kind, the result's kind: a one-element result.
//! - `value_counts`, kind (the distinct values in pandas' order, their int64 counts);
//!   `unique`, kind; `nunique`, kind (a one-element int64 array).
//! - Strings and dates (`runtime-frame`'s `calls/text_ops.rs`): `str_lit`, `str_fill`,
//!   `str_cmp`, `str_isin`, `str_method`, `str_set`, `str_fillna`, `to_datetime`,
//!   `dt_field`, `to_cat`, `cat_codes`, `to_str`, `str_concat`.
//! - Files (operand first: the path, `lt_frame_push_str`): `read_csv`, the reader's options
//!   (`CsvOptions::encode`), then per column its label and kind (results: the columns);
//!   `to_csv`, options, the frame as in `repr_frame`; `read_parquet`, the index field
//!   expected, per column label and kind (results: a range index's start and stop as an
//!   int64 array of two, or the levels; then the columns); `to_parquet`, index (`1`, `0`,
//!   or empty for None), the frame. Writes happen on rank 0.
//!
//! A column's kind is its dtype (`bool`, `i8`, `i16`, `i32`, `i64`, `u8`, `u16`, `u32`,
//! `u64`, `f32`, `f64`), `str` (operands: int64 offsets, one more than the rows, then the
//! UTF-8 bytes packed into an int64 array), `time` (int64 microseconds since the epoch) or `cat` (int32 codes, then the
//! categories' offsets and bytes), then `~` for one of pandas' nullable extension dtypes
//! (`str~` is `string`, `i64~` `Int64`, `bool~` `boolean`, `f64~` `Float64`: a missing
//! value prints as `<NA>` and never changes the dtype), then `?` when a bool validity mask
//! follows its arrays. An index field is `range` (operands: two ints, start and stop; step 1) or a
//! nested spec: `levels`, then per level `1` and its name (or `0` and an empty field) and
//! its column kind (operands: each level's).

use crate::fields::{push_field, Fields};

/// Encodes the fields of an operation.
pub fn encode(fields: &[&str]) -> String {
    let mut out = String::new();
    for f in fields {
        push_field(&mut out, f);
    }
    out
}

/// The fields of an operation's spec.
pub fn decode(text: &str) -> Result<Vec<String>, String> {
    let mut fields = Fields::new(text);
    let mut out = Vec::new();
    while let Some(f) = fields.next_field()? {
        out.push(f.to_string());
    }
    Ok(out)
}

/// Column kinds (their bases: see the module's text) whose values a shuffle carries as one
/// 64-bit word each.
pub const WORD_KINDS: &[&str] = &["bool", "i8", "i16", "i32", "i64", "u8", "u16", "u32", "u64", "f32", "f64", "time"];

/// A kind's base and whether a validity mask follows (`i64~?`: `i64`, true).
pub fn kind_base(kind: &str) -> (&str, bool) {
    let (base, masked) = match kind.strip_suffix('?') {
        Some(base) => (base, true),
        None => (kind, false),
    };
    (base.strip_suffix('~').unwrap_or(base), masked)
}

/// Whether the runtime splits operation `spec` over the ranks where its operands are split
/// by rows (`runtime-frame`'s `calls/split.rs`; elsewhere they are gathered):
/// - `merge`, inner or left (sorted or not) or right (unsorted), on keys of integer kinds
///   that int64 holds;
/// - `group` on keys of kinds in [`WORD_KINDS`] without masks, each aggregation's column
///   and result of such a kind (masks allowed);
/// - `sort` on keys of such kinds (masks allowed);
/// - `value_counts` and `unique` of a column of such a kind without a mask, and `dedup` on
///   keys of such kinds without masks;
/// - `take` of a column of such a kind or `cat` (masks allowed) by row numbers or a mask
///   split by rows; `concat` of columns of one such kind; and the operations of one row
///   at a time `dt_field` and `cat_codes`.
///
/// (A kind ending in `!` carries a flag operand and is never split.)
pub fn splits(spec: &[String]) -> bool {
    let int = |k: &String| ["i8", "i16", "i32", "i64", "u8", "u16", "u32"].contains(&k.as_str());
    let word = |k: &String| !k.ends_with('!') && WORD_KINDS.contains(&kind_base(k).0);
    let plain = |k: &String| WORD_KINDS.contains(&k.as_str());
    match spec {
        [op, how, sort, n, kinds @ ..] if op == "merge" => {
            (how == "inner" || how == "left" || how == "outer" || (how == "right" && sort == "0"))
                && n.parse::<usize>().is_ok_and(|n| n > 0 && kinds.len() == 2 * n)
                && kinds.iter().all(|k| int(k) || k == "time")
        }
        [op, _sort, dropna, n, rest @ ..] if op == "group" => {
            let Ok(n) = n.parse::<usize>() else { return false };
            n > 0
                && rest.len() >= n
                && rest[..n].iter().all(|k| plain(k) || (kind_base(k).0 == "cat" && !k.ends_with('!') && dropna == "1"))
                && (rest.len() - n) % 3 == 0
                && rest[n..].chunks(3).all(|agg| word(&agg[1]) && word(&agg[2]))
        }
        [op, n, _na_last, rest @ ..] if op == "sort" => {
            n.parse::<usize>().is_ok_and(|n| n > 0 && rest.len() == 2 * n && rest[n..].iter().all(word))
        }
        [op, kind] if op == "value_counts" || op == "unique" => plain(kind),
        [op, n, kinds @ ..] if op == "dedup" => n.parse::<usize>().is_ok_and(|n| n > 0 && n == kinds.len()) && kinds.iter().all(plain),
        [op, column, result] if op == "take" => [column, result].iter().all(|k| word(k) || kind_base(k).0 == "cat"),
        [op, n, result, kinds @ ..] if op == "concat" => {
            n.parse::<usize>().is_ok_and(|n| n == kinds.len())
                && word(result)
                && kinds.iter().all(|k| word(k) && kind_base(k).0 == kind_base(result).0)
        }
        [op, _field, kind] if op == "dt_field" => word(kind),
        [op, kind] if op == "cat_codes" => kind == "cat",
        // Written to a file from each rank's own rows: any frame with a column split by rows.
        [op, _options, index, columns @ ..] if op == "to_csv" || op == "to_parquet" => {
            let levels = if index == "range" { Vec::new() } else { decode(index).unwrap_or_default() };
            let level_kinds = levels.get(1..).unwrap_or_default().chunks(3).map(|l| l.get(2).cloned().unwrap_or_default());
            let kinds: Vec<String> = level_kinds.chain(columns.chunks(2).map(|c| c.get(1).cloned().unwrap_or_default())).collect();
            let known = |k: &String| !k.ends_with('!') && (WORD_KINDS.contains(&kind_base(k).0) || ["str", "cat"].contains(&kind_base(k).0));
            (index == "range" || levels.first().is_some_and(|l| l == "levels"))
                && columns.len() % 2 == 0
                && kinds.iter().all(known)
                && kinds.iter().any(|k| kind_base(k).0 != "str")
        }
        _ => false,
    }
}

/// Whether operation `spec` is a file read that splits over the ranks whatever its
/// operands (`read_csv`: each rank parses its own byte range of the file; `read_parquet`:
/// each rank reads its block of rows).
pub fn reads_split(spec: &[String]) -> bool {
    spec.first().is_some_and(|op| op == "read_csv" || op == "read_parquet")
}

/// For each array of a column of `kind`, whether it has one entry per row (split by rows
/// where its column is): a string column's offsets, bytes and mask, which every rank
/// holds whole where the rows are split, and a category's offsets and bytes do not.
pub fn per_row(kind: &str) -> Vec<bool> {
    let (base, masked) = kind_base(kind.trim_end_matches('!'));
    let mut flags = match base {
        "str" => vec![false; 2],
        "cat" => vec![true, false, false],
        _ => vec![true],
    };
    if masked {
        flags.push(base != "str");
    }
    flags
}

/// Whether result `i` of operation `spec`, where it splits over the ranks, is split by
/// rows: those of its result columns' arrays that have one entry per row ([`per_row`]).
pub fn result_split(spec: &[String], i: usize) -> bool {
    let kinds: Vec<&String> = match spec.first().map(String::as_str) {
        // `read_csv`, options, then per column its label and kind.
        Some("read_csv") => spec.iter().skip(3).step_by(2).collect(),
        // `read_parquet`, the index field, then per column its label and kind: results a
        // range index's bounds (whole) or each level, then each column.
        Some("read_parquet") => {
            let index = spec.get(1).map_or("range", String::as_str);
            if index == "range" && i == 0 {
                return false;
            }
            let levels = if index == "range" { Vec::new() } else { decode(index).unwrap_or_default() };
            let level_kinds: Vec<String> = levels.get(1..).unwrap_or_default().chunks(3).filter_map(|l| l.get(2).cloned()).collect();
            let columns = spec.iter().skip(3).step_by(2).cloned();
            let flags: Vec<bool> = level_kinds.into_iter().chain(columns).flat_map(|k| per_row(&k)).collect();
            return flags.get(if index == "range" { i - 1 } else { i }).copied().unwrap_or(true);
        }
        // `take`, the column's kind, the result's kind.
        Some("take") => spec.get(2).into_iter().collect(),
        // `group`, sort, dropna, the key count, the keys' kinds, then per aggregation its
        // name, the values' kind and the result's kind: results the keys, then each result.
        Some("group") => {
            let n: usize = spec.get(3).and_then(|n| n.parse().ok()).unwrap_or(0);
            spec.iter().skip(4).take(n).chain(spec.iter().skip(4 + n).skip(2).step_by(3)).collect()
        }
        _ => return true,
    };
    kinds.iter().flat_map(|k| per_row(k)).nth(i).unwrap_or(true)
}

#[cfg(test)]
mod tests {
    #[test]
    fn fields_round_trip_with_any_text() {
        let fields = ["repr_frame", "range", "a:b", "", "12:x", "é"];
        assert_eq!(super::decode(&super::encode(&fields)).unwrap(), fields);
        assert!(super::decode("3:ab").is_err());
    }
}
