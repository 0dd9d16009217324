# whitespace: exact
# np.sort, ndarray.sort (in place, also through views), np.argsort and ndarray.argsort:
# 1-D and along every axis of N-D arrays, axis=None, NaN and infinities sorted last,
# every dtype. Values are distinct except in the kind="stable" cases, where the order
# of ties is defined.
import numpy as np

a = np.array([3.5, -1.0, np.nan, 2.25, np.inf, -np.inf, 0.5, np.nan, 7.0])
print(np.sort(a))
print(np.argsort(a))
print(a.argsort())
print(np.sort(a[::-2]), np.argsort(a[::-2]))

f = np.array([0.3, 0.1, 0.2, -5.5], dtype=np.float32)
print(np.sort(f), np.sort(f).dtype, np.argsort(f))
i = np.array([40, -7, 13, 0, 99, -100], dtype=np.int32)
print(np.sort(i), np.sort(i).dtype, np.argsort(i))
j = np.array([10**12, -3, 5, 2**40, -(2**50)])
print(np.sort(j), np.argsort(j))
flags = np.array([True, False, True, False])
print(np.sort(flags))

m = np.array([[5.0, 1.0, 4.0, 3.0], [2.0, 8.0, -1.0, 0.0], [9.0, 6.0, 7.0, -3.0]])
print(np.sort(m))
print(np.sort(m, axis=0))
print(np.sort(m, axis=-1))
print(np.sort(m, axis=None))
print(np.sort(m, 0))
print(np.argsort(m))
print(np.argsort(m, axis=0))
print(np.argsort(m, axis=None))
print(m.argsort(axis=1))
print(np.sort(m[:, ::-1], axis=1))
print(np.sort(m * 2 - 1))

t = np.array([[[3, 1], [2, 9]], [[8, 0], [5, 4]], [[-2, 7], [6, -1]]])
print(np.sort(t, axis=1))
print(np.sort(t, axis=0))
print(np.argsort(t, axis=2))
print(np.argsort(t, axis=0))

# In place: the array, a row view, a strided view; the base sees the change.
b = np.array([9.0, 2.0, 7.0, 4.0, 5.0, 1.0])
b.sort()
print(b)
g = np.array([[3, 2, 1], [6, 5, 4], [9, 8, 7]])
row = g[1]
row.sort()
print(g)
g[:, ::2].sort(axis=0)
print(g)
h = np.array([8, 1, 6, 3, 4, 5, 2, 7])
h[::2].sort()
print(h)
k = np.array([[4.0, 3.0], [1.0, 2.0]])
k.sort(axis=0)
print(k)
k.sort(0)
print(k)

# Kinds: every kind sorts the same values; "stable" keeps ties in order.
ties = np.array([3, 1, 2, 1, 3, 2, 1])
print(np.argsort(ties, kind="stable"))
print(np.argsort(ties, kind="mergesort"), ties.argsort(kind="stable"))
print(np.argsort(ties, stable=True))
tm = np.array([[2, 2, 1], [1, 1, 1], [0, 3, 0]])
print(np.argsort(tm, axis=0, kind="stable"))
print(np.argsort(tm, axis=None, kind="stable"))
print(np.sort(ties, kind="quicksort"), np.sort(ties, kind="heapsort"), np.sort(ties, kind="stable"))

# Sorting results feed further work.
s = np.sort(a)
print(s[0], s[-3], np.isnan(s[-1]))
order = np.argsort(j)
print(j[order])
empty = np.zeros(0)
print(np.sort(empty), np.argsort(empty))
print(np.sort([3, 1, 2]), np.argsort([[2.5, 1.5], [0.5, 3.5]], axis=None))
