# rtol: 1e-6
# (float32 sums: at several ranks partials are combined in another order, last bits differ)
# Shape manipulation: reshape/ravel/flatten/transpose views and copies,
# concatenate/stack/vstack/hstack, roll, outer, tril/triu, trace,
# count_nonzero, var/std and fromfunction with lambdas.
import numpy as np

a = np.arange(12)
b = a.reshape(3, 4)
print(b, b.shape)
c = np.reshape(a, (2, -1))
print(c, c.shape)
b[1, 1] = 100  # a view: a changes too
print(a)
t = b.T
print(t, t.shape)
t2 = np.transpose(np.arange(24).reshape(2, 3, 4), (1, 0, 2))
print(t2.shape, t2[2, 1, 3], t2.sum(axis=0))
print(b.T.reshape(-1))          # reshape of a non-contiguous view copies
print(b.ravel(), np.ravel(b[:, 1:3]), b.flatten())
f = b.flatten()
f[0] = -1
print(b[0, 0], f[0])
print(np.swapaxes(b, 0, 1).shape, b.transpose().shape)

x = np.array([1.0, 2.0, 3.0])
y = np.array([4.0, 5.0])
print(np.concatenate((x, y)), np.concatenate([x, y, x]))
m = np.ones((2, 3))
n = np.zeros((1, 3))
print(np.concatenate((m, n), axis=0), np.concatenate((m, m), axis=1), np.concatenate((m, n), axis=None))
print(np.stack((x, x * 2)), np.stack((x, x * 2), axis=1), np.stack([m, m], axis=-1).shape)
print(np.vstack((x, x)), np.vstack((m, n)), np.hstack((x, y)), np.hstack((m, m)))
print(np.concatenate((np.arange(3), np.array([0.5]))))
print(np.column_stack((x, x + 1)))

r = np.arange(10)
print(np.roll(r, 3), np.roll(r, -2), np.roll(r, 13), np.roll(r, 0))
g = np.arange(12).reshape(3, 4)
print(np.roll(g, 1), np.roll(g, 1, axis=0), np.roll(g, -1, axis=1))

print(np.outer(x, y), np.outer(np.arange(3), np.arange(4)))
sq = np.arange(1, 17).reshape(4, 4)
print(np.tril(sq), np.triu(sq), np.tril(sq, -1), np.triu(sq, 1), np.tril(sq, k=1))
print(np.trace(sq), sq.trace(), np.trace(sq, 1), np.trace(np.eye(3)))

z = np.array([[0, 1, 2], [3, 0, 0]])
print(np.count_nonzero(z), np.count_nonzero(z > 1), np.count_nonzero(z, axis=0), np.count_nonzero(z, axis=1))

data = np.arange(20.0).reshape(4, 5) ** 1.5
print(np.var(data), np.std(data), data.var(), data.std(ddof=1))
print(np.var(data, axis=0), np.std(data, axis=1), data.var(axis=1, ddof=1))
print(np.var(np.arange(10)), np.std(np.arange(10, dtype=np.int32)))
d32 = data.astype(np.float32)
print(d32.std(), d32.var(axis=0))

h = np.fromfunction(lambda i, j: i * 10 + j, (3, 4))
print(h, h.dtype)
hi = np.fromfunction(lambda i, j: (i + j) % 3, (3, 3), dtype=int)
print(hi)
n2 = 5
hilbert = np.fromfunction(lambda i, j: 1.0 / (i + j + 1), (n2, n2))
print(hilbert.sum(), np.fromfunction(lambda i: np.sin(i * 0.5), (6,)))
scale = lambda v: v * 2 + 1
print(scale(3), scale(x))
