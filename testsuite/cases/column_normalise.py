# rtol: 1e-12
# Column statistics with axis reductions and broadcasting a row back over the matrix.
import numpy as np

rows = 8
cols = 5
X = np.zeros((rows, cols))
for i in range(rows):
    for j in range(cols):
        X[i, j] = ((i * 3 + j * 5) % 11) * (j + 1) * 0.5
mean = X.mean(axis=0)
centered = X - mean
var = np.mean(centered ** 2, axis=0)
std = np.sqrt(var)
Z = centered / std
print("mean:", mean)
print("std:", std)
print(Z[:3])
print("column means after:", np.max(np.abs(Z.mean(axis=0))) < 1e-12)
print("column stds after:", np.sqrt(np.mean(Z ** 2, axis=0)))
lo = X.min(axis=0)
hi = X.max(axis=0)
S = (X - lo) / (hi - lo)
print(S[-2:])
print(np.argmax(X, axis=0), np.argmin(X, axis=1))
