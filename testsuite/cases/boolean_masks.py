# whitespace: exact
# Boolean masks: reads give a 1-D copy in C order (or the selected rows for a mask over
# the leading axes); writes of scalars, of arrays of the selected count, broadcast rows;
# augmented assignment through a mask; masks that are expressions.
import numpy as np

a = np.array([3.0, -1.0, 4.0, -1.5, 5.0, -9.0, 2.0, 6.0])
m = a > 0
print(a[m], a[m].dtype, a[m].shape)
print(a[a > 2.5])
print(a[(a > -2) & (a < 4)])
print(a[~m], a[a > 100], a[a > 100].shape)
print(a[[True, False, True, False, True, False, True, False]])
print(np.sum(a[a > 0]), a[a < 0].mean(), len(a[m]))

g = np.array([[1, -2, 3], [-4, 5, -6], [7, -8, 9]])
print(g[g > 0])
print(g[g % 2 == 0])
rows = np.array([True, False, True])
print(g[rows])
print(g[g[:, 0] > 0])
print(g[1:][g[1:] < 0])
b = np.array([True, False, True, True])
print(b[b], np.array([1.5, 2.5], dtype=np.float32)[np.array([False, True])])

# Writes.
c = a.copy()
c[c < 0] = 0.0
print(c)
c[c > 3] = np.array([30.0, 50.0, 60.0])
print(c)
c[c == 0] = np.array([7.5])
print(c)
c[c > 1000] = 1.0
print(c)
w = np.arange(10)
w[w % 3 == 0] = -1
print(w)
w[w > 5] = 2.9
print(w)
w[w < 0] = np.array([100, 200, 300, 400])
print(w)
w[w > 50] = np.array([1.9, 2.9, 3.9, 4.9])
print(w)
h = np.zeros((3, 4))
h[np.array([True, False, True])] = 1.0
print(h)
h[np.array([False, True, True])] = np.array([1.0, 2.0, 3.0, 4.0])
print(h)
h[np.array([True, False, True])] = np.array([[5.0], [6.0]]) * np.ones((2, 4))
print(h)
h[h > 2.5] = h[h > 2.5] * 10
print(h)

# Through views: the base changes.
base = np.arange(12.0)
v = base[2:10]
v[v > 5] = -1.0
print(base)
grid = np.ones((4, 4))
inner = grid[1:-1, 1:-1]
inner[inner > 0] = np.array([2.0, 3.0, 4.0, 5.0])
print(grid)

# Augmented assignment: a[m] op= v is a[m] = a[m] op v.
d = np.array([1.0, -2.0, 3.0, -4.0, 5.0])
d[d > 0] += 10
print(d)
d[d < 0] *= np.array([-1.0, -0.5])
print(d)
n = np.arange(8)
n[n % 2 == 1] -= 100
print(n)
n[n < 0] //= 3
print(n)
flags = np.array([False, True, False, True])
flags[np.array([True, True, False, False])] = True
print(flags)

# Values are evaluated before the mask is applied; the mask is taken before the write.
e = np.array([5.0, 1.0, 4.0, 2.0])
e[e > 2] = e[::-1][e > 2]
print(e)
q = np.array([3, 1, 2])
q[q > 1] = q[q > 1] - q[q > 1].max()
print(q)
