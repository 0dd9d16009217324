//! `sort_values` over several key columns: a stable order of row numbers.
//!
//! The sort is stable whatever the number of keys: rows with equal keys keep their order.
//! pandas' `sort_values` is stable with several `by` columns; with one it defaults to
//! NumPy's quicksort, whose order of equal keys is unspecified (it depends on the CPU's
//! vector instructions), so we match pandas' `kind="stable"` there. Keys order as in
//! [`crate::keys`]: numbers by value, strings by Unicode code point (Python's order),
//! categoricals by their categories' order (not by the strings), booleans `False` first.
//! Missing keys go last (or first, with `na_last == false`) whatever the direction, as
//! pandas' `na_position` does; `-0.0` and `0.0` are equal keys.

use crate::column::Column;
use crate::keys::column_codes;

/// Row numbers in sorted order: by `keys[0]`, then `keys[1]` among equals, and so on,
/// each ascending or not as `ascending` says (one flag per key).
pub fn sort_indices(keys: &[Column], ascending: &[bool], na_last: bool) -> Vec<i64> {
    assert_eq!(keys.len(), ascending.len(), "one direction per sort key");
    let Some(first) = keys.first() else {
        return Vec::new();
    };
    let rows = first.len();
    // Each column's sort key per row: its rank among the column's distinct values,
    // reversed for a descending key, with the missing key moved to its end.
    let mut ranks: Vec<(Vec<u32>, u64)> = Vec::with_capacity(keys.len());
    for (column, &up) in keys.iter().zip(ascending) {
        let codes = column_codes(column, None, true).unwrap_or_else(|error| panic!("{error}"));
        let values = codes.values;
        let key: Vec<u32> = codes
            .left
            .iter()
            .map(|&code| {
                if code == values {
                    if na_last {
                        values
                    } else {
                        0
                    }
                } else {
                    let rank = if up { code } else { values - 1 - code };
                    if na_last {
                        rank
                    } else {
                        rank + 1
                    }
                }
            })
            .collect();
        ranks.push((key, values as u64 + 1));
    }
    // One u64 per row when the columns' radices multiply within 64 bits; then sorting
    // (key, row) pairs, which are all distinct, is a stable sort by key.
    let radix_product = ranks.iter().try_fold(1u64, |product, &(_, radix)| product.checked_mul(radix));
    if radix_product.is_some() {
        let mut pairs: Vec<(u64, u32)> = (0..rows)
            .map(|row| (ranks.iter().fold(0u64, |acc, (key, radix)| acc * radix + key[row] as u64), row as u32))
            .collect();
        pairs.sort_unstable();
        return pairs.into_iter().map(|(_, row)| row as i64).collect();
    }
    let mut order: Vec<u32> = (0..rows as u32).collect();
    order.sort_by(|&a, &b| {
        ranks
            .iter()
            .map(|(key, _)| key[a as usize].cmp(&key[b as usize]))
            .find(|ordering| ordering.is_ne())
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    order.into_iter().map(|row| row as i64).collect()
}
