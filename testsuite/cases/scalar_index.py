# whitespace: exact
# Scalar element reads and writes, with computed and negative indices.
import numpy as np

a = np.zeros(6)
for i in range(6):
    a[i] = i * i + 0.5
print(a)
print(a[0], a[5], a[-1], a[-6])
n = 2
a[n * 2] = -1.0
a[-n] += 100.0
print(a)
M = np.zeros((3, 3), dtype=np.int64)
for i in range(3):
    for j in range(3):
        M[i, j] = (i * 7 + j * 3 + 1) % 5
print(M)
s = 0
for i in range(3):
    s = s + M[i, i] * M[i, 2 - i]
print("s =", s)
M[1, -1] = 42
M[-1, 0] -= 10
print(M)
x = M[1, 2] + 0.5
print(x)
f = np.arange(4, dtype=np.float32) * 0.1
print(f[3], f[1] + f[2])
b = np.array([True, False])
print(b[0], b[1], b[-1])
h = np.arange(5) * 2
total = 0
k = 0
while k < len(h):
    total += h[k]
    k += 1
print(total, h[len(h) - 1])
