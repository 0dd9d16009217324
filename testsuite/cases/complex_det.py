# rtol: 1e-12
# np.linalg.det and slogdet of complex matrices (LU pivots: the phases' product and the
# magnitudes' log sum, det = sign * exp(logabsdet)), complex64 kept; NumPy's repr of complex
# scalars inside tuples (np.complex128(1+2j), without the inner parentheses).
import numpy as np
rng = np.random.default_rng(11)
a = rng.random((5, 5)) + 1j * rng.random((5, 5))
print(np.linalg.det(a))
s = np.linalg.slogdet(a)
print(s.sign, s.logabsdet)
sign, logdet = np.linalg.slogdet(a)
print(sign * np.exp(logdet))
b = a.astype(np.complex64)
print(np.linalg.det(b), np.linalg.slogdet(b))
print(np.linalg.det(np.eye(3, dtype=complex)), np.linalg.det(np.zeros((2, 2), dtype=complex)))
print(np.linalg.slogdet(np.zeros((2, 2), dtype=complex)))
z = np.array([[1j, 2.0], [3.0, 4j]])
print(np.linalg.det(z))
print((np.complex128(1 + 2j), np.complex64(-0.5j), np.complex128(-1.5 + 0j)))
