//! Differential tests of the Parquet reader and writer against real pandas: files that pandas' `to_parquet` wrote must read as `pd.read_parquet` reads them, and files this crate writes must read back in pandas with the same values, dtypes and index.
//!
//! `io_parquet_cases.py generate` writes the files and pandas' view of each; the test
//! reads each file, compares, writes what it read to a file of its own, and has
//! `io_parquet_cases.py check` read those with pandas. Values compare exactly (floats bit
//! for bit), except the order of categories in written files (see `categories_as_values`).
//! The test fails (it does not skip) when python3, pandas or pyarrow is missing.

mod io_common;

use io_common::{array, encode, run_script};
use runtime_frame::io::parquet::{
    read_parquet, write_parquet, ParquetFrame, ParquetIndex, ParquetWriteOptions,
};
use serde_json::{json, Value};

/// A frame as the generator encodes one.
fn encode_frame(frame: &ParquetFrame) -> Value {
    let index = match &frame.index {
        ParquetIndex::Range {
            start,
            stop,
            step,
            name,
        } => {
            json!({"kind": "range", "start": start, "stop": stop, "step": step, "name": name})
        }
        ParquetIndex::Levels(levels) => json!({"kind": "levels", "levels": levels.iter()
            .map(|(name, column)| json!({"name": name, "column": encode(column)})).collect::<Vec<_>>()}),
    };
    json!({
        "labels": frame.schema.columns.iter().map(|(name, _)| name.clone()).collect::<Vec<_>>(),
        "dtypes": frame.schema.columns.iter().map(|(_, kind)| kind.pandas_name()).collect::<Vec<_>>(),
        "columns": frame.columns.iter().map(encode).collect::<Vec<_>>(),
        "index": index,
    })
}

/// A frame's categorical columns as their values row by row: arrow-rs re-encodes a
/// dictionary when it writes one (categories in order of first appearance, unused ones
/// dropped), so written files are compared by value for those columns.
fn categories_as_values(frame: &Value) -> Value {
    let mut frame = frame.clone();
    for column in frame["columns"].as_array_mut().unwrap() {
        if column["dtype"] == "category" {
            let categories = array(&column["categories"]["values"]).clone();
            let values: Vec<Value> = array(&column["codes"])
                .iter()
                .map(|code| {
                    code.as_i64()
                        .filter(|c| *c >= 0)
                        .map_or(Value::Null, |c| categories[c as usize].clone())
                })
                .collect();
            *column = json!({"dtype": "category", "values": values});
        }
    }
    frame
}

fn difference(ours: &Value, theirs: &Value) -> Option<String> {
    for key in ["labels", "dtypes", "index"] {
        if ours[key] != theirs[key] {
            return Some(format!(
                "{key}: ours {}\n pandas {}",
                ours[key], theirs[key]
            ));
        }
    }
    for (index, (a, b)) in array(&ours["columns"])
        .iter()
        .zip(array(&theirs["columns"]))
        .enumerate()
    {
        if a != b {
            return Some(format!("column {index}: ours {a}\n pandas {b}"));
        }
    }
    None
}

#[test]
fn parquet_matches_pandas() {
    let out = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("io_parquet_cases");
    let _ = std::fs::remove_dir_all(&out);
    let folder = out.to_str().unwrap();
    run_script("io_parquet_cases.py", &["generate", folder]);
    let cases: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("cases.json")).unwrap()).unwrap();
    let cases = array(&cases);
    let mut failures = Vec::new();
    let mut ours = Vec::new();
    for (number, case) in cases.iter().enumerate() {
        let name = &case["name"];
        let frame = match read_parquet(case["path"].as_str().unwrap()) {
            Ok(frame) => frame,
            Err(error) => {
                failures.push(format!("read {name}: {error}"));
                continue;
            }
        };
        if let Some(difference) = difference(&encode_frame(&frame), &case["expect"]) {
            failures.push(format!("read {name}: {difference}"));
        }
        let path = out.join(format!("ours_{number:02}.parquet"));
        match frame.with_frame(|view| write_parquet(&path, view, &ParquetWriteOptions::default())) {
            Ok(()) => ours.push((case, path.to_str().unwrap().to_string())),
            Err(error) => failures.push(format!("write {name}: {error}")),
        }
    }
    let paths: Vec<&String> = ours.iter().map(|(_, path)| path).collect();
    std::fs::write(
        out.join("ours.json"),
        serde_json::to_string(&paths).unwrap(),
    )
    .unwrap();
    run_script("io_parquet_cases.py", &["check", folder]);
    let read_back: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("ours_read.json")).unwrap())
            .unwrap();
    for ((case, _), theirs) in ours.iter().zip(array(&read_back)) {
        if let Some(difference) = difference(
            &categories_as_values(theirs),
            &categories_as_values(&case["expect"]),
        ) {
            failures.push(format!(
                "write {}: pandas reads back {difference}",
                case["name"]
            ));
        }
    }
    for failure in &failures {
        eprintln!("{failure}\n");
    }
    assert!(
        failures.is_empty(),
        "{} Parquet checks differ from pandas",
        failures.len()
    );
    println!(
        "{} Parquet files read as pandas reads them and written so that pandas reads the same",
        cases.len()
    );
}
