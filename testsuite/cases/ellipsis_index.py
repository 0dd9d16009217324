# `...` in subscripts: reads and writes, with integers, slices and new axes around it.
import numpy as np

a = np.arange(24.0).reshape(2, 3, 4)
print(a[..., 1])
print(a[0, ..., 1:3])
print(a[..., np.newaxis, 2].shape, a[None, ..., 0].shape)
print(a[...].sum(), a[1, 2, ...])
a[..., 0] = -1.0
print(a)
b = np.zeros(5)
b[...] = 7.0
print(b)
m = np.ones((3, 3))
m[1, ...] = 2.0
print(m.sum(), m[..., 1])
