# whitespace: exact
# Integer-array indexing along axis 0: reads copy (negative indices wrap, repeats allowed,
# any index rank), writes store (with repeated indices the last write wins), augmented
# assignment updates each selected element once, lists of ints index like arrays.
import numpy as np

a = np.array([10.0, 11.5, 12.0, 13.5, 14.0, 15.5])
idx = np.array([0, 2, -1, -6, 2])
print(a[idx], a[idx].shape)
print(a[np.array([3, 1], dtype=np.int32)])
print(a[[1, 4, -2]], a[[5]])
print(a[np.array([[0, 1], [5, 4]])])
print(a[np.arange(6)[::-1]], a[np.arange(0, 6, 2) + 1])
print(a[np.argsort(-a)])
print(a[np.array([], dtype=np.int64)])

m = np.array([[1, 2, 3], [4, 5, 6], [7, 8, 9], [10, 11, 12]])
print(m[np.array([2, 0])])
print(m[[-1, 0, -1]])
print(m[np.array([[0], [3]])])
print(m[np.array([1, 3])][:, 1:], m[np.array([1, 3])].sum(axis=0))
print(m[1:][np.array([0, 2])])

# Writes.
b = a.copy()
b[np.array([0, 5])] = -1.0
print(b)
b[[1, 2, 3]] = np.array([0.25, 0.5, 0.75])
print(b)
b[np.array([4, 4, 4])] = np.array([1.0, 2.0, 3.0])
print(b)
b[np.array([-1, -2])] = np.array([[7.0, 8.0]])
print(b)
k = np.zeros(5, dtype=np.int32)
k[np.array([1, 3])] = 7.9
print(k, k.dtype)
g = np.zeros((3, 4))
g[np.array([2, 0])] = np.array([1.0, 2.0, 3.0, 4.0])
print(g)
g[[1]] = 5.0
print(g)
g[np.array([0, 2])] = np.array([[9.0], [8.0]])
print(g)
view = g[:, 1:3]
view[np.array([1])] = -1.0
print(g)
g[np.array([[0, 1], [1, 2]])] = 0.5
print(g)

# Augmented assignment with repeats: each element once.
c = np.zeros(5)
c[np.array([1, 1, 3, 1])] += 1.0
print(c)
c[[0, 4]] -= np.array([2.0, 3.0])
print(c)
n = np.arange(6)
n[np.array([0, 2, 4])] *= 10
print(n)
r = np.ones((3, 2))
r[np.array([2, 2])] += np.array([1.0, 2.0])
print(r)

# The index and the values are read before anything is written.
p = np.array([2, 0, 1])
p[p] = np.array([20, 0, 10])
print(p)
s = np.array([1.0, 2.0, 3.0, 4.0])
s[np.array([0, 1, 2, 3])] = s[::-1]
print(s)
