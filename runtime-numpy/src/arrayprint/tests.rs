//! Tests of array printing against strings NumPy 2 printed (see
//! `tests/gen_print_cases.py`, which regenerates `cases.rs`).

use super::*;
use runtime_core::array::{alloc_array, elem_size, release, view, write_bits, IndexItem};
use runtime_abi::{DTYPE_BOOL, DTYPE_F32, DTYPE_F64, DTYPE_I32, DTYPE_I64};

#[path = "cases.rs"]
mod cases;

fn bits_of(dtype: i64, value: f64) -> u64 {
    match dtype {
        DTYPE_BOOL => (value != 0.0) as u64,
        DTYPE_I32 => value as i32 as i64 as u64,
        DTYPE_I64 => value as i64 as u64,
        DTYPE_F32 => (value as f32).to_bits() as u64,
        _ => value.to_bits(),
    }
}

fn make(dtype: i64, shape: &[i64], value: impl Fn(usize) -> f64) -> *mut ArrayDesc {
    let desc = alloc_array(dtype, shape).expect("allocation");
    let item = elem_size(dtype).expect("dtype");
    let size: i64 = shape.iter().product();
    for i in 0..size as usize {
        unsafe { write_bits((*desc).data.add(i * item), dtype, bits_of(dtype, value(i))) };
    }
    desc
}

fn printed(desc: *mut ArrayDesc) -> String {
    let text = unsafe { array_str(&*desc) };
    unsafe { release(desc) };
    text
}

fn check(dtype: i64, shape: &[i64], values: &[f64], expected: &str) {
    assert_eq!(printed(make(dtype, shape, |i| values[i])), expected);
}

fn check_formula(dtype: i64, shape: &[i64], value: impl Fn(usize) -> f64, expected: &str) {
    assert_eq!(printed(make(dtype, shape, value)), expected);
}

#[test]
fn zero_dimensional_arrays_print_as_scalars() {
    check(DTYPE_F64, &[], &[0.1], "0.1");
    check(DTYPE_F64, &[], &[1e16], "1e+16");
    check(DTYPE_F32, &[], &[1.0 / 3.0], "0.33333334");
    check(DTYPE_I64, &[], &[-7.0], "-7");
    check(DTYPE_BOOL, &[], &[1.0], "True");
}

#[test]
fn empty_arrays_print_as_brackets() {
    check(DTYPE_F64, &[0], &[], "[]");
    check(DTYPE_I64, &[2, 0], &[], "[]");
    check(DTYPE_BOOL, &[0, 3, 1], &[], "[]");
}

#[test]
fn views_print_their_own_elements() {
    // a = np.arange(10.0); str(a[::-3]) == '[9. 6. 3. 0.]'
    let base = make(DTYPE_F64, &[10], |i| i as f64);
    let reversed = unsafe {
        view(base, &[IndexItem::Slice { start: None, stop: None, step: Some(-3) }]).expect("view")
    };
    assert_eq!(printed(reversed), "[9. 6. 3. 0.]");
    // a = np.arange(12).reshape(3, 4); str(a[:, 1]) == '[1 5 9]'; str(a[1:, None, 2]) == '[[ 6]\n [10]]'
    let matrix = make(DTYPE_I64, &[3, 4], |i| i as f64);
    let column = unsafe {
        view(matrix, &[IndexItem::Slice { start: None, stop: None, step: None }, IndexItem::Integer(1)])
            .expect("view")
    };
    assert_eq!(printed(column), "[1 5 9]");
    let items = [
        IndexItem::Slice { start: Some(1), stop: None, step: None },
        IndexItem::NewAxis,
        IndexItem::Integer(2),
    ];
    let nested = unsafe { view(matrix, &items).expect("view") };
    assert_eq!(printed(nested), "[[ 6]\n [10]]");
    unsafe {
        release(base);
        release(matrix);
    }
}
