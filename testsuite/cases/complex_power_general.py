# rtol: 1e-6
# Complex powers with any exponent (NumPy's npy_cpow: zero bases and exponents, integer
# exponents below 100 by repeated squaring, else exp(b log a)), arrays and NumPy scalars.
import numpy as np
z = np.exp(1j * np.linspace(0.0, 6.0, 9)) * np.linspace(0.5, 2.0, 9)
z[0] = 0.0
for n in range(3):
    e = 1.5 - n
    print(np.power(z, e))
    print(z ** (2.0 * n - 2.0))
k = np.arange(9) - 4
print(z ** k)
w = np.array([0.5 + 0.5j, 2.0 + 0j, -1.0 + 0j, 0j, 1.0 - 2.0j, 3.0 + 0j, 0.25j, -2.5 + 0j, 1e-3 + 0j])
print(z ** w)
c = z.astype(np.complex64) ** np.float32(0.5)
print(c.real, c.imag)
print(np.power(2.0, w))
pts = 1.2 * np.exp(1j * np.linspace(0.1, 6.0, 5))
acc = 0j
for p in pts:
    for n in range(4):
        acc += np.power(p, 1.5 - n) + p ** (n - 1.0)
print(acc)
