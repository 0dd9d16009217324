# rtol: 1e-12
# np.linalg.norm of complex vectors and matrices: the norms of the magnitudes (the matrix
# 2-norm and nuclear norm, from singular values, are refused).
import numpy as np
z = np.exp(1j * np.linspace(0.0, 3.0, 7)) * np.arange(1, 8)
M = z[:6].reshape(2, 3) + 0.5j
print(np.linalg.norm(z), np.linalg.norm(z, 1), np.linalg.norm(z, np.inf), np.linalg.norm(z, -np.inf), np.linalg.norm(z, 3))
print(np.linalg.norm(M), np.linalg.norm(M, "fro"), np.linalg.norm(M, 1), np.linalg.norm(M, np.inf), np.linalg.norm(M, axis=1))
print(np.linalg.norm(M, axis=0, keepdims=True), np.linalg.norm(z.astype(np.complex64)))
