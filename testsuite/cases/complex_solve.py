# rtol: 1e-9
# np.linalg.solve and inv of complex matrices (the real system of twice the size), with
# real or complex right-hand sides, vectors and matrices, complex64 kept.
import numpy as np
n = 4
i = np.arange(n)
A = (np.add.outer(i, i) % 5 + np.eye(n) * 4.0) + 1j * (np.subtract.outer(i, i) * 0.5)
b = np.arange(n) + 0.25j
x = np.linalg.solve(A, b)
print(x)
print(np.allclose(A @ x, b))
Ainv = np.linalg.inv(A)
print(Ainv[0, 1:], Ainv.real[0, 0], np.allclose(A @ Ainv, np.eye(n)))
B = np.stack([b, b * 2j], axis=1)
print(np.linalg.solve(A, B).shape, np.linalg.solve(A, B)[2])
R = np.add.outer(i, i) % 5 + np.eye(n) * 4.0
print(np.linalg.solve(R, b), np.linalg.solve(A, np.arange(n) * 1.0))
z = np.array([1 + 1j, 2.0]).astype(np.complex64)
M = (np.eye(2) * (2 + 0.5j)).astype(np.complex64)
print(np.linalg.solve(M, z).dtype, np.linalg.inv(M).dtype)
