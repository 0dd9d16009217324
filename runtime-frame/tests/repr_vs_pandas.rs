//! Differential test of `runtime_frame::repr` against pandas itself: `repr_cases.py` builds
//! frames and series with pandas (hand-picked edge cases and seeded random ones) and writes
//! their raw data with pandas' repr text; each case is rebuilt here as columns, printed with
//! the Rust formatter and compared character for character.
//!
//! pandas (3.1, with NumPy) must be installed for `python3` (or the interpreter named by
//! the `PYTHON` environment variable): the test fails when it is not.

use std::path::PathBuf;
use std::process::Command;

use runtime_frame::column::{Column, Frame, Index, TimeUnit, Values};
use runtime_frame::repr::{dtypes_repr, frame_repr, series_repr, Options};
use serde_json::Value;

/// The Python interpreter that has pandas.
fn python() -> String {
    std::env::var("PYTHON").unwrap_or_else(|_| "python3".to_string())
}

/// Runs a Python program (a script path and arguments, or `-c` code) and returns its
/// standard output, failing the test with its standard error when it does not succeed.
fn run_python(args: &[&str], env: &[(&str, Option<&str>)]) -> String {
    let mut command = Command::new(python());
    command.args(args);
    for (key, value) in env {
        match value {
            Some(value) => command.env(key, value),
            None => command.env_remove(key),
        };
    }
    let output = command.output().unwrap_or_else(|error| {
        panic!(
            "cannot run {} (pandas is needed for this test): {error}",
            python()
        )
    });
    assert!(
        output.status.success(),
        "{} {:?} failed ({}); pandas 3.1 is needed for this test:\n{}",
        python(),
        args,
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("Python wrote UTF-8")
}

/// Moves a vector to the heap for the rest of the test, so columns can borrow it.
fn leak<T>(values: Vec<T>) -> &'static [T] {
    Box::leak(values.into_boxed_slice())
}

fn parse_float(text: &str) -> f64 {
    match text {
        "nan" => f64::NAN,
        "inf" => f64::INFINITY,
        "-inf" => f64::NEG_INFINITY,
        _ => text.parse().unwrap_or_else(|_| panic!("bad float {text}")),
    }
}

fn integers<T: TryFrom<i128>>(data: &[Value]) -> &'static [T] {
    leak(
        data.iter()
            .map(|v| {
                let wide = v
                    .as_i64()
                    .map(i128::from)
                    .or_else(|| v.as_u64().map(i128::from))
                    .expect("an integer");
                T::try_from(wide).unwrap_or_else(|_| panic!("integer {wide} out of range"))
            })
            .collect(),
    )
}

/// Builds a column from the generator's spec: `{dtype, data, valid, categories}`.
fn build_column(spec: &Value) -> Column<'static> {
    let dtype = spec["dtype"].as_str().expect("dtype");
    let data = spec["data"].as_array().expect("data");
    let valid = spec["valid"].as_array().map(|mask| {
        leak(
            mask.iter()
                .map(|v| v.as_u64().expect("mask bit") as u8)
                .collect(),
        )
    });
    let values = match dtype {
        "bool" => Values::Bool(integers::<u8>(data)),
        "int8" => Values::I8(integers(data)),
        "int16" => Values::I16(integers(data)),
        "int32" => Values::I32(integers(data)),
        "int64" => Values::I64(integers(data)),
        "uint8" => Values::U8(integers(data)),
        "uint16" => Values::U16(integers(data)),
        "uint32" => Values::U32(integers(data)),
        "uint64" => Values::U64(integers(data)),
        "float64" => Values::F64(leak(
            data.iter()
                .map(|v| parse_float(v.as_str().expect("float text")))
                .collect(),
        )),
        "float32" => Values::F32(leak(
            data.iter()
                .map(|v| parse_float(v.as_str().expect("float text")) as f32)
                .collect(),
        )),
        "str" => {
            let mut offsets = vec![0i64];
            let mut bytes = Vec::new();
            for value in data {
                bytes.extend_from_slice(value.as_str().expect("string").as_bytes());
                offsets.push(bytes.len() as i64);
            }
            Values::Str {
                offsets: leak(offsets),
                bytes: leak(bytes),
            }
        }
        "category" => Values::Category {
            codes: integers(data),
            categories: Box::leak(Box::new(build_column(&spec["categories"]))),
        },
        _ => {
            let unit = match dtype {
                "datetime64[s]" => TimeUnit::Second,
                "datetime64[ms]" => TimeUnit::Milli,
                "datetime64[us]" => TimeUnit::Micro,
                "datetime64[ns]" => TimeUnit::Nano,
                other => panic!("unknown dtype {other}"),
            };
            Values::DateTime {
                ticks: integers(data),
                unit,
            }
        }
    };
    Column { values, valid, na: false }
}

fn leak_str(value: &Value) -> Option<&'static str> {
    value
        .as_str()
        .map(|s| &*Box::leak(s.to_string().into_boxed_str()))
}

fn build_index(spec: &Value) -> Index<'static> {
    match spec["kind"].as_str().expect("index kind") {
        "range" => Index::Range {
            start: spec["start"].as_i64().expect("start"),
            step: spec["step"].as_i64().expect("step"),
            name: leak_str(&spec["name"]),
        },
        _ => Index::Levels(
            spec["levels"]
                .as_array()
                .expect("levels")
                .iter()
                .map(|level| (leak_str(&level["name"]), build_column(&level["col"])))
                .collect(),
        ),
    }
}

fn build_frame(spec: &Value) -> Frame<'static> {
    Frame {
        columns: spec["columns"]
            .as_array()
            .expect("columns")
            .iter()
            .map(|pair| (leak_str(&pair[0]).expect("label"), build_column(&pair[1])))
            .collect(),
        index: build_index(&spec["index"]),
        len: spec["len"].as_u64().expect("len") as usize,
    }
}

fn build_options(case: &Value) -> Options {
    let mut options = Options::from_columns_variable(case["env_columns"].as_str());
    let get = |key: &str| {
        case["options"][key]
            .as_u64()
            .unwrap_or_else(|| panic!("option {key}")) as usize
    };
    options.max_rows = get("max_rows");
    options.min_rows = get("min_rows");
    options.max_columns = get("max_columns");
    options.precision = get("precision");
    options.max_colwidth = get("max_colwidth");
    options.display_width = get("display_width");
    options
}

/// The Rust formatter's text for a case.
fn render(case: &Value) -> String {
    let options = build_options(case);
    match case["kind"].as_str().expect("kind") {
        "frame" => frame_repr(&build_frame(&case["frame"]), &options),
        "dtypes" => dtypes_repr(&build_frame(&case["frame"]), &options),
        _ => {
            let series = &case["series"];
            series_repr(
                leak_str(&series["name"]),
                &build_column(&series["col"]),
                &build_index(&series["index"]),
                &options,
            )
        }
    }
}

/// The expected and actual texts line by line, marking the lines that differ.
fn describe_difference(expected: &str, actual: &str) -> String {
    let expected_lines: Vec<&str> = expected.split('\n').collect();
    let actual_lines: Vec<&str> = actual.split('\n').collect();
    let mut text = String::new();
    for line in 0..expected_lines.len().max(actual_lines.len()) {
        let want = expected_lines.get(line).copied();
        let got = actual_lines.get(line).copied();
        if want == got {
            text.push_str(&format!("   |{}|\n", want.unwrap_or("")));
        } else {
            text.push_str(&format!(" - |{}|\n", want.unwrap_or("<none>")));
            text.push_str(&format!(" + |{}|\n", got.unwrap_or("<none>")));
        }
    }
    text
}

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn repr_matches_pandas() {
    let script = manifest_dir().join("tests").join("repr_cases.py");
    // REPR_CASES_COUNT and REPR_CASES_SEED widen the search when exploring; the defaults
    // are the committed test.
    let count = std::env::var("REPR_CASES_COUNT").unwrap_or_else(|_| "400".to_string());
    let seed = std::env::var("REPR_CASES_SEED").unwrap_or_else(|_| "20240605".to_string());
    let output = run_python(
        &[script.to_str().expect("a UTF-8 path"), &count, &seed],
        &[],
    );
    let cases: Vec<Value> = output
        .lines()
        .map(|line| serde_json::from_str(line).expect("a JSON case"))
        .collect();
    assert!(
        cases.len() > 500,
        "the generator wrote only {} cases",
        cases.len()
    );
    let mut failures = Vec::new();
    for case in &cases {
        let expected = case["expected"].as_str().expect("expected text");
        let actual = render(case);
        if actual != expected {
            failures.push(format!(
                "case {} ({}, COLUMNS={:?}, options {}):\n{}",
                case["id"],
                case["kind"],
                case["env_columns"],
                case["options"],
                describe_difference(expected, &actual)
            ));
        }
    }
    let shown: Vec<&String> = failures.iter().take(12).collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases differ from pandas (first {} shown; '-' pandas, '+' ours):\n\n{}",
        failures.len(),
        cases.len(),
        shown.len(),
        shown
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// Values of `COLUMNS` and the width `shutil.get_terminal_size` reads from each when the
/// output is not a terminal.
#[test]
fn terminal_width_matches_python() {
    let values = [
        "80", "40", "120", "1", "0", "-5", "abc", "", " 100 ", "+60", "1_20", "1__0", "_5", "12.5",
        "0x10", "007", "\t90\n",
    ];
    let code = "import json, os, shutil, sys\n\
                out = []\n\
                for v in json.loads(sys.argv[1]):\n\
                \x20   os.environ['COLUMNS'] = v\n\
                \x20   out.append(shutil.get_terminal_size().columns)\n\
                os.environ.pop('COLUMNS')\n\
                out.append(shutil.get_terminal_size().columns)\n\
                print(json.dumps(out))";
    let argument = serde_json::to_string(&values).expect("JSON");
    let output = run_python(&["-c", code, &argument], &[]);
    let widths: Vec<usize> = serde_json::from_str(output.trim()).expect("a list of widths");
    for (value, &width) in values.iter().zip(&widths) {
        assert_eq!(
            Options::from_columns_variable(Some(value)).width,
            width,
            "COLUMNS={value:?}"
        );
    }
    assert_eq!(
        Options::from_columns_variable(None).width,
        widths[values.len()],
        "COLUMNS unset"
    );
}

/// `Options::from_env` reads this process's `COLUMNS` as Python would with the same
/// environment.
#[test]
fn options_from_env_match_python() {
    let code = "import shutil, pandas as pd\n\
                print(shutil.get_terminal_size().columns, pd.get_option('display.max_rows'), \
                pd.get_option('display.min_rows'), pd.get_option('display.max_columns'), \
                pd.get_option('display.precision'), pd.get_option('display.max_colwidth'), \
                pd.get_option('display.width'))";
    let output = run_python(&["-c", code], &[]);
    let numbers: Vec<usize> = output
        .split_whitespace()
        .map(|n| n.parse().expect("a number"))
        .collect();
    let options = Options::from_env();
    assert_eq!(
        vec![
            options.width,
            options.max_rows,
            options.min_rows,
            options.max_columns,
            options.precision,
            options.max_colwidth,
            options.display_width
        ],
        numbers
    );
}
