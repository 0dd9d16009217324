# whitespace: exact
# NumPy 2 promotion: Python scalars do not upcast float32 arrays, NumPy
# float64 values and arrays do; integers promote to float64 with floats.
import numpy as np

f = np.arange(5, dtype=np.float32) * 0.1
print(f, f.dtype)
g = f + 1.5
print(g, g.dtype)
h = f * 3
print(h, h.dtype)
d = np.arange(5) * 0.1
print((f + d).dtype, f + d)
i32 = np.arange(5, dtype=np.int32)
i64 = np.arange(5)
print((i32 + i64).dtype, (i32 + 1).dtype, (i32 * 2.5).dtype, (f + i32).dtype, (f + i64).dtype)
print((i32 / 3).dtype, (f / 2).dtype, (f ** 2).dtype, np.sqrt(f).dtype, np.sqrt(i32).dtype)
print(np.sqrt(f))
print(f[3], f[3] * 2, f.sum(), f.max())
s = d[2]
print((f + s).dtype, (f + 2.0).dtype)
t = np.ones(3, dtype=np.float32) / 3
print(t, t[0])
u = np.ones(3, dtype=np.float32)
u += 0.1
print(u, u.dtype, u[0])
print(np.linspace(0.0, 1.0, 4, dtype=np.float32) * 0.3)
