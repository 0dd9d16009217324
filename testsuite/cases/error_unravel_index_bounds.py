# exit: 1
# stderr: exception
# np.unravel_index of an index past the end: NumPy's ValueError names it and the size.
import numpy as np

idx = np.array([0, 5, 12, 13])
print(np.unravel_index(idx, (3, 4)))
