//! Dataframe operations split over the ranks (the plan's choice, several ranks): each rank
//! works on its own rows of the operands and the rows move by hash shuffles, so nothing is
//! gathered. Results are each rank's part, assembled at `pop` (`dist::var_rows`).
//!
//! `merge` (inner and left, `sort=False`, integer keys): every rank sends each of its left
//! and right rows (the keys and the row's number) to the rank its keys hash to; each rank
//! joins what it received (pandas' order among those rows: they arrive in row order), then
//! sends each pair to the owner of its left row, which orders its pairs by left row. The
//! result is pandas' order, split by the left rows' owners: rank after rank, the pairs of
//! the left rows each rank owns.

use runtime_abi::ArrayDesc;
use runtime_core::array;
use runtime_core::comm;
use runtime_core::dist;
use runtime_core::errors::RtResult;
use runtime_core::plan;
use runtime_abi::plan_table::PlannedComm;

use super::{bug, push_split_result, Held, Operand};
use crate::column::{Column, Values};
use crate::join::{try_merge_indices, How};

/// Whether the current statement's plan splits its operation over the ranks.
pub(super) fn planned() -> bool {
    comm::size() > 1 && plan::shuffles_here()
}

/// One side of a merge as this rank holds it: each key's values (as int64) and the row
/// numbers, for its share of the rows; and every rank's share.
struct Side {
    keys: Vec<Vec<i64>>,
    rows: Vec<i64>,
    shares: Vec<(i64, i64)>,
}

/// The rows of `cols` (one frame's key columns) this rank works on.
fn read_side(cols: &[*mut ArrayDesc]) -> RtResult<Side> {
    let first = unsafe { array::desc_ref(cols[0]) }?;
    let shares = dist::row_shares(first);
    let (lo, hi) = shares[comm::rank() as usize];
    let mut keys = Vec::with_capacity(cols.len());
    for &col in cols {
        let col_ref = unsafe { array::desc_ref(col) }?;
        if col_ref.ndim != 1 || col_ref.shape[0] != first.shape[0] {
            return Err(bug("merge keys of different lengths"));
        }
        let copy = unsafe { dist::readable(col_ref, Some(0), &shares) }?;
        let from = copy.unwrap_or(col);
        let values = (|| {
            let from_ref = unsafe { &*from };
            runtime_core::gpu::host_read(from_ref)?;
            let item = array::elem_size(from_ref.dtype)? as isize;
            let stride = from_ref.strides[0] as isize * item;
            if from_ref.dtype == runtime_abi::DTYPE_I64 && stride == 8 && lo < hi {
                // SAFETY: rows `lo..hi` of a contiguous int64 column, held here.
                let start = from_ref.data.wrapping_offset(lo as isize * 8) as *const i64;
                return Ok(unsafe { std::slice::from_raw_parts(start, (hi - lo) as usize) }.to_vec());
            }
            Ok((lo..hi)
                .map(|i| unsafe { array::read_bits(from_ref.data.wrapping_offset(i as isize * stride), from_ref.dtype) })
                .map(|bits| sign_extend(bits, from_ref.dtype))
                .collect::<Vec<i64>>())
        })();
        if let Some(c) = copy {
            unsafe { array::release(c) };
        }
        keys.push(values?);
    }
    Ok(Side { keys, rows: (lo..hi).collect(), shares })
}

/// An integer element's bits as the int64 of the same value.
fn sign_extend(bits: u64, dtype: i64) -> i64 {
    use runtime_abi::{DTYPE_I16, DTYPE_I32, DTYPE_I8};
    match dtype {
        DTYPE_I8 => bits as u8 as i8 as i64,
        DTYPE_I16 => bits as u16 as i16 as i64,
        DTYPE_I32 => bits as u32 as i32 as i64,
        _ => bits as i64,
    }
}

/// The rank a row's keys go to (the same for equal keys on either side).
fn home(keys: &[Vec<i64>], i: usize, p: usize) -> usize {
    let mut h: u64 = 0x9E37_79B9_7F4A_7C15;
    for k in keys {
        h = (h ^ k[i] as u64).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        h ^= h >> 31;
    }
    (h % p as u64) as usize
}

/// Records of int64 words grouped by destination rank, each buffer sized before it is
/// filled (`dest[i]` is record `i`'s rank; `write(i, out)` appends its words).
fn grouped(dest: &[u32], words: usize, p: usize, mut write: impl FnMut(usize, &mut Vec<u8>)) -> Vec<Vec<u8>> {
    let mut counts = vec![0usize; p];
    for &q in dest {
        counts[q as usize] += 1;
    }
    let mut sends: Vec<Vec<u8>> = counts.iter().map(|&c| Vec::with_capacity(8 * words * c)).collect();
    for (i, &q) in dest.iter().enumerate() {
        write(i, &mut sends[q as usize]);
    }
    sends
}

/// Sends every row of `side` to its keys' rank: records of the keys then the row number.
fn shuffle(side: &Side, p: usize) -> Vec<Vec<u8>> {
    let dest: Vec<u32> = (0..side.rows.len()).map(|i| home(&side.keys, i, p) as u32).collect();
    grouped(&dest, side.keys.len() + 1, p, |i, out| {
        for k in &side.keys {
            out.extend_from_slice(&k[i].to_ne_bytes());
        }
        out.extend_from_slice(&side.rows[i].to_ne_bytes());
    })
}

/// What a shuffle delivered, in rank order (so in row order): keys and row numbers.
fn received(parts: &[Vec<u8>], nkeys: usize) -> (Vec<Vec<i64>>, Vec<i64>) {
    let total = parts.iter().map(|part| part.len() / (8 * (nkeys + 1))).sum();
    let mut keys = vec![Vec::with_capacity(total); nkeys];
    let mut rows = Vec::with_capacity(total);
    for part in parts {
        for record in part.chunks_exact(8 * (nkeys + 1)) {
            let word = |j: usize| i64::from_ne_bytes(record[8 * j..8 * j + 8].try_into().expect("8 bytes"));
            for (j, k) in keys.iter_mut().enumerate() {
                k.push(word(j));
            }
            rows.push(word(nkeys));
        }
    }
    (keys, rows)
}

/// Checks a shuffle of the pushed arrays against the plan.
fn check(arrays: &[*mut ArrayDesc]) -> RtResult<()> {
    for &a in arrays {
        if let Some(d) = array::dist_of(unsafe { array::desc_ref(a) }?) {
            plan::check(PlannedComm::Shuffle(d.array))?;
        }
    }
    dist::SHUFFLES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    Ok(())
}

/// `merge` split over the ranks: results, each rank's part, the left and right row numbers
/// of the merged rows (-1 where a left row has no match).
pub(super) fn merge(fields: &[String], held: &Held) -> RtResult<()> {
    let field = |i: usize| fields.get(i).map(String::as_str).ok_or_else(|| bug("a spec with too few fields"));
    let how = match field(1)? {
        "inner" => How::Inner,
        "left" => How::Left,
        other => return Err(bug(&format!("a `{other}` merge split over ranks"))),
    };
    let n: usize = field(3)?.parse().map_err(|_| bug("a bad count"))?;
    let arrays: Vec<*mut ArrayDesc> = held
        .0
        .iter()
        .map(|o| match o {
            Operand::Pushed(a) => Ok(*a),
            _ => Err(bug("a merge split over ranks takes arrays only")),
        })
        .collect::<RtResult<_>>()?;
    if arrays.len() != 2 * n || n == 0 {
        return Err(bug("a merge split over ranks with the wrong operands"));
    }
    let p = comm::size() as usize;
    let left = read_side(&arrays[..n])?;
    let right = read_side(&arrays[n..])?;
    check(&arrays)?;
    let (lsends, rsends) = (shuffle(&left, p), shuffle(&right, p));
    dist::count_shuffle(&lsends);
    dist::count_shuffle(&rsends);
    let (lkeys, lrows) = received(&comm::alltoallv(lsends), n);
    let (rkeys, rrows) = received(&comm::alltoallv(rsends), n);
    let lcols: Vec<Column> = lkeys.iter().map(|k| Column::new(Values::I64(k))).collect();
    let rcols: Vec<Column> = rkeys.iter().map(|k| Column::new(Values::I64(k))).collect();
    let (li, ri) = try_merge_indices(&lcols, &rcols, how, false).map_err(|e| runtime_core::errors::RtError::value(e.to_string()))?;
    // Each pair to the owner of its left row.
    let his: Vec<i64> = left.shares.iter().map(|s| s.1).collect();
    let dest: Vec<u32> = li.iter().map(|&l| his.partition_point(|&h| h <= lrows[l as usize]).min(p - 1) as u32).collect();
    let psends = grouped(&dest, 2, p, |k, out| {
        let r = ri[k];
        out.extend_from_slice(&lrows[li[k] as usize].to_ne_bytes());
        out.extend_from_slice(&(if r >= 0 { rrows[r as usize] } else { -1 }).to_ne_bytes());
    });
    dist::count_shuffle(&psends);
    let mut pairs: Vec<(i64, i64)> = comm::alltoallv(psends)
        .iter()
        .flat_map(|part| {
            part.chunks_exact(16).map(|w| {
                (i64::from_ne_bytes(w[..8].try_into().expect("8 bytes")), i64::from_ne_bytes(w[8..].try_into().expect("8 bytes")))
            })
        })
        .collect();
    // Pairs of one left row come from one rank, in pandas' order: a stable sort keeps it.
    pairs.sort_by_key(|&(l, _)| l);
    let (l, r): (Vec<i64>, Vec<i64>) = pairs.into_iter().unzip();
    push_split_result(array::from_vec(runtime_abi::DTYPE_I64, l)?);
    push_split_result(array::from_vec(runtime_abi::DTYPE_I64, r)?);
    Ok(())
}
