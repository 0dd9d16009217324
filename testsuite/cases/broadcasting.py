# whitespace: exact
# Broadcasting: scalars, rows against matrices, 2-D against 3-D, and size-1 axes.
import numpy as np

M = np.zeros((3, 4))
for i in range(3):
    for j in range(4):
        M[i, j] = i * 10 + j
row = np.array([1.0, 2.0, 3.0, 4.0])
print(M + row)
print(M * row - 1)
print(row / (M + 1.0))
col = np.ones((3, 1)) * 2.0
col[1, 0] = -1.0
print(M * col)
print(col + row)
T = np.ones((2, 3, 4))
print(T * M)
print(T + row)
print(np.maximum(M, row * 5.0))
print(np.where(M > row * 4.0, M, row))
print((M + row).shape, (col + row).shape, (T * M).shape)
