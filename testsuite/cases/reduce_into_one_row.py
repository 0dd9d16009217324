# Axis reductions whose result is one row over several ranks (an (n, 1) array summed along
# axis 0), and stores into one row: the rank owning that row computes it alone. At 3 ranks
# the reduction wrote past its one-element result (heap corruption), found by the fuzzer.
import numpy as np

x = np.ones((11, 1))
print(np.sum(x > 0, axis=0), np.sum(x, axis=0), np.max(x * 2.0, axis=0))
y = np.linspace(-1.0, 1.0, 11).reshape(11, 1) > 0
print(np.sum(y, axis=0), np.count_nonzero(y, axis=0))
a = np.ones((11, 3))
a[5] = 7.0
print(a.sum(), a[5], np.sum(a[4:7], axis=0), np.sum(a[5:6], axis=0))
m = np.ones((1, 5))
m[0] = 2.0
print(np.sum(m, axis=0), np.sum(m, axis=1), m)
