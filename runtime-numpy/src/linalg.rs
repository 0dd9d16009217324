//! `np.linalg`'s solvers and decompositions through faer (a pure-Rust LAPACK;
//! chosen by measurement against NumPy's OpenBLAS LAPACK, see
//! `docs/PERFORMANCE.md`). Each function takes the whole matrix (the caller
//! gathered it), computes in float64, and returns one new 1-D array of the
//! requested float dtype that packs the results NumPy returns, in NumPy's order,
//! each C-ordered (`runtime_abi::LINALG_*` says what each op packs). Errors are
//! NumPy's `LinAlgError`s and `ValueError`s with its messages.
//!
//! faer panics on shapes it does not expect and the runtime aborts on a panic,
//! so every shape is checked here first and empty matrices never reach faer.

use faer::linalg::solvers::{DenseSolveCore, Solve};
use faer::{Mat, MatRef, Par, Side};
use runtime_abi::ArrayDesc;
use runtime_core::array;
use runtime_core::errors::{ErrorKind, RtError, RtResult};

fn linalg_error(message: &str) -> RtError {
    RtError::new(ErrorKind::LinAlg, message)
}

fn parallelism() -> Par {
    match rayon::current_num_threads() {
        0 | 1 => Par::Seq,
        n => Par::rayon(n),
    }
}

/// The array as a float64 matrix: a 2-D array, or a 1-D one as a column.
unsafe fn matrix(desc: &ArrayDesc) -> RtResult<Mat<f64>> {
    let shape = array::shape(desc).to_vec();
    let (rows, cols) = match shape[..] {
        [r] => (r, 1),
        [r, c] => (r, c),
        _ => return Err(RtError::internal("np.linalg: a matrix of neither 1 nor 2 dimensions")),
    };
    let mut index = vec![0i64; shape.len()];
    Ok(Mat::from_fn(rows as usize, cols as usize, |i, j| {
        index[0] = i as i64;
        if shape.len() == 2 {
            index[1] = j as i64;
        }
        match unsafe { array::read_scalar(desc, &index) } {
            array::Scalar::Bool(b) => f64::from(u8::from(b)),
            array::Scalar::Int(v) => v as f64,
            array::Scalar::F32(v) => f64::from(v),
            array::Scalar::F64(v) => v,
        }
    }))
}

fn square(a: &Mat<f64>) -> RtResult<usize> {
    if a.nrows() != a.ncols() {
        return Err(linalg_error("Last 2 dimensions of the array must be square"));
    }
    Ok(a.nrows())
}

/// Packs matrices (C order) and plain values into one new 1-D array of `dtype`.
#[derive(Default)]
struct Packed(Vec<f64>);

impl Packed {
    fn matrix(&mut self, m: MatRef<'_, f64>) {
        for i in 0..m.nrows() {
            for j in 0..m.ncols() {
                self.0.push(m[(i, j)]);
            }
        }
    }

    fn values(&mut self, v: impl IntoIterator<Item = f64>) {
        self.0.extend(v);
    }

    fn finish(self, dtype: i64) -> RtResult<*mut ArrayDesc> {
        match dtype {
            runtime_abi::DTYPE_F32 => array::from_vec(dtype, self.0.into_iter().map(|x| x as f32).collect::<Vec<f32>>()),
            runtime_abi::DTYPE_F64 => array::from_vec(dtype, self.0),
            _ => Err(RtError::internal(format!("np.linalg: result dtype {dtype}"))),
        }
    }
}

/// The LU factors with partial pivoting of a square non-empty matrix, or
/// NumPy's "Singular matrix" where a pivot is exactly zero (LAPACK's `info > 0`).
fn lu_nonsingular(a: &Mat<f64>) -> RtResult<faer::linalg::solvers::PartialPivLu<f64>> {
    let lu = a.partial_piv_lu();
    if (0..a.nrows()).any(|i| lu.U()[(i, i)] == 0.0) {
        return Err(linalg_error("Singular matrix"));
    }
    Ok(lu)
}

/// Whether a permutation (`forward[i]`: where `i` goes) is odd, from its cycles.
fn odd_permutation(forward: &[usize]) -> bool {
    let mut seen = vec![false; forward.len()];
    let mut odd = false;
    for start in 0..forward.len() {
        let (mut len, mut i) = (0, start);
        while !seen[i] {
            seen[i] = true;
            i = forward[i];
            len += 1;
        }
        if len > 0 && len % 2 == 0 {
            odd = !odd;
        }
    }
    odd
}

/// `(sign, log|det|, det)` of a square matrix from its LU factors; `det` is the
/// product of the pivots and the permutation's sign, as LAPACK-based NumPy forms it
/// (so it overflows to ±inf where NumPy's does).
fn slogdet(a: &Mat<f64>) -> (f64, f64, f64) {
    let n = a.nrows();
    if n == 0 {
        return (1.0, 0.0, 1.0);
    }
    let lu = a.partial_piv_lu();
    let mut sign = if odd_permutation(lu.P().arrays().0) { -1.0 } else { 1.0 };
    let mut log = 0.0;
    let mut det = sign;
    for i in 0..n {
        let u = lu.U()[(i, i)];
        if u == 0.0 {
            return (0.0, f64::NEG_INFINITY, 0.0);
        }
        if u < 0.0 {
            sign = -sign;
        }
        log += u.abs().ln();
        det *= u;
    }
    (sign, log, det)
}

/// A 2-D complex array (complex128 or complex64) as a complex matrix.
///
/// # Safety
/// `desc` must be a live descriptor of a 2-D complex array.
unsafe fn complex_matrix(desc: &ArrayDesc) -> RtResult<Mat<faer::c64>> {
    let shape = array::shape(desc).to_vec();
    let [rows, cols] = shape[..] else { return Err(RtError::internal("np.linalg: a complex matrix of other than 2 dimensions")) };
    let (strides, item) = (array::strides(desc).to_vec(), array::elem_size(desc.dtype)?);
    let single = desc.dtype == runtime_abi::DTYPE_C64;
    Ok(Mat::from_fn(rows as usize, cols as usize, |i, j| {
        let at = array::offset_ptr(desc.data, &strides, &[i as i64, j as i64], item) as *const u8;
        // SAFETY: the element lies in the array.
        unsafe {
            if single {
                faer::c64::new((at as *const f32).read_unaligned() as f64, (at.add(4) as *const f32).read_unaligned() as f64)
            } else {
                faer::c64::new((at as *const f64).read_unaligned(), (at.add(8) as *const f64).read_unaligned())
            }
        }
    }))
}

/// `(sign, log|det|)` of a complex square matrix from its LU factors, as NumPy's
/// `slogdet` forms them (each pivot's phase multiplied into the sign, the logarithms of
/// their magnitudes added); NumPy's `det` is `sign * exp(log|det|)`.
fn complex_slogdet(a: &Mat<faer::c64>) -> (faer::c64, f64) {
    let n = a.nrows();
    if n == 0 {
        return (faer::c64::new(1.0, 0.0), 0.0);
    }
    let lu = a.partial_piv_lu();
    // -1 + 0j (not -(1 + 0j)), as NumPy starts its product.
    let mut sign = faer::c64::new(if odd_permutation(lu.P().arrays().0) { -1.0 } else { 1.0 }, 0.0);
    let mut log = 0.0;
    for i in 0..n {
        let u = lu.U()[(i, i)];
        let magnitude = u.norm();
        if magnitude == 0.0 {
            return (faer::c64::new(0.0, 0.0), f64::NEG_INFINITY);
        }
        sign *= u / magnitude;
        log += magnitude.ln();
    }
    (sign, log)
}

/// The singular values of a matrix (descending), none for an empty one.
fn singular_values(a: &Mat<f64>) -> RtResult<Vec<f64>> {
    if a.nrows() == 0 || a.ncols() == 0 {
        return Ok(Vec::new());
    }
    a.singular_values().map_err(|_| linalg_error("SVD did not converge"))
}

/// The thin SVD `(U m×k, S k, V n×k)`, or the full one (`U m×m`, `V n×n`).
fn svd(a: &Mat<f64>, full: bool) -> RtResult<(Mat<f64>, Vec<f64>, Mat<f64>)> {
    let (m, n) = (a.nrows(), a.ncols());
    if m == 0 || n == 0 {
        let (um, vn) = if full { (m, n) } else { (0, 0) };
        return Ok((Mat::identity(m, um), Vec::new(), Mat::identity(n, vn)));
    }
    let s = if full { a.svd() } else { a.thin_svd() }.map_err(|_| linalg_error("SVD did not converge"))?;
    let values = (0..m.min(n)).map(|i| s.S()[i]).collect();
    Ok((s.U().to_owned(), values, s.V().to_owned()))
}

/// NumPy's default cutoff below which singular values count as zero
/// (`matrix_rank`, `lstsq` with `rcond=None`): `max(m, n) * eps` relative to the largest.
fn default_rcond(m: usize, n: usize) -> f64 {
    m.max(n) as f64 * f64::EPSILON
}

/// `np.linalg.<op>(a)` for the ops of `runtime_abi::LINALG_*` (not solve and lstsq):
/// the packed results. `param` is the op's number argument (see the constants).
///
/// # Safety
/// `a` must be a live descriptor of a whole 1-D or 2-D array.
pub unsafe fn decompose(op: i64, a: &ArrayDesc, param: f64, dtype: i64) -> RtResult<*mut ArrayDesc> {
    use runtime_abi::*;
    faer::set_global_parallelism(parallelism());
    if op == LINALG_SLOGDET_COMPLEX {
        let a = unsafe { complex_matrix(a) }?;
        if a.nrows() != a.ncols() {
            return Err(linalg_error("Last 2 dimensions of the array must be square"));
        }
        let (sign, log) = complex_slogdet(&a);
        let det = sign * log.exp();
        let mut out = Packed::default();
        out.values([sign.re, sign.im, log, det.re, det.im]);
        return out.finish(dtype);
    }
    let a = unsafe { matrix(a) }?;
    let (m, n) = (a.nrows(), a.ncols());
    let mut out = Packed::default();
    match op {
        LINALG_INV => {
            let n = square(&a)?;
            if n > 0 {
                out.matrix(lu_nonsingular(&a)?.inverse().as_ref());
            }
        }
        LINALG_DET => {
            square(&a)?;
            out.values([slogdet(&a).2]);
        }
        LINALG_SLOGDET => {
            square(&a)?;
            let (sign, log, _) = slogdet(&a);
            out.values([sign, log]);
        }
        LINALG_CHOLESKY => {
            let n = square(&a)?;
            if n > 0 {
                // `param` 1: the upper factor (`upper=True`), from the upper triangle.
                let upper = param != 0.0;
                let source = if upper { a.transpose().to_owned() } else { a.clone() };
                let llt = source.llt(Side::Lower).map_err(|_| linalg_error("Matrix is not positive definite"))?;
                let l = llt.L();
                out.matrix(if upper { l.transpose() } else { l });
            }
        }
        LINALG_QR_REDUCED | LINALG_QR_COMPLETE | LINALG_QR_R => {
            let k = m.min(n);
            let (q, r) = if m == 0 || n == 0 {
                let q_cols = if op == LINALG_QR_COMPLETE { m } else { k };
                let r_rows = if op == LINALG_QR_COMPLETE { m } else { k };
                (Mat::<f64>::identity(m, q_cols), Mat::<f64>::zeros(r_rows, n))
            } else {
                let qr = a.qr();
                match op {
                    LINALG_QR_COMPLETE => (qr.compute_Q(), qr.R().to_owned()),
                    LINALG_QR_REDUCED => (qr.compute_thin_Q(), qr.thin_R().to_owned()),
                    _ => (Mat::zeros(0, 0), qr.thin_R().to_owned()),
                }
            };
            if op != LINALG_QR_R {
                out.matrix(q.as_ref());
            }
            // R is upper trapezoidal (m×n for 'complete', else k×n): zeros below the
            // diagonal, whatever faer left there, and in the rows past its factor.
            let r_rows = if op == LINALG_QR_COMPLETE { m } else { k };
            let r = Mat::<f64>::from_fn(r_rows, n, |i, j| if i > j || i >= r.nrows() { 0.0 } else { r[(i, j)] });
            out.matrix(r.as_ref());
        }
        LINALG_EIGH | LINALG_EIGVALSH => {
            let n = square(&a)?;
            if n > 0 {
                // `param` 1: from the upper triangle (`UPLO='U'`).
                let side = if param != 0.0 { Side::Upper } else { Side::Lower };
                let no_convergence = |_| linalg_error("Eigenvalues did not converge");
                if op == LINALG_EIGVALSH {
                    out.values(a.self_adjoint_eigenvalues(side).map_err(no_convergence)?);
                } else {
                    let e = a.self_adjoint_eigen(side).map_err(no_convergence)?;
                    out.values((0..n).map(|i| e.S()[i]));
                    out.matrix(e.U());
                }
            }
        }
        LINALG_SVD_FULL | LINALG_SVD_THIN => {
            let (u, s, v) = svd(&a, op == LINALG_SVD_FULL)?;
            out.matrix(u.as_ref());
            out.values(s);
            out.matrix(v.transpose());
        }
        LINALG_SVD_VALUES => out.values(singular_values(&a)?),
        LINALG_MATRIX_RANK => {
            let s = singular_values(&a)?;
            let largest = s.first().copied().unwrap_or(0.0);
            // `param` NaN: NumPy's default tolerance; else the absolute tolerance given.
            let tol = if param.is_nan() { largest * default_rcond(m, n) } else { param };
            out.values([s.iter().filter(|&&x| x > tol).count() as f64]);
        }
        LINALG_PINV => {
            // `param`: the cutoff relative to the largest singular value (`rcond`).
            let (u, s, v) = svd(&a, false)?;
            let cutoff = param * s.first().copied().unwrap_or(0.0);
            let scaled = Mat::<f64>::from_fn(n, s.len(), |i, l| if s[l] > cutoff { v[(i, l)] / s[l] } else { 0.0 });
            out.matrix((&scaled * u.transpose()).as_ref());
        }
        _ => return Err(RtError::internal(format!("np.linalg: unknown op {op}"))),
    }
    out.finish(dtype)
}

/// `np.linalg.solve(a, b)`: `a` square, `b` a vector of its size or a matrix of
/// its rows; the result has `b`'s shape.
///
/// # Safety
/// `a` and `b` must be live descriptors of whole arrays (`a` 2-D, `b` 1-D or 2-D).
pub unsafe fn solve(a: &ArrayDesc, b: &ArrayDesc, dtype: i64) -> RtResult<*mut ArrayDesc> {
    faer::set_global_parallelism(parallelism());
    let b_shape = array::shape(b).to_vec();
    let a = unsafe { matrix(a) }?;
    let n = square(&a)?;
    let rhs = unsafe { matrix(b) }?;
    if rhs.nrows() != n {
        let (name, signature) = if b_shape.len() == 1 { ("solve1", "(m,m),(m)->(m)") } else { ("solve", "(m,m),(m,n)->(m,n)") };
        return Err(RtError::value(format!(
            "{name}: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature {signature} (size {} is different from {n})",
            rhs.nrows()
        )));
    }
    let mut out = Packed::default();
    if n > 0 && rhs.ncols() > 0 {
        out.matrix(lu_nonsingular(&a)?.solve(&rhs).as_ref());
    } else {
        out.values(std::iter::repeat_n(0.0, rhs.nrows() * rhs.ncols()));
    }
    let packed = out.finish(dtype)?;
    unsafe { reshape_packed(packed, &b_shape) }
}

/// `np.linalg.lstsq(a, b, rcond)` packed as `[rank, x (n or n×k), s (min(m, n)),
/// residuals (k, or 1 for a vector b; none unless rank == n < m)]`; `rcond` NaN is NumPy's default.
///
/// # Safety
/// `a` and `b` must be live descriptors of whole arrays (`a` 2-D, `b` 1-D or 2-D).
pub unsafe fn lstsq(a: &ArrayDesc, b: &ArrayDesc, rcond: f64, dtype: i64) -> RtResult<*mut ArrayDesc> {
    faer::set_global_parallelism(parallelism());
    let vector = array::shape(b).len() == 1;
    let a = unsafe { matrix(a) }?;
    let rhs = unsafe { matrix(b) }?;
    let (m, n, k) = (a.nrows(), a.ncols(), rhs.ncols());
    if rhs.nrows() != m {
        let signature = if vector { "(m,n),(m)->(n),(),(),(p)" } else { "(m,n),(m,nrhs)->(n,nrhs),(nrhs),(),(p)" };
        return Err(RtError::value(format!(
            "lstsq: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature {signature} (size {} is different from {m})",
            rhs.nrows()
        )));
    }
    let (u, s, v) = svd(&a, false)?;
    let rcond = if rcond.is_nan() { default_rcond(m, n) } else { rcond };
    let cutoff = rcond * s.first().copied().unwrap_or(0.0);
    let rank = s.iter().filter(|&&x| x > cutoff).count();
    // x = V diag(1/s) Uᵀ b over the singular values above the cutoff.
    let scaled = Mat::<f64>::from_fn(n, s.len(), |i, l| if s[l] > cutoff { v[(i, l)] / s[l] } else { 0.0 });
    let x = &scaled * (u.transpose() * &rhs);
    let mut out = Packed::default();
    out.values([rank as f64]);
    out.matrix(x.as_ref());
    out.values(s.iter().copied());
    if rank == n && m > n {
        // The squared 2-norm of each column's residual b - a x.
        let r = &rhs - &a * &x;
        out.values((0..k).map(|c| (0..m).map(|i| r[(i, c)] * r[(i, c)]).sum()));
    }
    out.finish(dtype)
}

/// The packed 1-D array given `shape` (same number of elements), as a new array.
unsafe fn reshape_packed(packed: *mut ArrayDesc, shape: &[i64]) -> RtResult<*mut ArrayDesc> {
    let desc = unsafe { array::desc_ref(packed) }?;
    let out = array::alloc_array_uninit(desc.dtype, shape)?;
    let bytes = array::shape_size(shape) as usize * array::elem_size(desc.dtype)?;
    unsafe {
        std::ptr::copy_nonoverlapping(desc.data as *const u8, (*out).data, bytes);
        array::release(packed);
    }
    Ok(out)
}
