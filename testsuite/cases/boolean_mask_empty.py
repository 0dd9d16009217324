# A 0-length boolean mask on a non-empty axis selects nothing (NumPy 2 accepts an
# extent of 0 on any axis of the mask), for reads and writes.
import numpy as np

a = np.arange(5.0)
empty = np.zeros(0, dtype=bool)
print(a[empty], a[empty].shape)
b = np.arange(6).reshape(2, 3)
print(b[empty], b[empty].shape)
c = np.arange(24.0).reshape(2, 3, 4)
print(c[np.zeros((2, 0), dtype=bool)].shape, c[np.zeros((0, 3), dtype=bool)].shape)
print(c[np.zeros((0, 0, 0), dtype=bool)])
a[empty] = 7.0
print(a)
b[empty] = np.zeros(3, dtype=np.int64)
print(b)
a[empty] += 1.0
print(a)
z = np.zeros(0)
print(z[empty])
