# rtol: 1e-10
# Small polybench-style linear algebra kernels: gemm, atax, bicg, mvt, 2mm.
import numpy as np


def init(rows, cols, shift):
    A = np.zeros((rows, cols))
    for i in range(rows):
        for j in range(cols):
            A[i, j] = ((i * (j + shift)) % rows) / rows
    return A


n = 24
A = init(n, n, 1)
B = init(n, n, 2)
C = init(n, n, 3)
alpha = 1.5
beta = 1.2
gemm = alpha * (A @ B) + beta * C
print("gemm", np.sum(gemm), gemm[2, 3])
x = np.arange(n) * 0.25
atax = np.dot(A.dot(x), A)
print("atax", np.sum(atax), atax[0])
p = np.ones(n)
r = np.arange(n) * 1.0
s = np.dot(r, A)
q = np.dot(A, p)
print("bicg", np.sum(s), np.sum(q))
x1 = np.zeros(n)
x2 = np.zeros(n)
y1 = 1.0 + np.cos(np.arange(n) * 1.0)
y2 = np.sin(np.arange(n) * 1.0)
x1 = x1 + A.dot(y1)
x2 = x2 + np.dot(y2, A)
print("mvt", np.sum(x1), np.sum(x2))
D = init(n, n, 4)
tmp = alpha * np.matmul(A, B)
two_mm = np.matmul(tmp, C) + beta * D
print("2mm", np.sum(two_mm), two_mm[n - 1, n - 1])
