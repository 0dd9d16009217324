# Kernels split over threads (testsuite/tests/threads.rs): the same output, bit for bit, at
# every thread count. Float sums (pairwise over a tree that depends on the shape only), a sum
# fused into a stencil's store, min/max and integer partials, axis reductions, an in-place
# stencil (row blocks into temporaries), and a copy. Arithmetic only: math functions such as
# np.sin may differ in the last bit between a kernel's vector loop and its scalar remainder,
# whose places chunk edges move.
import numpy as np

n = 700
x = np.arange(n * n) * 1e-3
y = x - np.floor(x)
a = (y * (1.0 - y) * 4.0 - 0.5).reshape(n, n) * 1e8 + (x * 0.37 % 1.0).reshape(n, n)
print(float(np.sum(a)), float(np.sum(a * a)))
print(float(np.max(a)), float(np.min(a)), int(np.sum(np.arange(n * n) % 7)))
print(float(np.sum(np.sum(a, axis=0))), float(np.sum(np.mean(a, axis=1))))
u = a.copy()
for it in range(3):
    u[1:-1, 1:-1] = 0.25 * (u[:-2, 1:-1] + u[2:, 1:-1] + u[1:-1, :-2] + u[1:-1, 2:])
    d = np.sum(np.abs(u - a))
print(float(d), float(np.sum(u)))
b32 = a.astype(np.float32)
print(float(np.sum(b32)), float(np.sum(b32 * 0.5)))
