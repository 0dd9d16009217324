# whitespace: exact
# Reductions along an axis, as functions and methods, on 2-D and 3-D arrays.
import numpy as np

M = np.zeros((3, 4))
for i in range(3):
    for j in range(4):
        M[i, j] = (i * 5 + j * 3) % 7 - 2.5
print(M)
print(np.sum(M, axis=0), M.sum(axis=1))
print(np.mean(M, axis=0), M.mean(axis=1))
print(np.max(M, axis=0), M.min(axis=1))
print(np.argmax(M, axis=0), M.argmin(axis=1))
print(np.prod(M, axis=1))
print(np.any(M > 3.0, axis=0), np.all(M > -2.0, axis=1))
K = np.zeros((2, 3, 4), dtype=np.int64)
for i in range(2):
    for j in range(3):
        for k in range(4):
            K[i, j, k] = (i * 12 + j * 4 + k) * ((-1) ** k)
print(K.sum(axis=0))
print(K.sum(axis=1))
print(K.sum(axis=2))
print(np.max(K, axis=2), np.argmin(K, axis=1))
print(K.sum(axis=0).shape, K.sum(axis=1).dtype, K.mean(axis=2).dtype)
print(np.sum(M, axis=-1), np.max(K, axis=-1).shape)
