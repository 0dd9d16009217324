//! Dataframe operations split over the ranks (the plan's choice, several ranks): each rank
//! works on its own rows of the operands and the rows move by shuffles, so nothing is
//! gathered. Results are each rank's part, assembled at `pop` (`dist::var_rows`).
//!
//! A shuffle carries rows as records of 64-bit words ([`Words`]): keys, values, validity
//! masks and row numbers (an integer sign-extended, a float's bits, a bool as 0 or 1).
//! Counts go first (`comm::alltoallv`), so every rank knows what it receives; what arrives
//! is in rank order, so rows that came from one rank keep their order.
//!
//! `merge` (inner and left, `sort=False`, integer keys): every rank sends each of its left
//! and right rows (the keys and the row's number) to the rank its keys hash to; each rank
//! joins what it received (pandas' order among those rows: they arrive in row order), then
//! sends each pair to the owner of its left row, which orders its pairs by left row. The
//! result is pandas' order, split by the left rows' owners: rank after rank, the pairs of
//! the left rows each rank owns. Sorted and outer merges send rows by ranges of their keys
//! instead, and keep the pairs where they are joined (key order, rank after rank).
//!
//! `group` (integer or datetime keys, fixed-width value columns): the rows of a group meet
//! on one rank, which groups and aggregates them as one process would (they arrive in row
//! order, so sums, variances, firsts and lasts see the same sequence). Where every
//! aggregation has a partial form (sums, counts, sizes, minima, maxima and means of int,
//! bool and float64 columns), each rank first aggregates its own rows and sends one
//! record per local group instead of its rows. With `sort=True` the keys go to ranks by
//! ranges (splitters from a sample of every rank's keys), so the groups are in pandas'
//! order rank after rank; with `sort=False` they go by hash, and each group's result then
//! goes to the owner of the group's first row, which orders its groups by first row
//! (pandas' order of first appearance).

use runtime_abi::plan_table::PlannedComm;
use runtime_abi::{frame_spec, ArrayDesc};
use runtime_core::array;
use runtime_core::comm;
use runtime_core::dist;
use runtime_core::errors::{RtError, RtResult};
use runtime_core::plan;

use super::{bug, column_fits, push_column_split, push_split_result, Held, Operand};
use crate::column::{take_column, Column, Frame, Index, OwnedColumn, OwnedValues, TimeUnit, Values};
use crate::group::{aggregate, group_rows, Agg};
use crate::join::{try_merge_indices, How};

/// Whether the current statement's plan splits its operation `fields` over the ranks.
pub(super) fn planned(fields: &[String]) -> bool {
    comm::size() > 1 && if frame_spec::reads_split(fields) { plan::plans(PlannedComm::ReadSplit) } else { plan::shuffles_here() }
}

/// Columns of 64-bit words, one word per row each (see the module's text).
struct Words(Vec<Vec<i64>>);

impl Words {
    fn rows(&self) -> usize {
        self.0.first().map_or(0, Vec::len)
    }

    /// Sends row `i` to rank `dest[i]` and returns the rows that arrived here, in rank
    /// order (each rank's in the order it sent them).
    fn shuffle(&self, dest: &[u32]) -> Words {
        let cols: Vec<&[i64]> = self.0.iter().map(Vec::as_slice).collect();
        shuffled(&cols, None, dest)
    }
}

/// Sends row `i` of columns `cols` (and, where `first_row` is given, its global row number
/// `first_row + i` as a last column) to rank `dest[i]`; returns the rows that arrived here,
/// in rank order (each rank's in the order it sent them).
fn shuffled(cols: &[&[i64]], first_row: Option<i64>, dest: &[u32]) -> Words {
    let p = comm::size() as usize;
    let mut counts = vec![0usize; p];
    for &q in dest {
        counts[q as usize] += 1;
    }
    // Each row's place among the rows grouped by destination.
    let mut next = comm::starts(&counts);
    let slots: Vec<u32> = dest
        .iter()
        .map(|&q| {
            let s = next[q as usize];
            next[q as usize] += 1;
            s as u32
        })
        .collect();
    fn scatter(slots: &[u32], value: impl Fn(usize) -> i64) -> Vec<i64> {
        let mut out: Vec<i64> = Vec::with_capacity(slots.len());
        let ptr = out.as_mut_ptr();
        for (i, &s) in slots.iter().enumerate() {
            // SAFETY: `slots` is a permutation of `0..slots.len()`.
            unsafe { ptr.add(s as usize).write(value(i)) };
        }
        // SAFETY: every slot was written once.
        unsafe { out.set_len(slots.len()) };
        out
    }
    let mut packed: Vec<Vec<i64>> = cols.iter().map(|col| scatter(&slots, |i| col[i])).collect();
    if let Some(lo) = first_row {
        packed.push(scatter(&slots, |i| lo + i as i64));
    }
    drop(slots);
    let me = comm::rank() as usize;
    for (q, &c) in counts.iter().enumerate() {
        if q != me && c > 0 {
            dist::count_message(8 * c * packed.len());
        }
    }
    Words(comm::alltoallv_columns(&packed, &counts).0)
}

impl Words {
    /// Every rank's rows on every rank, in rank order.
    fn to_everyone(&self) -> Words {
        let p = comm::size() as usize;
        let rows = self.rows();
        let packed: Vec<Vec<i64>> = self.0.iter().map(|col| col.repeat(p)).collect();
        if rows > 0 {
            for _ in 1..p {
                dist::count_message(8 * rows * packed.len());
            }
        }
        Words(comm::alltoallv_columns(&packed, &vec![rows; p]).0)
    }
}

/// Rows `lo..hi` (this rank's share) of a 1-D array as words.
fn local_words(a: *mut ArrayDesc, shares: &[(i64, i64)]) -> RtResult<Vec<i64>> {
    // SAFETY: the view is copied before `a` can change.
    unsafe { local_view(a, shares) }.map(std::borrow::Cow::into_owned)
}

/// Rows `lo..hi` (this rank's share) of a 1-D array as words: borrowed where this rank
/// holds them as contiguous 8-byte words (int64 as they are, float64 as their bits),
/// else copied.
///
/// # Safety
/// A borrowed result is valid while `a` is live and its data unchanged.
unsafe fn local_view<'a>(a: *mut ArrayDesc, shares: &[(i64, i64)]) -> RtResult<std::borrow::Cow<'a, [i64]>> {
    use std::borrow::Cow;
    let desc = unsafe { array::desc_ref(a) }?;
    let (lo, hi) = shares[comm::rank() as usize];
    let copy = unsafe { dist::readable(desc, Some(0), shares) }?;
    let from = copy.unwrap_or(a);
    let words = (|| {
        let from_ref = unsafe { &*from };
        runtime_core::gpu::host_read(from_ref)?;
        let item = array::elem_size(from_ref.dtype)?;
        let stride = from_ref.strides[0] as isize * item as isize;
        if item == 8 && stride == 8 && lo < hi {
            // SAFETY: rows `lo..hi` of a contiguous 8-byte column, held here.
            let start = from_ref.data.wrapping_offset(lo as isize * 8) as *const i64;
            let held: &'a [i64] = unsafe { std::slice::from_raw_parts(start, (hi - lo) as usize) };
            return Ok(if copy.is_some() { Cow::Owned(held.to_vec()) } else { Cow::Borrowed(held) });
        }
        // SAFETY: rows `lo..hi` are held here (`readable`).
        Ok(Cow::Owned((lo..hi).map(|i| unsafe { array::read_bits(from_ref.data.wrapping_offset(i as isize * stride), from_ref.dtype) } as i64).collect()))
    })();
    if let Some(c) = copy {
        unsafe { array::release(c) };
    }
    words
}

/// A column as a shuffle carries it: its kind's base, its values as words and, where the
/// kind has a mask (`?`), the mask as words.
struct WordCol<'k> {
    base: &'k str,
    values: Vec<i64>,
    valid: Option<Vec<i64>>,
}

impl<'k> WordCol<'k> {
    /// The next column of `kind` among the pushed arrays, this rank's rows of it.
    fn read(kind: &'k str, arrays: &mut impl Iterator<Item = *mut ArrayDesc>, shares: &[(i64, i64)]) -> RtResult<WordCol<'k>> {
        let (base, masked) = word_kind(kind).ok_or_else(|| bug(&format!("a `{kind}` column split over ranks")))?;
        let mut next = || arrays.next().ok_or_else(|| bug("too few operands"));
        let values = local_words(next()?, shares)?;
        let valid = if masked { Some(local_words(next()?, shares)?) } else { None };
        Ok(WordCol { base, values, valid })
    }

    /// The words of a result column of `kind` (checked to fit it, as a one-process
    /// result is when pushed).
    fn of(c: &OwnedColumn, kind: &'k str, what: &str) -> RtResult<WordCol<'k>> {
        column_fits(c, kind, what)?;
        let (base, masked) = word_kind(kind).ok_or_else(|| bug(&format!("a `{kind}` result split over ranks")))?;
        let values = match &c.values {
            OwnedValues::Bool(v) | OwnedValues::U8(v) => v.iter().map(|&x| x as i64).collect(),
            OwnedValues::I8(v) => v.iter().map(|&x| x as i64).collect(),
            OwnedValues::I16(v) => v.iter().map(|&x| x as i64).collect(),
            OwnedValues::I32(v) => v.iter().map(|&x| x as i64).collect(),
            OwnedValues::I64(v) | OwnedValues::DateTime { ticks: v, .. } => v.clone(),
            OwnedValues::U16(v) => v.iter().map(|&x| x as i64).collect(),
            OwnedValues::U32(v) => v.iter().map(|&x| x as i64).collect(),
            OwnedValues::U64(v) => v.iter().map(|&x| x as i64).collect(),
            OwnedValues::F32(v) => v.iter().map(|&x| x.to_bits() as i64).collect(),
            OwnedValues::F64(v) => v.iter().map(|&x| x.to_bits() as i64).collect(),
            _ => return Err(bug("a variable-width result split over ranks")),
        };
        let valid = masked.then(|| c.valid.as_ref().map_or_else(|| vec![1; values.len()], |v| v.iter().map(|&b| b as i64).collect()));
        Ok(WordCol { base, values, valid })
    }

    /// The column the words hold (rows `rows`, all where `None`).
    fn owned(&self) -> OwnedColumn {
        owned_column(self.base, &self.values, self.valid.as_deref())
    }

    /// The words of this column, pushed onto `out` (values, then the mask if any).
    fn into_words(self, out: &mut Vec<Vec<i64>>) {
        out.push(self.values);
        out.extend(self.valid);
    }

    /// The column's words taken back from `words` (as `into_words` put them).
    fn from_words(base: &'k str, masked: bool, words: &mut impl Iterator<Item = Vec<i64>>) -> RtResult<WordCol<'k>> {
        let mut next = || words.next().ok_or_else(|| bug("a record without its words"));
        let values = next()?;
        let valid = if masked { Some(next()?) } else { None };
        Ok(WordCol { base, values, valid })
    }
}

/// A kind's base and whether a mask follows, if a shuffle carries it.
fn word_kind(kind: &str) -> Option<(&str, bool)> {
    let (base, masked) = frame_spec::kind_base(kind);
    frame_spec::WORD_KINDS.contains(&base).then_some((base, masked))
}

/// The column of `base` values that words hold.
fn owned_column(base: &str, words: &[i64], valid: Option<&[i64]>) -> OwnedColumn {
    fn each<T>(words: &[i64], f: impl Fn(i64) -> T) -> Vec<T> {
        words.iter().map(|&w| f(w)).collect()
    }
    let values = match base {
        "bool" => OwnedValues::Bool(each(words, |w| w as u8)),
        "i8" => OwnedValues::I8(each(words, |w| w as i8)),
        "i16" => OwnedValues::I16(each(words, |w| w as i16)),
        "i32" => OwnedValues::I32(each(words, |w| w as i32)),
        "u8" => OwnedValues::U8(each(words, |w| w as u8)),
        "u16" => OwnedValues::U16(each(words, |w| w as u16)),
        "u32" => OwnedValues::U32(each(words, |w| w as u32)),
        "u64" => OwnedValues::U64(each(words, |w| w as u64)),
        "f32" => OwnedValues::F32(each(words, |w| f32::from_bits(w as u32))),
        "f64" => OwnedValues::F64(each(words, |w| f64::from_bits(w as u64))),
        "time" => OwnedValues::DateTime { ticks: words.to_vec(), unit: TimeUnit::Micro },
        _ => OwnedValues::I64(words.to_vec()),
    };
    OwnedColumn { values, valid: valid.map(|v| v.iter().map(|&b| b as u8).collect()) }
}

/// The rank a row's keys hash to (the same for equal keys on every rank and either side).
fn home<K: AsRef<[i64]>>(keys: &[K], i: usize, p: usize) -> u32 {
    let mut h: u64 = 0x9E37_79B9_7F4A_7C15;
    for k in keys {
        h = (h ^ k.as_ref()[i] as u64).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        h ^= h >> 31;
    }
    (h % p as u64) as u32
}

/// The owner of each global row (`shares`: every rank's rows, in order; a rank without
/// rows may be given any empty range).
fn owners(rows: impl Iterator<Item = i64>, shares: &[(i64, i64)]) -> Vec<u32> {
    let held: Vec<(i64, u32)> = shares.iter().enumerate().filter(|(_, s)| s.0 < s.1).map(|(q, s)| (s.1, q as u32)).collect();
    let last = held.last().map_or(0, |h| h.1);
    rows.map(|r| held.get(held.partition_point(|&(hi, _)| hi <= r)).map_or(last, |h| h.1)).collect()
}

/// The ranks of key tuples split into ranges, equal keys on one rank and ranks in key
/// order: splitters from an evenly spaced sample of every rank's keys (signed order).
fn by_ranges(keys: &[Vec<i64>]) -> RtResult<Vec<u32>> {
    let splitters = splitters(keys)?;
    Ok(ranks_of(keys, &splitters))
}

/// The ranks of key tuples by `splitters` (see [`splitters`]).
fn ranks_of(keys: &[Vec<i64>], splitters: &[Vec<i64>]) -> Vec<u32> {
    let n = keys.first().map_or(0, Vec::len);
    let mut tuple = vec![0i64; keys.len()];
    (0..n)
        .map(|i| {
            for (t, key) in tuple.iter_mut().zip(keys) {
                *t = key[i];
            }
            splitters.partition_point(|s| *s <= tuple) as u32
        })
        .collect()
}

/// Splitters of key tuples into as many ranges as ranks, from an evenly spaced sample of
/// every rank's keys (the same on every rank; signed order).
fn splitters(keys: &[Vec<i64>]) -> RtResult<Vec<Vec<i64>>> {
    let p = comm::size() as usize;
    let n = keys.first().map_or(0, Vec::len);
    let k = n.min(16 * p);
    let mut sample = Vec::with_capacity(8 * k * keys.len());
    for s in 0..k {
        for key in keys {
            sample.extend_from_slice(&key[s * n / k].to_ne_bytes());
        }
    }
    // Every rank's sample to every rank (sizes differ: an all-to-all, counts first).
    let parts = comm::alltoallv(vec![sample; p]);
    let width = keys.len().max(1);
    let mut all: Vec<Vec<i64>> = parts
        .iter()
        .flat_map(|part| part.chunks_exact(8 * width).map(|r| r.chunks_exact(8).map(|w| i64::from_ne_bytes(w.try_into().expect("8 bytes"))).collect()))
        .collect();
    all.sort();
    Ok(if all.is_empty() { Vec::new() } else { (1..p).map(|j| all[j * all.len() / p].clone()).collect() })
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

/// The pushed operands, all arrays.
fn arrays_of(held: &Held, what: &str) -> RtResult<Vec<*mut ArrayDesc>> {
    held.0
        .iter()
        .map(|o| match o {
            Operand::Pushed(a) => Ok(*a),
            _ => Err(bug(&format!("a {what} split over ranks takes arrays only"))),
        })
        .collect()
}

/// Every rank's share of the rows of operands `arrays` (of one length): the rows of the
/// first one split by rows where they lie (the others are read beside them, fetched where
/// split otherwise), else nearly equal blocks.
fn shares_of(arrays: &[*mut ArrayDesc]) -> RtResult<Vec<(i64, i64)>> {
    let mut first = None;
    for &a in arrays {
        let desc = unsafe { array::desc_ref(a) }?;
        first.get_or_insert(desc);
        if array::dist_of(desc).is_some() {
            return Ok(dist::row_shares(desc));
        }
    }
    Ok(dist::row_shares(first.ok_or_else(|| bug("an operation without operands"))?))
}

fn field(fields: &[String], i: usize) -> RtResult<&str> {
    fields.get(i).map(String::as_str).ok_or_else(|| bug("a spec with too few fields"))
}

fn count(fields: &[String], i: usize) -> RtResult<usize> {
    field(fields, i)?.parse().map_err(|_| bug("a bad count"))
}

/// `merge` split over the ranks: results, each rank's part, the left and right row numbers
/// of the merged rows (-1 where a left row has no match).
pub(super) fn merge(fields: &[String], held: &Held) -> RtResult<()> {
    let how = match field(fields, 1)? {
        "inner" => How::Inner,
        "left" => How::Left,
        "right" => How::Right,
        "outer" => How::Outer,
        other => return Err(bug(&format!("a `{other}` merge split over ranks"))),
    };
    // An outer merge is always sorted by key (pandas).
    let sort = field(fields, 2)? == "1" || how == How::Outer;
    let n = count(fields, 3)?;
    let arrays = arrays_of(held, "merge")?;
    if arrays.len() != 2 * n || n == 0 {
        return Err(bug("a merge split over ranks with the wrong operands"));
    }
    let p = comm::size() as usize;
    // Each side: its keys (borrowed where held as words), its rows' shares.
    let side = |cols: &[*mut ArrayDesc]| -> RtResult<(Vec<std::borrow::Cow<'_, [i64]>>, Vec<(i64, i64)>)> {
        let shares = shares_of(cols)?;
        // SAFETY: the operands stay live and unchanged during the call.
        let keys = cols.iter().map(|&c| unsafe { local_view(c, &shares) }).collect::<RtResult<Vec<_>>>()?;
        let (lo, hi) = shares[comm::rank() as usize];
        if keys.iter().any(|w| w.len() as i64 != hi - lo) {
            return Err(bug("merge keys of different lengths"));
        }
        Ok((keys, shares))
    };
    let (lkeys, lshares) = side(&arrays[..n])?;
    let (rkeys, rshares) = side(&arrays[n..])?;
    check(&arrays)?;
    let global = |a: *mut ArrayDesc| -> RtResult<usize> { Ok(array::shape(unsafe { array::desc_ref(a) }?).first().copied().unwrap_or(0) as usize) };
    let (nl, nr) = (global(arrays[0])?, global(arrays[n])?);
    let me = comm::rank() as usize;
    // A side as records: its keys, then its global row numbers.
    let words = |keys: Vec<std::borrow::Cow<'_, [i64]>>, shares: &[(i64, i64)]| -> Words {
        let mut w: Vec<Vec<i64>> = keys.into_iter().map(std::borrow::Cow::into_owned).collect();
        w.push((shares[me].0..shares[me].1).collect());
        Words(w)
    };
    fn keys(w: &Words, n: usize) -> Vec<Column<'_>> {
        w.0[..n].iter().map(|k| Column::new(Values::I64(k))).collect()
    }
    // The pairs' global row numbers (-1 where a row has no match), in place.
    let joined = |l: &Words, r: &Words| -> RtResult<(Vec<i64>, Vec<i64>)> {
        let (mut li, mut ri) = try_merge_indices(&keys(l, n), &keys(r, n), how, sort).map_err(|e| RtError::value(e.to_string()))?;
        for (w, i) in [(l, &mut li), (r, &mut ri)] {
            for x in i.iter_mut() {
                *x = if *x >= 0 { w.0[n][*x as usize] } else { -1 };
            }
        }
        Ok((li, ri))
    };
    let (l, r) = if !sort && how != How::Right && nr * p <= nl {
        // A broadcast join: the right side (at most a P-th of the left) to every rank,
        // each joining its own left rows, whose pairs are then where they belong.
        joined(&words(lkeys, &lshares), &words(rkeys, &rshares).to_everyone())?
    } else if sort {
        // Key ranges (splitters from both sides' keys): the pairs are in pandas' order
        // (by key) rank after rank where they are joined.
        let (left, right) = (words(lkeys, &lshares), words(rkeys, &rshares));
        let both: Vec<Vec<i64>> = (0..n).map(|k| left.0[k].iter().chain(&right.0[k]).copied().collect()).collect();
        let cut = splitters(&both)?;
        let (lhere, rhere) = (left.shuffle(&ranks_of(&left.0[..n], &cut)), right.shuffle(&ranks_of(&right.0[..n], &cut)));
        joined(&lhere, &rhere)?
    } else {
        // Hashed to ranks (the keys and each row's number, sent from where they lie);
        // then each pair to the owner of its left row (of its right row, for a right
        // merge), which orders its pairs by that row.
        let hashed = |keys: &[std::borrow::Cow<'_, [i64]>], shares: &[(i64, i64)]| -> Words {
            let rows = (shares[me].1 - shares[me].0) as usize;
            let dest: Vec<u32> = (0..rows).map(|i| home(keys, i, p)).collect();
            let cols: Vec<&[i64]> = keys.iter().map(|k| k.as_ref()).collect();
            shuffled(&cols, Some(shares[me].0), &dest)
        };
        let lhere = hashed(&lkeys, &lshares);
        let rhere = hashed(&rkeys, &rshares);
        let (l, r) = joined(&lhere, &rhere)?;
        drop((lhere, rhere));
        let (by, shares) = if how == How::Right { (&r, &rshares) } else { (&l, &lshares) };
        let dest = owners(by.iter().copied(), shares);
        let mut pairs = Words(vec![l, r]).shuffle(&dest);
        drop(dest);
        let (r, l) = (pairs.0.pop().expect("two columns"), pairs.0.pop().expect("two columns"));
        // Pairs of one row come from one rank, in pandas' order: a stable sort by that
        // row keeps it.
        if how == How::Right {
            let (r, l) = ordered_by(r, l, rshares[me])?;
            (l, r)
        } else {
            ordered_by(l, r, lshares[me])?
        }
    };
    push_split_result(array::from_vec(runtime_abi::DTYPE_I64, l)?);
    push_split_result(array::from_vec(runtime_abi::DTYPE_I64, r)?);
    Ok(())
}

/// The pairs `(by[i], other[i])` ordered by `by`, stably: a counting sort, every `by` a
/// row of `lo..hi`.
fn ordered_by(by: Vec<i64>, other: Vec<i64>, (lo, hi): (i64, i64)) -> RtResult<(Vec<i64>, Vec<i64>)> {
    let rows = (hi - lo).max(0) as usize;
    let mut at = vec![0usize; rows + 1];
    for &b in &by {
        let i = b.wrapping_sub(lo) as usize;
        if i >= rows {
            return Err(bug("a merged pair on the wrong rank"));
        }
        at[i + 1] += 1;
    }
    for i in 0..rows {
        at[i + 1] += at[i];
    }
    let (mut b_out, mut o_out) = (vec![0i64; by.len()], vec![0i64; by.len()]);
    for (&b, &o) in by.iter().zip(&other) {
        let slot = &mut at[(b - lo) as usize];
        b_out[*slot] = b;
        o_out[*slot] = o;
        *slot += 1;
    }
    Ok((b_out, o_out))
}

/// `sort` split over the ranks, a sample sort: each row goes to a rank by ranges of its
/// keys in sort order (then its row number, so equal keys may span ranks in row order),
/// and each rank sorts what it received (which arrived in row order) as one process would.
/// Result, each rank's part: the row numbers in sorted order.
pub(super) fn sort(fields: &[String], held: &Held) -> RtResult<()> {
    let n = count(fields, 1)?;
    let na_last = field(fields, 2)? == "1";
    let ascending: Vec<bool> = (0..n).map(|k| field(fields, 3 + k).map(|f| f == "1")).collect::<RtResult<_>>()?;
    let kinds = fields.get(3 + n..3 + 2 * n).ok_or_else(|| bug("a spec with too few fields"))?;
    let arrays = arrays_of(held, "sort")?;
    let shares = shares_of(&arrays)?;
    let mut it = arrays.iter().copied();
    let keys: Vec<WordCol> = kinds.iter().map(|k| WordCol::read(k, &mut it, &shares)).collect::<RtResult<_>>()?;
    let (lo, hi) = shares[comm::rank() as usize];
    if it.next().is_some() || keys.iter().any(|c| c.values.len() as i64 != hi - lo) {
        return Err(bug("a sort split over ranks with the wrong operands"));
    }
    check(&arrays)?;
    // Words in sort order per key (missing first or last, then the value), then the row.
    let mut order_words = Vec::with_capacity(2 * n + 1);
    for (k, &up) in keys.iter().zip(&ascending) {
        let col = k.owned();
        let c = col.as_column();
        let (flags, values): (Vec<i64>, Vec<i64>) = (0..c.len())
            .map(|i| {
                if c.is_missing(i) {
                    return (if na_last { 1 } else { -1 }, 0);
                }
                let v = sort_word(k.base, k.values[i]);
                (0, if up { v } else { !v })
            })
            .unzip();
        order_words.push(flags);
        order_words.push(values);
    }
    order_words.push((lo..hi).collect());
    let dest = by_ranges(&order_words)?;
    drop(order_words);
    let mut record = Vec::with_capacity(2 * n + 1);
    for k in keys {
        k.into_words(&mut record);
    }
    record.push((lo..hi).collect());
    let here = Words(record).shuffle(&dest);
    let mut words = here.0.into_iter();
    let mut cols = Vec::with_capacity(n);
    for kind in kinds {
        let (base, masked) = word_kind(kind).ok_or_else(|| bug("a sort key kind"))?;
        cols.push(WordCol::from_words(base, masked, &mut words)?.owned());
    }
    let rows = words.next().ok_or_else(|| bug("a record without its row"))?;
    let borrowed: Vec<Column> = cols.iter().map(OwnedColumn::as_column).collect();
    let order = crate::sort::sort_indices(&borrowed, &ascending, na_last);
    push_split_result(array::from_vec(runtime_abi::DTYPE_I64, order.iter().map(|&i| rows[i as usize]).collect::<Vec<i64>>())?);
    Ok(())
}

/// A present value's word (`word`, as a shuffle carries it) as an int64 whose signed
/// order is the values' order: floats by value (`-0.0` as `0.0`), unsigned 64-bit
/// integers shifted.
fn sort_word(base: &str, word: i64) -> i64 {
    let float = |x: f64| {
        let bits = (if x == 0.0 { 0.0 } else { x }).to_bits() as i64;
        if bits < 0 { bits ^ i64::MAX } else { bits }
    };
    match base {
        "f64" => float(f64::from_bits(word as u64)),
        "f32" => float(f32::from_bits(word as u32) as f64),
        "u64" => word ^ i64::MIN,
        _ => word,
    }
}

/// The stable order of rows by `by`.
fn sorted_by(by: &[i64]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..by.len()).collect();
    order.sort_by_key(|&i| by[i]);
    order
}

fn permute(v: &[i64], order: &[usize]) -> Vec<i64> {
    order.iter().map(|&i| v[i]).collect()
}

/// How an aggregation is computed from each rank's partial results: the partials (each
/// an aggregation of the rank's rows, carried as a column of the given base kind) and the
/// aggregation that combines each partial over the ranks. `None`: the rows must meet.
fn partial_form(agg: Agg, base: &str, masked: bool) -> Option<&'static [(Agg, &'static str, Agg)]> {
    let int = matches!(base, "bool" | "i8" | "i16" | "i32" | "i64" | "u8" | "u16" | "u32");
    if masked || !(int || base == "f64") {
        return None;
    }
    Some(match (agg, int) {
        (Agg::Sum, true) => &[(Agg::Sum, "i64", Agg::Sum)],
        (Agg::Sum, false) => &[(Agg::Sum, "f64", Agg::Sum)],
        (Agg::Count, _) => &[(Agg::Count, "i64", Agg::Sum)],
        (Agg::Size, _) => &[(Agg::Size, "i64", Agg::Sum)],
        (Agg::Min, _) => &[(Agg::Min, "", Agg::Min)],
        (Agg::Max, _) => &[(Agg::Max, "", Agg::Max)],
        (Agg::Mean, true) => &[(Agg::Sum, "i64", Agg::Sum), (Agg::Count, "i64", Agg::Sum)],
        (Agg::Mean, false) => &[(Agg::Sum, "f64", Agg::Sum), (Agg::Count, "i64", Agg::Sum)],
        _ => return None,
    })
}

fn agg_error(e: crate::group::AggError) -> RtError {
    RtError::type_error(e.0)
}

/// `groupby` split over the ranks: results, each rank's part, each key's labels per group
/// then each aggregation's values, in pandas' group order rank after rank.
pub(super) fn group(fields: &[String], held: &Held) -> RtResult<()> {
    let sort = field(fields, 1)? == "1";
    let dropna = field(fields, 2)? == "1";
    let nkeys = count(fields, 3)?;
    let key_kinds = fields.get(4..4 + nkeys).ok_or_else(|| bug("a spec with too few fields"))?;
    let mut aggs = Vec::new();
    for chunk in fields[4 + nkeys..].chunks(3) {
        let [name, kind, result] = chunk else { return Err(bug("an aggregation without its kinds")) };
        aggs.push((super::agg_of(name)?, kind.as_str(), result.as_str()));
    }
    let arrays = arrays_of(held, "groupby")?;
    let shares = shares_of(&arrays)?;
    let mut it = arrays.iter().copied();
    // A categorical key groups by its codes (in category order; -1 missing), its
    // categories, the same on every rank, kept whole for the result.
    let mut categories = Vec::new();
    let mut keys = Vec::with_capacity(nkeys);
    for k in key_kinds {
        if frame_spec::kind_base(k).0 == "cat" {
            let codes = it.next().ok_or_else(|| bug("too few operands"))?;
            let mut codes = local_words(codes, &shares)?;
            let cats: Vec<*mut ArrayDesc> = it.by_ref().take(2).collect();
            categories.push(Some(unsafe { dist::Whole::of(&cats) }?));
            if frame_spec::kind_base(k).1 {
                // A mask: its missing values as code -1.
                let valid = local_words(it.next().ok_or_else(|| bug("too few operands"))?, &shares)?;
                codes.iter_mut().zip(&valid).filter(|(_, &v)| v == 0).for_each(|(c, _)| *c = -1);
            }
            keys.push(WordCol { base: "i32", values: codes, valid: None });
        } else {
            keys.push(WordCol::read(k, &mut it, &shares)?);
            categories.push(None);
        }
    }
    let values: Vec<(Agg, WordCol)> = aggs.iter().map(|&(agg, k, _)| Ok((agg, WordCol::read(k, &mut it, &shares)?))).collect::<RtResult<_>>()?;
    if it.next().is_some() {
        return Err(bug("a groupby split over ranks with the wrong operands"));
    }
    check(&arrays)?;
    let results: Vec<&str> = aggs.iter().map(|a| frame_spec::kind_base(a.2).0).collect();
    let (columns, first_rows) = grouped(keys, values, &results, &shares, sort, dropna)?;
    let kinds: Vec<&str> = key_kinds.iter().map(|k| if frame_spec::kind_base(k).0 == "cat" { "i32" } else { k.as_str() }).chain(aggs.iter().map(|a| a.2)).collect();
    let what = |i: usize| if i < nkeys { "a group key".to_string() } else { format!("the {:?} of a group", aggs[i - nkeys].0) };
    // With `sort=True` the groups are in order rank after rank; else in order of their
    // first rows, on those rows' owners.
    let mut columns = if sort { columns } else { by_first_rows(columns, &kinds, first_rows, &shares, &what)? };
    if categories.iter().any(Option::is_some) {
        // Groups of a missing category (code -1) dropped (`dropna`: the plan splits a
        // groupby on categorical keys only with it).
        let codes = |c: &OwnedColumn| match &c.values {
            OwnedValues::I32(v) => Ok(v.clone()),
            _ => Err(bug("category codes that are not int32")),
        };
        let mut keep: Vec<i64> = Vec::new();
        let key_codes: Vec<Option<Vec<i32>>> = columns.iter().zip(&categories).map(|(c, cats)| cats.as_ref().map(|_| codes(c)).transpose()).collect::<RtResult<_>>()?;
        let rows = columns.first().map_or(0, OwnedColumn::len);
        for r in 0..rows {
            if key_codes.iter().flatten().all(|c| c[r] >= 0) {
                keep.push(r as i64);
            }
        }
        if keep.len() != rows {
            columns = columns.iter().map(|c| c.with_column(|col| take_column(&col, &keep))).collect();
        }
    }
    for (i, (c, kind)) in columns.into_iter().zip(key_kinds.iter().map(String::as_str).chain(aggs.iter().map(|a| a.2))).enumerate() {
        match categories.get(i).and_then(Option::as_ref) {
            Some(cats) => {
                let offsets = unsafe { array::desc_ref(cats.list()[0]) }?;
                let bytes = unsafe { array::desc_ref(cats.list()[1]) }?;
                let offsets = super::typed::<i64>(offsets, runtime_abi::DTYPE_I64, "category offsets")?;
                let bytes = super::packed_bytes(bytes)?;
                let OwnedValues::I32(codes) = c.values else { return Err(bug("category codes that are not int32")) };
                let categories = Box::new(OwnedColumn { values: OwnedValues::Str { offsets: offsets.to_vec(), bytes: bytes.to_vec() }, valid: None });
                let column = OwnedColumn { values: OwnedValues::Category { codes, categories }, valid: None };
                push_column_rows(column, kind, &what(i))?;
            }
            None => push_column_rows(c, kind, &what(i))?,
        }
    }
    Ok(())
}

/// `Series.value_counts()` split over the ranks: the counts of each distinct value (a
/// groupby of the values by themselves, sizes), then ordered as pandas orders them (by
/// count descending, equal counts by first appearance) by ranges of that order.
pub(super) fn value_counts(fields: &[String], held: &Held) -> RtResult<()> {
    let kind = field(fields, 1)?;
    let arrays = arrays_of(held, "value_counts")?;
    let shares = shares_of(&arrays)?;
    let mut it = arrays.iter().copied();
    let keys = vec![WordCol::read(kind, &mut it, &shares)?];
    let values = vec![(Agg::Size, WordCol::read(kind, &mut arrays.iter().copied(), &shares)?)];
    check(&arrays)?;
    let (columns, first_rows) = grouped(keys, values, &["i64"], &shares, false, true)?;
    let counts = match &columns[1].values {
        OwnedValues::I64(c) => c.clone(),
        _ => return Err(bug("counts that are not int64")),
    };
    let order = vec![counts.iter().map(|&c| !c).collect::<Vec<i64>>(), first_rows.clone()];
    let dest = by_ranges(&order)?;
    let mut out = Vec::new();
    WordCol::of(&columns[0], kind, "value_counts")?.into_words(&mut out);
    out.push(counts);
    out.push(first_rows);
    let mut here = Words(out).shuffle(&dest);
    let first_rows = here.0.pop().ok_or_else(|| bug("no first rows"))?;
    let counts = here.0.pop().ok_or_else(|| bug("no counts"))?;
    let mut order: Vec<usize> = (0..counts.len()).collect();
    order.sort_by_key(|&i| (std::cmp::Reverse(counts[i]), first_rows[i]));
    let (base, masked) = word_kind(kind).ok_or_else(|| bug("a value_counts kind"))?;
    let c = WordCol::from_words(base, masked, &mut here.0.into_iter())?;
    let valid = c.valid.map(|v| permute(&v, &order));
    push_column_split(owned_column(base, &permute(&c.values, &order), valid.as_deref()), kind, "value_counts")?;
    push_split_result(array::from_vec(runtime_abi::DTYPE_I64, permute(&counts, &order))?);
    Ok(())
}

/// `Series.unique()` split over the ranks: each distinct value (missing included once) at
/// its first appearance, in order of first appearance.
pub(super) fn unique(fields: &[String], held: &Held) -> RtResult<()> {
    let kind = field(fields, 1)?;
    let arrays = arrays_of(held, "unique")?;
    let shares = shares_of(&arrays)?;
    let keys = vec![WordCol::read(kind, &mut arrays.iter().copied(), &shares)?];
    check(&arrays)?;
    let (columns, first_rows) = grouped(keys, Vec::new(), &[], &shares, false, false)?;
    let columns = by_first_rows(columns, &[kind], first_rows, &shares, &|_| "unique".to_string())?;
    for c in columns {
        push_column_split(c, kind, "unique")?;
    }
    Ok(())
}

/// Groups split over the ranks: each group's rows (or, where every aggregation has a
/// partial form, each rank's partial results) go to one rank, by ranges of the keys with
/// `sort` (so the groups are in pandas' order rank after rank) or by hash, which groups
/// them as one process would. Returns the groups this rank holds, each key's labels then
/// each aggregation's values (`results`: their base kinds), and each group's first row.
fn grouped(
    keys: Vec<WordCol>,
    values: Vec<(Agg, WordCol)>,
    results: &[&str],
    shares: &[(i64, i64)],
    sort: bool,
    dropna: bool,
) -> RtResult<(Vec<OwnedColumn>, Vec<i64>)> {
    let (lo, hi) = shares[comm::rank() as usize];
    let nkeys = keys.len();
    if keys.iter().chain(values.iter().map(|v| &v.1)).any(|c| c.values.len() as i64 != hi - lo) {
        return Err(bug("a groupby split over ranks with operands of different lengths"));
    }
    if keys.iter().any(|k| k.valid.is_some()) {
        return Err(bug("a groupby split over ranks on keys with a mask"));
    }
    let p = comm::size() as usize;
    let key_bases: Vec<&str> = keys.iter().map(|k| k.base).collect();
    let forms: Option<Vec<_>> = values.iter().map(|(agg, v)| partial_form(*agg, v.base, v.valid.is_some())).collect();
    let value_bases: Vec<&str> = values.iter().map(|(_, v)| v.base).collect();
    let value_masks: Vec<bool> = values.iter().map(|(_, v)| v.valid.is_some()).collect();
    let aggs: Vec<Agg> = values.iter().map(|v| v.0).collect();

    // What each rank sends: keys, then payload words, then a global row number (a row's,
    // or a local group's first row).
    let mut record: Vec<Vec<i64>>;
    match &forms {
        Some(forms) => {
            let key_cols: Vec<OwnedColumn> = keys.iter().map(WordCol::owned).collect();
            let borrowed: Vec<Column> = key_cols.iter().map(OwnedColumn::as_column).collect();
            let groups = group_rows(&borrowed, false, dropna);
            record = keys.iter().map(|k| groups.first_row.iter().map(|&r| k.values[r as usize]).collect()).collect();
            for ((_, v), form) in values.iter().zip(forms) {
                let col = v.owned();
                for &(local, partial, _) in form.iter() {
                    let out = aggregate(&col.as_column(), &groups, local).map_err(agg_error)?;
                    let base = if partial.is_empty() { v.base } else { partial };
                    record.push(words_as(&out, base)?);
                }
            }
            record.push(groups.first_row.iter().map(|&r| lo + r).collect());
        }
        None => {
            record = keys.into_iter().map(|k| k.values).collect();
            for (_, v) in values {
                v.into_words(&mut record);
            }
            record.push((lo..hi).collect());
        }
    }
    let sent = Words(record);
    let dest = if sort {
        let order: Vec<Vec<i64>> = sent.0[..nkeys].iter().zip(&key_bases).map(|(k, b)| k.iter().map(|&w| order_word(b, w)).collect()).collect();
        by_ranges(&order)?
    } else {
        let hashed: Vec<Vec<i64>> = sent.0[..nkeys].iter().zip(&key_bases).map(|(k, b)| k.iter().map(|&w| hash_word(b, w)).collect()).collect();
        (0..sent.rows()).map(|i| home(&hashed, i, p)).collect()
    };
    let here = sent.shuffle(&dest);

    // Group what arrived, as one process would group those rows.
    let key_cols: Vec<OwnedColumn> = key_bases.iter().zip(&here.0).map(|(b, w)| owned_column(b, w, None)).collect();
    let borrowed: Vec<Column> = key_cols.iter().map(OwnedColumn::as_column).collect();
    let groups = group_rows(&borrowed, sort, dropna);
    let mut columns: Vec<OwnedColumn> = key_cols.iter().map(|k| take_column(&k.as_column(), &groups.first_row)).collect();
    let mut words = here.0[nkeys..].iter();
    let mut next = || words.next().ok_or_else(|| bug("a record without its words"));
    for (i, agg) in aggs.iter().enumerate() {
        let out = match &forms {
            Some(forms) => {
                let mut partials = Vec::new();
                for &(_, partial, combine) in forms[i].iter() {
                    let base = if partial.is_empty() { value_bases[i] } else { partial };
                    let col = owned_column(base, next()?, None);
                    partials.push(aggregate(&col.as_column(), &groups, combine).map_err(agg_error)?);
                }
                combined(*agg, partials, results[i])
            }
            None => {
                let v = next()?;
                let valid = if value_masks[i] { Some(next()?.as_slice()) } else { None };
                let col = owned_column(value_bases[i], v, valid);
                aggregate(&col.as_column(), &groups, *agg).map_err(agg_error)?
            }
        };
        columns.push(out);
    }
    let rows = next()?;
    let first_rows = groups.first_row.iter().map(|&g| rows[g as usize]).collect();
    Ok((columns, first_rows))
}

/// Result columns (of `kinds`) of groups moved to the owners of their first rows
/// (`first_rows`, global), each owner's in order of first row: pandas' order of first
/// appearance, rank after rank.
fn by_first_rows(columns: Vec<OwnedColumn>, kinds: &[&str], first_rows: Vec<i64>, shares: &[(i64, i64)], what: &dyn Fn(usize) -> String) -> RtResult<Vec<OwnedColumn>> {
    let mut out = Vec::new();
    for (i, (c, kind)) in columns.iter().zip(kinds).enumerate() {
        WordCol::of(c, kind, &what(i))?.into_words(&mut out);
    }
    let dest = owners(first_rows.iter().copied(), shares);
    out.push(first_rows);
    let mut arrived = Words(out).shuffle(&dest);
    let order = sorted_by(arrived.0.last().ok_or_else(|| bug("no first rows"))?);
    arrived.0.pop();
    let mut words = arrived.0.into_iter();
    let mut columns = Vec::new();
    for kind in kinds {
        let (base, masked) = word_kind(kind).ok_or_else(|| bug("a groupby result kind"))?;
        let c = WordCol::from_words(base, masked, &mut words)?;
        let valid = c.valid.map(|v| permute(&v, &order));
        columns.push(owned_column(base, &permute(&c.values, &order), valid.as_deref()));
    }
    Ok(columns)
}

/// A key's word with equal keys made equal words, for hashing: `-0.0` as `0.0`, every
/// NaN as one NaN.
fn hash_word(base: &str, word: i64) -> i64 {
    let float = |x: f64| if x.is_nan() { f64::NAN.to_bits() as i64 } else if x == 0.0 { 0 } else { x.to_bits() as i64 };
    match base {
        "f64" => float(f64::from_bits(word as u64)),
        "f32" => float(f32::from_bits(word as u32) as f64),
        _ => word,
    }
}

/// A key's word in pandas' group order (missing, NaN or NaT, last), for ranges.
fn order_word(base: &str, word: i64) -> i64 {
    let missing = match base {
        "f64" => f64::from_bits(word as u64).is_nan(),
        "f32" => f32::from_bits(word as u32).is_nan(),
        "time" => word == i64::MIN,
        _ => false,
    };
    if missing { i64::MAX } else { sort_word(base, word) }
}

/// A partial result's words as a column of `base` (an integer sum widened to int64).
fn words_as(c: &OwnedColumn, base: &str) -> RtResult<Vec<i64>> {
    let (target, _) = word_kind(base).ok_or_else(|| bug("a partial's kind"))?;
    let words = match (&c.values, target) {
        (OwnedValues::Bool(v), "i64") | (OwnedValues::U8(v), "i64") => v.iter().map(|&x| x as i64).collect(),
        (OwnedValues::I8(v), "i64") => v.iter().map(|&x| x as i64).collect(),
        (OwnedValues::I16(v), "i64") => v.iter().map(|&x| x as i64).collect(),
        (OwnedValues::I32(v), "i64") => v.iter().map(|&x| x as i64).collect(),
        (OwnedValues::U16(v), "i64") => v.iter().map(|&x| x as i64).collect(),
        (OwnedValues::U32(v), "i64") => v.iter().map(|&x| x as i64).collect(),
        (OwnedValues::U64(v), "i64") => v.iter().map(|&x| x as i64).collect(),
        _ => {
            let kind = super::kind_of(&c.values).ok_or_else(|| bug("a partial of another kind"))?;
            if kind != target {
                return Err(bug(&format!("a partial of kind {kind}, not {target}")));
            }
            WordCol::of(c, target, "a partial")?.values
        }
    };
    Ok(words)
}

/// An aggregation from its combined partials (see [`partial_form`]): a mean is the sum
/// over the count; an integer sum is narrowed to the result's base where every value
/// fits it (else it stays int64, which the push reports as one process would).
fn combined(agg: Agg, mut partials: Vec<OwnedColumn>, result: &str) -> OwnedColumn {
    if agg == Agg::Mean {
        let count = partials.pop().expect("a count");
        let sum = partials.pop().expect("a sum");
        let sums: Vec<f64> = match sum.values {
            OwnedValues::I64(v) => v.iter().map(|&x| x as f64).collect(),
            OwnedValues::F64(v) => v,
            _ => Vec::new(),
        };
        let OwnedValues::I64(counts) = count.values else { return OwnedColumn { values: OwnedValues::F64(Vec::new()), valid: None } };
        let means = sums.iter().zip(&counts).map(|(&s, &c)| if c > 0 { s / c as f64 } else { f64::NAN }).collect();
        return OwnedColumn { values: OwnedValues::F64(means), valid: None };
    }
    let out = partials.pop().expect("one partial");
    match (&out.values, agg) {
        (OwnedValues::I64(v), Agg::Sum) => {
            let fits = |lo: i64, hi: i64| v.iter().all(|&x| (lo..=hi).contains(&x));
            let values = match result {
                "i8" if fits(i8::MIN.into(), i8::MAX.into()) => OwnedValues::I8(v.iter().map(|&x| x as i8).collect()),
                "i16" if fits(i16::MIN.into(), i16::MAX.into()) => OwnedValues::I16(v.iter().map(|&x| x as i16).collect()),
                "i32" if fits(i32::MIN.into(), i32::MAX.into()) => OwnedValues::I32(v.iter().map(|&x| x as i32).collect()),
                "u8" if fits(0, u8::MAX.into()) => OwnedValues::U8(v.iter().map(|&x| x as u8).collect()),
                "u16" if fits(0, u16::MAX.into()) => OwnedValues::U16(v.iter().map(|&x| x as u16).collect()),
                "u32" if fits(0, u32::MAX.into()) => OwnedValues::U32(v.iter().map(|&x| x as u32).collect()),
                // One process widens an unsigned sum to uint64.
                "u8" | "u16" | "u32" => OwnedValues::U64(v.iter().map(|&x| x as u64).collect()),
                _ => return out,
            };
            OwnedColumn { values, valid: out.valid }
        }
        _ => out,
    }
}

/// `read_csv` split over the ranks: each rank parses the lines of its own byte range of
/// the file (rank 0's begins at the file's start, with the header; the others' at a line
/// start past the header, read with the schema's labels), where every rank can: no quote
/// or carriage return in any range (a line break is then a row break), no `usecols`, dates
/// with a given format, every range parsed without error, inferred dtypes confirmed and
/// categories of strings. Elsewhere every rank reads the whole file (pandas' errors, from
/// the whole file) and keeps its share of the rows. Columns are pushed split by rows,
/// except string columns, which every rank receives whole, and categories, which become
/// the sorted union of every rank's (the codes remapped).
pub(super) fn read_csv(fields: &[String], held: &Held) -> RtResult<()> {
    use crate::io::csv::{read_csv_bytes, CsvOptions};
    plan::check(PlannedComm::ReadSplit)?;
    let options = CsvOptions::decode(field(fields, 1)?).map_err(|e| bug(&e))?;
    let path = match held.0.first() {
        Some(Operand::Str(path)) => path.as_str(),
        _ => return Err(bug("read_csv without its path")),
    };
    let (schema, kinds) = super::schema_of(&fields[2..])?;
    let data = crate::io::file::FileBytes::open(std::path::Path::new(path)).map_err(|error| super::io_error(crate::io::IoError::File { path: path.to_string(), error }))?;
    let (p, me) = (comm::size() as usize, comm::rank() as usize);
    // This rank's part, if it can parse one.
    let part = (|| {
        let dated = schema.columns.iter().any(|(_, t)| matches!(t, crate::io::ColumnType::DateTime(_)));
        if options.usecols.is_some() || (dated && options.date_format.is_none()) {
            return None;
        }
        let (lo, hi) = byte_range(&data, &options, p, me);
        let bytes = &data[lo..hi];
        if bytes.iter().any(|&b| b == b'"' || b == b'\r') {
            return None;
        }
        if me > 0 && lo == hi {
            return Some(kinds.iter().map(|k| empty_column(k)).collect::<Vec<OwnedColumn>>());
        }
        let mut opts = options.clone();
        if me > 0 {
            opts.header = None;
            opts.skiprows = 0;
            opts.names = Some(schema.columns.iter().map(|(l, _)| l.clone()).collect());
        }
        let columns = read_csv_bytes(bytes, &opts, &schema).ok()?;
        // Kinds that another range could make another dtype: categories not of strings,
        // datetimes not in microseconds.
        let plain = columns.iter().all(|c| match &c.values {
            OwnedValues::Category { categories, .. } => categories.is_empty() || matches!(categories.values, OwnedValues::Str { .. }),
            OwnedValues::DateTime { unit, .. } => *unit == TimeUnit::Micro,
            _ => true,
        });
        plain.then_some(columns)
    })();
    let everyone = comm::allgather_u64(part.is_some() as u64);
    let chunked = everyone.iter().all(|&ok| ok == 1);
    let columns = match part {
        Some(columns) if chunked => columns,
        _ => {
            // The whole file on every rank, each keeping its share of the rows.
            let whole = crate::io::csv::read_csv(path, &options, &schema).map_err(super::io_error)?;
            let n = whole.first().map_or(0, OwnedColumn::len) as i64;
            let (lo, hi) = (n * me as i64 / p as i64, n * (me as i64 + 1) / p as i64);
            let rows: Vec<i64> = (lo..hi).collect();
            whole
                .into_iter()
                .zip(&kinds)
                .map(|(c, k)| if frame_spec::kind_base(k).0 == "str" { c } else { c.with_column(|col| take_column(&col, &rows)) })
                .collect()
        }
    };
    for ((c, kind), (label, _)) in columns.into_iter().zip(&kinds).zip(&schema.columns) {
        push_read_part(c, kind, &format!("column {label:?} of {path}"), !chunked, true)?;
    }
    Ok(())
}

/// Pushes a column of a file read split over ranks, this rank's rows of it: split by rows,
/// except a string column, which every rank holds whole (gathered here unless
/// `whole_strings`), and a categorical column's categories, united over the ranks and held
/// whole by every rank.
fn push_read_part(c: OwnedColumn, kind: &str, what: &str, whole_strings: bool, sorted: bool) -> RtResult<()> {
    let c = match frame_spec::kind_base(kind).0 {
        "str" if !whole_strings => gathered_strings(c)?,
        "cat" => united_categories(c, sorted)?,
        _ => c,
    };
    push_column_rows(c, kind, what)
}

/// `read_parquet` split over the ranks: each rank reads its block of the file's rows
/// (nearly equal blocks, of each row group the rows among them), pushed as
/// [`push_read_part`] pushes them; the index as one process reads it (a range's bounds
/// whole, index levels by rows).
pub(super) fn read_parquet(fields: &[String], held: &Held) -> RtResult<()> {
    plan::check(PlannedComm::ReadSplit)?;
    let path = match held.0.first() {
        Some(Operand::Str(path)) => path.as_str(),
        _ => return Err(bug("read_parquet without its path")),
    };
    let n = crate::io::parquet::row_count(path).map_err(super::io_error)?;
    let (p, me) = (comm::size() as i64, comm::rank() as i64);
    let read = crate::io::parquet::read_parquet_rows(path, Some((n * me / p, n * (me + 1) / p))).map_err(super::io_error)?;
    super::push_parquet(read, fields, path, &mut |c, kind, what| push_read_part(c, kind, what, false, false))
}

/// This rank's byte range of a CSV file read by `p` ranks: nearly equal ranges, each
/// starting at a line start, those after the first past the header (`skiprows` lines,
/// then the header's row number plus one lines that are not blank: at least the header).
fn byte_range(data: &[u8], options: &crate::io::csv::CsvOptions, p: usize, me: usize) -> (usize, usize) {
    let n = data.len();
    let next_line = |from: usize| data[from..].iter().position(|&b| b == b'\n').map_or(n, |i| from + i + 1);
    let mut header_end = 0;
    for _ in 0..options.skiprows {
        header_end = next_line(header_end);
    }
    let mut rows = options.header.map_or(0, |h| h + 1);
    while rows > 0 && header_end < n {
        let end = next_line(header_end);
        if data[header_end..end].iter().any(|&b| !b" \t\r\n".contains(&b)) {
            rows -= 1;
        }
        header_end = end;
    }
    let start = |r: usize| {
        if r == 0 {
            return 0;
        }
        if r == p {
            return n;
        }
        let at = (n * r / p).max(header_end);
        if at == 0 || at >= n || data[at - 1] == b'\n' { at.min(n) } else { next_line(at) }
    };
    (start(me), start(me + 1))
}

/// A column of no rows of `kind`.
fn empty_column(kind: &str) -> OwnedColumn {
    let empty_str = || OwnedValues::Str { offsets: vec![0], bytes: Vec::new() };
    let values = match frame_spec::kind_base(kind).0 {
        "str" => empty_str(),
        "cat" => OwnedValues::Category { codes: Vec::new(), categories: Box::new(OwnedColumn { values: empty_str(), valid: None }) },
        base => owned_column(base, &[], None).values,
    };
    OwnedColumn { values, valid: None }
}

/// Sends `bytes` to every rank; returns what every rank sent, in rank order.
fn to_everyone(bytes: Vec<u8>) -> Vec<Vec<u8>> {
    comm::alltoallv(vec![bytes; comm::size() as usize])
}

/// Strings as bytes: their count, each one's length, then their bytes.
fn pack_strings<'s>(strings: impl ExactSizeIterator<Item = &'s [u8]> + Clone) -> Vec<u8> {
    let mut out = (strings.len() as u64).to_ne_bytes().to_vec();
    for s in strings.clone() {
        out.extend_from_slice(&(s.len() as u64).to_ne_bytes());
    }
    for s in strings {
        out.extend_from_slice(s);
    }
    out
}

/// The strings [`pack_strings`] packed.
fn unpack_strings(bytes: &[u8]) -> RtResult<Vec<&[u8]>> {
    let word = |i: usize| -> RtResult<usize> {
        let w = bytes.get(8 * i..8 * i + 8).ok_or_else(|| bug("packed strings cut short"))?;
        Ok(u64::from_ne_bytes(w.try_into().expect("8 bytes")) as usize)
    };
    let n = word(0)?;
    let mut at = 8 * (n + 1);
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let len = word(i + 1)?;
        out.push(bytes.get(at..at + len).ok_or_else(|| bug("packed strings cut short"))?);
        at += len;
    }
    Ok(out)
}

/// A string column of this rank's rows made whole: every rank's rows, in rank order.
fn gathered_strings(c: OwnedColumn) -> RtResult<OwnedColumn> {
    let OwnedValues::Str { offsets, bytes } = &c.values else { return Err(bug("a string column of another kind")) };
    let strings = (0..offsets.len() - 1).map(|i| &bytes[offsets[i] as usize..offsets[i + 1] as usize]);
    let mut payload = pack_strings(strings);
    let valid = c.valid.clone().unwrap_or_else(|| vec![1; offsets.len() - 1]);
    payload.extend_from_slice(&valid);
    let parts = to_everyone(payload);
    let (mut offsets, mut bytes, mut valid) = (vec![0i64], Vec::new(), Vec::new());
    for part in &parts {
        let strings = unpack_strings(part)?;
        for s in &strings {
            bytes.extend_from_slice(s);
            offsets.push(bytes.len() as i64);
        }
        valid.extend_from_slice(&part[part.len() - strings.len()..]);
    }
    let valid = (c.valid.is_some() || valid.iter().any(|&v| v == 0)).then_some(valid);
    Ok(OwnedColumn { values: OwnedValues::Str { offsets, bytes }, valid })
}

/// A categorical column of this rank's rows with every rank's categories: their union,
/// sorted where `sorted` (as `read_csv` orders categories of strings), else in the order
/// of first appearance rank after rank (as a Parquet file's dictionaries unite), the
/// codes remapped. (Where every rank read the whole file, each holds every category
/// already; categories of numbers are left for the push to refuse.)
fn united_categories(c: OwnedColumn, sorted: bool) -> RtResult<OwnedColumn> {
    let OwnedValues::Category { codes, categories } = c.values else { return Err(bug("a categorical column of another kind")) };
    // No category at all (every value missing) has no dtype to show: as strings.
    let (offsets, bytes) = match &categories.values {
        OwnedValues::Str { offsets, bytes } => (offsets.as_slice(), bytes.as_slice()),
        _ if categories.is_empty() => (&[0i64][..], &[][..]),
        // Categories of numbers: refused as one process refuses them (by the push).
        _ => return Ok(OwnedColumn { values: OwnedValues::Category { codes, categories }, valid: c.valid }),
    };
    let mine: Vec<&[u8]> = (0..offsets.len() - 1).map(|i| &bytes[offsets[i] as usize..offsets[i + 1] as usize]).collect();
    let parts = to_everyone(pack_strings(mine.iter().copied()));
    let mut all: Vec<&[u8]> = Vec::new();
    for part in &parts {
        all.extend(unpack_strings(part)?);
    }
    if sorted {
        all.sort_unstable();
        all.dedup();
    } else {
        let mut seen = std::collections::HashSet::new();
        all.retain(|s| seen.insert(*s));
    }
    let position: std::collections::HashMap<&[u8], i32> = all.iter().enumerate().map(|(i, s)| (*s, i as i32)).collect();
    let new_code: Vec<i32> = mine.iter().map(|m| position.get(m).copied()).collect::<Option<_>>().ok_or_else(|| bug("a category missing from the union"))?;
    let codes = codes.iter().map(|&k| if k >= 0 { new_code[k as usize] } else { k }).collect();
    let (mut offsets, mut bytes) = (vec![0i64], Vec::new());
    for s in &all {
        bytes.extend_from_slice(s);
        offsets.push(bytes.len() as i64);
    }
    let categories = Box::new(OwnedColumn { values: OwnedValues::Str { offsets, bytes }, valid: None });
    Ok(OwnedColumn { values: OwnedValues::Category { codes, categories }, valid: c.valid })
}

/// The arrays of each pushed column: `kinds[k]`'s arrays in order ([`frame_spec::per_row`]).
fn columns_of<'a>(arrays: &'a [*mut ArrayDesc], kinds: &[&str]) -> RtResult<Vec<&'a [*mut ArrayDesc]>> {
    let mut out = Vec::new();
    let mut at = 0;
    for kind in kinds {
        let n = frame_spec::per_row(kind).len();
        out.push(arrays.get(at..at + n).ok_or_else(|| bug("too few operands"))?);
        at += n;
    }
    Ok(out)
}

/// A plain copy of this rank's rows (its share of `shares`) of a 1-D array: read where
/// they lie when every rank holds its share, else fetched (`dist::readable`). Every rank
/// calls it alike.
fn rows_copy(a: *mut ArrayDesc, shares: &[(i64, i64)]) -> RtResult<*mut ArrayDesc> {
    let (lo, hi) = shares[comm::rank() as usize];
    let copy = unsafe { dist::readable(array::desc_ref(a)?, Some(0), shares) }?;
    let from = copy.unwrap_or(a);
    let result = (|| {
        let f = unsafe { &*from };
        runtime_core::gpu::host_read(f)?;
        let item = array::elem_size(f.dtype)?;
        let stride = f.strides.first().copied().unwrap_or(1) as isize * item as isize;
        let out = array::alloc_array_uninit(f.dtype, &[hi - lo])?;
        for (k, i) in (lo..hi).enumerate() {
            // SAFETY: row `i` is held here (`readable`); `out` holds `hi - lo` elements.
            unsafe { std::ptr::copy_nonoverlapping(f.data.wrapping_offset(i as isize * stride), (*out).data.add(k * item), item) };
        }
        Ok(out)
    })();
    if let Some(c) = copy {
        unsafe { array::release(c) };
    }
    result
}

/// Rows `positions` (in range) of each 1-D array as words, asked of their owners where an
/// array is split (`dist::take_rows`: the positions, then the rows, counts first), read
/// where they lie otherwise.
fn rows_taken(arrays: &[*mut ArrayDesc], positions: &[i64]) -> RtResult<Vec<Vec<i64>>> {
    arrays
        .iter()
        .map(|&a| {
            let dtype = unsafe { array::desc_ref(a) }?.dtype;
            let item = array::elem_size(dtype)?;
            if item == 8 {
                // Words already (int64 as they are, float64 as their bits).
                let mut words: Vec<i64> = Vec::with_capacity(positions.len());
                // SAFETY: `words` has room for `positions.len()` elements of `a`'s dtype,
                // all written by `take_rows`.
                unsafe {
                    dist::take_rows(a, positions, words.as_mut_ptr() as *mut u8)?;
                    words.set_len(positions.len());
                }
                return Ok(words);
            }
            let mut bytes = vec![0u8; positions.len() * item];
            // SAFETY: `bytes` holds `positions.len()` elements of `a`'s dtype.
            unsafe { dist::take_rows(a, positions, bytes.as_mut_ptr()) }?;
            // SAFETY: each chunk is one element of `dtype`.
            Ok(bytes.chunks_exact(item).map(|b| unsafe { array::read_bits(b.as_ptr(), dtype) } as i64).collect())
        })
        .collect()
}

/// Operands of an operation done one row at a time (`dt_field`, `cat_codes`: the result's
/// row i comes from the operands' row i), this rank's rows of each per-row array and the
/// others whole, as the one-process operation reads them; its results are this rank's.
pub(super) fn rows_here(held: &Held, kinds: &[&str]) -> RtResult<Held> {
    let arrays = arrays_of(held, "row-wise operation")?;
    let shares = shares_of(&arrays)?;
    check(&arrays)?;
    let mut out = Vec::new();
    for (arrays, kind) in columns_of(&arrays, kinds)?.into_iter().zip(kinds) {
        for (&a, per_row) in arrays.iter().zip(frame_spec::per_row(kind)) {
            // SAFETY: a pushed operand, live while `held` is; the copy or reference made
            // here is released with the operands returned.
            let copy = if per_row { rows_copy(a, &shares)? } else { unsafe { dist::replicated(a) }? };
            out.push(Operand::Array(dist::Whole::owned(vec![copy])));
        }
    }
    Ok(Held(out))
}

/// `take` split over the ranks: the rows operand (int64 row numbers, -1 for a missing
/// value, or a bool mask of the column's rows) as this rank holds it, each row it names
/// asked of its owner ([`rows_taken`]), then taken as one process takes them. Result: this rank's rows of the column.
pub(super) fn take(fields: &[String], held: &Held) -> RtResult<()> {
    let (kind, result) = (field(fields, 1)?, field(fields, 2)?);
    let arrays = arrays_of(held, "take")?;
    let columns = columns_of(&arrays, &[kind])?;
    let column = columns[0];
    let rows_array = *arrays.get(column.len()).ok_or_else(|| bug("take without its rows"))?;
    if arrays.len() != column.len() + 1 {
        return Err(bug("take with the wrong operands"));
    }
    check(&arrays)?;
    let rows_desc = unsafe { array::desc_ref(rows_array) }?;
    let rows_shares = dist::row_shares(rows_desc);
    let mine = rows_shares[comm::rank() as usize];
    let local = local_words(rows_array, &rows_shares)?;
    let wanted: Vec<i64> = if rows_desc.dtype == runtime_abi::DTYPE_BOOL {
        local.iter().enumerate().filter(|&(_, &m)| m != 0).map(|(i, _)| mine.0 + i as i64).collect()
    } else {
        local
    };
    // The column's per-row arrays at the rows asked for (-1: none, read as 0).
    let per_row = frame_spec::per_row(kind);
    let sources: Vec<*mut ArrayDesc> = column.iter().zip(&per_row).filter(|(_, &r)| r).map(|(&a, _)| a).collect();
    let asked: Vec<i64> = wanted.iter().copied().filter(|&r| r >= 0).collect();
    let every = asked.len() == wanted.len();
    let got: Vec<Vec<i64>> = rows_taken(&sources, &asked)?
        .into_iter()
        .map(|col| {
            if every {
                return col;
            }
            let mut col = col.into_iter();
            wanted.iter().map(|&r| if r >= 0 { col.next().unwrap_or(0) } else { 0 }).collect()
        })
        .collect();
    // The column of the rows asked for, then taken as one process takes them.
    let (base, masked) = frame_spec::kind_base(kind);
    let mut got = got.into_iter();
    let values = got.next().ok_or_else(|| bug("no values taken"))?;
    let valid = if masked { got.next() } else { None };
    let taken_rows: Vec<i64> = wanted.iter().enumerate().map(|(i, &r)| if r >= 0 { i as i64 } else { -1 }).collect();
    let out = if base == "cat" {
        let categories = unsafe { dist::Whole::of(&column[1..3]) }?;
        let offsets = unsafe { array::desc_ref(categories.list()[0]) }?;
        let bytes = unsafe { array::desc_ref(categories.list()[1]) }?;
        let offsets = super::typed::<i64>(offsets, runtime_abi::DTYPE_I64, "category offsets")?;
        let bytes = super::packed_bytes(bytes)?;
        let cats = Column::new(Values::Str { offsets: &offsets, bytes });
        let codes: Vec<i32> = values.iter().map(|&w| w as i32).collect();
        let valid_bytes: Option<Vec<u8>> = valid.map(|v| v.iter().map(|&b| b as u8).collect());
        let col = Column { values: Values::Category { codes: &codes, categories: &cats }, valid: valid_bytes.as_deref(), na: false };
        take_column(&col, &taken_rows)
    } else if every {
        // Every row asked for is a row: the values taken are the column.
        owned_column(base, &values, valid.as_deref())
    } else {
        let col = owned_column(base, &values, valid.as_deref());
        take_column(&col.as_column(), &taken_rows)
    };
    push_column_rows(out, result, "a taken column")
}

/// Pushes a result column of this rank's rows: its arrays with one entry per row
/// ([`frame_spec::per_row`]) split by rows, the others (a string column's, a category's
/// categories, the same on every rank) whole.
fn push_column_rows(c: OwnedColumn, kind: &str, what: &str) -> RtResult<()> {
    let flags = frame_spec::per_row(kind);
    let mut i = 0;
    super::push_column_to(c, kind, what, &mut |a| {
        if flags.get(i).copied().unwrap_or(true) { push_split_result(a) } else { super::push_result(a) }
        i += 1;
    })
}

/// `concat` split over the ranks: the parts one after another, in nearly equal blocks of
/// rows (each rank asks the parts' owners for the rows of its block), joined as one
/// process joins them. Result: this rank's block of the column.
pub(super) fn concat(fields: &[String], held: &Held) -> RtResult<()> {
    let n = count(fields, 1)?;
    let result = field(fields, 2)?;
    let kinds: Vec<&str> = fields.get(3..3 + n).ok_or_else(|| bug("a spec with too few fields"))?.iter().map(String::as_str).collect();
    let arrays = arrays_of(held, "concat")?;
    let parts = columns_of(&arrays, &kinds)?;
    check(&arrays)?;
    let lengths: Vec<i64> = parts.iter().map(|part| Ok(array::shape(unsafe { array::desc_ref(part[0]) }?).first().copied().unwrap_or(0))).collect::<RtResult<_>>()?;
    let total: i64 = lengths.iter().sum();
    let (p, me) = (comm::size() as i64, comm::rank() as i64);
    let (lo, hi) = (total * me / p, total * (me + 1) / p);
    let mut pieces = Vec::with_capacity(n);
    let mut start = 0;
    for (part, (kind, &len)) in parts.iter().zip(kinds.iter().zip(&lengths)) {
        // The part's rows in this rank's block.
        let wanted: Vec<i64> = (lo.max(start)..hi.min(start + len)).map(|r| r - start).collect();
        start += len;
        let got = rows_taken(part, &wanted)?;
        let (base, masked) = frame_spec::kind_base(kind);
        let mut got = got.into_iter();
        let values = got.next().ok_or_else(|| bug("no values"))?;
        let valid = if masked { got.next() } else { None };
        pieces.push(owned_column(base, &values, valid.as_deref()));
    }
    let borrowed: Vec<Column> = pieces.iter().map(OwnedColumn::as_column).collect();
    let joined = crate::column::concat_columns(&borrowed).map_err(RtError::value)?;
    push_column_split(joined, result, "a concatenated column")
}

/// `dedup` split over the ranks: the groups of the key rows (by hash), each group's first
/// row sent to its owner, which orders them. Result, each rank's part: the first rows of
/// the distinct key rows, in row order.
pub(super) fn dedup(fields: &[String], held: &Held) -> RtResult<()> {
    let n = count(fields, 1)?;
    let kinds = fields.get(2..2 + n).ok_or_else(|| bug("a spec with too few fields"))?;
    let arrays = arrays_of(held, "drop_duplicates")?;
    let shares = shares_of(&arrays)?;
    let mut it = arrays.iter().copied();
    let keys: Vec<WordCol> = kinds.iter().map(|k| WordCol::read(k, &mut it, &shares)).collect::<RtResult<_>>()?;
    check(&arrays)?;
    let (_, first_rows) = grouped(keys, Vec::new(), &[], &shares, false, false)?;
    let dest = owners(first_rows.iter().copied(), &shares);
    let mut here = Words(vec![first_rows]).shuffle(&dest);
    let mut rows = here.0.pop().ok_or_else(|| bug("no first rows"))?;
    rows.sort_unstable();
    push_split_result(array::from_vec(runtime_abi::DTYPE_I64, rows)?);
    Ok(())
}

/// A frame written to a file split over the ranks (`to_csv`, `to_parquet`: spec fields
/// the operation, its options, then the frame as in `repr_frame`; operands the path, then
/// the frame's): `write` gets the path, this rank's rows as a frame (copies of the per-row
/// arrays' rows, the columns every rank holds whole cut to them) and, for a range index,
/// the whole index's start and length.
fn with_local_frame(fields: &[String], held: &Held, write: impl FnOnce(&str, &Frame, Option<(i64, usize)>) -> RtResult<()>) -> RtResult<()> {
    let what = field(fields, 0)?;
    let index_kind = field(fields, 2)?;
    let levels = if index_kind == "range" { Vec::new() } else { frame_spec::decode(index_kind).map_err(|e| bug(&format!("a bad index: {e}")))? };
    let mut kinds: Vec<&str> = levels.get(1..).unwrap_or_default().chunks(3).map(|l| l.get(2).map_or("", String::as_str)).collect();
    kinds.extend(fields[3..].chunks(2).map(|c| c.get(1).map_or("", String::as_str)));
    let mut items = held.0.iter();
    let Some(Operand::Str(path)) = items.next() else { return Err(bug(&format!("{what} without its path"))) };
    let range = if index_kind == "range" {
        match (items.next(), items.next()) {
            (Some(Operand::Int(start)), Some(Operand::Int(stop))) => Some((*start, *stop)),
            _ => return Err(bug("a range index without its bounds")),
        }
    } else {
        None
    };
    let arrays: Vec<*mut ArrayDesc> =
        items.map(|o| if let Operand::Pushed(a) = o { Ok(*a) } else { Err(bug(&format!("{what} split over ranks takes arrays"))) }).collect::<RtResult<_>>()?;
    let flags: Vec<bool> = kinds.iter().flat_map(|k| frame_spec::per_row(k)).collect();
    if flags.len() != arrays.len() {
        return Err(bug(&format!("{what} split over ranks with the wrong operands")));
    }
    let per_row: Vec<*mut ArrayDesc> = arrays.iter().zip(&flags).filter(|(_, &f)| f).map(|(&a, _)| a).collect();
    if per_row.is_empty() {
        return Err(bug(&format!("{what} split over ranks without a column split by rows")));
    }
    let shares = shares_of(&per_row)?;
    check(&arrays)?;
    let (lo, hi) = shares[comm::rank() as usize];
    // This rank's rows: copies of the per-row arrays' rows, the others whole.
    let mut local = vec![Operand::Str(path.clone())];
    if let Some((start, _)) = range {
        local.extend([Operand::Int(start + lo), Operand::Int(start + hi)]);
    }
    for (&a, &f) in arrays.iter().zip(&flags) {
        let copy = if f { rows_copy(a, &shares)? } else { unsafe { dist::replicated(a) }? };
        local.push(Operand::Array(dist::Whole::owned(vec![copy])));
    }
    let local = Held(local);
    let mut ops = local.cursor();
    ops.str()?;
    let (index, owned) = super::read_frame(&fields[2..], &mut ops)?;
    // Columns held whole (strings) cut to this rank's rows.
    let rows: Vec<i64> = (lo..hi).collect();
    let whole_cut = |c: Column<'_>| (c.len() != rows.len()).then(|| take_column(&c, &rows));
    let index = index.index();
    let level_cuts: Vec<Option<OwnedColumn>> = match &index {
        Index::Levels(levels) => levels.iter().map(|(_, c)| whole_cut(*c)).collect(),
        Index::Range { .. } => Vec::new(),
    };
    let column_cuts: Vec<Option<OwnedColumn>> = owned.iter().map(|(_, o)| whole_cut(o.column())).collect();
    let index = match index {
        Index::Levels(levels) => {
            Index::Levels(levels.into_iter().zip(&level_cuts).map(|((name, c), cut)| (name, cut.as_ref().map_or(c, OwnedColumn::as_column))).collect())
        }
        range => range,
    };
    let columns = owned.iter().zip(&column_cuts).map(|((name, o), cut)| (*name, cut.as_ref().map_or_else(|| o.column(), OwnedColumn::as_column))).collect();
    let frame = Frame { columns, index, len: rows.len() };
    write(path, &frame, range.map(|(start, stop)| (start, (stop - start).max(0) as usize)))
}

/// `to_csv` to a file, split over the ranks: each rank formats its own rows as one process
/// formats them (rank 0 with the header; a datetime column in the format all ranks' rows
/// need together), then the ranks write in rank order, rank 0 creating the file and the
/// others appending, so the file is the one-process file. Where the path is not a
/// regular file (a pipe, `/dev/stdout`), rank 0 writes every rank's text.
pub(super) fn to_csv(fields: &[String], held: &Held) -> RtResult<()> {
    use crate::io::csv;
    let options = csv::CsvWriteOptions::decode(field(fields, 1)?).map_err(|e| bug(&e))?;
    with_local_frame(fields, held, |path, frame, _| {
        let (p, me) = (comm::size() as usize, comm::rank() as usize);
        // The datetime formats of all ranks' rows together.
        let mine = csv::datetime_plans(frame);
        let words: Vec<u8> = mine.iter().flat_map(|plan| plan.map_or([0u8; 2], |(dates, digits)| [1 + dates as u8, digits as u8])).collect();
        let all = comm::allgather_bytes(&words);
        let plans: Vec<Option<csv::DatetimePlan>> = (0..mine.len())
            .map(|k| {
                all.chunks_exact(words.len().max(1)).map(|w| if w[2 * k] == 0 { None } else { Some((w[2 * k] == 2, w[2 * k + 1] as usize)) }).fold(None, csv::combine_datetime_plans)
            })
            .collect();
        let mut text = Vec::new();
        let options = csv::CsvWriteOptions { header: options.header && me == 0, ..options };
        csv::write_csv_planned(&mut text, frame, &options, Some(&plans)).map_err(|e| bug(&format!("formatting in memory failed: {e}")))?;
        write_in_rank_order(path, text, p, me)
    })
}

/// `to_parquet` split over the ranks: each rank encodes its own rows as a Parquet file in
/// memory (its row groups; the metadata of the whole frame), rank 0 receives them and
/// writes one file of every rank's row groups in rank order (copied, not re-encoded).
pub(super) fn to_parquet(fields: &[String], held: &Held) -> RtResult<()> {
    use crate::io::parquet;
    let options = parquet::ParquetWriteOptions::decode(field(fields, 1)?);
    with_local_frame(fields, held, |path, frame, range| {
        let encoded = parquet::encode_parquet(frame, &options, range).map_err(super::io_error);
        // Every rank learns whether every rank encoded its part.
        let failed = comm::allgather_u64(encoded.is_err() as u64);
        let encoded = match (encoded, failed.iter().position(|&f| f == 1)) {
            (Err(e), _) => return Err(e),
            (Ok(_), Some(q)) => return Err(RtError::new(runtime_core::errors::ErrorKind::Os, &format!("writing the file failed on rank {q}"))),
            (Ok(bytes), None) => bytes,
        };
        let mut sends = vec![Vec::new(); comm::size() as usize];
        sends[0] = encoded;
        let parts = comm::alltoallv(sends);
        super::rank0_writes(|| parquet::write_parts(std::path::Path::new(path), &parts).map_err(super::io_error))
    })
}

/// Writes each rank's `text` into the file at `path` in rank order: rank 0 creates (or
/// truncates) it, the others append. Where it is not a regular file, rank 0 writes all.
fn write_in_rank_order(path: &str, text: Vec<u8>, p: usize, me: usize) -> RtResult<()> {
    use std::io::Write;
    let os_error = |e: std::io::Error| super::io_error(crate::io::IoError::File { path: path.to_string(), error: e });
    let failed_on = |q: usize| RtError::new(runtime_core::errors::ErrorKind::Os, &format!("writing the file failed on rank {q}"));
    let created = if me == 0 {
        crate::io::check_parent_directory(std::path::Path::new(path)).map_err(super::io_error).and_then(|()| std::fs::File::create(path).map_err(os_error))
    } else {
        Err(failed_on(0))
    };
    let regular = created.as_ref().ok().and_then(|f| f.metadata().ok()).is_some_and(|m| m.is_file());
    let state = comm::broadcast_u64(0, if me == 0 && created.is_err() { 2 } else { regular as u64 });
    if state == 2 {
        return Err(created.err().unwrap_or_else(|| failed_on(0)));
    }
    if state == 0 {
        // Rank 0 receives every rank's text and writes it.
        let mut sends = vec![Vec::new(); p];
        sends[0] = text;
        let got = comm::alltoallv(sends);
        let result = match created {
            Ok(mut file) if me == 0 => got.iter().try_for_each(|t| file.write_all(t)).and_then(|()| file.flush()).map_err(os_error),
            _ => Ok(()),
        };
        let bad = comm::broadcast_u64(0, result.is_err() as u64);
        return if bad == 1 { Err(result.err().unwrap_or_else(|| failed_on(0))) } else { Ok(()) };
    }
    let mut created = created.ok();
    for q in 0..p {
        let result = if q == me {
            let file = match created.take() {
                Some(file) => Ok(file),
                None => std::fs::OpenOptions::new().append(true).open(path).map_err(os_error),
            };
            file.and_then(|mut f| f.write_all(&text).and_then(|()| f.flush()).map_err(os_error))
        } else {
            Ok(())
        };
        let bad = comm::broadcast_u64(q as i64, result.is_err() as u64);
        if bad == 1 {
            return Err(result.err().unwrap_or_else(|| failed_on(q)));
        }
    }
    Ok(())
}
