# np.bitwise_and/or/xor.reduce of integers and bools, whole and along axes, split over
# ranks (the partial results combined bit by bit); a checksum of random bytes.
import numpy as np
rng = np.random.default_rng(42)
data = rng.integers(0, 256, size=500, dtype=np.uint8)
print(np.bitwise_xor.reduce(data), np.bitwise_and.reduce(data | 3), np.bitwise_or.reduce(data))
a = np.arange(24, dtype=np.int32).reshape(4, 6) * 7 - 30
print(np.bitwise_xor.reduce(a), np.bitwise_and.reduce(a, axis=1), np.bitwise_or.reduce(a, axis=None))
print(np.bitwise_xor.reduce(a > 3), np.bitwise_and.reduce(a > -40, axis=0), np.bitwise_or.reduce(np.zeros(0, dtype=np.int64)))
b = rng.integers(-1000, 1000, size=(300, 40), dtype=np.int16)
print(np.bitwise_xor.reduce(b, axis=0)[:6], np.bitwise_and.reduce(b.ravel() | 1), np.bitwise_xor.reduce(b, axis=None))
print(np.bitwise_and.reduce(np.array([255, 15], dtype=np.uint8)).dtype, np.bitwise_and.reduce(np.zeros(0, dtype=np.uint16)))
c = rng.integers(-30000, 30000, size=(3001, 7), dtype=np.int16)
print(np.bitwise_xor.reduce(c, axis=0), np.bitwise_or.reduce(c, axis=None), np.bitwise_and.reduce(c | 0x0F0F, axis=None))
