//! `lt_launch` with hand-written kernels of the `KernelFn` signature: stores
//! with broadcasting, the overlap rule, reductions (sequential and parallel),
//! and NumPy's errors.

use std::ffi::c_void;

use runtime_abi::{
    ArrayDesc, DTYPE_F64, DTYPE_I64, INDEX_SLICE, MODE_REDUCE_ALL, MODE_REDUCE_AXIS, MODE_STORE, REDUCE_MAX,
    REDUCE_MIN, REDUCE_PROD, REDUCE_SUM, SLICE_HAS_START, SLICE_HAS_STOP,
};
use runtime_lib::array;
use runtime_lib::errors::RtError;
use runtime_lib::launch::{self, Launch};
use runtime_lib::*;

// --- Kernels, as codegen would emit them for one rank each. -----------------

/// Reads element `i` of slot `slot` in a rank-1 space.
unsafe fn at1(ptrs: *const *mut u8, strides: *const i64, slot: usize, i: i64) -> *mut f64 {
    unsafe { (*ptrs.add(slot) as *mut f64).offset((i * *strides.add(slot)) as isize) }
}

/// Element `(i, j)` of slot `slot` in a rank-2 space.
unsafe fn at2(ptrs: *const *mut u8, strides: *const i64, slot: usize, i: i64, j: i64) -> *mut f64 {
    unsafe {
        let offset = i * *strides.add(slot * 2) + j * *strides.add(slot * 2 + 1);
        (*ptrs.add(slot) as *mut f64).offset(offset as isize)
    }
}

/// `dst = in0 + in1` (rank 1).
unsafe extern "C" fn add_1d(_: *const i64, p: *const *mut u8, s: *const i64, _: *const u64, b: i64, e: i64, _: *mut u64) {
    for i in b..e {
        unsafe { *at1(p, s, 0, i) = *at1(p, s, 1, i) + *at1(p, s, 2, i) };
    }
}

/// `dst = in0 + in1` (rank 2).
unsafe extern "C" fn add_2d(shape: *const i64, p: *const *mut u8, s: *const i64, _: *const u64, b: i64, e: i64, _: *mut u64) {
    for i in b..e {
        for j in 0..unsafe { *shape.add(1) } {
            unsafe { *at2(p, s, 0, i, j) = *at2(p, s, 1, i, j) + *at2(p, s, 2, i, j) };
        }
    }
}

/// `dst = in0 * scalars[0]` (rank 1).
unsafe extern "C" fn scale_1d(_: *const i64, p: *const *mut u8, s: *const i64, k: *const u64, b: i64, e: i64, _: *mut u64) {
    let factor = f64::from_bits(unsafe { *k });
    for i in b..e {
        unsafe { *at1(p, s, 0, i) = *at1(p, s, 1, i) * factor };
    }
}

/// `dst = in0 + in1` (rank 0).
unsafe extern "C" fn add_0d(_: *const i64, p: *const *mut u8, _: *const i64, _: *const u64, _: i64, _: i64, _: *mut u64) {
    unsafe { *(*p as *mut f64) = *(*p.add(1) as *mut f64) + *(*p.add(2) as *mut f64) };
}

/// `acc += sum(in0)` (rank 1, float64).
unsafe extern "C" fn sum_all_1d(_: *const i64, p: *const *mut u8, s: *const i64, _: *const u64, b: i64, e: i64, acc: *mut u64) {
    let mut total = f64::from_bits(unsafe { *acc });
    for i in b..e {
        total += unsafe { *at1(p, s, 1, i) };
    }
    unsafe { *acc = total.to_bits() };
}

/// `acc += sum(in0)` (rank 2, int64 elements in a float64-free kernel).
unsafe extern "C" fn sum_all_2d_i64(shape: *const i64, p: *const *mut u8, s: *const i64, _: *const u64, b: i64, e: i64, acc: *mut u64) {
    let mut total = unsafe { *acc } as i64;
    for i in b..e {
        for j in 0..unsafe { *shape.add(1) } {
            let element = unsafe { at2(p, s, 1, i, j) } as *mut i64;
            total = total.wrapping_add(unsafe { *element });
        }
    }
    unsafe { *acc = total as u64 };
}

/// `acc = max(acc, max(in0))` with NaN propagation (rank 1).
unsafe extern "C" fn max_all_1d(_: *const i64, p: *const *mut u8, s: *const i64, _: *const u64, b: i64, e: i64, acc: *mut u64) {
    let mut best = f64::from_bits(unsafe { *acc });
    for i in b..e {
        let x = unsafe { *at1(p, s, 1, i) };
        if x.is_nan() || x > best {
            best = if best.is_nan() { best } else { x };
        }
    }
    unsafe { *acc = best.to_bits() };
}

/// `dst[.] += in0[i, j]` (rank 2; dst strides are 0 on the reduced axis).
unsafe extern "C" fn sum_axis_2d(shape: *const i64, p: *const *mut u8, s: *const i64, _: *const u64, b: i64, e: i64, _: *mut u64) {
    for i in b..e {
        for j in 0..unsafe { *shape.add(1) } {
            unsafe { *at2(p, s, 0, i, j) += *at2(p, s, 1, i, j) };
        }
    }
}

/// `dst[.] = max(dst[.], in0[i, j])` (rank 2).
unsafe extern "C" fn max_axis_2d(shape: *const i64, p: *const *mut u8, s: *const i64, _: *const u64, b: i64, e: i64, _: *mut u64) {
    for i in b..e {
        for j in 0..unsafe { *shape.add(1) } {
            unsafe {
                let slot = at2(p, s, 0, i, j);
                *slot = slot.read().max(*at2(p, s, 1, i, j));
            }
        }
    }
}

// --- Helpers. ---------------------------------------------------------------

fn new_array(shape: &[i64]) -> *mut c_void {
    unsafe { lt_array_new(DTYPE_F64, shape.len() as i64, shape.as_ptr() as *mut c_void) }
}

fn filled(shape: &[i64], value: impl Fn(usize) -> f64) -> *mut c_void {
    let a = new_array(shape);
    let d = unsafe { &*(a as *const ArrayDesc) };
    for i in 0..array::shape_size(shape) as usize {
        unsafe { *(d.data as *mut f64).add(i) = value(i) };
    }
    a
}

fn values(a: *mut c_void) -> Vec<f64> {
    let d = unsafe { &*(a as *const ArrayDesc) };
    let mut out = Vec::new();
    array::for_each_index(array::shape(d), |index| {
        out.push(f64::from_bits(unsafe { array::read_bits(array::element_ptr(d, index).unwrap(), d.dtype) }));
    });
    out
}

fn slice_1d(a: *mut c_void, start: Option<i64>, stop: Option<i64>) -> *mut c_void {
    let mut kind = INDEX_SLICE;
    if start.is_some() {
        kind |= SLICE_HAS_START;
    }
    if stop.is_some() {
        kind |= SLICE_HAS_STOP;
    }
    let item = [kind, start.unwrap_or(0), stop.unwrap_or(0), 0];
    unsafe { lt_array_view(a, 1, item.as_ptr() as *mut c_void) }
}

type Kernel = unsafe extern "C" fn(*const i64, *const *mut u8, *const i64, *const u64, i64, i64, *mut u64);

#[allow(clippy::too_many_arguments)]
fn run(kernel: Kernel, mode: i64, op: i64, dtype: i64, axis: i64, ndim: i64, dst: *mut c_void, ins: &[*mut c_void], scalars: &[u64]) -> u64 {
    let mut acc = 0xdead_beefu64;
    unsafe {
        lt_launch(
            kernel as *mut c_void,
            mode,
            op,
            dtype,
            axis,
            ndim,
            dst,
            ins.len() as i64,
            ins.as_ptr() as *mut c_void,
            scalars.as_ptr() as *mut c_void,
            &mut acc as *mut u64 as *mut c_void,
            std::ptr::null_mut(),
            scalars.len() as i64,
            0,
        )
    };
    acc
}

fn launch_error(kernel: Kernel, mode: i64, op: i64, ndim: i64, dst: *mut c_void, ins: &[*mut c_void]) -> RtError {
    let inputs: Vec<*mut ArrayDesc> = ins.iter().map(|&p| p as *mut ArrayDesc).collect();
    let mut acc = 0u64;
    let call = Launch {
        kernel,
        mode,
        op,
        dtype: DTYPE_F64,
        axis: 0,
        ndim,
        dst: dst as *mut ArrayDesc,
        inputs: &inputs,
        scalars: std::ptr::null(),
        acc: &mut acc,
        gpu: std::ptr::null(),
        n_scalars: 0,
        n_out: 0,
    };
    unsafe { launch::launch(&call, None) }.expect_err("expected an error")
}

fn release(arrays: &[*mut c_void]) {
    for &a in arrays {
        unsafe { lt_array_release(a) };
    }
}

// --- Tests. -------------------------------------------------------------------

#[test]
fn store_broadcasts_inputs() {
    // c = a (3, 4) + b (4,)
    let a = filled(&[3, 4], |i| i as f64);
    let b = filled(&[4], |i| 100.0 * i as f64);
    let c = new_array(&[3, 4]);
    run(add_2d, MODE_STORE, 0, DTYPE_F64, 0, 2, c, &[a, b], &[]);
    assert_eq!(values(c), (0..12).map(|i| (i + 100 * (i % 4)) as f64).collect::<Vec<_>>());
    // A column (3, 1) broadcast along axis 1.
    let column = filled(&[3, 1], |i| 1000.0 * i as f64);
    run(add_2d, MODE_STORE, 0, DTYPE_F64, 0, 2, c, &[a, column], &[]);
    assert_eq!(values(c), (0..12).map(|i| (i + 1000 * (i / 4)) as f64).collect::<Vec<_>>());
    release(&[a, b, c, column]);
}

#[test]
fn store_reports_numpy_broadcast_errors() {
    let dst = new_array(&[3]);
    let four = new_array(&[4]);
    let three = new_array(&[3]);
    let error = launch_error(add_1d, MODE_STORE, 0, 1, dst, &[four, four]);
    assert_eq!(error.message, "could not broadcast input array from shape (4,) into shape (3,)");
    let error = launch_error(add_1d, MODE_STORE, 0, 1, dst, &[three, four]);
    assert_eq!(error.message, "operands could not be broadcast together with shapes (3,) (4,) ");
    let matrix = new_array(&[2, 3]);
    let error = launch_error(add_1d, MODE_STORE, 0, 1, dst, &[matrix, three]);
    assert_eq!(error.message, "could not broadcast input array from shape (2,3) into shape (3,)");
    release(&[dst, four, three, matrix]);
}

#[test]
fn overlapping_store_evaluates_the_right_side_first() {
    // a = np.arange(5.); a[1:] = a[:-1] * 1.0  ->  [0. 0. 1. 2. 3.]
    let a = filled(&[5], |i| i as f64);
    let dst = slice_1d(a, Some(1), None);
    let src = slice_1d(a, None, Some(-1));
    run(scale_1d, MODE_STORE, 0, DTYPE_F64, 0, 1, dst, &[src], &[1.0f64.to_bits()]);
    assert_eq!(values(a), vec![0.0, 0.0, 1.0, 2.0, 3.0]);
    // a[:-1] = a[1:] + a[1:]  ->  from [0 0 1 2 3]: [0 2 4 6 3]
    run(add_1d, MODE_STORE, 0, DTYPE_F64, 0, 1, src, &[dst, dst], &[]);
    assert_eq!(values(a), vec![0.0, 2.0, 4.0, 6.0, 3.0]);
    // The very same view in place needs no temporary: a[:] = a + a.
    run(add_1d, MODE_STORE, 0, DTYPE_F64, 0, 1, a, &[a, a], &[]);
    assert_eq!(values(a), vec![0.0, 4.0, 8.0, 12.0, 6.0]);
    release(&[a, dst, src]);

    // A broadcast row of the destination itself: m[:] = m[0] + m (NumPy reads m[0] first).
    let m = filled(&[3, 2], |i| i as f64);
    let row = unsafe { lt_array_view(m, 1, [runtime_abi::INDEX_INTEGER, 0, 0, 0].as_ptr() as *mut c_void) };
    run(add_2d, MODE_STORE, 0, DTYPE_F64, 0, 2, m, &[row, m], &[]);
    assert_eq!(values(m), vec![0.0, 2.0, 2.0, 4.0, 4.0, 6.0]);
    release(&[m, row]);
}

#[test]
fn zero_dimensional_store() {
    let a = filled(&[], |_| 1.5);
    let b = filled(&[], |_| 2.0);
    let c = new_array(&[]);
    run(add_0d, MODE_STORE, 0, DTYPE_F64, 0, 0, c, &[a, b], &[]);
    assert_eq!(values(c), vec![3.5]);
    release(&[a, b, c]);
}

#[test]
fn empty_iteration_space_skips_the_kernel() {
    unsafe extern "C" fn must_not_run(_: *const i64, _: *const *mut u8, _: *const i64, _: *const u64, _: i64, _: i64, _: *mut u64) {
        panic!("kernel called on an empty space");
    }
    let a = new_array(&[0]);
    let c = new_array(&[0]);
    run(must_not_run, MODE_STORE, 0, DTYPE_F64, 0, 1, c, &[a, a], &[]);
    let acc = run(must_not_run, MODE_REDUCE_ALL, REDUCE_SUM, DTYPE_F64, 0, 1, std::ptr::null_mut(), &[a], &[]);
    assert_eq!(f64::from_bits(acc), 0.0);
    let acc = run(must_not_run, MODE_REDUCE_ALL, REDUCE_PROD, DTYPE_F64, 0, 1, std::ptr::null_mut(), &[a], &[]);
    assert_eq!(f64::from_bits(acc), 1.0);
    release(&[a, c]);
}

#[test]
fn reduce_all_initialises_the_accumulator() {
    let a = filled(&[10], |i| i as f64);
    let acc = run(sum_all_1d, MODE_REDUCE_ALL, REDUCE_SUM, DTYPE_F64, 0, 1, std::ptr::null_mut(), &[a], &[]);
    assert_eq!(f64::from_bits(acc), 45.0);
    let acc = run(max_all_1d, MODE_REDUCE_ALL, REDUCE_MAX, DTYPE_F64, 0, 1, std::ptr::null_mut(), &[a], &[]);
    assert_eq!(f64::from_bits(acc), 9.0);
    release(&[a]);
}

#[test]
fn reduce_all_in_parallel_combines_chunks_in_order() {
    let n = 1 << 20;
    let a = filled(&[n], |i| (i % 7) as f64);
    let acc = run(sum_all_1d, MODE_REDUCE_ALL, REDUCE_SUM, DTYPE_F64, 0, 1, std::ptr::null_mut(), &[a], &[]);
    let expected: f64 = (0..n).map(|i| (i % 7) as f64).sum();
    assert_eq!(f64::from_bits(acc), expected);
    // NaN in one chunk propagates through the combination of maxima.
    unsafe { *((*(a as *mut ArrayDesc)).data as *mut f64).add(n as usize - 3) = f64::NAN };
    let acc = run(max_all_1d, MODE_REDUCE_ALL, REDUCE_MAX, DTYPE_F64, 0, 1, std::ptr::null_mut(), &[a], &[]);
    assert!(f64::from_bits(acc).is_nan());
    release(&[a]);

    // Integer sums over a broadcast 2-D space (int64 accumulator bits).
    let shape = [512i64, 256];
    let ints = unsafe { lt_array_new(DTYPE_I64, 2, shape.as_ptr() as *mut c_void) };
    let d = unsafe { &*(ints as *const ArrayDesc) };
    for i in 0..512 * 256 {
        unsafe { *(d.data as *mut i64).add(i) = i as i64 - 1000 };
    }
    let acc = run(sum_all_2d_i64, MODE_REDUCE_ALL, REDUCE_SUM, DTYPE_I64, 0, 2, std::ptr::null_mut(), &[ints], &[]);
    let expected: i64 = (0..512 * 256).map(|i| i as i64 - 1000).sum();
    assert_eq!(acc as i64, expected);
    release(&[ints]);
}

#[test]
fn reduce_axis_fills_identity_and_zero_strides_the_axis() {
    // np.arange(12.).reshape(3, 4).sum(axis=0) and .sum(axis=1)
    let a = filled(&[3, 4], |i| i as f64);
    let along0 = new_array(&[4]);
    run(sum_axis_2d, MODE_REDUCE_AXIS, REDUCE_SUM, DTYPE_F64, 0, 2, along0, &[a], &[]);
    assert_eq!(values(along0), vec![12.0, 15.0, 18.0, 21.0]);
    let along1 = filled(&[3], |_| 777.0);
    run(sum_axis_2d, MODE_REDUCE_AXIS, REDUCE_SUM, DTYPE_F64, 1, 2, along1, &[a], &[]);
    assert_eq!(values(along1), vec![6.0, 22.0, 38.0]);
    let maxima = new_array(&[3]);
    let negative = filled(&[3, 4], |i| -(i as f64));
    run(max_axis_2d, MODE_REDUCE_AXIS, REDUCE_MAX, DTYPE_F64, 1, 2, maxima, &[negative], &[]);
    assert_eq!(values(maxima), vec![0.0, -4.0, -8.0]);
    release(&[a, along0, along1, maxima, negative]);
}

#[test]
fn reduce_axis_in_parallel() {
    let (rows, cols) = (1024i64, 128i64);
    let a = filled(&[rows, cols], |i| (i % 13) as f64);
    let along1 = new_array(&[rows]);
    run(sum_axis_2d, MODE_REDUCE_AXIS, REDUCE_SUM, DTYPE_F64, 1, 2, along1, &[a], &[]);
    let expected1: Vec<f64> =
        (0..rows).map(|r| (0..cols).map(|c| ((r * cols + c) % 13) as f64).sum()).collect();
    assert_eq!(values(along1), expected1);
    // Axis 0 runs sequentially (chunks of axis 0 would race on dst).
    let along0 = new_array(&[cols]);
    run(sum_axis_2d, MODE_REDUCE_AXIS, REDUCE_SUM, DTYPE_F64, 0, 2, along0, &[a], &[]);
    let expected0: Vec<f64> =
        (0..cols).map(|c| (0..rows).map(|r| ((r * cols + c) % 13) as f64).sum()).collect();
    assert_eq!(values(along0), expected0);
    release(&[a, along0, along1]);
}

#[test]
fn parallel_store_covers_every_row() {
    let shape = [700i64, 300];
    let a = filled(&shape, |i| i as f64);
    let b = filled(&[300], |i| -(i as f64));
    let c = new_array(&shape);
    run(add_2d, MODE_STORE, 0, DTYPE_F64, 0, 2, c, &[a, b], &[]);
    let expected: Vec<f64> = (0..700 * 300).map(|i| (i - i % 300) as f64).collect();
    assert_eq!(values(c), expected);
    release(&[a, b, c]);
}

#[test]
fn reductions_without_identity_reject_empty_arrays() {
    let empty = new_array(&[0]);
    let error = launch_error(max_all_1d, MODE_REDUCE_ALL, REDUCE_MAX, 1, std::ptr::null_mut(), &[empty]);
    assert_eq!(error.message, "zero-size array to reduction operation maximum which has no identity");
    let error = launch_error(max_all_1d, MODE_REDUCE_ALL, REDUCE_MIN, 1, std::ptr::null_mut(), &[empty]);
    assert_eq!(error.message, "zero-size array to reduction operation minimum which has no identity");
    // np.zeros((3, 0)).max(axis=1) fails; np.zeros((0, 3)).max(axis=1) is an empty array.
    let wide = new_array(&[3, 0]);
    let out3 = new_array(&[3]);
    let call = |dst: *mut c_void, src: *mut c_void| {
        let inputs = [src as *mut ArrayDesc];
        let call = Launch {
            kernel: max_axis_2d,
            mode: MODE_REDUCE_AXIS,
            op: REDUCE_MAX,
            dtype: DTYPE_F64,
            axis: 1,
            ndim: 2,
            dst: dst as *mut ArrayDesc,
            inputs: &inputs,
            scalars: std::ptr::null(),
            acc: std::ptr::null_mut(),
            gpu: std::ptr::null(),
            n_scalars: 0,
            n_out: 0,
        };
        unsafe { launch::launch(&call, None) }
    };
    let error = call(out3, wide).expect_err("expected an error");
    assert_eq!(error.message, "zero-size array to reduction operation maximum which has no identity");
    let tall = new_array(&[0, 3]);
    let out0 = new_array(&[0]);
    assert!(call(out0, tall).is_ok());
    release(&[empty, wide, out3, tall, out0]);
}

#[test]
fn identities_and_combination() {
    use runtime_abi::{DTYPE_BOOL, DTYPE_F32, DTYPE_I32, REDUCE_ALL, REDUCE_ANY};
    assert_eq!(launch::identity_bits(REDUCE_MAX, DTYPE_F64).unwrap(), f64::NEG_INFINITY.to_bits());
    assert_eq!(launch::identity_bits(REDUCE_MIN, DTYPE_F32).unwrap(), f32::INFINITY.to_bits() as u64);
    assert_eq!(launch::identity_bits(REDUCE_MAX, DTYPE_I32).unwrap() as i64, i32::MIN as i64);
    assert_eq!(launch::identity_bits(REDUCE_MIN, DTYPE_I64).unwrap() as i64, i64::MAX);
    assert_eq!(launch::identity_bits(REDUCE_PROD, DTYPE_F32).unwrap(), 1f32.to_bits() as u64);
    assert_eq!(launch::identity_bits(REDUCE_ALL, DTYPE_BOOL).unwrap(), 1);
    assert_eq!(launch::identity_bits(REDUCE_ANY, DTYPE_BOOL).unwrap(), 0);
    let nan = f64::NAN.to_bits();
    assert!(f64::from_bits(launch::combine_bits(REDUCE_MIN, DTYPE_F64, 1f64.to_bits(), nan)).is_nan());
    assert!(f64::from_bits(launch::combine_bits(REDUCE_MAX, DTYPE_F64, nan, 1f64.to_bits())).is_nan());
    assert_eq!(launch::combine_bits(REDUCE_SUM, DTYPE_I32, (-2i64) as u64, 5) as i64, 3);
    assert_eq!(launch::combine_bits(REDUCE_ALL, DTYPE_BOOL, 1, 0), 0);
    assert_eq!(launch::combine_bits(REDUCE_ANY, DTYPE_BOOL, 0, 1), 1);
}

#[test]
fn large_launches_split_axis_zero_into_chunks() {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static CALLS: AtomicUsize = AtomicUsize::new(0);
    static ROWS: AtomicUsize = AtomicUsize::new(0);
    unsafe extern "C" fn count(_: *const i64, _: *const *mut u8, _: *const i64, _: *const u64, b: i64, e: i64, _: *mut u64) {
        CALLS.fetch_add(1, Ordering::SeqCst);
        ROWS.fetch_add((e - b) as usize, Ordering::SeqCst);
    }
    let a = new_array(&[1000, 100]);
    run(count, MODE_STORE, 0, DTYPE_F64, 0, 2, a, &[], &[]);
    assert_eq!(ROWS.load(Ordering::SeqCst), 1000);
    let expected_calls = if rayon::current_num_threads() > 1 { 1000.min(4 * rayon::current_num_threads()) } else { 1 };
    assert_eq!(CALLS.load(Ordering::SeqCst), expected_calls);
    release(&[a]);
}
