# np.insert/np.delete with more than one integer position or along an axis of an N-D
# array, values of several dimensions, and np.unwrap of a 2-D or complex array, or with
# `period=`: each a located error.
import numpy as np

a = np.arange(6.0)
m = a.reshape(2, 3)
b = np.insert(a, [1, 2], 0.0)
c = np.delete(a, np.array([0, 2]))
d = np.insert(m, 1, 0.0, axis=1)
e = np.delete(a, True)
f = np.insert(a, 1, np.ones((2, 2)))
g = np.unwrap(m)
h = np.unwrap(a * 1j)
k = np.unwrap(a, period=6.0)
print(b, c, d, e, f, g, h, k)
