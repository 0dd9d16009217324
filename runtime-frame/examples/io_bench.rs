//! Times `read_csv` and `to_csv` on a 10^6-row, 5-column CSV file against pandas' `read_csv` of the same file (run in the same process by `examples/io_bench.py`).
//!
//! Run with `cargo run --release -p runtime-frame --example io_bench [ROWS]`; pandas' time
//! is the best of three runs, as is this crate's.

use runtime_frame::column::{Column, Frame, Index, Values};
use runtime_frame::io::csv::{read_csv, write_csv_file, CsvOptions, CsvWriteOptions};
use runtime_frame::io::{ColumnType, Schema};
use std::process::Command;
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

    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

fn main() {
    let rows: usize = std::env::args()
        .nth(1)
        .and_then(|arg| arg.parse().ok())
        .unwrap_or(1_000_000);
    let mut random = SplitMix(7);
    let ids: Vec<i64> = (0..rows)
        .map(|_| (random.next() % 2_000_000_000) as i64 - 1_000_000_000)
        .collect();
    let xs: Vec<f64> = (0..rows).map(|_| random.unit() * 1000.0 - 500.0).collect();
    let ys: Vec<f64> = (0..rows)
        .map(|_| (random.unit() * 1e6).round() / 100.0)
        .collect();
    let words = ["alpha", "beta", "gamma", "delta", "epsilon, quoted", "zeta"];
    let mut offsets = vec![0i64];
    let mut bytes = Vec::new();
    for _ in 0..rows {
        bytes.extend_from_slice(words[(random.next() % words.len() as u64) as usize].as_bytes());
        offsets.push(bytes.len() as i64);
    }
    let flags: Vec<u8> = (0..rows).map(|_| (random.next() % 2) as u8).collect();
    let frame = Frame {
        columns: vec![
            ("id", Column::new(Values::I64(&ids))),
            ("x", Column::new(Values::F64(&xs))),
            ("y", Column::new(Values::F64(&ys))),
            (
                "name",
                Column::new(Values::Str {
                    offsets: &offsets,
                    bytes: &bytes,
                }),
            ),
            ("flag", Column::new(Values::Bool(&flags))),
        ],
        index: Index::Range {
            start: 0,
            step: 1,
            name: None,
        },
        len: rows,
    };
    let path = std::env::temp_dir().join(format!("legatec_io_bench_{rows}.csv"));
    let options = CsvWriteOptions {
        index: false,
        ..CsvWriteOptions::default()
    };
    let start = Instant::now();
    write_csv_file(&path, &frame, &options).expect("writing the benchmark file");
    println!(
        "to_csv {rows} rows x 5 columns: {:.3} s",
        start.elapsed().as_secs_f64()
    );

    let schema = Schema::new([
        ("id", ColumnType::Int64),
        ("x", ColumnType::Float64),
        ("y", ColumnType::Float64),
        ("name", ColumnType::Str),
        ("flag", ColumnType::Bool),
    ]);
    let mut best = f64::INFINITY;
    for _ in 0..3 {
        let start = Instant::now();
        let columns =
            read_csv(&path, &CsvOptions::default(), &schema).expect("reading the benchmark file");
        best = best.min(start.elapsed().as_secs_f64());
        assert_eq!(columns[0].len(), rows);
    }
    println!("read_csv {rows} rows x 5 columns: {best:.3} s");

    // `IO_BENCH_SCRIPT` points at io_bench.py where the example runs away from its source.
    let script = std::env::var("IO_BENCH_SCRIPT").unwrap_or_else(|_| {
        concat!(env!("CARGO_MANIFEST_DIR"), "/examples/io_bench.py").to_string()
    });
    match Command::new("python3").arg(script).arg(&path).output() {
        Ok(output) if output.status.success() => {
            print!("{}", String::from_utf8_lossy(&output.stdout))
        }
        _ => println!("pandas read_csv: python3 with pandas is not available"),
    }
    let _ = std::fs::remove_file(&path);
}
