# whitespace: exact
# Slice assignment with broadcasting of scalars, rows and columns.
import numpy as np

g = np.zeros((4, 6))
g[:, 0] = -273.15
g[:, -1] = -273.15
g[-1, :] = -273.15
g[0, :] = 40.0
print(g)
h = np.zeros((3, 4))
h[:] = np.array([1.0, 2.0, 3.0, 4.0])
print(h)
h[1:, 2:] = 0.5
print(h)
h[:, 1] = np.array([7.0, 8.0, 9.0])
print(h)
h[::2, ::3] = -1.0
print(h)
v = np.zeros(10, dtype=np.int64)
v[::3] = 1
v[1:4] = np.array([5, 6, 7])
v[-2:] = v[:2]
print(v)
w = np.arange(6) * 1.0
w[1:] = w[:-1]
print(w)
w[:-1] = w[1:] * 2
print(w)
f = np.zeros(5, dtype=np.float32)
f[1:4] = 0.1
print(f, f.dtype)
b = np.zeros(6, dtype=bool)
b[::2] = True
print(b)
