//! Tests of float repr and the format-spec mini-language against strings
//! CPython printed (see `tests/gen_print_cases.py`, which regenerates `cases.rs`).

use super::*;
use runtime_abi::DTYPE_I32;

#[path = "cases.rs"]
mod cases;

fn render(result: RtResult<String>) -> Result<String, String> {
    result.map_err(|error| format!("{}: {}", error.kind.python_name(), error.message))
}

fn expected(result: &Result<&str, &str>) -> Result<String, String> {
    result.map(str::to_string).map_err(str::to_string)
}

#[test]
fn float_repr_matches_python() {
    for &(value, text) in cases::FLOAT_REPRS {
        assert_eq!(py_float_repr(value), text, "repr({value:e})");
    }
}

#[test]
fn float32_str_matches_numpy() {
    for &(value, text) in cases::FLOAT32_STRS {
        assert_eq!(np_float32_str(value), text, "str(np.float32({value:e}))");
    }
}

#[test]
fn float_formats_match_python() {
    for (value, spec, result) in cases::FLOAT_FORMATS {
        assert_eq!(render(format_float(*value, spec)), expected(result), "format({value:e}, {spec:?})");
    }
}

#[test]
fn int_formats_match_python() {
    for (value, spec, result) in cases::INT_FORMATS {
        assert_eq!(render(format_int(*value, spec, "int")), expected(result), "format({value}, {spec:?})");
    }
}

#[test]
fn bool_formats_match_python() {
    for (value, spec, result) in cases::BOOL_FORMATS {
        let got = render(format_scalar(DTYPE_BOOL, *value as u64, spec));
        assert_eq!(got, expected(result), "format({value}, {spec:?})");
    }
}

#[test]
fn str_formats_match_python() {
    for (value, spec, result) in cases::STR_FORMATS {
        assert_eq!(render(format_str(value, spec)), expected(result), "format({value:?}, {spec:?})");
    }
}

#[test]
fn scalar_kinds_decode_their_bits() {
    assert_eq!(scalar_str(DTYPE_I32, (-5i32) as u32 as u64).ok().as_deref(), Some("-5"));
    assert_eq!(scalar_str(DTYPE_I32, (-5i64) as u64).ok().as_deref(), Some("-5"));
    assert_eq!(scalar_str(DTYPE_F32, 0.1f32.to_bits() as u64).ok().as_deref(), Some("0.1"));
    assert_eq!(scalar_str(DTYPE_BOOL, 1).ok().as_deref(), Some("True"));
    // Empty spec is str(): NumPy's shortest float32 digits.
    assert_eq!(format_scalar(DTYPE_F32, 0.1f32.to_bits() as u64, "").ok().as_deref(), Some("0.1"));
    // A non-empty spec formats the Python float of the float32 value.
    assert_eq!(format_scalar(DTYPE_F32, 0.1f32.to_bits() as u64, ">20").ok().as_deref(), Some(" 0.10000000149011612"));
}
