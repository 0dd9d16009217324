# Copies large enough to be split over threads (1 MiB and more): whole arrays, strided and
# transposed views, 1-D and 3-D, then written to show that each copy is its own memory.
import numpy as np

n = 600
a = np.arange(n * n, dtype=np.float64).reshape(n, n) * 0.5
b = a.copy()
c = a.T.copy()
d = a[::2, 1:].copy()
e = np.arange(300000) * 3
f = e.copy()
g = (np.arange(40 * 50 * 70) * 1.0).reshape(40, 50, 70)
h = g[:, ::-1, 1::2].copy()
a[0, 0] = -1.0
e[5] = -7
print(b[0, 0], b[n - 1, n - 2], b.sum())
print(c[3, 7], c[n - 1, 0], c.sum(), c.shape)
print(d[1, 0], d[299, 598], d.sum(), d.shape)
print(f[5], f[299999], f.sum())
print(h[1, 2, 3], h[39, 49, 34], h.sum(), h.shape)
p = a.copy()
for it in range(3):
    q = p.copy()
    p[1:-1, 1:-1] = 0.25 * (q[:-2, 1:-1] + q[2:, 1:-1] + q[1:-1, :-2] + q[1:-1, 2:])
print(p.sum(), p[n // 2, n // 3])
