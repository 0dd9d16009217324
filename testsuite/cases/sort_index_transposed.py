# whitespace: exact
# Sorting, scans, masks and index arrays on transposed and reshaped views: in-place
# sorts and writes through them change the base.
import numpy as np
a = np.arange(12.0).reshape(3, 4)[::-1]
t = a.T
print(np.sort(t, axis=0), np.argsort(t, axis=1), np.cumsum(t, axis=0), np.cumsum(t))
t2 = t.copy()
t2[t2 > 5] = -1.0
print(t2)
print(t[np.array([3, 0])], t[t > 6])
t[np.array([0, 0])] += 100
print(a)
t.sort(axis=1)
print(a)
r = np.arange(10).reshape(2, 5)
r[r % 3 == 0] = np.array([7, 8, 9, 10])
print(r, r.T[r.T > 5])
