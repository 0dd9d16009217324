# exit: 1
# stderr: exception
# np.delete of a position below -N of a flattened 2-D array: NumPy's IndexError.
import numpy as np

m = np.arange(6).reshape(2, 3)
k = -6
print(np.delete(m, k))
print(np.delete(m, k - 1))
