# Reductions of Python and NumPy scalars return NumPy scalars, as NumPy does.
import numpy as np

x = 2.5
k = 3
print(np.mean(2.0), np.mean(k), np.mean(True), np.sum(2.0), np.sum(k), np.sum(True))
print(np.max(k), np.max(x), np.min(True), np.amax(x), np.amin(k), np.prod(k))
print(np.std(2.0), np.var(k), np.std(np.float32(x)), np.var(True))
print((np.mean(2.0), np.sum(k), np.max(x), np.min(True), np.prod(True)))
print((np.mean(np.float32(x)), np.sum(np.int32(k)), np.max(np.int32(k)), np.sum(np.float32(x))))
print((np.std(np.float32(x)), np.var(np.int32(k)), np.mean(np.int32(k))))
print(np.mean(np.float32(x)) + 1, np.sum(np.int32(k)) * 2)
print(np.any(k), np.all(0.0), np.mean(x, axis=None), np.argmax(x), np.argmin(k))
print(np.sum(x) / 2, np.mean(k) * 3)
y = np.mean(x)
y = y + np.max(x)
print(y)
x = np.float64(2.5)
print(x.mean(), x.sum(), x.max(), np.int64(3).prod(), x.std(), x.argmax(), np.float32(1.5).mean())
