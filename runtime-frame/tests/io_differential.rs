//! Differential tests of the CSV reader and writer against real pandas: `io_cases.py` writes CSV files and records what pandas 3.1 reads from them and writes with `to_csv`; this test compares exactly.
//!
//! Read values must be equal exactly (floats bit for bit, missing masks, dtypes, category
//! order, datetime units), and errors must carry pandas' exception class and text. Written
//! text must be equal byte for byte. The test fails (it does not skip) when python3 or
//! pandas is missing.

mod io_common;

use io_common::{array, column, encode, run_generator, schema_of};
use runtime_frame::column::{Column, Frame, Index};
use runtime_frame::io::csv::{read_csv, to_csv_string, CsvOptions, CsvWriteOptions};
use runtime_frame::io::IoError;
use serde_json::Value;
use std::path::Path;

fn strings(value: &Value) -> Option<Vec<String>> {
    value
        .as_array()
        .map(|a| a.iter().map(|s| s.as_str().unwrap().to_string()).collect())
}

fn read_options(case: &Value) -> CsvOptions {
    let options = &case["options"];
    let mut result = CsvOptions::default();
    if let Some(sep) = options.get("sep") {
        result.sep = sep.as_str().unwrap().as_bytes()[0];
    }
    if let Some(header) = options.get("header") {
        result.header = header.as_u64().map(|h| h as usize);
    }
    result.names = options.get("names").and_then(strings);
    result.usecols = options.get("usecols").and_then(strings);
    result.skiprows = options.get("skiprows").and_then(Value::as_u64).unwrap_or(0) as usize;
    result.na_values = options
        .get("na_values")
        .and_then(strings)
        .unwrap_or_default();
    result.keep_default_na = options
        .get("keep_default_na")
        .and_then(Value::as_bool)
        .unwrap_or(true);
    result.date_format = options
        .get("date_format")
        .and_then(|f| f.as_str().map(str::to_string));
    result
}

fn exception_class(error: &IoError) -> &'static str {
    match error {
        IoError::Parser(_) => "ParserError",
        IoError::Overflow(_) => "OverflowError",
        IoError::Value(_) => "ValueError",
        _ => "other",
    }
}

fn check_read(case: &Value) -> Result<(), String> {
    let schema = schema_of(&case["schema"]);
    let result = read_csv(
        Path::new(case["path"].as_str().unwrap()),
        &read_options(case),
        &schema,
    );
    match (result, case.get("error")) {
        (Ok(columns), None) => {
            let ours: Vec<Value> = columns.iter().map(encode).collect();
            let theirs = array(&case["columns"]);
            for (index, (a, b)) in ours.iter().zip(theirs).enumerate() {
                if a != b {
                    return Err(format!("column {index}: ours {a}\n pandas {b}"));
                }
            }
            Ok(())
        }
        (Ok(_), Some(error)) => Err(format!("read, but pandas raised {error}")),
        (Err(error), None) => Err(format!("failed with {error:?}, but pandas read it")),
        (Err(error), Some(expected)) => {
            let class = exception_class(&error);
            let text = error.to_string();
            if class == expected["type"] && text == expected["message"] {
                Ok(())
            } else {
                Err(format!(
                    "{class}: {text:?}, pandas {}: {:?}",
                    expected["type"], expected["message"]
                ))
            }
        }
    }
}

fn check_write(case: &Value) -> Result<(), String> {
    let labels: Vec<&'static str> = array(&case["labels"])
        .iter()
        .map(|l| leak_str(l.as_str().unwrap()))
        .collect();
    let columns: Vec<Column> = array(&case["columns"]).iter().map(column).collect();
    let len = columns.first().map_or(0, Column::len);
    let index = &case["index"];
    let index = if index["kind"] == "range" {
        Index::Range {
            start: index["start"].as_i64().unwrap(),
            step: index["step"].as_i64().unwrap(),
            name: index["name"].as_str().map(leak_str),
        }
    } else {
        Index::Levels(
            array(&index["levels"])
                .iter()
                .map(|l| (l["name"].as_str().map(leak_str), column(&l["column"])))
                .collect(),
        )
    };
    let frame = Frame {
        columns: labels.into_iter().zip(columns).collect(),
        index,
        len,
    };
    let options = &case["options"];
    let mut write = CsvWriteOptions::default();
    if let Some(sep) = options.get("sep") {
        write.sep = sep.as_str().unwrap().as_bytes()[0];
    }
    write.index = options
        .get("index")
        .and_then(Value::as_bool)
        .unwrap_or(true);
    write.header = options
        .get("header")
        .and_then(Value::as_bool)
        .unwrap_or(true);
    if let Some(na_rep) = options.get("na_rep") {
        write.na_rep = na_rep.as_str().unwrap().to_string();
    }
    let ours = to_csv_string(&frame, &write);
    let theirs = case["text"].as_str().unwrap();
    if ours == theirs {
        return Ok(());
    }
    let (a, b): (Vec<&str>, Vec<&str>) = (ours.lines().collect(), theirs.lines().collect());
    let first = (0..a.len().max(b.len()))
        .find(|&i| a.get(i) != b.get(i))
        .unwrap_or(0);
    Err(format!(
        "line {first}: ours {:?}, pandas {:?}",
        a.get(first),
        b.get(first)
    ))
}

fn leak_str(text: &str) -> &'static str {
    Box::leak(text.to_string().into_boxed_str())
}

#[test]
fn csv_matches_pandas() {
    let out = run_generator("io_cases.py", "io_cases");
    let cases: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("cases.json")).unwrap()).unwrap();
    let mut failures = Vec::new();
    let reads = array(&cases["reads"]);
    let writes = array(&cases["writes"]);
    for case in reads {
        if let Err(message) = check_read(case) {
            failures.push(format!("read {:?}: {message}", case["name"]));
        }
    }
    for case in writes {
        if let Err(message) = check_write(case) {
            failures.push(format!("write {:?}: {message}", case["name"]));
        }
    }
    for failure in &failures {
        eprintln!("{failure}\n");
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases differ from pandas",
        failures.len(),
        reads.len() + writes.len()
    );
    println!(
        "{} read and {} write cases equal to pandas",
        reads.len(),
        writes.len()
    );
}
