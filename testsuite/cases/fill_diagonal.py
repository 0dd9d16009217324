# np.fill_diagonal of 2-D arrays: a scalar, an array of values repeated along the
# diagonal, wide and tall matrices (the diagonal stops at the last column or row), an
# empty array of values (nothing changes), int arrays; the n-body use (no self-force);
# rows split over ranks.
import numpy as np

a = np.zeros((5, 5))
np.fill_diagonal(a, 3.5)
print(a)
w = np.ones((3, 7), dtype=np.int64)
np.fill_diagonal(w, np.array([7, 8]))
print(w)
t = np.zeros((8, 3))
np.fill_diagonal(t, np.array([1.0, 2.0, 3.0, 4.0]))
print(t)
np.fill_diagonal(t, np.zeros(0))
print(np.sum(t))
pos = np.linspace(0.0, 1.0, 18).reshape((6, 3)) ** 2
d = pos[np.newaxis, :, :] - pos[:, np.newaxis, :]
r2 = np.sum(d ** 2, axis=-1) + 0.01
inv = r2 ** -1.5
np.fill_diagonal(inv, 0.0)
print(np.einsum("ij,ijk->ik", inv, d))
