//! A line protocol over the runtime's printing and formatting, driven by
//! `tests/differential.py`, which compares every answer with CPython + NumPy.
//!
//! Each input line is one case; each output line is the hex of the UTF-8
//! result, or of `ERR Kind: message`:
//! - `repr BITS` — `str()` of a float64 given as hex bits;
//! - `f32 BITS` — `str()` of a float32 given as hex bits;
//! - `fmt KIND BITS SPEC` — `format(value, spec)`, `SPEC` as hex UTF-8 (`-` when empty);
//! - `fmtstr TEXT SPEC` — `format(text, spec)`, both hex UTF-8;
//! - `arr DTYPE NDIM SHAPE... BITS...` — `str(array)` of C-ordered element bits.

use std::ffi::c_void;
use std::io::BufRead;

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

fn hex(text: &str) -> String {
    text.bytes().map(|b| format!("{b:02x}")).collect()
}

fn answer(line: &str) -> RtResult<String> {
    let words: Vec<&str> = line.split_whitespace().collect();
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
            let result = unsafe { runtime_lib::format_value(runtime_abi::KIND_STR, text as usize as u64, &unhex(words[2])) };
            let _ = text as *mut c_void;
            result
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

fn main() {
    let stdin = std::io::stdin();
    for line in stdin.lock().lines() {
        let line = line.expect("stdin");
        if line.trim().is_empty() {
            continue;
        }
        let text = match answer(&line) {
            Ok(text) => text,
            Err(error) => format!("ERR {}: {}", error.kind.python_name(), error.message),
        };
        println!("{}", hex(&text));
    }
}
