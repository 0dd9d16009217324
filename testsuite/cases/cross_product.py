# np.cross: 3-vectors, arrays of 3-vectors along the last axis (broadcast against one
# vector and against each other), integer and mixed dtypes, lists, and 2-vectors (which
# NumPy 2 deprecates with a warning on stderr but still computes: a scalar for two of
# them, a 3-vector with a 3-vector).
import numpy as np

print(np.cross([1.0, 0, 0], [0, 1.0, 0]))
a = np.array([1.0, 2.0, 3.0])
b = np.array([4.0, 5.0, 6.0])
print(np.cross(a, b), np.cross(b, a), np.cross(a, a))
P = np.arange(12.0).reshape(4, 3) - 5.0
Q = np.arange(12.0).reshape(4, 3)[::-1] * 0.5
print(np.cross(P, Q))
print(np.cross(P, a))
print(np.cross(a, P))
print(np.cross(P.reshape(2, 2, 3), Q[:2]))
i = np.array([[1, 2, 3], [4, 5, 6]])
j = np.array([7, 8, 9])
r = np.cross(i, j)
print(r, r.dtype)
print(np.cross(i, b))
c = np.cross(P, Q)
print(c.shape, np.cross(P, Q).sum(axis=0))
print(np.cross([1, 2], [3, 4]), np.cross([1, 2], [3, 4, 5]), np.cross([1.0, 2, 3], [3, 4]))
print(np.cross(np.array([[1.0, 2], [3, 4]]), np.array([5.0, 6])))
