# Which way to compute X.T @ v for a tall X (n x d, row-major) on the GPU is fastest.
import time, cupy as cp
from cupy_backends.cuda.libs import cublas
def t(f, reps=20):
    f(); cp.cuda.runtime.deviceSynchronize()
    s = time.perf_counter()
    for _ in range(reps): f()
    cp.cuda.runtime.deviceSynchronize()
    return (time.perf_counter() - s) / reps
for dt in (cp.float64, cp.float32):
  for n, d in ((1000000, 32), (1000000, 8), (200000, 256), (4000000, 4)):
    X = cp.random.random((n, d)).astype(dt); v = cp.random.random(n).astype(dt); w = cp.random.random(d).astype(dt)
    out = cp.empty(d, dtype=dt); y = cp.empty(1, dtype=dt)
    h = cp.cuda.device.get_cublas_handle()
    one = cp.ones(1, dtype=dt); zero = cp.zeros(1, dtype=dt)
    gemm = cublas.dgemm if dt == cp.float64 else cublas.sgemm
    gemv = cublas.dgemv if dt == cp.float64 else cublas.sgemv
    cublas.setPointerMode(h, cublas.CUBLAS_POINTER_MODE_DEVICE)
    # column-major view of X: M = d x n, lda = d. X.T @ v = M @ v.
    f_gemv = lambda: gemv(h, cublas.CUBLAS_OP_N, d, n, one.data.ptr, X.data.ptr, d, v.data.ptr, 1, zero.data.ptr, out.data.ptr, 1)
    f_gemm = lambda: gemm(h, cublas.CUBLAS_OP_N, cublas.CUBLAS_OP_N, d, 1, n, one.data.ptr, X.data.ptr, d, v.data.ptr, n, zero.data.ptr, out.data.ptr, d)
    # v^T X as a 1 x d row: C(1 x d) = v^T(1 x n) X(n x d) in row-major = (X^T v)^T; column-major: C^T...
    f_gemm_t = lambda: gemm(h, cublas.CUBLAS_OP_T, cublas.CUBLAS_OP_T, 1, d, n, one.data.ptr, v.data.ptr, n, X.data.ptr, d, zero.data.ptr, out.data.ptr, 1)
    f_red = lambda: (X * v[:, None]).sum(0)
    f_xw = lambda: gemv(h, cublas.CUBLAS_OP_T, d, n, one.data.ptr, X.data.ptr, d, w.data.ptr, 1, zero.data.ptr, v.data.ptr, 1)
    ref = X.T.get() @ v.get()
    res = {}
    for name, f in (("gemv_N", f_gemv), ("gemm_n1", f_gemm), ("gemm_T", f_gemm_t), ("cupy_reduce", f_red)):
        s = t(f)
        r = f() if name == "cupy_reduce" else (f(), out)[1]
        import numpy as np
        err = float(np.max(np.abs(cp.asnumpy(r) - ref)) / np.max(np.abs(ref)))
        res[name] = f"{s*1e3:.3f} ms {X.nbytes/s/1e9:.0f} GB/s err {err:.1e}"
    s = t(f_xw); res["X@w gemv_T"] = f"{s*1e3:.3f} ms {X.nbytes/s/1e9:.0f} GB/s"
    cublas.setPointerMode(h, cublas.CUBLAS_POINTER_MODE_HOST)
    print(dt.__name__, n, d, res, flush=True)
