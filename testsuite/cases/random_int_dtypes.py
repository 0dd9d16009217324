# Generator.integers and legacy randint of every integer dtype (uint8...uint64): NumPy's
# streams bit for bit (8- and 16-bit values from shared 32-bit draws), split over ranks.
import numpy as np
rng = np.random.default_rng(42)
for dt in (np.uint8, np.int8, np.uint16, np.int16, np.uint32, np.uint64):
    a = rng.integers(0, 100, size=13, dtype=dt)
    print(a, a.dtype)
print(rng.integers(0, 256, size=20, dtype=np.uint8))
print(rng.integers(-128, 128, size=9, dtype=np.int8), rng.integers(-5, 5, size=7, dtype=np.int16))
print(rng.integers(0, 65536, size=6, dtype=np.uint16), rng.integers(3, 4, size=3, dtype=np.uint8))
print(rng.integers(0, 10, dtype=np.uint8), rng.integers(0, 2**40, size=3, dtype=np.uint64))
print(rng.integers(0, 7, size=(3, 5), endpoint=True, dtype=np.int8))
print(rng.integers(0, 1000, size=4))
np.random.seed(5)
print(np.random.randint(0, 200, size=10, dtype=np.uint8), np.random.randint(-3, 3, size=5, dtype=np.int16))
print(np.random.randint(0, 5, dtype=np.uint8), np.random.randint(0, 2**33, size=3, dtype=np.uint64), np.random.randint(0, 10))
data = rng.integers(0, 256, size=1000, dtype=np.uint8)
print(data.sum(), data[:8], data.reshape(10, 100)[:, 3])
rng = np.random.default_rng(1)
d = rng.integers(0, 256, size=(1001, 37), dtype=np.uint8)
e = rng.integers(-1000, 1000, size=(999, 11), dtype=np.int16)
f = rng.integers(0, 3, size=(777, 5), dtype=np.uint32)
print(d.astype(np.int64).sum(), (d[::7, 3].astype(np.int64) * np.arange(143)).sum(), e.sum(), f.sum())
print(rng.integers(0, 100, size=5, dtype=np.uint8))
