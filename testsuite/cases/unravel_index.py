# np.unravel_index: of argmax and argmin (NumPy scalars, unpacked), C and F order, arrays of
# indices (int32 too, 2-D), a one-axis shape; on a distributed array's argmax.
import numpy as np

a = np.arange(12.0).reshape(3, 4)
a[1, 2] = 50
print(np.unravel_index(np.argmax(a), a.shape))
i, j = np.unravel_index(np.argmin(-a), a.shape)
print(i, j, a[i, j])
print(np.unravel_index(7, (2, 3, 4)), np.unravel_index(7, (2, 3, 4), order="F"))
idx = np.array([0, 5, 11, 3], dtype=np.int32)
r, c = np.unravel_index(idx, (3, 4))
print(r, c, r.dtype)
print(np.unravel_index(np.array([[1, 2], [3, 4]]), (5, 1)))
print(np.unravel_index(5, 6))
b = np.random.default_rng(1).random((40, 50))
print(np.unravel_index(b.argmax(), b.shape), b.max())
