# exit: 1
# stderr: exception
# An index past a range's end, known only when running: Python's IndexError.
import numpy as np
r = range(3, 20, 4)
k = int(np.sum(np.ones(5)))
print(r[k - 1])
print(r[k])
