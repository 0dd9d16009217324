# Unseeded random numbers differ from run to run: only their properties are
# printed (shapes, dtypes, ranges), for the legacy state and default_rng().
import numpy as np

a = np.random.rand(1000)
print(a.shape, a.dtype, np.all(a >= 0.0), np.all(a < 1.0))
r = np.random.randint(3, 7, size=(10, 10))
print(r.dtype, np.min(r) >= 3, np.max(r) <= 6)
rng = np.random.default_rng()
x = rng.random(5, dtype=np.float32)
print(x.dtype, np.all(x < 1.0))
k = rng.integers(10)
print(0 <= k < 10)
np.random.seed()
print(np.random.rand() < 1.0)
