# np.concatenate / hstack / vstack of a runtime list of arrays whose lengths along the axis
# differ (axis=None ravels each), and np.stack of such a list along any axis.
import numpy as np
chunks = []
for k in range(1, 4):
    chunks.append(np.arange(k))
print(np.concatenate(chunks))
print(np.hstack(chunks))
rows = []
for k in range(1, 4):
    rows.append(np.full((k, 2), float(k)))
print(np.concatenate(rows))
print(np.vstack(rows))
print(np.concatenate(rows, axis=None))
cols = []
for k in range(1, 4):
    cols.append(np.ones((2, k)) * k)
print(np.concatenate(cols, axis=1))
print(np.hstack(cols), np.concatenate(cols, axis=-1).shape)
same = []
for k in range(3):
    same.append(np.arange(3) + k)
print(np.vstack(same), np.stack(same, axis=1))
mats = []
for k in range(3):
    mats.append(np.arange(6.0).reshape(2, 3) * k)
print(np.stack(mats, axis=2)[1], np.stack(mats, axis=-2).shape, np.stack(mats, -1).sum(axis=(0, 1)))
big = []
for k in range(1, 40):
    big.append(np.linspace(0.0, 1.0, k))
joined = np.concatenate(big)
print(joined.shape, joined.sum(), joined[::97])
