# rtol: 1e-10
# Products of views as they lie: transposed, row-strided, column-sliced and reversed operands,
# every 1-D/2-D combination, float64, float32, int64, int32 and bool, empty inner axes, and
# sizes that split unevenly over ranks.
import numpy as np

m, k, n = 7, 5, 6
A = np.zeros((m, k))
B = np.zeros((k, n))
for i in range(m):
    A[i, :] = np.cos(np.arange(k) * 0.7 + i) + 0.25 * i
for i in range(k):
    B[i, :] = np.sin(np.arange(n) * 0.3 - i) - 0.5
x = np.arange(k) * 0.5 - 1.0
y = np.linspace(-2.0, 3.0, m)
z = np.linspace(1.0, 2.0, n)

print(A @ B)
print(A.T @ y, y @ A, np.dot(A.T, y), A.T.dot(y))
print(B.T @ A.T)
print(np.dot(B.T, x), x @ B, np.matmul(x, B))
print(A @ x, A.dot(x), np.matmul(A, x))
print(np.dot(x, x), x @ x, np.dot(y, y))
# A.T @ A and A @ A.T (one operand the transpose of the other).
print(A.T @ A)
print(A @ A.T)
# Strided and sliced views.
print(A[::2] @ B, A[1::3] @ x)
print(A[:, 1:4] @ B[1:4, :])
print(A[::-1] @ B[:, ::-1])
print(B[:, ::2].T @ x, A[2:5, :].T @ y[2:5])
print(A[::2, ::2] @ B[::2, ::3])
# float32 keeps float32.
A32 = A.astype(np.float32)
B32 = B.astype(np.float32)
r32 = A32 @ B32
print(r32.dtype, np.abs(r32 - (A @ B)).max() < 1e-5)
print((A32.T @ y.astype(np.float32)).dtype)
# Integers wrap like NumPy's, bools are or-of-ands.
I = np.arange(m * k).reshape(m, k) - 11
J = np.arange(k * n).reshape(k, n) * 3 - 7
print(I @ J, (I @ J).dtype)
print(I.T @ np.arange(m), I[::2, 1:] @ J[1:, ::2])
I32 = I.astype(np.int32)
print(I32 @ J.astype(np.int32), (I32 @ J.astype(np.int32)).dtype)
big = np.full((2, 2), 2**62, dtype=np.int64)
print(big @ big)
P = (I % 3) == 0
Q = (J % 4) == 1
print(P @ Q, (P @ Q).dtype)
# Empty inner and outer axes.
E = np.zeros((3, 0))
F = np.zeros((0, 4))
print(E @ F, (E @ F).shape, np.dot(np.zeros(0), np.zeros(0)))
print((np.zeros((0, 3)) @ np.ones((3, 2))).shape)
# A tall, skinny matrix (logistic regression's shapes).
rows = 1003
X = np.zeros((rows, 4))
for j in range(4):
    X[:, j] = np.cos(np.arange(rows) * (0.01 * (j + 1)))
w = np.array([0.5, -1.0, 2.0, 0.25])
v = np.sin(np.arange(rows) * 0.03)
print(np.sum(X @ w), X.T @ v, X.T.dot(v), v @ X)
print(X.T @ X)
bv = np.array([True, False, True])
print(bv @ bv, np.dot(bv, ~bv), bv @ np.array([[True, False], [False, False], [False, True]]))
# Matrices split by rows over ranks (made by np.zeros), int64, bool and float32: each rank
# multiplies its own rows.
Kd = np.zeros((m, k), dtype=np.int64) + 3
Kd[2, 1] = -9
print(Kd @ np.arange(k), (Kd > 0) @ (np.arange(k) > 1), Kd @ np.ones((k, 2), dtype=np.int64))
Fd = np.zeros((m, k), dtype=np.float32) + 0.5
print(Fd @ np.arange(k, dtype=np.float32), (Fd @ np.arange(k, dtype=np.float32)).dtype)
# Products summed over ranks: the inner axis split by rows (A.T @ v, v @ A, u @ v, A.T @ B),
# operands split alike, one not lined up with the other (sliced), one replicated (a reshape
# forces it), int64, bool and float32, fewer rows than ranks, an inner axis of one, and in
# a loop (gradient descent).
G = np.zeros((11, 3))
for j in range(3):
    G[:, j] = np.arange(11) * (j + 1) - 4.0
g = np.linspace(-1.0, 1.0, 11)
H = np.zeros((11, 2)) + 0.25
H[3, 1] = -2.0
print(G.T @ g, g @ G, g @ g, np.dot(g, g))
print(G.T @ H, H.T @ G, G.T.dot(H))
print(G[1:].T @ g[:-1], g[2:] @ G[:-2], G[::2].T @ g[::2], g[::-1] @ G)
rep = np.arange(11.0).reshape(11, 1)[:, 0]
print(G.T @ rep, rep @ G, rep @ g)
Gi = np.zeros((11, 3), dtype=np.int64) + np.arange(3) - 1
Gi[5, 2] = 2**40
print(Gi.T @ np.arange(11), np.arange(11) @ Gi, (Gi > 0).T @ (np.arange(11) > 5))
print(Gi.T @ Gi, (Gi.T @ Gi).dtype)
# float32 with integer values, so that every order of summation gives the same result.
G32 = G.astype(np.float32)
g32 = np.arange(11, dtype=np.float32) - 5.0
print(G32.T @ g32, (G32.T @ g32).dtype, g32 @ G32)
few = np.zeros((2, 3)) + 1.5
print(few.T @ np.array([1.0, -2.0]), np.ones((1, 3)).T @ np.ones(1), np.ones(1) @ np.ones((1, 4)))
wv = np.zeros(3)
for it in range(3):
    wv = wv - 0.001 * (G.T @ (G @ wv - g))
print(wv)
# A product of a few leading rows (at 2 ranks, all on the first rank; the others own none).
print(G[:3] @ np.ones(3), H[:4] @ np.ones(2), np.dot(G[9:], np.ones(3)), G[:3] @ G[:3].T)
