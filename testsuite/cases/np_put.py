# exit: 1
# stderr: exception
# np.put: flat C-order positions of 1-D and 2-D arrays (a view too), values repeated
# when fewer than positions, a scalar value, negative positions, repeated positions (the
# last write wins), float values cast to an int array, modes wrap and clip, bool
# positions, rows split over ranks; then NumPy's IndexError for a position out of range.
import numpy as np

a = np.zeros(10)
np.put(a, [0, 3, -1], [1.5, 2.5, 3.5])
print(a)
np.put(a, np.arange(2, 8), [7.0, 8.0])
print(a)
np.put(a, [4, 4, 4], [1.0, 2.0, 3.0])
print(a)
m = np.arange(24).reshape((4, 6))
np.put(m, [0, 7, 23], np.array([-1.9, 2.7, 100.2]))
print(m)
g = np.zeros((40, 5))
np.put(g, np.arange(0, 200, 7), 9.0)
print(np.sum(g), g[:3])
np.put(g, [205, -203], [1.0, 2.0], mode="wrap")
print(g[1, 0], g[0, 2])
np.put(g, [500, -500], [3.0, 4.0], mode="clip")
print(g[-1, -1], g[0, 0])
b = np.zeros(3)
np.put(b, [True, False], [5, 6])
print(b)
v = np.zeros((6, 4))[::2, 1:]
np.put(v, [0, 8], [1.0, 2.0])
print(v)
np.put(a, [1, 10], [0.5, 0.25])
print(a)
