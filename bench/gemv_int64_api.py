# cuBLAS's 64-bit-integer GEMV (cublasDgemv_v2_64, what legatec calls) against the 32-bit one
# (cublasDgemv_v2, what CuPy calls), X.T @ v for a tall row-major X.
import ctypes, glob, time, cupy as cp
h = cp.cuda.device.get_cublas_handle()
cp.ones(1).dot(cp.ones(1))
mapped = sorted({l.split()[-1] for l in open("/proc/self/maps") if "libcublas.so" in l and "Lt" not in l})
print("mapped", mapped, flush=True)
paths = mapped + glob.glob("/usr/local/lib/python3*/dist-packages/nvidia/cublas/lib/libcublas.so*") + glob.glob("/usr/local/cuda*/lib64/libcublas.so*") + glob.glob("/usr/lib/x86_64-linux-gnu/libcublas.so*")
lib = None
for p in paths:
    try:
        lib = ctypes.CDLL(p); print("lib", p); break
    except OSError:
        pass
if lib is None:
    import cupy_backends.cuda.libs.cublas as cb; print("no lib found", paths)
one = ctypes.c_double(1.0); zero = ctypes.c_double(0.0)
def timeit(f, reps=20):
    f(); cp.cuda.runtime.deviceSynchronize(); s = time.perf_counter()
    for _ in range(reps): f()
    cp.cuda.runtime.deviceSynchronize(); return (time.perf_counter() - s) / reps
for n, d in ((1000000, 32), (1000000, 8), (4000000, 4), (200000, 256)):
    X = cp.random.random((n, d)); v = cp.random.random(n); out = cp.empty(d); w = cp.random.random(d); y = cp.empty(n)
    N, T = 0, 1
    f32 = lambda: lib.cublasDgemv_v2(ctypes.c_void_p(h), N, d, n, ctypes.byref(one), ctypes.c_void_p(X.data.ptr), d, ctypes.c_void_p(v.data.ptr), 1, ctypes.byref(zero), ctypes.c_void_p(out.data.ptr), 1)
    f64 = lambda: lib.cublasDgemv_v2_64(ctypes.c_void_p(h), N, ctypes.c_int64(d), ctypes.c_int64(n), ctypes.byref(one), ctypes.c_void_p(X.data.ptr), ctypes.c_int64(d), ctypes.c_void_p(v.data.ptr), ctypes.c_int64(1), ctypes.byref(zero), ctypes.c_void_p(out.data.ptr), ctypes.c_int64(1))
    g32 = lambda: lib.cublasDgemv_v2(ctypes.c_void_p(h), T, d, n, ctypes.byref(one), ctypes.c_void_p(X.data.ptr), d, ctypes.c_void_p(w.data.ptr), 1, ctypes.byref(zero), ctypes.c_void_p(y.data.ptr), 1)
    g64 = lambda: lib.cublasDgemv_v2_64(ctypes.c_void_p(h), T, ctypes.c_int64(d), ctypes.c_int64(n), ctypes.byref(one), ctypes.c_void_p(X.data.ptr), ctypes.c_int64(d), ctypes.c_void_p(w.data.ptr), ctypes.c_int64(1), ctypes.byref(zero), ctypes.c_void_p(y.data.ptr), ctypes.c_int64(1))
    r = {}
    for name, f in (("XT@v 32-bit", f32), ("XT@v 64-bit", f64), ("X@w 32-bit", g32), ("X@w 64-bit", g64)):
        print("calling", name, flush=True)
        st = f(); s = timeit(f); r[name] = f"{s*1e3:.3f} ms {X.nbytes/s/1e9:.0f} GB/s st={st}"
    print(n, d, r, flush=True)
