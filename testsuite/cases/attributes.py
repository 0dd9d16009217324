# whitespace: exact
# shape, ndim, size, dtype and len on arrays and views; shape used in arithmetic.
import numpy as np

a = np.zeros((3, 5))
b = np.arange(7, dtype=np.int32)
c = np.ones((2, 3, 4), dtype=np.float32)
d = np.array([True, False])
print(a.shape, a.ndim, a.size, a.dtype, len(a))
print(b.shape, b.ndim, b.size, b.dtype, len(b))
print(c.shape, c.ndim, c.size, c.dtype, len(c))
print(d.shape, d.ndim, d.size, d.dtype, len(d))
v = a[1:, ::2]
print(v.shape, v.ndim, v.size, len(v))
r = a[0]
print(r.shape, r.ndim, len(r))
print(a.shape[0], a.shape[1], a.shape[0] * a.shape[1])
n = a.shape[1]
m = b.shape[0]
print(np.zeros(n + m).shape)
e = np.zeros((a.shape[1], a.shape[0]))
print(e.shape)
print((a + 1).dtype, (b * 2).dtype, (b / 2).dtype, (c + 1.0).dtype)
print((b + 1.5).dtype, (d & d).dtype, (b > 3).dtype)
print(np.arange(10)[::3].size)
