# rtol: 1e-9
# Dominant eigenvalue of a symmetric matrix by power iteration with normalisation.
import numpy as np

n = 30
A = np.zeros((n, n))
for i in range(n):
    for j in range(n):
        A[i, j] = 1.0 / (i + j + 1.0)
v = np.ones(n)
lam = 0.0
it = 0
while it < 60:
    w = A @ v
    lam = np.dot(v, w) / np.dot(v, v)
    v = w / np.linalg.norm(w)
    it += 1
    if it % 20 == 0:
        print(f"iteration {it}: lambda = {lam:.12f}")
print("eigenvalue:", lam)
print("eigenvector head:", v[:3])
res = np.linalg.norm(A @ v - lam * v)
print("residual small:", res < 1e-9)
