# exit: 1
# stderr: exception
# An index out of range in the second of two index arrays: NumPy's IndexError names the
# axis of the array that was indexed.
import numpy as np

b = np.zeros((2, 3, 4))
print(b[np.array([0, 1]), 1, np.array([2, 3])])
print(b[1, np.array([0, 2]), np.array([1, 7])])
