//! Compares faer and OpenBLAS (cblas, linked statically from OPENBLAS_DIR) on the products legatec
//! runs: GEMV both ways, tall-skinny X @ w and X.T @ v, GEMM; T=n also times a split of the rows over n
//! threads, each calling the serial OpenBLAS. np.py times NumPy on the same shapes.
use faer::{linalg::matmul::matmul, Accum, MatMut, MatRef, Par};
use std::time::Instant;
unsafe extern "C" {
    fn cblas_dgemv(order: i32, trans: i32, m: i32, n: i32, alpha: f64, a: *const f64, lda: i32, x: *const f64, incx: i32, beta: f64, y: *mut f64, incy: i32);
    fn cblas_dgemm(order: i32, ta: i32, tb: i32, m: i32, n: i32, k: i32, alpha: f64, a: *const f64, lda: i32, b: *const f64, ldb: i32, beta: f64, c: *mut f64, ldc: i32);
    fn openblas_get_corename() -> *const i8;
    fn mmap(addr: *mut u8, len: usize, prot: i32, flags: i32, fd: i32, off: i64) -> *mut u8;
    fn madvise(addr: *mut u8, len: usize, advice: i32) -> i32;
}
const ROW: i32 = 101; const NT: i32 = 111; const T: i32 = 112;
fn huge(n: usize) -> &'static mut [f64] {
    let bytes = n * 8 + (2 << 20);
    unsafe {
        let p = mmap(std::ptr::null_mut(), bytes, 3, 0x22, -1, 0);
        let off = (2usize << 20) - (p as usize % (2 << 20));
        let d = p.add(off % (2 << 20));
        madvise(d, n * 8, 14);
        std::slice::from_raw_parts_mut(d as *mut f64, n)
    }
}
fn best<F: FnMut()>(reps: usize, mut f: F) -> f64 {
    let mut best = f64::MAX;
    for _ in 0..reps { let t = Instant::now(); f(); best = best.min(t.elapsed().as_secs_f64()); }
    best
}
fn fgemv(m: usize, n: usize, a: &[f64], rs: isize, cs: isize, x: &[f64], y: &mut [f64]) {
    let a = unsafe { MatRef::from_raw_parts(a.as_ptr(), m, n, rs, cs) };
    let xv = unsafe { MatRef::from_raw_parts(x.as_ptr(), n, 1, 1, 1) };
    let yv = unsafe { MatMut::from_raw_parts_mut(y.as_mut_ptr(), m, 1, 1, 1) };
    matmul(yv, Accum::Replace, a, xv, 1.0, Par::Seq);
}
fn par_gemv(m: usize, n: usize, a: &[f64], x: &[f64], y: &mut [f64], t: usize) {
    use rayon::prelude::*;
    let chunk = m.div_ceil(t);
    y.par_chunks_mut(chunk).enumerate().for_each(|(c, yc)| unsafe {
        let r0 = c * chunk;
        cblas_dgemv(ROW, NT, yc.len() as i32, n as i32, 1.0, a.as_ptr().add(r0 * n), n as i32, x.as_ptr(), 1, 0.0, yc.as_mut_ptr(), 1)
    });
}
fn par_gemv_t(m: usize, n: usize, a: &[f64], v: &[f64], y: &mut [f64], t: usize) {
    use rayon::prelude::*;
    let chunk = m.div_ceil(t);
    let parts: Vec<Vec<f64>> = (0..t).into_par_iter().map(|c| {
        let r0 = (c * chunk).min(m); let r1 = (r0 + chunk).min(m);
        let mut p = vec![0.0; n];
        if r1 > r0 { unsafe { cblas_dgemv(ROW, T, (r1 - r0) as i32, n as i32, 1.0, a.as_ptr().add(r0 * n), n as i32, v.as_ptr().add(r0), 1, 0.0, p.as_mut_ptr(), 1) } }
        p
    }).collect();
    y.fill(0.0);
    for p in parts { for (a, b) in y.iter_mut().zip(p) { *a += b; } }
}
fn main() {
    let th: usize = std::env::var("T").ok().and_then(|v| v.parse().ok()).unwrap_or(1);
    if th > 1 {
        rayon::ThreadPoolBuilder::new().num_threads(th).build_global().unwrap();
        let par = Par::rayon(th);
        for &m in &[8000usize, 16384] {
            let a = huge(m * m);
            for (i, v) in a.iter_mut().enumerate() { *v = (i % 7) as f64 * 0.1; }
            let x: Vec<f64> = (0..m).map(|i| i as f64).collect();
            let mut y = vec![0.0; m]; let mut y2 = vec![0.0; m];
            let gb = |t: f64| (m * m * 8) as f64 / t / 1e9;
            let t1 = best(10, || { let av = unsafe { MatRef::from_raw_parts(a.as_ptr(), m, m, m as isize, 1) }; let xv = unsafe { MatRef::from_raw_parts(x.as_ptr(), m, 1, 1, 1) }; let yv = unsafe { MatMut::from_raw_parts_mut(y.as_mut_ptr(), m, 1, 1, 1) }; matmul(yv, Accum::Replace, av, xv, 1.0, par); });
            let t2 = best(10, || par_gemv(m, m, a, &x, &mut y2, th));
            println!("T={th} A@x {m}: faer {:.1} openblas-split {:.1} GB/s diff {}", gb(t1), gb(t2), (y[5]-y2[5]).abs());
            let t1 = best(10, || { let av = unsafe { MatRef::from_raw_parts(a.as_ptr(), m, m, 1, m as isize) }; let xv = unsafe { MatRef::from_raw_parts(x.as_ptr(), m, 1, 1, 1) }; let yv = unsafe { MatMut::from_raw_parts_mut(y.as_mut_ptr(), m, 1, 1, 1) }; matmul(yv, Accum::Replace, av, xv, 1.0, par); });
            let t2 = best(10, || par_gemv_t(m, m, a, &x, &mut y2, th));
            println!("T={th} A.T@x {m}: faer {:.1} openblas-split {:.1} GB/s diff {}", gb(t1), gb(t2), (y[5]-y2[5]).abs());
        }
        let rows = 4_000_000; let cols = 32;
        let x = huge(rows * cols);
        for (i, v) in x.iter_mut().enumerate() { *v = (i % 13) as f64 * 0.01; }
        let v: Vec<f64> = (0..rows).map(|i| (i % 3) as f64).collect();
        let w: Vec<f64> = (0..cols).map(|i| i as f64).collect();
        let mut o1 = vec![0.0; rows]; let mut o2 = vec![0.0; rows];
        let gb = |t: f64| (rows * cols * 8) as f64 / t / 1e9;
        let t1 = best(10, || { let av = unsafe { MatRef::from_raw_parts(x.as_ptr(), rows, cols, cols as isize, 1) }; let xv = unsafe { MatRef::from_raw_parts(w.as_ptr(), cols, 1, 1, 1) }; let yv = unsafe { MatMut::from_raw_parts_mut(o1.as_mut_ptr(), rows, 1, 1, 1) }; matmul(yv, Accum::Replace, av, xv, 1.0, par); });
        let t2 = best(10, || par_gemv(rows, cols, x, &w, &mut o2, th));
        println!("T={th} X@w 4e6x32: faer {:.1} openblas-split {:.1}", gb(t1), gb(t2));
        let mut p1 = vec![0.0; cols]; let mut p2 = vec![0.0; cols];
        let t1 = best(10, || { let av = unsafe { MatRef::from_raw_parts(x.as_ptr(), cols, rows, 1, cols as isize) }; let xv = unsafe { MatRef::from_raw_parts(v.as_ptr(), rows, 1, 1, 1) }; let yv = unsafe { MatMut::from_raw_parts_mut(p1.as_mut_ptr(), cols, 1, 1, 1) }; matmul(yv, Accum::Replace, av, xv, 1.0, par); });
        let t2 = best(10, || par_gemv_t(rows, cols, x, &v, &mut p2, th));
        println!("T={th} X.T@v 4e6x32: faer {:.1} openblas-split {:.1} diff {}", gb(t1), gb(t2), (p1[3]-p2[3]).abs());
        return;
    }
    println!("openblas core {:?}", unsafe { std::ffi::CStr::from_ptr(openblas_get_corename()) });
    for &m in &[4096usize, 16384] {
        let a = huge(m * m);
        for (i, v) in a.iter_mut().enumerate() { *v = (i % 7) as f64 * 0.1; }
        let x: Vec<f64> = (0..m).map(|i| i as f64).collect();
        let mut y = vec![0.0; m];
        let mut y2 = vec![0.0; m];
        let gb = |t: f64| (m * m * 8) as f64 / t / 1e9;
        let t = best(10, || fgemv(m, m, a, m as isize, 1, &x, &mut y));
        let t2 = best(10, || unsafe { cblas_dgemv(ROW, NT, m as i32, m as i32, 1.0, a.as_ptr(), m as i32, x.as_ptr(), 1, 0.0, y2.as_mut_ptr(), 1) });
        println!("A@x {m}: faer {:.1} GB/s openblas {:.1} GB/s  diff {}", gb(t), gb(t2), (y[7] - y2[7]).abs());
        let t = best(10, || fgemv(m, m, a, 1, m as isize, &x, &mut y));
        let t2 = best(10, || unsafe { cblas_dgemv(ROW, T, m as i32, m as i32, 1.0, a.as_ptr(), m as i32, x.as_ptr(), 1, 0.0, y2.as_mut_ptr(), 1) });
        println!("A.T@x {m}: faer {:.1} GB/s openblas {:.1} GB/s diff {}", gb(t), gb(t2), (y[7] - y2[7]).abs());
    }
    let rows = 1_000_000; let cols = 32;
    let x = huge(rows * cols);
    for (i, v) in x.iter_mut().enumerate() { *v = (i % 13) as f64 * 0.01; }
    let v: Vec<f64> = (0..rows).map(|i| (i % 3) as f64).collect();
    let w: Vec<f64> = (0..cols).map(|i| i as f64).collect();
    let mut o1 = vec![0.0; rows]; let mut o2 = vec![0.0; rows];
    let gb = |t: f64| (rows * cols * 8) as f64 / t / 1e9;
    let t = best(10, || fgemv(rows, cols, x, cols as isize, 1, &w, &mut o1));
    let t2 = best(10, || unsafe { cblas_dgemv(ROW, NT, rows as i32, cols as i32, 1.0, x.as_ptr(), cols as i32, w.as_ptr(), 1, 0.0, o2.as_mut_ptr(), 1) });
    println!("X@w: faer {:.1} openblas {:.1}", gb(t), gb(t2));
    let mut p1 = vec![0.0; cols]; let mut p2 = vec![0.0; cols];
    let t = best(10, || fgemv(cols, rows, x, 1, cols as isize, &v, &mut p1));
    let t2 = best(10, || unsafe { cblas_dgemv(ROW, T, rows as i32, cols as i32, 1.0, x.as_ptr(), cols as i32, v.as_ptr(), 1, 0.0, p2.as_mut_ptr(), 1) });
    println!("X.T@v: faer {:.1} openblas {:.1} diff {}", gb(t), gb(t2), (p1[3]-p2[3]).abs());
    let n = 2048;
    let a = huge(n*n); let b = huge(n*n); let c = huge(n*n);
    for (i, v) in a.iter_mut().enumerate() { *v = (i % 7) as f64 * 0.1; }
    for (i, v) in b.iter_mut().enumerate() { *v = (i % 5) as f64 * 0.2; }
    let fl = |t: f64| 2.0 * (n as f64).powi(3) / t / 1e9;
    let t = best(3, || { let av = unsafe { MatRef::from_raw_parts(a.as_ptr(), n, n, n as isize, 1) }; let bv = unsafe { MatRef::from_raw_parts(b.as_ptr(), n, n, n as isize, 1) }; let cv = unsafe { MatMut::from_raw_parts_mut(c.as_mut_ptr(), n, n, n as isize, 1) }; matmul(cv, Accum::Replace, av, bv, 1.0, Par::Seq); });
    let t2 = best(3, || unsafe { cblas_dgemm(ROW, NT, NT, n as i32, n as i32, n as i32, 1.0, a.as_ptr(), n as i32, b.as_ptr(), n as i32, 0.0, c.as_mut_ptr(), n as i32) });
    println!("gemm {n}: faer {:.1} openblas {:.1} GFLOP/s", fl(t), fl(t2));
}
