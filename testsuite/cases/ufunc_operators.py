# The ufuncs that are Python's operators, called by name (np.less, np.bitwise_xor...),
# their .outer, and NumPy scalars from Python scalars; Mandelbrot's np.less(abs(z), 2).
import numpy as np
a = np.arange(10) - 4
b = np.array([3, 1, 4, 1, 5, 9, 2, 6, 5, 3])
print(np.less(a, b), np.less_equal(a, 1), np.greater(2, b), np.greater_equal(a, b))
print(np.equal(a, b), np.not_equal(a, 1.0))
print(np.less(1, 2), np.equal(3, 3.0), (np.less(1, 2), np.greater(1.5, 2)))
print(np.bitwise_and(a, b), np.bitwise_or(a, 7), np.bitwise_xor(b, b >> 1))
print(np.left_shift(b, 2), np.right_shift(b, 1), np.invert(b), np.bitwise_not(a > 0))
print(np.bitwise_xor(5, 3), (np.bitwise_and(12, 10),), np.invert(np.uint8(7)))
print(np.logical_xor(a > 0, b > 3), np.logical_xor(a, 0), np.logical_xor(True, False))
x = np.linspace(-1.5, 1.5, 5)
c = x[:, None] + 1j * x[None, :]
z = np.zeros_like(c)
for i in range(6):
    z = z * z + c
print(np.less(abs(z), 2.0).sum(), np.equal(z, z).all())
print(np.less.outer(a[:4], b[:3]), np.equal.outer(b[:3], b[:4]).sum())
print(np.bitwise_xor.outer(np.arange(3), np.arange(4)))
u = np.arange(8, dtype=np.uint8)
print(np.bitwise_xor(u, np.uint8(255)), np.invert(u).dtype)
