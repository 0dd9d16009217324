# Random fills of arrays split by rows, then only reductions and a stencil:
# at several ranks no rank gathers or fetches anything (`tests/comm_stats.rs`),
# since each rank draws the rows it stores, ghost rows included, itself.
import numpy as np

np.random.seed(7)
a = np.random.rand(300, 40)
b = np.random.standard_normal((300, 40))
u = np.random.uniform(-1.0, 1.0, 1001)
k = np.random.randint(0, 50, size=(300, 40))
rng = np.random.default_rng(11)
c = rng.random(1001, dtype=np.float32)
d = rng.integers(0, 100, size=(300, 40))
e = rng.standard_normal(1001)
f = rng.normal(2.0, 0.5, (300, 40))
g = rng.integers(-9, 9, size=1001, dtype=np.int32)
print(np.sum(a), np.mean(b), np.sum(u), np.sum(k))
print(np.max(c), np.sum(d), np.min(e), np.mean(f), np.sum(g))
print(np.sum(np.abs(a[1:] - a[:-1])), np.max(e[2:] - e[:-2]))
print(np.random.rand(), rng.random())
