# exit: 1
# stderr: exception
# A right-hand side whose length differs from the matrix: NumPy's gufunc ValueError.
import numpy as np

a = np.eye(3)
print(np.linalg.solve(a, np.ones((3, 2))).shape)
print(np.linalg.solve(a, np.ones(2)))
