# np.insert with more than one integer position, along an axis of an N-D array or with
# values of several dimensions, and np.unwrap of a 2-D or complex array, or with `period=`:
# each a located error.
import numpy as np

a = np.arange(6.0)
m = a.reshape(2, 3)
b = np.insert(a, [1, 2], 0.0)
d = np.insert(m, 1, 0.0, axis=1)
f = np.insert(a, 1, np.ones((2, 2)))
g = np.unwrap(m)
h = np.unwrap(a * 1j)
k = np.unwrap(a, period=6.0)
print(b, d, f, g, h, k)
