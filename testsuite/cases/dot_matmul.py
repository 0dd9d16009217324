# rtol: 1e-10
# np.dot, @, np.matmul and .dot for vector-vector, matrix-vector and matrix-matrix.
import numpy as np

u = np.array([1.0, 2.0, 3.0])
v = np.array([-1.0, 0.5, 4.0])
print(np.dot(u, v), u @ v, np.matmul(u, v), u.dot(v))
A = np.zeros((3, 3))
B = np.zeros((3, 2))
for i in range(3):
    for j in range(3):
        A[i, j] = i - 2 * j + 1
    B[i, 0] = i + 1
    B[i, 1] = -i * 0.5
print(np.dot(A, u), A @ u, A.dot(v), np.matmul(A, v))
print(np.dot(u, A), u @ A)
print(np.dot(A, B))
print(A @ B)
print(np.matmul(A, A))
print(A.dot(A).dot(u))
k = np.arange(4)
K = np.ones((2, 4), dtype=np.int64)
K[1, :] = k
print(np.dot(k, k), K @ k, (K @ k).dtype)
n = 64
X = np.zeros((n, n))
for i in range(n):
    X[i, :] = 2.0 + np.cos(np.arange(n) * 0.05 * (i + 1))
y = 1.5 + np.sin(np.arange(n) * 0.2)
print(np.sum(X @ y), np.sum(X @ X), np.dot(y, y))
print((X @ X)[3, 5], (X @ X)[n - 1, 0])
