# Located errors of this session's NumPy functions, all reported in one compile:
# gradient's edge order and coordinate spacings, np.put's mode and float positions,
# fill_diagonal of 3-D, a bad matrix norm order,
# duplicate norm axes, math.isclose's negative tolerance, np.mgrid indexed by a number or
# called, fill with an array, unpacking a 0-d array, a repeated flip axis.
import math

import numpy as np

a = np.ones((4, 4))
print(np.gradient(a, edge_order=3))
print(np.gradient(np.ones(5), np.arange(5.0)))
np.put(a, [1], 2.0, mode="bounce")
np.put(a, np.array([1.0]), 2.0)
np.fill_diagonal(np.ones((2, 2, 2)), 1.0)
print(np.linalg.norm(a, ord=2), np.linalg.norm(a, ord="nuc"), np.linalg.norm(a, ord=3))
print(np.linalg.norm(a, axis=(1, 1)))
print(math.isclose(1.0, 2.0, rel_tol=-1.0))
print(np.mgrid[3], np.mgrid(0, 3))
a.fill(np.zeros(4))
u, v = np.array(2.0)
print(np.flip(a, axis=(0, 0)))
