# rtol: 1e-12
# dtype= of sum, prod and mean (methods and functions): wider integers, integers that wrap
# in a narrow dtype, floats of another width, booleans counted in a given dtype, with axis
# and keepdims.
import numpy as np

a = np.full(300, 200, dtype=np.uint8)
print(a.sum(dtype=np.int64), np.sum(a, dtype=np.int64), a.sum(dtype=np.uint8), a.sum(dtype=np.int16))
b = np.arange(12, dtype=np.float32).reshape(3, 4) / 7
print(b.sum(dtype=np.float64), b.sum(axis=0, dtype=np.float64), b.mean(dtype=np.float64), np.mean(b, axis=1, dtype=np.float64))
print(np.prod(np.arange(1, 30), dtype=np.int32), np.arange(1, 6).prod(dtype=float))
m = np.array([True, False, True])
print(m.sum(dtype=np.int32), m.sum(dtype=np.int32).dtype, np.sum(b * 7, dtype=np.float32, keepdims=True))
x = np.arange(5)
print(x.sum(dtype=np.float32) / 3, x.mean(dtype=np.float32), np.sum(x > 1, dtype=np.int64))
print(np.int16(5).sum(dtype=np.int64), np.sum(np.arange(40, dtype=np.int8).reshape(4, 10), axis=1, dtype=np.int8))
img = (np.arange(64).reshape(8, 8) * 37 % 256).astype(np.uint8)
hist = np.bincount(img.ravel(), minlength=256)
print(hist.sum(dtype=np.int64), img.sum(dtype=np.uint32), img.mean(dtype=np.float64))
