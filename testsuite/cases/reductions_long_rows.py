# rtol: 1e-9
# Reductions along the last axis of rows long enough for the GPU's rows entry (a block of
# threads per output element, combining in shared memory): sums, products, extrema with
# NaN, any/all, integer and float32 rows, 3-D arrays, keepdims, a softmax, and rows of
# lengths that are not multiples of the block.
import numpy as np

a = np.zeros((300, 517))
a[:] = np.arange(517) * 1.0
a = (a + np.arange(300)[:, np.newaxis] * 517.0) % 97.0 - 40.0
print(np.sum(a, axis=1)[:5], np.sum(a, axis=-1)[-3:])
print(np.max(a, axis=1)[:4], np.min(a, axis=1)[-4:])
print(np.mean(a, axis=1)[:3], np.prod(a[:, :70] * 0.01 + 1.0, axis=1)[:3])
b = a.copy()
b[7, 300] = np.nan
print(np.max(b, axis=1)[5:9], np.sum(b, axis=1)[6:9])
print(np.any(a > 55.0, axis=1)[:10], np.all(a > -41.0, axis=1)[:4], np.all(a > -39.5, axis=1)[:4])
ints = np.zeros((64, 1000), dtype=np.int64)
ints[:] = np.arange(1000)
ints = ((ints + np.arange(64)[:, np.newaxis] * 1000) * 7) % 1001
print(np.sum(ints, axis=1)[:4], np.max(ints, axis=1)[:4], np.min(ints, axis=-1)[-2:])
f = (a * 0.5).astype(np.float32)
print(np.sum(f, axis=1)[:3], np.max(f, axis=1)[:3])
c = np.arange(4 * 6 * 129, dtype=np.float64).reshape(4, 6, 129)
print(np.sum(c, axis=2)[1], np.sum(c, axis=-1, keepdims=True).shape, np.max(c, axis=2)[3, :3])
x = np.zeros((50, 1000))
x[:] = np.arange(1000) * 0.001
x = np.sin(x + np.arange(50)[:, np.newaxis])
e = np.exp(x - np.max(x, axis=1, keepdims=True))
soft = e / np.sum(e, axis=1, keepdims=True)
print(soft[:2, :3], np.sum(soft, axis=1)[:4])
for n in [63, 64, 65, 255, 256, 257, 511, 512, 513, 1000]:
    r = np.zeros((3, n))
    r[:] = np.arange(n) * 1.0
    r = r + np.arange(3)[:, np.newaxis] * n
    print(n, np.sum(r, axis=1), np.max(r, axis=1))
v = np.arange(5000, dtype=np.float64)
print(np.sum(v, axis=0), np.max(v, axis=-1))
# An axis reduction of a temporary computes it in the reducing kernel (`fuse-producers`).
print(np.sum(x * x, axis=1)[:3], np.max(np.abs(a - 3.0), axis=0)[:4], np.mean((a - 1.0) ** 2, axis=1)[:2])
print(np.min(np.sqrt(np.abs(ints * 1.5)), axis=-1)[:3], np.any(np.isnan(b * 2.0), axis=1)[5:9])
