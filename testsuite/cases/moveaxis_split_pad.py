# whitespace: exact
# exit: 1
# np.moveaxis (one axis, several, negative), np.split and np.array_split (sections and
# indices, along an axis; views), np.pad in constant mode (an int, a pair, a pair per axis,
# a fill value), and NumPy's ValueError for a split into unequal parts.
import numpy as np

n = 6
a = np.arange(float(n))[:, None, None] * 100.0 + np.arange(3.0)[:, None] * 10.0 + np.arange(4.0)
print(np.moveaxis(a, 0, -1).shape, np.moveaxis(a, -1, 0)[1, 2], np.moveaxis(a, (0, 1), (-1, -2)).shape)
print(np.moveaxis(a, [0, 2], [2, 0])[0, 1])
v = np.arange(10.0)
p, q, r = np.array_split(v, 3)
print(p, q, r)
x, y = np.split(v, 2)
x[0] = -1.0
print(x, y, v[0])
s0, s1, s2 = np.split(v, (3, 7))
print(s0, s1, s2)
m = np.arange(float(n))[:, None] + np.arange(4.0)
left, right = np.split(m, 2, axis=1)
print(left.sum(), right.shape, np.array_split(m, 4)[3])
print(np.pad(v[:4], 2))
print(np.pad(v[:4], (1, 3), constant_values=9.5))
print(np.pad(m[:2], ((1, 0), (2, 1))))
print(np.pad(np.arange(3), 1, mode="constant", constant_values=-1).dtype)
# NumPy returns the pieces as a list.
pieces = np.array_split(np.arange(7), 3)
print(pieces, isinstance(pieces, list), len(np.split(v, 2)))
w = np.split(v, 3)
