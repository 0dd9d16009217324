# Generator draws of float32: 32-bit uniform draws and the float32 ziggurat,
# interleaved with 64-bit draws (a 32-bit draw keeps the other half of its
# 64-bit word for the next one).
import numpy as np

rng = np.random.default_rng(2025)
a = rng.random((50, 40), dtype=np.float32)
print(a.dtype, a[0, 0], a[49, 39], a[7, 13])
print(np.sum(a.astype(np.float64)))
z = rng.standard_normal(10001, dtype=np.float32)
print(z.dtype, z[0], z[10000])
print(np.sum(z.astype(np.float64)), np.max(z), np.min(z))
print(rng.standard_normal(dtype=np.float32))
print(rng.random(dtype=np.float32))
print(rng.random())
print(rng.random(dtype=np.float32))
print(rng.random(5, dtype=np.float32))
print(rng.standard_normal(4, dtype=np.float32))
print(rng.standard_normal(3, dtype=np.float64))
w = rng.random(3, dtype=np.float32) * 2
print(w.dtype, w)
s = rng.standard_normal((3, 3), dtype="float32")
print(s)
