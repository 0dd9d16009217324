# whitespace: exact
# rtol: 1e-13
# Methods of NumPy's ufuncs: reduce (axis 0 by default, other axes, None, keepdims),
# accumulate, and outer of vectors and matrices.
import numpy as np

n = 6
a = np.arange(float(n))[:, None] * 0.5 + np.arange(4.0) - 1.0
v = np.arange(1, 6)
print(np.add.reduce(a), np.add.reduce(a, axis=1), np.add.reduce(a, axis=None))
print(np.multiply.reduce(v), np.maximum.reduce(a), np.minimum.reduce(a, 1), np.maximum.reduce(a, axis=0, keepdims=True))
print(np.logical_and.reduce(a > -1.0), np.logical_or.reduce(a > 3.0, axis=1))
print(np.add.accumulate(v), np.multiply.accumulate(v), np.add.accumulate(a)[-1])
print(np.add.outer(v, v))
print(np.subtract.outer(np.arange(3.0), v), np.multiply.outer(v, a[:2, :2]).shape)
print(np.maximum.outer(np.arange(3), np.arange(3)))
print(np.add.reduce(np.ones(3, dtype=bool)))
