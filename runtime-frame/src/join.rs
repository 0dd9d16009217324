//! `pd.merge`'s pairing of rows: which left row goes with which right row, in pandas 3.1's order.
//!
//! The kernels return two equally long vectors of row numbers, `-1` where a side has no
//! row (an unmatched row of a left, right or outer join); the caller takes every column
//! of each frame through them. The order is pandas' (checked against pandas 3.1 by the
//! differential tests in `tests/keys_differential.rs`):
//! - `inner` and `left`: left rows in order, each with its matching right rows in right
//!   order (an unmatched left row of a left join once, with `-1`).
//! - `right`: right rows in order, each with its matching left rows in left order.
//! - `outer`: always sorted by key (pandas forces `sort=True`), missing keys last; within
//!   one key, the left rows in order each with the right rows in order, then (for a key
//!   on one side only) that side's rows.
//! - With `sort=True` (`merge_indices_sorted`), `inner`, `left` and `right` are ordered
//!   by key the same way; within a key, `right` is right-major and the others left-major.
//!
//! Missing keys match each other, as in pandas; see [`crate::keys`] for equality across
//! dtypes.
//!
//! An unsorted join on one non-categorical key hashes only the build side (the right
//! side for `inner`/`left`, the left for `right`) and probes it with the other side's
//! rows, partitioning both sides by hash first when the build side is large (a
//! radix-partitioned hash join, so each partition's table stays in cache). Other joins
//! number both sides' keys jointly ([`crate::keys::row_codes`]) and pair rows by code.

use crate::column::Column;
use crate::keys::{build_probe, merge_side_row_codes, row_codes, BuildProbe, KeyError, RowCodes};

/// `pd.merge`'s `how`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum How {
    Inner,
    Left,
    Right,
    Outer,
}

/// Row pairs of `pd.merge(left, right, on=keys, how=how)` (pandas' default `sort=False`).
/// Panics when pandas would refuse the key dtypes; [`try_merge_indices`] returns the
/// error instead.
pub fn merge_indices(left: &[Column], right: &[Column], how: How) -> (Vec<i64>, Vec<i64>) {
    try_merge_indices(left, right, how, false).unwrap_or_else(|error| panic!("{error}"))
}

/// Row pairs of `pd.merge(..., how=how, sort=True)`.
pub fn merge_indices_sorted(left: &[Column], right: &[Column], how: How) -> (Vec<i64>, Vec<i64>) {
    try_merge_indices(left, right, how, true).unwrap_or_else(|error| panic!("{error}"))
}

/// Row pairs of `pd.merge(left, right, on=keys, how=how, sort=sort)`: `left` and `right`
/// are the key columns of each frame, matched by position.
pub fn try_merge_indices(
    left: &[Column],
    right: &[Column],
    how: How,
    sort: bool,
) -> Result<(Vec<i64>, Vec<i64>), KeyError> {
    assert!(!left.is_empty() && left.len() == right.len(), "one or more key columns, as many on each side");
    let sort = sort || how == How::Outer;
    let (left_rows, right_rows) = (left[0].len(), right[0].len());
    // pandas does not check the key dtypes when a side is empty.
    if left_rows == 0 || right_rows == 0 {
        return Ok(join_with_empty_side(left, right, how, sort));
    }
    if !sort && left.len() == 1 {
        // One key: a hash table over the build side, probed by the other side's rows.
        let joined = match how {
            How::Inner | How::Left => {
                build_probe(&left[0], &right[0])?.map(|lookup| emit_probe_join(&lookup, how == How::Left))
            }
            _ => build_probe(&right[0], &left[0])?.map(|lookup| {
                let (right_indices, left_indices) = emit_probe_join(&lookup, true);
                (left_indices, right_indices)
            }),
        };
        if let Some(joined) = joined {
            return Ok(joined);
        }
    }
    let codes = row_codes(left, Some(right), sort)?;
    Ok(if sort {
        sorted_join(&codes, how)
    } else {
        match how {
            How::Inner | How::Left => probe_join(&codes.left, &codes.right, codes.count, how == How::Left),
            How::Right => {
                let (right_indices, left_indices) = probe_join(&codes.right, &codes.left, codes.count, true);
                (left_indices, right_indices)
            }
            How::Outer => unreachable!("an outer join is always sorted"),
        }
    })
}

/// A join where one side has no rows: the other side's rows alone (for `left`/`right`/
/// `outer` as they keep it), in their order or, when sorted, in key order.
fn join_with_empty_side(left: &[Column], right: &[Column], how: How, sort: bool) -> (Vec<i64>, Vec<i64>) {
    let left_empty = left[0].is_empty();
    let keeps_other = match how {
        How::Inner => false,
        How::Left => !left_empty,
        How::Right => left_empty,
        How::Outer => true,
    };
    let (other, other_rows) = if left_empty { (right, right[0].len()) } else { (left, left[0].len()) };
    if !keeps_other || other_rows == 0 {
        return (Vec::new(), Vec::new());
    }
    let order: Vec<i64> = if sort {
        // Both sides' dtypes still decide the order (two categoricals order by the left
        // one's categories), but pandas does not refuse incompatible dtypes here.
        let codes = match row_codes(left, Some(right), true) {
            Ok(codes) => codes,
            Err(_) => {
                let codes = merge_side_row_codes(other, true).unwrap_or_else(|error| panic!("{error}"));
                RowCodes { right: codes.left.clone(), ..codes }
            }
        };
        let other_codes = if left_empty { &codes.right } else { &codes.left };
        stable_order_by_code(other_codes, codes.count)
    } else {
        (0..other_rows as i64).collect()
    };
    let missing = vec![-1i64; order.len()];
    if left_empty {
        (missing, order)
    } else {
        (order, missing)
    }
}

/// Rows listed by code, each code's rows in row order (a counting sort): `starts[c]..
/// starts[c + 1]` is code c's slice of `rows`.
struct RowsByCode {
    starts: Vec<u32>,
    rows: Vec<u32>,
}

impl RowsByCode {
    fn new(codes: &[u32], count: usize) -> RowsByCode {
        let mut starts = vec![0u32; count + 1];
        for &code in codes {
            starts[code as usize + 1] += 1;
        }
        for index in 1..starts.len() {
            starts[index] += starts[index - 1];
        }
        let mut cursor = starts.clone();
        let mut rows = vec![0u32; codes.len()];
        for (row, &code) in codes.iter().enumerate() {
            let slot = &mut cursor[code as usize];
            rows[*slot as usize] = row as u32;
            *slot += 1;
        }
        RowsByCode { starts, rows }
    }

    #[inline]
    fn of(&self, code: usize) -> &[u32] {
        &self.rows[self.starts[code] as usize..self.starts[code + 1] as usize]
    }
}

fn stable_order_by_code(codes: &[u32], count: usize) -> Vec<i64> {
    RowsByCode::new(codes, count).rows.iter().map(|&row| row as i64).collect()
}

/// Each probe row in order with its matching build rows in order (and, when
/// `keep_unmatched`, an unmatched probe row once with `-1`).
fn probe_join(probe: &[u32], build: &[u32], count: usize, keep_unmatched: bool) -> (Vec<i64>, Vec<i64>) {
    let by_code = RowsByCode::new(build, count);
    let mut probe_indices = Vec::with_capacity(probe.len());
    let mut build_indices = Vec::with_capacity(probe.len());
    for (row, &code) in probe.iter().enumerate() {
        let matches = by_code.of(code as usize);
        if matches.is_empty() {
            if keep_unmatched {
                probe_indices.push(row as i64);
                build_indices.push(-1);
            }
        } else {
            for &other in matches {
                probe_indices.push(row as i64);
                build_indices.push(other as i64);
            }
        }
    }
    (probe_indices, build_indices)
}

/// A join in key order: `codes` are sorted codes.
fn sorted_join(codes: &RowCodes, how: How) -> (Vec<i64>, Vec<i64>) {
    let left = RowsByCode::new(&codes.left, codes.count);
    let right = RowsByCode::new(&codes.right, codes.count);
    let mut left_indices = Vec::with_capacity(codes.left.len().max(codes.right.len()));
    let mut right_indices = Vec::with_capacity(left_indices.capacity());
    let mut push = |l: i64, r: i64| {
        left_indices.push(l);
        right_indices.push(r);
    };
    for code in 0..codes.count {
        let (left_rows, right_rows) = (left.of(code), right.of(code));
        let keep_left_alone = matches!(how, How::Left | How::Outer);
        let keep_right_alone = matches!(how, How::Right | How::Outer);
        if right_rows.is_empty() {
            if keep_left_alone {
                left_rows.iter().for_each(|&l| push(l as i64, -1));
            }
        } else if left_rows.is_empty() {
            if keep_right_alone {
                right_rows.iter().for_each(|&r| push(-1, r as i64));
            }
        } else if how == How::Right {
            for &r in right_rows {
                for &l in left_rows {
                    push(l as i64, r as i64);
                }
            }
        } else {
            for &l in left_rows {
                for &r in right_rows {
                    push(l as i64, r as i64);
                }
            }
        }
    }
    (left_indices, right_indices)
}

/// The pairs of a probe-side join from a single-key lookup: probe rows in order, each
/// with its build rows in order (and once with `-1` when unmatched and kept).
fn emit_probe_join(lookup: &BuildProbe, keep_unmatched: bool) -> (Vec<i64>, Vec<i64>) {
    let mut probe_indices = Vec::with_capacity(lookup.first.len());
    let mut build_indices = Vec::with_capacity(lookup.first.len());
    for (row, &first) in lookup.first.iter().enumerate() {
        if first == u32::MAX {
            if keep_unmatched {
                probe_indices.push(row as i64);
                build_indices.push(-1);
            }
            continue;
        }
        let mut other = first;
        while other != u32::MAX {
            probe_indices.push(row as i64);
            build_indices.push(other as i64);
            other = if lookup.next.is_empty() { u32::MAX } else { lookup.next[other as usize] };
        }
    }
    (probe_indices, build_indices)
}
