//! `lt_library`: dot/matmul, argmax/argmin, diagonal and copy, with NumPy's
//! results and error messages (expected values from NumPy 2).

use std::ffi::c_void;

use runtime_abi::{
    ArrayDesc, DTYPE_BOOL, DTYPE_F32, DTYPE_F64, DTYPE_I32, DTYPE_I64, INDEX_SLICE, LIB_ARGMAX, LIB_ARGMIN, LIB_COPY,
    LIB_DIAGONAL, LIB_MATMUL, SLICE_HAS_STEP,
};
use runtime_lib::array::{self, Scalar};
use runtime_lib::errors::{ErrorKind, RtError};
use runtime_lib::{blas, library};
use runtime_lib::*;

fn make(dtype: i64, shape: &[i64], value: impl Fn(usize) -> f64) -> *mut c_void {
    let a = unsafe { lt_array_new(dtype, shape.len() as i64, shape.as_ptr() as *mut c_void) };
    let d = desc(a);
    let item = array::elem_size(dtype).unwrap();
    for i in 0..array::shape_size(shape) as usize {
        let v = value(i);
        let bits = match dtype {
            DTYPE_BOOL => (v != 0.0) as u64,
            DTYPE_I32 | DTYPE_I64 => v as i64 as u64,
            DTYPE_F32 => (v as f32).to_bits() as u64,
            _ => v.to_bits(),
        };
        unsafe { array::write_bits(d.data.add(i * item), dtype, bits) };
    }
    a
}

fn from(dtype: i64, shape: &[i64], values: &[f64]) -> *mut c_void {
    make(dtype, shape, |i| values[i])
}

fn desc<'a>(a: *mut c_void) -> &'a ArrayDesc {
    unsafe { &*(a as *const ArrayDesc) }
}

fn values(a: *mut c_void) -> Vec<f64> {
    let d = desc(a);
    let mut out = Vec::new();
    array::for_each_index(array::shape(d), |index| {
        out.push(match unsafe { array::read_scalar(d, index) } {
            Scalar::Bool(b) => b as i64 as f64,
            Scalar::Int(i) => i as f64,
            Scalar::F32(f) => f as f64,
            Scalar::F64(f) => f,
        });
    });
    out
}

fn library(op: i64, param: i64, args: &[*mut c_void]) -> *mut c_void {
    unsafe { lt_library(op, param, args.len() as i64, args.as_ptr() as *mut c_void) }
}

fn shape(a: *mut c_void) -> Vec<i64> {
    array::shape(desc(a)).to_vec()
}

fn error_of(result: Result<*mut ArrayDesc, RtError>) -> RtError {
    result.expect_err("expected an error")
}

#[test]
fn dot_of_each_rank_combination() {
    let a = from(DTYPE_F64, &[2, 3], &[1., 2., 3., 4., 5., 6.]);
    let b = from(DTYPE_F64, &[3, 2], &[7., 8., 9., 10., 11., 12.]);
    let c = library(LIB_MATMUL, 0, &[a, b]);
    assert_eq!((shape(c), values(c)), (vec![2, 2], vec![58., 64., 139., 154.]));
    let x = from(DTYPE_F64, &[3], &[1., 0., -1.]);
    let ax = library(LIB_MATMUL, 0, &[a, x]);
    assert_eq!((shape(ax), values(ax)), (vec![2], vec![-2., -2.]));
    let y = from(DTYPE_F64, &[2], &[1., 2.]);
    let ya = library(LIB_MATMUL, 0, &[y, a]);
    assert_eq!((shape(ya), values(ya)), (vec![3], vec![9., 12., 15.]));
    let u = from(DTYPE_F64, &[3], &[1., 2., 3.]);
    let v = from(DTYPE_F64, &[3], &[4., 5., 6.]);
    let uv = library(LIB_MATMUL, 0, &[u, v]);
    assert_eq!((shape(uv), values(uv)), (vec![], vec![32.]));
    assert_eq!(unsafe { runtime_lib::arrayprint::array_str(desc(uv)) }, "32.0");
}

#[test]
fn dot_of_integers_bools_and_float32() {
    let a = from(DTYPE_I64, &[2, 2], &[1., 2., 3., 4.]);
    let b = from(DTYPE_I64, &[2, 2], &[5., 6., 7., 8.]);
    assert_eq!(values(library(LIB_MATMUL, 0, &[a, b])), vec![19., 22., 43., 50.]);
    let a = from(DTYPE_I32, &[3], &[1., -2., 3.]);
    assert_eq!(values(library(LIB_MATMUL, 0, &[a, a])), vec![14.]);
    // np.dot([[T, F], [F, F]], [[T, T], [T, F]]) == [[T, T], [F, F]]
    let p = from(DTYPE_BOOL, &[2, 2], &[1., 0., 0., 0.]);
    let q = from(DTYPE_BOOL, &[2, 2], &[1., 1., 1., 0.]);
    let pq = library(LIB_MATMUL, 0, &[p, q]);
    assert_eq!(desc(pq).dtype, DTYPE_BOOL);
    assert_eq!(values(pq), vec![1., 1., 0., 0.]);
    let f = from(DTYPE_F32, &[2], &[0.5, 0.25]);
    let ff = library(LIB_MATMUL, 0, &[f, f]);
    assert_eq!((desc(ff).dtype, values(ff)), (DTYPE_F32, vec![0.3125]));
}

#[test]
fn dot_of_strided_views() {
    // a = np.arange(12.).reshape(3, 4)[:, ::-2]  (3, 2); b = np.arange(6.).reshape(2, 3)
    let base = make(DTYPE_F64, &[3, 4], |i| i as f64);
    let items = [[INDEX_SLICE, 0, 0, 0], [INDEX_SLICE | SLICE_HAS_STEP, 0, 0, -2]];
    let a = unsafe { lt_array_view(base, 2, items.as_ptr() as *mut c_void) };
    let b = make(DTYPE_F64, &[2, 3], |i| i as f64);
    // np.dot(a, b).tolist() == [[3.0, 7.0, 11.0], [15.0, 27.0, 39.0], [27.0, 47.0, 67.0]]
    assert_eq!(values(library(LIB_MATMUL, 0, &[a, b])), vec![3., 7., 11., 15., 27., 39., 27., 47., 67.]);
}

#[test]
fn large_products_match_a_naive_loop() {
    for &(m, k, n) in &[(70usize, 130usize, 90usize), (200, 200, 200), (1, 300, 1000), (257, 3, 513)] {
        let a = make(DTYPE_F64, &[m as i64, k as i64], |i| ((i * 7) % 11) as f64 - 5.0);
        let b = make(DTYPE_F64, &[k as i64, n as i64], |i| ((i * 5) % 13) as f64 * 0.5);
        let c = values(library(LIB_MATMUL, 0, &[a, b]));
        let (av, bv) = (values(a), values(b));
        for i in (0..m).step_by(7) {
            for j in (0..n).step_by(11) {
                let expected: f64 = (0..k).map(|p| av[i * k + p] * bv[p * n + j]).sum();
                assert_eq!(c[i * n + j], expected, "({m}x{k})·({k}x{n}) at [{i}, {j}]");
            }
        }
        // Matrix-vector and vector-matrix on the same data.
        let x = make(DTYPE_F64, &[k as i64], |i| (i % 5) as f64);
        let ax = values(library(LIB_MATMUL, 0, &[a, x]));
        for i in 0..m {
            let expected: f64 = (0..k).map(|p| av[i * k + p] * (p % 5) as f64).sum();
            assert_eq!(ax[i], expected);
        }
        let y = make(DTYPE_F64, &[k as i64], |i| (i % 3) as f64);
        let yb = values(library(LIB_MATMUL, 0, &[y, b]));
        for j in 0..n {
            let expected: f64 = (0..k).map(|p| (p % 3) as f64 * bv[p * n + j]).sum();
            assert_eq!(yb[j], expected);
        }
    }
}

#[test]
fn dot_reports_numpy_alignment_errors() {
    let cases: [(&[i64], &[i64], &str); 4] = [
        (&[3, 4], &[5], "shapes (3,4) and (5,) not aligned: 4 (dim 1) != 5 (dim 0)"),
        (&[4], &[5], "shapes (4,) and (5,) not aligned: 4 (dim 0) != 5 (dim 0)"),
        (&[4], &[5, 3], "shapes (4,) and (5,3) not aligned: 4 (dim 0) != 5 (dim 0)"),
        (&[2, 4], &[5, 3], "shapes (2,4) and (5,3) not aligned: 4 (dim 1) != 5 (dim 0)"),
    ];
    for (a_shape, b_shape, message) in cases {
        let a = make(DTYPE_F64, a_shape, |_| 0.0);
        let b = make(DTYPE_F64, b_shape, |_| 0.0);
        let error = error_of(unsafe { blas::matmul(desc(a), desc(b), false) });
        assert_eq!((error.kind, error.message.as_str()), (ErrorKind::Value, message));
    }
}

#[test]
fn matmul_reports_numpy_gufunc_and_broadcast_errors() {
    let core = "matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature (n?,k),(k,m?)->(n?,m?) (size 5 is different from 4)";
    let cases: [(&[i64], &[i64], &str); 3] = [
        (&[2, 4], &[5, 3], core),
        (&[2, 3, 4], &[5, 6], core),
        (
            &[2, 3, 4],
            &[5, 4, 2],
            "operands could not be broadcast together with remapped shapes [original->remapped]: (2,3,4)->(2,newaxis,newaxis) (5,4,2)->(5,newaxis,newaxis)  and requested shape (3,2)",
        ),
    ];
    for (a_shape, b_shape, message) in cases {
        let a = make(DTYPE_F64, a_shape, |_| 0.0);
        let b = make(DTYPE_F64, b_shape, |_| 0.0);
        let error = error_of(unsafe { blas::matmul(desc(a), desc(b), true) });
        assert_eq!((error.kind, error.message.as_str()), (ErrorKind::Value, message));
    }
}

#[test]
fn argmax_and_argmin() {
    let x = from(DTYPE_F64, &[3, 4], &[3., 1., 4., 1., 5., 9., 2., 6., 5., 3., 5., 8.]);
    let whole = library(LIB_ARGMAX, -1, &[x]);
    assert_eq!((shape(whole), desc(whole).dtype, values(whole)), (vec![], DTYPE_I64, vec![5.]));
    assert_eq!(values(library(LIB_ARGMIN, -1, &[x])), vec![1.]);
    assert_eq!(values(library(LIB_ARGMAX, 0, &[x])), vec![1., 1., 2., 2.]);
    assert_eq!(values(library(LIB_ARGMIN, 1, &[x])), vec![1., 2., 1.]);
    // The first NaN wins for both.
    let y = from(DTYPE_F64, &[4], &[1., f64::NAN, 3., f64::NAN]);
    assert_eq!(values(library(LIB_ARGMAX, -1, &[y])), vec![1.]);
    assert_eq!(values(library(LIB_ARGMIN, -1, &[y])), vec![1.]);
    let ints = from(DTYPE_I32, &[5], &[2., 7., 7., -1., -1.]);
    assert_eq!(values(library(LIB_ARGMAX, -1, &[ints])), vec![1.]);
    assert_eq!(values(library(LIB_ARGMIN, -1, &[ints])), vec![3.]);
    let bools = from(DTYPE_BOOL, &[3], &[0., 1., 1.]);
    assert_eq!(values(library(LIB_ARGMAX, -1, &[bools])), vec![1.]);

    let empty = make(DTYPE_F64, &[0], |_| 0.0);
    let error = error_of(unsafe { library::arg_extremum(desc(empty), -1, true) });
    assert_eq!((error.kind, error.message.as_str()), (ErrorKind::Value, "attempt to get argmax of an empty sequence"));
    let wide = make(DTYPE_F64, &[3, 0], |_| 0.0);
    let error = error_of(unsafe { library::arg_extremum(desc(wide), 1, false) });
    assert_eq!(error.message, "attempt to get argmin of an empty sequence");
    // np.zeros((3, 0)).argmax(axis=0) is an empty int64 array.
    let none = library(LIB_ARGMAX, 0, &[wide]);
    assert_eq!(shape(none), vec![0]);
}

#[test]
fn diagonal_and_copy() {
    let a = make(DTYPE_I64, &[3, 4], |i| i as f64);
    assert_eq!(values(library(LIB_DIAGONAL, 0, &[a])), vec![0., 5., 10.]);
    assert_eq!(values(library(LIB_DIAGONAL, 1, &[a])), vec![1., 6., 11.]);
    assert_eq!(values(library(LIB_DIAGONAL, -1, &[a])), vec![4., 9.]);
    assert_eq!(shape(library(LIB_DIAGONAL, 5, &[a])), vec![0]);
    let v = make(DTYPE_F64, &[3], |i| i as f64);
    let error = error_of(unsafe { library::diagonal(desc(v), 0) });
    assert_eq!(error.message, "diag requires an array of at least two dimensions");

    // Copy of a reversed view is C-contiguous and independent.
    let item = [INDEX_SLICE | SLICE_HAS_STEP, 0, 0, -1];
    let reversed = unsafe { lt_array_view(v, 1, item.as_ptr() as *mut c_void) };
    let copy = library(LIB_COPY, 0, &[reversed]);
    assert_eq!((array::strides(desc(copy)).to_vec(), values(copy)), (vec![1], vec![2., 1., 0.]));
    assert_ne!(desc(copy).data, desc(reversed).data);
}
