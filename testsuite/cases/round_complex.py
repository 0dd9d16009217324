# np.round / np.around / .round() of complex arrays and complex scalars: NumPy rounds the
# real and the imaginary parts separately, with the float rule (ties to even, negative
# decimals to tens); complex64 stays complex64; a Python complex becomes a complex128;
# the rounding fuses with the expression that makes the array. Also `.round(n)` of the
# NumPy scalars that reductions return (float, int and complex).
import numpy as np

z = np.array([1.23456789 + 2.3456789j, -0.5j, 2.5 + 3.5j, -1.25 - 0.35j, 125.0 - 251.0j])
print(np.round(z, 3))
print(np.around(z, 1))
print(z.round())
print(z.round(-1))
print(np.round(z * 2.0 + 1j, 2))
w = z.astype(np.complex64)
r = np.round(w, 2)
print(r, r.dtype)
m = np.arange(6.0).reshape(2, 3) / 7 + 1j * np.arange(6.0).reshape(2, 3) / 3
print(np.round(m, 4))
print(m.round(2)[1])
s = np.complex128(1.25 + 2.35j)
print(s.round(1), np.round(s, 1))
print(np.round(1.5 + 2.5j), np.round(-3.14159 + 2.71828j, 3))
print(np.sum(z).round(2), z.mean().round(1))

M = np.arange(6.0).reshape(2, 3) / 7
print(M.var().round(6), M.sum().round(3), M.mean().round(2))
print(M.max().round(1), np.float64(2.345).round(2), np.float32(1.2345).round(2))
print(np.arange(5).sum().round(2), M.std().round(), np.min(M).round(-1))
x = M.sum().round(3)
print(x * 2)
