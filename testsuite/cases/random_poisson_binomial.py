# Generator.poisson (the multiplication method below 10, PTRS from 10, 0 for lam 0) and
# Generator.binomial (inversion where n*min(p, 1-p) <= 30, BTPE above, p > 0.5 reflected):
# NumPy's int64 streams draw for draw, arrays split over ranks by rows (each rank draws
# through the rows before its own), with the generator's state after them; size=None
# gives a Python int.
import numpy as np


def show(a):
    print(a[0, :4], a[-1, -3:], a.sum(), a.min(), a.max(), a.dtype, a.shape)


for seed in [0, 7, 2024]:
    rng = np.random.default_rng(seed)
    for lam in [0.0, 0.3, 2.5, 9.999, 10.0, 37.5, 1234.5, 3.0e7]:
        a = rng.poisson(lam, size=(41, 13))
        show(a)
        print(float(a.mean()), rng.random())
    for n, p in [(1, 0.5), (20, 0.25), (120, 0.25), (300, 0.1), (301, 0.1), (64, 0.5),
                 (1000, 0.62), (45, 0.97), (5000, 0.999), (100000, 0.37), (7, 1.0), (0, 0.3), (9, 0.0)]:
        b = rng.binomial(n, p, size=(37, 11))
        show(b)
        print(float(b.mean()), rng.integers(0, 1000))
    print(rng.poisson(), rng.poisson(4.25), rng.poisson(80.0), rng.binomial(10, 0.5), rng.binomial(2000, 0.75))

rng = np.random.default_rng(99)
v = rng.poisson(6.0, size=1001)
print(v[:10], v[500:505], v[-5:], v.sum())
w = rng.binomial(50, 0.4, size=1001)
print(w[:10], w[500:505], w[-5:], w.sum())
x = rng.poisson(lam=15.5, size=3)
y = rng.binomial(p=0.8, n=60, size=(2, 3))
print(x, y, rng.poisson(lam=np.float64(2.0)), rng.binomial(np.int64(12), np.float32(0.25)))
print(repr(rng.poisson(3.0)), repr(rng.binomial(4, 0.5)), [rng.poisson(1.5), rng.binomial(3, 0.5)])
e = rng.poisson(5.0, size=0)
print(e, e.dtype, rng.binomial(5, 0.5, size=(0, 3)).shape)
big = rng.poisson(2.0e18, size=4)
print(big, rng.binomial(2**50, 0.3, size=3), rng.binomial(2**62, 0.5))
# Monte Carlo: the estimated mean and variance of Poisson(7.5) and Binomial(40, 0.3).
m = rng.poisson(7.5, size=(400, 500))
k = rng.binomial(40, 0.3, size=(400, 500))
print(round(float(m.mean()), 3), round(float(m.var()), 2), round(float(k.mean()), 3), round(float(k.var()), 2))
print(np.bincount(rng.binomial(6, 0.5, size=5000)))
