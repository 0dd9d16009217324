# np.random.default_rng (PCG64 seeded through SeedSequence): every supported
# method, generators passed to functions, aliased, rebound in loops and
# branches, and independent of the legacy global state.
import numpy as np


def init(rng, n):
    x = rng.standard_normal(n)
    return x


def noisy(rng, a, scale):
    return a + scale * rng.normal(0.0, 1.0, a.shape)


rng = np.random.default_rng(42)
a = rng.random((100, 100))
print(a[0, 0], a[99, 99], np.sum(a))
print(rng.random())
x = init(rng, 1000)
print(x[0], x[999], np.sum(x))
y = noisy(rng, x, 0.1)
print(y[5], np.mean(y))
print(rng.integers(0, 10, size=20))
print(rng.integers(0, 10, size=7, dtype=np.int32))
print(rng.integers(0, 10, dtype=np.int32))
print(rng.random(2))
print(rng.integers(0, 10, dtype=np.int32))
print(rng.integers(10, endpoint=True))
print(rng.integers(-2**62, 2**62, size=3))
print(rng.integers(0, 2**32, size=3))
print(rng.integers(5, 6, size=3), rng.integers(7))
print(rng.uniform(1.0, 2.0, size=(2, 2)))
print(rng.uniform())
print(rng.normal(10.0, 2.0))
print(rng.normal(size=3))
print(rng.standard_normal())
print(rng.standard_normal((2, 3)))
rng2 = np.random.default_rng(42)
print(rng2.random() == a[0, 0])
other = rng2
print(other.random() == a[0, 1], rng2.random() == a[0, 2])
rng = np.random.default_rng(7)
print(rng.random())
for seed in range(3):
    g = np.random.default_rng(seed)
    print(seed, g.integers(0, 1000), g.random())
if a[0, 0] > 0.5:
    h = np.random.default_rng(100)
else:
    h = np.random.default_rng(200)
print(h.random())
if a[0, 0] < 0.5:
    h = np.random.default_rng(300)
print(h.random())
np.random.seed(1)
print(np.random.rand(), rng.random(), np.random.rand())
big = np.random.default_rng(2**40 + 7)
print(big.random(), big.integers(0, 100, size=4))
total = 0
for i in range(1000):
    total += rng.integers(0, 6)
print(total)
