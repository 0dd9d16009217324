# np.linalg calls legatec refuses, all located in one compile: the general eigenproblem
# (complex results), a near-miss name, stacked matrices, Hermitian shortcuts, NumPy 2's
# rtol= spelling, qr's and eigh's string options, a 3-D right-hand side, and a
# stacked matrix 2-norm.
import numpy as np

a = np.eye(3)
w, v = np.linalg.eig(a)
print(np.linalg.solv(a, np.ones(3)))
print(np.linalg.inv(np.ones((2, 3, 3))))
print(np.linalg.svd(a, hermitian=True))
print(np.linalg.matrix_rank(a, rtol=1e-3))
print(np.linalg.qr(a, mode="economic"))
print(np.linalg.eigh(a, UPLO="X"))
print(np.linalg.lstsq(a, np.ones((3, 2, 2))))
print(np.linalg.norm(np.ones((2, 3, 3)), ord=2, axis=(1, 2)))
