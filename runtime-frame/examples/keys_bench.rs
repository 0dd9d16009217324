//! Times the merge and groupby kernels on one thread: a merge of 10^7 rows per side on shuffled unique int64 keys, and a groupby-sum of 10^7 rows over 10^3 keys.
//!
//! Run with `cargo run --release -p runtime-frame --example keys_bench [ROWS]`; pandas'
//! times on the same shapes come from `examples/keys_bench.py`.

use runtime_frame::column::{Column, Values};
use runtime_frame::group::{aggregate, group_rows, Agg};
use runtime_frame::join::{merge_indices, How};
use std::time::Instant;

/// A small deterministic generator (SplitMix64), so the example needs no crate.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

/// 0..n shuffled (Fisher–Yates).
fn shuffled(n: usize, random: &mut SplitMix) -> Vec<i64> {
    let mut values: Vec<i64> = (0..n as i64).collect();
    for index in (1..n).rev() {
        let other = (random.next() % (index as u64 + 1)) as usize;
        values.swap(index, other);
    }
    values
}

fn main() {
    let rows: usize = std::env::args().nth(1).and_then(|arg| arg.parse().ok()).unwrap_or(10_000_000);
    let mut random = SplitMix(42);
    let left_keys = shuffled(rows, &mut random);
    let right_keys = shuffled(rows, &mut random);
    let left = [Column::new(Values::I64(&left_keys))];
    let right = [Column::new(Values::I64(&right_keys))];
    for how in [How::Inner, How::Left, How::Outer] {
        let start = Instant::now();
        let (left_rows, right_rows) = merge_indices(&left, &right, how);
        let seconds = start.elapsed().as_secs_f64();
        assert_eq!(left_rows.len(), rows);
        assert_eq!(right_rows.len(), rows);
        println!("merge {how:?} {rows} x {rows} unique shuffled int64 keys: {seconds:.3} s");
    }

    let group_keys: Vec<i64> = (0..rows).map(|_| (random.next() % 1000) as i64).collect();
    let values: Vec<f64> = (0..rows).map(|_| (random.next() >> 11) as f64 / (1u64 << 53) as f64).collect();
    let start = Instant::now();
    let groups = group_rows(&[Column::new(Values::I64(&group_keys))], true, true);
    let grouped = start.elapsed().as_secs_f64();
    let sums = aggregate(&Column::new(Values::F64(&values)), &groups, Agg::Sum).expect("a float sum");
    let total = start.elapsed().as_secs_f64();
    assert_eq!(groups.count, 1000);
    assert_eq!(sums.len(), 1000);
    println!("groupby {rows} rows, 1000 int64 keys: group_rows {grouped:.3} s, + sum of float64 {total:.3} s");
}
