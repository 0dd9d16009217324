# A reshape is a view wherever strides can walk the elements in the new shape (NumPy's
# rule), so writes through it reach the array it came from: a strided 1-D slice, column
# blocks of a matrix, a reversed vector, axes of extent 1 added and dropped; and a copy
# where strides cannot (a transpose flattened), which writes do not reach.
import numpy as np

a = np.arange(12.0)
b = a[::2].reshape(2, 3)
b[0, 0] = 99
print(a, b)
c = np.arange(24.0).reshape(4, 6)[:, :4]
d = c.reshape(4, 2, 2)
d[0, 0, 0] = -1
d[3, 1, 1] = -2
print(c)
e = np.arange(8.0)[::-1]
f = e.reshape(2, 4)
f[1, 3] = 50
print(e, f)
g = np.arange(6.0).reshape(1, 6, 1)[:, ::3, :]
h = g.reshape(2)
h[1] = 7
print(g.ravel(), h)
m = np.arange(6.0).reshape(2, 3)
t = m.T.reshape(6)
t[0] = 100
print(m, t)
n = np.arange(16.0).reshape(4, 4)[::2, ::2]
k = n.reshape(1, 4, 1)
k[0, 3, 0] = -9
print(n, k.shape)
x = np.arange(24.0).reshape(2, 3, 4)[:, 1:, :]
y = x.reshape(2, 8)
y[1, 7] = 0.5
print(x[1], y.sum())
