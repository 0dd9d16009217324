# np.diag of matrices split by rows over ranks (each rank copies the diagonal elements of
# its own rows, for every k), np.diag of a vector and np.eye built row by row, views that
# start at another row, transposed and row-strided views, int64 and bool, fewer rows than
# ranks, and the dense Jacobi splitting A = D + R.
import numpy as np

n = 9
A = np.zeros((n, n))
for i in range(n):
    A[i, :] = np.arange(n) * 0.5 + i * i
print(np.diag(A), np.diag(A, 2), np.diag(A, -3))
print(np.diag(A, 8), np.diag(A, -8), np.diag(A, 20), np.diag(A, -20))
B = np.zeros((7, 4)) - 1.0
for i in range(7):
    B[i, :] = np.arange(4) - i
print(np.diag(B), np.diag(B, 1), np.diag(B, -2), np.diag(B, -5), np.diag(B, 3))
print(np.diag(B[2:]), np.diag(B[1:, 1:], -1), np.diag(B.T), np.diag(B[::2]), np.diag(B[::-1]))
d = np.diag(A)
print(d * 2.0 + np.arange(n), np.sum(d))
D = np.diag(d)
R = A - np.diag(np.diag(A))
print(np.sum(R), R[3, 3], R[3, 4], D[4, 4], np.sum(D))
print(np.eye(n) + A, np.eye(5, 7, k=1), np.eye(6, 3, k=-2, dtype=np.int64), np.identity(4))
K = np.zeros((6, 6), dtype=np.int64) + 3
K[4, 4] = -7
print(np.diag(K), np.diag(K > 0, -1), np.diag(np.diag(K)))
few = np.zeros((2, 5)) + 4.0
print(np.diag(few), np.diag(few, 3), np.diag(np.zeros((1, 1)) + 2.0))
