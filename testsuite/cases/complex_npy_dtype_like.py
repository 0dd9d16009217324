# Complex arrays through .npy files (both precisions, a strided view saved), and dtypes
# taken from another array: `dtype=a.dtype`, `np.empty_like`/`np.full_like`/`np.zeros_like`
# with a `dtype=` keyword.
import numpy as np

n = 9
z = np.arange(n) * (1.5 - 0.5j) + 2j
z64 = (z / 3).astype(np.complex64)
np.save("complex_npy_z.npy", z)
np.save("complex_npy_z64.npy", z64[::2])
back = np.load("complex_npy_z.npy")
back64 = np.load("complex_npy_z64.npy")
print(back, back.dtype, np.array_equal(back, z))
print(back64, back64.dtype, back64.shape)

a = np.arange(6, dtype=np.int16).reshape(2, 3)
b = np.zeros((3, 2), dtype=a.dtype)
c = np.ones(4, a.dtype)
print(b.dtype, c.dtype, (b + 1).dtype)
e = np.empty_like(a, dtype=np.float32)
e[:] = 0.25
f = np.full_like(a, 7, dtype=np.float64)
g = np.zeros_like(a, dtype=complex)
h = np.ones_like(z64, dtype=z.dtype)
print(e, e.dtype, f, f.dtype, g.dtype, h.dtype, h.shape)
x = np.linspace(0.0, 1.0, 5, dtype=e.dtype)
print(x.dtype, np.arange(3, dtype=z64.dtype))
