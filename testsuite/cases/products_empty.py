# Products with an empty axis, as the last step of a Gram-Schmidt loop makes them
# (`q @ A[:, k + 1:]` at k = n - 1): empty results, and sums over an empty axis (zeros),
# at any rank count.
import numpy as np

A = np.arange(30.0).reshape(6, 5) / 7 + np.eye(6, 5)
x = A[:, 4] @ A[:, 5:]
print(x, x.shape, np.sum(x))
y = A[:, 5:].T @ A[:, 0]
print(y, y.shape)
z = A[:0, :].T @ np.ones(0)
print(z)
w = A[:, :0] @ np.ones(0)
print(w)
Q = np.zeros_like(A)
R = np.zeros((5, 5))
V = A.copy()
for k in range(5):
    R[k, k] = np.linalg.norm(V[:, k])
    Q[:, k] = V[:, k] / R[k, k]
    R[k, k + 1:] = Q[:, k] @ V[:, k + 1:]
    V[:, k + 1:] -= np.outer(Q[:, k], R[k, k + 1:])
print(np.allclose(Q @ R, A), np.round(np.diag(R), 10))
