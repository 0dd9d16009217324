# exit: 1
# stderr: exception
# np.delete of a position past the axis: NumPy's IndexError naming the first such one.
import numpy as np
m = np.arange(12).reshape(3, 4)
print(np.delete(m, [0, 1], axis=1))
print(np.delete(m, [1, 4, 7], axis=1))
