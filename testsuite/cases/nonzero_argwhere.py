# whitespace: exact
# np.nonzero, np.where with one argument, np.argwhere and np.flatnonzero of 1-D and 2-D
# arrays (numbers and booleans, none and all selected), and their use as indices.
import numpy as np

n = 8
v = np.array([0.0, 2.0, 0.0, -1.0, 3.5, 0.0, 0.0, 7.0])
m = (np.arange(float(n))[:, None] * 3.0 + np.arange(5.0)) % 4.0
print(np.nonzero(v)[0], np.nonzero(v)[0].dtype, len(np.nonzero(m)))
r, c = np.nonzero(m > 2.0)
print(r, c, m[r, c] if False else m[m > 2.0])
print(np.where(v < 0.0)[0], np.where(m == 0.0)[1])
print(np.argwhere(v), np.argwhere(m >= 3.0).shape, np.argwhere(m >= 3.0)[:3])
print(np.flatnonzero(m > 2.5), np.flatnonzero(v == 0.0))
print(np.nonzero(v > 100.0)[0].shape, np.argwhere(v > 100.0).shape, np.nonzero(np.ones(3))[0])
print(v[np.nonzero(v)[0]], np.sum(np.where(m > 1.0)[0]))
