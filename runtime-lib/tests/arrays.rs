//! Arrays through the C entry points: allocation, refcounts, views by index
//! items, element access, and NumPy's error messages (from the internal API,
//! since raising exits the process).

use std::ffi::c_void;

use runtime_abi::{
    ArrayDesc, DTYPE_BOOL, DTYPE_F32, DTYPE_F64, DTYPE_I32, DTYPE_I64, INDEX_INTEGER, INDEX_NEWAXIS, INDEX_SLICE,
    SLICE_HAS_START, SLICE_HAS_STEP, SLICE_HAS_STOP,
};
use runtime_lib::array::{self, IndexItem};
use runtime_lib::errors::{ErrorKind, RtError};
use runtime_lib::*;

#[path = "data/slice_cases.rs"]
mod slice_cases;

fn new_array(dtype: i64, shape: &[i64]) -> *mut c_void {
    unsafe { lt_array_new(dtype, shape.len() as i64, shape.as_ptr() as *mut c_void) }
}

fn desc<'a>(a: *mut c_void) -> &'a ArrayDesc {
    unsafe { &*(a as *const ArrayDesc) }
}

fn fill_f64(a: *mut c_void, values: impl Fn(usize) -> f64) {
    let d = desc(a);
    let size = array::shape_size(array::shape(d)) as usize;
    for i in 0..size {
        unsafe { *(d.data as *mut f64).add(i) = values(i) };
    }
}

fn get(a: *mut c_void, index: &[i64]) -> u64 {
    unsafe { lt_array_get(a, index.len() as i64, index.as_ptr() as *mut c_void) }
}

fn set(a: *mut c_void, index: &[i64], bits: u64) {
    unsafe { lt_array_set(a, index.len() as i64, index.as_ptr() as *mut c_void, bits) }
}

fn view(a: *mut c_void, items: &[[i64; 4]]) -> *mut c_void {
    unsafe { lt_array_view(a, items.len() as i64, items.as_ptr() as *mut c_void) }
}

fn view_error(a: *mut c_void, items: &[IndexItem]) -> RtError {
    match unsafe { array::view(a as *mut ArrayDesc, items) } {
        Ok(_) => panic!("expected an error"),
        Err(error) => error,
    }
}

fn to_str(a: *mut c_void) -> String {
    unsafe { runtime_lib::arrayprint::array_str(desc(a)) }
}

const FULL: [i64; 4] = [INDEX_SLICE, 0, 0, 0];

#[test]
fn slices_normalise_like_python() {
    for &(length, start, stop, step, expected) in slice_cases::SLICES {
        let got = array::normalise_slice(length, start, stop, step).ok();
        assert_eq!(got, expected, "slice({start:?}, {stop:?}, {step:?}).indices({length})");
    }
    let error = array::normalise_slice(5, None, None, Some(0)).unwrap_err();
    assert_eq!((error.kind, error.message.as_str()), (ErrorKind::Value, "slice step cannot be zero"));
}

#[test]
fn new_arrays_are_contiguous_zeroed_and_aligned() {
    let a = new_array(DTYPE_F64, &[3, 4]);
    let d = desc(a);
    assert_eq!((d.refcount, d.ndim, d.shape[..2].to_vec(), d.strides[..2].to_vec()), (1, 2, vec![3, 4], vec![4, 1]));
    assert_eq!(d.data as usize % 64, 0);
    assert_eq!(unsafe { lt_array_size(a) }, 12);
    assert_eq!(unsafe { lt_array_dim(a, 1) }, 4);
    assert_eq!(unsafe { lt_array_dim(a, -2) }, 3);
    assert_eq!(f64::from_bits(get(a, &[2, 3])), 0.0);
    unsafe { lt_array_release(a) };

    let empty = new_array(DTYPE_I32, &[0, 5]);
    assert_eq!(unsafe { lt_array_size(empty) }, 0);
    assert_eq!(to_str(empty), "[]");
    unsafe { lt_array_release(empty) };

    let error = array::alloc_array(DTYPE_F64, &[2, -1]).unwrap_err();
    assert_eq!((error.kind, error.message.as_str()), (ErrorKind::Value, "negative dimensions are not allowed"));
}

#[test]
fn broadcast_allocation_and_errors() {
    let a = new_array(DTYPE_F64, &[3, 1]);
    let b = new_array(DTYPE_F64, &[4]);
    let list = [a, b];
    let c = unsafe { lt_array_new_broadcast(DTYPE_F64, 2, list.as_ptr() as *mut c_void, -1) };
    assert_eq!(array::shape(desc(c)), &[3, 4]);
    let reduced = unsafe { lt_array_new_reduced(DTYPE_F64, c, 0) };
    assert_eq!(array::shape(desc(reduced)), &[4]);
    let error = array::broadcast_shapes(&[&[3], &[4]]).unwrap_err();
    assert_eq!(error.message, "operands could not be broadcast together with shapes (3,) (4,) ");
    let error = array::broadcast_shapes(&[&[2, 3], &[3], &[4, 5]]).unwrap_err();
    assert_eq!(error.message, "operands could not be broadcast together with shapes (2,3) (4,5) ");
    assert_eq!(array::broadcast_shapes(&[&[5, 1, 3], &[4, 1], &[]]).unwrap(), vec![5, 4, 3]);
    for x in [a, b, c, reduced] {
        unsafe { lt_array_release(x) };
    }
}

/// The new array of a kernel that last reads an operand takes that operand over only when
/// nothing else can see its memory and it matches the new array exactly.
#[test]
fn broadcast_allocation_takes_over_a_dying_operand_only_when_alone() {
    let alloc = |list: &[*mut c_void], dtype: i64, reuse: i64| unsafe {
        lt_array_new_broadcast(dtype, list.len() as i64, list.as_ptr() as *mut c_void, reuse)
    };
    let a = new_array(DTYPE_F64, &[3, 4]);
    let row = new_array(DTYPE_F64, &[4]);
    // Sole reference, same dtype and shape: the operand itself, one reference more.
    let c = alloc(&[a, row], DTYPE_F64, 0);
    assert_eq!(c, a);
    assert_eq!(desc(a).refcount, 2);
    unsafe { lt_array_release(a) };
    // The other operand broadcasts: a fresh array.
    let d = alloc(&[c, row], DTYPE_F64, 1);
    assert!(d != c && d != row);
    // Another dtype: a fresh array.
    let e = alloc(&[c, row], DTYPE_F32, 0);
    assert!(e != c);
    // A second reference to the descriptor, or a view of its buffer: a fresh array.
    unsafe { lt_array_retain(c) };
    let f = alloc(&[c, row], DTYPE_F64, 0);
    assert!(f != c);
    unsafe { lt_array_release(c) };
    let v = view(c, &[[INDEX_SLICE, 0, 0, 0]]);
    let g = alloc(&[c, row], DTYPE_F64, 0);
    assert!(g != c);
    // A view is never taken over (it does not cover its buffer alone).
    let h = alloc(&[v, row], DTYPE_F64, 0);
    assert!(h != v);
    // No reuse asked: a fresh array.
    unsafe { lt_array_release(v) };
    let k = alloc(&[c, row], DTYPE_F64, -1);
    assert!(k != c);
    for x in [c, row, d, e, f, g, h, k] {
        unsafe { lt_array_release(x) };
    }
}

#[test]
fn element_access_wraps_and_reports_numpy_errors() {
    let a = new_array(DTYPE_I64, &[10]);
    set(a, &[-1], 99);
    set(a, &[0], (-5i64) as u64);
    assert_eq!(get(a, &[9]), 99);
    assert_eq!(get(a, &[-10]) as i64, -5);
    let error = array::element_ptr(desc(a), &[10]).unwrap_err();
    assert_eq!((error.kind, error.message.as_str()), (ErrorKind::Index, "index 10 is out of bounds for axis 0 with size 10"));
    let error = array::element_ptr(desc(a), &[-11]).unwrap_err();
    assert_eq!(error.message, "index -11 is out of bounds for axis 0 with size 10");
    let error = array::element_ptr(desc(a), &[1, 2]).unwrap_err();
    assert_eq!(error.message, "too many indices for array: array is 1-dimensional, but 2 were indexed");
    unsafe { lt_array_release(a) };

    // Bits of each dtype: bool 0/1, int32 sign-extended, float32 in the low half.
    let b = new_array(DTYPE_BOOL, &[2]);
    set(b, &[1], 1);
    assert_eq!((get(b, &[0]), get(b, &[1])), (0, 1));
    let i = new_array(DTYPE_I32, &[2, 2]);
    set(i, &[1, -1], (-3i64) as u64);
    assert_eq!(get(i, &[1, 1]) as i64, -3);
    let f = new_array(DTYPE_F32, &[1]);
    set(f, &[0], 0.1f32.to_bits() as u64);
    assert_eq!(f32::from_bits(get(f, &[0]) as u32), 0.1f32);
    let error = array::element_ptr(desc(i), &[0, 2]).unwrap_err();
    assert_eq!(error.message, "index 2 is out of bounds for axis 1 with size 2");
    for x in [b, i, f] {
        unsafe { lt_array_release(x) };
    }
}

#[test]
fn views_share_the_buffer_and_outlive_their_source() {
    let a = new_array(DTYPE_F64, &[3, 4]);
    fill_f64(a, |i| i as f64);
    // a[1:, ::-2]
    let v = view(a, &[[INDEX_SLICE | SLICE_HAS_START, 1, 0, 0], [INDEX_SLICE | SLICE_HAS_STEP, 0, 0, -2]]);
    assert_eq!(array::shape(desc(v)), &[2, 2]);
    assert_eq!(to_str(v), "[[ 7.  5.]\n [11.  9.]]");
    // Writes through the view are seen by the source.
    set(v, &[0, 0], 100.0f64.to_bits());
    assert_eq!(f64::from_bits(get(a, &[1, 3])), 100.0);
    // The view keeps the buffer alive.
    unsafe { lt_array_release(a) };
    assert_eq!(f64::from_bits(get(v, &[1, 1])), 9.0);
    unsafe { lt_array_release(v) };
}

#[test]
fn views_take_integers_newaxis_and_trailing_full_slices() {
    let a = new_array(DTYPE_F64, &[3, 4, 5]);
    fill_f64(a, |i| i as f64);
    // a[-1] has shape (4, 5) and starts at element 40.
    let last = view(a, &[[INDEX_INTEGER, -1, 0, 0]]);
    assert_eq!(array::shape(desc(last)), &[4, 5]);
    assert_eq!(f64::from_bits(get(last, &[0, 0])), 40.0);
    // a[None, 1, :, 2:4] has shape (1, 4, 2).
    let items = [
        [INDEX_NEWAXIS, 0, 0, 0],
        [INDEX_INTEGER, 1, 0, 0],
        FULL,
        [INDEX_SLICE | SLICE_HAS_START | SLICE_HAS_STOP, 2, 4, 0],
    ];
    let v = view(a, &items);
    assert_eq!(array::shape(desc(v)), &[1, 4, 2]);
    assert_eq!(array::strides(desc(v)), &[0, 5, 1]);
    assert_eq!(f64::from_bits(get(v, &[0, 3, 1])), 20.0 + 15.0 + 3.0);
    // Empty slices: a[5:] along axis 0.
    let empty = view(a, &[[INDEX_SLICE | SLICE_HAS_START, 5, 0, 0]]);
    assert_eq!(array::shape(desc(empty)), &[0, 4, 5]);
    assert_eq!(to_str(empty), "[]");

    let error = view_error(a, &[IndexItem::Integer(3)]);
    assert_eq!((error.kind, error.message.as_str()), (ErrorKind::Index, "index 3 is out of bounds for axis 0 with size 3"));
    let error = view_error(a, &[IndexItem::Integer(0), IndexItem::Integer(0), IndexItem::Integer(-6)]);
    assert_eq!(error.message, "index -6 is out of bounds for axis 2 with size 5");
    let four = [IndexItem::Integer(0), IndexItem::NewAxis, IndexItem::Integer(0), IndexItem::Integer(0), IndexItem::Integer(0)];
    let error = view_error(a, &four);
    assert_eq!(error.message, "too many indices for array: array is 3-dimensional, but 4 were indexed");
    let error = view_error(a, &[IndexItem::Slice { start: None, stop: None, step: Some(0) }]);
    assert_eq!((error.kind, error.message.as_str()), (ErrorKind::Value, "slice step cannot be zero"));
    for x in [a, last, v, empty] {
        unsafe { lt_array_release(x) };
    }
}

#[test]
fn zero_dimensional_views_and_retain() {
    let a = new_array(DTYPE_F64, &[4]);
    fill_f64(a, |i| i as f64 * 1.5);
    let scalar = view(a, &[[INDEX_INTEGER, 2, 0, 0]]);
    assert_eq!(desc(scalar).ndim, 0);
    assert_eq!(f64::from_bits(get(scalar, &[])), 3.0);
    assert_eq!(to_str(scalar), "3.0");
    unsafe { lt_array_retain(scalar) };
    assert_eq!(desc(scalar).refcount, 2);
    unsafe {
        lt_array_release(scalar);
        lt_array_release(scalar);
        lt_array_release(a);
        lt_array_release(std::ptr::null_mut());
        lt_array_retain(std::ptr::null_mut());
    }
}
