# exit: 1
# stderr: exception
# np.take_along_axis and np.put_along_axis: sorting and selecting by argsort/argmax
# results along each axis (the default last axis, negative axes, axis=None on the
# flattened array), indices that broadcast (one per row), negative indices, and the
# out-of-bounds IndexError; rows split over ranks.
import numpy as np

a = (np.arange(48) * 37 % 23).reshape((6, 8)).astype(np.float64)
order = np.argsort(a, axis=1)
print(np.take_along_axis(a, order, axis=1))
print(np.take_along_axis(a, order))
col = np.argsort(a, axis=0)
print(np.take_along_axis(a, col, axis=0))
best = np.expand_dims(np.argmax(a, axis=-1), axis=-1)
print(np.take_along_axis(a, best, axis=-1))
print(np.take_along_axis(a, np.array([[-1], [0], [2], [-3], [7], [1]]), axis=1))
flat = np.argsort(a, axis=None)
print(np.take_along_axis(a, flat, axis=None)[:10])

b = np.zeros((5, 4), dtype=np.int64)
np.put_along_axis(b, np.array([[0], [1], [2], [3], [-1]]), 7, axis=1)
print(b)
np.put_along_axis(b, np.array([[4, 0, 1, 3]]), np.array([[10, 20, 30, 40]]), axis=0)
print(b)
c = np.arange(24.0).reshape((2, 3, 4))
i3 = np.argsort(-c, axis=1)
print(np.take_along_axis(c, i3, axis=1))
print(np.take_along_axis(a, np.array([[9]]), axis=1))
