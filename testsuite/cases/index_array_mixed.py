# One index array (or 1-D mask) beside integers, slices, new axes and `...`: the
# array's axes where NumPy puts them (in place when the advanced indices are adjacent, first
# otherwise), reads and writes.
import numpy as np

a = np.arange(24.0).reshape(4, 6)
idx = np.array([0, 2, 5])
print(a[:, idx])
print(a[1, idx], a[idx[:2], 3])
print(a[np.array([3, 0]), 1:4])
mask = a[:, 0] > 5.0
print(a[mask, 1], a[mask, 2:5])
b = np.arange(60.0).reshape(3, 4, 5)
print(b[:, np.array([1, 3]), :].shape, b[:, np.array([1, 3]), 2])
print(b[1, :, np.array([0, 4])])
print(b[:, 1, np.array([0, 4])])
print(b[..., np.array([2, 2, 0])].shape, b[np.array([0, 2]), ..., 1])
k = np.array([[0, 1], [2, 3]])
print(b[:, k, 0].shape, b[:, k, 0])
c = np.zeros((3, 4))
c[:, np.array([0, 3])] = 1.0
c[np.array([1, 2]), 1:3] = np.array([[5.0, 6.0], [7.0, 8.0]])
c[c[:, 0] > 0.5, 2] = -1.0
print(c)
d = np.zeros((2, 3, 4))
d[1, :, np.array([0, 2])] = np.arange(6.0).reshape(2, 3)
print(d)
print(a[-1, np.array([-1, 0])], a[::2, np.array([1])])
