# rtol: 1e-12
# Generator.gamma/standard_gamma (float64 and float32; shapes below 1, 1, above 1 and 0)
# and beta (Johnk's algorithm with underflowing powers, and the gamma ratio), and the
# legacy np.random.gamma/standard_gamma/beta: NumPy's streams draw for draw, split over
# ranks, with the generator's state after them.
import numpy as np

rng = np.random.default_rng(2024)
g = rng.gamma(0.35, 2.0, size=(400, 50))
print(g[0, :4], g.sum(), g.max(), g[399, 49])
h = rng.gamma(5.5, size=30001)
print(h[:3], h.sum(), h.min())
print(rng.gamma(1.0, 3.0, size=4), rng.gamma(0.0, size=3))
s = rng.standard_gamma(2.25, size=(7, 3))
print(s)
f = rng.standard_gamma(0.6, size=20000, dtype=np.float32)
print(f[:4], f.astype(np.float64).sum(), f.dtype)
f2 = rng.standard_gamma(9.0, size=5000, dtype=np.float32)
print(f2[-3:], f2.astype(np.float64).mean())
b = rng.beta(0.5, 0.5, size=(300, 20))
print(b[1, :3], b.sum(), b.min(), b.max())
tiny = rng.beta(0.002, 0.003, size=5000)
print(tiny[:6], (tiny == 0.0).sum(), (tiny == 1.0).sum(), tiny.sum())
print(rng.beta(2.0, 5.0, size=6), rng.beta(0.9, 3.0))
x = rng.gamma(2.0)
print(x, rng.standard_gamma(0.4), rng.random())

np.random.seed(17)
lg = np.random.gamma(0.8, 1.5, size=(100, 30))
print(lg[0, :3], lg.sum(), lg[99, 29])
print(np.random.standard_gamma(3.3, size=5), np.random.standard_gamma(1.0, 2))
lb = np.random.beta(0.3, 0.7, size=2000)
print(lb[:4], lb.sum())
lt = np.random.beta(0.001, 0.001, size=3000)
print((lt == 0.0).sum(), (lt == 1.0).sum(), lt.sum())
print(np.random.beta(4.0, 2.0, size=(2, 3)), np.random.gamma(2.0), np.random.random())

# A Monte Carlo use: the mean and variance of Beta(2, 3) and Gamma(3, 2).
m = rng.beta(2.0, 3.0, size=200000)
k = rng.gamma(3.0, 2.0, size=200000)
print(round(float(m.mean()), 3), round(float(m.var()), 4), round(float(k.mean()), 2), round(float(k.var()), 1))
