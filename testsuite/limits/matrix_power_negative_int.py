# legatec: ValueError: legatec: np.linalg.matrix_power of an int64 matrix to a negative power (here -1) makes a float matrix; give the power as an integer literal, or convert the matrix to float
# NumPy inverts the integer matrix and returns a float one; with the power known only at run
# time the compiled program's result has the integer dtype, so a negative power raises.
import sys

import numpy as np

M = np.array([[1, 1], [1, 0]])
print("before")
print(np.linalg.matrix_power(M, -len(sys.argv)))
