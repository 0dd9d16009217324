# whitespace: exact
# np.flip (every axis, one, a tuple, negative), np.fliplr, np.flipud (views: writes show
# through), np.expand_dims (int, negative, tuple), np.diff (n, axis, booleans, integers),
# and a dtype given by position (np.zeros((n, n), np.int32), np.full(shape, v, dtype)).
import numpy as np

n = 6
a = np.arange(float(n))[:, None] * 4.0 + np.arange(4.0)
print(np.flip(a))
print(np.flip(a, 0))
print(np.flip(a, axis=-1))
print(np.flip(a, axis=(0, 1)).sum(axis=0))
print(np.fliplr(a))
print(np.flipud(a)[1:3])
v = np.flipud(a)
v[0, 0] = -1.0
print(a[n - 1])
r = np.arange(10)
print(np.flip(r)[::2], np.flip(r[::3]))
print(np.flip(a, 0) + a)

e = np.expand_dims(r, 0)
print(e.shape, e)
print(np.expand_dims(r, -1).shape, np.expand_dims(a, (0, 3)).shape, np.expand_dims(a, axis=1).shape)
print(np.expand_dims(r, 1) * r)

x = np.array([1.0, 4.0, 9.0, 16.0, 25.0, 36.0])
print(np.diff(x))
print(np.diff(x, n=2))
print(np.diff(x, 3))
print(np.diff(x, n=0))
print(np.diff(a, axis=0))
print(np.diff(a))
print(np.diff(np.array([3, 1, 4, 1, 5, 9, 2, 6])))
print(np.diff(np.array([True, True, False, True])))
print(np.diff(np.arange(5, dtype=np.int32) ** 2).dtype)
print(np.diff(x * x - 1.0).sum())

z = np.zeros((3, 2), np.int32)
print(z.dtype, z)
print(np.ones(4, np.float32).dtype, np.full((2, 2), 7, np.int64), np.empty(0, np.int32).dtype)
print(np.zeros_like(a, np.int32).dtype, np.full_like(r, 3, np.float64))
