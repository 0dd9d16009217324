# Several index arrays in one subscript (broadcast together, with integers and slices
# around them), reads, writes and augmented writes (which write back, also with one
# array beside slices).
import numpy as np

a = np.arange(24.0).reshape(4, 6)
i = np.array([0, 2, 3])
j = np.array([1, 5, -1])
print(a[i, j])
print(a[np.array([[0], [3]]), np.array([1, 2, 4])])
print(a[i, 2], a[1, j])
b = np.arange(60).reshape(3, 4, 5)
print(b[np.array([0, 2]), np.array([1, 3])])
print(b[np.array([0, 2]), :, np.array([4, 0])])
print(b[:, np.array([1, 3]), np.array([0, 4])])
print(b[np.array([2, 1]), np.array([3, 0]), np.array([4, 2])])
c = np.zeros((3, 4))
c[np.array([0, 2]), np.array([1, 3])] = 5.0
c[np.array([1, 1]), np.array([0, 2])] = np.array([7.0, 8.0])
print(c)
d = np.zeros((2, 3, 4), dtype=np.int32)
d[np.array([0, 1]), :, np.array([3, 0])] = np.array([[1, 2, 3], [4, 5, 6]])
print(d)
rows = np.arange(4)
cols = np.array([5, 0, 2, 1])
print(a[rows, cols].sum())
e = np.zeros((3, 4))
e[np.array([0, 2]), np.array([1, 3])] += 2.0
e[:, np.array([1, 3])] -= 1.0
e[np.array([True, False, True]), 0] *= 3.0
e[e[:, 1] > 0.5, 2] += 9.0
print(e)
