# NumPy computes float functions of booleans in float16, which legatec does not have: a compile
# error rather than float64 values that differ from NumPy's.
import numpy as np
print(np.cos(np.array([True, False])))
