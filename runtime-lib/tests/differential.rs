//! Differential test of printing and formatting: `tests/differential.py`
//! generates random cases with CPython + NumPy's answers; this test computes
//! runtime-lib's answer to each and compares the text exactly.
//!
//! Each case is one line, `CASE<TAB>HEX` (HEX: UTF-8 of the expected text or
//! of `ERR Kind: message`), where CASE is one of
//! - `repr BITS` — `str()` of a float64 given as hex bits;
//! - `f32 BITS` — `str()` of a float32 given as hex bits;
//! - `fmt KIND BITS SPEC` — `format(value, spec)`, `SPEC` as hex UTF-8 (`-` when empty);
//! - `fmtstr TEXT SPEC` — `format(text, spec)`, both hex UTF-8;
//! - `arr DTYPE NDIM SHAPE... BITS...` — `str(array)` of C-ordered element bits.
//!
//! `$RUNTIME_LIB_DIFF_SEED` and `$RUNTIME_LIB_DIFF_CASES` pick another seed
//! and count; `$PYTHON` the interpreter (default `python3`).

use std::process::Command;

use runtime_lib::array;
use runtime_lib::errors::RtResult;
use runtime_lib::{arrayprint, format, strings};

fn unhex(text: &str) -> String {
    if text == "-" {
        return String::new();
    }
    let bytes: Vec<u8> = (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).expect("hex"))
        .collect();
    String::from_utf8(bytes).expect("utf-8")
}

fn answer(case: &str) -> RtResult<String> {
    let words: Vec<&str> = case.split_whitespace().collect();
    let bits = |word: &str| u64::from_str_radix(word, 16).expect("bits");
    match words[0] {
        "repr" => Ok(format::py_float_repr(f64::from_bits(bits(words[1])))),
        "f32" => Ok(format::np_float32_str(f32::from_bits(bits(words[1]) as u32))),
        "fmt" => {
            let kind: i64 = words[1].parse().expect("kind");
            unsafe { runtime_lib::format_value(kind, bits(words[2]), &unhex(words[3])) }
        }
        "fmtstr" => {
            let text = strings::into_raw(unhex(words[1]));
            unsafe { runtime_lib::format_value(runtime_abi::KIND_STR, text as usize as u64, &unhex(words[2])) }
        }
        "arr" => {
            let dtype: i64 = words[1].parse().expect("dtype");
            let ndim: usize = words[2].parse().expect("ndim");
            let shape: Vec<i64> = words[3..3 + ndim].iter().map(|w| w.parse().expect("extent")).collect();
            let desc = array::alloc_array(dtype, &shape)?;
            let item = array::elem_size(dtype)?;
            for (i, word) in words[3 + ndim..].iter().enumerate() {
                unsafe { array::write_bits((*desc).data.add(i * item), dtype, bits(word)) };
            }
            let text = unsafe { arrayprint::array_str(&*desc) };
            unsafe { array::release(desc) };
            Ok(text)
        }
        other => panic!("unknown case kind {other}"),
    }
}

#[test]
fn printing_and_formatting_match_numpy_on_random_cases() {
    let seed = std::env::var("RUNTIME_LIB_DIFF_SEED").unwrap_or_else(|_| "1".to_string());
    let cases = std::env::var("RUNTIME_LIB_DIFF_CASES").unwrap_or_else(|_| "4000".to_string());
    let python = std::env::var("PYTHON").unwrap_or_else(|_| "python3".to_string());
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/differential.py");
    let output = Command::new(&python)
        .args(["-W", "ignore", script, "--seed", &seed, "--cases", &cases])
        .output()
        .unwrap_or_else(|error| panic!("could not run {python} (CPython with NumPy is the oracle): {error}"));
    assert!(output.status.success(), "{script} failed: {}", String::from_utf8_lossy(&output.stderr));
    let text = String::from_utf8(output.stdout).expect("utf-8");
    let mut failures = Vec::new();
    let mut total = 0;
    for line in text.lines().filter(|line| !line.is_empty()) {
        total += 1;
        let (case, expected) = line.split_once('\t').expect("CASE<TAB>HEX");
        let expected = unhex(if expected.is_empty() { "-" } else { expected });
        let got = match answer(case) {
            Ok(text) => text,
            Err(error) => format!("ERR {}: {}", error.kind.python_name(), error.message),
        };
        if got != expected {
            failures.push(format!("{}\n  numpy: {expected:?}\n  ours:  {got:?}", &case[..case.len().min(200)]));
        }
    }
    assert!(total > 0, "no cases generated");
    assert!(failures.is_empty(), "{} of {total} cases differ:\n{}", failures.len(), failures[..failures.len().min(20)].join("\n"));
}
