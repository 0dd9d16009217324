# rtol: 1e-12
# Generator expressions where Python consumes them at once: unpacked into names, and as
# the argument of sum, min, max, any, all and NumPy functions; list comprehensions
# passed to Python's reductions likewise, over arrays of run-time length and with filters.
import numpy as np

rng = np.random.default_rng(7)
a, b = (rng.random(4) for _ in range(2))
print(a, b)
x = np.arange(10.0)
print(sum(v * v for v in x), sum(i for i in range(5)), max(abs(v - 4.5) for v in x))
print(any(v > 8 for v in x), all(v >= 0 for v in x))
c, d, e = (np.zeros(3) + k for k in range(3))
print(c, d, e)

x = np.array([1.5, 2.25, -0.75, 4.0, 0.125])
print(sum(v for v in x), sum([v for v in x]), np.sum(x))
print(sum(i for i in range(5)), sum(i * 0.5 for i in range(7)), min(i - 3 for i in range(6)))
rows = np.arange(12.0).reshape(3, 4)
print(sum(r for r in rows), max(float(r.sum()) for r in rows), any(r.sum() > 40 for r in rows))
print(sum(np.ones(3) * k for k in range(4)))
print(sum(v for v in x if v > 0))
