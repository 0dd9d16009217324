# whitespace: exact
# exit: 1
# np.squeeze and ndarray.squeeze: named axes (int, negative, tuple) as views whose writes
# show through, every axis of extent 1 where the shape is known when compiling, and NumPy's
# ValueError for an axis whose extent is not 1.
import numpy as np

n = 5
col = np.arange(float(n))[:, None] * 2.0
print(np.squeeze(col, axis=1), col.squeeze(1), col.squeeze(axis=-1).shape)
row = np.arange(4.0)[None, :]
print(np.squeeze(row, 0) + 1.0, np.squeeze(np.ones((1, 3, 1))).shape, np.ones((1, 3, 1)).squeeze(axis=(0, 2)))
v = col.squeeze(axis=1)
v[0] = 42.0
print(col[0, 0], np.squeeze(np.ones((1, 1))), np.squeeze(row).sum())
m = np.arange(float(n))[:, None] + np.arange(3.0)
print(m.sum(axis=1, keepdims=True).squeeze(axis=1))
print(np.squeeze(m[:, :1], axis=1) * 3.0)
print(np.squeeze(m, axis=1))
