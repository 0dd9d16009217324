# whitespace: exact
# rtol: 1e-14
# exit: 1
# np.average (plain, weighted: ints, floats, float32, 2-D) with NumPy's errors for weights
# that sum to zero or do not match; np.inner of vectors and scalars.
import numpy as np

n = 8
a = np.arange(float(n)) * 1.5 - 3.0
w = np.linspace(0.5, 2.0, n)
print(np.average(a), np.average(a, weights=w), np.average(np.arange(4), weights=np.arange(4)))
f = np.average(np.arange(4.0, dtype=np.float32), weights=np.ones(4, dtype=np.float32))
print(f, f.dtype)
m = np.arange(float(n))[:, None] + np.arange(3.0)
print(np.average(m, weights=m * 0.5 + 1.0), np.average(m))
print(np.inner(a, w), np.inner(a, 2.0), np.inner(np.arange(3), np.arange(3)))
print(np.average(a[:4], weights=w[4:]))
print(np.average(a[:4], weights=w[:5]))
