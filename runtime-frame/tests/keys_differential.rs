//! Differential tests of the merge, groupby, sort and value-count kernels against real pandas: `keys_cases.py` computes each case with pandas and this test compares.
//!
//! The test fails (it does not skip) when python3 or pandas is missing. Integers,
//! strings, booleans, datetimes, row orders and the float results of min, max, first and
//! last must be equal exactly. Float sums, products, means, medians, variances and
//! standard deviations may differ by 1e-12 relative (1e-5 for `float32` columns): the
//! kernels run pandas' own loops (Kahan-compensated sums, Welford's variance, NumPy's
//! pairwise sums where pandas takes its `reduceat` shortcut) in the same order, and every
//! current case agrees to the last bit; the margin only allows for a compiler contracting
//! a multiply and an add differently from pandas' C build.

use runtime_frame::column::{Column, OwnedColumn, OwnedValues, TimeUnit, Values};
use runtime_frame::group::{aggregate, group_rows, nunique, unique, value_counts, Agg};
use runtime_frame::join::{try_merge_indices, How};
use runtime_frame::sort::sort_indices;
use serde_json::Value;
use std::path::PathBuf;
use std::process::Command;

/// Leaks a vector: test inputs live for the whole test process.
fn leak<T>(values: Vec<T>) -> &'static [T] {
    Box::leak(values.into_boxed_slice())
}

fn ints(value: &Value) -> Vec<i64> {
    value.as_array().expect("an array").iter().map(|v| v.as_i64().expect("an integer")).collect()
}

fn uints(value: &Value) -> Vec<u64> {
    value.as_array().expect("an array").iter().map(|v| v.as_u64().expect("an unsigned integer")).collect()
}

fn unit_of(dtype: &str) -> Option<TimeUnit> {
    Some(match dtype {
        "datetime64[s]" => TimeUnit::Second,
        "datetime64[ms]" => TimeUnit::Milli,
        "datetime64[us]" => TimeUnit::Micro,
        "datetime64[ns]" => TimeUnit::Nano,
        _ => return None,
    })
}

/// A column from the generator's JSON.
fn column(json: &Value) -> Column<'static> {
    let dtype = json["dtype"].as_str().expect("a dtype");
    let values = &json["values"];
    let valid = json.get("valid").map(|v| leak(ints(v).into_iter().map(|x| x as u8).collect()));
    let values = match dtype {
        "bool" | "boolean" => Values::Bool(leak(ints(values).into_iter().map(|x| x as u8).collect())),
        "int8" => Values::I8(leak(ints(values).into_iter().map(|x| x as i8).collect())),
        "int16" => Values::I16(leak(ints(values).into_iter().map(|x| x as i16).collect())),
        "int32" => Values::I32(leak(ints(values).into_iter().map(|x| x as i32).collect())),
        "int64" | "Int64" => Values::I64(leak(ints(values))),
        "uint8" => Values::U8(leak(ints(values).into_iter().map(|x| x as u8).collect())),
        "uint16" => Values::U16(leak(ints(values).into_iter().map(|x| x as u16).collect())),
        "uint32" => Values::U32(leak(ints(values).into_iter().map(|x| x as u32).collect())),
        "uint64" => Values::U64(leak(uints(values))),
        "float32" => Values::F32(leak(uints(values).into_iter().map(|b| f32::from_bits(b as u32)).collect())),
        "float64" | "Float64" => Values::F64(leak(uints(values).into_iter().map(f64::from_bits).collect())),
        "str" => {
            let mut offsets = vec![0i64];
            let mut bytes = Vec::new();
            let mut mask = Vec::new();
            for value in values.as_array().expect("strings") {
                if let Some(text) = value.as_str() {
                    bytes.extend_from_slice(text.as_bytes());
                    mask.push(1u8);
                } else {
                    mask.push(0u8);
                }
                offsets.push(bytes.len() as i64);
            }
            let valid = mask.contains(&0).then(|| leak(mask));
            return Column { values: Values::Str { offsets: leak(offsets), bytes: leak(bytes) }, valid, na: false };
        }
        "category" => {
            let categories: &'static Column<'static> = Box::leak(Box::new(column(&json["categories"])));
            let codes = leak(ints(&json["codes"]).into_iter().map(|x| x as i32).collect());
            Values::Category { codes, categories }
        }
        other => match unit_of(other) {
            Some(unit) => Values::DateTime { ticks: leak(ints(values)), unit },
            None => panic!("a dtype the test does not know: {other}"),
        },
    };
    Column { values, valid, na: false }
}

fn describe(column: &Column) -> String {
    let rows: Vec<String> = (0..column.len().min(40)).map(|row| cell(column, row)).collect();
    format!(
        "{:?}-ish [{}{}]",
        std::mem::discriminant(&column.values),
        rows.join(", "),
        if column.len() > 40 { ", ..." } else { "" }
    )
}

fn cell(column: &Column, row: usize) -> String {
    if column.is_missing(row) {
        return "NA".into();
    }
    match column.values {
        Values::Bool(v) | Values::U8(v) => v[row].to_string(),
        Values::I8(v) => v[row].to_string(),
        Values::I16(v) => v[row].to_string(),
        Values::I32(v) => v[row].to_string(),
        Values::I64(v) => v[row].to_string(),
        Values::U16(v) => v[row].to_string(),
        Values::U32(v) => v[row].to_string(),
        Values::U64(v) => v[row].to_string(),
        Values::F32(v) => format!("{:?}", v[row]),
        Values::F64(v) => format!("{:?}", v[row]),
        Values::Str { .. } => format!("{:?}", column.str_at(row).unwrap_or("<bad utf-8>")),
        Values::Category { codes, categories } => cell(categories, codes[row] as usize),
        Values::DateTime { ticks, .. } => ticks[row].to_string(),
    }
}

/// Runs the generator and returns its cases; panics (failing the test) without pandas.
fn cases() -> Vec<Value> {
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/keys_cases.py");
    let output = std::env::temp_dir().join(format!("runtime-frame-keys-cases-{}.json", std::process::id()));
    let status = Command::new("python3")
        .arg(&script)
        .arg(&output)
        .status()
        .expect("python3 must be installed to run the differential tests");
    assert!(status.success(), "{} failed (pandas 3.1, numpy and pyarrow must be installed)", script.display());
    let text = std::fs::read_to_string(&output).expect("the generator's output");
    let _ = std::fs::remove_file(&output);
    let json: Value = serde_json::from_str(&text).expect("the generator's JSON");
    let version = json["pandas"].as_str().unwrap_or("");
    assert!(version.starts_with("3."), "the cases need pandas 3.x, found {version}");
    json["cases"].as_array().expect("cases").clone()
}

fn how_of(name: &str) -> How {
    match name {
        "inner" => How::Inner,
        "left" => How::Left,
        "right" => How::Right,
        "outer" => How::Outer,
        other => panic!("a how the test does not know: {other}"),
    }
}

fn check_merge(case: &Value) -> Result<(), String> {
    let left: Vec<Column> = case["left"].as_array().unwrap().iter().map(column).collect();
    let right: Vec<Column> = case["right"].as_array().unwrap().iter().map(column).collect();
    let how = how_of(case["how"].as_str().unwrap());
    let sort = case["sort"].as_bool().unwrap();
    let ours = try_merge_indices(&left, &right, how, sort);
    let inputs = || {
        format!(
            "left keys: {}\nright keys: {}",
            left.iter().map(describe).collect::<Vec<_>>().join(" | "),
            right.iter().map(describe).collect::<Vec<_>>().join(" | ")
        )
    };
    match (ours, case.get("error")) {
        (Err(_), Some(_)) => Ok(()),
        (Ok(_), Some(error)) => Err(format!("pandas refused ({error}) but the kernel merged\n{}", inputs())),
        (Err(error), None) => Err(format!("the kernel refused ({error}) but pandas merged\n{}", inputs())),
        (Ok((left_rows, right_rows)), None) => {
            let (expected_left, expected_right) = (ints(&case["left_rows"]), ints(&case["right_rows"]));
            if left_rows == expected_left && right_rows == expected_right {
                Ok(())
            } else {
                Err(format!(
                    "{}\npandas pairs: {:?}\nkernel pairs: {:?}",
                    inputs(),
                    expected_left.iter().zip(&expected_right).take(60).collect::<Vec<_>>(),
                    left_rows.iter().zip(&right_rows).take(60).collect::<Vec<_>>()
                ))
            }
        }
    }
}

/// The pandas dtype name of a kernel result, given whether the input had a mask.
fn dtype_name(result: &OwnedColumn) -> String {
    let masked = result.valid.is_some();
    let base = match &result.values {
        OwnedValues::Bool(_) => return if masked { "boolean" } else { "bool" }.into(),
        OwnedValues::I8(_) => "int8",
        OwnedValues::I16(_) => "int16",
        OwnedValues::I32(_) => "int32",
        OwnedValues::I64(_) => "int64",
        OwnedValues::U8(_) => "uint8",
        OwnedValues::U16(_) => "uint16",
        OwnedValues::U32(_) => "uint32",
        OwnedValues::U64(_) => "uint64",
        OwnedValues::F32(_) => "float32",
        OwnedValues::F64(_) => "float64",
        OwnedValues::Str { .. } => return "str".into(),
        OwnedValues::DateTime { unit, .. } => return format!("datetime64[{}]", unit.suffix()),
        OwnedValues::Category { .. } => return "category".into(),
    };
    if masked {
        let mut name = base.to_string();
        name[..1].make_ascii_uppercase();
        name
    } else {
        base.into()
    }
}

fn close(expected: f64, actual: f64, tolerance: f64) -> bool {
    expected == actual || (expected - actual).abs() <= tolerance * expected.abs().max(actual.abs())
}

fn compare_columns(expected: &Column, actual: &Column, tolerance: f64) -> Result<(), String> {
    if expected.len() != actual.len() {
        return Err(format!("lengths differ: pandas {} kernel {}", expected.len(), actual.len()));
    }
    for row in 0..expected.len() {
        let (missing_expected, missing_actual) = (expected.is_missing(row), actual.is_missing(row));
        let equal = match (missing_expected, missing_actual) {
            (true, true) => true,
            (false, false) => match (expected.values, actual.values) {
                (Values::F64(e), Values::F64(a)) => close(e[row], a[row], tolerance),
                (Values::F32(e), Values::F32(a)) => {
                    close(e[row] as f64, a[row] as f64, if tolerance > 0.0 { 1e-5 } else { 0.0 })
                }
                _ => cell(expected, row) == cell(actual, row),
            },
            _ => false,
        };
        if !equal {
            return Err(format!(
                "group {row}: pandas {} kernel {}\npandas: {}\nkernel: {}",
                cell(expected, row),
                cell(actual, row),
                describe(expected),
                describe(actual)
            ));
        }
    }
    Ok(())
}

fn agg_of(name: &str) -> Agg {
    Agg::from_name(name).unwrap_or_else(|| panic!("an aggregation the test does not know: {name}"))
}

fn check_group(case: &Value, aggregations_checked: &mut usize) -> Result<(), String> {
    let keys: Vec<Column> = case["keys"].as_array().unwrap().iter().map(column).collect();
    let values: Vec<Column> = case["values"].as_array().unwrap().iter().map(column).collect();
    let groups = group_rows(&keys, case["sort"].as_bool().unwrap(), case["dropna"].as_bool().unwrap());
    let keys_text = || keys.iter().map(describe).collect::<Vec<_>>().join(" | ");
    let (expected_ids, expected_first) = (ints(&case["ids"]), ints(&case["first_row"]));
    if groups.ids != expected_ids || groups.first_row != expected_first || groups.count != expected_first.len() {
        return Err(format!(
            "keys: {}\npandas ids {:?}\nkernel ids {:?}\npandas first rows {:?}\nkernel first rows {:?}",
            keys_text(),
            &expected_ids[..expected_ids.len().min(60)],
            &groups.ids[..groups.ids.len().min(60)],
            expected_first,
            groups.first_row
        ));
    }
    for entry in case["aggregations"].as_array().unwrap() {
        let value_index = entry["value"].as_u64().unwrap() as usize;
        let agg_name = entry["agg"].as_str().unwrap();
        let agg = agg_of(agg_name);
        let input = &values[value_index];
        let ours = aggregate(input, &groups, agg);
        let context = || format!("{agg_name} of {}\nkeys: {}", describe(input), keys_text());
        *aggregations_checked += 1;
        match (ours, entry.get("error")) {
            (Err(_), Some(_)) => {}
            (Ok(_), Some(error)) => return Err(format!("pandas refused ({error}), the kernel did not: {}", context())),
            (Err(error), None) => return Err(format!("the kernel refused ({error}), pandas did not: {}", context())),
            (Ok(result), None) => {
                let expected = column(&entry["result"]);
                let expected_dtype = entry["result"]["dtype"].as_str().unwrap();
                let ours_dtype = dtype_name(&result);
                // A masked count/size/nunique is Int64 in pandas; ours is int64 without a mask.
                let dtype_ok = ours_dtype == expected_dtype
                    || (matches!(agg, Agg::Count | Agg::Size) && expected_dtype == "Int64" && ours_dtype == "int64");
                if !dtype_ok {
                    return Err(format!("dtype: pandas {expected_dtype} kernel {ours_dtype}: {}", context()));
                }
                let exact =
                    matches!(agg, Agg::Min | Agg::Max | Agg::First | Agg::Last | Agg::Count | Agg::Size | Agg::Nunique);
                let tolerance = if exact { 0.0 } else { 1e-12 };
                compare_columns(&expected, &result.as_column(), tolerance)
                    .map_err(|e| format!("{e}\n{}", context()))?;
            }
        }
    }
    Ok(())
}

fn check_sort(case: &Value) -> Result<(), String> {
    let keys: Vec<Column> = case["keys"].as_array().unwrap().iter().map(column).collect();
    let ascending: Vec<bool> = case["ascending"].as_array().unwrap().iter().map(|v| v.as_bool().unwrap()).collect();
    let order = sort_indices(&keys, &ascending, case["na_last"].as_bool().unwrap());
    let expected = ints(&case["order"]);
    if order == expected {
        Ok(())
    } else {
        Err(format!(
            "keys: {}\nascending {ascending:?}\npandas {:?}\nkernel {:?}",
            keys.iter().map(describe).collect::<Vec<_>>().join(" | "),
            &expected[..expected.len().min(60)],
            &order[..order.len().min(60)]
        ))
    }
}

fn check_series(case: &Value) -> Result<(), String> {
    let values = column(&case["values"]);
    let text = describe(&values);
    for (key, dropna) in [("value_counts_dropna", true), ("value_counts_keepna", false)] {
        let expected = &case[key];
        let ours = value_counts(&values, dropna);
        let (rows, counts) = (ints(&expected["first_row"]), ints(&expected["counts"]));
        let category_ok = expected
            .get("category")
            .is_none_or(|c| ints(c) == ours.category.iter().map(|&x| x as i64).collect::<Vec<_>>());
        if ours.first_row != rows || ours.counts != counts || !category_ok {
            return Err(format!(
                "{key} of {text}\npandas rows {rows:?} counts {counts:?} categories {:?}\nkernel rows {:?} counts {:?} categories {:?}",
                expected.get("category"),
                ours.first_row,
                ours.counts,
                ours.category
            ));
        }
    }
    for (key, dropna) in [("nunique_dropna", true), ("nunique_keepna", false)] {
        let expected = case[key].as_u64().unwrap() as usize;
        let ours = nunique(&values, dropna);
        if ours != expected {
            return Err(format!("{key} of {text}: pandas {expected} kernel {ours}"));
        }
    }
    let expected = ints(&case["unique"]);
    let ours = unique(&values);
    if ours != expected {
        return Err(format!("unique of {text}: pandas rows {expected:?} kernel rows {ours:?}"));
    }
    Ok(())
}

#[test]
fn kernels_match_pandas() {
    let cases = cases();
    let mut failures = Vec::new();
    let mut counts = std::collections::BTreeMap::new();
    let mut aggregations_checked = 0usize;
    for case in &cases {
        let kind = case["kind"].as_str().unwrap();
        *counts.entry(kind.to_string()).or_insert(0usize) += 1;
        let outcome = match kind {
            "merge" => check_merge(case),
            "group" => check_group(case, &mut aggregations_checked),
            "sort" => check_sort(case),
            "series" => check_series(case),
            other => panic!("a case kind the test does not know: {other}"),
        };
        if let Err(message) = outcome {
            let extra = match kind {
                "merge" => format!(" how={} sort={}", case["how"], case["sort"]),
                "group" => format!(" sort={} dropna={}", case["sort"], case["dropna"]),
                _ => String::new(),
            };
            failures.push(format!("--- {kind} case {:?}{extra}\n{message}", case["name"]));
        }
    }
    println!("cases checked: {counts:?}, groupby aggregations checked: {aggregations_checked}");
    if !failures.is_empty() {
        let shown: Vec<&String> = failures.iter().take(15).collect();
        panic!(
            "{} of {} cases differ from pandas:\n{}",
            failures.len(),
            cases.len(),
            shown.iter().map(|s| s.as_str()).collect::<Vec<_>>().join("\n")
        );
    }
}
