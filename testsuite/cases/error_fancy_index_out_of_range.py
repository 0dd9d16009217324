# exit: 1
# An integer index array with an index out of range is an IndexError at run time.
import numpy as np

a = np.arange(5) * 1.5
idx = np.array([0, 2, 4])
print(a[idx])
idx[1] = -6
print("reading", idx)
print(a[idx])
print("not reached")
