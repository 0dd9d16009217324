# rtol: 1e-9
# Arrays of complex128 and complex64 (split over the ranks): construction, arithmetic and
# promotion, the functions of complex numbers, sums and means (whole and along axes),
# elements, slices, printing (small, exponent forms, non-finite, summarised).
import numpy as np

n = 24
x = np.linspace(0.0, 1.0, n)
c = np.exp(2j * np.pi * x) * (1.0 + x)
print(c)
print(c.dtype, c.shape, c.sum(), np.mean(c))
g = c.reshape(4, 6)
print(g.sum(axis=0))
print(np.mean(g, axis=1))
print(np.abs(g).sum(), np.angle(g[1]), g.real.max(), g.imag.min())
print(np.conj(g[2]), g.conj()[3, 1:4])
print(np.sqrt(g - 1.5))
print(np.log(g + 2j))
print(g * g - g / (g + 1j) + 2)
h = np.zeros((3, 3), dtype=complex)
h[1:, 1:] = 1.5e10 - 2.5e-3j
h[0, 0] = complex(np.nan, np.inf)
h[2, 0] = -1j
print(h)
print(h[1, 1], h[2, 0], h[0, 0] != h[0, 0])
k = np.arange(8).astype(np.complex64) / 3 + 1j
print(k, k.dtype, k.astype(np.complex128).sum(), (k * 2).dtype, (k * np.float64(2)).dtype)
f = np.ones(5, dtype=np.float32) * (0.5 + 0.25j)
print(f, f.dtype)
m = np.full(3, 2 + 0j)
print(m, m ** 5, (m + 1j) ** -2, m ** 0)
z = np.zeros((6, 5), dtype=np.complex128)
z[...] = x[:5] * 1j
z[2:4] += g[0, :5]
print(z.sum(axis=1), z.mean(axis=0), z.real.sum(), z.imag.sum())
print(np.where(np.abs(g) > 1.5, g, 0))
big = np.ones(2000, dtype=np.complex128) * (1e-5 + 3e8j)
big[1000] = 7 - 7j
print(big, big.sum())
a = np.array([1 + 2j, 3, -0.5j])
print(a, a.dtype, np.array([1, 2], dtype=np.complex64))
print(np.real(a), np.imag(np.arange(3.0)), np.angle(np.array([-1.0, 2.0])))
# Products: real products of the parts (BLAS, split over ranks).
P = (np.arange(12.0).reshape(3, 4) + 1) * (1 + 0.5j) + 2j
Q = (np.arange(8.0).reshape(4, 2) - 0.5) * (0.25 - 1j)
v = np.linspace(1.0, 2.0, 4)
print(P @ Q, np.dot(P, v), v @ Q, np.matmul(P[:2], Q.real), P.dot(Q).sum())
print((P.conj() @ P.T).imag.sum(), (v * 1j) @ (v * 1j))
w = c + 1e-9j
print(np.isclose(c[:6], w[:6]), np.allclose(c, w), np.allclose(c, c * 1.001), np.isclose(c[:4], 1 + 0j))
print(np.cumsum(w[:5]), g.cumsum(axis=1)[1], np.vdot(c[:5], c[5:10]), np.vdot(x[:4], c[:4]))
