# whitespace: exact
# zeros_like, ones_like, empty_like and full_like keep shape and dtype.
import numpy as np

base = np.arange(6, dtype=np.int32)
grid = np.ones((2, 3)) * 0.5
flags = np.zeros(4, dtype=bool)

z = np.zeros_like(base)
o = np.ones_like(grid)
e = np.empty_like(grid)
f = np.full_like(base, 9)
g = np.full_like(grid, -2.25)
h = np.ones_like(flags)
k = np.zeros_like(grid, dtype=np.int64)
print(z, z.dtype)
print(o, o.dtype)
print(e.shape, e.dtype)
e[:] = 3.0
print(e)
print(f, f.dtype)
print(g, g.dtype)
print(h, h.dtype)
print(k, k.dtype)
f[2] = 100
print(f, base)
