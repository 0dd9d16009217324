# rtol: 1e-12
# np.linalg.norm: 2-norm of vectors, Frobenius norm of matrices.
import numpy as np

v = np.array([3.0, 4.0])
print(np.linalg.norm(v))
w = np.arange(10) * 0.5 - 2.0
print(np.linalg.norm(w))
M = np.ones((3, 4)) * 0.5
M[1, 2] = -3.0
print(np.linalg.norm(M))
print(np.linalg.norm(np.arange(5)))
x = np.linspace(0.0, 1.0, 1001)
print(np.linalg.norm(x), np.linalg.norm(x - 0.5))
print(np.linalg.norm(np.eye(4)))
r = np.linalg.norm(v - np.array([3.0, 4.0]))
print(r, r < 1e-12)
