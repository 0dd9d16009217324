# whitespace: exact
# NumPy scalars print like Python values; float32 scalars print their shortest float32 repr.
import numpy as np

f = np.array([0.1, 0.2, 0.7], dtype=np.float32)
print(f[0], f[1], f[2], f[0] + f[1], f[2] * 3)
print(f.sum(), f.max(), np.sum(f * f))
d = np.array([0.1, 0.2, 0.7])
print(d[0] + d[1], d.sum(), d[2] * 3)
i = np.array([5, -3], dtype=np.int32)
print(i[0], i[1], i[0] * i[1], i.sum(), i[0] // 2, i[1] % 4)
b = np.array([True, False])
print(b[0], b.any(), b.all(), np.sum(b))
x = f[0] * 10
print(x, x + 1, x > 0.5)
m = np.mean(np.arange(4))
print(m, m * 2, m > 1)
print(f"{f[2]:.3f} {d[2]:.3f} {i[0]:4d} {m:e}")
print(np.max(np.arange(5)), np.argmax(np.arange(5)), np.min(np.array([2.5, -1.0])))
print(np.sqrt(f[1]), np.sqrt(d[1]))
