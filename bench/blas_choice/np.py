import numpy as np, time
def best(reps, f):
    b = 1e9
    for _ in range(reps):
        t = time.perf_counter(); f(); b = min(b, time.perf_counter() - t)
    return b
for m in (4096, 16384):
    A = (np.arange(m*m) % 7 * 0.1).reshape(m, m); x = np.arange(m) * 1.0
    t = best(10, lambda: A @ x); t2 = best(10, lambda: A.T @ x)
    print(f"numpy A@x {m}: {m*m*8/t/1e9:.1f} GB/s  A.T@x {m*m*8/t2/1e9:.1f}")
X = (np.arange(10**6*32) % 13 * 0.01).reshape(10**6, 32); v = np.arange(10**6) % 3 * 1.0; w = np.arange(32) * 1.0
t = best(10, lambda: X @ w); t2 = best(10, lambda: X.T @ v); print(f"numpy X@w {X.nbytes/t/1e9:.1f} X.T@v {X.nbytes/t2/1e9:.1f}")
n = 2048
a = (np.arange(n*n) % 7 * 0.1).reshape(n, n); b = (np.arange(n*n) % 5 * 0.2).reshape(n, n)
t = best(3, lambda: a @ b); print(f"numpy gemm {n}: {2*n**3/t/1e9:.1f} GFLOP/s")
import os
if int(os.environ.get("OPENBLAS_NUM_THREADS", "1")) > 1:
    for m in (8000, 16384):
        A = (np.arange(m*m) % 7 * 0.1).reshape(m, m); x = np.arange(m) * 1.0
        t = best(10, lambda: A @ x); t2 = best(10, lambda: A.T @ x)
        print(f"numpy T A@x {m}: {m*m*8/t/1e9:.1f} GB/s  A.T@x {m*m*8/t2/1e9:.1f}")
    X = (np.arange(4*10**6*32) % 13 * 0.01).reshape(4*10**6, 32); v = np.arange(4*10**6) % 3 * 1.0; w = np.arange(32) * 1.0
    t = best(10, lambda: X @ w); t2 = best(10, lambda: X.T @ v); print(f"numpy T X@w 4e6 {X.nbytes/t/1e9:.1f} X.T@v {X.nbytes/t2/1e9:.1f}")
