# whitespace: exact
# exit: 1
# np.meshgrid ('xy' and 'ij', two and three inputs), np.tile (an int, a tuple, more reps
# than axes, zero), np.repeat (flattened, along an axis, zero), and NumPy's ValueError for
# a negative count.
import numpy as np

x = np.linspace(0.0, 1.0, 4)
y = np.arange(3.0) * 10.0
X, Y = np.meshgrid(x, y)
print(X.shape, X, Y)
I, J = np.meshgrid(x, y, indexing="ij")
print(I.shape, I[:, 0], J[0])
A, B, C = np.meshgrid(np.arange(2), np.arange(3), np.arange(4))
print(A.shape, A.sum(), B.sum(), C.sum())
print(np.sqrt(X ** 2 + Y ** 2).sum())
r = np.arange(3)
m = np.arange(6.0)[:, None] + np.arange(2.0)
print(np.tile(r, 2), np.tile(r, (2, 2)), np.tile(m, 2).shape, np.tile(m, (1, 3))[1])
print(np.tile(r, 0).shape, np.tile(m[:2], (2, 1, 2)).shape)
print(np.repeat(r, 2), np.repeat(m, 2, axis=0)[:4], np.repeat(m, 3, axis=1)[0], np.repeat(m, 2).shape)
print(np.repeat(r, 0), np.repeat(m, 2, axis=-1).shape)
print(np.repeat(r, -1))
