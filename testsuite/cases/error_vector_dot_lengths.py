# exit: 1
# stderr: exception
# Vectors of different lengths (known only at run time) in `np.dot`: NumPy's ValueError,
# not a broadcast of a length-1 vector.
import sys

import numpy as np

a = np.ones(5)
b = np.ones(len(sys.argv))
print(a.dot(a))
print(np.dot(a, b))
