# exit: 1
# stderr: exception
# max() of an empty array: Python's ValueError.
import numpy as np

v = np.arange(3.0)
print(max(v))
print(max(v[3:]))
