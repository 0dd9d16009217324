# An int on one path and a float on another, as an array item: NumPy chooses the array's
# dtype by the type met at run time (int64 for g(1), float64 for g(4)), so legatec refuses it.
import numpy as np
def g(i):
    y = 1
    if i > 2:
        y = 2.5
    return y
print(np.array([g(1), g(2)]))
