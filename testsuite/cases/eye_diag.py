# whitespace: exact
# eye and diag in both directions.
import numpy as np

I = np.eye(3)
print(I)
print(np.eye(2, dtype=np.int64))
v = np.array([1.0, -2.0, 3.5])
D = np.diag(v)
print(D)
print(np.diag(D))
M = np.zeros((3, 4))
for i in range(3):
    for j in range(4):
        M[i, j] = i * 4 + j
print(np.diag(M))
print(np.diag(np.arange(4)))
A = 4.0 * np.eye(4) + np.ones((4, 4))
print(A)
print(np.diag(A) - 1.0)
