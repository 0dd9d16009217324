# rtol: 1e-9
# Whole-array reductions as functions and methods, on every dtype.
import numpy as np

a = np.array([3.5, -1.25, 8.0, 0.5, -6.0, 2.25])
print(np.sum(a), np.prod(a), np.mean(a), np.max(a), np.min(a))
print(a.sum(), a.prod(), a.mean(), a.max(), a.min())
print(np.argmax(a), np.argmin(a), a.argmax(), a.argmin())
i = np.array([4, -2, 7, 7, 0, -9])
print(np.sum(i), np.prod(i), np.mean(i), np.max(i), np.min(i), np.argmax(i), np.argmin(i))
f = np.array([0.5, 0.25, 1.5, 2.0], dtype=np.float32)
print(np.sum(f), f.prod(), f.mean(), f.max(), f.min(), f.argmax())
print(np.sum(f).dtype, f.mean().dtype)
j = np.arange(1, 11, dtype=np.int32)
print(j.sum(), j.prod(), j.mean(), j.max(), j.sum().dtype)
b = np.array([True, False, True, True])
print(np.sum(b), np.any(b), np.all(b), b.any(), b.all())
print(np.any(a > 7.0), np.all(a > -7.0), np.any(i == 1), (i < 8).all())
M = np.zeros((30, 40))
for r in range(30):
    M[r, :] = np.sin(np.arange(40) * 0.1 + r)
print(np.sum(M), np.mean(M), np.max(M), np.min(M), np.argmax(M), np.argmin(M))
big = np.arange(100000) * 0.001
print(np.sum(big), np.mean(big), np.sum(big * big))
print(np.sum(np.arange(100000)), np.prod(np.arange(1, 21)))
