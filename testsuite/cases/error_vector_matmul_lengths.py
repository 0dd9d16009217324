# exit: 1
# stderr: exception
# Vectors of different lengths (known only at run time) in `@`: matmul's ValueError.
import sys

import numpy as np

a = np.arange(3.0)
b = np.ones(len(sys.argv) + 3)
print(a @ a)
print(a @ b)
