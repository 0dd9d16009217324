//! Helpers shared by the I/O differential tests: running a Python generator and the JSON encoding of columns.

#![allow(dead_code)]

use runtime_frame::column::{Column, OwnedColumn, OwnedValues, TimeUnit, Values};
use runtime_frame::io::{ColumnType, Schema};
use serde_json::{json, Value};
use std::path::PathBuf;
use std::process::Command;

/// Runs a generator script of this folder with python3 into a fresh folder.
pub fn run_generator(script: &str, folder: &str) -> PathBuf {
    let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(folder);
    let _ = std::fs::remove_dir_all(&out);
    run_script(script, &[out.to_str().expect("a UTF-8 path")]);
    out
}

/// Runs a Python script of this folder with arguments; panics when it fails.
pub fn run_script(script: &str, args: &[&str]) {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let status = Command::new("python3")
        .arg(manifest.join("tests").join(script))
        .args(args)
        .status()
        .expect("python3 must be installed to run the differential tests");
    assert!(
        status.success(),
        "{script} failed: pandas 3.1, numpy and pyarrow must be installed"
    );
}

pub fn leak<T>(values: Vec<T>) -> &'static [T] {
    Box::leak(values.into_boxed_slice())
}

pub fn unit_of(dtype: &str) -> Option<TimeUnit> {
    Some(match dtype {
        "datetime64[s]" => TimeUnit::Second,
        "datetime64[ms]" => TimeUnit::Milli,
        "datetime64[us]" => TimeUnit::Micro,
        "datetime64[ns]" => TimeUnit::Nano,
        _ => return None,
    })
}

pub fn array(value: &Value) -> &Vec<Value> {
    value.as_array().expect("an array")
}

/// A column from the generator's JSON, borrowed for the test's lifetime.
pub fn column(json: &Value) -> Column<'static> {
    let dtype = json["dtype"].as_str().expect("a dtype");
    if dtype == "category" {
        let categories: &'static Column<'static> = Box::leak(Box::new(column(&json["categories"])));
        let codes = leak(
            array(&json["codes"])
                .iter()
                .map(|c| c.as_i64().unwrap() as i32)
                .collect(),
        );
        return Column::new(Values::Category { codes, categories });
    }
    let values = array(&json["values"]);
    let valid: Vec<u8> = values.iter().map(|v| u8::from(!v.is_null())).collect();
    let valid = valid.contains(&0).then(|| leak(valid));
    let ints = || {
        values
            .iter()
            .map(|v| v.as_i64().unwrap_or(0))
            .collect::<Vec<i64>>()
    };
    let values = match dtype {
        "int64" => Values::I64(leak(ints())),
        "int32" => Values::I32(leak(ints().into_iter().map(|v| v as i32).collect())),
        "bool" => Values::Bool(leak(ints().into_iter().map(|v| v as u8).collect())),
        "float64" => Values::F64(leak(
            values
                .iter()
                .map(|v| v.as_u64().map_or(f64::NAN, f64::from_bits))
                .collect(),
        )),
        "float32" => Values::F32(leak(
            values
                .iter()
                .map(|v| v.as_u64().map_or(f32::NAN, |b| f32::from_bits(b as u32)))
                .collect(),
        )),
        "str" => {
            let mut offsets = vec![0i64];
            let mut bytes = Vec::new();
            for value in values {
                if let Some(text) = value.as_str() {
                    bytes.extend_from_slice(text.as_bytes());
                }
                offsets.push(bytes.len() as i64);
            }
            Values::Str {
                offsets: leak(offsets),
                bytes: leak(bytes),
            }
        }
        other => {
            let unit = unit_of(other).unwrap_or_else(|| panic!("unknown dtype {other}"));
            Values::DateTime {
                ticks: leak(
                    values
                        .iter()
                        .map(|v| v.as_i64().unwrap_or(i64::MIN))
                        .collect(),
                ),
                unit,
            }
        }
    };
    Column { values, valid, na: false }
}

/// An owned column in the generator's encoding.
pub fn encode(column: &OwnedColumn) -> Value {
    let missing = |i: usize| column.valid.as_ref().is_some_and(|v| v[i] == 0);
    match &column.values {
        OwnedValues::Category { codes, categories } => {
            json!({"dtype": "category", "codes": codes, "categories": encode(categories)})
        }
        OwnedValues::I64(v) => json!({"dtype": "int64", "values": v}),
        OwnedValues::I32(v) => json!({"dtype": "int32", "values": v}),
        OwnedValues::Bool(v) => json!({"dtype": "bool", "values": v}),
        OwnedValues::F64(v) => json!({"dtype": "float64", "values": v.iter().enumerate()
            .map(|(i, x)| if missing(i) || x.is_nan() { Value::Null } else { json!(x.to_bits()) }).collect::<Vec<_>>()}),
        OwnedValues::F32(v) => json!({"dtype": "float32", "values": v.iter().enumerate()
            .map(|(i, x)| if missing(i) || x.is_nan() { Value::Null } else { json!(x.to_bits()) }).collect::<Vec<_>>()}),
        OwnedValues::Str { offsets, bytes } => {
            json!({"dtype": "str", "values": (0..offsets.len() - 1)
            .map(|i| if missing(i) { Value::Null } else {
                json!(String::from_utf8_lossy(&bytes[offsets[i] as usize..offsets[i + 1] as usize]))
            }).collect::<Vec<_>>()})
        }
        OwnedValues::DateTime { ticks, unit } => {
            json!({"dtype": format!("datetime64[{}]", unit.suffix()), "values": ticks
            .iter().enumerate().map(|(i, t)| if missing(i) || *t == i64::MIN { Value::Null } else { json!(t) })
            .collect::<Vec<_>>()})
        }
        other => panic!("unexpected column {other:?}"),
    }
}

pub fn schema_of(json: &Value) -> Schema {
    Schema::new(array(json).iter().map(|pair| {
        let kind = match pair[1].as_str().unwrap() {
            "int64" => ColumnType::Int64,
            "int32" => ColumnType::Int32,
            "float64" => ColumnType::Float64,
            "float32" => ColumnType::Float32,
            "bool" => ColumnType::Bool,
            "str" => ColumnType::Str,
            "category" => ColumnType::Category,
            "datetime" => ColumnType::DateTime(TimeUnit::Micro),
            other => panic!("unknown type {other}"),
        };
        (pair[0].as_str().unwrap().to_string(), kind)
    }))
}
