# whitespace: exact
# Basic slicing: negative bounds, steps, reversed, integer indices dropping dimensions.
import numpy as np

a = np.arange(10)
print(a[2:5], a[:3], a[7:], a[-3:], a[:-7], a[-4:-1])
print(a[::2], a[1::3], a[::-1], a[8:2:-2], a[-1:-5:-1])
print(a[5:2], a[100:], a[-100:2])
n = 4
print(a[n:], a[:n], a[n - 1:n + 2], a[::n])
M = np.zeros((4, 5))
for i in range(4):
    for j in range(5):
        M[i, j] = i * 5 + j
print(M[1])
print(M[:, 2])
print(M[-1, :])
print(M[1:3, 1:4])
print(M[::2, ::-1])
print(M[::-1, 1])
print(M[2, ::2])
print(M[:, -2:])
print(M[1:-1, 1:-1])
print(M[1, 2], M[-1, -1], M[0, -2])
print(M[1:3, 1:4].shape, M[1].shape, M[:, 2].shape, M[::2, ::-1].shape)
T = np.zeros((2, 3, 4), dtype=np.int64)
for i in range(2):
    for j in range(3):
        for k in range(4):
            T[i, j, k] = 100 * i + 10 * j + k
print(T[1])
print(T[:, 1, :])
print(T[0, :, 3])
print(T[1, 2, 3], T[-1, -1, -1])
print(T[:, ::2, 1:3])
