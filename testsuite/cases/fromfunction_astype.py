# .astype of expressions not yet computed: np.fromfunction's coordinates converted
# (to float, int32, int64 after a division), and of array expressions (float to int32 and
# uint8, bool to float).
import numpy as np

a = np.fromfunction(lambda i, j: (i + j).astype(np.float64), (3, 4))
print(a, a.dtype)
b = np.fromfunction(lambda i, j: ((i * j) % 5).astype(np.int32), (3, 4), dtype=int)
print(b, b.dtype)
c = np.fromfunction(lambda i: (i / 2).astype(np.int64) * 3, (5,))
print(c, c.dtype)
x = np.arange(5.0)
y = (x * 1.7).astype(np.int32) + 1
print(y, y.dtype)
z = (x + 2.5).astype(np.uint8)
print(z)
w = (x > 2).astype(float) * 2
print(w)
dist = np.fromfunction(lambda i, j: np.minimum(abs(i - j), 9).astype(np.float64), (6, 6))
print(dist.sum(axis=0))
