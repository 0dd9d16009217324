# exit: 1
# stderr: exception
# np.repeat with a count per element (lists and arrays, along an axis or flattened, one count
# broadcast, zeros, empty), ndarray.repeat, and NumPy's ValueError for a negative count.
import numpy as np

print(np.repeat(np.arange(6).reshape(2, 3), [1, 0, 2], axis=1))
print(np.repeat([1.5, 2.0], np.array([2, 3])), np.repeat(np.arange(4).reshape(2, 2), [2, 1, 0, 3]))
c = np.array([3, 1, 2])
x = np.arange(12.0).reshape(3, 4)
print(np.repeat(x, c, axis=0), np.repeat(x, [2], axis=1).shape, np.repeat(x[:0], np.zeros(0, dtype=np.int64), axis=0).shape)
print(np.repeat(np.arange(3), np.array([0, 0, 0])), x.repeat(2, axis=0).shape)
print(np.repeat([1, 2], [1, -1]))
