# exit: 1
# stderr: exception
# The value is known only at run time, and the OverflowError names it.
import sys
import numpy as np

a = np.array([1, 2], dtype=np.int32)
n = 2**30 * (len(sys.argv) + 1)
a[0] = n
print(a)
